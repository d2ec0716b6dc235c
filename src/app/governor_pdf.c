/* The governor report as a PDF: A4 pages drawn with cairo and pango from
 * the same tables and charts as the page, so both say the same thing. */
#include <cairo-pdf.h>
#include <stdlib.h>
#include <string.h>

#include "app/chart_cairo.h"
#include "app/clock.h"
#include "app/governor.h"

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 42.0
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define ROW_H 13.0
#define CHART_H 180.0

struct page {
	cairo_t *cr;
	double y;
	int number;
	const struct governor_report *g;
};

static void footer(struct page *p)
{
	char t[200];
	snprintf(t, sizeof t, "%s · attendance report for governors · aggregate figures only · page %d",
		 p->g->school, p->number);
	cairo_set_source_rgb(p->cr, 0.36, 0.39, 0.44);
	cairo_text(p->cr, t, MARGIN, PAGE_H - MARGIN + 12, 7.5, false, TEXT_LEFT, CONTENT_W);
}

/* Starts a new page when h does not fit on this one. */
static void need(struct page *p, double h)
{
	if (p->y + h <= PAGE_H - MARGIN)
		return;
	footer(p);
	cairo_show_page(p->cr);
	p->number++;
	p->y = MARGIN;
}

static void text(struct page *p, const char *t, double size, bool bold, double gap)
{
	cairo_set_source_rgb(p->cr, 0.1, 0.12, 0.14);
	need(p, size * 1.4 + gap);
	p->y += cairo_text(p->cr, t, MARGIN, p->y, size, bold, TEXT_LEFT, CONTENT_W) + gap;
}

static void table(struct page *p, const struct gov_table *t)
{
	double first = 150, col = (CONTENT_W - first) / (t->n_cols ? t->n_cols : 1);
	need(p, 16 + ROW_H * (t->n_rows + 2));
	text(p, t->title, 12, true, 4);
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
		need(p, ROW_H);
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
	cairo_set_source_rgb(cr, 0.84, 0.85, 0.88);
	cairo_set_line_width(cr, 0.6);
	cairo_move_to(cr, MARGIN, p->y);
	cairo_line_to(cr, MARGIN + CONTENT_W, p->y);
	cairo_stroke(cr);
	p->y += 4;
	if (t->note[0]) {
		cairo_set_source_rgb(cr, 0.36, 0.39, 0.44);
		p->y += cairo_text(cr, t->note, MARGIN, p->y, 7.5, false, TEXT_LEFT, CONTENT_W);
	}
	p->y += 10;
}

static void chart(struct page *p, const struct chart *c)
{
	need(p, CHART_H + 30);
	text(p, c->title, 10, true, 4);
	chart_cairo(p->cr, c, MARGIN, p->y, CONTENT_W, CHART_H);
	p->y += CHART_H + 4;
	cairo_set_source_rgb(p->cr, 0.36, 0.39, 0.44);
	p->y += cairo_text(p->cr, c->desc, MARGIN, p->y, 7.5, false, TEXT_LEFT, CONTENT_W) + 12;
}

int governor_pdf(const struct governor_report *g, unsigned char **pdf, size_t *len)
{
	struct pdf_sink o = {0};
	cairo_surface_t *s = pdf_surface_to_memory(&o, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "Attendance report for governors");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "attend");
	cairo_t *cr = cairo_create(s);
	struct page p = {cr, MARGIN, 1, g};
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
	footer(&p);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS || o.oom) {
		free(o.buf);
		return -1;
	}
	*pdf = o.buf;
	*len = o.len;
	return 0;
}
