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
 * file itself (db_checkpoint_behind). */
#define CHECKPOINT_FRAMES 1000 /* SQLite's own auto-checkpoint threshold */

struct checkpointer {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	sqlite3 *h;
	bool due, quit;
};

struct lite_db {
	struct db base;
	sqlite3 *h;
	struct checkpointer *ckpt; /* NULL: SQLite checkpoints on commit */
};

struct lite_stmt {
	struct db_stmt base;
	sqlite3_stmt *h;
};

struct lite_copy {
	struct db_copy base;
	struct lite_stmt *insert;
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

static int lite_checkpoint_behind(struct db *db)
{
	struct lite_db *ld = (struct lite_db *)db;
	if (ld->ckpt)
		return 0;
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

static struct db_copy *lite_copy_begin(struct db *db, const char *table, const char *const *cols,
				       int n)
{
	char sql[2048];
	size_t k = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s (", table);
	for (int i = 0; i < n && k < sizeof sql; i++)
		k += (size_t)snprintf(sql + k, sizeof sql - k, "%s%s", i ? ", " : "", cols[i]);
	for (int i = 0; i < n && k < sizeof sql; i++)
		k += (size_t)snprintf(sql + k, sizeof sql - k, "%s?%d", i ? ", " : ") VALUES (", i + 1);
	if (k + 2 >= sizeof sql) {
		db_fail(db, "loading %s: too many columns", table);
		return NULL;
	}
	strcat(sql, ")");
	struct lite_copy *c = calloc(1, sizeof *c);
	if (!c) {
		db_fail(db, "out of memory");
		return NULL;
	}
	c->base.db = db;
	c->insert = (struct lite_stmt *)lite_prepare(db, sql, false);
	if (!c->insert) {
		free(c);
		return NULL;
	}
	return &c->base;
}

static void lite_copy_value(struct db_copy *c, int i, enum db_type t, int64_t v, const void *p,
			    size_t n)
{
	struct lite_copy *lc = (struct lite_copy *)c;
	/* The values live until the row is written: no copy needed. */
	if (t == DB_TEXT)
		sqlite3_bind_text64(lc->insert->h, i + 1, p, n, SQLITE_STATIC, SQLITE_UTF8);
	else if (t == DB_BLOB)
		sqlite3_bind_blob64(lc->insert->h, i + 1, p, n, SQLITE_STATIC);
	else
		lite_bind(&lc->insert->base, i + 1, t, v, p, n);
}

static int lite_copy_row(struct db_copy *c)
{
	struct lite_copy *lc = (struct lite_copy *)c;
	int rc = sqlite3_step(lc->insert->h);
	sqlite3_reset(lc->insert->h);
	sqlite3_clear_bindings(lc->insert->h);
	return rc == SQLITE_DONE ? 0 : fail_db(c->db);
}

static int lite_copy_end(struct db_copy *c)
{
	struct lite_copy *lc = (struct lite_copy *)c;
	lite_finalize(&lc->insert->base);
	free(lc);
	return 0;
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
	.checkpoint_behind = lite_checkpoint_behind,
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
