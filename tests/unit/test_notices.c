/* core/notices: the runs and totals that raise the notifications to the
 * local authority (10 unauthorised school days in a row across a weekend
 * and a half-term; 15 days through illness that are not consecutive; 20
 * days before the joint enquiries), their due dates in school days, the
 * settings' rules, the deletion grounds and the exemptions. */
#include "fixture.h"

#include "core/notices.h"

/* Autumn 2026 (fx_autumn_2026). */
static struct calendar cal;
static struct matrix m;
static int row;

static int setup(void **state)
{
	(void)state;
	fx_autumn_2026(&cal);
	matrix_init(&m, 2 * cal.n_school_days);
	row = fx_row(&m, &cal, &(struct fx_pupil){"A", "2026-09-02", NULL, 7});
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	matrix_free(&m);
	calendar_free(&cal);
	return 0;
}

static void clear(void)
{
	memset(matrix_row_cells(&m, row), CODE_NONE, (size_t)m.n_cols);
}

static struct notice_row view(void)
{
	const struct pupil_row *p = &m.rows[row];
	return (struct notice_row){matrix_row_cells(&m, row), p->first_col, p->end_col};
}

static int day(const char *d)
{
	int i = calendar_day_index(&cal, D(d));
	assert_true(i >= 0);
	return i;
}

static const char *day_of(int idx, char out[DATE_ISO_LEN])
{
	return date_format(cal.school_days[idx], out);
}

static void ten_unauthorised_days_across_a_weekend_and_a_half_term(void **state)
{
	(void)state;
	struct notice_settings s;
	notice_settings_default(&s);
	struct notice_run run;
	char d[DATE_ISO_LEN];
	clear();
	/* Thursday 15 to Friday 23 October is 7 school days; the half-term and
	 * the INSET day pass over; Tuesday 3 to Thursday 5 November make 10. */
	fx_marks(&m, &cal, row, "2026-10-14", "//");
	fx_marks(&m, &cal, row, "2026-10-15", "NN OO GN NN NO OO NN");
	fx_marks(&m, &cal, row, "2026-11-03", "NN GG");
	struct notice_row r = view();
	assert_false(notice_unauthorised_due(&s, &r, day("2026-11-04"), &run));
	assert_int_equal(run.days, 9);
	/* this morning's N counts before the afternoon's register is taken */
	fx_marks(&m, &cal, row, "2026-11-05", "N.");
	assert_true(notice_unauthorised_due(&s, &r, day("2026-11-05"), &run));
	assert_int_equal(run.days, 10);
	assert_string_equal(day_of(run.first, d), "2026-10-15");
	assert_string_equal(day_of(run.last, d), "2026-11-05");
	/* the same run on the 11th day is still the run that began on the 15th */
	fx_marks(&m, &cal, row, "2026-11-05", "NN N");
	assert_true(notice_unauthorised_due(&s, &r, day("2026-11-06"), &run));
	assert_int_equal(run.days, 11);
	assert_string_equal(day_of(run.first, d), "2026-10-15");
	/* a present session, a late arrival after the register closed (U: in
	 * school) or an authorised absence breaks the run */
	static const char *const breakers[] = {"/N", "NU", "IN", "N\\"};
	for (size_t i = 0; i < sizeof breakers / sizeof *breakers; i++) {
		fx_marks(&m, &cal, row, "2026-10-20", breakers[i]);
		assert_false(notice_unauthorised_due(&s, &r, day("2026-11-05"), &run));
		assert_int_equal(run.days, 6); /* 21 October to 5 November */
	}
	/* a day with no mark at all breaks it too (nothing shows an absence) */
	fx_marks(&m, &cal, row, "2026-10-20", "..");
	assert_int_equal(notice_run_to(&r, day("2026-11-05"), s.unauthorised).days, 6);
	/* the school's own codes: with U counted, the U day joins the run */
	fx_marks(&m, &cal, row, "2026-10-20", "NU");
	assert_null(notice_parse_codes("G,N,O,U", &s.unauthorised));
	assert_true(notice_unauthorised_due(&s, &r, day("2026-11-05"), &run));
	/* the run holding a day, looking forward too */
	struct notice_run at = notice_run_at(&r, day("2026-10-19"), s.unauthorised);
	assert_int_equal(at.days, 11);
	assert_string_equal(day_of(at.last, d), "2026-11-06");
}

