#include "app/dash.h"

#include <stdlib.h>
#include <string.h>

#include "app/csv.h"

static const enum group_field grouping_fields[DG__MAX] = {
	GROUP_YEAR, GROUP_FORM, GROUP_FSM, GROUP_PP, GROUP_SEND, GROUP_EAL, GROUP_GENDER};

enum group_field dash_grouping_field(enum dash_grouping g)
{
	return grouping_fields[g];
}

/* Year groups and forms keep the periods of their league table. */
#define LEAGUE_PERIODS                                                                         \
	((1u << PERIOD_THIS_WEEK) | (1u << PERIOD_LAST_WEEK) | (1u << PERIOD_THIS_HALF_TERM) |  \
	 (1u << PERIOD_LAST_HALF_TERM))

int dash_compute(const struct engine *e, const struct analytics_query *a, unsigned what,
		 struct dash *d)
{
	memset(d, 0, sizeof *d);
	d->e = e;
	d->a = *a;
	d->what = what;
	if (!(what & DASH_PUPILS))
		d->a.q.identify_pupils = false;
	struct trends_opts o = {.weekly = what & DASH_SUMMARY,
				.pupil_weekly = what & DASH_WEEKLY,
				.patterns = what & DASH_PATTERNS,
				.half_terms = what & DASH_HALF_TERMS,
				.periods = what & DASH_SUMMARY ? 0 : LEAGUE_PERIODS};
	if (what & (DASH_GROUPS | DASH_COHORTS)) {
		o.n_groupings = what & DASH_COHORTS ? DG__MAX : DG_FORM + 1;
		for (int g = 0; g < o.n_groupings; g++) {
			group_spec_single(&o.grouping[g].spec, grouping_fields[g]);
			o.grouping[g].periods = g <= DG_FORM ? LEAGUE_PERIODS : 0;
		}
	}
	return trends_compute(e, &d->a, &o, &d->t);
}

void dash_free(struct dash *d)
{
	trends_result_free(&d->t);
}

const struct trends_grouping *dash_groups(const struct dash *d, enum dash_grouping g)
{
	return (int)g < d->t.n_groupings ? &d->t.g[g] : NULL;
}

int dash_slot_of_key(const struct trends_grouping *g, int key)
{
	for (int s = 0; g && s < g->gr.n; s++)
		if (g->gr.slot_key[s] == key)
			return s;
	return -1;
}

const struct dash_cohort dash_cohorts[] = {
	{DG_FSM, 1, "Free school meals", "FSM", "fsm=Y"},
	{DG_PP, 1, "Pupil premium", "PP", "pp=Y"},
	{DG_SEND, 1, "SEN support", "SEN K", "send=K"},
	{DG_SEND, 2, "EHC plan", "EHC", "send=E"},
	{DG_EAL, 1, "English as an additional language", "EAL", "eal=Y"},
	{DG_GENDER, 0, "Girls", "Girls", "gender=F"},
	{DG_GENDER, 1, "Boys", "Boys", "gender=M"},
};
const int dash_n_cohorts = sizeof dash_cohorts / sizeof *dash_cohorts;

const struct group_figures *dash_cohort_sums(const struct dash *d, const struct dash_cohort *c)
{
	const struct trends_grouping *g = dash_groups(d, c->g);
	int slot = dash_slot_of_key(g, c->key);
	return slot >= 0 && g->sums[slot].range.pupils > 0 ? &g->sums[slot].range : NULL;
}

/* ---- filters ---- */

static const char *const flag_names[PF__MAX] = {
	"pa",	     "sa",	   "at_risk",		  "briefing",
	"declined",  "improving",  "declined_half_term",  "improving_half_term",
	"crossed_into_pa", "crossed_out_of_pa", "late", "unauthorised",
	"below_90"};

const char *pupil_flag_name(enum pupil_flag f)
{
	return (unsigned)f < PF__MAX ? flag_names[f] : "?";
}

static const char *const pattern_names[PATTERN_AT__MAX] = {"monday", "tuesday", "wednesday",
							   "thursday", "friday", "am", "pm",
							   "holiday"};

