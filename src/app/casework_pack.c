/* The LA targeting support meeting pack (casework_pack.h). */
#include "app/casework_pack.h"

#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/csv.h"
#include "app/pdf_doc.h"
#include "core/groups.h"
#include "core/wording.h"

struct lists {
	struct cw_plans plans;
	struct cw_barriers barriers;
	struct cw_actions actions;
	struct cw_interventions interventions;
};

static void append(char *buf, size_t len, const char *sep, const char *text)
{
	size_t k = strlen(buf);
	if (k + 1 < len)
		snprintf(buf + k, len - k, "%s%s", k ? sep : "", text);
}

/* Severe first, then by absence (exactly, from the sums), then by name. */
static int cmp_rows(const void *a, const void *b, void *ctx)
{
	const struct engine *e = ctx;
	const struct cw_pack_row *x = a, *y = b;
	bool sx = stats_severe(&x->f), sy = stats_severe(&y->f);
	if (sx != sy)
		return sx ? -1 : 1;
	int64_t l = stats_absence(&x->f) * (int64_t)y->f.possible;
	int64_t r = stats_absence(&y->f) * (int64_t)x->f.possible;
	if (l != r)
		return l > r ? -1 : 1;
	int rows[2] = {x->row, y->row};
	engine_sort_by_name(e, rows, 2);
	return rows[0] == x->row ? -1 : 1;
}

static void fill(struct cw_pack_row *pr, const struct lists *l, const struct cw_catalogues *cat,
		 int64_t pupil, date_t as_of)
{
	char item[700], d[DATE_ISO_LEN];
	for (int i = 0; i < l->plans.n; i++) {
		const struct cw_plan_rec *p = &l->plans.v[i];
		if (p->pupil_id != pupil || strcmp(p->state, "open") != 0)
			continue;
		pr->review_on = p->review_on;
		for (int b = 0; b < l->barriers.n; b++)
			if (l->barriers.v[b].plan_id == p->id)
				append(pr->barriers, sizeof pr->barriers, "; ",
				       cw_catalogue_label(cat, CWC_BARRIER, l->barriers.v[b].code));
		for (int a = 0; a < l->actions.n; a++) {
			const struct cw_action_rec *x = &l->actions.v[a];
			if (x->plan_id != p->id || strcmp(x->state, "open") != 0)
				continue;
			snprintf(item, sizeof item, "%s (%s, by %s%s)", x->action, x->owner,
				 date_format(x->due_on, d), x->due_on < as_of ? ", overdue" : "");
			append(pr->actions, sizeof pr->actions, "; ", item);
		}
	}
	for (int i = 0; i < l->interventions.n; i++) {
		const struct cw_intervention_rec *x = &l->interventions.v[i];
		if (x->pupil_id != pupil || (x->ended_on != DATE_INVALID && x->ended_on < as_of))
			continue;
		snprintf(item, sizeof item, "%s (from %s)", cw_catalogue_label(cat, CWC_INTERVENTION, x->type),
			 date_format(x->started_on, d));
		append(pr->interventions, sizeof pr->interventions, "; ", item);
	}
}

