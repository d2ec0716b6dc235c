/* app/register: a whole register checked before writing, the closing-time
 * rule, and all-or-nothing inside a group commit (a submission that fails
 * half-way is undone to its savepoint; the others in the group stay). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/clock.h"
#include "app/import.h"
#include "app/register.h"
#include "app/verify.h"
#include "testdb.h"

struct fx {
	char dir[64];
	char target[512]; /* the database: a path or a URI */
	struct store *s;
	struct engine e;
	struct register_settings rs;
	struct account teacher, office;
};

static const char *const upns[] = {"T820200126001", "G820200126002", "W820200126003",
				   "K820200126004", "F820200126011"};

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof *x);
	char path[128], msg[256];
	struct app_error err = {0};
	struct import_result res;
	struct actor who = {"test", "test"};
	setenv("ATTEND_NOW", "2026-11-27T09:10", 1);
	clock_init();
	snprintf(x->dir, sizeof x->dir, "/tmp/attend-unit-XXXXXX");
	assert_non_null(mkdtemp(x->dir));
	char target[512];
	snprintf(path, sizeof path, "%s/t.db", x->dir);
	assert_int_equal(test_db_target(path, target, sizeof target), 0);
	snprintf(x->target, sizeof x->target, "%s", target);
	assert_int_equal(store_open(target, &x->s, msg, sizeof msg), 0);
	int applied;
	assert_int_equal(store_migrate(x->s, &applied), 0);
	struct school_rec school = {.urn = "100001", .name = "Test", .phase = "secondary"};
	assert_int_equal(store_school_insert(x->s, &school, "2026-01-01T00:00:00.000Z"), 0);
	assert_int_equal(engine_open(&x->e, x->s, NULL, &err), 0);
	snprintf(path, sizeof path, "%s/cal.csv", x->dir);
	write_file(path, "start,end,kind,label\n2026-11-02,2026-12-18,term,Autumn 2\n");
	assert_int_equal(import_calendar(&x->e, path, &who, &res, &err), 0);
	snprintf(path, sizeof path, "%s/pupils.csv", x->dir);
	char csv[2048] = "upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal\n";
	for (int i = 0; i < 5; i++)
		snprintf(csv + strlen(csv), sizeof csv - strlen(csv),
			 "%s,S%d,F%d,2015-01-01,F,7,%s,2026-09-01,%s,N,N,N,N\n", upns[i], i, i,
			 i < 4 ? "7A" : "7B", i == 3 ? "2026-11-20" : "");
	write_file(path, csv);
	assert_int_equal(import_pupils(&x->e, path, &who, &res, &err), 0);
	assert_int_equal(register_settings_load(x->s, x->e.school.id, &x->rs, &err), 0);
	struct user_rec t = {.role = "teacher", .username = "teach", .n_forms = 1, .forms = {"7A"}};
	struct user_rec o = {.role = "office", .username = "office"};
	assert_int_equal(account_from_user(&x->teacher, &t), 0);
	assert_int_equal(account_from_user(&x->office, &o), 0);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fx *x = *state;
	char cmd[128];
	engine_close(&x->e);
	store_close(x->s);
	snprintf(cmd, sizeof cmd, "rm -rf %s", x->dir);
	assert_int_equal(system(cmd), 0);
	free(x);
	return 0;
}

static struct register_submission sub_of(struct fx *x, struct register_mark *m, int n,
					 const struct account *by, const char *reason)
{
	struct app_error err = {0};
	struct register_submission s = {.form = register_form(&x->e, "7A", &err),
					.date = date_parse("2026-11-27"),
					.session = SESSION_AM,
					.marks = m,
					.n_marks = n,
					.by = by,
					.source = "test"};
	snprintf(s.reason, sizeof s.reason, "%s", reason);
	return s;
}

static struct register_mark mk(const char *upn, enum code c, int minutes)
{
	struct register_mark m = {.asked = c, .minutes_late = minutes};
	snprintf(m.upn, sizeof m.upn, "%s", upn);
	return m;
}

static void check_fails(struct fx *x, struct register_mark *m, int n, const char *field,
			const char *words)
{
	struct app_error err = {0};
	struct register_submission s = sub_of(x, m, n, &x->teacher, "");
	assert_int_equal(register_check(&x->e, &x->rs, &s, date_parse("2026-11-27"), 9 * 60 + 10, &err), -1);
	assert_string_equal(err.field, field);
	assert_non_null(strstr(err.message, words));
}