const char *pattern_at_name(int at)
{
	return at >= 0 && at < PATTERN_AT__MAX ? pattern_names[at] : "?";
}

void pupil_filter_init(struct pupil_filter *f)
{
	*f = (struct pupil_filter){.year = YEAR_INVALID, .form = -1, .fsm = -1, .pp = -1,
				   .eal = -1, .band = -2, .action = -1, .flag = -1, .pattern = -1};
}

bool pupil_filter_any(const struct pupil_filter *f)
{
	struct pupil_filter none;
	pupil_filter_init(&none);
	return memcmp(f, &none, sizeof none) != 0;
}

static int find(const char *const *names, int n, const char *v)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], v) == 0)
			return i;
	return -1;
}

int pupil_filter_set(struct pupil_filter *f, const struct matrix *m, const char *name,
		     const char *value, struct app_error *err)
{
	const char *v = value ? value : "";
	int x;
	if (!strcmp(name, "year")) {
		if ((f->year = year_parse(v)) == YEAR_INVALID)
			return app_fail(err, ERR_INPUT, "year", "year '%.16s' is not N1, N2, R or 1 to 14",
					v);
	} else if (!strcmp(name, "form")) {
		f->form = -1;
		for (int i = 0; i < m->n_forms; i++)
			if (strcmp(m->forms[i], v) == 0)
				f->form = i;
		if (f->form < 0)
			return app_fail(err, ERR_INPUT, "form", "form '%.32s' is not a form of the school",
					v);
	} else if (!strcmp(name, "fsm") || !strcmp(name, "pp") || !strcmp(name, "eal")) {
		if ((x = flag_parse(v)) < 0)
			return app_fail(err, ERR_INPUT, name, "%s must be Y or N", name);
		*(name[0] == 'f' ? &f->fsm : name[0] == 'p' ? &f->pp : &f->eal) = x;
	} else if (!strcmp(name, "send")) {
		if (!(f->send = send_parse(v)))
			return app_fail(err, ERR_INPUT, "send",
					"send must be N (none), K (SEN support) or E (EHC plan)");
	} else if (!strcmp(name, "gender")) {
		if (!(f->gender = gender_parse(v)))
			return app_fail(err, ERR_INPUT, "gender", "gender must be F, M or U");
	} else if (!strcmp(name, "band")) {
		f->band = -2;
		for (int b = 0; b < BAND__MAX; b++)
			if (!strcmp(stats_band_label(b), v))
				f->band = b;
		if (!strcmp(v, "too_few_sessions"))
			f->band = BAND_TOO_FEW;
		if (f->band == -2)
			return app_fail(err, ERR_INPUT, "band",
					"band '%.16s' is not 0-5, 5-10, ..., 45-50, 50+ or "
					"too_few_sessions",
					v);
	} else if (!strcmp(name, "action")) {
		if ((f->action = action_parse(v)) < 0)
			return app_fail(err, ERR_INPUT, "action",
					"action '%.20s' is not severe, persistent, at_risk, declined, "
					"improving, good or none",
					v);
	} else if (!strcmp(name, "flag")) {
		if ((f->flag = find(flag_names, PF__MAX, v)) < 0)
			return app_fail(err, ERR_INPUT, "flag",
					"flag '%.24s' is not pa, sa, at_risk, briefing, declined, "
					"improving, declined_half_term, improving_half_term, "
					"crossed_into_pa, crossed_out_of_pa, late, unauthorised or below_90",
					v);
	} else if (!strcmp(name, "pattern")) {
		if ((f->pattern = find(pattern_names, PATTERN_AT__MAX, v)) < 0)
			return app_fail(err, ERR_INPUT, "pattern",
					"pattern '%.16s' is not monday to friday, am, pm or holiday", v);
	} else {
		return 1;
	}
	return 0;
}

/* Appends name=value, the value percent-encoded. */
static void q_add(char *buf, size_t len, const char *name, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t at = strlen(buf);
	at += (size_t)snprintf(buf + at, at < len ? len - at : 0, "%s%s=", at ? "&" : "", name);
	for (const unsigned char *p = (const unsigned char *)value; *p && at + 4 < len; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.') {
			buf[at++] = (char)*p;
		} else {
			buf[at++] = '%';
			buf[at++] = hex[*p >> 4];
			buf[at++] = hex[*p & 15];
		}
	}
	if (at < len)
		buf[at] = '\0';
}