static void the_cme_enquiries_after_20_days_of_g_n_o(void **state)
{
	(void)state;
	struct notice_settings s;
	notice_settings_default(&s);
	struct notice_run run;
	char d[DATE_ISO_LEN];
	clear();
	/* 12 to 23 October (10 days) and 3 to 16 November (10 days) */
	fx_marks(&m, &cal, row, "2026-10-12", "GG GG GG GG GG NN NN NN NN NN");
	fx_marks(&m, &cal, row, "2026-11-03", "OO OO OO OO OO OO OO OO OO N.");
	struct notice_row r = view();
	assert_true(notice_cme_due(&s, &r, day("2026-11-16"), &run));
	assert_int_equal(run.days, 20);
	assert_string_equal(day_of(run.first, d), "2026-10-12");
	assert_false(notice_cme_due(&s, &r, day("2026-11-13"), &run));
	assert_int_equal(run.days, 19);
	/* regulation 9(1)(i) names G, N and O: a school counting U for the
	 * 10-day notice does not change the 20-day rule */
	assert_null(notice_parse_codes("G,N,O,U", &s.unauthorised));
	fx_marks(&m, &cal, row, "2026-10-12", "GU");
	assert_false(notice_cme_due(&s, &r, day("2026-11-16"), &run));
	assert_int_equal(run.days, 19);
	assert_true(notice_unauthorised_due(&s, &r, day("2026-11-16"), &run));
	/* the threshold is a setting */
	s.cme_days = 19;
	assert_true(notice_cme_due(&s, &r, day("2026-11-16"), &run));
}

static void fifteen_illness_days_that_are_not_consecutive(void **state)
{
	(void)state;
	struct notice_settings s;
	notice_settings_default(&s);
	struct notice_illness ill;
	clear();
	int d0 = 0, d1 = cal.n_school_days;
	/* every Monday of the term ill (13 Mondays: 2 November is INSET), and
	 * two Wednesday mornings at the dentist (M) */
	static const char *const mondays[] = {"2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28",
					      "2026-10-05", "2026-10-12", "2026-10-19", "2026-11-09",
					      "2026-11-16", "2026-11-23", "2026-11-30", "2026-12-07",
					      "2026-12-14"};
	for (size_t i = 0; i < sizeof mondays / sizeof *mondays; i++)
		fx_marks(&m, &cal, row, mondays[i], "II");
	fx_marks(&m, &cal, row, "2026-09-09", "M/");
	fx_marks(&m, &cal, row, "2026-09-16", "M/");
	struct notice_row r = view();
	assert_false(notice_illness_due(&s, &r, d0, d1, &ill));
	assert_int_equal(ill.sessions, 28);
	assert_int_equal(ill.days, 14);
	assert_int_equal(ill.longest.days, 1);
	/* half a day more is 14.5: still not 15 */
	fx_marks(&m, &cal, row, "2026-09-23", "/I");
	assert_false(notice_illness_due(&s, &r, d0, d1, &ill));
	assert_int_equal(ill.sessions, 29);
	/* the 30th session makes 15 days in the year, none of them in a row */
	fx_marks(&m, &cal, row, "2026-09-30", "I/");
	assert_true(notice_illness_due(&s, &r, d0, d1, &ill));
	assert_int_equal(ill.days, 15);
	assert_int_equal(ill.longest.days, 1);
	/* met on the day of the 30th session: the term's last Monday */
	assert_int_equal(notice_illness_met_on(&s, &r, d0, d1), day("2026-12-14"));
	assert_int_equal(notice_illness_met_on(&s, &r, d0, day("2026-12-14")), -1);
	/* only I and M count: the school may narrow it to I */
	assert_null(notice_parse_codes("I", &s.illness));
	assert_false(notice_illness_due(&s, &r, d0, d1, &ill));
	assert_int_equal(ill.sessions, 28);
	/* and only the school year asked about (autumn 1 alone: 7 Mondays) */
	notice_settings_default(&s);
	notice_illness(&r, d0, day("2026-10-23") + 1, s.illness, &ill);
	assert_int_equal(ill.sessions, 18);
}

