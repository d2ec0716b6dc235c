#include "app/lesson_import.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/csv.h"
#include "app/parse.h"
#include "app/lessons.h"
#include "engine/lessons.h"

const char *lesson_period_name_error(const char *name)
{
	size_t n = strlen(name);
	if (n == 0)
		return "is empty";
	if (n >= TT_LABEL_MAX)
		return "is longer than 11 characters";
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("-_.", *p))
			return "may hold only letters, digits and - _ .";
	return NULL;
}

/* ---- timetable ---- */

enum { TT_COL_WEEK, TT_COL_DAY, TT_COL_PERIOD, TT_COL_START, TT_COL_END, TT_COL_REG, TT_COL__MAX };
static const struct csv_column timetable_cols[TT_COL__MAX] = {
	{"week", 0}, {"day", 1}, {"period", 1}, {"start", 1}, {"end", 1}, {"registration", 0}};

struct tt_row {
	int week; /* -1: every week */
	int weekday;
	struct tt_period p;
};

struct tt_import {
	struct tt_row *rows;
	int n, cap;
	bool two_weeks;
};

static int tt_row(void *ctx, const struct csv_record *r, struct app_error *err)
{
	struct tt_import *ti = ctx;
	struct tt_row row = {.p = {.line = r->line, .reg = TT_REG_NONE}};
	const char *f;
	if ((row.week = tt_week_parse(f = r->field[TT_COL_WEEK])) == -2)
		return app_fail(err, ERR_INPUT, "week", "week '%s' is not A, B or empty (every week)", f);
	if (row.week >= 0)
		ti->two_weeks = true;
	if ((row.weekday = tt_weekday_parse(f = r->field[TT_COL_DAY])) < 0)
		return app_fail(err, ERR_INPUT, "day", "day '%s' is not Mon, Tue, Wed, Thu or Fri", f);
	f = r->field[TT_COL_PERIOD];
	const char *why = lesson_period_name_error(f);
	if (why)
		return app_fail(err, ERR_INPUT, "period", "period '%s' %s", f, why);
	snprintf(row.p.label, sizeof row.p.label, "%s", f);
	if ((row.p.start = tt_time_parse(f = r->field[TT_COL_START])) < 0)
		return app_fail(err, ERR_INPUT, "start", "start '%s' is not a time (HH:MM)", f);
	if ((row.p.end = tt_time_parse(f = r->field[TT_COL_END])) < 0)
		return app_fail(err, ERR_INPUT, "end", "end '%s' is not a time (HH:MM)", f);
	if (row.p.end <= row.p.start)
		return app_fail(err, ERR_INPUT, "end", "end %s is not after start %s",
				r->field[TT_COL_END], r->field[TT_COL_START]);
	f = r->field[TT_COL_REG];
	if (*f && (row.p.reg = session_parse(f)) < 0)
		return app_fail(err, ERR_INPUT, "registration",
				"registration '%s' is not AM, PM or empty", f);
	if (ti->n == ti->cap) {
		int cap = ti->cap ? ti->cap * 2 : 64;
		struct tt_row *v = realloc(ti->rows, (size_t)cap * sizeof *v);
		if (!v)
			return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		ti->rows = v;
		ti->cap = cap;
	}
	ti->rows[ti->n++] = row;
	return 0;
}

/* The timetable a file describes: rows of no week go in both weeks of a
 * two-week timetable. */
static int tt_build(const struct tt_import *ti, struct timetable *tt, const char *path,
		    struct app_error *err)
{
	char msg[300];
	tt_init(tt, ti->n == 0 ? 0 : ti->two_weeks ? 2 : 1);
	for (int i = 0; i < ti->n; i++) {
		const struct tt_row *row = &ti->rows[i];
		for (int w = 0; w < tt->n_weeks; w++) {
			if (row->week >= 0 && row->week != w)
				continue;
			if (tt_add(tt, w, row->weekday, &row->p, msg, sizeof msg) < 0) {
				app_fail(err, ERR_INPUT, "period", "%s", msg);
				app_error_where(err, "%s:%d", path, row->p.line);
				return -1;
			}
		}
	}
	if (tt_check(tt, msg, sizeof msg) < 0) {
		app_fail(err, ERR_INPUT, "registration", "%s", msg);
		app_error_where(err, "%s", path);
		return -1;
	}
	return 0;
}

