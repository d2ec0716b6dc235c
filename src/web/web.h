/* The web app: what the HTTP adapter (http.c), the route table (routes.c),
 * sign-in (auth.c), the single writer (writer.c) and the pages and API
 * handlers share.
 *
 * Threads: libmicrohttpd runs a pool of request threads. They read the
 * engine under srv->lock (read side) and the database through a read-only
 * connection of their own (web_reader). Every write goes to the one writer
 * thread (writer.c), which puts the writes of all waiting requests in one
 * transaction (group commit), commits it, applies it to the matrix under
 * the lock's write side, and only then lets the requests answer. */
#ifndef ATTEND_WEB_H
#define ATTEND_WEB_H

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/error.h"
#include "app/lessons.h"
#include "app/register.h"
#include "app/role.h"
#include "engine/engine.h"

struct MHD_Connection;
struct html;
struct MHD_Daemon;
struct writer;

#define WEB_BODY_MAX (64 * 1024) /* a register of 60 pupils is about 5 KiB */
#define WEB_ARGS_MAX 4
#define WEB_FORM_MAX 512
#define WEB_FORM_FIELDS 256 /* a self-assessment: three fields for each of 34+ questions */
#define WEB_SESSION_HOURS 12
#define WEB_TOKEN_HEX 65 /* 32 random bytes in hex + NUL */
#define AUTH_TICKET_MAX 200 /* the second step of signing in (twofactor.c) */

struct server {
	const char *db_path;
	struct store *store; /* the writer's connection; the engine's */
	struct engine e;
	pthread_rwlock_t lock; /* the engine: readers vs the writer's commit */
	struct register_settings rs;
	struct writer *writer;
	struct MHD_Daemon *daemon;
	atomic_int active;    /* requests being handled */
	atomic_bool draining; /* shutting down: new requests get 503 */
	bool quiet;           /* no access log (benchmarks may ask) */
	/* A reporting server (--read-only, or on a hot standby): every write
	 * is refused, sign-ins are kept in memory. */
	bool read_only;
	/* Many schools (issue 9, schools.c): one server a school, each with its
	 * own engine, lock, settings, writer and connection. The site (the
	 * server `attend serve` made, the daemon's) holds them all, itself
	 * first; a signed-in request runs on the server of its session's school. */
	struct server *site;
	struct server **schools;
	int n_schools;
	/* With several schools, their writers share the site's connection
	 * (store), taking turns under this lock: one school's commit is then
	 * not "another program's change" to the others, which would reload
	 * every school at every write. NULL with one school. */
	pthread_mutex_t *write_mu;
	/* The writer's work between groups, each school's own (its writer
	 * thread's alone): lesson reminders (lessons.c), the casework scan
	 * (page-casework-lead.c), the monitoring schedule (leading.c) and the
	 * daily round of notifications (statutory.c). */
	struct server_tick {
		time_t lessons_last;
		time_t leading_last; /* the monitoring schedule's run (leading.c) */
		date_t statutory_day; /* the daily notifications and Year 7 watch (statutory.c) */
		time_t cw_started, cw_last, cw_checked;
		date_t cw_last_day;
		int cw_minutes;
	} tick;
};

enum web_method { WEB_GET, WEB_POST, WEB_PUT, WEB_DELETE, WEB__MAX };
const char *web_method_name(enum web_method m);

enum route_flag {
	ROUTE_PUBLIC = 1u << 0, /* no sign-in needed */
	ROUTE_API = 1u << 1,    /* JSON in and out; 401 rather than a sign-in page */
	ROUTE_UPLOAD = 1u << 2, /* takes a file: a body up to WEB_UPLOAD_MAX, a page's form as
				   multipart/form-data (the file in web_req.upload) */
};
#define WEB_UPLOAD_MAX (5 * 1024 * 1024 + 64 * 1024) /* a 5 MB document and its form */

struct web_req;
typedef int (*web_handler)(struct web_req *r);
#define WEB_DEFER 1 /* a handler's return: the request waits for the writer */

