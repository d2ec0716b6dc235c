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

#include "core/benchmark.h"
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
/* A nested point inside the open transaction: rolling back to it undoes
 * what was written since, and keeps what came before (one submission of
 * many in a group commit). */
int store_savepoint(struct store *s);
int store_release(struct store *s);
int store_rollback_to(struct store *s);
/* A number that changes when another connection or program commits to the
 * database, so a long-running server knows to reload what it caches. */
int store_data_version(struct store *s, int64_t *out);

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
/* Sets the school's LA code and establishment number (DfE number 123/4567). */
int store_school_set_codes(struct store *s, int64_t school_id, const char *la_code,
			   const char *estab);

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
	char ethnicity[8];          /* census code; "" when not recorded */
	int looked_after, cin, cp; /* looked after; child in need; child protection plan */
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
/* Every version of every mark of the school, ordered by pupil, date,
 * session and version (for verifying the chain). */
int store_history_all_each(struct store *s, int64_t school_id, store_mark_cb cb, void *ctx);
/* Every current mark of the school in the same order, whatever its date. */
int store_marks_all_each(struct store *s, int64_t school_id, store_mark_cb cb, void *ctx);
/* Current marks that do not agree with their history: no history row of
 * their version, a different code, minutes or hash, or a later version in
 * the history; and history with no current mark. why says which. */
typedef int (*store_mismatch_cb)(void *ctx, int64_t pupil_id, date_t date, enum session session,
				 int version, const char *why);
int store_marks_mismatched_each(struct store *s, int64_t school_id, store_mismatch_cb cb, void *ctx);
/* The hash of a version: its fields and v->prev_hash (64 zeros for the
 * first version). The same function for every backend and for verify. */
void store_mark_hash(int64_t school_id, const struct mark_rec *v, char out[STORE_HASH_HEX]);
#define STORE_HASH_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"
/* Every version of each of a pupil's sessions from..to that was amended
 * (its current mark is a version after the first), ordered by date,
 * session and version: the amendments a pupil's profile shows. */
int store_pupil_amendments_each(struct store *s, int64_t school_id, int64_t pupil_id, date_t from,
				date_t to, store_mark_cb cb, void *ctx);
/* Marks of a pupil between two dates (for checking an enrolment change). */
int store_pupil_mark_count(struct store *s, int64_t school_id, int64_t pupil_id, date_t from,
			   date_t to, int *count, date_t *first);
/* How many current marks fall on a day (for checking a calendar change). */
int store_day_mark_count(struct store *s, int64_t school_id, date_t day, int *count);
/* Every version of the marks of sessions with from <= date <= to, ordered
 * by pupil, date, session and version (for the DfE daily file's changes). */
int store_history_range_each(struct store *s, int64_t school_id, date_t from, date_t to,
			     store_mark_cb cb, void *ctx);

/* ---- attendance history received from other schools (src/store/sqlite_exchange.c) ----
 * Kept as the old school sent it: written once, never changed. */

/* AttendanceMarks of one academic year: at most 2 sessions x 262 weekdays. */
#define STORE_CTF_MARKS_MAX 528

struct transfer_file_rec {
	int64_t id;
	char file_name[256];
	char sha256[STORE_HASH_HEX];
	char ctf_version[16];
	char source_lea[8], source_estab[8], source_urn[16], source_name[STORE_NAME_MAX];
	char academic_year[16];
	char dest_lea[8], dest_estab[8];
	char imported_by[STORE_USER_MAX];
	char imported_at[STORE_TIME_LEN];
};

struct transfer_pupil_rec {
	int64_t id, file_id;
	char upn[UPN_LEN + 1];
	char surname[STORE_NAME_MAX], forename[STORE_NAME_MAX];
	date_t dob;
	char sex; /* 'M', 'F' or 'U' */
};

struct transfer_year_rec {
	int64_t id, transfer_pupil_id;
	int academic_year; /* the calendar year it starts in */
	char lea[8], estab[8], school_name[STORE_NAME_MAX];
	int possible, authorised, attended, unauthorised; /* the file's own totals */
	bool has_marks;                    /* false: the file sent totals only */
	date_t start;                      /* AttendanceStartDate */
	char marks[STORE_CTF_MARKS_MAX];   /* AttendanceMarks as received */
	char discrepancy[512];             /* "" when the marks agree with the totals */
};

/* The file already received with that SHA-256; 1 if none. */
int store_transfer_file_find(struct store *s, int64_t school_id, const char *sha256,
			     struct transfer_file_rec *out);
