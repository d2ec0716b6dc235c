/* The lesson register (GET/POST /lessons/DATE/PERIOD/CLASS): the register
 * page of the form registers (register_page) with a class's pupils: the
 * mark before (the last lesson today, or the session's mark), present,
 * late with minutes, absent (N), and the statutory code when the office
 * already knows it, offered first and chosen until the teacher says
 * otherwise. */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "web/register_page.h"

static const enum code lesson_codes[] = {CODE_L, CODE_N};


static int note_event(void *ctx, const struct lesson_event *ev)
{
	register_view_event(ctx, ev->taken_by, ev->taken_at);
	return 0;
}

/* The mark before this lesson today: the last lesson marked, else the
 * session's mark; and a code the office knows for the session. */
static void before(const struct engine *e, const struct lesson_ref *l, int row,
		   struct register_view_row *vr)
{
	struct lesson_day day;
	lessons_pupil_day(e, row, l->day, &day);
	const struct tt_day *td = lessons_day(e->lessons, &e->cal, l->day);
	for (int i = l->period - 1; i >= 0 && !vr->last[0]; i--)
		if (day.lesson[i] != CODE_NONE && day.lesson[i] != LESSON_FREE)
			snprintf(vr->last, sizeof vr->last, "P%s %s", td->p[i].label,
				 code_text(day.lesson[i], day.ses[i]));
	enum session s = day.ses[l->period];
	enum code sc = day.session[s];
	if (!vr->last[0] && sc != CODE_NONE)
		snprintf(vr->last, sizeof vr->last, "%s %s", session_name(s), code_text(sc, s));
	if (lessons_known_reason(sc)) {
		vr->known = sc;
		snprintf(vr->known_text, sizeof vr->known_text, "Office: %s – %s", code_text(sc, s),
			 code_info(sc)->meaning);
	}
}

static int render(struct web_req *r, int status, const char *error, bool from_form)
{
	struct app_error err = {0};
	struct lesson_ref l;
	const struct engine *e = &r->srv->e;
	char note[400], t1[6], t2[6];
	struct register_view v = {0};
	pthread_rwlock_rdlock(&r->srv->lock);
	if (web_lesson_path(r, 0, &l, &err) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	const struct lesson_class *k = &e->lessons->classes[l.cls];
	const struct tt_period *tp = &lessons_day(e->lessons, &e->cal, l.day)->p[l.period];
	if (store_lesson_events(r->rd, e->school.id, k->id, l.date, tp->label, note_event, &v) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	struct html href = {0};
	web_lesson_href(&href, e, &l);
	snprintf(v.href, sizeof v.href, "%s", href.buf ? href.buf : "");
	free(href.buf);
	char badge[TT_LABEL_MAX + 2];
	snprintf(badge, sizeof badge, "P%s", tp->label);
	int col = lessons_ref_col(e, &l);
	enum session s = e->lessons->col_flags[col] & LESSON_COL_PM ? SESSION_PM : SESSION_AM;
	enum register_mode mode = REGISTER_MODE_FORM;
	lessons_register_mode(r->rd, e->school.id, &mode, &err);
	snprintf(note, sizeof note,
		 "%s, %s–%s%s%s, %s. A pupil marked absent after being seen earlier today goes on "
		 "the office's missing list.%s",
		 k->subject, tt_time_text(tp->start, t1), tt_time_text(tp->end, t2),
		 k->room[0] ? ", room " : "", k->room, k->teacher,
		 mode == REGISTER_MODE_LESSON && tp->reg == (int)s
			 ? (s == SESSION_AM ? " This lesson holds the AM registration: its marks "
					      "are the statutory morning marks."
					    : " This lesson holds the PM registration: its marks "
					      "are the statutory afternoon marks.")
			 : "");
	v.title = k->code;
	v.badge = badge;
	v.date = l.date;
	v.session = s;
	v.codes = lesson_codes;
	v.n_codes = (int)(sizeof lesson_codes / sizeof *lesson_codes);
	v.note = note;
	v.last_title = "the last mark before this lesson today";
	v.empty = "No pupils are in this class that day.";
	int *order, n = lessons_class_rows(e, l.cls, l.date, &order);
	v.rows = calloc((size_t)(n > 0 ? n : 1), sizeof *v.rows);
	for (int i = 0; v.rows && i < n; i++) {
		struct register_view_row *vr = &v.rows[v.n_rows++];
		int row = order[i];
		uint8_t cell = matrix_row_cells(&e->lessons->m, row)[col];
		vr->row = row;
		vr->code = cell == LESSON_FREE ? CODE_NONE : (enum code)cell;
		vr->minutes = matrix_minutes_late(&e->lessons->m, row, col);
		before(e, &l, row, vr);
	}
	return register_page_answer(r, &v, order, n, status, error, from_form);
}

int page_lesson_get(struct web_req *r)
{
	return render(r, 200, NULL, false);
}

static int saved(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0) {
		int status = web_status_of(j->err.kind);
		return status >= 500 ? web_error(r, &j->err) : render(r, status, j->err.message, true);
	}
	const struct lesson_outcome *o = web_lesson_outcome(j);
	return register_page_saved(r, o->recorded, o->amended, 0, o->n_missing);
}

int page_lesson_post(struct web_req *r)
{
	struct app_error err = {0};
	struct lesson_ref l;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_lesson_path(r, 0, &l, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	struct register_mark *marks;
	int n;
	const char *bad = register_form_marks(r, &marks, &n);
	if (bad)
		return render(r, 400, bad, true);
	rc = web_submit_lesson(r, &l, marks, n, web_form_value(r, "reason"), saved);
	if (rc == 0 && r->status >= 400 && r->status < 500)
		return render(r, r->status, r->last_error, true);
	return rc;
}
