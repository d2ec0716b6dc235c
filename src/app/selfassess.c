#include "app/selfassess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/array.h"
#include "core/wording.h"

const char *const sa_score_key[SA_SCORE_MAX + 1] = {
	"not scored",
	"in place or in the early stages of development",
	"in place but needs to be strengthened and further embedded",
	"in place but effectiveness has not been tested",
	"in place and known to be effective",
};

/* ---- loading ---- */

struct loading {
	struct sa_form *f;
	struct sa_answer_rec *answers;
	int n_answers;
};

static int add_answer(void *ctx, const struct sa_answer_rec *a)
{
	struct loading *l = ctx;
	return array_push(&l->answers, &l->n_answers, sizeof *a, a);
}

static int add_question(void *ctx, const struct sa_question_rec *q)
{
	struct loading *l = ctx;
	struct sa_item it = {.q = *q};
	for (int i = 0; i < l->n_answers; i++) {
		if (l->answers[i].question_id == q->id) {
			it.a = l->answers[i];
			it.answered = true;
		}
	}
	if (!q->active && !it.answered)
		return 0; /* retired, and not part of this assessment */
	it.a.question_id = q->id;
	return array_push(&l->f->items, &l->f->n, sizeof it, &it);
}

int sa_form_load(struct store *s, int64_t school_id, int64_t id, struct sa_form *out,
		 struct app_error *err)
{
	memset(out, 0, sizeof *out);
	int rc = store_sa_assessment_get(s, school_id, id, &out->a);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, NULL, "there is no self-assessment %lld", (long long)id);
	struct loading l = {out, NULL, 0};
	if (store_sa_answers_each(s, school_id, id, add_answer, &l) < 0 ||
	    store_sa_questions_each(s, school_id, true, add_question, &l) < 0) {
		free(l.answers);
		sa_form_free(out);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	}
	free(l.answers);
	return 0;
}

void sa_form_free(struct sa_form *f)
{
	free(f->items);
	f->items = NULL;
	f->n = 0;
}

/* ---- writes ---- */

int sa_create_write(struct engine *e, const struct fields *f, date_t today, const char *by,
		    int64_t *id, struct app_error *err)
{
	static const char *const allowed[] = {"held_on", "title", NULL};
	struct sa_assessment_rec a = {0};
	if (fields_check(f, allowed, NULL, err) < 0 ||
	    fields_date(f, "held_on", today, true, &a.held_on, err) < 0 ||
	    fields_text(f, "title", a.title, sizeof a.title, false, false, err) < 0)
		return -1;
	if (!a.title[0]) {
		char d[40];
		snprintf(a.title, sizeof a.title, "Self-assessment, %s",
			 wording_date(a.held_on, d, sizeof d));
	}
	snprintf(a.created_by, sizeof a.created_by, "%s", by);
	clock_iso_utc(clock_now(), a.created_at);
	if (store_sa_assessment_insert(e->store, e->school.id, &a) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	*id = a.id;
	return 0;
}

/* The question id of a field "score_12" (prefix "score_"); 0 if not one. */
static int64_t question_of(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(name, prefix, n) != 0)
		return 0;
	char *end;
	long long v = strtoll(name + n, &end, 10);
	return *end || v <= 0 ? 0 : v;
}