static void fifteen_illness_days_in_a_row_known_in_advance(void **state)
{
	(void)state;
	struct notice_settings s;
	notice_settings_default(&s);
	struct notice_illness ill;
	clear();
	/* ill from Monday 19 October for 14 school days; the 15th is Monday
	 * 16 November, whose morning may be a day a family has reported ahead
	 * (the caller lays those over the register) */
	fx_marks(&m, &cal, row, "2026-10-19", "II II II II II");
	fx_marks(&m, &cal, row, "2026-11-03", "II II II II II II II II II");
	struct notice_row r = view();
	assert_false(notice_illness_due(&s, &r, 0, cal.n_school_days, &ill));
	assert_int_equal(ill.longest.days, 14);
	fx_marks(&m, &cal, row, "2026-11-16", "I.");
	assert_true(notice_illness_due(&s, &r, 0, cal.n_school_days, &ill));
	assert_int_equal(ill.longest.days, 15);
	assert_int_equal(ill.days, 14); /* 29 sessions: the run decides */
	char d[DATE_ISO_LEN];
	assert_string_equal(day_of(ill.longest.first, d), "2026-10-19");
	assert_string_equal(day_of(ill.longest.last, d), "2026-11-16");
	assert_int_equal(notice_illness_met_on(&s, &r, 0, cal.n_school_days), day("2026-11-16"));
}

static void a_pupil_off_roll_breaks_the_run(void **state)
{
	(void)state;
	struct notice_settings s;
	notice_settings_default(&s);
	struct notice_run run;
	clear();
	fx_marks(&m, &cal, row, "2026-10-12", "NN NN NN NN NN NN NN NN NN NN");
	struct notice_row r = view();
	assert_true(notice_unauthorised_due(&s, &r, day("2026-10-23"), &run));
	/* the same cells for an enrolment that began on the 14th: 8 days */
	r.first_col = 2 * day("2026-10-14");
	assert_false(notice_unauthorised_due(&s, &r, day("2026-10-23"), &run));
	assert_int_equal(run.days, 8);
}

static void due_dates_count_school_days(void **state)
{
	(void)state;
	char d[DATE_ISO_LEN];
	/* raised on the last Friday before half-term, due the next school day:
	 * Tuesday 3 November (the week's holiday and the INSET day pass over) */
	assert_string_equal(date_format(notice_due_date(&cal, D("2026-10-23"), 1), d), "2026-11-03");
	assert_string_equal(date_format(notice_due_date(&cal, D("2026-10-15"), 5), d), "2026-10-22");
	assert_string_equal(date_format(notice_due_date(&cal, D("2026-10-15"), 0), d), "2026-10-15");
	/* beyond the calendar, weekdays count */
	assert_string_equal(date_format(notice_due_date(&cal, D("2026-12-18"), 1), d), "2026-12-21");
	/* from a Saturday: the next school day */
	assert_string_equal(date_format(notice_due_date(&cal, D("2026-10-10"), 1), d), "2026-10-12");
	assert_int_equal(notice_due_days(NOTICE_ADMISSION), 5);
	assert_int_equal(notice_due_days(NOTICE_SOCIAL_WORKER), 0);
	assert_int_equal(notice_due_days(NOTICE_DELETION), 0);
}

