/* The SQLite backend of store.h: the embedded database a school runs on.
 * WAL with synchronous=FULL: a transaction acknowledged by COMMIT survives a
 * process crash and a power cut. NORMAL would survive a process crash only,
 * and the register is a legal record, so FULL it is; throughput comes from
 * putting many marks in one transaction, not from weaker durability. */
#include "store/store.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/migrations.h"
#include "store/sqlite_internal.h"

static const char SQL_SCHOOL_BY_URN[] =
	"SELECT id, urn, name, phase, la_code, estab FROM schools WHERE urn = ?1";

static const char SQL_SCHOOL_FIRST[] =
	"SELECT id, urn, name, phase, la_code, estab FROM schools ORDER BY id LIMIT 1";

static const char SQL_SCHOOL_INSERT[] =
	"INSERT INTO schools (urn, name, phase, la_code, estab, created_at) "
			     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

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
			    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static const char SQL_PUPIL_UPDATE[] =
	"UPDATE pupils SET surname = ?3, forename = ?4, dob = ?5, gender = ?6, ethnicity = ?7 "
			    "WHERE school_id = ?1 AND id = ?2";

static const char SQL_ENROL_INSERT[] =
	"INSERT INTO enrolments (school_id, pupil_id, admitted, left_date, year, "
			    "form, fsm, pp, send, eal, looked_after, cin, cp, safeguarding) "
			    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

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
			   "version, recorded_by, recorded_at, first_recorded_at, hash) "
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

static const char SQL_MARK_UPDATE[] =
	"UPDATE marks SET code = ?5, minutes_late = ?6, version = ?7, "
			   "recorded_by = ?8, recorded_at = ?9, hash = ?11 "
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
	"WHEN h.code <> m.code OR h.minutes_late IS NOT m.minutes_late "
	"THEN 'the current mark differs from its version in the history' "
	"WHEN h.hash <> m.hash THEN 'the current mark carries another hash than its history row' "
	"ELSE 'the history holds a later version than the current mark' END "
	"FROM marks m LEFT JOIN mark_history h ON h.school_id = m.school_id AND "
	"h.pupil_id = m.pupil_id AND h.date = m.date AND h.session = m.session AND "
	"h.version = m.version WHERE m.school_id = ?1 AND (h.version IS NULL OR h.code <> m.code OR "
	"h.minutes_late IS NOT m.minutes_late OR h.hash <> m.hash OR EXISTS (SELECT 1 FROM "
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

static const char SQL_PUPIL_MARK_COUNT[] =
	"SELECT count(*), min(date) FROM marks WHERE school_id = ?1 AND "
				"pupil_id = ?2 AND date BETWEEN ?3 AND ?4";

static const char SQL_DAY_MARK_COUNT[] =
	"SELECT count(*) FROM marks WHERE school_id = ?1 AND date = ?2";

int sq_fail(struct store *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->err, sizeof s->err, fmt, ap);
	va_end(ap);
	return -1;
}

int sq_db_fail(struct store *s, const char *what)
{
	return sq_fail(s, "%s: %s", what, sqlite3_errmsg(s->db));
}

const char *store_error(const struct store *s)
{
	return s->err;
}

int sq_exec(struct store *s, const char *q)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, q, NULL, NULL, &msg) != SQLITE_OK) {
		sq_fail(s, "%s", msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int store_open(const char *target, struct store **out, char *err, size_t errlen)
{
	*out = NULL;
	struct store *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int rc = sqlite3_open_v2(target, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
						 SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open database %s: %s", target,
			 s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 10000);
	/* A page cache of up to 64 MiB (a ceiling, not an allocation): a
	 * group of registers touches thousands of pages, and a cache smaller
	 * than that spills them to the WAL before the commit. */
	if (sq_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
		    "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF; "
		    "PRAGMA cache_size = -65536;") < 0) {
		snprintf(err, errlen, "cannot open database %s: %s", target, s->err);
		goto fail;
	}
	*out = s;
	return 0;
fail:
	sqlite3_close(s->db);
	free(s);
	return -1;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < STORE_STMT_SLOTS; i++)
		sqlite3_finalize(s->stmt[i].stmt);
	sqlite3_close(s->db);
	free(s);
}

