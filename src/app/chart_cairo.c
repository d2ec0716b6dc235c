#include "app/chart_cairo.h"

#include <pango/pangocairo.h>
#include <stdio.h>

#define FONT "DejaVu Sans, Sans"
#define AXIS_W 34.0
#define LEGEND_H 16.0
#define LABEL_H 14.0

/* A layout of plain text (never markup) in the report's font. */
static PangoLayout *layout(cairo_t *cr, const char *text, double size, bool bold, double width)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *f = pango_font_description_from_string(FONT);
	pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
	pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, f);
	pango_font_description_free(f);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(l, text, -1);
	return l;
}

double cairo_text_w(cairo_t *cr, const char *text, double x, double y, double size, bool bold,
		    enum text_align align, double width, double *out_w)
{
	PangoLayout *l = layout(cr, text, size, bold, width);
	pango_layout_set_alignment(l, align == TEXT_CENTRE  ? PANGO_ALIGN_CENTER
				      : align == TEXT_RIGHT ? PANGO_ALIGN_RIGHT
							    : PANGO_ALIGN_LEFT);
	int pw, ph;
	pango_layout_get_pixel_size(l, &pw, &ph);
	double dx = 0;
	if (width <= 0 && align == TEXT_CENTRE)
		dx = -pw / 2.0;
	else if (width <= 0 && align == TEXT_RIGHT)
		dx = -pw;
	cairo_move_to(cr, x + dx, y);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	if (out_w)
		*out_w = pw;
	return ph;
}

double cairo_text_height(cairo_t *cr, const char *text, double size, bool bold, double width)
{
	PangoLayout *l = layout(cr, text, size, bold, width);
	int pw, ph;
	pango_layout_get_pixel_size(l, &pw, &ph);
	g_object_unref(l);
	return ph;
}

double cairo_text(cairo_t *cr, const char *text, double x, double y, double size, bool bold,
		  enum text_align align, double width)
{
	return cairo_text_w(cr, text, x, y, size, bold, align, width, NULL);
}

/* Reference lines differ by dash as well as by place (as on the pages). */
static void ref_dash(cairo_t *cr, int r)
{
	static const double dashes[3][4] = {{6, 4}, {2, 3}, {10, 3, 2, 3}};
	static const int n[3] = {2, 2, 4};
	cairo_set_dash(cr, dashes[r % 3], n[r % 3], 0);
}

static void colour(cairo_t *cr, int c)
{
	double rgb[3];
	chart_colour_rgb(c, rgb);
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
}

/* The fill of a series: its colour, with lines or dots in a contrasting ink,
 * as a repeating pattern (one small tile in the PDF, whatever the area). */
static void fill(cairo_t *cr, const struct chart_series *s)
{
	colour(cr, s->colour);
	if (s->fill == FILL_SOLID) {
		cairo_fill(cr);
		return;
	}
	const double tile = 5;
	cairo_surface_t *t = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA,
							   &(cairo_rectangle_t){0, 0, tile, tile});
	cairo_t *tc = cairo_create(t);
	colour(tc, s->colour);
	cairo_paint(tc);
	double ink = chart_colour_light(s->colour) ? 0 : 1;
	cairo_set_source_rgb(tc, ink, ink, ink);
	cairo_set_line_width(tc, 0.9);
	if (s->fill == FILL_DOTS) {
		cairo_arc(tc, tile / 2, tile / 2, 0.9, 0, 6.2832);
		cairo_fill(tc);
	} else {
		/* a diagonal that joins its neighbours' across the tile's corners */
		cairo_move_to(tc, -1, tile + 1);
		cairo_line_to(tc, tile + 1, -1);
		if (s->fill == FILL_CROSS) {
			cairo_move_to(tc, -1, -1);
			cairo_line_to(tc, tile + 1, tile + 1);
		}
		cairo_stroke(tc);
	}
	cairo_destroy(tc);
	cairo_pattern_t *pat = cairo_pattern_create_for_surface(t);
	cairo_pattern_set_extend(pat, CAIRO_EXTEND_REPEAT);
	cairo_set_source(cr, pat);
	cairo_fill(cr);
	cairo_pattern_destroy(pat);
	cairo_surface_destroy(t);
}

