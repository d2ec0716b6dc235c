/* The outbox worker.
 *
 * Delivery is AT-MOST-ONCE, a decision taken for families: a parent who
 * gets the same "your child is not in school" text twice, or a concern
 * letter twice, is worse served than by an office that is told plainly "we
 * cannot tell whether this one went: check". So nothing is ever sent twice
 * automatically, and nothing queued is ever lost or silently dropped.
 *
 * How: each attempt is written down in its own committed transaction
 * before the worker talks to the server (status "sending", a fresh attempt
 * id, attempts + 1), and the server's answer in another one after (sent
 * with the server's acceptance id; queued again with next_attempt_at for a
 * temporary refusal; failed with the reason for a permanent one). The last
 * byte of every message is held back (src/comms/deliver.c) until a third
 * committed write has set handed_over: "the whole message is leaving now".
 *
 * A crash (kill -9, power cut) can leave a row in "sending". The next
 * worker resolves it before sending anything (it holds the school's lease,
 * so the worker that wrote it is dead):
 *  - handed_over = 0: the last byte never left, so the server cannot have
 *    accepted the message. An SMTP server delivers only after the final
 *    "." of DATA (RFC 5321 4.1.1.4: a transaction cut short is dropped),
 *    which curl sends only after our last byte; the SMS gateway receives a
 *    Content-Length body and cannot act on part of it. The message goes
 *    back to the queue at once: nothing lost, nothing doubled.
 *  - handed_over = 1: the server may have accepted the message in the
 *    moment before the crash. Sending it again could deliver it twice: SMTP
 *    servers do not de-duplicate by Message-ID (the Message-ID stays the
 *    same on any resend, so a mail client may thread it, but the family
 *    still sees it twice), and texts cannot be recalled. So the row becomes
 *    "unknown", with the reason, and is never resent automatically; a
 *    person checks (the mail server's log has the Message-ID, the gateway's
 *    the reference) and runs `attend outbox resend ID` if it did not
 *    arrive. The window is the time between the last byte and the recorded
 *    reply: milliseconds.
 * A reply lost in the same way during a live run (a timeout after the last
 * byte) is "unknown" for the same reason.
 *
 * Retries: a temporary failure waits backoff * 2^(attempts-1) (at most
 * backoff_max) and tries again, up to max_attempts, then fails with the
 * last reason. No jitter: one worker per school sends one message at a
 * time, so there is no herd to spread. */
#include "comms/outbox.h"

#include <curl/curl.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/clock.h"

static int setting_long(struct store *s, int64_t school_id, const char *key, long min, long max,
			long dflt, long *out, struct app_error *err)
{
	char buf[64], *end;
	int rc = store_setting_get(s, school_id, key, buf, sizeof buf);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "reading setting %s: %s", key, store_error(s));
	*out = dflt;
	if (rc == 1)
		return 0;
	long v = strtol(buf, &end, 10);
	if (!buf[0] || *end || v < min || v > max)
		return app_fail(err, ERR_INPUT, key, "setting %s is '%s': it must be a whole number from %ld to %ld",
				key, buf, min, max);
	*out = v;
	return 0;
}

static int setting_text(struct store *s, int64_t school_id, const char *key, char *buf, size_t len,
			struct app_error *err)
{
	int rc = store_setting_get(s, school_id, key, buf, len);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "reading setting %s: %s", key, store_error(s));
	if (rc == 1)
		buf[0] = '\0';
	return 0;
}

