/* Signing in and out: argon2id password hashes (libsodium), sessions with
 * random tokens kept only as hashes in the database, HttpOnly SameSite=Strict
 * cookies, a CSRF token derived from the session token, and a limit on
 * failed sign-ins per username and per address.
 *
 * A read-only reporting server (web.h: read_only; often on a standby that
 * cannot be written) keeps its sessions and failed sign-ins in memory
 * instead, and logs sign-ins to its access log: it writes nothing. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/clock.h"
#include "app/csv.h"
#include "web/twofactor.h"
#include "web/web.h"

#define COOKIE_SESSION "attend_session"
#define COOKIE_SIGNIN "attend_signin"
#define PASSWORD_MIN 8
#define PASSWORD_MAX 256
#define SIGNIN_WINDOW_S (15 * 60)
#define SIGNIN_FAILS_USER 5 /* then wait out the window */
#define SIGNIN_FAILS_IP 50

/* Keys that keep the stored hash and the CSRF token apart from the token. */
static const unsigned char KEY_SESSION[] = "attend web session token v1";
static const unsigned char KEY_CSRF[] = "attend web csrf token v1...";

static void keyed_hex(const unsigned char *key, size_t keylen, const char *msg,
		      char out[WEB_TOKEN_HEX])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)msg, strlen(msg), key, keylen);
	sodium_bin2hex(out, WEB_TOKEN_HEX, h, sizeof h);
}

static bool is_token(const char *t)
{
	return t && strlen(t) == WEB_TOKEN_HEX - 1 && strspn(t, "0123456789abcdef") == WEB_TOKEN_HEX - 1;
}

static void new_token(char out[WEB_TOKEN_HEX])
{
	unsigned char b[32];
	randombytes_buf(b, sizeof b);
	sodium_bin2hex(out, WEB_TOKEN_HEX, b, sizeof b);
}

static bool same_token(const char *a, const char *b)
{
	return a && b && strlen(a) == WEB_TOKEN_HEX - 1 && strlen(b) == WEB_TOKEN_HEX - 1 &&
	       sodium_memcmp(a, b, WEB_TOKEN_HEX - 1) == 0;
}

/* ---- a read-only server's sessions and failed sign-ins, in memory ---- */

#define MEM_SESSIONS 4096
#define MEM_FAILURES 1024

struct mem_session {
	char token_hash[WEB_TOKEN_HEX];
	char username[STORE_USER_MAX];
	char password_hash[STORE_PWHASH_MAX]; /* a changed password ends it */
	time_t expires;
};
struct mem_failure {
	char username[STORE_USER_MAX];
	char ip[64];
	time_t at;
};
static struct mem_session mem_sessions[MEM_SESSIONS];
static struct mem_failure mem_failures[MEM_FAILURES];
static int mem_next_failure;
static pthread_mutex_t mem_mu = PTHREAD_MUTEX_INITIALIZER;

static void mem_session_add(const char *token_hash, const struct user_rec *u)
{
	time_t now = time(NULL);
	pthread_mutex_lock(&mem_mu);
	/* A free or expired slot, else the one that expires first. */
	int k = 0;
	for (int i = 0; i < MEM_SESSIONS; i++) {
		if (mem_sessions[i].expires <= now) {
			k = i;
			break;
		}
		if (mem_sessions[i].expires < mem_sessions[k].expires)
			k = i;
	}
	struct mem_session *m = &mem_sessions[k];
	snprintf(m->token_hash, sizeof m->token_hash, "%s", token_hash);
	snprintf(m->username, sizeof m->username, "%s", u->username);
	snprintf(m->password_hash, sizeof m->password_hash, "%s", u->password_hash);
	m->expires = now + WEB_SESSION_HOURS * 3600;
	pthread_mutex_unlock(&mem_mu);
}

