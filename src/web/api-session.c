/* POST /api/session signs in ({"username","password"} -> {"csrf"} and the
 * session cookie; an account with a second factor also needs "code", the
 * authenticator app's 6 digits or a recovery code: 401 naming the field
 * "code" until it is given); DELETE /api/session signs out. */
#include "web/web.h"

static int signed_in(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	auth_signed_in(r, j);
	const char *code_refused = auth_code_refused(j);
	if (!r->signed_in && code_refused) {
		web_fail(r, ERR_FORBIDDEN, "code", "%s", code_refused);
		r->status = 401;
		return 0;
	}
	if (!r->signed_in) {
		web_fail(r, ERR_FORBIDDEN, "password", "the username or password is wrong");
		r->status = 401;
		return 0;
	}
	return web_json(r, 200,
			json_pack("{s:s, s:s, s:s}", "csrf", r->csrf, "username", r->who.username,
				  "role", role_name(r->who.role)));
}

int api_session_post(struct web_req *r)
{
	struct app_error err = {0};
	json_t *body = web_json_body(r, &err);
	if (!body)
		return web_error(r, &err);
	json_t *u = json_object_get(body, "username"), *p = json_object_get(body, "password"),
	       *c = json_object_get(body, "code");
	int rc;
	struct auth_attempt a = {0};
	if (!json_is_string(u)) {
		rc = web_fail(r, ERR_INPUT, "username", "username must be a string");
	} else if (!json_is_string(p)) {
		rc = web_fail(r, ERR_INPUT, "password", "password must be a string");
	} else if (c && !json_is_string(c)) {
		rc = web_fail(r, ERR_INPUT, "code", "code must be a string (the 6 digits, in quotes)");
	} else {
		a.username = json_string_value(u);
		a.password = json_string_value(p);
		a.code = c ? json_string_value(c) : NULL;
		rc = auth_sign_in(r, &a, signed_in);
		if (rc == AUTH_NEED_CODE) {
			web_fail(r, ERR_FORBIDDEN, "code", "a code from your authenticator app is needed");
			r->status = 401;
			rc = 0;
		}
	}
	json_decref(body);
	return rc;
}

static int signed_out(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	auth_clear_cookie(r);
	return web_json(r, 200, json_pack("{s:b}", "signed_out", 1));
}

int api_session_delete(struct web_req *r)
{
	return auth_sign_out(r, signed_out);
}
