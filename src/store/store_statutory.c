/* Statutory duties in the store (migration 0014-statutory): the
 * notifications raised from the register, the grounds on which pupils left
 * the admission register, and incoming pupils' Year 6 figures. */
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"

#define NOTE_COLS                                                                             \
	"n.id, n.pupil_id, n.enrolment_id, n.kind, n.key_date, n.trigger_date, n.due_date, "     \
	"n.days, n.detail, n.ground, n.contact_id, n.task_id, n.raised_by, n.raised_at, "        \
	"n.state, n.sent_via, n.outbox_id, n.file_name, n.file_sha256, n.done_by, n.done_at, "   \
	"n.outcome, o.status"
#define NOTE_FROM \
	" FROM notifications n LEFT JOIN outbox o ON o.id = n.outbox_id AND o.school_id = n.school_id "

static const char SQL_NOTE_INSERT[] =
	"INSERT INTO notifications (school_id, pupil_id, enrolment_id, kind, key_date, "
	"trigger_date, due_date, days, detail, ground, contact_id, task_id, raised_by, raised_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
	"ON CONFLICT (school_id, pupil_id, kind, key_date) DO NOTHING RETURNING id";

static const char SQL_NOTE_GET[] = "SELECT " NOTE_COLS NOTE_FROM "WHERE n.school_id = ?1 AND n.id = ?2";

static const char SQL_NOTE_EACH[] =
	"SELECT " NOTE_COLS NOTE_FROM "WHERE n.school_id = ?1 AND (n.state = ?2 OR ?2 IS NULL) "
	"AND (?3 = 0 OR n.pupil_id = ?3) ORDER BY n.due_date, n.id";

static const char SQL_NOTE_FINISH[] =
	"UPDATE notifications SET state = ?3, sent_via = ?4, outbox_id = ?5, file_name = ?6, "
	"file_sha256 = ?7, done_by = ?8, done_at = ?9, outcome = ?10 "
	"WHERE school_id = ?1 AND id = ?2 AND state = 'open'";

static const char SQL_GROUND_INSERT[] =
	"INSERT INTO leaving_grounds (school_id, pupil_id, enrolment_id, left_date, ground, detail, "
	"recorded_by, recorded_at, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id";

static const char SQL_GROUND_EACH[] =
	"SELECT id, pupil_id, enrolment_id, left_date, ground, detail, recorded_by, recorded_at, "
	"source FROM leaving_grounds WHERE school_id = ?1 AND (?2 = 0 OR enrolment_id = ?2) "
	"ORDER BY enrolment_id, id";

#define Y6_COLS                                                                             \
	"upn, surname, forename, dob, primary_school, academic_year, possible, attended, "     \
	"authorised, unauthorised, fsm, send, imported_by, imported_at, file_sha256"

static const char SQL_Y6_GET[] =
	"SELECT " Y6_COLS " FROM transition_figures WHERE school_id = ?1 AND upn = ?2 AND "
	"academic_year = ?3";

static const char SQL_Y6_UPSERT[] =
	"INSERT INTO transition_figures (school_id, " Y6_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	"?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) ON CONFLICT (school_id, upn, academic_year) "
	"DO UPDATE SET surname = excluded.surname, forename = excluded.forename, dob = excluded.dob, "
	"primary_school = excluded.primary_school, possible = excluded.possible, attended = "
	"excluded.attended, authorised = excluded.authorised, unauthorised = excluded.unauthorised, "
	"fsm = excluded.fsm, send = excluded.send, imported_by = excluded.imported_by, imported_at = "
	"excluded.imported_at, file_sha256 = excluded.file_sha256";

static const char SQL_Y6_EACH[] =
	"SELECT " Y6_COLS " FROM transition_figures WHERE school_id = ?1 ORDER BY upn, academic_year";

/* ---- notifications ---- */