void pupil_filter_query(const struct pupil_filter *f, const struct matrix *m, char *buf,
			size_t len)
{
	char c[2] = {0};
	buf[0] = '\0';
	if (f->year != YEAR_INVALID)
		q_add(buf, len, "year", year_name(f->year));
	if (f->form >= 0)
		q_add(buf, len, "form", m->forms[f->form]);
	if (f->fsm >= 0)
		q_add(buf, len, "fsm", f->fsm ? "Y" : "N");
	if (f->pp >= 0)
		q_add(buf, len, "pp", f->pp ? "Y" : "N");
	if (f->eal >= 0)
		q_add(buf, len, "eal", f->eal ? "Y" : "N");
	if (f->send && (c[0] = f->send))
		q_add(buf, len, "send", c);
	if (f->gender && (c[0] = f->gender))
		q_add(buf, len, "gender", c);
	if (f->band != -2)
		q_add(buf, len, "band", stats_band_label(f->band));
	if (f->action >= 0)
		q_add(buf, len, "action", action_name((enum action)f->action));
	if (f->flag >= 0)
		q_add(buf, len, "flag", flag_names[f->flag]);
	if (f->pattern >= 0)
		q_add(buf, len, "pattern", pattern_names[f->pattern]);
}

enum action dash_action(const struct pupil_trend *p)
{
	return flags_action(&p->f, p->week.direction);
}

bool dash_pupil_flag(const struct pupil_trend *p, enum pupil_flag f)
{
	const struct figures *x = &p->f;
	switch (f) {
	case PF_PERSISTENT: return stats_persistent(x);
	case PF_SEVERE: return stats_severe(x);
	case PF_AT_RISK: return stats_at_risk(x);
	case PF_BRIEFING: return trends_briefing(x);
	case PF_DECLINED: return p->week.direction == TREND_DECLINED;
	case PF_IMPROVING: return p->week.direction == TREND_IMPROVING;
	case PF_DECLINED_HALF_TERM: return p->half.direction == TREND_DECLINED;
	case PF_IMPROVING_HALF_TERM: return p->half.direction == TREND_IMPROVING;
	case PF_CROSSED_INTO_PA: return p->pa_before == 0 && stats_persistent(x);
	case PF_CROSSED_OUT_OF_PA: return p->pa_before == 1 && !stats_persistent(x);
	case PF_LATE: return x->late_before_close + x->late_after_close > 0;
	case PF_UNAUTHORISED: return x->unauthorised > 0;
	case PF_BELOW_90: return p->has_recovery;
	default: return false;
	}
}

static bool has_note(const struct pupil_trend *p, int at)
{
	for (int i = 0; i < p->n_notes; i++) {
		const struct pattern_note *n = &p->notes[i];
		if ((n->kind == NOTE_DAY && n->which == at) ||
		    (n->kind == NOTE_SESSION && n->which + PATTERN_AT_AM == at) ||
		    (n->kind == NOTE_HOLIDAY && at == PATTERN_AT_HOLIDAY))
			return true;
	}
	return false;
}

bool dash_pupil_matches(const struct dash *d, const struct pupil_trend *p,
			const struct pupil_filter *f)
{
	const struct pupil_row *r = &d->e->m.rows[p->row];
	if ((f->year != YEAR_INVALID && r->year != f->year) || (f->form >= 0 && r->form != f->form) ||
	    (f->fsm >= 0 && r->fsm != f->fsm) || (f->pp >= 0 && r->pp != f->pp) ||
	    (f->eal >= 0 && r->eal != f->eal) || (f->send && r->send != f->send) ||
	    (f->gender && r->gender != f->gender))
		return false;
	if (f->band != -2 && stats_band(&p->f) != f->band)
		return false;
	if (f->action >= 0 && (int)dash_action(p) != f->action)
		return false;
	if (f->flag >= 0 && !dash_pupil_flag(p, (enum pupil_flag)f->flag))
		return false;
	return f->pattern < 0 || has_note(p, f->pattern);
}

