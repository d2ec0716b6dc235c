/* The libmicrohttpd adapter: reading requests (with a body limit), routing
 * them through the one route table with the sign-in, role and CSRF checks,
 * answering with the security headers, logging one line a request, and a
 * clean shutdown on SIGTERM/SIGINT that loses no write. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <unistd.h>

#include "app/clock.h"
#include "app/csv.h"
#include "web/multipart.h"
#include "web/web.h"

#define READERS_MAX 256
#define REQUEST_THREAD_NICE 5 /* below the writer's 0 */

static const char *const method_names[WEB__MAX] = {"GET", "POST", "PUT", "DELETE"};

const char *web_method_name(enum web_method m)
{
	return (unsigned)m < WEB__MAX ? method_names[m] : "?";
}

/* ---- logging: one line each, to stderr ---- */

void web_log(const char *fmt, ...)
{
	char now[CLOCK_ISO_LEN], line[1200];
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	/* one write per line, so lines of different threads never interleave */
	fprintf(stderr, "%s %s\n", clock_iso_utc(ts, now), line);
}

static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	web_log("error http: %s", msg);
}

/* ---- one read connection per request thread ---- */

static pthread_mutex_t readers_mu = PTHREAD_MUTEX_INITIALIZER;
static struct store *readers[READERS_MAX];
static int n_readers;
static __thread struct store *thread_reader;

struct store *web_reader(struct server *srv)
{
	if (thread_reader)
		return thread_reader;
	char msg[256];
	struct store *s;
	if (store_open(srv->db_path, &s, msg, sizeof msg) < 0) {
		web_log("error opening a read connection: %s", msg);
		return NULL;
	}
	pthread_mutex_lock(&readers_mu);
	if (n_readers == READERS_MAX) {
		pthread_mutex_unlock(&readers_mu);
		store_close(s);
		return NULL;
	}
	readers[n_readers++] = s;
	pthread_mutex_unlock(&readers_mu);
	return thread_reader = s;
}

static void close_readers(void)
{
	pthread_mutex_lock(&readers_mu);
	for (int i = 0; i < n_readers; i++)
		store_close(readers[i]);
	n_readers = 0;
	pthread_mutex_unlock(&readers_mu);
}

/* ---- request helpers ---- */

const char *web_query(struct web_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

struct each_arg {
	int (*cb)(void *ctx, const char *name, const char *value);
	void *ctx;
	int rc;
};

static enum MHD_Result each_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				const char *value)
{
	(void)kind;
	struct each_arg *a = cls;
	if (a->rc == 0)
		a->rc = a->cb(a->ctx, key, value ? value : "");
	return a->rc == 0 ? MHD_YES : MHD_NO;
}

int web_query_each(struct web_req *r, int (*cb)(void *ctx, const char *name, const char *value),
		   void *ctx)
{
	struct each_arg a = {cb, ctx, 0};
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, each_arg, &a);
	return a.rc;
}

