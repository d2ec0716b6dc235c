/* The PostgreSQL side of the database layer (libpq): the shared database
 * of a trust, or of several servers. Statements are prepared once per
 * connection (PQprepare) and run with text parameters (binary for blobs);
 * results come back as text and are read row by row through db_step. A
 * query that may return very many rows runs as a cursor read in batches,
 * so a whole register never sits in memory twice.
 *
 * Durability: COMMIT returns once the WAL is flushed (synchronous_commit
 * on, PostgreSQL's default; with a synchronous standby, once the standby
 * has it too). A connection to a server configured with it off turns it on
 * for itself: the register is a legal record. */
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"

#define SCAN_BATCH 10000
#define COPY_FLUSH (256 * 1024)
/* The key of the advisory lock every writing transaction takes: one writer
 * at a time, as in SQLite. */
#define WRITER_LOCK_KEY "7022366213"

enum { OID_BOOL = 16, OID_BYTEA = 17, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23 };

struct pg_db {
	struct db base;
	PGconn *conn;
	unsigned next_name;
	long changes;
	/* Counts reconnections: a statement prepared under an earlier one is
	 * prepared again (the server forgot it). */
	unsigned gen;
	char channel[64]; /* LISTENed to, again after a reconnection */
	/* Inside a transaction of ours (BEGIN until COMMIT or ROLLBACK): a
	 * lost connection is never made again silently there. */
	bool txn;
	/* Which server this is (its start time and address): a reconnection
	 * to another one (a promoted standby) is told to the caller. */
	char server[96];
	bool server_changed;
	/* The server said it is going away (its SQLSTATE, e.g. 57P01 when an
	 * administrator terminated the backend): the connection is dead even
	 * while libpq has not yet read the end of the socket. */
	bool lost;
};

struct param {
	char *buf; /* the value as sent; NULL for SQL NULL */
	size_t cap;
	int len;
	int binary;
	bool null;
};

struct pg_stmt {
	struct db_stmt base;
	char name[24];
	char *text; /* as sent to PQprepare */
	unsigned gen;
	int n_params;
	struct param *p;
	const char **values;
	int *lengths, *formats;
	PGresult *res;
	int row, n_rows;
	bool executed;
	/* scans */
	bool cursor_open, own_txn;
	/* decoded blobs of the current row, by column */
	unsigned char **blob;
	size_t *blob_cap;
	int n_blob_cols;
};

struct pg_copy {
	struct db_copy base;
	char *buf;
	size_t len, cap;
	int next_col;
	bool failed;
};

static PGconn *C(struct db *db)
{
	return ((struct pg_db *)db)->conn;
}

/* True when the connection can no longer be used and must be made again. */
static bool conn_lost(struct db *db)
{
	struct pg_db *pd = (struct pg_db *)db;
	return pd->lost || PQstatus(pd->conn) != CONNECTION_OK;
}

/* Class 08 (connection exception) and 57P01-57P03 (the server shutting
 * down, crashed, or not yet accepting): nothing more will run on it. */
static bool sqlstate_is_lost(const PGresult *res)
{
	const char *code = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	return code && (strncmp(code, "08", 2) == 0 || strncmp(code, "57P0", 4) == 0);
}

/* The server's own words: the primary message, else libpq's. */
static int fail_res(struct db *db, const PGresult *res)
{
	if (sqlstate_is_lost(res))
		((struct pg_db *)db)->lost = true;
	const char *m = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (m)
		return db_fail(db, "%s", m);
	char msg[sizeof db->err];
	snprintf(msg, sizeof msg, "%s", PQerrorMessage(C(db)));
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (conn_lost(db))
		return db_fail(db, "lost the connection to PostgreSQL: %s", msg);
	return db_fail(db, "%s", msg[0] ? msg : "PostgreSQL gave no answer");
}

static bool res_ok(const PGresult *res)
{
	ExecStatusType t = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	return t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK;
}

