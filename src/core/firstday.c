#include "core/firstday.h"

#include <stdio.h>
#include <string.h>

#include "core/codes.h"

static const struct {
	const char *name, *label, *owner, *by;
} steps[FD_STEP__MAX] = {
	[FD_MESSAGE] = {"message", "Message the first contact", "Office", "09:30"},
	[FD_CALLS] = {"calls", "Call the other contacts", "Office", "10:00"},
	[FD_VISIT] = {"visit", "Consider a welfare visit", "Attendance lead", "10:30"},
};

static const struct {
	const char *name, *label;
} whos[ESC__MAX] = {
	[ESC_TUTOR] = {"tutor", "Tutor"},
	[ESC_HEAD_OF_YEAR] = {"head_of_year", "Head of year"},
	[ESC_SENIOR_LEADER] = {"senior_leader", "Senior leader"},
	[ESC_OFFICE] = {"office", "Office"},
};

static const struct {
	const char *name, *label;
	enum fd_step step;
	bool note;
} results[FD_RESULT__MAX] = {
	[FD_SENT] = {"sent", "Sent", FD_MESSAGE, false},
	[FD_NO_ONE] = {"no_one", "No one to message", FD_MESSAGE, true},
	[FD_REACHED] = {"reached", "Reached", FD_CALLS, false},
	[FD_NO_ANSWER] = {"no_answer", "No answer", FD_CALLS, false},
	[FD_VISITED] = {"visited", "Visited", FD_VISIT, true},
	[FD_NO_VISIT] = {"no_visit", "No visit needed", FD_VISIT, true},
};

const char *fd_result_name(enum fd_result r)
{
	return (unsigned)r < FD_RESULT__MAX ? results[r].name : "?";
}

const char *fd_result_label(enum fd_result r)
{
	return (unsigned)r < FD_RESULT__MAX ? results[r].label : "?";
}

int fd_result_parse(const char *name)
{
	for (int r = 0; name && r < FD_RESULT__MAX; r++)
		if (strcmp(results[r].name, name) == 0)
			return r;
	return -1;
}

enum fd_step fd_result_step(enum fd_result r)
{
	return (unsigned)r < FD_RESULT__MAX ? results[r].step : FD_STEP__MAX;
}

bool fd_result_needs_note(enum fd_result r)
{
	return (unsigned)r < FD_RESULT__MAX && results[r].note;
}

struct fd_progress fd_progress_of(const enum fd_result *rs, int n, int called, int to_call)
{
	struct fd_progress p = {0};
	for (int i = 0; i < n; i++) {
		enum fd_step s = fd_result_step(rs[i]);
		if (s == FD_STEP__MAX)
			continue;
		if (rs[i] == FD_REACHED)
			p.contacted = true;
		if (s != FD_CALLS || rs[i] == FD_REACHED)
			p.done |= 1u << s;
	}
	if (called >= (to_call < 1 ? 1 : to_call))
		p.done |= 1u << FD_CALLS;
	return p;
}

const char *fd_step_name(enum fd_step s)
{
	return (unsigned)s < FD_STEP__MAX ? steps[s].name : "?";
}

const char *fd_step_label(enum fd_step s)
{
	return (unsigned)s < FD_STEP__MAX ? steps[s].label : "?";
}

const char *fd_step_owner(enum fd_step s)
{
	return (unsigned)s < FD_STEP__MAX ? steps[s].owner : "?";
}

int fd_step_parse(const char *name)
{
	for (int s = 0; name && s < FD_STEP__MAX; s++)
		if (strcmp(steps[s].name, name) == 0)
			return s;
	return -1;
}

const char *esc_who_name(enum esc_who w)
{
	return (unsigned)w < ESC__MAX ? whos[w].name : "?";
}

const char *esc_who_label(enum esc_who w)
{
	return (unsigned)w < ESC__MAX ? whos[w].label : "?";
}

