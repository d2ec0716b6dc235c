/* Day numbers, ISO dates, weekdays and academic years. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"

static void round_trips_every_day_for_a_century(void **state)
{
	(void)state;
	char buf[DATE_ISO_LEN];
	date_t start = date_parse("1950-01-01");
	for (date_t d = start; d < start + 365 * 100; d++) {
		date_format(d, buf);
		assert_int_equal(date_parse(buf), d);
	}
	assert_int_equal(date_parse("1970-01-01"), 0);
}

static void rejects_what_is_not_a_date(void **state)
{
	(void)state;
	const char *bad[] = {"2025-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-04-01",
			     "2024/04/01", "2024-4-1", "2024-04-01x", "", "20240401", "2024-04-0a"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(date_parse(bad[i]), DATE_INVALID);
	assert_int_not_equal(date_parse("2024-02-29"), DATE_INVALID);
	assert_int_equal(date_parse(NULL), DATE_INVALID);
}

static void weekdays(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(date_parse("2025-09-01")), WD_MON);
	assert_int_equal(date_weekday(date_parse("2025-12-25")), WD_THU);
	assert_true(date_is_weekend(date_parse("2025-09-06")));
	assert_true(date_is_weekend(date_parse("2025-09-07")));
	assert_false(date_is_weekend(date_parse("2025-09-05")));
	assert_int_equal(date_week_start(date_parse("2025-09-07")), date_parse("2025-09-01"));
}

static void academic_years_start_in_august(void **state)
{
	(void)state;
	char label[8];
	assert_int_equal(date_academic_year(date_parse("2025-07-31")), 2024);
	assert_int_equal(date_academic_year(date_parse("2025-08-01")), 2025);
	assert_int_equal(date_academic_year(date_parse("2026-03-01")), 2025);
	date_academic_year_label(2025, label);
	assert_string_equal(label, "2025/26");
	date_academic_year_label(1999, label);
	assert_string_equal(label, "1999/00");
	assert_int_equal(date_academic_year_parse("2025"), 2025);
	assert_int_equal(date_academic_year_parse("2025/26"), 2025);
	assert_int_equal(date_academic_year_parse("2025/2026"), 2025);
	assert_int_equal(date_academic_year_parse("1999/00"), 1999);
	assert_int_equal(date_academic_year_parse("2025/27"), -1);
	assert_int_equal(date_academic_year_parse("2025/2027"), -1);
	assert_int_equal(date_academic_year_parse("2025/"), -1);
	assert_int_equal(date_academic_year_parse("2025-26"), -1);
	assert_int_equal(date_academic_year_parse("25/26"), -1);
	assert_int_equal(date_academic_year_parse("2025/26x"), -1);
}

static void uk_dates(void **state)
{
	(void)state;
	assert_int_equal(date_parse_dmy("10/09/2025"), date_parse("2025-09-10"));
	assert_int_equal(date_parse_dmy("29/02/2024"), date_parse("2024-02-29"));
	assert_int_equal(date_parse_dmy("29/02/2025"), DATE_INVALID);
	assert_int_equal(date_parse_dmy("2025-09-10"), DATE_INVALID);
	assert_int_equal(date_parse_dmy("10/9/2025"), DATE_INVALID);
	assert_int_equal(date_parse_dmy("09/13/2025"), DATE_INVALID);
	assert_int_equal(date_parse_dmy(NULL), DATE_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trips_every_day_for_a_century),
		cmocka_unit_test(rejects_what_is_not_a_date),
		cmocka_unit_test(weekdays),
		cmocka_unit_test(academic_years_start_in_august),
		cmocka_unit_test(uk_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
