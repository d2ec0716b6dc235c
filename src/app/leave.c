#include "app/leave.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/analytics.h"
#include "app/clock.h"
#include "app/family_reports.h"
#include "app/family_text.h"
#include "comms/lang.h"
#include "comms/message.h"

bool leave_code_allowed(enum code c)
{
	static const enum code ok[] = {CODE_C, CODE_C1, CODE_M, CODE_J1, CODE_S, CODE_T, CODE_R};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		if (ok[i] == c)
			return true;
	return false;
}

int leave_deciders_parse(const char *text, unsigned *roles, char *why, size_t why_len)
{
	*roles = 0;
	char copy[256];
	snprintf(copy, sizeof copy, "%s", text ? text : "");
	for (char *save = NULL, *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
		int r = role_parse(t);
		if (r != ROLE_HEAD && r != ROLE_ATTENDANCE_LEAD && r != ROLE_ADMIN) {
			snprintf(why, why_len,
				 "'%s' is not head, attendance_lead or admin (the roles that may "
				 "decide leave)",
				 t);
			return -1;
		}
		*roles |= ROLE_BIT(r);
	}
	if (!*roles) {
		snprintf(why, why_len, "name at least one role: head, attendance_lead or admin");
		return -1;
	}
	return 0;
}

int leave_deciders_load(struct store *s, int64_t school_id, unsigned *roles,
			struct app_error *err)
{
	char text[256], why[160];
	int rc = store_setting_get(s, school_id, "leave_deciders", text, sizeof text);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "reading setting leave_deciders: %s",
				store_error(s));
	if (leave_deciders_parse(rc == 1 ? LEAVE_DEFAULT_DECIDERS : text, roles, why, sizeof why) < 0)
		return app_fail(err, ERR_INPUT, "leave_deciders", "setting leave_deciders: %s", why);
	return 0;
}

char *leave_dates_text(const char *lang, date_t from, enum session fs, date_t to, enum session ts,
		       char *buf, size_t len)
{
	char a[64], b[64], a2[96], b2[96];
	lang_date(lang, from, a, sizeof a);
	lang_date(lang, to, b, sizeof b);
	if (from == to) {
		if (fs == ts)
			return ftf(buf, len, lang, fs == SESSION_AM ? FT_DATES_AM : FT_DATES_PM, a);
		snprintf(buf, len, "%s", a);
		return buf;
	}
	if (fs == SESSION_PM)
		ftf(a2, sizeof a2, lang, FT_DATES_PM, a);
	else
		snprintf(a2, sizeof a2, "%s", a);
	if (ts == SESSION_AM)
		ftf(b2, sizeof b2, lang, FT_DATES_AM, b);
	else
		snprintf(b2, sizeof b2, "%s", b);
	return ftf(buf, len, lang, FT_DATES_RANGE, a2, b2);
}

int leave_request_check(const struct engine *e, const struct family_child *ch,
			const struct leave_request_input *in, const char *lang, date_t today,
			struct leave_request_rec *out, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	const char *reason = in->reason ? in->reason : "";
	if (strlen(reason) < 3)
		return app_fail(err, ERR_INPUT, "reason", "%s", ft(lang, FT_ERR_LEAVE_REASON));
	if (strlen(reason) >= sizeof out->reason)
		return app_fail(err, ERR_INPUT, "reason", ft(lang, FT_ERR_LEAVE_LONG),
				(int)sizeof out->reason - 1);
	if (in->to * 2 + (int)in->to_session < in->from * 2 + (int)in->from_session)
		return app_fail(err, ERR_INPUT, "to", "%s", ft(lang, FT_ERR_ENDS_BEFORE));
	if (in->from <= today)
		return app_fail(err, ERR_INPUT, "from", "%s", ft(lang, FT_ERR_LEAVE_PAST));
	if (in->to > today + LEAVE_DAYS_AHEAD)
		return app_fail(err, ERR_INPUT, "to", "%s", ft(lang, FT_ERR_LEAVE_TOO_FAR));
	int n = family_sessions_each(e, ch->pupil_id, in->from, in->from_session, in->to,
				     in->to_session, NULL, NULL);
	if (n == 0) {
		char a[64], b[64];
		return app_fail(err, ERR_INPUT, "from", ft(lang, FT_ERR_NO_LEAVE_DAYS),
				lang_date(lang, in->from, a, sizeof a), lang_date(lang, in->to, b, sizeof b));
	}
	family_child_as(ch, &out->pupil_id, &out->contact_id, out->requested_by,
			sizeof out->requested_by);
	out->from_date = in->from;
	out->from_session = in->from_session;
	out->to_date = in->to;
	out->to_session = in->to_session;
	out->sessions = n;
	snprintf(out->reason, sizeof out->reason, "%s", reason);
	return 0;
}

