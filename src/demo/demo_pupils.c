/* The pupils of a demo school: cohorts that move up a year group each year,
 * names, dates of birth consistent with the year group, forms, the census
 * characteristics in their national shares, and the traits the attendance
 * model uses, calibrated so that the school lands on the national figures
 * for its phase. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_internal.h"
#include "demo/names.h"

/* Targets and shapes by phase (shared/benchmarks-national.csv, 2023/24 and
 * 2024/25 full years): overall absence, the severely absent share, the
 * spread of pupils' underlying rates, the unauthorised share of episodes
 * and how many families take term-time holidays. */
struct phase_model {
	double absence;   /* overall absence rate */
	double severe;    /* share of pupils severely absent */
	double extras;    /* absence from holidays, suspensions, leave: added on top */
	double sigma;     /* spread of pupils' rates (log-normal) */
	double unauth;    /* unauthorised share of an average pupil's episodes */
	double holidays;  /* share of pupils whose family takes term-time holidays */
	int form_size;
};

static const struct phase_model primary_model = {0.056, 0.008, 0.0085, 0.72, 0.15, 0.17, 30};
static const struct phase_model secondary_model = {0.091, 0.033, 0.0060, 0.74, 0.33, 0.11, 28};

static const struct phase_model *model_for_year(int year)
{
	return year <= 6 ? &primary_model : &secondary_model;
}

/* Absence by year group relative to the phase (Reception and the older
 * secondary years miss more). */
double demo_year_factor(int year)
{
	static const double f[] = {1.12, 1.0, 0.97, 0.95, 0.95, 0.97, 1.0, /* R..6 */
				   0.80, 0.95, 1.05, 1.10, 1.12};          /* 7..11 */
	if (year < 0)
		return 1.1;
	return year <= 11 ? f[year] : 1.1;
}

static const int la_codes[] = {202, 204, 206, 209, 213, 302, 304, 306, 310, 316, 330, 331,
			       335, 341, 343, 350, 352, 354, 357, 373, 380, 383, 390, 392,
			       800, 810, 821, 826, 850, 855, 873, 881, 886, 896, 916, 926, 936};

struct upn_set {
	uint64_t *slot;
	uint32_t n;
};

static uint64_t upn_key(const char *u)
{
	uint64_t k = 1469598103934665603ull;
	for (int i = 0; i < UPN_LEN; i++)
		k = (k ^ (uint8_t)u[i]) * 1099511628211ull;
	return k | 1;
}

/* Adds a UPN; false if it was there already. */
static bool upn_add(struct upn_set *s, const char *u)
{
	uint64_t k = upn_key(u);
	for (uint32_t i = (uint32_t)k & (s->n - 1);; i = (i + 1) & (s->n - 1)) {
		if (s->slot[i] == k)
			return false;
		if (!s->slot[i]) {
			s->slot[i] = k;
			return true;
		}
	}
}

static void make_upn(struct prng *r, struct upn_set *set, int entry_year, char out[UPN_LEN + 1])
{
	int la = la_codes[prng_below(r, (int)(sizeof la_codes / sizeof *la_codes))];
	do {
		/* LA and establishment of the school that first allocated it, the
		 * year of allocation, a serial number; then the check letter. */
		snprintf(out, UPN_LEN + 1, "A%03d%04d%02d%03d", la, 2000 + prng_below(r, 1000),
			 (entry_year + 100) % 100, prng_below(r, 1000));
		out[0] = upn_check_letter(out);
	} while (!upn_add(set, out));
}

static void form_name(int year, int k, int n, char out[DEMO_FORM_MAX])
{
	if (n <= 26)
		snprintf(out, DEMO_FORM_MAX, "%s%c", year_name(year), 'A' + k);
	else
		snprintf(out, DEMO_FORM_MAX, "%s-%03d", year_name(year), k + 1);
}

static void tutor_name(struct prng *r, char out[24])
{
	const char *sn = names_surname(r);
	const char *fn = names_forename(r, 'U');
	size_t n = 0;
	out[n++] = (char)tolower((unsigned char)fn[0]);
	for (const char *c = sn; *c && n < 20; c++)
		if (isalpha((unsigned char)*c) && !((unsigned char)*c & 0x80))
			out[n++] = (char)tolower((unsigned char)*c);
	out[n] = '\0';
}

/* The first and the last school day index of academic year index ay. */
static void year_days(const struct demo_school *sc, int ay, int *first, int *last)
{
	*first = -1;
	*last = -1;
	for (int i = 0; i < sc->cal.n_school_days; i++) {
		if (sc->days[i].ay != ay)
			continue;
		if (*first < 0)
			*first = i;
		*last = i;
	}
}

