/* Families in the store: pupils' contacts with their history, the
 * append-only contact log, and absence reports with their sessions. */
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"

#define CONTACT_COLS                                                                         \
	"id, pupil_id, priority, name, relationship, phone, mobile, email, address, postcode, " \
	"language, parental_responsibility, lives_with_pupil, receives_mail, do_not_contact, "  \
	"changed_by, changed_at"

static const char SQL_CONTACTS_OF[] =
	"SELECT " CONTACT_COLS " FROM contacts WHERE school_id = ?1 AND pupil_id = ?2 "
	"AND removed_at IS NULL ORDER BY priority";

static const char SQL_CONTACTS_ALL[] =
	"SELECT " CONTACT_COLS " FROM contacts WHERE school_id = ?1 AND removed_at IS NULL "
	"ORDER BY pupil_id, priority";

static const char SQL_CONTACT_INSERT[] =
	"INSERT INTO contacts (school_id, pupil_id, priority, name, relationship, phone, mobile, "
	"email, address, postcode, language, parental_responsibility, lives_with_pupil, "
	"receives_mail, do_not_contact, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	"?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) RETURNING id";

static const char SQL_CONTACT_UPDATE[] =
	"UPDATE contacts SET pupil_id = ?2, priority = ?3, name = ?4, relationship = ?5, "
	"phone = ?6, mobile = ?7, email = ?8, address = ?9, postcode = ?10, language = ?11, "
	"parental_responsibility = ?12, lives_with_pupil = ?13, receives_mail = ?14, "
	"do_not_contact = ?15, changed_by = ?16, changed_at = ?17 WHERE school_id = ?1 AND id = ?18";

static const char SQL_CONTACT_REMOVE[] =
	"UPDATE contacts SET removed_at = ?3 WHERE school_id = ?1 AND id = ?2";

static const char SQL_CONTACT_HISTORY[] =
	"INSERT INTO contact_history (school_id, contact_id, action, priority, name, "
	"relationship, phone, mobile, email, address, postcode, language, flags, changed_by, "
	"changed_at, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
	"?15, ?16)";

#define LOG_COLS                                                                             \
	"id, pupil_id, entry, version, happened_at, channel, direction, contact_id, "           \
	"contact_name, outcome, follow_up, staff, recorded_at, reason, source, outbox_id, "     \
	"recorded_by"

static const char SQL_LOG_INSERT[] =
	"INSERT INTO contact_log (school_id, pupil_id, entry, version, happened_at, channel, "
	"direction, contact_id, contact_name, outcome, follow_up, staff, recorded_at, reason, "
	"source, outbox_id, recorded_by) VALUES (?1, ?2, coalesce(?3, (SELECT coalesce(max(entry), "
	"0) + 1 FROM contact_log WHERE school_id = ?1)), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	"?14, ?15, ?16, ?17) RETURNING entry, id";

static const char SQL_LOG_GET[] =
	"SELECT " LOG_COLS " FROM contact_log WHERE school_id = ?1 AND entry = ?2 "
	"ORDER BY version DESC LIMIT 1";

static const char SQL_LOG_CURRENT[] =
	"SELECT " LOG_COLS " FROM contact_log l WHERE school_id = ?1 AND pupil_id = ?2 AND "
	"version = (SELECT max(version) FROM contact_log v WHERE v.school_id = l.school_id AND "
	"v.entry = l.entry) ORDER BY happened_at, entry";

static const char SQL_LOG_ALL[] =
	"SELECT " LOG_COLS " FROM contact_log WHERE school_id = ?1 AND pupil_id = ?2 "
	"ORDER BY entry, version";

static const char SQL_ABSENCE_INSERT[] =
	"INSERT INTO absence_reports (school_id, pupil_id, from_date, from_session, to_date, "
	"to_session, code, note, expected_return, contact_id, reported_by, channel, recorded_by, "
	"recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id";

#define ABSENCE_COLS                                                                         \
	"id, pupil_id, from_date, from_session, to_date, to_session, code, note, "              \
	"expected_return, contact_id, reported_by, channel, recorded_by, recorded_at"

