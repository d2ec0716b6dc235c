/* What the dashboard, pupil list, profile, year and form views, the cup and
 * the governor report share: the query string checked against each page's
 * declared parameters, the range and the account's scope, the figures of
 * src/app/dash.c computed once, and small writers for figures and links.
 * Figures carry data-k (what it is) and data-v (its exact value, as `attend
 * stats --json` writes it), so tests can hold each page to the CLI. */
#ifndef ATTEND_VIEWS_H
#define ATTEND_VIEWS_H

#include "app/benchmarks.h"
#include "app/chart.h"
#include "app/dash.h"
#include "web/html.h"
#include "web/web.h"

struct view {
	struct web_req *r;
	const struct engine *e;
	struct analytics_query a; /* range, scope, identify_pupils, wording */
	uint8_t *scope;
	struct pupil_filter filter;
	struct dash d;
	bool computed, locked;
	struct benchmark_set bench;
	enum bm_phase phase;
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
};

enum {
	VIEW_FILTER = 1u << 0,     /* the pupil filters are parameters too */
	VIEW_BENCHMARKS = 1u << 1, /* read the school's benchmarks */
};

/* Checks the parameters (every one must be in allowed, NULL-terminated, or
 * a pupil filter with VIEW_FILTER), reads the range (from, to; default the
 * academic year to date) and the account's scope, and takes the engine's
 * read lock, held until view_close. -1 with err (400 for bad input). */
int view_open(struct web_req *r, struct view *v, const char *const *allowed, unsigned flags,
	      struct app_error *err);
/* dash_compute over the view. */
int view_compute(struct view *v, unsigned what, struct app_error *err);
void view_close(struct view *v);

/* A percentage (hundredths) for people: "94.7%"; "–" for none. */
void view_pct(struct html *h, int64_t pct100);
/* Percentage points, signed, one decimal: "+1.2", "–" for none. */
void view_pp(struct html *h, int64_t pp100);
/* data-k="key" data-v="value" (the value as `attend stats --json` writes it). */
void view_data_attrs(struct html *h, const char *key, int64_t v, enum fig_kind kind);
/* A figure: a link when href is given (else a span), with data-k and data-v. */
void view_figure(struct html *h, const char *key, int64_t v, enum fig_kind kind, const char *href);
/* A count of pupils with its rate: "12 (3.4%)". */
void view_count_rate(struct html *h, const char *key, int64_t count, int64_t pct100,
		     const char *href);
/* /pupils?from=&to=[&extra], into buf ("" when the account may not see pupils). */
void view_pupils_href(const struct view *v, date_t from, date_t to, const char *extra, char *buf,
		      size_t len);
/* The flag of a pupil: a coloured chip with its words. */
void view_flag(struct html *h, enum action a);
/* A pupil's row opened: <tr data-upn>, their name linked (a row header)
 * and, with form, a cell of their form. */
void view_pupil_row(struct html *h, const struct view *v, const struct pupil_row *p, bool form);
/* "Adams, Amy" linked to the pupil's profile. */
void view_pupil_link(struct html *h, const struct pupil_row *p);
/* A heading naming the range: "1 September 2025 to 20 March 2026". */
void view_range_text(struct html *h, date_t from, date_t to);
/* The form to change the range (from, to), keeping the other parameters given. */
void view_range_form(struct html *h, const struct view *v, const char *action);
/* "This week", "Same point last year", ... */
const char *view_period_label(enum period p);
/* A column heading for a period: its name, its dates (data-period,
 * data-from, data-to for machines; under the name for people). */
void view_period_th(struct html *h, const struct view *v, enum period p);
/* The page's heading (title and range) and the form to change the range. */
void view_heading(struct html *h, const struct view *v, const char *title, const char *action);
/* Sessions as days and lessons: "4.5 days (about 11 lessons)". */
void view_days(struct html *h, const struct view *v, int64_t sessions);
/* A national figure for the school's phase (benchmarks_national): its
 * value and where it comes from, or "–". */
void view_benchmark(struct html *h, const struct view *v, const char *key, enum bm_measure m,
		    const char *cohort, enum bm_period want);
/* The same figure's value (hundredths), or -1 when there is none. */
int64_t view_national(const struct view *v, enum bm_measure m, const char *cohort);

#endif
