/* The school census attendance module: for each pupil aged 5 to 15, their
 * sessions possible, authorised and unauthorised absence, and the absence
 * sessions of each reason, over the census's periods (core/census), with
 * the figures from core/stats; and a summary the data manager can check
 * against `attend stats` over the same dates before sending. */
#ifndef ATTEND_CENSUS_EXPORT_H
#define ATTEND_CENSUS_EXPORT_H

#include <stdio.h>

#include "app/error.h"
#include "core/census.h"
#include "engine/engine.h"

/* Writes the module to out and the summary to summary. */
struct output;
int census_export(const struct engine *e, enum census_term term, int year, struct output *out,
		  FILE *summary, struct app_error *err);

#endif
