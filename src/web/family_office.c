/* What the school's pages about families' accounts, reports and leave
 * share: a field of a form or of the API's JSON body, the id in a path,
 * and small bits of the pages. */
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

bool web_is_api(const struct web_req *r)
{
	return r->route && (r->route->flags & ROUTE_API);
}

const char *web_input_get(const struct web_input *in, const char *name)
{
	if (in->json) {
		json_t *v = json_object_get(in->json, name);
		return json_is_string(v) ? json_string_value(v) : NULL;
	}
	return web_form_value(in->r, name);
}

int web_input_open(struct web_req *r, struct web_input *in, struct app_error *err)
{
	in->r = r;
	in->json = NULL;
	if (web_is_api(r) && !(in->json = web_json_body(r, err)))
		return -1;
	return 0;
}

int64_t web_id_arg(struct web_req *r)
{
	char *end;
	long long id = strtoll(r->args[0], &end, 10);
	return *end || id <= 0 ? 0 : id;
}

void html_pupil_accounts_link(struct html *h, const struct engine *e, int64_t pupil_id)
{
	int row = engine_row_of_id(e, pupil_id, DATE_INVALID, -1);
	if (row < 0) {
		html_txt(h, "?");
		return;
	}
	const struct pupil_row *p = &e->m.rows[row];
	html_lit(h, "<a href=\"/pupils/");
	html_url_seg(h, p->upn);
	html_lit(h, "/accounts\">");
	html_txt(h, p->surname);
	html_lit(h, ", ");
	html_txt(h, p->forename);
	html_lit(h, "</a> <small>");
	html_txt(h, e->m.forms[p->form]);
	html_lit(h, "</small>");
}

void html_family_dates(struct html *h, date_t from, enum session fs, date_t to, enum session ts)
{
	char buf[300];
	html_txt(h, leave_dates_text("en", from, fs, to, ts, buf, sizeof buf));
}

void html_when(struct html *h, const char *iso)
{
	char when[CLOCK_ISO_LEN];
	html_txt(h, clock_local_display(iso, when));
}

void html_office_flash(struct html *h, struct web_req *r)
{
	static const struct {
		const char *key, *text;
	} done[] = {
		{"invited", "The invitation is in the outbox: the email goes with the next run."},
		{"revoked", "The invitation is withdrawn: its code no longer works."},
		{"ended", "Access ended: that account no longer sees the pupil."},
		{"accepted", "Accepted: the codes are on the register."},
		{"declined", "Declined: the parent sees your note."},
		{"decided", "Decision recorded, and the letter is in the outbox."},
		{"decided_no_letter", "Decision recorded. No letter could be sent: see below."},
		{"unauthorised", "G recorded on the sessions of refused leave."},
	};
	const char *key = web_query(r, "done");
	for (size_t i = 0; key && i < sizeof done / sizeof *done; i++) {
		if (strcmp(key, done[i].key) == 0) {
			html_lit(h, "<p class=\"flash good\" role=\"status\">");
			html_txt(h, done[i].text);
			html_lit(h, "</p>");
		}
	}
}

void html_reason_field(struct html *h, const char *id, const char *label, bool required)
{
	html_lit(h, "<label for=\"");
	html_attr(h, id);
	html_lit(h, "\">");
	html_txt(h, label);
	html_lit(h, "</label><input id=\"");
	html_attr(h, id);
	html_lit(h, "\" name=\"reason\"");
	if (required)
		html_lit(h, " required");
	html_lit(h, ">");
}


void *web_job_start(struct web_req *r, struct web_input *in, size_t size)
{
	struct app_error err = {0};
	if (web_input_open(r, in, &err) < 0) {
		web_error(r, &err);
		return NULL;
	}
	void *job = calloc(1, size);
	if (!job) {
		json_decref(in->json);
		web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	}
	return job;
}

int web_job_queue(struct web_req *r, struct web_input *in, void *job, int rc,
		  const struct app_error *err,
		  int (*run)(struct server *srv, struct write_job *j, struct app_error *err),
		  int (*finish)(struct web_req *r, struct write_job *j))
{
	json_decref(in->json);
	in->json = NULL;
	if (rc < 0) {
		free(job);
		return web_error(r, err);
	}
	return web_write(r, run, job, NULL, finish, NULL);
}

int web_input_text(const struct web_input *in, const char *name, char *out, size_t len,
		   int required, struct app_error *err)
{
	const char *v = web_input_get(in, name);
	return parse_text_field(name, v ? v : "", out, len, required, err);
}

int web_input_int(const struct web_input *in, const char *name, long min, long max, long *out,
		  struct app_error *err)
{
	json_t *j = in->json ? json_object_get(in->json, name) : NULL;
	if (!json_is_integer(j)) {
		const char *v = web_input_get(in, name);
		return parse_int_field(name, v ? v : "", min, max, out, err);
	}
	*out = (long)json_integer_value(j);
	if (*out < min || *out > max)
		return app_fail(err, ERR_INPUT, name, "%s must be a whole number from %ld to %ld", name,
				min, max);
	return 0;
}
