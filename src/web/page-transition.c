/* Transition into Year 7 (app/transition.h):
 *   GET /transition?intake=     the incoming Year 7, most at risk first, with
 *                               their Year 6 attendance and band, persistent
 *                               absence, pattern, needs, and in their second
 *                               and third half-terms the watch
 *   GET /api/transition?intake= the same as `attend transition --json`
 * For the attendance lead, the office and admins, and heads of year whose
 * years include Year 7 (a head of year of other years gets an empty view). */
#include <stdlib.h>
#include <string.h>

#include "app/transition.h"
#include "web/html.h"
#include "web/views.h"
#include "web/web.h"

static bool sees_year7(const struct account *a)
{
	return account_whole_school(a) || account_has_year(a, TRANSITION_YEAR);
}

/* Takes the read lock and, on success, keeps it: v's rows are used under
 * it (the caller unlocks). */
static int build(struct web_req *r, struct transition_view *v, struct app_error *err)
{
	static const char *const allowed[] = {"intake", NULL};
	if (web_params_check(r, allowed, err) < 0)
		return -1;
	const char *intake = web_query(r, "intake");
	int year = 0;
	if (intake && *intake && ((year = date_academic_year_parse(intake)) < 1990 || year > 2200))
		return app_fail(err, ERR_INPUT, "intake",
				"intake '%.20s' is not an academic year such as 2026 or 2026/27", intake);
	struct engine view;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_engine_view(r, &view);
	int rc = transition_build(&view, year, web_today(), v, err);
	if (rc < 0)
		pthread_rwlock_unlock(&r->srv->lock);
	else if (!sees_year7(&r->who))
		v->n = 0; /* not theirs: the view without its pupils */
	return rc;
}

int api_transition(struct web_req *r)
{
	struct app_error err = {0};
	struct transition_view v;
	if (build(r, &v, &err) < 0)
		return web_error(r, &err);
	json_t *out = transition_json(&r->srv->e, &v);
	pthread_rwlock_unlock(&r->srv->lock);
	transition_free(&v);
	return web_json(r, 200, out);
}

static void pct(struct html *h, int64_t num, int64_t den)
{
	view_pct(h, stats_pct100(num, den));
}

static void pupil_row(struct html *h, const struct engine *e, const struct transition_view *v,
		      const struct transition_pupil *tp, int rank)
{
	char text[160];
	html_lit(h, "<tr data-upn=\"");
	html_attr(h, tp->upn);
	html_lit(h, "\" data-risk=\"");
	html_attr(h, transition_risk_name(tp->rank.risk));
	html_lit(h, "\"");
	if (tp->flag)
		html_lit(h, " class=\"flagged\"");
	html_lit(h, "><td>");
	html_int(h, rank);
	html_lit(h, "</td><th scope=\"row\">");
	if (tp->row >= 0) {
		view_pupil_link(h, &e->m.rows[tp->row]);
		html_lit(h, " <small>");
		html_txt(h, e->m.forms[e->m.rows[tp->row].form]);
		html_lit(h, "</small>");
	} else {
		html_txt(h, tp->surname);
		html_lit(h, ", ");
		html_txt(h, tp->forename);
		html_lit(h, " <small>not on roll yet</small>");
	}
	html_lit(h, "</th><td><span class=\"chip risk-");
	html_attr(h, transition_risk_name(tp->rank.risk));
	html_lit(h, "\">");
	html_txt(h, transition_risk_label(tp->rank.risk));
	html_lit(h, "</span></td><td>");
	if (tp->y6.known) {
		pct(h, tp->y6.attended, tp->y6.possible);
		html_lit(h, " <small>(");
		html_txt(h, tp->band >= 0 ? stats_band_label(tp->band) : "too few sessions");
		html_lit(h, "; unauthorised ");
		view_pct(h, tp->rank.unauthorised_pct100);
		html_lit(h, ")</small><br><small>");
		html_txt(h, tp->source);
		html_lit(h, "</small>");
	} else {
		html_lit(h, "–");
	}
	html_lit(h, "</td><td>");
	static const char *const names[] = {"child protection plan", "child in need", "looked after",
					    "free school meals"};
	bool need[] = {tp->needs.cp, tp->needs.cin, tp->needs.looked_after, tp->needs.fsm};
	const char *sep = "";
	for (int i = 0; i < 4; i++)
		if (need[i]) {
			html_txt(h, sep);
			html_txt(h, names[i]);
			sep = ", ";
		}
	if (tp->needs.send == 'K' || tp->needs.send == 'E') {
		html_txt(h, sep);
		html_txt(h, tp->needs.send == 'E' ? "EHC plan" : "SEN support");
	}
	html_lit(h, "</td><td>");
	for (int i = 0; i < tp->n_notes; i++) {
		html_txt(h, patterns_note_text(&tp->notes[i], text, sizeof text));
		html_lit(h, "<br>");
	}
	html_lit(h, "</td><td>");
	if (tp->row >= 0 && v->half_term >= 1) {
		html_lit(h, "first half-term ");
		pct(h, tp->att_first, tp->possible_first);
		if (tp->watched) {
			html_txtf(h, "; half-term %d so far ", v->half_term);
			pct(h, tp->att_now, tp->possible_now);
		}
		if (tp->decliner)
			html_lit(h, " <strong class=\"state overdue\">early decline: to review</strong>");
	}
	html_lit(h, "</td></tr>");
}

