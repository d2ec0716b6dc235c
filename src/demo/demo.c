/* Building demo schools in the store: the schools, their calendars, their
 * pupils and every pupil's register, in one bulk load. */
#include "demo/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_internal.h"
#include "demo/names.h"
#include "demo/school_year.h"

#define DEMO_USER "demo"

static const char *phase_names[DEMO_PHASE__MAX] = {"primary", "secondary", "all-through"};

const char *demo_phase_name(enum demo_phase p)
{
	return (unsigned)p < DEMO_PHASE__MAX ? phase_names[p] : "?";
}

int demo_phase_parse(const char *text)
{
	for (int p = 0; p < DEMO_PHASE__MAX; p++)
		if (text && strcmp(text, phase_names[p]) == 0)
			return p;
	return -1;
}

/* Sessions whose register has been taken by `today` at `minute`: the AM
 * register at 08:45, the PM one at 13:15, each done by 09:00 and 13:30. */
static int marked_cols(const struct calendar *cal, date_t today, int minute)
{
	int lo, hi;
	calendar_day_range(cal, cal->first, today - 1, &lo, &hi);
	int n = 2 * hi;
	if (calendar_day_index(cal, today) >= 0)
		n += (minute >= 9 * 60) + (minute >= 13 * 60 + 30);
	return n;
}

static int build_calendar(struct calendar *cal, int ay_first, int n_years, struct app_error *err)
{
	char msg[256];
	calendar_init(cal);
	for (int y = 0; y < n_years; y++) {
		struct cal_entry e[SCHOOL_YEAR_MAX_ENTRIES];
		int n = school_year_entries(ay_first + y, e);
		for (int i = 0; i < n; i++)
			if (calendar_add(cal, &e[i], msg, sizeof msg) < 0)
				return app_fail(err, ERR_INTERNAL, NULL, "demo calendar: %s", msg);
	}
	if (calendar_build(cal, msg, sizeof msg) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "demo calendar: %s", msg);
	return 0;
}

/* The latest academic year with a register taken by now. */
static int latest_year(const struct demo_params *p, struct app_error *err)
{
	int ay = date_academic_year(p->today);
	struct calendar cal;
	if (build_calendar(&cal, ay, 1, err) < 0)
		return -1;
	int n = marked_cols(&cal, p->today, p->minute_of_day);
	calendar_free(&cal);
	return n > 0 ? ay : ay - 1;
}

struct count_ctx {
	long n;
};

static int count_one(void *ctx, const void *row)
{
	(void)row;
	((struct count_ctx *)ctx)->n++;
	return 0;
}

static int count_cal(void *ctx, const struct cal_entry *e)
{
	return count_one(ctx, e);
}

static int count_pupil(void *ctx, const struct pupil_rec *p)
{
	return count_one(ctx, p);
}

/* Finds or adds school k of the run. An existing school is used only while
 * it is empty (as `attend init` leaves it). */
