/* Casework as JSON (the writes are casework_forms.c's, shared with pages):
 *   GET /api/casework/reviews       the open review list, brought up to date first
 *   GET /api/casework/impact        each intervention type against comparison pupils
 *   GET /api/casework/catalogue     the barriers and interventions
 *   GET /api/pupils/UPN/casework    a pupil's casework, as the account may see it
 *   GET /api/pupils/UPN/safeguarding and /api/safeguarding/log: page-casework-lead.c */
#include <stdlib.h>
#include <string.h>

#include "app/casework_json.h"
#include "app/clock.h"
#include "web/casework_web.h"

struct reviews_json {
	const struct engine *e;
	json_t *list;
};

static int review_item(void *ctx, const struct cw_review_rec *r)
{
	struct reviews_json *rj = ctx;
	json_array_append_new(rj->list, cw_review_json(rj->e, r));
	return 0;
}

static int reviews_after_scan(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	struct app_error err = {0};
	struct reviews_json rj = {&r->srv->e, json_array()};
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = store_cw_reviews_each(r->rd, r->srv->e.school.id, 0, true, NULL, review_item, &rj);
	pthread_rwlock_unlock(&r->srv->lock);
	const struct cw_scan_result *res = j->arg;
	if (rc < 0) {
		json_decref(rj.list);
		app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
		return web_error(r, &err);
	}
	return web_json(r, 200, json_pack("{s:i, s:o}", "raised_now", res->raised, "reviews", rj.list));
}

static int scan_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct actor who = {"attend", "casework-scan"};
	return cw_scan(&srv->e, clock_today(), &who, j->arg, err);
}

int api_casework_reviews(struct web_req *r)
{
	struct cw_scan_result *res = calloc(1, sizeof *res);
	if (!res)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	return web_write(r, scan_run, res, NULL, reviews_after_scan, NULL);
}

int api_casework_impact(struct web_req *r)
{
	struct app_error err = {0};
	struct cw_school_impact si;
	if (cw_school_impact_load(r, &si, &err) < 0)
		return web_error(r, &err);
	json_t *out = cw_impact_school_json(&si.cat, si.today, si.cs.impact_weeks, si.t, si.n);
	cw_school_impact_free(&si);
	return web_json(r, 200, out);
}

int api_casework_catalogue(struct web_req *r)
{
	struct app_error err = {0};
	struct cw_catalogues cat;
	if (cw_catalogues_load(r->rd, r->srv->e.school.id, &cat, &err) < 0)
		return web_error(r, &err);
	json_t *out = json_object();
	for (int k = 0; k < CWC__MAX; k++) {
		json_t *list = json_array();
		for (int i = 0; i < cat.n[k]; i++)
			json_array_append_new(list, json_pack("{s:s, s:s, s:b, s:b}", "code",
							      cat.item[k][i].code, "label",
							      cat.item[k][i].label, "builtin",
							      cat.item[k][i].builtin, "retired",
							      cat.item[k][i].retired));
		char key[24];
		snprintf(key, sizeof key, "%ss", cw_catalogue_name((enum cw_catalogue)k));
		json_object_set_new(out, key, list);
	}
	cw_catalogues_free(&cat);
	return web_json(r, 200, out);
}

int api_casework_pupil(struct web_req *r)
{
	struct app_error err = {0};
	const struct engine *e = &r->srv->e;
	if (upn_shape_error(r->args[0]))
		return web_fail(r, ERR_NOT_FOUND, "upn", "no pupil with UPN %.16s", r->args[0]);
	struct cw_settings cs;
	struct cw_catalogues cat;
	if (casework_settings_load(r->rd, e->school.id, NULL, NULL, &cs, &err) < 0 ||
	    cw_catalogues_load(r->rd, e->school.id, &cat, &err) < 0)
		return web_error(r, &err);
	int row;
	struct cw_case c;
	json_t *out = NULL;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_pupil_row(r, r->args[0], web_today(), &row, &err);
	if (rc == 0 && !cw_sees_pupil(&r->who, e, row))
		rc = app_fail(&err, ERR_FORBIDDEN, "upn", "casework is not for the %s account",
			      role_label(r->who.role));
	if (rc == 0)
		rc = cw_case_load(r->rd, e->school.id, e->m.rows[row].pupil_id, &r->who, &c, &err);
	if (rc == 0) {
		out = cw_case_json(e, &cat, &c, cs.impact_weeks, web_today());
		cw_case_free(&c);
	}
	pthread_rwlock_unlock(&r->srv->lock);
	cw_catalogues_free(&cat);
	if (rc < 0)
		return web_error(r, &err);
	return web_json(r, 200, out);
}
