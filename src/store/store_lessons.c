/* The store of the lesson registers (store.h, 0006-lessons): the
 * timetable, classes and their pupils, lesson marks with their history,
 * lesson register events and alerts. */
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"

static const char SQL_PERIODS_EACH[] =
	"SELECT week, weekday, period, start_min, end_min, registration FROM periods "
	"WHERE school_id = ?1 ORDER BY week, weekday, start_min";
static const char SQL_PERIODS_DELETE[] = "DELETE FROM periods WHERE school_id = ?1";
static const char SQL_PERIOD_INSERT[] =
	"INSERT INTO periods (school_id, week, weekday, period, start_min, end_min, registration, "
	"changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

static const char SQL_CLASSES_EACH[] =
	"SELECT id, code, subject, teacher, room FROM classes WHERE school_id = ?1 ORDER BY code";
static const char SQL_CLASS_INSERT[] =
	"INSERT INTO classes (school_id, code, subject, teacher, room, changed_by, changed_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char SQL_CLASS_UPDATE[] =
	"UPDATE classes SET code = ?3, subject = ?4, teacher = ?5, room = ?6, changed_by = ?7, "
	"changed_at = ?8 WHERE school_id = ?1 AND id = ?2";

static const char SQL_MEETINGS_EACH[] =
	"SELECT class_id, week, weekday, period FROM class_meetings WHERE school_id = ?1 "
	"ORDER BY class_id, week, weekday, period";
static const char SQL_MEETINGS_DELETE[] =
	"DELETE FROM class_meetings WHERE school_id = ?1 AND class_id = ?2";
static const char SQL_MEETING_INSERT[] =
	"INSERT INTO class_meetings (school_id, class_id, week, weekday, period) "
	"VALUES (?1, ?2, ?3, ?4, ?5)";

static const char SQL_MEMBERS_EACH[] =
	"SELECT id, class_id, pupil_id, start_date, end_date FROM class_members "
	"WHERE school_id = ?1 ORDER BY class_id, pupil_id, start_date";
static const char SQL_MEMBER_INSERT[] =
	"INSERT INTO class_members (school_id, class_id, pupil_id, start_date, end_date, "
	"changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char SQL_MEMBER_END[] =
	"UPDATE class_members SET end_date = ?3, changed_by = ?4, changed_at = ?5 "
	"WHERE school_id = ?1 AND id = ?2";
static const char SQL_MEMBER_DELETE[] =
	"DELETE FROM class_members WHERE school_id = ?1 AND id = ?2";

#define LESSON_COLS "m.pupil_id, m.date, m.period, m.class_id, c.code, m.code, m.minutes_late, m.version, " \
		    "m.recorded_by, m.recorded_at"
static const char SQL_LESSON_MARKS_EACH[] =
	"SELECT " LESSON_COLS ", m.first_recorded_at, m.hash FROM lesson_marks m "
	"JOIN classes c ON c.id = m.class_id WHERE m.school_id = ?1 AND m.date BETWEEN ?2 AND ?3";
static const char SQL_LESSON_MARKS_LOAD[] =
	"SELECT pupil_id, date, period, class_id, code, minutes_late FROM lesson_marks "
	"WHERE school_id = ?1 ORDER BY school_id, pupil_id, date, period";
/* A short range of the primary key, as store_marks_since's. */
static const char SQL_LESSON_SINCE[] =
	"SELECT pupil_id, date, period, class_id, code, minutes_late FROM lesson_mark_history "
	"WHERE id > ?2 AND id <= ?3 AND +school_id = ?1 ORDER BY id";
static const char SQL_LESSON_MARK_GET[] =
	"SELECT " LESSON_COLS ", m.first_recorded_at, m.hash FROM lesson_marks m "
	"JOIN classes c ON c.id = m.class_id "
	"WHERE m.school_id = ?1 AND m.pupil_id = ?2 AND m.date = ?3 AND m.period = ?4";
