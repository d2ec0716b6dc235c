/* The demo generator: its school year, its determinism, and its national
 * figures within stated tolerances of the targets (shared/domain.md,
 * benchmarks-national.csv). Every figure here is computed by core/stats on
 * the engine loaded from the generated database, as `attend stats` does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/clock.h"
#include "app/marks.h"
#include "core/stats.h"
#include "demo/demo.h"
#include "demo/school_year.h"
#include "engine/engine.h"
#include "testdb.h"

/* ---- the school year ---- */

static void easter_dates(void **state)
{
	(void)state;
	assert_int_equal(school_year_easter(2024), date_parse("2024-03-31"));
	assert_int_equal(school_year_easter(2025), date_parse("2025-04-20"));
	assert_int_equal(school_year_easter(2026), date_parse("2026-04-05"));
	assert_int_equal(school_year_easter(2027), date_parse("2027-03-28"));
	assert_int_equal(school_year_easter(2038), date_parse("2038-04-25"));
}

static void school_years_have_190_pupil_days(void **state)
{
	(void)state;
	for (int y = 2019; y <= 2040; y++) {
		struct cal_entry e[SCHOOL_YEAR_MAX_ENTRIES];
		int n = school_year_entries(y, e), terms = 0, inset = 0;
		struct calendar cal;
		calendar_init(&cal);
		char msg[256];
		for (int i = 0; i < n; i++) {
			assert_true(calendar_add(&cal, &e[i], msg, sizeof msg) >= 0);
			terms += e[i].kind == CAL_TERM;
			inset += e[i].kind == CAL_INSET;
		}
		assert_int_equal(calendar_build(&cal, msg, sizeof msg), 0);
		assert_int_equal(terms, 6);
		assert_int_equal(inset, 5);
		assert_int_equal(cal.n_school_days, 190);
		assert_int_equal(cal.n_half_terms, 6);
		/* Terms start in September and end in July of the next year. */
		int yy, m, d;
		date_to_ymd(cal.school_days[0], &yy, &m, &d);
		assert_true(yy == y && m == 9);
		date_to_ymd(cal.school_days[189], &yy, &m, &d);
		assert_true(yy == y + 1 && m == 7);
		calendar_free(&cal);
	}
}

/* 2025/26 as England's schools have it: the same dates as a published LA
 * calendar (autumn term 1 September, half-term from 27 October, Christmas
 * from 20 December, spring 5 January, Easter holidays with Good Friday). */
static void school_year_2025_dates(void **state)
{
	(void)state;
	struct cal_entry e[SCHOOL_YEAR_MAX_ENTRIES];
	int n = school_year_entries(2025, e);
	const char *want[6][2] = {{"2025-09-01", "2025-10-24"}, {"2025-11-03", "2025-12-19"},
				  {"2026-01-05", "2026-02-13"}, {"2026-02-23", "2026-03-27"},
				  {"2026-04-13", "2026-05-22"}, {"2026-06-01", "2026-07-20"}};
	int t = 0;
	for (int i = 0; i < n; i++) {
		if (e[i].kind != CAL_TERM)
			continue;
		assert_int_equal(e[i].start, date_parse(want[t][0]));
		assert_int_equal(e[i].end, date_parse(want[t][1]));
		t++;
	}
	assert_int_equal(t, 6);
}

/* ---- generated schools ---- */

#define NOW_DAY "2026-07-31" /* a full school year (2025/26) has happened */

struct school {
	char path[64], target[512];
	struct store *s;
	struct engine e;
	int c0, c1;
};

