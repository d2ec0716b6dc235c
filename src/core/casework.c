#include "core/casework.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/groups.h"
#include "core/patterns.h"

/* ---- stages ---- */

static const struct {
	const char *name, *label, *means;
	int tier;
} stages[CW_STAGE__MAX] = {
	[CW_UNIVERSAL] = {"universal", "Universal", "Tier 1: expect good attendance and monitor it", 1},
	[CW_EARLY_INTERVENTION] = {"early_intervention", "Early intervention",
				   "Tier 2: listen and understand, contact with the family, a "
				   "discussion with the pupil, an in-school support plan",
				   2},
	[CW_TARGETED] = {"targeted", "Targeted / multi-agency",
			 "Tier 3: facilitate support with other agencies for complex barriers, a "
			 "coordinated plan",
			 3},
	[CW_FORMAL] = {"formal", "Formal",
		       "Formalise support: an attendance contract or a notice to improve", 3},
	[CW_ENFORCEMENT] = {"enforcement", "Enforcement",
			    "Enforce: a penalty notice, an order or prosecution, with support "
			    "continuing",
			    3},
};

const char *cw_stage_name(enum cw_stage s)
{
	return (unsigned)s < CW_STAGE__MAX ? stages[s].name : "?";
}

const char *cw_stage_label(enum cw_stage s)
{
	return (unsigned)s < CW_STAGE__MAX ? stages[s].label : "?";
}

const char *cw_stage_means(enum cw_stage s)
{
	return (unsigned)s < CW_STAGE__MAX ? stages[s].means : "";
}

int cw_stage_tier(enum cw_stage s)
{
	return (unsigned)s < CW_STAGE__MAX ? stages[s].tier : 0;
}

int cw_stage_parse(const char *name)
{
	for (int s = 0; name && s < CW_STAGE__MAX; s++)
		if (strcmp(stages[s].name, name) == 0)
			return s;
	return -1;
}

/* ---- triggers ---- */

static const struct {
	const char *name, *label;
	enum cw_stage floor;
} triggers[CWT__MAX] = {
	[CWT_AT_RISK] = {"at_risk", "Crossed into at risk (5% absence)", CW_EARLY_INTERVENTION},
	[CWT_PERSISTENT] = {"persistent", "Crossed into persistent absence (10%)",
			    CW_EARLY_INTERVENTION},
	[CWT_SEVERE] = {"severe", "Crossed into severe absence (50%)", CW_TARGETED},
	[CWT_DECLINE] = {"decline", "Attendance declined", CW_EARLY_INTERVENTION},
	[CWT_PATTERN] = {"pattern", "A pattern in the absence", CW_EARLY_INTERVENTION},
	[CWT_UNAUTHORISED] = {"unauthorised", "Unauthorised sessions reached the penalty-notice "
					      "threshold",
			      CW_FORMAL},
	[CWT_PART_TIME] = {"part_time", "Part-time timetable past its review date", CW_UNIVERSAL},
};

const char *cw_trigger_name(enum cw_trigger t)
{
	return (unsigned)t < CWT__MAX ? triggers[t].name : "?";
}

const char *cw_trigger_label(enum cw_trigger t)
{
	return (unsigned)t < CWT__MAX ? triggers[t].label : "?";
}

int cw_trigger_parse(const char *name)
{
	for (int t = 0; name && t < CWT__MAX; t++)
		if (strcmp(triggers[t].name, name) == 0)
			return t;
	return -1;
}

enum cw_stage cw_suggest(enum cw_trigger t, enum cw_stage current)
{
	if ((unsigned)t >= CWT__MAX)
		return current;
	enum cw_stage s = triggers[t].floor;
	/* persistent absence in a pupil already getting early help: tier 3 */
	if (t == CWT_PERSISTENT && current >= CW_EARLY_INTERVENTION)
		s = CW_TARGETED;
	return s > current ? s : current;
}

