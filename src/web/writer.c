/* The one writer: every write of the web app runs here, on one thread with
 * the engine's own connection. Requests queue their writes while the
 * previous group commits; the writer then takes the whole queue, runs each
 * write in a savepoint of its own inside one transaction (a bad one is
 * undone alone), and commits them with one fsync: group commit. Only after
 * the commit, and after the matrix shows it, are the requests resumed to
 * answer, so nothing is acknowledged that is not durable. */
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

#define GROUP_MAX 256

struct writer {
	struct server *srv;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct write_job *head, *tail;
	bool stopping;
};

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
	}
}

static void *writer_main(void *arg)
{
	struct writer *w = arg;
	struct write_job *group[GROUP_MAX];
	for (;;) {
		pthread_mutex_lock(&w->mu);
		while (!w->head && !w->stopping)
			pthread_cond_wait(&w->cv, &w->mu);
		if (!w->head && w->stopping) {
			pthread_mutex_unlock(&w->mu);
			break;
		}
		int n = 0;
		while (w->head && n < GROUP_MAX) {
			group[n++] = w->head;
			w->head = w->head->next;
		}
		if (!w->head)
			w->tail = NULL;
		pthread_mutex_unlock(&w->mu);
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
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stopping = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}
