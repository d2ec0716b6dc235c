/* The attendance lead's casework pages, and the safeguarding notes:
 *   GET /casework                the review list (brought up to date first: the
 *                                scan runs through the writer), what is due
 *   GET /casework/impact         each intervention type against comparison pupils
 *   GET /casework/pack[.pdf|.csv] the LA targeting support meeting pack
 *   GET /casework/catalogue      the barriers and interventions the school uses
 *   GET /pupils/UPN/safeguarding the safeguarding notes (the DSL and the lead;
 *                                every read logged before anything is shown)
 *   GET /safeguarding/log        who read which safeguarding note, when, how
 *   GET /pupils/UPN/legal/ID/documents/DOC   a document, as a download
 * and the writer's tick that runs the scan every few minutes. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/casework_json.h"
#include "app/casework_legal.h"
#include "app/casework_pack.h"
#include "app/clock.h"
#include "app/parse.h"
#include "core/wording.h"
#include "web/casework_web.h"

#define SCAN_FIRST_AFTER_SECONDS 120
#define LOG_ROWS 500

/* ---- the scan, through the writer ---- */

struct scan_job {
	struct account who;
	struct cw_scan_result res;
	int (*render)(struct web_req *r, const struct cw_scan_result *res);
};

static int scan_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct scan_job *sj = j->arg;
	struct actor who = {sj->who.username, "casework-scan"};
	return cw_scan(&srv->e, clock_today(), &who, &sj->res, err);
}

static int scan_done(struct web_req *r, struct write_job *j)
{
	struct scan_job *sj = j->arg;
	if (j->rc < 0)
		return web_error(r, &j->err);
	return sj->render(r, &sj->res);
}

/* Brings the review list up to date, then renders. */
static int scan_then(struct web_req *r, int (*render)(struct web_req *r, const struct cw_scan_result *res))
{
	struct scan_job *sj = calloc(1, sizeof *sj);
	if (!sj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	sj->who = r->who;
	sj->render = render;
	return web_write(r, scan_run, sj, NULL, scan_done, NULL);
}

void web_casework_tick(struct server *srv)
{
	/* the writer thread's alone */
	static time_t started, last, checked;
	static date_t last_day = DATE_INVALID;
	static int minutes = CW_SCAN_MINUTES;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!started)
		started = now.tv_sec;
	struct engine *e = &srv->e;
	struct app_error err = {0};
	if (!checked || now.tv_sec - checked >= 60) {
		/* the interval is a setting: read again each minute */
		struct cw_settings cs;
		checked = now.tv_sec;
		if (casework_settings_load(e->store, e->school.id, NULL, NULL, &cs, &err) == 0)
			minutes = cs.scan_minutes;
	}
	date_t today = clock_today();
	bool due = minutes > 0 && (last ? now.tv_sec - last >= 60L * minutes || today != last_day
					: now.tv_sec - started >= SCAN_FIRST_AFTER_SECONDS);
	if (!due)
		return;
	last = now.tv_sec;
	last_day = today;
	struct actor who = {"attend", "casework-scan"};
	struct cw_scan_result res;
	if (engine_begin(e, &err) < 0 || engine_end(e, cw_scan(e, today, &who, &res, &err), &err) < 0)
		web_log("error in the casework scan: %s", err.message);
	else if (res.raised || res.c2 || res.tasks)
		web_log("casework scan: %d new on the review list, %d C2 marks, %d tasks", res.raised,
			res.c2, res.tasks);
}

/* ---- the review list ---- */

/* Most pressing first: severe absence, the penalty threshold, persistent
 * absence, part-time reviews, a decline, at risk, a pattern; then newest. */
static int rank(const char *kind)
{
	static const int order[CWT__MAX] = {[CWT_SEVERE] = 0, [CWT_UNAUTHORISED] = 1,
					    [CWT_PERSISTENT] = 2, [CWT_PART_TIME] = 3,
					    [CWT_DECLINE] = 4, [CWT_AT_RISK] = 5, [CWT_PATTERN] = 6};
	int t = cw_trigger_parse(kind);
	return t < 0 ? CWT__MAX : order[t];
}

