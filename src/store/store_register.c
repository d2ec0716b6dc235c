/* The register in the store: schools, settings, the calendar, pupils and
 * their enrolments (the admission register), and marks with their
 * append-only, hash-chained history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

static const char SQL_SCHOOL_BY_URN[] =
	"SELECT id, urn, name, phase, la_code, estab FROM schools WHERE urn = ?1";

static const char SQL_SCHOOL_FIRST[] =
	"SELECT id, urn, name, phase, la_code, estab FROM schools ORDER BY id LIMIT 1";

static const char SQL_SCHOOL_INSERT[] =
	"INSERT INTO schools (urn, name, phase, la_code, estab, created_at) "
			     "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";

static const char SQL_SCHOOLS_EACH[] =
	"SELECT id, urn, name, phase, la_code, estab FROM schools ORDER BY id";

static const char SQL_SCHOOL_SET_CODES[] =
	"UPDATE schools SET la_code = ?2, estab = ?3 WHERE id = ?1";

static const char SQL_SETTING_GET[] =
	"SELECT value FROM settings WHERE school_id = ?1 AND key = ?2";

static const char SQL_SETTING_SET[] =
	"INSERT INTO settings (school_id, key, value, changed_by, changed_at) "
			   "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (school_id, key) DO UPDATE SET "
			   "value = excluded.value, changed_by = excluded.changed_by, "
			   "changed_at = excluded.changed_at";

static const char SQL_CAL_EACH[] =
	"SELECT kind, start_date, end_date, label FROM calendar_entries "
			"WHERE school_id = ?1 ORDER BY start_date, id";

static const char SQL_CAL_INSERT[] =
	"INSERT INTO calendar_entries (school_id, kind, start_date, end_date, label, "
			  "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static const char SQL_PUPILS_EACH[] =
	"SELECT p.id, e.id, p.upn, p.surname, p.forename, p.dob, p.gender, "
			   "e.admitted, e.left_date, e.year, e.form, e.fsm, e.pp, e.send, e.eal, "
			   "p.ethnicity, e.looked_after, e.cin, e.cp, e.safeguarding "
			   "FROM enrolments e JOIN pupils p ON p.id = e.pupil_id "
			   "WHERE e.school_id = ?1 ORDER BY p.upn, e.admitted";

static const char SQL_PUPIL_INSERT[] =
	"INSERT INTO pupils (school_id, upn, surname, forename, dob, gender, ethnicity) "
			    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";

static const char SQL_PUPIL_UPDATE[] =
	"UPDATE pupils SET surname = ?3, forename = ?4, dob = ?5, gender = ?6, ethnicity = ?7 "
			    "WHERE school_id = ?1 AND id = ?2";

static const char SQL_ENROL_INSERT[] =
	"INSERT INTO enrolments (school_id, pupil_id, admitted, left_date, year, "
			    "form, fsm, pp, send, eal, looked_after, cin, cp, safeguarding) "
			    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id";

static const char SQL_ENROL_UPDATE[] =
	"UPDATE enrolments SET admitted = ?3, left_date = ?4, year = ?5, form = ?6, "
			    "fsm = ?7, pp = ?8, send = ?9, eal = ?10, looked_after = ?11, cin = ?12, cp = ?13, "
			    "safeguarding = ?14 WHERE school_id = ?1 AND id = ?2";

static const char SQL_PUPIL_HISTORY[] =
	"INSERT INTO pupil_history (school_id, pupil_id, enrolment_id, upn, surname, "
			     "forename, dob, gender, admitted, left_date, year, form, fsm, pp, send, eal, "
			     "changed_by, changed_at, reason, ethnicity, looked_after, cin, cp, safeguarding) "
			     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
			     "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)";

static const char SQL_MARKS_EACH[] =
	"SELECT pupil_id, date, session, code, minutes_late, version, recorded_by, "
			  "recorded_at, first_recorded_at, hash FROM marks "
			  "WHERE school_id = ?1 AND date BETWEEN ?2 AND ?3";

static const char SQL_MARK_GET[] =
	"SELECT pupil_id, date, session, code, minutes_late, version, recorded_by, "
			"recorded_at, first_recorded_at, hash FROM marks "
			"WHERE school_id = ?1 AND pupil_id = ?2 AND date = ?3 AND session = ?4";

static const char SQL_HISTORY_INSERT[] =
	"INSERT INTO mark_history (school_id, pupil_id, date, session, version, "
			      "code, minutes_late, recorded_by, recorded_at, reason, source, prev_hash, "
			      "hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

static const char SQL_MARK_INSERT[] =
	"INSERT INTO marks (school_id, pupil_id, date, session, code, minutes_late, "
			   "version, recorded_by, recorded_at, hash, first_recorded_at) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

static const char SQL_MARK_UPDATE[] =
	"UPDATE marks SET code = ?5, minutes_late = ?6, version = ?7, "
			   "recorded_by = ?8, recorded_at = ?9, hash = ?10 "
			   "WHERE school_id = ?1 AND pupil_id = ?2 AND date = ?3 AND session = ?4";

static const char SQL_HISTORY_EACH[] =
	"SELECT pupil_id, date, session, code, minutes_late, version, recorded_by, "
			    "recorded_at, reason, source, prev_hash, hash FROM mark_history "
			    "WHERE school_id = ?1 AND pupil_id = ?2 AND date = ?3 AND session = ?4 "
			    "ORDER BY version";

static const char SQL_HISTORY_ALL[] =
	"SELECT pupil_id, date, session, code, minutes_late, version, recorded_by, "
	"recorded_at, reason, source, prev_hash, hash FROM mark_history WHERE school_id = ?1 "
	"ORDER BY date, session, pupil_id, version";

static const char SQL_MARKS_ALL[] =
	"SELECT pupil_id, date, session, code, minutes_late, version, recorded_by, "
	"recorded_at, first_recorded_at, hash FROM marks WHERE school_id = ?1 "
	"ORDER BY date, session, pupil_id";

static const char SQL_MARKS_MISMATCHED[] =
	"SELECT m.pupil_id, m.date, m.session, m.version, CASE "
	"WHEN h.version IS NULL THEN 'the current mark has no history row of its version' "
	"WHEN h.code <> m.code OR h.minutes_late IS DISTINCT FROM m.minutes_late "
	"THEN 'the current mark differs from its version in the history' "
	"WHEN h.hash <> m.hash THEN 'the current mark carries another hash than its history row' "
	"ELSE 'the history holds a later version than the current mark' END "
	"FROM marks m LEFT JOIN mark_history h ON h.school_id = m.school_id AND "
	"h.pupil_id = m.pupil_id AND h.date = m.date AND h.session = m.session AND "
	"h.version = m.version WHERE m.school_id = ?1 AND (h.version IS NULL OR h.code <> m.code OR "
	"h.minutes_late IS DISTINCT FROM m.minutes_late OR h.hash <> m.hash OR EXISTS (SELECT 1 FROM "
	"mark_history l WHERE l.school_id = m.school_id AND l.pupil_id = m.pupil_id AND "
	"l.date = m.date AND l.session = m.session AND l.version > m.version)) "
	"UNION ALL "
	"SELECT h.pupil_id, h.date, h.session, max(h.version), "
	"'the history has versions but there is no current mark' FROM mark_history h "
	"WHERE h.school_id = ?1 AND NOT EXISTS (SELECT 1 FROM marks m WHERE "
	"m.school_id = h.school_id AND m.pupil_id = h.pupil_id AND m.date = h.date AND "
	"m.session = h.session) GROUP BY h.pupil_id, h.date, h.session";

static const char SQL_HISTORY_RANGE[] =
	"SELECT pupil_id, date, session, code, minutes_late, version, recorded_by, "
	"recorded_at, reason, source, prev_hash, hash FROM mark_history WHERE school_id = ?1 "
	"AND date BETWEEN ?2 AND ?3 ORDER BY pupil_id, date, session, version";

/* Every version of the sessions of one pupil that were amended. */
static const char SQL_PUPIL_AMENDMENTS[] =
	"SELECT h.pupil_id, h.date, h.session, h.code, h.minutes_late, h.version, h.recorded_by, "
	"h.recorded_at, h.reason, h.source, h.prev_hash, h.hash FROM mark_history h JOIN marks m "
	"ON m.school_id = h.school_id AND m.pupil_id = h.pupil_id AND m.date = h.date AND "
	"m.session = h.session WHERE h.school_id = ?1 AND h.pupil_id = ?2 AND h.date BETWEEN ?3 "
	"AND ?4 AND m.version > 1 ORDER BY h.date, h.session, h.version";