/* ---- sorting ---- */

static const char *const sort_names[PS__MAX] = {
	"name",	       "year",	       "form",	      "attendance",   "absence",     "authorised",
	"unauthorised", "week_change", "half_term_change", "minutes_late", "action"};

const char *pupil_sort_name(enum pupil_sort s)
{
	return (unsigned)s < PS__MAX ? sort_names[s] : "?";
}

int pupil_sort_parse(const char *text)
{
	return text ? find(sort_names, PS__MAX, text) : -1;
}

/* Sorting by a precomputed key (then by name), so a comparison is mostly
 * one integer comparison; only the first `limit` are put in order. */
struct sel {
	int64_t key;
	int i; /* index into d->t.pupils */
};

struct sort_ctx {
	const struct dash *d;
	int name_dir; /* 1 or -1 */
};

#define KEY_NONE INT64_MAX /* no figure: last, whichever the direction */

static int cmp_name(const struct dash *d, int ra, int rb)
{
	const struct pupil_row *x = &d->e->m.rows[ra], *y = &d->e->m.rows[rb];
	int c = strcmp(x->surname, y->surname);
	if (!c)
		c = strcmp(x->forename, y->forename);
	if (!c)
		c = strcmp(x->upn, y->upn);
	return c ? c : (ra > rb) - (ra < rb);
}

static int cmp_sel(const void *va, const void *vb, void *vctx)
{
	const struct sel *a = va, *b = vb;
	const struct sort_ctx *s = vctx;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return s->name_dir * cmp_name(s->d, s->d->t.pupils[a->i].row, s->d->t.pupils[b->i].row);
}

static int64_t rate_key(int64_t v, int dir)
{
	return v < 0 || v == PP_NONE ? KEY_NONE : dir * v;
}

static int64_t sort_key(const struct dash *d, const struct pupil_trend *p, enum pupil_sort sort,
			int dir, const int *form_rank)
{
	const struct figures *f = &p->f;
	const struct pupil_row *r = &d->e->m.rows[p->row];
	switch (sort) {
	case PS_YEAR: return dir * r->year;
	case PS_FORM: return dir * form_rank[r->form];
	case PS_ATTENDANCE: return rate_key(stats_pct100(stats_attendance(f), f->possible), dir);
	case PS_ABSENCE: return rate_key(stats_pct100(stats_absence(f), f->possible), dir);
	case PS_AUTHORISED: return dir * f->authorised;
	case PS_UNAUTHORISED: return dir * f->unauthorised;
	case PS_WEEK_CHANGE: return p->week.change_pp100 == PP_NONE ? KEY_NONE : dir * p->week.change_pp100;
	case PS_HALF_TERM_CHANGE:
		return p->half.change_pp100 == PP_NONE ? KEY_NONE : dir * p->half.change_pp100;
	case PS_MINUTES_LATE: return dir * f->minutes_late;
	case PS_ACTION: {
		/* the most pressing flag first; within a flag the lowest attendance */
		int64_t att = stats_pct100(stats_attendance(f), f->possible);
		return dir * (int64_t)dash_action(p) * 100000 + (att < 0 ? 10001 : att);
	}
	default: return 0; /* by name */
	}
}

static void swap(struct sel *a, struct sel *b)
{
	struct sel t = *a;
	*a = *b;
	*b = t;
}

/* Puts the k first (in order) of v[0..n) before the others, unordered:
 * quickselect, the pivot the median of three. */
static void select_first(struct sel *v, int n, int k, struct sort_ctx *s)
{
	int lo = 0, hi = n - 1;
	while (hi > lo) {
		int mid = lo + (hi - lo) / 2;
		if (cmp_sel(&v[mid], &v[lo], s) < 0)
			swap(&v[mid], &v[lo]);
		if (cmp_sel(&v[hi], &v[lo], s) < 0)
			swap(&v[hi], &v[lo]);
		if (cmp_sel(&v[hi], &v[mid], s) < 0)
			swap(&v[hi], &v[mid]);
		struct sel pivot = v[mid];
		int i = lo, j = hi;
		while (i <= j) {
			while (cmp_sel(&v[i], &pivot, s) < 0)
				i++;
			while (cmp_sel(&v[j], &pivot, s) > 0)
				j--;
			if (i <= j)
				swap(&v[i++], &v[j--]);
		}
		if (k - 1 <= j)
			hi = j;
		else if (k - 1 >= i)
			lo = i;
		else
			return;
	}
}

