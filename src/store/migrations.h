/* The SQL migrations, embedded in the binary at build time from
 * src/store/migrations/<backend>/NNNN-name.sql (see the Makefile). The two
 * backends' lists are versioned together: the build checks that they name
 * the same migrations (src/store/check-migrations.sh). */
#ifndef ATTEND_MIGRATIONS_H
#define ATTEND_MIGRATIONS_H

struct migration {
	const char *name;
	const char *sql;
};

extern const struct migration migrations_sqlite[];
extern const int migrations_sqlite_count;
extern const struct migration migrations_pg[];
extern const int migrations_pg_count;

#endif
