/* Groupings of pupils by one characteristic or a combination of them
 * ("fsm,year": FSM x year group), and the gap between a cohort and the rest
 * of the school. Figures of a group are sums (core/stats); nothing here takes
 * a mean of pupils' rates. */
#ifndef ATTEND_GROUPS_H
#define ATTEND_GROUPS_H

#include <stddef.h>
#include <stdint.h>

#include "core/stats.h"

#define GROUP_SPEC_MAX 3 /* fields in one combination */

/* "no figure" for a difference whose denominators are empty */
#define PP_NONE INT64_MIN

struct group_spec {
	int n; /* 0: no grouping */
	enum group_field field[GROUP_SPEC_MAX];
	int radix[GROUP_SPEC_MAX]; /* key count of each field, set by group_spec_bind */
	int n_keys;                /* product of the radices */
};

/* Parses a comma-separated list of fields ("fsm", "fsm,year"): each one of
 * year, form, gender, fsm, pp, send, eal, none repeated, at most
 * GROUP_SPEC_MAX. Returns 0, or -1 with the rule broken in err. */
int group_spec_parse(const char *text, struct group_spec *g, char *err, size_t errlen);
void group_spec_single(struct group_spec *g, enum group_field f);
/* Sets the key counts from the matrix (forms vary by school). */
void group_spec_bind(struct group_spec *g, const struct matrix *m);
/* The combined key of a row, in [0, n_keys): the first field varies slowest,
 * so keys run in display order ("N/7", "N/8", ..., "Y/7", ...). */
int group_spec_key(const struct group_spec *g, const struct matrix *m, int row);
/* The key of field i within a combined key. */
int group_spec_part(const struct group_spec *g, int key, int i);
/* "fsm,year" */
char *group_spec_name(const struct group_spec *g, char *buf, size_t len);
/* The values joined by '/': "Y/7". */
char *group_spec_label(const struct group_spec *g, const struct matrix *m, int key, char *buf,
		       size_t len);

/* an/ad - bn/bd as a percentage-point difference in hundredths, rounded
 * half away from zero (a gap of -4.855 points is -486); PP_NONE when a
 * denominator is 0. Exact for any counts a register can hold. */
int64_t groups_diff_pp100(int64_t an, int64_t ad, int64_t bn, int64_t bd);

/* out += x, field by field (a trust's sums from its schools'). */
void group_figures_add(struct group_figures *out, const struct group_figures *x);
/* out = all - part, field by field (the rest of the school). */
void group_figures_sub(struct group_figures *out, const struct group_figures *all,
		       const struct group_figures *part);

/* A cohort against the rest of the school (the pupils not in it), in
 * hundredths of a percentage point, exact from the sums: positive means the
 * cohort misses more. PP_NONE where either side has no possible sessions. */
struct cohort_gap {
	int32_t rest_pupils;
	int64_t absence_pp100;    /* absence rate: cohort - rest */
	int64_t persistent_pp100; /* PA rate: cohort - rest */
	int64_t severe_pp100;     /* SA rate: cohort - rest */
};
void groups_cohort_gap(const struct group_figures *cohort, const struct group_figures *all,
		       struct cohort_gap *gap);

#endif
