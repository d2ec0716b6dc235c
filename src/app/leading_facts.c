/* Facts leading reads from the register and the rest of attend: a day's
 * registers (taken, late, not taken), and the evidence offered beside a
 * self-assessment question, each with its figure and the day it is as of.
 * Figures come from core/stats; counts of people and messages from the
 * store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/casework_impact.h"
#include "app/clock.h"
#include "app/contacts.h"
#include "app/leading.h"
#include "app/monitoring.h"
#include "app/plan.h"
#include "comms/template.h"
#include "core/ranges.h"
#include "core/wording.h"

int leading_ctx_settings(struct leading_ctx *x, char *public_url, size_t len, struct app_error *err)
{
	public_url[0] = '\0';
	if (store_setting_get(x->s, x->e->school.id, "public_url", public_url, len) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
	size_t n = strlen(public_url);
	while (n > 0 && public_url[n - 1] == '/')
		public_url[--n] = '\0';
	x->public_url = public_url;
	return 0;
}

bool leading_half_term(const struct engine *e, date_t today, date_t *from, date_t *to)
{
	struct date_range r;
	if (range_half_term(&e->cal, today, &r, NULL) < 0)
		return false;
	r = range_to_date(r, today);
	*from = r.from;
	*to = r.to;
	return r.from <= r.to;
}

static void local_midnight_utc(date_t day, char out[STORE_TIME_LEN])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_isdst = -1};
	clock_iso_utc((struct timespec){mktime(&tm), 0}, out);
}

void leading_instants(date_t from, date_t to, char a[STORE_TIME_LEN], char b[STORE_TIME_LEN])
{
	local_midnight_utc(from, a);
	local_midnight_utc(to + 1, b);
}

/* ---- a day's registers ---- */

struct taken {
	const struct engine *e;
	int *minute; /* [2 * form + session]: -2 not taken, else the minute (-1 unknown) */
};

static int note_taken(void *ctx, const struct register_event *ev)
{
	struct taken *t = ctx;
	for (int f = 0; f < t->e->m.n_forms; f++) {
		if (strcmp(t->e->m.forms[f], ev->form) != 0)
			continue;
		char local[CLOCK_ISO_LEN];
		int hh, mm;
		clock_local_display(ev->taken_at, local);
		int *slot = &t->minute[2 * f + (int)ev->session];
		if (*slot == -2 && sscanf(local + 11, "%d:%d", &hh, &mm) == 2)
			*slot = hh * 60 + mm;
	}
	return 0;
}

int leading_registers_day(const struct leading_ctx *x, date_t day, struct reg_day *out,
			  struct app_error *err)
{
	const struct engine *e = x->e;
	memset(out, 0, sizeof *out);
	out->day = day;
	out->over = day < x->today || (day == x->today && x->minute > x->rs->close[SESSION_PM]);
	int col = calendar_session_col(&e->cal, day, SESSION_AM);
	if (col < 0)
		return 0;
	int nf = e->m.n_forms ? e->m.n_forms : 1;
	int *on_roll = calloc((size_t)nf * 2, sizeof *on_roll), *marked = calloc((size_t)nf * 2, sizeof *marked);
	int *minute = malloc((size_t)nf * 2 * sizeof *minute);
	if (!on_roll || !marked || !minute) {
		free(on_roll);
		free(marked);
		free(minute);
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	}
	for (int i = 0; i < nf * 2; i++)
		minute[i] = -2;
	for (int row = 0; row < e->m.n_rows; row++) {
		const struct pupil_row *p = &e->m.rows[row];
		if (col < p->first_col || col >= p->end_col)
			continue;
		const uint8_t *cells = matrix_row_cells(&e->m, row);
		for (int s = 0; s < SESSION__MAX; s++) {
			on_roll[2 * p->form + s]++;
			marked[2 * p->form + s] += cells[col + s] != CODE_NONE;
		}
	}
	struct taken t = {e, minute};
	if (store_registers_taken(x->s, e->school.id, day, note_taken, &t) < 0) {
		free(on_roll);
		free(marked);
		free(minute);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
	}
	for (int i = 0; i < nf * 2; i++) {
		if (!on_roll[i])
			continue;
		struct reg_item it = {i / 2, (enum session)(i % 2), minute[i] >= 0 ? minute[i] : -1};
		out->total++;
		if (minute[i] == -2 && marked[i] < on_roll[i]) {
			if (out->not_taken < REG_LIST_MAX)
				out->not_taken_v[out->not_taken] = it;
			out->not_taken++;
			continue;
		}
		out->taken++;
		if (it.minute > x->rs->close[it.session]) {
			if (out->late < REG_LIST_MAX)
				out->late_v[out->late] = it;
			out->late++;
		}
	}
	free(on_roll);
	free(marked);
	free(minute);
	return 0;
}

