/* The admission register's deletions: a pupil's name leaves it on a date
 * and on one of the grounds of the 2024 regulations (regulation 9), which
 * is recorded with the leaving date and goes to the local authority in the
 * deletion notification (app/notices.h). The pupils CSV may give the
 * ground too (`leaving_ground`); here it is required. */
#ifndef ATTEND_ADMISSIONS_H
#define ATTEND_ADMISSIONS_H

#include "app/error.h"
#include "app/marks.h"
#include "engine/engine.h"

struct leave_request {
	const char *upn;
	date_t date;        /* the last day on roll */
	const char *ground; /* "9(1)(a)" or its name ("another_school") */
	const char *detail; /* what else the LA should know: the new school (may be NULL) */
};

/* Checks the request alone: a ground of regulation 9, a date. */
int admission_leave_check(const struct leave_request *rq, struct app_error *err);
/* Records the leaving date and its ground inside the open transaction:
 * the enrolment on roll on the date (a date it already has records the
 * ground alone); refused when marks would be left after it. The engine
 * needs reloading after the commit. */
int admission_leave_write(struct engine *e, const struct leave_request *rq,
			  const struct actor *who, struct app_error *err);
/* The same in a transaction of its own, and the engine reloaded. */
int admission_leave(struct engine *e, const struct leave_request *rq, const struct actor *who,
		    struct app_error *err);

#endif
