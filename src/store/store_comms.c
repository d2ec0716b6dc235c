/* Messages in the store: templates, the outbox with its attempts,
 * and the outbox worker's lease. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

#define TEMPLATE_COLS                                                                        \
	"id, name, language, channel, description, subject, body, builtin, changed_by, "        \
	"changed_at"

static const char SQL_TEMPLATE_GET[] =
	"SELECT " TEMPLATE_COLS " FROM templates WHERE school_id = ?1 AND name = ?2 AND "
	"language = ?3";

static const char SQL_TEMPLATES_ALL[] =
	"SELECT " TEMPLATE_COLS " FROM templates WHERE school_id = ?1 ORDER BY name, "
	"language <> 'en', language";

static const char SQL_TEMPLATE_PUT[] =
	"INSERT INTO templates (school_id, name, language, channel, description, subject, body, "
	"builtin, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
	"ON CONFLICT (school_id, name, language) DO UPDATE SET channel = excluded.channel, "
	"description = excluded.description, subject = excluded.subject, body = excluded.body, "
	"builtin = excluded.builtin, changed_by = excluded.changed_by, "
	"changed_at = excluded.changed_at";

static const char SQL_TEMPLATE_ADD[] =
	"INSERT INTO templates (school_id, name, language, channel, description, subject, body, "
	"builtin, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
	"ON CONFLICT (school_id, name, language) DO NOTHING";

#define OUTBOX_COLS                                                                          \
	"id, pupil_id, contact_id, channel, template, language, recipient, recipient_name, "    \
	"subject, message_id, status, attempts, next_attempt_at, attempt_id, handed_over, "     \
	"accepted_id, last_error, queued_by, queued_at, sent_at, updated_at, pdf IS NOT NULL"

static const char SQL_OUTBOX_INSERT[] =
	"INSERT INTO outbox (school_id, pupil_id, contact_id, channel, template, language, "
	"recipient, recipient_name, subject, body, message, pdf, message_id, status, "
	"next_attempt_at, queued_by, queued_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	"?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17) RETURNING id";

static const char SQL_OUTBOX_GET[] =
	"SELECT " OUTBOX_COLS ", body, message, pdf FROM outbox WHERE school_id = ?1 AND id = ?2";

static const char SQL_OUTBOX_EACH[] =
	"SELECT " OUTBOX_COLS " FROM outbox WHERE school_id = ?1 AND (status = ?2 OR ?2 IS NULL) "
	"AND (?3 = 0 OR pupil_id = ?3) ORDER BY id DESC";

static const char SQL_OUTBOX_DUE[] =
	"SELECT id FROM outbox WHERE school_id = ?1 AND status = 'queued' AND "
	"next_attempt_at <= ?2 ORDER BY next_attempt_at, id LIMIT 1";

static const char SQL_OUTBOX_NEXT_TIME[] =
	"SELECT min(next_attempt_at) FROM outbox WHERE school_id = ?1 AND status = 'queued'";

static const char SQL_OUTBOX_CLAIM[] =
	"UPDATE outbox SET status = 'sending', attempt_id = ?3, attempts = attempts + 1, "
	"handed_over = 0, updated_at = ?4 WHERE school_id = ?1 AND id = ?2 AND status = 'queued'";

static const char SQL_ATTEMPT_INSERT[] =
	"INSERT INTO outbox_attempts (school_id, outbox_id, attempt_id, started_at) "
	"VALUES (?1, ?2, ?3, ?4)";

static const char SQL_OUTBOX_HANDED[] =
	"UPDATE outbox SET handed_over = 1, updated_at = ?4 WHERE school_id = ?1 AND id = ?2 AND "
	"attempt_id = ?3 AND status = 'sending'";

static const char SQL_OUTBOX_FINISH[] =
	"UPDATE outbox SET status = ?4, next_attempt_at = ?5, accepted_id = coalesce(?6, "
	"accepted_id), last_error = ?7, sent_at = CASE WHEN ?4 = 'sent' THEN ?8 ELSE sent_at END, "
	"updated_at = ?8, attempt_id = NULL, handed_over = 0 WHERE school_id = ?1 AND id = ?2 "
	"AND attempt_id = ?3 AND status = 'sending'";

static const char SQL_ATTEMPT_FINISH[] =
	"UPDATE outbox_attempts SET finished_at = ?3, outcome = ?4, detail = ?5 "
	"WHERE school_id = ?1 AND attempt_id = ?2";

static const char SQL_OUTBOX_REQUEUE[] =
	"UPDATE outbox SET status = 'queued', next_attempt_at = ?3, last_error = '', "
	"updated_at = ?3 WHERE school_id = ?1 AND id = ?2 AND status IN ('failed', 'unknown')";

static const char SQL_OUTBOX_POSTED[] =
	"UPDATE outbox SET status = 'posted', sent_at = ?3, updated_at = ?3 "
	"WHERE school_id = ?1 AND id = ?2 AND status = 'to_print'";

static const char SQL_LEASE_GET[] =
	"SELECT holder, host, pid, expires_at FROM outbox_lease WHERE school_id = ?1";

static const char SQL_LEASE_PUT[] =
	"INSERT INTO outbox_lease (school_id, holder, host, pid, expires_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (school_id) DO UPDATE SET "
	"holder = excluded.holder, host = excluded.host, pid = excluded.pid, "
	"expires_at = excluded.expires_at";

static const char SQL_LEASE_RELEASE[] =
	"DELETE FROM outbox_lease WHERE school_id = ?1 AND holder = ?2";

/* ---- templates ---- */

