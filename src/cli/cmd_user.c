/* `attend user`: the accounts that sign in to the web app. */
#include <ctype.h>
#include <stdio.h>
#include <sodium.h>
#include <string.h>

#include "app/clock.h"
#include "app/family.h"
#include "app/parse.h"
#include "app/role.h"
#include "cli/commands.h"
#include "web/web.h"

static const char usage[] =
	"usage: attend user add NAME --role ROLE [--forms 7A,7B] [--years 7,8]\n"
	"                [--children UPN[:PRIORITY][,...]] [--pupil UPN] --password-stdin\n"
	"       attend user passwd NAME --password-stdin\n"
	"       attend user join NAME --role ROLE [--forms 7A,7B] [--years 7,8]\n"
	"                [--children UPN[:PRIORITY][,...]] [--pupil UPN]\n"
	"       attend user list\n"
	"       attend user 2fa reset NAME [--reason TEXT] [--by USER]\n\n"
	"Accounts for the web app. ROLE is admin, attendance_lead, office, head_of_year,\n"
	"teacher, governor, parent, dsl (the designated safeguarding lead), head (the\n"
	"head teacher), pupil, trust_leader (aggregate figures of every school of the\n"
	"school's trust) or trust_attendance_lead (everything in every school of the\n"
	"trust). A teacher sees the forms in --forms (and the classes the timetable\n"
	"gives them); a head of year the years in --years. A parent sees the children\n"
	"in --children, each through one of the child's contacts: the contact of that\n"
	"PRIORITY, or the child's only contact with parental responsibility. A pupil\n"
	"(Year 7 and up) sees themself (--pupil). The password is read from the first\n"
	"line of standard input (never from the command line) and kept only as an\n"
	"argon2id hash. Changing a password signs that user out everywhere.\n\n"
	"In a database of several schools, the school is $ATTEND_SCHOOL (a URN), else\n"
	"the first. `join` gives an existing user a role (and forms, years, children)\n"
	"in that school too; in the web app they then choose the school they work in.\n"
	"`user 2fa reset` takes off a user's two-step sign-in (a lost phone).\n";

static int check_username(const char *name, struct app_error *err)
{
	if (strlen(name) == 0 || strlen(name) >= STORE_USER_MAX)
		return app_fail(err, ERR_INPUT, "name", "the username must be 1 to %d characters",
				STORE_USER_MAX - 1);
	if (!account_username_ok(name))
		return app_fail(err, ERR_INPUT, "name",
				"username '%s' may hold only letters, digits and . _ - @", name);
	return 0;
}

static int read_password(char *buf, size_t len, struct app_error *err)
{
	if (!fgets(buf, (int)len, stdin))
		return app_fail(err, ERR_INPUT, "password", "no password on standard input");
	buf[strcspn(buf, "\r\n")] = '\0';
	return auth_password_ok(buf, err);
}

static int split_list(const char *field, const char *text, char out[][STORE_FORM_MAX], int *n,
		      struct app_error *err)
{
	char copy[1024];
	snprintf(copy, sizeof copy, "%s", text);
	*n = 0;
	for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (*n == STORE_SCOPE_MAX)
			return app_fail(err, ERR_INPUT, field, "at most %d %s", STORE_SCOPE_MAX, field);
		if (parse_text_field(field, tok, out[*n], STORE_FORM_MAX, 1, err) < 0)
			return -1;
		(*n)++;
	}
	if (*n == 0)
		return app_fail(err, ERR_INPUT, field, "--%s is empty", field);
	return 0;
}

static int print_user(void *ctx, const struct user_rec *u)
{
	(void)ctx;
	printf("%-24s %-16s %s", u->username, u->role, u->active ? "" : "(disabled) ");
	for (int i = 0; i < u->n_forms; i++)
		printf("%s%s", i ? "," : "forms ", u->forms[i]);
	for (int i = 0; i < u->n_years; i++)
		printf("%s%s", i ? "," : "years ", year_name(u->years[i]));
	putchar('\n');
	return 0;
}

/* The children of --children (UPN or UPN:PRIORITY) or the pupil of
 * --pupil: each one's pupil and the contact the account goes through. */
struct child_link {
	int64_t pupil_id, contact_id;
	char upn[UPN_LEN + 1];
	char contact[STORE_NAME_MAX + 64];
};

