/* The statutory store (store_statutory.c, migration 0012) on either
 * database: a notification is raised once (a second raise is no error and
 * leaves the transaction usable, as PostgreSQL would not after a unique
 * violation), ends once and then stays as it was; leaving grounds are kept,
 * a correction being a new row; Year 6 figures are added, left alone or
 * changed with the old row kept in the history; the tasks' kinds are
 * escalation's, casework's (0009) and the notifications', and no other. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "testdb.h"

struct fx {
	char dir[64], target[512];
	struct store *s;
	int64_t school_id;
	struct pupil_rec p;
};

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof *x);
	char path[128], msg[256];
	snprintf(x->dir, sizeof x->dir, "/tmp/attend-unit-XXXXXX");
	assert_non_null(mkdtemp(x->dir));
	snprintf(path, sizeof path, "%s/t.db", x->dir);
	assert_int_equal(test_db_target(path, x->target, sizeof x->target), 0);
	assert_int_equal(store_open(x->target, &x->s, msg, sizeof msg), 0);
	int applied;
	assert_int_equal(store_migrate(x->s, &applied), 0);
	struct school_rec school = {.urn = "100001", .name = "Test", .phase = "secondary"};
	assert_int_equal(store_school_insert(x->s, &school, "2025-09-01T00:00:00.000Z"), 0);
	x->school_id = school.id;
	x->p = (struct pupil_rec){.upn = "A123456789012", .surname = "Smith", .forename = "Anna",
				  .dob = date_parse("2014-03-01"), .gender = 'F',
				  .admitted = date_parse("2025-09-01"), .left = DATE_INVALID,
				  .year = 7, .form = "7A", .send = 'N'};
	assert_int_equal(store_begin(x->s), 0);
	assert_int_equal(store_pupil_save(x->s, x->school_id, &x->p, "test", "2025-09-01T00:00:00Z",
					  "test"),
			 0);
	assert_int_equal(store_commit(x->s), 0);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fx *x = *state;
	char cmd[128];
	store_close(x->s);
	snprintf(cmd, sizeof cmd, "rm -rf %s", x->dir);
	assert_int_equal(system(cmd), 0);
	free(x);
	return 0;
}

/* The same SQL on both databases, run as someone outside attend would. */
static int raw(struct fx *x, const char *sql)
{
	return test_db_exec(x->target, sql, sql);
}

static struct notification_rec note(struct fx *x, const char *kind, const char *key)
{
	struct notification_rec n = {.pupil_id = x->p.pupil_id, .enrolment_id = x->p.enrolment_id,
				     .key_date = date_parse(key),
				     .trigger_date = date_parse("2025-11-06"),
				     .due_date = date_parse("2025-11-07"),
				     .days = 10};
	snprintf(n.kind, sizeof n.kind, "%s", kind);
	snprintf(n.detail, sizeof n.detail, "absent 10 school days in a row");
	snprintf(n.raised_by, sizeof n.raised_by, "lead");
	snprintf(n.raised_at, sizeof n.raised_at, "2025-11-06T16:00:00Z");
	return n;
}

struct seen {
	int n;
	int64_t ids[8];
	char last_ground[16];
};

static int count_note(void *ctx, const struct notification_rec *n)
{
	struct seen *s = ctx;
	s->ids[s->n++ % 8] = n->id;
	return 0;
}

