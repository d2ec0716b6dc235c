/* The monitoring schedule for people: occurrences with their state, the
 * checklist, completing, tasks edited, the summary and the run. The
 * proofs are in monitoring_proof.c, the digests in digest.c. */
#include "app/monitoring.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/digest.h"
#include "app/firstday.h"
#include "app/array.h"

void mon_list_free(struct mon_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

struct tasks {
	struct sched_task_rec *v;
	int n;
};

static int add_task(void *ctx, const struct sched_task_rec *t)
{
	struct tasks *l = ctx;
	return array_push(&l->v, &l->n, sizeof *t, t);
}

struct dones {
	struct sched_done_rec *v;
	int n;
};

static int add_done(void *ctx, const struct sched_done_rec *d)
{
	struct dones *l = ctx;
	return array_push(&l->v, &l->n, sizeof *d, d);
}

static const struct sched_done_rec *find_done(const struct dones *d, int64_t task, date_t start)
{
	for (int i = 0; i < d->n; i++)
		if (d->v[i].task_id == task && d->v[i].period_start == start)
			return &d->v[i];
	return NULL;
}

/* The occurrences (open on a day, or closed in a stretch) with their
 * completions and proofs. */
struct gather {
	const struct leading_ctx *x;
	const struct sched_task_rec *task;
	const struct dones *done;
	date_t on;           /* open on this day (or DATE_INVALID) */
	date_t from, to;     /* closed in [from, to] */
	struct mon_list *out;
	struct app_error *err;
};

static int gather_one(void *ctx, const struct sched_occurrence *o)
{
	struct gather *g = ctx;
	if (g->on != DATE_INVALID ? (o->open > g->on || o->close < g->on)
				  : (o->close < g->from || o->close > g->to))
		return 0;
	struct mon_item it = {.task = *g->task, .occ = *o};
	const struct sched_done_rec *d = find_done(g->done, g->task->id, o->period_start);
	if (d) {
		it.recorded = true;
		it.rec = *d;
	} else if (g->task->proof[0]) {
		if (mon_prove(g->x, g->task, o, &it.proof, g->err) < 0)
			return -1;
		it.proven = it.proof.ready && it.proof.done;
	}
	it.state = sched_state_of(o, g->x->today, it.recorded || it.proven);
	return array_push(&g->out->v, &g->out->n, sizeof it, &it);
}

static int cmp_item(const void *a, const void *b)
{
	const struct mon_item *x = a, *y = b;
	if (x->occ.due != y->occ.due)
		return x->occ.due < y->occ.due ? -1 : 1;
	return x->task.position - y->task.position;
}

static int gather(const struct leading_ctx *x, date_t on, date_t from, date_t to, const char *role,
		  struct mon_list *out, struct app_error *err)
{
	struct tasks tl = {0};
	struct dones dl = {0};
	memset(out, 0, sizeof *out);
	/* completions of any period starting up to a year before: every period
	 * that can be open or closing in the stretch */
	date_t lo = (on != DATE_INVALID ? on : from) - 380, hi = on != DATE_INVALID ? on : to;
	if (store_sched_tasks_each(x->s, x->e->school.id, false, add_task, &tl) < 0 ||
	    store_sched_done_each(x->s, x->e->school.id, lo, hi, add_done, &dl) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(x->s));
		goto fail;
	}
	for (int i = 0; i < tl.n; i++) {
		const struct sched_task_rec *t = &tl.v[i];
		int c = sched_cadence_parse(t->cadence), tm = sched_timing_parse(t->timing);
		if (c < 0 || tm < 0 || (role && strcmp(role, t->owner_role) != 0))
			continue;
		struct gather g = {x, t, &dl, on, from, to, out, err};
		/* open on a day: the period around it; closed in a stretch: periods
		 * overlapping it */
		date_t a = on != DATE_INVALID ? on : from, b = on != DATE_INVALID ? on : to;
		if (sched_each(&x->e->cal, (enum sched_cadence)c, (enum sched_timing)tm, a, b, gather_one,
			       &g) < 0)
			goto fail;
	}
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, cmp_item);
	free(tl.v);
	free(dl.v);
	return 0;
