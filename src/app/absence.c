#include "app/absence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/notices.h"
#include "app/contacts.h"

bool absence_code_allowed(enum code c)
{
	static const enum code ok[] = {CODE_I, CODE_M, CODE_R, CODE_J1, CODE_S, CODE_T,
				       CODE_O, CODE_Y1, CODE_Y2, CODE_Y6, CODE_Y7};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		if (ok[i] == c)
			return true;
	return false;
}

bool absence_channel_ok(const char *channel)
{
	static const char *ok[] = {"call", "text", "email", "app", "in_person", "letter"};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		if (channel && strcmp(channel, ok[i]) == 0)
			return true;
	return false;
}

/* Marks a report's session may replace: no reason is known yet. */
static bool replaceable(enum code c)
{
	return c == CODE_N || c == CODE_O;
}

static bool attended(enum code c)
{
	enum code_category cat = code_category(c);
	return cat == CAT_PRESENT || cat == CAT_APPROVED || c == CODE_U;
}

/* The amendment's reason: the report, who gave it and how. */
static void report_reason(const struct absence_report_rec *r, char *buf, size_t len)
{
	snprintf(buf, len, "absence report #%lld from %s (%s)%s%s", (long long)r->id, r->reported_by,
		 r->channel, r->note[0] ? ": " : "", r->note);
}

/* Writes the report's code on one session whose time has come (or whose
 * code may be recorded ahead); says what happened in state and detail. */
static int apply_session(struct engine *e, const struct absence_report_rec *r, const char *upn,
			 date_t day, enum session session, const struct actor *who, char *state,
			 char *detail, size_t dlen, struct absence_outcome *out, struct app_error *err)
{
	struct mark_rec cur;
	int rc = store_mark_get(e->store, e->school.id, r->pupil_id, day, session, &cur);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	const char *code = code_text(r->code, session);
	if (rc == 0 && cur.code != r->code && !replaceable(cur.code)) {
		snprintf(state, 12, "kept");
		snprintf(detail, dlen, "already marked %s (%s): kept", code_text(cur.code, session),
			 code_category_name(code_category(cur.code)));
		if (out)
			out->kept++;
		return 0;
	}
	char reason[700];
	report_reason(r, reason, sizeof reason);
	struct mark_input in = {.upn = upn, .date = day, .session = session, .code = r->code,
				.minutes_late = -1};
	enum mark_outcome o;
	if (marks_write(e, &in, who, reason, true, &o, err) < 0)
		return -1;
	snprintf(state, 12, "applied");
	if (o == MARK_AMENDED)
		snprintf(detail, dlen, "was %s: amended to %s", code_text(cur.code, session), code);
	else if (o == MARK_NEW)
		snprintf(detail, dlen, "recorded %s", code);
	else
		snprintf(detail, dlen, "already %s", code);
	if (out) {
		out->recorded += o == MARK_NEW;
		out->amended += o == MARK_AMENDED;
		out->unchanged += o == MARK_UNCHANGED;
	}
	return 0;
}

static int check_request(struct engine *e, const struct absence_request *rq, int *row,
			 struct contact_rec *contact, struct app_error *err)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	if (!absence_code_allowed(rq->code))
		return app_fail(err, ERR_INPUT, "code",
				"code %s is not a reason a family can report (one of " ABSENCE_CODES
				"; leave and holidays are decided by the head teacher)",
				code_text(rq->code, SESSION_AM));
	if (!absence_channel_ok(rq->channel))
		return app_fail(err, ERR_INPUT, "channel",
				"channel '%s' is not call, text, email, app, in_person or letter",
				rq->channel ? rq->channel : "");
	if (rq->to < rq->from || (rq->to == rq->from && rq->to_session < rq->from_session))
		return app_fail(err, ERR_INPUT, "to", "the report ends (%s %s) before it starts (%s %s)",
				date_format(rq->to, a), session_name(rq->to_session),
				date_format(rq->from, b), session_name(rq->from_session));
	if (rq->expected_return != DATE_INVALID && rq->expected_return < rq->from)
		return app_fail(err, ERR_INPUT, "expected_return",
				"expected return %s is before the absence starts (%s)",
				date_format(rq->expected_return, a), date_format(rq->from, b));
	*row = engine_pupil_row(e, rq->upn);
	if (*row < 0)
		return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", rq->upn);
	if ((rq->contact_priority > 0) == (rq->reported_by && *rq->reported_by))
		return app_fail(err, ERR_INPUT, "contact",
				"say who reported it: a contact's priority or a name (reported_by), "
				"one of the two");
	if (rq->contact_priority > 0) {
		int rc = contacts_get(e, e->m.rows[*row].pupil_id, rq->contact_priority, contact, err);
		if (rc < 0)
			return -1;
		if (rc == 1)
			return app_fail(err, ERR_INPUT, "contact", "pupil %s has no contact of priority %d",
					rq->upn, rq->contact_priority);
	}
	return 0;
}

