#include "engine/lessons.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/register.h"

#define TIMETABLE_WEEKS_SETTING "timetable.weeks"

static void class_free(struct lesson_class *c)
{
	free(c->meetings);
	free(c->members);
}

static void free_names(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

void lessons_free(struct lesson_engine *le)
{
	if (!le)
		return;
	tt_layout_free(&le->lay);
	matrix_free(&le->m);
	free(le->cell_class);
	free(le->col_period);
	free(le->col_flags);
	free(le->col_label);
	free_names(le->labels, le->n_labels);
	for (int i = 0; i < le->n_classes; i++)
		class_free(&le->classes[i]);
	free(le->classes);
	free_names(le->subjects, le->n_subjects);
	free_names(le->teachers, le->n_teachers);
	free(le->class_subject);
	free(le->class_teacher);
	free(le);
}

/* Index of name in a growing list, adding it if new; -1 on no memory. */
static int name_index(char ***names, int *n, const char *name)
{
	for (int i = 0; i < *n; i++)
		if (strcmp((*names)[i], name) == 0)
			return i;
	char **v = realloc(*names, (size_t)(*n + 1) * sizeof *v);
	if (!v)
		return -1;
	*names = v;
	if (!(v[*n] = strdup(name)))
		return -1;
	return (*n)++;
}

/* ---- loading ---- */

struct period_list {
	struct period_rec *v;
	int n, cap;
};

static int collect_period(void *ctx, const struct period_rec *p)
{
	struct period_list *l = ctx;
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 64;
		struct period_rec *v = realloc(l->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *p;
	return 0;
}

static int load_timetable(struct engine *e, struct lesson_engine *le, struct app_error *err)
{
	struct period_list l = {0};
	char msg[256];
	int rc = -1;
	if (store_periods_each(e->store, e->school.id, collect_period, &l) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "loading the timetable: %s", store_error(e->store));
		goto out;
	}
	int weeks = l.n ? 1 : 0;
	for (int i = 0; i < l.n; i++)
		if (l.v[i].week >= 0)
			weeks = 2;
	tt_init(&le->tt, weeks);
	for (int i = 0; i < l.n; i++) {
		struct tt_period p = {.start = l.v[i].start, .end = l.v[i].end, .reg = l.v[i].reg};
		snprintf(p.label, sizeof p.label, "%s", l.v[i].period);
		if (tt_add(&le->tt, l.v[i].week < 0 ? 0 : l.v[i].week, l.v[i].weekday, &p, msg,
			   sizeof msg) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "the stored timetable is inconsistent: %s", msg);
			goto out;
		}
	}
	rc = 0;
out:
	free(l.v);
	return rc;
}

static int load_columns(struct engine *e, struct lesson_engine *le)
{
	int n = le->lay.n_cols;
	size_t cells = (size_t)e->m.n_rows * (size_t)n;
	le->col_period = malloc((size_t)(n ? n : 1));
	le->col_flags = malloc((size_t)(n ? n : 1));
	le->col_label = malloc((size_t)(n ? n : 1) * sizeof *le->col_label);
	le->cell_class = malloc((cells ? cells : 1) * sizeof *le->cell_class);
	if (!le->col_period || !le->col_flags || !le->col_label || !le->cell_class)
		return -1;
	memset(le->cell_class, 0xff, cells * sizeof *le->cell_class);
	/* period names in the order of the timetable's days */
	for (int w = 0; w < le->tt.n_weeks; w++)
		for (int wd = 0; wd < TT_DAYS; wd++)
			for (int i = 0; i < le->tt.day[w][wd].n; i++)
				if (name_index(&le->labels, &le->n_labels, le->tt.day[w][wd].p[i].label) < 0)
					return -1;
	for (int day = 0; day < le->lay.n_days; day++) {
		const struct tt_day *d = lessons_day(le, &e->cal, day);
		int after_lunch = tt_after_lunch_index(d, le->session_start[SESSION_PM]);
		for (int i = 0; i < d->n; i++) {
			int c = le->lay.first[day] + i;
			le->col_period[c] = (uint8_t)i;
			le->col_flags[c] =
				(uint8_t)((tt_period_session(d, i, le->session_start[SESSION_PM]) ==
						   SESSION_PM
					   ? LESSON_COL_PM
					   : 0) |
					  (i == after_lunch ? LESSON_COL_AFTER_LUNCH : 0) |
					  (d->p[i].reg != TT_REG_NONE ? LESSON_COL_REGISTRATION : 0));
			le->col_label[c] = (uint16_t)name_index(&le->labels, &le->n_labels, d->p[i].label);
		}
	}
	/* the same rows as the session matrix, on roll for the same days */
	matrix_init(&le->m, n);
	for (int r = 0; r < e->m.n_rows; r++) {
		struct pupil_row row = e->m.rows[r];
		row.first_col = le->lay.first[row.first_col / 2];
		row.end_col = le->lay.first[row.end_col / 2];
		if (matrix_add_row(&le->m, &row) < 0)
			return -1;
		memset(matrix_row_cells(&le->m, r), LESSON_FREE, (size_t)n);
	}
	return 0;
}

