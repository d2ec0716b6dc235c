/* The second factor's checks for signing in and the account page: see
 * twofactor.h. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "web/twofactor.h"

#define TICKET_S (5 * 60) /* time to type the code */

static unsigned char ticket_key[32];
static pthread_once_t ticket_once = PTHREAD_ONCE_INIT;
static void ticket_key_make(void)
{
	randombytes_buf(ticket_key, sizeof ticket_key);
}

static void ticket_mac(long long until, const struct user_rec *u, char out[65])
{
	pthread_once(&ticket_once, ticket_key_make);
	char msg[STORE_USER_MAX + STORE_PWHASH_MAX + 32];
	snprintf(msg, sizeof msg, "%lld:%s:%s", until, u->username, u->password_hash);
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)msg, strlen(msg), ticket_key,
			   sizeof ticket_key);
	sodium_bin2hex(out, 65, h, sizeof h);
	sodium_memzero(msg, sizeof msg);
}

void twofactor_ticket(const struct user_rec *u, char out[AUTH_TICKET_MAX])
{
	long long until = (long long)clock_now().tv_sec + TICKET_S;
	char mac[65];
	ticket_mac(until, u, mac);
	snprintf(out, AUTH_TICKET_MAX, "%lld:%s:%s", until, mac, u->username);
}

/* "UNTIL:MAC:USERNAME" */
static int ticket_parse(const char *t, long long *until, char mac[65], char username[STORE_USER_MAX])
{
	if (!t || strlen(t) >= AUTH_TICKET_MAX)
		return -1;
	char *end;
	*until = strtoll(t, &end, 10);
	if (end == t || *end != ':' || strspn(end + 1, "0123456789abcdef") != 64 || end[65] != ':')
		return -1;
	memcpy(mac, end + 1, 64);
	mac[64] = '\0';
	const char *name = end + 66;
	if (!*name || strlen(name) >= STORE_USER_MAX || !account_username_ok(name))
		return -1;
	snprintf(username, STORE_USER_MAX, "%s", name);
	return 0;
}

int twofactor_ticket_user(const char *ticket, char username[STORE_USER_MAX])
{
	long long until;
	char mac[65];
	return ticket_parse(ticket, &until, mac, username);
}

bool twofactor_ticket_ok(const char *ticket, const struct user_rec *u)
{
	long long until;
	char mac[65], want[65], name[STORE_USER_MAX];
	if (ticket_parse(ticket, &until, mac, name) < 0 || strcmp(name, u->username) != 0 ||
	    until < (long long)clock_now().tv_sec)
		return false;
	ticket_mac(until, u, want);
	return sodium_memcmp(mac, want, 64) == 0;
}

int twofactor_check(const struct totp_rec *t, const char *typed, bool recovery_ok,
		    struct twofactor_code *out, struct app_error *err)
{
	char code[TOTP_RECOVERY_SHOWN];
	memset(out, 0, sizeof *out);
	enum totp_input kind = totp_input_parse(typed, code);
	if (kind == TOTP_INPUT_BAD || (kind == TOTP_INPUT_RECOVERY && !recovery_ok))
		return app_fail(err, ERR_INPUT, "code",
				recovery_ok ? "the code is the 6 digits your authenticator app shows, "
					      "or one of your recovery codes (like abcde-fghij)"
					    : "the code is the 6 digits your authenticator app shows");
	if (kind == TOTP_INPUT_RECOVERY) {
		out->recovery = true;
		totp_recovery_hash(code, out->recovery_hash);
		return 0; /* whether it is one of theirs, and unused, the writer finds out */
	}
	int rc = totp_check(t->secret, code, clock_now().tv_sec, t->last_step, &out->step);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "the stored second factor is damaged");
	return rc;
}

int twofactor_use(struct store *s, int64_t user_id, const struct twofactor_code *c,
		  const char *now)
{
	return c->recovery ? store_recovery_use(s, user_id, c->recovery_hash, now)
			   : store_totp_use_step(s, user_id, c->step);
}

/* A read-only server's record of the steps used: it cannot write them. */
#define MEM_USERS 1024
static struct {
	int64_t user_id, step;
} mem_steps[MEM_USERS];
static pthread_mutex_t mem_mu = PTHREAD_MUTEX_INITIALIZER;

bool twofactor_use_memory(int64_t user_id, const struct twofactor_code *c)
{
	if (c->recovery)
		return false;
	bool ok = true;
	pthread_mutex_lock(&mem_mu);
	int k = (int)((uint64_t)user_id % MEM_USERS);
	if (mem_steps[k].user_id == user_id && mem_steps[k].step >= c->step)
		ok = false;
	else
		mem_steps[k].user_id = user_id, mem_steps[k].step = c->step;
	pthread_mutex_unlock(&mem_mu);
	return ok;
}

void twofactor_recovery_new(char codes[TOTP_RECOVERY_CODES][TOTP_RECOVERY_SHOWN],
			    char hashes[TOTP_RECOVERY_CODES][STORE_CODEHASH_MAX])
{
	for (int i = 0; i < TOTP_RECOVERY_CODES; i++) {
		char plain[TOTP_RECOVERY_SHOWN];
		totp_recovery_new(codes[i]);
		totp_input_parse(codes[i], plain);
		totp_recovery_hash(plain, hashes[i]);
	}
}
