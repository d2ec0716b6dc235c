/* The registers API:
 *   GET /api/registers?date=             the registers of a day the caller sees
 *   GET /api/registers/FORM/DATE/SESSION the pupils on roll and their marks
 *   PUT /api/registers/FORM/DATE/SESSION {"marks":[{"upn","code","minutes_late"}],"reason"}
 */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/parse.h"
#include "web/web.h"

#define SUBMISSION_MARKS_MAX 1000

static json_t *str_or_null(bool has, const char *s)
{
	return has ? json_string(s) : json_null();
}

int web_day_param(struct web_req *r, date_t *day, struct app_error *err)
{
	const char *d = web_query(r, "date");
	*day = web_today();
	return d && *d ? parse_date_field("date", d, day, err) : 0;
}

int api_registers_list(struct web_req *r)
{
	struct app_error err = {0};
	date_t day;
	if (web_day_param(r, &day, &err) < 0)
		return web_error(r, &err);
	struct register_status *list;
	int n;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_registers_of_day(r, day, &list, &n, &err);
	json_t *out = json_array();
	for (int i = 0; rc == 0 && i < n; i++) {
		const struct register_status *s = &list[i];
		json_array_append_new(
			out, json_pack("{s:s, s:s, s:o, s:o, s:i, s:i, s:i, s:b}", "form",
				       r->srv->e.m.forms[s->form], "session", session_name(s->session),
				       "taken_by", str_or_null(s->taken, s->taken_by), "taken_at",
				       str_or_null(s->taken, s->taken_at), "unexplained", s->unexplained,
				       "on_roll", s->on_roll, "marked", s->marked, "overdue", s->overdue));
	}
	pthread_rwlock_unlock(&r->srv->lock);
	free(list);
	if (rc < 0) {
		json_decref(out);
		return web_error(r, &err);
	}
	return web_json(r, 200, out);
}

/* The previous session's column of a register, or -1 (the first school day). */
static int previous_col(int col)
{
	return col > 0 ? col - 1 : -1;
}

static json_t *mark_json(const struct engine *e, int row, int col)
{
	uint8_t c = matrix_row_cells(&e->m, row)[col];
	enum session s = (enum session)(col % 2);
	int late = matrix_minutes_late(&e->m, row, col);
	return json_pack("{s:o, s:o}", "code", c == CODE_NONE ? json_null() : json_string(code_text(c, s)),
			 "minutes_late", late > 0 ? json_integer(late) : json_null());
}

json_t *web_event_json(const char *kind, const char *by, const char *at, int marks,
		       const char *reason)
{
	return json_pack("{s:s, s:s, s:s, s:i, s:s}", "kind", kind, "by", by, "at", at, "marks",
			 marks, "reason", reason);
}

int web_answer_with_events(struct web_req *r, json_t *out, json_t *events, int rc)
{
	if (rc < 0) {
		json_decref(events);
		json_decref(out);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	json_t *first = json_array_get(events, 0);
	json_object_set(out, "taken_by", first ? json_object_get(first, "by") : json_null());
	json_object_set(out, "taken_at", first ? json_object_get(first, "at") : json_null());
	json_object_set_new(out, "events", events);
	return web_json(r, 200, out);
}

static int event_json(void *ctx, const struct register_event *ev)
{
	return json_array_append_new(ctx, web_event_json(ev->kind, ev->taken_by, ev->taken_at,
							 ev->marks, ev->reason));
}

int api_register_get(struct web_req *r)
{
	struct app_error err = {0};
	struct register_path p;
	const struct engine *e = &r->srv->e;
	char d[DATE_ISO_LEN], t1[6], t2[6];
	pthread_rwlock_rdlock(&r->srv->lock);
	if (web_register_path(r, &p, &err) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	int col = calendar_session_col(&e->cal, p.date, p.session), prev = previous_col(col);
	int *rows, n = web_register_rows(e, &p, &rows);
	json_t *pupils = json_array();
	for (int i = 0; i < n; i++) {
		int row = rows[i];
		const struct pupil_row *pr = &e->m.rows[row];
		json_t *pj = json_pack("{s:s, s:s, s:s, s:s}", "upn", pr->upn, "surname", pr->surname,
				       "forename", pr->forename, "year", year_name(pr->year));
		json_t *pm = mark_json(e, row, col);
		json_object_update(pj, pm);
		json_decref(pm);
		if (prev >= pr->first_col && prev >= 0) {
			json_t *pv = mark_json(e, row, prev);
			json_object_set_new(pv, "date", json_string(date_format(calendar_col_date(&e->cal, prev), d)));
			json_object_set_new(pv, "session", json_string(session_name((enum session)(prev % 2))));
			json_object_set_new(pj, "previous", pv);
		} else {
			json_object_set_new(pj, "previous", json_null());
		}
		json_array_append_new(pupils, pj);
	}
	if (n >= 0)
		free(rows);
	json_t *out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "form", e->m.forms[p.form], "date",
				date_format(p.date, d), "session", session_name(p.session), "starts_at",
				register_time_text(r->srv->rs.start[p.session], t1), "closes_at",
				register_time_text(r->srv->rs.close[p.session], t2), "pupils", pupils);
	pthread_rwlock_unlock(&r->srv->lock);
	json_t *events = json_array();
	int rc = store_register_events(r->rd, e->school.id,
				       json_string_value(json_object_get(out, "form")), p.date, p.session,
				       event_json, events);
	return web_answer_with_events(r, out, events, rc);
}

/* ---- saving ---- */

static int saved(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	const struct register_outcome *o = web_register_outcome(j);
	const struct register_submission *sub = web_register_submission(j);
	char d[DATE_ISO_LEN];
	json_t *changed = json_array();
	for (int i = 0; i < sub->n_marks; i++) {
		const struct register_mark *m = &sub->marks[i];
		if (m->code != m->asked)
			json_array_append_new(
				changed,
				json_pack("{s:s, s:s, s:s, s:s}", "upn", m->upn, "asked",
					  code_text(m->asked, sub->session), "recorded",
					  code_text(m->code, sub->session), "why",
					  "arrived after the register closed: recorded as U"));
	}
	return web_json(r, 200,
			json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:o}", "form",
				  o->event.form, "date", date_format(sub->date, d), "session",
				  session_name(sub->session), "kind", o->event.kind, "saved_by",
				  o->event.taken_by, "saved_at", o->event.taken_at, "recorded",
				  o->recorded, "amended", o->amended, "unchanged", o->unchanged,
				  "changed", changed));
}

