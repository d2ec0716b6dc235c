/* Families and pupils in the store (migration 0010-families): family
 * accounts' links to pupils, invitations, the absences parents report and
 * the leave they request, with every decision kept. */
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"

/* ---- links ---- */

#define LINK_COLS                                                                            \
	"l.id, l.user_id, l.pupil_id, l.contact_id, l.kind, u.username, l.linked_by, "       \
	"l.linked_at, l.source, l.ended_by, l.ended_at, l.ended_reason"

static const char SQL_LINK_INSERT[] =
	"INSERT INTO family_links (school_id, user_id, pupil_id, contact_id, kind, linked_by, "
	"linked_at, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";

static const char SQL_LINK_END[] =
	"UPDATE family_links SET ended_by = ?3, ended_at = ?4, ended_reason = ?5 "
	"WHERE school_id = ?1 AND id = ?2 AND ended_at IS NULL";

static const char SQL_LINKS_EACH[] =
	"SELECT " LINK_COLS " FROM family_links l JOIN users u ON u.id = l.user_id "
	"WHERE l.school_id = ?1 AND (?2 = 0 OR l.user_id = ?2) AND (?3 = 0 OR l.pupil_id = ?3) "
	"AND (?4 = 0 OR l.ended_at IS NULL) ORDER BY l.id";

/* ---- invitations ---- */

#define INVITATION_COLS                                                                      \
	"id, school_id, pupil_id, contact_id, kind, delivery, code_hash, created_by, "         \
	"created_at, expires_at, outbox_id, used_at, used_by, revoked_by, revoked_at"

static const char SQL_INVITATION_INSERT[] =
	"INSERT INTO family_invitations (school_id, pupil_id, contact_id, kind, delivery, "
	"code_hash, created_by, created_at, expires_at, outbox_id) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id";

static const char SQL_INVITATION_FIND[] =
	"SELECT " INVITATION_COLS " FROM family_invitations WHERE code_hash = ?1";

static const char SQL_INVITATION_GET[] =
	"SELECT " INVITATION_COLS " FROM family_invitations WHERE school_id = ?1 AND id = ?2";

static const char SQL_INVITATION_USE[] =
	"UPDATE family_invitations SET used_at = ?3, used_by = ?4 WHERE school_id = ?1 AND id = ?2 "
	"AND used_at IS NULL AND revoked_at IS NULL";

static const char SQL_INVITATION_REVOKE[] =
	"UPDATE family_invitations SET revoked_by = ?3, revoked_at = ?4 WHERE school_id = ?1 AND "
	"id = ?2 AND used_at IS NULL AND revoked_at IS NULL";

static const char SQL_INVITATIONS_EACH[] =
	"SELECT " INVITATION_COLS " FROM family_invitations WHERE school_id = ?1 AND pupil_id = ?2 "
	"ORDER BY id DESC";

/* ---- parents' absence reports ---- */

#define REPORT_COLS                                                                          \
	"id, pupil_id, user_id, contact_id, reported_by, from_date, from_session, to_date, "   \
	"to_session, reason, note, expected_return, late, submitted_at, status, code, "         \
	"decided_by, decided_at, decision_note, absence_report_id"

static const char SQL_REPORT_INSERT[] =
	"INSERT INTO parent_reports (school_id, pupil_id, user_id, contact_id, reported_by, "
	"from_date, from_session, to_date, to_session, reason, note, expected_return, late, "
	"submitted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
	"RETURNING id";

static const char SQL_REPORT_GET[] =
	"SELECT " REPORT_COLS " FROM parent_reports WHERE school_id = ?1 AND id = ?2";

static const char SQL_REPORT_DECIDE[] =
	"UPDATE parent_reports SET status = ?3, code = ?4, decided_by = ?5, decided_at = ?6, "
	"decision_note = ?7, absence_report_id = ?8 WHERE school_id = ?1 AND id = ?2 AND "
	"status = 'awaiting'";

