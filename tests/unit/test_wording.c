/* core/wording: days, lessons, weeks and percentages in words, and every
 * figure of the seeds' arithmetic in domain.md. */
#include "fixture.h"

#include "core/stats.h"
#include "core/wording.h"

static char buf[128];

#define SAYS(expr, text) assert_string_equal((expr), (text))

static const struct wording_settings defaults = {LESSONS_PER_DAY_DEFAULT,
						 SCHOOL_DAY_MINUTES_DEFAULT};

/* A year of 190 days (380 sessions) with so many days missed. */
static int64_t pct_with_days_missed(int days)
{
	return stats_pct100(380 - 2 * days, 380);
}

static void seeds_percentages(void **state)
{
	(void)state;
	/* 1 day missed in 190 is about 99.5% */
	assert_int_equal(pct_with_days_missed(1), 9947);
	SAYS(wording_pct(pct_with_days_missed(1), buf, sizeof buf), "99.5%");
	/* 10 days: 94.7% */
	assert_int_equal(pct_with_days_missed(10), 9474);
	SAYS(wording_pct(pct_with_days_missed(10), buf, sizeof buf), "94.7%");
	/* 20 days: 89.5%, "about 90%", "4 whole weeks" */
	assert_int_equal(pct_with_days_missed(20), 8947);
	SAYS(wording_pct(pct_with_days_missed(20), buf, sizeof buf), "89.5%");
	SAYS(wording_about_pct(pct_with_days_missed(20), buf, sizeof buf), "about 90%");
	SAYS(wording_time(20 * 10, buf, sizeof buf), "4 whole weeks");
	SAYS(wording_days(40, buf, sizeof buf), "20 days");
}

static void seeds_weeks_and_lessons(void **state)
{
	(void)state;
	/* 95% attendance of 380 sessions: 19 sessions missed = 9.5 days, "nearly 2 weeks" */
	int64_t missed = 380 - 380 * 95 / 100;
	assert_int_equal(missed, 19);
	SAYS(wording_days(missed, buf, sizeof buf), "9.5 days");
	SAYS(wording_time(missed * 5, buf, sizeof buf), "nearly 2 weeks");
	/* 90%: 38 sessions = 19 days, "around 4 weeks", 95 lessons at 5 a day (90+) */
	missed = 380 - 380 * 90 / 100;
	assert_int_equal(missed, 38);
	SAYS(wording_days(missed, buf, sizeof buf), "19 days");
	SAYS(wording_time(missed * 5, buf, sizeof buf), "around 4 weeks");
	assert_int_equal(wording_lessons(missed, 5), 95);
	SAYS(wording_days_lessons(missed, 5, buf, sizeof buf), "19 days (about 95 lessons)");
	/* 10 minutes late every day of 190: 1,900 minutes, "nearly a week" */
	SAYS(wording_count(10 * 190, buf, sizeof buf), "1,900");
	assert_int_equal(wording_minutes_tenths(1900, SCHOOL_DAY_MINUTES_DEFAULT), 49); /* 4.87 days */
	SAYS(wording_minutes_lost(1900, &defaults, buf, sizeof buf),
	     "1,900 minutes: nearly a week (about 24 lessons)");
}

static void days_and_lessons(void **state)
{
	(void)state;
	SAYS(wording_days(0, buf, sizeof buf), "0 days");
	SAYS(wording_days(1, buf, sizeof buf), "half a day");
	SAYS(wording_days(2, buf, sizeof buf), "1 day");
	SAYS(wording_days(3, buf, sizeof buf), "1.5 days");
	SAYS(wording_days(9, buf, sizeof buf), "4.5 days");
	SAYS(wording_days_lessons(9, 5, buf, sizeof buf), "4.5 days (about 23 lessons)");
	SAYS(wording_days_lessons(1, 1, buf, sizeof buf), "half a day (about 1 lesson)");
	SAYS(wording_days_lessons(0, 5, buf, sizeof buf), "no time");
	SAYS(wording_days_lessons(4, 6, buf, sizeof buf), "2 days (about 12 lessons)");
	assert_int_equal(wording_lessons(9, 5), 23); /* 22.5, half up */
	assert_int_equal(wording_lessons(3, 5), 8);  /* 7.5 */
	assert_int_equal(wording_lessons(2, 5), 5);
	SAYS(wording_days_tenths(49, buf, sizeof buf), "4.9 days");
}