static void read_template(struct db_stmt *st, struct template_rec *t)
{
	memset(t, 0, sizeof *t);
	t->id = db_col_int64(st, 0);
	st_col_copy(st, 1, t->name, sizeof t->name);
	st_col_copy(st, 2, t->language, sizeof t->language);
	st_col_copy(st, 3, t->channel, sizeof t->channel);
	st_col_copy(st, 4, t->description, sizeof t->description);
	st_col_copy(st, 5, t->subject, sizeof t->subject);
	st_col_copy(st, 6, t->body, sizeof t->body);
	t->builtin = db_col_int(st, 7);
	st_col_copy(st, 8, t->changed_by, sizeof t->changed_by);
	st_col_copy(st, 9, t->changed_at, sizeof t->changed_at);
}

int store_template_get(struct store *s, int64_t school_id, const char *name, const char *language,
		       struct template_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_TEMPLATE_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, language);
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_template(st, out);
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	return rc == DB_ROW ? 0 : st_db_fail(s, "reading a template");
}

int store_templates_each(struct store *s, int64_t school_id, store_template_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_TEMPLATES_ALL);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	int rc;
	struct template_rec *t = malloc(sizeof *t);
	if (!t)
		return st_fail(s, "out of memory");
	while ((rc = db_step(st)) == DB_ROW) {
		read_template(st, t);
		if (cb(ctx, t) < 0) {
			db_reset(st);
			free(t);
			return -1;
		}
	}
	free(t);
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading templates");
}

static int template_write(struct store *s, const char *sql, int64_t school_id,
			  const struct template_rec *t)
{
	struct db_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, t->name);
	db_bind_text(st, 3, t->language);
	db_bind_text(st, 4, t->channel);
	db_bind_text(st, 5, t->description);
	db_bind_text(st, 6, t->subject);
	db_bind_text(st, 7, t->body);
	db_bind_int(st, 8, t->builtin);
	db_bind_text(st, 9, t->changed_by);
	db_bind_text(st, 10, t->changed_at);
	return st_step_done(s, st, "saving a template");
}

int store_template_put(struct store *s, int64_t school_id, const struct template_rec *t)
{
	return template_write(s, SQL_TEMPLATE_PUT, school_id, t);
}

int store_template_add_missing(struct store *s, int64_t school_id, const struct template_rec *t,
			       bool *added)
{
	if (template_write(s, SQL_TEMPLATE_ADD, school_id, t) < 0)
		return -1;
	*added = db_changes(s->db) == 1;
	return 0;
}

/* ---- the outbox ---- */

void outbox_rec_free(struct outbox_rec *r)
{
	free(r->body);
	free(r->message);
	free(r->pdf);
	r->body = NULL;
	r->message = r->pdf = NULL;
	r->message_len = r->pdf_len = 0;
}