struct leave_overlap {
	int64_t a0, a1, with;
};

static int leave_clash(void *ctx, const struct leave_request_rec *r)
{
	struct leave_overlap *o = ctx;
	if (strcmp(r->status, "requested") != 0 && strcmp(r->status, "granted") != 0)
		return 0;
	int64_t b0 = (int64_t)r->from_date * 2 + r->from_session,
		b1 = (int64_t)r->to_date * 2 + r->to_session;
	if (!o->with && b0 <= o->a1 && o->a0 <= b1)
		o->with = r->id;
	return 0;
}

int leave_request_write(struct engine *e, struct leave_request_rec *r, const char *lang,
			const char *by, struct app_error *err)
{
	struct leave_overlap o = {(int64_t)r->from_date * 2 + r->from_session,
				  (int64_t)r->to_date * 2 + r->to_session, 0};
	if (store_leave_requests_each(e->store, e->school.id, NULL, r->pupil_id, leave_clash, &o) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (o.with)
		return app_fail(err, ERR_CONFLICT, "from", ft(lang, FT_ERR_LEAVE_OVERLAP),
				(long long)o.with);
	clock_iso_utc(clock_now(), r->requested_at);
	char detail[160], a[DATE_ISO_LEN];
	snprintf(detail, sizeof detail, "leave requested from %s (%d sessions)",
		 date_format(r->from_date, a), r->sessions);
	if (store_leave_request_insert(e->store, e->school.id, r) < 0 ||
	    store_audit(e->store, e->school.id, r->requested_at, by, "leave request", detail) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

static int load_request(struct engine *e, int64_t id, struct leave_request_rec *r,
			struct app_error *err)
{
	int rc = store_leave_request_get(e->store, e->school.id, id, r);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, "id", "there is no leave request #%lld",
				(long long)id);
	return 0;
}

static int record_decision(struct engine *e, struct leave_decision_rec *d, struct app_error *err)
{
	int rc = store_leave_decide(e->store, e->school.id, d);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, "id", "leave request #%lld was decided meanwhile",
				(long long)d->request_id);
	char detail[160];
	snprintf(detail, sizeof detail, "leave request #%lld %s%s%s", (long long)d->request_id,
		 d->decision, d->code != CODE_NONE ? " as " : "",
		 d->code != CODE_NONE ? code_text(d->code, SESSION_AM) : "");
	if (store_audit(e->store, e->school.id, d->decided_at, d->decided_by, "leave decision",
			detail) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

int leave_withdraw_write(struct engine *e, int64_t id, const struct account *who,
			 const char *lang, struct app_error *err)
{
	struct leave_request_rec r;
	int rc = store_leave_request_get(e->store, e->school.id, id, &r);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1 || r.user_id != who->id)
		return app_fail(err, ERR_NOT_FOUND, "id", "%s", ft(lang, FT_ERR_NO_SUCH_REPORT));
	if (strcmp(r.status, "requested") != 0)
		return app_fail(err, ERR_CONFLICT, "id", "%s", ft(lang, FT_ERR_ALREADY_DECIDED));
	struct leave_decision_rec d = {.request_id = id, .code = CODE_NONE};
	snprintf(d.decision, sizeof d.decision, "withdrawn");
	snprintf(d.reason, sizeof d.reason, "withdrawn by the parent");
	snprintf(d.decided_by, sizeof d.decided_by, "%s", who->username);
	snprintf(d.decided_role, sizeof d.decided_role, "%s", role_name(who->role));
	clock_iso_utc(clock_now(), d.decided_at);
	return record_decision(e, &d, err);
}

/* Writes the leave code on one session, or keeps the mark it has. */
struct grant_ctx {
	struct engine *e;
	const struct leave_request_rec *r;
	enum code code;
	const struct actor *who;
	const char *reason;
	struct app_error *err;
};

static int grant_session(void *ctx, date_t day, enum session s, int row)
{
	struct grant_ctx *g = ctx;
	struct engine *e = g->e;
	struct leave_session_rec x = {.request_id = g->r->id, .date = day, .session = s};
	struct mark_rec cur;
	int rc = store_mark_get(e->store, e->school.id, g->r->pupil_id, day, s, &cur);
	if (rc < 0)
		return app_fail(g->err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 0 && cur.code != CODE_N && cur.code != CODE_O && cur.code != g->code) {
		snprintf(x.state, sizeof x.state, "kept");
		snprintf(x.detail, sizeof x.detail, "already marked %s (%s): kept",
			 code_text(cur.code, s), code_category_name(code_category(cur.code)));
	} else {
		struct mark_input in = {.upn = e->m.rows[row].upn, .date = day, .session = s,
					.code = g->code, .minutes_late = -1};
		enum mark_outcome o;
		if (marks_write(e, &in, g->who, g->reason, true, &o, g->err) < 0)
			return -1;
		snprintf(x.state, sizeof x.state, "applied");
		if (o == MARK_AMENDED)
			snprintf(x.detail, sizeof x.detail, "was %s: amended to %s",
				 code_text(cur.code, s), code_text(g->code, s));
		else
			snprintf(x.detail, sizeof x.detail, "recorded %s", code_text(g->code, s));
	}
	if (store_leave_session_insert(e->store, e->school.id, &x) < 0)
		return app_fail(g->err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

/* The decision's letter to the parent who asked: queued, or why not. */
static int send_letter(struct engine *e, const struct leave_request_rec *r,
		       struct leave_decision_rec *d, struct app_error *err)
{
	struct contact_rec c;
	bool removed = true;
	int rc = r->contact_id ? store_contact_get(e->store, e->school.id, r->contact_id, &c, &removed)
			       : 1;
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1 || removed) {
		snprintf(d->letter_note, sizeof d->letter_note,
			 "no letter: the parent who asked is no longer one of the pupil's contacts");
		return 0;
	}
	int row = engine_row_of_id(e, r->pupil_id, DATE_INVALID, -1);
	struct wording_settings ws;
	if (row < 0 || analytics_settings_load(e->store, e->school.id, &ws, err) < 0)
		return row < 0 ? app_fail(err, ERR_INTERNAL, NULL, "the pupil is missing") : -1;
	const char *lang = lang_has_templates(c.language) ? c.language : "en";
	char dates[300], days[128];
	leave_dates_text(lang, r->from_date, r->from_session, r->to_date, r->to_session, dates,
			 sizeof dates);
	lang_days_lessons(lang, r->sessions, ws.lessons_per_day, days, sizeof days);
	bool granted = strcmp(d->decision, "granted") == 0;
	struct message_request mr = {
		.template_name = granted ? LEAVE_TEMPLATE_GRANTED : LEAVE_TEMPLATE_REFUSED,
		.upn = e->m.rows[row].upn, .contact_priority = c.priority};
	mr.supplied[TF_LEAVE_DATES] = dates;
	mr.supplied[TF_LEAVE_DAYS_LESSONS] = days;
	mr.supplied[TF_LEAVE_REASON] = r->reason;
	mr.supplied[TF_LEAVE_DECISION_REASON] = d->reason;
	struct message m;
	struct app_error why = {0};
	if (message_compose(e, &mr, clock_today(), &m, &why) < 0) {
		if (why.kind == ERR_INTERNAL) {
			*err = why;
			return -1;
		}
		/* The decision stands; the office sees why no letter went. */
		snprintf(d->letter_note, sizeof d->letter_note, "no letter: %s", why.message);
		return 0;
	}
	rc = message_queue_write(e, &m, d->decided_by, &d->outbox_id, err);
	message_free(&m);
	return rc;
}

int leave_decide_write(struct engine *e, const struct leave_decision_input *in,
		       const struct account *who, struct leave_decision_rec *d,
		       struct app_error *err)
{
	memset(d, 0, sizeof *d);
	unsigned deciders;
	if (leave_deciders_load(e->store, e->school.id, &deciders, err) < 0)
		return -1;
	if (!(deciders & ROLE_BIT(who->role)))
		return app_fail(err, ERR_FORBIDDEN, "decision",
				"leave is decided by the head teacher (setting leave_deciders): your "
				"account (%s) can't decide it",
				role_name(who->role));
	const char *reason = in->reason ? in->reason : "";
	if (!reason[0])
		return app_fail(err, ERR_INPUT, "reason",
				"give the reason for the decision: the parent reads it in the letter");
	if (strlen(reason) >= sizeof d->reason)
		return app_fail(err, ERR_INPUT, "reason", "the reason is longer than %d characters",
				(int)sizeof d->reason - 1);
	enum code code = CODE_NONE;
	if (in->grant) {
		code = in->code == CODE_NONE ? CODE_C : in->code;
		if (!leave_code_allowed(code))
			return app_fail(err, ERR_INPUT, "code", "code %s is not a leave code (" LEAVE_CODES ")",
					code_text(code, SESSION_AM));
	} else if (in->code != CODE_NONE) {
		return app_fail(err, ERR_INPUT, "code", "a refusal records no code");
	}
	struct leave_request_rec r;
	if (load_request(e, in->id, &r, err) < 0)
		return -1;
	if (strcmp(r.status, "requested") != 0)
		return app_fail(err, ERR_CONFLICT, "id", "leave request #%lld is %s already",
				(long long)in->id, r.status);
	d->request_id = r.id;
	snprintf(d->decision, sizeof d->decision, "%s", in->grant ? "granted" : "refused");
	d->code = code;
	snprintf(d->reason, sizeof d->reason, "%s", reason);
	snprintf(d->decided_by, sizeof d->decided_by, "%s", who->username);
	snprintf(d->decided_role, sizeof d->decided_role, "%s", role_name(who->role));
	clock_iso_utc(clock_now(), d->decided_at);
	if (in->grant) {
		char why[1200], source[48];
		snprintf(why, sizeof why, "leave request #%lld granted by %s: %s", (long long)r.id,
			 who->username, reason);
		snprintf(source, sizeof source, "leave:%lld", (long long)r.id);
		struct actor a = {who->username, source};
		struct grant_ctx g = {e, &r, code, &a, why, err};
		if (family_sessions_each(e, r.pupil_id, r.from_date, r.from_session, r.to_date,
					 r.to_session, grant_session, &g) < 0)
			return -1;
	}
	if (send_letter(e, &r, d, err) < 0)
		return -1;
	return record_decision(e, d, err);
}

/* ---- refused leave that was taken ---- */

struct refused_list {
	struct leave_request_rec *v;
	int n;
};

static int collect_refused(void *ctx, const struct leave_request_rec *r)
{
	struct refused_list *l = ctx;
	struct leave_request_rec *v = realloc(l->v, (size_t)(l->n + 1) * sizeof *v);
	if (!v)
		return -1;
	l->v = v;
	l->v[l->n++] = *r;
	return 0;
}

struct unauth_ctx {
	const struct engine *e;
	int64_t request_id;
	date_t upto;
	int (*cb)(void *ctx, const struct leave_unauthorised *u);
	void *ctx;
	int n;
};

static int unauth_session(void *ctx, date_t day, enum session s, int row)
{
	struct unauth_ctx *u = ctx;
	if (day > u->upto)
		return 0;
	int col = calendar_session_col(&u->e->cal, day, s);
	enum code c = (enum code)matrix_row_cells(&u->e->m, row)[col];
	if (c != CODE_N && c != CODE_O)
		return 0;
	u->n++;
	struct leave_unauthorised x = {u->request_id, row, day, s, c};
	return u->cb ? u->cb(u->ctx, &x) : 0;
}

int leave_unauthorised_each(struct store *s, const struct engine *e, date_t upto,
			    int (*cb)(void *ctx, const struct leave_unauthorised *u), void *ctx,
			    struct app_error *err)
{
	struct refused_list l = {0};
	if (store_leave_requests_each(s, e->school.id, "refused", 0, collect_refused, &l) < 0) {
		free(l.v);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	}
	struct unauth_ctx u = {e, 0, upto, cb, ctx, 0};
	int rc = 0;
	for (int i = 0; i < l.n && rc >= 0; i++) {
		u.request_id = l.v[i].id;
		rc = family_sessions_each(e, l.v[i].pupil_id, l.v[i].from_date, l.v[i].from_session,
					  l.v[i].to_date, l.v[i].to_session, unauth_session, &u);
	}
	free(l.v);
	if (rc < 0)
		return err->kind ? -1 : app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	return u.n;
}

struct apply_g {
	struct engine *e;
	const struct actor *who;
	const char *reason;
	int applied;
	struct app_error *err;
};

static int apply_g_session(void *ctx, date_t day, enum session s, int row)
{
	struct apply_g *g = ctx;
	struct engine *e = g->e;
	if (day > clock_today())
		return 0;
	int col = calendar_session_col(&e->cal, day, s);
	enum code c = (enum code)matrix_row_cells(&e->m, row)[col];
	if (c != CODE_N && c != CODE_O)
		return 0;
	struct mark_input in = {.upn = e->m.rows[row].upn, .date = day, .session = s,
				.code = CODE_G, .minutes_late = -1};
	enum mark_outcome o;
	if (marks_write(e, &in, g->who, g->reason, true, &o, g->err) < 0)
		return -1;
	g->applied++;
	return 0;
}

int leave_apply_g_write(struct engine *e, int64_t request_id, const struct actor *who,
			int *applied, struct app_error *err)
{
	*applied = 0;
	struct leave_request_rec r;
	if (load_request(e, request_id, &r, err) < 0)
		return -1;
	if (strcmp(r.status, "refused") != 0)
		return app_fail(err, ERR_CONFLICT, "id",
				"leave request #%lld is %s, not refused: G is for leave not agreed",
				(long long)request_id, r.status);
	struct leave_decision_rec d;
	if (store_leave_decision_get(e->store, e->school.id, request_id, &d) != 0)
		return app_fail(err, ERR_INTERNAL, NULL, "the decision of leave request #%lld is missing",
				(long long)request_id);
	char reason[700], when[CLOCK_ISO_LEN];
	snprintf(reason, sizeof reason,
		 "absent on a day of leave refused by %s on %.10s (leave request #%lld): %s",
		 d.decided_by, clock_local_display(d.decided_at, when), (long long)request_id,
		 d.reason);
	struct apply_g g = {e, who, reason, 0, err};
	if (family_sessions_each(e, r.pupil_id, r.from_date, r.from_session, r.to_date, r.to_session,
				 apply_g_session, &g) < 0)
		return -1;
	if (g.applied == 0)
		return app_fail(err, ERR_CONFLICT, "id",
				"no session of leave request #%lld is marked N or O up to today: "
				"nothing to change",
				(long long)request_id);
	*applied = g.applied;
	return 0;
}
