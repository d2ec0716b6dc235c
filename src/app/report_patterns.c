/* `attend patterns`: absence by day of the week, by session and next to
 * holidays, and lateness with the time it costs, for the school, its groups
 * and its pupils, with each pupil's notes. The sums take one pass over the
 * rows; pupils are written in a second pass, so nothing per pupil is kept. */
#include <stdlib.h>
#include <string.h>

#include "app/analytics.h"
#include "core/patterns.h"

struct patterns_result {
	int c0, c1;
	uint16_t *cls;
	struct tally_plan plan;
	struct report_groups gr;
	struct pattern *sums; /* [0] the school, [1 + slot] its groups */
	int32_t *pupils;      /* pupils on roll in the range, per sum */
};

static void patterns_result_free(struct patterns_result *t)
{
	free(t->cls);
	report_groups_free(&t->gr);
	free(t->sums);
	free(t->pupils);
}

/* The pattern of one row over the range; false when not on roll in it. */
static bool row_pattern(const struct engine *e, const struct patterns_result *t, int row,
			struct pattern *p)
{
	if (!t->cls || !stats_on_roll(&e->m.rows[row], t->c0, t->c1))
		return false;
	struct tally cls[PATTERN_CLASSES];
	memset(cls, 0, sizeof cls);
	tally_row(&t->plan, &e->m, row, t->c0, t->c1, t->cls, cls);
	patterns_fold(cls, p);
	return true;
}

static int patterns_compute(const struct engine *e, const struct analytics_query *a,
			    struct patterns_result *t)
{
	memset(t, 0, sizeof *t);
	stats_cols(&e->cal, a->q.from, a->q.to, &t->c0, &t->c1);
	tally_plan_init(&t->plan);
	if (report_groups_init(&t->gr, e, &a->q) < 0)
		return -1;
	t->cls = patterns_classes(&e->cal, t->c0, t->c1);
	t->sums = calloc((size_t)(1 + t->gr.n), sizeof *t->sums);
	t->pupils = calloc((size_t)(1 + t->gr.n), sizeof *t->pupils);
	if ((!t->cls && t->c1 > t->c0) || !t->sums || !t->pupils) {
		patterns_result_free(t);
		return -1;
	}
	for (int r = 0; r < e->m.n_rows; r++) {
		struct pattern p;
		if (!analytics_visible(&a->q, r) || !row_pattern(e, t, r, &p))
			continue;
		patterns_add(&t->sums[0], &p);
		t->pupils[0]++;
		if (t->gr.n > 0) {
			int s = 1 + t->gr.row_slot[r];
			patterns_add(&t->sums[s], &p);
			t->pupils[s]++;
		}
	}
	return 0;
}

/* ---- JSON ---- */

static json_t *part_json(const struct tally *x, const struct tally *total)
{
	int64_t pos = tally_possible(x), abs = tally_absence(x);
	return json_pack("{s:I, s:I, s:o, s:o, s:I, s:I}", "possible", (json_int_t)pos, "absence",
			 (json_int_t)abs, "absence_pct", report_pct_json(stats_pct100(abs, pos)),
			 "share_pct", report_pct_json(stats_pct100(abs, tally_absence(total))),
			 "late", (json_int_t)tally_late(x), "minutes_late", (json_int_t)x->minutes_late);
}

static json_t *edge_gap_json(const struct pattern *p, enum edge e)
{
	const struct tally *x = &p->edge[e], *o = &p->edge[EDGE_OTHER];
	return report_pp_json(groups_diff_pp100(tally_absence(x), tally_possible(x),
						tally_absence(o), tally_possible(o)));
}

