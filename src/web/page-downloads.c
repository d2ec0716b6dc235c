/* The files a school sends, as downloads for the roles that own them:
 *   GET /downloads                       the exports, each with its form
 *   GET /pupils/UPN/ctf.xml?dest=        a leaving pupil's CTF (office, lead)
 *   GET /downloads/census.xml?term=&year= the census attendance module (lead;
 *                                        default: the latest census held)
 *   GET /downloads/dfe-daily.csv?date=   the DfE's daily data (office, lead;
 *                                        default: the latest school day)
 *   GET /pupils/UPN/evidence.pdf|.csv?from=&to=   the register extract for the
 *                                        LA (lead; default: this school year
 *                                        to date), recorded in the audit log
 * Each is the file `attend export` writes, built by the same code. */
#include <stdlib.h>
#include <string.h>

#include "app/census_export.h"
#include "app/clock.h"
#include "app/ctf.h"
#include "app/dfe_daily.h"
#include "app/evidence.h"
#include "app/output.h"
#include "app/parse.h"
#include "core/ranges.h"
#include "web/html.h"
#include "web/web.h"

/* A file to download: taken from the export's memory. */
static int download(struct web_req *r, struct output *o, const char *ctype, const char *name)
{
	web_add_header(r, "Content-Disposition", "attachment; filename=\"%s\"", name);
	int rc = web_bytes(r, 200, ctype, o->data, o->len);
	o->data = NULL;
	return rc;
}

/* ---- the page ---- */

static void input(struct html *h, const char *label, const char *name, const char *type,
		  const char *value)
{
	html_lit(h, "<label>");
	html_txt(h, label);
	html_lit(h, " <input name=\"");
	html_attr(h, name);
	html_lit(h, "\" type=\"");
	html_attr(h, type);
	html_lit(h, "\" value=\"");
	html_attr(h, value);
	html_lit(h, "\"></label> ");
}

static bool leads(const struct account *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_ATTENDANCE_LEAD;
}

int page_downloads(struct web_req *r)
{
	struct app_error err = {0};
	static const char *const none[] = {NULL};
	if (web_params_check(r, none, &err) < 0)
		return web_error(r, &err);
	char today[DATE_ISO_LEN], start[DATE_ISO_LEN], year[8];
	struct date_range y;
	range_academic_year(web_today(), &y);
	date_format(web_today(), today);
	date_format(y.from, start);
	snprintf(year, sizeof year, "%d", date_academic_year(web_today()) + 1);
	struct html h = {0};
	html_begin(&h, r, "Downloads");
	html_lit(&h, "<h1>Downloads</h1><p class=\"hint\">The files the school sends, made by the "
		     "same code as <code>attend export</code>.</p>");
	html_lit(&h, "<section class=\"card\" id=\"dl-daily\"><h2>DfE daily attendance data</h2>"
		     "<form method=\"get\" action=\"/downloads/dfe-daily.csv\">");
	input(&h, "Day", "date", "date", today);
	html_lit(&h, "<button type=\"submit\">Download the CSV</button></form></section>");
	html_lit(&h, "<section class=\"card\" id=\"dl-ctf\"><h2>Common Transfer File: a pupil "
		     "leaving</h2><form method=\"get\" action=\"/downloads/pupil\">"
		     "<input type=\"hidden\" name=\"file\" value=\"ctf.xml\">");
	input(&h, "UPN", "upn", "text", "");
	input(&h, "Destination (LEA/ESTAB)", "dest", "text", "MMM/MMMM");
	html_lit(&h, "<button type=\"submit\">Download the CTF</button></form></section>");
	if (leads(&r->who)) {
		html_lit(&h, "<section class=\"card\" id=\"dl-census\"><h2>School census: attendance "
			     "module</h2><form method=\"get\" action=\"/downloads/census.xml\"><label>"
			     "Term <select name=\"term\"><option>autumn</option><option>spring"
			     "</option><option>summer</option></select></label> ");
		input(&h, "Census year", "year", "number", year);
		html_lit(&h, "<button type=\"submit\">Download the XML</button></form></section>");
		html_lit(&h, "<section class=\"card\" id=\"dl-evidence\"><h2>Evidence for the local "
			     "authority</h2><p class=\"hint\">The register extract for a penalty notice "
			     "or a prosecution, with the pupil's register verified on it.</p><form "
			     "method=\"get\" action=\"/downloads/pupil\">");
		input(&h, "UPN", "upn", "text", "");
		input(&h, "From", "from", "date", start);
		input(&h, "To", "to", "date", today);
		html_lit(&h, "<button name=\"file\" value=\"evidence.pdf\">PDF</button> <button "
			     "name=\"file\" value=\"evidence.csv\">CSV</button></form></section>");
		html_lit(&h, "<section class=\"card\"><h2>Notifications to the local authority</h2><p>"
			     "<a href=\"/notifications#la-file\">The LA's file</a> (each notification in "
			     "it is recorded as sent).</p></section>");
	}
	html_end(&h, r);
	return html_send(&h, r, 200);
}

