/* Absence reports: the office records a reason a family gave (who, how,
 * for which sessions, until when), and the register gets the right code
 * through app/marks, the same rules as every other mark:
 *
 *  - a session that has happened, or is today, gets the code now: a new
 *    mark, or an amendment with the report as its reason when it was N
 *    (or O); a session already marked otherwise (present, or another
 *    reason) keeps its mark and the report says so;
 *  - a session still to come gets the code now when the code can be known
 *    in advance (M, R, J1, ...);
 *  - a session still to come whose code cannot be recorded in advance (I,
 *    O) stays pending, and is applied when that session's register is
 *    taken: a mark of N or O written for it becomes an amendment to the
 *    reported code, a mark of attendance closes the report's session as
 *    "attended" (the pupil came after all), and `absence_apply_due`
 *    writes the code for sessions whose day has come and that are still
 *    unmarked (the register page calls it when a register opens). */
#ifndef ATTEND_ABSENCE_H
#define ATTEND_ABSENCE_H

#include "app/error.h"
#include "app/marks.h"
#include "engine/engine.h"

#define ABSENCE_MAX_SESSIONS 100
/* Reasons a family can give; leave (C) and holidays (G) are the head
 * teacher's decisions, not a report. */
#define ABSENCE_CODES "I, M, R, J1, S, T, O, Y1, Y2, Y6, Y7"
bool absence_code_allowed(enum code c);
/* call, text, email, app, in_person, letter; -1 if none of these. */
bool absence_channel_ok(const char *channel);

struct absence_request {
	const char *upn;
	date_t from, to;
	enum session from_session, to_session;
	enum code code;
	const char *note;
	date_t expected_return;  /* DATE_INVALID: not given */
	int contact_priority;    /* the contact who reported it, or 0 ... */
	const char *reported_by; /* ... someone else, by name */
	const char *channel;
};

struct absence_outcome {
	int64_t report_id;
	int recorded, amended, unchanged, pending, kept;
};

/* Records the report and applies it (one transaction). */
int absence_report(struct engine *e, const struct absence_request *rq, const struct actor *who,
		   date_t today, struct absence_outcome *out, struct app_error *err);
/* The same inside the engine's open transaction; on failure the caller
 * rolls back. */
int absence_report_write(struct engine *e, const struct absence_request *rq,
			 const struct actor *who, date_t today, struct absence_outcome *out,
			 struct app_error *err);

/* Called by marks_write inside its transaction once a session's mark has
 * been written: applies a pending report of that session. */
int absence_after_mark(struct engine *e, int row, const struct mark_input *in,
		       const struct actor *who, struct app_error *err);

/* Writes the code of every pending session on or before today that has no
 * mark yet (one transaction); *applied counts them. */
int absence_apply_due(struct engine *e, date_t today, const struct actor *who, int *applied,
		      struct app_error *err);

#endif
