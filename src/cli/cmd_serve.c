/* `attend serve`: the web app (src/web/). */
#include <stdio.h>
#include <string.h>

#include "app/clock.h"
#include "app/leading.h"
#include "cli/commands.h"
#include "web/web.h"

static const char usage[] =
	"usage: attend serve [--listen ADDRESS:PORT] [--quiet] [--read-only] [--routes]\n\n"
	"Serves the web app and the JSON API on ADDRESS:PORT (default 127.0.0.1:8080;\n"
	"port 0 picks a free one). Stop it with Ctrl-C or SIGTERM: requests under way\n"
	"finish and every write they made is saved first.\n"
	"  --quiet   no access log (errors are still logged)\n"
	"  --read-only  a reporting server: figures and pages, every write refused\n"
	"            (automatic on a PostgreSQL hot standby)\n"
	"  --routes  print the route table (method, path, roles) and exit\n";

int cmd_serve(struct cli *c, int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080";
	bool routes = false, quiet = false, read_only = false;
	const struct cli_opt opts[] = {{"listen", &listen, NULL},
				       {"routes", NULL, &routes},
				       {"quiet", NULL, &quiet},
				       {"read-only", NULL, &read_only},
				       {NULL, NULL, NULL}};
	const char *pos[1];
	int n;
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 0, 0, &n);
	if (routes) {
		web_routes_print(stdout);
		return EXIT_OK;
	}
	static struct server srv; /* large; and the threads share it */
	srv.db_path = c->db;
	srv.quiet = quiet;
	srv.site = &srv;
	int rc = cli_open_store(c, &srv.store, false);
	if (rc)
		return rc;
	struct app_error err = {0};
	if (store_for_group_commit(srv.store) < 0) {
		app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(srv.store));
		store_close(srv.store);
		return cli_fail(c, &err);
	}
	/* A standby cannot be written: it serves as a reporting server. */
	int standby = store_is_standby(srv.store);
	srv.read_only = read_only || standby == 1;
	if (srv.read_only)
		fprintf(stderr, "attend: read-only reporting server%s: every write is refused\n",
			standby == 1 ? " (the database is a standby)" : "");
	/* The start-up reads every school's register (and a trust's start
	 * reads snapshots, not every mark of every school). */
	if (engine_snapshots_for_schools(srv.store) < 0) {
		app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(srv.store));
		store_close(srv.store);
		return cli_fail(c, &err);
	}
	if (engine_open(&srv.e, srv.store, cli_school_urn(), &err) < 0) {
		store_close(srv.store);
		return cli_fail(c, &err);
	}
	if (register_settings_load(srv.store, srv.e.school.id, &srv.rs, &err) < 0) {
		rc = cli_fail(c, &err);
		goto out;
	}
	if (engine_want_lessons(&srv.e, &err) < 0) {
		rc = cli_fail(c, &err);
		goto out;
	}
	/* The built-ins of leading attendance (questions, schedule, awards) the
	 * school does not have yet (a reporting server writes nothing). */
	char now[CLOCK_ISO_LEN];
	int seeded;
	clock_iso_utc(clock_now(), now);
	if (!srv.read_only && leading_seed(srv.store, srv.e.school.id, now, &seeded, &err) < 0) {
		rc = cli_fail(c, &err);
		goto out;
	}
	alerts_set_delivery(web_alert_log, NULL);
	pthread_rwlock_init(&srv.lock, NULL);
	srv.e.matrix_lock = &srv.lock;
	if (web_schools_load(&srv, &err) < 0) { /* every other school of the database */
		rc = cli_fail(c, &err);
		web_schools_close(&srv);
		pthread_rwlock_destroy(&srv.lock);
		goto out;
	}
	rc = web_serve(&srv, listen, stdout);
	web_schools_close(&srv);
	pthread_rwlock_destroy(&srv.lock);
out:
	engine_close(&srv.e);
	store_close(srv.store);
	return rc;
}
