/* The register as a matrix: one row per enrolment, one column per session
 * (two per school day of the calendar), one byte (an enum code) per cell.
 * Minutes late are kept apart, per row, for the few cells that carry them.
 * This is plain data: the engine fills it from the store; core/stats reads it. */
#ifndef ATTEND_MATRIX_H
#define ATTEND_MATRIX_H

#include <stdbool.h>
#include <stdint.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/pupil.h"

#define DATE_OPEN_END 0x3fffffff /* an enrolment with no leaving date */

/* One enrolment: a pupil on roll from admitted to left inclusive. */
struct pupil_row {
	int64_t pupil_id, enrolment_id;
	char upn[UPN_LEN + 1];
	char *surname, *forename;
	date_t dob, admitted, left; /* left = DATE_OPEN_END when still on roll */
	int first_col, end_col;     /* on-roll session columns [first_col, end_col) */
	int8_t year;                /* YEAR_MIN..YEAR_MAX */
	uint16_t form;              /* index into matrix.forms */
	char gender, send;          /* 'M'/'F'/'U'; 'N'/'K'/'E' */
	uint8_t fsm, pp, eal;
	uint8_t looked_after, cin, cp; /* child in need; child protection plan */
	uint8_t safeguarding;          /* flagged for the designated safeguarding lead */
	char ethnicity[8];             /* census code; "" when not recorded */
};

struct late_entry {
	uint16_t col;
	uint16_t minutes;
};

struct late_list {
	struct late_entry *v; /* sorted by col */
	uint32_t n, cap;
};

struct matrix {
	int n_rows, cap_rows;
	int n_cols;
	uint8_t *cells; /* n_rows * n_cols, row-major */
	struct pupil_row *rows;
	struct late_list *late; /* one list per row */
	char **forms;           /* form names, indexed by pupil_row.form */
	int n_forms;
};

void matrix_init(struct matrix *m, int n_cols);
void matrix_free(struct matrix *m);
/* Appends a row (copying names) and returns its index, or -1 on no memory. */
int matrix_add_row(struct matrix *m, const struct pupil_row *r);
/* Index of a form name, adding it if new; -1 on no memory. */
int matrix_form_index(struct matrix *m, const char *form);
static inline uint8_t *matrix_row_cells(const struct matrix *m, int row)
{
	return m->cells + (size_t)row * (size_t)m->n_cols;
}
/* Sets a cell and its minutes late (0 for none). Returns 0 or -1 (memory). */
int matrix_set(struct matrix *m, int row, int col, enum code code, int minutes_late);
int matrix_minutes_late(const struct matrix *m, int row, int col);

#endif