int store_outbox_insert(struct store *s, int64_t school_id, struct outbox_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_OUTBOX_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->pupil_id);
	db_bind_int64(st, 3, r->contact_id);
	db_bind_text(st, 4, r->channel);
	db_bind_text(st, 5, r->template_name);
	db_bind_text(st, 6, r->language);
	db_bind_text(st, 7, r->recipient);
	db_bind_text(st, 8, r->recipient_name);
	db_bind_text(st, 9, r->subject);
	db_bind_text(st, 10, r->body ? r->body : "");
	db_bind_blob(st, 11, r->message, r->message_len);
	db_bind_blob(st, 12, r->pdf, r->pdf_len);
	db_bind_text(st, 13, r->message_id);
	db_bind_text(st, 14, r->status);
	st_bind_text_or_null(st, 15, r->next_attempt_at);
	db_bind_text(st, 16, r->queued_by);
	db_bind_text(st, 17, r->queued_at);
	return st_step_id(s, st, "queuing the message", &r->id);
}

static unsigned char *col_blob(struct db_stmt *st, int i, size_t *len)
{
	*len = 0;
	if (db_col_null(st, i))
		return NULL;
	const void *p = db_col_blob(st, i);
	int n = db_col_bytes(st, i);
	unsigned char *copy = malloc((size_t)n + 1);
	if (!copy)
		return NULL;
	if (n)
		memcpy(copy, p, (size_t)n);
	copy[n] = 0;
	*len = (size_t)n;
	return copy;
}

static void read_outbox(struct db_stmt *st, struct outbox_rec *r)
{
	memset(r, 0, sizeof *r);
	r->id = db_col_int64(st, 0);
	r->pupil_id = db_col_int64(st, 1);
	r->contact_id = db_col_int64(st, 2);
	st_col_copy(st, 3, r->channel, sizeof r->channel);
	st_col_copy(st, 4, r->template_name, sizeof r->template_name);
	st_col_copy(st, 5, r->language, sizeof r->language);
	st_col_copy(st, 6, r->recipient, sizeof r->recipient);
	st_col_copy(st, 7, r->recipient_name, sizeof r->recipient_name);
	st_col_copy(st, 8, r->subject, sizeof r->subject);
	st_col_copy(st, 9, r->message_id, sizeof r->message_id);
	st_col_copy(st, 10, r->status, sizeof r->status);
	r->attempts = db_col_int(st, 11);
	st_col_copy(st, 12, r->next_attempt_at, sizeof r->next_attempt_at);
	st_col_copy(st, 13, r->attempt_id, sizeof r->attempt_id);
	r->handed_over = db_col_int(st, 14);
	st_col_copy(st, 15, r->accepted_id, sizeof r->accepted_id);
	st_col_copy(st, 16, r->last_error, sizeof r->last_error);
	st_col_copy(st, 17, r->queued_by, sizeof r->queued_by);
	st_col_copy(st, 18, r->queued_at, sizeof r->queued_at);
	st_col_copy(st, 19, r->sent_at, sizeof r->sent_at);
	st_col_copy(st, 20, r->updated_at, sizeof r->updated_at);
	r->has_pdf = db_col_int(st, 21);
}

int store_outbox_get(struct store *s, int64_t school_id, int64_t id, bool content,
		     struct outbox_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_OUTBOX_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		read_outbox(st, out);
		if (content) {
			size_t n;
			out->body = (char *)col_blob(st, 22, &n);
			out->message = col_blob(st, 23, &out->message_len);
			out->pdf = col_blob(st, 24, &out->pdf_len);
			if (!out->body) {
				outbox_rec_free(out);
				db_reset(st);
				return st_fail(s, "out of memory");
			}
		}
	}
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	return rc == DB_ROW ? 0 : st_db_fail(s, "reading the outbox");
}