static json_t *pattern_json(const struct pattern *p, const struct wording_settings *w)
{
	json_t *days = json_array(), *sessions = json_array();
	for (int d = 0; d < PATTERN_WEEKDAYS; d++)
		json_array_append_new(days, analytics_merge(json_pack("{s:s}", "day",
								      date_weekday_name((enum weekday)d)),
							    part_json(&p->day[d], &p->total)));
	for (int s = 0; s < SESSION__MAX; s++)
		json_array_append_new(sessions,
				      analytics_merge(json_pack("{s:s}", "session",
								session_name((enum session)s)),
						      part_json(&p->session[s], &p->total)));
	const struct tally *t = &p->total;
	char text[160];
	int64_t tenths = wording_minutes_tenths(t->minutes_late, w->school_day_minutes);
	return json_pack(
		"{s:I, s:I, s:o, s:o, s:o, s:{s:o, s:o, s:o, s:o, s:o}, s:{s:I, s:I, s:I, s:f, s:I, "
		"s:s}}",
		"possible", (json_int_t)tally_possible(t), "absence", (json_int_t)tally_absence(t),
		"absence_pct", report_pct_json(stats_pct100(tally_absence(t), tally_possible(t))),
		"by_day", days, "by_session", sessions, "next_to_holidays", "before",
		part_json(&p->edge[EDGE_BEFORE_BREAK], t), "after",
		part_json(&p->edge[EDGE_AFTER_BREAK], t), "other", part_json(&p->edge[EDGE_OTHER], t),
		"before_gap_pp", edge_gap_json(p, EDGE_BEFORE_BREAK), "after_gap_pp",
		edge_gap_json(p, EDGE_AFTER_BREAK), "lateness", "late_before_close",
		(json_int_t)t->n[TB_LATE_BEFORE], "late_after_close", (json_int_t)t->n[TB_LATE_AFTER],
		"minutes", (json_int_t)t->minutes_late, "days_lost", (double)tenths / 10.0,
		"lessons_lost", (json_int_t)wording_minutes_lessons(t->minutes_late, w), "text",
		wording_minutes_lost(t->minutes_late, w, text, sizeof text));
}

static json_t *notes_json(const struct pattern *p)
{
	static const char *kinds[NOTE__MAX] = {"day", "session", "holiday"};
	struct pattern_note n[NOTE__MAX];
	int k = patterns_notes(p, n);
	json_t *a = json_array();
	for (int i = 0; i < k; i++) {
		char text[128];
		const char *value = n[i].kind == NOTE_DAY ? date_weekday_name((enum weekday)n[i].which)
				    : n[i].kind == NOTE_SESSION ? session_name((enum session)n[i].which)
								: "next to a holiday";
		json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:I, s:s}", "kind", kinds[n[i].kind],
						   "value", value, "absence", (json_int_t)n[i].absence,
						   "of", (json_int_t)n[i].of, "text",
						   patterns_note_text(&n[i], text, sizeof text)));
	}
	return a;
}

json_t *report_patterns_json(const struct engine *e, const struct analytics_query *a)
{
	struct patterns_result t;
	if (patterns_compute(e, a, &t) < 0)
		return NULL;
	const struct wording_settings *w = &a->words;
	json_t *groups = json_array();
	for (int s = 0; s < t.gr.n; s++) {
		if (t.pupils[1 + s] == 0)
			continue;
		json_t *o = analytics_merge(report_group_head(&t.gr, &e->m, s),
					    json_pack("{s:i}", "pupils", t.pupils[1 + s]));
		json_array_append_new(groups, analytics_merge(o, pattern_json(&t.sums[1 + s], w)));
	}
	json_t *school = analytics_merge(json_pack("{s:i}", "pupils", t.pupils[0]),
					 pattern_json(&t.sums[0], w));
	json_t *out = json_pack("{s:o, s:o, s:{s:i, s:i}, s:o, s:o}", "from",
				analytics_date_json(a->q.from), "to", analytics_date_json(a->q.to),
				"settings", "lessons_per_day", w->lessons_per_day,
				"school_day_minutes", w->school_day_minutes, "school", school,
				"groups", groups);
	if (a->q.identify_pupils) {
		json_t *pupils = json_array();
		for (int r = 0; r < e->m.n_rows; r++) {
			struct pattern p;
			if (!analytics_visible(&a->q, r) || !analytics_listed(e, a, r) ||
			    !row_pattern(e, &t, r, &p))
				continue;
			json_t *o = analytics_merge(analytics_pupil_head(e, r), pattern_json(&p, w));
			json_object_set_new(o, "notes", notes_json(&p));
			json_array_append_new(pupils, o);
		}
		json_object_set_new(out, "pupils", pupils);
	}
	patterns_result_free(&t);
	return out;
}

/* ---- text ---- */

