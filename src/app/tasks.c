#include "app/tasks.h"

#include <stdio.h>
#include <string.h>

#include "app/clock.h"
#include "app/contact_log.h"
#include "app/contacts.h"
#include "app/firstday.h"
#include "app/parse.h"

enum role tasks_role_of(enum esc_who w)
{
	switch (w) {
	case ESC_TUTOR:
		return ROLE_TEACHER;
	case ESC_HEAD_OF_YEAR:
		return ROLE_HEAD_OF_YEAR;
	case ESC_SENIOR_LEADER:
		return ROLE_ATTENDANCE_LEAD;
	default:
		return ROLE_OFFICE;
	}
}

/* ---- escalation ---- */

struct txn_row {
	const struct engine *e;
	int row;
};

static uint8_t txn_cell(const void *ctx, int col)
{
	const struct txn_row *t = ctx;
	return engine_cell(t->e, t->row, col);
}

static int escalate(struct engine *e, int row, int idx, const struct actor *who,
		    struct app_error *err)
{
	const struct pupil_row *p = &e->m.rows[row];
	struct fd_settings s;
	if (firstday_settings_load(e->store, e->school.id, NULL, NULL, &s, err) < 0)
		return -1;
	struct txn_row tr = {e, row};
	int run = fd_unexplained_run(txn_cell, &tr, p->first_col, p->end_col, idx);
	int w = fd_escalation_for(&s, run);
	if (w < 0)
		return 0;
	struct task_rec t = {0};
	t.pupil_id = p->pupil_id;
	snprintf(t.kind, sizeof t.kind, "escalation");
	snprintf(t.title, sizeof t.title, "%s call: %s %s (%s), day %d absent with no reason",
		 esc_who_label((enum esc_who)w), p->forename, p->surname, e->m.forms[p->form], run);
	snprintf(t.assignee_role, sizeof t.assignee_role, "%s",
		 role_name(tasks_role_of((enum esc_who)w)));
	t.scope_year = YEAR_INVALID;
	if (w == ESC_TUTOR)
		snprintf(t.scope_form, sizeof t.scope_form, "%s", e->m.forms[p->form]);
	else if (w == ESC_HEAD_OF_YEAR)
		t.scope_year = p->year;
	t.absence_date = t.due_date = e->cal.school_days[idx];
	t.day_number = run;
	return tasks_add(e, &t, who, err) < 0 ? -1 : 0;
}

int tasks_add(struct engine *e, struct task_rec *t, const struct actor *who, struct app_error *err)
{
	snprintf(t->created_by, sizeof t->created_by, "%s", who->user);
	clock_iso_utc(clock_now(), t->created_at);
	int rc = store_task_add(e->store, e->school.id, t);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return rc;
}

