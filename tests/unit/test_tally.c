/* core/tally: one pass over a row's cells into class bins, limited to the
 * row's time on roll, with minutes late counted only on L and U marks. */
#include "fixture.h"

#include "core/tally.h"
#include "core/trends.h"

struct world {
	struct calendar cal;
	struct matrix m;
	struct tally_plan plan;
	int a, b;
};

/* One half-term of two full weeks: Mon 1 to Fri 12 September 2025. */
static int setup(void **state)
{
	static struct world w;
	memset(&w, 0, sizeof w);
	calendar_init(&w.cal);
	fx_cal(&w.cal, CAL_TERM, "2025-09-01", "2025-09-12", "Autumn 1");
	fx_cal_build(&w.cal);
	matrix_init(&w.m, 2 * w.cal.n_school_days);
	tally_plan_init(&w.plan);
	w.a = fx_row(&w.m, &w.cal, &(struct fx_pupil){"A", "2025-09-01", NULL, 7});
	/*                         Mon  Tue  Wed  Thu  Fri  Mon  Tue  Wed  Thu  Fri */
	fx_marks(&w.m, &w.cal, w.a, "2025-09-01", "/\\ LI  /U  VD  .N  /\\ /\\ /\\ /\\ G#");
	fx_late(&w.m, &w.cal, w.a, "2025-09-02", SESSION_AM, CODE_L, 10);
	fx_late(&w.m, &w.cal, w.a, "2025-09-03", SESSION_PM, CODE_U, 40);
	/* minutes on a present mark are not lateness */
	fx_late(&w.m, &w.cal, w.a, "2025-09-01", SESSION_AM, CODE_PRESENT, 5);
	/* B is on roll Wednesday 3 to Tuesday 9; cells outside are never counted */
	w.b = fx_row(&w.m, &w.cal, &(struct fx_pupil){"B", "2025-09-03", "2025-09-09", 7});
	fx_marks(&w.m, &w.cal, w.b, "2025-09-01", "// // // // // // // // // //");
	*state = &w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	matrix_free(&w->m);
	calendar_free(&w->cal);
	return 0;
}

static void whole_range_counts_every_category(void **state)
{
	struct world *w = *state;
	struct tally t = {0};
	tally_row(&w->plan, &w->m, w->a, 0, w->m.n_cols, NULL, &t);
	assert_int_equal(t.n[TB_PRESENT], 12); /* 11 '/' or '\' and one L */
	assert_int_equal(t.n[TB_APPROVED], 1);
	assert_int_equal(t.n[TB_AUTHORISED], 1);
	assert_int_equal(t.n[TB_UNAUTHORISED], 3); /* U, N, G */
	assert_int_equal(t.n[TB_NOT_POSSIBLE], 2);  /* D, # */
	assert_int_equal(t.n[TB_UNMARKED], 1);
	assert_int_equal(t.n[TB_LATE_BEFORE], 1);
	assert_int_equal(t.n[TB_LATE_AFTER], 1);
	assert_int_equal(t.minutes_late, 50);
	assert_int_equal(tally_possible(&t), 17);
	assert_int_equal(tally_attendance(&t), 13);
	assert_int_equal(tally_absence(&t), 4);
	assert_int_equal(tally_late(&t), 2);
}

static void column_range_cuts_cells_and_minutes(void **state)
{
	struct world *w = *state;
	struct tally t = {0};
	/* Tuesday AM to Thursday PM: columns 2..7 */
	tally_row(&w->plan, &w->m, w->a, 2, 8, NULL, &t);
	assert_int_equal(t.n[TB_PRESENT], 2);
	assert_int_equal(t.n[TB_AUTHORISED], 1);
	assert_int_equal(t.n[TB_UNAUTHORISED], 1);
	assert_int_equal(t.n[TB_APPROVED], 1);
	assert_int_equal(t.n[TB_NOT_POSSIBLE], 1);
	assert_int_equal(t.minutes_late, 50);
	/* Wednesday PM alone */
	memset(&t, 0, sizeof t);
	tally_row(&w->plan, &w->m, w->a, 5, 6, NULL, &t);
	assert_int_equal(t.n[TB_LATE_AFTER], 1);
	assert_int_equal(t.minutes_late, 40);
	/* Thursday onwards: no lateness */
	memset(&t, 0, sizeof t);
	tally_row(&w->plan, &w->m, w->a, 6, w->m.n_cols, NULL, &t);
	assert_int_equal(t.minutes_late, 0);
	assert_int_equal(tally_late(&t), 0);
}

static void only_sessions_on_roll_count(void **state)
{
	struct world *w = *state;
	struct tally t = {0};
	tally_row(&w->plan, &w->m, w->b, 0, w->m.n_cols, NULL, &t);
	assert_int_equal(t.n[TB_PRESENT], 10); /* Wed 3 to Tue 9: 5 school days */
	memset(&t, 0, sizeof t);
	tally_row(&w->plan, &w->m, w->b, 0, 4, NULL, &t); /* Mon, Tue: before admission */
	assert_int_equal(tally_possible(&t), 0);
	memset(&t, 0, sizeof t);
	tally_row(&w->plan, &w->m, w->b, 14, 20, NULL, &t); /* Thu 11, Fri 12: after leaving */
	assert_int_equal(tally_possible(&t), 0);
}