struct class_loader {
	struct lesson_engine *le;
	struct engine *e;
	int64_t *ids; /* (class id, index) pairs by id */
};

static int collect_class(void *ctx, const struct class_rec *c)
{
	struct class_loader *cl = ctx;
	struct lesson_engine *le = cl->le;
	struct lesson_class *v = realloc(le->classes, (size_t)(le->n_classes + 1) * sizeof *v);
	if (!v)
		return -1;
	le->classes = v;
	struct lesson_class *k = &v[le->n_classes];
	memset(k, 0, sizeof *k);
	k->id = c->id;
	memcpy(k->code, c->code, sizeof k->code);
	memcpy(k->subject, c->subject, sizeof k->subject);
	memcpy(k->teacher, c->teacher, sizeof k->teacher);
	memcpy(k->room, c->room, sizeof k->room);
	le->n_classes++;
	if ((k->subject_idx = name_index(&le->subjects, &le->n_subjects, c->subject)) < 0 ||
	    (k->teacher_idx = name_index(&le->teachers, &le->n_teachers, c->teacher)) < 0)
		return -1;
	return 0;
}

static int cmp_pair(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

int lessons_class_of_id(const struct lesson_engine *le, int64_t id)
{
	for (int i = 0; i < le->n_classes; i++)
		if (le->classes[i].id == id)
			return i;
	return -1;
}

static int class_by_id(const struct class_loader *cl, int64_t id)
{
	int a = 0, b = cl->le->n_classes;
	while (a < b) {
		int mid = (a + b) / 2;
		if (cl->ids[2 * mid] < id)
			a = mid + 1;
		else
			b = mid;
	}
	return a < cl->le->n_classes && cl->ids[2 * a] == id ? (int)cl->ids[2 * a + 1] : -1;
}

static int collect_meeting(void *ctx, const struct meeting_rec *m)
{
	struct class_loader *cl = ctx;
	struct lesson_engine *le = cl->le;
	int c = class_by_id(cl, m->class_id);
	int week = m->week < 0 ? 0 : m->week;
	if (c < 0 || week >= le->tt.n_weeks)
		return 0; /* kept in the store; the timetable no longer has it */
	int p = tt_period_index(&le->tt.day[week][m->weekday], m->period);
	if (p < 0)
		return 0;
	struct lesson_class *k = &le->classes[c];
	struct lesson_meeting *v = realloc(k->meetings, (size_t)(k->n_meetings + 1) * sizeof *v);
	if (!v)
		return -1;
	k->meetings = v;
	v[k->n_meetings++] = (struct lesson_meeting){(uint8_t)week, (uint8_t)m->weekday, (uint8_t)p};
	return 0;
}

static int collect_member(void *ctx, const struct member_rec *m)
{
	struct class_loader *cl = ctx;
	int c = class_by_id(cl, m->class_id);
	if (c < 0)
		return 0;
	struct lesson_class *k = &cl->le->classes[c];
	if (k->n_members == k->cap_members) {
		int cap = k->cap_members ? k->cap_members * 2 : 32;
		struct lesson_member *v = realloc(k->members, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		k->members = v;
		k->cap_members = cap;
	}
	k->members[k->n_members++] = (struct lesson_member){
		m->id, m->pupil_id, m->start, m->end == DATE_INVALID ? DATE_OPEN_END : m->end};
	return 0;
}

/* The cells a class's pupils are expected in: CODE_NONE until marked. */
static void expect_lessons(struct engine *e, struct lesson_engine *le, int c)
{
	const struct lesson_class *k = &le->classes[c];
	for (int i = 0; i < k->n_members; i++) {
		const struct lesson_member *mb = &k->members[i];
		int lo, hi, row = -1;
		calendar_day_range(&e->cal, mb->start, mb->end, &lo, &hi);
		for (int day = lo; day < hi; day++) {
			int wd = (int)date_weekday(e->cal.school_days[day]);
			for (int j = 0; j < k->n_meetings; j++) {
				const struct lesson_meeting *mt = &k->meetings[j];
				if (mt->weekday != wd || mt->week != le->lay.week[day])
					continue;
				row = engine_row_of_id(e, mb->pupil_id, e->cal.school_days[day], row);
				if (row < 0)
					break; /* not on roll that day */
				int col = le->lay.first[day] + mt->period;
				if (col >= le->lay.first[day + 1])
					continue;
				matrix_row_cells(&le->m, row)[col] = CODE_NONE;
				le->cell_class[(size_t)row * (size_t)le->m.n_cols + (size_t)col] = (uint16_t)c;
			}
		}
	}
}

struct lesson_mark_loader {
	struct engine *e;
	struct class_loader *cl;
	int last_row;
};

static int load_lesson_mark(void *ctx, const struct lesson_mark_rec *mk)
{
	struct lesson_mark_loader *l = ctx;
	struct lesson_engine *le = l->e->lessons;
	int row = engine_row_of_id(l->e, mk->pupil_id, mk->date, l->last_row);
	int day = calendar_day_index(&l->e->cal, mk->date);
	if (row < 0 || day < 0 || mk->code == CODE_NONE)
		return 0; /* kept in the store, outside what the figures count */
	l->last_row = row;
	int p = tt_period_index(lessons_day(le, &l->e->cal, day), mk->period);
	if (p < 0)
		return 0;
	int col = le->lay.first[day] + p;
	int c = class_by_id(l->cl, mk->class_id);
	lessons_apply(le, row, col, mk->code, mk->minutes_late > 0 ? mk->minutes_late : 0,
		      c < 0 ? LESSON_NO_CLASS : c);
	return 0;
}

static int load(struct engine *e, struct lesson_engine *le, struct app_error *err)
{
	struct register_settings rs;
	char buf[32];
	if (register_settings_load(e->store, e->school.id, &rs, err) < 0)
		return -1;
	memcpy(le->session_start, rs.start, sizeof le->session_start);
	memcpy(le->session_close, rs.close, sizeof le->session_close);
	int rc = store_setting_get(e->store, e->school.id, TIMETABLE_WEEKS_SETTING, buf, sizeof buf);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	le->restart = rc == 1 ? TT_RESTART_YEAR : (enum tt_restart)tt_restart_parse(buf);
	if ((int)le->restart < 0)
		return app_fail(err, ERR_INTERNAL, TIMETABLE_WEEKS_SETTING,
				"setting %s is '%s': it must be year or half_term",
				TIMETABLE_WEEKS_SETTING, buf);
	if (load_timetable(e, le, err) < 0)
		return -1;
	if (tt_layout_build(&le->lay, &le->tt, &e->cal, le->restart) < 0 || load_columns(e, le) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	struct class_loader cl = {le, e, NULL};
	if (store_classes_each(e->store, e->school.id, collect_class, &cl) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "loading classes: %s", store_error(e->store));
	cl.ids = malloc((size_t)(le->n_classes ? le->n_classes : 1) * 2 * sizeof *cl.ids);
	if (!cl.ids)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	for (int i = 0; i < le->n_classes; i++) {
		cl.ids[2 * i] = le->classes[i].id;
		cl.ids[2 * i + 1] = i;
	}
	qsort(cl.ids, (size_t)le->n_classes, 2 * sizeof *cl.ids, cmp_pair);
	rc = -1;
	if (store_meetings_each(e->store, e->school.id, collect_meeting, &cl) < 0 ||
	    store_members_each(e->store, e->school.id, collect_member, &cl) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "loading classes: %s", store_error(e->store));
		goto out;
	}
	le->class_subject = malloc(((size_t)le->n_classes + 1) * sizeof *le->class_subject);
	le->class_teacher = malloc(((size_t)le->n_classes + 1) * sizeof *le->class_teacher);
	if (!le->class_subject || !le->class_teacher) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	for (int c = 0; c < le->n_classes; c++) {
		le->class_subject[c] = (uint16_t)le->classes[c].subject_idx;
		le->class_teacher[c] = (uint16_t)le->classes[c].teacher_idx;
		expect_lessons(e, le, c);
	}
	/* The point first: replay from it may apply again a version loaded
	 * below, never miss one committed while loading. */
	if (store_lesson_point(e->store, &le->history_id) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "loading lesson marks: %s", store_error(e->store));
		goto out;
	}
	if (le->lay.n_cols > 0 && e->m.n_rows > 0) {
		struct lesson_mark_loader l = {e, &cl, -1};
		if (store_lesson_marks_load(e->store, e->school.id, load_lesson_mark, &l) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "loading lesson marks: %s",
				 store_error(e->store));
			goto out;
		}
	}
	rc = 0;
out:
	free(cl.ids);
	return rc;
}

