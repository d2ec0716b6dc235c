/* Casework: who may do what, settings, catalogues, stages, the decisions on
 * the review list, support plans, interventions, part-time timetables,
 * notes and the reading of a pupil's casework (see casework.h). */
#include "app/casework.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/parse.h"

/* ---- who may do what ---- */

bool cw_sees_pupil(const struct account *a, const struct engine *e, int row)
{
	if (a->role == ROLE_OFFICE)
		return false;
	return account_sees_row(a, e, row);
}

bool cw_leads(const struct account *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_ATTENDANCE_LEAD;
}

bool cw_plans_for(const struct account *a, const struct engine *e, int row)
{
	return cw_leads(a) || (a->role == ROLE_HEAD_OF_YEAR && account_sees_row(a, e, row));
}

bool cw_sees_legal(const struct account *a)
{
	return cw_leads(a);
}

bool cw_sees_safeguarding(const struct account *a)
{
	return a->role == ROLE_DSL || a->role == ROLE_ATTENDANCE_LEAD;
}

/* ---- input ---- */

int cw_input_add(struct cw_input *in, const char *name, const char *value)
{
	for (int i = 0; i < in->n; i++) {
		if (strcmp(in->f[i].name, name) != 0)
			continue;
		size_t a = strlen(in->f[i].value), b = strlen(value);
		char *v = realloc(in->f[i].value, a + b + 2);
		if (!v)
			return -1;
		v[a] = ' ';
		memcpy(v + a + 1, value, b + 1);
		in->f[i].value = v;
		return 0;
	}
	struct cw_field *f = realloc(in->f, (size_t)(in->n + 1) * sizeof *f);
	if (!f)
		return -1;
	in->f = f;
	f[in->n].name = strdup(name);
	f[in->n].value = strdup(value);
	if (!f[in->n].name || !f[in->n].value) {
		free(f[in->n].name);
		free(f[in->n].value);
		return -1;
	}
	in->n++;
	return 0;
}

void cw_input_free(struct cw_input *in)
{
	for (int i = 0; i < in->n; i++) {
		free(in->f[i].name);
		free(in->f[i].value);
	}
	free(in->f);
	memset(in, 0, sizeof *in);
}

const char *cw_in(const struct cw_input *in, const char *name)
{
	for (int i = 0; in && i < in->n; i++)
		if (strcmp(in->f[i].name, name) == 0)
			return in->f[i].value;
	return NULL;
}

static bool given(const struct cw_input *in, const char *name)
{
	const char *v = cw_in(in, name);
	return v && *v;
}

static int text_in(const struct cw_input *in, const char *name, char *buf, size_t len, bool required,
		   struct app_error *err)
{
	const char *v = cw_in(in, name);
	return parse_text_field(name, v ? v : "", buf, len, required, err);
}

/* A date; absent or empty: dflt (DATE_INVALID with required: an error). */
static int date_in(const struct cw_input *in, const char *name, date_t dflt, bool required,
		   date_t *out, struct app_error *err)
{
	*out = dflt;
	if (!given(in, name)) {
		if (required && dflt == DATE_INVALID)
			return app_fail(err, ERR_INPUT, name, "%s is required (YYYY-MM-DD)", name);
		return 0;
	}
	return parse_date_field(name, cw_in(in, name), out, err);
}

static int id_in(const struct cw_input *in, const char *name, bool required, int64_t *out,
		 struct app_error *err)
{
	long v = 0;
	*out = 0;
	if (!given(in, name))
		return required ? app_fail(err, ERR_INPUT, name, "%s is required", name) : 0;
	if (parse_int_field(name, cw_in(in, name), 1, 2147483647L, &v, err) < 0)
		return -1;
	*out = v;
	return 0;
}

static int yes_no_in(const struct cw_input *in, const char *name, bool *out, struct app_error *err)
{
	*out = false;
	if (!given(in, name))
		return 0;
	int f = flag_parse(cw_in(in, name));
	if (f < 0)
		return app_fail(err, ERR_INPUT, name, "%s is Y or N", name);
	*out = f == 1;
	return 0;
}

/* ---- settings ---- */

static const struct {
	const char *key;
	int min, max;
	size_t offset;
} int_settings[] = {
	{"casework_decline_points", 1, 50, offsetof(struct cw_settings, decline_points)},
	{"casework_decline_weeks", 1, 20, offsetof(struct cw_settings, decline_weeks)},
	{"casework_unauthorised_sessions", 1, 100, offsetof(struct cw_settings, unauth_sessions)},
	{"casework_unauthorised_weeks", 1, 52, offsetof(struct cw_settings, unauth_weeks)},
	{"casework_min_sessions", 1, 200, offsetof(struct cw_settings, min_sessions)},
	{"casework_impact_weeks", 1, 20, offsetof(struct cw_settings, impact_weeks)},
	{"casework_review_notice_days", 0, 30, offsetof(struct cw_settings, review_notice_days)},
	{"casework_scan_minutes", 0, 1440, offsetof(struct cw_settings, scan_minutes)},
};

int casework_settings_load(struct store *s, int64_t school_id, const char *key, const char *value,
			   struct cw_settings *out, struct app_error *err)
{
	enum err_kind kind = key ? ERR_INPUT : ERR_INTERNAL;
	bool known = key && strcmp(key, CW_SETTING_TRIGGERS) == 0;
	char buf[256];
	cw_settings_default(out);
	for (size_t i = 0; i < sizeof int_settings / sizeof *int_settings; i++) {
		const char *name = int_settings[i].key;
		const char *v = NULL;
		if (key && strcmp(key, name) == 0) {
			v = value;
			known = true;
		} else if (store_setting_get(s, school_id, name, buf, sizeof buf) == 0) {
			v = buf;
		}
		if (!v)
			continue;
		long n;
		if (parse_int_field(name, v, int_settings[i].min, int_settings[i].max, &n, err) < 0) {
			err->kind = kind;
			return -1;
		}
		*(int *)((char *)out + int_settings[i].offset) = (int)n;
	}
	const char *v = NULL;
	if (key && strcmp(key, CW_SETTING_TRIGGERS) == 0)
		v = value;
	else if (store_setting_get(s, school_id, CW_SETTING_TRIGGERS, buf, sizeof buf) == 0)
		v = buf;
	const char *why = v ? cw_parse_triggers(v, &out->enabled) : NULL;
	if (why)
		return app_fail(err, kind, CW_SETTING_TRIGGERS, "%s '%s': %s", CW_SETTING_TRIGGERS, v, why);
	return key && !known ? 1 : 0;
}

/* ---- catalogues ---- */

