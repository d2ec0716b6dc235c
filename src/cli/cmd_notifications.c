/* `attend notifications`: the notifications to the local authority, social
 * workers and virtual schools (app/notices.h), and `attend pupils`: a
 * pupil leaving the admission register, with the ground. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/admissions.h"
#include "app/clock.h"
#include "app/notices.h"
#include "app/output.h"
#include "app/parse.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend notifications run [--by USER]\n"
	"       attend notifications list [--state open|sent|withdrawn|dismissed|all] [--upn UPN] [--json]\n"
	"       attend notifications send ID [--by USER]\n"
	"       attend notifications done ID --note TEXT [--by USER]\n"
	"       attend notifications dismiss ID --note TEXT [--by USER]\n"
	"       attend notifications export --out FILE [--kind KIND] [--by USER]\n\n"
	"Notifications are raised from the register when they fall due, each with a\n"
	"task for the person the settings name (notify_*):\n"
	"  unauthorised    to the LA: absent without authorisation 10 school days in a row\n"
	"  illness         to the LA: will miss 15 school days through illness, in a row or in\n"
	"                  the school year (days families have reported ahead count)\n"
	"  admission       to the LA: a pupil added to the admission register\n"
	"  deletion        to the LA: a pupil's name deleted, with the ground\n"
	"  cme             joint enquiries with the LA after 20 school days of G, N or O\n"
	"  social_worker   to the pupil's social worker: an unexplained absence, on day one\n"
	"  virtual_school  to a looked-after child's virtual school: the same\n\n"
	"run      raises what is due and was not raised (marks of earlier days, imports)\n"
	"list     the open notifications (or --state), oldest due first\n"
	"send     a social worker's or virtual school's notice: the email, through the outbox\n"
	"done     told another way (a call, a meeting): --note says how\n"
	"dismiss  not needed: --note says why\n"
	"export   the local authority's file for its portal: every open notification to the\n"
	"         LA (of --kind), written whole to FILE and recorded as sent in it\n";

static int list(struct cli *c, struct engine *e, const char *state, const char *upn, bool json)
{
	struct app_error err = {0};
	if (state && strcmp(state, "all") != 0 && strcmp(state, "open") != 0 &&
	    strcmp(state, "sent") != 0 && strcmp(state, "withdrawn") != 0 &&
	    strcmp(state, "dismissed") != 0) {
		app_fail(&err, ERR_INPUT, "state",
			 "state '%s' is not open, sent, withdrawn, dismissed or all", state);
		return cli_fail(c, &err);
	}
	const char *st = !state ? "open" : strcmp(state, "all") == 0 ? NULL : state;
	json_t *out = notices_json(e, st, upn, clock_today(), &err);
	if (!out)
		return cli_fail(c, &err);
	if (json)
		return cli_print_json(c, out);
	json_t *list = json_object_get(out, "notifications"), *n;
	size_t i;
	if (json_array_size(list) == 0)
		printf("(no %s notifications)\n", st ? st : "");
	json_array_foreach(list, i, n)
	{
		const char *s = json_string_value(json_object_get(n, "state"));
		printf("#%lld due %s%s  %-15s %s %s (%s): %s  [%s%s%s]\n",
		       (long long)json_integer_value(json_object_get(n, "id")),
		       json_string_value(json_object_get(n, "due_date")),
		       json_is_true(json_object_get(n, "overdue")) ? " OVERDUE" : "",
		       json_string_value(json_object_get(n, "kind")),
		       json_string_value(json_object_get(n, "upn")),
		       json_string_value(json_object_get(n, "name")),
		       json_string_value(json_object_get(n, "form")),
		       json_string_value(json_object_get(n, "detail")), s,
		       strcmp(s, "open") ? ": " : "", json_string_value(json_object_get(n, "outcome")));
	}
	json_decref(out);
	return EXIT_OK;
}

static int export_la(struct cli *c, struct engine *e, const char *kind, const char *out,
		     const char *by)
{
	struct app_error err = {0};
	int k = -1;
	if (kind && ((k = notice_kind_parse(kind)) < 0 ||
		     notice_recipient((enum notice_kind)k) != NOTICE_TO_LA)) {
		app_fail(&err, ERR_INPUT, "kind",
			 "kind '%s' is not one the LA gets: unauthorised, illness, admission, "
			 "deletion or cme", kind);
		return cli_fail(c, &err);
	}
	const char *base = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;
	char *csv = NULL;
	size_t len = 0;
	int n, waiting;
	if (engine_begin(e, &err) < 0)
		return cli_fail(c, &err);
	int rc = notices_la_file_write(e, k, base, by, &csv, &len, &n, &waiting, &err);
	/* the file first: a notification is recorded as sent only in a file that exists */
	if (rc == 0 && n > 0)
		rc = output_write(out, csv, len, &err);
	if (engine_end(e, rc, &err) < 0) {
		free(csv);
		return cli_fail(c, &err);
	}
	char sha[OUTPUT_SHA256_HEX];
	output_sha256(csv, len, sha);
	free(csv);
	if (n == 0)
		printf("nothing to send to the local authority: no file written\n");
	else
		printf("%d notification%s to the local authority written to %s (SHA-256 %s)\n", n,
		       n == 1 ? "" : "s", out, sha);
	if (waiting)
		printf("%d deletion%s wait%s for the ground of deletion (`attend pupils leave`)\n",
		       waiting, waiting == 1 ? "" : "s", waiting == 1 ? "s" : "");
	return EXIT_OK;
}