static const char SQL_LESSON_HISTORY_EACH[] =
	"SELECT " LESSON_COLS ", m.reason, m.source, m.prev_hash, m.hash FROM lesson_mark_history m "
	"JOIN classes c ON c.id = m.class_id "
	"WHERE m.school_id = ?1 AND m.pupil_id = ?2 AND m.date = ?3 AND m.period = ?4 "
	"ORDER BY m.version";
static const char SQL_LESSON_HISTORY_ALL[] =
	"SELECT " LESSON_COLS ", m.reason, m.source, m.prev_hash, m.hash FROM lesson_mark_history m "
	"JOIN classes c ON c.id = m.class_id WHERE m.school_id = ?1 "
	"ORDER BY m.pupil_id, m.date, m.period, m.version";
static const char SQL_LESSON_HISTORY_INSERT[] =
	"INSERT INTO lesson_mark_history (school_id, pupil_id, date, period, class_id, version, "
	"code, minutes_late, recorded_by, recorded_at, reason, source, prev_hash, hash) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
static const char SQL_LESSON_MARK_INSERT[] =
	"INSERT INTO lesson_marks (school_id, pupil_id, date, period, class_id, code, minutes_late, "
	"version, recorded_by, recorded_at, hash, first_recorded_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char SQL_LESSON_MARK_UPDATE[] =
	"UPDATE lesson_marks SET class_id = ?5, code = ?6, minutes_late = ?7, version = ?8, "
	"recorded_by = ?9, recorded_at = ?10, hash = ?11 "
	"WHERE school_id = ?1 AND pupil_id = ?2 AND date = ?3 AND period = ?4";
static const char SQL_LESSON_SLOTS[] =
	"SELECT date, period, count(*) FROM lesson_marks WHERE school_id = ?1 "
	"GROUP BY date, period ORDER BY date, period";
static const char SQL_LESSON_MARK_COUNT[] =
	"SELECT count(*) FROM lesson_marks WHERE school_id = ?1 AND class_id = ?2 AND "
	"pupil_id = ?3 AND date BETWEEN ?4 AND ?5";

static const char SQL_LESSON_EVENT_COUNT[] =
	"SELECT count(*) FROM lesson_register_events WHERE school_id = ?1 AND class_id = ?2 AND "
	"date = ?3 AND period = ?4";
static const char SQL_LESSON_EVENT_INSERT[] =
	"INSERT INTO lesson_register_events (school_id, class_id, date, period, kind, taken_by, "
	"taken_at, marks, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_LESSONS_TAKEN[] =
	"SELECT class_id, date, period, kind, taken_by, taken_at, marks, reason "
	"FROM lesson_register_events WHERE school_id = ?1 AND date = ?2 AND kind = 'taken' "
	"ORDER BY class_id, period";
static const char SQL_LESSON_EVENTS[] =
	"SELECT class_id, date, period, kind, taken_by, taken_at, marks, reason "
	"FROM lesson_register_events WHERE school_id = ?1 AND class_id = ?2 AND date = ?3 AND "
	"period = ?4 ORDER BY id";

#define ALERT_COLS "id, kind, date, period, class_id, pupil_id, audience, audience_year, " \
		   "audience_user, message, created_at, resolved_by, resolved_at, resolution"
static const char SQL_ALERT_INSERT[] =
	"INSERT INTO alerts (school_id, kind, date, period, class_id, pupil_id, audience, "
	"audience_year, audience_user, message, created_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING RETURNING id";
static const char SQL_ALERTS_EACH[] =
	"SELECT " ALERT_COLS " FROM alerts WHERE school_id = ?1 AND date BETWEEN ?2 AND ?3 "
	"AND (?4 = 0 OR resolved_at IS NULL) ORDER BY date DESC, created_at DESC, id DESC";
static const char SQL_ALERT_GET[] =
	"SELECT " ALERT_COLS " FROM alerts WHERE school_id = ?1 AND id = ?2";
