/* The rules of casework, pure: the graduated approach's stages and tiers,
 * the triggers that put a pupil on the attendance lead's review list (and
 * the stage each suggests), the school weeks that triggers, notices and
 * impact windows count in, the penalty-notice framework's rules, and the
 * arithmetic of an intervention's impact. Nothing here does I/O or decides
 * anything for a person: a trigger only suggests.
 *
 * A school week is a calendar week (Monday to Sunday) with at least one
 * school day in the school's calendar; a week with none (a half-term or
 * holiday week) is not one and is passed over, so a run of school weeks
 * may span half-terms, terms and school years (the calendar holds more
 * than one year: its columns run on across the summer). A week with one
 * school day counts as a whole school week. Weeks after the calendar's last
 * term count as school weeks (the next year may not be in it yet). */
#ifndef ATTEND_CASEWORK_H
#define ATTEND_CASEWORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/tally.h"
#include "core/trends.h"

/* ---- stages and tiers ---- */

/* The graduated approach (domain.md; seeds 001 and 003): each stage and the
 * tier it belongs to. Formal and enforcement stay in tier 3: the support
 * continues while it is formalised. */
enum cw_stage {
	CW_UNIVERSAL,          /* tier 1: expect and monitor */
	CW_EARLY_INTERVENTION, /* tier 2: listen, understand, an in-school support plan */
	CW_TARGETED,           /* tier 3: multi-agency support for complex barriers */
	CW_FORMAL,             /* formalise support: contract, notice to improve */
	CW_ENFORCEMENT,        /* enforce: penalty notice, orders, prosecution */
	CW_STAGE__MAX
};
const char *cw_stage_name(enum cw_stage s);  /* "early_intervention" */
const char *cw_stage_label(enum cw_stage s); /* "Early intervention" */
const char *cw_stage_means(enum cw_stage s); /* what the stage is, for people */
int cw_stage_tier(enum cw_stage s);          /* 1..3 */
int cw_stage_parse(const char *name);        /* -1 if unknown */

/* ---- triggers ---- */

enum cw_trigger {
	CWT_AT_RISK,      /* crossed into absence of 5% to under 10% this school year */
	CWT_PERSISTENT,   /* crossed into persistent absence (10% or more) */
	CWT_SEVERE,       /* crossed into severe absence (50% or more) */
	CWT_DECLINE,      /* attendance down N points on the M school weeks before */
	CWT_PATTERN,      /* a pattern in the absence (core/patterns' notes) */
	CWT_UNAUTHORISED, /* N unauthorised sessions within M school weeks (penalty framework) */
	CWT_PART_TIME,    /* a part-time timetable past its review date */
	CWT__MAX
};
const char *cw_trigger_name(enum cw_trigger t);  /* "persistent", ... */
const char *cw_trigger_label(enum cw_trigger t); /* "Crossed into persistent absence" */
int cw_trigger_parse(const char *name);          /* -1 if unknown */
/* The stage a trigger suggests for a pupil at `current`: never lower than
 * the current stage. At risk, a decline and a pattern suggest early
 * intervention; persistent absence early intervention, or targeted support
 * for a pupil already in early intervention; severe absence targeted
 * support; the unauthorised-sessions threshold the formal stage (a penalty
 * notice may be considered, a notice to improve first); a part-time
 * timetable past review the stage the pupil is at. */
enum cw_stage cw_suggest(enum cw_trigger t, enum cw_stage current);

/* The settings (school settings casework_*, defaults below). */
#define CW_DECLINE_POINTS 5      /* casework_decline_points */
#define CW_DECLINE_WEEKS 4       /* casework_decline_weeks */
#define CW_UNAUTH_SESSIONS 10    /* casework_unauthorised_sessions: the framework's 10 */
#define CW_UNAUTH_WEEKS 10       /* casework_unauthorised_weeks: in a rolling 10 school weeks */
#define CW_MIN_SESSIONS 20       /* casework_min_sessions: before a crossing counts */
#define CW_IMPACT_WEEKS 6        /* casework_impact_weeks */
#define CW_REVIEW_NOTICE_DAYS 5  /* casework_review_notice_days: school days' warning */
#define CW_SCAN_MINUTES 10       /* casework_scan_minutes: the server's scan (0: never) */
struct cw_settings {
	int decline_points, decline_weeks;
	int unauth_sessions, unauth_weeks;
	int min_sessions, impact_weeks, review_notice_days, scan_minutes;
	unsigned enabled; /* bits of enum cw_trigger (casework_triggers) */
};
void cw_settings_default(struct cw_settings *s);
/* "at_risk,persistent,decline" into bits; NULL, or the rule it breaks. */
const char *cw_parse_triggers(const char *text, unsigned *bits);