int sa_save_write(struct engine *e, const struct leading_ctx *x, int64_t id,
		  const struct fields *f, const char *by, struct app_error *err)
{
	static const char *const allowed[] = {"complete", NULL};
	static const char *const prefixes[] = {"score_", "evidence_", "actions_", NULL};
	struct sa_form form;
	int ret = -1;
	bool complete;
	if (fields_check(f, allowed, prefixes, err) < 0 ||
	    fields_bool(f, "complete", false, &complete, err) < 0)
		return -1;
	bool any = complete;
	for (int i = 0; i < f->n && !any; i++)
		any = strcmp(f->v[i].name, "csrf") && strcmp(f->v[i].name, "next");
	if (!any)
		return app_fail(err, ERR_INPUT, "answers",
				"nothing to save: give score_N, evidence_N or actions_N (or complete)");
	/* every field names a question of this assessment */
	if (sa_form_load(e->store, e->school.id, id, &form, err) < 0)
		return -1;
	if (strcmp(form.a.status, "complete") == 0) {
		app_fail(err, ERR_CONFLICT, NULL,
			 "this self-assessment was completed on %.10s and is kept as it was: start a "
			 "new one",
			 form.a.completed_at);
		goto out;
	}
	for (int i = 0; i < f->n; i++) {
		const char *name = f->v[i].name;
		int64_t q = 0;
		for (int p = 0; prefixes[p] && !q; p++)
			q = question_of(name, prefixes[p]);
		if (!q && strcmp(name, "complete") && strcmp(name, "csrf") && strcmp(name, "next")) {
			app_fail(err, ERR_INPUT, name, "'%s' does not name a question (score_12)", name);
			goto out;
		}
		bool known = !q;
		for (int k = 0; k < form.n && !known; k++)
			known = form.items[k].q.id == q;
		if (!known) {
			app_fail(err, ERR_INPUT, name, "%s: there is no question %lld in this assessment",
				 name, (long long)q);
			goto out;
		}
	}
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	for (int k = 0; k < form.n; k++) {
		struct sa_item *it = &form.items[k];
		char sf[32], ef[32], af[32];
		snprintf(sf, sizeof sf, "score_%lld", (long long)it->q.id);
		snprintf(ef, sizeof ef, "evidence_%lld", (long long)it->q.id);
		snprintf(af, sizeof af, "actions_%lld", (long long)it->q.id);
		if (!fields_get(f, sf) && !fields_get(f, ef) && !fields_get(f, af))
			continue;
		struct sa_answer_rec a = it->a;
		a.assessment_id = id;
		long score = a.score;
		if (fields_get(f, sf) && fields_int(f, sf, 1, SA_SCORE_MAX, 0, false, &score, err) < 0)
			goto out;
		a.score = (int)score;
		if ((fields_get(f, ef) &&
		     fields_text(f, ef, a.evidence, sizeof a.evidence, false, true, err) < 0) ||
		    (fields_get(f, af) && fields_text(f, af, a.actions, sizeof a.actions, false, true, err) < 0))
			goto out;
		struct sa_evidence ev;
		a.offered[0] = '\0';
		int rc = leading_evidence(x, it->q.evidence, &ev, err);
		if (rc < 0)
			goto out;
		if (rc == 0) {
			char d[DATE_ISO_LEN];
			snprintf(a.offered, sizeof a.offered, "%s (as of %s)", ev.text,
				 date_format(ev.as_of, d));
		}
		snprintf(a.updated_by, sizeof a.updated_by, "%s", by);
		snprintf(a.updated_at, sizeof a.updated_at, "%s", now);
		if (store_sa_answer_put(e->store, e->school.id, &a) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			goto out;
		}
		it->a = a;
		it->answered = true;
	}
	if (complete) {
		for (int k = 0; k < form.n; k++) {
			if (!form.items[k].q.active)
				continue;
			if (form.items[k].a.score < 1) {
				char sf[32];
				snprintf(sf, sizeof sf, "score_%lld", (long long)form.items[k].q.id);
				app_fail(err, ERR_INPUT, sf,
					 "every question is scored before the assessment is complete: "
					 "\"%.80s...\" is not",
					 form.items[k].q.text);
				goto out;
			}
		}
		if (store_sa_assessment_complete(e->store, e->school.id, id, by, now) != 0) {
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			goto out;
		}
	}
	ret = 0;
out:
	sa_form_free(&form);
	return ret;
}

/* The foundation and step an area's actions usually belong to. */
static void area_defaults(const char *area, int *foundation, int *step)
{
	static const struct {
		const char *area;
		int foundation, step;
	} map[] = {
		{"Data and targeted support", 3, 1},
		{"Culture", 2, 4},
		{"People, processes and systems", 1, 1},
		{"Relationships and communications", 4, 3},
	};
	*foundation = *step = 0;
	for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
		if (strcmp(area, map[i].area) == 0) {
			*foundation = map[i].foundation;
			*step = map[i].step;
		}
	}
}