static const char SQL_REPORTS_EACH[] =
	"SELECT " REPORT_COLS " FROM parent_reports WHERE school_id = ?1 AND "
	"(status = ?2 OR ?2 IS NULL) AND (?3 = 0 OR pupil_id = ?3) ORDER BY id DESC";

/* ---- leave ---- */

#define LEAVE_COLS                                                                           \
	"id, pupil_id, user_id, contact_id, requested_by, from_date, from_session, to_date, "  \
	"to_session, sessions, reason, requested_at, status"

static const char SQL_LEAVE_INSERT[] =
	"INSERT INTO leave_requests (school_id, pupil_id, user_id, contact_id, requested_by, "
	"from_date, from_session, to_date, to_session, sessions, reason, requested_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id";

static const char SQL_LEAVE_GET[] =
	"SELECT " LEAVE_COLS " FROM leave_requests WHERE school_id = ?1 AND id = ?2";

static const char SQL_LEAVE_EACH[] =
	"SELECT " LEAVE_COLS " FROM leave_requests WHERE school_id = ?1 AND "
	"(status = ?2 OR ?2 IS NULL) AND (?3 = 0 OR pupil_id = ?3) ORDER BY id DESC";

static const char SQL_LEAVE_STATUS[] =
	"UPDATE leave_requests SET status = ?3 WHERE school_id = ?1 AND id = ?2 AND "
	"status = 'requested'";

static const char SQL_DECISION_INSERT[] =
	"INSERT INTO leave_decisions (school_id, request_id, decision, code, reason, decided_by, "
	"decided_role, decided_at, outbox_id, letter_note) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id";

static const char SQL_DECISION_GET[] =
	"SELECT id, request_id, decision, code, reason, decided_by, decided_role, decided_at, "
	"outbox_id, letter_note FROM leave_decisions WHERE school_id = ?1 AND request_id = ?2";

static const char SQL_LSESSION_INSERT[] =
	"INSERT INTO leave_sessions (request_id, school_id, date, session, state, detail) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static const char SQL_LSESSIONS_EACH[] =
	"SELECT request_id, date, session, state, detail FROM leave_sessions "
	"WHERE school_id = ?1 AND request_id = ?2 ORDER BY date, session";

/* ---- shared ---- */

static enum code col_code(struct db_stmt *st, int i)
{
	return code_parse(db_col_text(st, i));
}

/* Steps st, handing each row to row(st, ctx). */
static int each_row(struct store *s, struct db_stmt *st,
		    int (*row)(struct db_stmt *st, void *ctx), void *ctx, const char *what)
{
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (row(st, ctx) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, what);
}

/* Reads the one row of st into out with read; 1 if there is none. */
static int one_row(struct store *s, struct db_stmt *st,
		   void (*read)(struct db_stmt *st, void *out), void *out, const char *what)
{
	int rc = db_step(st);
	if (rc == DB_ROW)
		read(st, out);
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	return rc == DB_DONE ? 1 : st_db_fail(s, what);
}

/* Steps an UPDATE that must change one row: 1 when it changed none. */
static int update_one(struct store *s, struct db_stmt *st, const char *what)
{
	if (st_step_done(s, st, what) < 0)
		return -1;
	return db_changes(s->db) == 1 ? 0 : 1;
}

/* The one row of sql (?1 the school, ?2 an id) read into out; 1 if none. */
static int get_by_id(struct store *s, const char *sql, int64_t school_id, int64_t id,
		     void (*read)(struct db_stmt *st, void *out), void *out, const char *what)
{
	struct db_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	return one_row(s, st, read, out, what);
}

/* The rows of sql (?1 the school, ?2 a status or NULL for any, ?3 a pupil
 * or 0 for all), each to row(st, ctx). */
static int each_of_status(struct store *s, const char *sql, int64_t school_id, const char *status,
			  int64_t pupil_id, int (*row)(struct db_stmt *st, void *ctx), void *ctx,
			  const char *what)
{
	struct db_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_text_or_null(st, 2, status);
	db_bind_int64(st, 3, pupil_id);
	return each_row(s, st, row, ctx, what);
}

