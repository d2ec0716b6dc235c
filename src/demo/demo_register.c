/* The attendance model: one pupil's register, session by session.
 *
 * Absence comes in episodes. Each school day a pupil not already absent may
 * start one: illness (I, a day or a few, or sent home in the afternoon),
 * a medical appointment (M, one session) or unauthorised absence (O, a day
 * or an afternoon). Each kind has its own weight by day: illness peaks in
 * winter and falls in the summer; unauthorised absence clusters on Mondays
 * and Fridays and in the last days before a break. The day rates are scaled
 * so that a pupil's expected absence over the year is their rate. On top
 * come planned events (term-time holidays G next to breaks and in the
 * summer, suspensions E, exceptional leave C, a religious festival R),
 * approved activities (trips V, fixtures P, work experience W, B), lateness
 * (L before the register closes, U after, with minutes), and N for recent
 * absence whose reason is not yet known. Severely absent pupils instead
 * alternate long runs of absence and attendance. */
#include <string.h>

#include "demo/demo_internal.h"

enum { W_ILL, W_UNAUTH, W_MEDICAL };

#define MEDICAL_SHARE 0.08
#define ILL_DAYS 1.8          /* mean length of a whole-day illness */
#define ILL_PM_ONLY 0.15      /* sent home ill: the afternoon only */
#define UNAUTH_PM_ONLY 0.30   /* truancy after lunch */
#define SESSIONS_ILL (ILL_PM_ONLY + (1 - ILL_PM_ONLY) * 2 * ILL_DAYS)
#define SESSIONS_UNAUTH (UNAUTH_PM_ONLY + (1 - UNAUTH_PM_ONLY) * 2)

static const double season_ill[13] = {0, 1.30, 1.15, 1.0, 0.80, 0.55, 0.42,
				      0.42, 0.7, 0.70, 0.95, 1.10, 1.35};
static const double weekday_ill[5] = {1.08, 0.95, 0.93, 0.96, 1.08};
static const double weekday_unauth[5] = {1.25, 0.80, 0.80, 0.90, 1.50};
static const double weekday_medical[5] = {1.0, 1.05, 1.05, 1.0, 0.9};

static double weight(const struct demo_day *d, int kind)
{
	switch (kind) {
	case W_ILL:
		return season_ill[d->month] * weekday_ill[d->weekday] * (d->to_break <= 2 ? 1.1 : 1.0);
	case W_UNAUTH:
		return weekday_unauth[d->weekday] * (d->to_break <= 2 ? 1.7 : 1.0) *
		       (d->from_break == 0 ? 1.4 : 1.0) * (d->summer ? 1.3 : 1.0);
	default: return weekday_medical[d->weekday];
	}
}

void demo_prepare_days(struct demo_school *sc)
{
	const struct calendar *cal = &sc->cal;
	int count[DEMO_MAX_YEARS] = {0};
	memset(sc->mean_weight, 0, sizeof sc->mean_weight);
	for (int i = 0; i < cal->n_school_days; i++) {
		struct demo_day *d = &sc->days[i];
		int y, m, dd;
		d->date = cal->school_days[i];
		date_to_ymd(d->date, &y, &m, &dd);
		d->weekday = (uint8_t)date_weekday(d->date);
		d->month = (uint8_t)m;
		d->ay = (uint8_t)(date_academic_year(d->date) - sc->ay_first);
		const struct half_term *h = calendar_half_term_at(cal, d->date);
		d->to_break = (int16_t)(h->first_day + h->n_days - 1 - i);
		d->from_break = (int16_t)(i - h->first_day);
		d->autumn1 = strcmp(h->label, "Autumn 1") == 0;
		d->summer = strncmp(h->label, "Summer", 6) == 0;
		for (int k = 0; k < 3; k++)
			sc->mean_weight[d->ay][k] += weight(d, k);
		count[d->ay]++;
	}
	struct prng r;
	prng_seed(&r, sc->seed, 0x7219 + (uint64_t)sc->index, 2);
	for (int ay = 0; ay < sc->n_years; ay++) {
		for (int k = 0; k < 3; k++)
			sc->mean_weight[ay][k] /= count[ay] ? count[ay] : 1;
		int first = -1, last = -1;
		for (int i = 0; i < cal->n_school_days; i++)
			if (sc->days[i].ay == ay) {
				if (first < 0)
					first = i;
				last = i;
			}
		int n = last - first + 1;
		/* Two trips a year for each year group, away from the first and
		 * last weeks; Year 10 work experience in the summer term; one
		 * religious festival on a school day. */
		for (int g = 0; g < 15; g++)
			for (int t = 0; t < 2; t++)
				sc->trip_day[ay][g][t] = n > 20 ? first + 5 + prng_below(&r, n - 10) : -1;
		sc->work_exp_day[ay] = -1;
		for (int i = last - 40; i >= first && i <= last; i++)
			if (sc->days[i].weekday == WD_MON && sc->days[i].summer) {
				sc->work_exp_day[ay] = i;
				break;
			}
		sc->eid_day[ay] = n > 0 ? first + prng_below(&r, n) : -1;
	}
}

