/* The second factor as signing in and the account page use it: the
 * ticket between a page sign-in's two steps, checking a code (TOTP or
 * recovery) and using it once. */
#ifndef ATTEND_WEB_TWOFACTOR_H
#define ATTEND_WEB_TWOFACTOR_H

#include <stdbool.h>

#include "app/totp.h"
#include "web/web.h"

/* A ticket for the second step: the username, until when, and a keyed
 * hash of both and the password hash (so a changed password ends it).
 * The key is this process's own: a ticket works on the server that gave it. */
void twofactor_ticket(const struct user_rec *u, char out[AUTH_TICKET_MAX]);
/* The username a ticket names; -1 if it is not a ticket. */
int twofactor_ticket_user(const char *ticket, char username[STORE_USER_MAX]);
/* Whether the ticket is this user's and not expired. */
bool twofactor_ticket_ok(const char *ticket, const struct user_rec *u);

/* A code that was right, to be used once. */
struct twofactor_code {
	bool recovery;
	int64_t step;                            /* a TOTP code's step */
	char recovery_hash[STORE_CODEHASH_MAX];  /* a recovery code's hash */
};
/* Checks what was typed against the factor: 0 right (not yet used), 1
 * wrong, 2 right but used already, -1 not a code at all (err names the
 * field "code"). Recovery codes are accepted when recovery_ok. */
int twofactor_check(const struct totp_rec *t, const char *typed, bool recovery_ok,
		    struct twofactor_code *out, struct app_error *err);
/* Uses a right code once (writer): 0, 1 if it was used already. */
int twofactor_use(struct store *s, int64_t user_id, const struct twofactor_code *c,
		  const char *now);
/* The same on a read-only server, in memory (recovery codes refused). */
bool twofactor_use_memory(int64_t user_id, const struct twofactor_code *c);
/* New recovery codes as shown (xxxxx-xxxxx) and their hashes. */
void twofactor_recovery_new(char codes[TOTP_RECOVERY_CODES][TOTP_RECOVERY_SHOWN],
			    char hashes[TOTP_RECOVERY_CODES][STORE_CODEHASH_MAX]);

/* On the office's page of a family account: the form that resets its
 * second factor, for the office or an admin, when it has one on. */
struct html;
void web_2fa_reset_form(struct html *h, struct web_req *r, int64_t user_id, const char *username);

#endif