static const char SQL_ABSENCE_ON[] =
	"SELECT " ABSENCE_COLS " FROM absence_reports WHERE school_id = ?1 AND "
	"((from_date <= ?2 AND to_date >= ?2) OR ?2 IS NULL) AND (?3 = 0 OR pupil_id = ?3) "
	"ORDER BY from_date, id";

static const char SQL_ASESSION_INSERT[] =
	"INSERT INTO absence_report_sessions (report_id, school_id, pupil_id, date, session, "
	"state, detail, resolved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

static const char SQL_ASESSION_RESOLVE[] =
	"UPDATE absence_report_sessions SET state = ?5, detail = ?6, resolved_at = ?7 "
	"WHERE school_id = ?1 AND report_id = ?2 AND date = ?3 AND session = ?4 "
	"AND state = 'pending'";

static const char SQL_ASESSION_ANY_PENDING[] =
	"SELECT count(*) FROM absence_report_sessions WHERE school_id = ?1 AND date = ?2 AND "
	"session = ?3 AND state = 'pending'";

#define ASESSION_COLS "report_id, pupil_id, date, session, state, detail, resolved_at"

static const char SQL_ASESSION_PENDING[] =
	"SELECT " ASESSION_COLS " FROM absence_report_sessions WHERE school_id = ?1 AND "
	"pupil_id = ?2 AND date = ?3 AND session = ?4 AND state = 'pending'";

static const char SQL_ASESSION_DUE[] =
	"SELECT " ASESSION_COLS " FROM absence_report_sessions WHERE school_id = ?1 AND "
	"state = 'pending' AND date <= ?2 ORDER BY date, session, pupil_id";

static const char SQL_ASESSION_OF[] =
	"SELECT " ASESSION_COLS " FROM absence_report_sessions WHERE school_id = ?1 AND "
	"report_id = ?2 ORDER BY date, session";

/* ---- contacts ---- */

static void read_contact(struct db_stmt *st, struct contact_rec *c)
{
	memset(c, 0, sizeof *c);
	c->id = db_col_int64(st, 0);
	c->pupil_id = db_col_int64(st, 1);
	c->priority = db_col_int(st, 2);
	st_col_copy(st, 3, c->name, sizeof c->name);
	st_col_copy(st, 4, c->relationship, sizeof c->relationship);
	st_col_copy(st, 5, c->phone, sizeof c->phone);
	st_col_copy(st, 6, c->mobile, sizeof c->mobile);
	st_col_copy(st, 7, c->email, sizeof c->email);
	st_col_copy(st, 8, c->address, sizeof c->address);
	st_col_copy(st, 9, c->postcode, sizeof c->postcode);
	st_col_copy(st, 10, c->language, sizeof c->language);
	c->parental_responsibility = db_col_int(st, 11);
	c->lives_with_pupil = db_col_int(st, 12);
	c->receives_mail = db_col_int(st, 13);
	c->do_not_contact = db_col_int(st, 14);
	st_col_copy(st, 15, c->changed_by, sizeof c->changed_by);
	st_col_copy(st, 16, c->changed_at, sizeof c->changed_at);
}

