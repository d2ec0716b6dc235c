/* Opening a family account with an invitation code: GET /invite (the code
 * form, or with ?code= the set-up form), POST /invite (the account is made,
 * or the child added to the signed-in parent's account), and POST
 * /api/invitations/redeem for programs. Public: the code is the key. A
 * code is 80 random bits, so guessing is no practical attack; what the
 * holder learns is the invited person's name and the child's first name. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "comms/lang.h"
#include "web/family.h"

#define COOKIE_INVITE "attend_invite"

/* What a valid code opens, for the set-up form. */
struct invite_view {
	struct family_invitation_rec inv;
	char who[STORE_NAME_MAX + 64]; /* "Jane Adams (mother)", or the pupil's name */
	char child[STORE_NAME_MAX];    /* the child's first name */
	char email[STORE_EMAIL_MAX];   /* a suggested username */
	const char *lang;
};

static int invite_view(struct web_req *r, const char *code, struct invite_view *v,
		       struct app_error *err)
{
	memset(v, 0, sizeof *v);
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	if (family_invitation_check(r->rd, code, now, &v->inv, err) < 0)
		return -1;
	if (v->inv.school_id != r->srv->e.school.id)
		return app_fail(err, ERR_NOT_FOUND, "code",
				"that code is for another school: open attend at that school's address");
	pthread_rwlock_rdlock(&r->srv->lock);
	int row = engine_row_of_id(&r->srv->e, v->inv.pupil_id, DATE_INVALID, -1);
	if (row >= 0) {
		const struct pupil_row *p = &r->srv->e.m.rows[row];
		snprintf(v->child, sizeof v->child, "%s", p->forename);
		if (!v->inv.contact_id)
			snprintf(v->who, sizeof v->who, "%s %s", p->forename, p->surname);
	}
	pthread_rwlock_unlock(&r->srv->lock);
	if (row < 0)
		return app_fail(err, ERR_INPUT, "code", "the pupil of this invitation is no longer on "
						       "the school's roll: ask the school office");
	char fallback[8] = "en";
	if (v->inv.contact_id) {
		struct contact_rec c;
		bool removed;
		if (store_contact_get(r->rd, r->srv->e.school.id, v->inv.contact_id, &c, &removed) == 0) {
			snprintf(v->who, sizeof v->who, "%s (%s)", c.name, c.relationship);
			snprintf(v->email, sizeof v->email, "%s", account_username_ok(c.email) ? c.email : "");
			snprintf(fallback, sizeof fallback, "%s", ft_lang(c.language));
		}
	}
	v->lang = web_family_lang(r, fallback);
	return 0;
}

static void text_input(struct html *h, const char *lang, const char *name, const char *type,
		       enum ft label, enum ft hint, const char *value, const char *autocomplete,
		       const struct app_error *err)
{
	struct family_input in = {name, type, value, autocomplete, label, hint, true};
	family_input(h, lang, &in, err);
}

static void lang_link(struct html *h, struct web_req *r, const char *lang)
{
	const char *other = strcmp(lang, "pl") == 0 ? "en" : "pl";
	html_lit(h, "<p class=\"lang\"><a href=\"/language?to=");
	html_attr(h, other);
	html_lit(h, "&amp;next=");
	html_url_seg(h, "/invite");
	html_lit(h, "\" lang=\"");
	html_attr(h, other);
	html_lit(h, "\">");
	html_ft(h, lang, FT_OTHER_LANGUAGE_NAME);
	html_lit(h, "</a></p>");
	(void)r;
}

/* The code form: the first step, or again with what was wrong. */
static int code_form(struct web_req *r, const char *code, const struct app_error *err, int status)
{
	const char *lang = r->lang ? r->lang : web_family_lang(r, "en");
	struct html h = {0};
	html_begin(&h, r, ft(lang, FT_INVITE_TITLE));
	html_lit(&h, "<section class=\"card narrow\"><h1>");
	html_ft(&h, lang, FT_INVITE_TITLE);
	html_lit(&h, "</h1>");
	if (err && err->kind) {
		html_lit(&h, "<p class=\"flash bad\" role=\"alert\">");
		html_txt(&h, err->message);
		html_lit(&h, "</p>");
	}
	html_lit(&h, "<p>");
	html_ft(&h, lang, FT_INVITE_INTRO);
	html_lit(&h, "</p><form method=\"get\" action=\"/invite\" class=\"stack\">");
	text_input(&h, lang, "code", "text", FT_INVITE_CODE, FT_INVITE_CODE_HINT, code, "one-time-code",
		   NULL);
	html_lit(&h, "<button type=\"submit\" class=\"primary\">");
	html_ft(&h, lang, FT_CONTINUE);
	html_lit(&h, "</button></form>");
	lang_link(&h, r, lang);
	html_lit(&h, "</section>");
	html_end(&h, r);
	return html_send(&h, r, status);
}