static int pg_exec(struct db *db, const char *sql)
{
	struct pg_db *pd = (struct pg_db *)db;
	if (strncmp(sql, "BEGIN", 5) == 0)
		pd->txn = true;
	else if (strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") == 0)
		pd->txn = false;
	PGresult *res = PQexec(C(db), sql);
	int rc = res_ok(res) ? 0 : fail_res(db, res);
	/* A transaction that an error aborted answers COMMIT with ROLLBACK, and
	 * "success": nothing of it was saved, and the caller must hear so. */
	if (rc == 0 && strcmp(sql, "COMMIT") == 0 && strcmp(PQcmdStatus(res), "ROLLBACK") == 0)
		rc = db_fail(db, "the database rolled the transaction back: a statement in it failed");
	PQclear(res);
	return rc;
}

static void pg_close(struct db *db)
{
	PQfinish(C(db));
	free(db);
}

static bool pg_in_txn(struct db *db)
{
	return PQtransactionStatus(C(db)) != PQTRANS_IDLE;
}

static int pg_reconnect(struct db *db);

static int pg_begin(struct db *db, bool read_only)
{
	/* A lost connection is made again here, between transactions only. */
	if (conn_lost(db) && pg_reconnect(db) < 0)
		return -1;
	/* A writer waits for the others (an advisory lock held until the
	 * transaction ends, as SQLite's BEGIN IMMEDIATE); a reader gets one
	 * snapshot for all its queries (READ COMMITTED would give each query
	 * its own). */
	const char *sql = read_only ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
				    : "BEGIN; SELECT pg_advisory_xact_lock(" WRITER_LOCK_KEY ")";
	int rc = pg_exec(db, sql);
	/* A connection that died while idle is found out here: nothing of the
	 * transaction has run, so it starts again on a new one. */
	if (rc < 0 && conn_lost(db)) {
		((struct pg_db *)db)->txn = false;
		if (pg_reconnect(db) == 0)
			rc = pg_exec(db, sql);
	}
	if (rc < 0 && pg_in_txn(db)) {
		char keep[sizeof db->err];
		memcpy(keep, db->err, sizeof keep);
		pg_exec(db, "ROLLBACK");
		memcpy(db->err, keep, sizeof keep);
	}
	if (rc < 0)
		((struct pg_db *)db)->txn = false;
	return rc;
}

/* ?N becomes $N, outside quoted text; *max_param is the highest N. Every
 * parameter up to it must be used: PostgreSQL infers each one's type from
 * where it appears. */
static char *translate(struct db *db, const char *sql, const char *prefix, int *max_param)
{
	size_t n = strlen(sql), k = strlen(prefix);
	char *out = malloc(k + n + 1);
	bool used[100] = {false};
	if (!out) {
		db_fail(db, "out of memory");
		return NULL;
	}
	memcpy(out, prefix, k);
	*max_param = 0;
	char quote = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = sql[i];
		if (quote) {
			if (ch == quote)
				quote = 0;
		} else if (ch == '\'' || ch == '"') {
			quote = ch;
		} else if (ch == '?') {
			int num = 0;
			size_t j = i + 1;
			while (j < n && sql[j] >= '0' && sql[j] <= '9' && num < 100)
				num = num * 10 + (sql[j++] - '0');
			if (num < 1 || num >= 100) {
				free(out);
				db_fail(db, "a query has a parameter that is not ?1 to ?99");
				return NULL;
			}
			used[num] = true;
			if (num > *max_param)
				*max_param = num;
			ch = '$';
		}
		out[k++] = ch;
	}
	out[k] = '\0';
	for (int i = 1; i <= *max_param; i++) {
		if (!used[i]) {
			free(out);
			db_fail(db, "a query uses ?%d but not ?%d", *max_param, i);
			return NULL;
		}
	}
	return out;
}

static void free_stmt(struct pg_stmt *st)
{
	for (int i = 0; i < st->n_params; i++)
		free(st->p[i].buf);
	for (int i = 0; i < st->n_blob_cols; i++)
		free(st->blob[i]);
	free(st->blob);
	free(st->blob_cap);
	free(st->p);
	free(st->values);
	free(st->lengths);
	free(st->formats);
	free(st->text);
	free(st);
}

