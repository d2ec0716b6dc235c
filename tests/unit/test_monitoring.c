/* app/monitoring on a real database: tasks attend proves by itself from the
 * data (every register taken by its closing time, or the list of late and
 * missing ones; reasons reported all on the register), the run that records
 * those proofs once, ticking a task (whose it is, its period, once), what
 * was missed, and the daily digest queued once to each lead, naming no
 * pupil. */
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
#include "app/digest.h"
#include "app/import.h"
#include "app/monitoring.h"
#include "comms/builtin_templates.h"
#include "testdb.h"

struct fx {
	char dir[64];
	struct store *s;
	struct engine e;
	struct register_settings rs;
	struct account office, lead;
};

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
	setenv("ATTEND_NOW", "2026-11-25T17:00", 1);
	clock_init();
	snprintf(x->dir, sizeof x->dir, "/tmp/attend-unit-XXXXXX");
	assert_non_null(mkdtemp(x->dir));
	char target[512];
	snprintf(path, sizeof path, "%s/t.db", x->dir);
	assert_int_equal(test_db_target(path, target, sizeof target), 0);
	assert_int_equal(store_open(target, &x->s, msg, sizeof msg), 0);
	int applied, added;
	assert_int_equal(store_migrate(x->s, &applied), 0);
	struct school_rec school = {.urn = "100001", .name = "Test", .phase = "secondary"};
	assert_int_equal(store_school_insert(x->s, &school, "2026-01-01T00:00:00.000Z"), 0);
	assert_int_equal(engine_open(&x->e, x->s, NULL, &err), 0);
	snprintf(path, sizeof path, "%s/cal.csv", x->dir);
	write_file(path, "start,end,kind,label\n2026-09-02,2026-10-23,term,Autumn 1\n"
			 "2026-11-02,2026-12-18,term,Autumn 2\n2026-11-02,2026-11-02,inset,Training\n");
	assert_int_equal(import_calendar(&x->e, path, &who, &res, &err), 0);
	snprintf(path, sizeof path, "%s/pupils.csv", x->dir);
	write_file(path, "upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal\n"
			 "T820200126001,Adams,Amy,2015-01-01,F,7,7A,2026-09-01,,N,N,N,N\n"
			 "G820200126002,Brown,Ben,2015-01-01,M,7,7A,2026-09-01,,N,N,N,N\n"
			 "F820200126011,Green,Gus,2015-01-01,M,7,7B,2026-09-01,,N,N,N,N\n");
	assert_int_equal(import_pupils(&x->e, path, &who, &res, &err), 0);
	assert_int_equal(register_settings_load(x->s, x->e.school.id, &x->rs, &err), 0);
	assert_int_equal(leading_seed(x->s, x->e.school.id, "2026-09-01T00:00:00.000Z", &added, &err), 0);
	assert_true(added > 40);
	assert_int_equal(templates_seed(x->s, x->e.school.id, "2026-09-01T00:00:00.000Z", &added, &err), 0);
	struct user_rec o = {.role = "office", .username = "office"};
	struct user_rec l = {.role = "attendance_lead", .username = "lead"};
	assert_int_equal(account_from_user(&x->office, &o), 0);
	assert_int_equal(account_from_user(&x->lead, &l), 0);
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

static struct leading_ctx ctx_at(struct fx *x, const char *day, int minute)
{
	return (struct leading_ctx){&x->e, x->s, date_parse(day), minute, &x->rs, ""};
}

/* A register taken at a local time (November: UTC). */
static void taken(struct fx *x, const char *form, const char *day, enum session s, const char *hhmm)
{
	struct register_event ev = {.date = date_parse(day), .session = s, .marks = 2};
	snprintf(ev.form, sizeof ev.form, "%s", form);
	snprintf(ev.taken_by, sizeof ev.taken_by, "teacher");
	snprintf(ev.taken_at, sizeof ev.taken_at, "%sT%s:00.000Z", day, hhmm);
	assert_int_equal(store_register_event_add(x->s, x->e.school.id, &ev), 0);
}

static struct sched_task_rec task_by_key(struct fx *x, const char *key);

struct find {
	const char *key;
	struct sched_task_rec t;
	bool found;
};

static int find_task(void *ctx, const struct sched_task_rec *t)
{
	struct find *f = ctx;
	if (!strcmp(t->builtin_key, f->key)) {
		f->t = *t;
		f->found = true;
	}
	return 0;
}

static struct sched_task_rec task_by_key(struct fx *x, const char *key)
{
	struct find f = {key, {0}, false};
	assert_int_equal(store_sched_tasks_each(x->s, x->e.school.id, true, find_task, &f), 0);
	assert_true(f.found);
	return f.t;
}