const char *web_header(struct web_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *web_cookie(struct web_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *web_form_value(struct web_req *r, const char *name)
{
	for (int i = 0; i < r->n_form; i++)
		if (strcmp(r->form[i].name, name) == 0)
			return r->form[i].value;
	return NULL;
}

void web_add_header(struct web_req *r, const char *name, const char *fmt, ...)
{
	if (r->n_headers == WEB_RESP_HEADERS)
		return;
	struct web_resp_header *h = &r->headers[r->n_headers++];
	h->name = name;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(h->value, sizeof h->value, fmt, ap);
	va_end(ap);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes %XX and '+' in place; -1 on a broken escape. */
static int url_decode(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '+') {
			*o++ = ' ';
		} else if (*s == '%') {
			int a = hexval(s[1]), b = a < 0 ? -1 : hexval(s[2]);
			if (b < 0)
				return -1;
			*o++ = (char)(a * 16 + b);
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return 0;
}

/* Answers the error and returns -1: the form can't be used. */
static int form_fail(struct web_req *r, enum err_kind kind, const char *field, const char *msg)
{
	web_fail(r, kind, field, "%s", msg);
	return -1;
}

/* A form with a file: its text fields into r->form, the file into r->upload. */
static int parse_multipart(struct web_req *r, const char *boundary)
{
	struct mp_part parts[24];
	const char *why;
	int n = multipart_parse(r->body, r->body_len, boundary, parts, 24, &why);
	if (n < 0)
		return form_fail(r, ERR_INPUT, NULL, why);
	for (int i = 0; i < n; i++) {
		struct mp_part *m = &parts[i];
		if (m->is_file) {
			if (r->upload.data)
				return form_fail(r, ERR_INPUT, m->name, "send one file at a time");
			snprintf(r->upload.name, sizeof r->upload.name, "%s", m->name);
			snprintf(r->upload.filename, sizeof r->upload.filename, "%s", m->filename);
			snprintf(r->upload.ctype, sizeof r->upload.ctype, "%s", m->ctype);
			r->upload.data = m->len ? (const unsigned char *)m->data : NULL;
			r->upload.len = m->len;
			continue;
		}
		if (r->n_form == (int)(sizeof r->form / sizeof *r->form))
			return form_fail(r, ERR_TOO_LARGE, NULL, "the form has too many fields");
		if (strlen(m->data) != m->len || !csv_text_ok(m->name) || !csv_text_ok(m->data))
			return form_fail(r, ERR_INPUT, csv_text_ok(m->name) ? m->name : NULL,
					 "the form is not valid UTF-8 text");
		r->form[r->n_form++] = (struct web_form_field){m->name, m->data};
	}
	return 0;
}

int web_parse_form(struct web_req *r)
{
	r->n_form = 0;
	if (!r->body)
		return 0;
	const char *ct = web_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	char boundary[80];
	if (r->route && (r->route->flags & ROUTE_UPLOAD) &&
	    multipart_boundary(ct, boundary, sizeof boundary) == 0)
		return parse_multipart(r, boundary);
	if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
		return form_fail(r, ERR_INPUT, "Content-Type",
				 "a form must be sent as application/x-www-form-urlencoded");
	char *save = NULL;
	for (char *pair = strtok_r(r->body, "&", &save); pair; pair = strtok_r(NULL, "&", &save)) {
		if (r->n_form == (int)(sizeof r->form / sizeof *r->form))
			return form_fail(r, ERR_TOO_LARGE, NULL, "the form has too many fields");
		char *eq = strchr(pair, '=');
		char *value = eq ? eq + 1 : pair + strlen(pair);
		if (eq)
			*eq = '\0';
		if (url_decode(pair) < 0 || url_decode(value) < 0)
			return form_fail(r, ERR_INPUT, NULL, "the form is not correctly encoded");
		if (!csv_text_ok(pair) || !csv_text_ok(value))
			return form_fail(r, ERR_INPUT, csv_text_ok(pair) ? pair : NULL,
					 "the form is not valid UTF-8 text");
		r->form[r->n_form++] = (struct web_form_field){pair, value};
	}
	return 0;
}

int web_fail_read_only(struct web_req *r)
{
	return web_fail(r, ERR_CONFLICT, NULL,
			"this is a read-only reporting server: nothing was saved. Registers "
			"and changes are made on the school's main attend server");
}

int web_defer(struct web_req *r, struct write_job *job)
{
	job->conn = r->conn;
	atomic_store(&job->done, false);
	r->job = job;
	return WEB_DEFER;
}

/* ---- answering ---- */

static const char CSP[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
			  "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
			  "base-uri 'none'";

static enum MHD_Result queue(struct web_req *r)
{
	struct MHD_Response *resp;
	if (r->out_static)
		resp = MHD_create_response_from_buffer(r->out_len, (void *)r->out_static,
						       MHD_RESPMEM_PERSISTENT);
	else {
		resp = MHD_create_response_from_buffer(r->out_len, r->out ? r->out : (char *)"",
						       r->out ? MHD_RESPMEM_MUST_FREE
							      : MHD_RESPMEM_PERSISTENT);
		r->out = NULL; /* MHD frees it */
	}
	if (!resp)
		return MHD_NO;
	bool cache_set = false;
	for (int i = 0; i < r->n_headers; i++) {
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
		cache_set |= strcasecmp(r->headers[i].name, "Cache-Control") == 0;
	}
	if (r->ctype)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->ctype);
	if (!cache_set) /* pages and API answers name pupils: never store them */
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	if (atomic_load(&r->srv->draining))
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
	enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

/* Sign-in, role and CSRF, then the handler. */
static int dispatch(struct web_req *r)
{
	bool path_known = false;
	r->route = web_route_match(r->method, r->path, r->args, &r->n_args, &path_known);
	if (!r->route) {
		if (path_known) {
			web_fail(r, ERR_INPUT, "method", "%s is not allowed on %s",
				 web_method_name(r->method), r->path);
			r->status = 405;
			return 0;
		}
		return web_fail(r, ERR_NOT_FOUND, NULL, "there is no page at %s", r->path);
	}
	if (!(r->rd = web_reader(r->srv)))
		return web_fail(r, ERR_INTERNAL, NULL, "the database could not be opened");
	bool api = r->route->flags & ROUTE_API;
	r->signed_in = auth_identify(r);
	if (r->signed_in) { /* the session's school's server from here on */
		struct server *school = web_school_of(r->srv->site, r->who.school_id);
		if (!school)
			return web_fail(r, ERR_INTERNAL, NULL,
					"your school is not served by this server yet: it was added "
					"after the server started, so restart it");
		r->srv = school;
	}
	if (r->route->flags & ROUTE_PUBLIC) {
		if (r->method == WEB_POST && !api && web_parse_form(r) < 0)
			return 0;
		return r->route->handler(r);
	}
	if (!r->signed_in && r->db_down) {
		/* Not "sign in first": the database is away (a failover, a
		 * restart); the client may try again. */
		web_fail(r, ERR_INTERNAL, NULL,
			 "the database cannot be reached just now: nothing was saved; try again in a "
			 "moment");
		r->status = 503;
		web_add_header(r, "Retry-After", "1");
		return 0;
	}
	if (!r->signed_in) {
		if (!api && r->method == WEB_GET) {
			char next[600];
			snprintf(next, sizeof next, "/signin?next=%s", r->path);
			return web_redirect(r, next);
		}
		web_fail(r, ERR_FORBIDDEN, NULL, "sign in first");
		r->status = 401;
		return 0;
	}
	if (!(r->route->roles & ROLE_BIT(r->who.role)))
		return web_fail(r, ERR_FORBIDDEN, NULL, "signed in as %s (%s), you can't use %s %s",
				r->who.username, role_label(r->who.role), web_method_name(r->method),
				r->path);
	/* A reporting server refuses a write before looking at it; signing
	 * out is the one it keeps (in memory). */
	if (r->method != WEB_GET && r->srv->read_only && strcmp(r->path, "/api/session") != 0 &&
	    strcmp(r->path, "/signout") != 0)
		return web_fail_read_only(r);
	if (r->method != WEB_GET) {
		if (!api && web_parse_form(r) < 0)
			return 0;
		if (!auth_csrf_ok(r))
			return web_fail(r, ERR_FORBIDDEN, "csrf",
					api ? "the X-CSRF-Token header is missing or wrong: sign in "
					      "again to get the token"
					    : "this form has expired or did not come from attend: "
					      "reload the page and try again");
	}
	return r->route->handler(r);
}

static void too_large(struct web_req *r)
{
	if (r->body_max == WEB_UPLOAD_MAX)
		web_fail(r, ERR_TOO_LARGE, "file", "the file is larger than 5 MB, the most a document "
			 "may be: send a smaller scan");
	else
		web_fail(r, ERR_TOO_LARGE, NULL, "the request body is larger than %zu bytes", r->body_max);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	(void)version;
	struct server *srv = cls;
	struct web_req *r = *con_cls;
	/* Request threads give way to the one writer (Linux: a nice value
	 * per thread): every save waits for it, so under load a writer kept
	 * off the CPU by parsing and answering delays every request. */
	static __thread bool niced;
	if (!niced) {
		niced = true;
		setpriority(PRIO_PROCESS, (id_t)gettid(), REQUEST_THREAD_NICE);
	}
	if (!r) {
		if (!(r = calloc(1, sizeof *r)))
			return MHD_NO;
		*con_cls = r;
		r->srv = srv;
		r->conn = conn;
		clock_gettime(CLOCK_MONOTONIC, &r->t0);
		snprintf(r->path, sizeof r->path, "%s", url);
		r->method = WEB__MAX;
		for (int m = 0; m < WEB__MAX; m++)
			if (strcmp(method, method_names[m]) == 0)
				r->method = (enum web_method)m;
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		const struct sockaddr *sa = ci ? ci->client_addr : NULL;
		if (sa && sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->ip, sizeof r->ip);
		else if (sa && sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->ip,
				  sizeof r->ip);
		atomic_fetch_add(&srv->active, 1);
		r->counted = true;
		if (atomic_load(&srv->draining)) {
			web_fail(r, ERR_INTERNAL, NULL, "the server is stopping: try again shortly");
			r->status = 503;
			return queue(r);
		}
		if (r->method == WEB__MAX) {
			web_fail(r, ERR_INPUT, "method", "method %.16s is not supported", method);
			r->status = 405;
			return queue(r);
		}
		const char *cl = web_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
		r->body_max = web_body_limit(r->method, r->path);
		if (cl && strtoull(cl, NULL, 10) > r->body_max) {
			too_large(r);
			return queue(r);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->body_too_large && r->body_len + *upload_size <= r->body_max) {
			char *b = realloc(r->body, r->body_len + *upload_size + 1);
			if (!b)
				return MHD_NO;
			memcpy(b + r->body_len, upload, *upload_size);
			r->body = b;
			r->body_len += *upload_size;
			r->body[r->body_len] = '\0';
		} else {
			r->body_too_large = true; /* read on, keep nothing */
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->job) {
		if (!atomic_load(&r->job->done))
			return MHD_YES;
		r->job->finish(r, r->job);
		return queue(r);
	}
	if (r->body_too_large) {
		too_large(r);
		return queue(r);
	}
	struct timespec c0, c1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	int handled = dispatch(r);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	r->cpu_ms = (double)(c1.tv_sec - c0.tv_sec) * 1e3 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e6;
	if (handled == WEB_DEFER && srv->read_only) {
		/* A reporting server saves nothing: only what needs no database. */
		struct write_job *j = r->job;
		if (j->no_database) {
			j->rc = j->run(srv, j, &j->err);
			atomic_store(&j->done, true);
			j->finish(r, j);
		} else {
			web_fail_read_only(r);
		}
		return queue(r);
	}
	if (handled == WEB_DEFER) {
		MHD_suspend_connection(conn);
		writer_submit(r->srv->writer, r->job);
		return MHD_YES;
	}
	return queue(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)conn;
	struct server *srv = cls;
	struct web_req *r = *con_cls;
	if (!r)
		return;
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - r->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - r->t0.tv_nsec) / 1e6;
	if (!srv->quiet || r->status >= 500)
		web_log("%s \"%s %s\" %d %zu %.1fms cpu %.1fms %s%s", r->ip[0] ? r->ip : "-",
			 r->method < WEB__MAX ? method_names[r->method] : "?", r->path, r->status,
			 r->out_len, ms, r->cpu_ms, r->signed_in ? r->who.username : "-",
			 toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (connection closed early)");
	if (r->job && r->job->free_arg)
		r->job->free_arg(r->job->arg);
	free(r->job);
	free(r->body);
	free(r->out);
	for (int i = 0; i < r->n_args; i++)
		free(r->args[i]);
	if (r->counted)
		atomic_fetch_sub(&srv->active, 1);
	free(r);
	*con_cls = NULL;
}

/* ---- serving ---- */

static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[128];
	const char *colon = strrchr(listen, ':');
	if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof host)
		return -1;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || port < 0 || port > 65535)
		return -1;
	memset(ss, 0, sizeof *ss);
	size_t hl = strlen(host);
	if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
		host[hl - 1] = '\0';
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1)
			return -1;
		*len = sizeof *a;
		return 0;
	}
	struct sockaddr_in *a = (struct sockaddr_in *)ss;
	a->sin_family = AF_INET;
	a->sin_port = htons((uint16_t)port);
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof host, "127.0.0.1");
	if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
		return -1;
	*len = sizeof *a;
	return 0;
}

