/* The family pages' frame: the account's scope and language, the header
 * in that language, and the words families read for a mark or a figure. */
#include "web/family.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/leading.h"
#include "comms/lang.h"
#include "web/leading.h"

const char *web_family_lang(struct web_req *r, const char *fallback)
{
	const char *cookie = web_cookie(r, FAMILY_LANG_COOKIE);
	r->lang = ft_lang(ft_lang_ok(cookie) ? cookie : fallback);
	return r->lang;
}

int web_family_locked(struct web_req *r, int (*handler)(struct web_req *r))
{
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = handler(r);
	pthread_rwlock_unlock(&r->srv->lock);
	return rc;
}

int web_family_view(struct web_req *r, const struct family_child *ch, struct family_view *v,
		    struct app_error *err)
{
	int rc = family_view_build(r->rd, &r->srv->e, ch->row, web_today(), r->lang, v, err);
	if (rc < 0)
		family_view_free(v);
	else /* the self-assessment counts the accounts that look (leading's view
	      * log, which never names a pupil) */
		web_view_note(r, VIEW_FAMILY, "");
	return rc;
}

int web_family_pdf(struct web_req *r, struct outbox_rec *m, const char *name, int64_t id)
{
	if (!m->pdf_len) {
		outbox_rec_free(m);
		return web_fail(r, ERR_NOT_FOUND, NULL, "there is no page at %s", r->path);
	}
	web_add_header(r, "Content-Disposition", "inline; filename=\"%s-%lld.pdf\"", name,
		       (long long)id);
	void *pdf = m->pdf;
	size_t len = m->pdf_len;
	m->pdf = NULL;
	outbox_rec_free(m);
	return web_bytes(r, 200, "application/pdf", pdf, len);
}

int web_family_scope(struct web_req *r, struct family_scope *sc)
{
	struct app_error err = {0};
	int rc = family_scope_load(r->rd, &r->srv->e, &r->who, web_today(), sc, &err);
	web_family_lang(r, sc->language);
	if (rc < 0) {
		web_error(r, &err);
		return -1;
	}
	return 0;
}

const struct family_child *web_family_child(struct web_req *r, const struct family_scope *sc,
					    const char *upn)
{
	const struct family_child *ch = family_scope_find(sc, &r->srv->e, upn);
	if (!ch)
		/* The words of a UPN that does not exist: nothing is learnt. */
		web_fail(r, ERR_NOT_FOUND, "upn", "there is no page at %s", r->path);
	return ch;
}

const struct family_child *web_family_path_child(struct web_req *r, struct family_scope *sc)
{
	return web_family_scope(r, sc) < 0 ? NULL : web_family_child(r, sc, r->args[0]);
}

struct nav_item {
	const char *href;
	enum ft label;
	unsigned roles;
};

static const struct nav_item family_nav[] = {
	{"/family", FT_NAV_HOME, ROLE_BIT(ROLE_PARENT)},
	{"/family/absence", FT_NAV_REPORT, ROLE_BIT(ROLE_PARENT)},
	{"/family/leave", FT_NAV_LEAVE, ROLE_BIT(ROLE_PARENT)},
	{"/family/requests", FT_NAV_REQUESTS, ROLE_BIT(ROLE_PARENT)},
	{"/family/messages", FT_NAV_MESSAGES, ROLE_BIT(ROLE_PARENT)},
	{"/me", FT_NAV_ME, ROLE_BIT(ROLE_PUPIL)},
};