/* What the new timetable must keep: every period that holds lesson marks
 * on a day, and every class's meetings. */
struct tt_keep {
	struct engine *e;
	const struct timetable *tt;
	struct tt_layout lay;
	struct app_error *err;
};

static int keep_slot(void *ctx, date_t date, const char *period, int marks)
{
	struct tt_keep *k = ctx;
	char d[DATE_ISO_LEN];
	int day = calendar_day_index(&k->e->cal, date);
	if (day < 0)
		return 0;
	if (k->tt->n_weeks > 0 && tt_period_index(tt_day_of(k->tt, &k->lay, &k->e->cal, day), period) >= 0)
		return 0;
	app_fail(k->err, ERR_CONFLICT, "period",
		 "period %s on %s holds %d lesson mark%s, and this timetable has no period %s that "
		 "day: the marks would be lost",
		 period, date_format(date, d), marks, marks == 1 ? "" : "s", period);
	return -1;
}

static int keep_meetings(struct engine *e, const struct timetable *tt, struct app_error *err)
{
	const struct lesson_engine *le = e->lessons;
	for (int c = 0; c < le->n_classes; c++) {
		const struct lesson_class *k = &le->classes[c];
		for (int j = 0; j < k->n_meetings; j++) {
			const struct lesson_meeting *m = &k->meetings[j];
			const char *label = le->tt.day[m->week][m->weekday].p[m->period].label;
			int w = tt->n_weeks > 1 ? m->week : 0;
			if (tt->n_weeks > 0 && w < tt->n_weeks &&
			    tt_period_index(&tt->day[w][m->weekday], label) >= 0)
				continue;
			return app_fail(err, ERR_CONFLICT, "period",
					"class %s meets on %s%s%s period %s, which this timetable "
					"leaves out: change the class first",
					k->code, tt_week_name(&le->tt, m->week),
					le->tt.n_weeks > 1 ? " " : "", tt_weekday_short(m->weekday), label);
		}
	}
	return 0;
}

static bool same_period(const struct tt_period *a, const struct tt_period *b)
{
	return a->start == b->start && a->end == b->end && a->reg == b->reg;
}

