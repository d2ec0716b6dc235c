/* The governor report as a PDF: A4 pages drawn with cairo and pango from
 * the same tables and charts as the page, so both say the same thing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/chart_cairo.h"
#include "app/clock.h"
#include "app/governor.h"
#include "app/pdf_doc.h"

#define ROW_H 13.0
#define CHART_H 180.0
#define MARGIN PDF_MARGIN
#define CONTENT_W PDF_CONTENT_W

static void table(struct pdf_doc *p, const struct gov_table *t)
{
	double first = 150, col = (CONTENT_W - first) / (t->n_cols ? t->n_cols : 1);
	pdf_doc_need(p, 16 + ROW_H * (t->n_rows + 2));
	pdf_doc_text(p, t->title, 12, true, 4);
	cairo_t *cr = p->cr;
	/* the header row, shaded */
	double hh = ROW_H * 2;
	cairo_set_source_rgb(cr, 0.93, 0.94, 0.96);
	cairo_rectangle(cr, MARGIN, p->y, CONTENT_W, hh);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.1, 0.12, 0.14);
	for (int c = 0; c < t->n_cols; c++)
		cairo_text(cr, t->head[c], MARGIN + first + c * col, p->y + 2, 7.5, true, TEXT_CENTRE, col);
	p->y += hh;
	for (int r = 0; r < t->n_rows; r++) {
		pdf_doc_need(p, ROW_H);
		if (r % 2) {
			cairo_set_source_rgb(cr, 0.975, 0.978, 0.985);
			cairo_rectangle(cr, MARGIN, p->y, CONTENT_W, ROW_H);
			cairo_fill(cr);
		}
		cairo_set_source_rgb(cr, 0.1, 0.12, 0.14);
		cairo_text(cr, t->row_head[r], MARGIN + 2, p->y + 2, 8, false, TEXT_LEFT, first - 4);
		for (int c = 0; c < t->n_cols; c++)
			cairo_text(cr, t->cell[r * t->n_cols + c].text, MARGIN + first + c * col, p->y + 2, 8,
				   false, TEXT_CENTRE, col);
		p->y += ROW_H;
	}
	pdf_doc_rule(p);
	p->y += 4;
	if (t->note[0]) {
		cairo_set_source_rgb(cr, 0.36, 0.39, 0.44);
		p->y += cairo_text(cr, t->note, MARGIN, p->y, 7.5, false, TEXT_LEFT, CONTENT_W);
	}
	p->y += 10;
}

static void chart(struct pdf_doc *p, const struct chart *c)
{
	pdf_doc_need(p, CHART_H + 30);
	pdf_doc_text(p, c->title, 10, true, 4);
	chart_cairo(p->cr, c, MARGIN, p->y, CONTENT_W, CHART_H);
	p->y += CHART_H + 4;
	cairo_set_source_rgb(p->cr, 0.36, 0.39, 0.44);
	p->y += cairo_text(p->cr, c->desc, MARGIN, p->y, 7.5, false, TEXT_LEFT, CONTENT_W) + 12;
}

int governor_pdf(const struct governor_report *g, unsigned char **pdf, size_t *len)
{
	struct pdf_doc d;
	char footer[200], when[160], today[40];
	snprintf(footer, sizeof footer, "%s · attendance report for governors · aggregate figures only",
		 g->school);
	pdf_doc_begin(&d, "Attendance report for governors", footer, false);
	struct pdf_doc *p = &d;
	wording_date(clock_today(), today, sizeof today);
	pdf_doc_text(p, "Attendance report for governors", 18, true, 4);
	pdf_doc_text(p, g->school, 12, false, 2);
	snprintf(when, sizeof when, "%s · printed %s", g->range, today);
	pdf_doc_text(p, when, 10, false, 6);
	pdf_doc_text(p,
		     "Aggregate figures only: no pupil is named. A figure about fewer than 6 pupils is "
		     "not shown (\"fewer than 6\").",
		     8.5, false, 12);
	table(p, &g->table[GOV_T_HEADLINE]);
	chart(p, &g->chart[GOV_C_WEEKLY]);
	table(p, &g->table[GOV_T_HALF_TERMS]);
	chart(p, &g->chart[GOV_C_HALF_TERMS]);
	table(p, &g->table[GOV_T_BANDS]);
	chart(p, &g->chart[GOV_C_BANDS]);
	table(p, &g->table[GOV_T_COHORTS]);
	chart(p, &g->chart[GOV_C_COHORTS]);
	table(p, &g->table[GOV_T_YEARS]);
	table(p, &g->table[GOV_T_DAYS]);
	chart(p, &g->chart[GOV_C_DAYS]);
	pdf_doc_text(p, "Lateness", 12, true, 4);
	pdf_doc_text(p, g->lateness, 9, false, 10);
	if (g->sources[0]) {
		pdf_doc_text(p, "National figures", 12, true, 4);
		pdf_doc_text(p, g->sources, 8, false, 10);
	}
	return pdf_doc_end(&d, pdf, len);
}
