/* The family's own pages: GET /family (a parent's children), GET
 * /family/UPN (one child's attendance), GET /me (a pupil's own page), and
 * GET /language (the language of the family pages). Every figure comes
 * from app/family_view (core/stats, core/trends, core/school_bands); this
 * file only says it, in days and lessons, in the family's language. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/analytics.h"
#include "comms/lang.h"
#include "web/family.h"

/* ---- sections ---- */

static void figure_card(struct html *h, const char *lang, enum ft label,
			const struct family_figures *p, int lessons_per_day)
{
	char pct[16], a[96], b[48];
	html_lit(h, "<div><dt>");
	html_ft(h, lang, label);
	html_lit(h, "</dt><dd>");
	if (!p->has || p->f.possible == 0) {
		html_lit(h, "–<small>");
		html_ft(h, lang, FT_NOTHING_YET);
	} else {
		html_txt(h, family_pct(lang, p->pct100, pct, sizeof pct));
		html_lit(h, "<small>");
		int64_t missed = stats_absence(&p->f);
		lang_days(lang, p->f.possible, b, sizeof b);
		if (missed == 0)
			html_ft(h, lang, FT_MISSED_NONE, b);
		else
			html_ft(h, lang, FT_MISSED_OF,
				lang_days_lessons(lang, missed, lessons_per_day, a, sizeof a), b);
	}
	html_lit(h, "</small></dd></div>");
}

void family_section_figures(struct html *h, const char *lang, const struct family_view *v)
{
	html_lit(h, "<section aria-labelledby=\"h-attendance\"><h2 id=\"h-attendance\">");
	html_ft(h, lang, FT_ATTENDANCE);
	html_lit(h, "</h2><dl class=\"figures family-figures\">");
	figure_card(h, lang, FT_THIS_WEEK, &v->p[FP_THIS_WEEK], v->words.lessons_per_day);
	figure_card(h, lang, FT_THIS_HALF_TERM, &v->p[FP_THIS_HALF_TERM], v->words.lessons_per_day);
	figure_card(h, lang, FT_THIS_YEAR, &v->p[FP_THIS_YEAR], v->words.lessons_per_day);
	html_lit(h, "</dl></section>");
}

/* "attendance from 95% to under 97%: 5.7 to 9.5 days missed in a school
 * year of 190 days" */
static void band_meaning(struct html *h, const char *lang, const struct school_band *b)
{
	char lo[16], hi[16], least[32], most[32];
	family_pct(lang, b->lower100, lo, sizeof lo);
	family_pct(lang, b->upper100 > 10000 ? 10000 : b->upper100, hi, sizeof hi);
	int64_t l10, m10;
	school_bands_days(b, &l10, &m10);
	lang_days_tenths(lang, l10, least, sizeof least);
	lang_days_tenths(lang, m10, most, sizeof most);
	if (b->lower100 == 10000)
		html_ft(h, lang, FT_BAND_EXACT, lo);
	else if (b->upper100 > 10000)
		html_ft(h, lang, FT_BAND_TOP, lo);
	else if (b->lower100 == 0)
		html_ft(h, lang, FT_BAND_BOTTOM, hi);
	else
		html_ft(h, lang, FT_BAND_RANGE, lo, hi);
	html_lit(h, ": ");
	if (m10 == 0)
		html_ft(h, lang, FT_BAND_DAYS_NONE);
	else if (l10 == 0)
		html_ft(h, lang, FT_BAND_DAYS_UPTO, most, SCHOOL_BANDS_YEAR_DAYS);
	else if (b->lower100 == 0)
		html_ft(h, lang, FT_BAND_DAYS_MORE, least, SCHOOL_BANDS_YEAR_DAYS);
	else
		html_ft(h, lang, FT_BAND_DAYS_RANGE, least, most, SCHOOL_BANDS_YEAR_DAYS);
}

