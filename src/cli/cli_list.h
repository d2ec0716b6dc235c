/* What the listing commands of families and messages share: the pupil a
 * UPN names, and the end of a listing (the store's error, the JSON, or a
 * line saying there is nothing). */
#ifndef ATTEND_CLI_LIST_H
#define ATTEND_CLI_LIST_H

#include <jansson.h>

#include "cli/cli.h"

/* A listing being built: a JSON array (with --json) or printed lines. */
struct cli_list {
	json_t *items; /* NULL: printing text */
	int n;
};

/* The pupil upn names (0 when upn is NULL); returns EXIT_OK, or prints the
 * error and returns its exit status. */
int cli_pupil_id(struct cli *c, const struct engine *e, const char *upn, int64_t *pupil_id);
/* Ends a listing whose store walk returned each_rc: prints the store's
 * error, or the JSON object {key: items} (with "upn" when upn is given), or
 * `none` when nothing was listed. Frees the items; returns the exit status. */
int cli_list_end(struct cli *c, struct store *s, int each_rc, struct cli_list *l, const char *key,
		 const char *upn, const char *none);

#endif
