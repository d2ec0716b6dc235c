/* The governor report as a PDF: A4 pages drawn with cairo and pango from
 * the same tables and charts as the page, so both say the same thing. */
#include <stdlib.h>
#include <string.h>

#include "app/chart_cairo.h"
#include "app/clock.h"
#include "app/governor.h"
#include "app/pdf_doc.h"

#define MARGIN 42.0
#define ROW_H 13.0
#define CHART_H 180.0

/* The report's pages: the document and the report it prints. */
struct page {
	struct pdf_doc d;
	cairo_t *cr;
	const struct governor_report *g;
};
#define CONTENT_W (PDF_A4_W - 2 * MARGIN)
#define need(p, h) pdf_doc_need(&(p)->d, (h))
#define text(p, t, size, bold, gap) pdf_doc_text(&(p)->d, (t), (size), (bold), (gap))

static void table(struct page *p, const struct gov_table *t)
{
	double first = 150, col = (CONTENT_W - first) / (t->n_cols ? t->n_cols : 1);
	need(p, 16 + ROW_H * (t->n_rows + 2));
	text(p, t->title, 12, true, 4);
	cairo_t *cr = p->cr;
	/* the header row, shaded */
	double hh = ROW_H * 2;
	cairo_set_source_rgb(cr, 0.93, 0.94, 0.96);
	cairo_rectangle(cr, MARGIN, p->d.y, CONTENT_W, hh);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.1, 0.12, 0.14);
	for (int c = 0; c < t->n_cols; c++)
		cairo_text(cr, t->head[c], MARGIN + first + c * col, p->d.y + 2, 7.5, true, TEXT_CENTRE, col);
	p->d.y += hh;
	for (int r = 0; r < t->n_rows; r++) {
		need(p, ROW_H);
		if (r % 2) {
			cairo_set_source_rgb(cr, 0.975, 0.978, 0.985);
			cairo_rectangle(cr, MARGIN, p->d.y, CONTENT_W, ROW_H);
			cairo_fill(cr);
		}
		cairo_set_source_rgb(cr, 0.1, 0.12, 0.14);
		cairo_text(cr, t->row_head[r], MARGIN + 2, p->d.y + 2, 8, false, TEXT_LEFT, first - 4);
		for (int c = 0; c < t->n_cols; c++)
			cairo_text(cr, t->cell[r * t->n_cols + c].text, MARGIN + first + c * col, p->d.y + 2, 8,
				   false, TEXT_CENTRE, col);
		p->d.y += ROW_H;
	}
	cairo_set_source_rgb(cr, 0.84, 0.85, 0.88);
	cairo_set_line_width(cr, 0.6);
	cairo_move_to(cr, MARGIN, p->d.y);
	cairo_line_to(cr, MARGIN + CONTENT_W, p->d.y);
	cairo_stroke(cr);
	p->d.y += 4;
	if (t->note[0]) {
		cairo_set_source_rgb(cr, 0.36, 0.39, 0.44);
		p->d.y += cairo_text(cr, t->note, MARGIN, p->d.y, 7.5, false, TEXT_LEFT, CONTENT_W);
	}
	p->d.y += 10;
}

static void chart(struct page *p, const struct chart *c)
{
	need(p, CHART_H + 30);
	text(p, c->title, 10, true, 4);
	chart_cairo(p->cr, c, MARGIN, p->d.y, CONTENT_W, CHART_H);
	p->d.y += CHART_H + 4;
	cairo_set_source_rgb(p->cr, 0.36, 0.39, 0.44);
	p->d.y += cairo_text(p->cr, c->desc, MARGIN, p->d.y, 7.5, false, TEXT_LEFT, CONTENT_W) + 12;
}

int governor_pdf(const struct governor_report *g, unsigned char **pdf, size_t *len)
{
	struct page p = {.g = g};
	if (pdf_doc_begin(&p.d, PDF_A4_W, PDF_A4_H, MARGIN, "Attendance report for governors") < 0)
		return -1;
	p.cr = p.d.cr;
	snprintf(p.d.footer, sizeof p.d.footer,
		 "%s · attendance report for governors · aggregate figures only", g->school);
	char when[160], today[40];
	wording_date(clock_today(), today, sizeof today);
	text(&p, "Attendance report for governors", 18, true, 4);
	text(&p, g->school, 12, false, 2);
	snprintf(when, sizeof when, "%s · printed %s", g->range, today);
	text(&p, when, 10, false, 6);
	text(&p,
	     "Aggregate figures only: no pupil is named. A figure about fewer than 6 pupils is not "
	     "shown (\"fewer than 6\").",
	     8.5, false, 12);
	table(&p, &g->table[GOV_T_HEADLINE]);
	chart(&p, &g->chart[GOV_C_WEEKLY]);
	table(&p, &g->table[GOV_T_HALF_TERMS]);
	chart(&p, &g->chart[GOV_C_HALF_TERMS]);
	table(&p, &g->table[GOV_T_BANDS]);
	chart(&p, &g->chart[GOV_C_BANDS]);
	table(&p, &g->table[GOV_T_COHORTS]);
	chart(&p, &g->chart[GOV_C_COHORTS]);
	table(&p, &g->table[GOV_T_YEARS]);
	table(&p, &g->table[GOV_T_DAYS]);
	chart(&p, &g->chart[GOV_C_DAYS]);
	text(&p, "Lateness", 12, true, 4);
	text(&p, g->lateness, 9, false, 10);
	if (g->sources[0]) {
		text(&p, "National figures", 12, true, 4);
		text(&p, g->sources, 8, false, 10);
	}
	return pdf_doc_end(&p.d, pdf, len);
}
