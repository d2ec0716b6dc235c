#include "app/admissions.h"

#include <stdio.h>
#include <string.h>

#include "app/clock.h"
#include "app/notices.h"
#include "app/parse.h"

int admission_leave_check(const struct leave_request *rq, struct app_error *err)
{
	char detail[512];
	if (!rq->ground || !*rq->ground)
		return app_fail(err, ERR_INPUT, "ground",
				"the ground of deletion is required (regulation 9: 9(1)(a) to 9(1)(o) "
				"or 9(3); `attend pupils grounds` lists them)");
	if (!leaving_ground_find(rq->ground))
		return app_fail(err, ERR_INPUT, "ground",
				"ground '%s' is not a ground of regulation 9 (9(1)(a) to 9(1)(o), 9(3), "
				"or its name such as another_school)",
				rq->ground);
	if (rq->date == DATE_INVALID)
		return app_fail(err, ERR_INPUT, "date", "the leaving date (the last day on roll) is required");
	return parse_text_field("detail", rq->detail ? rq->detail : "", detail, sizeof detail, 0, err);
}

/* The admission register's row as the engine holds it. */
static void record_of(const struct engine *e, int row, struct pupil_rec *p)
{
	const struct pupil_row *r = &e->m.rows[row];
	memset(p, 0, sizeof *p);
	p->pupil_id = r->pupil_id;
	p->enrolment_id = r->enrolment_id;
	memcpy(p->upn, r->upn, sizeof p->upn);
	snprintf(p->surname, sizeof p->surname, "%s", r->surname);
	snprintf(p->forename, sizeof p->forename, "%s", r->forename);
	p->dob = r->dob;
	p->gender = r->gender;
	p->admitted = r->admitted;
	p->left = r->left == DATE_OPEN_END ? DATE_INVALID : r->left;
	p->year = r->year;
	snprintf(p->form, sizeof p->form, "%s", e->m.forms[r->form]);
	p->fsm = r->fsm;
	p->pp = r->pp;
	p->eal = r->eal;
	p->send = r->send;
	memcpy(p->ethnicity, r->ethnicity, sizeof p->ethnicity);
	p->looked_after = r->looked_after;
	p->cin = r->cin;
	p->cp = r->cp;
	p->safeguarding = r->safeguarding;
}

int admission_leave_write(struct engine *e, const struct leave_request *rq,
			  const struct actor *who, struct app_error *err)
{
	if (admission_leave_check(rq, err) < 0)
		return -1;
	char d[DATE_ISO_LEN], f[DATE_ISO_LEN], why[200];
	if (engine_pupil_row(e, rq->upn) < 0)
		return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", rq->upn);
	int row = engine_row_on(e, rq->upn, rq->date);
	if (row < 0)
		return app_fail(err, ERR_INPUT, "date", "pupil %s is not on roll on %s", rq->upn,
				date_format(rq->date, d));
	const struct leaving_ground *g = leaving_ground_find(rq->ground);
	struct pupil_rec p;
	record_of(e, row, &p);
	bool leaving = p.left != rq->date;
	if (leaving) {
		int n;
		date_t first;
		date_t to = p.left == DATE_INVALID ? date_from_ymd(9999, 12, 31) : p.left;
		if (store_pupil_mark_count(e->store, e->school.id, p.pupil_id, rq->date + 1, to, &n,
					   &first) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		if (n)
			return app_fail(err, ERR_CONFLICT, "date",
					"pupil %s has %d mark%s after %s (the first on %s): the leaving "
					"date can't leave marks behind",
					rq->upn, n, n == 1 ? "" : "s", date_format(rq->date, d),
					date_format(first, f));
		p.left = rq->date;
		snprintf(why, sizeof why, "left: %s %s (%s)", g->code, g->label, who->source);
		char now[CLOCK_ISO_LEN];
		clock_iso_utc(clock_now(), now);
		if (store_pupil_save(e->store, e->school.id, &p, who->user, now, why) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	}
	return notices_after_enrolment(e, &p, false, leaving, g->code, rq->detail, who, err);
}

int admission_leave(struct engine *e, const struct leave_request *rq, const struct actor *who,
		    struct app_error *err)
{
	if (engine_begin(e, err) < 0)
		return -1;
	if (engine_end(e, admission_leave_write(e, rq, who, err), err) < 0)
		return -1;
	return engine_reload(e, err);
}
