#include <stdio.h>
#include <string.h>

#include "app/contacts.h"
#include "app/import.h"
#include "app/lesson_import.h"
#include "app/parse.h"
#include "app/clock.h"
#include "app/mis.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend import calendar|pupils|marks FILE [--by USER] [--reason TEXT]\n"
	"       attend import contacts FILE [--by USER]\n"
	"       attend import mis FILE [--upn-column NAME] [--date-column NAME]\n"
	"                 [--session-column NAME] [--code-column NAME] [--minutes-column NAME]\n"
	"                 [--date-format YYYY-MM-DD|DD/MM/YYYY] [--by USER] [--reason TEXT]\n"
	"       attend import mis FILE --mapping MAPPING [--by USER] [--reason TEXT]\n"
	"       attend import ctf FILE [--by USER]   (see `attend import ctf --help`)\n"
	"       attend import timetable FILE [--by USER]\n"
	"       attend import classes FILE [--from DATE] [--by USER]\n"
	"       attend import lessons FILE [--by USER] [--reason TEXT]\n"
	"       attend import benchmarks FILE [--by USER]   (see `attend import benchmarks --help`)\n"
	"       attend import year6 FILE [--by USER]   (see `attend import year6 --help`)\n\n"
	"Imports a CSV file (UTF-8, a header row, columns in any order) in one\n"
	"transaction: one bad row rejects the whole file and nothing changes.\n\n"
	"  calendar  start,end,kind,label   kind: term (a half-term), inset,\n"
	"                                   bank_holiday or closure\n"
	"  pupils    upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal\n"
	"            and, optionally, ethnicity,looked_after,cin,cp,safeguarding,\n"
	"            leaving_ground (the ground of deletion: `attend pupils grounds`)\n"
	"  marks     upn,date,session,code,minutes_late\n"
	"  contacts  upn,priority,name,relationship,phone,mobile,email,address,postcode,\n"
	"            language,parental_responsibility,lives_with_pupil,receives_mail\n"
	"            and, optionally, do_not_contact. Each pupil in the file gets exactly\n"
	"            the contacts it lists (README: \"Pupils' contacts\").\n"
	"  mis       marks history from another system's export: the same rules as\n"
	"            marks, with the columns named by the options (default: the marks\n"
	"            names) or by a mapping file of 'key = column' lines (keys: upn,\n"
	"            date, session, code, minutes_late, date_format); its other\n"
	"            columns are skipped. The codes withdrawn in 2024 (H, J, Y, F) are\n"
	"            accepted for sessions before 19 August 2024 and kept as they are\n"
	"            (J counts as J1, and stays J).\n"
	"  timetable week,day,period,start,end,registration   the whole timetable:\n"
	"            day Mon..Fri, period a name (1, P3, Reg), start/end HH:MM,\n"
	"            registration AM or PM for the period that holds that statutory\n"
	"            registration (or empty); week A or B for a two-week timetable\n"
	"            (empty: every week; the column may be left out)\n"
	"  classes   class,subject,teacher,room,meets,pupils   meets: DAY:PERIOD\n"
	"            (WEEK:DAY:PERIOD) separated by spaces; teacher: a username;\n"
	"            pupils: UPNs separated by spaces, in the class from --from\n"
	"            (default today); pupils no longer listed leave it that day\n"
	"  lessons   upn,date,period,class,code,minutes_late   lesson marks, by the\n"
	"            rules of a lesson register; each register in it counts as taken\n\n"
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
	const char *by = NULL, *reason = NULL, *mapping = NULL, *col[6] = {NULL}, *from = NULL;
	const struct cli_opt opts[] = {{"by", &by, NULL},
				       {"from", &from, NULL},
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
	if (argc > 0 && strcmp(argv[0], "contacts") == 0)
		return cmd_import_contacts(c, argc, argv);
	if (argc > 0 && strcmp(argv[0], "benchmarks") == 0)
		return cmd_import_benchmarks(c, argc, argv);
	if (argc > 0 && strcmp(argv[0], "year6") == 0)
		return cmd_import_year6(c, argc, argv);
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 2, 2, &n);
	const char *kind = pos[0], *path = pos[1];
	bool mis = strcmp(kind, "mis") == 0, classes = strcmp(kind, "classes") == 0;
	if (strcmp(kind, "calendar") && strcmp(kind, "pupils") && strcmp(kind, "marks") && !mis &&
	    strcmp(kind, "timetable") && !classes && strcmp(kind, "lessons"))
		return cli_usage_error(c, "'%s' is not calendar, pupils, marks, contacts, timetable, "
					  "classes, lessons, benchmarks, year6, ctf or mis", kind);
	if (from && !classes)
		return cli_usage_error(c, "--from goes with `import classes`");
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
	date_t since = clock_today();
	if (classes && from && parse_date_field("from", from, &since, &err) < 0)
		ret = -1;
	else if (classes)
		ret = import_classes(&e, path, since, &who, &res, &err);
	else if (strcmp(kind, "lessons") == 0)
		ret = import_lesson_marks(&e, path, &who, reason ? reason : default_reason, &res, &err);
	else if (strcmp(kind, "timetable") == 0)
		ret = import_timetable(&e, path, &who, &res, &err);
	else if (strcmp(kind, "calendar") == 0)
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

int cmd_import_contacts(struct cli *c, int argc, char **argv)
{
	const char *by = NULL;
	const struct cli_opt opts[] = {{"by", &by, NULL}, {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = usage;
	c->command = "import contacts";
	cli_args(c, argc, argv, opts, pos, 2, 2, &n);
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	char source[300];
	snprintf(source, sizeof source, "import:%s", pos[1]);
	struct actor who = {by ? by : cli_default_user(), source};
	struct contacts_import_result res;
	struct app_error err = {0};
	if (import_contacts(&e, pos[1], &who, &res, &err) < 0) {
		rc = cli_fail(c, &err);
		fprintf(stderr, "attend %s: nothing was imported\n", c->command);
	} else {
		printf("%s: %ld rows for %ld pupils: %ld new, %ld changed, %ld unchanged, %ld removed\n",
		       pos[1], res.rows, res.pupils, res.added, res.changed, res.unchanged, res.removed);
		if (res.short_of_contacts)
			fprintf(stderr, "attend %s: warning: %ld pupil%s of the file ha%s fewer than %d "
					"working contacts (`attend contacts missing` lists them)\n",
				c->command, res.short_of_contacts, res.short_of_contacts == 1 ? "" : "s",
				res.short_of_contacts == 1 ? "s" : "ve", CONTACTS_WANTED);
	}
	engine_close(&e);
	store_close(s);
	return rc;
}
