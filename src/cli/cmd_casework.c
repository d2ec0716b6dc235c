/* `attend casework`: the triggers' scan, the review list, impact, the LA
 * targeting support meeting pack and the catalogues, from the command
 * line. Plans, stages and legal steps are recorded in the web app (or its
 * API), where each person signs in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/casework.h"
#include "app/casework_impact.h"
#include "app/casework_json.h"
#include "app/casework_pack.h"
#include "app/clock.h"
#include "app/output.h"
#include "app/parse.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend casework scan [--by USER]\n"
	"       attend casework reviews [--json]\n"
	"       attend casework impact [--json]\n"
	"       attend casework pack (--csv FILE | --pdf FILE)\n"
	"       attend casework catalogue [--json]\n"
	"       attend casework catalogue add --kind barrier|intervention --label TEXT [--by USER]\n\n"
	"scan: evaluates every trigger for every pupil on roll today (crossing into at\n"
	"  risk, persistent or severe absence; a decline; a pattern; unauthorised sessions\n"
	"  reaching the penalty-notice threshold; a part-time timetable past review),\n"
	"  adds what is new to the attendance lead's review list, puts C2 on the\n"
	"  part-time timetables' sessions up to today, and makes the tasks of reviews\n"
	"  coming up. The server does the same every few minutes.\n"
	"reviews: the open review list. impact: each intervention type's average change\n"
	"  against comparison pupils. pack: the persistently and severely absent pupils\n"
	"  with stage, barriers, actions and trend, as CSV or PDF ('-': standard output).\n"
	"catalogue: the barriers and interventions the school uses; add extends them.\n";

static int scan(struct cli *c, struct engine *e, const char *user)
{
	struct app_error err = {0};
	struct actor who = {user, "casework-scan"};
	struct cw_scan_result r;
	if (engine_begin(e, &err) < 0 ||
	    engine_end(e, cw_scan(e, clock_today(), &who, &r, &err), &err) < 0)
		return cli_fail(c, &err);
	printf("%d new on the review list, %d C2 mark%s on part-time timetables, %d task%s\n",
	       r.raised, r.c2, r.c2 == 1 ? "" : "s", r.tasks, r.tasks == 1 ? "" : "s");
	return EXIT_OK;
}

struct review_print {
	const struct engine *e;
	json_t *json;
};

static int print_review(void *ctx, const struct cw_review_rec *r)
{
	struct review_print *rp = ctx;
	json_t *j = cw_review_json(rp->e, r);
	if (rp->json) {
		json_array_append_new(rp->json, j);
		return 0;
	}
	char d[DATE_ISO_LEN];
	printf("#%lld %s %s %s (%s) %s: %s -> %s\n  %s\n", (long long)r->id,
	       date_format(r->raised_on, d), json_string_value(json_object_get(j, "upn")),
	       json_string_value(json_object_get(j, "name")),
	       json_string_value(json_object_get(j, "form")), r->kind, r->stage_then, r->suggested,
	       r->detail);
	json_decref(j);
	return 0;
}

static int reviews(struct cli *c, struct engine *e, bool as_json)
{
	struct app_error err = {0};
	struct review_print rp = {e, as_json ? json_array() : NULL};
	if (store_cw_reviews_each(e->store, e->school.id, 0, true, NULL, print_review, &rp) < 0) {
		app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		json_decref(rp.json);
		return cli_fail(c, &err);
	}
	return as_json ? cli_print_json(c, rp.json) : EXIT_OK;
}

static int impact(struct cli *c, struct engine *e, bool as_json)
{
	struct app_error err = {0};
	struct cw_settings cs;
	struct cw_catalogues cat = {0};
	struct cw_type_impact *t = NULL;
	int n = 0, rc = EXIT_OK;
	date_t today = clock_today();
	if (casework_settings_load(e->store, e->school.id, NULL, NULL, &cs, &err) < 0 ||
	    cw_catalogues_load(e->store, e->school.id, &cat, &err) < 0 ||
	    cw_impact_school(e, e->store, today, cs.impact_weeks, &t, &n, &err) < 0) {
		rc = cli_fail(c, &err);
	} else if (as_json) {
		rc = cli_print_json(c, cw_impact_school_json(&cat, today, cs.impact_weeks, t, n));
	} else {
		char a[16], b[16], d[16], warn[400];
		printf("Impact over %d school weeks before and after each start, as of today:\n",
		       cs.impact_weeks);
		for (int i = 0; i < n; i++) {
			report_pp_text(a, sizeof a, t[i].matched_change_pp100);
			report_pp_text(b, sizeof b, t[i].comparison_pp100);
			report_pp_text(d, sizeof d, t[i].difference_pp100);
			printf("%-40s %d pupils, %d counted, %d matched: %s points against %s (%d comparison "
			       "pupils): difference %s\n",
			       cw_type_label(&cat, t[i].type), t[i].pupils, t[i].counted, t[i].matched, a, b,
			       t[i].comparison_pupils, d);
			if (t[i].too_few)
				printf("  %s\n", cw_impact_warning(&t[i], warn, sizeof warn));
		}
	}
	free(t);
	cw_catalogues_free(&cat);
	return rc;
}

static int pack(struct cli *c, struct engine *e, const char *csv, const char *pdf)
{
	struct app_error err = {0};
	struct cw_pack p;
	if (cw_pack_build(e, e->store, clock_today(), &p, &err) < 0)
		return cli_fail(c, &err);
	unsigned char *data = NULL;
	size_t len = 0;
	int rc = EXIT_OK;
	if (csv) {
		FILE *m = open_memstream((char **)&data, &len);
		if (m) {
			cw_pack_csv(m, e, &p);
			fclose(m);
		}
	} else if (cw_pack_pdf(e, &p, &data, &len) < 0) {
		data = NULL;
	}
	if (!data)
		app_fail(&err, ERR_INTERNAL, NULL, "the pack could not be written");
	if (!data || output_write(csv ? csv : pdf, data, len, &err) < 0)
		rc = cli_fail(c, &err);
	else if (strcmp(csv ? csv : pdf, "-") != 0)
		printf("%d pupil%s (%d severely absent) written to %s\n", p.n, p.n == 1 ? "" : "s",
		       p.severe, csv ? csv : pdf);
	free(data);
	cw_pack_free(&p);
	return rc;
}

static int catalogue(struct cli *c, struct engine *e, bool add, const char *kind,
		     const char *label, const char *user, bool as_json)
{
	struct app_error err = {0};
	int rc = EXIT_OK;
	if (add) {
		/* the command line is the school's own administrator */
		struct account a = {.role = ROLE_ATTENDANCE_LEAD, .school_id = e->school.id};
		snprintf(a.username, sizeof a.username, "%s", user);
		struct actor who = {user, "cli"};
		struct cw_ctx ctx = {e, &a, &who};
		struct cw_input in = {0};
		if (cw_input_add(&in, "kind", kind) < 0 || cw_input_add(&in, "label", label) < 0 ||
		    engine_begin(e, &err) < 0 || engine_end(e, cw_catalogue_write(&ctx, &in, &err), &err) < 0)
			rc = cli_fail(c, &err);
		else
			printf("%s '%s' added\n", kind, label);
		cw_input_free(&in);
		return rc;
	}
	struct cw_catalogues cat;
	if (cw_catalogues_load(e->store, e->school.id, &cat, &err) < 0)
		return cli_fail(c, &err);
	json_t *out = as_json ? json_object() : NULL;
	for (int k = 0; k < CWC__MAX; k++) {
		json_t *list = as_json ? json_array() : NULL;
		for (int i = 0; i < cat.n[k]; i++) {
			const struct cw_item *it = &cat.item[k][i];
			if (list)
				json_array_append_new(list, json_pack("{s:s, s:s, s:b, s:b}", "code", it->code,
								      "label", it->label, "builtin",
								      it->builtin, "retired", it->retired));
			else
				printf("%-12s %-28s %s%s\n", cw_catalogue_name((enum cw_catalogue)k), it->code,
				       it->label, it->retired ? " (retired)" : "");
		}
		if (out) {
			char key[24];
			snprintf(key, sizeof key, "%ss", cw_catalogue_name((enum cw_catalogue)k));
			json_object_set_new(out, key, list);
		}
	}
	cw_catalogues_free(&cat);
	return out ? cli_print_json(c, out) : EXIT_OK;
}

