/* The trend week by week as an inline SVG bar chart (no script, no
 * styles: presentation attributes only, so the page's CSP holds), with
 * its text alternative: a title for screen readers and, under it, the
 * same figures as a table. */
#include <stdio.h>
#include <string.h>

#include "web/family.h"

#define W 320
#define H 170
#define X0 36
#define X1 314
#define Y0 8
#define Y1 146

/* "2 Sep" / "2 wrz" */
static char *short_date(const char *lang, date_t day, char *buf, size_t len)
{
	static const char *const months[2][12] = {
		{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		{"sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"},
	};
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, len, "%d %s", d, months[strcmp(lang, "pl") == 0][m - 1]);
	return buf;
}

/* A coordinate in tenths as "12.3". */
static void coord(struct html *h, int tenths)
{
	char b[24];
	snprintf(b, sizeof b, "%d.%d", tenths / 10, tenths % 10);
	html_txt(h, b);
}

static int y_of(int64_t pct100)
{
	return (int)(Y1 * 10 - (pct100 * (Y1 - Y0) * 10 + 5000) / 10000);
}

static void gridline(struct html *h, const char *lang, int64_t pct100, bool target)
{
	char label[16];
	int y = y_of(pct100);
	html_lit(h, "<line x1=\"36\" x2=\"314\" y1=\"");
	coord(h, y);
	html_lit(h, "\" y2=\"");
	coord(h, y);
	if (target)
		html_lit(h, "\" stroke=\"#8a5a00\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>");
	else
		html_lit(h, "\" stroke=\"#c4cad3\" stroke-width=\"1\"/>");
	html_lit(h, "<text x=\"32\" y=\"");
	coord(h, y + 35);
	html_lit(h, "\" text-anchor=\"end\" font-size=\"10\" fill=\"#3b4350\">");
	snprintf(label, sizeof label, "%lld%%", (long long)(pct100 / 100));
	html_txt(h, label);
	html_lit(h, "</text>");
	(void)lang;
}

void family_chart(struct html *h, const char *lang, const struct family_view *v)
{
	char a[24], b[24], title[200], pct[16];
	short_date(lang, v->weeks[0].monday, a, sizeof a);
	short_date(lang, v->weeks[v->n_weeks - 1].monday, b, sizeof b);
	ftf(title, sizeof title, lang, FT_CHART_ALT, a, b);
	html_lit(h, "<figure class=\"family-chart\"><svg viewBox=\"0 0 320 170\" role=\"img\" "
		    "aria-labelledby=\"chart-title\" focusable=\"false\"><title id=\"chart-title\">");
	html_txt(h, title);
	html_lit(h, "</title>");
	gridline(h, lang, 0, false);
	gridline(h, lang, 5000, false);
	gridline(h, lang, 10000, false);
	int slot = (X1 - X0) * 10 / v->n_weeks;
	int bar = slot * 7 / 10 < 10 ? 10 : slot * 7 / 10;
	for (int i = 0; i < v->n_weeks; i++) {
		const struct family_week *w = &v->weeks[i];
		if (w->pct100 < 0)
			continue;
		int x = X0 * 10 + i * slot + (slot - bar) / 2, y = y_of(w->pct100);
		html_lit(h, "<rect x=\"");
		coord(h, x);
		html_lit(h, "\" y=\"");
		coord(h, y);
		html_lit(h, "\" width=\"");
		coord(h, bar);
		html_lit(h, "\" height=\"");
		coord(h, Y1 * 10 - y);
		if (w->pct100 >= 9000)
			html_lit(h, "\" fill=\"#1d5fa8\">");
		else
			html_lit(h, "\" fill=\"#b3261e\">");
		html_lit(h, "<title>");
		html_txt(h, short_date(lang, w->monday, a, sizeof a));
		html_lit(h, ": ");
		html_txt(h, family_pct(lang, w->pct100, pct, sizeof pct));
		html_lit(h, "</title></rect>");
	}
	gridline(h, lang, 9000, true);
	html_lit(h, "<text x=\"36\" y=\"162\" font-size=\"10\" fill=\"#3b4350\">");
	html_txt(h, short_date(lang, v->weeks[0].monday, a, sizeof a));
	html_lit(h, "</text><text x=\"314\" y=\"162\" text-anchor=\"end\" font-size=\"10\" "
		    "fill=\"#3b4350\">");
	html_txt(h, short_date(lang, v->weeks[v->n_weeks - 1].monday, b, sizeof b));
	html_lit(h, "</text></svg><figcaption class=\"hint\">");
	html_ft(h, lang, FT_CHART_KEY);
	html_lit(h, "</figcaption></figure><details><summary>");
	html_ft(h, lang, FT_CHART_TABLE);
	html_lit(h, "</summary><table class=\"list weeks\"><thead><tr><th scope=\"col\">");
	html_ft(h, lang, FT_WEEK_OF);
	html_lit(h, "</th><th scope=\"col\">");
	html_ft(h, lang, FT_SCHOOL_DAYS);
	html_lit(h, "</th><th scope=\"col\">");
	html_ft(h, lang, FT_ATTENDANCE);
	html_lit(h, "</th></tr></thead><tbody>");
	for (int i = v->n_weeks - 1; i >= 0; i--) {
		const struct family_week *w = &v->weeks[i];
		html_lit(h, "<tr><th scope=\"row\">");
		html_txt(h, short_date(lang, w->monday, a, sizeof a));
		html_lit(h, "</th><td>");
		html_int(h, w->school_days);
		html_lit(h, "</td><td>");
		html_txt(h, w->pct100 < 0 ? "–" : family_pct(lang, w->pct100, pct, sizeof pct));
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table></details>");
}
