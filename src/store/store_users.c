/* The store of users, sign-in sessions, sign-in attempts,
 * register events and the audit log (migration 0003-users). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

static const char SQL_USER_GET[] =
	"SELECT id, school_id, username, role, password_hash, active FROM users "
	"WHERE username = ?1";

static const char SQL_USER_SCOPES[] =
	"SELECT kind, value FROM user_scopes WHERE user_id = ?1 ORDER BY kind, value";

static const char SQL_USER_INSERT[] =
	"INSERT INTO users (school_id, username, role, password_hash, active, created_by, "
	"created_at, password_changed_at) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?6) RETURNING id";

static const char SQL_SCOPE_INSERT[] =
	"INSERT INTO user_scopes (user_id, school_id, kind, value) VALUES (?1, ?2, ?3, ?4)";

static const char SQL_USER_PASSWORD[] =
	"UPDATE users SET password_hash = ?2, password_changed_at = ?3 WHERE id = ?1";

static const char SQL_USERS_EACH[] =
	"SELECT username FROM users WHERE school_id = ?1 ORDER BY username";

static const char SQL_USERS_WITH_ROLE[] =
	"SELECT username FROM users WHERE school_id = ?1 AND role = ?2 AND active = 1 "
	"ORDER BY username";

static const char SQL_WEBSESSION_INSERT[] =
	"INSERT INTO web_sessions (token_hash, user_id, school_id, created_at, expires_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5)";

static const char SQL_WEBSESSION_USER[] =
	"SELECT u.username FROM web_sessions w JOIN users u ON u.id = w.user_id "
	"WHERE w.token_hash = ?1 AND w.expires_at > ?2 AND u.active = 1";

static const char SQL_WEBSESSION_DELETE[] = "DELETE FROM web_sessions WHERE token_hash = ?1";

static const char SQL_WEBSESSION_DELETE_USER[] = "DELETE FROM web_sessions WHERE user_id = ?1";

static const char SQL_SIGNIN_INSERT[] =
	"INSERT INTO signin_attempts (username, ip, at, ok) VALUES (?1, ?2, ?3, ?4)";

static const char SQL_SIGNIN_FAILS_USER[] =
	"SELECT count(*) FROM signin_attempts WHERE username = ?1 AND ok = 0 AND at > ?2 "
	"AND at > coalesce((SELECT max(at) FROM signin_attempts WHERE username = ?1 AND ok = 1), '')";

static const char SQL_SIGNIN_FAILS_IP[] =
	"SELECT count(*) FROM signin_attempts WHERE ip = ?1 AND ok = 0 AND at > ?2";

static const char SQL_EVENT_INSERT[] =
	"INSERT INTO register_events (school_id, form, date, session, kind, taken_by, taken_at, "
	"marks, reason) VALUES (?1, ?2, ?3, ?4, CASE WHEN EXISTS (SELECT 1 FROM register_events "
	"WHERE school_id = ?1 AND date = ?3 AND form = ?2 AND session = ?4) THEN 'amended' "
	"ELSE 'taken' END, ?5, ?6, ?7, ?8) RETURNING kind";

static const char SQL_EVENTS_TAKEN[] =
	"SELECT form, date, session, kind, taken_by, taken_at, marks, reason FROM register_events "
	"WHERE school_id = ?1 AND date = ?2 AND kind = 'taken' ORDER BY form, session";

static const char SQL_EVENTS_ONE[] =
	"SELECT form, date, session, kind, taken_by, taken_at, marks, reason FROM register_events "
	"WHERE school_id = ?1 AND date = ?2 AND form = ?3 AND session = ?4 ORDER BY id";

static const char SQL_AUDIT_INSERT[] =
	"INSERT INTO audit_log (school_id, at, username, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)";

static int read_scopes(struct store *s, struct user_rec *u)
{
	struct db_stmt *st = store_prepare(s, SQL_USER_SCOPES);
	if (!st)
		return -1;
	db_bind_int64(st, 1, u->id);
	int rc;
	u->n_forms = u->n_years = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *kind = db_col_text(st, 0);
		if (strcmp(kind, "form") == 0 && u->n_forms < STORE_SCOPE_MAX)
			st_col_copy(st, 1, u->forms[u->n_forms++], STORE_FORM_MAX);
		else if (strcmp(kind, "year") == 0 && u->n_years < STORE_SCOPE_MAX)
			u->years[u->n_years++] = year_parse(db_col_text(st, 1));
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading a user's forms and years");
}

int store_user_get(struct store *s, const char *username, struct user_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_USER_GET);
	if (!st)
		return -1;
	db_bind_text(st, 1, username);
	int rc = db_step(st);
	if (rc == DB_DONE) {
		db_reset(st);
		return 1;
	}
	if (rc != DB_ROW)
		return st_db_fail(s, "reading a user");
	memset(out, 0, sizeof *out);
	out->id = db_col_int64(st, 0);
	out->school_id = db_col_int64(st, 1);
	st_col_copy(st, 2, out->username, sizeof out->username);
	st_col_copy(st, 3, out->role, sizeof out->role);
	st_col_copy(st, 4, out->password_hash, sizeof out->password_hash);
	out->active = db_col_int(st, 5);
	db_reset(st);
	return read_scopes(s, out);
}

static int insert_scope(struct store *s, const struct user_rec *u, const char *kind,
			const char *value)
{
	struct db_stmt *st = store_prepare(s, SQL_SCOPE_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, u->id);
	db_bind_int64(st, 2, u->school_id);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, value);
	return st_step_done(s, st, "saving a user's forms and years");
}

int store_user_insert(struct store *s, struct user_rec *u, const char *by, const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_USER_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, u->school_id);
	db_bind_text(st, 2, u->username);
	db_bind_text(st, 3, u->role);
	db_bind_text(st, 4, u->password_hash);
	db_bind_text(st, 5, by);
	db_bind_text(st, 6, at);
	if (st_step_id(s, st, "adding the user", &u->id) < 0)
		return -1;
	for (int i = 0; i < u->n_forms; i++)
		if (insert_scope(s, u, "form", u->forms[i]) < 0)
			return -1;
	for (int i = 0; i < u->n_years; i++)
		if (insert_scope(s, u, "year", year_name(u->years[i])) < 0)
			return -1;
	return 0;
}

int store_user_set_password(struct store *s, int64_t user_id, const char *hash, const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_USER_PASSWORD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, user_id);
	db_bind_text(st, 2, hash);
	db_bind_text(st, 3, at);
	return st_step_done(s, st, "changing the password");
}

/* The users a statement names (its first column), each read whole: names
 * first, then each user, so the scope query can reuse the cache. */