void cw_settings_default(struct cw_settings *s)
{
	s->decline_points = CW_DECLINE_POINTS;
	s->decline_weeks = CW_DECLINE_WEEKS;
	s->unauth_sessions = CW_UNAUTH_SESSIONS;
	s->unauth_weeks = CW_UNAUTH_WEEKS;
	s->min_sessions = CW_MIN_SESSIONS;
	s->impact_weeks = CW_IMPACT_WEEKS;
	s->review_notice_days = CW_REVIEW_NOTICE_DAYS;
	s->scan_minutes = CW_SCAN_MINUTES;
	s->enabled = (1u << CWT__MAX) - 1;
}

/* The next word of a list separated by spaces or commas: its start, its
 * length in *n (0 at the end); *p moves past it. */
static const char *next_word(const char **p, size_t *n)
{
	while (**p == ' ' || **p == ',')
		(*p)++;
	const char *w = *p;
	*n = strcspn(w, ", ");
	*p += *n;
	return w;
}

const char *cw_parse_triggers(const char *text, unsigned *bits)
{
	unsigned b = 0;
	const char *p = text ? text : "";
	if (strcmp(p, "none") == 0) {
		*bits = 0;
		return NULL;
	}
	size_t n;
	for (const char *w; (w = next_word(&p, &n)), n;) {
		int found = -1;
		for (int t = 0; t < CWT__MAX; t++)
			if (strlen(triggers[t].name) == n && strncmp(triggers[t].name, w, n) == 0)
				found = t;
		if (found < 0)
			return "each trigger is at_risk, persistent, severe, decline, pattern, "
			       "unauthorised or part_time, separated by commas (none: the word none)";
		b |= 1u << found;
	}
	if (!b)
		return "name the triggers to use, or none";
	*bits = b;
	return NULL;
}

/* ---- crossing ---- */

enum cw_level cw_level(int64_t absence, int64_t possible)
{
	if (possible <= 0)
		return CWL_GOOD;
	if (absence * 2 >= possible)
		return CWL_SEVERE;
	if (absence * 10 >= possible)
		return CWL_PERSISTENT;
	if (absence * 20 >= possible)
		return CWL_AT_RISK;
	return CWL_GOOD;
}

enum cw_trigger cw_level_trigger(enum cw_level l)
{
	return l == CWL_SEVERE ? CWT_SEVERE : l == CWL_PERSISTENT ? CWT_PERSISTENT : CWT_AT_RISK;
}

void cw_crossing(const struct tally_plan *p, const struct matrix *m, int row, int d0, int d1,
		 int min_possible, struct cw_crossing *out)
{
	memset(out, 0, sizeof *out);
	out->day = -1;
	const struct pupil_row *r = &m->rows[row];
	const uint8_t *cells = matrix_row_cells(m, row);
	int lo = d0 > r->first_col / 2 ? d0 : r->first_col / 2;
	int hi = d1 < r->end_col / 2 ? d1 : r->end_col / 2;
	int64_t abs = 0, pos = 0;
	enum cw_level level = CWL_GOOD;
	/* for each level, the last day the pupil rose into it from below */
	int rose[CWL__MAX] = {-1, -1, -1, -1};
	int64_t rose_abs[CWL__MAX] = {0}, rose_pos[CWL__MAX] = {0};
	bool counting = false;
	for (int d = lo; d < hi; d++) {
		for (int s = 0; s < SESSION__MAX; s++) {
			uint8_t bin = p->bin[cells[2 * d + s] & 63];
			abs += bin == TB_AUTHORISED || bin == TB_UNAUTHORISED;
			pos += bin == TB_PRESENT || bin == TB_APPROVED || bin == TB_AUTHORISED ||
			       bin == TB_UNAUTHORISED;
		}
		if (pos < min_possible || pos == 0)
			continue;
		enum cw_level now = cw_level(abs, pos);
		for (int k = counting ? (int)level + 1 : 1; k <= (int)now; k++) {
			rose[k] = d;
			rose_abs[k] = abs;
			rose_pos[k] = pos;
		}
		counting = true;
		level = now;
	}
	if (counting && level > CWL_GOOD) {
		out->day = rose[level];
		out->day_absence = rose_abs[level];
		out->day_possible = rose_pos[level];
	}
	out->level = counting ? level : CWL_GOOD;
	out->absence = abs;
	out->possible = pos;
}

/* ---- the threshold of unauthorised sessions ---- */

int cw_weeks(const struct calendar *cal, struct week_list *out)
{
	return trends_weeks(cal, 0, 2 * cal->n_school_days, out);
}

