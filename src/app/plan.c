/* The action plan: its vocabulary, checking what people give, the writes
 * with their history, and the plan as a whole for a page or a PDF. The
 * live figures are in plan_live.c. */
#include "app/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/dash.h"
#include "app/parse.h"
#include "app/array.h"
#include "core/wording.h"

const char *const plan_foundation_names[PLAN_FOUNDATIONS + 1] = {
	"",
	"Supportive policies, systems and procedures",
	"Whole school thinking (culture and ethos)",
	"Data driving decisions",
	"Communication and collaboration",
	"Connect with behaviour",
};
const char *const plan_step_names[PLAN_STEPS + 1] = {
	"",
	"Data-driven monitoring",
	"Early intervention and support",
	"Parental engagement",
	"Promoting positive school culture",
	"Multi-agency collaboration",
};
const char *const plan_action_status_names[PA__MAX] = {"planned", "in_progress", "done", "dropped"};
const char *const plan_action_status_labels[PA__MAX] = {"Planned", "In progress", "Done",
							"Dropped"};
const char *const plan_target_status_names[PT__MAX] = {"open", "met", "not_met", "withdrawn"};
const char *const plan_target_status_labels[PT__MAX] = {"Open", "Met", "Not met", "Withdrawn"};
const char *const plan_review_kind_names[3] = {"line_manager", "governor", "other"};
const char *const plan_review_kind_labels[3] = {"Line manager", "Governors", "Other"};

bool plan_action_overdue(const struct plan_action_rec *a, date_t today)
{
	return a->due != DATE_INVALID && a->due < today && strcmp(a->status, "done") != 0 &&
	       strcmp(a->status, "dropped") != 0;
}

/* ---- cohorts ---- */

static const char *const cohort_fields[] = {"year", "form", "fsm", "pp", "eal", "send", "gender"};
#define N_COHORT_FIELDS ((int)(sizeof cohort_fields / sizeof *cohort_fields))

int plan_cohort_filter(const struct engine *e, const char *cohort, struct pupil_filter *f,
			 struct app_error *err)
{
	pupil_filter_init(f);
	if (!cohort || !*cohort || strcmp(cohort, "all") == 0)
		return 0;
	const char *eq = strchr(cohort, '=');
	char name[16];
	size_t n = eq ? (size_t)(eq - cohort) : 0;
	bool known = false;
	if (eq && n < sizeof name) {
		memcpy(name, cohort, n);
		name[n] = '\0';
		for (int i = 0; i < N_COHORT_FIELDS; i++)
			known |= strcmp(name, cohort_fields[i]) == 0;
	}
	if (!known)
		return app_fail(err, ERR_INPUT, "cohort",
				"cohort '%.40s' is not all or one of year=, form=, fsm=, pp=, eal=, "
				"send=, gender= with a value (year=8, fsm=Y)",
				cohort);
	struct app_error e2 = {0};
	if (pupil_filter_set(f, &e->m, name, eq + 1, &e2) != 0)
		return app_fail(err, ERR_INPUT, "cohort", "cohort: %s", e2.message);
	return 0;
}

int plan_cohort_check(const struct engine *e, const char *cohort, struct app_error *err)
{
	struct pupil_filter f;
	return plan_cohort_filter(e, cohort, &f, err);
}

void plan_cohort_label(const char *cohort, char *buf, size_t len)
{
	static const struct {
		const char *cohort, *label;
	} named[] = {
		{"fsm=Y", "pupils eligible for free school meals"}, {"fsm=N", "pupils not eligible for FSM"},
		{"pp=Y", "pupil premium pupils"},		    {"pp=N", "pupils without pupil premium"},
		{"send=K", "pupils with SEN support"},		    {"send=E", "pupils with an EHC plan"},
		{"send=N", "pupils with no SEN"},		    {"eal=Y", "pupils with EAL"},
		{"eal=N", "pupils without EAL"},		    {"gender=F", "girls"},
		{"gender=M", "boys"},
	};
	if (!cohort || !*cohort || strcmp(cohort, "all") == 0) {
		snprintf(buf, len, "all pupils");
		return;
	}
	for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
		if (strcmp(cohort, named[i].cohort) == 0) {
			snprintf(buf, len, "%s", named[i].label);
			return;
		}
	}
	if (strncmp(cohort, "year=", 5) == 0)
		snprintf(buf, len, "Year %s", cohort + 5);
	else if (strncmp(cohort, "form=", 5) == 0)
		snprintf(buf, len, "form %s", cohort + 5);
	else
		snprintf(buf, len, "%s", cohort);
}

