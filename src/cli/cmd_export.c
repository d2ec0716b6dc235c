/* `attend export ctf|census|dfe-daily`: the files a school sends to other
 * schools and to the DfE. Each goes to --out FILE (written whole or not at
 * all) or to stdout; the summary goes to stdout with --out, else stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/census_export.h"
#include "app/clock.h"
#include "app/ctf.h"
#include "app/dfe_daily.h"
#include "app/evidence.h"
#include "app/output.h"
#include "app/parse.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend export ctf --upn UPN[,UPN...] [--dest LEA/ESTAB] [--out FILE]\n"
	"       attend export census --term autumn|spring|summer --year YYYY [--out FILE]\n"
	"       attend export dfe-daily --date DATE [--out FILE]\n"
	"       attend export evidence --upn UPN --from DATE --to DATE [--out FILE.pdf|FILE.csv]\n"
	"                 [--by USER]\n\n"
	"ctf        a Common Transfer File for pupils leaving: their attendance at this\n"
	"           school by academic year (totals and every session's mark), and the\n"
	"           history received from their earlier schools. --dest is where they go\n"
	"           (default MMM/MMMM: not known).\n"
	"census     the school census attendance module of the census held in YYYY\n"
	"           (spring: 1 August to 31 December before it; summer: 1 January to\n"
	"           Easter Sunday; autumn: the summer term, in its two half-terms), for\n"
	"           pupils aged 5 to 15 on 31 August, with a summary to check against\n"
	"           `attend stats` before sending.\n"
	"dfe-daily  the DfE's daily attendance data for DATE: every pupil on roll with\n"
	"           their AM and PM codes, and the sessions of the 7 days before whose\n"
	"           marks were entered or amended later.\n"
	"evidence   the register extract for a penalty notice or a prosecution: every session\n"
	"           of the pupil from DATE to DATE with its code, every amendment (who, when,\n"
	"           why), the contact log, first-day actions, messages and letters sent and\n"
	"           notifications raised, with the result of verifying the pupil's register.\n"
	"           A PDF when FILE ends .pdf, else CSV; the CSV's last line holds the\n"
	"           SHA-256 of the lines before it, which the PDF prints too. The file's own\n"
	"           SHA-256 is printed and kept in the audit log.\n\n"
	"Without --out the file goes to standard output.\n";

/* The summary goes where the file does not. */
static FILE *summary_stream(const char *out)
{
	return out && strcmp(out, "-") != 0 ? stdout : stderr;
}

static int export_ctf(struct cli *c, struct engine *e, const char *upn_list, const char *dest,
		      const char *out)
{
	struct app_error err = {0};
	struct ctf_dest d = {"MMM", "MMMM"};
	if (dest && ctf_dest_parse(dest, &d, &err) < 0)
		return cli_fail(c, &err);
	char *list = strdup(upn_list);
	const char **upns = calloc(strlen(upn_list) / 2 + 2, sizeof *upns);
	int n = 0, rc = EXIT_OK;
	if (!list || !upns) {
		free(list);
		free(upns);
		app_fail(&err, ERR_INTERNAL, NULL, "out of memory");
		return cli_fail(c, &err);
	}
	for (char *save = NULL, *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save))
		upns[n++] = t;
	if (n == 0)
		rc = cli_usage_error(c, "--upn needs at least one UPN");
	else if (ctf_export(e, upns, n, &d, &(struct output){.path = out}, &err) < 0)
		rc = cli_fail(c, &err);
	else
		fprintf(summary_stream(out), "CTF for %d pupil%s to %s/%s written to %s\n", n,
			n == 1 ? "" : "s", d.lea, d.estab, out ? out : "standard output");
	free(list);
	free(upns);
	return rc;
}

static int export_census(struct cli *c, struct engine *e, const char *term, const char *year,
			 const char *out)
{
	struct app_error err = {0};
	int t = census_term_parse(term);
	long y;
	if (t < 0) {
		app_fail(&err, ERR_INPUT, "term", "term '%s' is not autumn, spring or summer", term);
		return cli_fail(c, &err);
	}
	if (parse_int_field("year", year, 2000, 2200, &y, &err) < 0)
		return cli_fail(c, &err);
	if (census_export(e, (enum census_term)t, (int)y, &(struct output){.path = out},
			  summary_stream(out), &err) < 0)
		return cli_fail(c, &err);
	return EXIT_OK;
}

