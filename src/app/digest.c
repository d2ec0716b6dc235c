/* The daily digest and the weekly pack: composed from the register (the
 * figures through core/stats and trends_calc, as the dashboard computes
 * them), the first-day response, the registers' times, the plan and the
 * schedule; queued once to each recipient. */
#include "app/digest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/analytics.h"
#include "app/clock.h"
#include "app/dash.h"
#include "app/firstday.h"
#include "app/monitoring.h"
#include "app/plan.h"
#include "app/trends_calc.h"
#include "app/array.h"
#include "comms/message.h"
#include "core/groups.h"
#include "core/ranges.h"
#include "core/wording.h"

void digest_free(struct digest *d)
{
	free(d->text.p);
	d->text = (struct tbuf){0};
}

#define SAY(...) tbuf_printf(&d->text, __VA_ARGS__)

static void link(struct digest *d, const struct leading_ctx *x, const char *what, const char *path)
{
	if (x->public_url && *x->public_url)
		SAY("%s: %s%s\n", what, x->public_url, path);
	else
		SAY("%s: in attend, %s\n", what, path);
}

static const char *pct(int64_t v, char buf[16])
{
	return wording_pct(v, buf, 16);
}

static int daily(const struct leading_ctx *x, date_t day, struct digest *d, struct app_error *err)
{
	const struct engine *e = x->e;
	char when[40], a[16], b[16], c[16], dd[DATE_ISO_LEN], path[80];
	wording_date(day, when, sizeof when);
	date_format(day, dd);
	snprintf(d->subject, sizeof d->subject, "Attendance on %s: %s", when, e->school.name);
	SAY("%s: attendance on %s\n\n", e->school.name, when);
	struct group_figures g, w;
	leading_school_figures(e, day, day, &g);
	struct date_range wk;
	if (range_week(&e->cal, day, &wk) < 0)
		wk.from = day;
	leading_school_figures(e, wk.from, day, &w);
	int64_t absence = g.authorised + g.unauthorised;
	char days[80];
	wording_days_lessons(absence, LESSONS_PER_DAY_DEFAULT, days, sizeof days);
	if (g.possible > 0) {
		SAY("Attendance today: %s of %lld possible sessions (absence %s: authorised %s, "
		    "unauthorised %s), %s missed across the school. This week so far: %s.\n",
		    pct(stats_pct100(g.present + g.approved, g.possible), a), (long long)g.possible,
		    pct(stats_pct100(absence, g.possible), b), pct(stats_pct100(g.authorised, g.possible), c),
		    pct(stats_pct100(g.unauthorised, g.possible), a), days,
		    pct(stats_pct100(w.present + w.approved, w.possible), b));
	} else {
		SAY("No marks for today yet.\n");
	}
	if (g.unmarked)
		SAY("%lld sessions have no mark yet.\n", (long long)g.unmarked);

	struct firstday_list l;
	if (firstday_list_build(e, day, x->today, day < x->today ? 24 * 60 : x->minute, &l, err) < 0)
		return -1;
	int reached = 0, no_step = 0, visits = 0;
	for (int i = 0; i < l.n; i++) {
		reached += l.items[i].progress.contacted;
		no_step += l.items[i].n_actions == 0;
	}
	for (int i = 0; i < l.n_actions; i++)
		visits += strcmp(l.actions[i].step, "visit") == 0;
	SAY("\nAbsent with no reason (N), and what came of it:\n");
	if (!l.n && !l.n_resolved) {
		SAY("No pupil is absent with no reason today.\n");
	} else {
		SAY("%d pupil%s had their reason found after a first-day step.\n", l.n_resolved,
		    l.n_resolved == 1 ? "" : "s");
		SAY("%d pupil%s still absent with no reason: %d reached (the reason is to be "
		    "recorded), %d not reached yet, %d with no first-day step; %d welfare visit "
		    "decision%s made.\n",
		    l.n, l.n == 1 ? " is" : "s are", reached, l.n - reached, no_step, visits,
		    visits == 1 ? "" : "s");
	}
	firstday_list_free(&l);
	snprintf(path, sizeof path, "/first-day?date=%s", dd);
	link(d, x, "The first-day page", path);

	struct reg_day r;
	if (leading_registers_day(x, day, &r, err) < 0)
		return -1;
	char list[1200];
	SAY("\nRegisters: %d of %d taken", r.taken, r.total);
	if (r.late) {
		leading_reg_list(e, r.late_v, r.late, r.late, true, list, sizeof list);
		SAY("; %d after the closing time: %s", r.late, list);
	} else if (r.taken) {
		SAY(", every one by its closing time");
	}
	SAY(".\n");
	if (r.not_taken) {
		leading_reg_list(e, r.not_taken_v, r.not_taken, r.not_taken, false, list, sizeof list);
		SAY("Not taken: %s.\n", list);
	}

	struct mon_list ml;
	if (mon_open_on(x, day, NULL, &ml, err) < 0)
		return -1;
	int done = 0, due = 0;
	for (int i = 0; i < ml.n; i++) {
		if (ml.v[i].occ.due != day)
			continue;
		due++;
		done += ml.v[i].state == SS_DONE;
	}
	mon_list_free(&ml);
	SAY("\nMonitoring schedule: %d of the %d tasks due today done.\n", done, due);
	SAY("\nThis digest names no pupil: the lists are in attend.\n");
	return 0;
}