void leading_reg_list(const struct engine *e, const struct reg_item *v, int n, int total,
		      bool times, char *buf, size_t len)
{
	size_t at = 0;
	buf[0] = '\0';
	int shown = n < REG_LIST_MAX ? n : REG_LIST_MAX;
	for (int i = 0; i < shown && at < len; i++) {
		char t[8] = "";
		if (times && v[i].minute >= 0)
			snprintf(t, sizeof t, "%02d:%02d", v[i].minute / 60, v[i].minute % 60);
		at += (size_t)snprintf(buf + at, len - at, "%s%s %s%s%s", i ? ", " : "",
				       e->m.forms[v[i].form], session_name(v[i].session),
				       *t ? " at " : "", t);
	}
	if (total > shown && at < len)
		snprintf(buf + at, len - at, " and %d more", total - shown);
}

/* ---- evidence ---- */

const struct evidence_kind leading_evidence_kinds[] = {
	{"staff_views", "how many tutors and heads of year opened their form's or year's page"},
	{"family_views", "how many families viewed their child's attendance"},
	{"monitoring", "how often leaders opened the dashboard and the governor report"},
	{"pa_list", "the pupils persistently and severely absent, as attend lists them"},
	{"impact", "the impact of interventions (casework)"},
	{"recognition", "award lists approved, and whether improvement is rewarded"},
	{"reviews", "review meetings with the line manager and governors this term"},
	{"schedule", "monitoring tasks done and missed this half-term"},
	{"self_assessments", "self-assessments held"},
	{"registers", "registers taken by their closing time this half-term"},
	{"plan", "the action plan's targets: on track, off track, met"},
	{"messages", "messages to families this half-term"},
	{"days_lessons", "templates in use that speak in days and lessons"},
	{"contacts", "pupils with two working contacts"},
};
const int leading_n_evidence_kinds = sizeof leading_evidence_kinds / sizeof *leading_evidence_kinds;

struct users_count {
	const char *role;
	int with_scope, all;
};

static int count_user(void *ctx, const struct user_rec *u)
{
	struct users_count *c = ctx;
	if (!u->active || strcmp(u->role, c->role) != 0)
		return 0;
	c->all++;
	c->with_scope += u->n_forms > 0 || u->n_years > 0;
	return 0;
}

