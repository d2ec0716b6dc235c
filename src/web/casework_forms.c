/* Every write of casework, from a page's form or the JSON API, through one
 * path: the fields are collected (a form's, or a JSON object's members), the
 * write runs on the writer (app/casework*.c checks everything first, and a
 * bad field is a 400 naming it with nothing written), then a page goes
 * back where it came from saying what was done, or shows the form again
 * with the error; the API answers {"ok": true, "id"} or the error. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "app/casework.h"
#include "app/casework_legal.h"
#include "app/parse.h"
#include "web/html.h"
#include "web/web.h"

enum cw_form {
	CWF_REVIEW,
	CWF_STAGE,
	CWF_NOTE,
	CWF_PLAN,
	CWF_BARRIER,
	CWF_ACTION,
	CWF_ACTION_DONE,
	CWF_MEETING,
	CWF_PLAN_CLOSE,
	CWF_INTERVENTION,
	CWF_INTERVENTION_END,
	CWF_PART_TIME,
	CWF_PART_TIME_REVIEW,
	CWF_PART_TIME_END,
	CWF_LEGAL,
	CWF_LEGAL_EVENT,
	CWF_DOCUMENT,
	CWF_CATALOGUE,
	CWF__MAX
};

/* The flash key of each (html_done_flash's table), and where its id is:
 * the route argument (-1: none), and whether args[0] is a pupil. */
static const struct {
	const char *done;
	int id_arg;
	bool pupil;
} forms[CWF__MAX] = {
	[CWF_REVIEW] = {"cw_review", 0, false},
	[CWF_STAGE] = {"cw_stage", -1, true},
	[CWF_NOTE] = {"cw_note", -1, true},
	[CWF_PLAN] = {"cw_plan", -1, true},
	[CWF_BARRIER] = {"cw_barrier", 1, true},
	[CWF_ACTION] = {"cw_action", 1, true},
	[CWF_ACTION_DONE] = {"cw_action_done", 1, true},
	[CWF_MEETING] = {"cw_meeting", 1, true},
	[CWF_PLAN_CLOSE] = {"cw_plan_close", 1, true},
	[CWF_INTERVENTION] = {"cw_intervention", -1, true},
	[CWF_INTERVENTION_END] = {"cw_intervention_end", 1, true},
	[CWF_PART_TIME] = {"cw_part_time", -1, true},
	[CWF_PART_TIME_REVIEW] = {"cw_part_time_review", 1, true},
	[CWF_PART_TIME_END] = {"cw_part_time_end", 1, true},
	[CWF_LEGAL] = {"cw_legal", -1, true},
	[CWF_LEGAL_EVENT] = {"cw_legal_event", 1, true},
	[CWF_DOCUMENT] = {"cw_document", 1, true},
	[CWF_CATALOGUE] = {"cw_catalogue", -1, false},
};

struct cw_job {
	enum cw_form form;
	char upn[UPN_LEN + 1];
	int64_t id, made;
	struct cw_input in;
	struct account who;
	char source[8];
	char next[320];
	unsigned char *data; /* a document's bytes (copied) */
	size_t len;
	char filename[256], ctype[64];
};

static void job_free(void *arg)
{
	struct cw_job *j = arg;
	cw_input_free(&j->in);
	free(j->data);
	free(j);
}

