/* A pupil's casework (the graduated approach), for the staff who see it:
 *   GET /pupils/UPN/casework   the stage and its history, what the triggers
 *                              raised, the support plan (barriers, actions,
 *                              meetings, its impact), interventions with their
 *                              impact, part-time timetables, notes, and formal
 *                              and legal steps for those who handle them
 * Every form on it posts to casework_forms.c and comes back here. The
 * profile's casework section (web_casework_profile_section) is here too. */
#include <stdlib.h>
#include <string.h>

#include "app/casework_legal.h"
#include "app/clock.h"
#include "core/wording.h"
#include "web/casework_web.h"
#include "web/views.h"

struct cwp {
	struct web_req *r;
	const struct engine *e;
	int row;
	struct cw_case c;
	struct cw_catalogues cat;
	struct cw_settings cs;
	struct week_list wl;
	date_t today;
	bool lead, plans;
	char base[48]; /* /pupils/UPN */
};

/* ---- shared pieces ---- */

void cw_html_stage(struct html *h, enum cw_stage s)
{
	html_lit(h, "<span class=\"stage stage-");
	html_attr(h, cw_stage_name(s));
	html_lit(h, "\" data-stage=\"");
	html_attr(h, cw_stage_name(s));
	html_lit(h, "\">");
	html_txt(h, cw_stage_label(s));
	html_txtf(h, " · tier %d", cw_stage_tier(s));
	html_lit(h, "</span>");
}

void cw_form_open(struct html *h, struct web_req *r, const char *action, const char *cls,
		  const char *id)
{
	html_lit(h, "<form method=\"post\" action=\"");
	html_attr(h, action);
	html_lit(h, "\" class=\"");
	html_attr(h, cls);
	if (id) {
		html_lit(h, "\" id=\"");
		html_attr(h, id);
	}
	html_lit(h, "\">");
	html_csrf(h, r);
	html_next(h, r);
}

void cw_field(struct html *h, const char *label, const char *name, const char *type,
	      bool required, const char *value)
{
	html_lit(h, "<label>");
	html_txt(h, label);
	html_lit(h, " <input name=\"");
	html_attr(h, name);
	html_lit(h, "\" type=\"");
	html_attr(h, type);
	html_lit(h, "\"");
	if (strcmp(type, "text") == 0)
		html_lit(h, " maxlength=\"500\"");
	if (value) {
		html_lit(h, " value=\"");
		html_attr(h, value);
		html_lit(h, "\"");
	}
	if (required)
		html_lit(h, " required");
	html_lit(h, "></label>");
}

void cw_area(struct html *h, const char *label, const char *name, bool required)
{
	html_lit(h, "<label>");
	html_txt(h, label);
	html_lit(h, " <textarea rows=\"3\" maxlength=\"4000\" name=\"");
	html_attr(h, name);
	if (required)
		html_lit(h, "\" required></textarea></label>");
	else
		html_lit(h, "\"></textarea></label>");
}

static void pct_of(struct html *h, const struct tally *t)
{
	char b[16];
	html_txt(h, wording_pct(stats_pct100(tally_attendance(t), tally_possible(t)), b, sizeof b));
	html_txtf(h, " (%lld of %lld sessions)", (long long)tally_attendance(t),
		  (long long)tally_possible(t));
}

void cw_html_impact(struct html *h, const struct cw_impact *m, int weeks)
{
	char pp[16];
	html_lit(h, "<p class=\"impact\">");
	if (!tally_possible(&m->after)) {
		html_lit(h, "Impact: it starts on a day to come; the weeks after it have no sessions "
			    "yet.</p>");
		return;
	}
	html_txtf(h, "Before (%d school week%s): ", m->w.before_weeks, m->w.before_weeks == 1 ? "" : "s");
	pct_of(h, &m->before);
	html_lit(h, " · after");
	if (m->w.complete)
		html_txtf(h, " (%d school weeks)", weeks);
	else
		html_txtf(h, " (so far: %d of %d school weeks)", m->w.after_weeks, weeks);
	html_lit(h, ": ");
	pct_of(h, &m->after);
	html_lit(h, " · <strong>change: <span data-k=\"change_pp\" data-v=\"");
	if (m->change_pp100 != PP_NONE) {
		int64_t a = m->change_pp100 < 0 ? -m->change_pp100 : m->change_pp100;
		html_txtf(h, "%s%lld.%02lld", m->change_pp100 < 0 ? "-" : "", (long long)(a / 100),
			  (long long)(a % 100));
	}
	html_lit(h, "\">");
	report_pp_text(pp, sizeof pp, m->change_pp100);
	html_txt(h, pp);
	html_lit(h, " points</span></strong>");
	if (!m->enough)
		html_lit(h, " <small>(fewer than 20 possible sessions on one side: read it with care)"
			    "</small>");
	html_lit(h, "</p>");
}