static void settings_have_rules(void **state)
{
	(void)state;
	struct notice_settings s;
	notice_settings_default(&s);
	char buf[200];
	notice_codes_text(s.unauthorised, buf, sizeof buf);
	assert_string_equal(buf, "G,N,O");
	notice_codes_text(s.illness, buf, sizeof buf);
	assert_string_equal(buf, "M,I");
	assert_int_equal(s.unauthorised_days, 10);
	assert_int_equal(s.illness_days, 15);
	assert_int_equal(s.cme_days, 20);
	code_set set = 0;
	assert_null(notice_parse_codes(" G , O ", &set));
	assert_true(set == (CODE_BIT(CODE_G) | CODE_BIT(CODE_O)));
	assert_non_null(notice_parse_codes("G,,O", &set));
	assert_non_null(notice_parse_codes("G,", &set));
	assert_non_null(notice_parse_codes("", &set));
	assert_non_null(notice_parse_codes("ZZ", &set));
	assert_non_null(notice_parse_codes("H", &set)); /* withdrawn in 2024 */
	assert_true(set == (CODE_BIT(CODE_G) | CODE_BIT(CODE_O)));
	bool on[NOTICE__MAX];
	assert_null(notice_parse_kinds("unauthorised,cme", on));
	assert_true(on[NOTICE_UNAUTHORISED] && on[NOTICE_CME] && !on[NOTICE_ILLNESS]);
	notice_kinds_text(on, buf, sizeof buf);
	assert_string_equal(buf, "unauthorised,cme");
	assert_null(notice_parse_kinds("none", on));
	notice_kinds_text(on, buf, sizeof buf);
	assert_string_equal(buf, "none");
	assert_non_null(notice_parse_kinds("unauthorised,holidays", on));
	assert_non_null(notice_parse_kinds("", on));
	notice_kinds_text(s.enabled, buf, sizeof buf);
	assert_string_equal(buf, "unauthorised,illness,admission,deletion,cme,social_worker,"
				 "virtual_school");
	for (int k = 0; k < NOTICE__MAX; k++)
		assert_int_equal(notice_kind_parse(notice_kind_name((enum notice_kind)k)), k);
	assert_int_equal(notice_kind_parse("holiday"), -1);
	assert_string_equal(notice_relationship(NOTICE_VIRTUAL_SCHOOL), "virtual school");
	assert_null(notice_relationship(NOTICE_CME));
}

static void the_grounds_for_deletion(void **state)
{
	(void)state;
	assert_int_equal(leaving_ground_count(), 16);
	const struct leaving_ground *g = leaving_ground_find(LEAVING_GROUND_CME);
	assert_non_null(g);
	assert_string_equal(g->name, "missing_20_days");
	assert_ptr_equal(leaving_ground_find("9(1)(A)"), leaving_ground_find("another_school"));
	assert_string_equal(leaving_ground_find("home_education")->code, "9(1)(f)");
	assert_string_equal(leaving_ground_at(14)->code, "9(1)(o)");
	assert_null(leaving_ground_find("9(1)(p)"));
	assert_null(leaving_ground_find("Another_School"));
	assert_null(leaving_ground_at(16));
}

static void standard_transition_points_are_exempt(void **state)
{
	(void)state;
	date_t first = D("2026-09-02"), last = D("2027-07-21");
	assert_true(notice_addition_exempt(7, 7, D("2026-09-01"), first));
	assert_true(notice_addition_exempt(7, 7, first, first));
	assert_false(notice_addition_exempt(7, 7, D("2026-09-03"), first)); /* in-year */
	assert_false(notice_addition_exempt(8, 7, D("2026-09-01"), first));  /* not the youngest */
	assert_true(notice_deletion_exempt(11, 11, last, last));
	assert_true(notice_deletion_exempt(11, 11, D("2027-07-31"), last));
	assert_false(notice_deletion_exempt(11, 11, D("2027-05-20"), last)); /* left early */
	assert_false(notice_deletion_exempt(10, 11, last, last));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ten_unauthorised_days_across_a_weekend_and_a_half_term),
		cmocka_unit_test(the_cme_enquiries_after_20_days_of_g_n_o),
		cmocka_unit_test(fifteen_illness_days_that_are_not_consecutive),
		cmocka_unit_test(fifteen_illness_days_in_a_row_known_in_advance),
		cmocka_unit_test(a_pupil_off_roll_breaks_the_run),
		cmocka_unit_test(due_dates_count_school_days),
		cmocka_unit_test(settings_have_rules),
		cmocka_unit_test(the_grounds_for_deletion),
		cmocka_unit_test(standard_transition_points_are_exempt),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
