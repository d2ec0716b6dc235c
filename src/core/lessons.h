/* The rules that tie lesson marks to the statutory session marks, pure and
 * in one place:
 *
 * Derivation. When the school takes its statutory registers in lessons,
 * the AM (PM) mark comes from the lesson of the registration period:
 * present is present; late by m minutes is an arrival at the period's start
 * plus m, which is L (minutes counted from the session's start) up to the
 * register's closing time and U after it; any other code is itself. A
 * derived mark never overwrites a mark the office made (one with another
 * source): it only fills an empty session or follows the lesson's own
 * earlier derivation.
 *
 * Disagreement. A lesson mark and the mark of its session disagree when
 *   - the session says present (/ or L) and the lesson says absent with no
 *     reason (N): "left after registration?" (or, in the registration
 *     lesson itself, the two registers contradict each other); or
 *   - the lesson says present (/ or L) and the session says the pupil was
 *     not there (any other code except U, arrived after the register
 *     closed, and M and J1, leave for an appointment or interview, which
 *     cover part of a session): "N at registration, present in P3: arrived
 *     late?", "I for the session, yet present in P3".
 * Unmarked on either side is no disagreement yet; an absence with a reason
 * on one side and N on the other agrees (both absent; the reason is known).
 *
 * Missing now (internal truancy). A pupil marked absent with no reason (N)
 * in a lesson is missing when they were seen earlier that day (present or
 * late in an earlier lesson, or registered present, late or U in a
 * register taken at or before the lesson's start) and nothing explains the
 * absence: the session's mark is not a code with a reason, and no earlier
 * lesson that day has an authorised-absence code (left for an appointment,
 * sent home ill). */
#ifndef ATTEND_LESSONS_H
#define ATTEND_LESSONS_H

#include <stdbool.h>

#include "core/codes.h"
#include "core/timetable.h"

/* A lesson cell where the pupil has no lesson (a free period): not a code. */
#define LESSON_FREE 63

/* ---- derivation ---- */
struct derived_mark {
	enum code code;
	int minutes_late; /* -1: none */
};
/* The session mark the registration lesson's mark gives. lesson_minutes
 * -1 when not given; times in minutes after midnight. */
void lessons_derive(enum code lesson, int lesson_minutes, int period_start, int session_start,
		    int session_close, struct derived_mark *out);
/* Whether derivation may write the session: nothing recorded yet, or the
 * current mark was itself derived from a lesson. */
bool lessons_derive_may_write(enum code current, bool current_from_lesson);

/* ---- disagreement ---- */
enum disagreement {
	DIS_NONE,
	DIS_ABSENT_FROM_LESSON, /* session present, lesson N */
	DIS_PRESENT_IN_LESSON,  /* lesson present, session says not there */
	DIS__MAX
};
enum disagreement lessons_disagreement(enum code session, enum code lesson);
const char *lessons_disagreement_name(enum disagreement d); /* "absent_from_lesson" */

/* ---- a pupil's day ---- */
struct lesson_day {
	int n;                             /* periods, in time order */
	enum code lesson[TT_PERIODS_MAX];  /* CODE_NONE unmarked; LESSON_FREE no lesson */
	int start[TT_PERIODS_MAX];         /* minutes after midnight */
	enum session ses[TT_PERIODS_MAX];  /* the session each period belongs to */
	enum code session[SESSION__MAX];   /* the statutory marks (CODE_NONE: none yet) */
	int reg_time[SESSION__MAX];        /* when each session's register is taken */
};

/* A code that explains an absence: anything but present, late, N, O, U
 * and unmarked (an authorised absence, an approved activity, not a
 * possible session, G). */
bool lessons_known_reason(enum code c);
bool lessons_present(enum code c); /* / or L */

/* Where a missing pupil was last seen. */
struct last_seen {
	int period;  /* the last earlier lesson marked present or late, or -1 */
	int session; /* else the register they were marked at (SESSION_AM/PM), or -1 */
};
/* Whether the pupil, in lesson p of their day, is missing now (the rule
 * above); *seen says where they were last seen. */
bool lessons_missing(const struct lesson_day *d, int p, struct last_seen *seen);

#endif