/* Inserts and fills in the id. */
int store_transfer_file_insert(struct store *s, int64_t school_id, struct transfer_file_rec *f);
int store_transfer_pupil_insert(struct store *s, int64_t school_id, struct transfer_pupil_rec *p);
int store_transfer_year_insert(struct store *s, int64_t school_id, struct transfer_year_rec *y);
/* Each received pupil (upn NULL: all) with each year of their history and
 * the file it came in, by UPN, academic year and file; a pupil whose file
 * had no attendance comes once, with y NULL. */
typedef int (*store_transfer_cb)(void *ctx, const struct transfer_file_rec *f,
				 const struct transfer_pupil_rec *p, const struct transfer_year_rec *y);
int store_transfers_each(struct store *s, int64_t school_id, const char *upn, store_transfer_cb cb,
			 void *ctx);


/* ---- users, sign-in sessions, register events, audit (0002-users) ---- */

#define STORE_SCOPE_MAX 32
#define STORE_ROLE_MAX 24
#define STORE_PWHASH_MAX 128 /* crypto_pwhash_STRBYTES */

struct user_rec {
	int64_t id, school_id;
	char username[STORE_USER_MAX];
	char role[STORE_ROLE_MAX];
	char password_hash[STORE_PWHASH_MAX];
	int active;
	int n_forms, n_years;
	char forms[STORE_SCOPE_MAX][STORE_FORM_MAX];
	int years[STORE_SCOPE_MAX];
};
/* A user and their scopes by name; 1 if none. */
int store_user_get(struct store *s, const char *username, struct user_rec *out);
/* Inserts the user and their scopes; fills in u->id. */
int store_user_insert(struct store *s, struct user_rec *u, const char *by, const char *at);
int store_user_set_password(struct store *s, int64_t user_id, const char *hash, const char *at);
typedef int (*store_user_cb)(void *ctx, const struct user_rec *u);
int store_users_each(struct store *s, int64_t school_id, store_user_cb cb, void *ctx);

/* Sign-in sessions, by the hash of their token. */
int store_websession_insert(struct store *s, const char *token_hash, int64_t user_id,
			    int64_t school_id, const char *at, const char *expires_at);
/* The active user of an unexpired session; 1 if none. */
int store_websession_user(struct store *s, const char *token_hash, const char *now,
			  struct user_rec *out);
int store_websession_delete(struct store *s, const char *token_hash);
/* Ends every session of a user (after a password change). */
int store_websession_delete_user(struct store *s, int64_t user_id);

int store_signin_record(struct store *s, const char *username, const char *ip, const char *at,
			bool ok);
/* Failed attempts since `since` for the username (after its last success)
 * and for the address. */
int store_signin_failures(struct store *s, const char *username, const char *ip,
			  const char *since, int *by_user, int *by_ip);

/* A register (form, date, session) taken or amended. */
struct register_event {
	char form[STORE_FORM_MAX];
	date_t date;
	enum session session;
	char kind[8]; /* "taken" or "amended" */
	char taken_by[STORE_USER_MAX];
	char taken_at[STORE_TIME_LEN];
	int marks;
	char reason[512];
};
/* Appends an event; its kind is "taken" for the first one of that register
 * and "amended" after (written back into ev->kind). */
int store_register_event_add(struct store *s, int64_t school_id, struct register_event *ev);
typedef int (*store_register_event_cb)(void *ctx, const struct register_event *ev);
/* The first event ("taken") of each register of a day. */
int store_registers_taken(struct store *s, int64_t school_id, date_t day,
			  store_register_event_cb cb, void *ctx);
/* Every event of one register, oldest first. */
int store_register_events(struct store *s, int64_t school_id, const char *form, date_t day,
			  enum session session, store_register_event_cb cb, void *ctx);

/* school_id 0: an event of no school. */
int store_audit(struct store *s, int64_t school_id, const char *at, const char *username,
		const char *action, const char *detail);

/* ---- benchmarks (0004-benchmarks, src/store/sqlite_benchmarks.c) ---- */

enum store_put { STORE_PUT_ADDED, STORE_PUT_CHANGED, STORE_PUT_UNCHANGED };
/* Stores one figure. The same figure (scope, phase, year, period, measure,
 * cohort and source) already held takes b's value, unless keep is set (it
 * is then left as it is). *outcome says what happened. */
int store_benchmark_put(struct store *s, int64_t school_id, const struct benchmark *b, bool keep,
			const char *by, const char *at, enum store_put *outcome);
typedef int (*store_benchmark_cb)(void *ctx, const struct benchmark *b);
/* Every figure of the school, by scope, measure, cohort, phase, year,
 * period and source. */
int store_benchmarks_each(struct store *s, int64_t school_id, store_benchmark_cb cb, void *ctx);

#endif