/* Prepares st on the server (again after a reconnection). */
static int server_prepare(struct pg_stmt *st)
{
	struct db *db = st->base.db;
	PGresult *res = PQprepare(C(db), st->name, st->text, 0, NULL);
	if (!res_ok(res)) {
		char why[sizeof db->err];
		fail_res(db, res);
		snprintf(why, sizeof why, "%s", db->err);
		db_fail(db, "preparing a query: %s", why);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	st->gen = ((struct pg_db *)db)->gen;
	return 0;
}

static struct db_stmt *pg_prepare(struct db *db, const char *sql, bool scan)
{
	struct pg_db *pd = (struct pg_db *)db;
	struct pg_stmt *st = calloc(1, sizeof *st);
	if (!st) {
		db_fail(db, "out of memory");
		return NULL;
	}
	st->base = (struct db_stmt){db, sql, scan};
	snprintf(st->name, sizeof st->name, "a%u", pd->next_name++);
	char prefix[64] = "";
	if (scan)
		snprintf(prefix, sizeof prefix, "DECLARE c%s NO SCROLL CURSOR FOR ", st->name);
	char *text = translate(db, sql, prefix, &st->n_params);
	if (!text) {
		free(st);
		return NULL;
	}
	int n = st->n_params ? st->n_params : 1;
	st->p = calloc((size_t)n, sizeof *st->p);
	st->values = calloc((size_t)n, sizeof *st->values);
	st->lengths = calloc((size_t)n, sizeof *st->lengths);
	st->formats = calloc((size_t)n, sizeof *st->formats);
	if (!st->p || !st->values || !st->lengths || !st->formats) {
		free(text);
		free_stmt(st);
		db_fail(db, "out of memory");
		return NULL;
	}
	for (int i = 0; i < st->n_params; i++)
		st->p[i].null = true;
	st->text = text;
	/* Preparing is the first thing a new statement sends: a connection that
	 * died while idle is found here, and made again between transactions
	 * (nothing has run). */
	int rc = server_prepare(st);
	if (rc < 0 && !pd->txn && conn_lost(db) && pg_reconnect(db) == 0)
		rc = server_prepare(st);
	if (rc < 0) {
		free_stmt(st);
		return NULL;
	}
	return &st->base;
}

static void close_scan(struct pg_stmt *st)
{
	struct db *db = st->base.db;
	if (st->cursor_open && PQtransactionStatus(C(db)) == PQTRANS_INTRANS) {
		char sql[48];
		snprintf(sql, sizeof sql, "CLOSE c%s", st->name);
		pg_exec(db, sql);
	}
	st->cursor_open = false;
	if (st->own_txn)
		pg_exec(db, PQtransactionStatus(C(db)) == PQTRANS_INTRANS ? "COMMIT" : "ROLLBACK");
	st->own_txn = false;
}

static void pg_reset(struct db_stmt *base)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	if (base->scan)
		close_scan(st);
	PQclear(st->res);
	st->res = NULL;
	st->executed = false;
	st->row = st->n_rows = 0;
	for (int i = 0; i < st->n_params; i++)
		st->p[i].null = true;
}

static void pg_finalize(struct db_stmt *base)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	pg_reset(base);
	if (!conn_lost(base->db)) {
		char sql[48];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
		PGresult *res = PQexec(C(base->db), sql);
		PQclear(res);
	}
	free_stmt(st);
}

static void pg_bind(struct db_stmt *base, int i, enum db_type t, int64_t v, const void *p, size_t n)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	if (i < 1 || i > st->n_params)
		return; /* as SQLite: a parameter the query lacks is ignored */
	struct param *pa = &st->p[i - 1];
	char num[24];
	if (t == DB_NULL) {
		pa->null = true;
		return;
	}
	if (t == DB_INT) {
		n = (size_t)snprintf(num, sizeof num, "%lld", (long long)v);
		p = num;
	}
	if (n + 1 > pa->cap) {
		char *grown = realloc(pa->buf, n + 1);
		if (!grown) {
			pa->null = true; /* the statement then fails on a NULL */
			return;
		}
		pa->buf = grown;
		pa->cap = n + 1;
	}
	if (n)
		memcpy(pa->buf, p, n);
	pa->buf[n] = '\0';
	pa->len = (int)n;
	pa->binary = t == DB_BLOB;
	pa->null = false;
}

static void set_changes(struct db *db, const PGresult *res)
{
	const char *n = PQcmdTuples((PGresult *)res);
	((struct pg_db *)db)->changes = n && *n ? atol(n) : 0;
}

/* Runs the prepared statement with its parameters into st->res. */
static int run(struct pg_stmt *st)
{
	if (st->gen != ((struct pg_db *)st->base.db)->gen && server_prepare(st) < 0)
		return -1;
	for (int i = 0; i < st->n_params; i++) {
		st->values[i] = st->p[i].null ? NULL : st->p[i].buf;
		st->lengths[i] = st->p[i].len;
		st->formats[i] = st->p[i].binary;
	}
	PQclear(st->res);
	st->res = PQexecPrepared(C(st->base.db), st->name, st->n_params, st->values, st->lengths,
				 st->formats, 0);
	if (!res_ok(st->res))
		return fail_res(st->base.db, st->res);
	set_changes(st->base.db, st->res);
	return 0;
}

