/* The messages and letters the school sent a parent (from the outbox):
 * GET /family/messages, /family/messages/ID and the letter's PDF,
 * /family/messages/ID/pdf; GET /api/family/messages. A parent sees only
 * what was sent to them (the contact their account goes through): a
 * message to another contact, or about another pupil, is answered exactly
 * as one that does not exist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "web/family.h"

struct msg_list {
	struct outbox_rec *v;
	int n, cap;
	int64_t contact_id;
};

static int collect(void *ctx, const struct outbox_rec *m)
{
	struct msg_list *l = ctx;
	if (m->contact_id != l->contact_id)
		return 0;
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 16;
		struct outbox_rec *v = realloc(l->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n] = *m; /* lists carry no content to free */
	l->v[l->n].body = NULL;
	l->v[l->n].message = l->v[l->n].pdf = NULL;
	l->n++;
	return 0;
}

static int newest_first(const void *a, const void *b)
{
	const struct outbox_rec *x = a, *y = b;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/* Every message to the account's contacts, newest first. */
static int messages_of(struct web_req *r, const struct family_scope *sc, struct msg_list *l)
{
	memset(l, 0, sizeof *l);
	for (int i = 0; i < sc->n; i++) {
		if (!sc->child[i].contact_id)
			continue;
		l->contact_id = sc->child[i].contact_id;
		if (store_outbox_each(r->rd, r->srv->e.school.id, NULL, sc->child[i].pupil_id, collect,
				      l) < 0)
			return -1;
	}
	if (l->n > 1)
		qsort(l->v, (size_t)l->n, sizeof *l->v, newest_first);
	return 0;
}

static enum ft channel_label(const char *channel)
{
	return strcmp(channel, "sms") == 0 ? FT_CH_SMS : strcmp(channel, "email") == 0 ? FT_CH_EMAIL
										    : FT_CH_POST;
}

static enum ft status_label(const char *status)
{
	if (strcmp(status, "sent") == 0)
		return FT_MS_SENT;
	if (strcmp(status, "posted") == 0)
		return FT_MS_POSTED;
	if (strcmp(status, "to_print") == 0)
		return FT_MS_TO_PRINT;
	if (strcmp(status, "failed") == 0)
		return FT_MS_FAILED;
	return FT_MS_ON_ITS_WAY;
}

static const char *status_name(const char *status)
{
	if (strcmp(status, "sent") == 0 || strcmp(status, "posted") == 0)
		return "sent";
	if (strcmp(status, "failed") == 0)
		return "failed";
	return "on_its_way";
}

static int page_family_messages_locked(struct web_req *r)
{
	struct family_scope sc;
	if (web_family_scope(r, &sc) < 0)
		return 0;
	const char *lang = r->lang;
	struct msg_list l;
	if (messages_of(r, &sc, &l) < 0) {
		free(l.v);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	struct html h = {0};
	html_begin(&h, r, ft(lang, FT_MESSAGES_TITLE));
	html_lit(&h, "<h1>");
	html_ft(&h, lang, FT_MESSAGES_TITLE);
	html_lit(&h, "</h1>");
	if (l.n == 0) {
		html_lit(&h, "<p class=\"hint\">");
		html_ft(&h, lang, FT_MESSAGES_NONE);
		html_lit(&h, "</p>");
	} else {
		html_lit(&h, "<ul class=\"messages\">");
	}
	for (int i = 0; i < l.n; i++) {
		const struct outbox_rec *m = &l.v[i];
		char when[CLOCK_ISO_LEN], id[24];
		snprintf(id, sizeof id, "%lld", (long long)m->id);
		html_lit(&h, "<li class=\"card\"><h2><a href=\"/family/messages/");
		html_txt(&h, id);
		html_lit(&h, "\">");
		html_txt(&h, m->subject[0] ? m->subject : ft(lang, channel_label(m->channel)));
		html_lit(&h, "</a></h2><p class=\"hint\">");
		html_ft(&h, lang, channel_label(m->channel));
		html_lit(&h, " · ");
		html_txt(&h, clock_local_display(m->sent_at[0] ? m->sent_at : m->queued_at, when));
		html_lit(&h, " · ");
		html_ft(&h, lang, status_label(m->status));
		html_lit(&h, "</p>");
		if (m->has_pdf) {
			html_lit(&h, "<p><a href=\"/family/messages/");
			html_txt(&h, id);
			html_lit(&h, "/pdf\">");
			html_ft(&h, lang, FT_LETTER_PDF);
			html_lit(&h, "</a></p>");
		}
		html_lit(&h, "</li>");
	}
	if (l.n)
		html_lit(&h, "</ul>");
	free(l.v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

/* The message a path names, if it was sent to this account; else the
 * answer for a message that does not exist. content: with its text and PDF. */
static int message_of(struct web_req *r, const struct family_scope *sc, bool content,
		      struct outbox_rec *m)
{
	char *end;
	long long id = strtoll(r->args[0], &end, 10);
	int rc = *end || id <= 0 ? 1 : store_outbox_get(r->rd, r->srv->e.school.id, id, content, m);
	if (rc < 0) {
		web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
		return -1;
	}
	bool mine = false;
	for (int i = 0; rc == 0 && i < sc->n; i++)
		mine |= sc->child[i].contact_id && sc->child[i].contact_id == m->contact_id &&
			sc->child[i].pupil_id == m->pupil_id;
	if (rc == 0 && !mine)
		outbox_rec_free(m);
	if (rc == 1 || !mine) {
		web_fail(r, ERR_NOT_FOUND, NULL, "there is no page at %s", r->path);
		return -1;
	}
	return 0;
}

static int page_family_message_locked(struct web_req *r)
{
	struct family_scope sc;
	struct outbox_rec m;
	if (web_family_scope(r, &sc) < 0 || message_of(r, &sc, true, &m) < 0)
		return 0;
	const char *lang = r->lang;
	char when[CLOCK_ISO_LEN], id[24];
	snprintf(id, sizeof id, "%lld", (long long)m.id);
	struct html h = {0};
	html_begin(&h, r, m.subject[0] ? m.subject : ft(lang, channel_label(m.channel)));
	html_lit(&h, "<p><a href=\"/family/messages\">");
	html_ft(&h, lang, FT_BACK_TO_MESSAGES);
	html_lit(&h, "</a></p><article class=\"card message\"><h1>");
	html_txt(&h, m.subject[0] ? m.subject : ft(lang, channel_label(m.channel)));
	html_lit(&h, "</h1><p class=\"hint\">");
	html_ft(&h, lang, channel_label(m.channel));
	html_lit(&h, " · ");
	html_txt(&h, clock_local_display(m.sent_at[0] ? m.sent_at : m.queued_at, when));
	html_lit(&h, " · ");
	html_ft(&h, lang, status_label(m.status));
	html_lit(&h, "</p><div class=\"body\">");
	/* paragraphs at blank lines, line breaks kept */
	const char *p = m.body ? m.body : "";
	while (*p) {
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		html_lit(&h, "<p>");
		for (size_t i = 0, start = 0; i <= n; i++) {
			if (i == n || p[i] == '\n') {
				char line[2048];
				snprintf(line, sizeof line, "%.*s", (int)(i - start), p + start);
				html_txt(&h, line);
				if (i < n)
					html_lit(&h, "<br>");
				start = i + 1;
			}
		}
		html_lit(&h, "</p>");
		p += n;
		while (*p == '\n')
			p++;
	}
	html_lit(&h, "</div>");
	if (m.pdf_len) {
		html_lit(&h, "<p><a href=\"/family/messages/");
		html_txt(&h, id);
		html_lit(&h, "/pdf\">");
		html_ft(&h, lang, FT_LETTER_PDF);
		html_lit(&h, "</a></p>");
	}
	html_lit(&h, "</article>");
	outbox_rec_free(&m);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

static int page_family_message_pdf_locked(struct web_req *r)
{
	struct family_scope sc;
	struct outbox_rec m;
	if (web_family_scope(r, &sc) < 0 || message_of(r, &sc, true, &m) < 0)
		return 0;
	return web_family_pdf(r, &m, "letter", m.id);
}

static int api_family_messages_locked(struct web_req *r)
{
	struct family_scope sc;
	if (web_family_scope(r, &sc) < 0)
		return 0;
	struct msg_list l;
	if (messages_of(r, &sc, &l) < 0) {
		free(l.v);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	json_t *out = json_array();
	for (int i = 0; i < l.n; i++) {
		const struct outbox_rec *m = &l.v[i];
		const char *upn = "";
		for (int k = 0; k < sc.n; k++)
			if (sc.child[k].pupil_id == m->pupil_id)
				upn = r->srv->e.m.rows[sc.child[k].row].upn;
		json_array_append_new(
			out, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:b}", "id",
				       (json_int_t)m->id, "upn", upn, "channel", m->channel, "subject",
				       m->subject, "status", status_name(m->status), "queued_at",
				       m->queued_at, "sent_at", m->sent_at[0] ? m->sent_at : NULL,
				       "letter", m->has_pdf));
	}
	free(l.v);
	return web_json(r, 200, out);
}

/* ---- the handlers, each under the engine's read lock (web_family_locked) ---- */

WEB_FAMILY_HANDLER(page_family_messages)
WEB_FAMILY_HANDLER(page_family_message)
WEB_FAMILY_HANDLER(page_family_message_pdf)
WEB_FAMILY_HANDLER(api_family_messages)
