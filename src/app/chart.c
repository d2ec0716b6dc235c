#include "app/chart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/wording.h"

int chart_init(struct chart *c, enum chart_kind kind, const char *id, int n_cat, int n_series)
{
	memset(c, 0, sizeof *c);
	c->kind = kind;
	snprintf(c->id, sizeof c->id, "%s", id);
	c->n_cat = n_cat;
	c->n_series = n_series < CHART_SERIES_MAX ? n_series : CHART_SERIES_MAX;
	size_t nv = (size_t)(n_cat > 0 ? n_cat : 1) * (size_t)(c->n_series > 0 ? c->n_series : 1);
	c->cat = calloc((size_t)(n_cat > 0 ? n_cat : 1), sizeof *c->cat);
	c->v = malloc(nv * sizeof *c->v);
	if (!c->cat || !c->v) {
		chart_free(c);
		return -1;
	}
	for (size_t i = 0; i < nv; i++)
		c->v[i] = CHART_NONE;
	return 0;
}

static void free_texts(char **t, size_t n)
{
	for (size_t i = 0; t && i < n; i++)
		free(t[i]);
	free(t);
}

void chart_free(struct chart *c)
{
	size_t nv = (size_t)c->n_cat * (size_t)c->n_series;
	free_texts(c->href, nv);
	free_texts(c->note, nv);
	free_texts(c->key, nv);
	free(c->cat);
	free(c->v);
	memset(c, 0, sizeof *c);
}

static int set_text(struct chart *c, char ***texts, int cat, int series, const char *text)
{
	size_t nv = (size_t)c->n_cat * (size_t)c->n_series;
	if (!*texts && !(*texts = calloc(nv ? nv : 1, sizeof **texts)))
		return -1;
	size_t i = (size_t)cat * (size_t)c->n_series + (size_t)series;
	free((*texts)[i]);
	return ((*texts)[i] = strdup(text)) ? 0 : -1;
}

int chart_set_href(struct chart *c, int cat, int series, const char *href)
{
	return set_text(c, &c->href, cat, series, href);
}

int chart_set_note(struct chart *c, int cat, int series, const char *note)
{
	return set_text(c, &c->note, cat, series, note);
}

int chart_set_key(struct chart *c, int cat, int series, const char *key)
{
	return set_text(c, &c->key, cat, series, key);
}

static const char *text_at(char *const *t, const struct chart *c, int cat, int series)
{
	return t ? t[(size_t)cat * (size_t)c->n_series + (size_t)series] : NULL;
}

const char *chart_href(const struct chart *c, int cat, int series)
{
	return text_at(c->href, c, cat, series);
}

const char *chart_key(const struct chart *c, int cat, int series)
{
	return text_at(c->key, c, cat, series);
}

const char *chart_note(const struct chart *c, int cat, int series)
{
	return text_at(c->note, c, cat, series);
}

void chart_series(struct chart *c, int i, const char *name, int colour, enum chart_fill fill)
{
	if (i < 0 || i >= c->n_series)
		return;
	struct chart_series *s = &c->series[i];
	snprintf(s->name, sizeof s->name, "%s", name);
	s->colour = colour;
	s->fill = fill;
}

static const char *const palette[PAL__MAX] = {
	"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
	/* viridis, reversed: little absence light, much absence dark */
	"#FDE725", "#BDDF26", "#7AD151", "#44BF70", "#22A884", "#21918C", "#2A788E", "#355F8D",
	"#414487", "#482475", "#440154"};

const char *chart_colour_hex(int colour)
{
	return colour >= 0 && colour < PAL__MAX ? palette[colour] : palette[0];
}

void chart_colour_rgb(int colour, double rgb[3])
{
	unsigned v = (unsigned)strtoul(chart_colour_hex(colour) + 1, NULL, 16);
	rgb[0] = ((v >> 16) & 255) / 255.0;
	rgb[1] = ((v >> 8) & 255) / 255.0;
	rgb[2] = (v & 255) / 255.0;
}

bool chart_colour_light(int colour)
{
	double c[3];
	chart_colour_rgb(colour, c);
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] > 0.45;
}

char *chart_value_text(const struct chart *c, int64_t v, char *buf, size_t len)
{
	if (v == CHART_NONE)
		snprintf(buf, len, "–");
	else if (c->pct)
		wording_pct(v, buf, len);
	else if (c->score)
		snprintf(buf, len, "%lld.%02lld", (long long)(v / 100), (long long)(v % 100));
	else
		wording_count(v, buf, len);
	return buf;
}

int64_t chart_cat_total(const struct chart *c, int cat)
{
	int64_t t = 0;
	for (int s = 0; s < c->n_series; s++) {
		int64_t v = chart_get(c, cat, s);
		if (v != CHART_NONE && v > 0)
			t += v;
	}
	return t;
}

void chart_axis(const struct chart *c, int max_ticks, int64_t *lo, int64_t *hi, int64_t *step)
{
	int64_t mn = c->y_min, mx = c->y_max;
	bool auto_max = mx == 0;
	for (int i = 0; auto_max && i < c->n_cat * c->n_series; i++)
		if (c->v[i] != CHART_NONE && c->v[i] > mx)
			mx = c->v[i];
	for (int r = 0; auto_max && r < c->n_ref; r++)
		if (c->ref[r].y > mx)
			mx = c->ref[r].y;
	if (mx <= mn)
		mx = mn + (c->pct ? 100 : 1);
	int64_t range = mx - mn, s = 1;
	if (max_ticks < 2)
		max_ticks = 2;
	for (;;) {
		if (range / s <= max_ticks)
			break;
		if (range / (2 * s) <= max_ticks) {
			s *= 2;
			break;
		}
		if (range / (5 * s) <= max_ticks) {
			s *= 5;
			break;
		}
		s *= 10;
	}
	*step = s;
	*lo = mn - (mn % s + s) % s;
	*hi = mx % s ? mx + (s - mx % s) : mx;
}
