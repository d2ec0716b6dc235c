#include "core/groups.h"

#include <stdio.h>
#include <string.h>

int group_spec_parse(const char *text, struct group_spec *g, char *err, size_t errlen)
{
	memset(g, 0, sizeof *g);
	if (!text || !*text) {
		snprintf(err, errlen, "group is empty: give a field such as year, or fsm,year");
		return -1;
	}
	const char *p = text;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char name[16];
		int f = -1;
		if (len > 0 && len < sizeof name) {
			memcpy(name, p, len);
			name[len] = '\0';
			f = group_field_parse(name);
		}
		if (f < 0) {
			snprintf(err, errlen,
				 "group '%.*s' is not year, form, gender, fsm, pp, send or eal",
				 (int)(len > 32 ? 32 : len), p);
			return -1;
		}
		for (int i = 0; i < g->n; i++) {
			if ((int)g->field[i] == f) {
				snprintf(err, errlen, "group field '%s' is given twice", name);
				return -1;
			}
		}
		if (g->n == GROUP_SPEC_MAX) {
			snprintf(err, errlen, "group combines at most %d fields", GROUP_SPEC_MAX);
			return -1;
		}
		g->field[g->n++] = (enum group_field)f;
		if (!comma)
			break;
		p = comma + 1;
	}
	return 0;
}

void group_spec_single(struct group_spec *g, enum group_field f)
{
	memset(g, 0, sizeof *g);
	g->n = 1;
	g->field[0] = f;
}

void group_spec_bind(struct group_spec *g, const struct matrix *m)
{
	g->n_keys = g->n ? 1 : 0;
	for (int i = 0; i < g->n; i++) {
		g->radix[i] = group_key_count(m, g->field[i]);
		g->n_keys *= g->radix[i];
	}
}

int group_spec_key(const struct group_spec *g, const struct matrix *m, int row)
{
	int key = 0;
	for (int i = 0; i < g->n; i++)
		key = key * g->radix[i] + group_key(m, row, g->field[i]);
	return key;
}

int group_spec_part(const struct group_spec *g, int key, int i)
{
	for (int j = g->n - 1; j > i; j--)
		key /= g->radix[j];
	return key % g->radix[i];
}

char *group_spec_name(const struct group_spec *g, char *buf, size_t len)
{
	size_t at = 0;
	buf[0] = '\0';
	for (int i = 0; i < g->n && at < len; i++)
		at += (size_t)snprintf(buf + at, len - at, "%s%s", i ? "," : "",
				       group_field_name(g->field[i]));
	return buf;
}

char *group_spec_label(const struct group_spec *g, const struct matrix *m, int key, char *buf,
		       size_t len)
{
	size_t at = 0;
	buf[0] = '\0';
	for (int i = 0; i < g->n && at < len; i++) {
		char v[64];
		group_key_label(m, g->field[i], group_spec_part(g, key, i), v);
		at += (size_t)snprintf(buf + at, len - at, "%s%s", i ? "/" : "", v);
	}
	return buf;
}

int64_t groups_diff_pp100(int64_t an, int64_t ad, int64_t bn, int64_t bd)
{
	if (ad <= 0 || bd <= 0)
		return PP_NONE;
	/* (an*bd - bn*ad) * 10000 / (ad*bd): the products outgrow 64 bits for a
	 * trust's sums, so work in 128. */
	__int128 num = ((__int128)an * bd - (__int128)bn * ad) * 10000;
	__int128 den = (__int128)ad * bd;
	__int128 mag = num < 0 ? -num : num;
	__int128 q = (2 * mag + den) / (2 * den);
	return (int64_t)(num < 0 ? -q : q);
}

void group_figures_add(struct group_figures *out, const struct group_figures *x)
{
	out->pupils += x->pupils;
	out->pupils_with_possible += x->pupils_with_possible;
	out->possible += x->possible;
	out->present += x->present;
	out->approved += x->approved;
	out->authorised += x->authorised;
	out->unauthorised += x->unauthorised;
	out->not_possible += x->not_possible;
	out->unmarked += x->unmarked;
	out->late_before_close += x->late_before_close;
	out->late_after_close += x->late_after_close;
	out->minutes_late += x->minutes_late;
	out->persistent += x->persistent;
	out->severe += x->severe;
	out->at_risk += x->at_risk;
	for (int i = 0; i < BAND__MAX; i++)
		out->bands[i] += x->bands[i];
	out->too_few_sessions += x->too_few_sessions;
	for (int k = 0; k < CODE__MAX; k++)
		out->codes[k] += x->codes[k];
}

void group_figures_sub(struct group_figures *out, const struct group_figures *all,
		       const struct group_figures *part)
{
	out->pupils = all->pupils - part->pupils;
	out->pupils_with_possible = all->pupils_with_possible - part->pupils_with_possible;
	out->possible = all->possible - part->possible;
	out->present = all->present - part->present;
	out->approved = all->approved - part->approved;
	out->authorised = all->authorised - part->authorised;
	out->unauthorised = all->unauthorised - part->unauthorised;
	out->not_possible = all->not_possible - part->not_possible;
	out->unmarked = all->unmarked - part->unmarked;
	out->late_before_close = all->late_before_close - part->late_before_close;
	out->late_after_close = all->late_after_close - part->late_after_close;
	out->minutes_late = all->minutes_late - part->minutes_late;
	out->persistent = all->persistent - part->persistent;
	out->severe = all->severe - part->severe;
	out->at_risk = all->at_risk - part->at_risk;
	for (int i = 0; i < BAND__MAX; i++)
		out->bands[i] = all->bands[i] - part->bands[i];
	out->too_few_sessions = all->too_few_sessions - part->too_few_sessions;
	for (int k = 0; k < CODE__MAX; k++)
		out->codes[k] = all->codes[k] - part->codes[k];
}

void groups_cohort_gap(const struct group_figures *cohort, const struct group_figures *all,
		       struct cohort_gap *gap)
{
	struct group_figures rest;
	group_figures_sub(&rest, all, cohort);
	gap->rest_pupils = rest.pupils;
	gap->absence_pp100 = groups_diff_pp100(cohort->authorised + cohort->unauthorised,
					       cohort->possible, rest.authorised + rest.unauthorised,
					       rest.possible);
	gap->persistent_pp100 = groups_diff_pp100(cohort->persistent, cohort->pupils_with_possible,
						  rest.persistent, rest.pupils_with_possible);
	gap->severe_pp100 = groups_diff_pp100(cohort->severe, cohort->pupils_with_possible,
					      rest.severe, rest.pupils_with_possible);
}
