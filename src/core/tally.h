/* Per-row tallies of the register by column class. One pass over a row's
 * cells adds each cell to the bin of its column's class (a week, a weekday
 * and session, a day next to a holiday, ...); trends and patterns derive
 * every figure from these bins, never from a callback per cell.
 *
 * A tally counts sessions by statistical category (core/codes) and, apart,
 * late arrivals (L before the register closed, U after) and their minutes. */
#ifndef ATTEND_TALLY_H
#define ATTEND_TALLY_H

#include <stdint.h>

#include "core/codes.h"
#include "core/matrix.h"
#include "core/stats.h"

enum tally_bin {
	TB_UNMARKED = CAT_UNMARKED,
	TB_PRESENT = CAT_PRESENT,
	TB_APPROVED = CAT_APPROVED,
	TB_AUTHORISED = CAT_AUTHORISED,
	TB_UNAUTHORISED = CAT_UNAUTHORISED,
	TB_NOT_POSSIBLE = CAT_NOT_POSSIBLE,
	TB_LATE_BEFORE, /* L: also counted as present */
	TB_LATE_AFTER,  /* U: also counted as unauthorised */
	TB_SINK,        /* where a cell that is not a late arrival adds its second count */
	TB__MAX
};

struct tally {
	int64_t n[TB__MAX];
	int64_t minutes_late; /* over L and U marks */
};

/* The class of a cell for counting with one increment: its category, with
 * L and U apart (they count twice in a tally: present and late, or
 * unauthorised and late). tally_add_counts turns counts into a tally. */
enum cell_class {
	CC_UNMARKED,
	CC_PRESENT,
	CC_L,
	CC_APPROVED,
	CC_AUTHORISED,
	CC_UNAUTHORISED,
	CC_U,
	CC_NOT_POSSIBLE,
	CC__MAX
};

/* Lookup tables built once per query, so the inner loop only indexes. */
struct tally_plan {
	uint8_t bin[64];  /* category bin of each code */
	uint8_t late[64]; /* TB_LATE_BEFORE, TB_LATE_AFTER or TB_SINK */
	uint8_t cc[64];   /* enum cell_class of each code */
};

/* Adds cells counted by class to a tally (sessions only, not minutes). */
void tally_add_counts(struct tally *t, const uint32_t counts[CC__MAX]);

void tally_plan_init(struct tally_plan *p);

/* Adds the row's cells in [c0, c1), limited to its time on roll, to
 * out[cls[col - c0]] (to out[0] when cls is NULL). The caller zeroes out. */
void tally_row(const struct tally_plan *p, const struct matrix *m, int row, int c0, int c1,
	       const uint16_t *cls, struct tally *out);

void tally_add(struct tally *dst, const struct tally *src);

/* Columns cut at a set of boundaries (range ends, period ends, week starts),
 * so that every range between two boundaries is a run of whole segments. */
struct segments {
	int n;      /* segments */
	int *start; /* n + 1 boundaries, ascending: segment i is [start[i], start[i + 1]) */
};
/* Sorts bounds (any order, repeats allowed) into segments; 0, or -1 when
 * out of memory. Fewer than two distinct bounds give no segments. */
int segments_build(struct segments *s, const int *bounds, int n_bounds);
void segments_free(struct segments *s);
/* Index of boundary col in s->start, or -1 if it is not one (or there are
 * no segments: every range is then empty). */
int segments_at(const struct segments *s, int col);

/* One pass over a row: cum[i] is the tally of segments [0, i), limited to
 * the row's time on roll (n + 1 entries; cum[0] is zero). Any range between
 * boundaries a and b is then cum[b] - cum[a], whatever its length. */
void tally_row_cumulative(const struct tally_plan *p, const struct matrix *m, int row,
			  const struct segments *s, struct tally *cum);
/* What else the same pass may count (the caller zeroes the counters; the
 * column ranges must run between boundaries of s): each cell of the columns
 * [col0, col1) by cell class into its column (colcount[col - col0], colmin
 * for its minutes late), and each cell of [c0, c1) into the caller's class
 * of its column (counts[cls[col - c0]], minutes[...]: e.g. core/patterns'
 * classes). NULL pointers: not counted. Counters are 32-bit: a column
 * counts at most one cell a row. */
struct tally_extra {
	int col0, col1;
	uint32_t (*colcount)[CC__MAX];
	int64_t *colmin;
	int c0, c1;
	const uint16_t *cls;
	uint32_t (*counts)[CC__MAX];
	int64_t *minutes;
};
void tally_row_cumulative_ex(const struct tally_plan *p, const struct matrix *m, int row,
			     const struct segments *s, struct tally *cum, const struct tally_extra *x);
/* out = cum[b] - cum[a]: the tally of segments [a, b). */
void tally_between(const struct tally *cum, int a, int b, struct tally *out);
/* A tally as core/stats figures (by category; figures.codes stays zero). */
void tally_figures(const struct tally *t, struct figures *f);

static inline int64_t tally_attendance(const struct tally *t)
{
	return t->n[TB_PRESENT] + t->n[TB_APPROVED];
}
static inline int64_t tally_absence(const struct tally *t)
{
	return t->n[TB_AUTHORISED] + t->n[TB_UNAUTHORISED];
}
static inline int64_t tally_possible(const struct tally *t)
{
	return tally_attendance(t) + tally_absence(t);
}
static inline int64_t tally_late(const struct tally *t)
{
	return t->n[TB_LATE_BEFORE] + t->n[TB_LATE_AFTER];
}

#endif