void cw_html_review(struct html *h, struct web_req *r, const struct engine *e,
		    const struct cw_review_rec *rv, bool name, bool decide)
{
	char d[40], action[64];
	int t = cw_trigger_parse(rv->kind);
	int st = cw_stage_parse(rv->suggested), then = cw_stage_parse(rv->stage_then);
	html_lit(h, "<article class=\"card review\" id=\"review-");
	html_int(h, (long)rv->id);
	html_lit(h, "\" data-kind=\"");
	html_attr(h, rv->kind);
	html_lit(h, "\"><h3>");
	if (name) {
		int row = engine_row_of_id(e, rv->pupil_id, DATE_INVALID, -1);
		if (row >= 0) {
			const struct pupil_row *p = &e->m.rows[row];
			html_lit(h, "<a href=\"/pupils/");
			html_url_seg(h, p->upn);
			html_lit(h, "/casework\">");
			html_txt(h, p->surname);
			html_lit(h, ", ");
			html_txt(h, p->forename);
			html_lit(h, "</a> <small>");
			html_txt(h, e->m.forms[p->form]);
			html_lit(h, "</small>: ");
		}
	}
	html_txt(h, t >= 0 ? cw_trigger_label((enum cw_trigger)t) : rv->kind);
	html_lit(h, "</h3><p>");
	html_txt(h, rv->detail);
	html_lit(h, "</p><p class=\"fd-meta\">Raised ");
	html_txt(h, html_long_date(rv->raised_on, d));
	html_lit(h, " · stage then: ");
	html_txt(h, then >= 0 ? cw_stage_label((enum cw_stage)then) : rv->stage_then);
	html_lit(h, " · suggested: <strong class=\"suggested\">");
	html_txt(h, st >= 0 ? cw_stage_label((enum cw_stage)st) : rv->suggested);
	html_lit(h, "</strong></p>");
	if (strcmp(rv->state, "open") != 0) {
		char when[CLOCK_ISO_LEN];
		html_lit(h, "<p class=\"done\"><span class=\"state taken\">");
		html_txt(h, strcmp(rv->state, "accepted") == 0 ? "Accepted" : "Dismissed");
		html_lit(h, "</span> by ");
		html_txt(h, rv->decided_by);
		html_lit(h, " at ");
		html_txt(h, clock_local_display(rv->decided_at, when));
		if (rv->stage_set[0]) {
			int s = cw_stage_parse(rv->stage_set);
			html_lit(h, " (stage: ");
			html_txt(h, s >= 0 ? cw_stage_label((enum cw_stage)s) : rv->stage_set);
			html_lit(h, ")");
		}
		html_lit(h, ": ");
		html_txt(h, rv->decision_reason);
		html_lit(h, "</p></article>");
		return;
	}
	if (!decide) {
		html_lit(h, "<p class=\"hint\">Waiting for the attendance lead's decision.</p></article>");
		return;
	}
	snprintf(action, sizeof action, "/casework/reviews/%lld", (long long)rv->id);
	cw_form_open(h, r, action, "step decide", NULL);
	html_lit(h, "<label>Stage <select name=\"stage\">");
	for (int s = 0; s < CW_STAGE__MAX; s++) {
		html_lit(h, "<option value=\"");
		html_attr(h, cw_stage_name((enum cw_stage)s));
		if (s == st)
			html_lit(h, "\" selected>");
		else
			html_lit(h, "\">");
		html_txt(h, cw_stage_label((enum cw_stage)s));
		html_lit(h, "</option>");
	}
	html_lit(h, "</select></label><label>Reason <input name=\"reason\" maxlength=\"500\" required "
		    "placeholder=\"what you decided, and why\"></label><span class=\"buttons\">"
		    "<button name=\"decision\" value=\"accept\" class=\"primary\">Accept</button>"
		    "<button name=\"decision\" value=\"dismiss\">Dismiss</button></span></form>"
		    "</article>");
}

struct query_check {
	const char *const *allowed;
	const char *bad;
};

static int check_param(void *ctx, const char *name, const char *value)
{
	(void)value;
	struct query_check *q = ctx;
	if (strcmp(name, "done") == 0)
		return 0;
	for (int i = 0; q->allowed && q->allowed[i]; i++)
		if (strcmp(q->allowed[i], name) == 0)
			return 0;
	q->bad = name;
	return 1;
}

int cw_query_check(struct web_req *r, const char *const *allowed)
{
	struct query_check q = {allowed, NULL};
	if (web_query_each(r, check_param, &q) == 0)
		return 0;
	web_fail(r, ERR_INPUT, q.bad, "'%.40s' is not a parameter of this page", q.bad);
	return -1;
}

/* ---- the sections of the page ---- */

static void impact_of(struct html *h, const struct cwp *pg, date_t start)
{
	struct cw_impact m;
	if (cw_impact_of(pg->e, &pg->wl, pg->c.pupil_id, start, pg->cs.impact_weeks, pg->today, &m) == 0)
		cw_html_impact(h, &m, pg->cs.impact_weeks);
}

static void stage_section(struct html *h, struct cwp *pg)
{
	char when[CLOCK_ISO_LEN], action[80];
	html_lit(h, "<section class=\"card\" id=\"stage\"><h2>Stage</h2><p class=\"now\">");
	cw_html_stage(h, pg->c.stage);
	html_lit(h, " ");
	html_txt(h, cw_stage_means(pg->c.stage));
	html_lit(h, "</p>");
	if (pg->c.n_stages) {
		html_lit(h, "<table class=\"list wrap\" id=\"stage-history\"><thead><tr><th scope=\"col\">"
			    "When</th><th scope=\"col\">Stage</th><th scope=\"col\">Who</th><th "
			    "scope=\"col\">Why</th></tr></thead><tbody>");
		for (int i = pg->c.n_stages - 1; i >= 0; i--) {
			const struct cw_stage_rec *s = &pg->c.stages[i];
			int k = cw_stage_parse(s->stage);
			html_lit(h, "<tr><td>");
			html_txt(h, clock_local_display(s->changed_at, when));
			html_lit(h, "</td><td>");
			html_txt(h, k >= 0 ? cw_stage_label((enum cw_stage)k) : s->stage);
			html_lit(h, "</td><td>");
			html_txt(h, s->changed_by);
			html_lit(h, "</td><td>");
			html_txt(h, s->reason);
			html_lit(h, "</td></tr>");
		}
		html_lit(h, "</tbody></table>");
	} else {
		html_lit(h, "<p class=\"hint\">Never moved: universal support, as every pupil.</p>");
	}
	if (pg->lead) {
		snprintf(action, sizeof action, "%s/stage", pg->base);
		html_lit(h, "<details><summary>Move to another stage</summary>");
		cw_form_open(h, pg->r, action, "step", "stage-form");
		html_lit(h, "<label>Stage <select name=\"stage\">");
		for (int s = 0; s < CW_STAGE__MAX; s++) {
			html_lit(h, "<option value=\"");
			html_attr(h, cw_stage_name((enum cw_stage)s));
			html_lit(h, "\">");
			html_txt(h, cw_stage_label((enum cw_stage)s));
			html_lit(h, "</option>");
		}
		html_lit(h, "</select></label>");
		cw_field(h, "Why", "reason", "text", true, NULL);
		html_lit(h, "<button class=\"primary\">Move</button></form></details>");
	}
	html_lit(h, "</section>");
}