static int cmp_review(const void *a, const void *b)
{
	const struct cw_review_rec *x = a, *y = b;
	int rx = rank(x->kind), ry = rank(y->kind);
	if (rx != ry)
		return rx - ry;
	if (x->raised_on != y->raised_on)
		return x->raised_on > y->raised_on ? -1 : 1;
	return x->id > y->id ? -1 : 1;
}

static int render_list(struct web_req *r, int status, const char *error,
		       const struct cw_scan_result *scan)
{
	struct app_error err = {0};
	const char *kind = web_query(r, "kind");
	if (kind && *kind && cw_trigger_parse(kind) < 0)
		return web_fail(r, ERR_INPUT, "kind",
				"kind is at_risk, persistent, severe, decline, pattern, unauthorised or "
				"part_time");
	struct cw_reviews l = {0};
	if (store_cw_reviews_each(r->rd, r->srv->e.school.id, 0, true, NULL, cw_reviews_add, &l) < 0) {
		free(l.v);
		app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
		return web_error(r, &err);
	}
	if (l.n)
		qsort(l.v, (size_t)l.n, sizeof *l.v, cmp_review);
	int by_kind[CWT__MAX] = {0};
	for (int i = 0; i < l.n; i++) {
		int t = cw_trigger_parse(l.v[i].kind);
		if (t >= 0)
			by_kind[t]++;
	}
	struct html h = {0};
	html_begin(&h, r, "Casework: the review list");
	html_lit(&h, "<h1>The review list</h1><p class=\"hint\">Each trigger puts a pupil here with "
		     "the stage it suggests; nothing moves a pupil by itself. Accept (choosing the "
		     "stage) or dismiss, with your reason: every decision is kept.</p><p><a "
		     "href=\"/casework/impact\">Impact of interventions</a> · <a href=\"/casework/pack\">"
		     "LA targeting support meeting pack</a> · <a href=\"/casework/catalogue\">Barriers "
		     "and interventions</a> · <a href=\"/safeguarding/log\">Safeguarding read log</a>"
		     "</p>");
	html_error_flash(&h, error);
	html_done_flash(&h, r);
	html_lit(&h, "<p class=\"summary\" id=\"review-summary\">");
	html_txtf(&h, "%d waiting for a decision", l.n);
	if (scan && scan->raised)
		html_txtf(&h, " (%d new just now)", scan->raised);
	html_lit(&h, ".</p><nav class=\"filters\" aria-label=\"By trigger\"><a href=\"/casework\">"
		     "All</a>");
	for (int t = 0; t < CWT__MAX; t++) {
		if (!by_kind[t])
			continue;
		html_lit(&h, " <a href=\"/casework?kind=");
		html_attr(&h, cw_trigger_name((enum cw_trigger)t));
		html_lit(&h, "\">");
		html_txt(&h, cw_trigger_label((enum cw_trigger)t));
		html_txtf(&h, " (%d)", by_kind[t]);
		html_lit(&h, "</a>");
	}
	html_lit(&h, "</nav><div class=\"fd-list\" id=\"reviews\">");
	pthread_rwlock_rdlock(&r->srv->lock);
	int shown = 0;
	for (int i = 0; i < l.n; i++) {
		if (kind && *kind && strcmp(kind, l.v[i].kind) != 0)
			continue;
		cw_html_review(&h, r, &r->srv->e, &l.v[i], true, true);
		shown++;
	}
	pthread_rwlock_unlock(&r->srv->lock);
	if (!shown)
		html_lit(&h, "<p class=\"hint\">Nothing to review.</p>");
	html_lit(&h, "</div>");
	free(l.v);
	html_end(&h, r);
	return html_send(&h, r, status);
}

