#include "comms/letter.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#define PAGE_W 595.28 /* A4 in points */
#define PAGE_H 841.89
#define MARGIN 56.0   /* about 2 cm */
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define BOTTOM (PAGE_H - MARGIN)

struct pdf_out {
	struct tbuf *buf;
	bool failed;
};

static cairo_status_t write_pdf(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_out *o = closure;
	if (tbuf_add(o->buf, (const char *)data, len) < 0) {
		o->failed = true;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

struct page {
	cairo_t *cr;
	PangoContext *ctx;
	const char *language;
	double y;
};

static PangoLayout *layout(struct page *p, const char *text, const char *font, double width,
			   PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(p->ctx);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

/* Draws text at (x, y); returns its height. */
static double draw(struct page *p, double x, double y, const char *text, const char *font,
		   double width, PangoAlignment align)
{
	PangoLayout *l = layout(p, text, font, width, align);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	return (double)h / PANGO_SCALE;
}

/* Long text, line by line, starting a new page when one is full. */
static void flow(struct page *p, const char *text, const char *font)
{
	PangoLayout *l = layout(p, text, font, TEXT_W, PANGO_ALIGN_LEFT);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double top = p->y, shift = 0;
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		double y0 = top + (double)r.y / PANGO_SCALE - shift;
		double h = (double)r.height / PANGO_SCALE;
		if (y0 + h > BOTTOM) {
			cairo_show_page(p->cr);
			shift += y0 - MARGIN;
			y0 = MARGIN;
		}
		double baseline = top + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE - shift;
		cairo_move_to(p->cr, MARGIN, baseline);
		pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		p->y = y0 + h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
}

/* The school's name, address and how to reach it, and a rule. */
static void letterhead(struct page *p, const struct letter *l)
{
	cairo_set_source_rgb(p->cr, 0.12, 0.23, 0.40);
	p->y += draw(p, MARGIN, p->y, l->school_name, "Sans Bold 18", TEXT_W, PANGO_ALIGN_LEFT);
	cairo_set_source_rgb(p->cr, 0.25, 0.25, 0.25);
	char line[1024];
	snprintf(line, sizeof line, "%s", l->school_address ? l->school_address : "");
	if (line[0])
		p->y += draw(p, MARGIN, p->y + 2, line, "Sans 9", TEXT_W, PANGO_ALIGN_LEFT) + 2;
	snprintf(line, sizeof line, "%s%s%s", l->school_phone ? l->school_phone : "",
		 l->school_phone && *l->school_phone && l->school_email && *l->school_email ? "  ·  " : "",
		 l->school_email ? l->school_email : "");
	if (line[0])
		p->y += draw(p, MARGIN, p->y + 2, line, "Sans 9", TEXT_W, PANGO_ALIGN_LEFT) + 2;
	p->y += 8;
	cairo_set_source_rgb(p->cr, 0.12, 0.23, 0.40);
	cairo_set_line_width(p->cr, 1.2);
	cairo_move_to(p->cr, MARGIN, p->y);
	cairo_line_to(p->cr, PAGE_W - MARGIN, p->y);
	cairo_stroke(p->cr);
	p->y += 18;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

/* The addressee on the left, one line per part of the address; the date on
 * the right. */
static void address_block(struct page *p, const struct letter *l)
{
	char addr[1200];
	size_t n = (size_t)snprintf(addr, sizeof addr, "%s", l->to_name ? l->to_name : "");
	const char *a = l->to_address ? l->to_address : "";
	while (*a && n + 2 < sizeof addr) {
		const char *comma = strchr(a, ',');
		size_t k = comma ? (size_t)(comma - a) : strlen(a);
		while (k && *a == ' ') {
			a++;
			k--;
		}
		n += (size_t)snprintf(addr + n, sizeof addr - n, "\n%.*s", (int)k, a);
		a += k + (comma ? 1 : 0);
	}
	if (l->to_postcode && *l->to_postcode && n + 2 < sizeof addr)
		snprintf(addr + n, sizeof addr - n, "\n%s", l->to_postcode);
	double h = draw(p, MARGIN, p->y, addr, "Sans 10.5", TEXT_W * 0.6, PANGO_ALIGN_LEFT);
	draw(p, MARGIN + TEXT_W * 0.5, p->y, l->date_text, "Sans 10.5", TEXT_W * 0.5, PANGO_ALIGN_RIGHT);
	p->y += h + 22;
}

/* The height text takes at a width. */
static double measure(struct page *p, const char *text, const char *font, double width)
{
	PangoLayout *l = layout(p, text, font, width, PANGO_ALIGN_LEFT);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	g_object_unref(l);
	return (double)h / PANGO_SCALE;
}

/* The pupil's figures in a shaded box, with a bar of attendance marked at
 * 90% and 95%. */
static void figure_box(struct page *p, const struct letter *l)
{
	double x = MARGIN, w = TEXT_W, pad = 10, y0 = p->y;
	double inner = w - 2 * pad, bar = l->pct100 >= 0 ? 28 : 0;
	/* measured first: the box is drawn behind the text */
	double line_h[LETTER_BOX_LINES] = {0}, h = 2 * pad + 18 + bar;
	for (int i = 0; i < LETTER_BOX_LINES; i++)
		if (l->box_line[i])
			h += line_h[i] = measure(p, l->box_line[i], "Sans 10", inner) + 1;
	cairo_set_source_rgb(p->cr, 0.93, 0.95, 0.98);
	cairo_rectangle(p->cr, x, y0, w, h);
	cairo_fill_preserve(p->cr);
	cairo_set_source_rgb(p->cr, 0.55, 0.63, 0.76);
	cairo_set_line_width(p->cr, 0.8);
	cairo_stroke(p->cr);
	cairo_set_source_rgb(p->cr, 0.12, 0.23, 0.40);
	double y = y0 + pad;
	draw(p, x + pad, y, l->box_title, "Sans Bold 11", inner, PANGO_ALIGN_LEFT);
	y += 18;
	if (bar > 0) {
		double bw = inner, bh = 12;
		double fill = bw * (double)(l->pct100 > 10000 ? 10000 : l->pct100) / 10000;
		cairo_set_source_rgb(p->cr, 0.85, 0.87, 0.90);
		cairo_rectangle(p->cr, x + pad, y, bw, bh);
		cairo_fill(p->cr);
		if (l->pct100 >= 9500)
			cairo_set_source_rgb(p->cr, 0.20, 0.55, 0.30);
		else if (l->pct100 >= 9000)
			cairo_set_source_rgb(p->cr, 0.85, 0.60, 0.10);
		else
			cairo_set_source_rgb(p->cr, 0.75, 0.30, 0.25);
		cairo_rectangle(p->cr, x + pad, y, fill, bh);
		cairo_fill(p->cr);
		static const int marks[] = {9000, 9500};
		for (int i = 0; i < 2; i++) {
			double mx = x + pad + bw * marks[i] / 10000.0;
			cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
			cairo_set_line_width(p->cr, 1);
			cairo_move_to(p->cr, mx, y - 2);
			cairo_line_to(p->cr, mx, y + bh + 2);
			cairo_stroke(p->cr);
			draw(p, mx - 20, y + bh + 2, marks[i] == 9000 ? "90%" : "95%", "Sans 7", 40,
			     PANGO_ALIGN_CENTER);
		}
		y += bar;
	}
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (int i = 0; i < LETTER_BOX_LINES; i++) {
		if (!l->box_line[i])
			continue;
		draw(p, x + pad, y, l->box_line[i], "Sans 10", inner, PANGO_ALIGN_LEFT);
		y += line_h[i];
	}
	p->y = y0 + h + 16;
}

int letter_pdf(const struct letter *l, struct tbuf *out, struct app_error *err)
{
	struct pdf_out o = {out, false};
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(write_pdf, &o, PAGE_W, PAGE_H);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surface);
		return app_fail(err, ERR_INTERNAL, NULL, "cannot start the PDF");
	}
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, l->subject ? l->subject : "");
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "attend");
	cairo_t *cr = cairo_create(surface);
	PangoFontMap *fm = pango_cairo_font_map_new();
	PangoContext *ctx = pango_font_map_create_context(fm);
	pango_cairo_update_context(cr, ctx);
	pango_context_set_language(ctx, pango_language_from_string(l->language ? l->language : "en"));
	struct page p = {cr, ctx, l->language, MARGIN};

	letterhead(&p, l);
	address_block(&p, l);
	if (l->subject && *l->subject) {
		p.y += draw(&p, MARGIN, p.y, l->subject, "Sans Bold 12", TEXT_W, PANGO_ALIGN_LEFT) + 12;
	}
	if (l->box_title)
		figure_box(&p, l);
	flow(&p, l->body, "Sans 10.5");

	cairo_show_page(cr);
	g_object_unref(ctx);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	cairo_status_t st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (o.failed || st != CAIRO_STATUS_SUCCESS)
		return app_fail(err, ERR_INTERNAL, NULL, "writing the PDF failed: %s",
				o.failed ? "out of memory" : cairo_status_to_string(st));
	return 0;
}
