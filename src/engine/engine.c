#include "engine/engine.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "engine/lessons.h"

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
	r.safeguarding = (uint8_t)p->safeguarding;
	memcpy(r.ethnicity, p->ethnicity, sizeof r.ethnicity);
	return matrix_add_row(&e->m, &r) < 0 ? -1 : 0;
}

/* Index of the pupil's first (pupil id, row) pair in e->id_index (rows are
 * ordered by UPN, not id), or n_rows. */
static int first_id_pair(const struct engine *e, int64_t pupil_id)
{
	/* Pupil ids are dense: a direct table answers in one step. */
	if (e->id_first && pupil_id >= 0 && pupil_id <= e->max_pupil_id)
		return e->id_first[pupil_id] < 0 ? e->m.n_rows : e->id_first[pupil_id];
	int a = 0, b = e->m.n_rows;
	while (a < b) {
		int mid = (a + b) / 2;
		if (e->id_index[2 * mid] < pupil_id)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

long engine_snapshot_min_cells = 2000000;

static int count_school(void *ctx, const struct school_rec *s)
{
	(void)s;
	++*(int *)ctx;
	return 0;
}

int engine_snapshots_for_schools(struct store *s)
{
	int n_schools = 0;
	if (store_schools_each(s, count_school, &n_schools) < 0)
		return -1;
	if (n_schools > 1 && engine_snapshot_min_cells > 0)
		engine_snapshot_min_cells /= n_schools;
	return 0;
}

int engine_row_of_id(const struct engine *e, int64_t pupil_id, date_t day, int hint)
{
	const struct matrix *m = &e->m;
	if (hint >= 0 && hint < m->n_rows && m->rows[hint].pupil_id == pupil_id &&
	    m->rows[hint].admitted <= day && day <= m->rows[hint].left)
		return hint;
	for (int a = first_id_pair(e, pupil_id); a < m->n_rows && e->id_index[2 * a] == pupil_id; a++) {
		int row = (int)e->id_index[2 * a + 1];
		if (day == DATE_INVALID || (m->rows[row].admitted <= day && day <= m->rows[row].left))
			return row;
	}
	return -1;
}

/* Marks come in key order (date, session, pupil); the row of the previous
 * mark is tried first (it helps when one pupil's versions are replayed). */
struct mark_loader {
	struct engine *e;
	const struct register_read *rd;
	int last_row;
	int64_t skipped;
};

static int load_mark(void *ctx, const struct mark_cell *mk)
{
	struct mark_loader *l = ctx;
	int row = engine_row_of_id(l->e, mk->pupil_id, mk->date, l->last_row);
	if (row >= 0)
		l->last_row = row;
	int col = calendar_session_col(&l->e->cal, mk->date, mk->session);
	if (row < 0 || col < 0 || mk->code == CODE_NONE) {
		/* Kept in the store, outside what the figures count (e.g. a
		 * mark left behind by a corrected admission date). */
		l->skipped++;
		return 0;
	}
	/* In a full scan each cell comes once, with no minutes late to clear:
	 * the byte is written directly. Replayed versions go through
	 * matrix_set, which also clears minutes a later version drops. */
	if (mk->minutes_late > 0 || l->rd->from_snapshot)
		return matrix_set(&l->e->m, row, col, mk->code, mk->minutes_late > 0 ? mk->minutes_late : 0);
	matrix_row_cells(&l->e->m, row)[col] = (uint8_t)mk->code;
	return 0;
}

/* A pupil's row of the snapshot: each enrolment row takes its on-roll
 * sessions from it. */
static int load_snapshot_row(void *ctx, const struct snapshot_row *sr)
{
	struct mark_loader *l = ctx;
	struct matrix *m = &l->e->m;
	if (sr->n_cells != m->n_cols)
		return -1; /* cannot happen with a matching layout */
	const int64_t *ids = l->e->id_index;
	for (int a = first_id_pair(l->e, sr->pupil_id); a < m->n_rows && ids[2 * a] == sr->pupil_id;
	     a++) {
		int row = (int)ids[2 * a + 1];
		const struct pupil_row *r = &m->rows[row];
		if (r->end_col > r->first_col)
			memcpy(matrix_row_cells(m, row) + r->first_col, sr->cells + r->first_col,
			       (size_t)(r->end_col - r->first_col));
		for (int i = 0; i + 4 <= sr->late_bytes; i += 4) {
			int col = sr->late[i] | sr->late[i + 1] << 8;
			int minutes = sr->late[i + 2] | sr->late[i + 3] << 8;
			if (col >= r->first_col && col < r->end_col &&
			    matrix_set(m, row, col, (enum code)sr->cells[col], minutes) < 0)
				return -1;
		}
	}
	return 0;
}

/* What a snapshot is valid for: the sessions of the calendar and the code
 * each byte stands for. */
static void layout_of(const struct calendar *cal, char out[STORE_HASH_HEX])
{
	crypto_hash_sha256_state st;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)"attend-matrix-v1", 16);
	crypto_hash_sha256_update(&st, (const unsigned char *)cal->school_days,
				  (size_t)cal->n_school_days * sizeof *cal->school_days);
	for (int c = 0; c < CODE__MAX; c++)
		crypto_hash_sha256_update(&st, (const unsigned char *)code_info((enum code)c)->text,
					  strlen(code_info((enum code)c)->text) + 1);
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(out, STORE_HASH_HEX, digest, sizeof digest);
}