static const char SQL_PUPIL_MARK_COUNT[] =
	"SELECT count(*), min(date) FROM marks WHERE school_id = ?1 AND "
				"pupil_id = ?2 AND date BETWEEN ?3 AND ?4";

static const char SQL_DAY_MARK_COUNT[] =
	"SELECT count(*) FROM marks WHERE school_id = ?1 AND date = ?2";

static void read_school(struct db_stmt *st, struct school_rec *out)
{
	out->id = db_col_int64(st, 0);
	st_col_copy(st, 1, out->urn, sizeof out->urn);
	st_col_copy(st, 2, out->name, sizeof out->name);
	st_col_copy(st, 3, out->phase, sizeof out->phase);
	st_col_copy(st, 4, out->la_code, sizeof out->la_code);
	st_col_copy(st, 5, out->estab, sizeof out->estab);
}

int store_school_get(struct store *s, const char *urn, struct school_rec *out)
{
	struct db_stmt *st = store_prepare(s, urn ? SQL_SCHOOL_BY_URN : SQL_SCHOOL_FIRST);
	if (!st)
		return -1;
	if (urn)
		db_bind_text(st, 1, urn);
	int rc = db_step(st);
	if (rc == DB_DONE) {
		db_reset(st);
		return 1;
	}
	if (rc != DB_ROW)
		return st_db_fail(s, "reading the school");
	read_school(st, out);
	db_reset(st);
	return 0;
}

