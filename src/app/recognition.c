#include "app/recognition.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/array.h"
#include "comms/message.h"
#include "core/groups.h"
#include "core/ranges.h"
#include "core/wording.h"

/* ---- loading ---- */

static int add_winner(void *ctx, const struct award_winner_rec *w)
{
	struct recog_list *l = ctx;
	return array_push(&l->w, &l->n, sizeof *w, w);
}

int recog_list_load(struct store *s, int64_t school_id, int64_t id, struct recog_list *out,
		    struct app_error *err)
{
	memset(out, 0, sizeof *out);
	int rc = store_award_list_get(s, school_id, id, &out->l);
	if (rc == 0)
		rc = store_award_rule_get(s, school_id, out->l.rule_id, &out->rule);
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, NULL, "there is no award list %lld", (long long)id);
	if (rc < 0 || store_award_winners_each(s, school_id, id, add_winner, out) < 0) {
		recog_list_free(out);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	}
	return 0;
}

void recog_list_free(struct recog_list *l)
{
	free(l->w);
	l->w = NULL;
	l->n = 0;
}

static int note_exclusion(void *ctx, const struct recog_exclusion_rec *x)
{
	(void)x;
	*(bool *)ctx = true;
	return 0;
}

int recog_excluded(struct store *s, int64_t school_id, int64_t pupil_id, bool *excluded,
		   struct app_error *err)
{
	*excluded = false;
	if (store_recog_exclusions_each(s, school_id, true, pupil_id, note_exclusion, excluded) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	return 0;
}

void recog_award_text(const struct recog_list *l, char *buf, size_t len)
{
	char a[40], b[40];
	wording_date(l->l.period_from, a, sizeof a);
	wording_date(l->l.period_to, b, sizeof b);
	/* "Monday 2 November 2026" -> "2 November 2026": the weekday says little here */
	const char *fa = strchr(a, ' '), *fb = strchr(b, ' ');
	snprintf(buf, len, "%s (%s to %s)", l->l.name, fa ? fa + 1 : a, fb ? fb + 1 : b);
}

/* ---- generating ---- */

struct excluded_set {
	int64_t *v;
	int n;
};

static int add_excluded(void *ctx, const struct recog_exclusion_rec *x)
{
	struct excluded_set *s = ctx;
	return array_push(&s->v, &s->n, sizeof x->pupil_id, &x->pupil_id);
}

static bool in_set(const struct excluded_set *s, int64_t id)
{
	for (int i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return true;
	return false;
}

static void figures_over(const struct engine *e, int row, date_t from, date_t to, struct figures *f)
{
	int c0, c1;
	stats_cols(&e->cal, from, to, &c0, &c1);
	stats_row(&e->m, row, c0, c1, f);
}

int recog_generate_write(struct engine *e, int64_t rule_id, date_t as_of, const char *by,
			 int64_t *list_id, struct app_error *err)
{
	struct award_rule_rec rule;
	int rc = store_award_rule_get(e->store, e->school.id, rule_id, &rule);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1 || !rule.active)
		return app_fail(err, ERR_NOT_FOUND, "award", "there is no award %lld", (long long)rule_id);
	int kind = award_kind_parse(rule.kind), period = award_period_parse(rule.period);
	struct award_list_rec l = {.rule_id = rule_id, .prev_from = DATE_INVALID, .prev_to = DATE_INVALID};
	char d[DATE_ISO_LEN];
	if (kind < 0 || period < 0 ||
	    award_period_range(&e->cal, (enum award_period)period, as_of, &l.period_from, &l.period_to) < 0)
		return app_fail(err, ERR_INPUT, "date", "there is no school %s on or before %s",
				rule.period, date_format(as_of, d));
	if (kind == AWARD_MOST_IMPROVED &&
	    award_previous_period(&e->cal, l.period_from, l.period_to, &l.prev_from, &l.prev_to) < 0)
		return app_fail(err, ERR_INPUT, "date",
				"there is no earlier period to compare %s with: the calendar starts "
				"with it",
				rule.name);
	int last = range_school_day_at_or_before(&e->cal, l.period_to);
	int last_col = last >= 0 ? 2 * last : -1;
	struct excluded_set ex = {0};
	if (store_recog_exclusions_each(e->store, e->school.id, true, 0, add_excluded, &ex) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	struct award_entry *v = calloc((size_t)e->m.n_rows + e->m.n_forms + 1, sizeof *v);
	struct figures *now = calloc((size_t)e->m.n_rows + 1, sizeof *now);
	struct figures *before = calloc((size_t)e->m.n_rows + 1, sizeof *before);
	struct group_figures *forms = calloc((size_t)e->m.n_forms + 1, sizeof *forms);
	int ret = -1, n = 0;
	if (!v || !now || !before || !forms) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	for (int row = 0; row < e->m.n_rows; row++) {
		const struct pupil_row *p = &e->m.rows[row];
		if (last_col < p->first_col || last_col >= p->end_col)
			continue; /* not on roll at the period's end */
		figures_over(e, row, l.period_from, l.period_to, &now[row]);
		int64_t value = 0;
		bool wins = false;
		switch (kind) {
		case AWARD_FULL:
			wins = award_full_attendance(&now[row], rule.minimum);
			value = 10000;
			break;
		case AWARD_MOST_IMPROVED:
			figures_over(e, row, l.prev_from, l.prev_to, &before[row]);
			wins = award_improvement(&now[row], &before[row], rule.minimum, rule.min_rise100,
						 &value);
			break;
		default: {
			struct figures_class c;
			stats_classify(&now[row], &c);
			stats_add_classified(&forms[p->form], &now[row], &c);
			break;
		}
		}
		if (wins)
			v[n++] = (struct award_entry){row, value, 0};
	}
	if (kind == AWARD_FORM) {
		for (int f = 0; f < e->m.n_forms; f++)
			if (forms[f].pupils_with_possible >= rule.minimum && forms[f].possible > 0)
				v[n++] = (struct award_entry){f, stats_pct100(forms[f].present + forms[f].approved,
									      forms[f].possible), 0};
	}
	int keep = award_rank(v, n, rule.top);
	snprintf(l.name, sizeof l.name, "%s", rule.name);
	snprintf(l.kind, sizeof l.kind, "%s", rule.kind);
	snprintf(l.generated_by, sizeof l.generated_by, "%s", by);
	clock_iso_utc(clock_now(), l.generated_at);
	rc = store_award_list_insert(e->store, e->school.id, &l);
	if (rc < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto out;
	}
	if (rc == 1) {
		app_fail(err, ERR_CONFLICT, "award",
			 "a list of %s for %s to %s stands already: approve it, or withdraw it to "
			 "generate it again",
			 rule.name, date_format(l.period_from, d), date_format(l.period_to, d));
		goto out;
	}
	for (int i = 0; i < keep; i++) {
		struct award_winner_rec w = {.list_id = l.id, .rank = v[i].rank, .included = true,
					     .before100 = -1, .prev_sessions = -1};
		if (kind == AWARD_FORM) {
			const struct group_figures *g = &forms[v[i].id];
			snprintf(w.form, sizeof w.form, "%s", e->m.forms[v[i].id]);
			w.value100 = v[i].value;
			w.sessions = (int)g->possible;
		} else {
			const struct pupil_row *p = &e->m.rows[v[i].id];
			const struct figures *f = &now[v[i].id];
			w.pupil_id = p->pupil_id;
			snprintf(w.form, sizeof w.form, "%s", e->m.forms[p->form]);
			w.value100 = stats_pct100(stats_attendance(f), f->possible);
			w.sessions = f->possible;
			if (kind == AWARD_MOST_IMPROVED) {
				const struct figures *b = &before[v[i].id];
				w.before100 = stats_pct100(stats_attendance(b), b->possible);
				w.prev_sessions = b->possible;
				w.rise100 = v[i].value;
			}
			w.excluded = in_set(&ex, p->pupil_id);
			w.included = !w.excluded;
		}
		if (store_award_winner_add(e->store, e->school.id, &w) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			goto out;
		}
	}
	*list_id = l.id;
	ret = 0;
out:
	free(ex.v);
	free(v);
	free(now);
	free(before);
	free(forms);
	return ret;
}

/* ---- deciding ---- */

struct keep_ctx {
	int64_t *ids;
	int n;
	struct app_error *err;
};

static int add_keep(void *ctx, const char *value)
{
	struct keep_ctx *k = ctx;
	if (!*value)
		return 0; /* an empty list: nobody kept */
	char *end;
	long long id = strtoll(value, &end, 10);
	if (!*value || *end || id <= 0)
		return app_fail(k->err, ERR_INPUT, "keep", "keep '%.20s' is not a winner's number", value);
	int64_t v = id;
	return array_push(&k->ids, &k->n, sizeof v, &v);
}

int recog_decide_write(struct engine *e, int64_t list_id, const struct fields *f, const char *by,
		       struct app_error *err)
{
	static const char *const allowed[] = {"decision", "note", "chosen", "keep", NULL};
	static const char *const decisions[] = {"approve", "withdraw"};
	int decision;
	bool chosen;
	char note[512];
	if (fields_check(f, allowed, NULL, err) < 0 ||
	    fields_choice(f, "decision", decisions, 2, -1, true, &decision, err) < 0 ||
	    fields_text(f, "note", note, sizeof note, false, false, err) < 0 ||
	    fields_bool(f, "chosen", false, &chosen, err) < 0)
		return -1;
	struct recog_list l;
	if (recog_list_load(e->store, e->school.id, list_id, &l, err) < 0)
		return -1;
	struct keep_ctx k = {NULL, 0, err};
	int ret = -1;
	if (strcmp(l.l.status, "proposed") != 0) {
		app_fail(err, ERR_CONFLICT, "decision", "this list was %s already", l.l.status);
		goto out;
	}
	if (fields_each(f, "keep", add_keep, &k) < 0)
		goto out;
	for (int i = 0; i < k.n; i++) {
		bool found = false;
		for (int j = 0; j < l.n && !found; j++)
			found = l.w[j].id == k.ids[i];
		if (!found) {
			app_fail(err, ERR_INPUT, "keep", "keep %lld is not on this list", (long long)k.ids[i]);
			goto out;
		}
	}
	if (decision == 0 && chosen) {
		for (int j = 0; j < l.n; j++) {
			bool keep = false;
			for (int i = 0; i < k.n && !keep; i++)
				keep = k.ids[i] == l.w[j].id;
			keep &= !l.w[j].excluded;
			if (keep != l.w[j].included &&
			    store_award_winner_set_included(e->store, e->school.id, list_id, l.w[j].id,
							    keep) < 0) {
				app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
				goto out;
			}
		}
	}
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	int rc = store_award_list_decide(e->store, e->school.id, list_id,
					 decision == 0 ? "approved" : "withdrawn", by, now, note);
	if (rc < 0)
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	else if (rc == 1)
		app_fail(err, ERR_CONFLICT, "decision", "this list was decided already");
	else
		ret = 0;
out:
	free(k.ids);
	recog_list_free(&l);
	return ret;
}

/* ---- praise to families ---- */

int recog_send_write(struct engine *e, int64_t list_id, const char *by, int *queued, int *skipped,
		     struct app_error *err)
{
	*queued = *skipped = 0;
	struct recog_list l;
	if (recog_list_load(e->store, e->school.id, list_id, &l, err) < 0)
		return -1;
	int ret = -1;
	if (strcmp(l.l.status, "approved") != 0) {
		app_fail(err, ERR_CONFLICT, NULL, "approve the list before praise goes to families");
		goto out;
	}
	if (!l.rule.template_name[0]) {
		app_fail(err, ERR_CONFLICT, NULL,
			 "the award %s sends no message to families (its template is empty)", l.rule.name);
		goto out;
	}
	char award[200];
	recog_award_text(&l, award, sizeof award);
	date_t today = clock_today();
	for (int i = 0; i < l.n; i++) {
		const struct award_winner_rec *w = &l.w[i];
		if (!w->pupil_id || !w->included || w->excluded || w->outbox_id)
			continue;
		bool excluded;
		if (recog_excluded(e->store, e->school.id, w->pupil_id, &excluded, err) < 0)
			goto out;
		int row = -1;
		for (int r = 0; r < e->m.n_rows; r++)
			if (e->m.rows[r].pupil_id == w->pupil_id)
				row = r;
		if (excluded || row < 0) {
			(*skipped)++;
			continue;
		}
		struct message m;
		struct message_request rq = {.template_name = l.rule.template_name,
					     .upn = e->m.rows[row].upn};
		rq.supplied[TF_AWARD] = award;
		struct app_error me = {0};
		if (message_compose(e, &rq, today, &m, &me) < 0) {
			if (strcmp(me.field, "contact") == 0) {
				(*skipped)++; /* no contact can get it: the office sees it in the list */
				continue;
			}
			*err = me;
			goto out;
		}
		int64_t outbox_id;
		int rc = message_queue_write(e, &m, by, &outbox_id, err);
		message_free(&m);
		if (rc < 0)
			goto out;
		if (store_award_winner_set_outbox(e->store, e->school.id, w->id, outbox_id) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			goto out;
		}
		(*queued)++;
	}
	ret = 0;
out:
	recog_list_free(&l);
	return ret;
}

/* ---- exclusions ---- */

int recog_exclude_write(struct engine *e, int64_t pupil_id, const struct fields *f,
			const char *by, struct app_error *err)
{
	static const char *const allowed[] = {"reason", NULL};
	struct recog_exclusion_rec x = {.pupil_id = pupil_id};
	if (fields_check(f, allowed, NULL, err) < 0 ||
	    fields_text(f, "reason", x.reason, sizeof x.reason, true, false, err) < 0)
		return -1;
	snprintf(x.excluded_by, sizeof x.excluded_by, "%s", by);
	clock_iso_utc(clock_now(), x.excluded_at);
	int rc = store_recog_exclusion_add(e->store, e->school.id, &x);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, NULL,
				"this pupil is already kept out of public recognition");
	return 0;
}

int recog_lift_write(struct engine *e, int64_t exclusion_id, const struct fields *f,
		     const char *by, struct app_error *err)
{
	static const char *const allowed[] = {"reason", NULL};
	char why[512], now[CLOCK_ISO_LEN];
	if (fields_check(f, allowed, NULL, err) < 0 ||
	    fields_text(f, "reason", why, sizeof why, true, false, err) < 0)
		return -1;
	clock_iso_utc(clock_now(), now);
	int rc = store_recog_exclusion_lift(e->store, e->school.id, exclusion_id, by, now, why);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, NULL, "there is no current exclusion %lld",
				(long long)exclusion_id);
	return 0;
}