static struct mon_proof prove(struct fx *x, const char *key, const char *day, const char *today,
			      int minute)
{
	struct sched_task_rec t = task_by_key(x, key);
	struct sched_occurrence o;
	struct mon_proof p;
	struct app_error err = {0};
	struct leading_ctx c = ctx_at(x, today, minute);
	assert_int_equal(sched_at(&x->e.cal, sched_cadence_parse(t.cadence), sched_timing_parse(t.timing),
				  date_parse(day), &o),
			 0);
	assert_int_equal(mon_prove(&c, &t, &o, &p, &err), 0);
	return p;
}

static void registers_taken_late_and_missing(void **state)
{
	struct fx *x = *state;
	taken(x, "7A", "2026-11-24", SESSION_AM, "09:05");
	taken(x, "7A", "2026-11-24", SESSION_PM, "13:20");
	taken(x, "7B", "2026-11-24", SESSION_AM, "09:41");
	/* during the day it is not judged yet */
	struct mon_proof p = prove(x, "daily.registers", "2026-11-24", "2026-11-24", 10 * 60);
	assert_false(p.ready);
	/* once the day is over: 7B's afternoon register was never taken */
	p = prove(x, "daily.registers", "2026-11-24", "2026-11-25", 8 * 60);
	assert_true(p.ready);
	assert_false(p.done);
	assert_non_null(strstr(p.evidence, "3 of 4 registers taken"));
	assert_non_null(strstr(p.evidence, "7B AM at 09:41"));
	assert_non_null(strstr(p.evidence, "not taken: 7B PM"));
	/* taken at last (late): done, with the late ones listed */
	taken(x, "7B", "2026-11-24", SESSION_PM, "14:02");
	p = prove(x, "daily.registers", "2026-11-24", "2026-11-25", 8 * 60);
	assert_true(p.done);
	assert_non_null(strstr(p.evidence, "4 of 4 registers taken; 2 after the closing time: 7B AM at "
					   "09:41, 7B PM at 14:02"));
	assert_string_equal(p.href, "/office?date=2026-11-24");
}

static void every_register_by_its_closing_time(void **state)
{
	struct fx *x = *state;
	taken(x, "7A", "2026-11-23", SESSION_AM, "09:00");
	taken(x, "7A", "2026-11-23", SESSION_PM, "13:45"); /* at the closing minute: on time */
	taken(x, "7B", "2026-11-23", SESSION_AM, "09:29");
	taken(x, "7B", "2026-11-23", SESSION_PM, "13:30");
	struct mon_proof p = prove(x, "daily.registers", "2026-11-23", "2026-11-25", 8 * 60);
	assert_true(p.ready && p.done);
	assert_string_equal(p.evidence, "4 of 4 registers taken, every one by its closing time.");
}

static void reasons_reported_and_pending(void **state)
{
	struct fx *x = *state;
	struct mon_proof p = prove(x, "daily.messages", "2026-11-20", "2026-11-25", 8 * 60);
	assert_true(p.ready && p.done);
	assert_non_null(strstr(p.evidence, "No family reported a reason"));
	/* a report whose session still waits for its register */
	struct absence_report_rec r = {.from_date = date_parse("2026-11-19"),
				       .to_date = date_parse("2026-11-19"), .code = CODE_I,
				       .expected_return = DATE_INVALID};
	r.pupil_id = x->e.m.rows[0].pupil_id;
	snprintf(r.reported_by, sizeof r.reported_by, "mum");
	snprintf(r.channel, sizeof r.channel, "call");
	snprintf(r.recorded_by, sizeof r.recorded_by, "office");
	snprintf(r.recorded_at, sizeof r.recorded_at, "2026-11-19T08:00:00.000Z");
	assert_int_equal(store_absence_report_insert(x->s, x->e.school.id, &r), 0);
	struct absence_session_rec s = {.report_id = r.id, .pupil_id = r.pupil_id,
					.date = r.from_date, .session = SESSION_AM};
	snprintf(s.state, sizeof s.state, "pending");
	assert_int_equal(store_absence_session_insert(x->s, x->e.school.id, &s), 0);
	p = prove(x, "daily.messages", "2026-11-19", "2026-11-25", 8 * 60);
	assert_true(p.ready);
	assert_false(p.done);
	assert_non_null(strstr(p.evidence, "1 reason reported by families for this day; 1 session still "
					   "waiting for the register"));
}

static int count_done(void *ctx, const struct sched_done_rec *d)
{
	int *n = ctx;
	n[0]++;
	n[1] += d->automatic && !strcmp(d->done_by, "attend") && d->evidence[0];
	return 0;
}

