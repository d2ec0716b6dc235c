#include "core/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *kind_names[CAL__MAX] = {"term", "inset", "bank_holiday", "closure"};

const char *cal_kind_name(enum cal_kind kind)
{
	return (unsigned)kind < CAL__MAX ? kind_names[kind] : "?";
}

int cal_kind_parse(const char *text)
{
	for (int k = 0; k < CAL__MAX; k++)
		if (text && strcasecmp(text, kind_names[k]) == 0)
			return k;
	return -1;
}

const char *day_kind_name(enum day_kind kind)
{
	static const char *names[DAY__MAX] = {"holiday", "weekend", "school day", "INSET day",
					      "bank holiday", "planned closure"};
	return (unsigned)kind < DAY__MAX ? names[kind] : "?";
}

void calendar_init(struct calendar *cal)
{
	memset(cal, 0, sizeof *cal);
	cal->first = 1;
	cal->last = 0;
}

static void free_built(struct calendar *cal)
{
	free(cal->day_kind);
	free(cal->day_index);
	free(cal->school_days);
	free(cal->half_terms);
	cal->day_kind = NULL;
	cal->day_index = NULL;
	cal->school_days = NULL;
	cal->half_terms = NULL;
	cal->n_school_days = cal->n_half_terms = 0;
	cal->first = 1;
	cal->last = 0;
}

void calendar_free(struct calendar *cal)
{
	free_built(cal);
	free(cal->entries);
	calendar_init(cal);
}

static bool overlaps(const struct cal_entry *a, const struct cal_entry *b)
{
	return a->start <= b->end && b->start <= a->end;
}

static const char *describe(const struct cal_entry *e, char *buf, size_t len)
{
	char s[DATE_ISO_LEN], t[DATE_ISO_LEN];
	if (e->kind == CAL_TERM)
		snprintf(buf, len, "term '%s' %s to %s", e->label, date_format(e->start, s),
			 date_format(e->end, t));
	else
		snprintf(buf, len, "%s %s to %s", cal_kind_name(e->kind), date_format(e->start, s),
			 date_format(e->end, t));
	if (e->line > 0) {
		size_t n = strlen(buf);
		snprintf(buf + n, len - n, " (line %d)", e->line);
	}
	return buf;
}

int calendar_add(struct calendar *cal, const struct cal_entry *e, char *err, size_t errlen)
{
	char a[160];
	if ((unsigned)e->kind >= CAL__MAX) {
		snprintf(err, errlen, "unknown calendar kind");
		return -1;
	}
	if (e->start == DATE_INVALID || e->end == DATE_INVALID) {
		snprintf(err, errlen, "start and end must be dates (YYYY-MM-DD)");
		return -1;
	}
	if (e->end < e->start) {
		snprintf(err, errlen, "end is before start");
		return -1;
	}
	if (date_academic_year(e->start) != date_academic_year(e->end)) {
		snprintf(err, errlen, "runs across 1 August into another academic year");
		return -1;
	}
	if (e->kind == CAL_TERM) {
		if (e->label[0] == '\0') {
			snprintf(err, errlen, "a term needs a label naming the half-term (e.g. 'Autumn 1')");
			return -1;
		}
		if (e->end - e->start + 1 > CAL_TERM_MAX_DAYS) {
			snprintf(err, errlen, "a term of %d days is longer than %d: is the end date right?",
				 e->end - e->start + 1, CAL_TERM_MAX_DAYS);
			return -1;
		}
		bool weekday = false;
		for (date_t d = e->start; d <= e->end && !weekday; d++)
			weekday = !date_is_weekend(d);
		if (!weekday) {
			snprintf(err, errlen, "a term must contain at least one weekday");
			return -1;
		}
	}
	for (int i = 0; i < cal->n_entries; i++) {
		const struct cal_entry *o = &cal->entries[i];
		if (o->kind == e->kind && o->start == e->start && o->end == e->end &&
		    strcmp(o->label, e->label) == 0)
			return 0;
		if (!overlaps(o, e))
			continue;
		bool clash = (o->kind == CAL_TERM) == (e->kind == CAL_TERM);
		if (clash) {
			snprintf(err, errlen, "overlaps %s", describe(o, a, sizeof a));
			return -1;
		}
	}
	if (cal->n_entries == cal->cap_entries) {
		int cap = cal->cap_entries ? cal->cap_entries * 2 : 32;
		struct cal_entry *n = realloc(cal->entries, (size_t)cap * sizeof *n);
		if (!n) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		cal->entries = n;
		cal->cap_entries = cap;
	}
	cal->entries[cal->n_entries++] = *e;
	return 1;
}