static double y_of(int64_t v, int64_t lo, int64_t hi, double top, double h)
{
	if (v < lo)
		v = lo;
	if (v > hi)
		v = hi;
	return top + h - (double)(v - lo) * h / (double)(hi - lo);
}

static void legend(cairo_t *cr, const struct chart *c, double x, double y, double w)
{
	double at = x;
	for (int s = 0; s < c->n_series + c->n_ref; s++) {
		bool ref = s >= c->n_series;
		const char *name = ref ? c->ref[s - c->n_series].label : c->series[s].name;
		if (at > x + w - 90) {
			at = x;
			y += LEGEND_H;
		}
		if (ref || c->kind == CHART_LINE) {
			cairo_set_line_width(cr, ref ? 1.2 : 2.2);
			if (ref) {
				cairo_set_source_rgb(cr, 0, 0, 0);
				ref_dash(cr, s - c->n_series);
			} else {
				colour(cr, c->series[s].colour);
			}
			cairo_move_to(cr, at, y + 6);
			cairo_line_to(cr, at + 16, y + 6);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
		} else {
			cairo_rectangle(cr, at, y + 1, 16, 10);
			fill(cr, &c->series[s]);
			cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
			cairo_set_line_width(cr, 0.4);
			cairo_rectangle(cr, at, y + 1, 16, 10);
			cairo_stroke(cr);
		}
		cairo_set_source_rgb(cr, 0.1, 0.12, 0.14);
		at += 20;
		double pw;
		cairo_text_w(cr, name, at, y, 8, false, TEXT_LEFT, 0, &pw);
		at += pw + 14;
	}
}

static void y_axis(cairo_t *cr, const struct chart *c, double x, double top, double w, double h,
		   int64_t *lo, int64_t *hi)
{
	int64_t step;
	chart_axis(c, 5, lo, hi, &step);
	cairo_set_line_width(cr, 0.4);
	for (int64_t v = *lo; v <= *hi; v += step) {
		double py = y_of(v, *lo, *hi, top, h);
		cairo_set_source_rgb(cr, 0.84, 0.85, 0.88);
		cairo_move_to(cr, x + AXIS_W, py);
		cairo_line_to(cr, x + w, py);
		cairo_stroke(cr);
		char t[32];
		if (c->pct)
			snprintf(t, sizeof t, "%lld%%", (long long)(v / 100));
		else
			chart_value_text(c, v, t, sizeof t);
		cairo_set_source_rgb(cr, 0.36, 0.39, 0.44);
		cairo_text(cr, t, x + AXIS_W - 3, py - 5, 7.5, false, TEXT_RIGHT, 0);
	}
}

static void refs(cairo_t *cr, const struct chart *c, double x, double top, double w, double h,
		 int64_t lo, int64_t hi)
{
	cairo_set_line_width(cr, 1.0);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int r = 0; r < c->n_ref; r++) {
		double py = y_of(c->ref[r].y, lo, hi, top, h);
		ref_dash(cr, r);
		cairo_move_to(cr, x + AXIS_W, py);
		cairo_line_to(cr, x + w, py);
		cairo_stroke(cr);
	}
	cairo_set_dash(cr, NULL, 0, 0);
}

static void bars(cairo_t *cr, const struct chart *c, double x, double top, double w, double h)
{
	int64_t lo, hi;
	y_axis(cr, c, x, top, w, h, &lo, &hi);
	double band = (w - AXIS_W) / (c->n_cat ? c->n_cat : 1), bw = band * 0.8 / c->n_series;
	for (int k = 0; k < c->n_cat; k++) {
		double x0 = x + AXIS_W + k * band + band * 0.1;
		for (int s = 0; s < c->n_series; s++) {
			int64_t v = chart_get(c, k, s);
			if (v == CHART_NONE)
				continue;
			double py = y_of(v, lo, hi, top, h), base = y_of(lo > 0 ? lo : 0, lo, hi, top, h);
			cairo_rectangle(cr, x0 + s * bw, py < base ? py : base, bw - 0.8,
					py < base ? base - py : py - base);
			fill(cr, &c->series[s]);
		}
		cairo_set_source_rgb(cr, 0.1, 0.12, 0.14);
		cairo_text(cr, c->cat[k], x0 - band * 0.05, top + h + 2, 7, false, TEXT_CENTRE,
			   band * 0.9);
	}
	refs(cr, c, x, top, w, h, lo, hi);
}

