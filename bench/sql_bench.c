/* The SQL peers' side of `make bench`: runs a script of statements (one
 * of the scripts in bench/sql/, with :school, :from, :to and :intdiv filled in) on SQLite or
 * PostgreSQL, times whole runs of it, and on the first run writes the rows
 * of its SELECTs for the harness to compare with the engine's figures.
 *
 * usage: sql_bench (--sqlite DB | --pg CONNINFO) --sql FILE --school ID
 *                  --from DATE --to DATE [--intdiv OP] [--reps N] [--check FILE] */
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"

#define MAX_STMTS 16

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Replaces every `key` in text by value (a new string). */
static char *replace(const char *text, const char *key, const char *value)
{
	size_t kl = strlen(key), vl = strlen(value), n = 0;
	for (const char *p = text; (p = strstr(p, key)); p += kl)
		n++;
	char *out = malloc(strlen(text) + n * vl + 1), *o = out;
	for (const char *p = text, *q; ; p = q + kl) {
		q = strstr(p, key);
		size_t len = q ? (size_t)(q - p) : strlen(p);
		memcpy(o, p, len);
		o += len;
		if (!q)
			break;
		memcpy(o, value, vl);
		o += vl;
	}
	*o = '\0';
	return out;
}

static int run_sqlite(sqlite3 *db, char **stmts, int n, FILE *check)
{
	for (int i = 0; i < n; i++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, stmts[i], -1, &st, NULL) != SQLITE_OK) {
			fprintf(stderr, "sql_bench: %s\n", sqlite3_errmsg(db));
			return -1;
		}
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (!check)
				continue;
			int cols = sqlite3_column_count(st);
			for (int c = 0; c < cols; c++)
				fprintf(check, c ? " %s" : "%s", (const char *)sqlite3_column_text(st, c));
			fputc('\n', check);
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			fprintf(stderr, "sql_bench: %s\n", sqlite3_errmsg(db));
			return -1;
		}
	}
	return 0;
}

static int run_pg(PGconn *pg, char **stmts, int n, FILE *check)
{
	for (int i = 0; i < n; i++) {
		PGresult *r = PQexec(pg, stmts[i]);
		ExecStatusType st = PQresultStatus(r);
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
			fprintf(stderr, "sql_bench: %s", PQerrorMessage(pg));
			PQclear(r);
			return -1;
		}
		if (check && st == PGRES_TUPLES_OK) {
			int rows = PQntuples(r), cols = PQnfields(r);
			for (int y = 0; y < rows; y++) {
				for (int c = 0; c < cols; c++)
					fprintf(check, c ? " %s" : "%s", PQgetvalue(r, y, c));
				fputc('\n', check);
			}
		}
		PQclear(r);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *sqlite_db = NULL, *conninfo = NULL, *sql = NULL, *school = NULL, *from = NULL,
		   *to = NULL, *check = NULL, *intdiv = "/";
	int reps = 3;
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];
		if (!strcmp(k, "--sqlite")) sqlite_db = v;
		else if (!strcmp(k, "--pg")) conninfo = v;
		else if (!strcmp(k, "--sql")) sql = v;
		else if (!strcmp(k, "--school")) school = v;
		else if (!strcmp(k, "--from")) from = v;
		else if (!strcmp(k, "--to")) to = v;
		else if (!strcmp(k, "--check")) check = v;
		else if (!strcmp(k, "--intdiv")) intdiv = v;
		else if (!strcmp(k, "--reps")) reps = atoi(v);
	}
	if ((!sqlite_db == !conninfo) || !sql || !school || !from || !to || reps < 1) {
		fprintf(stderr, "usage: sql_bench (--sqlite DB | --pg CONNINFO) --sql FILE --school ID "
				"--from DATE --to DATE [--intdiv OP] [--reps N] [--check FILE]\n");
		return 2;
	}
	char *text = slurp(sql);
	if (!text) {
		perror(sql);
		return 1;
	}
	char *a = replace(text, ":school", school), *b = replace(a, ":from", from),
	     *d = replace(b, ":intdiv", intdiv), *script = replace(d, ":to", to);
	char *stmts[MAX_STMTS];
	int n = 0;
	for (char *p = script; p && *p && n < MAX_STMTS;) {
		char *end = strstr(p, "\n;\n");
		if (end)
			*end = '\0';
		if (strspn(p, " \t\r\n") < strlen(p))
			stmts[n++] = p;
		p = end ? end + 3 : NULL;
	}
	sqlite3 *db = NULL;
	PGconn *pg = NULL;
	if (sqlite_db) {
		if (sqlite3_open_v2(sqlite_db, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
			fprintf(stderr, "sql_bench: %s\n", sqlite3_errmsg(db));
			return 1;
		}
	} else if (PQstatus(pg = PQconnectdb(conninfo)) != CONNECTION_OK) {
		fprintf(stderr, "sql_bench: %s", PQerrorMessage(pg));
		return 1;
	}
	double *t = calloc((size_t)reps, sizeof *t);
	for (int k = 0; k < reps; k++) {
		FILE *out = NULL;
		if (k == 0 && check && !(out = fopen(check, "w"))) {
			perror(check);
			return 1;
		}
		double t0 = bench_now_ms();
		int rc = db ? run_sqlite(db, stmts, n, out) : run_pg(pg, stmts, n, out);
		t[k] = bench_now_ms() - t0;
		if (out)
			fclose(out);
		if (rc < 0)
			return 1;
	}
	printf("query_ms %.3f\n", bench_median(t, reps));
	free(t);
	if (db)
		sqlite3_close(db);
	if (pg)
		PQfinish(pg);
	free(text);
	free(a);
	free(b);
	free(d);
	free(script);
	return 0;
}
