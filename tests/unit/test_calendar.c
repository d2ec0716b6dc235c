/* The calendar: half-terms, INSET days, bank holidays, closures, weekends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixtures.h"

static void a_year_has_190_pupil_days(void **state)
{
	(void)state;
	struct calendar cal;
	fx_year_2025(&cal);
	assert_int_equal(cal.n_school_days, 190);
	assert_int_equal(cal.n_half_terms, 6);
	assert_string_equal(cal.half_terms[0].label, "Autumn 1");
	/* Autumn 1: 40 weekdays, 2 INSET */
	assert_int_equal(cal.half_terms[0].n_days, 38);
	/* Summer 1: 30 weekdays less the May Day bank holiday */
	assert_int_equal(cal.half_terms[4].n_days, 29);
	calendar_free(&cal);
}

static void what_each_day_is(void **state)
{
	(void)state;
	struct calendar cal;
	fx_year_2025(&cal);
	assert_int_equal(calendar_day_kind(&cal, date_parse("2025-09-01")), DAY_INSET);
	assert_int_equal(calendar_day_kind(&cal, date_parse("2025-09-03")), DAY_SCHOOL);
	assert_int_equal(calendar_day_kind(&cal, date_parse("2025-09-06")), DAY_WEEKEND);
	assert_int_equal(calendar_day_kind(&cal, date_parse("2025-10-29")), DAY_HOLIDAY);
	assert_int_equal(calendar_day_kind(&cal, date_parse("2026-05-04")), DAY_BANK_HOLIDAY);
	assert_int_equal(calendar_day_kind(&cal, date_parse("2025-08-01")), DAY_HOLIDAY);
	assert_int_equal(calendar_day_kind(&cal, date_parse("2027-01-01")), DAY_HOLIDAY);
	assert_int_equal(calendar_day_index(&cal, date_parse("2025-09-03")), 0);
	assert_int_equal(calendar_day_index(&cal, date_parse("2025-09-01")), -1);
	assert_int_equal(calendar_session_col(&cal, date_parse("2025-09-04"), SESSION_PM), 3);
	assert_int_equal(calendar_col_date(&cal, 3), date_parse("2025-09-04"));
	calendar_free(&cal);
}

static void closures_have_no_sessions(void **state)
{
	(void)state;
	struct calendar cal;
	fx_year_2025(&cal);
	fx_add(&cal, CAL_CLOSURE, "2025-11-28", "2025-11-28", "polling station");
	char err[256];
	assert_int_equal(calendar_build(&cal, err, sizeof err), 0);
	assert_int_equal(cal.n_school_days, 189);
	assert_int_equal(calendar_day_kind(&cal, date_parse("2025-11-28")), DAY_CLOSURE);
	assert_int_equal(calendar_day_index(&cal, date_parse("2025-11-28")), -1);
	calendar_free(&cal);
}

static void day_ranges(void **state)
{
	(void)state;
	struct calendar cal;
	fx_year_2025(&cal);
	int lo, hi;
	/* the first week: Wed 3 to Fri 5 September */
	calendar_day_range(&cal, date_parse("2025-09-01"), date_parse("2025-09-07"), &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 3);
	/* a holiday alone has no school days */
	calendar_day_range(&cal, date_parse("2025-10-25"), date_parse("2025-11-02"), &lo, &hi);
	assert_int_equal(hi - lo, 0);
	/* the whole year */
	calendar_day_range(&cal, date_parse("2025-08-01"), date_parse("2026-07-31"), &lo, &hi);
	assert_int_equal(hi - lo, 190);
	const struct half_term *h = calendar_half_term_at(&cal, date_parse("2025-10-29"));
	assert_non_null(h);
	assert_string_equal(h->label, "Autumn 2");
	assert_null(calendar_half_term_at(&cal, date_parse("2026-08-01")));
	calendar_free(&cal);
}

static void rejects_what_cannot_be(void **state)
{
	(void)state;
	struct calendar cal;
	calendar_init(&cal);
	char err[256];
	struct cal_entry t1 = {CAL_TERM, date_parse("2025-09-01"), date_parse("2025-10-24"), "Autumn 1", 2};
	assert_int_equal(calendar_add(&cal, &t1, err, sizeof err), 1);
	/* the same entry again: nothing to add */
	assert_int_equal(calendar_add(&cal, &t1, err, sizeof err), 0);
	struct cal_entry overlap = {CAL_TERM, date_parse("2025-10-20"), date_parse("2025-11-20"), "Autumn 2", 3};
	assert_int_equal(calendar_add(&cal, &overlap, err, sizeof err), -1);
	assert_non_null(strstr(err, "overlaps term 'Autumn 1'"));
	assert_non_null(strstr(err, "line 2"));
	struct cal_entry backwards = {CAL_INSET, date_parse("2025-09-05"), date_parse("2025-09-04"), "", 4};
	assert_int_equal(calendar_add(&cal, &backwards, err, sizeof err), -1);
	assert_non_null(strstr(err, "end is before start"));
	struct cal_entry nolabel = {CAL_TERM, date_parse("2026-01-05"), date_parse("2026-02-13"), "", 5};
	assert_int_equal(calendar_add(&cal, &nolabel, err, sizeof err), -1);
	struct cal_entry weekend = {CAL_TERM, date_parse("2026-01-03"), date_parse("2026-01-04"), "W", 6};
	assert_int_equal(calendar_add(&cal, &weekend, err, sizeof err), -1);
	struct cal_entry across = {CAL_TERM, date_parse("2026-07-27"), date_parse("2026-08-07"), "S", 7};
	assert_int_equal(calendar_add(&cal, &across, err, sizeof err), -1);
	assert_non_null(strstr(err, "academic year"));
	struct cal_entry toolong = {CAL_TERM, date_parse("2025-09-01"), date_parse("2026-07-20"), "Y", 8};
	calendar_free(&cal);
	calendar_init(&cal);
	assert_int_equal(calendar_add(&cal, &toolong, err, sizeof err), -1);
	/* an INSET day outside every term is found when the calendar is built */
	assert_int_equal(calendar_add(&cal, &t1, err, sizeof err), 1);
	struct cal_entry stray = {CAL_INSET, date_parse("2025-10-29"), date_parse("2025-10-29"), "", 9};
	assert_int_equal(calendar_add(&cal, &stray, err, sizeof err), 1);
	assert_int_equal(calendar_build(&cal, err, sizeof err), -1);
	assert_non_null(strstr(err, "not inside any term"));
	assert_non_null(strstr(err, "line 9"));
	calendar_free(&cal);
}

static void bank_holidays_outside_term_are_harmless(void **state)
{
	(void)state;
	struct calendar cal;
	fx_year_2025(&cal); /* has 25/26 December and 25 May in holidays */
	assert_int_equal(calendar_day_kind(&cal, date_parse("2025-12-25")), DAY_HOLIDAY);
	calendar_free(&cal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_year_has_190_pupil_days),
		cmocka_unit_test(what_each_day_is),
		cmocka_unit_test(closures_have_no_sessions),
		cmocka_unit_test(day_ranges),
		cmocka_unit_test(rejects_what_cannot_be),
		cmocka_unit_test(bank_holidays_outside_term_are_harmless),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
