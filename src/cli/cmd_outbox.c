/* `attend outbox`: the durable outbox and its worker. */
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/parse.h"
#include "cli/cli_list.h"
#include "cli/commands.h"
#include "comms/outbox.h"

static const char usage[] =
	"usage: attend outbox run [--once]\n"
	"       attend outbox list [--status STATUS] [--upn UPN] [--json]\n"
	"       attend outbox show ID\n"
	"       attend outbox pdf ID --out FILE\n"
	"       attend outbox resend ID --by USER\n"
	"       attend outbox posted ID --by USER\n\n"
	"run     sends what is due (email by SMTP, texts by the SMS gateway), retrying\n"
	"        temporary failures with exponential backoff, until stopped (SIGTERM or\n"
	"        Ctrl-C); --once sends what is due now and stops. One worker per school.\n"
	"        Settings: smtp_url, smtp_user, smtp_password, smtp_from, smtp_starttls\n"
	"        (optional, required, off), smtp_ca_file, sms_url, sms_token, sms_sender,\n"
	"        outbox_max_attempts, outbox_backoff_seconds, outbox_backoff_max_seconds.\n"
	"list    messages, newest first. STATUS: queued, sending, sent, failed, unknown,\n"
	"        to_print, posted.\n"
	"resend  queues a failed or unknown message again. A message is unknown when the\n"
	"        worker stopped after the whole message had left and before the server\n"
	"        answered: it may have been delivered, so it is never resent without a\n"
	"        person deciding to.\n"
	"posted  records a letter printed and posted.\n";

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static void say_line(void *ctx, const char *line)
{
	(void)ctx;
	printf("%s\n", line);
	fflush(stdout);
}

static int open_school(struct cli *c, struct store **s, struct school_rec *school)
{
	int rc = cli_open_store(c, s, false);
	if (rc)
		return rc;
	if (store_school_get(*s, cli_school_urn(), school) != 0) {
		struct app_error err = {0};
		app_fail(&err, ERR_INPUT, NULL, "the database has no school yet: run `attend init`");
		store_close(*s);
		return cli_fail(c, &err);
	}
	return EXIT_OK;
}

static int outbox_run(struct cli *c, bool once)
{
	struct store *s;
	struct school_rec school;
	int rc = open_school(c, &s, &school);
	if (rc)
		return rc;
	struct app_error err = {0};
	struct outbox_worker w = {.s = s, .school_id = school.id, .say = say_line};
	if (outbox_load_settings(s, school.id, &w.cfg, &w.pol, &err) < 0 || outbox_start(&w, &err) < 0) {
		rc = cli_fail(c, &err);
		store_close(s);
		return rc;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	int r = once ? outbox_run_due(&w, &err) : outbox_loop(&w, &stopping, &err);
	if (r < 0)
		rc = cli_fail(c, &err);
	outbox_stop(&w);
	printf("outbox: %d sent, %d to retry, %d failed, %d unknown, %d queued again after a stop\n",
	       w.sent, w.retried, w.failed, w.unknown, w.requeued);
	store_close(s);
	return rc;
}

static int print_row(void *ctx, const struct outbox_rec *r)
{
	struct cli_list *o = ctx;
	o->n++;
	if (o->items)
		return json_array_append_new(
			o->items,
			json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:b, s:s, s:s}",
				  "id", (json_int_t)r->id, "status", r->status, "channel", r->channel,
				  "template", r->template_name, "language", r->language, "to",
				  r->recipient_name, "address", r->recipient, "subject", r->subject,
				  "attempts", r->attempts, "next_attempt_at", r->next_attempt_at,
				  "accepted_id", r->accepted_id, "error", r->last_error, "message_id",
				  r->message_id, "pdf", r->has_pdf, "queued_by", r->queued_by,
				  "sent_at", r->sent_at));
	printf("%-5lld %-8s %-5s %-26s %-28s att %d%s%s%s%s%s\n", (long long)r->id, r->status,
	       r->channel, r->template_name, r->recipient, r->attempts, r->has_pdf ? "  [PDF]" : "",
	       r->accepted_id[0] ? "  accepted as " : "", r->accepted_id,
	       r->last_error[0] ? "  " : "", r->last_error);
	return 0;
}

