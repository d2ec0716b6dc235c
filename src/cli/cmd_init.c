#include <stdio.h>
#include <string.h>

#include "app/benchmarks.h"
#include "app/leading.h"
#include "app/clock.h"
#include "app/notices.h"
#include "app/parse.h"
#include "cli/commands.h"
#include "comms/builtin_templates.h"

static const char usage[] =
	"usage: attend init [--urn URN] [--name NAME] [--phase PHASE] [--la CODE] [--estab NUMBER]\n"
	"                   [--add] [--trust NAME]\n\n"
	"Creates the database (or brings an older one up to date: safe to run again)\n"
	"and, if it has no school yet, adds the school. PHASE is nursery, primary,\n"
	"secondary, all-through or special. It also loads the national benchmarks\n"
	"shipped with attend (a figure already loaded is kept: see `attend import\n"
	"benchmarks`).\n\n"
	"A database holds many schools: --add adds the school --urn names beside those\n"
	"it has (other commands then pick a school with ATTEND_SCHOOL=URN). --trust\n"
	"puts the school (the one added, else the database's first, or $ATTEND_SCHOOL)\n"
	"in the trust NAME, added if new.\n";

static int set_missing_codes(struct store *s, struct school_rec *school, const char *la,
			     const char *estab)
{
	if ((la && school->la_code[0] && strcmp(la, school->la_code) != 0) ||
	    (estab && school->estab[0] && strcmp(estab, school->estab) != 0)) {
		fprintf(stderr, "attend init: %s is already %s/%s; --la and --estab were not applied\n",
			school->name, school->la_code, school->estab);
		return 0;
	}
	if (la)
		snprintf(school->la_code, sizeof school->la_code, "%s", la);
	if (estab)
		snprintf(school->estab, sizeof school->estab, "%s", estab);
	if (store_school_set_codes(s, school->id, school->la_code, school->estab) < 0) {
		fprintf(stderr, "attend init: %s\n", store_error(s));
		return -1;
	}
	return 0;
}

