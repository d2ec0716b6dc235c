/* Messages in the SQLite backend: templates, the outbox with its attempts,
 * and the outbox worker's lease. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"

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
	"?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)";

static const char SQL_OUTBOX_GET[] =
	"SELECT " OUTBOX_COLS ", body, message, pdf FROM outbox WHERE school_id = ?1 AND id = ?2";

static const char SQL_OUTBOX_EACH[] =
	"SELECT " OUTBOX_COLS " FROM outbox WHERE school_id = ?1 AND (?2 IS NULL OR status = ?2) "
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

static void read_template(sqlite3_stmt *st, struct template_rec *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	sq_col_copy(st, 1, t->name, sizeof t->name);
	sq_col_copy(st, 2, t->language, sizeof t->language);
	sq_col_copy(st, 3, t->channel, sizeof t->channel);
	sq_col_copy(st, 4, t->description, sizeof t->description);
	sq_col_copy(st, 5, t->subject, sizeof t->subject);
	sq_col_copy(st, 6, t->body, sizeof t->body);
	t->builtin = sqlite3_column_int(st, 7);
	sq_col_copy(st, 8, t->changed_by, sizeof t->changed_by);
	sq_col_copy(st, 9, t->changed_at, sizeof t->changed_at);
}

int store_template_get(struct store *s, int64_t school_id, const char *name, const char *language,
		       struct template_rec *out)
{
	sqlite3_stmt *st = store_prepare(s, SQL_TEMPLATE_GET);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_text(st, 2, name);
	sq_bind_text(st, 3, language);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_template(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 1;
	return rc == SQLITE_ROW ? 0 : sq_db_fail(s, "reading a template");
}

int store_templates_each(struct store *s, int64_t school_id, store_template_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, SQL_TEMPLATES_ALL);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	int rc;
	struct template_rec *t = malloc(sizeof *t);
	if (!t)
		return sq_fail(s, "out of memory");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_template(st, t);
		if (cb(ctx, t) < 0) {
			sqlite3_reset(st);
			free(t);
			return -1;
		}
	}
	free(t);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(s, "reading templates");
}

static int template_write(struct store *s, const char *sql, int64_t school_id,
			  const struct template_rec *t)
{
	sqlite3_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_text(st, 2, t->name);
	sq_bind_text(st, 3, t->language);
	sq_bind_text(st, 4, t->channel);
	sq_bind_text(st, 5, t->description);
	sq_bind_text(st, 6, t->subject);
	sq_bind_text(st, 7, t->body);
	sqlite3_bind_int(st, 8, t->builtin);
	sq_bind_text(st, 9, t->changed_by);
	sq_bind_text(st, 10, t->changed_at);
	return sq_step_done(s, st, "saving a template");
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
	*added = sqlite3_changes(s->db) == 1;
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

static void bind_blob(sqlite3_stmt *st, int i, const unsigned char *p, size_t n)
{
	if (p)
		sqlite3_bind_blob64(st, i, p, n, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int store_outbox_insert(struct store *s, int64_t school_id, struct outbox_rec *r)
{
	sqlite3_stmt *st = store_prepare(s, SQL_OUTBOX_INSERT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_id_or_null(st, 2, r->pupil_id); /* 0: a message to staff (a digest) */
	sq_bind_id_or_null(st, 3, r->contact_id);
	sq_bind_text(st, 4, r->channel);
	sq_bind_text(st, 5, r->template_name);
	sq_bind_text(st, 6, r->language);
	sq_bind_text(st, 7, r->recipient);
	sq_bind_text(st, 8, r->recipient_name);
	sq_bind_text(st, 9, r->subject);
	sq_bind_text(st, 10, r->body ? r->body : "");
	bind_blob(st, 11, r->message, r->message_len);
	bind_blob(st, 12, r->pdf, r->pdf_len);
	sq_bind_text(st, 13, r->message_id);
	sq_bind_text(st, 14, r->status);
	sq_bind_text_or_null(st, 15, r->next_attempt_at);
	sq_bind_text(st, 16, r->queued_by);
	sq_bind_text(st, 17, r->queued_at);
	if (sq_step_done(s, st, "queuing the message") < 0)
		return -1;
	r->id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static unsigned char *col_blob(sqlite3_stmt *st, int i, size_t *len)
{
	*len = 0;
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	const void *p = sqlite3_column_blob(st, i);
	int n = sqlite3_column_bytes(st, i);
	unsigned char *copy = malloc((size_t)n + 1);
	if (!copy)
		return NULL;
	if (n)
		memcpy(copy, p, (size_t)n);
	copy[n] = 0;
	*len = (size_t)n;
	return copy;
}