static void test_check_refuses_bad_registers(void **state)
{
	struct fx *x = *state;
	struct register_mark twice[] = {mk(upns[0], CODE_PRESENT, -1), mk(upns[0], CODE_N, -1)};
	check_fails(x, twice, 2, "marks[1].upn", "appears twice");
	struct register_mark other[] = {mk(upns[0], CODE_PRESENT, -1), mk(upns[4], CODE_PRESENT, -1)};
	check_fails(x, other, 2, "marks[1].upn", "is not in form 7A");
	struct register_mark left[] = {mk(upns[3], CODE_PRESENT, -1)};
	check_fails(x, left, 1, "marks[0].upn", "not on roll");
	struct register_mark none[] = {mk("A999999999999", CODE_PRESENT, -1)};
	check_fails(x, none, 1, "marks[0].upn", "no pupil");
	check_fails(x, none, 0, "marks", "empty");
}

static void test_late_after_close_is_u_unless_overridden(void **state)
{
	struct fx *x = *state;
	struct app_error err = {0};
	struct register_mark m[] = {mk(upns[0], CODE_L, 10), mk(upns[1], CODE_L, 45), mk(upns[2], CODE_L, -1)};
	struct register_submission s = sub_of(x, m, 3, &x->teacher, "");
	/* 09:40 now: 10 minutes late is before 09:30, 45 is after; no minutes
	 * means now. */
	assert_int_equal(register_check(&x->e, &x->rs, &s, date_parse("2026-11-27"), 9 * 60 + 40, &err), 0);
	assert_int_equal(m[0].code, CODE_L);
	assert_int_equal(m[1].code, CODE_U);
	assert_int_equal(m[2].code, CODE_U);
	s = sub_of(x, m, 3, &x->office, "bus broke down");
	assert_int_equal(register_check(&x->e, &x->rs, &s, date_parse("2026-11-27"), 9 * 60 + 40, &err), 0);
	assert_int_equal(m[1].code, CODE_L);
	s = sub_of(x, m, 3, &x->teacher, "a teacher's reason is no override");
	assert_int_equal(register_check(&x->e, &x->rs, &s, date_parse("2026-11-27"), 9 * 60 + 40, &err), 0);
	assert_int_equal(m[1].code, CODE_U);
}

/* Two submissions in one group: the second fails on its last mark inside
 * the writer; the first stays, nothing of the second does. */
static void test_group_commit_is_all_or_nothing_per_submission(void **state)
{
	struct fx *x = *state;
	struct app_error err = {0};
	struct register_outcome out;
	struct register_mark a[] = {mk(upns[0], CODE_PRESENT, -1)};
	struct register_mark b[] = {mk(upns[1], CODE_PRESENT, -1), mk(upns[2], CODE_PRESENT, -1),
				    mk(upns[0], CODE_N, -1)};
	struct register_submission sa = sub_of(x, a, 1, &x->teacher, "");
	struct register_submission sb = sub_of(x, b, 3, &x->teacher, "");
	date_t today = date_parse("2026-11-27");
	/* Both pass the check alone (nothing recorded yet)... */
	assert_int_equal(register_check(&x->e, &x->rs, &sa, today, 9 * 60 + 10, &err), 0);
	assert_int_equal(register_check(&x->e, &x->rs, &sb, today, 9 * 60 + 10, &err), 0);
	int point;
	assert_int_equal(engine_begin(&x->e, &err), 0);
	assert_int_equal(engine_savepoint(&x->e, &point, &err), 0);
	assert_int_equal(register_write(&x->e, &x->rs, &sa, &out, &err), 0);
	assert_int_equal(engine_release(&x->e, &err), 0);
	assert_int_equal(engine_savepoint(&x->e, &point, &err), 0);
	/* ...but written after the first, b's last mark amends without a reason. */
	assert_int_equal(register_write(&x->e, &x->rs, &sb, &out, &err), -1);
	assert_string_equal(err.field, "marks[2].reason");
	engine_rollback_to(&x->e, point);
	assert_int_equal(engine_commit(&x->e, &err), 0);

	struct mark_rec m;
	int col = calendar_session_col(&x->e.cal, today, SESSION_AM);
	assert_int_equal(store_mark_get(x->s, x->e.school.id, x->e.m.rows[engine_pupil_row(&x->e, upns[0])].pupil_id,
					today, SESSION_AM, &m), 0);
	assert_int_equal(m.code, CODE_PRESENT);
	for (int i = 1; i <= 2; i++) {
		int row = engine_pupil_row(&x->e, upns[i]);
		assert_int_equal(store_mark_get(x->s, x->e.school.id, x->e.m.rows[row].pupil_id, today,
						SESSION_AM, &m), 1);
		assert_int_equal(matrix_row_cells(&x->e.m, row)[col], CODE_NONE);
	}
	assert_int_equal(matrix_row_cells(&x->e.m, engine_pupil_row(&x->e, upns[0]))[col], CODE_PRESENT);
}

