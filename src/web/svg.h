/* Charts as inline SVG figures (see app/chart.h). */
#ifndef ATTEND_SVG_H
#define ATTEND_SVG_H

#include "app/chart.h"
#include "web/html.h"

/* The chart, its legend, its description and its figures as a table. */
void svg_chart(struct html *h, const struct chart *c);

#endif
