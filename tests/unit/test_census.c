/* Census periods, Easter, census days and the ages counted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/census.h"

#define D(s) date_parse(s)

static void easter(void **state)
{
	(void)state;
	/* Published dates of Easter Sunday. */
	static const char *known[] = {"2008-03-23", "2011-04-24", "2016-03-27", "2019-04-21",
				      "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28",
				      "2038-04-25", "2285-03-22"};
	for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
		int y, m, d;
		date_to_ymd(D(known[i]), &y, &m, &d);
		assert_int_equal(easter_sunday(y), D(known[i]));
		assert_int_equal(date_weekday(easter_sunday(y)), WD_SUN);
	}
}

static void bank_holiday_and_census_days(void **state)
{
	(void)state;
	assert_int_equal(spring_bank_holiday(2025), D("2025-05-26"));
	assert_int_equal(spring_bank_holiday(2026), D("2026-05-25"));
	assert_int_equal(spring_bank_holiday(2027), D("2027-05-31"));
	assert_int_equal(census_day(CENSUS_AUTUMN, 2025), D("2025-10-02"));
	assert_int_equal(census_day(CENSUS_SPRING, 2026), D("2026-01-15"));
	assert_int_equal(census_day(CENSUS_SUMMER, 2026), D("2026-05-21"));
	assert_int_equal(census_day(CENSUS_AUTUMN, 2026), D("2026-10-01"));
}

static void periods(void **state)
{
	(void)state;
	struct census_period p[CENSUS_PERIODS_MAX];
	assert_int_equal(census_periods(CENSUS_SPRING, 2026, p), 1);
	assert_string_equal(p[0].element, "TermlyAttendance");
	assert_int_equal(p[0].from, D("2025-08-01"));
	assert_int_equal(p[0].to, D("2025-12-31"));

	assert_int_equal(census_periods(CENSUS_SUMMER, 2026, p), 1);
	assert_int_equal(p[0].from, D("2026-01-01"));
	assert_int_equal(p[0].to, D("2026-04-05")); /* Easter Sunday */

	/* autumn: the summer term before, its two half-terms apart */
	assert_int_equal(census_periods(CENSUS_AUTUMN, 2026, p), 2);
	assert_string_equal(p[0].element, "TermlyAttendance");
	assert_int_equal(p[0].from, D("2026-04-06"));
	assert_int_equal(p[0].to, D("2026-05-25"));
	assert_string_equal(p[1].element, "SummerHalfTerm2Attendance");
	assert_int_equal(p[1].from, D("2026-05-26"));
	assert_int_equal(p[1].to, D("2026-07-31"));
	/* the three censuses of a year cover it without gap or overlap */
	struct census_period s[2], u[2], a[2];
	census_periods(CENSUS_SPRING, 2025, s);
	census_periods(CENSUS_SUMMER, 2025, u);
	census_periods(CENSUS_AUTUMN, 2025, a);
	assert_int_equal(s[0].to + 1, u[0].from);
	assert_int_equal(u[0].to + 1, a[0].from);
	assert_int_equal(a[0].to + 1, a[1].from);
	for (int t = 0; t < CENSUS__MAX; t++)
		assert_int_equal(census_academic_year((enum census_term)t, 2026), 2025);
}

static void ages(void **state)
{
	(void)state;
	assert_int_equal(age_on(D("2015-03-01"), D("2025-08-31")), 10);
	assert_int_equal(age_on(D("2015-08-31"), D("2025-08-31")), 10);
	assert_int_equal(age_on(D("2015-09-01"), D("2025-08-31")), 9);
	assert_int_equal(age_on(D("2016-02-29"), D("2025-02-28")), 8);
	/* 5 to 15 on 31 August before the academic year */
	assert_true(census_age_counted(D("2020-08-31"), 2025));   /* 5 */
	assert_false(census_age_counted(D("2020-09-01"), 2025));  /* 4 */
	assert_true(census_age_counted(D("2009-09-01"), 2025));   /* 15 */
	assert_false(census_age_counted(D("2009-08-31"), 2025));  /* 16 */
	assert_int_equal(census_term_parse("Autumn"), CENSUS_AUTUMN);
	assert_int_equal(census_term_parse("winter"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(easter),
		cmocka_unit_test(bank_holiday_and_census_days),
		cmocka_unit_test(periods),
		cmocka_unit_test(ages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
