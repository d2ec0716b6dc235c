/* What every `attend` command shares: option parsing, opening the database,
 * and the exit statuses (0 done, 1 bad input, 2 usage). */
#ifndef ATTEND_CLI_H
#define ATTEND_CLI_H

#include <jansson.h>
#include <stdbool.h>

#include "app/error.h"
#include "engine/engine.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

struct cli_opt {
	const char *name; /* without the leading "--" */
	const char **value; /* for options taking a value */
	bool *flag;         /* for flags */
};

struct cli {
	const char *db;      /* --db, $ATTEND_DB, ./attend.db: a file or a postgresql:// URI */
	const char *command; /* "import marks", for messages */
	const char *usage;   /* the command's help text */
};

/* Parses argv after the command name. Positional arguments go to pos (at
 * most max_pos, at least min_pos). --help prints usage and exits 0; anything
 * unknown prints a usage error and exits 2. */
void cli_args(struct cli *c, int argc, char **argv, const struct cli_opt *opts, const char **pos,
	      int min_pos, int max_pos, int *n_pos);
/* Prints "attend: <message>" and returns the exit status for the error. */
int cli_fail(const struct cli *c, const struct app_error *err);
/* A usage error: prints the message and how to get help; returns 2. */
/* c->db as messages show it (a URI's password hidden). */
const char *cli_db_shown(const struct cli *c);
int cli_usage_error(const struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Opens the store; the schema must be current unless allow_uninitialised. */
int cli_open_store(struct cli *c, struct store **s, bool allow_uninitialised);
/* Opens the store, creating or migrating the database (init, demo). */
int cli_open_migrated(struct cli *c, struct store **s, int *applied);
/* The school a command works on in a database of several: $ATTEND_SCHOOL
 * (a URN), else NULL (the database's first school). */
const char *cli_school_urn(void);
/* Puts the schools (each with an id) in the trust of that name, added if
 * new; one transaction. */
int cli_put_in_trust(struct store *s, const char *trust, const int64_t *ids, int n,
		     struct app_error *err);
/* Opens the store and loads the school. */
int cli_open_engine(struct cli *c, struct store **s, struct engine *e);
/* Prints a command's JSON output (indented, numbers to 15 digits) and takes
 * it; NULL means the report ran out of memory. Returns the exit status. */
int cli_print_json(const struct cli *c, json_t *out);
/* The user to record as "who": --by, else the login name. */
const char *cli_default_user(void);
/* That user (by, else the login name) checked as a text field into user,
 * and the store and the school opened. EXIT_OK, or the exit status of the
 * error it printed. */
int cli_open_as(struct cli *c, const char *by, char user[STORE_USER_MAX], struct store **s,
		struct engine *e);

#endif