static int each_named(struct store *s, struct db_stmt *st, store_user_cb cb, void *ctx)
{
	char (*names)[STORE_USER_MAX] = NULL;
	int n = 0, rc;
	while ((rc = db_step(st)) == DB_ROW) {
		void *grown = realloc(names, (size_t)(n + 1) * sizeof *names);
		if (!grown) {
			free(names);
			db_reset(st);
			return st_fail(s, "out of memory");
		}
		names = grown;
		st_col_copy(st, 0, names[n++], STORE_USER_MAX);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		free(names);
		return st_db_fail(s, "listing users");
	}
	int ret = 0;
	struct user_rec u;
	for (int i = 0; i < n && ret == 0; i++) {
		if (store_user_get(s, names[i], &u) != 0 || cb(ctx, &u) < 0)
			ret = -1;
	}
	free(names);
	return ret;
}

int store_users_each(struct store *s, int64_t school_id, store_user_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_USERS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	return each_named(s, st, cb, ctx);
}

int store_users_with_role(struct store *s, int64_t school_id, const char *role, store_user_cb cb,
			  void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_USERS_WITH_ROLE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, role);
	return each_named(s, st, cb, ctx);
}

int store_websession_insert(struct store *s, const char *token_hash, int64_t user_id,
			    int64_t school_id, const char *at, const char *expires_at)
{
	struct db_stmt *st = store_prepare(s, SQL_WEBSESSION_INSERT);
	if (!st)
		return -1;
	db_bind_text(st, 1, token_hash);
	db_bind_int64(st, 2, user_id);
	db_bind_int64(st, 3, school_id);
	db_bind_text(st, 4, at);
	db_bind_text(st, 5, expires_at);
	return st_step_done(s, st, "starting a session");
}

int store_websession_user(struct store *s, const char *token_hash, const char *now,
			  struct user_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_WEBSESSION_USER);
	if (!st)
		return -1;
	db_bind_text(st, 1, token_hash);
	db_bind_text(st, 2, now);
	int rc = db_step(st);
	if (rc == DB_DONE) {
		db_reset(st);
		return 1;
	}
	if (rc != DB_ROW)
		return st_db_fail(s, "reading a session");
	char name[STORE_USER_MAX];
	st_col_copy(st, 0, name, sizeof name);
	db_reset(st);
	return store_user_get(s, name, out);
}

