/* `attend absence`: reasons for absence reported by families. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "app/absence.h"
#include "app/clock.h"
#include "app/parse.h"
#include "cli/cli_list.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend absence report UPN --from DATE [--from-session AM|PM] [--to DATE]\n"
	"                 [--to-session AM|PM] --code CODE [--note TEXT] [--expected-return DATE]\n"
	"                 (--contact PRIORITY | --reported-by NAME) --channel CHANNEL --by USER\n"
	"       attend absence list [--date DATE] [--upn UPN] [--json]\n"
	"       attend absence apply [--by USER]\n\n"
	"report  records the reason a family gave for an absence (from --from AM to --to PM\n"
	"        by default; --to defaults to --from) and sets the code on the register:\n"
	"        sessions that have happened, or are today, get it now (a mark of N or O is\n"
	"        amended, with the report as the reason; any other mark is kept); sessions\n"
	"        still to come get it now when it can be known in advance (M, R, J1, ...),\n"
	"        otherwise (I, O) when that session's register is taken.\n"
	"        CODE: " ABSENCE_CODES ". CHANNEL: call, text, email, app,\n"
	"        in_person or letter. --contact is the contact's priority.\n"
	"list    reports touching a day (default: every report), with what became of each\n"
	"        session: applied, pending, kept or attended.\n"
	"apply   writes the code of pending sessions whose day has come and that have no\n"
	"        mark yet (what the register does when it opens).\n";

static int parse_session(const char *field, const char *text, enum session dflt, enum session *out,
			 struct app_error *err)
{
	if (!text) {
		*out = dflt;
		return 0;
	}
	int v = session_parse(text);
	if (v < 0)
		return app_fail(err, ERR_INPUT, field, "%s '%s' is not AM or PM", field, text);
	*out = (enum session)v;
	return 0;
}

struct list_out {
	struct cli_list l;
	const struct engine *e;
	json_t *sessions;
};

static int print_session(void *ctx, const struct absence_session_rec *x)
{
	struct list_out *o = ctx;
	char d[DATE_ISO_LEN];
	date_format(x->date, d);
	if (o->sessions)
		return json_array_append_new(o->sessions,
					     json_pack("{s:s, s:s, s:s, s:s}", "date", d, "session",
						       session_name(x->session), "state", x->state,
						       "detail", x->detail));
	printf("      %s %s  %-8s %s\n", d, session_name(x->session), x->state, x->detail);
	return 0;
}

static const char *upn_of(const struct engine *e, int64_t pupil_id)
{
	for (int r = 0; r < e->m.n_rows; r++)
		if (e->m.rows[r].pupil_id == pupil_id)
			return e->m.rows[r].upn;
	return "?";
}

static int print_report(void *ctx, const struct absence_report_rec *r)
{
	struct list_out *o = ctx;
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], x[DATE_ISO_LEN];
	const char *upn = upn_of(o->e, r->pupil_id);
	date_format(r->from_date, a);
	date_format(r->to_date, b);
	o->l.n++;
	if (o->l.items) {
		o->sessions = json_array();
		int rc = store_absence_sessions_each(o->e->store, o->e->school.id, r->id, print_session, o);
		json_array_append_new(
			o->l.items,
			json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:o}",
				  "id", (json_int_t)r->id, "upn", upn, "from", a, "from_session",
				  session_name(r->from_session), "to", b, "to_session",
				  session_name(r->to_session), "code", code_text(r->code, SESSION_AM),
				  "note", r->note, "expected_return",
				  r->expected_return == DATE_INVALID
					  ? json_null()
					  : json_string(date_format(r->expected_return, x)),
				  "reported_by", r->reported_by, "channel", r->channel, "recorded_by",
				  r->recorded_by, "recorded_at", r->recorded_at, "sessions", o->sessions));
		o->sessions = NULL;
		return rc;
	}
	printf("#%lld %s %s %s to %s %s: %s%s%s (%s, by %s; recorded by %s)%s%s\n", (long long)r->id,
	       upn, a, session_name(r->from_session), b, session_name(r->to_session),
	       code_text(r->code, SESSION_AM), r->note[0] ? " - " : "", r->note, r->reported_by,
	       r->channel, r->recorded_by, r->expected_return != DATE_INVALID ? "; back " : "",
	       r->expected_return != DATE_INVALID ? date_format(r->expected_return, x) : "");
	return store_absence_sessions_each(o->e->store, o->e->school.id, r->id, print_session, o);
}

static int absence_list(struct cli *c, const char *date, const char *upn, bool json)
{
	struct app_error err = {0};
	date_t day = DATE_INVALID;
	if (date && parse_date_field("date", date, &day, &err) < 0)
		return cli_fail(c, &err);
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	int64_t pupil_id;
	if ((rc = cli_pupil_id(c, &e, upn, &pupil_id)) == EXIT_OK) {
		struct list_out o = {{json ? json_array() : NULL, 0}, &e, NULL};
		rc = cli_list_end(c, s, store_absence_reports_each(s, e.school.id, day, pupil_id, print_report, &o),
				  &o.l, "reports", NULL, "(no absence reports)");
	}
	engine_close(&e);
	store_close(s);
	return rc;
}

int cmd_absence(struct cli *c, int argc, char **argv)
{
	const char *from = NULL, *from_s = NULL, *to = NULL, *to_s = NULL, *code = NULL,
		   *note = NULL, *ret = NULL, *contact = NULL, *reported_by = NULL, *channel = NULL,
		   *by = NULL, *date = NULL, *upn = NULL;
	bool json = false;
	const struct cli_opt opts[] = {
		{"from", &from, NULL},	       {"from-session", &from_s, NULL}, {"to", &to, NULL},
		{"to-session", &to_s, NULL},   {"code", &code, NULL},	       {"note", &note, NULL},
		{"expected-return", &ret, NULL}, {"contact", &contact, NULL},
		{"reported-by", &reported_by, NULL}, {"channel", &channel, NULL}, {"by", &by, NULL},
		{"date", &date, NULL},	       {"upn", &upn, NULL},	       {"json", NULL, &json},
		{NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 1, 2, &n);
	if (strcmp(pos[0], "list") == 0)
		return n == 1 ? absence_list(c, date, upn, json)
			      : cli_usage_error(c, "absence list takes no UPN (use --upn)");
	bool apply = strcmp(pos[0], "apply") == 0;
	if (!apply && strcmp(pos[0], "report") != 0)
		return cli_usage_error(c, "'%s' is not report, list or apply", pos[0]);
	if (apply && n != 1)
		return cli_usage_error(c, "absence apply takes no UPN");
	if (!apply && n != 2)
		return cli_usage_error(c, "absence report needs a UPN");
	if (!apply && (!by || !*by))
		return cli_usage_error(c, "--by USER is required: the register records who made each mark");
	struct app_error err = {0};
	char user[STORE_USER_MAX], text[512] = "";
	if (parse_text_field("by", by ? by : cli_default_user(), user, sizeof user, 1, &err) < 0)
		return cli_fail(c, &err);
	struct absence_request rq = {.upn = pos[1], .expected_return = DATE_INVALID};
	if (!apply) {
		long prio = 0;
		if (!from)
			return cli_usage_error(c, "--from DATE is required");
		if (!code)
			return cli_usage_error(c, "--code is required: the reason's DfE code");
		if (!channel)
			return cli_usage_error(c, "--channel is required: how the family told the school");
		if (parse_date_field("from", from, &rq.from, &err) < 0 ||
		    parse_date_field("to", to ? to : from, &rq.to, &err) < 0 ||
		    parse_session("from_session", from_s, SESSION_AM, &rq.from_session, &err) < 0 ||
		    parse_session("to_session", to_s, SESSION_PM, &rq.to_session, &err) < 0 ||
		    (ret && parse_date_field("expected_return", ret, &rq.expected_return, &err) < 0) ||
		    (contact && parse_int_field("contact", contact, 1, 99, &prio, &err) < 0) ||
		    (note && parse_text_field("note", note, text, sizeof text, 0, &err) < 0))
			return cli_fail(c, &err);
		rq.code = code_parse(code);
		if (rq.code == CODE_NONE) {
			app_fail(&err, ERR_INPUT, "code", "'%s' is not a DfE attendance code (`attend codes` lists them)",
				 code);
			return cli_fail(c, &err);
		}
		rq.contact_priority = (int)prio;
		rq.reported_by = reported_by;
		rq.note = text;
		rq.channel = channel;
	}
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	struct actor who = {user, apply ? "absence-apply" : "absence-report"};
	if (apply) {
		int applied;
		if (absence_apply_due(&e, clock_today(), &who, &applied, &err) < 0)
			rc = cli_fail(c, &err);
		else
			printf("%d pending session%s applied\n", applied, applied == 1 ? "" : "s");
	} else {
		struct absence_outcome o;
		if (absence_report(&e, &rq, &who, clock_today(), &o, &err) < 0)
			rc = cli_fail(c, &err);
		else
			printf("absence report #%lld for %s: %d recorded, %d amended, %d already so, "
			       "%d kept, %d pending\n",
			       (long long)o.report_id, rq.upn, o.recorded, o.amended, o.unchanged,
			       o.kept, o.pending);
	}
	engine_close(&e);
	store_close(s);
	return rc;
}
