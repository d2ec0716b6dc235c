#include "core/awards.h"

#include <stdlib.h>
#include <string.h>

#include "core/groups.h"
#include "core/ranges.h"

static const char *const kind_names[AWARD__MAX] = {"full_attendance", "most_improved",
						   "form_of_week"};
static const char *const kind_labels[AWARD__MAX] = {"100% attendance", "Most improved attendance",
						    "Form of the week"};
static const char *const period_names[AP__MAX] = {"week", "half_term", "term", "year"};
static const char *const period_labels[AP__MAX] = {"this week", "this half-term", "this term",
						   "this school year"};

static int find(const char *const *names, int n, const char *text)
{
	for (int i = 0; text && i < n; i++)
		if (strcmp(names[i], text) == 0)
			return i;
	return -1;
}

const char *award_kind_name(enum award_kind k)
{
	return (unsigned)k < AWARD__MAX ? kind_names[k] : "?";
}

const char *award_kind_label(enum award_kind k)
{
	return (unsigned)k < AWARD__MAX ? kind_labels[k] : "?";
}

int award_kind_parse(const char *text)
{
	return find(kind_names, AWARD__MAX, text);
}

const char *award_period_name(enum award_period p)
{
	return (unsigned)p < AP__MAX ? period_names[p] : "?";
}

const char *award_period_label(enum award_period p)
{
	return (unsigned)p < AP__MAX ? period_labels[p] : "?";
}

int award_period_parse(const char *text)
{
	return find(period_names, AP__MAX, text);
}

int award_period_range(const struct calendar *cal, enum award_period p, date_t day, date_t *from,
		       date_t *to)
{
	int idx = range_school_day_at_or_before(cal, day);
	if (idx < 0)
		return -1;
	date_t last = cal->school_days[idx]; /* the period of the latest school day */
	struct date_range r;
	switch (p) {
	case AP_WEEK:
		if (range_week(cal, last, &r) < 0)
			return -1;
		break;
	case AP_HALF_TERM:
		if (range_half_term(cal, last, &r, NULL) < 0)
			return -1;
		break;
	case AP_TERM:
		if (range_term(cal, last, &r, NULL) < 0)
			return -1;
		break;
	case AP_YEAR:
		range_academic_year(last, &r);
		break;
	default:
		return -1;
	}
	r = range_to_date(r, day);
	*from = r.from;
	*to = r.to;
	return 0;
}

int award_previous_period(const struct calendar *cal, date_t from, date_t to, date_t *pfrom,
			  date_t *pto)
{
	int lo, hi;
	calendar_day_range(cal, from, to, &lo, &hi);
	int n = hi - lo;
	if (n <= 0 || lo == 0)
		return -1;
	int start = lo - n < 0 ? 0 : lo - n;
	*pfrom = cal->school_days[start];
	*pto = cal->school_days[lo - 1];
	return 0;
}

bool award_full_attendance(const struct figures *f, int minimum)
{
	return f->possible >= minimum && f->possible > 0 && f->unmarked == 0 &&
	       stats_attendance(f) == f->possible;
}

bool award_improvement(const struct figures *now, const struct figures *before, int minimum,
		       int64_t min_rise100, int64_t *rise100)
{
	*rise100 = PP_NONE;
	if (now->possible < minimum || before->possible < minimum || now->possible <= 0 ||
	    before->possible <= 0)
		return false;
	*rise100 = groups_diff_pp100(stats_attendance(now), now->possible, stats_attendance(before),
				     before->possible);
	return *rise100 != PP_NONE && *rise100 >= min_rise100;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct award_entry *x = a, *y = b;
	if (x->value != y->value)
		return x->value > y->value ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

int award_rank(struct award_entry *v, int n, int top)
{
	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_entry);
	int keep = 0;
	for (int i = 0; i < n; i++) {
		v[i].rank = i > 0 && v[i].value == v[i - 1].value ? v[i - 1].rank : i + 1;
		if (top == 0 || v[i].rank <= top)
			keep = i + 1;
	}
	return keep;
}
