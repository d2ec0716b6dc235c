/* Charts (app/chart.h) as inline SVG, written through the escaping writers:
 * no script, no style attributes (the CSP forbids inline styles), only
 * presentation attributes. Each chart is a figure: the SVG (role img, its
 * title and description), a legend that shows each series' colour and
 * fill, and the figures as a table, so nothing depends on seeing colour. */
#include "web/svg.h"

#include "web/views.h"

#include <stdio.h>
#include <string.h>

#define W 640
#define PAD_L 48
#define PAD_R 12
#define PAD_T 12
#define PLOT_H 200

static void num(struct html *h, double v)
{
	html_txtf(h, "%.1f", v);
}

/* <defs>: the fills of the series that are not solid. */
static void defs(struct html *h, const struct chart *c)
{
	html_lit(h, "<defs>");
	for (int s = 0; s < c->n_series; s++) {
		const struct chart_series *x = &c->series[s];
		if (x->fill == FILL_SOLID)
			continue;
		bool light = chart_colour_light(x->colour);
		const char *ink = light ? "#000000" : "#FFFFFF";
		html_lit(h, "<pattern id=\"");
		html_attr(h, c->id);
		html_txtf(h, "-f%d", s);
		html_lit(h, "\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" "
			    "height=\"8\" fill=\"");
		html_attr(h, chart_colour_hex(x->colour));
		html_lit(h, "\"/>");
		switch (x->fill) {
		case FILL_HATCH:
			html_lit(h, "<path d=\"M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4\" stroke-width=\"1.5\" stroke=\"");
			break;
		case FILL_CROSS:
			html_lit(h, "<path d=\"M0,8 l8,-8 M0,0 l8,8\" stroke-width=\"1.2\" stroke=\"");
			break;
		default:
			html_lit(h, "<circle cx=\"4\" cy=\"4\" r=\"1.6\" stroke-width=\"0\" fill=\"");
			html_attr(h, ink);
			html_lit(h, "\" stroke=\"");
			break;
		}
		html_attr(h, ink);
		html_lit(h, "\"/></pattern>");
	}
	html_lit(h, "</defs>");
}

static void fill_attr(struct html *h, const struct chart *c, int s)
{
	html_lit(h, " fill=\"");
	if (c->series[s].fill == FILL_SOLID) {
		html_attr(h, chart_colour_hex(c->series[s].colour));
	} else {
		html_lit(h, "url(#");
		html_attr(h, c->id);
		html_txtf(h, "-f%d", s);
		html_lit(h, ")");
	}
	html_lit(h, "\"");
}

/* "Year 7, 10-15%: 12" for a value's tooltip and accessible name. */
static void value_label(struct html *h, const struct chart *c, int cat, int s)
{
	char v[32];
	const char *note = chart_note(c, cat, s);
	html_txt(h, c->cat[cat]);
	if (c->n_series > 1) {
		html_lit(h, ", ");
		html_txt(h, c->series[s].name);
	}
	html_lit(h, ": ");
	html_txt(h, note ? note : chart_value_text(c, chart_get(c, cat, s), v, sizeof v));
}

/* Opens a value's link (if it has one) and its shape's title. */
static bool open_value(struct html *h, const struct chart *c, int cat, int s)
{
	const char *href = chart_href(c, cat, s);
	if (href) {
		html_lit(h, "<a href=\"");
		html_attr(h, href);
		html_lit(h, "\">");
	}
	return href != NULL;
}

static void close_value(struct html *h, const struct chart *c, int cat, int s, bool link)
{
	html_lit(h, "<title>");
	value_label(h, c, cat, s);
	html_lit(h, "</title>");
	if (link)
		html_lit(h, "</a>");
}

/* A line across the plot at py, its element left open for its stroke. */
static void hline(struct html *h, double py)
{
	html_lit(h, "<line x1=\"");
	html_int(h, PAD_L);
	html_lit(h, "\" x2=\"");
	html_int(h, W - PAD_R);
	html_lit(h, "\" y1=\"");
	num(h, py);
	html_lit(h, "\" y2=\"");
	num(h, py);
	html_lit(h, "\"");
}

