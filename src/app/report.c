#include "app/report.h"

#include <stdlib.h>
#include <string.h>

#include "core/disclosure.h"
#include "core/stats.h"
#include "core/wording.h"

void report_default_range(const struct engine *e, date_t today, struct stats_query *q)
{
	bool from_given = q->from != DATE_INVALID, to_given = q->to != DATE_INVALID;
	if (from_given && to_given)
		return;
	if (from_given) {
		/* to the end of that academic year, or today if sooner */
		date_t end = date_from_ymd(date_academic_year(q->from) + 1, 7, 31);
		q->to = today < end && today >= q->from ? today : end;
		return;
	}
	if (to_given) {
		q->from = date_from_ymd(date_academic_year(q->to), 8, 1);
		return;
	}
	/* This academic year to date; or, when the calendar holds no school
	 * days this year, the latest academic year it does hold. */
	date_t anchor = today;
	if (e->cal.n_school_days > 0) {
		date_t first = e->cal.school_days[0];
		date_t last = e->cal.school_days[e->cal.n_school_days - 1];
		if (anchor > last && date_academic_year(anchor) != date_academic_year(last))
			anchor = last;
		if (anchor < first)
			anchor = first;
	}
	int ay = date_academic_year(anchor);
	date_t end = date_from_ymd(ay + 1, 7, 31);
	q->from = date_from_ymd(ay, 8, 1);
	q->to = today < end && today >= q->from ? today : end;
}

int report_check_range(const struct stats_query *q, struct app_error *err)
{
	if (q->from > q->to) {
		char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
		return app_fail(err, ERR_INPUT, "from", "from (%s) is after to (%s)",
				date_format(q->from, a), date_format(q->to, b));
	}
	return 0;
}

json_t *report_pct_json(int64_t pct100)
{
	if (pct100 < 0)
		return json_null();
	return json_real((double)pct100 / 100.0);
}

json_t *report_pp_json(int64_t pp100)
{
	if (pp100 == PP_NONE)
		return json_null();
	return json_real((double)pp100 / 100.0);
}

int report_groups_init(struct report_groups *g, const struct engine *e,
		       const struct stats_query *q)
{
	memset(g, 0, sizeof *g);
	if (q->by.n > 0)
		g->spec = q->by;
	else if (q->group >= 0)
		group_spec_single(&g->spec, (enum group_field)q->group);
	group_spec_bind(&g->spec, &e->m);
	if (g->spec.n == 0 || g->spec.n_keys == 0 || e->m.n_rows == 0)
		return 0; /* no groups (a school without pupils has no forms) */
	int *key_slot = calloc((size_t)g->spec.n_keys, sizeof *key_slot);
	g->slot_key = malloc((size_t)g->spec.n_keys * sizeof *g->slot_key);
	g->row_slot = malloc((size_t)(e->m.n_rows ? e->m.n_rows : 1) * sizeof *g->row_slot);
	if (!key_slot || !g->slot_key || !g->row_slot) {
		free(key_slot);
		report_groups_free(g);
		return -1;
	}
	for (int r = 0; r < e->m.n_rows; r++)
		key_slot[group_spec_key(&g->spec, &e->m, r)] = 1;
	for (int k = 0; k < g->spec.n_keys; k++) {
		if (key_slot[k]) {
			g->slot_key[g->n] = k;
			key_slot[k] = g->n++;
		}
	}
	for (int r = 0; r < e->m.n_rows; r++)
		g->row_slot[r] = key_slot[group_spec_key(&g->spec, &e->m, r)];
	free(key_slot);
	return 0;
}

void report_groups_free(struct report_groups *g)
{
	free(g->slot_key);
	free(g->row_slot);
	g->slot_key = g->row_slot = NULL;
	g->n = 0;
}

json_t *report_group_head(const struct report_groups *g, const struct matrix *m, int slot)
{
	char name[64], label[256], v[64];
	int key = g->slot_key[slot];
	json_t *values = json_object();
	for (int i = 0; i < g->spec.n; i++)
		json_object_set_new(values, group_field_name(g->spec.field[i]),
				    json_string(group_key_label(m, g->spec.field[i],
								group_spec_part(&g->spec, key, i), v)));
	return json_pack("{s:s, s:s, s:o}", "group", group_spec_name(&g->spec, name, sizeof name),
			 "value", group_spec_label(&g->spec, m, key, label, sizeof label), "values",
			 values);
}

