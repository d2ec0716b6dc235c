/* core/trends: weeks across a half-term holiday, weekly attendance per pupil
 * and group, declined/improving with the size of the change, the at-risk
 * and briefing groups, and the arithmetic of getting back to 90%. */
#include "fixture.h"

#include "core/groups.h"
#include "core/ranges.h"
#include "core/tally.h"
#include "core/trends.h"
#include "core/wording.h"

static struct calendar cal;
static struct matrix m;
static struct tally_plan plan;
static int A, B, C;

/* Autumn 1: INSET Mon 1 and Tue 2 September, school from Wed 3 to Fri 24
 * October; half-term week of 27 October; Autumn 2 from Mon 3 November to
 * Fri 19 December with an INSET day on Fri 14 November. */
static int setup(void **state)
{
	(void)state;
	calendar_init(&cal);
	fx_cal(&cal, CAL_TERM, "2025-09-01", "2025-10-24", "Autumn 1");
	fx_cal(&cal, CAL_TERM, "2025-11-03", "2025-12-19", "Autumn 2");
	fx_cal(&cal, CAL_INSET, "2025-09-01", "2025-09-02", NULL);
	fx_cal(&cal, CAL_INSET, "2025-11-14", "2025-11-14", NULL);
	fx_cal_build(&cal);
	matrix_init(&m, 2 * cal.n_school_days);
	tally_plan_init(&plan);
	/* A: on roll all along; marked from Wed 15 October to Tue 18 November
	 * (Wednesday 19th not yet marked). */
	A = fx_row(&m, &cal, &(struct fx_pupil){"A", "2025-09-01", NULL, 7});
	fx_marks(&m, &cal, A, "2025-10-15", "// // //");             /* 6 of 6 */
	fx_marks(&m, &cal, A, "2025-10-20", "// // II // //");       /* 8 of 10 */
	fx_marks(&m, &cal, A, "2025-11-03", "// // // // //");       /* 10 of 10 */
	fx_marks(&m, &cal, A, "2025-11-10", "NN // // //");          /* 6 of 8 (INSET Fri) */
	fx_marks(&m, &cal, A, "2025-11-17", "// L/ ..");             /* 4 of 4, Wed unmarked */
	/* B joins on Wednesday 5 November, mid-week */
	B = fx_row(&m, &cal, &(struct fx_pupil){"B", "2025-11-05", NULL, 7});
	fx_marks(&m, &cal, B, "2025-11-05", "// // //  // // // //  NN NN //");
	/* C leaves on Tuesday 11 November, mid-half-term */
	C = fx_row(&m, &cal, &(struct fx_pupil){"C", "2025-09-01", "2025-11-11", 8});
	fx_marks(&m, &cal, C, "2025-10-15", "// // //  // // // // //  // // // // //  /N N/");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	matrix_free(&m);
	calendar_free(&cal);
	return 0;
}

static void weeks_across_half_term(void **state)
{
	(void)state;
	int c0, c1;
	stats_cols(&cal, D("2025-10-15"), D("2025-11-19"), &c0, &c1);
	struct week_list wl;
	assert_int_equal(trends_weeks(&cal, c0, c1, &wl), 0);
	assert_int_equal(wl.n, 5);
	assert_int_equal(wl.w[0].monday, D("2025-10-13"));
	assert_int_equal(wl.w[0].first, D("2025-10-15")); /* the range cuts the week */
	assert_int_equal(wl.w[0].school_days, 3);
	assert_int_equal(wl.w[0].skipped_before, 0);
	assert_int_equal(wl.w[1].school_days, 5);
	assert_int_equal(wl.w[2].monday, D("2025-11-03"));
	assert_int_equal(wl.w[2].skipped_before, 1); /* the half-term week */
	assert_int_equal(wl.w[3].school_days, 4);    /* INSET on Friday */
	assert_int_equal(wl.w[3].last, D("2025-11-13"));
	assert_int_equal(wl.w[4].school_days, 3);
	assert_int_equal(wl.w[4].last, D("2025-11-19"));
	assert_int_equal(wl.w[4].c1, c1);
	trends_weeks_free(&wl);
	/* an empty range has no weeks */
	assert_int_equal(trends_weeks(&cal, 10, 10, &wl), 0);
	assert_int_equal(wl.n, 0);
	trends_weeks_free(&wl);
}

