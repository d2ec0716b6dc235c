#include "app/census_export.h"

#include <string.h>

#include "app/clock.h"
#include "app/output.h"
#include "app/report.h"
#include "app/xml.h"
#include "core/exchange_codes.h"
#include "core/stats.h"

struct period_totals {
	struct census_period p;
	int c0, c1;
	struct group_figures all;  /* every enrolment on roll: what `attend stats` counts */
	struct group_figures sent; /* the enrolments of the pupils sent */
	struct group_figures aged_out;
	int pupils_sent, pupils_aged_out, pupils_no_possible;
};

struct census_out {
	const struct engine *e;
	struct xml_writer x;
	int academic_year;
	struct period_totals t[CENSUS_PERIODS_MAX];
	int n_periods;
};

static void write_period(struct xml_writer *x, const char *element, const struct group_figures *g)
{
	xml_start(x, element);
	xml_int(x, "SessionsPossible", g->possible);
	xml_int(x, "SessionsAuthorised", g->authorised);
	xml_int(x, "SessionsUnauthorised", g->unauthorised);
	bool any = false;
	for (int c = 0; c < CODE__MAX; c++) {
		if (!census_reason((enum code)c) || g->codes[c] == 0)
			continue;
		if (!any)
			xml_start(x, "SessionDetails");
		any = true;
		xml_start(x, "SessionDetail");
		xml_text(x, "AttendanceReason", census_reason((enum code)c));
		xml_int(x, "AbsenceSessions", g->codes[c]);
		xml_end(x);
	}
	if (any)
		xml_end(x);
	xml_end(x);
}

/* One pupil: the figures of all their enrolments in each period. */
static void pupil(struct census_out *o, int first_row)
{
	const struct engine *e = o->e;
	const struct pupil_row *r = &e->m.rows[first_row];
	struct group_figures g[CENSUS_PERIODS_MAX] = {0};
	bool on[CENSUS_PERIODS_MAX] = {false}, send[CENSUS_PERIODS_MAX] = {false}, any = false;
	bool counted = census_age_counted(r->dob, o->academic_year);
	for (int k = 0; k < o->n_periods; k++) {
		struct period_totals *t = &o->t[k];
		for (int row = first_row; row >= 0; row = engine_next_row(e, row)) {
			if (!stats_on_roll(&e->m.rows[row], t->c0, t->c1))
				continue;
			struct figures f;
			stats_row(&e->m, row, t->c0, t->c1, &f);
			stats_add(&g[k], &f);
			stats_add(&t->all, &f);
			stats_add(counted ? &t->sent : &t->aged_out, &f);
			on[k] = true;
		}
		if (!on[k])
			continue;
		if (!counted)
			t->pupils_aged_out++;
		else if (g[k].possible == 0)
			t->pupils_no_possible++;
		else
			any = send[k] = true;
		t->pupils_sent += send[k];
	}
	if (!any)
		return;
	struct xml_writer *x = &o->x;
	xml_start(x, "PupilOnRoll");
	xml_pupil(x, r);
	xml_start(x, "Attendance");
	for (int k = 0; k < o->n_periods; k++)
		if (send[k])
			write_period(x, o->t[k].p.element, &g[k]);
	xml_end(x);
	xml_end(x);
}

static void header(struct census_out *o, enum census_term term, int year)
{
	static const char *codes[CENSUS__MAX] = {"AUT", "SPR", "SUM"};
	const struct engine *e = o->e;
	struct xml_writer *x = &o->x;
	xml_start(x, "Header");
	xml_start(x, "CollectionDetails");
	xml_text(x, "Collection", "SCHOOL CENSUS");
	xml_text(x, "Term", codes[term]);
	xml_int(x, "Year", year);
	xml_date(x, "ReferenceDate", census_day(term, year));
	xml_end(x);
	xml_start(x, "Source");
	xml_text(x, "SourceLevel", "S");
	xml_text(x, "LEA", e->school.la_code);
	xml_text(x, "Estab", e->school.estab);
	xml_text(x, "URN", e->school.urn);
	xml_text(x, "SchoolName", e->school.name);
	xml_text(x, "SoftwareCode", "attend");
	xml_now(x, "DateTime");
	xml_end(x);
	xml_text(x, "Content", "attendance module");
	xml_end(x);
}

