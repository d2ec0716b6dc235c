/* core/lesson_stats on a hand-worked week: two pupils, Maths in period 1
 * and Science in period 2 (after lunch) each day. Sums by class, subject,
 * teacher and period; a pupil's patterns and the notes they give. */
#include "fixture.h"

#include <stdlib.h>

#include "core/lesson_stats.h"

static struct calendar cal;
static struct matrix sm, lm;
static uint16_t cell_class[2 * 10];
static const uint16_t class_subject[2] = {0, 1}, class_teacher[2] = {0, 1};
static uint16_t col_label[10];
static uint8_t col_flags[10];
static int32_t col_day[10];
static struct lesson_grid g;
static char *subjects[2] = {"Maths", "Science"};

/* lessons: Maths, Science for each day Monday to Friday ('-' free). */
static void lessons(int row, const char *codes)
{
	int c = 0;
	for (const char *p = codes; *p; p++) {
		if (*p == ' ')
			continue;
		char t[2] = {*p, 0};
		enum code code = *p == '-' ? LESSON_FREE : code_parse(t);
		assert_int_equal(matrix_set(&lm, row, c, code, 0), 0);
		cell_class[row * 10 + c] = *p == '-' ? 0xffff : (uint16_t)(c % 2);
		c++;
	}
	assert_int_equal(c, 10);
}

static int setup(void **state)
{
	(void)state;
	calendar_init(&cal);
	fx_cal(&cal, CAL_TERM, "2025-09-01", "2025-09-05", "Autumn 1");
	fx_cal_build(&cal);
	matrix_init(&sm, 10);
	matrix_init(&lm, 10);
	for (int i = 0; i < 2; i++) {
		int r = fx_row(&sm, &cal, &(struct fx_pupil){i ? "B" : "A", "2025-09-01", NULL, 7});
		assert_int_equal(matrix_add_row(&lm, &sm.rows[r]), r);
		fx_marks(&sm, &cal, r, "2025-09-01", "/\\ /\\ /\\ /\\ /\\");
	}
	for (int c = 0; c < 10; c++) {
		col_label[c] = (uint16_t)(c % 2);
		col_flags[c] = c % 2 ? LESSON_COL_PM | LESSON_COL_AFTER_LUNCH : 0;
		col_day[c] = c / 2;
	}
	/* A misses Maths on Tue, Thu and Fri and Science on Wed, is late to
	 * Science on Tue (7 minutes); B has no Science on Friday and is late
	 * to it twice (5 and 10 minutes). */
	lessons(0, "// NL /N N/ N/");
	lessons(1, "/L // /L // /-");
	matrix_set(&lm, 0, 3, CODE_L, 7);
	matrix_set(&lm, 1, 1, CODE_L, 5);
	matrix_set(&lm, 1, 5, CODE_L, 10);
	g = (struct lesson_grid){.m = &lm, .sessions = &sm, .cell_class = cell_class, .n_classes = 2,
				 .n_subjects = 2, .n_teachers = 2, .n_labels = 2,
				 .class_subject = class_subject, .class_teacher = class_teacher,
				 .col_label = col_label, .col_flags = col_flags, .col_day = col_day};
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	matrix_free(&sm);
	matrix_free(&lm);
	calendar_free(&cal);
	return 0;
}

