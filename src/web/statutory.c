/* What the pages of statutory duties share (issue 10): a page's declared
 * query parameters, the profile's section on the admission register,
 * notifications, transition and the pupil's files, the engine reloaded
 * after a change to the admission register, and the server's daily round
 * of notifications and the Year 7 watch. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/clock.h"
#include "app/notices.h"
#include "app/transition.h"
#include "web/html.h"
#include "web/web.h"

struct params {
	const char *const *allowed;
	struct app_error *err;
};

static int check_param(void *ctx, const char *name, const char *value)
{
	(void)value;
	struct params *p = ctx;
	for (int i = 0; p->allowed[i]; i++)
		if (strcmp(p->allowed[i], name) == 0)
			return 0;
	char names[200] = "";
	for (int i = 0; p->allowed[i]; i++)
		snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
			 p->allowed[i]);
	app_fail(p->err, ERR_INPUT, name, "'%.40s' is not a parameter of this page (they are %s)",
		 name, names[0] ? names : "none");
	return -1;
}

int web_params_check(struct web_req *r, const char *const *allowed, struct app_error *err)
{
	struct params p = {allowed, err};
	return web_query_each(r, check_param, &p) ? -1 : 0;
}

void web_reload_engine(struct server *srv, struct write_job *j)
{
	(void)j;
	struct app_error err = {0};
	pthread_rwlock_wrlock(&srv->lock);
	int rc = engine_reload(&srv->e, &err);
	pthread_rwlock_unlock(&srv->lock);
	if (rc < 0)
		web_log("error reloading after a change to the admission register: %s", err.message);
}

void web_statutory_tick(struct server *srv)
{
	/* once a day, each school's own (web.h: server_tick) */
	date_t today = clock_today();
	if (srv->tick.statutory_day == today)
		return;
	srv->tick.statutory_day = today;
	struct app_error err = {0};
	struct actor who = {"attend", "daily"};
	int raised = 0, added = 0;
	if (notices_run(&srv->e, today, &who, &raised, &err) < 0 ||
	    transition_watch(&srv->e, today, &added, &err) < 0)
		web_log("error in the daily notifications and Year 7 watch: %s", err.message);
	else if (raised || added)
		web_log("daily round: %d notification%s raised, %d early decliner%s to review", raised,
			raised == 1 ? "" : "s", added, added == 1 ? "" : "s");
}

/* ---- the profile's section ---- */

static bool leads(const struct account *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_ATTENDANCE_LEAD;
}

struct grounds {
	struct html *h;
	const struct engine *e;
	int64_t pupil_id;
	int n;
};

static int show_ground(void *ctx, const struct leaving_ground_rec *g)
{
	struct grounds *gs = ctx;
	if (g->pupil_id != gs->pupil_id)
		return 0;
	const struct leaving_ground *lg = leaving_ground_find(g->ground);
	char d[DATE_ISO_LEN], at[CLOCK_ISO_LEN];
	html_lit(gs->h, "<li>Left after ");
	html_txt(gs->h, date_format(g->left_date, d));
	html_lit(gs->h, ": <strong>");
	html_txt(gs->h, g->ground);
	html_lit(gs->h, "</strong> ");
	html_txt(gs->h, lg ? lg->label : "");
	if (g->detail[0]) {
		html_lit(gs->h, " (");
		html_txt(gs->h, g->detail);
		html_lit(gs->h, ")");
	}
	html_lit(gs->h, " <small>recorded by ");
	html_txt(gs->h, g->recorded_by);
	html_lit(gs->h, " at ");
	html_txt(gs->h, clock_local_display(g->recorded_at, at));
	html_lit(gs->h, "</small></li>");
	gs->n++;
	return 0;
}

