/* `attend transfers`: attendance history received from other schools. */
#include <jansson.h>
#include <stdio.h>

#include "app/transfers.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend transfers [--upn UPN] [--json] [--sessions]\n\n"
	"The attendance history received in Common Transfer Files (`attend import\n"
	"ctf`), kept as the old schools sent it: each year's totals as sent, the\n"
	"figures of its marks, and any discrepancy between them. --sessions adds\n"
	"every session's date and code to the JSON.\n";

int cmd_transfers(struct cli *c, int argc, char **argv)
{
	const char *upn = NULL;
	bool json = false, sessions = false;
	const struct cli_opt opts[] = {{"upn", &upn, NULL},
				       {"json", NULL, &json},
				       {"sessions", NULL, &sessions},
				       {NULL, NULL, NULL}};
	const char *pos[1];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 0, 0, &n);
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	struct app_error err = {0};
	if (json) {
		json_t *out = transfers_json(&e, upn, sessions, &err);
		if (out) {
			json_dumpf(out, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
			putchar('\n');
			json_decref(out);
		} else {
			rc = cli_fail(c, &err);
		}
	} else if (transfers_text(stdout, &e, upn, &err) < 0) {
		rc = cli_fail(c, &err);
	}
	engine_close(&e);
	store_close(s);
	return rc;
}
