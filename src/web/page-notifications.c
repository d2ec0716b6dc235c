/* The notifications the law and the guidance expect (app/notices.h):
 *   GET  /notifications             open ones first (oldest due first), then
 *                                   those finished in the last 30 days
 *   POST /notifications/ID          send (a first-day notice's email, through
 *                                   the outbox), done (told another way, with
 *                                   how) or dismiss (not needed, with why)
 *   POST /notifications/la-file     the local authority's file for its portal:
 *                                   every open LA notification (or one kind),
 *                                   recorded as sent in it, downloaded
 *   GET  /api/notifications         the same as JSON
 * The designated safeguarding lead sees and acts on the first-day notices to
 * social workers and virtual schools only. */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/notices.h"
#include "app/parse.h"
#include "web/html.h"
#include "web/web.h"

#define DONE_DAYS 30

/* Whether the account deals with notifications of that kind. */
static bool deals_with(const struct account *a, const char *kind)
{
	int k = notice_kind_parse(kind);
	return k >= 0 && (account_whole_school(a) || notice_recipient((enum notice_kind)k) != NOTICE_TO_LA);
}

/* The notifications as notices_json has them, for this account. */
static json_t *load(struct web_req *r, const char *state, struct app_error *err)
{
	struct engine view;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_engine_view(r, &view);
	json_t *all = notices_json(&view, state, NULL, web_today(), err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (!all)
		return NULL;
	json_t *list = json_object_get(all, "notifications"), *keep = json_array(), *n;
	size_t i;
	json_array_foreach(list, i, n)
	{
		if (deals_with(&r->who, json_string_value(json_object_get(n, "kind"))))
			json_array_append(keep, n);
	}
	json_object_set_new(all, "notifications", keep);
	return all;
}

static const char *str(json_t *n, const char *key)
{
	const char *s = json_string_value(json_object_get(n, key));
	return s ? s : "";
}

static void pupil_link(struct html *h, json_t *n)
{
	html_lit(h, "<a href=\"/pupils/");
	html_url_seg(h, str(n, "upn"));
	html_lit(h, "\">");
	html_txt(h, str(n, "name"));
	html_lit(h, "</a> <small>");
	html_txt(h, str(n, "form"));
	html_lit(h, "</small>");
}

static void card(struct html *h, struct web_req *r, json_t *n)
{
	json_int_t id = json_integer_value(json_object_get(n, "id"));
	bool overdue = json_is_true(json_object_get(n, "overdue"));
	bool first_day = strcmp(str(n, "to"), "Local authority") != 0;
	html_lit(h, "<article class=\"card notice");
	if (overdue)
		html_lit(h, " is-late");
	html_lit(h, "\" id=\"notice-");
	html_int(h, (long)id);
	html_lit(h, "\" data-kind=\"");
	html_attr(h, str(n, "kind"));
	html_lit(h, "\"><h3>");
	html_txt(h, str(n, "to"));
	html_lit(h, ": ");
	html_txt(h, str(n, "label"));
	html_lit(h, "</h3><p>");
	pupil_link(h, n);
	html_lit(h, ": ");
	html_txt(h, str(n, "detail"));
	html_lit(h, "</p><p class=\"fd-meta\">Due ");
	html_txt(h, str(n, "due_date"));
	if (overdue)
		html_lit(h, " <strong class=\"state overdue\">overdue</strong>");
	html_lit(h, " · raised ");
	html_txt(h, str(n, "raised_at"));
	html_lit(h, " by ");
	html_txt(h, str(n, "raised_by"));
	html_lit(h, "</p><form method=\"post\" class=\"step\" action=\"/notifications/");
	html_int(h, (long)id);
	html_lit(h, "\">");
	html_csrf(h, r);
	html_lit(h, "<label>Note <input name=\"note\" maxlength=\"500\" placeholder=\"how they were "
		    "told, or why it is not needed\"></label><span class=\"buttons\">");
	if (first_day)
		html_lit(h, "<button name=\"action\" value=\"send\" class=\"primary\">Send the email"
			    "</button>");
	html_lit(h, "<button name=\"action\" value=\"done\">Told another way</button><button "
		    "name=\"action\" value=\"dismiss\">Not needed</button></span></form></article>");
}

static void la_file_form(struct html *h, struct web_req *r, int open_la)
{
	html_lit(h, "<section class=\"card\" id=\"la-file\"><h2>The local authority's file</h2><p>");
	html_int(h, open_la);
	html_lit(h, " open notification");
	if (open_la != 1)
		html_lit(h, "s");
	html_lit(h, " to the local authority. The file holds them all (or one kind) for the LA's "
		    "portal; each is then recorded as sent in it, with the file's SHA-256.</p>"
		    "<form method=\"post\" action=\"/notifications/la-file\">");
	html_csrf(h, r);
	html_lit(h, "<label>Which <select name=\"kind\"><option value=\"all\">all of them</option>");
	for (int k = 0; k < NOTICE__MAX; k++) {
		if (notice_recipient((enum notice_kind)k) != NOTICE_TO_LA)
			continue;
		html_lit(h, "<option value=\"");
		html_attr(h, notice_kind_name((enum notice_kind)k));
		html_lit(h, "\">");
		html_txt(h, notice_kind_label((enum notice_kind)k));
		html_lit(h, "</option>");
	}
	html_lit(h, "</select></label> <button type=\"submit\" class=\"primary\">Download the file "
		    "and record it sent</button></form></section>");
}

static int render(struct web_req *r, int status, const char *error)
{
	struct app_error err = {0};
	const char *state = web_query(r, "state");
	if (state && strcmp(state, "all") != 0 && strcmp(state, "open") != 0)
		return web_fail(r, ERR_INPUT, "state", "state is open or all");
	json_t *all = load(r, NULL, &err);
	if (!all)
		return web_error(r, &err);
	json_t *list = json_object_get(all, "notifications"), *n;
	size_t i;
	int open = 0, open_la = 0;
	json_array_foreach(list, i, n)
	{
		bool is_open = strcmp(str(n, "state"), "open") == 0;
		open += is_open;
		open_la += is_open && strcmp(str(n, "to"), "Local authority") == 0;
	}
	struct html h = {0};
	html_begin(&h, r, "Notifications");
	html_lit(&h, "<h1>Notifications</h1>");
	html_error_flash(&h, error);
	html_done_flash(&h, r);
	html_lit(&h, "<p class=\"summary\" id=\"notices-summary\">");
	html_txtf(&h, "%d open notification%s", open, open == 1 ? "" : "s");
	html_lit(&h, ". They are raised from the register when they fall due, each with a task "
		     "for the person the settings name.</p>");
	if (r->who.role == ROLE_ADMIN || r->who.role == ROLE_ATTENDANCE_LEAD)
		la_file_form(&h, r, open_la);
	html_lit(&h, "<h2>Open</h2><div class=\"fd-list\" id=\"open\">");
	json_array_foreach(list, i, n)
	{
		if (strcmp(str(n, "state"), "open") == 0)
			card(&h, r, n);
	}
	if (!open)
		html_lit(&h, "<p class=\"hint\">Nothing to send.</p>");
	html_lit(&h, "</div><h2>Finished</h2><div class=\"scroll\"><table class=\"list\" id=\"done\">"
		     "<thead><tr><th scope=\"col\">To</th><th scope=\"col\">Pupil</th><th scope=\"col\">"
		     "What</th><th scope=\"col\">Outcome</th><th scope=\"col\">When</th></tr></thead>"
		     "<tbody>");
	char since[CLOCK_ISO_LEN];
	date_format(web_today() - DONE_DAYS, since);
	bool every = state && strcmp(state, "all") == 0;
	json_array_foreach(list, i, n)
	{
		if (strcmp(str(n, "state"), "open") == 0 ||
		    (!every && strcmp(str(n, "done_at"), since) < 0))
			continue;
		html_lit(&h, "<tr data-id=\"");
		html_int(&h, (long)json_integer_value(json_object_get(n, "id")));
		html_lit(&h, "\" data-state=\"");
		html_attr(&h, str(n, "state"));
		html_lit(&h, "\"><td>");
		html_txt(&h, str(n, "to"));
		html_lit(&h, "</td><td>");
		pupil_link(&h, n);
		html_lit(&h, "</td><td>");
		html_txt(&h, str(n, "label"));
		html_lit(&h, "</td><td>");
		html_txt(&h, str(n, "state"));
		html_lit(&h, ": ");
		html_txt(&h, str(n, "outcome"));
		html_lit(&h, "</td><td>");
		html_txt(&h, str(n, "done_at"));
		html_lit(&h, " ");
		html_txt(&h, str(n, "done_by"));
		html_lit(&h, "</td></tr>");
	}
	html_lit(&h, "</tbody></table></div><p><a href=\"/notifications?state=all\">Every notification"
		     "</a></p>");
	json_decref(all);
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_notifications(struct web_req *r)
{
	return render(r, 200, NULL);
}

int api_notifications(struct web_req *r)
{
	struct app_error err = {0};
	const char *state = web_query(r, "state");
	if (state && strcmp(state, "open") && strcmp(state, "sent") && strcmp(state, "withdrawn") &&
	    strcmp(state, "dismissed") && strcmp(state, "all"))
		return web_fail(r, ERR_INPUT, "state",
				"state is open, sent, withdrawn, dismissed or all");
	json_t *out = load(r, state && strcmp(state, "all") ? state : NULL, &err);
	return out ? web_json(r, 200, out) : web_error(r, &err);
}

/* ---- acting on one ---- */

enum notice_action { NA_SEND, NA_DONE, NA_DISMISS };

struct notice_job {
	int64_t id;
	enum notice_action action;
	char note[STORE_NOTE_MAX];
	struct account who;
};

static int notice_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct notice_job *nj = j->arg;
	struct notification_rec n;
	int rc = store_notification_get(srv->store, srv->e.school.id, nj->id, &n);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(srv->store));
	if (rc == 1 || !deals_with(&nj->who, n.kind))
		return app_fail(err, ERR_NOT_FOUND, "id", "there is no notification %lld for you",
				(long long)nj->id);
	if (nj->action == NA_SEND)
		return notices_send_write(&srv->e, nj->id, nj->who.username, err);
	return notices_finish_write(&srv->e, nj->id, nj->action == NA_DISMISS, nj->note,
				    nj->who.username, err);
}

