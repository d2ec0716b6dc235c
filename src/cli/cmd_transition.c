/* `attend transition`: incoming Year 7 pupils, most at risk first, and the
 * watch over their second and third half-terms; `attend import year6`: a
 * list of Year 6 attendance from primary schools or the local authority. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/parse.h"
#include "app/transition.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend transition [--intake YYYY] [--json]\n"
	"       attend transition watch [--by USER]\n\n"
	"The incoming Year 7 (the intake of academic year YYYY, 2026 or 2026/27; default:\n"
	"next year's when pupils are admitted to Year 7 in it, else this year's), each\n"
	"with their Year 6 attendance (from their CTF, else the Year 6 list: `attend import\n"
	"year6`), band, persistent absence, the pattern of their absence (from a CTF's\n"
	"marks) and characteristics, most at risk first: severe, persistent, at risk, no\n"
	"figures yet, then the rest; within each, higher Year 6 absence first, then more\n"
	"unauthorised absence, then more needs (a child protection or child in need plan,\n"
	"looked after, SEN support or an EHC plan, free school meals).\n\n"
	"Pupils at risk or worse carry a flag through their first three half-terms. In the\n"
	"second and third, `watch` puts early decliners on the attendance lead's review\n"
	"list: attendance this half-term (to date) at least transition_decline_pp points\n"
	"(default 2) below their first half-term, with 10 possible sessions on each side.\n";

static void print_view(const struct engine *e, const struct transition_view *v)
{
	char label[8], text[160];
	date_academic_year_label(v->intake, label);
	printf("Year 7 intake %s: %d pupil%s, most at risk first%s\n", label, v->n, v->n == 1 ? "" : "s",
	       v->half_term ? "" : " (before their first day)");
	for (int i = 0; i < v->n; i++) {
		const struct transition_pupil *tp = &v->v[i];
		printf("%3d. %s %s, %s (%s): %s", i + 1, tp->upn, tp->surname, tp->forename,
		       tp->row >= 0 ? e->m.forms[e->m.rows[tp->row].form] : "not on roll yet",
		       transition_risk_name(tp->rank.risk));
		if (tp->y6.known) {
			int64_t a = tp->rank.absence_pct100, u = tp->rank.unauthorised_pct100;
			printf(", Year 6 absence %lld.%02lld%% (unauthorised %lld.%02lld%%), band %s; %s",
			       (long long)(a / 100), (long long)(a % 100), (long long)(u / 100),
			       (long long)(u % 100), tp->band >= 0 ? stats_band_label(tp->band) : "-",
			       tp->source);
		}
		if (tp->needs.cp || tp->needs.cin || tp->needs.looked_after || tp->needs.fsm ||
		    tp->needs.send == 'K' || tp->needs.send == 'E')
			printf("; needs %d", transition_needs_count(&tp->needs));
		for (int k = 0; k < tp->n_notes; k++)
			printf("; %s", patterns_note_text(&tp->notes[k], text, sizeof text));
		if (tp->watched)
			printf("; half-term %d so far %lld of %lld sessions against %lld of %lld in the "
			       "first%s",
			       v->half_term, (long long)tp->att_now, (long long)tp->possible_now,
			       (long long)tp->att_first, (long long)tp->possible_first,
			       tp->decliner ? ": EARLY DECLINE" : "");
		printf("%s\n", tp->flag ? " [flag]" : "");
	}
}

int cmd_transition(struct cli *c, int argc, char **argv)
{
	const char *intake = NULL, *by = NULL;
	bool json = false;
	const struct cli_opt opts[] = {{"intake", &intake, NULL}, {"by", &by, NULL},
				       {"json", NULL, &json}, {NULL, NULL, NULL}};
	const char *pos[1];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 0, 1, &n);
	bool watch = n == 1 && strcmp(pos[0], "watch") == 0;
	if (n == 1 && !watch)
		return cli_usage_error(c, "'%s' is not watch", pos[0]);
	if (watch && (intake || json))
		return cli_usage_error(c, "transition watch takes --by only");
	if (!watch && by)
		return cli_usage_error(c, "--by goes with `transition watch`");
	struct app_error err = {0};
	int year = 0;
	if (intake && ((year = date_academic_year_parse(intake)) < 1990 || year > 2200)) {
		app_fail(&err, ERR_INPUT, "intake",
			 "intake '%s' is not an academic year such as 2026 or 2026/27", intake);
		return cli_fail(c, &err);
	}
	char user[STORE_USER_MAX];
	struct store *s;
	struct engine e;
	int rc = cli_open_as(c, by, user, &s, &e);
	if (rc)
		return rc;
	if (watch) {
		int added;
		if (transition_watch(&e, clock_today(), &added, &err) < 0)
			rc = cli_fail(c, &err);
		else
			printf("%d early decliner%s put on the review list\n", added, added == 1 ? "" : "s");
	} else {
		struct transition_view v;
		if (transition_build(&e, year, clock_today(), &v, &err) < 0) {
			rc = cli_fail(c, &err);
		} else {
			if (json)
				rc = cli_print_json(c, transition_json(&e, &v));
			else
				print_view(&e, &v);
			transition_free(&v);
		}
	}
	engine_close(&e);
	store_close(s);
	return rc;
}

static const char year6_usage[] =
	"usage: attend import year6 FILE [--by USER]\n\n"
	"Year 6 attendance of incoming pupils from their primary schools or the local\n"
	"authority, for the transition view (when no CTF brings it). A CSV with the\n"
	"columns upn,surname,forename,dob,primary_school,year,possible,attended,\n"
	"authorised,unauthorised and optionally fsm (Y/N) and send (N, K, E). year is the\n"
	"academic year of Year 6 (2025/26); attended + authorised + unauthorised must\n"
	"equal possible. One transaction: a bad row names its line and nothing changes.\n"
	"A pupil's year imported again takes the new figures (the old ones are kept).\n";

int cmd_import_year6(struct cli *c, int argc, char **argv)
{
	const char *by = NULL;
	const struct cli_opt opts[] = {{"by", &by, NULL}, {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = year6_usage;
	c->command = "import year6";
	cli_args(c, argc, argv, opts, pos, 2, 2, &n);
	struct app_error err = {0};
	char user[STORE_USER_MAX];
	struct store *s;
	struct engine e;
	int rc = cli_open_as(c, by, user, &s, &e);
	if (rc)
		return rc;
	struct actor who = {user, "import:year6"};
	struct year6_import_result res;
	if (transition_import_year6(&e, pos[1], &who, &res, &err) < 0)
		rc = cli_fail(c, &err);
	else
		printf("%s: %d pupil%s: %d added, %d changed, %d unchanged\n", pos[1], res.rows,
		       res.rows == 1 ? "" : "s", res.added, res.changed, res.unchanged);
	engine_close(&e);
	store_close(s);
	return rc;
}
