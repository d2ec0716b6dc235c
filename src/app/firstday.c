#include "app/firstday.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/contact_log.h"
#include "app/contacts.h"
#include "app/parse.h"

/* ---- settings ---- */

static const struct {
	const char *key;
	enum fd_step step;
} time_settings[] = {
	{SETTING_FD_MESSAGE_BY, FD_MESSAGE},
	{SETTING_FD_CALLS_BY, FD_CALLS},
	{SETTING_FD_VISIT_BY, FD_VISIT},
};

int firstday_settings_load(struct store *s, int64_t school_id, const char *key, const char *value,
			   struct fd_settings *out, struct app_error *err)
{
	/* A value being checked is the user's input; a stored one is ours. */
	enum err_kind kind = key ? ERR_INPUT : ERR_INTERNAL;
	char buf[256];
	fd_settings_default(out);
	for (size_t i = 0; i < sizeof time_settings / sizeof *time_settings; i++) {
		const char *name = time_settings[i].key;
		int rc = parse_setting_value(s, school_id, name, key, value, buf, sizeof buf, err);
		if (rc < 0)
			return -1;
		if (rc == 1)
			continue;
		int t = fd_parse_time(buf);
		if (t < 0)
			return app_fail(err, kind, name, "%s '%s' is not a time of day HH:MM (e.g. 09:30)",
					name, buf);
		out->by[time_settings[i].step] = t;
	}
	const char *why = fd_check_times(out);
	if (why)
		return app_fail(err, kind, key ? key : SETTING_FD_CALLS_BY, "%s: %s",
				key ? key : "the first-day times", why);
	int rc = parse_setting_value(s, school_id, SETTING_ESCALATION, key, value, buf, sizeof buf, err);
	if (rc < 0)
		return -1;
	if (rc == 0 && (why = fd_parse_escalation(buf, out)))
		return app_fail(err, kind, SETTING_ESCALATION, "%s '%s': %s", SETTING_ESCALATION, buf,
				why);
	return 0;
}

/* ---- flags ---- */

unsigned firstday_flags(const struct pupil_row *p)
{
	return (p->safeguarding ? FD_FLAG_SAFEGUARDING : 0) | (p->cp ? FD_FLAG_CP : 0) |
	       (p->cin ? FD_FLAG_CIN : 0) | (p->looked_after ? FD_FLAG_LOOKED_AFTER : 0);
}

void firstday_flags_text(unsigned flags, char *buf, size_t len)
{
	static const char *const names[] = {"safeguarding", "child protection plan",
					    "child in need", "looked after"};
	size_t k = 0;
	buf[0] = '\0';
	for (int i = 0; i < 4 && k < len; i++)
		if (flags & (1u << i))
			k += (size_t)snprintf(buf + k, len - k, "%s%s", k ? ", " : "", names[i]);
}

/* ---- the queue ---- */

struct row_cells {
	const struct matrix *m;
	int row;
};

static uint8_t matrix_cell(const void *ctx, int col)
{
	const struct row_cells *rc = ctx;
	return matrix_row_cells(rc->m, rc->row)[col];
}

struct action_list {
	struct first_day_action_rec *v;
	int n, cap;
};

