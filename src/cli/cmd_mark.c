/* `attend mark` and `attend history`: one mark, and every version of it. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "app/clock.h"
#include "app/history.h"
#include "app/marks.h"
#include "app/parse.h"
#include "cli/commands.h"

static const char mark_usage[] =
	"usage: attend mark UPN DATE AM|PM CODE [--minutes-late N] --by USER [--reason TEXT]\n\n"
	"Records the mark of one session, or amends it. An amendment needs --reason;\n"
	"the earlier version is kept in the history with who, when and why.\n"
	"CODE is a DfE code (`attend codes`); minutes late go with L and U.\n";

int cmd_mark(struct cli *c, int argc, char **argv)
{
	const char *minutes = NULL, *by = NULL, *reason = NULL;
	const struct cli_opt opts[] = {{"minutes-late", &minutes, NULL},
				       {"by", &by, NULL},
				       {"reason", &reason, NULL},
				       {NULL, NULL, NULL}};
	const char *pos[4];
	int n;
	c->usage = mark_usage;
	cli_args(c, argc, argv, opts, pos, 4, 4, &n);
	if (!by || !*by)
		return cli_usage_error(c, "--by USER is required: the register records who made each mark");
	struct app_error err = {0};
	char user[STORE_USER_MAX], why[512] = "";
	struct mark_input in = {.upn = pos[0]};
	if (parse_text_field("by", by, user, sizeof user, 1, &err) < 0 ||
	    (reason && parse_text_field("reason", reason, why, sizeof why, 0, &err) < 0) ||
	    parse_mark_fields(pos[1], pos[2], pos[3], minutes, &in, &err) < 0)
		return cli_fail(c, &err);

	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	struct actor who = {user, "cli"};
	enum mark_outcome outcome;
	if (engine_begin(&e, &err) < 0 ||
	    marks_write(&e, &in, &who, why, true, &outcome, &err) < 0 || engine_commit(&e, &err) < 0) {
		engine_rollback(&e);
		rc = cli_fail(c, &err);
	} else {
		static const char *said[] = {"recorded", "amended", "unchanged (already recorded)"};
		printf("%s %s %s: %s %s\n", in.upn, pos[1], session_name(in.session),
		       code_text(in.code, in.session), said[outcome]);
	}
	engine_close(&e);
	store_close(s);
	return rc;
}

static const char history_usage[] =
	"usage: attend history UPN DATE AM|PM [--json]\n\n"
	"Every version of one mark, oldest first, with who made it, when and why.\n";

struct history_out {
	json_t *list;
	int n;
};

static int print_version(void *ctx, const struct mark_rec *m)
{
	struct history_out *h = ctx;
	char when[CLOCK_ISO_LEN], minutes[16] = "";
	if (m->minutes_late >= 0)
		snprintf(minutes, sizeof minutes, "%d", m->minutes_late);
	if (h->list) {
		json_array_append_new(h->list, history_version_json(m));
	} else {
		printf("v%-3d %-3s %-4s %-19s %-16s %s%s%s\n", m->version,
		       code_text(m->code, m->session), minutes,
		       clock_local_display(m->recorded_at, when), m->recorded_by,
		       m->reason[0] ? m->reason : (m->version == 1 ? "first entry" : "-"),
		       m->source[0] ? "  via " : "", m->source);
	}
	h->n++;
	return 0;
}

int cmd_history(struct cli *c, int argc, char **argv)
{
	bool json = false;
	const struct cli_opt opts[] = {{"json", NULL, &json}, {NULL, NULL, NULL}};
	const char *pos[3];
	int n;
	c->usage = history_usage;
	cli_args(c, argc, argv, opts, pos, 3, 3, &n);
	struct app_error err = {0};
	date_t day;
	int session = session_parse(pos[2]);
	if (parse_date_field("date", pos[1], &day, &err) < 0)
		return cli_fail(c, &err);
	if (session < 0) {
		app_fail(&err, ERR_INPUT, "session", "session '%s' is not AM or PM", pos[2]);
		return cli_fail(c, &err);
	}
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	int row = engine_pupil_row(&e, pos[0]);
	if (row < 0) {
		app_fail(&err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", pos[0]);
		rc = cli_fail(c, &err);
		goto out;
	}
	struct history_out h = {0};
	if (json)
		h.list = json_array();
	else
		printf("%s %s %s\n%-4s %-3s %-4s %-19s %-16s %s\n", pos[0], pos[1],
		       session_name((enum session)session), "ver", "code", "late", "when (local)", "by",
		       "why");
	if (store_history_each(s, e.school.id, e.m.rows[row].pupil_id, day, (enum session)session,
			       print_version, &h) < 0) {
		app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(s));
		json_decref(h.list);
		rc = cli_fail(c, &err);
		goto out;
	}
	if (json) {
		json_t *out = json_pack("{s:s, s:s, s:s, s:o}", "upn", pos[0], "date", pos[1],
					"session", session_name((enum session)session), "versions",
					h.list);
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
		putchar('\n');
		json_decref(out);
	} else if (h.n == 0) {
		printf("(no mark recorded for this session)\n");
	}
out:
	engine_close(&e);
	store_close(s);
	return rc;
}
