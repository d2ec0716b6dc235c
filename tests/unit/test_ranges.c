/* core/ranges: "this week", "last half-term", terms by date, the academic
 * year and the same point last year, on a calendar of two academic years. */
#include "fixture.h"

#include "core/ranges.h"

static struct calendar cal;

static int setup(void **state)
{
	(void)state;
	fx_two_years(&cal);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	calendar_free(&cal);
	return 0;
}

static void assert_range(const struct date_range *r, const char *from, const char *to)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	if (r->from != D(from) || r->to != D(to))
		fail_msg("range %s..%s, expected %s..%s", date_format(r->from, a), date_format(r->to, b),
			 from, to);
}

static void the_calendar_has_192_days_a_year(void **state)
{
	(void)state;
	int lo, hi;
	calendar_day_range(&cal, D("2024-08-01"), D("2025-07-31"), &lo, &hi);
	assert_int_equal(hi - lo, 192);
	calendar_day_range(&cal, D("2025-08-01"), D("2026-07-31"), &lo, &hi);
	assert_int_equal(hi - lo, 192);
}

static void weeks(void **state)
{
	(void)state;
	struct date_range r;
	assert_int_equal(range_week(&cal, D("2025-09-17"), &r), 0); /* a Wednesday */
	assert_range(&r, "2025-09-15", "2025-09-19");
	assert_int_equal(range_week(&cal, D("2025-09-20"), &r), 0); /* Saturday: the week just gone */
	assert_range(&r, "2025-09-15", "2025-09-19");
	assert_int_equal(range_week(&cal, D("2025-10-29"), &r), 0); /* half-term: the last week open */
	assert_range(&r, "2025-10-20", "2025-10-24");
	assert_int_equal(range_week(&cal, D("2025-09-03"), &r), 0); /* first day, after INSET */
	assert_range(&r, "2025-09-01", "2025-09-05");
	/* last week passes over the half-term holiday */
	assert_int_equal(range_prev_week(&cal, D("2025-11-03"), &r), 0);
	assert_range(&r, "2025-10-20", "2025-10-24");
	assert_int_equal(range_prev_week(&cal, D("2025-11-12"), &r), 0);
	assert_range(&r, "2025-11-03", "2025-11-07");
	/* and over the summer into the previous academic year */
	assert_int_equal(range_prev_week(&cal, D("2025-09-04"), &r), 0);
	assert_range(&r, "2025-07-14", "2025-07-18");
	/* before the calendar starts there is no week */
	assert_int_equal(range_week(&cal, D("2024-08-20"), &r), -1);
	assert_int_equal(range_prev_week(&cal, D("2024-09-04"), &r), -1);
}

static void half_terms(void **state)
{
	(void)state;
	struct date_range r;
	int i;
	assert_int_equal(range_half_term(&cal, D("2025-10-01"), &r, &i), 0);
	assert_range(&r, "2025-09-01", "2025-10-24");
	assert_int_equal(i, 6);
	/* in the half-term holiday: the half-term just ended */
	assert_int_equal(range_half_term(&cal, D("2025-10-29"), &r, NULL), 0);
	assert_range(&r, "2025-09-01", "2025-10-24");
	assert_int_equal(range_prev_half_term(&cal, D("2025-11-05"), &r), 0);
	assert_range(&r, "2025-09-01", "2025-10-24");
	/* the first half-term's previous one is last year's summer 2 */
	assert_int_equal(range_prev_half_term(&cal, D("2025-09-10"), &r), 0);
	assert_range(&r, "2025-06-02", "2025-07-18");
	assert_int_equal(range_half_term(&cal, D("2024-08-01"), &r, NULL), -1);
	assert_int_equal(range_prev_half_term(&cal, D("2024-09-10"), &r), -1);
}

