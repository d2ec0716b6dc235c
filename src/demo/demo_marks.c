/* Writing a demo school's marks: two threads in a pipeline. A worker
 * makes each pupil's register (demo_register) and hashes every mark, in
 * pupil order, into chunks; the calling thread hands the chunks to the
 * store's bulk load, which is single-threaded (one SQLite writer). The
 * order, and so the database, is the same as with one thread. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/clock.h"
#include "demo/demo_internal.h"

#define REGISTER_SLOTS 10 /* forms take their registers over ten minutes */
#define CHUNK_MARKS 8192
#define N_CHUNKS 4

struct gen_mark {
	int64_t pupil_id;
	date_t date;
	int16_t minutes;
	uint8_t session, code;
	uint16_t form;
	uint16_t col;
	char hash[STORE_HASH_HEX];
};

struct chunk {
	struct gen_mark v[CHUNK_MARKS];
	int n;
	bool last; /* the worker's final chunk */
};

struct pipeline {
	const struct demo_school *sc;
	char (*times)[CLOCK_ISO_LEN];
	struct chunk *chunks;
	int filled;         /* chunks handed to the writer, in ring order */
	int taken;          /* chunks the writer has finished */
	bool stop;          /* the writer failed: the worker stops */
	bool worker_failed; /* out of memory in the worker */
	pthread_mutex_t lock;
	pthread_cond_t changed;
};

/* When each session's register was taken, as stored: computed once per
 * session and slot, not once per mark. */
static char (*register_times(const struct demo_school *sc))[CLOCK_ISO_LEN]
{
	int n_cols = 2 * sc->cal.n_school_days;
	char(*t)[CLOCK_ISO_LEN] = malloc((size_t)(n_cols ? n_cols : 1) * REGISTER_SLOTS * CLOCK_ISO_LEN);
	if (!t)
		return NULL;
	for (int c = 0; c < n_cols; c++) {
		int y, m, d;
		date_to_ymd(calendar_col_date(&sc->cal, c), &y, &m, &d);
		for (int k = 0; k < REGISTER_SLOTS; k++) {
			struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d,
					.tm_hour = c % 2 ? 13 : 8, .tm_min = (c % 2 ? 15 : 45) + k,
					.tm_sec = 7 * k % 60, .tm_isdst = -1};
			struct timespec ts = {.tv_sec = mktime(&tm), .tv_nsec = 0};
			clock_iso_utc(ts, t[(size_t)c * REGISTER_SLOTS + (size_t)k]);
		}
	}
	return t;
}

/* The version-1 record of a mark, as hashed and as stored. */
static void fill(const struct pipeline *pl, const struct gen_mark *g, struct mark_rec *v)
{
	v->pupil_id = g->pupil_id;
	v->date = g->date;
	v->session = (enum session)g->session;
	v->code = (enum code)g->code;
	v->minutes_late = g->minutes;
	snprintf(v->recorded_by, sizeof v->recorded_by, "%s", pl->sc->tutors[g->form]);
	memcpy(v->recorded_at, pl->times[(size_t)g->col * REGISTER_SLOTS + g->form % REGISTER_SLOTS],
	       CLOCK_ISO_LEN);
}

static void first_version(struct mark_rec *v)
{
	memset(v, 0, sizeof *v);
	v->version = 1;
	snprintf(v->source, sizeof v->source, "demo");
	memcpy(v->prev_hash, STORE_HASH_GENESIS, sizeof v->prev_hash);
}

/* Waits for a free chunk; NULL when the writer has stopped. */
static struct chunk *free_chunk(struct pipeline *pl)
{
	pthread_mutex_lock(&pl->lock);
	while (!pl->stop && pl->filled - pl->taken >= N_CHUNKS)
		pthread_cond_wait(&pl->changed, &pl->lock);
	struct chunk *c = pl->stop ? NULL : &pl->chunks[pl->filled % N_CHUNKS];
	pthread_mutex_unlock(&pl->lock);
	if (c) {
		c->n = 0;
		c->last = false;
	}
	return c;
}

