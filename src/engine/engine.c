#include "engine/engine.h"

#include <stdlib.h>
#include <string.h>

static uint32_t hash_upn(const char *upn)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *upn; upn++)
		h = (h ^ (uint8_t)*upn) * 16777619u;
	return h;
}

static int build_index(struct engine *e)
{
	free(e->upn_slots);
	free(e->next_same_pupil);
	uint32_t n = 64;
	while (n < (uint32_t)e->m.n_rows * 2)
		n *= 2;
	e->n_slots = n;
	e->upn_slots = malloc(n * sizeof *e->upn_slots);
	e->next_same_pupil = malloc((size_t)(e->m.n_rows ? e->m.n_rows : 1) * sizeof(int32_t));
	if (!e->upn_slots || !e->next_same_pupil)
		return -1;
	memset(e->upn_slots, 0xff, n * sizeof *e->upn_slots);
	/* Rows arrive ordered by UPN then admission, so a pupil's rows are
	 * adjacent: chain each to the next one with the same UPN. */
	for (int r = 0; r < e->m.n_rows; r++) {
		const char *upn = e->m.rows[r].upn;
		bool same_as_next = r + 1 < e->m.n_rows && strcmp(e->m.rows[r + 1].upn, upn) == 0;
		e->next_same_pupil[r] = same_as_next ? r + 1 : -1;
		if (r > 0 && strcmp(e->m.rows[r - 1].upn, upn) == 0)
			continue;
		uint32_t i = hash_upn(upn) & (n - 1);
		while (e->upn_slots[i] >= 0)
			i = (i + 1) & (n - 1);
		e->upn_slots[i] = r;
	}
	return 0;
}

int engine_pupil_row(const struct engine *e, const char *upn)
{
	if (!e->n_slots)
		return -1;
	uint32_t i = hash_upn(upn) & (e->n_slots - 1);
	for (int32_t r; (r = e->upn_slots[i]) >= 0; i = (i + 1) & (e->n_slots - 1))
		if (strcmp(e->m.rows[r].upn, upn) == 0)
			return r;
	return -1;
}

int engine_row_on(const struct engine *e, const char *upn, date_t day)
{
	for (int r = engine_pupil_row(e, upn); r >= 0; r = e->next_same_pupil[r])
		if (e->m.rows[r].admitted <= day && day <= e->m.rows[r].left)
			return r;
	return -1;
}

static int load_cal_entry(void *ctx, const struct cal_entry *entry)
{
	struct engine *e = ctx;
	char msg[256];
	return calendar_add(&e->cal, entry, msg, sizeof msg) < 0 ? -1 : 0;
}

/* On-roll columns of an enrolment: the sessions of the school days from
 * admitted to left inclusive. */
static void roll_cols(const struct calendar *cal, date_t admitted, date_t left, int *c0, int *c1)
{
	int lo, hi;
	calendar_day_range(cal, admitted, left, &lo, &hi);
	*c0 = 2 * lo;
	*c1 = 2 * hi;
}

static int load_pupil(void *ctx, const struct pupil_rec *p)
{
	struct engine *e = ctx;
	struct pupil_row r = {0};
	r.pupil_id = p->pupil_id;
	r.enrolment_id = p->enrolment_id;
	memcpy(r.upn, p->upn, sizeof r.upn);
	r.surname = (char *)p->surname;
	r.forename = (char *)p->forename;
	r.dob = p->dob;
	r.admitted = p->admitted;
	r.left = p->left == DATE_INVALID ? DATE_OPEN_END : p->left;
	roll_cols(&e->cal, r.admitted, r.left, &r.first_col, &r.end_col);
	r.year = (int8_t)p->year;
	int form = matrix_form_index(&e->m, p->form);
	if (form < 0)
		return -1;
	r.form = (uint16_t)form;
	r.gender = p->gender;
	r.send = p->send;
	r.fsm = (uint8_t)p->fsm;
	r.pp = (uint8_t)p->pp;
	r.eal = (uint8_t)p->eal;
	r.looked_after = (uint8_t)p->looked_after;
	r.cin = (uint8_t)p->cin;
	r.safeguarding = (uint8_t)p->safeguarding;
	r.cp = (uint8_t)p->cp;
	memcpy(r.ethnicity, p->ethnicity, sizeof r.ethnicity);
	return matrix_add_row(&e->m, &r) < 0 ? -1 : 0;
}

/* Marks arrive in (pupil, date, session) order, so the row of the previous
 * mark is usually the row of this one. */
struct mark_loader {
	struct engine *e;
	int64_t *row_pupil; /* pupil id of each row, for lookup by id */
	int last_row;
	int64_t skipped;
};

static int row_of_pupil_on(struct mark_loader *l, int64_t pupil_id, date_t day)
{
	const struct matrix *m = &l->e->m;
	int r = l->last_row;
	if (r >= 0 && m->rows[r].pupil_id == pupil_id && m->rows[r].admitted <= day &&
	    day <= m->rows[r].left)
		return r;
	/* rows are ordered by UPN, not id: binary search a sorted id index */
	int a = 0, b = m->n_rows;
	while (a < b) {
		int mid = (a + b) / 2;
		if (l->row_pupil[2 * mid] < pupil_id)
			a = mid + 1;
		else
			b = mid;
	}
	for (; a < m->n_rows && l->row_pupil[2 * a] == pupil_id; a++) {
		int row = (int)l->row_pupil[2 * a + 1];
		if (m->rows[row].admitted <= day && day <= m->rows[row].left)
			return l->last_row = row;
	}
	return -1;
}

