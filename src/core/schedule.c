#include "core/schedule.h"

#include <string.h>

#include "core/ranges.h"

static const char *const cadence_names[SC__MAX] = {"daily", "weekly", "half_termly", "termly"};
static const char *const cadence_labels[SC__MAX] = {"Daily", "Weekly", "Half-termly", "Termly"};
static const char *const timing_names[ST__MAX] = {"start", "end", "any"};
static const char *const state_names[SS__MAX] = {"upcoming", "open", "overdue", "missed", "done"};

const char *sched_cadence_name(enum sched_cadence c)
{
	return (unsigned)c < SC__MAX ? cadence_names[c] : "?";
}

const char *sched_cadence_label(enum sched_cadence c)
{
	return (unsigned)c < SC__MAX ? cadence_labels[c] : "?";
}

static int find(const char *const *names, int n, const char *text)
{
	for (int i = 0; text && i < n; i++)
		if (strcmp(names[i], text) == 0)
			return i;
	return -1;
}

int sched_cadence_parse(const char *text)
{
	return find(cadence_names, SC__MAX, text);
}

const char *sched_timing_name(enum sched_timing t)
{
	return (unsigned)t < ST__MAX ? timing_names[t] : "?";
}

int sched_timing_parse(const char *text)
{
	return find(timing_names, ST__MAX, text);
}

const char *sched_state_name(enum sched_state s)
{
	return (unsigned)s < SS__MAX ? state_names[s] : "?";
}

const char *sched_timing_label(enum sched_cadence c, enum sched_timing t)
{
	static const char *const labels[SC__MAX][ST__MAX] = {
		[SC_DAILY] = {"every school day", "every school day", "every school day"},
		[SC_WEEKLY] = {"the first school day of the week", "the last school day of the week",
			       "any time in the week"},
		[SC_HALF_TERMLY] = {"within the first week of the half-term",
				    "within the last week of the half-term",
				    "any time in the half-term"},
		[SC_TERMLY] = {"within the first week of the term", "within the last week of the term",
			       "any time in the term"},
	};
	return (unsigned)c < SC__MAX && (unsigned)t < ST__MAX ? labels[c][t] : "?";
}

/* A period: the school days [lo, hi) and the calendar days it spans (a
 * holiday inside a term is inside the term). */
struct sched_span {
	int lo, hi;
	date_t from, to;
};

typedef int (*period_cb)(void *ctx, const struct sched_span *p);

static int each_period(const struct calendar *cal, enum sched_cadence c, period_cb cb, void *ctx)
{
	const date_t *sd = cal->school_days;
	int rc = 0;
	switch (c) {
	case SC_DAILY:
		for (int i = 0; i < cal->n_school_days && !rc; i++)
			rc = cb(ctx, &(struct sched_span){i, i + 1, sd[i], sd[i]});
		break;
	case SC_WEEKLY:
		for (int i = 0; i < cal->n_school_days && !rc;) {
			date_t monday = date_week_start(sd[i]);
			int j = i;
			while (j < cal->n_school_days && sd[j] < monday + 7)
				j++;
			rc = cb(ctx, &(struct sched_span){i, j, monday, monday + 6});
			i = j;
		}
		break;
	case SC_HALF_TERMLY:
		for (int k = 0; k < cal->n_half_terms && !rc; k++) {
			const struct half_term *h = &cal->half_terms[k];
			if (h->n_days > 0)
				rc = cb(ctx, &(struct sched_span){h->first_day, h->first_day + h->n_days,
							       h->start, h->end});
		}
		break;
	case SC_TERMLY:
		for (int k = 0; k < cal->n_half_terms && !rc;) {
			const struct half_term *h = &cal->half_terms[k];
			int year = date_academic_year(h->start);
			enum term t = term_of_half_term(h->start);
			struct sched_span p = {h->first_day, h->first_day + h->n_days, h->start, h->end};
			int j = k + 1;
			for (; j < cal->n_half_terms; j++) {
				const struct half_term *n = &cal->half_terms[j];
				if (date_academic_year(n->start) != year || term_of_half_term(n->start) != t)
					break;
				p.hi = n->first_day + n->n_days;
				p.to = n->end;
			}
			if (p.hi > p.lo)
				rc = cb(ctx, &p);
			k = j;
		}
		break;
	default:
		break;
	}
	return rc;
}

static void occurrence(const struct calendar *cal, enum sched_cadence c, enum sched_timing t,
		       const struct sched_span *p, struct sched_occurrence *o)
{
	const date_t *sd = cal->school_days;
	o->period_start = sd[p->lo];
	o->period_end = o->close = sd[p->hi - 1];
	o->open = o->period_start;
	o->due = o->period_end;
	if (c == SC_DAILY || t == ST_ANY)
		return;
	if (c == SC_WEEKLY) {
		if (t == ST_START)
			o->due = o->period_start;
		else
			o->open = o->period_end;
		return;
	}
	/* half-termly and termly: the first or last Monday-to-Friday week */
	if (t == ST_START) {
		date_t next = date_week_start(o->period_start) + 7;
		int j = p->lo;
		while (j + 1 < p->hi && sd[j + 1] < next)
			j++;
		o->due = sd[j];
	} else {
		date_t monday = date_week_start(o->period_end);
		int i = p->hi - 1;
		while (i - 1 >= p->lo && sd[i - 1] >= monday)
			i--;
		o->open = sd[i];
	}
}

struct each_ctx {
	const struct calendar *cal;
	enum sched_cadence c;
	enum sched_timing t;
	date_t from, to;
	int (*cb)(void *ctx, const struct sched_occurrence *o);
	void *ctx;
};

static int each_one(void *ctx, const struct sched_span *p)
{
	struct each_ctx *x = ctx;
	const date_t *sd = x->cal->school_days;
	if (sd[p->hi - 1] < x->from || sd[p->lo] > x->to)
		return 0;
	struct sched_occurrence o;
	occurrence(x->cal, x->c, x->t, p, &o);
	return x->cb(x->ctx, &o);
}

int sched_each(const struct calendar *cal, enum sched_cadence c, enum sched_timing t, date_t from,
	       date_t to, int (*cb)(void *ctx, const struct sched_occurrence *o), void *ctx)
{
	if ((unsigned)c >= SC__MAX || (unsigned)t >= ST__MAX || from > to)
		return 0;
	struct each_ctx x = {cal, c, t, from, to, cb, ctx};
	return each_period(cal, c, each_one, &x);
}

struct at_ctx {
	const struct calendar *cal;
	enum sched_cadence c;
	enum sched_timing t;
	date_t day;
	struct sched_occurrence *out;
};

static int at_one(void *ctx, const struct sched_span *p)
{
	struct at_ctx *x = ctx;
	if (x->day < p->from || x->day > p->to)
		return 0;
	occurrence(x->cal, x->c, x->t, p, x->out);
	return 1;
}

int sched_at(const struct calendar *cal, enum sched_cadence c, enum sched_timing t, date_t day,
	     struct sched_occurrence *out)
{
	if ((unsigned)c >= SC__MAX || (unsigned)t >= ST__MAX)
		return 1;
	struct at_ctx x = {cal, c, t, day, out};
	return each_period(cal, c, at_one, &x) ? 0 : 1;
}

enum sched_state sched_state_of(const struct sched_occurrence *o, date_t today, bool done)
{
	if (done)
		return SS_DONE;
	if (today < o->open)
		return SS_UPCOMING;
	if (today > o->close)
		return SS_MISSED;
	return today > o->due ? SS_OVERDUE : SS_OPEN;
}