static int run(struct server *srv, struct write_job *wj, struct app_error *err)
{
	struct cw_job *j = wj->arg;
	struct actor who = {j->who.username, j->source};
	struct cw_ctx c = {&srv->e, &j->who, &who};
	const char *u = j->upn;
	switch (j->form) {
	case CWF_REVIEW: return cw_review_decide(&c, j->id, &j->in, err);
	case CWF_STAGE: return cw_stage_write(&c, u, &j->in, &j->made, err);
	case CWF_NOTE: return cw_note_write(&c, u, &j->in, &j->made, err);
	case CWF_PLAN: return cw_plan_write(&c, u, &j->in, &j->made, err);
	case CWF_BARRIER: return cw_barrier_write(&c, u, j->id, &j->in, &j->made, err);
	case CWF_ACTION: return cw_action_write(&c, u, j->id, &j->in, &j->made, err);
	case CWF_ACTION_DONE: return cw_action_finish(&c, u, j->id, &j->in, err);
	case CWF_MEETING: return cw_meeting_write(&c, u, j->id, &j->in, &j->made, err);
	case CWF_PLAN_CLOSE: return cw_plan_close(&c, u, j->id, &j->in, err);
	case CWF_INTERVENTION: return cw_intervention_write(&c, u, &j->in, &j->made, err);
	case CWF_INTERVENTION_END: return cw_intervention_end(&c, u, j->id, &j->in, err);
	case CWF_PART_TIME: return cw_part_time_write(&c, u, &j->in, &j->made, err);
	case CWF_PART_TIME_REVIEW: return cw_part_time_review(&c, u, j->id, &j->in, err);
	case CWF_PART_TIME_END: return cw_part_time_end(&c, u, j->id, &j->in, err);
	case CWF_LEGAL: return cw_legal_write(&c, u, &j->in, &j->made, err);
	case CWF_LEGAL_EVENT: return cw_legal_event_write(&c, u, j->id, &j->in, &j->made, err);
	case CWF_DOCUMENT:
		return cw_document_write(&c, u, j->id, j->filename, j->ctype, j->data, j->len, &j->made,
					 err);
	case CWF_CATALOGUE: return cw_catalogue_write(&c, &j->in, err);
	default: return app_fail(err, ERR_INTERNAL, NULL, "an unknown form");
	}
}

static int finish_page(struct web_req *r, struct write_job *wj)
{
	struct cw_job *j = wj->arg;
	if (wj->rc == 0)
		return web_done(r, j->next, forms[j->form].done);
	int status = web_status_of(wj->err.kind);
	if (status >= 500 || wj->err.kind == ERR_NOT_FOUND)
		return web_error(r, &wj->err);
	if (forms[j->form].pupil)
		return web_casework_page(r, j->upn, status, wj->err.message);
	return web_casework_list_page(r, status, wj->err.message);
}

static int finish_api(struct web_req *r, struct write_job *wj)
{
	struct cw_job *j = wj->arg;
	if (wj->rc < 0)
		return web_error(r, &wj->err);
	return web_json(r, 200, json_pack("{s:b, s:o}", "ok", true, "id",
					  j->made ? json_integer(j->made) : json_null()));
}

/* A JSON member as text: a string as it is, a whole number as its digits,
 * true and false as Y and N, an array of strings each (joined by spaces);
 * anything else "" (the field's rule then refuses it). */
static int add_member(struct cw_input *in, const char *key, json_t *v)
{
	char buf[32];
	if (json_is_null(v))
		return 0;
	if (json_is_string(v))
		return cw_input_add(in, key, json_string_value(v));
	if (json_is_integer(v)) {
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
		return cw_input_add(in, key, buf);
	}
	if (json_is_boolean(v))
		return cw_input_add(in, key, json_is_true(v) ? "Y" : "N");
	if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x)
		{
			if (add_member(in, key, json_is_string(x) ? x : json_null()) < 0)
				return -1;
		}
		return 0;
	}
	return cw_input_add(in, key, "");
}