int store_schools_each(struct store *s, store_school_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_SCHOOLS_EACH);
	if (!st)
		return -1;
	int rc;
	struct school_rec r;
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&r, 0, sizeof r);
		read_school(st, &r);
		if (cb(ctx, &r) < 0) {
			db_reset(st);
			return st_fail(s, "too many schools");
		}
	}
	db_reset(st);
	return rc < 0 ? st_db_fail(s, "reading the schools") : 0;
}

int store_school_insert(struct store *s, struct school_rec *rec, const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_SCHOOL_INSERT);
	if (!st)
		return -1;
	db_bind_text(st, 1, rec->urn);
	db_bind_text(st, 2, rec->name);
	db_bind_text(st, 3, rec->phase);
	db_bind_text(st, 4, rec->la_code);
	db_bind_text(st, 5, rec->estab);
	db_bind_text(st, 6, at);
	return st_step_id(s, st, "adding the school", &rec->id);
}

int store_school_set_codes(struct store *s, int64_t school_id, const char *la_code,
			   const char *estab)
{
	struct db_stmt *st = store_prepare(s, SQL_SCHOOL_SET_CODES);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, la_code);
	db_bind_text(st, 3, estab);
	return st_step_done(s, st, "saving the school's LA code and establishment number");
}

int store_setting_get(struct store *s, int64_t school_id, const char *key, char *buf, size_t len)
{
	struct db_stmt *st = store_prepare(s, SQL_SETTING_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, key);
	int rc = db_step(st);
	if (rc == DB_DONE) {
		db_reset(st);
		return 1;
	}
	if (rc != DB_ROW)
		return st_db_fail(s, "reading a setting");
	st_col_copy(st, 0, buf, len);
	db_reset(st);
	return 0;
}