int sa_action_write(struct engine *e, int64_t assessment_id, const struct fields *f,
		    const char *by, int64_t *action_id, struct app_error *err)
{
	static const char *const allowed[] = {"question", "title", "owner", "due", "foundation",
					      "step", NULL};
	long q;
	if (fields_check(f, allowed, NULL, err) < 0 ||
	    fields_int(f, "question", 1, INT32_MAX, 0, true, &q, err) < 0)
		return -1;
	struct sa_assessment_rec sa;
	int rc = store_sa_assessment_get(e->store, e->school.id, assessment_id, &sa);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, NULL, "there is no self-assessment %lld",
				(long long)assessment_id);
	struct sa_answer_rec a;
	rc = store_sa_answer_get(e->store, e->school.id, assessment_id, q, &a);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1 || !a.actions[0])
		return app_fail(err, ERR_INPUT, "question",
				"question %ld has no agreed action in this assessment to put in the "
				"plan: write it in its actions first",
				q);
	if (a.plan_action_id)
		return app_fail(err, ERR_CONFLICT, "question",
				"this agreed action is already item %lld of the action plan",
				(long long)a.plan_action_id);
	/* the question's area for the defaults */
	struct sa_form form;
	if (sa_form_load(e->store, e->school.id, assessment_id, &form, err) < 0)
		return -1;
	struct plan_action_rec p = {0};
	for (int i = 0; i < form.n; i++)
		if (form.items[i].q.id == q)
			area_defaults(form.items[i].q.area, &p.foundation, &p.step);
	sa_form_free(&form);
	/* title: the first line of the actions, unless given */
	size_t n = strcspn(a.actions, "\n");
	snprintf(p.title, sizeof p.title, "%.*s", (int)(n < sizeof p.title ? n : sizeof p.title - 1),
		 a.actions);
	snprintf(p.owner, sizeof p.owner, "%s", by);
	p.from_assessment = assessment_id;
	p.from_question = q;
	struct fields rest = {0};
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, "question") && fields_add(&rest, f->v[i].name, f->v[i].value) < 0) {
			fields_free(&rest);
			return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		}
	/* the fields given change the defaults (as an edit of the new item) */
	p.id = -1;
	snprintf(p.status, sizeof p.status, "planned");
	p.due = DATE_INVALID;
	rc = plan_action_from_fields(e, &rest, &p, err);
	fields_free(&rest);
	if (rc < 0)
		return -1;
	p.id = 0;
	if (plan_action_write(e, &p, by, err) < 0)
		return -1;
	if (store_sa_answer_link(e->store, e->school.id, assessment_id, q, p.id) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	*action_id = p.id;
	return 0;
}