static int submit(struct web_req *r, enum cw_form form)
{
	struct app_error err = {0};
	bool api = r->route->flags & ROUTE_API;
	struct cw_job *j = calloc(1, sizeof *j);
	if (!j)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	j->form = form;
	j->who = r->who;
	snprintf(j->source, sizeof j->source, "%s", web_actor(r).source);
	if (forms[form].pupil) {
		if (upn_shape_error(r->args[0])) {
			job_free(j);
			return web_fail(r, ERR_NOT_FOUND, "upn", "no pupil with UPN %.16s", r->args[0]);
		}
		snprintf(j->upn, sizeof j->upn, "%s", r->args[0]);
		char path[64];
		snprintf(path, sizeof path, "/pupils/%s/casework", j->upn);
		snprintf(j->next, sizeof j->next, "%s", web_next(r, path));
	} else {
		snprintf(j->next, sizeof j->next, "%s",
			 web_next(r, form == CWF_CATALOGUE ? "/casework/catalogue" : "/casework"));
	}
	int k = forms[form].id_arg;
	if (k >= 0) {
		long id;
		if (k >= r->n_args || parse_int_field("id", r->args[k], 1, INT_MAX, &id, &err) < 0) {
			job_free(j);
			return web_fail(r, ERR_NOT_FOUND, "id", "there is no such item");
		}
		j->id = id;
	}
	int rc = 0;
	if (form == CWF_DOCUMENT) {
		/* the page's file part, or the API's whole body */
		const unsigned char *data = api ? (const unsigned char *)r->body : r->upload.data;
		size_t len = api ? r->body_len : r->upload.len;
		const char *name = api ? web_query(r, "filename") : r->upload.filename;
		const char *ctype = api ? web_header(r, "Content-Type") : r->upload.ctype;
		snprintf(j->filename, sizeof j->filename, "%s", name ? name : "");
		snprintf(j->ctype, sizeof j->ctype, "%s", ctype ? ctype : "");
		if (data && len && !(j->data = malloc(len)))
			rc = -1;
		else if (data && len) {
			memcpy(j->data, data, len);
			j->len = len;
		}
	} else if (api) {
		json_t *body = web_json_body(r, &err);
		if (!body) {
			job_free(j);
			return web_error(r, &err);
		}
		const char *key;
		json_t *v;
		json_object_foreach(body, key, v)
		{
			if (add_member(&j->in, key, v) < 0)
				rc = -1;
		}
		json_decref(body);
	} else {
		for (int i = 0; i < r->n_form; i++)
			if (strcmp(r->form[i].name, "csrf") && strcmp(r->form[i].name, "next") &&
			    cw_input_add(&j->in, r->form[i].name, r->form[i].value) < 0)
				rc = -1;
	}
	if (rc < 0) {
		job_free(j);
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	}
	return web_write(r, run, j, job_free, api ? finish_api : finish_page, NULL);
}

int web_cw_review(struct web_req *r) { return submit(r, CWF_REVIEW); }
int web_cw_stage(struct web_req *r) { return submit(r, CWF_STAGE); }
int web_cw_note(struct web_req *r) { return submit(r, CWF_NOTE); }
int web_cw_plan(struct web_req *r) { return submit(r, CWF_PLAN); }
int web_cw_barrier(struct web_req *r) { return submit(r, CWF_BARRIER); }
int web_cw_action(struct web_req *r) { return submit(r, CWF_ACTION); }
int web_cw_action_done(struct web_req *r) { return submit(r, CWF_ACTION_DONE); }
int web_cw_meeting(struct web_req *r) { return submit(r, CWF_MEETING); }
int web_cw_plan_close(struct web_req *r) { return submit(r, CWF_PLAN_CLOSE); }
int web_cw_intervention(struct web_req *r) { return submit(r, CWF_INTERVENTION); }
int web_cw_intervention_end(struct web_req *r) { return submit(r, CWF_INTERVENTION_END); }
int web_cw_part_time(struct web_req *r) { return submit(r, CWF_PART_TIME); }
int web_cw_part_time_review(struct web_req *r) { return submit(r, CWF_PART_TIME_REVIEW); }
int web_cw_part_time_end(struct web_req *r) { return submit(r, CWF_PART_TIME_END); }
int web_cw_legal(struct web_req *r) { return submit(r, CWF_LEGAL); }
int web_cw_legal_event(struct web_req *r) { return submit(r, CWF_LEGAL_EVENT); }
int web_cw_document(struct web_req *r) { return submit(r, CWF_DOCUMENT); }
int web_cw_catalogue(struct web_req *r) { return submit(r, CWF_CATALOGUE); }
