/* GET /governors?from=&to=: the governor report (app/governor.c) as a page,
 * and GET /governors.pdf as a PDF. Aggregate figures only, with the small-
 * number rule applied where the report is built; nothing here names or
 * links to a pupil. */
#include <stdio.h>
#include <stdlib.h>

#include "app/governor.h"
#include "web/leading.h"
#include "web/svg.h"
#include "web/views.h"

static void table(struct html *h, const struct gov_table *t)
{
	html_lit(h, "<h2 id=\"");
	html_attr(h, t->id);
	html_lit(h, "\">");
	html_txt(h, t->title);
	html_lit(h, "</h2><div class=\"scroll\"><table class=\"list\" id=\"gov-");
	html_attr(h, t->id);
	html_lit(h, "\"><thead><tr><th scope=\"col\"></th>");
	for (int c = 0; c < t->n_cols; c++) {
		html_lit(h, "<th scope=\"col\">");
		html_txt(h, t->head[c]);
		html_lit(h, "</th>");
	}
	html_lit(h, "</tr></thead><tbody>");
	for (int r = 0; r < t->n_rows; r++) {
		html_lit(h, "<tr><th scope=\"row\">");
		html_txt(h, t->row_head[r]);
		html_lit(h, "</th>");
		for (int c = 0; c < t->n_cols; c++) {
			const struct gov_cell *x = &t->cell[r * t->n_cols + c];
			html_lit(h, "<td");
			if (x->key[0])
				view_data_attrs(h, x->key, x->value, x->kind);
			html_lit(h, ">");
			html_txt(h, x->text);
			html_lit(h, "</td>");
		}
		html_lit(h, "</tr>");
	}
	html_lit(h, "</tbody></table></div>");
	if (t->note[0]) {
		html_lit(h, "<p class=\"hint\">");
		html_txt(h, t->note);
		html_lit(h, "</p>");
	}
}

/* The report of the school over the view's range (governors see the whole
 * school, in aggregate). */
static int build(struct web_req *r, struct view *v, struct governor_report *g,
		 struct app_error *err)
{
	static const char *const args[] = {"from", "to", NULL};
	if (view_open(r, v, args, VIEW_BENCHMARKS, err) < 0)
		return -1;
	v->a.q.row_scope = NULL;
	if (governor_build(v->e, &v->a, &v->bench, g) < 0) {
		view_close(v);
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory building the report");
	}
	return 0;
}

int page_governors(struct web_req *r)
{
	struct app_error err = {0};
	struct view v;
	struct governor_report g;
	if (build(r, &v, &g, &err) < 0)
		return web_error(r, &err);
	struct html h = {0};
	web_view_note(r, VIEW_GOVERNORS, "");
	html_begin(&h, r, "Governor report");
	html_lit(&h, "<h1>Attendance report for governors <small>");
	html_txt(&h, g.school);
	html_lit(&h, " · ");
	html_txt(&h, g.range);
	html_lit(&h, "</small></h1>");
	view_range_form(&h, &v, "/governors");
	html_lit(&h, "<p class=\"hint\">Aggregate figures only: no pupil is named. A figure about "
		     "fewer than 6 pupils is not shown (\"fewer than 6\"). <a href=\"/governors.pdf?from=");
	html_attr(&h, v.from);
	html_lit(&h, "&amp;to=");
	html_attr(&h, v.to);
	html_lit(&h, "\">Download the report as PDF</a></p>");
	view_close(&v);
	table(&h, &g.table[GOV_T_HEADLINE]);
	svg_chart(&h, &g.chart[GOV_C_WEEKLY]);
	table(&h, &g.table[GOV_T_HALF_TERMS]);
	svg_chart(&h, &g.chart[GOV_C_HALF_TERMS]);
	table(&h, &g.table[GOV_T_BANDS]);
	svg_chart(&h, &g.chart[GOV_C_BANDS]);
	table(&h, &g.table[GOV_T_COHORTS]);
	svg_chart(&h, &g.chart[GOV_C_COHORTS]);
	table(&h, &g.table[GOV_T_YEARS]);
	table(&h, &g.table[GOV_T_DAYS]);
	svg_chart(&h, &g.chart[GOV_C_DAYS]);
	html_lit(&h, "<h2 id=\"lateness\">Lateness</h2><p>");
	html_txt(&h, g.lateness);
	html_lit(&h, "</p>");
	if (g.sources[0]) {
		html_lit(&h, "<h2 id=\"sources\">National figures</h2><p class=\"hint\">");
		html_txt(&h, g.sources);
		html_lit(&h, "</p>");
	}
	governor_free(&g);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int page_governors_pdf(struct web_req *r)
{
	struct app_error err = {0};
	struct view v;
	struct governor_report g;
	if (build(r, &v, &g, &err) < 0)
		return web_error(r, &err);
	char name[80];
	snprintf(name, sizeof name, "governor-report-%s.pdf", v.to);
	view_close(&v);
	unsigned char *pdf;
	size_t len;
	int rc = governor_pdf(&g, &pdf, &len);
	governor_free(&g);
	if (rc < 0)
		return web_fail(r, ERR_INTERNAL, NULL, "the PDF could not be drawn");
	web_add_header(r, "Content-Disposition", "inline; filename=\"%s\"", name);
	free(r->out);
	r->out = (char *)pdf;
	r->out_len = len;
	r->status = 200;
	r->ctype = "application/pdf";
	return 0;
}