static void build_on(struct school *w, int phase, int pupils, uint64_t seed, const char *today)
{
	snprintf(w->path, sizeof w->path, "/tmp/attend-test-demo-XXXXXX");
	int fd = mkstemp(w->path);
	assert_true(fd >= 0);
	close(fd);
	unlink(w->path);
	char msg[256];
	assert_int_equal(test_db_target(w->path, w->target, sizeof w->target), 0);
	assert_int_equal(store_open(w->target, &w->s, msg, sizeof msg), 0);
	int applied;
	assert_int_equal(store_migrate(w->s, &applied), 0);
	struct demo_params p = {.pupils = pupils, .schools = 1, .phase = phase, .seed = seed,
				.years = 1, .today = date_parse(today), .minute_of_day = 18 * 60,
				.now_iso = NOW_DAY "T17:00:00.000Z"};
	static struct demo_result res;
	struct app_error err = {0};
	if (demo_build(w->s, &p, &res, &err) < 0)
		fail_msg("demo_build: %s", err.message);
	assert_true(res.relaxed); /* a brand new database */
	assert_int_equal(engine_open(&w->e, w->s, NULL, &err), 0);
	stats_cols(&w->e.cal, date_parse("2025-08-01"), date_parse(today), &w->c0, &w->c1);
}

static void build(struct school *w, int phase, int pupils, uint64_t seed)
{
	build_on(w, phase, pupils, seed, NOW_DAY);
	assert_int_equal(w->c1 - w->c0, 380);
}