static bool visible(const struct stats_query *q, int row)
{
	return !q->row_scope || q->row_scope[row];
}

static json_t *pupil_json(const struct engine *e, int row, const struct figures *f)
{
	const struct pupil_row *r = &e->m.rows[row];
	char d[DATE_ISO_LEN];
	int band = stats_band(f);
	return json_pack(
		"{s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:o, s:o, s:b, s:b, s:o}",
		"upn", r->upn, "year", year_name(r->year), "form", e->m.forms[r->form], "admitted",
		date_format(r->admitted, d), "possible", f->possible, "present", f->present,
		"approved_activity", f->approved, "authorised", f->authorised, "unauthorised",
		f->unauthorised, "unmarked", f->unmarked, "late_before_close", f->late_before_close,
		"late_after_close", f->late_after_close, "minutes_late", f->minutes_late,
		"attendance_pct", report_pct_json(stats_pct100(stats_attendance(f), f->possible)),
		"absence_pct", report_pct_json(stats_pct100(stats_absence(f), f->possible)),
		"persistent", stats_persistent(f), "severe", stats_severe(f), "band",
		band >= 0 ? json_string(stats_band_label(band)) : json_null());
}

static json_t *bands_json(const struct group_figures *g)
{
	json_t *b = json_object();
	for (int i = 0; i < BAND__MAX; i++)
		json_object_set_new(b, stats_band_label(i), json_integer(g->bands[i]));
	json_object_set_new(b, "too_few_sessions", json_integer(g->too_few_sessions));
	return b;
}

json_t *report_summary_json(const struct group_figures *g)
{
	int64_t absence = g->authorised + g->unauthorised;
	int64_t attendance = g->present + g->approved;
	return json_pack(
		"{s:i, s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:i, s:o, s:i, s:o, "
		"s:i, s:I, s:I, s:I, s:o}",
		"pupils", g->pupils, "pupils_with_possible", g->pupils_with_possible, "possible",
		(json_int_t)g->possible, "present", (json_int_t)g->present, "approved_activity",
		(json_int_t)g->approved, "authorised", (json_int_t)g->authorised, "unauthorised",
		(json_int_t)g->unauthorised, "unmarked", (json_int_t)g->unmarked, "not_possible",
		(json_int_t)g->not_possible, "attendance_pct",
		report_pct_json(stats_pct100(attendance, g->possible)), "absence_pct",
		report_pct_json(stats_pct100(absence, g->possible)), "authorised_pct",
		report_pct_json(stats_pct100(g->authorised, g->possible)), "unauthorised_pct",
		report_pct_json(stats_pct100(g->unauthorised, g->possible)), "persistent",
		g->persistent, "persistent_pct",
		report_pct_json(stats_pct100(g->persistent, g->pupils_with_possible)), "severe",
		g->severe, "severe_pct",
		report_pct_json(stats_pct100(g->severe, g->pupils_with_possible)), "at_risk",
		g->at_risk, "late_before_close", (json_int_t)g->late_before_close, "late_after_close",
		(json_int_t)g->late_after_close, "minutes_late", (json_int_t)g->minutes_late, "bands",
		bands_json(g));
}

/* The small-number rule (core/disclosure) on figures already written: a
 * count of 1 to 5 pupils and its rate become null, and so do the bands
 * that could be worked out from the total. */
static void hide_count(json_t *o, const char *count, const char *pct)
{
	if (!disclosure_small(json_integer_value(json_object_get(o, count))))
		return;
	json_object_set_new(o, count, json_null());
	json_object_set_new(o, pct, json_null());
}

static void hide_small(json_t *o)
{
	hide_count(o, "persistent", "persistent_pct");
	hide_count(o, "severe", "severe_pct");
	hide_count(o, "at_risk", "at_risk_pct");
	json_t *bands = json_object_get(o, "bands");
	const char *key[BAND__MAX + 1];
	int64_t count[BAND__MAX + 1];
	bool hidden[BAND__MAX + 1];
	for (int i = 0; i <= BAND__MAX; i++) {
		key[i] = i < BAND__MAX ? stats_band_label(i) : "too_few_sessions";
		count[i] = json_integer_value(json_object_get(bands, key[i]));
	}
	disclosure_suppress(count, BAND__MAX + 1, hidden);
	for (int i = 0; i <= BAND__MAX; i++)
		if (hidden[i])
			json_object_set_new(bands, key[i], json_null());
}