static int cmp_form_name(const void *a, const void *b, void *ctx)
{
	char *const *forms = ctx;
	return strverscmp(forms[*(const int *)a], forms[*(const int *)b]);
}

int dash_select(const struct dash *d, const struct pupil_filter *f, enum pupil_sort sort,
		bool desc, int limit, int **idx, int *n)
{
	const struct matrix *m = &d->e->m;
	int dir = desc ? -1 : 1;
	*n = 0;
	*idx = malloc((size_t)(d->t.n_pupils + 1) * sizeof **idx);
	struct sel *v = malloc((size_t)(d->t.n_pupils + 1) * sizeof *v);
	int *order = malloc((size_t)(m->n_forms + 1) * sizeof *order);
	int *form_rank = malloc((size_t)(m->n_forms + 1) * sizeof *form_rank);
	if (!*idx || !v || !order || !form_rank) {
		free(*idx);
		free(v);
		free(order);
		free(form_rank);
		return -1;
	}
	for (int i = 0; i < m->n_forms; i++)
		order[i] = i;
	qsort_r(order, (size_t)m->n_forms, sizeof *order, cmp_form_name, m->forms);
	for (int i = 0; i < m->n_forms; i++)
		form_rank[order[i]] = i;
	for (int i = 0; i < d->t.n_pupils; i++)
		if (dash_pupil_matches(d, &d->t.pupils[i], f))
			v[(*n)++] = (struct sel){sort_key(d, &d->t.pupils[i], sort, dir, form_rank), i};
	struct sort_ctx s = {d, sort == PS_NAME ? dir : 1};
	int k = limit > 0 && limit < *n ? limit : *n;
	if (k < *n)
		select_first(v, *n, k, &s);
	qsort_r(v, (size_t)k, sizeof *v, cmp_sel, &s);
	for (int i = 0; i < *n; i++)
		(*idx)[i] = v[i].i;
	free(v);
	free(order);
	free(form_rank);
	return 0;
}

/* ---- who moved ---- */

int dash_moved(const struct dash *d, int max, struct dash_moved *out)
{
	memset(out, 0, sizeof *out);
	static const struct {
		enum pupil_flag flag;
		enum pupil_sort sort;
		bool desc;
	} lists[MOVED__MAX] = {{PF_DECLINED, PS_WEEK_CHANGE, false},
			       {PF_IMPROVING, PS_WEEK_CHANGE, true},
			       {PF_CROSSED_INTO_PA, PS_NAME, false},
			       {PF_CROSSED_OUT_OF_PA, PS_NAME, false}};
	for (int k = 0; k < MOVED__MAX; k++) {
		struct pupil_filter f;
		pupil_filter_init(&f);
		f.flag = lists[k].flag;
		if (dash_select(d, &f, lists[k].sort, lists[k].desc, max, &out->list[k], &out->total[k]) <
		    0) {
			dash_moved_free(out);
			return -1;
		}
		out->n[k] = out->total[k] < max ? out->total[k] : max;
	}
	return 0;
}

void dash_moved_free(struct dash_moved *m)
{
	for (int k = 0; k < MOVED__MAX; k++)
		free(m->list[k]);
	memset(m, 0, sizeof *m);
}

/* ---- CSV ---- */