int store_outbox_each(struct store *s, int64_t school_id, const char *status, int64_t pupil_id,
		      store_outbox_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_OUTBOX_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_text_or_null(st, 2, status);
	db_bind_int64(st, 3, pupil_id);
	int rc;
	struct outbox_rec r;
	while ((rc = db_step(st)) == DB_ROW) {
		read_outbox(st, &r);
		if (cb(ctx, &r) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading the outbox");
}

int store_outbox_next_due(struct store *s, int64_t school_id, const char *now, int64_t *id)
{
	struct db_stmt *st = store_prepare(s, SQL_OUTBOX_DUE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, now);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int64(st, 0);
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	return rc == DB_ROW ? 0 : st_db_fail(s, "reading the outbox");
}

int store_outbox_next_time(struct store *s, int64_t school_id, char out[STORE_TIME_LEN])
{
	struct db_stmt *st = store_prepare(s, SQL_OUTBOX_NEXT_TIME);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	int rc = db_step(st);
	int found = rc == DB_ROW && !db_col_null(st, 0);
	if (found)
		st_col_copy(st, 0, out, STORE_TIME_LEN);
	db_reset(st);
	if (rc != DB_ROW)
		return st_db_fail(s, "reading the outbox");
	return found ? 0 : 1;
}

/* Runs an UPDATE keyed by school and id; 1 when it changed no row. */
static int update_one(struct store *s, struct db_stmt *st, const char *what)
{
	if (st_step_done(s, st, what) < 0)
		return -1;
	return db_changes(s->db) == 1 ? 0 : 1;
}

int store_outbox_claim(struct store *s, int64_t school_id, int64_t id, const char *attempt_id,
		       const char *now)
{
	struct db_stmt *st = store_prepare(s, SQL_OUTBOX_CLAIM);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, attempt_id);
	db_bind_text(st, 4, now);
	int rc = update_one(s, st, "starting to send");
	if (rc != 0)
		return rc;
	if (!(st = store_prepare(s, SQL_ATTEMPT_INSERT)))
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, attempt_id);
	db_bind_text(st, 4, now);
	return st_step_done(s, st, "recording the attempt");
}

int store_outbox_handed_over(struct store *s, int64_t school_id, int64_t id, const char *attempt_id,
			     const char *now)
{
	struct db_stmt *st = store_prepare(s, SQL_OUTBOX_HANDED);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, attempt_id);
	db_bind_text(st, 4, now);
	return update_one(s, st, "recording the message handed over");
}

int store_outbox_finish(struct store *s, int64_t school_id, int64_t id, const char *attempt_id,
			const struct outbox_finish *f, const char *now)
{
	struct db_stmt *st = store_prepare(s, SQL_OUTBOX_FINISH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, attempt_id);
	db_bind_text(st, 4, f->status);
	st_bind_text_or_null(st, 5, f->next_attempt_at);
	st_bind_text_or_null(st, 6, f->accepted_id);
	db_bind_text(st, 7, f->error ? f->error : "");
	db_bind_text(st, 8, now);
	int rc = update_one(s, st, "recording the outcome of sending");
	if (rc != 0)
		return rc;
	if (!(st = store_prepare(s, SQL_ATTEMPT_FINISH)))
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, attempt_id);
	db_bind_text(st, 3, now);
	db_bind_text(st, 4, f->outcome);
	db_bind_text(st, 5, f->detail ? f->detail : "");
	return st_step_done(s, st, "recording the attempt's outcome");
}

static int set_state(struct store *s, const char *sql, int64_t school_id, int64_t id,
		     const char *now, const char *what)
{
	struct db_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, now);
	return update_one(s, st, what);
}

int store_outbox_requeue(struct store *s, int64_t school_id, int64_t id, const char *now)
{
	return set_state(s, SQL_OUTBOX_REQUEUE, school_id, id, now, "queuing the message again");
}

int store_outbox_posted(struct store *s, int64_t school_id, int64_t id, const char *now)
{
	return set_state(s, SQL_OUTBOX_POSTED, school_id, id, now, "recording the letter posted");
}

/* ---- the worker's lease ---- */

int store_outbox_lease_get(struct store *s, int64_t school_id, struct outbox_lease_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_LEASE_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		memset(out, 0, sizeof *out);
		st_col_copy(st, 0, out->holder, sizeof out->holder);
		st_col_copy(st, 1, out->host, sizeof out->host);
		out->pid = (long)db_col_int64(st, 2);
		st_col_copy(st, 3, out->expires_at, sizeof out->expires_at);
	}
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	return rc == DB_ROW ? 0 : st_db_fail(s, "reading the outbox lease");
}

int store_outbox_lease_put(struct store *s, int64_t school_id, const struct outbox_lease_rec *l)
{
	struct db_stmt *st = store_prepare(s, SQL_LEASE_PUT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, l->holder);
	db_bind_text(st, 3, l->host);
	db_bind_int64(st, 4, l->pid);
	db_bind_text(st, 5, l->expires_at);
	return st_step_done(s, st, "taking the outbox lease");
}

int store_outbox_lease_release(struct store *s, int64_t school_id, const char *holder)
{
	struct db_stmt *st = store_prepare(s, SQL_LEASE_RELEASE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, holder);
	return st_step_done(s, st, "giving up the outbox lease");
}
