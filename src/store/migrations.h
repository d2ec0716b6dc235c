/* The SQL migrations, embedded in the binary at build time from
 * src/store/migrations/<backend>/NNNN-name.sql (see the Makefile). */
#ifndef ATTEND_MIGRATIONS_H
#define ATTEND_MIGRATIONS_H

struct migration {
	const char *name;
	const char *sql;
};

extern const struct migration migrations_sqlite[];
extern const int migrations_sqlite_count;

#endif
