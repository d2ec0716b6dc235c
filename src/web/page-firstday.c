/* The first-day response (issue 6), for the office:
 *   GET  /first-day?date=            every pupil absent with no reason (N) that
 *                                    day, flagged pupils first: the step due
 *                                    now, whose it is, what has been done
 *   GET  /first-day/UPN/message      the first-day message, previewed
 *   POST /first-day/UPN/STEP         a step done (message, calls, visit)
 * Each step is one button; app.js sends it without reloading the page, and
 * without JavaScript the form posts and comes back here. */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/contacts.h"
#include "app/firstday.h"
#include "app/parse.h"
#include "app/tasks.h"
#include "comms/message.h"
#include "web/html.h"
#include "web/web.h"

/* ---- the queue ---- */

static void due_line(struct html *h, const struct firstday_item *it)
{
	char t[6];
	const struct fd_due *d = &it->due;
	if (it->progress.contacted) {
		html_lit(h, "<p class=\"due contacted\"><strong>Contact made:</strong> record the "
			    "reason the family gave.</p>");
		return;
	}
	if (d->step == FD_STEP__MAX) {
		html_lit(h, "<p class=\"due\"><strong>Every step done, and no contact yet.</strong> "
			    "Talk to the attendance lead about what comes next.</p>");
		return;
	}
	if (d->late)
		html_lit(h, "<p class=\"due late\"><strong>Late:</strong> ");
	else
		html_lit(h, "<p class=\"due now\"><strong>Due now:</strong> ");
	html_txt(h, fd_step_label((enum fd_step)d->step));
	html_lit(h, " by ");
	html_txt(h, register_time_text(d->by, t));
	html_lit(h, " <small>(");
	html_txt(h, fd_step_owner((enum fd_step)d->step));
	html_lit(h, ")</small></p>");
}

static void done_list(struct html *h, const struct firstday_list *l, const struct firstday_item *it)
{
	if (!it->n_actions)
		return;
	html_lit(h, "<ol class=\"done\">");
	for (int i = 0; i < it->n_actions; i++) {
		const struct first_day_action_rec *a = &l->actions[it->first_action + i];
		int res = fd_result_parse(a->result);
		html_lit(h, "<li><time>");
		html_time(h, a->done_at, l->day);
		html_lit(h, "</time> ");
		html_txt(h, fd_step_label(fd_result_step((enum fd_result)res)));
		html_lit(h, ": <strong>");
		html_txt(h, fd_result_label((enum fd_result)res));
		html_lit(h, "</strong>");
		if (a->contact_name[0]) {
			html_lit(h, " (");
			html_txt(h, a->contact_name);
			html_lit(h, ")");
		}
		if (a->outbox_status[0]) {
			html_lit(h, " <span class=\"status-");
			html_attr(h, a->outbox_status);
			html_lit(h, "\">message ");
			html_txt(h, a->outbox_status);
			html_lit(h, "</span>");
		}
		if (a->note[0]) {
			html_lit(h, " – ");
			html_txt(h, a->note);
		}
		html_lit(h, " <small>by ");
		html_txt(h, a->done_by);
		html_lit(h, "</small></li>");
	}
	html_lit(h, "</ol>");
}

/* The opening tag of a form that app.js sends without a reload. */
static void step_form(struct html *h, struct web_req *r, const char *upn, const char *step)
{
	html_lit(h, "<form method=\"post\" class=\"step js-swap\" action=\"/first-day/");
	html_url_seg(h, upn);
	html_lit(h, "/");
	html_txt(h, step);
	html_lit(h, "\" data-swap=\"fd-");
	html_attr(h, upn);
	html_lit(h, " fd-summary\">");
	html_csrf(h, r);
}

