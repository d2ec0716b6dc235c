#include "core/lesson_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_CLASS 0xffff

void lesson_plan_init(struct tally_plan *p)
{
	tally_plan_init(p);
	p->bin[LESSON_FREE] = TB_SINK;
	p->late[LESSON_FREE] = TB_SINK;
}

static const char *const dim_names[LDIM__MAX] = {"class", "subject", "teacher", "period"};

const char *lesson_dim_name(enum lesson_dim d)
{
	return (unsigned)d < LDIM__MAX ? dim_names[d] : "?";
}

int lesson_dim_parse(const char *name)
{
	for (int d = 0; name && d < LDIM__MAX; d++)
		if (strcmp(dim_names[d], name) == 0)
			return d;
	return -1;
}

int lesson_sums_init(struct lesson_sums *s, const struct lesson_grid *g, bool rows)
{
	memset(s, 0, sizeof *s);
	int n[LDIM__MAX] = {g->n_classes, g->n_subjects, g->n_teachers, g->n_labels};
	for (int d = 0; d < LDIM__MAX; d++) {
		s->n[d] = n[d];
		if (!(s->by[d] = calloc((size_t)n[d] + 1, sizeof *s->by[d])))
			goto fail;
	}
	if (rows && !(s->by_row = calloc((size_t)g->m->n_rows + 1, sizeof *s->by_row)))
		goto fail;
	return 0;
fail:
	lesson_sums_free(s);
	return -1;
}

void lesson_sums_free(struct lesson_sums *s)
{
	for (int d = 0; d < LDIM__MAX; d++)
		free(s->by[d]);
	free(s->by_row);
	memset(s, 0, sizeof *s);
}

static inline void count(const struct tally_plan *p, uint8_t code, struct tally *t)
{
	t->n[p->bin[code]]++;
	t->n[p->late[code]]++;
}

/* The columns of a row in [c0, c1) on roll: [*lo, *hi). */
static bool row_span(const struct matrix *m, int row, int c0, int c1, int *lo, int *hi)
{
	const struct pupil_row *r = &m->rows[row];
	*lo = c0 > r->first_col ? c0 : r->first_col;
	*hi = c1 < r->end_col ? c1 : r->end_col;
	return *hi > *lo;
}

void lesson_sums_add(struct lesson_sums *s, const struct lesson_grid *g, int c0, int c1,
		     const uint8_t *scope)
{
	struct tally_plan plan;
	lesson_plan_init(&plan);
	const struct matrix *m = g->m;
	for (int row = 0; row < m->n_rows; row++) {
		int lo, hi;
		if ((scope && !scope[row]) || !row_span(m, row, c0, c1, &lo, &hi))
			continue;
		const uint8_t *cells = matrix_row_cells(m, row);
		const uint16_t *cc = g->cell_class + (size_t)row * (size_t)m->n_cols;
		struct tally rt;
		memset(&rt, 0, sizeof rt);
		for (int c = lo; c < hi; c++) {
			uint8_t code = cells[c] & 63;
			if (code == LESSON_FREE)
				continue;
			count(&plan, code, &rt);
			count(&plan, code, &s->by[LDIM_PERIOD][g->col_label[c]]);
			uint16_t k = cc[c];
			if (k == NO_CLASS)
				continue;
			count(&plan, code, &s->by[LDIM_CLASS][k]);
			count(&plan, code, &s->by[LDIM_SUBJECT][g->class_subject[k]]);
			count(&plan, code, &s->by[LDIM_TEACHER][g->class_teacher[k]]);
		}
		const struct late_list *l = &m->late[row];
		for (uint32_t i = 0; i < l->n; i++) {
			int c = l->v[i].col;
			if (c < lo || c >= hi || plan.late[cells[c] & 63] == TB_SINK)
				continue;
			int64_t mins = l->v[i].minutes;
			rt.minutes_late += mins;
			s->by[LDIM_PERIOD][g->col_label[c]].minutes_late += mins;
			uint16_t k = cc[c];
			if (k == NO_CLASS)
				continue;
			s->by[LDIM_CLASS][k].minutes_late += mins;
			s->by[LDIM_SUBJECT][g->class_subject[k]].minutes_late += mins;
			s->by[LDIM_TEACHER][g->class_teacher[k]].minutes_late += mins;
		}
		tally_add(&s->total, &rt);
		if (s->by_row)
			s->by_row[row] = rt;
	}
}

/* ---- patterns ---- */

int lesson_pattern_init(struct lesson_pattern *p, const struct lesson_grid *g)
{
	memset(p, 0, sizeof *p);
	p->n_subjects = g->n_subjects;
	p->subject = calloc((size_t)g->n_subjects + 1, sizeof *p->subject);
	return p->subject ? 0 : -1;
}

void lesson_pattern_free(struct lesson_pattern *p)
{
	free(p->subject);
	memset(p, 0, sizeof *p);
}

void lesson_pattern_clear(struct lesson_pattern *p)
{
	struct tally *subject = p->subject;
	int n = p->n_subjects;
	memset(subject, 0, (size_t)n * sizeof *subject);
	memset(p, 0, sizeof *p);
	p->subject = subject;
	p->n_subjects = n;
}

/* Missed with no reason given, or unauthorised: what post-registration
 * absence counts (an authorised absence from a lesson has a reason). */
