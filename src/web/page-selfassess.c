/* The self-assessment (the toolkit's Annex B), for the attendance lead:
 *   GET  /self-assessment             every assessment, and a new one started
 *   POST /self-assessment             a new draft (held_on, title)
 *   GET  /self-assessment/ID          its questions by area: score, evidence,
 *                                     agreed actions, what attend holds
 *   POST /self-assessment/ID          answers saved (complete=yes completes it)
 *   POST /self-assessment/ID/actions  an agreed action put in the action plan
 *   GET  /self-assessment/compare     assessments side by side, by area
 *   GET|POST /self-assessment/questions[/ID]  the questions, extended
 * and the same in JSON under /api/self-assessments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/leading_charts.h"
#include "app/selfassess.h"
#include "web/html.h"
#include "web/leading.h"
#include "web/svg.h"
#include "web/web.h"

static void status_chip(struct html *h, const char *status)
{
	bool done = strcmp(status, "complete") == 0;
	html_lit(h, "<strong class=\"state ");
	html_txt(h, done ? "taken" : "open");
	html_lit(h, "\">");
	html_txt(h, done ? "complete" : "draft");
	html_lit(h, "</strong>");
}

static void score_text(struct html *h, int64_t avg100)
{
	if (avg100 < 0) {
		html_lit(h, "–");
		return;
	}
	html_txtf(h, "%lld.%02lld", (long long)(avg100 / 100), (long long)(avg100 % 100));
}

/* ---- the list ---- */

static int render_list(struct web_req *r, int status, const char *error)
{
	struct app_error err = {0};
	struct sa_compare c;
	if (sa_compare_build(r->rd, r->srv->e.school.id, &c, &err) < 0)
		return web_error(r, &err);
	struct html h = {0};
	html_begin(&h, r, "Self-assessment");
	html_lit(&h, "<h1>Self-assessment <small>the DfE attendance toolkit's Annex B</small></h1>");
	html_error_flash(&h, error);
	web_leading_flash(&h, r);
	html_lit(&h, "<p>Review how strong the school's attendance practice is, question by question, "
		     "with the toolkit's key: each question scored 1 to 4 with the evidence for the "
		     "score and the actions agreed. attend offers what it already knows beside each "
		     "question. Each assessment is kept; <a href=\"/self-assessment/compare\">compare "
		     "them side by side</a>.</p>");
	html_lit(&h, "<div class=\"scroll\"><table class=\"list\" id=\"assessments\"><thead><tr><th "
		     "scope=\"col\">Held on</th><th scope=\"col\">Assessment</th><th "
		     "scope=\"col\">Status</th><th scope=\"col\">Average score</th></tr></thead><tbody>");
	for (int i = c.n - 1; i >= 0; i--) {
		html_lit(&h, "<tr><td>");
		html_date_words(&h, c.a[i].held_on);
		html_lit(&h, "</td><th scope=\"row\"><a href=\"/self-assessment/");
		html_int(&h, c.a[i].id);
		html_lit(&h, "\">");
		html_txt(&h, c.a[i].title);
		html_lit(&h, "</a></th><td>");
		status_chip(&h, c.a[i].status);
		html_lit(&h, "</td><td>");
		score_text(&h, c.overall100[i]);
		html_lit(&h, "</td></tr>");
	}
	if (!c.n)
		html_lit(&h, "<tr><td colspan=\"4\" class=\"hint\">None yet.</td></tr>");
	html_lit(&h, "</tbody></table></div><h2>Start a self-assessment</h2><form method=\"post\" "
		     "action=\"/self-assessment\" class=\"inline\" id=\"sa-new\">");
	html_csrf(&h, r);
	char today[DATE_ISO_LEN];
	html_input(&h, "Held on", "held_on", "date", date_format(web_today(), today), 10, true);
	html_input(&h, "Title (optional)", "title", "text", "", 150, false);
	html_lit(&h, "<button class=\"primary\" type=\"submit\">Start</button></form><p><a "
		     "href=\"/self-assessment/questions\">The questions</a> (the toolkit's, and the "
		     "school's own)</p>");
	sa_compare_free(&c);
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_sa_list(struct web_req *r)
{
	return render_list(r, 200, NULL);
}

int page_sa_create(struct web_req *r)
{
	return web_leading_submit(r, LJ_SA_CREATE, 0, "/self-assessment", render_list);
}

/* ---- one assessment ---- */

struct evidence_cache {
	char key[STORE_KEY_MAX];
	struct sa_evidence ev;
	int rc;
};

static const struct sa_evidence *evidence_of(const struct leading_ctx *x, const char *key,
					     struct evidence_cache *cache, int *n)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp(cache[i].key, key))
			return cache[i].rc == 0 ? &cache[i].ev : NULL;
	if (*n >= 32)
		return NULL;
	struct evidence_cache *c = &cache[(*n)++];
	struct app_error err = {0};
	snprintf(c->key, sizeof c->key, "%s", key);
	c->rc = leading_evidence(x, key, &c->ev, &err);
	if (c->rc < 0)
		web_log("evidence %s: %s", key, err.message);
	return c->rc == 0 ? &c->ev : NULL;
}