static const struct {
	enum cw_catalogue kind;
	const char *code, *label;
} builtins[] = {
	{CWC_BARRIER, "anxiety_ebsa", "Anxiety or emotionally based school avoidance (EBSA)"},
	{CWC_BARRIER, "physical_health", "Physical health"},
	{CWC_BARRIER, "mental_health", "Mental health"},
	{CWC_BARRIER, "send", "Special educational needs or disability (SEND)"},
	{CWC_BARRIER, "young_carer", "Young carer"},
	{CWC_BARRIER, "bullying", "Bullying"},
	{CWC_BARRIER, "transport", "Transport"},
	{CWC_BARRIER, "family_circumstances", "Family circumstances"},
	{CWC_BARRIER, "uniform_equipment", "Uniform or equipment"},
	{CWC_BARRIER, "housing", "Housing"},
	{CWC_BARRIER, "bereavement", "Bereavement"},
	{CWC_BARRIER, "disengagement", "Disengagement from learning"},
	{CWC_INTERVENTION, "breakfast_club", "Breakfast club"},
	{CWC_INTERVENTION, "walking_bus", "Walking bus"},
	{CWC_INTERVENTION, "mentoring", "Mentoring"},
	{CWC_INTERVENTION, "daily_check_in", "Daily check-in"},
	{CWC_INTERVENTION, CW_PART_TIME_TYPE, "Part-time timetable"},
	{CWC_INTERVENTION, "ebsa_work", "EBSA support work"},
	{CWC_INTERVENTION, "senco_referral", "Referral to the SENCo"},
	{CWC_INTERVENTION, "dsl_referral", "Referral to the DSL"},
	{CWC_INTERVENTION, "ewo_referral", "Referral to the education welfare officer (EWO)"},
	{CWC_INTERVENTION, "early_help", "Early Help"},
	{CWC_INTERVENTION, "camhs", "Referral to CAMHS"},
	{CWC_INTERVENTION, "school_nurse", "School nurse"},
};

const char *cw_catalogue_name(enum cw_catalogue k)
{
	return k == CWC_BARRIER ? "barrier" : k == CWC_INTERVENTION ? "intervention" : "?";
}

static int catalogue_parse(const char *name)
{
	for (int k = 0; name && k < CWC__MAX; k++)
		if (strcmp(cw_catalogue_name((enum cw_catalogue)k), name) == 0)
			return k;
	return -1;
}

static struct cw_item *find_item(struct cw_catalogues *c, enum cw_catalogue k, const char *code)
{
	for (int i = 0; i < c->n[k]; i++)
		if (strcmp(c->item[k][i].code, code) == 0)
			return &c->item[k][i];
	return NULL;
}

static int put_item(struct cw_catalogues *c, enum cw_catalogue k, const char *code,
		    const char *label, bool builtin, bool retired)
{
	struct cw_item *it = find_item(c, k, code);
	if (!it) {
		struct cw_item *v = realloc(c->item[k], (size_t)(c->n[k] + 1) * sizeof *v);
		if (!v)
			return -1;
		c->item[k] = v;
		it = &v[c->n[k]++];
		memset(it, 0, sizeof *it);
		snprintf(it->code, sizeof it->code, "%s", code);
		it->builtin = builtin;
	}
	snprintf(it->label, sizeof it->label, "%s", label);
	it->retired = retired;
	return 0;
}

static int add_school_item(void *ctx, const struct cw_catalogue_rec *r)
{
	int k = catalogue_parse(r->kind);
	return k < 0 ? 0 : put_item(ctx, (enum cw_catalogue)k, r->code, r->label, false, r->retired);
}

int cw_catalogues_load(struct store *s, int64_t school_id, struct cw_catalogues *out,
		       struct app_error *err)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++)
		if (put_item(out, builtins[i].kind, builtins[i].code, builtins[i].label, true, false) < 0)
			goto oom;
	if (store_cw_catalogue_each(s, school_id, add_school_item, out) < 0) {
		cw_catalogues_free(out);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	}
	return 0;
oom:
	cw_catalogues_free(out);
	return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
}

void cw_catalogues_free(struct cw_catalogues *c)
{
	for (int k = 0; k < CWC__MAX; k++)
		free(c->item[k]);
	memset(c, 0, sizeof *c);
}

const struct cw_item *cw_catalogue_find(const struct cw_catalogues *c, enum cw_catalogue k,
					const char *code)
{
	return find_item((struct cw_catalogues *)c, k, code);
}

const char *cw_catalogue_label(const struct cw_catalogues *c, enum cw_catalogue k,
			       const char *code)
{
	const struct cw_item *it = cw_catalogue_find(c, k, code);
	return it ? it->label : code;
}

/* A code of the catalogue that is in use (not retired), else an error
 * naming the field. */
static int catalogue_code(struct engine *e, enum cw_catalogue k, const char *field,
			  const char *code, struct app_error *err)
{
	struct cw_catalogues c;
	if (cw_catalogues_load(e->store, e->school.id, &c, err) < 0)
		return -1;
	const struct cw_item *it = cw_catalogue_find(&c, k, code);
	int rc = 0;
	if (!it || it->retired) {
		char codes[1200] = "";
		for (int i = 0; i < c.n[k]; i++)
			if (!c.item[k][i].retired)
				snprintf(codes + strlen(codes), sizeof codes - strlen(codes), "%s%s",
					 codes[0] ? ", " : "", c.item[k][i].code);
		rc = app_fail(err, ERR_INPUT, field, "%s '%.48s' is not in the school's list of %ss (%s)",
			      field, code, cw_catalogue_name(k), codes);
	}
	cw_catalogues_free(&c);
	return rc;
}