static const char SQL_ALERTS_RESOLVE[] =
	"UPDATE alerts SET resolved_by = ?7, resolved_at = ?8, resolution = ?9 "
	"WHERE school_id = ?1 AND kind = ?2 AND (?3 = 0 OR class_id = ?3) AND pupil_id = ?4 AND "
	"date = ?5 AND (period = ?6 OR ?6 IS NULL) AND resolved_at IS NULL";

/* ---- helpers ---- */

static void bind_week(struct db_stmt *st, int i, int week)
{
	db_bind_text(st, i, week < 0 ? "" : week == 0 ? "A" : "B");
}

static int col_week(struct db_stmt *st, int i)
{
	const char *w = db_col_text(st, i);
	return !w || !*w ? -1 : w[0] == 'A' ? 0 : 1;
}

static struct db_stmt *prepare_school(struct store *s, const char *sql, int64_t school_id)
{
	struct db_stmt *st = store_prepare(s, sql);
	if (st)
		db_bind_int64(st, 1, school_id);
	return st;
}

/* The same for a query over a school's whole year of lesson marks. */
static struct db_stmt *prepare_school_scan(struct store *s, const char *sql, int64_t school_id)
{
	struct db_stmt *st = store_prepare_scan(s, sql);
	if (st)
		db_bind_int64(st, 1, school_id);
	return st;
}

/* ---- periods ---- */

static void read_period(struct db_stmt *st, void *rec)
{
	struct period_rec *p = rec;
	memset(p, 0, sizeof *p);
	p->week = col_week(st, 0);
	p->weekday = db_col_int(st, 1) - 1;
	st_col_copy(st, 2, p->period, sizeof p->period);
	p->start = db_col_int(st, 3);
	p->end = db_col_int(st, 4);
	p->reg = session_parse(db_col_text(st, 5));
}

int store_periods_each(struct store *s, int64_t school_id, store_period_cb cb, void *ctx)
{
	struct period_rec p;
	struct db_stmt *st = prepare_school(s, SQL_PERIODS_EACH, school_id);
	if (!st)
		return -1;
	STEP_EACH(s, st, &p, read_period, cb, ctx, "reading the timetable");
}

int store_periods_replace(struct store *s, int64_t school_id, const struct period_rec *p, int n,
			  const char *by, const char *at)
{
	struct db_stmt *st = prepare_school(s, SQL_PERIODS_DELETE, school_id);
	if (!st || st_step_done(s, st, "replacing the timetable") < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (!(st = prepare_school(s, SQL_PERIOD_INSERT, school_id)))
			return -1;
		bind_week(st, 2, p[i].week);
		db_bind_int(st, 3, p[i].weekday + 1);
		db_bind_text(st, 4, p[i].period);
		db_bind_int(st, 5, p[i].start);
		db_bind_int(st, 6, p[i].end);
		db_bind_text(st, 7, p[i].reg < 0 ? "" : session_name((enum session)p[i].reg));
		db_bind_text(st, 8, by);
		db_bind_text(st, 9, at);
		if (st_step_done(s, st, "saving a period") < 0)
			return -1;
	}
	return 0;
}

/* ---- classes, meetings, members ---- */

static void read_class(struct db_stmt *st, void *rec)
{
	struct class_rec *c = rec;
	c->id = db_col_int64(st, 0);
	st_col_copy(st, 1, c->code, sizeof c->code);
	st_col_copy(st, 2, c->subject, sizeof c->subject);
	st_col_copy(st, 3, c->teacher, sizeof c->teacher);
	st_col_copy(st, 4, c->room, sizeof c->room);
}

int store_classes_each(struct store *s, int64_t school_id, store_class_cb cb, void *ctx)
{
	struct class_rec c;
	struct db_stmt *st = prepare_school(s, SQL_CLASSES_EACH, school_id);
	if (!st)
		return -1;
	STEP_EACH(s, st, &c, read_class, cb, ctx, "reading classes");
}

