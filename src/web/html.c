#include "web/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/escape.h"
#include "web/family.h"
#include "web/static.h"
#include "web/web.h"

static void reserve(struct html *h, size_t more)
{
	if (h->oom || h->len + more + 1 <= h->cap)
		return;
	size_t cap = h->cap ? h->cap : 4096;
	while (cap < h->len + more + 1)
		cap *= 2;
	char *b = realloc(h->buf, cap);
	if (!b) {
		h->oom = true;
		return;
	}
	h->buf = b;
	h->cap = cap;
}

void html_raw_(struct html *h, const char *s, size_t n)
{
	reserve(h, n);
	if (h->oom)
		return;
	memcpy(h->buf + h->len, s, n);
	h->len += n;
	h->buf[h->len] = '\0';
}

static int emit(void *ctx, const char *s, size_t n)
{
	html_raw_(ctx, s, n);
	return 0;
}

void html_txt(struct html *h, const char *s)
{
	if (s)
		escape_html(s, strlen(s), emit, h);
}

void html_txtf(struct html *h, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	html_txt(h, buf);
}

void html_int(struct html *h, long v)
{
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%ld", v);
	html_raw_(h, buf, (size_t)n);
}

void html_url_seg(struct html *h, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			html_raw_(h, (const char *)&c, 1);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			html_raw_(h, e, 3);
		}
	}
}

void html_day_form(struct html *h, const char *action, int day)
{
	char d[DATE_ISO_LEN];
	html_lit(h, "<form class=\"inline\" method=\"get\" action=\"");
	html_attr(h, action);
	html_lit(h, "\"><label>Day <input type=\"date\" name=\"date\" value=\"");
	html_attr(h, date_format(day, d));
	html_lit(h, "\"></label><button type=\"submit\">Show</button></form>");
}

void html_url_path(struct html *h, const char *s)
{
	for (;;) {
		size_t n = strcspn(s, "/");
		char seg[256];
		snprintf(seg, sizeof seg, "%.*s", (int)(n < sizeof seg ? n : sizeof seg - 1), s);
		html_url_seg(h, seg);
		if (!s[n])
			return;
		html_lit(h, "/");
		s += n + 1;
	}
}

char *html_long_date(int day, char out[40])
{
	static const char *months[] = {"January", "February", "March", "April", "May", "June",
				       "July", "August", "September", "October", "November",
				       "December"};
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(out, 40, "%s %d %s %d", date_weekday_name(date_weekday(day)), d, months[m - 1], y);
	return out;
}

void html_csrf(struct html *h, struct web_req *r)
{
	html_lit(h, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(h, r->csrf);
	html_lit(h, "\">");
}

struct nav_item {
	const char *href, *label;
	unsigned roles;
};

static const struct nav_item nav[] = {
	{"/today", "Today's registers", ROLES_STAFF},
	{"/office", "Office", ROLES_WHOLE_SCHOOL},
	{"/first-day", "First day", ROLES_WHOLE_SCHOOL},
	{"/tasks", "Tasks", ROLES_STAFF | ROLES_SAFEGUARDING},
	{"/outbox", "Outbox", ROLES_WHOLE_SCHOOL},
	{"/trust", "Trust", ROLES_TRUST},
	{"/stats", "Figures", ROLES_STAFF | ROLES_AGGREGATE},
	{"/dashboard", "Dashboard", ROLES_WHOLE_SCHOOL},
	{"/years", "Year groups", ROLES_WHOLE_SCHOOL | ROLE_BIT(ROLE_HEAD_OF_YEAR)},
	{"/forms", "Forms", ROLES_STAFF},
	{"/pupils", "Pupils", ROLES_STAFF},
	{"/cup", "Champions' Cup", ROLES_STAFF},
	{"/governors", "Governor report",
	 ROLES_LEADS | ROLES_AGGREGATE},
	{"/missing", "Missing now", ROLES_WHOLE_SCHOOL},
	{"/alerts", "Alerts", ROLES_STAFF | ROLES_SAFEGUARDING},
	{"/classes", "Classes", ROLES_WHOLE_SCHOOL},
	{"/schedule", "Checklist", ROLES_STAFF},
	{"/leading", "Leading", ROLES_LEADS},
	{"/plan", "Action plan", ROLE_BIT(ROLE_GOVERNOR)},
	{"/notifications", "Notifications", ROLES_WHOLE_SCHOOL | ROLES_SAFEGUARDING},
	{"/transition", "Transition", ROLES_WHOLE_SCHOOL | ROLE_BIT(ROLE_HEAD_OF_YEAR)},
	{"/downloads", "Downloads",
	 ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ATTENDANCE_LEAD) | ROLE_BIT(ROLE_OFFICE)},
	{"/casework", "Casework", ROLES_LEADS},
	{"/safeguarding/log", "Safeguarding log", ROLE_BIT(ROLE_DSL)},
	{"/parent-reports", "Parents' reports", ROLES_WHOLE_SCHOOL},
	{"/leave", "Leave", ROLES_WHOLE_SCHOOL},
};