static void evidence_block(struct html *h, const struct sa_evidence *ev)
{
	html_lit(h, "<p class=\"sa-evidence\"><strong>attend holds:</strong> <span class=\"sa-figure\">");
	html_txt(h, ev->figure);
	html_lit(h, "</span>. ");
	html_txt(h, ev->text);
	char d[DATE_ISO_LEN];
	html_lit(h, " <small>(as of ");
	html_txt(h, date_format(ev->as_of, d));
	html_lit(h, ")</small>");
	if (ev->href[0]) {
		html_lit(h, " <a href=\"");
		html_attr(h, ev->href);
		html_lit(h, "\">See it</a>");
	}
	html_lit(h, "</p>");
}

static void question_card(struct html *h, int64_t id, const struct sa_item *it, bool editable,
			  const struct sa_evidence *ev)
{
	char name[32];
	html_lit(h, "<article class=\"card sa-q\" id=\"q");
	html_int(h, it->q.id);
	html_lit(h, "\"><p class=\"sa-text\">");
	html_txt(h, it->q.text);
	if (!it->q.active)
		html_lit(h, " <small>(retired)</small>");
	html_lit(h, "</p>");
	if (editable && ev)
		evidence_block(h, ev);
	else if (it->a.offered[0]) {
		html_lit(h, "<p class=\"sa-evidence\"><strong>attend held:</strong> ");
		html_txt(h, it->a.offered);
		html_lit(h, "</p>");
	}
	if (editable) {
		html_lit(h, "<fieldset class=\"score\"><legend>Score</legend>");
		for (int s = 1; s <= SA_SCORE_MAX; s++) {
			html_lit(h, "<label class=\"check\"><input type=\"radio\" name=\"score_");
			html_int(h, it->q.id);
			html_lit(h, "\" value=\"");
			html_int(h, s);
			html_lit(h, "\"");
			if (it->a.score == s)
				html_lit(h, " checked");
			html_lit(h, "> <span><strong>");
			html_int(h, s);
			html_lit(h, "</strong> ");
			html_txt(h, sa_score_key[s]);
			html_lit(h, "</span></label>");
		}
		html_lit(h, "</fieldset>");
		snprintf(name, sizeof name, "evidence_%lld", (long long)it->q.id);
		html_textarea(h, "Evidence for the score", name, it->a.evidence, 3, STORE_LONG_TEXT_MAX - 1);
		snprintf(name, sizeof name, "actions_%lld", (long long)it->q.id);
		html_textarea(h, "Agreed actions to strengthen it", name, it->a.actions, 2,
			      STORE_LONG_TEXT_MAX - 1);
	} else {
		html_lit(h, "<dl class=\"facts\"><div><dt>Score</dt><dd class=\"sa-score\">");
		if (it->a.score > 0) {
			html_int(h, it->a.score);
			html_lit(h, ": ");
			html_txt(h, sa_score_key[it->a.score]);
		} else {
			html_lit(h, "not scored");
		}
		html_lit(h, "</dd></div><div><dt>Evidence</dt><dd>");
		html_txt(h, it->a.evidence[0] ? it->a.evidence : "–");
		html_lit(h, "</dd></div><div><dt>Agreed actions</dt><dd>");
		html_txt(h, it->a.actions[0] ? it->a.actions : "–");
		html_lit(h, "</dd></div></dl>");
	}
	if (it->a.plan_action_id) {
		html_lit(h, "<p class=\"in-plan\">In the action plan: <a href=\"/plan#action-");
		html_int(h, it->a.plan_action_id);
		html_lit(h, "\">item ");
		html_int(h, it->a.plan_action_id);
		html_lit(h, "</a></p>");
	} else if (editable || it->a.actions[0]) {
		html_lit(h, "<p><button type=\"submit\" class=\"to-plan\" formaction=\"/self-assessment/");
		html_int(h, id);
		html_lit(h, "/actions\" name=\"question\" value=\"");
		html_int(h, it->q.id);
		html_lit(h, "\">Put the agreed action in the action plan</button></p>");
	}
	html_lit(h, "</article>");
}

