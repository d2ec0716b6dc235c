#include "core/tally.h"

#include <string.h>

void tally_plan_init(struct tally_plan *p)
{
	memset(p, 0, sizeof *p);
	for (int c = 0; c < 64; c++) {
		p->bin[c] = (uint8_t)(c < CODE__MAX ? code_category((enum code)c) : CAT_UNMARKED);
		p->late[c] = c == CODE_L ? TB_LATE_BEFORE : c == CODE_U ? TB_LATE_AFTER : TB_SINK;
	}
}

void tally_row(const struct tally_plan *p, const struct matrix *m, int row, int c0, int c1,
	       const uint16_t *cls, struct tally *out)
{
	const struct pupil_row *r = &m->rows[row];
	int lo = c0 > r->first_col ? c0 : r->first_col;
	int hi = c1 < r->end_col ? c1 : r->end_col;
	if (hi <= lo)
		return;
	const uint8_t *cells = matrix_row_cells(m, row);
	if (!cls) {
		for (int c = lo; c < hi; c++) {
			uint8_t code = cells[c] & 63;
			out->n[p->bin[code]]++;
			out->n[p->late[code]]++;
		}
	} else {
		for (int c = lo; c < hi; c++) {
			uint8_t code = cells[c] & 63;
			struct tally *t = &out[cls[c - c0]];
			t->n[p->bin[code]]++;
			t->n[p->late[code]]++;
		}
	}
	/* Minutes live in the row's short sorted list, not in the cells. */
	const struct late_list *l = &m->late[row];
	for (uint32_t i = 0; i < l->n; i++) {
		int c = l->v[i].col;
		if (c < lo)
			continue;
		if (c >= hi)
			break;
		if (p->late[cells[c] & 63] != TB_SINK)
			out[cls ? cls[c - c0] : 0].minutes_late += l->v[i].minutes;
	}
}

void tally_add(struct tally *dst, const struct tally *src)
{
	for (int i = 0; i < TB__MAX; i++)
		dst->n[i] += src->n[i];
	dst->minutes_late += src->minutes_late;
}