static void weeks_each_side_of_the_rule(void **state)
{
	(void)state;
	SAYS(wording_time(44, buf, sizeof buf), "4.4 days");   /* under 4.5 days: days */
	SAYS(wording_time(45, buf, sizeof buf), "nearly a week");
	SAYS(wording_time(50, buf, sizeof buf), "a whole week");
	SAYS(wording_time(55, buf, sizeof buf), "just over a week");
	SAYS(wording_time(56, buf, sizeof buf), "around a week");
	SAYS(wording_time(74, buf, sizeof buf), "around a week");
	SAYS(wording_time(75, buf, sizeof buf), "around 2 weeks"); /* 1.5 weeks rounds up */
	SAYS(wording_time(94, buf, sizeof buf), "around 2 weeks");
	SAYS(wording_time(95, buf, sizeof buf), "nearly 2 weeks");
	SAYS(wording_time(100, buf, sizeof buf), "2 whole weeks");
	SAYS(wording_time(105, buf, sizeof buf), "just over 2 weeks");
	SAYS(wording_time(190, buf, sizeof buf), "around 4 weeks");
	SAYS(wording_time(195, buf, sizeof buf), "nearly 4 weeks");
	SAYS(wording_time(210, buf, sizeof buf), "around 4 weeks");
}

static void percentages_and_counts(void **state)
{
	(void)state;
	SAYS(wording_pct(-1, buf, sizeof buf), "n/a");
	SAYS(wording_pct(10000, buf, sizeof buf), "100.0%");
	SAYS(wording_pct(0, buf, sizeof buf), "0.0%");
	SAYS(wording_pct(9995, buf, sizeof buf), "100.0%");
	SAYS(wording_pct(9994, buf, sizeof buf), "99.9%");
	SAYS(wording_about_pct(9474, buf, sizeof buf), "about 95%");
	SAYS(wording_about_pct(9444, buf, sizeof buf), "about 94%"); /* shown as 94.4% */
	SAYS(wording_pct(9445, buf, sizeof buf), "94.5%");
	SAYS(wording_about_pct(9445, buf, sizeof buf), "about 95%"); /* shown as 94.5%: about 95 */
	SAYS(wording_about_pct(-1, buf, sizeof buf), "n/a");
	SAYS(wording_count(0, buf, sizeof buf), "0");
	SAYS(wording_count(999, buf, sizeof buf), "999");
	SAYS(wording_count(1000, buf, sizeof buf), "1,000");
	SAYS(wording_count(38000000, buf, sizeof buf), "38,000,000");
	SAYS(wording_count(-1900, buf, sizeof buf), "-1,900");
}

static void minutes_as_time_lost(void **state)
{
	(void)state;
	struct wording_settings s = {6, 300};
	assert_int_equal(wording_minutes_tenths(150, 300), 5);
	assert_int_equal(wording_minutes_lessons(150, &s), 3);
	SAYS(wording_minutes_lost(150, &s, buf, sizeof buf), "150 minutes: half a day (about 3 lessons)");
	SAYS(wording_minutes_lost(1, &defaults, buf, sizeof buf), "1 minute: 0 days (about 0 lessons)");
	assert_int_equal(wording_minutes_lessons(39, &defaults), 1); /* 0.5 lessons, half up */
	assert_int_equal(wording_minutes_lessons(38, &defaults), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seeds_percentages),
		cmocka_unit_test(seeds_weeks_and_lessons),
		cmocka_unit_test(days_and_lessons),
		cmocka_unit_test(weeks_each_side_of_the_rule),
		cmocka_unit_test(percentages_and_counts),
		cmocka_unit_test(minutes_as_time_lost),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
