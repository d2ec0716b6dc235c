#include "app/lessons.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/parse.h"

#define LESSON_SOURCE_PREFIX "lesson:"

int lessons_register_mode(struct store *s, int64_t school_id, enum register_mode *out,
			  struct app_error *err)
{
	char buf[32];
	int rc = store_setting_get(s, school_id, SETTING_REGISTER_MODE, buf, sizeof buf);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	if (rc == 1 || strcmp(buf, "form") == 0)
		*out = REGISTER_MODE_FORM;
	else if (strcmp(buf, "lesson") == 0)
		*out = REGISTER_MODE_LESSON;
	else
		return app_fail(err, ERR_INPUT, SETTING_REGISTER_MODE,
				"setting %s is '%s': it must be form or lesson", SETTING_REGISTER_MODE, buf);
	return 0;
}

static const char *period_label(const struct engine *e, int day, int period)
{
	return lessons_day(e->lessons, &e->cal, day)->p[period].label;
}

int lessons_ref(const struct engine *e, const char *date, const char *period, const char *cls,
		struct lesson_ref *out, struct app_error *err)
{
	const struct lesson_engine *le = e->lessons;
	char d[DATE_ISO_LEN];
	if (!le)
		return app_fail(err, ERR_INTERNAL, NULL, "the lesson registers are not loaded");
	if (parse_date_field("date", date, &out->date, err) < 0)
		return -1;
	date_format(out->date, d);
	if ((out->cls = lessons_class(le, cls)) < 0)
		return app_fail(err, ERR_NOT_FOUND, "class", "there is no class %.40s", cls);
	out->day = calendar_day_index(&e->cal, out->date);
	if (out->day < 0)
		return app_fail(err, ERR_INPUT, "date", "%s is not a school day (%s)", d,
				day_kind_name(calendar_day_kind(&e->cal, out->date)));
	const struct tt_day *td = lessons_day(le, &e->cal, out->day);
	if ((out->period = tt_period_index(td, period)) < 0)
		return app_fail(err, ERR_INPUT, "period", "%s (%s) has no period %.16s", d,
				date_weekday_name(date_weekday(out->date)), period);
	if (!lessons_meets(le, &e->cal, out->cls, out->day, out->period))
		return app_fail(err, ERR_INPUT, "period",
				"class %s does not meet on %s %s in period %s", le->classes[out->cls].code,
				date_weekday_name(date_weekday(out->date)), d, period);
	return 0;
}

bool account_sees_class(const struct account *a, const struct lesson_class *c)
{
	return account_whole_school(a) ||
	       (account_takes_registers(a) && strcmp(a->username, c->teacher) == 0);
}

/* "period 3 (7A/Ma1, room M1, ms.hughes)" */
static char *lesson_place(const struct engine *e, int day, int period, int cls, char *buf,
			  size_t len)
{
	const struct lesson_engine *le = e->lessons;
	int n = snprintf(buf, len, "period %s", period_label(e, day, period));
	if (cls >= 0 && cls < le->n_classes && (size_t)n < len) {
		const struct lesson_class *k = &le->classes[cls];
		snprintf(buf + n, len - (size_t)n, " (%s%s%s, %s)", k->code, k->room[0] ? ", room " : "",
			 k->room, k->teacher);
	}
	return buf;
}

/* ---- checking ---- */

/* Names the mark in a message: "marks[3].upn". */
static int mark_fail(struct app_error *err, int i, const char *field)
{
	if (!field[0] || strcmp(field, "date") == 0)
		field = "upn";
	char f[sizeof err->field];
	snprintf(f, sizeof f, "marks[%d].%s", i, field);
	snprintf(err->field, sizeof err->field, "%s", f);
	if (err->kind == ERR_NOT_FOUND)
		err->kind = ERR_INPUT;
	return -1;
}