int cw_unauthorised_reached(const int *cols, int n, const uint16_t *week, int need, int weeks,
			    int after_col)
{
	if (need < 1 || weeks < 1)
		return -1;
	int i = 0;
	while (i < n && cols[i] <= after_col)
		i++;
	for (int j = i; j < n; j++) {
		/* the window ends at cols[j]'s week and holds the weeks - 1 before */
		while (week[cols[j]] - week[cols[i]] >= weeks)
			i++;
		if (j - i + 1 >= need)
			return j;
	}
	return -1;
}

/* ---- a decline ---- */

int cw_decline_windows(const struct calendar *cal, const struct week_list *w, int day, int weeks,
		       int out[4], date_t mondays[2])
{
	if (day < 0 || day >= cal->n_school_days || weeks < 1 || w->n == 0)
		return -1;
	int kw = w->cls[2 * day - w->c0];
	int k = w->w[kw].last == cal->school_days[day] ? kw : kw - 1;
	if (k - 2 * weeks + 1 < 0)
		return -1;
	out[0] = w->w[k - 2 * weeks + 1].c0;
	out[1] = w->w[k - weeks].c1;
	out[2] = w->w[k - weeks + 1].c0;
	out[3] = w->w[k].c1;
	mondays[0] = w->w[k - weeks].monday;
	mondays[1] = w->w[k].monday;
	return 0;
}

int cw_pattern_notes(const struct pattern *p, struct pattern_note *out)
{
	if (cw_level(tally_absence(&p->total), tally_possible(&p->total)) == CWL_GOOD)
		return 0;
	return patterns_notes(p, out);
}

void cw_decline_check(const struct tally *before, const struct tally *now, int points, int weeks,
		      struct cw_decline *out)
{
	struct trend_change c;
	trends_change(tally_attendance(now), tally_possible(now), tally_attendance(before),
		      tally_possible(before), (int64_t)points * 100, &c);
	out->before_pct100 = c.before_pct100;
	out->now_pct100 = c.now_pct100;
	out->change_pp100 = c.change_pp100;
	int64_t enough = 5 * (int64_t)weeks;
	out->due = c.direction == TREND_DECLINED && tally_possible(before) >= enough &&
		   tally_possible(now) >= enough;
}

/* ---- sessions of a week ---- */

static const char *const day_short[5] = {"Mon", "Tue", "Wed", "Thu", "Fri"};

const char *cw_sessions_parse(const char *text, unsigned *mask)
{
	static const char rule[] = "sessions are days and sessions such as Mon:PM Wed:PM (Mon to "
				   "Fri, AM or PM), separated by spaces or commas";
	unsigned m = 0;
	const char *p = text ? text : "";
	size_t n;
	for (const char *w; (w = next_word(&p, &n)), n;) {
		if (n != 6 || w[3] != ':')
			return rule;
		int wd = -1, s = -1;
		for (int d = 0; d < 5; d++)
			if (strncasecmp(w, day_short[d], 3) == 0)
				wd = d;
		if (strncasecmp(w + 4, "AM", 2) == 0)
			s = SESSION_AM;
		else if (strncasecmp(w + 4, "PM", 2) == 0)
			s = SESSION_PM;
		if (wd < 0 || s < 0)
			return rule;
		m |= 1u << (wd * 2 + s);
	}
	if (!m)
		return "name at least one session the pupil will not attend (e.g. Mon:PM)";
	if (m == CW_SESSIONS_ALL)
		return "a part-time timetable keeps the pupil in school for some sessions: every "
		       "session of the week can't be reduced";
	*mask = m;
	return NULL;
}

char *cw_sessions_text(unsigned mask, char *buf, size_t len)
{
	size_t k = 0;
	buf[0] = '\0';
	for (int b = 0; b < 10 && k < len; b++)
		if (mask & (1u << b))
			k += (size_t)snprintf(buf + k, len - k, "%s%s:%s", k ? " " : "", day_short[b / 2],
					      b % 2 ? "PM" : "AM");
	return buf;
}