static void actions(struct html *h, struct web_req *r, const struct engine *e,
		    const struct firstday_item *it)
{
	const struct pupil_row *p = &e->m.rows[it->row];
	unsigned done = it->progress.done;
	html_lit(h, "<div class=\"actions\">");
	if (!(done & (1u << FD_MESSAGE)) && !it->progress.contacted) {
		html_lit(h, "<p><a class=\"button primary\" href=\"/first-day/");
		html_url_seg(h, p->upn);
		html_lit(h, "/message\">Send the first-day message…</a></p><details><summary>No one "
			    "can get a message?</summary>");
		step_form(h, r, p->upn, "message");
		html_lit(h, "<label>Why <input name=\"note\" maxlength=\"500\" required></label>"
			    "<button name=\"result\" value=\"no_one\">Record: no one to "
			    "message</button></form></details>");
	}
	if (!it->progress.contacted) {
		struct web_contacts c;
		struct app_error err = {0};
		if (web_contacts_load(e->store, e->school.id, p->pupil_id, &c, &err) == 0 && it->working) {
			step_form(h, r, p->upn, "calls");
			html_lit(h, "<label>Call <select name=\"contact\">");
			/* the first contact had the message: the others first */
			int pick = 0;
			for (int i = 0; i < c.n && !pick; i++)
				if (contact_working(&c.v[i]) && c.v[i].priority != it->first_contact)
					pick = c.v[i].priority;
			html_contact_options(h, &c, true, pick ? pick : it->first_contact);
			html_lit(h, "</select></label><label>Note <input name=\"note\" maxlength=\"500\" "
				    "placeholder=\"what was said\"></label><span class=\"buttons\">"
				    "<button name=\"result\" value=\"reached\">Reached</button>"
				    "<button name=\"result\" value=\"no_answer\">No answer</button>"
				    "</span></form>");
		}
		web_contacts_free(&c);
	}
	if (!(done & (1u << FD_VISIT)) && !it->progress.contacted) {
		step_form(h, r, p->upn, "visit");
		html_lit(h, "<label>Welfare visit <input name=\"note\" maxlength=\"500\" "
			    "placeholder=\"what it found, or why none is needed\"></label>"
			    "<span class=\"buttons\"><button name=\"result\" value=\"visited\">Visited"
			    "</button><button name=\"result\" value=\"no_visit\">No visit needed"
			    "</button></span></form>");
	}
	html_lit(h, "<p><a class=\"button");
	if (it->progress.contacted)
		html_lit(h, " primary");
	html_lit(h, "\" href=\"/pupils/");
	html_url_seg(h, p->upn);
	html_lit(h, "/absence?next=/first-day\">Record the reason…</a></p></div>");
}

static void escalation_line(struct html *h, const struct engine *e, const struct firstday_item *it)
{
	html_lit(h, "<p class=\"fd-meta\">");
	if (it->run > 1)
		html_txtf(h, "Day %d in a row with no reason", it->run);
	else
		html_lit(h, "First day with no reason");
	if (it->escalation >= 0) {
		html_lit(h, " · ");
		html_txt(h, esc_who_label((enum esc_who)it->escalation));
		html_lit(h, " call");
		if (it->task_id) {
			struct task_rec t;
			char who[160], people[400] = "";
			struct app_error err = {0};
			if (store_task_get(e->store, e->school.id, it->task_id, &t) == 0) {
				tasks_assignee_text(&t, who, sizeof who);
				tasks_people(e->store, e->school.id, &t, people, sizeof people, &err);
				html_lit(h, ": ");
				if (people[0]) {
					html_txt(h, people);
				} else {
					html_lit(h, "<strong class=\"warn\">no account is ");
					html_txt(h, who);
					html_lit(h, " yet</strong>");
				}
				html_lit(h, " (task ");
				html_txt(h, t.state);
				html_lit(h, ")");
			}
		}
	}
	if (it->working < 2) {
		html_lit(h, " · <a class=\"warn\" href=\"/pupils/");
		html_url_seg(h, e->m.rows[it->row].upn);
		html_lit(h, "/family\">");
		html_txtf(h, "%d working contact%s", it->working, it->working == 1 ? "" : "s");
		html_lit(h, "</a>");
	}
	html_lit(h, "</p>");
}