int store_contacts_each(struct store *s, int64_t school_id, int64_t pupil_id, store_contact_cb cb,
			void *ctx)
{
	struct db_stmt *st = store_prepare(s, pupil_id ? SQL_CONTACTS_OF : SQL_CONTACTS_ALL);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	if (pupil_id)
		db_bind_int64(st, 2, pupil_id);
	int rc;
	struct contact_rec c;
	while ((rc = db_step(st)) == DB_ROW) {
		read_contact(st, &c);
		if (cb(ctx, &c) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading contacts");
}

static int contact_history(struct store *s, int64_t school_id, const struct contact_rec *c,
			   const char *action, const char *by, const char *at, const char *source)
{
	struct db_stmt *st = store_prepare(s, SQL_CONTACT_HISTORY);
	if (!st)
		return -1;
	char flags[16];
	snprintf(flags, sizeof flags, "%c,%c,%c,%c", c->parental_responsibility ? 'Y' : 'N',
		 c->lives_with_pupil ? 'Y' : 'N', c->receives_mail ? 'Y' : 'N',
		 c->do_not_contact ? 'Y' : 'N');
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, c->id);
	db_bind_text(st, 3, action);
	db_bind_int(st, 4, c->priority);
	db_bind_text(st, 5, c->name);
	db_bind_text(st, 6, c->relationship);
	db_bind_text(st, 7, c->phone);
	db_bind_text(st, 8, c->mobile);
	db_bind_text(st, 9, c->email);
	db_bind_text(st, 10, c->address);
	db_bind_text(st, 11, c->postcode);
	db_bind_text(st, 12, c->language);
	db_bind_text(st, 13, flags);
	db_bind_text(st, 14, by);
	db_bind_text(st, 15, at);
	db_bind_text(st, 16, source);
	return st_step_done(s, st, "recording the contact's history");
}

int store_contact_save(struct store *s, int64_t school_id, struct contact_rec *c, const char *source)
{
	struct db_stmt *st = store_prepare(s, c->id ? SQL_CONTACT_UPDATE : SQL_CONTACT_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, c->pupil_id);
	db_bind_int(st, 3, c->priority);
	db_bind_text(st, 4, c->name);
	db_bind_text(st, 5, c->relationship);
	db_bind_text(st, 6, c->phone);
	db_bind_text(st, 7, c->mobile);
	db_bind_text(st, 8, c->email);
	db_bind_text(st, 9, c->address);
	db_bind_text(st, 10, c->postcode);
	db_bind_text(st, 11, c->language);
	db_bind_int(st, 12, c->parental_responsibility);
	db_bind_int(st, 13, c->lives_with_pupil);
	db_bind_int(st, 14, c->receives_mail);
	db_bind_int(st, 15, c->do_not_contact);
	db_bind_text(st, 16, c->changed_by);
	db_bind_text(st, 17, c->changed_at);
	bool added = !c->id;
	if (!added)
		db_bind_int64(st, 18, c->id);
	if (added ? st_step_id(s, st, "saving a contact", &c->id)
		  : st_step_done(s, st, "saving a contact"))
		return -1;
	return contact_history(s, school_id, c, added ? "added" : "changed", c->changed_by,
			       c->changed_at, source);
}

int store_contact_remove(struct store *s, int64_t school_id, const struct contact_rec *c,
			 const char *by, const char *at, const char *source)
{
	struct db_stmt *st = store_prepare(s, SQL_CONTACT_REMOVE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, c->id);
	db_bind_text(st, 3, at);
	if (st_step_done(s, st, "removing a contact") < 0)
		return -1;
	return contact_history(s, school_id, c, "removed", by, at, source);
}

/* ---- the contact log ---- */

static void read_log(struct db_stmt *st, struct contact_log_rec *r)
{
	memset(r, 0, sizeof *r);
	r->id = db_col_int64(st, 0);
	r->pupil_id = db_col_int64(st, 1);
	r->entry = db_col_int64(st, 2);
	r->version = db_col_int(st, 3);
	st_col_copy(st, 4, r->happened_at, sizeof r->happened_at);
	st_col_copy(st, 5, r->channel, sizeof r->channel);
	st_col_copy(st, 6, r->direction, sizeof r->direction);
	r->contact_id = db_col_int64(st, 7);
	st_col_copy(st, 8, r->contact_name, sizeof r->contact_name);
	st_col_copy(st, 9, r->outcome, sizeof r->outcome);
	r->follow_up = st_col_date(st, 10);
	st_col_copy(st, 11, r->staff, sizeof r->staff);
	st_col_copy(st, 12, r->recorded_at, sizeof r->recorded_at);
	st_col_copy(st, 13, r->reason, sizeof r->reason);
	st_col_copy(st, 14, r->source, sizeof r->source);
	r->outbox_id = db_col_int64(st, 15);
	st_col_copy(st, 16, r->recorded_by, sizeof r->recorded_by);
}

int store_contact_log_append(struct store *s, int64_t school_id, struct contact_log_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_LOG_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->pupil_id);
	st_bind_id_or_null(st, 3, r->entry);
	db_bind_int(st, 4, r->entry ? r->version : 1);
	db_bind_text(st, 5, r->happened_at);
	db_bind_text(st, 6, r->channel);
	db_bind_text(st, 7, r->direction);
	st_bind_id_or_null(st, 8, r->contact_id);
	db_bind_text(st, 9, r->contact_name);
	db_bind_text(st, 10, r->outcome);
	st_bind_date(st, 11, r->follow_up);
	db_bind_text(st, 12, r->staff);
	db_bind_text(st, 13, r->recorded_at);
	db_bind_text(st, 14, r->reason);
	db_bind_text(st, 15, r->source);
	st_bind_id_or_null(st, 16, r->outbox_id);
	db_bind_text(st, 17, r->recorded_by);
	if (db_step(st) != DB_ROW) {
		st_db_fail(s, "adding to the contact log");
		db_reset(st);
		return -1;
	}
	if (!r->entry) {
		r->entry = db_col_int64(st, 0);
		r->version = 1;
	}
	r->id = db_col_int64(st, 1);
	db_reset(st);
	return 0;
}