/* /downloads/pupil?upn=&file=ctf.xml|evidence.pdf|evidence.csv (and dest,
 * from, to): the page's forms, sent on to the pupil's file. */
int page_pupil_file_form(struct web_req *r)
{
	struct app_error err = {0};
	static const char *const allowed[] = {"upn", "file", "dest", "from", "to", NULL};
	if (web_params_check(r, allowed, &err) < 0)
		return web_error(r, &err);
	const char *upn = web_query(r, "upn"), *file = web_query(r, "file");
	if (!upn && !file && !web_query(r, "dest") && !web_query(r, "from") && !web_query(r, "to"))
		return page_downloads(r); /* nothing asked yet: the forms */
	if (!upn || !*upn)
		return web_fail(r, ERR_INPUT, "upn", "upn is required: the pupil's UPN");
	const char *why = upn_shape_error(upn);
	if (why)
		return web_fail(r, ERR_INPUT, "upn", "upn '%.20s': %s", upn, why);
	bool ctf = file && strcmp(file, "ctf.xml") == 0;
	if (!ctf && !(file && (strcmp(file, "evidence.pdf") == 0 || strcmp(file, "evidence.csv") == 0)))
		return web_fail(r, ERR_INPUT, "file", "file is ctf.xml, evidence.pdf or evidence.csv");
	char loc[300];
	const char *a = ctf ? "dest" : "from", *b = ctf ? NULL : "to";
	const char *va = web_query(r, a), *vb = b ? web_query(r, b) : NULL;
	int n = snprintf(loc, sizeof loc, "/pupils/%s/%s", upn, file);
	/* values go on only when they are what their route accepts */
	if (va && *va && strlen(va) <= 10 && strspn(va, "0123456789-/MX") == strlen(va))
		n += snprintf(loc + n, sizeof loc - (size_t)n, "?%s=%s", a, va);
	if (vb && *vb && strlen(vb) <= 10 && strspn(vb, "0123456789-") == strlen(vb))
		snprintf(loc + n, sizeof loc - (size_t)n, "%s%s=%s", strchr(loc, '?') ? "&" : "?", b, vb);
	return web_redirect(r, loc);
}

/* ---- the files ---- */

int page_ctf_download(struct web_req *r)
{
	struct app_error err = {0};
	static const char *const allowed[] = {"dest", NULL};
	if (web_params_check(r, allowed, &err) < 0)
		return web_error(r, &err);
	struct ctf_dest d = {"MMM", "MMMM"};
	const char *dest = web_query(r, "dest");
	if (dest && *dest && ctf_dest_parse(dest, &d, &err) < 0)
		return web_error(r, &err);
	int row;
	struct output o = {.to_memory = true};
	struct engine view;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_pupil_row(r, r->args[0], web_today(), &row, &err);
	if (rc == 0) {
		web_engine_view(r, &view);
		const char *upns[1] = {view.m.rows[row].upn};
		rc = ctf_export(&view, upns, 1, &d, &o, &err);
	}
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	char name[64];
	snprintf(name, sizeof name, "ctf-%s.xml", r->args[0]);
	return download(r, &o, "application/xml", name);
}

/* The latest census held on or before today. */
static void latest_census(date_t today, enum census_term *term, int *year)
{
	date_t best = DATE_INVALID;
	int y0 = date_academic_year(today);
	for (int y = y0 - 1; y <= y0 + 1; y++)
		for (int t = 0; t < CENSUS__MAX; t++) {
			date_t d = census_day((enum census_term)t, y);
			if (d <= today && (best == DATE_INVALID || d > best)) {
				best = d;
				*term = (enum census_term)t;
				*year = y;
			}
		}
}

