/* The tasks of the monitoring schedule attend can prove by itself, each
 * judged from the data with its evidence (see app/monitoring.h). No
 * evidence names a pupil: it is kept with the schedule and shown to
 * whoever sees the task. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/digest.h"
#include "app/firstday.h"
#include "app/monitoring.h"
#include "app/plan.h"
#include "core/ranges.h"
#include "core/wording.h"

const struct proof_kind mon_proof_kinds[] = {
	{"registers", "attend checks every register was taken, and lists those taken late"},
	{"reports", "attend checks every reason families reported is on the register"},
	{"first_day", "attend checks every pupil absent with no reason had a first-day step"},
	{"digest", "attend sends the daily digest to the leads (Schedule settings)"},
	{"pa_list", "attend lists the week's persistent and severe absence once the week is over"},
	{"benchmarks", "a leader opened the dashboard or the governor report (national figures)"},
	{"support_meetings", "invitations to support meetings went to families"},
	{"head_letters", "the head teacher's termly letters went to families"},
	{"governor_review", "a review meeting with governors was recorded"},
};
const int mon_n_proof_kinds = sizeof mon_proof_kinds / sizeof *mon_proof_kinds;

/* Whether the day (its registers) is over, as of now. */
static bool day_over(const struct leading_ctx *x, date_t day)
{
	return day < x->today || (day == x->today && x->minute > x->rs->close[SESSION_PM]);
}

static int prove_registers(const struct leading_ctx *x, date_t day, struct mon_proof *p,
			   struct app_error *err)
{
	struct reg_day d;
	if (leading_registers_day(x, day, &d, err) < 0)
		return -1;
	p->ready = d.over;
	p->done = d.not_taken == 0;
	char late[600] = "", missing[600] = "", dd[DATE_ISO_LEN];
	leading_reg_list(x->e, d.late_v, d.late, d.late, true, late, sizeof late);
	leading_reg_list(x->e, d.not_taken_v, d.not_taken, d.not_taken, false, missing, sizeof missing);
	int n = snprintf(p->evidence, sizeof p->evidence, "%d of %d registers taken", d.taken, d.total);
	if (d.late)
		n += snprintf(p->evidence + n, sizeof p->evidence - (size_t)n,
			      "; %d after the closing time: %s", d.late, late);
	else if (d.taken)
		n += snprintf(p->evidence + n, sizeof p->evidence - (size_t)n,
			      ", every one by its closing time");
	if (d.not_taken)
		n += snprintf(p->evidence + n, sizeof p->evidence - (size_t)n, "; not taken: %s", missing);
	snprintf(p->evidence + n, sizeof p->evidence - (size_t)n, ".");
	snprintf(p->href, sizeof p->href, "/office?date=%s", date_format(day, dd));
	return 0;
}

struct report_count {
	date_t day;
	int reports, pending;
};

static int count_report(void *ctx, const struct absence_report_rec *r)
{
	(void)r;
	((struct report_count *)ctx)->reports++;
	return 0;
}

static int count_pending(void *ctx, const struct absence_session_rec *s)
{
	struct report_count *c = ctx;
	c->pending += s->date == c->day;
	return 0;
}

