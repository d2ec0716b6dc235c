/* Casework as JSON (casework_json.h). */
#include "app/casework_json.h"

#include <string.h>

#include "app/analytics.h"
#include "app/casework_legal.h"

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *date_json(date_t d)
{
	return analytics_date_json(d);
}

const char *cw_type_label(const struct cw_catalogues *cat, const char *type)
{
	if (strcmp(type, CW_PLAN_TYPE) == 0)
		return "Support plan";
	return cw_catalogue_label(cat, CWC_INTERVENTION, type);
}

json_t *cw_review_json(const struct engine *e, const struct cw_review_rec *r)
{
	int row = engine_row_of_id(e, r->pupil_id, DATE_INVALID, -1);
	const struct pupil_row *p = row >= 0 ? &e->m.rows[row] : NULL;
	char name[300] = "";
	if (p)
		snprintf(name, sizeof name, "%s %s", p->forename, p->surname);
	int t = cw_trigger_parse(r->kind);
	return json_pack("{s:I, s:o, s:s, s:o, s:o, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:o, "
			 "s:o, s:o, s:o}",
			 "id", (json_int_t)r->id, "upn", p ? json_string(p->upn) : json_null(), "name",
			 name, "form", p ? json_string(e->m.forms[p->form]) : json_null(), "year",
			 p ? json_string(year_name(p->year)) : json_null(), "kind", r->kind, "label",
			 t >= 0 ? cw_trigger_label((enum cw_trigger)t) : r->kind, "key", r->key,
			 "raised_on", date_json(r->raised_on), "detail", r->detail, "stage_then",
			 r->stage_then, "suggested", r->suggested, "state", r->state, "decided_by",
			 str_or_null(r->decided_by), "decided_at", str_or_null(r->decided_at), "reason",
			 str_or_null(r->decision_reason), "stage_set", str_or_null(r->stage_set));
}

json_t *cw_impact_json(const struct engine *e, const struct cw_impact *m)
{
	date_t from = m->w.b1 > m->w.b0 ? calendar_col_date(&e->cal, m->w.b0) : DATE_INVALID;
	date_t to = m->w.a1 > m->w.a0 ? calendar_col_date(&e->cal, m->w.a1 - 1) : DATE_INVALID;
	return json_pack("{s:o, s:o, s:o, s:i, s:i, s:b, s:b, s:I, s:I, s:I, s:I, s:o, s:o}",
			 "before_pct", report_pct_json(m->before_pct100), "after_pct",
			 report_pct_json(m->after_pct100), "change_pp", report_pp_json(m->change_pp100),
			 "before_weeks", m->w.before_weeks, "after_weeks", m->w.after_weeks, "complete",
			 m->w.complete, "enough", m->enough, "before_attended",
			 (json_int_t)tally_attendance(&m->before), "before_possible",
			 (json_int_t)tally_possible(&m->before), "after_attended",
			 (json_int_t)tally_attendance(&m->after), "after_possible",
			 (json_int_t)tally_possible(&m->after), "from", date_json(from), "to",
			 date_json(to));
}

json_t *cw_impact_school_json(const struct cw_catalogues *cat, date_t as_of, int weeks,
			      const struct cw_type_impact *t, int n)
{
	json_t *types = json_array();
	char warn[400];
	for (int i = 0; i < n; i++)
		json_array_append_new(
			types,
			json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:o, s:o, s:o, s:o, s:b, s:o}", "type",
				  t[i].type, "label", cw_type_label(cat, t[i].type), "pupils", t[i].pupils,
				  "counted", t[i].counted, "matched", t[i].matched, "comparison_pupils",
				  t[i].comparison_pupils, "change_pp", report_pp_json(t[i].change_pp100),
				  "matched_change_pp", report_pp_json(t[i].matched_change_pp100),
				  "comparison_pp", report_pp_json(t[i].comparison_pp100), "difference_pp",
				  report_pp_json(t[i].difference_pp100), "too_few", t[i].too_few,
				  "warning", str_or_null(cw_impact_warning(&t[i], warn, sizeof warn))));
	return json_pack("{s:o, s:i, s:i, s:o}", "as_of", date_json(as_of), "weeks", weeks,
			 "min_pupils", CW_IMPACT_MIN_PUPILS, "types", types);
}

static json_t *impact_of(const struct engine *e, const struct week_list *wl, int64_t pupil,
			 date_t start, int weeks, date_t as_of)
{
	struct cw_impact m;
	if (cw_impact_of(e, wl, pupil, start, weeks, as_of, &m) < 0)
		return json_null();
	return cw_impact_json(e, &m);
}