/* One group of `attend stats --json`: the figures, the band distribution
 * and the gap to the rest of the school (the other pupils in the query). */
static json_t *group_json(const struct report_groups *gr, const struct matrix *m, int slot,
			  const struct group_figures *g, const struct group_figures *all,
			  bool suppress_small)
{
	int64_t absence = g->authorised + g->unauthorised;
	int64_t attendance = g->present + g->approved;
	struct cohort_gap gap;
	groups_cohort_gap(g, all, &gap);
	json_t *o = report_group_head(gr, m, slot);
	/* A group, or the rest of the school beside it, too small to show
	 * without identifying pupils: its name only. */
	if (suppress_small && (disclosure_small(g->pupils) || disclosure_small(gap.rest_pupils))) {
		json_object_set_new(o, "pupils", json_null());
		json_object_set_new(o, "suppressed", json_string(DISCLOSE_HIDDEN " pupils"));
		return o;
	}
	json_t *figures = json_pack(
		"{s:i, s:I, s:o, s:o, s:o, s:o, s:i, s:o, s:i, s:o, s:i, s:o, s:o, s:{s:i, s:o, s:o, s:o}}",
		"pupils", g->pupils, "possible", (json_int_t)g->possible, "attendance_pct",
		report_pct_json(stats_pct100(attendance, g->possible)), "absence_pct",
		report_pct_json(stats_pct100(absence, g->possible)), "authorised_pct",
		report_pct_json(stats_pct100(g->authorised, g->possible)), "unauthorised_pct",
		report_pct_json(stats_pct100(g->unauthorised, g->possible)), "persistent",
		g->persistent, "persistent_pct",
		report_pct_json(stats_pct100(g->persistent, g->pupils_with_possible)), "severe",
		g->severe, "severe_pct", report_pct_json(stats_pct100(g->severe, g->pupils_with_possible)),
		"at_risk", g->at_risk, "at_risk_pct",
		report_pct_json(stats_pct100(g->at_risk, g->pupils_with_possible)), "bands",
		bands_json(g), "gap", "rest_pupils", gap.rest_pupils, "absence_pp",
		report_pp_json(gap.absence_pp100), "persistent_pp", report_pp_json(gap.persistent_pp100),
		"severe_pp", report_pp_json(gap.severe_pp100));
	json_object_update(o, figures);
	json_decref(figures);
	if (suppress_small)
		hide_small(o);
	return o;
}

/* Figures of every visible row on roll in the range; calls back per row. */
typedef void (*row_fn)(void *ctx, int row, const struct figures *f);

static void each_row(const struct engine *e, const struct stats_query *q, row_fn fn, void *ctx)
{
	int c0, c1;
	stats_cols(&e->cal, q->from, q->to, &c0, &c1);
	struct figures f;
	for (int r = 0; r < e->m.n_rows; r++) {
		if (!visible(q, r) || !stats_on_roll(&e->m.rows[r], c0, c1))
			continue;
		stats_row(&e->m, r, c0, c1, &f);
		fn(ctx, r, &f);
	}
}

struct collect {
	const struct engine *e;
	json_t *pupils;
	struct group_figures all;
	struct group_figures *groups;
	const int *row_slot;
};

static void collect_row(void *ctx, int row, const struct figures *f)
{
	struct collect *c = ctx;
	stats_add(&c->all, f);
	if (c->pupils)
		json_array_append_new(c->pupils, pupil_json(c->e, row, f));
	if (c->groups)
		stats_add(&c->groups[c->row_slot[row]], f);
}

