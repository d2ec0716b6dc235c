#include "web/views.h"

#include <stdlib.h>
#include <string.h>

#include "app/report.h"

static const char *const filter_names[] = {"year", "form",   "fsm",    "pp",	  "eal", "send",
					   "gender", "band", "action", "flag", "pattern", NULL};

static bool listed(const char *const *names, const char *name)
{
	for (int i = 0; names && names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

struct args_check {
	const char *const *allowed;
	unsigned flags;
	struct app_error *err;
};

static int check_arg(void *ctx, const char *name, const char *value)
{
	(void)value;
	struct args_check *c = ctx;
	if (listed(c->allowed, name) || ((c->flags & VIEW_FILTER) && listed(filter_names, name)))
		return 0;
	char names[400] = "";
	for (int i = 0; c->allowed[i]; i++) {
		strncat(names, i ? ", " : "", sizeof names - strlen(names) - 1);
		strncat(names, c->allowed[i], sizeof names - strlen(names) - 1);
	}
	if (c->flags & VIEW_FILTER)
		strncat(names, ", year, form, fsm, pp, eal, send, gender, band, action, flag, pattern",
			sizeof names - strlen(names) - 1);
	app_fail(c->err, ERR_INPUT, name, "'%.40s' is not a parameter of this page (they are %s)",
		 name, names[0] ? names : "none");
	return -1;
}

struct filter_read {
	struct view *v;
	struct app_error *err;
};

static int read_filter(void *ctx, const char *name, const char *value)
{
	struct filter_read *f = ctx;
	if (!listed(filter_names, name) || !*value)
		return 0;
	return pupil_filter_set(&f->v->filter, &f->v->e->m, name, value, f->err) < 0 ? -1 : 0;
}

int view_open(struct web_req *r, struct view *v, const char *const *allowed, unsigned flags,
	      struct app_error *err)
{
	memset(v, 0, sizeof *v);
	v->r = r;
	v->e = &r->srv->e;
	pupil_filter_init(&v->filter);
	struct args_check c = {allowed, flags, err};
	if (web_query_each(r, check_arg, &c) != 0)
		return -1;
	if (analytics_settings_load(r->rd, v->e->school.id, &v->a.words, err) < 0)
		return -1;
	v->phase = benchmarks_phase_of(v->e->school.phase);
	if ((flags & VIEW_BENCHMARKS) && benchmarks_read(r->rd, v->e->school.id, &v->bench, err) < 0)
		return -1;
	pthread_rwlock_rdlock(&r->srv->lock);
	v->locked = true;
	if (web_stats_query(r, &v->a.q, &v->scope, err) < 0)
		goto fail;
	struct filter_read fr = {v, err};
	if ((flags & VIEW_FILTER) && web_query_each(r, read_filter, &fr) != 0)
		goto fail;
	date_format(v->a.q.from, v->from);
	date_format(v->a.q.to, v->to);
	return 0;
fail:
	view_close(v);
	return -1;
}

int view_compute(struct view *v, unsigned what, struct app_error *err)
{
	if (dash_compute(v->e, &v->a, what, &v->d) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory computing the figures");
	v->computed = true;
	return 0;
}

void view_close(struct view *v)
{
	if (v->computed)
		dash_free(&v->d);
	v->computed = false;
	if (v->locked)
		pthread_rwlock_unlock(&v->r->srv->lock);
	v->locked = false;
	free(v->scope);
	v->scope = NULL;
	benchmarks_free(&v->bench);
}

void view_pct(struct html *h, int64_t pct100)
{
	char b[16];
	if (pct100 < 0)
		html_lit(h, "–");
	else
		html_txt(h, wording_pct(pct100, b, sizeof b));
}

void view_pp(struct html *h, int64_t pp100)
{
	char b[16];
	report_pp_text(b, sizeof b, pp100);
	if (pp100 == PP_NONE)
		html_lit(h, "–");
	else
		html_txt(h, b);
}

/* data-v as `attend stats --json` writes it: two decimals, or null. */
static void data_v(struct html *h, int64_t v, enum fig_kind kind)
{
	html_lit(h, " data-v=\"");
	if ((kind == FIG_PCT && v < 0) || (kind == FIG_PP && v == PP_NONE))
		html_lit(h, "null");
	else if (kind != FIG_COUNT)
		html_txtf(h, "%s%lld.%02lld", v < 0 ? "-" : "", (long long)(llabs(v) / 100),
			  (long long)(llabs(v) % 100));
	else
		html_txtf(h, "%lld", (long long)v);
	html_lit(h, "\"");
}

void view_data_attrs(struct html *h, const char *key, int64_t v, enum fig_kind kind)
{
	html_lit(h, " data-k=\"");
	html_attr(h, key);
	html_lit(h, "\"");
	data_v(h, v, kind);
}

static void open_figure(struct html *h, const char *key, int64_t v, enum fig_kind kind,
			const char *href)
{
	if (href && *href) {
		html_lit(h, "<a class=\"fig\" href=\"");
		html_attr(h, href);
		html_lit(h, "\"");
	} else {
		html_lit(h, "<span class=\"fig\"");
	}
	view_data_attrs(h, key, v, kind);
	html_lit(h, ">");
}

static void close_figure(struct html *h, const char *href)
{
	if (href && *href)
		html_lit(h, "</a>");
	else
		html_lit(h, "</span>");
}

void view_figure(struct html *h, const char *key, int64_t v, enum fig_kind kind, const char *href)
{
	open_figure(h, key, v, kind, href);
	if (kind == FIG_PCT)
		view_pct(h, v);
	else if (kind == FIG_PP)
		view_pp(h, v);
	else
		html_int(h, (long)v);
	close_figure(h, href);
}

void view_count_rate(struct html *h, const char *key, int64_t count, int64_t pct100,
		     const char *href)
{
	char k[96];
	open_figure(h, key, count, FIG_COUNT, href);
	html_int(h, (long)count);
	close_figure(h, href);
	html_lit(h, " <small>(");
	snprintf(k, sizeof k, "%s_pct", key);
	view_figure(h, k, pct100, FIG_PCT, NULL);
	html_lit(h, ")</small>");
}

void view_pupils_href(const struct view *v, date_t from, date_t to, const char *extra, char *buf,
		      size_t len)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	if (!v->a.q.identify_pupils) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, len, "/pupils?from=%s&to=%s%s%s", date_format(from, a), date_format(to, b),
		 extra && *extra ? "&" : "", extra ? extra : "");
}

void view_flag(struct html *h, enum action a)
{
	html_lit(h, "<span class=\"flag flag-");
	html_attr(h, action_name(a));
	html_lit(h, "\" title=\"");
	html_attr(h, action_step(a));
	html_lit(h, "\">");
	html_txt(h, action_label(a));
	html_lit(h, "</span>");
}

void view_pupil_link(struct html *h, const struct pupil_row *p)
{
	html_lit(h, "<a class=\"pupil\" href=\"/pupils/");
	html_url_seg(h, p->upn);
	html_lit(h, "\">");
	html_txt(h, p->surname);
	html_lit(h, ", ");
	html_txt(h, p->forename);
	html_lit(h, "</a>");
}

void view_pupil_row(struct html *h, const struct view *v, const struct pupil_row *p, bool form)
{
	html_lit(h, "<tr data-upn=\"");
	html_attr(h, p->upn);
	html_lit(h, "\"><th scope=\"row\">");
	view_pupil_link(h, p);
	html_lit(h, "</th>");
	if (form) {
		html_lit(h, "<td>");
		html_txt(h, v->e->m.forms[p->form]);
		html_lit(h, "</td>");
	}
}

void view_range_text(struct html *h, date_t from, date_t to)
{
	char a[40], b[40];
	html_txt(h, html_long_date(from, a));
	html_lit(h, " to ");
	html_txt(h, html_long_date(to, b));
}

void view_range_form(struct html *h, const struct view *v, const char *action)
{
	html_lit(h, "<form class=\"inline\" method=\"get\" action=\"");
	html_attr(h, action);
	html_lit(h, "\"><label>From <input type=\"date\" name=\"from\" value=\"");
	html_attr(h, v->from);
	html_lit(h, "\"></label><label>To (as of) <input type=\"date\" name=\"to\" value=\"");
	html_attr(h, v->to);
	html_lit(h, "\"></label>");
	/* the filters in force travel with the range */
	for (int i = 0; filter_names[i]; i++) {
		const char *val = web_query(v->r, filter_names[i]);
		if (!val || !*val)
			continue;
		html_lit(h, "<input type=\"hidden\" name=\"");
		html_attr(h, filter_names[i]);
		html_lit(h, "\" value=\"");
		html_attr(h, val);
		html_lit(h, "\">");
	}
	html_lit(h, "<button type=\"submit\">Show</button></form>");
}

const char *view_period_label(enum period p)
{
	static const char *const labels[PERIOD__MAX] = {
		"Today",	  "This week",	       "Last week",	    "This half-term",
		"Last half-term", "This term to date", "This year to date", "Same point last year"};
	return (unsigned)p < PERIOD__MAX ? labels[p] : "?";
}

void view_period_th(struct html *h, const struct view *v, enum period p)
{
	const struct trends_result *t = &v->d.t;
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], x[40];
	html_lit(h, "<th scope=\"col\" data-period=\"");
	html_attr(h, period_name(p));
	html_lit(h, "\"");
	if (t->per.has[p]) {
		html_lit(h, " data-from=\"");
		html_attr(h, date_format(t->per.r[p].from, a));
		html_lit(h, "\" data-to=\"");
		html_attr(h, date_format(t->per.r[p].to, b));
		html_lit(h, "\"");
	}
	html_lit(h, ">");
	html_txt(h, view_period_label(p));
	if (t->per.has[p]) {
		html_lit(h, "<br><small>");
		if (t->per.r[p].from == t->per.r[p].to)
			html_txt(h, html_long_date(t->per.r[p].from, x));
		else
			html_txtf(h, "%s to %s", a, b);
		html_lit(h, "</small>");
	}
	html_lit(h, "</th>");
}