int lessons_check(const struct engine *e, struct lesson_submission *sub, date_t today,
		  int minute_now, struct app_error *err)
{
	const struct lesson_engine *le = e->lessons;
	const struct lesson_class *k = &le->classes[sub->at.cls];
	const struct tt_period *tp = &lessons_day(le, &e->cal, sub->at.day)->p[sub->at.period];
	char d[DATE_ISO_LEN], t[6];
	date_format(sub->at.date, d);
	if (sub->n_marks == 0)
		return app_fail(err, ERR_INPUT, "marks", "marks is empty: there is nothing to save");
	bool not_open = sub->at.date > today ||
			(sub->at.date == today && minute_now < tp->start - LESSON_OPENS_EARLY);
	int col = lessons_ref_col(e, &sub->at);
	int needs_reason_at = -1;
	uint8_t *seen = calloc((size_t)e->m.n_rows + 1, 1);
	if (!seen)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	int rc = -1;
	for (int i = 0; i < sub->n_marks; i++) {
		struct register_mark *m = &sub->marks[i];
		m->code = m->asked;
		if (not_open && !(code_info(m->asked)->flags & CODE_FLAG_FUTURE_OK)) {
			app_fail(err, ERR_INPUT, "date",
				 "the %s register of %s period %s is not open yet (it opens at %s): only "
				 "codes known in advance can be recorded before then",
				 k->code, d, tp->label, tt_time_text(tp->start - LESSON_OPENS_EARLY, t));
			goto out;
		}
		struct mark_input in = {m->upn, sub->at.date, SESSION_AM, m->code, m->minutes_late};
		int session_col;
		if (marks_check(e, &in, today, &m->row, &session_col, err) < 0) {
			mark_fail(err, i, err->field);
			goto out;
		}
		m->col = col;
		const struct pupil_row *p = &e->m.rows[m->row];
		if (!lessons_member_on(k, p->pupil_id, sub->at.date)) {
			app_fail(err, ERR_INPUT, "upn", "pupil %s is not in class %s on %s", m->upn, k->code, d);
			mark_fail(err, i, "upn");
			goto out;
		}
		if (seen[m->row]) {
			app_fail(err, ERR_INPUT, "upn",
				 "pupil %s appears twice in this register: give one mark a pupil", m->upn);
			mark_fail(err, i, "upn");
			goto out;
		}
		seen[m->row] = 1;
		uint8_t cur = matrix_row_cells(&le->m, m->row)[col];
		int minutes = code_info(m->code)->flags & CODE_FLAG_MINUTES_LATE ? m->minutes_late : -1;
		if (cur != CODE_NONE && cur != LESSON_FREE && needs_reason_at < 0 &&
		    (cur != m->code || (minutes > 0 ? minutes : 0) != matrix_minutes_late(&le->m, m->row, col)))
			needs_reason_at = i;
	}
	if (needs_reason_at >= 0 && !sub->reason[0]) {
		app_fail(err, ERR_INPUT, "reason",
			 "pupil %s already has a mark for this lesson, so saving changes it: an "
			 "amendment needs a reason",
			 sub->marks[needs_reason_at].upn);
		goto out;
	}
	rc = 0;
out:
	free(seen);
	return rc;
}

/* ---- writing ---- */