static int fetch(struct pg_stmt *st)
{
	char sql[64];
	snprintf(sql, sizeof sql, "FETCH FORWARD %d FROM c%s", SCAN_BATCH, st->name);
	PQclear(st->res);
	st->res = PQexec(C(st->base.db), sql);
	if (!res_ok(st->res))
		return fail_res(st->base.db, st->res);
	st->row = 0;
	st->n_rows = PQntuples(st->res);
	return 0;
}

static int start_scan(struct pg_stmt *st)
{
	struct db *db = st->base.db;
	if (!pg_in_txn(db)) {
		if (pg_exec(db, "BEGIN") < 0)
			return -1;
		st->own_txn = true;
	}
	if (run(st) < 0)
		return -1;
	st->cursor_open = true;
	return fetch(st);
}

static bool is_select(const char *sql)
{
	return strncmp(sql, "SELECT", 6) == 0 && !strstr(sql, "pg_notify");
}

static int pg_step(struct db_stmt *base)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	struct pg_db *pd = (struct pg_db *)base->db;
	if (!st->executed) {
		st->executed = true;
		/* Between transactions a lost connection is made again; a query
		 * that only reads, met by a connection that died while idle, is
		 * asked once more. */
		if (!pd->txn && conn_lost(base->db) && pg_reconnect(base->db) < 0)
			return -1;
		int rc = base->scan ? start_scan(st) : run(st);
		if (rc < 0 && !pd->txn && !base->scan && conn_lost(base->db) &&
		    is_select(base->sql) && pg_reconnect(base->db) == 0)
			rc = run(st);
		if (rc < 0) {
			if (base->scan)
				close_scan(st);
			return -1;
		}
		if (!base->scan) {
			st->row = 0;
			st->n_rows = PQresultStatus(st->res) == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
		}
	} else if (st->res) {
		st->row++;
		if (base->scan && st->row >= st->n_rows && st->n_rows == SCAN_BATCH && fetch(st) < 0) {
			close_scan(st);
			return -1;
		}
	}
	if (st->res && st->row < st->n_rows)
		return DB_ROW;
	/* Done: the result is no longer needed (a large one is freed now). */
	if (base->scan)
		close_scan(st);
	PQclear(st->res);
	st->res = NULL;
	return DB_DONE;
}

static long pg_changes(struct db *db)
{
	return ((struct pg_db *)db)->changes;
}

static enum db_type pg_col_type(struct db_stmt *base, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	if (!st->res || PQgetisnull(st->res, st->row, i))
		return DB_NULL;
	switch (PQftype(st->res, i)) {
	case OID_BOOL:
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
		return DB_INT;
	case OID_BYTEA:
		return DB_BLOB;
	default:
		return DB_TEXT;
	}
}

static int64_t pg_col_int64(struct db_stmt *base, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	if (!st->res || PQgetisnull(st->res, st->row, i))
		return 0;
	const char *v = PQgetvalue(st->res, st->row, i);
	if (v[0] == 't' || v[0] == 'f') /* a boolean */
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

static const char *pg_col_text(struct db_stmt *base, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	if (!st->res || PQgetisnull(st->res, st->row, i))
		return NULL;
	return PQgetvalue(st->res, st->row, i);
}

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - 'A' + 10;
}