static int notice_done(struct web_req *r, struct write_job *j)
{
	struct notice_job *nj = j->arg;
	if (j->rc < 0)
		return web_status_of(j->err.kind) >= 500 || j->err.kind == ERR_NOT_FOUND
			       ? web_error(r, &j->err)
			       : render(r, web_status_of(j->err.kind), j->err.message);
	static const char *const keys[] = {"notice_sent", "notice_told", "notice_dismissed"};
	return web_done(r, "/notifications", keys[nj->action]);
}

/* The form's fields, checked before anything is read: an error names them. */
static int notice_input(struct web_req *r, struct notice_job *nj, struct app_error *err)
{
	const char *action = web_form_value(r, "action"), *note = web_form_value(r, "note");
	static const char *const actions[] = {"send", "done", "dismiss"};
	int a = -1;
	for (int i = 0; i < 3 && action; i++)
		if (strcmp(action, actions[i]) == 0)
			a = i;
	if (a < 0)
		return app_fail(err, ERR_INPUT, "action", "action is send, done or dismiss");
	nj->action = (enum notice_action)a;
	if (nj->action != NA_SEND && (!note || !*note))
		return app_fail(err, ERR_INPUT, "note",
				nj->action == NA_DISMISS ? "say why the notification is not needed"
							 : "say how they were told");
	return parse_text_field("note", note ? note : "", nj->note, sizeof nj->note, 0, err);
}