int cmd_notifications(struct cli *c, int argc, char **argv)
{
	const char *by = NULL, *state = NULL, *upn = NULL, *note = NULL, *out = NULL, *kind = NULL;
	bool json = false;
	const struct cli_opt opts[] = {{"by", &by, NULL},     {"state", &state, NULL},
				       {"upn", &upn, NULL},   {"note", &note, NULL},
				       {"out", &out, NULL},   {"kind", &kind, NULL},
				       {"json", NULL, &json}, {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 1, 2, &n);
	const char *what = pos[0];
	bool run = !strcmp(what, "run"), ls = !strcmp(what, "list"), send = !strcmp(what, "send"),
	     done = !strcmp(what, "done"), dismiss = !strcmp(what, "dismiss"),
	     export = !strcmp(what, "export");
	if (!run && !ls && !send && !done && !dismiss && !export)
		return cli_usage_error(c, "'%s' is not run, list, send, done, dismiss or export", what);
	bool takes_id = send || done || dismiss;
	if (takes_id != (n == 2))
		return cli_usage_error(c, takes_id ? "notifications %s needs the notification's ID"
						   : "notifications %s takes no ID",
				       what);
	if ((state || upn || json) && !ls)
		return cli_usage_error(c, "--state, --upn and --json go with `notifications list`");
	if (note && !done && !dismiss)
		return cli_usage_error(c, "--note goes with done and dismiss");
	if ((out || kind) && !export)
		return cli_usage_error(c, "--out and --kind go with `notifications export`");
	if (export && !out)
		return cli_usage_error(c, "--out FILE is required: the file for the LA's portal");
	struct app_error err = {0};
	char user[STORE_USER_MAX];
	long id = 0;
	if (takes_id && parse_int_field("id", pos[1], 1, 1L << 53, &id, &err) < 0)
		return cli_fail(c, &err);
	struct store *s;
	struct engine e;
	int rc = cli_open_as(c, by, user, &s, &e);
	if (rc)
		return rc;
	struct actor who = {user, "notifications"};
	if (ls) {
		rc = list(c, &e, state, upn, json);
	} else if (export) {
		rc = export_la(c, &e, kind, out, user);
	} else if (run) {
		int raised;
		if (notices_run(&e, clock_today(), &who, &raised, &err) < 0)
			rc = cli_fail(c, &err);
		else
			printf("%d notification%s raised\n", raised, raised == 1 ? "" : "s");
	} else {
		if (engine_begin(&e, &err) == 0)
			engine_end(&e,
				   send ? notices_send_write(&e, id, user, &err)
					: notices_finish_write(&e, id, dismiss, note, user, &err),
				   &err);
		if (err.kind != ERR_NONE)
			rc = cli_fail(c, &err);
		else
			printf("notification %ld %s\n", id,
			       send ? "sent to the outbox" : dismiss ? "dismissed" : "recorded as told");
	}
	engine_close(&e);
	store_close(s);
	return rc;
}

/* ---- attend pupils ---- */

static const char pupils_usage[] =
	"usage: attend pupils leave UPN --date DATE --ground GROUND [--detail TEXT] [--by USER]\n"
	"       attend pupils grounds\n\n"
	"leave    the pupil's name leaves the admission register after DATE (their last day\n"
	"         on roll), on GROUND, one of the grounds of the School Attendance (Pupil\n"
	"         Registration) (England) Regulations 2024, regulation 9 (its code, such as\n"
	"         9(1)(a), or its name, such as another_school); --detail says what else the\n"
	"         local authority should know (the new school). The LA's deletion notification\n"
	"         is raised with it. Giving the date a pupil already left on records the ground.\n"
	"grounds  the grounds, with their codes and names.\n";

int cmd_pupils(struct cli *c, int argc, char **argv)
{
	const char *date = NULL, *ground = NULL, *detail = NULL, *by = NULL;
	const struct cli_opt opts[] = {{"date", &date, NULL},
				       {"ground", &ground, NULL},
				       {"detail", &detail, NULL},
				       {"by", &by, NULL},
				       {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = pupils_usage;
	cli_args(c, argc, argv, opts, pos, 1, 2, &n);
	if (strcmp(pos[0], "grounds") == 0) {
		if (n != 1 || date || ground || detail || by)
			return cli_usage_error(c, "pupils grounds takes nothing more");
		for (int i = 0; i < leaving_ground_count(); i++) {
			const struct leaving_ground *g = leaving_ground_at(i);
			printf("%-8s %-26s %s\n", g->code, g->name, g->label);
		}
		return EXIT_OK;
	}
	if (strcmp(pos[0], "leave") != 0)
		return cli_usage_error(c, "'%s' is not leave or grounds", pos[0]);
	if (n != 2)
		return cli_usage_error(c, "pupils leave needs the pupil's UPN");
	if (!date)
		return cli_usage_error(c, "--date DATE is required: the pupil's last day on roll");
	struct app_error err = {0};
	char user[STORE_USER_MAX];
	struct leave_request rq = {.upn = pos[1], .ground = ground, .detail = detail};
	if (parse_date_field("date", date, &rq.date, &err) < 0 || admission_leave_check(&rq, &err) < 0)
		return cli_fail(c, &err);
	struct store *s;
	struct engine e;
	int rc = cli_open_as(c, by, user, &s, &e);
	if (rc)
		return rc;
	struct actor who = {user, "cli"};
	if (admission_leave(&e, &rq, &who, &err) < 0)
		rc = cli_fail(c, &err);
	else
		printf("%s leaves the admission register after %s (%s)\n", rq.upn, date,
		       leaving_ground_find(ground)->code);
	engine_close(&e);
	store_close(s);
	return rc;
}