/* A bytea column of the current row, decoded from its hex text. */
static const unsigned char *decode_blob(struct pg_stmt *st, int i, int *len)
{
	*len = 0;
	if (!st->res || PQgetisnull(st->res, st->row, i))
		return NULL;
	int cols = PQnfields(st->res);
	if (i >= cols)
		return NULL;
	if (st->n_blob_cols < cols) {
		unsigned char **b = realloc(st->blob, (size_t)cols * sizeof *b);
		if (b)
			st->blob = b;
		size_t *cap = realloc(st->blob_cap, (size_t)cols * sizeof *cap);
		if (cap)
			st->blob_cap = cap;
		if (!b || !cap)
			return NULL;
		for (int k = st->n_blob_cols; k < cols; k++) {
			st->blob[k] = NULL;
			st->blob_cap[k] = 0;
		}
		st->n_blob_cols = cols;
	}
	const char *v = PQgetvalue(st->res, st->row, i);
	int vlen = PQgetlength(st->res, st->row, i);
	if (vlen < 2 || v[0] != '\\' || v[1] != 'x')
		return NULL; /* only the hex output format (PostgreSQL 9.0 on) */
	size_t n = (size_t)(vlen - 2) / 2;
	if (n + 1 > st->blob_cap[i]) {
		unsigned char *grown = realloc(st->blob[i], n + 1);
		if (!grown)
			return NULL;
		st->blob[i] = grown;
		st->blob_cap[i] = n + 1;
	}
	for (size_t k = 0; k < n; k++)
		st->blob[i][k] = (unsigned char)(hex(v[2 + 2 * k]) << 4 | hex(v[3 + 2 * k]));
	st->blob[i][n] = 0;
	*len = (int)n;
	return st->blob[i];
}

static const void *pg_col_blob(struct db_stmt *base, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	int len;
	/* As SQLite: a text column read as bytes is its text. */
	if (st->res && PQftype(st->res, i) != OID_BYTEA)
		return pg_col_text(base, i);
	return decode_blob(st, i, &len);
}

static int pg_col_bytes(struct db_stmt *base, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	if (!st->res || PQgetisnull(st->res, st->row, i))
		return 0;
	if (PQftype(st->res, i) == OID_BYTEA)
		return (PQgetlength(st->res, st->row, i) - 2) / 2;
	return PQgetlength(st->res, st->row, i);
}

static int pg_col_count(struct db_stmt *base)
{
	struct pg_stmt *st = (struct pg_stmt *)base;
	return st->res ? PQnfields(st->res) : 0;
}

/* ---- bulk loading: COPY ... FROM STDIN in the text format ---- */

static bool put(struct pg_copy *c, const char *p, size_t n)
{
	if (c->len + n > c->cap) {
		size_t cap = c->cap ? c->cap : COPY_FLUSH + 4096;
		while (cap < c->len + n)
			cap *= 2;
		char *grown = realloc(c->buf, cap);
		if (!grown) {
			c->failed = true;
			return false;
		}
		c->buf = grown;
		c->cap = cap;
	}
	memcpy(c->buf + c->len, p, n);
	c->len += n;
	return true;
}

static int flush(struct pg_copy *c)
{
	if (c->len && PQputCopyData(C(c->base.db), c->buf, (int)c->len) != 1) {
		c->failed = true;
		return fail_res(c->base.db, NULL);
	}
	c->len = 0;
	return 0;
}

static struct db_copy *pg_copy_begin(struct db *db, const char *table, const char *const *cols,
				     int n)
{
	char sql[2048];
	size_t k = (size_t)snprintf(sql, sizeof sql, "COPY %s (", table);
	for (int i = 0; i < n && k < sizeof sql; i++)
		k += (size_t)snprintf(sql + k, sizeof sql - k, "%s%s", i ? ", " : "", cols[i]);
	if (k + 20 >= sizeof sql) {
		db_fail(db, "loading %s: too many columns", table);
		return NULL;
	}
	strcat(sql, ") FROM STDIN");
	struct pg_copy *c = calloc(1, sizeof *c);
	if (!c) {
		db_fail(db, "out of memory");
		return NULL;
	}
	c->base.db = db;
	PGresult *res = PQexec(C(db), sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		fail_res(db, res);
		PQclear(res);
		free(c);
		return NULL;
	}
	PQclear(res);
	return &c->base;
}

static void pg_copy_value(struct db_copy *base, int i, enum db_type t, int64_t v, const void *p,
			  size_t n)
{
	struct pg_copy *c = (struct pg_copy *)base;
	if (i != c->next_col) {
		c->failed = true; /* columns are set in order */
		return;
	}
	if (i > 0)
		put(c, "\t", 1);
	c->next_col++;
	char tmp[32];
	if (t == DB_NULL) {
		put(c, "\\N", 2);
	} else if (t == DB_INT) {
		put(c, tmp, (size_t)snprintf(tmp, sizeof tmp, "%lld", (long long)v));
	} else if (t == DB_BLOB) {
		static const char digits[] = "0123456789abcdef";
		const unsigned char *b = p;
		put(c, "\\\\x", 3);
		for (size_t k = 0; k < n; k++) {
			char two[2] = {digits[b[k] >> 4], digits[b[k] & 15]};
			put(c, two, 2);
		}
	} else {
		/* The text format's escapes: backslash, and the separators. */
		const char *s = p;
		size_t from = 0;
		for (size_t k = 0; k < n; k++) {
			const char *esc = s[k] == '\\' ? "\\\\" : s[k] == '\t' ? "\\t"
								 : s[k] == '\n' ? "\\n"
								 : s[k] == '\r' ? "\\r"
										: NULL;
			if (esc) {
				put(c, s + from, k - from);
				put(c, esc, 2);
				from = k + 1;
			}
		}
		put(c, s + from, n - from);
	}
}

