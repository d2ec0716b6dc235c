#include "app/report_lessons.h"

#include <stdlib.h>
#include <string.h>

#include "app/analytics.h"

/* Built member by member: a year's patterns write thousands of these, and
 * json_pack parses its format each time. */
static void set_int(json_t *o, const char *key, int64_t v)
{
	json_object_set_new_nocheck(o, key, json_integer((json_int_t)v));
}

json_t *report_lesson_figures(const struct tally *t)
{
	int64_t lessons = tally_possible(t), absent = tally_absence(t), late = tally_late(t);
	json_t *o = json_object();
	set_int(o, "lessons", lessons);
	set_int(o, "present", tally_attendance(t));
	set_int(o, "late", late);
	set_int(o, "minutes_late", t->minutes_late);
	set_int(o, "absent", absent);
	set_int(o, "authorised", t->n[TB_AUTHORISED]);
	set_int(o, "unauthorised", t->n[TB_UNAUTHORISED]);
	set_int(o, "not_possible", t->n[TB_NOT_POSSIBLE]);
	set_int(o, "unmarked", t->n[TB_UNMARKED]);
	json_object_set_new_nocheck(o, "absence_pct", report_pct_json(stats_pct100(absent, lessons)));
	json_object_set_new_nocheck(o, "late_pct", report_pct_json(stats_pct100(late, lessons)));
	return o;
}

static const char *dim_key(const struct engine *e, int by, int k)
{
	const struct lesson_engine *le = e->lessons;
	switch (by) {
	case LDIM_CLASS: return le->classes[k].code;
	case LDIM_SUBJECT: return le->subjects[k];
	case LDIM_TEACHER: return le->teachers[k];
	default: return le->labels[k];
	}
}

struct summary {
	struct lesson_grid g;
	struct lesson_sums s;
	int c0, c1;
};

static int summary_compute(const struct engine *e, const struct lesson_report_query *q,
			   struct summary *x)
{
	lessons_grid(e, &x->g);
	tt_layout_cols(&e->lessons->lay, &e->cal, q->from, q->to, &x->c0, &x->c1);
	if (lesson_sums_init(&x->s, &x->g, q->by < 0) < 0)
		return -1;
	lesson_sums_add(&x->s, &x->g, x->c0, x->c1, q->row_scope);
	return 0;
}

static bool row_in(const struct engine *e, const struct lesson_report_query *q, int row, int c0,
		   int c1)
{
	const struct pupil_row *p = &e->lessons->m.rows[row];
	return (!q->row_scope || q->row_scope[row]) && p->first_col < c1 && p->end_col > c0 &&
	       (!q->upn || strcmp(p->upn, q->upn) == 0) &&
	       (q->year == YEAR_INVALID || p->year == q->year);
}

json_t *report_lessons_summary_json(const struct engine *e, const struct lesson_report_query *q)
{
	struct summary x;
	if (summary_compute(e, q, &x) < 0)
		return NULL;
	json_t *rows = json_array();
	if (q->by >= 0) {
		for (int k = 0; k < x.s.n[q->by]; k++) {
			const struct tally *t = &x.s.by[q->by][k];
			if (tally_possible(t) + t->n[TB_UNMARKED] + t->n[TB_NOT_POSSIBLE] == 0)
				continue;
			json_array_append_new(rows, analytics_merge(json_pack("{s:s}", "key", dim_key(e, q->by, k)),
								    report_lesson_figures(t)));
		}
	} else {
		for (int r = 0; r < e->m.n_rows; r++) {
			if (!row_in(e, q, r, x.c0, x.c1))
				continue;
			json_array_append_new(rows, analytics_merge(analytics_pupil_head(e, r),
								    report_lesson_figures(&x.s.by_row[r])));
		}
	}
	json_t *out = json_pack("{s:o, s:o, s:s, s:o, s:o}", "from", analytics_date_json(q->from), "to",
				analytics_date_json(q->to), "by",
				q->by >= 0 ? lesson_dim_name(q->by) : "pupil", "total",
				report_lesson_figures(&x.s.total), "rows", rows);
	lesson_sums_free(&x.s);
	return out;
}

static void text_row(FILE *out, const char *key, const struct tally *t)
{
	char a[16], l[16];
	int64_t lessons = tally_possible(t);
	report_pct1(a, sizeof a, tally_absence(t), lessons);
	report_pct1(l, sizeof l, tally_late(t), lessons);
	fprintf(out, "%-20s %8lld %8lld %7s%% %6lld %7s%% %8lld\n", key, (long long)lessons,
		(long long)tally_absence(t), a, (long long)tally_late(t), l, (long long)t->minutes_late);
}

int report_lessons_summary_text(FILE *out, const struct engine *e,
				const struct lesson_report_query *q)
{
	struct summary x;
	char f[DATE_ISO_LEN], t[DATE_ISO_LEN];
	if (summary_compute(e, q, &x) < 0)
		return -1;
	fprintf(out, "Lessons from %s to %s, by %s\n\n", date_format(q->from, f), date_format(q->to, t),
		q->by >= 0 ? lesson_dim_name(q->by) : "pupil");
	fprintf(out, "%-20s %8s %8s %8s %6s %8s %8s\n", "", "lessons", "absent", "", "late", "",
		"minutes");
	if (q->by >= 0) {
		for (int k = 0; k < x.s.n[q->by]; k++)
			if (tally_possible(&x.s.by[q->by][k]) > 0)
				text_row(out, dim_key(e, q->by, k), &x.s.by[q->by][k]);
	} else {
		for (int r = 0; r < e->m.n_rows; r++)
			if (row_in(e, q, r, x.c0, x.c1))
				text_row(out, e->m.rows[r].upn, &x.s.by_row[r]);
	}
	text_row(out, "all", &x.s.total);
	lesson_sums_free(&x.s);
	return 0;
}

