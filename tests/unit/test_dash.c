/* app/dash: the pupils of a view filtered, flagged and sorted (the first
 * page selected rather than the whole list sorted must give the same
 * order), who moved, the league table's ranks with ties; app/governor's
 * small-number rule; app/chart's axis. */
#include "fixture.h"

#include "app/chart.h"
#include "app/dash.h"
#include "app/governor.h"

#define N_PUPILS 90

static struct engine e;

/* A pseudo-random register, the same every run. */
static uint32_t rnd_state = 12345;
static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 16) & 0x7fff;
}

static int setup(void **state)
{
	(void)state;
	fx_two_years(&e.cal);
	matrix_init(&e.m, 2 * e.cal.n_school_days);
	static const char *forms[] = {"7A", "7B", "8A"};
	int last = calendar_session_col(&e.cal, D("2026-03-20"), SESSION_PM);
	for (int i = 0; i < N_PUPILS; i++) {
		char upn[16];
		snprintf(upn, sizeof upn, "P%02d", i);
		struct fx_pupil p = {upn, i % 9 == 0 ? "2025-11-03" : "2024-09-01", NULL, i % 3 == 2 ? 8 : 7,
				     forms[i % 3], i % 2 ? 'F' : 'M', i % 4 == 0, i % 4 == 0, i % 7 == 0 ? 'K' : 'N',
				     i % 5 == 0};
		int row = fx_row(&e.m, &e.cal, &p);
		free(e.m.rows[row].surname);
		free(e.m.rows[row].forename);
		char name[16];
		snprintf(name, sizeof name, "Surname%d", i % 30); /* ties of name too */
		e.m.rows[row].surname = strdup(name);
		e.m.rows[row].forename = strdup(i % 2 ? "Ann" : "Bo");
		int rate = i % 10 == 0 ? 40 : i % 3 == 0 ? 12 : 3; /* absence in % */
		for (int c = e.m.rows[row].first_col; c <= last; c++) {
			date_t day = calendar_col_date(&e.cal, c);
			bool monday = date_weekday(day) == WD_MON;
			int r = (int)(rnd() % 100);
			enum code code = r < rate || (i % 11 == 1 && monday && r < 60) ? CODE_I
					 : r < rate + 2					   ? CODE_N
					 : r < rate + 4 ? CODE_L
							: CODE_PRESENT;
			assert_int_equal(matrix_set(&e.m, row, c, code, code == CODE_L ? 5 : 0), 0);
		}
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	matrix_free(&e.m);
	calendar_free(&e.cal);
	return 0;
}

static void compute(struct dash *d, unsigned what)
{
	struct analytics_query a = {.q = {.from = D("2025-08-01"), .to = D("2026-03-20"), .group = -1,
					  .identify_pupils = true},
				    .words = {5, 390}};
	assert_int_equal(dash_compute(&e, &a, what, d), 0);
}

static void filters_keep_whom_they_say(void **state)
{
	(void)state;
	struct dash d;
	compute(&d, DASH_PUPILS | DASH_PATTERNS);
	assert_int_equal(d.t.n_pupils, N_PUPILS);
	struct app_error err = {0};
	struct pupil_filter f;
	pupil_filter_init(&f);
	assert_false(pupil_filter_any(&f));
	assert_int_equal(pupil_filter_set(&f, &e.m, "year", "8", &err), 0);
	assert_int_equal(pupil_filter_set(&f, &e.m, "fsm", "N", &err), 0);
	assert_int_equal(pupil_filter_set(&f, &e.m, "flag", "pa", &err), 0);
	assert_true(pupil_filter_any(&f));
	int *idx, n, want = 0;
	assert_int_equal(dash_select(&d, &f, PS_NAME, false, 0, &idx, &n), 0);
	for (int i = 0; i < d.t.n_pupils; i++) {
		const struct pupil_trend *p = &d.t.pupils[i];
		const struct pupil_row *r = &e.m.rows[p->row];
		want += r->year == 8 && !r->fsm && stats_persistent(&p->f);
	}
	assert_int_equal(n, want);
	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		const struct pupil_trend *p = &d.t.pupils[idx[i]];
		assert_int_equal(e.m.rows[p->row].year, 8);
		assert_true(dash_pupil_flag(p, PF_PERSISTENT));
	}
	free(idx);
	char q[200];
	pupil_filter_query(&f, &e.m, q, sizeof q);
	assert_string_equal(q, "year=8&fsm=N&flag=pa");
	/* a Monday pattern: the pupils whose notes name Monday */
	pupil_filter_init(&f);
	assert_int_equal(pupil_filter_set(&f, &e.m, "pattern", "monday", &err), 0);
	assert_int_equal(dash_select(&d, &f, PS_NAME, false, 0, &idx, &n), 0);
	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		const struct pupil_trend *p = &d.t.pupils[idx[i]];
		bool monday = false;
		for (int k = 0; k < p->n_notes; k++)
			monday |= p->notes[k].kind == NOTE_DAY && p->notes[k].which == WD_MON;
		assert_true(monday);
	}
	free(idx);
	/* bad values name the filter and its rule; unknown names are not filters */
	assert_int_equal(pupil_filter_set(&f, &e.m, "form", "9Z", &err), -1);
	assert_string_equal(err.field, "form");
	assert_int_equal(pupil_filter_set(&f, &e.m, "band", "60+", &err), -1);
	assert_string_equal(err.field, "band");
	assert_int_equal(pupil_filter_set(&f, &e.m, "flag", "naughty", &err), -1);
	assert_int_equal(pupil_filter_set(&f, &e.m, "colour", "red", &err), 1);
	dash_free(&d);
}