static int cmp_half_term(const void *a, const void *b)
{
	const struct half_term *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

int calendar_build(struct calendar *cal, char *err, size_t errlen)
{
	char a[160];
	free_built(cal);
	int n_terms = 0;
	for (int i = 0; i < cal->n_entries; i++) {
		const struct cal_entry *e = &cal->entries[i];
		if (e->kind != CAL_TERM)
			continue;
		n_terms++;
		if (e->start < cal->first || cal->first > cal->last)
			cal->first = e->start;
		if (e->end > cal->last)
			cal->last = e->end;
	}
	if (n_terms == 0) {
		for (int i = 0; i < cal->n_entries; i++) {
			if (cal->entries[i].kind != CAL_BANK_HOLIDAY) {
				snprintf(err, errlen, "%s is not inside any term",
					 describe(&cal->entries[i], a, sizeof a));
				return -1;
			}
		}
		return 0;
	}
	size_t span = (size_t)(cal->last - cal->first + 1);
	cal->day_kind = calloc(span, 1);
	cal->day_index = malloc(span * sizeof *cal->day_index);
	cal->half_terms = calloc((size_t)n_terms, sizeof *cal->half_terms);
	if (!cal->day_kind || !cal->day_index || !cal->half_terms) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < span; i++) {
		date_t d = cal->first + (date_t)i;
		cal->day_kind[i] = date_is_weekend(d) ? DAY_WEEKEND : DAY_HOLIDAY;
	}
	for (int i = 0; i < cal->n_entries; i++) {
		const struct cal_entry *e = &cal->entries[i];
		if (e->kind != CAL_TERM)
			continue;
		struct half_term *h = &cal->half_terms[cal->n_half_terms++];
		h->start = e->start;
		h->end = e->end;
		memcpy(h->label, e->label, sizeof h->label);
		for (date_t d = e->start; d <= e->end; d++)
			if (!date_is_weekend(d))
				cal->day_kind[d - cal->first] = DAY_SCHOOL;
	}
	for (int i = 0; i < cal->n_entries; i++) {
		const struct cal_entry *e = &cal->entries[i];
		if (e->kind == CAL_TERM)
			continue;
		enum day_kind k = e->kind == CAL_INSET ? DAY_INSET
				  : e->kind == CAL_CLOSURE ? DAY_CLOSURE
							   : DAY_BANK_HOLIDAY;
		for (date_t d = e->start; d <= e->end; d++) {
			bool in_term = d >= cal->first && d <= cal->last &&
				       cal->day_kind[d - cal->first] != DAY_HOLIDAY;
			if (!in_term) {
				/* Bank holidays outside term are harmless: schools often
				 * load the whole published list. */
				if (e->kind == CAL_BANK_HOLIDAY)
					continue;
				char s[DATE_ISO_LEN];
				snprintf(err, errlen, "%s: %s is not inside any term",
					 describe(e, a, sizeof a), date_format(d, s));
				goto fail;
			}
			if (cal->day_kind[d - cal->first] != DAY_WEEKEND)
				cal->day_kind[d - cal->first] = (uint8_t)k;
		}
	}
	qsort(cal->half_terms, (size_t)cal->n_half_terms, sizeof *cal->half_terms, cmp_half_term);
	int n = 0;
	for (size_t i = 0; i < span; i++)
		n += cal->day_kind[i] == DAY_SCHOOL;
	cal->school_days = malloc((size_t)(n ? n : 1) * sizeof *cal->school_days);
	if (!cal->school_days) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < span; i++) {
		if (cal->day_kind[i] == DAY_SCHOOL) {
			cal->day_index[i] = cal->n_school_days;
			cal->school_days[cal->n_school_days++] = cal->first + (date_t)i;
		} else {
			cal->day_index[i] = -1;
		}
	}
	for (int t = 0; t < cal->n_half_terms; t++) {
		struct half_term *h = &cal->half_terms[t];
		int lo, hi;
		calendar_day_range(cal, h->start, h->end, &lo, &hi);
		h->first_day = lo;
		h->n_days = hi - lo;
	}
	return 0;
fail:
	free_built(cal);
	return -1;
}

enum day_kind calendar_day_kind(const struct calendar *cal, date_t day)
{
	if (day < cal->first || day > cal->last)
		return date_is_weekend(day) ? DAY_WEEKEND : DAY_HOLIDAY;
	return (enum day_kind)cal->day_kind[day - cal->first];
}

int calendar_day_index(const struct calendar *cal, date_t day)
{
	if (day < cal->first || day > cal->last)
		return -1;
	return cal->day_index[day - cal->first];
}

void calendar_day_range(const struct calendar *cal, date_t from, date_t to, int *lo, int *hi)
{
	/* Binary search on the sorted school_days array. */
	int a = 0, b = cal->n_school_days;
	while (a < b) {
		int mid = (a + b) / 2;
		if (cal->school_days[mid] < from)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	b = cal->n_school_days;
	while (a < b) {
		int mid = (a + b) / 2;
		if (cal->school_days[mid] <= to)
			a = mid + 1;
		else
			b = mid;
	}
	*hi = a;
}

const struct half_term *calendar_half_term_at(const struct calendar *cal, date_t day)
{
	for (int i = 0; i < cal->n_half_terms; i++)
		if (day <= cal->half_terms[i].end)
			return &cal->half_terms[i];
	return NULL;
}
