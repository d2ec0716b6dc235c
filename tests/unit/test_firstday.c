/* core/firstday: the step due in the morning's first-day response, the run
 * of consecutive school days with no reason (across a weekend, a half-term
 * and an INSET day), whose turn each day is, and when an N is overdue. */
#include "fixture.h"

#include "core/firstday.h"

/* Autumn 2026 (fx_autumn_2026). */
static struct calendar cal;
static struct matrix m;
static int row, late_row;

static int setup(void **state)
{
	(void)state;
	fx_autumn_2026(&cal);
	matrix_init(&m, 2 * cal.n_school_days);
	row = fx_row(&m, &cal, &(struct fx_pupil){"A", "2026-09-02", NULL, 7});
	late_row = fx_row(&m, &cal, &(struct fx_pupil){"B", "2026-10-22", NULL, 7});
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	matrix_free(&m);
	calendar_free(&cal);
	return 0;
}

struct cells {
	int row;
};

static uint8_t cell(const void *ctx, int col)
{
	return matrix_row_cells(&m, ((const struct cells *)ctx)->row)[col];
}

static int run_on(int r, const char *day)
{
	struct cells c = {r};
	int idx = calendar_day_index(&cal, D(day));
	assert_true(idx >= 0);
	const struct pupil_row *p = &m.rows[r];
	return fd_unexplained_run(cell, &c, p->first_col, p->end_col, idx);
}

static void clear(int r)
{
	memset(matrix_row_cells(&m, r), CODE_NONE, (size_t)m.n_cols);
}

static void defaults_are_the_seeds(void **state)
{
	(void)state;
	struct fd_settings s;
	fd_settings_default(&s);
	assert_int_equal(s.by[FD_MESSAGE], 9 * 60 + 30);
	assert_int_equal(s.by[FD_CALLS], 10 * 60);
	assert_int_equal(s.by[FD_VISIT], 10 * 60 + 30);
	assert_int_equal(s.n_escalation, 3);
	assert_int_equal(fd_escalation_for(&s, 1), ESC_TUTOR);
	assert_int_equal(fd_escalation_for(&s, 2), ESC_HEAD_OF_YEAR);
	assert_int_equal(fd_escalation_for(&s, 3), ESC_SENIOR_LEADER);
	assert_int_equal(fd_escalation_for(&s, 4), -1);
	assert_int_equal(fd_escalation_for(&s, 0), -1);
	assert_null(fd_check_times(&s));
	char buf[128];
	fd_escalation_text(&s, buf, sizeof buf);
	assert_string_equal(buf, "tutor,head_of_year,senior_leader");
}

static void settings_are_checked(void **state)
{
	(void)state;
	struct fd_settings s;
	fd_settings_default(&s);
	assert_int_equal(fd_parse_time("09:05"), 545);
	assert_int_equal(fd_parse_time("23:59"), 1439);
	assert_int_equal(fd_parse_time("24:00"), -1);
	assert_int_equal(fd_parse_time("9:30"), -1);
	assert_int_equal(fd_parse_time("09:60"), -1);
	assert_int_equal(fd_parse_time("09-30"), -1);
	assert_int_equal(fd_parse_time(""), -1);
	assert_null(fd_parse_escalation("head_of_year, office", &s));
	assert_int_equal(s.n_escalation, 2);
	assert_int_equal(fd_escalation_for(&s, 1), ESC_HEAD_OF_YEAR);
	assert_int_equal(fd_escalation_for(&s, 2), ESC_OFFICE);
	assert_int_equal(fd_escalation_for(&s, 3), -1);
	/* a bad list changes nothing */
	assert_non_null(fd_parse_escalation("tutor,headteacher", &s));
	assert_non_null(fd_parse_escalation("tutor,", &s));
	assert_non_null(fd_parse_escalation("tutor,,office", &s));
	assert_non_null(fd_parse_escalation("", &s));
	assert_non_null(fd_parse_escalation("tutor,tutor,tutor,tutor,tutor,tutor,tutor,tutor,tutor,"
					    "tutor,tutor", &s));
	assert_int_equal(s.n_escalation, 2);
	s.by[FD_CALLS] = 9 * 60;
	assert_non_null(fd_check_times(&s));
	s.by[FD_CALLS] = -1;
	assert_non_null(fd_check_times(&s));
}

