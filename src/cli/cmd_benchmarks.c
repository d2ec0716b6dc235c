/* `attend import benchmarks FILE` and `attend benchmarks`: the published
 * figures the dashboards and the governor report compare with. */
#include <stdio.h>

#include "app/benchmarks.h"
#include "cli/commands.h"

static const char import_usage[] =
	"usage: attend import benchmarks FILE [--by USER]\n\n"
	"Loads benchmark figures from a CSV file with the columns\n"
	"scope,phase,year,period,measure,cohort,value,source:\n"
	"  scope    national, regional, la (local authority) or similar (similar schools)\n"
	"  phase    all, nursery, primary, secondary, all-through or special\n"
	"  year     the academic year, like 2023/24\n"
	"  period   autumn, spring, summer, autumn_spring or full_year\n"
	"  measure  attendance_pct, absence_pct, authorised_pct, unauthorised_pct,\n"
	"           persistent_pct, severe_pct or band_share_pct\n"
	"  cohort   all, fsm=Y|N, pp=Y|N, eal=Y|N, send=N|K|E, gender=F|M|U or year=7;\n"
	"           for band_share_pct the band: band=0-5, band=5-10, ... band=50+\n"
	"  value    a percentage, 0 to 100, at most two decimals\n"
	"  source   where the figure was published\n"
	"A figure already loaded (same scope, phase, year, period, measure, cohort and\n"
	"source) takes the file's value. One transaction: one bad row, or the same\n"
	"figure twice, rejects the whole file and nothing changes. `attend init` loads\n"
	"the national figures shipped with attend.\n";

static const char list_usage[] =
	"usage: attend benchmarks [--json]\n\n"
	"Lists the benchmark figures loaded for the school (see `attend import\n"
	"benchmarks --help`).\n";

/* The store and the school of the database. */
static int open_school(struct cli *c, struct store **s, struct school_rec *school)
{
	int rc = cli_open_store(c, s, false);
	if (rc)
		return rc;
	if (store_school_get(*s, cli_school_urn(), school) != 0) {
		fprintf(stderr, "attend %s: the database has no school: run `attend init`\n", c->command);
		store_close(*s);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

int cmd_import_benchmarks(struct cli *c, int argc, char **argv)
{
	const char *by = NULL;
	const struct cli_opt opts[] = {{"by", &by, NULL}, {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = import_usage;
	c->command = "import benchmarks";
	cli_args(c, argc, argv, opts, pos, 2, 2, &n);
	struct store *s;
	struct school_rec school;
	int rc = open_school(c, &s, &school);
	if (rc)
		return rc;
	struct import_result res;
	struct app_error err = {0};
	if (benchmarks_import(s, school.id, pos[1], by ? by : cli_default_user(), &res, &err) < 0) {
		rc = cli_fail(c, &err);
		fprintf(stderr, "attend %s: nothing was imported\n", c->command);
	} else {
		printf("%s: %ld rows: %ld new, %ld changed, %ld unchanged\n", pos[1], res.rows, res.added,
		       res.changed, res.unchanged);
	}
	store_close(s);
	return rc;
}

int cmd_benchmarks(struct cli *c, int argc, char **argv)
{
	bool json = false;
	const struct cli_opt opts[] = {{"json", NULL, &json}, {NULL, NULL, NULL}};
	const char *pos[1];
	int n;
	c->usage = list_usage;
	cli_args(c, argc, argv, opts, pos, 0, 0, &n);
	struct store *s;
	struct school_rec school;
	int rc = open_school(c, &s, &school);
	if (rc)
		return rc;
	struct benchmark_set set;
	struct app_error err = {0};
	if (benchmarks_read(s, school.id, &set, &err) < 0) {
		store_close(s);
		return cli_fail(c, &err);
	}
	json_t *out = json ? json_array() : NULL;
	if (!json)
		printf("%-9s %-11s %-7s %-13s %-16s %-11s %6s  %s\n", "scope", "phase", "year", "period",
		       "measure", "cohort", "value", "source");
	for (int i = 0; i < set.n; i++) {
		const struct benchmark *b = &set.v[i];
		char year[8], value[16];
		date_academic_year_label(b->year, year);
		snprintf(value, sizeof value, "%d.%02d", b->value100 / 100, b->value100 % 100);
		if (json)
			json_array_append_new(
				out, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:s}", "scope",
					       bm_scope_name(b->scope), "phase", bm_phase_name(b->phase),
					       "year", year, "period", bm_period_name(b->period),
					       "measure", bm_measure_name(b->measure), "cohort",
					       b->cohort, "value", b->value100 / 100.0, "source",
					       b->source));
		else
			printf("%-9s %-11s %-7s %-13s %-16s %-11s %6s  %s\n", bm_scope_name(b->scope),
			       bm_phase_name(b->phase), year, bm_period_name(b->period),
			       bm_measure_name(b->measure), b->cohort, value, b->source);
	}
	benchmarks_free(&set);
	store_close(s);
	return json ? cli_print_json(c, out) : EXIT_OK;
}
