/* Raising the notifications (app/notices.h): the school's settings, a
 * pupil's row as the open transaction leaves it (with illness families
 * have reported ahead laid over it), the rules of core/notices, and the
 * notification with its task, once. Sending them is notices_send.c. */
#include "app/notices.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/parse.h"
#include "app/role.h"
#include "core/ranges.h"

/* ---- settings ---- */

static const char *const setting_keys[] = {
	SETTING_NOTIFY_KINDS,		  SETTING_NOTIFY_UNAUTHORISED_DAYS,
	SETTING_NOTIFY_ILLNESS_DAYS,	  SETTING_NOTIFY_CME_DAYS,
	SETTING_NOTIFY_UNAUTHORISED_CODES, SETTING_NOTIFY_ILLNESS_CODES,
	SETTING_NOTIFY_LA_ASSIGNEE,	  SETTING_NOTIFY_SAFEGUARDING_ASSIGNEE,
	SETTING_NOTIFY_SINCE,		  NULL};

bool notices_is_setting(const char *key)
{
	for (int i = 0; key && setting_keys[i]; i++)
		if (strcmp(setting_keys[i], key) == 0)
			return true;
	return false;
}

/* A role that sees the whole school (or the DSL), or an active account. */
static const char *assignee_error(struct store *s, int64_t school_id, const char *who)
{
	int r = role_parse(who);
	if (r >= 0)
		return r == ROLE_ADMIN || r == ROLE_ATTENDANCE_LEAD || r == ROLE_OFFICE || r == ROLE_DSL
			       ? NULL
			       : "a role is admin, attendance_lead, office or dsl (or name an account)";
	struct user_rec u;
	int rc = store_user_get(s, who, &u);
	if (rc < 0)
		return store_error(s);
	if (rc == 1 || u.school_id != school_id || !u.active)
		return "it is not a role or an active account of the school";
	return NULL;
}

int notices_settings_load(struct store *s, int64_t school_id, const char *key, const char *value,
			  struct notice_settings *out, struct app_error *err)
{
	enum err_kind kind = key ? ERR_INPUT : ERR_INTERNAL;
	char buf[256];
	const char *why = NULL;
	notice_settings_default(out);
	static const struct {
		const char *key;
		size_t offset;
	} days[] = {
		{SETTING_NOTIFY_UNAUTHORISED_DAYS, offsetof(struct notice_settings, unauthorised_days)},
		{SETTING_NOTIFY_ILLNESS_DAYS, offsetof(struct notice_settings, illness_days)},
		{SETTING_NOTIFY_CME_DAYS, offsetof(struct notice_settings, cme_days)},
	};
	for (size_t i = 0; i < sizeof days / sizeof *days; i++) {
		int rc = parse_setting_value(s, school_id, days[i].key, key, value, buf, sizeof buf, err);
		long n;
		if (rc < 0)
			return -1;
		if (rc == 1)
			continue;
		if (parse_int_field(days[i].key, buf, 1, NOTICE_DAYS_MAX, &n, err) < 0) {
			err->kind = kind;
			return -1;
		}
		*(int *)((char *)out + days[i].offset) = (int)n;
	}
	int rc = parse_setting_value(s, school_id, SETTING_NOTIFY_KINDS, key, value, buf, sizeof buf, err);
	if (rc < 0)
		return -1;
	if (rc == 0 && (why = notice_parse_kinds(buf, out->enabled)))
		return app_fail(err, kind, SETTING_NOTIFY_KINDS, "%s '%s': %s", SETTING_NOTIFY_KINDS,
				buf, why);
	static const struct {
		const char *key;
		size_t offset;
	} codes[] = {
		{SETTING_NOTIFY_UNAUTHORISED_CODES, offsetof(struct notice_settings, unauthorised)},
		{SETTING_NOTIFY_ILLNESS_CODES, offsetof(struct notice_settings, illness)},
	};
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
		if ((rc = parse_setting_value(s, school_id, codes[i].key, key, value, buf, sizeof buf, err)) < 0)
			return -1;
		if (rc == 0 &&
		    (why = notice_parse_codes(buf, (code_set *)((char *)out + codes[i].offset))))
			return app_fail(err, kind, codes[i].key, "%s '%s': %s", codes[i].key, buf, why);
	}
	static const struct {
		const char *key;
		size_t offset;
	} people[] = {
		{SETTING_NOTIFY_LA_ASSIGNEE, offsetof(struct notice_settings, la_assignee)},
		{SETTING_NOTIFY_SAFEGUARDING_ASSIGNEE,
		 offsetof(struct notice_settings, safeguarding_assignee)},
	};
	for (size_t i = 0; i < sizeof people / sizeof *people; i++) {
		if ((rc = parse_setting_value(s, school_id, people[i].key, key, value, buf, sizeof buf, err)) < 0)
			return -1;
		if (rc == 1)
			continue;
		/* a stored account that has gone since is checked when a task is made */
		if (key && strcmp(key, people[i].key) == 0 &&
		    (why = assignee_error(s, school_id, buf)))
			return app_fail(err, kind, people[i].key, "%s '%s': %s", people[i].key, buf, why);
		snprintf((char *)out + people[i].offset, sizeof out->la_assignee, "%s", buf);
	}
	if ((rc = parse_setting_value(s, school_id, SETTING_NOTIFY_SINCE, key, value, buf, sizeof buf, err)) < 0)
		return -1;
	if (rc == 0 && parse_date_field(SETTING_NOTIFY_SINCE, buf, &out->since, err) < 0) {
		err->kind = kind;
		return -1;
	}
	return 0;
}