int cw_pack_build(const struct engine *e, struct store *s, date_t as_of, struct cw_pack *out,
		  struct app_error *err)
{
	memset(out, 0, sizeof *out);
	struct analytics_query a = {0};
	a.q.from = a.q.to = DATE_INVALID;
	a.q.group = -1;
	a.q.identify_pupils = true;
	report_default_range(e, as_of, &a.q);
	out->from = a.q.from;
	out->to = a.q.to;
	struct lists l = {0};
	struct cw_catalogues cat = {0};
	uint8_t *stage = NULL;
	struct dash d;
	bool computed = false;
	int rc = -1;
	if (store_cw_plans_each(s, e->school.id, 0, true, cw_plans_add, &l.plans) < 0 ||
	    store_cw_barriers_each(s, e->school.id, 0, cw_barriers_add, &l.barriers) < 0 ||
	    store_cw_actions_each(s, e->school.id, 0, cw_actions_add, &l.actions) < 0 ||
	    store_cw_interventions_each(s, e->school.id, 0, cw_interventions_add, &l.interventions) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		goto out;
	}
	if (cw_catalogues_load(s, e->school.id, &cat, err) < 0 ||
	    cw_stages_current(e, s, &stage, err) < 0)
		goto out;
	if (dash_compute(e, &a, DASH_PUPILS, &d) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory computing the figures");
		goto out;
	}
	computed = true;
	for (int i = 0; i < d.t.n_pupils; i++) {
		const struct pupil_trend *p = &d.t.pupils[i];
		const struct pupil_row *r = &e->m.rows[p->row];
		if (!stats_persistent(&p->f) || r->left < as_of || r->admitted > as_of)
			continue;
		struct cw_pack_row pr = {.row = p->row, .f = p->f, .half = p->half, .week = p->week};
		pr.stage = (enum cw_stage)stage[r->pupil_id];
		pr.review_on = DATE_INVALID;
		fill(&pr, &l, &cat, r->pupil_id, as_of);
		if (array_push(&out->rows, &out->n, sizeof pr, &pr) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "out of memory");
			goto out;
		}
		out->persistent++;
		out->severe += stats_severe(&p->f);
	}
	if (out->n)
		qsort_r(out->rows, (size_t)out->n, sizeof *out->rows, cmp_rows, (void *)e);
	rc = 0;
out:
	if (computed)
		dash_free(&d);
	if (rc < 0)
		cw_pack_free(out);
	free(l.plans.v);
	free(l.barriers.v);
	free(l.actions.v);
	free(l.interventions.v);
	free(stage);
	cw_catalogues_free(&cat);
	return rc;
}

void cw_pack_free(struct cw_pack *p)
{
	free(p->rows);
	p->rows = NULL;
	p->n = 0;
}

char *cw_pack_trend(const struct trend_change *c, const char *period, char *buf, size_t len)
{
	char a[16], b[16];
	if (c->direction == TREND_UNKNOWN) {
		snprintf(buf, len, "no figure for last %s", period);
		return buf;
	}
	int64_t mag = c->change_pp100 < 0 ? -c->change_pp100 : c->change_pp100;
	int64_t tenths = (mag + 5) / 10; /* one decimal, half up */
	snprintf(buf, len, "%s %lld.%lld points on last %s (%s to %s)",
		 c->change_pp100 < 0 ? "down" : c->change_pp100 > 0 ? "up" : "level,",
		 (long long)(tenths / 10), (long long)(tenths % 10), period,
		 wording_pct(c->before_pct100, a, sizeof a), wording_pct(c->now_pct100, b, sizeof b));
	return buf;
}

void cw_pack_csv(FILE *out, const struct engine *e, const struct cw_pack *p)
{
	fputs("upn,surname,forename,year,form,possible,attendance_pct,absence_pct,sessions_missed,"
	      "severe,stage,tier,barriers,actions,interventions,plan_review_on,half_term_change_pp,"
	      "trend\r\n",
	      out);
	char d[DATE_ISO_LEN], trend[160];
	for (int i = 0; i < p->n; i++) {
		const struct cw_pack_row *x = &p->rows[i];
		const struct pupil_row *r = &e->m.rows[x->row];
		fprintf(out, "%s,", r->upn);
		csv_write_field(out, r->surname);
		fputc(',', out);
		csv_write_field(out, r->forename);
		fprintf(out, ",%s,", year_name(r->year));
		csv_write_field(out, e->m.forms[r->form]);
		fprintf(out, ",%d,", x->f.possible);
		csv_write_pct(out, stats_pct100(stats_attendance(&x->f), x->f.possible));
		fputc(',', out);
		csv_write_pct(out, stats_pct100(stats_absence(&x->f), x->f.possible));
		fprintf(out, ",%lld,%s,%s,%d,", (long long)stats_absence(&x->f),
			stats_severe(&x->f) ? "Y" : "N", cw_stage_name(x->stage), cw_stage_tier(x->stage));
		csv_write_field(out, x->barriers);
		fputc(',', out);
		csv_write_field(out, x->actions);
		fputc(',', out);
		csv_write_field(out, x->interventions);
		fprintf(out, ",%s,", x->review_on == DATE_INVALID ? "" : date_format(x->review_on, d));
		csv_write_pp(out, x->half.change_pp100);
		fputc(',', out);
		csv_write_field(out, cw_pack_trend(&x->half, "half-term", trend, sizeof trend));
		fputs("\r\n", out);
	}
}