int store_class_save(struct store *s, int64_t school_id, struct class_rec *c, const char *by,
		     const char *at)
{
	struct db_stmt *st = prepare_school(s, c->id ? SQL_CLASS_UPDATE : SQL_CLASS_INSERT, school_id);
	if (!st)
		return -1;
	int i = 2;
	if (c->id)
		db_bind_int64(st, i++, c->id);
	db_bind_text(st, i++, c->code);
	db_bind_text(st, i++, c->subject);
	db_bind_text(st, i++, c->teacher);
	db_bind_text(st, i++, c->room);
	db_bind_text(st, i++, by);
	db_bind_text(st, i, at);
	return c->id ? st_step_done(s, st, "saving a class")
		     : st_step_id(s, st, "saving a class", &c->id);
}

static void read_meeting(struct db_stmt *st, void *rec)
{
	struct meeting_rec *m = rec;
	memset(m, 0, sizeof *m);
	m->class_id = db_col_int64(st, 0);
	m->week = col_week(st, 1);
	m->weekday = db_col_int(st, 2) - 1;
	st_col_copy(st, 3, m->period, sizeof m->period);
}

int store_meetings_each(struct store *s, int64_t school_id, store_meeting_cb cb, void *ctx)
{
	struct meeting_rec m;
	struct db_stmt *st = prepare_school(s, SQL_MEETINGS_EACH, school_id);
	if (!st)
		return -1;
	STEP_EACH(s, st, &m, read_meeting, cb, ctx, "reading class meetings");
}

int store_meetings_replace(struct store *s, int64_t school_id, int64_t class_id,
			   const struct meeting_rec *m, int n)
{
	struct db_stmt *st = prepare_school(s, SQL_MEETINGS_DELETE, school_id);
	if (!st)
		return -1;
	db_bind_int64(st, 2, class_id);
	if (st_step_done(s, st, "replacing a class's meetings") < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (!(st = prepare_school(s, SQL_MEETING_INSERT, school_id)))
			return -1;
		db_bind_int64(st, 2, class_id);
		bind_week(st, 3, m[i].week);
		db_bind_int(st, 4, m[i].weekday + 1);
		db_bind_text(st, 5, m[i].period);
		if (st_step_done(s, st, "saving a class meeting") < 0)
			return -1;
	}
	return 0;
}

static void read_member(struct db_stmt *st, void *rec)
{
	struct member_rec *m = rec;
	m->id = db_col_int64(st, 0);
	m->class_id = db_col_int64(st, 1);
	m->pupil_id = db_col_int64(st, 2);
	m->start = st_col_date(st, 3);
	m->end = st_col_date(st, 4);
}

int store_members_each(struct store *s, int64_t school_id, store_member_cb cb, void *ctx)
{
	struct member_rec m;
	struct db_stmt *st = prepare_school(s, SQL_MEMBERS_EACH, school_id);
	if (!st)
		return -1;
	STEP_EACH(s, st, &m, read_member, cb, ctx, "reading class members");
}

int store_member_insert(struct store *s, int64_t school_id, struct member_rec *m, const char *by,
			const char *at)
{
	struct db_stmt *st = prepare_school(s, SQL_MEMBER_INSERT, school_id);
	if (!st)
		return -1;
	db_bind_int64(st, 2, m->class_id);
	db_bind_int64(st, 3, m->pupil_id);
	st_bind_date(st, 4, m->start);
	st_bind_date(st, 5, m->end);
	db_bind_text(st, 6, by);
	db_bind_text(st, 7, at);
	return st_step_id(s, st, "adding a pupil to a class", &m->id);
}

int store_member_set_end(struct store *s, int64_t school_id, int64_t id, date_t end,
			 const char *by, const char *at)
{
	struct db_stmt *st = prepare_school(s, SQL_MEMBER_END, school_id);
	if (!st)
		return -1;
	db_bind_int64(st, 2, id);
	st_bind_date(st, 3, end);
	db_bind_text(st, 4, by);
	db_bind_text(st, 5, at);
	return st_step_done(s, st, "changing a pupil's time in a class");
}

