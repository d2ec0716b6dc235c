/* Attendance history received from other schools (CTF imports), as JSON
 * (for the profile and the transition view) and as text. Each year shows
 * the old school's totals as sent and, where the file had marks, the
 * figures core/stats computes from them, with any discrepancy stated. */
#ifndef ATTEND_TRANSFERS_H
#define ATTEND_TRANSFERS_H

#include <jansson.h>
#include <stdio.h>

#include "app/error.h"
#include "engine/engine.h"

/* upn NULL: every pupil. NULL on a store failure (err set). */
json_t *transfers_json(const struct engine *e, const char *upn, bool with_sessions,
		       struct app_error *err);
int transfers_text(FILE *out, const struct engine *e, const char *upn, struct app_error *err);

#endif
