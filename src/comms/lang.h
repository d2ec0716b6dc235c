/* The words of merge fields in a template's language. English is
 * core/wording's, word for word; other languages follow the same figures
 * with their own grammar. Pure: no I/O. */
#ifndef ATTEND_LANG_H
#define ATTEND_LANG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

struct recovery;
struct trend_change;

/* Languages templates are written in: "en" and, as a worked example, "pl". */
bool lang_has_templates(const char *code);
/* A language code as contacts carry it: two lowercase letters (ISO 639-1). */
bool lang_code_ok(const char *code);

char *lang_date(const char *lang, date_t day, char *buf, size_t len);
char *lang_pct(const char *lang, int64_t pct100, char *buf, size_t len);
char *lang_days(const char *lang, int64_t sessions, char *buf, size_t len);
char *lang_lessons(const char *lang, int64_t sessions, int lessons_per_day, char *buf, size_t len);
char *lang_days_lessons(const char *lang, int64_t sessions, int lessons_per_day, char *buf,
			size_t len);
char *lang_recovery(const char *lang, const struct recovery *r, char *buf, size_t len);
/* A time in tenths of a day: "4.5 days" ("4,5 dnia"). */
char *lang_days_tenths(const char *lang, int64_t tenths, char *buf, size_t len);
/* A time in tenths of a day as weeks of school: "nearly a week" (core/wording's
 * rule); in Polish "prawie tydzień", "około 3 tygodni", ... */
char *lang_time(const char *lang, int64_t tenths, char *buf, size_t len);
/* "about 24 lessons" ("około 24 lekcji"). */
char *lang_lessons_n(const char *lang, int64_t lessons, char *buf, size_t len);
/* "up from 92.1% a month ago", "down from ...", "about the same as a month
 * ago (92.1%)", or that there is nothing to compare with yet. */
char *lang_trend(const char *lang, const struct trend_change *c, char *buf, size_t len);

#endif