/* A planned event: a run of days with one code. */
struct event {
	int start, len;
	enum code code;
};

static int plan_events(const struct demo_school *sc, const struct demo_pupil *p, struct prng *r,
		       int ay, int first, int last, struct event *ev)
{
	int n = 0;
	if (last < first)
		return 0;
	if (p->holidays && !p->severe) {
		int k = prng_chance(r, 0.25) ? 2 : 1;
		for (int h = 0; h < k; h++) {
			int len = 2 + prng_geometric(r, 3.0);
			if (len > 10)
				len = 10;
			/* Next to a break (leaving early or coming back late),
			 * or in the summer term. */
			int tries = 0, d;
			do {
				d = first + prng_below(r, last - first + 1);
			} while (++tries < 200 && !(sc->days[d].to_break == 0 ||
						    sc->days[d].from_break == 0 ||
						    (sc->days[d].summer && prng_chance(r, 0.2))));
			int start = sc->days[d].to_break == 0 ? d - len + 1 : d;
			ev[n++] = (struct event){start, len, CODE_G};
		}
	}
	if ((p->suspended >> ay) & 1)
		ev[n++] = (struct event){first + prng_below(r, last - first + 1),
					 1 + prng_below(r, 3), CODE_E};
	if (prng_chance(r, 0.03))
		ev[n++] = (struct event){first + prng_below(r, last - first + 1),
					 1 + prng_chance(r, 0.3), CODE_C};
	if (p->eal && prng_chance(r, 0.3) && sc->eid_day[ay] >= 0)
		ev[n++] = (struct event){sc->eid_day[ay], 1, CODE_R};
	return n;
}

/* Year-level hazards of a pupil: expected episode starts per day, before
 * the day's weights. */
struct hazards {
	double ill, unauth, medical;
};

static void year_hazards(const struct demo_school *sc, const struct demo_pupil *p, int ay, int g,
			 struct hazards *h)
{
	double r = p->rate * demo_year_factor(g);
	if (r > 0.45)
		r = 0.45;
	/* A pupil already absent cannot start another episode, so the start
	 * rate over days free to start one is r / (1 - r). */
	double starts = r / (1 - r) * 2;
	double u = p->unauth;
	h->ill = starts * (1 - u - MEDICAL_SHARE) / (SESSIONS_ILL * sc->mean_weight[ay][W_ILL]);
	h->unauth = starts * u / (SESSIONS_UNAUTH * sc->mean_weight[ay][W_UNAUTH]);
	h->medical = starts * MEDICAL_SHARE / sc->mean_weight[ay][W_MEDICAL];
}

static void late_arrival(struct prng *r, uint8_t *code, int16_t *minutes)
{
	if (prng_chance(r, 0.07)) {
		*code = CODE_U;
		int m = 30 + prng_geometric(r, 12);
		*minutes = (int16_t)(m > 150 ? 150 : m);
	} else {
		*code = CODE_L;
		int m = prng_geometric(r, 7);
		*minutes = (int16_t)(m > 29 ? 29 : m);
	}
}

