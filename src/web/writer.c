/* The one writer: every write of the web app runs here, on one thread with
 * the engine's own connection. Requests queue their writes while the
 * previous group commits; the writer then takes the whole queue, runs each
 * write in a savepoint of its own inside one transaction (a bad one is
 * undone alone), and commits them with one fsync: group commit. Only after
 * the commit, and after the matrix shows it, are the requests resumed to
 * answer, so nothing is acknowledged that is not durable.
 *
 * Between groups, and at least every second, the writer also notices when
 * another program (the CLI: an import, a mark) has committed to the
 * database, and reloads the engine and the settings, so pages and checks
 * never work from a stale register.
 *
 * Several servers on one PostgreSQL: a watcher thread, on a connection of
 * its own, waits for the other servers' announcements of marks (LISTEN)
 * and wakes the writer, which replays the versions after the last one it
 * applied (engine_catch_up): within a fraction of a second, with no
 * reload. The writer also catches up at least every second (a notification
 * may be missed while a connection is lost; a standby cannot LISTEN, so a
 * reporting server on one looks every 200 ms). */
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "web/leading.h"
#include "web/web.h"

#define GROUP_MAX 256
#define RELOAD_CHECK_MS 1000
#define POLL_MS 200 /* when no notification can come */
#define WATCH_RETRY_MS 500

struct writer {
	struct server *srv;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct write_job *head, *tail;
	bool stopping, stopped;
	int64_t data_version; /* of the database, as last loaded */
	/* The watcher: set when another server announced marks. */
	pthread_t watcher;
	bool watching;
	atomic_bool poke, quit;
	atomic_int wait_ms; /* the writer's longest sleep */
	long reloads;       /* the engine's, as last logged */
};

/* With several schools, their writers take turns on the site's connection. */
static void turn_take(struct server *srv)
{
	if (srv->write_mu)
		pthread_mutex_lock(srv->write_mu);
}

static void turn_give(struct server *srv)
{
	if (srv->write_mu)
		pthread_mutex_unlock(srv->write_mu);
}

/* Reloads the engine and settings if another program wrote meanwhile. */
static void reload_if_changed(struct writer *w)
{
	struct server *srv = w->srv;
	int64_t v;
	if (store_data_version(srv->store, &v) < 0 || v == w->data_version)
		return;
	struct app_error err = {0};
	struct register_settings rs;
	pthread_rwlock_wrlock(&srv->lock);
	int rc = engine_reload(&srv->e, &err);
	if (rc == 0 && (rc = register_settings_load(srv->store, srv->e.school.id, &rs, &err)) == 0)
		srv->rs = rs;
	pthread_rwlock_unlock(&srv->lock);
	w->data_version = v;
	if (rc < 0)
		web_log("error reloading after another program changed the database: %s", err.message);
	else
		web_log("reloaded: another program changed the database");
}

/* Says when a catch-up (here or inside a write) had to reload. */
static void log_reloads(struct writer *w)
{
	if (w->srv->e.reloads == w->reloads)
		return;
	w->reloads = w->srv->e.reloads;
	web_log("reloaded: the register changed in a way that replay cannot follow (a new "
		"enrolment, the calendar, or another database server)");
}

/* Replays what other servers saved since the matrix's point. */
static void catch_up(struct writer *w)
{
	struct server *srv = w->srv;
	struct app_error err = {0};
	atomic_store(&w->poke, false);
	/* A reload replaces the engine under the lock, as reload_if_changed. */
	if (engine_catch_up(&srv->e, &err) < 0)
		web_log("error %s", err.message);
	log_reloads(w);
}

