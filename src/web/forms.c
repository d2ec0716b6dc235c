/* Small pieces the pages of the first-day response and of families share:
 * the engine as a request thread may read it, form fields with their rules,
 * writes through the writer, and where to go after a form. */
#include <stdlib.h>
#include <string.h>

#include "app/array.h"
#include "app/clock.h"
#include "app/contacts.h"
#include "app/parse.h"
#include "web/html.h"
#include "web/web.h"

void web_engine_view(struct web_req *r, struct engine *view)
{
	*view = r->srv->e;
	view->store = r->rd;
	/* The writer's pending writes are its own: a view never sees them. */
	view->pending = NULL;
	view->n_pending = view->cap_pending = 0;
	view->in_txn = false;
}

int web_row_of_pupil(const struct engine *e, int64_t pupil_id)
{
	int found = -1;
	for (int r = 0; r < e->m.n_rows; r++)
		if (e->m.rows[r].pupil_id == pupil_id)
			found = r; /* rows of a pupil are in admission order: the latest wins */
	return found;
}

struct actor web_actor(const struct web_req *r)
{
	return (struct actor){r->who.username, (r->route && (r->route->flags & ROUTE_API)) ? "api" : "web"};
}

int web_form_int(struct web_req *r, const char *name, long min, long max, long dflt, long *out,
		 struct app_error *err)
{
	const char *v = web_form_value(r, name);
	if (!v || !*v) {
		if (dflt < 0)
			return app_fail(err, ERR_INPUT, name, "%s is required", name);
		*out = dflt;
		return 0;
	}
	return parse_int_field(name, v, min, max, out, err);
}

int web_form_date(struct web_req *r, const char *name, date_t dflt, date_t *out,
		  struct app_error *err)
{
	const char *v = web_form_value(r, name);
	*out = dflt;
	return v && *v ? parse_date_field(name, v, out, err) : 0;
}

int web_write(struct web_req *r, int (*run)(struct server *srv, struct write_job *j,
					    struct app_error *err),
	      void *arg, void (*free_arg)(void *arg),
	      int (*finish)(struct web_req *r, struct write_job *j),
	      void (*committed)(struct server *srv, struct write_job *j))
{
	if (!free_arg)
		free_arg = free;
	struct write_job *j = calloc(1, sizeof *j);
	if (!j) {
		free_arg(arg);
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	}
	j->run = run;
	j->finish = finish;
	j->arg = arg;
	j->free_arg = free_arg;
	j->committed = committed;
	return web_defer(r, j);
}

const char *web_next(struct web_req *r, const char *dflt)
{
	const char *next = web_form_value(r, "next");
	if (!next)
		next = web_query(r, "next");
	/* A path on this site only, and not a way to put markup in a header. */
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strpbrk(next, "\r\n\"<>") || strlen(next) > 300)
		return dflt;
	return next;
}

int web_done(struct web_req *r, const char *path, const char *key)
{
	char loc[512];
	const char *hash = strchr(path, '#');
	size_t n = hash ? (size_t)(hash - path) : strlen(path);
	snprintf(loc, sizeof loc, "%.*s%sdone=%s%s", (int)n, path, memchr(path, '?', n) ? "&" : "?",
		 key, hash ? hash : "");
	return web_redirect(r, loc);
}

struct query_check {
	const char *const *allowed;
	const char *bad;
};

static int check_param(void *ctx, const char *name, const char *value)
{
	(void)value;
	struct query_check *q = ctx;
	if (strcmp(name, "done") == 0)
		return 0;
	for (int i = 0; q->allowed && q->allowed[i]; i++)
		if (strcmp(q->allowed[i], name) == 0)
			return 0;
	q->bad = name;
	return 1;
}

int web_check_query(struct web_req *r, const char *const *allowed)
{
	struct query_check q = {allowed, NULL};
	if (web_query_each(r, check_param, &q) == 0)
		return 0;
	web_fail(r, ERR_INPUT, q.bad, "'%.40s' is not a parameter of this page", q.bad);
	return -1;
}

/* ---- contacts and small bits of pages ---- */

int web_push(void *v, int *n, size_t size, const void *item)
{
	return array_push(v, n, size, item);
}

void html_pupil_link(struct html *h, const struct pupil_row *p)
{
	html_lit(h, "<a href=\"/pupils/");
	html_url_seg(h, p->upn);
	html_lit(h, "/family\">");
	html_txt(h, p->surname);
	html_lit(h, ", ");
	html_txt(h, p->forename);
	html_lit(h, "</a>");
}

void html_pupil_page_begin(struct html *h, struct web_req *r, const char *heading,
			   const struct pupil_row *p, const char *form)
{
	char title[300];
	snprintf(title, sizeof title, "%s: %s %s", heading, p->forename, p->surname);
	html_begin(h, r, title);
	html_lit(h, "<h1>");
	html_txt(h, heading);
	html_lit(h, " <small>");
	html_txt(h, p->forename);
	html_lit(h, " ");
	html_txt(h, p->surname);
	html_lit(h, " · ");
	html_txt(h, form);
	html_lit(h, "</small></h1>");
}