/* A row callback of a record type: reads the row into a record with READ
 * and hands it to the caller's typed callback (NAME_ctx holds it). */
#define ROW_CALLBACK(name, rec_t, cb_t, read)                                                \
	struct name##_ctx {                                                                  \
		cb_t cb;                                                                     \
		void *ctx;                                                                   \
	};                                                                                   \
	static int name(struct db_stmt *st, void *ctx)                                       \
	{                                                                                    \
		struct name##_ctx *c = ctx;                                                  \
		rec_t rec;                                                                   \
		read(st, &rec);                                                              \
		return c->cb(c->ctx, &rec);                                                  \
	}

/* ---- links ---- */

int store_family_link_insert(struct store *s, int64_t school_id, struct family_link_rec *l)
{
	struct db_stmt *st = store_prepare(s, SQL_LINK_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, l->user_id);
	db_bind_int64(st, 3, l->pupil_id);
	st_bind_id_or_null(st, 4, l->contact_id);
	db_bind_text(st, 5, l->kind);
	db_bind_text(st, 6, l->linked_by);
	db_bind_text(st, 7, l->linked_at);
	db_bind_text(st, 8, l->source);
	return st_step_id(s, st, "linking the account to the pupil", &l->id);
}

int store_family_link_end(struct store *s, int64_t school_id, int64_t id, const char *by,
			  const char *at, const char *reason)
{
	struct db_stmt *st = store_prepare(s, SQL_LINK_END);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, by);
	db_bind_text(st, 4, at);
	db_bind_text(st, 5, reason);
	return update_one(s, st, "ending the link");
}

static void read_link(struct db_stmt *st, void *out)
{
	struct family_link_rec *l = out;
	memset(l, 0, sizeof *l);
	l->id = db_col_int64(st, 0);
	l->user_id = db_col_int64(st, 1);
	l->pupil_id = db_col_int64(st, 2);
	l->contact_id = db_col_int64(st, 3);
	st_col_copy(st, 4, l->kind, sizeof l->kind);
	st_col_copy(st, 5, l->username, sizeof l->username);
	st_col_copy(st, 6, l->linked_by, sizeof l->linked_by);
	st_col_copy(st, 7, l->linked_at, sizeof l->linked_at);
	st_col_copy(st, 8, l->source, sizeof l->source);
	st_col_copy(st, 9, l->ended_by, sizeof l->ended_by);
	st_col_copy(st, 10, l->ended_at, sizeof l->ended_at);
	st_col_copy(st, 11, l->ended_reason, sizeof l->ended_reason);
}
ROW_CALLBACK(link_row, struct family_link_rec, store_family_link_cb, read_link)

int store_family_links_each(struct store *s, int64_t school_id, int64_t user_id, int64_t pupil_id,
			    bool open_only, store_family_link_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_LINKS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, user_id);
	db_bind_int64(st, 3, pupil_id);
	db_bind_int(st, 4, open_only);
	struct link_row_ctx c = {cb, ctx};
	return each_row(s, st, link_row, &c, "reading the family links");
}

/* ---- invitations ---- */

static void read_invitation(struct db_stmt *st, void *out)
{
	struct family_invitation_rec *i = out;
	memset(i, 0, sizeof *i);
	i->id = db_col_int64(st, 0);
	i->school_id = db_col_int64(st, 1);
	i->pupil_id = db_col_int64(st, 2);
	i->contact_id = db_col_int64(st, 3);
	st_col_copy(st, 4, i->kind, sizeof i->kind);
	st_col_copy(st, 5, i->delivery, sizeof i->delivery);
	st_col_copy(st, 6, i->code_hash, sizeof i->code_hash);
	st_col_copy(st, 7, i->created_by, sizeof i->created_by);
	st_col_copy(st, 8, i->created_at, sizeof i->created_at);
	st_col_copy(st, 9, i->expires_at, sizeof i->expires_at);
	i->outbox_id = db_col_int64(st, 10);
	st_col_copy(st, 11, i->used_at, sizeof i->used_at);
	i->used_by = db_col_int64(st, 12);
	st_col_copy(st, 13, i->revoked_by, sizeof i->revoked_by);
	st_col_copy(st, 14, i->revoked_at, sizeof i->revoked_at);
}