/* The first day anything is raised for: the setting, else the start of
 * this school year. */
static date_t since_of(const struct notice_settings *s, date_t today)
{
	if (s->since != DATE_INVALID)
		return s->since;
	struct date_range y;
	range_academic_year(today, &y);
	return y.from;
}

/* ---- a pupil's row as the transaction leaves it ---- */

struct row_view {
	uint8_t *cells;
	struct notice_row r;
	int future; /* sessions laid over from absence reports */
};

struct report_codes {
	struct {
		int64_t id;
		enum code code;
	} v[64];
	int n;
	code_set want;
};

static int note_report(void *ctx, const struct absence_report_rec *r)
{
	struct report_codes *rc = ctx;
	if ((rc->want & CODE_BIT(r->code)) && rc->n < 64) {
		rc->v[rc->n].id = r->id;
		rc->v[rc->n++].code = r->code;
	}
	return 0;
}

struct overlay {
	struct engine *e;
	struct row_view *v;
	int64_t pupil_id;
	const struct report_codes *reports;
};

static int lay_over(void *ctx, const struct absence_session_rec *x)
{
	struct overlay *o = ctx;
	if (x->pupil_id != o->pupil_id)
		return 0;
	int col = calendar_session_col(&o->e->cal, x->date, x->session);
	if (col < o->v->r.first_col || col >= o->v->r.end_col || o->v->cells[col] != CODE_NONE)
		return 0;
	for (int i = 0; i < o->reports->n; i++)
		if (o->reports->v[i].id == x->report_id) {
			o->v->cells[col] = (uint8_t)o->reports->v[i].code;
			o->v->future++;
		}
	return 0;
}

/* The row's cells with the open transaction's writes, and (when illness
 * codes are given) the sessions families have reported ahead with them
 * that wait for their day. */
static int row_view(struct engine *e, int row, code_set reported, struct row_view *v,
		    struct app_error *err)
{
	const struct pupil_row *p = &e->m.rows[row];
	memset(v, 0, sizeof *v);
	v->cells = malloc((size_t)e->m.n_cols + 1);
	if (!v->cells)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	memcpy(v->cells, matrix_row_cells(&e->m, row), (size_t)e->m.n_cols);
	for (int i = 0; i < e->n_pending; i++) {
		const struct pending_mark *pm = &e->pending[i];
		if (!pm->lesson && pm->row == row)
			v->cells[pm->col] = pm->code;
	}
	v->r = (struct notice_row){v->cells, p->first_col, p->end_col};
	if (!reported)
		return 0;
	struct report_codes rc = {.want = reported};
	struct overlay o = {e, v, p->pupil_id, &rc};
	if (store_absence_reports_each(e->store, e->school.id, DATE_INVALID, p->pupil_id, note_report,
				       &rc) < 0 ||
	    (rc.n && store_absence_pending_each(e->store, e->school.id, date_from_ymd(9999, 12, 31),
						lay_over, &o) < 0)) {
		free(v->cells);
		v->cells = NULL;
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	}
	return 0;
}