/* Hands the matrix to store_snapshot_save pupil by pupil: the rows of one
 * pupil are adjacent (ordered by UPN) and their on-roll sessions disjoint. */
struct snapshot_writer {
	const struct engine *e;
	int next_row;
	uint8_t *cells, *late;
	size_t late_cap;
};

static int next_snapshot_row(void *ctx, struct snapshot_row *out)
{
	struct snapshot_writer *w = ctx;
	const struct matrix *m = &w->e->m;
	if (w->next_row >= m->n_rows)
		return 0;
	int first = w->next_row;
	memset(w->cells, CODE_NONE, (size_t)m->n_cols);
	size_t n_late = 0;
	int r = first;
	for (; r >= 0; r = w->e->next_same_pupil[r]) {
		const struct pupil_row *pr = &m->rows[r];
		if (pr->end_col > pr->first_col)
			memcpy(w->cells + pr->first_col, matrix_row_cells(m, r) + pr->first_col,
			       (size_t)(pr->end_col - pr->first_col));
		const struct late_list *ll = &m->late[r];
		if ((n_late + ll->n) * 4 > w->late_cap) {
			size_t cap = (n_late + ll->n) * 8;
			uint8_t *p = realloc(w->late, cap);
			if (!p)
				return -1;
			w->late = p;
			w->late_cap = cap;
		}
		for (uint32_t i = 0; i < ll->n; i++, n_late++) {
			uint8_t *p = w->late + 4 * n_late;
			p[0] = (uint8_t)ll->v[i].col;
			p[1] = (uint8_t)(ll->v[i].col >> 8);
			p[2] = (uint8_t)ll->v[i].minutes;
			p[3] = (uint8_t)(ll->v[i].minutes >> 8);
		}
		w->next_row = r + 1;
	}
	*out = (struct snapshot_row){m->rows[first].pupil_id, w->cells, m->n_cols, w->late,
				     (int)(4 * n_late)};
	return 1;
}

static bool save_snapshot(struct engine *e, const char *layout, const struct register_read *rd)
{
	struct snapshot_writer w = {.e = e};
	w.cells = malloc((size_t)e->m.n_cols);
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	/* A cache: when it cannot be saved, the next start reads every mark. */
	bool saved = w.cells && store_snapshot_save(e->store, e->school.id, layout, rd->history_id,
						    rd->generation, now, next_snapshot_row, &w) == 0;
	free(w.cells);
	free(w.late);
	return saved;
}

static void clear_cells(struct matrix *m)
{
	memset(m->cells, CODE_NONE, (size_t)m->n_rows * (size_t)m->n_cols);
	for (int r = 0; r < m->n_rows; r++)
		m->late[r].n = 0;
}

static int cmp_pair(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return (x[1] > y[1]) - (x[1] < y[1]);
}

/* The marks into the matrix: from the snapshot and the versions after it
 * when one matches, else every mark; then a new snapshot when worth it. */