int cmd_casework(struct cli *c, int argc, char **argv)
{
	const char *by = NULL, *csv = NULL, *pdf = NULL, *kind = NULL, *label = NULL;
	bool json = false;
	const struct cli_opt opts[] = {{"by", &by, NULL},	  {"csv", &csv, NULL},
				       {"pdf", &pdf, NULL},	  {"kind", &kind, NULL},
				       {"label", &label, NULL}, {"json", NULL, &json},
				       {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 1, 2, &n);
	static const char *const subs[] = {"scan", "reviews", "impact", "pack", "catalogue"};
	int sub = -1;
	for (int i = 0; i < 5; i++)
		if (strcmp(pos[0], subs[i]) == 0)
			sub = i;
	if (sub < 0)
		return cli_usage_error(c, "'%s' is not scan, reviews, impact, pack or catalogue", pos[0]);
	bool add = sub == 4 && n == 2;
	if (sub == 4 && n == 2 && strcmp(pos[1], "add") != 0)
		return cli_usage_error(c, "'%s' is not add", pos[1]);
	if (sub != 4 && n != 1)
		return cli_usage_error(c, "casework %s takes no more words", pos[0]);
	if (add && (!kind || !label))
		return cli_usage_error(c, "catalogue add needs --kind and --label");
	if (sub == 3 && !csv == !pdf)
		return cli_usage_error(c, "casework pack takes one of --csv FILE or --pdf FILE");
	struct app_error err = {0};
	char user[STORE_USER_MAX];
	if (parse_text_field("by", by ? by : cli_default_user(), user, sizeof user, 1, &err) < 0)
		return cli_fail(c, &err);
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	switch (sub) {
	case 0: rc = scan(c, &e, user); break;
	case 1: rc = reviews(c, &e, json); break;
	case 2: rc = impact(c, &e, json); break;
	case 3: rc = pack(c, &e, csv, pdf); break;
	default: rc = catalogue(c, &e, add, kind, label, user, json); break;
	}
	engine_close(&e);
	store_close(s);
	return rc;
}