void demo_register(const struct demo_school *sc, const struct demo_pupil *p, uint8_t *codes,
		   int16_t *minutes)
{
	const int n_days = sc->cal.n_school_days;
	memset(codes, CODE_NONE, (size_t)n_days * 2);
	for (int i = 0; i < n_days * 2; i++)
		minutes[i] = -1;
	struct prng r;
	prng_seed(&r, sc->seed, 0xA77E + (uint64_t)sc->index, (uint64_t)(p - sc->pupils) + 1);
	int last_marked = (sc->marked_cols + 1) / 2 - 1; /* last day with a mark */
	int cur_ay = -1, n_ev = 0, g = 0;
	struct event ev[8];
	struct hazards hz = {0};
	int ep_days = 0;        /* days left in the current episode */
	uint8_t ep_code = 0;
	bool ep_pm_only = false;
	bool sa_absent = false; /* severely absent pupils: in an absent run */
	for (int d = 0; d < n_days && 2 * d < sc->marked_cols; d++) {
		const struct demo_day *day = &sc->days[d];
		if (day->date < p->admitted || (p->left != DATE_INVALID && day->date > p->left))
			continue;
		if (day->ay != cur_ay) {
			cur_ay = day->ay;
			g = demo_year_in(p, cur_ay);
			/* Events are planned over the whole year, so a year still
			 * under way gets its share to date, not all of them. */
			int first = d, last = d;
			while (last + 1 < n_days && sc->days[last + 1].ay == cur_ay)
				last++;
			n_ev = plan_events(sc, p, &r, cur_ay, first, last, ev);
			year_hazards(sc, p, cur_ay, g, &hz);
			ep_days = 0;
			sa_absent = p->severe && prng_chance(&r, p->rate);
		}
		uint8_t am = CODE_PRESENT, pm = CODE_PRESENT;
		bool planned = false;
		for (int e = 0; e < n_ev; e++) {
			if (d >= ev[e].start && d < ev[e].start + ev[e].len) {
				am = pm = (uint8_t)ev[e].code;
				planned = true;
			}
		}
		if (planned) {
			ep_days = 0;
		} else if (p->severe) {
			/* Runs of absence averaging 12 days, and of attendance so
			 * that the pupil's rate holds. */
			double run = sa_absent ? 12.0 : 12.0 * (1 - p->rate) / p->rate;
			if (ep_days <= 0) {
				ep_days = prng_geometric(&r, run < 1 ? 1 : run);
				double u = prng_unit(&r);
				ep_code = u < 0.5 ? CODE_O : u < 0.8 ? CODE_I : CODE_C2;
			}
			if (sa_absent) {
				pm = ep_code;
				am = ep_code == CODE_C2 ? CODE_PRESENT : ep_code;
			}
			if (--ep_days <= 0)
				sa_absent = !sa_absent;
		} else if (ep_days > 0) {
			am = ep_pm_only ? CODE_PRESENT : ep_code;
			pm = ep_code;
			if (ep_pm_only || --ep_days <= 0)
				ep_days = 0;
		}
		if (!planned && !p->severe && ep_days == 0 && am == CODE_PRESENT &&
		    pm == CODE_PRESENT) {
			double y7 = g == 7 && day->autumn1 ? 0.5 : 1.0; /* the Year 7 honeymoon */
			double hi = hz.ill * weight(day, W_ILL) * y7;
			double hu = hz.unauth * weight(day, W_UNAUTH) * y7;
			double hm = hz.medical * weight(day, W_MEDICAL) * y7;
			double u = prng_unit(&r);
			if (u < hi) {
				ep_code = CODE_I;
				ep_pm_only = prng_chance(&r, ILL_PM_ONLY);
				ep_days = ep_pm_only ? 1 : prng_geometric(&r, ILL_DAYS);
			} else if (u < hi + hu) {
				ep_code = CODE_O;
				ep_pm_only = prng_chance(&r, UNAUTH_PM_ONLY);
				ep_days = 1;
			} else if (u < hi + hu + hm) {
				if (prng_chance(&r, 0.5))
					am = CODE_M;
				else
					pm = CODE_M;
			}
			if (ep_days > 0) {
				am = ep_pm_only ? CODE_PRESENT : ep_code;
				pm = ep_code;
				if (ep_pm_only || --ep_days <= 0)
					ep_days = 0;
			}
		}
		/* Approved educational activity for those in school. */
		bool in_school = am == CODE_PRESENT && pm == CODE_PRESENT;
		int yg = g >= 0 && g < 15 ? g : 0;
		if (in_school && (d == sc->trip_day[cur_ay][yg][0] || d == sc->trip_day[cur_ay][yg][1]) &&
		    prng_chance(&r, 0.85))
			am = pm = CODE_V;
		else if (in_school && g == 10 && sc->work_exp_day[cur_ay] >= 0 &&
			 d >= sc->work_exp_day[cur_ay] && d < sc->work_exp_day[cur_ay] + 5)
			am = pm = CODE_W;
		else if (pm == CODE_PRESENT && p->sporty && day->weekday == WD_WED &&
			 prng_chance(&r, 0.2))
			pm = CODE_P;
		else if (pm == CODE_PRESENT && prng_chance(&r, 0.001))
			pm = CODE_B;
		/* Reasons not yet known: the last days' absences, and a few
		 * older ones nobody has chased (overdue). */
		int ago = last_marked - d;
		double unknown = ago <= 2 ? 0.65 : ago >= 5 && ago <= 25 ? 0.015 : 0;
		if (unknown > 0 && (am == CODE_I || am == CODE_O) && prng_chance(&r, unknown)) {
			if (pm == am)
				pm = CODE_N;
			am = CODE_N;
		} else if (unknown > 0 && (pm == CODE_I || pm == CODE_O) && prng_chance(&r, unknown))
			pm = CODE_N;
		codes[2 * d] = am;
		codes[2 * d + 1] = pm;
		if (am == CODE_PRESENT && prng_chance(&r, p->late))
			late_arrival(&r, &codes[2 * d], &minutes[2 * d]);
		if (pm == CODE_PRESENT && prng_chance(&r, p->late * 0.15))
			late_arrival(&r, &codes[2 * d + 1], &minutes[2 * d + 1]);
	}
	/* Sessions not yet taken today stay unmarked. */
	for (int c = sc->marked_cols; c < n_days * 2; c++)
		codes[c] = CODE_NONE;
}
