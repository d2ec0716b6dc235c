/* A reason for absence a family gave, recorded by the office:
 *   GET  /pupils/UPN/absence    the form (today, the whole day, by default)
 *   POST /pupils/UPN/absence    recorded: app/absence sets the codes through
 *                               the register's own rules, in one transaction
 * From the first-day queue it comes back to the queue, where the pupil is
 * then no longer listed. */
#include <stdlib.h>
#include <string.h>

#include "app/absence.h"
#include "app/parse.h"
#include "web/html.h"
#include "web/web.h"

static const enum code codes[] = {CODE_I, CODE_M, CODE_R, CODE_J1, CODE_S, CODE_T,
				  CODE_O, CODE_Y1, CODE_Y2, CODE_Y6, CODE_Y7};
static const char *const report_channels[] = {"call", "text", "email", "app", "in_person",
					      "letter"};
static const char *const report_channel_labels[] = {"Phone call", "Text", "Email", "App",
						    "In person", "Letter"};

/* A form value when re-showing a refused form, else dflt. */
static const char *value(struct web_req *r, bool from_form, const char *name, const char *dflt)
{
	const char *v = from_form ? web_form_value(r, name) : NULL;
	return v ? v : dflt;
}

static void option(struct html *h, const char *v, const char *label, const char *chosen)
{
	html_lit(h, "<option value=\"");
	html_attr(h, v);
	if (chosen && strcmp(v, chosen) == 0)
		html_lit(h, "\" selected>");
	else
		html_lit(h, "\">");
	html_txt(h, label);
	html_lit(h, "</option>");
}

static void session_select(struct html *h, const char *name, const char *chosen)
{
	html_lit(h, "<select name=\"");
	html_attr(h, name);
	html_lit(h, "\">");
	option(h, "AM", "morning (AM)", chosen);
	option(h, "PM", "afternoon (PM)", chosen);
	html_lit(h, "</select>");
}

static void date_input(struct html *h, const char *name, const char *v, bool required)
{
	html_lit(h, "<input type=\"date\" name=\"");
	html_attr(h, name);
	html_lit(h, "\" value=\"");
	html_attr(h, v);
	if (required)
		html_lit(h, "\" required>");
	else
		html_lit(h, "\">");
}