fail:
	free(tl.v);
	free(dl.v);
	mon_list_free(out);
	return -1;
}

int mon_open_on(const struct leading_ctx *x, date_t day, const char *role, struct mon_list *out,
		struct app_error *err)
{
	return gather(x, day, DATE_INVALID, DATE_INVALID, role, out, err);
}

int mon_closed_in(const struct leading_ctx *x, date_t from, date_t to, struct mon_list *out,
		  struct app_error *err)
{
	if (to >= x->today)
		to = x->today - 1;
	if (from > to) {
		memset(out, 0, sizeof *out);
		return 0;
	}
	return gather(x, DATE_INVALID, from, to, NULL, out, err);
}

int mon_summary(const struct leading_ctx *x, date_t from, date_t to, struct mon_summary *out,
		struct app_error *err)
{
	struct mon_list l;
	memset(out, 0, sizeof *out);
	if (mon_closed_in(x, from, to, &l, err) < 0)
		return -1;
	for (int i = 0; i < l.n; i++) {
		const struct mon_item *it = &l.v[i];
		out->closed++;
		if (it->state == SS_MISSED) {
			out->missed++;
			continue;
		}
		out->done++;
		out->automatic += it->proven || (it->recorded && it->rec.automatic);
		if (it->recorded && !it->rec.automatic) {
			char d[DATE_ISO_LEN], local[CLOCK_ISO_LEN];
			clock_local_display(it->rec.done_at, local);
			out->done_late += strncmp(local, date_format(it->occ.due, d), 10) > 0;
		}
	}
	mon_list_free(&l);
	return 0;
}

bool mon_may_complete(const struct account *a, const struct sched_task_rec *t)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_ATTENDANCE_LEAD ||
	       strcmp(role_name(a->role), t->owner_role) == 0;
}

int mon_done_write(struct engine *e, const struct leading_ctx *x, int64_t task_id, date_t day,
		   const char *note, const struct account *who, struct sched_done_rec *out,
		   struct app_error *err)
{
	struct sched_task_rec t;
	int rc = store_sched_task_get(e->store, e->school.id, task_id, &t);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1 || !t.active)
		return app_fail(err, ERR_NOT_FOUND, NULL, "there is no schedule task %lld",
				(long long)task_id);
	if (!mon_may_complete(who, &t))
		return app_fail(err, ERR_FORBIDDEN, NULL,
				"this task is the %s's: only they (or a leader) can tick it",
				t.owner_role);
	int c = sched_cadence_parse(t.cadence), tm = sched_timing_parse(t.timing);
	struct sched_occurrence o;
	char d[DATE_ISO_LEN], d2[DATE_ISO_LEN];
	if (c < 0 || tm < 0 ||
	    sched_at(&e->cal, (enum sched_cadence)c, (enum sched_timing)tm, day, &o) != 0)
		return app_fail(err, ERR_INPUT, "date", "%s has no occurrence of this task on %s",
				sched_cadence_label((enum sched_cadence)(c < 0 ? 0 : c)),
				date_format(day, d));
	if (x->today < o.open)
		return app_fail(err, ERR_INPUT, "date", "this task opens on %s: it can't be done before",
				date_format(o.open, d));
	if (x->today > o.close)
		return app_fail(err, ERR_CONFLICT, "date",
				"this task was due by %s and its period ended on %s: it is recorded as "
				"missed",
				date_format(o.due, d), date_format(o.close, d2));
	struct sched_done_rec r = {.task_id = task_id, .period_start = o.period_start, .due = o.due};
	snprintf(r.done_by, sizeof r.done_by, "%s", who->username);
	clock_iso_utc(clock_now(), r.done_at);
	snprintf(r.note, sizeof r.note, "%s", note ? note : "");
	if (t.proof[0]) {
		/* what the data says as it is ticked, kept beside the person's word */
		struct mon_proof p;
		if (mon_prove(x, &t, &o, &p, err) < 0)
			return -1;
		if (p.ready)
			snprintf(r.evidence, sizeof r.evidence, "%s", p.evidence);
	}
	rc = store_sched_done_add(e->store, e->school.id, &r);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, NULL, "this task is already done for its period");
	if (out)
		*out = r;
	return 0;
}