struct route {
	enum web_method method;
	const char *pattern; /* "/api/registers/{form}/{date}/{session}" */
	unsigned roles;      /* ROLE_BIT()s allowed (ignored when ROUTE_PUBLIC) */
	unsigned flags;
	web_handler handler;
	const char *summary;
};
extern const struct route web_routes[];
extern const int web_n_routes;
/* The route for a method and path, its path arguments in args; NULL if none.
 * *path_known says whether the path exists under another method. */
const struct route *web_route_match(enum web_method m, const char *path, char **args, int *n_args,
				    bool *path_known);
/* The largest body a request to that method and path may send. */
size_t web_body_limit(enum web_method m, const char *path);
void web_routes_print(FILE *out);

struct web_form_field {
	char *name, *value;
};

/* A write handed to the writer: run() inside the group's transaction
 * (inside a savepoint of its own), finish() back on a request thread
 * after the commit, to answer. */
struct write_job {
	int (*run)(struct server *srv, struct write_job *j, struct app_error *err);
	int (*finish)(struct web_req *r, struct write_job *j);
	/* Optional: on the writer thread once the group is committed (and only
	 * if this write was in it): what must follow a durable write, such as
	 * delivering the alerts it raised. */
	void (*committed)(struct server *srv, struct write_job *j);
	void *arg;
	void (*free_arg)(void *arg); /* called when the request is done */
	struct MHD_Connection *conn;
	/* Runs on the request's thread without the database (a read-only
	 * server's sign-in); every other write is refused there. */
	bool no_database;
	int rc; /* run's result; -1 also when the commit failed */
	struct app_error err;
	atomic_bool done;
	struct write_job *next;
};

struct web_resp_header {
	const char *name;
	char value[400];
};
#define WEB_RESP_HEADERS 6

struct web_req {
	struct server *srv;
	struct MHD_Connection *conn;
	enum web_method method;
	char path[512];
	const struct route *route;
	char *args[WEB_ARGS_MAX];
	int n_args;
	char ip[64];
	struct timespec t0;
	double cpu_ms; /* the handler's own CPU time (what the machine's load does not inflate) */
	/* the body, for PUT and POST */
	char *body;
	size_t body_len, body_max;
	bool body_too_large;
	struct web_form_field form[WEB_FORM_FIELDS]; /* urlencoded form fields */
	int n_form;
	struct web_upload {             /* the file of a ROUTE_UPLOAD form */
		char name[64], filename[256], ctype[64];
		const unsigned char *data; /* into body; NULL: none */
		size_t len;
	} upload;
	/* who is asking */
	bool signed_in;
	struct account who;
	char token_hash[WEB_TOKEN_HEX];
	char csrf[WEB_TOKEN_HEX];
	struct store *rd; /* this thread's read connection */
	bool db_down; /* the sign-in could not be checked: the database did not answer */
	/* a write waiting for the writer */
	struct write_job *job;
	/* the answer */
	int status;
	char *out;
	size_t out_len;
	const char *ctype;
	const unsigned char *out_static; /* not freed: embedded static files */
	struct web_resp_header headers[WEB_RESP_HEADERS];
	int n_headers;
	bool counted; /* in srv->active */
	char last_error[512]; /* the message of the last error answered */
	const char *lang;     /* the page's language (family pages); NULL: English */
};

/* ---- http.c ---- */
/* One line to stderr, with the time: the access and error log. */
void web_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int web_serve(struct server *srv, const char *listen, FILE *ready);
/* The read connection of the calling thread (opened on first use). */
struct store *web_reader(struct server *srv);
const char *web_query(struct web_req *r, const char *name);
/* Calls cb for every query-string argument until it returns non-zero (returned). */
int web_query_each(struct web_req *r, int (*cb)(void *ctx, const char *name, const char *value),
		   void *ctx);
