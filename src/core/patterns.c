#include "core/patterns.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint16_t *patterns_classes(const struct calendar *cal, int c0, int c1)
{
	if (c1 <= c0)
		return NULL;
	uint16_t *cls = malloc((size_t)(c1 - c0) * sizeof *cls);
	if (!cls)
		return NULL;
	int d0 = c0 / 2, d1 = (c1 + 1) / 2;
	for (int d = d0; d < d1; d++) {
		int wd = (int)date_weekday(cal->school_days[d]);
		for (int s = 0; s < SESSION__MAX; s++) {
			int c = 2 * d + s;
			if (c >= c0 && c < c1)
				cls[c - c0] = (uint16_t)(wd * SESSION__MAX + s);
		}
	}
	for (int i = 0; i < cal->n_half_terms; i++) {
		const struct half_term *h = &cal->half_terms[i];
		if (h->n_days <= 0)
			continue;
		int edges[2][2] = {{h->first_day + h->n_days - 1, EDGE_BEFORE_BREAK},
				   {h->first_day, EDGE_AFTER_BREAK}}; /* after wins a one-day half-term */
		for (int e = 0; e < 2; e++) {
			for (int s = 0; s < SESSION__MAX; s++) {
				int c = 2 * edges[e][0] + s;
				if (c < c0 || c >= c1)
					continue;
				int base = cls[c - c0] % (PATTERN_WEEKDAYS * SESSION__MAX);
				cls[c - c0] = (uint16_t)(edges[e][1] * PATTERN_WEEKDAYS * SESSION__MAX + base);
			}
		}
	}
	return cls;
}

void patterns_fold(const struct tally cls[PATTERN_CLASSES], struct pattern *p)
{
	memset(p, 0, sizeof *p);
	for (int k = 0; k < PATTERN_CLASSES; k++) {
		int session = k % SESSION__MAX;
		int wd = (k / SESSION__MAX) % PATTERN_WEEKDAYS;
		int edge = k / (SESSION__MAX * PATTERN_WEEKDAYS);
		tally_add(&p->total, &cls[k]);
		tally_add(&p->day[wd], &cls[k]);
		tally_add(&p->session[session], &cls[k]);
		tally_add(&p->edge[edge], &cls[k]);
	}
}

void patterns_add(struct pattern *dst, const struct pattern *src)
{
	tally_add(&dst->total, &src->total);
	for (int i = 0; i < PATTERN_WEEKDAYS; i++)
		tally_add(&dst->day[i], &src->day[i]);
	for (int i = 0; i < SESSION__MAX; i++)
		tally_add(&dst->session[i], &src->session[i]);
	for (int i = 0; i < EDGE__MAX; i++)
		tally_add(&dst->edge[i], &src->edge[i]);
}

bool patterns_over(int64_t part_abs, int64_t part_pos, int64_t absence, int64_t possible)
{
	if (absence < PATTERN_MIN_ABSENCE || part_abs < PATTERN_MIN_PART || part_pos <= 0)
		return false;
	return part_abs * (possible - part_pos) >= 2 * (absence - part_abs) * part_pos;
}

/* Index of the part with the highest absence rate among those that pass
 * patterns_over, or -1. */
static int top_part(const struct tally *parts, int n, const struct tally *total)
{
	int64_t a = tally_absence(total), p = tally_possible(total);
	int best = -1;
	for (int i = 0; i < n; i++) {
		int64_t ai = tally_absence(&parts[i]), pi = tally_possible(&parts[i]);
		if (!patterns_over(ai, pi, a, p))
			continue;
		if (best >= 0) {
			int64_t ab = tally_absence(&parts[best]), pb = tally_possible(&parts[best]);
			int64_t lhs = ai * pb, rhs = ab * pi; /* ai/pi against ab/pb */
			if (lhs < rhs || (lhs == rhs && ai <= ab))
				continue;
		}
		best = i;
	}
	return best;
}

int patterns_notes(const struct pattern *p, struct pattern_note out[NOTE__MAX])
{
	int n = 0;
	int64_t a = tally_absence(&p->total);
	int i = top_part(p->day, PATTERN_WEEKDAYS, &p->total);
	if (i >= 0)
		out[n++] = (struct pattern_note){NOTE_DAY, i, tally_absence(&p->day[i]), a};
	i = top_part(p->session, SESSION__MAX, &p->total);
	if (i >= 0)
		out[n++] = (struct pattern_note){NOTE_SESSION, i, tally_absence(&p->session[i]), a};
	struct tally edge = p->edge[EDGE_BEFORE_BREAK];
	tally_add(&edge, &p->edge[EDGE_AFTER_BREAK]);
	if (patterns_over(tally_absence(&edge), tally_possible(&edge), a, tally_possible(&p->total)))
		out[n++] = (struct pattern_note){NOTE_HOLIDAY, 0, tally_absence(&edge), a};
	return n;
}

char *patterns_note_text(const struct pattern_note *n, char *buf, size_t len)
{
	const char *part = "";
	char tmp[48];
	switch (n->kind) {
	case NOTE_DAY:
		snprintf(tmp, sizeof tmp, "on a %s", date_weekday_name((enum weekday)n->which));
		part = tmp;
		break;
	case NOTE_SESSION: part = n->which == SESSION_AM ? "in the morning" : "in the afternoon"; break;
	default: part = "on the school day before or after a holiday"; break;
	}
	snprintf(buf, len, "%lld of %lld absent sessions were %s", (long long)n->absence,
		 (long long)n->of, part);
	return buf;
}
