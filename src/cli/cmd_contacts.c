/* `attend contacts` (a pupil's contacts, and pupils short of them) and
 * `attend contact` (the contact log). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/contact_log.h"
#include "app/contacts.h"
#include "app/parse.h"
#include "cli/cli_list.h"
#include "cli/commands.h"

static const char contacts_usage[] =
	"usage: attend contacts list UPN [--json]\n"
	"       attend contacts missing [--date DATE] [--json]\n\n"
	"list     a pupil's contacts in priority order.\n"
	"missing  pupils on roll (today, or on --date) with fewer than two working\n"
	"         contacts: a working contact has a phone or mobile number and is not\n"
	"         marked do not contact (the seeds' safeguarding requirement).\n"
	"Contacts come from `attend import contacts FILE`.\n";

static json_t *contact_json(const struct contact_rec *c)
{
	return json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:b}",
			 "priority", c->priority, "name", c->name, "relationship", c->relationship,
			 "phone", c->phone, "mobile", c->mobile, "email", c->email, "address",
			 c->address, "postcode", c->postcode, "language", c->language,
			 "parental_responsibility", c->parental_responsibility, "lives_with_pupil",
			 c->lives_with_pupil, "receives_mail", c->receives_mail, "do_not_contact",
			 c->do_not_contact, "working", contact_working(c));
}

static int print_contact(void *ctx, const struct contact_rec *c)
{
	struct cli_list *o = ctx;
	o->n++;
	if (o->items)
		return json_array_append_new(o->items, contact_json(c));
	printf("%d  %-24s %-14s phone %-16s mobile %-16s %s%s%s%s\n", c->priority, c->name,
	       c->relationship, c->phone[0] ? c->phone : "-", c->mobile[0] ? c->mobile : "-",
	       c->email[0] ? c->email : "", c->parental_responsibility ? "  [PR]" : "",
	       c->do_not_contact ? "  [DO NOT CONTACT]" : "", contact_working(c) ? "" : "  (not working)");
	return 0;
}

struct missing_out {
	const struct engine *e;
	json_t *list;
	int n;
};

static int print_missing(void *ctx, int row, int working, const char *why)
{
	struct missing_out *o = ctx;
	const struct pupil_row *p = &o->e->m.rows[row];
	o->n++;
	if (o->list)
		return json_array_append_new(o->list,
					     json_pack("{s:s, s:s, s:s, s:s, s:i, s:s}", "upn", p->upn,
						       "name", p->forename, "surname", p->surname,
						       "form", o->e->m.forms[p->form], "working_contacts",
						       working, "why", why));
	printf("%s  %-28s %-6s %s\n", p->upn, p->forename, o->e->m.forms[p->form], why);
	return 0;
}

int cmd_contacts(struct cli *c, int argc, char **argv)
{
	bool json = false;
	const char *date = NULL;
	const struct cli_opt opts[] = {{"json", NULL, &json}, {"date", &date, NULL}, {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = contacts_usage;
	cli_args(c, argc, argv, opts, pos, 1, 2, &n);
	bool list = strcmp(pos[0], "list") == 0;
	if (!list && strcmp(pos[0], "missing") != 0)
		return cli_usage_error(c, "'%s' is not list or missing", pos[0]);
	if (list != (n == 2))
		return cli_usage_error(c, list ? "contacts list needs a UPN" : "contacts missing takes no UPN");
	struct app_error err = {0};
	date_t day = clock_today();
	if (date && parse_date_field("date", date, &day, &err) < 0)
		return cli_fail(c, &err);
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	json_t *arr = json ? json_array() : NULL;
	if (list) {
		struct cli_list o = {arr, 0};
		int64_t pupil_id;
		arr = NULL;
		if ((rc = cli_pupil_id(c, &e, pos[1], &pupil_id)) == EXIT_OK)
			rc = cli_list_end(c, s, store_contacts_each(s, e.school.id, pupil_id, print_contact, &o),
					  &o, "contacts", pos[1], "(no contacts)");
		else
			json_decref(o.items);
	} else {
		struct missing_out o = {&e, arr, 0};
		if (contacts_missing_each(&e, day, print_missing, &o, &err) < 0) {
			rc = cli_fail(c, &err);
		} else if (json) {
			char d[DATE_ISO_LEN];
			rc = cli_print_json(c, json_pack("{s:s, s:i, s:O}", "date", date_format(day, d),
							 "wanted", CONTACTS_WANTED, "pupils", arr));
		} else {
			printf("%d pupil%s on roll with fewer than %d working contacts\n", o.n,
			       o.n == 1 ? "" : "s", CONTACTS_WANTED);
		}
	}
	json_decref(arr);
	engine_close(&e);
	store_close(s);
	return rc;
}

/* ---- the contact log ---- */

static const char contact_usage[] =
	"usage: attend contact log UPN --channel CHANNEL (--to PRIORITY | --to-name NAME)\n"
	"                 --outcome TEXT [--follow-up DATE] [--at YYYY-MM-DDTHH:MM]\n"
	"                 [--direction out|in] --by USER\n"
	"       attend contact amend ENTRY [--outcome TEXT] [--follow-up DATE | --no-follow-up]\n"
	"                 --reason TEXT --by USER\n"
	"       attend contact list UPN [--history] [--json]\n\n"
	"The contact log: every contact with a family. CHANNEL is text, email, call,\n"
	"letter, home_visit or meeting; --to is the contact's priority (see `attend\n"
	"contacts list UPN`), --to-name someone not on the list; --direction in when the\n"
	"family made contact; --at when it happened (local time; default now).\n"
	"Entries are never changed: `amend` adds a version with who, when and why, and\n"
	"`list --history` shows every version. Messages sent through the outbox are\n"
	"logged by themselves.\n";