static int export_daily(struct cli *c, struct engine *e, const char *date, const char *out)
{
	struct app_error err = {0};
	date_t day;
	struct dfe_daily_result res;
	if (parse_date_field("date", date, &day, &err) < 0 ||
	    dfe_daily_export(e, day, &(struct output){.path = out}, &res, &err) < 0)
		return cli_fail(c, &err);
	fprintf(summary_stream(out),
		"DfE daily data for %s: %d pupil%s on roll, %d earlier day%s with changes, written "
		"to %s\n",
		date, res.pupils, res.pupils == 1 ? "" : "s", res.changes, res.changes == 1 ? "" : "s",
		out ? out : "standard output");
	return EXIT_OK;
}

static int export_evidence(struct cli *c, struct engine *e, const char *upn, const char *from,
			   const char *to, const char *out, const char *by)
{
	struct app_error err = {0};
	date_t f, t;
	char user[STORE_USER_MAX];
	if (parse_date_field("from", from, &f, &err) < 0 || parse_date_field("to", to, &t, &err) < 0 ||
	    parse_text_field("by", by ? by : cli_default_user(), user, sizeof user, 1, &err) < 0)
		return cli_fail(c, &err);
	size_t n = out ? strlen(out) : 0;
	bool pdf = n > 4 && strcmp(out + n - 4, ".pdf") == 0;
	if (out && strcmp(out, "-") != 0 && !pdf && !(n > 4 && strcmp(out + n - 4, ".csv") == 0)) {
		app_fail(&err, ERR_INPUT, "out", "--out '%s' is not a .pdf or .csv file", out);
		return cli_fail(c, &err);
	}
	char *data, sha[OUTPUT_SHA256_HEX];
	size_t len;
	struct evidence ev;
	if (evidence_export(e, upn, f, t, pdf, user, &data, &len, sha, &ev, &err) < 0)
		return cli_fail(c, &err);
	int rc = output_write(out, data, len, &err) < 0 ? cli_fail(c, &err) : EXIT_OK;
	if (rc == EXIT_OK)
		fprintf(summary_stream(out),
			"evidence for %s (%s), %s to %s: %s, %d rows; register %s; written to %s\n"
			"SHA-256 of the file: %s\nSHA-256 of the data: %s\n",
			ev.upn, ev.name, from, to, pdf ? "PDF" : "CSV", ev.n,
			ev.verified ? "verified" : "VERIFICATION FAILED", out ? out : "standard output",
			sha, ev.data_sha256);
	free(data);
	evidence_free(&ev);
	return rc;
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	const char *upn = NULL, *dest = NULL, *out = NULL, *term = NULL, *year = NULL, *date = NULL,
		   *from = NULL, *to = NULL, *by = NULL;
	const struct cli_opt opts[] = {{"upn", &upn, NULL},   {"dest", &dest, NULL},
				       {"out", &out, NULL},   {"term", &term, NULL},
				       {"year", &year, NULL}, {"date", &date, NULL},
				       {"from", &from, NULL}, {"to", &to, NULL},
				       {"by", &by, NULL},     {NULL, NULL, NULL}};
	const char *pos[1];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 1, 1, &n);
	const char *kind = pos[0];
	char command[32];
	snprintf(command, sizeof command, "export %s", kind);
	c->command = command;
	bool ctf = strcmp(kind, "ctf") == 0, census = strcmp(kind, "census") == 0,
	     daily = strcmp(kind, "dfe-daily") == 0, evidence = strcmp(kind, "evidence") == 0;
	if (!ctf && !census && !daily && !evidence)
		return cli_usage_error(c, "'%s' is not ctf, census, dfe-daily or evidence", kind);
	if (upn && !ctf && !evidence)
		return cli_usage_error(c, "--upn goes with `export ctf` and `export evidence`");
	if (dest && !ctf)
		return cli_usage_error(c, "--dest goes with `export ctf`");
	if ((from || to || by) && !evidence)
		return cli_usage_error(c, "--from, --to and --by go with `export evidence`");
	if (evidence && (!upn || !from || !to))
		return cli_usage_error(c, "--upn UPN, --from DATE and --to DATE are required");
	if ((term || year) && !census)
		return cli_usage_error(c, "--term and --year go with `export census`");
	if (date && !daily)
		return cli_usage_error(c, "--date goes with `export dfe-daily`");
	if (ctf && !upn)
		return cli_usage_error(c, "--upn UPN[,UPN...] is required");
	if (census && (!term || !year))
		return cli_usage_error(c, "--term and --year are required");
	if (daily && !date)
		return cli_usage_error(c, "--date DATE is required");

	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	if (evidence)
		rc = export_evidence(c, &e, upn, from, to, out, by);
	else if (ctf)
		rc = export_ctf(c, &e, upn, dest, out);
	else if (census)
		rc = export_census(c, &e, term, year, out);
	else
		rc = export_daily(c, &e, date, out);
	engine_close(&e);
	store_close(s);
	return rc;
}