int store_family_invitation_insert(struct store *s, int64_t school_id,
				   struct family_invitation_rec *i)
{
	struct db_stmt *st = store_prepare(s, SQL_INVITATION_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, i->pupil_id);
	st_bind_id_or_null(st, 3, i->contact_id);
	db_bind_text(st, 4, i->kind);
	db_bind_text(st, 5, i->delivery);
	db_bind_text(st, 6, i->code_hash);
	db_bind_text(st, 7, i->created_by);
	db_bind_text(st, 8, i->created_at);
	db_bind_text(st, 9, i->expires_at);
	st_bind_id_or_null(st, 10, i->outbox_id);
	if (st_step_id(s, st, "saving the invitation", &i->id) < 0)
		return -1;
	i->school_id = school_id;
	return 0;
}

int store_family_invitation_find(struct store *s, const char *code_hash,
				 struct family_invitation_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_INVITATION_FIND);
	if (!st)
		return -1;
	db_bind_text(st, 1, code_hash);
	return one_row(s, st, read_invitation, out, "reading an invitation");
}

int store_family_invitation_get(struct store *s, int64_t school_id, int64_t id,
				struct family_invitation_rec *out)
{
	return get_by_id(s, SQL_INVITATION_GET, school_id, id, read_invitation, out,
			 "reading an invitation");
}

int store_family_invitation_use(struct store *s, int64_t school_id, int64_t id, int64_t user_id,
				const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_INVITATION_USE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, at);
	db_bind_int64(st, 4, user_id);
	return update_one(s, st, "using the invitation");
}

int store_family_invitation_revoke(struct store *s, int64_t school_id, int64_t id, const char *by,
				   const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_INVITATION_REVOKE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, by);
	db_bind_text(st, 4, at);
	return update_one(s, st, "revoking the invitation");
}

ROW_CALLBACK(invitation_row, struct family_invitation_rec, store_family_invitation_cb,
	     read_invitation)

int store_family_invitations_each(struct store *s, int64_t school_id, int64_t pupil_id,
				  store_family_invitation_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_INVITATIONS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	struct invitation_row_ctx c = {cb, ctx};
	return each_row(s, st, invitation_row, &c, "reading the invitations");
}

/* ---- parents' absence reports ---- */

static void read_report(struct db_stmt *st, void *out)
{
	struct parent_report_rec *r = out;
	memset(r, 0, sizeof *r);
	r->id = db_col_int64(st, 0);
	r->pupil_id = db_col_int64(st, 1);
	r->user_id = db_col_int64(st, 2);
	r->contact_id = db_col_int64(st, 3);
	st_col_copy(st, 4, r->reported_by, sizeof r->reported_by);
	r->from_date = st_col_date(st, 5);
	r->from_session = st_col_session(st, 6);
	r->to_date = st_col_date(st, 7);
	r->to_session = st_col_session(st, 8);
	st_col_copy(st, 9, r->reason, sizeof r->reason);
	st_col_copy(st, 10, r->note, sizeof r->note);
	r->expected_return = st_col_date(st, 11);
	r->late = db_col_int(st, 12);
	st_col_copy(st, 13, r->submitted_at, sizeof r->submitted_at);
	st_col_copy(st, 14, r->status, sizeof r->status);
	r->code = col_code(st, 15);
	st_col_copy(st, 16, r->decided_by, sizeof r->decided_by);
	st_col_copy(st, 17, r->decided_at, sizeof r->decided_at);
	st_col_copy(st, 18, r->decision_note, sizeof r->decision_note);
	r->absence_report_id = db_col_int64(st, 19);
}