int page_notification_post(struct web_req *r)
{
	struct app_error err = {0};
	struct notice_job *nj = calloc(1, sizeof *nj);
	if (!nj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	long id;
	if (notice_input(r, nj, &err) < 0) {
		free(nj);
		return render(r, 400, err.message);
	}
	if (parse_int_field("id", r->args[0], 1, 1L << 53, &id, &err) < 0) {
		free(nj);
		return web_error(r, &err);
	}
	nj->id = id;
	nj->who = r->who;
	return web_write(r, notice_run, nj, NULL, notice_done, NULL);
}

/* ---- the LA's file ---- */

struct la_job {
	int kind;
	char user[STORE_USER_MAX];
	char file[96];
	char *csv;
	size_t len;
	int n, waiting;
};

static void la_job_free(void *arg)
{
	struct la_job *lj = arg;
	free(lj->csv);
	free(lj);
}

static int la_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct la_job *lj = j->arg;
	return notices_la_file_write(&srv->e, lj->kind, lj->file, lj->user, &lj->csv, &lj->len, &lj->n,
				     &lj->waiting, err);
}

static int la_done(struct web_req *r, struct write_job *j)
{
	struct la_job *lj = j->arg;
	if (j->rc < 0)
		return web_error(r, &j->err);
	if (lj->n == 0) {
		char msg[200];
		snprintf(msg, sizeof msg, "Nothing to send to the local authority%s: no file was made.",
			 lj->waiting ? " (deletions wait for their ground)" : "");
		return render(r, 200, msg);
	}
	web_add_header(r, "Content-Disposition", "attachment; filename=\"%s\"", lj->file);
	int rc = web_bytes(r, 200, "text/csv; charset=utf-8", lj->csv, lj->len);
	lj->csv = NULL; /* the answer has it */
	return rc;
}

int page_la_file_post(struct web_req *r)
{
	const char *kind = web_form_value(r, "kind");
	int k = -1;
	if (!kind || !*kind)
		return web_fail(r, ERR_INPUT, "kind", "kind is required: all, or the kind of notification");
	if (strcmp(kind, "all") != 0 &&
	    ((k = notice_kind_parse(kind)) < 0 || notice_recipient((enum notice_kind)k) != NOTICE_TO_LA))
		return web_fail(r, ERR_INPUT, "kind",
				"kind '%s' is not all, unauthorised, illness, admission, deletion or cme",
				kind);
	struct la_job *lj = calloc(1, sizeof *lj);
	if (!lj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	lj->kind = k;
	snprintf(lj->user, sizeof lj->user, "%s", r->who.username);
	char now[CLOCK_ISO_LEN], local[CLOCK_ISO_LEN];
	clock_local_display(clock_iso_utc(clock_now(), now), local);
	/* "la-notifications-2026-11-27-0910.csv": what the file is called, and when */
	snprintf(lj->file, sizeof lj->file, "la-notifications-%.10s-%.2s%.2s.csv", local, local + 11,
		 local + 14);
	return web_write(r, la_run, lj, la_job_free, la_done, NULL);
}