json_t *mon_item_json(const struct mon_item *it)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], d[DATE_ISO_LEN], p[DATE_ISO_LEN];
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "id",
			      (json_int_t)it->task.id, "title", it->task.title, "cadence",
			      it->task.cadence, "timing", it->task.timing, "owner_role",
			      it->task.owner_role, "period_start", date_format(it->occ.period_start, p),
			      "open", date_format(it->occ.open, a), "due", date_format(it->occ.due, d),
			      "close", date_format(it->occ.close, b), "state",
			      sched_state_name(it->state), "automatic",
			      it->proven || (it->recorded && it->rec.automatic));
	if (it->recorded)
		json_object_set_new(j, "done", json_pack("{s:s,s:s,s:s,s:s}", "by", it->rec.done_by, "at",
							 it->rec.done_at, "note", it->rec.note,
							 "evidence", it->rec.evidence));
	else if (it->task.proof[0])
		json_object_set_new(j, "evidence", json_string(it->proof.evidence));
	return j;
}

struct people {
	const char *role;
	char *buf;
	size_t len;
};

static int add_person(void *ctx, const struct user_rec *u)
{
	struct people *p = ctx;
	if (!u->active || strcmp(u->role, p->role) != 0)
		return 0;
	size_t at = strlen(p->buf);
	snprintf(p->buf + at, p->len - at, "%s%s", at ? ", " : "", u->username);
	return 0;
}