int store_member_delete(struct store *s, int64_t school_id, int64_t id)
{
	struct db_stmt *st = prepare_school(s, SQL_MEMBER_DELETE, school_id);
	if (!st)
		return -1;
	db_bind_int64(st, 2, id);
	return st_step_done(s, st, "removing a pupil from a class");
}

/* ---- lesson marks ---- */

static void read_lesson(struct db_stmt *st, struct lesson_mark_rec *m, bool history)
{
	memset(m, 0, sizeof *m);
	m->pupil_id = db_col_int64(st, 0);
	m->date = st_col_date(st, 1);
	st_col_copy(st, 2, m->period, sizeof m->period);
	m->class_id = db_col_int64(st, 3);
	st_col_copy(st, 4, m->class_code, sizeof m->class_code);
	m->code = code_parse(db_col_text(st, 5));
	m->minutes_late = db_col_null(st, 6) ? -1 : db_col_int(st, 6);
	m->version = db_col_int(st, 7);
	st_col_copy(st, 8, m->recorded_by, sizeof m->recorded_by);
	st_col_copy(st, 9, m->recorded_at, sizeof m->recorded_at);
	if (history) {
		st_col_copy(st, 10, m->reason, sizeof m->reason);
		st_col_copy(st, 11, m->source, sizeof m->source);
		st_col_copy(st, 12, m->prev_hash, sizeof m->prev_hash);
		st_col_copy(st, 13, m->hash, sizeof m->hash);
	} else {
		st_col_copy(st, 10, m->first_recorded_at, sizeof m->first_recorded_at);
		st_col_copy(st, 11, m->hash, sizeof m->hash);
	}
}

static void read_lesson_current(struct db_stmt *st, void *rec)
{
	read_lesson(st, rec, false);
}

static void read_lesson_history(struct db_stmt *st, void *rec)
{
	read_lesson(st, rec, true);
}

int store_lesson_marks_each(struct store *s, int64_t school_id, date_t from, date_t to,
			    store_lesson_mark_cb cb, void *ctx)
{
	struct lesson_mark_rec m;
	struct db_stmt *st = prepare_school_scan(s, SQL_LESSON_MARKS_EACH, school_id);
	if (!st)
		return -1;
	st_bind_date(st, 2, from);
	st_bind_date(st, 3, to);
	STEP_EACH(s, st, &m, read_lesson_current, cb, ctx, "reading lesson marks");
}

static void read_lesson_load(struct db_stmt *st, void *rec)
{
	struct lesson_mark_rec *m = rec;
	m->pupil_id = db_col_int64(st, 0);
	m->date = st_col_date(st, 1);
	st_col_copy(st, 2, m->period, sizeof m->period);
	m->class_id = db_col_int64(st, 3);
	m->code = code_parse(db_col_text(st, 4));
	m->minutes_late = db_col_null(st, 5) ? -1 : db_col_int(st, 5);
}

int store_lesson_marks_load(struct store *s, int64_t school_id, store_lesson_mark_cb cb,
			    void *ctx)
{
	struct lesson_mark_rec m;
	memset(&m, 0, sizeof m);
	struct db_stmt *st = prepare_school_scan(s, SQL_LESSON_MARKS_LOAD, school_id);
	if (!st)
		return -1;
	STEP_EACH(s, st, &m, read_lesson_load, cb, ctx, "loading lesson marks");
}

int store_lesson_marks_since(struct store *s, int64_t school_id, int64_t after, int64_t upto,
			     store_lesson_mark_cb cb, void *ctx)
{
	struct lesson_mark_rec m;
	memset(&m, 0, sizeof m);
	struct db_stmt *st = prepare_school(s, SQL_LESSON_SINCE, school_id);
	if (!st)
		return -1;
	db_bind_int64(st, 2, after);
	db_bind_int64(st, 3, upto);
	STEP_EACH(s, st, &m, read_lesson_load, cb, ctx, "catching up with lesson marks");
}