static int family_links_of(struct cli *c, const char *children, const char *pupil,
			   struct child_link *out, int *n, struct app_error *err)
{
	struct store *s;
	struct engine e;
	int rc = cli_open_engine(c, &s, &e);
	if (rc)
		return rc;
	char items[STORE_SCOPE_MAX][STORE_FORM_MAX];
	*n = 0;
	if (pupil) {
		snprintf(items[0], sizeof items[0], "%s", pupil);
		*n = 1;
	} else if (split_list("children", children, items, n, err) < 0) {
		rc = cli_fail(c, err);
		goto out;
	}
	for (int i = 0; i < *n; i++) {
		char *colon = strchr(items[i], ':');
		long priority = 0;
		if (colon) {
			*colon = '\0';
			if (parse_int_field("children", colon + 1, 1, 99, &priority, err) < 0) {
				rc = cli_fail(c, err);
				goto out;
			}
		}
		struct child_link *l = &out[i];
		snprintf(l->upn, sizeof l->upn, "%s", items[i]);
		int row = engine_pupil_row(&e, items[i]);
		if (row < 0) {
			app_fail(err, ERR_NOT_FOUND, pupil ? "pupil" : "children", "no pupil with UPN %s",
				 items[i]);
			rc = cli_fail(c, err);
			goto out;
		}
		l->pupil_id = e.m.rows[row].pupil_id;
		struct contact_rec ct;
		if (pupil ? family_pupil_account_ok(&e, items[i], err) < 0
			  : family_pick_contact(&e, items[i], (int)priority, &ct, err) < 0) {
			rc = cli_fail(c, err);
			goto out;
		}
		for (int k = 0; k < i; k++)
			if (out[k].pupil_id == l->pupil_id) {
				app_fail(err, ERR_INPUT, "children", "pupil %s is listed twice", l->upn);
				rc = cli_fail(c, err);
				goto out;
			}
		if (!pupil) {
			l->contact_id = ct.id;
			snprintf(l->contact, sizeof l->contact, "%s, %s", ct.name, ct.relationship);
		}
	}
out:
	engine_close(&e);
	store_close(s);
	return rc;
}

