#include "core/benchmark.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/pupil.h"
#include "core/stats.h"

static const char *const scopes[BM_SCOPE__MAX] = {"national", "regional", "la", "similar"};
static const char *const scope_labels[BM_SCOPE__MAX] = {"national", "regional", "local authority",
							"similar schools"};
static const char *const phases[BM_PHASE__MAX] = {"all",	 "nursery",	"primary",
						  "secondary", "all-through", "special"};
static const char *const periods[BM_PERIOD__MAX] = {"autumn", "spring", "summer", "autumn_spring",
						    "full_year"};
static const char *const period_labels[BM_PERIOD__MAX] = {
	"autumn term", "spring term", "summer term", "autumn and spring terms", "full year"};
static const char *const measures[BM_MEASURE__MAX] = {
	"attendance_pct", "absence_pct", "authorised_pct", "unauthorised_pct",
	"persistent_pct", "severe_pct",	 "band_share_pct"};

static int parse(const char *const *names, int n, const char *text)
{
	for (int i = 0; text && i < n; i++)
		if (strcmp(names[i], text) == 0)
			return i;
	return -1;
}

const char *bm_scope_name(enum bm_scope s)
{
	return (unsigned)s < BM_SCOPE__MAX ? scopes[s] : "?";
}
const char *bm_scope_label(enum bm_scope s)
{
	return (unsigned)s < BM_SCOPE__MAX ? scope_labels[s] : "?";
}
const char *bm_phase_name(enum bm_phase p)
{
	return (unsigned)p < BM_PHASE__MAX ? phases[p] : "?";
}
const char *bm_period_name(enum bm_period p)
{
	return (unsigned)p < BM_PERIOD__MAX ? periods[p] : "?";
}
const char *bm_period_label(enum bm_period p)
{
	return (unsigned)p < BM_PERIOD__MAX ? period_labels[p] : "?";
}
const char *bm_measure_name(enum bm_measure m)
{
	return (unsigned)m < BM_MEASURE__MAX ? measures[m] : "?";
}
int bm_scope_parse(const char *text)
{
	return parse(scopes, BM_SCOPE__MAX, text);
}
int bm_phase_parse(const char *text)
{
	return parse(phases, BM_PHASE__MAX, text);
}
int bm_period_parse(const char *text)
{
	return parse(periods, BM_PERIOD__MAX, text);
}
int bm_measure_parse(const char *text)
{
	return parse(measures, BM_MEASURE__MAX, text);
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int bm_year_parse(const char *text, int *year)
{
	if (!text || strlen(text) != 7 || text[4] != '/' || !digits(text, 4) || !digits(text + 5, 2))
		return -1;
	int y = atoi(text);
	if (y < 1990 || y > 2200 || atoi(text + 5) != (y + 1) % 100)
		return -1;
	*year = y;
	return 0;
}

int bm_value_parse(const char *text, int32_t *value100)
{
	if (!text)
		return -1;
	size_t n = strlen(text), whole = strcspn(text, ".");
	if (whole == 0 || whole > 3 || !digits(text, whole))
		return -1;
	int32_t v = (int32_t)atoi(text) * 100;
	if (whole < n) {
		size_t frac = n - whole - 1;
		if (frac == 0 || frac > 2 || !digits(text + whole + 1, frac))
			return -1;
		v += (text[whole + 1] - '0') * 10 + (frac == 2 ? text[whole + 2] - '0' : 0);
	}
	if (v > 10000)
		return -1;
	*value100 = v;
	return 0;
}

const char *bm_cohort_check(enum bm_measure m, const char *text, char out[BM_COHORT_MAX])
{
	static const char rule[] =
		"cohort must be all, fsm=Y|N, pp=Y|N, eal=Y|N, send=N|K|E, gender=F|M|U or "
		"year=N1..14";
	if (!text || !*text)
		return m == BM_BAND_SHARE ? "cohort of band_share_pct must be band=0-5 ... band=50+"
					  : rule;
	if (m == BM_BAND_SHARE) {
		for (int b = 0; b < BAND__MAX; b++) {
			snprintf(out, BM_COHORT_MAX, "band=%s", stats_band_label(b));
			if (strcmp(out, text) == 0)
				return NULL;
		}
		return "cohort of band_share_pct must be band=0-5, band=5-10, ... or band=50+";
	}
	if (strcmp(text, "all") == 0) {
		snprintf(out, BM_COHORT_MAX, "all");
		return NULL;
	}
	const char *eq = strchr(text, '=');
	if (!eq || eq - text > 8)
		return rule;
	char field[9];
	size_t fl = (size_t)(eq - text);
	for (size_t i = 0; i < fl; i++)
		field[i] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
	field[fl] = '\0';
	const char *v = eq + 1;
	bool ok = false;
	if (!strcmp(field, "fsm") || !strcmp(field, "pp") || !strcmp(field, "eal"))
		ok = !strcmp(v, "Y") || !strcmp(v, "N");
	else if (!strcmp(field, "send"))
		ok = !strcmp(v, "N") || !strcmp(v, "K") || !strcmp(v, "E");
	else if (!strcmp(field, "gender"))
		ok = !strcmp(v, "F") || !strcmp(v, "M") || !strcmp(v, "U");
	else if (!strcmp(field, "year"))
		ok = year_parse(v) != YEAR_INVALID;
	else if (!strcmp(field, "band"))
		return "a band cohort goes with the measure band_share_pct";
	if (!ok)
		return rule;
	snprintf(out, BM_COHORT_MAX, "%s=%s", field, v);
	return NULL;
}

const struct benchmark *bm_find(const struct benchmark *v, int n, enum bm_scope scope,
				enum bm_phase phase, enum bm_measure measure, const char *cohort,
				enum bm_period want)
{
	const struct benchmark *best = NULL;
	int best_score = -1;
	for (int i = 0; i < n; i++) {
		const struct benchmark *b = &v[i];
		if (b->scope != scope || b->measure != measure || strcmp(b->cohort, cohort) != 0)
			continue;
		if (b->phase != phase && b->phase != BM_PHASE_ALL)
			continue;
		/* phase, then period, then year: compared as one number */
		int period = b->period == want ? 2 : b->period == BM_FULL_YEAR ? 1 : 0;
		int score = (b->phase == phase) * 1000000 + period * 100000 + b->year;
		if (score > best_score) {
			best_score = score;
			best = b;
		}
	}
	return best;
}

char *bm_describe(const struct benchmark *b, char *buf, size_t len)
{
	char year[8];
	date_academic_year_label(b->year, year);
	if (b->phase == BM_PHASE_ALL)
		snprintf(buf, len, "%s (all schools), %s %s", bm_scope_label(b->scope),
			 bm_period_label(b->period), year);
	else
		snprintf(buf, len, "%s (%s schools), %s %s", bm_scope_label(b->scope),
			 bm_phase_name(b->phase), bm_period_label(b->period), year);
	return buf;
}
