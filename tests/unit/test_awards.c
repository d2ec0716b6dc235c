/* core/awards and core/targets: 100% over a period, most improved against
 * the pupil's own previous period of as many school days (a pupil who
 * joined part-way through the previous period, one who joined this period,
 * one who left), ranks with ties at the edge; targets' straight line by
 * school days and on-track decisions. */
#include "fixture.h"

#include "core/awards.h"
#include "core/groups.h"
#include "core/targets.h"

/* Autumn 2026: half-term 26-30 October; Monday 2 November is an INSET day. */
static struct calendar cal;
static struct matrix m;

static int setup(void **state)
{
	(void)state;
	calendar_init(&cal);
	fx_cal(&cal, CAL_TERM, "2026-09-02", "2026-10-23", "Autumn 1");
	fx_cal(&cal, CAL_TERM, "2026-11-02", "2026-12-18", "Autumn 2");
	fx_cal(&cal, CAL_INSET, "2026-11-02", "2026-11-02", NULL);
	fx_cal_build(&cal);
	matrix_init(&m, 2 * cal.n_school_days);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	matrix_free(&m);
	calendar_free(&cal);
	return 0;
}

static void assert_date(date_t got, const char *want)
{
	char d[DATE_ISO_LEN];
	assert_string_equal(date_format(got, d), want);
}

static void figures_of(int row, date_t from, date_t to, struct figures *f)
{
	int c0, c1;
	stats_cols(&cal, from, to, &c0, &c1);
	stats_row(&m, row, c0, c1, f);
}

static void periods(void **state)
{
	(void)state;
	date_t from, to, pf, pt;
	/* this half-term to Friday 13 November: Tuesday 3 (after the INSET day) to Friday 13 */
	assert_int_equal(award_period_range(&cal, AP_HALF_TERM, D("2026-11-13"), &from, &to), 0);
	assert_date(from, "2026-11-02");
	assert_date(to, "2026-11-13");
	/* 9 school days; the 9 before them pass over the INSET day and the half-term */
	assert_int_equal(award_previous_period(&cal, from, to, &pf, &pt), 0);
	assert_date(pf, "2026-10-13");
	assert_date(pt, "2026-10-23");
	/* this week on a Saturday: the week just gone */
	assert_int_equal(award_period_range(&cal, AP_WEEK, D("2026-11-07"), &from, &to), 0);
	assert_date(from, "2026-11-02");
	assert_date(to, "2026-11-06");
	assert_int_equal(award_previous_period(&cal, from, to, &pf, &pt), 0);
	assert_date(pf, "2026-10-20"); /* 4 school days (the INSET Monday is not one) */
	assert_date(pt, "2026-10-23");
	/* the term holds the half-term holiday */
	assert_int_equal(award_period_range(&cal, AP_TERM, D("2026-12-18"), &from, &to), 0);
	assert_date(from, "2026-09-02");
	assert_date(to, "2026-12-18");
	/* nothing before the first school day */
	assert_int_equal(award_previous_period(&cal, D("2026-09-02"), D("2026-09-04"), &pf, &pt), -1);
}

static void full_attendance(void **state)
{
	(void)state;
	struct figures f = {0};
	f.possible = 20;
	f.present = 17; /* with lates before the register closed */
	f.late_before_close = 3;
	f.approved = 3; /* a trip counts as attendance */
	assert_true(award_full_attendance(&f, 20));
	assert_false(award_full_attendance(&f, 21)); /* too few sessions */
	f.unmarked = 1;                              /* a register not taken proves nothing */
	assert_false(award_full_attendance(&f, 10));
	f.unmarked = 0;
	f.present = 16;
	f.authorised = 1; /* one medical appointment is an absence */
	assert_false(award_full_attendance(&f, 10));
}