json_t *report_stats_json(const struct engine *e, const struct stats_query *q)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	struct collect c = {.e = e};
	struct report_groups gr;
	if (report_groups_init(&gr, e, q) < 0)
		return NULL;
	if (q->identify_pupils)
		c.pupils = json_array();
	if (gr.n > 0) {
		c.groups = calloc((size_t)gr.n, sizeof *c.groups);
		c.row_slot = gr.row_slot;
		if (!c.groups) {
			json_decref(c.pupils);
			report_groups_free(&gr);
			return NULL;
		}
	}
	each_row(e, q, collect_row, &c);
	json_t *out = json_pack("{s:s, s:s}", "from", date_format(q->from, a), "to",
				date_format(q->to, b));
	if (c.pupils)
		json_object_set_new(out, "pupils", c.pupils);
	json_t *summary = report_summary_json(&c.all);
	if (q->suppress_small)
		hide_small(summary);
	json_object_set_new(out, "summary", summary);
	json_t *groups = json_array();
	for (int k = 0; k < gr.n; k++)
		if (c.groups[k].pupils > 0)
			json_array_append_new(groups, group_json(&gr, &e->m, k, &c.groups[k], &c.all,
								       q->suppress_small));
	json_object_set_new(out, "groups", groups);
	free(c.groups);
	report_groups_free(&gr);
	return out;
}

/* ---- text ---- */

