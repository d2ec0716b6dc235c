/* PDFs of leading attendance, drawn with cairo and pango (app/pdf_doc):
 * the action plan for governors (aggregate figures only, the governor
 * report's small-number rule on every figure) and the recognition
 * certificates (one A4 landscape page each, no absence reason ever). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/chart_cairo.h"
#include "app/clock.h"
#include "app/leading_charts.h"
#include "app/pdf_doc.h"
#include "app/plan.h"
#include "app/recognition.h"
#include "app/report.h"
#include "core/wording.h"

#define CHART_H 150.0

/* "24.0%", or "fewer than 6" where the small-number rule hides it */
static const char *point_text(const struct target_live *l, const struct target_point *p,
			      char *buf, size_t len)
{
	if (plan_point_hidden(l, p))
		snprintf(buf, len, "fewer than 6");
	else
		wording_pct(p->value, buf, len);
	return buf;
}

static void target_block(struct pdf_doc *d, const struct plan_target_rec *t,
			 const struct target_live *l)
{
	char line[700], sentence[300], a[24], b[24], owner[200] = "";
	pdf_doc_need(d, 60);
	pdf_doc_text(d, t->title, 11, true, 2);
	plan_target_sentence(t, sentence, sizeof sentence);
	if (t->owner[0])
		snprintf(owner, sizeof owner, " Owner: %s.", t->owner);
	int st = 0;
	for (int i = 0; i < PT__MAX; i++)
		if (!strcmp(t->status, plan_target_status_names[i]))
			st = i;
	if (l->figure) {
		snprintf(line, sizeof line, "Aim: %s. Now: %s (the line to the goal stands at %s): %s. "
					    "Status: %s.%s",
			 sentence, point_text(l, &l->now, a, sizeof a),
			 l->now.expected >= 0 ? wording_pct(l->now.expected, b, sizeof b) : "–",
			 target_track_label(l->track), plan_target_status_labels[st], owner);
	} else {
		char by[40];
		snprintf(line, sizeof line, "By %s. Status: %s.%s",
			 wording_date(t->goal_date, by, sizeof by), plan_target_status_labels[st], owner);
	}
	pdf_doc_text(d, line, 9, false, 4);
	struct chart c;
	if (l->figure && l->n_points > 1 && leading_target_chart(&c, "t", t, l, true) == 0) {
		pdf_doc_need(d, CHART_H + 10);
		chart_cairo(d->cr, &c, PDF_MARGIN, d->y, pdf_doc_content_w(d), CHART_H);
		d->y += CHART_H + 6;
		chart_free(&c);
	}
	d->y += 6;
}

static void action_line(struct pdf_doc *d, const struct plan_action_rec *a, date_t as_of)
{
	char line[STORE_LONG_TEXT_MAX + 600], due[40] = "no date (ongoing)";
	int st = 0;
	for (int i = 0; i < PA__MAX; i++)
		if (!strcmp(a->status, plan_action_status_names[i]))
			st = i;
	if (a->due != DATE_INVALID)
		wording_date(a->due, due, sizeof due);
	snprintf(line, sizeof line, "%s — %s; due %s; %s%s%s%s", a->title, a->owner, due,
		 plan_action_status_labels[st], plan_action_overdue(a, as_of) ? " (OVERDUE)" : "",
		 a->evidence[0] ? ". Evidence: " : "", a->evidence);
	pdf_doc_text(d, line, 8.5, false, 3);
}

