/* The SQLite side of the database layer: the embedded database a school
 * runs on. WAL with synchronous=FULL: a transaction acknowledged by COMMIT
 * survives a process crash and a power cut. NORMAL would survive a process
 * crash only, and the register is a legal record, so FULL it is; throughput
 * comes from putting many marks in one transaction, not from weaker
 * durability. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"

/* The WAL's checkpoints on a thread and connection of their own, so a
 * commit of the server's writer never copies pages back into the database
 * file itself (db_for_group_commit). */
/* Frames (pages) in the WAL that make a checkpoint due: eight times SQLite's
 * default, since the checkpoint no longer delays a commit and a page saved
 * many times between two checkpoints is copied back once (about 32 MB of
 * WAL at most under load). Register saves over 20 s: p99 19.1-21.9 ms,
 * against 21.0-21.8 ms at 1,000; within the noise, a little better. */
#define CHECKPOINT_FRAMES 8000

struct checkpointer {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	sqlite3 *h;
	bool due, quit;
};

/* Rows loaded with one INSERT, and how many such statements stay prepared. */
#define COPY_BATCH 32
#define COPY_CACHE 8
#define COPY_COLS_MAX 64 /* COPY_BATCH x COPY_COLS_MAX stays under SQLite's 32,766 parameters */

struct copy_stmt {
	char *table;
	char **cols;
	int n, rows;
	sqlite3_stmt *h;
	unsigned used;
};

struct lite_db {
	struct db base;
	sqlite3 *h;
	struct checkpointer *ckpt; /* NULL: SQLite checkpoints on commit */
	struct copy_stmt copy_cache[COPY_CACHE];
	unsigned copy_tick;
};

struct lite_stmt {
	struct db_stmt base;
	sqlite3_stmt *h;
};

static sqlite3 *H(struct db *db)
{
	return ((struct lite_db *)db)->h;
}

static sqlite3_stmt *S(struct db_stmt *st)
{
	return ((struct lite_stmt *)st)->h;
}

static int fail_db(struct db *db)
{
	return db_fail(db, "%s", sqlite3_errmsg(H(db)));
}