static void sums_by_each_dimension(void **state)
{
	(void)state;
	struct lesson_sums s;
	assert_int_equal(lesson_sums_init(&s, &g, true), 0);
	lesson_sums_add(&s, &g, 0, 10, NULL);
	assert_int_equal(tally_possible(&s.total), 19); /* B's free Friday is no lesson */
	assert_int_equal(tally_absence(&s.total), 4);
	assert_int_equal(tally_late(&s.total), 3);
	assert_int_equal(s.total.minutes_late, 22);
	const struct tally *maths = &s.by[LDIM_CLASS][0], *science = &s.by[LDIM_SUBJECT][1];
	assert_int_equal(tally_possible(maths), 10);
	assert_int_equal(tally_absence(maths), 3);
	assert_int_equal(tally_possible(science), 9);
	assert_int_equal(tally_late(science), 3);
	assert_int_equal(science->minutes_late, 22);
	assert_int_equal(tally_absence(&s.by[LDIM_TEACHER][1]), 1);
	assert_int_equal(tally_possible(&s.by[LDIM_PERIOD][1]), 9);
	assert_int_equal(tally_absence(&s.by_row[0]), 4);
	assert_int_equal(tally_possible(&s.by_row[1]), 9);
	lesson_sums_free(&s);
}

static void a_range_and_a_scope(void **state)
{
	(void)state;
	struct lesson_sums s;
	uint8_t scope[2] = {0, 1};
	assert_int_equal(lesson_sums_init(&s, &g, false), 0);
	lesson_sums_add(&s, &g, 2, 6, scope); /* Tuesday and Wednesday, pupil B */
	assert_int_equal(tally_possible(&s.total), 4);
	assert_int_equal(tally_late(&s.total), 1);
	assert_int_equal(s.total.minutes_late, 10);
	assert_null(s.by_row);
	lesson_sums_free(&s);
}

static void patterns_and_notes(void **state)
{
	(void)state;
	struct lesson_pattern p;
	struct lesson_note notes[LNOTE__MAX];
	char text[200];
	assert_int_equal(lesson_pattern_init(&p, &g), 0);
	lesson_pattern_row(&p, &g, 0, 0, 10);
	assert_int_equal(tally_absence(&p.subject[0]), 3);
	assert_int_equal(tally_possible(&p.after_lunch), 5);
	assert_int_equal(tally_absence(&p.after_lunch), 1);
	/* registered present all week: 10 lessons, 4 missed with no reason */
	assert_int_equal(p.registered_lessons, 10);
	assert_int_equal(p.missed_after_registration, 4);
	int n = lesson_notes(&p, notes);
	assert_int_equal(n, 2);
	assert_string_equal(lesson_note_text(&notes[0], subjects, text, sizeof text),
			    "3 of 4 lessons missed were Maths");
	assert_string_equal(lesson_note_text(&notes[1], subjects, text, sizeof text),
			    "absent with no reason from 4 lessons after being registered present");
	/* a registration lesson does not count as after registration */
	col_flags[2] |= LESSON_COL_REGISTRATION;
	lesson_pattern_clear(&p);
	lesson_pattern_row(&p, &g, 0, 0, 10);
	assert_int_equal(p.registered_lessons, 9);
	assert_int_equal(p.missed_after_registration, 3);
	col_flags[2] &= (uint8_t)~LESSON_COL_REGISTRATION;
	lesson_pattern_free(&p);
}

static void lateness_concentrating_in_a_subject(void **state)
{
	(void)state;
	struct lesson_pattern p;
	struct lesson_note notes[LNOTE__MAX];
	char text[200];
	assert_int_equal(lesson_pattern_init(&p, &g), 0);
	/* two more late Science lessons for B make 4 of 4 lates there */
	for (int c = 3; c < 9; c += 4)
		matrix_set(&lm, 1, c, CODE_L, 3);
	lesson_pattern_row(&p, &g, 1, 0, 10);
	int n = lesson_notes(&p, notes);
	assert_int_equal(n, 1);
	assert_int_equal(notes[0].kind, LNOTE_LATE_SUBJECT);
	assert_string_equal(lesson_note_text(&notes[0], subjects, text, sizeof text),
			    "4 of 4 late arrivals were to Science");
	lesson_pattern_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sums_by_each_dimension),
		cmocka_unit_test(a_range_and_a_scope),
		cmocka_unit_test(patterns_and_notes),
		cmocka_unit_test(lateness_concentrating_in_a_subject),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
