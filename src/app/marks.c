#include "app/marks.h"

#include <stdio.h>
#include <string.h>

#include "app/absence.h"
#include "app/clock.h"
#include "app/notices.h"
#include "app/tasks.h"

#define MINUTES_LATE_MAX 300

int marks_check(const struct engine *e, const struct mark_input *in, date_t today, int *row,
		int *col, struct app_error *err)
{
	char d[DATE_ISO_LEN], a[DATE_ISO_LEN], l[DATE_ISO_LEN];
	const struct code_info *ci = code_info(in->code);
	if (in->code == CODE_NONE)
		return app_fail(err, ERR_INPUT, "code", "no code given");
	date_format(in->date, d);
	if (!code_allowed_on(in->code, in->date))
		return app_fail(err, ERR_INPUT, "code",
				"code %s was withdrawn by the 2024 regulations and can't be used for "
				"sessions from %s (this one is on %s)",
				ci->text, CODES_2024_IN_FORCE, d);
	enum day_kind kind = calendar_day_kind(&e->cal, in->date);
	if (kind != DAY_SCHOOL) {
		if (kind == DAY_CLOSURE)
			return app_fail(err, ERR_INPUT, "date",
					"%s is a planned closure: the register shows # for every pupil", d);
		return app_fail(err, ERR_INPUT, "date", "%s is not a school day (%s, %s)", d,
				date_weekday_name(date_weekday(in->date)), day_kind_name(kind));
	}
	if (in->date > today && !(ci->flags & CODE_FLAG_FUTURE_OK))
		return app_fail(err, ERR_INPUT, "date",
				"%s %s has not happened yet: only codes known in advance (such as M, V "
				"or C) can be recorded for it, not %s",
				d, session_name(in->session), code_text(in->code, in->session));
	if (in->minutes_late >= 0) {
		if (!(ci->flags & CODE_FLAG_MINUTES_LATE) && in->minutes_late > 0)
			return app_fail(err, ERR_INPUT, "minutes_late",
					"minutes late go with L or U, not with %s",
					code_text(in->code, in->session));
		if (in->minutes_late > MINUTES_LATE_MAX)
			return app_fail(err, ERR_INPUT, "minutes_late",
					"%d minutes late is more than a session (at most %d)",
					in->minutes_late, MINUTES_LATE_MAX);
	}
	int r = engine_row_on(e, in->upn, in->date);
	if (r < 0) {
		int first = engine_pupil_row(e, in->upn);
		if (first < 0)
			return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", in->upn);
		/* Say when they are on roll: every enrolment, in order. */
		char spans[300] = "";
		for (int k = first; k >= 0; k = engine_next_row(e, k)) {
			const struct pupil_row *p = &e->m.rows[k];
			size_t n = strlen(spans);
			if (p->left == DATE_OPEN_END)
				snprintf(spans + n, sizeof spans - n, "%sfrom %s", n ? " and " : "",
					 date_format(p->admitted, a));
			else
				snprintf(spans + n, sizeof spans - n, "%s%s to %s", n ? " and " : "",
					 date_format(p->admitted, a), date_format(p->left, l));
		}
		return app_fail(err, ERR_INPUT, "date", "pupil %s is not on roll on %s (on roll %s)",
				in->upn, d, spans);
	}
	*row = r;
	*col = calendar_session_col(&e->cal, in->date, in->session);
	return 0;
}

/* Fills the fields every version shares; the caller sets version,
 * prev_hash, recorded_at and hash. */
static void version_of(const struct engine *e, int row, const struct mark_input *in,
		       const struct actor *who, const char *reason, struct mark_rec *v)
{
	int minutes = in->minutes_late;
	if (!(code_info(in->code)->flags & CODE_FLAG_MINUTES_LATE))
		minutes = -1;
	v->pupil_id = e->m.rows[row].pupil_id;
	v->date = in->date;
	v->session = in->session;
	v->code = in->code;
	v->minutes_late = minutes;
	snprintf(v->recorded_by, sizeof v->recorded_by, "%s", who->user);
	snprintf(v->reason, sizeof v->reason, "%s", reason ? reason : "");
	snprintf(v->source, sizeof v->source, "%s", who->source);
}

/* A first version: no version before it. */
static void first_version_of(const struct engine *e, int row, const struct mark_input *in,
			     const struct actor *who, const char *reason, struct mark_rec *v)
{
	version_of(e, row, in, who, reason, v);
	v->version = 1;
	snprintf(v->prev_hash, sizeof v->prev_hash, "%s", STORE_HASH_GENESIS);
}

