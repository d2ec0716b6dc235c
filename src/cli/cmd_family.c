/* `attend family`: families' and pupils' own accounts: invitations, and
 * the accounts linked to a pupil. */
#include <stdio.h>
#include <string.h>

#include "app/clock.h"
#include "app/family.h"
#include "app/parse.h"
#include "cli/cli_list.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend family invite UPN (--contact PRIORITY | --pupil) [--email] --by USER\n"
	"       attend family links UPN [--json]\n"
	"       attend family unlink LINK --reason TEXT --by USER\n\n"
	"invite  makes a one-time invitation code for the pupil's contact of that priority\n"
	"        (who must have parental responsibility and not be marked do not contact), or\n"
	"        for the pupil themself (--pupil, Year 7 and up): printed here for a letter or\n"
	"        to hand over, or (--email) sent to the contact through the outbox with a link\n"
	"        (setting public_url). It works once, for invitation_days (default 14) days;\n"
	"        a new invitation for the same person withdraws the old one.\n"
	"links   the accounts linked to a pupil (open and ended) and the pupil's invitations.\n"
	"unlink  ends a link (the account no longer sees the pupil); the link is kept, with\n"
	"        who, when and why.\n";

static int family_invite(struct cli *c, const char *upn, const char *contact, bool pupil,
			 bool email, const char *by)
{
	struct app_error err = {0};
	long priority = 0;
	if (!contact == !pupil)
		return cli_usage_error(c, "say who is invited: --contact PRIORITY or --pupil");
	if (contact && parse_int_field("contact", contact, 1, 99, &priority, &err) < 0)
		return cli_fail(c, &err);
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	struct family_invite_request rq = {upn, (int)priority, email ? "email" : "printed"};
	struct family_invite_result out;
	char when[64];
	if (engine_begin(&e, &err) < 0 ||
	    engine_end(&e, family_invite_write(&e, &rq, by, &out, &err), &err) < 0) {
		rc = cli_fail(c, &err);
	} else {
		printf("invitation #%lld for %s%s%s, valid until the end of %s%s\n", (long long)out.id,
		       upn, pupil ? " (the pupil's own account)" : ", contact ", pupil ? "" : contact,
		       date_format(out.expires_day, when),
		       out.revoked ? " (the earlier invitation is withdrawn)" : "");
		if (email)
			printf("emailed through the outbox (message #%lld)\n", (long long)out.outbox_id);
		else
			printf("code: %s\n", out.code);
	}
	engine_close(&e);
	store_close(s);
	return rc;
}

struct links_out {
	struct cli_list l;
	const struct engine *e;
};

static int print_link(void *ctx, const struct family_link_rec *k)
{
	struct links_out *o = ctx;
	o->l.n++;
	if (o->l.items)
		return json_array_append_new(
			o->l.items,
			json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "id",
				  (json_int_t)k->id, "username", k->username, "kind", k->kind,
				  "contact_id", (json_int_t)k->contact_id, "linked_by", k->linked_by,
				  "linked_at", k->linked_at, "source", k->source, "ended_by",
				  k->ended_at[0] ? k->ended_by : NULL, "ended_at",
				  k->ended_at[0] ? k->ended_at : NULL, "ended_reason",
				  k->ended_at[0] ? k->ended_reason : NULL));
	printf("link #%lld %-20s %-6s linked %s by %s (%s)", (long long)k->id, k->username, k->kind,
	       k->linked_at, k->linked_by, k->source);
	if (k->ended_at[0])
		printf("; ended %s by %s: %s", k->ended_at, k->ended_by, k->ended_reason);
	putchar('\n');
	return 0;
}

static int print_invitation(void *ctx, const struct family_invitation_rec *i)
{
	struct links_out *o = ctx;
	if (o->l.items)
		return 0;
	const char *state = i->used_at[0] ? "used" : i->revoked_at[0] ? "withdrawn" : "open";
	printf("invitation #%lld %-6s %-7s made %s by %s, expires %s: %s\n", (long long)i->id, i->kind,
	       i->delivery, i->created_at, i->created_by, i->expires_at, state);
	return 0;
}

static int family_links(struct cli *c, const char *upn, bool json)
{
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	int64_t pupil_id;
	if ((rc = cli_pupil_id(c, &e, upn, &pupil_id)) == EXIT_OK) {
		struct links_out o = {{json ? json_array() : NULL, 0}, &e};
		int each = store_family_links_each(s, e.school.id, 0, pupil_id, false, print_link, &o);
		if (each == 0)
			each = store_family_invitations_each(s, e.school.id, pupil_id, print_invitation, &o);
		rc = cli_list_end(c, s, each, &o.l, "links", upn, "(no family accounts linked)");
	}
	engine_close(&e);
	store_close(s);
	return rc;
}

static int family_unlink(struct cli *c, const char *id_text, const char *reason, const char *by)
{
	struct app_error err = {0};
	long id;
	char why[256];
	if (parse_int_field("link", id_text, 1, 2147483647L, &id, &err) < 0 ||
	    parse_text_field("reason", reason ? reason : "", why, sizeof why, 1, &err) < 0)
		return cli_fail(c, &err);
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	char now[CLOCK_ISO_LEN], detail[320];
	clock_iso_utc(clock_now(), now);
	snprintf(detail, sizeof detail, "ended family link #%ld: %s", id, why);
	int ended = -1;
	if (store_begin(s) == 0 && (ended = store_family_link_end(s, e.school.id, id, by, now, why)) == 0 &&
	    store_audit(s, e.school.id, now, by, "family unlink", detail) == 0 && store_commit(s) == 0) {
		printf("%s\n", detail);
	} else {
		if (ended == 1)
			app_fail(&err, ERR_NOT_FOUND, "link", "there is no open family link #%ld", id);
		else
			app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(s));
		store_rollback(s);
		rc = cli_fail(c, &err);
	}
	engine_close(&e);
	store_close(s);
	return rc;
}

int cmd_family(struct cli *c, int argc, char **argv)
{
	const char *contact = NULL, *by = NULL, *reason = NULL;
	bool pupil = false, email = false, json = false;
	const struct cli_opt opts[] = {{"contact", &contact, NULL}, {"pupil", NULL, &pupil},
				       {"email", NULL, &email},	    {"by", &by, NULL},
				       {"reason", &reason, NULL},   {"json", NULL, &json},
				       {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 2, 2, &n);
	struct app_error err = {0};
	char user[STORE_USER_MAX];
	bool writes = strcmp(pos[0], "invite") == 0 || strcmp(pos[0], "unlink") == 0;
	if (writes && (!by || !*by))
		return cli_usage_error(c, "--by USER is required: the audit log records who did it");
	if (writes && parse_text_field("by", by, user, sizeof user, 1, &err) < 0)
		return cli_fail(c, &err);
	if (strcmp(pos[0], "invite") == 0)
		return family_invite(c, pos[1], contact, pupil, email, user);
	if (strcmp(pos[0], "links") == 0)
		return family_links(c, pos[1], json);
	if (strcmp(pos[0], "unlink") == 0)
		return family_unlink(c, pos[1], reason, user);
	return cli_usage_error(c, "'%s' is not invite, links or unlink", pos[0]);
}
