/* The in-memory register of one school: its calendar and the register matrix
 * (one byte a cell), loaded from the store at start and kept equal to it
 * after each committed write. Every figure is computed from here. */
#ifndef ATTEND_ENGINE_H
#define ATTEND_ENGINE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/error.h"
#include "core/calendar.h"
#include "core/matrix.h"
#include "store/store.h"

struct pending_mark {
	int row, col;
	uint8_t code;
	int minutes_late;
	bool lesson;  /* a cell of the lesson matrix (engine/lessons.h) */
	uint16_t cls; /* its class, for lesson cells */
};

/* Cells read by a catch-up, kept until they are applied together
 * (engine_apply) under the matrix lock: readers never wait on the database. */
struct replay_cells {
	struct pending_mark *v;
	int n, cap;
};
/* Adds a cell: 0, or -1 on no memory. */
int replay_cells_add(struct replay_cells *c, struct pending_mark m);

struct lesson_engine;

struct engine {
	struct store *store;
	struct school_rec school;
	struct calendar cal;
	struct matrix m;
	/* UPN -> first row; rows of one pupil (several enrolments) are chained
	 * through next_same_pupil in admission order. */
	int32_t *upn_slots;
	uint32_t n_slots;
	int32_t *next_same_pupil;
	int64_t *id_index; /* (pupil id, row) pairs by pupil id */
	int32_t *id_first;     /* pupil id -> its first pair in id_index, -1 if none */
	int64_t max_pupil_id;
	/* The lesson registers (engine/lessons.h), loaded only for the
	 * programs that ask (engine_want_lessons): NULL otherwise. */
	struct lesson_engine *lessons;
	bool want_lessons;
	/* Writes of the open transaction, applied to the matrix on commit. */
	struct pending_mark *pending;
	int n_pending, cap_pending;
	/* Rows with a pending statutory mark in this transaction: a row whose
	 * stamp is pending_epoch may have one (a rollback to a savepoint may
	 * leave the stamp behind: only a longer look), any other has none, so
	 * engine_cell reads the matrix at once rather than every pending mark
	 * of a group commit. */
	uint32_t *row_stamp;
	int cap_row_stamp;
	uint32_t pending_epoch;
	/* Counts loads (and reloads): a row or column found under one load
	 * means nothing under another. */
	uint64_t load_epoch;
	bool in_txn;
	/* When set (a server with reader threads), held for writing while a
	 * commit changes the matrix, so no reader sees half a submission. */
	pthread_rwlock_t *matrix_lock;
	/* How the last load went: from a snapshot and the versions after it
	 * (how many), or from every mark. */
	bool from_snapshot;
	bool snapshot_saved; /* the last load wrote a new snapshot */
	long long marks_read;
	/* The point of the database the matrix reflects: the last history id
	 * applied and the register's generation (see engine_catch_up). */
	int64_t history_id, generation;
	long long caught_up; /* versions replayed by engine_catch_up */
	long reloads;        /* full reloads engine_catch_up had to make */
};

/* Registers of at least this many cells (rows x sessions) keep a snapshot
 * of the matrix in the store for a fast start; below 0, snapshots are
 * neither read nor saved (tests and benchmarks set it). */
extern long engine_snapshot_min_cells;
/* For a program that loads every school of the database (attend serve,
 * attend migrate's target): a start-up's worth of cells is the threshold
 * of them all, so with several schools each keeps a snapshot above its
 * share of it. 0, or -1 when the schools cannot be counted. */
int engine_snapshots_for_schools(struct store *s);

/* Loads the school with that URN (NULL: the database's first school). */
int engine_open(struct engine *e, struct store *s, const char *urn, struct app_error *err);
void engine_close(struct engine *e);
/* Reloads everything from the store (after a calendar or pupil import). */
int engine_reload(struct engine *e, struct app_error *err);

/* Several servers on one database: applies the versions of marks that
 * others committed since the matrix's point, in order; reloads everything
 * when replay cannot account for the change (the register's generation
 * moved: an enrolment or the calendar). 0 caught up, 1 reloaded, -1 error.
 * engine_begin does it inside every write transaction, so the register's
 * checks see every mark saved anywhere. */
int engine_catch_up(struct engine *e, struct app_error *err);
/* Sets committed cells (session or lesson) under the matrix lock. */
void engine_apply(struct engine *e, const struct pending_mark *v, int n);

/* First row (earliest enrolment) of a pupil, or -1. */
int engine_pupil_row(const struct engine *e, const char *upn);
/* The row of the pupil's enrolment that covers day, or -1. */
int engine_row_on(const struct engine *e, const char *upn, date_t day);
/* The row of a pupil (by id) on roll on day (DATE_INVALID: any row), trying
 * hint first; -1 if none. */
int engine_row_of_id(const struct engine *e, int64_t pupil_id, date_t day, int hint);
/* Sorts rows by surname, forename and UPN (as registers list pupils). */
void engine_sort_by_name(const struct engine *e, int *rows, int n);
/* Loads the lesson registers now and on every reload. */
int engine_want_lessons(struct engine *e, struct app_error *err);
static inline int engine_next_row(const struct engine *e, int row)
{
	return e->next_same_pupil[row];
}

int engine_begin(struct engine *e, struct app_error *err);
int engine_commit(struct engine *e, struct app_error *err);
void engine_rollback(struct engine *e);
/* Ends a transaction after its writes: commits when rc is 0, else rolls
 * back; returns 0 or -1. For a command's own transaction around a
 * *_write function (which the web app's writer runs in its group's). */
int engine_end(struct engine *e, int rc, struct app_error *err);
/* A point inside the open transaction (one submission of a group commit):
 * rolling back to it undoes that submission's writes and keeps the rest. */
int engine_savepoint(struct engine *e, int *point, struct app_error *err);
int engine_release(struct engine *e, struct app_error *err);
void engine_rollback_to(struct engine *e, int point);
/* One submission of a group commit: run(ctx) inside a savepoint of its
 * own. One that fails, in run or when its writes reach the database (at
 * the release), is undone alone, and the transaction goes on usable for
 * the next. 0, or -1 with err. */
int engine_part(struct engine *e, int (*run)(void *ctx, struct app_error *err), void *ctx,
		struct app_error *err);
/* Records a cell change of the open transaction. */
int engine_note_mark(struct engine *e, int row, int col, enum code code, int minutes_late);
/* The same for a session cell (lesson false) or a lesson cell of class cls. */
int engine_note_cell(struct engine *e, bool lesson, int row, int col, enum code code,
		     int minutes_late, int cls);
/* A cell as the open transaction leaves it: its latest change, else the
 * matrix. */
uint8_t engine_cell(const struct engine *e, int row, int col);

#endif