/* The school days [*d0, *d1) of the academic year containing day. */
static void year_days(const struct calendar *cal, date_t day, int *d0, int *d1)
{
	struct date_range y;
	range_academic_year(day, &y);
	calendar_day_range(cal, y.from, y.to, d0, d1);
}

/* ---- raising one ---- */

struct raise {
	enum notice_kind kind;
	int64_t pupil_id, enrolment_id;
	const char *forename, *surname, *form;
	date_t key, trigger;
	int days;
	char detail[512];
	const char *ground;
	int64_t contact_id;
};

static const char *task_verb(enum notice_kind k)
{
	switch (k) {
	case NOTICE_CME:
		return "Joint enquiries with the local authority";
	case NOTICE_SOCIAL_WORKER:
		return "Tell the social worker";
	case NOTICE_VIRTUAL_SCHOOL:
		return "Tell the virtual school";
	default:
		return "Tell the local authority";
	}
}

/* The task's person: a role (within no scope: the whole school) or an
 * account by name. An account that has gone falls back to the attendance
 * lead, so a task is never for nobody. */
static int assign(struct store *s, int64_t school_id, const char *who, struct task_rec *t,
		  struct app_error *err)
{
	t->scope_year = YEAR_INVALID;
	if (role_parse(who) >= 0) {
		snprintf(t->assignee_role, sizeof t->assignee_role, "%s", who);
		return 0;
	}
	struct user_rec u;
	int rc = store_user_get(s, who, &u);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	if (rc == 1 || u.school_id != school_id || !u.active) {
		snprintf(t->assignee_role, sizeof t->assignee_role, "%s",
			 role_name(ROLE_ATTENDANCE_LEAD));
		return 0;
	}
	snprintf(t->assignee_user, sizeof t->assignee_user, "%s", u.username);
	snprintf(t->assignee_role, sizeof t->assignee_role, "%s", u.role);
	return 0;
}

static int raise_notice(struct engine *e, const struct notice_settings *s, struct raise *n,
		 const struct actor *who, int *raised, struct app_error *err)
{
	date_t today = clock_today();
	if (!s->enabled[n->kind] || n->trigger < since_of(s, today))
		return 0;
	struct task_rec t = {0};
	t.pupil_id = n->pupil_id;
	snprintf(t.kind, sizeof t.kind, "%s", notice_kind_name(n->kind));
	snprintf(t.title, sizeof t.title, "%s: %s %s (%s): %s", task_verb(n->kind), n->forename,
		 n->surname, n->form, n->detail);
	enum notice_to to = notice_recipient(n->kind);
	if (assign(e->store, e->school.id, to == NOTICE_TO_LA ? s->la_assignee : s->safeguarding_assignee,
		   &t, err) < 0)
		return -1;
	t.absence_date = n->key;
	t.due_date = notice_due_date(&e->cal, n->trigger, notice_due_days(n->kind));
	t.day_number = n->days > 0 ? n->days : 1;
	snprintf(t.created_by, sizeof t.created_by, "%s", who->user);
	clock_iso_utc(clock_now(), t.created_at);
	int rc = store_task_add(e->store, e->school.id, &t);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return 0; /* raised before: its task is there */
	struct notification_rec rec = {0};
	rec.pupil_id = n->pupil_id;
	rec.enrolment_id = n->enrolment_id;
	snprintf(rec.kind, sizeof rec.kind, "%s", notice_kind_name(n->kind));
	rec.key_date = n->key;
	rec.trigger_date = n->trigger;
	rec.due_date = t.due_date;
	rec.days = n->days;
	snprintf(rec.detail, sizeof rec.detail, "%s", n->detail);
	snprintf(rec.ground, sizeof rec.ground, "%s", n->ground ? n->ground : "");
	rec.contact_id = n->contact_id;
	rec.task_id = t.id;
	snprintf(rec.raised_by, sizeof rec.raised_by, "%s", who->user);
	memcpy(rec.raised_at, t.created_at, sizeof rec.raised_at);
	rc = store_notification_add(e->store, e->school.id, &rec);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 0 && raised)
		(*raised)++;
	return 0;
}