int store_notification_add(struct store *s, int64_t school_id, struct notification_rec *n)
{
	struct db_stmt *st = store_prepare(s, SQL_NOTE_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, n->pupil_id);
	db_bind_int64(st, 3, n->enrolment_id);
	db_bind_text(st, 4, n->kind);
	st_bind_date(st, 5, n->key_date);
	st_bind_date(st, 6, n->trigger_date);
	st_bind_date(st, 7, n->due_date);
	db_bind_int(st, 8, n->days);
	db_bind_text(st, 9, n->detail);
	db_bind_text(st, 10, n->ground);
	st_bind_id_or_null(st, 11, n->contact_id);
	st_bind_id_or_null(st, 12, n->task_id);
	db_bind_text(st, 13, n->raised_by);
	db_bind_text(st, 14, n->raised_at);
	/* One raised already inserts nothing and returns no row: not an error,
	 * as a unique violation would be on PostgreSQL (ending the transaction). */
	int rc = db_step(st);
	if (rc == DB_ROW)
		n->id = db_col_int64(st, 0);
	db_reset(st);
	if (rc < 0)
		return st_db_fail(s, "raising a notification");
	if (rc != DB_ROW)
		return 1;
	snprintf(n->state, sizeof n->state, "open");
	return 0;
}

static void read_note(struct db_stmt *st, struct notification_rec *n)
{
	memset(n, 0, sizeof *n);
	n->id = db_col_int64(st, 0);
	n->pupil_id = db_col_int64(st, 1);
	n->enrolment_id = db_col_int64(st, 2);
	st_col_copy(st, 3, n->kind, sizeof n->kind);
	n->key_date = st_col_date(st, 4);
	n->trigger_date = st_col_date(st, 5);
	n->due_date = st_col_date(st, 6);
	n->days = db_col_int(st, 7);
	st_col_copy(st, 8, n->detail, sizeof n->detail);
	st_col_copy(st, 9, n->ground, sizeof n->ground);
	n->contact_id = db_col_int64(st, 10);
	n->task_id = db_col_int64(st, 11);
	st_col_copy(st, 12, n->raised_by, sizeof n->raised_by);
	st_col_copy(st, 13, n->raised_at, sizeof n->raised_at);
	st_col_copy(st, 14, n->state, sizeof n->state);
	st_col_copy(st, 15, n->sent_via, sizeof n->sent_via);
	n->outbox_id = db_col_int64(st, 16);
	st_col_copy(st, 17, n->file_name, sizeof n->file_name);
	st_col_copy(st, 18, n->file_sha256, sizeof n->file_sha256);
	st_col_copy(st, 19, n->done_by, sizeof n->done_by);
	st_col_copy(st, 20, n->done_at, sizeof n->done_at);
	st_col_copy(st, 21, n->outcome, sizeof n->outcome);
	st_col_copy(st, 22, n->outbox_status, sizeof n->outbox_status);
}

int store_notification_get(struct store *s, int64_t school_id, int64_t id,
			   struct notification_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_NOTE_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_note(st, out);
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	return rc == DB_DONE ? 1 : st_db_fail(s, "reading a notification");
}