static void bind_lesson_key(struct db_stmt *st, int64_t pupil_id, date_t date, const char *period)
{
	db_bind_int64(st, 2, pupil_id);
	st_bind_date(st, 3, date);
	db_bind_text(st, 4, period);
}

int store_lesson_mark_get(struct store *s, int64_t school_id, int64_t pupil_id, date_t date,
			  const char *period, struct lesson_mark_rec *out)
{
	struct db_stmt *st = prepare_school(s, SQL_LESSON_MARK_GET, school_id);
	if (!st)
		return -1;
	bind_lesson_key(st, pupil_id, date, period);
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_lesson(st, out, false);
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	return rc == DB_ROW ? 0 : st_db_fail(s, "reading a lesson mark");
}

static void bind_minutes(struct db_stmt *st, int i, int minutes)
{
	if (minutes < 0)
		db_bind_null(st, i);
	else
		db_bind_int(st, i, minutes);
}

int store_lesson_mark_put(struct store *s, int64_t school_id, const struct lesson_mark_rec *v)
{
	const char *code = code_text(v->code, SESSION_AM);
	struct db_stmt *st = prepare_school(s, SQL_LESSON_HISTORY_INSERT, school_id);
	if (!st)
		return -1;
	bind_lesson_key(st, v->pupil_id, v->date, v->period);
	db_bind_int64(st, 5, v->class_id);
	db_bind_int(st, 6, v->version);
	db_bind_text(st, 7, code);
	bind_minutes(st, 8, v->minutes_late);
	db_bind_text(st, 9, v->recorded_by);
	db_bind_text(st, 10, v->recorded_at);
	db_bind_text(st, 11, v->reason);
	db_bind_text(st, 12, v->source);
	db_bind_text(st, 13, v->prev_hash);
	db_bind_text(st, 14, v->hash);
	if (st_step_done(s, st, "recording the lesson mark's history") < 0)
		return -1;
	st = prepare_school(s, v->version == 1 ? SQL_LESSON_MARK_INSERT : SQL_LESSON_MARK_UPDATE,
			    school_id);
	if (!st)
		return -1;
	bind_lesson_key(st, v->pupil_id, v->date, v->period);
	db_bind_int64(st, 5, v->class_id);
	db_bind_text(st, 6, code);
	bind_minutes(st, 7, v->minutes_late);
	db_bind_int(st, 8, v->version);
	db_bind_text(st, 9, v->recorded_by);
	db_bind_text(st, 10, v->recorded_at);
	db_bind_text(st, 11, v->hash);
	if (v->version == 1)
		db_bind_text(st, 12, v->first_recorded_at[0] ? v->first_recorded_at : v->recorded_at);
	if (st_step_done(s, st, "saving the lesson mark") < 0)
		return -1;
	if (v->version > 1 && db_changes(s->db) != 1)
		return st_fail(s, "saving the lesson mark: the mark to amend was not found");
	return 0;
}

int store_lesson_history_each(struct store *s, int64_t school_id, int64_t pupil_id, date_t date,
			      const char *period, store_lesson_mark_cb cb, void *ctx)
{
	struct lesson_mark_rec m;
	struct db_stmt *st = prepare_school(s, SQL_LESSON_HISTORY_EACH, school_id);
	if (!st)
		return -1;
	bind_lesson_key(st, pupil_id, date, period);
	STEP_EACH(s, st, &m, read_lesson_history, cb, ctx, "reading a lesson mark's history");
}

int store_lesson_history_all_each(struct store *s, int64_t school_id, store_lesson_mark_cb cb,
				  void *ctx)
{
	struct lesson_mark_rec m;
	struct db_stmt *st = prepare_school_scan(s, SQL_LESSON_HISTORY_ALL, school_id);
	if (!st)
		return -1;
	STEP_EACH(s, st, &m, read_lesson_history, cb, ctx, "reading lesson mark history");
}

