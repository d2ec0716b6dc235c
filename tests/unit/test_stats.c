/* The DfE statistics definitions on hand-worked registers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/stats.h"
#include "fixtures.h"

#define P CODE_PRESENT

struct world {
	struct calendar cal;
	struct matrix m;
};

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof *w);
	fx_year_2025(&w->cal);
	matrix_init(&w->m, 2 * w->cal.n_school_days);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	matrix_free(&w->m);
	calendar_free(&w->cal);
	free(w);
	return 0;
}

static void week(struct world *w, date_t *from, date_t *to)
{
	/* the first full week: Mon 8 to Fri 12 September 2025, 10 sessions */
	*from = date_parse("2025-09-08");
	*to = date_parse("2025-09-12");
	(void)w;
}

static void figures_of(struct world *w, int row, const char *from, const char *to, struct figures *f)
{
	int c0, c1;
	stats_cols(&w->cal, date_parse(from), date_parse(to), &c0, &c1);
	stats_row(&w->m, row, c0, c1, f);
}

static void categories_count_as_the_dfe_says(void **state)
{
	struct world *w = *state;
	int r = fx_row(&w->m, &w->cal, "A123456789012", "2025-09-01", "");
	/* Mon-Fri, AM and PM: L present, V approved activity, I authorised,
	 * U and N unauthorised, D/X/Y1/# not possible, two left unmarked. */
	enum code codes[] = {P, CODE_L, CODE_V, CODE_I, CODE_U, CODE_N, CODE_D, CODE_X, CODE_Y1, CODE_CLOSED};
	fx_marks(&w->m, &w->cal, r, "2025-09-08", SESSION_AM, codes, 10);
	/* Monday 15 AM minutes late on the L */
	matrix_set(&w->m, r, calendar_session_col(&w->cal, date_parse("2025-09-08"), SESSION_PM), CODE_L, 12);
	struct figures f;
	date_t from, to;
	week(w, &from, &to);
	figures_of(w, r, "2025-09-08", "2025-09-12", &f);
	assert_int_equal(f.present, 2);	     /* / and L */
	assert_int_equal(f.approved, 1);     /* V */
	assert_int_equal(f.authorised, 1);   /* I */
	assert_int_equal(f.unauthorised, 2); /* U, N */
	assert_int_equal(f.not_possible, 4); /* D, X, Y1, # */
	assert_int_equal(f.unmarked, 0);
	assert_int_equal(f.possible, 6);
	assert_int_equal(stats_attendance(&f), 3);
	assert_int_equal(stats_absence(&f), 3);
	assert_int_equal(f.late_before_close, 1);
	assert_int_equal(f.late_after_close, 1);
	assert_int_equal(f.minutes_late, 12);
	assert_int_equal(stats_pct100(stats_attendance(&f), f.possible), 5000);

	/* the next week has no marks: all 10 sessions unmarked, none possible */
	figures_of(w, r, "2025-09-15", "2025-09-19", &f);
	assert_int_equal(f.unmarked, 10);
	assert_int_equal(f.possible, 0);
	assert_int_equal(stats_band(&f), BAND_NONE);
	assert_false(stats_persistent(&f));
	assert_int_equal(stats_pct100(0, f.possible), -1);
}

static void all_present(struct world *w, int r, const char *date, int n)
{
	enum code codes[400];
	for (int i = 0; i < n; i++)
		codes[i] = P;
	fx_marks(&w->m, &w->cal, r, date, SESSION_AM, codes, n);
}

static void ten_percent_is_persistent_fifty_is_severe(void **state)
{
	struct world *w = *state;
	int a = fx_row(&w->m, &w->cal, "A123456789012", "2025-09-01", "");
	int b = fx_row(&w->m, &w->cal, "P123456789013", "2025-09-01", "");
	int c = fx_row(&w->m, &w->cal, "D123456789014", "2025-09-01", "");
	/* 20 sessions: 8 Sep to 19 Sep */
	all_present(w, a, "2025-09-08", 20);
	all_present(w, b, "2025-09-08", 20);
	all_present(w, c, "2025-09-08", 20);
	/* a: 2 of 20 absent = exactly 10.00% */
	matrix_set(&w->m, a, calendar_session_col(&w->cal, date_parse("2025-09-08"), SESSION_AM), CODE_I, 0);
	matrix_set(&w->m, a, calendar_session_col(&w->cal, date_parse("2025-09-09"), SESSION_PM), CODE_G, 0);
	/* b: 10 of 20 = exactly 50.00% */
	enum code ten_n[10] = {CODE_N, CODE_N, CODE_N, CODE_N, CODE_N, CODE_O, CODE_O, CODE_O, CODE_O, CODE_O};
	fx_marks(&w->m, &w->cal, b, "2025-09-15", SESSION_AM, ten_n, 10);
	/* c: 1 of 20 = 5.00%: at risk, not persistent */
	matrix_set(&w->m, c, calendar_session_col(&w->cal, date_parse("2025-09-19"), SESSION_PM), CODE_M, 0);
	struct figures f;
	figures_of(w, a, "2025-09-08", "2025-09-19", &f);
	assert_int_equal(f.possible, 20);
	assert_int_equal(stats_pct100(stats_absence(&f), f.possible), 1000);
	assert_true(stats_persistent(&f));
	assert_false(stats_severe(&f));
	assert_false(stats_at_risk(&f));
	assert_string_equal(stats_band_label(stats_band(&f)), "10-15");

	figures_of(w, b, "2025-09-08", "2025-09-19", &f);
	assert_int_equal(stats_pct100(stats_absence(&f), f.possible), 5000);
	assert_true(stats_persistent(&f));
	assert_true(stats_severe(&f));
	assert_string_equal(stats_band_label(stats_band(&f)), "50+");
	assert_int_equal(f.unauthorised, 10);

	figures_of(w, c, "2025-09-08", "2025-09-19", &f);
	assert_false(stats_persistent(&f));
	assert_true(stats_at_risk(&f));
	assert_string_equal(stats_band_label(stats_band(&f)), "5-10");

	/* one session fewer in range: 19 possible, too few for a band */
	figures_of(w, c, "2025-09-08", "2025-09-19", &f);
	f.possible = 19;
	assert_int_equal(stats_band(&f), BAND_TOO_FEW);
}