static void reviews_section(struct html *h, struct cwp *pg)
{
	int open = 0;
	for (int i = 0; i < pg->c.n_reviews; i++)
		open += strcmp(pg->c.reviews[i].state, "open") == 0;
	html_lit(h, "<section id=\"reviews\"><h2>Raised for review</h2>");
	if (!pg->c.n_reviews)
		html_lit(h, "<p class=\"hint\">No trigger has raised this pupil yet.</p>");
	for (int i = 0; i < pg->c.n_reviews; i++)
		if (strcmp(pg->c.reviews[i].state, "open") == 0)
			cw_html_review(h, pg->r, pg->e, &pg->c.reviews[i], false, pg->lead);
	if (pg->c.n_reviews > open) {
		html_lit(h, "<details><summary>Decided</summary>");
		for (int i = 0; i < pg->c.n_reviews; i++)
			if (strcmp(pg->c.reviews[i].state, "open") != 0)
				cw_html_review(h, pg->r, pg->e, &pg->c.reviews[i], false, false);
		html_lit(h, "</details>");
	}
	html_lit(h, "</section>");
}

static void catalogue_options(struct html *h, const struct cw_catalogues *cat, enum cw_catalogue k,
			      bool skip_part_time)
{
	for (int i = 0; i < cat->n[k]; i++) {
		const struct cw_item *it = &cat->item[k][i];
		if (it->retired || (skip_part_time && strcmp(it->code, CW_PART_TIME_TYPE) == 0))
			continue;
		html_lit(h, "<option value=\"");
		html_attr(h, it->code);
		html_lit(h, "\">");
		html_txt(h, it->label);
		html_lit(h, "</option>");
	}
}

