/* A second factor for any account (TOTP, RFC 6238), and its reset:
 *   GET  /account/2fa            whether it is on; while being set up, the
 *                                secret (grouped for typing) and its URI
 *   POST /account/2fa/start      {password}: a new secret, pending until confirmed
 *   POST /account/2fa/confirm    {code}: switched on; the recovery codes,
 *                                shown this once
 *   POST /account/2fa/off        {password, code}: switched off
 *   POST /users/NAME/2fa/reset   {reason}: the office (family accounts) or
 *                                an admin (any account) takes it off, audited
 * and the same through /api/. Secrets and codes are never logged or audited. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "web/family.h"
#include "web/html.h"
#include "web/twofactor.h"

struct tf_job {
	int64_t user_id, school_id;
	char username[STORE_USER_MAX];
	char secret[TOTP_SECRET_B32];
	struct twofactor_code code;
	char codes[TOTP_RECOVERY_CODES][TOTP_RECOVERY_SHOWN];
	char hashes[TOTP_RECOVERY_CODES][STORE_CODEHASH_MAX];
	char target[STORE_USER_MAX];
	int64_t target_id;
	char reason[256];
};

static void clear_job(void *arg)
{
	sodium_memzero(arg, sizeof(struct tf_job));
	free(arg);
}

static const char *issuer(struct web_req *r)
{
	return r->srv->e.school.name[0] ? r->srv->e.school.name : "attend";
}

/* ---- the page ---- */

static void start_form(struct html *h, struct web_req *r, const char *button)
{
	html_lit(h, "<form method=\"post\" action=\"/account/2fa/start\" class=\"stack\">");
	html_csrf(h, r);
	html_lit(h, "<label for=\"start-password\">Your password</label><input id=\"start-password\" "
		    "name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
		    "<button type=\"submit\">");
	html_txt(h, button);
	html_lit(h, "</button></form>");
}

static void secret_section(struct html *h, struct web_req *r, const struct totp_rec *t)
{
	char grouped[64], uri[600];
	totp_secret_grouped(t->secret, grouped, sizeof grouped);
	if (totp_uri(issuer(r), r->who.username, t->secret, uri, sizeof uri) < 0)
		uri[0] = '\0';
	html_lit(h, "<h2>Set up your authenticator app</h2><ol class=\"stack\">"
		    "<li>In your authenticator app (for example Google Authenticator, Microsoft "
		    "Authenticator or FreeOTP), add an account and choose to enter a key. "
		    "Type this key (a time-based key):<p class=\"secret\"><code id=\"secret\">");
	html_txt(h, grouped);
	html_lit(h, "</code></p>On the phone itself, this link may open the app: <a id=\"otpauth\" href=\"");
	html_attr(h, uri);
	html_lit(h, "\">");
	html_txt(h, uri);
	html_lit(h, "</a></li><li>Enter the 6-digit code the app now shows, to check it works:"
		    "<form method=\"post\" action=\"/account/2fa/confirm\" class=\"stack\">");
	html_csrf(h, r);
	html_lit(h, "<label for=\"code\">Code</label><input id=\"code\" name=\"code\" "
		    "inputmode=\"numeric\" autocomplete=\"one-time-code\" required>"
		    "<button type=\"submit\" class=\"primary\">Switch on</button></form></li></ol>"
		    "<h2>Start again</h2>");
	start_form(h, r, "Start again with a new key");
}

static void on_section(struct html *h, struct web_req *r, const struct totp_rec *t)
{
	html_lit(h, "<p>Two-step sign-in is <strong>on</strong> (since ");
	html_when(h, t->enabled_at);
	html_lit(h, "). After your password, you enter the code your authenticator app shows.</p><p>");
	html_txtf(h, "You have %d recovery code%s left.", t->recovery_left,
		  t->recovery_left == 1 ? "" : "s");
	html_lit(h, " Each one signs you in once if you lose your phone.</p>"
		    "<h2>Switch it off</h2><form method=\"post\" action=\"/account/2fa/off\" class=\"stack\">");
	html_csrf(h, r);
	html_lit(h, "<label for=\"password\">Your password</label><input id=\"password\" "
		    "name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
		    "<label for=\"code\">A code from your app (or a recovery code)</label>"
		    "<input id=\"code\" name=\"code\" autocomplete=\"one-time-code\" required>"
		    "<button type=\"submit\">Switch off two-step sign-in</button></form>");
}