static void raise_for_row(struct raise *n, const struct engine *e, int row, enum notice_kind kind)
{
	const struct pupil_row *p = &e->m.rows[row];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->pupil_id = p->pupil_id;
	n->enrolment_id = p->enrolment_id;
	n->forename = p->forename;
	n->surname = p->surname;
	n->form = e->m.forms[p->form];
}

/* ---- the rules on one row ---- */

static void run_text(const struct engine *e, struct notice_run run, char *buf, size_t len)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	snprintf(buf, len, "%s to %s", date_format(e->cal.school_days[run.first], a),
		 date_format(e->cal.school_days[run.last], b));
}

/* A run reaching a threshold (unauthorised or CME), raised on the school
 * day it reached it. */
static int raise_run(struct engine *e, const struct notice_settings *s, int row,
		     enum notice_kind kind, struct notice_run run, int threshold,
		     const struct actor *who, int *raised, struct app_error *err)
{
	struct raise n;
	char span[64];
	raise_for_row(&n, e, row, kind);
	n.key = e->cal.school_days[run.first];
	n.trigger = e->cal.school_days[run.first + threshold - 1];
	n.days = run.days;
	run_text(e, run, span, sizeof span);
	snprintf(n.detail, sizeof n.detail,
		 "absent without authorisation %d school days in a row (%s, so far)", run.days, span);
	if (kind == NOTICE_CME)
		snprintf(n.detail + strlen(n.detail), sizeof n.detail - strlen(n.detail),
			 ": the school and the local authority make reasonable enquiries into where "
			 "the pupil is before the name may be deleted (regulation 9(1)(i))");
	return raise_notice(e, s, &n, who, raised, err);
}

/* Illness over the school year of `day`, future known days included. */
static int check_illness(struct engine *e, const struct notice_settings *s, int row,
			 const struct row_view *v, date_t day, const struct actor *who,
			 int *raised, struct app_error *err)
{
	int d0, d1;
	year_days(&e->cal, day, &d0, &d1);
	struct notice_illness ill;
	if (!notice_illness_due(s, &v->r, d0, d1, &ill))
		return 0;
	int met = notice_illness_met_on(s, &v->r, d0, d1);
	struct raise n;
	struct date_range y;
	char span[64], label[8];
	range_academic_year(day, &y);
	raise_for_row(&n, e, row, NOTICE_ILLNESS);
	n.key = y.from;
	date_t met_day = met >= 0 ? e->cal.school_days[met] : day;
	n.trigger = met_day < day ? met_day : day;
	n.days = ill.days > ill.longest.days ? ill.days : ill.longest.days;
	char stretch[96] = "no two of them in a row";
	if (ill.longest.days > 1) {
		run_text(e, ill.longest, span, sizeof span);
		snprintf(stretch, sizeof stretch, "the longest stretch %d days in a row (%s)",
			 ill.longest.days, span);
	}
	date_academic_year_label(date_academic_year(day), label);
	snprintf(n.detail, sizeof n.detail,
		 "will miss %d school day%s through illness in %s (%d session%s), %s%s", ill.days,
		 ill.days == 1 ? "" : "s", label, ill.sessions, ill.sessions == 1 ? "" : "s", stretch,
		 v->future ? ", counting the days the family has reported ahead" : "");
	return raise_notice(e, s, &n, who, raised, err);
}

struct contact_pick {
	const char *relationship;
	struct contact_rec c;
	bool found;
};

static int pick_contact(void *ctx, const struct contact_rec *c)
{
	struct contact_pick *p = ctx;
	if (!p->found && !c->do_not_contact && strcmp(c->relationship, p->relationship) == 0) {
		p->c = *c;
		p->found = true;
	}
	return 0;
}

/* An unexplained absence (N) on school day idx: the social worker's and
 * the virtual school's notices, keyed on the run's first day. */
