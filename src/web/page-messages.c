/* Messages to families, for the office (src/comms does the work):
 *   GET  /pupils/UPN/message?template=&contact=&via=&meeting_when=
 *                               choose a template and a contact, and see the
 *                               message as the family will (format=pdf: the
 *                               letter's PDF)
 *   POST /pupils/UPN/message    send it: it goes in the outbox
 *   GET  /templates             the school's templates
 *   GET  /templates/NAME?language=&upn=   one template, previewed for a pupil */
#include <stdlib.h>
#include <string.h>

#include "app/parse.h"
#include "comms/lang.h"
#include "comms/message.h"
#include "web/html.h"
#include "web/web.h"

/* The request a form or query gives: fields as the people typed them. */
struct msg_input {
	const char *tpl, *via, *meeting_when;
	long contact;
};

static const char *field(struct web_req *r, const char *name)
{
	const char *v = r->method == WEB_POST ? web_form_value(r, name) : web_query(r, name);
	return v && *v ? v : NULL;
}

static int read_input(struct web_req *r, struct msg_input *in, struct app_error *err)
{
	in->tpl = field(r, "template");
	in->via = field(r, "via");
	in->meeting_when = field(r, "meeting_when");
	in->contact = 0;
	const char *c = field(r, "contact");
	char tmp[MERGE_VALUE_MAX];
	if (c && parse_int_field("contact", c, 1, 99, &in->contact, err) < 0)
		return -1;
	if (in->meeting_when &&
	    parse_text_field("meeting_when", in->meeting_when, tmp, sizeof tmp, 1, err) < 0)
		return -1;
	if (in->tpl && parse_text_field("template", in->tpl, tmp, STORE_TEMPLATE_NAME_MAX, 1, err) < 0)
		return -1;
	return 0;
}

/* Composes under the read lock through the request's own connection. */
static int compose(struct web_req *r, const struct msg_input *in, const char *language, int *row,
		   struct message *m, struct app_error *err)
{
	struct engine view;
	web_engine_view(r, &view);
	if (web_pupil_row(r, r->args[0], web_today(), row, err) < 0)
		return -1;
	struct message_request rq = {.template_name = in->tpl, .upn = view.m.rows[*row].upn,
				     .contact_priority = (int)in->contact, .via = in->via,
				     .language = language};
	rq.supplied[TF_MEETING_WHEN] = in->meeting_when;
	return message_compose(&view, &rq, web_today(), m, err);
}

struct tpl_names {
	struct html *h;
	const char *chosen;
};

static int tpl_option(void *ctx, const struct template_rec *t)
{
	struct tpl_names *tn = ctx;
	if (strcmp(t->language, "en") != 0)
		return 0; /* one entry a template: the contact's language is chosen for them */
	html_lit(tn->h, "<option value=\"");
	html_attr(tn->h, t->name);
	if (tn->chosen && strcmp(tn->chosen, t->name) == 0)
		html_lit(tn->h, "\" selected>");
	else
		html_lit(tn->h, "\">");
	html_txt(tn->h, t->name);
	html_lit(tn->h, " (");
	html_txt(tn->h, t->channel);
	html_lit(tn->h, "): ");
	html_txt(tn->h, t->description);
	html_lit(tn->h, "</option>");
	return 0;
}

static void hidden(struct html *h, const char *name, const char *v)
{
	if (!v)
		return;
	html_lit(h, "<input type=\"hidden\" name=\"");
	html_attr(h, name);
	html_lit(h, "\" value=\"");
	html_attr(h, v);
	html_lit(h, "\">");
}

