/* GET /trust and /api/trust: the trust dashboard for the trust roles.
 * Every school of the trust side by side over the range (default the
 * academic year to date): attendance, persistent and severe absence, the
 * week-on-week trend (this week against last), the cohort gaps, each school
 * against the national figures of its phase, against the trust and ranked
 * among the others; a school's row opens that school. Every figure comes
 * from dash_compute on that school's own engine (core/stats); the trust's
 * line adds the schools' sums. A trust leader sees aggregate figures only,
 * under the small-number rule of core/disclosure (as the governor report
 * and /stats): counts of 1 to 5 pupils are shown as "fewer than 6", and
 * since the schools' counts add up to the trust's, one hidden count hides
 * the next smallest with it; a cohort (or the rest of its school) of 1 to
 * 5 pupils shows no figures.
 *
 * GET /similar and /api/similar: similar-schools benchmarking. A school
 * against the schools of its trust of the same phase (their figures side
 * by side, and the group's), and against the similar-school figures it
 * loaded with `attend import benchmarks` (scope `similar`). Other schools'
 * figures are aggregates with small numbers hidden (for every role but the
 * trust attendance lead). */
#include <stdlib.h>
#include <string.h>

#include "app/report.h"
#include "core/disclosure.h"
#include "core/groups.h"
#include "web/views.h"

struct trust_cohort {
	int32_t pupils;
	int64_t absence_pct, gap_absence_pp, gap_persistent_pp;
	bool hidden; /* the cohort or its rest under the small-number rule */
};

/* The counts of pupils the small-number rule may hide. */
enum trust_count { TC_PUPILS, TC_PERSISTENT, TC_SEVERE, TC__MAX };

struct trust_school {
	struct school_rec school;
	bool served;
	struct group_figures range, week, last_week;
	bool hide[TC__MAX]; /* under the small-number rule (aggregate only) */
	struct trend_change change;
	int64_t national_att, national_pa, national_sa; /* -1: none */
	struct trust_cohort cohort[16];
	int rank;
	/* the school's similar-school benchmarks (attendance, absence, PA, SA): -1 none */
	int32_t similar[4];
	char similar_source[BM_SOURCE_MAX + 80];
};
static const enum bm_measure similar_measures[4] = {BM_ATTENDANCE, BM_ABSENCE, BM_PERSISTENT,
						   BM_SEVERE};

struct trust_view {
	char name[STORE_TRUST_MAX];
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	bool aggregate; /* small numbers hidden */
	struct trust_school *v;
	int n;
	bool in_trust;
	struct group_figures all, all_week, all_last_week;
	bool all_hide[TC__MAX];
};

static int add_school(void *ctx, const struct school_rec *s)
{
	struct trust_view *t = ctx;
	struct trust_school x = {.school = *s};
	return web_push(&t->v, &t->n, sizeof x, &x);
}

static const char *const allowed[] = {"from", "to", NULL};

/* One school's figures, on its own server's engine under its read lock. */
static int school_figures(struct web_req *r, struct server *srv, struct trust_view *t,
			  struct trust_school *x, struct app_error *err)
{
	struct server *own = r->srv;
	struct view v;
	r->srv = srv;
	int rc = view_open(r, &v, allowed, VIEW_BENCHMARKS, err);
	if (rc == 0 && (rc = view_compute(&v, DASH_COHORTS, err)) == 0) {
		const struct trends_result *res = &v.d.t;
		x->range = res->school.range;
		if (res->per.has[PERIOD_THIS_WEEK])
			x->week = res->school.period[PERIOD_THIS_WEEK];
		if (res->per.has[PERIOD_LAST_WEEK])
			x->last_week = res->school.period[PERIOD_LAST_WEEK];
		trends_period_change(res->school.period, PERIOD_THIS_WEEK, PERIOD_LAST_WEEK, &x->change);
		x->national_att = view_national(&v, BM_ATTENDANCE, "all");
		x->national_pa = view_national(&v, BM_PERSISTENT, "all");
		x->national_sa = view_national(&v, BM_SEVERE, "all");
		for (int k = 0; k < 4; k++) {
			const struct benchmark *b = bm_find(v.bench.v, v.bench.n, BM_SIMILAR, v.phase,
							    similar_measures[k], "all", BM_FULL_YEAR);
			x->similar[k] = b ? b->value100 : -1;
			if (b && !x->similar_source[0])
				bm_describe(b, x->similar_source, sizeof x->similar_source);
		}
		for (int i = 0; i < dash_n_cohorts && i < 16; i++) {
			const struct group_figures *c = dash_cohort_sums(&v.d, &dash_cohorts[i]);
			struct trust_cohort *tc = &x->cohort[i];
			tc->absence_pct = tc->gap_absence_pp = tc->gap_persistent_pp = -1;
			if (!c)
				continue;
			struct cohort_gap gap;
			groups_cohort_gap(c, &x->range, &gap);
			tc->pupils = c->pupils;
			tc->absence_pct = stats_pct100(c->authorised + c->unauthorised, c->possible);
			tc->gap_absence_pp = gap.absence_pp100;
			tc->gap_persistent_pp = gap.persistent_pp100;
			tc->hidden = t->aggregate && (disclosure_small(c->pupils) ||
						      disclosure_small(gap.rest_pupils));
		}
		snprintf(t->from, sizeof t->from, "%s", v.from);
		snprintf(t->to, sizeof t->to, "%s", v.to);
	}
	view_close(&v);
	r->srv = own;
	return rc;
}

