/* One pass over the register for `attend trends`, the dashboards and the
 * year, form and governor views. Each visible row is read once into
 * cumulative tallies at every boundary the request needs (the range, the
 * periods as of its end, every week, every half-term), so the figures of
 * any of those ranges are differences of two tallies; optionally the same
 * pass adds the row's cells by pattern class (weekday x session x holiday
 * edge). From that: sums for the school and for any groupings (each with
 * the periods it keeps), and per pupil listed the range figures, the
 * changes since last week and last half-term, persistent absence before
 * this week, the way back to 90% and the pattern notes. Every figure comes
 * from core/stats, core/trends and core/patterns. */
#ifndef ATTEND_TRENDS_CALC_H
#define ATTEND_TRENDS_CALC_H

#include "app/analytics.h"
#include "core/patterns.h"
#include "core/ranges.h"
#include "core/tally.h"
#include "core/trends.h"

#define RECOVERY_TARGET_PCT100 9000
#define TRENDS_GROUPINGS_MAX 8
#define TRENDS_ALL_PERIODS ((1u << PERIOD__MAX) - 1)

struct pupil_trend {
	int row;
	struct figures f;  /* over the range */
	int8_t pa_before;  /* persistent over the range up to the end of last week; -1 unknown */
	struct trend_change week, half;
	bool has_recovery; /* under 90%, or at exactly 90% (still persistent absence) */
	struct recovery rec;
	uint8_t n_notes; /* pattern notes, with trends_opts.patterns */
	struct pattern_note notes[NOTE__MAX];
};

struct trend_sums {
	struct group_figures range;
	struct group_figures period[PERIOD__MAX];
	int32_t declined_week, improving_week, declined_half, improving_half;
	int32_t briefing, crossed_into_pa, crossed_out_of_pa;
};

/* A grouping asked for: its fields, the periods whose sums each group keeps
 * (bits of enum period; the range is always kept) and whether each group
 * keeps week-by-week tallies. */
struct trends_grouping_spec {
	struct group_spec spec;
	unsigned periods;
	bool weekly;
};

struct trends_opts {
	unsigned periods; /* the periods to compute (bits of enum period); 0: all */
	int n_groupings;
	struct trends_grouping_spec grouping[TRENDS_GROUPINGS_MAX];
	bool weekly;       /* the school's week-by-week tallies (t->weekly) */
	bool pupil_weekly; /* each listed pupil's week-by-week attendance */
	bool patterns;     /* the school's pattern sums and each listed pupil's notes */
	bool half_terms;   /* the school's sessions in each half-term of this and last
			      academic year (of the range's end), to date */
};

struct trends_grouping {
	struct report_groups gr;
	unsigned periods;
	bool weekly;
	struct trend_sums *sums; /* [slot] */
	struct tally *weekly_t;  /* [slot * weeks + w], when weekly */
};

struct trends_result {
	int c0, c1;
	struct periods per;
	int pc0[PERIOD__MAX], pc1[PERIOD__MAX];
	struct week_list wl;
	struct segments seg; /* every boundary below: one pass per row gives all */
	/* boundary indexes in seg (-1: an empty range) */
	int range_a, range_b, before_b, per_a[PERIOD__MAX], per_b[PERIOD__MAX];
	int *week_at; /* weeks + 1: week w is [week_at[w], week_at[w + 1]) */
	struct trend_sums school;
	struct tally *weekly; /* the school's [w], with opts.weekly */
	struct tally *half_term; /* the school's sessions in each half-term of the calendar (to
				    date), with opts.half_terms (zero for other years) */
	int n_groupings;
	struct trends_grouping g[TRENDS_GROUPINGS_MAX];
	uint16_t *cls;                           /* pattern class of each range column */
	struct tally pattern_cls[PATTERN_CLASSES]; /* the school's, by class */
	int col0, col1;                /* the columns counted by column */
	uint32_t (*colcount)[CC__MAX]; /* the school's cells of each, by class */
	int64_t *colmin;               /* ... and their minutes late */
	int32_t pattern_pupils;                  /* on roll in the range, with patterns */
	struct pupil_trend *pupils;
	int n_pupils;
	int32_t *pupil_weekly; /* [(i * weeks + w) * 2]: attendance, possible */
};

/* The query's row scope, pupils listed (a->q.identify_pupils, a->upn) and
 * range; 0, or -1 when out of memory. */
int trends_compute(const struct engine *e, const struct analytics_query *a,
		   const struct trends_opts *o, struct trends_result *t);
void trends_result_free(struct trends_result *t);

/* The opts of `attend trends`: the query's grouping, every period, weekly,
 * and each pupil's weekly series. */
void trends_opts_of_query(const struct analytics_query *a, struct trends_opts *o);

/* The change between two periods of a set of sums. */
void trends_period_change(const struct group_figures *p, enum period now, enum period before,
			  struct trend_change *c);
/* The school's pattern (by day, session, holiday edge) from its class sums. */
void trends_school_pattern(const struct trends_result *t, struct pattern *p);
/* The pattern of one row over the range (opts.patterns); false when not on roll. */
bool trends_row_pattern(const struct engine *e, const struct trends_result *t, int row,
			struct pattern *p);

#endif