static bool missed(uint8_t code)
{
	return code < CODE__MAX && code_category((enum code)code) == CAT_UNAUTHORISED && code != CODE_U;
}

void lesson_pattern_row(struct lesson_pattern *p, const struct lesson_grid *g, int row, int c0,
			int c1)
{
	struct tally_plan plan;
	lesson_plan_init(&plan);
	const struct matrix *m = g->m;
	int lo, hi;
	if (!row_span(m, row, c0, c1, &lo, &hi))
		return;
	const uint8_t *cells = matrix_row_cells(m, row);
	const uint8_t *sessions = matrix_row_cells(g->sessions, row);
	const uint16_t *cc = g->cell_class + (size_t)row * (size_t)m->n_cols;
	for (int c = lo; c < hi; c++) {
		uint8_t code = cells[c] & 63;
		if (code == LESSON_FREE)
			continue;
		count(&plan, code, &p->total);
		count(&plan, code, g->col_flags[c] & LESSON_COL_AFTER_LUNCH ? &p->after_lunch : &p->other);
		if (cc[c] != NO_CLASS)
			count(&plan, code, &p->subject[g->class_subject[cc[c]]]);
		int scol = 2 * g->col_day[c] + (g->col_flags[c] & LESSON_COL_PM ? 1 : 0);
		uint8_t s = sessions[scol] & 63;
		if ((s == CODE_PRESENT || s == CODE_L) && code != CODE_NONE &&
		    !(g->col_flags[c] & LESSON_COL_REGISTRATION)) {
			p->registered_lessons++;
			p->missed_after_registration += missed(code);
		}
	}
	const struct late_list *l = &m->late[row];
	for (uint32_t i = 0; i < l->n; i++) {
		int c = l->v[i].col;
		if (c < lo || c >= hi || plan.late[cells[c] & 63] == TB_SINK)
			continue;
		p->total.minutes_late += l->v[i].minutes;
		if (cc[c] != NO_CLASS)
			p->subject[g->class_subject[cc[c]]].minutes_late += l->v[i].minutes;
	}
}

void lesson_pattern_add(struct lesson_pattern *dst, const struct lesson_pattern *src)
{
	tally_add(&dst->total, &src->total);
	for (int i = 0; i < dst->n_subjects && i < src->n_subjects; i++)
		tally_add(&dst->subject[i], &src->subject[i]);
	tally_add(&dst->after_lunch, &src->after_lunch);
	tally_add(&dst->other, &src->other);
	dst->registered_lessons += src->registered_lessons;
	dst->missed_after_registration += src->missed_after_registration;
}

/* The part with the highest rate among those that pass patterns_over;
 * rate = part / lessons, for absences or lates. */
static int top(const struct lesson_pattern *p, bool lateness)
{
	int64_t all = lateness ? tally_late(&p->total) : tally_absence(&p->total);
	int64_t lessons = tally_possible(&p->total);
	int best = -1;
	int64_t bn = 0, bd = 1;
	for (int i = 0; i < p->n_subjects; i++) {
		const struct tally *t = &p->subject[i];
		int64_t part = lateness ? tally_late(t) : tally_absence(t), pos = tally_possible(t);
		if (!patterns_over(part, pos, all, lessons))
			continue;
		if (best < 0 || part * bd > bn * pos || (part * bd == bn * pos && part > bn)) {
			best = i;
			bn = part;
			bd = pos;
		}
	}
	return best;
}

int lesson_notes(const struct lesson_pattern *p, struct lesson_note out[LNOTE__MAX])
{
	int n = 0;
	int64_t absence = tally_absence(&p->total), late = tally_late(&p->total);
	int s = top(p, false);
	if (s >= 0)
		out[n++] = (struct lesson_note){LNOTE_SUBJECT, s, tally_absence(&p->subject[s]), absence};
	if (patterns_over(tally_absence(&p->after_lunch), tally_possible(&p->after_lunch), absence,
			  tally_possible(&p->total)))
		out[n++] = (struct lesson_note){LNOTE_AFTER_LUNCH, -1, tally_absence(&p->after_lunch),
						absence};
	if (p->missed_after_registration >= PATTERN_MIN_PART)
		out[n++] = (struct lesson_note){LNOTE_POST_REGISTRATION, -1,
						p->missed_after_registration, p->registered_lessons};
	s = top(p, true);
	if (s >= 0)
		out[n++] = (struct lesson_note){LNOTE_LATE_SUBJECT, s, tally_late(&p->subject[s]), late};
	return n;
}

char *lesson_note_text(const struct lesson_note *n, char *const *subjects, char *buf, size_t len)
{
	const char *subject = n->which >= 0 ? subjects[n->which] : "";
	switch (n->kind) {
	case LNOTE_SUBJECT:
		snprintf(buf, len, "%lld of %lld lessons missed were %s", (long long)n->part,
			 (long long)n->of, subject);
		break;
	case LNOTE_AFTER_LUNCH:
		snprintf(buf, len, "%lld of %lld lessons missed were the first lesson after lunch",
			 (long long)n->part, (long long)n->of);
		break;
	case LNOTE_POST_REGISTRATION:
		snprintf(buf, len, "absent with no reason from %lld lesson%s after being registered present",
			 (long long)n->part, n->part == 1 ? "" : "s");
		break;
	default:
		snprintf(buf, len, "%lld of %lld late arrivals were to %s", (long long)n->part,
			 (long long)n->of, subject);
		break;
	}
	return buf;
}
