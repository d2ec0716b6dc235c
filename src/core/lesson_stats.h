/* Figures of the lesson registers, from the lesson matrix (engine/lessons.h)
 * with the same one-byte cells and core/tally bins as the session figures:
 *   - sums over a range of lesson columns by class, subject, teacher and
 *     period (and per pupil), in one pass;
 *   - a pupil's lesson patterns: absence by subject (the lessons missed
 *     most), the first lesson after lunch against the others, absence from
 *     lessons after being registered present for the session (post-
 *     registration absence), and lateness by subject, with the notes worth
 *     saying under core/patterns' rule (patterns_over).
 * Pure: the caller hands over the grid; nothing here reads the store. */
#ifndef ATTEND_LESSON_STATS_H
#define ATTEND_LESSON_STATS_H

#include "core/lessons.h"
#include "core/matrix.h"
#include "core/patterns.h"
#include "core/tally.h"

/* What the figures need of the lesson registers. */
struct lesson_grid {
	const struct matrix *m;        /* the lesson matrix */
	const struct matrix *sessions; /* the session matrix: the same rows */
	const uint16_t *cell_class;    /* class of each cell, 0xffff none */
	int n_classes, n_subjects, n_teachers, n_labels;
	const uint16_t *class_subject, *class_teacher;
	const uint16_t *col_label;     /* the period name of each column */
	const uint8_t *col_flags;      /* LESSON_COL_* */
	const int32_t *col_day;        /* the school day of each column */
};
enum { LESSON_COL_PM = 1, LESSON_COL_AFTER_LUNCH = 2, LESSON_COL_REGISTRATION = 4 };

/* core/tally's plan, with LESSON_FREE (no lesson) counted nowhere. */
void lesson_plan_init(struct tally_plan *p);

enum lesson_dim { LDIM_CLASS, LDIM_SUBJECT, LDIM_TEACHER, LDIM_PERIOD, LDIM__MAX };
const char *lesson_dim_name(enum lesson_dim d); /* "class", ... */
int lesson_dim_parse(const char *name);         /* -1 if unknown */

struct lesson_sums {
	struct tally total;
	struct tally *by[LDIM__MAX]; /* one per key of each dimension */
	int n[LDIM__MAX];
	struct tally *by_row;        /* one per row (NULL: not asked) */
};
/* Allocates the sums for the grid (by_row too when rows). 0 / -1 no memory. */
int lesson_sums_init(struct lesson_sums *s, const struct lesson_grid *g, bool rows);
void lesson_sums_free(struct lesson_sums *s);
/* Adds every lesson of the rows in scope (NULL: all) over columns [c0, c1),
 * limited to each row's time on roll. One pass over the cells. */
void lesson_sums_add(struct lesson_sums *s, const struct lesson_grid *g, int c0, int c1,
		     const uint8_t *scope);

/* A pupil's (or a group's) lesson patterns over a range. */
struct lesson_pattern {
	struct tally total;
	struct tally *subject;      /* n_subjects */
	int n_subjects;
	struct tally after_lunch, other;
	/* lessons in sessions the pupil was registered present (/ or L) for,
	 * and of them those missed with no reason or unauthorised */
	int64_t registered_lessons, missed_after_registration;
};
int lesson_pattern_init(struct lesson_pattern *p, const struct lesson_grid *g);
void lesson_pattern_free(struct lesson_pattern *p);
void lesson_pattern_clear(struct lesson_pattern *p);
void lesson_pattern_row(struct lesson_pattern *p, const struct lesson_grid *g, int row, int c0,
			int c1);
void lesson_pattern_add(struct lesson_pattern *dst, const struct lesson_pattern *src);

enum lesson_note_kind {
	LNOTE_SUBJECT,       /* a subject holds the absence */
	LNOTE_AFTER_LUNCH,   /* the first lesson after lunch */
	LNOTE_POST_REGISTRATION,
	LNOTE_LATE_SUBJECT,  /* lateness concentrates in a subject */
	LNOTE__MAX
};
struct lesson_note {
	enum lesson_note_kind kind;
	int which;     /* the subject, or -1 */
	int64_t part;  /* absences (lates) in the part */
	int64_t of;    /* absences (lates) in all */
};
/* The notes that pass patterns_over (the subject with the highest rate
 * among those that pass), post-registration absence from
 * PATTERN_MIN_PART lessons on. Returns how many (at most LNOTE__MAX). */
int lesson_notes(const struct lesson_pattern *p, struct lesson_note out[LNOTE__MAX]);
/* "6 of 9 lessons missed were Maths"; names: the subjects. */
char *lesson_note_text(const struct lesson_note *n, char *const *subjects, char *buf, size_t len);

#endif