struct write_ctx {
	struct fx *x;
	struct register_submission *sub;
};

static int write_sub(void *ctx, struct app_error *err)
{
	struct write_ctx *w = ctx;
	struct register_outcome out;
	return register_write(&w->x->e, &w->x->rs, w->sub, &out, err);
}

static int count_version(void *ctx, const struct mark_rec *m)
{
	(void)m;
	(*(int *)ctx)++;
	return 0;
}

/* Two first marks and nothing after them: they wait, and reach the
 * database at the release. */
static int write_two_marks(void *ctx, struct app_error *err)
{
	struct fx *x = ctx;
	struct actor who = {"office", "test"};
	enum mark_outcome outcome;
	for (int i = 1; i <= 2; i++) {
		struct mark_input in = {upns[i], date_parse("2026-11-27"), SESSION_AM, CODE_PRESENT, -1};
		if (marks_write(&x->e, &in, &who, "", true, &outcome, err) < 0)
			return -1;
	}
	return 0;
}

/* A submission whose marks the database refuses when they reach it (at the
 * release: here a current mark someone put in the table behind the
 * engine's back, past its guard) is undone alone, in the database and in
 * the matrix; the group's other submissions, before and after it, are
 * saved. */
static void test_a_part_the_database_refuses_is_undone_alone(void **state)
{
	struct fx *x = *state;
	struct app_error err = {0};
	date_t today = date_parse("2026-11-27");
	int row2 = engine_pupil_row(&x->e, upns[2]);
	char sql[512];
	snprintf(sql, sizeof sql,
		 "INSERT INTO marks (school_id, date, session, pupil_id, code, version, recorded_by, "
		 "recorded_at, first_recorded_at, hash) VALUES (%lld, '2026-11-27', 'AM', %lld, 'N', "
		 "1, 'someone', '2026-11-27T09:00:00.000Z', '2026-11-27T09:00:00.000Z', 'x')",
		 (long long)x->e.school.id, (long long)x->e.m.rows[row2].pupil_id);
	char lite[600], pg[640];
	snprintf(lite, sizeof lite, "DROP TRIGGER marks_insert_has_history; %s", sql);
	snprintf(pg, sizeof pg, "DROP TRIGGER marks_insert_has_history ON marks; %s", sql);
	assert_int_equal(test_db_exec(x->target, lite, pg), 0);

	struct register_mark a[] = {mk(upns[0], CODE_PRESENT, -1)};
	struct register_mark c[] = {mk(upns[4], CODE_N, -1)};
	struct register_submission sa = sub_of(x, a, 1, &x->teacher, "");
	struct register_submission sc = sub_of(x, c, 1, &x->office, "");
	sc.form = register_form(&x->e, "7B", &err);
	assert_int_equal(register_check(&x->e, &x->rs, &sa, today, 9 * 60 + 10, &err), 0);
	assert_int_equal(register_check(&x->e, &x->rs, &sc, today, 9 * 60 + 10, &err), 0);
	struct write_ctx wa = {x, &sa}, wc = {x, &sc};
	assert_int_equal(engine_begin(&x->e, &err), 0);
	assert_int_equal(engine_part(&x->e, write_sub, &wa, &err), 0);
	assert_int_equal(engine_part(&x->e, write_two_marks, x, &err), -1);
	assert_non_null(strstr(err.message, "saving the marks"));
	assert_int_equal(engine_part(&x->e, write_sub, &wc, &err), 0);
	assert_int_equal(engine_commit(&x->e, &err), 0);

	int col = calendar_session_col(&x->e.cal, today, SESSION_AM);
	struct mark_rec m;
	const char *saved[] = {upns[0], upns[4]};
	for (int i = 0; i < 2; i++) {
		int row = engine_pupil_row(&x->e, saved[i]);
		assert_int_equal(store_mark_get(x->s, x->e.school.id, x->e.m.rows[row].pupil_id, today,
						SESSION_AM, &m), 0);
		assert_int_equal(m.version, 1);
		assert_int_not_equal(matrix_row_cells(&x->e.m, row)[col], CODE_NONE);
	}
	/* the refused part's first pupil: nothing in the database (not even
	 * the history), nothing in the matrix */
	int row1 = engine_pupil_row(&x->e, upns[1]);
	assert_int_equal(store_mark_get(x->s, x->e.school.id, x->e.m.rows[row1].pupil_id, today,
					SESSION_AM, &m), 1);
	int versions = 0;
	assert_int_equal(store_history_each(x->s, x->e.school.id, x->e.m.rows[row1].pupil_id, today,
					    SESSION_AM, count_version, &versions), 0);
	assert_int_equal(versions, 0);
	assert_int_equal(matrix_row_cells(&x->e.m, row1)[col], CODE_NONE);
	assert_int_equal(matrix_row_cells(&x->e.m, row2)[col], CODE_NONE);
}