static void item_html(struct html *h, struct web_req *r, const struct engine *e,
		      const struct firstday_list *l, const struct firstday_item *it)
{
	const struct pupil_row *p = &e->m.rows[it->row];
	html_lit(h, "<article class=\"fd card");
	if (it->flags)
		html_lit(h, " flagged");
	if (it->due.late && it->due.step < FD_STEP__MAX)
		html_lit(h, " is-late");
	html_lit(h, "\" id=\"fd-");
	html_attr(h, p->upn);
	html_lit(h, "\"><h3>");
	html_pupil_link(h, p);
	html_lit(h, " <small>");
	html_txt(h, e->m.forms[p->form]);
	html_lit(h, " · N ");
	html_txt(h, it->n[SESSION_AM] && it->n[SESSION_PM] ? "AM and PM" : it->n[SESSION_AM] ? "AM" : "PM");
	html_lit(h, "</small>");
	if (it->flags) {
		char flags[128];
		firstday_flags_text(it->flags, flags, sizeof flags);
		html_lit(h, " <span class=\"badge alert-flag\" title=\"goes first\">");
		html_txt(h, flags);
		html_lit(h, "</span>");
	}
	html_lit(h, "</h3>");
	escalation_line(h, e, it);
	due_line(h, it);
	done_list(h, l, it);
	if (l->day == web_today())
		actions(h, r, e, it);
	html_lit(h, "</article>");
}

static void summary(struct html *h, const struct firstday_list *l)
{
	int late = 0, due = 0, contacted = 0;
	for (int i = 0; i < l->n; i++) {
		const struct firstday_item *it = &l->items[i];
		contacted += it->progress.contacted;
		if (it->due.step < FD_STEP__MAX) {
			late += it->due.late;
			due += !it->due.late;
		}
	}
	html_lit(h, "<p class=\"summary\" id=\"fd-summary\">");
	if (!l->n)
		html_lit(h, "Nobody is absent with no reason (N).");
	else
		html_txtf(h, "%d pupil%s absent with no reason: %d with a step late, %d due, %d "
			     "contacted.", l->n, l->n == 1 ? "" : "s", late, due, contacted);
	if (l->n_resolved)
		html_txtf(h, " %d found a reason after the first-day response started.", l->n_resolved);
	html_lit(h, "</p>");
}