static int render_one(struct web_req *r, int status, const char *error)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	struct app_error err = {0};
	struct sa_form form;
	if (sa_form_load(r->rd, r->srv->e.school.id, id, &form, &err) < 0)
		return web_error(r, &err);
	bool editable = strcmp(form.a.status, "draft") == 0;
	struct html h = {0};
	html_begin(&h, r, form.a.title);
	html_lit(&h, "<h1>");
	html_txt(&h, form.a.title);
	html_lit(&h, " <small>held on ");
	html_date_words(&h, form.a.held_on);
	html_lit(&h, " · ");
	status_chip(&h, form.a.status);
	html_lit(&h, "</small></h1>");
	html_error_flash(&h, error);
	web_leading_flash(&h, r);
	html_lit(&h, "<p class=\"hint\">The toolkit's key: ");
	for (int s = 1; s <= SA_SCORE_MAX; s++) {
		html_int(&h, s);
		html_lit(&h, " ");
		html_txt(&h, sa_score_key[s]);
		html_txt(&h, s < SA_SCORE_MAX ? "; " : ".");
	}
	html_txt(&h, editable ? " Save as often as you like; complete it when every question is "
				"scored, and it is kept as it was."
			      : " This assessment is complete and kept as it was; what attend held "
				"then is shown beside each question.");
	html_lit(&h, "</p><form method=\"post\" id=\"sa-form\" class=\"stack\" action=\"/self-assessment/");
	html_int(&h, id);
	html_lit(&h, "\">");
	html_csrf(&h, r);
	struct engine view;
	struct leading_ctx x;
	char public_url[256];
	struct evidence_cache *cache = calloc(32, sizeof *cache);
	int n_cache = 0;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_leading_ctx(r, &view, &x, public_url, sizeof public_url);
	const char *area = NULL, *section = NULL;
	for (int i = 0; i < form.n; i++) {
		const struct sa_item *it = &form.items[i];
		if (!area || strcmp(area, it->q.area)) {
			area = it->q.area;
			section = NULL;
			html_lit(&h, "<h2>");
			html_txt(&h, area);
			html_lit(&h, "</h2>");
		}
		if (it->q.section[0] && (!section || strcmp(section, it->q.section))) {
			section = it->q.section;
			html_lit(&h, "<h3>");
			html_txt(&h, section);
			html_lit(&h, "</h3>");
		}
		const struct sa_evidence *ev =
			editable && it->q.evidence[0] && cache ? evidence_of(&x, it->q.evidence, cache, &n_cache)
							       : NULL;
		question_card(&h, id, it, editable, ev);
	}
	pthread_rwlock_unlock(&r->srv->lock);
	free(cache);
	if (editable)
		html_lit(&h, "<div class=\"save-bar\"><button class=\"primary\" type=\"submit\">Save"
			     "</button> <button type=\"submit\" name=\"complete\" value=\"yes\">Save and "
			     "complete</button></div>");
	html_lit(&h, "</form><p><a href=\"/self-assessment\">Every assessment</a> · <a "
		     "href=\"/self-assessment/compare\">Compare them</a> · <a href=\"/plan\">The action "
		     "plan</a></p>");
	sa_form_free(&form);
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_sa_get(struct web_req *r)
{
	return render_one(r, 200, NULL);
}