int lessons_load(struct engine *e, struct app_error *err)
{
	lessons_free(e->lessons);
	e->lessons = calloc(1, sizeof *e->lessons);
	if (!e->lessons)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	if (load(e, e->lessons, err) < 0) {
		lessons_free(e->lessons);
		e->lessons = NULL;
		return -1;
	}
	return 0;
}

/* The lesson versions a catch-up reads. */
struct lesson_replay {
	struct engine *e;
	struct replay_cells cells;
	int last_row, last_cls;
	int64_t last_class_id;
};

/* As load_lesson_mark: the same cells, the same versions left out. */
static int replay_lesson_mark(void *ctx, const struct lesson_mark_rec *mk)
{
	struct lesson_replay *rp = ctx;
	struct engine *e = rp->e;
	struct lesson_engine *le = e->lessons;
	int row = engine_row_of_id(e, mk->pupil_id, mk->date, rp->last_row);
	int day = calendar_day_index(&e->cal, mk->date);
	if (row < 0 || day < 0 || mk->code == CODE_NONE)
		return 0;
	rp->last_row = row;
	int p = tt_period_index(lessons_day(le, &e->cal, day), mk->period);
	if (p < 0)
		return 0;
	if (mk->class_id != rp->last_class_id) {
		rp->last_class_id = mk->class_id;
		rp->last_cls = lessons_class_of_id(le, mk->class_id);
	}
	return replay_cells_add(
		&rp->cells,
		(struct pending_mark){row, le->lay.first[day] + p, (uint8_t)mk->code,
				      mk->minutes_late > 0 ? mk->minutes_late : 0, true,
				      rp->last_cls < 0 ? LESSON_NO_CLASS : (uint16_t)rp->last_cls});
}