static void read_outbox(sqlite3_stmt *st, struct outbox_rec *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->pupil_id = sqlite3_column_int64(st, 1);
	r->contact_id = sqlite3_column_int64(st, 2);
	sq_col_copy(st, 3, r->channel, sizeof r->channel);
	sq_col_copy(st, 4, r->template_name, sizeof r->template_name);
	sq_col_copy(st, 5, r->language, sizeof r->language);
	sq_col_copy(st, 6, r->recipient, sizeof r->recipient);
	sq_col_copy(st, 7, r->recipient_name, sizeof r->recipient_name);
	sq_col_copy(st, 8, r->subject, sizeof r->subject);
	sq_col_copy(st, 9, r->message_id, sizeof r->message_id);
	sq_col_copy(st, 10, r->status, sizeof r->status);
	r->attempts = sqlite3_column_int(st, 11);
	sq_col_copy(st, 12, r->next_attempt_at, sizeof r->next_attempt_at);
	sq_col_copy(st, 13, r->attempt_id, sizeof r->attempt_id);
	r->handed_over = sqlite3_column_int(st, 14);
	sq_col_copy(st, 15, r->accepted_id, sizeof r->accepted_id);
	sq_col_copy(st, 16, r->last_error, sizeof r->last_error);
	sq_col_copy(st, 17, r->queued_by, sizeof r->queued_by);
	sq_col_copy(st, 18, r->queued_at, sizeof r->queued_at);
	sq_col_copy(st, 19, r->sent_at, sizeof r->sent_at);
	sq_col_copy(st, 20, r->updated_at, sizeof r->updated_at);
	r->has_pdf = sqlite3_column_int(st, 21);
}

int store_outbox_get(struct store *s, int64_t school_id, int64_t id, bool content,
		     struct outbox_rec *out)
{
	sqlite3_stmt *st = store_prepare(s, SQL_OUTBOX_GET);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_outbox(st, out);
		if (content) {
			size_t n;
			out->body = (char *)col_blob(st, 22, &n);
			out->message = col_blob(st, 23, &out->message_len);
			out->pdf = col_blob(st, 24, &out->pdf_len);
			if (!out->body) {
				outbox_rec_free(out);
				sqlite3_reset(st);
				return sq_fail(s, "out of memory");
			}
		}
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 1;
	return rc == SQLITE_ROW ? 0 : sq_db_fail(s, "reading the outbox");
}

int store_outbox_each(struct store *s, int64_t school_id, const char *status, int64_t pupil_id,
		      store_outbox_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, SQL_OUTBOX_EACH);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_text_or_null(st, 2, status);
	sqlite3_bind_int64(st, 3, pupil_id);
	int rc;
	struct outbox_rec r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_outbox(st, &r);
		if (cb(ctx, &r) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(s, "reading the outbox");
}

int store_outbox_next_due(struct store *s, int64_t school_id, const char *now, int64_t *id)
{
	sqlite3_stmt *st = store_prepare(s, SQL_OUTBOX_DUE);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_text(st, 2, now);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 1;
	return rc == SQLITE_ROW ? 0 : sq_db_fail(s, "reading the outbox");
}

