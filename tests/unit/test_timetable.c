/* core/timetable: periods checked one by one and as a whole, the session a
 * period belongs to, the lesson after lunch, and the lesson slots of a
 * calendar with one week or weeks A and B. */
#include "fixture.h"

#include <stdlib.h>

#include "core/timetable.h"

static struct tt_period P(const char *label, const char *start, const char *end, int reg)
{
	struct tt_period p = {.start = tt_time_parse(start), .end = tt_time_parse(end), .reg = reg,
			      .line = 2};
	snprintf(p.label, sizeof p.label, "%s", label);
	return p;
}

static void adds_in_time_order(void **state)
{
	(void)state;
	struct timetable tt;
	char err[256];
	tt_init(&tt, 1);
	struct tt_period p3 = P("3", "11:15", "12:15", TT_REG_NONE), p1 = P("1", "09:00", "10:00", SESSION_AM),
			 p2 = P("2", "10:00", "11:00", TT_REG_NONE);
	assert_int_equal(tt_add(&tt, 0, WD_MON, &p3, err, sizeof err), 0);
	assert_int_equal(tt_add(&tt, 0, WD_MON, &p1, err, sizeof err), 0);
	assert_int_equal(tt_add(&tt, 0, WD_MON, &p2, err, sizeof err), 0);
	const struct tt_day *d = &tt.day[0][WD_MON];
	assert_int_equal(d->n, 3);
	assert_string_equal(d->p[0].label, "1");
	assert_string_equal(d->p[2].label, "3");
	assert_int_equal(tt_period_index(d, "2"), 1);
	assert_int_equal(tt_period_index(d, "9"), -1);
	assert_int_equal(tt_registration_index(d, SESSION_AM), 0);
	assert_int_equal(tt_registration_index(d, SESSION_PM), -1);
}

static void refuses_what_cannot_be(void **state)
{
	(void)state;
	struct timetable tt;
	char err[256];
	tt_init(&tt, 1);
	struct tt_period p1 = P("1", "09:00", "10:00", SESSION_AM);
	assert_int_equal(tt_add(&tt, 0, WD_TUE, &p1, err, sizeof err), 0);
	struct tt_period same = P("1", "13:00", "14:00", TT_REG_NONE);
	assert_int_equal(tt_add(&tt, 0, WD_TUE, &same, err, sizeof err), -1);
	assert_non_null(strstr(err, "already has a period 1"));
	struct tt_period overlap = P("2", "09:30", "10:30", TT_REG_NONE);
	assert_int_equal(tt_add(&tt, 0, WD_TUE, &overlap, err, sizeof err), -1);
	assert_non_null(strstr(err, "overlaps period 1"));
	struct tt_period second_am = P("2", "10:00", "11:00", SESSION_AM);
	assert_int_equal(tt_add(&tt, 0, WD_TUE, &second_am, err, sizeof err), -1);
	assert_non_null(strstr(err, "already holds the AM registration"));
	struct tt_period backwards = P("2", "11:00", "10:00", TT_REG_NONE);
	assert_int_equal(tt_add(&tt, 0, WD_TUE, &backwards, err, sizeof err), -1);
	/* touching is not overlapping */
	struct tt_period next = P("2", "10:00", "11:00", TT_REG_NONE);
	assert_int_equal(tt_add(&tt, 0, WD_TUE, &next, err, sizeof err), 0);
	/* a PM registration before the AM one is refused as a whole */
	struct tt_period pm = P("0", "08:00", "08:30", SESSION_PM);
	assert_int_equal(tt_add(&tt, 0, WD_WED, &pm, err, sizeof err), 0);
	struct tt_period am = P("1", "09:00", "09:30", SESSION_AM);
	assert_int_equal(tt_add(&tt, 0, WD_WED, &am, err, sizeof err), 0);
	assert_int_equal(tt_check(&tt, err, sizeof err), -1);
	assert_non_null(strstr(err, "Wednesday"));
}

