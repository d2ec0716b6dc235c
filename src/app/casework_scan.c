/* The triggers of casework over the whole school, as of a day: what is new
 * goes on the attendance lead's review list with the stage it suggests;
 * nothing moves a pupil by itself. Also the part-time timetables' C2 marks
 * up to the day, and the tasks of reviews coming up (src/app/tasks.c).
 *
 * A trigger is raised once for its key, so a scan run again (every few
 * minutes by the server, or `attend casework scan`) adds nothing new:
 *   at_risk, persistent, severe: once a school year each, and not a lower
 *     one after a higher (a pupil first seen at persistent absence is not
 *     also "at risk"); key: the academic year;
 *   decline: key the Monday of the last school week of the window; not
 *     again until the windows no longer overlap the last decline raised;
 *   pattern: once a school year for each part (a weekday, AM, PM, next to
 *     holidays), for a pupil missing 5% or more this school year;
 *   unauthorised: within the last N school weeks to today (older
 *     thresholds are history); key the session that reached the threshold
 *     (the latest, if it was reached twice); only the sessions after it
 *     count towards the next;
 *   part_time: each review point not held by its day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/casework.h"
#include "app/clock.h"
#include "app/tasks.h"
#include "core/firstday.h"
#include "core/patterns.h"
#include "core/ranges.h"
#include "core/wording.h"

struct scan {
	struct engine *e;
	const struct actor *who;
	struct cw_settings cs;
	struct cw_scan_result *out;
	date_t today;
	int dl;            /* school-day index of the last school day up to today */
	int y0;            /* the first school day of its academic year */
	char year[8];      /* "2025/26" */
	uint8_t *stage;    /* by pupil id */
	int8_t *crossing;  /* highest crossing raised this year, by pupil id (-1 none) */
	date_t *decline;   /* latest decline key, by pupil id */
	int *unauth_after; /* column of the latest unauthorised key, by pupil id (-1 none) */
	struct week_list wl;
	struct tally_plan plan;
	uint16_t *cls; /* pattern class of each column of the year to date */
	int *cols;     /* scratch: a pupil's unauthorised columns */
};

static int raise_item(struct scan *sc, int64_t pupil, enum cw_trigger t, const char *key, date_t on,
		 const char *detail, struct app_error *err)
{
	if (!(sc->cs.enabled & (1u << t)))
		return 0;
	struct cw_review_rec r = {0};
	enum cw_stage now = (enum cw_stage)sc->stage[pupil];
	r.pupil_id = pupil;
	snprintf(r.kind, sizeof r.kind, "%s", cw_trigger_name(t));
	snprintf(r.key, sizeof r.key, "%s", key);
	r.raised_on = on;
	snprintf(r.detail, sizeof r.detail, "%s", detail);
	snprintf(r.stage_then, sizeof r.stage_then, "%s", cw_stage_name(now));
	snprintf(r.suggested, sizeof r.suggested, "%s", cw_stage_name(cw_suggest(t, now)));
	clock_iso_utc(clock_now(), r.raised_at);
	int rc = store_cw_review_add(sc->e->store, sc->e->school.id, &r);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(sc->e->store));
	sc->out->raised += rc == 0;
	return 0;
}

