#include "app/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void clock_init(void)
{
	if (!getenv("TZ"))
		setenv("TZ", "Europe/London", 1);
	tzset();
}

/* ATTEND_NOW as a local time, or -1 when unset or unreadable. */
static time_t fixed_now(void)
{
	const char *v = getenv("ATTEND_NOW");
	if (!v || !*v)
		return -1;
	/* Parsed once per value and thread: a server asks many times a request. */
	static __thread char seen[32];
	static __thread time_t seen_t;
	if (strncmp(seen, v, sizeof seen) == 0)
		return seen_t;
	struct tm tm = {0};
	int n = sscanf(v, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		       &tm.tm_hour, &tm.tm_min, &tm.tm_sec);
	if (n < 3)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	seen_t = mktime(&tm);
	snprintf(seen, sizeof seen, "%s", v);
	return seen_t;
}

struct timespec clock_now(void)
{
	struct timespec ts;
	time_t fixed = fixed_now();
	if (fixed >= 0) {
		/* A fixed clock still moves forward within a run, so that
		 * versions written one after another keep their order. */
		static _Atomic long tick; /* shared by the server's threads */
		ts.tv_sec = fixed;
		ts.tv_nsec = (tick++ % 1000) * 1000000L;
		return ts;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	return ts;
}

char *clock_iso_utc(struct timespec t, char out[CLOCK_ISO_LEN])
{
	struct tm tm;
	gmtime_r(&t.tv_sec, &tm);
	snprintf(out, CLOCK_ISO_LEN, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, t.tv_nsec / 1000000L);
	return out;
}

date_t clock_today(void)
{
	struct timespec t = clock_now();
	struct tm tm;
	localtime_r(&t.tv_sec, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int clock_minute_of_day(void)
{
	struct timespec t = clock_now();
	struct tm tm;
	localtime_r(&t.tv_sec, &tm);
	return tm.tm_hour * 60 + tm.tm_min;
}

char *clock_local_display(const char *iso, char out[CLOCK_ISO_LEN])
{
	struct tm tm = {0};
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6) {
		snprintf(out, CLOCK_ISO_LEN, "%s", iso);
		return out;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	struct tm local;
	localtime_r(&t, &local);
	strftime(out, CLOCK_ISO_LEN, "%Y-%m-%d %H:%M:%S", &local);
	return out;
}
