/* Synthetic schools for demonstrations, tests and benchmarks: a real
 * English calendar, pupils with realistic characteristics, and a register
 * whose figures are calibrated to England's published national figures
 * (shared/domain.md, benchmarks-national.csv). The same seed always gives
 * the same schools and marks. Every mark is a first version with its hash
 * chain, written through the store like any other. */
#ifndef ATTEND_DEMO_H
#define ATTEND_DEMO_H

#include <stdint.h>

#include "app/error.h"
#include "store/store.h"

enum demo_phase { DEMO_PRIMARY, DEMO_SECONDARY, DEMO_ALL_THROUGH, DEMO_PHASE__MAX };

#define DEMO_MAX_PUPILS 1000000
#define DEMO_MAX_SCHOOLS 50
#define DEMO_MAX_YEARS 6
#define DEMO_DEFAULT_URN 140001

struct demo_params {
	int pupils;            /* on roll in the latest year, in each school */
	int schools;
	int phase;             /* enum demo_phase, or -1: the school's own or secondary */
	uint64_t seed;
	int years;             /* academic years, ending with the latest one begun */
	long urn;              /* the first school's URN, the next ones follow; 0: default */
	date_t today;          /* marks are made up to today ... */
	int minute_of_day;     /* ... and today's sessions whose register has been taken */
	const char *now_iso;   /* when the rows are written (UTC ISO 8601) */
};

struct demo_result {
	int n_schools;
	struct demo_school_result {
		int64_t id;
		char urn[16];
		char name[STORE_NAME_MAX];
		char phase[16];
		long pupils;      /* enrolments */
		long long marks;
		date_t first_day, last_day; /* the calendar's school days */
	} school[DEMO_MAX_SCHOOLS];
	bool relaxed; /* the database was brand new: written with synchronous relaxed */
};

const char *demo_phase_name(enum demo_phase p);
int demo_phase_parse(const char *text); /* -1 if unknown */

/* Builds the schools in the store (migrated, opened by the caller). */
int demo_build(struct store *s, const struct demo_params *p, struct demo_result *res,
	       struct app_error *err);

#endif