int sa_question_write(struct engine *e, const struct fields *f, const char *by, int64_t *id,
		      struct app_error *err)
{
	static const char *const allowed[] = {"area", "section", "text", "evidence", NULL};
	struct sa_question_rec q = {.active = true};
	if (fields_check(f, allowed, NULL, err) < 0 ||
	    fields_text(f, "area", q.area, sizeof q.area, true, false, err) < 0 ||
	    fields_text(f, "section", q.section, sizeof q.section, false, false, err) < 0 ||
	    fields_text(f, "text", q.text, sizeof q.text, true, false, err) < 0 ||
	    fields_text(f, "evidence", q.evidence, sizeof q.evidence, false, false, err) < 0)
		return -1;
	bool known = !q.evidence[0];
	for (int i = 0; i < leading_n_evidence_kinds && !known; i++)
		known = strcmp(q.evidence, leading_evidence_kinds[i].key) == 0;
	if (!known)
		return app_fail(err, ERR_INPUT, "evidence",
				"evidence '%s' is not one attend offers (empty: none)", q.evidence);
	if (store_sa_question_next_position(e->store, e->school.id, q.area, &q.position) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	snprintf(q.created_by, sizeof q.created_by, "%s", by);
	clock_iso_utc(clock_now(), q.created_at);
	if (store_sa_question_add(e->store, e->school.id, &q) != 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	*id = q.id;
	return 0;
}

/* ---- comparing ---- */

struct comparing {
	struct sa_compare *c;
	struct sa_question_rec *q;
	int n_q;
	int64_t *sum;
	int64_t *osum;
	int *on;
};

static int add_assessment(void *ctx, const struct sa_assessment_rec *a)
{
	struct comparing *x = ctx;
	return array_push(&x->c->a, &x->c->n, sizeof *a, a);
}

static int add_q(void *ctx, const struct sa_question_rec *q)
{
	struct comparing *x = ctx;
	struct sa_compare *c = x->c;
	bool have = false;
	for (int i = 0; i < c->n_areas && !have; i++)
		have = strcmp(c->area[i], q->area) == 0;
	if (!have) {
		char area[96];
		snprintf(area, sizeof area, "%s", q->area);
		if (array_push(&c->area, &c->n_areas, sizeof area, area) < 0)
			return -1;
	}
	return array_push(&x->q, &x->n_q, sizeof *q, q);
}

static int score_answer(void *ctx, const struct sa_answer_rec *a)
{
	struct comparing *x = ctx;
	struct sa_compare *c = x->c;
	if (a->score < 1)
		return 0;
	int ai = -1, qi = -1;
	for (int i = 0; i < c->n; i++)
		if (c->a[i].id == a->assessment_id)
			ai = i;
	for (int i = 0; i < x->n_q; i++)
		if (x->q[i].id == a->question_id)
			qi = i;
	if (ai < 0 || qi < 0)
		return 0;
	for (int k = 0; k < c->n_areas; k++) {
		if (strcmp(c->area[k], x->q[qi].area) == 0) {
			x->sum[ai * c->n_areas + k] += a->score;
			c->scored[ai * c->n_areas + k]++;
		}
	}
	x->osum[ai] += a->score;
	x->on[ai]++;
	return 0;
}

static int64_t avg100(int64_t sum, int n)
{
	return n ? (sum * 100 * 2 + n) / (2 * n) : -1; /* half up */
}

int sa_compare_build(struct store *s, int64_t school_id, struct sa_compare *out,
		     struct app_error *err)
{
	memset(out, 0, sizeof *out);
	struct comparing x = {out, NULL, 0, NULL, NULL, NULL};
	if (store_sa_assessments_each(s, school_id, add_assessment, &x) < 0 ||
	    store_sa_questions_each(s, school_id, true, add_q, &x) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		goto fail;
	}
	size_t cells = (size_t)(out->n ? out->n : 1) * (size_t)(out->n_areas ? out->n_areas : 1);
	x.sum = calloc(cells, sizeof *x.sum);
	out->scored = calloc(cells, sizeof *out->scored);
	out->avg100 = calloc(cells, sizeof *out->avg100);
	x.osum = calloc((size_t)out->n + 1, sizeof *x.osum);
	x.on = calloc((size_t)out->n + 1, sizeof *x.on);
	out->overall100 = calloc((size_t)out->n + 1, sizeof *out->overall100);
	if (!x.sum || !out->scored || !out->avg100 || !x.osum || !x.on || !out->overall100) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto fail;
	}
	if (store_sa_answers_each(s, school_id, 0, score_answer, &x) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		goto fail;
	}
	for (int i = 0; i < out->n; i++) {
		for (int k = 0; k < out->n_areas; k++) {
			int j = i * out->n_areas + k;
			out->avg100[j] = avg100(x.sum[j], out->scored[j]);
		}
		out->overall100[i] = avg100(x.osum[i], x.on[i]);
	}
	free(x.q);
	free(x.sum);
	free(x.osum);
	free(x.on);
	return 0;
fail:
	free(x.q);
	free(x.sum);
	free(x.osum);
	free(x.on);
	sa_compare_free(out);
	return -1;
}

void sa_compare_free(struct sa_compare *c)
{
	free(c->a);
	free(c->area);
	free(c->avg100);
	free(c->scored);
	free(c->overall100);
	memset(c, 0, sizeof *c);
}