int store_lesson_slots_each(struct store *s, int64_t school_id, store_lesson_slot_cb cb,
			    void *ctx)
{
	struct db_stmt *st = prepare_school(s, SQL_LESSON_SLOTS, school_id);
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (cb(ctx, st_col_date(st, 0), db_col_text(st, 1),
		       db_col_int(st, 2)) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading lesson marks");
}

int store_lesson_mark_count(struct store *s, int64_t school_id, int64_t class_id,
			    int64_t pupil_id, date_t from, date_t to, int *count)
{
	struct db_stmt *st = prepare_school(s, SQL_LESSON_MARK_COUNT, school_id);
	if (!st)
		return -1;
	db_bind_int64(st, 2, class_id);
	db_bind_int64(st, 3, pupil_id);
	st_bind_date(st, 4, from);
	st_bind_date(st, 5, to);
	if (db_step(st) != DB_ROW)
		return st_db_fail(s, "counting lesson marks");
	*count = db_col_int(st, 0);
	db_reset(st);
	return 0;
}

/* ---- lesson register events ---- */

static void bind_lesson_register(struct db_stmt *st, int64_t class_id, date_t day,
				 const char *period)
{
	db_bind_int64(st, 2, class_id);
	st_bind_date(st, 3, day);
	db_bind_text(st, 4, period);
}

int store_lesson_event_add(struct store *s, int64_t school_id, struct lesson_event *ev)
{
	struct db_stmt *st = prepare_school(s, SQL_LESSON_EVENT_COUNT, school_id);
	if (!st)
		return -1;
	bind_lesson_register(st, ev->class_id, ev->date, ev->period);
	if (db_step(st) != DB_ROW)
		return st_db_fail(s, "reading lesson register events");
	int n = db_col_int(st, 0);
	db_reset(st);
	snprintf(ev->kind, sizeof ev->kind, "%s", n ? "amended" : "taken");
	if (!(st = prepare_school(s, SQL_LESSON_EVENT_INSERT, school_id)))
		return -1;
	bind_lesson_register(st, ev->class_id, ev->date, ev->period);
	db_bind_text(st, 5, ev->kind);
	db_bind_text(st, 6, ev->taken_by);
	db_bind_text(st, 7, ev->taken_at);
	db_bind_int(st, 8, ev->marks);
	db_bind_text(st, 9, ev->reason);
	return st_step_done(s, st, "recording the lesson register");
}

static void read_lesson_event(struct db_stmt *st, void *rec)
{
	struct lesson_event *ev = rec;
	memset(ev, 0, sizeof *ev);
	ev->class_id = db_col_int64(st, 0);
	ev->date = st_col_date(st, 1);
	st_col_copy(st, 2, ev->period, sizeof ev->period);
	st_col_copy(st, 3, ev->kind, sizeof ev->kind);
	st_col_copy(st, 4, ev->taken_by, sizeof ev->taken_by);
	st_col_copy(st, 5, ev->taken_at, sizeof ev->taken_at);
	ev->marks = db_col_int(st, 6);
	st_col_copy(st, 7, ev->reason, sizeof ev->reason);
}

int store_lessons_taken(struct store *s, int64_t school_id, date_t day, store_lesson_event_cb cb,
			void *ctx)
{
	struct lesson_event ev;
	struct db_stmt *st = prepare_school(s, SQL_LESSONS_TAKEN, school_id);
	if (!st)
		return -1;
	st_bind_date(st, 2, day);
	STEP_EACH(s, st, &ev, read_lesson_event, cb, ctx, "reading lesson registers");
}

int store_lesson_events(struct store *s, int64_t school_id, int64_t class_id, date_t day,
			const char *period, store_lesson_event_cb cb, void *ctx)
{
	struct lesson_event ev;
	struct db_stmt *st = prepare_school(s, SQL_LESSON_EVENTS, school_id);
	if (!st)
		return -1;
	bind_lesson_register(st, class_id, day, period);
	STEP_EACH(s, st, &ev, read_lesson_event, cb, ctx, "reading a lesson register's events");
}

/* ---- alerts ---- */

int store_alert_add(struct store *s, int64_t school_id, struct alert_rec *a)
{
	struct db_stmt *st = prepare_school(s, SQL_ALERT_INSERT, school_id);
	if (!st)
		return -1;
	db_bind_text(st, 2, a->kind);
	st_bind_date(st, 3, a->date);
	db_bind_text(st, 4, a->period);
	db_bind_int64(st, 5, a->class_id);
	db_bind_int64(st, 6, a->pupil_id);
	db_bind_text(st, 7, a->audience);
	db_bind_text(st, 8, a->audience_year);
	db_bind_text(st, 9, a->audience_user);
	db_bind_text(st, 10, a->message);
	db_bind_text(st, 11, a->created_at);
	/* A row comes back only when the alert is new. */
	int rc = db_step(st);
	if (rc == DB_ROW)
		a->id = db_col_int64(st, 0);
	db_reset(st);
	if (rc < 0)
		return st_db_fail(s, "raising an alert");
	return rc == DB_ROW ? 0 : 1;
}

static void read_alert(struct db_stmt *st, void *rec)
{
	struct alert_rec *a = rec;
	memset(a, 0, sizeof *a);
	a->id = db_col_int64(st, 0);
	st_col_copy(st, 1, a->kind, sizeof a->kind);
	a->date = st_col_date(st, 2);
	st_col_copy(st, 3, a->period, sizeof a->period);
	a->class_id = db_col_int64(st, 4);
	a->pupil_id = db_col_int64(st, 5);
	st_col_copy(st, 6, a->audience, sizeof a->audience);
	st_col_copy(st, 7, a->audience_year, sizeof a->audience_year);
	st_col_copy(st, 8, a->audience_user, sizeof a->audience_user);
	st_col_copy(st, 9, a->message, sizeof a->message);
	st_col_copy(st, 10, a->created_at, sizeof a->created_at);
	st_col_copy(st, 11, a->resolved_by, sizeof a->resolved_by);
	st_col_copy(st, 12, a->resolved_at, sizeof a->resolved_at);
	st_col_copy(st, 13, a->resolution, sizeof a->resolution);
}

int store_alerts_each(struct store *s, int64_t school_id, date_t from, date_t to, bool open_only,
		      store_alert_cb cb, void *ctx)
{
	struct alert_rec a;
	struct db_stmt *st = prepare_school(s, SQL_ALERTS_EACH, school_id);
	if (!st)
		return -1;
	st_bind_date(st, 2, from);
	st_bind_date(st, 3, to);
	db_bind_int(st, 4, open_only);
	STEP_EACH(s, st, &a, read_alert, cb, ctx, "reading alerts");
}

int store_alert_get(struct store *s, int64_t school_id, int64_t id, struct alert_rec *out)
{
	struct db_stmt *st = prepare_school(s, SQL_ALERT_GET, school_id);
	if (!st)
		return -1;
	db_bind_int64(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_alert(st, out);
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	return rc == DB_ROW ? 0 : st_db_fail(s, "reading an alert");
}

int store_alerts_resolve(struct store *s, int64_t school_id, const char *kind, int64_t class_id,
			 int64_t pupil_id, date_t date, const char *period, const char *by,
			 const char *at, const char *resolution, int *n)
{
	struct db_stmt *st = prepare_school(s, SQL_ALERTS_RESOLVE, school_id);
	if (!st)
		return -1;
	db_bind_text(st, 2, kind);
	db_bind_int64(st, 3, class_id);
	db_bind_int64(st, 4, pupil_id);
	st_bind_date(st, 5, date);
	if (period)
		db_bind_text(st, 6, period);
	db_bind_text(st, 7, by);
	db_bind_text(st, 8, at);
	db_bind_text(st, 9, resolution);
	if (st_step_done(s, st, "resolving alerts") < 0)
		return -1;
	*n = db_changes(s->db);
	return 0;
}
