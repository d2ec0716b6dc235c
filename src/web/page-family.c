/* A pupil's family, for the staff who see the pupil:
 *   GET  /pupils/UPN/family                 contacts, the contact log, absence
 *                                           reports and messages
 *   POST /pupils/UPN/contact-log            a contact logged
 *   POST /pupils/UPN/contact-log/ENTRY      an entry amended (a new version, why)
 *   GET  /contacts/missing                  pupils with fewer than two working
 *                                           contacts (the office)
 * web_contact_log_section() is the log as a section any pupil page can hold. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/contact_log.h"
#include "app/contacts.h"
#include "app/firstday.h"
#include "app/parse.h"
#include "web/html.h"
#include "web/web.h"

/* ---- the contact log section ---- */

struct log_list {
	struct contact_log_rec *v;
	int n;
};

static int add_log(void *ctx, const struct contact_log_rec *c)
{
	struct log_list *l = ctx;
	return web_push(&l->v, &l->n, sizeof *c, c);
}

static const char *const channels[] = {"call", "text", "email", "letter", "home_visit", "meeting"};
static const char *const channel_labels[] = {"Call", "Text", "Email", "Letter", "Home visit",
					     "Meeting"};

static const char *channel_label(const char *ch)
{
	for (size_t i = 0; i < sizeof channels / sizeof *channels; i++)
		if (strcmp(channels[i], ch) == 0)
			return channel_labels[i];
	return ch;
}

static void entry_versions(struct html *h, const struct log_list *all, int64_t entry)
{
	int n = 0;
	for (int i = 0; i < all->n; i++)
		n += all->v[i].entry == entry;
	if (n < 2)
		return;
	html_lit(h, "<details class=\"versions\"><summary>");
	html_txtf(h, "Amended: %d versions", n);
	html_lit(h, "</summary><ol>");
	for (int i = 0; i < all->n; i++) {
		const struct contact_log_rec *v = &all->v[i];
		if (v->entry != entry)
			continue;
		char when[CLOCK_ISO_LEN], d[DATE_ISO_LEN];
		html_lit(h, "<li>");
		html_txt(h, v->outcome);
		if (v->follow_up != DATE_INVALID) {
			html_lit(h, " (follow up ");
			html_txt(h, date_format(v->follow_up, d));
			html_lit(h, ")");
		}
		html_lit(h, " <small>by ");
		html_txt(h, v->recorded_by);
		html_lit(h, " at ");
		html_txt(h, clock_local_display(v->recorded_at, when));
		if (v->reason[0]) {
			html_lit(h, ": ");
			html_txt(h, v->reason);
		}
		html_lit(h, "</small></li>");
	}
	html_lit(h, "</ol></details>");
}

static void amend_form(struct html *h, struct web_req *r, const char *upn,
		       const struct contact_log_rec *c)
{
	char d[DATE_ISO_LEN];
	html_lit(h, "<details class=\"amend\"><summary>Amend</summary><form method=\"post\" "
		    "class=\"stack\" action=\"/pupils/");
	html_url_seg(h, upn);
	html_lit(h, "/contact-log/");
	html_int(h, c->entry);
	html_lit(h, "\">");
	html_csrf(h, r);
	html_next(h, r);
	html_lit(h, "<label>Outcome <input name=\"outcome\" maxlength=\"1000\" value=\"");
	html_attr(h, c->outcome);
	html_lit(h, "\"></label><label>Follow up on <input type=\"date\" name=\"follow_up\" value=\"");
	if (c->follow_up != DATE_INVALID)
		html_attr(h, date_format(c->follow_up, d));
	html_lit(h, "\"></label><label class=\"check\"><input type=\"checkbox\" name=\"clear_follow_up\" "
		    "value=\"Y\"> No follow-up</label><label>Why the change <input name=\"reason\" "
		    "maxlength=\"500\" required></label><button type=\"submit\">Save the amendment"
		    "</button></form></details>");
}