static void summary_period(FILE *out, const struct census_out *o, const struct period_totals *t)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], pct[16];
	const struct group_figures *s = &t->sent;
	fprintf(out, "\n%s, %s to %s:\n", t->p.element, date_format(t->p.from, a),
		date_format(t->p.to, b));
	fprintf(out, "  pupils sent: %d; left out: %d aged under %d or over %d on 31 August %d, "
		     "%d with no possible sessions\n",
		t->pupils_sent, t->pupils_aged_out, CENSUS_AGE_MIN, CENSUS_AGE_MAX, o->academic_year,
		t->pupils_no_possible);
	report_pct1(pct, sizeof pct, s->authorised + s->unauthorised, s->possible);
	fprintf(out, "  sessions possible: %lld; authorised absence: %lld; unauthorised absence: "
		     "%lld (absence %s%s)\n",
		(long long)s->possible, (long long)s->authorised, (long long)s->unauthorised,
		s->possible ? pct : "n/a", s->possible ? "%" : "");
	fprintf(out, "  absence sessions by reason:");
	bool any = false;
	for (int c = 0; c < CODE__MAX; c++)
		if (census_reason((enum code)c) && s->codes[c]) {
			fprintf(out, "%s %s %lld", any ? "," : "", census_reason((enum code)c),
				(long long)s->codes[c]);
			any = true;
		}
	fprintf(out, "%s\n", any ? "" : " none");
	const struct group_figures *all = &t->all, *old = &t->aged_out;
	fprintf(out, "  check: `attend stats --from %s --to %s` counts %lld possible, %lld "
		     "authorised and %lld unauthorised sessions for everyone on roll; less %lld, "
		     "%lld and %lld for the pupils left out by age, that is %lld, %lld and %lld, "
		     "as sent\n",
		a, b, (long long)all->possible, (long long)all->authorised,
		(long long)all->unauthorised, (long long)old->possible, (long long)old->authorised,
		(long long)old->unauthorised, (long long)(all->possible - old->possible),
		(long long)(all->authorised - old->authorised),
		(long long)(all->unauthorised - old->unauthorised));
}

int census_export(const struct engine *e, enum census_term term, int year, struct output *out,
		  FILE *summary, struct app_error *err)
{
	if (!e->school.la_code[0] || !e->school.estab[0])
		return app_fail(err, ERR_INPUT, "school",
				"the school's LA code and establishment number are not set, and the "
				"census must name them: set them with `attend init --la CODE --estab "
				"NUMBER`");
	struct census_out o = {.e = e, .academic_year = census_academic_year(term, year)};
	struct census_period periods[CENSUS_PERIODS_MAX];
	o.n_periods = census_periods(term, year, periods);
	for (int k = 0; k < o.n_periods; k++) {
		o.t[k].p = periods[k];
		stats_cols(&e->cal, periods[k].from, periods[k].to, &o.t[k].c0, &o.t[k].c1);
	}
	if (xml_writer_open(&o.x, "Message", err) < 0)
		return -1;
	header(&o, term, year);
	for (int k = 0; k < o.n_periods; k++) {
		char a[DATE_ISO_LEN], b[DATE_ISO_LEN], note[96];
		snprintf(note, sizeof note, " %s: sessions from %s to %s ", periods[k].element,
			 date_format(periods[k].from, a), date_format(periods[k].to, b));
		xml_comment(&o.x, note);
	}
	xml_start(&o.x, "Pupils");
	/* Rows come ordered by UPN: a pupil's enrolments are adjacent. */
	for (int r = 0; r < e->m.n_rows; r++)
		if (r == 0 || strcmp(e->m.rows[r - 1].upn, e->m.rows[r].upn) != 0)
			pupil(&o, r);
	xml_end(&o.x);
	if (xml_writer_close(&o.x, out, err) < 0)
		return -1;
	char day[DATE_ISO_LEN];
	fprintf(summary, "School census, %s %d, attendance module: %s (URN %s, %s/%s); census day %s\n",
		census_term_name(term), year, e->school.name, e->school.urn, e->school.la_code,
		e->school.estab, date_format(census_day(term, year), day));
	for (int k = 0; k < o.n_periods; k++)
		summary_period(summary, &o, &o.t[k]);
	return 0;
}