/* The first k of a selection are the first k of the whole list sorted. */
static void first_page_is_the_sorted_list(void **state)
{
	(void)state;
	struct dash d;
	compute(&d, DASH_PUPILS);
	struct pupil_filter f;
	pupil_filter_init(&f);
	for (int s = 0; s < PS__MAX; s++) {
		for (int desc = 0; desc < 2; desc++) {
			int *all, n, *part, m;
			assert_int_equal(dash_select(&d, &f, (enum pupil_sort)s, desc, 0, &all, &n), 0);
			for (int k = 1; k <= n; k += 7) {
				assert_int_equal(dash_select(&d, &f, (enum pupil_sort)s, desc, k, &part, &m), 0);
				assert_int_equal(m, n);
				for (int i = 0; i < k; i++)
					if (part[i] != all[i])
						fail_msg("sort %s %s: position %d of the first %d differs",
							 pupil_sort_name((enum pupil_sort)s), desc ? "desc" : "asc", i, k);
				free(part);
			}
			/* and the whole order is the order of the key */
			for (int i = 1; s == PS_ATTENDANCE && !desc && i < n; i++) {
				const struct figures *x = &d.t.pupils[all[i - 1]].f, *y = &d.t.pupils[all[i]].f;
				assert_true(stats_pct100(stats_attendance(x), x->possible) <=
					    stats_pct100(stats_attendance(y), y->possible));
			}
			free(all);
		}
	}
	dash_free(&d);
}

static void who_moved(void **state)
{
	(void)state;
	struct dash d;
	compute(&d, DASH_PUPILS);
	struct dash_moved m;
	assert_int_equal(dash_moved(&d, 5, &m), 0);
	int fell = 0, rose = 0;
	for (int i = 0; i < d.t.n_pupils; i++) {
		fell += d.t.pupils[i].week.direction == TREND_DECLINED;
		rose += d.t.pupils[i].week.direction == TREND_IMPROVING;
	}
	assert_int_equal(m.total[MOVED_FELL], fell);
	assert_int_equal(m.total[MOVED_ROSE], rose);
	assert_int_equal(m.total[MOVED_FELL], d.t.school.declined_week);
	assert_int_equal(m.total[MOVED_INTO_PA], d.t.school.crossed_into_pa);
	assert_true(m.n[MOVED_FELL] <= 5);
	for (int i = 1; i < m.n[MOVED_FELL]; i++) /* the largest fall first */
		assert_true(d.t.pupils[m.list[MOVED_FELL][i - 1]].week.change_pp100 <=
			    d.t.pupils[m.list[MOVED_FELL][i]].week.change_pp100);
	for (int i = 1; i < m.n[MOVED_ROSE]; i++)
		assert_true(d.t.pupils[m.list[MOVED_ROSE][i - 1]].week.change_pp100 >=
			    d.t.pupils[m.list[MOVED_ROSE][i]].week.change_pp100);
	dash_moved_free(&m);
	dash_free(&d);
}

