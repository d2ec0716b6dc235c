#include "app/dfe_daily.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/csv.h"
#include "app/output.h"

static const char *columns[] = {"urn",	  "la_code", "upn",	   "surname",  "forename",
				"dob",	  "sex",     "ethnicity",  "looked_after", "sen",
				"ehc_plan", "fsm",   "year",	   "admitted", "left",
				"cin",	  "cp",	     "date",	   "am",       "pm",
				"record", "changed_at"};

/* A session of an earlier day entered or amended after that day. */
struct change {
	int64_t pupil_id;
	date_t date;
	char changed_at[CLOCK_ISO_LEN]; /* school-local */
	int row;
};

struct changes {
	date_t day;
	struct change *v;
	int n, cap;
	int failed;
};

static int note_version(void *ctx, const struct mark_rec *m)
{
	struct changes *c = ctx;
	char local[CLOCK_ISO_LEN];
	clock_local_display(m->recorded_at, local);
	local[10] = '\0';
	date_t entered = date_parse(local);
	if (entered == DATE_INVALID || entered <= m->date || entered > c->day)
		return 0;
	clock_local_display(m->recorded_at, local);
	/* Versions come by pupil, date, session, version: one entry a day. */
	struct change *last = c->n ? &c->v[c->n - 1] : NULL;
	if (last && last->pupil_id == m->pupil_id && last->date == m->date) {
		if (strcmp(local, last->changed_at) > 0)
			memcpy(last->changed_at, local, sizeof local);
		return 0;
	}
	if (c->n == c->cap) {
		int cap = c->cap ? c->cap * 2 : 64;
		struct change *v = realloc(c->v, (size_t)cap * sizeof *v);
		if (!v)
			return c->failed = -1;
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = (struct change){m->pupil_id, m->date, "", -1};
	memcpy(c->v[c->n - 1].changed_at, local, sizeof local);
	return 0;
}

static const struct engine *sort_engine;

static int by_date_upn(const void *a, const void *b)
{
	const struct change *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(sort_engine->m.rows[x->row].upn, sort_engine->m.rows[y->row].upn);
}

/* The enrolment of each change: the pupil's row on roll that day. */
static void find_rows(const struct engine *e, struct changes *c)
{
	int k = 0;
	for (int i = 0; i < c->n; i++) {
		for (int r = 0; r < e->m.n_rows && c->v[i].row < 0; r++) {
			const struct pupil_row *p = &e->m.rows[r];
			if (p->pupil_id == c->v[i].pupil_id && p->admitted <= c->v[i].date &&
			    c->v[i].date <= p->left && calendar_day_index(&e->cal, c->v[i].date) >= 0)
				c->v[i].row = r;
		}
		if (c->v[i].row >= 0)
			c->v[k++] = c->v[i];
	}
	c->n = k;
	sort_engine = e;
	if (c->n > 1)
		qsort(c->v, (size_t)c->n, sizeof *c->v, by_date_upn);
}

static void write_row(FILE *out, const struct engine *e, int row, date_t day, const char *record,
		      const char *changed_at)
{
	const struct pupil_row *p = &e->m.rows[row];
	char dob[DATE_ISO_LEN], adm[DATE_ISO_LEN], left[DATE_ISO_LEN] = "", d[DATE_ISO_LEN];
	char sex[2] = {p->gender, 0}, sen[2] = {p->send, 0};
	if (p->left != DATE_OPEN_END)
		date_format(p->left, left);
	int i = calendar_day_index(&e->cal, day);
	const uint8_t *cells = matrix_row_cells(&e->m, row);
	const char *yn[2] = {"N", "Y"};
	const char *values[] = {e->school.urn,
				e->school.la_code,
				p->upn,
				p->surname,
				p->forename,
				date_format(p->dob, dob),
				sex,
				p->ethnicity,
				yn[p->looked_after != 0],
				sen,
				yn[p->send == 'E'],
				yn[p->fsm != 0],
				year_name(p->year),
				date_format(p->admitted, adm),
				left,
				yn[p->cin != 0],
				yn[p->cp != 0],
				date_format(day, d),
				code_text((enum code)cells[2 * i], SESSION_AM),
				code_text((enum code)cells[2 * i + 1], SESSION_PM),
				record,
				changed_at};
	csv_write_row(out, values, (int)(sizeof values / sizeof *values));
}

int dfe_daily_export(const struct engine *e, date_t day, struct output *dest,
		     struct dfe_daily_result *res, struct app_error *err)
{
	memset(res, 0, sizeof *res);
	char d[DATE_ISO_LEN];
	enum day_kind kind = calendar_day_kind(&e->cal, day);
	if (kind != DAY_SCHOOL)
		return app_fail(err, ERR_INPUT, "date",
				"%s is not a school day (%s, %s): the daily data covers school days",
				date_format(day, d), date_weekday_name(date_weekday(day)),
				day_kind_name(kind));
	if (!e->school.la_code[0])
		return app_fail(err, ERR_INPUT, "school",
				"the school's LA code is not set, and the daily data must name it: "
				"set it with `attend init --la CODE --estab NUMBER`");
	struct changes ch = {.day = day};
	if (store_history_range_each(e->store, e->school.id, day - DFE_DAILY_CHANGE_DAYS, day - 1,
				     note_version, &ch) < 0 ||
	    ch.failed) {
		free(ch.v);
		return app_fail(err, ERR_INTERNAL, NULL, "%s",
				ch.failed ? "out of memory" : store_error(e->store));
	}
	find_rows(e, &ch);

	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (!out) {
		free(ch.v);
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	}
	csv_write_row(out, columns, (int)(sizeof columns / sizeof *columns));
	for (int r = 0; r < e->m.n_rows; r++) {
		const struct pupil_row *p = &e->m.rows[r];
		if (p->admitted <= day && day <= p->left) {
			write_row(out, e, r, day, "day", "");
			res->pupils++;
		}
	}
	for (int i = 0; i < ch.n; i++)
		write_row(out, e, ch.v[i].row, ch.v[i].date, "change", ch.v[i].changed_at);
	res->changes = ch.n;
	free(ch.v);
	int ret = ferror(out) ? app_fail(err, ERR_INTERNAL, NULL, "out of memory") : 0;
	fclose(out);
	if (ret == 0)
		ret = output_put(dest, buf, len, err);
	free(buf);
	return ret;
}