static void terms_come_from_dates_not_labels(void **state)
{
	(void)state;
	struct date_range r;
	enum term t;
	/* 2025/26's labels are HT1..HT6 */
	assert_int_equal(range_term(&cal, D("2025-11-20"), &r, &t), 0);
	assert_int_equal(t, TERM_AUTUMN);
	assert_range(&r, "2025-09-01", "2025-12-19");
	assert_int_equal(range_term(&cal, D("2026-02-25"), &r, &t), 0);
	assert_int_equal(t, TERM_SPRING);
	assert_range(&r, "2026-01-05", "2026-03-27");
	assert_int_equal(range_term(&cal, D("2026-04-01"), &r, &t), 0); /* Easter holiday */
	assert_int_equal(t, TERM_SPRING);
	assert_int_equal(range_term(&cal, D("2026-07-01"), &r, &t), 0);
	assert_int_equal(t, TERM_SUMMER);
	assert_range(&r, "2026-04-13", "2026-07-17");
	/* a summer term that starts in April after an early Easter */
	assert_int_equal(range_term(&cal, D("2025-04-22"), &r, &t), 0);
	assert_int_equal(t, TERM_SUMMER);
	assert_range(&r, "2025-04-22", "2025-07-18");
	assert_string_equal(term_name(TERM_SPRING), "Spring");
	assert_int_equal(term_of_half_term(D("2026-03-31")), TERM_SPRING);
	assert_int_equal(term_of_half_term(D("2026-04-01")), TERM_SUMMER);
	assert_int_equal(term_of_half_term(D("2025-08-28")), TERM_AUTUMN);
}

static void academic_year_and_to_date(void **state)
{
	(void)state;
	struct date_range r;
	range_academic_year(D("2026-07-31"), &r);
	assert_range(&r, "2025-08-01", "2026-07-31");
	range_academic_year(D("2025-08-01"), &r);
	assert_range(&r, "2025-08-01", "2026-07-31");
	struct date_range t = range_to_date(r, D("2025-10-01"));
	assert_range(&t, "2025-08-01", "2025-10-01");
	t = range_to_date(t, D("2026-01-01")); /* never moved later */
	assert_range(&t, "2025-08-01", "2025-10-01");
	assert_int_equal(range_last_school_day_of_year(&cal, D("2025-10-01")), D("2026-07-17"));
	assert_int_equal(range_last_school_day_of_year(&cal, D("2025-07-31")), D("2025-07-18"));
	assert_int_equal(range_last_school_day_of_year(&cal, D("2027-01-01")), DATE_INVALID);
}

static void same_point_last_year_counts_school_days(void **state)
{
	(void)state;
	struct date_range r = {D("2025-08-01"), D("2025-09-10")}, o;
	/* 2025/26 opens on Wed 3 Sep: Sep 3-5, 8-10 are its first 6 school days;
	 * 2024/25's first 6 are Sep 3-6, 9, 10 (INSET on the 2nd) */
	assert_int_equal(range_same_point_last_year(&cal, &r, &o), 0);
	assert_range(&o, "2024-09-03", "2024-09-10");
	/* year to date on 1 October: 21 school days each side */
	r = (struct date_range){D("2025-08-01"), D("2025-10-01")};
	assert_int_equal(range_same_point_last_year(&cal, &r, &o), 0);
	assert_range(&o, "2024-09-03", "2024-10-01");
	/* an end in a holiday counts the school days before it: 2025/26 has 38
	 * to 24 October (Sep 3-5, then 7 weeks); 2024/25's 38th is Thursday 24
	 * October (Sep 3-6, then 7 weeks less a day) */
	r = (struct date_range){D("2025-08-01"), D("2025-10-29")};
	assert_int_equal(range_same_point_last_year(&cal, &r, &o), 0);
	assert_range(&o, "2024-09-03", "2024-10-24");
	/* the first year has no year before it */
	r = (struct date_range){D("2024-08-01"), D("2024-10-01")};
	assert_int_equal(range_same_point_last_year(&cal, &r, &o), -1);
	/* a range with no school day has no same point */
	r = (struct date_range){D("2025-10-27"), D("2025-10-31")};
	assert_int_equal(range_same_point_last_year(&cal, &r, &o), -1);
}

