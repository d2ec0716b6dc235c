#include "app/register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"

static const struct {
	const char *key, *fallback;
} times[SESSION__MAX][2] = {
	{{SETTING_AM_START, "09:00"}, {SETTING_AM_CLOSE, "09:30"}},
	{{SETTING_PM_START, "13:15"}, {SETTING_PM_CLOSE, "13:45"}},
};
#define DEFAULT_CODES "L,I,M,N,C,G,E,V"

static int parse_hhmm(const char *t)
{
	int h, m;
	char end;
	if (strlen(t) != 5 || sscanf(t, "%2d:%2d%c", &h, &m, &end) != 2 || h > 23 || m > 59 ||
	    h < 0 || m < 0)
		return -1;
	return h * 60 + m;
}

char *register_time_text(int minutes, char out[6])
{
	snprintf(out, 6, "%02d:%02d", (minutes / 60) % 24, minutes % 60);
	return out;
}

static int setting(struct store *s, int64_t school_id, const char *key, const char *fallback,
		   char *buf, size_t len, struct app_error *err)
{
	int rc = store_setting_get(s, school_id, key, buf, len);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	if (rc == 1)
		snprintf(buf, len, "%s", fallback);
	return 0;
}

int register_settings_load(struct store *s, int64_t school_id, struct register_settings *out,
			   struct app_error *err)
{
	char buf[256];
	memset(out, 0, sizeof *out);
	for (int ses = 0; ses < SESSION__MAX; ses++) {
		for (int k = 0; k < 2; k++) {
			if (setting(s, school_id, times[ses][k].key, times[ses][k].fallback, buf,
				    sizeof buf, err) < 0)
				return -1;
			int v = parse_hhmm(buf);
			if (v < 0)
				return app_fail(err, ERR_INTERNAL, times[ses][k].key,
						"setting %s '%s' is not a time (HH:MM)",
						times[ses][k].key, buf);
			*(k ? &out->close[ses] : &out->start[ses]) = v;
		}
		if (out->close[ses] < out->start[ses])
			return app_fail(err, ERR_INTERNAL, times[ses][1].key,
					"the %s register closes before it starts", session_name(ses));
	}
	if (setting(s, school_id, SETTING_CODES, DEFAULT_CODES, buf, sizeof buf, err) < 0)
		return -1;
	for (char *save = NULL, *tok = strtok_r(buf, ", ", &save); tok;
	     tok = strtok_r(NULL, ", ", &save)) {
		enum code c = code_parse(tok);
		if (c != CODE_NONE && c != CODE_PRESENT && out->n_codes < REGISTER_CODES_MAX)
			out->codes[out->n_codes++] = c;
	}
	return 0;
}

int register_form(const struct engine *e, const char *form, struct app_error *err)
{
	for (int f = 0; f < e->m.n_forms; f++)
		if (strcmp(e->m.forms[f], form) == 0)
			return f;
	return app_fail(err, ERR_NOT_FOUND, "form", "there is no form %s", form);
}

/* Names the mark in a message: "marks[3].code". */
static int mark_fail(struct app_error *err, int i, const char *field)
{
	char f[sizeof err->field];
	/* The date is the register's own: a mark's date error (not on roll)
	 * is about its pupil. */
	if (!field[0] || strcmp(field, "date") == 0)
		field = "upn";
	snprintf(f, sizeof f, "marks[%d].%s", i, field);
	snprintf(err->field, sizeof err->field, "%s", f);
	if (err->kind == ERR_NOT_FOUND) /* an unknown pupil is bad input here */
		err->kind = ERR_INPUT;
	return -1;
}

/* L after the register closed is U, unless overridden (DfE: a pupil
 * arriving after the register closes is absent, code U). The arrival time
 * is the session's start plus the minutes late, or now for today's
 * register when no minutes are given. */
static bool arrived_after_close(const struct register_settings *rs, const struct register_mark *m,
				enum session ses, bool today, int minute_now)
{
	int arrival;
	if (m->minutes_late >= 0)
		arrival = rs->start[ses] + m->minutes_late;
	else if (today)
		arrival = minute_now;
	else
		return false;
	return arrival > rs->close[ses];
}

