/* The DfE's daily attendance data: a CSV a school (or its data-sharing
 * connector) sends, with the pupil items the DfE asks for and each session's
 * code, AM and PM, for every pupil on roll on the day, and a row again for
 * every earlier session of the last 7 days whose mark was entered or
 * amended after its own day, so the DfE's copy catches up with the register.
 *
 * Columns: urn, la_code, upn, surname, forename, dob, sex, ethnicity,
 * looked_after, sen (N, K SEN support, E EHC plan), ehc_plan, fsm, year,
 * admitted, left, cin, cp, date, am, pm, record ("day" or "change"),
 * changed_at (the school-local time of the latest entry, change rows only). */
#ifndef ATTEND_DFE_DAILY_H
#define ATTEND_DFE_DAILY_H

#include "app/error.h"
#include "engine/engine.h"

#define DFE_DAILY_CHANGE_DAYS 7

struct dfe_daily_result {
	int pupils;  /* rows for the day */
	int changes; /* rows for earlier days */
};

struct output;
int dfe_daily_export(const struct engine *e, date_t day, struct output *out,
		     struct dfe_daily_result *res, struct app_error *err);

#endif
