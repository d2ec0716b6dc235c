/* Absences parents report through attend. A report waits for the office
 * (status "awaiting"); the office accepts it, and the code goes on the
 * register through an absence report of app/absence (channel "app"), with
 * that module's rules: a session that has happened or is today gets the
 * code now (N or O amended, any other mark kept), a session to come gets
 * it now or when its register is taken. Or the office declines it, with a
 * note the parent reads. A report accepted for today's session therefore
 * leaves no N on it: the first-day response queue, which lists pupils with
 * N, no longer lists the pupil ("reason known"). A report still awaiting
 * the office is visible to the queue through parent_report_on().
 *
 * Reports for sessions whose register has closed, or for past days, are
 * taken in and marked late, for the office to review with care; a report
 * that covers no school session (a weekend, a holiday) is refused with the
 * reason. */
#ifndef ATTEND_FAMILY_REPORTS_H
#define ATTEND_FAMILY_REPORTS_H

#include "app/absence.h"
#include "app/error.h"
#include "app/family.h"
#include "app/register.h"

#define PARENT_REPORT_DAYS_AHEAD 60 /* further ahead: ask for leave, or talk to the office */

/* "illness", "medical", "other" */
bool parent_reason_ok(const char *reason);
/* The code a reason means: illness I, medical M; other CODE_NONE (the
 * office chooses). */
enum code parent_reason_code(const char *reason);

struct parent_report_request {
	const char *upn;
	date_t from, to;
	enum session from_session, to_session;
	const char *reason;
	const char *note;
	date_t expected_return; /* DATE_INVALID: not given */
};

/* Checks a parent's report of their child ch (under the read lock) and
 * fills out (ready to write), *sessions with the school sessions it covers.
 * Messages are in lang (the family's language). */
int parent_report_check(const struct engine *e, const struct register_settings *rs,
			const struct family_child *ch, const struct parent_report_request *rq,
			const char *lang, date_t today, int minute, struct parent_report_rec *out,
			int *sessions, struct app_error *err);
/* Writes a checked report inside the engine's open transaction (refused,
 * 409, when an awaiting report of the child covers one of its sessions). */
int parent_report_write(struct engine *e, struct parent_report_rec *r, const char *lang,
			const char *by, struct app_error *err);

struct parent_report_decision {
	int64_t id;
	bool accept;
	enum code code;   /* accepting: CODE_NONE takes the reason's */
	const char *note; /* declining: required (the parent reads it) */
};
/* The office's decision, inside the engine's open transaction. */
int parent_report_decide_write(struct engine *e, const struct parent_report_decision *d,
			       const struct actor *who, date_t today, struct parent_report_rec *out,
			       struct absence_outcome *applied, struct app_error *err);
/* The parent withdraws a report the office has not decided yet. */
int parent_report_withdraw_write(struct engine *e, int64_t id, int64_t user_id, const char *lang,
				 const char *by, struct app_error *err);

/* For the first-day response: a parent's report covering that session of
 * the pupil, awaiting the office or accepted. Returns 0 with *out filled,
 * 1 when there is none. */
int parent_report_on(struct store *s, int64_t school_id, int64_t pupil_id, date_t day,
		     enum session session, struct parent_report_rec *out);

/* How many reports have that status. */
int parent_reports_count(struct store *s, int64_t school_id, const char *status, int *n);

/* Calls cb for each school session from (from, fs) to (to, ts) on which
 * the pupil is on roll; returns how many, or -1 when cb returns -1. */
int family_sessions_each(const struct engine *e, int64_t pupil_id, date_t from, enum session fs,
			 date_t to, enum session ts,
			 int (*cb)(void *ctx, date_t day, enum session s, int row), void *ctx);

#endif