void report_pct1(char *buf, size_t len, int64_t num, int64_t den)
{
	int64_t tenths = stats_pct10(num, den);
	if (tenths < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%lld.%lld", (long long)(tenths / 10), (long long)(tenths % 10));
}

void report_pp_text(char *buf, size_t len, int64_t pp100)
{
	if (pp100 == PP_NONE) {
		snprintf(buf, len, "-");
		return;
	}
	int64_t a = pp100 < 0 ? -pp100 : pp100;
	a = (a + 5) / 10; /* tenths of a point, half away from zero */
	/* a difference that rounds to 0.0 has no sign */
	snprintf(buf, len, "%s%lld.%lld", !a ? "" : pp100 < 0 ? "-" : "+", (long long)(a / 10),
		 (long long)(a % 10));
}

struct text_ctx {
	FILE *out;
	const struct engine *e;
	struct group_figures all;
	int *order;
	struct figures *figs;
	int n;
};

static void text_row(void *ctx, int row, const struct figures *f)
{
	struct text_ctx *t = ctx;
	stats_add(&t->all, f);
	t->order[t->n] = row;
	t->figs[row] = *f;
	t->n++;
}

static const struct engine *sort_engine;

static int cmp_rows(const void *a, const void *b)
{
	const struct pupil_row *x = &sort_engine->m.rows[*(const int *)a];
	const struct pupil_row *y = &sort_engine->m.rows[*(const int *)b];
	if (x->year != y->year)
		return x->year - y->year;
	int c = strcmp(sort_engine->m.forms[x->form], sort_engine->m.forms[y->form]);
	return c ? c : pupil_name_cmp(x->surname, x->forename, x->upn, y->surname, y->forename, y->upn);
}

void report_stats_text(FILE *out, const struct engine *e, const struct stats_query *q)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], p1[16], p2[16], p3[16], p4[16], d1[24];
	struct text_ctx t = {.out = out, .e = e};
	t.order = malloc((size_t)(e->m.n_rows + 1) * sizeof *t.order);
	t.figs = malloc((size_t)(e->m.n_rows + 1) * sizeof *t.figs);
	each_row(e, q, text_row, &t);
	fprintf(out, "%s (URN %s), %s to %s\n\n", e->school.name, e->school.urn,
		date_format(q->from, a), date_format(q->to, b));
	if (q->identify_pupils && t.n > 0) {
		sort_engine = e;
		qsort(t.order, (size_t)t.n, sizeof *t.order, cmp_rows);
		fprintf(out, "%-13s  %-28s %-4s %-6s %8s %7s %7s %11s  %s\n", "UPN", "Pupil", "Year",
			"Form", "Possible", "Attend", "Absent", "Days missed", "Flags");
		for (int i = 0; i < t.n; i++) {
			int r = t.order[i];
			const struct pupil_row *pr = &e->m.rows[r];
			const struct figures *f = &t.figs[r];
			char name[64];
			snprintf(name, sizeof name, "%s, %s", pr->surname, pr->forename);
			report_pct1(p1, sizeof p1, stats_attendance(f), f->possible);
			report_pct1(p2, sizeof p2, stats_absence(f), f->possible);
			wording_days(stats_absence(f), d1, sizeof d1);
			int band = stats_band(f);
			fprintf(out, "%-13s  %-28.28s %-4s %-6.6s %8d %6s%% %6s%% %11s  %s%s%s\n", pr->upn,
				name, year_name(pr->year), e->m.forms[pr->form], f->possible, p1, p2, d1,
				stats_severe(f) ? "SA " : stats_persistent(f) ? "PA " : "",
				band >= 0 ? "band " : "", band >= 0 ? stats_band_label(band) : "");
		}
		fputc('\n', out);
	}
	const struct group_figures *g = &t.all;
	report_pct1(p1, sizeof p1, g->present + g->approved, g->possible);
	report_pct1(p2, sizeof p2, g->authorised + g->unauthorised, g->possible);
	report_pct1(p3, sizeof p3, g->authorised, g->possible);
	report_pct1(p4, sizeof p4, g->unauthorised, g->possible);
	wording_days(g->authorised + g->unauthorised, d1, sizeof d1);
	fprintf(out, "Pupils on roll: %d (%d with possible sessions)\n", g->pupils,
		g->pupils_with_possible);
	fprintf(out, "Possible sessions: %lld (%lld not yet marked)\n", (long long)g->possible,
		(long long)g->unmarked);
	fprintf(out, "Attendance: %s%%\n", p1);
	fprintf(out, "Absence: %s%% (%s%% authorised, %s%% unauthorised): %s missed in all\n", p2,
		p3, p4, d1);
	report_pct1(p1, sizeof p1, g->persistent, g->pupils_with_possible);
	report_pct1(p2, sizeof p2, g->severe, g->pupils_with_possible);
	fprintf(out, "Persistent absence (10%% or more): %d pupil%s (%s%%)\n", g->persistent,
		g->persistent == 1 ? "" : "s", p1);
	fprintf(out, "Severe absence (50%% or more): %d pupil%s (%s%%)\n", g->severe,
		g->severe == 1 ? "" : "s", p2);
	fprintf(out, "Late: %lld before the register closed, %lld after; %lld minutes in all\n",
		(long long)g->late_before_close, (long long)g->late_after_close,
		(long long)g->minutes_late);
	fprintf(out, "Absence bands (pupils with %d or more possible sessions):", BAND_MIN_POSSIBLE);
	for (int i = 0; i < BAND__MAX; i++)
		fprintf(out, " %s%%: %d%s", stats_band_label(i), g->bands[i], i + 1 < BAND__MAX ? "," : "");
	fprintf(out, "; too few sessions: %d\n", g->too_few_sessions);
	struct report_groups gr;
	if (report_groups_init(&gr, e, q) == 0 && gr.n > 0) {
		struct group_figures *gs = calloc((size_t)gr.n, sizeof *gs);
		for (int i = 0; gs && i < t.n; i++)
			stats_add(&gs[gr.row_slot[t.order[i]]], &t.figs[t.order[i]]);
		char name[64];
		fprintf(out, "\nBy %s (gap: absence against the rest of the school, in points):\n"
			     "%-12s %7s %9s %8s %8s %8s %11s %11s\n",
			group_spec_name(&gr.spec, name, sizeof name), "Value", "Pupils", "Possible",
			"Attend", "Absent", "Gap", "PA", "SA");
		for (int k = 0; gs && k < gr.n; k++) {
			const struct group_figures *x = &gs[k];
			if (!x->pupils)
				continue;
			char label[256], pa[32], sa[32], gp[16];
			struct cohort_gap gap;
			groups_cohort_gap(x, g, &gap);
			report_pct1(p1, sizeof p1, x->present + x->approved, x->possible);
			report_pct1(p2, sizeof p2, x->authorised + x->unauthorised, x->possible);
			report_pct1(p3, sizeof p3, x->persistent, x->pupils_with_possible);
			report_pct1(p4, sizeof p4, x->severe, x->pupils_with_possible);
			report_pp_text(gp, sizeof gp, gap.absence_pp100);
			snprintf(pa, sizeof pa, "%d (%s%%)", x->persistent, p3);
			snprintf(sa, sizeof sa, "%d (%s%%)", x->severe, p4);
			fprintf(out, "%-12s %7d %9lld %7s%% %7s%% %8s %11s %11s\n",
				group_spec_label(&gr.spec, &e->m, gr.slot_key[k], label, sizeof label),
				x->pupils, (long long)x->possible, p1, p2, gp, pa, sa);
		}
		free(gs);
	}
	report_groups_free(&gr);
	free(t.order);
	free(t.figs);
}