static int64_t att_pct(const struct group_figures *g)
{
	return stats_pct100(g->present + g->approved, g->possible);
}

static int64_t count_of(const struct group_figures *g, enum trust_count k)
{
	return k == TC_PUPILS ? g->pupils : k == TC_PERSISTENT ? g->persistent : g->severe;
}

/* The small-number rule over the served schools (those shown): each count
 * of 1 to 5 hidden, and, as the schools' counts add up to the total shown
 * beside them, the next smallest with a lone hidden one. Nothing hidden
 * for a reader who may identify pupils. */
static int trust_disclose(struct trust_view *t)
{
	memset(t->all_hide, 0, sizeof t->all_hide);
	for (int i = 0; i < t->n; i++)
		memset(t->v[i].hide, 0, sizeof t->v[i].hide);
	if (!t->aggregate)
		return 0;
	int64_t *counts = calloc((size_t)(t->n ? t->n : 1), sizeof *counts);
	bool *hidden = calloc((size_t)(t->n ? t->n : 1), sizeof *hidden);
	int *at = calloc((size_t)(t->n ? t->n : 1), sizeof *at);
	int rc = counts && hidden && at ? 0 : -1;
	for (int k = 0; rc == 0 && k < TC__MAX; k++) {
		int n = 0;
		for (int i = 0; i < t->n; i++)
			if (t->v[i].served) {
				at[n] = i;
				counts[n++] = count_of(&t->v[i].range, (enum trust_count)k);
			}
		disclosure_suppress(counts, n, hidden);
		for (int j = 0; j < n; j++)
			t->v[at[j]].hide[k] = hidden[j];
		t->all_hide[k] = disclosure_small(count_of(&t->all, (enum trust_count)k));
	}
	free(counts);
	free(hidden);
	free(at);
	return rc;
}

/* The schools of the trust of the request's school (phase: of that phase
 * only; a school in no trust is then alone), each one's figures. */