/* ---- awards configured ---- */

int recog_rule_from_fields(const struct engine *e, const struct fields *f,
			   struct award_rule_rec *r, struct app_error *err)
{
	static const char *const allowed[] = {"name", "kind",	  "period", "minimum", "top",
					      "min_rise", "template", "active", NULL};
	static const char *const kinds[AWARD__MAX] = {"full_attendance", "most_improved",
						      "form_of_week"};
	static const char *const periods[AP__MAX] = {"week", "half_term", "term", "year"};
	bool edit = r->id != 0;
	int x;
	long n;
	if (fields_check(f, allowed, NULL, err) < 0)
		return -1;
	if (!edit) {
		r->minimum = 10;
		r->top = 0;
		r->min_rise100 = 100;
		r->active = true;
	}
	if ((!edit || fields_get(f, "name")) &&
	    fields_text(f, "name", r->name, sizeof r->name, true, false, err) < 0)
		return -1;
	if (!edit || fields_get(f, "kind")) {
		if (fields_choice(f, "kind", kinds, AWARD__MAX, -1, true, &x, err) < 0)
			return -1;
		snprintf(r->kind, sizeof r->kind, "%s", kinds[x]);
	}
	if (!edit || fields_get(f, "period")) {
		if (fields_choice(f, "period", periods, AP__MAX, -1, true, &x, err) < 0)
			return -1;
		snprintf(r->period, sizeof r->period, "%s", periods[x]);
	}
	if (fields_get(f, "minimum")) {
		if (fields_int(f, "minimum", 1, 400, 10, false, &n, err) < 0)
			return -1;
		r->minimum = (int)n;
	}
	if (fields_get(f, "top")) {
		if (fields_int(f, "top", 0, 500, 0, false, &n, err) < 0)
			return -1;
		r->top = (int)n;
	}
	if (fields_get(f, "min_rise")) {
		/* whole points: 1 to 100 */
		if (fields_int(f, "min_rise", 1, 100, 1, false, &n, err) < 0)
			return -1;
		r->min_rise100 = n * 100;
	}
	if (fields_get(f, "template")) {
		if (fields_text(f, "template", r->template_name, sizeof r->template_name, false, false,
				err) < 0)
			return -1;
		struct template_rec *t = malloc(sizeof *t);
		if (!t)
			return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		int rc = r->template_name[0] ? store_template_get(e->store, e->school.id,
								  r->template_name, "en", t)
					     : 0;
		free(t);
		if (rc < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		if (rc == 1)
			return app_fail(err, ERR_INPUT, "template",
					"there is no template named '%s' (empty: no message)",
					r->template_name);
	}
	bool active = r->active;
	if (fields_bool(f, "active", active, &active, err) < 0)
		return -1;
	r->active = active;
	return 0;
}

int recog_rule_write(struct engine *e, struct award_rule_rec *r, const char *by,
		     struct app_error *err)
{
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	if (r->id == 0) {
		r->builtin_key[0] = '\0';
		snprintf(r->created_by, sizeof r->created_by, "%s", by);
		snprintf(r->created_at, sizeof r->created_at, "%s", now);
	}
	snprintf(r->updated_by, sizeof r->updated_by, "%s", by);
	snprintf(r->updated_at, sizeof r->updated_at, "%s", now);
	int rc = store_award_rule_save(e->store, e->school.id, r);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, NULL, "there is no award %lld", (long long)r->id);
	return 0;
}