void plan_target_sentence(const struct plan_target_rec *t, char *buf, size_t len)
{
	int m = target_measure_parse(t->measure);
	char who[64], a[16], b[16], by[48];
	if (m < 0) {
		snprintf(buf, len, "%s", t->title);
		return;
	}
	plan_cohort_label(t->cohort, who, sizeof who);
	wording_pct(t->baseline100, a, sizeof a);
	wording_pct(t->goal100, b, sizeof b);
	wording_date(t->goal_date, by, sizeof by);
	const char *verb = t->goal100 < t->baseline100   ? "reduce"
			   : t->goal100 > t->baseline100 ? "raise"
							 : "keep";
	snprintf(buf, len, "%s %s of %s from %s to %s by %s", verb,
		 target_measure_label((enum target_measure)m), who, a, b, by);
}

/* ---- checking input ---- */

/* "24", "24.5", "24.50", "24%": hundredths of a percent, 0 to 100. */
static int parse_pct100(const char *field, const char *v, int64_t *out, struct app_error *err)
{
	int64_t whole = 0, frac = 0;
	int digits = 0, fdigits = 0;
	const char *p = v;
	for (; *p >= '0' && *p <= '9' && digits < 4; p++, digits++)
		whole = whole * 10 + (*p - '0');
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9' && fdigits < 2; p++, fdigits++)
			frac = frac * 10 + (*p - '0');
		if (fdigits == 1)
			frac *= 10;
	}
	if (*p == '%')
		p++;
	if (!digits || *p || whole > 100 || (whole == 100 && frac > 0))
		return app_fail(err, ERR_INPUT, field,
				"%s '%.20s' is not a percentage from 0 to 100 (at most two decimals)",
				field, v);
	*out = whole * 100 + frac;
	return 0;
}

static bool given(const struct fields *f, const char *name)
{
	return fields_get(f, name) != NULL;
}

