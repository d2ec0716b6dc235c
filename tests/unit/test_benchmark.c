/* core/benchmark: the vocabulary of a benchmark row, values to hundredths,
 * cohorts checked against their measure, and the figure that fits a
 * comparison best. core/flags: the action a pupil's figures call for. */
#include "fixture.h"

#include "core/benchmark.h"
#include "core/flags.h"

static void values_to_hundredths(void **state)
{
	(void)state;
	int32_t v;
	assert_int_equal(bm_value_parse("7.5", &v), 0);
	assert_int_equal(v, 750);
	assert_int_equal(bm_value_parse("19.40", &v), 0);
	assert_int_equal(v, 1940);
	assert_int_equal(bm_value_parse("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(bm_value_parse("100", &v), 0);
	assert_int_equal(v, 10000);
	assert_int_equal(bm_value_parse("0.05", &v), 0);
	assert_int_equal(v, 5);
	const char *bad[] = {"", "100.01", "101", "-1", "7.", ".5", "7.555", "7,5", "1e2", "seven", "1000"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(bm_value_parse(bad[i], &v), -1);
}

static void academic_years(void **state)
{
	(void)state;
	int y;
	assert_int_equal(bm_year_parse("2023/24", &y), 0);
	assert_int_equal(y, 2023);
	assert_int_equal(bm_year_parse("1999/00", &y), 0);
	assert_int_equal(y, 1999);
	const char *bad[] = {"2023/25", "2023-24", "2023/2024", "23/24", "2023", "abcd/ef", ""};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(bm_year_parse(bad[i], &y), -1);
}

static void cohorts_against_measures(void **state)
{
	(void)state;
	char c[BM_COHORT_MAX];
	assert_null(bm_cohort_check(BM_ABSENCE, "all", c));
	assert_string_equal(c, "all");
	assert_null(bm_cohort_check(BM_ABSENCE, "FSM=Y", c));
	assert_string_equal(c, "fsm=Y");
	assert_null(bm_cohort_check(BM_PERSISTENT, "send=E", c));
	assert_null(bm_cohort_check(BM_ABSENCE, "year=R", c));
	assert_null(bm_cohort_check(BM_BAND_SHARE, "band=50+", c));
	assert_string_equal(c, "band=50+");
	assert_non_null(bm_cohort_check(BM_ABSENCE, "fsm=y", c));
	assert_non_null(bm_cohort_check(BM_ABSENCE, "send=X", c));
	assert_non_null(bm_cohort_check(BM_ABSENCE, "year=15", c));
	assert_non_null(bm_cohort_check(BM_ABSENCE, "band=0-5", c));
	assert_non_null(bm_cohort_check(BM_BAND_SHARE, "all", c));
	assert_non_null(bm_cohort_check(BM_BAND_SHARE, "band=50", c));
	assert_non_null(bm_cohort_check(BM_ABSENCE, "", c));
	assert_non_null(bm_cohort_check(BM_ABSENCE, "colour=red", c));
}

static struct benchmark bm(enum bm_phase phase, int year, enum bm_period period, const char *cohort,
			   int v, const char *source)
{
	struct benchmark b = {BM_NATIONAL, phase, year, period, BM_ABSENCE, "", v, ""};
	snprintf(b.cohort, sizeof b.cohort, "%s", cohort);
	snprintf(b.source, sizeof b.source, "%s", source);
	return b;
}

static void the_best_fit(void **state)
{
	(void)state;
	struct benchmark v[] = {
		bm(BM_PHASE_ALL, 2024, BM_FULL_YEAR, "all", 690, "a"),
		bm(BM_SECONDARY, 2023, BM_FULL_YEAR, "all", 910, "a"),
		bm(BM_SECONDARY, 2024, BM_FULL_YEAR, "all", 860, "a"),
		bm(BM_SECONDARY, 2024, BM_AUTUMN, "all", 800, "a"),
		bm(BM_PHASE_ALL, 2023, BM_AUTUMN, "fsm=Y", 1040, "a"),
		bm(BM_PRIMARY, 2022, BM_FULL_YEAR, "all", 600, "census"),
		bm(BM_PRIMARY, 2022, BM_FULL_YEAR, "all", 610, "daily"),
	};
	int n = sizeof v / sizeof *v;
	/* the school's phase first, then the period asked for, then the latest year */
	assert_int_equal(bm_find(v, n, BM_NATIONAL, BM_SECONDARY, BM_ABSENCE, "all", BM_FULL_YEAR)->value100, 860);
	assert_int_equal(bm_find(v, n, BM_NATIONAL, BM_SECONDARY, BM_ABSENCE, "all", BM_AUTUMN)->value100, 800);
	assert_int_equal(bm_find(v, n, BM_NATIONAL, BM_SPECIAL, BM_ABSENCE, "all", BM_FULL_YEAR)->value100, 690);
	/* a cohort published only for all schools and one term is still found */
	assert_int_equal(bm_find(v, n, BM_NATIONAL, BM_SECONDARY, BM_ABSENCE, "fsm=Y", BM_FULL_YEAR)->value100, 1040);
	/* two sources of one figure: the first */
	assert_string_equal(bm_find(v, n, BM_NATIONAL, BM_PRIMARY, BM_ABSENCE, "all", BM_FULL_YEAR)->source, "census");
	assert_null(bm_find(v, n, BM_LA, BM_SECONDARY, BM_ABSENCE, "all", BM_FULL_YEAR));
	assert_null(bm_find(v, n, BM_NATIONAL, BM_SECONDARY, BM_PERSISTENT, "all", BM_FULL_YEAR));
	assert_null(bm_find(v, n, BM_NATIONAL, BM_SECONDARY, BM_ABSENCE, "eal=Y", BM_FULL_YEAR));
	char d[160];
	assert_string_equal(bm_describe(&v[2], d, sizeof d), "national (secondary schools), full year 2024/25");
	assert_string_equal(bm_describe(&v[4], d, sizeof d), "national (all schools), autumn term 2023/24");
}

static struct figures fig(int possible, int absent)
{
	struct figures f = {0};
	f.possible = possible;
	f.present = possible - absent;
	f.authorised = absent;
	return f;
}

static void flags_most_pressing_first(void **state)
{
	(void)state;
	struct figures none = fig(0, 0);
	assert_int_equal(flags_action(&none, TREND_UNKNOWN), ACTION_NONE);
	struct figures sa = fig(100, 50), pa = fig(100, 10), risk = fig(100, 5), good = fig(100, 4);
	/* absence decides before the week's change */
	assert_int_equal(flags_action(&sa, TREND_IMPROVING), ACTION_SEVERE);
	assert_int_equal(flags_action(&pa, TREND_IMPROVING), ACTION_PERSISTENT);
	assert_int_equal(flags_action(&risk, TREND_DECLINED), ACTION_AT_RISK);
	assert_int_equal(flags_action(&good, TREND_DECLINED), ACTION_DECLINED);
	assert_int_equal(flags_action(&good, TREND_IMPROVING), ACTION_IMPROVING);
	assert_int_equal(flags_action(&good, TREND_STEADY), ACTION_GOOD);
	assert_int_equal(flags_action(&good, TREND_UNKNOWN), ACTION_GOOD);
	/* 49.9% is persistent, not severe; 9.9% at risk */
	struct figures p = fig(1000, 499), r = fig(1000, 99);
	assert_int_equal(flags_action(&p, TREND_STEADY), ACTION_PERSISTENT);
	assert_int_equal(flags_action(&r, TREND_STEADY), ACTION_AT_RISK);
	for (int a = 0; a < ACTION__MAX; a++) {
		assert_int_equal(action_parse(action_name((enum action)a)), a);
		assert_true(strlen(action_label((enum action)a)) > 0);
		assert_true(strlen(action_step((enum action)a)) > 0);
	}
	assert_int_equal(action_parse("urgent"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_to_hundredths),	    cmocka_unit_test(academic_years),
		cmocka_unit_test(cohorts_against_measures), cmocka_unit_test(the_best_fit),
		cmocka_unit_test(flags_most_pressing_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