/* Checks the query string: each parameter must be one of allowed (a
 * NULL-terminated list, or NULL for none; "done", the flash after a
 * redirect, always is); else a 400 naming it is answered and -1 returned. */
int web_check_query(struct web_req *r, const char *const *allowed);
const char *web_header(struct web_req *r, const char *name);
const char *web_cookie(struct web_req *r, const char *name);
const char *web_form_value(struct web_req *r, const char *name);
void web_add_header(struct web_req *r, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The answer of a read-only server to a write: 409, saying so. */
int web_fail_read_only(struct web_req *r);
/* Hands job to the writer; the handler then returns WEB_DEFER. */
int web_defer(struct web_req *r, struct write_job *job);
/* Parses an application/x-www-form-urlencoded body into r->form. */
int web_parse_form(struct web_req *r);

/* ---- resp.c: answers ---- */
int web_json(struct web_req *r, int status, json_t *body); /* takes body */
int web_html(struct web_req *r, int status, char *html, size_t len); /* takes html */
int web_redirect(struct web_req *r, const char *location);
/* Any other content (a letter's PDF): data is malloc'd and taken; ctype a
 * static string. */
int web_bytes(struct web_req *r, int status, const char *ctype, void *data, size_t len);
/* An error as the route speaks: {"error","field"} for the API, a page else. */
int web_error(struct web_req *r, const struct app_error *err);
int web_fail(struct web_req *r, enum err_kind kind, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int web_status_of(enum err_kind kind);
/* Parses a JSON body; a bad one is a 400 naming what is wrong. */
json_t *web_json_body(struct web_req *r, struct app_error *err);

/* ---- auth.c ---- */
int auth_hash_password(const char *password, char out[STORE_PWHASH_MAX], struct app_error *err);
/* Checks the password rules (length, UTF-8) with a message for people. */
int auth_password_ok(const char *password, struct app_error *err);
/* Reads the session cookie and fills r->who; false if not signed in. */
bool auth_identify(struct web_req *r);
/* Whether the request carries the session's CSRF token (header for the
 * API, form field "csrf" for pages). */
bool auth_csrf_ok(struct web_req *r);
/* Signs in: checks the rate limit and the password, then starts a session
 * through the writer. Answers through finish(r, ok). */
/* What a sign-in gives: a username and password, or (the second step of
 * a page's sign-in) the ticket the first step gave; and the code of the
 * account's second factor (NULL: none given). */
struct auth_attempt {
	const char *username, *password, *ticket, *code;
	char ticket_out[AUTH_TICKET_MAX]; /* when AUTH_NEED_CODE: for the second step */
};
/* AUTH_NEED_CODE (nothing answered): the password is right and the account
 * has a second factor, but no code was given. */
#define AUTH_NEED_CODE 2 /* not WEB_DEFER */
int auth_sign_in(struct web_req *r, struct auth_attempt *a,
		 int (*finish)(struct web_req *r, struct write_job *j));
/* After a sign-in job: the new session's cookie, token hash and CSRF. */
void auth_signed_in(struct web_req *r, struct write_job *j);
/* After a sign-in job that did not sign in: why not, when it was the code
 * (NULL: the username or password). */
const char *auth_code_refused(const struct write_job *j);
int auth_sign_out(struct web_req *r, int (*finish)(struct web_req *r, struct write_job *j));
void auth_clear_cookie(struct web_req *r);
/* The pre-sign-in CSRF token of the sign-in form (a cookie it must match). */
const char *auth_signin_token(struct web_req *r);
bool auth_signin_token_ok(struct web_req *r);
/* The same for another public form: the cookie's name and path. */
const char *auth_form_token(struct web_req *r, const char *cookie, const char *path);
bool auth_form_token_ok(struct web_req *r, const char *cookie);
/* Starts a sign-in session for a user inside a writer job (an account just
 * made); token is the new session's. */
int auth_session_start(struct store *s, int64_t user_id, int64_t school_id,
		       char token[WEB_TOKEN_HEX], struct app_error *err);
/* After that job: the session cookie, the CSRF token and r->who. */
void auth_session_set(struct web_req *r, const char *token, const char *username);

/* ---- schools.c: every school of the database, served together ---- */
/* Loads every other school of the database beside the site's own. */
int web_schools_load(struct server *site, struct app_error *err);
void web_schools_close(struct server *site);
/* Starts (stops) the writers of the schools other than the site's. */
int web_schools_start(struct server *site);
void web_schools_stop(struct server *site);
/* The server of a school, NULL if not served. */
struct server *web_school_of(struct server *site, int64_t school_id);
int page_schools(struct web_req *r);
int page_schools_post(struct web_req *r);
int api_schools(struct web_req *r);
int api_school_post(struct web_req *r);
/* The trust dashboard (page-trust.c). */
int page_trust(struct web_req *r);
int api_trust(struct web_req *r);
/* Similar-schools benchmarking (page-trust.c). */
int page_similar(struct web_req *r);
int api_similar(struct web_req *r);

/* ---- writer.c ---- */
struct writer *writer_start(struct server *srv);
void writer_submit(struct writer *w, struct write_job *j);
/* Runs what is queued, then stops the thread; later submissions are
 * answered "stopping" at once. writer_stop_ask only asks (the writer and
 * its watcher), writer_stop_wait waits for them: a server of many schools
 * asks every writer before it waits for any, so they stop together. */
void writer_stop(struct writer *w);
void writer_stop_ask(struct writer *w);
void writer_stop_wait(struct writer *w);
/* After the HTTP daemon has stopped. */
void writer_free(struct writer *w);

/* ---- shared by pages and API ---- */
/* The registers (form, session) of a day the account sees. */
struct register_status {
	int form;
	enum session session;
	bool taken;
	char taken_by[STORE_USER_MAX];
	char taken_at[STORE_TIME_LEN];
	int on_roll, marked, unexplained; /* unexplained: N marks */
	bool overdue;                     /* not taken and past closing time */
};
/* Under the read lock. *out is malloc'd; -1 on failure with err. */
int web_registers_of_day(struct web_req *r, date_t day, struct register_status **out, int *n,
			 struct app_error *err);
/* The register a path names: /FORM/DATE/SESSION, checked against the
 * account's scope (403) and the calendar. Under the read lock. */
struct register_path {
	int form;
	date_t date;
	enum session session;
};
int web_register_path(struct web_req *r, struct register_path *p, struct app_error *err);
/* The rows on roll in the register, by surname (*rows malloc'd); -1 on no
 * memory. Under the read lock. */
int web_register_rows(const struct engine *e, const struct register_path *p, int **rows);
/* Parses a submission (JSON or form) into sub and queues it; answers via
 * finish once written. marks is taken (freed by the job). */
int web_submit_register(struct web_req *r, const struct register_path *p,
			struct register_mark *marks, int n, const char *reason,
			int (*finish)(struct web_req *r, struct write_job *j));
const struct register_outcome *web_register_outcome(const struct write_job *j);
/* A register event as the API gives it: {"kind","by","at","marks","reason"}. */
json_t *web_event_json(const char *kind, const char *by, const char *at, int marks,
		       const char *reason);
/* Answers a register's JSON with its events (and the first one's taken_by
 * and taken_at); rc < 0: reading the events failed. Takes out and events. */
int web_answer_with_events(struct web_req *r, json_t *out, json_t *events, int rc);
/* The {"marks":[{"upn","code","minutes_late"}],"reason"} of a register PUT;
 * *marks malloc'd; *reason points into body. */
int web_marks_body(json_t *body, struct register_mark **marks, int *n, const char **reason,
		   struct app_error *err);
const struct register_submission *web_register_submission(const struct write_job *j);
/* The stats query of a request (from, to, group) and the account's row
 * scope (*scope malloc'd, NULL for the whole school). Under the read lock. */
struct stats_query;
int web_stats_query(struct web_req *r, struct stats_query *q, uint8_t **scope,
		    struct app_error *err);
/* Today's date, as the school's clock says. */
date_t web_today(void);
/* ?date= (default today). */
int web_day_param(struct web_req *r, date_t *day, struct app_error *err);
/* The pupil a path names and the row of the enrolment on day (or the
 * latest), checked against the account's scope. Under the read lock. */
int web_pupil_row(struct web_req *r, const char *upn, date_t day, int *row,
		  struct app_error *err);
int web_page_home(struct web_req *r);
/* The cells of one version of a mark: version, mark (and minutes late),
 * when and by whom, why (page-history.c). */
struct html;
void web_version_cells(struct html *h, const struct mark_rec *m);

/* ---- lessons.c: the lesson registers ---- */
/* Runs on the writer thread between groups (at most every 30 s): today's
 * lesson registers not taken ten minutes in get their reminders. */
void web_tick(struct server *srv);
/* Where an alert goes once committed: a line in the log (the communications
 * module adds email). */
void web_alert_log(void *ctx, const struct alert_rec *a);
struct lesson_ref;
/* The lesson a path names (/DATE/PERIOD/CLASS), checked against the
 * account (403 for another teacher's class). Under the read lock. */
int web_lesson_path(struct web_req *r, int first_arg, struct lesson_ref *out,
		    struct app_error *err);
/* "/lessons/DATE/PERIOD/CLASS", percent-encoded. */
void web_lesson_href(struct html *h, const struct engine *e, const struct lesson_ref *l);
/* Queues a lesson register (marks taken); answers through finish. */
int web_submit_lesson(struct web_req *r, const struct lesson_ref *l, struct register_mark *marks,
		      int n, const char *reason, int (*finish)(struct web_req *r, struct write_job *j));
const struct lesson_outcome *web_lesson_outcome(const struct write_job *j);
const struct lesson_submission *web_lesson_submission(const struct write_job *j);
/* The "Lessons" part of /today: the account's lessons of the day. */
void web_lessons_today(struct html *h, struct web_req *r, date_t day);
/* A write of the lesson engine's classes: reloads them after the commit. */
void web_reload_lessons(struct server *srv, struct write_job *j);

int page_lesson_get(struct web_req *r);
int page_lesson_post(struct web_req *r);
int page_missing(struct web_req *r);
int page_disagreements(struct web_req *r);
int page_disagreement_post(struct web_req *r);
int page_alerts(struct web_req *r);
int page_alert_post(struct web_req *r);
int page_classes(struct web_req *r);
int page_class_get(struct web_req *r);
int page_class_post(struct web_req *r);
int page_pupil_lessons(struct web_req *r);
int page_lesson_patterns(struct web_req *r);
int api_lessons_list(struct web_req *r);
int api_lesson_get(struct web_req *r);
int api_lesson_put(struct web_req *r);
int api_missing(struct web_req *r);
int api_disagreements(struct web_req *r);
int api_disagreement_post(struct web_req *r);
int api_alerts(struct web_req *r);
int api_pupil_lessons(struct web_req *r);
/* ---- forms.c: what the pages of the first-day response and of families
 * share ---- */
/* The engine as a request thread may use it: the shared calendar and
 * matrix (only under the read lock) with every read through the thread's
 * own connection, never the writer's. */
void web_engine_view(struct web_req *r, struct engine *view);
/* The latest enrolment of a pupil by id, or -1 (under the read lock). */
int web_row_of_pupil(const struct engine *e, int64_t pupil_id);
/* Who writes, for the register's history and the contact log. */
struct actor web_actor(const struct web_req *r);
/* A form field as a whole number in [min, max]; empty or absent is dflt
 * (or, with dflt < 0, an error: the field is required). */
int web_form_int(struct web_req *r, const char *name, long min, long max, long dflt, long *out,
		 struct app_error *err);
/* A form field as a date (empty or absent: dflt, DATE_INVALID allowed). */
int web_form_date(struct web_req *r, const char *name, date_t dflt, date_t *out,
		  struct app_error *err);
/* A write through the writer: run() in the group's transaction, then
 * finish() answers; committed (may be NULL) runs on the writer after the
 * commit. arg is freed with free_arg (NULL: free()) when the request is done. */
int web_write(struct web_req *r, int (*run)(struct server *srv, struct write_job *j,
					    struct app_error *err),
	      void *arg, void (*free_arg)(void *arg),
	      int (*finish)(struct web_req *r, struct write_job *j),
	      void (*committed)(struct server *srv, struct write_job *j));
/* A local path to go back to after a form (the form's "next", else dflt). */
const char *web_next(struct web_req *r, const char *dflt);
/* Redirects to path with done=KEY added: the page then says what was done. */
int web_done(struct web_req *r, const char *path, const char *key);

/* Pages (page-*.c) and API (api-*.c) handlers. */
int page_account_2fa(struct web_req *r);
int page_account_2fa_start(struct web_req *r);
int page_account_2fa_confirm(struct web_req *r);
int page_account_2fa_off(struct web_req *r);
int page_user_2fa_reset(struct web_req *r);
int page_signin_get(struct web_req *r);
int page_signin_post(struct web_req *r);
int page_signout_post(struct web_req *r);
int page_today(struct web_req *r);
int page_register_get(struct web_req *r);
int page_register_post(struct web_req *r);
int page_office(struct web_req *r);
int page_history(struct web_req *r);
int page_stats(struct web_req *r);
int page_static(struct web_req *r);
int page_first_day(struct web_req *r);
int page_tasks(struct web_req *r);
int page_family(struct web_req *r);
int page_absence_get(struct web_req *r);
int page_absence_post(struct web_req *r);
int page_message_get(struct web_req *r);
int page_message_post(struct web_req *r);
int page_templates(struct web_req *r);
int page_template(struct web_req *r);
int page_outbox(struct web_req *r);
int page_outbox_message(struct web_req *r);
int page_outbox_pdf(struct web_req *r);
int page_outbox_decide(struct web_req *r);
int api_first_day(struct web_req *r);
int api_first_day_step(struct web_req *r);
int api_tasks(struct web_req *r);
int api_task_done(struct web_req *r);
int page_contact_log_add(struct web_req *r);
int page_contact_log_amend(struct web_req *r);
int page_contacts_missing(struct web_req *r);
int page_task_done(struct web_req *r);
/* The tasks the account may see: open ones, and those finished in the
 * last week (*out's v malloc'd). */
struct web_tasks {
	struct task_rec *v;
	int n;
};
int web_tasks_load(struct web_req *r, struct web_tasks *out, struct app_error *err);
/* A task finished from a form or the API: the input checked, then written. */
int web_task_submit(struct web_req *r, const char *id, const char *result, const char *contact,
		    const char *note, int (*finish)(struct web_req *r, struct write_job *j));
int page_first_day_message(struct web_req *r);
int page_first_day_step(struct web_req *r);
/* A first-day step from a form or the API, checked, then written; the
 * message step (result sent) composes and queues the message. */
int web_first_day_submit(struct web_req *r, const char *step, const char *result,
			 const char *contact, const char *note, const char *tpl,
			 int (*finish)(struct web_req *r, struct write_job *j));
/* Dashboards, pupil lists and profiles, year and form views, the governor report. */
int page_dashboard(struct web_req *r);
int page_pupils(struct web_req *r);
int page_pupils_csv(struct web_req *r);
int page_moved(struct web_req *r);
int page_pupil(struct web_req *r);
int page_years(struct web_req *r);
int page_year(struct web_req *r);
int page_forms(struct web_req *r);
int page_form(struct web_req *r);
int page_cup(struct web_req *r);
int page_governors(struct web_req *r);
int page_governors_pdf(struct web_req *r);
/* Casework (issue 7): page-casework.c, page-casework-lead.c,
 * casework_forms.c (every write, page or API), api-casework.c. */
int page_casework_pupil(struct web_req *r);
int page_casework_safeguarding(struct web_req *r);
int page_casework_list(struct web_req *r);
int page_casework_impact(struct web_req *r);
int page_casework_pack(struct web_req *r);
int page_casework_pack_pdf(struct web_req *r);
int page_casework_pack_csv(struct web_req *r);
int page_casework_catalogue(struct web_req *r);
int page_casework_document(struct web_req *r);
int page_safeguarding_log(struct web_req *r);
int web_cw_review(struct web_req *r);
int web_cw_stage(struct web_req *r);
int web_cw_note(struct web_req *r);
int web_cw_plan(struct web_req *r);
int web_cw_barrier(struct web_req *r);
int web_cw_action(struct web_req *r);
int web_cw_action_done(struct web_req *r);
int web_cw_meeting(struct web_req *r);
int web_cw_plan_close(struct web_req *r);
int web_cw_intervention(struct web_req *r);
int web_cw_intervention_end(struct web_req *r);
int web_cw_part_time(struct web_req *r);
int web_cw_part_time_review(struct web_req *r);
int web_cw_part_time_end(struct web_req *r);
int web_cw_legal(struct web_req *r);
int web_cw_legal_event(struct web_req *r);
int web_cw_document(struct web_req *r);
int web_cw_catalogue(struct web_req *r);
int api_casework_reviews(struct web_req *r);
int api_casework_impact(struct web_req *r);
int api_casework_catalogue(struct web_req *r);
int api_casework_pupil(struct web_req *r);
int api_casework_safeguarding(struct web_req *r);
int api_safeguarding_log(struct web_req *r);
/* A pupil's casework page, or the review list, again with a form's error. */
int web_casework_page(struct web_req *r, const char *upn, int status, const char *error);
int web_casework_list_page(struct web_req *r, int status, const char *error);
/* The casework section of the pupil's profile (under the profile's read
 * lock): nothing for an account that does not see casework. */
void web_casework_profile_section(struct html *h, struct web_req *r, int row);
/* Between groups, on the writer: the casework scan (casework_scan.c) every
 * few minutes when the register changed, and when the day changes. */
void web_casework_tick(struct server *srv);
int api_session_post(struct web_req *r);
int api_session_delete(struct web_req *r);
int api_registers_list(struct web_req *r);
int api_register_get(struct web_req *r);
int api_register_put(struct web_req *r);
int api_pupil_history(struct web_req *r);
int api_stats(struct web_req *r);

/* ---- statutory duties (issue 10): notifications, the admission register's
 * deletions, downloads of the exports and the evidence, transition ---- */
/* Checks the query string against the page's parameters (NULL-terminated):
 * an unknown one is a 400 naming it. */
int web_params_check(struct web_req *r, const char *const *allowed, struct app_error *err);
/* After a write that changed the admission register: the engine reloaded. */
void web_reload_engine(struct server *srv, struct write_job *j);
/* On the writer thread between groups: once a day, the notifications due
 * and not raised (app/notices.h) and the Year 7 watch (app/transition.h). */
void web_statutory_tick(struct server *srv);
/* The profile's section: leaving grounds, transition, notifications, files;
 * read through r's own connection (the caller holds the engine's read lock). */
void web_statutory_section(struct html *h, struct web_req *r, int row);
int page_notifications(struct web_req *r);
int page_notification_post(struct web_req *r);
int page_la_file_post(struct web_req *r);
int api_notifications(struct web_req *r);
int page_downloads(struct web_req *r);
int page_pupil_file_form(struct web_req *r);
int page_ctf_download(struct web_req *r);
int page_census_download(struct web_req *r);
int page_dfe_daily_download(struct web_req *r);
int page_evidence_pdf(struct web_req *r);
int page_evidence_csv(struct web_req *r);
int page_transition(struct web_req *r);
int api_transition(struct web_req *r);
int page_leaving_get(struct web_req *r);
int page_leaving_post(struct web_req *r);

#endif