/* What was raised before, for the rules above. */
static int note_raised(void *ctx, const struct cw_review_rec *r)
{
	struct scan *sc = ctx;
	int64_t p = r->pupil_id;
	if (p < 0 || p > sc->e->max_pupil_id)
		return 0;
	int t = cw_trigger_parse(r->kind);
	if ((t == CWT_AT_RISK || t == CWT_PERSISTENT || t == CWT_SEVERE) &&
	    strcmp(r->key, sc->year) == 0) {
		int level = t == CWT_SEVERE ? CWL_SEVERE : t == CWT_PERSISTENT ? CWL_PERSISTENT : CWL_AT_RISK;
		if (level > sc->crossing[p])
			sc->crossing[p] = (int8_t)level;
	} else if (t == CWT_DECLINE) {
		date_t d = date_parse(r->key);
		if (d != DATE_INVALID && (sc->decline[p] == DATE_INVALID || d > sc->decline[p]))
			sc->decline[p] = d;
	} else if (t == CWT_UNAUTHORISED) {
		/* "YYYY-MM-DD AM" */
		char day[DATE_ISO_LEN];
		snprintf(day, sizeof day, "%.10s", r->key);
		int s = session_parse(r->key + (strlen(r->key) > 11 ? 11 : strlen(r->key)));
		int col = s < 0 ? -1 : calendar_session_col(&sc->e->cal, date_parse(day), (enum session)s);
		if (col > sc->unauth_after[p])
			sc->unauth_after[p] = col;
	}
	return 0;
}

static void sessions_text(int64_t absence, int64_t possible, char *buf, size_t len)
{
	char pct[16], days[48];
	snprintf(buf, len, "%s (%lld of %lld sessions: %s)",
		 wording_pct(stats_pct100(absence, possible), pct, sizeof pct), (long long)absence,
		 (long long)possible, wording_days(absence, days, sizeof days));
}

static int crossing(struct scan *sc, int64_t pupil, int row, struct app_error *err)
{
	struct cw_crossing c;
	cw_crossing(&sc->plan, &sc->e->m, row, sc->y0, sc->dl + 1, sc->cs.min_sessions, &c);
	if (c.level == CWL_GOOD || (int)c.level <= sc->crossing[pupil])
		return 0;
	char when[48], then[80], now[80], detail[400];
	date_t day = sc->e->cal.school_days[c.day];
	sessions_text(c.day_absence, c.day_possible, then, sizeof then);
	sessions_text(c.absence, c.possible, now, sizeof now);
	snprintf(detail, sizeof detail, "Absence this school year reached %s on %s; it is %s now.",
		 then, wording_date(day, when, sizeof when), now);
	return raise_item(sc, pupil, cw_level_trigger(c.level), sc->year, day, detail, err);
}

static int decline(struct scan *sc, int64_t pupil, int row, struct app_error *err)
{
	int m = sc->cs.decline_weeks, c[4];
	date_t monday[2];
	if (cw_decline_windows(&sc->e->cal, &sc->wl, sc->dl, m, c, monday) < 0)
		return 0;
	struct tally before = {0}, now = {0};
	tally_row(&sc->plan, &sc->e->m, row, c[0], c[1], NULL, &before);
	tally_row(&sc->plan, &sc->e->m, row, c[2], c[3], NULL, &now);
	struct cw_decline d;
	cw_decline_check(&before, &now, sc->cs.decline_points, m, &d);
	/* not again while the windows overlap the last decline raised */
	if (!d.due || (sc->decline[pupil] != DATE_INVALID && sc->decline[pupil] > monday[0]))
		return 0;
	date_t last = calendar_col_date(&sc->e->cal, c[3] - 1);
	char key[DATE_ISO_LEN], to[48], a[16], b[16], pp[16], detail[400];
	snprintf(pp, sizeof pp, "%.1f", (double)-d.change_pp100 / 100.0);
	snprintf(detail, sizeof detail,
		 "Attendance was %s in the %d school week%s to %s, down %s points on the %d before "
		 "(%s).",
		 wording_pct(d.now_pct100, a, sizeof a), m, m == 1 ? "" : "s",
		 wording_date(last, to, sizeof to), pp, m, wording_pct(d.before_pct100, b, sizeof b));
	return raise_item(sc, pupil, CWT_DECLINE, date_format(monday[1], key), last, detail, err);
}