static int outbox_list(struct cli *c, const char *status, const char *upn, bool json)
{
	static const char *statuses[] = {"queued", "sending", "sent",   "failed",
					 "unknown", "to_print", "posted", NULL};
	struct app_error err = {0};
	bool ok = !status;
	for (int i = 0; statuses[i] && !ok; i++)
		ok = strcmp(status, statuses[i]) == 0;
	if (!ok) {
		app_fail(&err, ERR_INPUT, "status",
			 "status '%s' is not queued, sending, sent, failed, unknown, to_print or posted",
			 status);
		return cli_fail(c, &err);
	}
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	int64_t pupil_id;
	if ((rc = cli_pupil_id(c, &e, upn, &pupil_id)) == EXIT_OK) {
		struct cli_list o = {json ? json_array() : NULL, 0};
		rc = cli_list_end(c, s, store_outbox_each(s, e.school.id, status, pupil_id, print_row, &o), &o,
				  "messages", NULL, "(no messages)");
	}
	engine_close(&e);
	store_close(s);
	return rc;
}

int cmd_outbox(struct cli *c, int argc, char **argv)
{
	bool once = false, json = false;
	const char *status = NULL, *upn = NULL, *out = NULL, *by = NULL;
	const struct cli_opt opts[] = {{"once", NULL, &once}, {"json", NULL, &json},
				       {"status", &status, NULL}, {"upn", &upn, NULL},
				       {"out", &out, NULL},	  {"by", &by, NULL},
				       {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 1, 2, &n);
	const char *what = pos[0];
	if (strcmp(what, "run") == 0)
		return n == 1 ? outbox_run(c, once) : cli_usage_error(c, "outbox run takes no ID");
	if (strcmp(what, "list") == 0)
		return n == 1 ? outbox_list(c, status, upn, json) : cli_usage_error(c, "outbox list takes no ID");
	bool show = strcmp(what, "show") == 0, pdf = strcmp(what, "pdf") == 0,
	     resend = strcmp(what, "resend") == 0, posted = strcmp(what, "posted") == 0;
	if (!show && !pdf && !resend && !posted)
		return cli_usage_error(c, "'%s' is not run, list, show, pdf, resend or posted", what);
	if (n != 2)
		return cli_usage_error(c, "outbox %s needs a message ID", what);
	if (pdf && !out)
		return cli_usage_error(c, "--out FILE is required");
	if ((resend || posted) && (!by || !*by))
		return cli_usage_error(c, "--by USER is required");
	struct app_error err = {0};
	long id;
	char user[STORE_USER_MAX] = "";
	if (parse_int_field("id", pos[1], 1, 1L << 40, &id, &err) < 0 ||
	    (by && parse_text_field("by", by, user, sizeof user, 1, &err) < 0))
		return cli_fail(c, &err);
	struct store *s;
	struct school_rec school;
	int rc = open_school(c, &s, &school);
	if (rc)
		return rc;
	if (resend || posted) {
		if ((resend ? outbox_resend : outbox_mark_posted)(s, school.id, id, user, &err) < 0)
			rc = cli_fail(c, &err);
		else
			printf("message %ld %s\n", id, resend ? "queued again" : "recorded as posted");
		store_close(s);
		return rc;
	}
	struct outbox_rec r;
	int got = store_outbox_get(s, school.id, id, true, &r);
	if (got != 0) {
		app_fail(&err, got < 0 ? ERR_INTERNAL : ERR_NOT_FOUND, "id", "%s",
			 got < 0 ? store_error(s) : "no such message in the outbox");
		store_close(s);
		return cli_fail(c, &err);
	}
	if (pdf) {
		FILE *f = r.pdf ? fopen(out, "wb") : NULL;
		if (!r.pdf) {
			app_fail(&err, ERR_INPUT, "id", "message %ld is not a letter: it has no PDF", id);
			rc = cli_fail(c, &err);
		} else if (!f || fwrite(r.pdf, 1, r.pdf_len, f) != r.pdf_len) {
			app_fail(&err, ERR_INPUT, "out", "cannot write %s", out);
			rc = cli_fail(c, &err);
		} else {
			printf("%s: %zu bytes\n", out, r.pdf_len);
		}
		if (f)
			fclose(f);
	} else {
		printf("message %lld: %s, %s to %s <%s>\ntemplate %s (%s); queued by %s at %s; "
		       "%d attempt%s%s%s%s%s\nMessage-ID %s\n%s%s%s\n%s\n",
		       (long long)r.id, r.status, r.channel, r.recipient_name, r.recipient,
		       r.template_name, r.language, r.queued_by, r.queued_at, r.attempts,
		       r.attempts == 1 ? "" : "s", r.accepted_id[0] ? "; accepted as " : "",
		       r.accepted_id, r.last_error[0] ? "\n" : "", r.last_error, r.message_id,
		       r.subject[0] ? "subject: " : "", r.subject, r.subject[0] ? "\n" : "", r.body);
	}
	outbox_rec_free(&r);
	store_close(s);
	return rc;
}