static void most_improved_with_a_pupil_who_joined_mid_term(void **state)
{
	(void)state;
	/* The period: 2 to 13 November (9 school days, 18 sessions); the
	 * previous one: 13 to 23 October (18 sessions). */
	date_t from = D("2026-11-02"), to = D("2026-11-13"), pf, pt;
	assert_int_equal(award_previous_period(&cal, from, to, &pf, &pt), 0);
	/* Ana: 10 of 18 before, 18 of 18 now (back from a long illness) */
	int ana = fx_row(&m, &cal, &(struct fx_pupil){"ANA", "2026-09-02", NULL, 8, "8A"});
	fx_marks(&m, &cal, ana, "2026-10-13", "IIIIIIII////////// ");
	fx_marks(&m, &cal, ana, "2026-11-03", "////////////////// ");
	/* Bo: joined on Monday 19 October: 10 sessions before (6 attended), 16 of 18 now */
	int bo = fx_row(&m, &cal, &(struct fx_pupil){"BO", "2026-10-19", NULL, 8, "8A"});
	fx_marks(&m, &cal, bo, "2026-10-19", "IIII//////");
	fx_marks(&m, &cal, bo, "2026-11-03", "II////////////////");
	/* Cy: joined on Thursday 22 October: 4 sessions before, too few to compare */
	int cy = fx_row(&m, &cal, &(struct fx_pupil){"CY", "2026-10-22", NULL, 8, "8A"});
	fx_marks(&m, &cal, cy, "2026-10-22", "NNNN");
	fx_marks(&m, &cal, cy, "2026-11-03", "//////////////////");
	/* Di: joined this half-term: nothing to improve on */
	int di = fx_row(&m, &cal, &(struct fx_pupil){"DI", "2026-11-03", NULL, 8, "8A"});
	fx_marks(&m, &cal, di, "2026-11-03", "//////////////////");
	/* Ed: steady at 100% both times: no rise */
	int ed = fx_row(&m, &cal, &(struct fx_pupil){"ED", "2026-09-02", NULL, 8, "8A"});
	fx_marks(&m, &cal, ed, "2026-10-13", "//////////////////");
	fx_marks(&m, &cal, ed, "2026-11-03", "//////////////////");

	struct figures now, before;
	int64_t rise;
	figures_of(ana, from, to, &now);
	figures_of(ana, pf, pt, &before);
	assert_int_equal(before.possible, 18);
	assert_true(award_improvement(&now, &before, 10, 100, &rise));
	assert_int_equal(rise, 4444); /* 100% - 55.56% = 44.44 points, from the sessions */
	figures_of(bo, from, to, &now);
	figures_of(bo, pf, pt, &before);
	assert_int_equal(before.possible, 10); /* only the sessions on roll count */
	assert_true(award_improvement(&now, &before, 10, 100, &rise));
	assert_int_equal(rise, 2889); /* 88.89% - 60% */
	figures_of(cy, from, to, &now);
	figures_of(cy, pf, pt, &before);
	assert_int_equal(before.possible, 4);
	assert_false(award_improvement(&now, &before, 10, 100, &rise));
	figures_of(di, from, to, &now);
	figures_of(di, pf, pt, &before);
	assert_int_equal(before.possible, 0);
	assert_false(award_improvement(&now, &before, 10, 100, &rise));
	assert_int_equal(rise, PP_NONE);
	figures_of(ed, from, to, &now);
	figures_of(ed, pf, pt, &before);
	assert_false(award_improvement(&now, &before, 10, 100, &rise));
	assert_int_equal(rise, 0);
	/* a rise below the least the school counts */
	figures_of(bo, from, to, &now);
	figures_of(bo, pf, pt, &before);
	assert_false(award_improvement(&now, &before, 10, 3000, &rise));
}

