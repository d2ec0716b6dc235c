/* Every school of the database served by one `attend serve` (issue 9): a
 * server a school, each with its own engine, read-write lock, settings,
 * writer thread and database connection, so the schools never share a
 * matrix or a lock; the site holds them all. A signed-in request runs on
 * the server of its session's school (http.c), so every page and API call
 * sees that school only. A user of several schools chooses one here. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/clock.h"
#include "web/html.h"
#include "web/web.h"

struct loading {
	struct server *site;
	struct school_rec *v;
	int n;
	atomic_int next;
	pthread_mutex_t mu;
	struct app_error err;
	bool failed;
};

static int add_school(void *ctx, const struct school_rec *r)
{
	struct loading *l = ctx;
	if (r->id == l->site->e.school.id)
		return 0;
	void *grown = realloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
	if (!grown)
		return -1;
	l->v = grown;
	l->v[l->n++] = *r;
	return 0;
}

/* One school: its own connection, engine, settings and lessons. */
static int load_one(struct server *site, const struct school_rec *sc, struct server *out,
		    struct app_error *err)
{
	char msg[256];
	out->db_path = site->db_path;
	out->quiet = site->quiet;
	out->read_only = site->read_only;
	out->site = site;
	if (store_open(site->db_path, &out->store, msg, sizeof msg) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", msg);
	if (engine_open(&out->e, out->store, sc->urn, err) < 0) {
		store_close(out->store);
		out->store = NULL;
		return -1;
	}
	if (register_settings_load(out->store, out->e.school.id, &out->rs, err) < 0 ||
	    engine_want_lessons(&out->e, err) < 0)
		return -1;
	pthread_rwlock_init(&out->lock, NULL);
	out->e.matrix_lock = &out->lock;
	/* loaded: from now on it writes (and reloads) through the site's
	 * connection, under the site's write lock (web.h) */
	store_close(out->store);
	out->store = site->store;
	out->e.store = site->store;
	out->write_mu = site->write_mu;
	return 0;
}

/* A loading thread: takes the next school until none is left. */
static void *loader(void *arg)
{
	struct loading *l = arg;
	for (;;) {
		int i = atomic_fetch_add(&l->next, 1);
		if (i >= l->n)
			break;
		struct app_error err = {0};
		if (load_one(l->site, &l->v[i], l->site->schools[i + 1], &err) < 0) {
			pthread_mutex_lock(&l->mu);
			if (!l->failed)
				l->err = err;
			l->failed = true;
			pthread_mutex_unlock(&l->mu);
		}
	}
	return NULL;
}

int web_schools_load(struct server *site, struct app_error *err)
{
	struct loading l = {.site = site};
	pthread_mutex_init(&l.mu, NULL);
	int rc = -1;
	if (store_schools_each(site->store, add_school, &l) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(site->store));
		goto out;
	}
	site->schools = calloc((size_t)l.n + 1, sizeof *site->schools);
	if (!site->schools) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	site->schools[0] = site;
	site->n_schools = 1;
	if (l.n > 0) {
		if (!(site->write_mu = malloc(sizeof *site->write_mu))) {
			app_fail(err, ERR_INTERNAL, NULL, "out of memory");
			goto out;
		}
		pthread_mutex_init(site->write_mu, NULL);
	}
	for (int i = 0; i < l.n; i++) {
		if (!(site->schools[i + 1] = calloc(1, sizeof **site->schools))) {
			app_fail(err, ERR_INTERNAL, NULL, "out of memory");
			goto out;
		}
		site->n_schools++;
	}
	/* The schools load side by side, one thread a core. */
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int n_threads = cores < 1 ? 1 : cores > 8 ? 8 : (int)cores;
	if (n_threads > l.n)
		n_threads = l.n;
	pthread_t th[8];
	int started = 0;
	for (int t = 0; t < n_threads; t++)
		if (pthread_create(&th[t], NULL, loader, &l) == 0)
			started++;
	if (started == 0)
		loader(&l);
	for (int t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	if (l.failed) {
		*err = l.err;
		goto out;
	}
	rc = 0;
out:
	free(l.v);
	pthread_mutex_destroy(&l.mu);
	return rc;
}

void web_schools_close(struct server *site)
{
	for (int i = 1; i < site->n_schools; i++) {
		struct server *s = site->schools[i];
		writer_free(s->writer);
		if (s->store) {
			engine_close(&s->e);
			if (s->store != site->store) /* failed before sharing the site's */
				store_close(s->store);
			pthread_rwlock_destroy(&s->lock);
		}
		free(s);
	}
	if (site->write_mu) {
		pthread_mutex_destroy(site->write_mu);
		free(site->write_mu);
		site->write_mu = NULL;
	}
	free(site->schools);
	site->schools = NULL;
	site->n_schools = 0;
}

int web_schools_start(struct server *site)
{
	for (int i = 1; i < site->n_schools; i++)
		if (!(site->schools[i]->writer = writer_start(site->schools[i])))
			return -1;
	return 0;
}

void web_schools_stop(struct server *site)
{
	/* Every writer asked first: each watcher takes up to its wait to hear,
	 * and 50 schools one after the other took seconds. */
	for (int i = 1; i < site->n_schools; i++) {
		atomic_store(&site->schools[i]->draining, true);
		if (site->schools[i]->writer)
			writer_stop_ask(site->schools[i]->writer);
	}
	for (int i = 1; i < site->n_schools; i++)
		if (site->schools[i]->writer)
			writer_stop_wait(site->schools[i]->writer);
}

struct server *web_school_of(struct server *site, int64_t school_id)
{
	if (!site->schools) /* a server of one school */
		return site->e.school.id == school_id ? site : NULL;
	for (int i = 0; i < site->n_schools; i++)
		if (site->schools[i]->e.school.id == school_id)
			return site->schools[i];
	return NULL;
}

/* ---- choosing a school ---- */

struct mine {
	struct school_rec *v;
	char (*role)[STORE_ROLE_MAX];
	int n;
};

static int add_mine(void *ctx, const struct school_rec *s, const char *role)
{
	struct mine *m = ctx;
	if (web_push(&m->v, &m->n, sizeof *m->v, s) < 0)
		return -1;
	void *grown = realloc(m->role, (size_t)m->n * sizeof *m->role);
	if (!grown)
		return -1;
	m->role = grown;
	snprintf(m->role[m->n - 1], STORE_ROLE_MAX, "%s", role);
	return 0;
}

static int mine_load(struct web_req *r, struct mine *m)
{
	memset(m, 0, sizeof *m);
	if (store_user_schools_each(r->rd, r->who.id, add_mine, m) < 0) {
		free(m->v);
		free(m->role);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	return 0;
}

static void mine_free(struct mine *m)
{
	free(m->v);
	free(m->role);
}

int page_schools(struct web_req *r)
{
	struct mine m;
	if (mine_load(r, &m) < 0)
		return 0;
	struct html h = {0};
	html_begin(&h, r, "Your schools");
	html_lit(&h, "<h1>Your schools</h1><p>You are working in <strong>");
	html_txt(&h, r->srv->e.school.name);
	html_lit(&h, "</strong>. Choose another school to work in it: every page then shows that "
		     "school only.</p><table class=\"list\" id=\"schools\"><thead><tr><th scope=\"col\">"
		     "School</th><th scope=\"col\">URN</th><th scope=\"col\">Phase</th><th scope=\"col\">"
		     "Your role</th><th></th></tr></thead><tbody>");
	for (int i = 0; i < m.n; i++) {
		html_lit(&h, "<tr data-urn=\"");
		html_attr(&h, m.v[i].urn);
		html_lit(&h, "\"><th scope=\"row\">");
		html_txt(&h, m.v[i].name);
		html_lit(&h, "</th><td>");
		html_txt(&h, m.v[i].urn);
		html_lit(&h, "</td><td>");
		html_txt(&h, m.v[i].phase);
		html_lit(&h, "</td><td>");
		int role = role_parse(m.role[i]);
		html_txt(&h, role >= 0 ? role_label((enum role)role) : m.role[i]);
		html_lit(&h, "</td><td>");
		if (m.v[i].id == r->who.school_id) {
			html_lit(&h, "<strong>Working here</strong>");
		} else {
			html_lit(&h, "<form method=\"post\" action=\"/schools\">");
			html_csrf(&h, r);
			html_lit(&h, "<input type=\"hidden\" name=\"urn\" value=\"");
			html_attr(&h, m.v[i].urn);
			html_lit(&h, "\"><button type=\"submit\">Work in this school</button></form>");
		}
		html_lit(&h, "</td></tr>");
	}
	html_lit(&h, "</tbody></table>");
	html_end(&h, r);
	mine_free(&m);
	return html_send(&h, r, 200);
}

struct choice {
	char token_hash[WEB_TOKEN_HEX];
	int64_t school_id;
	struct school_rec school;
	char role[STORE_ROLE_MAX];
	char username[STORE_USER_MAX];
};

static int choose_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct choice *c = j->arg;
	char now[CLOCK_ISO_LEN], detail[200];
	clock_iso_utc(clock_now(), now);
	snprintf(detail, sizeof detail, "works in %s (URN %s)", c->school.name, c->school.urn);
	if (store_websession_set_school(srv->store, c->token_hash, c->school.id) < 0 ||
	    store_audit(srv->store, c->school.id, now, c->username, "school chosen", detail) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(srv->store));
	return 0;
}

/* Checks the URN against the user's schools, then queues the change. */
static int choose(struct web_req *r, const char *urn,
		  int (*finish)(struct web_req *r, struct write_job *j))
{
	if (!urn || !*urn)
		return web_fail(r, ERR_INPUT, "urn", "give the URN of the school to work in");
	struct mine m;
	if (mine_load(r, &m) < 0)
		return 0;
	int k = -1;
	for (int i = 0; i < m.n && k < 0; i++)
		if (strcmp(m.v[i].urn, urn) == 0)
			k = i;
	if (k < 0) {
		mine_free(&m);
		return web_fail(r, ERR_FORBIDDEN, "urn", "you do not belong to a school with URN %.20s",
				urn);
	}
	if (!web_school_of(r->srv->site, m.v[k].id)) {
		mine_free(&m);
		return web_fail(r, ERR_INTERNAL, "urn",
				"%s is not served by this server yet: it was added after the server "
				"started, so restart it",
				m.v[k].name);
	}
	struct choice *c = calloc(1, sizeof *c);
	if (!c) {
		mine_free(&m);
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	}
	memcpy(c->token_hash, r->token_hash, sizeof c->token_hash);
	c->school = m.v[k];
	snprintf(c->role, sizeof c->role, "%s", m.role[k]);
	snprintf(c->username, sizeof c->username, "%s", r->who.username);
	mine_free(&m);
	return web_write(r, choose_run, c, free, finish, NULL);
}

static int page_chosen(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	return web_redirect(r, web_next(r, "/"));
}

int page_schools_post(struct web_req *r)
{
	return choose(r, web_form_value(r, "urn"), page_chosen);
}

static json_t *school_json(const struct school_rec *s, const char *role, bool current)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "urn", s->urn, "name", s->name, "phase",
			 s->phase, "la", s->la_code, "role", role, "current", current);
}

int api_schools(struct web_req *r)
{
	struct mine m;
	if (mine_load(r, &m) < 0)
		return 0;
	json_t *out = json_array();
	for (int i = 0; out && i < m.n; i++)
		json_array_append_new(out, school_json(&m.v[i], m.role[i], m.v[i].id == r->who.school_id));
	mine_free(&m);
	return web_json(r, 200, out);
}

static int api_chosen(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	struct choice *c = j->arg;
	return web_json(r, 200, school_json(&c->school, c->role, true));
}

int api_school_post(struct web_req *r)
{
	struct app_error err = {0};
	json_t *body = web_json_body(r, &err);
	if (!body)
		return web_error(r, &err);
	json_t *urn = json_object_get(body, "urn");
	if (urn && !json_is_string(urn)) {
		json_decref(body);
		return web_fail(r, ERR_INPUT, "urn", "urn must be a string, such as \"100001\"");
	}
	int rc = choose(r, urn ? json_string_value(urn) : NULL, api_chosen);
	json_decref(body);
	return rc;
}