static int render(struct web_req *r, int status, const char *error, bool from_form)
{
	struct app_error err = {0};
	int row;
	char today[DATE_ISO_LEN], prio[8] = "";
	date_format(web_today(), today);
	pthread_rwlock_rdlock(&r->srv->lock);
	if (web_pupil_row(r, r->args[0], web_today(), &row, &err) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	const struct pupil_row *p = &r->srv->e.m.rows[row];
	struct web_contacts c;
	if (web_contacts_load(r->rd, r->srv->e.school.id, p->pupil_id, &c, &err) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	struct html h = {0};
	html_pupil_page_begin(&h, r, "Reason for absence", p, r->srv->e.m.forms[p->form]);
	pthread_rwlock_unlock(&r->srv->lock);
	html_error_flash(&h, error);
	html_lit(&h, "<form method=\"post\" class=\"card stack\" id=\"absence\" action=\"/pupils/");
	html_url_seg(&h, r->args[0]);
	html_lit(&h, "/absence\">");
	html_csrf(&h, r);
	html_lit(&h, "<input type=\"hidden\" name=\"next\" value=\"");
	html_attr(&h, web_next(r, ""));
	html_lit(&h, "\"><div class=\"inline\"><label>From ");
	date_input(&h, "from", value(r, from_form, "from", today), true);
	html_lit(&h, "</label><label>Session ");
	session_select(&h, "from_session", value(r, from_form, "from_session", "AM"));
	html_lit(&h, "</label><label>To ");
	date_input(&h, "to", value(r, from_form, "to", today), true);
	html_lit(&h, "</label><label>Session ");
	session_select(&h, "to_session", value(r, from_form, "to_session", "PM"));
	html_lit(&h, "</label></div><div class=\"inline\"><label>Reason <select name=\"code\">");
	const char *code = value(r, from_form, "code", "I");
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
		char label[200];
		const struct code_info *ci = code_info(codes[i]);
		snprintf(label, sizeof label, "%s – %s", ci->text, ci->meaning);
		option(&h, ci->text, label, code);
	}
	html_lit(&h, "</select></label><label>Expected back ");
	date_input(&h, "expected_return", value(r, from_form, "expected_return", ""), false);
	html_lit(&h, "</label></div><label>What the family said <input name=\"note\" "
		     "maxlength=\"500\" value=\"");
	html_attr(&h, value(r, from_form, "note", ""));
	html_lit(&h, "\"></label><div class=\"inline\"><label>Told by <select name=\"contact\">"
		     "<option value=\"\">someone else (name)</option>");
	if (c.n)
		snprintf(prio, sizeof prio, "%d", c.v[0].priority);
	int chosen = atoi(value(r, from_form, "contact", prio));
	html_contact_options(&h, &c, false, chosen);
	web_contacts_free(&c);
	html_lit(&h, "</select></label><label>Someone else <input name=\"reported_by\" "
		     "maxlength=\"120\" value=\"");
	html_attr(&h, value(r, from_form, "reported_by", ""));
	html_lit(&h, "\"></label><label>How <select name=\"channel\">");
	for (size_t i = 0; i < sizeof report_channels / sizeof *report_channels; i++)
		option(&h, report_channels[i], report_channel_labels[i],
		       value(r, from_form, "channel", "call"));
	html_lit(&h, "</select></label></div><p class=\"hint\">Sessions marked N (or O) get the "
		     "reason as an amendment; a session already marked otherwise keeps its mark. "
		     "Leave and holidays are the head teacher's decisions, not a report.</p><p>"
		     "<button type=\"submit\" class=\"primary\" id=\"record\">Record the reason</button> "
		     "<a href=\"/pupils/");
	html_url_seg(&h, r->args[0]);
	html_lit(&h, "/family\">Family</a></p></form>");
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_absence_get(struct web_req *r)
{
	return render(r, 200, NULL, false);
}

struct report_job {
	struct absence_request rq;
	char upn[UPN_LEN + 1], note[512], reported_by[STORE_NAME_MAX], channel[16];
	char user[STORE_USER_MAX];
	const char *source;
	struct absence_outcome out;
	char next[320];
};

static int report_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct report_job *rj = j->arg;
	struct actor who = {rj->user, rj->source};
	return absence_report_write(&srv->e, &rj->rq, &who, web_today(), &rj->out, err);
}

static int reported(struct web_req *r, struct write_job *j)
{
	struct report_job *rj = j->arg;
	if (j->rc < 0)
		return web_status_of(j->err.kind) >= 500 ? web_error(r, &j->err)
							   : render(r, web_status_of(j->err.kind),
								    j->err.message, true);
	char dflt[64];
	snprintf(dflt, sizeof dflt, "/pupils/%s/family", rj->upn);
	return web_done(r, rj->next[0] ? rj->next : dflt, "report");
}

static int session_field(struct web_req *r, const char *name, enum session *out,
			 struct app_error *err)
{
	const char *v = web_form_value(r, name);
	int s = v ? session_parse(v) : -1;
	if (s < 0)
		return app_fail(err, ERR_INPUT, name, "%s is AM or PM", name);
	*out = (enum session)s;
	return 0;
}

int page_absence_post(struct web_req *r)
{
	struct app_error err = {0};
	struct report_job *rj = calloc(1, sizeof *rj);
	if (!rj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	struct absence_request *rq = &rj->rq;
	const char *code = web_form_value(r, "code"), *from = web_form_value(r, "from"),
		   *to = web_form_value(r, "to"), *note = web_form_value(r, "note"),
		   *by = web_form_value(r, "reported_by"), *channel = web_form_value(r, "channel");
	long prio = 0;
	if (!from || !*from)
		app_fail(&err, ERR_INPUT, "from", "from is required: the first day of the absence");
	else if (!to || !*to)
		app_fail(&err, ERR_INPUT, "to", "to is required: the last day of the absence");
	if (err.kind || parse_date_field("from", from, &rq->from, &err) < 0 ||
	    parse_date_field("to", to, &rq->to, &err) < 0 ||
	    session_field(r, "from_session", &rq->from_session, &err) < 0 ||
	    session_field(r, "to_session", &rq->to_session, &err) < 0 ||
	    web_form_date(r, "expected_return", DATE_INVALID, &rq->expected_return, &err) < 0 ||
	    web_form_int(r, "contact", 1, 99, 0, &prio, &err) < 0 ||
	    parse_text_field("note", note ? note : "", rj->note, sizeof rj->note, 0, &err) < 0 ||
	    parse_text_field("reported_by", by ? by : "", rj->reported_by, sizeof rj->reported_by, 0,
			     &err) < 0 ||
	    parse_text_field("channel", channel ? channel : "", rj->channel, sizeof rj->channel, 1,
			     &err) < 0)
		goto bad;
	if ((rq->code = code ? code_parse(code) : CODE_NONE) == CODE_NONE) {
		app_fail(&err, ERR_INPUT, "code", "code '%.8s' is not a register code", code ? code : "");
		goto bad;
	}
	/* a name typed beats the contact chosen by default */
	if (rj->reported_by[0])
		prio = 0;
	int row;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_pupil_row(r, r->args[0], web_today(), &row, &err);
	if (rc == 0)
		snprintf(rj->upn, sizeof rj->upn, "%s", r->srv->e.m.rows[row].upn);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		goto bad;
	rq->upn = rj->upn;
	rq->note = rj->note;
	rq->contact_priority = (int)prio;
	rq->reported_by = rj->reported_by;
	rq->channel = rj->channel;
	snprintf(rj->user, sizeof rj->user, "%s", r->who.username);
	rj->source = web_actor(r).source;
	snprintf(rj->next, sizeof rj->next, "%s", web_next(r, ""));
	return web_write(r, report_run, rj, free, reported, NULL);
bad:
	free(rj);
	if (err.kind == ERR_INPUT)
		return render(r, 400, err.message, true);
	return web_error(r, &err);
}