static void add_form(struct html *h, struct web_req *r, const char *upn,
		     const struct web_contacts *c)
{
	html_lit(h, "<details class=\"add\"");
	if (!c->n)
		html_lit(h, " open");
	html_lit(h, "><summary>Log a contact</summary><form method=\"post\" class=\"stack\" "
		    "id=\"log-add\" action=\"/pupils/");
	html_url_seg(h, upn);
	html_lit(h, "/contact-log\">");
	html_csrf(h, r);
	html_next(h, r);
	html_lit(h, "<div class=\"inline\"><label>How <select name=\"channel\">");
	for (size_t i = 0; i < sizeof channels / sizeof *channels; i++) {
		html_lit(h, "<option value=\"");
		html_attr(h, channels[i]);
		html_lit(h, "\">");
		html_txt(h, channel_labels[i]);
		html_lit(h, "</option>");
	}
	html_lit(h, "</select></label><label>Who began it <select name=\"direction\"><option "
		    "value=\"out\">the school</option><option value=\"in\">the family</option>"
		    "</select></label><label>With <select name=\"to\"><option value=\"\">someone "
		    "else (name below)</option>");
	html_contact_options(h, c, false, c->n ? c->v[0].priority : 0);
	html_lit(h, "</select></label><label>Someone else <input name=\"to_name\" maxlength=\"120\">"
		    "</label></div><label>Outcome <input name=\"outcome\" maxlength=\"1000\" "
		    "required></label><div class=\"inline\"><label>Follow up on <input type=\"date\" "
		    "name=\"follow_up\"></label><label>When <small>(if not now)</small> <input "
		    "type=\"datetime-local\" name=\"at\"></label></div><button type=\"submit\" "
		    "class=\"primary\">Add to the log</button></form></details>");
}

void web_contact_log_section(struct html *h, struct web_req *r, int row)
{
	const struct engine *e = &r->srv->e;
	const struct pupil_row *p = &e->m.rows[row];
	struct log_list cur = {0}, all = {0};
	struct web_contacts c = {0};
	struct app_error err = {0};
	html_lit(h, "<section class=\"contact-log\" id=\"contact-log\"><h2>Contact log</h2>");
	if (store_contact_log_each(r->rd, e->school.id, p->pupil_id, false, add_log, &cur) < 0 ||
	    store_contact_log_each(r->rd, e->school.id, p->pupil_id, true, add_log, &all) < 0 ||
	    web_contacts_load(r->rd, e->school.id, p->pupil_id, &c, &err) < 0) {
		html_lit(h, "<p class=\"flash bad\">The contact log could not be read.</p>");
		goto out;
	}
	add_form(h, r, p->upn, &c);
	if (!cur.n) {
		html_lit(h, "<p class=\"hint\">No contact with the family is logged yet.</p>");
		goto out;
	}
	html_lit(h, "<ol class=\"log\" reversed>");
	for (int i = cur.n - 1; i >= 0; i--) {
		const struct contact_log_rec *x = &cur.v[i];
		char when[CLOCK_ISO_LEN], d[DATE_ISO_LEN];
		html_lit(h, "<li class=\"card\" id=\"log-");
		html_int(h, x->entry);
		html_lit(h, "\"><p><strong>");
		html_txt(h, channel_label(x->channel));
		if (strcmp(x->direction, "in") == 0)
			html_lit(h, "</strong> from ");
		else
			html_lit(h, "</strong> to ");
		html_txt(h, x->contact_name);
		html_lit(h, " <small>");
		html_txt(h, clock_local_display(x->happened_at, when));
		html_lit(h, " · ");
		html_txt(h, x->staff);
		html_lit(h, "</small></p><p>");
		html_txt(h, x->outcome);
		html_lit(h, "</p>");
		if (x->follow_up != DATE_INVALID) {
			html_lit(h, "<p class=\"hint\">Follow up on ");
			html_txt(h, date_format(x->follow_up, d));
			html_lit(h, "</p>");
		}
		entry_versions(h, &all, x->entry);
		amend_form(h, r, p->upn, x);
		html_lit(h, "</li>");
	}
	html_lit(h, "</ol>");
out:
	html_lit(h, "</section>");
	free(cur.v);
	free(all.v);
	web_contacts_free(&c);
}

/* ---- the family page ---- */

