/* Polish phrases: a worked example of a second language. TO REVIEW: the
 * Polish wording here and in src/comms/builtin_templates.c was written by a
 * non-native speaker and must be checked by a native Polish speaker before
 * a school relies on it. */
#include "comms/lang.h"

#include <stdio.h>
#include <string.h>

#include "core/trends.h"
#include "core/wording.h"

static bool is_pl(const char *lang)
{
	return lang && strcmp(lang, "pl") == 0;
}

bool lang_has_templates(const char *code)
{
	return code && (strcmp(code, "en") == 0 || strcmp(code, "pl") == 0);
}

bool lang_code_ok(const char *code)
{
	return code && strlen(code) == 2 && code[0] >= 'a' && code[0] <= 'z' && code[1] >= 'a' &&
	       code[1] <= 'z';
}

char *lang_date(const char *lang, date_t day, char *buf, size_t len)
{
	if (!is_pl(lang))
		return wording_date(day, buf, len);
	/* the genitive of the month, as Polish dates are written */
	static const char *months[] = {"stycznia", "lutego",   "marca",     "kwietnia",
				       "maja",	   "czerwca",  "lipca",     "sierpnia",
				       "września", "października", "listopada", "grudnia"};
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, len, "%d %s %d r.", d, months[m - 1], y);
	return buf;
}

/* "94.7%" with a decimal comma in Polish. */
static void decimal_comma(const char *lang, char *buf)
{
	char *dot;
	if (is_pl(lang) && (dot = strchr(buf, '.')))
		*dot = ',';
}

char *lang_pct(const char *lang, int64_t pct100, char *buf, size_t len)
{
	wording_pct(pct100, buf, len);
	decimal_comma(lang, buf);
	return buf;
}

char *lang_days(const char *lang, int64_t sessions, char *buf, size_t len)
{
	if (!is_pl(lang))
		return wording_days(sessions, buf, len);
	/* 1 dzień, 2 dni, 4,5 dnia (a fraction takes the genitive singular) */
	if (sessions % 2)
		snprintf(buf, len, "%lld,5 dnia", (long long)(sessions / 2));
	else
		snprintf(buf, len, "%lld %s", (long long)(sessions / 2), sessions == 2 ? "dzień" : "dni");
	return buf;
}

char *lang_days_tenths(const char *lang, int64_t tenths, char *buf, size_t len)
{
	if (!is_pl(lang))
		return wording_days_tenths(tenths, buf, len);
	if (tenths % 10)
		snprintf(buf, len, "%lld,%lld dnia", (long long)(tenths / 10), (long long)(tenths % 10));
	else
		snprintf(buf, len, "%lld %s", (long long)(tenths / 10), tenths == 10 ? "dzień" : "dni");
	return buf;
}

char *lang_time(const char *lang, int64_t tenths, char *buf, size_t len)
{
	if (!is_pl(lang))
		return wording_time(tenths, buf, len);
	if (tenths < 45)
		return lang_days_tenths(lang, tenths, buf, len);
	/* the same weeks and the same "nearly"/"just over" rule as wording_time */
	int64_t weeks = (tenths + 25) / 50, d = tenths - weeks * 50;
	const char *unit = weeks == 1 ? "tydzień" : weeks % 10 >= 2 && weeks % 10 <= 4 &&
							   (weeks % 100 < 12 || weeks % 100 > 14)
							  ? "tygodnie"
							  : "tygodni";
	const char *how = d == 0 ? "dokładnie" : d < 0 && d >= -5 ? "prawie"
					      : d > 0 && d <= 5	  ? "nieco ponad"
								  : NULL;
	if (how && weeks == 1)
		snprintf(buf, len, "%s tydzień", how);
	else if (how)
		snprintf(buf, len, "%s %lld %s", how, (long long)weeks, unit);
	else /* "około" takes the genitive */
		snprintf(buf, len, weeks == 1 ? "około tygodnia" : "około %lld tygodni", (long long)weeks);
	return buf;
}

char *lang_lessons_n(const char *lang, int64_t n, char *buf, size_t len)
{
	if (is_pl(lang)) /* "około" takes the genitive: lekcji for every number */
		snprintf(buf, len, "około %lld lekcji", (long long)n);
	else
		snprintf(buf, len, "about %lld lesson%s", (long long)n, n == 1 ? "" : "s");
	return buf;
}

char *lang_lessons(const char *lang, int64_t sessions, int lessons_per_day, char *buf, size_t len)
{
	return lang_lessons_n(lang, wording_lessons(sessions, lessons_per_day), buf, len);
}

char *lang_days_lessons(const char *lang, int64_t sessions, int lessons_per_day, char *buf,
			size_t len)
{
	if (!is_pl(lang))
		return wording_days_lessons(sessions, lessons_per_day, buf, len);
	if (sessions <= 0) {
		snprintf(buf, len, "0 dni");
		return buf;
	}
	char d[32], l[48];
	snprintf(buf, len, "%s (%s)", lang_days(lang, sessions, d, sizeof d),
		 lang_lessons(lang, sessions, lessons_per_day, l, sizeof l));
	return buf;
}

char *lang_recovery(const char *lang, const struct recovery *r, char *buf, size_t len)
{
	if (!is_pl(lang))
		return wording_recovery(r, buf, len);
	char a[48], b[48], p[16];
	int t = r->target_pct100 / 100;
	if (!r->below)
		snprintf(buf, len, "frekwencja wynosi już co najmniej %d%%", t);
	else if (r->reachable)
		snprintf(buf, len,
			 "przy pełnej obecności od %s frekwencja wróci do %d%% dnia %s (potrzeba %d %s "
			 "z rzędu)",
			 lang_date(lang, r->from_day, a, sizeof a), t,
			 lang_date(lang, r->reached_on, b, sizeof b), r->days_needed,
			 r->days_needed == 1 ? "dnia szkolnego" : "dni szkolnych");
	else
		snprintf(buf, len,
			 "powrót do %d%% do %s nie jest już możliwy (pozostałe dni szkolne: %d; pełna "
			 "obecność da %s)",
			 t, lang_date(lang, r->target_day, b, sizeof b), r->days_left,
			 lang_pct(lang, r->best_pct100, p, sizeof p));
	return buf;
}

char *lang_trend(const char *lang, const struct trend_change *c, char *buf, size_t len)
{
	char before[16];
	lang_pct(lang, c->before_pct100, before, sizeof before);
	bool pl = is_pl(lang);
	switch (c->direction) {
	case TREND_IMPROVING:
		snprintf(buf, len, pl ? "wzrost z %s miesiąc temu" : "up from %s a month ago", before);
		break;
	case TREND_DECLINED:
		snprintf(buf, len, pl ? "spadek z %s miesiąc temu" : "down from %s a month ago", before);
		break;
	case TREND_STEADY:
		snprintf(buf, len,
			 pl ? "mniej więcej tyle samo co miesiąc temu, gdy wynosiła %s"
			    : "about the same as a month ago, when it was %s",
			 before);
		break;
	default:
		snprintf(buf, len, "%s",
			 pl ? "za wcześnie w roku szkolnym, by porównać z poprzednim miesiącem"
			    : "too early in the school year to compare with a month ago");
	}
	return buf;
}