static json_t *plan_json(const struct engine *e, const struct cw_catalogues *cat,
			 const struct cw_case *c, const struct cw_plan_rec *p,
			 const struct week_list *wl, int weeks, date_t as_of)
{
	json_t *barriers = json_array(), *actions = json_array(), *meetings = json_array();
	for (int i = 0; i < c->n_barriers; i++) {
		const struct cw_barrier_rec *b = &c->barriers[i];
		if (b->plan_id == p->id)
			json_array_append_new(barriers, json_pack("{s:s, s:s, s:s, s:s, s:s}", "code",
								  b->code, "label",
								  cw_catalogue_label(cat, CWC_BARRIER, b->code),
								  "note", b->note, "added_by", b->added_by,
								  "added_at", b->added_at));
	}
	for (int i = 0; i < c->n_actions; i++) {
		const struct cw_action_rec *a = &c->actions[i];
		if (a->plan_id == p->id)
			json_array_append_new(
				actions, json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:s, s:o, s:o}", "id",
						   (json_int_t)a->id, "action", a->action, "owner", a->owner,
						   "due_on", date_json(a->due_on), "state", a->state, "note",
						   a->note, "created_by", a->created_by, "done_by",
						   str_or_null(a->done_by), "done_at", str_or_null(a->done_at)));
	}
	for (int i = 0; i < c->n_meetings; i++) {
		const struct cw_meeting_rec *m = &c->meetings[i];
		if (m->plan_id == p->id)
			json_array_append_new(
				meetings,
				json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:o, s:s, s:s}", "id",
					  (json_int_t)m->id, "kind", m->kind, "held_on", date_json(m->held_on),
					  "attendees", m->attendees, "pupil_voice", m->pupil_voice,
					  "parent_voice", m->parent_voice, "notes", m->notes, "next_review_on",
					  date_json(m->next_review_on), "recorded_by", m->recorded_by,
					  "recorded_at", m->recorded_at));
	}
	return json_pack("{s:I, s:s, s:o, s:o, s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:o}", "id",
			 (json_int_t)p->id, "title", p->title, "started_on", date_json(p->started_on),
			 "review_on", date_json(p->review_on), "state", p->state, "outcome",
			 str_or_null(p->outcome), "closed_on", date_json(p->closed_on), "created_by",
			 p->created_by, "barriers", barriers, "actions", actions, "meetings", meetings,
			 "impact", impact_of(e, wl, c->pupil_id, p->started_on, weeks, as_of));
}

static json_t *legal_json(const struct cw_case *c)
{
	json_t *out = json_array();
	char m[16];
	for (int i = 0; i < c->n_legal; i++) {
		const struct cw_legal_rec *l = &c->legal_steps[i];
		json_t *events = json_array(), *docs = json_array();
		for (int k = 0; k < c->n_legal_events; k++) {
			const struct cw_legal_event_rec *ev = &c->legal_events[k];
			if (ev->legal_id == l->id)
				json_array_append_new(
					events, json_pack("{s:s, s:o, s:o, s:s, s:s, s:s}", "kind", ev->kind,
							  "on", date_json(ev->on), "amount",
							  ev->amount_pence >= 0
								  ? json_string(cw_money(ev->amount_pence, m, sizeof m))
								  : json_null(),
							  "text", ev->text, "recorded_by", ev->recorded_by,
							  "recorded_at", ev->recorded_at));
		}
		for (int k = 0; k < c->n_documents; k++) {
			const struct cw_document_rec *d = &c->documents[k];
			if (d->legal_id == l->id)
				json_array_append_new(
					docs, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s}", "id",
							(json_int_t)d->id, "filename", d->filename,
							"content_type", d->content_type, "size",
							(json_int_t)d->size, "sha256", d->sha256,
							"uploaded_by", d->uploaded_by, "uploaded_at",
							d->uploaded_at));
		}
		int k = cw_legal_parse(l->kind);
		json_array_append_new(
			out,
			json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
				  "s:o, s:s, s:s, s:o, s:o}",
				  "id", (json_int_t)l->id, "kind", l->kind, "label",
				  cw_legal_label((enum cw_legal)k), "parent_name", l->parent_name,
				  "issued_on", date_json(l->issued_on), "period_start",
				  date_json(l->period_start), "period_end", date_json(l->period_end),
				  "period_weeks", l->period_weeks ? json_integer(l->period_weeks) : json_null(),
				  "number", l->number ? json_integer(l->number) : json_null(), "amount",
				  l->amount_pence >= 0 ? json_string(cw_money(l->amount_pence, m, sizeof m))
						       : json_null(),
				  "reduced_amount",
				  l->reduced_pence >= 0 ? json_string(cw_money(l->reduced_pence, m, sizeof m))
							: json_null(),
				  "reduced_until", date_json(l->reduced_until), "pay_by", date_json(l->pay_by),
				  "section", str_or_null(l->section), "review_on", date_json(l->review_on),
				  "detail", l->detail, "recorded_by", l->recorded_by, "events", events,
				  "documents", docs));
	}
	return out;
}

