/* Copying a school's whole history from one database to another (attend
 * migrate: SQLite to PostgreSQL), every table, keeping every id, so the
 * register's hash chains (which name the school and the pupil by id) and
 * every reference stay valid.
 *
 * Tables come in an order the target accepts: each after the tables it
 * references, and each history table before the table of current rows whose
 * trigger wants its history row. The engine's start-up cache (the register
 * snapshot and its generation) is not copied: the target's own triggers
 * keep its generation, and the first start rebuilds the snapshot.
 *
 * Each table's rows (the school's, or all of them) are read in key order
 * and summed up in a SHA-256 as they are copied; the target's are read back
 * and summed the same way before the caller commits. A target that holds
 * the school already is compared the same way: the same rows in every table
 * is a copy made before (nothing to do); anything else is refused. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

#define COLS_MAX 64

/* Not copied: each database's own bookkeeping, and the start-up cache. */
static const char *const not_copied[] = {"schema_version", "data_version", "register_generation",
					 "register_snapshots", "register_snapshot_rows", NULL};

/* Triggers, not foreign keys, order these: the current rows after their history. */
static const char *const after[][2] = {{"marks", "mark_history"},
				       {"lesson_marks", "lesson_mark_history"}};

struct table {
	char name[64];
	int n_cols;
	char cols[COLS_MAX][64];
	bool has_id, has_school;
	int n_deps;
	char deps[16][64];
	bool placed;
};

/* ---- what the source holds: tables, columns, references ---- */

static const char SQL_TABLES_SQLITE[] =
	"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
	"ORDER BY name";
static const char SQL_TABLES_PG[] =
	"SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename";
static const char SQL_COLS_SQLITE[] = "SELECT name FROM pragma_table_info(?1) ORDER BY cid";
static const char SQL_COLS_PG[] =
	"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
	"AND table_name = ?1 ORDER BY ordinal_position";
static const char SQL_REFS_SQLITE[] = "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)";
static const char SQL_REFS_PG[] =
	"SELECT DISTINCT r.relname FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid "
	"JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
	"WHERE k.contype = 'f' AND n.nspname = current_schema() AND t.relname = ?1";

static const char *pick(struct store *s, const char *lite, const char *pg)
{
	return db_kind(s->db) == DB_POSTGRES ? pg : lite;
}

static bool listed(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

/* Each row's first column, as text, into out[] (at most max). */
static int names(struct store *s, const char *sql, const char *arg, char (*out)[64], int max,
		 int *n)
{
	struct db_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	if (arg)
		db_bind_text(st, 1, arg);
	int rc;
	*n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == max) {
			db_reset(st);
			return st_fail(s, "reading the tables: more than %d", max);
		}
		st_col_copy(st, 0, out[(*n)++], 64);
	}
	db_reset(st);
	return rc < 0 ? st_db_fail(s, "reading the tables") : 0;
}

static int read_tables(struct store *s, struct table **out, int *n_out)
{
	char list[STORE_COPY_TABLES_MAX + 8][64];
	int n;
	*out = NULL;
	*n_out = 0;
	if (names(s, pick(s, SQL_TABLES_SQLITE, SQL_TABLES_PG), NULL, list,
		  STORE_COPY_TABLES_MAX + 8, &n) < 0)
		return -1;
	struct table *t = calloc((size_t)n + 1, sizeof *t);
	if (!t)
		return st_fail(s, "out of memory");
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (listed(list[i], not_copied))
			continue;
		if (k == STORE_COPY_TABLES_MAX) {
			free(t);
			return st_fail(s, "more than %d tables to copy", STORE_COPY_TABLES_MAX);
		}
		struct table *x = &t[k++];
		snprintf(x->name, sizeof x->name, "%s", list[i]);
		if (names(s, pick(s, SQL_COLS_SQLITE, SQL_COLS_PG), x->name, x->cols, COLS_MAX,
			  &x->n_cols) < 0 ||
		    names(s, pick(s, SQL_REFS_SQLITE, SQL_REFS_PG), x->name, x->deps, 16, &x->n_deps) < 0) {
			free(t);
			return -1;
		}
		for (int c = 0; c < x->n_cols; c++) {
			x->has_id |= strcmp(x->cols[c], "id") == 0;
			x->has_school |= strcmp(x->cols[c], "school_id") == 0;
		}
		for (size_t a = 0; a < sizeof after / sizeof *after; a++)
			if (strcmp(x->name, after[a][0]) == 0 && x->n_deps < 16)
				snprintf(x->deps[x->n_deps++], 64, "%s", after[a][1]);
	}
	*out = t;
	*n_out = k;
	return 0;
}

/* Orders the tables so each comes after those it depends on. */
static int order_tables(struct store *s, struct table *t, int n, int *order)
{
	for (int placed = 0; placed < n;) {
		int before = placed;
		for (int i = 0; i < n; i++) {
			if (t[i].placed)
				continue;
			bool ready = true;
			for (int d = 0; d < t[i].n_deps && ready; d++)
				for (int j = 0; j < n; j++)
					if (j != i && !t[j].placed && strcmp(t[j].name, t[i].deps[d]) == 0)
						ready = false;
			if (ready) {
				t[i].placed = true;
				order[placed++] = i;
			}
		}
		if (placed == before)
			return st_fail(s, "the tables' references go round in a circle");
	}
	return 0;
}

