/* The daily digest and the weekly leadership pack (the toolkit's Annex C:
 * "final attendance data shared with relevant senior leads at the end of
 * the day, including outcomes"; the weekly data by key cohorts, the banding
 * distribution, who moved), as plain text in days and percentages, sent to
 * the leads the school chooses through the outbox. No pupil is named (an
 * email is not a safe place for names): the lists are in attend, linked
 * when the setting public_url is set. */
#ifndef ATTEND_DIGEST_H
#define ATTEND_DIGEST_H

#include "app/leading.h"
#include "comms/template.h"

#define DIGEST_DAILY "daily"
#define DIGEST_WEEKLY "weekly"

struct digest {
	char subject[200];
	struct tbuf text;
};
/* The daily digest of day; the weekly pack of the week holding day. */
int digest_compose(const struct leading_ctx *x, const char *kind, date_t day, struct digest *d,
		   struct app_error *err);
void digest_free(struct digest *d);
/* Queues the digest to each recipient of its kind, once per day (the
 * weekly pack once per week), in the engine's open transaction: *queued
 * messages (0 when it has no recipient, or was sent already). */
int digest_send_write(struct engine *e, const struct leading_ctx *x, const char *kind, date_t day,
		      const char *by, int *queued, struct app_error *err);

#endif