/* ---- patterns ---- */

/* The pattern of a pupil or a group; brief: the totals, post-registration
 * absence and notes only (a list of pupils; the profile has the rest). */
static json_t *pattern_json(const struct engine *e, const struct lesson_pattern *p, bool brief)
{
	if (brief)
		return json_pack("{s:o, s:{s:I, s:I}}", "total", report_lesson_figures(&p->total),
				 "post_registration", "lessons", (json_int_t)p->registered_lessons,
				 "missed", (json_int_t)p->missed_after_registration);
	json_t *subjects = json_array();
	for (int i = 0; i < p->n_subjects; i++) {
		const struct tally *t = &p->subject[i];
		if (tally_possible(t) == 0)
			continue;
		json_array_append_new(subjects,
				      analytics_merge(json_pack("{s:s}", "subject", e->lessons->subjects[i]),
						      report_lesson_figures(t)));
	}
	return json_pack("{s:o, s:o, s:o, s:o, s:{s:I, s:I, s:o}}", "total",
			 report_lesson_figures(&p->total), "subjects", subjects, "after_lunch",
			 report_lesson_figures(&p->after_lunch), "other_lessons",
			 report_lesson_figures(&p->other), "post_registration", "lessons",
			 (json_int_t)p->registered_lessons, "missed",
			 (json_int_t)p->missed_after_registration, "missed_pct",
			 report_pct_json(stats_pct100(p->missed_after_registration, p->registered_lessons)));
}

static json_t *notes_json(const struct engine *e, const struct lesson_pattern *p)
{
	static const char *const kinds[LNOTE__MAX] = {"subject", "after_lunch", "post_registration",
						      "late_subject"};
	struct lesson_note notes[LNOTE__MAX];
	char text[200];
	int n = lesson_notes(p, notes);
	json_t *out = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(
			out, json_pack("{s:s, s:o, s:I, s:I, s:s}", "kind", kinds[notes[i].kind], "subject",
				       notes[i].which >= 0 ? json_string(e->lessons->subjects[notes[i].which])
							   : json_null(),
				       "part", (json_int_t)notes[i].part, "of", (json_int_t)notes[i].of,
				       "text",
				       lesson_note_text(&notes[i], e->lessons->subjects, text, sizeof text)));
	return out;
}

json_t *report_lessons_patterns_json(const struct engine *e, const struct lesson_report_query *q)
{
	struct lesson_grid g;
	struct lesson_pattern all, one;
	int c0, c1;
	lessons_grid(e, &g);
	tt_layout_cols(&e->lessons->lay, &e->cal, q->from, q->to, &c0, &c1);
	if (lesson_pattern_init(&all, &g) < 0)
		return NULL;
	if (lesson_pattern_init(&one, &g) < 0) {
		lesson_pattern_free(&all);
		return NULL;
	}
	json_t *pupils = json_array();
	int n = 0;
	for (int r = 0; r < e->m.n_rows; r++) {
		if (!row_in(e, q, r, c0, c1))
			continue;
		lesson_pattern_clear(&one);
		lesson_pattern_row(&one, &g, r, c0, c1);
		lesson_pattern_add(&all, &one);
		json_t *pj = analytics_merge(analytics_pupil_head(e, r), pattern_json(e, &one, !q->upn));
		json_object_set_new(pj, "notes", notes_json(e, &one));
		json_array_append_new(pupils, pj);
		n++;
	}
	json_t *group = analytics_merge(json_pack("{s:i}", "pupils", n), pattern_json(e, &all, false));
	json_object_set_new(group, "notes", notes_json(e, &all));
	json_t *out = json_pack("{s:o, s:o, s:o, s:o}", "from", analytics_date_json(q->from), "to",
				analytics_date_json(q->to), "group", group, "pupils", pupils);
	lesson_pattern_free(&all);
	lesson_pattern_free(&one);
	return out;
}

int report_lessons_patterns_text(FILE *out, const struct engine *e,
				 const struct lesson_report_query *q)
{
	json_t *j = report_lessons_patterns_json(e, q);
	if (!j)
		return -1;
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(j, "pupils"), i, p)
	{
		json_t *t = json_object_get(p, "total");
		fprintf(out, "%s (%s, %s): %lld lessons, %lld missed, %lld late\n",
			json_string_value(json_object_get(p, "upn")),
			json_string_value(json_object_get(p, "form")),
			json_string_value(json_object_get(p, "year")),
			(long long)json_integer_value(json_object_get(t, "lessons")),
			(long long)json_integer_value(json_object_get(t, "absent")),
			(long long)json_integer_value(json_object_get(t, "late")));
		size_t k;
		json_t *note;
		json_array_foreach(json_object_get(p, "notes"), k, note)
			fprintf(out, "  %s\n", json_string_value(json_object_get(note, "text")));
	}
	json_decref(j);
	return 0;
}
