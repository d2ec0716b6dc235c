/* `attend trends` and `attend patterns`: the same options, two reports. */
#include <stdio.h>
#include <string.h>

#include "app/analytics.h"
#include "app/clock.h"
#include "app/parse.h"
#include "cli/commands.h"

static const char trends_usage[] =
	"usage: attend trends [--from DATE] [--to DATE] [--group FIELD[,FIELD...]] [--upn UPN]\n"
	"                     [--json]\n\n"
	"How attendance moves. Week by week (Monday to Friday; weeks without a school\n"
	"day are left out and noted), for the school, each group and each pupil on\n"
	"roll in the range, which defaults to this academic year to date. As of --to:\n"
	"today, this week, last week, this and last half-term, this term, this year\n"
	"and the same point last year; who declined or improved since last week (this\n"
	"week to date against last week) and since last half-term (this half-term to\n"
	"date against the last), by 1 percentage point or more; the at-risk (absence\n"
	"5% to under 10%) and briefing (5% to under 15%) groups; who crossed into or\n"
	"out of persistent absence since last week; and, for pupils at 90% or below,\n"
	"the full days in a row that bring them back to 90% by the last school day\n"
	"of the year, or that it is no longer possible.\n"
	"FIELD is year, form, gender, fsm, pp, send or eal; up to three joined by\n"
	"commas group by their combination. --upn lists only that pupil.\n";

static const char patterns_usage[] =
	"usage: attend patterns [--from DATE] [--to DATE] [--group FIELD[,FIELD...]]\n"
	"                       [--upn UPN] [--json]\n\n"
	"Where absence falls, for the school, each group and each pupil on roll in the\n"
	"range (default: this academic year to date): by day of the week, by morning\n"
	"and afternoon, on the school days before and after each holiday against\n"
	"other days, and lateness (L before the register closed, U after) with its\n"
	"minutes as days and lessons (settings lessons_per_day, default 5, and\n"
	"school_day_minutes, default 390). For each pupil, the patterns worth saying\n"
	"(e.g. \"8 of 11 absent sessions were on a Monday\"): at least 4 absent\n"
	"sessions, at least 2 in the part, and the part's absence rate at least twice\n"
	"the rate of the other sessions.\n"
	"FIELD is year, form, gender, fsm, pp, send or eal; up to three joined by\n"
	"commas group by their combination. --upn lists only that pupil.\n";

typedef json_t *(*json_report)(const struct engine *e, const struct analytics_query *a);
typedef int (*text_report)(FILE *out, const struct engine *e, const struct analytics_query *a);

static int run(struct cli *c, int argc, char **argv, json_report to_json, text_report to_text)
{
	const char *from = NULL, *to = NULL, *group = NULL, *upn = NULL;
	bool json = false;
	const struct cli_opt opts[] = {{"from", &from, NULL},	{"to", &to, NULL},
				       {"group", &group, NULL}, {"upn", &upn, NULL},
				       {"json", NULL, &json},	{NULL, NULL, NULL}};
	const char *pos[1];
	int n;
	cli_args(c, argc, argv, opts, pos, 0, 0, &n);
	struct app_error err = {0};
	struct analytics_query a = {.q = {.from = DATE_INVALID, .to = DATE_INVALID, .group = -1,
					  .identify_pupils = true},
				    .upn = upn};
	char msg[160];
	if ((from && parse_date_field("from", from, &a.q.from, &err) < 0) ||
	    (to && parse_date_field("to", to, &a.q.to, &err) < 0))
		return cli_fail(c, &err);
	if (group && group_spec_parse(group, &a.q.by, msg, sizeof msg) < 0) {
		app_fail(&err, ERR_INPUT, "group", "%s", msg);
		return cli_fail(c, &err);
	}
	const char *bad = upn ? upn_shape_error(upn) : NULL;
	if (bad) {
		app_fail(&err, ERR_INPUT, "upn", "UPN '%s': %s", upn, bad);
		return cli_fail(c, &err);
	}
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	report_default_range(&e, clock_today(), &a.q);
	if (report_check_range(&a.q, &err) < 0 ||
	    analytics_settings_load(s, e.school.id, &a.words, &err) < 0) {
		rc = cli_fail(c, &err);
	} else if (upn && !analytics_upn_known(&e, upn)) {
		app_fail(&err, ERR_INPUT, "upn", "no pupil with UPN %s in %s", upn, e.school.name);
		rc = cli_fail(c, &err);
	} else if (json) {
		rc = cli_print_json(c, to_json(&e, &a));
	} else if (to_text(stdout, &e, &a) < 0) {
		app_fail(&err, ERR_INTERNAL, NULL, "out of memory");
		rc = cli_fail(c, &err);
	}
	engine_close(&e);
	store_close(s);
	return rc;
}

int cmd_trends(struct cli *c, int argc, char **argv)
{
	c->usage = trends_usage;
	return run(c, argc, argv, report_trends_json, report_trends_text);
}

int cmd_patterns(struct cli *c, int argc, char **argv)
{
	c->usage = patterns_usage;
	return run(c, argc, argv, report_patterns_json, report_patterns_text);
}