/* Active users of a role: all of them, and those with forms or years. */
static int users_of(const struct leading_ctx *x, const char *role, int *with_scope, int *all,
		    struct app_error *err)
{
	struct users_count c = {role, 0, 0};
	if (store_users_each(x->s, x->e->school.id, count_user, &c) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
	if (with_scope)
		*with_scope = c.with_scope;
	if (all)
		*all = c.all;
	return 0;
}

static int views(const struct leading_ctx *x, const char *view, const char *role, date_t from,
		 date_t to, int *people, int *days, struct app_error *err)
{
	if (store_view_log_count(x->s, x->e->school.id, view, role, from, to, people, days) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
	return 0;
}

static int ev_staff_views(const struct leading_ctx *x, date_t hf, date_t ht, struct sa_evidence *o,
			  struct app_error *err)
{
	int tutors, hoys, t_seen, h_seen, days;
	if (users_of(x, "teacher", &tutors, NULL, err) < 0 ||
	    users_of(x, "head_of_year", &hoys, NULL, err) < 0 ||
	    views(x, VIEW_FORM, "teacher", hf, ht, &t_seen, &days, err) < 0 ||
	    views(x, VIEW_YEAR, "head_of_year", hf, ht, &h_seen, &days, err) < 0)
		return -1;
	char since[40];
	wording_date(hf, since, sizeof since);
	snprintf(o->figure, sizeof o->figure, "%d of %d tutors", t_seen, tutors);
	snprintf(o->text, sizeof o->text,
		 "%d of %d tutors opened their form's attendance page this half-term (since %s), and "
		 "%d of %d heads of year their year group's.",
		 t_seen, tutors, since, h_seen, hoys);
	snprintf(o->href, sizeof o->href, "/forms");
	return 0;
}

static int ev_family_views(const struct leading_ctx *x, date_t hf, date_t ht, struct sa_evidence *o,
			   struct app_error *err)
{
	int parents, pupils, p_seen, u_seen, days;
	if (users_of(x, "parent", NULL, &parents, err) < 0 || users_of(x, "pupil", NULL, &pupils, err) < 0 ||
	    views(x, VIEW_FAMILY, "parent", hf, ht, &p_seen, &days, err) < 0 ||
	    views(x, VIEW_FAMILY, "pupil", hf, ht, &u_seen, &days, err) < 0)
		return -1;
	char since[40];
	wording_date(hf, since, sizeof since);
	snprintf(o->figure, sizeof o->figure, "%d of %d family accounts", p_seen + u_seen,
		 parents + pupils);
	snprintf(o->text, sizeof o->text,
		 "%d of %d parents' accounts opened their child's attendance this half-term (since "
		 "%s), and %d of %d pupils their own.",
		 p_seen, parents, since, u_seen, pupils);
	return 0;
}

static int ev_monitoring(const struct leading_ctx *x, date_t hf, date_t ht, struct sa_evidence *o,
			 struct app_error *err)
{
	int people, days, gp, gdays, lo, hi;
	if (views(x, VIEW_DASHBOARD, "", hf, ht, &people, &days, err) < 0 ||
	    views(x, VIEW_GOVERNORS, "", hf, ht, &gp, &gdays, err) < 0)
		return -1;
	calendar_day_range(&x->e->cal, hf, ht, &lo, &hi);
	snprintf(o->figure, sizeof o->figure, "%d of %d school days", days, hi - lo);
	snprintf(o->text, sizeof o->text,
		 "The attendance dashboard (trends, cohorts, bands and patterns) was opened on %d of "
		 "the %d school days of this half-term, by %d %s; the governor report on %d days.",
		 days, hi - lo, people, people == 1 ? "person" : "people", gdays);
	snprintf(o->href, sizeof o->href, "/dashboard");
	return 0;
}

void leading_school_figures(const struct engine *e, date_t from, date_t to,
			    struct group_figures *g)
{
	int c0, c1;
	memset(g, 0, sizeof *g);
	stats_cols(&e->cal, from, to, &c0, &c1);
	for (int row = 0; row < e->m.n_rows; row++) {
		if (!stats_on_roll(&e->m.rows[row], c0, c1))
			continue;
		struct figures f;
		struct figures_class c;
		stats_row(&e->m, row, c0, c1, &f);
		stats_classify(&f, &c);
		stats_add_classified(g, &f, &c);
	}
}

static int ev_pa_list(const struct leading_ctx *x, struct sa_evidence *o)
{
	struct date_range y;
	range_academic_year(x->today, &y);
	struct group_figures g;
	leading_school_figures(x->e, y.from, x->today, &g);
	char pa[16], sa[16];
	wording_pct(stats_pct100(g.persistent, g.pupils_with_possible), pa, sizeof pa);
	wording_pct(stats_pct100(g.severe, g.pupils_with_possible), sa, sizeof sa);
	snprintf(o->figure, sizeof o->figure, "%d persistently absent", g.persistent);
	snprintf(o->text, sizeof o->text,
		 "This school year to date attend lists %d pupils persistently absent (%s) and %d "
		 "severely absent (%s), each with the pattern of their absence and the way back to "
		 "90%%; %d more are at risk (5%% to under 10%%).",
		 g.persistent, pa, g.severe, sa, g.at_risk);
	snprintf(o->href, sizeof o->href, "/pupils?flag=pa&sort=attendance");
	return 0;
}

struct lists_count {
	date_t from, to;
	int approved, improved;
};

static int count_list(void *ctx, const struct award_list_rec *l)
{
	struct lists_count *c = ctx;
	if (strcmp(l->status, "approved") != 0 || l->period_to < c->from || l->period_to > c->to)
		return 0;
	c->approved++;
	c->improved += strcmp(l->kind, "most_improved") == 0;
	return 0;
}

static int has_improved_rule(void *ctx, const struct award_rule_rec *r)
{
	*(bool *)ctx |= strcmp(r->kind, "most_improved") == 0;
	return 0;
}

static int ev_recognition(const struct leading_ctx *x, date_t hf, date_t ht, struct sa_evidence *o,
			  struct app_error *err)
{
	struct lists_count c = {hf, ht, 0, 0};
	bool improved = false;
	if (store_award_lists_each(x->s, x->e->school.id, count_list, &c) < 0 ||
	    store_award_rules_each(x->s, x->e->school.id, false, has_improved_rule, &improved) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
	snprintf(o->figure, sizeof o->figure, "%d lists approved", c.approved);
	snprintf(o->text, sizeof o->text,
		 "%d award lists approved this half-term (%d for the most improved). %s",
		 c.approved, c.improved,
		 improved ? "The school rewards improved attendance, measured against each pupil's "
			    "own previous period, not only high attendance."
			  : "No award for improved attendance is set up.");
	snprintf(o->href, sizeof o->href, "/recognition");
	return 0;
}

struct reviews_count {
	date_t from, to;
	int n, kind[3];
	date_t latest;
};

static int count_review(void *ctx, const struct plan_review_rec *r)
{
	struct reviews_count *c = ctx;
	if (r->held_on < c->from || r->held_on > c->to)
		return 0;
	c->n++;
	for (int k = 0; k < 3; k++)
		c->kind[k] += strcmp(r->kind, plan_review_kind_names[k]) == 0;
	if (r->held_on > c->latest)
		c->latest = r->held_on;
	return 0;
}

static int ev_reviews(const struct leading_ctx *x, struct sa_evidence *o, struct app_error *err)
{
	struct date_range t;
	if (range_term(&x->e->cal, x->today, &t, NULL) < 0)
		range_academic_year(x->today, &t);
	struct reviews_count c = {t.from, x->today, 0, {0}, DATE_INVALID};
	if (store_plan_reviews_each(x->s, x->e->school.id, count_review, &c) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
	char latest[40] = "none";
	if (c.n)
		wording_date(c.latest, latest, sizeof latest);
	snprintf(o->figure, sizeof o->figure, "%d review meeting%s", c.n, c.n == 1 ? "" : "s");
	snprintf(o->text, sizeof o->text,
		 "%d review meeting%s of the action plan this term: %d with the line manager, %d with "
		 "governors, %d other; the latest %s.",
		 c.n, c.n == 1 ? "" : "s", c.kind[0], c.kind[1], c.kind[2], latest);
	snprintf(o->href, sizeof o->href, "/plan#reviews");
	return 0;
}

static int ev_schedule(const struct leading_ctx *x, date_t hf, struct sa_evidence *o,
		       struct app_error *err)
{
	struct mon_summary m;
	if (mon_summary(x, hf, x->today - 1, &m, err) < 0)
		return -1;
	snprintf(o->figure, sizeof o->figure, "%d of %d done", m.done, m.closed);
	snprintf(o->text, sizeof o->text,
		 "Monitoring tasks this half-term: %d of %d done (%d of them by attend from the data, "
		 "%d after they were due); %d missed.",
		 m.done, m.closed, m.automatic, m.done_late, m.missed);
	snprintf(o->href, sizeof o->href, "/schedule/missed");
	return 0;
}

struct sa_count {
	int n, complete;
	date_t latest;
};

static int count_assessment(void *ctx, const struct sa_assessment_rec *a)
{
	struct sa_count *c = ctx;
	c->n++;
	if (strcmp(a->status, "complete") == 0) {
		c->complete++;
		c->latest = a->held_on;
	}
	return 0;
}

static int ev_self_assessments(const struct leading_ctx *x, struct sa_evidence *o,
			       struct app_error *err)
{
	struct sa_count c = {0, 0, DATE_INVALID};
	if (store_sa_assessments_each(x->s, x->e->school.id, count_assessment, &c) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
	char latest[40] = "none yet";
	if (c.complete)
		wording_date(c.latest, latest, sizeof latest);
	snprintf(o->figure, sizeof o->figure, "%d completed", c.complete);
	snprintf(o->text, sizeof o->text,
		 "%d self-assessment%s completed in attend (the latest: %s), compared side by side.",
		 c.complete, c.complete == 1 ? "" : "s", latest);
	snprintf(o->href, sizeof o->href, "/self-assessment/compare");
	return 0;
}

static int ev_registers(const struct leading_ctx *x, date_t hf, date_t ht, struct sa_evidence *o,
			struct app_error *err)
{
	int lo, hi, total = 0, on_time = 0, late = 0, missing = 0;
	calendar_day_range(&x->e->cal, hf, ht, &lo, &hi);
	for (int i = lo; i < hi; i++) {
		struct reg_day d;
		if (leading_registers_day(x, x->e->cal.school_days[i], &d, err) < 0)
			return -1;
		if (!d.over)
			continue;
		total += d.total;
		on_time += d.taken - d.late;
		late += d.late;
		missing += d.not_taken;
	}
	char pct[16];
	wording_pct(stats_pct100(on_time, total), pct, sizeof pct);
	snprintf(o->figure, sizeof o->figure, "%s on time", pct);
	snprintf(o->text, sizeof o->text,
		 "%d of %d registers this half-term were taken by their closing time (%s); %d after "
		 "it, %d not taken. Pupils absent with no reason are followed up on the first-day "
		 "page the same morning.",
		 on_time, total, pct, late, missing);
	snprintf(o->href, sizeof o->href, "/office");
	return 0;
}

static int ev_plan(const struct leading_ctx *x, struct sa_evidence *o, struct app_error *err)
{
	struct plan_view v;
	if (plan_view_load(x->e, x->s, x->today, false, &v, err) < 0)
		return -1;
	int open = 0, on = 0, met = 0;
	for (int i = 0; i < v.n_targets; i++) {
		if (strcmp(v.targets[i].status, "open") != 0 || !v.live[i].figure)
			continue;
		open++;
		on += v.live[i].track == TT_ON_TRACK;
		met += v.live[i].track == TT_MET;
	}
	snprintf(o->figure, sizeof o->figure, "%d of %d on track", on + met, open);
	snprintf(o->text, sizeof o->text,
		 "The action plan's %d open targets with a figure, measured live: %d on track, %d "
		 "met already, %d off track; %d actions overdue.",
		 open, on, met, v.off_track, v.overdue);
	snprintf(o->href, sizeof o->href, "/plan");
	plan_view_free(&v);
	return 0;
}

struct template_counts {
	struct store *s;
	int64_t school_id;
	int messages, templates, relatable, relatable_messages;
	char names[200];
};

static int count_template(void *ctx, const char *name, int n)
{
	struct template_counts *c = ctx;
	c->messages += n;
	c->templates++;
	struct template_rec *t = malloc(sizeof *t);
	if (!t)
		return -1;
	int rc = store_template_get(c->s, c->school_id, name, "en", t);
	if (rc < 0) {
		free(t);
		return -1;
	}
	struct template tp;
	struct app_error e = {0};
	const uint64_t relatable = (1ull << TF_DAYS_MISSED) | (1ull << TF_LESSONS_MISSED) |
				   (1ull << TF_DAYS_LESSONS_MISSED) | (1ull << TF_BACK_TO_90_DAYS);
	if (rc == 0 && template_parse(t->body, "body", &tp, &e) == 0) {
		if (tp.uses & relatable) {
			c->relatable++;
			c->relatable_messages += n;
			size_t at = strlen(c->names);
			snprintf(c->names + at, sizeof c->names - at, "%s%s", at ? ", " : "", name);
		}
		template_free(&tp);
	}
	free(t);
	return 0;
}

static int ev_messages(const struct leading_ctx *x, date_t hf, date_t ht, bool relatable,
		       struct sa_evidence *o, struct app_error *err)
{
	char a[STORE_TIME_LEN], b[STORE_TIME_LEN];
	leading_instants(hf, ht, a, b);
	struct template_counts c = {x->s, x->e->school.id, 0, 0, 0, 0, ""};
	if (store_outbox_templates_each(x->s, x->e->school.id, a, b, count_template, &c) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
	if (relatable) {
		snprintf(o->figure, sizeof o->figure, "%d of %d templates", c.relatable, c.templates);
		snprintf(o->text, sizeof o->text,
			 "Of the %d message templates used this half-term, %d speak in days and lessons "
			 "missed%s%s%s, in %d of the %d messages sent.",
			 c.templates, c.relatable, c.relatable ? " (" : "", c.names,
			 c.relatable ? ")" : "", c.relatable_messages, c.messages);
		snprintf(o->href, sizeof o->href, "/templates");
	} else {
		snprintf(o->figure, sizeof o->figure, "%d messages", c.messages);
		snprintf(o->text, sizeof o->text,
			 "%d messages to families this half-term, from %d templates; the outbox keeps "
			 "each with what became of it. attend does not yet measure their effect on "
			 "absence.",
			 c.messages, c.templates);
		snprintf(o->href, sizeof o->href, "/outbox");
	}
	return 0;
}

static int count_missing(void *ctx, int row, int working, const char *why)
{
	(void)row;
	(void)working;
	(void)why;
	(*(int *)ctx)++;
	return 0;
}

static int ev_contacts(const struct leading_ctx *x, struct sa_evidence *o, struct app_error *err)
{
	int missing = 0, on_roll = 0, col = calendar_session_col(&x->e->cal, x->today, SESSION_AM);
	if (contacts_missing_each(x->e, x->today, count_missing, &missing, err) < 0)
		return -1;
	for (int row = 0; row < x->e->m.n_rows; row++) {
		const struct pupil_row *p = &x->e->m.rows[row];
		on_roll += col >= 0 ? col >= p->first_col && col < p->end_col
				    : p->admitted <= x->today && p->left >= x->today;
	}
	snprintf(o->figure, sizeof o->figure, "%d of %d pupils", on_roll - missing, on_roll);
	snprintf(o->text, sizeof o->text,
		 "%d of %d pupils on roll have two working contacts (the safeguarding requirement); "
		 "every contact with a family is in the contact log.",
		 on_roll - missing, on_roll);
	snprintf(o->href, sizeof o->href, "/contacts/missing");
	return 0;
}

/* Casework's impact figures in short: how many kinds of support (each
 * intervention, support plans) it measures, on how many pupils, and how
 * many have enough pupils to conclude anything; the page has the rest. */
static int ev_impact(const struct leading_ctx *x, struct sa_evidence *o, struct app_error *err)
{
	struct cw_settings cs;
	struct cw_type_impact *t = NULL;
	int n = 0, counted = 0, enough = 0;
	if (casework_settings_load(x->s, x->e->school.id, NULL, NULL, &cs, err) < 0 ||
	    cw_impact_school(x->e, x->s, x->today, cs.impact_weeks, &t, &n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		counted += t[i].counted;
		enough += !t[i].too_few;
	}
	free(t);
	snprintf(o->href, sizeof o->href, "%s", LEADING_IMPACT_PATH);
	if (!n) {
		snprintf(o->figure, sizeof o->figure, "no interventions yet");
		snprintf(o->text, sizeof o->text,
			 "No intervention or support plan is recorded in casework yet; once one is, "
			 "attend measures attendance in the %d school weeks before and after it, "
			 "against similar pupils who did not have it.",
			 cs.impact_weeks);
		return 0;
	}
	snprintf(o->figure, sizeof o->figure, "%d kind%s of support measured", n, n == 1 ? "" : "s");
	snprintf(o->text, sizeof o->text,
		 "Casework measures %d kind%s of support (interventions and support plans): "
		 "attendance in the %d school weeks before and after, against similar pupils who did "
		 "not have it; %d pupil%s with complete weeks so far, and %d kind%s with enough pupils "
		 "(%d) to conclude anything.",
		 n, n == 1 ? "" : "s", cs.impact_weeks, counted, counted == 1 ? "" : "s", enough,
		 enough == 1 ? "" : "s", CW_IMPACT_MIN_PUPILS);
	return 0;
}

int leading_evidence(const struct leading_ctx *x, const char *key, struct sa_evidence *out,
		     struct app_error *err)
{
	memset(out, 0, sizeof *out);
	out->as_of = x->today;
	if (!key || !*key)
		return 1;
	date_t hf = x->today, ht = x->today;
	bool in_half_term = leading_half_term(x->e, x->today, &hf, &ht);
	if (!in_half_term)
		hf = ht = x->today;
	if (!strcmp(key, "staff_views"))
		return ev_staff_views(x, hf, ht, out, err);
	if (!strcmp(key, "family_views"))
		return ev_family_views(x, hf, ht, out, err);
	if (!strcmp(key, "monitoring"))
		return ev_monitoring(x, hf, ht, out, err);
	if (!strcmp(key, "pa_list"))
		return ev_pa_list(x, out);
	if (!strcmp(key, "impact"))
		return ev_impact(x, out, err);
	if (!strcmp(key, "recognition"))
		return ev_recognition(x, hf, ht, out, err);
	if (!strcmp(key, "reviews"))
		return ev_reviews(x, out, err);
	if (!strcmp(key, "schedule"))
		return ev_schedule(x, hf, out, err);
	if (!strcmp(key, "self_assessments"))
		return ev_self_assessments(x, out, err);
	if (!strcmp(key, "registers"))
		return ev_registers(x, hf, ht, out, err);
	if (!strcmp(key, "plan"))
		return ev_plan(x, out, err);
	if (!strcmp(key, "messages") || !strcmp(key, "days_lessons"))
		return ev_messages(x, hf, ht, key[0] == 'd', out, err);
	if (!strcmp(key, "contacts"))
		return ev_contacts(x, out, err);
	return 1;
}
