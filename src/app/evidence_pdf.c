/* The evidence extract as a PDF (cairo and pango): the rows of
 * app/evidence.c as tables, A4, a footer naming the pupil and the page on
 * every page, the verification's result in a box at the top, and the
 * SHA-256 of the extract's data (its CSV) at the end. */
#include <cairo-pdf.h>
#include <stdlib.h>
#include <string.h>

#include "app/chart_cairo.h"
#include "app/evidence.h"
#include "app/pdf_doc.h"

#define CELL 7.5 /* points: the tables' text */

struct pdf {
	struct pdf_doc d;
	const struct evidence *ev;
};

static void ink(struct pdf *p, double grey)
{
	cairo_set_source_rgb(p->d.cr, grey, grey, grey);
}

static void need(struct pdf *p, double h)
{
	pdf_doc_need(&p->d, h);
}

static void text(struct pdf *p, const char *t, double size, bool bold, double gap)
{
	pdf_doc_text(&p->d, t, size, bold, gap);
}

struct table {
	int n;
	const char *head[8];
	double width[8]; /* fractions of the content width */
};

static void cells(struct pdf *p, const struct table *t, const char *const *v, bool head, bool shade)
{
	double w[8];
	for (int c = 0; c < t->n; c++)
		w[c] = t->width[c] * PDF_CONTENT_W;
	pdf_doc_row(&p->d, v, w, t->n, CELL, head, shade);
}

static void section(struct pdf *p, enum ev_section s, const struct table *t,
		    void (*row)(const struct ev_row *r, const char *out[8], char *buf, size_t len))
{
	int n = 0;
	for (int i = 0; i < p->ev->n; i++)
		n += p->ev->rows[i].section == s;
	p->d.y += 8;
	need(p, 40);
	text(p, ev_section_title(s), 11, true, 4);
	if (n == 0) {
		text(p, "None in this range.", 8.5, false, 4);
		return;
	}
	cells(p, t, t->head, true, false);
	int k = 0;
	char buf[256];
	for (int i = 0; i < p->ev->n; i++) {
		const struct ev_row *r = &p->ev->rows[i];
		if (r->section != s)
			continue;
		const char *v[8] = {0};
		row(r, v, buf, sizeof buf);
		cells(p, t, v, false, k++ % 2);
	}
}

static void amendment_row(const struct ev_row *r, const char *v[8], char *buf, size_t len)
{
	snprintf(buf, len, "%s %s", r->date, r->session);
	const char *x[] = {buf, r->version, r->code, r->at, r->by, r->what, r->detail};
	memcpy(v, x, sizeof x);
}

static void log_row(const struct ev_row *r, const char *v[8], char *buf, size_t len)
{
	(void)buf;
	(void)len;
	const char *x[] = {r->at, r->by, r->version, r->what, r->detail};
	memcpy(v, x, sizeof x);
}

static void plain_row(const struct ev_row *r, const char *v[8], char *buf, size_t len)
{
	(void)buf;
	(void)len;
	const char *x[] = {r->at, r->by, r->what, r->detail};
	memcpy(v, x, sizeof x);
}

/* Who recorded a session's latest version, and when, after what buf has. */
static void recorded(const struct ev_row *r, const char *label, char *buf, size_t len)
{
	size_t k = strlen(buf);
	if (r && r->by[0])
		snprintf(buf + k, len - k, "%s%s %s %s", k ? "; " : "", label, r->by, r->at);
}

/* Every session, a school day a line: AM and PM with their notes. */
static void session_table(struct pdf *p)
{
	static const struct table t = {
		5, {"Date", "AM", "PM", "Recorded (latest version)", "Notes"}, {0.14, 0.06, 0.06, 0.34, 0.40}};
	p->d.y += 8;
	need(p, 40);
	text(p, ev_section_title(EV_SESSION), 11, true, 4);
	cells(p, &t, t.head, true, false);
	int k = 0;
	for (int i = 0; i < p->ev->n; i++) {
		const struct ev_row *am = &p->ev->rows[i];
		if (am->section != EV_SESSION)
			continue;
		const struct ev_row *pm = NULL;
		if (i + 1 < p->ev->n && p->ev->rows[i + 1].section == EV_SESSION &&
		    strcmp(p->ev->rows[i + 1].date, am->date) == 0) {
			pm = &p->ev->rows[i + 1];
			i++;
		}
		char date[40], rec[200], notes[400];
		date_t d = date_parse(am->date);
		snprintf(date, sizeof date, "%s %.3s", am->date, date_weekday_name(date_weekday(d)));
		rec[0] = '\0';
		if (pm && strcmp(am->by, pm->by) == 0 && strcmp(am->at, pm->at) == 0) {
			snprintf(rec, sizeof rec, "%s %s", am->by, am->at); /* one register, both */
		} else {
			recorded(am, "AM", rec, sizeof rec);
			recorded(pm, "PM", rec, sizeof rec);
		}
		snprintf(notes, sizeof notes, "%s%s%s%s%s", am->detail[0] ? "AM: " : "", am->detail,
			 am->detail[0] && pm && pm->detail[0] ? "; " : "",
			 pm && pm->detail[0] ? "PM: " : "", pm ? pm->detail : "");
		const char *v[] = {date, am->code[0] ? am->code : "–", pm && pm->code[0] ? pm->code : "–",
				   rec, notes};
		cells(p, &t, v, false, k++ % 2);
	}
}