int store_notifications_each(struct store *s, int64_t school_id, const char *state,
			     int64_t pupil_id, store_notification_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_NOTE_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_text_or_null(st, 2, state);
	db_bind_int64(st, 3, pupil_id);
	int rc;
	struct notification_rec n;
	while ((rc = db_step(st)) == DB_ROW) {
		read_note(st, &n);
		if (cb(ctx, &n) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading the notifications");
}

int store_notification_finish(struct store *s, int64_t school_id, int64_t id, const char *state,
			      const char *via, int64_t outbox_id, const char *file_name,
			      const char *file_sha256, const char *by, const char *at,
			      const char *outcome)
{
	struct db_stmt *st = store_prepare(s, SQL_NOTE_FINISH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, state);
	st_bind_text_or_null(st, 4, via);
	st_bind_id_or_null(st, 5, outbox_id);
	st_bind_text_or_null(st, 6, file_name);
	st_bind_text_or_null(st, 7, file_sha256);
	db_bind_text(st, 8, by);
	db_bind_text(st, 9, at);
	db_bind_text(st, 10, outcome ? outcome : "");
	if (st_step_done(s, st, "finishing a notification") < 0)
		return -1;
	return db_changes(s->db) == 0 ? 1 : 0;
}

/* ---- leaving grounds ---- */

int store_leaving_ground_add(struct store *s, int64_t school_id, struct leaving_ground_rec *g)
{
	struct db_stmt *st = store_prepare(s, SQL_GROUND_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, g->pupil_id);
	db_bind_int64(st, 3, g->enrolment_id);
	st_bind_date(st, 4, g->left_date);
	db_bind_text(st, 5, g->ground);
	db_bind_text(st, 6, g->detail);
	db_bind_text(st, 7, g->recorded_by);
	db_bind_text(st, 8, g->recorded_at);
	db_bind_text(st, 9, g->source);
	return st_step_id(s, st, "recording a leaving ground", &g->id);
}

int store_leaving_grounds_each(struct store *s, int64_t school_id, int64_t enrolment_id,
			       store_leaving_ground_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_GROUND_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, enrolment_id);
	int rc;
	struct leaving_ground_rec g;
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&g, 0, sizeof g);
		g.id = db_col_int64(st, 0);
		g.pupil_id = db_col_int64(st, 1);
		g.enrolment_id = db_col_int64(st, 2);
		g.left_date = st_col_date(st, 3);
		st_col_copy(st, 4, g.ground, sizeof g.ground);
		st_col_copy(st, 5, g.detail, sizeof g.detail);
		st_col_copy(st, 6, g.recorded_by, sizeof g.recorded_by);
		st_col_copy(st, 7, g.recorded_at, sizeof g.recorded_at);
		st_col_copy(st, 8, g.source, sizeof g.source);
		if (cb(ctx, &g) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading the leaving grounds");
}

/* ---- Year 6 figures ---- */

static void read_year6(struct db_stmt *st, struct year6_rec *y)
{
	memset(y, 0, sizeof *y);
	st_col_copy(st, 0, y->upn, sizeof y->upn);
	st_col_copy(st, 1, y->surname, sizeof y->surname);
	st_col_copy(st, 2, y->forename, sizeof y->forename);
	y->dob = st_col_date(st, 3);
	st_col_copy(st, 4, y->primary_school, sizeof y->primary_school);
	y->academic_year = db_col_int(st, 5);
	y->possible = db_col_int(st, 6);
	y->attended = db_col_int(st, 7);
	y->authorised = db_col_int(st, 8);
	y->unauthorised = db_col_int(st, 9);
	st_col_copy(st, 10, y->fsm, sizeof y->fsm);
	st_col_copy(st, 11, y->send, sizeof y->send);
	st_col_copy(st, 12, y->imported_by, sizeof y->imported_by);
	st_col_copy(st, 13, y->imported_at, sizeof y->imported_at);
	st_col_copy(st, 14, y->file_sha256, sizeof y->file_sha256);
}

static bool same_year6(const struct year6_rec *a, const struct year6_rec *b)
{
	return strcmp(a->surname, b->surname) == 0 && strcmp(a->forename, b->forename) == 0 &&
	       a->dob == b->dob && strcmp(a->primary_school, b->primary_school) == 0 &&
	       a->possible == b->possible && a->attended == b->attended &&
	       a->authorised == b->authorised && a->unauthorised == b->unauthorised &&
	       strcmp(a->fsm, b->fsm) == 0 && strcmp(a->send, b->send) == 0;
}

int store_year6_put(struct store *s, int64_t school_id, const struct year6_rec *y,
		    enum store_put *outcome)
{
	struct db_stmt *st = store_prepare(s, SQL_Y6_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, y->upn);
	db_bind_int(st, 3, y->academic_year);
	int rc = db_step(st);
	struct year6_rec old;
	if (rc == DB_ROW)
		read_year6(st, &old);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return st_db_fail(s, "reading Year 6 figures");
	if (rc == DB_ROW && same_year6(&old, y)) {
		*outcome = STORE_PUT_UNCHANGED;
		return 0;
	}
	*outcome = rc == DB_ROW ? STORE_PUT_CHANGED : STORE_PUT_ADDED;
	if (!(st = store_prepare(s, SQL_Y6_UPSERT)))
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, y->upn);
	db_bind_text(st, 3, y->surname);
	db_bind_text(st, 4, y->forename);
	st_bind_date(st, 5, y->dob);
	db_bind_text(st, 6, y->primary_school);
	db_bind_int(st, 7, y->academic_year);
	db_bind_int(st, 8, y->possible);
	db_bind_int(st, 9, y->attended);
	db_bind_int(st, 10, y->authorised);
	db_bind_int(st, 11, y->unauthorised);
	db_bind_text(st, 12, y->fsm);
	db_bind_text(st, 13, y->send);
	db_bind_text(st, 14, y->imported_by);
	db_bind_text(st, 15, y->imported_at);
	db_bind_text(st, 16, y->file_sha256);
	return st_step_done(s, st, "storing Year 6 figures");
}

int store_year6_each(struct store *s, int64_t school_id, store_year6_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_Y6_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	int rc;
	struct year6_rec y;
	while ((rc = db_step(st)) == DB_ROW) {
		read_year6(st, &y);
		if (cb(ctx, &y) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading Year 6 figures");
}
