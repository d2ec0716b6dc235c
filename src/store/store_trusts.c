/* The store of trusts and the schools a user may choose (migration
 * 0013-trusts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

static const char SQL_TRUST_ADD[] =
	"INSERT INTO trusts (name, created_at) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING";
static const char SQL_TRUST_ID[] = "SELECT id FROM trusts WHERE name = ?1";
static const char SQL_SCHOOL_SET_TRUST[] = "UPDATE schools SET trust_id = ?2 WHERE id = ?1";
static const char SQL_SCHOOL_TRUST[] =
	"SELECT t.id, t.name FROM schools s JOIN trusts t ON t.id = s.trust_id WHERE s.id = ?1";

#define SCHOOL_COLS "s.id, s.urn, s.name, s.phase, s.la_code, s.estab"
static const char SQL_TRUST_SCHOOLS[] =
	"SELECT " SCHOOL_COLS ", '' FROM schools s WHERE s.trust_id = ?1 ORDER BY s.name, s.id";
static const char SQL_USER_SCHOOLS[] =
	"SELECT " SCHOOL_COLS ", u.role FROM users u JOIN schools s ON s.id = u.school_id "
	"WHERE u.id = ?1 "
	"UNION ALL SELECT " SCHOOL_COLS ", m.role FROM user_schools m JOIN schools s "
	"ON s.id = m.school_id WHERE m.user_id = ?1 "
	"UNION ALL SELECT " SCHOOL_COLS ", u.role FROM users u JOIN schools h ON h.id = u.school_id "
	"JOIN schools s ON s.trust_id = h.trust_id AND s.id <> h.id WHERE u.id = ?1 "
	"AND u.role IN ('trust_leader', 'trust_attendance_lead') ORDER BY 3, 1";

int store_trust_add(struct store *s, const char *name, const char *at, int64_t *id)
{
	struct db_stmt *st = store_prepare(s, SQL_TRUST_ADD);
	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, at);
	if (st_step_done(s, st, "adding the trust") < 0 || !(st = store_prepare(s, SQL_TRUST_ID)))
		return -1;
	db_bind_text(st, 1, name);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int64(st, 0);
	db_reset(st);
	return rc == DB_ROW ? 0 : st_db_fail(s, "reading the trust");
}

int store_school_set_trust(struct store *s, int64_t school_id, int64_t trust_id)
{
	struct db_stmt *st = store_prepare(s, SQL_SCHOOL_SET_TRUST);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, trust_id);
	return st_step_done(s, st, "setting the school's trust");
}

int store_school_trust(struct store *s, int64_t school_id, int64_t *trust_id, char *name,
		       size_t len)
{
	struct db_stmt *st = store_prepare(s, SQL_SCHOOL_TRUST);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*trust_id = db_col_int64(st, 0);
		if (name)
			st_col_copy(st, 1, name, len);
	}
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	return rc == DB_ROW ? 0 : st_db_fail(s, "reading the school's trust");
}

/* Schools (the first six columns) and a role (the seventh). */
static int each_school(struct store *s, struct db_stmt *st, store_user_school_cb cb, void *ctx)
{
	int rc;
	struct school_rec r;
	char role[STORE_ROLE_MAX];
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&r, 0, sizeof r);
		r.id = db_col_int64(st, 0);
		st_col_copy(st, 1, r.urn, sizeof r.urn);
		st_col_copy(st, 2, r.name, sizeof r.name);
		st_col_copy(st, 3, r.phase, sizeof r.phase);
		st_col_copy(st, 4, r.la_code, sizeof r.la_code);
		st_col_copy(st, 5, r.estab, sizeof r.estab);
		st_col_copy(st, 6, role, sizeof role);
		if (cb(ctx, &r, role) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading the schools");
}

struct plain {
	store_school_cb cb;
	void *ctx;
};

static int plain_cb(void *ctx, const struct school_rec *r, const char *role)
{
	(void)role;
	struct plain *p = ctx;
	return p->cb(p->ctx, r);
}

int store_trust_schools_each(struct store *s, int64_t trust_id, store_school_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_TRUST_SCHOOLS);
	if (!st)
		return -1;
	db_bind_int64(st, 1, trust_id);
	struct plain p = {cb, ctx};
	return each_school(s, st, plain_cb, &p);
}

int store_user_schools_each(struct store *s, int64_t user_id, store_user_school_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_USER_SCHOOLS);
	if (!st)
		return -1;
	db_bind_int64(st, 1, user_id);
	return each_school(s, st, cb, ctx);
}