void family_section_band(struct html *h, const char *lang, const char *name,
			 const struct family_view *v)
{
	const struct family_figures *y = &v->p[FP_THIS_YEAR];
	if (y->f.possible == 0)
		return;
	html_lit(h, "<section aria-labelledby=\"h-band\"><h2 id=\"h-band\">");
	html_ft(h, lang, FT_BAND);
	html_lit(h, "</h2>");
	if (v->school_band >= 0) {
		const struct school_band *b = &v->bands.band[v->school_band];
		html_lit(h, "<p class=\"band\"><strong>");
		if (name)
			html_ft(h, lang, FT_BAND_IS, name, b->name);
		else
			html_ft(h, lang, FT_PUPIL_BAND, b->name);
		html_lit(h, "</strong> (");
		band_meaning(h, lang, b);
		html_lit(h, ")</p>");
	}
	char abs[16];
	family_pct(lang, stats_pct100(stats_absence(&y->f), y->f.possible), abs, sizeof abs);
	html_lit(h, "<p>");
	html_ft(h, lang, FT_DFE_INTRO, abs);
	if (v->dfe_band >= 0)
		html_ft(h, lang, FT_DFE_BAND, stats_band_label(v->dfe_band));
	else
		html_ft(h, lang, FT_DFE_NO_BAND);
	html_lit(h, " ");
	enum ft meaning = v->severe	    ? FT_DFE_SEVERE
			  : v->persistent ? FT_DFE_PERSISTENT
			  : v->at_risk	  ? FT_DFE_AT_RISK
					  : FT_DFE_OK;
	html_ft(h, lang, meaning);
	if (v->dfe_band == BAND_TOO_FEW) {
		html_lit(h, " ");
		html_ft(h, lang, FT_DFE_TOO_FEW);
	}
	html_lit(h, "</p><details><summary>");
	html_ft(h, lang, FT_BAND_LIST);
	html_lit(h, "</summary><ul class=\"bands\">");
	for (int i = 0; i < v->bands.n; i++) {
		html_lit(h, "<li><strong>");
		html_txt(h, v->bands.band[i].name);
		html_lit(h, "</strong>: ");
		band_meaning(h, lang, &v->bands.band[i]);
		html_lit(h, ".");
		if (i == v->school_band) {
			html_lit(h, " <em>");
			html_ft(h, lang, FT_BAND_YOU);
			html_lit(h, "</em>");
		}
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul></details></section>");
}

static void trend_line(struct html *h, const char *lang, const struct trend_change *c, enum ft up,
		       enum ft down, enum ft same)
{
	char now[16], before[16];
	if (c->direction == TREND_UNKNOWN)
		return;
	family_pct(lang, c->now_pct100, now, sizeof now);
	family_pct(lang, c->before_pct100, before, sizeof before);
	html_lit(h, "<p>");
	if (c->direction == TREND_IMPROVING)
		html_ft(h, lang, up, now, before);
	else if (c->direction == TREND_DECLINED)
		html_ft(h, lang, down, now, before);
	else
		html_ft(h, lang, same, now);
	html_lit(h, "</p>");
}

static void back_to_90(struct html *h, const char *lang, const char *name,
		       const struct family_view *v)
{
	if (!v->has_recovery || !v->rec.below)
		return;
	const struct recovery *rc = &v->rec;
	char a[64], b[64], pct[16];
	html_lit(h, "<h3>");
	html_ft(h, lang, FT_BACK90);
	html_lit(h, "</h3><p class=\"back90\">");
	if (rc->reachable)
		html_ft(h, lang, FT_BACK90_REACHABLE, name, lang_date(lang, rc->reached_on, a, sizeof a),
			rc->days_needed, lang_date(lang, rc->from_day, b, sizeof b));
	else
		html_ft(h, lang, FT_BACK90_UNREACHABLE, lang_date(lang, rc->target_day, a, sizeof a),
			rc->days_left, family_pct(lang, rc->best_pct100, pct, sizeof pct));
	html_lit(h, "</p>");
}

void family_section_weeks(struct html *h, const char *lang, const struct family_view *v,
			  bool pupil_voice)
{
	if (v->n_weeks == 0)
		return;
	html_lit(h, "<section aria-labelledby=\"h-weeks\"><h2 id=\"h-weeks\">");
	html_ft(h, lang, pupil_voice ? FT_PUPIL_PROGRESS : FT_WEEK_BY_WEEK);
	html_lit(h, "</h2>");
	if (pupil_voice) {
		const struct trend_change *c = &v->half_term_change;
		char now[16], before[16];
		family_pct(lang, c->now_pct100, now, sizeof now);
		family_pct(lang, c->before_pct100, before, sizeof before);
		if (c->direction != TREND_UNKNOWN) {
			html_lit(h, "<p>");
			if (c->direction == TREND_IMPROVING)
				html_ft(h, lang, FT_PUPIL_UP, now, before);
			else if (c->direction == TREND_DECLINED)
				html_ft(h, lang, FT_PUPIL_DOWN, now, before);
			else
				html_ft(h, lang, FT_PUPIL_SAME, now);
			html_lit(h, "</p>");
		}
	} else {
		trend_line(h, lang, &v->week_change, FT_TREND_WEEK_UP, FT_TREND_WEEK_DOWN,
			   FT_TREND_WEEK_SAME);
		trend_line(h, lang, &v->half_term_change, FT_TREND_HT_UP, FT_TREND_HT_DOWN,
			   FT_TREND_HT_SAME);
	}
	family_chart(h, lang, v);
	html_lit(h, "</section>");
}

void family_section_lateness(struct html *h, const char *lang, const struct family_view *v)
{
	const struct figures *f = &v->p[FP_THIS_YEAR].f;
	if (f->possible == 0)
		return;
	int late = f->late_before_close + f->late_after_close;
	html_lit(h, "<section aria-labelledby=\"h-late\"><h2 id=\"h-late\">");
	html_ft(h, lang, FT_LATENESS);
	html_lit(h, "</h2><p>");
	if (late == 0) {
		html_ft(h, lang, FT_LATE_NONE);
	} else {
		char minutes[32], time[48], lessons[48];
		wording_count(f->minutes_late, minutes, sizeof minutes);
		if (strcmp(lang, "pl") == 0)
			for (char *p = minutes; *p; p++)
				if (*p == ',')
					*p = ' '; /* Polish groups thousands with a space */
		int64_t tenths = wording_minutes_tenths(f->minutes_late, v->words.school_day_minutes);
		lang_time(lang, tenths, time, sizeof time);
		lang_lessons_n(lang, wording_minutes_lessons(f->minutes_late, &v->words), lessons,
			       sizeof lessons);
		/* under half a day, a time in days says less than the lessons */
		if (tenths < 5)
			html_ft(h, lang, FT_LATE_SOME_SHORT, late, minutes, lessons);
		else
			html_ft(h, lang, FT_LATE_SOME, late, minutes, time, lessons);
		if (f->late_after_close) {
			html_lit(h, " ");
			html_ft(h, lang, FT_LATE_AFTER_CLOSE, f->late_after_close);
		}
		html_lit(h, "</p><p class=\"hint\">");
		html_ft(h, lang, FT_LATE_WHY);
	}
	html_lit(h, "</p></section>");
}

/* ---- the pages ---- */

/* The view of a child; answers the error itself. */
static int view_of(struct web_req *r, const struct family_child *ch, struct family_view *v)
{
	struct app_error err = {0};
	int rc = web_family_view(r, ch, v, &err);
	if (rc < 0)
		web_error(r, &err);
	return rc;
}

static void child_heading(struct html *h, struct web_req *r, const char *lang,
			  const struct family_child *ch, bool h1)
{
	const struct pupil_row *p = &r->srv->e.m.rows[ch->row];
	if (h1)
		html_lit(h, "<h1>");
	else
		html_lit(h, "<h2>");
	html_txt(h, p->forename);
	html_lit(h, " ");
	html_txt(h, p->surname);
	html_lit(h, " <small>");
	html_ft(h, lang, FT_YEAR_FORM, year_name(p->year), r->srv->e.m.forms[p->form]);
	if (h1)
		html_lit(h, "</small></h1>");
	else
		html_lit(h, "</small></h2>");
}

static void today_line(struct html *h, const char *lang, const struct family_view *v)
{
	html_lit(h, "<p class=\"today\"><strong>");
	html_ft(h, lang, FT_TODAY);
	html_lit(h, ":</strong> ");
	if (!v->today_is_school_day) {
		html_ft(h, lang, FT_NOT_SCHOOL_TODAY);
	} else {
		char am[160], pm[160];
		html_ft(h, lang, FT_TODAY_LINE,
			family_mark_words(lang, v->today_code[SESSION_AM], -1, am, sizeof am),
			family_mark_words(lang, v->today_code[SESSION_PM], -1, pm, sizeof pm));
	}
	html_lit(h, "</p>");
}

static void child_links(struct html *h, const char *lang, struct web_req *r,
			const struct family_child *ch)
{
	const struct pupil_row *p = &r->srv->e.m.rows[ch->row];
	html_lit(h, "<p class=\"family-actions\"><a class=\"button\" href=\"/family/absence?child=");
	html_url_seg(h, p->upn);
	html_lit(h, "\">");
	html_ft(h, lang, FT_REPORT_FOR, p->forename);
	html_lit(h, "</a> <a class=\"button secondary\" href=\"/family/leave?child=");
	html_url_seg(h, p->upn);
	html_lit(h, "\">");
	html_ft(h, lang, FT_NAV_LEAVE);
	html_lit(h, "</a></p>");
}

static int page_family_home_locked(struct web_req *r)
{
	struct family_scope sc;
	if (web_family_scope(r, &sc) < 0)
		return 0;
	const char *lang = r->lang;
	struct html h = {0};
	html_begin(&h, r, ft(lang, FT_HOME_TITLE));
	html_lit(&h, "<h1>");
	html_ft(&h, lang, FT_HOME_TITLE);
	html_lit(&h, "</h1>");
	html_done_flash_family(&h, r, lang);
	if (sc.n == 0) {
		html_lit(&h, "<p class=\"flash\">");
		html_ft(&h, lang, FT_NO_CHILDREN);
		html_lit(&h, "</p>");
	}
	for (int i = 0; i < sc.n; i++) {
		const struct family_child *ch = &sc.child[i];
		struct family_view v;
		if (view_of(r, ch, &v) < 0) {
			free(h.buf);
			return 0;
		}
		const struct pupil_row *p = &r->srv->e.m.rows[ch->row];
		html_lit(&h, "<article class=\"card child\">");
		child_heading(&h, r, lang, ch, false);
		today_line(&h, lang, &v);
		html_lit(&h, "<dl class=\"figures family-figures\">");
		figure_card(&h, lang, FT_THIS_WEEK, &v.p[FP_THIS_WEEK], v.words.lessons_per_day);
		figure_card(&h, lang, FT_THIS_YEAR, &v.p[FP_THIS_YEAR], v.words.lessons_per_day);
		html_lit(&h, "</dl>");
		if (v.school_band >= 0 && v.p[FP_THIS_YEAR].f.possible) {
			html_lit(&h, "<p class=\"band\">");
			html_ft(&h, lang, FT_BAND_IS, p->forename, v.bands.band[v.school_band].name);
			html_lit(&h, "</p>");
		}
		html_lit(&h, "<p><a href=\"/family/");
		html_url_seg(&h, p->upn);
		html_lit(&h, "\">");
		html_ft(&h, lang, FT_SEE_CHILD, p->forename);
		html_lit(&h, "</a></p>");
		child_links(&h, lang, r, ch);
		html_lit(&h, "</article>");
		family_view_free(&v);
	}
	if (sc.n) {
		html_lit(&h, "<h2>");
		html_ft(&h, lang, FT_REQUESTS_TITLE);
		html_lit(&h, "</h2>");
		family_requests_list(&h, r, lang, &sc, 0);
	}
	html_end(&h, r);
	return html_send(&h, r, 200);
}

static int page_family_child_locked(struct web_req *r)
{
	struct family_scope sc;
	const struct family_child *ch = web_family_path_child(r, &sc);
	if (!ch)
		return 0;
	const char *lang = r->lang;
	struct family_view v;
	if (view_of(r, ch, &v) < 0)
		return 0;
	const struct pupil_row *p = &r->srv->e.m.rows[ch->row];
	char title[300];
	snprintf(title, sizeof title, "%s %s", p->forename, p->surname);
	struct html h = {0};
	html_begin(&h, r, title);
	child_heading(&h, r, lang, ch, true);
	today_line(&h, lang, &v);
	child_links(&h, lang, r, ch);
	family_section_figures(&h, lang, &v);
	family_section_band(&h, lang, p->forename, &v);
	family_section_weeks(&h, lang, &v, false);
	back_to_90(&h, lang, p->forename, &v);
	family_section_lateness(&h, lang, &v);
	html_lit(&h, "<section aria-labelledby=\"h-requests\"><h2 id=\"h-requests\">");
	html_ft(&h, lang, FT_REQUESTS_TITLE);
	html_lit(&h, "</h2>");
	family_requests_list(&h, r, lang, &sc, ch->pupil_id);
	html_lit(&h, "</section>");
	family_view_free(&v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

static int page_family_me_locked(struct web_req *r)
{
	struct family_scope sc;
	if (web_family_scope(r, &sc) < 0)
		return 0;
	const char *lang = r->lang;
	if (sc.n == 0)
		return web_fail(r, ERR_NOT_FOUND, NULL, "%s", ft(lang, FT_NO_CHILDREN));
	const struct family_child *ch = &sc.child[0];
	struct family_view v;
	if (view_of(r, ch, &v) < 0)
		return 0;
	const struct pupil_row *p = &r->srv->e.m.rows[ch->row];
	char title[200], days[32], of[32];
	snprintf(title, sizeof title, ft(lang, FT_PUPIL_HELLO), p->forename);
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>");
	html_txt(&h, title);
	html_lit(&h, "</h1><p class=\"lead\">");
	/* This week and last week: the fortnight. */
	const struct figures *a = &v.p[FP_THIS_WEEK].f, *b = &v.p[FP_LAST_WEEK].f;
	int64_t att = stats_attendance(a) + (v.p[FP_LAST_WEEK].has ? stats_attendance(b) : 0);
	int64_t pos = a->possible + (v.p[FP_LAST_WEEK].has ? b->possible : 0);
	if (pos == 0) {
		html_ft(&h, lang, FT_PUPIL_NOTHING_YET);
	} else {
		/* days, halves said as .5 */
		snprintf(days, sizeof days, att % 2 ? "%lld%s5" : "%lld", (long long)(att / 2),
			 strcmp(lang, "pl") == 0 ? "," : ".");
		snprintf(of, sizeof of, pos % 2 ? "%lld%s5" : "%lld", (long long)(pos / 2),
			 strcmp(lang, "pl") == 0 ? "," : ".");
		html_ft(&h, lang, FT_PUPIL_FORTNIGHT, days, of);
		html_lit(&h, " ");
		html_ft(&h, lang, att == pos		   ? FT_PUPIL_ALL_DAYS
				       : att * 10 >= pos * 9 ? FT_PUPIL_GOOD
							     : FT_PUPIL_HELP);
	}
	html_lit(&h, "</p>");
	if (v.p[FP_THIS_YEAR].f.possible) {
		char pct[16];
		html_lit(&h, "<p>");
		html_ft(&h, lang, FT_PUPIL_YEAR, family_pct(lang, v.p[FP_THIS_YEAR].pct100, pct, sizeof pct));
		html_lit(&h, "</p>");
	}
	family_section_band(&h, lang, NULL, &v);
	family_section_weeks(&h, lang, &v, true);
	html_lit(&h, "<section aria-labelledby=\"h-earned\"><h2 id=\"h-earned\">");
	html_ft(&h, lang, FT_PUPIL_RECOGNITION);
	html_lit(&h, "</h2><ul class=\"earned\">");
	if (v.full_weeks == 0) {
		html_lit(&h, "<li>");
		html_ft(&h, lang, FT_PUPIL_NO_WEEKS_YET);
		html_lit(&h, "</li>");
	} else {
		html_lit(&h, "<li>");
		html_ft(&h, lang, FT_PUPIL_FULL_WEEKS, v.full_weeks);
		html_lit(&h, "</li><li>");
		html_ft(&h, lang, FT_PUPIL_BEST_RUN, v.best_run);
		html_lit(&h, "</li>");
		if (v.current_run > 1) {
			html_lit(&h, "<li>");
			html_ft(&h, lang, FT_PUPIL_RUN_NOW, v.current_run);
			html_lit(&h, "</li>");
		}
	}
	/* The school's recognition (issue 13) is listed here too once it exists. */
	html_lit(&h, "</ul></section>");
	family_section_lateness(&h, lang, &v);
	family_view_free(&v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

/* GET /language?to=pl&next=/family: the family pages' language, in a
 * cookie (a choice of the browser, not of the account). */
int page_family_language(struct web_req *r)
{
	const char *to = web_query(r, "to"), *next = web_query(r, "next");
	if (!ft_lang_ok(to))
		return web_fail(r, ERR_INPUT, "to", "language '%s' is not en or pl", to ? to : "");
	web_add_header(r, "Set-Cookie", FAMILY_LANG_COOKIE "=%s; Path=/; SameSite=Strict; Max-Age=31536000",
		       to);
	return web_redirect(r, next && next[0] == '/' ? next : "/");
}

/* ---- the handlers, each under the engine's read lock (web_family_locked) ---- */

WEB_FAMILY_HANDLER(page_family_home)
WEB_FAMILY_HANDLER(page_family_child)
WEB_FAMILY_HANDLER(page_family_me)
