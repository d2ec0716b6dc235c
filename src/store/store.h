/* The one interface to the database. Nothing above src/store/ sees SQL or
 * knows which database runs. Every school-owned call takes a school id.
 *
 * Conventions: functions return 0 on success and -1 on failure, with the
 * reason in store_error(); lookups return 1 when nothing was found. Writes
 * happen inside store_begin()/store_commit(); a failed write leaves the
 * transaction to be rolled back by the caller. */
#ifndef ATTEND_STORE_H
#define ATTEND_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/pupil.h"

struct store;

#define STORE_HASH_HEX 65 /* SHA-256 in hex + NUL */
#define STORE_TIME_LEN 32 /* "2026-11-28T09:01:02.123Z" */
#define STORE_NAME_MAX 128
#define STORE_FORM_MAX 32
#define STORE_USER_MAX 64

int store_open(const char *target, struct store **out, char *err, size_t errlen);
void store_close(struct store *s);
const char *store_error(const struct store *s);
/* Applies pending migrations; *applied says how many. */
int store_migrate(struct store *s, int *applied);
/* Highest migration applied; 0 for a database never initialised. */
int store_schema_version(struct store *s);
int store_latest_schema_version(void);

int store_begin(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);

struct school_rec {
	int64_t id;
	char urn[16];
	char name[STORE_NAME_MAX];
	char phase[16];
	char la_code[8];
	char estab[8];
};
/* The school with that URN, or (urn NULL) the first school. 1 if none. */
int store_school_get(struct store *s, const char *urn, struct school_rec *out);
int store_school_insert(struct store *s, struct school_rec *rec, const char *at);

int store_setting_get(struct store *s, int64_t school_id, const char *key, char *buf, size_t len);
int store_setting_set(struct store *s, int64_t school_id, const char *key, const char *value,
		      const char *by, const char *at);

typedef int (*store_cal_cb)(void *ctx, const struct cal_entry *e);
int store_calendar_each(struct store *s, int64_t school_id, store_cal_cb cb, void *ctx);
int store_calendar_insert(struct store *s, int64_t school_id, const struct cal_entry *e,
			  const char *by, const char *at);

/* A pupil and one enrolment (the admission register's row). */
struct pupil_rec {
	int64_t pupil_id, enrolment_id;
	char upn[UPN_LEN + 1];
	char surname[STORE_NAME_MAX], forename[STORE_NAME_MAX];
	date_t dob;
	char gender;
	date_t admitted, left; /* left = DATE_INVALID when still on roll */
	int year;
	char form[STORE_FORM_MAX];
	int fsm, pp, eal;
	char send;
};
typedef int (*store_pupil_cb)(void *ctx, const struct pupil_rec *p);
/* Every enrolment of the school, with its pupil, ordered by UPN then admission. */
int store_pupils_each(struct store *s, int64_t school_id, store_pupil_cb cb, void *ctx);
/* Inserts the pupil when pupil_id is 0 and the enrolment when enrolment_id
 * is 0, updating them otherwise; fills in the ids; appends pupil_history. */
int store_pupil_save(struct store *s, int64_t school_id, struct pupil_rec *p, const char *by,
		     const char *at, const char *reason);

/* One version of one mark. */
struct mark_rec {
	int64_t pupil_id;
	date_t date;
	enum session session;
	enum code code;
	int minutes_late; /* -1 when not recorded */
	int version;
	char recorded_by[STORE_USER_MAX];
	char recorded_at[STORE_TIME_LEN];
	char first_recorded_at[STORE_TIME_LEN]; /* current marks only */
	char reason[512];                       /* history only */
	char source[128];                       /* history only */
	char prev_hash[STORE_HASH_HEX];
	char hash[STORE_HASH_HEX];
};
typedef int (*store_mark_cb)(void *ctx, const struct mark_rec *m);
/* Current marks of the school with from <= date <= to. */
int store_marks_each(struct store *s, int64_t school_id, date_t from, date_t to, store_mark_cb cb,
		     void *ctx);
/* The current mark of a session; 1 if there is none. */
int store_mark_get(struct store *s, int64_t school_id, int64_t pupil_id, date_t date,
		   enum session session, struct mark_rec *out);
