/* core/schedule: the monitoring schedule's occurrences from the calendar,
 * across weekends, half-term holidays, INSET days, a bank holiday and a
 * planned closure: no task ever falls on a day without pupils, weekly tasks
 * fall on the first (or last) school day of the week, half-termly and
 * termly ones within the first (or last) week, and each occurrence's
 * state on a day. */
#include "fixture.h"

#include "core/schedule.h"

/* 2026/27: INSET on Wednesday 2 September (the year starts on Thursday 3),
 * Monday 2 November, and Monday 4 and Tuesday 5 January; a planned closure
 * on Friday 11 December; May Day Monday 3 May 2027; the summer term ends on
 * Wednesday 21 July. */
static struct calendar cal;

static int setup(void **state)
{
	(void)state;
	calendar_init(&cal);
	fx_cal(&cal, CAL_TERM, "2026-09-02", "2026-10-23", "Autumn 1");
	fx_cal(&cal, CAL_TERM, "2026-11-02", "2026-12-18", "Autumn 2");
	fx_cal(&cal, CAL_TERM, "2027-01-04", "2027-02-12", "Spring 1");
	fx_cal(&cal, CAL_TERM, "2027-02-22", "2027-03-26", "Spring 2");
	fx_cal(&cal, CAL_TERM, "2027-04-12", "2027-05-28", "Summer 1");
	fx_cal(&cal, CAL_TERM, "2027-06-07", "2027-07-21", "Summer 2");
	fx_cal(&cal, CAL_INSET, "2026-09-02", "2026-09-02", NULL);
	fx_cal(&cal, CAL_INSET, "2026-11-02", "2026-11-02", NULL);
	fx_cal(&cal, CAL_INSET, "2027-01-04", "2027-01-05", NULL);
	fx_cal(&cal, CAL_CLOSURE, "2026-12-11", "2026-12-11", "Heating failure (planned repair)");
	fx_cal(&cal, CAL_BANK_HOLIDAY, "2027-05-03", "2027-05-03", NULL);
	fx_cal_build(&cal);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	calendar_free(&cal);
	return 0;
}

#define MAX_OCC 400
struct occs {
	struct sched_occurrence v[MAX_OCC];
	int n;
};

static int collect(void *ctx, const struct sched_occurrence *o)
{
	struct occs *l = ctx;
	assert_true(l->n < MAX_OCC);
	l->v[l->n++] = *o;
	return 0;
}

static struct occs *occurrences(enum sched_cadence c, enum sched_timing t, const char *from,
				const char *to)
{
	static struct occs l;
	l.n = 0;
	assert_int_equal(sched_each(&cal, c, t, D(from), D(to), collect, &l), 0);
	return &l;
}

static void assert_date(date_t got, const char *want)
{
	char d[DATE_ISO_LEN];
	assert_string_equal(date_format(got, d), want);
}

static void assert_occ(const struct sched_occurrence *o, const char *start, const char *end,
		       const char *open, const char *due)
{
	assert_date(o->period_start, start);
	assert_date(o->period_end, end);
	assert_date(o->close, end);
	assert_date(o->open, open);
	assert_date(o->due, due);
}

static void no_task_on_a_day_without_pupils(void **state)
{
	(void)state;
	for (int c = 0; c < SC__MAX; c++) {
		for (int t = 0; t < ST__MAX; t++) {
			struct occs *l = occurrences((enum sched_cadence)c, (enum sched_timing)t,
						     "2026-08-01", "2027-07-31");
			for (int i = 0; i < l->n; i++) {
				const struct sched_occurrence *o = &l->v[i];
				const date_t days[] = {o->period_start, o->period_end, o->open, o->due};
				for (size_t k = 0; k < sizeof days / sizeof *days; k++)
					assert_int_equal(calendar_day_kind(&cal, days[k]), DAY_SCHOOL);
				assert_true(o->open <= o->due && o->due <= o->close);
				assert_true(o->period_start <= o->open);
			}
		}
	}
}