static void the_step_due_follows_the_clock_and_what_was_done(void **state)
{
	(void)state;
	struct fd_settings s;
	fd_settings_default(&s);
	struct fd_progress p = {0};
	struct fd_due d = fd_step_due(&s, &p, 9 * 60 + 5);
	assert_int_equal(d.step, FD_MESSAGE);
	assert_int_equal(d.by, 570);
	assert_false(d.late);
	d = fd_step_due(&s, &p, 9 * 60 + 30); /* due by 09:30: at 09:30 it is not late yet */
	assert_false(d.late);
	d = fd_step_due(&s, &p, 9 * 60 + 31);
	assert_true(d.late);
	p.done = 1u << FD_MESSAGE;
	d = fd_step_due(&s, &p, 9 * 60 + 31);
	assert_int_equal(d.step, FD_CALLS);
	assert_int_equal(d.by, 600);
	assert_false(d.late);
	p.done |= 1u << FD_CALLS;
	d = fd_step_due(&s, &p, 10 * 60 + 45);
	assert_int_equal(d.step, FD_VISIT);
	assert_true(d.late);
	/* a step skipped stays due before the later ones */
	p.done = 1u << FD_CALLS;
	assert_int_equal(fd_step_due(&s, &p, 600).step, FD_MESSAGE);
	p.done = 7;
	assert_int_equal(fd_step_due(&s, &p, 600).step, FD_STEP__MAX);
	/* someone was reached: nothing more is due */
	p = (struct fd_progress){.done = 1u << FD_MESSAGE, .contacted = true};
	assert_int_equal(fd_step_due(&s, &p, 600).step, FD_STEP__MAX);
	/* a day that is over: everything not done is late */
	p = (struct fd_progress){0};
	assert_true(fd_step_due(&s, &p, 24 * 60).late);
}

static void runs_count_school_days_across_a_weekend(void **state)
{
	(void)state;
	clear(row);
	/* Thursday 19 and Friday 20 November N, Monday 23 N in the morning only */
	fx_marks(&m, &cal, row, "2026-11-19", "NN NN N/");
	assert_int_equal(run_on(row, "2026-11-19"), 1);
	assert_int_equal(run_on(row, "2026-11-20"), 2);
	/* day 2 after a Friday is Monday... here day 3: the weekend does not count */
	assert_int_equal(run_on(row, "2026-11-23"), 3);
	/* Wednesday 18 present: the run starts on Thursday */
	fx_marks(&m, &cal, row, "2026-11-18", "//");
	assert_int_equal(run_on(row, "2026-11-23"), 3);
	/* Tuesday 24 with a reason: no run that day */
	fx_marks(&m, &cal, row, "2026-11-24", "II");
	assert_int_equal(run_on(row, "2026-11-24"), 0);
	/* an N in the afternoon only still makes the day unexplained */
	fx_marks(&m, &cal, row, "2026-11-25", "/N");
	assert_int_equal(run_on(row, "2026-11-25"), 1);
	/* one N replaced by a reason breaks the run */
	fx_marks(&m, &cal, row, "2026-11-20", "IN");
	assert_int_equal(run_on(row, "2026-11-23"), 3);
	fx_marks(&m, &cal, row, "2026-11-20", "II");
	assert_int_equal(run_on(row, "2026-11-23"), 1);
	/* an unmarked session is not an N; Wednesday's afternoon N joins the run */
	fx_marks(&m, &cal, row, "2026-11-26", "N. ");
	assert_int_equal(run_on(row, "2026-11-26"), 2);
	fx_marks(&m, &cal, row, "2026-11-27", "..");
	assert_int_equal(run_on(row, "2026-11-27"), 0);
}