int cw_catalogue_write(const struct cw_ctx *c, const struct cw_input *in, struct app_error *err)
{
	if (!cw_leads(c->a))
		return app_fail(err, ERR_FORBIDDEN, NULL, "only the attendance lead changes the lists");
	int k = catalogue_parse(cw_in(in, "kind"));
	if (k < 0)
		return app_fail(err, ERR_INPUT, "kind", "kind is barrier or intervention");
	struct cw_catalogue_rec r = {0};
	snprintf(r.kind, sizeof r.kind, "%s", cw_catalogue_name((enum cw_catalogue)k));
	if (text_in(in, "label", r.label, sizeof r.label, true, err) < 0 ||
	    yes_no_in(in, "retired", &r.retired, err) < 0)
		return -1;
	struct cw_catalogues cat;
	if (cw_catalogues_load(c->e->store, c->e->school.id, &cat, err) < 0)
		return -1;
	int rc = 0;
	if (given(in, "code")) {
		snprintf(r.code, sizeof r.code, "%s", cw_in(in, "code"));
		if (!cw_catalogue_find(&cat, (enum cw_catalogue)k, r.code))
			rc = app_fail(err, ERR_NOT_FOUND, "code", "there is no %s '%.48s' to change",
				      r.kind, r.code);
		else if (strcmp(r.code, CW_PART_TIME_TYPE) == 0 && r.retired)
			rc = app_fail(err, ERR_INPUT, "retired",
				      "part-time timetables are an intervention attend needs: it can't "
				      "be retired");
	} else {
		/* a new entry: its code from its label, made unique */
		size_t n = 0;
		for (const char *p = r.label; *p && n < sizeof r.code - 4; p++) {
			unsigned char ch = (unsigned char)*p;
			if (isalnum(ch))
				r.code[n++] = (char)tolower(ch);
			else if (n && r.code[n - 1] != '_')
				r.code[n++] = '_';
		}
		while (n && r.code[n - 1] == '_')
			n--;
		r.code[n] = '\0';
		if (!n)
			rc = app_fail(err, ERR_INPUT, "label", "a label needs letters or digits");
		for (int i = 2; rc == 0 && cw_catalogue_find(&cat, (enum cw_catalogue)k, r.code); i++)
			snprintf(r.code + n, sizeof r.code - n, "_%d", i);
		for (int i = 0; rc == 0 && i < cat.n[k]; i++)
			if (strcasecmp(cat.item[k][i].label, r.label) == 0)
				rc = app_fail(err, ERR_CONFLICT, "label", "the list already has '%s' (%s)",
					      cat.item[k][i].label, cat.item[k][i].code);
	}
	cw_catalogues_free(&cat);
	if (rc < 0)
		return -1;
	snprintf(r.changed_by, sizeof r.changed_by, "%s", c->who->user);
	clock_iso_utc(clock_now(), r.changed_at);
	if (store_cw_catalogue_put(c->e->store, c->e->school.id, &r) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	return 0;
}

/* ---- stages ---- */

struct stage_map {
	uint8_t *v;
	int64_t max;
};

static int note_stage(void *ctx, const struct cw_stage_rec *r)
{
	struct stage_map *m = ctx;
	int s = cw_stage_parse(r->stage);
	if (r->pupil_id >= 0 && r->pupil_id <= m->max && s >= 0)
		m->v[r->pupil_id] = (uint8_t)s;
	return 0;
}

int cw_stages_current(const struct engine *e, struct store *s, uint8_t **out,
		      struct app_error *err)
{
	struct stage_map m = {calloc((size_t)e->max_pupil_id + 1, 1), e->max_pupil_id};
	if (!m.v)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	if (store_cw_stages_each(s, e->school.id, 0, note_stage, &m) < 0) {
		free(m.v);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	}
	*out = m.v;
	return 0;
}

static int last_stage(void *ctx, const struct cw_stage_rec *r)
{
	int s = cw_stage_parse(r->stage);
	if (s >= 0)
		*(enum cw_stage *)ctx = (enum cw_stage)s;
	return 0;
}

int cw_stage_of(struct store *s, int64_t school_id, int64_t pupil_id, enum cw_stage *out,
		struct app_error *err)
{
	*out = CW_UNIVERSAL;
	if (store_cw_stages_each(s, school_id, pupil_id, last_stage, out) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	return 0;
}

/* The pupil a write is about: 404 when unknown, 403 when the account may
 * not see their casework (or, with plans, write their plans). */
enum { FOR_SEE, FOR_PLAN, FOR_LEAD };
static int pupil_for(const struct cw_ctx *c, const char *upn, int need, int64_t *pupil_id,
		     int *row_out, struct app_error *err)
{
	int first = engine_pupil_row(c->e, upn ? upn : "");
	if (first < 0)
		return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %.16s", upn ? upn : "");
	int row = -1;
	for (int x = first; x >= 0; x = engine_next_row(c->e, x)) {
		bool ok = need == FOR_LEAD   ? cw_leads(c->a)
			  : need == FOR_PLAN ? cw_plans_for(c->a, c->e, x)
					     : cw_sees_pupil(c->a, c->e, x);
		if (ok)
			row = x;
	}
	if (row < 0)
		return app_fail(err, ERR_FORBIDDEN, "upn",
				need == FOR_SEE ? "pupil %.16s's casework is not yours to see"
						: "you can't change pupil %.16s's casework",
				upn);
	*pupil_id = c->e->m.rows[row].pupil_id;
	if (row_out)
		*row_out = row;
	return 0;
}

static int stage_move(const struct cw_ctx *c, int64_t pupil_id, enum cw_stage to, const char *reason,
		      int64_t review_id, int64_t *id, struct app_error *err)
{
	struct cw_stage_rec r = {0};
	r.pupil_id = pupil_id;
	r.review_id = review_id;
	snprintf(r.stage, sizeof r.stage, "%s", cw_stage_name(to));
	snprintf(r.reason, sizeof r.reason, "%s", reason);
	snprintf(r.changed_by, sizeof r.changed_by, "%s", c->who->user);
	clock_iso_utc(clock_now(), r.changed_at);
	if (store_cw_stage_add(c->e->store, c->e->school.id, &r) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (id)
		*id = r.id;
	return 0;
}

static int stage_in(const struct cw_input *in, int dflt, enum cw_stage *out, struct app_error *err)
{
	int s = given(in, "stage") ? cw_stage_parse(cw_in(in, "stage")) : dflt;
	if (s < 0)
		return app_fail(err, ERR_INPUT, "stage",
				"stage is universal, early_intervention, targeted, formal or enforcement");
	*out = (enum cw_stage)s;
	return 0;
}

int cw_stage_write(const struct cw_ctx *c, const char *upn, const struct cw_input *in,
		   int64_t *id, struct app_error *err)
{
	int64_t pupil;
	enum cw_stage to, now;
	char reason[STORE_NOTE_MAX];
	if (pupil_for(c, upn, FOR_LEAD, &pupil, NULL, err) < 0 || stage_in(in, -1, &to, err) < 0 ||
	    text_in(in, "reason", reason, sizeof reason, true, err) < 0 ||
	    cw_stage_of(c->e->store, c->e->school.id, pupil, &now, err) < 0)
		return -1;
	if (to == now)
		return app_fail(err, ERR_CONFLICT, "stage", "the pupil is at %s already",
				cw_stage_label(to));
	return stage_move(c, pupil, to, reason, 0, id, err);
}

int cw_review_decide(const struct cw_ctx *c, int64_t review_id, const struct cw_input *in,
		     struct app_error *err)
{
	if (!cw_leads(c->a))
		return app_fail(err, ERR_FORBIDDEN, NULL, "only the attendance lead decides the review list");
	const char *decision = cw_in(in, "decision");
	bool accept = decision && strcmp(decision, "accept") == 0;
	if (!accept && !(decision && strcmp(decision, "dismiss") == 0))
		return app_fail(err, ERR_INPUT, "decision", "decision is accept or dismiss");
	char reason[STORE_NOTE_MAX];
	if (text_in(in, "reason", reason, sizeof reason, true, err) < 0)
		return -1;
	struct cw_review_rec r;
	int rc = store_cw_review_get(c->e->store, c->e->school.id, review_id, &r);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, "id", "there is no review item %lld",
				(long long)review_id);
	enum cw_stage to = CW_UNIVERSAL, now;
	if (accept && stage_in(in, cw_stage_parse(r.suggested), &to, err) < 0)
		return -1;
	if (strcmp(r.state, "open") != 0)
		return app_fail(err, ERR_CONFLICT, "id", "review item %lld was %s already (by %s)",
				(long long)review_id, r.state, r.decided_by);
	if (cw_stage_of(c->e->store, c->e->school.id, r.pupil_id, &now, err) < 0)
		return -1;
	char at[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), at);
	rc = store_cw_review_decide(c->e->store, c->e->school.id, review_id,
				    accept ? "accepted" : "dismissed", c->who->user, at, reason,
				    accept ? cw_stage_name(to) : NULL);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, "id", "review item %lld was decided already",
				(long long)review_id);
	if (!accept || to == now)
		return 0;
	char why[STORE_NOTE_MAX];
	snprintf(why, sizeof why, "%s (review item %lld): %s",
		 cw_trigger_label((enum cw_trigger)cw_trigger_parse(r.kind)), (long long)review_id,
		 reason);
	return stage_move(c, r.pupil_id, to, why, review_id, NULL, err);
}

