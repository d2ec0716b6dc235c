/* What the files of the demo generator share: one school being built, its
 * days and its pupils. Not for use outside src/demo/. */
#ifndef ATTEND_DEMO_INTERNAL_H
#define ATTEND_DEMO_INTERNAL_H

#include <stdint.h>

#include "core/calendar.h"
#include "core/pupil.h"
#include "store/store.h"
#include "demo/demo.h"
#include "demo/prng.h"

#define DEMO_FORM_MAX 16

/* One school day, with what the attendance model looks at. */
struct demo_day {
	date_t date;
	uint8_t weekday, month; /* WD_MON..WD_FRI; 1..12 */
	uint8_t ay;             /* academic year index, 0 = the earliest */
	uint8_t autumn1;        /* in the first half-term of the year */
	uint8_t summer;         /* in the summer term */
	int16_t to_break;       /* school days left in the half-term after this one */
	int16_t from_break;     /* school days since the half-term began */
};

/* A pupil and the traits that drive their register. */
struct demo_pupil {
	int64_t id;
	char upn[UPN_LEN + 1];
	const char *surname, *forename;
	date_t dob, admitted, left; /* left = DATE_INVALID while on roll */
	int year;                   /* year group in the last year on roll */
	int last_ay;                /* academic year index of that year */
	int form;                   /* index into demo_school.forms */
	char gender, send;
	uint8_t fsm, pp, eal;
	/* The attendance model: */
	float rate;    /* expected share of sessions absent, before season and weekday */
	float unauth;  /* share of absence episodes that are unauthorised (O) */
	float late;    /* chance of arriving late to a morning register */
	uint8_t severe;    /* severely absent: long runs of absence */
	uint8_t holidays;  /* takes term-time holidays (G) */
	uint8_t sporty;    /* plays in fixtures (P) */
	uint8_t suspended; /* has a suspension (E) in some year: bit per year */
};

struct demo_school {
	uint64_t seed;
	int index; /* among the schools of this run */
	int64_t id;
	enum demo_phase phase;
	int lo, hi; /* year groups */
	int ay_first, n_years; /* academic years (start years) */
	struct calendar cal;
	struct demo_day *days; /* one per school day of cal */
	int marked_cols;       /* sessions [0, marked_cols) have happened */
	struct demo_pupil *pupils;
	int n_pupils;
	char (*forms)[DEMO_FORM_MAX];
	char (*tutors)[24]; /* who takes each form's register */
	int n_forms;
	/* Whole-school events, per academic year: */
	int trip_day[DEMO_MAX_YEARS][15][2]; /* per year group offset */
	int work_exp_day[DEMO_MAX_YEARS];    /* first day of Y10 work experience, or -1 */
	int eid_day[DEMO_MAX_YEARS];         /* a religious festival (R), or -1 */
	double mean_weight[DEMO_MAX_YEARS][3];
};

/* The year group of a pupil in academic year index ay (may be outside the
 * school's range for years the pupil was not here). */
static inline int demo_year_in(const struct demo_pupil *p, int ay)
{
	return p->year - (p->last_ay - ay);
}

/* demo_pupils.c: the school's pupils and forms. */
double demo_year_factor(int year); /* absence by year group, relative to the phase */
int demo_make_pupils(struct demo_school *sc, int n_on_roll, struct app_error *err);
/* demo_register.c: the marks of one pupil, into codes/minutes per column
 * (CODE_NONE where there is no mark). */
void demo_prepare_days(struct demo_school *sc);
void demo_register(const struct demo_school *sc, const struct demo_pupil *p, uint8_t *codes,
		   int16_t *minutes);
/* demo_marks.c: every pupil's register, hashed and bulk-loaded. */
int demo_write_marks(struct store *s, struct store_bulk *b, const struct demo_school *sc,
		     long long *marks, struct app_error *err);

#endif
