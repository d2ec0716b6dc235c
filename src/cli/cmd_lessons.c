/* `attend lessons`: the lesson registers' figures and the day's
 * disagreements between lesson and session marks. */
#include <stdio.h>
#include <string.h>

#include "app/clock.h"
#include "app/lessons.h"
#include "app/parse.h"
#include "app/report_lessons.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend lessons summary [--from DATE] [--to DATE]\n"
	"                      [--by class|subject|teacher|period|pupil] [--json]\n"
	"       attend lessons patterns [--from DATE] [--to DATE] [--upn UPN] [--year Y] [--json]\n"
	"       attend lessons disagreements [--date DATE] [--json]\n\n"
	"The lesson registers. The range defaults to this academic year to date.\n"
	"  summary        lessons, absence and lateness by class, subject, teacher,\n"
	"                 period (the period's name across days) or pupil (default class)\n"
	"  patterns       each pupil's lessons by subject, the first lesson after lunch\n"
	"                 against the others, absence from lessons after being\n"
	"                 registered present, lateness by subject, and the notes worth\n"
	"                 saying (\"6 of 9 lessons missed were Maths\"); --upn for one\n"
	"                 pupil, --year for a year group (the head of year's view)\n"
	"  disagreements  where a lesson mark and its session mark disagree on a day\n"
	"                 (default today), and why\n";

static int disagreements(struct cli *c, struct engine *e, date_t day, bool json)
{
	struct app_error err = {0};
	struct disagreement_item *v = NULL;
	int n = 0;
	char text[600], d[DATE_ISO_LEN];
	if (lessons_disagreements(e, NULL, day, &v, &n, &err) < 0)
		return cli_fail(c, &err);
	json_t *out = json_array();
	int di = calendar_day_index(&e->cal, day);
	for (int i = 0; i < n; i++) {
		const struct pupil_row *p = &e->m.rows[v[i].row];
		const char *period = lessons_day(e->lessons, &e->cal, di)->p[v[i].period].label;
		lessons_disagreement_text(e, day, &v[i], text, sizeof text);
		if (json)
			json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "upn", p->upn,
							     "form", e->m.forms[p->form], "period", period,
							     "kind", lessons_disagreement_name(v[i].kind),
							     "class", v[i].cls >= 0 ? e->lessons->classes[v[i].cls].code : "",
							     "text", text));
		else
			printf("%s %s, %s (%s): %s\n", p->upn, p->surname, p->forename,
			       e->m.forms[p->form], text);
	}
	free(v);
	if (json)
		return cli_print_json(c, json_pack("{s:s, s:o}", "date", date_format(day, d),
						   "disagreements", out));
	json_decref(out);
	if (n == 0)
		printf("%s: every lesson mark agrees with its session mark\n", date_format(day, d));
	return EXIT_OK;
}

int cmd_lessons(struct cli *c, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *by = NULL, *upn = NULL, *year = NULL, *date = NULL;
	bool json = false;
	const struct cli_opt opts[] = {{"from", &from, NULL}, {"to", &to, NULL},
				       {"by", &by, NULL},     {"upn", &upn, NULL},
				       {"year", &year, NULL}, {"date", &date, NULL},
				       {"json", NULL, &json}, {NULL, NULL, NULL}};
	const char *pos[1];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 1, 1, &n);
	const char *what = pos[0];
	bool summary = strcmp(what, "summary") == 0, patterns = strcmp(what, "patterns") == 0,
	     dis = strcmp(what, "disagreements") == 0;
	if (!summary && !patterns && !dis)
		return cli_usage_error(c, "'%s' is not summary, patterns or disagreements", what);
	if ((by && !summary) || ((upn || year) && !patterns) || (date && !dis) ||
	    ((from || to) && dis))
		return cli_usage_error(c, "that option does not go with `lessons %s`", what);
	struct app_error err = {0};
	struct lesson_report_query q = {.from = DATE_INVALID, .to = DATE_INVALID, .by = LDIM_CLASS,
					.upn = upn, .year = YEAR_INVALID};
	date_t day = clock_today();
	if ((from && parse_date_field("from", from, &q.from, &err) < 0) ||
	    (to && parse_date_field("to", to, &q.to, &err) < 0) ||
	    (date && parse_date_field("date", date, &day, &err) < 0))
		return cli_fail(c, &err);
	if (by && strcmp(by, "pupil") == 0)
		q.by = -1;
	else if (by && (q.by = lesson_dim_parse(by)) < 0) {
		app_fail(&err, ERR_INPUT, "by", "--by '%s' is not class, subject, teacher, period or pupil", by);
		return cli_fail(c, &err);
	}
	if (year && (q.year = year_parse(year)) == YEAR_INVALID) {
		app_fail(&err, ERR_INPUT, "year", "year '%s' is not N1, N2, R or 1 to 14", year);
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
	if (engine_want_lessons(&e, &err) < 0) {
		rc = cli_fail(c, &err);
		goto out;
	}
	struct stats_query range = {.from = q.from, .to = q.to};
	report_default_range(&e, clock_today(), &range);
	q.from = range.from;
	q.to = range.to;
	if (report_check_range(&range, &err) < 0) {
		rc = cli_fail(c, &err);
	} else if (upn && engine_pupil_row(&e, upn) < 0) {
		app_fail(&err, ERR_INPUT, "upn", "no pupil with UPN %s in %s", upn, e.school.name);
		rc = cli_fail(c, &err);
	} else if (dis) {
		rc = disagreements(c, &e, day, json);
	} else if (json) {
		rc = cli_print_json(c, summary ? report_lessons_summary_json(&e, &q)
					       : report_lessons_patterns_json(&e, &q));
	} else if ((summary ? report_lessons_summary_text(stdout, &e, &q)
			    : report_lessons_patterns_text(stdout, &e, &q)) < 0) {
		app_fail(&err, ERR_INTERNAL, NULL, "out of memory");
		rc = cli_fail(c, &err);
	}
out:
	engine_close(&e);
	store_close(s);
	return rc;
}