void view_heading(struct html *h, const struct view *v, const char *title, const char *action)
{
	html_lit(h, "<h1>");
	html_txt(h, title);
	html_lit(h, " <small>");
	view_range_text(h, v->a.q.from, v->a.q.to);
	html_lit(h, "</small></h1>");
	view_range_form(h, v, action);
}

void view_days(struct html *h, const struct view *v, int64_t sessions)
{
	char b[64];
	html_txt(h, wording_days_lessons(sessions, v->a.words.lessons_per_day, b, sizeof b));
}

int64_t view_national(const struct view *v, enum bm_measure m, const char *cohort)
{
	int32_t x;
	bool derived;
	return benchmarks_national(&v->bench, v->phase, m, cohort, BM_FULL_YEAR, &x, &derived) ? x : -1;
}

void view_benchmark(struct html *h, const struct view *v, const char *key, enum bm_measure m,
		    const char *cohort, enum bm_period want)
{
	int32_t x;
	bool derived;
	const struct benchmark *b = benchmarks_national(&v->bench, v->phase, m, cohort, want, &x, &derived);
	if (!b) {
		html_lit(h, "<span class=\"hint\">–</span>");
		return;
	}
	char d[160];
	html_lit(h, "<span class=\"bench\" data-k=\"");
	html_attr(h, key);
	html_lit(h, "\"");
	data_v(h, x, FIG_PCT);
	html_lit(h, " title=\"");
	if (derived)
		html_lit(h, "100% less the absence rate, ");
	html_attr(h, bm_describe(b, d, sizeof d));
	html_lit(h, ": ");
	html_attr(h, b->source);
	html_lit(h, "\">");
	view_pct(h, x);
	html_lit(h, "</span>");
}