char *cw_sessions_words(unsigned mask, char *buf, size_t len)
{
	size_t k = 0;
	buf[0] = '\0';
	for (int d = 0; d < 5 && k < len; d++) {
		unsigned both = (mask >> (2 * d)) & 3u;
		if (!both)
			continue;
		k += (size_t)snprintf(buf + k, len - k, "%s%s%s", k ? ", " : "",
				      date_weekday_name((enum weekday)d),
				      both == 3 ? " (all day)" : both == 1 ? " morning" : " afternoon");
	}
	return buf;
}

/* ---- school weeks from a day ---- */

static bool school_week(const struct calendar *cal, date_t monday)
{
	if (monday > cal->last)
		return true;
	for (int d = 0; d < 5; d++)
		if (calendar_day_index(cal, monday + d) >= 0)
			return true;
	return false;
}

date_t cw_school_week_start(const struct calendar *cal, date_t day)
{
	date_t monday = date_week_start(day);
	if (school_week(cal, monday))
		return day;
	do
		monday += 7;
	while (!school_week(cal, monday));
	return monday;
}

date_t cw_school_weeks_end(const struct calendar *cal, date_t start, int n)
{
	date_t monday = date_week_start(start);
	for (int k = 0; k < n;) {
		monday += 7;
		k += school_week(cal, monday);
	}
	return monday + (start - date_week_start(start)) - 1;
}

/* ---- penalty notices ---- */

date_t cw_years_before(date_t d, int n)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	if (m == 2 && day == 29)
		day = 28;
	return date_from_ymd(y - n, m, day);
}

int cw_penalty_decide(const date_t *prior, int n, date_t issue, struct cw_penalty *out)
{
	memset(out, 0, sizeof *out);
	out->window_from = cw_years_before(issue, CW_PN_YEARS);
	for (int i = 0; i < n; i++)
		out->prior += prior[i] >= out->window_from;
	if (out->prior >= 2)
		return -1;
	out->number = out->prior + 1;
	out->amount_pence = CW_PN_AMOUNT_PENCE;
	out->pay_by = issue + CW_PN_PAY_DAYS;
	if (out->number == 1) {
		out->reduced_pence = CW_PN_REDUCED_PENCE;
		out->reduced_until = issue + CW_PN_REDUCED_DAYS;
	} else {
		out->reduced_until = DATE_INVALID;
	}
	return 0;
}

/* ---- impact ---- */

int cw_impact_windows(const struct calendar *cal, const struct week_list *w, date_t start, int n,
		      date_t as_of, struct cw_windows *out)
{
	memset(out, 0, sizeof *out);
	int lo, hi;
	calendar_day_range(cal, start, cal->last, &lo, &hi);
	if (lo >= cal->n_school_days || w->n == 0)
		return -1;
	int ks = w->cls[2 * lo];
	int kb = ks - n < 0 ? 0 : ks - n;
	out->before_weeks = ks - kb;
	out->b0 = out->before_weeks ? w->w[kb].c0 : 2 * lo;
	out->b1 = out->before_weeks ? w->w[ks - 1].c1 : 2 * lo;
	int ke = ks + n - 1 < w->n ? ks + n - 1 : w->n - 1;
	out->a0 = 2 * lo;
	out->after_end = w->w[ke].last;
	out->complete = ks + n - 1 < w->n && out->after_end <= as_of;
	int c_lo, c_hi;
	calendar_day_range(cal, start, as_of < out->after_end ? as_of : out->after_end, &c_lo, &c_hi);
	out->a1 = c_hi > lo ? 2 * c_hi : out->a0;
	out->after_weeks = out->a1 > out->a0 ? w->cls[out->a1 - 1] - ks + 1 : 0;
	return 0;
}

int64_t cw_change_pp100(const struct tally *before, const struct tally *after)
{
	return groups_diff_pp100(tally_attendance(after), tally_possible(after),
				 tally_attendance(before), tally_possible(before));
}

int64_t cw_mean_pp100(const int64_t *v, int n)
{
	if (n <= 0)
		return PP_NONE;
	int64_t sum = 0;
	for (int i = 0; i < n; i++)
		sum += v[i];
	int64_t mag = sum < 0 ? -sum : sum;
	int64_t q = (2 * mag + n) / (2 * (int64_t)n);
	return sum < 0 ? -q : q;
}