static void classes_split_by_weekday(void **state)
{
	struct world *w = *state;
	uint16_t cls[20];
	for (int c = 0; c < 20; c++)
		cls[c] = (uint16_t)date_weekday(calendar_col_date(&w->cal, c));
	struct tally t[5] = {0};
	tally_row(&w->plan, &w->m, w->a, 0, 20, cls, t);
	assert_int_equal(t[WD_MON].n[TB_PRESENT], 4);
	assert_int_equal(t[WD_TUE].n[TB_PRESENT], 3);
	assert_int_equal(t[WD_TUE].n[TB_AUTHORISED], 1);
	assert_int_equal(t[WD_TUE].minutes_late, 10);
	assert_int_equal(t[WD_WED].n[TB_UNAUTHORISED], 1);
	assert_int_equal(t[WD_WED].minutes_late, 40);
	assert_int_equal(t[WD_THU].n[TB_APPROVED], 1);
	assert_int_equal(t[WD_FRI].n[TB_UNMARKED], 1);
	assert_int_equal(t[WD_FRI].n[TB_UNAUTHORISED], 2);
	assert_int_equal(t[WD_FRI].n[TB_NOT_POSSIBLE], 1);
	struct tally sum = {0};
	for (int i = 0; i < 5; i++)
		tally_add(&sum, &t[i]);
	assert_int_equal(tally_possible(&sum), 17);
	assert_int_equal(sum.minutes_late, 50);
}

static void classes_with_an_offset_range(void **state)
{
	struct world *w = *state;
	struct week_list wl;
	/* the second week only: classes are indexed from c0 */
	assert_int_equal(trends_weeks(&w->cal, 10, 20, &wl), 0);
	assert_int_equal(wl.n, 1);
	struct tally t[1] = {0};
	tally_row(&w->plan, &w->m, w->a, wl.c0, wl.c1, wl.cls, t);
	assert_int_equal(t[0].n[TB_PRESENT], 8);
	assert_int_equal(t[0].n[TB_UNAUTHORISED], 1);
	assert_int_equal(tally_possible(&t[0]), 9);
	trends_weeks_free(&wl);
}

static void segments_sort_and_find_boundaries(void **state)
{
	(void)state;
	struct segments s;
	int b[] = {8, 2, 20, 8, 2, 14};
	assert_int_equal(segments_build(&s, b, 6), 0);
	assert_int_equal(s.n, 3); /* [2,8) [8,14) [14,20) */
	assert_int_equal(s.start[0], 2);
	assert_int_equal(s.start[3], 20);
	assert_int_equal(segments_at(&s, 2), 0);
	assert_int_equal(segments_at(&s, 14), 2);
	assert_int_equal(segments_at(&s, 20), 3);
	assert_int_equal(segments_at(&s, 9), -1);
	assert_int_equal(segments_at(&s, 0), -1);
	assert_int_equal(segments_at(&s, 21), -1);
	segments_free(&s);
	int one[] = {4, 4};
	assert_int_equal(segments_build(&s, one, 2), 0);
	assert_int_equal(s.n, 0); /* one boundary: no segment, every range empty */
	assert_int_equal(segments_at(&s, 4), -1);
	segments_free(&s);
}

/* Cumulative tallies give, for every range between boundaries, exactly the
 * figures stats_row gives (per category; stats_row alone counts per code). */
static void cumulative_tallies_agree_with_stats_row(void **state)
{
	struct world *w = *state;
	int b[] = {0, 3, 6, 10, 11, 17, 20};
	struct segments s;
	assert_int_equal(segments_build(&s, b, 7), 0);
	struct tally cum[7];
	for (int row = 0; row < w->m.n_rows; row++) {
		tally_row_cumulative(&w->plan, &w->m, row, &s, cum);
		for (int i = 0; i < 7; i++) {
			for (int j = i; j < 7; j++) {
				struct tally t;
				struct figures a, f;
				tally_between(cum, i, j, &t);
				tally_figures(&t, &a);
				stats_row(&w->m, row, b[i], b[j], &f);
				memset(f.codes, 0, sizeof f.codes);
				if (memcmp(&a, &f, sizeof a) != 0)
					fail_msg("row %d columns %d..%d: possible %d/%d absent %d/%d minutes %d/%d",
						 row, b[i], b[j], a.possible, f.possible,
						 a.authorised + a.unauthorised, f.authorised + f.unauthorised,
						 a.minutes_late, f.minutes_late);
			}
		}
	}
	/* and A's whole register, by hand */
	tally_row_cumulative(&w->plan, &w->m, w->a, &s, cum);
	struct tally t;
	tally_between(cum, 0, 6, &t);
	assert_int_equal(tally_possible(&t), 17);
	assert_int_equal(t.minutes_late, 50);
	tally_between(cum, 1, 2, &t); /* columns 3..5: Tue PM (I), Wed AM (/), Wed PM (U, 40) */
	assert_int_equal(t.n[TB_AUTHORISED], 1);
	assert_int_equal(t.n[TB_LATE_AFTER], 1);
	assert_int_equal(t.minutes_late, 40);
	segments_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_range_counts_every_category),
		cmocka_unit_test(column_range_cuts_cells_and_minutes),
		cmocka_unit_test(only_sessions_on_roll_count),
		cmocka_unit_test(classes_split_by_weekday),
		cmocka_unit_test(classes_with_an_offset_range),
		cmocka_unit_test(segments_sort_and_find_boundaries),
		cmocka_unit_test(cumulative_tallies_agree_with_stats_row),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