/* The y axis: gridlines and labels; returns the scale. */
static void y_axis(struct html *h, const struct chart *c, int plot_h, int64_t *lo, int64_t *hi)
{
	int64_t step;
	chart_axis(c, 5, lo, hi, &step);
	for (int64_t y = *lo; y <= *hi; y += step) {
		double py = PAD_T + plot_h - (double)(y - *lo) * plot_h / (double)(*hi - *lo);
		char t[32];
		hline(h, py);
		html_lit(h, " stroke=\"#D5DAE1\" stroke-width=\"1\"/><text x=\"");
		html_int(h, PAD_L - 6);
		html_lit(h, "\" y=\"");
		num(h, py + 4);
		html_lit(h, "\" text-anchor=\"end\" font-size=\"11\" fill=\"#5B6470\">");
		if (c->pct)
			html_txtf(h, "%lld%%", (long long)(y / 100));
		else
			html_txt(h, chart_value_text(c, y, t, sizeof t));
		html_lit(h, "</text>");
	}
}

/* Reference lines differ by dash as well as by place. */
static const char *ref_dash(int r)
{
	static const char *const dashes[] = {"6 4", "2 3", "10 3 2 3"};
	return dashes[r % 3];
}

static double y_of(int64_t v, int64_t lo, int64_t hi, int plot_h)
{
	if (v < lo)
		v = lo;
	if (v > hi)
		v = hi;
	return PAD_T + plot_h - (double)(v - lo) * plot_h / (double)(hi - lo);
}

static void refs(struct html *h, const struct chart *c, int64_t lo, int64_t hi, int plot_h)
{
	for (int r = 0; r < c->n_ref; r++) {
		double py = y_of(c->ref[r].y, lo, hi, plot_h);
		hline(h, py);
		html_lit(h, " stroke=\"#000000\" stroke-width=\"1.5\" stroke-dasharray=\"");
		html_txt(h, ref_dash(r));
		/* labels alternate right and left, so two close lines stay readable */
		html_lit(h, "\"/><text x=\"");
		html_int(h, r % 2 ? PAD_L + 4 : W - PAD_R - 2);
		html_lit(h, "\" y=\"");
		num(h, py - 4);
		html_lit(h, "\" font-size=\"11\" fill=\"#000000\" text-anchor=\"");
		html_txt(h, r % 2 ? "start" : "end");
		html_lit(h, "\">");
		html_txt(h, c->ref[r].label);
		html_lit(h, "</text>");
	}
}

static void cat_label(struct html *h, double x, int y, const char *text, bool show)
{
	if (!show)
		return;
	html_lit(h, "<text x=\"");
	num(h, x);
	html_lit(h, "\" y=\"");
	html_int(h, y);
	html_lit(h, "\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1B1F24\">");
	html_txt(h, text);
	html_lit(h, "</text>");
}

static void bars_body(struct html *h, const struct chart *c)
{
	const int plot_h = PLOT_H;
	int64_t lo, hi;
	y_axis(h, c, plot_h, &lo, &hi);
	double band = (double)(W - PAD_L - PAD_R) / (c->n_cat ? c->n_cat : 1);
	double bw = band * 0.8 / (c->n_series ? c->n_series : 1);
	for (int k = 0; k < c->n_cat; k++) {
		double x0 = PAD_L + k * band + band * 0.1;
		for (int s = 0; s < c->n_series; s++) {
			int64_t v = chart_get(c, k, s);
			if (v == CHART_NONE)
				continue;
			double top = y_of(v, lo, hi, plot_h), base = y_of(lo > 0 ? lo : 0, lo, hi, plot_h);
			bool link = open_value(h, c, k, s);
			html_lit(h, "<rect x=\"");
			num(h, x0 + s * bw);
			html_lit(h, "\" y=\"");
			num(h, top < base ? top : base);
			html_lit(h, "\" width=\"");
			num(h, bw - 1);
			html_lit(h, "\" height=\"");
			num(h, top < base ? base - top : top - base);
			html_lit(h, "\" stroke=\"#1B1F24\" stroke-width=\"0.5\"");
			fill_attr(h, c, s);
			html_lit(h, ">");
			close_value(h, c, k, s, link);
			html_lit(h, "</rect>");
		}
		cat_label(h, x0 + band * 0.4, PAD_T + plot_h + 18, c->cat[k], true);
	}
	refs(h, c, lo, hi, plot_h);
}

