/* The database a unit test writes to: a file at path, or, when the suite
 * runs on PostgreSQL (tests/with-pg.sh sets ATTEND_TEST_PG), a new
 * database on that server. The same test then runs on both. */
#ifndef ATTEND_TEST_DB_H
#define ATTEND_TEST_DB_H

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

/* Writes the target to out: path itself, or the URI of a new, empty
 * PostgreSQL database. Returns 0, or -1 when the database can't be made. */
static inline int test_db_target(const char *path, char *out, size_t len)
{
	const char *server = getenv("ATTEND_TEST_PG");
	if (!server || !*server) {
		snprintf(out, len, "%s", path);
		return 0;
	}
	static int n;
	char name[64], admin[512], sql[128];
	snprintf(name, sizeof name, "u_%ld_%d", (long)getpid(), ++n);
	snprintf(admin, sizeof admin, "%s/postgres", server);
	PGconn *c = PQconnectdb(admin);
	int rc = -1;
	if (PQstatus(c) == CONNECTION_OK) {
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
		PGresult *res = PQexec(c, sql);
		rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : -1;
		if (rc < 0)
			fprintf(stderr, "test_db_target: %s", PQerrorMessage(c));
		PQclear(res);
	} else {
		fprintf(stderr, "test_db_target: %s", PQerrorMessage(c));
	}
	PQfinish(c);
	snprintf(out, len, "%s/%s", server, name);
	return rc;
}

/* Runs SQL on the target as someone outside attend would (the test's own
 * SQL, in each database's dialect). Returns 0 or -1. */
static inline int test_db_exec(const char *target, const char *sql_sqlite, const char *sql_pg)
{
	int rc = -1;
	if (strncmp(target, "postgres", 8) == 0) {
		PGconn *c = PQconnectdb(target);
		PGresult *res = PQexec(c, sql_pg);
		rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : -1;
		PQclear(res);
		PQfinish(c);
	} else {
		sqlite3 *db;
		if (sqlite3_open(target, &db) == SQLITE_OK)
			rc = sqlite3_exec(db, sql_sqlite, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
		sqlite3_close(db);
	}
	return rc;
}

#endif
