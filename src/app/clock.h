/* The time, as the school sees it. Times are school-local (Europe/London);
 * instants are stored as UTC ISO 8601 with milliseconds.
 * ATTEND_NOW=YYYY-MM-DDTHH:MM[:SS] (local time) fixes the clock, for tests and
 * for demonstrating a given day; it is never needed in production. */
#ifndef ATTEND_CLOCK_H
#define ATTEND_CLOCK_H

#include <time.h>

#include "core/date.h"

#define CLOCK_ISO_LEN 32

/* Sets the process time zone to Europe/London unless TZ is set. */
void clock_init(void);
struct timespec clock_now(void);
/* "2026-11-28T09:01:02.123Z" */
char *clock_iso_utc(struct timespec t, char out[CLOCK_ISO_LEN]);
/* Today's date in the school's time zone. */
date_t clock_today(void);
/* Minutes since local midnight, now. */
int clock_minute_of_day(void);
/* A stored UTC instant shown in local time: "2026-11-28 09:01". */
char *clock_local_display(const char *iso_utc, char out[CLOCK_ISO_LEN]);

#endif
