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
#define LEAD (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ATTENDANCE_LEAD))
#define DSL ROLES_SAFEGUARDING
#define PASTORAL (WHOLE | ROLE_BIT(ROLE_HEAD_OF_YEAR) | DSL)
#define YEARS (ROLES_WHOLE_SCHOOL | ROLE_BIT(ROLE_HEAD_OF_YEAR))
#define GOVERNORS (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ATTENDANCE_LEAD) | ROLE_BIT(ROLE_GOVERNOR))
/* Who owns the files the school sends (README, "Exchanging data"). */
#define EXPORTS (LEAD | ROLE_BIT(ROLE_OFFICE))
#define NOTICES (WHOLE | DSL)

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
	/* lesson registers */
	{WEB_GET, "/lessons/{date}/{period}/{class*}", STAFF, 0, page_lesson_get,
	 "a lesson register (its teacher, or whole-school staff)"},
	{WEB_POST, "/lessons/{date}/{period}/{class*}", STAFF, 0, page_lesson_post,
	 "save a lesson register"},
	{WEB_GET, "/missing", WHOLE, 0, page_missing,
	 "missing now, lesson registers not taken, disagreements"},
	{WEB_GET, "/disagreements", WHOLE, 0, page_disagreements,
	 "lesson marks that disagree with session marks"},
	{WEB_POST, "/disagreements", WHOLE, 0, page_disagreement_post, "resolve a disagreement"},
	{WEB_GET, "/alerts", STAFF | DSL, 0, page_alerts, "the alerts for you"},
	{WEB_POST, "/alerts/{id}", STAFF | DSL, 0, page_alert_post, "resolve an alert"},
	{WEB_GET, "/classes", WHOLE, 0, page_classes, "every class"},
	{WEB_GET, "/classes/{class*}", STAFF, 0, page_class_get, "a class and its pupils"},
	{WEB_POST, "/classes/{class*}", LEAD, 0, page_class_post, "add or take out a pupil"},
	{WEB_GET, "/pupils/{upn}/lessons", STAFF | DSL, 0, page_pupil_lessons,
	 "a pupil's lesson patterns"},
	{WEB_GET, "/lesson-patterns", PASTORAL, 0, page_lesson_patterns,
	 "a year group's lesson patterns"},
	/* the first-day response, tasks and families (issue 6) */
	{WEB_GET, "/first-day", WHOLE, 0, page_first_day, "every pupil with N today: the step due, what is done"},
	{WEB_GET, "/first-day/{upn}/message", WHOLE, 0, page_first_day_message,
	 "the first-day message, previewed"},
	{WEB_POST, "/first-day/{upn}/{step}", WHOLE, 0, page_first_day_step,
	 "a first-day step done (message, calls, visit)"},
	{WEB_GET, "/tasks", STAFF | DSL, 0, page_tasks,
	 "your tasks (escalation, notifications to send, Year 7 reviews)"},
	{WEB_POST, "/tasks/{task}/done", STAFF | DSL, 0, page_task_done, "a task done"},
	{WEB_GET, "/pupils/{upn}/family", STAFF, 0, page_family,
	 "a pupil's contacts, contact log, reasons reported and messages"},
	{WEB_POST, "/pupils/{upn}/contact-log", STAFF, 0, page_contact_log_add, "log a contact"},
	{WEB_POST, "/pupils/{upn}/contact-log/{entry}", STAFF, 0, page_contact_log_amend,
	 "amend a contact log entry (a new version, with why)"},
	{WEB_GET, "/pupils/{upn}/absence", WHOLE, 0, page_absence_get, "record a reason a family gave"},
	{WEB_POST, "/pupils/{upn}/absence", WHOLE, 0, page_absence_post,
	 "a reason recorded: the codes go on the register"},
	{WEB_GET, "/pupils/{upn}/message", WHOLE, 0, page_message_get,
	 "a message to a pupil's contact, previewed"},
	{WEB_POST, "/pupils/{upn}/message", WHOLE, 0, page_message_post, "send it (to the outbox)"},
	{WEB_GET, "/contacts/missing", WHOLE, 0, page_contacts_missing,
	 "pupils with fewer than two working contacts"},
	{WEB_GET, "/templates", WHOLE, 0, page_templates, "the message templates"},
	{WEB_GET, "/templates/{name}", WHOLE, 0, page_template, "a template, previewed for a pupil"},
	{WEB_GET, "/outbox", WHOLE, 0, page_outbox, "every message and its status"},
	{WEB_GET, "/outbox/{id}", WHOLE, 0, page_outbox_message, "one message"},
	{WEB_GET, "/outbox/{id}/pdf", WHOLE, 0, page_outbox_pdf, "a letter's PDF"},
	{WEB_POST, "/outbox/{id}", WHOLE, 0, page_outbox_decide,
	 "send a failed message again, or a letter posted"},
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
	/* statutory duties (issue 10) */
	{WEB_GET, "/notifications", NOTICES, 0, page_notifications,
	 "notifications to the LA, social workers and virtual schools"},
	{WEB_POST, "/notifications/la-file", LEAD, 0, page_la_file_post,
	 "the LA's file of open notifications, recorded as sent"},
	{WEB_POST, "/notifications/{id}", NOTICES, 0, page_notification_post,
	 "a notification sent, told another way, or not needed"},
	{WEB_GET, "/downloads", EXPORTS, 0, page_downloads, "the files the school sends"},
	{WEB_GET, "/downloads/pupil", EXPORTS, 0, page_pupil_file_form, "a pupil's file, by UPN"},
	{WEB_GET, "/downloads/census.xml", LEAD, 0, page_census_download,
	 "the census attendance module"},
	{WEB_GET, "/downloads/dfe-daily.csv", EXPORTS, 0, page_dfe_daily_download,
	 "the DfE's daily attendance data"},
	{WEB_GET, "/pupils/{upn}/ctf.xml", EXPORTS, 0, page_ctf_download, "a leaving pupil's CTF"},
	{WEB_GET, "/pupils/{upn}/evidence.pdf", LEAD, 0, page_evidence_pdf,
	 "the register extract for the LA, verified (PDF)"},
	{WEB_GET, "/pupils/{upn}/evidence.csv", LEAD, 0, page_evidence_csv,
	 "the register extract for the LA, verified (CSV)"},
	{WEB_GET, "/pupils/{upn}/leave", WHOLE, 0, page_leave_get,
	 "leaving the admission register: the date and the ground"},
	{WEB_POST, "/pupils/{upn}/leave", WHOLE, 0, page_leave_post, "record leaving"},
	{WEB_GET, "/transition", YEARS, 0, page_transition,
	 "incoming Year 7, most at risk first, and the watch"},
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
	{WEB_GET, "/api/lessons", STAFF, ROUTE_API, api_lessons_list, "the lessons of a day"},
	{WEB_GET, "/api/lessons/{date}/{period}/{class*}", STAFF, ROUTE_API, api_lesson_get,
	 "a lesson register's pupils and marks"},
	{WEB_PUT, "/api/lessons/{date}/{period}/{class*}", STAFF, ROUTE_API, api_lesson_put,
	 "save a lesson register"},
	{WEB_GET, "/api/missing", WHOLE, ROUTE_API, api_missing,
	 "missing now and lesson registers not taken"},
	{WEB_GET, "/api/disagreements", WHOLE, ROUTE_API, api_disagreements,
	 "lesson marks that disagree with session marks"},
	{WEB_POST, "/api/disagreements", WHOLE, ROUTE_API, api_disagreement_post,
	 "resolve a disagreement"},
	{WEB_GET, "/api/alerts", STAFF | DSL, ROUTE_API, api_alerts, "the alerts for you"},
	{WEB_GET, "/api/pupils/{upn}/lessons", STAFF | DSL, ROUTE_API, api_pupil_lessons,
	 "a pupil's lesson patterns"},
	{WEB_GET, "/api/first-day", WHOLE, ROUTE_API, api_first_day, "the first-day queue of a day"},
	{WEB_POST, "/api/first-day/{upn}/{step}", WHOLE, ROUTE_API, api_first_day_step,
	 "a first-day step done"},
	{WEB_GET, "/api/tasks", STAFF | DSL, ROUTE_API, api_tasks, "the tasks you may see"},
	{WEB_POST, "/api/tasks/{task}/done", STAFF | DSL, ROUTE_API, api_task_done, "a task done"},
	{WEB_GET, "/api/notifications", NOTICES, ROUTE_API, api_notifications,
	 "notifications (state=open, sent, withdrawn, dismissed or all)"},
	{WEB_GET, "/api/transition", YEARS, ROUTE_API, api_transition,
	 "the transition view (attend transition --json)"},
};
const int web_n_routes = sizeof web_routes / sizeof *web_routes;

/* Matches one pattern; path arguments are copied into args. A last
 * argument written {name*} takes the rest of the path, slashes and all
 * (class codes such as 10A/Ma1). */
static bool match(const char *pattern, const char *path, char **args, int *n_args)
{
	*n_args = 0;
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *pe = strchr(pattern, '}');
			bool rest = pe && pe > pattern && pe[-1] == '*';
			size_t n = rest ? strlen(path) : strcspn(path, "/");
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
	if (r->who.role == ROLE_DSL)
		return web_redirect(r, "/alerts");
	return web_fail(r, ERR_FORBIDDEN, NULL,
			"there is nothing here for a %s account yet: the parents' pages come "
			"in a later version",
			role_label(r->who.role));
}