int store_outbox_next_time(struct store *s, int64_t school_id, char out[STORE_TIME_LEN])
{
	sqlite3_stmt *st = store_prepare(s, SQL_OUTBOX_NEXT_TIME);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	int rc = sqlite3_step(st);
	int found = rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
	if (found)
		sq_col_copy(st, 0, out, STORE_TIME_LEN);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return sq_db_fail(s, "reading the outbox");
	return found ? 0 : 1;
}

/* Runs an UPDATE keyed by school and id; 1 when it changed no row. */
static int update_one(struct store *s, sqlite3_stmt *st, const char *what)
{
	if (sq_step_done(s, st, what) < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int store_outbox_claim(struct store *s, int64_t school_id, int64_t id, const char *attempt_id,
		       const char *now)
{
	sqlite3_stmt *st = store_prepare(s, SQL_OUTBOX_CLAIM);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	sq_bind_text(st, 3, attempt_id);
	sq_bind_text(st, 4, now);
	int rc = update_one(s, st, "starting to send");
	if (rc != 0)
		return rc;
	if (!(st = store_prepare(s, SQL_ATTEMPT_INSERT)))
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	sq_bind_text(st, 3, attempt_id);
	sq_bind_text(st, 4, now);
	return sq_step_done(s, st, "recording the attempt");
}

int store_outbox_handed_over(struct store *s, int64_t school_id, int64_t id, const char *attempt_id,
			     const char *now)
{
	sqlite3_stmt *st = store_prepare(s, SQL_OUTBOX_HANDED);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	sq_bind_text(st, 3, attempt_id);
	sq_bind_text(st, 4, now);
	return update_one(s, st, "recording the message handed over");
}

int store_outbox_finish(struct store *s, int64_t school_id, int64_t id, const char *attempt_id,
			const struct outbox_finish *f, const char *now)
{
	sqlite3_stmt *st = store_prepare(s, SQL_OUTBOX_FINISH);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	sq_bind_text(st, 3, attempt_id);
	sq_bind_text(st, 4, f->status);
	sq_bind_text_or_null(st, 5, f->next_attempt_at);
	sq_bind_text_or_null(st, 6, f->accepted_id);
	sq_bind_text(st, 7, f->error ? f->error : "");
	sq_bind_text(st, 8, now);
	int rc = update_one(s, st, "recording the outcome of sending");
	if (rc != 0)
		return rc;
	if (!(st = store_prepare(s, SQL_ATTEMPT_FINISH)))
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_text(st, 2, attempt_id);
	sq_bind_text(st, 3, now);
	sq_bind_text(st, 4, f->outcome);
	sq_bind_text(st, 5, f->detail ? f->detail : "");
	return sq_step_done(s, st, "recording the attempt's outcome");
}

static int set_state(struct store *s, const char *sql, int64_t school_id, int64_t id,
		     const char *now, const char *what)
{
	sqlite3_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	sq_bind_text(st, 3, now);
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
	sqlite3_stmt *st = store_prepare(s, SQL_LEASE_GET);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		sq_col_copy(st, 0, out->holder, sizeof out->holder);
		sq_col_copy(st, 1, out->host, sizeof out->host);
		out->pid = (long)sqlite3_column_int64(st, 2);
		sq_col_copy(st, 3, out->expires_at, sizeof out->expires_at);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 1;
	return rc == SQLITE_ROW ? 0 : sq_db_fail(s, "reading the outbox lease");
}

int store_outbox_lease_put(struct store *s, int64_t school_id, const struct outbox_lease_rec *l)
{
	sqlite3_stmt *st = store_prepare(s, SQL_LEASE_PUT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_text(st, 2, l->holder);
	sq_bind_text(st, 3, l->host);
	sqlite3_bind_int64(st, 4, l->pid);
	sq_bind_text(st, 5, l->expires_at);
	return sq_step_done(s, st, "taking the outbox lease");
}

int store_outbox_lease_release(struct store *s, int64_t school_id, const char *holder)
{
	sqlite3_stmt *st = store_prepare(s, SQL_LEASE_RELEASE);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_text(st, 2, holder);
	return sq_step_done(s, st, "giving up the outbox lease");
}
