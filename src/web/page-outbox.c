/* The outbox, for the office:
 *   GET  /outbox?status=      every message with its status (queued, sending,
 *                             sent, failed with the reason, unknown, letters to
 *                             print or posted), and whether a worker runs
 *   GET  /outbox/ID           one message as it was sent
 *   GET  /outbox/ID/pdf       a letter's PDF
 *   POST /outbox/ID           a person's decision (action=resend: a failed or
 *                             unknown message goes back to the queue;
 *                             action=posted: a printed letter was posted) */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/parse.h"
#include "comms/outbox.h"
#include "web/html.h"
#include "web/web.h"

static const char *const statuses[] = {"queued", "sending", "sent", "failed",
				       "unknown", "to_print", "posted"};

static bool status_ok(const char *s)
{
	for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
		if (strcmp(statuses[i], s) == 0)
			return true;
	return false;
}

struct table_ctx {
	struct html *h;
	struct web_req *r;
	int n;
	bool show_pupil;
};

static void status_badge(struct html *h, const struct outbox_rec *o)
{
	html_lit(h, "<span class=\"status-");
	html_attr(h, o->status);
	html_lit(h, "\">");
	html_txt(h, o->status);
	html_lit(h, "</span>");
	if (o->attempts > 1 || (o->attempts && strcmp(o->status, "sent")))
		html_txtf(h, " (%d attempt%s)", o->attempts, o->attempts == 1 ? "" : "s");
	if (o->last_error[0] && strcmp(o->status, "sent")) {
		html_lit(h, "<br><small>");
		html_txt(h, o->last_error);
		html_lit(h, "</small>");
	}
}

static int table_row(void *ctx, const struct outbox_rec *o)
{
	struct table_ctx *t = ctx;
	struct html *h = t->h;
	const struct engine *e = &t->r->srv->e;
	if (!t->n++) {
		html_lit(h, "<table class=\"list\" id=\"outbox\"><thead><tr><th>#</th><th>Queued</th>");
		if (t->show_pupil)
			html_lit(h, "<th>Pupil</th>");
		html_lit(h, "<th>Template</th><th>To</th><th>Status</th><th>Sent</th><th></th></tr>"
			    "</thead><tbody>");
	}
	html_lit(h, "<tr><td><a href=\"/outbox/");
	html_int(h, o->id);
	html_lit(h, "\">");
	html_int(h, o->id);
	html_lit(h, "</a></td><td>");
	html_time(h, o->queued_at, web_today());
	html_lit(h, "<br><small>");
	html_txt(h, o->queued_by);
	html_lit(h, "</small></td>");
	if (t->show_pupil) {
		int row = web_row_of_pupil(e, o->pupil_id);
		html_lit(h, "<td>");
		if (row >= 0)
			html_pupil_link(h, &e->m.rows[row]);
		html_lit(h, "</td>");
	}
	html_lit(h, "<td>");
	html_txt(h, o->template_name);
	html_lit(h, " <small>");
	html_txt(h, o->language);
	html_lit(h, "</small></td><td>");
	html_txt(h, o->recipient_name);
	html_lit(h, "<br><small>");
	html_txt(h, strcmp(o->channel, "sms") == 0 ? "text" : o->channel);
	html_lit(h, ": ");
	html_txt(h, o->recipient);
	html_lit(h, "</small></td><td>");
	status_badge(h, o);
	html_lit(h, "</td><td>");
	if (o->sent_at[0])
		html_time(h, o->sent_at, web_today());
	html_lit(h, "</td><td>");
	if (o->has_pdf) {
		html_lit(h, "<a href=\"/outbox/");
		html_int(h, o->id);
		html_lit(h, "/pdf\">PDF</a>");
	}
	html_lit(h, "</td></tr>");
	return 0;
}

