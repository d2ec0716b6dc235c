/* Recognition:
 *   GET  /recognition                     the awards, their lists, pupils kept out
 *   POST /recognition/awards[/ID]         an award configured
 *   POST /recognition/lists               a list generated (award, date)
 *   GET  /recognition/lists/ID            the list, to approve
 *   POST /recognition/lists/ID            approved (with the winners kept) or withdrawn
 *   POST /recognition/lists/ID/send       praise messages to families (outbox)
 *   GET  /recognition/lists/ID/certificates.pdf
 *   GET|POST /pupils/UPN/recognition      a pupil kept out of public recognition
 *   POST /recognition/exclusions/ID       an exclusion lifted
 * and the same in JSON. Never an absence reason: only attendance and its rise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/recognition.h"
#include "app/report.h"
#include "core/wording.h"
#include "web/html.h"
#include "web/leading.h"
#include "web/web.h"

static bool is_leader(const struct web_req *r)
{
	return r->who.role == ROLE_ADMIN || r->who.role == ROLE_ATTENDANCE_LEAD;
}

static const char *const kinds[AWARD__MAX] = {"full_attendance", "most_improved", "form_of_week"};
static const char *const kind_labels[AWARD__MAX] = {"100% attendance", "Most improved attendance",
						    "Form of the week"};
static const char *const periods[AP__MAX] = {"week", "half_term", "term", "year"};
static const char *const period_labels[AP__MAX] = {"a week", "a half-term", "a term", "a school year"};

/* The pupil of an enrolment row by id, or NULL (under the read lock). */
static const struct pupil_row *pupil_of(const struct engine *e, int64_t pupil_id)
{
	int row = web_row_of_pupil(e, pupil_id);
	return row < 0 ? NULL : &e->m.rows[row];
}

/* ---- the overview ---- */

struct page_ctx {
	struct html *h;
	struct web_req *r;
	const struct engine *e;
};

static int rule_row(void *ctx, const struct award_rule_rec *a)
{
	struct page_ctx *p = ctx;
	struct html *h = p->h;
	char d[DATE_ISO_LEN];
	html_lit(h, "<article class=\"card award\" id=\"award-");
	html_int(h, a->id);
	html_lit(h, "\"><h3>");
	html_txt(h, a->name);
	if (!a->active)
		html_lit(h, " <small>(not in use)</small>");
	html_lit(h, "</h3><p class=\"fd-meta\">");
	int k = award_kind_parse(a->kind);
	html_txt(h, k >= 0 ? kind_labels[k] : a->kind);
	html_lit(h, " · ");
	if (k == AWARD_FORM)
		html_txtf(h, "forms of at least %d pupils", a->minimum);
	else
		html_txtf(h, "at least %d possible sessions", a->minimum);
	if (k == AWARD_MOST_IMPROVED)
		html_txtf(h, " in this period and the one before; a rise of at least %lld point%s",
			  (long long)(a->min_rise100 / 100), a->min_rise100 == 100 ? "" : "s");
	html_lit(h, " · ");
	if (a->top)
		html_txtf(h, "the top %d (ties kept)", a->top);
	else
		html_lit(h, "everyone who qualifies");
	html_lit(h, " · ");
	html_txt(h, a->template_name[0] ? "a message to families: " : "no message to families");
	html_txt(h, a->template_name);
	html_lit(h, "</p>");
	if (!is_leader(p->r)) {
		html_lit(h, "</article>");
		return 0;
	}
	if (a->active) {
		html_lit(h, "<form method=\"post\" action=\"/recognition/lists\" class=\"inline\">");
		html_csrf(h, p->r);
		html_lit(h, "<input type=\"hidden\" name=\"award\" value=\"");
		html_int(h, a->id);
		html_lit(h, "\">");
		html_input(h, "For the period up to", "date", "date", date_format(web_today(), d), 10, false);
		html_lit(h, "<button type=\"submit\" class=\"primary\">Generate the list</button></form>");
	}
	html_lit(h, "<details><summary>Change it</summary><form method=\"post\" class=\"stack\" "
		    "action=\"/recognition/awards/");
	html_int(h, a->id);
	html_lit(h, "\">");
	html_csrf(h, p->r);
	html_input(h, "Name", "name", "text", a->name, 110, true);
	html_lit(h, "<label>For <select name=\"period\">");
	html_options(h, periods, period_labels, AP__MAX, a->period);
	html_lit(h, "</select></label>");
	char n[16];
	snprintf(n, sizeof n, "%d", a->minimum);
	html_input(h, "Least possible sessions (pupils, for forms)", "minimum", "number", n, 3, false);
	snprintf(n, sizeof n, "%d", a->top);
	html_input(h, "Winners listed (0: all who qualify)", "top", "number", n, 3, false);
	snprintf(n, sizeof n, "%lld", (long long)(a->min_rise100 / 100));
	html_input(h, "Least rise, in points (most improved)", "min_rise", "number", n, 3, false);
	html_input(h, "Message to families (a template; empty: none)", "template", "text",
		   a->template_name, 60, false);
	html_lit(h, "<label>In use <select name=\"active\">");
	html_options(h, (const char *const[]){"yes", "no"}, NULL, 2, a->active ? "yes" : "no");
	html_lit(h, "</select></label><button type=\"submit\">Save</button></form></details></article>");
	return 0;
}