/* The result of verifying the register, in a box: green when unaltered,
 * red with each problem when not. */
static void verification_box(struct pdf *p)
{
	char lines[4096] = "";
	size_t k = 0;
	const char *head = "";
	for (int i = 0; i < p->ev->n; i++) {
		const struct ev_row *r = &p->ev->rows[i];
		if (r->section != EV_VERIFICATION)
			continue;
		if (!head[0]) {
			head = r->detail;
			continue;
		}
		if (k < sizeof lines)
			k += (size_t)snprintf(lines + k, sizeof lines - k, "%s%s", k ? "\n" : "", r->detail);
	}
	char title[1200];
	snprintf(title, sizeof title, "%s: %s",
		 p->ev->verified ? "Register verified" : "VERIFICATION FAILED", head);
	double w = PDF_CONTENT_W - 16;
	double h = cairo_text_height(p->d.cr, title, 9.5, true, w) + 16;
	if (k)
		h += cairo_text_height(p->d.cr, lines, 8, false, w) + 4;
	need(p, h);
	if (p->ev->verified)
		cairo_set_source_rgb(p->d.cr, 0.90, 0.96, 0.91);
	else
		cairo_set_source_rgb(p->d.cr, 0.99, 0.90, 0.89);
	cairo_rectangle(p->d.cr, PDF_MARGIN, p->d.y, PDF_CONTENT_W, h);
	cairo_fill_preserve(p->d.cr);
	if (p->ev->verified)
		cairo_set_source_rgb(p->d.cr, 0.16, 0.50, 0.25);
	else
		cairo_set_source_rgb(p->d.cr, 0.70, 0.12, 0.10);
	cairo_set_line_width(p->d.cr, 1.2);
	cairo_stroke(p->d.cr);
	double y = p->d.y + 8;
	y += cairo_text(p->d.cr, title, PDF_MARGIN + 8, y, 9.5, true, TEXT_LEFT, w) + 4;
	if (k) {
		ink(p, 0.08);
		cairo_text(p->d.cr, lines, PDF_MARGIN + 8, y, 8, false, TEXT_LEFT, w);
	}
	p->d.y += h + 10;
}

int evidence_pdf(const struct evidence *ev, unsigned char **out, size_t *len,
		 struct app_error *err)
{
	struct pdf p = {.ev = ev};
	char title[300], foot[240], a[DATE_ISO_LEN], z[DATE_ISO_LEN];
	snprintf(title, sizeof title, "Attendance register extract: %s (UPN %s)", ev->name, ev->upn);
	snprintf(foot, sizeof foot, "Attendance register extract · %s (UPN %s) · %s to %s", ev->name,
		 ev->upn, date_format(ev->from, a), date_format(ev->to, z));
	pdf_doc_begin(&p.d, title, foot, false);
	text(&p, "Attendance register extract", 16, true, 2);
	text(&p, "for a penalty notice or a prosecution: the register's entries and the "
		 "school's actions, as kept",
	     8.5, false, 8);
	for (int i = 0; i < ev->n; i++)
		if (ev->rows[i].section == EV_ABOUT) {
			char line[1400];
			snprintf(line, sizeof line, "%s: %s", ev->rows[i].what, ev->rows[i].detail);
			text(&p, line, 9, false, 2);
		}
	p.d.y += 6;
	verification_box(&p);
	session_table(&p);
	static const struct table amend = {
		7, {"Session", "Version", "Code", "When", "Who", "Why", "Through"},
		{0.16, 0.07, 0.06, 0.15, 0.12, 0.26, 0.18}};
	section(&p, EV_AMENDMENT, &amend, amendment_row);
	static const struct table log = {
		5, {"When", "By", "Version", "Why amended", "What"}, {0.15, 0.12, 0.07, 0.18, 0.48}};
	section(&p, EV_CONTACT, &log, log_row);
	static const struct table plain = {
		4, {"When", "By", "What", "Detail"}, {0.15, 0.12, 0.18, 0.55}};
	section(&p, EV_FIRST_DAY, &plain, plain_row);
	section(&p, EV_MESSAGE, &plain, plain_row);
	section(&p, EV_NOTIFICATION, &plain, plain_row);
	p.d.y += 10;
	char sha[300];
	snprintf(sha, sizeof sha,
		 "SHA-256 of this extract's data (its CSV, every line before the last): %s",
		 ev->data_sha256);
	text(&p, sha, 8, false, 0);
	if (pdf_doc_end(&p.d, out, len) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "writing the PDF failed");
	return 0;
}