static void line_body(struct html *h, const struct chart *c)
{
	const int plot_h = PLOT_H;
	int64_t lo, hi;
	y_axis(h, c, plot_h, &lo, &hi);
	double dx = (double)(W - PAD_L - PAD_R) / (c->n_cat > 1 ? c->n_cat - 1 : 1);
	int every = c->n_cat > 10 ? (c->n_cat + 7) / 8 : 1;
	for (int k = 0; k < c->n_cat; k++)
		cat_label(h, PAD_L + k * dx, PAD_T + plot_h + 18, c->cat[k], k % every == 0);
	refs(h, c, lo, hi, plot_h);
	for (int s = 0; s < c->n_series; s++) {
		const char *col = chart_colour_hex(c->series[s].colour);
		html_lit(h, "<path fill=\"none\" stroke-width=\"2.5\" stroke=\"");
		html_attr(h, col);
		html_lit(h, "\"");
		if (c->series[s].dashed)
			html_lit(h, " stroke-dasharray=\"7 4\"");
		html_lit(h, " d=\"");
		bool pen = false;
		for (int k = 0; k < c->n_cat; k++) {
			int64_t v = chart_get(c, k, s);
			if (v == CHART_NONE) {
				pen = false;
				continue;
			}
			html_txtf(h, "%c%.1f,%.1f ", pen ? 'L' : 'M', PAD_L + k * dx, y_of(v, lo, hi, plot_h));
			pen = true;
		}
		html_lit(h, "\"/>");
		/* a marker on every point: a circle for the first series, a square after */
		for (int k = 0; k < c->n_cat; k++) {
			int64_t v = chart_get(c, k, s);
			if (v == CHART_NONE)
				continue;
			double x = PAD_L + k * dx, y = y_of(v, lo, hi, plot_h);
			bool link = open_value(h, c, k, s);
			if (s == 0) {
				html_lit(h, "<circle r=\"3.5\" cx=\"");
				num(h, x);
				html_lit(h, "\" cy=\"");
				num(h, y);
			} else {
				html_lit(h, "<rect width=\"7\" height=\"7\" x=\"");
				num(h, x - 3.5);
				html_lit(h, "\" y=\"");
				num(h, y - 3.5);
			}
			html_lit(h, "\" stroke=\"#FFFFFF\" stroke-width=\"1\" fill=\"");
			html_attr(h, col);
			html_lit(h, "\">");
			close_value(h, c, k, s, link);
			if (s == 0)
				html_lit(h, "</circle>");
			else
				html_lit(h, "</rect>");
		}
	}
}

#define ROW_H 26
#define LABEL_W 92

static void stacked_body(struct html *h, const struct chart *c)
{
	double plot_w = W - LABEL_W - PAD_R;
	for (int k = 0; k < c->n_cat; k++) {
		int y = PAD_T + k * (ROW_H + 6);
		html_lit(h, "<text x=\"");
		html_int(h, LABEL_W - 6);
		html_lit(h, "\" y=\"");
		html_int(h, y + ROW_H / 2 + 4);
		html_lit(h, "\" text-anchor=\"end\" font-size=\"12\" fill=\"#1B1F24\">");
		html_txt(h, c->cat[k]);
		html_lit(h, "</text>");
		int64_t total = chart_cat_total(c, k);
		double x = LABEL_W;
		for (int s = 0; s < c->n_series && total > 0; s++) {
			int64_t v = chart_get(c, k, s);
			if (v == CHART_NONE || v <= 0)
				continue;
			double w = plot_w * (double)v / (double)total;
			bool link = open_value(h, c, k, s);
			html_lit(h, "<g><rect x=\"");
			num(h, x);
			html_lit(h, "\" y=\"");
			html_int(h, y);
			html_lit(h, "\" width=\"");
			num(h, w);
			html_lit(h, "\" height=\"");
			html_int(h, ROW_H);
			html_lit(h, "\" stroke=\"#FFFFFF\" stroke-width=\"1\"");
			fill_attr(h, c, s);
			html_lit(h, "/>");
			if (w >= 22) {
				char t[32];
				html_lit(h, "<text x=\"");
				num(h, x + w / 2);
				html_lit(h, "\" y=\"");
				html_int(h, y + ROW_H / 2 + 4);
				html_lit(h, "\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"600\" "
					    "stroke-width=\"3\" paint-order=\"stroke\" stroke=\"");
				bool light = chart_colour_light(c->series[s].colour);
				html_attr(h, light ? "#FFFFFF" : "#000000");
				html_lit(h, "\" fill=\"");
				html_attr(h, light ? "#000000" : "#FFFFFF");
				html_lit(h, "\">");
				html_txt(h, chart_value_text(c, v, t, sizeof t));
				html_lit(h, "</text>");
			}
			close_value(h, c, k, s, link);
			html_lit(h, "</g>");
			x += w;
		}
	}
}

