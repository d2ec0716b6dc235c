/* The sign-in form (GET/POST /signin) and signing out (POST /signout).
 * An account with a second factor gets a second step after a right
 * password: a form for the code, carrying a short-lived ticket (not the
 * password) to the next POST /signin. */
#include <string.h>

#include "app/totp.h"
#include "web/html.h"
#include "web/web.h"

/* Where to go after signing in: a path on this site only. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 400)
		return "/";
	return next;
}

/* The start of both steps' forms: the heading, the message (its id
 * error_id), and the form with its CSRF token and where to go next. */
static void form_start(struct html *h, struct web_req *r, const char *title, const char *heading,
		       const char *message, const char *error_id)
{
	const char *token = auth_signin_token(r);
	html_begin(h, r, title);
	html_lit(h, "<section class=\"card narrow\"><h1>");
	html_txt(h, heading);
	html_lit(h, "</h1>");
	if (message) {
		html_lit(h, "<p class=\"flash bad\" role=\"alert\" id=\"");
		html_attr(h, error_id);
		html_lit(h, "\">");
		html_txt(h, message);
		html_lit(h, "</p>");
	}
	html_lit(h, "<form method=\"post\" action=\"/signin\" class=\"stack\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(h, token);
	html_lit(h, "\"><input type=\"hidden\" name=\"next\" value=\"");
	html_attr(h, safe_next(r->method == WEB_GET ? web_query(r, "next") : web_form_value(r, "next")));
	html_lit(h, "\">");
}

static int signin_form(struct web_req *r, int status, const char *message, const char *username)
{
	struct html h = {0};
	form_start(&h, r, "Sign in", "Sign in", message, "signin-error");
	html_lit(&h, "<label for=\"username\">Username</label>"
		     "<input id=\"username\" name=\"username\" autocomplete=\"username\" "
		     "autocapitalize=\"none\" spellcheck=\"false\" required autofocus value=\"");
	html_attr(&h, username ? username : "");
	html_lit(&h, "\"><label for=\"password\">Password</label>"
		     "<input id=\"password\" name=\"password\" type=\"password\" "
		     "autocomplete=\"current-password\" required>"
		     "<button type=\"submit\" class=\"primary\">Sign in</button></form></section>");
	html_end(&h, r);
	return html_send(&h, r, status);
}

/* The second step: the code from the authenticator app. */
static int code_form(struct web_req *r, int status, const char *message, const char *ticket)
{
	struct html h = {0};
	form_start(&h, r, "Sign in: your code", "Enter your code", message, "code-error");
	html_lit(&h, "<input type=\"hidden\" name=\"ticket\" value=\"");
	html_attr(&h, ticket);
	html_lit(&h, "\"><label for=\"code\">The 6-digit code your authenticator app shows now</label>"
		     "<input id=\"code\" name=\"code\" inputmode=\"numeric\" "
		     "autocomplete=\"one-time-code\" autocapitalize=\"none\" spellcheck=\"false\" "
		     "required autofocus aria-describedby=\"code-hint");
	if (message)
		html_lit(&h, " code-error");
	html_lit(&h, "\"><p class=\"hint\" id=\"code-hint\">Lost your phone? Enter one of the recovery "
		     "codes you were given instead, or ask the school office to reset your "
		     "second step.</p>"
		     "<button type=\"submit\" class=\"primary\">Sign in</button></form>"
		     "<p><a href=\"/signin\">Start again</a></p></section>");
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_signin_get(struct web_req *r)
{
	if (r->signed_in)
		return web_redirect(r, "/");
	return signin_form(r, 200, NULL, NULL);
}

static int signed_in(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	auth_signed_in(r, j);
	const char *ticket = web_form_value(r, "ticket"), *refused = auth_code_refused(j);
	if (!r->signed_in && refused && ticket && *ticket)
		return code_form(r, 401, refused, ticket);
	if (!r->signed_in)
		return signin_form(r, 401, refused ? refused : "The username or password is wrong.",
				   web_form_value(r, "username"));
	return web_redirect(r, safe_next(web_form_value(r, "next")));
}

int page_signin_post(struct web_req *r)
{
	if (!auth_signin_token_ok(r))
		return signin_form(r, 403, "The sign-in form had expired: please try again.",
				   web_form_value(r, "username"));
	struct auth_attempt a = {.username = web_form_value(r, "username"),
				 .password = web_form_value(r, "password"),
				 .ticket = web_form_value(r, "ticket"),
				 .code = web_form_value(r, "code")};
	char typed[TOTP_RECOVERY_SHOWN];
	if (a.ticket && *a.ticket && totp_input_parse(a.code, typed) == TOTP_INPUT_BAD)
		return code_form(r, 400, "The code is the 6 digits your authenticator app shows, or "
					 "one of your recovery codes (like abcde-fghij).",
				 a.ticket);
	int rc = auth_sign_in(r, &a, signed_in);
	if (rc == AUTH_NEED_CODE)
		return code_form(r, 200, NULL, a.ticket_out);
	if (rc == 0 && r->status >= 400 && r->status != 429 && a.ticket && *a.ticket)
		return signin_form(r, r->status, r->last_error, NULL);
	if (rc == 0 && r->status >= 400) /* refused before checking: show the form again */
		return signin_form(r, r->status, r->status == 429
							 ? "Too many failed sign-ins: wait 15 minutes and try again."
							 : "Enter your username and password.",
				   web_form_value(r, "username"));
	return rc;
}

static int signed_out(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	auth_clear_cookie(r);
	r->signed_in = false;
	return web_redirect(r, "/signin");
}

int page_signout_post(struct web_req *r)
{
	return auth_sign_out(r, signed_out);
}