int mon_people_of_role(struct store *s, int64_t school_id, const char *role, char *buf, size_t len,
		       struct app_error *err)
{
	struct people p = {role, buf, len};
	buf[0] = '\0';
	if (store_users_each(s, school_id, add_person, &p) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	return 0;
}

/* ---- tasks edited ---- */

int mon_task_from_fields(const struct fields *f, struct sched_task_rec *t, struct app_error *err)
{
	static const char *const allowed[] = {"title", "cadence", "timing", "owner_role", "proof",
					      "active", NULL};
	static const char *const cadences[SC__MAX] = {"daily", "weekly", "half_termly", "termly"};
	static const char *const timings[ST__MAX] = {"start", "end", "any"};
	bool edit = t->id != 0;
	int x;
	if (fields_check(f, allowed, NULL, err) < 0)
		return -1;
	if ((!edit || fields_get(f, "title")) &&
	    fields_text(f, "title", t->title, sizeof t->title, true, false, err) < 0)
		return -1;
	if (!edit || fields_get(f, "cadence")) {
		if (fields_choice(f, "cadence", cadences, SC__MAX, -1, true, &x, err) < 0)
			return -1;
		snprintf(t->cadence, sizeof t->cadence, "%s", cadences[x]);
	}
	if (!edit || fields_get(f, "timing")) {
		if (fields_choice(f, "timing", timings, ST__MAX, ST_ANY, false, &x, err) < 0)
			return -1;
		snprintf(t->timing, sizeof t->timing, "%s", timings[x]);
	}
	if (!edit || fields_get(f, "owner_role")) {
		const char *r = fields_get(f, "owner_role");
		int role = role_parse(r);
		if (role < 0 || role == ROLE_PARENT || role == ROLE_GOVERNOR)
			return app_fail(err, ERR_INPUT, "owner_role",
					"owner_role '%.24s' is not a staff role (admin, attendance_lead, "
					"office, head_of_year, teacher, dsl)",
					r ? r : "");
		snprintf(t->owner_role, sizeof t->owner_role, "%s", role_name((enum role)role));
	}
	if (fields_get(f, "proof")) {
		const char *p = fields_get(f, "proof");
		bool ok = !*p;
		for (int i = 0; i < mon_n_proof_kinds && !ok; i++)
			ok = strcmp(p, mon_proof_kinds[i].name) == 0;
		if (!ok)
			return app_fail(err, ERR_INPUT, "proof",
					"proof '%.24s' is not one attend knows (empty: ticked by a "
					"person)",
					p);
		snprintf(t->proof, sizeof t->proof, "%s", p);
	}
	bool active = edit ? t->active : true;
	if (fields_bool(f, "active", active, &active, err) < 0)
		return -1;
	t->active = active;
	return 0;
}

int mon_task_write(struct engine *e, struct sched_task_rec *t, const char *by,
		   struct app_error *err)
{
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	if (t->id == 0) {
		t->builtin_key[0] = '\0';
		snprintf(t->created_by, sizeof t->created_by, "%s", by);
		snprintf(t->created_at, sizeof t->created_at, "%s", now);
		if (store_sched_task_next_position(e->store, e->school.id, &t->position) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	}
	snprintf(t->updated_by, sizeof t->updated_by, "%s", by);
	snprintf(t->updated_at, sizeof t->updated_at, "%s", now);
	int rc = store_sched_task_save(e->store, e->school.id, t);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, NULL, "there is no schedule task %lld",
				(long long)t->id);
	return 0;
}

/* ---- the run ---- */

static int time_setting(struct store *s, int64_t school_id, const char *key, int dflt, int *out,
			struct app_error *err)
{
	char v[16] = "";
	if (store_setting_get(s, school_id, key, v, sizeof v) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	if (!v[0]) {
		*out = dflt;
		return 0;
	}
	if (!strcmp(v, "off")) {
		*out = -1;
		return 0;
	}
	if ((*out = fd_parse_time(v)) < 0)
		return app_fail(err, ERR_INPUT, key, "setting %s '%s' is not HH:MM or off", key, v);
	return 0;
}

int mon_digest_times(struct store *s, int64_t school_id, int *daily, int *weekly,
		     struct app_error *err)
{
	if (time_setting(s, school_id, SETTING_DIGEST_DAILY_AT, DIGEST_DAILY_DEFAULT, daily, err) < 0)
		return -1;
	return time_setting(s, school_id, SETTING_DIGEST_WEEKLY_AT, DIGEST_WEEKLY_DEFAULT, weekly, err);
}

int mon_run_write(struct engine *e, const struct leading_ctx *x, const char *by,
		  struct mon_run *out, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	int daily_at, weekly_at;
	if (mon_digest_times(x->s, e->school.id, &daily_at, &weekly_at, err) < 0)
		return -1;
	/* the digests first, so the proof of the day's digest is recorded too */
	int idx = calendar_day_index(&e->cal, x->today);
	if (idx >= 0 && daily_at >= 0 && x->minute >= daily_at) {
		out->daily_due = true;
		if (digest_send_write(e, x, DIGEST_DAILY, x->today, by, &out->daily, err) < 0)
			return -1;
	}
	bool last_of_week = idx >= 0 && (idx + 1 >= e->cal.n_school_days ||
					 date_week_start(e->cal.school_days[idx + 1]) !=
						 date_week_start(x->today));
	if (last_of_week && weekly_at >= 0 && x->minute >= weekly_at) {
		out->weekly_due = true;
		if (digest_send_write(e, x, DIGEST_WEEKLY, x->today, by, &out->weekly, err) < 0)
			return -1;
	}
	/* the proofs of what closed in the last two weeks, and of what is open */
	struct mon_list l;
	for (int pass = 0; pass < 2; pass++) {
		int rc = pass == 0 ? mon_closed_in(x, x->today - 14, x->today - 1, &l, err)
				   : mon_open_on(x, x->today, NULL, &l, err);
		if (rc < 0)
			return -1;
		for (int i = 0; i < l.n; i++) {
			const struct mon_item *it = &l.v[i];
			if (!it->proven)
				continue;
			struct sched_done_rec r = {.task_id = it->task.id,
						   .period_start = it->occ.period_start,
						   .due = it->occ.due, .automatic = true};
			snprintf(r.done_by, sizeof r.done_by, "attend");
			clock_iso_utc(clock_now(), r.done_at);
			snprintf(r.evidence, sizeof r.evidence, "%s", it->proof.evidence);
			rc = store_sched_done_add(e->store, e->school.id, &r);
			if (rc < 0) {
				mon_list_free(&l);
				return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			}
			out->proven += rc == 0;
		}
		mon_list_free(&l);
	}
	return 0;
}
