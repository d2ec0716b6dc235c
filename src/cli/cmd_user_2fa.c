/* `attend user 2fa reset NAME --by USER`: takes off an account's second
 * factor (a parent who lost their phone and their recovery codes), so
 * they sign in with their password alone and may set it up again. Audited. */
#include <stdio.h>
#include <string.h>

#include "app/clock.h"
#include "app/parse.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend user 2fa reset NAME [--reason TEXT] [--by USER]\n\n"
	"Takes off the two-step sign-in (the authenticator app's codes and the recovery\n"
	"codes) of user NAME, for someone who lost their phone: they then sign in with\n"
	"their password alone, and may set up two-step sign-in again. Kept in the audit\n"
	"log with who (--by, else your login name) and why (--reason).\n";

int cmd_user_2fa(struct cli *c, int argc, char **argv)
{
	const char *by = NULL, *reason = NULL;
	const struct cli_opt opts[] = {{"by", &by, NULL}, {"reason", &reason, NULL}, {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 2, 2, &n);
	if (strcmp(pos[0], "reset") != 0)
		return cli_usage_error(c, "'%s' is not reset", pos[0]);
	struct app_error err = {0};
	char who[STORE_USER_MAX], why[256];
	if (parse_text_field("by", by ? by : cli_default_user(), who, sizeof who, 1, &err) < 0 ||
	    parse_text_field("reason", reason ? reason : "reset from the command line", why,
			     sizeof why, 1, &err) < 0)
		return cli_fail(c, &err);
	struct store *s;
	int rc = cli_open_store(c, &s, false);
	if (rc)
		return rc;
	struct user_rec u;
	char now[CLOCK_ISO_LEN], detail[400];
	clock_iso_utc(clock_now(), now);
	if (store_begin(s) < 0 || (rc = store_user_get(s, pos[1], &u)) < 0)
		goto db_fail;
	if (rc == 1) {
		app_fail(&err, ERR_NOT_FOUND, "name", "there is no user %s", pos[1]);
		goto fail;
	}
	if ((rc = store_totp_delete(s, u.id)) < 0)
		goto db_fail;
	if (rc == 1) {
		app_fail(&err, ERR_NOT_FOUND, "name", "%s has no two-step sign-in to reset", u.username);
		goto fail;
	}
	snprintf(detail, sizeof detail, "reset the second factor of %s: %s", u.username, why);
	if (store_audit(s, u.school_id, now, who, "2fa reset", detail) < 0 || store_commit(s) < 0)
		goto db_fail;
	printf("%s\n%s signs in with their password alone now, and may set up two-step sign-in "
	       "again\n",
	       detail, u.username);
	store_close(s);
	return EXIT_OK;
db_fail:
	app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(s));
fail:
	store_rollback(s);
	store_close(s);
	return cli_fail(c, &err);
}