static void the_run_records_proofs_once(void **state)
{
	struct fx *x = *state;
	struct leading_ctx c = ctx_at(x, "2026-11-25", 17 * 60);
	struct mon_run r;
	struct app_error err = {0};
	assert_int_equal(engine_begin(&x->e, &err), 0);
	assert_int_equal(engine_end(&x->e, mon_run_write(&x->e, &c, "attend", &r, &err), &err), 0);
	assert_true(r.proven > 0);
	int n[2] = {0, 0};
	assert_int_equal(store_sched_done_each(x->s, x->e.school.id, date_parse("2026-11-01"),
					       date_parse("2026-11-30"), count_done, n),
			 0);
	assert_int_equal(n[0], r.proven);
	assert_int_equal(n[1], r.proven); /* each by attend, with its evidence */
	/* the late registers of the 24th were recorded as done, with the late ones */
	struct mon_list l;
	assert_int_equal(mon_closed_in(&c, date_parse("2026-11-24"), date_parse("2026-11-24"), &l, &err), 0);
	bool seen = false;
	for (int i = 0; i < l.n; i++) {
		if (strcmp(l.v[i].task.builtin_key, "daily.registers"))
			continue;
		seen = true;
		assert_true(l.v[i].recorded && l.v[i].rec.automatic);
		assert_int_equal(l.v[i].state, SS_DONE);
		assert_non_null(strstr(l.v[i].rec.evidence, "7B PM at 14:02"));
	}
	mon_list_free(&l);
	assert_true(seen);
	/* a second run records nothing more; no digest goes with no recipient */
	assert_int_equal(engine_begin(&x->e, &err), 0);
	assert_int_equal(engine_end(&x->e, mon_run_write(&x->e, &c, "attend", &r, &err), &err), 0);
	assert_int_equal(r.proven, 0);
	assert_true(r.daily_due);
	assert_int_equal(r.daily, 0);
}

static void ticking_a_task(void **state)
{
	struct fx *x = *state;
	struct leading_ctx c = ctx_at(x, "2026-11-25", 11 * 60);
	struct app_error err = {0};
	struct sched_task_rec leads = task_by_key(x, "daily.leads");
	struct sched_done_rec d;
	/* the office may not tick the attendance lead's task */
	assert_int_equal(mon_done_write(&x->e, &c, leads.id, c.today, "", &x->office, &d, &err), -1);
	assert_int_equal(err.kind, ERR_FORBIDDEN);
	assert_int_equal(engine_begin(&x->e, &err), 0);
	assert_int_equal(engine_end(&x->e, mon_done_write(&x->e, &c, leads.id, c.today, "sent at 9",
							   &x->lead, &d, &err),
				    &err),
			 0);
	assert_string_equal(d.done_by, "lead");
	assert_string_equal(d.note, "sent at 9");
	/* once a period */
	assert_int_equal(mon_done_write(&x->e, &c, leads.id, c.today, "", &x->lead, &d, &err), -1);
	assert_int_equal(err.kind, ERR_CONFLICT);
	/* a day whose period is over is missed, not ticked */
	assert_int_equal(mon_done_write(&x->e, &c, leads.id, date_parse("2026-11-20"), "", &x->lead, &d,
					&err),
			 -1);
	assert_int_equal(err.kind, ERR_CONFLICT);
	assert_non_null(strstr(err.message, "missed"));
	/* no daily task on a Saturday, nor on the INSET day */
	assert_int_equal(mon_done_write(&x->e, &c, leads.id, date_parse("2026-11-28"), "", &x->lead, &d,
					&err),
			 -1);
	assert_int_equal(err.kind, ERR_INPUT);
	assert_int_equal(mon_done_write(&x->e, &c, leads.id, date_parse("2026-11-02"), "", &x->lead, &d,
					&err),
			 -1);
	assert_int_equal(err.kind, ERR_INPUT);
	/* the weekly champion's meeting opens on the week's last school day */
	struct sched_task_rec weekly = task_by_key(x, "weekly.champion");
	assert_int_equal(mon_done_write(&x->e, &c, weekly.id, c.today, "", &x->lead, &d, &err), -1);
	assert_int_equal(err.kind, ERR_INPUT);
	assert_non_null(strstr(err.message, "opens on 2026-11-27"));
	/* the checklist: the lead's task done, the office's open */
	struct mon_list l;
	assert_int_equal(mon_open_on(&c, c.today, "attendance_lead", &l, &err), 0);
	bool done = false;
	for (int i = 0; i < l.n; i++)
		if (l.v[i].task.id == leads.id)
			done = l.v[i].state == SS_DONE && l.v[i].recorded;
	mon_list_free(&l);
	assert_true(done);
}

