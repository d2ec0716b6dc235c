#include "core/ranges.h"

#include <string.h>

const char *term_name(enum term t)
{
	static const char *names[TERM__MAX] = {"Autumn", "Spring", "Summer"};
	return (unsigned)t < TERM__MAX ? names[t] : "?";
}

enum term term_of_half_term(date_t start)
{
	int y, m, d;
	date_to_ymd(start, &y, &m, &d);
	if (m >= 8)
		return TERM_AUTUMN;
	return m <= 3 ? TERM_SPRING : TERM_SUMMER;
}

int range_school_day_at_or_before(const struct calendar *cal, date_t day)
{
	int lo, hi;
	if (cal->n_school_days == 0)
		return -1;
	calendar_day_range(cal, cal->school_days[0], day, &lo, &hi);
	return hi - 1;
}

static int week_of_index(const struct calendar *cal, int idx, struct date_range *r)
{
	if (idx < 0)
		return -1;
	r->from = date_week_start(cal->school_days[idx]);
	r->to = r->from + 4;
	return 0;
}

int range_week(const struct calendar *cal, date_t day, struct date_range *r)
{
	return week_of_index(cal, range_school_day_at_or_before(cal, day), r);
}

int range_prev_week(const struct calendar *cal, date_t day, struct date_range *r)
{
	struct date_range w;
	if (range_week(cal, day, &w) < 0)
		return -1;
	return week_of_index(cal, range_school_day_at_or_before(cal, w.from - 1), r);
}

static int half_term_index(const struct calendar *cal, date_t day)
{
	int found = -1;
	for (int i = 0; i < cal->n_half_terms && cal->half_terms[i].start <= day; i++)
		found = i;
	return found;
}

static void half_term_range(const struct calendar *cal, int i, struct date_range *r)
{
	r->from = cal->half_terms[i].start;
	r->to = cal->half_terms[i].end;
}

int range_half_term(const struct calendar *cal, date_t day, struct date_range *r, int *index)
{
	int i = half_term_index(cal, day);
	if (i < 0)
		return -1;
	half_term_range(cal, i, r);
	if (index)
		*index = i;
	return 0;
}

int range_prev_half_term(const struct calendar *cal, date_t day, struct date_range *r)
{
	int i = half_term_index(cal, day);
	if (i < 1)
		return -1;
	half_term_range(cal, i - 1, r);
	return 0;
}

int range_term(const struct calendar *cal, date_t day, struct date_range *r, enum term *t)
{
	int i = half_term_index(cal, day);
	if (i < 0)
		return -1;
	const struct half_term *h = &cal->half_terms[i];
	enum term term = term_of_half_term(h->start);
	int year = date_academic_year(h->start);
	half_term_range(cal, i, r);
	/* Half-terms are in date order: widen over the neighbours of the same
	 * term and academic year. */
	for (int j = i - 1; j >= 0; j--) {
		const struct half_term *o = &cal->half_terms[j];
		if (date_academic_year(o->start) != year || term_of_half_term(o->start) != term)
			break;
		r->from = o->start;
	}
	for (int j = i + 1; j < cal->n_half_terms; j++) {
		const struct half_term *o = &cal->half_terms[j];
		if (date_academic_year(o->start) != year || term_of_half_term(o->start) != term)
			break;
		r->to = o->end;
	}
	if (t)
		*t = term;
	return 0;
}

void range_academic_year(date_t day, struct date_range *r)
{
	int y = date_academic_year(day);
	r->from = date_from_ymd(y, 8, 1);
	r->to = date_from_ymd(y + 1, 7, 31);
}

/* School-day indexes [*lo, *hi) of the academic year starting in August of y. */
static void year_days(const struct calendar *cal, int y, int *lo, int *hi)
{
	calendar_day_range(cal, date_from_ymd(y, 8, 1), date_from_ymd(y + 1, 7, 31), lo, hi);
}

/* Position (0-based) within its academic year of the first school day on or
 * after day (is_end false) or the last on or before it (is_end true), and
 * that year; -1 when the year has no such day. */