int store_parent_report_insert(struct store *s, int64_t school_id, struct parent_report_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_REPORT_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->pupil_id);
	db_bind_int64(st, 3, r->user_id);
	st_bind_id_or_null(st, 4, r->contact_id);
	db_bind_text(st, 5, r->reported_by);
	st_bind_date(st, 6, r->from_date);
	st_bind_session(st, 7, r->from_session);
	st_bind_date(st, 8, r->to_date);
	st_bind_session(st, 9, r->to_session);
	db_bind_text(st, 10, r->reason);
	db_bind_text(st, 11, r->note);
	st_bind_date(st, 12, r->expected_return);
	db_bind_int(st, 13, r->late);
	db_bind_text(st, 14, r->submitted_at);
	if (st_step_id(s, st, "saving the absence report", &r->id) < 0)
		return -1;
	snprintf(r->status, sizeof r->status, "awaiting");
	return 0;
}

int store_parent_report_get(struct store *s, int64_t school_id, int64_t id,
			    struct parent_report_rec *out)
{
	return get_by_id(s, SQL_REPORT_GET, school_id, id, read_report, out,
			 "reading an absence report");
}

int store_parent_report_decide(struct store *s, int64_t school_id, const struct parent_report_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_REPORT_DECIDE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->id);
	db_bind_text(st, 3, r->status);
	st_bind_text_or_null(st, 4, r->code == CODE_NONE ? NULL : code_text(r->code, SESSION_AM));
	db_bind_text(st, 5, r->decided_by);
	db_bind_text(st, 6, r->decided_at);
	db_bind_text(st, 7, r->decision_note);
	st_bind_id_or_null(st, 8, r->absence_report_id);
	return update_one(s, st, "deciding the absence report");
}

ROW_CALLBACK(report_row, struct parent_report_rec, store_parent_report_cb, read_report)

int store_parent_reports_each(struct store *s, int64_t school_id, const char *status,
			      int64_t pupil_id, store_parent_report_cb cb, void *ctx)
{
	struct report_row_ctx c = {cb, ctx};
	return each_of_status(s, SQL_REPORTS_EACH, school_id, status, pupil_id, report_row, &c,
			      "reading the absence reports");
}

/* ---- leave ---- */

static void read_leave(struct db_stmt *st, void *out)
{
	struct leave_request_rec *r = out;
	memset(r, 0, sizeof *r);
	r->id = db_col_int64(st, 0);
	r->pupil_id = db_col_int64(st, 1);
	r->user_id = db_col_int64(st, 2);
	r->contact_id = db_col_int64(st, 3);
	st_col_copy(st, 4, r->requested_by, sizeof r->requested_by);
	r->from_date = st_col_date(st, 5);
	r->from_session = st_col_session(st, 6);
	r->to_date = st_col_date(st, 7);
	r->to_session = st_col_session(st, 8);
	r->sessions = db_col_int(st, 9);
	st_col_copy(st, 10, r->reason, sizeof r->reason);
	st_col_copy(st, 11, r->requested_at, sizeof r->requested_at);
	st_col_copy(st, 12, r->status, sizeof r->status);
}

int store_leave_request_insert(struct store *s, int64_t school_id, struct leave_request_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_LEAVE_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->pupil_id);
	db_bind_int64(st, 3, r->user_id);
	st_bind_id_or_null(st, 4, r->contact_id);
	db_bind_text(st, 5, r->requested_by);
	st_bind_date(st, 6, r->from_date);
	st_bind_session(st, 7, r->from_session);
	st_bind_date(st, 8, r->to_date);
	st_bind_session(st, 9, r->to_session);
	db_bind_int(st, 10, r->sessions);
	db_bind_text(st, 11, r->reason);
	db_bind_text(st, 12, r->requested_at);
	if (st_step_id(s, st, "saving the leave request", &r->id) < 0)
		return -1;
	snprintf(r->status, sizeof r->status, "requested");
	return 0;
}

int store_leave_request_get(struct store *s, int64_t school_id, int64_t id,
			    struct leave_request_rec *out)
{
	return get_by_id(s, SQL_LEAVE_GET, school_id, id, read_leave, out,
			 "reading a leave request");
}

