/* core/groups: combinations of fields, their keys and labels, band
 * distributions by group, and cohort gaps against the rest of the school,
 * exact to the hundredth of a point. */
#include "fixture.h"

#include <stdlib.h>

#include "core/groups.h"

static struct calendar cal;
static struct matrix m;

/* Two weeks, Mon 1 to Fri 12 September 2025: 20 sessions.
 *   P1 FSM Y7  4 absent of 20 (20%, PA)
 *   P2 FSM Y8  1 of 20 (5%)
 *   P3 -   Y7  0 of 20
 *   P4 -   Y7  2 of 20 (10%, PA)
 *   P5 -   Y8  1 of 19 (one X: not a possible session)
 *   P6 FSM Y7  joins Monday 8th: 1 of 10 (10%, PA; too few sessions for a band)
 * FSM: 6 of 50 = 12%, PA 2 of 3.  Not FSM: 3 of 59 = 5.0847%, PA 1 of 3. */
static int setup(void **state)
{
	(void)state;
	calendar_init(&cal);
	fx_cal(&cal, CAL_TERM, "2025-09-01", "2025-09-12", "Autumn 1");
	fx_cal_build(&cal);
	matrix_init(&m, 2 * cal.n_school_days);
	int r;
	r = fx_row(&m, &cal, &(struct fx_pupil){"P1", "2025-09-01", NULL, 7, "7A", 'F', 1});
	fx_marks(&m, &cal, r, "2025-09-01", "II NN // // // // // // // //");
	r = fx_row(&m, &cal, &(struct fx_pupil){"P2", "2025-09-01", NULL, 8, "8A", 'M', 1});
	fx_marks(&m, &cal, r, "2025-09-01", "// // // // // // // // // /O");
	r = fx_row(&m, &cal, &(struct fx_pupil){"P3", "2025-09-01", NULL, 7, "7A", 'F', 0});
	fx_marks(&m, &cal, r, "2025-09-01", "// // // // // // // // // //");
	r = fx_row(&m, &cal, &(struct fx_pupil){"P4", "2025-09-01", NULL, 7, "7B", 'M', 0});
	fx_marks(&m, &cal, r, "2025-09-01", "// // GG // // // // // // //");
	r = fx_row(&m, &cal, &(struct fx_pupil){"P5", "2025-09-01", NULL, 8, "8A", 'F', 0});
	fx_marks(&m, &cal, r, "2025-09-01", "X/ // // // // // // // I/ //");
	r = fx_row(&m, &cal, &(struct fx_pupil){"P6", "2025-09-08", NULL, 7, "7B", 'U', 1});
	fx_marks(&m, &cal, r, "2025-09-08", "// // M/ // //");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	matrix_free(&m);
	calendar_free(&cal);
	return 0;
}

/* Sums every row into its group and into all. */
static struct group_figures *sum_groups(const struct group_spec *g, struct group_figures *all)
{
	struct group_figures *gs = calloc((size_t)g->n_keys, sizeof *gs);
	memset(all, 0, sizeof *all);
	for (int r = 0; r < m.n_rows; r++) {
		struct figures f;
		stats_row(&m, r, 0, m.n_cols, &f);
		stats_add(all, &f);
		stats_add(&gs[group_spec_key(g, &m, r)], &f);
	}
	return gs;
}