int plan_target_from_fields(const struct engine *e, const struct fields *f, date_t today,
			    struct plan_target_rec *t, struct app_error *err)
{
	static const char *const allowed[] = {"title",	  "measure", "cohort",	   "span", "baseline",
					      "baseline_date", "goal", "goal_date", "foundation",
					      "step",	  "owner",   "status",	   NULL};
	bool edit = t->id != 0;
	if (fields_check(f, allowed, NULL, err) < 0)
		return -1;
	if (!edit) {
		snprintf(t->cohort, sizeof t->cohort, "all");
		snprintf(t->span, sizeof t->span, "year");
		snprintf(t->status, sizeof t->status, "open");
		t->baseline100 = t->goal100 = -1;
		t->baseline_date = t->goal_date = DATE_INVALID;
	}
	if ((!edit || given(f, "title")) &&
	    fields_text(f, "title", t->title, sizeof t->title, true, false, err) < 0)
		return -1;
	if (!edit || given(f, "measure")) {
		const char *mv = fields_get(f, "measure");
		if (mv && *mv) {
			int m = target_measure_parse(mv);
			if (m < 0)
				return app_fail(err, ERR_INPUT, "measure",
						"measure '%.30s' is not attendance_pct, absence_pct, "
						"unauthorised_pct, persistent_pct or severe_pct (or empty: "
						"not a figure)",
						mv);
			snprintf(t->measure, sizeof t->measure, "%s", mv);
		} else {
			t->measure[0] = '\0';
		}
	}
	if (given(f, "cohort")) {
		char c[sizeof t->cohort];
		if (fields_text(f, "cohort", c, sizeof c, false, false, err) < 0)
			return -1;
		snprintf(t->cohort, sizeof t->cohort, "%s", *c ? c : "all");
	}
	if (plan_cohort_check(e, t->cohort, err) < 0)
		return -1;
	int x;
	if (given(f, "span")) {
		if (fields_choice(f, "span", (const char *const[]){"year", "term", "half_term"}, 3, 0,
				  false, &x, err) < 0)
			return -1;
		snprintf(t->span, sizeof t->span, "%s", target_span_name((enum target_span)x));
	}
	if ((!edit || given(f, "goal_date")) &&
	    fields_date(f, "goal_date", DATE_INVALID, true, &t->goal_date, err) < 0)
		return -1;
	if ((!edit || given(f, "owner")) &&
	    fields_text(f, "owner", t->owner, sizeof t->owner, false, false, err) < 0)
		return -1;
	long n;
	if (given(f, "foundation")) {
		if (fields_int(f, "foundation", 0, PLAN_FOUNDATIONS, 0, false, &n, err) < 0)
			return -1;
		t->foundation = (int)n;
	}
	if (given(f, "step")) {
		if (fields_int(f, "step", 0, PLAN_STEPS, 0, false, &n, err) < 0)
			return -1;
		t->step = (int)n;
	}
	if (given(f, "status")) {
		if (fields_choice(f, "status", plan_target_status_names, PT__MAX, 0, false, &x, err) < 0)
			return -1;
		snprintf(t->status, sizeof t->status, "%s", plan_target_status_names[x]);
	}
	/* the figures: a measure needs a goal; the baseline defaults to the
	 * live figure on its date */
	if (!t->measure[0]) {
		if ((given(f, "goal") && *fields_get(f, "goal")) ||
		    (given(f, "baseline") && *fields_get(f, "baseline")))
			return app_fail(err, ERR_INPUT, "measure",
					"a baseline or a goal needs a measure (persistent_pct, ...)");
		t->baseline100 = t->goal100 = -1;
		t->baseline_date = DATE_INVALID;
		return 0;
	}
	const char *g = fields_get(f, "goal");
	if (g && *g) {
		if (parse_pct100("goal", g, &t->goal100, err) < 0)
			return -1;
	} else if (t->goal100 < 0) {
		return app_fail(err, ERR_INPUT, "goal", "goal is required with a measure (18 for 18%%)");
	}
	if (given(f, "baseline_date") || t->baseline_date == DATE_INVALID) {
		if (fields_date(f, "baseline_date", today, false, &t->baseline_date, err) < 0)
			return -1;
	}
	if (t->goal_date <= t->baseline_date)
		return app_fail(err, ERR_INPUT, "goal_date", "goal_date must come after the baseline's date");
	const char *b = fields_get(f, "baseline");
	if (b && *b)
		return parse_pct100("baseline", b, &t->baseline100, err);
	if (t->baseline100 >= 0 && !given(f, "baseline_date") && !given(f, "measure") &&
	    !given(f, "cohort") && !given(f, "span"))
		return 0; /* the stored baseline still stands */
	struct target_live l;
	if (plan_target_live(e, t, t->baseline_date, false, &l, err) < 0)
		return -1;
	t->baseline100 = l.now.value;
	if (t->baseline100 < 0) {
		char d[DATE_ISO_LEN];
		return app_fail(err, ERR_INPUT, "baseline",
				"attend has no figure for %s on %s to start from: give a baseline",
				t->cohort, date_format(t->baseline_date, d));
	}
	return 0;
}

int plan_target_write(struct engine *e, struct plan_target_rec *t, const char *by,
		      struct app_error *err)
{
	char now[CLOCK_ISO_LEN], detail[400];
	clock_iso_utc(clock_now(), now);
	bool insert = t->id == 0;
	if (insert) {
		snprintf(t->created_by, sizeof t->created_by, "%s", by);
		snprintf(t->created_at, sizeof t->created_at, "%s", now);
	}
	snprintf(t->updated_by, sizeof t->updated_by, "%s", by);
	snprintf(t->updated_at, sizeof t->updated_at, "%s", now);
	char sentence[300];
	plan_target_sentence(t, sentence, sizeof sentence);
	snprintf(detail, sizeof detail, "%s: %s", insert ? "set" : "changed", sentence);
	int rc = store_plan_target_save(e->store, e->school.id, t, detail);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, NULL, "there is no target %lld", (long long)t->id);
	return 0;
}