static void notifications_once_and_final(void **state)
{
	struct fx *x = *state;
	struct notification_rec a = note(x, "unauthorised", "2025-10-16");
	struct notification_rec again = a, cme = note(x, "cme", "2025-10-16");
	assert_int_equal(store_begin(x->s), 0);
	assert_int_equal(store_notification_add(x->s, x->school_id, &a), 0);
	assert_true(a.id > 0);
	assert_string_equal(a.state, "open");
	assert_int_equal(store_notification_add(x->s, x->school_id, &again), 1);
	/* the transaction goes on after the refused duplicate */
	assert_int_equal(store_notification_add(x->s, x->school_id, &cme), 0);
	assert_true(cme.id > a.id);
	assert_int_equal(store_commit(x->s), 0);

	struct notification_rec got;
	assert_int_equal(store_notification_get(x->s, x->school_id, a.id, &got), 0);
	assert_string_equal(got.kind, "unauthorised");
	assert_int_equal(got.key_date, date_parse("2025-10-16"));
	assert_int_equal(got.due_date, date_parse("2025-11-07"));
	assert_int_equal(got.days, 10);
	assert_int_equal(got.contact_id, 0);
	assert_string_equal(got.sent_via, "");
	assert_int_equal(store_notification_get(x->s, x->school_id, a.id + 100, &got), 1);

	struct seen s = {0};
	assert_int_equal(store_notifications_each(x->s, x->school_id, NULL, 0, count_note, &s), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.ids[0], a.id);

	assert_int_equal(store_notification_finish(x->s, x->school_id, a.id, "sent", "file", 0,
						   "la.csv", "ab12", "lead",
						   "2025-11-07T09:00:00Z", NULL),
			 0);
	assert_int_equal(store_notification_finish(x->s, x->school_id, a.id, "dismissed", NULL, 0,
						   NULL, NULL, "lead", "2025-11-07T09:01:00Z",
						   "twice"),
			 1);
	assert_int_equal(store_notification_get(x->s, x->school_id, a.id, &got), 0);
	assert_string_equal(got.state, "sent");
	assert_string_equal(got.sent_via, "file");
	assert_string_equal(got.file_name, "la.csv");
	assert_string_equal(got.done_by, "lead");

	memset(&s, 0, sizeof s);
	assert_int_equal(store_notifications_each(x->s, x->school_id, "open", x->p.pupil_id,
						  count_note, &s),
			 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.ids[0], cme.id);

	/* outside attend: a sent notification stays sent, none is deleted */
	assert_int_equal(raw(x, "UPDATE notifications SET state = 'open' WHERE state = 'sent'"), -1);
	assert_int_equal(raw(x, "DELETE FROM notifications"), -1);
	assert_int_equal(raw(x, "UPDATE notifications SET outcome = 'x' WHERE state = 'open'"), 0);
}

static int keep_ground(void *ctx, const struct leaving_ground_rec *g)
{
	struct seen *s = ctx;
	s->ids[s->n++ % 8] = g->id;
	snprintf(s->last_ground, sizeof s->last_ground, "%s", g->ground);
	return 0;
}

