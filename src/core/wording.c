#include "core/wording.h"

#include <stdio.h>

#include "core/trends.h"

char *wording_count(int64_t n, char *buf, size_t len)
{
	char digits[24];
	int nd = snprintf(digits, sizeof digits, "%lld", (long long)(n < 0 ? -n : n));
	size_t at = 0;
	if (n < 0 && at + 1 < len)
		buf[at++] = '-';
	for (int i = 0; i < nd && at + 1 < len; i++) {
		if (i > 0 && (nd - i) % 3 == 0 && at + 2 < len)
			buf[at++] = ',';
		buf[at++] = digits[i];
	}
	buf[at] = '\0';
	return buf;
}

char *wording_pct(int64_t pct100, char *buf, size_t len)
{
	if (pct100 < 0)
		snprintf(buf, len, "n/a");
	else
		snprintf(buf, len, "%lld.%lld%%", (long long)((pct100 + 5) / 100),
			 (long long)(((pct100 + 5) / 10) % 10));
	return buf;
}

char *wording_about_pct(int64_t pct100, char *buf, size_t len)
{
	if (pct100 < 0) {
		snprintf(buf, len, "n/a");
		return buf;
	}
	int64_t tenths = (pct100 + 5) / 10; /* the one-decimal figure */
	snprintf(buf, len, "about %lld%%", (long long)((tenths + 5) / 10));
	return buf;
}

char *wording_days_tenths(int64_t tenths, char *buf, size_t len)
{
	if (tenths == 5)
		snprintf(buf, len, "half a day");
	else if (tenths == 10)
		snprintf(buf, len, "1 day");
	else if (tenths % 10 == 0)
		snprintf(buf, len, "%lld days", (long long)(tenths / 10));
	else
		snprintf(buf, len, "%lld.%lld days", (long long)(tenths / 10), (long long)(tenths % 10));
	return buf;
}

char *wording_days(int64_t sessions, char *buf, size_t len)
{
	return wording_days_tenths(sessions * 5, buf, len);
}

int64_t wording_lessons(int64_t sessions, int lessons_per_day)
{
	return (sessions * lessons_per_day + 1) / 2;
}

char *wording_days_lessons(int64_t sessions, int lessons_per_day, char *buf, size_t len)
{
	if (sessions <= 0) {
		snprintf(buf, len, "no time");
		return buf;
	}
	char d[32];
	int64_t lessons = wording_lessons(sessions, lessons_per_day);
	snprintf(buf, len, "%s (about %lld lesson%s)", wording_days(sessions, d, sizeof d),
		 (long long)lessons, lessons == 1 ? "" : "s");
	return buf;
}

char *wording_time(int64_t tenths, char *buf, size_t len)
{
	if (tenths < 45)
		return wording_days_tenths(tenths, buf, len);
	int64_t weeks = (tenths + 25) / 50;
	int64_t d = tenths - weeks * 50;
	char n[32];
	if (weeks == 1)
		snprintf(n, sizeof n, "a week");
	else
		snprintf(n, sizeof n, "%lld weeks", (long long)weeks);
	if (d == 0) {
		if (weeks == 1)
			snprintf(buf, len, "a whole week");
		else
			snprintf(buf, len, "%lld whole weeks", (long long)weeks);
		return buf;
	}
	const char *how = d < 0 && d >= -5 ? "nearly" : d > 0 && d <= 5 ? "just over" : "around";
	snprintf(buf, len, "%s %s", how, n);
	return buf;
}

int64_t wording_minutes_tenths(int64_t minutes, int school_day_minutes)
{
	return (minutes * 20 + school_day_minutes) / (2 * (int64_t)school_day_minutes);
}

int64_t wording_minutes_lessons(int64_t minutes, const struct wording_settings *s)
{
	int64_t den = s->school_day_minutes;
	return (2 * minutes * s->lessons_per_day + den) / (2 * den);
}

char *wording_minutes_lost(int64_t minutes, const struct wording_settings *s, char *buf,
			   size_t len)
{
	char m[32], t[48];
	int64_t lessons = wording_minutes_lessons(minutes, s);
	wording_count(minutes, m, sizeof m);
	wording_time(wording_minutes_tenths(minutes, s->school_day_minutes), t, sizeof t);
	snprintf(buf, len, "%s minute%s: %s (about %lld lesson%s)", m, minutes == 1 ? "" : "s", t,
		 (long long)lessons, lessons == 1 ? "" : "s");
	return buf;
}

char *wording_date(date_t day, char *buf, size_t len)
{
	static const char *months[] = {"January", "February", "March",	   "April",
				       "May",	  "June",     "July",	   "August",
				       "September", "October", "November", "December"};
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, len, "%s %d %s %d", date_weekday_name(date_weekday(day)), d, months[m - 1], y);
	return buf;
}

/* A whole-number target as "90%", otherwise with its decimals. */
static char *target_text(int pct100, char *buf, size_t len)
{
	if (pct100 % 100 == 0)
		snprintf(buf, len, "%d%%", pct100 / 100);
	else
		snprintf(buf, len, "%d.%02d%%", pct100 / 100, pct100 % 100);
	return buf;
}

char *wording_recovery(const struct recovery *r, char *buf, size_t len)
{
	char t[16], a[48], b[48], p[16];
	target_text(r->target_pct100, t, sizeof t);
	if (!r->below)
		snprintf(buf, len, "already at %s or above", t);
	else if (r->reachable)
		snprintf(buf, len, "%d full day%s in a row from %s bring%s attendance back to %s on %s",
			 r->days_needed, r->days_needed == 1 ? "" : "s",
			 wording_date(r->from_day, a, sizeof a), r->days_needed == 1 ? "s" : "", t,
			 wording_date(r->reached_on, b, sizeof b));
	else if (r->days_left == 0)
		snprintf(buf, len, "back to %s by %s is no longer possible: no school days are left", t,
			 wording_date(r->target_day, b, sizeof b));
	else
		snprintf(buf, len,
			 "back to %s by %s is no longer possible: %d school day%s %s left, and "
			 "attending all of them would reach %s",
			 t, wording_date(r->target_day, b, sizeof b), r->days_left,
			 r->days_left == 1 ? "" : "s", r->days_left == 1 ? "is" : "are",
			 wording_pct(r->best_pct100, p, sizeof p));
	return buf;
}
