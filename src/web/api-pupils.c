/* GET /api/pupils/UPN/history?date=&session=: every version of one mark,
 * as `attend history --json` gives it. */
#include "app/history.h"
#include "app/parse.h"
#include "web/web.h"

int web_pupil_row(struct web_req *r, const char *upn, date_t day, int *row,
		  struct app_error *err)
{
	const struct engine *e = &r->srv->e;
	int first = engine_pupil_row(e, upn);
	if (first < 0)
		return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %.16s", upn);
	int found = engine_row_on(e, upn, day), last = first;
	while (engine_next_row(e, last) >= 0)
		last = engine_next_row(e, last);
	*row = found >= 0 ? found : last;
	/* Any enrolment in scope will do: history outlives a change of form. */
	for (int x = first; x >= 0; x = engine_next_row(e, x))
		if (account_sees_row(&r->who, e, x))
			return 0;
	return app_fail(err, ERR_FORBIDDEN, "upn", "pupil %.16s is not in the forms or years you see",
			upn);
}

int api_pupil_history(struct web_req *r)
{
	struct app_error err = {0};
	const char *date = web_query(r, "date"), *session = web_query(r, "session");
	date_t day;
	if (!date || !*date)
		return web_fail(r, ERR_INPUT, "date", "date is required (YYYY-MM-DD)");
	if (parse_date_field("date", date, &day, &err) < 0)
		return web_error(r, &err);
	int s = session ? session_parse(session) : -1;
	if (s < 0)
		return web_fail(r, ERR_INPUT, "session", "session must be AM or PM");
	int row;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_pupil_row(r, r->args[0], day, &row, &err);
	int64_t pupil_id = rc == 0 ? r->srv->e.m.rows[row].pupil_id : 0;
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	json_t *out = history_json(r->rd, r->srv->e.school.id, pupil_id, r->args[0], day,
				   (enum session)s, &err);
	return out ? web_json(r, 200, out) : web_error(r, &err);
}