/* Appends v to the history and makes it the current mark (v->version 1
 * inserts, higher versions amend). v->first_recorded_at is used for inserts. */
int store_mark_put(struct store *s, int64_t school_id, const struct mark_rec *v);
/* Every version of one mark, oldest first. */
int store_history_each(struct store *s, int64_t school_id, int64_t pupil_id, date_t date,
		       enum session session, store_mark_cb cb, void *ctx);
/* The hash of a version: its fields and v->prev_hash (64 zeros for the
 * first version). The same function for every backend and for verify. */
void store_mark_hash(int64_t school_id, const struct mark_rec *v, char out[STORE_HASH_HEX]);
#define STORE_HASH_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"
/* Marks of a pupil between two dates (for checking an enrolment change). */
int store_pupil_mark_count(struct store *s, int64_t school_id, int64_t pupil_id, date_t from,
			   date_t to, int *count, date_t *first);
/* How many current marks fall on a day (for checking a calendar change). */
int store_day_mark_count(struct store *s, int64_t school_id, date_t day, int *count);

/* Bulk loading of fresh first-version marks (sqlite_bulk.c): many large
 * transactions through the same tables, triggers and hash chain. brand_new
 * asks to relax synchronous while loading; it is granted only when the
 * database holds no pupil and no register entry yet (the caller then writes
 * its schools, calendars and pupils inside the bulk load too). store_bulk_end commits and ends with
 * a durable checkpoint; store_bulk_abort rolls back the open transaction. */
struct store_bulk;
int store_bulk_begin(struct store *s, bool brand_new, struct store_bulk **out);
int store_bulk_mark(struct store_bulk *b, int64_t school_id, const struct mark_rec *v);
bool store_bulk_relaxed(const struct store_bulk *b); /* granted brand_new */
int store_bulk_end(struct store_bulk *b);
void store_bulk_abort(struct store_bulk *b);

/* Reading the register into the engine (sqlite_cells.c). One read
 * transaction gives a consistent register: either a snapshot (the engine's
 * own cache of its matrix, taken with store_snapshot_save) followed by every
 * mark version recorded after it, or, when there is no usable snapshot,
 * every current mark of the school with from <= date <= to, in (pupil_id,
 * date, session) order. A snapshot is usable when it was taken for the same
 * layout (calendar and code table, as the engine describes them) and
 * nothing replay cannot account for has changed since (a deleted mark, an
 * enrolment that comes to cover marks it did not, a calendar change: see
 * migration 0002). */
struct mark_cell {
	int64_t pupil_id;
	date_t date;
	enum session session;
	enum code code;
	int minutes_late; /* -1 when not recorded */
};
typedef int (*store_cell_cb)(void *ctx, const struct mark_cell *c);

struct snapshot_row {
	int64_t pupil_id;
	const uint8_t *cells; /* one byte a session column */
	int n_cells;
	const uint8_t *late; /* (column, minutes) pairs, 16-bit little-endian */
	int late_bytes;
};
typedef int (*store_snapshot_cb)(void *ctx, const struct snapshot_row *r);

struct register_read {
	const char *layout;             /* NULL: read every mark, ignore snapshots */
	store_snapshot_cb snapshot_row; /* each row of a usable snapshot */
	store_cell_cb mark;             /* current marks (no snapshot), or later versions */
	void *ctx;
	/* Filled in: */
	bool from_snapshot;
	long long marks;                /* calls of mark */
	int64_t history_id, generation; /* the point the read reflects */
};
int store_register_read(struct store *s, int64_t school_id, date_t from, date_t to,
			struct register_read *r);
/* Saves a snapshot of the register as of (history_id, generation) from a
 * previous store_register_read; next() gives the rows, returning 1 while
 * there are more. Returns 0 when saved, 1 when the register has changed in
 * a way the snapshot would miss (nothing is saved), -1 on error. */
int store_snapshot_save(struct store *s, int64_t school_id, const char *layout, int64_t history_id,
			int64_t generation, const char *at,
			int (*next)(void *ctx, struct snapshot_row *r), void *ctx);

#endif