static void destroy(struct school *w)
{
	engine_close(&w->e);
	store_close(w->s);
	char p[80];
	unlink(w->path);
	snprintf(p, sizeof p, "%s-wal", w->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", w->path);
	unlink(p);
}

/* Figures of the rows (all when field < 0, else those with key) over
 * [c0, c1), through core/stats. */
static void figures_of(const struct school *w, int field, int key, int c0, int c1,
		       struct group_figures *g)
{
	memset(g, 0, sizeof *g);
	struct figures f;
	for (int r = 0; r < w->e.m.n_rows; r++) {
		if (!stats_on_roll(&w->e.m.rows[r], c0, c1))
			continue;
		if (field >= 0 && group_key(&w->e.m, r, (enum group_field)field) != key)
			continue;
		stats_row(&w->e.m, r, c0, c1, &f);
		stats_add(g, &f);
	}
}

static double absence_pct(const struct group_figures *g)
{
	return (double)stats_pct100(g->authorised + g->unauthorised, g->possible) / 100.0;
}

static double rate_pct(int32_t n, const struct group_figures *g)
{
	return (double)stats_pct100(n, g->pupils_with_possible) / 100.0;
}

/* Absence % on school days of one weekday. */
static double weekday_absence(const struct school *w, int wd)
{
	struct group_figures all = {0}, g;
	for (int d = w->c0 / 2; d < w->c1 / 2; d++) {
		if ((int)date_weekday(w->e.cal.school_days[d]) != wd)
			continue;
		figures_of(w, -1, 0, 2 * d, 2 * d + 2, &g);
		all.possible += g.possible;
		all.authorised += g.authorised;
		all.unauthorised += g.unauthorised;
	}
	return absence_pct(&all);
}

static void check_phase(struct school *w, double absence, double pa, double sa_lo, double sa_hi)
{
	struct group_figures all, fsm[2], send[3];
	figures_of(w, -1, 0, w->c0, w->c1, &all);
	print_message("   absence %.2f%% (target %.1f), PA %.1f%% (target %.1f), SA %.1f%%\n",
		      absence_pct(&all), absence, rate_pct(all.persistent, &all), pa,
		      rate_pct(all.severe, &all));
	assert_true(absence_pct(&all) >= absence - 1.5 && absence_pct(&all) <= absence + 1.5);
	assert_true(rate_pct(all.persistent, &all) >= pa - 5 && rate_pct(all.persistent, &all) <= pa + 5);
	assert_true(rate_pct(all.severe, &all) >= sa_lo && rate_pct(all.severe, &all) <= sa_hi);
	/* Pupils eligible for FSM miss about twice as much as others. */
	for (int k = 0; k < 2; k++)
		figures_of(w, GROUP_FSM, k, w->c0, w->c1, &fsm[k]);
	double ratio = absence_pct(&fsm[1]) / absence_pct(&fsm[0]);
	print_message("   FSM %.2f%% vs %.2f%%: %.2fx\n", absence_pct(&fsm[1]), absence_pct(&fsm[0]),
		      ratio);
	assert_true(ratio >= 1.5 && ratio <= 2.5);
	/* EHC plan > SEN support > no SEN (keys: N, K, E). */
	for (int k = 0; k < 3; k++)
		figures_of(w, GROUP_SEND, k, w->c0, w->c1, &send[k]);
	print_message("   SEND N %.2f%%, K %.2f%%, E %.2f%%\n", absence_pct(&send[0]),
		      absence_pct(&send[1]), absence_pct(&send[2]));
	assert_true(absence_pct(&send[2]) > absence_pct(&send[1]));
	assert_true(absence_pct(&send[1]) > absence_pct(&send[0]));
	/* Friday is the worst day of the week. */
	double fri = weekday_absence(w, WD_FRI);
	for (int d = WD_MON; d < WD_FRI; d++)
		assert_true(weekday_absence(w, d) < fri);
	/* The band spread: most pupils under 5%, fewer in each band above
	 * up to 20%, and everyone with a full year has a band. */
	assert_true(all.bands[0] > all.bands[1] && all.bands[1] > all.bands[2] &&
		    all.bands[2] > all.bands[3]);
	assert_true(all.bands[0] * 100 >= 40 * all.pupils && all.bands[0] * 100 <= 68 * all.pupils);
	/* Illness peaks in winter: December to February above September. */
	int lo, hi, s0, s1;
	calendar_day_range(&w->e.cal, date_parse("2025-12-01"), date_parse("2026-02-28"), &lo, &hi);
	calendar_day_range(&w->e.cal, date_parse("2025-09-01"), date_parse("2025-09-30"), &s0, &s1);
	struct group_figures winter, sept, summer;
	figures_of(w, -1, 0, 2 * lo, 2 * hi, &winter);
	figures_of(w, -1, 0, 2 * s0, 2 * s1, &sept);
	assert_true(absence_pct(&winter) > absence_pct(&sept));
	/* In the summer term illness falls to under half of absence and
	 * unauthorised holidays (G) rise. */
	calendar_day_range(&w->e.cal, date_parse("2026-04-13"), date_parse(NOW_DAY), &lo, &hi);
	figures_of(w, -1, 0, 2 * lo, 2 * hi, &summer);
	int64_t summer_abs = summer.authorised + summer.unauthorised;
	int64_t all_abs = all.authorised + all.unauthorised;
	print_message("   summer: illness %.0f%% of absence (year %.0f%%)\n",
		      100.0 * (double)summer.codes[CODE_I] / (double)summer_abs,
		      100.0 * (double)all.codes[CODE_I] / (double)all_abs);
	assert_true(summer.codes[CODE_I] * 2 < summer_abs);
	assert_true(summer.codes[CODE_I] * all_abs < all.codes[CODE_I] * summer_abs);
	assert_true(summer.codes[CODE_G] * all.possible > all.codes[CODE_G] * summer.possible);
	/* The register uses the codes a school does. */
	static const enum code used[] = {CODE_PRESENT, CODE_L, CODE_U, CODE_I, CODE_M, CODE_O,
					 CODE_G, CODE_N, CODE_V, CODE_P, CODE_B, CODE_C};
	for (size_t i = 0; i < sizeof used / sizeof *used; i++)
		assert_true(all.codes[used[i]] > 0);
	assert_true(all.minutes_late > all.late_before_close);
	assert_int_equal(all.unmarked, 0);
}

static void secondary_lands_on_national_figures(void **state)
{
	(void)state;
	struct school w;
	build(&w, DEMO_SECONDARY, 1200, 1);
	/* Secondary, 2023/24 and 2024/25: absence 9.1 and 8.6, PA 26.7 and
	 * 24.3, SA 3.4 (2022/23). */
	check_phase(&w, 8.9, 25.5, 1.0, 4.0);
	/* Year 7 attend well in their first half-term, then drop. */
	int lo, hi;
	calendar_day_range(&w.e.cal, date_parse("2025-09-01"), date_parse("2025-10-24"), &lo, &hi);
	struct group_figures a1, rest;
	figures_of(&w, GROUP_YEAR, 7 - YEAR_MIN, 2 * lo, 2 * hi, &a1);
	figures_of(&w, GROUP_YEAR, 7 - YEAR_MIN, 2 * hi, w.c1, &rest);
	assert_true(absence_pct(&a1) + 1.0 < absence_pct(&rest));
	/* Suspensions happen in secondary schools. */
	struct group_figures all;
	figures_of(&w, -1, 0, w.c0, w.c1, &all);
	assert_true(all.codes[CODE_E] > 0 && all.codes[CODE_W] > 0);
	destroy(&w);
}

static void primary_lands_on_national_figures(void **state)
{
	(void)state;
	struct school w;
	build(&w, DEMO_PRIMARY, 1000, 1);
	/* Primary, 2023/24 and 2024/25: absence 5.5 and 5.2, PA 15.2 and
	 * 13.5, SA 0.7 (2022/23). */
	check_phase(&w, 5.4, 14.4, 0.1, 2.0);
	destroy(&w);
}

/* The whole register, cell by cell, with the UPN of each row. */
static void fingerprint(const struct school *w, unsigned char out[32])
{
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	for (int r = 0; r < w->e.m.n_rows; r++) {
		crypto_hash_sha256_update(&st, (const unsigned char *)w->e.m.rows[r].upn, UPN_LEN);
		crypto_hash_sha256_update(&st, matrix_row_cells(&w->e.m, r), (size_t)w->e.m.n_cols);
		for (int c = 0; c < w->e.m.n_cols; c++) {
			uint16_t m = (uint16_t)matrix_minutes_late(&w->e.m, r, c);
			crypto_hash_sha256_update(&st, (const unsigned char *)&m, sizeof m);
		}
	}
	crypto_hash_sha256_final(&st, out);
}

static void same_seed_same_register(void **state)
{
	(void)state;
	struct school a, b, c;
	unsigned char fa[32], fb[32], fc[32];
	build(&a, DEMO_ALL_THROUGH, 150, 42);
	build(&b, DEMO_ALL_THROUGH, 150, 42);
	build(&c, DEMO_ALL_THROUGH, 150, 43);
	fingerprint(&a, fa);
	fingerprint(&b, fb);
	fingerprint(&c, fc);
	assert_memory_equal(fa, fb, sizeof fa);
	assert_memory_not_equal(fa, fc, sizeof fa);
	assert_int_equal(a.e.m.n_rows, 150);
	destroy(&a);
	destroy(&b);
	destroy(&c);
}

/* Reopens the school's engine. */
static void reopen(struct school *w)
{
	struct app_error err = {0};
	engine_close(&w->e);
	assert_int_equal(engine_open(&w->e, w->s, NULL, &err), 0);
}

static void amend(struct school *w, const char *upn, const char *day, enum session s,
		  enum code code, int minutes)
{
	struct app_error err = {0};
	struct mark_input in = {.upn = upn, .date = date_parse(day), .session = s, .code = code,
				.minutes_late = minutes};
	struct actor who = {"office", "test"};
	enum mark_outcome outcome;
	assert_int_equal(engine_begin(&w->e, &err), 0);
	if (marks_write(&w->e, &in, &who, "corrected", true, &outcome, &err) < 0)
		fail_msg("marks_write: %s", err.message);
	assert_int_equal(engine_commit(&w->e, &err), 0);
}

/* The start-up snapshot: the same matrix as reading every mark, after
 * amendments (replayed), and not used once an enrolment has changed. */
static void snapshot_gives_the_same_register(void **state)
{
	(void)state;
	struct school w;
	unsigned char full[32], snap[32];
	long saved = engine_snapshot_min_cells;
	engine_snapshot_min_cells = 0; /* every register keeps one */
	build(&w, DEMO_SECONDARY, 90, 9);
	assert_false(w.e.from_snapshot); /* the first start reads every mark ... */
	reopen(&w);
	assert_true(w.e.from_snapshot); /* ... and leaves a snapshot */
	assert_int_equal(w.e.marks_read, 0);
	/* Amendments after the snapshot: a late arrival, a present mark over
	 * one with minutes, an illness. */
	const struct pupil_row *r0 = &w.e.m.rows[0], *r1 = &w.e.m.rows[1];
	char u0[UPN_LEN + 1], u1[UPN_LEN + 1];
	memcpy(u0, r0->upn, sizeof u0);
	memcpy(u1, r1->upn, sizeof u1);
	amend(&w, u0, "2026-03-02", SESSION_AM, CODE_L, 12);
	amend(&w, u0, "2026-03-02", SESSION_AM, CODE_PRESENT, -1);
	amend(&w, u0, "2026-03-03", SESSION_AM, CODE_L, 7);
	amend(&w, u1, "2026-05-11", SESSION_PM, CODE_I, -1);
	reopen(&w);
	assert_true(w.e.from_snapshot);
	assert_int_equal(w.e.marks_read, 4);
	fingerprint(&w, snap);
	int row = engine_pupil_row(&w.e, u0);
	int col = calendar_session_col(&w.e.cal, date_parse("2026-03-02"), SESSION_AM);
	assert_int_equal(matrix_row_cells(&w.e.m, row)[col], CODE_PRESENT);
	assert_int_equal(matrix_minutes_late(&w.e.m, row, col), 0);
	assert_int_equal(matrix_minutes_late(&w.e.m, row, col + 2), 7);
	engine_snapshot_min_cells = -1; /* every mark, no snapshot */
	reopen(&w);
	assert_false(w.e.from_snapshot);
	fingerprint(&w, full);
	assert_memory_equal(full, snap, sizeof full);
	/* The pupil leaves early: the snapshot still fits (the sessions after
	 * leaving are simply not on roll) ... */
	engine_snapshot_min_cells = 0;
	struct pupil_rec p = {0};
	const struct pupil_row *pr = &w.e.m.rows[engine_pupil_row(&w.e, u1)];
	p.pupil_id = pr->pupil_id;
	p.enrolment_id = pr->enrolment_id;
	memcpy(p.upn, pr->upn, sizeof p.upn);
	snprintf(p.surname, sizeof p.surname, "%s", pr->surname);
	snprintf(p.forename, sizeof p.forename, "%s", pr->forename);
	p.dob = pr->dob;
	p.gender = pr->gender;
	p.admitted = pr->admitted;
	p.left = date_parse("2026-06-30");
	p.year = pr->year;
	snprintf(p.form, sizeof p.form, "%s", w.e.m.forms[pr->form]);
	p.send = pr->send;
	assert_int_equal(store_begin(w.s), 0);
	assert_int_equal(store_pupil_save(w.s, w.e.school.id, &p, "office", "2026-07-01T10:00:00.000Z",
					  "left"), 0);
	assert_int_equal(store_commit(w.s), 0);
	reopen(&w);
	assert_true(w.e.from_snapshot);
	fingerprint(&w, snap);
	engine_snapshot_min_cells = -1;
	reopen(&w);
	fingerprint(&w, full);
	assert_memory_equal(full, snap, sizeof full);
	/* ... but once the enrolment covers July again, its marks there (not
	 * in the snapshot) make the snapshot stale. */
	engine_snapshot_min_cells = 0;
	p.left = DATE_INVALID;
	assert_int_equal(store_begin(w.s), 0);
	assert_int_equal(store_pupil_save(w.s, w.e.school.id, &p, "office", "2026-07-02T10:00:00.000Z",
					  "left in error"), 0);
	assert_int_equal(store_commit(w.s), 0);
	reopen(&w);
	assert_false(w.e.from_snapshot);
	fingerprint(&w, snap);
	engine_snapshot_min_cells = -1;
	reopen(&w);
	fingerprint(&w, full);
	assert_memory_equal(full, snap, sizeof full);
	engine_snapshot_min_cells = 0;
	reopen(&w);
	assert_true(w.e.from_snapshot); /* taken again */
	/* A new pupil joins: still usable, with one more row and no marks. */
	int rows = w.e.m.n_rows;
	struct pupil_rec np = p;
	np.pupil_id = np.enrolment_id = 0;
	np.upn[0] = np.upn[0] == 'Z' ? 'Y' : 'Z'; /* another UPN (the check letter is not checked here) */
	np.admitted = date_parse("2026-07-06");
	assert_int_equal(store_begin(w.s), 0);
	assert_int_equal(store_pupil_save(w.s, w.e.school.id, &np, "office", "2026-07-03T10:00:00.000Z",
					  "admitted"), 0);
	assert_int_equal(store_commit(w.s), 0);
	reopen(&w);
	assert_true(w.e.from_snapshot);
	assert_int_equal(w.e.m.n_rows, rows + 1);
	fingerprint(&w, snap);
	/* A damaged snapshot is a lost cache, not a lost register: the
	 * engine reads every mark instead. */
	assert_int_equal(test_db_exec(w.target,
				      "UPDATE register_snapshot_rows SET cells = x'0102' WHERE pupil_id = "
				      "(SELECT max(pupil_id) FROM register_snapshot_rows)",
				      "UPDATE register_snapshot_rows SET cells = '\\x0102' WHERE pupil_id = "
				      "(SELECT max(pupil_id) FROM register_snapshot_rows)"),
			 0);
	reopen(&w);
	assert_false(w.e.from_snapshot);
	fingerprint(&w, full);
	assert_memory_equal(full, snap, sizeof full);
	engine_snapshot_min_cells = saved;
	destroy(&w);
}

/* A year under way is the start of the year it will be: holidays,
 * suspensions and leave are spread over the whole year, not crowded into
 * the weeks so far. */
static void year_to_date_matches_the_full_year(void **state)
{
	(void)state;
	struct school full, part;
	build(&full, DEMO_SECONDARY, 500, 4);
	build_on(&part, DEMO_SECONDARY, 500, 4, "2025-11-28");
	int c0, c1;
	stats_cols(&full.e.cal, date_parse("2025-09-01"), date_parse("2025-11-21"), &c0, &c1);
	struct group_figures a, b;
	figures_of(&full, -1, 0, c0, c1, &a);
	figures_of(&part, -1, 0, c0, c1, &b);
	print_message("   autumn to date: %.2f%% in the full year, %.2f%% in the year under way\n",
		      absence_pct(&a), absence_pct(&b));
	assert_true(absence_pct(&b) > absence_pct(&a) - 0.5 && absence_pct(&b) < absence_pct(&a) + 0.5);
	assert_true(b.codes[CODE_G] * 10 < a.codes[CODE_G] * 13);
	destroy(&full);
	destroy(&part);
}

int main(void)
{
	clock_init();
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(easter_dates),
		cmocka_unit_test(school_years_have_190_pupil_days),
		cmocka_unit_test(school_year_2025_dates),
		cmocka_unit_test(same_seed_same_register),
		cmocka_unit_test(snapshot_gives_the_same_register),
		cmocka_unit_test(year_to_date_matches_the_full_year),
		cmocka_unit_test(secondary_lands_on_national_figures),
		cmocka_unit_test(primary_lands_on_national_figures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
