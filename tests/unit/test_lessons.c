/* core/lessons: the statutory mark derived from the registration lesson,
 * the disagreement rules between lesson and session marks, and who is
 * missing now (internal truancy). Each rule is checked with the cases the
 * README's table names. */
#include "fixture.h"

#include "core/lessons.h"

static void derives_present_and_codes_as_they_are(void **state)
{
	(void)state;
	struct derived_mark d;
	lessons_derive(CODE_PRESENT, -1, 9 * 60, 9 * 60, 9 * 60 + 30, &d);
	assert_int_equal(d.code, CODE_PRESENT);
	assert_int_equal(d.minutes_late, -1);
	lessons_derive(CODE_N, -1, 9 * 60, 9 * 60, 9 * 60 + 30, &d);
	assert_int_equal(d.code, CODE_N);
	lessons_derive(CODE_M, -1, 9 * 60, 9 * 60, 9 * 60 + 30, &d);
	assert_int_equal(d.code, CODE_M);
	assert_int_equal(d.minutes_late, -1);
}

static void derives_late_against_the_closing_time(void **state)
{
	(void)state;
	struct derived_mark d;
	/* P1 at 09:05, session 09:00-09:30: 10 minutes late is 09:15, L 15 */
	lessons_derive(CODE_L, 10, 9 * 60 + 5, 9 * 60, 9 * 60 + 30, &d);
	assert_int_equal(d.code, CODE_L);
	assert_int_equal(d.minutes_late, 15);
	/* arriving exactly at the closing time is still L */
	lessons_derive(CODE_L, 25, 9 * 60 + 5, 9 * 60, 9 * 60 + 30, &d);
	assert_int_equal(d.code, CODE_L);
	assert_int_equal(d.minutes_late, 30);
	/* a minute after it, U with the minutes kept */
	lessons_derive(CODE_L, 26, 9 * 60 + 5, 9 * 60, 9 * 60 + 30, &d);
	assert_int_equal(d.code, CODE_U);
	assert_int_equal(d.minutes_late, 31);
	/* minutes not given: the lesson's start; a lesson before the session
	 * starts is 0 minutes late */
	lessons_derive(CODE_L, -1, 8 * 60 + 50, 9 * 60, 9 * 60 + 30, &d);
	assert_int_equal(d.code, CODE_L);
	assert_int_equal(d.minutes_late, 0);
}

static void derivation_never_overwrites_the_office(void **state)
{
	(void)state;
	assert_true(lessons_derive_may_write(CODE_NONE, false));
	assert_true(lessons_derive_may_write(CODE_N, true));  /* its own earlier derivation */
	assert_false(lessons_derive_may_write(CODE_I, false)); /* the office knew */
	assert_false(lessons_derive_may_write(CODE_PRESENT, false)); /* form time */
}

