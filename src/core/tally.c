#include "core/tally.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void tally_plan_init(struct tally_plan *p)
{
	memset(p, 0, sizeof *p);
	for (int c = 0; c < 64; c++) {
		p->bin[c] = (uint8_t)(c < CODE__MAX ? code_category((enum code)c) : CAT_UNMARKED);
		p->late[c] = c == CODE_L ? TB_LATE_BEFORE : c == CODE_U ? TB_LATE_AFTER : TB_SINK;
		static const uint8_t of_bin[CAT__MAX] = {
			[CAT_UNMARKED] = CC_UNMARKED,	      [CAT_PRESENT] = CC_PRESENT,
			[CAT_APPROVED] = CC_APPROVED,	      [CAT_AUTHORISED] = CC_AUTHORISED,
			[CAT_UNAUTHORISED] = CC_UNAUTHORISED, [CAT_NOT_POSSIBLE] = CC_NOT_POSSIBLE};
		p->cc[c] = c == CODE_L ? CC_L : c == CODE_U ? CC_U : of_bin[p->bin[c]];
	}
}

void tally_add_counts(struct tally *t, const uint32_t c[CC__MAX])
{
	t->n[TB_UNMARKED] += c[CC_UNMARKED];
	t->n[TB_PRESENT] += (int64_t)c[CC_PRESENT] + c[CC_L];
	t->n[TB_APPROVED] += c[CC_APPROVED];
	t->n[TB_AUTHORISED] += c[CC_AUTHORISED];
	t->n[TB_UNAUTHORISED] += (int64_t)c[CC_UNAUTHORISED] + c[CC_U];
	t->n[TB_NOT_POSSIBLE] += c[CC_NOT_POSSIBLE];
	t->n[TB_LATE_BEFORE] += c[CC_L];
	t->n[TB_LATE_AFTER] += c[CC_U];
	/* TB_SINK: the second count of every cell that is not L or U */
	t->n[TB_SINK] += (int64_t)c[CC_UNMARKED] + c[CC_PRESENT] + c[CC_APPROVED] +
			 c[CC_AUTHORISED] + c[CC_UNAUTHORISED] + c[CC_NOT_POSSIBLE];
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

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int segments_build(struct segments *s, const int *bounds, int n_bounds)
{
	memset(s, 0, sizeof *s);
	s->start = malloc((size_t)(n_bounds > 0 ? n_bounds : 1) * sizeof *s->start);
	if (!s->start)
		return -1;
	memcpy(s->start, bounds, (size_t)n_bounds * sizeof *bounds);
	qsort(s->start, (size_t)n_bounds, sizeof *s->start, cmp_int);
	int k = 0;
	for (int i = 0; i < n_bounds; i++)
		if (k == 0 || s->start[i] != s->start[k - 1])
			s->start[k++] = s->start[i];
	s->n = k > 1 ? k - 1 : 0;
	return 0;
}

void segments_free(struct segments *s)
{
	free(s->start);
	memset(s, 0, sizeof *s);
}

int segments_at(const struct segments *s, int col)
{
	if (s->n == 0)
		return -1;
	int a = 0, b = s->n + 1;
	while (a < b) {
		int mid = (a + b) / 2;
		if (s->start[mid] < col)
			a = mid + 1;
		else
			b = mid;
	}
	return a <= s->n && s->start[a] == col ? a : -1;
}

/* One pass over a row by segment, counting cells by class (one increment a
 * cell), and in the columns of x also by column and by the caller's class. */
void tally_row_cumulative_ex(const struct tally_plan *p, const struct matrix *m, int row,
			     const struct segments *s, struct tally *cum, const struct tally_extra *x)
{
	const struct pupil_row *r = &m->rows[row];
	const uint8_t *cells = matrix_row_cells(m, row);
	const struct late_list *l = &m->late[row];
	uint32_t li = 0;
	struct tally run;
	memset(&run, 0, sizeof run);
	cum[0] = run;
	for (int i = 0; i < s->n; i++) {
		int lo = s->start[i] > r->first_col ? s->start[i] : r->first_col;
		int hi = s->start[i + 1] < r->end_col ? s->start[i + 1] : r->end_col;
		uint32_t seg[CC__MAX] = {0};
		bool in_col = x && x->colcount && s->start[i] >= x->col0 && s->start[i + 1] <= x->col1;
		bool in_cls = x && x->counts && s->start[i] >= x->c0 && s->start[i + 1] <= x->c1;
		if (in_col && in_cls) {
			for (int c = lo; c < hi; c++) {
				uint8_t k = p->cc[cells[c] & 63];
				seg[k]++;
				x->colcount[c - x->col0][k]++;
				x->counts[x->cls[c - x->c0]][k]++;
			}
		} else if (in_col) {
			for (int c = lo; c < hi; c++) {
				uint8_t k = p->cc[cells[c] & 63];
				seg[k]++;
				x->colcount[c - x->col0][k]++;
			}
		} else if (in_cls) {
			for (int c = lo; c < hi; c++) {
				uint8_t k = p->cc[cells[c] & 63];
				seg[k]++;
				x->counts[x->cls[c - x->c0]][k]++;
			}
		} else {
			for (int c = lo; c < hi; c++)
				seg[p->cc[cells[c] & 63]]++;
		}
		tally_add_counts(&run, seg);
		/* the row's minutes late, walked alongside (sorted by column) */
		for (; li < l->n && l->v[li].col < s->start[i + 1]; li++) {
			int c = l->v[li].col;
			if (c < lo || c >= hi || p->late[cells[c] & 63] == TB_SINK)
				continue;
			run.minutes_late += l->v[li].minutes;
			if (in_col && x->colmin)
				x->colmin[c - x->col0] += l->v[li].minutes;
			if (in_cls && x->minutes)
				x->minutes[x->cls[c - x->c0]] += l->v[li].minutes;
		}
		cum[i + 1] = run;
	}
}

void tally_row_cumulative(const struct tally_plan *p, const struct matrix *m, int row,
			  const struct segments *s, struct tally *cum)
{
	tally_row_cumulative_ex(p, m, row, s, cum, NULL);
}

void tally_between(const struct tally *cum, int a, int b, struct tally *out)
{
	for (int i = 0; i < TB__MAX; i++)
		out->n[i] = cum[b].n[i] - cum[a].n[i];
	out->minutes_late = cum[b].minutes_late - cum[a].minutes_late;
}

void tally_figures(const struct tally *t, struct figures *f)
{
	memset(f, 0, sizeof *f);
	f->present = (int32_t)t->n[TB_PRESENT];
	f->approved = (int32_t)t->n[TB_APPROVED];
	f->authorised = (int32_t)t->n[TB_AUTHORISED];
	f->unauthorised = (int32_t)t->n[TB_UNAUTHORISED];
	f->not_possible = (int32_t)t->n[TB_NOT_POSSIBLE];
	f->unmarked = (int32_t)t->n[TB_UNMARKED];
	f->possible = f->present + f->approved + f->authorised + f->unauthorised;
	f->late_before_close = (int32_t)t->n[TB_LATE_BEFORE];
	f->late_after_close = (int32_t)t->n[TB_LATE_AFTER];
	f->minutes_late = (int32_t)t->minutes_late;
}