int lessons_catch_up(struct engine *e, int64_t upto, struct app_error *err)
{
	struct lesson_engine *le = e->lessons;
	if (!le || upto <= le->history_id)
		return 0;
	if (le->lay.n_cols == 0 || e->m.n_rows == 0) {
		le->history_id = upto; /* nothing to replay into */
		return 0;
	}
	struct lesson_replay rp = {.e = e, .last_row = -1, .last_cls = -1, .last_class_id = -1};
	if (store_lesson_marks_since(e->store, e->school.id, le->history_id, upto, replay_lesson_mark,
				     &rp) < 0) {
		free(rp.cells.v);
		return app_fail(err, ERR_INTERNAL, NULL, "catching up with lesson marks: %s",
				store_error(e->store));
	}
	engine_apply(e, rp.cells.v, rp.cells.n);
	le->history_id = upto;
	e->caught_up += rp.cells.n;
	free(rp.cells.v);
	return 0;
}

void lessons_apply(struct lesson_engine *le, int row, int col, enum code code, int minutes_late,
		   int cls)
{
	matrix_set(&le->m, row, col, code, minutes_late);
	if (cls != LESSON_NO_CLASS)
		le->cell_class[(size_t)row * (size_t)le->m.n_cols + (size_t)col] = (uint16_t)cls;
}

