/* A chart as data: categories, series and values, with a title and a
 * sentence saying what it shows. The same chart is drawn as inline SVG on
 * the pages (web/svg.c) and with cairo in the PDF report (app/chart_cairo.c),
 * and is always accompanied by its figures as a table. Colours come from a
 * palette safe for colour-blind readers (Okabe-Ito; viridis for ordered
 * bands), and series differ by pattern or line style as well as colour. */
#ifndef ATTEND_CHART_H
#define ATTEND_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CHART_SERIES_MAX 12
#define CHART_REFS_MAX 3
#define CHART_NONE INT64_MIN /* no value (no possible sessions, suppressed) */

enum chart_kind {
	CHART_BARS,    /* vertical bars, series side by side in each category */
	CHART_STACKED, /* one horizontal bar per category, series stacked to 100% */
	CHART_LINE,    /* a line per series across the categories */
};

/* What a figure is, for writing it and its exact value: a count, a
 * percentage or a difference in percentage points (both in hundredths). */
enum fig_kind { FIG_COUNT, FIG_PCT, FIG_PP };

/* Fills that tell series apart without colour. */
enum chart_fill { FILL_SOLID, FILL_HATCH, FILL_CROSS, FILL_DOTS, FILL__MAX };

struct chart_series {
	char name[64];
	int colour; /* index into the palette */
	enum chart_fill fill;
	bool dashed; /* lines */
};

struct chart_ref {
	int64_t y;
	char label[48];
};

struct chart {
	enum chart_kind kind;
	char id[24];     /* unique on its page: "bands", "weekly", ... */
	char title[128];
	char desc[400];  /* what it shows, in a sentence (the text alternative) */
	bool pct;        /* values are percentages in hundredths; else counts */
	bool score;      /* values are hundredths shown as decimals ("2.67"): scores */
	int n_cat, n_series;
	char (*cat)[48];
	struct chart_series series[CHART_SERIES_MAX];
	int64_t *v;     /* [cat * n_series + series]; CHART_NONE for none */
	char **href;    /* NULL, or a link per value (pages only; NULL entries for none) */
	char **note;    /* NULL, or a text per value shown instead of the number ("fewer than 6") */
	char **key;     /* NULL, or a name per value for machines (pages: data-k) */
	int64_t y_max;  /* the axis' top (bars, lines); 0: from the data */
	int64_t y_min;
	int n_ref;
	struct chart_ref ref[CHART_REFS_MAX]; /* reference lines: "90%", "national 7.2%" */
};

/* Allocates the labels and values (all CHART_NONE); -1 when out of memory. */
int chart_init(struct chart *c, enum chart_kind kind, const char *id, int n_cat, int n_series);
void chart_free(struct chart *c);
static inline int64_t *chart_v(struct chart *c, int cat, int series)
{
	return &c->v[(size_t)cat * (size_t)c->n_series + (size_t)series];
}
static inline int64_t chart_get(const struct chart *c, int cat, int series)
{
	return c->v[(size_t)cat * (size_t)c->n_series + (size_t)series];
}
/* Sets the link of a value (copied); -1 when out of memory. */
int chart_set_href(struct chart *c, int cat, int series, const char *href);
/* Sets the note of a value (copied); -1 when out of memory. */
int chart_set_note(struct chart *c, int cat, int series, const char *note);
/* Sets the name of a value for machines (copied); -1 when out of memory. */
int chart_set_key(struct chart *c, int cat, int series, const char *key);
const char *chart_href(const struct chart *c, int cat, int series);
const char *chart_key(const struct chart *c, int cat, int series);
const char *chart_note(const struct chart *c, int cat, int series);
void chart_series(struct chart *c, int i, const char *name, int colour, enum chart_fill fill);

/* The palette: Okabe-Ito (0 black, 1 orange, 2 sky blue, 3 bluish green,
 * 4 yellow, 5 blue, 6 vermillion, 7 reddish purple), then 11 steps of
 * viridis for the absence bands, light (little absence) to dark. */
enum {
	PAL_BLACK, PAL_ORANGE, PAL_SKY, PAL_GREEN, PAL_YELLOW, PAL_BLUE, PAL_VERMILLION, PAL_PURPLE,
	PAL_BAND0, PAL__MAX = PAL_BAND0 + 11
};
const char *chart_colour_hex(int colour); /* "#E69F00" */
void chart_colour_rgb(int colour, double rgb[3]);
/* Whether dark text reads on the colour (else white). */
bool chart_colour_light(int colour);

/* A value as people read it: "94.7%" or "1,234"; "–" for none. */
char *chart_value_text(const struct chart *c, int64_t v, char *buf, size_t len);
/* The axis' range: [lo, hi] rounded out to a step (a nice 1, 2 or 5 times
 * a power of ten) that gives at most max_ticks ticks. */
void chart_axis(const struct chart *c, int max_ticks, int64_t *lo, int64_t *hi, int64_t *step);
/* The total of a category's values (stacked bars). */
int64_t chart_cat_total(const struct chart *c, int cat);

#endif