/* The key cohorts of the pack: the dashboard's. */
static const enum dash_grouping pack_groupings[] = {DG_FSM, DG_PP, DG_SEND, DG_EAL, DG_GENDER};
#define N_PACK ((int)(sizeof pack_groupings / sizeof *pack_groupings))

static void cohort_line(struct digest *d, const char *label, const struct group_figures *week,
			const struct group_figures *year)
{
	char a[16], b[16], c[16];
	SAY("  %s: %s this week, %s this school year; %d of %d pupils persistently absent (%s)\n",
	    label, pct(stats_pct100(week->present + week->approved, week->possible), a),
	    pct(stats_pct100(year->present + year->approved, year->possible), b), year->persistent,
	    year->pupils_with_possible, pct(stats_pct100(year->persistent, year->pupils_with_possible), c));
}

static int weekly(const struct leading_ctx *x, date_t day, struct digest *d, struct app_error *err)
{
	const struct engine *e = x->e;
	struct date_range wk, y;
	if (range_week(&e->cal, day, &wk) < 0)
		return app_fail(err, ERR_INPUT, "date", "there is no school week on or before this day");
	range_academic_year(day, &y);
	char when[40], a[16], b[16], c[16];
	wording_date(wk.from, when, sizeof when);
	snprintf(d->subject, sizeof d->subject, "The week's attendance, week beginning %s: %s", when,
		 e->school.name);
	SAY("%s: the week's attendance for the leadership meeting, week beginning %s\n\n",
	    e->school.name, when);
	struct analytics_query aq = {0};
	aq.q.from = y.from;
	aq.q.to = day;
	aq.q.group = -1;
	aq.words = (struct wording_settings){LESSONS_PER_DAY_DEFAULT, SCHOOL_DAY_MINUTES_DEFAULT};
	struct trends_opts o = {0};
	o.n_groupings = N_PACK;
	for (int i = 0; i < N_PACK; i++) {
		group_spec_single(&o.grouping[i].spec, dash_grouping_field(pack_groupings[i]));
		o.grouping[i].periods = (1u << PERIOD_THIS_WEEK) | (1u << PERIOD_THIS_YEAR);
	}
	struct trends_result t;
	if (trends_compute(e, &aq, &o, &t) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	const struct group_figures *p = t.school.period;
	struct trend_change ch;
	trends_period_change(p, PERIOD_THIS_WEEK, PERIOD_LAST_WEEK, &ch);
	char pp[16];
	report_pp_text(pp, sizeof pp, ch.change_pp100);
	SAY("This week: %s attendance",
	    pct(stats_pct100(p[PERIOD_THIS_WEEK].present + p[PERIOD_THIS_WEEK].approved,
			     p[PERIOD_THIS_WEEK].possible), a));
	if (ch.change_pp100 != PP_NONE)
		SAY(" (last week %s: %s points)",
		    pct(stats_pct100(p[PERIOD_LAST_WEEK].present + p[PERIOD_LAST_WEEK].approved,
				     p[PERIOD_LAST_WEEK].possible), b), pp);
	SAY(".");
	SAY(" This school year to date: %s",
	    pct(stats_pct100(p[PERIOD_THIS_YEAR].present + p[PERIOD_THIS_YEAR].approved,
			     p[PERIOD_THIS_YEAR].possible), c));
	if (t.per.has[PERIOD_SAME_POINT_LAST_YEAR] && p[PERIOD_SAME_POINT_LAST_YEAR].possible > 0)
		SAY("; at the same point last year %s",
		    pct(stats_pct100(p[PERIOD_SAME_POINT_LAST_YEAR].present +
					     p[PERIOD_SAME_POINT_LAST_YEAR].approved,
				     p[PERIOD_SAME_POINT_LAST_YEAR].possible), a));
	SAY(".\n\nBy cohort:\n");
	cohort_line(d, "All pupils", &p[PERIOD_THIS_WEEK], &t.school.range);
	for (int i = 0; i < dash_n_cohorts; i++) {
		const struct dash_cohort *dc = &dash_cohorts[i];
		int gi = -1;
		for (int k = 0; k < N_PACK; k++)
			if (pack_groupings[k] == dc->g)
				gi = k;
		const struct trends_grouping *g = gi >= 0 ? &t.g[gi] : NULL;
		int slot = dash_slot_of_key(g, dc->key);
		if (slot < 0 || g->sums[slot].range.pupils == 0) {
			SAY("  %s: no pupils\n", dc->label);
			continue;
		}
		cohort_line(d, dc->label, &g->sums[slot].period[PERIOD_THIS_WEEK], &g->sums[slot].range);
	}
	const struct group_figures *r = &t.school.range;
	int with_band = 0;
	for (int bnd = 0; bnd < BAND__MAX; bnd++)
		with_band += r->bands[bnd];
	SAY("\nAbsence bands this school year (pupils with %d or more possible sessions):\n",
	    BAND_MIN_POSSIBLE);
	if (!with_band)
		SAY("  no pupil has %d possible sessions yet.\n", BAND_MIN_POSSIBLE);
	for (int bnd = 0; with_band && bnd < BAND__MAX; bnd++)
		SAY("  %s%%: %d pupil%s (%s)\n", stats_band_label(bnd), r->bands[bnd],
		    r->bands[bnd] == 1 ? "" : "s", pct(stats_pct100(r->bands[bnd], with_band), a));
	const struct trend_sums *s = &t.school;
	SAY("\nWho moved this week: %d pupils' attendance fell by 1 point or more and %d rose; %d "
	    "crossed into persistent absence and %d left it.\n",
	    s->declined_week, s->improving_week, s->crossed_into_pa, s->crossed_out_of_pa);
	trends_result_free(&t);
	link(d, x, "Who moved, by name", "/moved");
	link(d, x, "Pupils persistently absent", "/pupils?flag=pa&sort=attendance");

	struct plan_view v;
	if (plan_view_load(e, x->s, day, false, &v, err) < 0)
		return -1;
	SAY("\nAction plan: %d action%s overdue, %d target%s off track.\n", v.overdue,
	    v.overdue == 1 ? "" : "s", v.off_track, v.off_track == 1 ? "" : "s");
	plan_view_free(&v);
	struct mon_summary m;
	if (mon_summary(x, wk.from, day, &m, err) < 0)
		return -1;
	SAY("Monitoring schedule this week: %d of %d tasks done, %d missed.\n", m.done, m.closed,
	    m.missed);
	link(d, x, "Missed tasks", "/schedule/missed");
	SAY("\nThis pack names no pupil: the lists are in attend.\n");
	return 0;
}

int digest_compose(const struct leading_ctx *x, const char *kind, date_t day, struct digest *d,
		   struct app_error *err)
{
	memset(d, 0, sizeof *d);
	int rc = strcmp(kind, DIGEST_WEEKLY) == 0 ? weekly(x, day, d, err) : daily(x, day, d, err);
	if (rc == 0 && !d->text.p)
		rc = app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	if (rc < 0)
		digest_free(d);
	return rc;
}

struct recipients {
	struct digest_recipient_rec *v;
	int n;
};

static int add_recipient(void *ctx, const struct digest_recipient_rec *r)
{
	struct recipients *l = ctx;
	return array_push(&l->v, &l->n, sizeof *r, r);
}

int digest_send_write(struct engine *e, const struct leading_ctx *x, const char *kind, date_t day,
		      const char *by, int *queued, struct app_error *err)
{
	*queued = 0;
	bool is_weekly = strcmp(kind, DIGEST_WEEKLY) == 0;
	date_t for_date = is_weekly ? date_week_start(day) : day;
	struct digest_run_rec run;
	int rc = store_digest_run_get(e->store, e->school.id, kind, for_date, &run);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 0)
		return 0; /* sent already */
	struct recipients l = {0};
	if (store_digest_recipients_each(e->store, e->school.id, add_recipient, &l) < 0) {
		free(l.v);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	}
	int wanted = 0;
	for (int i = 0; i < l.n; i++)
		wanted += is_weekly ? l.v[i].weekly : l.v[i].daily;
	if (!wanted) {
		free(l.v);
		return 0; /* nobody to send it to: not recorded, so a recipient added later gets it */
	}
	struct digest d;
	if (digest_compose(x, kind, day, &d, err) < 0) {
		free(l.v);
		return -1;
	}
	int ret = 0;
	for (int i = 0; i < l.n && ret == 0; i++) {
		if (!(is_weekly ? l.v[i].weekly : l.v[i].daily))
			continue;
		struct staff_email m = {is_weekly ? "weekly-pack" : "daily-digest", l.v[i].name,
					l.v[i].email, d.subject, d.text.p};
		int64_t id;
		ret = message_queue_staff_write(e, &m, by, &id, err);
		*queued += ret == 0;
	}
	digest_free(&d);
	free(l.v);
	if (ret < 0)
		return -1;
	run = (struct digest_run_rec){.for_date = for_date, .messages = *queued};
	snprintf(run.kind, sizeof run.kind, "%s", kind);
	clock_iso_utc(clock_now(), run.run_at);
	snprintf(run.run_by, sizeof run.run_by, "%s", by);
	if (store_digest_run_add(e->store, e->school.id, &run) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}