int absence_report_write(struct engine *e, const struct absence_request *rq,
			 const struct actor *who, date_t today, struct absence_outcome *out,
			 struct app_error *err)
{
	memset(out, 0, sizeof *out);
	int row = -1;
	struct contact_rec contact = {0};
	if (check_request(e, rq, &row, &contact, err) < 0)
		return -1;
	struct absence_report_rec r = {0};
	r.pupil_id = e->m.rows[row].pupil_id;
	r.from_date = rq->from;
	r.from_session = rq->from_session;
	r.to_date = rq->to;
	r.to_session = rq->to_session;
	r.code = rq->code;
	snprintf(r.note, sizeof r.note, "%s", rq->note ? rq->note : "");
	r.expected_return = rq->expected_return;
	r.contact_id = contact.id;
	if (contact.id)
		snprintf(r.reported_by, sizeof r.reported_by, "%s, %s", contact.name, contact.relationship);
	else
		snprintf(r.reported_by, sizeof r.reported_by, "%s", rq->reported_by);
	snprintf(r.channel, sizeof r.channel, "%s", rq->channel);
	snprintf(r.recorded_by, sizeof r.recorded_by, "%s", who->user);
	clock_iso_utc(clock_now(), r.recorded_at);

	if (store_absence_report_insert(e->store, e->school.id, &r) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	int sessions = 0;
	char a[DATE_ISO_LEN];
	for (date_t d = rq->from; d <= rq->to; d++) {
		if (calendar_day_kind(&e->cal, d) != DAY_SCHOOL || engine_row_on(e, rq->upn, d) < 0)
			continue;
		for (int s = SESSION_AM; s <= SESSION_PM; s++) {
			if ((d == rq->from && s < (int)rq->from_session) ||
			    (d == rq->to && s > (int)rq->to_session))
				continue;
			if (++sessions > ABSENCE_MAX_SESSIONS)
				return app_fail(err, ERR_INPUT, "to",
						"a report covers at most %d sessions: report a long "
						"absence in parts, or talk to the attendance lead",
						ABSENCE_MAX_SESSIONS);
			struct absence_session_rec x = {.report_id = r.id, .pupil_id = r.pupil_id,
							.date = d, .session = (enum session)s};
			struct absence_session_rec other;
			int rc = store_absence_pending_get(e->store, e->school.id, r.pupil_id, d,
							   (enum session)s, &other);
			if (rc < 0)
				return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			if (rc == 0)
				return app_fail(err, ERR_CONFLICT, "from",
						"%s %s is already covered by absence report #%lld, "
						"still pending",
						date_format(d, a), session_name((enum session)s),
						(long long)other.report_id);
			bool known_ahead = code_info(r.code)->flags & CODE_FLAG_FUTURE_OK;
			if (d > today && !known_ahead) {
				snprintf(x.state, sizeof x.state, "pending");
				snprintf(x.detail, sizeof x.detail,
					 "%s can't be recorded before the session: applied when its "
					 "register is taken",
					 code_text(r.code, (enum session)s));
				out->pending++;
			} else {
				if (apply_session(e, &r, rq->upn, d, (enum session)s, who, x.state,
						  x.detail, sizeof x.detail, out, err) < 0)
					return -1;
				snprintf(x.resolved_at, sizeof x.resolved_at, "%s", r.recorded_at);
			}
			if (store_absence_session_insert(e->store, e->school.id, &x) < 0)
				return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		}
	}
	if (sessions == 0) {
		char b[DATE_ISO_LEN];
		return app_fail(err, ERR_INPUT, "from",
				"%s to %s holds no school session on which pupil %s is on roll",
				date_format(rq->from, a), date_format(rq->to, b), rq->upn);
	}
	out->report_id = r.id;
	/* illness reported ahead may bring the LA's notification due */
	return notices_after_report(e, row, who, err);
}

int absence_report(struct engine *e, const struct absence_request *rq, const struct actor *who,
		   date_t today, struct absence_outcome *out, struct app_error *err)
{
	if (engine_begin(e, err) < 0)
		return -1;
	return engine_end(e, absence_report_write(e, rq, who, today, out, err), err);
}

/* The report a pending session belongs to. */
struct find_report {
	int64_t id;
	struct absence_report_rec *out;
	bool found;
};

static int match_report(void *ctx, const struct absence_report_rec *r)
{
	struct find_report *f = ctx;
	if (r->id == f->id) {
		*f->out = *r;
		f->found = true;
	}
	return 0;
}

static int load_report(struct engine *e, const struct absence_session_rec *x,
		       struct absence_report_rec *r, struct app_error *err)
{
	struct find_report f = {x->report_id, r, false};
	if (store_absence_reports_each(e->store, e->school.id, x->date, x->pupil_id, match_report,
				       &f) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (!f.found)
		return app_fail(err, ERR_INTERNAL, NULL, "absence report #%lld is missing",
				(long long)x->report_id);
	return 0;
}

static int resolve(struct engine *e, const struct absence_session_rec *x, const char *state,
		   const char *detail, struct app_error *err)
{
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	if (store_absence_session_resolve(e->store, e->school.id, x->report_id, x->date, x->session,
					  state, detail, now) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

int absence_after_mark(struct engine *e, int row, const struct mark_input *in,
		       const struct actor *who, struct app_error *err)
{
	const struct pupil_row *p = &e->m.rows[row];
	struct absence_session_rec x;
	int rc = store_absence_pending_get(e->store, e->school.id, p->pupil_id, in->date, in->session, &x);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return 0;
	struct absence_report_rec r;
	if (load_report(e, &x, &r, err) < 0)
		return -1;
	char detail[256];
	const char *got = code_text(in->code, in->session);
	if (attended(in->code)) {
		snprintf(detail, sizeof detail, "the pupil came: marked %s at the register", got);
		return resolve(e, &x, "attended", detail, err);
	}
	if (!replaceable(in->code) && in->code != r.code) {
		snprintf(detail, sizeof detail, "marked %s at the register: kept", got);
		return resolve(e, &x, "kept", detail, err);
	}
	/* Resolve first: the amendment below comes back through marks_write. */
	if (in->code == r.code) {
		snprintf(detail, sizeof detail, "recorded %s at the register", got);
		return resolve(e, &x, "applied", detail, err);
	}
	snprintf(detail, sizeof detail, "marked %s at the register: amended to %s", got,
		 code_text(r.code, in->session));
	if (resolve(e, &x, "applied", detail, err) < 0)
		return -1;
	char reason[700];
	report_reason(&r, reason, sizeof reason);
	struct mark_input fix = *in;
	fix.code = r.code;
	fix.minutes_late = -1;
	enum mark_outcome o;
	return marks_write(e, &fix, who, reason, true, &o, err);
}

struct due_list {
	struct absence_session_rec *v;
	int n, cap;
};

static int collect_due(void *ctx, const struct absence_session_rec *x)
{
	struct due_list *d = ctx;
	if (d->n == d->cap) {
		int cap = d->cap ? d->cap * 2 : 32;
		struct absence_session_rec *v = realloc(d->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		d->v = v;
		d->cap = cap;
	}
	d->v[d->n++] = *x;
	return 0;
}

int absence_apply_due(struct engine *e, date_t today, const struct actor *who, int *applied,
		      struct app_error *err)
{
	struct due_list due = {0};
	*applied = 0;
	if (engine_begin(e, err) < 0)
		return -1;
	if (store_absence_pending_each(e->store, e->school.id, today, collect_due, &due) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto fail;
	}
	for (int i = 0; i < due.n; i++) {
		const struct absence_session_rec *x = &due.v[i];
		struct absence_report_rec r;
		struct mark_rec cur;
		int rc = store_mark_get(e->store, e->school.id, x->pupil_id, x->date, x->session, &cur);
		if (rc < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			goto fail;
		}
		if (rc == 0)
			continue; /* marked already: resolved when that mark was written */
		if (load_report(e, x, &r, err) < 0)
			goto fail;
		int row = -1;
		for (int k = 0; k < e->m.n_rows && row < 0; k++)
			if (e->m.rows[k].pupil_id == x->pupil_id)
				row = k;
		if (row < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "the pupil of absence report #%lld is missing",
				 (long long)x->report_id);
			goto fail;
		}
		/* Writing the mark resolves the pending session (absence_after_mark). */
		struct mark_input in = {.upn = e->m.rows[row].upn, .date = x->date,
					.session = x->session, .code = r.code, .minutes_late = -1};
		char reason[700];
		report_reason(&r, reason, sizeof reason);
		enum mark_outcome o;
		if (marks_write(e, &in, who, reason, true, &o, err) < 0)
			goto fail;
		(*applied)++;
	}
	free(due.v);
	return engine_commit(e, err);
fail:
	free(due.v);
	engine_rollback(e);
	return -1;
}