int cmd_init(struct cli *c, int argc, char **argv)
{
	const char *urn = NULL, *name = NULL, *phase = NULL, *la = NULL, *estab = NULL,
		   *trust = NULL;
	bool add = false;
	const struct cli_opt opts[] = {{"urn", &urn, NULL},     {"name", &name, NULL},
				       {"phase", &phase, NULL}, {"la", &la, NULL},
				       {"estab", &estab, NULL}, {"add", NULL, &add},
				       {"trust", &trust, NULL}, {NULL, NULL, NULL}};
	const char *pos[1];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 0, 0, &n);
	if (add && !urn)
		return cli_usage_error(c, "--add needs the --urn of the school to add");

	struct school_rec school = {0};
	struct app_error err = {0};
	char trust_name[STORE_TRUST_MAX];
	if (trust && parse_text_field("trust", trust, trust_name, sizeof trust_name, 1, &err) < 0)
		return cli_fail(c, &err);
	snprintf(school.urn, sizeof school.urn, "%s", urn ? urn : "000000");
	snprintf(school.phase, sizeof school.phase, "%s", phase ? phase : "all-through");
	if (name && parse_text_field("name", name, school.name, sizeof school.name, 1, &err) < 0)
		return cli_fail(c, &err);
	if (!name)
		snprintf(school.name, sizeof school.name, "Our school");
	if (urn && (strlen(urn) < 6 || strlen(urn) > 7 || strspn(urn, "0123456789") != strlen(urn))) {
		app_fail(&err, ERR_INPUT, "urn", "URN '%s' is not a 6 or 7 digit number", urn);
		return cli_fail(c, &err);
	}
	static const char *phases[] = {"nursery", "primary", "secondary", "all-through", "special"};
	bool phase_ok = false;
	for (size_t i = 0; i < sizeof phases / sizeof *phases; i++)
		phase_ok |= strcmp(school.phase, phases[i]) == 0;
	if (!phase_ok) {
		app_fail(&err, ERR_INPUT, "phase",
			 "phase '%s' is not nursery, primary, secondary, all-through or special",
			 school.phase);
		return cli_fail(c, &err);
	}
	if (la && (strlen(la) != 3 || strspn(la, "0123456789") != 3)) {
		app_fail(&err, ERR_INPUT, "la", "LA code '%s' is not 3 digits", la);
		return cli_fail(c, &err);
	}
	if (estab && (strlen(estab) != 4 || strspn(estab, "0123456789") != 4)) {
		app_fail(&err, ERR_INPUT, "estab", "establishment number '%s' is not 4 digits", estab);
		return cli_fail(c, &err);
	}
	snprintf(school.la_code, sizeof school.la_code, "%s", la ? la : "");
	snprintf(school.estab, sizeof school.estab, "%s", estab ? estab : "");

	struct store *s;
	int applied;
	int rc = cli_open_migrated(c, &s, &applied);
	if (rc)
		return rc;
	struct school_rec existing;
	rc = store_school_get(s, add ? urn : cli_school_urn(), &existing);
	if (add && rc == 0) {
		app_fail(&err, ERR_CONFLICT, "urn", "the database already has %s (URN %s)",
			 existing.name, existing.urn);
		store_close(s);
		return cli_fail(c, &err);
	}
	if (rc < 0) {
		fprintf(stderr, "attend init: %s\n", store_error(s));
		store_close(s);
		return EXIT_INPUT;
	}
	if (rc == 1) {
		char now[CLOCK_ISO_LEN];
		clock_iso_utc(clock_now(), now);
		char today[DATE_ISO_LEN];
		/* notifications start with the register attend keeps: nothing
		 * before today is raised (app/notices.h) */
		if (store_school_insert(s, &school, now) < 0 ||
		    store_setting_set(s, school.id, SETTING_NOTIFY_SINCE,
				      date_format(clock_today(), today), cli_default_user(), now) < 0) {
			fprintf(stderr, "attend init: %s\n", store_error(s));
			store_close(s);
			return EXIT_INPUT;
		}
		existing = school;
	} else {
		if (urn || name)
			fprintf(stderr, "attend init: the database already has %s (URN %s); "
					"--urn and --name were not applied\n",
				existing.name, existing.urn);
		/* A school made without its DfE number gets it later; a number
		 * already set is not changed here. */
		if ((la || estab) && set_missing_codes(s, &existing, la, estab) < 0) {
			store_close(s);
			return EXIT_INPUT;
		}
	}
	/* The built-in message templates the school does not have yet. */
	char now[CLOCK_ISO_LEN];
	int seeded;
	clock_iso_utc(clock_now(), now);
	if (templates_seed(s, existing.id, now, &seeded, &err) < 0) {
		store_close(s);
		return cli_fail(c, &err);
	}
	if (seeded)
		printf("%d built-in message template%s added\n", seeded, seeded == 1 ? "" : "s");
	/* The self-assessment's questions, the monitoring schedule and the
	 * awards every school starts with (issue 13). */
	if (leading_seed(s, existing.id, now, &seeded, &err) < 0) {
		store_close(s);
		return cli_fail(c, &err);
	}
	if (seeded)
		printf("%d built-in question%s, schedule task%s and award%s added\n", seeded,
		       seeded == 1 ? "" : "s", seeded == 1 ? "" : "s", seeded == 1 ? "" : "s");
	if (trust) {
		if (cli_put_in_trust(s, trust_name, &existing.id, 1, &err) < 0) {
			store_close(s);
			return cli_fail(c, &err);
		}
		printf("%s (URN %s) is in the trust %s\n", existing.name, existing.urn, trust_name);
	}
	/* The national benchmarks shipped with attend: new ones are added, a
	 * figure the school holds (perhaps imported since) is kept. */
	struct import_result bres;
	if (benchmarks_load_defaults(s, existing.id, cli_default_user(), &bres, &err) < 0) {
		store_close(s);
		return cli_fail(c, &err);
	}
	printf("%s: schema version %d (%d migration%s applied); school %s (URN %s); "
	       "%ld national benchmark%s added\n",
	       cli_db_shown(c), store_schema_version(s), applied, applied == 1 ? "" : "s", existing.name,
	       existing.urn, bres.added, bres.added == 1 ? "" : "s");
	store_close(s);
	return EXIT_OK;
}
