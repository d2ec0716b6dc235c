#include "core/transition.h"

#include <string.h>

#include "core/exchange_codes.h"
#include "core/stats.h"
#include "core/tally.h"

static const struct {
	const char *name, *label;
} risks[TR__MAX] = {
	[TR_SEVERE] = {"severe", "Severe absence in Year 6 (50% or more)"},
	[TR_PERSISTENT] = {"persistent", "Persistent absence in Year 6 (10% or more)"},
	[TR_AT_RISK] = {"at_risk", "At risk in Year 6 (absence 5% to 10%)"},
	[TR_UNKNOWN] = {"unknown", "No Year 6 figures yet: ask the primary school"},
	[TR_EXPECTED] = {"expected", "Attended well in Year 6 (absence under 5%)"},
};

const char *transition_risk_name(enum transition_risk r)
{
	return (unsigned)r < TR__MAX ? risks[r].name : "?";
}

const char *transition_risk_label(enum transition_risk r)
{
	return (unsigned)r < TR__MAX ? risks[r].label : "?";
}

enum transition_risk transition_risk_of(const struct y6_figures *f)
{
	if (!f->known || f->possible <= 0)
		return TR_UNKNOWN;
	/* absence % against 50, 10 and 5, in integers: 100 a >= t p */
	int64_t a = (int64_t)f->authorised + f->unauthorised, p = f->possible;
	if (100 * a >= 50 * p)
		return TR_SEVERE;
	if (100 * a >= 10 * p)
		return TR_PERSISTENT;
	if (100 * a >= 5 * p)
		return TR_AT_RISK;
	return TR_EXPECTED;
}

bool transition_flagged(enum transition_risk r)
{
	return r == TR_SEVERE || r == TR_PERSISTENT || r == TR_AT_RISK;
}

int transition_needs_count(const struct transition_needs *n)
{
	return n->cp + n->cin + n->looked_after + n->fsm + (n->send == 'K' || n->send == 'E');
}

void transition_rank_of(const struct y6_figures *f, const struct transition_needs *n,
			struct transition_rank *out)
{
	out->risk = transition_risk_of(f);
	bool known = out->risk != TR_UNKNOWN;
	out->absence_pct100 =
		known ? stats_pct100((int64_t)f->authorised + f->unauthorised, f->possible) : -1;
	out->unauthorised_pct100 = known ? stats_pct100(f->unauthorised, f->possible) : -1;
	out->needs = transition_needs_count(n);
}

int transition_compare(const struct transition_rank *a, const struct transition_rank *b)
{
	if (a->risk != b->risk)
		return a->risk < b->risk ? -1 : 1;
	if (a->absence_pct100 != b->absence_pct100)
		return a->absence_pct100 > b->absence_pct100 ? -1 : 1;
	if (a->unauthorised_pct100 != b->unauthorised_pct100)
		return a->unauthorised_pct100 > b->unauthorised_pct100 ? -1 : 1;
	if (a->needs != b->needs)
		return a->needs > b->needs ? -1 : 1;
	return 0;
}

void transition_marks_pattern(const uint8_t *codes, int n, date_t start, struct pattern *out)
{
	struct tally_plan plan;
	struct tally cls[PATTERN_CLASSES];
	tally_plan_init(&plan);
	memset(cls, 0, sizeof cls);
	for (int i = 0; i < n; i++) {
		enum session s;
		date_t d = ctf_mark_date(start, i, &s);
		int wd = date_weekday(d);
		if (wd > WD_FRI || codes[i] >= 64)
			continue;
		struct tally *t = &cls[(EDGE_OTHER * PATTERN_WEEKDAYS + wd) * SESSION__MAX + s];
		t->n[plan.bin[codes[i]]]++;
		if (plan.late[codes[i]] != TB_SINK)
			t->n[plan.late[codes[i]]]++;
	}
	memset(out, 0, sizeof *out);
	patterns_fold(cls, out);
}

bool transition_early_decliner(int64_t att_first, int64_t possible_first, int64_t att_now,
			       int64_t possible_now, int64_t min_pp100, struct trend_change *c)
{
	trends_change(att_now, possible_now, att_first, possible_first, min_pp100, c);
	return possible_first >= TRANSITION_MIN_SESSIONS && possible_now >= TRANSITION_MIN_SESSIONS &&
	       c->direction == TREND_DECLINED;
}
