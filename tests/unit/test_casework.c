/* core/casework: stages and tiers, the stage each trigger suggests, the
 * crossing into at risk, persistent and severe absence, the rolling window
 * of unauthorised sessions in school weeks (across a half-term holiday and
 * across two school years), a decline, the sessions of a part-time
 * timetable, school weeks from a day, penalty notices and the arithmetic
 * of impact. Registers are worked by hand. */
#include "fixture.h"

#include <stdlib.h>

#include "core/casework.h"
#include "core/groups.h"
#include "core/patterns.h"

static struct calendar cal;
static struct matrix m;
static struct tally_plan plan;
static struct week_list weeks;

/* fixture.h's two years: 2024/25 and 2025/26, half-term weeks of 28 Oct
 * 2024, 17 Feb 2025, 26 May 2025, 27 Oct 2025, 16 Feb 2026, 25 May 2026;
 * 2025/26 starts on Wednesday 3 September after two INSET days. */
static int setup(void **state)
{
	(void)state;
	fx_two_years(&cal);
	matrix_init(&m, 2 * cal.n_school_days);
	tally_plan_init(&plan);
	assert_int_equal(cw_weeks(&cal, &weeks), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	trends_weeks_free(&weeks);
	matrix_free(&m);
	calendar_free(&cal);
	return 0;
}

static int day_of(const char *d)
{
	int i = calendar_day_index(&cal, D(d));
	assert_true(i >= 0);
	return i;
}

static int col_of(const char *d, enum session s)
{
	int c = calendar_session_col(&cal, D(d), s);
	assert_true(c >= 0);
	return c;
}

static void stages_and_tiers(void **state)
{
	(void)state;
	assert_int_equal(cw_stage_tier(CW_UNIVERSAL), 1);
	assert_int_equal(cw_stage_tier(CW_EARLY_INTERVENTION), 2);
	assert_int_equal(cw_stage_tier(CW_TARGETED), 3);
	assert_int_equal(cw_stage_tier(CW_FORMAL), 3);
	assert_int_equal(cw_stage_tier(CW_ENFORCEMENT), 3);
	for (int s = 0; s < CW_STAGE__MAX; s++)
		assert_int_equal(cw_stage_parse(cw_stage_name((enum cw_stage)s)), s);
	assert_int_equal(cw_stage_parse("tier2"), -1);
	assert_int_equal(cw_stage_parse(NULL), -1);
	for (int t = 0; t < CWT__MAX; t++)
		assert_int_equal(cw_trigger_parse(cw_trigger_name((enum cw_trigger)t)), t);
}

static void suggested_stages(void **state)
{
	(void)state;
	assert_int_equal(cw_suggest(CWT_AT_RISK, CW_UNIVERSAL), CW_EARLY_INTERVENTION);
	assert_int_equal(cw_suggest(CWT_PERSISTENT, CW_UNIVERSAL), CW_EARLY_INTERVENTION);
	assert_int_equal(cw_suggest(CWT_PERSISTENT, CW_EARLY_INTERVENTION), CW_TARGETED);
	assert_int_equal(cw_suggest(CWT_SEVERE, CW_UNIVERSAL), CW_TARGETED);
	assert_int_equal(cw_suggest(CWT_DECLINE, CW_UNIVERSAL), CW_EARLY_INTERVENTION);
	assert_int_equal(cw_suggest(CWT_PATTERN, CW_UNIVERSAL), CW_EARLY_INTERVENTION);
	assert_int_equal(cw_suggest(CWT_UNAUTHORISED, CW_EARLY_INTERVENTION), CW_FORMAL);
	assert_int_equal(cw_suggest(CWT_PART_TIME, CW_TARGETED), CW_TARGETED);
	/* never lower than where the pupil is */
	assert_int_equal(cw_suggest(CWT_AT_RISK, CW_ENFORCEMENT), CW_ENFORCEMENT);
	assert_int_equal(cw_suggest(CWT_SEVERE, CW_FORMAL), CW_FORMAL);
}

static void settings_triggers(void **state)
{
	(void)state;
	struct cw_settings s;
	cw_settings_default(&s);
	assert_int_equal(s.unauth_sessions, 10);
	assert_int_equal(s.unauth_weeks, 10);
	assert_int_equal(s.enabled, (1u << CWT__MAX) - 1);
	unsigned b = 0;
	assert_null(cw_parse_triggers("persistent, severe,unauthorised", &b));
	assert_int_equal(b, (1u << CWT_PERSISTENT) | (1u << CWT_SEVERE) | (1u << CWT_UNAUTHORISED));
	assert_null(cw_parse_triggers("none", &b));
	assert_int_equal(b, 0);
	assert_non_null(cw_parse_triggers("persistant", &b));
	assert_non_null(cw_parse_triggers("", &b));
}

static void levels(void **state)
{
	(void)state;
	assert_int_equal(cw_level(0, 0), CWL_GOOD);
	assert_int_equal(cw_level(9, 200), CWL_GOOD);        /* 4.5% */
	assert_int_equal(cw_level(10, 200), CWL_AT_RISK);    /* exactly 5% */
	assert_int_equal(cw_level(19, 200), CWL_AT_RISK);    /* 9.5% */
	assert_int_equal(cw_level(20, 200), CWL_PERSISTENT); /* exactly 10% */
	assert_int_equal(cw_level(99, 200), CWL_PERSISTENT);
	assert_int_equal(cw_level(100, 200), CWL_SEVERE); /* exactly 50% */
}

/* Ten days present (20 sessions), absent all of day 11 (2 of 22: 9.1%, at
 * risk), present day 12 (2 of 24), absent day 13 (4 of 26: 15.4%,
 * persistent), then present until absence is back under 10% (4 of 40 on
 * day 20 is still 10%; 4 of 42 on day 21 is 9.5%). */
static void crossing_up_and_back(void **state)
{
	(void)state;
	int r = fx_row(&m, &cal, &(struct fx_pupil){"X1", "2025-09-01", NULL, 7});
	/* 2025/26 from Wed 3 September: days 1-10 are 3 Sep to 16 Sep */
	fx_marks(&m, &cal, r, "2025-09-03", "// // //  // // // // //  // //");
	fx_marks(&m, &cal, r, "2025-09-17", "NN // NN");
	int d0 = day_of("2025-09-03");
	struct cw_crossing c;
	cw_crossing(&plan, &m, r, d0, day_of("2025-09-17") + 1, CW_MIN_SESSIONS, &c);
	assert_int_equal(c.level, CWL_AT_RISK);
	assert_int_equal(c.day, day_of("2025-09-17"));
	assert_int_equal(c.day_absence, 2);
	assert_int_equal(c.day_possible, 22);
	cw_crossing(&plan, &m, r, d0, day_of("2025-09-19") + 1, CW_MIN_SESSIONS, &c);
	assert_int_equal(c.level, CWL_PERSISTENT);
	assert_int_equal(c.day, day_of("2025-09-19"));
	assert_int_equal(c.absence, 4);
	assert_int_equal(c.possible, 26);
	/* back to at risk: the day it rose into at risk is still 17 September */
	fx_marks(&m, &cal, r, "2025-09-22", "// // // // //  // // //");
	cw_crossing(&plan, &m, r, d0, day_of("2025-10-01") + 1, CW_MIN_SESSIONS, &c);
	assert_int_equal(c.possible, 42);
	assert_int_equal(c.level, CWL_AT_RISK);
	assert_int_equal(c.day, day_of("2025-09-17"));
	/* on 30 September it was exactly 10% (4 of 40): still persistent */
	cw_crossing(&plan, &m, r, d0, day_of("2025-09-30") + 1, CW_MIN_SESSIONS, &c);
	assert_int_equal(c.possible, 40);
	assert_int_equal(c.level, CWL_PERSISTENT);
}

/* Absent the first day: nothing counts before 20 possible sessions; on the
 * tenth day 2 of 20 is 10%, persistent from the first day that counts. */
static void crossing_needs_enough_sessions(void **state)
{
	(void)state;
	int r = fx_row(&m, &cal, &(struct fx_pupil){"X2", "2025-09-01", NULL, 7});
	fx_marks(&m, &cal, r, "2025-09-03", "NN // //  // // // // //  // //");
	int d0 = day_of("2025-09-03");
	struct cw_crossing c;
	cw_crossing(&plan, &m, r, d0, day_of("2025-09-15") + 1, CW_MIN_SESSIONS, &c);
	assert_int_equal(c.level, CWL_GOOD); /* 18 possible: too few to count */
	assert_int_equal(c.day, -1);
	cw_crossing(&plan, &m, r, d0, day_of("2025-09-16") + 1, CW_MIN_SESSIONS, &c);
	assert_int_equal(c.level, CWL_PERSISTENT);
	assert_int_equal(c.day, day_of("2025-09-16"));
	/* severe: a pupil absent 10 of the first 20 sessions */
	int s = fx_row(&m, &cal, &(struct fx_pupil){"X3", "2025-09-01", NULL, 7});
	fx_marks(&m, &cal, s, "2025-09-03", "NN NN NN  NN NN // // //  // //");
	cw_crossing(&plan, &m, s, d0, day_of("2025-09-16") + 1, CW_MIN_SESSIONS, &c);
	assert_int_equal(c.level, CWL_SEVERE);
	assert_int_equal(cw_level_trigger(c.level), CWT_SEVERE);
}

/* The unauthorised sessions of a pupil's rows, as columns. */
static int unauth_cols(int row, int *cols)
{
	int n = 0;
	const uint8_t *cells = matrix_row_cells(&m, row);
	for (int c = 0; c < m.n_cols; c++)
		if (code_category((enum code)cells[c]) == CAT_UNAUTHORISED)
			cols[n++] = c;
	return n;
}

/* One N each Wednesday from 17 September to 26 November 2025: 10 sessions
 * in 11 calendar weeks, but the half-term week of 27 October has no school
 * day, so they fall within 10 school weeks: the threshold is reached on 26
 * November. Starting a week earlier (10 September) they span 11 school
 * weeks: the tenth session is too late, and the eleventh (3 December)
 * reaches it. */
static void unauthorised_across_half_term(void **state)
{
	(void)state;
	static const char *wednesdays[] = {"2025-09-17", "2025-09-24", "2025-10-01", "2025-10-08",
					   "2025-10-15", "2025-10-22", "2025-11-05", "2025-11-12",
					   "2025-11-19", "2025-11-26"};
	int r = fx_row(&m, &cal, &(struct fx_pupil){"U1", "2025-09-01", NULL, 7});
	for (int i = 0; i < 10; i++)
		assert_int_equal(matrix_set(&m, r, col_of(wednesdays[i], SESSION_AM), CODE_N, 0), 0);
	int cols[64], n = unauth_cols(r, cols);
	assert_int_equal(n, 10);
	int at = cw_unauthorised_reached(cols, n, weeks.cls, 10, 10, -1);
	assert_int_equal(at, 9);
	assert_int_equal(cols[at], col_of("2025-11-26", SESSION_AM));
	/* nine are not enough */
	assert_int_equal(cw_unauthorised_reached(cols, 9, weeks.cls, 10, 10, -1), -1);
	/* only sessions after the last threshold count */
	assert_int_equal(cw_unauthorised_reached(cols, n, weeks.cls, 10, 10, cols[0]), -1);

	int s = fx_row(&m, &cal, &(struct fx_pupil){"U2", "2025-09-01", NULL, 7});
	assert_int_equal(matrix_set(&m, s, col_of("2025-09-10", SESSION_PM), CODE_G, 0), 0);
	for (int i = 1; i < 10; i++)
		assert_int_equal(matrix_set(&m, s, col_of(wednesdays[i], SESSION_PM), CODE_O, 0), 0);
	n = unauth_cols(s, cols);
	assert_int_equal(n, 10);
	assert_int_equal(cw_unauthorised_reached(cols, n, weeks.cls, 10, 10, -1), -1);
	assert_int_equal(matrix_set(&m, s, col_of("2025-12-03", SESSION_AM), CODE_U, 7), 0);
	n = unauth_cols(s, cols);
	at = cw_unauthorised_reached(cols, n, weeks.cls, 10, 10, -1);
	assert_int_equal(cols[at], col_of("2025-12-03", SESSION_AM));
	/* authorised absence never counts */
	int a = fx_row(&m, &cal, &(struct fx_pupil){"U3", "2025-09-01", NULL, 7});
	for (int i = 0; i < 10; i++)
		assert_int_equal(matrix_set(&m, a, col_of(wednesdays[i], SESSION_AM), CODE_I, 0), 0);
	assert_int_equal(unauth_cols(a, cols), 0);
}

/* Six unauthorised sessions in the last six school weeks of 2024/25 (from
 * the week of 9 June to the week of 14 July) and four in the first four of
 * 2025/26 (the weeks of 1, 8, 15 and 22 September): the summer holiday has
 * no school weeks, so all ten lie within 10 school weeks, across two
 * school years. Two sessions on one day count as two. */
static void unauthorised_across_two_years(void **state)
{
	(void)state;
	int r = fx_row(&m, &cal, &(struct fx_pupil){"U4", "2024-09-02", NULL, 7});
	static const char *days[] = {"2025-06-11", "2025-06-18", "2025-06-25", "2025-07-02",
				     "2025-07-09", "2025-07-16", "2025-09-03", "2025-09-10",
				     "2025-09-17"};
	for (int i = 0; i < 9; i++)
		assert_int_equal(matrix_set(&m, r, col_of(days[i], SESSION_AM), CODE_N, 0), 0);
	int cols[64], n = unauth_cols(r, cols);
	assert_int_equal(cw_unauthorised_reached(cols, n, weeks.cls, 10, 10, -1), -1);
	assert_int_equal(matrix_set(&m, r, col_of("2025-09-24", SESSION_PM), CODE_O, 0), 0);
	n = unauth_cols(r, cols);
	int at = cw_unauthorised_reached(cols, n, weeks.cls, 10, 10, -1);
	assert_int_equal(at, 9);
	assert_int_equal(cols[at], col_of("2025-09-24", SESSION_PM));
	/* the weeks between: 9 June 2025 is 10 school weeks before 22 September */
	assert_int_equal(weeks.cls[col_of("2025-09-24", SESSION_AM)] -
				 weeks.cls[col_of("2025-06-11", SESSION_AM)],
			 9);
	/* the week of 2 June is one more: a session there and none in June's
	 * week of the 11th would be out of the window */
	int s = fx_row(&m, &cal, &(struct fx_pupil){"U5", "2024-09-02", NULL, 7});
	assert_int_equal(matrix_set(&m, s, col_of("2025-06-04", SESSION_AM), CODE_N, 0), 0);
	for (int i = 1; i < 9; i++)
		assert_int_equal(matrix_set(&m, s, col_of(days[i], SESSION_AM), CODE_N, 0), 0);
	assert_int_equal(matrix_set(&m, s, col_of("2025-09-24", SESSION_AM), CODE_N, 0), 0);
	n = unauth_cols(s, cols);
	assert_int_equal(n, 10);
	assert_int_equal(cw_unauthorised_reached(cols, n, weeks.cls, 10, 10, -1), -1);
	/* two sessions of one day */
	int t = fx_row(&m, &cal, &(struct fx_pupil){"U6", "2024-09-02", NULL, 7});
	fx_marks(&m, &cal, t, "2025-09-03", "NN NN NN NN NN");
	n = unauth_cols(t, cols);
	at = cw_unauthorised_reached(cols, n, weeks.cls, 10, 10, -1);
	assert_int_equal(cols[at], col_of("2025-09-09", SESSION_PM));
}

static void tally_of(struct tally *t, int attended, int absent)
{
	memset(t, 0, sizeof *t);
	t->n[TB_PRESENT] = attended;
	t->n[TB_UNAUTHORISED] = absent;
}

static void decline(void **state)
{
	(void)state;
	struct tally before, now;
	struct cw_decline d;
	/* 40 of 40 before, 38 of 40 now: 5 points down */
	tally_of(&before, 40, 0);
	tally_of(&now, 38, 2);
	cw_decline_check(&before, &now, 5, 4, &d);
	assert_true(d.due);
	assert_int_equal(d.change_pp100, -500);
	assert_int_equal(d.before_pct100, 10000);
	assert_int_equal(d.now_pct100, 9500);
	/* 4.99 points: not due */
	tally_of(&before, 401, 0);
	tally_of(&now, 381, 20); /* 95.01% */
	cw_decline_check(&before, &now, 5, 4, &d);
	assert_false(d.due);
	assert_int_equal(d.change_pp100, -499);
	/* too few sessions now (19 of the 20 a half-full window needs) */
	tally_of(&before, 40, 0);
	tally_of(&now, 10, 9);
	cw_decline_check(&before, &now, 5, 4, &d);
	assert_false(d.due);
	/* a rise is never a decline */
	tally_of(&before, 30, 10);
	tally_of(&now, 40, 0);
	cw_decline_check(&before, &now, 5, 4, &d);
	assert_false(d.due);
	assert_int_equal(d.change_pp100, 2500);
}

/* Every session of [from, to] present, but code on the chosen weekday
 * (1 Monday .. 5 Friday; 0: none) from `from_absent` on. */
static void fill(int row, const char *from, const char *to, int weekday, const char *from_absent,
		 enum code code)
{
	int lo, hi;
	calendar_day_range(&cal, D(from), D(to), &lo, &hi);
	for (int d = lo; d < hi; d++) {
		date_t day = cal.school_days[d];
		bool absent = weekday && (int)date_weekday(day) + 1 == weekday && day >= D(from_absent);
		for (int s = 0; s < 2; s++)
			assert_int_equal(matrix_set(&m, row, 2 * d + s, absent ? code : CODE_PRESENT, 0), 0);
	}
}

/* Present until November, then ill every Tuesday: as of Friday 28
 * November 2025 the last 4 school weeks (3 to 28 November, 32 of 40) against
 * the 4 before them (29 September to 24 October: the half-term week of 27
 * October is no school week), 40 of 40: down 20 points. As of Thursday 27
 * November the week of 24 November has not ended: the windows are a week
 * earlier, and the later one spans the half-term. */
static void decline_on_a_register(void **state)
{
	(void)state;
	int r = fx_row(&m, &cal, &(struct fx_pupil){"D1", "2025-09-01", NULL, 7});
	fill(r, "2025-09-03", "2025-11-28", 2, "2025-11-01", CODE_I);
	int c[4];
	date_t mondays[2];
	char d[DATE_ISO_LEN];
	assert_int_equal(cw_decline_windows(&cal, &weeks, day_of("2025-11-28"), 4, c, mondays), 0);
	assert_int_equal(c[0], col_of("2025-09-29", SESSION_AM));
	assert_int_equal(c[1], col_of("2025-10-24", SESSION_PM) + 1);
	assert_int_equal(c[2], col_of("2025-11-03", SESSION_AM));
	assert_int_equal(c[3], col_of("2025-11-28", SESSION_PM) + 1);
	assert_string_equal(date_format(mondays[0], d), "2025-10-20");
	assert_string_equal(date_format(mondays[1], d), "2025-11-24");
	struct tally before = {0}, now = {0};
	tally_row(&plan, &m, r, c[0], c[1], NULL, &before);
	tally_row(&plan, &m, r, c[2], c[3], NULL, &now);
	assert_int_equal(tally_attendance(&before), 40);
	assert_int_equal(tally_possible(&now), 40);
	assert_int_equal(tally_attendance(&now), 32);
	struct cw_decline dc;
	cw_decline_check(&before, &now, 5, 4, &dc);
	assert_true(dc.due);
	assert_int_equal(dc.change_pp100, -2000);
	/* a Thursday: the week is not over */
	assert_int_equal(cw_decline_windows(&cal, &weeks, day_of("2025-11-27"), 4, c, mondays), 0);
	assert_int_equal(c[2], col_of("2025-10-20", SESSION_AM));
	assert_int_equal(c[3], col_of("2025-11-21", SESSION_PM) + 1);
	assert_int_equal(c[0], col_of("2025-09-22", SESSION_AM));
	/* too early in the calendar for two windows of 10 weeks */
	assert_int_equal(cw_decline_windows(&cal, &weeks, day_of("2024-10-04"), 10, c, mondays), -1);
}

/* Absent every Monday (22 of 116 sessions): a pattern. Absent the last two
 * Mondays only and present otherwise: patterns_notes finds the Mondays
 * (4 of 4), but at under 5% absence (4 of 116) the trigger does not count
 * them. */
static void pattern_on_a_register(void **state)
{
	(void)state;
	int a = fx_row(&m, &cal, &(struct fx_pupil){"P1", "2025-09-01", NULL, 7});
	fill(a, "2025-09-03", "2025-11-28", 1, "2025-09-01", CODE_N);
	int b = fx_row(&m, &cal, &(struct fx_pupil){"P2", "2025-09-01", NULL, 7});
	fill(b, "2025-09-03", "2025-11-28", 1, "2025-11-17", CODE_N);
	int c0 = col_of("2025-09-03", SESSION_AM), c1 = col_of("2025-11-28", SESSION_PM) + 1;
	uint16_t *cls = patterns_classes(&cal, c0, c1);
	assert_non_null(cls);
	struct tally t[PATTERN_CLASSES];
	struct pattern p;
	struct pattern_note notes[NOTE__MAX];
	char text[128];
	memset(t, 0, sizeof t);
	tally_row(&plan, &m, a, c0, c1, cls, t);
	patterns_fold(t, &p);
	int n = cw_pattern_notes(&p, notes);
	assert_int_equal(n, 1);
	assert_int_equal(notes[0].kind, NOTE_DAY);
	assert_int_equal(notes[0].which, WD_MON);
	assert_string_equal(patterns_note_text(&notes[0], text, sizeof text),
			    "22 of 22 absent sessions were on a Monday");
	memset(t, 0, sizeof t);
	tally_row(&plan, &m, b, c0, c1, cls, t);
	patterns_fold(t, &p);
	assert_int_equal(patterns_notes(&p, notes), 1); /* 4 of 4 on Mondays... */
	assert_int_equal(cw_pattern_notes(&p, notes), 0); /* ... but 4 of 116 is 3.4% */
	free(cls);
}

static void part_time_sessions(void **state)
{
	(void)state;
	unsigned mask = 0;
	char buf[128];
	assert_null(cw_sessions_parse("Mon:PM wed:pm, FRI:AM", &mask));
	assert_int_equal(mask, (1u << 1) | (1u << 5) | (1u << 8));
	assert_string_equal(cw_sessions_text(mask, buf, sizeof buf), "Mon:PM Wed:PM Fri:AM");
	assert_string_equal(cw_sessions_words(mask, buf, sizeof buf),
			    "Monday afternoon, Wednesday afternoon, Friday morning");
	assert_null(cw_sessions_parse("Tue:AM Tue:PM", &mask));
	assert_string_equal(cw_sessions_words(mask, buf, sizeof buf), "Tuesday (all day)");
	assert_true(cw_session_reduced(mask, D("2025-09-09"), SESSION_PM)); /* a Tuesday */
	assert_false(cw_session_reduced(mask, D("2025-09-10"), SESSION_PM));
	assert_false(cw_session_reduced(mask, D("2025-09-13"), SESSION_AM)); /* Saturday */
	assert_non_null(cw_sessions_parse("", &mask));
	assert_non_null(cw_sessions_parse("Sat:AM", &mask));
	assert_non_null(cw_sessions_parse("Mon:XX", &mask));
	assert_non_null(cw_sessions_parse("Monday:PM", &mask));
	assert_non_null(cw_sessions_parse(
		"Mon:AM Mon:PM Tue:AM Tue:PM Wed:AM Wed:PM Thu:AM Thu:PM Fri:AM Fri:PM", &mask));
}

/* A notice to improve's improvement period: 3 school weeks from Wednesday
 * 5 November 2025 end on Tuesday 25 November; from Wednesday 15 October
 * the half-term week does not count, so Tuesday 11 November; from
 * Wednesday 9 July 2025 the summer holiday does not count: the weeks of 14
 * July, 1 September and 8 September, to Tuesday 9 September. */
static void school_weeks_from_a_day(void **state)
{
	(void)state;
	char d[DATE_ISO_LEN];
	assert_string_equal(date_format(cw_school_weeks_end(&cal, D("2025-11-05"), 3), d), "2025-11-25");
	assert_string_equal(date_format(cw_school_weeks_end(&cal, D("2025-10-15"), 3), d), "2025-11-11");
	assert_string_equal(date_format(cw_school_weeks_end(&cal, D("2025-07-09"), 3), d), "2025-09-09");
	assert_string_equal(date_format(cw_school_weeks_end(&cal, D("2025-11-03"), 6), d), "2025-12-14");
	/* in the half-term week: the period starts on the next school week */
	assert_string_equal(date_format(cw_school_week_start(&cal, D("2025-10-29")), d), "2025-11-03");
	assert_string_equal(date_format(cw_school_week_start(&cal, D("2025-10-22")), d), "2025-10-22");
	/* past the calendar every week counts */
	assert_string_equal(date_format(cw_school_weeks_end(&cal, D("2026-07-15"), 3), d), "2026-08-04");
}

static void penalty_notices(void **state)
{
	(void)state;
	struct cw_penalty p;
	char d[DATE_ISO_LEN];
	assert_int_equal(cw_penalty_decide(NULL, 0, D("2025-11-10"), &p), 0);
	assert_int_equal(p.number, 1);
	assert_int_equal(p.amount_pence, 16000);
	assert_int_equal(p.reduced_pence, 8000);
	assert_string_equal(date_format(p.reduced_until, d), "2025-12-01");
	assert_string_equal(date_format(p.pay_by, d), "2025-12-08");
	date_t one[] = {D("2024-01-15")};
	assert_int_equal(cw_penalty_decide(one, 1, D("2025-11-10"), &p), 0);
	assert_int_equal(p.number, 2);
	assert_int_equal(p.amount_pence, 16000);
	assert_int_equal(p.reduced_pence, 0);
	assert_int_equal(p.reduced_until, DATE_INVALID);
	date_t two[] = {D("2024-01-15"), D("2025-03-01")};
	assert_int_equal(cw_penalty_decide(two, 2, D("2025-11-10"), &p), -1);
	assert_int_equal(p.number, 0);
	assert_int_equal(p.prior, 2);
	assert_string_equal(date_format(p.window_from, d), "2022-11-10");
	/* exactly three years before still counts; a day more does not */
	date_t edge[] = {D("2022-11-10"), D("2025-03-01")};
	assert_int_equal(cw_penalty_decide(edge, 2, D("2025-11-10"), &p), -1);
	date_t older[] = {D("2022-11-09"), D("2025-03-01")};
	assert_int_equal(cw_penalty_decide(older, 2, D("2025-11-10"), &p), 0);
	assert_int_equal(p.number, 2);
	/* 29 February */
	assert_string_equal(date_format(cw_years_before(D("2028-02-29"), 3), d), "2025-02-28");
}

/* Started on Wednesday 5 November 2025, six weeks each side: before, the
 * six school weeks before the week of 3 November, passing over the
 * half-term week (the weeks of 15 September to 20 October); after, from 5
 * November to Friday 12 December. */
static void impact_windows(void **state)
{
	(void)state;
	struct cw_windows w;
	char d[DATE_ISO_LEN];
	assert_int_equal(cw_impact_windows(&cal, &weeks, D("2025-11-05"), 6, D("2026-01-10"), &w), 0);
	assert_int_equal(w.b0, col_of("2025-09-15", SESSION_AM));
	assert_int_equal(w.b1, col_of("2025-10-24", SESSION_PM) + 1);
	assert_int_equal(w.a0, col_of("2025-11-05", SESSION_AM));
	assert_int_equal(w.a1, col_of("2025-12-12", SESSION_PM) + 1);
	assert_int_equal(w.before_weeks, 6);
	assert_int_equal(w.after_weeks, 6);
	assert_true(w.complete);
	assert_string_equal(date_format(w.after_end, d), "2025-12-12");
	/* as of Tuesday 18 November: two weeks and two days so far */
	assert_int_equal(cw_impact_windows(&cal, &weeks, D("2025-11-05"), 6, D("2025-11-18"), &w), 0);
	assert_false(w.complete);
	assert_int_equal(w.a1, col_of("2025-11-18", SESSION_PM) + 1);
	assert_int_equal(w.after_weeks, 3);
	/* started in the half-term holiday: its week is the next school week */
	assert_int_equal(cw_impact_windows(&cal, &weeks, D("2025-10-29"), 2, D("2026-01-10"), &w), 0);
	assert_int_equal(w.a0, col_of("2025-11-03", SESSION_AM));
	assert_int_equal(w.b0, col_of("2025-10-13", SESSION_AM));
	/* started before the calendar's first weeks: fewer weeks before */
	assert_int_equal(cw_impact_windows(&cal, &weeks, D("2024-09-10"), 6, D("2026-01-10"), &w), 0);
	assert_int_equal(w.before_weeks, 1);
	/* after the calendar: nothing */
	assert_int_equal(cw_impact_windows(&cal, &weeks, D("2026-08-01"), 6, D("2026-09-10"), &w), -1);
}

static void impact_arithmetic(void **state)
{
	(void)state;
	struct tally before, after;
	/* 54 of 60 before (90%), 57 of 60 after (95%) */
	tally_of(&before, 54, 6);
	tally_of(&after, 57, 3);
	assert_int_equal(cw_change_pp100(&before, &after), 500);
	/* 2 of 3 (66.67%) to 5 of 6 (83.33%): 16.666... points */
	tally_of(&before, 2, 1);
	tally_of(&after, 5, 1);
	assert_int_equal(cw_change_pp100(&before, &after), 1667);
	tally_of(&after, 0, 0);
	assert_int_equal(cw_change_pp100(&before, &after), PP_NONE);
	int64_t a[] = {100, 200};
	assert_int_equal(cw_mean_pp100(a, 2), 150);
	int64_t b[] = {1, 2};
	assert_int_equal(cw_mean_pp100(b, 2), 2); /* 1.5 rounds away from zero */
	int64_t c[] = {-1, -2};
	assert_int_equal(cw_mean_pp100(c, 2), -2);
	int64_t e[] = {500, -200, 1667};
	assert_int_equal(cw_mean_pp100(e, 3), 656); /* 1967 / 3 = 655.67 */
	assert_int_equal(cw_mean_pp100(e, 0), PP_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stages_and_tiers),
		cmocka_unit_test(suggested_stages),
		cmocka_unit_test(settings_triggers),
		cmocka_unit_test(levels),
		cmocka_unit_test(crossing_up_and_back),
		cmocka_unit_test(crossing_needs_enough_sessions),
		cmocka_unit_test(unauthorised_across_half_term),
		cmocka_unit_test(unauthorised_across_two_years),
		cmocka_unit_test(decline),
		cmocka_unit_test(decline_on_a_register),
		cmocka_unit_test(pattern_on_a_register),
		cmocka_unit_test(part_time_sessions),
		cmocka_unit_test(school_weeks_from_a_day),
		cmocka_unit_test(penalty_notices),
		cmocka_unit_test(impact_windows),
		cmocka_unit_test(impact_arithmetic),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