static void plan_body(struct html *h, struct cwp *pg, const struct cw_plan_rec *p)
{
	char d[40], action[96];
	bool open = strcmp(p->state, "open") == 0, can = open && pg->plans;
	html_lit(h, "<p class=\"fd-meta\">Started ");
	html_txt(h, html_long_date(p->started_on, d));
	html_lit(h, " by ");
	html_txt(h, p->created_by);
	if (open) {
		html_lit(h, " · next review <strong");
		if (p->review_on < pg->today)
			html_lit(h, " class=\"state overdue\"");
		html_lit(h, ">");
		html_txt(h, html_long_date(p->review_on, d));
		if (p->review_on < pg->today)
			html_lit(h, " (overdue)");
		html_lit(h, "</strong>");
	} else {
		html_lit(h, " · closed ");
		html_txt(h, html_long_date(p->closed_on, d));
		html_lit(h, " by ");
		html_txt(h, p->closed_by);
	}
	html_lit(h, "</p>");
	if (!open) {
		html_lit(h, "<p><strong>Outcome:</strong> ");
		html_txt(h, p->outcome);
		html_lit(h, "</p>");
	}
	impact_of(h, pg, p->started_on);
	/* barriers */
	html_lit(h, "<h3>Barriers</h3><ul class=\"barriers\">");
	int nb = 0;
	for (int i = 0; i < pg->c.n_barriers; i++) {
		const struct cw_barrier_rec *b = &pg->c.barriers[i];
		if (b->plan_id != p->id)
			continue;
		nb++;
		html_lit(h, "<li>");
		html_txt(h, cw_catalogue_label(&pg->cat, CWC_BARRIER, b->code));
		if (b->note[0]) {
			html_lit(h, ": ");
			html_txt(h, b->note);
		}
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>");
	if (!nb)
		html_lit(h, "<p class=\"hint\">None named yet.</p>");
	if (can) {
		snprintf(action, sizeof action, "%s/plans/%lld/barriers", pg->base, (long long)p->id);
		cw_form_open(h, pg->r, action, "step", "barrier-form");
		html_lit(h, "<label>Barrier <select name=\"code\">");
		catalogue_options(h, &pg->cat, CWC_BARRIER, false);
		html_lit(h, "</select></label>");
		cw_field(h, "Note", "note", "text", false, NULL);
		html_lit(h, "<button>Add the barrier</button></form>");
	}
	/* actions */
	html_lit(h, "<h3>Actions agreed</h3>");
	int na = 0;
	for (int i = 0; i < pg->c.n_actions; i++) {
		const struct cw_action_rec *a = &pg->c.actions[i];
		if (a->plan_id != p->id)
			continue;
		if (!na++)
			html_lit(h, "<table class=\"list wrap\" id=\"actions\"><thead><tr><th scope=\"col\">"
				    "Action</th><th scope=\"col\">Who</th><th scope=\"col\">By</th><th "
				    "scope=\"col\">State</th></tr></thead><tbody>");
		bool late = strcmp(a->state, "open") == 0 && a->due_on < pg->today;
		html_lit(h, "<tr><td>");
		html_txt(h, a->action);
		html_lit(h, "</td><td>");
		html_txt(h, a->owner);
		html_lit(h, "</td><td>");
		html_txt(h, date_format(a->due_on, d));
		if (late)
			html_lit(h, " <strong class=\"state overdue\">overdue</strong>");
		html_lit(h, "</td><td>");
		if (strcmp(a->state, "open") == 0 && can) {
			snprintf(action, sizeof action, "%s/actions/%lld", pg->base, (long long)a->id);
			cw_form_open(h, pg->r, action, "step", NULL);
			html_lit(h, "<input name=\"note\" maxlength=\"500\" placeholder=\"note\" "
				    "aria-label=\"Note\"><span class=\"buttons\"><button name=\"state\" "
				    "value=\"done\">Done</button><button name=\"state\" value=\"dropped\">"
				    "Dropped (with a note)</button></span></form>");
		} else {
			html_lit(h, "<span class=\"state ");
			html_attr(h, a->state);
			html_lit(h, "\">");
			html_txt(h, a->state);
			html_lit(h, "</span>");
			if (a->note[0]) {
				html_lit(h, ": ");
				html_txt(h, a->note);
			}
		}
		html_lit(h, "</td></tr>");
	}
	if (na)
		html_lit(h, "</tbody></table>");
	else
		html_lit(h, "<p class=\"hint\">No action agreed yet.</p>");
	if (can) {
		snprintf(action, sizeof action, "%s/plans/%lld/actions", pg->base, (long long)p->id);
		cw_form_open(h, pg->r, action, "step", "action-form");
		cw_field(h, "Action", "action", "text", true, NULL);
		cw_field(h, "Who", "owner", "text", true, NULL);
		cw_field(h, "By", "due_on", "date", true, NULL);
		html_lit(h, "<button>Add the action</button></form>");
	}
	/* meetings */
	html_lit(h, "<h3>Meetings and reviews</h3>");
	int nm = 0;
	html_lit(h, "<ol class=\"log\" id=\"meetings\">");
	for (int i = 0; i < pg->c.n_meetings; i++) {
		const struct cw_meeting_rec *m = &pg->c.meetings[i];
		if (m->plan_id != p->id)
			continue;
		nm++;
		html_lit(h, "<li class=\"card\"><p><strong>");
		html_txt(h, strcmp(m->kind, "review") == 0 ? "Review" : "Support meeting");
		html_lit(h, "</strong> ");
		html_txt(h, html_long_date(m->held_on, d));
		html_lit(h, " · ");
		html_txt(h, m->attendees);
		html_lit(h, "</p>");
		static const char *const heads[3] = {"Pupil's voice", "Parent's voice", "Notes"};
		const char *texts[3] = {m->pupil_voice, m->parent_voice, m->notes};
		for (int k = 0; k < 3; k++) {
			if (!texts[k][0])
				continue;
			html_lit(h, "<p><em>");
			html_txt(h, heads[k]);
			html_lit(h, ":</em> ");
			html_txt(h, texts[k]);
			html_lit(h, "</p>");
		}
		if (m->next_review_on != DATE_INVALID) {
			html_lit(h, "<p class=\"fd-meta\">Next review: ");
			html_txt(h, html_long_date(m->next_review_on, d));
			html_lit(h, "</p>");
		}
		html_lit(h, "</li>");
	}
	html_lit(h, "</ol>");
	if (!nm)
		html_lit(h, "<p class=\"hint\">No meeting recorded yet.</p>");
	if (!can) {
		html_lit(h, "</article>");
		return;
	}
	snprintf(action, sizeof action, "%s/plans/%lld/meetings", pg->base, (long long)p->id);
	html_lit(h, "<details open><summary>Record a meeting or review</summary>");
	cw_form_open(h, pg->r, action, "stack", "meeting-form");
	html_lit(h, "<label>Kind <select name=\"kind\"><option value=\"meeting\">Support meeting"
		    "</option><option value=\"review\">Review of the plan</option></select></label>");
	char today[DATE_ISO_LEN];
	cw_field(h, "Held on", "held_on", "date", true, date_format(pg->today, today));
	cw_field(h, "Who attended", "attendees", "text", true, NULL);
	cw_area(h, "The pupil's voice", "pupil_voice", false);
	cw_area(h, "The parent's voice", "parent_voice", false);
	cw_area(h, "Agreed and notes", "notes", false);
	cw_field(h, "Next review", "next_review_on", "date", false, NULL);
	html_lit(h, "<button class=\"primary\">Record</button></form></details>");
	snprintf(action, sizeof action, "%s/plans/%lld/close", pg->base, (long long)p->id);
	html_lit(h, "<details><summary>Close the plan with its outcome</summary>");
	cw_form_open(h, pg->r, action, "stack", "close-form");
	cw_area(h, "Outcome", "outcome", true);
	cw_field(h, "Closed on", "closed_on", "date", false, date_format(pg->today, today));
	html_lit(h, "<button>Close the plan</button></form></details></article>");
}

static void plan_section(struct html *h, struct cwp *pg)
{
	char action[80], today[DATE_ISO_LEN];
	html_lit(h, "<section id=\"plan\"><h2>Support plan</h2>");
	const struct cw_plan_rec *open = cw_case_open_plan(&pg->c);
	if (open) {
		html_lit(h, "<article class=\"card plan\" id=\"plan-open\"><h3 class=\"title\">");
		html_txt(h, open->title);
		html_lit(h, "</h3>");
		plan_body(h, pg, open);
	} else {
		html_lit(h, "<p class=\"hint\">No open support plan.</p>");
		if (pg->plans) {
			snprintf(action, sizeof action, "%s/plans", pg->base);
			html_lit(h, "<details open><summary>Start a support plan</summary>");
			cw_form_open(h, pg->r, action, "stack", "plan-form");
			cw_field(h, "What it is for", "title", "text", true, NULL);
			cw_field(h, "Started on", "started_on", "date", true, date_format(pg->today, today));
			cw_field(h, "First review", "review_on", "date", true, NULL);
			html_lit(h, "<fieldset class=\"checks\"><legend>Barriers</legend>");
			for (int i = 0; i < pg->cat.n[CWC_BARRIER]; i++) {
				const struct cw_item *it = &pg->cat.item[CWC_BARRIER][i];
				if (it->retired)
					continue;
				html_lit(h, "<label class=\"check\"><input type=\"checkbox\" name=\"barriers\" "
					    "value=\"");
				html_attr(h, it->code);
				html_lit(h, "\"> ");
				html_txt(h, it->label);
				html_lit(h, "</label>");
			}
			html_lit(h, "</fieldset><button class=\"primary\">Start the plan</button></form>"
				    "</details>");
		}
	}
	int closed = 0;
	for (int i = 0; i < pg->c.n_plans; i++)
		closed += strcmp(pg->c.plans[i].state, "open") != 0;
	if (closed) {
		html_lit(h, "<details><summary>");
		html_txtf(h, "Earlier plans (%d)", closed);
		html_lit(h, "</summary>");
		for (int i = 0; i < pg->c.n_plans; i++) {
			if (strcmp(pg->c.plans[i].state, "open") == 0)
				continue;
			html_lit(h, "<article class=\"card plan\"><h3>");
			html_txt(h, pg->c.plans[i].title);
			html_lit(h, "</h3>");
			plan_body(h, pg, &pg->c.plans[i]);
		}
		html_lit(h, "</details>");
	}
	html_lit(h, "</section>");
}

static void interventions_section(struct html *h, struct cwp *pg)
{
	char d[DATE_ISO_LEN], action[96];
	html_lit(h, "<section id=\"interventions\"><h2>Interventions</h2>");
	if (!pg->c.n_interventions)
		html_lit(h, "<p class=\"hint\">None yet.</p>");
	for (int i = pg->c.n_interventions - 1; i >= 0; i--) {
		const struct cw_intervention_rec *x = &pg->c.interventions[i];
		html_lit(h, "<article class=\"card intervention\" data-type=\"");
		html_attr(h, x->type);
		html_lit(h, "\"><h3>");
		html_txt(h, cw_catalogue_label(&pg->cat, CWC_INTERVENTION, x->type));
		html_lit(h, "</h3><p class=\"fd-meta\">From ");
		html_txt(h, date_format(x->started_on, d));
		if (x->ended_on != DATE_INVALID) {
			html_lit(h, " to ");
			html_txt(h, date_format(x->ended_on, d));
		} else if (x->planned_end != DATE_INVALID) {
			html_lit(h, " · planned to end ");
			html_txt(h, date_format(x->planned_end, d));
		}
		if (x->note[0]) {
			html_lit(h, " · ");
			html_txt(h, x->note);
		}
		html_lit(h, "</p>");
		impact_of(h, pg, x->started_on);
		if (x->ended_on == DATE_INVALID && pg->plans && strcmp(x->type, CW_PART_TIME_TYPE) != 0) {
			snprintf(action, sizeof action, "%s/interventions/%lld/end", pg->base, (long long)x->id);
			cw_form_open(h, pg->r, action, "step", NULL);
			cw_field(h, "Ended on", "ended_on", "date", false, date_format(pg->today, d));
			html_lit(h, "<button>End it</button></form>");
		}
		html_lit(h, "</article>");
	}
	if (pg->plans) {
		const struct cw_plan_rec *open = cw_case_open_plan(&pg->c);
		snprintf(action, sizeof action, "%s/interventions", pg->base);
		html_lit(h, "<details><summary>Start an intervention</summary>");
		cw_form_open(h, pg->r, action, "stack", "intervention-form");
		html_lit(h, "<label>Intervention <select name=\"type\">");
		catalogue_options(h, &pg->cat, CWC_INTERVENTION, true);
		html_lit(h, "</select></label>");
		cw_field(h, "Starts on", "started_on", "date", true, date_format(pg->today, d));
		cw_field(h, "Planned end", "planned_end", "date", false, NULL);
		cw_field(h, "Note", "note", "text", false, NULL);
		if (open) {
			html_lit(h, "<label class=\"check\"><input type=\"checkbox\" name=\"plan\" value=\"");
			html_int(h, (long)open->id);
			html_lit(h, "\" checked> Part of the support plan</label>");
		}
		html_lit(h, "<button class=\"primary\">Start</button></form></details>");
	}
	html_lit(h, "</section>");
}

static void part_time_section(struct html *h, struct cwp *pg)
{
	char d[DATE_ISO_LEN], words[160], action[96];
	html_lit(h, "<section id=\"part-time\"><h2>Part-time timetable</h2>");
	bool current = false;
	for (int i = pg->c.n_part_times - 1; i >= 0; i--) {
		const struct cw_part_time_rec *pt = &pg->c.part_times[i];
		bool on = pt->ended_on == DATE_INVALID;
		current |= on;
		unsigned mask = 0;
		cw_sessions_parse(pt->sessions, &mask);
		html_lit(h, "<article class=\"card part-time\"><p><strong>Not attending:</strong> ");
		html_txt(h, cw_sessions_words(mask, words, sizeof words));
		html_lit(h, " (C2 on the register)</p><p class=\"fd-meta\">From ");
		html_txt(h, date_format(pt->started_on, d));
		html_lit(h, " · planned end ");
		html_txt(h, date_format(pt->planned_end, d));
		if (on && pt->planned_end < pg->today)
			html_lit(h, " <strong class=\"state overdue\">past its planned end</strong>");
		if (!on) {
			html_lit(h, " · ended ");
			html_txt(h, date_format(pt->ended_on, d));
			html_lit(h, ": ");
			html_txt(h, pt->end_reason);
		}
		html_lit(h, " · agreed with ");
		html_txt(h, pt->agreed_with);
		html_lit(h, "</p><p>");
		html_txt(h, pt->reason);
		html_lit(h, "</p><ul class=\"reviews\">");
		for (int k = 0; k < pg->c.n_pt_reviews; k++) {
			const struct cw_pt_review_rec *rv = &pg->c.pt_reviews[k];
			if (rv->part_time_id != pt->id)
				continue;
			html_lit(h, "<li>Review ");
			html_txt(h, date_format(rv->due_on, d));
			if (rv->held_on != DATE_INVALID) {
				html_lit(h, ": held ");
				html_txt(h, date_format(rv->held_on, d));
				html_lit(h, " by ");
				html_txt(h, rv->held_by);
				html_lit(h, ": ");
				html_txt(h, rv->outcome);
			} else if (on && pg->lead) {
				if (rv->due_on < pg->today)
					html_lit(h, " <strong class=\"state overdue\">overdue</strong>");
				snprintf(action, sizeof action, "%s/part-time/%lld/review", pg->base,
					 (long long)pt->id);
				cw_form_open(h, pg->r, action, "step", NULL);
				html_lit(h, "<input type=\"hidden\" name=\"review\" value=\"");
				html_int(h, (long)rv->id);
				html_lit(h, "\">");
				cw_field(h, "Outcome", "outcome", "text", true, NULL);
				cw_field(h, "Next review", "next_review", "date", false, NULL);
				html_lit(h, "<button>Record the review</button></form>");
			}
			html_lit(h, "</li>");
		}
		html_lit(h, "</ul>");
		if (on && pg->lead) {
			snprintf(action, sizeof action, "%s/part-time/%lld/end", pg->base, (long long)pt->id);
			cw_form_open(h, pg->r, action, "step", NULL);
			cw_field(h, "Ends on", "ended_on", "date", false, date_format(pg->today, d));
			cw_field(h, "Why", "reason", "text", true, NULL);
			html_lit(h, "<button>End the timetable</button></form>");
		}
		html_lit(h, "</article>");
	}
	if (!pg->c.n_part_times)
		html_lit(h, "<p class=\"hint\">None: the pupil is on a full timetable.</p>");
	if (!current && pg->lead) {
		snprintf(action, sizeof action, "%s/part-time", pg->base);
		html_lit(h, "<details><summary>Agree a part-time timetable</summary><p class=\"hint\">"
			    "Only for the shortest time necessary, with review points. The sessions "
			    "ticked are recorded as C2 on the register, through its rules, up to "
			    "today and each day after, until it ends.</p>");
		cw_form_open(h, pg->r, action, "stack", "part-time-form");
		html_lit(h, "<fieldset class=\"checks\"><legend>Sessions not attended</legend>");
		static const char *const days[5] = {"Mon", "Tue", "Wed", "Thu", "Fri"};
		for (int dd = 0; dd < 5; dd++)
			for (int s = 0; s < 2; s++) {
				html_lit(h, "<label class=\"check\"><input type=\"checkbox\" name=\"sessions\" "
					    "value=\"");
				html_txtf(h, "%s:%s", days[dd], s ? "PM" : "AM");
				html_lit(h, "\"> ");
				html_txtf(h, "%s %s", days[dd], s ? "PM" : "AM");
				html_lit(h, "</label>");
			}
		html_lit(h, "</fieldset>");
		cw_field(h, "Starts on", "started_on", "date", true, date_format(pg->today, d));
		cw_field(h, "Planned end", "planned_end", "date", true, NULL);
		cw_field(h, "Review points (dates, separated by spaces)", "reviews", "text", true, NULL);
		cw_field(h, "Agreed with", "agreed_with", "text", true, NULL);
		cw_field(h, "Why", "reason", "text", true, NULL);
		html_lit(h, "<button class=\"primary\">Agree it</button></form></details>");
	}
	html_lit(h, "</section>");
}

static void notes_section(struct html *h, struct cwp *pg)
{
	char when[CLOCK_ISO_LEN], action[80];
	html_lit(h, "<section id=\"notes\"><h2>Notes</h2>");
	if (pg->c.safeguarding) {
		html_lit(h, "<p class=\"safeguarding\"><a href=\"");
		html_attr(h, pg->base);
		html_lit(h, "/safeguarding\">");
		html_txtf(h, "Safeguarding notes (%d)", pg->c.safeguarding_notes);
		html_lit(h, "</a> <small>Reading them is logged.</small></p>");
	}
	html_lit(h, "<ol class=\"log\" id=\"note-list\">");
	for (int i = 0; i < pg->c.n_notes; i++) {
		html_lit(h, "<li><p>");
		html_txt(h, pg->c.notes[i].body);
		html_lit(h, "</p><p class=\"fd-meta\">");
		html_txt(h, pg->c.notes[i].written_by);
		html_lit(h, " · ");
		html_txt(h, clock_local_display(pg->c.notes[i].written_at, when));
		html_lit(h, "</p></li>");
	}
	html_lit(h, "</ol>");
	snprintf(action, sizeof action, "%s/notes", pg->base);
	cw_form_open(h, pg->r, action, "stack", "note-form");
	cw_area(h, "Add a note", "body", true);
	if (pg->c.safeguarding)
		html_lit(h, "<label class=\"check\"><input type=\"checkbox\" name=\"safeguarding\" "
			    "value=\"Y\"> Safeguarding: only the DSL and the attendance lead read it"
			    "</label>");
	html_lit(h, "<button>Add the note</button></form></section>");
}

static void legal_step(struct html *h, struct cwp *pg, const struct cw_legal_rec *l)
{
	char d[40], m[16], action[120];
	int k = cw_legal_parse(l->kind);
	html_lit(h, "<article class=\"card legal\" data-kind=\"");
	html_attr(h, l->kind);
	html_lit(h, "\"><h3>");
	html_txt(h, cw_legal_label((enum cw_legal)k));
	if (l->number)
		html_txtf(h, " (%s within 3 years)", l->number == 1 ? "first" : "second");
	html_lit(h, "</h3><p class=\"fd-meta\">");
	html_txt(h, html_long_date(l->issued_on, d));
	if (l->parent_name[0]) {
		html_lit(h, " · to ");
		html_txt(h, l->parent_name);
	}
	html_lit(h, " · recorded by ");
	html_txt(h, l->recorded_by);
	html_lit(h, "</p>");
	if (l->amount_pence >= 0) {
		html_lit(h, "<p class=\"amounts\">");
		html_txt(h, cw_money(l->amount_pence, m, sizeof m));
		if (l->reduced_pence > 0) {
			html_lit(h, ", reduced to ");
			html_txt(h, cw_money(l->reduced_pence, m, sizeof m));
			html_lit(h, " if paid by ");
			html_txt(h, html_long_date(l->reduced_until, d));
		} else {
			html_lit(h, ", no reduction");
		}
		html_lit(h, "; to be paid by ");
		html_txt(h, html_long_date(l->pay_by, d));
		html_lit(h, ".</p>");
	}
	if (l->period_weeks) {
		html_lit(h, "<p class=\"period\">");
		html_txtf(h, "Improvement period: %d school weeks, ", l->period_weeks);
		html_txt(h, html_long_date(l->period_start, d));
		html_lit(h, " to ");
		html_txt(h, html_long_date(l->period_end, d));
		html_lit(h, ".</p>");
	}
	if (l->section[0]) {
		html_lit(h, "<p>");
		html_txt(h, cw_section_maximum(l->section));
		html_lit(h, ".</p>");
	}
	if (l->review_on != DATE_INVALID) {
		html_lit(h, "<p>Review: ");
		html_txt(h, html_long_date(l->review_on, d));
		html_lit(h, "</p>");
	}
	if (l->detail[0]) {
		html_lit(h, "<p>");
		html_txt(h, l->detail);
		html_lit(h, "</p>");
	}
	html_lit(h, "<ul class=\"events\">");
	for (int i = 0; i < pg->c.n_legal_events; i++) {
		const struct cw_legal_event_rec *ev = &pg->c.legal_events[i];
		if (ev->legal_id != l->id)
			continue;
		html_lit(h, "<li><strong>");
		html_txt(h, ev->kind);
		html_lit(h, "</strong> ");
		html_txt(h, date_format(ev->on, d));
		if (ev->amount_pence >= 0) {
			html_lit(h, " ");
			html_txt(h, cw_money(ev->amount_pence, m, sizeof m));
		}
		if (ev->text[0]) {
			html_lit(h, ": ");
			html_txt(h, ev->text);
		}
		html_lit(h, " <small>(");
		html_txt(h, ev->recorded_by);
		html_lit(h, ")</small></li>");
	}
	html_lit(h, "</ul><ul class=\"documents\">");
	for (int i = 0; i < pg->c.n_documents; i++) {
		const struct cw_document_rec *doc = &pg->c.documents[i];
		if (doc->legal_id != l->id)
			continue;
		snprintf(action, sizeof action, "%s/legal/%lld/documents/%lld", pg->base, (long long)l->id,
			 (long long)doc->id);
		html_lit(h, "<li><a href=\"");
		html_attr(h, action);
		html_lit(h, "\">");
		html_txt(h, doc->filename);
		html_lit(h, "</a> <small>");
		html_txtf(h, "%lld KB, ", (long long)((doc->size + 1023) / 1024));
		html_txt(h, doc->uploaded_by);
		html_lit(h, "</small></li>");
	}
	html_lit(h, "</ul>");
	snprintf(action, sizeof action, "%s/legal/%lld/events", pg->base, (long long)l->id);
	cw_form_open(h, pg->r, action, "step", NULL);
	html_lit(h, "<label>What happened <select name=\"kind\"><option value=\"note\">A note</option>"
		    "<option value=\"paid\">Paid</option><option value=\"withdrawn\">Withdrawn</option>"
		    "<option value=\"hearing\">A hearing</option><option value=\"outcome\">The outcome"
		    "</option></select></label>");
	cw_field(h, "On", "on", "date", true, date_format(pg->today, d));
	cw_field(h, "Amount (£, a payment)", "amount", "text", false, NULL);
	cw_field(h, "Detail", "text", "text", false, NULL);
	html_lit(h, "<button>Record</button></form>");
	snprintf(action, sizeof action, "%s/legal/%lld/documents", pg->base, (long long)l->id);
	html_lit(h, "<form method=\"post\" enctype=\"multipart/form-data\" class=\"step\" action=\"");
	html_attr(h, action);
	html_lit(h, "\">");
	html_csrf(h, pg->r);
	html_next(h, pg->r);
	html_lit(h, "<label>Document (PDF, PNG or JPEG, at most 5 MB) <input type=\"file\" name=\"file\" "
		    "accept=\"application/pdf,image/png,image/jpeg\" required></label><button>Upload"
		    "</button></form></article>");
}

static void legal_section(struct html *h, struct cwp *pg)
{
	char action[80], d[DATE_ISO_LEN];
	html_lit(h, "<section id=\"legal\"><h2>Formal and legal steps</h2><p class=\"hint\">Seen only "
		    "by the attendance lead and administrators. Support continues alongside every "
		    "step.</p>");
	if (!pg->c.n_legal)
		html_lit(h, "<p class=\"hint\">None.</p>");
	for (int i = 0; i < pg->c.n_legal; i++)
		legal_step(h, pg, &pg->c.legal_steps[i]);
	snprintf(action, sizeof action, "%s/legal", pg->base);
	html_lit(h, "<details><summary>Record a formal or legal step</summary>");
	cw_form_open(h, pg->r, action, "stack", "legal-form");
	html_lit(h, "<label>Step <select name=\"kind\">");
	for (int k = 0; k < CWL_LEGAL__MAX; k++) {
		html_lit(h, "<option value=\"");
		html_attr(h, cw_legal_name((enum cw_legal)k));
		html_lit(h, "\">");
		html_txt(h, cw_legal_label((enum cw_legal)k));
		html_lit(h, "</option>");
	}
	html_lit(h, "</select></label>");
	cw_field(h, "To (the parent)", "parent_name", "text", false, NULL);
	cw_field(h, "Issued or agreed on", "issued_on", "date", true, date_format(pg->today, d));
	html_lit(h, "<label>Improvement period (notice to improve) <select name=\"period_weeks\">"
		    "<option value=\"\">–</option><option>3</option><option>4</option><option>5"
		    "</option><option>6</option></select></label><label>Section (prosecution) <select "
		    "name=\"section\"><option value=\"\">–</option><option value=\"s444(1)\">s444(1): "
		    "a fine of up to £1,000</option><option value=\"s444(1A)\">s444(1A): up to £2,500 "
		    "and/or 3 months' imprisonment</option></select></label>");
	cw_field(h, "Review on (a contract)", "review_on", "date", false, NULL);
	cw_area(h, "Detail", "detail", false);
	html_lit(h, "<p class=\"hint\">A penalty notice: the first to a parent for this child within "
		    "3 years is £160, £80 if paid within 21 days; the second £160 with no reduction; a "
		    "third is not issued.</p><button class=\"primary\">Record</button></form></details>"
		    "</section>");
}

/* ---- the page ---- */

static int load(struct cwp *pg, struct web_req *r, const char *upn, struct app_error *err)
{
	memset(pg, 0, sizeof *pg);
	pg->r = r;
	pg->e = &r->srv->e;
	pg->today = web_today();
	if (upn_shape_error(upn))
		return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %.16s", upn);
	int rc = web_pupil_row(r, upn, pg->today, &pg->row, err);
	if (rc == 0 && !cw_sees_pupil(&r->who, pg->e, pg->row))
		rc = app_fail(err, ERR_FORBIDDEN, "upn", "casework is not for the %s account",
			      role_label(r->who.role));
	if (rc < 0)
		return -1;
	const struct pupil_row *p = &pg->e->m.rows[pg->row];
	snprintf(pg->base, sizeof pg->base, "/pupils/%s", p->upn);
	pg->lead = cw_leads(&r->who);
	pg->plans = cw_plans_for(&r->who, pg->e, pg->row);
	if (casework_settings_load(r->rd, pg->e->school.id, NULL, NULL, &pg->cs, err) < 0 ||
	    cw_catalogues_load(r->rd, pg->e->school.id, &pg->cat, err) < 0)
		return -1;
	if (cw_case_load(r->rd, pg->e->school.id, p->pupil_id, &r->who, &pg->c, err) < 0 ||
	    cw_weeks(&pg->e->cal, &pg->wl) < 0) {
		cw_catalogues_free(&pg->cat);
		return app_fail(err, err->kind ? err->kind : ERR_INTERNAL, NULL, "%s",
				err->message[0] ? err->message : "out of memory");
	}
	return 0;
}

static void unload(struct cwp *pg)
{
	cw_case_free(&pg->c);
	cw_catalogues_free(&pg->cat);
	trends_weeks_free(&pg->wl);
}

int web_casework_page(struct web_req *r, const char *upn, int status, const char *error)
{
	struct app_error err = {0};
	struct cwp pg;
	pthread_rwlock_rdlock(&r->srv->lock);
	if (load(&pg, r, upn, &err) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	const struct pupil_row *p = &pg.e->m.rows[pg.row];
	char title[300];
	snprintf(title, sizeof title, "Casework: %s %s", p->forename, p->surname);
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>");
	html_txt(&h, title);
	html_lit(&h, " <small>Year ");
	html_txt(&h, year_name(p->year));
	html_lit(&h, " · ");
	html_txt(&h, pg.e->m.forms[p->form]);
	html_lit(&h, " · UPN ");
	html_txt(&h, p->upn);
	html_lit(&h, "</small></h1><p><a href=\"");
	html_attr(&h, pg.base);
	html_lit(&h, "\">Attendance profile</a> · <a href=\"");
	html_attr(&h, pg.base);
	html_lit(&h, "/family\">Family and contact log</a>");
	if (pg.lead)
		html_lit(&h, " · <a href=\"/casework\">The review list</a>");
	html_lit(&h, "</p>");
	html_error_flash(&h, error);
	html_done_flash(&h, r);
	html_lit(&h, "<nav class=\"toc\" aria-label=\"On this page\"><a href=\"#stage\">Stage</a>"
		     "<a href=\"#reviews\">Raised</a><a href=\"#plan\">Support plan</a><a "
		     "href=\"#interventions\">Interventions</a><a href=\"#part-time\">Part-time "
		     "timetable</a><a href=\"#notes\">Notes</a>");
	if (pg.c.legal)
		html_lit(&h, "<a href=\"#legal\">Legal</a>");
	html_lit(&h, "</nav>");
	stage_section(&h, &pg);
	reviews_section(&h, &pg);
	plan_section(&h, &pg);
	interventions_section(&h, &pg);
	part_time_section(&h, &pg);
	notes_section(&h, &pg);
	if (pg.c.legal)
		legal_section(&h, &pg);
	pthread_rwlock_unlock(&r->srv->lock);
	unload(&pg);
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_casework_pupil(struct web_req *r)
{
	if (cw_query_check(r, NULL) < 0)
		return 0;
	return web_casework_page(r, r->args[0], 200, NULL);
}

void web_casework_profile_section(struct html *h, struct web_req *r, int row)
{
	const struct engine *e = &r->srv->e;
	html_lit(h, "<h2 id=\"casework\">Casework</h2>");
	if (!cw_sees_pupil(&r->who, e, row)) {
		html_lit(h, "<p class=\"hint\">Casework is for the attendance lead, the DSL, heads of "
			    "year and tutors.</p>");
		return;
	}
	struct app_error err = {0};
	struct cwp pg;
	const struct pupil_row *p = &e->m.rows[row];
	/* the read lock is the profile's */
	memset(&pg, 0, sizeof pg);
	pg.r = r;
	pg.e = e;
	pg.row = row;
	pg.today = web_today();
	if (casework_settings_load(r->rd, e->school.id, NULL, NULL, &pg.cs, &err) < 0 ||
	    cw_catalogues_load(r->rd, e->school.id, &pg.cat, &err) < 0) {
		html_error_flash(h, err.message);
		return;
	}
	if (cw_case_load(r->rd, e->school.id, p->pupil_id, &r->who, &pg.c, &err) < 0 ||
	    cw_weeks(&e->cal, &pg.wl) < 0) {
		cw_catalogues_free(&pg.cat);
		html_error_flash(h, "The casework could not be read.");
		return;
	}
	html_lit(h, "<p>");
	cw_html_stage(h, pg.c.stage);
	html_lit(h, " <a href=\"/pupils/");
	html_url_seg(h, p->upn);
	html_lit(h, "/casework\">The casework</a></p>");
	int open = 0;
	for (int i = 0; i < pg.c.n_reviews; i++)
		open += strcmp(pg.c.reviews[i].state, "open") == 0;
	const struct cw_plan_rec *plan = cw_case_open_plan(&pg.c);
	html_lit(h, "<p>");
	if (open)
		html_txtf(h, "%d trigger%s waiting for the attendance lead's review. ", open,
			  open == 1 ? "" : "s");
	if (plan) {
		char d[40];
		html_lit(h, "Support plan: <strong>");
		html_txt(h, plan->title);
		html_lit(h, "</strong>, next review ");
		html_txt(h, html_long_date(plan->review_on, d));
		html_lit(h, ".");
	} else {
		html_lit(h, "No open support plan.");
	}
	html_lit(h, "</p>");
	int current = 0;
	for (int i = 0; i < pg.c.n_interventions; i++)
		current += pg.c.interventions[i].ended_on == DATE_INVALID;
	html_lit(h, "<p>");
	html_txtf(h, "%d intervention%s under way", current, current == 1 ? "" : "s");
	if (pg.c.legal)
		html_txtf(h, "; %d formal or legal step%s", pg.c.n_legal, pg.c.n_legal == 1 ? "" : "s");
	html_lit(h, ".</p>");
	unload(&pg);
}