static int list_row(void *ctx, const struct award_list_rec *l)
{
	struct page_ctx *p = ctx;
	struct html *h = p->h;
	html_lit(h, "<tr><th scope=\"row\"><a href=\"/recognition/lists/");
	html_int(h, l->id);
	html_lit(h, "\">");
	html_txt(h, l->name);
	html_lit(h, "</a></th><td>");
	html_date_words(h, l->period_from);
	html_lit(h, " to ");
	html_date_words(h, l->period_to);
	html_lit(h, "</td><td><span class=\"state ");
	html_txt(h, !strcmp(l->status, "approved") ? "taken" : !strcmp(l->status, "proposed") ? "open" : "");
	html_lit(h, "\">");
	html_txt(h, l->status);
	html_lit(h, "</span></td></tr>");
	return 0;
}

static int exclusion_row(void *ctx, const struct recog_exclusion_rec *x)
{
	struct page_ctx *p = ctx;
	struct html *h = p->h;
	const struct pupil_row *pr = pupil_of(p->e, x->pupil_id);
	html_lit(h, "<tr><th scope=\"row\">");
	if (pr)
		html_pupil_link(h, pr);
	html_lit(h, "</th><td>");
	html_txt(h, x->reason);
	html_lit(h, "</td><td>");
	html_txt(h, x->excluded_by);
	html_lit(h, ", ");
	html_time(h, x->excluded_at, web_today());
	html_lit(h, "</td><td>");
	if (!is_leader(p->r)) {
		html_lit(h, "</td></tr>");
		return 0;
	}
	html_lit(h, "<form method=\"post\" class=\"step\" action=\"/recognition/exclusions/");
	html_int(h, x->id);
	html_lit(h, "\">");
	html_csrf(h, p->r);
	html_lit(h, "<label>Why lift it <input name=\"reason\" maxlength=\"500\" required></label>"
		    "<button type=\"submit\">Lift</button></form></td></tr>");
	return 0;
}