int tasks_after_mark(struct engine *e, int row, const struct mark_input *in, enum code before,
		     const struct actor *who, struct app_error *err)
{
	/* Only an N written for today, or an N replaced, can change a task. */
	bool today_n = in->code == CODE_N && in->date == clock_today();
	if (!today_n && before != CODE_N)
		return 0;
	int idx = calendar_day_index(&e->cal, in->date);
	if (idx < 0)
		return 0;
	bool n = engine_cell(e, row, 2 * idx) == CODE_N || engine_cell(e, row, 2 * idx + 1) == CODE_N;
	if (n)
		/* Escalation follows today's registers; marks for other days
		 * (imports, corrections) make no tasks. */
		return in->date == clock_today() ? escalate(e, row, idx, who, err) : 0;
	if (in->code == CODE_N)
		return 0; /* an N written and replaced in this transaction */
	char now[CLOCK_ISO_LEN], outcome[128];
	clock_iso_utc(clock_now(), now);
	snprintf(outcome, sizeof outcome, "the absence has a reason now (%s, by %s)",
		 code_text(in->code, in->session), who->user);
	int closed;
	if (store_tasks_close_day(e->store, e->school.id, e->m.rows[row].pupil_id, in->date, who->user,
				  now, outcome, &closed) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

/* ---- who a task is for ---- */

bool tasks_for_account(const struct account *a, const struct task_rec *t)
{
	if (t->assignee_user[0])
		return strcmp(t->assignee_user, a->username) == 0;
	if (strcmp(t->assignee_role, role_name(a->role)) != 0)
		return false;
	if (t->scope_form[0])
		return account_has_form(a, t->scope_form);
	if (t->scope_year != YEAR_INVALID)
		return account_has_year(a, t->scope_year);
	return true;
}

bool tasks_visible(const struct account *a, const struct task_rec *t)
{
	return account_whole_school(a) || tasks_for_account(a, t);
}

void tasks_assignee_text(const struct task_rec *t, char *buf, size_t len)
{
	if (t->assignee_user[0]) {
		snprintf(buf, len, "%s", t->assignee_user);
		return;
	}
	int r = role_parse(t->assignee_role);
	const char *label = r == ROLE_TEACHER		 ? "Tutor"
			    : r == ROLE_ATTENDANCE_LEAD ? "Senior leader"
			    : r >= 0			 ? role_label((enum role)r)
							 : t->assignee_role;
	if (t->scope_form[0])
		snprintf(buf, len, "%s (%s)", label, t->scope_form);
	else if (t->scope_year != YEAR_INVALID)
		snprintf(buf, len, "%s (year %s)", label, year_name(t->scope_year));
	else
		snprintf(buf, len, "%s", label);
}

struct people {
	const struct task_rec *t;
	char *buf;
	size_t len, k;
};

static int note_person(void *ctx, const struct user_rec *u)
{
	struct people *pp = ctx;
	struct account a;
	if (account_from_user(&a, u) < 0 || !tasks_for_account(&a, pp->t) || pp->k >= pp->len)
		return 0;
	pp->k += (size_t)snprintf(pp->buf + pp->k, pp->len - pp->k, "%s%s", pp->k ? ", " : "",
				  u->username);
	return 0;
}

int tasks_people(struct store *s, int64_t school_id, const struct task_rec *t, char *buf,
		 size_t len, struct app_error *err)
{
	buf[0] = '\0';
	struct people pp = {t, buf, len, 0};
	if (store_users_with_role(s, school_id, t->assignee_role, note_person, &pp) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	return 0;
}

/* ---- finishing a task ---- */

static const char *const result_names[TASK_RESULT__MAX] = {"reached", "no_answer", "done"};

const char *task_result_name(enum task_result r)
{
	return (unsigned)r < TASK_RESULT__MAX ? result_names[r] : "?";
}

int task_result_parse(const char *name)
{
	for (int r = 0; name && r < TASK_RESULT__MAX; r++)
		if (strcmp(result_names[r], name) == 0)
			return r;
	return -1;
}

int tasks_finish_check_input(const struct task_finish *f, struct app_error *err)
{
	char note[STORE_NOTE_MAX];
	if ((unsigned)f->result >= TASK_RESULT__MAX)
		return app_fail(err, ERR_INPUT, "result", "result is reached, no_answer or done");
	if (f->result == TASK_DONE && !(f->note && *f->note))
		return app_fail(err, ERR_INPUT, "note", "say what was done in the note");
	if (parse_text_field("note", f->note ? f->note : "", note, sizeof note, 0, err) < 0)
		return -1;
	if (f->result != TASK_DONE && f->contact_priority < 1)
		return app_fail(err, ERR_INPUT, "contact", "say which contact was called");
	return 0;
}

int tasks_finish_write(struct engine *e, const struct task_finish *f, const struct account *a,
		       const struct actor *who, struct app_error *err)
{
	if (tasks_finish_check_input(f, err) < 0)
		return -1;
	struct task_rec t;
	int rc = store_task_get(e->store, e->school.id, f->id, &t);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	/* Someone else's task is as if it did not exist: it names a pupil. */
	if (rc == 1 || !tasks_visible(a, &t))
		return app_fail(err, ERR_NOT_FOUND, "id", "there is no task %lld for you",
				(long long)f->id);
	if (strcmp(t.state, "open") != 0)
		return app_fail(err, ERR_CONFLICT, "id", "task %lld is already %s (by %s at %.16s)",
				(long long)f->id, t.state, t.done_by, t.done_at);
	char outcome[STORE_NOTE_MAX], now[CLOCK_ISO_LEN];
	int64_t entry = 0;
	const char *note = f->note ? f->note : "";
	if (f->result == TASK_DONE) {
		snprintf(outcome, sizeof outcome, "%s", note);
	} else {
		int row = -1;
		for (int r = 0; r < e->m.n_rows && row < 0; r++)
			if (e->m.rows[r].pupil_id == t.pupil_id)
				row = r;
		if (row < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "the pupil of task %lld is missing",
					(long long)f->id);
		snprintf(outcome, sizeof outcome, "%s: %s%s%s", t.title,
			 f->result == TASK_REACHED ? "reached" : "no answer", note[0] ? ". " : "", note);
		struct contact_log_request rq = {.upn = e->m.rows[row].upn,
						 .channel = "call",
						 .to_priority = f->contact_priority,
						 .outcome = outcome,
						 .follow_up = DATE_INVALID};
		if (contact_log_add_write(e, &rq, who, &entry, err) < 0)
			return -1;
		snprintf(outcome, sizeof outcome, "%s%s%s",
			 f->result == TASK_REACHED ? "Called: reached" : "Called: no answer",
			 note[0] ? ". " : "", note);
	}
	clock_iso_utc(clock_now(), now);
	rc = store_task_finish(e->store, e->school.id, t.id, "done", who->user, now, outcome, entry);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, "id", "task %lld is already finished", (long long)t.id);
	return 0;
}