static void line(cairo_t *cr, const struct chart *c, double x, double top, double w, double h)
{
	int64_t lo, hi;
	y_axis(cr, c, x, top, w, h, &lo, &hi);
	double dx = (w - AXIS_W) / (c->n_cat > 1 ? c->n_cat - 1 : 1);
	int every = c->n_cat > 10 ? (c->n_cat + 7) / 8 : 1;
	cairo_set_source_rgb(cr, 0.1, 0.12, 0.14);
	for (int k = 0; k < c->n_cat; k += every)
		cairo_text(cr, c->cat[k], x + AXIS_W + k * dx, top + h + 2, 7, false, TEXT_CENTRE, 0);
	refs(cr, c, x, top, w, h, lo, hi);
	for (int s = 0; s < c->n_series; s++) {
		colour(cr, c->series[s].colour);
		cairo_set_line_width(cr, 1.8);
		bool pen = false;
		for (int k = 0; k < c->n_cat; k++) {
			int64_t v = chart_get(c, k, s);
			if (v == CHART_NONE) {
				pen = false;
				continue;
			}
			double px = x + AXIS_W + k * dx, py = y_of(v, lo, hi, top, h);
			if (pen)
				cairo_line_to(cr, px, py);
			else
				cairo_move_to(cr, px, py);
			pen = true;
		}
		cairo_stroke(cr);
		for (int k = 0; k < c->n_cat; k++) {
			int64_t v = chart_get(c, k, s);
			if (v == CHART_NONE)
				continue;
			double px = x + AXIS_W + k * dx, py = y_of(v, lo, hi, top, h);
			if (s == 0)
				cairo_arc(cr, px, py, 2.2, 0, 6.2832);
			else
				cairo_rectangle(cr, px - 2.2, py - 2.2, 4.4, 4.4);
			cairo_fill(cr);
		}
	}
}

static void stacked(cairo_t *cr, const struct chart *c, double x, double top, double w, double h)
{
	double row = h / (c->n_cat ? c->n_cat : 1), label_w = 64;
	for (int k = 0; k < c->n_cat; k++) {
		double y = top + k * row;
		cairo_set_source_rgb(cr, 0.1, 0.12, 0.14);
		cairo_text(cr, c->cat[k], x + label_w - 4, y + row / 2 - 5, 8, false, TEXT_RIGHT, 0);
		int64_t total = chart_cat_total(c, k);
		double at = x + label_w;
		for (int s = 0; s < c->n_series && total > 0; s++) {
			int64_t v = chart_get(c, k, s);
			if (v == CHART_NONE || v <= 0)
				continue;
			double sw = (w - label_w) * (double)v / (double)total;
			cairo_rectangle(cr, at, y + 2, sw, row - 4);
			fill(cr, &c->series[s]);
			at += sw;
		}
	}
}

void chart_cairo(cairo_t *cr, const struct chart *c, double x, double y, double w, double h)
{
	cairo_save(cr);
	int legend_rows = 1 + (c->n_series + c->n_ref) / 5;
	double plot_h = h - LABEL_H - LEGEND_H * legend_rows - 6;
	switch (c->kind) {
	case CHART_BARS: bars(cr, c, x, y, w, plot_h); break;
	case CHART_LINE: line(cr, c, x, y, w, plot_h); break;
	case CHART_STACKED: stacked(cr, c, x, y, w, plot_h + LABEL_H); break;
	}
	legend(cr, c, x + AXIS_W, y + plot_h + LABEL_H + 6, w - AXIS_W);
	cairo_restore(cr);
}