int plan_action_from_fields(const struct engine *e, const struct fields *f,
			    struct plan_action_rec *a, struct app_error *err)
{
	static const char *const allowed[] = {"title", "owner",	     "due",  "status", "evidence",
					      "target", "foundation", "step", NULL};
	bool edit = a->id != 0;
	if (fields_check(f, allowed, NULL, err) < 0)
		return -1;
	if (!edit) {
		snprintf(a->status, sizeof a->status, "planned");
		a->due = DATE_INVALID;
	}
	if ((!edit || given(f, "title")) &&
	    fields_text(f, "title", a->title, sizeof a->title, true, false, err) < 0)
		return -1;
	if ((!edit || given(f, "owner")) &&
	    fields_text(f, "owner", a->owner, sizeof a->owner, true, false, err) < 0)
		return -1;
	if (given(f, "due") && fields_date(f, "due", DATE_INVALID, false, &a->due, err) < 0)
		return -1;
	int x;
	if (given(f, "status")) {
		if (fields_choice(f, "status", plan_action_status_names, PA__MAX, 0, false, &x, err) < 0)
			return -1;
		snprintf(a->status, sizeof a->status, "%s", plan_action_status_names[x]);
	}
	if (given(f, "evidence") &&
	    fields_text(f, "evidence", a->evidence, sizeof a->evidence, false, true, err) < 0)
		return -1;
	long n;
	if (given(f, "foundation")) {
		if (fields_int(f, "foundation", 0, PLAN_FOUNDATIONS, 0, false, &n, err) < 0)
			return -1;
		a->foundation = (int)n;
	}
	if (given(f, "step")) {
		if (fields_int(f, "step", 0, PLAN_STEPS, 0, false, &n, err) < 0)
			return -1;
		a->step = (int)n;
	}
	if (given(f, "target")) {
		if (fields_int(f, "target", 0, INT32_MAX, 0, false, &n, err) < 0)
			return -1;
		struct plan_target_rec t;
		int rc = n ? store_plan_target_get(e->store, e->school.id, n, &t) : 0;
		if (rc < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		if (rc == 1)
			return app_fail(err, ERR_INPUT, "target", "there is no target %ld", n);
		a->target_id = n;
	}
	return 0;
}

int plan_action_write(struct engine *e, struct plan_action_rec *a, const char *by,
		      struct app_error *err)
{
	char now[CLOCK_ISO_LEN], detail[STORE_LONG_TEXT_MAX + 200] = "";
	clock_iso_utc(clock_now(), now);
	bool insert = a->id == 0;
	if (insert) {
		snprintf(a->created_by, sizeof a->created_by, "%s", by);
		snprintf(a->created_at, sizeof a->created_at, "%s", now);
		snprintf(detail, sizeof detail, "added%s", a->from_assessment ? " from a self-assessment" : "");
	} else {
		struct plan_action_rec old;
		int rc = store_plan_action_get(e->store, e->school.id, a->id, &old);
		if (rc < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		if (rc == 1)
			return app_fail(err, ERR_NOT_FOUND, NULL, "there is no action %lld", (long long)a->id);
		char d1[DATE_ISO_LEN];
		size_t n = 0;
#define CHANGED(fmt, ...) n += (size_t)snprintf(detail + n, n < sizeof detail ? sizeof detail - n : 0, \
						"%s" fmt, n ? "; " : "", __VA_ARGS__)
		if (strcmp(old.status, a->status))
			CHANGED("status %s -> %s", old.status, a->status);
		if (strcmp(old.title, a->title))
			CHANGED("title: %s", a->title);
		if (strcmp(old.owner, a->owner))
			CHANGED("owner: %s", a->owner);
		if (old.due != a->due)
			CHANGED("due %s", a->due == DATE_INVALID ? "none" : date_format(a->due, d1));
		if (strcmp(old.evidence, a->evidence))
			CHANGED("evidence: %s", a->evidence);
		if (old.foundation != a->foundation || old.step != a->step || old.target_id != a->target_id)
			CHANGED("%s", "moved in the plan");
#undef CHANGED
		if (!n)
			snprintf(detail, sizeof detail, "saved with no change");
	}
	snprintf(a->updated_by, sizeof a->updated_by, "%s", by);
	snprintf(a->updated_at, sizeof a->updated_at, "%s", now);
	int rc = store_plan_action_save(e->store, e->school.id, a, detail);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, NULL,
				"an action was already made from that self-assessment answer");
	return 0;
}