static int pg_copy_row(struct db_copy *base)
{
	struct pg_copy *c = (struct pg_copy *)base;
	put(c, "\n", 1);
	c->next_col = 0;
	if (c->failed)
		return db_fail(base->db, "loading rows: out of memory or columns out of order");
	return c->len >= COPY_FLUSH ? flush(c) : 0;
}

static int pg_copy_end(struct db_copy *base)
{
	struct pg_copy *c = (struct pg_copy *)base;
	struct db *db = base->db;
	int rc = c->failed ? -1 : flush(c);
	if (PQputCopyEnd(C(db), rc < 0 ? "the load was abandoned" : NULL) != 1)
		rc = fail_res(db, NULL);
	PGresult *res;
	while ((res = PQgetResult(C(db)))) {
		if (!res_ok(res) && rc == 0)
			rc = fail_res(db, res);
		else if (res_ok(res))
			set_changes(db, res);
		PQclear(res);
	}
	free(c->buf);
	free(c);
	return rc;
}

static int pg_listen(struct db *db, const char *channel);
static int pg_wait_notify(struct db *db, int timeout_ms, char *payload, size_t len);
static bool pg_server_changed(struct db *db);

static const struct db_ops pg_ops = {
	.close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.in_txn = pg_in_txn,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind = pg_bind,
	.step = pg_step,
	.reset = pg_reset,
	.changes = pg_changes,
	.col_type = pg_col_type,
	.col_int64 = pg_col_int64,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.col_bytes = pg_col_bytes,
	.col_count = pg_col_count,
	.copy_begin = pg_copy_begin,
	.copy_value = pg_copy_value,
	.copy_row = pg_copy_row,
	.copy_end = pg_copy_end,
	.listen = pg_listen,
	.wait_notify = pg_wait_notify,
	.reconnect = pg_reconnect,
	.server_changed = pg_server_changed,
};

static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* The connection's settings, at the start and after a reconnection. */
static int setup(struct pg_db *db)
{
	PQsetNoticeProcessor(db->conn, ignore_notice, NULL);
	/* ISO dates both ways; a lock waited for as long as SQLite's busy
	 * timeout; and synchronous_commit on unless the server already asks
	 * for more (remote_write, remote_apply) or for the local flush only. */
	if (PQsetClientEncoding(db->conn, "UTF8") != 0)
		return db_fail(&db->base, "cannot use UTF-8: %s", PQerrorMessage(db->conn));
	return pg_exec(&db->base, "SET DateStyle = ISO; SET client_min_messages = warning; "
				  "SET lock_timeout = '10s'; "
				  "SELECT set_config('synchronous_commit', 'on', false) "
				  "WHERE current_setting('synchronous_commit') = 'off'");
}

/* ---- several servers: reconnecting, LISTEN and NOTIFY ---- */

/* The server's identity as a text: when it started, and where. */
static void server_identity(struct pg_db *pd, char *out, size_t len)
{
	PGresult *res = PQexec(pd->conn, "SELECT pg_postmaster_start_time()::text || ' ' || "
					 "coalesce(inet_server_addr()::text, '') || ' ' || "
					 "coalesce(inet_server_port()::text, '')");
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		snprintf(out, len, "%s", PQgetvalue(res, 0, 0));
	else
		out[0] = '\0';
	PQclear(res);
}