json_t *cw_case_json(const struct engine *e, const struct cw_catalogues *cat,
		     const struct cw_case *c, int weeks, date_t as_of)
{
	struct week_list wl;
	if (cw_weeks(&e->cal, &wl) < 0)
		return NULL;
	int row = engine_row_of_id(e, c->pupil_id, DATE_INVALID, -1);
	json_t *stages = json_array(), *reviews = json_array(), *plans = json_array();
	json_t *interventions = json_array(), *part_time = json_array(), *notes = json_array();
	for (int i = 0; i < c->n_stages; i++) {
		const struct cw_stage_rec *s = &c->stages[i];
		json_array_append_new(stages, json_pack("{s:s, s:s, s:s, s:s}", "stage", s->stage,
							"reason", s->reason, "by", s->changed_by, "at",
							s->changed_at));
	}
	for (int i = 0; i < c->n_reviews; i++)
		json_array_append_new(reviews, cw_review_json(e, &c->reviews[i]));
	for (int i = 0; i < c->n_plans; i++)
		json_array_append_new(plans, plan_json(e, cat, c, &c->plans[i], &wl, weeks, as_of));
	for (int i = 0; i < c->n_interventions; i++) {
		const struct cw_intervention_rec *x = &c->interventions[i];
		json_array_append_new(
			interventions,
			json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:o}", "id",
				  (json_int_t)x->id, "type", x->type, "label",
				  cw_catalogue_label(cat, CWC_INTERVENTION, x->type), "plan",
				  x->plan_id ? json_integer(x->plan_id) : json_null(), "started_on",
				  date_json(x->started_on), "planned_end", date_json(x->planned_end),
				  "ended_on", date_json(x->ended_on), "note", x->note, "created_by",
				  x->created_by, "impact",
				  impact_of(e, &wl, c->pupil_id, x->started_on, weeks, as_of)));
	}
	for (int i = 0; i < c->n_part_times; i++) {
		const struct cw_part_time_rec *pt = &c->part_times[i];
		json_t *points = json_array();
		for (int k = 0; k < c->n_pt_reviews; k++) {
			const struct cw_pt_review_rec *r = &c->pt_reviews[k];
			if (r->part_time_id == pt->id)
				json_array_append_new(points, json_pack("{s:I, s:o, s:o, s:o, s:o}", "id",
									(json_int_t)r->id, "due_on",
									date_json(r->due_on), "held_on",
									date_json(r->held_on), "outcome",
									str_or_null(r->outcome), "held_by",
									str_or_null(r->held_by)));
		}
		json_array_append_new(
			part_time,
			json_pack("{s:I, s:I, s:s, s:o, s:o, s:o, s:s, s:s, s:o, s:s, s:o}", "id",
				  (json_int_t)pt->id, "intervention", (json_int_t)pt->intervention_id,
				  "sessions", pt->sessions, "started_on", date_json(pt->started_on),
				  "planned_end", date_json(pt->planned_end), "ended_on",
				  date_json(pt->ended_on), "agreed_with", pt->agreed_with, "reason",
				  pt->reason, "end_reason", str_or_null(pt->end_reason), "created_by",
				  pt->created_by, "reviews", points));
	}
	for (int i = 0; i < c->n_notes; i++)
		json_array_append_new(notes, json_pack("{s:I, s:s, s:s, s:s}", "id",
						       (json_int_t)c->notes[i].id, "body", c->notes[i].body,
						       "by", c->notes[i].written_by, "at",
						       c->notes[i].written_at));
	json_t *out = json_pack(
		"{s:o, s:{s:s, s:s, s:i}, s:o, s:o, s:o, s:o, s:o, s:o, s:i}", "upn",
		row >= 0 ? json_string(e->m.rows[row].upn) : json_null(), "stage", "stage",
		cw_stage_name(c->stage), "label", cw_stage_label(c->stage), "tier",
		cw_stage_tier(c->stage), "stages", stages, "reviews", reviews, "plans", plans,
		"interventions", interventions, "part_time", part_time, "notes", notes, "impact_weeks",
		weeks);
	trends_weeks_free(&wl);
	if (out && c->legal)
		json_object_set_new(out, "legal", legal_json(c));
	if (out && c->safeguarding)
		json_object_set_new(out, "safeguarding_notes", json_integer(c->safeguarding_notes));
	return out;
}