static int render(struct web_req *r, int status, const char *error)
{
	struct app_error err = {0};
	struct msg_input in = {0};
	struct message m;
	bool composed = false;
	int row;
	char title[300], contact[8] = "";
	if (read_input(r, &in, &err) < 0)
		return web_error(r, &err);
	pthread_rwlock_rdlock(&r->srv->lock);
	if (web_pupil_row(r, r->args[0], web_today(), &row, &err) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	const struct pupil_row *p = &r->srv->e.m.rows[row];
	snprintf(title, sizeof title, "A message about %s %s", p->forename, p->surname);
	struct web_contacts c = {0};
	web_contacts_load(r->rd, r->srv->e.school.id, p->pupil_id, &c, &err);
	/* A message that can't be composed says why, in place of its preview. */
	if (in.tpl && !error) {
		composed = compose(r, &in, NULL, &row, &m, &err) == 0;
		if (!composed) {
			error = err.message;
			status = web_status_of(err.kind);
		}
	}
	pthread_rwlock_unlock(&r->srv->lock);
	if (in.tpl && !composed && err.kind == ERR_INTERNAL) {
		web_contacts_free(&c);
		return web_error(r, &err); /* the details go to the log */
	}
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>");
	html_txt(&h, title);
	html_lit(&h, "</h1>");
	html_error_flash(&h, error);
	html_lit(&h, "<form method=\"get\" class=\"card stack\" id=\"choose\"><label>Template "
		     "<select name=\"template\">");
	struct tpl_names tn = {&h, in.tpl};
	store_templates_each(r->rd, r->srv->e.school.id, tpl_option, &tn);
	html_lit(&h, "</select></label><div class=\"inline\"><label>To <select name=\"contact\">"
		     "<option value=\"\">the first contact the template can reach</option>");
	html_contact_options(&h, &c, false, (int)in.contact);
	html_lit(&h, "</select></label><label>Letters go by <select name=\"via\"><option value=\"\">"
		     "email if they have one</option><option value=\"post\">post</option></select>"
		     "</label><label>Meeting when <small>(for an invitation)</small><input "
		     "name=\"meeting_when\" maxlength=\"200\" value=\"");
	html_attr(&h, in.meeting_when ? in.meeting_when : "");
	html_lit(&h, "\"></label></div><button type=\"submit\">Preview</button></form>");
	web_contacts_free(&c);
	if (composed) {
		html_lit(&h, "<section class=\"card\"><h2>Preview</h2>");
		web_message_preview(&h, &m);
		html_lit(&h, "<form method=\"post\" action=\"/pupils/");
		html_url_seg(&h, r->args[0]);
		html_lit(&h, "/message\">");
		html_csrf(&h, r);
		hidden(&h, "template", in.tpl);
		snprintf(contact, sizeof contact, "%d", m.contact.priority);
		hidden(&h, "contact", contact);
		hidden(&h, "via", in.via);
		hidden(&h, "meeting_when", in.meeting_when);
		html_lit(&h, "<p class=\"buttons\"><button class=\"primary\" id=\"send\">Send</button>");
		if (m.pdf.len) {
			html_lit(&h, " <a href=\"?format=pdf&amp;template=");
			html_url_seg(&h, in.tpl);
			html_lit(&h, "&amp;contact=");
			html_txt(&h, contact);
			if (in.via) {
				html_lit(&h, "&amp;via=");
				html_url_seg(&h, in.via);
			}
			if (in.meeting_when) {
				html_lit(&h, "&amp;meeting_when=");
				html_url_seg(&h, in.meeting_when);
			}
			html_lit(&h, "\">The letter as a PDF</a>");
		}
		html_lit(&h, "</p></form></section>");
		message_free(&m);
	}
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_message_get(struct web_req *r)
{
	const char *format = web_query(r, "format");
	if (!format || strcmp(format, "pdf") != 0)
		return render(r, 200, NULL);
	struct app_error err = {0};
	struct msg_input in;
	struct message m;
	int row;
	if (read_input(r, &in, &err) < 0)
		return web_error(r, &err);
	if (!in.tpl)
		return web_fail(r, ERR_INPUT, "template", "choose a letter's template for its PDF");
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = compose(r, &in, NULL, &row, &m, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	if (!m.pdf.len) {
		message_free(&m);
		return web_fail(r, ERR_INPUT, "template", "%s is not a letter: it has no PDF", in.tpl);
	}
	void *pdf = m.pdf.p;
	size_t len = m.pdf.len;
	m.pdf = (struct tbuf){0};
	message_free(&m);
	web_add_header(r, "Content-Disposition", "inline; filename=\"%s-%s.pdf\"", in.tpl, r->args[0]);
	return web_bytes(r, 200, "application/pdf", pdf, len);
}

struct send_job {
	struct message m;
	char user[STORE_USER_MAX];
	char upn[UPN_LEN + 1];
	int64_t id;
};

static void send_job_free(void *arg)
{
	struct send_job *sj = arg;
	message_free(&sj->m);
	free(sj);
}

static int send_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct send_job *sj = j->arg;
	return message_queue_write(&srv->e, &sj->m, sj->user, &sj->id, err);
}

static int sent(struct web_req *r, struct write_job *j)
{
	struct send_job *sj = j->arg;
	if (j->rc < 0)
		return web_status_of(j->err.kind) >= 500 ? web_error(r, &j->err)
							   : render(r, web_status_of(j->err.kind),
								    j->err.message);
	char path[64];
	snprintf(path, sizeof path, "/pupils/%s/family", sj->upn);
	return web_done(r, path, "queued");
}

int page_message_post(struct web_req *r)
{
	struct app_error err = {0};
	struct msg_input in;
	if (read_input(r, &in, &err) < 0)
		return render(r, 400, err.message);
	if (!in.tpl)
		return render(r, 400, "choose a template, and see the message before sending it");
	struct send_job *sj = calloc(1, sizeof *sj);
	if (!sj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	int row;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = compose(r, &in, NULL, &row, &sj->m, &err);
	if (rc == 0)
		snprintf(sj->upn, sizeof sj->upn, "%s", r->srv->e.m.rows[row].upn);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0) {
		free(sj);
		return web_status_of(err.kind) >= 500 || err.kind == ERR_FORBIDDEN ||
				       err.kind == ERR_NOT_FOUND
			       ? web_error(r, &err)
			       : render(r, web_status_of(err.kind), err.message);
	}
	snprintf(sj->user, sizeof sj->user, "%s", r->who.username);
	return web_write(r, send_run, sj, send_job_free, sent, NULL);
}

/* ---- templates ---- */

static int tpl_row(void *ctx, const struct template_rec *t)
{
	struct html *h = ctx;
	char when[32];
	html_lit(h, "<tr><td><a href=\"/templates/");
	html_url_seg(h, t->name);
	html_lit(h, "?language=");
	html_url_seg(h, t->language);
	html_lit(h, "\">");
	html_txt(h, t->name);
	html_lit(h, "</a></td><td>");
	html_txt(h, t->language);
	html_lit(h, "</td><td>");
	html_txt(h, t->channel);
	html_lit(h, "</td><td>");
	html_txt(h, t->description);
	html_lit(h, "</td><td>");
	if (t->builtin)
		html_lit(h, "built in");
	else {
		html_lit(h, "edited by ");
		html_txt(h, t->changed_by);
		html_lit(h, " ");
		snprintf(when, sizeof when, "%.10s", t->changed_at);
		html_txt(h, when);
	}
	html_lit(h, "</td></tr>");
	return 0;
}

int page_templates(struct web_req *r)
{
	struct html h = {0};
	html_begin(&h, r, "Message templates");
	html_lit(&h, "<h1>Message templates</h1><p class=\"hint\">Merge fields like "
		     "<code>{{days_missed}}</code> speak in days and lessons. Templates are edited "
		     "with <code>attend template set</code>; a school's edits are kept.</p>"
		     "<table class=\"list\" id=\"templates\"><thead><tr><th>Name</th><th>Language</th>"
		     "<th>Channel</th><th>What for</th><th></th></tr></thead><tbody>");
	if (store_templates_each(r->rd, r->srv->e.school.id, tpl_row, &h) < 0) {
		free(h.buf);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	html_lit(&h, "</tbody></table>");
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int page_template(struct web_req *r)
{
	struct app_error err = {0};
	const char *lang = web_query(r, "language"), *upn = web_query(r, "upn");
	if (!lang || !*lang)
		lang = "en";
	if (!lang_has_templates(lang))
		return web_fail(r, ERR_INPUT, "language", "language '%.8s' is not en or pl", lang);
	struct template_rec *t = malloc(sizeof *t);
	if (!t)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	int rc = store_template_get(r->rd, r->srv->e.school.id, r->args[0], lang, t);
	if (rc != 0) {
		free(t);
		return rc < 0 ? web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd))
			      : web_fail(r, ERR_NOT_FOUND, "template", "no template %.64s in %s",
					 r->args[0], lang);
	}
	struct html h = {0};
	char title[160];
	snprintf(title, sizeof title, "Template %s (%s)", t->name, t->language);
	html_begin(&h, r, title);
	html_lit(&h, "<h1>");
	html_txt(&h, title);
	html_lit(&h, " <small>");
	html_txt(&h, t->channel);
	html_lit(&h, "</small></h1><p>");
	html_txt(&h, t->description);
	html_lit(&h, "</p><section class=\"card\">");
	if (t->subject[0]) {
		html_lit(&h, "<p><strong>Subject:</strong> ");
		html_txt(&h, t->subject);
		html_lit(&h, "</p>");
	}
	html_lit(&h, "<div class=\"preview\" id=\"template-body\">");
	html_txt(&h, t->body);
	html_lit(&h, "</div></section><form method=\"get\" class=\"inline\"><input type=\"hidden\" "
		     "name=\"language\" value=\"");
	html_attr(&h, lang);
	html_lit(&h, "\"><label>Preview for a pupil (UPN) <input name=\"upn\" maxlength=\"13\" value=\"");
	html_attr(&h, upn ? upn : "");
	html_lit(&h, "\"></label><button type=\"submit\">Preview</button></form>");
	if (upn && *upn) {
		struct message m;
		struct engine view;
		struct message_request rq = {.template_name = t->name, .upn = upn, .language = lang};
		rq.supplied[TF_MEETING_WHEN] = "(when the meeting is)";
		rq.supplied[TF_AWARD] = "(the award, such as 100% attendance this half-term)";
		pthread_rwlock_rdlock(&r->srv->lock);
		web_engine_view(r, &view);
		rc = message_compose(&view, &rq, web_today(), &m, &err);
		pthread_rwlock_unlock(&r->srv->lock);
		html_lit(&h, "<section class=\"card\"><h2>For ");
		html_txt(&h, upn);
		html_lit(&h, "</h2>");
		if (rc == 0) {
			web_message_preview(&h, &m);
			message_free(&m);
		} else {
			html_lit(&h, "<p class=\"flash bad\" role=\"alert\">");
			html_txt(&h, err.message);
			html_lit(&h, "</p>");
		}
		html_lit(&h, "</section>");
	}
	free(t);
	html_end(&h, r);
	return html_send(&h, r, 200);
}
