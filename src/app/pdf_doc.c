#include "app/pdf_doc.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/chart_cairo.h"

#define CELL_PAD 2.0

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int length)
{
	struct pdf_doc *d = closure;
	if (d->len + length > d->cap) {
		size_t cap = d->cap ? d->cap : 65536;
		while (cap < d->len + length)
			cap *= 2;
		unsigned char *b = realloc(d->buf, cap);
		if (!b) {
			d->oom = true;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		d->buf = b;
		d->cap = cap;
	}
	memcpy(d->buf + d->len, data, length);
	d->len += length;
	return CAIRO_STATUS_SUCCESS;
}

void pdf_doc_begin(struct pdf_doc *d, const char *title, const char *footer, bool landscape)
{
	memset(d, 0, sizeof *d);
	double w = landscape ? PDF_PAGE_H : PDF_PAGE_W, h = landscape ? PDF_PAGE_W : PDF_PAGE_H;
	d->w = w;
	d->h = h;
	d->surface = cairo_pdf_surface_create_for_stream(write_out, d, w, h);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "attend");
	d->cr = cairo_create(d->surface);
	d->y = PDF_MARGIN;
	d->page = 1;
	snprintf(d->footer, sizeof d->footer, "%s", footer);
}

static void footer(struct pdf_doc *d)
{
	char t[300];
	snprintf(t, sizeof t, "%s · page %d", d->footer, d->page);
	cairo_set_source_rgb(d->cr, 0.36, 0.39, 0.44);
	cairo_text(d->cr, t, PDF_MARGIN, d->h - PDF_MARGIN + 12, 7.5, false, TEXT_LEFT,
		   pdf_doc_content_w(d));
}

void pdf_doc_need(struct pdf_doc *d, double h)
{
	if (d->y + h <= d->h - PDF_MARGIN)
		return;
	footer(d);
	cairo_show_page(d->cr);
	d->page++;
	d->y = PDF_MARGIN;
}

void pdf_doc_text(struct pdf_doc *d, const char *t, double size, bool bold, double gap)
{
	cairo_set_source_rgb(d->cr, 0.1, 0.12, 0.14);
	pdf_doc_need(d, size * 1.4 + gap);
	d->y += cairo_text(d->cr, t, PDF_MARGIN, d->y, size, bold, TEXT_LEFT, pdf_doc_content_w(d)) + gap;
}

void pdf_doc_note(struct pdf_doc *d, const char *t, double size, double gap)
{
	cairo_set_source_rgb(d->cr, 0.36, 0.39, 0.44);
	pdf_doc_need(d, size * 1.4 + gap);
	d->y += cairo_text(d->cr, t, PDF_MARGIN, d->y, size, false, TEXT_LEFT, pdf_doc_content_w(d)) + gap;
}

void pdf_doc_row(struct pdf_doc *d, const char *const *cells, const double *widths, int n,
		 double size, bool header, bool shade)
{
	double h = 0, total = 0;
	for (int i = 0; i < n; i++) {
		double ch = cairo_text_height(d->cr, cells[i] ? cells[i] : "", size, header,
					widths[i] - 2 * CELL_PAD);
		if (ch > h)
			h = ch;
		total += widths[i];
	}
	h += 2 * CELL_PAD;
	pdf_doc_need(d, h);
	if (shade || header) {
		if (header)
			cairo_set_source_rgb(d->cr, 0.93, 0.94, 0.96);
		else
			cairo_set_source_rgb(d->cr, 0.975, 0.978, 0.985);
		cairo_rectangle(d->cr, PDF_MARGIN, d->y, total, h);
		cairo_fill(d->cr);
	}
	cairo_set_source_rgb(d->cr, 0.1, 0.12, 0.14);
	double x = PDF_MARGIN;
	for (int i = 0; i < n; i++) {
		cairo_text(d->cr, cells[i] ? cells[i] : "", x + CELL_PAD, d->y + CELL_PAD, size, header,
			   TEXT_LEFT, widths[i] - 2 * CELL_PAD);
		x += widths[i];
	}
	d->y += h;
}

void pdf_doc_rule(struct pdf_doc *d)
{
	cairo_set_source_rgb(d->cr, 0.84, 0.85, 0.88);
	cairo_set_line_width(d->cr, 0.6);
	cairo_move_to(d->cr, PDF_MARGIN, d->y);
	cairo_line_to(d->cr, d->w - PDF_MARGIN, d->y);
	cairo_stroke(d->cr);
}

int pdf_doc_end(struct pdf_doc *d, unsigned char **pdf, size_t *len)
{
	footer(d);
	cairo_show_page(d->cr);
	cairo_destroy(d->cr);
	cairo_surface_finish(d->surface);
	cairo_status_t st = cairo_surface_status(d->surface);
	cairo_surface_destroy(d->surface);
	if (st != CAIRO_STATUS_SUCCESS || d->oom) {
		free(d->buf);
		d->buf = NULL;
		return -1;
	}
	*pdf = d->buf;
	*len = d->len;
	d->buf = NULL;
	return 0;
}
