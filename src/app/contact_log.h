/* The contact log: every contact with a family (who, when, how, to whom,
 * the outcome and the follow-up), part of the pupil's record. Entries are
 * never changed or deleted: an amendment is a new version of the entry
 * with who, when and why, as for marks. */
#ifndef ATTEND_CONTACT_LOG_H
#define ATTEND_CONTACT_LOG_H

#include "app/error.h"
#include "app/marks.h"
#include "engine/engine.h"

#define CONTACT_LOG_CHANNELS "text, email, call, letter, home_visit, meeting"
bool contact_log_channel_ok(const char *channel);

struct contact_log_request {
	const char *upn;
	const char *channel;   /* CONTACT_LOG_CHANNELS */
	const char *direction; /* "out" (the school made contact) or "in"; NULL: out */
	int to_priority;       /* the pupil's contact, or 0 ... */
	const char *to_name;   /* ... someone not on the contact list */
	const char *outcome;
	date_t follow_up;      /* DATE_INVALID: none */
	const char *at;        /* local "YYYY-MM-DDTHH:MM"; NULL: now */
};

/* Logs a contact; *entry is the new entry's number. */
int contact_log_add(struct engine *e, const struct contact_log_request *rq, const struct actor *who,
		    int64_t *entry, struct app_error *err);
/* The same inside the engine's open transaction. */
int contact_log_add_write(struct engine *e, const struct contact_log_request *rq,
			  const struct actor *who, int64_t *entry, struct app_error *err);

struct contact_log_change {
	int64_t entry;
	const char *outcome;   /* NULL: unchanged */
	date_t follow_up;      /* DATE_INVALID: unchanged ... */
	bool clear_follow_up;  /* ... or removed */
	const char *reason;    /* required */
};
/* Amends an entry: a new version; *version is its number. */
int contact_log_amend(struct engine *e, const struct contact_log_change *ch, const struct actor *who,
		      int *version, struct app_error *err);
int contact_log_amend_write(struct engine *e, const struct contact_log_change *ch,
			    const struct actor *who, int *version, struct app_error *err);

/* A local time "YYYY-MM-DDTHH:MM" as a stored UTC instant. */
int contact_log_parse_time(const char *field, const char *text, char out[STORE_TIME_LEN],
			   struct app_error *err);

#endif
