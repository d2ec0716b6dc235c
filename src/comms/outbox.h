/* The durable outbox: every message to a family is a row that goes queued
 * -> sending -> sent (or back to queued to retry with exponential backoff,
 * or failed with the reason, or unknown), and is never deleted. One worker
 * per school sends them (`attend outbox run`). The delivery guarantee is
 * at-most-once: nothing is ever sent twice automatically, and nothing
 * queued is lost; see the comment at the top of outbox.c. */
#ifndef ATTEND_OUTBOX_H
#define ATTEND_OUTBOX_H

#include <signal.h>

#include "app/error.h"
#include "comms/deliver.h"
#include "store/store.h"

struct outbox_policy {
	int max_attempts;         /* outbox_max_attempts: 1-50, default 6 */
	long backoff_seconds;     /* outbox_backoff_seconds: the first wait, default 60 */
	long backoff_max_seconds; /* outbox_backoff_max_seconds: the longest, default 21600 */
	long poll_seconds;        /* outbox_poll_seconds: how often the loop looks, default 10 */
	long lease_seconds;       /* how long a worker's lease lasts unrenewed: 120 */
};

/* The delivery settings and the policy, from the school's settings; a bad
 * value is an error naming the setting. */
int outbox_load_settings(struct store *s, int64_t school_id, struct delivery_config *cfg,
			 struct outbox_policy *pol, struct app_error *err);

/* When to try again after attempt number `attempts` failed:
 * backoff * 2^(attempts-1), at most backoff_max. */
long outbox_backoff(const struct outbox_policy *pol, int attempts);

struct outbox_worker {
	struct store *s;
	int64_t school_id;
	struct delivery_config cfg;
	struct outbox_policy pol;
	char holder[96];
	/* What happened, for the caller to show: one line per event. */
	void (*say)(void *ctx, const char *line);
	void *say_ctx;
	/* counts of this run */
	int sent, retried, failed, unknown, requeued;
};

/* Takes the school's worker lease (refused while another live worker holds
 * it) and resolves messages a dead worker left in "sending". */
int outbox_start(struct outbox_worker *w, struct app_error *err);
/* Sends every message due now, one at a time; 0 when none is left. */
int outbox_run_due(struct outbox_worker *w, struct app_error *err);
/* Runs until *stop is set: sends what is due, then sleeps until the next
 * message is due (at most poll_seconds), renewing the lease. */
int outbox_loop(struct outbox_worker *w, volatile sig_atomic_t *stop, struct app_error *err);
void outbox_stop(struct outbox_worker *w);

/* A person's decisions: send a failed or unknown message again (it goes
 * back to the queue); record a letter printed and posted (and log it in
 * the contact log). */
int outbox_resend(struct store *s, int64_t school_id, int64_t id, const char *by,
		  struct app_error *err);
int outbox_mark_posted(struct store *s, int64_t school_id, int64_t id, const char *by,
		       struct app_error *err);
/* Either decision (posted or sent again) inside the caller's open
 * transaction. */
int outbox_decide_write(struct store *s, int64_t school_id, int64_t id, bool posted,
			const char *by, struct app_error *err);

#endif