static void contacts_table(struct html *h, const struct web_contacts *c)
{
	html_lit(h, "<h2>Contacts</h2>");
	int working = 0;
	for (int i = 0; i < c->n; i++)
		working += contact_working(&c->v[i]);
	if (working < CONTACTS_WANTED) {
		html_lit(h, "<p class=\"flash bad\" id=\"few-contacts\">");
		html_txtf(h, "%d working contact%s: the school needs at least %d numbers to call "
			     "(safeguarding). Ask the family for another.", working,
			  working == 1 ? "" : "s", CONTACTS_WANTED);
		html_lit(h, "</p>");
	}
	if (!c->n)
		return;
	html_lit(h, "<table class=\"list\" id=\"contacts\"><thead><tr><th>#</th><th>Name</th>"
		    "<th>Phone</th><th>Mobile</th><th>Email</th><th>Notes</th></tr></thead><tbody>");
	for (int i = 0; i < c->n; i++) {
		const struct contact_rec *k = &c->v[i];
		html_lit(h, "<tr><td>");
		html_int(h, k->priority);
		html_lit(h, "</td><td>");
		html_txt(h, k->name);
		html_lit(h, " <small>");
		html_txt(h, k->relationship);
		html_lit(h, "</small></td><td>");
		html_txt(h, k->phone);
		html_lit(h, "</td><td>");
		html_txt(h, k->mobile);
		html_lit(h, "</td><td>");
		html_txt(h, k->email);
		html_lit(h, "</td><td>");
		if (k->do_not_contact)
			html_lit(h, "<strong class=\"state overdue\">do not contact</strong> ");
		char notes[200], lang[24] = "";
		if (strcmp(k->language, "en") != 0)
			snprintf(lang, sizeof lang, "language %s", k->language);
		const char *parts[] = {k->parental_responsibility ? "parental responsibility" : NULL,
				       k->lives_with_pupil ? "lives with the pupil" : NULL,
				       k->receives_mail ? "gets letters" : NULL, lang[0] ? lang : NULL};
		size_t n = 0;
		notes[0] = '\0';
		for (size_t p = 0; p < sizeof parts / sizeof *parts; p++)
			if (parts[p])
				n += (size_t)snprintf(notes + n, sizeof notes - n, "%s%s", n ? ", " : "",
						      parts[p]);
		html_txt(h, notes);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table>");
}

struct reports_ctx {
	struct html *h;
	struct store *s;
	int64_t school_id;
	int n;
};

static int report_session(void *ctx, const struct absence_session_rec *x)
{
	struct html *h = ctx;
	char d[DATE_ISO_LEN];
	html_lit(h, "<li>");
	html_txt(h, date_format(x->date, d));
	html_lit(h, " ");
	html_txt(h, session_name(x->session));
	html_lit(h, ": ");
	html_txt(h, x->state);
	if (x->detail[0]) {
		html_lit(h, " – ");
		html_txt(h, x->detail);
	}
	html_lit(h, "</li>");
	return 0;
}

static int report_row(void *ctx, const struct absence_report_rec *a)
{
	struct reports_ctx *rc = ctx;
	struct html *h = rc->h;
	char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], when[CLOCK_ISO_LEN];
	if (!rc->n++)
		html_lit(h, "<h2>Reasons reported</h2><ol class=\"log\" id=\"reports\" reversed>");
	html_lit(h, "<li class=\"card\"><p><strong>");
	html_txt(h, code_text(a->code, SESSION_AM));
	html_lit(h, "</strong> ");
	html_txt(h, date_format(a->from_date, d1));
	html_lit(h, " ");
	html_txt(h, session_name(a->from_session));
	html_lit(h, " to ");
	html_txt(h, date_format(a->to_date, d2));
	html_lit(h, " ");
	html_txt(h, session_name(a->to_session));
	if (a->note[0]) {
		html_lit(h, ": ");
		html_txt(h, a->note);
	}
	html_lit(h, "</p><p class=\"hint\">Reported by ");
	html_txt(h, a->reported_by);
	html_lit(h, " (");
	html_txt(h, a->channel);
	html_lit(h, ")");
	if (a->expected_return != DATE_INVALID) {
		html_lit(h, "; back on ");
		html_txt(h, date_format(a->expected_return, d1));
	}
	html_lit(h, "; recorded by ");
	html_txt(h, a->recorded_by);
	html_lit(h, " at ");
	html_txt(h, clock_local_display(a->recorded_at, when));
	html_lit(h, "</p><details><summary>Sessions</summary><ul>");
	int ok = store_absence_sessions_each(rc->s, rc->school_id, a->id, report_session, h);
	html_lit(h, "</ul></details></li>");
	return ok;
}

