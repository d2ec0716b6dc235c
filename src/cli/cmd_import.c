#include <stdio.h>
#include <string.h>

#include "app/import.h"
#include "app/mis.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend import calendar|pupils|marks FILE [--by USER] [--reason TEXT]\n"
	"       attend import mis FILE [--upn-column NAME] [--date-column NAME]\n"
	"                 [--session-column NAME] [--code-column NAME] [--minutes-column NAME]\n"
	"                 [--date-format YYYY-MM-DD|DD/MM/YYYY] [--by USER] [--reason TEXT]\n"
	"       attend import mis FILE --mapping MAPPING [--by USER] [--reason TEXT]\n"
	"       attend import ctf FILE [--by USER]   (see `attend import ctf --help`)\n"
	"       attend import benchmarks FILE [--by USER]   (see `attend import benchmarks --help`)\n\n"
	"Imports a CSV file (UTF-8, a header row, columns in any order) in one\n"
	"transaction: one bad row rejects the whole file and nothing changes.\n\n"
	"  calendar  start,end,kind,label   kind: term (a half-term), inset,\n"
	"                                   bank_holiday or closure\n"
	"  pupils    upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal\n"
	"            and, optionally, ethnicity,looked_after,cin,cp\n"
	"  marks     upn,date,session,code,minutes_late\n"
	"  mis       marks history from another system's export: the same rules as\n"
	"            marks, with the columns named by the options (default: the marks\n"
	"            names) or by a mapping file of 'key = column' lines (keys: upn,\n"
	"            date, session, code, minutes_late, date_format); its other\n"
	"            columns are skipped. The codes withdrawn in 2024 (H, J, Y, F) are\n"
	"            accepted for sessions before 19 August 2024 and kept as they are\n"
	"            (J counts as J1, and stays J).\n\n"
	"A mark for a session that already has one is an amendment: the earlier\n"
	"version is kept, with --reason (default: \"imported from FILE\").\n"
	"--by names who made the change (default: your login name).\n";

/* The mapping of `import mis`, from the options or a mapping file. */
static int mis_columns(struct cli *c, const char *mapping, const char *const col[6],
		       struct mis_mapping *m)
{
	static const char *keys[6] = {"upn", "date", "session", "code", "minutes_late", "date_format"};
	struct app_error err = {0};
	mis_mapping_default(m);
	for (int k = 0; k < 6; k++) {
		if (!col[k])
			continue;
		if (mapping)
			return cli_usage_error(c, "give the columns either by options or by --mapping, "
						  "not both");
		if (mis_mapping_set(m, keys[k], col[k], &err) < 0)
			return cli_fail(c, &err);
	}
	if (mapping && mis_mapping_read(mapping, m, &err) < 0)
		return cli_fail(c, &err);
	return EXIT_OK;
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	const char *by = NULL, *reason = NULL, *mapping = NULL, *col[6] = {NULL};
	const struct cli_opt opts[] = {{"by", &by, NULL},
				       {"reason", &reason, NULL},
				       {"mapping", &mapping, NULL},
				       {"upn-column", &col[0], NULL},
				       {"date-column", &col[1], NULL},
				       {"session-column", &col[2], NULL},
				       {"code-column", &col[3], NULL},
				       {"minutes-column", &col[4], NULL},
				       {"date-format", &col[5], NULL},
				       {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	if (argc > 0 && strcmp(argv[0], "ctf") == 0)
		return cmd_import_ctf(c, argc, argv);
	if (argc > 0 && strcmp(argv[0], "benchmarks") == 0)
		return cmd_import_benchmarks(c, argc, argv);
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 2, 2, &n);
	const char *kind = pos[0], *path = pos[1];
	bool mis = strcmp(kind, "mis") == 0;
	if (strcmp(kind, "calendar") && strcmp(kind, "pupils") && strcmp(kind, "marks") && !mis)
		return cli_usage_error(c, "'%s' is not calendar, pupils, marks, ctf, mis or benchmarks",
				       kind);
	char command[32];
	snprintf(command, sizeof command, "import %s", kind);
	c->command = command;
	struct mis_mapping m;
	bool columns = mapping;
	for (int k = 0; k < 6; k++)
		columns |= col[k] != NULL;
	if (columns && !mis)
		return cli_usage_error(c, "--mapping and the column options go with `import mis`");
	int rc;
	if (mis && (rc = mis_columns(c, mapping, col, &m)) != EXIT_OK)
		return rc;

	struct store *s;
	struct engine e;
	if ((rc = cli_open_engine(c, &s, &e)))
		return rc;
	char source[200], default_reason[300];
	snprintf(source, sizeof source, "%s:%s", mis ? "import-mis" : "import", path);
	snprintf(default_reason, sizeof default_reason, "imported from %s%s",
		 mis ? "the MIS export " : "", path);
	struct actor who = {by ? by : cli_default_user(), source};
	struct import_result res;
	struct app_error err = {0};
	int ret;
	if (strcmp(kind, "calendar") == 0)
		ret = import_calendar(&e, path, &who, &res, &err);
	else if (strcmp(kind, "pupils") == 0)
		ret = import_pupils(&e, path, &who, &res, &err);
	else if (mis)
		ret = import_mis(&e, path, &m, &who, reason ? reason : default_reason, &res, &err);
	else
		ret = import_marks(&e, path, &who, reason ? reason : default_reason, &res, &err);
	if (ret < 0) {
		rc = cli_fail(c, &err);
		fprintf(stderr, "attend %s: nothing was imported\n", c->command);
	} else {
		printf("%s: %ld rows: %ld new, %ld changed, %ld unchanged\n", path, res.rows, res.added,
		       res.changed, res.unchanged);
		rc = EXIT_OK;
	}
	engine_close(&e);
	store_close(s);
	return rc;
}