static void weekly_attendance_per_pupil_and_group(void **state)
{
	(void)state;
	int c0, c1;
	stats_cols(&cal, D("2025-10-15"), D("2025-11-19"), &c0, &c1);
	struct week_list wl;
	assert_int_equal(trends_weeks(&cal, c0, c1, &wl), 0);
	struct tally a[5] = {0}, b[5] = {0}, c[5] = {0}, group[5] = {0};
	tally_row(&plan, &m, A, c0, c1, wl.cls, a);
	tally_row(&plan, &m, B, c0, c1, wl.cls, b);
	tally_row(&plan, &m, C, c0, c1, wl.cls, c);
	static const int64_t a_pct[5] = {10000, 8000, 10000, 7500, 10000};
	static const int64_t a_pos[5] = {6, 10, 10, 8, 4};
	for (int w = 0; w < 5; w++) {
		assert_int_equal(tally_possible(&a[w]), a_pos[w]);
		assert_int_equal(stats_pct100(tally_attendance(&a[w]), tally_possible(&a[w])), a_pct[w]);
		tally_add(&group[w], &a[w]);
		tally_add(&group[w], &b[w]);
		tally_add(&group[w], &c[w]);
	}
	/* B is not on roll before 5 November: no figure, not 0% */
	assert_int_equal(stats_pct100(tally_attendance(&b[0]), tally_possible(&b[0])), -1);
	assert_int_equal(tally_possible(&b[2]), 6);  /* Wed-Fri */
	assert_int_equal(stats_pct100(tally_attendance(&b[4]), tally_possible(&b[4])), 3333);
	/* C leaves on Tuesday 11th: two days of that week */
	assert_int_equal(tally_possible(&c[3]), 4);
	assert_int_equal(tally_attendance(&c[3]), 2);
	assert_int_equal(tally_possible(&c[4]), 0);
	/* the group sums sessions: week 4 is A 6/8 + B 8/8 + C 2/4 = 16/20 */
	assert_int_equal(tally_possible(&group[3]), 20);
	assert_int_equal(stats_pct100(tally_attendance(&group[3]), tally_possible(&group[3])), 8000);
	trends_weeks_free(&wl);
}

/* Attendance of a row over a date range, as the stats do. */
static void row_att(int row, struct date_range r, int64_t *att, int64_t *pos)
{
	int c0, c1;
	struct figures f;
	stats_cols(&cal, r.from, r.to, &c0, &c1);
	stats_row(&m, row, c0, c1, &f);
	*att = stats_attendance(&f);
	*pos = f.possible;
}

static void change(int row, struct date_range now, struct date_range before, struct trend_change *c)
{
	int64_t an, pn, ab, pb;
	row_att(row, now, &an, &pn);
	row_att(row, before, &ab, &pb);
	trends_change(an, pn, ab, pb, TREND_MIN_CHANGE_PP100, c);
}

static void declined_and_improving_since_last_week_and_half_term(void **state)
{
	(void)state;
	struct periods p;
	struct trend_change c;
	range_periods(&cal, D("2025-11-19"), &p);
	/* A: this week to date 4/4 = 100% against last week 6/8 = 75% */
	change(A, p.r[PERIOD_THIS_WEEK], p.r[PERIOD_LAST_WEEK], &c);
	assert_int_equal(c.now_pct100, 10000);
	assert_int_equal(c.before_pct100, 7500);
	assert_int_equal(c.change_pp100, 2500);
	assert_int_equal(c.direction, TREND_IMPROVING);
	assert_string_equal(trend_direction_name(c.direction), "improving");
	/* A: this half-term to date 20/22 against Autumn 1 14/16 (marked from
	 * 15 October only): (20*16 - 14*22) / (22*16) = 12/352 = 3.409 points */
	change(A, p.r[PERIOD_THIS_HALF_TERM], p.r[PERIOD_LAST_HALF_TERM], &c);
	assert_int_equal(c.now_pct100, 9091);
	assert_int_equal(c.before_pct100, 8750);
	assert_int_equal(c.change_pp100, 341);
	assert_int_equal(c.direction, TREND_IMPROVING);
	/* B: 2/6 this week against 8/8 last week: down 66.67 points */
	change(B, p.r[PERIOD_THIS_WEEK], p.r[PERIOD_LAST_WEEK], &c);
	assert_int_equal(c.change_pp100, -6667);
	assert_int_equal(c.direction, TREND_DECLINED);
	assert_string_equal(trend_direction_name(c.direction), "declined");
	/* B was not on roll last half-term: no flag either way */
	change(B, p.r[PERIOD_THIS_HALF_TERM], p.r[PERIOD_LAST_HALF_TERM], &c);
	assert_int_equal(c.before_pct100, -1);
	assert_true(c.change_pp100 == PP_NONE);
	assert_int_equal(c.direction, TREND_UNKNOWN);
	assert_null(trend_direction_name(c.direction));
	/* C has left: nothing this week */
	change(C, p.r[PERIOD_THIS_WEEK], p.r[PERIOD_LAST_WEEK], &c);
	assert_int_equal(c.direction, TREND_UNKNOWN);
}