static int list_after_scan(struct web_req *r, const struct cw_scan_result *res)
{
	return render_list(r, 200, NULL, res);
}

static int render_catalogue(struct web_req *r, int status, const char *error);

int web_casework_list_page(struct web_req *r, int status, const char *error)
{
	if (r->route && strcmp(r->route->pattern, "/casework/catalogue") == 0)
		return render_catalogue(r, status, error);
	return render_list(r, status, error, NULL);
}

int page_casework_list(struct web_req *r)
{
	static const char *const allowed[] = {"kind", NULL};
	if (cw_query_check(r, allowed) < 0)
		return 0;
	const char *kind = web_query(r, "kind");
	if (kind && *kind && cw_trigger_parse(kind) < 0)
		return web_fail(r, ERR_INPUT, "kind",
				"kind is at_risk, persistent, severe, decline, pattern, unauthorised or "
				"part_time");
	return scan_then(r, list_after_scan);
}

/* ---- impact ---- */

static void pp_cell(struct html *h, const char *key, int64_t pp100)
{
	char b[16];
	html_lit(h, "<td data-k=\"");
	html_attr(h, key);
	html_lit(h, "\">");
	report_pp_text(b, sizeof b, pp100);
	html_txt(h, b);
	html_lit(h, "</td>");
}