static int make_forms(struct demo_school *sc, const int *per_group, int *first_form,
		      int *forms_in, struct app_error *err)
{
	int total = 0;
	for (int g = sc->lo; g <= sc->hi; g++) {
		int size = model_for_year(g)->form_size;
		forms_in[g - sc->lo] = per_group[g - sc->lo] ? (per_group[g - sc->lo] + size - 1) / size : 1;
		total += forms_in[g - sc->lo];
	}
	sc->forms = calloc((size_t)total, sizeof *sc->forms);
	sc->tutors = calloc((size_t)total, sizeof *sc->tutors);
	if (!sc->forms || !sc->tutors)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	struct prng r;
	prng_seed(&r, sc->seed, 0xF0F0 + (uint64_t)sc->index, 1);
	for (int g = sc->lo; g <= sc->hi; g++) {
		first_form[g - sc->lo] = sc->n_forms;
		for (int k = 0; k < forms_in[g - sc->lo]; k++) {
			form_name(g, k, forms_in[g - sc->lo], sc->forms[sc->n_forms]);
			tutor_name(&r, sc->tutors[sc->n_forms]);
			sc->n_forms++;
		}
	}
	return 0;
}

/* A random school day index of academic year ay within [lo_day, hi_day]. */
static int day_between(struct prng *r, int lo_day, int hi_day)
{
	return hi_day < lo_day ? -1 : lo_day + prng_below(r, hi_day - lo_day + 1);
}

static void characteristics(struct prng *r, struct demo_pupil *p)
{
	double u = prng_unit(r);
	p->gender = u < 0.494 ? 'F' : u < 0.998 ? 'M' : 'U';
	p->fsm = prng_chance(r, 0.245);
	p->pp = p->fsm || prng_chance(r, 0.07);
	double e = prng_unit(r), k_share = p->fsm ? 0.18 : 0.115, e_share = p->fsm ? 0.045 : 0.025;
	p->send = e < e_share ? 'E' : e < e_share + k_share ? 'K' : 'N';
	p->eal = prng_chance(r, 0.20);
	p->forename = names_forename(r, p->gender);
	p->surname = names_surname(r);
}

/* The raw (unscaled) absence factor of a pupil and their weight in the
 * draw of the severely absent. */
static double raw_rate(struct prng *r, const struct demo_pupil *p, double sigma, double *sa_weight)
{
	double f = 1.0;
	f *= p->fsm ? 1.85 : 1.0;
	f *= p->send == 'E' ? 1.75 : p->send == 'K' ? 1.4 : 1.0;
	f *= p->eal ? 0.88 : 1.0;
	*sa_weight = (p->fsm ? 2.4 : 1.0) * (p->send == 'E' ? 1.7 : p->send == 'K' ? 1.5 : 1.0);
	double z = prng_normal(r);
	if (z > 3.5)
		z = 3.5;
	/* A log-normal body, and an eighth of pupils with a heavier burden
	 * (illness, caring, anxiety): the long tail of the national bands. */
	return f * exp(sigma * z - sigma * sigma / 2) * (prng_chance(r, 0.12) ? 2.4 : 1.0);
}

