#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/clock.h"
#include "app/parse.h"
#include "app/report.h"
#include "cli/commands.h"
#include "demo/demo.h"

static const char usage[] =
	"usage: attend demo --pupils N [--schools K] [--phase primary|secondary|all-through]\n"
	"                   [--seed S] [--years Y] [--urn URN]\n\n"
	"Creates K realistic demo schools (default 1) in the database, each with N\n"
	"pupils on roll, a real English calendar (6 half-terms, 5 INSET days, bank\n"
	"holidays, 190 pupil days) for the Y academic years (default 1) ending with\n"
	"the current one, and every pupil's register up to now. The figures follow\n"
	"England's national ones for the phase (default: secondary). The same seed\n"
	"(default 1) always gives the same schools and marks. URNs start at URN\n"
	"(default: the database's empty school, else 140001) and count up. The\n"
	"database may be new or initialised; a school that already has a calendar or\n"
	"pupils is refused.\n";

/* The latest year's headline figures of one school, from core/stats. */
static void print_school(struct store *s, const struct demo_school_result *r)
{
	struct engine e;
	struct app_error err = {0};
	printf("%s (URN %s), %s: %ld pupils on the admission register, %lld marks\n", r->name, r->urn, r->phase, r->pupils,
	       r->marks);
	if (engine_open(&e, s, r->urn, &err) < 0) {
		printf("  (figures unavailable: %s)\n", err.message);
		return;
	}
	struct stats_query q = {.from = DATE_INVALID, .to = DATE_INVALID, .group = -1};
	report_default_range(&e, clock_today(), &q);
	json_t *j = report_stats_json(&e, &q);
	json_t *sum = json_object_get(j, "summary");
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
#define PCT(k) json_number_value(json_object_get(sum, k))
#define INT(k) (long)json_integer_value(json_object_get(sum, k))
	printf("  %s to %s: %ld on roll; attendance %.1f%%, absence %.1f%% (%.1f%% authorised, "
	       "%.1f%% unauthorised)\n",
	       date_format(q.from, a), date_format(q.to, b), INT("pupils"), PCT("attendance_pct"),
	       PCT("absence_pct"), PCT("authorised_pct"), PCT("unauthorised_pct"));
	printf("  persistent absence %.1f%% (%ld pupils), severe absence %.1f%% (%ld pupils)\n",
	       PCT("persistent_pct"), INT("persistent"), PCT("severe_pct"), INT("severe"));
#undef PCT
#undef INT
	json_decref(j);
	engine_close(&e);
}

int cmd_demo(struct cli *c, int argc, char **argv)
{
	const char *pupils = NULL, *schools = NULL, *phase = NULL, *seed = NULL, *years = NULL,
		   *urn = NULL;
	const struct cli_opt opts[] = {{"pupils", &pupils, NULL}, {"schools", &schools, NULL},
				       {"phase", &phase, NULL},   {"seed", &seed, NULL},
				       {"years", &years, NULL},   {"urn", &urn, NULL},
				       {NULL, NULL, NULL}};
	const char *pos[1];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 0, 0, &n);
	if (!pupils)
		return cli_usage_error(c, "--pupils is required");
	struct app_error err = {0};
	long v_pupils, v_schools = 1, v_seed = 1, v_years = 1, v_urn = 0;
	if (parse_int_field("pupils", pupils, 1, DEMO_MAX_PUPILS, &v_pupils, &err) < 0 ||
	    (schools && parse_int_field("schools", schools, 1, DEMO_MAX_SCHOOLS, &v_schools, &err) < 0) ||
	    (seed && parse_int_field("seed", seed, 0, LONG_MAX, &v_seed, &err) < 0) ||
	    (years && parse_int_field("years", years, 1, DEMO_MAX_YEARS, &v_years, &err) < 0) ||
	    (urn && parse_int_field("urn", urn, 100000, 9999999 - DEMO_MAX_SCHOOLS, &v_urn, &err) < 0))
		return cli_fail(c, &err);
	struct demo_params p = {.pupils = (int)v_pupils, .schools = (int)v_schools,
				.seed = (uint64_t)v_seed, .years = (int)v_years, .urn = v_urn,
				.phase = -1};
	if (phase && (p.phase = demo_phase_parse(phase)) < 0) {
		app_fail(&err, ERR_INPUT, "phase", "phase '%s' is not primary, secondary or all-through",
			 phase);
		return cli_fail(c, &err);
	}
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	p.now_iso = now;
	p.today = clock_today();
	p.minute_of_day = clock_minute_of_day();

	struct store *s;
	int applied;
	int rc = cli_open_migrated(c, &s, &applied);
	if (rc)
		return rc;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	static struct demo_result res;
	if (demo_build(s, &p, &res, &err) < 0) {
		store_close(s);
		return cli_fail(c, &err);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	long long marks = 0;
	for (int k = 0; k < res.n_schools; k++)
		marks += res.school[k].marks;
	printf("%s: %d demo school%s, seed %lld, %lld marks written in %.1f s\n", cli_db_shown(c),
	       res.n_schools, res.n_schools == 1 ? "" : "s", (long long)p.seed, marks, secs);
	for (int k = 0; k < res.n_schools; k++)
		print_school(s, &res.school[k]);
	store_close(s);
	return EXIT_OK;
}