static int render_overview(struct web_req *r, int status, const char *error)
{
	struct html h = {0};
	html_begin(&h, r, "Recognition");
	html_lit(&h, "<h1>Recognition <small>celebrating attendance and improvement</small></h1>");
	html_error_flash(&h, error);
	web_leading_flash(&h, r);
	html_lit(&h, "<p>Awards reward improvement as well as high attendance, so pupils with SEND or "
		     "a long illness can win: the most improved is measured against each pupil's own "
		     "previous period of as many school days. A list is generated, a person approves "
		     "it, then certificates print and praise goes to families. Recognition never "
		     "names an absence reason, and staff can keep any pupil out of public recognition "
		     "(from the pupil's recognition page).</p>");
	struct engine view;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_engine_view(r, &view);
	struct page_ctx p = {&h, r, &view};
	html_lit(&h, "<h2>Awards</h2><div class=\"fd-list\" id=\"awards\">");
	int rc = store_award_rules_each(r->rd, view.school.id, true, rule_row, &p);
	html_lit(&h, "</div><h2>Lists</h2><div class=\"scroll\"><table class=\"list\" id=\"lists\">"
		     "<thead><tr><th scope=\"col\">Award</th><th scope=\"col\">Period</th><th "
		     "scope=\"col\">Status</th></tr></thead><tbody>");
	if (rc == 0)
		rc = store_award_lists_each(r->rd, view.school.id, list_row, &p);
	html_lit(&h, "</tbody></table></div><h2>Kept out of public recognition</h2><div "
		     "class=\"scroll\"><table class=\"list wrap\" id=\"exclusions\"><thead><tr><th "
		     "scope=\"col\">Pupil</th><th scope=\"col\">Why</th><th scope=\"col\">By</th><th "
		     "scope=\"col\"></th></tr></thead><tbody>");
	if (rc == 0)
		rc = store_recog_exclusions_each(r->rd, view.school.id, true, 0, exclusion_row, &p);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0) {
		free(h.buf);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	html_lit(&h, "</tbody></table></div>");
	if (!is_leader(r)) {
		html_end(&h, r);
		return html_send(&h, r, status);
	}
	html_lit(&h, "<h2>Add an award</h2><form method=\"post\" "
		     "class=\"stack card\" action=\"/recognition/awards\">");
	html_csrf(&h, r);
	html_input(&h, "Name", "name", "text", "", 110, true);
	html_lit(&h, "<label>Kind <select name=\"kind\">");
	html_options(&h, kinds, kind_labels, AWARD__MAX, "full_attendance");
	html_lit(&h, "</select></label><label>For <select name=\"period\">");
	html_options(&h, periods, period_labels, AP__MAX, "half_term");
	html_lit(&h, "</select></label>");
	html_input(&h, "Least possible sessions (pupils, for forms)", "minimum", "number", "10", 3, false);
	html_input(&h, "Winners listed (0: all who qualify)", "top", "number", "0", 3, false);
	html_input(&h, "Message to families (a template; empty: none)", "template", "text", "", 60, false);
	html_lit(&h, "<button class=\"primary\" type=\"submit\">Add</button></form>");
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_recognition(struct web_req *r)
{
	return render_overview(r, 200, NULL);
}

int page_recognition_award_add(struct web_req *r)
{
	return web_leading_submit(r, LJ_RULE, 0, "/recognition", render_overview);
}

int page_recognition_award_post(struct web_req *r)
{
	int64_t id;
	return web_path_id(r, 0, &id) < 0 ? 0
					    : web_leading_submit(r, LJ_RULE, id, "/recognition",
								 render_overview);
}

int page_recognition_generate(struct web_req *r)
{
	return web_leading_submit(r, LJ_LIST_GENERATE, 0, "/recognition", render_overview);
}

int page_recognition_lift(struct web_req *r)
{
	int64_t id;
	return web_path_id(r, 0, &id) < 0 ? 0
					    : web_leading_submit(r, LJ_LIFT, id, "/recognition#exclusions",
								 render_overview);
}

/* ---- one list ---- */

static void figure_cells(struct html *h, const struct recog_list *l, const struct award_winner_rec *w)
{
	char v[16];
	html_lit(h, "<td data-k=\"value\" data-v=\"");
	html_int(h, w->value100);
	html_lit(h, "\">");
	html_txt(h, wording_pct(w->value100, v, sizeof v));
	html_lit(h, " <small>(");
	html_int(h, w->sessions);
	html_lit(h, " sessions)</small></td>");
	if (!strcmp(l->l.kind, "most_improved")) {
		char pp[16];
		report_pp_text(pp, sizeof pp, w->rise100);
		html_lit(h, "<td>");
		html_txt(h, wording_pct(w->before100, v, sizeof v));
		html_lit(h, " <small>(");
		html_int(h, w->prev_sessions);
		html_lit(h, " sessions)</small></td><td data-k=\"rise\" data-v=\"");
		html_int(h, w->rise100);
		html_lit(h, "\">");
		html_txt(h, pp);
		html_lit(h, " points</td>");
	}
}

static int render_list(struct web_req *r, int status, const char *error)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	struct app_error err = {0};
	struct recog_list l;
	if (recog_list_load(r->rd, r->srv->e.school.id, id, &l, &err) < 0)
		return web_error(r, &err);
	bool proposed = !strcmp(l.l.status, "proposed"), approved = !strcmp(l.l.status, "approved");
	bool improved = !strcmp(l.l.kind, "most_improved");
	char award[200];
	recog_award_text(&l, award, sizeof award);
	struct html h = {0};
	html_begin(&h, r, l.l.name);
	html_lit(&h, "<h1>");
	html_txt(&h, award);
	html_lit(&h, " <small>");
	html_txt(&h, l.l.status);
	html_lit(&h, "</small></h1>");
	html_error_flash(&h, error);
	web_leading_flash(&h, r);
	if (improved && l.l.prev_from != DATE_INVALID) {
		html_lit(&h, "<p class=\"hint\">Each pupil's attendance against their own previous "
			     "period of as many school days: ");
		html_date_words(&h, l.l.prev_from);
		html_lit(&h, " to ");
		html_date_words(&h, l.l.prev_to);
		html_lit(&h, ". Only the sessions a pupil was on roll for count.</p>");
	}
	html_lit(&h, "<form method=\"post\" id=\"decide\" action=\"/recognition/lists/");
	html_int(&h, id);
	html_lit(&h, "\">");
	html_csrf(&h, r);
	html_lit(&h, "<input type=\"hidden\" name=\"chosen\" value=\"yes\"><div class=\"scroll\"><table "
		     "class=\"list\" id=\"winners\"><thead><tr><th scope=\"col\">Rank</th><th "
		     "scope=\"col\">Who</th><th scope=\"col\">Form</th><th scope=\"col\">Attendance</th>");
	if (improved)
		html_lit(&h, "<th scope=\"col\">Before</th><th scope=\"col\">Rise</th>");
	html_lit(&h, "<th scope=\"col\">On the list</th></tr></thead><tbody>");
	pthread_rwlock_rdlock(&r->srv->lock);
	for (int i = 0; i < l.n; i++) {
		const struct award_winner_rec *w = &l.w[i];
		const struct pupil_row *pr = w->pupil_id ? pupil_of(&r->srv->e, w->pupil_id) : NULL;
		html_lit(&h, "<tr");
		if (w->excluded || !w->included)
			html_lit(&h, " class=\"left-out\"");
		html_lit(&h, "><td>");
		html_int(&h, w->rank);
		html_lit(&h, "</td><th scope=\"row\">");
		if (pr)
			html_pupil_link(&h, pr);
		else
			html_txtf(&h, "Form %s", w->form);
		html_lit(&h, "</th><td>");
		html_txt(&h, w->form);
		html_lit(&h, "</td>");
		figure_cells(&h, &l, w);
		html_lit(&h, "<td>");
		if (w->excluded) {
			html_lit(&h, "<span class=\"hint\">kept out of public recognition</span>");
		} else if (proposed) {
			html_lit(&h, "<label class=\"check\"><input type=\"checkbox\" name=\"keep\" value=\"");
			html_int(&h, w->id);
			html_lit(&h, "\"");
			if (w->included)
				html_lit(&h, " checked");
			html_lit(&h, "> keep</label>");
		} else {
			html_txt(&h, w->included ? "yes" : "left out");
			if (w->outbox_id) {
				html_lit(&h, " · <a href=\"/outbox/");
				html_int(&h, w->outbox_id);
				html_lit(&h, "\">message</a>");
			}
		}
		html_lit(&h, "</td></tr>");
	}
	pthread_rwlock_unlock(&r->srv->lock);
	if (!l.n)
		html_lit(&h, "<tr><td colspan=\"7\" class=\"hint\">Nobody qualifies for this period.</td></tr>");
	html_lit(&h, "</tbody></table></div>");
	if (proposed && is_leader(r))
		html_lit(&h, "<p class=\"buttons\"><button class=\"primary\" type=\"submit\" "
			     "name=\"decision\" value=\"approve\">Approve the pupils kept</button> "
			     "<button type=\"submit\" name=\"decision\" value=\"withdraw\">Withdraw the "
			     "list</button></p>");
	html_lit(&h, "</form>");
	if (!proposed) {
		html_lit(&h, "<p>");
		html_txt(&h, approved ? "Approved by " : "Withdrawn by ");
		html_txt(&h, l.l.decided_by);
		html_lit(&h, ", ");
		html_time(&h, l.l.decided_at, web_today());
		if (l.l.note[0]) {
			html_lit(&h, ": ");
			html_txt(&h, l.l.note);
		}
		html_lit(&h, "</p>");
	}
	if (approved) {
		html_lit(&h, "<p><a class=\"button\" href=\"/recognition/lists/");
		html_int(&h, id);
		html_lit(&h, "/certificates.pdf\">Print the certificates (PDF)</a></p>");
		if (l.rule.template_name[0] && is_leader(r)) {
			html_lit(&h, "<form method=\"post\" action=\"/recognition/lists/");
			html_int(&h, id);
			html_lit(&h, "/send\">");
			html_csrf(&h, r);
			html_lit(&h, "<input type=\"hidden\" name=\"send\" value=\"yes\"><button "
				     "type=\"submit\">Send praise to the families (");
			html_txt(&h, l.rule.template_name);
			html_lit(&h, ")</button></form>");
		}
	}
	html_lit(&h, "<p><a href=\"/recognition\">Recognition</a></p>");
	recog_list_free(&l);
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_recognition_list(struct web_req *r)
{
	return render_list(r, 200, NULL);
}

int page_recognition_decide(struct web_req *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	char next[64];
	snprintf(next, sizeof next, "/recognition/lists/%lld", (long long)id);
	return web_leading_submit(r, LJ_LIST_DECIDE, id, next, render_list);
}

int page_recognition_send(struct web_req *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	char next[64];
	snprintf(next, sizeof next, "/recognition/lists/%lld", (long long)id);
	return web_leading_submit(r, LJ_LIST_SEND, id, next, render_list);
}

int page_recognition_certificates(struct web_req *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	struct app_error err = {0};
	unsigned char *pdf;
	size_t len;
	struct engine view;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_engine_view(r, &view);
	int rc = recog_certificates_pdf(&view, r->rd, id, &pdf, &len, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	web_add_header(r, "Content-Disposition", "inline; filename=\"certificates-%lld.pdf\"", (long long)id);
	return web_bytes(r, 200, "application/pdf", pdf, len);
}

/* ---- a pupil's recognition ---- */

static int exclusion_history(void *ctx, const struct recog_exclusion_rec *x)
{
	struct html *h = ctx;
	html_lit(h, "<li>Kept out by ");
	html_txt(h, x->excluded_by);
	html_lit(h, ", ");
	html_time(h, x->excluded_at, web_today());
	html_lit(h, ": ");
	html_txt(h, x->reason);
	if (x->lifted_at[0]) {
		html_lit(h, ". Lifted by ");
		html_txt(h, x->lifted_by);
		html_lit(h, ", ");
		html_time(h, x->lifted_at, web_today());
		html_lit(h, ": ");
		html_txt(h, x->lift_reason);
	}
	html_lit(h, "</li>");
	return 0;
}

static int pupil_id_of(struct web_req *r, int64_t *pupil_id, char *name, size_t len)
{
	struct app_error err = {0};
	int row;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_pupil_row(r, r->args[0], web_today(), &row, &err);
	if (rc == 0) {
		*pupil_id = r->srv->e.m.rows[row].pupil_id;
		snprintf(name, len, "%s %s", r->srv->e.m.rows[row].forename, r->srv->e.m.rows[row].surname);
	}
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		web_error(r, &err);
	return rc;
}

static int render_pupil(struct web_req *r, int status, const char *error)
{
	int64_t pupil_id;
	char name[300];
	if (pupil_id_of(r, &pupil_id, name, sizeof name) < 0)
		return 0;
	bool excluded;
	struct app_error err = {0};
	if (recog_excluded(r->rd, r->srv->e.school.id, pupil_id, &excluded, &err) < 0)
		return web_error(r, &err);
	struct html h = {0};
	html_begin(&h, r, "Recognition");
	html_lit(&h, "<h1>Recognition <small>");
	html_txt(&h, name);
	html_lit(&h, "</small></h1>");
	html_error_flash(&h, error);
	web_leading_flash(&h, r);
	html_lit(&h, "<p id=\"recognition-state\">");
	html_txt(&h, excluded ? "Kept out of public recognition: no certificate, no praise message, "
				"on no published list."
			      : "Takes part in public recognition: awards, certificates and praise "
				"messages to the family.");
	html_lit(&h, "</p><ul class=\"history\">");
	store_recog_exclusions_each(r->rd, r->srv->e.school.id, false, pupil_id, exclusion_history, &h);
	html_lit(&h, "</ul>");
	if (!excluded) {
		html_lit(&h, "<form method=\"post\" class=\"stack card\" action=\"/pupils/");
		html_url_seg(&h, r->args[0]);
		html_lit(&h, "/recognition\">");
		html_csrf(&h, r);
		html_input(&h, "Why keep them out of public recognition (kept, seen by staff only)",
			   "reason", "text", "", 500, true);
		html_lit(&h, "<button type=\"submit\">Keep out of public recognition</button></form>");
	} else if (is_leader(r)) {
		html_lit(&h, "<p class=\"hint\">A leader lifts an exclusion on the <a "
			     "href=\"/recognition#exclusions\">recognition page</a>.</p>");
	}
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_pupil_recognition(struct web_req *r)
{
	return render_pupil(r, 200, NULL);
}

int page_pupil_exclude(struct web_req *r)
{
	int64_t pupil_id;
	char name[300], next[80];
	if (pupil_id_of(r, &pupil_id, name, sizeof name) < 0)
		return 0;
	snprintf(next, sizeof next, "/pupils/%s/recognition", r->args[0]);
	return web_leading_submit(r, LJ_EXCLUDE, pupil_id, next, render_pupil);
}

/* ---- JSON ---- */

static json_t *list_json(const struct award_list_rec *l)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	json_t *j = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)l->id, "award",
			      (json_int_t)l->rule_id, "name", l->name, "kind", l->kind, "from",
			      date_format(l->period_from, a), "to", date_format(l->period_to, b),
			      "status", l->status);
	if (l->prev_from != DATE_INVALID)
		json_object_set_new(j, "previous", json_pack("{s:s,s:s}", "from",
							     date_format(l->prev_from, a), "to",
							     date_format(l->prev_to, b)));
	return j;
}