static int check_first_day(struct engine *e, const struct notice_settings *s, int row,
			   const struct row_view *v, int idx, const struct actor *who, int *raised,
			   struct app_error *err)
{
	const struct pupil_row *p = &e->m.rows[row];
	int first = idx;
	while (first >= 0 && 2 * first >= p->first_col &&
	       (v->cells[2 * first] == CODE_N || v->cells[2 * first + 1] == CODE_N))
		first--;
	first++;
	if (first > idx)
		return 0;
	static const enum notice_kind kinds[] = {NOTICE_SOCIAL_WORKER, NOTICE_VIRTUAL_SCHOOL};
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		struct contact_pick pick = {notice_relationship(kinds[k])};
		if (store_contacts_each(e->store, e->school.id, p->pupil_id, pick_contact, &pick) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		bool due = kinds[k] == NOTICE_VIRTUAL_SCHOOL ? p->looked_after
							    : pick.found || p->cin || p->cp || p->looked_after;
		if (!due)
			continue;
		struct raise n;
		char d[DATE_ISO_LEN];
		raise_for_row(&n, e, row, kinds[k]);
		n.key = e->cal.school_days[first];
		n.trigger = n.key;
		n.days = idx - first + 1;
		n.contact_id = pick.found ? pick.c.id : 0;
		int len = snprintf(n.detail, sizeof n.detail, "absent with no reason on %s",
				   date_format(n.key, d));
		if (pick.found)
			snprintf(n.detail + len, sizeof n.detail - (size_t)len, " (to %s, %s)",
				 pick.c.name, pick.c.relationship);
		else
			snprintf(n.detail + len, sizeof n.detail - (size_t)len,
				 " (no %s in the pupil's contacts: add one, or tell them another way)",
				 notice_relationship(kinds[k]));
		if (raise_notice(e, s, &n, who, raised, err) < 0)
			return -1;
	}
	return 0;
}

/* The first-day notices of a day whose N has gone (a reason came) and
 * that were not sent: withdrawn, with their tasks. */
struct withdraw {
	struct engine *e;
	date_t day;
	const char *by, *outcome;
	int64_t ids[8], tasks[8];
	int n;
};

static int note_withdraw(void *ctx, const struct notification_rec *rec)
{
	struct withdraw *w = ctx;
	int k = notice_kind_parse(rec->kind);
	if ((k == NOTICE_SOCIAL_WORKER || k == NOTICE_VIRTUAL_SCHOOL) && rec->key_date == w->day &&
	    w->n < 8) {
		w->ids[w->n] = rec->id;
		w->tasks[w->n++] = rec->task_id;
	}
	return 0;
}