static void transition_part(struct html *h, const struct engine *e, int row)
{
	struct transition_pupil tp;
	struct transition_view v;
	struct app_error err = {0};
	if (transition_pupil_of(e, row, web_today(), &tp, &v, &err) != 0)
		return;
	html_lit(h, "<p id=\"transition-flag\" class=\"");
	html_lit(h, "transition");
	if (tp.flag)
		html_lit(h, " flagged");
	html_lit(h, "\">Transition into Year 7: <strong>");
	html_txt(h, transition_risk_label(tp.rank.risk));
	html_lit(h, "</strong>");
	if (tp.y6.known) {
		html_lit(h, " (");
		html_txt(h, tp.source);
		html_lit(h, ")");
	}
	if (tp.flag)
		html_lit(h, ". Watched closely through the first three half-terms.");
	if (tp.decliner)
		html_txtf(h, " Attendance this half-term is down %lld.%lld points on the first: on "
			     "the review list.",
			  (long long)(-tp.change.change_pp100 / 100),
			  (long long)(-tp.change.change_pp100 % 100 / 10));
	html_lit(h, " <a href=\"/transition\">The intake</a></p>");
}

void web_statutory_section(struct html *h, struct web_req *r, int row)
{
	/* Read through this thread's connection, never the writer's: one
	 * connection is one thread's (libpq's rule; SQLite's in no-mutex mode). */
	struct engine view;
	web_engine_view(r, &view);
	const struct engine *e = &view;
	const struct pupil_row *p = &e->m.rows[row];
	html_lit(h, "<h2 id=\"statutory\">Admission register, notifications and files</h2>");
	transition_part(h, e, row);
	struct grounds gs = {h, e, p->pupil_id, 0};
	html_lit(h, "<ul class=\"grounds\">");
	if (store_leaving_grounds_each(e->store, e->school.id, 0, show_ground, &gs) < 0)
		html_lit(h, "<li>The leaving grounds could not be read.</li>");
	html_lit(h, "</ul>");
	if (account_whole_school(&r->who)) {
		html_lit(h, "<p><a href=\"/pupils/");
		html_url_seg(h, p->upn);
		html_lit(h, "/leave\">Record leaving the admission register</a></p>");
	}
	if (account_whole_school(&r->who) || r->who.role == ROLE_DSL) {
		struct app_error err = {0};
		json_t *all = notices_json(e, NULL, p->upn, web_today(), &err), *n;
		size_t i;
		json_t *list = all ? json_object_get(all, "notifications") : NULL;
		if (json_array_size(list)) {
			html_lit(h, "<table class=\"list\" id=\"pupil-notices\"><thead><tr><th scope=\"col\">"
				    "To</th><th scope=\"col\">What</th><th scope=\"col\">Due</th><th "
				    "scope=\"col\">State</th></tr></thead><tbody>");
			json_array_foreach(list, i, n)
			{
				html_lit(h, "<tr><td>");
				html_txt(h, json_string_value(json_object_get(n, "to")));
				html_lit(h, "</td><td>");
				html_txt(h, json_string_value(json_object_get(n, "detail")));
				html_lit(h, "</td><td>");
				html_txt(h, json_string_value(json_object_get(n, "due_date")));
				html_lit(h, "</td><td>");
				html_txt(h, json_string_value(json_object_get(n, "state")));
				html_lit(h, "</td></tr>");
			}
			html_lit(h, "</tbody></table><p><a href=\"/notifications\">Notifications</a></p>");
		}
		json_decref(all);
	}
	if (leads(&r->who) || r->who.role == ROLE_OFFICE) {
		html_lit(h, "<p class=\"files\">Files: <a href=\"/pupils/");
		html_url_seg(h, p->upn);
		html_lit(h, "/ctf.xml\">CTF (leaving)</a>");
		if (leads(&r->who)) {
			html_lit(h, " · <a href=\"/pupils/");
			html_url_seg(h, p->upn);
			html_lit(h, "/evidence.pdf\">evidence for the LA (PDF)</a> · <a href=\"/pupils/");
			html_url_seg(h, p->upn);
			html_lit(h, "/evidence.csv\">(CSV)</a>");
		}
		html_lit(h, "</p>");
	}
}
