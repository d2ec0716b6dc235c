/* A4 reports as PDF, drawn with cairo and pango (app/chart_cairo's text):
 * pages that follow on when one is full, a footer with the page number,
 * text, and tables whose cells wrap. The governor report and the LA
 * targeting support meeting pack are written with it. */
#ifndef ATTEND_PDF_DOC_H
#define ATTEND_PDF_DOC_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#define PDF_PAGE_W 595.28
#define PDF_PAGE_H 841.89
#define PDF_MARGIN 42.0
#define PDF_CONTENT_W (PDF_PAGE_W - 2 * PDF_MARGIN)

struct pdf_doc {
	cairo_surface_t *surface;
	cairo_t *cr;
	unsigned char *buf; /* the PDF so far */
	size_t len, cap;
	bool oom;
	double w, h; /* the page */
	double y;    /* where the next thing goes */
	int page;
	char footer[240]; /* each page's footer, before " · page N" */
};

/* Starts the document (A4 portrait, or landscape) with its title. */
void pdf_doc_begin(struct pdf_doc *d, const char *title, const char *footer, bool landscape);
/* The width left for content. */
static inline double pdf_doc_content_w(const struct pdf_doc *d)
{
	return d->w - 2 * PDF_MARGIN;
}
/* Starts a new page when h does not fit on this one. */
void pdf_doc_need(struct pdf_doc *d, double h);
/* A paragraph across the page, then gap. */
void pdf_doc_text(struct pdf_doc *d, const char *t, double size, bool bold, double gap);
/* Text in grey (a note under a table or chart). */
void pdf_doc_note(struct pdf_doc *d, const char *t, double size, double gap);
/* A row of cells of the given widths (they wrap; the row is as tall as
 * its tallest cell), shaded or not; a header row is bold. */
void pdf_doc_row(struct pdf_doc *d, const char *const *cells, const double *widths, int n,
		 double size, bool header, bool shade);
/* A thin rule across the page. */
void pdf_doc_rule(struct pdf_doc *d);
/* Ends the last page and the document: *pdf malloc'd. -1 on failure. */
int pdf_doc_end(struct pdf_doc *d, unsigned char **pdf, size_t *len);

#endif
