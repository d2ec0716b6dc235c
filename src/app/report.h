/* Attendance figures as JSON (the `attend stats --json` and /api/stats
 * contract) and as text for people. The figures come from core/stats. */
#ifndef ATTEND_REPORT_H
#define ATTEND_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "app/error.h"
#include "core/groups.h"
#include "engine/engine.h"

struct stats_query {
	date_t from, to;
	int group;                /* enum group_field, or -1 for none */
	struct group_spec by;     /* a combination ("fsm,year"); when by.n > 0 it replaces group */
	const uint8_t *row_scope; /* rows the caller may see (1) or not (0); NULL: all */
	bool identify_pupils;     /* false: no per-pupil rows (aggregate-only roles) */
	bool suppress_small;      /* the small-number rule (core/disclosure): governors */
};

/* Fills in from/to left as DATE_INVALID: the academic year to date, or the
 * latest academic year the calendar holds if today is past it. */
void report_default_range(const struct engine *e, date_t today, struct stats_query *q);
/* Checks the range: from <= to. */
int report_check_range(const struct stats_query *q, struct app_error *err);

json_t *report_stats_json(const struct engine *e, const struct stats_query *q);
void report_stats_text(FILE *out, const struct engine *e, const struct stats_query *q);

/* Percentages in hundredths as JSON numbers with two decimals (null for n/a). */
json_t *report_pct_json(int64_t pct100);
/* num/den as a percentage to one decimal for people ("94.7"; "-" when den
 * is 0), rounded once from the exact value. */
void report_pct1(char *buf, size_t len, int64_t num, int64_t den);
/* A difference in hundredths of a point (null for PP_NONE). */
json_t *report_pp_json(int64_t pp100);
/* A difference in hundredths of a point for people, one decimal, signed:
 * "+6.9", "-0.4", "0.0", "-" for PP_NONE. */
void report_pp_text(char *buf, size_t len, int64_t pp100);
/* The "summary" object of `attend stats --json` for any group's sums. */
json_t *report_summary_json(const struct group_figures *g);

/* The groups of a query: its combination of fields, and a slot for each
 * key some row has, in key (display) order, so sums are kept only for
 * groups that exist. */
struct report_groups {
	struct group_spec spec; /* spec.n == 0: no grouping */
	int n;                  /* slots */
	int *slot_key;          /* key of each slot */
	int *row_slot;          /* slot of each row of the matrix */
};
int report_groups_init(struct report_groups *g, const struct engine *e,
		       const struct stats_query *q);
void report_groups_free(struct report_groups *g);
/* {"group": "fsm,year", "value": "Y/7", "values": {"fsm": "Y", "year": "7"}} */
json_t *report_group_head(const struct report_groups *g, const struct matrix *m, int slot);

#endif