/* ---- crossing into a band of absence ---- */

enum cw_level { CWL_GOOD, CWL_AT_RISK, CWL_PERSISTENT, CWL_SEVERE, CWL__MAX };
/* absence / possible: under 5%, 5% to under 10%, 10% to under 50%, 50% or more. */
enum cw_level cw_level(int64_t absence, int64_t possible);
/* The trigger of crossing into a level (CWL_AT_RISK..CWL_SEVERE). */
enum cw_trigger cw_level_trigger(enum cw_level l);

struct cw_crossing {
	enum cw_level level;   /* at the end of the last day */
	int day;               /* school-day index of the day the pupil last rose into it; -1 */
	int64_t absence, possible; /* to date, at the end of the last day */
	int64_t day_absence, day_possible; /* on that day */
};
/* The row's figures to date at the end of each school day of [d0, d1)
 * (its time on roll): its level counts from the first day with at least
 * min_possible possible sessions, and `day` is the latest day on which it
 * rose into the level it is at on the last day (from a lower level, or
 * straight away on the first day that counts). */
void cw_crossing(const struct tally_plan *p, const struct matrix *m, int row, int d0, int d1,
		 int min_possible, struct cw_crossing *out);

/* ---- the penalty-notice framework's threshold ---- */

/* The calendar's school weeks: trends_weeks over every column, so cls[col]
 * is the school week of each session column. */
int cw_weeks(const struct calendar *cal, struct week_list *out);
/* cols: the columns of a pupil's unauthorised sessions, ascending; week:
 * the school week of each column. Counting only sessions after after_col
 * (-1: all), the first session that brings the sessions within `weeks`
 * school weeks (its own and the weeks - 1 before it) to `need`: its index
 * in cols, or -1. */
int cw_unauthorised_reached(const int *cols, int n, const uint16_t *week, int need, int weeks,
			    int after_col);

/* ---- a decline ---- */

struct cw_decline {
	int64_t before_pct100, now_pct100, change_pp100; /* exact; PP_NONE when unknown */
	bool due;
};
/* The two windows of a decline as of school day `day`, in session columns:
 * now, the last `weeks` school weeks that have ended by that day (its own
 * week when it is the week's last school day); before, the `weeks` school
 * weeks before them. w: the calendar's school weeks (cw_weeks). Fills
 * out[4] = {before c0, before c1, now c0, now c1} and the Monday of the
 * last week of each window; -1 when the calendar has too few weeks. */
int cw_decline_windows(const struct calendar *cal, const struct week_list *w, int day, int weeks,
		       int out[4], date_t mondays[2]);
/* Attendance over the last `weeks` school weeks against the `weeks` before
 * them: due when it fell by `points` or more and each window has at least
 * half its sessions possible (5 a week). */
void cw_decline_check(const struct tally *before, const struct tally *now, int points, int weeks,
		      struct cw_decline *out);

/* ---- a pattern ---- */

/* The pattern notes (core/patterns) that raise the trigger: those of a
 * pupil missing 5% or more of the sessions counted (below that, a few
 * days are not a pattern worth a review); their number. */
struct pattern;
struct pattern_note;
int cw_pattern_notes(const struct pattern *p, struct pattern_note *out);

/* ---- part-time timetables: the sessions reduced ---- */

/* A week's sessions as bits: (weekday * 2 + session), Monday AM = bit 0. */
#define CW_SESSIONS_ALL 0x3ffu
/* "Mon:PM Wed:PM" (days Mon..Fri, AM or PM, separated by spaces or commas)
 * into bits; NULL, or the rule it breaks. */