static void resolved(struct html *h, const struct engine *e, const struct firstday_list *l)
{
	if (!l->n_resolved)
		return;
	html_lit(h, "<h2>Reason found</h2><table class=\"list\" id=\"fd-resolved\"><thead><tr>"
		    "<th>Pupil</th><th>AM</th><th>PM</th><th>Steps</th></tr></thead><tbody>");
	int col = calendar_session_col(&e->cal, l->day, SESSION_AM);
	for (int i = 0; i < l->n_resolved; i++) {
		const struct firstday_item *it = &l->resolved[i];
		const struct pupil_row *p = &e->m.rows[it->row];
		const uint8_t *cells = matrix_row_cells(&e->m, it->row);
		html_lit(h, "<tr><td>");
		html_pupil_link(h, p);
		html_lit(h, "</td>");
		for (int s = 0; s < SESSION__MAX; s++) {
			html_lit(h, "<td class=\"code\">");
			html_txt(h, cells[col + s] == CODE_NONE ? "–" : code_text(cells[col + s], (enum session)s));
			html_lit(h, "</td>");
		}
		html_lit(h, "<td>");
		html_int(h, it->n_actions);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table>");
}

void web_overdue_section(struct html *h, const struct engine *e)
{
	struct firstday_overdue *o = NULL;
	int n = 0;
	struct app_error err = {0};
	char d[DATE_ISO_LEN];
	html_lit(h, "<h2 id=\"overdue\">N not replaced within 5 school days</h2>");
	if (firstday_overdue_build(e, web_today(), &o, &n, &err) < 0) {
		html_lit(h, "<p class=\"flash bad\">");
		html_txt(h, err.message);
		html_lit(h, "</p>");
		return;
	}
	if (!n) {
		html_lit(h, "<p class=\"hint\">None: every N older than 5 school days has its "
			    "reason.</p>");
		return;
	}
	html_lit(h, "<table class=\"list\" id=\"overdue-n\"><thead><tr><th>Pupil</th><th>Form</th>"
		    "<th>Session</th><th>School days since</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct pupil_row *p = &e->m.rows[o[i].row];
		html_lit(h, "<tr><td>");
		html_pupil_link(h, p);
		html_lit(h, "</td><td>");
		html_txt(h, e->m.forms[p->form]);
		html_lit(h, "</td><td><a href=\"/pupils/");
		html_url_seg(h, p->upn);
		html_lit(h, "/history?date=");
		html_txt(h, date_format(o[i].date, d));
		html_lit(h, "&amp;session=");
		html_txt(h, session_name(o[i].session));
		html_lit(h, "\">");
		html_txt(h, d);
		html_lit(h, " ");
		html_txt(h, session_name(o[i].session));
		html_lit(h, "</a></td><td>");
		html_int(h, o[i].school_days);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table>");
	free(o);
}

static int render_queue(struct web_req *r, int status, const char *error)
{
	struct app_error err = {0};
	date_t day;
	if (web_day_param(r, &day, &err) < 0)
		return web_error(r, &err);
	char longd[40], title[80], t[6];
	snprintf(title, sizeof title, "First-day response: %s", html_long_date(day, longd));
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>First-day response <small>");
	html_txt(&h, longd);
	html_lit(&h, "</small></h1>");
	html_day_form(&h, "/first-day", day);
	html_error_flash(&h, error);
	html_done_flash(&h, r);
	struct engine view;
	struct firstday_list l;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_engine_view(r, &view);
	if (firstday_list_build(&view, day, web_today(), clock_minute_of_day(), &l, &err) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		free(h.buf);
		return web_error(r, &err);
	}
	html_lit(&h, "<p class=\"hint\">");
	for (int s = 0; s < FD_STEP__MAX; s++) {
		html_txt(&h, fd_step_label((enum fd_step)s));
		html_lit(&h, " by ");
		html_txt(&h, register_time_text(l.settings.by[s], t));
		html_txt(&h, s + 1 < FD_STEP__MAX ? "; " : ". ");
	}
	html_lit(&h, "Pupils with a safeguarding or vulnerability flag come first. <a "
		     "href=\"/contacts/missing\">Fewer than two working contacts</a> · <a "
		     "href=\"/outbox\">Outbox</a> · <a href=\"/tasks\">Tasks</a></p>");
	summary(&h, &l);
	html_lit(&h, "<div class=\"fd-list\" id=\"fd-list\">");
	for (int i = 0; i < l.n; i++)
		item_html(&h, r, &view, &l, &l.items[i]);
	html_lit(&h, "</div>");
	resolved(&h, &view, &l);
	web_overdue_section(&h, &view);
	pthread_rwlock_unlock(&r->srv->lock);
	firstday_list_free(&l);
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_first_day(struct web_req *r)
{
	return render_queue(r, 200, NULL);
}

/* ---- the first-day message ---- */

/* The message for a pupil: to the first contact (by priority, not marked
 * do not contact) who has a mobile (a text) or else an email address. */
static int choose_message(const struct engine *e, int row, struct message_request *rq,
			  struct app_error *err)
{
	struct web_contacts c;
	if (web_contacts_load(e->store, e->school.id, e->m.rows[row].pupil_id, &c, err) < 0)
		return -1;
	for (int i = 0; i < c.n && !rq->contact_priority; i++) {
		if (c.v[i].do_not_contact || !(c.v[i].mobile[0] || c.v[i].email[0]))
			continue;
		rq->contact_priority = c.v[i].priority;
		rq->template_name = c.v[i].mobile[0] ? FD_TEMPLATE_SMS : FD_TEMPLATE_EMAIL;
	}
	web_contacts_free(&c);
	if (!rq->contact_priority)
		return app_fail(err, ERR_CONFLICT, "contact",
				"no contact can get a message (none has a mobile or an email, or "
				"they are marked do not contact): call instead, and record that no "
				"one could be messaged");
	return 0;
}

/* Composes the message on the request thread (under the read lock). */
static int compose(struct web_req *r, const char *upn, const char *tpl, int priority,
		   struct message *m, int *row, struct app_error *err)
{
	struct engine view;
	web_engine_view(r, &view);
	/* the message is not queued yet: any outbox id passes the check */
	struct firstday_step st = {.upn = upn, .result = FD_SENT, .outbox_id = 1};
	if (firstday_check(&view, &st, web_today(), row, err) < 0)
		return -1;
	struct message_request rq = {.upn = upn};
	if (tpl) {
		rq.template_name = tpl;
		rq.contact_priority = priority;
	} else if (choose_message(&view, *row, &rq, err) < 0) {
		return -1;
	}
	return message_compose(&view, &rq, web_today(), m, err);
}

void web_message_preview(struct html *h, const struct message *m)
{
	html_lit(h, "<dl class=\"preview-meta\"><dt>To</dt><dd>");
	html_txt(h, m->recipient_name);
	html_lit(h, ", ");
	html_txt(h, m->contact.relationship);
	html_lit(h, " <small>(contact ");
	html_int(h, m->contact.priority);
	html_lit(h, ")</small></dd><dt>By</dt><dd>");
	html_txt(h, strcmp(m->channel, "sms") == 0	 ? "text"
		    : strcmp(m->channel, "email") == 0 ? "email"
						       : "post (printed in the office)");
	html_lit(h, ": ");
	html_txt(h, m->recipient);
	html_lit(h, "</dd><dt>Template</dt><dd>");
	html_txt(h, m->template_name);
	html_lit(h, " (");
	html_txt(h, m->language);
	html_lit(h, ")");
	if (m->language_fallback)
		html_lit(h, " <small>the template has no version in the contact's language</small>");
	html_lit(h, "</dd>");
	if (strcmp(m->channel, "sms") == 0) {
		html_lit(h, "<dt>Size</dt><dd>");
		html_txtf(h, "%d characters, %d text%s%s", m->sms_chars, m->sms_parts,
			  m->sms_parts == 1 ? "" : "s", m->sms_unicode ? " (sent as Unicode)" : "");
		html_lit(h, "</dd>");
	}
	if (m->pdf.len) {
		html_lit(h, "<dt>Letter</dt><dd>");
		html_txtf(h, "a PDF of %zu KB", (m->pdf.len + 1023) / 1024);
		html_lit(h, "</dd>");
	}
	if (m->subject && m->subject[0]) {
		html_lit(h, "<dt>Subject</dt><dd>");
		html_txt(h, m->subject);
		html_lit(h, "</dd>");
	}
	html_lit(h, "</dl><div class=\"preview\" id=\"preview\">");
	html_txt(h, m->text);
	html_lit(h, "</div>");
}

int page_first_day_message(struct web_req *r)
{
	struct app_error err = {0};
	struct message m;
	int row;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = compose(r, r->args[0], NULL, 0, &m, &row, &err);
	char name[300] = "";
	if (rc == 0)
		snprintf(name, sizeof name, "%s %s", r->srv->e.m.rows[row].forename,
			 r->srv->e.m.rows[row].surname);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	struct html h = {0};
	char title[340];
	snprintf(title, sizeof title, "First-day message: %s", name);
	html_begin(&h, r, title);
	html_lit(&h, "<h1>First-day message <small>");
	html_txt(&h, name);
	html_lit(&h, "</small></h1><section class=\"card\">");
	web_message_preview(&h, &m);
	html_lit(&h, "<form method=\"post\" action=\"/first-day/");
	html_url_seg(&h, r->args[0]);
	html_lit(&h, "/message\">");
	html_csrf(&h, r);
	html_lit(&h, "<input type=\"hidden\" name=\"template\" value=\"");
	html_attr(&h, m.template_name);
	html_lit(&h, "\"><input type=\"hidden\" name=\"contact\" value=\"");
	html_int(&h, m.contact.priority);
	html_lit(&h, "\"><input type=\"hidden\" name=\"next\" value=\"/first-day#fd-");
	html_attr(&h, r->args[0]);
	html_lit(&h, "\"><p class=\"buttons\"><button class=\"primary\" name=\"result\" "
		     "value=\"sent\" id=\"send\">Send</button> <a href=\"/first-day\">Back to the "
		     "queue</a></p></form></section>");
	message_free(&m);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

/* ---- a step done ---- */

struct step_job {
	struct firstday_step st;
	char upn[UPN_LEN + 1];
	char note[STORE_NOTE_MAX];
	char user[STORE_USER_MAX];
	const char *source;
	bool has_message;
	struct message m;
	int64_t action_id, outbox_id;
	char next[320];
};

static void step_job_free(void *arg)
{
	struct step_job *sj = arg;
	if (sj->has_message)
		message_free(&sj->m);
	free(sj);
}

static int step_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct step_job *sj = j->arg;
	struct actor who = {sj->user, sj->source};
	if (sj->has_message) {
		if (message_queue_write(&srv->e, &sj->m, sj->user, &sj->outbox_id, err) < 0)
			return -1;
		sj->st.outbox_id = sj->outbox_id;
	}
	return firstday_record_write(&srv->e, &sj->st, &who, web_today(), &sj->action_id, err);
}

static int step_done_page(struct web_req *r, struct write_job *j)
{
	struct step_job *sj = j->arg;
	if (j->rc < 0)
		return web_status_of(j->err.kind) >= 500 ? web_error(r, &j->err)
							   : render_queue(r, web_status_of(j->err.kind),
									  j->err.message);
	return web_done(r, sj->next, fd_result_name(sj->st.result));
}

int web_first_day_submit(struct web_req *r, const char *step_name, const char *result,
			 const char *contact, const char *note, const char *tpl,
			 int (*finish)(struct web_req *r, struct write_job *j))
{
	struct app_error err = {0};
	int step = fd_step_parse(step_name);
	if (step < 0)
		return web_fail(r, ERR_NOT_FOUND, "step", "there is no step '%.20s' (message, calls "
				"or visit)", step_name);
	int res = fd_result_parse(result ? result : (step == FD_MESSAGE ? "sent" : ""));
	if (res < 0 || fd_result_step((enum fd_result)res) != (enum fd_step)step) {
		static const char *const allowed[FD_STEP__MAX] = {"sent or no_one",
								  "reached or no_answer",
								  "visited or no_visit"};
		return web_fail(r, ERR_INPUT, "result", "result of the %s step is %s", step_name,
				allowed[step]);
	}
	struct step_job *sj = calloc(1, sizeof *sj);
	if (!sj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	long prio = 0;
	if ((contact && *contact &&
	     parse_int_field("contact", contact, 1, 99, &prio, &err) < 0) ||
	    (note && parse_text_field("note", note, sj->note, sizeof sj->note, 0, &err) < 0)) {
		free(sj);
		return web_error(r, &err);
	}
	snprintf(sj->upn, sizeof sj->upn, "%.13s", r->args[0]);
	snprintf(sj->user, sizeof sj->user, "%s", r->who.username);
	sj->source = web_actor(r).source;
	sj->st = (struct firstday_step){.upn = sj->upn, .result = (enum fd_result)res,
					.contact_priority = (int)prio, .note = sj->note};
	snprintf(sj->next, sizeof sj->next, "%s", web_next(r, "/first-day"));
	if (strcmp(sj->next, "/first-day") == 0)
		snprintf(sj->next, sizeof sj->next, "/first-day#fd-%s", sj->upn);
	int row, rc;
	pthread_rwlock_rdlock(&r->srv->lock);
	if (res == FD_SENT) {
		if (!tpl || (strcmp(tpl, FD_TEMPLATE_SMS) && strcmp(tpl, FD_TEMPLATE_EMAIL)))
			rc = app_fail(&err, ERR_INPUT, "template",
				      "the first-day message is %s or %s, from its preview",
				      FD_TEMPLATE_SMS, FD_TEMPLATE_EMAIL);
		else if (prio < 1)
			rc = app_fail(&err, ERR_INPUT, "contact", "say which contact gets the message");
		else if ((rc = compose(r, sj->upn, tpl, (int)prio, &sj->m, &row, &err)) == 0)
			sj->has_message = true;
	} else {
		struct engine view;
		web_engine_view(r, &view);
		rc = firstday_check(&view, &sj->st, web_today(), &row, &err);
	}
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0) {
		step_job_free(sj);
		return web_error(r, &err);
	}
	return web_write(r, step_run, sj, step_job_free, finish, NULL);
}

int page_first_day_step(struct web_req *r)
{
	int rc = web_first_day_submit(r, r->args[1], web_form_value(r, "result"),
				      web_form_value(r, "contact"), web_form_value(r, "note"),
				      web_form_value(r, "template"), step_done_page);
	/* Refused before writing: the queue again, with what was wrong. */
	if (rc == 0 && r->status >= 400 && r->status < 500 && r->status != 404)
		return render_queue(r, r->status, r->last_error);
	return rc;
}
