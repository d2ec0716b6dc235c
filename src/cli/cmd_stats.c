#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "app/clock.h"
#include "app/parse.h"
#include "app/report.h"
#include "cli/commands.h"
#include "core/stats.h"

static const char usage[] =
	"usage: attend stats [--from DATE] [--to DATE] [--group FIELD[,FIELD...]] [--json]\n\n"
	"Attendance figures (DfE methodology) for every pupil on roll in the range,\n"
	"and for the school. The range defaults to this academic year to date.\n"
	"FIELD is year, form, gender, fsm, pp, send or eal; up to three joined by\n"
	"commas group by their combination (fsm,year: FSM x year group). Each group\n"
	"shows its band distribution and its gap to the rest of the school.\n";

int cmd_stats(struct cli *c, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *group = NULL;
	bool json = false;
	const struct cli_opt opts[] = {{"from", &from, NULL},   {"to", &to, NULL},
				       {"group", &group, NULL}, {"json", NULL, &json},
				       {NULL, NULL, NULL}};
	const char *pos[1];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 0, 0, &n);
	struct app_error err = {0};
	struct stats_query q = {.from = DATE_INVALID, .to = DATE_INVALID, .group = -1,
				.identify_pupils = true};
	if ((from && parse_date_field("from", from, &q.from, &err) < 0) ||
	    (to && parse_date_field("to", to, &q.to, &err) < 0))
		return cli_fail(c, &err);
	char msg[160];
	if (group && group_spec_parse(group, &q.by, msg, sizeof msg) < 0) {
		app_fail(&err, ERR_INPUT, "group", "%s", msg);
		return cli_fail(c, &err);
	}
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	report_default_range(&e, clock_today(), &q);
	if (report_check_range(&q, &err) < 0) {
		rc = cli_fail(c, &err);
	} else if (json) {
		rc = cli_print_json(c, report_stats_json(&e, &q));
	} else {
		report_stats_text(stdout, &e, &q);
	}
	engine_close(&e);
	store_close(s);
	return rc;
}
