/* The accounts families and pupils have, and their invitations:
 *   GET  /pupils/UPN/accounts          the accounts linked to a pupil, invitations
 *   POST /pupils/UPN/invitations       invite a contact (email or printed) or the pupil
 *   POST /invitations/ID/revoke        withdraw an invitation not used yet
 *   POST /family-links/ID/end          end an account's access to a pupil
 * and the same through /api/. Each write goes through the writer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/absence.h"
#include "app/analytics.h"
#include "app/clock.h"
#include "app/family_reports.h"
#include "app/leave.h"
#include "app/parse.h"
#include "web/family.h"
#include "web/twofactor.h"

/* ---- accounts and invitations ---- */

struct accounts_page {
	struct html *h;
	struct web_req *r;
	int64_t pupil_id;
	int n;
};

static int account_row(void *ctx, const struct family_link_rec *l)
{
	struct accounts_page *a = ctx;
	struct html *h = a->h;
	a->n++;
	html_lit(h, "<tr><td>");
	html_txt(h, l->username);
	html_lit(h, "</td><td>");
	const char *why = NULL;
	if (l->contact_id) {
		struct contact_rec c;
		bool removed = true;
		if (store_contact_get(a->r->rd, a->r->srv->e.school.id, l->contact_id, &c, &removed) == 0) {
			html_txt(h, c.name);
			html_lit(h, ", ");
			html_txt(h, c.relationship);
		}
		why = family_contact_unfit(&c, removed);
	} else {
		html_txt(h, "the pupil");
	}
	html_lit(h, "</td><td>");
	html_when(h, l->linked_at);
	html_lit(h, "<br><small>");
	html_txt(h, l->source);
	html_lit(h, "</small></td><td>");
	if (l->ended_at[0]) {
		html_lit(h, "Ended ");
		html_when(h, l->ended_at);
		html_lit(h, " by ");
		html_txt(h, l->ended_by);
		html_lit(h, ": ");
		html_txt(h, l->ended_reason);
	} else if (why) {
		html_lit(h, "<span class=\"flag\">Not active</span>: the contact ");
		html_txt(h, why);
	} else {
		html_lit(h, "<span class=\"state taken\">Active</span>");
	}
	html_lit(h, "</td><td>");
	if (!l->ended_at[0]) {
		char action[64], id[32];
		snprintf(action, sizeof action, "/family-links/%lld/end", (long long)l->id);
		snprintf(id, sizeof id, "end-%lld", (long long)l->id);
		html_lit(h, "<form method=\"post\" class=\"resolve\" action=\"");
		html_attr(h, action);
		html_lit(h, "\">");
		html_csrf(h, a->r);
		html_reason_field(h, id, "Why access ends", true);
		html_lit(h, "<button type=\"submit\">End access</button></form>");
		web_2fa_reset_form(h, a->r, l->user_id, l->username);
	}
	html_lit(h, "</td></tr>");
	return 0;
}

static int invitation_row(void *ctx, const struct family_invitation_rec *i)
{
	struct accounts_page *a = ctx;
	struct html *h = a->h;
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	bool open = !i->used_at[0] && !i->revoked_at[0] && strcmp(now, i->expires_at) < 0;
	html_lit(h, "<tr><td>");
	html_int(h, (long)i->id);
	html_lit(h, "</td><td>");
	if (i->contact_id) {
		struct contact_rec c;
		bool removed;
		if (store_contact_get(a->r->rd, a->r->srv->e.school.id, i->contact_id, &c, &removed) == 0)
			html_txt(h, c.name);
	} else {
		html_txt(h, "the pupil");
	}
	html_lit(h, "</td><td>");
	html_txt(h, i->delivery);
	html_lit(h, "</td><td>");
	html_when(h, i->created_at);
	html_lit(h, " by ");
	html_txt(h, i->created_by);
	html_lit(h, "</td><td>");
	if (i->used_at[0]) {
		html_lit(h, "Used ");
		html_when(h, i->used_at);
	} else if (i->revoked_at[0]) {
		html_lit(h, "Withdrawn ");
		html_when(h, i->revoked_at);
	} else if (!open) {
		html_lit(h, "Expired");
	} else {
		html_lit(h, "Open until ");
		html_when(h, i->expires_at);
	}
	html_lit(h, "</td><td>");
	if (open) {
		char action[64];
		snprintf(action, sizeof action, "/invitations/%lld/revoke", (long long)i->id);
		html_lit(h, "<form method=\"post\" action=\"");
		html_attr(h, action);
		html_lit(h, "\">");
		html_csrf(h, a->r);
		html_lit(h, "<input type=\"hidden\" name=\"reason\" value=\"withdrawn by the office\">"
			     "<button type=\"submit\">Withdraw</button></form>");
	}
	html_lit(h, "</td></tr>");
	return 0;
}