const char *cw_sessions_parse(const char *text, unsigned *mask);
/* The bits as "Mon:PM Wed:PM". */
char *cw_sessions_text(unsigned mask, char *buf, size_t len);
/* "Monday afternoon, Wednesday afternoon": for people. */
char *cw_sessions_words(unsigned mask, char *buf, size_t len);
static inline bool cw_session_reduced(unsigned mask, date_t day, enum session s)
{
	int wd = (int)date_weekday(day);
	return wd < 5 && (mask >> (wd * 2 + (int)s)) & 1u;
}

/* ---- school weeks from a day ---- */

/* The day before the same weekday n school weeks after start's week: the
 * last day of a period of n school weeks starting on start (a notice to
 * improve's improvement period). Weeks without a school day are not
 * counted; weeks past the calendar are. */
date_t cw_school_weeks_end(const struct calendar *cal, date_t start, int n);
/* day itself when its week is a school week, else the Monday of the next
 * school week (a notice dated in a holiday starts its period after it). */
date_t cw_school_week_start(const struct calendar *cal, date_t day);

/* ---- penalty notices (national framework, 2024) ---- */

#define CW_PN_AMOUNT_PENCE 16000  /* £160 */
#define CW_PN_REDUCED_PENCE 8000  /* £80 if paid within 21 days (first notice only) */
#define CW_PN_REDUCED_DAYS 21
#define CW_PN_PAY_DAYS 28
#define CW_PN_YEARS 3
#define CW_PN_RULE_THIRD                                                                     \
	"the national framework for penalty notices (2024) allows at most two penalty notices "   \
	"to the same parent for the same child within 3 years: a third is not issued"
#define CW_NTI_MIN_WEEKS 3 /* a notice to improve's improvement period */
#define CW_NTI_MAX_WEEKS 6

struct cw_penalty {
	int number;         /* 1 or 2; 0 when refused */
	int prior;          /* notices to this parent for this child within 3 years before */
	date_t window_from; /* notices on or after this day count */
	int amount_pence, reduced_pence; /* reduced 0: no reduction */
	date_t reduced_until, pay_by;
};
/* The same day and month n years before (29 February: 28 February). */
date_t cw_years_before(date_t d, int n);
/* A penalty notice to a parent for a child on `issue`, given the days of
 * the notices issued to that parent for that child before (withdrawn ones
 * left out): the first within 3 years is £160, £80 if paid within 21 days;
 * the second £160 with no reduction; both to be paid within 28 days. A
 * third within 3 years is refused: returns -1 (out->number 0). Notices
 * dated after `issue` count too (a notice recorded late). */
int cw_penalty_decide(const date_t *prior, int n, date_t issue, struct cw_penalty *out);

/* ---- impact ---- */

#define CW_IMPACT_MIN_PUPILS 10 /* fewer: too few to conclude anything */
#define CW_IMPACT_MIN_POSSIBLE 20 /* a window counts with at least this many possible sessions */

/* The windows of something started on `start`, in session columns: before,
 * the n school weeks before the school week of start (fewer when the
 * calendar starts later: before_weeks says how many); after, from the
 * first school day on or after start to the end of the n-th school week
 * counting start's own, cut at as_of. complete: the after-window has ended
 * by as_of. -1 when no school day follows start in the calendar. */
struct cw_windows {
	int b0, b1, a0, a1;
	int before_weeks, after_weeks; /* school weeks in each (to date) */
	bool complete;
	date_t after_end; /* the last school day of the whole after-window */
};
int cw_impact_windows(const struct calendar *cal, const struct week_list *w, date_t start, int n,
		      date_t as_of, struct cw_windows *out);
/* attendance % after - before, hundredths of a point, exact (PP_NONE). */
int64_t cw_change_pp100(const struct tally *before, const struct tally *after);
/* The mean of n changes (hundredths of a point), rounded half away from
 * zero; PP_NONE when n is 0. */
int64_t cw_mean_pp100(const int64_t *v, int n);

#endif