static void part_line(FILE *out, const char *name, const struct tally *x, const struct tally *total)
{
	char p1[16], p2[16];
	int64_t pos = tally_possible(x), abs = tally_absence(x);
	fprintf(out, "  %-30s %9lld %8lld %8s %10s %6lld\n", name, (long long)pos, (long long)abs,
		wording_pct(stats_pct100(abs, pos), p1, sizeof p1),
		wording_pct(stats_pct100(abs, tally_absence(total)), p2, sizeof p2),
		(long long)tally_late(x));
}

static void pattern_text(FILE *out, const struct pattern *p, const struct wording_settings *w)
{
	char text[160], pp[16];
	fprintf(out, "  %-30s %9s %8s %8s %10s %6s\n", "", "Possible", "Absent", "Rate", "Share",
		"Late");
	for (int d = 0; d < PATTERN_WEEKDAYS; d++)
		part_line(out, date_weekday_name((enum weekday)d), &p->day[d], &p->total);
	part_line(out, "Mornings (AM)", &p->session[SESSION_AM], &p->total);
	part_line(out, "Afternoons (PM)", &p->session[SESSION_PM], &p->total);
	part_line(out, "School day before a break", &p->edge[EDGE_BEFORE_BREAK], &p->total);
	part_line(out, "School day after a break", &p->edge[EDGE_AFTER_BREAK], &p->total);
	part_line(out, "Other days", &p->edge[EDGE_OTHER], &p->total);
	part_line(out, "All", &p->total, &p->total);
	const struct tally *o = &p->edge[EDGE_OTHER];
	for (int e = EDGE_BEFORE_BREAK; e <= EDGE_AFTER_BREAK; e++) {
		const struct tally *x = &p->edge[e];
		int64_t gap = groups_diff_pp100(tally_absence(x), tally_possible(x), tally_absence(o),
						tally_possible(o));
		if (gap == PP_NONE)
			continue;
		report_pp_text(pp, sizeof pp, gap);
		fprintf(out, "  Absence the school day %s a break against other days: %s points\n",
			e == EDGE_BEFORE_BREAK ? "before" : "after", pp);
	}
	fprintf(out, "  Late: %lld before the register closed, %lld after; %s\n",
		(long long)p->total.n[TB_LATE_BEFORE], (long long)p->total.n[TB_LATE_AFTER],
		wording_minutes_lost(p->total.minutes_late, w, text, sizeof text));
}

int report_patterns_text(FILE *out, const struct engine *e, const struct analytics_query *a)
{
	struct patterns_result t;
	char x[DATE_ISO_LEN], y[DATE_ISO_LEN], name[64], label[256], text[128];
	if (patterns_compute(e, a, &t) < 0)
		return -1;
	fprintf(out, "%s (URN %s): patterns, %s to %s\n\nThe school (%d pupils):\n", e->school.name,
		e->school.urn, date_format(a->q.from, x), date_format(a->q.to, y), t.pupils[0]);
	pattern_text(out, &t.sums[0], &a->words);
	for (int s = 0; s < t.gr.n; s++) {
		if (t.pupils[1 + s] == 0)
			continue;
		fprintf(out, "\n%s %s (%d pupils):\n", group_spec_name(&t.gr.spec, name, sizeof name),
			group_spec_label(&t.gr.spec, &e->m, t.gr.slot_key[s], label, sizeof label),
			t.pupils[1 + s]);
		pattern_text(out, &t.sums[1 + s], &a->words);
	}
	if (a->q.identify_pupils)
		fprintf(out, "\nPupils with a pattern in their absence:\n");
	for (int r = 0; a->q.identify_pupils && r < e->m.n_rows; r++) {
		struct pattern p;
		struct pattern_note n[NOTE__MAX];
		if (!analytics_visible(&a->q, r) || !analytics_listed(e, a, r) ||
		    !row_pattern(e, &t, r, &p))
			continue;
		const struct pupil_row *pr = &e->m.rows[r];
		int k = patterns_notes(&p, n);
		if (a->upn) {
			fprintf(out, "\n%s %s, %s:\n", pr->upn, pr->surname, pr->forename);
			pattern_text(out, &p, &a->words);
		}
		for (int i = 0; i < k; i++)
			fprintf(out, "  %-13s %s, %s: %s\n", pr->upn, pr->surname, pr->forename,
				patterns_note_text(&n[i], text, sizeof text));
	}
	patterns_result_free(&t);
	return 0;
}