int cw_school_impact_load(struct web_req *r, struct cw_school_impact *si, struct app_error *err)
{
	memset(si, 0, sizeof *si);
	si->today = web_today();
	if (casework_settings_load(r->rd, r->srv->e.school.id, NULL, NULL, &si->cs, err) < 0 ||
	    cw_catalogues_load(r->rd, r->srv->e.school.id, &si->cat, err) < 0)
		return -1;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = cw_impact_school(&r->srv->e, r->rd, si->today, si->cs.impact_weeks, &si->t, &si->n,
				  err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		cw_catalogues_free(&si->cat);
	return rc;
}

void cw_school_impact_free(struct cw_school_impact *si)
{
	free(si->t);
	cw_catalogues_free(&si->cat);
	memset(si, 0, sizeof *si);
}

int page_casework_impact(struct web_req *r)
{
	if (cw_query_check(r, NULL) < 0)
		return 0;
	struct app_error err = {0};
	struct cw_school_impact si;
	if (cw_school_impact_load(r, &si, &err) < 0)
		return web_error(r, &err);
	const struct cw_settings cs = si.cs;
	const struct cw_catalogues cat = si.cat;
	const struct cw_type_impact *t = si.t;
	int n = si.n;
	struct html h = {0};
	html_begin(&h, r, "Impact of interventions");
	html_lit(&h, "<h1>Impact of interventions</h1><p class=\"hint\">");
	html_txtf(&h,
		  "For each intervention (and support plans), every pupil who had it, with the %d "
		  "school weeks before the week it started and the %d from its start complete, and at "
		  "least 20 possible sessions in each: the change in their attendance, against pupils "
		  "in the same absence band over the same weeks before who had not had it. Each "
		  "figure is a mean of pupils' changes in percentage points. With fewer than %d pupils "
		  "on either side the figures can't tell you whether it works.",
		  cs.impact_weeks, cs.impact_weeks, CW_IMPACT_MIN_PUPILS);
	html_lit(&h, "</p><div class=\"scroll\"><table class=\"list wrap\" id=\"impact\"><thead><tr>"
		     "<th scope=\"col\">Intervention</th><th scope=\"col\">Pupils</th><th "
		     "scope=\"col\">With complete weeks</th><th scope=\"col\">Their change</th><th "
		     "scope=\"col\">Matched</th><th scope=\"col\">Comparison pupils</th><th "
		     "scope=\"col\">Comparison change</th><th scope=\"col\">Difference</th><th "
		     "scope=\"col\">Enough to conclude?</th></tr></thead><tbody>");
	int warned = 0;
	for (int i = 0; i < n; i++) {
		html_lit(&h, "<tr data-type=\"");
		html_attr(&h, t[i].type);
		html_lit(&h, "\"><th scope=\"row\">");
		html_txt(&h, cw_type_label(&cat, t[i].type));
		html_lit(&h, "</th><td data-k=\"pupils\">");
		html_int(&h, t[i].pupils);
		html_lit(&h, "</td><td data-k=\"counted\">");
		html_int(&h, t[i].counted);
		html_lit(&h, "</td>");
		pp_cell(&h, "change_pp", t[i].change_pp100);
		html_lit(&h, "<td data-k=\"matched\">");
		html_int(&h, t[i].matched);
		html_lit(&h, "</td><td data-k=\"comparison_pupils\">");
		html_int(&h, t[i].comparison_pupils);
		html_lit(&h, "</td>");
		pp_cell(&h, "comparison_pp", t[i].comparison_pp100);
		pp_cell(&h, "difference_pp", t[i].difference_pp100);
		if (t[i].too_few)
			html_lit(&h, "<td class=\"too-few\">No: too few pupils</td></tr>");
		else
			html_lit(&h, "<td>Yes</td></tr>");
		warned += t[i].too_few;
	}
	html_lit(&h, "</tbody></table></div>");
	if (warned) {
		html_lit(&h, "<ul class=\"warnings\" id=\"impact-warnings\">");
		for (int i = 0; i < n; i++) {
			char warn[400];
			if (!t[i].too_few)
				continue;
			html_lit(&h, "<li><strong>");
			html_txt(&h, cw_type_label(&cat, t[i].type));
			html_lit(&h, ":</strong> ");
			html_txt(&h, cw_impact_warning(&t[i], warn, sizeof warn));
			html_lit(&h, "</li>");
		}
		html_lit(&h, "</ul>");
	}
	if (!n)
		html_lit(&h, "<p class=\"hint\">No intervention or plan has been recorded yet.</p>");
	cw_school_impact_free(&si);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

/* ---- the LA pack ---- */

/* The pack as of today, after checking the query; -1 when it has answered
 * (an error). */
static int build_pack(struct web_req *r, struct cw_pack *p)
{
	struct app_error err = {0};
	if (cw_query_check(r, NULL) < 0)
		return -1;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = cw_pack_build(&r->srv->e, r->rd, web_today(), p, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		web_error(r, &err);
	return rc;
}

int page_casework_pack(struct web_req *r)
{
	struct cw_pack p;
	if (build_pack(r, &p) < 0)
		return 0;
	struct html h = {0};
	char a[48], b[48], trend[200];
	html_begin(&h, r, "LA targeting support meeting pack");
	html_lit(&h, "<h1>Targeting support meeting pack</h1><p>");
	html_txtf(&h, "%d pupils persistently absent this school year (%s to %s), %d of them severely.",
		  p.persistent, wording_date(p.from, a, sizeof a), wording_date(p.to, b, sizeof b),
		  p.severe);
	html_lit(&h, "</p><p><a class=\"button primary\" href=\"/casework/pack.pdf\">PDF</a> <a "
		     "class=\"button\" href=\"/casework/pack.csv\">CSV</a></p><div class=\"scroll\">"
		     "<table class=\"list wrap\" id=\"pack\"><thead><tr><th scope=\"col\">Pupil</th><th "
		     "scope=\"col\">Attendance</th><th scope=\"col\">Stage</th><th scope=\"col\">"
		     "Barriers</th><th scope=\"col\">Actions</th><th scope=\"col\">Trend</th></tr>"
		     "</thead><tbody>");
	pthread_rwlock_rdlock(&r->srv->lock);
	for (int i = 0; i < p.n; i++) {
		const struct cw_pack_row *x = &p.rows[i];
		const struct pupil_row *pr = &r->srv->e.m.rows[x->row];
		char pct[16];
		html_lit(&h, "<tr data-upn=\"");
		html_attr(&h, pr->upn);
		html_lit(&h, "\"><th scope=\"row\"><a href=\"/pupils/");
		html_url_seg(&h, pr->upn);
		html_lit(&h, "/casework\">");
		html_txt(&h, pr->surname);
		html_lit(&h, ", ");
		html_txt(&h, pr->forename);
		html_lit(&h, "</a> <small>");
		html_txt(&h, r->srv->e.m.forms[pr->form]);
		html_lit(&h, "</small></th><td>");
		html_txt(&h, wording_pct(stats_pct100(stats_attendance(&x->f), x->f.possible), pct,
					 sizeof pct));
		if (stats_severe(&x->f))
			html_lit(&h, " <strong class=\"state overdue\">severe</strong>");
		html_lit(&h, "</td><td>");
		cw_html_stage(&h, x->stage);
		html_lit(&h, "</td><td>");
		html_txt(&h, x->barriers[0] ? x->barriers : "–");
		html_lit(&h, "</td><td>");
		html_txt(&h, x->actions[0] ? x->actions : "–");
		html_lit(&h, "</td><td>");
		html_txt(&h, cw_pack_trend(&x->half, "half-term", trend, sizeof trend));
		html_lit(&h, "</td></tr>");
	}
	pthread_rwlock_unlock(&r->srv->lock);
	html_lit(&h, "</tbody></table></div>");
	cw_pack_free(&p);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int page_casework_pack_pdf(struct web_req *r)
{
	struct cw_pack p;
	if (build_pack(r, &p) < 0)
		return 0;
	unsigned char *pdf = NULL;
	size_t len = 0;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = cw_pack_pdf(&r->srv->e, &p, &pdf, &len);
	pthread_rwlock_unlock(&r->srv->lock);
	cw_pack_free(&p);
	if (rc < 0)
		return web_fail(r, ERR_INTERNAL, NULL, "the pack's PDF could not be drawn");
	web_add_header(r, "Content-Disposition", "attachment; filename=\"targeting-support-pack.pdf\"");
	return web_bytes(r, 200, "application/pdf", pdf, len);
}

int page_casework_pack_csv(struct web_req *r)
{
	struct cw_pack p;
	if (build_pack(r, &p) < 0)
		return 0;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (!out) {
		cw_pack_free(&p);
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	}
	pthread_rwlock_rdlock(&r->srv->lock);
	cw_pack_csv(out, &r->srv->e, &p);
	pthread_rwlock_unlock(&r->srv->lock);
	fclose(out);
	cw_pack_free(&p);
	web_add_header(r, "Content-Disposition", "attachment; filename=\"targeting-support-pack.csv\"");
	return web_bytes(r, 200, "text/csv; charset=utf-8", buf, len);
}

/* ---- the catalogues ---- */

int page_casework_catalogue(struct web_req *r)
{
	if (cw_query_check(r, NULL) < 0)
		return 0;
	return render_catalogue(r, 200, NULL);
}

static int render_catalogue(struct web_req *r, int status, const char *error)
{
	struct app_error err = {0};
	struct cw_catalogues cat;
	if (cw_catalogues_load(r->rd, r->srv->e.school.id, &cat, &err) < 0)
		return web_error(r, &err);
	struct html h = {0};
	html_begin(&h, r, "Barriers and interventions");
	html_lit(&h, "<h1>Barriers and interventions</h1><p class=\"hint\">The lists plans and "
		     "interventions choose from: attend's own, and what the school adds. An entry in "
		     "use is retired, never deleted, so past plans keep their words.</p>");
	html_error_flash(&h, error);
	html_done_flash(&h, r);
	static const char *const heads[CWC__MAX] = {"Barriers", "Interventions"};
	for (int k = 0; k < CWC__MAX; k++) {
		const char *kind = cw_catalogue_name((enum cw_catalogue)k);
		html_lit(&h, "<h2>");
		html_txt(&h, heads[k]);
		html_lit(&h, "</h2><ul class=\"catalogue\" id=\"catalogue-");
		html_attr(&h, kind);
		html_lit(&h, "\">");
		for (int i = 0; i < cat.n[k]; i++) {
			const struct cw_item *it = &cat.item[k][i];
			html_lit(&h, "<li>");
			cw_form_open(&h, r, "/casework/catalogue", "step", NULL);
			html_lit(&h, "<input type=\"hidden\" name=\"kind\" value=\"");
			html_attr(&h, kind);
			html_lit(&h, "\"><input type=\"hidden\" name=\"code\" value=\"");
			html_attr(&h, it->code);
			html_lit(&h, "\"><input type=\"hidden\" name=\"label\" value=\"");
			html_attr(&h, it->label);
			html_lit(&h, "\"><span");
			if (it->retired)
				html_lit(&h, " class=\"retired\"");
			html_lit(&h, ">");
			html_txt(&h, it->label);
			if (it->retired)
				html_lit(&h, " (retired)");
			if (!it->builtin)
				html_lit(&h, " <small>added by the school</small>");
			html_lit(&h, "</span>");
			if (strcmp(it->code, CW_PART_TIME_TYPE) != 0) {
				if (it->retired)
					html_lit(&h, "<button name=\"retired\" value=\"N\">Bring back</button>");
				else
					html_lit(&h, "<button name=\"retired\" value=\"Y\">Retire</button>");
			}
			html_lit(&h, "</form></li>");
		}
		html_lit(&h, "</ul>");
		cw_form_open(&h, r, "/casework/catalogue", "step", NULL);
		html_lit(&h, "<input type=\"hidden\" name=\"kind\" value=\"");
		html_attr(&h, kind);
		html_lit(&h, "\">");
		cw_field(&h, "New entry", "label", "text", true, NULL);
		html_lit(&h, "<button>Add</button></form>");
	}
	cw_catalogues_free(&cat);
	html_end(&h, r);
	return html_send(&h, r, status);
}

/* ---- safeguarding notes: read through the writer, which logs each ---- */

struct sg_job {
	struct account who;
	char upn[UPN_LEN + 1];
	char via[256], ip[64];
	struct cw_note_rec *notes;
	int n;
	bool api;
};

static void sg_free(void *arg)
{
	struct sg_job *j = arg;
	free(j->notes);
	free(j);
}

static int sg_run(struct server *srv, struct write_job *wj, struct app_error *err)
{
	struct sg_job *j = wj->arg;
	return cw_safeguarding_read(&srv->e, &j->who, j->upn, j->via, j->ip, &j->notes, &j->n, err);
}

static int sg_done(struct web_req *r, struct write_job *wj)
{
	struct sg_job *j = wj->arg;
	if (wj->rc < 0)
		return web_error(r, &wj->err);
	if (j->api) {
		json_t *notes = json_array();
		for (int i = 0; i < j->n; i++)
			json_array_append_new(notes, json_pack("{s:I, s:s, s:s, s:s}", "id",
							       (json_int_t)j->notes[i].id, "body",
							       j->notes[i].body, "by", j->notes[i].written_by,
							       "at", j->notes[i].written_at));
		return web_json(r, 200, json_pack("{s:s, s:o, s:s}", "upn", j->upn, "notes", notes,
						  "logged", "each read is in the safeguarding log"));
	}
	char when[CLOCK_ISO_LEN], action[64];
	struct html h = {0};
	html_begin(&h, r, "Safeguarding notes");
	html_lit(&h, "<h1>Safeguarding notes <small>");
	html_txt(&h, j->upn);
	html_lit(&h, "</small></h1><p class=\"flash\">Your reading of these notes is logged: who, "
		     "when, which note and from where. <a href=\"/safeguarding/log?upn=");
	html_url_seg(&h, j->upn);
	html_lit(&h, "\">The log</a> · <a href=\"/pupils/");
	html_url_seg(&h, j->upn);
	html_lit(&h, "/casework\">Casework</a></p>");
	html_done_flash(&h, r);
	html_lit(&h, "<ol class=\"log\" id=\"safeguarding-notes\">");
	for (int i = 0; i < j->n; i++) {
		html_lit(&h, "<li class=\"card\" data-note=\"");
		html_int(&h, (long)j->notes[i].id);
		html_lit(&h, "\"><p>");
		html_txt(&h, j->notes[i].body);
		html_lit(&h, "</p><p class=\"fd-meta\">");
		html_txt(&h, j->notes[i].written_by);
		html_lit(&h, " · ");
		html_txt(&h, clock_local_display(j->notes[i].written_at, when));
		html_lit(&h, "</p></li>");
	}
	html_lit(&h, "</ol>");
	if (!j->n)
		html_lit(&h, "<p class=\"hint\">No safeguarding note.</p>");
	snprintf(action, sizeof action, "/pupils/%s/notes", j->upn);
	cw_form_open(&h, r, action, "stack", "safeguarding-form");
	html_lit(&h, "<input type=\"hidden\" name=\"safeguarding\" value=\"Y\">");
	cw_area(&h, "Add a safeguarding note", "body", true);
	html_lit(&h, "<button>Add</button></form>");
	html_end(&h, r);
	return html_send(&h, r, 200);
}

static int safeguarding(struct web_req *r, bool api)
{
	if (cw_query_check(r, NULL) < 0)
		return 0;
	if (upn_shape_error(r->args[0]))
		return web_fail(r, ERR_NOT_FOUND, "upn", "no pupil with UPN %.16s", r->args[0]);
	struct sg_job *j = calloc(1, sizeof *j);
	if (!j)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	j->who = r->who;
	j->api = api;
	snprintf(j->upn, sizeof j->upn, "%s", r->args[0]);
	snprintf(j->via, sizeof j->via, "%s %s", api ? "api" : "page", r->path);
	snprintf(j->ip, sizeof j->ip, "%s", r->ip);
	return web_write(r, sg_run, j, sg_free, sg_done, NULL);
}

int page_casework_safeguarding(struct web_req *r)
{
	return safeguarding(r, false);
}

int api_casework_safeguarding(struct web_req *r)
{
	return safeguarding(r, true);
}

/* ---- the log of safeguarding reads ---- */

static int load_reads(struct web_req *r, struct cw_note_reads *l, struct app_error *err)
{
	memset(l, 0, sizeof *l);
	const char *upn = web_query(r, "upn");
	int64_t pupil = 0;
	if (upn && *upn) {
		int row = engine_pupil_row(&r->srv->e, upn);
		if (row < 0)
			return app_fail(err, ERR_INPUT, "upn", "no pupil with UPN %.16s", upn);
		pupil = r->srv->e.m.rows[row].pupil_id;
	}
	if (store_cw_note_reads_each(r->rd, r->srv->e.school.id, pupil, LOG_ROWS, cw_note_reads_add, l) < 0) {
		free(l->v);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	return 0;
}

int page_safeguarding_log(struct web_req *r)
{
	static const char *const allowed[] = {"upn", NULL};
	if (cw_query_check(r, allowed) < 0)
		return 0;
	struct app_error err = {0};
	struct cw_note_reads l;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = load_reads(r, &l, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	struct html h = {0};
	char when[CLOCK_ISO_LEN];
	html_begin(&h, r, "Safeguarding read log");
	html_lit(&h, "<h1>Who read safeguarding notes</h1><p class=\"hint\">Every read of a "
		     "safeguarding note, newest first (the last 500): who, when, which note, through "
		     "which page or API call, from where. The log can't be changed.</p><div "
		     "class=\"scroll\"><table class=\"list wrap\" id=\"read-log\"><thead><tr><th "
		     "scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">Pupil</th><th "
		     "scope=\"col\">Note</th><th scope=\"col\">Through</th><th scope=\"col\">From</th>"
		     "</tr></thead><tbody>");
	pthread_rwlock_rdlock(&r->srv->lock);
	for (int i = 0; i < l.n; i++) {
		const struct cw_note_read_rec *x = &l.v[i];
		int row = engine_row_of_id(&r->srv->e, x->pupil_id, DATE_INVALID, -1);
		html_lit(&h, "<tr><td>");
		html_txt(&h, clock_local_display(x->read_at, when));
		html_lit(&h, "</td><td>");
		html_txt(&h, x->username);
		html_lit(&h, " <small>");
		html_txt(&h, x->role);
		html_lit(&h, "</small></td><td>");
		if (row >= 0) {
			const struct pupil_row *p = &r->srv->e.m.rows[row];
			html_txt(&h, p->surname);
			html_lit(&h, ", ");
			html_txt(&h, p->forename);
			html_lit(&h, " <small>");
			html_txt(&h, p->upn);
			html_lit(&h, "</small>");
		}
		html_lit(&h, "</td><td>#");
		html_int(&h, (long)x->note_id);
		html_lit(&h, "</td><td>");
		html_txt(&h, x->via);
		html_lit(&h, "</td><td>");
		html_txt(&h, x->ip);
		html_lit(&h, "</td></tr>");
	}
	pthread_rwlock_unlock(&r->srv->lock);
	html_lit(&h, "</tbody></table></div>");
	if (!l.n)
		html_lit(&h, "<p class=\"hint\">No safeguarding note has been read.</p>");
	free(l.v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int api_safeguarding_log(struct web_req *r)
{
	struct app_error err = {0};
	struct cw_note_reads l;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = load_reads(r, &l, &err);
	json_t *out = json_array();
	for (int i = 0; rc == 0 && i < l.n; i++) {
		const struct cw_note_read_rec *x = &l.v[i];
		int row = engine_row_of_id(&r->srv->e, x->pupil_id, DATE_INVALID, -1);
		json_array_append_new(out, json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:s}", "note",
						     (json_int_t)x->note_id, "upn",
						     row >= 0 ? json_string(r->srv->e.m.rows[row].upn)
							      : json_null(),
						     "username", x->username, "role", x->role, "at",
						     x->read_at, "via", x->via, "ip", x->ip));
	}
	pthread_rwlock_unlock(&r->srv->lock);
	free(l.v);
	if (rc < 0) {
		json_decref(out);
		return web_error(r, &err);
	}
	return web_json(r, 200, out);
}

/* ---- a document ---- */

int page_casework_document(struct web_req *r)
{
	struct app_error err = {0};
	long legal, doc;
	if (upn_shape_error(r->args[0]) || parse_int_field("legal", r->args[1], 1, 2147483647L, &legal, &err) < 0 ||
	    parse_int_field("doc", r->args[2], 1, 2147483647L, &doc, &err) < 0)
		return web_fail(r, ERR_NOT_FOUND, NULL, "there is no such document");
	pthread_rwlock_rdlock(&r->srv->lock);
	int row = engine_pupil_row(&r->srv->e, r->args[0]);
	int64_t pupil = row >= 0 ? r->srv->e.m.rows[row].pupil_id : 0;
	pthread_rwlock_unlock(&r->srv->lock);
	struct cw_document_rec d;
	if (cw_document_read(r->rd, r->srv->e.school.id, &r->who, pupil, legal, doc, &d, &err) < 0)
		return web_error(r, &err);
	web_add_header(r, "Content-Disposition", "attachment; filename=\"%s\"", d.filename);
	static const char *const types[] = {"application/pdf", "image/png", "image/jpeg"};
	const char *ctype = "application/octet-stream";
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (strcmp(d.content_type, types[i]) == 0)
			ctype = types[i];
	return web_bytes(r, 200, ctype, d.data, (size_t)d.size);
}