struct contact_options {
	struct html *h;
	int n;
};

static int contact_option(void *ctx, const struct contact_rec *c)
{
	struct contact_options *o = ctx;
	const char *why = family_contact_unfit(c, false);
	html_lit(o->h, "<option value=\"");
	html_int(o->h, c->priority);
	html_lit(o->h, "\"");
	if (why)
		html_lit(o->h, " disabled");
	html_lit(o->h, ">");
	html_txtf(o->h, "%d. %s, %s", c->priority, c->name, c->relationship);
	if (why)
		html_txtf(o->h, " (%s)", why);
	else if (c->email[0])
		html_txtf(o->h, ": %s", c->email);
	html_lit(o->h, "</option>");
	o->n += !why;
	return 0;
}

int page_family_accounts(struct web_req *r)
{
	struct app_error err = {0};
	int row;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_pupil_row(r, r->args[0], web_today(), &row, &err);
	struct pupil_row p = rc == 0 ? r->srv->e.m.rows[row] : (struct pupil_row){0};
	const char *form = rc == 0 ? r->srv->e.m.forms[p.form] : "";
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	char title[300];
	snprintf(title, sizeof title, "Family accounts: %s %s", p.forename, p.surname);
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>Family accounts <small>");
	html_txt(&h, p.forename);
	html_lit(&h, " ");
	html_txt(&h, p.surname);
	html_lit(&h, " · ");
	html_txt(&h, form);
	html_lit(&h, "</small></h1>");
	html_office_flash(&h, r);
	html_lit(&h, "<p><a href=\"/pupils/");
	html_url_seg(&h, p.upn);
	html_lit(&h, "/history\">The pupil's marks</a></p><h2>Accounts that see this pupil</h2>"
		     "<table class=\"list wrap\"><thead><tr><th>Account</th><th>Who</th><th>Linked</th>"
		     "<th>State</th><th></th></tr></thead><tbody>");
	struct accounts_page a = {&h, r, p.pupil_id, 0};
	if (store_family_links_each(r->rd, r->srv->e.school.id, 0, p.pupil_id, false, account_row, &a) < 0)
		goto db_fail;
	html_lit(&h, "</tbody></table>");
	if (!a.n)
		html_lit(&h, "<p class=\"hint\">No family account sees this pupil yet.</p>");
	html_lit(&h, "<h2>Invite a parent or carer</h2><p class=\"hint\">Only a contact with parental "
		     "responsibility, not marked do not contact, can have an account. The code works "
		     "once and expires (setting invitation_days); a new invitation withdraws the "
		     "contact's earlier one.</p><form method=\"post\" class=\"stack narrow-form\" action=\"/pupils/");
	html_url_seg(&h, p.upn);
	html_lit(&h, "/invitations\">");
	html_csrf(&h, r);
	html_lit(&h, "<label for=\"contact\">Contact</label><select id=\"contact\" name=\"contact\">");
	struct contact_options o = {&h, 0};
	if (store_contacts_each(r->rd, r->srv->e.school.id, p.pupil_id, contact_option, &o) < 0)
		goto db_fail;
	html_lit(&h, "</select><fieldset><legend>Send it</legend><label class=\"choice\"><input "
		     "type=\"radio\" name=\"delivery\" value=\"email\" checked> by email (through the "
		     "outbox, with a link)</label><label class=\"choice\"><input type=\"radio\" "
		     "name=\"delivery\" value=\"printed\"> printed (the code is shown once, to print "
		     "or hand over)</label></fieldset><button type=\"submit\" class=\"primary\">Invite"
		     "</button></form>");
	if (p.year >= FAMILY_PUPIL_YEAR_MIN) {
		html_lit(&h, "<h2>The pupil's own account</h2><form method=\"post\" action=\"/pupils/");
		html_url_seg(&h, p.upn);
		html_lit(&h, "/invitations\">");
		html_csrf(&h, r);
		html_lit(&h, "<input type=\"hidden\" name=\"contact\" value=\"pupil\"><input "
			     "type=\"hidden\" name=\"delivery\" value=\"printed\"><button "
			     "type=\"submit\">Print an invitation for ");
		html_txt(&h, p.forename);
		html_lit(&h, "</button></form>");
	}
	html_lit(&h, "<h2>Invitations</h2><table class=\"list wrap\"><thead><tr><th>#</th><th>For</th>"
		     "<th>How</th><th>Made</th><th>State</th><th></th></tr></thead><tbody>");
	if (store_family_invitations_each(r->rd, r->srv->e.school.id, p.pupil_id, invitation_row, &a) < 0)
		goto db_fail;
	html_lit(&h, "</tbody></table>");
	html_end(&h, r);
	return html_send(&h, r, 200);
db_fail:
	free(h.buf);
	return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
}

