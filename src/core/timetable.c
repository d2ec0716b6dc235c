#include "core/timetable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const day_short[TT_DAYS] = {"Mon", "Tue", "Wed", "Thu", "Fri"};
static const char *const day_long[TT_DAYS] = {"Monday", "Tuesday", "Wednesday", "Thursday",
					      "Friday"};

void tt_init(struct timetable *tt, int n_weeks)
{
	memset(tt, 0, sizeof *tt);
	tt->n_weeks = n_weeks;
}

int tt_weekday_parse(const char *text)
{
	for (int d = 0; text && d < TT_DAYS; d++)
		if (strcasecmp(text, day_short[d]) == 0 || strcasecmp(text, day_long[d]) == 0)
			return d;
	return -1;
}

const char *tt_weekday_short(int weekday)
{
	return weekday >= 0 && weekday < TT_DAYS ? day_short[weekday] : "?";
}

int tt_week_parse(const char *text)
{
	if (!text || !*text)
		return -1;
	if (strcasecmp(text, "A") == 0)
		return 0;
	if (strcasecmp(text, "B") == 0)
		return 1;
	return -2;
}

const char *tt_week_name(const struct timetable *tt, int week)
{
	if (tt->n_weeks < 2)
		return "";
	return week == 0 ? "A" : "B";
}

