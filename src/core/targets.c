#include "core/targets.h"

#include <string.h>

#include "core/ranges.h"

static const char *const measure_names[TM__MAX] = {"attendance_pct", "absence_pct",
						   "unauthorised_pct", "persistent_pct",
						   "severe_pct"};
static const char *const measure_labels[TM__MAX] = {"attendance", "overall absence",
						    "unauthorised absence", "persistent absence",
						    "severe absence"};
static const char *const span_names[TS__MAX] = {"year", "term", "half_term"};
static const char *const span_labels[TS__MAX] = {"the school year to date", "the term to date",
						 "the half-term to date"};
static const char *const track_names[TT__MAX] = {"unknown", "met", "on_track", "off_track"};
static const char *const track_labels[TT__MAX] = {"No figure yet", "Met", "On track",
						  "Off track"};

static int find(const char *const *names, int n, const char *text)
{
	for (int i = 0; text && i < n; i++)
		if (strcmp(names[i], text) == 0)
			return i;
	return -1;
}

const char *target_measure_name(enum target_measure m)
{
	return (unsigned)m < TM__MAX ? measure_names[m] : "?";
}

const char *target_measure_label(enum target_measure m)
{
	return (unsigned)m < TM__MAX ? measure_labels[m] : "?";
}

int target_measure_parse(const char *text)
{
	return find(measure_names, TM__MAX, text);
}

bool target_higher_is_better(enum target_measure m)
{
	return m == TM_ATTENDANCE;
}

bool target_measure_counts_pupils(enum target_measure m)
{
	return m == TM_PERSISTENT || m == TM_SEVERE;
}

int64_t target_measure_value(const struct group_figures *g, enum target_measure m)
{
	switch (m) {
	case TM_ATTENDANCE: return stats_pct100(g->present + g->approved, g->possible);
	case TM_ABSENCE: return stats_pct100(g->authorised + g->unauthorised, g->possible);
	case TM_UNAUTHORISED: return stats_pct100(g->unauthorised, g->possible);
	case TM_PERSISTENT: return stats_pct100(g->persistent, g->pupils_with_possible);
	case TM_SEVERE: return stats_pct100(g->severe, g->pupils_with_possible);
	default: return -1;
	}
}

const char *target_span_name(enum target_span s)
{
	return (unsigned)s < TS__MAX ? span_names[s] : "?";
}

const char *target_span_label(enum target_span s)
{
	return (unsigned)s < TS__MAX ? span_labels[s] : "?";
}

int target_span_parse(const char *text)
{
	return find(span_names, TS__MAX, text);
}

int target_span_range(const struct calendar *cal, enum target_span s, date_t day, date_t *from,
		      date_t *to)
{
	struct date_range r;
	switch (s) {
	case TS_YEAR:
		range_academic_year(day, &r);
		break;
	case TS_TERM:
		if (range_term(cal, day, &r, NULL) < 0)
			return -1;
		break;
	case TS_HALF_TERM:
		if (range_half_term(cal, day, &r, NULL) < 0)
			return -1;
		break;
	default:
		return -1;
	}
	r = range_to_date(r, day);
	if (r.from > r.to)
		return -1;
	*from = r.from;
	*to = r.to;
	return 0;
}

/* School days d with a < d <= b. */
static int days_after(const struct calendar *cal, date_t a, date_t b)
{
	if (b <= a)
		return 0;
	int lo, hi;
	calendar_day_range(cal, a + 1, b, &lo, &hi);
	return hi - lo;
}

int64_t target_expected(const struct calendar *cal, int64_t base, date_t base_day, int64_t goal,
			date_t goal_day, date_t day)
{
	if (day <= base_day)
		return base;
	if (day >= goal_day)
		return goal;
	int n = days_after(cal, base_day, goal_day), k = days_after(cal, base_day, day);
	if (n <= 0)
		return goal;
	int64_t num = (goal - base) * k, mag = num < 0 ? -num : num;
	int64_t q = (2 * mag + n) / (2 * n);
	return base + (num < 0 ? -q : q);
}

const char *target_track_name(enum target_track t)
{
	return (unsigned)t < TT__MAX ? track_names[t] : "?";
}

const char *target_track_label(enum target_track t)
{
	return (unsigned)t < TT__MAX ? track_labels[t] : "?";
}

enum target_track target_track_of(enum target_measure m, int64_t value, int64_t expected,
				  int64_t goal)
{
	if (value < 0)
		return TT_UNKNOWN;
	bool up = target_higher_is_better(m);
	if (up ? value >= goal : value <= goal)
		return TT_MET;
	return (up ? value >= expected : value <= expected) ? TT_ON_TRACK : TT_OFF_TRACK;
}