static void missed_over_the_half_term(void **state)
{
	struct fx *x = *state;
	struct leading_ctx c = ctx_at(x, "2026-11-25", 17 * 60);
	struct app_error err = {0};
	struct mon_summary m;
	assert_int_equal(mon_summary(&c, date_parse("2026-11-02"), date_parse("2026-11-24"), &m, &err), 0);
	/* 16 school days (the INSET day has none): 5 daily tasks a day; 3 weeks of 5 weekly tasks */
	assert_int_equal(m.closed, 16 * 5 + 3 * 5);
	assert_true(m.missed > 0);
	assert_int_equal(m.done + m.missed, m.closed);
	/* nobody sent the daily data to the leads on those days: each one missed */
	struct mon_list l;
	assert_int_equal(mon_closed_in(&c, date_parse("2026-11-02"), date_parse("2026-11-24"), &l, &err), 0);
	int leads_missed = 0;
	for (int i = 0; i < l.n; i++)
		leads_missed += !strcmp(l.v[i].task.builtin_key, "daily.leads") && l.v[i].state == SS_MISSED;
	mon_list_free(&l);
	assert_int_equal(leads_missed, 16);
}

static void the_daily_digest_goes_once_to_each_lead(void **state)
{
	struct fx *x = *state;
	struct app_error err = {0};
	assert_int_equal(store_setting_set(x->s, x->e.school.id, "smtp_from", "office@test.example",
					   "test", "2026-11-25T00:00:00.000Z"),
			 0);
	const char *who[][2] = {{"Head", "head@test.example"}, {"Lead", "lead@test.example"}};
	for (int i = 0; i < 2; i++) {
		struct digest_recipient_rec r = {.daily = true, .weekly = i == 1};
		snprintf(r.name, sizeof r.name, "%s", who[i][0]);
		snprintf(r.email, sizeof r.email, "%s", who[i][1]);
		snprintf(r.added_by, sizeof r.added_by, "test");
		snprintf(r.added_at, sizeof r.added_at, "2026-11-25T00:00:00.000Z");
		assert_int_equal(store_digest_recipient_add(x->s, x->e.school.id, &r), 0);
	}
	/* before its time (16:00) nothing goes */
	struct leading_ctx early = ctx_at(x, "2026-11-26", 15 * 60);
	struct mon_run r;
	assert_int_equal(engine_begin(&x->e, &err), 0);
	assert_int_equal(engine_end(&x->e, mon_run_write(&x->e, &early, "attend", &r, &err), &err), 0);
	assert_false(r.daily_due);
	struct leading_ctx c = ctx_at(x, "2026-11-26", 16 * 60 + 5);
	assert_int_equal(engine_begin(&x->e, &err), 0);
	assert_int_equal(engine_end(&x->e, mon_run_write(&x->e, &c, "attend", &r, &err), &err), 0);
	assert_int_equal(r.daily, 2);
	assert_false(r.weekly_due); /* Thursday: the pack goes on Friday */
	int n;
	assert_int_equal(store_outbox_count(x->s, x->e.school.id, "daily-digest", "2026-01-01",
					    "2027-01-01", -1, &n),
			 0);
	assert_int_equal(n, 2);
	/* once */
	assert_int_equal(engine_begin(&x->e, &err), 0);
	assert_int_equal(engine_end(&x->e, mon_run_write(&x->e, &c, "attend", &r, &err), &err), 0);
	assert_int_equal(r.daily, 0);
	/* it speaks of the day and names no pupil */
	struct digest d;
	assert_int_equal(digest_compose(&c, DIGEST_DAILY, c.today, &d, &err), 0);
	assert_non_null(strstr(d.subject, "Thursday 26 November 2026"));
	assert_non_null(strstr(d.text.p, "Registers: 0 of 4 taken"));
	assert_null(strstr(d.text.p, "Adams"));
	assert_null(strstr(d.text.p, "T820200126001"));
	digest_free(&d);
	/* and the proof of the day's digest follows */
	struct mon_proof p = prove(x, "daily.final", "2026-11-26", "2026-11-26", 16 * 60 + 10);
	assert_true(p.done);
	assert_non_null(strstr(p.evidence, "went to 2 leads"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(registers_taken_late_and_missing),
		cmocka_unit_test(every_register_by_its_closing_time),
		cmocka_unit_test(reasons_reported_and_pending),
		cmocka_unit_test(the_run_records_proofs_once),
		cmocka_unit_test(ticking_a_task),
		cmocka_unit_test(missed_over_the_half_term),
		cmocka_unit_test(the_daily_digest_goes_once_to_each_lead),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
