/* The monitoring schedule (the toolkit's Annex C) for people: each task's
 * occurrences from the calendar (core/schedule), whether each is done, a
 * person's "today" checklist, completing one with a click, the tasks attend
 * proves by itself from the data (with the evidence), what was missed over
 * a stretch and by whom, and the run that a cron job or the server makes:
 * proofs recorded, the daily digest and the weekly pack sent.
 *
 * Proofs (a task's `proof`):
 *   registers         every register of the day taken (the evidence names
 *                     those taken after the closing time); judged once the
 *                     afternoon register has closed
 *   reports           every reason families reported for the day is on the
 *                     register (no report session left pending)
 *   first_day         every pupil absent with no reason that day had a
 *                     first-day step (a message, a call, a visit decision)
 *                     or has their reason now
 *   digest            the daily digest for the day went out
 *   pa_list           the week's persistent and severe absence list: attend
 *                     generates it from the week's registers once the week
 *                     is over (the evidence gives its figures and the link)
 *   benchmarks        a leader opened the dashboard or the governor report
 *                     (which set the school beside the national figures)
 *                     in the period
 *   support_meetings  invitations to support meetings (the template
 *                     support-meeting) went to families in the period
 *   head_letters      the head teacher's letters (head-termly-letter) went
 *                     to families in the period
 *   governor_review   a review meeting with governors was recorded in the
 *                     period
 * A proof is shown live as soon as the data holds it, and recorded (with
 * its evidence as it stood) by the run. */
#ifndef ATTEND_MONITORING_H
#define ATTEND_MONITORING_H

#include <jansson.h>

#include "app/fields.h"
#include "app/leading.h"
#include "app/role.h"
#include "core/schedule.h"

struct mon_proof {
	bool ready; /* the data is complete enough to judge */
	bool done;
	char evidence[STORE_LONG_TEXT_MAX];
	char href[200];
};
/* The proofs' names and what each checks, for people. */
struct proof_kind {
	const char *name, *label;
};
extern const struct proof_kind mon_proof_kinds[];
extern const int mon_n_proof_kinds;
/* Judges a task's occurrence from the data; a task with no proof is never done by it. */
int mon_prove(const struct leading_ctx *x, const struct sched_task_rec *t,
	      const struct sched_occurrence *o, struct mon_proof *out, struct app_error *err);

struct mon_item {
	struct sched_task_rec task;
	struct sched_occurrence occ;
	enum sched_state state;
	bool recorded;  /* rec holds its completion */
	struct sched_done_rec rec;
	bool proven;    /* done by its proof, live (not recorded yet) */
	struct mon_proof proof; /* when the task has one */
};
struct mon_list {
	struct mon_item *v;
	int n;
};
void mon_list_free(struct mon_list *l);

/* An occurrence as JSON: {"id","title","cadence","timing","owner_role",
 * "period_start","open","due","close","state","automatic", "done":{"by",
 * "at","note","evidence"} when recorded, "evidence" of its proof}. */
json_t *mon_item_json(const struct mon_item *it);
/* The active accounts holding a role, by name: "office, office2" ("" none). */
int mon_people_of_role(struct store *s, int64_t school_id, const char *role, char *buf, size_t len,
		       struct app_error *err);

/* The occurrences open on day (shown from open to close) of every active
 * task, or of those a role owns (role NULL: all), by due date. */
int mon_open_on(const struct leading_ctx *x, date_t day, const char *role, struct mon_list *out,
		struct app_error *err);
/* The occurrences that closed in [from, to] (before today), done or missed. */
int mon_closed_in(const struct leading_ctx *x, date_t from, date_t to, struct mon_list *out,
		  struct app_error *err);

struct mon_summary {
	int closed, done, done_late, automatic, missed;
};
int mon_summary(const struct leading_ctx *x, date_t from, date_t to, struct mon_summary *out,
		struct app_error *err);

/* Whether the account may tick the task: its owner role, or a leader. */
bool mon_may_complete(const struct account *a, const struct sched_task_rec *t);
/* Completes the occurrence of task_id open on day (today or a day of its
 * period) in the engine's open transaction: 404 no such task, 403 not
 * yours, 409 done already or missed (its period is over), 400 not open. */
int mon_done_write(struct engine *e, const struct leading_ctx *x, int64_t task_id, date_t day,
		   const char *note, const struct account *who, struct sched_done_rec *out,
		   struct app_error *err);

/* A task from its fields (title, cadence, timing, owner_role, proof,
 * active); changing *t when it has an id (only the fields given). */
int mon_task_from_fields(const struct fields *f, struct sched_task_rec *t, struct app_error *err);
int mon_task_write(struct engine *e, struct sched_task_rec *t, const char *by,
		   struct app_error *err);

/* What a run did. */
struct mon_run {
	int proven;            /* occurrences recorded as done from the data */
	int daily, weekly;     /* digest messages queued */
	bool daily_due, weekly_due; /* a digest was due (and maybe had no recipient) */
};
/* The run (`attend schedule run`, and the server each minute), in the
 * engine's open transaction: records the proofs of occurrences that closed
 * in the last two weeks or are open now, and sends the daily digest and the
 * weekly pack when their time has come (once each: digest_runs). */
int mon_run_write(struct engine *e, const struct leading_ctx *x, const char *by,
		  struct mon_run *out, struct app_error *err);

/* The digest settings: HH:MM, or -1 for "off". */
#define SETTING_DIGEST_DAILY_AT "digest_daily_at"
#define SETTING_DIGEST_WEEKLY_AT "digest_weekly_at"
#define DIGEST_DAILY_DEFAULT (16 * 60)
#define DIGEST_WEEKLY_DEFAULT (16 * 60)
int mon_digest_times(struct store *s, int64_t school_id, int *daily, int *weekly,
		     struct app_error *err);

#endif
