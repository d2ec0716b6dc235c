#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "app/clock.h"
#include "app/report.h"
#include "app/verify.h"
#include "cli/commands.h"

static const char usage[] =
	"usage: attend migrate --from DATABASE --to DATABASE [--urn URN]\n\n"
	"Copies a school's whole history (with --urn; else every school's) from one\n"
	"database to another, typically from an SQLite file to PostgreSQL:\n\n"
	"  attend migrate --from school.db --to postgresql://attend@db.trust.example/attend\n\n"
	"Every table is copied, keeping every id, so the register's hash chains and\n"
	"every reference stay valid; the target is brought to the latest schema\n"
	"first. Before anything is committed, each table's rows are read back from\n"
	"the target and compared with the source's (count and contents), `attend\n"
	"stats --json` must give the same figures on both sides (this academic year\n"
	"to date and the whole calendar), and `attend verify` must pass on the\n"
	"target. Safe to run again: a target that already holds exactly the same\n"
	"rows is left as it is (and says so); one that holds the school and differs\n"
	"is refused, unchanged. Afterwards the target's planner statistics are\n"
	"brought up to date (ANALYZE).\n";

/* The figures of attend stats --json over q on one side. */
static char *stats_of(struct engine *e, struct stats_query *q)
{
	json_t *j = report_stats_json(e, q);
	char *s = j ? json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT) : NULL;
	json_decref(j);
	return s;
}

/* The same figures on both sides, and the target's register verified. */
static int check_school(struct cli *c, struct store *from, struct store *to, const char *urn)
{
	struct engine a, b;
	struct app_error err = {0};
	if (engine_open(&a, from, urn, &err) < 0)
		return cli_fail(c, &err);
	if (engine_open(&b, to, urn, &err) < 0) {
		engine_close(&a);
		return cli_fail(c, &err);
	}
	int rc = EXIT_OK;
	const char *what[2] = {"this academic year to date", "the whole calendar"};
	for (int k = 0; k < 2 && rc == EXIT_OK; k++) {
		struct stats_query q = {.from = DATE_INVALID, .to = DATE_INVALID, .group = -1,
					.identify_pupils = true};
		if (k == 0)
			report_default_range(&a, clock_today(), &q);
		else if (a.cal.n_school_days > 0) {
			q.from = a.cal.school_days[0];
			q.to = a.cal.school_days[a.cal.n_school_days - 1];
		} else {
			continue;
		}
		char *x = stats_of(&a, &q), *y = stats_of(&b, &q);
		if (!x || !y || strcmp(x, y) != 0) {
			fprintf(stderr, "attend migrate: %s (URN %s): attend stats over %s differs "
					"between the two databases: nothing was copied\n",
				a.school.name, a.school.urn, what[k]);
			rc = EXIT_INPUT;
		}
		free(x);
		free(y);
	}
	struct verify_result v = {0};
	if (rc == EXIT_OK) {
		if (verify_register(&b, stderr, &v, &err) < 0) {
			rc = cli_fail(c, &err);
		} else if (v.problems) {
			fprintf(stderr, "attend migrate: %s (URN %s): attend verify finds %ld problem%s in "
					"the copy: nothing was copied\n",
				b.school.name, b.school.urn, v.problems, v.problems == 1 ? "" : "s");
			rc = EXIT_INPUT;
		} else {
			printf("%s (URN %s): the same figures on both; %ld versions of %ld marks "
			       "verified: unaltered\n",
			       b.school.name, b.school.urn, v.versions_checked, v.marks_checked);
		}
	}
	engine_close(&b);
	engine_close(&a);
	return rc;
}

struct urns {
	int n;
	char urn[64][16];
};

static int add_urn(void *ctx, const struct school_rec *r)
{
	struct urns *u = ctx;
	if (u->n == 64)
		return -1;
	snprintf(u->urn[u->n++], sizeof u->urn[0], "%s", r->urn);
	return 0;
}

/* Each copied school's register loaded once on the target, as attend
 * serve will load it: those large enough keep a snapshot of it, so the
 * first start of a server reads the snapshots, not every mark. A snapshot
 * is a cache: one that cannot be written is only said. */
