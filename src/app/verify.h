/* Proving the register unaltered: every version's hash is recomputed and
 * checked against the chain (session marks and lesson marks), and every
 * current session mark against its history. */
#ifndef ATTEND_VERIFY_H
#define ATTEND_VERIFY_H

#include <stdio.h>

#include "engine/engine.h"

struct verify_result {
	long marks_checked;    /* sessions and lessons with a history */
	long versions_checked;
	long problems;
};

/* Writes one line per problem to out (who, which session, what is wrong). */
int verify_register(struct engine *e, FILE *out, struct verify_result *res, struct app_error *err);
/* The same for one pupil's session marks on the school days from..to:
 * each session's chain of versions, and its current mark against the
 * latest version (for an extract of the legal record). */
int verify_pupil(struct engine *e, int64_t pupil_id, date_t from, date_t to, FILE *out,
		 struct verify_result *res, struct app_error *err);

#endif