void web_outbox_table(struct html *h, struct web_req *r, const char *status, int64_t pupil_id)
{
	struct table_ctx t = {h, r, 0, pupil_id == 0};
	if (store_outbox_each(r->rd, r->srv->e.school.id, status, pupil_id, table_row, &t) < 0) {
		html_lit(h, "<p class=\"flash bad\">The outbox could not be read.</p>");
		return;
	}
	if (t.n)
		html_lit(h, "</tbody></table>");
	else
		html_lit(h, "<p class=\"hint\">No messages.</p>");
}

static void worker_line(struct html *h, struct web_req *r)
{
	struct outbox_lease_rec l;
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	int rc = store_outbox_lease_get(r->rd, r->srv->e.school.id, &l);
	html_lit(h, "<p class=\"hint\" id=\"worker\">");
	if (rc == 0 && strcmp(l.expires_at, now) > 0) {
		html_lit(h, "The outbox worker is running (");
		html_txt(h, l.host);
		html_txtf(h, ", process %ld): messages go within seconds.", l.pid);
	} else {
		html_lit(h, "<strong>No outbox worker is running:</strong> queued messages wait until "
			    "<code>attend outbox run</code> runs.");
	}
	html_lit(h, "</p>");
}

int page_outbox(struct web_req *r)
{
	const char *status = web_query(r, "status");
	if (status && !*status)
		status = NULL;
	if (status && !status_ok(status))
		return web_fail(r, ERR_INPUT, "status",
				"status '%.16s' is not queued, sending, sent, failed, unknown, "
				"to_print or posted", status);
	struct html h = {0};
	html_begin(&h, r, "Outbox");
	html_lit(&h, "<h1>Outbox</h1>");
	html_done_flash(&h, r);
	worker_line(&h, r);
	html_lit(&h, "<form class=\"inline\" method=\"get\"><label>Status <select name=\"status\">"
		     "<option value=\"\">all</option>");
	for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++) {
		html_lit(&h, "<option");
		if (status && strcmp(status, statuses[i]) == 0)
			html_lit(&h, " selected");
		html_lit(&h, ">");
		html_txt(&h, statuses[i]);
		html_lit(&h, "</option>");
	}
	html_lit(&h, "</select></label><button type=\"submit\">Show</button></form>");
	pthread_rwlock_rdlock(&r->srv->lock);
	web_outbox_table(&h, r, status, 0);
	pthread_rwlock_unlock(&r->srv->lock);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

static int get_message(struct web_req *r, bool content, struct outbox_rec *o)
{
	struct app_error err = {0};
	long id;
	if (parse_int_field("id", r->args[0], 1, LONG_MAX, &id, &err) < 0)
		return web_error(r, &err);
	int rc = store_outbox_get(r->rd, r->srv->e.school.id, id, content, o);
	if (rc < 0)
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	if (rc == 1)
		return web_fail(r, ERR_NOT_FOUND, "id", "no message %ld in the outbox", id);
	return 1;
}