int lessons_mark_write(struct engine *e, int row, const struct lesson_ref *at, enum code code,
		       int minutes_late, const struct actor *who, const char *reason,
		       enum mark_outcome *outcome, struct app_error *err)
{
	const struct lesson_engine *le = e->lessons;
	const struct lesson_class *k = &le->classes[at->cls];
	const struct pupil_row *p = &e->m.rows[row];
	const char *label = period_label(e, at->day, at->period);
	struct lesson_mark_rec cur, v = {0};
	int rc = store_lesson_mark_get(e->store, e->school.id, p->pupil_id, at->date, label, &cur);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	int minutes = code_info(code)->flags & CODE_FLAG_MINUTES_LATE ? minutes_late : -1;
	if (rc == 0) {
		if (cur.code == code && cur.minutes_late == minutes && cur.class_id == k->id) {
			*outcome = MARK_UNCHANGED;
			return 0;
		}
		v.version = cur.version + 1;
		memcpy(v.prev_hash, cur.hash, sizeof v.prev_hash);
		*outcome = MARK_AMENDED;
	} else {
		v.version = 1;
		snprintf(v.prev_hash, sizeof v.prev_hash, "%s", STORE_HASH_GENESIS);
		*outcome = MARK_NEW;
	}
	v.pupil_id = p->pupil_id;
	v.date = at->date;
	snprintf(v.period, sizeof v.period, "%s", label);
	v.class_id = k->id;
	memcpy(v.class_code, k->code, sizeof v.class_code);
	v.code = code;
	v.minutes_late = minutes;
	snprintf(v.recorded_by, sizeof v.recorded_by, "%s", who->user);
	clock_iso_utc(clock_now(), v.recorded_at);
	snprintf(v.reason, sizeof v.reason, "%s", reason ? reason : "");
	snprintf(v.source, sizeof v.source, "%s", who->source);
	store_lesson_mark_hash(e->school.id, &v, v.hash);
	if (store_lesson_mark_put(e->store, e->school.id, &v) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (engine_note_cell(e, true, row, e->lessons->lay.first[at->day] + at->period, code, minutes,
			     at->cls) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	return 0;
}

/* The current session mark and whether a lesson derived it. */
struct latest {
	enum code code;
	bool from_lesson;
};

static int note_latest(void *ctx, const struct mark_rec *m)
{
	struct latest *l = ctx;
	l->code = m->code;
	l->from_lesson = strncmp(m->source, LESSON_SOURCE_PREFIX, strlen(LESSON_SOURCE_PREFIX)) == 0;
	return 0;
}

static int derive(struct engine *e, const struct lesson_submission *sub, enum session s,
		  const struct register_mark *m, struct lesson_day *day, struct app_error *err)
{
	const struct lesson_engine *le = e->lessons;
	const struct tt_period *tp = &lessons_day(le, &e->cal, sub->at.day)->p[sub->at.period];
	struct derived_mark dm;
	lessons_derive(m->code, m->minutes_late, tp->start, le->session_start[s],
		       le->session_close[s], &dm);
	struct latest cur = {CODE_NONE, false};
	const struct pupil_row *p = &e->m.rows[m->row];
	if (store_history_each(e->store, e->school.id, p->pupil_id, sub->at.date, s, note_latest,
			       &cur) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (!lessons_derive_may_write(cur.code, cur.from_lesson))
		return 0;
	char source[128];
	snprintf(source, sizeof source, LESSON_SOURCE_PREFIX "%s",
		 le->classes[sub->at.cls].code);
	struct actor who = {sub->by->username, source};
	struct mark_input in = {m->upn, sub->at.date, s, dm.code, dm.minutes_late};
	enum mark_outcome o;
	const char *why = sub->reason[0] ? sub->reason : "from the registration lesson";
	if (marks_write(e, &in, &who, why, false, &o, err) < 0)
		return -1;
	day->session[s] = dm.code;
	return o == MARK_UNCHANGED ? 0 : 1;
}

static bool flagged_for_dsl(const struct pupil_row *p)
{
	return p->safeguarding || p->cp || p->cin || p->looked_after;
}

static int raise_alert(struct engine *e, struct alert_rec *a, struct lesson_outcome *out,
		       struct app_error *err)
{
	int rc = store_alert_add(e->store, e->school.id, a);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 0 && out->n_alerts < LESSON_ALERTS_MAX)
		out->alerts[out->n_alerts++] = *a;
	return 0;
}

/* Puts a pupil on the missing list: the office, their head of year and,
 * when flagged, the DSL. */
static int report_missing(struct engine *e, const struct lesson_submission *sub, int row,
			  const struct lesson_day *day, const struct last_seen *seen,
			  struct lesson_outcome *out, struct app_error *err)
{
	const struct pupil_row *p = &e->m.rows[row];
	char here[160], there[200], now[CLOCK_ISO_LEN];
	lesson_place(e, sub->at.day, sub->at.period, sub->at.cls, here, sizeof here);
	if (seen->period >= 0) {
		const struct lesson_engine *le = e->lessons;
		int col = le->lay.first[sub->at.day] + seen->period;
		int cls = le->cell_class[(size_t)row * (size_t)le->m.n_cols + (size_t)col];
		char place[160];
		snprintf(there, sizeof there, "%s in %s",
			 day->lesson[seen->period] == CODE_L ? "arrived late" : "present",
			 lesson_place(e, sub->at.day, seen->period, cls == LESSON_NO_CLASS ? -1 : cls,
				      place, sizeof place));
	} else {
		snprintf(there, sizeof there, "registered %s at %s registration",
			 day->session[seen->session] == CODE_PRESENT ? "present" : "late",
			 session_name((enum session)seen->session));
	}
	if (out->n_missing < LESSON_ALERTS_MAX) {
		struct missing_pupil *mp = &out->missing[out->n_missing++];
		memcpy(mp->upn, p->upn, sizeof mp->upn);
		snprintf(mp->text, sizeof mp->text, "last seen %s", there);
	}
	struct alert_rec a = {0};
	snprintf(a.kind, sizeof a.kind, "missing");
	a.date = sub->at.date;
	snprintf(a.period, sizeof a.period, "%s", period_label(e, sub->at.day, sub->at.period));
	a.class_id = e->lessons->classes[sub->at.cls].id;
	a.pupil_id = p->pupil_id;
	snprintf(a.message, sizeof a.message, "%s %s (%s, %s) is absent from %s with no reason; last seen %s",
		 p->forename, p->surname, p->upn, e->m.forms[p->form], here, there);
	clock_iso_utc(clock_now(), now);
	memcpy(a.created_at, now, sizeof a.created_at);
	const char *audiences[3] = {"office", "head_of_year", flagged_for_dsl(p) ? "dsl" : NULL};
	for (int i = 0; i < 3; i++) {
		if (!audiences[i])
			continue;
		snprintf(a.audience, sizeof a.audience, "%s", audiences[i]);
		snprintf(a.audience_year, sizeof a.audience_year, "%s", i == 1 ? year_name(p->year) : "");
		if (raise_alert(e, &a, out, err) < 0)
			return -1;
	}
	return 0;
}

/* A pupil marked in a lesson: a missing alert of this lesson is settled by
 * any mark but N; being present settles every one of the day. */
static int settle_missing(struct engine *e, const struct lesson_submission *sub,
			  const struct register_mark *m, struct app_error *err)
{
	if (m->code == CODE_N)
		return 0;
	const struct pupil_row *p = &e->m.rows[m->row];
	char now[CLOCK_ISO_LEN], how[300], place[160];
	clock_iso_utc(clock_now(), now);
	lesson_place(e, sub->at.day, sub->at.period, sub->at.cls, place, sizeof place);
	bool present = lessons_present(m->code);
	if (present)
		snprintf(how, sizeof how, "seen: %s in %s", m->code == CODE_L ? "late" : "present", place);
	else
		snprintf(how, sizeof how, "the lesson mark is now %s", code_text(m->code, SESSION_AM));
	int n;
	if (store_alerts_resolve(e->store, e->school.id, "missing", 0, p->pupil_id, sub->at.date,
				 present ? NULL : period_label(e, sub->at.day, sub->at.period),
				 sub->by->username, now, how, &n) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

static int count_event(void *ctx, const struct lesson_event *ev)
{
	(void)ev;
	(*(int *)ctx)++;
	return 0;
}

static int record_event(struct engine *e, const struct lesson_submission *sub,
			struct lesson_outcome *out, struct app_error *err)
{
	struct lesson_event *ev = &out->event;
	ev->class_id = e->lessons->classes[sub->at.cls].id;
	ev->date = sub->at.date;
	snprintf(ev->period, sizeof ev->period, "%s", period_label(e, sub->at.day, sub->at.period));
	snprintf(ev->taken_by, sizeof ev->taken_by, "%s", sub->by->username);
	clock_iso_utc(clock_now(), ev->taken_at);
	ev->marks = out->recorded + out->amended;
	snprintf(ev->reason, sizeof ev->reason, "%s", sub->reason);
	if (ev->marks == 0) {
		int n = 0;
		if (store_lesson_events(e->store, e->school.id, ev->class_id, ev->date, ev->period,
					count_event, &n) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		if (n > 0) {
			snprintf(ev->kind, sizeof ev->kind, "amended");
			return 0;
		}
	}
	int n;
	if (store_lesson_event_add(e->store, e->school.id, ev) < 0 ||
	    store_alerts_resolve(e->store, e->school.id, "register_not_taken", ev->class_id, 0,
				 ev->date, ev->period, ev->taken_by, ev->taken_at, "register taken", &n) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

int lessons_write(struct engine *e, struct lesson_submission *sub, enum register_mode mode,
		  struct lesson_outcome *out, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	const struct tt_day *td = lessons_day(e->lessons, &e->cal, sub->at.day);
	int reg = td->p[sub->at.period].reg;
	char source[128];
	snprintf(source, sizeof source, "%s", sub->source);
	struct actor who = {sub->by->username, source};
	for (int i = 0; i < sub->n_marks; i++) {
		struct register_mark *m = &sub->marks[i];
		enum mark_outcome o;
		if (lessons_mark_write(e, m->row, &sub->at, m->code, m->minutes_late, &who, sub->reason,
				       &o, err) < 0)
			return mark_fail(err, i, err->field);
		out->recorded += o == MARK_NEW;
		out->amended += o == MARK_AMENDED;
		out->unchanged += o == MARK_UNCHANGED;
	}
	if (record_event(e, sub, out, err) < 0)
		return -1;
	for (int i = 0; i < sub->n_marks; i++) {
		struct register_mark *m = &sub->marks[i];
		/* the pupil's day as it is with this register in it */
		struct lesson_day day;
		lessons_pupil_day(e, m->row, sub->at.day, &day);
		day.lesson[sub->at.period] = m->code;
		if (mode == REGISTER_MODE_LESSON && reg != TT_REG_NONE) {
			int d = derive(e, sub, (enum session)reg, m, &day, err);
			if (d < 0)
				return mark_fail(err, i, err->field);
			out->derived += d;
		}
		struct last_seen seen;
		if (lessons_missing(&day, sub->at.period, &seen)) {
			if (report_missing(e, sub, m->row, &day, &seen, out, err) < 0)
				return -1;
		} else if (settle_missing(e, sub, m, err) < 0) {
			return -1;
		}
	}
	return 0;
}

/* ---- reminders ---- */

struct taken_set {
	int64_t *class_ids;
	char (*periods)[STORE_PERIOD_MAX];
	int n, cap;
};

static int note_taken(void *ctx, const struct lesson_event *ev)
{
	struct taken_set *t = ctx;
	if (t->n == t->cap) {
		int cap = t->cap ? t->cap * 2 : 64;
		int64_t *c = realloc(t->class_ids, (size_t)cap * sizeof *c);
		if (!c)
			return -1;
		t->class_ids = c;
		char(*p)[STORE_PERIOD_MAX] = realloc(t->periods, (size_t)cap * sizeof *p);
		if (!p)
			return -1;
		t->periods = p;
		t->cap = cap;
	}
	t->class_ids[t->n] = ev->class_id;
	memcpy(t->periods[t->n], ev->period, STORE_PERIOD_MAX);
	t->n++;
	return 0;
}

static int taken_index(const struct taken_set *t, int64_t class_id, const char *period)
{
	for (int i = 0; i < t->n; i++)
		if (t->class_ids[i] == class_id && strcmp(t->periods[i], period) == 0)
			return i;
	return -1;
}

static void taken_free(struct taken_set *t)
{
	free(t->class_ids);
	free(t->periods);
}

/* Pupils of a class on roll that day. */
static int class_pupils_on(const struct engine *e, const struct lesson_class *k, date_t day)
{
	int n = 0;
	for (int i = 0; i < k->n_members; i++)
		if (k->members[i].start <= day && day <= k->members[i].end &&
		    engine_row_of_id(e, k->members[i].pupil_id, day, -1) >= 0)
			n++;
	return n;
}

int lessons_remind(struct engine *e, date_t today, int minute_now, struct alert_rec *out,
		   int *n_out, int max_out, struct app_error *err)
{
	const struct lesson_engine *le = e->lessons;
	int day = le ? calendar_day_index(&e->cal, today) : -1;
	if (day < 0 || le->tt.n_weeks == 0)
		return 0;
	const struct tt_day *td = lessons_day(le, &e->cal, day);
	struct taken_set taken = {0};
	int rc = -1;
	if (store_lessons_taken(e->store, e->school.id, today, note_taken, &taken) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto out;
	}
	char now[CLOCK_ISO_LEN], t[6];
	clock_iso_utc(clock_now(), now);
	for (int c = 0; c < le->n_classes; c++) {
		const struct lesson_class *k = &le->classes[c];
		for (int p = 0; p < td->n; p++) {
			if (minute_now < td->p[p].start + LESSON_REMIND_AFTER ||
			    !lessons_meets(le, &e->cal, c, day, p) ||
			    taken_index(&taken, k->id, td->p[p].label) >= 0 ||
			    class_pupils_on(e, k, today) == 0)
				continue;
			struct alert_rec a = {0};
			snprintf(a.kind, sizeof a.kind, "register_not_taken");
			a.date = today;
			snprintf(a.period, sizeof a.period, "%s", td->p[p].label);
			a.class_id = k->id;
			snprintf(a.audience, sizeof a.audience, "teacher");
			snprintf(a.audience_user, sizeof a.audience_user, "%s", k->teacher);
			snprintf(a.message, sizeof a.message,
				 "The %s register for period %s (%s, room %s) is not taken yet",
				 k->code, td->p[p].label, tt_time_text(td->p[p].start, t),
				 k->room[0] ? k->room : "not set");
			memcpy(a.created_at, now, sizeof a.created_at);
			int added = store_alert_add(e->store, e->school.id, &a);
			if (added < 0) {
				app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
				goto out;
			}
			if (added == 0 && *n_out < max_out)
				out[(*n_out)++] = a;
		}
	}
	rc = 0;
out:
	taken_free(&taken);
	return rc;
}

/* ---- views of a day ---- */

struct taken_events {
	struct lesson_event *v;
	int n, cap;
};

static int keep_event(void *ctx, const struct lesson_event *ev)
{
	struct taken_events *t = ctx;
	if (t->n == t->cap) {
		int cap = t->cap ? t->cap * 2 : 64;
		struct lesson_event *v = realloc(t->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n++] = *ev;
	return 0;
}

static int cmp_slot(const void *a, const void *b, void *ctx)
{
	const struct lesson_slot *x = a, *y = b;
	const struct lesson_engine *le = ctx;
	if (x->period != y->period)
		return x->period - y->period;
	return strverscmp(le->classes[x->cls].code, le->classes[y->cls].code);
}

int lessons_of_day(const struct engine *e, struct store *rd, const struct account *who,
		   date_t day, int minute_now, date_t today, struct lesson_slot **out, int *n,
		   struct app_error *err)
{
	const struct lesson_engine *le = e->lessons;
	char d[DATE_ISO_LEN];
	*out = NULL;
	*n = 0;
	int di = calendar_day_index(&e->cal, day);
	if (di < 0)
		return app_fail(err, ERR_INPUT, "date", "%s is not a school day: there are no lessons",
				date_format(day, d));
	const struct tt_day *td = lessons_day(le, &e->cal, di);
	struct taken_events ev = {0};
	if (store_lessons_taken(rd, e->school.id, day, keep_event, &ev) < 0) {
		free(ev.v);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(rd));
	}
	struct lesson_slot *v = calloc((size_t)(le->n_classes * td->n) + 1, sizeof *v);
	if (!v) {
		free(ev.v);
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	}
	int k = 0;
	for (int c = 0; c < le->n_classes; c++) {
		const struct lesson_class *kl = &le->classes[c];
		if (who && !account_sees_class(who, kl))
			continue;
		for (int p = 0; p < td->n; p++) {
			if (!lessons_meets(le, &e->cal, c, di, p))
				continue;
			struct lesson_slot *s = &v[k++];
			s->cls = c;
			s->period = p;
			int col = le->lay.first[di] + p;
			for (int i = 0; i < kl->n_members; i++) {
				const struct lesson_member *mb = &kl->members[i];
				int row = mb->start <= day && day <= mb->end
						  ? engine_row_of_id(e, mb->pupil_id, day, -1)
						  : -1;
				if (row < 0)
					continue;
				uint8_t cell = matrix_row_cells(&le->m, row)[col];
				s->pupils++;
				s->marked += cell != CODE_NONE && cell != LESSON_FREE;
				s->absent += cell == CODE_N;
			}
			for (int i = 0; i < ev.n; i++) {
				if (ev.v[i].class_id == kl->id && strcmp(ev.v[i].period, td->p[p].label) == 0) {
					s->taken = true;
					memcpy(s->taken_by, ev.v[i].taken_by, sizeof s->taken_by);
					memcpy(s->taken_at, ev.v[i].taken_at, sizeof s->taken_at);
				}
			}
			s->overdue = !s->taken && s->pupils > 0 &&
				     (day < today || (day == today &&
						      minute_now >= td->p[p].start + LESSON_REMIND_AFTER));
		}
	}
	free(ev.v);
	qsort_r(v, (size_t)k, sizeof *v, cmp_slot, (void *)le);
	*out = v;
	*n = k;
	return 0;
}

int lessons_disagreements(const struct engine *e, const struct account *who, date_t day,
			  struct disagreement_item **out, int *n, struct app_error *err)
{
	const struct lesson_engine *le = e->lessons;
	*out = NULL;
	*n = 0;
	int di = calendar_day_index(&e->cal, day);
	if (di < 0 || le->tt.n_weeks == 0)
		return 0;
	int cap = 64, k = 0;
	struct disagreement_item *v = malloc((size_t)cap * sizeof *v);
	if (!v)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	for (int row = 0; row < e->m.n_rows; row++) {
		const struct pupil_row *p = &e->m.rows[row];
		if (2 * di < p->first_col || 2 * di >= p->end_col ||
		    (who && !account_sees_row(who, e, row)))
			continue;
		struct lesson_day ld;
		lessons_pupil_day(e, row, di, &ld);
		for (int i = 0; i < ld.n; i++) {
			enum disagreement kind = lessons_disagreement(ld.session[ld.ses[i]], ld.lesson[i]);
			if (kind == DIS_NONE)
				continue;
			if (k == cap) {
				cap *= 2;
				struct disagreement_item *nv = realloc(v, (size_t)cap * sizeof *v);
				if (!nv) {
					free(v);
					return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
				}
				v = nv;
			}
			int col = le->lay.first[di] + i;
			int cls = le->cell_class[(size_t)row * (size_t)le->m.n_cols + (size_t)col];
			v[k++] = (struct disagreement_item){row, i, kind, ld.session[ld.ses[i]], ld.lesson[i],
							    matrix_minutes_late(&le->m, row, col),
							    cls == LESSON_NO_CLASS ? -1 : cls};
		}
	}
	*out = v;
	*n = k;
	return 0;
}

char *lessons_disagreement_text(const struct engine *e, date_t day,
				const struct disagreement_item *d, char *buf, size_t len)
{
	int di = calendar_day_index(&e->cal, day);
	char place[160];
	const struct tt_day *td = lessons_day(e->lessons, &e->cal, di);
	enum session s = e->lessons->col_flags[e->lessons->lay.first[di] + d->period] & LESSON_COL_PM
				 ? SESSION_PM
				 : SESSION_AM;
	bool reg = td->p[d->period].reg == (int)s;
	lesson_place(e, di, d->period, d->cls, place, sizeof place);
	const char *sc = code_text(d->session, s), *lc = code_text(d->lesson, s);
	if (d->kind == DIS_ABSENT_FROM_LESSON)
		snprintf(buf, len, "%s for the %s session (%s), but absent with no reason (N) in %s%s",
			 d->session == CODE_L ? "late" : "present", session_name(s), sc, place,
			 reg ? ", the registration lesson" : ": left after registration?");
	else if (d->session == CODE_N)
		snprintf(buf, len, "N for the %s session, but %s (%s) in %s: arrived late?",
			 session_name(s), d->lesson == CODE_L ? "late" : "present", lc, place);
	else
		snprintf(buf, len, "%s for the %s session (%s), but %s (%s) in %s", sc,
			 session_name(s), code_info(d->session)->meaning,
			 d->lesson == CODE_L ? "late" : "present", lc, place);
	return buf;
}

int lessons_resolve(struct engine *e, const struct register_settings *rs,
		    const struct resolution *res, struct app_error *err)
{
	(void)rs;
	const struct lesson_engine *le = e->lessons;
	char d[DATE_ISO_LEN];
	date_format(res->at.date, d);
	int row = engine_row_on(e, res->upn, res->at.date);
	if (row < 0)
		return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s on roll on %s", res->upn, d);
	if (!res->reason[0])
		return app_fail(err, ERR_INPUT, "reason", "give a reason: it is kept with both marks");
	struct lesson_day day;
	lessons_pupil_day(e, row, res->at.day, &day);
	int p = res->at.period;
	enum session s = day.ses[p];
	enum code ses_now = day.session[s], les_now = day.lesson[p];
	if (lessons_disagreement(ses_now, les_now) == DIS_NONE)
		return app_fail(err, ERR_CONFLICT, "period",
				"the %s mark and the period %s mark of %s on %s agree already (%s and %s)",
				session_name(s), period_label(e, res->at.day, p), res->upn, d,
				code_text(ses_now, s), les_now == LESSON_FREE ? "no lesson" : code_text(les_now, s));
	enum code ses_new = res->session != CODE_NONE ? res->session : ses_now;
	enum code les_new = res->lesson != CODE_NONE ? res->lesson : les_now;
	if (res->session == CODE_NONE && res->lesson == CODE_NONE)
		return app_fail(err, ERR_INPUT, "session", "choose a new session mark, a new lesson mark, or both");
	if (lessons_disagreement(ses_new, les_new) != DIS_NONE)
		return app_fail(err, ERR_INPUT, res->session != CODE_NONE ? "session" : "lesson",
				"%s for the session and %s in the lesson would still disagree: "
				"change the other mark too",
				code_text(ses_new, s), code_text(les_new, s));
	char source[] = "office:disagreement";
	struct actor who = {res->by->username, source};
	enum mark_outcome o;
	if (res->session != CODE_NONE) {
		struct mark_input in = {res->upn, res->at.date, s, res->session, res->session_minutes};
		int r, c;
		if (marks_check(e, &in, clock_today(), &r, &c, err) < 0 ||
		    marks_write(e, &in, &who, res->reason, true, &o, err) < 0) {
			if (strcmp(err->field, "code") == 0 || strcmp(err->field, "minutes_late") == 0)
				snprintf(err->field, sizeof err->field, "session");
			return -1;
		}
	}
	if (res->lesson != CODE_NONE) {
		if (res->lesson_minutes > 0 && !(code_info(res->lesson)->flags & CODE_FLAG_MINUTES_LATE))
			return app_fail(err, ERR_INPUT, "lesson_minutes", "minutes late go with L or U");
		if (lessons_mark_write(e, row, &res->at, res->lesson, res->lesson_minutes, &who,
				       res->reason, &o, err) < 0)
			return -1;
		char now[CLOCK_ISO_LEN], how[600];
		int n;
		clock_iso_utc(clock_now(), now);
		snprintf(how, sizeof how, "the office changed the lesson mark to %s: %s",
			 code_text(res->lesson, s), res->reason);
		if (store_alerts_resolve(e->store, e->school.id, "missing", 0, e->m.rows[row].pupil_id,
					 res->at.date, period_label(e, res->at.day, p), res->by->username,
					 now, how, &n) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	}
	(void)le;
	return 0;
}

/* ---- alerts ---- */

bool account_sees_alert(const struct account *a, const struct alert_rec *al)
{
	switch (a->role) {
	case ROLE_ADMIN:
	case ROLE_ATTENDANCE_LEAD:
	case ROLE_TRUST_ATTENDANCE_LEAD:
		return true;
	case ROLE_OFFICE:
		return strcmp(al->audience, "office") == 0;
	case ROLE_DSL:
		return strcmp(al->audience, "dsl") == 0;
	case ROLE_HEAD_OF_YEAR:
		if (strcmp(al->audience, "head_of_year") != 0)
			return false;
		for (int i = 0; i < a->n_years; i++)
			if (a->years[i] == year_parse(al->audience_year))
				return true;
		return false;
	case ROLE_TEACHER:
		return strcmp(al->audience, "teacher") == 0 && strcmp(al->audience_user, a->username) == 0;
	default:
		return false;
	}
}

static alert_delivery_fn delivery;
static void *delivery_ctx;

void alerts_set_delivery(alert_delivery_fn fn, void *ctx)
{
	delivery = fn;
	delivery_ctx = ctx;
}

void alerts_deliver(const struct alert_rec *a, int n)
{
	for (int i = 0; delivery && i < n; i++)
		delivery(delivery_ctx, &a[i]);
}
