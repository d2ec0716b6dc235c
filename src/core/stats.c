#include "core/stats.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

void stats_cols(const struct calendar *cal, date_t from, date_t to, int *c0, int *c1)
{
	int lo, hi;
	calendar_day_range(cal, from, to, &lo, &hi);
	*c0 = 2 * lo;
	*c1 = 2 * hi;
}

bool stats_on_roll(const struct pupil_row *r, int c0, int c1)
{
	return r->first_col < c1 && r->end_col > c0 && r->first_col < r->end_col;
}

/* Category of each code, as a table the inner loop can index. */
static enum code_category category_of[CODE__MAX];
static bool category_ready;

static void init_categories(void)
{
	if (category_ready)
		return;
	for (int c = 0; c < CODE__MAX; c++) {
		const struct code_info *ci = code_info((enum code)c);
		category_of[c] = ci->category;
	}
	category_ready = true;
}

void stats_codes(const uint8_t *cells, int n, struct figures *f)
{
	memset(f, 0, sizeof *f);
	init_categories();
	/* A histogram of codes first: the loop over cells does one increment
	 * per byte and nothing else; categories come from the 40 bins after. */
	uint32_t hist[4][64] = {{0}}; /* codes are < 64: see CODE__MAX */
	int c = 0;
	for (; c + 4 <= n; c += 4) {
		hist[0][cells[c] & 63]++;
		hist[1][cells[c + 1] & 63]++;
		hist[2][cells[c + 2] & 63]++;
		hist[3][cells[c + 3] & 63]++;
	}
	for (; c < n; c++)
		hist[0][cells[c] & 63]++;
	int32_t cat[CAT__MAX] = {0};
	for (int k = 0; k < CODE__MAX; k++) {
		int32_t v = (int32_t)(hist[0][k] + hist[1][k] + hist[2][k] + hist[3][k]);
		f->codes[k] = v;
		cat[category_of[k]] += v;
	}
	f->present = cat[CAT_PRESENT];
	f->approved = cat[CAT_APPROVED];
	f->authorised = cat[CAT_AUTHORISED];
	f->unauthorised = cat[CAT_UNAUTHORISED];
	f->not_possible = cat[CAT_NOT_POSSIBLE];
	f->unmarked = cat[CAT_UNMARKED];
	f->possible = f->present + f->approved + f->authorised + f->unauthorised;
	f->late_before_close = f->codes[CODE_L];
	f->late_after_close = f->codes[CODE_U];
}

void stats_row(const struct matrix *m, int row, int c0, int c1, struct figures *f)
{
	memset(f, 0, sizeof *f);
	const struct pupil_row *r = &m->rows[row];
	if (c0 < r->first_col)
		c0 = r->first_col;
	if (c1 > r->end_col)
		c1 = r->end_col;
	if (c1 <= c0)
		return;
	const uint8_t *cells = matrix_row_cells(m, row);
	stats_codes(cells + c0, c1 - c0, f);
	const struct late_list *l = &m->late[row];
	for (uint32_t i = 0; i < l->n; i++) {
		int col = l->v[i].col;
		if (col >= c0 && col < c1 && (cells[col] == CODE_L || cells[col] == CODE_U))
			f->minutes_late += l->v[i].minutes;
	}
}

bool stats_persistent(const struct figures *f)
{
	return f->possible > 0 && stats_absence(f) * 10 >= f->possible;
}

bool stats_severe(const struct figures *f)
{
	return f->possible > 0 && stats_absence(f) * 2 >= f->possible;
}

bool stats_at_risk(const struct figures *f)
{
	int64_t a = stats_absence(f);
	return f->possible > 0 && a * 20 >= f->possible && a * 10 < f->possible;
}

int stats_band(const struct figures *f)
{
	if (f->possible <= 0)
		return BAND_NONE;
	if (f->possible < BAND_MIN_POSSIBLE)
		return BAND_TOO_FEW;
	/* absence% / 5 = absence * 20 / possible, floored: exact in integers. */
	int64_t b = stats_absence(f) * 20 / f->possible;
	return b >= BAND__MAX - 1 ? BAND__MAX - 1 : (int)b;
}

const char *stats_band_label(int band)
{
	static const char *labels[BAND__MAX] = {"0-5",   "5-10",  "10-15", "15-20", "20-25", "25-30",
						"30-35", "35-40", "40-45", "45-50", "50+"};
	if (band >= 0 && band < BAND__MAX)
		return labels[band];
	return band == BAND_TOO_FEW ? "too_few_sessions" : "none";
}