static void mem_session_end(const char *token_hash)
{
	pthread_mutex_lock(&mem_mu);
	for (int i = 0; i < MEM_SESSIONS; i++)
		if (sodium_memcmp(mem_sessions[i].token_hash, token_hash, WEB_TOKEN_HEX - 1) == 0)
			mem_sessions[i].expires = 0;
	pthread_mutex_unlock(&mem_mu);
}

/* The user of a session: 0, or 1 when there is none. */
static int mem_session_user(struct store *rd, const char *token_hash, struct user_rec *u)
{
	char username[STORE_USER_MAX] = "", pw[STORE_PWHASH_MAX] = "";
	time_t now = time(NULL);
	pthread_mutex_lock(&mem_mu);
	for (int i = 0; i < MEM_SESSIONS; i++) {
		struct mem_session *m = &mem_sessions[i];
		if (m->expires > now &&
		    sodium_memcmp(m->token_hash, token_hash, WEB_TOKEN_HEX - 1) == 0) {
			snprintf(username, sizeof username, "%s", m->username);
			snprintf(pw, sizeof pw, "%s", m->password_hash);
			break;
		}
	}
	pthread_mutex_unlock(&mem_mu);
	if (!username[0] || store_user_get(rd, username, u) != 0)
		return 1;
	return u->active && strcmp(u->password_hash, pw) == 0 ? 0 : 1;
}

static void mem_failure_add(const char *username, const char *ip)
{
	pthread_mutex_lock(&mem_mu);
	struct mem_failure *f = &mem_failures[mem_next_failure];
	mem_next_failure = (mem_next_failure + 1) % MEM_FAILURES;
	snprintf(f->username, sizeof f->username, "%s", username);
	snprintf(f->ip, sizeof f->ip, "%s", ip);
	f->at = time(NULL);
	pthread_mutex_unlock(&mem_mu);
}

static void mem_failures_count(const char *username, const char *ip, int *by_user, int *by_ip)
{
	time_t since = time(NULL) - SIGNIN_WINDOW_S;
	pthread_mutex_lock(&mem_mu);
	for (int i = 0; i < MEM_FAILURES; i++) {
		const struct mem_failure *f = &mem_failures[i];
		if (f->at <= since || !f->at)
			continue;
		*by_user += strcmp(f->username, username) == 0;
		*by_ip += strcmp(f->ip, ip) == 0;
	}
	pthread_mutex_unlock(&mem_mu);
}

int auth_password_ok(const char *pw, struct app_error *err)
{
	size_t n = strlen(pw);
	if (!csv_text_ok(pw) || strpbrk(pw, "\r\n"))
		return app_fail(err, ERR_INPUT, "password", "the password must be UTF-8 text on one line");
	if (n < PASSWORD_MIN)
		return app_fail(err, ERR_INPUT, "password",
				"the password is too short: use at least %d characters (a few "
				"words together work well)",
				PASSWORD_MIN);
	if (n > PASSWORD_MAX)
		return app_fail(err, ERR_INPUT, "password", "the password is longer than %d bytes",
				PASSWORD_MAX);
	return 0;
}

int auth_hash_password(const char *pw, char out[STORE_PWHASH_MAX], struct app_error *err)
{
	if (auth_password_ok(pw, err) < 0)
		return -1;
	if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory hashing the password");
	return 0;
}

static bool secure_request(struct web_req *r)
{
	const char *proto = web_header(r, "X-Forwarded-Proto");
	return proto && strcasecmp(proto, "https") == 0;
}

bool auth_identify(struct web_req *r)
{
	const char *token = web_cookie(r, COOKIE_SESSION);
	if (!is_token(token))
		return false;
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	keyed_hex(KEY_SESSION, sizeof KEY_SESSION - 1, token, r->token_hash);
	struct user_rec u;
	int found = r->srv->read_only ? mem_session_user(r->rd, r->token_hash, &u)
				      : store_websession_user(r->rd, r->token_hash, now, &u);
	r->db_down = found < 0;
	if (found != 0 || account_from_user(&r->who, &u) < 0)
		return false;
	keyed_hex(KEY_CSRF, sizeof KEY_CSRF - 1, token, r->csrf);
	return true;
}