static int trust_load(struct web_req *r, struct trust_view *t, const char *phase,
		      struct app_error *err)
{
	memset(t, 0, sizeof *t);
	t->aggregate = !account_identifies_pupils(&r->who);
	int64_t trust_id;
	int rc = store_school_trust(r->rd, r->who.school_id, &trust_id, t->name, sizeof t->name);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	t->in_trust = rc == 0;
	if (rc == 1 && !phase)
		return app_fail(err, ERR_NOT_FOUND, NULL,
				"%s is in no trust: `attend init --trust NAME` puts it in one",
				r->srv->e.school.name);
	if (rc == 1 ? add_school(t, &r->srv->e.school) < 0
		    : store_trust_schools_each(r->rd, trust_id, add_school, t) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	for (int i = 0; i < t->n; i++) {
		struct trust_school *x = &t->v[i];
		if (phase && strcmp(x->school.phase, phase) != 0)
			continue;
		struct server *srv = web_school_of(r->srv->site, x->school.id);
		if (!srv)
			continue; /* added since the server started: shown as such */
		x->served = true;
		if (school_figures(r, srv, t, x, err) < 0)
			return -1;
		group_figures_add(&t->all, &x->range);
		group_figures_add(&t->all_week, &x->week);
		group_figures_add(&t->all_last_week, &x->last_week);
	}
	/* Ranked by attendance over the range; equal figures share a rank. */
	for (int i = 0; i < t->n; i++) {
		t->v[i].rank = 1;
		for (int k = 0; k < t->n; k++)
			if (t->v[k].served && att_pct(&t->v[k].range) > att_pct(&t->v[i].range))
				t->v[i].rank++;
	}
	if (trust_disclose(t) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	return 0;
}

/* ---- JSON ---- */

static json_t *count_json(bool hide, int64_t n)
{
	return hide ? json_string(DISCLOSE_HIDDEN) : json_integer(n);
}

static json_t *rate_json(bool hide, int64_t n, int64_t den)
{
	return hide ? json_string(DISCLOSE_HIDDEN) : report_pct_json(stats_pct100(n, den));
}

static json_t *figures_json(const bool hide[TC__MAX], const struct group_figures *g,
			    const struct group_figures *w, const struct group_figures *lw)
{
	struct trend_change c;
	trends_change(w->present + w->approved, w->possible, lw->present + lw->approved,
		      lw->possible, TREND_MIN_CHANGE_PP100, &c);
	json_t *o = json_object();
	json_object_set_new(o, "pupils", count_json(hide[TC_PUPILS], g->pupils));
	json_object_set_new(o, "attendance_pct", report_pct_json(att_pct(g)));
	json_object_set_new(o, "absence_pct",
			    report_pct_json(stats_pct100(g->authorised + g->unauthorised, g->possible)));
	json_object_set_new(o, "unauthorised_pct", report_pct_json(stats_pct100(g->unauthorised, g->possible)));
	json_object_set_new(o, "persistent", count_json(hide[TC_PERSISTENT], g->persistent));
	json_object_set_new(o, "persistent_pct",
			    rate_json(hide[TC_PERSISTENT], g->persistent, g->pupils_with_possible));
	json_object_set_new(o, "severe", count_json(hide[TC_SEVERE], g->severe));
	json_object_set_new(o, "severe_pct",
			    rate_json(hide[TC_SEVERE], g->severe, g->pupils_with_possible));
	json_object_set_new(o, "this_week_pct", report_pct_json(c.now_pct100));
	json_object_set_new(o, "last_week_pct", report_pct_json(c.before_pct100));
	json_object_set_new(o, "week_change_pp", report_pp_json(c.change_pp100));
	const char *dir = trend_direction_name(c.direction);
	json_object_set_new(o, "trend", dir ? json_string(dir) : json_null());
	return o;
}

static json_t *national_json(int64_t v)
{
	return v < 0 ? json_null() : report_pct_json(v);
}

int api_trust(struct web_req *r)
{
	struct trust_view t;
	struct app_error err = {0};
	if (trust_load(r, &t, NULL, &err) < 0) {
		free(t.v);
		return web_error(r, &err);
	}
	json_t *out = json_object(), *schools = json_array();
	json_object_set_new(out, "trust", json_string(t.name));
	json_object_set_new(out, "from", json_string(t.from));
	json_object_set_new(out, "to", json_string(t.to));
	json_object_set_new(out, "small_numbers_hidden", json_boolean(t.aggregate));
	json_object_set_new(out, "figures", figures_json(t.all_hide, &t.all, &t.all_week, &t.all_last_week));
	int64_t trust_att = att_pct(&t.all);
	for (int i = 0; i < t.n; i++) {
		const struct trust_school *x = &t.v[i];
		json_t *s = json_pack("{s:s, s:s, s:s, s:s, s:b}", "urn", x->school.urn, "name",
				      x->school.name, "phase", x->school.phase, "la", x->school.la_code,
				      "served", x->served);
		if (x->served) {
			json_object_update_new(s, figures_json(x->hide, &x->range, &x->week, &x->last_week));
			json_object_set_new(s, "rank", json_integer(x->rank));
			int64_t att = att_pct(&x->range);
			json_object_set_new(s, "against_trust_pp",
					    report_pp_json(att < 0 || trust_att < 0 ? PP_NONE : att - trust_att));
			json_object_set_new(s, "against_national_pp",
					    report_pp_json(att < 0 || x->national_att < 0
								   ? PP_NONE
								   : att - x->national_att));
			json_object_set_new(s, "national",
					    json_pack("{s:o, s:o, s:o}", "attendance_pct",
						      national_json(x->national_att), "persistent_pct",
						      national_json(x->national_pa), "severe_pct",
						      national_json(x->national_sa)));
			json_t *cs = json_array();
			for (int k = 0; k < dash_n_cohorts && k < 16; k++) {
				const struct trust_cohort *c = &x->cohort[k];
				json_t *co = json_pack("{s:s}", "cohort", dash_cohorts[k].cohort);
				if (c->hidden) {
					json_object_set_new(co, "pupils", json_string(DISCLOSE_HIDDEN));
				} else {
					json_object_set_new(co, "pupils", json_integer(c->pupils));
					json_object_set_new(co, "absence_pct", report_pct_json(c->absence_pct));
					json_object_set_new(co, "gap_absence_pp", report_pp_json(c->gap_absence_pp));
					json_object_set_new(co, "gap_persistent_pp",
							    report_pp_json(c->gap_persistent_pp));
				}
				json_array_append_new(cs, co);
			}
			json_object_set_new(s, "cohorts", cs);
		}
		json_array_append_new(schools, s);
	}
	json_object_set_new(out, "schools", schools);
	free(t.v);
	return web_json(r, 200, out);
}

/* ---- the page ---- */

static void cell_count(struct html *h, bool hide, const char *key, int64_t n, int64_t den)
{
	html_lit(h, "<td>");
	if (hide) {
		html_lit(h, "<span class=\"hint\" data-k=\"");
		html_attr(h, key);
		html_lit(h, "\">" DISCLOSE_HIDDEN "</span></td>");
		return;
	}
	view_count_rate(h, key, n, stats_pct100(n, den), NULL);
	html_lit(h, "</td>");
}

static void cell_fig(struct html *h, const char *key, int64_t v, enum fig_kind kind)
{
	html_lit(h, "<td>");
	view_figure(h, key, v, kind, NULL);
	html_lit(h, "</td>");
}

static void school_row(struct html *h, struct web_req *r, const struct trust_view *t,
		       const struct trust_school *x, const char *name, const struct group_figures *g,
		       const struct group_figures *w, const struct group_figures *lw, int64_t national,
		       int64_t trust_att)
{
	char key[96];
	const char *id = x ? x->school.urn : "trust";
	struct trend_change c;
	trends_change(w->present + w->approved, w->possible, lw->present + lw->approved,
		      lw->possible, TREND_MIN_CHANGE_PP100, &c);
	if (x)
		html_lit(h, "<tr data-urn=\"");
	else
		html_lit(h, "<tr class=\"total\" data-urn=\"");
	html_attr(h, id);
	html_lit(h, "\"><th scope=\"row\">");
	if (x) {
		/* opens the school: the session then works in it */
		html_lit(h, "<form method=\"post\" action=\"/schools\">");
		html_csrf(h, r);
		html_lit(h, "<input type=\"hidden\" name=\"urn\" value=\"");
		html_attr(h, x->school.urn);
		html_lit(h, "\"><input type=\"hidden\" name=\"next\" value=\"");
		html_attr(h, account_whole_school(&r->who) ? "/dashboard" : "/governors");
		html_lit(h, "\"><button type=\"submit\" class=\"link\">");
		html_txt(h, name);
		html_lit(h, "</button></form> <small>");
		html_txt(h, x->school.phase);
		html_lit(h, "</small>");
	} else {
		html_txt(h, name);
	}
	html_lit(h, "</th>");
	if (x && !x->served) {
		html_lit(h, "<td colspan=\"9\" class=\"hint\">Added since this server started: restart "
			    "it to see this school</td></tr>");
		return;
	}
	const bool *hide = x ? x->hide : t->all_hide;
	snprintf(key, sizeof key, "s.%s.pupils", id);
	html_lit(h, "<td>");
	if (hide[TC_PUPILS])
		html_lit(h, DISCLOSE_HIDDEN);
	else
		view_figure(h, key, g->pupils, FIG_COUNT, NULL);
	html_lit(h, "</td>");
	snprintf(key, sizeof key, "s.%s.attendance_pct", id);
	cell_fig(h, key, att_pct(g), FIG_PCT);
	snprintf(key, sizeof key, "s.%s.persistent", id);
	cell_count(h, hide[TC_PERSISTENT], key, g->persistent, g->pupils_with_possible);
	snprintf(key, sizeof key, "s.%s.severe", id);
	cell_count(h, hide[TC_SEVERE], key, g->severe, g->pupils_with_possible);
	snprintf(key, sizeof key, "s.%s.this_week_pct", id);
	cell_fig(h, key, c.now_pct100, FIG_PCT);
	snprintf(key, sizeof key, "s.%s.week_change_pp", id);
	cell_fig(h, key, c.change_pp100, FIG_PP);
	int64_t att = att_pct(g);
	snprintf(key, sizeof key, "s.%s.against_national_pp", id);
	cell_fig(h, key, att < 0 || national < 0 ? PP_NONE : att - national, FIG_PP);
	snprintf(key, sizeof key, "s.%s.against_trust_pp", id);
	cell_fig(h, key, att < 0 || trust_att < 0 ? PP_NONE : att - trust_att, FIG_PP);
	html_lit(h, "<td>");
	if (x)
		html_int(h, x->rank);
	html_lit(h, "</td></tr>");
}

static void cohort_table(struct html *h, const struct trust_view *t)
{
	html_lit(h, "<h2 id=\"cohorts\">Cohort gaps</h2><p class=\"hint\">Each cohort's absence "
		    "against the rest of its school, in percentage points: a positive gap means the "
		    "cohort misses more.</p><div class=\"scroll\"><table class=\"list\" "
		    "id=\"trust-cohorts\"><thead><tr><th scope=\"col\">School</th>");
	for (int k = 0; k < dash_n_cohorts; k++) {
		html_lit(h, "<th scope=\"col\">");
		html_txt(h, dash_cohorts[k].short_label);
		html_lit(h, "</th>");
	}
	html_lit(h, "</tr></thead><tbody>");
	for (int i = 0; i < t->n; i++) {
		const struct trust_school *x = &t->v[i];
		if (!x->served)
			continue;
		html_lit(h, "<tr data-urn=\"");
		html_attr(h, x->school.urn);
		html_lit(h, "\"><th scope=\"row\">");
		html_txt(h, x->school.name);
		html_lit(h, "</th>");
		for (int k = 0; k < dash_n_cohorts && k < 16; k++) {
			const struct trust_cohort *c = &x->cohort[k];
			char key[96];
			snprintf(key, sizeof key, "c.%s.%s.gap_absence_pp", x->school.urn,
				 dash_cohorts[k].cohort);
			if (c->hidden)
				html_lit(h, "<td class=\"hint\">" DISCLOSE_HIDDEN "</td>");
			else if (c->absence_pct < 0)
				html_lit(h, "<td class=\"hint\">–</td>");
			else
				cell_fig(h, key, c->gap_absence_pp, FIG_PP);
		}
		html_lit(h, "</tr>");
	}
	html_lit(h, "</tbody></table></div>");
}

int page_trust(struct web_req *r)
{
	struct trust_view t;
	struct app_error err = {0};
	if (trust_load(r, &t, NULL, &err) < 0) {
		free(t.v);
		return web_error(r, &err);
	}
	struct html h = {0};
	html_begin(&h, r, t.name);
	html_lit(&h, "<h1>");
	html_txt(&h, t.name);
	html_lit(&h, " <small>");
	view_range_text(&h, date_parse(t.from), date_parse(t.to));
	html_lit(&h, "</small></h1>");
	if (t.aggregate)
		html_lit(&h, "<p class=\"hint\">Aggregate figures only: a count of " DISCLOSE_HIDDEN
			     " pupils, and a cohort of " DISCLOSE_HIDDEN ", is not shown (nor, beside "
			     "one such count, the next smallest).</p>");
	html_lit(&h, "<div class=\"scroll\"><table class=\"list figures-table\" id=\"trust-schools\">"
		     "<thead><tr><th scope=\"col\">School</th><th scope=\"col\">Pupils</th>"
		     "<th scope=\"col\">Attendance</th><th scope=\"col\">Persistent absence</th>"
		     "<th scope=\"col\">Severe absence</th><th scope=\"col\">This week</th>"
		     "<th scope=\"col\">Change on last week (points)</th><th scope=\"col\">Against "
		     "national (points)</th><th scope=\"col\">Against the trust (points)</th>"
		     "<th scope=\"col\">Rank</th></tr></thead><tbody>");
	int64_t trust_att = att_pct(&t.all);
	for (int i = 0; i < t.n; i++)
		school_row(&h, r, &t, &t.v[i], t.v[i].school.name, &t.v[i].range, &t.v[i].week,
			   &t.v[i].last_week, t.v[i].national_att, trust_att);
	school_row(&h, r, &t, NULL, "The trust", &t.all, &t.all_week, &t.all_last_week, -1, trust_att);
	html_lit(&h, "</tbody></table></div><p class=\"hint\">Attendance over the range; this week "
		     "against last week; national figures are the latest published for each school's "
		     "phase. Open a school to see its own dashboard.</p>");
	cohort_table(&h, &t);
	html_end(&h, r);
	free(t.v);
	return html_send(&h, r, 200);
}

/* ---- similar schools ---- */

/* The schools of the request's school's phase (in its trust), their
 * figures; -1 when answered with an error. */
static int similar_load(struct web_req *r, struct trust_view *t)
{
	struct app_error err = {0};
	if (trust_load(r, t, r->srv->e.school.phase, &err) < 0) {
		free(t->v);
		web_error(r, &err);
		return -1;
	}
	/* others' figures: aggregates, small numbers hidden, but for the trust's lead */
	t->aggregate = r->who.role != ROLE_TRUST_ATTENDANCE_LEAD;
	if (trust_disclose(t) < 0) {
		free(t->v);
		web_fail(r, ERR_INTERNAL, NULL, "out of memory");
		return -1;
	}
	return 0;
}

int api_similar(struct web_req *r)
{
	struct trust_view t;
	const char *phase = r->srv->e.school.phase;
	if (similar_load(r, &t) < 0)
		return 0;
	json_t *out = json_object(), *schools = json_array(), *similar = json_object();
	json_object_set_new(out, "school", json_string(r->srv->e.school.urn));
	json_object_set_new(out, "phase", json_string(phase));
	json_object_set_new(out, "trust", t.in_trust ? json_string(t.name) : json_null());
	json_object_set_new(out, "from", json_string(t.from));
	json_object_set_new(out, "to", json_string(t.to));
	json_object_set_new(out, "small_numbers_hidden", json_boolean(t.aggregate));
	struct group_figures same = {0}, w = {0}, lw = {0};
	for (int i = 0; i < t.n; i++) {
		const struct trust_school *x = &t.v[i];
		if (!x->served || strcmp(x->school.phase, phase) != 0)
			continue;
		json_t *s = json_pack("{s:s, s:s, s:b}", "urn", x->school.urn, "name", x->school.name,
				      "this_school", x->school.id == r->who.school_id);
		json_object_update_new(s, figures_json(x->hide, &x->range, &x->week, &x->last_week));
		json_array_append_new(schools, s);
		group_figures_add(&same, &x->range);
		group_figures_add(&w, &x->week);
		group_figures_add(&lw, &x->last_week);
		if (x->school.id != r->who.school_id)
			continue;
		for (int k = 0; k < 4; k++)
			json_object_set_new(similar, bm_measure_name(similar_measures[k]),
					    x->similar[k] < 0 ? json_null() : report_pct_json(x->similar[k]));
		json_object_set_new(similar, "source",
				    x->similar_source[0] ? json_string(x->similar_source) : json_null());
	}
	json_object_set_new(out, "schools", schools);
	json_object_set_new(out, "same_phase", figures_json(t.all_hide, &same, &w, &lw));
	json_object_set_new(out, "similar_schools", similar);
	free(t.v);
	return web_json(r, 200, out);
}

int page_similar(struct web_req *r)
{
	struct trust_view t;
	const char *phase = r->srv->e.school.phase;
	if (similar_load(r, &t) < 0)
		return 0;
	struct html h = {0};
	html_begin(&h, r, "Similar schools");
	html_lit(&h, "<h1>Similar schools <small>");
	view_range_text(&h, date_parse(t.from), date_parse(t.to));
	html_lit(&h, "</small></h1><p>");
	html_txt(&h, r->srv->e.school.name);
	html_lit(&h, " beside the ");
	html_txt(&h, phase);
	html_lit(&h, " schools of ");
	html_txt(&h, t.in_trust ? t.name : "its trust (it is in none)");
	html_lit(&h, ", and the similar-school figures loaded with <code>attend import "
		     "benchmarks</code>.</p><div class=\"scroll\"><table class=\"list figures-table\" "
		     "id=\"similar-schools\"><thead><tr><th scope=\"col\">School</th><th scope=\"col\">"
		     "Pupils</th><th scope=\"col\">Attendance</th><th scope=\"col\">Persistent "
		     "absence</th><th scope=\"col\">Severe absence</th><th scope=\"col\">This week</th>"
		     "<th scope=\"col\">Change on last week (points)</th><th scope=\"col\">Against "
		     "national (points)</th><th scope=\"col\">Against the group (points)</th>"
		     "<th scope=\"col\">Rank</th></tr></thead><tbody>");
	struct group_figures same = {0}, w = {0}, lw = {0};
	const struct trust_school *own = NULL;
	for (int i = 0; i < t.n; i++) {
		if (!t.v[i].served || strcmp(t.v[i].school.phase, phase) != 0)
			continue;
		group_figures_add(&same, &t.v[i].range);
		group_figures_add(&w, &t.v[i].week);
		group_figures_add(&lw, &t.v[i].last_week);
		if (t.v[i].school.id == r->who.school_id)
			own = &t.v[i];
	}
	for (int i = 0; i < t.n; i++)
		if (t.v[i].served && strcmp(t.v[i].school.phase, phase) == 0)
			school_row(&h, r, &t, &t.v[i], t.v[i].school.name, &t.v[i].range, &t.v[i].week,
				   &t.v[i].last_week, t.v[i].national_att, att_pct(&same));
	school_row(&h, r, &t, NULL, "Schools of this phase", &same, &w, &lw, -1, att_pct(&same));
	html_lit(&h, "</tbody></table></div><h2 id=\"similar\">Similar schools' published "
		     "figures</h2>");
	if (!own || (own->similar[0] < 0 && own->similar[1] < 0 && own->similar[2] < 0 &&
		     own->similar[3] < 0)) {
		html_lit(&h, "<p class=\"hint\">None loaded: <code>attend import benchmarks</code> "
			     "with scope <code>similar</code> adds them.</p>");
	} else {
		html_lit(&h, "<table class=\"list\" id=\"similar-figures\"><thead><tr><th scope=\"col\">"
			     "Figure</th><th scope=\"col\">This school</th><th scope=\"col\">Similar "
			     "schools</th></tr></thead><tbody>");
		static const char *const labels[4] = {"Attendance", "Absence", "Persistent absence",
						      "Severe absence"};
		const struct group_figures *g = &own->range;
		int64_t mine[4] = {att_pct(g), stats_pct100(g->authorised + g->unauthorised, g->possible),
				   stats_pct100(g->persistent, g->pupils_with_possible),
				   stats_pct100(g->severe, g->pupils_with_possible)};
		for (int k = 0; k < 4; k++) {
			char key[64];
			html_lit(&h, "<tr><th scope=\"row\">");
			html_txt(&h, labels[k]);
			html_lit(&h, "</th><td>");
			snprintf(key, sizeof key, "own.%s", bm_measure_name(similar_measures[k]));
			if (k >= 2 && own->hide[k == 2 ? TC_PERSISTENT : TC_SEVERE])
				html_lit(&h, DISCLOSE_HIDDEN);
			else
				view_figure(&h, key, mine[k], FIG_PCT, NULL);
			html_lit(&h, "</td><td>");
			snprintf(key, sizeof key, "similar.%s", bm_measure_name(similar_measures[k]));
			view_figure(&h, key, own->similar[k], FIG_PCT, NULL);
			html_lit(&h, "</td></tr>");
		}
		html_lit(&h, "</tbody></table><p class=\"hint\">");
		html_txt(&h, own->similar_source);
		html_lit(&h, "</p>");
	}
	html_end(&h, r);
	free(t.v);
	return html_send(&h, r, 200);
}
