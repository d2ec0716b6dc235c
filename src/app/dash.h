/* What the dashboards, pupil lists, year and form views, the Champions' Cup
 * and the governor report show: computed once per request by trends_calc
 * over the pupils a person may see, then filtered, sorted and ranked here.
 * Pages only format these numbers; nothing here computes a figure itself. */
#ifndef ATTEND_DASH_H
#define ATTEND_DASH_H

#include <stdio.h>

#include "app/trends_calc.h"
#include "core/flags.h"

/* The groupings every view may ask for, in this order. */
enum dash_grouping { DG_YEAR, DG_FORM, DG_FSM, DG_PP, DG_SEND, DG_EAL, DG_GENDER, DG__MAX };
enum group_field dash_grouping_field(enum dash_grouping g);

/* What to compute beyond the school's sums. */
enum {
	DASH_PUPILS = 1u << 0,     /* a record per pupil (lists, who moved) */
	DASH_GROUPS = 1u << 1,     /* year groups and forms */
	DASH_COHORTS = 1u << 5,    /* and the cohorts: FSM, PP, SEND, EAL, sex */
	DASH_PATTERNS = 1u << 2,   /* where absence falls; pupils' pattern notes */
	DASH_HALF_TERMS = 1u << 3, /* every half-term of the calendar */
	DASH_WEEKLY = 1u << 4,     /* listed pupils' week-by-week series */
	DASH_SUMMARY = 1u << 6,    /* every period (today ... same point last year);
				      else only this and last week and half-term */
};

struct dash {
	const struct engine *e;
	struct analytics_query a;
	unsigned what;
	struct trends_result t; /* t.g[i] is the grouping i (enum dash_grouping) */
};

/* a: the range (to is the "as of" day of the periods), the row scope and
 * whether pupils may be identified (DASH_PUPILS lists only if so). */
int dash_compute(const struct engine *e, const struct analytics_query *a, unsigned what,
		 struct dash *d);
void dash_free(struct dash *d);
/* A grouping's sums, or NULL when not computed. */
const struct trends_grouping *dash_groups(const struct dash *d, enum dash_grouping g);
/* The slot of a group by its key (e.g. year 7 in DG_YEAR), or -1. */
int dash_slot_of_key(const struct trends_grouping *g, int key);

/* The cohorts the dashboards and the governor report compare with the rest
 * of the school: a group of one grouping, its label and its benchmark
 * cohort ("fsm=Y", also the pupil list's filter). */
struct dash_cohort {
	enum dash_grouping g;
	int key; /* core/stats group_key */
	const char *label, *short_label, *cohort;
};
extern const struct dash_cohort dash_cohorts[];
extern const int dash_n_cohorts;
/* The sums of a cohort over the range, or NULL when nobody is in it. */
const struct group_figures *dash_cohort_sums(const struct dash *d, const struct dash_cohort *c);

/* ---- pupils: filters, flags, sorting ---- */

enum pupil_flag {
	PF_PERSISTENT,
	PF_SEVERE,
	PF_AT_RISK,
	PF_BRIEFING,
	PF_DECLINED,    /* this week against last week */
	PF_IMPROVING,
	PF_DECLINED_HALF_TERM,
	PF_IMPROVING_HALF_TERM,
	PF_CROSSED_INTO_PA,
	PF_CROSSED_OUT_OF_PA,
	PF_LATE,        /* any L or U */
	PF_UNAUTHORISED, /* any unauthorised absence */
	PF_BELOW_90,    /* at 90% or below: the way back to 90% applies */
	PF__MAX
};
const char *pupil_flag_name(enum pupil_flag f); /* "pa", "sa", "at_risk", ... */

/* Where a pupil's pattern notes fall: the weekdays, AM, PM, next to a holiday. */
enum { PATTERN_AT_AM = PATTERN_WEEKDAYS, PATTERN_AT_PM, PATTERN_AT_HOLIDAY, PATTERN_AT__MAX };
const char *pattern_at_name(int at); /* "monday", ..., "am", "pm", "holiday" */