static void just_under_ten_percent_is_not_persistent(void **state)
{
	struct world *w = *state;
	int r = fx_row(&w->m, &w->cal, "A123456789012", "2025-09-01", "");
	all_present(w, r, "2025-09-03", 42); /* 3 Sep to 19 Sep... 21 days */
	matrix_set(&w->m, r, 0, CODE_I, 0);
	matrix_set(&w->m, r, 1, CODE_I, 0);
	matrix_set(&w->m, r, 2, CODE_I, 0);
	matrix_set(&w->m, r, 3, CODE_I, 0);
	struct figures f;
	/* 4 of 42 = 9.52% */
	figures_of(w, r, "2025-09-01", "2025-10-01", &f);
	assert_int_equal(f.possible, 42);
	assert_int_equal(stats_pct100(stats_absence(&f), f.possible), 952);
	assert_false(stats_persistent(&f));
	assert_true(stats_at_risk(&f));
	/* 9.99...% stays below: 999 of 10,000 is 9.99, and 1,000 is 10.00 */
	struct figures g = {.possible = 10000, .authorised = 999};
	assert_false(stats_persistent(&g));
	g.authorised = 1000;
	assert_true(stats_persistent(&g));
	g = (struct figures){.possible = 10001, .unauthorised = 5000};
	assert_false(stats_severe(&g));
	assert_string_equal(stats_band_label(stats_band(&g)), "45-50");
}

static void joining_and_leaving_mid_year(void **state)
{
	struct world *w = *state;
	/* joins Wednesday 10 Sep; leaves Tuesday 16 Sep */
	int r = fx_row(&w->m, &w->cal, "A123456789012", "2025-09-10", "2025-09-16");
	all_present(w, r, "2025-09-10", 10);
	struct figures f;
	figures_of(w, r, "2025-09-01", "2025-09-30", &f);
	/* on roll 10, 11, 12, 15, 16 September: 5 days, 10 sessions */
	assert_int_equal(f.possible, 10);
	assert_int_equal(f.unmarked, 0);
	/* a range before they joined: not on roll */
	int c0, c1;
	stats_cols(&w->cal, date_parse("2025-09-03"), date_parse("2025-09-09"), &c0, &c1);
	assert_false(stats_on_roll(&w->m.rows[r], c0, c1));
	stats_cols(&w->cal, date_parse("2025-09-16"), date_parse("2025-09-20"), &c0, &c1);
	assert_true(stats_on_roll(&w->m.rows[r], c0, c1));
	stats_row(&w->m, r, c0, c1, &f);
	assert_int_equal(f.possible, 2);
	/* a range that cuts the week: Thursday to the next Wednesday */
	figures_of(w, r, "2025-09-11", "2025-09-17", &f);
	assert_int_equal(f.possible, 8); /* 11, 12, 15, 16: on roll 4 of its 5 days */
}

static void groups_sum_sessions_not_rates(void **state)
{
	struct world *w = *state;
	int a = fx_row(&w->m, &w->cal, "A123456789012", "2025-09-01", "");
	int b = fx_row(&w->m, &w->cal, "P123456789013", "2025-09-01", "");
	int c = fx_row(&w->m, &w->cal, "D123456789014", "2025-09-01", "");
	/* a: 10 possible, 5 absent (50%); b: 20 possible, 0 absent; c: nothing possible */
	enum code a_codes[10] = {P, P, P, P, P, CODE_I, CODE_I, CODE_I, CODE_N, CODE_N};
	fx_marks(&w->m, &w->cal, a, "2025-09-08", SESSION_AM, a_codes, 10);
	all_present(w, b, "2025-09-08", 20);
	enum code c_codes[2] = {CODE_X, CODE_X};
	fx_marks(&w->m, &w->cal, c, "2025-09-08", SESSION_AM, c_codes, 2);
	struct group_figures g = {0};
	struct figures f;
	int rows[] = {a, b, c};
	for (int i = 0; i < 3; i++) {
		figures_of(w, rows[i], "2025-09-08", "2025-09-19", &f);
		stats_add(&g, &f);
	}
	assert_int_equal(g.pupils, 3);
	assert_int_equal(g.pupils_with_possible, 2);
	assert_int_equal(g.possible, 30);
	/* 5 of 30 = 16.67%, not the mean of 50% and 0% */
	assert_int_equal(stats_pct100(g.authorised + g.unauthorised, g.possible), 1667);
	assert_int_equal(stats_pct100(g.unauthorised, g.possible), 667);
	/* PA rate: 1 of the 2 pupils with possible sessions */
	assert_int_equal(g.persistent, 1);
	assert_int_equal(stats_pct100(g.persistent, g.pupils_with_possible), 5000);
	assert_int_equal(g.severe, 1);
	/* a has 10 unmarked (week 2), b none, c 18 */
	assert_int_equal(g.unmarked, 10 + 0 + 18);
}

