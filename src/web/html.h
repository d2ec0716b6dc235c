/* Writing HTML: text and attribute values always go through the escaping
 * writers; raw output is only for string literals (html_lit), so nothing a
 * user typed can become markup. */
#ifndef ATTEND_HTML_H
#define ATTEND_HTML_H

#include <stdbool.h>
#include <stddef.h>

struct web_req;

struct html {
	char *buf;
	size_t len, cap;
	bool oom;
};

void html_raw_(struct html *h, const char *s, size_t n);
/* Literal markup: only a string literal compiles here. */
#define html_lit(h, s) html_raw_((h), "" s "", sizeof(s) - 1)
/* Text, escaped for element content and quoted attribute values alike. */
void html_txt(struct html *h, const char *s);
#define html_attr html_txt
/* printf, then escaped. */
void html_txtf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_int(struct html *h, long v);
/* A path segment for an href: percent-encoded, then escaped. */
void html_url_seg(struct html *h, const char *s);
/* The same for each '/'-separated part of s, the slashes kept (a class code
 * such as 10A/Ma1 in a {name*} route argument). */
void html_url_path(struct html *h, const char *s);

/* The page around a handler's content: head, navigation for the signed-in
 * role, and the end. */
void html_begin(struct html *h, struct web_req *r, const char *title);
void html_end(struct html *h, struct web_req *r);
/* A hidden CSRF field for a form of a signed-in page. */
void html_csrf(struct html *h, struct web_req *r);
/* Hands the page to the request (frees h's buffer or answers 500). */
int html_send(struct html *h, struct web_req *r, int status);

/* Shared bits of the register pages (page-today.c). */
struct register_status;
void web_status_text(struct html *h, const struct register_status *s);
void web_register_href(struct html *h, const char *form, int day, int session);

/* A GET form choosing a day for the page at action. */
void html_day_form(struct html *h, const char *action, int day);
/* "Thursday 27 November 2026" */
char *html_long_date(int day, char out[40]);

#endif
