/* The lesson registers in memory, beside the session matrix: the timetable,
 * the classes with their meetings and pupils, and the lesson matrix: the
 * same rows as the session matrix (one per enrolment), one column per
 * timetabled lesson slot of each school day (core/timetable's layout), one
 * byte a cell (an enum code, CODE_NONE for a lesson not marked yet,
 * LESSON_FREE where the pupil has no lesson), minutes late in the same
 * sparse lists, and beside each cell the class it belongs to (2 bytes).
 * Loaded by the engine for the programs that ask (engine_want_lessons);
 * kept equal to the store after each committed write. */
#ifndef ATTEND_ENGINE_LESSONS_H
#define ATTEND_ENGINE_LESSONS_H

#include "core/lesson_stats.h"
#include "core/lessons.h"
#include "core/timetable.h"
#include "engine/engine.h"

#define LESSON_NO_CLASS 0xffff

struct lesson_meeting {
	uint8_t week, weekday, period; /* period: index in the day */
};

struct lesson_member {
	int64_t id;
	int64_t pupil_id;
	date_t start, end; /* end DATE_OPEN_END while still in the class */
};

struct lesson_class {
	int64_t id;
	char code[STORE_CLASS_MAX];
	char subject[STORE_SUBJECT_MAX];
	char teacher[STORE_USER_MAX];
	char room[STORE_ROOM_MAX];
	int subject_idx, teacher_idx;
	int n_meetings;
	struct lesson_meeting *meetings;
	int n_members, cap_members;
	struct lesson_member *members;
};

struct lesson_engine {
	struct timetable tt;
	enum tt_restart restart;
	struct tt_layout lay;
	int session_start[SESSION__MAX], session_close[SESSION__MAX]; /* the register times */
	struct matrix m;       /* rows: the engine's rows; columns: lesson slots */
	uint16_t *cell_class;  /* n_rows x n_cols: class index, LESSON_NO_CLASS */
	uint8_t *col_period;   /* period index in its day */
	uint8_t *col_flags;    /* LESSON_COL_* (core/lesson_stats.h) */
	uint16_t *col_label;   /* index into labels: the period's name */
	char **labels;         /* period names in timetable order */
	int n_labels;
	struct lesson_class *classes; /* by code */
	int n_classes;
	char **subjects, **teachers;
	int n_subjects, n_teachers;
	uint16_t *class_subject, *class_teacher; /* by class */
	/* The last lesson version applied: other servers' lesson marks after
	 * it are replayed (lessons_catch_up), as the session marks are. */
	int64_t history_id;
};

int lessons_load(struct engine *e, struct app_error *err);
void lessons_free(struct lesson_engine *le);
/* Replays the school's lesson versions after le->history_id up to `upto`
 * (another server's, or the CLI's), under the matrix lock: what a reload
 * would read, without one. */
int lessons_catch_up(struct engine *e, int64_t upto, struct app_error *err);
/* Applies a committed lesson mark (engine_commit). */
void lessons_apply(struct lesson_engine *le, int row, int col, enum code code, int minutes_late,
		   int cls);

/* A class by code or by id; -1 if none. */
int lessons_class(const struct lesson_engine *le, const char *code);
int lessons_class_of_id(const struct lesson_engine *le, int64_t id);
/* The day's periods (school-day index). */
static inline const struct tt_day *lessons_day(const struct lesson_engine *le,
					       const struct calendar *cal, int day)
{
	return tt_day_of(&le->tt, &le->lay, cal, day);
}
/* Whether the class meets on that school day in that period (index). */
bool lessons_meets(const struct lesson_engine *le, const struct calendar *cal, int cls, int day,
		   int period);
/* Whether a pupil (by id) is in the class on a date. */
bool lessons_member_on(const struct lesson_class *c, int64_t pupil_id, date_t day);
/* The rows in the class on that day (a member, and on roll), by surname;
 * *rows malloc'd. -1 on no memory. */
int lessons_class_rows(const struct engine *e, int cls, date_t day, int **rows);
/* The lesson registers as core/lesson_stats reads them. */
void lessons_grid(const struct engine *e, struct lesson_grid *g);
/* A pupil's lessons and statutory marks of one school day, for core/lessons. */
void lessons_pupil_day(const struct engine *e, int row, int day, struct lesson_day *out);

#endif