int demo_make_pupils(struct demo_school *sc, int n_on_roll, struct app_error *err)
{
	int n_groups = sc->hi - sc->lo + 1, last = sc->n_years - 1;
	int per_group[15] = {0}, first_form[15], forms_in[15];
	for (int g = 0; g < n_groups; g++)
		per_group[g] = n_on_roll / n_groups + (g < n_on_roll % n_groups);
	int n_left = last * (n_on_roll / n_groups); /* cohorts that have left since */
	sc->n_pupils = n_on_roll + n_left;
	sc->pupils = calloc((size_t)(sc->n_pupils ? sc->n_pupils : 1), sizeof *sc->pupils);
	double *raw = malloc((size_t)(sc->n_pupils ? sc->n_pupils : 1) * 2 * sizeof *raw);
	struct upn_set upns = {0};
	upns.n = 64;
	while (upns.n < (uint32_t)sc->n_pupils * 2)
		upns.n *= 2;
	upns.slot = calloc(upns.n, sizeof *upns.slot);
	if (!sc->pupils || !raw || !upns.slot) {
		free(raw);
		free(upns.slot);
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	}
	if (make_forms(sc, per_group, first_form, forms_in, err) < 0) {
		free(raw);
		free(upns.slot);
		return -1;
	}
	int marked_days = (sc->marked_cols + 1) / 2; /* days with at least one session marked */
	int i = 0;
	for (int ay = last; ay >= 0; ay--) {
		for (int g = sc->lo; g <= sc->hi; g++) {
			if (ay < last && g != sc->hi)
				continue; /* of earlier years, only the leavers are new */
			int n = ay == last ? per_group[g - sc->lo] : n_on_roll / n_groups;
			for (int k = 0; k < n; k++, i++) {
				struct demo_pupil *p = &sc->pupils[i];
				struct prng r;
				prng_seed(&r, sc->seed, (uint64_t)sc->index + 1, (uint64_t)i + 1);
				p->year = g;
				p->last_ay = ay;
				p->form = first_form[g - sc->lo] + k % forms_in[g - sc->lo];
				characteristics(&r, p);
				int start_year = sc->ay_first + ay; /* the calendar year it starts in */
				int born = start_year - g - 5;  /* born 1 September born .. 31 August born+1 */
				p->dob = date_from_ymd(born, 9, 1) + prng_below(&r, 365);
				int entry_year = start_year - (g - sc->lo);
				make_upn(&r, &upns, entry_year, p->upn);
				p->admitted = date_from_ymd(entry_year, 9, 1);
				p->left = DATE_INVALID;
				int fd, ld;
				/* Some join during one of the years shown ... */
				int join_ay = ay - prng_below(&r, ay + 1);
				if (demo_year_in(p, join_ay) < sc->lo)
					join_ay = ay;
				year_days(sc, join_ay, &fd, &ld);
				if (join_ay == last && ld >= marked_days)
					ld = marked_days - 1;
				if (prng_chance(&r, 0.035) && fd >= 0 && ld > fd + 5) {
					int d = day_between(&r, fd + 5, ld);
					if (d >= 0)
						p->admitted = sc->days[d].date;
				}
				/* ... some leave during their last one, and the year
				 * group at the top leaves at the end of the year. */
				year_days(sc, ay, &fd, &ld);
				if (ay == last && ld >= marked_days)
					ld = marked_days - 1;
				if (prng_chance(&r, 0.03) && ld >= 0) {
					int d = day_between(&r, fd + 5, ld - 1);
					if (d >= 0 && sc->days[d].date > p->admitted)
						p->left = sc->days[d].date;
				}
				if (p->left == DATE_INVALID && ay < last)
					p->left = sc->days[ld].date;
				double sigma = model_for_year(g)->sigma;
				raw[2 * i] = raw_rate(&r, p, sigma, &raw[2 * i + 1]);
				double lu = prng_unit(&r);
				p->late = lu < 0.65 ? 0.008f : lu < 0.93 ? 0.04f : 0.14f;
				p->sporty = prng_chance(&r, 0.08);
				p->holidays = prng_chance(&r, model_for_year(g)->holidays);
			}
		}
	}
	/* Scale so that each phase lands on its national rate: the mean of the
	 * pupils' rates, with the severely absent at about 72%, makes the
	 * overall rate (a sum of sessions, so the mean of rates is right up to
	 * the spread of possible sessions). */
	for (int part = 0; part < 2; part++) {
		const struct phase_model *m = part ? &secondary_model : &primary_model;
		double sum = 0, sum_sa = 0;
		int n = 0;
		for (int j = 0; j < sc->n_pupils; j++) {
			if ((sc->pupils[j].year > 6) != part)
				continue;
			sum += raw[2 * j] * demo_year_factor(sc->pupils[j].year);
			sum_sa += raw[2 * j + 1];
			n++;
		}
		if (!n)
			continue;
		double target = (m->absence - m->extras - m->severe * 0.72) / (1 - m->severe);
		double base = target / (sum / n);
		for (int j = 0; j < sc->n_pupils; j++) {
			struct demo_pupil *p = &sc->pupils[j];
			if ((p->year > 6) != part)
				continue;
			struct prng r;
			prng_seed(&r, sc->seed, (uint64_t)sc->index + 1, (uint64_t)j + 0x100000001ull);
			p->severe = prng_chance(&r, m->severe * raw[2 * j + 1] / (sum_sa / n));
			if (p->severe) {
				p->rate = (float)(0.5 + 0.45 * prng_unit(&r));
				p->unauth = 0.6f;
			} else {
				double rate = base * raw[2 * j];
				p->rate = (float)(rate > 0.42 ? 0.42 : rate);
				double u = m->unauth * (0.5 + 3.0 * rate);
				p->unauth = (float)(u < 0.03 ? 0.03 : u > 0.75 ? 0.75 : u);
			}
			p->late *= (float)(1.0 + 2.0 * p->rate);
			/* Suspensions: mostly secondary, more often where absence,
			 * FSM or SEN are. */
			double sus = (part ? 0.035 : 0.004) * (p->fsm ? 1.8 : 1.0) *
				     (p->send != 'N' ? 1.7 : 1.0) * (p->rate > 0.1 ? 1.5 : 1.0);
			for (int y = 0; y < sc->n_years && y < 8; y++)
				if (prng_chance(&r, sus))
					p->suspended |= (uint8_t)(1u << y);
		}
	}
	free(raw);
	free(upns.slot);
	return 0;
}
