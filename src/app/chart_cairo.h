/* Charts (app/chart.h) and text drawn with cairo and pango, for PDFs: the
 * same charts the pages draw as SVG, with the same palette and fills. */
#ifndef ATTEND_CHART_CAIRO_H
#define ATTEND_CHART_CAIRO_H

#include <cairo.h>
#include <stdbool.h>

#include "app/chart.h"

enum text_align { TEXT_LEFT, TEXT_CENTRE, TEXT_RIGHT };

/* Writes text (plain, never markup) at x, y (its top), size in points, within
 * width (wrapping; 0 for no limit). Returns the height it took. */
double cairo_text(cairo_t *cr, const char *text, double x, double y, double size, bool bold,
		  enum text_align align, double width);
/* The same, giving the width it took in *out_w. */
double cairo_text_w(cairo_t *cr, const char *text, double x, double y, double size, bool bold,
		    enum text_align align, double width, double *out_w);
/* The height text would take, without drawing it. */
double cairo_text_height(cairo_t *cr, const char *text, double size, bool bold, double width);
/* The chart with its legend in the box (x, y, w, h). */
void chart_cairo(cairo_t *cr, const struct chart *c, double x, double y, double w, double h);

#endif