static void the_threshold_of_a_change(void **state)
{
	(void)state;
	struct trend_change c;
	/* 1 point exactly counts; just under is steady */
	trends_change(89, 100, 90, 100, TREND_MIN_CHANGE_PP100, &c);
	assert_int_equal(c.change_pp100, -100);
	assert_int_equal(c.direction, TREND_DECLINED);
	trends_change(1791, 2000, 180, 200, TREND_MIN_CHANGE_PP100, &c); /* 89.55 vs 90 */
	assert_int_equal(c.change_pp100, -45);
	assert_int_equal(c.direction, TREND_STEADY);
	/* 7/9 - 9/10 = -12.2222 points */
	trends_change(7, 9, 9, 10, TREND_MIN_CHANGE_PP100, &c);
	assert_int_equal(c.change_pp100, -1222);
	trends_change(9, 10, 7, 9, 500, &c);
	assert_int_equal(c.change_pp100, 1222);
	assert_int_equal(c.direction, TREND_IMPROVING);
	trends_change(0, 0, 7, 9, 500, &c);
	assert_int_equal(c.direction, TREND_UNKNOWN);
}

static void at_risk_and_briefing_bounds(void **state)
{
	(void)state;
	struct figures f = {.possible = 100};
	static const struct {
		int absent;
		bool at_risk, briefing;
	} cases[] = {{4, false, false}, {5, true, true},   {9, true, true},
		     {10, false, true}, {14, false, true}, {15, false, false}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		f.authorised = cases[i].absent;
		f.present = 100 - cases[i].absent;
		assert_int_equal(stats_at_risk(&f), cases[i].at_risk);
		assert_int_equal(trends_briefing(&f), cases[i].briefing);
	}
	/* 3 of 20 sessions is 15%: outside; 29 of 200 is 14.5%: inside */
	f = (struct figures){.possible = 20, .present = 17, .unauthorised = 3};
	assert_false(trends_briefing(&f));
	f = (struct figures){.possible = 200, .present = 171, .unauthorised = 29};
	assert_true(trends_briefing(&f));
	f = (struct figures){0};
	assert_false(trends_briefing(&f));
}

static void back_to_90_within_the_half_term(void **state)
{
	(void)state;
	struct recovery r;
	char buf[200];
	/* 17 of 20 (85%) on Friday 17 October, by Friday 24 October: 5 days
	 * left; ceil((9*20 - 10*17) / 2) = 5 full days: 27/30 = 90% */
	trends_recovery(&cal, &m.rows[A], 17, 20, D("2025-10-17"), D("2025-10-24"), 9000, &r);
	assert_true(r.below);
	assert_int_equal(r.days_left, 5);
	assert_int_equal(r.days_needed, 5);
	assert_true(r.reachable);
	assert_int_equal(r.from_day, D("2025-10-20"));
	assert_int_equal(r.reached_on, D("2025-10-24"));
	assert_int_equal(r.days_to_leave_pa, 6); /* 29/32 = 90.6%: absence under 10% */
	assert_int_equal(r.best_pct100, 9000);
	assert_string_equal(wording_recovery(&r, buf, sizeof buf),
			    "5 full days in a row from Monday 20 October 2025 bring attendance "
			    "back to 90% on Friday 24 October 2025");
	/* 17 of 19 (89.47%): ceil(1/2) = 1 day, 19/21 = 90.48% */
	trends_recovery(&cal, &m.rows[A], 17, 19, D("2025-10-17"), D("2025-10-24"), 9000, &r);
	assert_int_equal(r.days_needed, 1);
	assert_int_equal(r.days_to_leave_pa, 1);
	assert_int_equal(r.reached_on, D("2025-10-20"));
	assert_string_equal(wording_recovery(&r, buf, sizeof buf),
			    "1 full day in a row from Monday 20 October 2025 brings attendance "
			    "back to 90% on Monday 20 October 2025");
	/* exactly 90% (18 of 20) is not below 90%, but 10% absence is still
	 * persistent absence: one full day (20/22) leaves it */
	trends_recovery(&cal, &m.rows[A], 18, 20, D("2025-10-17"), D("2025-10-24"), 9000, &r);
	assert_false(r.below);
	assert_int_equal(r.days_needed, 0);
	assert_int_equal(r.days_to_leave_pa, 1);
	assert_string_equal(wording_recovery(&r, buf, sizeof buf), "already at 90% or above");
	/* above 90%: nothing to do */
	trends_recovery(&cal, &m.rows[A], 19, 20, D("2025-10-17"), D("2025-10-24"), 9000, &r);
	assert_int_equal(r.days_to_leave_pa, 0);
}