int page_family(struct web_req *r)
{
	struct app_error err = {0};
	int row;
	struct html h = {0};
	pthread_rwlock_rdlock(&r->srv->lock);
	if (web_pupil_row(r, r->args[0], web_today(), &row, &err) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	const struct engine *e = &r->srv->e;
	const struct pupil_row *p = &e->m.rows[row];
	char title[300], flags[128];
	snprintf(title, sizeof title, "%s %s: family", p->forename, p->surname);
	html_begin(&h, r, title);
	html_lit(&h, "<h1>");
	html_txt(&h, p->forename);
	html_lit(&h, " ");
	html_txt(&h, p->surname);
	html_lit(&h, " <small>");
	html_txt(&h, e->m.forms[p->form]);
	html_lit(&h, " · UPN ");
	html_txt(&h, p->upn);
	html_lit(&h, "</small>");
	firstday_flags_text(firstday_flags(p), flags, sizeof flags);
	if (flags[0]) {
		html_lit(&h, " <span class=\"badge alert-flag\">");
		html_txt(&h, flags);
		html_lit(&h, "</span>");
	}
	html_lit(&h, "</h1>");
	html_done_flash(&h, r);
	html_lit(&h, "<p class=\"links\"><a href=\"/pupils/");
	html_url_seg(&h, p->upn);
	html_lit(&h, "/history\">Marks</a>");
	if (account_whole_school(&r->who)) {
		html_lit(&h, " · <a href=\"/pupils/");
		html_url_seg(&h, p->upn);
		html_lit(&h, "/absence\">Record a reason for absence</a> · <a href=\"/pupils/");
		html_url_seg(&h, p->upn);
		html_lit(&h, "/message\">Send a message</a>");
	}
	html_lit(&h, "</p>");
	struct web_contacts c;
	if (web_contacts_load(r->rd, e->school.id, p->pupil_id, &c, &err) == 0) {
		contacts_table(&h, &c);
		web_contacts_free(&c);
	}
	web_contact_log_section(&h, r, row);
	struct reports_ctx rc = {&h, r->rd, e->school.id, 0};
	store_absence_reports_each(r->rd, e->school.id, DATE_INVALID, p->pupil_id, report_row, &rc);
	if (rc.n)
		html_lit(&h, "</ol>");
	if (account_whole_school(&r->who)) {
		html_lit(&h, "<h2>Messages</h2>");
		web_outbox_table(&h, r, NULL, p->pupil_id);
	}
	pthread_rwlock_unlock(&r->srv->lock);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

/* ---- logging and amending ---- */

struct log_job {
	char upn[UPN_LEN + 1];
	char user[STORE_USER_MAX];
	const char *source;
	char channel[16], direction[8], to_name[STORE_NAME_MAX], outcome[STORE_NOTE_MAX];
	char at[20], reason[512];
	long to, entry;
	date_t follow_up;
	bool clear_follow_up, has_outcome;
	int64_t pupil_id;
	char next[320];
};

static int log_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct log_job *lj = j->arg;
	struct actor who = {lj->user, lj->source};
	if (!lj->entry) {
		struct contact_log_request rq = {
			.upn = lj->upn, .channel = lj->channel,
			.direction = lj->direction[0] ? lj->direction : NULL,
			.to_priority = (int)lj->to, .to_name = lj->to_name, .outcome = lj->outcome,
			.follow_up = lj->follow_up, .at = lj->at[0] ? lj->at : NULL};
		int64_t entry;
		return contact_log_add_write(&srv->e, &rq, &who, &entry, err);
	}
	struct contact_log_rec cur;
	int rc = store_contact_log_get(srv->store, srv->e.school.id, lj->entry, &cur);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(srv->store));
	if (rc == 1 || cur.pupil_id != lj->pupil_id)
		return app_fail(err, ERR_NOT_FOUND, "entry", "pupil %s has no contact log entry %ld",
				lj->upn, lj->entry);
	struct contact_log_change ch = {.entry = lj->entry,
					.outcome = lj->has_outcome ? lj->outcome : NULL,
					.follow_up = lj->follow_up,
					.clear_follow_up = lj->clear_follow_up,
					.reason = lj->reason};
	int version;
	return contact_log_amend_write(&srv->e, &ch, &who, &version, err);
}

static int log_done(struct web_req *r, struct write_job *j)
{
	struct log_job *lj = j->arg;
	if (j->rc < 0)
		return web_error(r, &j->err);
	char path[400];
	snprintf(path, sizeof path, "%s#contact-log", lj->next);
	return web_done(r, path, lj->entry ? "amended" : "logged");
}

/* Form fields copied with their rules; -1 with err. */
static int copy_field(struct web_req *r, const char *name, char *out, size_t len,
		      struct app_error *err)
{
	const char *v = web_form_value(r, name);
	return parse_text_field(name, v ? v : "", out, len, 0, err);
}