int page_outbox_message(struct web_req *r)
{
	struct outbox_rec o;
	int rc = get_message(r, true, &o);
	if (rc != 1)
		return rc;
	struct html h = {0};
	char title[80];
	snprintf(title, sizeof title, "Message %lld", (long long)o.id);
	html_begin(&h, r, title);
	html_lit(&h, "<h1>");
	html_txt(&h, title);
	html_lit(&h, " <small>");
	html_txt(&h, o.template_name);
	html_lit(&h, "</small></h1>");
	html_done_flash(&h, r);
	html_lit(&h, "<section class=\"card\"><dl class=\"preview-meta\"><dt>To</dt><dd>");
	html_txt(&h, o.recipient_name);
	html_lit(&h, ": ");
	html_txt(&h, o.recipient);
	html_lit(&h, "</dd><dt>Status</dt><dd>");
	status_badge(&h, &o);
	html_lit(&h, "</dd><dt>Queued</dt><dd>");
	html_time(&h, o.queued_at, web_today());
	html_lit(&h, " by ");
	html_txt(&h, o.queued_by);
	html_lit(&h, "</dd>");
	if (o.accepted_id[0]) {
		html_lit(&h, "<dt>Accepted as</dt><dd>");
		html_txt(&h, o.accepted_id);
		html_lit(&h, "</dd>");
	}
	html_lit(&h, "<dt>Message-ID</dt><dd><code>");
	html_txt(&h, o.message_id);
	html_lit(&h, "</code></dd>");
	if (o.subject[0]) {
		html_lit(&h, "<dt>Subject</dt><dd>");
		html_txt(&h, o.subject);
		html_lit(&h, "</dd>");
	}
	html_lit(&h, "</dl><div class=\"preview\">");
	html_txt(&h, o.body);
	html_lit(&h, "</div>");
	if (o.has_pdf || o.pdf_len) {
		html_lit(&h, "<p><a href=\"/outbox/");
		html_int(&h, o.id);
		html_lit(&h, "/pdf\">The letter (PDF)</a></p>");
	}
	bool resend = !strcmp(o.status, "failed") || !strcmp(o.status, "unknown");
	bool posted = !strcmp(o.status, "to_print");
	if (resend || posted) {
		html_lit(&h, "<form method=\"post\" action=\"/outbox/");
		html_int(&h, o.id);
		html_lit(&h, "\">");
		html_csrf(&h, r);
		if (resend)
			html_lit(&h, "<p class=\"hint\">Check first that it did not arrive (an unknown "
				     "message may have): sending it again could deliver it twice.</p>"
				     "<button name=\"action\" value=\"resend\">Send it again</button>");
		else
			html_lit(&h, "<button name=\"action\" value=\"posted\" class=\"primary\">"
				     "Printed and posted</button>");
		html_lit(&h, "</form>");
	}
	html_lit(&h, "</section><p><a href=\"/outbox\">The outbox</a></p>");
	outbox_rec_free(&o);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int page_outbox_pdf(struct web_req *r)
{
	struct outbox_rec o;
	int rc = get_message(r, true, &o);
	if (rc != 1)
		return rc;
	if (!o.pdf_len) {
		outbox_rec_free(&o);
		return web_fail(r, ERR_NOT_FOUND, "id", "message %lld is not a letter: it has no PDF",
				(long long)o.id);
	}
	void *pdf = o.pdf;
	size_t len = o.pdf_len;
	o.pdf = NULL;
	o.pdf_len = 0;
	web_add_header(r, "Content-Disposition", "attachment; filename=\"%s-%lld.pdf\"",
		       o.template_name, (long long)o.id);
	outbox_rec_free(&o);
	return web_bytes(r, 200, "application/pdf", pdf, len);
}

struct decide_job {
	int64_t id;
	bool posted;
	char user[STORE_USER_MAX];
};

static int decide_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct decide_job *dj = j->arg;
	return outbox_decide_write(srv->store, srv->e.school.id, dj->id, dj->posted, dj->user, err);
}

static int decided(struct web_req *r, struct write_job *j)
{
	struct decide_job *dj = j->arg;
	if (j->rc < 0)
		return web_error(r, &j->err);
	char path[64];
	snprintf(path, sizeof path, "/outbox/%lld", (long long)dj->id);
	return web_done(r, path, dj->posted ? "posted" : "resent");
}

int page_outbox_decide(struct web_req *r)
{
	struct app_error err = {0};
	long id;
	const char *action = web_form_value(r, "action");
	if (parse_int_field("id", r->args[0], 1, LONG_MAX, &id, &err) < 0)
		return web_error(r, &err);
	if (!action || (strcmp(action, "resend") && strcmp(action, "posted")))
		return web_fail(r, ERR_INPUT, "action", "action is resend (a failed or unknown "
				"message) or posted (a printed letter)");
	struct decide_job *dj = calloc(1, sizeof *dj);
	if (!dj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	dj->id = id;
	dj->posted = strcmp(action, "posted") == 0;
	snprintf(dj->user, sizeof dj->user, "%s", r->who.username);
	return web_write(r, decide_run, dj, free, decided, NULL);
}