static void wait_idle(struct server *srv, int ms)
{
	for (int waited = 0; atomic_load(&srv->active) > 0 && waited < ms; waited += 10)
		usleep(10000);
}

int web_serve(struct server *srv, const char *listen, FILE *ready)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	if (parse_listen(listen, &ss, &sslen) < 0) {
		fprintf(stderr, "attend serve: --listen '%s' is not ADDRESS:PORT (e.g. 127.0.0.1:8080)\n",
			listen);
		return 2;
	}
	/* The signals are taken by sigwait below, never by a request thread. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	srv->writer = writer_start(srv);
	if (!srv->writer || web_schools_start(srv) < 0) {
		fprintf(stderr, "attend serve: could not start the writer thread\n");
		return 1;
	}
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = (unsigned)(cores > 0 ? cores * 2 : 4);
	srv->daemon = MHD_start_daemon(
		MHD_USE_AUTO_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG |
			(ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
		0, NULL, NULL, on_request, srv, MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT, 2000u,
		MHD_OPTION_CONNECTION_TIMEOUT, 60u, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024), MHD_OPTION_NOTIFY_COMPLETED,
		on_completed, srv, MHD_OPTION_END);
	if (!srv->daemon) {
		fprintf(stderr, "attend serve: cannot listen on %s: %s\n", listen, strerror(errno));
		writer_stop(srv->writer);
		writer_free(srv->writer);
		web_schools_stop(srv);
		return 1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	char host[128];
	snprintf(host, sizeof host, "%.*s", (int)(strrchr(listen, ':') - listen), listen);
	fprintf(ready, "attend serve: %s (URN %s) on http://%s:%u/ (stop with Ctrl-C)\n",
		srv->e.school.name, srv->e.school.urn, host, di ? di->port : 0);
	fflush(ready);

	int sig = 0;
	sigwait(&stop, &sig);
	web_log("stopping (%s): finishing the requests under way", sig == SIGINT ? "SIGINT" : "SIGTERM");
	atomic_store(&srv->draining, true);
	MHD_socket lsock = MHD_quiesce_daemon(srv->daemon);
	/* Requests under way finish; the writer then commits whatever is still
	 * queued, and only then does the daemon stop. */
	wait_idle(srv, 10000);
	writer_stop_ask(srv->writer);
	web_schools_stop(srv);
	writer_stop_wait(srv->writer);
	wait_idle(srv, 2000);
	MHD_stop_daemon(srv->daemon);
	srv->daemon = NULL;
	writer_free(srv->writer);
	srv->writer = NULL;
	if (lsock != MHD_INVALID_SOCKET)
		close(lsock);
	close_readers();
	web_log("stopped");
	return 0;
}
