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
 * never work from a stale register. */
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/web.h"

#define GROUP_MAX 256
#define RELOAD_CHECK_MS 1000

struct writer {
	struct server *srv;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct write_job *head, *tail;
	bool stopping, stopped;
	int64_t data_version; /* of the database, as last loaded */
};

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

static void finish_group(struct write_job **group, int n)
{
	for (int i = 0; i < n; i++) {
		struct MHD_Connection *conn = group[i]->conn;
		atomic_store(&group[i]->done, true);
		/* After this the job belongs to its request again. */
		MHD_resume_connection(conn);
	}
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
		int point;
		app_error_clear(&j->err);
		if (engine_savepoint(e, &point, &j->err) < 0) {
			j->rc = -1;
			continue;
		}
		j->rc = j->run(w->srv, j, &j->err);
		if (j->rc < 0)
			engine_rollback_to(e, point);
		else if (engine_release(e, &j->err) < 0)
			j->rc = -1;
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
	struct write_job *group[GROUP_MAX];
	for (;;) {
		pthread_mutex_lock(&w->mu);
		if (!w->head && !w->stopping) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += RELOAD_CHECK_MS / 1000;
			pthread_cond_timedwait(&w->cv, &w->mu, &until);
		}
		if (!w->head && w->stopping) {
			w->stopped = true; /* from now on writer_submit refuses */
			pthread_mutex_unlock(&w->mu);
			break;
		}
		if (!w->head) {
			pthread_mutex_unlock(&w->mu);
			reload_if_changed(w);
			web_tick(w->srv);
			web_statutory_tick(w->srv);
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
		reload_if_changed(w);
		run_group(w, group, n);
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
	if (store_data_version(srv->store, &w->data_version) < 0) {
		free(w);
		return NULL;
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
		free(w);
		return NULL;
	}
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

void writer_stop(struct writer *w)
{
	pthread_mutex_lock(&w->mu);
	w->stopping = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
}

void writer_free(struct writer *w)
{
	if (!w)
		return;
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}