int page_transition(struct web_req *r)
{
	struct app_error err = {0};
	struct transition_view v;
	if (build(r, &v, &err) < 0)
		return web_error(r, &err);
	char label[8];
	date_academic_year_label(v.intake, label);
	struct html h = {0};
	html_begin(&h, r, "Transition into Year 7");
	html_lit(&h, "<h1>Transition into Year 7 <small>intake ");
	html_txt(&h, label);
	html_lit(&h, "</small></h1>");
	if (!sees_year7(&r->who))
		html_lit(&h, "<p class=\"hint\">This view is for Year 7, which is not one of your "
			     "years.</p>");
	int flagged = 0, decliners = 0;
	for (int i = 0; i < v.n; i++) {
		flagged += v.v[i].flag;
		decliners += v.v[i].decliner;
	}
	html_lit(&h, "<p class=\"summary\" id=\"transition-summary\">");
	html_txtf(&h, "%d incoming pupil%s, most at risk first; %d at risk or worse in Year 6 "
		      "(flagged through their first three half-terms)",
		  v.n, v.n == 1 ? "" : "s", flagged);
	if (v.half_term >= 2 && v.half_term <= TRANSITION_FLAG_HALF_TERMS)
		html_txtf(&h, "; %d early decliner%s this half-term", decliners,
			  decliners == 1 ? "" : "s");
	html_lit(&h, ".</p><p class=\"hint\">Order: severe, persistent and at-risk absence in "
		     "Year 6, then no figures yet, then the rest; within each, higher Year 6 absence, "
		     "more unauthorised absence, more needs. Year 6 figures come from the pupil's CTF, "
		     "else from the Year 6 list (<code>attend import year6</code>).</p>");
	html_lit(&h, "<div class=\"scroll\"><table class=\"list\" id=\"transition\"><thead><tr><th "
		     "scope=\"col\">#</th><th scope=\"col\">Pupil</th><th scope=\"col\">Year 6</th><th "
		     "scope=\"col\">Attendance in Year 6</th><th scope=\"col\">Needs</th><th "
		     "scope=\"col\">Pattern</th><th scope=\"col\">Year 7 so far</th></tr></thead><tbody>");
	for (int i = 0; i < v.n; i++)
		pupil_row(&h, &r->srv->e, &v, &v.v[i], i + 1);
	pthread_rwlock_unlock(&r->srv->lock);
	html_lit(&h, "</tbody></table></div>");
	transition_free(&v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}
