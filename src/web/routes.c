/* The one route table: every page and API call, the roles that may use it
 * and its handler. http.c checks sign-in, role and CSRF from here before a
 * handler runs; `attend serve --routes` prints it for the role-matrix test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

#define STAFF ROLES_STAFF
#define WHOLE ROLES_WHOLE_SCHOOL
#define FIGURES (ROLES_STAFF | ROLE_BIT(ROLE_GOVERNOR))
#define ANYONE ROLES_ALL
#define YEARS (ROLES_WHOLE_SCHOOL | ROLE_BIT(ROLE_HEAD_OF_YEAR))
#define GOVERNORS (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ATTENDANCE_LEAD) | ROLE_BIT(ROLE_GOVERNOR))

const struct route web_routes[] = {
	/* pages */
	{WEB_GET, "/", FIGURES, 0, web_page_home, "the start page of the role"},
	{WEB_GET, "/signin", 0, ROUTE_PUBLIC, page_signin_get, "the sign-in form"},
	{WEB_POST, "/signin", 0, ROUTE_PUBLIC, page_signin_post, "sign in"},
	{WEB_POST, "/signout", ANYONE, 0, page_signout_post, "sign out"},
	{WEB_GET, "/today", STAFF, 0, page_today, "today's registers of the forms you see"},
	{WEB_GET, "/registers/{form}/{date}/{session}", STAFF, 0, page_register_get, "a register"},
	{WEB_POST, "/registers/{form}/{date}/{session}", STAFF, 0, page_register_post,
	 "save a register"},
	{WEB_GET, "/office", WHOLE, 0, page_office, "every register of a day, and who has N"},
	{WEB_GET, "/pupils/{upn}/history", STAFF, 0, page_history, "a pupil's marks and versions"},
	{WEB_GET, "/stats", FIGURES, 0, page_stats, "attendance figures"},
	{WEB_GET, "/static/{file}", 0, ROUTE_PUBLIC, page_static, "CSS and JavaScript"},
	{WEB_GET, "/dashboard", WHOLE, 0, page_dashboard, "the school's attendance dashboard"},
	{WEB_GET, "/pupils", STAFF, 0, page_pupils, "pupils you see, filtered, flagged and sorted"},
	{WEB_GET, "/pupils.csv", STAFF, 0, page_pupils_csv, "the same list as CSV"},
	{WEB_GET, "/moved", STAFF, 0, page_moved, "who moved this week: largest falls and rises"},
	{WEB_GET, "/pupils/{upn}", STAFF, 0, page_pupil, "a pupil's attendance profile"},
	{WEB_GET, "/years", YEARS, 0, page_years, "the year groups you see"},
	{WEB_GET, "/years/{year}", YEARS, 0, page_year, "a year group's figures, forms and pupils"},
	{WEB_GET, "/forms", STAFF, 0, page_forms, "the forms you see"},
	{WEB_GET, "/forms/{form}", STAFF, 0, page_form, "a form's figures and pupils"},
	{WEB_GET, "/cup", STAFF, 0, page_cup, "the Champions' Cup: forms and years ranked"},
	{WEB_GET, "/governors", GOVERNORS, 0, page_governors, "the governor report (aggregate only)"},
	{WEB_GET, "/governors.pdf", GOVERNORS, 0, page_governors_pdf, "the governor report as PDF"},
	/* the JSON API */
	{WEB_POST, "/api/session", 0, ROUTE_PUBLIC | ROUTE_API, api_session_post, "sign in"},
	{WEB_DELETE, "/api/session", ANYONE, ROUTE_API, api_session_delete, "sign out"},
	{WEB_GET, "/api/registers", STAFF, ROUTE_API, api_registers_list, "the registers of a day"},
	{WEB_GET, "/api/registers/{form}/{date}/{session}", STAFF, ROUTE_API, api_register_get,
	 "a register's pupils and marks"},
	{WEB_PUT, "/api/registers/{form}/{date}/{session}", STAFF, ROUTE_API, api_register_put,
	 "save a register"},
	{WEB_GET, "/api/pupils/{upn}/history", STAFF, ROUTE_API, api_pupil_history,
	 "every version of a mark"},
	{WEB_GET, "/api/stats", FIGURES, ROUTE_API, api_stats, "attendance figures (stats --json)"},
};
const int web_n_routes = sizeof web_routes / sizeof *web_routes;

/* Matches one pattern; path arguments are copied into args. */
static bool match(const char *pattern, const char *path, char **args, int *n_args)
{
	*n_args = 0;
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *pe = strchr(pattern, '}');
			size_t n = strcspn(path, "/");
			if (!pe || n == 0 || *n_args == WEB_ARGS_MAX)
				goto fail;
			args[(*n_args)++] = strndup(path, n);
			pattern = pe + 1;
			path += n;
			continue;
		}
		if (*pattern++ != *path++)
			goto fail;
	}
	if (!*pattern && !*path)
		return true;
fail:
	for (int i = 0; i < *n_args; i++) {
		free(args[i]);
		args[i] = NULL;
	}
	*n_args = 0;
	return false;
}

const struct route *web_route_match(enum web_method m, const char *path, char **args, int *n_args,
				    bool *path_known)
{
	*path_known = false;
	for (int i = 0; i < web_n_routes; i++) {
		const struct route *rt = &web_routes[i];
		if (!match(rt->pattern, path, args, n_args))
			continue;
		if (rt->method == m)
			return rt;
		*path_known = true;
		for (int k = 0; k < *n_args; k++)
			free(args[k]);
		*n_args = 0;
	}
	return NULL;
}

void web_routes_print(FILE *out)
{
	for (int i = 0; i < web_n_routes; i++) {
		const struct route *rt = &web_routes[i];
		fprintf(out, "%-6s %-42s ", web_method_name(rt->method), rt->pattern);
		if (rt->flags & ROUTE_PUBLIC) {
			fputs("public", out);
		} else {
			const char *sep = "";
			for (int r = 0; r < ROLE__MAX; r++) {
				if (rt->roles & ROLE_BIT(r)) {
					fprintf(out, "%s%s", sep, role_name((enum role)r));
					sep = ",";
				}
			}
		}
		fprintf(out, "  # %s\n", rt->summary);
	}
}

/* The start page of each role. */
int web_page_home(struct web_req *r)
{
	if (r->who.role == ROLE_ADMIN || r->who.role == ROLE_ATTENDANCE_LEAD)
		return web_redirect(r, "/dashboard");
	if (account_whole_school(&r->who))
		return web_redirect(r, "/office");
	if (r->who.role == ROLE_HEAD_OF_YEAR)
		return web_redirect(r, "/years");
	if (account_takes_registers(&r->who))
		return web_redirect(r, "/today");
	if (r->who.role == ROLE_GOVERNOR)
		return web_redirect(r, "/governors");
	return web_fail(r, ERR_FORBIDDEN, NULL,
			"there is nothing here for a %s account yet: the parents' pages come "
			"in a later version",
			role_label(r->who.role));
}
