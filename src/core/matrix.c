#include "core/matrix.h"

#include <stdlib.h>
#include <string.h>

void matrix_init(struct matrix *m, int n_cols)
{
	memset(m, 0, sizeof *m);
	m->n_cols = n_cols;
}

void matrix_free(struct matrix *m)
{
	for (int i = 0; i < m->n_rows; i++) {
		free(m->rows[i].surname);
		free(m->rows[i].forename);
		free(m->late[i].v);
	}
	for (int i = 0; i < m->n_forms; i++)
		free(m->forms[i]);
	free(m->forms);
	free(m->form_slots);
	free(m->rows);
	free(m->late);
	free(m->cells);
	memset(m, 0, sizeof *m);
}

int matrix_add_row(struct matrix *m, const struct pupil_row *r)
{
	if (m->n_rows == m->cap_rows) {
		int cap = m->cap_rows ? m->cap_rows * 2 : 64;
		struct pupil_row *rows = realloc(m->rows, (size_t)cap * sizeof *rows);
		if (!rows)
			return -1;
		m->rows = rows;
		struct late_list *late = realloc(m->late, (size_t)cap * sizeof *late);
		if (!late)
			return -1;
		m->late = late;
		uint8_t *cells = realloc(m->cells, (size_t)cap * (size_t)(m->n_cols ? m->n_cols : 1));
		if (!cells)
			return -1;
		m->cells = cells;
		m->cap_rows = cap;
	}
	int i = m->n_rows;
	struct pupil_row *row = &m->rows[i];
	*row = *r;
	row->surname = strdup(r->surname ? r->surname : "");
	row->forename = strdup(r->forename ? r->forename : "");
	if (!row->surname || !row->forename) {
		free(row->surname);
		free(row->forename);
		return -1;
	}
	memset(&m->late[i], 0, sizeof m->late[i]);
	memset(matrix_row_cells(m, i), CODE_NONE, (size_t)m->n_cols);
	m->n_rows++;
	return i;
}

static uint32_t form_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

/* The slot holding form, or the empty slot where it would go. */
static uint32_t form_slot(const struct matrix *m, const char *form)
{
	uint32_t mask = m->n_form_slots - 1, i = form_hash(form) & mask;
	while (m->form_slots[i] >= 0 && strcmp(m->forms[m->form_slots[i]], form) != 0)
		i = (i + 1) & mask;
	return i;
}

static int grow_form_slots(struct matrix *m)
{
	uint32_t n = m->n_form_slots ? m->n_form_slots * 2 : 64;
	int32_t *slots = malloc(n * sizeof *slots);
	if (!slots)
		return -1;
	memset(slots, 0xff, n * sizeof *slots);
	free(m->form_slots);
	m->form_slots = slots;
	m->n_form_slots = n;
	for (int i = 0; i < m->n_forms; i++)
		m->form_slots[form_slot(m, m->forms[i])] = i;
	return 0;
}

int matrix_form_index(struct matrix *m, const char *form)
{
	/* Thousands of forms in a large register: found by hash, not by scan. */
	if ((uint32_t)(m->n_forms + 1) * 2 > m->n_form_slots && grow_form_slots(m) < 0)
		return -1;
	uint32_t slot = form_slot(m, form);
	if (m->form_slots[slot] >= 0)
		return m->form_slots[slot];
	char **forms = realloc(m->forms, (size_t)(m->n_forms + 1) * sizeof *forms);
	if (!forms)
		return -1;
	m->forms = forms;
	if (!(forms[m->n_forms] = strdup(form)))
		return -1;
	m->form_slots[slot] = m->n_forms;
	return m->n_forms++;
}

static uint32_t late_find(const struct late_list *l, int col)
{
	uint32_t a = 0, b = l->n;
	while (a < b) {
		uint32_t mid = (a + b) / 2;
		if (l->v[mid].col < col)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

int matrix_set(struct matrix *m, int row, int col, enum code code, int minutes_late)
{
	matrix_row_cells(m, row)[col] = (uint8_t)code;
	struct late_list *l = &m->late[row];
	uint32_t i = late_find(l, col);
	bool present = i < l->n && l->v[i].col == col;
	if (minutes_late > 0) {
		if (minutes_late > UINT16_MAX)
			minutes_late = UINT16_MAX;
		if (present) {
			l->v[i].minutes = (uint16_t)minutes_late;
			return 0;
		}
		if (l->n == l->cap) {
			uint32_t cap = l->cap ? l->cap * 2 : 4;
			struct late_entry *v = realloc(l->v, cap * sizeof *v);
			if (!v)
				return -1;
			l->v = v;
			l->cap = cap;
		}
		memmove(&l->v[i + 1], &l->v[i], (l->n - i) * sizeof *l->v);
		l->v[i] = (struct late_entry){(uint16_t)col, (uint16_t)minutes_late};
		l->n++;
	} else if (present) {
		memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof *l->v);
		l->n--;
	}
	return 0;
}

int matrix_minutes_late(const struct matrix *m, int row, int col)
{
	const struct late_list *l = &m->late[row];
	uint32_t i = late_find(l, col);
	return i < l->n && l->v[i].col == col ? l->v[i].minutes : 0;
}