void html_error_flash(struct html *h, const char *error)
{
	if (!error)
		return;
	html_lit(h, "<p class=\"flash bad\" role=\"alert\" id=\"flash\">");
	html_txt(h, error);
	html_lit(h, "</p>");
}

static int add_contact(void *ctx, const struct contact_rec *c)
{
	struct web_contacts *wc = ctx;
	return web_push(&wc->v, &wc->n, sizeof *c, c);
}

int web_contacts_load(struct store *s, int64_t school_id, int64_t pupil_id,
		      struct web_contacts *out, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	if (store_contacts_each(s, school_id, pupil_id, add_contact, out) < 0) {
		web_contacts_free(out);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	}
	return 0;
}

void web_contacts_free(struct web_contacts *c)
{
	free(c->v);
	c->v = NULL;
	c->n = 0;
}

void html_contact_options(struct html *h, const struct web_contacts *c, bool phone_only,
			  int selected)
{
	for (int i = 0; i < c->n; i++) {
		const struct contact_rec *k = &c->v[i];
		if (phone_only && !contact_working(k))
			continue;
		html_lit(h, "<option value=\"");
		html_int(h, k->priority);
		if (k->priority == selected)
			html_lit(h, "\" selected>");
		else
			html_lit(h, "\">");
		html_txt(h, k->name);
		html_lit(h, ", ");
		html_txt(h, k->relationship);
		if (phone_only) {
			html_lit(h, ": ");
			html_txt(h, k->mobile[0] ? k->mobile : k->phone);
			if (k->mobile[0] && k->phone[0]) {
				html_lit(h, " or ");
				html_txt(h, k->phone);
			}
		}
		if (k->do_not_contact)
			html_lit(h, " (do not contact)");
		html_lit(h, "</option>");
	}
}

void html_time(struct html *h, const char *iso_utc, int day)
{
	char local[CLOCK_ISO_LEN], d[DATE_ISO_LEN];
	clock_local_display(iso_utc, local);
	if (strncmp(local, date_format(day, d), 10) == 0)
		html_txtf(h, "%.5s", local + 11);
	else
		html_txt(h, local);
}

void html_done_flash(struct html *h, struct web_req *r)
{
	static const struct {
		const char *key, *text;
	} done[] = {
		{"sent", "The first-day message is in the outbox: it goes with the next run of the outbox."},
		{"no_one", "Recorded: no one could be sent a message."},
		{"reached", "Call recorded: someone was reached. Record the reason they gave."},
		{"no_answer", "Call recorded: no answer."},
		{"visited", "Welfare visit recorded."},
		{"no_visit", "Recorded: no welfare visit needed."},
		{"report", "The reason is recorded and the register updated."},
		{"logged", "Added to the contact log."},
		{"amended", "The contact log entry is amended; the earlier version is kept."},
		{"queued", "The message is in the outbox."},
		{"resent", "The message is back in the outbox's queue."},
		{"posted", "Recorded as posted, and added to the contact log."},
		{"task", "Task done."},
		{"notice_sent", "The notification's email is in the outbox: it goes with the next run of the outbox."},
		{"notice_told", "Recorded: they were told another way."},
		{"notice_dismissed", "Recorded: the notification is not needed."},
		{"left", "Recorded: the pupil leaves the admission register, and the local authority's notification is raised."},
		{"cw_review", "The decision is recorded, with its reason."},
		{"cw_stage", "The stage is changed; its history keeps who, when and why."},
		{"cw_note", "The note is added."},
		{"cw_plan", "The support plan is started."},
		{"cw_barrier", "The barrier is added to the plan."},
		{"cw_action", "The action is agreed."},
		{"cw_action_done", "The action is recorded as finished."},
		{"cw_meeting", "The meeting is recorded."},
		{"cw_plan_close", "The plan is closed with its outcome."},
		{"cw_intervention", "The intervention is started."},
		{"cw_intervention_end", "The intervention has ended."},
		{"cw_part_time", "The part-time timetable is agreed: C2 is on its sessions up to today."},
		{"cw_part_time_review", "The review is recorded."},
		{"cw_part_time_end", "The part-time timetable has ended."},
		{"cw_legal", "The step is recorded."},
		{"cw_legal_event", "Recorded."},
		{"cw_document", "The document is kept."},
		{"cw_catalogue", "The list is changed."},
	};
	const char *key = web_query(r, "done");
	if (!key)
		return;
	for (size_t i = 0; i < sizeof done / sizeof *done; i++) {
		if (strcmp(done[i].key, key) != 0)
			continue;
		html_lit(h, "<p class=\"flash good\" role=\"status\" id=\"flash\">");
		html_txt(h, done[i].text);
		html_lit(h, "</p>");
		return;
	}
}

void html_next(struct html *h, struct web_req *r)
{
	html_lit(h, "<input type=\"hidden\" name=\"next\" value=\"");
	html_attr(h, r->path);
	html_lit(h, "\">");
}