static int school_for(struct store *s, const struct demo_params *p, int k, struct demo_school *sc,
		      struct demo_school_result *out, struct app_error *err)
{
	struct school_rec rec = {0};
	char urn_text[16] = "";
	int rc;
	if (p->urn) {
		snprintf(urn_text, sizeof urn_text, "%06ld", p->urn + k);
	} else if (k == 0) {
		/* An initialised database: its first school, if still empty. */
		if ((rc = store_school_get(s, NULL, &rec)) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		if (rc == 0)
			snprintf(urn_text, sizeof urn_text, "%s", rec.urn);
	}
	if (!urn_text[0])
		snprintf(urn_text, sizeof urn_text, "%06d", DEMO_DEFAULT_URN + k);
	if ((rc = store_school_get(s, urn_text, &rec)) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	int phase = p->phase;
	if (rc == 0) {
		struct count_ctx n = {0};
		if (store_calendar_each(s, rec.id, count_cal, &n) < 0 ||
		    store_pupils_each(s, rec.id, count_pupil, &n) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		if (n.n > 0)
			return app_fail(err, ERR_CONFLICT, "urn",
					"the database already has %s (URN %s) with a calendar or "
					"pupils: use a new database or another --urn",
					rec.name, rec.urn);
		int own = demo_phase_parse(rec.phase);
		if (phase < 0)
			phase = own >= 0 ? own : DEMO_SECONDARY;
		else if (own != phase)
			return app_fail(err, ERR_INPUT, "phase",
					"%s (URN %s) is a %s school: leave out --phase or use a new "
					"database",
					rec.name, rec.urn, rec.phase);
	} else {
		if (phase < 0)
			phase = DEMO_SECONDARY;
		struct prng r;
		prng_seed(&r, p->seed, 0x5C400 + (uint64_t)k, 3);
		snprintf(rec.urn, sizeof rec.urn, "%s", urn_text);
		names_school(&r, demo_phase_name((enum demo_phase)phase), rec.name, sizeof rec.name);
		snprintf(rec.phase, sizeof rec.phase, "%s", demo_phase_name((enum demo_phase)phase));
		snprintf(rec.la_code, sizeof rec.la_code, "886");
		snprintf(rec.estab, sizeof rec.estab, "%04d",
			 (phase == DEMO_PRIMARY ? 2000 : 4000) + 100 + k);
		if (store_school_insert(s, &rec, p->now_iso) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	}
	sc->id = rec.id;
	sc->phase = (enum demo_phase)phase;
	sc->lo = phase == DEMO_SECONDARY ? 7 : 0;
	sc->hi = phase == DEMO_PRIMARY ? 6 : 11;
	out->id = rec.id;
	snprintf(out->urn, sizeof out->urn, "%s", rec.urn);
	snprintf(out->name, sizeof out->name, "%s", rec.name);
	snprintf(out->phase, sizeof out->phase, "%s", demo_phase_name(sc->phase));
	return 0;
}

static int save_school(struct store *s, const struct demo_params *p, struct demo_school *sc,
		       struct app_error *err)
{
	for (int i = 0; i < sc->cal.n_entries; i++)
		if (store_calendar_insert(s, sc->id, &sc->cal.entries[i], DEMO_USER, p->now_iso) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	for (int i = 0; i < sc->n_pupils; i++) {
		const struct demo_pupil *d = &sc->pupils[i];
		struct pupil_rec rec = {0};
		memcpy(rec.upn, d->upn, sizeof rec.upn);
		snprintf(rec.surname, sizeof rec.surname, "%s", d->surname);
		snprintf(rec.forename, sizeof rec.forename, "%s", d->forename);
		rec.dob = d->dob;
		rec.gender = d->gender;
		rec.admitted = d->admitted;
		rec.left = d->left;
		rec.year = d->year;
		snprintf(rec.form, sizeof rec.form, "%s", sc->forms[d->form]);
		rec.fsm = d->fsm;
		rec.pp = d->pp;
		rec.eal = d->eal;
		rec.send = d->send;
		if (store_pupil_save(s, sc->id, &rec, DEMO_USER, p->now_iso, "demo school") < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		sc->pupils[i].id = rec.pupil_id;
	}
	return 0;
}

static void free_school(struct demo_school *sc)
{
	calendar_free(&sc->cal);
	free(sc->days);
	free(sc->pupils);
	free(sc->forms);
	free(sc->tutors);
	memset(sc, 0, sizeof *sc);
}

int demo_build(struct store *s, const struct demo_params *p, struct demo_result *res,
	       struct app_error *err)
{
	memset(res, 0, sizeof *res);
	if (p->pupils < 1 || p->pupils > DEMO_MAX_PUPILS)
		return app_fail(err, ERR_INPUT, "pupils", "pupils must be from 1 to %d", DEMO_MAX_PUPILS);
	if (p->schools < 1 || p->schools > DEMO_MAX_SCHOOLS)
		return app_fail(err, ERR_INPUT, "schools", "schools must be from 1 to %d",
				DEMO_MAX_SCHOOLS);
	if (p->years < 1 || p->years > DEMO_MAX_YEARS)
		return app_fail(err, ERR_INPUT, "years", "years must be from 1 to %d", DEMO_MAX_YEARS);
	int ay_last = latest_year(p, err);
	if (ay_last < 0)
		return -1;
	struct demo_school *schools = calloc((size_t)p->schools, sizeof *schools);
	if (!schools)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	struct store_bulk *b = NULL;
	int rc = -1;
	if (store_bulk_begin(s, true, &b) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		goto out;
	}
	res->relaxed = store_bulk_relaxed(b);
	res->n_schools = p->schools;
	for (int k = 0; k < p->schools; k++) {
		struct demo_school *sc = &schools[k];
		struct demo_school_result *out = &res->school[k];
		sc->seed = p->seed;
		sc->index = k;
		sc->ay_first = ay_last - p->years + 1;
		sc->n_years = p->years;
		if (school_for(s, p, k, sc, out, err) < 0 ||
		    build_calendar(&sc->cal, sc->ay_first, sc->n_years, err) < 0)
			goto out;
		sc->days = calloc((size_t)(sc->cal.n_school_days + 1), sizeof *sc->days);
		if (!sc->days) {
			app_fail(err, ERR_INTERNAL, NULL, "out of memory");
			goto out;
		}
		sc->marked_cols = marked_cols(&sc->cal, p->today, p->minute_of_day);
		demo_prepare_days(sc);
		if (demo_make_pupils(sc, p->pupils, err) < 0 || save_school(s, p, sc, err) < 0 ||
		    demo_write_marks(s, b, sc, &out->marks, err) < 0)
			goto out;
		out->pupils = sc->n_pupils;
		out->first_day = sc->cal.school_days[0];
		out->last_day = sc->cal.school_days[sc->cal.n_school_days - 1];
		free_school(sc);
	}
	rc = store_bulk_end(b);
	b = NULL;
	if (rc < 0)
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
out:
	if (b)
		store_bulk_abort(b);
	for (int k = 0; k < p->schools; k++)
		free_school(&schools[k]);
	free(schools);
	return rc;
}