bool auth_csrf_ok(struct web_req *r)
{
	const char *given = (r->route && (r->route->flags & ROUTE_API))
				    ? web_header(r, "X-CSRF-Token")
				    : web_form_value(r, "csrf");
	return r->signed_in && same_token(given, r->csrf);
}

/* ---- signing in ---- */

struct signin {
	char username[STORE_USER_MAX];
	char ip[64];
	bool ok;
	int64_t user_id, school_id;
	char token[WEB_TOKEN_HEX], token_hash[WEB_TOKEN_HEX];
	/* the second factor: a right code to use once (has_code), or why the
	 * code was refused */
	bool has_code;
	struct twofactor_code code;
	const char *code_refused;
};

static const char CODE_WRONG[] = "that code is not right: check the 6 digits your "
				 "authenticator app shows now (the phone's clock must be right)";
static const char CODE_USED[] = "that code was used already: wait for the next one";

/* Uses the second factor's code, once; a code used already fails the
 * sign-in (and counts towards the limit like a wrong password). */
static int signin_code(struct store *s, struct signin *si, const char *now)
{
	if (!si->ok || !si->has_code)
		return 0;
	int rc = twofactor_use(s, si->user_id, &si->code, now);
	if (rc > 0) {
		si->ok = false;
		si->code_refused = si->code.recovery ? CODE_WRONG : CODE_USED;
	}
	return rc < 0 ? -1 : 0;
}

static int signin_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct signin *si = j->arg;
	struct store *s = srv->store;
	char now[CLOCK_ISO_LEN], expires[CLOCK_ISO_LEN];
	struct timespec t = clock_now();
	clock_iso_utc(t, now);
	t.tv_sec += WEB_SESSION_HOURS * 3600;
	clock_iso_utc(t, expires);
	char detail[160];
	if (signin_code(s, si, now) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	snprintf(detail, sizeof detail, "from %s%s%s", si->ip,
		 si->code_refused ? ": the second factor's code was refused"
		 : si->ok && si->has_code && si->code.recovery ? " with a recovery code" : "",
		 si->code_refused == CODE_USED ? " (used already)" : "");
	if (store_signin_record(s, si->username, si->ip, now, si->ok) < 0 ||
	    store_audit(s, si->school_id, now, si->username, si->ok ? "sign-in" : "sign-in failed",
			detail) < 0 ||
	    (si->ok && store_websession_insert(s, si->token_hash, si->user_id, si->school_id, now,
					       expires) < 0))
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	return 0;
}

/* The same on a read-only server: memory and the log, no database. */
static int signin_run_memory(struct server *srv, struct write_job *j, struct app_error *err)
{
	(void)err;
	struct signin *si = j->arg;
	web_log("%s %s from %s (read-only server)", si->ok ? "sign-in" : "sign-in failed",
		si->username, si->ip);
	struct user_rec u;
	if (si->ok && si->has_code && !twofactor_use_memory(si->user_id, &si->code)) {
		si->ok = false;
		si->code_refused = si->code.recovery ? "a recovery code cannot be used on this "
						       "read-only server: use your authenticator app"
						     : CODE_USED;
	}
	if (!si->ok) {
		mem_failure_add(si->username, si->ip);
	} else if (store_user_get(web_reader(srv), si->username, &u) == 0) {
		mem_session_add(si->token_hash, &u);
	} else {
		si->ok = false; /* gone since the check: not signed in */
	}
	return 0;
}

/* A hash to check against when the username is unknown, so that an
 * unknown name takes as long as a wrong password. */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];
static void make_dummy(void)
{
	char pw[WEB_TOKEN_HEX];
	new_token(pw);
	if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy_hash[0] = '\0';
}

/* The second factor of a user whose password (or ticket) was right: 0
 * with si->has_code (or no factor on), AUTH_NEED_CODE, or -1 answered. */