void html_begin(struct html *h, struct web_req *r, const char *title)
{
	html_lit(h, "<!doctype html>\n<html lang=\"");
	html_attr(h, r->lang && strcmp(r->lang, "en") != 0 ? r->lang : "en-GB");
	html_lit(h, "\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>");
	html_txt(h, title);
	html_lit(h, " · attend</title><link rel=\"icon\" href=\"/static/icon.svg?v=");
	html_attr(h, static_etag("icon.svg"));
	html_lit(h, "\"><link rel=\"stylesheet\" href=\"/static/app.css?v=");
	html_attr(h, static_etag("app.css"));
	html_lit(h, "\"><script src=\"/static/app.js?v=");
	html_attr(h, static_etag("app.js"));
	html_lit(h, "\" defer></script></head>\n<body><a class=\"skip\" href=\"#main\">");
	html_ft(h, r->lang, FT_SKIP);
	html_lit(h, "</a><header class=\"top\"><a class=\"brand\" href=\"/\">attend</a>");
	if (r->signed_in && (ROLE_BIT(r->who.role) & ROLES_FAMILY)) {
		web_family_header(h, r);
	} else if (r->signed_in) {
		html_lit(h, "<nav>");
		for (size_t i = 0; i < sizeof nav / sizeof *nav; i++) {
			if (!(nav[i].roles & ROLE_BIT(r->who.role)))
				continue;
			html_lit(h, "<a href=\"");
			html_attr(h, nav[i].href);
			html_lit(h, "\">");
			html_txt(h, nav[i].label);
			html_lit(h, "</a>");
		}
		/* the school this session works in; /schools to choose another */
		html_lit(h, "</nav><a class=\"school\" href=\"/schools\" data-urn=\"");
		html_attr(h, r->srv->e.school.urn);
		html_lit(h, "\">");
		html_txt(h, r->srv->e.school.name);
		html_lit(h, "</a><form class=\"signout\" method=\"post\" action=\"/signout\">");
		html_csrf(h, r);
		html_lit(h, "<span class=\"who\">");
		html_txt(h, r->who.username);
		html_lit(h, " <small>");
		html_txt(h, role_label(r->who.role));
		html_lit(h, " · <a href=\"/account/2fa\">Two-step sign-in</a></small></span>"
			    "<button type=\"submit\">Sign out</button></form>");
	}
	html_lit(h, "</header>\n<main id=\"main\">");
}

void html_end(struct html *h, struct web_req *r)
{
	(void)r;
	html_lit(h, "</main></body></html>\n");
}

int html_send(struct html *h, struct web_req *r, int status)
{
	if (h->oom) {
		free(h->buf);
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory writing the page");
	}
	int rc = web_html(r, status, h->buf, h->len);
	h->buf = NULL;
	h->len = h->cap = 0;
	return rc;
}

void html_input(struct html *h, const char *label, const char *name, const char *type,
		const char *value, int maxlength, bool required)
{
	html_lit(h, "<label>");
	html_txt(h, label);
	html_lit(h, " <input name=\"");
	html_attr(h, name);
	html_lit(h, "\" type=\"");
	html_attr(h, type);
	html_lit(h, "\" value=\"");
	html_attr(h, value ? value : "");
	html_lit(h, "\"");
	if (maxlength > 0) {
		html_lit(h, " maxlength=\"");
		html_int(h, maxlength);
		html_lit(h, "\"");
	}
	if (required)
		html_lit(h, " required");
	html_lit(h, "></label>");
}

void html_textarea(struct html *h, const char *label, const char *name, const char *value,
		   int rows, int maxlength)
{
	html_lit(h, "<label>");
	html_txt(h, label);
	html_lit(h, " <textarea name=\"");
	html_attr(h, name);
	html_lit(h, "\" rows=\"");
	html_int(h, rows);
	html_lit(h, "\" maxlength=\"");
	html_int(h, maxlength);
	html_lit(h, "\">");
	html_txt(h, value ? value : "");
	html_lit(h, "</textarea></label>");
}