static int collect_action(void *ctx, const struct first_day_action_rec *a)
{
	struct action_list *l = ctx;
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 32;
		struct first_day_action_rec *v = realloc(l->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *a;
	return 0;
}

struct contact_count {
	int contacts, working, first;
};

static int count_contact(void *ctx, const struct contact_rec *c)
{
	struct contact_count *cc = ctx;
	cc->contacts++;
	if (contact_working(c)) {
		cc->working++;
		if (!cc->first)
			cc->first = c->priority;
	}
	return 0;
}

struct day_tasks {
	date_t day;
	struct firstday_item *items;
	const struct engine *e;
	int n;
};

static int note_task(void *ctx, const struct task_rec *t)
{
	struct day_tasks *dt = ctx;
	if (t->absence_date != dt->day)
		return 0;
	for (int i = 0; i < dt->n; i++) {
		struct firstday_item *it = &dt->items[i];
		if (dt->e->m.rows[it->row].pupil_id != t->pupil_id)
			continue;
		it->task_id = t->id;
		snprintf(it->task_state, sizeof it->task_state, "%s", t->state);
		snprintf(it->task_role, sizeof it->task_role, "%s", t->assignee_role);
	}
	return 0;
}

/* The progress of an item from its actions. */
static void progress(const struct fd_settings *s, const struct first_day_action_rec *a, int minute,
		     struct firstday_item *it)
{
	enum fd_result results[64];
	int64_t called[64];
	int n = 0, n_called = 0;
	for (int i = 0; i < it->n_actions && n < 64; i++) {
		const struct first_day_action_rec *x = &a[it->first_action + i];
		int r = fd_result_parse(x->result);
		if (r < 0)
			continue;
		results[n++] = (enum fd_result)r;
		if (fd_result_step((enum fd_result)r) != FD_CALLS || !x->contact_id)
			continue;
		bool seen = false;
		for (int k = 0; k < n_called; k++)
			seen |= called[k] == x->contact_id;
		if (!seen)
			called[n_called++] = x->contact_id;
	}
	it->progress = fd_progress_of(results, n, n_called, it->working - 1);
	it->due = fd_step_due(s, &it->progress, minute);
}

static int cmp_item(const void *pa, const void *pb, void *ctx)
{
	const struct engine *e = ctx;
	const struct firstday_item *a = pa, *b = pb;
	struct fd_rank ra = {a->flags != 0, a->due, a->run}, rb = {b->flags != 0, b->due, b->run};
	int c = fd_rank_compare(&ra, &rb);
	if (c)
		return c;
	const struct pupil_row *x = &e->m.rows[a->row], *y = &e->m.rows[b->row];
	c = strcoll(x->surname, y->surname);
	if (!c)
		c = strcoll(x->forename, y->forename);
	return c ? c : strcmp(x->upn, y->upn);
}

static int push_item(struct firstday_item **v, int *n, const struct firstday_item *it)
{
	struct firstday_item *grown = realloc(*v, (size_t)(*n + 1) * sizeof **v);
	if (!grown)
		return -1;
	*v = grown;
	(*v)[(*n)++] = *it;
	return 0;
}

int firstday_list_build(const struct engine *e, date_t day, date_t today, int now,
			struct firstday_list *out, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	out->day = day;
	out->minute = day < today ? 24 * 60 : day > today ? 0 : now;
	char d[DATE_ISO_LEN];
	int idx = calendar_day_index(&e->cal, day);
	if (idx < 0)
		return app_fail(err, ERR_INPUT, "date", "%s is not a school day (%s)",
				date_format(day, d), day_kind_name(calendar_day_kind(&e->cal, day)));
	if (firstday_settings_load(e->store, e->school.id, NULL, NULL, &out->settings, err) < 0)
		return -1;
	struct action_list al = {0};
	if (store_first_day_each(e->store, e->school.id, day, 0, collect_action, &al) < 0) {
		free(al.v);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	}
	out->actions = al.v;
	out->n_actions = al.n;
	int col = 2 * idx;
	for (int row = 0; row < e->m.n_rows; row++) {
		const struct pupil_row *p = &e->m.rows[row];
		if (col < p->first_col || col >= p->end_col)
			continue;
		const uint8_t *cells = matrix_row_cells(&e->m, row);
		struct firstday_item it = {.row = row, .escalation = -1};
		it.n[SESSION_AM] = cells[col] == CODE_N;
		it.n[SESSION_PM] = cells[col + 1] == CODE_N;
		/* the actions are by pupil: find this pupil's run of them */
		it.first_action = 0;
		while (it.first_action < al.n && al.v[it.first_action].pupil_id != p->pupil_id)
			it.first_action++;
		while (it.first_action + it.n_actions < al.n &&
		       al.v[it.first_action + it.n_actions].pupil_id == p->pupil_id)
			it.n_actions++;
		bool unexplained = it.n[SESSION_AM] || it.n[SESSION_PM];
		if (!unexplained && !it.n_actions)
			continue;
		struct row_cells rc = {&e->m, row};
		it.run = fd_unexplained_run(matrix_cell, &rc, p->first_col, p->end_col, idx);
		it.escalation = fd_escalation_for(&out->settings, it.run);
		it.flags = firstday_flags(p);
		struct contact_count cc = {0};
		if (store_contacts_each(e->store, e->school.id, p->pupil_id, count_contact, &cc) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			goto fail;
		}
		it.contacts = cc.contacts;
		it.working = cc.working;
		it.first_contact = cc.first;
		progress(&out->settings, al.v, out->minute, &it);
		if (unexplained ? push_item(&out->items, &out->n, &it) < 0
				: push_item(&out->resolved, &out->n_resolved, &it) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "out of memory");
			goto fail;
		}
	}
	/* tasks about this day: created on it, or still open */
	char since[DATE_ISO_LEN];
	struct day_tasks dt = {day, out->items, e, out->n};
	if (store_tasks_each(e->store, e->school.id, false, date_format(day - 1, since), 0, note_task,
			     &dt) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto fail;
	}
	if (out->n)
		qsort_r(out->items, (size_t)out->n, sizeof *out->items, cmp_item, (void *)e);
	if (out->n_resolved)
		qsort_r(out->resolved, (size_t)out->n_resolved, sizeof *out->resolved, cmp_item,
			(void *)e);
	return 0;
fail:
	firstday_list_free(out);
	return -1;
}