void stats_classify(const struct figures *f, struct figures_class *c)
{
	c->possible = f->possible > 0;
	c->persistent = stats_persistent(f);
	c->severe = stats_severe(f);
	c->at_risk = stats_at_risk(f);
	c->band = (int8_t)stats_band(f);
}

void stats_add_classified(struct group_figures *g, const struct figures *f,
			  const struct figures_class *c)
{
	g->pupils++;
	g->possible += f->possible;
	g->present += f->present;
	g->approved += f->approved;
	g->authorised += f->authorised;
	g->unauthorised += f->unauthorised;
	g->not_possible += f->not_possible;
	g->unmarked += f->unmarked;
	g->late_before_close += f->late_before_close;
	g->late_after_close += f->late_after_close;
	g->minutes_late += f->minutes_late;
	if (c->possible) {
		g->pupils_with_possible++;
		g->persistent += c->persistent;
		g->severe += c->severe;
		g->at_risk += c->at_risk;
	}
	if (c->band >= 0)
		g->bands[c->band]++;
	else if (c->band == BAND_TOO_FEW)
		g->too_few_sessions++;
}

void stats_add_totals(struct group_figures *g, const struct figures *f)
{
	struct figures_class c;
	stats_classify(f, &c);
	stats_add_classified(g, f, &c);
}

void stats_add(struct group_figures *g, const struct figures *f)
{
	stats_add_totals(g, f);
	for (int k = 0; k < CODE__MAX; k++)
		g->codes[k] += f->codes[k];
}

int64_t stats_pct100(int64_t num, int64_t den)
{
	if (den <= 0)
		return -1;
	/* round(num * 10000 / den), half up, for num >= 0 */
	return (num * 20000 + den) / (2 * den);
}

int64_t stats_pct10(int64_t num, int64_t den)
{
	if (den <= 0)
		return -1;
	return (num * 2000 + den) / (2 * den);
}

static const char *field_names[GROUP__MAX] = {"year", "form", "gender", "fsm", "pp", "send", "eal"};

int group_field_parse(const char *name)
{
	for (int f = 0; f < GROUP__MAX; f++)
		if (name && strcasecmp(name, field_names[f]) == 0)
			return f;
	return -1;
}

const char *group_field_name(enum group_field f)
{
	return (unsigned)f < GROUP__MAX ? field_names[f] : "?";
}

int group_key_count(const struct matrix *m, enum group_field f)
{
	switch (f) {
	case GROUP_YEAR: return YEAR_MAX - YEAR_MIN + 1;
	case GROUP_FORM: return m->n_forms;
	case GROUP_GENDER: return 3; /* F, M, U */
	case GROUP_SEND: return 3;   /* N, K, E */
	default: return 2;           /* N, Y */
	}
}

int group_key(const struct matrix *m, int row, enum group_field f)
{
	const struct pupil_row *r = &m->rows[row];
	switch (f) {
	case GROUP_YEAR: return r->year - YEAR_MIN;
	case GROUP_FORM: return r->form;
	case GROUP_GENDER: return r->gender == 'F' ? 0 : r->gender == 'M' ? 1 : 2;
	case GROUP_SEND: return r->send == 'K' ? 1 : r->send == 'E' ? 2 : 0;
	case GROUP_FSM: return r->fsm ? 1 : 0;
	case GROUP_PP: return r->pp ? 1 : 0;
	case GROUP_EAL: return r->eal ? 1 : 0;
	default: return 0;
	}
}

const char *group_key_label(const struct matrix *m, enum group_field f, int key, char buf[64])
{
	switch (f) {
	case GROUP_YEAR: snprintf(buf, 64, "%s", year_name(key + YEAR_MIN)); break;
	case GROUP_FORM: snprintf(buf, 64, "%s", key < m->n_forms ? m->forms[key] : "?"); break;
	case GROUP_GENDER: snprintf(buf, 64, "%s", key == 0 ? "F" : key == 1 ? "M" : "U"); break;
	case GROUP_SEND: snprintf(buf, 64, "%s", key == 1 ? "K" : key == 2 ? "E" : "N"); break;
	default: snprintf(buf, 64, "%s", key ? "Y" : "N"); break;
	}
	return buf;
}