int register_check(const struct engine *e, const struct register_settings *rs,
		   struct register_submission *sub, date_t today, int minute_now,
		   struct app_error *err)
{
	char d[DATE_ISO_LEN], t[6], at[CLOCK_ISO_LEN] = "";
	const char *form = e->m.forms[sub->form];
	date_format(sub->date, d);
	if (sub->n_marks == 0)
		return app_fail(err, ERR_INPUT, "marks", "marks is empty: there is nothing to save");
	enum day_kind kind = calendar_day_kind(&e->cal, sub->date);
	if (kind != DAY_SCHOOL)
		return app_fail(err, ERR_INPUT, "date", "%s is not a school day (%s)", d,
				kind == DAY_CLOSURE ? "planned closure" : day_kind_name(kind));
	bool is_today = sub->date == today;
	bool not_open = sub->date > today ||
			(is_today && minute_now < rs->start[sub->session] - REGISTER_OPENS_EARLY);
	bool override = account_overrides_late(sub->by) && sub->reason[0];
	bool needs_reason = false;
	int needs_reason_at = -1;
	uint8_t *seen = calloc((size_t)(e->m.n_rows ? e->m.n_rows : 1), 1);
	if (!seen)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	int rc = -1;
	for (int i = 0; i < sub->n_marks; i++) {
		struct register_mark *m = &sub->marks[i];
		m->code = m->asked;
		if (not_open && !(code_info(m->asked)->flags & CODE_FLAG_FUTURE_OK)) {
			app_fail(err, ERR_INPUT, "date",
				 "the %s %s register is not open yet (it opens at %s): only codes "
				 "known in advance can be recorded before then",
				 d, session_name(sub->session),
				 register_time_text(rs->start[sub->session] - REGISTER_OPENS_EARLY, t));
			goto out;
		}
		if (m->asked == CODE_L &&
		    arrived_after_close(rs, m, sub->session, is_today, minute_now) && !override)
			m->code = CODE_U;
		struct mark_input in = {m->upn, sub->date, sub->session, m->code, m->minutes_late};
		if (marks_check(e, &in, today, &m->row, &m->col, err) < 0) {
			mark_fail(err, i, err->field);
			goto out;
		}
		const struct pupil_row *p = &e->m.rows[m->row];
		if (p->form != sub->form) {
			app_fail(err, ERR_INPUT, "upn", "pupil %s is not in form %s on %s", m->upn,
				 form, d);
			mark_fail(err, i, "upn");
			goto out;
		}
		if (seen[m->row]) {
			app_fail(err, ERR_INPUT, "upn",
				 "pupil %s appears twice in this register: give one mark a pupil",
				 m->upn);
			mark_fail(err, i, "upn");
			goto out;
		}
		seen[m->row] = 1;
		enum code cur = (enum code)matrix_row_cells(&e->m, m->row)[m->col];
		/* A first mark's version is made here, on the request's thread,
		 * not in the one writer: with the reason it will be saved with
		 * (a late kept as L by override gets another: made there). */
		m->ahead.made = false;
		if (cur == CODE_NONE && !(m->code == CODE_L && override)) {
			if (!at[0])
				clock_iso_utc(clock_now(), at);
			struct actor who = {sub->by->username, sub->source};
			marks_make_ahead(e, &in, m->row, m->col, &who, sub->reason, at, &m->ahead);
		}
		int minutes = code_info(m->code)->flags & CODE_FLAG_MINUTES_LATE ? m->minutes_late : -1;
		int cur_minutes = matrix_minutes_late(&e->m, m->row, m->col);
		if (cur != CODE_NONE &&
		    (cur != m->code || (minutes > 0 ? minutes : 0) != cur_minutes) && !needs_reason) {
			needs_reason = true;
			needs_reason_at = i;
		}
	}
	if (needs_reason && !sub->reason[0]) {
		const struct register_mark *m = &sub->marks[needs_reason_at];
		app_fail(err, ERR_INPUT, "reason",
			 "pupil %s already has a mark for this session, so saving changes it: "
			 "an amendment needs a reason",
			 m->upn);
		goto out;
	}
	rc = 0;
out:
	free(seen);
	return rc;
}

static int count_event(void *ctx, const struct register_event *ev)
{
	(void)ev;
	(*(int *)ctx)++;
	return 0;
}

int register_write(struct engine *e, const struct register_settings *rs,
		   struct register_submission *sub, struct register_outcome *out,
		   struct app_error *err)
{
	(void)rs;
	memset(out, 0, sizeof *out);
	char reason[sizeof sub->reason + 64];
	struct actor who = {sub->by->username, sub->source};
	for (int i = 0; i < sub->n_marks; i++) {
		struct register_mark *m = &sub->marks[i];
		struct mark_input in = {m->upn, sub->date, sub->session, m->code, m->minutes_late};
		const char *why = sub->reason;
		if (m->asked == CODE_L && m->code == CODE_L && account_overrides_late(sub->by) &&
		    sub->reason[0] && arrived_after_close(rs, m, sub->session, false, 0)) {
			snprintf(reason, sizeof reason, "late after the register closed, kept as L: %s",
				 sub->reason);
			why = reason;
			out->late_overridden = true;
		}
		enum mark_outcome o;
		if (marks_write_ahead(e, &in, &who, why, why == sub->reason ? &m->ahead : NULL, &o,
				      err) < 0)
			return mark_fail(err, i, err->field);
		if (o == MARK_NEW)
			out->recorded++;
		else if (o == MARK_AMENDED)
			out->amended++;
		else
			out->unchanged++;
	}
	struct register_event *ev = &out->event;
	snprintf(ev->form, sizeof ev->form, "%s", e->m.forms[sub->form]);
	ev->date = sub->date;
	ev->session = sub->session;
	snprintf(ev->taken_by, sizeof ev->taken_by, "%s", sub->by->username);
	clock_iso_utc(clock_now(), ev->taken_at);
	ev->marks = out->recorded + out->amended;
	snprintf(ev->reason, sizeof ev->reason, "%s", sub->reason);
	if (ev->marks == 0) {
		/* Nothing changed: a resubmission records no event, but the first
		 * submission of a register still counts as taking it. */
		int n = 0;
		if (store_register_events(e->store, e->school.id, ev->form, ev->date, ev->session,
					  count_event, &n) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		if (n > 0) {
			snprintf(ev->kind, sizeof ev->kind, "amended");
			return 0;
		}
	}
	if (store_register_event_add(e->store, e->school.id, ev) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}