static int load_marks(struct engine *e, struct app_error *err)
{
	char layout[STORE_HASH_HEX];
	layout_of(&e->cal, layout);
	bool snapshots = engine_snapshot_min_cells >= 0;
	struct register_read rd = {.layout = snapshots ? layout : NULL,
				   .snapshot_row = load_snapshot_row, .mark = load_mark};
	struct mark_loader l = {.e = e, .rd = &rd, .last_row = -1};
	rd.ctx = &l;
	date_t first = e->cal.school_days[0], last = e->cal.school_days[e->cal.n_school_days - 1];
	int rc = store_register_read(e->store, e->school.id, first, last, &rd);
	if (rc < 0 && rd.from_snapshot) {
		/* A snapshot that cannot be read is only a lost cache: start
		 * again from every mark. */
		clear_cells(&e->m);
		rd.layout = NULL;
		l.last_row = -1;
		rc = store_register_read(e->store, e->school.id, first, last, &rd);
	}
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "loading marks: %s", store_error(e->store));
	e->from_snapshot = rd.from_snapshot;
	e->marks_read = rd.marks;
	e->history_id = rd.history_id;
	e->generation = rd.generation;
	/* A large register keeps a snapshot, so the next start reads it and
	 * the few marks since instead of every mark. */
	long long cells = (long long)e->m.n_rows * e->m.n_cols;
	if (snapshots && cells >= engine_snapshot_min_cells &&
	    (!rd.from_snapshot || rd.marks * 20 > cells))
		e->snapshot_saved = save_snapshot(e, layout, &rd);
	return 0;
}

static int load(struct engine *e, struct app_error *err)
{
	char msg[256];
	e->from_snapshot = false;
	e->snapshot_saved = false;
	e->marks_read = 0;
	e->load_epoch++;
	/* The point before anything is read (load_marks reads its own, in the
	 * same transaction as the marks): a change made meanwhile is replayed
	 * or reloaded by the next catch-up, never missed. */
	if (store_register_point(e->store, e->school.id, &e->generation, &e->history_id) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "loading: %s", store_error(e->store));
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
	e->id_index = malloc(((size_t)e->m.n_rows + 1) * 2 * sizeof *e->id_index);
	if (!e->id_index)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	for (int r = 0; r < e->m.n_rows; r++) {
		e->id_index[2 * r] = e->m.rows[r].pupil_id;
		e->id_index[2 * r + 1] = r;
	}
	qsort(e->id_index, (size_t)e->m.n_rows, 2 * sizeof *e->id_index, cmp_pair);
	e->max_pupil_id = e->m.n_rows ? e->id_index[2 * (e->m.n_rows - 1)] : 0;
	/* The direct table only while it stays small beside the rows. */
	if (e->max_pupil_id >= 0 && e->max_pupil_id <= 4 * (int64_t)e->m.n_rows + 1024) {
		e->id_first = malloc(((size_t)e->max_pupil_id + 1) * sizeof *e->id_first);
		if (!e->id_first)
			return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		memset(e->id_first, 0xff, ((size_t)e->max_pupil_id + 1) * sizeof *e->id_first);
		for (int a = e->m.n_rows - 1; a >= 0; a--)
			e->id_first[e->id_index[2 * a]] = a;
	}
	if (e->cal.n_school_days > 0 && e->m.n_rows > 0 && load_marks(e, err) < 0)
		return -1;
	/* The lesson registers, for the programs that asked for them. */
	if (e->want_lessons && lessons_load(e, err) < 0)
		return -1;
	return 0;
}

static void unload(struct engine *e)
{
	calendar_free(&e->cal);
	matrix_free(&e->m);
	free(e->upn_slots);
	free(e->next_same_pupil);
	free(e->id_index);
	free(e->id_first);
	e->id_first = NULL;
	e->max_pupil_id = 0;
	lessons_free(e->lessons);
	e->lessons = NULL;
	e->upn_slots = NULL;
	e->next_same_pupil = NULL;
	e->id_index = NULL;
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
	free(e->row_stamp);
	memset(e, 0, sizeof *e);
}

int engine_reload(struct engine *e, struct app_error *err)
{
	unload(e);
	return load(e, err);
}