static void disagreement_rules(void **state)
{
	(void)state;
	static const struct {
		enum code session, lesson;
		enum disagreement want;
	} cases[] = {
		{CODE_PRESENT, CODE_N, DIS_ABSENT_FROM_LESSON},
		{CODE_L, CODE_N, DIS_ABSENT_FROM_LESSON},
		{CODE_PRESENT, CODE_O, DIS_NONE},  /* the office decided: truanted */
		{CODE_PRESENT, CODE_M, DIS_NONE},  /* left with a reason */
		{CODE_PRESENT, CODE_L, DIS_NONE},
		{CODE_N, CODE_PRESENT, DIS_PRESENT_IN_LESSON}, /* arrived late? */
		{CODE_N, CODE_L, DIS_PRESENT_IN_LESSON},
		{CODE_I, CODE_PRESENT, DIS_PRESENT_IN_LESSON},
		{CODE_V, CODE_PRESENT, DIS_PRESENT_IN_LESSON}, /* on a trip, yet in class */
		{CODE_CLOSED, CODE_PRESENT, DIS_PRESENT_IN_LESSON},
		{CODE_U, CODE_PRESENT, DIS_NONE},  /* arrived after the register closed */
		{CODE_M, CODE_PRESENT, DIS_NONE},  /* back from the appointment */
		{CODE_J1, CODE_L, DIS_NONE},
		{CODE_I, CODE_N, DIS_NONE},        /* both absent; the reason is known */
		{CODE_N, CODE_N, DIS_NONE},
		{CODE_NONE, CODE_N, DIS_NONE},     /* not registered yet */
		{CODE_PRESENT, CODE_NONE, DIS_NONE},
		{CODE_PRESENT, LESSON_FREE, DIS_NONE},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (lessons_disagreement(cases[i].session, cases[i].lesson) != cases[i].want)
			fail_msg("session %s, lesson %s: expected %s", code_info(cases[i].session)->text,
				 cases[i].lesson == LESSON_FREE ? "free" : code_info(cases[i].lesson)->text,
				 lessons_disagreement_name(cases[i].want));
}

/* A Friday of five periods: P1 09:00 (AM registration), P2 10:00, P3 11:15,
 * P4 13:15 (PM registration), P5 14:15. */
static struct lesson_day day_of(const char *lessons, enum code am, enum code pm)
{
	struct lesson_day d = {.n = 5, .session = {am, pm}, .reg_time = {9 * 60, 13 * 60 + 15}};
	static const int starts[5] = {9 * 60, 10 * 60, 11 * 60 + 15, 13 * 60 + 15, 14 * 60 + 15};
	for (int i = 0; i < 5; i++) {
		char t[2] = {lessons[i], 0};
		d.lesson[i] = lessons[i] == '-' ? LESSON_FREE : lessons[i] == '.' ? CODE_NONE : code_parse(t);
		d.start[i] = starts[i];
		d.ses[i] = i < 3 ? SESSION_AM : SESSION_PM;
	}
	return d;
}

static void missing_when_seen_earlier_with_no_reason(void **state)
{
	(void)state;
	struct last_seen seen;
	struct lesson_day d = day_of("//N..", CODE_PRESENT, CODE_NONE);
	assert_true(lessons_missing(&d, 2, &seen));
	assert_int_equal(seen.period, 1);
	/* seen only at registration (form time before P1) */
	d = day_of("N....", CODE_PRESENT, CODE_NONE);
	assert_true(lessons_missing(&d, 0, &seen));
	assert_int_equal(seen.period, -1);
	assert_int_equal(seen.session, SESSION_AM);
	/* registered late or after the register closed is seen too */
	d = day_of("N....", CODE_U, CODE_NONE);
	assert_true(lessons_missing(&d, 0, &seen));
	/* late into P2 is seen */
	d = day_of("NLN..", CODE_N, CODE_NONE);
	assert_true(lessons_missing(&d, 2, &seen));
	assert_int_equal(seen.period, 1);
}

static void not_missing_when_not_seen_or_explained(void **state)
{
	(void)state;
	struct last_seen seen;
	/* absent all morning: not seen */
	struct lesson_day d = day_of("NNN..", CODE_N, CODE_NONE);
	assert_false(lessons_missing(&d, 2, &seen));
	/* the office knows why (ill, an appointment, a trip) */
	d = day_of("//N..", CODE_I, CODE_NONE);
	assert_false(lessons_missing(&d, 2, &seen));
	d = day_of("//N..", CODE_V, CODE_NONE);
	assert_false(lessons_missing(&d, 2, &seen));
	/* left an earlier lesson with leave, not seen since */
	d = day_of("/MN..", CODE_PRESENT, CODE_NONE);
	assert_false(lessons_missing(&d, 2, &seen));
	/* ... but back and gone again is missing */
	d = day_of("M/N..", CODE_PRESENT, CODE_NONE);
	assert_true(lessons_missing(&d, 2, &seen));
	/* only N is "no reason" */
	d = day_of("//O..", CODE_PRESENT, CODE_NONE);
	assert_false(lessons_missing(&d, 2, &seen));
	/* the PM register after the lesson does not count as seen before it */
	d = day_of("---N.", CODE_NONE, CODE_PRESENT);
	d.reg_time[SESSION_PM] = 13 * 60 + 20;
	assert_false(lessons_missing(&d, 3, &seen));
	/* in the afternoon the morning's known reason does not explain it,
	 * the afternoon's own mark does */
	d = day_of("//-N.", CODE_PRESENT, CODE_NONE);
	assert_true(lessons_missing(&d, 3, &seen));
	d = day_of("//-N.", CODE_PRESENT, CODE_M);
	assert_false(lessons_missing(&d, 3, &seen));
}

static void known_reasons(void **state)
{
	(void)state;
	assert_false(lessons_known_reason(CODE_NONE));
	assert_false(lessons_known_reason(CODE_PRESENT));
	assert_false(lessons_known_reason(CODE_L));
	assert_false(lessons_known_reason(CODE_N));
	assert_false(lessons_known_reason(CODE_O));
	assert_false(lessons_known_reason(CODE_U));
	assert_true(lessons_known_reason(CODE_M));
	assert_true(lessons_known_reason(CODE_I));
	assert_true(lessons_known_reason(CODE_V));
	assert_true(lessons_known_reason(CODE_D));
	assert_true(lessons_known_reason(CODE_G));
	assert_false(lessons_known_reason((enum code)LESSON_FREE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(derives_present_and_codes_as_they_are),
		cmocka_unit_test(derives_late_against_the_closing_time),
		cmocka_unit_test(derivation_never_overwrites_the_office),
		cmocka_unit_test(disagreement_rules),
		cmocka_unit_test(missing_when_seen_earlier_with_no_reason),
		cmocka_unit_test(not_missing_when_not_seen_or_explained),
		cmocka_unit_test(known_reasons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