static void league_ranks_share_ties(void **state)
{
	(void)state;
	struct dash d;
	compute(&d, DASH_GROUPS | DASH_SUMMARY);
	struct league_row *rows;
	int n;
	assert_int_equal(dash_league(&d, DG_FORM, false, &rows, &n), 0);
	assert_int_equal(n, 3);
	for (int i = 0; i < n; i++) {
		const struct trend_sums *s = &d.t.g[DG_FORM].sums[rows[i].slot];
		struct trend_change c;
		trends_period_change(s->period, PERIOD_THIS_WEEK, PERIOD_LAST_WEEK, &c);
		assert_int_equal(rows[i].change.now_pct100, c.now_pct100);
		if (i > 0) {
			assert_true(rows[i - 1].change.now_pct100 >= rows[i].change.now_pct100);
			assert_int_equal(rows[i].rank, rows[i].change.now_pct100 == rows[i - 1].change.now_pct100
								? rows[i - 1].rank
								: i + 1);
		}
	}
	assert_int_equal(rows[0].rank, 1);
	free(rows);
	/* year groups: 7 and 8 */
	assert_int_equal(dash_league(&d, DG_YEAR, true, &rows, &n), 0);
	assert_int_equal(n, 2);
	free(rows);
	dash_free(&d);
}

static void small_numbers_hidden_and_not_recoverable(void **state)
{
	(void)state;
	bool h[6];
	int64_t none[] = {0, 10, 20, 6, 0, 7};
	disclosure_suppress(none, 6, h);
	for (int i = 0; i < 6; i++)
		assert_false(h[i]);
	/* one small count: the next smallest goes with it, so the total does not give it away */
	int64_t one[] = {40, 3, 0, 12, 9, 30};
	disclosure_suppress(one, 6, h);
	assert_true(h[1]);
	assert_true(h[4]);
	assert_false(h[0] || h[2] || h[3] || h[5]);
	int64_t two[] = {40, 3, 5, 12};
	disclosure_suppress(two, 4, h);
	assert_true(h[1] && h[2]);
	assert_false(h[0] || h[3]);
	int64_t ones[] = {1, 1, 1};
	disclosure_suppress(ones, 3, h);
	assert_true(h[0] && h[1] && h[2]);
}

static void chart_axis_nice_steps(void **state)
{
	(void)state;
	struct chart c;
	assert_int_equal(chart_init(&c, CHART_BARS, "t", 3, 1), 0);
	c.pct = true;
	*chart_v(&c, 0, 0) = 1234; /* 12.34% */
	*chart_v(&c, 1, 0) = 873;
	int64_t lo, hi, step;
	chart_axis(&c, 5, &lo, &hi, &step);
	assert_int_equal(lo, 0);
	assert_int_equal(step, 500);
	assert_int_equal(hi, 1500);
	c.y_min = 8000;
	c.y_max = 10000;
	chart_axis(&c, 5, &lo, &hi, &step);
	assert_int_equal(lo, 8000);
	assert_int_equal(hi, 10000);
	assert_int_equal(step, 500);
	char t[16];
	assert_string_equal(chart_value_text(&c, 9474, t, sizeof t), "94.7%");
	assert_string_equal(chart_value_text(&c, CHART_NONE, t, sizeof t), "–");
	assert_int_equal(chart_set_href(&c, 2, 0, "/x"), 0);
	assert_string_equal(chart_href(&c, 2, 0), "/x");
	assert_null(chart_href(&c, 1, 0));
	chart_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(filters_keep_whom_they_say),
		cmocka_unit_test(first_page_is_the_sorted_list),
		cmocka_unit_test(who_moved),
		cmocka_unit_test(league_ranks_share_ties),
		cmocka_unit_test(small_numbers_hidden_and_not_recoverable),
		cmocka_unit_test(chart_axis_nice_steps),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