static int position_in_year(const struct calendar *cal, date_t day, bool is_end, int *year)
{
	int y = date_academic_year(day), y0, y1, lo, hi;
	year_days(cal, y, &y0, &y1);
	if (is_end)
		calendar_day_range(cal, date_from_ymd(y, 8, 1), day, &lo, &hi);
	else
		calendar_day_range(cal, day, date_from_ymd(y + 1, 7, 31), &lo, &hi);
	if (hi <= lo)
		return -1;
	*year = y;
	return is_end ? hi - 1 - y0 : lo - y0;
}

static int same_point(const struct calendar *cal, int pos, int year, date_t *out)
{
	int lo, hi;
	year_days(cal, year - 1, &lo, &hi);
	if (hi <= lo)
		return -1;
	*out = cal->school_days[lo + pos < hi ? lo + pos : hi - 1];
	return 0;
}

int range_same_point_last_year(const struct calendar *cal, const struct date_range *r,
			       struct date_range *out)
{
	int lo, hi;
	calendar_day_range(cal, r->from, r->to, &lo, &hi);
	if (hi <= lo)
		return -1;
	int y_from, y_to;
	int p_from = position_in_year(cal, r->from, false, &y_from);
	int p_to = position_in_year(cal, r->to, true, &y_to);
	/* The range holds a school day, so each end finds one in its year
	 * unless the end itself falls in a year with no school day. */
	if (p_from < 0) {
		y_from = date_academic_year(cal->school_days[lo]);
		p_from = position_in_year(cal, cal->school_days[lo], false, &y_from);
	}
	if (p_to < 0) {
		y_to = date_academic_year(cal->school_days[hi - 1]);
		p_to = position_in_year(cal, cal->school_days[hi - 1], true, &y_to);
	}
	if (same_point(cal, p_from, y_from, &out->from) < 0 ||
	    same_point(cal, p_to, y_to, &out->to) < 0)
		return -1;
	return 0;
}

struct date_range range_to_date(struct date_range r, date_t day)
{
	if (r.to > day)
		r.to = day;
	return r;
}

date_t range_last_school_day_of_year(const struct calendar *cal, date_t day)
{
	int lo, hi;
	year_days(cal, date_academic_year(day), &lo, &hi);
	return hi > lo ? cal->school_days[hi - 1] : DATE_INVALID;
}

const char *period_name(enum period p)
{
	static const char *names[PERIOD__MAX] = {
		"today",	  "this_week", "last_week", "this_half_term",
		"last_half_term", "this_term", "this_year", "same_point_last_year"};
	return (unsigned)p < PERIOD__MAX ? names[p] : "?";
}

void range_periods(const struct calendar *cal, date_t as_of, struct periods *p)
{
	memset(p, 0, sizeof *p);
	p->as_of = as_of;
	struct date_range *r = p->r;
	p->has[PERIOD_TODAY] = calendar_day_index(cal, as_of) >= 0;
	r[PERIOD_TODAY] = (struct date_range){as_of, as_of};
	p->has[PERIOD_THIS_WEEK] = range_week(cal, as_of, &r[PERIOD_THIS_WEEK]) == 0;
	p->has[PERIOD_LAST_WEEK] = range_prev_week(cal, as_of, &r[PERIOD_LAST_WEEK]) == 0;
	p->has[PERIOD_THIS_HALF_TERM] =
		range_half_term(cal, as_of, &r[PERIOD_THIS_HALF_TERM], NULL) == 0;
	p->has[PERIOD_LAST_HALF_TERM] = range_prev_half_term(cal, as_of, &r[PERIOD_LAST_HALF_TERM]) == 0;
	p->has[PERIOD_THIS_TERM] = range_term(cal, as_of, &r[PERIOD_THIS_TERM], NULL) == 0;
	range_academic_year(as_of, &r[PERIOD_THIS_YEAR]);
	p->has[PERIOD_THIS_YEAR] = true;
	static const enum period to_date[] = {PERIOD_THIS_WEEK, PERIOD_THIS_HALF_TERM,
					      PERIOD_THIS_TERM, PERIOD_THIS_YEAR};
	for (size_t i = 0; i < sizeof to_date / sizeof *to_date; i++)
		r[to_date[i]] = range_to_date(r[to_date[i]], as_of);
	p->has[PERIOD_SAME_POINT_LAST_YEAR] =
		range_same_point_last_year(cal, &r[PERIOD_THIS_YEAR], &r[PERIOD_SAME_POINT_LAST_YEAR]) == 0;
}