static int render(struct web_req *r, int status, const char *flash, bool good)
{
	struct totp_rec t;
	int found = store_totp_get(r->rd, r->who.id, &t);
	if (found < 0)
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	web_add_header(r, "Cache-Control", "no-store");
	struct html h = {0};
	html_begin(&h, r, "Two-step sign-in");
	html_lit(&h, "<section class=\"card narrow\"><h1>Two-step sign-in</h1>");
	if (flash) {
		if (good)
			html_lit(&h, "<p class=\"flash good\" role=\"status\">");
		else
			html_lit(&h, "<p class=\"flash bad\" role=\"alert\">");
		html_txt(&h, flash);
		html_lit(&h, "</p>");
	}
	if (found == 1) {
		html_lit(&h, "<p>Two-step sign-in is <strong>off</strong>. With it on, signing in needs "
			     "your password and a code from an app on your phone, so a password "
			     "someone else learns is not enough.</p>");
		start_form(&h, r, "Set up two-step sign-in");
	} else if (!t.on) {
		secret_section(&h, r, &t);
	} else {
		on_section(&h, r, &t);
	}
	html_lit(&h, "</section>");
	sodium_memzero(&t, sizeof t);
	html_end(&h, r);
	return html_send(&h, r, status);
}

static json_t *state_json(struct web_req *r, const struct totp_rec *t, int found)
{
	if (found == 1)
		return json_pack("{s:s}", "state", "off");
	if (t->on)
		return json_pack("{s:s, s:s, s:i}", "state", "on", "enabled_at", t->enabled_at,
				 "recovery_codes_left", t->recovery_left);
	char uri[600];
	if (totp_uri(issuer(r), r->who.username, t->secret, uri, sizeof uri) < 0)
		uri[0] = '\0';
	return json_pack("{s:s, s:s, s:s}", "state", "pending", "secret", t->secret, "uri", uri);
}

int page_account_2fa(struct web_req *r)
{
	if (!web_is_api(r)) {
		const char *done = web_query(r, "done");
		return render(r, 200,
			      done && strcmp(done, "off") == 0 ? "Two-step sign-in is off."
			      : done && strcmp(done, "started") == 0
				      ? "A new key is ready: add it to your app, then enter a code."
				      : NULL,
			      true);
	}
	struct totp_rec t;
	int found = store_totp_get(r->rd, r->who.id, &t);
	if (found < 0)
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	web_add_header(r, "Cache-Control", "no-store");
	int rc = web_json(r, 200, state_json(r, &t, found));
	sodium_memzero(&t, sizeof t);
	return rc;
}

/* A page's error: the page again with the message, else the usual answer. */
static int refuse(struct web_req *r, const struct app_error *err)
{
	if (web_is_api(r))
		return web_error(r, err);
	return render(r, web_status_of(err->kind), err->message, false);
}

static int answered(struct web_req *r, struct write_job *j)
{
	return j->rc < 0 ? refuse(r, &j->err) : -1;
}

/* ---- start ---- */

static int start_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct tf_job *x = j->arg;
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	int rc = store_totp_start(srv->store, x->user_id, x->school_id, x->secret, now);
	if (rc > 0)
		return app_fail(err, ERR_CONFLICT, NULL,
				"two-step sign-in is on already: switch it off first to use a new key");
	if (rc < 0 || store_audit(srv->store, x->school_id, now, x->username, "2fa setup",
				  "a new key for two-step sign-in, waiting for a code") < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(srv->store));
	return 0;
}

