#include "app/pdf_doc.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/chart_cairo.h"

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

int pdf_doc_begin(struct pdf_doc *d, double w, double h, double margin, const char *title)
{
	memset(d, 0, sizeof *d);
	d->w = w;
	d->h = h;
	d->margin = margin;
	d->y = margin;
	d->number = 1;
	d->surface = cairo_pdf_surface_create_for_stream(write_out, d, w, h);
	if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(d->surface);
		return -1;
	}
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "attend");
	d->cr = cairo_create(d->surface);
	return 0;
}

static void footer(struct pdf_doc *d)
{
	if (!d->footer[0])
		return;
	char t[300];
	snprintf(t, sizeof t, "%s · page %d", d->footer, d->number);
	cairo_set_source_rgb(d->cr, 0.36, 0.39, 0.44);
	cairo_text(d->cr, t, d->margin, d->h - d->margin + 12, 7.5, false, TEXT_LEFT, pdf_doc_width(d));
}

void pdf_doc_page(struct pdf_doc *d)
{
	footer(d);
	cairo_show_page(d->cr);
	d->number++;
	d->y = d->margin;
}

void pdf_doc_need(struct pdf_doc *d, double height)
{
	if (d->y + height > d->h - d->margin)
		pdf_doc_page(d);
}

void pdf_doc_text(struct pdf_doc *d, const char *t, double size, bool bold, double gap)
{
	cairo_set_source_rgb(d->cr, 0.1, 0.12, 0.14);
	pdf_doc_need(d, size * 1.4 + gap);
	d->y += cairo_text(d->cr, t, d->margin, d->y, size, bold, TEXT_LEFT, pdf_doc_width(d)) + gap;
}

void pdf_doc_note(struct pdf_doc *d, const char *t, double size, double gap)
{
	pdf_doc_need(d, size * 1.4 + gap);
	cairo_set_source_rgb(d->cr, 0.36, 0.39, 0.44);
	d->y += cairo_text(d->cr, t, d->margin, d->y, size, false, TEXT_LEFT, pdf_doc_width(d)) + gap;
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