static int second_factor(struct web_req *r, struct auth_attempt *a, const struct user_rec *u,
			 struct signin *si)
{
	struct totp_rec t;
	int found = store_totp_get(r->rd, u->id, &t);
	if (found < 0)
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd)), -1;
	if (found == 1 || !t.on)
		return 0; /* none, or set up but never confirmed */
	if (!a->code || !*a->code) {
		twofactor_ticket(u, a->ticket_out);
		return AUTH_NEED_CODE;
	}
	struct app_error err = {0};
	int rc = twofactor_check(&t, a->code, true, &si->code, &err);
	if (rc < 0) {
		web_error(r, &err);
		return -1;
	}
	if (rc > 0) {
		si->ok = false;
		si->code_refused = rc == 2 ? CODE_USED : CODE_WRONG;
	} else {
		si->has_code = true;
	}
	return 0;
}

int auth_sign_in(struct web_req *r, struct auth_attempt *a,
		 int (*finish)(struct web_req *r, struct write_job *j))
{
	char from_ticket[STORE_USER_MAX];
	const char *username = a->username, *password = a->password;
	if (a->ticket && *a->ticket) {
		if (twofactor_ticket_user(a->ticket, from_ticket) < 0)
			return web_fail(r, ERR_INPUT, "ticket", "the sign-in was not recognised: sign in again");
		username = from_ticket;
	} else {
		if (!username || !*username || strlen(username) >= STORE_USER_MAX ||
		    !csv_text_ok(username))
			return web_fail(r, ERR_INPUT, "username", "enter your username");
		if (!password || !*password)
			return web_fail(r, ERR_INPUT, "password", "enter your password");
	}
	struct timespec t = clock_now();
	char since[CLOCK_ISO_LEN];
	t.tv_sec -= SIGNIN_WINDOW_S;
	clock_iso_utc(t, since);
	int by_user, by_ip;
	if (store_signin_failures(r->rd, username, r->ip, since, &by_user, &by_ip) < 0)
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	if (r->srv->read_only)
		mem_failures_count(username, r->ip, &by_user, &by_ip);
	if (by_user >= SIGNIN_FAILS_USER || by_ip >= SIGNIN_FAILS_IP) {
		web_fail(r, ERR_FORBIDDEN, "username",
			 "too many failed sign-ins: wait %d minutes and try again, or ask the "
			 "office to reset your password",
			 SIGNIN_WINDOW_S / 60);
		r->status = 429;
		web_add_header(r, "Retry-After", "%d", SIGNIN_WINDOW_S);
		return 0;
	}
	struct user_rec u;
	int found = store_user_get(r->rd, username, &u);
	if (found < 0)
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	if (a->ticket && *a->ticket && (found != 0 || !twofactor_ticket_ok(a->ticket, &u)))
		return web_fail(r, ERR_INPUT, "ticket",
				"the sign-in took too long or was not recognised: sign in again");
	struct signin *si = calloc(1, sizeof *si);
	struct write_job *j = calloc(1, sizeof *j);
	if (!si || !j) {
		free(si);
		free(j);
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	}
	if (found == 0) {
		si->ok = u.active && ((a->ticket && *a->ticket) ||
				      crypto_pwhash_str_verify(u.password_hash, password,
							       strlen(password)) == 0);
		si->user_id = u.id;
		si->school_id = u.school_id;
		int rc = si->ok ? second_factor(r, a, &u, si) : 0;
		if (rc != 0) {
			free(si);
			free(j);
			return rc < 0 ? 0 : rc;
		}
	} else {
		pthread_once(&dummy_once, make_dummy);
		if (crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
			si->ok = false; /* never: the dummy's password is random */
	}
	snprintf(si->username, sizeof si->username, "%s", username);
	snprintf(si->ip, sizeof si->ip, "%s", r->ip);
	if (si->ok) {
		new_token(si->token);
		keyed_hex(KEY_SESSION, sizeof KEY_SESSION - 1, si->token, si->token_hash);
	}
	j->run = r->srv->read_only ? signin_run_memory : signin_run;
	j->no_database = r->srv->read_only;
	j->finish = finish;
	j->arg = si;
	j->free_arg = free;
	return web_defer(r, j);
}

const char *auth_code_refused(const struct write_job *j)
{
	const struct signin *si = j->arg;
	return si->ok ? NULL : si->code_refused;
}

void auth_signed_in(struct web_req *r, struct write_job *j)
{
	struct signin *si = j->arg;
	if (j->rc < 0 || !si->ok)
		return;
	auth_session_set(r, si->token, si->username);
}

void auth_session_set(struct web_req *r, const char *token, const char *username)
{
	web_add_header(r, "Set-Cookie", COOKIE_SESSION "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
		       token, WEB_SESSION_HOURS * 3600, secure_request(r) ? "; Secure" : "");
	keyed_hex(KEY_SESSION, sizeof KEY_SESSION - 1, token, r->token_hash);
	keyed_hex(KEY_CSRF, sizeof KEY_CSRF - 1, token, r->csrf);
	struct user_rec u;
	if (store_user_get(r->rd, username, &u) == 0 && account_from_user(&r->who, &u) == 0)
		r->signed_in = true;
}

int auth_session_start(struct store *s, int64_t user_id, int64_t school_id,
		       char token[WEB_TOKEN_HEX], struct app_error *err)
{
	char hash[WEB_TOKEN_HEX], now[CLOCK_ISO_LEN], expires[CLOCK_ISO_LEN];
	struct timespec t = clock_now();
	clock_iso_utc(t, now);
	t.tv_sec += WEB_SESSION_HOURS * 3600;
	clock_iso_utc(t, expires);
	new_token(token);
	keyed_hex(KEY_SESSION, sizeof KEY_SESSION - 1, token, hash);
	if (store_websession_insert(s, hash, user_id, school_id, now, expires) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	return 0;
}

/* ---- signing out ---- */

static int signout_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct web_req *r = j->arg;
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	if (store_websession_delete(srv->store, r->token_hash) < 0 ||
	    store_audit(srv->store, r->who.school_id, now, r->who.username, "sign-out", "") < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(srv->store));
	return 0;
}

static int signout_run_memory(struct server *srv, struct write_job *j, struct app_error *err)
{
	(void)srv;
	(void)err;
	struct web_req *r = j->arg;
	mem_session_end(r->token_hash);
	web_log("sign-out %s (read-only server)", r->who.username);
	return 0;
}

int auth_sign_out(struct web_req *r, int (*finish)(struct web_req *r, struct write_job *j))
{
	struct write_job *j = calloc(1, sizeof *j);
	if (!j)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	j->run = r->srv->read_only ? signout_run_memory : signout_run;
	j->no_database = r->srv->read_only;
	j->finish = finish;
	j->arg = r; /* the request outlives its job */
	return web_defer(r, j);
}

void auth_clear_cookie(struct web_req *r)
{
	web_add_header(r, "Set-Cookie", COOKIE_SESSION "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

/* ---- the sign-in form's own CSRF token (double-submit cookie) ---- */

const char *auth_form_token(struct web_req *r, const char *cookie, const char *path)
{
	const char *have = web_cookie(r, cookie);
	if (is_token(have)) {
		snprintf(r->csrf, sizeof r->csrf, "%s", have);
		return r->csrf;
	}
	new_token(r->csrf);
	web_add_header(r, "Set-Cookie", "%s=%s; Path=%s; HttpOnly; SameSite=Strict; Max-Age=3600%s",
		       cookie, r->csrf, path, secure_request(r) ? "; Secure" : "");
	return r->csrf;
}

bool auth_form_token_ok(struct web_req *r, const char *cookie)
{
	return same_token(web_cookie(r, cookie), web_form_value(r, "csrf"));
}

const char *auth_signin_token(struct web_req *r)
{
	return auth_form_token(r, COOKIE_SIGNIN, "/signin");
}

bool auth_signin_token_ok(struct web_req *r)
{
	return auth_form_token_ok(r, COOKIE_SIGNIN);
}