static void same_point_clamps_to_a_shorter_year(void **state)
{
	(void)state;
	struct calendar c;
	calendar_init(&c);
	fx_cal(&c, CAL_TERM, "2024-09-02", "2024-09-06", "Autumn 1"); /* 5 days */
	fx_cal(&c, CAL_TERM, "2025-09-01", "2025-09-12", "Autumn 1"); /* 10 days */
	fx_cal_build(&c);
	struct date_range r = {D("2025-08-01"), D("2025-09-12")}, o;
	assert_int_equal(range_same_point_last_year(&c, &r, &o), 0);
	assert_range(&o, "2024-09-02", "2024-09-06");
	r = (struct date_range){D("2025-09-03"), D("2025-09-04")};
	assert_int_equal(range_same_point_last_year(&c, &r, &o), 0);
	assert_range(&o, "2024-09-04", "2024-09-05");
	calendar_free(&c);
}

static void periods_as_of_a_day(void **state)
{
	(void)state;
	struct periods p;
	range_periods(&cal, D("2025-11-05"), &p); /* Wednesday after half-term */
	assert_true(p.has[PERIOD_TODAY]);
	assert_range(&p.r[PERIOD_TODAY], "2025-11-05", "2025-11-05");
	assert_range(&p.r[PERIOD_THIS_WEEK], "2025-11-03", "2025-11-05");
	assert_range(&p.r[PERIOD_LAST_WEEK], "2025-10-20", "2025-10-24");
	assert_range(&p.r[PERIOD_THIS_HALF_TERM], "2025-11-03", "2025-11-05");
	assert_range(&p.r[PERIOD_LAST_HALF_TERM], "2025-09-01", "2025-10-24");
	assert_range(&p.r[PERIOD_THIS_TERM], "2025-09-01", "2025-11-05");
	assert_range(&p.r[PERIOD_THIS_YEAR], "2025-08-01", "2025-11-05");
	assert_true(p.has[PERIOD_SAME_POINT_LAST_YEAR]);
	/* 2025/26 to 5 Nov: 38 days to 24 October and 3 more = 41; 2024/25's
	 * 41st school day: 39 to 25 October, then 4 and 5 November */
	int lo, hi, lo2, hi2;
	calendar_day_range(&cal, D("2025-08-01"), D("2025-11-05"), &lo, &hi);
	calendar_day_range(&cal, p.r[PERIOD_SAME_POINT_LAST_YEAR].from,
			   p.r[PERIOD_SAME_POINT_LAST_YEAR].to, &lo2, &hi2);
	assert_int_equal(hi - lo, 41);
	assert_int_equal(hi2 - lo2, 41);
	assert_range(&p.r[PERIOD_SAME_POINT_LAST_YEAR], "2024-09-03", "2024-11-05");
	assert_string_equal(period_name(PERIOD_SAME_POINT_LAST_YEAR), "same_point_last_year");
	/* a Saturday: no today; this week is the one just gone */
	range_periods(&cal, D("2025-11-08"), &p);
	assert_false(p.has[PERIOD_TODAY]);
	assert_range(&p.r[PERIOD_THIS_WEEK], "2025-11-03", "2025-11-07");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_calendar_has_192_days_a_year),
		cmocka_unit_test(weeks),
		cmocka_unit_test(half_terms),
		cmocka_unit_test(terms_come_from_dates_not_labels),
		cmocka_unit_test(academic_year_and_to_date),
		cmocka_unit_test(same_point_last_year_counts_school_days),
		cmocka_unit_test(same_point_clamps_to_a_shorter_year),
		cmocka_unit_test(periods_as_of_a_day),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