static void write_snapshots(struct store *to, const struct urns *schools)
{
	if (engine_snapshots_for_schools(to) < 0)
		return;
	int written = 0;
	for (int i = 0; i < schools->n; i++) {
		struct engine e;
		struct app_error err = {0};
		if (engine_open(&e, to, schools->urn[i], &err) < 0) {
			fprintf(stderr, "attend migrate: %s: no snapshot of the register: %s\n",
				schools->urn[i], err.message);
			continue;
		}
		written += e.snapshot_saved;
		engine_close(&e);
	}
	if (written)
		printf("register snapshots written for %d school%s: a server's first start reads "
		       "them\n", written, written == 1 ? "" : "s");
}

int cmd_migrate(struct cli *c, int argc, char **argv)
{
	const char *from_db = NULL, *to_db = NULL, *urn = NULL;
	const struct cli_opt opts[] = {{"from", &from_db, NULL},
				       {"to", &to_db, NULL},
				       {"urn", &urn, NULL},
				       {NULL, NULL, NULL}};
	const char *pos[1];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 0, 0, &n);
	if (!from_db || !to_db)
		return cli_usage_error(c, "--from and --to are required");
	if (strcmp(from_db, to_db) == 0)
		return cli_usage_error(c, "--from and --to are the same database");

	struct store *from = NULL, *to = NULL;
	struct cli src = *c, dst = *c;
	src.db = from_db;
	dst.db = to_db;
	int rc = cli_open_store(&src, &from, false);
	if (rc != EXIT_OK)
		goto out;
	/* What to copy, before the target is touched. */
	struct urns schools = {0};
	struct school_rec school;
	int found = urn ? store_school_get(from, urn, &school) : store_schools_each(from, add_urn, &schools);
	if (found != 0) {
		if (found < 0)
			fprintf(stderr, "attend migrate: %s\n", store_error(from));
		else
			fprintf(stderr, "attend migrate: urn: no school with URN %s in %s\n", urn,
				cli_db_shown(&src));
		rc = EXIT_INPUT;
		goto out;
	}
	if (urn) {
		snprintf(schools.urn[0], sizeof schools.urn[0], "%s", urn);
		schools.n = 1;
	}
	int applied;
	if ((rc = cli_open_migrated(&dst, &to, &applied)) != EXIT_OK)
		goto out;

	/* The copy and every check in one transaction on the target: a copy
	 * that does not check out leaves the target as it was. The engine
	 * takes no snapshot meanwhile (it would commit one of its own). */
	long snapshots = engine_snapshot_min_cells;
	engine_snapshot_min_cells = -1;
	struct store_copy res;
	if (store_begin(to) < 0) {
		fprintf(stderr, "attend migrate: %s\n", store_error(to));
		rc = EXIT_INPUT;
		goto out;
	}
	int copied = store_copy_school(from, to, urn, &res);
	if (copied != 0) {
		fprintf(stderr, "attend migrate: %s\n", copied < 0 && store_error(from)[0]
								? store_error(from)
								: store_error(to));
		store_rollback(to);
		rc = EXIT_INPUT;
		goto out;
	}
	long long rows = 0;
	printf("%-26s %10s %10s\n", "table", "rows", "copied");
	for (int i = 0; i < res.n_tables; i++) {
		printf("%-26s %10lld %10lld\n", res.t[i].name, res.t[i].rows, res.t[i].copied);
		rows += res.t[i].rows;
	}
	for (int i = 0; i < schools.n && rc == EXIT_OK; i++)
		rc = check_school(c, from, to, schools.urn[i]);
	if (rc != EXIT_OK) {
		store_rollback(to);
	} else if (res.already) {
		store_rollback(to); /* nothing was written */
		printf("already copied: the target holds every row of %d table%s, %lld rows, as the "
		       "source does; nothing changed\n",
		       res.n_tables, res.n_tables == 1 ? "" : "s", rows);
	} else if (store_commit(to) < 0) {
		fprintf(stderr, "attend migrate: %s\n", store_error(to));
		rc = EXIT_INPUT;
	} else {
		printf("copied %d school%s: %lld rows in %d tables, every one read back the same\n",
		       schools.n, schools.n == 1 ? "" : "s", rows, res.n_tables);
		/* The planner's statistics still describe the empty tables: the
		 * servers' first queries would be planned for those. */
		if (store_analyze(to) < 0)
			fprintf(stderr, "attend migrate: the copy is saved, but updating the planner's "
					"statistics failed (run ANALYZE): %s\n",
				store_error(to));
		engine_snapshot_min_cells = snapshots;
		write_snapshots(to, &schools);
	}
	engine_snapshot_min_cells = snapshots;
out:
	store_close(to);
	store_close(from);
	return rc;
}