static int pattern(struct scan *sc, int64_t pupil, int row, struct app_error *err)
{
	struct tally t[PATTERN_CLASSES];
	memset(t, 0, sizeof t);
	tally_row(&sc->plan, &sc->e->m, row, 2 * sc->y0, 2 * (sc->dl + 1), sc->cls, t);
	struct pattern p;
	patterns_fold(t, &p);
	struct pattern_note notes[NOTE__MAX];
	int n = cw_pattern_notes(&p, notes);
	for (int i = 0; i < n; i++) {
		static const char *const days[5] = {"monday", "tuesday", "wednesday", "thursday",
						    "friday"};
		const char *part = notes[i].kind == NOTE_DAY	    ? days[notes[i].which]
				   : notes[i].kind == NOTE_SESSION ? (notes[i].which == SESSION_AM ? "am" : "pm")
								    : "holiday";
		char key[64], text[160], detail[240];
		snprintf(key, sizeof key, "%s:%s", sc->year, part);
		snprintf(detail, sizeof detail, "%s this school year.",
			 patterns_note_text(&notes[i], text, sizeof text));
		if (raise_item(sc, pupil, CWT_PATTERN, key, sc->e->cal.school_days[sc->dl], detail, err) < 0)
			return -1;
	}
	return 0;
}

static int unauthorised(struct scan *sc, int64_t pupil, int first, struct app_error *err)
{
	const struct engine *e = sc->e;
	int n = 0, end = 2 * (sc->dl + 1);
	for (int r = first; r >= 0; r = engine_next_row(e, r)) {
		const struct pupil_row *p = &e->m.rows[r];
		const uint8_t *cells = matrix_row_cells(&e->m, r);
		int hi = p->end_col < end ? p->end_col : end;
		for (int c = p->first_col; c < hi; c++)
			if (sc->plan.bin[cells[c] & 63] == TB_UNAUTHORISED)
				sc->cols[n++] = c;
	}
	int need = sc->cs.unauth_sessions, weeks = sc->cs.unauth_weeks;
	/* Only the window of the last `weeks` school weeks to today counts:
	 * old thresholds are history, not news. Within it, the threshold may
	 * be reached more than once (20 sessions): the latest is raised, and
	 * the next must be reached by sessions after it. */
	int wk_now = sc->wl.cls[2 * sc->dl], from_wk = wk_now - weeks + 1 < 0 ? 0 : wk_now - weeks + 1;
	int k = 0;
	while (k < n && sc->wl.cls[sc->cols[k]] < from_wk)
		k++;
	int after = sc->unauth_after[pupil], at = -1;
	for (int hit; (hit = cw_unauthorised_reached(sc->cols + k, n - k, sc->wl.cls, need, weeks,
						   after)) >= 0;) {
		at = k + hit;
		after = sc->cols[at];
	}
	if (at < 0)
		return 0;
	/* the sessions of the window it completed, by code */
	int wk = sc->wl.cls[sc->cols[at]], from = wk - weeks + 1 < 0 ? 0 : wk - weeks + 1, count = 0;
	int by_code[CODE__MAX] = {0};
	for (int i = k; i <= at; i++) {
		if (sc->cols[i] <= sc->unauth_after[pupil] || sc->wl.cls[sc->cols[i]] < from)
			continue;
		count++;
		int r = engine_row_of_id(e, pupil, calendar_col_date(&e->cal, sc->cols[i]), first);
		if (r >= 0)
			by_code[matrix_row_cells(&e->m, r)[sc->cols[i]] & 63]++;
	}
	char codes[120] = "", key[32], w0[48], on[48], detail[500];
	for (int c = 0; c < CODE__MAX; c++)
		if (by_code[c])
			snprintf(codes + strlen(codes), sizeof codes - strlen(codes), "%s%s %d",
				 codes[0] ? ", " : "", code_text((enum code)c, SESSION_AM), by_code[c]);
	date_t day = calendar_col_date(&e->cal, sc->cols[at]);
	enum session s = (enum session)(sc->cols[at] % 2);
	char d[DATE_ISO_LEN];
	snprintf(key, sizeof key, "%s %s", date_format(day, d), session_name(s));
	snprintf(detail, sizeof detail,
		 "%d unauthorised sessions (%s) within %d school weeks, from the week of %s to %s %s: "
		 "the national framework's threshold for considering a penalty notice (a notice to "
		 "improve may come first).",
		 count, codes, weeks, wording_date(sc->wl.w[from].monday, w0, sizeof w0),
		 wording_date(day, on, sizeof on), session_name(s));
	return raise_item(sc, pupil, CWT_UNAUTHORISED, key, day, detail, err);
}