static int withdraw_first_day(struct engine *e, int row, const struct mark_input *in,
			      const struct actor *who, struct app_error *err)
{
	int idx = calendar_day_index(&e->cal, in->date);
	if (idx < 0 || engine_cell(e, row, 2 * idx) == CODE_N ||
	    engine_cell(e, row, 2 * idx + 1) == CODE_N)
		return 0;
	char now[CLOCK_ISO_LEN], outcome[160];
	clock_iso_utc(clock_now(), now);
	snprintf(outcome, sizeof outcome, "the absence has a reason now (%s, by %s)",
		 code_text(in->code, in->session), who->user);
	struct withdraw w = {e, in->date, who->user, outcome, {0}, {0}, 0};
	if (store_notifications_each(e->store, e->school.id, "open", e->m.rows[row].pupil_id,
				     note_withdraw, &w) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	for (int i = 0; i < w.n; i++)
		if (store_notification_finish(e->store, e->school.id, w.ids[i], "withdrawn", NULL, 0, NULL,
					      NULL, who->user, now, outcome) < 0 ||
		    (w.tasks[i] && store_task_finish(e->store, e->school.id, w.tasks[i], "closed",
						     who->user, now, outcome, 0) < 0))
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

/* Every rule on one row as of school day idx (today's). */
static int check_row(struct engine *e, const struct notice_settings *s, int row, int idx,
		     code_set codes, const struct actor *who, int *raised, struct app_error *err)
{
	struct row_view v;
	bool ill = (codes & s->illness) && s->enabled[NOTICE_ILLNESS];
	if (row_view(e, row, ill ? s->illness : 0, &v, err) < 0)
		return -1;
	int rc = 0;
	struct notice_run run;
	if ((codes & s->unauthorised) && notice_unauthorised_due(s, &v.r, idx, &run))
		rc = raise_run(e, s, row, NOTICE_UNAUTHORISED, run, s->unauthorised_days, who, raised, err);
	if (rc == 0 && (codes & notice_cme_codes()) && notice_cme_due(s, &v.r, idx, &run))
		rc = raise_run(e, s, row, NOTICE_CME, run, s->cme_days, who, raised, err);
	if (rc == 0 && ill)
		rc = check_illness(e, s, row, &v, e->cal.school_days[idx], who, raised, err);
	if (rc == 0 && (codes & CODE_BIT(CODE_N)))
		rc = check_first_day(e, s, row, &v, idx, who, raised, err);
	free(v.cells);
	return rc;
}

int notices_after_mark(struct engine *e, int row, const struct mark_input *in, enum code before,
		       const struct actor *who, struct app_error *err)
{
	enum code_category cat = code_category(in->code);
	bool today = in->date == clock_today() && (cat == CAT_AUTHORISED || cat == CAT_UNAUTHORISED);
	bool n_gone = before == CODE_N && in->code != CODE_N;
	if (!today && !n_gone)
		return 0;
	if (n_gone && withdraw_first_day(e, row, in, who, err) < 0)
		return -1;
	if (!today)
		return 0;
	struct notice_settings s;
	if (notices_settings_load(e->store, e->school.id, NULL, NULL, &s, err) < 0)
		return -1;
	int idx = calendar_day_index(&e->cal, in->date);
	return idx < 0 ? 0 : check_row(e, &s, row, idx, CODE_BIT(in->code), who, NULL, err);
}

int notices_after_report(struct engine *e, int row, const struct actor *who, struct app_error *err)
{
	struct notice_settings s;
	if (notices_settings_load(e->store, e->school.id, NULL, NULL, &s, err) < 0)
		return -1;
	if (!s.enabled[NOTICE_ILLNESS])
		return 0;
	struct row_view v;
	if (row_view(e, row, s.illness, &v, err) < 0)
		return -1;
	int rc = check_illness(e, &s, row, &v, clock_today(), who, NULL, err);
	free(v.cells);
	return rc;
}

/* ---- the admission register ---- */

/* The youngest and oldest year groups on roll in the academic year of
 * day (with the pupil's own), and the first and last school days of it. */
static void school_span(const struct engine *e, const struct pupil_rec *p, date_t day, int *youngest,
			int *oldest, date_t *first, date_t *last)
{
	struct date_range y;
	range_academic_year(day, &y);
	*youngest = *oldest = p->year;
	for (int r = 0; r < e->m.n_rows; r++) {
		const struct pupil_row *q = &e->m.rows[r];
		if (q->admitted > y.to || q->left < y.from)
			continue;
		if (q->year < *youngest)
			*youngest = q->year;
		if (q->year > *oldest)
			*oldest = q->year;
	}
	int d0, d1;
	calendar_day_range(&e->cal, y.from, y.to, &d0, &d1);
	*first = d1 > d0 ? e->cal.school_days[d0] : DATE_INVALID;
	*last = range_last_school_day_of_year(&e->cal, day);
}

int notices_after_enrolment(struct engine *e, const struct pupil_rec *p, bool added, bool leaving,
			    const char *ground, const char *detail, const struct actor *who,
			    struct app_error *err)
{
	char now[CLOCK_ISO_LEN], stored[16] = "";
	clock_iso_utc(clock_now(), now);
	if (ground && *ground && p->left != DATE_INVALID &&
	    notices_ground_of(e->store, e->school.id, p->enrolment_id, stored, err) < 0)
		return -1;
	/* a ground is kept once, and again only when it changes */
	if (ground && *ground && p->left != DATE_INVALID && strcmp(stored, ground) != 0) {
		struct leaving_ground_rec g = {0};
		g.pupil_id = p->pupil_id;
		g.enrolment_id = p->enrolment_id;
		g.left_date = p->left;
		snprintf(g.ground, sizeof g.ground, "%s", ground);
		snprintf(g.detail, sizeof g.detail, "%s", detail ? detail : "");
		snprintf(g.recorded_by, sizeof g.recorded_by, "%s", who->user);
		memcpy(g.recorded_at, now, sizeof g.recorded_at);
		snprintf(g.source, sizeof g.source, "%s", who->source);
		if (store_leaving_ground_add(e->store, e->school.id, &g) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	}
	if (!added && !leaving)
		return 0;
	struct notice_settings s;
	if (notices_settings_load(e->store, e->school.id, NULL, NULL, &s, err) < 0)
		return -1;
	struct raise n = {0};
	char d[DATE_ISO_LEN];
	n.pupil_id = p->pupil_id;
	n.enrolment_id = p->enrolment_id;
	n.forename = p->forename;
	n.surname = p->surname;
	n.form = p->form;
	n.days = 1;
	int youngest, oldest;
	date_t first, last;
	if (added) {
		school_span(e, p, p->admitted, &youngest, &oldest, &first, &last);
		if (!notice_addition_exempt(p->year, youngest, p->admitted, first)) {
			n.kind = NOTICE_ADMISSION;
			n.key = n.trigger = p->admitted;
			snprintf(n.detail, sizeof n.detail, "added to the admission register on %s (year %s)",
				 date_format(p->admitted, d), year_name(p->year));
			if (raise_notice(e, &s, &n, who, NULL, err) < 0)
				return -1;
		}
	}
	if (leaving && p->left != DATE_INVALID) {
		school_span(e, p, p->left, &youngest, &oldest, &first, &last);
		if (last != DATE_INVALID && notice_deletion_exempt(p->year, oldest, p->left, last))
			return 0;
		const struct leaving_ground *g = leaving_ground_find(ground);
		n.kind = NOTICE_DELETION;
		n.key = n.trigger = p->left;
		n.ground = g ? g->code : "";
		int len = snprintf(n.detail, sizeof n.detail, "leaves the admission register on %s: ",
				   date_format(p->left, d));
		if (g)
			snprintf(n.detail + len, sizeof n.detail - (size_t)len, "%s %s%s%s", g->code,
				 g->label, detail && *detail ? "; " : "", detail ? detail : "");
		else
			snprintf(n.detail + len, sizeof n.detail - (size_t)len,
				 "the ground is not recorded yet");
		if (raise_notice(e, &s, &n, who, NULL, err) < 0)
			return -1;
	}
	return 0;
}

/* ---- catching up ---- */

int notices_run(struct engine *e, date_t today, const struct actor *who, int *raised,
		struct app_error *err)
{
	*raised = 0;
	struct notice_settings s;
	if (notices_settings_load(e->store, e->school.id, NULL, NULL, &s, err) < 0)
		return -1;
	int d0, d1, ti = range_school_day_at_or_before(&e->cal, today);
	year_days(&e->cal, today, &d0, &d1);
	if (ti < d0)
		return 0; /* no school day of this year has come yet */
	if (engine_begin(e, err) < 0)
		return -1;
	int rc = 0;
	for (int row = 0; row < e->m.n_rows && rc == 0; row++) {
		struct row_view v;
		if (row_view(e, row, s.enabled[NOTICE_ILLNESS] ? s.illness : 0, &v, err) < 0) {
			rc = -1;
			break;
		}
		/* every run of the year up to today that reached a threshold */
		for (int d = d0; d <= ti && rc == 0;) {
			struct notice_run run = notice_run_at(&v.r, d, s.unauthorised);
			if (run.last > ti)
				run.days -= run.last - ti, run.last = ti;
			if (run.days >= s.unauthorised_days)
				rc = raise_run(e, &s, row, NOTICE_UNAUTHORISED, run, s.unauthorised_days, who,
					       raised, err);
			d = run.days ? run.last + 1 : d + 1;
		}
		for (int d = d0; d <= ti && rc == 0;) {
			struct notice_run run = notice_run_at(&v.r, d, notice_cme_codes());
			if (run.last > ti)
				run.days -= run.last - ti, run.last = ti;
			if (run.days >= s.cme_days)
				rc = raise_run(e, &s, row, NOTICE_CME, run, s.cme_days, who, raised, err);
			d = run.days ? run.last + 1 : d + 1;
		}
		if (rc == 0 && s.enabled[NOTICE_ILLNESS])
			rc = check_illness(e, &s, row, &v, today, who, raised, err);
		if (rc == 0 && e->cal.school_days[ti] == today)
			rc = check_first_day(e, &s, row, &v, ti, who, raised, err);
		free(v.cells);
	}
	return engine_end(e, rc, err);
}
