/* UPNs, year groups and characteristic flags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/pupil.h"

static void upn_shapes(void **state)
{
	(void)state;
	assert_null(upn_shape_error("A123456789012"));
	assert_null(upn_shape_error("A12345678901A")); /* temporary UPN */
	assert_non_null(upn_shape_error("A12345678901"));
	assert_non_null(upn_shape_error("A1234567890123"));
	assert_non_null(upn_shape_error("a123456789012"));
	assert_non_null(upn_shape_error("I123456789012")); /* I is not a check letter */
	assert_non_null(upn_shape_error("A1234567890X2"));
	assert_non_null(upn_shape_error(""));
	assert_non_null(upn_shape_error(NULL));
}

static void upn_check_letters(void **state)
{
	(void)state;
	/* computed by hand: sum of digit x weight (2..13) mod 23 */
	assert_int_equal(upn_check_letter("A123456789012"), 'A');
	assert_int_equal(upn_check_letter("P123456789013"), 'P');
	assert_int_equal(upn_check_letter("J880123400001"), 'J');
	assert_int_not_equal(upn_check_letter("B123456789012"), 'B');
}

static void years(void **state)
{
	(void)state;
	assert_int_equal(year_parse("N1"), -2);
	assert_int_equal(year_parse("N2"), -1);
	assert_int_equal(year_parse("R"), 0);
	assert_int_equal(year_parse("7"), 7);
	assert_int_equal(year_parse("14"), 14);
	assert_int_equal(year_parse("15"), YEAR_INVALID);
	assert_int_equal(year_parse("0"), YEAR_INVALID);
	assert_int_equal(year_parse("07x"), YEAR_INVALID);
	assert_int_equal(year_parse("Y7"), YEAR_INVALID);
	assert_int_equal(year_parse(""), YEAR_INVALID);
	for (int y = YEAR_MIN; y <= YEAR_MAX; y++)
		assert_int_equal(year_parse(year_name(y)), y);
}

static void flags(void **state)
{
	(void)state;
	assert_int_equal(flag_parse("Y"), 1);
	assert_int_equal(flag_parse("N"), 0);
	assert_int_equal(flag_parse("yes"), -1);
	assert_int_equal(flag_parse(""), -1);
	assert_int_equal(send_parse("K"), 'K');
	assert_int_equal(send_parse("e"), 'E');
	assert_int_equal(send_parse("S"), 0);
	assert_int_equal(gender_parse("f"), 'F');
	assert_int_equal(gender_parse("X"), 0);
	assert_int_equal(gender_parse("MF"), 0);
}

static void ethnicities(void **state)
{
	(void)state;
	char e[8];
	assert_int_equal(ethnicity_parse("WBRI", e), 0);
	assert_string_equal(e, "WBRI");
	assert_int_equal(ethnicity_parse("mwbc", e), 0);
	assert_string_equal(e, "MWBC");
	assert_int_equal(ethnicity_parse("", e), 0);
	assert_string_equal(e, "");
	assert_int_equal(ethnicity_parse("WBR", e), -1);
	assert_int_equal(ethnicity_parse("WBRIT", e), -1);
	assert_int_equal(ethnicity_parse("W8RI", e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(upn_shapes),
		cmocka_unit_test(upn_check_letters),
		cmocka_unit_test(years),
		cmocka_unit_test(flags),
		cmocka_unit_test(ethnicities),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