/* ---- part-time timetables and plans: C2, review points, tasks ---- */

static int task(struct scan *sc, int64_t pupil, const char *kind, date_t about, date_t due,
		const char *what, struct app_error *err)
{
	const struct engine *e = sc->e;
	int row = engine_row_of_id(e, pupil, sc->e->cal.school_days[sc->dl], -1);
	if (row < 0)
		return 0; /* not on roll now */
	const struct pupil_row *p = &e->m.rows[row];
	struct task_rec t = {0};
	t.pupil_id = pupil;
	snprintf(t.kind, sizeof t.kind, "%s", kind);
	char when[48];
	snprintf(t.title, sizeof t.title, "%s: %s %s (%s), %s", what, p->forename, p->surname,
		 e->m.forms[p->form], wording_date(about, when, sizeof when));
	snprintf(t.assignee_role, sizeof t.assignee_role, "%s", role_name(ROLE_ATTENDANCE_LEAD));
	t.scope_year = YEAR_INVALID;
	t.absence_date = about;
	t.due_date = due;
	t.day_number = 1;
	int rc = tasks_add(sc->e, &t, sc->who, err);
	if (rc < 0)
		return -1;
	sc->out->tasks += rc == 0;
	return 0;
}

/* Within the notice (school days) before a day, or past it. */
static bool due_soon(const struct scan *sc, date_t day)
{
	return day <= sc->today ||
	       fd_school_days_between(&sc->e->cal, sc->today, day) <= sc->cs.review_notice_days;
}

static int part_times(struct scan *sc, struct app_error *err)
{
	struct engine *e = sc->e;
	struct cw_part_times pts = {0};
	struct cw_pt_reviews rvs = {0};
	struct cw_plans plans = {0};
	int rc = -1;
	if (store_cw_part_times_each(e->store, e->school.id, 0, true, cw_part_times_add, &pts) < 0 ||
	    store_cw_pt_reviews_each(e->store, e->school.id, 0, cw_pt_reviews_add, &rvs) < 0 ||
	    store_cw_plans_each(e->store, e->school.id, 0, true, cw_plans_add, &plans) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto out;
	}
	for (int i = 0; i < pts.n; i++) {
		const struct cw_part_time_rec *pt = &pts.v[i];
		if (cw_part_time_apply(e, pt, sc->today, sc->who, &sc->out->c2, err) < 0)
			goto out;
		if (pt->planned_end < sc->today &&
		    task(sc, pt->pupil_id, "pt_end", pt->planned_end, sc->today,
			 "Part-time timetable past its planned end: end it or agree a new one", err) < 0)
			goto out;
		for (int k = 0; k < rvs.n; k++) {
			const struct cw_pt_review_rec *r = &rvs.v[k];
			if (r->part_time_id != pt->id || r->held_on != DATE_INVALID || !due_soon(sc, r->due_on))
				continue;
			if (task(sc, pt->pupil_id, "pt_review", r->due_on, r->due_on,
				 "Review the part-time timetable", err) < 0)
				goto out;
			if (r->due_on >= sc->today)
				continue;
			char key[64], d[DATE_ISO_LEN], words[120], since[48], due[48], detail[500];
			unsigned mask = 0;
			cw_sessions_parse(pt->sessions, &mask);
			snprintf(key, sizeof key, "pt%lld:%s", (long long)pt->id, date_format(r->due_on, d));
			snprintf(detail, sizeof detail,
				 "The part-time timetable (not attending: %s) in place since %s, agreed "
				 "with %s, was due for review on %s and has not been reviewed.",
				 cw_sessions_words(mask, words, sizeof words),
				 wording_date(pt->started_on, since, sizeof since), pt->agreed_with,
				 wording_date(r->due_on, due, sizeof due));
			if (raise_item(sc, pt->pupil_id, CWT_PART_TIME, key, r->due_on, detail, err) < 0)
				goto out;
		}
	}
	for (int i = 0; i < plans.n; i++)
		if (due_soon(sc, plans.v[i].review_on) &&
		    task(sc, plans.v[i].pupil_id, "plan_review", plans.v[i].review_on, plans.v[i].review_on,
			 "Review the support plan", err) < 0)
			goto out;
	rc = 0;
out:
	free(pts.v);
	free(rvs.v);
	free(plans.v);
	return rc;
}