int store_contact_log_get(struct store *s, int64_t school_id, int64_t entry,
			  struct contact_log_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_LOG_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, entry);
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_log(st, out);
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	return rc == DB_ROW ? 0 : st_db_fail(s, "reading the contact log");
}

int store_contact_log_each(struct store *s, int64_t school_id, int64_t pupil_id, bool all_versions,
			   store_contact_log_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, all_versions ? SQL_LOG_ALL : SQL_LOG_CURRENT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	int rc;
	struct contact_log_rec r;
	while ((rc = db_step(st)) == DB_ROW) {
		read_log(st, &r);
		if (cb(ctx, &r) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading the contact log");
}

/* ---- absence reports ---- */

int store_absence_report_insert(struct store *s, int64_t school_id, struct absence_report_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_ABSENCE_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->pupil_id);
	st_bind_date(st, 3, r->from_date);
	st_bind_session(st, 4, r->from_session);
	st_bind_date(st, 5, r->to_date);
	st_bind_session(st, 6, r->to_session);
	db_bind_text(st, 7, code_text(r->code, SESSION_AM));
	db_bind_text(st, 8, r->note);
	st_bind_date(st, 9, r->expected_return);
	st_bind_id_or_null(st, 10, r->contact_id);
	db_bind_text(st, 11, r->reported_by);
	db_bind_text(st, 12, r->channel);
	db_bind_text(st, 13, r->recorded_by);
	db_bind_text(st, 14, r->recorded_at);
	return st_step_id(s, st, "saving the absence report", &r->id);
}

int store_absence_session_insert(struct store *s, int64_t school_id,
				 const struct absence_session_rec *x)
{
	s->none_pending = false;
	struct db_stmt *st = store_prepare(s, SQL_ASESSION_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, x->report_id);
	db_bind_int64(st, 2, school_id);
	db_bind_int64(st, 3, x->pupil_id);
	st_bind_date(st, 4, x->date);
	st_bind_session(st, 5, x->session);
	db_bind_text(st, 6, x->state);
	db_bind_text(st, 7, x->detail);
	if (x->resolved_at[0])
		db_bind_text(st, 8, x->resolved_at);
	return st_step_done(s, st, "saving a session of the absence report");
}

int store_absence_session_resolve(struct store *s, int64_t school_id, int64_t report_id, date_t date,
				  enum session session, const char *state, const char *detail,
				  const char *at)
{
	s->none_pending = false;
	struct db_stmt *st = store_prepare(s, SQL_ASESSION_RESOLVE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, report_id);
	st_bind_date(st, 3, date);
	st_bind_session(st, 4, session);
	db_bind_text(st, 5, state);
	db_bind_text(st, 6, detail);
	db_bind_text(st, 7, at);
	return st_step_done(s, st, "resolving a session of an absence report");
}

static void read_asession(struct db_stmt *st, struct absence_session_rec *x)
{
	memset(x, 0, sizeof *x);
	x->report_id = db_col_int64(st, 0);
	x->pupil_id = db_col_int64(st, 1);
	x->date = st_col_date(st, 2);
	x->session = st_col_session(st, 3);
	st_col_copy(st, 4, x->state, sizeof x->state);
	st_col_copy(st, 5, x->detail, sizeof x->detail);
	st_col_copy(st, 6, x->resolved_at, sizeof x->resolved_at);
}

static int step_asessions(struct store *s, struct db_stmt *st, store_absence_session_cb cb, void *ctx)
{
	int rc;
	struct absence_session_rec x;
	while ((rc = db_step(st)) == DB_ROW) {
		read_asession(st, &x);
		if (cb(ctx, &x) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading absence reports");
}

int store_absence_pending_get(struct store *s, int64_t school_id, int64_t pupil_id, date_t date,
			      enum session session, struct absence_session_rec *out)
{
	if (s->none_pending && s->none_school == school_id && s->none_date == date &&
	    s->none_session == (int)session)
		return 1;
	/* In a transaction, the register's first mark asks whether the
	 * session has any report waiting; the rest need not when none has. */
	if (db_in_txn(s->db)) {
		/* Not marks: the marks waiting to be sent (store_internal.h) change nothing here. */
		struct db_stmt *any = store_prepare_quiet(s, SQL_ASESSION_ANY_PENDING);
		if (!any)
			return -1;
		db_bind_int64(any, 1, school_id);
		st_bind_date(any, 2, date);
		st_bind_session(any, 3, session);
		if (db_step(any) != DB_ROW) {
			db_reset(any);
			return st_db_fail(s, "reading absence reports");
		}
		bool none = db_col_int64(any, 0) == 0;
		db_reset(any);
		if (none) {
			s->none_pending = true;
			s->none_school = school_id;
			s->none_date = date;
			s->none_session = (int)session;
			return 1;
		}
	}
	struct db_stmt *st = store_prepare_quiet(s, SQL_ASESSION_PENDING);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	st_bind_date(st, 3, date);
	st_bind_session(st, 4, session);
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_asession(st, out);
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	return rc == DB_ROW ? 0 : st_db_fail(s, "reading absence reports");
}

int store_absence_pending_each(struct store *s, int64_t school_id, date_t upto,
			       store_absence_session_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_ASESSION_DUE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_date(st, 2, upto);
	return step_asessions(s, st, cb, ctx);
}

int store_absence_sessions_each(struct store *s, int64_t school_id, int64_t report_id,
				store_absence_session_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_ASESSION_OF);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, report_id);
	return step_asessions(s, st, cb, ctx);
}

int store_absence_reports_each(struct store *s, int64_t school_id, date_t on, int64_t pupil_id,
			       store_absence_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_ABSENCE_ON);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_date(st, 2, on);
	db_bind_int64(st, 3, pupil_id);
	int rc;
	struct absence_report_rec r;
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&r, 0, sizeof r);
		r.id = db_col_int64(st, 0);
		r.pupil_id = db_col_int64(st, 1);
		r.from_date = st_col_date(st, 2);
		r.from_session = st_col_session(st, 3);
		r.to_date = st_col_date(st, 4);
		r.to_session = st_col_session(st, 5);
		r.code = code_parse(db_col_text(st, 6));
		st_col_copy(st, 7, r.note, sizeof r.note);
		r.expected_return = st_col_date(st, 8);
		r.contact_id = db_col_int64(st, 9);
		st_col_copy(st, 10, r.reported_by, sizeof r.reported_by);
		st_col_copy(st, 11, r.channel, sizeof r.channel);
		st_col_copy(st, 12, r.recorded_by, sizeof r.recorded_by);
		st_col_copy(st, 13, r.recorded_at, sizeof r.recorded_at);
		if (cb(ctx, &r) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading absence reports");
}

/* ---- one contact by id, current or removed (families' accounts) ---- */

static const char SQL_CONTACT_BY_ID[] =
	"SELECT " CONTACT_COLS ", removed_at IS NOT NULL FROM contacts WHERE school_id = ?1 AND id = ?2";

int store_contact_get(struct store *s, int64_t school_id, int64_t contact_id,
		      struct contact_rec *out, bool *removed)
{
	struct db_stmt *st = store_prepare(s, SQL_CONTACT_BY_ID);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, contact_id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		read_contact(st, out);
		*removed = db_col_int(st, 17); /* a boolean on PostgreSQL: db_col_int reads t/f */
	}
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	return rc == DB_DONE ? 1 : st_db_fail(s, "reading a contact");
}