static int rule_json(void *ctx, const struct award_rule_rec *a)
{
	return json_array_append_new(ctx, json_pack("{s:I,s:s,s:s,s:s,s:i,s:i,s:o,s:s,s:b}", "id",
						    (json_int_t)a->id, "name", a->name, "kind", a->kind,
						    "period", a->period, "minimum", a->minimum, "top",
						    a->top, "min_rise", report_pp_json(a->min_rise100),
						    "template", a->template_name, "active", a->active));
}

static int lists_json(void *ctx, const struct award_list_rec *l)
{
	return json_array_append_new(ctx, list_json(l));
}

int api_recognition(struct web_req *r)
{
	json_t *awards = json_array(), *lists = json_array();
	if (store_award_rules_each(r->rd, r->srv->e.school.id, true, rule_json, awards) < 0 ||
	    store_award_lists_each(r->rd, r->srv->e.school.id, lists_json, lists) < 0) {
		json_decref(awards);
		json_decref(lists);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	return web_json(r, 200, json_pack("{s:o,s:o}", "awards", awards, "lists", lists));
}

int api_recognition_list(struct web_req *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	struct app_error err = {0};
	struct recog_list l;
	if (recog_list_load(r->rd, r->srv->e.school.id, id, &l, &err) < 0)
		return web_error(r, &err);
	json_t *out = list_json(&l.l), *winners = json_array();
	pthread_rwlock_rdlock(&r->srv->lock);
	for (int i = 0; i < l.n; i++) {
		const struct award_winner_rec *w = &l.w[i];
		const struct pupil_row *pr = w->pupil_id ? pupil_of(&r->srv->e, w->pupil_id) : NULL;
		json_t *j = json_pack("{s:I,s:i,s:s,s:o,s:i,s:b,s:b}", "id", (json_int_t)w->id, "rank",
				      w->rank, "form", w->form, "attendance", report_pct_json(w->value100),
				      "sessions", w->sessions, "included", w->included, "excluded",
				      w->excluded);
		if (pr)
			json_object_set_new(j, "upn", json_string(pr->upn));
		if (w->before100 >= 0) {
			json_object_set_new(j, "before", report_pct_json(w->before100));
			json_object_set_new(j, "rise", report_pp_json(w->rise100));
		}
		if (w->outbox_id)
			json_object_set_new(j, "message", json_integer(w->outbox_id));
		json_array_append_new(winners, j);
	}
	pthread_rwlock_unlock(&r->srv->lock);
	json_object_set_new(out, "winners", winners);
	recog_list_free(&l);
	return web_json(r, 200, out);
}

int api_recognition_generate(struct web_req *r)
{
	return web_leading_submit(r, LJ_LIST_GENERATE, 0, "", NULL);
}

int api_recognition_decide(struct web_req *r)
{
	int64_t id;
	return web_path_id(r, 0, &id) < 0 ? 0 : web_leading_submit(r, LJ_LIST_DECIDE, id, "", NULL);
}

int api_recognition_send(struct web_req *r)
{
	int64_t id;
	return web_path_id(r, 0, &id) < 0 ? 0 : web_leading_submit(r, LJ_LIST_SEND, id, "", NULL);
}

int api_pupil_exclude(struct web_req *r)
{
	int64_t pupil_id;
	char name[300];
	if (pupil_id_of(r, &pupil_id, name, sizeof name) < 0)
		return 0;
	return web_leading_submit(r, LJ_EXCLUDE, pupil_id, "", NULL);
}

int api_recognition_lift(struct web_req *r)
{
	int64_t id;
	return web_path_id(r, 0, &id) < 0 ? 0 : web_leading_submit(r, LJ_LIFT, id, "", NULL);
}
