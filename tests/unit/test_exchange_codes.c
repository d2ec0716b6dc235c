/* The one table of format rules: CTF characters and census reasons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/exchange_codes.h"

/* Every code, in every session, reads back as itself from its character. */
static void every_code_round_trips(void **state)
{
	(void)state;
	for (int c = 0; c < CODE__MAX; c++)
		for (int s = 0; s < SESSION__MAX; s++) {
			char ch = ctf_mark_char((enum code)c, (enum session)s);
			assert_int_equal(ctf_mark_parse(ch), c);
		}
}

/* One character a code: nothing is collapsed into another code. */
static void characters_are_distinct(void **state)
{
	(void)state;
	for (int a = 0; a < CODE__MAX; a++)
		for (int b = a + 1; b < CODE__MAX; b++)
			assert_int_not_equal(exchange_code((enum code)a)->ctf,
					     exchange_code((enum code)b)->ctf);
	assert_int_equal(ctf_mark_char(CODE_PRESENT, SESSION_AM), '/');
	assert_int_equal(ctf_mark_char(CODE_PRESENT, SESSION_PM), '\\');
	assert_int_equal(ctf_mark_parse('\\'), CODE_PRESENT);
}

static void the_stand_ins(void **state)
{
	(void)state;
	assert_int_equal(ctf_mark_char(CODE_C1, SESSION_AM), '<');
	assert_int_equal(ctf_mark_char(CODE_C2, SESSION_AM), '>');
	assert_int_equal(ctf_mark_char(CODE_J1, SESSION_PM), '?');
	assert_int_equal(ctf_mark_char(CODE_CLOSED, SESSION_AM), '#');
	/* J1 is not the withdrawn J, and Y1..Y7 are not the withdrawn Y */
	assert_int_equal(ctf_mark_parse('J'), CODE_LEGACY_J);
	assert_int_equal(ctf_mark_parse('?'), CODE_J1);
	assert_int_equal(ctf_mark_parse('Y'), CODE_LEGACY_Y);
	for (int c = CODE_Y1; c <= CODE_Y7; c++) {
		assert_int_equal(ctf_mark_char((enum code)c, SESSION_AM), '1' + (c - CODE_Y1));
		assert_true(exchange_code((enum code)c)->ctf_unclear);
	}
	/* every code written with two characters has a stand-in, and only they */
	for (int c = 0; c < CODE__MAX; c++)
		assert_int_equal(exchange_code((enum code)c)->ctf_stand_in,
				 strlen(code_info((enum code)c)->text) == 2);
	assert_int_equal(ctf_mark_parse(CTF_MARK_UNMARKED), CODE_NONE);
	assert_int_equal(ctf_mark_parse('%'), -1);
	assert_int_equal(ctf_mark_parse('a'), -1);
	assert_int_equal(ctf_mark_parse(' '), -1);
}

/* Census reasons: every absence code, under its own text; nothing else. */
static void census_reasons_are_the_absence_codes(void **state)
{
	(void)state;
	for (int c = 0; c < CODE__MAX; c++) {
		enum code_category cat = code_category((enum code)c);
		const char *r = census_reason((enum code)c);
		if (cat == CAT_AUTHORISED || cat == CAT_UNAUTHORISED) {
			assert_non_null(r);
			assert_string_equal(r, code_info((enum code)c)->text);
		} else {
			assert_null(r);
		}
	}
	assert_string_equal(census_reason(CODE_LEGACY_J), "J");
	assert_string_equal(census_reason(CODE_J1), "J1");
}

/* The marks string runs over weekdays from its start date. */
static void mark_dates_skip_weekends(void **state)
{
	(void)state;
	enum session s;
	date_t mon = date_parse("2025-09-01");
	assert_int_equal(ctf_mark_date(mon, 0, &s), mon);
	assert_int_equal(s, SESSION_AM);
	assert_int_equal(ctf_mark_date(mon, 1, &s), mon);
	assert_int_equal(s, SESSION_PM);
	assert_int_equal(ctf_mark_date(mon, 9, &s), date_parse("2025-09-05"));
	assert_int_equal(ctf_mark_date(mon, 10, &s), date_parse("2025-09-08"));
	assert_int_equal(ctf_mark_date(mon, 21, &s), date_parse("2025-09-15"));
	date_t wed = date_parse("2025-09-03");
	assert_int_equal(ctf_mark_date(wed, 6, &s), date_parse("2025-09-08"));
	assert_int_equal(ctf_mark_date(wed, 10, &s), date_parse("2025-09-10"));
	/* a weekend start counts from the Monday after */
	assert_int_equal(ctf_mark_date(date_parse("2025-09-06"), 0, &s), date_parse("2025-09-08"));
	/* a year of weekdays */
	assert_int_equal(ctf_mark_date(mon, 2 * 260, &s), date_parse("2026-08-31"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_code_round_trips),
		cmocka_unit_test(characters_are_distinct),
		cmocka_unit_test(the_stand_ins),
		cmocka_unit_test(census_reasons_are_the_absence_codes),
		cmocka_unit_test(mark_dates_skip_weekends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