/* The set-up form for a valid code. */
static int setup_form(struct web_req *r, const char *code, const struct invite_view *v,
		      const char *username, const struct app_error *err, int status)
{
	const char *lang = v->lang;
	char until[64];
	struct html h = {0};
	const char *token = r->signed_in ? NULL : auth_form_token(r, COOKIE_INVITE, "/invite");
	html_begin(&h, r, ft(lang, FT_INVITE_TITLE));
	html_lit(&h, "<section class=\"card narrow\"><h1>");
	html_ft(&h, lang, FT_INVITE_TITLE);
	html_lit(&h, "</h1>");
	if (err && err->kind) {
		html_lit(&h, "<div class=\"flash bad\" role=\"alert\"><p><a href=\"#");
		html_attr(&h, err->field[0] ? err->field : "main");
		html_lit(&h, "\">");
		html_txt(&h, err->message);
		html_lit(&h, "</a></p></div>");
	}
	html_lit(&h, "<p>");
	if (v->inv.contact_id)
		html_ft(&h, lang, FT_INVITE_FOR_PARENT, v->who, v->child);
	else
		html_ft(&h, lang, FT_INVITE_FOR_PUPIL, v->who);
	html_lit(&h, " ");
	char local[CLOCK_ISO_LEN];
	clock_local_display(v->inv.expires_at, local);
	local[10] = '\0'; /* the school-local day it ends */
	html_ft(&h, lang, FT_INVITE_EXPIRES, lang_date(lang, date_parse(local), until, sizeof until));
	html_lit(&h, "</p><form method=\"post\" action=\"/invite\" class=\"stack\">"
		     "<input type=\"hidden\" name=\"code\" value=\"");
	html_attr(&h, code);
	html_lit(&h, "\"><input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(&h, r->signed_in ? r->csrf : token);
	html_lit(&h, "\">");
	if (r->signed_in) {
		html_lit(&h, "<input type=\"hidden\" name=\"mode\" value=\"link\"><p>");
		html_ft(&h, lang, FT_ADD_TO_ACCOUNT_Q, r->who.username, v->child);
		html_lit(&h, "</p><button type=\"submit\" class=\"primary\">");
		html_ft(&h, lang, FT_ADD_TO_ACCOUNT);
	} else {
		text_input(&h, lang, "username", "text", FT_USERNAME, FT_USERNAME_HINT,
			   username ? username : v->email, "username", err);
		text_input(&h, lang, "password", "password", FT_PASSWORD, FT_PASSWORD_HINT, "",
			   "new-password", err);
		text_input(&h, lang, "password2", "password", FT_PASSWORD_AGAIN, FT__MAX, "",
			   "new-password", err);
		html_lit(&h, "<button type=\"submit\" class=\"primary\">");
		html_ft(&h, lang, FT_CREATE_ACCOUNT);
	}
	html_lit(&h, "</button></form>");
	lang_link(&h, r, lang);
	html_lit(&h, "</section>");
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_invite_get(struct web_req *r)
{
	web_family_lang(r, "en");
	const char *code = web_query(r, "code");
	if (!code || !*code)
		return code_form(r, NULL, NULL, 200);
	struct invite_view v;
	struct app_error err = {0};
	if (invite_view(r, code, &v, &err) < 0)
		return code_form(r, code, &err, web_status_of(err.kind));
	return setup_form(r, code, &v, NULL, NULL, 200);
}

/* ---- using the code ---- */

struct redeem_job {
	char code[FAMILY_CODE_LEN];
	char username[STORE_USER_MAX];
	char password_hash[STORE_PWHASH_MAX];
	bool link; /* to the signed-in account */
	struct account existing;
	int64_t user_id;
	char token[WEB_TOKEN_HEX];
	char role[STORE_ROLE_MAX];
	bool api;
};

static int redeem_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct redeem_job *rj = j->arg;
	struct family_redeem rq = {.code = rj->code,
				   .username = rj->username,
				   .password_hash = rj->password_hash,
				   .existing = rj->link ? &rj->existing : NULL};
	if (family_redeem_write(&srv->e, &rq, &rj->user_id, err) < 0)
		return -1;
	struct user_rec u;
	if (store_user_get(srv->store, rj->link ? rj->existing.username : rj->username, &u) != 0)
		return app_fail(err, ERR_INTERNAL, NULL, "the new account is missing");
	snprintf(rj->role, sizeof rj->role, "%s", u.role);
	/* A new account is signed in at once (not through the API). */
	if (!rj->link && !rj->api)
		return auth_session_start(srv->store, u.id, srv->e.school.id, rj->token, err);
	return 0;
}

static void redeem_free(void *arg)
{
	struct redeem_job *rj = arg;
	sodium_memzero(rj, sizeof *rj);
	free(rj);
}

static int redeemed(struct web_req *r, struct write_job *j)
{
	struct redeem_job *rj = j->arg;
	if (j->rc < 0) {
		if (rj->api)
			return web_error(r, &j->err);
		struct invite_view v;
		struct app_error err = {0};
		if (invite_view(r, rj->code, &v, &err) < 0)
			return code_form(r, rj->code, &err, web_status_of(err.kind));
		return setup_form(r, rj->code, &v, rj->username, &j->err, web_status_of(j->err.kind));
	}
	if (rj->api)
		return web_json(r, 201, json_pack("{s:s, s:s}", "username",
						  rj->link ? rj->existing.username : rj->username,
						  "role", rj->role));
	const char *home = strcmp(rj->role, "pupil") == 0 ? "/me" : "/family";
	char to[64];
	if (rj->link) {
		snprintf(to, sizeof to, "%s?done=added", home);
	} else {
		auth_session_set(r, rj->token, rj->username);
		snprintf(to, sizeof to, "%s?done=account", home);
	}
	return web_redirect(r, to);
}

/* Checks the fields (in the family's language) and queues the account. */
static int redeem(struct web_req *r, const char *code, const char *username, const char *password,
		  const char *password2, bool link, bool api)
{
	struct app_error err = {0};
	struct invite_view v;
	if (invite_view(r, code, &v, &err) < 0)
		return api ? web_error(r, &err) : code_form(r, code, &err, web_status_of(err.kind));
	const char *lang = v.lang;
	struct redeem_job *rj = calloc(1, sizeof *rj);
	if (!rj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	rj->api = api;
	rj->link = link;
	family_code_normalise(code, rj->code, &err);
	if (link) {
		if (!r->signed_in) {
			app_fail(&err, ERR_FORBIDDEN, "mode", "sign in first to add a child to your account");
			goto fail;
		}
		rj->existing = r->who;
	} else {
		if (r->signed_in) {
			app_fail(&err, ERR_INPUT, "username",
				 "you are signed in as %s: sign out first to make a new account",
				 r->who.username);
			goto fail;
		}
		if (!account_username_ok(username)) {
			app_fail(&err, ERR_INPUT, "username", "%s", ft(lang, FT_ERR_USERNAME));
			goto fail;
		}
		snprintf(rj->username, sizeof rj->username, "%s", username);
		if (!password || strlen(password) < 8) {
			app_fail(&err, ERR_INPUT, "password", "%s", ft(lang, FT_ERR_PASSWORD_SHORT));
			goto fail;
		}
		if (!api && (!password2 || strcmp(password, password2) != 0)) {
			app_fail(&err, ERR_INPUT, "password2", "%s", ft(lang, FT_ERR_PASSWORDS_DIFFER));
			goto fail;
		}
		/* argon2id here, on the request's thread, not the writer's */
		if (auth_hash_password(password, rj->password_hash, &err) < 0)
			goto fail;
	}
	return web_write(r, redeem_run, rj, redeem_free, redeemed, NULL);
fail:
	redeem_free(rj);
	if (api)
		return web_error(r, &err);
	return setup_form(r, code, &v, username, &err, web_status_of(err.kind));
}

int page_invite_post(struct web_req *r)
{
	web_family_lang(r, "en");
	const char *mode = web_form_value(r, "mode");
	bool link = mode && strcmp(mode, "link") == 0;
	/* A signed-in account's form carries its session's token; a new
	 * account's the invitation form's cookie. */
	if (link ? !auth_csrf_ok(r) : !auth_form_token_ok(r, COOKIE_INVITE)) {
		struct app_error err = {0};
		app_fail(&err, ERR_FORBIDDEN, "csrf",
			 "this form has expired or did not come from attend: reload the page and "
			 "try again");
		return code_form(r, web_form_value(r, "code"), &err, 403);
	}
	return redeem(r, web_form_value(r, "code"), web_form_value(r, "username"),
		      web_form_value(r, "password"), web_form_value(r, "password2"), link, false);
}

int api_invitation_redeem(struct web_req *r)
{
	struct app_error err = {0};
	json_t *body = web_json_body(r, &err);
	if (!body)
		return web_error(r, &err);
	const char *code = json_string_value(json_object_get(body, "code"));
	const char *username = json_string_value(json_object_get(body, "username"));
	const char *password = json_string_value(json_object_get(body, "password"));
	int rc;
	if (!code)
		rc = web_fail(r, ERR_INPUT, "code", "code is required (the invitation's code)");
	else
		rc = redeem(r, code, username, password, NULL, false, true);
	json_decref(body);
	return rc;
}