static void day_2_after_a_friday_is_monday(void **state)
{
	(void)state;
	struct fd_settings s;
	fd_settings_default(&s);
	clear(row);
	fx_marks(&m, &cal, row, "2026-11-20", "NN NN");
	assert_int_equal(fd_escalation_for(&s, run_on(row, "2026-11-20")), ESC_TUTOR);
	assert_int_equal(fd_escalation_for(&s, run_on(row, "2026-11-23")), ESC_HEAD_OF_YEAR);
}

static void half_term_and_inset_days_do_not_count(void **state)
{
	(void)state;
	struct fd_settings s;
	fd_settings_default(&s);
	clear(row);
	/* Friday 23 October N; half-term; Monday 2 November INSET; Tuesday 3 N */
	fx_marks(&m, &cal, row, "2026-10-22", "// NN");
	fx_marks(&m, &cal, row, "2026-11-03", "NN NN");
	assert_int_equal(calendar_day_index(&cal, D("2026-11-02")), -1);
	assert_int_equal(run_on(row, "2026-10-23"), 1);
	assert_int_equal(run_on(row, "2026-11-03"), 2);
	assert_int_equal(run_on(row, "2026-11-04"), 3);
	assert_int_equal(fd_escalation_for(&s, run_on(row, "2026-11-03")), ESC_HEAD_OF_YEAR);
	assert_int_equal(fd_escalation_for(&s, run_on(row, "2026-11-04")), ESC_SENIOR_LEADER);
}

static void a_run_stops_at_admission(void **state)
{
	(void)state;
	clear(late_row);
	/* B joins on Thursday 22 October: the N of earlier days can't be theirs */
	fx_marks(&m, &cal, late_row, "2026-10-22", "NN NN");
	assert_int_equal(run_on(late_row, "2026-10-23"), 2);
	fx_marks(&m, &cal, late_row, "2026-11-03", "NN");
	assert_int_equal(run_on(late_row, "2026-11-03"), 3);
}

static void school_days_between_skip_holidays(void **state)
{
	(void)state;
	/* Friday 20 to Monday 23 November: one school day */
	assert_int_equal(fd_school_days_between(&cal, D("2026-11-20"), D("2026-11-23")), 1);
	assert_int_equal(fd_school_days_between(&cal, D("2026-11-20"), D("2026-11-22")), 0);
	/* Friday 23 October to Wednesday 4 November: the half-term and the INSET
	 * day leave Tuesday 3 and Wednesday 4 */
	assert_int_equal(fd_school_days_between(&cal, D("2026-10-23"), D("2026-11-04")), 2);
	/* past the calendar's end, weekdays count: Mon 21 to Fri 25 December */
	assert_int_equal(fd_school_days_between(&cal, D("2026-12-17"), D("2026-12-25")), 6);
	assert_int_equal(fd_school_days_between(&cal, D("2026-11-23"), D("2026-11-23")), 0);
	assert_int_equal(fd_school_days_between(&cal, D("2026-11-24"), D("2026-11-23")), 0);
}

static void an_n_is_overdue_after_five_school_days(void **state)
{
	(void)state;
	/* an N on Monday 16 November: due by Monday 23, overdue from Tuesday 24 */
	assert_false(fd_n_overdue(&cal, D("2026-11-16"), D("2026-11-16")));
	assert_false(fd_n_overdue(&cal, D("2026-11-16"), D("2026-11-20")));
	assert_false(fd_n_overdue(&cal, D("2026-11-16"), D("2026-11-23")));
	assert_true(fd_n_overdue(&cal, D("2026-11-16"), D("2026-11-24")));
	/* Wednesday 21 October: half-term and the INSET day are not counted
	 * (22, 23, 3, 4, 5 November): overdue from Friday 6 November */
	assert_false(fd_n_overdue(&cal, D("2026-10-21"), D("2026-11-02")));
	assert_false(fd_n_overdue(&cal, D("2026-10-21"), D("2026-11-05")));
	assert_true(fd_n_overdue(&cal, D("2026-10-21"), D("2026-11-06")));
}