int cw_pack_pdf(const struct engine *e, const struct cw_pack *p, unsigned char **pdf, size_t *len)
{
	struct pdf_doc d;
	char footer[240], line[400], a[48], b[48];
	snprintf(footer, sizeof footer,
		 "%s · targeting support meeting · confidential: names pupils, share only with the "
		 "local authority's attendance team",
		 e->school.name);
	pdf_doc_begin(&d, "Targeting support meeting: persistent and severe absence", footer, true);
	pdf_doc_text(&d, "Targeting support meeting: persistent and severe absence", 16, true, 4);
	snprintf(line, sizeof line, "%s (URN %s) · this school year from %s to %s", e->school.name,
		 e->school.urn, wording_date(p->from, a, sizeof a), wording_date(p->to, b, sizeof b));
	pdf_doc_text(&d, line, 10, false, 2);
	snprintf(line, sizeof line,
		 "%d pupil%s persistently absent (10%% or more of sessions missed), %d of them severely "
		 "(50%% or more). Figures are sessions of this school year to date, by the DfE's method.",
		 p->persistent, p->persistent == 1 ? "" : "s", p->severe);
	pdf_doc_text(&d, line, 9, false, 10);
	double total = pdf_doc_content_w(&d);
	const double share[] = {0.14, 0.10, 0.10, 0.18, 0.26, 0.12, 0.10};
	double w[7];
	for (int i = 0; i < 7; i++)
		w[i] = share[i] * total;
	static const char *const head[] = {"Pupil",	     "Attendance", "Stage",   "Barriers",
					   "Actions (owner, by)", "Interventions", "Trend"};
	pdf_doc_row(&d, head, w, 7, 8, true, false);
	if (!p->n)
		pdf_doc_note(&d, "No pupil is persistently absent this school year.", 9, 6);
	for (int i = 0; i < p->n; i++) {
		const struct cw_pack_row *x = &p->rows[i];
		const struct pupil_row *r = &e->m.rows[x->row];
		char pupil[300], att[160], stage[120], trend[200], days[48], pct[16];
		snprintf(pupil, sizeof pupil, "%s, %s\n%s · year %s · %s", r->surname, r->forename, r->upn,
			 year_name(r->year), e->m.forms[r->form]);
		snprintf(att, sizeof att, "%s%s\n%s missed",
			 wording_pct(stats_pct100(stats_attendance(&x->f), x->f.possible), pct, sizeof pct),
			 stats_severe(&x->f) ? " (severe)" : "",
			 wording_days(stats_absence(&x->f), days, sizeof days));
		snprintf(stage, sizeof stage, "%s (tier %d)%s%s", cw_stage_label(x->stage),
			 cw_stage_tier(x->stage), x->review_on != DATE_INVALID ? "\nplan review " : "",
			 x->review_on != DATE_INVALID ? date_format(x->review_on, a) : "");
		cw_pack_trend(&x->half, "half-term", trend, sizeof trend);
		const char *cells[7] = {pupil,
					att,
					stage,
					x->barriers[0] ? x->barriers : "none recorded",
					x->actions[0] ? x->actions : "none open",
					x->interventions[0] ? x->interventions : "none",
					trend};
		pdf_doc_row(&d, cells, w, 7, 7.5, false, i % 2);
	}
	pdf_doc_rule(&d);
	return pdf_doc_end(&d, pdf, len);
}