static void legend(struct html *h, const struct chart *c)
{
	html_lit(h, "<ul class=\"legend\">");
	for (int s = 0; s < c->n_series; s++) {
		html_lit(h, "<li><svg width=\"22\" height=\"14\" aria-hidden=\"true\" focusable=\"false\">");
		if (c->kind == CHART_LINE) {
			html_lit(h, "<line x1=\"1\" x2=\"21\" y1=\"7\" y2=\"7\" stroke-width=\"3\" stroke=\"");
			html_attr(h, chart_colour_hex(c->series[s].colour));
			html_lit(h, "\"");
			if (c->series[s].dashed)
				html_lit(h, " stroke-dasharray=\"5 3\"");
			html_lit(h, "/>");
		} else {
			/* the legend's own copy of the fill: the chart's defs are in another svg */
			struct chart one = *c;
			snprintf(one.id, sizeof one.id, "%s-l", c->id);
			defs(h, &one);
			html_lit(h, "<rect x=\"1\" y=\"1\" width=\"20\" height=\"12\" stroke=\"#1B1F24\" "
				    "stroke-width=\"0.5\"");
			fill_attr(h, &one, s);
			html_lit(h, "/>");
		}
		html_lit(h, "</svg>");
		html_txt(h, c->series[s].name);
		html_lit(h, "</li>");
	}
	for (int r = 0; r < c->n_ref; r++) {
		html_lit(h, "<li><svg width=\"22\" height=\"14\" aria-hidden=\"true\" focusable=\"false\">"
			    "<line x1=\"1\" x2=\"21\" y1=\"7\" y2=\"7\" stroke=\"#000000\" stroke-width=\"1.5\" "
			    "stroke-dasharray=\"");
		html_txt(h, ref_dash(r));
		html_lit(h, "\"/></svg>");
		html_txt(h, c->ref[r].label);
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>");
}

/* The figures as a table: categories down, series across. */
static void table(struct html *h, const struct chart *c)
{
	html_lit(h, "<details class=\"chart-data\"><summary>The figures of this chart</summary>"
		    "<table class=\"list\"><thead><tr><th scope=\"col\"></th>");
	for (int s = 0; s < c->n_series; s++) {
		html_lit(h, "<th scope=\"col\">");
		html_txt(h, c->series[s].name);
		html_lit(h, "</th>");
	}
	html_lit(h, "</tr></thead><tbody>");
	for (int k = 0; k < c->n_cat; k++) {
		html_lit(h, "<tr><th scope=\"row\">");
		html_txt(h, c->cat[k]);
		html_lit(h, "</th>");
		for (int s = 0; s < c->n_series; s++) {
			char t[32];
			const char *note = chart_note(c, k, s), *href = chart_href(c, k, s);
			const char *key = chart_key(c, k, s);
			html_lit(h, "<td");
			if (key && !note)
				view_data_attrs(h, key, chart_get(c, k, s), c->pct ? FIG_PCT : FIG_COUNT);
			html_lit(h, ">");
			if (href) {
				html_lit(h, "<a href=\"");
				html_attr(h, href);
				html_lit(h, "\">");
			}
			html_txt(h, note ? note : chart_value_text(c, chart_get(c, k, s), t, sizeof t));
			if (href)
				html_lit(h, "</a>");
			html_lit(h, "</td>");
		}
		html_lit(h, "</tr>");
	}
	html_lit(h, "</tbody></table></details>");
}

void svg_chart(struct html *h, const struct chart *c)
{
	html_lit(h, "<figure class=\"chart\" id=\"chart-");
	html_attr(h, c->id);
	html_lit(h, "\"><figcaption>");
	html_txt(h, c->title);
	html_lit(h, "</figcaption><svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"");
	html_attr(h, c->id);
	html_lit(h, "-t ");
	html_attr(h, c->id);
	html_lit(h, "-d\" preserveAspectRatio=\"xMinYMin meet\" viewBox=\"");
	html_txtf(h, "0 0 %d %d", W,
		  c->kind == CHART_STACKED ? PAD_T + c->n_cat * (ROW_H + 6) + 4 : PAD_T + PLOT_H + 28);
	html_lit(h, "\">");
	html_lit(h, "<title id=\"");
	html_attr(h, c->id);
	html_lit(h, "-t\">");
	html_txt(h, c->title);
	html_lit(h, "</title><desc id=\"");
	html_attr(h, c->id);
	html_lit(h, "-d\">");
	html_txt(h, c->desc);
	html_lit(h, "</desc>");
	defs(h, c);
	switch (c->kind) {
	case CHART_BARS: bars_body(h, c); break;
	case CHART_LINE: line_body(h, c); break;
	case CHART_STACKED: stacked_body(h, c); break;
	}
	html_lit(h, "</svg>");
	legend(h, c);
	html_lit(h, "<p class=\"hint\">");
	html_txt(h, c->desc);
	html_lit(h, "</p>");
	table(h, c);
	html_lit(h, "</figure>");
}