static void percentages_round_half_up_exactly(void **state)
{
	(void)state;
	assert_int_equal(stats_pct100(1, 3), 3333);
	assert_int_equal(stats_pct100(2, 3), 6667);
	assert_int_equal(stats_pct100(1, 8), 1250);
	assert_int_equal(stats_pct100(1, 16), 625);   /* 6.25 */
	assert_int_equal(stats_pct100(1, 32), 313);   /* 3.125 rounds up to 3.13 */
	assert_int_equal(stats_pct100(360, 380), 9474); /* 94.736... */
	assert_int_equal(stats_pct100(0, 5), 0);
	assert_int_equal(stats_pct100(5, 5), 10000);
	/* for people, one decimal rounded once from the exact value */
	assert_int_equal(stats_pct10(7, 13), 538); /* 53.846: not 53.85 -> 53.9 */
	assert_int_equal(stats_pct100(7, 13), 5385);
	assert_int_equal(stats_pct10(1, 16), 63);  /* 6.25 -> 6.3 */
	assert_int_equal(stats_pct10(0, 0), -1);
}

static void seeds_arithmetic(void **state)
{
	(void)state;
	/* 1 day missed in 190 ≈ 99.5%; 10 days ≈ 94.7%; 20 days ≈ 89.5% */
	assert_int_equal(stats_pct100(380 - 2, 380), 9947);
	assert_int_equal(stats_pct100(380 - 20, 380), 9474);
	assert_int_equal(stats_pct100(380 - 40, 380), 8947);
}

static void group_keys(void **state)
{
	struct world *w = *state;
	int r = fx_row(&w->m, &w->cal, "A123456789012", "2025-09-01", "");
	w->m.rows[r].fsm = 1;
	w->m.rows[r].send = 'E';
	char buf[64];
	assert_int_equal(group_field_parse("FSM"), GROUP_FSM);
	assert_int_equal(group_field_parse("colour"), -1);
	assert_string_equal(group_key_label(&w->m, GROUP_FSM, group_key(&w->m, r, GROUP_FSM), buf), "Y");
	assert_string_equal(group_key_label(&w->m, GROUP_SEND, group_key(&w->m, r, GROUP_SEND), buf), "E");
	assert_string_equal(group_key_label(&w->m, GROUP_YEAR, group_key(&w->m, r, GROUP_YEAR), buf), "7");
	assert_string_equal(group_key_label(&w->m, GROUP_FORM, group_key(&w->m, r, GROUP_FORM), buf), "7A");
}

/* A plain run of codes (a CTF's marks) counts as the matrix does. */
static void a_run_of_codes(void **state)
{
	(void)state;
	const uint8_t codes[] = {CODE_PRESENT, CODE_L, CODE_V, CODE_I, CODE_C1, CODE_N, CODE_G,
				 CODE_X, CODE_Y3, CODE_CLOSED, CODE_NONE, CODE_LEGACY_J};
	struct figures f;
	stats_codes(codes, (int)sizeof codes, &f);
	assert_int_equal(f.possible, 8);
	assert_int_equal(stats_attendance(&f), 3);
	assert_int_equal(f.authorised, 3);
	assert_int_equal(f.unauthorised, 2);
	assert_int_equal(f.not_possible, 3);
	assert_int_equal(f.unmarked, 1);
	assert_int_equal(f.codes[CODE_LEGACY_J], 1);
	assert_int_equal(f.codes[CODE_J1], 0);
	stats_codes(codes, 0, &f);
	assert_int_equal(f.possible, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(categories_count_as_the_dfe_says, setup, teardown),
		cmocka_unit_test_setup_teardown(ten_percent_is_persistent_fifty_is_severe, setup, teardown),
		cmocka_unit_test_setup_teardown(just_under_ten_percent_is_not_persistent, setup, teardown),
		cmocka_unit_test_setup_teardown(joining_and_leaving_mid_year, setup, teardown),
		cmocka_unit_test_setup_teardown(groups_sum_sessions_not_rates, setup, teardown),
		cmocka_unit_test(percentages_round_half_up_exactly),
		cmocka_unit_test(seeds_arithmetic),
		cmocka_unit_test(a_run_of_codes),
		cmocka_unit_test_setup_teardown(group_keys, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