int replay_cells_add(struct replay_cells *c, struct pending_mark m)
{
	if (c->n == c->cap) {
		int cap = c->cap ? c->cap * 2 : 256;
		struct pending_mark *v = realloc(c->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = m;
	return 0;
}

void engine_apply(struct engine *e, const struct pending_mark *v, int n)
{
	if (n == 0)
		return;
	if (e->matrix_lock)
		pthread_rwlock_wrlock(e->matrix_lock);
	for (int i = 0; i < n; i++) {
		const struct pending_mark *p = &v[i];
		if (p->lesson)
			lessons_apply(e->lessons, p->row, p->col, (enum code)p->code, p->minutes_late,
				      p->cls);
		else
			matrix_set(&e->m, p->row, p->col, (enum code)p->code, p->minutes_late);
	}
	if (e->matrix_lock)
		pthread_rwlock_unlock(e->matrix_lock);
}

/* The session versions a catch-up reads. */
struct replay {
	struct engine *e;
	struct replay_cells cells;
	int last_row;
};

static int replay_mark(void *ctx, const struct mark_cell *mk)
{
	struct replay *rp = ctx;
	struct engine *e = rp->e;
	int row = engine_row_of_id(e, mk->pupil_id, mk->date, rp->last_row);
	int col = calendar_session_col(&e->cal, mk->date, mk->session);
	if (row < 0 || col < 0 || mk->code == CODE_NONE)
		return 0; /* outside what the figures count, as at load */
	rp->last_row = row;
	return replay_cells_add(&rp->cells,
				(struct pending_mark){row, col, (uint8_t)mk->code,
						      mk->minutes_late > 0 ? mk->minutes_late : 0, false, 0});
}

int engine_catch_up(struct engine *e, struct app_error *err)
{
	if (e->cal.n_school_days == 0 || e->m.n_rows == 0) {
		/* Nothing to replay into: only whether the register moved. */
		int64_t gen, hid;
		if (store_register_point(e->store, e->school.id, &gen, &hid) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		if (gen == e->generation) {
			e->history_id = hid;
			return 0;
		}
		goto reload;
	}
	struct replay rp = {.e = e, .last_row = -1};
	int64_t upto, lesson_upto = 0;
	date_t first = e->cal.school_days[0], last = e->cal.school_days[e->cal.n_school_days - 1];
	int rc = store_marks_since(e->store, e->school.id, e->history_id, e->generation, first, last,
				   replay_mark, &rp, &upto, &lesson_upto);
	/* On another server than the matrix was read from (a promoted
	 * standby), a version it applied may be missing: read it all again. */
	if (rc == 0 && store_server_changed(e->store))
		rc = 1;
	if (rc < 0) {
		free(rp.cells.v);
		return app_fail(err, ERR_INTERNAL, NULL, "catching up with other servers: %s",
				store_error(e->store));
	}
	if (rc == 0) {
		engine_apply(e, rp.cells.v, rp.cells.n);
		e->history_id = upto;
		e->caught_up += rp.cells.n;
		free(rp.cells.v);
		/* The lesson registers, up to the same point. */
		return lessons_catch_up(e, lesson_upto, err) < 0 ? -1 : 0;
	}
	free(rp.cells.v);
reload:
	if (e->matrix_lock)
		pthread_rwlock_wrlock(e->matrix_lock);
	rc = engine_reload(e, err);
	if (e->matrix_lock)
		pthread_rwlock_unlock(e->matrix_lock);
	e->reloads++;
	return rc < 0 ? -1 : 1;
}

/* No pending marks: every row's stamp goes stale at once. */
static void pending_clear(struct engine *e)
{
	e->n_pending = 0;
	if (++e->pending_epoch == 0) { /* wrapped: stamps of 2^32 transactions ago */
		if (e->row_stamp)
			memset(e->row_stamp, 0, (size_t)e->cap_row_stamp * sizeof *e->row_stamp);
		e->pending_epoch = 1;
	}
}

int engine_begin(struct engine *e, struct app_error *err)
{
	if (store_begin(e->store) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	e->in_txn = true;
	pending_clear(e);
	/* Holding the writers' turn: whatever others saved is in the matrix
	 * before this transaction checks or writes a mark. */
	if (engine_catch_up(e, err) < 0) {
		engine_rollback(e);
		return -1;
	}
	return 0;
}

int engine_commit(struct engine *e, struct app_error *err)
{
	/* The other servers hear of this transaction's marks (session or
	 * lesson) when it commits; its versions are the last ones, so the
	 * matrices' points move to them. */
	int64_t upto = e->history_id, lesson_upto = e->lessons ? e->lessons->history_id : 0;
	if (e->n_pending && store_marks_announce(e->store, e->school.id, &upto, &lesson_upto) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "saving: %s", store_error(e->store));
		engine_rollback(e);
		return -1;
	}
	if (store_commit(e->store) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "saving: %s", store_error(e->store));
		engine_rollback(e);
		return -1;
	}
	/* Only now, with the write durable, does the matrix change. */
	engine_apply(e, e->pending, e->n_pending);
	e->history_id = upto;
	if (e->lessons)
		e->lessons->history_id = lesson_upto;
	pending_clear(e);
	e->in_txn = false;
	return 0;
}

void engine_rollback(struct engine *e)
{
	store_rollback(e->store);
	pending_clear(e);
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

int engine_part(struct engine *e, int (*run)(void *ctx, struct app_error *err), void *ctx,
		struct app_error *err)
{
	int point = e->n_pending;
	if (engine_savepoint(e, &point, err) < 0)
		return -1;
	/* The marks of a submission are written at its release (in one
	 * statement): a failure there is its own, like one in run. */
	if (run(ctx, err) == 0 && engine_release(e, err) == 0)
		return 0;
	engine_rollback_to(e, point);
	return -1;
}

static int cmp_name(const void *a, const void *b, void *ctx)
{
	const struct engine *e = ctx;
	const struct pupil_row *x = &e->m.rows[*(const int *)a], *y = &e->m.rows[*(const int *)b];
	int c = strcoll(x->surname, y->surname);
	if (!c)
		c = strcoll(x->forename, y->forename);
	return c ? c : strcmp(x->upn, y->upn);
}

void engine_sort_by_name(const struct engine *e, int *rows, int n)
{
	qsort_r(rows, (size_t)n, sizeof *rows, cmp_name, (void *)e);
}

int engine_want_lessons(struct engine *e, struct app_error *err)
{
	e->want_lessons = true;
	return e->lessons ? 0 : lessons_load(e, err);
}

int engine_note_mark(struct engine *e, int row, int col, enum code code, int minutes_late)
{
	return engine_note_cell(e, false, row, col, code, minutes_late, 0);
}

int engine_note_cell(struct engine *e, bool lesson, int row, int col, enum code code,
		     int minutes_late, int cls)
{
	if (e->n_pending == e->cap_pending) {
		int cap = e->cap_pending ? e->cap_pending * 2 : 64;
		struct pending_mark *p = realloc(e->pending, (size_t)cap * sizeof *p);
		if (!p)
			return -1;
		e->pending = p;
		e->cap_pending = cap;
	}
	if (!lesson) {
		if (row >= e->cap_row_stamp) {
			int cap = e->m.n_rows > row ? e->m.n_rows : row + 1;
			uint32_t *st = realloc(e->row_stamp, (size_t)cap * sizeof *st);
			if (!st)
				return -1;
			memset(st + e->cap_row_stamp, 0, (size_t)(cap - e->cap_row_stamp) * sizeof *st);
			e->row_stamp = st;
			e->cap_row_stamp = cap;
		}
		e->row_stamp[row] = e->pending_epoch;
	}
	e->pending[e->n_pending++] = (struct pending_mark){
		row, col, (uint8_t)code, minutes_late > 0 ? minutes_late : 0, lesson, (uint16_t)cls};
	return 0;
}

uint8_t engine_cell(const struct engine *e, int row, int col)
{
	if (row < e->cap_row_stamp && e->row_stamp[row] == e->pending_epoch)
		for (int i = e->n_pending - 1; i >= 0; i--) {
			const struct pending_mark *p = &e->pending[i];
			if (!p->lesson && p->row == row && p->col == col)
				return p->code;
		}
	return matrix_row_cells(&e->m, row)[col];
}