static void daily_passes_over_holidays_inset_and_closures(void **state)
{
	(void)state;
	/* the October half-term: nothing; then Monday 2 November is INSET */
	assert_int_equal(occurrences(SC_DAILY, ST_ANY, "2026-10-24", "2026-11-02")->n, 0);
	struct occs *l = occurrences(SC_DAILY, ST_START, "2026-10-19", "2026-11-06");
	assert_int_equal(l->n, 9); /* 19-23 October, 3-6 November */
	assert_occ(&l->v[5], "2026-11-03", "2026-11-03", "2026-11-03", "2026-11-03");
	/* the planned closure on Friday 11 December */
	l = occurrences(SC_DAILY, ST_ANY, "2026-12-07", "2026-12-11");
	assert_int_equal(l->n, 4);
	assert_date(l->v[3].due, "2026-12-10");
	struct sched_occurrence o;
	assert_int_equal(sched_at(&cal, SC_DAILY, ST_ANY, D("2026-12-11"), &o), 1);
	assert_int_equal(sched_at(&cal, SC_DAILY, ST_ANY, D("2026-11-02"), &o), 1);
	assert_int_equal(sched_at(&cal, SC_DAILY, ST_ANY, D("2026-11-07"), &o), 1); /* Saturday */
	/* a whole year: 195 days less 4 INSET days and a closure, less May Day */
	assert_int_equal(occurrences(SC_DAILY, ST_ANY, "2026-08-01", "2027-07-31")->n,
			 cal.n_school_days);
}

static void weekly_first_or_last_school_day(void **state)
{
	(void)state;
	struct occs *l = occurrences(SC_WEEKLY, ST_START, "2026-08-31", "2026-09-11");
	assert_int_equal(l->n, 2);
	/* the first week starts on a Thursday, after the INSET day */
	assert_occ(&l->v[0], "2026-09-03", "2026-09-04", "2026-09-03", "2026-09-03");
	assert_occ(&l->v[1], "2026-09-07", "2026-09-11", "2026-09-07", "2026-09-07");
	/* the week of the INSET Monday: due on the Tuesday */
	struct sched_occurrence o;
	assert_int_equal(sched_at(&cal, SC_WEEKLY, ST_START, D("2026-11-05"), &o), 0);
	assert_occ(&o, "2026-11-03", "2026-11-06", "2026-11-03", "2026-11-03");
	/* the end of a week with a closure on its Friday: the Thursday */
	assert_int_equal(sched_at(&cal, SC_WEEKLY, ST_END, D("2026-12-07"), &o), 0);
	assert_occ(&o, "2026-12-07", "2026-12-10", "2026-12-10", "2026-12-10");
	/* any time: open from the first school day, due on the last */
	assert_int_equal(sched_at(&cal, SC_WEEKLY, ST_ANY, D("2026-12-07"), &o), 0);
	assert_occ(&o, "2026-12-07", "2026-12-10", "2026-12-07", "2026-12-10");
	/* a half-term week has no weekly task; the weekend belongs to its week */
	assert_int_equal(sched_at(&cal, SC_WEEKLY, ST_START, D("2026-10-28"), &o), 1);
	assert_int_equal(occurrences(SC_WEEKLY, ST_END, "2026-10-24", "2026-11-01")->n, 0);
	assert_int_equal(sched_at(&cal, SC_WEEKLY, ST_END, D("2026-10-25"), &o), 0);
	assert_date(o.due, "2026-10-23");
	/* the May Day week: from the Tuesday */
	assert_int_equal(sched_at(&cal, SC_WEEKLY, ST_START, D("2027-05-03"), &o), 0);
	assert_date(o.due, "2027-05-04");
	/* 40 school weeks: 8 + 7 in the autumn, 6 + 5 in the spring, 7 + 7 in the summer */
	assert_int_equal(occurrences(SC_WEEKLY, ST_START, "2026-08-01", "2027-07-31")->n, 40);
}

