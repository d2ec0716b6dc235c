/* core/patterns: absence by day of week and by session, next to holidays,
 * lateness, and the rule that says when a pattern is worth a sentence. */
#include "fixture.h"

#include <stdlib.h>

#include "core/patterns.h"
#include "core/stats.h"

static struct calendar cal;
static struct matrix m;
static struct tally_plan plan;
static int M, F, L, Q;

/* Autumn 1: Mon 1 to Fri 26 September 2025 (4 weeks); a week off; Autumn 2:
 * Mon 6 to Fri 31 October. Days next to a break: 1 Sep (after), 26 Sep
 * (before), 6 Oct (after), 31 Oct (before). */
static int setup(void **state)
{
	(void)state;
	calendar_init(&cal);
	fx_cal(&cal, CAL_TERM, "2025-09-01", "2025-09-26", "Autumn 1");
	fx_cal(&cal, CAL_TERM, "2025-10-06", "2025-10-31", "Autumn 2");
	fx_cal_build(&cal);
	matrix_init(&m, 2 * cal.n_school_days);
	tally_plan_init(&plan);
	/* M misses Mondays: 8 of 11 absent sessions, 2 of them on the first day
	 * after the summer holiday */
	M = fx_row(&m, &cal, &(struct fx_pupil){"M", "2025-09-01", NULL, 7});
	fx_marks(&m, &cal, M, "2025-09-01",
		 /* Mon Tue Wed Thu Fri */
		 "NN I/ // // //"
		 "NN // /O // //"
		 "II // // N/ //"
		 "OO // // // //");
	/* F misses afternoons only: Tue, Wed, Thu, Tue, Wed */
	F = fx_row(&m, &cal, &(struct fx_pupil){"F", "2025-09-01", NULL, 7});
	fx_marks(&m, &cal, F, "2025-09-01",
		 "// /I /I /I //"
		 "// /I /I // //"
		 "// // // // //"
		 "// // // // //");
	/* L is late on Mondays (L, 10 minutes) and once after the register
	 * closed (U, 35 minutes) */
	L = fx_row(&m, &cal, &(struct fx_pupil){"L", "2025-09-01", NULL, 7});
	fx_marks(&m, &cal, L, "2025-09-01", "// // // // // // // // // // // // // // // // // // // //");
	const char *mondays[] = {"2025-09-01", "2025-09-08", "2025-09-15", "2025-09-22"};
	for (int i = 0; i < 4; i++)
		fx_late(&m, &cal, L, mondays[i], SESSION_AM, CODE_L, 10);
	fx_late(&m, &cal, L, "2025-09-05", SESSION_AM, CODE_U, 35);
	/* Q has only 3 absences: never a pattern */
	Q = fx_row(&m, &cal, &(struct fx_pupil){"Q", "2025-09-01", NULL, 7});
	fx_marks(&m, &cal, Q, "2025-09-01", "NN // // // // N/");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	matrix_free(&m);
	calendar_free(&cal);
	return 0;
}

/* The pattern of a row over a date range. */
static void row_pattern(int row, const char *from, const char *to, struct pattern *p)
{
	int c0, c1;
	stats_cols(&cal, D(from), D(to), &c0, &c1);
	uint16_t *cls = patterns_classes(&cal, c0, c1);
	assert_non_null(cls);
	struct tally t[PATTERN_CLASSES] = {0};
	tally_row(&plan, &m, row, c0, c1, cls, t);
	patterns_fold(t, p);
	free(cls);
}

static void classes_combine_day_session_and_holiday_edges(void **state)
{
	(void)state;
	uint16_t *cls = patterns_classes(&cal, 0, m.n_cols);
	int col = calendar_session_col(&cal, D("2025-09-01"), SESSION_AM);
	assert_int_equal(cls[col], (EDGE_AFTER_BREAK * 5 + WD_MON) * 2 + SESSION_AM);
	col = calendar_session_col(&cal, D("2025-09-26"), SESSION_PM);
	assert_int_equal(cls[col], (EDGE_BEFORE_BREAK * 5 + WD_FRI) * 2 + SESSION_PM);
	col = calendar_session_col(&cal, D("2025-09-02"), SESSION_AM);
	assert_int_equal(cls[col], (EDGE_OTHER * 5 + WD_TUE) * 2 + SESSION_AM);
	col = calendar_session_col(&cal, D("2025-10-06"), SESSION_PM);
	assert_int_equal(cls[col], (EDGE_AFTER_BREAK * 5 + WD_MON) * 2 + SESSION_PM);
	free(cls);
	/* a range that starts mid-calendar: classes are indexed from c0 */
	int c0 = calendar_session_col(&cal, D("2025-09-26"), SESSION_AM);
	cls = patterns_classes(&cal, c0, c0 + 4);
	assert_int_equal(cls[0], (EDGE_BEFORE_BREAK * 5 + WD_FRI) * 2);
	assert_int_equal(cls[2], (EDGE_AFTER_BREAK * 5 + WD_MON) * 2);
	free(cls);
	assert_null(patterns_classes(&cal, 4, 4));
}

