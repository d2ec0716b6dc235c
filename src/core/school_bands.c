#include "core/school_bands.h"

#include <stdio.h>
#include <string.h>

/* "97", "97.5", "97.25" as hundredths; -1 if it is not a number 0..100. */
static int64_t parse_pct100(const char *s, size_t n)
{
	int64_t whole = 0, frac = 0;
	size_t i = 0, digits = 0;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
		if ((whole = whole * 10 + (s[i] - '0')) > 100)
			return -1;
	if (!digits)
		return -1;
	if (i < n && s[i] == '.') {
		int k = 0;
		for (i++; i < n && s[i] >= '0' && s[i] <= '9' && k < 2; i++, k++)
			frac = frac * 10 + (s[i] - '0');
		if (k == 0)
			return -1;
		if (k == 1)
			frac *= 10;
	}
	if (i != n)
		return -1;
	int64_t v = whole * 100 + frac;
	return v > 10000 ? -1 : v;
}

int school_bands_parse(const char *text, struct school_bands *out, char *why, size_t why_len)
{
	memset(out, 0, sizeof *out);
	const char *p = text ? text : "";
	int64_t above = 10001;
	while (*p) {
		size_t n = strcspn(p, "|");
		const char *colon = memchr(p, ':', n);
		if (out->n == SCHOOL_BANDS_MAX) {
			snprintf(why, why_len, "at most %d bands", SCHOOL_BANDS_MAX);
			return -1;
		}
		if (!colon) {
			snprintf(why, why_len, "band %d is not LOWER:NAME (e.g. 95:Good)", out->n + 1);
			return -1;
		}
		int64_t lower = parse_pct100(p, (size_t)(colon - p));
		size_t name_len = n - (size_t)(colon - p) - 1;
		if (lower < 0) {
			snprintf(why, why_len, "band %d: '%.*s' is not a percentage from 0 to 100",
				 out->n + 1, (int)(colon - p), p);
			return -1;
		}
		if (lower >= above) {
			snprintf(why, why_len,
				 "band %d starts at %.*s%%, not below the band before it: list bands "
				 "from the highest attendance to the lowest",
				 out->n + 1, (int)(colon - p), p);
			return -1;
		}
		if (name_len == 0 || name_len >= SCHOOL_BAND_NAME_MAX || memchr(colon + 1, ':', name_len)) {
			snprintf(why, why_len, "band %d needs a name of 1 to %d characters, without ':'",
				 out->n + 1, SCHOOL_BAND_NAME_MAX - 1);
			return -1;
		}
		struct school_band *b = &out->band[out->n++];
		b->lower100 = lower;
		b->upper100 = above;
		memcpy(b->name, colon + 1, name_len);
		b->name[name_len] = '\0';
		above = lower;
		p += n;
		if (*p == '|') {
			p++;
			if (!*p) {
				snprintf(why, why_len, "the list ends with '|'");
				return -1;
			}
		}
	}
	if (out->n < 2) {
		snprintf(why, why_len, "at least 2 bands, e.g. " SCHOOL_BANDS_DEFAULT);
		return -1;
	}
	if (above != 0) {
		snprintf(why, why_len, "the last band must start at 0 (every attendance has a band)");
		return -1;
	}
	return 0;
}

int school_bands_find(const struct school_bands *b, int64_t pct100)
{
	if (pct100 < 0)
		return -1;
	for (int i = 0; i < b->n; i++)
		if (pct100 >= b->band[i].lower100 && pct100 < b->band[i].upper100)
			return i;
	return b->n - 1;
}

/* Absence % (hundredths) x 190 days, in tenths of a day, rounded half up. */
static int64_t year_days_tenths(int64_t attendance100)
{
	int64_t absence100 = 10000 - attendance100;
	return (absence100 * SCHOOL_BANDS_YEAR_DAYS * 10 + 5000) / 10000;
}

void school_bands_days(const struct school_band *band, int64_t *least_tenths, int64_t *most_tenths)
{
	*least_tenths = band->upper100 > 10000 ? 0 : year_days_tenths(band->upper100);
	*most_tenths = year_days_tenths(band->lower100);
}

int school_bands_same_bounds(const struct school_bands *a, const struct school_bands *b)
{
	if (a->n != b->n)
		return 0;
	for (int i = 0; i < a->n; i++)
		if (a->band[i].lower100 != b->band[i].lower100)
			return 0;
	return 1;
}