static int delete_by(struct store *s, const char *sql, const char *text, int64_t id)
{
	struct db_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	if (text)
		db_bind_text(st, 1, text);
	else
		db_bind_int64(st, 1, id);
	return st_step_done(s, st, "ending a session");
}

int store_websession_delete(struct store *s, const char *token_hash)
{
	return delete_by(s, SQL_WEBSESSION_DELETE, token_hash, 0);
}

int store_websession_delete_user(struct store *s, int64_t user_id)
{
	return delete_by(s, SQL_WEBSESSION_DELETE_USER, NULL, user_id);
}

int store_signin_record(struct store *s, const char *username, const char *ip, const char *at,
			bool ok)
{
	struct db_stmt *st = store_prepare(s, SQL_SIGNIN_INSERT);
	if (!st)
		return -1;
	db_bind_text(st, 1, username);
	db_bind_text(st, 2, ip);
	db_bind_text(st, 3, at);
	db_bind_int(st, 4, ok);
	return st_step_done(s, st, "recording a sign-in");
}

static int count_query(struct store *s, const char *sql, const char *key, const char *since,
		       int *out)
{
	struct db_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, since);
	if (db_step(st) != DB_ROW)
		return st_db_fail(s, "counting sign-in attempts");
	*out = db_col_int(st, 0);
	db_reset(st);
	return 0;
}

int store_signin_failures(struct store *s, const char *username, const char *ip,
			  const char *since, int *by_user, int *by_ip)
{
	if (count_query(s, SQL_SIGNIN_FAILS_USER, username, since, by_user) < 0)
		return -1;
	return count_query(s, SQL_SIGNIN_FAILS_IP, ip, since, by_ip);
}

int store_register_event_add(struct store *s, int64_t school_id, struct register_event *ev)
{
	struct db_stmt *st = store_prepare(s, SQL_EVENT_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, ev->form);
	st_bind_date(st, 3, ev->date);
	db_bind_textn(st, 4, session_name(ev->session), 2);
	db_bind_text(st, 5, ev->taken_by);
	db_bind_text(st, 6, ev->taken_at);
	db_bind_int(st, 7, ev->marks);
	db_bind_text(st, 8, ev->reason);
	if (db_step(st) != DB_ROW) {
		st_db_fail(s, "recording the register");
		db_reset(st);
		return -1;
	}
	st_col_copy(st, 0, ev->kind, sizeof ev->kind);
	return st_step_done(s, st, "recording the register");
}

static int events_each(struct store *s, struct db_stmt *st, store_register_event_cb cb, void *ctx)
{
	int rc;
	struct register_event ev;
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&ev, 0, sizeof ev);
		st_col_copy(st, 0, ev.form, sizeof ev.form);
		ev.date = st_col_date(st, 1);
		ev.session = (enum session)session_parse(db_col_text(st, 2));
		st_col_copy(st, 3, ev.kind, sizeof ev.kind);
		st_col_copy(st, 4, ev.taken_by, sizeof ev.taken_by);
		st_col_copy(st, 5, ev.taken_at, sizeof ev.taken_at);
		ev.marks = db_col_int(st, 6);
		st_col_copy(st, 7, ev.reason, sizeof ev.reason);
		if (cb(ctx, &ev) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading registers");
}

int store_registers_taken(struct store *s, int64_t school_id, date_t day,
			  store_register_event_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_EVENTS_TAKEN);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_date(st, 2, day);
	return events_each(s, st, cb, ctx);
}

int store_register_events(struct store *s, int64_t school_id, const char *form, date_t day,
			  enum session session, store_register_event_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_EVENTS_ONE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_date(st, 2, day);
	db_bind_text(st, 3, form);
	db_bind_textn(st, 4, session_name(session), 2);
	return events_each(s, st, cb, ctx);
}

int store_audit(struct store *s, int64_t school_id, const char *at, const char *username,
		const char *action, const char *detail)
{
	struct db_stmt *st = store_prepare(s, SQL_AUDIT_INSERT);
	if (!st)
		return -1;
	if (school_id)
		db_bind_int64(st, 1, school_id);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, at);
	db_bind_text(st, 3, username);
	db_bind_text(st, 4, action);
	db_bind_text(st, 5, detail);
	return st_step_done(s, st, "writing the audit log");
}