void firstday_list_free(struct firstday_list *l)
{
	free(l->items);
	free(l->resolved);
	free(l->actions);
	free(l->overdue);
	memset(l, 0, sizeof *l);
}

static int cmp_overdue(const void *pa, const void *pb, void *ctx)
{
	const struct engine *e = ctx;
	const struct firstday_overdue *a = pa, *b = pb;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	int c = strcoll(e->m.rows[a->row].surname, e->m.rows[b->row].surname);
	return c ? c : (int)a->session - (int)b->session;
}

int firstday_overdue_build(const struct engine *e, date_t today, struct firstday_overdue **out,
			   int *n, struct app_error *err)
{
	*out = NULL;
	*n = 0;
	int lo, hi;
	calendar_day_range(&e->cal, date_from_ymd(date_academic_year(today), 8, 1), today, &lo, &hi);
	/* Overdue is monotonic in the day: the latest overdue day ends the scan. */
	int cut = hi;
	while (cut > lo && !fd_n_overdue(&e->cal, e->cal.school_days[cut - 1], today))
		cut--;
	for (int row = 0; row < e->m.n_rows; row++) {
		const struct pupil_row *p = &e->m.rows[row];
		const uint8_t *cells = matrix_row_cells(&e->m, row);
		int from = 2 * lo > p->first_col ? 2 * lo : p->first_col;
		int to = 2 * cut < p->end_col ? 2 * cut : p->end_col;
		for (int col = from; col < to; col++) {
			if (cells[col] != CODE_N)
				continue;
			struct firstday_overdue *grown = realloc(*out, (size_t)(*n + 1) * sizeof **out);
			if (!grown) {
				free(*out);
				*out = NULL;
				*n = 0;
				return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
			}
			*out = grown;
			date_t date = calendar_col_date(&e->cal, col);
			(*out)[(*n)++] = (struct firstday_overdue){
				row, date, (enum session)(col % 2),
				fd_school_days_between(&e->cal, date, today)};
		}
	}
	if (*n)
		qsort_r(*out, (size_t)*n, sizeof **out, cmp_overdue, (void *)e);
	return 0;
}

/* ---- recording a step ---- */

/* Whether the pupil has an N on school day idx: in the register, or (in a
 * transaction) as it is about to be. */
static bool unexplained(const struct engine *e, int row, int idx, bool in_txn)
{
	for (int s = 0; s < SESSION__MAX; s++) {
		uint8_t c = in_txn ? engine_cell(e, row, 2 * idx + s)
				   : matrix_row_cells(&e->m, row)[2 * idx + s];
		if (c == CODE_N)
			return true;
	}
	return false;
}

/* The action of a step already done that day, if any. */
struct step_done {
	const char *step;
	struct first_day_action_rec found;
};

static int find_step(void *ctx, const struct first_day_action_rec *a)
{
	struct step_done *sd = ctx;
	if (strcmp(a->step, sd->step) == 0 && !sd->found.id)
		sd->found = *a;
	return 0;
}

