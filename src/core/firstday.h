/* The rules of the first-day response and of escalation (domain.md,
 * "Responding to absence"), pure: which step of the morning's response is
 * due now, how many consecutive school days a pupil has been absent with no
 * reason (N), whose turn that day is (day 1 tutor, day 2 head of year, day 3
 * senior leader: a setting), and when an N mark is overdue (not replaced
 * within 5 school days). Days are the calendar's school days, never
 * calendar days: weekends, holidays and INSET days neither count nor break
 * a run. Settings come in as values; nothing here does I/O. */
#ifndef ATTEND_FIRSTDAY_H
#define ATTEND_FIRSTDAY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"

/* The morning's steps, in order. */
enum fd_step {
	FD_MESSAGE, /* a message to the first contact (seeds: by 09:30) */
	FD_CALLS,   /* calls to the other contacts (by 10:00) */
	FD_VISIT,   /* a welfare visit considered (by 10:30) */
	FD_STEP__MAX
};
const char *fd_step_name(enum fd_step s);  /* "message", "calls", "visit" */
const char *fd_step_label(enum fd_step s); /* "Message the first contact" */
/* Whose job a step is: "Office", "Attendance lead". */
const char *fd_step_owner(enum fd_step s);
int fd_step_parse(const char *name); /* -1 if none */

/* Who an escalation day goes to. */
enum esc_who {
	ESC_TUTOR,         /* the form's teacher */
	ESC_HEAD_OF_YEAR,  /* the head of the pupil's year */
	ESC_SENIOR_LEADER, /* the attendance lead (the senior attendance champion) */
	ESC_OFFICE,
	ESC__MAX
};
const char *esc_who_name(enum esc_who w);  /* "tutor", "head_of_year", ... */
const char *esc_who_label(enum esc_who w); /* "Tutor", "Head of year", ... */

#define FD_ESCALATION_MAX 10
#define FD_N_SCHOOL_DAYS 5 /* an N is replaced within this many school days */

struct fd_settings {
	int by[FD_STEP__MAX]; /* minutes after midnight */
	int n_escalation;
	enum esc_who escalation[FD_ESCALATION_MAX]; /* [k]: day k+1 of a run */
};
/* The seeds' defaults: 09:30, 10:00, 10:30; tutor, head of year, senior leader. */
void fd_settings_default(struct fd_settings *s);
/* "HH:MM" as minutes after midnight; -1 when it is not one. */
int fd_parse_time(const char *text);
/* "tutor,head_of_year,senior_leader" into s; NULL, or the rule it breaks. */
const char *fd_parse_escalation(const char *text, struct fd_settings *s);
/* The escalation list as a setting's text, into buf. */
void fd_escalation_text(const struct fd_settings *s, char *buf, size_t len);
/* NULL when the three times are in order, else what is wrong. */
const char *fd_check_times(const struct fd_settings *s);

/* What one action of a step came to. */
enum fd_result {
	FD_SENT,      /* message: sent through the outbox */
	FD_NO_ONE,    /* message: no contact can get one (why in the note) */
	FD_REACHED,   /* calls: spoke to someone in the family */
	FD_NO_ANSWER, /* calls: no answer (or a message left) */
	FD_VISITED,   /* visit: made (what was found in the note) */
	FD_NO_VISIT,  /* visit: considered, not needed (why in the note) */
	FD_RESULT__MAX
};
const char *fd_result_name(enum fd_result r);  /* "sent", "no_answer", ... */
const char *fd_result_label(enum fd_result r); /* "Sent", "No answer", ... */
int fd_result_parse(const char *name);         /* -1 if none */
enum fd_step fd_result_step(enum fd_result r);
/* Whether the result needs a note saying why or what happened. */
bool fd_result_needs_note(enum fd_result r);

/* What has been done for a pupil today. */
struct fd_progress {
	unsigned done;  /* bit (1u << step): the step is done */
	bool contacted; /* someone in the family was reached */
};
/* The progress of a day's actions: the message and the visit are done by
 * any result; the calls when someone was reached or `called` different
 * contacts were tried, of `to_call` (the other working contacts, at least
 * one). */
struct fd_progress fd_progress_of(const enum fd_result *results, int n, int called, int to_call);

/* The step due: step FD_STEP__MAX when none is (contact made, or every
 * step done); by is its time, late whether that time has passed. */
struct fd_due {
	int step;
	int by;
	bool late;
};
/* The first step not done, at minute `now` of the day (24 * 60 for a day
 * that is over). */
struct fd_due fd_step_due(const struct fd_settings *s, const struct fd_progress *p, int now);

/* The code of one session column of a pupil's row: the register, or what a
 * transaction is about to make it. */
typedef uint8_t (*fd_cell_fn)(const void *ctx, int col);
/* Consecutive school days, ending on school-day index `day`, on which the
 * pupil has an N in either session, counting back while on roll
 * ([first_col, end_col) as in the matrix); 0 if `day` has none. */
int fd_unexplained_run(fd_cell_fn cell, const void *ctx, int first_col, int end_col, int day);
/* Whose turn the run's day is (enum esc_who), or -1 past the list. */
int fd_escalation_for(const struct fd_settings *s, int run);

/* School days after `from` up to and including `to`; weekdays beyond the
 * calendar's last term count as school days (the next year may not be in
 * it yet). */
int fd_school_days_between(const struct calendar *cal, date_t from, date_t to);
/* An N on `day` is overdue on `today` when more than FD_N_SCHOOL_DAYS
 * school days have passed: an N on a Monday must have its reason by the
 * next Monday, and is overdue from the Tuesday. */
bool fd_n_overdue(const struct calendar *cal, date_t day, date_t today);

/* The order of the queue: flagged pupils (safeguarding, vulnerability)
 * first, then those with a step due (earliest time first), then those
 * contacted or with every step done; longer runs first. 0 when equal (the
 * caller then orders by name). */
struct fd_rank {
	bool flagged;
	struct fd_due due;
	int run;
};
int fd_rank_compare(const struct fd_rank *a, const struct fd_rank *b);

#endif