static int log_post(struct web_req *r, bool amend)
{
	struct app_error err = {0};
	struct log_job *lj = calloc(1, sizeof *lj);
	if (!lj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	int row;
	lj->follow_up = DATE_INVALID;
	if ((amend && parse_int_field("entry", r->args[1], 1, LONG_MAX, &lj->entry, &err) < 0) ||
	    copy_field(r, "outcome", lj->outcome, sizeof lj->outcome, &err) < 0 ||
	    web_form_date(r, "follow_up", DATE_INVALID, &lj->follow_up, &err) < 0)
		goto bad;
	if (amend) {
		const char *clear = web_form_value(r, "clear_follow_up");
		lj->clear_follow_up = clear && *clear;
		lj->has_outcome = lj->outcome[0] != '\0';
		if (copy_field(r, "reason", lj->reason, sizeof lj->reason, &err) < 0)
			goto bad;
		if (!lj->reason[0]) {
			app_fail(&err, ERR_INPUT, "reason", "an amendment needs a reason: say why it changes");
			goto bad;
		}
	} else {
		if (copy_field(r, "channel", lj->channel, sizeof lj->channel, &err) < 0 ||
		    copy_field(r, "direction", lj->direction, sizeof lj->direction, &err) < 0 ||
		    copy_field(r, "to_name", lj->to_name, sizeof lj->to_name, &err) < 0 ||
		    copy_field(r, "at", lj->at, sizeof lj->at, &err) < 0 ||
		    web_form_int(r, "to", 1, 99, 0, &lj->to, &err) < 0)
			goto bad;
		if (!contact_log_channel_ok(lj->channel)) {
			app_fail(&err, ERR_INPUT, "channel", "channel '%s' is not one of "
				 CONTACT_LOG_CHANNELS, lj->channel);
			goto bad;
		}
		if (lj->to && lj->to_name[0])
			lj->to = 0; /* a name typed beats the default contact */
		/* datetime-local sends seconds when they are not zero */
		if (strlen(lj->at) == 19)
			lj->at[16] = '\0';
	}
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_pupil_row(r, r->args[0], web_today(), &row, &err);
	if (rc == 0) {
		snprintf(lj->upn, sizeof lj->upn, "%s", r->srv->e.m.rows[row].upn);
		lj->pupil_id = r->srv->e.m.rows[row].pupil_id;
	}
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		goto bad;
	snprintf(lj->user, sizeof lj->user, "%s", r->who.username);
	lj->source = web_actor(r).source;
	char dflt[64];
	snprintf(dflt, sizeof dflt, "/pupils/%s/family", lj->upn);
	snprintf(lj->next, sizeof lj->next, "%s", web_next(r, dflt));
	return web_write(r, log_run, lj, free, log_done, NULL);
bad:
	free(lj);
	return web_error(r, &err);
}

int page_contact_log_add(struct web_req *r)
{
	return log_post(r, false);
}

int page_contact_log_amend(struct web_req *r)
{
	return log_post(r, true);
}

/* ---- pupils with fewer than two working contacts ---- */

struct missing_ctx {
	struct html *h;
	const struct engine *e;
	int n;
};

static int missing_row(void *ctx, int row, int working, const char *why)
{
	struct missing_ctx *m = ctx;
	const struct pupil_row *p = &m->e->m.rows[row];
	(void)working;
	if (!m->n++)
		html_lit(m->h, "<table class=\"list\" id=\"missing\"><thead><tr><th>Pupil</th>"
			       "<th>Form</th><th>Contacts</th></tr></thead><tbody>");
	html_lit(m->h, "<tr><td>");
	html_pupil_link(m->h, p);
	html_lit(m->h, "</td><td>");
	html_txt(m->h, m->e->m.forms[p->form]);
	html_lit(m->h, "</td><td>");
	html_txt(m->h, why);
	html_lit(m->h, "</td></tr>");
	return 0;
}

int page_contacts_missing(struct web_req *r)
{
	struct app_error err = {0};
	struct html h = {0};
	html_begin(&h, r, "Fewer than two working contacts");
	html_lit(&h, "<h1>Fewer than two working contacts</h1><p class=\"hint\">Every pupil needs "
		     "at least two numbers the school can call, not marked do not contact "
		     "(safeguarding). Update them with <code>attend import contacts</code>.</p>");
	struct engine view;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_engine_view(r, &view);
	struct missing_ctx m = {&h, &view, 0};
	int rc = contacts_missing_each(&view, web_today(), missing_row, &m, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0) {
		free(h.buf);
		return web_error(r, &err);
	}
	if (m.n)
		html_lit(&h, "</tbody></table>");
	else
		html_lit(&h, "<p class=\"flash good\">Every pupil on roll has at least two working "
			     "contacts.</p>");
	html_end(&h, r);
	return html_send(&h, r, 200);
}
