/* A pupil's name leaving the admission register (app/admissions.h):
 *   GET  /pupils/UPN/leave   the form: the last day on roll and the ground
 *                            (required: the 2024 regulations' grounds)
 *   POST /pupils/UPN/leave   recorded; the LA's deletion notification is
 *                            raised with it, and the register reloaded */
#include <stdlib.h>
#include <string.h>

#include "app/admissions.h"
#include "app/parse.h"
#include "core/notices.h"
#include "web/html.h"
#include "web/web.h"

static int render(struct web_req *r, int status, const char *error)
{
	struct app_error err = {0};
	int row;
	char today[DATE_ISO_LEN];
	date_format(web_today(), today);
	pthread_rwlock_rdlock(&r->srv->lock);
	if (web_pupil_row(r, r->args[0], web_today(), &row, &err) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	const struct pupil_row *p = &r->srv->e.m.rows[row];
	struct html h = {0};
	html_pupil_page_begin(&h, r, "Leaving the admission register", p, r->srv->e.m.forms[p->form]);
	pthread_rwlock_unlock(&r->srv->lock);
	html_error_flash(&h, error);
	const char *date = web_form_value(r, "date"), *ground = web_form_value(r, "ground"),
		   *detail = web_form_value(r, "detail");
	html_lit(&h, "<form method=\"post\" class=\"card stack\" id=\"leave\" action=\"/pupils/");
	html_url_seg(&h, r->args[0]);
	html_lit(&h, "/leave\">");
	html_csrf(&h, r);
	html_lit(&h, "<label>Last day on roll <input type=\"date\" name=\"date\" required value=\"");
	html_attr(&h, date ? date : today);
	html_lit(&h, "\"></label><label>Ground of deletion (School Attendance (Pupil Registration) "
		     "(England) Regulations 2024, regulation 9) <select name=\"ground\" required>"
		     "<option value=\"\">choose the ground</option>");
	for (int i = 0; i < leaving_ground_count(); i++) {
		const struct leaving_ground *g = leaving_ground_at(i);
		html_lit(&h, "<option value=\"");
		html_attr(&h, g->code);
		if (ground && strcmp(ground, g->code) == 0)
			html_lit(&h, "\" selected>");
		else
			html_lit(&h, "\">");
		html_txt(&h, g->code);
		html_lit(&h, " ");
		html_txt(&h, g->label);
		html_lit(&h, "</option>");
	}
	html_lit(&h, "</select></label><label>What else the local authority should know (the new "
		     "school, the date they start there) <input name=\"detail\" maxlength=\"500\" "
		     "value=\"");
	html_attr(&h, detail ? detail : "");
	html_lit(&h, "\"></label><p class=\"hint\">The local authority is told of the deletion, with "
		     "its ground, no later than the name is deleted: the notification is raised with "
		     "this. A pupil who has missed 20 school days without authorisation may be deleted "
		     "on ground 9(1)(i) only after the school and the LA have made their enquiries.</p>"
		     "<p><button type=\"submit\" class=\"primary\">Record leaving</button> <a "
		     "href=\"/pupils/");
	html_url_seg(&h, r->args[0]);
	html_lit(&h, "\">Back to the pupil</a></p></form>");
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_leaving_get(struct web_req *r)
{
	return render(r, 200, NULL);
}

struct leave_job {
	struct leave_request rq;
	char upn[UPN_LEN + 1], ground[16], detail[512];
	char user[STORE_USER_MAX];
};

static int leave_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct leave_job *lj = j->arg;
	struct actor who = {lj->user, "web"};
	return admission_leave_write(&srv->e, &lj->rq, &who, err);
}

static int left(struct web_req *r, struct write_job *j)
{
	struct leave_job *lj = j->arg;
	if (j->rc < 0)
		return web_status_of(j->err.kind) >= 500 || j->err.kind == ERR_NOT_FOUND
			       ? web_error(r, &j->err)
			       : render(r, web_status_of(j->err.kind), j->err.message);
	char path[64];
	snprintf(path, sizeof path, "/pupils/%s#statutory", lj->upn);
	return web_done(r, path, "left");
}

int page_leaving_post(struct web_req *r)
{
	struct app_error err = {0};
	struct leave_job *lj = calloc(1, sizeof *lj);
	if (!lj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	const char *date = web_form_value(r, "date"), *ground = web_form_value(r, "ground"),
		   *detail = web_form_value(r, "detail");
	snprintf(lj->upn, sizeof lj->upn, "%s", r->args[0]);
	snprintf(lj->ground, sizeof lj->ground, "%s", ground ? ground : "");
	lj->rq = (struct leave_request){lj->upn, DATE_INVALID, lj->ground, lj->detail};
	if ((date && *date && parse_date_field("date", date, &lj->rq.date, &err) < 0) ||
	    parse_text_field("detail", detail ? detail : "", lj->detail, sizeof lj->detail, 0, &err) < 0 ||
	    admission_leave_check(&lj->rq, &err) < 0) {
		free(lj);
		return render(r, 400, err.message);
	}
	snprintf(lj->user, sizeof lj->user, "%s", r->who.username);
	return web_write(r, leave_run, lj, NULL, left, web_reload_engine);
}