static void back_to_90_across_the_holiday_and_an_inset_day(void **state)
{
	(void)state;
	struct recovery r;
	/* 14 of 20 (70%) on Friday 24 October: ceil((180 - 140) / 2) = 20 days,
	 * 54/60 = 90%. From Monday 3 November: 3-7 (5), 10-13 (9, INSET on the
	 * 14th), 17-21 (14), 24-28 (19), Monday 1 December (20). */
	date_t end = D("2025-12-19");
	trends_recovery(&cal, &m.rows[A], 14, 20, D("2025-10-24"), end, 9000, &r);
	assert_int_equal(r.days_needed, 20);
	assert_int_equal(r.from_day, D("2025-11-03"));
	assert_int_equal(r.reached_on, D("2025-12-01"));
	assert_int_equal(r.days_to_leave_pa, 21);
	assert_int_equal(r.days_left, 34); /* 7 weeks less the INSET day */
	assert_true(r.reachable);
}

static void back_to_90_no_longer_possible(void **state)
{
	(void)state;
	struct recovery r;
	char buf[200];
	/* 10 of 20 (50%): 40 days needed, 34 left; with all 34 attended,
	 * 78/88 = 88.64% */
	trends_recovery(&cal, &m.rows[A], 10, 20, D("2025-10-24"), D("2025-12-19"), 9000, &r);
	assert_int_equal(r.days_needed, 40);
	assert_int_equal(r.days_left, 34);
	assert_false(r.reachable);
	assert_int_equal(r.reached_on, DATE_INVALID);
	assert_int_equal(r.best_pct100, 8864);
	assert_string_equal(wording_recovery(&r, buf, sizeof buf),
			    "back to 90% by Friday 19 December 2025 is no longer possible: 34 school "
			    "days are left, and attending all of them would reach 88.6%");
	/* C leaves on Tuesday 11 November: from 24 October only 5 + 2 days */
	trends_recovery(&cal, &m.rows[C], 17, 20, D("2025-10-24"), D("2025-12-19"), 9000, &r);
	assert_int_equal(r.days_left, 7);
	assert_true(r.reachable);
	trends_recovery(&cal, &m.rows[C], 10, 20, D("2025-10-24"), D("2025-12-19"), 9000, &r);
	assert_false(r.reachable);
	/* on the last day there is nothing left */
	trends_recovery(&cal, &m.rows[A], 17, 20, D("2025-12-19"), D("2025-12-19"), 9000, &r);
	assert_int_equal(r.days_left, 0);
	assert_false(r.reachable);
	assert_int_equal(r.best_pct100, 8500);
	assert_string_equal(wording_recovery(&r, buf, sizeof buf),
			    "back to 90% by Friday 19 December 2025 is no longer possible: no school "
			    "days are left");
}

static void other_targets(void **state)
{
	(void)state;
	struct recovery r;
	/* 95%: 17 of 20 needs ceil((9500*20 - 10000*17) / (2*500)) = 20 days */
	trends_recovery(&cal, &m.rows[A], 17, 20, D("2025-10-24"), D("2025-12-19"), 9500, &r);
	assert_int_equal(r.days_needed, 20);
	assert_int_equal(stats_pct100(17 + 40, 20 + 40), 9500);
	assert_int_equal(stats_pct100(17 + 38, 20 + 38) < 9500, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(weeks_across_half_term),
		cmocka_unit_test(weekly_attendance_per_pupil_and_group),
		cmocka_unit_test(declined_and_improving_since_last_week_and_half_term),
		cmocka_unit_test(the_threshold_of_a_change),
		cmocka_unit_test(at_risk_and_briefing_bounds),
		cmocka_unit_test(back_to_90_within_the_half_term),
		cmocka_unit_test(back_to_90_across_the_holiday_and_an_inset_day),
		cmocka_unit_test(back_to_90_no_longer_possible),
		cmocka_unit_test(other_targets),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