int cw_scan(struct engine *e, date_t today, const struct actor *who, struct cw_scan_result *out,
	    struct app_error *err)
{
	memset(out, 0, sizeof *out);
	struct scan sc = {.e = e, .who = who, .out = out, .today = today};
	sc.dl = range_school_day_at_or_before(&e->cal, today);
	if (sc.dl < 0)
		return 0; /* no school day yet */
	if (casework_settings_load(e->store, e->school.id, NULL, NULL, &sc.cs, err) < 0)
		return -1;
	struct date_range year;
	range_academic_year(e->cal.school_days[sc.dl], &year);
	int hi;
	calendar_day_range(&e->cal, year.from, year.to, &sc.y0, &hi);
	date_academic_year_label(date_academic_year(year.from), sc.year);
	tally_plan_init(&sc.plan);
	size_t np = (size_t)e->max_pupil_id + 1;
	int rc = -1;
	sc.crossing = malloc(np);
	sc.decline = malloc(np * sizeof *sc.decline);
	sc.unauth_after = malloc(np * sizeof *sc.unauth_after);
	sc.cols = malloc((size_t)(e->m.n_cols > 0 ? e->m.n_cols : 1) * sizeof *sc.cols);
	bool *done = calloc(np, 1);
	if (!sc.crossing || !sc.decline || !sc.unauth_after || !sc.cols || !done ||
	    cw_weeks(&e->cal, &sc.wl) < 0 ||
	    !(sc.cls = patterns_classes(&e->cal, 2 * sc.y0, 2 * (sc.dl + 1)))) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < np; i++) {
		sc.crossing[i] = -1;
		sc.decline[i] = DATE_INVALID;
		sc.unauth_after[i] = -1;
	}
	if (cw_stages_current(e, e->store, &sc.stage, err) < 0)
		goto out;
	if (store_cw_reviews_each(e->store, e->school.id, 0, false, NULL, note_raised, &sc) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto out;
	}
	/* C2 first: the part-time timetables' sessions count as they are marked */
	if (part_times(&sc, err) < 0)
		goto out;
	date_t last = e->cal.school_days[sc.dl];
	for (int row = 0; row < e->m.n_rows; row++) {
		int64_t pupil = e->m.rows[row].pupil_id;
		if (pupil < 0 || pupil >= (int64_t)np || done[pupil])
			continue;
		done[pupil] = true;
		int cur = engine_row_of_id(e, pupil, last, row);
		if (cur < 0)
			continue; /* not on roll on the last school day */
		int first = engine_pupil_row(e, e->m.rows[row].upn);
		if (crossing(&sc, pupil, cur, err) < 0 || decline(&sc, pupil, cur, err) < 0 ||
		    pattern(&sc, pupil, cur, err) < 0 || unauthorised(&sc, pupil, first, err) < 0)
			goto out;
	}
	rc = 0;
out:
	free(sc.crossing);
	free(sc.decline);
	free(sc.unauth_after);
	free(sc.cols);
	free(sc.cls);
	free(sc.stage);
	free(done);
	trends_weeks_free(&sc.wl);
	return rc;
}