int outbox_load_settings(struct store *s, int64_t school_id, struct delivery_config *cfg,
			 struct outbox_policy *pol, struct app_error *err)
{
	memset(cfg, 0, sizeof *cfg);
	long attempts;
	char tls[16];
	if (setting_text(s, school_id, "smtp_url", cfg->smtp_url, sizeof cfg->smtp_url, err) < 0 ||
	    setting_text(s, school_id, "smtp_user", cfg->smtp_user, sizeof cfg->smtp_user, err) < 0 ||
	    setting_text(s, school_id, "smtp_password", cfg->smtp_password, sizeof cfg->smtp_password, err) < 0 ||
	    setting_text(s, school_id, "smtp_from", cfg->smtp_from, sizeof cfg->smtp_from, err) < 0 ||
	    setting_text(s, school_id, "smtp_ca_file", cfg->smtp_ca_file, sizeof cfg->smtp_ca_file, err) < 0 ||
	    setting_text(s, school_id, "smtp_starttls", tls, sizeof tls, err) < 0 ||
	    setting_text(s, school_id, "sms_url", cfg->sms_url, sizeof cfg->sms_url, err) < 0 ||
	    setting_text(s, school_id, "sms_token", cfg->sms_token, sizeof cfg->sms_token, err) < 0 ||
	    setting_text(s, school_id, "sms_sender", cfg->sms_sender, sizeof cfg->sms_sender, err) < 0 ||
	    setting_long(s, school_id, "outbox_timeout_seconds", 1, 600, 60, &cfg->timeout_seconds, err) < 0 ||
	    setting_long(s, school_id, "outbox_max_attempts", 1, 50, 6, &attempts, err) < 0 ||
	    setting_long(s, school_id, "outbox_backoff_seconds", 1, 86400, 60, &pol->backoff_seconds, err) < 0 ||
	    setting_long(s, school_id, "outbox_backoff_max_seconds", 1, 604800, 21600,
			 &pol->backoff_max_seconds, err) < 0 ||
	    setting_long(s, school_id, "outbox_poll_seconds", 1, 3600, 10, &pol->poll_seconds, err) < 0)
		return -1;
	pol->max_attempts = (int)attempts;
	pol->lease_seconds = 120;
	if (!tls[0] || strcmp(tls, "optional") == 0)
		cfg->smtp_tls = SMTP_TLS_OPTIONAL;
	else if (strcmp(tls, "required") == 0)
		cfg->smtp_tls = SMTP_TLS_REQUIRED;
	else if (strcmp(tls, "off") == 0)
		cfg->smtp_tls = SMTP_TLS_OFF;
	else
		return app_fail(err, ERR_INPUT, "smtp_starttls",
				"setting smtp_starttls is '%s': it must be optional, required or off", tls);
	if (!cfg->sms_sender[0])
		snprintf(cfg->sms_sender, sizeof cfg->sms_sender, "School");
	return 0;
}

long outbox_backoff(const struct outbox_policy *pol, int attempts)
{
	long wait = pol->backoff_seconds;
	for (int i = 1; i < attempts && wait < pol->backoff_max_seconds; i++)
		wait *= 2;
	return wait < pol->backoff_max_seconds ? wait : pol->backoff_max_seconds;
}

static void say(struct outbox_worker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct outbox_worker *w, const char *fmt, ...)
{
	if (!w->say)
		return;
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	w->say(w->say_ctx, line);
}

/* Now plus whole seconds, to the second. */
static void iso_after(long seconds, char out[STORE_TIME_LEN])
{
	struct timespec t = clock_now();
	t.tv_sec += seconds;
	t.tv_nsec = 0;
	clock_iso_utc(t, out);
}

static time_t iso_time(const char *iso)
{
	struct tm tm = {0};
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

static int db_fail(struct outbox_worker *w, struct app_error *err)
{
	app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(w->s));
	store_rollback(w->s);
	return -1;
}

/* ---- the lease: one worker per school ---- */

static int renew_lease(struct outbox_worker *w, bool taking, struct app_error *err)
{
	struct outbox_lease_rec cur, mine = {0};
	char host[64] = "";
	gethostname(host, sizeof host - 1);
	if (store_begin(w->s) < 0)
		return db_fail(w, err);
	int rc = store_outbox_lease_get(w->s, w->school_id, &cur);
	if (rc < 0)
		return db_fail(w, err);
	if (rc == 0 && strcmp(cur.holder, w->holder) != 0) {
		bool expired = iso_time(cur.expires_at) < clock_now().tv_sec;
		bool dead = strcmp(cur.host, host) == 0 && kill((pid_t)cur.pid, 0) < 0 && errno == ESRCH;
		if (!taking || (!expired && !dead)) {
			store_rollback(w->s);
			return app_fail(err, ERR_CONFLICT, "outbox",
					"another outbox worker (process %ld on %s) holds the outbox "
					"until %s",
					cur.pid, cur.host, cur.expires_at);
		}
		say(w, "taking over the outbox from process %ld on %s (%s)", cur.pid, cur.host,
		    dead ? "no longer running" : "its lease expired");
	}
	snprintf(mine.holder, sizeof mine.holder, "%s", w->holder);
	snprintf(mine.host, sizeof mine.host, "%s", host);
	mine.pid = (long)getpid();
	iso_after(w->pol.lease_seconds, mine.expires_at);
	if (store_outbox_lease_put(w->s, w->school_id, &mine) < 0 || store_commit(w->s) < 0)
		return db_fail(w, err);
	return 0;
}