static int check(const struct engine *e, const struct firstday_step *st, date_t today, bool in_txn,
		 int *row, struct contact_rec *c, struct app_error *err)
{
	char d[DATE_ISO_LEN], note[STORE_NOTE_MAX];
	if ((unsigned)st->result >= FD_RESULT__MAX)
		return app_fail(err, ERR_INPUT, "result", "no such result");
	*row = engine_row_on(e, st->upn, today);
	if (*row < 0) {
		if (engine_pupil_row(e, st->upn) < 0)
			return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", st->upn);
		return app_fail(err, ERR_CONFLICT, "upn", "pupil %s is not on roll today", st->upn);
	}
	const struct pupil_row *p = &e->m.rows[*row];
	int idx = calendar_day_index(&e->cal, today);
	if (idx < 0)
		return app_fail(err, ERR_INPUT, "date", "today (%s) is not a school day",
				date_format(today, d));
	if (!unexplained(e, *row, idx, in_txn))
		return app_fail(err, ERR_CONFLICT, "upn",
				"%s %s has no N today: the absence has a reason (or the pupil is "
				"in), so the first-day response is over",
				p->forename, p->surname);
	if (parse_text_field("note", st->note ? st->note : "", note, sizeof note,
			     fd_result_needs_note(st->result), err) < 0) {
		if (fd_result_needs_note(st->result) && !(st->note && *st->note))
			app_fail(err, ERR_INPUT, "note", "%s: say %s in the note",
				 fd_result_label(st->result),
				 st->result == FD_VISITED ? "what the visit found" : "why");
		return -1;
	}
	if (st->result == FD_SENT && st->outbox_id <= 0)
		return app_fail(err, ERR_INPUT, "result",
				"the first-day message is sent from its preview, through the outbox");
	enum fd_step step = fd_result_step(st->result);
	if (step != FD_CALLS) {
		struct step_done sd = {fd_step_name(step), {0}};
		if (store_first_day_each(e->store, e->school.id, today, p->pupil_id, find_step, &sd) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		if (sd.found.id) {
			char at[CLOCK_ISO_LEN];
			clock_local_display(sd.found.done_at, at);
			return app_fail(err, ERR_CONFLICT, "result",
					step == FD_MESSAGE
						? "the first-day message was already done today (%s at %.5s by %s)"
						: "the welfare visit was already decided today (%s at %.5s by %s)",
					fd_result_label((enum fd_result)fd_result_parse(sd.found.result)),
					at + 11, sd.found.done_by);
		}
	}
	/* the contact called, or the one the message went to */
	if (step != FD_CALLS && !(st->result == FD_SENT && st->contact_priority > 0))
		return 0;
	if (st->contact_priority < 1)
		return app_fail(err, ERR_INPUT, "contact", "say which contact was called");
	int rc = contacts_get(e, p->pupil_id, st->contact_priority, c, err);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return app_fail(err, ERR_INPUT, "contact", "%s %s has no contact %d", p->forename,
				p->surname, st->contact_priority);
	if (step == FD_CALLS && !contact_working(c))
		return app_fail(err, ERR_INPUT, "contact", "contact %d (%s) %s", c->priority, c->name,
				c->do_not_contact ? "is marked do not contact"
						  : "has no phone number to call");
	return 0;
}

int firstday_check(const struct engine *e, const struct firstday_step *st, date_t today, int *row,
		   struct app_error *err)
{
	struct contact_rec c;
	return check(e, st, today, false, row, &c, err);
}

int firstday_record_write(struct engine *e, const struct firstday_step *st, const struct actor *who,
			  date_t today, int64_t *action_id, struct app_error *err)
{
	int row;
	struct contact_rec c = {0};
	if (check(e, st, today, true, &row, &c, err) < 0)
		return -1;
	enum fd_step step = fd_result_step(st->result);
	struct first_day_action_rec a = {0};
	a.pupil_id = e->m.rows[row].pupil_id;
	a.date = today;
	snprintf(a.step, sizeof a.step, "%s", fd_step_name(step));
	snprintf(a.result, sizeof a.result, "%s", fd_result_name(st->result));
	snprintf(a.note, sizeof a.note, "%s", st->note ? st->note : "");
	snprintf(a.done_by, sizeof a.done_by, "%s", who->user);
	clock_iso_utc(clock_now(), a.done_at);
	a.outbox_id = st->outbox_id;
	if (c.id) {
		a.contact_id = c.id;
		snprintf(a.contact_name, sizeof a.contact_name, "%s, %s", c.name, c.relationship);
	}
	/* A call or a visit is a contact with the family: the log has it too. */
	if (step == FD_CALLS || st->result == FD_VISITED) {
		char outcome[STORE_NOTE_MAX];
		snprintf(outcome, sizeof outcome, "First-day %s: %s%s%s",
			 step == FD_CALLS ? "call" : "welfare visit",
			 step == FD_CALLS ? fd_result_label(st->result) : "visited",
			 a.note[0] ? ". " : "", a.note);
		struct contact_log_request rq = {
			.upn = st->upn,
			.channel = step == FD_CALLS ? "call" : "home_visit",
			.to_priority = step == FD_CALLS ? c.priority : 0,
			.to_name = step == FD_CALLS ? NULL : "the family, at home",
			.outcome = outcome,
			.follow_up = DATE_INVALID,
		};
		if (contact_log_add_write(e, &rq, who, &a.log_entry, err) < 0)
			return -1;
		if (step != FD_CALLS)
			snprintf(a.contact_name, sizeof a.contact_name, "the family, at home");
	}
	int rc = store_first_day_add(e->store, e->school.id, &a);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, "result",
				step == FD_MESSAGE ? "the first-day message was already sent today"
						   : "the welfare visit was already decided today");
	*action_id = a.id;
	return 0;
}