static void leaving_grounds_kept(void **state)
{
	struct fx *x = *state;
	struct leaving_ground_rec g = {.pupil_id = x->p.pupil_id, .enrolment_id = x->p.enrolment_id,
				       .left_date = date_parse("2025-12-05"), .ground = "9(1)(a)",
				       .recorded_by = "office",
				       .recorded_at = "2025-12-01T10:00:00Z", .source = "test"};
	struct leaving_ground_rec fix = g;
	snprintf(fix.ground, sizeof fix.ground, "9(1)(f)");
	snprintf(fix.detail, sizeof fix.detail, "corrected: moved away");
	assert_int_equal(store_leaving_ground_add(x->s, x->school_id, &g), 0);
	assert_int_equal(store_leaving_ground_add(x->s, x->school_id, &fix), 0);
	assert_true(fix.id > g.id);
	struct seen s = {0};
	assert_int_equal(store_leaving_grounds_each(x->s, x->school_id, x->p.enrolment_id,
						    keep_ground, &s),
			 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.ids[0], g.id);
	assert_string_equal(s.last_ground, "9(1)(f)"); /* the enrolment's ground: its last row */
	memset(&s, 0, sizeof s);
	assert_int_equal(store_leaving_grounds_each(x->s, x->school_id, x->p.enrolment_id + 1,
						    keep_ground, &s),
			 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(raw(x, "UPDATE leaving_grounds SET ground = '9(3)'"), -1);
	assert_int_equal(raw(x, "DELETE FROM leaving_grounds"), -1);
}

static int keep_year6(void *ctx, const struct year6_rec *y)
{
	struct year6_rec *out = ctx;
	*out = *y;
	return 0;
}

static void year6_replaced_with_history(void **state)
{
	struct fx *x = *state;
	struct year6_rec y = {.upn = "A123456789012", .surname = "Smith", .forename = "Anna",
			      .dob = date_parse("2014-03-01"), .primary_school = "Elm Primary",
			      .academic_year = 2024, .possible = 380, .attended = 360,
			      .authorised = 15, .unauthorised = 5, .fsm = "Y",
			      .imported_by = "lead", .imported_at = "2025-07-01T10:00:00Z",
			      .file_sha256 = "aa"};
	enum store_put put;
	assert_int_equal(store_year6_put(x->s, x->school_id, &y, &put), 0);
	assert_int_equal(put, STORE_PUT_ADDED);
	/* no history yet: an update of it touches no row, so no trigger says no */
	assert_int_equal(raw(x, "UPDATE transition_figures_history SET possible = 0"), 0);
	snprintf(y.imported_at, sizeof y.imported_at, "2025-07-02T10:00:00Z");
	assert_int_equal(store_year6_put(x->s, x->school_id, &y, &put), 0);
	assert_int_equal(put, STORE_PUT_UNCHANGED);
	y.attended = 350;
	y.authorised = 25;
	assert_int_equal(store_year6_put(x->s, x->school_id, &y, &put), 0);
	assert_int_equal(put, STORE_PUT_CHANGED);
	struct year6_rec got = {0};
	assert_int_equal(store_year6_each(x->s, x->school_id, keep_year6, &got), 0);
	assert_int_equal(got.attended, 350);
	assert_int_equal(got.dob, date_parse("2014-03-01"));
	assert_string_equal(got.fsm, "Y");
	assert_string_equal(got.send, "");
	assert_string_equal(got.imported_at, "2025-07-02T10:00:00Z");
	/* the old figures are in the history, which is append-only */
	assert_int_equal(raw(x, "UPDATE transition_figures_history SET possible = 0"), -1);
	/* the database's own check: the sessions add up */
	y.attended = 1;
	assert_int_equal(store_year6_put(x->s, x->school_id, &y, &put), -1);
	assert_int_equal(store_year6_each(x->s, x->school_id, keep_year6, &got), 0);
	assert_int_equal(got.attended, 350);
}

/* 0012 rebuilt (SQLite) or re-checked (PostgreSQL) the tasks' kinds: every
 * kind main had, casework's too, and the notifications'; nothing else; a
 * task is still kept. */
static void task_kinds_union(void **state)
{
	struct fx *x = *state;
	static const char *const kinds[] = {"escalation", "pt_review", "pt_end", "plan_review",
					    "unauthorised", "illness", "admission", "deletion",
					    "cme", "social_worker", "virtual_school"};
	char sql[600];
	for (size_t i = 0; i <= sizeof kinds / sizeof kinds[0]; i++) {
		const char *kind = i < sizeof kinds / sizeof kinds[0] ? kinds[i] : "review";
		snprintf(sql, sizeof sql,
			 "INSERT INTO tasks (school_id, pupil_id, kind, title, assignee_role, "
			 "absence_date, day_number, due_date, created_by, created_at) SELECT school_id, "
			 "id, '%s', 'a task', 'attendance_lead', '2025-09-%02zu', 1, '2025-09-30', "
			 "'test', '2025-09-01T00:00:00Z' FROM pupils",
			 kind, i + 1);
		assert_int_equal(raw(x, sql), i < sizeof kinds / sizeof kinds[0] ? 0 : -1);
	}
	assert_int_equal(raw(x, "DELETE FROM tasks"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(notifications_once_and_final, setup, teardown),
		cmocka_unit_test_setup_teardown(leaving_grounds_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(year6_replaced_with_history, setup, teardown),
		cmocka_unit_test_setup_teardown(task_kinds_union, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
