/* A message to a family from a template: the template in the contact's
 * language (English when it has no such variant), the merge fields, the
 * channel (text to a mobile, email, or a letter by email with the PDF
 * attached or printed for the post), and its place in the outbox.
 * For the CLI and the web alike: no printing, errors in struct app_error. */
#ifndef ATTEND_MESSAGE_H
#define ATTEND_MESSAGE_H

#include "app/error.h"
#include "comms/merge.h"
#include "comms/template.h"
#include "engine/engine.h"

struct message_request {
	const char *template_name;
	const char *upn;
	int contact_priority;            /* 0: the first contact the channel can reach */
	const char *via;                 /* letters: "email" or "post"; NULL: email if possible */
	const char *language;            /* NULL: the contact's */
	const char *supplied[TF__MAX];   /* values of supplied fields (meeting_when) */
};

struct message {
	char template_name[STORE_TEMPLATE_NAME_MAX];
	char template_channel[8]; /* sms, email, letter */
	char channel[8];          /* sms, email, post: how it goes */
	char language[8];         /* the variant used */
	bool language_fallback;   /* the contact's language had no variant */
	int row;
	struct contact_rec contact;
	char recipient[STORE_ADDRESS_MAX];
	char recipient_name[STORE_NAME_MAX];
	char *subject, *text, *html;
	struct tbuf pdf; /* letters */
	struct merge_values *values;
	int sms_chars, sms_parts;
	bool sms_unicode;
};

/* Chooses the contact and template variant and renders everything. */
int message_compose(const struct engine *e, const struct message_request *rq, date_t today,
		    struct message *m, struct app_error *err);
void message_free(struct message *m);
/* Puts a composed message in the outbox (email and SMS: queued; a letter by
 * post: to_print), in one transaction; the email's whole MIME message is
 * built now and kept. */
int message_queue(struct engine *e, const struct message *m, const char *by, int64_t *outbox_id,
		  struct app_error *err);
/* The same inside the engine's open transaction. */
int message_queue_write(struct engine *e, const struct message *m, const char *by,
			int64_t *outbox_id, struct app_error *err);

/* An email to a member of staff (the daily digest, the weekly pack): no
 * pupil, no contact, no template; the text's HTML part is the same text,
 * escaped, in paragraphs. kind names it in the outbox ("daily-digest"). */
struct staff_email {
	const char *kind;
	const char *to_name, *to_addr;
	const char *subject, *text;
};
/* Queues it inside the engine's open transaction. */
int message_queue_staff_write(struct engine *e, const struct staff_email *m, const char *by,
			      int64_t *outbox_id, struct app_error *err);

/* What a text costs: characters, and parts of 160/153 (GSM) or 70/67
 * (anything not ASCII, sent as UCS-2). */
void message_sms_size(const char *text, int *chars, int *parts, bool *unicode);

#endif
