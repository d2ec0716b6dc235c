/* The store of second factors: an account's TOTP secret and its state,
 * the last time step a code was accepted for (no replay), and its
 * recovery codes as keyed hashes (migration 0015-two-factor). */
#include <string.h>

#include "store/store_internal.h"

static const char SQL_TOTP_GET[] =
	"SELECT secret, state, last_step, created_at, coalesce(enabled_at, ''), "
	"(SELECT count(*) FROM user_recovery_codes c WHERE c.user_id = t.user_id "
	"AND c.used_at IS NULL) FROM user_totp t WHERE user_id = ?1";

/* A pending secret is replaced; one that is on is left alone. */
static const char SQL_TOTP_START[] =
	"INSERT INTO user_totp (user_id, school_id, secret, state, last_step, created_at) "
	"VALUES (?1, ?2, ?3, 'pending', 0, ?4) ON CONFLICT (user_id) DO UPDATE SET "
	"secret = excluded.secret, last_step = 0, created_at = excluded.created_at "
	"WHERE user_totp.state = 'pending'";

static const char SQL_TOTP_ENABLE[] =
	"UPDATE user_totp SET state = 'on', enabled_at = ?3, last_step = ?2 "
	"WHERE user_id = ?1 AND state = 'pending' AND last_step < ?2";

static const char SQL_TOTP_USE_STEP[] =
	"UPDATE user_totp SET last_step = ?2 WHERE user_id = ?1 AND state = 'on' AND last_step < ?2";

static const char SQL_TOTP_DELETE[] = "DELETE FROM user_totp WHERE user_id = ?1";

static const char SQL_RECOVERY_DELETE[] = "DELETE FROM user_recovery_codes WHERE user_id = ?1";

static const char SQL_RECOVERY_ADD[] =
	"INSERT INTO user_recovery_codes (user_id, school_id, code_hash, created_at) "
	"VALUES (?1, ?2, ?3, ?4)";

static const char SQL_RECOVERY_USE[] =
	"UPDATE user_recovery_codes SET used_at = ?3 WHERE user_id = ?1 AND code_hash = ?2 "
	"AND used_at IS NULL";

/* Steps an update or delete: 1 when it touched no row. */
static int step_changed(struct store *s, struct db_stmt *st, const char *what)
{
	if (st_step_done(s, st, what) < 0)
		return -1;
	return db_changes(s->db) == 0 ? 1 : 0;
}

int store_totp_get(struct store *s, int64_t user_id, struct totp_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_TOTP_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, user_id);
	int rc = db_step(st);
	if (rc == DB_DONE) {
		db_reset(st);
		return 1;
	}
	if (rc != DB_ROW)
		return st_db_fail(s, "reading a second factor");
	memset(out, 0, sizeof *out);
	out->user_id = user_id;
	st_col_copy(st, 0, out->secret, sizeof out->secret);
	out->on = strcmp(db_col_text(st, 1), "on") == 0;
	out->last_step = db_col_int64(st, 2);
	st_col_copy(st, 3, out->created_at, sizeof out->created_at);
	st_col_copy(st, 4, out->enabled_at, sizeof out->enabled_at);
	out->recovery_left = db_col_int(st, 5);
	db_reset(st);
	return 0;
}

int store_totp_start(struct store *s, int64_t user_id, int64_t school_id, const char *secret,
		     const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_TOTP_START);
	if (!st)
		return -1;
	db_bind_int64(st, 1, user_id);
	db_bind_int64(st, 2, school_id);
	db_bind_text(st, 3, secret);
	db_bind_text(st, 4, at);
	return step_changed(s, st, "saving a new second factor");
}

int store_totp_enable(struct store *s, int64_t user_id, int64_t step, const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_TOTP_ENABLE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, user_id);
	db_bind_int64(st, 2, step);
	db_bind_text(st, 3, at);
	return step_changed(s, st, "switching on a second factor");
}

int store_totp_use_step(struct store *s, int64_t user_id, int64_t step)
{
	struct db_stmt *st = store_prepare(s, SQL_TOTP_USE_STEP);
	if (!st)
		return -1;
	db_bind_int64(st, 1, user_id);
	db_bind_int64(st, 2, step);
	return step_changed(s, st, "using a one-time code");
}

int store_totp_delete(struct store *s, int64_t user_id)
{
	struct db_stmt *st = store_prepare(s, SQL_RECOVERY_DELETE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, user_id);
	if (st_step_done(s, st, "deleting recovery codes") < 0)
		return -1;
	if (!(st = store_prepare(s, SQL_TOTP_DELETE)))
		return -1;
	db_bind_int64(st, 1, user_id);
	return step_changed(s, st, "switching off a second factor");
}

int store_recovery_replace(struct store *s, int64_t user_id, int64_t school_id,
			   const char (*hashes)[STORE_CODEHASH_MAX], int n, const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_RECOVERY_DELETE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, user_id);
	if (st_step_done(s, st, "replacing recovery codes") < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (!(st = store_prepare(s, SQL_RECOVERY_ADD)))
			return -1;
		db_bind_int64(st, 1, user_id);
		db_bind_int64(st, 2, school_id);
		db_bind_text(st, 3, hashes[i]);
		db_bind_text(st, 4, at);
		if (st_step_done(s, st, "saving recovery codes") < 0)
			return -1;
	}
	return 0;
}

int store_recovery_use(struct store *s, int64_t user_id, const char *hash, const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_RECOVERY_USE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, user_id);
	db_bind_text(st, 2, hash);
	db_bind_text(st, 3, at);
	return step_changed(s, st, "using a recovery code");
}
