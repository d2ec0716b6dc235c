/* A PDF drawn page by page with cairo and pango (through chart_cairo's
 * text): the document kept in memory, text that flows onto a new page
 * when it does not fit, and a footer with the page number. Shared by the
 * governor report, the action plan and the recognition certificates. */
#ifndef ATTEND_PDF_DOC_H
#define ATTEND_PDF_DOC_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#define PDF_A4_W 595.28
#define PDF_A4_H 841.89

struct pdf_doc {
	cairo_surface_t *surface;
	cairo_t *cr;
	double w, h, margin;
	double y; /* where the next thing goes */
	int number;
	char footer[240]; /* "<footer> · page N" at the foot of each page; "" none */
	unsigned char *buf;
	size_t len, cap;
	bool oom;
};

/* A document of pages w x h points; -1 when cairo can't start one. */
int pdf_doc_begin(struct pdf_doc *d, double w, double h, double margin, const char *title);
/* The content width between the margins. */
static inline double pdf_doc_width(const struct pdf_doc *d)
{
	return d->w - 2 * d->margin;
}
/* Ends the page (its footer) and starts the next. */
void pdf_doc_page(struct pdf_doc *d);
/* Starts a new page when height does not fit on this one. */
void pdf_doc_need(struct pdf_doc *d, double height);
/* A paragraph at the margin, wrapped to the content width, then gap. */
void pdf_doc_text(struct pdf_doc *d, const char *t, double size, bool bold, double gap);
/* The same in grey (notes, sources). */
void pdf_doc_note(struct pdf_doc *d, const char *t, double size, double gap);
/* Ends the last page and the document: *pdf malloc'd. -1 on failure
 * (nothing to free). */
int pdf_doc_end(struct pdf_doc *d, unsigned char **pdf, size_t *len);

#endif