static void parse_fields_and_combinations(void **state)
{
	(void)state;
	struct group_spec g;
	char err[160], name[64];
	assert_int_equal(group_spec_parse("fsm,year", &g, err, sizeof err), 0);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.field[0], GROUP_FSM);
	assert_int_equal(g.field[1], GROUP_YEAR);
	assert_string_equal(group_spec_name(&g, name, sizeof name), "fsm,year");
	assert_int_equal(group_spec_parse("SEND", &g, err, sizeof err), 0);
	assert_int_equal(g.field[0], GROUP_SEND);
	assert_int_equal(group_spec_parse("year,form,gender", &g, err, sizeof err), 0);

	assert_int_equal(group_spec_parse("", &g, err, sizeof err), -1);
	assert_non_null(strstr(err, "empty"));
	assert_int_equal(group_spec_parse("colour", &g, err, sizeof err), -1);
	assert_string_equal(err, "group 'colour' is not year, form, gender, fsm, pp, send or eal");
	assert_int_equal(group_spec_parse("fsm,", &g, err, sizeof err), -1);
	assert_non_null(strstr(err, "group '' is not"));
	assert_int_equal(group_spec_parse("fsm,FSM", &g, err, sizeof err), -1);
	assert_string_equal(err, "group field 'FSM' is given twice");
	assert_int_equal(group_spec_parse("year,form,gender,fsm", &g, err, sizeof err), -1);
	assert_string_equal(err, "group combines at most 3 fields");
}

static void combined_keys_run_in_display_order(void **state)
{
	(void)state;
	struct group_spec g;
	char err[160], label[64];
	assert_int_equal(group_spec_parse("fsm,year", &g, err, sizeof err), 0);
	group_spec_bind(&g, &m);
	assert_int_equal(g.n_keys, 2 * 17);
	int k = group_spec_key(&g, &m, 0); /* P1: FSM, year 7 */
	assert_int_equal(k, 1 * 17 + (7 - YEAR_MIN));
	assert_int_equal(group_spec_part(&g, k, 0), 1);
	assert_int_equal(group_spec_part(&g, k, 1), 7 - YEAR_MIN);
	assert_string_equal(group_spec_label(&g, &m, k, label, sizeof label), "Y/7");
	assert_string_equal(group_spec_label(&g, &m, group_spec_key(&g, &m, 4), label, sizeof label),
			    "N/8");
	assert_true(group_spec_key(&g, &m, 2) < group_spec_key(&g, &m, 1)); /* N/7 before Y/8 */
	/* three fields: form names are part of the label */
	assert_int_equal(group_spec_parse("gender,form,year", &g, err, sizeof err), 0);
	group_spec_bind(&g, &m);
	assert_int_equal(g.n_keys, 3 * m.n_forms * 17);
	assert_string_equal(group_spec_label(&g, &m, group_spec_key(&g, &m, 5), label, sizeof label),
			    "U/7B/7");
}

static void group_sums_and_bands(void **state)
{
	(void)state;
	struct group_spec g;
	struct group_figures all;
	group_spec_single(&g, GROUP_FSM);
	group_spec_bind(&g, &m);
	struct group_figures *gs = sum_groups(&g, &all);
	const struct group_figures *fsm = &gs[1], *other = &gs[0];
	assert_int_equal(fsm->pupils, 3);
	assert_int_equal(fsm->possible, 50);
	assert_int_equal(fsm->authorised + fsm->unauthorised, 6);
	assert_int_equal(stats_pct100(6, fsm->possible), 1200);
	assert_int_equal(fsm->persistent, 2);
	assert_int_equal(stats_pct100(fsm->persistent, fsm->pupils_with_possible), 6667);
	assert_int_equal(fsm->bands[4], 1); /* P1: 20% is band 20-25 */
	assert_int_equal(fsm->bands[1], 1); /* P2: 5% is band 5-10 */
	assert_int_equal(fsm->too_few_sessions, 1); /* P6: 10 sessions */
	assert_int_equal(fsm->at_risk, 1);           /* P2 */
	assert_int_equal(other->possible, 59);
	assert_int_equal(other->bands[0], 1); /* P3 */
	assert_int_equal(other->bands[2], 1); /* P4: 10% is band 10-15 */
	assert_int_equal(other->bands[1], 0);
	assert_int_equal(other->too_few_sessions, 1); /* P5: 19 possible, under 20 */
	assert_int_equal(other->at_risk, 1);          /* P5: 5.26% */
	assert_int_equal(all.pupils, 6);
	free(gs);
}

