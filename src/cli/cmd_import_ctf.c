/* `attend import ctf`: a joining pupil's history from their old school. */
#include <stdio.h>

#include "app/ctf.h"
#include "cli/commands.h"

static const char ctf_usage[] =
	"usage: attend import ctf FILE [--by USER]\n\n"
	"Reads a Common Transfer File (XML, root CTfile) and keeps each pupil's\n"
	"attendance history as their old school's, read-only: it never counts in\n"
	"this school's figures. Every year's marks are checked against the file's\n"
	"own totals; a year that disagrees is kept with the discrepancy recorded and\n"
	"a warning. A malformed file is refused whole and nothing is written.\n"
	"Importing the same file again changes nothing. `attend transfers` shows it.\n";

int cmd_import_ctf(struct cli *c, int argc, char **argv)
{
	const char *by = NULL;
	const struct cli_opt opts[] = {{"by", &by, NULL}, {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = ctf_usage;
	c->command = "import ctf";
	cli_args(c, argc, argv, opts, pos, 2, 2, &n);
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	struct actor who = {by ? by : cli_default_user(), "import:ctf"};
	struct ctf_import_result res;
	struct app_error err = {0};
	if (ctf_import(&e, pos[1], &who, stderr, &res, &err) < 0) {
		rc = cli_fail(c, &err);
		fprintf(stderr, "attend %s: nothing was imported\n", c->command);
	} else if (res.already) {
		printf("%s: already imported on %s: nothing changed\n", pos[1], res.already_at);
	} else {
		printf("%s: from %s: %d pupil%s, %d year%s of attendance kept as that school's "
		       "(%d with a discrepancy)\n",
		       pos[1], res.source, res.pupils, res.pupils == 1 ? "" : "s", res.years,
		       res.years == 1 ? "" : "s", res.discrepancies);
	}
	engine_close(&e);
	store_close(s);
	return rc;
}