/* A first mark's version is made by register_check (on the request's
 * thread) and saved as made; made under another load of the engine, or
 * for a cell filled meanwhile, it is made again by the writer. Either way
 * the chain verifies. */
static void test_versions_made_ahead_are_the_ones_saved(void **state)
{
	struct fx *x = *state;
	struct app_error err = {0};
	struct register_outcome out;
	date_t today = date_parse("2026-11-27");
	struct register_mark a[] = {mk(upns[0], CODE_PRESENT, -1), mk(upns[1], CODE_L, 5)};
	struct register_submission sa = sub_of(x, a, 2, &x->teacher, "");
	assert_int_equal(register_check(&x->e, &x->rs, &sa, today, 9 * 60 + 10, &err), 0);
	assert_true(a[0].ahead.made);
	assert_true(a[1].ahead.made);
	assert_int_equal(engine_begin(&x->e, &err), 0);
	assert_int_equal(register_write(&x->e, &x->rs, &sa, &out, &err), 0);
	assert_int_equal(engine_commit(&x->e, &err), 0);
	assert_int_equal(out.recorded, 2);
	struct mark_rec m;
	int64_t pid = x->e.m.rows[a[0].ahead.row].pupil_id;
	assert_int_equal(store_mark_get(x->s, x->e.school.id, pid, today, SESSION_AM, &m), 0);
	assert_string_equal(m.hash, a[0].ahead.hash);
	assert_string_equal(m.recorded_at, a[0].ahead.recorded_at);

	/* Checked, then the engine reloads (another program wrote): the
	 * version made ahead is not taken. */
	struct register_mark b[] = {mk(upns[2], CODE_N, -1)};
	struct register_submission sb = sub_of(x, b, 1, &x->teacher, "");
	assert_int_equal(register_check(&x->e, &x->rs, &sb, today, 9 * 60 + 10, &err), 0);
	assert_true(b[0].ahead.made);
	snprintf(b[0].ahead.hash, sizeof b[0].ahead.hash, "%s", "not a hash the writer may take");
	assert_int_equal(engine_reload(&x->e, &err), 0);
	assert_int_equal(engine_begin(&x->e, &err), 0);
	assert_int_equal(register_write(&x->e, &x->rs, &sb, &out, &err), 0);
	assert_int_equal(engine_commit(&x->e, &err), 0);
	pid = x->e.m.rows[engine_pupil_row(&x->e, upns[2])].pupil_id;
	assert_int_equal(store_mark_get(x->s, x->e.school.id, pid, today, SESSION_AM, &m), 0);
	assert_int_equal(m.code, CODE_N);
	assert_string_not_equal(m.hash, b[0].ahead.hash);

	struct verify_result res = {0};
	FILE *devnull = fopen("/dev/null", "w");
	assert_non_null(devnull);
	assert_int_equal(verify_register(&x->e, devnull, &res, &err), 0);
	fclose(devnull);
	assert_int_equal(res.problems, 0);
	assert_true(res.versions_checked >= 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_check_refuses_bad_registers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_late_after_close_is_u_unless_overridden, setup, teardown),
		cmocka_unit_test_setup_teardown(test_versions_made_ahead_are_the_ones_saved, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_group_commit_is_all_or_nothing_per_submission, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_part_the_database_refuses_is_undone_alone, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