static int start_done(struct web_req *r, struct write_job *j)
{
	int rc = answered(r, j);
	if (rc >= 0)
		return rc;
	if (!web_is_api(r))
		return web_done(r, "/account/2fa", "started");
	struct tf_job *x = j->arg;
	char uri[600];
	if (totp_uri(issuer(r), x->username, x->secret, uri, sizeof uri) < 0)
		uri[0] = '\0';
	web_add_header(r, "Cache-Control", "no-store");
	return web_json(r, 200, json_pack("{s:s, s:s, s:s}", "state", "pending", "secret", x->secret,
					  "uri", uri));
}

/* The account's password, asked again before its sign-in changes. */
static int password_ok(struct web_req *r, const struct web_input *in, struct app_error *err)
{
	const char *pw = web_input_get(in, "password");
	struct user_rec u;
	if (!pw || !*pw)
		return app_fail(err, ERR_INPUT, "password", "enter your password");
	int rc = store_user_get(r->rd, r->who.username, &u);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	if (rc == 1 || crypto_pwhash_str_verify(u.password_hash, pw, strlen(pw)) != 0)
		return app_fail(err, ERR_INPUT, "password", "that password is not right");
	return 0;
}

static struct tf_job *job_for_me(struct web_req *r, struct web_input *in)
{
	struct tf_job *x = web_job_start(r, in, sizeof *x);
	if (x) {
		x->user_id = r->who.id;
		x->school_id = r->who.school_id;
		snprintf(x->username, sizeof x->username, "%s", r->who.username);
	}
	return x;
}

/* Queues the write, or answers err (rc < 0) through refused. */
static int queue(struct web_req *r, struct web_input *in, struct tf_job *x, int rc,
		 const struct app_error *err,
		 int (*run)(struct server *srv, struct write_job *j, struct app_error *err),
		 int (*finish)(struct web_req *r, struct write_job *j),
		 int (*refused)(struct web_req *r, const struct app_error *err))
{
	json_decref(in->json);
	in->json = NULL;
	if (rc < 0) {
		clear_job(x);
		return refused(r, err);
	}
	return web_write(r, run, x, clear_job, finish, NULL);
}

int page_account_2fa_start(struct web_req *r)
{
	struct web_input in;
	struct tf_job *x = job_for_me(r, &in);
	if (!x)
		return 0;
	struct app_error err = {0};
	int rc = password_ok(r, &in, &err);
	if (rc == 0)
		totp_new_secret(x->secret);
	return queue(r, &in, x, rc, &err, start_run, start_done, refuse);
}

/* ---- confirm ---- */

static int confirm_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct tf_job *x = j->arg;
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	int rc = store_totp_enable(srv->store, x->user_id, x->code.step, now);
	if (rc > 0)
		return app_fail(err, ERR_CONFLICT, "code",
				"there is no key waiting for a code (it is on already, or was reset)");
	if (rc < 0 ||
	    store_recovery_replace(srv->store, x->user_id, x->school_id, x->hashes,
				   TOTP_RECOVERY_CODES, now) < 0 ||
	    store_audit(srv->store, x->school_id, now, x->username, "2fa on",
			"two-step sign-in switched on, with new recovery codes") < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(srv->store));
	return 0;
}