static void wake(struct writer *w)
{
	pthread_mutex_lock(&w->mu);
	atomic_store(&w->poke, true);
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

static void *watcher_main(void *arg)
{
	struct writer *w = arg;
	pthread_setname_np(pthread_self(), "attend-watch"); /* as top -H and perf show it */
	struct store *s = NULL;
	bool announced = false;
	while (!atomic_load(&w->quit)) {
		if (!s) {
			char msg[512];
			if (store_open(w->srv->db_path, &s, msg, sizeof msg) < 0) {
				s = NULL;
				usleep(WATCH_RETRY_MS * 1000);
				continue;
			}
			int rc = store_watch(s);
			if (rc != 0) {
				/* No notifications here (a standby): the writer polls. */
				atomic_store(&w->wait_ms, POLL_MS);
				if (rc < 0)
					web_log("cannot listen for other servers: %s; looking every %d ms",
						store_error(s), POLL_MS);
				break;
			}
			atomic_store(&w->wait_ms, RELOAD_CHECK_MS);
			/* Anything said while no one listened: look now. */
			if (announced)
				wake(w);
			announced = true;
		}
		int64_t school, hid;
		int rc = store_watch_wait(s, 250, &school, &hid);
		if (rc < 0) {
			web_log("lost the connection that listens for other servers: %s", store_error(s));
			atomic_store(&w->wait_ms, POLL_MS);
			store_close(s);
			s = NULL;
			wake(w);
			continue;
		}
		if (rc == 1 && (school == 0 || school == w->srv->e.school.id))
			wake(w);
	}
	store_close(s);
	return NULL;
}

static void finish_group(struct write_job **group, int n)
{
	for (int i = 0; i < n; i++) {
		struct MHD_Connection *conn = group[i]->conn;
		atomic_store(&group[i]->done, true);
		/* After this the job belongs to its request again. */
		MHD_resume_connection(conn);
	}
}

/* A job as one part of the group (engine_part). */
struct part {
	struct server *srv;
	struct write_job *j;
};

static int run_part(void *ctx, struct app_error *err)
{
	struct part *p = ctx;
	return p->j->run(p->srv, p->j, err);
}

static void run_group(struct writer *w, struct write_job **group, int n)
{
	struct engine *e = &w->srv->e;
	struct app_error err = {0};
	if (engine_begin(e, &err) < 0) {
		for (int i = 0; i < n; i++) {
			group[i]->rc = -1;
			group[i]->err = err;
		}
		return;
	}
	for (int i = 0; i < n; i++) {
		struct write_job *j = group[i];
		struct part p = {w->srv, j};
		app_error_clear(&j->err);
		j->rc = engine_part(e, run_part, &p, &j->err);
	}
	if (engine_commit(e, &err) < 0) {
		/* Nothing of the group is saved: every request says so. */
		for (int i = 0; i < n; i++) {
			group[i]->rc = -1;
			group[i]->err = err;
		}
		return;
	}
	for (int i = 0; i < n; i++)
		if (group[i]->rc == 0 && group[i]->committed)
			group[i]->committed(w->srv, group[i]);
}

static void *writer_main(void *arg)
{
	struct writer *w = arg;
	pthread_setname_np(pthread_self(), "attend-writer");
	struct write_job *group[GROUP_MAX];
	for (;;) {
		pthread_mutex_lock(&w->mu);
		if (!w->head && !w->stopping && !atomic_load(&w->poke)) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			long ns = until.tv_nsec + (long)atomic_load(&w->wait_ms) * 1000000L;
			until.tv_sec += ns / 1000000000L;
			until.tv_nsec = ns % 1000000000L;
			pthread_cond_timedwait(&w->cv, &w->mu, &until);
		}
		if (!w->head && w->stopping) {
			turn_take(w->srv);
			web_view_flush(w->srv);
			turn_give(w->srv);
			w->stopped = true; /* from now on writer_submit refuses */
			pthread_mutex_unlock(&w->mu);
			break;
		}
		if (!w->head) {
			pthread_mutex_unlock(&w->mu);
			turn_take(w->srv);
			reload_if_changed(w);
			catch_up(w);
			if (!w->srv->read_only) {
				web_tick(w->srv);
				web_view_flush(w->srv);
				web_leading_tick(w->srv);
				web_casework_tick(w->srv);
				web_statutory_tick(w->srv);
			}
			turn_give(w->srv);
			continue;
		}
		int n = 0;
		while (w->head && n < GROUP_MAX) {
			group[n++] = w->head;
			w->head = w->head->next;
		}
		if (!w->head)
			w->tail = NULL;
		pthread_mutex_unlock(&w->mu);
		turn_take(w->srv);
		reload_if_changed(w);
		run_group(w, group, n);
		log_reloads(w);
		web_view_flush(w->srv);
		turn_give(w->srv);
		finish_group(group, n);
	}
	return NULL;
}

struct writer *writer_start(struct server *srv)
{
	struct writer *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->srv = srv;
	turn_take(srv);
	int rc = store_data_version(srv->store, &w->data_version);
	turn_give(srv);
	if (rc < 0) {
		free(w);
		return NULL;
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	atomic_store(&w->wait_ms, RELOAD_CHECK_MS);
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
		free(w);
		return NULL;
	}
	/* Only a shared database has other servers to hear from. */
	w->watching = store_shared(srv->store) &&
		      pthread_create(&w->watcher, NULL, watcher_main, w) == 0;
	return w;
}

void writer_submit(struct writer *w, struct write_job *j)
{
	j->next = NULL;
	pthread_mutex_lock(&w->mu);
	if (w->stopped) {
		/* Only a request that outlived the shutdown wait gets here. */
		pthread_mutex_unlock(&w->mu);
		j->rc = -1;
		app_fail(&j->err, ERR_INTERNAL, NULL, "the server is stopping: nothing was saved");
		atomic_store(&j->done, true);
		MHD_resume_connection(j->conn);
		return;
	}
	if (w->tail)
		w->tail->next = j;
	else
		w->head = j;
	w->tail = j;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

void writer_stop_ask(struct writer *w)
{
	atomic_store(&w->quit, true); /* the watcher sees it within its wait (250 ms) */
	pthread_mutex_lock(&w->mu);
	w->stopping = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

void writer_stop_wait(struct writer *w)
{
	if (w->watching)
		pthread_join(w->watcher, NULL);
	w->watching = false;
	pthread_join(w->thread, NULL);
}

void writer_stop(struct writer *w)
{
	writer_stop_ask(w);
	writer_stop_wait(w);
}

void writer_free(struct writer *w)
{
	if (!w)
		return;
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}