static void half_termly_within_the_first_or_last_week(void **state)
{
	(void)state;
	struct occs *l = occurrences(SC_HALF_TERMLY, ST_START, "2026-08-01", "2027-07-31");
	assert_int_equal(l->n, 6);
	/* Autumn 1 starts on a Thursday: its first week is Thursday and Friday */
	assert_occ(&l->v[0], "2026-09-03", "2026-10-23", "2026-09-03", "2026-09-04");
	/* Autumn 2 starts with an INSET Monday: Tuesday to Friday */
	assert_occ(&l->v[1], "2026-11-03", "2026-12-18", "2026-11-03", "2026-11-06");
	/* Spring 1: INSET Monday and Tuesday: the first week is Wednesday to Friday */
	assert_occ(&l->v[2], "2027-01-06", "2027-02-12", "2027-01-06", "2027-01-08");
	l = occurrences(SC_HALF_TERMLY, ST_END, "2026-08-01", "2027-07-31");
	assert_int_equal(l->n, 6);
	assert_occ(&l->v[0], "2026-09-03", "2026-10-23", "2026-10-19", "2026-10-23");
	/* the summer term ends on a Wednesday: its last week is Monday to Wednesday */
	assert_occ(&l->v[5], "2027-06-07", "2027-07-21", "2027-07-19", "2027-07-21");
	/* in the holiday between two half-terms there is none */
	struct sched_occurrence o;
	assert_int_equal(sched_at(&cal, SC_HALF_TERMLY, ST_ANY, D("2026-10-28"), &o), 1);
	assert_int_equal(sched_at(&cal, SC_HALF_TERMLY, ST_ANY, D("2026-11-02"), &o), 0);
	assert_occ(&o, "2026-11-03", "2026-12-18", "2026-11-03", "2026-12-18");
}

static void termly_spans_its_half_term_holiday(void **state)
{
	(void)state;
	struct occs *l = occurrences(SC_TERMLY, ST_START, "2026-08-01", "2027-07-31");
	assert_int_equal(l->n, 3);
	assert_occ(&l->v[0], "2026-09-03", "2026-12-18", "2026-09-03", "2026-09-04");
	assert_occ(&l->v[1], "2027-01-06", "2027-03-26", "2027-01-06", "2027-01-08");
	assert_occ(&l->v[2], "2027-04-12", "2027-07-21", "2027-04-12", "2027-04-16");
	l = occurrences(SC_TERMLY, ST_END, "2026-08-01", "2027-07-31");
	/* the autumn term's last week holds the closure: Monday to Friday still */
	assert_occ(&l->v[0], "2026-09-03", "2026-12-18", "2026-12-14", "2026-12-18");
	/* the October half-term is inside the autumn term */
	struct sched_occurrence o;
	assert_int_equal(sched_at(&cal, SC_TERMLY, ST_ANY, D("2026-10-28"), &o), 0);
	assert_occ(&o, "2026-09-03", "2026-12-18", "2026-09-03", "2026-12-18");
	/* the Christmas holiday is not */
	assert_int_equal(sched_at(&cal, SC_TERMLY, ST_ANY, D("2026-12-25"), &o), 1);
	/* a range inside one term gives that term only */
	assert_int_equal(occurrences(SC_TERMLY, ST_ANY, "2027-02-01", "2027-02-05")->n, 1);
}

static void states_on_a_day(void **state)
{
	(void)state;
	struct sched_occurrence o;
	assert_int_equal(sched_at(&cal, SC_HALF_TERMLY, ST_START, D("2026-11-10"), &o), 0);
	assert_int_equal(sched_state_of(&o, D("2026-11-02"), false), SS_UPCOMING);
	assert_int_equal(sched_state_of(&o, D("2026-11-06"), false), SS_OPEN);
	assert_int_equal(sched_state_of(&o, D("2026-11-09"), false), SS_OVERDUE);
	assert_int_equal(sched_state_of(&o, D("2026-12-18"), false), SS_OVERDUE);
	assert_int_equal(sched_state_of(&o, D("2026-12-19"), false), SS_MISSED);
	assert_int_equal(sched_state_of(&o, D("2026-12-19"), true), SS_DONE);
	assert_int_equal(sched_cadence_parse("half_termly"), SC_HALF_TERMLY);
	assert_int_equal(sched_cadence_parse("fortnightly"), -1);
	assert_int_equal(sched_timing_parse("end"), ST_END);
	assert_string_equal(sched_timing_label(SC_WEEKLY, ST_START), "the first school day of the week");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_task_on_a_day_without_pupils),
		cmocka_unit_test(daily_passes_over_holidays_inset_and_closures),
		cmocka_unit_test(weekly_first_or_last_school_day),
		cmocka_unit_test(half_termly_within_the_first_or_last_week),
		cmocka_unit_test(termly_spans_its_half_term_holiday),
		cmocka_unit_test(states_on_a_day),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