int cmd_user(struct cli *c, int argc, char **argv)
{
	const char *role = NULL, *forms = NULL, *years = NULL, *children = NULL, *pupil = NULL;
	bool stdin_pw = false;
	const struct cli_opt opts[] = {{"role", &role, NULL},
				       {"forms", &forms, NULL},
				       {"years", &years, NULL},
				       {"children", &children, NULL},
				       {"pupil", &pupil, NULL},
				       {"password-stdin", NULL, &stdin_pw},
				       {NULL, NULL, NULL}};
	struct child_link links[STORE_SCOPE_MAX];
	int n_links = 0;
	const char *pos[2];
	int n;
	if (argc > 0 && strcmp(argv[0], "2fa") == 0)
		return cmd_user_2fa(c, argc - 1, argv + 1);
	c->usage = usage;
	cli_args(c, argc, argv, opts, pos, 1, 2, &n);
	const char *verb = pos[0];
	bool add = strcmp(verb, "add") == 0, passwd = strcmp(verb, "passwd") == 0,
	     list = strcmp(verb, "list") == 0, join = strcmp(verb, "join") == 0;
	if (!add && !passwd && !list && !join)
		return cli_usage_error(c, "'%s' is not add, passwd, join or list", verb);
	if (list ? n != 1 : n != 2)
		return cli_usage_error(c, list ? "list takes no name" : "%s needs a NAME", verb);
	if (!list && !join && !stdin_pw)
		return cli_usage_error(c, "--password-stdin is required: a password is never "
					  "taken from the command line");
	if (!add && !join && (role || forms || years || children || pupil))
		return cli_usage_error(c, "--role, --forms, --years, --children and --pupil go with "
					  "`user add` and `user join`");

	struct app_error err = {0};
	struct user_rec u = {0};
	char pw[1100];
	if (!list) {
		if (check_username(pos[1], &err) < 0)
			return cli_fail(c, &err);
		snprintf(u.username, sizeof u.username, "%s", pos[1]);
	}
	int r = -1;
	if (add || join) {
		r = role ? role_parse(role) : -1;
		if (r < 0) {
			app_fail(&err, ERR_INPUT, "role",
				 "role '%s' is not admin, attendance_lead, office, head_of_year, "
				 "teacher, governor, parent, dsl, head, pupil, trust_leader or "
				 "trust_attendance_lead",
				 role ? role : "");
			return cli_fail(c, &err);
		}
		if (join && (ROLE_BIT(r) & ROLES_TRUST)) {
			app_fail(&err, ERR_INPUT, "role",
				 "a trust role sees every school of its trust already: `user join` "
				 "takes a school role");
			return cli_fail(c, &err);
		}
		snprintf(u.role, sizeof u.role, "%s", role);
		if (r == ROLE_TEACHER && !forms)
			return cli_usage_error(c, "a teacher needs --forms (the forms they take)");
		if (r == ROLE_HEAD_OF_YEAR && !years)
			return cli_usage_error(c, "a head of year needs --years");
		if ((forms && r != ROLE_TEACHER) || (years && r != ROLE_HEAD_OF_YEAR))
			return cli_usage_error(c, "--forms goes with teacher, --years with head_of_year");
		if (r == ROLE_PARENT && !children)
			return cli_usage_error(c, "a parent needs --children (UPN[:PRIORITY],...)");
		if (r == ROLE_PUPIL && !pupil)
			return cli_usage_error(c, "a pupil needs --pupil UPN");
		if ((children && r != ROLE_PARENT) || (pupil && r != ROLE_PUPIL))
			return cli_usage_error(c, "--children goes with parent, --pupil with pupil");
		if (forms && split_list("forms", forms, u.forms, &u.n_forms, &err) < 0)
			return cli_fail(c, &err);
		char ys[STORE_SCOPE_MAX][STORE_FORM_MAX];
		if (years && split_list("years", years, ys, &u.n_years, &err) < 0)
			return cli_fail(c, &err);
		for (int i = 0; i < u.n_years; i++) {
			if ((u.years[i] = year_parse(ys[i])) == YEAR_INVALID) {
				app_fail(&err, ERR_INPUT, "years", "year '%s' is not N1, N2, R or 1 to 14",
					 ys[i]);
				return cli_fail(c, &err);
			}
		}
	}
	if (children || pupil) {
		int rc = family_links_of(c, children, pupil, links, &n_links, &err);
		if (rc)
			return rc;
	}
	if (!list && !join && (read_password(pw, sizeof pw, &err) < 0 ||
		      auth_hash_password(pw, u.password_hash, &err) < 0)) {
		sodium_memzero(pw, sizeof pw);
		return cli_fail(c, &err);
	}
	sodium_memzero(pw, sizeof pw);

	struct store *s;
	int rc = cli_open_store(c, &s, false);
	if (rc)
		return rc;
	struct school_rec school;
	struct user_rec existing;
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	const char *by = cli_default_user();
	if ((rc = store_school_get(s, cli_school_urn(), &school)) != 0) {
		app_fail(&err, ERR_INPUT, NULL, "%s", rc < 0 ? store_error(s) : "the database has no school: run `attend init`");
		goto fail;
	}
	if (list) {
		if (store_users_each(s, school.id, print_user, NULL) < 0) {
			app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(s));
			goto fail;
		}
		store_close(s);
		return EXIT_OK;
	}
	if (store_begin(s) < 0)
		goto db_fail;
	rc = store_user_get(s, u.username, &existing);
	if (rc < 0)
		goto db_fail;
	if (add && rc == 0) {
		app_fail(&err, ERR_CONFLICT, "name",
			 "user %s already exists: `attend user passwd %s` changes the password",
			 u.username, u.username);
		goto fail;
	}
	if ((passwd || join) && rc == 1) {
		app_fail(&err, ERR_NOT_FOUND, "name", "there is no user %s", u.username);
		goto fail;
	}
	u.school_id = school.id;
	char detail[128];
	int64_t trust_id;
	if (add && (ROLE_BIT(r) & ROLES_TRUST)) {
		int t = store_school_trust(s, school.id, &trust_id, NULL, 0);
		if (t < 0)
			goto db_fail;
		if (t == 1) {
			app_fail(&err, ERR_INPUT, "role",
				 "%s is in no trust: `attend school trust` puts it in one first",
				 school.name);
			goto fail;
		}
	}
	if (join) {
		struct user_rec there = existing;
		int m = store_user_in_school(s, &there, school.id);
		if (m < 0)
			goto db_fail;
		if (m == 0) {
			app_fail(&err, ERR_CONFLICT, "name", "%s already belongs to %s (as %s)",
				 u.username, school.name, there.role);
			goto fail;
		}
		u.id = existing.id;
		snprintf(detail, sizeof detail, "%s joined as %s", u.username, u.role);
		if (store_user_school_add(s, &u, by, now) < 0)
			goto db_fail;
	} else if (add) {
		snprintf(detail, sizeof detail, "added %s as %s", u.username, u.role);
		if (store_user_insert(s, &u, by, now) < 0)
			goto db_fail;
	}
	/* a parent's children (or a pupil's own record) in this school */
	if (add || join) {
		for (int i = 0; i < n_links; i++) {
			if (family_link_write(s, school.id, &u, links[i].pupil_id, links[i].contact_id, by,
					      "cli", &err) < 0)
				goto fail;
		}
	} else {
		snprintf(detail, sizeof detail, "changed the password of %s", u.username);
		if (store_user_set_password(s, existing.id, u.password_hash, now) < 0 ||
		    store_websession_delete_user(s, existing.id) < 0)
			goto db_fail;
	}
	if (store_audit(s, school.id, now, by, add ? "user add" : join ? "user join" : "user passwd",
			detail) < 0 ||
	    store_commit(s) < 0)
		goto db_fail;
	printf("%s\n", detail);
	for (int i = 0; i < n_links; i++) {
		if (links[i].contact_id)
			printf("linked %s to %s through %s\n", u.username, links[i].upn, links[i].contact);
		else
			printf("linked %s to pupil %s (their own account)\n", u.username, links[i].upn);
	}
	store_close(s);
	return EXIT_OK;
db_fail:
	app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(s));
fail:
	store_rollback(s);
	store_close(s);
	return cli_fail(c, &err);
}
