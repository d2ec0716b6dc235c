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

#endif