sqlite3_stmt *store_prepare(struct store *s, const char *sql)
{
	/* Statements are cached by the address of their SQL text: each is a
	 * static string, so the address names it. */
	uintptr_t h = ((uintptr_t)sql >> 4) * 0x9E3779B97F4A7C15u;
	for (unsigned i = 0; i < STORE_STMT_SLOTS; i++) {
		struct stmt_slot *slot = &s->stmt[(h + i) % STORE_STMT_SLOTS];
		if (slot->sql == sql) {
			sqlite3_reset(slot->stmt);
			sqlite3_clear_bindings(slot->stmt);
			return slot->stmt;
		}
		if (!slot->sql) {
			if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &slot->stmt,
					       NULL) != SQLITE_OK) {
				sq_db_fail(s, "preparing a query");
				slot->stmt = NULL;
				return NULL;
			}
			slot->sql = sql;
			return slot->stmt;
		}
	}
	sq_fail(s, "too many distinct queries for the statement cache");
	return NULL;
}

void sq_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

void sq_bind_text_or_null(sqlite3_stmt *st, int i, const char *v)
{
	if (v && *v)
		sq_bind_text(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

void sq_bind_id_or_null(sqlite3_stmt *st, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

void sq_bind_date(sqlite3_stmt *st, int i, date_t d)
{
	char buf[DATE_ISO_LEN];
	if (d == DATE_INVALID)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, date_format(d, buf), 10, SQLITE_TRANSIENT);
}

date_t sq_col_date(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? date_parse(t) : DATE_INVALID;
}

void sq_col_copy(sqlite3_stmt *st, int i, char *buf, size_t len)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	snprintf(buf, len, "%s", t ? t : "");
}

/* Steps a statement that returns no rows. */
int sq_step_done(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		sq_db_fail(s, what);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

/* ---- schema ---- */

int store_latest_schema_version(void)
{
	return migrations_sqlite_count;
}

int store_schema_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = 0;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT max(version) FROM schema_version", -1, &st, NULL) != SQLITE_OK)
		return 0; /* no table yet */
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Foreign keys are checked as a whole after the migrations, not row by row
 * during them: a migration may rebuild a table (the SQLite procedure for
 * changing a CHECK), which drops the old one while rows still point at it. */
static int check_foreign_keys(struct store *s)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return sq_db_fail(s, "checking foreign keys");
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		sq_fail(s, "a migration left table %s pointing at a missing row of %s",
			(const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 2));
	else if (rc != SQLITE_DONE)
		sq_db_fail(s, "checking foreign keys");
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int migrate(struct store *s, int *applied);

int store_migrate(struct store *s, int *applied)
{
	if (sq_exec(s, "PRAGMA foreign_keys = OFF") < 0)
		return -1;
	int rc = migrate(s, applied);
	sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return rc;
}

static int migrate(struct store *s, int *applied)
{
	*applied = 0;
	if (sq_exec(s, "BEGIN IMMEDIATE") < 0)
		return -1;
	if (sq_exec(s, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
		    "name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT") < 0)
		goto fail;
	int have = store_schema_version(s);
	if (have > migrations_sqlite_count) {
		sq_fail(s, "the database is at schema version %d, newer than this attend (%d): "
			"upgrade attend", have, migrations_sqlite_count);
		goto fail;
	}
	for (int v = have + 1; v <= migrations_sqlite_count; v++) {
		const struct migration *m = &migrations_sqlite[v - 1];
		if (sq_exec(s, m->sql) < 0) {
			char why[512];
			snprintf(why, sizeof why, "%s", s->err);
			sq_fail(s, "migration %s failed: %s", m->name, why);
			goto fail;
		}
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(s->db, "INSERT INTO schema_version VALUES (?1, ?2, "
					      "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
				       -1, &st, NULL) != SQLITE_OK) {
			sq_db_fail(s, "recording the schema version");
			goto fail;
		}
		sqlite3_bind_int(st, 1, v);
		sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			sq_db_fail(s, "recording the schema version");
			goto fail;
		}
		(*applied)++;
	}
	if (check_foreign_keys(s) < 0 || sq_exec(s, "COMMIT") < 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	*applied = 0;
	return -1;
}

int store_begin(struct store *s)
{
	/* IMMEDIATE: take the write lock now, so a transaction never fails
	 * half-way for want of it. */
	return sq_exec(s, "BEGIN IMMEDIATE");
}

int store_commit(struct store *s)
{
	return sq_exec(s, "COMMIT");
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static const char SQL_DATA_VERSION[] = "PRAGMA data_version";

int store_data_version(struct store *s, int64_t *out)
{
	sqlite3_stmt *st = store_prepare(s, SQL_DATA_VERSION);
	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW)
		return sq_db_fail(s, "reading the data version");
	*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int store_savepoint(struct store *s)
{
	return sq_exec(s, "SAVEPOINT part");
}

int store_release(struct store *s)
{
	return sq_exec(s, "RELEASE part");
}

int store_rollback_to(struct store *s)
{
	/* ROLLBACK TO keeps the savepoint open; RELEASE closes it. */
	return sq_exec(s, "ROLLBACK TO part") < 0 ? -1 : sq_exec(s, "RELEASE part");
}

/* ---- schools and settings ---- */

int store_school_get(struct store *s, const char *urn, struct school_rec *out)
{
	sqlite3_stmt *st = store_prepare(s, urn ? SQL_SCHOOL_BY_URN : SQL_SCHOOL_FIRST);
	if (!st)
		return -1;
	if (urn)
		sq_bind_text(st, 1, urn);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 1;
	}
	if (rc != SQLITE_ROW)
		return sq_db_fail(s, "reading the school");
	out->id = sqlite3_column_int64(st, 0);
	sq_col_copy(st, 1, out->urn, sizeof out->urn);
	sq_col_copy(st, 2, out->name, sizeof out->name);
	sq_col_copy(st, 3, out->phase, sizeof out->phase);
	sq_col_copy(st, 4, out->la_code, sizeof out->la_code);
	sq_col_copy(st, 5, out->estab, sizeof out->estab);
	sqlite3_reset(st);
	return 0;
}

int store_school_insert(struct store *s, struct school_rec *rec, const char *at)
{
	sqlite3_stmt *st = store_prepare(s, SQL_SCHOOL_INSERT);
	if (!st)
		return -1;
	sq_bind_text(st, 1, rec->urn);
	sq_bind_text(st, 2, rec->name);
	sq_bind_text(st, 3, rec->phase);
	sq_bind_text(st, 4, rec->la_code);
	sq_bind_text(st, 5, rec->estab);
	sq_bind_text(st, 6, at);
	if (sq_step_done(s, st, "adding the school") < 0)
		return -1;
	rec->id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_school_set_codes(struct store *s, int64_t school_id, const char *la_code,
			   const char *estab)
{
	sqlite3_stmt *st = store_prepare(s, SQL_SCHOOL_SET_CODES);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_text(st, 2, la_code);
	sq_bind_text(st, 3, estab);
	return sq_step_done(s, st, "saving the school's LA code and establishment number");
}

int store_setting_get(struct store *s, int64_t school_id, const char *key, char *buf, size_t len)
{
	sqlite3_stmt *st = store_prepare(s, SQL_SETTING_GET);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_text(st, 2, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 1;
	}
	if (rc != SQLITE_ROW)
		return sq_db_fail(s, "reading a setting");
	sq_col_copy(st, 0, buf, len);
	sqlite3_reset(st);
	return 0;
}

int store_setting_set(struct store *s, int64_t school_id, const char *key, const char *value,
		      const char *by, const char *at)
{
	sqlite3_stmt *st = store_prepare(s, SQL_SETTING_SET);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_text(st, 2, key);
	sq_bind_text(st, 3, value);
	sq_bind_text(st, 4, by);
	sq_bind_text(st, 5, at);
	return sq_step_done(s, st, "saving a setting");
}

/* ---- calendar ---- */

int store_calendar_each(struct store *s, int64_t school_id, store_cal_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, SQL_CAL_EACH);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cal_entry e = {0};
		e.kind = (enum cal_kind)cal_kind_parse((const char *)sqlite3_column_text(st, 0));
		e.start = sq_col_date(st, 1);
		e.end = sq_col_date(st, 2);
		sq_col_copy(st, 3, e.label, sizeof e.label);
		if (cb(ctx, &e) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(s, "reading the calendar");
}

int store_calendar_insert(struct store *s, int64_t school_id, const struct cal_entry *e,
			  const char *by, const char *at)
{
	sqlite3_stmt *st = store_prepare(s, SQL_CAL_INSERT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_text(st, 2, cal_kind_name(e->kind));
	sq_bind_date(st, 3, e->start);
	sq_bind_date(st, 4, e->end);
	sq_bind_text(st, 5, e->label);
	sq_bind_text(st, 6, by);
	sq_bind_text(st, 7, at);
	return sq_step_done(s, st, "adding a calendar entry");
}

/* ---- pupils ---- */

int store_pupils_each(struct store *s, int64_t school_id, store_pupil_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, SQL_PUPILS_EACH);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct pupil_rec p = {0};
		p.pupil_id = sqlite3_column_int64(st, 0);
		p.enrolment_id = sqlite3_column_int64(st, 1);
		sq_col_copy(st, 2, p.upn, sizeof p.upn);
		sq_col_copy(st, 3, p.surname, sizeof p.surname);
		sq_col_copy(st, 4, p.forename, sizeof p.forename);
		p.dob = sq_col_date(st, 5);
		const char *g = (const char *)sqlite3_column_text(st, 6);
		p.gender = g ? g[0] : 'U';
		p.admitted = sq_col_date(st, 7);
		p.left = sq_col_date(st, 8);
		p.year = year_parse((const char *)sqlite3_column_text(st, 9));
		sq_col_copy(st, 10, p.form, sizeof p.form);
		p.fsm = sqlite3_column_int(st, 11);
		p.pp = sqlite3_column_int(st, 12);
		const char *sen = (const char *)sqlite3_column_text(st, 13);
		p.send = sen ? sen[0] : 'N';
		p.eal = sqlite3_column_int(st, 14);
		sq_col_copy(st, 15, p.ethnicity, sizeof p.ethnicity);
		p.looked_after = sqlite3_column_int(st, 16);
		p.cin = sqlite3_column_int(st, 17);
		p.cp = sqlite3_column_int(st, 18);
		p.safeguarding = sqlite3_column_int(st, 19);
		if (cb(ctx, &p) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(s, "reading pupils");
}

static void bind_enrolment(sqlite3_stmt *st, int64_t school_id, int64_t id, const struct pupil_rec *p)
{
	char send[2] = {p->send, 0};
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	sq_bind_date(st, 3, p->admitted);
	sq_bind_date(st, 4, p->left);
	sq_bind_text(st, 5, year_name(p->year));
	sq_bind_text(st, 6, p->form);
	sqlite3_bind_int(st, 7, p->fsm);
	sqlite3_bind_int(st, 8, p->pp);
	sq_bind_text(st, 9, send);
	sqlite3_bind_int(st, 10, p->eal);
	sqlite3_bind_int(st, 11, p->looked_after);
	sqlite3_bind_int(st, 12, p->cin);
	sqlite3_bind_int(st, 13, p->cp);
	sqlite3_bind_int(st, 14, p->safeguarding);
}

int store_pupil_save(struct store *s, int64_t school_id, struct pupil_rec *p, const char *by,
		     const char *at, const char *reason)
{
	char gender[2] = {p->gender, 0}, send[2] = {p->send, 0};
	sqlite3_stmt *st = store_prepare(s, p->pupil_id ? SQL_PUPIL_UPDATE : SQL_PUPIL_INSERT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	if (p->pupil_id) {
		sqlite3_bind_int64(st, 2, p->pupil_id);
		sq_bind_text(st, 3, p->surname);
		sq_bind_text(st, 4, p->forename);
		sq_bind_date(st, 5, p->dob);
		sq_bind_text(st, 6, gender);
		sq_bind_text(st, 7, p->ethnicity);
	} else {
		sq_bind_text(st, 2, p->upn);
		sq_bind_text(st, 3, p->surname);
		sq_bind_text(st, 4, p->forename);
		sq_bind_date(st, 5, p->dob);
		sq_bind_text(st, 6, gender);
		sq_bind_text(st, 7, p->ethnicity);
	}
	if (sq_step_done(s, st, "saving a pupil") < 0)
		return -1;
	if (!p->pupil_id)
		p->pupil_id = sqlite3_last_insert_rowid(s->db);

	if (p->enrolment_id) {
		if (!(st = store_prepare(s, SQL_ENROL_UPDATE)))
			return -1;
		bind_enrolment(st, school_id, p->enrolment_id, p);
	} else {
		if (!(st = store_prepare(s, SQL_ENROL_INSERT)))
			return -1;
		bind_enrolment(st, school_id, p->pupil_id, p);
	}
	if (sq_step_done(s, st, "saving an enrolment") < 0)
		return -1;
	if (!p->enrolment_id)
		p->enrolment_id = sqlite3_last_insert_rowid(s->db);

	if (!(st = store_prepare(s, SQL_PUPIL_HISTORY)))
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, p->pupil_id);
	sqlite3_bind_int64(st, 3, p->enrolment_id);
	sq_bind_text(st, 4, p->upn);
	sq_bind_text(st, 5, p->surname);
	sq_bind_text(st, 6, p->forename);
	sq_bind_date(st, 7, p->dob);
	sq_bind_text(st, 8, gender);
	sq_bind_date(st, 9, p->admitted);
	sq_bind_date(st, 10, p->left);
	sq_bind_text(st, 11, year_name(p->year));
	sq_bind_text(st, 12, p->form);
	sqlite3_bind_int(st, 13, p->fsm);
	sqlite3_bind_int(st, 14, p->pp);
	sq_bind_text(st, 15, send);
	sqlite3_bind_int(st, 16, p->eal);
	sq_bind_text(st, 17, by);
	sq_bind_text(st, 18, at);
	sq_bind_text(st, 19, reason);
	sq_bind_text(st, 20, p->ethnicity);
	sqlite3_bind_int(st, 21, p->looked_after);
	sqlite3_bind_int(st, 22, p->cin);
	sqlite3_bind_int(st, 23, p->cp);
	sqlite3_bind_int(st, 24, p->safeguarding);
	return sq_step_done(s, st, "recording the pupil's history");
}

/* ---- marks ---- */

static void read_mark(sqlite3_stmt *st, struct mark_rec *m, bool history)
{
	memset(m, 0, sizeof *m);
	m->pupil_id = sqlite3_column_int64(st, 0);
	m->date = sq_col_date(st, 1);
	m->session = (enum session)session_parse((const char *)sqlite3_column_text(st, 2));
	m->code = code_parse((const char *)sqlite3_column_text(st, 3));
	m->minutes_late = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4);
	m->version = sqlite3_column_int(st, 5);
	sq_col_copy(st, 6, m->recorded_by, sizeof m->recorded_by);
	sq_col_copy(st, 7, m->recorded_at, sizeof m->recorded_at);
	if (history) {
		sq_col_copy(st, 8, m->reason, sizeof m->reason);
		sq_col_copy(st, 9, m->source, sizeof m->source);
		sq_col_copy(st, 10, m->prev_hash, sizeof m->prev_hash);
		sq_col_copy(st, 11, m->hash, sizeof m->hash);
	} else {
		sq_col_copy(st, 8, m->first_recorded_at, sizeof m->first_recorded_at);
		sq_col_copy(st, 9, m->hash, sizeof m->hash);
	}
}

/* Steps a bound query of marks or history rows, calling cb for each. */
static int step_marks(struct store *s, sqlite3_stmt *st, bool history, store_mark_cb cb, void *ctx)
{
	int rc;
	struct mark_rec m;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_mark(st, &m, history);
		if (cb(ctx, &m) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(s, "reading marks");
}

/* A query of marks or history rows of the dates from..to. */
static int each_in_range(struct store *s, const char *sql, bool history, int64_t school_id,
			 date_t from, date_t to, store_mark_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_date(st, 2, from);
	sq_bind_date(st, 3, to);
	return step_marks(s, st, history, cb, ctx);
}

int store_marks_each(struct store *s, int64_t school_id, date_t from, date_t to, store_mark_cb cb,
		     void *ctx)
{
	return each_in_range(s, SQL_MARKS_EACH, false, school_id, from, to, cb, ctx);
}

static void bind_key(sqlite3_stmt *st, int64_t school_id, int64_t pupil_id, date_t date,
		     enum session session)
{
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, pupil_id);
	sq_bind_date(st, 3, date);
	sqlite3_bind_text(st, 4, session_name(session), 2, SQLITE_STATIC);
}

int store_mark_get(struct store *s, int64_t school_id, int64_t pupil_id, date_t date,
		   enum session session, struct mark_rec *out)
{
	sqlite3_stmt *st = store_prepare(s, SQL_MARK_GET);
	if (!st)
		return -1;
	bind_key(st, school_id, pupil_id, date, session);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 1;
	}
	if (rc != SQLITE_ROW)
		return sq_db_fail(s, "reading a mark");
	read_mark(st, out, false);
	sqlite3_reset(st);
	return 0;
}

static void bind_minutes(sqlite3_stmt *st, int i, int minutes)
{
	if (minutes < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int(st, i, minutes);
}

int store_mark_put(struct store *s, int64_t school_id, const struct mark_rec *v)
{
	const char *code = code_text(v->code, v->session);
	sqlite3_stmt *st = store_prepare(s, SQL_HISTORY_INSERT);
	if (!st)
		return -1;
	bind_key(st, school_id, v->pupil_id, v->date, v->session);
	sqlite3_bind_int(st, 5, v->version);
	sq_bind_text(st, 6, code);
	bind_minutes(st, 7, v->minutes_late);
	sq_bind_text(st, 8, v->recorded_by);
	sq_bind_text(st, 9, v->recorded_at);
	sq_bind_text(st, 10, v->reason);
	sq_bind_text(st, 11, v->source);
	sq_bind_text(st, 12, v->prev_hash);
	sq_bind_text(st, 13, v->hash);
	if (sq_step_done(s, st, "recording the mark's history") < 0)
		return -1;

	if (!(st = store_prepare(s, v->version == 1 ? SQL_MARK_INSERT : SQL_MARK_UPDATE)))
		return -1;
	bind_key(st, school_id, v->pupil_id, v->date, v->session);
	sq_bind_text(st, 5, code);
	bind_minutes(st, 6, v->minutes_late);
	sqlite3_bind_int(st, 7, v->version);
	sq_bind_text(st, 8, v->recorded_by);
	sq_bind_text(st, 9, v->recorded_at);
	if (v->version == 1)
		sq_bind_text(st, 10, v->first_recorded_at[0] ? v->first_recorded_at : v->recorded_at);
	sq_bind_text(st, 11, v->hash);
	if (sq_step_done(s, st, "saving the mark") < 0)
		return -1;
	if (v->version > 1 && sqlite3_changes(s->db) != 1)
		return sq_fail(s, "saving the mark: the mark to amend was not found");
	return 0;
}

int store_history_each(struct store *s, int64_t school_id, int64_t pupil_id, date_t date,
		       enum session session, store_mark_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, SQL_HISTORY_EACH);
	if (!st)
		return -1;
	bind_key(st, school_id, pupil_id, date, session);
	return step_marks(s, st, true, cb, ctx);
}

static int each_row(struct store *s, const char *sql, int64_t school_id, bool history,
		    store_mark_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
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

int store_marks_mismatched_each(struct store *s, int64_t school_id, store_mismatch_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, SQL_MARKS_MISMATCHED);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int s_ = session_parse((const char *)sqlite3_column_text(st, 2));
		if (cb(ctx, sqlite3_column_int64(st, 0), sq_col_date(st, 1), (enum session)(s_ < 0 ? 0 : s_),
		       sqlite3_column_int(st, 3), (const char *)sqlite3_column_text(st, 4)) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(s, "checking marks against their history");
}

int store_pupil_mark_count(struct store *s, int64_t school_id, int64_t pupil_id, date_t from,
			   date_t to, int *count, date_t *first)
{
	sqlite3_stmt *st = store_prepare(s, SQL_PUPIL_MARK_COUNT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, pupil_id);
	sq_bind_date(st, 3, from);
	sq_bind_date(st, 4, to);
	if (sqlite3_step(st) != SQLITE_ROW)
		return sq_db_fail(s, "counting marks");
	*count = sqlite3_column_int(st, 0);
	*first = sq_col_date(st, 1);
	sqlite3_reset(st);
	return 0;
}

int store_day_mark_count(struct store *s, int64_t school_id, date_t day, int *count)
{
	sqlite3_stmt *st = store_prepare(s, SQL_DAY_MARK_COUNT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_date(st, 2, day);
	if (sqlite3_step(st) != SQLITE_ROW)
		return sq_db_fail(s, "counting marks");
	*count = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return 0;
}