void web_family_header(struct html *h, struct web_req *r)
{
	const char *lang = r->lang;
	html_lit(h, "<nav aria-label=\"");
	html_attr(h, ft(lang, FT_NAV_LABEL));
	html_lit(h, "\">");
	for (size_t i = 0; i < sizeof family_nav / sizeof *family_nav; i++) {
		if (!(family_nav[i].roles & ROLE_BIT(r->who.role)))
			continue;
		bool here = strcmp(r->path, family_nav[i].href) == 0;
		html_lit(h, "<a href=\"");
		html_attr(h, family_nav[i].href);
		if (here)
			html_lit(h, "\" aria-current=\"page\">");
		else
			html_lit(h, "\">");
		html_ft(h, lang, family_nav[i].label);
		html_lit(h, "</a>");
	}
	/* The other language, named in itself. */
	html_lit(h, "<a href=\"/language?to=");
	html_attr(h, strcmp(ft_lang(lang), "pl") == 0 ? "en" : "pl");
	html_lit(h, "&amp;next=");
	html_url_seg(h, r->path);
	html_lit(h, "\" lang=\"");
	html_attr(h, strcmp(ft_lang(lang), "pl") == 0 ? "en" : "pl");
	html_lit(h, "\" hreflang=\"");
	html_attr(h, strcmp(ft_lang(lang), "pl") == 0 ? "en" : "pl");
	html_lit(h, "\">");
	html_ft(h, lang, FT_OTHER_LANGUAGE);
	html_lit(h, "</a></nav><form class=\"signout\" method=\"post\" action=\"/signout\">");
	html_csrf(h, r);
	html_lit(h, "<span class=\"who\">");
	html_ft(h, lang, FT_SIGNED_IN_AS, r->who.username);
	/* the account page is in English only, for now */
	html_lit(h, " <small><a href=\"/account/2fa\" lang=\"en\">Two-step sign-in</a></small>"
		    "</span><button type=\"submit\">");
	html_ft(h, lang, FT_SIGN_OUT);
	html_lit(h, "</button></form>");
}

void html_ft(struct html *h, const char *lang, enum ft id, ...)
{
	char buf[1200];
	va_list ap;
	va_start(ap, id);
	vsnprintf(buf, sizeof buf, ft(lang, id), ap);
	va_end(ap);
	html_txt(h, buf);
}

char *family_pct(const char *lang, int64_t pct100, char *buf, size_t len)
{
	return lang_pct(lang, pct100, buf, len);
}

char *family_mark_words(const char *lang, enum code c, int minutes_late, char *buf, size_t len)
{
	switch (code_category(c)) {
	case CAT_UNMARKED:
		return ftf(buf, len, lang, FT_MARK_NONE);
	case CAT_PRESENT:
		if (c == CODE_L && minutes_late > 0)
			return ftf(buf, len, lang, FT_MARK_LATE_MIN, minutes_late);
		return ftf(buf, len, lang, c == CODE_L ? FT_MARK_LATE : FT_MARK_PRESENT);
	case CAT_APPROVED:
		return ftf(buf, len, lang, FT_MARK_APPROVED);
	case CAT_NOT_POSSIBLE:
		return ftf(buf, len, lang, FT_MARK_NOT_EXPECTED);
	default:
		return ftf(buf, len, lang, FT_MARK_ABSENT, ft_code_name(lang, c));
	}
}

void family_field_error(struct html *h, const struct app_error *err, const char *name)
{
	if (err && err->kind && strcmp(err->field, name) == 0) {
		html_lit(h, "<p class=\"field-error\" id=\"");
		html_attr(h, name);
		html_lit(h, "-error\">");
		html_txt(h, err->message);
		html_lit(h, "</p>");
	}
}

void family_describedby(struct html *h, const struct app_error *err, const char *name, bool hint)
{
	bool bad = err && err->kind && strcmp(err->field, name) == 0;
	if (!bad && !hint)
		return;
	html_lit(h, " aria-describedby=\"");
	html_attr(h, name);
	if (bad)
		html_lit(h, "-error\" aria-invalid=\"true\"");
	else
		html_lit(h, "-hint\"");
}

void family_input(struct html *h, const char *lang, const struct family_input *in,
		  const struct app_error *err)
{
	html_lit(h, "<div class=\"field\"><label for=\"");
	html_attr(h, in->name);
	html_lit(h, "\">");
	html_ft(h, lang, in->label);
	html_lit(h, "</label>");
	if (in->hint != FT__MAX) {
		html_lit(h, "<p class=\"hint\" id=\"");
		html_attr(h, in->name);
		html_lit(h, "-hint\">");
		html_ft(h, lang, in->hint);
		html_lit(h, "</p>");
	}
	family_field_error(h, err, in->name);
	html_lit(h, "<input id=\"");
	html_attr(h, in->name);
	html_lit(h, "\" name=\"");
	html_attr(h, in->name);
	html_lit(h, "\" type=\"");
	html_attr(h, in->type);
	if (in->autocomplete) {
		/* what people type, not prose */
		html_lit(h, "\" autocapitalize=\"none\" spellcheck=\"false\" autocomplete=\"");
		html_attr(h, in->autocomplete);
	}
	html_lit(h, "\" value=\"");
	html_attr(h, in->value ? in->value : "");
	html_lit(h, "\"");
	if (in->required)
		html_lit(h, " required");
	family_describedby(h, err, in->name, in->hint != FT__MAX);
	html_lit(h, "></div>");
}