static int listen_again(struct db *db)
{
	struct pg_db *pd = (struct pg_db *)db;
	if (!pd->channel[0])
		return 0;
	/* A hot standby cannot LISTEN: it is read, not notified (1). */
	PGresult *res = PQexec(pd->conn, "SELECT pg_is_in_recovery()");
	bool standby = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
		       PQgetvalue(res, 0, 0)[0] == 't';
	bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	int rc = ok ? 0 : fail_res(db, res);
	PQclear(res);
	if (rc < 0 || standby)
		return rc < 0 ? -1 : 1;
	char *id = PQescapeIdentifier(pd->conn, pd->channel, strlen(pd->channel));
	if (!id)
		return fail_res(db, NULL);
	char sql[128];
	snprintf(sql, sizeof sql, "LISTEN %s", id);
	PQfreemem(id);
	return pg_exec(db, sql);
}

/* After a lost connection (a restarted server, a failover: a URI naming
 * several hosts with target_session_attrs=read-write finds the new
 * primary), the same connection made again. */
static int pg_reconnect(struct db *db)
{
	struct pg_db *pd = (struct pg_db *)db;
	if (!conn_lost(db))
		return 0;
	PQreset(pd->conn);
	if (PQstatus(pd->conn) != CONNECTION_OK) {
		char msg[400];
		snprintf(msg, sizeof msg, "%s", PQerrorMessage(pd->conn));
		msg[strcspn(msg, "\n")] = '\0';
		return db_fail(db, "lost the connection to PostgreSQL and cannot make it again: %s", msg);
	}
	pd->lost = false;
	pd->gen++;
	if (setup(pd) < 0 || listen_again(db) < 0)
		return -1;
	char now[sizeof pd->server];
	server_identity(pd, now, sizeof now);
	if (strcmp(now, pd->server) != 0)
		pd->server_changed = true;
	memcpy(pd->server, now, sizeof now);
	return 0;
}

static bool pg_server_changed(struct db *db)
{
	struct pg_db *pd = (struct pg_db *)db;
	bool changed = pd->server_changed;
	pd->server_changed = false;
	return changed;
}

static int pg_listen(struct db *db, const char *channel)
{
	struct pg_db *pd = (struct pg_db *)db;
	snprintf(pd->channel, sizeof pd->channel, "%s", channel);
	return listen_again(db);
}

static int pg_wait_notify(struct db *db, int timeout_ms, char *payload, size_t len)
{
	PGconn *conn = C(db);
	for (;;) {
		if (PQstatus(conn) != CONNECTION_OK)
			return db_fail(db, "lost the connection to PostgreSQL");
		PGnotify *n = PQnotifies(conn);
		if (n) {
			snprintf(payload, len, "%s", n->extra);
			PQfreemem(n);
			return 1;
		}
		if (timeout_ms < 0)
			return 0;
		struct pollfd pfd = {.fd = PQsocket(conn), .events = POLLIN};
		int rc = poll(&pfd, 1, timeout_ms);
		timeout_ms = -1; /* one wait; then whatever arrived */
		if (rc < 0)
			return 0;
		/* Reads what the server sent; a closed socket fails it. */
		if (PQconsumeInput(conn) != 1) {
			if (PQstatus(conn) == CONNECTION_OK)
				return fail_res(db, NULL);
			return db_fail(db, "lost the connection to PostgreSQL");
		}
	}
}

int db_pg_open(const char *uri, struct db **out, char *err, size_t errlen)
{
	char shown[256];
	db_target_shown(uri, shown, sizeof shown);
	struct pg_db *db = calloc(1, sizeof *db);
	if (!db) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	db->base.ops = &pg_ops;
	db->base.kind = DB_POSTGRES;
	db->conn = PQconnectdb(uri);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		char msg[400];
		snprintf(msg, sizeof msg, "%s", PQerrorMessage(db->conn));
		msg[strcspn(msg, "\n")] = '\0';
		snprintf(err, errlen, "cannot open database %s: %s", shown, msg);
		goto fail;
	}
	if (PQserverVersion(db->conn) < 130000) {
		snprintf(err, errlen, "cannot open database %s: PostgreSQL %d.%d is too old: attend "
				      "needs 13 or newer",
			 shown, PQserverVersion(db->conn) / 10000, PQserverVersion(db->conn) / 100 % 100);
		goto fail;
	}
	if (setup(db) < 0) {
		snprintf(err, errlen, "cannot open database %s: %s", shown, db->base.err);
		goto fail;
	}
	server_identity(db, db->server, sizeof db->server);
	*out = &db->base;
	return 0;
fail:
	PQfinish(db->conn);
	free(db);
	return -1;
}
