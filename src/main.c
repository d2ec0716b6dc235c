/* attend: the school attendance register. `attend <command> --help` for each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/clock.h"
#include "cli/commands.h"

struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{"init", cmd_init, "create or migrate the database"},
	{"import", cmd_import, "import a calendar, pupils, marks, a CTF or a MIS export"},
	{"mark", cmd_mark, "record or amend one mark"},
	{"history", cmd_history, "every version of one mark"},
	{"stats", cmd_stats, "attendance figures for pupils and groups"},
	{"codes", cmd_codes, "the DfE attendance codes and how they count"},
	{"verify", cmd_verify, "prove the register and its history unaltered"},
	{"migrate", cmd_migrate, "copy schools from one database to another (SQLite to PostgreSQL)"},
	{"export", cmd_export, "write a CTF, the census module, the DfE daily file or evidence"},
	{"transfers", cmd_transfers, "attendance history received from other schools"},
	{"trends", cmd_trends, "week-by-week attendance, changes and the way back to 90%"},
	{"patterns", cmd_patterns, "absence by day, session and holiday; lateness"},
	{"serve", cmd_serve, "serve the web app and the JSON API"},
	{"user", cmd_user, "add web accounts and change passwords"},
	{"contacts", cmd_contacts, "pupils' contacts, and pupils with fewer than two"},
	{"contact", cmd_contact, "the contact log: every contact with a family"},
	{"absence", cmd_absence, "reasons for absence reported by families"},
	{"template", cmd_template, "message templates (text, email, letter)"},
	{"message", cmd_message, "preview a message to a family, or queue it"},
	{"outbox", cmd_outbox, "the outbox: send, list, resend, print letters"},
	{"settings", cmd_settings, "the school's settings"},
	{"demo", cmd_demo, "create realistic demo schools with a year of marks"},
	{"lessons", cmd_lessons, "lesson registers: figures, patterns, disagreements"},
	{"benchmarks", cmd_benchmarks, "the national and local figures the dashboards compare with"},
	{"schedule", cmd_schedule, "the monitoring schedule, its run and the digests to leads"},
	{"notifications", cmd_notifications, "notifications to the LA, social workers and virtual schools"},
	{"pupils", cmd_pupils, "a pupil leaving the admission register, with the ground"},
	{"transition", cmd_transition, "incoming Year 7: Year 6 attendance, most at risk first; the watch"},
	{"casework", cmd_casework, "triggers, the review list, impact and the LA pack"},
	{"family", cmd_family, "families' and pupils' own accounts: invitations and links"},
	{NULL, NULL, NULL},
};

static void usage(FILE *out)
{
	fprintf(out, "usage: attend [--db PATH] <command> [options]\n\n"
		     "The school attendance register. The database is --db PATH, else $ATTEND_DB,\n"
		     "else ./attend.db.\n\ncommands:\n");
	for (const struct command *c = commands; c->name; c++)
		fprintf(out, "  %-13s %s\n", c->name, c->summary);
	fprintf(out, "\n`attend <command> --help` explains each one.\n");
}

int main(int argc, char **argv)
{
	clock_init();
	if (sodium_init() < 0) {
		fprintf(stderr, "attend: libsodium failed to start\n");
		return 1;
	}
	struct cli c = {0};
	c.db = getenv("ATTEND_DB");
	if (!c.db || !*c.db)
		c.db = "attend.db";
	int i = 1;
	/* Global options before the command. */
	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			c.db = argv[i + 1];
			i += 2;
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			c.db = argv[i] + 5;
			i++;
		} else {
			fprintf(stderr, "attend: unknown option '%s'\n\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	for (const struct command *cmd = commands; cmd->name; cmd++) {
		if (strcmp(cmd->name, argv[i]) == 0) {
			c.command = cmd->name;
			return cmd->run(&c, argc - i - 1, argv + i + 1);
		}
	}
	fprintf(stderr, "attend: unknown command '%s'\n\n", argv[i]);
	usage(stderr);
	return 2;
}
