#include <stdio.h>

#include "app/verify.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend verify\n\n"
	"Proves the register unaltered since it was written: recomputes the hash of\n"
	"every version of every mark, checks each links to the version before it,\n"
	"and that every current mark is the latest version of its history. Prints\n"
	"each problem found with the pupil, session and version; exits 1 if any.\n";

int cmd_verify(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, NULL, pos, 0, 0, &n);
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	struct verify_result res;
	struct app_error err = {0};
	if (verify_register(&e, stdout, &res, &err) < 0) {
		rc = cli_fail(c, &err);
	} else if (res.problems) {
		fprintf(stderr, "attend verify: %ld problem%s in %ld versions of %ld marks: the register "
				"was altered outside attend\n",
			res.problems, res.problems == 1 ? "" : "s", res.versions_checked,
			res.marks_checked);
		rc = EXIT_INPUT;
	} else {
		printf("%s (URN %s): %ld versions of %ld marks verified: unaltered\n", e.school.name,
		       e.school.urn, res.versions_checked, res.marks_checked);
	}
	engine_close(&e);
	store_close(s);
	return rc;
}
