#include <stdio.h>
#include <string.h>

#include "app/import.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend import calendar|pupils|marks FILE [--by USER] [--reason TEXT]\n\n"
	"Imports a CSV file (UTF-8, a header row, columns in any order) in one\n"
	"transaction: one bad row rejects the whole file and nothing changes.\n\n"
	"  calendar  start,end,kind,label   kind: term (a half-term), inset,\n"
	"                                   bank_holiday or closure\n"
	"  pupils    upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal\n"
	"  marks     upn,date,session,code,minutes_late\n\n"
	"A mark for a session that already has one is an amendment: the earlier\n"
	"version is kept, with --reason (default: \"imported from FILE\").\n"
	"--by names who made the change (default: your login name).\n";

int cmd_import(struct cli *c, int argc, char **argv)
{
	const char *by = NULL, *reason = NULL;
	const struct cli_opt opts[] = {{"by", &by, NULL}, {"reason", &reason, NULL}, {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 2, 2, &n);
	const char *kind = pos[0], *path = pos[1];
	if (strcmp(kind, "calendar") && strcmp(kind, "pupils") && strcmp(kind, "marks"))
		return cli_usage_error(c, "'%s' is not calendar, pupils or marks", kind);
	char command[32];
	snprintf(command, sizeof command, "import %s", kind);
	c->command = command;

	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	char source[200], default_reason[300];
	snprintf(source, sizeof source, "import:%s", path);
	snprintf(default_reason, sizeof default_reason, "imported from %s", path);
	struct actor who = {by ? by : cli_default_user(), source};
	struct import_result res;
	struct app_error err = {0};
	int ret;
	if (strcmp(kind, "calendar") == 0)
		ret = import_calendar(&e, path, &who, &res, &err);
	else if (strcmp(kind, "pupils") == 0)
		ret = import_pupils(&e, path, &who, &res, &err);
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
