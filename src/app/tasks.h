/* Tasks for people, and the escalation that makes them: when a pupil is
 * absent with no reason (N) on consecutive school days, each day's task
 * goes to the person the school's `escalation` setting names for it (day 1
 * the tutor, day 2 the head of year, day 3 a senior leader). Tasks are
 * made in the transaction that writes today's N, and closed by the one
 * that gives the day a reason, so they always agree with the register. */
#ifndef ATTEND_TASKS_H
#define ATTEND_TASKS_H

#include <stdbool.h>

#include "app/error.h"
#include "app/marks.h"
#include "app/role.h"
#include "core/firstday.h"
#include "engine/engine.h"

/* The role an escalation goes to. */
enum role tasks_role_of(enum esc_who w);

/* Called by marks_write, in its transaction, once a session's mark is
 * written (`before` is what the session had, CODE_NONE for nothing): makes
 * today's escalation task for an N, and closes the tasks of a day that no
 * longer has one. Other marks cost nothing here (an import of a term). */
int tasks_after_mark(struct engine *e, int row, const struct mark_input *in, enum code before,
		     const struct actor *who, struct app_error *err);

/* Adds a task made by the system or a person (t's kind, title, pupil,
 * assignee, scope and dates filled in; created_by and created_at are set
 * here), inside the engine's open transaction: escalation, and the
 * reminders of casework (a review coming up, a part-time timetable past
 * its planned end). Returns 0, or 1 when the pupil has a task of that kind
 * for that day already (nothing changes). */
int tasks_add(struct engine *e, struct task_rec *t, const struct actor *who, struct app_error *err);

/* Whether a task is for this person: theirs by name, or their role within
 * their forms or years (or the whole school). */
bool tasks_for_account(const struct account *a, const struct task_rec *t);
/* Whether they may see it and finish it: theirs, or any task for the
 * office, the attendance lead and admins. */
bool tasks_visible(const struct account *a, const struct task_rec *t);

/* "Tutor (7A)", "Head of year (year 8)", "Senior leader". */
void tasks_assignee_text(const struct task_rec *t, char *buf, size_t len);
/* The accounts a task is for, by name ("ms.hughes, mr.patel"); "" if none. */
int tasks_people(struct store *s, int64_t school_id, const struct task_rec *t, char *buf,
		 size_t len, struct app_error *err);

/* What became of a task. */
enum task_result { TASK_REACHED, TASK_NO_ANSWER, TASK_DONE, TASK_RESULT__MAX };
const char *task_result_name(enum task_result r); /* "reached", "no_answer", "done" */
int task_result_parse(const char *name);          /* -1 if none */

struct task_finish {
	int64_t id;
	enum task_result result;
	int contact_priority; /* the contact called (reached, no_answer) */
	const char *note;     /* required for done */
};
/* Checks the input alone (no task read yet): a result, its contact and note. */
int tasks_finish_check_input(const struct task_finish *f, struct app_error *err);
/* Finishes a task inside the engine's open transaction, as the account
 * `a`: a call goes in the contact log. A task not visible to `a` is 404;
 * one already finished 409. */
int tasks_finish_write(struct engine *e, const struct task_finish *f, const struct account *a,
		       const struct actor *who, struct app_error *err);

#endif
