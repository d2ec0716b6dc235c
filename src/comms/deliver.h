/* Handing one message to the outside world with libcurl: email to an SMTP
 * server (STARTTLS when offered or required, AUTH when a user is set) and
 * texts to an HTTP SMS gateway (a JSON POST). The last byte of the message
 * is held back until handed_over() has recorded, durably, that the whole
 * message is about to leave: the outbox's way of knowing, after a crash,
 * whether the server can have accepted it (see src/comms/outbox.c). */
#ifndef ATTEND_DELIVER_H
#define ATTEND_DELIVER_H

#include "store/store.h"

enum delivery_result {
	DELIVERY_SENT,    /* accepted: accepted_id says as what */
	DELIVERY_RETRY,   /* not accepted, for now (4xx, unreachable, ...) */
	DELIVERY_FAILED,  /* refused for good (5xx): detail says why */
	DELIVERY_UNKNOWN, /* the whole message left us, and no answer came */
	DELIVERY__MAX
};

struct delivery {
	enum delivery_result result;
	char accepted_id[256];
	char detail[512];
};

enum smtp_tls { SMTP_TLS_OFF, SMTP_TLS_OPTIONAL, SMTP_TLS_REQUIRED };

struct delivery_config {
	char smtp_url[256];      /* smtp://host:port or smtps://host:port */
	char smtp_user[128], smtp_password[256];
	char smtp_from[STORE_EMAIL_MAX];
	enum smtp_tls smtp_tls;  /* STARTTLS: off, when offered, required */
	char smtp_ca_file[256];  /* a CA bundle to trust (a school's own CA) */
	char sms_url[256];       /* the gateway's endpoint */
	char sms_token[256];     /* sent as "Authorization: Bearer ..." */
	char sms_sender[16];
	long timeout_seconds;
};

/* Called once, just before the last byte of the message leaves; -1 aborts
 * the transfer (the message then did not leave). */
typedef int (*delivery_handover_cb)(void *ctx);

void deliver_email(const struct delivery_config *cfg, const struct outbox_rec *r,
		   delivery_handover_cb handed_over, void *ctx, struct delivery *out);
void deliver_sms(const struct delivery_config *cfg, const struct outbox_rec *r,
		 delivery_handover_cb handed_over, void *ctx, struct delivery *out);

#endif
