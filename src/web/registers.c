/* What the register pages and the register API share: the registers of a
 * day with who took them, the register a path names (with the account's
 * scope), and handing a submission to the writer. */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/parse.h"
#include "web/web.h"

date_t web_today(void)
{
	return clock_today();
}

static int cmp_form(const void *a, const void *b, void *ctx)
{
	const struct register_status *x = a, *y = b;
	const struct engine *e = ctx;
	int c = strverscmp(e->m.forms[x->form], e->m.forms[y->form]);
	return c ? c : (int)x->session - (int)y->session;
}

struct taken_ctx {
	const struct engine *e;
	struct register_status *list;
	int n;
};

static int note_taken(void *ctx, const struct register_event *ev)
{
	struct taken_ctx *t = ctx;
	for (int i = 0; i < t->n; i++) {
		struct register_status *s = &t->list[i];
		if (s->session == ev->session && strcmp(t->e->m.forms[s->form], ev->form) == 0) {
			s->taken = true;
			memcpy(s->taken_by, ev->taken_by, sizeof s->taken_by);
			memcpy(s->taken_at, ev->taken_at, sizeof s->taken_at);
		}
	}
	return 0;
}

int web_registers_of_day(struct web_req *r, date_t day, struct register_status **out, int *n,
			 struct app_error *err)
{
	struct server *srv = r->srv;
	const struct engine *e = &srv->e;
	*out = NULL;
	*n = 0;
	char d[DATE_ISO_LEN];
	int col = calendar_session_col(&e->cal, day, SESSION_AM);
	if (col < 0)
		return app_fail(err, ERR_INPUT, "date", "%s is not a school day: there are no registers",
				date_format(day, d));
	int n_forms = e->m.n_forms;
	struct register_status *per = calloc((size_t)(n_forms ? n_forms : 1) * 2, sizeof *per);
	uint8_t *visible = calloc((size_t)(n_forms ? n_forms : 1), 1);
	if (!per || !visible) {
		free(per);
		free(visible);
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	}
	for (int row = 0; row < e->m.n_rows; row++) {
		const struct pupil_row *p = &e->m.rows[row];
		if (col < p->first_col || col >= p->end_col)
			continue;
		if (account_sees_row(&r->who, e, row))
			visible[p->form] = 1;
		const uint8_t *cells = matrix_row_cells(&e->m, row);
		for (int s = 0; s < SESSION__MAX; s++) {
			struct register_status *st = &per[2 * p->form + s];
			st->on_roll++;
			st->marked += cells[col + s] != CODE_NONE;
			st->unexplained += cells[col + s] == CODE_N;
		}
	}
	date_t today = web_today();
	int minute = clock_minute_of_day();
	int k = 0;
	for (int f = 0; f < n_forms; f++) {
		if (!visible[f])
			continue;
		for (int s = 0; s < SESSION__MAX; s++) {
			struct register_status st = per[2 * f + s];
			st.form = f;
			st.session = (enum session)s;
			per[k++] = st;
		}
	}
	free(visible);
	struct taken_ctx t = {e, per, k};
	if (store_registers_taken(r->rd, e->school.id, day, note_taken, &t) < 0) {
		free(per);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	for (int i = 0; i < k; i++)
		per[i].overdue = !per[i].taken && (day < today || (day == today &&
								   minute > srv->rs.close[per[i].session]));
	qsort_r(per, (size_t)k, sizeof *per, cmp_form, (void *)e);
	*out = per;
	*n = k;
	return 0;
}

int web_register_path(struct web_req *r, struct register_path *p, struct app_error *err)
{
	const struct engine *e = &r->srv->e;
	char d[DATE_ISO_LEN];
	if ((p->form = register_form(e, r->args[0], err)) < 0 ||
	    parse_date_field("date", r->args[1], &p->date, err) < 0)
		return -1;
	int s = session_parse(r->args[2]);
	if (s < 0)
		return app_fail(err, ERR_INPUT, "session", "session '%s' is not AM or PM", r->args[2]);
	p->session = (enum session)s;
	if (!account_sees_form(&r->who, e, p->form, p->date))
		return app_fail(err, ERR_FORBIDDEN, "form", "form %s is not one of the forms you see",
				e->m.forms[p->form]);
	enum day_kind kind = calendar_day_kind(&e->cal, p->date);
	if (kind != DAY_SCHOOL)
		return app_fail(err, ERR_INPUT, "date", "%s is not a school day (%s)",
				date_format(p->date, d), day_kind_name(kind));
	return 0;
}

int web_register_rows(const struct engine *e, const struct register_path *p, int **rows)
{
	int col = calendar_session_col(&e->cal, p->date, p->session), n = 0;
	*rows = malloc((size_t)(e->m.n_rows ? e->m.n_rows : 1) * sizeof **rows);
	if (!*rows)
		return -1;
	for (int row = 0; row < e->m.n_rows; row++) {
		const struct pupil_row *pr = &e->m.rows[row];
		if (pr->form == p->form && col >= pr->first_col && col < pr->end_col)
			(*rows)[n++] = row;
	}
	engine_sort_by_name(e, *rows, n);
	return n;
}

/* ---- a submission through the writer ---- */

struct register_job {
	struct register_submission sub;
	struct register_outcome out;
};

static void register_job_free(void *arg)
{
	struct register_job *rj = arg;
	free(rj->sub.marks);
	free(rj);
}

static int register_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct register_job *rj = j->arg;
	if (register_write(&srv->e, &srv->rs, &rj->sub, &rj->out, err) < 0)
		return -1;
	if (rj->out.late_overridden) {
		char detail[700];
		snprintf(detail, sizeof detail, "%s %s %s: late after closing kept as L (%s)",
			 rj->out.event.form, date_format(rj->sub.date, (char[DATE_ISO_LEN]){0}),
			 session_name(rj->sub.session), rj->sub.reason);
		if (store_audit(srv->store, srv->e.school.id, rj->out.event.taken_at,
				rj->sub.by->username, "late override", detail) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(srv->store));
	}
	return 0;
}

int web_submit_register(struct web_req *r, const struct register_path *p,
			struct register_mark *marks, int n, const char *reason,
			int (*finish)(struct web_req *r, struct write_job *j))
{
	struct app_error err = {0};
	struct register_job *rj = calloc(1, sizeof *rj);
	struct write_job *j = calloc(1, sizeof *j);
	if (!rj || !j) {
		free(rj);
		free(j);
		free(marks);
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	}
	rj->sub = (struct register_submission){.form = p->form, .date = p->date,
					       .session = p->session, .marks = marks,
					       .n_marks = n, .by = &r->who,
					       .source = (r->route->flags & ROUTE_API) ? "api" : "web"};
	j->arg = rj;
	j->free_arg = register_job_free;
	j->run = register_run;
	j->finish = finish;
	if (reason && parse_text_field("reason", reason, rj->sub.reason, sizeof rj->sub.reason, 0,
				       &err) < 0)
		goto fail;
	/* The whole submission is checked before it is queued; the writer then
	 * writes it mark by mark, and any failure there undoes all of it. */
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = register_check(&r->srv->e, &r->srv->rs, &rj->sub, web_today(),
				clock_minute_of_day(), &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		goto fail;
	return web_defer(r, j);
fail:
	register_job_free(rj);
	free(j);
	return web_error(r, &err);
}

const struct register_outcome *web_register_outcome(const struct write_job *j)
{
	return &((const struct register_job *)j->arg)->out;
}

const struct register_submission *web_register_submission(const struct write_job *j)
{
	return &((const struct register_job *)j->arg)->sub;
}
