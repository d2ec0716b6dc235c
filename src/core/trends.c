#include "core/trends.h"

#include <stdlib.h>
#include <string.h>

#include "core/groups.h"

int trends_weeks(const struct calendar *cal, int c0, int c1, struct week_list *out)
{
	memset(out, 0, sizeof *out);
	out->c0 = c0;
	out->c1 = c1 > c0 ? c1 : c0;
	int d0 = c0 / 2, d1 = out->c1 / 2;
	/* At most one week per school day. */
	out->w = malloc((size_t)(d1 > d0 ? d1 - d0 : 1) * sizeof *out->w);
	out->cls = malloc((size_t)(out->c1 > c0 ? out->c1 - c0 : 1) * sizeof *out->cls);
	if (!out->w || !out->cls) {
		trends_weeks_free(out);
		return -1;
	}
	for (int d = d0; d < d1; d++) {
		date_t day = cal->school_days[d];
		date_t monday = date_week_start(day);
		struct week *w = out->n ? &out->w[out->n - 1] : NULL;
		if (!w || w->monday != monday) {
			int skipped = w ? (int)((monday - w->monday) / 7) - 1 : 0;
			w = &out->w[out->n++];
			*w = (struct week){.monday = monday, .first = day, .c0 = 2 * d,
					   .skipped_before = skipped};
		}
		w->last = day;
		w->c1 = 2 * d + 2;
		w->school_days++;
		out->cls[2 * d - c0] = out->cls[2 * d + 1 - c0] = (uint16_t)(out->n - 1);
	}
	return 0;
}

void trends_weeks_free(struct week_list *l)
{
	free(l->w);
	free(l->cls);
	memset(l, 0, sizeof *l);
}

void trends_change(int64_t att_now, int64_t possible_now, int64_t att_before,
		   int64_t possible_before, int64_t min_pp100, struct trend_change *c)
{
	c->now_pct100 = stats_pct100(att_now, possible_now);
	c->before_pct100 = stats_pct100(att_before, possible_before);
	c->change_pp100 = groups_diff_pp100(att_now, possible_now, att_before, possible_before);
	if (c->change_pp100 == PP_NONE)
		c->direction = TREND_UNKNOWN;
	else if (c->change_pp100 <= -min_pp100)
		c->direction = TREND_DECLINED;
	else if (c->change_pp100 >= min_pp100)
		c->direction = TREND_IMPROVING;
	else
		c->direction = TREND_STEADY;
}

const char *trend_direction_name(enum trend_direction d)
{
	static const char *names[] = {NULL, "declined", "steady", "improving"};
	return (unsigned)d <= TREND_IMPROVING ? names[d] : NULL;
}

bool trends_briefing(const struct figures *f)
{
	int64_t a = stats_absence(f);
	return f->possible > 0 && a * 20 >= f->possible && a * 100 < 15 * (int64_t)f->possible;
}

static int64_t ceil_div(int64_t n, int64_t d)
{
	return n <= 0 ? 0 : (n + d - 1) / d;
}

void trends_recovery(const struct calendar *cal, const struct pupil_row *r, int64_t attendance,
		     int64_t possible, date_t as_of, date_t target_day, int target_pct100,
		     struct recovery *out)
{
	memset(out, 0, sizeof *out);
	out->attendance = attendance;
	out->possible = possible;
	out->target_pct100 = target_pct100;
	out->as_of = as_of;
	out->target_day = target_day;
	out->from_day = out->reached_on = DATE_INVALID;
	int64_t t = target_pct100;
	out->below = possible > 0 && 10000 * attendance < t * possible;
	out->days_needed = (int)ceil_div(t * possible - 10000 * attendance, 2 * (10000 - t));
	int64_t short_of_pa = 9 * possible - 10 * attendance; /* >= 0: absence >= 10% */
	out->days_to_leave_pa = possible > 0 && short_of_pa >= 0 ? (int)(short_of_pa / 2 + 1) : 0;
	/* School days after as_of up to target_day, within the enrolment. */
	int lo, hi;
	calendar_day_range(cal, as_of + 1, target_day, &lo, &hi);
	if (lo < r->first_col / 2)
		lo = r->first_col / 2;
	if (hi > r->end_col / 2)
		hi = r->end_col / 2;
	out->days_left = hi > lo ? hi - lo : 0;
	if (out->days_left > 0)
		out->from_day = cal->school_days[lo];
	out->reachable = out->days_needed <= out->days_left;
	if (out->reachable)
		out->reached_on = out->days_needed > 0 ? cal->school_days[lo + out->days_needed - 1]
						       : as_of;
	out->best_pct100 = stats_pct100(attendance + 2 * (int64_t)out->days_left,
					possible + 2 * (int64_t)out->days_left);
}