/* ---- lookups ---- */

int lessons_class(const struct lesson_engine *le, const char *code)
{
	int a = 0, b = le->n_classes;
	while (a < b) { /* classes come from the store ordered by code */
		int mid = (a + b) / 2;
		int c = strcmp(le->classes[mid].code, code);
		if (c == 0)
			return mid;
		if (c < 0)
			a = mid + 1;
		else
			b = mid;
	}
	return -1;
}

bool lessons_meets(const struct lesson_engine *le, const struct calendar *cal, int cls, int day,
		   int period)
{
	const struct lesson_class *k = &le->classes[cls];
	int wd = (int)date_weekday(cal->school_days[day]);
	for (int j = 0; j < k->n_meetings; j++)
		if (k->meetings[j].weekday == wd && k->meetings[j].week == le->lay.week[day] &&
		    k->meetings[j].period == period)
			return true;
	return false;
}

bool lessons_member_on(const struct lesson_class *c, int64_t pupil_id, date_t day)
{
	for (int i = 0; i < c->n_members; i++)
		if (c->members[i].pupil_id == pupil_id && c->members[i].start <= day &&
		    day <= c->members[i].end)
			return true;
	return false;
}

int lessons_class_rows(const struct engine *e, int cls, date_t day, int **rows)
{
	const struct lesson_class *k = &e->lessons->classes[cls];
	int n = 0;
	*rows = malloc((size_t)(k->n_members ? k->n_members : 1) * sizeof **rows);
	if (!*rows)
		return -1;
	for (int i = 0; i < k->n_members; i++) {
		const struct lesson_member *mb = &k->members[i];
		if (mb->start > day || day > mb->end)
			continue;
		int row = engine_row_of_id(e, mb->pupil_id, day, -1);
		bool dup = false;
		for (int j = 0; j < n && !dup; j++)
			dup = (*rows)[j] == row;
		if (row >= 0 && !dup)
			(*rows)[n++] = row;
	}
	engine_sort_by_name(e, *rows, n);
	return n;
}

void lessons_grid(const struct engine *e, struct lesson_grid *g)
{
	const struct lesson_engine *le = e->lessons;
	*g = (struct lesson_grid){.m = &le->m,
				  .sessions = &e->m,
				  .cell_class = le->cell_class,
				  .n_classes = le->n_classes,
				  .n_subjects = le->n_subjects,
				  .n_teachers = le->n_teachers,
				  .n_labels = le->n_labels,
				  .class_subject = le->class_subject,
				  .class_teacher = le->class_teacher,
				  .col_label = le->col_label,
				  .col_flags = le->col_flags,
				  .col_day = le->lay.col_day};
}

void lessons_pupil_day(const struct engine *e, int row, int day, struct lesson_day *out)
{
	const struct lesson_engine *le = e->lessons;
	const struct tt_day *d = lessons_day(le, &e->cal, day);
	const uint8_t *cells = matrix_row_cells(&le->m, row);
	memset(out, 0, sizeof *out);
	out->n = d->n;
	for (int i = 0; i < d->n; i++) {
		int col = le->lay.first[day] + i;
		out->lesson[i] = (enum code)cells[col];
		out->start[i] = d->p[i].start;
		out->ses[i] = le->col_flags[col] & LESSON_COL_PM ? SESSION_PM : SESSION_AM;
	}
	const struct pupil_row *p = &e->m.rows[row];
	for (int s = 0; s < SESSION__MAX; s++) {
		int col = 2 * day + s;
		out->session[s] = col >= p->first_col && col < p->end_col
					  ? (enum code)matrix_row_cells(&e->m, row)[col]
					  : CODE_NONE;
		int reg = tt_registration_index(d, (enum session)s);
		out->reg_time[s] = reg >= 0 ? d->p[reg].start : le->session_start[s];
	}
}
