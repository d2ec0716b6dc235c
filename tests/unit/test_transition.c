/* core/transition: the risk of an incoming Year 7 pupil from their Year 6
 * figures (at the exact thresholds), the order of the transition view, the
 * pattern of a CTF's marks, and the early decline in Year 7. */
#include "fixture.h"

#include <stdlib.h>

#include "core/codes.h"
#include "core/transition.h"

static struct y6_figures fig(int possible, int authorised, int unauthorised)
{
	return (struct y6_figures){possible, possible - authorised - unauthorised, authorised,
				   unauthorised, true};
}

static void risk_at_the_thresholds(void **state)
{
	(void)state;
	struct y6_figures f = fig(380, 100, 90);
	assert_int_equal(transition_risk_of(&f), TR_SEVERE); /* 190 of 380: exactly 50% */
	f = fig(380, 100, 89);
	assert_int_equal(transition_risk_of(&f), TR_PERSISTENT);
	f = fig(380, 30, 8);
	assert_int_equal(transition_risk_of(&f), TR_PERSISTENT); /* 38: exactly 10% */
	f = fig(380, 30, 7);
	assert_int_equal(transition_risk_of(&f), TR_AT_RISK);
	f = fig(380, 19, 0);
	assert_int_equal(transition_risk_of(&f), TR_AT_RISK); /* 19: exactly 5% */
	f = fig(380, 18, 0);
	assert_int_equal(transition_risk_of(&f), TR_EXPECTED);
	f = (struct y6_figures){0};
	assert_int_equal(transition_risk_of(&f), TR_UNKNOWN);
	f = fig(0, 0, 0);
	assert_int_equal(transition_risk_of(&f), TR_UNKNOWN); /* figures with no sessions */
	assert_true(transition_flagged(TR_SEVERE) && transition_flagged(TR_AT_RISK));
	assert_false(transition_flagged(TR_UNKNOWN) || transition_flagged(TR_EXPECTED));
	assert_string_equal(transition_risk_name(TR_AT_RISK), "at_risk");
}

struct pupil {
	const char *name;
	struct y6_figures f;
	struct transition_needs n;
	struct transition_rank r;
};

static int by_rank(const void *a, const void *b)
{
	const struct pupil *x = a, *y = b;
	int c = transition_compare(&x->r, &y->r);
	return c ? c : strcmp(x->name, y->name);
}

static void most_at_risk_first(void **state)
{
	(void)state;
	struct pupil p[] = {
		{"expected", fig(380, 10, 0), {.send = 'N'}},
		{"unknown, in need", {0}, {.cin = true, .send = 'K'}},
		{"persistent 12%", fig(380, 40, 6), {.send = 'N'}},
		{"at risk 7%, FSM", fig(380, 20, 7), {.fsm = true, .send = 'N'}},
		{"at risk 7%", fig(380, 20, 7), {.send = 'N'}},
		{"at risk 7%, more unauthorised", fig(380, 10, 17), {.send = 'N'}},
		{"severe", fig(380, 150, 50), {.send = 'N'}},
		{"persistent 15%", fig(380, 57, 0), {.cp = true, .looked_after = true, .send = 'E'}},
	};
	size_t n = sizeof p / sizeof *p;
	for (size_t i = 0; i < n; i++)
		transition_rank_of(&p[i].f, &p[i].n, &p[i].r);
	assert_int_equal(p[7].r.needs, 3);
	assert_int_equal(p[2].r.absence_pct100, 1211); /* 46 of 380 */
	assert_int_equal(p[1].r.absence_pct100, -1);
	qsort(p, n, sizeof *p, by_rank);
	static const char *const want[] = {"severe",
					   "persistent 15%",
					   "persistent 12%",
					   "at risk 7%, more unauthorised",
					   "at risk 7%, FSM",
					   "at risk 7%",
					   "unknown, in need",
					   "expected"};
	for (size_t i = 0; i < n; i++)
		assert_string_equal(p[i].name, want[i]);
}

static void a_ctf_pattern_by_weekday(void **state)
{
	(void)state;
	/* four weeks from Monday 2 September 2024 (AM, PM each weekday): away
	 * every Monday, otherwise present */
	uint8_t codes[40];
	for (int i = 0; i < 40; i++)
		codes[i] = (i % 10) < 2 ? CODE_O : CODE_PRESENT;
	struct pattern pt;
	transition_marks_pattern(codes, 40, D("2024-09-02"), &pt);
	assert_int_equal(tally_absence(&pt.total), 8);
	assert_int_equal(tally_possible(&pt.total), 40);
	assert_int_equal(tally_absence(&pt.day[WD_MON]), 8);
	assert_int_equal(tally_possible(&pt.day[WD_TUE]), 8);
	struct pattern_note notes[NOTE__MAX];
	int k = patterns_notes(&pt, notes);
	assert_int_equal(k, 1);
	char text[120];
	assert_string_equal(patterns_note_text(&notes[0], text, sizeof text),
			    "8 of 8 absent sessions were on a Monday");
}

static void the_early_decline_in_year_7(void **state)
{
	(void)state;
	struct trend_change c;
	/* 100% in the first half-term, 95% since: down 5 points */
	assert_true(transition_early_decliner(70, 70, 19, 20, TRANSITION_DECLINE_PP100, &c));
	assert_int_equal(c.change_pp100, -500);
	/* exactly 2 points down is a decline at 2 points */
	assert_true(transition_early_decliner(100, 100, 49, 50, 200, &c));
	/* 1 point is not, at 2; it is at 1 (core/trends' own rule) */
	assert_false(transition_early_decliner(100, 100, 99, 100, 200, &c));
	assert_true(transition_early_decliner(100, 100, 99, 100, 100, &c));
	/* too few sessions on either side decides nothing */
	assert_false(transition_early_decliner(70, 70, 0, 9, 200, &c));
	assert_false(transition_early_decliner(9, 9, 0, 20, 200, &c));
	/* a rise is not a decline */
	assert_false(transition_early_decliner(60, 70, 20, 20, 200, &c));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(risk_at_the_thresholds),
		cmocka_unit_test(most_at_risk_first),
		cmocka_unit_test(a_ctf_pattern_by_weekday),
		cmocka_unit_test(the_early_decline_in_year_7),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