/* ---- resolving what a dead worker left ---- */

struct left_sending {
	struct outbox_rec *v;
	int n, cap;
};

static int collect_sending(void *ctx, const struct outbox_rec *r)
{
	struct left_sending *l = ctx;
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 8;
		struct outbox_rec *v = realloc(l->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *r;
	return 0;
}

static int recover(struct outbox_worker *w, struct app_error *err)
{
	struct left_sending l = {0};
	if (store_outbox_each(w->s, w->school_id, "sending", 0, collect_sending, &l) < 0) {
		free(l.v);
		return db_fail(w, err);
	}
	char now[STORE_TIME_LEN];
	clock_iso_utc(clock_now(), now);
	for (int i = 0; i < l.n; i++) {
		const struct outbox_rec *r = &l.v[i];
		struct outbox_finish f;
		if (!r->handed_over) {
			f = (struct outbox_finish){
				.status = "queued", .next_attempt_at = now, .error = "",
				.outcome = "interrupted",
				.detail = "the worker stopped before the whole message had left: the "
					  "server cannot have accepted it, so it was queued again"};
			w->requeued++;
			say(w, "message %lld: interrupted before it was sent; queued again", (long long)r->id);
		} else {
			f = (struct outbox_finish){
				.status = "unknown", .error =
					"the worker stopped after the whole message had left and before "
					"the server answered: it may have been delivered, so it is not "
					"sent again automatically; check, then `attend outbox resend ID` "
					"if it did not arrive",
				.outcome = "unknown", .detail = "the worker stopped awaiting the reply"};
			f.detail = f.error;
			w->unknown++;
			say(w, "message %lld: may have been delivered before the worker stopped; "
			       "marked unknown, not resent", (long long)r->id);
		}
		if (store_begin(w->s) < 0 ||
		    store_outbox_finish(w->s, w->school_id, r->id, r->attempt_id, &f, now) < 0 ||
		    store_commit(w->s) < 0) {
			free(l.v);
			return db_fail(w, err);
		}
	}
	free(l.v);
	return 0;
}

int outbox_start(struct outbox_worker *w, struct app_error *err)
{
	unsigned char rnd[6];
	char hex[13], host[64] = "";
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
	gethostname(host, sizeof host - 1);
	snprintf(w->holder, sizeof w->holder, "%.40s:%ld:%s", host, (long)getpid(), hex);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return app_fail(err, ERR_INTERNAL, NULL, "libcurl could not start");
	if (renew_lease(w, true, err) < 0)
		return -1;
	return recover(w, err);
}

void outbox_stop(struct outbox_worker *w)
{
	curl_global_cleanup();
	if (store_begin(w->s) == 0 && store_outbox_lease_release(w->s, w->school_id, w->holder) == 0)
		store_commit(w->s);
	else
		store_rollback(w->s);
}

/* ---- sending one message ---- */

struct handover {
	struct outbox_worker *w;
	int64_t id;
	const char *attempt_id;
};

static int record_handover(void *ctx)
{
	struct handover *h = ctx;
	char now[STORE_TIME_LEN];
	clock_iso_utc(clock_now(), now);
	if (store_begin(h->w->s) < 0 ||
	    store_outbox_handed_over(h->w->s, h->w->school_id, h->id, h->attempt_id, now) != 0 ||
	    store_commit(h->w->s) < 0) {
		store_rollback(h->w->s);
		return -1; /* not recorded: the last byte must not leave */
	}
	return 0;
}

/* The contact log entry of a message that went. */
static int log_sent(struct outbox_worker *w, const struct outbox_rec *r, const char *now)
{
	if (r->pupil_id == 0)
		return 0; /* a message to staff (a digest): no family's log */
	struct contact_log_rec c = {0};
	c.pupil_id = r->pupil_id;
	snprintf(c.happened_at, sizeof c.happened_at, "%s", now);
	snprintf(c.channel, sizeof c.channel, "%s",
		 r->has_pdf ? "letter" : strcmp(r->channel, "sms") == 0 ? "text" : "email");
	snprintf(c.direction, sizeof c.direction, "out");
	c.contact_id = r->contact_id;
	snprintf(c.contact_name, sizeof c.contact_name, "%s", r->recipient_name);
	snprintf(c.outcome, sizeof c.outcome, "%s \"%s\" (template %s, %s) to %s%s%s",
		 strcmp(r->channel, "post") == 0 ? "posted" : "sent", r->subject[0] ? r->subject : r->template_name,
		 r->template_name, r->language, r->recipient, r->accepted_id[0] ? "; accepted as " : "",
		 r->accepted_id);
	c.follow_up = DATE_INVALID;
	snprintf(c.staff, sizeof c.staff, "%s", r->queued_by);
	snprintf(c.recorded_by, sizeof c.recorded_by, "outbox");
	snprintf(c.recorded_at, sizeof c.recorded_at, "%s", now);
	snprintf(c.source, sizeof c.source, "outbox");
	c.outbox_id = r->id;
	return store_contact_log_append(w->s, w->school_id, &c);
}

static int send_one(struct outbox_worker *w, int64_t id, struct app_error *err)
{
	struct outbox_rec r;
	unsigned char rnd[12];
	char attempt[25], now[STORE_TIME_LEN];
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(attempt, sizeof attempt, rnd, sizeof rnd);
	clock_iso_utc(clock_now(), now);
	/* 1. "sending", committed before the server hears anything */
	if (store_begin(w->s) < 0)
		return db_fail(w, err);
	int rc = store_outbox_claim(w->s, w->school_id, id, attempt, now);
	if (rc < 0 || (rc == 0 && store_commit(w->s) < 0))
		return db_fail(w, err);
	if (rc == 1) {
		store_rollback(w->s);
		return 0; /* no longer queued */
	}
	rc = store_outbox_get(w->s, w->school_id, id, true, &r);
	if (rc != 0)
		return rc < 0 ? db_fail(w, err) : 0;
	/* 2. the server */
	struct handover h = {w, id, attempt};
	struct delivery d;
	if (strcmp(r.channel, "sms") == 0)
		deliver_sms(&w->cfg, &r, record_handover, &h, &d);
	else
		deliver_email(&w->cfg, &r, record_handover, &h, &d);
	/* 3. its answer */
	clock_iso_utc(clock_now(), now);
	char next[STORE_TIME_LEN], why[600];
	struct outbox_finish f = {.error = "", .detail = d.detail};
	switch (d.result) {
	case DELIVERY_SENT:
		f.status = "sent";
		f.outcome = "sent";
		f.accepted_id = d.accepted_id;
		snprintf(r.accepted_id, sizeof r.accepted_id, "%s", d.accepted_id);
		break;
	case DELIVERY_RETRY:
		/* r.attempts counts this attempt already */
		if (r.attempts >= w->pol.max_attempts) {
			snprintf(why, sizeof why, "gave up after %d attempts: %s", r.attempts, d.detail);
			f.status = "failed";
			f.outcome = "failed";
			f.error = why;
		} else {
			iso_after(outbox_backoff(&w->pol, r.attempts), next);
			f.status = "queued";
			f.outcome = "retry";
			f.next_attempt_at = next;
			f.error = d.detail;
		}
		break;
	case DELIVERY_FAILED:
		f.status = "failed";
		f.outcome = "failed";
		f.error = d.detail;
		break;
	default:
		f.status = "unknown";
		f.outcome = "unknown";
		f.error = d.detail;
	}
	if (store_begin(w->s) < 0 ||
	    (rc = store_outbox_finish(w->s, w->school_id, id, attempt, &f, now)) < 0 ||
	    (rc == 0 && d.result == DELIVERY_SENT && log_sent(w, &r, now) < 0) ||
	    store_commit(w->s) < 0) {
		outbox_rec_free(&r);
		return db_fail(w, err);
	}
	if (strcmp(f.status, "sent") == 0) {
		w->sent++;
		say(w, "message %lld to %s: sent (%s)", (long long)id, r.recipient, d.accepted_id);
	} else if (strcmp(f.status, "queued") == 0) {
		w->retried++;
		say(w, "message %lld to %s: attempt %d failed, trying again at %s: %s", (long long)id,
		    r.recipient, r.attempts, next, d.detail);
	} else if (strcmp(f.status, "failed") == 0) {
		w->failed++;
		say(w, "message %lld to %s: failed: %s", (long long)id, r.recipient, f.error);
	} else {
		w->unknown++;
		say(w, "message %lld to %s: unknown: %s", (long long)id, r.recipient, d.detail);
	}
	outbox_rec_free(&r);
	return 0;
}

int outbox_run_due(struct outbox_worker *w, struct app_error *err)
{
	for (;;) {
		char now[STORE_TIME_LEN];
		int64_t id;
		clock_iso_utc(clock_now(), now);
		int rc = store_outbox_next_due(w->s, w->school_id, now, &id);
		if (rc < 0)
			return db_fail(w, err);
		if (rc == 1)
			return 0;
		if (send_one(w, id, err) < 0 || renew_lease(w, false, err) < 0)
			return -1;
	}
}

int outbox_loop(struct outbox_worker *w, volatile sig_atomic_t *stop, struct app_error *err)
{
	while (!*stop) {
		if (outbox_run_due(w, err) < 0 || renew_lease(w, false, err) < 0)
			return -1;
		char next[STORE_TIME_LEN];
		long wait = w->pol.poll_seconds;
		int rc = store_outbox_next_time(w->s, w->school_id, next);
		if (rc < 0)
			return db_fail(w, err);
		if (rc == 0) {
			long until = (long)(iso_time(next) - clock_now().tv_sec);
			if (until < wait)
				wait = until < 1 ? 1 : until;
		}
		for (long i = 0; i < wait * 10 && !*stop; i++)
			usleep(100000);
	}
	return 0;
}

/* ---- a person's decisions ---- */

int outbox_decide_write(struct store *s, int64_t school_id, int64_t id, bool posted,
			const char *by, struct app_error *err)
{
	char now[STORE_TIME_LEN];
	clock_iso_utc(clock_now(), now);
	struct outbox_rec r;
	int rc = store_outbox_get(s, school_id, id, false, &r);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, "id", "no message %lld in the outbox", (long long)id);
	rc = posted ? store_outbox_posted(s, school_id, id, now)
		    : store_outbox_requeue(s, school_id, id, now);
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, "id",
				posted ? "message %lld is %s, not a letter waiting to be printed (to_print)"
				       : "message %lld is %s: only failed or unknown messages can be sent again",
				(long long)id, r.status);
	struct outbox_worker w = {.s = s, .school_id = school_id};
	snprintf(r.queued_by, sizeof r.queued_by, "%s", by);
	if (rc < 0 || (posted && log_sent(&w, &r, now) < 0))
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	return 0;
}

static int decide(struct store *s, int64_t school_id, int64_t id, bool posted, const char *by,
		  struct app_error *err)
{
	if (store_begin(s) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	if (outbox_decide_write(s, school_id, id, posted, by, err) < 0) {
		store_rollback(s);
		return -1;
	}
	if (store_commit(s) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		store_rollback(s);
		return -1;
	}
	return 0;
}

int outbox_resend(struct store *s, int64_t school_id, int64_t id, const char *by,
		  struct app_error *err)
{
	return decide(s, school_id, id, false, by, err);
}

int outbox_mark_posted(struct store *s, int64_t school_id, int64_t id, const char *by,
		       struct app_error *err)
{
	return decide(s, school_id, id, true, by, err);
}