static int load_mark(void *ctx, const struct mark_rec *mk)
{
	struct mark_loader *l = ctx;
	int row = row_of_pupil_on(l, mk->pupil_id, mk->date);
	int col = calendar_session_col(&l->e->cal, mk->date, mk->session);
	if (row < 0 || col < 0 || mk->code == CODE_NONE) {
		/* Kept in the store, outside what the figures count (e.g. a
		 * mark left behind by a corrected admission date). */
		l->skipped++;
		return 0;
	}
	return matrix_set(&l->e->m, row, col, mk->code, mk->minutes_late > 0 ? mk->minutes_late : 0);
}

static int cmp_pair(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return (x[1] > y[1]) - (x[1] < y[1]);
}

static int load(struct engine *e, struct app_error *err)
{
	char msg[256];
	calendar_init(&e->cal);
	if (store_calendar_each(e->store, e->school.id, load_cal_entry, e) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "loading the calendar: %s", store_error(e->store));
	if (calendar_build(&e->cal, msg, sizeof msg) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "the stored calendar is inconsistent: %s", msg);
	matrix_init(&e->m, 2 * e->cal.n_school_days);
	if (store_pupils_each(e->store, e->school.id, load_pupil, e) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "loading pupils: %s", store_error(e->store));
	if (build_index(e) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	if (e->cal.n_school_days == 0 || e->m.n_rows == 0)
		return 0;
	struct mark_loader l = {.e = e, .last_row = -1};
	l.row_pupil = malloc((size_t)e->m.n_rows * 2 * sizeof *l.row_pupil);
	if (!l.row_pupil)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	for (int r = 0; r < e->m.n_rows; r++) {
		l.row_pupil[2 * r] = e->m.rows[r].pupil_id;
		l.row_pupil[2 * r + 1] = r;
	}
	qsort(l.row_pupil, (size_t)e->m.n_rows, 2 * sizeof *l.row_pupil, cmp_pair);
	int rc = store_marks_each(e->store, e->school.id, e->cal.school_days[0],
				  e->cal.school_days[e->cal.n_school_days - 1], load_mark, &l);
	free(l.row_pupil);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "loading marks: %s", store_error(e->store));
	return 0;
}

static void unload(struct engine *e)
{
	calendar_free(&e->cal);
	matrix_free(&e->m);
	free(e->upn_slots);
	free(e->next_same_pupil);
	e->upn_slots = NULL;
	e->next_same_pupil = NULL;
	e->n_slots = 0;
}

int engine_open(struct engine *e, struct store *s, const char *urn, struct app_error *err)
{
	memset(e, 0, sizeof *e);
	e->store = s;
	int rc = store_school_get(s, urn, &e->school);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	if (rc == 1) {
		if (urn)
			return app_fail(err, ERR_NOT_FOUND, "school", "no school with URN %s in the database", urn);
		return app_fail(err, ERR_INPUT, NULL, "the database has no school yet: run `attend init`");
	}
	if (load(e, err) < 0) {
		unload(e);
		return -1;
	}
	return 0;
}

void engine_close(struct engine *e)
{
	unload(e);
	free(e->pending);
	memset(e, 0, sizeof *e);
}

int engine_reload(struct engine *e, struct app_error *err)
{
	unload(e);
	return load(e, err);
}

int engine_begin(struct engine *e, struct app_error *err)
{
	if (store_begin(e->store) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	e->in_txn = true;
	e->n_pending = 0;
	return 0;
}

int engine_commit(struct engine *e, struct app_error *err)
{
	if (store_commit(e->store) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "saving: %s", store_error(e->store));
		engine_rollback(e);
		return -1;
	}
	/* Only now, with the write durable, does the matrix change. */
	if (e->matrix_lock)
		pthread_rwlock_wrlock(e->matrix_lock);
	for (int i = 0; i < e->n_pending; i++) {
		const struct pending_mark *p = &e->pending[i];
		matrix_set(&e->m, p->row, p->col, (enum code)p->code, p->minutes_late);
	}
	if (e->matrix_lock)
		pthread_rwlock_unlock(e->matrix_lock);
	e->n_pending = 0;
	e->in_txn = false;
	return 0;
}

void engine_rollback(struct engine *e)
{
	store_rollback(e->store);
	e->n_pending = 0;
	e->in_txn = false;
}

int engine_end(struct engine *e, int rc, struct app_error *err)
{
	if (rc < 0) {
		engine_rollback(e);
		return -1;
	}
	return engine_commit(e, err);
}

int engine_savepoint(struct engine *e, int *point, struct app_error *err)
{
	if (store_savepoint(e->store) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	*point = e->n_pending;
	return 0;
}

int engine_release(struct engine *e, struct app_error *err)
{
	if (store_release(e->store) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

void engine_rollback_to(struct engine *e, int point)
{
	store_rollback_to(e->store);
	if (point < e->n_pending)
		e->n_pending = point;
}

int engine_note_mark(struct engine *e, int row, int col, enum code code, int minutes_late)
{
	if (e->n_pending == e->cap_pending) {
		int cap = e->cap_pending ? e->cap_pending * 2 : 64;
		struct pending_mark *p = realloc(e->pending, (size_t)cap * sizeof *p);
		if (!p)
			return -1;
		e->pending = p;
		e->cap_pending = cap;
	}
	e->pending[e->n_pending++] =
		(struct pending_mark){row, col, (uint8_t)code, minutes_late > 0 ? minutes_late : 0};
	return 0;
}

uint8_t engine_cell(const struct engine *e, int row, int col)
{
	for (int i = e->n_pending - 1; i >= 0; i--)
		if (e->pending[i].row == row && e->pending[i].col == col)
			return e->pending[i].code;
	return matrix_row_cells(&e->m, row)[col];
}
