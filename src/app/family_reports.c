#include "app/family_reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/family_text.h"
#include "comms/lang.h"
#include "core/ranges.h"

bool parent_reason_ok(const char *reason)
{
	return reason && (strcmp(reason, "illness") == 0 || strcmp(reason, "medical") == 0 ||
			  strcmp(reason, "other") == 0);
}

enum code parent_reason_code(const char *reason)
{
	if (reason && strcmp(reason, "illness") == 0)
		return CODE_I;
	if (reason && strcmp(reason, "medical") == 0)
		return CODE_M;
	return CODE_NONE;
}

int family_sessions_each(const struct engine *e, int64_t pupil_id, date_t from, enum session fs,
			 date_t to, enum session ts,
			 int (*cb)(void *ctx, date_t day, enum session s, int row), void *ctx)
{
	int n = 0;
	for (date_t d = from; d <= to; d++) {
		int col = calendar_session_col(&e->cal, d, SESSION_AM);
		if (col < 0)
			continue;
		int row = engine_row_of_id(e, pupil_id, d, -1);
		if (row < 0)
			continue;
		for (int s = SESSION_AM; s <= SESSION_PM; s++) {
			if ((d == from && s < (int)fs) || (d == to && s > (int)ts))
				continue;
			n++;
			if (cb && cb(ctx, d, (enum session)s, row) < 0)
				return -1;
		}
	}
	return n;
}

/* A session index that orders (day, session). */
static int64_t session_key(date_t day, enum session s)
{
	return (int64_t)day * 2 + s;
}

struct late_check {
	const struct register_settings *rs;
	date_t today;
	int minute;
	bool late;
};

static int note_late(void *ctx, date_t day, enum session s, int row)
{
	(void)row;
	struct late_check *lc = ctx;
	if (day < lc->today || (day == lc->today && lc->minute > lc->rs->close[s]))
		lc->late = true;
	return 0;
}

/* Why no school session is covered: the first day's kind, or the range. */
static int no_sessions(const struct engine *e, const struct parent_report_request *rq,
		       const char *lang, struct app_error *err)
{
	char a[64], b[64];
	lang_date(lang, rq->from, a, sizeof a);
	if (rq->from == rq->to) {
		enum day_kind k = calendar_day_kind(&e->cal, rq->from);
		if (k != DAY_SCHOOL)
			return app_fail(err, ERR_INPUT, "from", ft(lang, FT_ERR_NOT_SCHOOL_DAY), a,
					ft_day_kind(lang, k));
	}
	lang_date(lang, rq->to, b, sizeof b);
	return app_fail(err, ERR_INPUT, "from", ft(lang, FT_ERR_NO_SCHOOL_DAYS), a, b);
}

/* The checks a report and a leave request share: the dates' order, the
 * note. */
static int check_range(date_t from, enum session fs, date_t to, enum session ts, const char *lang,
		       struct app_error *err)
{
	if (session_key(to, ts) < session_key(from, fs))
		return app_fail(err, ERR_INPUT, "to", "%s", ft(lang, FT_ERR_ENDS_BEFORE));
	return 0;
}

int parent_report_check(const struct engine *e, const struct register_settings *rs,
			const struct family_child *ch, const struct parent_report_request *rq,
			const char *lang, date_t today, int minute, struct parent_report_rec *out,
			int *sessions, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	if (!parent_reason_ok(rq->reason))
		return app_fail(err, ERR_INPUT, "reason", "%s", ft(lang, FT_ERR_REASON));
	const char *note = rq->note ? rq->note : "";
	if (strcmp(rq->reason, "other") == 0 && strlen(note) < 3)
		return app_fail(err, ERR_INPUT, "note", "%s", ft(lang, FT_ERR_NOTE_OTHER));
	if (strlen(note) >= sizeof out->note)
		return app_fail(err, ERR_INPUT, "note", ft(lang, FT_ERR_NOTE_LONG),
				(int)sizeof out->note - 1);
	if (check_range(rq->from, rq->from_session, rq->to, rq->to_session, lang, err) < 0)
		return -1;
	if (rq->expected_return != DATE_INVALID && rq->expected_return < rq->from)
		return app_fail(err, ERR_INPUT, "expected_return", "%s",
				ft(lang, FT_ERR_RETURN_BEFORE));
	struct date_range year;
	range_academic_year(today, &year);
	if (rq->from < year.from)
		return app_fail(err, ERR_INPUT, "from", "%s", ft(lang, FT_ERR_BEFORE_YEAR));
	if (rq->to > today + PARENT_REPORT_DAYS_AHEAD)
		return app_fail(err, ERR_INPUT, "to", ft(lang, FT_ERR_TOO_FAR), PARENT_REPORT_DAYS_AHEAD);
	struct late_check lc = {rs, today, minute, false};
	int n = family_sessions_each(e, ch->pupil_id, rq->from, rq->from_session, rq->to,
				     rq->to_session, note_late, &lc);
	if (n == 0)
		return no_sessions(e, rq, lang, err);
	if (n > ABSENCE_MAX_SESSIONS)
		return app_fail(err, ERR_INPUT, "to", ft(lang, FT_ERR_TOO_LONG), ABSENCE_MAX_SESSIONS / 2);
	*sessions = n;
	family_child_as(ch, &out->pupil_id, &out->contact_id, out->reported_by,
			sizeof out->reported_by);
	out->from_date = rq->from;
	out->from_session = rq->from_session;
	out->to_date = rq->to;
	out->to_session = rq->to_session;
	snprintf(out->reason, sizeof out->reason, "%s", rq->reason);
	snprintf(out->note, sizeof out->note, "%s", note);
	out->expected_return = rq->expected_return;
	out->late = lc.late;
	return 0;
}