ROW_CALLBACK(leave_row, struct leave_request_rec, store_leave_request_cb, read_leave)

int store_leave_requests_each(struct store *s, int64_t school_id, const char *status,
			      int64_t pupil_id, store_leave_request_cb cb, void *ctx)
{
	struct leave_row_ctx c = {cb, ctx};
	return each_of_status(s, SQL_LEAVE_EACH, school_id, status, pupil_id, leave_row, &c,
			      "reading the leave requests");
}

int store_leave_decide(struct store *s, int64_t school_id, struct leave_decision_rec *d)
{
	struct db_stmt *st = store_prepare(s, SQL_LEAVE_STATUS);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, d->request_id);
	db_bind_text(st, 3, d->decision);
	int rc = update_one(s, st, "deciding the leave request");
	if (rc != 0)
		return rc;
	if (!(st = store_prepare(s, SQL_DECISION_INSERT)))
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, d->request_id);
	db_bind_text(st, 3, d->decision);
	st_bind_text_or_null(st, 4, d->code == CODE_NONE ? NULL : code_text(d->code, SESSION_AM));
	db_bind_text(st, 5, d->reason);
	db_bind_text(st, 6, d->decided_by);
	db_bind_text(st, 7, d->decided_role);
	db_bind_text(st, 8, d->decided_at);
	st_bind_id_or_null(st, 9, d->outbox_id);
	db_bind_text(st, 10, d->letter_note);
	return st_step_id(s, st, "recording the leave decision", &d->id);
}

static void read_decision(struct db_stmt *st, void *out)
{
	struct leave_decision_rec *d = out;
	memset(d, 0, sizeof *d);
	d->id = db_col_int64(st, 0);
	d->request_id = db_col_int64(st, 1);
	st_col_copy(st, 2, d->decision, sizeof d->decision);
	d->code = col_code(st, 3);
	st_col_copy(st, 4, d->reason, sizeof d->reason);
	st_col_copy(st, 5, d->decided_by, sizeof d->decided_by);
	st_col_copy(st, 6, d->decided_role, sizeof d->decided_role);
	st_col_copy(st, 7, d->decided_at, sizeof d->decided_at);
	d->outbox_id = db_col_int64(st, 8);
	st_col_copy(st, 9, d->letter_note, sizeof d->letter_note);
}

int store_leave_decision_get(struct store *s, int64_t school_id, int64_t request_id,
			     struct leave_decision_rec *out)
{
	return get_by_id(s, SQL_DECISION_GET, school_id, request_id, read_decision, out,
			 "reading a leave decision");
}

int store_leave_session_insert(struct store *s, int64_t school_id, const struct leave_session_rec *x)
{
	struct db_stmt *st = store_prepare(s, SQL_LSESSION_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, x->request_id);
	db_bind_int64(st, 2, school_id);
	st_bind_date(st, 3, x->date);
	st_bind_session(st, 4, x->session);
	db_bind_text(st, 5, x->state);
	db_bind_text(st, 6, x->detail);
	return st_step_done(s, st, "saving a session of the leave");
}

static void read_lsession(struct db_stmt *st, void *out)
{
	struct leave_session_rec *x = out;
	memset(x, 0, sizeof *x);
	x->request_id = db_col_int64(st, 0);
	x->date = st_col_date(st, 1);
	x->session = st_col_session(st, 2);
	st_col_copy(st, 3, x->state, sizeof x->state);
	st_col_copy(st, 4, x->detail, sizeof x->detail);
}
ROW_CALLBACK(lsession_row, struct leave_session_rec, store_leave_session_cb, read_lsession)

int store_leave_sessions_each(struct store *s, int64_t school_id, int64_t request_id,
			      store_leave_session_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_LSESSIONS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, request_id);
	struct lsession_row_ctx c = {cb, ctx};
	return each_row(s, st, lsession_row, &c, "reading the sessions of the leave");
}