void dash_pupils_csv(FILE *out, const struct dash *d, const int *idx, int n)
{
	fputs("upn,surname,forename,year,form,possible,attendance_pct,absence_pct,authorised,"
	      "unauthorised,days_missed,persistent,severe,band,week_change_pp,"
	      "half_term_change_pp,late,minutes_late,action,next_step\r\n",
	      out);
	for (int i = 0; i < n; i++) {
		const struct pupil_trend *p = &d->t.pupils[idx[i]];
		const struct pupil_row *r = &d->e->m.rows[p->row];
		const struct figures *f = &p->f;
		enum action act = dash_action(p);
		int band = stats_band(f);
		int64_t absent = stats_absence(f);
		fprintf(out, "%s,", r->upn);
		csv_write_field(out, r->surname);
		fputc(',', out);
		csv_write_field(out, r->forename);
		fprintf(out, ",%s,", year_name(r->year));
		csv_write_field(out, d->e->m.forms[r->form]);
		fprintf(out, ",%d,", f->possible);
		csv_write_pct(out, stats_pct100(stats_attendance(f), f->possible));
		fputc(',', out);
		csv_write_pct(out, stats_pct100(absent, f->possible));
		fprintf(out, ",%d,%d,%lld.%d,%s,%s,%s,", f->authorised, f->unauthorised,
			(long long)(absent / 2), (int)(absent % 2) * 5, stats_persistent(f) ? "Y" : "N",
			stats_severe(f) ? "Y" : "N", band >= 0 ? stats_band_label(band) : "");
		csv_write_pp(out, p->week.change_pp100);
		fputc(',', out);
		csv_write_pp(out, p->half.change_pp100);
		fprintf(out, ",%d,%d,%s,", f->late_before_close + f->late_after_close, f->minutes_late,
			action_name(act));
		csv_write_field(out, action_step(act));
		fputs("\r\n", out);
	}
}

/* ---- the Champions' Cup ---- */

struct league_ctx {
	bool improvement;
};

static int cmp_league(const void *va, const void *vb, void *vctx)
{
	const struct league_ctx *c = vctx;
	const struct league_row *a = va, *b = vb;
	int64_t x = c->improvement ? a->change.change_pp100 : a->change.now_pct100;
	int64_t y = c->improvement ? b->change.change_pp100 : b->change.now_pct100;
	bool nx = x < 0 && (!c->improvement || x == PP_NONE);
	bool ny = y < 0 && (!c->improvement || y == PP_NONE);
	if (nx != ny)
		return nx ? 1 : -1;
	if (x != y)
		return x > y ? -1 : 1;
	return a->slot - b->slot;
}

/* Competition ranks (1, 1, 3) in the order the rows are in. */
static void rank(struct league_row *rows, int n, bool improvement)
{
	for (int i = 0; i < n; i++) {
		int64_t v = improvement ? rows[i].change.change_pp100 : rows[i].change.now_pct100;
		int64_t pv = i ? (improvement ? rows[i - 1].change.change_pp100
					      : rows[i - 1].change.now_pct100)
			       : 0;
		int r = i > 0 && v == pv ? (improvement ? rows[i - 1].improvement_rank : rows[i - 1].rank)
					 : i + 1;
		if (improvement)
			rows[i].improvement_rank = r;
		else
			rows[i].rank = r;
	}
}

int dash_league(const struct dash *d, enum dash_grouping g, bool half_term,
		struct league_row **rows, int *n)
{
	const struct trends_grouping *gg = dash_groups(d, g);
	*n = 0;
	*rows = malloc((size_t)((gg ? gg->gr.n : 0) + 1) * sizeof **rows);
	if (!*rows)
		return -1;
	for (int s = 0; gg && s < gg->gr.n; s++) {
		const struct trend_sums *x = &gg->sums[s];
		if (x->range.pupils == 0)
			continue;
		struct league_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->slot = s;
		r->pupils = x->range.pupils;
		trends_period_change(x->period, half_term ? PERIOD_THIS_HALF_TERM : PERIOD_THIS_WEEK,
				     half_term ? PERIOD_LAST_HALF_TERM : PERIOD_LAST_WEEK, &r->change);
	}
	struct league_ctx c = {true};
	qsort_r(*rows, (size_t)*n, sizeof **rows, cmp_league, &c);
	rank(*rows, *n, true);
	c.improvement = false;
	qsort_r(*rows, (size_t)*n, sizeof **rows, cmp_league, &c);
	rank(*rows, *n, false);
	return 0;
}
