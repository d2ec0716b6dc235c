/* The DfE code table: every code of domain.md, its category, and parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/codes.h"

struct expect {
	const char *text;
	enum code_category cat;
};

/* domain.md's table, row by row. */
static const struct expect table[] = {
	{"/", CAT_PRESENT},	     {"\\", CAT_PRESENT},	  {"L", CAT_PRESENT},
	{"K", CAT_APPROVED},	     {"V", CAT_APPROVED},	  {"P", CAT_APPROVED},
	{"W", CAT_APPROVED},	     {"B", CAT_APPROVED},	  {"D", CAT_NOT_POSSIBLE},
	{"C1", CAT_AUTHORISED},	     {"M", CAT_AUTHORISED},	  {"J1", CAT_AUTHORISED},
	{"S", CAT_AUTHORISED},	     {"X", CAT_NOT_POSSIBLE},	  {"C2", CAT_AUTHORISED},
	{"C", CAT_AUTHORISED},	     {"T", CAT_AUTHORISED},	  {"R", CAT_AUTHORISED},
	{"I", CAT_AUTHORISED},	     {"E", CAT_AUTHORISED},	  {"Q", CAT_NOT_POSSIBLE},
	{"Y1", CAT_NOT_POSSIBLE},    {"Y2", CAT_NOT_POSSIBLE},	  {"Y3", CAT_NOT_POSSIBLE},
	{"Y4", CAT_NOT_POSSIBLE},    {"Y5", CAT_NOT_POSSIBLE},	  {"Y6", CAT_NOT_POSSIBLE},
	{"Y7", CAT_NOT_POSSIBLE},    {"G", CAT_UNAUTHORISED},	  {"N", CAT_UNAUTHORISED},
	{"O", CAT_UNAUTHORISED},     {"U", CAT_UNAUTHORISED},	  {"Z", CAT_NOT_POSSIBLE},
	{"#", CAT_NOT_POSSIBLE},
};

static void every_code_has_its_category(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
		enum code c = code_parse(table[i].text);
		assert_int_not_equal(c, CODE_NONE);
		assert_int_equal(code_category(c), table[i].cat);
	}
}

static void the_table_has_no_other_codes_in_force(void **state)
{
	(void)state;
	int in_force = 0;
	for (int c = CODE_PRESENT; c < CODE__MAX; c++)
		if (!(code_info((enum code)c)->flags & CODE_FLAG_LEGACY))
			in_force++;
	/* domain.md lists 34 texts; '/' and '\' are one code here. */
	assert_int_equal(in_force, (int)(sizeof table / sizeof *table) - 1);
}

static void parsing_is_exact(void **state)
{
	(void)state;
	assert_int_equal(code_parse("c1"), CODE_C1);
	assert_int_equal(code_parse("y7"), CODE_Y7);
	assert_int_equal(code_parse("Y8"), CODE_NONE);
	assert_int_equal(code_parse(""), CODE_NONE);
	assert_int_equal(code_parse(NULL), CODE_NONE);
	assert_int_equal(code_parse("LL"), CODE_NONE);
	assert_int_equal(code_parse("/ "), CODE_NONE);
	assert_int_equal(code_parse("C12"), CODE_NONE);
	assert_int_equal(code_parse("A"), CODE_NONE);
}

static void present_is_written_per_session(void **state)
{
	(void)state;
	assert_string_equal(code_text(CODE_PRESENT, SESSION_AM), "/");
	assert_string_equal(code_text(CODE_PRESENT, SESSION_PM), "\\");
	assert_int_equal(code_parse("/"), code_parse("\\"));
	assert_string_equal(code_text(CODE_C2, SESSION_PM), "C2");
}

static void withdrawn_codes_only_before_the_2024_regulations(void **state)
{
	(void)state;
	date_t before = date_parse("2024-07-19"), after = date_parse("2024-09-04");
	const char *old[] = {"H", "J", "Y", "F"};
	for (int i = 0; i < 4; i++) {
		enum code c = code_parse(old[i]);
		assert_int_not_equal(c, CODE_NONE);
		assert_true(code_allowed_on(c, before));
		assert_false(code_allowed_on(c, after));
	}
	/* J is read as J1: the same category, and it says so. */
	assert_int_equal(code_info(CODE_LEGACY_J)->reads_as, CODE_J1);
	assert_int_equal(code_category(CODE_LEGACY_J), code_category(CODE_J1));
	assert_int_equal(code_category(CODE_LEGACY_H), CAT_AUTHORISED);
	assert_true(code_allowed_on(CODE_J1, after));
	assert_false(code_allowed_on(CODE_NONE, after));
}

static void late_codes_carry_minutes(void **state)
{
	(void)state;
	assert_true(code_info(CODE_L)->flags & CODE_FLAG_MINUTES_LATE);
	assert_true(code_info(CODE_U)->flags & CODE_FLAG_MINUTES_LATE);
	assert_false(code_info(CODE_PRESENT)->flags & CODE_FLAG_MINUTES_LATE);
	assert_false(code_info(CODE_N)->flags & CODE_FLAG_FUTURE_OK);
	assert_true(code_info(CODE_M)->flags & CODE_FLAG_FUTURE_OK);
}

static void sessions_parse(void **state)
{
	(void)state;
	assert_int_equal(session_parse("AM"), SESSION_AM);
	assert_int_equal(session_parse("pm"), SESSION_PM);
	assert_int_equal(session_parse("XM"), -1);
	assert_int_equal(session_parse(""), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_code_has_its_category),
		cmocka_unit_test(the_table_has_no_other_codes_in_force),
		cmocka_unit_test(parsing_is_exact),
		cmocka_unit_test(present_is_written_per_session),
		cmocka_unit_test(withdrawn_codes_only_before_the_2024_regulations),
		cmocka_unit_test(late_codes_carry_minutes),
		cmocka_unit_test(sessions_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
