/* GET /api/stats?from=&to=&group=: the `attend stats --json` figures
 * (src/app/report.c), scoped: teachers and heads of year get their own
 * pupils, governors only aggregate figures with no UPNs and no count
 * of fewer than 6 pupils (core/disclosure). */
#include <stdlib.h>

#include "app/parse.h"
#include "app/report.h"
#include "core/stats.h"
#include "web/web.h"

/* The query and row scope of the account; fills err on bad input. Called
 * under the read lock; *scope is malloc'd (NULL: the whole school). */
int web_stats_query(struct web_req *r, struct stats_query *q, uint8_t **scope,
		    struct app_error *err)
{
	const struct engine *e = &r->srv->e;
	const char *from = web_query(r, "from"), *to = web_query(r, "to"),
		   *group = web_query(r, "group");
	*q = (struct stats_query){.from = DATE_INVALID, .to = DATE_INVALID, .group = -1};
	*scope = NULL;
	if ((from && *from && parse_date_field("from", from, &q->from, err) < 0) ||
	    (to && *to && parse_date_field("to", to, &q->to, err) < 0))
		return -1;
	if (group && *group && (q->group = group_field_parse(group)) < 0)
		return app_fail(err, ERR_INPUT, "group",
				"group '%s' is not year, form, gender, fsm, pp, send or eal", group);
	report_default_range(e, web_today(), q);
	if (report_check_range(q, err) < 0)
		return -1;
	q->identify_pupils = account_identifies_pupils(&r->who);
	/* Who may not identify pupils gets no count small enough to. */
	q->suppress_small = !q->identify_pupils;
	if (r->who.role == ROLE_GOVERNOR || account_whole_school(&r->who))
		return 0;
	*scope = calloc((size_t)(e->m.n_rows ? e->m.n_rows : 1), 1);
	if (!*scope)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	for (int row = 0; row < e->m.n_rows; row++)
		(*scope)[row] = account_sees_row(&r->who, e, row);
	q->row_scope = *scope;
	return 0;
}

int api_stats(struct web_req *r)
{
	struct app_error err = {0};
	struct stats_query q;
	uint8_t *scope;
	pthread_rwlock_rdlock(&r->srv->lock);
	json_t *out = NULL;
	if (web_stats_query(r, &q, &scope, &err) == 0)
		out = report_stats_json(&r->srv->e, &q);
	pthread_rwlock_unlock(&r->srv->lock);
	free(scope);
	return out ? web_json(r, 200, out) : web_error(r, &err);
}