static int lite_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(H(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
		db_fail(db, "%s", msg ? msg : sqlite3_errmsg(H(db)));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static void copy_stmt_clear(struct copy_stmt *c);

static void checkpointer_stop(struct checkpointer *c)
{
	pthread_mutex_lock(&c->mu);
	c->quit = true;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	sqlite3_close(c->h);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	free(c);
}

static void lite_close(struct db *db)
{
	struct lite_db *ld = (struct lite_db *)db;
	if (ld->ckpt) {
		sqlite3_wal_hook(ld->h, NULL, NULL);
		checkpointer_stop(ld->ckpt);
	}
	for (int i = 0; i < COPY_CACHE; i++)
		copy_stmt_clear(&ld->copy_cache[i]);
	sqlite3_close(ld->h); /* the last connection checkpoints what is left */
	free(db);
}

/* After each commit of the writer: a checkpoint is due past the threshold. */
static int wal_committed(void *arg, sqlite3 *h, const char *name, int frames)
{
	(void)h;
	(void)name;
	struct checkpointer *c = arg;
	if (frames >= CHECKPOINT_FRAMES) {
		pthread_mutex_lock(&c->mu);
		c->due = true;
		pthread_cond_signal(&c->cv);
		pthread_mutex_unlock(&c->mu);
	}
	return SQLITE_OK;
}

static void *checkpointer_main(void *arg)
{
	struct checkpointer *c = arg;
	pthread_setname_np(pthread_self(), "attend-ckpt");
	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->due && !c->quit)
			pthread_cond_wait(&c->cv, &c->mu);
		if (c->quit)
			break;
		c->due = false;
		pthread_mutex_unlock(&c->mu);
		/* PASSIVE: copies what no reader still needs, never waits for
		 * the writer or blocks it; the WAL starts over from its
		 * beginning once all of it has been copied. */
		sqlite3_wal_checkpoint_v2(c->h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

static int lite_for_group_commit(struct db *db)
{
	struct lite_db *ld = (struct lite_db *)db;
	if (ld->ckpt)
		return 0;
	if (lite_exec(db, "PRAGMA temp_store = MEMORY") < 0)
		return -1;
	const char *path = sqlite3_db_filename(ld->h, "main");
	struct checkpointer *c = calloc(1, sizeof *c);
	if (!c)
		return db_fail(db, "out of memory");
	if (!path || !*path ||
	    sqlite3_open_v2(path, &c->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
		    SQLITE_OK) {
		db_fail(db, "cannot open a connection for checkpoints: %s",
			c->h ? sqlite3_errmsg(c->h) : "no database file");
		sqlite3_close(c->h);
		free(c);
		return -1;
	}
	sqlite3_busy_timeout(c->h, 1000);
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	if (pthread_create(&c->thread, NULL, checkpointer_main, c) != 0) {
		sqlite3_close(c->h);
		pthread_mutex_destroy(&c->mu);
		pthread_cond_destroy(&c->cv);
		free(c);
		return db_fail(db, "cannot start the checkpoint thread");
	}
	ld->ckpt = c;
	/* Replaces the auto-checkpoint: the writer's commits only say when. */
	sqlite3_wal_hook(ld->h, wal_committed, c);
	return 0;
}

static int lite_begin(struct db *db, bool read_only)
{
	/* IMMEDIATE takes the write lock now; a read transaction is deferred
	 * (it sees one state of the database from its first read). */
	return lite_exec(db, read_only ? "BEGIN" : "BEGIN IMMEDIATE");
}

static bool lite_in_txn(struct db *db)
{
	return !sqlite3_get_autocommit(H(db));
}

static struct db_stmt *lite_prepare(struct db *db, const char *sql, bool scan)
{
	struct lite_stmt *st = calloc(1, sizeof *st);
	if (!st) {
		db_fail(db, "out of memory");
		return NULL;
	}
	if (sqlite3_prepare_v3(H(db), sql, -1, SQLITE_PREPARE_PERSISTENT, &st->h, NULL) != SQLITE_OK) {
		db_fail(db, "preparing a query: %s", sqlite3_errmsg(H(db)));
		free(st);
		return NULL;
	}
	st->base = (struct db_stmt){db, sql, scan};
	return &st->base;
}

static void lite_finalize(struct db_stmt *st)
{
	sqlite3_finalize(S(st));
	free(st);
}

static void lite_bind(struct db_stmt *st, int i, enum db_type t, int64_t v, const void *p, size_t n)
{
	switch (t) {
	case DB_INT:
		sqlite3_bind_int64(S(st), i, v);
		break;
	case DB_TEXT:
		sqlite3_bind_text64(S(st), i, p, n, SQLITE_TRANSIENT, SQLITE_UTF8);
		break;
	case DB_BLOB:
		sqlite3_bind_blob64(S(st), i, p, n, SQLITE_TRANSIENT);
		break;
	default:
		sqlite3_bind_null(S(st), i);
	}
}

static int lite_step(struct db_stmt *st)
{
	int rc = sqlite3_step(S(st));
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return fail_db(st->db);
}

static void lite_reset(struct db_stmt *st)
{
	sqlite3_reset(S(st));
	sqlite3_clear_bindings(S(st));
}

static long lite_changes(struct db *db)
{
	return sqlite3_changes(H(db));
}

static enum db_type lite_col_type(struct db_stmt *st, int i)
{
	switch (sqlite3_column_type(S(st), i)) {
	case SQLITE_NULL:
		return DB_NULL;
	case SQLITE_INTEGER:
		return DB_INT;
	case SQLITE_BLOB:
		return DB_BLOB;
	default:
		return DB_TEXT;
	}
}

static int64_t lite_col_int64(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(S(st), i);
}

static const char *lite_col_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(S(st), i);
}

static const void *lite_col_blob(struct db_stmt *st, int i)
{
	return sqlite3_column_blob(S(st), i);
}

static int lite_col_bytes(struct db_stmt *st, int i)
{
	return sqlite3_column_bytes(S(st), i);
}

static int lite_col_count(struct db_stmt *st)
{
	return sqlite3_column_count(S(st));
}

/* ---- bulk loading: one prepared INSERT ---- */

/* ---- loading many rows: multi-row INSERTs ----
 *
 * Rows are kept (their text in one arena) and written COPY_BATCH at a time
 * by one INSERT ... VALUES (...), (...): one statement step for many rows
 * rather than one each (the writer loads a register's 30 marks so). The
 * statements stay prepared in a small cache keyed by table, columns and
 * row count; a failing row fails the batch it is in, and the caller's
 * transaction or savepoint undoes the load. */

struct copy_val {
	enum db_type t;
	int64_t v;
	size_t off, n; /* text and blobs: in the arena */
};

struct lite_copy {
	struct db_copy base;
	const char *table;
	const char *const *cols;
	int n_cols, rows;
	struct copy_val *vals; /* n_cols * COPY_BATCH */
	char *arena;
	size_t len, cap;
	bool failed;
};

static bool same_columns(const struct copy_stmt *c, const char *table, const char *const *cols,
			 int n, int rows)
{
	if (!c->h || c->n != n || c->rows != rows || strcmp(c->table, table) != 0)
		return false;
	for (int i = 0; i < n; i++)
		if (strcmp(c->cols[i], cols[i]) != 0)
			return false;
	return true;
}

static void copy_stmt_clear(struct copy_stmt *c)
{
	sqlite3_finalize(c->h);
	free(c->table);
	for (int i = 0; i < c->n; i++)
		free(c->cols[i]);
	free(c->cols);
	memset(c, 0, sizeof *c);
}

/* INSERT INTO table (cols) VALUES (?, ...) x rows, prepared once. */
static sqlite3_stmt *copy_stmt(struct db *db, const char *table, const char *const *cols, int n,
			       int rows)
{
	struct lite_db *ld = (struct lite_db *)db;
	struct copy_stmt *slot = &ld->copy_cache[0];
	for (int i = 0; i < COPY_CACHE; i++) {
		struct copy_stmt *c = &ld->copy_cache[i];
		if (same_columns(c, table, cols, n, rows)) {
			c->used = ++ld->copy_tick;
			return c->h;
		}
		if (c->used < slot->used)
			slot = c; /* the least recently used, or an empty one */
	}
	size_t len = strlen(table) + 32 + (size_t)rows * ((size_t)n * 3 + 4);
	for (int i = 0; i < n; i++)
		len += strlen(cols[i]) + 2;
	char *sql = malloc(len);
	if (!sql) {
		db_fail(db, "out of memory");
		return NULL;
	}
	size_t k = (size_t)sprintf(sql, "INSERT INTO %s (", table);
	for (int i = 0; i < n; i++)
		k += (size_t)sprintf(sql + k, "%s%s", i ? ", " : "", cols[i]);
	k += (size_t)sprintf(sql + k, ") VALUES ");
	for (int r = 0; r < rows; r++) {
		k += (size_t)sprintf(sql + k, "%s(", r ? ", " : "");
		for (int i = 0; i < n; i++)
			k += (size_t)sprintf(sql + k, "%s?", i ? ", " : "");
		sql[k++] = ')';
	}
	sql[k] = '\0';
	copy_stmt_clear(slot);
	int rc = sqlite3_prepare_v3(ld->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &slot->h, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		db_fail(db, "loading %s: %s", table, sqlite3_errmsg(ld->h));
		copy_stmt_clear(slot);
		return NULL;
	}
	slot->table = strdup(table);
	slot->cols = calloc((size_t)n, sizeof *slot->cols);
	bool ok = slot->table && slot->cols;
	for (int i = 0; ok && i < n; i++)
		ok = (slot->cols[i] = strdup(cols[i])) != NULL;
	if (!ok) {
		slot->n = n;
		copy_stmt_clear(slot);
		db_fail(db, "out of memory");
		return NULL;
	}
	slot->n = n;
	slot->rows = rows;
	slot->used = ++ld->copy_tick;
	return slot->h;
}

static void copy_rows_clear(struct lite_copy *lc)
{
	lc->rows = 0;
	lc->len = 0;
	for (int i = 0; i < lc->n_cols * COPY_BATCH; i++)
		lc->vals[i].t = DB_NULL;
}

/* Writes the rows kept so far with one statement. */
static int copy_flush(struct lite_copy *lc)
{
	if (lc->failed)
		return -1;
	if (!lc->rows)
		return 0;
	struct db *db = lc->base.db;
	sqlite3_stmt *h = copy_stmt(db, lc->table, lc->cols, lc->n_cols, lc->rows);
	if (!h) {
		lc->failed = true;
		return -1;
	}
	for (int k = 0; k < lc->rows * lc->n_cols; k++) {
		const struct copy_val *v = &lc->vals[k];
		/* The arena does not move until the step is done. */
		if (v->t == DB_TEXT)
			sqlite3_bind_text64(h, k + 1, lc->arena + v->off, v->n, SQLITE_STATIC, SQLITE_UTF8);
		else if (v->t == DB_BLOB)
			sqlite3_bind_blob64(h, k + 1, lc->arena + v->off, v->n, SQLITE_STATIC);
		else if (v->t == DB_INT)
			sqlite3_bind_int64(h, k + 1, v->v);
		else
			sqlite3_bind_null(h, k + 1);
	}
	int rc = sqlite3_step(h);
	if (rc != SQLITE_DONE)
		fail_db(db);
	sqlite3_reset(h);
	sqlite3_clear_bindings(h);
	copy_rows_clear(lc);
	if (rc != SQLITE_DONE) {
		lc->failed = true;
		return -1;
	}
	return 0;
}

static struct db_copy *lite_copy_begin(struct db *db, const char *table, const char *const *cols,
				       int n)
{
	if (n < 1 || n > COPY_COLS_MAX) {
		db_fail(db, "loading %s: %d columns", table, n);
		return NULL;
	}
	struct lite_copy *c = calloc(1, sizeof *c);
	struct copy_val *vals = calloc((size_t)n * COPY_BATCH, sizeof *vals);
	if (!c || !vals) {
		free(c);
		free(vals);
		db_fail(db, "out of memory");
		return NULL;
	}
	c->base.db = db;
	c->table = table;
	c->cols = cols;
	c->n_cols = n;
	c->vals = vals;
	copy_rows_clear(c);
	return &c->base;
}

static void lite_copy_value(struct db_copy *c, int i, enum db_type t, int64_t v, const void *p,
			    size_t n)
{
	struct lite_copy *lc = (struct lite_copy *)c;
	if (lc->failed || i < 0 || i >= lc->n_cols)
		return;
	struct copy_val *cv = &lc->vals[lc->rows * lc->n_cols + i];
	*cv = (struct copy_val){.t = t, .v = v};
	if (t != DB_TEXT && t != DB_BLOB)
		return;
	if (lc->len + n + 1 > lc->cap) {
		size_t cap = lc->cap ? lc->cap : 4096;
		while (cap < lc->len + n + 1)
			cap *= 2;
		char *a = realloc(lc->arena, cap);
		if (!a) {
			lc->failed = true;
			db_fail(c->db, "out of memory");
			return;
		}
		lc->arena = a;
		lc->cap = cap;
	}
	if (n)
		memcpy(lc->arena + lc->len, p, n);
	cv->off = lc->len;
	cv->n = n;
	lc->len += n;
}

static int lite_copy_row(struct db_copy *c)
{
	struct lite_copy *lc = (struct lite_copy *)c;
	if (lc->failed)
		return -1;
	return ++lc->rows == COPY_BATCH ? copy_flush(lc) : 0;
}

static int lite_copy_end(struct db_copy *c)
{
	struct lite_copy *lc = (struct lite_copy *)c;
	int rc = copy_flush(lc);
	free(lc->vals);
	free(lc->arena);
	free(lc);
	return rc;
}

static const struct db_ops lite_ops = {
	.close = lite_close,
	.exec = lite_exec,
	.begin = lite_begin,
	.in_txn = lite_in_txn,
	.prepare = lite_prepare,
	.finalize = lite_finalize,
	.bind = lite_bind,
	.step = lite_step,
	.reset = lite_reset,
	.changes = lite_changes,
	.col_type = lite_col_type,
	.col_int64 = lite_col_int64,
	.col_text = lite_col_text,
	.col_blob = lite_col_blob,
	.col_bytes = lite_col_bytes,
	.col_count = lite_col_count,
	.copy_begin = lite_copy_begin,
	.copy_value = lite_copy_value,
	.copy_row = lite_copy_row,
	.copy_end = lite_copy_end,
	.for_group_commit = lite_for_group_commit,
};

/* Before SQLite's first use in the process: no memory statistics (nothing
 * reads them), so an allocation takes no global lock. The writer and the
 * request threads allocate on every statement. */
static void configure_once(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_sqlite_open(const char *path, struct db **out, char *err, size_t errlen)
{
	static pthread_once_t configured = PTHREAD_ONCE_INIT;
	pthread_once(&configured, configure_once);
	struct lite_db *db = calloc(1, sizeof *db);
	if (!db) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	db->base.ops = &lite_ops;
	db->base.kind = DB_SQLITE;
	int rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
						 SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open database %s: %s", path,
			 db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 10000);
	/* A page cache of up to 64 MiB (a ceiling, not an allocation): a
	 * group of registers touches thousands of pages, and a cache smaller
	 * than that spills them to the WAL before the commit. */
	if (lite_exec(&db->base, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
				 "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF; "
				 "PRAGMA cache_size = -65536;") < 0) {
		snprintf(err, errlen, "cannot open database %s: %s", path, db->base.err);
		goto fail;
	}
	*out = &db->base;
	return 0;
fail:
	sqlite3_close(db->h);
	free(db);
	return -1;
}