static int prove_reports(const struct leading_ctx *x, date_t day, struct mon_proof *p,
			 struct app_error *err)
{
	struct report_count c = {day, 0, 0};
	if (store_absence_reports_each(x->s, x->e->school.id, day, 0, count_report, &c) < 0 ||
	    store_absence_pending_each(x->s, x->e->school.id, day, count_pending, &c) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
	p->ready = day_over(x, day);
	p->done = c.pending == 0;
	char dd[DATE_ISO_LEN];
	if (!c.reports)
		snprintf(p->evidence, sizeof p->evidence,
			 "No family reported a reason for this day: nothing to update.");
	else if (!c.pending)
		snprintf(p->evidence, sizeof p->evidence,
			 "%d reason%s reported by families for this day, all on the register.",
			 c.reports, c.reports == 1 ? "" : "s");
	else
		snprintf(p->evidence, sizeof p->evidence,
			 "%d reason%s reported by families for this day; %d session%s still waiting for "
			 "the register.",
			 c.reports, c.reports == 1 ? "" : "s", c.pending, c.pending == 1 ? "" : "s");
	snprintf(p->href, sizeof p->href, "/first-day?date=%s", date_format(day, dd));
	return 0;
}

static int prove_first_day(const struct leading_ctx *x, date_t day, struct mon_proof *p,
			   struct app_error *err)
{
	struct firstday_list l;
	int now = day < x->today ? 24 * 60 : x->minute;
	if (firstday_list_build(x->e, day, x->today, now, &l, err) < 0)
		return -1;
	int none = 0, messages = 0, calls = 0, visits = 0;
	for (int i = 0; i < l.n; i++)
		none += l.items[i].n_actions == 0;
	for (int i = 0; i < l.n_actions; i++) {
		const char *step = l.actions[i].step;
		messages += !strcmp(step, "message");
		calls += !strcmp(step, "calls");
		visits += !strcmp(step, "visit");
	}
	int total = l.n + l.n_resolved;
	p->ready = day_over(x, day);
	p->done = none == 0;
	char dd[DATE_ISO_LEN];
	if (!total)
		snprintf(p->evidence, sizeof p->evidence,
			 "No pupil is absent with no reason for this day.");
	else
		snprintf(p->evidence, sizeof p->evidence,
			 "%d pupil%s absent with no reason: %d followed up (%d message%s, %d call%s, %d "
			 "welfare visit decision%s), %d reason%s found after a first-day step; %d with "
			 "no step yet.",
			 l.n, l.n == 1 ? "" : "s", l.n - none, messages, messages == 1 ? "" : "s",
			 calls, calls == 1 ? "" : "s", visits, visits == 1 ? "" : "s", l.n_resolved,
			 l.n_resolved == 1 ? "" : "s", none);
	snprintf(p->href, sizeof p->href, "/first-day?date=%s", date_format(day, dd));
	firstday_list_free(&l);
	return 0;
}

static int prove_digest(const struct leading_ctx *x, const char *kind, date_t for_date,
			struct mon_proof *p, struct app_error *err)
{
	struct digest_run_rec r;
	int rc = store_digest_run_get(x->s, x->e->school.id, kind, for_date, &r);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
	p->ready = true;
	p->done = rc == 0 && r.messages > 0;
	if (rc == 0) {
		char local[32];
		clock_local_display(r.run_at, local);
		snprintf(p->evidence, sizeof p->evidence, "The %s went to %d lead%s at %s.",
			 strcmp(kind, DIGEST_DAILY) == 0 ? "daily digest" : "weekly pack", r.messages,
			 r.messages == 1 ? "" : "s", local + 11);
	} else {
		snprintf(p->evidence, sizeof p->evidence, "Not sent yet.");
	}
	snprintf(p->href, sizeof p->href, "/schedule/digests");
	return 0;
}

static int prove_pa_list(const struct leading_ctx *x, const struct sched_occurrence *o,
			 struct mon_proof *p)
{
	p->ready = day_over(x, o->close);
	p->done = p->ready;
	struct date_range y;
	range_academic_year(o->close, &y);
	struct group_figures g;
	leading_school_figures(x->e, y.from, o->close, &g);
	char pa[16], d[DATE_ISO_LEN], ds[40];
	wording_pct(stats_pct100(g.persistent, g.pupils_with_possible), pa, sizeof pa);
	wording_date(o->close, ds, sizeof ds);
	snprintf(p->evidence, sizeof p->evidence,
		 "The list as of %s: %d pupils persistently absent this school year (%s), %d severely "
		 "absent.",
		 ds, g.persistent, pa, g.severe);
	snprintf(p->href, sizeof p->href, "/pupils?flag=pa&sort=attendance&to=%s",
		 date_format(o->close, d));
	return 0;
}

static int prove_views(const struct leading_ctx *x, const struct sched_occurrence *o,
		       struct mon_proof *p, struct app_error *err)
{
	int people, days, gp, gdays;
	if (store_view_log_count(x->s, x->e->school.id, VIEW_DASHBOARD, "", o->period_start,
				 o->close, &people, &days) < 0 ||
	    store_view_log_count(x->s, x->e->school.id, VIEW_GOVERNORS, "", o->period_start,
				 o->close, &gp, &gdays) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
	p->ready = true;
	p->done = days + gdays > 0;
	snprintf(p->evidence, sizeof p->evidence,
		 "The dashboard, which sets the school beside the national figures of its phase, was "
		 "opened on %d day%s of the period; the governor report on %d.",
		 days, days == 1 ? "" : "s", gdays);
	snprintf(p->href, sizeof p->href, "/dashboard");
	return 0;
}

static int prove_messages(const struct leading_ctx *x, const struct sched_occurrence *o,
			  const char *template_name, const char *what, struct mon_proof *p,
			  struct app_error *err)
{
	char a[STORE_TIME_LEN], b[STORE_TIME_LEN];
	int n;
	leading_instants(o->period_start, o->close, a, b);
	if (store_outbox_count(x->s, x->e->school.id, template_name, a, b, 0, &n) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
	p->ready = true;
	p->done = n > 0;
	snprintf(p->evidence, sizeof p->evidence, "%d %s (template %s) in the period.", n, what,
		 template_name);
	snprintf(p->href, sizeof p->href, "/outbox");
	return 0;
}

struct governor_meeting {
	date_t from, to;
	int n;
	date_t on;
};

static int find_governor_review(void *ctx, const struct plan_review_rec *r)
{
	struct governor_meeting *g = ctx;
	if (strcmp(r->kind, "governor") == 0 && r->held_on >= g->from && r->held_on <= g->to) {
		g->n++;
		g->on = r->held_on;
	}
	return 0;
}

static int prove_governor_review(const struct leading_ctx *x, const struct sched_occurrence *o,
				 struct mon_proof *p, struct app_error *err)
{
	struct governor_meeting g = {o->period_start, o->close, 0, DATE_INVALID};
	if (store_plan_reviews_each(x->s, x->e->school.id, find_governor_review, &g) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
	p->ready = true;
	p->done = g.n > 0;
	char on[40] = "";
	if (g.n)
		wording_date(g.on, on, sizeof on);
	snprintf(p->evidence, sizeof p->evidence, g.n ? "A review meeting with governors on %s." :
						       "No review meeting with governors recorded%s.",
		 on);
	snprintf(p->href, sizeof p->href, "/plan#reviews");
	return 0;
}

int mon_prove(const struct leading_ctx *x, const struct sched_task_rec *t,
	      const struct sched_occurrence *o, struct mon_proof *out, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	const char *k = t->proof;
	if (!strcmp(k, "registers"))
		return prove_registers(x, o->period_start, out, err);
	if (!strcmp(k, "reports"))
		return prove_reports(x, o->period_start, out, err);
	if (!strcmp(k, "first_day"))
		return prove_first_day(x, o->period_start, out, err);
	if (!strcmp(k, "digest"))
		return prove_digest(x, DIGEST_DAILY, o->period_start, out, err);
	if (!strcmp(k, "pa_list"))
		return prove_pa_list(x, o, out);
	if (!strcmp(k, "benchmarks"))
		return prove_views(x, o, out, err);
	if (!strcmp(k, "support_meetings"))
		return prove_messages(x, o, "support-meeting", "invitations to support meetings", out,
				      err);
	if (!strcmp(k, "head_letters"))
		return prove_messages(x, o, "head-termly-letter", "letters from the head teacher", out,
				      err);
	if (!strcmp(k, "governor_review"))
		return prove_governor_review(x, o, out, err);
	return 0;
}
