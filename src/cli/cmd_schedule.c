/* `attend schedule`: the monitoring schedule from the command line, and
 * its run: the proofs recorded and the digests sent when due. A cron job
 * may call `attend schedule run` (every few minutes); `attend serve` makes
 * the same run itself each minute, so a school running the server needs
 * no cron job. Both are safe together: each digest is sent once. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/contacts.h"
#include "app/digest.h"
#include "app/monitoring.h"
#include "app/parse.h"
#include "cli/commands.h"
#include "web/leading.h"

static const char usage[] =
	"usage: attend schedule run [--by USER]\n"
	"       attend schedule list [--date DATE] [--role ROLE] [--json]\n"
	"       attend schedule missed [--from DATE] [--to DATE] [--json]\n"
	"       attend schedule digest daily|weekly [--date DATE]\n"
	"       attend schedule recipients\n"
	"       attend schedule recipients add NAME EMAIL [--daily] [--weekly] [--by USER]\n"
	"       attend schedule recipients remove ID [--by USER]\n\n"
	"The monitoring schedule (the DfE toolkit's Annex C): recurring tasks, daily,\n"
	"weekly, half-termly and termly, from the school calendar (never on a day\n"
	"without pupils).\n\n"
	"run         records the tasks attend proves from the data (registers taken,\n"
	"            reasons on the register, first-day steps, ...), and sends the\n"
	"            daily digest (setting digest_daily_at, default 16:00) and, on the\n"
	"            last school day of the week, the weekly leadership pack\n"
	"            (digest_weekly_at, default 16:00) to the recipients, through the\n"
	"            outbox (`attend outbox run` delivers them). Each once. A cron job\n"
	"            may run it every few minutes; `attend serve` runs it each minute.\n"
	"list        the tasks open on a day (default today), with their state.\n"
	"missed      the tasks missed in a stretch (default this half-term), and whose.\n"
	"digest      prints a digest as it would be sent.\n"
	"recipients  who gets the digests (--daily, --weekly: which; both by default).\n";

struct opened {
	struct store *s;
	struct engine e;
	struct register_settings rs;
	struct leading_ctx x;
	char public_url[256];
};

static int open_all(struct cli *c, struct opened *o)
{
	memset(o, 0, sizeof *o);
	int rc = cli_open_engine(c, &o->s, &o->e);
	if (rc)
		return rc;
	struct app_error err = {0};
	o->x = (struct leading_ctx){&o->e, o->s, clock_today(), clock_minute_of_day(), &o->rs, ""};
	if (register_settings_load(o->s, o->e.school.id, &o->rs, &err) < 0 ||
	    leading_ctx_settings(&o->x, o->public_url, sizeof o->public_url, &err) < 0) {
		engine_close(&o->e);
		store_close(o->s);
		return cli_fail(c, &err);
	}
	return EXIT_OK;
}

static void close_all(struct opened *o)
{
	engine_close(&o->e);
	store_close(o->s);
}

static int run(struct cli *c, const char *by)
{
	struct opened o;
	int rc = open_all(c, &o);
	if (rc)
		return rc;
	struct app_error err = {0};
	struct mon_run r;
	if (engine_begin(&o.e, &err) < 0 ||
	    engine_end(&o.e, mon_run_write(&o.e, &o.x, by, &r, &err), &err) < 0) {
		close_all(&o);
		return cli_fail(c, &err);
	}
	printf("%d task%s recorded as done from the data\n", r.proven, r.proven == 1 ? "" : "s");
	if (r.daily_due)
		printf(r.daily ? "daily digest queued for %d lead%s\n"
			       : "daily digest: sent already, or no recipient (%d%s)\n",
		       r.daily, r.daily == 1 ? "" : "s");
	if (r.weekly_due)
		printf(r.weekly ? "weekly pack queued for %d lead%s\n"
				: "weekly pack: sent already, or no recipient (%d%s)\n",
		       r.weekly, r.weekly == 1 ? "" : "s");
	close_all(&o);
	return EXIT_OK;
}

static int list(struct cli *c, bool missed, const char *date, const char *from, const char *to,
		const char *role, bool as_json)
{
	struct opened o;
	int rc = open_all(c, &o);
	if (rc)
		return rc;
	struct app_error err = {0};
	struct mon_list l = {0};
	date_t day = o.x.today, f = o.x.today, t = o.x.today;
	if (!missed && date && parse_date_field("date", date, &day, &err) < 0)
		goto fail;
	if (missed) {
		if (!leading_half_term(&o.e, o.x.today, &f, &t))
			f = t = o.x.today;
		if ((from && parse_date_field("from", from, &f, &err) < 0) ||
		    (to && parse_date_field("to", to, &t, &err) < 0))
			goto fail;
	}
	if (role && role_parse(role) < 0) {
		app_fail(&err, ERR_INPUT, "role", "role '%s' is not one attend knows", role);
		goto fail;
	}
	if ((missed ? mon_closed_in(&o.x, f, t, &l, &err) : mon_open_on(&o.x, day, role, &l, &err)) < 0)
		goto fail;
	json_t *out = as_json ? json_array() : NULL;
	for (int i = 0; i < l.n; i++) {
		const struct mon_item *it = &l.v[i];
		if (missed && it->state != SS_MISSED)
			continue;
		if (out) {
			json_array_append_new(out, mon_item_json(it));
			continue;
		}
		char due[DATE_ISO_LEN];
		printf("%-8s %-10s %-16s %s  %s\n", sched_state_name(it->state),
		       date_format(it->occ.due, due), it->task.owner_role, it->task.cadence,
		       it->task.title);
	}
	mon_list_free(&l);
	close_all(&o);
	return out ? cli_print_json(c, out) : EXIT_OK;
fail:
	close_all(&o);
	return cli_fail(c, &err);
}

static int digest(struct cli *c, const char *kind, const char *date)
{
	struct opened o;
	int rc = open_all(c, &o);
	if (rc)
		return rc;
	struct app_error err = {0};
	date_t day = o.x.today;
	struct digest d;
	if ((date && parse_date_field("date", date, &day, &err) < 0) ||
	    digest_compose(&o.x, kind, day, &d, &err) < 0) {
		close_all(&o);
		return cli_fail(c, &err);
	}
	printf("Subject: %s\n\n%s", d.subject, d.text.p);
	digest_free(&d);
	close_all(&o);
	return EXIT_OK;
}

static int print_recipient(void *ctx, const struct digest_recipient_rec *r)
{
	(void)ctx;
	printf("%-4lld %-30s %-36s %s%s\n", (long long)r->id, r->name, r->email,
	       r->daily ? "daily " : "", r->weekly ? "weekly" : "");
	return 0;
}

static int recipients(struct cli *c, int n, const char **pos, bool daily, bool weekly,
		      const char *by)
{
	struct store *s;
	int rc = cli_open_store(c, &s, false);
	if (rc)
		return rc;
	struct school_rec school;
	struct app_error err = {0};
	if (store_school_get(s, NULL, &school) != 0) {
		app_fail(&err, ERR_INPUT, NULL, "the database has no school yet: run `attend init`");
		goto fail;
	}
	if (n == 1) {
		if (store_digest_recipients_each(s, school.id, print_recipient, NULL) < 0) {
			app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(s));
			goto fail;
		}
		store_close(s);
		return EXIT_OK;
	}
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	if (!strcmp(pos[1], "add")) {
		if (n != 4) {
			store_close(s);
			return cli_usage_error(c, "schedule recipients add NAME EMAIL");
		}
		struct digest_recipient_rec r = {.daily = daily || !weekly, .weekly = weekly || !daily};
		const char *why;
		if (parse_text_field("name", pos[2], r.name, sizeof r.name, 1, &err) < 0 ||
		    parse_text_field("email", pos[3], r.email, sizeof r.email, 1, &err) < 0)
			goto fail;
		if ((why = contact_email_error(r.email))) {
			app_fail(&err, ERR_INPUT, "email", "email '%s': %s", r.email, why);
			goto fail;
		}
		snprintf(r.added_by, sizeof r.added_by, "%s", by);
		snprintf(r.added_at, sizeof r.added_at, "%s", now);
		rc = store_digest_recipient_add(s, school.id, &r);
		if (rc == 1)
			app_fail(&err, ERR_INPUT, "email", "%s gets the digests already", r.email);
		else if (rc < 0)
			app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(s));
		if (rc)
			goto fail;
		printf("recipient %lld added: %s <%s>\n", (long long)r.id, r.name, r.email);
	} else if (!strcmp(pos[1], "remove")) {
		long id;
		if (n != 3) {
			store_close(s);
			return cli_usage_error(c, "schedule recipients remove ID");
		}
		if (parse_int_field("id", pos[2], 1, INT32_MAX, &id, &err) < 0)
			goto fail;
		rc = store_digest_recipient_remove(s, school.id, id, by, now);
		if (rc == 1)
			app_fail(&err, ERR_INPUT, "id", "there is no recipient %ld", id);
		else if (rc < 0)
			app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(s));
		if (rc)
			goto fail;
		printf("recipient %ld removed\n", id);
	} else {
		store_close(s);
		return cli_usage_error(c, "'%s' is not add or remove", pos[1]);
	}
	store_close(s);
	return EXIT_OK;
fail:
	store_close(s);
	return cli_fail(c, &err);
}

int cmd_schedule(struct cli *c, int argc, char **argv)
{
	const char *by = NULL, *date = NULL, *from = NULL, *to = NULL, *role = NULL;
	bool as_json = false, daily = false, weekly = false;
	const struct cli_opt opts[] = {{"by", &by, NULL},     {"date", &date, NULL},
				       {"from", &from, NULL}, {"to", &to, NULL},
				       {"role", &role, NULL}, {"json", NULL, &as_json},
				       {"daily", NULL, &daily}, {"weekly", NULL, &weekly},
				       {NULL, NULL, NULL}};
	const char *pos[4];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 1, 4, &n);
	if (!by)
		by = cli_default_user();
	if (!strcmp(pos[0], "run") && n == 1)
		return run(c, by);
	if (!strcmp(pos[0], "list") && n == 1)
		return list(c, false, date, NULL, NULL, role, as_json);
	if (!strcmp(pos[0], "missed") && n == 1)
		return list(c, true, NULL, from, to, NULL, as_json);
	if (!strcmp(pos[0], "digest") && n == 2) {
		if (strcmp(pos[1], DIGEST_DAILY) && strcmp(pos[1], DIGEST_WEEKLY))
			return cli_usage_error(c, "'%s' is not daily or weekly", pos[1]);
		return digest(c, pos[1], date);
	}
	if (!strcmp(pos[0], "recipients"))
		return recipients(c, n, pos, daily, weekly, by);
	return cli_usage_error(c, "'%s' is not run, list, missed, digest or recipients (with their "
				  "arguments)",
			       pos[0]);
}