/* Saves v and what follows a mark: the matrix (on commit), a family's
 * report waiting for the session, the escalation, the notifications. */
static int put_version(struct engine *e, int row, int col, const struct mark_input *in,
		       const struct mark_rec *v, enum code before, const struct actor *who,
		       struct app_error *err)
{
	if (store_mark_put(e->store, e->school.id, v) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (engine_note_mark(e, row, col, in->code, v->minutes_late) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	/* A family's report waiting for this session's register; then the
	 * escalation of a day with no reason (after the report, which may
	 * have given it one). */
	if (absence_after_mark(e, row, in, who, err) < 0)
		return -1;
	if (tasks_after_mark(e, row, in, before, who, err) < 0)
		return -1;
	/* the notifications a mark for today makes due (app/notices.h) */
	return notices_after_mark(e, row, in, before, who, err);
}

int marks_write(struct engine *e, const struct mark_input *in, const struct actor *who,
		const char *reason, bool require_reason, enum mark_outcome *outcome,
		struct app_error *err)
{
	int row, col;
	if (marks_check(e, in, clock_today(), &row, &col, err) < 0)
		return -1;
	const struct pupil_row *p = &e->m.rows[row];
	struct mark_rec cur;
	/* A cell the register (caught up with every server: engine_begin)
	 * holds no mark for has none in the store: no need to ask. Were the
	 * two ever to disagree, the store refuses the second version 1 and
	 * nothing is saved. */
	int rc = engine_cell(e, row, col) == CODE_NONE
			 ? 1
			 : store_mark_get(e->store, e->school.id, p->pupil_id, in->date, in->session,
					  &cur);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	struct mark_rec v = {0};
	version_of(e, row, in, who, reason, &v);
	if (rc == 0) {
		if (cur.code == in->code && cur.minutes_late == v.minutes_late) {
			*outcome = MARK_UNCHANGED;
			return 0;
		}
		if (require_reason && (!reason || !*reason))
			return app_fail(err, ERR_INPUT, "reason",
					"%s %s already has a mark (%s): an amendment needs a reason",
					p->upn, session_name(in->session), code_text(cur.code, in->session));
		v.version = cur.version + 1;
		memcpy(v.prev_hash, cur.hash, sizeof v.prev_hash);
		*outcome = MARK_AMENDED;
	} else {
		v.version = 1;
		snprintf(v.prev_hash, sizeof v.prev_hash, "%s", STORE_HASH_GENESIS);
		*outcome = MARK_NEW;
	}
	clock_iso_utc(clock_now(), v.recorded_at);
	store_mark_hash(e->school.id, &v, v.hash);
	return put_version(e, row, col, in, &v, rc == 0 ? cur.code : CODE_NONE, who, err);
}

void marks_make_ahead(const struct engine *e, const struct mark_input *in, int row, int col,
		      const struct actor *who, const char *reason, const char *at,
		      struct mark_ahead *ahead)
{
	struct mark_rec v = {0};
	first_version_of(e, row, in, who, reason, &v);
	snprintf(v.recorded_at, sizeof v.recorded_at, "%s", at);
	store_mark_hash(e->school.id, &v, v.hash);
	*ahead = (struct mark_ahead){.made = true, .load_epoch = e->load_epoch, .row = row,
				     .col = col};
	memcpy(ahead->recorded_at, v.recorded_at, sizeof ahead->recorded_at);
	memcpy(ahead->hash, v.hash, sizeof ahead->hash);
}

int marks_write_ahead(struct engine *e, const struct mark_input *in, const struct actor *who,
		      const char *reason, const struct mark_ahead *ahead,
		      enum mark_outcome *outcome, struct app_error *err)
{
	if (!ahead || !ahead->made || ahead->load_epoch != e->load_epoch ||
	    engine_cell(e, ahead->row, ahead->col) != CODE_NONE)
		return marks_write(e, in, who, reason, true, outcome, err);
	struct mark_rec v = {0};
	first_version_of(e, ahead->row, in, who, reason, &v);
	memcpy(v.recorded_at, ahead->recorded_at, sizeof v.recorded_at);
	memcpy(v.hash, ahead->hash, sizeof v.hash);
	*outcome = MARK_NEW;
	return put_version(e, ahead->row, ahead->col, in, &v, CODE_NONE, who, err);
}