int store_setting_set(struct store *s, int64_t school_id, const char *key, const char *value,
		      const char *by, const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_SETTING_SET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, key);
	db_bind_text(st, 3, value);
	db_bind_text(st, 4, by);
	db_bind_text(st, 5, at);
	return st_step_done(s, st, "saving a setting");
}

/* ---- calendar ---- */

int store_calendar_each(struct store *s, int64_t school_id, store_cal_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_CAL_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct cal_entry e = {0};
		e.kind = (enum cal_kind)cal_kind_parse(db_col_text(st, 0));
		e.start = st_col_date(st, 1);
		e.end = st_col_date(st, 2);
		st_col_copy(st, 3, e.label, sizeof e.label);
		if (cb(ctx, &e) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading the calendar");
}

int store_calendar_insert(struct store *s, int64_t school_id, const struct cal_entry *e,
			  const char *by, const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_CAL_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, cal_kind_name(e->kind));
	st_bind_date(st, 3, e->start);
	st_bind_date(st, 4, e->end);
	db_bind_text(st, 5, e->label);
	db_bind_text(st, 6, by);
	db_bind_text(st, 7, at);
	return st_step_done(s, st, "adding a calendar entry");
}

/* ---- pupils ---- */

int store_pupils_each(struct store *s, int64_t school_id, store_pupil_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_PUPILS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct pupil_rec p = {0};
		p.pupil_id = db_col_int64(st, 0);
		p.enrolment_id = db_col_int64(st, 1);
		st_col_copy(st, 2, p.upn, sizeof p.upn);
		st_col_copy(st, 3, p.surname, sizeof p.surname);
		st_col_copy(st, 4, p.forename, sizeof p.forename);
		p.dob = st_col_date(st, 5);
		const char *g = db_col_text(st, 6);
		p.gender = g ? g[0] : 'U';
		p.admitted = st_col_date(st, 7);
		p.left = st_col_date(st, 8);
		p.year = year_parse(db_col_text(st, 9));
		st_col_copy(st, 10, p.form, sizeof p.form);
		p.fsm = db_col_int(st, 11);
		p.pp = db_col_int(st, 12);
		const char *sen = db_col_text(st, 13);
		p.send = sen ? sen[0] : 'N';
		p.eal = db_col_int(st, 14);
		st_col_copy(st, 15, p.ethnicity, sizeof p.ethnicity);
		p.looked_after = db_col_int(st, 16);
		p.cin = db_col_int(st, 17);
		p.cp = db_col_int(st, 18);
		p.safeguarding = db_col_int(st, 19);
		if (cb(ctx, &p) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading pupils");
}

static void bind_enrolment(struct db_stmt *st, int64_t school_id, int64_t id, const struct pupil_rec *p)
{
	char send[2] = {p->send, 0};
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	st_bind_date(st, 3, p->admitted);
	st_bind_date(st, 4, p->left);
	db_bind_text(st, 5, year_name(p->year));
	db_bind_text(st, 6, p->form);
	db_bind_int(st, 7, p->fsm);
	db_bind_int(st, 8, p->pp);
	db_bind_text(st, 9, send);
	db_bind_int(st, 10, p->eal);
	db_bind_int(st, 11, p->looked_after);
	db_bind_int(st, 12, p->cin);
	db_bind_int(st, 13, p->cp);
	db_bind_int(st, 14, p->safeguarding);
}

int store_pupil_save(struct store *s, int64_t school_id, struct pupil_rec *p, const char *by,
		     const char *at, const char *reason)
{
	char gender[2] = {p->gender, 0}, send[2] = {p->send, 0};
	struct db_stmt *st = store_prepare(s, p->pupil_id ? SQL_PUPIL_UPDATE : SQL_PUPIL_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	if (p->pupil_id) {
		db_bind_int64(st, 2, p->pupil_id);
		db_bind_text(st, 3, p->surname);
		db_bind_text(st, 4, p->forename);
		st_bind_date(st, 5, p->dob);
		db_bind_text(st, 6, gender);
		db_bind_text(st, 7, p->ethnicity);
	} else {
		db_bind_text(st, 2, p->upn);
		db_bind_text(st, 3, p->surname);
		db_bind_text(st, 4, p->forename);
		st_bind_date(st, 5, p->dob);
		db_bind_text(st, 6, gender);
		db_bind_text(st, 7, p->ethnicity);
	}
	if (p->pupil_id ? st_step_done(s, st, "saving a pupil")
			: st_step_id(s, st, "saving a pupil", &p->pupil_id))
		return -1;

	if (p->enrolment_id) {
		if (!(st = store_prepare(s, SQL_ENROL_UPDATE)))
			return -1;
		bind_enrolment(st, school_id, p->enrolment_id, p);
	} else {
		if (!(st = store_prepare(s, SQL_ENROL_INSERT)))
			return -1;
		bind_enrolment(st, school_id, p->pupil_id, p);
	}
	if (p->enrolment_id ? st_step_done(s, st, "saving an enrolment")
			    : st_step_id(s, st, "saving an enrolment", &p->enrolment_id))
		return -1;

	if (!(st = store_prepare(s, SQL_PUPIL_HISTORY)))
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, p->pupil_id);
	db_bind_int64(st, 3, p->enrolment_id);
	db_bind_text(st, 4, p->upn);
	db_bind_text(st, 5, p->surname);
	db_bind_text(st, 6, p->forename);
	st_bind_date(st, 7, p->dob);
	db_bind_text(st, 8, gender);
	st_bind_date(st, 9, p->admitted);
	st_bind_date(st, 10, p->left);
	db_bind_text(st, 11, year_name(p->year));
	db_bind_text(st, 12, p->form);
	db_bind_int(st, 13, p->fsm);
	db_bind_int(st, 14, p->pp);
	db_bind_text(st, 15, send);
	db_bind_int(st, 16, p->eal);
	db_bind_text(st, 17, by);
	db_bind_text(st, 18, at);
	db_bind_text(st, 19, reason);
	db_bind_text(st, 20, p->ethnicity);
	db_bind_int(st, 21, p->looked_after);
	db_bind_int(st, 22, p->cin);
	db_bind_int(st, 23, p->cp);
	db_bind_int(st, 24, p->safeguarding);
	return st_step_done(s, st, "recording the pupil's history");
}

/* ---- marks ---- */

static void read_mark(struct db_stmt *st, struct mark_rec *m, bool history)
{
	memset(m, 0, sizeof *m);
	m->pupil_id = db_col_int64(st, 0);
	m->date = st_col_date(st, 1);
	m->session = (enum session)session_parse(db_col_text(st, 2));
	m->code = code_parse(db_col_text(st, 3));
	m->minutes_late = db_col_null(st, 4) ? -1 : db_col_int(st, 4);
	m->version = db_col_int(st, 5);
	st_col_copy(st, 6, m->recorded_by, sizeof m->recorded_by);
	st_col_copy(st, 7, m->recorded_at, sizeof m->recorded_at);
	if (history) {
		st_col_copy(st, 8, m->reason, sizeof m->reason);
		st_col_copy(st, 9, m->source, sizeof m->source);
		st_col_copy(st, 10, m->prev_hash, sizeof m->prev_hash);
		st_col_copy(st, 11, m->hash, sizeof m->hash);
	} else {
		st_col_copy(st, 8, m->first_recorded_at, sizeof m->first_recorded_at);
		st_col_copy(st, 9, m->hash, sizeof m->hash);
	}
}

/* Steps a bound query of marks or history rows, calling cb for each. */
static int step_marks(struct store *s, struct db_stmt *st, bool history, store_mark_cb cb, void *ctx)
{
	int rc;
	struct mark_rec m;
	while ((rc = db_step(st)) == DB_ROW) {
		read_mark(st, &m, history);
		if (cb(ctx, &m) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading marks");
}

/* A query of marks or history rows of the dates from..to. */
static int each_in_range(struct store *s, const char *sql, bool history, int64_t school_id,
			 date_t from, date_t to, store_mark_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare_scan(s, sql);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_date(st, 2, from);
	st_bind_date(st, 3, to);
	return step_marks(s, st, history, cb, ctx);
}

int store_marks_each(struct store *s, int64_t school_id, date_t from, date_t to, store_mark_cb cb,
		     void *ctx)
{
	return each_in_range(s, SQL_MARKS_EACH, false, school_id, from, to, cb, ctx);
}

static void bind_key(struct db_stmt *st, int64_t school_id, int64_t pupil_id, date_t date,
		     enum session session)
{
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	st_bind_date(st, 3, date);
	db_bind_textn(st, 4, session_name(session), 2);
}

int store_mark_get(struct store *s, int64_t school_id, int64_t pupil_id, date_t date,
		   enum session session, struct mark_rec *out)
{
	/* A mark of this transaction still waiting to be sent is the current
	 * one; any other is in the database already. */
	for (int i = s->n_behind - 1; i >= 0; i--) {
		const struct bulk_mark *b = &s->behind[i];
		if (b->pupil_id == pupil_id && b->session == session && b->school_id == school_id &&
		    date_parse(b->date) == date) {
			memset(out, 0, sizeof *out);
			out->pupil_id = pupil_id;
			out->date = date;
			out->session = session;
			out->code = b->code;
			out->minutes_late = b->minutes_late;
			out->version = 1;
			snprintf(out->recorded_by, sizeof out->recorded_by, "%s", b->recorded_by);
			snprintf(out->recorded_at, sizeof out->recorded_at, "%s", b->recorded_at);
			snprintf(out->first_recorded_at, sizeof out->first_recorded_at, "%s", b->recorded_at);
			snprintf(out->hash, sizeof out->hash, "%s", b->hash);
			return 0;
		}
	}
	struct db_stmt *st = store_prepare_quiet(s, SQL_MARK_GET);
	if (!st)
		return -1;
	bind_key(st, school_id, pupil_id, date, session);
	int rc = db_step(st);
	if (rc == DB_DONE) {
		db_reset(st);
		return 1;
	}
	if (rc != DB_ROW)
		return st_db_fail(s, "reading a mark");
	read_mark(st, out, false);
	db_reset(st);
	return 0;
}

static void bind_minutes(struct db_stmt *st, int i, int minutes)
{
	if (minutes < 0)
		db_bind_null(st, i);
	else
		db_bind_int(st, i, minutes);
}

/* A new mark waits to be written with the others of its submission (see
 * store_internal.h); false when it must go now. */
static bool put_behind(struct store *s, int64_t school_id, const struct mark_rec *v)
{
	if (v->version != 1 || !db_in_txn(s->db) ||
	    v->reason[0] ||
	    (v->first_recorded_at[0] && strcmp(v->first_recorded_at, v->recorded_at) != 0))
		return false;
	if (s->n_behind == s->cap_behind) {
		int cap = s->cap_behind ? 2 * s->cap_behind : 64;
		struct bulk_mark *p = realloc(s->behind, (size_t)cap * sizeof *p);
		if (!p)
			return false;
		s->behind = p;
		s->cap_behind = cap;
	}
	st_bulk_mark_set(&s->behind[s->n_behind++], school_id, v);
	return true;
}

int store_mark_put(struct store *s, int64_t school_id, const struct mark_rec *v)
{
	if (put_behind(s, school_id, v))
		return 0;
	const char *code = code_text(v->code, v->session);
	struct db_stmt *st = store_prepare(s, SQL_HISTORY_INSERT);
	if (!st)
		return -1;
	bind_key(st, school_id, v->pupil_id, v->date, v->session);
	db_bind_int(st, 5, v->version);
	db_bind_text(st, 6, code);
	bind_minutes(st, 7, v->minutes_late);
	db_bind_text(st, 8, v->recorded_by);
	db_bind_text(st, 9, v->recorded_at);
	db_bind_text(st, 10, v->reason);
	db_bind_text(st, 11, v->source);
	db_bind_text(st, 12, v->prev_hash);
	db_bind_text(st, 13, v->hash);
	if (st_step_done(s, st, "recording the mark's history") < 0)
		return -1;

	if (!(st = store_prepare(s, v->version == 1 ? SQL_MARK_INSERT : SQL_MARK_UPDATE)))
		return -1;
	bind_key(st, school_id, v->pupil_id, v->date, v->session);
	db_bind_text(st, 5, code);
	bind_minutes(st, 6, v->minutes_late);
	db_bind_int(st, 7, v->version);
	db_bind_text(st, 8, v->recorded_by);
	db_bind_text(st, 9, v->recorded_at);
	db_bind_text(st, 10, v->hash);
	if (v->version == 1)
		db_bind_text(st, 11, v->first_recorded_at[0] ? v->first_recorded_at : v->recorded_at);
	if (st_step_done(s, st, "saving the mark") < 0)
		return -1;
	if (v->version > 1 && db_changes(s->db) != 1)
		return st_fail(s, "saving the mark: the mark to amend was not found");
	return 0;
}

int store_history_each(struct store *s, int64_t school_id, int64_t pupil_id, date_t date,
		       enum session session, store_mark_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_HISTORY_EACH);
	if (!st)
		return -1;
	bind_key(st, school_id, pupil_id, date, session);
	return step_marks(s, st, true, cb, ctx);
}

static int each_row(struct store *s, const char *sql, int64_t school_id, bool history,
		    store_mark_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare_scan(s, sql);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	return step_marks(s, st, history, cb, ctx);
}

int store_history_all_each(struct store *s, int64_t school_id, store_mark_cb cb, void *ctx)
{
	return each_row(s, SQL_HISTORY_ALL, school_id, true, cb, ctx);
}

int store_marks_all_each(struct store *s, int64_t school_id, store_mark_cb cb, void *ctx)
{
	return each_row(s, SQL_MARKS_ALL, school_id, false, cb, ctx);
}

int store_history_range_each(struct store *s, int64_t school_id, date_t from, date_t to,
			     store_mark_cb cb, void *ctx)
{
	return each_in_range(s, SQL_HISTORY_RANGE, true, school_id, from, to, cb, ctx);
}

int store_pupil_amendments_each(struct store *s, int64_t school_id, int64_t pupil_id, date_t from,
				date_t to, store_mark_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_PUPIL_AMENDMENTS);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	st_bind_date(st, 3, from);
	st_bind_date(st, 4, to);
	return step_marks(s, st, true, cb, ctx);
}

int store_marks_mismatched_each(struct store *s, int64_t school_id, store_mismatch_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_MARKS_MISMATCHED);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int s_ = session_parse(db_col_text(st, 2));
		if (cb(ctx, db_col_int64(st, 0), st_col_date(st, 1), (enum session)(s_ < 0 ? 0 : s_),
		       db_col_int(st, 3), db_col_text(st, 4)) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "checking marks against their history");
}

int store_pupil_mark_count(struct store *s, int64_t school_id, int64_t pupil_id, date_t from,
			   date_t to, int *count, date_t *first)
{
	struct db_stmt *st = store_prepare(s, SQL_PUPIL_MARK_COUNT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	st_bind_date(st, 3, from);
	st_bind_date(st, 4, to);
	if (db_step(st) != DB_ROW)
		return st_db_fail(s, "counting marks");
	*count = db_col_int(st, 0);
	*first = st_col_date(st, 1);
	db_reset(st);
	return 0;
}

int store_day_mark_count(struct store *s, int64_t school_id, date_t day, int *count)
{
	struct db_stmt *st = store_prepare(s, SQL_DAY_MARK_COUNT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_date(st, 2, day);
	if (db_step(st) != DB_ROW)
		return st_db_fail(s, "counting marks");
	*count = db_col_int(st, 0);
	db_reset(st);
	return 0;
}