int page_census_download(struct web_req *r)
{
	struct app_error err = {0};
	static const char *const allowed[] = {"term", "year", NULL};
	if (web_params_check(r, allowed, &err) < 0)
		return web_error(r, &err);
	const char *term = web_query(r, "term"), *year = web_query(r, "year");
	enum census_term t = CENSUS_AUTUMN;
	int y = date_academic_year(web_today());
	latest_census(web_today(), &t, &y);
	if (term && *term) {
		int k = census_term_parse(term);
		if (k < 0)
			return web_fail(r, ERR_INPUT, "term", "term '%.20s' is not autumn, spring or summer",
					term);
		t = (enum census_term)k;
	}
	long yv;
	if (year && *year) {
		if (parse_int_field("year", year, 2000, 2200, &yv, &err) < 0)
			return web_error(r, &err);
		y = (int)yv;
	}
	char *summary = NULL;
	size_t slen = 0;
	FILE *sf = open_memstream(&summary, &slen);
	if (!sf)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	struct output o = {.to_memory = true};
	struct engine view;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_engine_view(r, &view);
	int rc = census_export(&view, t, y, &o, sf, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	fclose(sf);
	free(summary); /* the summary is for the CLI's data manager; the page has the file */
	if (rc < 0)
		return web_error(r, &err);
	char name[64];
	snprintf(name, sizeof name, "census-%s-%d.xml", census_term_name(t), y);
	return download(r, &o, "application/xml", name);
}

int page_dfe_daily_download(struct web_req *r)
{
	struct app_error err = {0};
	static const char *const allowed[] = {"date", NULL};
	if (web_params_check(r, allowed, &err) < 0)
		return web_error(r, &err);
	const char *date = web_query(r, "date");
	date_t day = DATE_INVALID;
	if (date && *date && parse_date_field("date", date, &day, &err) < 0)
		return web_error(r, &err);
	struct output o = {.to_memory = true};
	struct engine view;
	struct dfe_daily_result res;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_engine_view(r, &view);
	if (day == DATE_INVALID) {
		int i = range_school_day_at_or_before(&view.cal, web_today());
		day = i >= 0 ? view.cal.school_days[i] : web_today();
	}
	int rc = dfe_daily_export(&view, day, &o, &res, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	char name[64], d[DATE_ISO_LEN];
	snprintf(name, sizeof name, "dfe-daily-%s.csv", date_format(day, d));
	return download(r, &o, "text/csv; charset=utf-8", name);
}

/* ---- evidence: through the writer, which records it in the audit log ---- */

struct evidence_job {
	char upn[UPN_LEN + 1];
	date_t from, to;
	bool pdf;
	char user[STORE_USER_MAX];
	char *data;
	size_t len;
	char sha[OUTPUT_SHA256_HEX], data_sha[OUTPUT_SHA256_HEX];
	bool verified;
};

static void evidence_job_free(void *arg)
{
	struct evidence_job *ej = arg;
	free(ej->data);
	free(ej);
}

static int evidence_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct evidence_job *ej = j->arg;
	struct evidence ev;
	if (evidence_export(&srv->e, ej->upn, ej->from, ej->to, ej->pdf, ej->user, &ej->data, &ej->len,
			    ej->sha, &ev, err) < 0)
		return -1;
	memcpy(ej->data_sha, ev.data_sha256, sizeof ej->data_sha);
	ej->verified = ev.verified;
	evidence_free(&ev);
	return 0;
}

static int evidence_done(struct web_req *r, struct write_job *j)
{
	struct evidence_job *ej = j->arg;
	if (j->rc < 0)
		return web_error(r, &j->err);
	char name[96], a[DATE_ISO_LEN], z[DATE_ISO_LEN];
	snprintf(name, sizeof name, "evidence-%s-%s-to-%s.%s", ej->upn, date_format(ej->from, a),
		 date_format(ej->to, z), ej->pdf ? "pdf" : "csv");
	web_add_header(r, "Content-Disposition", "attachment; filename=\"%s\"", name);
	web_add_header(r, "X-Content-SHA256", "%s", ej->sha);
	web_add_header(r, "X-Data-SHA256", "%s", ej->data_sha);
	web_add_header(r, "X-Register-Verified", "%s", ej->verified ? "yes" : "no");
	int rc = web_bytes(r, 200, ej->pdf ? "application/pdf" : "text/csv; charset=utf-8", ej->data,
			   ej->len);
	ej->data = NULL;
	return rc;
}

static int evidence_get(struct web_req *r, bool pdf)
{
	struct app_error err = {0};
	static const char *const allowed[] = {"from", "to", NULL};
	if (web_params_check(r, allowed, &err) < 0)
		return web_error(r, &err);
	struct date_range y;
	range_academic_year(web_today(), &y);
	date_t from = y.from, to = web_today();
	const char *f = web_query(r, "from"), *t = web_query(r, "to");
	if ((f && *f && parse_date_field("from", f, &from, &err) < 0) ||
	    (t && *t && parse_date_field("to", t, &to, &err) < 0))
		return web_error(r, &err);
	if (from > to)
		return web_fail(r, ERR_INPUT, "from", "from is after to");
	int row;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_pupil_row(r, r->args[0], to, &row, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	struct evidence_job *ej = calloc(1, sizeof *ej);
	if (!ej)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	snprintf(ej->upn, sizeof ej->upn, "%s", r->args[0]);
	ej->from = from;
	ej->to = to;
	ej->pdf = pdf;
	snprintf(ej->user, sizeof ej->user, "%s", r->who.username);
	return web_write(r, evidence_run, ej, evidence_job_free, evidence_done, NULL);
}

int page_evidence_pdf(struct web_req *r)
{
	return evidence_get(r, true);
}

int page_evidence_csv(struct web_req *r)
{
	return evidence_get(r, false);
}