int plan_pdf(const struct engine *e, const struct plan_view *v, date_t as_of, unsigned char **pdf,
	     size_t *len, struct app_error *err)
{
	struct pdf_doc d;
	char when[80], line[300];
	snprintf(line, sizeof line, "%s · attendance action plan · aggregate figures only",
		 e->school.name);
	if (pdf_doc_begin(&d, "Attendance action plan", line, false) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "the PDF could not be started");
	pdf_doc_text(&d, "Attendance action plan", 18, true, 4);
	pdf_doc_text(&d, e->school.name, 12, false, 2);
	snprintf(line, sizeof line, "Figures as of %s, computed from the register.",
		 wording_date(as_of, when, sizeof when));
	pdf_doc_text(&d, line, 10, false, 4);
	pdf_doc_note(&d,
		     "Aggregate figures only: no pupil is named. A figure about fewer than 6 pupils "
		     "is not shown (\"fewer than 6\"). Each target's figure is measured over its span "
		     "(the school year, term or half-term to date) exactly as the DfE measures it.",
		     8.5, 10);
	snprintf(line, sizeof line, "%d action%s overdue; %d target%s off track.", v->overdue,
		 v->overdue == 1 ? "" : "s", v->off_track, v->off_track == 1 ? "" : "s");
	pdf_doc_text(&d, line, 10, true, 10);
	pdf_doc_text(&d, "Targets", 14, true, 6);
	if (!v->n_targets)
		pdf_doc_note(&d, "No targets yet.", 9, 8);
	for (int i = 0; i < v->n_targets; i++)
		target_block(&d, &v->targets[i], &v->live[i]);
	pdf_doc_text(&d, "Actions, by the strategy's foundations", 14, true, 6);
	for (int f = 1; f <= PLAN_FOUNDATIONS + 1; f++) {
		int fd = f == PLAN_FOUNDATIONS + 1 ? 0 : f, shown = 0;
		for (int i = 0; i < v->n_actions; i++) {
			if (v->actions[i].foundation != fd)
				continue;
			if (!shown++) {
				char head[160];
				if (fd)
					snprintf(head, sizeof head, "Foundation %d: %s", fd,
						 plan_foundation_names[fd]);
				else
					snprintf(head, sizeof head, "Other actions");
				pdf_doc_text(&d, head, 10.5, true, 3);
			}
			action_line(&d, &v->actions[i], as_of);
		}
		if (shown)
			d.y += 6;
	}
	if (!v->n_actions)
		pdf_doc_note(&d, "No actions yet.", 9, 8);
	pdf_doc_text(&d, "Review meetings", 14, true, 6);
	if (!v->n_reviews)
		pdf_doc_note(&d, "No review meetings recorded yet.", 9, 8);
	for (int i = 0; i < v->n_reviews; i++) {
		const struct plan_review_rec *r = &v->reviews[i];
		char held[40], text[STORE_LONG_TEXT_MAX * 2 + 800];
		int k = 2;
		for (int j = 0; j < 3; j++)
			if (!strcmp(r->kind, plan_review_kind_names[j]))
				k = j;
		wording_date(r->held_on, held, sizeof held);
		snprintf(text, sizeof text, "%s, %s. Attended: %s.%s%s%s%s", held,
			 plan_review_kind_labels[k], r->attendees, r->challenged[0] ? " Challenged: " : "",
			 r->challenged, r->agreed[0] ? " Agreed: " : "", r->agreed);
		pdf_doc_text(&d, text, 8.5, false, 5);
	}
	if (pdf_doc_end(&d, pdf, len) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "the PDF could not be drawn");
	return 0;
}

/* ---- certificates ---- */

static void certificate(struct pdf_doc *d, const char *school, const char *award,
			const char *who, const char *form, const char *why, const char *signer,
			const char *date)
{
	cairo_t *cr = d->cr;
	double w = d->w, h = d->h;
	/* a double border in the palette's blue and orange */
	double rgb[3];
	chart_colour_rgb(PAL_BLUE, rgb);
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_set_line_width(cr, 6);
	cairo_rectangle(cr, 24, 24, w - 48, h - 48);
	cairo_stroke(cr);
	chart_colour_rgb(PAL_ORANGE, rgb);
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_set_line_width(cr, 1.5);
	cairo_rectangle(cr, 36, 36, w - 72, h - 72);
	cairo_stroke(cr);
	double x = 60, tw = w - 120, y = 70;
	cairo_set_source_rgb(cr, 0.1, 0.12, 0.14);
	y += cairo_text(cr, school, x, y, 16, false, TEXT_CENTRE, tw) + 18;
	y += cairo_text(cr, "Certificate of recognition", x, y, 30, true, TEXT_CENTRE, tw) + 12;
	y += cairo_text(cr, award, x, y, 18, false, TEXT_CENTRE, tw) + 28;
	y += cairo_text(cr, who, x, y, 34, true, TEXT_CENTRE, tw) + 6;
	if (form && *form)
		y += cairo_text(cr, form, x, y, 14, false, TEXT_CENTRE, tw) + 20;
	y += cairo_text(cr, why, x + 40, y, 14, false, TEXT_CENTRE, tw - 80) + 30;
	cairo_set_source_rgb(cr, 0.36, 0.39, 0.44);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, w / 2 - 120, h - 110);
	cairo_line_to(cr, w / 2 + 120, h - 110);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0.1, 0.12, 0.14);
	cairo_text(cr, signer, x, h - 104, 11, false, TEXT_CENTRE, tw);
	cairo_text(cr, date, x, h - 88, 10, false, TEXT_CENTRE, tw);
}