/* POST /pupils/UPN/invitations (and the API's). */
struct invite_job {
	char upn[UPN_LEN + 1];
	int priority; /* 0: the pupil */
	char delivery[8];
	char by[STORE_USER_MAX];
	struct family_invite_result out;
	char who[STORE_NAME_MAX + 64];
	char public_url[400];
};

static int invite_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct invite_job *ij = j->arg;
	struct family_invite_request rq = {ij->upn, ij->priority, ij->delivery};
	if (family_invite_write(&srv->e, &rq, ij->by, &ij->out, err) < 0)
		return -1;
	if (store_setting_get(srv->store, srv->e.school.id, "public_url", ij->public_url,
			      sizeof ij->public_url) != 0)
		ij->public_url[0] = '\0';
	return 0;
}

static int invited(struct web_req *r, struct write_job *j)
{
	struct invite_job *ij = j->arg;
	if (j->rc < 0)
		return web_error(r, &j->err);
	bool printed = strcmp(ij->delivery, "printed") == 0;
	char until[64];
	date_format(ij->out.expires_day, until);
	if (web_is_api(r))
		return web_json(r, 201, json_pack("{s:I, s:s, s:s, s:s?, s:o}", "id",
						  (json_int_t)ij->out.id, "delivery", ij->delivery,
						  "expires", until, "code", printed ? ij->out.code : NULL,
						  "outbox_id", ij->out.outbox_id
								       ? json_integer(ij->out.outbox_id)
								       : json_null()));
	if (!printed) {
		char to[96];
		snprintf(to, sizeof to, "/pupils/%s/accounts?done=invited", ij->upn);
		return web_redirect(r, to);
	}
	/* The code is shown this once: print it or hand it over. */
	char longd[40];
	struct html h = {0};
	html_begin(&h, r, "A printed invitation");
	html_lit(&h, "<article class=\"card invitation-letter\"><h1>Your invitation to attend</h1><p>");
	html_txt(&h, r->srv->e.school.name);
	html_lit(&h, " invites you to see attendance online, and to tell the school about "
		     "absences.</p><p>Go to <strong>");
	html_txt(&h, ij->public_url[0] ? ij->public_url : "the school's attend address");
	html_lit(&h, "/invite</strong>, choose a username and a password, and enter this code:</p>"
		     "<p class=\"code\" id=\"invitation-code\">");
	html_txt(&h, ij->out.code);
	html_lit(&h, "</p><p>It works once, until ");
	html_txt(&h, html_long_date(ij->out.expires_day, longd));
	html_lit(&h, ".</p></article><p class=\"no-print\"><a href=\"/pupils/");
	html_url_seg(&h, ij->upn);
	html_lit(&h, "/accounts\">Back to the pupil's family accounts</a></p>");
	html_end(&h, r);
	return html_send(&h, r, 201);
}