/* ---- support plans ---- */

/* A plan of the pupil's (404 otherwise); open with must_be_open (409). */
static int plan_of(const struct cw_ctx *c, int64_t pupil_id, int64_t plan_id, bool must_be_open,
		   struct cw_plan_rec *p, struct app_error *err)
{
	int rc = store_cw_plan_get(c->e->store, c->e->school.id, plan_id, p);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (rc == 1 || p->pupil_id != pupil_id)
		return app_fail(err, ERR_NOT_FOUND, "plan", "the pupil has no support plan %lld",
				(long long)plan_id);
	if (must_be_open && strcmp(p->state, "open") != 0)
		return app_fail(err, ERR_CONFLICT, "plan", "support plan %lld is closed",
				(long long)plan_id);
	return 0;
}

static int count_plan(void *ctx, const struct cw_plan_rec *r)
{
	*(int64_t *)ctx = r->id;
	return 0;
}

static int barrier_add(const struct cw_ctx *c, int64_t plan_id, const char *code, const char *note,
		       struct app_error *err, int64_t *id)
{
	struct cw_barrier_rec b = {0};
	b.plan_id = plan_id;
	snprintf(b.code, sizeof b.code, "%s", code);
	snprintf(b.note, sizeof b.note, "%s", note);
	snprintf(b.added_by, sizeof b.added_by, "%s", c->who->user);
	clock_iso_utc(clock_now(), b.added_at);
	int rc = store_cw_barrier_add(c->e->store, c->e->school.id, &b);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, "code", "the plan names %s already", code);
	if (id)
		*id = b.id;
	return 0;
}