int fd_parse_time(const char *t)
{
	if (!t || strlen(t) != 5 || t[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (t[i] < '0' || t[i] > '9'))
			return -1;
	int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
	return h > 23 || m > 59 ? -1 : h * 60 + m;
}

void fd_settings_default(struct fd_settings *s)
{
	memset(s, 0, sizeof *s);
	for (int i = 0; i < FD_STEP__MAX; i++)
		s->by[i] = fd_parse_time(steps[i].by);
	s->n_escalation = 3;
	s->escalation[0] = ESC_TUTOR;
	s->escalation[1] = ESC_HEAD_OF_YEAR;
	s->escalation[2] = ESC_SENIOR_LEADER;
}

const char *fd_parse_escalation(const char *text, struct fd_settings *s)
{
	enum esc_who list[FD_ESCALATION_MAX];
	int n = 0;
	const char *p = text ? text : "";
	while (*p) {
		while (*p == ' ')
			p++;
		size_t len = strcspn(p, ",");
		size_t trim = len;
		while (trim && p[trim - 1] == ' ')
			trim--;
		int found = -1;
		for (int w = 0; w < ESC__MAX; w++)
			if (strlen(whos[w].name) == trim && strncmp(whos[w].name, p, trim) == 0)
				found = w;
		if (found < 0)
			return "each day is tutor, head_of_year, senior_leader or office, "
			       "separated by commas (day 1 first)";
		if (n == FD_ESCALATION_MAX)
			return "at most 10 days";
		list[n++] = (enum esc_who)found;
		p += len;
		if (*p == ',' && !*++p)
			return "a comma ends the list";
	}
	if (n == 0)
		return "name at least day 1 (e.g. tutor,head_of_year,senior_leader)";
	s->n_escalation = n;
	memcpy(s->escalation, list, (size_t)n * sizeof *list);
	return NULL;
}

void fd_escalation_text(const struct fd_settings *s, char *buf, size_t len)
{
	size_t k = 0;
	buf[0] = '\0';
	for (int i = 0; i < s->n_escalation && k < len; i++)
		k += (size_t)snprintf(buf + k, len - k, "%s%s", i ? "," : "",
				      esc_who_name(s->escalation[i]));
}

const char *fd_check_times(const struct fd_settings *s)
{
	for (int i = 0; i < FD_STEP__MAX; i++)
		if (s->by[i] < 0)
			return "each time is HH:MM";
	if (s->by[FD_MESSAGE] > s->by[FD_CALLS] || s->by[FD_CALLS] > s->by[FD_VISIT])
		return "the message comes by the time of the calls, and the calls by the visit's";
	return NULL;
}

struct fd_due fd_step_due(const struct fd_settings *s, const struct fd_progress *p, int now)
{
	struct fd_due d = {FD_STEP__MAX, 0, false};
	if (p->contacted)
		return d;
	for (int i = 0; i < FD_STEP__MAX; i++) {
		if (p->done & (1u << i))
			continue;
		d.step = i;
		d.by = s->by[i];
		d.late = now > s->by[i];
		break;
	}
	return d;
}

static bool day_unexplained(fd_cell_fn cell, const void *ctx, int day)
{
	return cell(ctx, 2 * day) == CODE_N || cell(ctx, 2 * day + 1) == CODE_N;
}

int fd_unexplained_run(fd_cell_fn cell, const void *ctx, int first_col, int end_col, int day)
{
	int run = 0;
	/* Columns are school days only: the day before in the matrix is the
	 * school day before, whatever lies between. */
	for (int d = day; d >= 0 && 2 * d >= first_col && 2 * d + 1 < end_col; d--) {
		if (!day_unexplained(cell, ctx, d))
			break;
		run++;
	}
	return run;
}

int fd_escalation_for(const struct fd_settings *s, int run)
{
	return run >= 1 && run <= s->n_escalation ? (int)s->escalation[run - 1] : -1;
}

static int weekdays_between(date_t from, date_t to)
{
	int n = 0;
	for (date_t d = from + 1; d <= to; d++)
		n += !date_is_weekend(d);
	return n;
}

int fd_school_days_between(const struct calendar *cal, date_t from, date_t to)
{
	if (to <= from)
		return 0;
	if (cal->n_school_days == 0 || from >= cal->last)
		return weekdays_between(from, to);
	int lo, hi;
	calendar_day_range(cal, from + 1, to, &lo, &hi);
	int n = hi - lo;
	if (to > cal->last)
		n += weekdays_between(cal->last, to);
	return n;
}

bool fd_n_overdue(const struct calendar *cal, date_t day, date_t today)
{
	return fd_school_days_between(cal, day, today) > FD_N_SCHOOL_DAYS;
}

int fd_rank_compare(const struct fd_rank *a, const struct fd_rank *b)
{
	if (a->flagged != b->flagged)
		return a->flagged ? -1 : 1;
	bool da = a->due.step < FD_STEP__MAX, db = b->due.step < FD_STEP__MAX;
	if (da != db)
		return da ? -1 : 1;
	if (da && a->due.by != b->due.by)
		return a->due.by < b->due.by ? -1 : 1;
	if (a->run != b->run)
		return a->run > b->run ? -1 : 1;
	return 0;
}