int page_family_invite(struct web_req *r)
{
	struct app_error err = {0};
	struct web_input in;
	struct invite_job *ij = web_job_start(r, &in, sizeof *ij);
	if (!ij)
		return 0;
	snprintf(ij->upn, sizeof ij->upn, "%s", r->args[0]);
	snprintf(ij->by, sizeof ij->by, "%s", r->who.username);
	const char *contact = web_input_get(&in, "contact"), *delivery = web_input_get(&in, "delivery");
	long priority = 0;
	int row;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_pupil_row(r, r->args[0], web_today(), &row, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc == 0 && (!contact || strcmp(contact, "pupil") != 0))
		rc = web_input_int(&in, "contact", 1, 99, &priority, &err);
	if (rc == 0 && (!delivery || (strcmp(delivery, "email") && strcmp(delivery, "printed"))))
		rc = app_fail(&err, ERR_INPUT, "delivery", "delivery must be email or printed");
	if (rc == 0) {
		ij->priority = (int)priority;
		snprintf(ij->delivery, sizeof ij->delivery, "%s", delivery);
	}
	return web_job_queue(r, &in, ij, rc, &err, invite_run, invited);
}

/* POST /invitations/ID/revoke and /family-links/ID/end. */
struct end_job {
	int64_t id, pupil_id;
	bool link;
	char by[STORE_USER_MAX], reason[256], upn[UPN_LEN + 1];
};

static int link_pupil(void *ctx, const struct family_link_rec *l)
{
	struct end_job *ej = ctx;
	if (l->id == ej->id)
		ej->pupil_id = l->pupil_id;
	return 0;
}

static int end_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct end_job *ej = j->arg;
	struct store *s = srv->store;
	int64_t school = srv->e.school.id, pupil_id = 0;
	char now[CLOCK_ISO_LEN], detail[400];
	clock_iso_utc(clock_now(), now);
	int rc;
	if (ej->link) {
		/* the link's pupil, for the page to go back to */
		rc = store_family_links_each(s, school, 0, 0, true, link_pupil, ej);
		if (rc == 0)
			rc = store_family_link_end(s, school, ej->id, ej->by, now, ej->reason);
		snprintf(detail, sizeof detail, "ended family link #%lld: %s", (long long)ej->id,
			 ej->reason);
	} else {
		struct family_invitation_rec inv;
		rc = store_family_invitation_get(s, school, ej->id, &inv);
		if (rc == 0) {
			pupil_id = inv.pupil_id;
			rc = store_family_invitation_revoke(s, school, ej->id, ej->by, now);
		}
		snprintf(detail, sizeof detail, "withdrew invitation #%lld: %s", (long long)ej->id,
			 ej->reason);
	}
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, "id",
				ej->link ? "there is no open family link #%lld"
					 : "there is no open invitation #%lld",
				(long long)ej->id);
	if (ej->link)
		pupil_id = ej->pupil_id;
	int row = pupil_id ? engine_row_of_id(&srv->e, pupil_id, DATE_INVALID, -1) : -1;
	if (row >= 0)
		snprintf(ej->upn, sizeof ej->upn, "%s", srv->e.m.rows[row].upn);
	if (store_audit(s, school, now, ej->by, ej->link ? "family unlink" : "invitation revoked",
			detail) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	return 0;
}

static int ended(struct web_req *r, struct write_job *j)
{
	struct end_job *ej = j->arg;
	if (j->rc < 0)
		return web_error(r, &j->err);
	if (web_is_api(r))
		return web_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)ej->id, "ended", 1));
	char to[128];
	if (!ej->upn[0])
		return web_redirect(r, "/office");
	snprintf(to, sizeof to, "/pupils/%s/accounts?done=%s", ej->upn, ej->link ? "ended" : "revoked");
	return web_redirect(r, to);
}

static int end_something(struct web_req *r, bool link)
{
	struct app_error err = {0};
	struct web_input in;
	struct end_job *ej = web_job_start(r, &in, sizeof *ej);
	if (!ej)
		return 0;
	int rc = 0;
	if (!(ej->id = web_id_arg(r)))
		rc = app_fail(&err, ERR_NOT_FOUND, "id", "there is no such %s", link ? "link" : "invitation");
	if (rc == 0)
		rc = web_input_text(&in, "reason", ej->reason, sizeof ej->reason, 1, &err);
	ej->link = link;
	snprintf(ej->by, sizeof ej->by, "%s", r->who.username);
	return web_job_queue(r, &in, ej, rc, &err, end_run, ended);
}

int page_family_link_end(struct web_req *r)
{
	return end_something(r, true);
}

int page_family_invitation_revoke(struct web_req *r)
{
	return end_something(r, false);
}

