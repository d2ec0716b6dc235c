/* Answers: JSON, pages, redirects, and errors in the form the route speaks
 * ({"error","field"} for the API, a page for people). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web/html.h"
#include "web/web.h"

int web_status_of(enum err_kind kind)
{
	static const int status[ERR__MAX] = {
		[ERR_NONE] = 200,      [ERR_INPUT] = 400,     [ERR_NOT_FOUND] = 404,
		[ERR_CONFLICT] = 409,  [ERR_FORBIDDEN] = 403, [ERR_TOO_LARGE] = 413,
		[ERR_INTERNAL] = 500,
	};
	return (unsigned)kind < ERR__MAX ? status[kind] : 500;
}

/* The answer's body (taken), status and type. */
static int answer(struct web_req *r, int status, char *body, size_t len, const char *ctype)
{
	free(r->out);
	r->out = body;
	r->out_len = len;
	r->status = status;
	r->ctype = ctype;
	return 0;
}

int web_json(struct web_req *r, int status, json_t *body)
{
	char *text = body ? json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
	json_decref(body);
	if (!text)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory writing the answer");
	return answer(r, status, text, strlen(text), "application/json");
}

int web_html(struct web_req *r, int status, char *html, size_t len)
{
	return answer(r, status, html, len, "text/html; charset=utf-8");
}

int web_bytes(struct web_req *r, int status, const char *ctype, void *data, size_t len)
{
	return answer(r, status, data, len, ctype);
}

int web_redirect(struct web_req *r, const char *location)
{
	/* Only paths on this site: never an open redirect. */
	if (location[0] != '/' || location[1] == '/' || location[1] == '\\')
		location = "/";
	web_add_header(r, "Location", "%s", location);
	return answer(r, 303, NULL, 0, NULL);
}

static bool wants_json(struct web_req *r)
{
	if (r->route)
		return r->route->flags & ROUTE_API;
	return strncmp(r->path, "/api/", 5) == 0;
}

int web_error(struct web_req *r, const struct app_error *err)
{
	int status = web_status_of(err->kind);
	const char *msg = err->message;
	snprintf(r->last_error, sizeof r->last_error, "%s", err->message);
	if (err->kind == ERR_INTERNAL) {
		/* The details are for the log, not for the browser. */
		web_log("error \"%s %s\": %s%s%s", web_method_name(r->method), r->path,
			err->field[0] ? err->field : "", err->field[0] ? ": " : "", err->message);
		msg = "the server could not do this (the error is logged); nothing was saved";
	}
	if (wants_json(r))
		return web_json(r, status,
				json_pack("{s:s, s:o}", "error", msg, "field",
					  err->field[0] ? json_string(err->field) : json_null()));
	struct html h = {0};
	static const char *titles[] = {[400] = "That didn't work", [401] = "Please sign in",
				       [403] = "Not for your account", [404] = "Not found",
				       [409] = "That clashes with something",
				       [413] = "Too much at once", [500] = "Something went wrong"};
	const char *title = status < 501 && titles[status] ? titles[status] : "Error";
	html_begin(&h, r, title);
	html_lit(&h, "<section class=\"card error\"><h1>");
	html_txt(&h, title);
	html_lit(&h, "</h1><p role=\"alert\">");
	html_txt(&h, msg);
	html_lit(&h, "</p><p><a href=\"/\">Back to the start</a></p></section>");
	html_end(&h, r);
	return html_send(&h, r, status);
}

int web_fail(struct web_req *r, enum err_kind kind, const char *field, const char *fmt, ...)
{
	struct app_error err = {0};
	err.kind = kind;
	snprintf(err.field, sizeof err.field, "%s", field ? field : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err.message, sizeof err.message, fmt, ap);
	va_end(ap);
	return web_error(r, &err);
}

json_t *web_json_body(struct web_req *r, struct app_error *err)
{
	const char *ct = web_header(r, "Content-Type");
	if (!ct || strncasecmp(ct, "application/json", 16) != 0) {
		app_fail(err, ERR_INPUT, "Content-Type", "the body must be JSON (Content-Type: application/json)");
		return NULL;
	}
	if (!r->body || !r->body_len) {
		app_fail(err, ERR_INPUT, "body", "the body is empty: a JSON object is expected");
		return NULL;
	}
	json_error_t je;
	/* jansson refuses invalid UTF-8 anywhere in the text. */
	json_t *j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		app_fail(err, ERR_INPUT, "body", "the body is not valid JSON (UTF-8): %s at line %d, column %d",
			 je.text, je.line, je.column);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		app_fail(err, ERR_INPUT, "body", "the body must be a JSON object");
		return NULL;
	}
	return j;
}