int import_timetable(struct engine *e, const char *path, const struct actor *who,
		     struct import_result *res, struct app_error *err)
{
	struct tt_import ti = {0};
	struct timetable tt;
	struct period_rec *recs = NULL;
	struct tt_keep keep = {.e = e, .tt = &tt, .err = err};
	int ret = -1;
	memset(res, 0, sizeof *res);
	if (engine_want_lessons(e, err) < 0)
		return -1;
	if (csv_read(path, timetable_cols, TT_COL__MAX, tt_row, &ti, err) < 0 ||
	    tt_build(&ti, &tt, path, err) < 0)
		goto out;
	const struct timetable *old = &e->lessons->tt;
	recs = calloc((size_t)(ti.n ? ti.n : 1) * 2, sizeof *recs);
	if (!recs || tt_layout_build(&keep.lay, &tt, &e->cal, e->lessons->restart) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	int n = 0;
	for (int w = 0; w < tt.n_weeks; w++) {
		for (int wd = 0; wd < TT_DAYS; wd++) {
			const struct tt_day *d = &tt.day[w][wd];
			for (int i = 0; i < d->n; i++) {
				const struct tt_period *p = &d->p[i];
				struct period_rec *r = &recs[n++];
				r->week = tt.n_weeks > 1 ? w : -1;
				r->weekday = wd;
				snprintf(r->period, sizeof r->period, "%s", p->label);
				r->start = p->start;
				r->end = p->end;
				r->reg = p->reg;
				int was = tt.n_weeks == old->n_weeks
						  ? tt_period_index(&old->day[w][wd], p->label)
						  : -1;
				res->rows++;
				if (was < 0)
					res->added++;
				else if (same_period(&old->day[w][wd].p[was], p))
					res->unchanged++;
				else
					res->changed++;
			}
		}
	}
	int old_n = 0;
	for (int w = 0; w < old->n_weeks; w++)
		for (int wd = 0; wd < TT_DAYS; wd++)
			old_n += old->day[w][wd].n;
	long removed = old_n - res->unchanged - res->changed;
	if (res->added == 0 && res->changed == 0 && removed == 0) {
		ret = 0; /* the same timetable: nothing to write */
		goto out;
	}
	res->changed += removed;
	if (engine_begin(e, err) < 0)
		goto out;
	char now[CLOCK_ISO_LEN], detail[300];
	clock_iso_utc(clock_now(), now);
	if (store_lesson_slots_each(e->store, e->school.id, keep_slot, &keep) < 0) {
		if (err->kind == ERR_NONE)
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		app_error_where(err, "%s", path);
		goto rollback;
	}
	if (keep_meetings(e, &tt, err) < 0) {
		app_error_where(err, "%s", path);
		goto rollback;
	}
	snprintf(detail, sizeof detail, "%s: %d periods (%ld new, %ld changed or removed)", path, n,
		 res->added, res->changed);
	if (store_periods_replace(e->store, e->school.id, recs, n, who->user, now) < 0 ||
	    store_audit(e->store, e->school.id, now, who->user, "timetable imported", detail) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto rollback;
	}
	if (engine_commit(e, err) < 0)
		goto out;
	ret = engine_reload(e, err);
	goto out;
rollback:
	engine_rollback(e);
out:
	tt_layout_free(&keep.lay);
	free(ti.rows);
	free(recs);
	return ret;
}

/* ---- classes ---- */

enum { CL_CLASS, CL_SUBJECT, CL_TEACHER, CL_ROOM, CL_MEETS, CL_PUPILS, CL__MAX };
static const struct csv_column class_cols[CL__MAX] = {
	{"class", 1}, {"subject", 1}, {"teacher", 1}, {"room", 0}, {"meets", 1}, {"pupils", 0}};

#define SLOTS (TT_WEEKS_MAX * TT_DAYS * TT_PERIODS_MAX)

struct class_row {
	struct class_rec rec;
	int line;
	int n_meets;
	struct meeting_rec meets[SLOTS];
	int n_pupils;
	int64_t *pupils; /* pupil ids */
};

struct class_import {
	struct engine *e;
	date_t from;
	struct class_row *rows;
	int n, cap;
};

/* "A:Mon:3" / "Mon:3" into a meeting; NULL or why not. */
static const char *parse_meeting(const struct timetable *tt, char *item, struct meeting_rec *m,
				 char *why, size_t len)
{
	char *parts[3];
	int n = 0;
	for (char *save = NULL, *t = strtok_r(item, ":", &save); t; t = strtok_r(NULL, ":", &save)) {
		if (n == 3)
			return "is not DAY:PERIOD or WEEK:DAY:PERIOD";
		parts[n++] = t;
	}
	if (n < 2)
		return "is not DAY:PERIOD or WEEK:DAY:PERIOD";
	m->week = -1;
	if (n == 3 && (m->week = tt_week_parse(parts[0])) < 0)
		return "starts with a week that is not A or B";
	if (n == 3 && tt->n_weeks < 2)
		return "names a week, but the timetable has one week";
	if ((m->weekday = tt_weekday_parse(parts[n - 2])) < 0)
		return "names a day that is not Mon, Tue, Wed, Thu or Fri";
	snprintf(m->period, sizeof m->period, "%s", parts[n - 1]);
	for (int w = 0; w < tt->n_weeks; w++) {
		if (m->week >= 0 && m->week != w)
			continue;
		if (tt_period_index(&tt->day[w][m->weekday], m->period) < 0) {
			snprintf(why, len, "names period %s, which %s%s%s%s does not have", m->period,
				 tt->n_weeks > 1 ? "week " : "", tt_week_name(tt, w),
				 tt->n_weeks > 1 ? "'s " : "", tt_weekday_short(m->weekday));
			return why;
		}
	}
	return NULL;
}

static int add_meetings(struct class_row *row, const struct timetable *tt, const char *text,
			struct app_error *err)
{
	char buf[1024], why[160];
	if (tt->n_weeks == 0)
		return app_fail(err, ERR_INPUT, "meets",
				"there is no timetable yet: import the timetable first");
	snprintf(buf, sizeof buf, "%s", text);
	for (char *save = NULL, *t = strtok_r(buf, " ,;", &save); t; t = strtok_r(NULL, " ,;", &save)) {
		char item[64];
		snprintf(item, sizeof item, "%s", t);
		/* a lesson with no week in a two-week timetable is in both weeks */
		struct meeting_rec m;
		const char *bad = parse_meeting(tt, item, &m, why, sizeof why);
		if (bad)
			return app_fail(err, ERR_INPUT, "meets", "'%s' %s", t, bad);
		for (int w = 0; w < (tt->n_weeks > 1 && m.week < 0 ? 2 : 1); w++) {
			struct meeting_rec one = m;
			if (tt->n_weeks > 1 && m.week < 0)
				one.week = w;
			for (int i = 0; i < row->n_meets; i++)
				if (row->meets[i].week == one.week && row->meets[i].weekday == one.weekday &&
				    strcmp(row->meets[i].period, one.period) == 0)
					return app_fail(err, ERR_INPUT, "meets", "'%s' is listed twice", t);
			if (row->n_meets == SLOTS)
				return app_fail(err, ERR_INPUT, "meets", "more meetings than the timetable has periods");
			row->meets[row->n_meets++] = one;
		}
	}
	if (row->n_meets == 0)
		return app_fail(err, ERR_INPUT, "meets", "meets is empty: give at least one DAY:PERIOD");
	return 0;
}

static int add_pupils(struct class_row *row, const struct engine *e, const char *text,
		      struct app_error *err)
{
	size_t len = strlen(text);
	row->pupils = malloc((len / 2 + 1) * sizeof *row->pupils);
	if (!row->pupils)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	char *buf = strdup(text);
	if (!buf)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	int rc = 0;
	for (char *save = NULL, *t = strtok_r(buf, " ,;", &save); t && rc == 0;
	     t = strtok_r(NULL, " ,;", &save)) {
		const char *why = upn_shape_error(t);
		int first = why ? -1 : engine_pupil_row(e, t);
		if (why)
			rc = app_fail(err, ERR_INPUT, "pupils", "'%.20s' is not a UPN: %s", t, why);
		else if (first < 0)
			rc = app_fail(err, ERR_INPUT, "pupils", "no pupil with UPN %s", t);
		for (int i = 0; rc == 0 && i < row->n_pupils; i++)
			if (row->pupils[i] == e->m.rows[first].pupil_id)
				rc = app_fail(err, ERR_INPUT, "pupils", "pupil %s is listed twice", t);
		if (rc == 0)
			row->pupils[row->n_pupils++] = e->m.rows[first].pupil_id;
	}
	free(buf);
	return rc;
}

static int class_row(void *ctx, const struct csv_record *r, struct app_error *err)
{
	struct class_import *ci = ctx;
	if (ci->n == ci->cap) {
		int cap = ci->cap ? ci->cap * 2 : 64;
		struct class_row *v = realloc(ci->rows, (size_t)cap * sizeof *v);
		if (!v)
			return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		ci->rows = v;
		ci->cap = cap;
	}
	struct class_row *row = &ci->rows[ci->n++];
	memset(row, 0, sizeof *row);
	row->line = r->line;
	struct class_rec *c = &row->rec;
	if (parse_text_field("class", r->field[CL_CLASS], c->code, sizeof c->code, 1, err) < 0 ||
	    parse_text_field("subject", r->field[CL_SUBJECT], c->subject, sizeof c->subject, 1, err) < 0 ||
	    parse_text_field("teacher", r->field[CL_TEACHER], c->teacher, sizeof c->teacher, 1, err) < 0 ||
	    parse_text_field("room", r->field[CL_ROOM], c->room, sizeof c->room, 0, err) < 0)
		return -1;
	for (const char *p = c->teacher; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._-@", *p))
			return app_fail(err, ERR_INPUT, "teacher",
					"teacher '%s' is not a username (letters, digits and . _ - @)",
					c->teacher);
	for (int i = 0; i < ci->n - 1; i++)
		if (strcmp(ci->rows[i].rec.code, c->code) == 0)
			return app_fail(err, ERR_INPUT, "class", "class %s is already at line %d", c->code,
					ci->rows[i].line);
	int known = lessons_class(ci->e->lessons, c->code);
	c->id = known >= 0 ? ci->e->lessons->classes[known].id : 0;
	return add_meetings(row, &ci->e->lessons->tt, r->field[CL_MEETS], err) < 0 ||
			       add_pupils(row, ci->e, r->field[CL_PUPILS], err) < 0
		       ? -1
		       : 0;
}

static int slot_of(const struct timetable *tt, const struct meeting_rec *m)
{
	int w = m->week < 0 ? 0 : m->week;
	return (w * TT_DAYS + m->weekday) * TT_PERIODS_MAX +
	       tt_period_index(&tt->day[w][m->weekday], m->period);
}

/* One class's meetings and pupils as they will be from `from`: the file's
 * row, or the stored class. */
struct class_view {
	const char *code;
	int n_meets;
	int slots[SLOTS];
	int n_pupils;
	const int64_t *pupils; /* from the file, or NULL: the stored members */
	const struct lesson_class *stored;
};

static bool stored_member_from(const struct lesson_class *k, int64_t pupil_id, date_t from)
{
	for (int i = 0; i < k->n_members; i++)
		if (k->members[i].pupil_id == pupil_id && k->members[i].end >= from)
			return true;
	return false;
}

/* No pupil in two classes at the same time: every slot of a pupil's week
 * (from `from` on) names one class. */
static int check_clashes(struct class_import *ci, const char *path, struct app_error *err)
{
	struct engine *e = ci->e;
	const struct lesson_engine *le = e->lessons;
	int n_views = ci->n + le->n_classes;
	struct class_view *views = calloc((size_t)(n_views ? n_views : 1), sizeof *views);
	int16_t *slot_view = malloc((size_t)(e->m.n_rows ? e->m.n_rows : 1) * SLOTS * sizeof *slot_view);
	int rc = -1, nv = 0;
	if (!views || !slot_view) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	memset(slot_view, 0xff, (size_t)e->m.n_rows * SLOTS * sizeof *slot_view);
	for (int i = 0; i < ci->n; i++) {
		struct class_view *v = &views[nv++];
		v->code = ci->rows[i].rec.code;
		for (int j = 0; j < ci->rows[i].n_meets; j++)
			v->slots[v->n_meets++] = slot_of(&le->tt, &ci->rows[i].meets[j]);
		v->n_pupils = ci->rows[i].n_pupils;
		v->pupils = ci->rows[i].pupils;
	}
	for (int c = 0; c < le->n_classes; c++) {
		const struct lesson_class *k = &le->classes[c];
		bool in_file = false;
		for (int i = 0; i < ci->n && !in_file; i++)
			in_file = strcmp(ci->rows[i].rec.code, k->code) == 0;
		if (in_file)
			continue;
		struct class_view *v = &views[nv++];
		v->code = k->code;
		v->stored = k;
		for (int j = 0; j < k->n_meetings; j++)
			v->slots[v->n_meets++] = (k->meetings[j].week * TT_DAYS + k->meetings[j].weekday) *
						 TT_PERIODS_MAX + k->meetings[j].period;
		v->n_pupils = k->n_members;
	}
	for (int x = 0; x < nv; x++) {
		const struct class_view *v = &views[x];
		for (int i = 0; i < v->n_pupils; i++) {
			int64_t pid = v->pupils ? v->pupils[i] : v->stored->members[i].pupil_id;
			if (!v->pupils && !stored_member_from(v->stored, pid, ci->from))
				continue;
			int row = engine_row_of_id(e, pid, DATE_INVALID, -1);
			if (row < 0)
				continue;
			for (int j = 0; j < v->n_meets; j++) {
				int16_t *s = &slot_view[(size_t)row * SLOTS + (size_t)v->slots[j]];
				if (*s >= 0 && *s != x) {
					int sl = v->slots[j], w = sl / (TT_DAYS * TT_PERIODS_MAX);
					int wd = sl / TT_PERIODS_MAX % TT_DAYS, p = sl % TT_PERIODS_MAX;
					app_fail(err, ERR_INPUT, "pupils",
						 "pupil %s would be in class %s and class %s at the same time "
						 "(%s%s%s period %s)",
						 e->m.rows[row].upn, views[*s].code, v->code,
						 tt_week_name(&le->tt, w), le->tt.n_weeks > 1 ? " " : "",
						 tt_weekday_short(wd), le->tt.day[w][wd].p[p].label);
					for (int r = 0; path && r < ci->n; r++)
						if (strcmp(ci->rows[r].rec.code, v->code) == 0 ||
						    strcmp(ci->rows[r].rec.code, views[*s].code) == 0) {
							app_error_where(err, "%s:%d", path, ci->rows[r].line);
							break;
						}
					goto out;
				}
				*s = (int16_t)x;
			}
		}
	}
	rc = 0;
out:
	free(views);
	free(slot_view);
	return rc;
}

static bool same_class(const struct lesson_class *k, const struct class_row *row,
		       const struct timetable *tt)
{
	if (strcmp(k->subject, row->rec.subject) || strcmp(k->teacher, row->rec.teacher) ||
	    strcmp(k->room, row->rec.room) || k->n_meetings != row->n_meets)
		return false;
	for (int i = 0; i < row->n_meets; i++) {
		int s = slot_of(tt, &row->meets[i]);
		bool found = false;
		for (int j = 0; j < k->n_meetings && !found; j++)
			found = (k->meetings[j].week * TT_DAYS + k->meetings[j].weekday) * TT_PERIODS_MAX +
					k->meetings[j].period == s;
		if (!found)
			return false;
	}
	return true;
}

/* The pupils of one class from `from`: joiners get a membership from that
 * day, leavers' memberships end the day before. Returns how many changed. */
static int update_members(struct class_import *ci, const struct class_row *row,
			  const struct lesson_class *k, const struct actor *who, const char *now,
			  struct app_error *err)
{
	struct engine *e = ci->e;
	char d[DATE_ISO_LEN], detail[300];
	int changed = 0;
	for (int i = 0; i < row->n_pupils; i++) {
		int64_t pid = row->pupils[i];
		if (k && lessons_member_on(k, pid, ci->from))
			continue;
		/* a membership ending the day before simply goes on */
		const struct lesson_member *prev = NULL;
		for (int j = 0; k && j < k->n_members; j++)
			if (k->members[j].pupil_id == pid && k->members[j].end == ci->from - 1)
				prev = &k->members[j];
		int rc;
		if (prev) {
			rc = store_member_set_end(e->store, e->school.id, prev->id, DATE_INVALID, who->user, now);
		} else {
			struct member_rec m = {.class_id = row->rec.id, .pupil_id = pid, .start = ci->from,
					       .end = DATE_INVALID};
			rc = store_member_insert(e->store, e->school.id, &m, who->user, now);
		}
		int r = engine_row_of_id(e, pid, DATE_INVALID, -1);
		snprintf(detail, sizeof detail, "%s joins %s from %s (%s)", e->m.rows[r].upn,
			 row->rec.code, date_format(ci->from, d), who->source);
		if (rc < 0 || store_audit(e->store, e->school.id, now, who->user, "class member", detail) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		changed++;
	}
	for (int j = 0; k && j < k->n_members; j++) {
		const struct lesson_member *m = &k->members[j];
		bool listed = false;
		for (int i = 0; i < row->n_pupils && !listed; i++)
			listed = row->pupils[i] == m->pupil_id;
		if (listed || m->end < ci->from)
			continue;
		int r = engine_row_of_id(e, m->pupil_id, DATE_INVALID, -1);
		const char *upn = r >= 0 ? e->m.rows[r].upn : "?";
		int marks = 0;
		date_t to = m->end == DATE_OPEN_END ? date_from_ymd(9999, 12, 31) : m->end;
		date_t cut = m->start > ci->from ? m->start : ci->from;
		if (store_lesson_mark_count(e->store, e->school.id, k->id, m->pupil_id, cut, to, &marks) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		if (marks)
			return app_fail(err, ERR_CONFLICT, "pupils",
					"pupil %s has %d lesson mark%s in class %s from %s: they can't "
					"leave the class before them",
					upn, marks, marks == 1 ? "" : "s", k->code, date_format(cut, d));
		int rc = m->start >= ci->from
				 ? store_member_delete(e->store, e->school.id, m->id)
				 : store_member_set_end(e->store, e->school.id, m->id, ci->from - 1, who->user, now);
		snprintf(detail, sizeof detail, "%s leaves %s from %s (%s)", upn, k->code,
			 date_format(ci->from, d), who->source);
		if (rc < 0 || store_audit(e->store, e->school.id, now, who->user, "class member", detail) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		changed++;
	}
	return changed;
}

static int write_classes(struct class_import *ci, const char *path, const struct actor *who,
			 struct import_result *res, struct app_error *err)
{
	struct engine *e = ci->e;
	const struct lesson_engine *le = e->lessons;
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	for (int i = 0; i < ci->n; i++) {
		struct class_row *row = &ci->rows[i];
		int known = lessons_class(le, row->rec.code);
		const struct lesson_class *k = known >= 0 ? &le->classes[known] : NULL;
		bool same = k && same_class(k, row, &le->tt);
		if (!same) {
			if (store_class_save(e->store, e->school.id, &row->rec, who->user, now) < 0 ||
			    store_meetings_replace(e->store, e->school.id, row->rec.id, row->meets,
						   row->n_meets) < 0)
				return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		}
		int members = update_members(ci, row, k, who, now, err);
		if (members < 0) {
			if (path)
				app_error_where(err, "%s:%d", path, row->line);
			return -1;
		}
		res->rows++;
		if (!k)
			res->added++;
		else if (!same || members > 0)
			res->changed++;
		else
			res->unchanged++;
	}
	return 0;
}

int import_classes(struct engine *e, const char *path, date_t from, const struct actor *who,
		   struct import_result *res, struct app_error *err)
{
	struct class_import ci = {.e = e, .from = from};
	int ret = -1;
	memset(res, 0, sizeof *res);
	if (engine_want_lessons(e, err) < 0)
		return -1;
	if (csv_read(path, class_cols, CL__MAX, class_row, &ci, err) < 0 ||
	    check_clashes(&ci, path, err) < 0)
		goto out;
	if (engine_begin(e, err) < 0)
		goto out;
	if (write_classes(&ci, path, who, res, err) < 0) {
		engine_rollback(e);
		goto out;
	}
	if (engine_commit(e, err) < 0)
		goto out;
	ret = engine_reload(e, err);
out:
	for (int i = 0; i < ci.n; i++)
		free(ci.rows[i].pupils);
	free(ci.rows);
	return ret;
}

int lesson_class_set_pupils(struct engine *e, int cls, const int64_t *pupils, int n, date_t from,
			    const struct actor *who, struct app_error *err)
{
	const struct lesson_engine *le = e->lessons;
	const struct lesson_class *k = &le->classes[cls];
	struct class_row row = {.line = 0};
	struct import_result res = {0};
	row.rec.id = k->id;
	memcpy(row.rec.code, k->code, sizeof row.rec.code);
	memcpy(row.rec.subject, k->subject, sizeof row.rec.subject);
	memcpy(row.rec.teacher, k->teacher, sizeof row.rec.teacher);
	memcpy(row.rec.room, k->room, sizeof row.rec.room);
	for (int j = 0; j < k->n_meetings && j < SLOTS; j++) {
		const struct lesson_meeting *m = &k->meetings[j];
		struct meeting_rec *mr = &row.meets[row.n_meets++];
		mr->class_id = k->id;
		mr->week = le->tt.n_weeks > 1 ? m->week : -1;
		mr->weekday = m->weekday;
		snprintf(mr->period, sizeof mr->period, "%s", le->tt.day[m->week][m->weekday].p[m->period].label);
	}
	row.pupils = (int64_t *)pupils;
	row.n_pupils = n;
	struct class_import ci = {.e = e, .from = from, .rows = &row, .n = 1};
	if (check_clashes(&ci, NULL, err) < 0)
		return -1;
	return write_classes(&ci, NULL, who, &res, err);
}

/* ---- lesson marks ---- */

enum { LM_UPN, LM_DATE, LM_PERIOD, LM_CLASS, LM_CODE, LM_MINUTES, LM__MAX };
static const struct csv_column lesson_mark_cols[LM__MAX] = {
	{"upn", 1}, {"date", 1}, {"period", 1}, {"class", 1}, {"code", 1}, {"minutes_late", 0}};

struct lesson_mark_import {
	struct engine *e;
	const struct actor *who;
	const char *reason;
	struct import_result *res;
	uint32_t *seen_line; /* line that wrote each lesson cell, 0 if none */
	uint8_t *taken;      /* class x column: a register this file holds */
	int *marks;          /* its marks */
};

static int lesson_mark_row(void *ctx, const struct csv_record *r, struct app_error *err)
{
	struct lesson_mark_import *li = ctx;
	struct engine *e = li->e;
	const struct lesson_engine *le = e->lessons;
	struct lesson_ref at;
	struct mark_input in = {.upn = r->field[LM_UPN]};
	if (lessons_ref(e, r->field[LM_DATE], r->field[LM_PERIOD], r->field[LM_CLASS], &at, err) < 0) {
		if (err->kind == ERR_NOT_FOUND)
			err->kind = ERR_INPUT;
		return -1;
	}
	if (parse_mark_fields(r->field[LM_DATE], "AM", r->field[LM_CODE], r->field[LM_MINUTES], &in,
			      err) < 0)
		return -1;
	int row, session_col;
	if (marks_check(e, &in, clock_today(), &row, &session_col, err) < 0)
		return -1;
	const struct lesson_class *k = &le->classes[at.cls];
	if (!lessons_member_on(k, e->m.rows[row].pupil_id, at.date))
		return app_fail(err, ERR_INPUT, "upn", "pupil %s is not in class %s on %s", in.upn,
				k->code, r->field[LM_DATE]);
	int col = le->lay.first[at.day] + at.period;
	size_t cell = (size_t)row * (size_t)le->m.n_cols + (size_t)col;
	if (li->seen_line[cell])
		return app_fail(err, ERR_INPUT, "date", "the same lesson (%s %s period %s) is already at line %u",
				in.upn, r->field[LM_DATE], r->field[LM_PERIOD], li->seen_line[cell]);
	li->seen_line[cell] = (uint32_t)r->line;
	enum mark_outcome o;
	if (lessons_mark_write(e, row, &at, in.code, in.minutes_late, li->who, li->reason, &o, err) < 0)
		return -1;
	size_t reg = (size_t)at.cls * (size_t)le->m.n_cols + (size_t)col;
	li->taken[reg] = 1;
	li->marks[reg] += o != MARK_UNCHANGED;
	li->res->rows++;
	li->res->added += o == MARK_NEW;
	li->res->changed += o == MARK_AMENDED;
	li->res->unchanged += o == MARK_UNCHANGED;
	return 0;
}

static int count_events(void *ctx, const struct lesson_event *ev)
{
	(void)ev;
	(*(int *)ctx)++;
	return 0;
}

/* Each register of the file is taken (or amended, when it changed marks). */
static int record_registers(struct lesson_mark_import *li, struct app_error *err)
{
	struct engine *e = li->e;
	const struct lesson_engine *le = e->lessons;
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	for (int c = 0; c < le->n_classes; c++) {
		for (int col = 0; col < le->m.n_cols; col++) {
			size_t reg = (size_t)c * (size_t)le->m.n_cols + (size_t)col;
			if (!li->taken[reg])
				continue;
			int day = le->lay.col_day[col], n = 0;
			struct lesson_event ev = {.class_id = le->classes[c].id,
						  .date = e->cal.school_days[day],
						  .marks = li->marks[reg]};
			snprintf(ev.period, sizeof ev.period, "%s",
				 lessons_day(le, &e->cal, day)->p[le->col_period[col]].label);
			snprintf(ev.taken_by, sizeof ev.taken_by, "%s", li->who->user);
			memcpy(ev.taken_at, now, sizeof ev.taken_at);
			snprintf(ev.reason, sizeof ev.reason, "%s", li->reason);
			if (store_lesson_events(e->store, e->school.id, ev.class_id, ev.date, ev.period,
						count_events, &n) < 0 ||
			    ((n == 0 || ev.marks > 0) && store_lesson_event_add(e->store, e->school.id, &ev) < 0))
				return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		}
	}
	return 0;
}

int import_lesson_marks(struct engine *e, const char *path, const struct actor *who,
			const char *reason, struct import_result *res, struct app_error *err)
{
	memset(res, 0, sizeof *res);
	if (engine_want_lessons(e, err) < 0)
		return -1;
	const struct lesson_engine *le = e->lessons;
	struct lesson_mark_import li = {.e = e, .who = who, .reason = reason, .res = res};
	size_t regs = (size_t)le->n_classes * (size_t)le->m.n_cols + 1;
	li.seen_line = calloc((size_t)e->m.n_rows * (size_t)le->m.n_cols + 1, sizeof *li.seen_line);
	li.taken = calloc(regs, 1);
	li.marks = calloc(regs, sizeof *li.marks);
	int ret = -1;
	if (!li.seen_line || !li.taken || !li.marks) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	if (engine_begin(e, err) < 0)
		goto out;
	if (csv_read(path, lesson_mark_cols, LM__MAX, lesson_mark_row, &li, err) < 0 ||
	    record_registers(&li, err) < 0) {
		engine_rollback(e);
		goto out;
	}
	ret = engine_commit(e, err);
out:
	free(li.seen_line);
	free(li.taken);
	free(li.marks);
	return ret;
}