int page_sa_post(struct web_req *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	char next[64];
	snprintf(next, sizeof next, "/self-assessment/%lld", (long long)id);
	return web_leading_submit(r, LJ_SA_SAVE, id, next, render_one);
}

int page_sa_action(struct web_req *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	char next[80];
	snprintf(next, sizeof next, "/self-assessment/%lld", (long long)id);
	return web_leading_submit(r, LJ_SA_ACTION, id, next, render_one);
}

/* ---- comparing ---- */

int page_sa_compare(struct web_req *r)
{
	struct app_error err = {0};
	struct sa_compare c;
	if (sa_compare_build(r->rd, r->srv->e.school.id, &c, &err) < 0)
		return web_error(r, &err);
	struct html h = {0};
	html_begin(&h, r, "Self-assessments compared");
	html_lit(&h, "<h1>Self-assessments compared <small>average score by area, 1 to 4</small></h1>");
	if (!c.n) {
		html_lit(&h, "<p class=\"hint\">No self-assessment yet: <a href=\"/self-assessment\">start "
			     "one</a>.</p>");
	} else {
		html_lit(&h, "<div class=\"scroll\"><table class=\"list\" id=\"sa-compare\"><thead><tr><th "
			     "scope=\"col\">Area</th>");
		for (int i = 0; i < c.n; i++) {
			char d[DATE_ISO_LEN];
			html_lit(&h, "<th scope=\"col\"><a href=\"/self-assessment/");
			html_int(&h, c.a[i].id);
			html_lit(&h, "\">");
			html_txt(&h, date_format(c.a[i].held_on, d));
			html_lit(&h, "</a><br><small>");
			html_txt(&h, c.a[i].title);
			html_lit(&h, "</small></th>");
		}
		html_lit(&h, "</tr></thead><tbody>");
		for (int k = 0; k < c.n_areas; k++) {
			html_lit(&h, "<tr><th scope=\"row\">");
			html_txt(&h, c.area[k]);
			html_lit(&h, "</th>");
			for (int i = 0; i < c.n; i++) {
				html_lit(&h, "<td data-k=\"avg\">");
				score_text(&h, c.avg100[i * c.n_areas + k]);
				html_lit(&h, " <small>(");
				html_int(&h, c.scored[i * c.n_areas + k]);
				html_lit(&h, " scored)</small></td>");
			}
			html_lit(&h, "</tr>");
		}
		html_lit(&h, "<tr><th scope=\"row\">All areas</th>");
		for (int i = 0; i < c.n; i++) {
			html_lit(&h, "<td><strong>");
			score_text(&h, c.overall100[i]);
			html_lit(&h, "</strong></td>");
		}
		html_lit(&h, "</tr></tbody></table></div>");
		struct chart ch;
		if (leading_sa_chart(&ch, "sa-areas", &c) == 0) {
			svg_chart(&h, &ch);
			chart_free(&ch);
		}
	}
	sa_compare_free(&c);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

/* ---- the questions ---- */

static int add_q(void *ctx, const struct sa_question_rec *q)
{
	struct html *h = ctx;
	html_lit(h, "<li");
	if (!q->active)
		html_lit(h, " class=\"retired\"");
	html_lit(h, "><span>");
	html_txt(h, q->area);
	if (q->section[0]) {
		html_lit(h, " · ");
		html_txt(h, q->section);
	}
	html_lit(h, ":</span> ");
	html_txt(h, q->text);
	if (q->evidence[0]) {
		html_lit(h, " <small>(attend offers: ");
		html_txt(h, q->evidence);
		html_lit(h, ")</small>");
	}
	if (q->builtin_key[0])
		html_lit(h, " <small>(the toolkit's)</small>");
	else
		html_lit(h, " <small>(the school's)</small>");
	html_lit(h, "<form method=\"post\" class=\"inline\" action=\"/self-assessment/questions/");
	html_int(h, q->id);
	html_lit(h, "\"><input type=\"hidden\" name=\"active\" value=\"");
	html_txt(h, q->active ? "no" : "yes");
	html_lit(h, "\">");
	return 0;
}

struct q_page {
	struct html *h;
	struct web_req *r;
};

static int add_q_row(void *ctx, const struct sa_question_rec *q)
{
	struct q_page *p = ctx;
	add_q(p->h, q);
	html_csrf(p->h, p->r);
	if (q->active)
		html_lit(p->h, "<button type=\"submit\">Retire</button></form></li>");
	else
		html_lit(p->h, "<button type=\"submit\">Use again</button></form></li>");
	return 0;
}

static int render_questions(struct web_req *r, int status, const char *error)
{
	struct html h = {0};
	html_begin(&h, r, "Self-assessment questions");
	html_lit(&h, "<h1>Self-assessment questions</h1>");
	html_error_flash(&h, error);
	web_leading_flash(&h, r);
	html_lit(&h, "<p>The toolkit's questions, in its words, and the school's own. A retired "
		     "question leaves new assessments and stays in the ones that answered it.</p>"
		     "<ol class=\"questions\" id=\"questions\">");
	struct q_page p = {&h, r};
	if (store_sa_questions_each(r->rd, r->srv->e.school.id, true, add_q_row, &p) < 0) {
		free(h.buf);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	html_lit(&h, "</ol><h2>Add a question</h2><form method=\"post\" class=\"stack card\" "
		     "action=\"/self-assessment/questions\">");
	html_csrf(&h, r);
	html_input(&h, "Area (an existing one, or a new one)", "area", "text", "", 90, true);
	html_input(&h, "Section (optional)", "section", "text", "", 90, false);
	html_input(&h, "Question", "text", "text", "", 590, true);
	html_lit(&h, "<label>What attend offers beside it <select name=\"evidence\"><option "
		     "value=\"\">nothing</option>");
	for (int i = 0; i < leading_n_evidence_kinds; i++) {
		html_lit(&h, "<option value=\"");
		html_attr(&h, leading_evidence_kinds[i].key);
		html_lit(&h, "\">");
		html_txt(&h, leading_evidence_kinds[i].label);
		html_lit(&h, "</option>");
	}
	html_lit(&h, "</select></label><button class=\"primary\" type=\"submit\">Add</button></form>");
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_sa_questions(struct web_req *r)
{
	return render_questions(r, 200, NULL);
}

int page_sa_question_add(struct web_req *r)
{
	return web_leading_submit(r, LJ_SA_QUESTION, 0, "/self-assessment/questions", render_questions);
}

int page_sa_question_post(struct web_req *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	return web_leading_submit(r, LJ_SA_QUESTION_ACTIVE, id, "/self-assessment/questions",
				  render_questions);
}

/* ---- JSON ---- */

static json_t *score_json(int64_t v)
{
	return v < 0 ? json_null() : json_real((double)v / 100);
}

static int q_json(void *ctx, const struct sa_question_rec *q)
{
	return json_array_append_new(ctx, json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:b}", "id",
						    (json_int_t)q->id, "area", q->area, "section",
						    q->section, "text", q->text, "evidence",
						    q->evidence, "active", q->active, "builtin",
						    q->builtin_key[0] != 0));
}

int api_sa_list(struct web_req *r)
{
	struct app_error err = {0};
	struct sa_compare c;
	if (sa_compare_build(r->rd, r->srv->e.school.id, &c, &err) < 0)
		return web_error(r, &err);
	json_t *key = json_array(), *list = json_array(), *qs = json_array();
	for (int s = 1; s <= SA_SCORE_MAX; s++)
		json_array_append_new(key, json_string(sa_score_key[s]));
	for (int i = 0; i < c.n; i++) {
		char d[DATE_ISO_LEN];
		json_t *areas = json_object();
		for (int k = 0; k < c.n_areas; k++)
			json_object_set_new(areas, c.area[k], score_json(c.avg100[i * c.n_areas + k]));
		json_array_append_new(list, json_pack("{s:I,s:s,s:s,s:s,s:o,s:o}", "id",
						      (json_int_t)c.a[i].id, "held_on",
						      date_format(c.a[i].held_on, d), "title", c.a[i].title,
						      "status", c.a[i].status, "average",
						      score_json(c.overall100[i]), "areas", areas));
	}
	sa_compare_free(&c);
	if (store_sa_questions_each(r->rd, r->srv->e.school.id, true, q_json, qs) < 0) {
		json_decref(key);
		json_decref(list);
		json_decref(qs);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	return web_json(r, 200, json_pack("{s:o,s:o,s:o}", "score_key", key, "assessments", list,
					  "questions", qs));
}

int api_sa_create(struct web_req *r)
{
	return web_leading_submit(r, LJ_SA_CREATE, 0, "", NULL);
}

int api_sa_get(struct web_req *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	struct app_error err = {0};
	struct sa_form form;
	if (sa_form_load(r->rd, r->srv->e.school.id, id, &form, &err) < 0)
		return web_error(r, &err);
	bool draft = strcmp(form.a.status, "draft") == 0;
	json_t *qs = json_array();
	struct engine view;
	struct leading_ctx x;
	char public_url[256], d[DATE_ISO_LEN];
	struct evidence_cache *cache = calloc(32, sizeof *cache);
	int n_cache = 0;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_leading_ctx(r, &view, &x, public_url, sizeof public_url);
	for (int i = 0; i < form.n; i++) {
		const struct sa_item *it = &form.items[i];
		json_t *q = json_pack("{s:I,s:s,s:s,s:s,s:o,s:s,s:s}", "question_id", (json_int_t)it->q.id,
				      "area", it->q.area, "section", it->q.section, "text", it->q.text,
				      "score", it->a.score ? json_integer(it->a.score) : json_null(),
				      "evidence", it->a.evidence, "actions", it->a.actions);
		json_object_set_new(q, "plan_action_id",
				    it->a.plan_action_id ? json_integer(it->a.plan_action_id) : json_null());
		const struct sa_evidence *ev = draft && it->q.evidence[0] && cache
						       ? evidence_of(&x, it->q.evidence, cache, &n_cache)
						       : NULL;
		if (ev)
			json_object_set_new(q, "offered",
					    json_pack("{s:s,s:s,s:s,s:s}", "figure", ev->figure, "text",
						      ev->text, "as_of", date_format(ev->as_of, d), "href",
						      ev->href));
		else if (it->a.offered[0])
			json_object_set_new(q, "offered", json_pack("{s:s}", "text", it->a.offered));
		json_array_append_new(qs, q);
	}
	pthread_rwlock_unlock(&r->srv->lock);
	free(cache);
	json_t *out = json_pack("{s:I,s:s,s:s,s:s,s:o}", "id", (json_int_t)id, "held_on",
				date_format(form.a.held_on, d), "title", form.a.title, "status",
				form.a.status, "questions", qs);
	sa_form_free(&form);
	return web_json(r, 200, out);
}

int api_sa_put(struct web_req *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	return web_leading_submit(r, LJ_SA_SAVE, id, "", NULL);
}

int api_sa_action(struct web_req *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	return web_leading_submit(r, LJ_SA_ACTION, id, "", NULL);
}