static int confirm_done(struct web_req *r, struct write_job *j)
{
	int rc = answered(r, j);
	if (rc >= 0)
		return rc;
	struct tf_job *x = j->arg;
	web_add_header(r, "Cache-Control", "no-store");
	if (web_is_api(r)) {
		json_t *codes = json_array();
		for (int i = 0; i < TOTP_RECOVERY_CODES; i++)
			json_array_append_new(codes, json_string(x->codes[i]));
		return web_json(r, 200, json_pack("{s:s, s:o}", "state", "on", "recovery_codes", codes));
	}
	struct html h = {0};
	html_begin(&h, r, "Two-step sign-in is on");
	html_lit(&h, "<section class=\"card narrow\"><h1>Two-step sign-in is on</h1>"
		     "<p class=\"flash good\" role=\"status\">From now on, signing in asks for a code "
		     "from your app after your password.</p>"
		     "<h2>Your recovery codes</h2><p>If you lose your phone, each of these signs you "
		     "in once instead of a code. Write them down or print this page, and keep them "
		     "somewhere safe: <strong>they are shown only this once</strong>.</p>"
		     "<ul class=\"recovery-codes\">");
	for (int i = 0; i < TOTP_RECOVERY_CODES; i++) {
		html_lit(&h, "<li><code>");
		html_txt(&h, x->codes[i]);
		html_lit(&h, "</code></li>");
	}
	html_lit(&h, "</ul><p><a href=\"/\">Carry on</a></p></section>");
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int page_account_2fa_confirm(struct web_req *r)
{
	struct web_input in;
	struct tf_job *x = job_for_me(r, &in);
	if (!x)
		return 0;
	struct app_error err = {0};
	struct totp_rec t = {0};
	char typed[TOTP_RECOVERY_SHOWN];
	int rc;
	if (totp_input_parse(web_input_get(&in, "code"), typed) != TOTP_INPUT_CODE)
		rc = app_fail(&err, ERR_INPUT, "code",
			      "the code is the 6 digits your authenticator app shows");
	else if ((rc = store_totp_get(r->rd, x->user_id, &t)) < 0)
		rc = app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	else if (rc == 1 || t.on)
		rc = app_fail(&err, ERR_CONFLICT, "code",
			      rc == 1 ? "set up two-step sign-in first: there is no key to confirm"
				      : "two-step sign-in is on already");
	else if ((rc = twofactor_check(&t, web_input_get(&in, "code"), false, &x->code, &err)) > 0)
		rc = app_fail(&err, ERR_INPUT, "code",
			      "that code is not right: check the key was typed as shown and the "
			      "phone's clock is right, then enter the code the app shows now");
	sodium_memzero(&t, sizeof t);
	if (rc == 0)
		twofactor_recovery_new(x->codes, x->hashes);
	return queue(r, &in, x, rc, &err, confirm_run, confirm_done, refuse);
}

/* ---- off ---- */

static int off_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct tf_job *x = j->arg;
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	int rc = twofactor_use(srv->store, x->user_id, &x->code, now);
	if (rc > 0)
		return app_fail(err, ERR_INPUT, "code",
				x->code.recovery ? "that recovery code is not right (or was used)"
						 : "that code was used already: wait for the next one");
	if (rc < 0 || (rc = store_totp_delete(srv->store, x->user_id)) < 0 ||
	    store_audit(srv->store, x->school_id, now, x->username, "2fa off",
			"two-step sign-in switched off") < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(srv->store));
	return 0;
}

static int off_done(struct web_req *r, struct write_job *j)
{
	int rc = answered(r, j);
	if (rc >= 0)
		return rc;
	if (web_is_api(r))
		return web_json(r, 200, json_pack("{s:s}", "state", "off"));
	return web_done(r, "/account/2fa", "off");
}

int page_account_2fa_off(struct web_req *r)
{
	struct web_input in;
	struct tf_job *x = job_for_me(r, &in);
	if (!x)
		return 0;
	struct app_error err = {0};
	struct totp_rec t = {0};
	char typed[TOTP_RECOVERY_SHOWN];
	int rc = password_ok(r, &in, &err);
	if (rc == 0 && totp_input_parse(web_input_get(&in, "code"), typed) == TOTP_INPUT_BAD)
		rc = app_fail(&err, ERR_INPUT, "code",
			      "the code is the 6 digits your authenticator app shows, or one of your "
			      "recovery codes (like abcde-fghij)");
	if (rc == 0 && (rc = store_totp_get(r->rd, x->user_id, &t)) < 0)
		rc = app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	else if (rc == 1 || (rc == 0 && !t.on))
		rc = app_fail(&err, ERR_CONFLICT, NULL, "two-step sign-in is not on");
	else if (rc == 0 &&
		 (rc = twofactor_check(&t, web_input_get(&in, "code"), true, &x->code, &err)) > 0)
		rc = app_fail(&err, ERR_INPUT, "code",
			      rc == 2 ? "that code was used already: wait for the next one"
				      : "that code is not right: enter the code your app shows now");
	sodium_memzero(&t, sizeof t);
	return queue(r, &in, x, rc, &err, off_run, off_done, refuse);
}