static void a_one_day_half_term_is_after_a_break(void **state)
{
	(void)state;
	struct calendar c;
	calendar_init(&c);
	fx_cal(&c, CAL_TERM, "2025-09-01", "2025-09-05", "A");
	fx_cal(&c, CAL_TERM, "2025-09-10", "2025-09-10", "B");
	fx_cal_build(&c);
	uint16_t *cls = patterns_classes(&c, 0, 12);
	assert_int_equal(cls[8], (EDGE_BEFORE_BREAK * 5 + WD_FRI) * 2);
	assert_int_equal(cls[10], (EDGE_AFTER_BREAK * 5 + WD_WED) * 2);
	free(cls);
	calendar_free(&c);
}

static void absence_by_day_and_session(void **state)
{
	(void)state;
	struct pattern p;
	row_pattern(M, "2025-09-01", "2025-09-26", &p);
	assert_int_equal(tally_possible(&p.total), 40);
	assert_int_equal(tally_absence(&p.total), 11);
	assert_int_equal(tally_absence(&p.day[WD_MON]), 8);
	assert_int_equal(tally_possible(&p.day[WD_MON]), 8);
	assert_int_equal(tally_absence(&p.day[WD_TUE]), 1);
	assert_int_equal(tally_absence(&p.day[WD_WED]), 1);
	assert_int_equal(tally_absence(&p.day[WD_THU]), 1);
	assert_int_equal(tally_absence(&p.day[WD_FRI]), 0);
	assert_int_equal(tally_absence(&p.session[SESSION_AM]), 6);
	assert_int_equal(tally_absence(&p.session[SESSION_PM]), 5);
	/* next to the holidays: Monday 1 (after) and Friday 26 (before) */
	assert_int_equal(tally_possible(&p.edge[EDGE_AFTER_BREAK]), 2);
	assert_int_equal(tally_absence(&p.edge[EDGE_AFTER_BREAK]), 2);
	assert_int_equal(tally_possible(&p.edge[EDGE_BEFORE_BREAK]), 2);
	assert_int_equal(tally_absence(&p.edge[EDGE_BEFORE_BREAK]), 0);
	assert_int_equal(tally_possible(&p.edge[EDGE_OTHER]), 36);
	assert_int_equal(tally_absence(&p.edge[EDGE_OTHER]), 9);
	assert_int_equal(stats_pct100(tally_absence(&p.day[WD_MON]), tally_possible(&p.day[WD_MON])),
			 10000);
	/* over both half-terms: Autumn 2 is unmarked, so nothing changes but
	 * the edges of Autumn 2 are counted only where marked */
	row_pattern(M, "2025-09-01", "2025-10-31", &p);
	assert_int_equal(tally_possible(&p.total), 40);
	assert_int_equal(p.total.n[TB_UNMARKED], 40);
}