struct cert {
	char who[300], form[64], why[400];
};

int recog_certificates_pdf(const struct engine *e, struct store *s, int64_t list_id,
			   unsigned char **pdf, size_t *len, struct app_error *err)
{
	struct recog_list l;
	if (recog_list_load(s, e->school.id, list_id, &l, err) < 0)
		return -1;
	int ret = -1, n = 0;
	struct cert *certs = calloc((size_t)l.n + 1, sizeof *certs);
	char head[STORE_NAME_MAX] = "", signer[200], today[40], award[200];
	if (!certs) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	if (strcmp(l.l.status, "approved") != 0) {
		app_fail(err, ERR_CONFLICT, NULL, "approve the list before its certificates are printed");
		goto out;
	}
	if (store_setting_get(s, e->school.id, "head_teacher", head, sizeof head) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		goto out;
	}
	/* who gets one: kept by the approver, and not excluded (then or now) */
	for (int i = 0; i < l.n; i++) {
		const struct award_winner_rec *w = &l.w[i];
		struct cert *c = &certs[n];
		char days[64], pts[16];
		if (!w->included || w->excluded)
			continue;
		if (w->pupil_id) {
			bool excluded;
			if (recog_excluded(s, e->school.id, w->pupil_id, &excluded, err) < 0)
				goto out;
			int row = -1;
			for (int r = 0; r < e->m.n_rows; r++)
				if (e->m.rows[r].pupil_id == w->pupil_id)
					row = r;
			if (excluded || row < 0)
				continue;
			snprintf(c->who, sizeof c->who, "%s %s", e->m.rows[row].forename,
				 e->m.rows[row].surname);
			snprintf(c->form, sizeof c->form, "Form %s", w->form);
		} else {
			snprintf(c->who, sizeof c->who, "Form %s", w->form);
		}
		if (!strcmp(l.l.kind, "full_attendance")) {
			snprintf(c->why, sizeof c->why, "for being in school every day: all %s of the period",
				 wording_days(w->sessions, days, sizeof days));
		} else if (!strcmp(l.l.kind, "most_improved")) {
			report_pp_text(pts, sizeof pts, w->rise100);
			snprintf(c->why, sizeof c->why,
				 "for raising attendance by %s percentage points on the period before: a "
				 "real achievement",
				 pts[0] == '+' ? pts + 1 : pts);
		} else {
			snprintf(c->why, sizeof c->why, "for the best attendance of any form: %s",
				 wording_pct(w->value100, pts, sizeof pts));
		}
		n++;
	}
	snprintf(signer, sizeof signer, "%s%sHead teacher", head, head[0] ? ", " : "");
	wording_date(clock_today(), today, sizeof today);
	recog_award_text(&l, award, sizeof award);
	struct pdf_doc d;
	if (pdf_doc_begin(&d, award, "", true) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "the PDF could not be started");
		goto out;
	}
	for (int i = 0; i < n; i++) {
		if (i)
			pdf_doc_page(&d);
		certificate(&d, e->school.name, award, certs[i].who, certs[i].form, certs[i].why,
			    signer, today);
	}
	if (!n)
		certificate(&d, e->school.name, award, "No certificates", "",
			    "Everyone on this list was left out by the approver or is excluded from "
			    "public recognition.",
			    signer, today);
	if (pdf_doc_end(&d, pdf, len) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "the PDF could not be drawn");
		goto out;
	}
	ret = 0;
out:
	free(certs);
	recog_list_free(&l);
	return ret;
}