/* ---- reset by the office or an admin ---- */

void web_2fa_reset_form(struct html *h, struct web_req *r, int64_t user_id, const char *username)
{
	struct totp_rec t;
	if (!(r->who.role == ROLE_ADMIN || r->who.role == ROLE_OFFICE) ||
	    store_totp_get(r->rd, user_id, &t) != 0 || !t.on)
		return;
	sodium_memzero(&t, sizeof t);
	char id[STORE_USER_MAX + 16];
	snprintf(id, sizeof id, "reset-2fa-%s", username);
	html_lit(h, "<form method=\"post\" class=\"resolve\" action=\"/users/");
	html_url_seg(h, username);
	html_lit(h, "/2fa/reset\">");
	html_csrf(h, r);
	html_lit(h, "<input type=\"hidden\" name=\"next\" value=\"");
	html_attr(h, r->path);
	html_lit(h, "\">");
	html_reason_field(h, id, "Why two-step sign-in is reset (a lost phone?)", true);
	html_lit(h, "<button type=\"submit\">Reset two-step sign-in</button></form>");
}

static int reset_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct tf_job *x = j->arg;
	char now[CLOCK_ISO_LEN], detail[400];
	clock_iso_utc(clock_now(), now);
	int rc = store_totp_delete(srv->store, x->target_id);
	if (rc > 0)
		return app_fail(err, ERR_NOT_FOUND, "name", "%s has no two-step sign-in to reset",
				x->target);
	snprintf(detail, sizeof detail, "reset the second factor of %s: %s", x->target, x->reason);
	if (rc < 0 || store_audit(srv->store, x->school_id, now, x->username, "2fa reset", detail) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(srv->store));
	return 0;
}

static int reset_done(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	struct tf_job *x = j->arg;
	if (web_is_api(r))
		return web_json(r, 200, json_pack("{s:s, s:s}", "username", x->target, "state", "off"));
	struct html h = {0};
	html_begin(&h, r, "Two-step sign-in reset");
	html_lit(&h, "<section class=\"card narrow\"><h1>Two-step sign-in reset</h1>"
		     "<p class=\"flash good\" role=\"status\">");
	html_txtf(&h, "%s now signs in with their password alone, and may set up two-step "
		      "sign-in again on a new phone.", x->target);
	html_lit(&h, "</p><p><a href=\"");
	html_attr(&h, web_next(r, "/"));
	html_lit(&h, "\">Back</a></p></section>");
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int page_user_2fa_reset(struct web_req *r)
{
	struct web_input in;
	struct tf_job *x = job_for_me(r, &in);
	if (!x)
		return 0;
	struct app_error err = {0};
	struct user_rec u;
	int rc = web_input_text(&in, "reason", x->reason, sizeof x->reason, 1, &err);
	if (rc == 0 && (rc = store_user_get(r->rd, r->args[0], &u)) < 0)
		rc = app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	else if (rc == 1 || (rc == 0 && u.school_id != r->who.school_id))
		rc = app_fail(&err, ERR_NOT_FOUND, "name", "there is no user %s", r->args[0]);
	else if (rc == 0 && r->who.role != ROLE_ADMIN && strcmp(u.role, "parent") != 0 &&
		 strcmp(u.role, "pupil") != 0)
		rc = app_fail(&err, ERR_FORBIDDEN, "name",
			      "the office resets family accounts only: ask an admin to reset a "
			      "staff account");
	if (rc == 0) {
		x->target_id = u.id;
		snprintf(x->target, sizeof x->target, "%s", u.username);
	}
	return queue(r, &in, x, rc, &err, reset_run, reset_done, web_error);
}