static void notes_for_one_pupil(void **state)
{
	(void)state;
	struct pattern p;
	struct pattern_note n[NOTE__MAX];
	char buf[128];
	row_pattern(M, "2025-09-01", "2025-09-26", &p);
	int k = patterns_notes(&p, n);
	assert_int_equal(k, 2);
	assert_int_equal(n[0].kind, NOTE_DAY);
	assert_int_equal(n[0].which, WD_MON);
	assert_string_equal(patterns_note_text(&n[0], buf, sizeof buf),
			    "8 of 11 absent sessions were on a Monday");
	/* 2 of 4 sessions next to a holiday against 9 of 36 other sessions:
	 * 2 x 36 = 2 x 9 x 4, exactly twice the rate */
	assert_int_equal(n[1].kind, NOTE_HOLIDAY);
	assert_string_equal(patterns_note_text(&n[1], buf, sizeof buf),
			    "2 of 11 absent sessions were on the school day before or after a holiday");
	/* F: afternoons; Tuesday and Wednesday tie on rate and count: Tuesday */
	row_pattern(F, "2025-09-01", "2025-09-26", &p);
	k = patterns_notes(&p, n);
	assert_int_equal(k, 2);
	assert_int_equal(n[0].kind, NOTE_DAY);
	assert_int_equal(n[0].which, WD_TUE);
	assert_string_equal(patterns_note_text(&n[0], buf, sizeof buf),
			    "2 of 5 absent sessions were on a Tuesday");
	assert_int_equal(n[1].kind, NOTE_SESSION);
	assert_string_equal(patterns_note_text(&n[1], buf, sizeof buf),
			    "5 of 5 absent sessions were in the afternoon");
	/* Q: 3 absences are too few; L: none */
	row_pattern(Q, "2025-09-01", "2025-09-26", &p);
	assert_int_equal(tally_absence(&p.total), 3);
	assert_int_equal(patterns_notes(&p, n), 0);
	row_pattern(L, "2025-09-01", "2025-09-26", &p);
	assert_int_equal(patterns_notes(&p, n), 0);
}

static void the_rule_at_its_edges(void **state)
{
	(void)state;
	/* twice the rate of the other sessions passes, a session less fails */
	assert_true(patterns_over(2, 4, 11, 40));  /* 2/4 against 9/36 */
	assert_false(patterns_over(2, 4, 12, 40)); /* 2/4 against 10/36 */
	assert_false(patterns_over(3, 8, 3, 40));  /* 3 absences in all: too few */
	assert_true(patterns_over(2, 8, 4, 40));   /* 2/8 against 2/32 */
	assert_false(patterns_over(1, 8, 4, 40));  /* one absence is not a pattern */
	assert_false(patterns_over(4, 0, 4, 40));  /* no possible sessions in the part */
	assert_true(patterns_over(4, 40, 4, 40));  /* all sessions: no others to compare */
}

static void lateness_counts_and_minutes(void **state)
{
	(void)state;
	struct pattern p;
	row_pattern(L, "2025-09-01", "2025-09-26", &p);
	assert_int_equal(p.total.n[TB_LATE_BEFORE], 4);
	assert_int_equal(p.total.n[TB_LATE_AFTER], 1);
	assert_int_equal(p.total.minutes_late, 75);
	assert_int_equal(tally_late(&p.day[WD_MON]), 4);
	assert_int_equal(p.day[WD_MON].minutes_late, 40);
	assert_int_equal(p.day[WD_FRI].minutes_late, 35);
	assert_int_equal(p.session[SESSION_AM].minutes_late, 75);
	assert_int_equal(tally_absence(&p.total), 1); /* U is unauthorised absence */
	/* the range cuts the minutes too */
	row_pattern(L, "2025-09-02", "2025-09-26", &p);
	assert_int_equal(p.total.minutes_late, 65);
	assert_int_equal(p.total.n[TB_LATE_BEFORE], 3);
}

static void group_patterns_are_sums(void **state)
{
	(void)state;
	struct pattern a, b, g = {0};
	row_pattern(M, "2025-09-01", "2025-09-26", &a);
	row_pattern(F, "2025-09-01", "2025-09-26", &b);
	patterns_add(&g, &a);
	patterns_add(&g, &b);
	assert_int_equal(tally_absence(&g.total), 16);
	assert_int_equal(tally_possible(&g.total), 80);
	assert_int_equal(tally_absence(&g.day[WD_TUE]), 3);
	assert_int_equal(tally_absence(&g.session[SESSION_PM]), 10);
	assert_int_equal(tally_possible(&g.edge[EDGE_AFTER_BREAK]), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(classes_combine_day_session_and_holiday_edges),
		cmocka_unit_test(a_one_day_half_term_is_after_a_break),
		cmocka_unit_test(absence_by_day_and_session),
		cmocka_unit_test(notes_for_one_pupil),
		cmocka_unit_test(the_rule_at_its_edges),
		cmocka_unit_test(lateness_counts_and_minutes),
		cmocka_unit_test(group_patterns_are_sums),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