static void the_queue_puts_flagged_pupils_first(void **state)
{
	(void)state;
	struct fd_rank flagged_done = {true, {FD_STEP__MAX, 0, false}, 1};
	struct fd_rank message = {false, {FD_MESSAGE, 570, true}, 1};
	struct fd_rank calls = {false, {FD_CALLS, 600, false}, 1};
	struct fd_rank calls_day3 = {false, {FD_CALLS, 600, false}, 3};
	struct fd_rank contacted = {false, {FD_STEP__MAX, 0, false}, 5};
	assert_true(fd_rank_compare(&flagged_done, &message) < 0);
	assert_true(fd_rank_compare(&message, &flagged_done) > 0);
	assert_true(fd_rank_compare(&message, &calls) < 0);
	assert_true(fd_rank_compare(&calls_day3, &calls) < 0);
	assert_true(fd_rank_compare(&calls, &contacted) < 0);
	assert_int_equal(fd_rank_compare(&calls, &calls), 0);
}

static void progress_comes_from_the_actions(void **state)
{
	(void)state;
	enum fd_result sent[] = {FD_SENT};
	struct fd_progress p = fd_progress_of(sent, 1, 0, 1);
	assert_int_equal(p.done, 1u << FD_MESSAGE);
	assert_false(p.contacted);
	/* two other contacts to call: one unanswered call is not the step done */
	enum fd_result one_call[] = {FD_SENT, FD_NO_ANSWER};
	p = fd_progress_of(one_call, 2, 1, 2);
	assert_int_equal(p.done, 1u << FD_MESSAGE);
	p = fd_progress_of(one_call, 2, 2, 2);
	assert_int_equal(p.done, (1u << FD_MESSAGE) | (1u << FD_CALLS));
	/* with no other working contact, one call (to anyone) is the step */
	p = fd_progress_of(one_call, 2, 1, 0);
	assert_true(p.done & (1u << FD_CALLS));
	/* reaching someone ends the calls and the morning's steps */
	enum fd_result reached[] = {FD_NO_ANSWER, FD_REACHED};
	p = fd_progress_of(reached, 2, 1, 3);
	assert_true(p.contacted);
	assert_int_equal(p.done, 1u << FD_CALLS);
	enum fd_result visit[] = {FD_NO_ONE, FD_NO_VISIT};
	p = fd_progress_of(visit, 2, 0, 2);
	assert_int_equal(p.done, (1u << FD_MESSAGE) | (1u << FD_VISIT));
	for (int r = 0; r < FD_RESULT__MAX; r++)
		assert_int_equal(fd_result_parse(fd_result_name((enum fd_result)r)), r);
	assert_int_equal(fd_result_step(FD_NO_VISIT), FD_VISIT);
	assert_true(fd_result_needs_note(FD_NO_ONE));
	assert_false(fd_result_needs_note(FD_NO_ANSWER));
	assert_int_equal(fd_result_parse("maybe"), -1);
}

static void steps_have_names(void **state)
{
	(void)state;
	for (int s = 0; s < FD_STEP__MAX; s++)
		assert_int_equal(fd_step_parse(fd_step_name((enum fd_step)s)), s);
	assert_int_equal(fd_step_parse("lunch"), -1);
	assert_int_equal(fd_step_parse(NULL), -1);
	assert_string_equal(fd_step_owner(FD_VISIT), "Attendance lead");
	assert_string_equal(esc_who_label(ESC_HEAD_OF_YEAR), "Head of year");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_are_the_seeds),
		cmocka_unit_test(settings_are_checked),
		cmocka_unit_test(the_step_due_follows_the_clock_and_what_was_done),
		cmocka_unit_test(runs_count_school_days_across_a_weekend),
		cmocka_unit_test(day_2_after_a_friday_is_monday),
		cmocka_unit_test(half_term_and_inset_days_do_not_count),
		cmocka_unit_test(a_run_stops_at_admission),
		cmocka_unit_test(school_days_between_skip_holidays),
		cmocka_unit_test(an_n_is_overdue_after_five_school_days),
		cmocka_unit_test(the_queue_puts_flagged_pupils_first),
		cmocka_unit_test(progress_comes_from_the_actions),
		cmocka_unit_test(steps_have_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
