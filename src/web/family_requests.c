/* A family's absence reports and leave requests, with where each stands:
 * GET /family/requests, the lists on the other family pages, withdrawing
 * one the school has not decided (POST /family/reports/ID/withdraw and
 * /family/leave/ID/withdraw), and the message a family's form comes back
 * with (?done=). A parent sees only what they sent themself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/analytics.h"
#include "app/family_reports.h"
#include "app/leave.h"
#include "comms/lang.h"
#include "web/family.h"

struct list_ctx {
	struct html *h;
	struct web_req *r;
	const char *lang;
	const struct family_scope *sc;
	int n;
	int lessons_per_day;
};

static const struct family_child *child_of(const struct family_scope *sc, int64_t pupil_id)
{
	for (int i = 0; i < sc->n; i++)
		if (sc->child[i].pupil_id == pupil_id)
			return &sc->child[i];
	return NULL;
}

static void item_head(struct list_ctx *c, enum ft kind, int64_t pupil_id, date_t from,
		      enum session fs, date_t to, enum session ts)
{
	struct html *h = c->h;
	const struct family_child *ch = child_of(c->sc, pupil_id);
	char dates[300];
	html_lit(h, "<li><strong>");
	html_ft(h, c->lang, kind);
	html_lit(h, "</strong>: ");
	if (ch && c->sc->n > 1) {
		html_txt(h, c->r->srv->e.m.rows[ch->row].forename);
		html_lit(h, ", ");
	}
	html_txt(h, leave_dates_text(c->lang, from, fs, to, ts, dates, sizeof dates));
}

static void item_tail(struct list_ctx *c, const char *sent_at, const char *withdraw_action,
		      int64_t id)
{
	struct html *h = c->h;
	char when[CLOCK_ISO_LEN], sent[64];
	clock_local_display(sent_at, when);
	html_lit(h, " <small>");
	html_ft(h, c->lang, FT_SENT_ON, when);
	html_lit(h, "</small>");
	if (withdraw_action) {
		snprintf(sent, sizeof sent, "/family/%s/%lld/withdraw", withdraw_action, (long long)id);
		html_lit(h, "<form class=\"inline-form\" method=\"post\" action=\"");
		html_attr(h, sent);
		html_lit(h, "\">");
		html_csrf(h, c->r);
		html_lit(h, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">"
			    "<button type=\"submit\" class=\"link\">");
		html_ft(h, c->lang, FT_WITHDRAW);
		html_lit(h, "</button></form>");
	}
	html_lit(h, "</li>");
}

static void status(struct html *h, const char *cls, const char *lang, enum ft id, const char *arg)
{
	html_lit(h, " <span class=\"status-chip ");
	html_attr(h, cls);
	html_lit(h, "\">");
	html_ft(h, lang, id, arg);
	html_lit(h, "</span>");
}

static int list_report(void *ctx, const struct parent_report_rec *p)
{
	struct list_ctx *c = ctx;
	if (p->user_id != c->r->who.id)
		return 0;
	c->n++;
	item_head(c, FT_KIND_REPORT, p->pupil_id, p->from_date, p->from_session, p->to_date,
		  p->to_session);
	static const enum ft reasons[] = {FT_REASON_ILLNESS, FT_REASON_MEDICAL, FT_REASON_OTHER};
	int k = strcmp(p->reason, "illness") == 0 ? 0 : strcmp(p->reason, "medical") == 0 ? 1 : 2;
	html_lit(c->h, " (");
	html_ft(c->h, c->lang, reasons[k]);
	html_lit(c->h, ")");
	bool open = strcmp(p->status, "awaiting") == 0;
	if (open)
		status(c->h, "open", c->lang, FT_ST_AWAITING, NULL);
	else if (strcmp(p->status, "accepted") == 0)
		status(c->h, "good", c->lang, FT_ST_ACCEPTED, ft_code_name(c->lang, p->code));
	else if (strcmp(p->status, "declined") == 0)
		status(c->h, "bad", c->lang, FT_ST_DECLINED, p->decision_note);
	else
		status(c->h, "muted", c->lang, FT_ST_WITHDRAWN, NULL);
	item_tail(c, p->submitted_at, open ? "reports" : NULL, p->id);
	return 0;
}

static int list_leave(void *ctx, const struct leave_request_rec *q)
{
	struct list_ctx *c = ctx;
	if (q->user_id != c->r->who.id)
		return 0;
	c->n++;
	item_head(c, FT_KIND_LEAVE, q->pupil_id, q->from_date, q->from_session, q->to_date,
		  q->to_session);
	char days[128];
	html_lit(c->h, " (");
	html_ft(c->h, c->lang, FT_SESSIONS_COVERED,
		lang_days_lessons(c->lang, q->sessions, c->lessons_per_day, days, sizeof days));
	html_lit(c->h, ")");
	bool open = strcmp(q->status, "requested") == 0;
	struct leave_decision_rec d = {0};
	if (!open && store_leave_decision_get(c->r->rd, c->r->srv->e.school.id, q->id, &d) < 0)
		return -1;
	if (open)
		status(c->h, "open", c->lang, FT_ST_REQUESTED, NULL);
	else if (strcmp(q->status, "granted") == 0)
		status(c->h, "good", c->lang, FT_ST_GRANTED, d.reason);
	else if (strcmp(q->status, "refused") == 0)
		status(c->h, "bad", c->lang, FT_ST_REFUSED, d.reason);
	else
		status(c->h, "muted", c->lang, FT_ST_WITHDRAWN, NULL);
	item_tail(c, q->requested_at, open ? "leave" : NULL, q->id);
	return 0;
}

void family_requests_list(struct html *h, struct web_req *r, const char *lang,
			  const struct family_scope *sc, int64_t pupil_id)
{
	struct wording_settings ws;
	struct app_error err = {0};
	if (analytics_settings_load(r->rd, r->srv->e.school.id, &ws, &err) < 0)
		ws.lessons_per_day = LESSONS_PER_DAY_DEFAULT;
	struct list_ctx c = {h, r, lang, sc, 0, ws.lessons_per_day};
	html_lit(h, "<ul class=\"requests\">");
	for (int i = 0; i < sc->n; i++) {
		int64_t id = sc->child[i].pupil_id;
		if (pupil_id && id != pupil_id)
			continue;
		if (store_parent_reports_each(r->rd, r->srv->e.school.id, NULL, id, list_report, &c) < 0 ||
		    store_leave_requests_each(r->rd, r->srv->e.school.id, NULL, id, list_leave, &c) < 0)
			web_log("error reading a family's requests: %s", store_error(r->rd));
	}
	html_lit(h, "</ul>");
	if (c.n == 0) {
		html_lit(h, "<p class=\"hint\">");
		html_ft(h, lang, FT_REQUESTS_NONE);
		html_lit(h, "</p>");
	}
}

void html_done_flash_family(struct html *h, struct web_req *r, const char *lang)
{
	const char *done = web_query(r, "done");
	if (!done)
		return;
	char text[600] = "";
	if (strcmp(done, "report") == 0)
		ftf(text, sizeof text, lang, FT_DONE_REPORT);
	else if (strcmp(done, "report_late") == 0)
		ftf(text, sizeof text, lang, FT_DONE_REPORT_LATE);
	else if (strcmp(done, "withdrawn") == 0)
		ftf(text, sizeof text, lang, FT_DONE_WITHDRAWN);
	else if (strcmp(done, "account") == 0)
		ftf(text, sizeof text, lang, FT_DONE_ACCOUNT);
	else if (strcmp(done, "leave") == 0) {
		const char *id = web_query(r, "id");
		struct leave_request_rec q;
		struct wording_settings ws;
		struct app_error err = {0};
		char days[128];
		if (id && store_leave_request_get(r->rd, r->srv->e.school.id, strtoll(id, NULL, 10), &q) == 0 &&
		    q.user_id == r->who.id &&
		    analytics_settings_load(r->rd, r->srv->e.school.id, &ws, &err) == 0)
			ftf(text, sizeof text, lang, FT_DONE_LEAVE,
			    lang_days_lessons(lang, q.sessions, ws.lessons_per_day, days, sizeof days));
	}
	if (!text[0])
		return;
	html_lit(h, "<p class=\"flash good\" role=\"status\">");
	html_txt(h, text);
	html_lit(h, "</p>");
}

static int page_family_requests_locked(struct web_req *r)
{
	struct family_scope sc;
	if (web_family_scope(r, &sc) < 0)
		return 0;
	const char *lang = r->lang;
	struct html h = {0};
	html_begin(&h, r, ft(lang, FT_REQUESTS_TITLE));
	html_lit(&h, "<h1>");
	html_ft(&h, lang, FT_REQUESTS_TITLE);
	html_lit(&h, "</h1>");
	html_done_flash_family(&h, r, lang);
	family_requests_list(&h, r, lang, &sc, 0);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

/* ---- withdrawing ---- */