static json_t *log_json(const struct contact_log_rec *r)
{
	char d[DATE_ISO_LEN];
	return json_pack("{s:I, s:i, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:s}",
			 "entry", (json_int_t)r->entry, "version", r->version, "at", r->happened_at,
			 "channel", r->channel, "direction", r->direction, "with", r->contact_name,
			 "outcome", r->outcome, "follow_up",
			 r->follow_up == DATE_INVALID ? json_null()
						      : json_string(date_format(r->follow_up, d)),
			 "by", r->staff, "recorded_by", r->recorded_by, "recorded_at", r->recorded_at,
			 "reason", r->reason, "source", r->source);
}

static int print_log(void *ctx, const struct contact_log_rec *r)
{
	struct cli_list *o = ctx;
	o->n++;
	if (o->items)
		return json_array_append_new(o->items, log_json(r));
	char when[CLOCK_ISO_LEN], d[DATE_ISO_LEN];
	printf("#%-4lld v%d %s  %-10s %-3s %-28s %s%s%s  (by %s)%s%s\n", (long long)r->entry,
	       r->version, clock_local_display(r->happened_at, when), r->channel, r->direction,
	       r->contact_name, r->outcome, r->follow_up != DATE_INVALID ? "; follow up " : "",
	       r->follow_up != DATE_INVALID ? date_format(r->follow_up, d) : "", r->staff,
	       r->reason[0] ? "; amended: " : "", r->reason);
	return 0;
}

static int contact_list(struct cli *c, const char *upn, bool history, bool json)
{
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	int64_t pupil_id;
	struct cli_list o = {json ? json_array() : NULL, 0};
	if ((rc = cli_pupil_id(c, &e, upn, &pupil_id)) == EXIT_OK)
		rc = cli_list_end(c, s, store_contact_log_each(s, e.school.id, pupil_id, history, print_log, &o),
				  &o, "entries", upn, "(no contacts logged)");
	else
		json_decref(o.items);
	engine_close(&e);
	store_close(s);
	return rc;
}

int cmd_contact(struct cli *c, int argc, char **argv)
{
	const char *channel = NULL, *to = NULL, *to_name = NULL, *outcome = NULL, *follow = NULL,
		   *at = NULL, *direction = NULL, *by = NULL, *reason = NULL;
	bool json = false, history = false, no_follow = false;
	const struct cli_opt opts[] = {
		{"channel", &channel, NULL}, {"to", &to, NULL},	      {"to-name", &to_name, NULL},
		{"outcome", &outcome, NULL}, {"follow-up", &follow, NULL}, {"at", &at, NULL},
		{"direction", &direction, NULL}, {"by", &by, NULL},    {"reason", &reason, NULL},
		{"json", NULL, &json},	     {"history", NULL, &history},
		{"no-follow-up", NULL, &no_follow}, {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = contact_usage;
	cli_args(c, argc, argv, opts, pos, 2, 2, &n);
	if (strcmp(pos[0], "list") == 0)
		return contact_list(c, pos[1], history, json);
	bool amend = strcmp(pos[0], "amend") == 0;
	if (!amend && strcmp(pos[0], "log") != 0)
		return cli_usage_error(c, "'%s' is not log, amend or list", pos[0]);
	if (!by || !*by)
		return cli_usage_error(c, "--by USER is required: the log records who made each entry");
	struct app_error err = {0};
	char user[STORE_USER_MAX];
	date_t follow_up = DATE_INVALID;
	long prio = 0;
	if (parse_text_field("by", by, user, sizeof user, 1, &err) < 0 ||
	    (follow && parse_date_field("follow_up", follow, &follow_up, &err) < 0) ||
	    (to && parse_int_field("to", to, 1, 99, &prio, &err) < 0))
		return cli_fail(c, &err);
	long entry = 0;
	if (amend && parse_int_field("entry", pos[1], 1, 1L << 40, &entry, &err) < 0)
		return cli_fail(c, &err);
	if (!amend && !channel)
		return cli_usage_error(c, "--channel is required");
	if (!amend && !outcome)
		return cli_usage_error(c, "--outcome is required: what happened");
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	struct actor who = {user, "cli"};
	if (amend) {
		struct contact_log_change ch = {entry, outcome, follow_up, no_follow, reason};
		int version;
		if (contact_log_amend(&e, &ch, &who, &version, &err) < 0)
			rc = cli_fail(c, &err);
		else
			printf("contact log entry #%ld amended (version %d)\n", entry, version);
	} else {
		struct contact_log_request rq = {pos[1], channel, direction, (int)prio, to_name,
						 outcome, follow_up, at};
		int64_t made;
		if (contact_log_add(&e, &rq, &who, &made, &err) < 0)
			rc = cli_fail(c, &err);
		else
			printf("contact log entry #%lld for %s\n", (long long)made, pos[1]);
	}
	engine_close(&e);
	store_close(s);
	return rc;
}
