#include "demo/school_year.h"

#include <stdio.h>
#include <string.h>

date_t school_year_easter(int y)
{
	/* The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	return date_from_ymd(y, month, day);
}

/* The first Monday, Tuesday or Wednesday on or after day: terms do not
 * start on a Thursday or Friday. */
static date_t term_start(date_t day)
{
	while (date_weekday(day) > WD_WED)
		day++;
	return day;
}

static date_t last_monday(int y, int m)
{
	date_t d = (m == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1)) - 1;
	while (date_weekday(d) != WD_MON)
		d--;
	return d;
}

static date_t monday_on_or_after(date_t d)
{
	while (date_weekday(d) != WD_MON)
		d++;
	return d;
}

/* England's bank holidays in the academic year (1 August to 31 July), with
 * the substitute days for Christmas and New Year at weekends. */
static int bank_holidays(int y, date_t out[8])
{
	int n = 0;
	out[n++] = last_monday(y, 8); /* summer bank holiday, at the year's start */
	date_t xmas = date_from_ymd(y, 12, 25), boxing = xmas + 1;
	switch (date_weekday(xmas)) {
	case WD_FRI: boxing = xmas + 3; break;                      /* Mon 28 */
	case WD_SAT: xmas += 2, boxing = xmas + 1; break;           /* Mon 27, Tue 28 */
	case WD_SUN: boxing = xmas + 1, xmas = boxing + 1; break;   /* Mon 26, Tue 27 */
	default: break;
	}
	out[n++] = xmas;
	out[n++] = boxing;
	date_t ny = date_from_ymd(y + 1, 1, 1);
	if (date_is_weekend(ny))
		ny = monday_on_or_after(ny);
	out[n++] = ny;
	date_t easter = school_year_easter(y + 1);
	out[n++] = easter - 2;
	out[n++] = easter + 1;
	out[n++] = monday_on_or_after(date_from_ymd(y + 1, 5, 1));
	out[n++] = last_monday(y + 1, 5);
	return n;
}

static bool is_in(date_t d, const date_t *v, int n)
{
	for (int i = 0; i < n; i++)
		if (v[i] == d)
			return true;
	return false;
}

static int open_days(date_t from, date_t to, const date_t *bh, int n_bh)
{
	int n = 0;
	for (date_t d = from; d <= to; d++)
		n += !date_is_weekend(d) && !is_in(d, bh, n_bh);
	return n;
}

static void add(struct cal_entry *out, int *n, enum cal_kind kind, date_t start, date_t end,
		const char *label)
{
	struct cal_entry *e = &out[(*n)++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->start = start;
	e->end = end;
	snprintf(e->label, sizeof e->label, "%s", label);
}

/* The n-th open day (0-based) from start, or the last one before `from`
 * when counting back (n < 0). */
static date_t nth_open_day(date_t start, int n, const date_t *bh, int n_bh)
{
	date_t d = start;
	int step = n < 0 ? -1 : 1, left = n < 0 ? -n - 1 : n;
	for (;; d += step) {
		if (date_is_weekend(d) || is_in(d, bh, n_bh))
			continue;
		if (left-- == 0)
			return d;
	}
}

int school_year_entries(int y, struct cal_entry out[SCHOOL_YEAR_MAX_ENTRIES])
{
	date_t bh[8];
	int n_bh = bank_holidays(y, bh), n = 0;
	date_t easter = school_year_easter(y + 1);
	date_t oct_ht = last_monday(y, 10);
	date_t feb_ht = monday_on_or_after(date_from_ymd(y + 1, 2, 12));
	date_t may_ht = last_monday(y + 1, 5);
	struct {
		date_t start, end;
		const char *label;
	} t[6] = {
		{term_start(date_from_ymd(y, 9, 1)), oct_ht - 3, "Autumn 1"},
		{oct_ht + 7, date_week_start(date_from_ymd(y, 12, 18)) + 4, "Autumn 2"},
		{term_start(date_from_ymd(y + 1, 1, 2)), feb_ht - 3, "Spring 1"},
		{feb_ht + 7, easter - 9, "Spring 2"},
		{easter + 8, may_ht - 3, "Summer 1"},
		{may_ht + 7, 0, "Summer 2"},
	};
	/* The summer term runs until the year has its 195 days. */
	int days = 0;
	for (int i = 0; i < 5; i++)
		days += open_days(t[i].start, t[i].end, bh, n_bh);
	int want = SCHOOL_YEAR_DAYS - days;
	if (want < 5)
		want = 5;
	t[5].end = nth_open_day(t[5].start, want - 1, bh, n_bh);
	date_t july31 = date_from_ymd(y + 1, 7, 31);
	if (t[5].end > july31)
		t[5].end = july31;
	for (int i = 0; i < 6; i++)
		add(out, &n, CAL_TERM, t[i].start, t[i].end, t[i].label);
	/* INSET: two days to open the year, one to open Autumn 2 and Spring 1,
	 * one to close the year. */
	date_t inset[SCHOOL_YEAR_INSET] = {
		nth_open_day(t[0].start, 0, bh, n_bh), nth_open_day(t[0].start, 1, bh, n_bh),
		nth_open_day(t[1].start, 0, bh, n_bh), nth_open_day(t[2].start, 0, bh, n_bh),
		nth_open_day(t[5].end, -1, bh, n_bh)};
	for (int i = 0; i < SCHOOL_YEAR_INSET; i++)
		add(out, &n, CAL_INSET, inset[i], inset[i], "");
	for (int i = 0; i < n_bh; i++)
		add(out, &n, CAL_BANK_HOLIDAY, bh[i], bh[i], "");
	return n;
}
