#include "cli/cli.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/clock.h"
#include "app/parse.h"

void cli_args(struct cli *c, int argc, char **argv, const struct cli_opt *opts, const char **pos,
	      int min_pos, int max_pos, int *n_pos)
{
	*n_pos = 0;
	bool only_positional = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (only_positional || a[0] != '-' || a[1] == '\0') {
			if (*n_pos >= max_pos)
				exit(cli_usage_error(c, "unexpected argument '%s'", a));
			pos[(*n_pos)++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_positional = true;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(c->usage, stdout);
			exit(EXIT_OK);
		}
		if (strncmp(a, "--", 2) != 0)
			exit(cli_usage_error(c, "unknown option '%s'", a));
		const char *name = a + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const struct cli_opt *o = NULL;
		for (const struct cli_opt *p = opts; p && p->name; p++)
			if (strlen(p->name) == len && strncmp(p->name, name, len) == 0)
				o = p;
		/* --db is global: every command takes it. */
		static const char *db_value;
		static const struct cli_opt db_opt = {"db", &db_value, NULL};
		if (!o && len == 2 && strncmp(name, "db", 2) == 0)
			o = &db_opt;
		if (!o)
			exit(cli_usage_error(c, "unknown option '--%.*s'", (int)len, name));
		if (o->flag) {
			if (eq)
				exit(cli_usage_error(c, "--%s takes no value", o->name));
			*o->flag = true;
			continue;
		}
		const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!v)
			exit(cli_usage_error(c, "--%s needs a value", o->name));
		*o->value = v;
		if (o == &db_opt)
			c->db = v;
	}
	if (*n_pos < min_pos)
		exit(cli_usage_error(c, "missing arguments"));
}

int cli_usage_error(const struct cli *c, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "attend %s: ", c->command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see: attend %s --help)\n", c->command);
	return EXIT_USAGE;
}

int cli_fail(const struct cli *c, const struct app_error *err)
{
	char line[1024];
	app_error_format(err, line, sizeof line);
	fprintf(stderr, "attend %s: %s\n", c->command, line);
	return EXIT_INPUT;
}

const char *cli_db_shown(const struct cli *c)
{
	static char shown[512];
	store_target_shown(c->db, shown, sizeof shown);
	return shown;
}

int cli_open_store(struct cli *c, struct store **s, bool allow_uninitialised)
{
	char msg[512];
	if (!allow_uninitialised && !store_target_exists(c->db)) {
		fprintf(stderr, "attend %s: no database at %s: create one with `attend init` "
				"(or give --db PATH or a postgresql:// URI)\n",
			c->command, cli_db_shown(c));
		return EXIT_INPUT;
	}
	if (store_open(c->db, s, msg, sizeof msg) < 0) {
		fprintf(stderr, "attend %s: %s\n", c->command, msg);
		return EXIT_INPUT;
	}
	if (!allow_uninitialised) {
		int v = store_schema_version(*s);
		if (v == 0) {
			/* An empty PostgreSQL database, or an empty file. */
			fprintf(stderr, "attend %s: no database at %s: create one with `attend init`\n",
				c->command, cli_db_shown(c));
			store_close(*s);
			*s = NULL;
			return EXIT_INPUT;
		}
		if (v != store_latest_schema_version()) {
			fprintf(stderr, "attend %s: the database %s is at schema version %d and this "
					"attend needs %d: run `attend init` to migrate it\n",
				c->command, cli_db_shown(c), v, store_latest_schema_version());
			store_close(*s);
			*s = NULL;
			return EXIT_INPUT;
		}
	}
	return EXIT_OK;
}

int cli_open_migrated(struct cli *c, struct store **s, int *applied)
{
	int rc = cli_open_store(c, s, true);
	if (rc)
		return rc;
	if (store_migrate(*s, applied) < 0) {
		fprintf(stderr, "attend %s: %s\n", c->command, store_error(*s));
		store_close(*s);
		*s = NULL;
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

const char *cli_school_urn(void)
{
	const char *urn = getenv("ATTEND_SCHOOL");
	return urn && *urn ? urn : NULL;
}

int cli_put_in_trust(struct store *s, const char *trust, const int64_t *ids, int n,
		     struct app_error *err)
{
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	int64_t trust_id;
	if (store_begin(s) < 0)
		goto fail;
	if (store_trust_add(s, trust, now, &trust_id) < 0)
		goto fail;
	for (int i = 0; i < n; i++)
		if (store_school_set_trust(s, ids[i], trust_id) < 0)
			goto fail;
	if (store_commit(s) < 0)
		goto fail;
	return 0;
fail:
	app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	store_rollback(s);
	return -1;
}

int cli_open_engine(struct cli *c, struct store **s, struct engine *e)
{
	int rc = cli_open_store(c, s, false);
	if (rc != EXIT_OK)
		return rc;
	struct app_error err = {0};
	if (engine_open(e, *s, cli_school_urn(), &err) < 0) {
		store_close(*s);
		*s = NULL;
		return cli_fail(c, &err);
	}
	return EXIT_OK;
}

const char *cli_default_user(void)
{
	const char *u = getenv("USER");
	if (u && *u)
		return u;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

int cli_print_json(const struct cli *c, json_t *out)
{
	if (!out) {
		struct app_error err = {0};
		app_fail(&err, ERR_INTERNAL, NULL, "out of memory");
		return cli_fail(c, &err);
	}
	json_dumpf(out, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	putchar('\n');
	json_decref(out);
	return EXIT_OK;
}

int cli_open_as(struct cli *c, const char *by, char user[STORE_USER_MAX], struct store **s,
		struct engine *e)
{
	struct app_error err = {0};
	if (parse_text_field("by", by ? by : cli_default_user(), user, STORE_USER_MAX, 1, &err) < 0)
		return cli_fail(c, &err);
	return cli_open_engine(c, s, e);
}