int plan_review_from_fields(const struct fields *f, date_t today, struct plan_review_rec *r,
			    struct app_error *err)
{
	static const char *const allowed[] = {"held_on", "kind", "attendees", "challenged", "agreed",
					      NULL};
	int k;
	memset(r, 0, sizeof *r);
	if (fields_check(f, allowed, NULL, err) < 0 ||
	    fields_date(f, "held_on", today, false, &r->held_on, err) < 0 ||
	    fields_choice(f, "kind", plan_review_kind_names, 3, -1, true, &k, err) < 0 ||
	    fields_text(f, "attendees", r->attendees, sizeof r->attendees, true, false, err) < 0 ||
	    fields_text(f, "challenged", r->challenged, sizeof r->challenged, false, true, err) < 0 ||
	    fields_text(f, "agreed", r->agreed, sizeof r->agreed, false, true, err) < 0)
		return -1;
	if (r->held_on > today)
		return app_fail(err, ERR_INPUT, "held_on",
				"held_on is after today: a meeting is recorded once it was held");
	if (!r->challenged[0] && !r->agreed[0])
		return app_fail(err, ERR_INPUT, "agreed",
				"say what was challenged or what was agreed (or both)");
	snprintf(r->kind, sizeof r->kind, "%s", plan_review_kind_names[k]);
	return 0;
}

int plan_review_write(struct engine *e, struct plan_review_rec *r, const char *by,
		      struct app_error *err)
{
	snprintf(r->recorded_by, sizeof r->recorded_by, "%s", by);
	clock_iso_utc(clock_now(), r->recorded_at);
	if (store_plan_review_add(e->store, e->school.id, r) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

/* ---- the plan as a whole ---- */

/* The store's rows collected into arrays. */
struct collect {
	void *v; /* the array's pointer */
	int *n;
	size_t size;
};

static int add_target(void *ctx, const struct plan_target_rec *t)
{
	struct collect *c = ctx;
	return array_push(c->v, c->n, c->size, t);
}

static int add_action(void *ctx, const struct plan_action_rec *a)
{
	struct collect *c = ctx;
	return array_push(c->v, c->n, c->size, a);
}

static int add_review(void *ctx, const struct plan_review_rec *r)
{
	struct collect *c = ctx;
	return array_push(c->v, c->n, c->size, r);
}

int plan_view_load(const struct engine *e, struct store *s, date_t as_of, bool trajectories,
		   struct plan_view *out, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	struct collect ct = {&out->targets, &out->n_targets, sizeof *out->targets};
	struct collect ca = {&out->actions, &out->n_actions, sizeof *out->actions};
	struct collect cr = {&out->reviews, &out->n_reviews, sizeof *out->reviews};
	if (store_plan_targets_each(s, e->school.id, add_target, &ct) < 0 ||
	    store_plan_actions_each(s, e->school.id, add_action, &ca) < 0 ||
	    store_plan_reviews_each(s, e->school.id, add_review, &cr) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		goto fail;
	}
	out->live = calloc((size_t)out->n_targets + 1, sizeof *out->live);
	if (!out->live) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto fail;
	}
	for (int i = 0; i < out->n_targets; i++) {
		if (plan_target_live(e, &out->targets[i], as_of, trajectories, &out->live[i], err) < 0)
			goto fail;
		out->off_track += strcmp(out->targets[i].status, "open") == 0 &&
				  out->live[i].track == TT_OFF_TRACK;
	}
	for (int i = 0; i < out->n_actions; i++)
		out->overdue += plan_action_overdue(&out->actions[i], as_of);
	return 0;
fail:
	plan_view_free(out);
	return -1;
}

void plan_view_free(struct plan_view *v)
{
	for (int i = 0; v->live && i < v->n_targets; i++)
		plan_target_live_free(&v->live[i]);
	free(v->live);
	free(v->targets);
	free(v->actions);
	free(v->reviews);
	memset(v, 0, sizeof *v);
}