int cw_plan_write(const struct cw_ctx *c, const char *upn, const struct cw_input *in, int64_t *id,
		  struct app_error *err)
{
	int64_t pupil, open = 0;
	struct cw_plan_rec p = {0};
	date_t today = clock_today();
	char d[DATE_ISO_LEN];
	if (pupil_for(c, upn, FOR_PLAN, &pupil, NULL, err) < 0 ||
	    text_in(in, "title", p.title, sizeof p.title, true, err) < 0 ||
	    date_in(in, "started_on", today, false, &p.started_on, err) < 0 ||
	    date_in(in, "review_on", DATE_INVALID, true, &p.review_on, err) < 0)
		return -1;
	if (p.started_on > today)
		return app_fail(err, ERR_INPUT, "started_on", "started_on %s is in the future",
				date_format(p.started_on, d));
	if (p.review_on <= p.started_on)
		return app_fail(err, ERR_INPUT, "review_on", "review_on comes after the plan starts (%s)",
				date_format(p.started_on, d));
	/* each barrier named must be in the list */
	char codes[1024];
	if (text_in(in, "barriers", codes, sizeof codes, false, err) < 0)
		return -1;
	for (char *save = NULL, *t = strtok_r(codes, " ,", &save); t; t = strtok_r(NULL, " ,", &save))
		if (catalogue_code(c->e, CWC_BARRIER, "barriers", t, err) < 0)
			return -1;
	if (store_cw_plans_each(c->e->store, c->e->school.id, pupil, true, count_plan, &open) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (open)
		return app_fail(err, ERR_CONFLICT, "title",
				"the pupil has an open support plan (%lld): add to it, or close it first",
				(long long)open);
	p.pupil_id = pupil;
	snprintf(p.created_by, sizeof p.created_by, "%s", c->who->user);
	clock_iso_utc(clock_now(), p.created_at);
	if (store_cw_plan_add(c->e->store, c->e->school.id, &p) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	text_in(in, "barriers", codes, sizeof codes, false, err);
	for (char *save = NULL, *t = strtok_r(codes, " ,", &save); t; t = strtok_r(NULL, " ,", &save))
		if (barrier_add(c, p.id, t, "", err, NULL) < 0 && err->kind != ERR_CONFLICT)
			return -1;
	app_error_clear(err);
	*id = p.id;
	return 0;
}

int cw_barrier_write(const struct cw_ctx *c, const char *upn, int64_t plan_id,
		     const struct cw_input *in, int64_t *id, struct app_error *err)
{
	int64_t pupil;
	struct cw_plan_rec p;
	char note[STORE_CW_SHORT_MAX];
	const char *code = cw_in(in, "code");
	if (pupil_for(c, upn, FOR_PLAN, &pupil, NULL, err) < 0)
		return -1;
	if (!code || !*code)
		return app_fail(err, ERR_INPUT, "code", "code is required: the barrier from the list");
	if (catalogue_code(c->e, CWC_BARRIER, "code", code, err) < 0 ||
	    text_in(in, "note", note, sizeof note, false, err) < 0 ||
	    plan_of(c, pupil, plan_id, true, &p, err) < 0)
		return -1;
	return barrier_add(c, plan_id, code, note, err, id);
}

int cw_action_write(const struct cw_ctx *c, const char *upn, int64_t plan_id,
		    const struct cw_input *in, int64_t *id, struct app_error *err)
{
	int64_t pupil;
	struct cw_plan_rec p;
	struct cw_action_rec a = {0};
	char d[DATE_ISO_LEN];
	if (pupil_for(c, upn, FOR_PLAN, &pupil, NULL, err) < 0 ||
	    text_in(in, "action", a.action, sizeof a.action, true, err) < 0 ||
	    text_in(in, "owner", a.owner, sizeof a.owner, true, err) < 0 ||
	    date_in(in, "due_on", DATE_INVALID, true, &a.due_on, err) < 0 ||
	    plan_of(c, pupil, plan_id, true, &p, err) < 0)
		return -1;
	if (a.due_on < p.started_on)
		return app_fail(err, ERR_INPUT, "due_on", "due_on is before the plan started (%s)",
				date_format(p.started_on, d));
	a.plan_id = plan_id;
	snprintf(a.created_by, sizeof a.created_by, "%s", c->who->user);
	clock_iso_utc(clock_now(), a.created_at);
	if (store_cw_action_add(c->e->store, c->e->school.id, &a) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	*id = a.id;
	return 0;
}

int cw_action_finish(const struct cw_ctx *c, const char *upn, int64_t action_id,
		     const struct cw_input *in, struct app_error *err)
{
	int64_t pupil;
	struct cw_plan_rec p;
	struct cw_action_rec a;
	char note[STORE_CW_SHORT_MAX];
	const char *state = cw_in(in, "state");
	if (pupil_for(c, upn, FOR_PLAN, &pupil, NULL, err) < 0)
		return -1;
	if (!state || (strcmp(state, "done") && strcmp(state, "dropped")))
		return app_fail(err, ERR_INPUT, "state", "state is done or dropped");
	if (text_in(in, "note", note, sizeof note, strcmp(state, "dropped") == 0, err) < 0)
		return -1;
	int rc = store_cw_action_get(c->e->store, c->e->school.id, action_id, &a);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (rc == 1 || plan_of(c, pupil, a.plan_id, false, &p, err) < 0)
		return app_fail(err, ERR_NOT_FOUND, "action", "the pupil has no action %lld",
				(long long)action_id);
	char at[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), at);
	rc = store_cw_action_finish(c->e->store, c->e->school.id, action_id, state, note,
				    c->who->user, at);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, "action", "action %lld is %s already",
				(long long)action_id, a.state);
	return 0;
}

int cw_meeting_write(const struct cw_ctx *c, const char *upn, int64_t plan_id,
		     const struct cw_input *in, int64_t *id, struct app_error *err)
{
	int64_t pupil;
	struct cw_plan_rec p;
	struct cw_meeting_rec m = {0};
	char d[DATE_ISO_LEN];
	const char *kind = given(in, "kind") ? cw_in(in, "kind") : "meeting";
	if (pupil_for(c, upn, FOR_PLAN, &pupil, NULL, err) < 0)
		return -1;
	if (strcmp(kind, "meeting") && strcmp(kind, "review"))
		return app_fail(err, ERR_INPUT, "kind", "kind is meeting or review");
	snprintf(m.kind, sizeof m.kind, "%s", kind);
	if (date_in(in, "held_on", DATE_INVALID, true, &m.held_on, err) < 0 ||
	    text_in(in, "attendees", m.attendees, sizeof m.attendees, true, err) < 0 ||
	    text_in(in, "pupil_voice", m.pupil_voice, sizeof m.pupil_voice, false, err) < 0 ||
	    text_in(in, "parent_voice", m.parent_voice, sizeof m.parent_voice, false, err) < 0 ||
	    text_in(in, "notes", m.notes, sizeof m.notes, false, err) < 0 ||
	    date_in(in, "next_review_on", DATE_INVALID, false, &m.next_review_on, err) < 0 ||
	    plan_of(c, pupil, plan_id, true, &p, err) < 0)
		return -1;
	if (m.held_on > clock_today())
		return app_fail(err, ERR_INPUT, "held_on", "held_on %s is in the future: record a "
				"meeting once it is held", date_format(m.held_on, d));
	if (m.held_on < p.started_on)
		return app_fail(err, ERR_INPUT, "held_on", "held_on is before the plan started (%s)",
				date_format(p.started_on, d));
	if (m.next_review_on != DATE_INVALID && m.next_review_on <= m.held_on)
		return app_fail(err, ERR_INPUT, "next_review_on",
				"next_review_on comes after the meeting (%s)", date_format(m.held_on, d));
	if (strcmp(kind, "review") == 0 && m.next_review_on == DATE_INVALID)
		return app_fail(err, ERR_INPUT, "next_review_on",
				"a review sets the next review (or close the plan with its outcome)");
	if (!m.pupil_voice[0] && !m.parent_voice[0] && !m.notes[0])
		return app_fail(err, ERR_INPUT, "pupil_voice",
				"record what was said: the pupil's voice, the parent's or notes");
	m.plan_id = plan_id;
	snprintf(m.recorded_by, sizeof m.recorded_by, "%s", c->who->user);
	clock_iso_utc(clock_now(), m.recorded_at);
	if (store_cw_meeting_add(c->e->store, c->e->school.id, &m) < 0 ||
	    (m.next_review_on != DATE_INVALID &&
	     store_cw_plan_set_review(c->e->store, c->e->school.id, plan_id, m.next_review_on) < 0))
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	*id = m.id;
	return 0;
}

int cw_plan_close(const struct cw_ctx *c, const char *upn, int64_t plan_id,
		  const struct cw_input *in, struct app_error *err)
{
	int64_t pupil;
	struct cw_plan_rec p;
	char outcome[STORE_NOTE_MAX], d[DATE_ISO_LEN];
	date_t on;
	if (pupil_for(c, upn, FOR_PLAN, &pupil, NULL, err) < 0 ||
	    text_in(in, "outcome", outcome, sizeof outcome, true, err) < 0 ||
	    date_in(in, "closed_on", clock_today(), false, &on, err) < 0 ||
	    plan_of(c, pupil, plan_id, true, &p, err) < 0)
		return -1;
	if (on < p.started_on || on > clock_today())
		return app_fail(err, ERR_INPUT, "closed_on", "closed_on is from the plan's start (%s) to "
				"today", date_format(p.started_on, d));
	char at[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), at);
	if (store_cw_plan_close(c->e->store, c->e->school.id, plan_id, on, outcome, c->who->user, at) != 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	return 0;
}

/* ---- interventions ---- */

static int intervention_add(const struct cw_ctx *c, int64_t pupil, const char *type, date_t start,
			    date_t end, int64_t plan_id, const char *note, int64_t *id,
			    struct app_error *err)
{
	struct cw_intervention_rec r = {0};
	r.pupil_id = pupil;
	r.plan_id = plan_id;
	snprintf(r.type, sizeof r.type, "%s", type);
	r.started_on = start;
	r.planned_end = end;
	snprintf(r.note, sizeof r.note, "%s", note);
	snprintf(r.created_by, sizeof r.created_by, "%s", c->who->user);
	clock_iso_utc(clock_now(), r.created_at);
	if (store_cw_intervention_add(c->e->store, c->e->school.id, &r) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	*id = r.id;
	return 0;
}

/* The optional plan an intervention or timetable belongs to: open, the
 * pupil's. */
static int plan_in(const struct cw_ctx *c, const struct cw_input *in, int64_t pupil, int64_t *plan_id,
		   struct app_error *err)
{
	struct cw_plan_rec p;
	if (id_in(in, "plan", false, plan_id, err) < 0)
		return -1;
	return *plan_id ? plan_of(c, pupil, *plan_id, true, &p, err) : 0;
}

int cw_intervention_write(const struct cw_ctx *c, const char *upn, const struct cw_input *in,
			  int64_t *id, struct app_error *err)
{
	int64_t pupil, plan_id;
	date_t start, end;
	char note[STORE_CW_SHORT_MAX], d[DATE_ISO_LEN];
	const char *type = cw_in(in, "type");
	if (pupil_for(c, upn, FOR_PLAN, &pupil, NULL, err) < 0)
		return -1;
	if (!type || !*type)
		return app_fail(err, ERR_INPUT, "type", "type is required: the intervention from the list");
	if (strcmp(type, CW_PART_TIME_TYPE) == 0)
		return app_fail(err, ERR_INPUT, "type",
				"a part-time timetable is started with its own form: its sessions, "
				"review points and who agreed it");
	if (catalogue_code(c->e, CWC_INTERVENTION, "type", type, err) < 0 ||
	    date_in(in, "started_on", DATE_INVALID, true, &start, err) < 0 ||
	    date_in(in, "planned_end", DATE_INVALID, false, &end, err) < 0 ||
	    text_in(in, "note", note, sizeof note, false, err) < 0 ||
	    plan_in(c, in, pupil, &plan_id, err) < 0)
		return -1;
	if (end != DATE_INVALID && end < start)
		return app_fail(err, ERR_INPUT, "planned_end", "planned_end is before it starts (%s)",
				date_format(start, d));
	return intervention_add(c, pupil, type, start, end, plan_id, note, id, err);
}

int cw_intervention_end(const struct cw_ctx *c, const char *upn, int64_t id,
			const struct cw_input *in, struct app_error *err)
{
	int64_t pupil;
	struct cw_intervention_rec r;
	date_t on;
	char d[DATE_ISO_LEN], at[CLOCK_ISO_LEN];
	if (pupil_for(c, upn, FOR_PLAN, &pupil, NULL, err) < 0 ||
	    date_in(in, "ended_on", DATE_INVALID, true, &on, err) < 0)
		return -1;
	int rc = store_cw_intervention_get(c->e->store, c->e->school.id, id, &r);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (rc == 1 || r.pupil_id != pupil)
		return app_fail(err, ERR_NOT_FOUND, "intervention", "the pupil has no intervention %lld",
				(long long)id);
	if (strcmp(r.type, CW_PART_TIME_TYPE) == 0)
		return app_fail(err, ERR_INPUT, "intervention",
				"end the part-time timetable itself: its register marks depend on it");
	if (on < r.started_on)
		return app_fail(err, ERR_INPUT, "ended_on", "ended_on is before it started (%s)",
				date_format(r.started_on, d));
	clock_iso_utc(clock_now(), at);
	rc = store_cw_intervention_end(c->e->store, c->e->school.id, id, on, c->who->user, at);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, "intervention", "intervention %lld ended already",
				(long long)id);
	return 0;
}

/* ---- part-time timetables ---- */

int cw_part_time_apply(struct engine *e, const struct cw_part_time_rec *pt, date_t today,
		       const struct actor *who, int *written, struct app_error *err)
{
	unsigned mask;
	if (cw_sessions_parse(pt->sessions, &mask))
		return app_fail(err, ERR_INTERNAL, NULL, "part-time timetable %lld has no sessions",
				(long long)pt->id);
	date_t last = pt->planned_end < today ? pt->planned_end : today;
	if (pt->ended_on != DATE_INVALID && pt->ended_on < last)
		last = pt->ended_on;
	char reason[300];
	snprintf(reason, sizeof reason, "part-time timetable %lld, agreed with %s", (long long)pt->id,
		 pt->agreed_with);
	int lo, hi;
	calendar_day_range(&e->cal, pt->started_on, last, &lo, &hi);
	for (int d = lo; d < hi; d++) {
		date_t day = e->cal.school_days[d];
		int r = engine_row_of_id(e, pt->pupil_id, day, -1);
		if (r < 0)
			continue;
		for (int s = 0; s < SESSION__MAX; s++) {
			if (!cw_session_reduced(mask, day, (enum session)s))
				continue;
			uint8_t now = engine_cell(e, r, 2 * d + s);
			if (now != CODE_NONE && now != CODE_N && now != CODE_O)
				continue;
			struct mark_input mi = {e->m.rows[r].upn, day, (enum session)s, CODE_C2, -1};
			enum mark_outcome out;
			if (marks_write(e, &mi, who, reason, true, &out, err) < 0)
				return -1;
			*written += out != MARK_UNCHANGED;
		}
	}
	return 0;
}

static int current_part_time(void *ctx, const struct cw_part_time_rec *r)
{
	*(int64_t *)ctx = r->id;
	return 0;
}

int cw_part_time_write(const struct cw_ctx *c, const char *upn, const struct cw_input *in,
		       int64_t *id, struct app_error *err)
{
	int64_t pupil, plan_id, current = 0;
	struct cw_part_time_rec pt = {0};
	unsigned mask;
	char d[DATE_ISO_LEN], reviews[600];
	if (pupil_for(c, upn, FOR_LEAD, &pupil, NULL, err) < 0)
		return -1;
	const char *why = cw_sessions_parse(cw_in(in, "sessions"), &mask);
	if (why)
		return app_fail(err, ERR_INPUT, "sessions", "%s", why);
	cw_sessions_text(mask, pt.sessions, sizeof pt.sessions);
	if (date_in(in, "started_on", DATE_INVALID, true, &pt.started_on, err) < 0 ||
	    date_in(in, "planned_end", DATE_INVALID, true, &pt.planned_end, err) < 0 ||
	    text_in(in, "agreed_with", pt.agreed_with, sizeof pt.agreed_with, true, err) < 0 ||
	    text_in(in, "reason", pt.reason, sizeof pt.reason, true, err) < 0 ||
	    text_in(in, "reviews", reviews, sizeof reviews, true, err) < 0 ||
	    plan_in(c, in, pupil, &plan_id, err) < 0)
		return -1;
	if (pt.planned_end < pt.started_on)
		return app_fail(err, ERR_INPUT, "planned_end", "planned_end is before it starts (%s)",
				date_format(pt.started_on, d));
	/* the review points: dates from its start to its planned end */
	date_t due[16];
	int n_due = 0;
	for (char *save = NULL, *t = strtok_r(reviews, " ,", &save); t; t = strtok_r(NULL, " ,", &save)) {
		if (n_due == 16)
			return app_fail(err, ERR_INPUT, "reviews", "at most 16 review points");
		if (parse_date_field("reviews", t, &due[n_due], err) < 0)
			return -1;
		if (due[n_due] < pt.started_on || due[n_due] > pt.planned_end)
			return app_fail(err, ERR_INPUT, "reviews",
					"review point %s is not between the start and the planned end", t);
		n_due++;
	}
	if (store_cw_part_times_each(c->e->store, c->e->school.id, pupil, true, current_part_time,
				     &current) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (current)
		return app_fail(err, ERR_CONFLICT, "sessions",
				"the pupil is on a part-time timetable already (%lld): end it first",
				(long long)current);
	char note[STORE_CW_SHORT_MAX];
	snprintf(note, sizeof note, "%s: %s", pt.sessions, pt.reason);
	if (intervention_add(c, pupil, CW_PART_TIME_TYPE, pt.started_on, pt.planned_end, plan_id, note,
			     &pt.intervention_id, err) < 0)
		return -1;
	pt.pupil_id = pupil;
	snprintf(pt.created_by, sizeof pt.created_by, "%s", c->who->user);
	clock_iso_utc(clock_now(), pt.created_at);
	pt.ended_on = DATE_INVALID;
	if (store_cw_part_time_add(c->e->store, c->e->school.id, &pt) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	for (int i = 0; i < n_due; i++) {
		struct cw_pt_review_rec r = {.part_time_id = pt.id, .due_on = due[i]};
		if (store_cw_pt_review_add(c->e->store, c->e->school.id, &r) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	}
	*id = pt.id;
	int written = 0;
	return cw_part_time_apply(c->e, &pt, clock_today(), c->who, &written, err);
}

/* A part-time timetable of the pupil's, not ended. */
static int part_time_of(const struct cw_ctx *c, const char *upn, int64_t id,
			struct cw_part_time_rec *pt, struct app_error *err)
{
	int64_t pupil;
	if (pupil_for(c, upn, FOR_LEAD, &pupil, NULL, err) < 0)
		return -1;
	int rc = store_cw_part_time_get(c->e->store, c->e->school.id, id, pt);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (rc == 1 || pt->pupil_id != pupil)
		return app_fail(err, ERR_NOT_FOUND, "part_time", "the pupil has no part-time timetable %lld",
				(long long)id);
	if (pt->ended_on != DATE_INVALID)
		return app_fail(err, ERR_CONFLICT, "part_time", "part-time timetable %lld has ended",
				(long long)id);
	return 0;
}

struct pt_find {
	int64_t id;
	bool found, held;
};

static int find_review(void *ctx, const struct cw_pt_review_rec *r)
{
	struct pt_find *f = ctx;
	if (r->id == f->id) {
		f->found = true;
		f->held = r->held_on != DATE_INVALID;
	}
	return 0;
}

int cw_part_time_review(const struct cw_ctx *c, const char *upn, int64_t part_time_id,
			const struct cw_input *in, struct app_error *err)
{
	struct cw_part_time_rec pt;
	int64_t review_id;
	char outcome[STORE_CW_SHORT_MAX], d[DATE_ISO_LEN], at[CLOCK_ISO_LEN];
	date_t next;
	if (part_time_of(c, upn, part_time_id, &pt, err) < 0 ||
	    id_in(in, "review", true, &review_id, err) < 0 ||
	    text_in(in, "outcome", outcome, sizeof outcome, true, err) < 0 ||
	    date_in(in, "next_review", DATE_INVALID, false, &next, err) < 0)
		return -1;
	if (next != DATE_INVALID && (next <= clock_today() || next > pt.planned_end))
		return app_fail(err, ERR_INPUT, "next_review",
				"next_review is after today and by the planned end (%s)",
				date_format(pt.planned_end, d));
	clock_iso_utc(clock_now(), at);
	/* the review point must be this timetable's */
	struct pt_find f = {review_id, false, false};
	if (store_cw_pt_reviews_each(c->e->store, c->e->school.id, pt.id, find_review, &f) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (!f.found)
		return app_fail(err, ERR_NOT_FOUND, "review",
				"part-time timetable %lld has no review point %lld", (long long)pt.id,
				(long long)review_id);
	int rc = store_cw_pt_review_hold(c->e->store, c->e->school.id, review_id, clock_today(), outcome,
					 c->who->user, at);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, "review", "review point %lld was held already",
				(long long)review_id);
	if (next != DATE_INVALID) {
		struct cw_pt_review_rec r = {.part_time_id = pt.id, .due_on = next};
		if (store_cw_pt_review_add(c->e->store, c->e->school.id, &r) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	}
	return 0;
}

int cw_part_time_end(const struct cw_ctx *c, const char *upn, int64_t part_time_id,
		     const struct cw_input *in, struct app_error *err)
{
	struct cw_part_time_rec pt;
	char reason[STORE_CW_SHORT_MAX], at[CLOCK_ISO_LEN];
	date_t on;
	date_t today = clock_today();
	if (part_time_of(c, upn, part_time_id, &pt, err) < 0 ||
	    date_in(in, "ended_on", today, false, &on, err) < 0 ||
	    text_in(in, "reason", reason, sizeof reason, true, err) < 0)
		return -1;
	/* C2 is on the sessions up to today: an end before today would leave
	 * C2 where the pupil was expected; amend those marks instead. */
	if (on < today || on < pt.started_on)
		return app_fail(err, ERR_INPUT, "ended_on",
				"ended_on is today or later (C2 is on its sessions up to today: amend "
				"earlier marks on the register, with a reason, if it ended before)");
	clock_iso_utc(clock_now(), at);
	int rc = store_cw_part_time_end(c->e->store, c->e->school.id, pt.id, on, reason, c->who->user, at);
	if (rc == 0)
		rc = store_cw_intervention_end(c->e->store, c->e->school.id, pt.intervention_id, on,
					       c->who->user, at);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	return 0;
}

/* ---- notes ---- */

int cw_note_write(const struct cw_ctx *c, const char *upn, const struct cw_input *in, int64_t *id,
		  struct app_error *err)
{
	int64_t pupil;
	struct cw_note_rec n = {0};
	if (pupil_for(c, upn, FOR_SEE, &pupil, NULL, err) < 0 ||
	    text_in(in, "body", n.body, sizeof n.body, true, err) < 0 ||
	    yes_no_in(in, "safeguarding", &n.safeguarding, err) < 0)
		return -1;
	if (n.safeguarding && !cw_sees_safeguarding(c->a))
		return app_fail(err, ERR_FORBIDDEN, "safeguarding",
				"only the DSL and the attendance lead write safeguarding notes: tell "
				"the DSL of a concern as the school's safeguarding policy says");
	n.pupil_id = pupil;
	snprintf(n.written_by, sizeof n.written_by, "%s", c->who->user);
	clock_iso_utc(clock_now(), n.written_at);
	if (store_cw_note_add(c->e->store, c->e->school.id, &n) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	*id = n.id;
	return 0;
}

int cw_safeguarding_read(struct engine *e, const struct account *a, const char *upn,
			 const char *via, const char *ip, struct cw_note_rec **notes, int *n,
			 struct app_error *err)
{
	*notes = NULL;
	*n = 0;
	int row = engine_pupil_row(e, upn ? upn : "");
	if (!cw_sees_safeguarding(a) || row < 0)
		return app_fail(err, ERR_NOT_FOUND, "upn", "there is nothing here for you");
	int64_t pupil = e->m.rows[row].pupil_id;
	struct cw_notes l = {0};
	if (store_cw_notes_each(e->store, e->school.id, pupil, true, cw_notes_add, &l) < 0) {
		free(l.v);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	}
	char at[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), at);
	for (int i = 0; i < l.n; i++) {
		struct cw_note_read_rec r = {0};
		r.note_id = l.v[i].id;
		r.pupil_id = pupil;
		snprintf(r.username, sizeof r.username, "%s", a->username);
		snprintf(r.role, sizeof r.role, "%s", role_name(a->role));
		snprintf(r.read_at, sizeof r.read_at, "%s", at);
		snprintf(r.via, sizeof r.via, "%s", via);
		snprintf(r.ip, sizeof r.ip, "%s", ip && *ip ? ip : "-");
		if (store_cw_note_read_add(e->store, e->school.id, &r) < 0) {
			free(l.v);
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		}
	}
	*notes = l.v;
	*n = l.n;
	return 0;
}

/* ---- a pupil's casework ---- */

#define COLLECT(name, T, field, count)                                                       \
	static int name(void *ctx, const T *r)                                               \
	{                                                                                    \
		struct cw_case *c = ctx;                                                     \
		return array_push(&c->field, &c->count, sizeof *r, r);                             \
	}
COLLECT(add_stage, struct cw_stage_rec, stages, n_stages)
COLLECT(add_review, struct cw_review_rec, reviews, n_reviews)
COLLECT(add_plan, struct cw_plan_rec, plans, n_plans)
COLLECT(add_barrier, struct cw_barrier_rec, barriers, n_barriers)
COLLECT(add_action, struct cw_action_rec, actions, n_actions)
COLLECT(add_meeting, struct cw_meeting_rec, meetings, n_meetings)
COLLECT(add_intervention, struct cw_intervention_rec, interventions, n_interventions)
COLLECT(add_part_time, struct cw_part_time_rec, part_times, n_part_times)
COLLECT(add_pt_review, struct cw_pt_review_rec, pt_reviews, n_pt_reviews)
COLLECT(add_case_note, struct cw_note_rec, notes, n_notes)
COLLECT(add_legal, struct cw_legal_rec, legal_steps, n_legal)
COLLECT(add_legal_event, struct cw_legal_event_rec, legal_events, n_legal_events)
COLLECT(add_document, struct cw_document_rec, documents, n_documents)

int cw_case_load(struct store *s, int64_t school_id, int64_t pupil_id, const struct account *a,
		 struct cw_case *out, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	out->pupil_id = pupil_id;
	out->stage = CW_UNIVERSAL;
	if (store_cw_stages_each(s, school_id, pupil_id, add_stage, out) < 0 ||
	    store_cw_reviews_each(s, school_id, pupil_id, false, NULL, add_review, out) < 0 ||
	    store_cw_plans_each(s, school_id, pupil_id, false, add_plan, out) < 0 ||
	    store_cw_interventions_each(s, school_id, pupil_id, add_intervention, out) < 0 ||
	    store_cw_part_times_each(s, school_id, pupil_id, false, add_part_time, out) < 0 ||
	    store_cw_notes_each(s, school_id, pupil_id, false, add_case_note, out) < 0)
		goto fail;
	for (int i = 0; i < out->n_plans; i++)
		if (store_cw_barriers_each(s, school_id, out->plans[i].id, add_barrier, out) < 0 ||
		    store_cw_actions_each(s, school_id, out->plans[i].id, add_action, out) < 0 ||
		    store_cw_meetings_each(s, school_id, out->plans[i].id, add_meeting, out) < 0)
			goto fail;
	for (int i = 0; i < out->n_part_times; i++)
		if (store_cw_pt_reviews_each(s, school_id, out->part_times[i].id, add_pt_review, out) < 0)
			goto fail;
	if (out->n_stages) {
		int st = cw_stage_parse(out->stages[out->n_stages - 1].stage);
		out->stage = st < 0 ? CW_UNIVERSAL : (enum cw_stage)st;
	}
	out->safeguarding = cw_sees_safeguarding(a);
	if (out->safeguarding &&
	    store_cw_safeguarding_count(s, school_id, pupil_id, &out->safeguarding_notes) < 0)
		goto fail;
	if (cw_sees_legal(a)) {
		out->legal = true;
		if (store_cw_legal_each(s, school_id, pupil_id, add_legal, out) < 0 ||
		    store_cw_documents_each(s, school_id, pupil_id, 0, add_document, out) < 0)
			goto fail;
		for (int i = 0; i < out->n_legal; i++)
			if (store_cw_legal_events_each(s, school_id, out->legal_steps[i].id,
						       add_legal_event, out) < 0)
				goto fail;
	}
	return 0;
fail:
	cw_case_free(out);
	return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
}

void cw_case_free(struct cw_case *c)
{
	free(c->stages);
	free(c->reviews);
	free(c->plans);
	free(c->barriers);
	free(c->actions);
	free(c->meetings);
	free(c->interventions);
	free(c->part_times);
	free(c->pt_reviews);
	free(c->notes);
	free(c->legal_steps);
	free(c->legal_events);
	free(c->documents);
	memset(c, 0, sizeof *c);
}

const struct cw_plan_rec *cw_case_open_plan(const struct cw_case *c)
{
	for (int i = 0; i < c->n_plans; i++)
		if (strcmp(c->plans[i].state, "open") == 0)
			return &c->plans[i];
	return NULL;
}