struct withdraw {
	int64_t id;
	bool leave;
	struct account who;
	char lang[8];
};

static int withdraw_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct withdraw *w = j->arg;
	if (w->leave)
		return leave_withdraw_write(&srv->e, w->id, &w->who, w->lang, err);
	return parent_report_withdraw_write(&srv->e, w->id, w->who.id, w->lang, w->who.username, err);
}

static int withdrawn(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	return web_redirect(r, "/family/requests?done=withdrawn");
}

static int withdraw(struct web_req *r, bool leave)
{
	struct family_scope sc;
	if (web_family_scope(r, &sc) < 0)
		return 0;
	const char *confirm = web_form_value(r, "confirm");
	if (!confirm || strcmp(confirm, "yes") != 0)
		return web_fail(r, ERR_INPUT, "confirm", "confirm=yes is required to withdraw");
	char *end;
	long long id = strtoll(r->args[0], &end, 10);
	if (*end || id <= 0)
		return web_fail(r, ERR_NOT_FOUND, "id", "%s", ft(r->lang, FT_ERR_NO_SUCH_REPORT));
	struct withdraw *w = calloc(1, sizeof *w);
	if (!w)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	*w = (struct withdraw){.id = id, .leave = leave, .who = r->who};
	snprintf(w->lang, sizeof w->lang, "%s", r->lang);
	return web_write(r, withdraw_run, w, NULL, withdrawn, NULL);
}

static int page_family_report_withdraw_locked(struct web_req *r)
{
	return withdraw(r, false);
}

static int page_family_leave_withdraw_locked(struct web_req *r)
{
	return withdraw(r, true);
}

/* ---- the handlers, each under the engine's read lock (web_family_locked) ---- */

WEB_FAMILY_HANDLER(page_family_requests)
WEB_FAMILY_HANDLER(page_family_report_withdraw)
WEB_FAMILY_HANDLER(page_family_leave_withdraw)