static void ranks_share_ties_at_the_edge(void **state)
{
	(void)state;
	struct award_entry v[] = {{1, 4444, 0}, {2, 2889, 0}, {3, 2889, 0}, {4, 100, 0}, {5, 5000, 0}};
	/* top 2: ranks 1 and 2; the two tied third are not kept */
	assert_int_equal(award_rank(v, 5, 2), 2);
	assert_int_equal(v[0].id, 5);
	assert_int_equal(v[0].rank, 1);
	assert_int_equal(v[1].id, 1);
	assert_int_equal(v[1].rank, 2);
	assert_int_equal(v[2].rank, 3);
	assert_int_equal(v[3].rank, 3);
	assert_int_equal(v[4].rank, 5);
	/* top 3: both of the tied third */
	assert_int_equal(award_rank(v, 5, 3), 4);
}

static void ranks_keep_everyone_tied_at_the_last_place_kept(void **state)
{
	(void)state;
	struct award_entry v[] = {{1, 9000, 0}, {2, 8000, 0}, {3, 8000, 0}, {4, 7000, 0}};
	assert_int_equal(award_rank(v, 4, 2), 3);
	assert_int_equal(v[1].rank, 2);
	assert_int_equal(v[2].rank, 2);
	assert_int_equal(v[3].rank, 4);
	assert_int_equal(award_rank(v, 4, 0), 4); /* top 0: all */
	assert_int_equal(award_rank(v, 0, 3), 0);
}

static void targets_line_by_school_days(void **state)
{
	(void)state;
	/* from 24% on Friday 23 October to 18% by Friday 18 December: 34 school
	 * days after the baseline (the INSET day does not count) */
	date_t base = D("2026-10-23"), goal = D("2026-12-18");
	assert_int_equal(target_expected(&cal, 2400, base, 1800, goal, D("2026-10-30")), 2400);
	/* after 17 of the 34 school days: half way */
	assert_int_equal(target_expected(&cal, 2400, base, 1800, goal, D("2026-11-25")), 2100);
	assert_int_equal(target_expected(&cal, 2400, base, 1800, goal, D("2026-12-18")), 1800);
	assert_int_equal(target_expected(&cal, 2400, base, 1800, goal, D("2027-01-10")), 1800);
	/* one school day in: 2400 - 600/34 = 2382.35 -> 2382 */
	assert_int_equal(target_expected(&cal, 2400, base, 1800, goal, D("2026-11-03")), 2382);
	/* lower is better for persistent absence */
	assert_int_equal(target_track_of(TM_PERSISTENT, 2000, 2100, 1800), TT_ON_TRACK);
	assert_int_equal(target_track_of(TM_PERSISTENT, 2200, 2100, 1800), TT_OFF_TRACK);
	assert_int_equal(target_track_of(TM_PERSISTENT, 1750, 2100, 1800), TT_MET);
	assert_int_equal(target_track_of(TM_PERSISTENT, -1, 2100, 1800), TT_UNKNOWN);
	/* higher is better for attendance */
	assert_int_equal(target_track_of(TM_ATTENDANCE, 9400, 9450, 9600), TT_OFF_TRACK);
	assert_int_equal(target_track_of(TM_ATTENDANCE, 9460, 9450, 9600), TT_ON_TRACK);
	/* the persistent absence rate of a group's sums */
	struct group_figures g = {0};
	g.pupils_with_possible = 25;
	g.persistent = 6;
	assert_int_equal(target_measure_value(&g, TM_PERSISTENT), 2400);
	assert_int_equal(target_measure_value(&g, TM_ATTENDANCE), -1);
	date_t f, t;
	assert_int_equal(target_span_range(&cal, TS_HALF_TERM, D("2026-11-20"), &f, &t), 0);
	assert_date(f, "2026-11-02");
	assert_date(t, "2026-11-20");
	assert_int_equal(target_span_range(&cal, TS_YEAR, D("2026-11-20"), &f, &t), 0);
	assert_date(f, "2026-08-01");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(periods),
		cmocka_unit_test(full_attendance),
		cmocka_unit_test(most_improved_with_a_pupil_who_joined_mid_term),
		cmocka_unit_test(ranks_share_ties_at_the_edge),
		cmocka_unit_test(ranks_keep_everyone_tied_at_the_last_place_kept),
		cmocka_unit_test(targets_line_by_school_days),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