static void sessions_and_lunch(void **state)
{
	(void)state;
	struct timetable tt;
	char err[256];
	tt_init(&tt, 1);
	struct tt_period ps[] = {P("1", "09:00", "10:00", SESSION_AM), P("2", "10:00", "11:00", -1),
				 P("3", "11:15", "12:15", -1), P("4", "13:15", "14:15", -1),
				 P("5", "14:15", "15:15", -1)};
	for (int i = 0; i < 5; i++)
		assert_int_equal(tt_add(&tt, 0, WD_THU, &ps[i], err, sizeof err), 0);
	const struct tt_day *d = &tt.day[0][WD_THU];
	/* no PM registration period: the afternoon starts at pm_start */
	assert_int_equal(tt_period_session(d, 2, 13 * 60), SESSION_AM);
	assert_int_equal(tt_period_session(d, 3, 13 * 60), SESSION_PM);
	assert_int_equal(tt_after_lunch_index(d, 13 * 60), 3);
	/* with one, from it on */
	tt.day[0][WD_THU].p[2].reg = SESSION_PM;
	assert_int_equal(tt_period_session(d, 2, 13 * 60), SESSION_PM);
	assert_int_equal(tt_after_lunch_index(d, 13 * 60), 2);
}

static void parses(void **state)
{
	(void)state;
	assert_int_equal(tt_weekday_parse("mon"), 0);
	assert_int_equal(tt_weekday_parse("Friday"), 4);
	assert_int_equal(tt_weekday_parse("Sat"), -1);
	assert_int_equal(tt_week_parse(""), -1);
	assert_int_equal(tt_week_parse("b"), 1);
	assert_int_equal(tt_week_parse("C"), -2);
	assert_int_equal(tt_time_parse("13:05"), 785);
	assert_int_equal(tt_time_parse("24:00"), -1);
	assert_int_equal(tt_time_parse("9:00"), -1);
}

/* Autumn 1 2025: Mon 1 Sep to Fri 17 Oct (7 weeks); half-term; Autumn 2
 * from Mon 27 Oct. Mondays have 3 periods, other days 2. */
static void lesson_slots_of_two_weeks(void **state)
{
	(void)state;
	struct calendar cal;
	struct timetable tt;
	struct tt_layout l;
	char err[256];
	calendar_init(&cal);
	fx_cal(&cal, CAL_TERM, "2025-09-01", "2025-10-17", "Autumn 1");
	fx_cal(&cal, CAL_TERM, "2025-10-27", "2025-12-19", "Autumn 2");
	fx_cal_build(&cal);
	tt_init(&tt, 2);
	for (int w = 0; w < 2; w++) {
		for (int wd = 0; wd < 5; wd++) {
			struct tt_period a = P("1", "09:00", "10:00", SESSION_AM), b = P("2", "10:00", "11:00", -1),
					 c = P("3", "11:00", "12:00", -1);
			assert_int_equal(tt_add(&tt, w, wd, &a, err, sizeof err), 0);
			assert_int_equal(tt_add(&tt, w, wd, &b, err, sizeof err), 0);
			if (wd == WD_MON)
				assert_int_equal(tt_add(&tt, w, wd, &c, err, sizeof err), 0);
		}
	}
	assert_int_equal(tt_layout_build(&l, &tt, &cal, TT_RESTART_YEAR), 0);
	/* 7 + 8 weeks: 15 Mondays of 3 periods and 60 other days of 2 */
	assert_int_equal(cal.n_school_days, 75);
	assert_int_equal(l.n_cols, 15 * 3 + 60 * 2);
	int day = calendar_day_index(&cal, D("2025-09-08")); /* week 2: B */
	assert_int_equal(l.week[0], 0);
	assert_int_equal(l.week[day], 1);
	assert_int_equal(l.first[day], 3 + 4 * 2);
	assert_int_equal(l.col_day[l.first[day] + 2], day);
	/* the half-term week does not count: 13 Oct is week 7 (A), 27 Oct week 8 (B) */
	assert_int_equal(l.week[calendar_day_index(&cal, D("2025-10-13"))], 0);
	assert_int_equal(l.week[calendar_day_index(&cal, D("2025-10-27"))], 1);
	int c0, c1;
	tt_layout_cols(&l, &cal, D("2025-09-08"), D("2025-09-09"), &c0, &c1);
	assert_int_equal(c1 - c0, 5);
	tt_layout_free(&l);
	/* restarting at each half-term, 27 Oct is week A again */
	assert_int_equal(tt_layout_build(&l, &tt, &cal, TT_RESTART_HALF_TERM), 0);
	assert_int_equal(l.week[calendar_day_index(&cal, D("2025-10-27"))], 0);
	tt_layout_free(&l);
	calendar_free(&cal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(adds_in_time_order),
		cmocka_unit_test(refuses_what_cannot_be),
		cmocka_unit_test(sessions_and_lunch),
		cmocka_unit_test(parses),
		cmocka_unit_test(lesson_slots_of_two_weeks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