/* ---- reading a table's rows (the school's), in key order ---- */

/* SELECT every column of the school's rows, in an order both databases
 * give alike: by id where there is one, else by every column (text in byte
 * order, as both compare it; NULL first on both). */
static void select_sql(const struct table *t, bool all, char *sql, size_t len)
{
	size_t k = (size_t)snprintf(sql, len, "SELECT ");
	for (int c = 0; c < t->n_cols; c++)
		k += (size_t)snprintf(sql + k, len - k, "%s\"%s\"", c ? ", " : "", t->cols[c]);
	k += (size_t)snprintf(sql + k, len - k, " FROM \"%s\"", t->name);
	if (!all) {
		if (strcmp(t->name, "schools") == 0)
			k += (size_t)snprintf(sql + k, len - k, " WHERE id = ?1");
		else if (t->has_school)
			k += (size_t)snprintf(sql + k, len - k, " WHERE school_id = ?1");
		else /* signin_attempts: the school's users' (checked in copyable) */
			k += (size_t)snprintf(sql + k, len - k,
					      " WHERE username IN (SELECT username FROM users WHERE "
					      "school_id = ?1)");
	}
	if (t->has_id) {
		snprintf(sql + k, len - k, " ORDER BY id");
		return;
	}
	k += (size_t)snprintf(sql + k, len - k, " ORDER BY ");
	for (int c = 0; c < t->n_cols; c++)
		k += (size_t)snprintf(sql + k, len - k, "%s\"%s\" NULLS FIRST", c ? ", " : "",
				      t->cols[c]);
}

/* Whether one school's rows of the table can be told apart. */
static int copyable(struct store *s, const struct table *t, bool all)
{
	if (all || t->has_school || strcmp(t->name, "schools") == 0 ||
	    strcmp(t->name, "signin_attempts") == 0)
		return 0;
	return st_fail(s, "table %s has no school_id: attend migrate can't tell one school's rows "
			  "of it (copy every school: leave out --urn)",
		       t->name);
}

/* A row into the running digest: each value's kind, length and bytes. */
static void digest_row(crypto_hash_sha256_state *h, struct db_stmt *st, int n)
{
	for (int c = 0; c < n; c++) {
		enum db_type ty = db_col_type(st, c);
		if (ty == DB_NULL) {
			crypto_hash_sha256_update(h, (const unsigned char *)"N", 1);
			continue;
		}
		/* Numbers and text alike as text (a date is text in SQLite). */
		const void *p = ty == DB_BLOB ? db_col_blob(st, c) : db_col_text(st, c);
		uint32_t len = (uint32_t)db_col_bytes(st, c);
		unsigned char head[5] = {ty == DB_BLOB ? 'B' : 'V', (unsigned char)(len >> 24),
					 (unsigned char)(len >> 16), (unsigned char)(len >> 8),
					 (unsigned char)len};
		crypto_hash_sha256_update(h, head, sizeof head);
		if (len)
			crypto_hash_sha256_update(h, p, len);
	}
}

/* Counts and sums up the table's rows in s; copies each into `into` too
 * when it is given. -1: reading failed (s's error); -2: copying failed. */
static int read_rows(struct store *s, const struct table *t, bool all, int64_t school_id,
		     struct db_copy *into, long long *rows, unsigned char digest[32])
{
	char sql[4096];
	select_sql(t, all, sql, sizeof sql);
	struct db_stmt *st = db_statement(s->db, sql);
	if (!st)
		return st_fail(s, "reading table %s: %s", t->name, db_errmsg(s->db));
	if (!all)
		db_bind_int64(st, 1, school_id);
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	*rows = 0;
	int rc, copied = 0;
	while ((rc = db_step(st)) == DB_ROW && copied == 0) {
		digest_row(&h, st, t->n_cols);
		(*rows)++;
		if (!into)
			continue;
		for (int c = 0; c < t->n_cols; c++) {
			switch (db_col_type(st, c)) {
			case DB_NULL:
				db_copy_null(into, c);
				break;
			case DB_INT:
				db_copy_int64(into, c, db_col_int64(st, c));
				break;
			case DB_BLOB:
				db_copy_blob(into, c, db_col_blob(st, c), (size_t)db_col_bytes(st, c));
				break;
			default:
				db_copy_text(into, c, db_col_text(st, c), (size_t)db_col_bytes(st, c));
			}
		}
		copied = db_copy_row(into);
	}
	if (rc < 0)
		st_fail(s, "reading table %s: %s", t->name, db_errmsg(s->db));
	db_finalize(st);
	crypto_hash_sha256_final(&h, digest);
	return rc < 0 ? -1 : copied < 0 ? -2 : 0;
}

/* ---- the copy ---- */

static const char SQL_SCHOOL_ID[] = "SELECT id FROM schools WHERE urn = ?1";
static const char SQL_ANY_SCHOOL[] = "SELECT count(*) FROM schools";