int tt_time_parse(const char *text)
{
	int h, m;
	char end;
	if (!text || strlen(text) != 5 || text[2] != ':' ||
	    sscanf(text, "%2d:%2d%c", &h, &m, &end) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	return h * 60 + m;
}

char *tt_time_text(int minutes, char out[6])
{
	snprintf(out, 6, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
	return out;
}

int tt_restart_parse(const char *text)
{
	if (text && strcmp(text, "year") == 0)
		return TT_RESTART_YEAR;
	if (text && strcmp(text, "half_term") == 0)
		return TT_RESTART_HALF_TERM;
	return -1;
}

static const char *week_label(int week)
{
	return week < 0 ? "" : week == 0 ? "week A " : "week B ";
}

int tt_add(struct timetable *tt, int week, int weekday, const struct tt_period *p, char *err,
	   size_t errlen)
{
	char a[6], b[6];
	if (week < 0 || week >= tt->n_weeks || weekday < 0 || weekday >= TT_DAYS) {
		snprintf(err, errlen, "no such day in the timetable");
		return -1;
	}
	struct tt_day *d = &tt->day[week][weekday];
	const char *wk = week_label(tt->n_weeks > 1 ? week : -1);
	if (p->end <= p->start) {
		snprintf(err, errlen, "period %s ends (%s) before it starts (%s)", p->label,
			 tt_time_text(p->end, a), tt_time_text(p->start, b));
		return -1;
	}
	if (d->n == TT_PERIODS_MAX) {
		snprintf(err, errlen, "%s%s has more than %d periods", wk, day_long[weekday],
			 TT_PERIODS_MAX);
		return -1;
	}
	int at = d->n;
	for (int i = 0; i < d->n; i++) {
		const struct tt_period *q = &d->p[i];
		if (strcmp(q->label, p->label) == 0) {
			snprintf(err, errlen, "%s%s already has a period %s (line %d)", wk,
				 day_long[weekday], p->label, q->line);
			return -1;
		}
		if (p->start < q->end && q->start < p->end) {
			snprintf(err, errlen, "period %s (%s-%s) overlaps period %s (%s-%s, line %d) on %s%s",
				 p->label, tt_time_text(p->start, a), tt_time_text(p->end, b), q->label,
				 tt_time_text(q->start, (char[6]){0}), tt_time_text(q->end, (char[6]){0}),
				 q->line, wk, day_long[weekday]);
			return -1;
		}
		if (p->reg != TT_REG_NONE && q->reg == p->reg) {
			snprintf(err, errlen, "%s%s already holds the %s registration in period %s (line %d)",
				 wk, day_long[weekday], session_name((enum session)p->reg), q->label, q->line);
			return -1;
		}
		if (at == d->n && p->start < q->start)
			at = i;
	}
	memmove(&d->p[at + 1], &d->p[at], (size_t)(d->n - at) * sizeof *d->p);
	d->p[at] = *p;
	d->n++;
	return 0;
}

int tt_check(const struct timetable *tt, char *err, size_t errlen)
{
	for (int w = 0; w < tt->n_weeks; w++) {
		for (int wd = 0; wd < TT_DAYS; wd++) {
			const struct tt_day *d = &tt->day[w][wd];
			int am = tt_registration_index(d, SESSION_AM), pm = tt_registration_index(d, SESSION_PM);
			if (am >= 0 && pm >= 0 && pm < am) {
				snprintf(err, errlen, "on %s%s the PM registration (period %s) comes before the "
					 "AM registration (period %s)",
					 week_label(tt->n_weeks > 1 ? w : -1), day_long[wd], d->p[pm].label,
					 d->p[am].label);
				return -1;
			}
		}
	}
	return 0;
}

int tt_period_index(const struct tt_day *d, const char *label)
{
	for (int i = 0; i < d->n; i++)
		if (strcmp(d->p[i].label, label) == 0)
			return i;
	return -1;
}

int tt_registration_index(const struct tt_day *d, enum session s)
{
	for (int i = 0; i < d->n; i++)
		if (d->p[i].reg == (int)s)
			return i;
	return -1;
}

enum session tt_period_session(const struct tt_day *d, int i, int pm_start)
{
	int pm = tt_registration_index(d, SESSION_PM);
	if (pm >= 0)
		return i >= pm ? SESSION_PM : SESSION_AM;
	return d->p[i].start >= pm_start ? SESSION_PM : SESSION_AM;
}

int tt_after_lunch_index(const struct tt_day *d, int pm_start)
{
	for (int i = 0; i < d->n; i++)
		if (tt_period_session(d, i, pm_start) == SESSION_PM)
			return i;
	return -1;
}

/* The week (0 or 1) of each school day: weeks holding a school day
 * alternate, restarting at the first such week of each year or half-term. */
static void assign_weeks(struct tt_layout *l, const struct timetable *tt,
			 const struct calendar *cal, enum tt_restart restart)
{
	int n = 0, prev_key = -1;
	date_t prev_monday = DATE_INVALID;
	const struct half_term *prev_ht = NULL;
	for (int day = 0; day < cal->n_school_days; day++) {
		date_t d = cal->school_days[day];
		date_t monday = date_week_start(d);
		int key = restart == TT_RESTART_YEAR ? date_academic_year(d) : 0;
		const struct half_term *ht = calendar_half_term_at(cal, d);
		bool again = key != prev_key || (restart == TT_RESTART_HALF_TERM && ht != prev_ht);
		if (again)
			n = 0;
		else if (monday != prev_monday)
			n++;
		prev_key = key;
		prev_ht = ht;
		prev_monday = monday;
		l->week[day] = (uint8_t)(tt->n_weeks > 1 ? n % 2 : 0);
	}
}

int tt_layout_build(struct tt_layout *l, const struct timetable *tt, const struct calendar *cal,
		    enum tt_restart restart)
{
	memset(l, 0, sizeof *l);
	l->n_days = cal->n_school_days;
	l->first = malloc((size_t)(l->n_days + 1) * sizeof *l->first);
	l->week = malloc((size_t)(l->n_days ? l->n_days : 1));
	if (!l->first || !l->week)
		goto fail;
	assign_weeks(l, tt, cal, restart);
	int col = 0;
	for (int day = 0; day < l->n_days; day++) {
		l->first[day] = col;
		if (tt->n_weeks > 0)
			col += tt_day_of(tt, l, cal, day)->n;
	}
	l->first[l->n_days] = col;
	l->n_cols = col;
	l->col_day = malloc((size_t)(col ? col : 1) * sizeof *l->col_day);
	if (!l->col_day)
		goto fail;
	for (int day = 0; day < l->n_days; day++)
		for (int c = l->first[day]; c < l->first[day + 1]; c++)
			l->col_day[c] = day;
	return 0;
fail:
	tt_layout_free(l);
	return -1;
}

void tt_layout_free(struct tt_layout *l)
{
	free(l->first);
	free(l->week);
	free(l->col_day);
	memset(l, 0, sizeof *l);
}

void tt_layout_cols(const struct tt_layout *l, const struct calendar *cal, date_t from,
		    date_t to, int *c0, int *c1)
{
	int lo, hi;
	calendar_day_range(cal, from, to, &lo, &hi);
	if (!l->first || hi <= lo) {
		*c0 = *c1 = 0;
		return;
	}
	*c0 = l->first[lo];
	*c1 = l->first[hi];
}
