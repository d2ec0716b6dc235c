/* What db.c shares with the two backends (db_sqlite.c, db_pg.c): each
 * embeds struct db and struct db_stmt as its first member and fills in the
 * table of operations db.c calls through. */
#ifndef ATTEND_DB_INTERNAL_H
#define ATTEND_DB_INTERNAL_H

#include "store/db.h"

#define DB_STMT_SLOTS 512

struct db_ops {
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql);
	int (*begin)(struct db *db, bool read_only);
	bool (*in_txn)(struct db *db);
	/* A new statement for sql (scan: read in batches); NULL with the error set. */
	struct db_stmt *(*prepare)(struct db *db, const char *sql, bool scan);
	void (*finalize)(struct db_stmt *st);
	/* Binds parameter i: DB_INT takes v, DB_TEXT and DB_BLOB take p and n. */
	void (*bind)(struct db_stmt *st, int i, enum db_type t, int64_t v, const void *p, size_t n);
	int (*step)(struct db_stmt *st);
	void (*reset)(struct db_stmt *st); /* and every parameter back to NULL */
	long (*changes)(struct db *db);
	enum db_type (*col_type)(struct db_stmt *st, int i);
	int64_t (*col_int64)(struct db_stmt *st, int i);
	const char *(*col_text)(struct db_stmt *st, int i);
	const void *(*col_blob)(struct db_stmt *st, int i);
	int (*col_bytes)(struct db_stmt *st, int i);
	int (*col_count)(struct db_stmt *st);
	struct db_copy *(*copy_begin)(struct db *db, const char *table, const char *const *cols,
				      int n);
	void (*copy_value)(struct db_copy *c, int i, enum db_type t, int64_t v, const void *p,
			   size_t n);
	int (*copy_row)(struct db_copy *c);
	int (*copy_end)(struct db_copy *c);
	/* NULL for SQLite (see db_listen). */
	int (*listen)(struct db *db, const char *channel);
	int (*wait_notify)(struct db *db, int timeout_ms, char *payload, size_t len);
	int (*reconnect)(struct db *db);
	bool (*server_changed)(struct db *db);
	/* NULL for PostgreSQL (see db_for_group_commit). */
	int (*for_group_commit)(struct db *db);
};

struct db {
	const struct db_ops *ops;
	enum db_kind kind;
	char err[512];
	/* A savepoint released but not yet told to the server (db_release). */
	bool release_waiting;
	/* The statement cache: open addressing on the SQL text's address. */
	const char *slot_sql[DB_STMT_SLOTS];
	struct db_stmt *slot[DB_STMT_SLOTS];
};

struct db_stmt {
	struct db *db;
	const char *sql;
	bool scan;
};

struct db_copy {
	struct db *db;
};

int db_fail(struct db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

int db_sqlite_open(const char *path, struct db **out, char *err, size_t errlen);
int db_pg_open(const char *uri, struct db **out, char *err, size_t errlen);

#endif