static void hand_over(struct pipeline *pl)
{
	pthread_mutex_lock(&pl->lock);
	pl->filled++;
	pthread_cond_broadcast(&pl->changed);
	pthread_mutex_unlock(&pl->lock);
}

static void *worker(void *arg)
{
	struct pipeline *pl = arg;
	const struct demo_school *sc = pl->sc;
	int n_cols = 2 * sc->cal.n_school_days;
	uint8_t *codes = malloc((size_t)(n_cols ? n_cols : 1));
	int16_t *minutes = malloc((size_t)(n_cols ? n_cols : 1) * sizeof *minutes);
	struct mark_rec v;
	first_version(&v);
	struct chunk *c = codes && minutes ? free_chunk(pl) : NULL;
	pl->worker_failed = !codes || !minutes;
	for (int i = 0; c && i < sc->n_pupils; i++) {
		const struct demo_pupil *p = &sc->pupils[i];
		demo_register(sc, p, codes, minutes);
		for (int col = 0; c && col < n_cols; col++) {
			if (codes[col] == CODE_NONE)
				continue;
			struct gen_mark *g = &c->v[c->n];
			*g = (struct gen_mark){.pupil_id = p->id, .date = calendar_col_date(&sc->cal, col),
					       .minutes = minutes[col], .session = (uint8_t)(col % 2),
					       .code = codes[col], .form = (uint16_t)p->form,
					       .col = (uint16_t)col};
			fill(pl, g, &v);
			store_mark_hash(sc->id, &v, g->hash);
			if (++c->n == CHUNK_MARKS) {
				hand_over(pl);
				c = free_chunk(pl);
			}
		}
	}
	if (c) {
		c->last = true;
		hand_over(pl);
	} else {
		/* Stopped or failed: make sure the writer does not wait. */
		pthread_mutex_lock(&pl->lock);
		pl->stop = true;
		pthread_cond_broadcast(&pl->changed);
		pthread_mutex_unlock(&pl->lock);
	}
	free(codes);
	free(minutes);
	return NULL;
}

int demo_write_marks(struct store *s, struct store_bulk *b, const struct demo_school *sc,
		     long long *marks, struct app_error *err)
{
	struct pipeline pl = {.sc = sc};
	pl.times = register_times(sc);
	pl.chunks = malloc(N_CHUNKS * sizeof *pl.chunks);
	if (!pl.times || !pl.chunks) {
		free(pl.times);
		free(pl.chunks);
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	}
	pthread_mutex_init(&pl.lock, NULL);
	pthread_cond_init(&pl.changed, NULL);
	pthread_t th;
	int rc = 0;
	if (pthread_create(&th, NULL, worker, &pl) != 0) {
		rc = app_fail(err, ERR_INTERNAL, NULL, "cannot start a thread");
		goto out;
	}
	struct mark_rec v;
	first_version(&v);
	for (bool done = false; !done;) {
		pthread_mutex_lock(&pl.lock);
		while (pl.filled == pl.taken && !pl.stop)
			pthread_cond_wait(&pl.changed, &pl.lock);
		bool have = pl.filled > pl.taken;
		pthread_mutex_unlock(&pl.lock);
		if (!have) /* the worker stopped without a last chunk */
			break;
		struct chunk *c = &pl.chunks[pl.taken % N_CHUNKS];
		for (int i = 0; i < c->n && rc == 0; i++) {
			fill(&pl, &c->v[i], &v);
			memcpy(v.hash, c->v[i].hash, sizeof v.hash);
			if (store_bulk_mark(b, sc->id, &v) < 0)
				rc = app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
			else
				(*marks)++;
		}
		done = c->last || rc < 0;
		pthread_mutex_lock(&pl.lock);
		pl.taken++;
		pl.stop |= rc < 0;
		pthread_cond_broadcast(&pl.changed);
		pthread_mutex_unlock(&pl.lock);
	}
	pthread_join(th, NULL);
	if (rc == 0 && pl.worker_failed)
		rc = app_fail(err, ERR_INTERNAL, NULL, "out of memory");
out:
	pthread_mutex_destroy(&pl.lock);
	pthread_cond_destroy(&pl.changed);
	free(pl.times);
	free(pl.chunks);
	return rc;
}