static void cohort_gaps_against_the_rest(void **state)
{
	(void)state;
	struct group_spec g;
	struct group_figures all;
	struct cohort_gap gap;
	group_spec_single(&g, GROUP_FSM);
	group_spec_bind(&g, &m);
	struct group_figures *gs = sum_groups(&g, &all);
	/* 6/50 - 3/59 = (6*59 - 3*50) / (50*59) = 204/2950 = 6.91525 points */
	groups_cohort_gap(&gs[1], &all, &gap);
	assert_int_equal(gap.rest_pupils, 3);
	assert_int_equal(gap.absence_pp100, 692);
	assert_int_equal(gap.persistent_pp100, 3333); /* 2/3 - 1/3 */
	assert_int_equal(gap.severe_pp100, 0);
	groups_cohort_gap(&gs[0], &all, &gap);
	assert_int_equal(gap.absence_pp100, -692);
	assert_int_equal(gap.persistent_pp100, -3333);
	free(gs);

	/* FSM x year: Y/7 is P1 and P6, 5 of 30; the rest 4 of 79 */
	char err[64];
	assert_int_equal(group_spec_parse("fsm,year", &g, err, sizeof err), 0);
	group_spec_bind(&g, &m);
	gs = sum_groups(&g, &all);
	const struct group_figures *y7 = &gs[group_spec_key(&g, &m, 0)];
	assert_int_equal(y7->pupils, 2);
	assert_int_equal(y7->possible, 30);
	groups_cohort_gap(y7, &all, &gap);
	/* 5/30 - 4/79 = 275/2370 = 11.6034 points; PA 2/2 - 1/4 = 75 points */
	assert_int_equal(gap.absence_pp100, 1160);
	assert_int_equal(gap.persistent_pp100, 7500);
	assert_int_equal(gap.rest_pupils, 4);
	/* the whole school has no rest: no gap */
	groups_cohort_gap(&all, &all, &gap);
	assert_int_equal(gap.rest_pupils, 0);
	assert_true(gap.absence_pp100 == PP_NONE);
	free(gs);
}

static void differences_round_half_away_from_zero(void **state)
{
	(void)state;
	assert_int_equal(groups_diff_pp100(1, 8, 0, 1), 1250);
	assert_int_equal(groups_diff_pp100(1, 20000, 0, 1), 1);   /* 0.005 points */
	assert_int_equal(groups_diff_pp100(0, 1, 1, 20000), -1);  /* -0.005 points */
	assert_int_equal(groups_diff_pp100(1, 40000, 0, 1), 0);   /* 0.0025 points */
	assert_int_equal(groups_diff_pp100(3, 40000, 0, 1), 1);   /* 0.0075 points */
	assert_true(groups_diff_pp100(1, 0, 1, 2) == PP_NONE);
	assert_true(groups_diff_pp100(1, 2, 1, 0) == PP_NONE);
	/* a trust's sums: the cross products pass 2^63 */
	assert_int_equal(groups_diff_pp100(3000000000LL, 4000000000LL, 1000000000LL, 4000000000LL),
			 5000);
	assert_int_equal(groups_diff_pp100(1, 3, 2, 3), -3333);
	assert_int_equal(groups_diff_pp100(2, 3, 1, 3), 3333);
}

static void rest_of_school_field_by_field(void **state)
{
	(void)state;
	struct group_spec g;
	struct group_figures all, rest;
	group_spec_single(&g, GROUP_FSM);
	group_spec_bind(&g, &m);
	struct group_figures *gs = sum_groups(&g, &all);
	group_figures_sub(&rest, &all, &gs[1]);
	assert_memory_equal(&rest, &gs[0], sizeof rest);
	free(gs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_fields_and_combinations),
		cmocka_unit_test(combined_keys_run_in_display_order),
		cmocka_unit_test(group_sums_and_bands),
		cmocka_unit_test(cohort_gaps_against_the_rest),
		cmocka_unit_test(differences_round_half_away_from_zero),
		cmocka_unit_test(rest_of_school_field_by_field),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