/* The id of the school with that URN in s; 0 when there is none. */
static int school_id_of(struct store *s, const char *urn, int64_t *id)
{
	struct db_stmt *st = store_prepare(s, urn ? SQL_SCHOOL_ID : SQL_ANY_SCHOOL);
	if (!st)
		return -1;
	if (urn)
		db_bind_text(st, 1, urn);
	int rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int64(st, 0) : 0;
	db_reset(st);
	return rc < 0 ? st_db_fail(s, "reading the schools") : 0;
}

/* PostgreSQL: each identity column goes on from the highest id copied. */
static int follow_ids(struct store *to, const struct table *t)
{
	if (db_kind(to->db) != DB_POSTGRES || !t->has_id)
		return 0;
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT setval(pg_get_serial_sequence('\"%s\"', 'id'), max(id)) FROM \"%s\" "
		 "HAVING max(id) IS NOT NULL",
		 t->name, t->name);
	return st_exec(to, sql) < 0 ? -1 : 0;
}

int store_copy_school(struct store *from, struct store *to, const char *urn, struct store_copy *res)
{
	memset(res, 0, sizeof *res);
	bool all = urn == NULL;
	int64_t src_id = 0, dst_id = 0;
	if (school_id_of(from, urn, &src_id) < 0)
		return -1;
	if (!src_id)
		return st_fail(from, urn ? "no school with URN %s in the source" : "the source has no school",
			       urn);
	if (school_id_of(to, urn, &dst_id) < 0)
		return -1;
	/* Ids are kept: the school must have the same id on both sides. */
	if (!all && dst_id && dst_id != src_id) {
		st_fail(to, "the target holds URN %s under another id (%lld, not %lld): it is not a "
			    "copy of this one; refusing to change it",
			urn, (long long)dst_id, (long long)src_id);
		return 1;
	}
	bool compare = dst_id != 0;
	struct table *t;
	int n;
	if (read_tables(from, &t, &n) < 0)
		return -1;
	int *order = calloc((size_t)n + 1, sizeof *order);
	int rc = order ? order_tables(from, t, n, order) : st_fail(from, "out of memory");
	for (int i = 0; i < n && rc == 0; i++)
		rc = copyable(from, &t[order[i]], all);
	if (rc < 0) {
		/* say it as the target's error too: the caller reports one */
		st_fail(to, "%s", from->err);
		goto out;
	}
	res->already = compare;
	for (int i = 0; i < n && rc == 0; i++) {
		const struct table *x = &t[order[i]];
		struct store_copy_table *r = &res->t[res->n_tables++];
		snprintf(r->name, sizeof r->name, "%s", x->name);
		unsigned char a[32], b[32];
		long long theirs;
		if (compare) {
			/* A copy made before holds exactly the same rows. */
			if ((rc = read_rows(from, x, all, src_id, NULL, &r->rows, a)) < 0 ||
			    (rc = read_rows(to, x, all, src_id, NULL, &theirs, b)) < 0)
				break;
			r->same = theirs == r->rows && memcmp(a, b, sizeof a) == 0;
			if (!r->same) {
				st_fail(to, "the target already holds %s%s, and it differs from the "
					    "source (table %s: %lld rows in the source, %lld in the "
					    "target%s): refusing to change it; copy into an empty database",
					all ? "schools" : "URN ", all ? "" : urn, x->name, r->rows, theirs,
					theirs == r->rows ? ", not the same" : "");
				rc = 1;
			}
			continue;
		}
		const char *cols[COLS_MAX];
		for (int c = 0; c < x->n_cols; c++)
			cols[c] = x->cols[c];
		struct db_copy *c = db_copy_begin(to->db, x->name, cols, x->n_cols);
		if (!c) {
			rc = st_fail(to, "copying table %s: %s", x->name, db_errmsg(to->db));
			break;
		}
		int read = read_rows(from, x, all, src_id, c, &r->rows, a);
		char why[256];
		snprintf(why, sizeof why, "%s", db_errmsg(to->db)); /* of a row, if any */
		if (db_copy_end(c) < 0 || read < 0) {
			if (read == -1) {
				rc = st_fail(to, "%s", from->err);
				break;
			}
			/* A row the target already has (the same id) is the usual cause. */
			rc = st_fail(to, "copying table %s: %s (attend migrate keeps every id, so "
					 "the hash chains stay valid: the target must not hold rows "
					 "with these ids)",
				     x->name, read == -2 ? why : db_errmsg(to->db));
			break;
		}
		r->copied = r->rows;
		/* Read back what the target now holds of it: the same rows. */
		if ((rc = read_rows(to, x, all, src_id, NULL, &theirs, b)) < 0)
			break;
		r->same = theirs == r->rows && memcmp(a, b, sizeof a) == 0;
		if (!r->same) {
			rc = st_fail(to, "table %s: the target holds %lld rows after the copy, not the "
					 "%lld copied, or not the same",
				     x->name, theirs, r->rows);
			break;
		}
		if ((rc = follow_ids(to, x)) < 0)
			break;
	}
out:
	free(order);
	free(t);
	return rc;
}