struct overlap {
	int64_t a0, a1;
	int64_t with;
};

static int find_overlap(void *ctx, const struct parent_report_rec *r)
{
	struct overlap *o = ctx;
	int64_t b0 = session_key(r->from_date, r->from_session), b1 = session_key(r->to_date, r->to_session);
	if (!o->with && b0 <= o->a1 && o->a0 <= b1)
		o->with = r->id;
	return 0;
}

int parent_report_write(struct engine *e, struct parent_report_rec *r, const char *lang,
			const char *by, struct app_error *err)
{
	struct overlap o = {session_key(r->from_date, r->from_session),
			    session_key(r->to_date, r->to_session), 0};
	if (store_parent_reports_each(e->store, e->school.id, "awaiting", r->pupil_id, find_overlap,
				      &o) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (o.with)
		return app_fail(err, ERR_CONFLICT, "from", ft(lang, FT_ERR_REPORT_OVERLAP),
				(long long)o.with);
	clock_iso_utc(clock_now(), r->submitted_at);
	char detail[200], a[DATE_ISO_LEN];
	snprintf(detail, sizeof detail, "absence reported from %s (%s)%s", date_format(r->from_date, a),
		 r->reason, r->late ? ", after the register closed" : "");
	if (store_parent_report_insert(e->store, e->school.id, r) < 0 ||
	    store_audit(e->store, e->school.id, r->submitted_at, by, "parent report", detail) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

/* The current priority of the contact who reported, 0 if no longer one. */
static int contact_priority(struct engine *e, int64_t contact_id, struct app_error *err)
{
	if (!contact_id)
		return 0;
	struct contact_rec c;
	bool removed;
	int rc = store_contact_get(e->store, e->school.id, contact_id, &c, &removed);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return rc == 0 && !removed ? c.priority : 0;
}

int parent_report_decide_write(struct engine *e, const struct parent_report_decision *d,
			       const struct actor *who, date_t today, struct parent_report_rec *out,
			       struct absence_outcome *applied, struct app_error *err)
{
	memset(applied, 0, sizeof *applied);
	int rc = store_parent_report_get(e->store, e->school.id, d->id, out);
	if (rc != 0)
		return rc < 0 ? app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store))
			      : app_fail(err, ERR_NOT_FOUND, "id", "there is no report #%lld",
					 (long long)d->id);
	if (strcmp(out->status, "awaiting") != 0)
		return app_fail(err, ERR_CONFLICT, "id", "report #%lld was %s already (by %s)",
				(long long)d->id, out->status, out->decided_by);
	const char *note = d->note ? d->note : "";
	if (strlen(note) >= sizeof out->decision_note)
		return app_fail(err, ERR_INPUT, "note", "the note is longer than %d characters",
				(int)sizeof out->decision_note - 1);
	snprintf(out->decision_note, sizeof out->decision_note, "%s", note);
	snprintf(out->decided_by, sizeof out->decided_by, "%s", who->user);
	clock_iso_utc(clock_now(), out->decided_at);
	if (!d->accept) {
		if (!note[0])
			return app_fail(err, ERR_INPUT, "note",
					"say why the report is declined: the parent reads the note");
		snprintf(out->status, sizeof out->status, "declined");
		out->code = CODE_NONE;
	} else {
		out->code = d->code != CODE_NONE ? d->code : parent_reason_code(out->reason);
		if (out->code == CODE_NONE)
			return app_fail(err, ERR_INPUT, "code",
					"choose the code for this reason (%s): the parent said \"%s\"",
					ABSENCE_CODES, out->note);
		int row = engine_row_of_id(e, out->pupil_id, DATE_INVALID, -1);
		if (row < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "the pupil of report #%lld is missing",
					(long long)d->id);
		int priority = contact_priority(e, out->contact_id, err);
		if (priority < 0)
			return -1;
		char why[700];
		snprintf(why, sizeof why, "reported by the parent in attend (report #%lld)%s%s",
			 (long long)out->id, out->note[0] ? ": " : "", out->note);
		struct absence_request rq = {
			.upn = e->m.rows[row].upn, .from = out->from_date, .to = out->to_date,
			.from_session = out->from_session, .to_session = out->to_session,
			.code = out->code, .note = why, .expected_return = out->expected_return,
			.contact_priority = priority,
			.reported_by = priority ? NULL : out->reported_by, .channel = "app"};
		if (!priority && !out->reported_by[0])
			rq.reported_by = "a parent (attend)";
		if (absence_report_write(e, &rq, who, today, applied, err) < 0)
			return -1;
		out->absence_report_id = applied->report_id;
		snprintf(out->status, sizeof out->status, "accepted");
	}
	char detail[160];
	snprintf(detail, sizeof detail, "parent report #%lld %s%s%s", (long long)out->id, out->status,
		 out->code != CODE_NONE ? " as " : "",
		 out->code != CODE_NONE ? code_text(out->code, SESSION_AM) : "");
	rc = store_parent_report_decide(e->store, e->school.id, out);
	if (rc != 0)
		return rc < 0 ? app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store))
			      : app_fail(err, ERR_CONFLICT, "id", "report #%lld was decided meanwhile",
					 (long long)d->id);
	if (store_audit(e->store, e->school.id, out->decided_at, who->user, "parent report decided",
			detail) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

int parent_report_withdraw_write(struct engine *e, int64_t id, int64_t user_id, const char *lang,
				 const char *by, struct app_error *err)
{
	struct parent_report_rec r;
	int rc = store_parent_report_get(e->store, e->school.id, id, &r);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	/* Another family's report is as unknown as one that does not exist. */
	if (rc == 1 || r.user_id != user_id)
		return app_fail(err, ERR_NOT_FOUND, "id", "%s", ft(lang, FT_ERR_NO_SUCH_REPORT));
	if (strcmp(r.status, "awaiting") != 0)
		return app_fail(err, ERR_CONFLICT, "id", "%s", ft(lang, FT_ERR_ALREADY_DECIDED));
	snprintf(r.status, sizeof r.status, "withdrawn");
	snprintf(r.decided_by, sizeof r.decided_by, "%s", by);
	clock_iso_utc(clock_now(), r.decided_at);
	r.code = CODE_NONE;
	char detail[64];
	snprintf(detail, sizeof detail, "parent report #%lld withdrawn", (long long)id);
	rc = store_parent_report_decide(e->store, e->school.id, &r);
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, "id", "%s", ft(lang, FT_ERR_ALREADY_DECIDED));
	if (rc < 0 || store_audit(e->store, e->school.id, r.decided_at, by, "parent report", detail) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

struct find_on {
	int64_t key;
	struct parent_report_rec *out;
	bool found;
};

static int covers(void *ctx, const struct parent_report_rec *r)
{
	struct find_on *f = ctx;
	if (f->found || (strcmp(r->status, "awaiting") != 0 && strcmp(r->status, "accepted") != 0))
		return 0;
	if (session_key(r->from_date, r->from_session) <= f->key &&
	    f->key <= session_key(r->to_date, r->to_session)) {
		*f->out = *r;
		f->found = true;
	}
	return 0;
}

int parent_report_on(struct store *s, int64_t school_id, int64_t pupil_id, date_t day,
		     enum session session, struct parent_report_rec *out)
{
	struct find_on f = {session_key(day, session), out, false};
	if (store_parent_reports_each(s, school_id, NULL, pupil_id, covers, &f) < 0)
		return -1;
	return f.found ? 0 : 1;
}

static int count_one(void *ctx, const struct parent_report_rec *r)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

int parent_reports_count(struct store *s, int64_t school_id, const char *status, int *n)
{
	*n = 0;
	return store_parent_reports_each(s, school_id, status, 0, count_one, n);
}
