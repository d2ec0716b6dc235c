/* The lesson registers API:
 *   GET /api/lessons?date=                    the lessons of a day the caller sees
 *   GET /api/lessons/DATE/PERIOD/CLASS        the class's pupils and their marks
 *   PUT /api/lessons/DATE/PERIOD/CLASS        {"marks":[{"upn","code","minutes_late"}],"reason"}
 *   GET /api/missing?date=                    missing now, and registers not taken
 */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "web/web.h"

static json_t *text_or_null(bool has, const char *s)
{
	return has ? json_string(s) : json_null();
}

/* Adds the period's name, times and registration to j. */
static void add_times(json_t *j, const struct tt_period *p)
{
	char a[6], b[6];
	json_t *t = json_pack("{s:s, s:s, s:s, s:o}", "period", p->label, "starts_at",
			 tt_time_text(p->start, a), "ends_at", tt_time_text(p->end, b), "registration",
			 p->reg == TT_REG_NONE ? json_null() : json_string(session_name((enum session)p->reg)));
	json_object_update(j, t);
	json_decref(t);
}

static json_t *slot_json(const struct engine *e, date_t day, const struct lesson_slot *s)
{
	const struct lesson_class *k = &e->lessons->classes[s->cls];
	const struct tt_period *p = &lessons_day(e->lessons, &e->cal, calendar_day_index(&e->cal, day))
					     ->p[s->period];
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:i, s:i, s:i, s:b}", "class", k->code,
			      "subject", k->subject, "teacher", k->teacher, "room", k->room, "taken_by",
			      text_or_null(s->taken, s->taken_by), "taken_at",
			      text_or_null(s->taken, s->taken_at), "pupils", s->pupils, "marked",
			      s->marked, "absent", s->absent, "overdue", s->overdue);
	add_times(j, p);
	return j;
}

/* GET /api/lessons?date= */
int api_lessons_list(struct web_req *r)
{
	struct app_error err = {0};
	date_t day;
	if (web_day_param(r, &day, &err) < 0)
		return web_error(r, &err);
	struct lesson_slot *slots = NULL;
	int n = 0;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = lessons_of_day(&r->srv->e, r->rd, &r->who, day, clock_minute_of_day(), web_today(),
				&slots, &n, &err);
	json_t *out = json_array();
	for (int i = 0; rc == 0 && i < n; i++)
		json_array_append_new(out, slot_json(&r->srv->e, day, &slots[i]));
	pthread_rwlock_unlock(&r->srv->lock);
	free(slots);
	if (rc < 0) {
		json_decref(out);
		return web_error(r, &err);
	}
	return web_json(r, 200, out);
}

static int event_json(void *ctx, const struct lesson_event *ev)
{
	return json_array_append_new(ctx, web_event_json(ev->kind, ev->taken_by, ev->taken_at,
							 ev->marks, ev->reason));
}

/* GET /api/lessons/DATE/PERIOD/CLASS */
int api_lesson_get(struct web_req *r)
{
	struct app_error err = {0};
	struct lesson_ref l;
	const struct engine *e = &r->srv->e;
	char d[DATE_ISO_LEN];
	pthread_rwlock_rdlock(&r->srv->lock);
	if (web_lesson_path(r, 0, &l, &err) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	const struct lesson_class *k = &e->lessons->classes[l.cls];
	const struct tt_period *tp = &lessons_day(e->lessons, &e->cal, l.day)->p[l.period];
	int col = lessons_ref_col(e, &l);
	int *rows, n = lessons_class_rows(e, l.cls, l.date, &rows);
	json_t *pupils = json_array();
	for (int i = 0; i < n; i++) {
		int row = rows[i];
		const struct pupil_row *pr = &e->m.rows[row];
		uint8_t cell = matrix_row_cells(&e->lessons->m, row)[col];
		int late = matrix_minutes_late(&e->lessons->m, row, col);
		struct lesson_day day;
		lessons_pupil_day(e, row, l.day, &day);
		enum code sc = day.session[day.ses[l.period]];
		json_array_append_new(
			pupils,
			json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "upn", pr->upn, "surname",
				  pr->surname, "forename", pr->forename, "year", year_name(pr->year),
				  "form", e->m.forms[pr->form], "code",
				  cell == CODE_NONE || cell == LESSON_FREE
					  ? json_null()
					  : json_string(code_text(cell, day.ses[l.period])),
				  "minutes_late", late > 0 ? json_integer(late) : json_null(),
				  "session_code",
				  sc == CODE_NONE ? json_null() : json_string(code_text(sc, day.ses[l.period]))));
	}
	if (n >= 0)
		free(rows);
	json_t *out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "class", k->code, "subject",
				k->subject, "teacher", k->teacher, "room", k->room, "date",
				date_format(l.date, d), "pupils", pupils);
	add_times(out, tp);
	int64_t class_id = k->id;
	char period[TT_LABEL_MAX];
	snprintf(period, sizeof period, "%s", tp->label);
	pthread_rwlock_unlock(&r->srv->lock);
	json_t *events = json_array();
	int rc = store_lesson_events(r->rd, e->school.id, class_id, l.date, period, event_json, events);
	return web_answer_with_events(r, out, events, rc);
}

static int saved(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	const struct lesson_outcome *o = web_lesson_outcome(j);
	const struct lesson_submission *sub = web_lesson_submission(j);
	char d[DATE_ISO_LEN];
	json_t *missing = json_array();
	for (int i = 0; i < o->n_missing; i++)
		json_array_append_new(missing, json_pack("{s:s, s:s}", "upn", o->missing[i].upn,
							 "last_seen", o->missing[i].text));
	return web_json(r, 200,
			json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:[], s:o}", "date",
				  date_format(sub->at.date, d), "period", o->event.period, "kind",
				  o->event.kind, "saved_by", o->event.taken_by, "saved_at",
				  o->event.taken_at, "recorded", o->recorded, "amended", o->amended,
				  "unchanged", o->unchanged, "derived", o->derived, "changed", "missing",
				  missing));
}

/* PUT /api/lessons/DATE/PERIOD/CLASS */
int api_lesson_put(struct web_req *r)
{
	struct app_error err = {0};
	struct lesson_ref l;
	json_t *body = web_json_body(r, &err);
	if (!body)
		return web_error(r, &err);
	struct register_mark *marks = NULL;
	const char *reason = NULL;
	int n = 0;
	if (web_marks_body(body, &marks, &n, &reason, &err) < 0)
		goto fail;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_lesson_path(r, 0, &l, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		goto fail;
	rc = web_submit_lesson(r, &l, marks, n, reason, saved);
	json_decref(body);
	return rc;
fail:
	free(marks);
	json_decref(body);
	return web_error(r, &err);
}