static const char *const mark_keys[] = {"upn", "code", "minutes_late", NULL};

static int parse_mark(json_t *mj, int i, struct register_mark *m, struct app_error *err)
{
	char field[48];
	const char *key;
	json_t *v;
	if (!json_is_object(mj)) {
		snprintf(field, sizeof field, "marks[%d]", i);
		return app_fail(err, ERR_INPUT, field, "%s must be an object {\"upn\",\"code\",\"minutes_late\"}", field);
	}
	json_object_foreach(mj, key, v)
	{
		bool known = false;
		for (int k = 0; mark_keys[k]; k++)
			known |= strcmp(key, mark_keys[k]) == 0;
		if (!known) {
			snprintf(field, sizeof field, "marks[%d]", i);
			return app_fail(err, ERR_INPUT, field,
					"'%.32s' is not a field of a mark: use upn, code and minutes_late", key);
		}
	}
	json_t *upn = json_object_get(mj, "upn"), *code = json_object_get(mj, "code"),
	       *late = json_object_get(mj, "minutes_late");
	snprintf(field, sizeof field, "marks[%d].upn", i);
	if (!json_is_string(upn) || json_string_length(upn) == 0 ||
	    json_string_length(upn) > UPN_LEN)
		return app_fail(err, ERR_INPUT, field, "%s must be a UPN (13 characters)", field);
	memcpy(m->upn, json_string_value(upn), json_string_length(upn) + 1);
	snprintf(field, sizeof field, "marks[%d].code", i);
	if (!json_is_string(code))
		return app_fail(err, ERR_INPUT, field, "%s must be a register code such as \"/\" or \"L\"", field);
	m->asked = code_parse(json_string_value(code));
	if (m->asked == CODE_NONE)
		return app_fail(err, ERR_INPUT, field, "'%.8s' is not a DfE attendance code",
				json_string_value(code));
	m->minutes_late = -1;
	snprintf(field, sizeof field, "marks[%d].minutes_late", i);
	if (late && !json_is_null(late)) {
		if (!json_is_integer(late) || json_integer_value(late) < 0 ||
		    json_integer_value(late) > 300)
			return app_fail(err, ERR_INPUT, field,
					"%s must be a whole number of minutes from 0 to 300", field);
		m->minutes_late = (int)json_integer_value(late);
	}
	return 0;
}

int web_marks_body(json_t *body, struct register_mark **marks, int *n, const char **reason,
		   struct app_error *err)
{
	json_t *jm = json_object_get(body, "marks"), *jr = json_object_get(body, "reason");
	*marks = NULL;
	*n = 0;
	if (!json_is_array(jm))
		return app_fail(err, ERR_INPUT, "marks",
				"marks must be a list of {\"upn\",\"code\",\"minutes_late\"}");
	if (jr && !json_is_null(jr) && !json_is_string(jr))
		return app_fail(err, ERR_INPUT, "reason", "reason must be text");
	*reason = jr ? json_string_value(jr) : NULL;
	int count = (int)json_array_size(jm);
	if (count > SUBMISSION_MARKS_MAX)
		return app_fail(err, ERR_TOO_LARGE, "marks", "a register holds at most %d marks",
				SUBMISSION_MARKS_MAX);
	*marks = calloc((size_t)(count ? count : 1), sizeof **marks);
	if (!*marks)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	for (int i = 0; i < count; i++) {
		if (parse_mark(json_array_get(jm, (size_t)i), i, &(*marks)[i], err) < 0) {
			free(*marks);
			*marks = NULL;
			return -1;
		}
	}
	*n = count;
	return 0;
}

int api_register_put(struct web_req *r)
{
	struct app_error err = {0};
	struct register_path p;
	json_t *body = web_json_body(r, &err);
	if (!body)
		return web_error(r, &err);
	struct register_mark *marks = NULL;
	const char *reason = NULL;
	int n = 0;
	if (web_marks_body(body, &marks, &n, &reason, &err) < 0)
		goto fail;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_register_path(r, &p, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		goto fail;
	/* the reason is copied before the body goes */
	rc = web_submit_register(r, &p, marks, n, reason, saved);
	json_decref(body);
	return rc;
fail:
	free(marks);
	json_decref(body);
	return web_error(r, &err);
}