/* -1 (or 0 for the chars) means any. */
struct pupil_filter {
	int year; /* YEAR_INVALID: any */
	int form; /* index into the matrix's forms */
	int fsm, pp, eal;
	char send, gender;
	int band;    /* band index, or BAND_TOO_FEW */
	int action;  /* enum action */
	int flag;    /* enum pupil_flag */
	int pattern; /* PATTERN_AT_* or a weekday */
};
void pupil_filter_init(struct pupil_filter *f);
/* Sets one filter from a query parameter (year, form, fsm, pp, eal, send,
 * gender, band, action, flag, pattern). Returns 1 when name is not a
 * filter, 0 when set, -1 with the rule broken in err when the value is bad. */
int pupil_filter_set(struct pupil_filter *f, const struct matrix *m, const char *name,
		     const char *value, struct app_error *err);
/* The filter as a query string: "year=7&flag=pa" ("" for none), escaped
 * by the caller's writer. */
void pupil_filter_query(const struct pupil_filter *f, const struct matrix *m, char *buf,
			size_t len);
bool pupil_filter_any(const struct pupil_filter *f);

enum pupil_sort {
	PS_NAME,
	PS_YEAR,
	PS_FORM,
	PS_ATTENDANCE,
	PS_ABSENCE,
	PS_AUTHORISED,
	PS_UNAUTHORISED,
	PS_WEEK_CHANGE,
	PS_HALF_TERM_CHANGE,
	PS_MINUTES_LATE,
	PS_ACTION,
	PS__MAX
};
const char *pupil_sort_name(enum pupil_sort s); /* "name", "attendance", ... */
int pupil_sort_parse(const char *text);         /* -1 if unknown */

enum action dash_action(const struct pupil_trend *p);
bool dash_pupil_flag(const struct pupil_trend *p, enum pupil_flag f);
/* Whether a row's characteristics (year, form, FSM, PP, EAL, SEND, sex)
 * pass the filter; the filters of figures are not looked at. */
bool dash_row_matches(const struct matrix *m, int row, const struct pupil_filter *f);
bool dash_pupil_matches(const struct dash *d, const struct pupil_trend *p,
			const struct pupil_filter *f);
/* Indexes into d->t.pupils of the pupils the filter keeps (*n of them),
 * sorted (ties by name, then UPN): the first limit in order (all when limit
 * is 0 or more than *n), the rest after them in no order. Pupils with no
 * figure for the key come last either way. *idx malloc'd; -1 when out of
 * memory. */
int dash_select(const struct dash *d, const struct pupil_filter *f, enum pupil_sort sort,
		bool desc, int limit, int **idx, int *n);

/* The weekly "who moved": pupils whose attendance this week fell most
 * against last week (declined, largest fall first), rose most (improving,
 * largest rise first), and who crossed into or out of persistent absence
 * (by name). Each list at most max long; *lists malloc'd. */
enum { MOVED_FELL, MOVED_ROSE, MOVED_INTO_PA, MOVED_OUT_OF_PA, MOVED__MAX };
struct dash_moved {
	int *list[MOVED__MAX];
	int n[MOVED__MAX], total[MOVED__MAX];
};
int dash_moved(const struct dash *d, int max, struct dash_moved *out);
void dash_moved_free(struct dash_moved *m);

/* A pupil's list of figures as CSV (header and one line a pupil). */
void dash_pupils_csv(FILE *out, const struct dash *d, const int *idx, int n);

/* ---- the Champions' Cup: forms or year groups ranked ---- */

struct league_row {
	int slot;
	int32_t pupils;
	struct trend_change change; /* this period against the one before */
	int rank, improvement_rank; /* 1 = best; equal figures share a rank */
};
/* The groups of DG_FORM or DG_YEAR (those with pupils on roll in the
 * range) ranked by attendance in this week (or this half-term) and by the
 * change since the one before. *rows malloc'd, in attendance rank order. */
int dash_league(const struct dash *d, enum dash_grouping g, bool half_term,
		struct league_row **rows, int *n);

#endif
