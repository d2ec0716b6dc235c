/* The one interface to the database. Nothing above src/store/ sees SQL or
 * knows which database runs: a target is the path of an SQLite file or a
 * PostgreSQL connection URI (postgresql://user@host:port/dbname), and
 * every function works the same on both. Every school-owned call takes a
 * school id.
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
/* Whether there is a database at target to open (a file that exists; a
 * server is asked when connecting). */
bool store_target_exists(const char *target);
/* The target as messages may show it: a URI's password replaced by ***. */
void store_target_shown(const char *target, char *out, size_t len);
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
/* Fresh statistics for the query planner (ANALYZE), after a bulk load has
 * changed the tables' sizes by orders of magnitude; outside a transaction. */
int store_analyze(struct store *s);
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
typedef int (*store_school_cb)(void *ctx, const struct school_rec *r);
/* Every school of the database, by id. */
int store_schools_each(struct store *s, store_school_cb cb, void *ctx);

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
	int safeguarding;          /* flagged for the designated safeguarding lead */
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

/* ---- attendance history received from other schools (src/store/store_exchange.c) ----
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


/* ---- users, sign-in sessions, register events, audit (0003-users) ---- */

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

/* ---- second factors: TOTP and recovery codes (0015-two-factor) ---- */

#define STORE_TOTP_SECRET_MAX 33 /* 20 bytes in base32, and the NUL */
#define STORE_CODEHASH_MAX 65    /* a keyed hash in hex */

struct totp_rec {
	int64_t user_id;
	char secret[STORE_TOTP_SECRET_MAX];
	bool on;           /* false: set up, waiting for the first code */
	int64_t last_step; /* the last 30-second step a code was accepted for */
	char created_at[STORE_TIME_LEN], enabled_at[STORE_TIME_LEN];
	int recovery_left; /* recovery codes not used yet */
};
/* The user's second factor; 1 if none. */
int store_totp_get(struct store *s, int64_t user_id, struct totp_rec *out);
/* Saves a new secret, pending (a pending one is replaced); 1 if one is on. */
int store_totp_start(struct store *s, int64_t user_id, int64_t school_id, const char *secret,
		     const char *at);
/* Switches a pending one on, with the step of the code that confirmed it;
 * 1 if none was pending (or that step was used). */
int store_totp_enable(struct store *s, int64_t user_id, int64_t step, const char *at);
/* Takes a step's code once: 1 if it (or a later step) was used already, or
 * the factor is not on. */
int store_totp_use_step(struct store *s, int64_t user_id, int64_t step);
/* Deletes the factor and its recovery codes; 1 if there was none. */
int store_totp_delete(struct store *s, int64_t user_id);
/* The user's recovery codes become these n (hashes). */
int store_recovery_replace(struct store *s, int64_t user_id, int64_t school_id,
			   const char (*hashes)[STORE_CODEHASH_MAX], int n, const char *at);
/* Uses a recovery code once; 1 if no unused code has that hash. */
int store_recovery_use(struct store *s, int64_t user_id, const char *hash, const char *at);

/* school_id 0: an event of no school. */
int store_audit(struct store *s, int64_t school_id, const char *at, const char *username,
		const char *action, const char *detail);
/* ---- families: contacts, the contact log, absence reports (src/store/store_contacts.c) ---- */

#define STORE_PHONE_MAX 40
#define STORE_EMAIL_MAX 256
#define STORE_ADDRESS_MAX 400
#define STORE_NOTE_MAX 1024

/* A pupil's contact; priority 1 is called first. */
struct contact_rec {
	int64_t id, pupil_id;
	int priority;
	char name[STORE_NAME_MAX];
	char relationship[48];
	char phone[STORE_PHONE_MAX], mobile[STORE_PHONE_MAX];
	char email[STORE_EMAIL_MAX];
	char address[STORE_ADDRESS_MAX];
	char postcode[16];
	char language[8];
	bool parental_responsibility, lives_with_pupil, receives_mail, do_not_contact;
	char changed_by[STORE_USER_MAX], changed_at[STORE_TIME_LEN];
};
typedef int (*store_contact_cb)(void *ctx, const struct contact_rec *c);
/* The current contacts of one pupil (pupil_id > 0) or of every pupil (0),
 * by pupil and priority. */
int store_contacts_each(struct store *s, int64_t school_id, int64_t pupil_id, store_contact_cb cb,
			void *ctx);
/* Inserts (c->id 0, filling it in) or updates a contact, and appends its
 * history with action "added" or "changed". */
int store_contact_save(struct store *s, int64_t school_id, struct contact_rec *c, const char *source);
/* Marks a contact removed (it stays for the log) and appends its history. */
int store_contact_remove(struct store *s, int64_t school_id, const struct contact_rec *c,
			 const char *by, const char *at, const char *source);

/* One version of one entry of the contact log. */
struct contact_log_rec {
	int64_t id, pupil_id, entry;
	int version;
	char happened_at[STORE_TIME_LEN];
	char channel[16];  /* text, email, call, letter, home_visit, meeting */
	char direction[4]; /* out, in */
	int64_t contact_id; /* 0: none */
	char contact_name[STORE_NAME_MAX];
	char outcome[STORE_NOTE_MAX];
	date_t follow_up; /* DATE_INVALID: none */
	char staff[STORE_USER_MAX];       /* who made the contact */
	char recorded_by[STORE_USER_MAX]; /* who wrote this version */
	char recorded_at[STORE_TIME_LEN];
	char reason[512];
	char source[128];
	int64_t outbox_id; /* 0: not from the outbox */
};
typedef int (*store_contact_log_cb)(void *ctx, const struct contact_log_rec *r);
/* Appends a version: r->entry 0 starts a new entry (version 1; fills in
 * entry), otherwise r->version must be the entry's next version. */
int store_contact_log_append(struct store *s, int64_t school_id, struct contact_log_rec *r);
/* The current version of an entry; 1 if there is none. */
int store_contact_log_get(struct store *s, int64_t school_id, int64_t entry,
			  struct contact_log_rec *out);
/* A pupil's entries by when they happened (current versions only, unless
 * all_versions: then every version, by entry and version). */
int store_contact_log_each(struct store *s, int64_t school_id, int64_t pupil_id, bool all_versions,
			   store_contact_log_cb cb, void *ctx);

struct absence_report_rec {
	int64_t id, pupil_id;
	date_t from_date, to_date;
	enum session from_session, to_session;
	enum code code;
	char note[512];
	date_t expected_return; /* DATE_INVALID: not given */
	int64_t contact_id;
	char reported_by[STORE_NAME_MAX];
	char channel[16]; /* call, text, email, app, in_person, letter */
	char recorded_by[STORE_USER_MAX], recorded_at[STORE_TIME_LEN];
};
/* What became of one session of a report. */
struct absence_session_rec {
	int64_t report_id, pupil_id;
	date_t date;
	enum session session;
	char state[12]; /* pending, applied, kept, attended */
	char detail[256];
	char resolved_at[STORE_TIME_LEN];
};
typedef int (*store_absence_cb)(void *ctx, const struct absence_report_rec *r);
typedef int (*store_absence_session_cb)(void *ctx, const struct absence_session_rec *x);
int store_absence_report_insert(struct store *s, int64_t school_id, struct absence_report_rec *r);
int store_absence_session_insert(struct store *s, int64_t school_id,
				 const struct absence_session_rec *x);
/* Sets the state of a pending session (applied, kept or attended). */
int store_absence_session_resolve(struct store *s, int64_t school_id, int64_t report_id, date_t date,
				  enum session session, const char *state, const char *detail,
				  const char *at);
/* The pending session of a pupil's report for that session; 1 if none. */
int store_absence_pending_get(struct store *s, int64_t school_id, int64_t pupil_id, date_t date,
			      enum session session, struct absence_session_rec *out);
/* Pending sessions on or before a day, by date, session and pupil. */
int store_absence_pending_each(struct store *s, int64_t school_id, date_t upto,
			       store_absence_session_cb cb, void *ctx);
/* Reports touching a day (DATE_INVALID: every report), of one pupil (0: all). */
int store_absence_reports_each(struct store *s, int64_t school_id, date_t on, int64_t pupil_id,
			       store_absence_cb cb, void *ctx);
int store_absence_sessions_each(struct store *s, int64_t school_id, int64_t report_id,
				store_absence_session_cb cb, void *ctx);

/* ---- messages: templates and the outbox (src/store/store_comms.c) ---- */

#define STORE_TEMPLATE_NAME_MAX 64
#define STORE_TEMPLATE_BODY_MAX 8192

struct template_rec {
	int64_t id;
	char name[STORE_TEMPLATE_NAME_MAX];
	char language[8];
	char channel[8]; /* sms, email, letter */
	char description[256];
	char subject[256];
	char body[STORE_TEMPLATE_BODY_MAX];
	bool builtin;
	char changed_by[STORE_USER_MAX], changed_at[STORE_TIME_LEN];
};
typedef int (*store_template_cb)(void *ctx, const struct template_rec *t);
/* 1 if there is no such template. */
int store_template_get(struct store *s, int64_t school_id, const char *name, const char *language,
		       struct template_rec *out);
/* By name, then language. */
int store_templates_each(struct store *s, int64_t school_id, store_template_cb cb, void *ctx);
/* Inserts or replaces the template of that name and language. */
int store_template_put(struct store *s, int64_t school_id, const struct template_rec *t);
/* Inserts it unless that name and language exist; *added says whether it did. */
int store_template_add_missing(struct store *s, int64_t school_id, const struct template_rec *t,
			       bool *added);

/* One message of the outbox. body, message and pdf are heap copies (NULL
 * when not loaded: lists load no content); outbox_rec_free() frees them. */
struct outbox_rec {
	int64_t id, pupil_id, contact_id; /* both 0: a message to staff (a digest) */
	char channel[8]; /* email, sms, post */
	char template_name[STORE_TEMPLATE_NAME_MAX];
	char language[8];
	char recipient[STORE_ADDRESS_MAX];
	char recipient_name[STORE_NAME_MAX];
	char subject[256];
	char *body;
	unsigned char *message;
	size_t message_len;
	unsigned char *pdf;
	size_t pdf_len;
	char message_id[160];
	char status[12]; /* queued, sending, sent, failed, unknown, to_print, posted */
	int attempts;
	char next_attempt_at[STORE_TIME_LEN];
	char attempt_id[40];
	bool handed_over;
	char accepted_id[256];
	char last_error[512];
	char queued_by[STORE_USER_MAX], queued_at[STORE_TIME_LEN];
	char sent_at[STORE_TIME_LEN], updated_at[STORE_TIME_LEN];
	bool has_pdf; /* set by lists too */
};
void outbox_rec_free(struct outbox_rec *r);
typedef int (*store_outbox_cb)(void *ctx, const struct outbox_rec *r);
/* Inserts a message with its content; fills in the id. */
int store_outbox_insert(struct store *s, int64_t school_id, struct outbox_rec *r);
/* 1 if there is none. */
int store_outbox_get(struct store *s, int64_t school_id, int64_t id, bool content,
		     struct outbox_rec *out);
/* Messages with that status (NULL: all), of a pupil (0: all), newest first,
 * without content. */
int store_outbox_each(struct store *s, int64_t school_id, const char *status, int64_t pupil_id,
		      store_outbox_cb cb, void *ctx);
/* The queued message due first (next_attempt_at <= now); 1 if none. */
int store_outbox_next_due(struct store *s, int64_t school_id, const char *now, int64_t *id);
/* The earliest next_attempt_at of a queued message; 1 if none. */
int store_outbox_next_time(struct store *s, int64_t school_id, char out[STORE_TIME_LEN]);
/* queued -> sending under a new attempt id, and the attempt's row; 1 if
 * the message was no longer queued. */
int store_outbox_claim(struct store *s, int64_t school_id, int64_t id, const char *attempt_id,
		       const char *now);
/* The whole message has left us in this attempt. */
int store_outbox_handed_over(struct store *s, int64_t school_id, int64_t id, const char *attempt_id,
			     const char *now);
/* Ends an attempt: the message's new status (and when to try again, what
 * the server accepted it as, or why it failed), and the attempt's outcome.
 * 1 if the message is no longer in that attempt. */
struct outbox_finish {
	const char *status;
	const char *next_attempt_at; /* NULL: none */
	const char *accepted_id;     /* NULL: none */
	const char *error;           /* "" when none */
	const char *outcome;         /* the attempt's: sent, retry, failed, interrupted, unknown */
	const char *detail;
};
int store_outbox_finish(struct store *s, int64_t school_id, int64_t id, const char *attempt_id,
			const struct outbox_finish *f, const char *now);
/* A message a person decided about: back to the queue (from failed or
 * unknown), or a letter posted (from to_print). 1 if not in such a state. */
int store_outbox_requeue(struct store *s, int64_t school_id, int64_t id, const char *now);
int store_outbox_posted(struct store *s, int64_t school_id, int64_t id, const char *now);

/* The outbox worker's lease: one worker per school at a time. */
struct outbox_lease_rec {
	char holder[96], host[64];
	long pid;
	char expires_at[STORE_TIME_LEN];
};
/* 1 if no worker has held it. */
int store_outbox_lease_get(struct store *s, int64_t school_id, struct outbox_lease_rec *out);
int store_outbox_lease_put(struct store *s, int64_t school_id, const struct outbox_lease_rec *l);
/* Gives the lease up if that holder has it. */
int store_outbox_lease_release(struct store *s, int64_t school_id, const char *holder);

/* Bulk loading of fresh first-version marks (store_bulk.c): many large
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

/* Reading the register into the engine (store_cells.c). One read
 * transaction gives a consistent register: either a snapshot (the engine's
 * own cache of its matrix, taken with store_snapshot_save) followed by every
 * mark version recorded after it, or, when there is no usable snapshot,
 * every current mark of the school with from <= date <= to, in (date,
 * session, pupil_id) order. A snapshot is usable when it was taken for the same
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

/* ---- several servers on one database (PostgreSQL) ----
 * Each server keeps the register in memory; a server that commits marks
 * announces the school and the last history id, and the others replay the
 * versions after the last one they applied (store_marks_since), reloading
 * only when replay cannot account for the change (the generation moved). */
#define STORE_MARKS_CHANNEL "attend_marks"
/* The school's register generation and the last history id now. */
int store_register_point(struct store *s, int64_t school_id, int64_t *generation,
			 int64_t *history_id);
/* The versions of the school's marks (of days from..to) recorded after
 * history id `after`, in order, through cb: 0 with *history_id the point
 * read to, and *lesson_id (if not NULL) the last lesson version at that
 * point (store_lesson_marks_since reads up to it); 1 when the generation is
 * no longer `generation` (reload); -1. */
int store_marks_since(struct store *s, int64_t school_id, int64_t after, int64_t generation,
		      date_t from, date_t to, store_cell_cb cb, void *ctx, int64_t *history_id,
		      int64_t *lesson_id);
/* In a write transaction, just before store_commit: the last history id
 * and lesson history id (the transaction's own, as writers take turns),
 * and on PostgreSQL a notification to the other servers, sent if and when
 * it commits. */
int store_marks_announce(struct store *s, int64_t school_id, int64_t *history_id, int64_t *lesson_id);
/* A connection of its own that waits for the announcements: store_watch
 * subscribes (1 where none can come: SQLite, a hot standby: poll instead);
 * store_watch_wait waits up to timeout_ms: 1 with the school and history
 * id announced, 0 none, -1 the connection is lost (store_reconnect). */
int store_watch(struct store *s);
int store_watch_wait(struct store *s, int timeout_ms, int64_t *school_id, int64_t *history_id);
int store_reconnect(struct store *s);
/* Whether the connection was made again to another server than before
 * (a failover): the caller reloads rather than replays (asks once). */
bool store_server_changed(struct store *s);
/* Whether other servers may share the database (PostgreSQL). */
bool store_shared(const struct store *s);
/* 1 when the database only reads (a PostgreSQL hot standby), else 0. */
int store_is_standby(struct store *s);
/* The server's writing connection, which runs each write of a group in a
 * savepoint: SQLite keeps what a savepoint would undo in memory, not in a
 * temporary file written page by page (the durable WAL is untouched), and
 * checkpoints the WAL on a thread of its own, not inside a commit. */
int store_for_group_commit(struct store *s);

/* ---- lesson registers (src/store/store_lessons.c, 0006-lessons) ---- */

#define STORE_PERIOD_MAX 12 /* TT_LABEL_MAX */
#define STORE_CLASS_MAX 32
#define STORE_SUBJECT_MAX 64
#define STORE_ROOM_MAX 32

struct period_rec {
	int week;    /* -1 one-week timetable; 0 week A, 1 week B */
	int weekday; /* 0 Monday .. 4 Friday */
	char period[STORE_PERIOD_MAX];
	int start, end; /* minutes after midnight */
	int reg;        /* SESSION_AM, SESSION_PM or -1 */
};
typedef int (*store_period_cb)(void *ctx, const struct period_rec *p);
int store_periods_each(struct store *s, int64_t school_id, store_period_cb cb, void *ctx);
/* Replaces the whole timetable. */
int store_periods_replace(struct store *s, int64_t school_id, const struct period_rec *p, int n,
			  const char *by, const char *at);

struct class_rec {
	int64_t id;
	char code[STORE_CLASS_MAX];
	char subject[STORE_SUBJECT_MAX];
	char teacher[STORE_USER_MAX];
	char room[STORE_ROOM_MAX];
};
typedef int (*store_class_cb)(void *ctx, const struct class_rec *c);
int store_classes_each(struct store *s, int64_t school_id, store_class_cb cb, void *ctx);
/* Inserts (c->id 0, filled in) or updates a class. */
int store_class_save(struct store *s, int64_t school_id, struct class_rec *c, const char *by,
		     const char *at);

struct meeting_rec {
	int64_t class_id;
	int week, weekday; /* as in period_rec */
	char period[STORE_PERIOD_MAX];
};
typedef int (*store_meeting_cb)(void *ctx, const struct meeting_rec *m);
int store_meetings_each(struct store *s, int64_t school_id, store_meeting_cb cb, void *ctx);
/* Replaces the meetings of one class. */
int store_meetings_replace(struct store *s, int64_t school_id, int64_t class_id,
			   const struct meeting_rec *m, int n);

/* A pupil in a class from start to end inclusive (end DATE_INVALID: open). */
struct member_rec {
	int64_t id, class_id, pupil_id;
	date_t start, end;
};
typedef int (*store_member_cb)(void *ctx, const struct member_rec *m);
int store_members_each(struct store *s, int64_t school_id, store_member_cb cb, void *ctx);
int store_member_insert(struct store *s, int64_t school_id, struct member_rec *m, const char *by,
			const char *at);
/* Sets the last day (a membership ending); DATE_INVALID reopens it. */
int store_member_set_end(struct store *s, int64_t school_id, int64_t id, date_t end,
			 const char *by, const char *at);
/* Removes a membership entered by mistake (the caller checks it holds no marks). */
int store_member_delete(struct store *s, int64_t school_id, int64_t id);

/* One version of one lesson mark. */
struct lesson_mark_rec {
	int64_t pupil_id;
	date_t date;
	char period[STORE_PERIOD_MAX];
	int64_t class_id;
	char class_code[STORE_CLASS_MAX]; /* hashed with the version; history reads fill it */
	enum code code;
	int minutes_late; /* -1 when not recorded */
	int version;
	char recorded_by[STORE_USER_MAX];
	char recorded_at[STORE_TIME_LEN];
	char first_recorded_at[STORE_TIME_LEN];
	char reason[512];
	char source[128];
	char prev_hash[STORE_HASH_HEX];
	char hash[STORE_HASH_HEX];
};
typedef int (*store_lesson_mark_cb)(void *ctx, const struct lesson_mark_rec *m);
/* Current lesson marks with from <= date <= to. */
int store_lesson_marks_each(struct store *s, int64_t school_id, date_t from, date_t to,
			    store_lesson_mark_cb cb, void *ctx);
/* Every current lesson mark of the school in key order (pupil, date,
 * period), with only what the engine loads: pupil, date, period, class,
 * code and minutes late (the fastest way to read them all). */
int store_lesson_marks_load(struct store *s, int64_t school_id, store_lesson_mark_cb cb,
			    void *ctx);
/* The last lesson version recorded (of any school), read before a load so
 * that replay from it misses nothing (it may apply again what was loaded). */
int store_lesson_point(struct store *s, int64_t *lesson_id);
/* The school's lesson versions recorded after lesson history id `after` up
 * to `upto`, in order (pupil, date, period, class, code and minutes only). */
int store_lesson_marks_since(struct store *s, int64_t school_id, int64_t after, int64_t upto,
			     store_lesson_mark_cb cb, void *ctx);
/* The current mark of one lesson; 1 if none. */
int store_lesson_mark_get(struct store *s, int64_t school_id, int64_t pupil_id, date_t date,
			  const char *period, struct lesson_mark_rec *out);
/* Appends v to the history and makes it current (version 1 inserts). */
int store_lesson_mark_put(struct store *s, int64_t school_id, const struct lesson_mark_rec *v);
/* Every version of one lesson mark, oldest first (with class codes). */
int store_lesson_history_each(struct store *s, int64_t school_id, int64_t pupil_id, date_t date,
			      const char *period, store_lesson_mark_cb cb, void *ctx);
/* Every version of every lesson mark, by pupil, date, period and version. */
int store_lesson_history_all_each(struct store *s, int64_t school_id, store_lesson_mark_cb cb,
				  void *ctx);
void store_lesson_mark_hash(int64_t school_id, const struct lesson_mark_rec *v,
			    char out[STORE_HASH_HEX]);
/* Days and periods that hold lesson marks, with how many. */
typedef int (*store_lesson_slot_cb)(void *ctx, date_t date, const char *period, int marks);
int store_lesson_slots_each(struct store *s, int64_t school_id, store_lesson_slot_cb cb,
			    void *ctx);
/* Lesson marks of one pupil in one class between two dates. */
int store_lesson_mark_count(struct store *s, int64_t school_id, int64_t class_id,
			    int64_t pupil_id, date_t from, date_t to, int *count);

/* A lesson register taken or amended. */
struct lesson_event {
	int64_t class_id;
	date_t date;
	char period[STORE_PERIOD_MAX];
	char kind[8]; /* "taken" or "amended" */
	char taken_by[STORE_USER_MAX];
	char taken_at[STORE_TIME_LEN];
	int marks;
	char reason[512];
};
/* Appends an event; kind "taken" for the register's first, else "amended". */
int store_lesson_event_add(struct store *s, int64_t school_id, struct lesson_event *ev);
typedef int (*store_lesson_event_cb)(void *ctx, const struct lesson_event *ev);
/* The first event of each lesson register of a day. */
int store_lessons_taken(struct store *s, int64_t school_id, date_t day, store_lesson_event_cb cb,
			void *ctx);
/* Every event of one lesson register, oldest first. */
int store_lesson_events(struct store *s, int64_t school_id, int64_t class_id, date_t day,
			const char *period, store_lesson_event_cb cb, void *ctx);

/* Something the lesson registers raise for someone to act on. */
struct alert_rec {
	int64_t id;
	char kind[24]; /* "missing", "register_not_taken" */
	date_t date;
	char period[STORE_PERIOD_MAX];
	int64_t class_id;
	int64_t pupil_id;   /* 0: no pupil */
	char audience[16];  /* "office", "head_of_year", "dsl", "teacher" */
	char audience_year[4];
	char audience_user[STORE_USER_MAX];
	char message[512];
	char created_at[STORE_TIME_LEN];
	char resolved_by[STORE_USER_MAX]; /* "" while open */
	char resolved_at[STORE_TIME_LEN];
	char resolution[512];
};
/* Adds an alert (fills in a->id); 1 when the same alert exists already. */
int store_alert_add(struct store *s, int64_t school_id, struct alert_rec *a);
typedef int (*store_alert_cb)(void *ctx, const struct alert_rec *a);
/* Alerts of the days from..to, newest first; open_only: not resolved yet. */
int store_alerts_each(struct store *s, int64_t school_id, date_t from, date_t to, bool open_only,
		      store_alert_cb cb, void *ctx);
/* One alert; 1 if none. */
int store_alert_get(struct store *s, int64_t school_id, int64_t id, struct alert_rec *out);
/* Resolves the open alerts of a kind about a pupil (0: none) on a day, for
 * every audience: of one class (class_id 0: any) and one period (NULL: any).
 * *n says how many. */
int store_alerts_resolve(struct store *s, int64_t school_id, const char *kind, int64_t class_id,
			 int64_t pupil_id, date_t date, const char *period, const char *by,
			 const char *at, const char *resolution, int *n);
/* ---- the first-day response and tasks (src/store/store_tasks.c, 0007-first-day) ---- */

/* One step of the morning's response for a pupil absent with no reason. */
struct first_day_action_rec {
	int64_t id, pupil_id;
	date_t date;
	char step[8];    /* message, calls, visit */
	char result[12]; /* sent, no_one, reached, no_answer, visited, no_visit */
	int64_t contact_id; /* 0: none */
	char contact_name[STORE_NAME_MAX];
	char note[STORE_NOTE_MAX];
	char done_by[STORE_USER_MAX], done_at[STORE_TIME_LEN];
	int64_t log_entry, outbox_id; /* 0: none */
	char outbox_status[12];      /* the message's status now ("" without one) */
};
typedef int (*store_first_day_cb)(void *ctx, const struct first_day_action_rec *a);
/* Appends an action; fills in the id. A second message or visit of a
 * pupil on a day is refused (1). */
int store_first_day_add(struct store *s, int64_t school_id, struct first_day_action_rec *a);
/* The actions of a day (of one pupil, or pupil_id 0: all), by pupil and time. */
int store_first_day_each(struct store *s, int64_t school_id, date_t day, int64_t pupil_id,
			 store_first_day_cb cb, void *ctx);

struct task_rec {
	int64_t id, pupil_id;
	char kind[16]; /* escalation */
	char title[256];
	char assignee_user[STORE_USER_MAX]; /* "": the role (within the scope) */
	char assignee_role[STORE_ROLE_MAX];
	char scope_form[STORE_FORM_MAX];    /* "": none */
	int scope_year;                     /* YEAR_INVALID: none */
	date_t absence_date, due_date;
	int day_number;
	char created_by[STORE_USER_MAX], created_at[STORE_TIME_LEN];
	char state[8]; /* open, done, closed */
	char done_by[STORE_USER_MAX], done_at[STORE_TIME_LEN];
	char outcome[STORE_NOTE_MAX];
	int64_t log_entry;
};
typedef int (*store_task_cb)(void *ctx, const struct task_rec *t);
/* Inserts a task unless the pupil has one of that kind for that day of
 * absence (then 1, and nothing changes); fills in the id. */
int store_task_add(struct store *s, int64_t school_id, struct task_rec *t);
/* 1 if there is none. */
int store_task_get(struct store *s, int64_t school_id, int64_t id, struct task_rec *out);
/* Tasks that are open (open_only) or were created or finished on or after
 * `since`, of one pupil (0: all), by due date and id. */
int store_tasks_each(struct store *s, int64_t school_id, bool open_only, const char *since,
		     int64_t pupil_id, store_task_cb cb, void *ctx);
/* Finishes an open task: state done or closed, by whom, when, the outcome
 * and the contact log entry (0: none). 1 if it was not open. */
int store_task_finish(struct store *s, int64_t school_id, int64_t id, const char *state,
		      const char *by, const char *at, const char *outcome, int64_t log_entry);
/* Closes the open escalation tasks of a pupil about that day of absence;
 * *closed counts them. */
int store_tasks_close_day(struct store *s, int64_t school_id, int64_t pupil_id, date_t day,
			  const char *by, const char *at, const char *outcome, int *closed);
/* The users of the school with that role (active ones), for "who is
 * responsible". */
int store_users_with_role(struct store *s, int64_t school_id, const char *role, store_user_cb cb,
			  void *ctx);

/* ---- benchmarks (0008-benchmarks, src/store/store_benchmarks.c) ---- */

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

/* ---- casework (0009-casework, src/store/store_casework.c) ----
 * Rows are appended; the few that change (a review decided, a plan closed,
 * an action finished, an intervention or part-time timetable ended, a
 * review point held) change once, as the migration's triggers enforce. */

#define STORE_CW_CODE_MAX 48
#define STORE_CW_TEXT_MAX 4096 /* notes, pupil and parent voice */
#define STORE_CW_SHORT_MAX 512

struct cw_stage_rec {
	int64_t id, pupil_id, review_id; /* review_id 0: none */
	char stage[24];
	char reason[STORE_NOTE_MAX];
	char changed_by[STORE_USER_MAX], changed_at[STORE_TIME_LEN];
};
typedef int (*store_cw_stage_cb)(void *ctx, const struct cw_stage_rec *r);
int store_cw_stage_add(struct store *s, int64_t school_id, struct cw_stage_rec *r);
/* Stage moves of one pupil (0: every pupil), by pupil and then oldest first. */
int store_cw_stages_each(struct store *s, int64_t school_id, int64_t pupil_id,
			 store_cw_stage_cb cb, void *ctx);

struct cw_review_rec {
	int64_t id, pupil_id;
	char kind[16];
	char key[64];
	date_t raised_on;
	char detail[STORE_CW_SHORT_MAX];
	char stage_then[24], suggested[24];
	char raised_at[STORE_TIME_LEN];
	char state[12]; /* open, accepted, dismissed */
	char decided_by[STORE_USER_MAX], decided_at[STORE_TIME_LEN];
	char decision_reason[STORE_NOTE_MAX];
	char stage_set[24];
};
typedef int (*store_cw_review_cb)(void *ctx, const struct cw_review_rec *r);
/* Adds an item (fills in id); 1 when the pupil has one of that kind and key. */
int store_cw_review_add(struct store *s, int64_t school_id, struct cw_review_rec *r);
int store_cw_review_get(struct store *s, int64_t school_id, int64_t id, struct cw_review_rec *out);
/* Items of one pupil (0: all), open ones only or those raised or decided
 * since `since` too (NULL: every item), newest first. */
int store_cw_reviews_each(struct store *s, int64_t school_id, int64_t pupil_id, bool open_only,
			  const char *since, store_cw_review_cb cb, void *ctx);
/* Decides an open item; 1 if it was not open. */
int store_cw_review_decide(struct store *s, int64_t school_id, int64_t id, const char *state,
			   const char *by, const char *at, const char *reason, const char *stage_set);

struct cw_catalogue_rec {
	char kind[16]; /* barrier, intervention */
	char code[STORE_CW_CODE_MAX];
	char label[128];
	bool retired;
	char changed_by[STORE_USER_MAX], changed_at[STORE_TIME_LEN];
};
typedef int (*store_cw_catalogue_cb)(void *ctx, const struct cw_catalogue_rec *r);
int store_cw_catalogue_each(struct store *s, int64_t school_id, store_cw_catalogue_cb cb, void *ctx);
/* Adds or changes an entry (and its history). */
int store_cw_catalogue_put(struct store *s, int64_t school_id, const struct cw_catalogue_rec *r);

struct cw_plan_rec {
	int64_t id, pupil_id;
	char title[256];
	date_t started_on, review_on, closed_on; /* closed_on DATE_INVALID while open */
	char state[8]; /* open, closed */
	char outcome[STORE_NOTE_MAX];
	char created_by[STORE_USER_MAX], created_at[STORE_TIME_LEN];
	char closed_by[STORE_USER_MAX], closed_at[STORE_TIME_LEN];
};
typedef int (*store_cw_plan_cb)(void *ctx, const struct cw_plan_rec *r);
int store_cw_plan_add(struct store *s, int64_t school_id, struct cw_plan_rec *r);
int store_cw_plan_get(struct store *s, int64_t school_id, int64_t id, struct cw_plan_rec *out);
/* Plans of one pupil (0: all), open ones only or all, newest first. */
int store_cw_plans_each(struct store *s, int64_t school_id, int64_t pupil_id, bool open_only,
			store_cw_plan_cb cb, void *ctx);
int store_cw_plan_set_review(struct store *s, int64_t school_id, int64_t id, date_t review_on);
/* Closes an open plan; 1 if it was not open. */
int store_cw_plan_close(struct store *s, int64_t school_id, int64_t id, date_t on,
			const char *outcome, const char *by, const char *at);

struct cw_barrier_rec {
	int64_t id, plan_id;
	char code[STORE_CW_CODE_MAX];
	char note[STORE_CW_SHORT_MAX];
	char added_by[STORE_USER_MAX], added_at[STORE_TIME_LEN];
};
typedef int (*store_cw_barrier_cb)(void *ctx, const struct cw_barrier_rec *r);
/* 1 when the plan names that barrier already. */
int store_cw_barrier_add(struct store *s, int64_t school_id, struct cw_barrier_rec *r);
/* Barriers of a plan (0: of every plan), by plan and order added. */
int store_cw_barriers_each(struct store *s, int64_t school_id, int64_t plan_id,
			   store_cw_barrier_cb cb, void *ctx);

struct cw_action_rec {
	int64_t id, plan_id;
	char action[STORE_CW_SHORT_MAX];
	char owner[128];
	date_t due_on;
	char state[8]; /* open, done, dropped */
	char note[STORE_CW_SHORT_MAX];
	char created_by[STORE_USER_MAX], created_at[STORE_TIME_LEN];
	char done_by[STORE_USER_MAX], done_at[STORE_TIME_LEN];
};
typedef int (*store_cw_action_cb)(void *ctx, const struct cw_action_rec *r);
int store_cw_action_add(struct store *s, int64_t school_id, struct cw_action_rec *r);
int store_cw_action_get(struct store *s, int64_t school_id, int64_t id, struct cw_action_rec *out);
/* Actions of a plan (0: of every plan), by plan, due date and id. */
int store_cw_actions_each(struct store *s, int64_t school_id, int64_t plan_id,
			  store_cw_action_cb cb, void *ctx);
/* Finishes an open action (done or dropped); 1 if it was not open. */
int store_cw_action_finish(struct store *s, int64_t school_id, int64_t id, const char *state,
			   const char *note, const char *by, const char *at);

struct cw_meeting_rec {
	int64_t id, plan_id;
	char kind[8]; /* meeting, review */
	date_t held_on, next_review_on; /* next DATE_INVALID: none set */
	char attendees[STORE_CW_SHORT_MAX];
	char pupil_voice[STORE_CW_TEXT_MAX], parent_voice[STORE_CW_TEXT_MAX];
	char notes[STORE_CW_TEXT_MAX];
	char recorded_by[STORE_USER_MAX], recorded_at[STORE_TIME_LEN];
};
typedef int (*store_cw_meeting_cb)(void *ctx, const struct cw_meeting_rec *r);
int store_cw_meeting_add(struct store *s, int64_t school_id, struct cw_meeting_rec *r);
/* Meetings of a plan, by the day held. */
int store_cw_meetings_each(struct store *s, int64_t school_id, int64_t plan_id,
			   store_cw_meeting_cb cb, void *ctx);

struct cw_intervention_rec {
	int64_t id, pupil_id, plan_id; /* plan_id 0: none */
	char type[STORE_CW_CODE_MAX];
	date_t started_on, planned_end, ended_on; /* DATE_INVALID: none (yet) */
	char note[STORE_CW_SHORT_MAX];
	char created_by[STORE_USER_MAX], created_at[STORE_TIME_LEN];
	char ended_by[STORE_USER_MAX], ended_at[STORE_TIME_LEN];
};
typedef int (*store_cw_intervention_cb)(void *ctx, const struct cw_intervention_rec *r);
int store_cw_intervention_add(struct store *s, int64_t school_id, struct cw_intervention_rec *r);
int store_cw_intervention_get(struct store *s, int64_t school_id, int64_t id,
			      struct cw_intervention_rec *out);
/* Interventions of one pupil (0: all), by start and id. */
int store_cw_interventions_each(struct store *s, int64_t school_id, int64_t pupil_id,
				store_cw_intervention_cb cb, void *ctx);
/* Ends an intervention not ended yet; 1 if it had ended. */
int store_cw_intervention_end(struct store *s, int64_t school_id, int64_t id, date_t on,
			      const char *by, const char *at);

struct cw_part_time_rec {
	int64_t id, pupil_id, intervention_id;
	char sessions[80]; /* "Mon:PM Wed:PM" */
	date_t started_on, planned_end, ended_on; /* ended_on DATE_INVALID while on */
	char agreed_with[256];
	char reason[STORE_CW_SHORT_MAX];
	char end_reason[STORE_CW_SHORT_MAX];
	char created_by[STORE_USER_MAX], created_at[STORE_TIME_LEN];
	char ended_by[STORE_USER_MAX], ended_at[STORE_TIME_LEN];
};
typedef int (*store_cw_part_time_cb)(void *ctx, const struct cw_part_time_rec *r);
int store_cw_part_time_add(struct store *s, int64_t school_id, struct cw_part_time_rec *r);
int store_cw_part_time_get(struct store *s, int64_t school_id, int64_t id,
			   struct cw_part_time_rec *out);
/* Part-time timetables of one pupil (0: all), those not ended only or all,
 * by start. */
int store_cw_part_times_each(struct store *s, int64_t school_id, int64_t pupil_id,
			     bool current_only, store_cw_part_time_cb cb, void *ctx);
/* Ends one not ended yet; 1 if it had ended. */
int store_cw_part_time_end(struct store *s, int64_t school_id, int64_t id, date_t on,
			   const char *reason, const char *by, const char *at);

struct cw_pt_review_rec {
	int64_t id, part_time_id;
	date_t due_on, held_on; /* held_on DATE_INVALID: not held */
	char outcome[STORE_CW_SHORT_MAX];
	char held_by[STORE_USER_MAX], held_at[STORE_TIME_LEN];
};
typedef int (*store_cw_pt_review_cb)(void *ctx, const struct cw_pt_review_rec *r);
/* 1 when the timetable has a review point that day already. */
int store_cw_pt_review_add(struct store *s, int64_t school_id, struct cw_pt_review_rec *r);
/* Review points of a timetable (0: of every one), by timetable and day. */
int store_cw_pt_reviews_each(struct store *s, int64_t school_id, int64_t part_time_id,
			     store_cw_pt_review_cb cb, void *ctx);
/* Holds a review point; 1 if it was held already. */
int store_cw_pt_review_hold(struct store *s, int64_t school_id, int64_t id, date_t held_on,
			    const char *outcome, const char *by, const char *at);

struct cw_legal_rec {
	int64_t id, pupil_id;
	char kind[32];
	char parent_name[STORE_NAME_MAX];
	date_t issued_on, period_start, period_end, reduced_until, pay_by, review_on;
	int period_weeks, number;   /* 0: none */
	int amount_pence, reduced_pence; /* -1: none */
	char section[12];           /* "" or s444(1), s444(1A) */
	char detail[STORE_NOTE_MAX];
	char recorded_by[STORE_USER_MAX], recorded_at[STORE_TIME_LEN];
};
typedef int (*store_cw_legal_cb)(void *ctx, const struct cw_legal_rec *r);
int store_cw_legal_add(struct store *s, int64_t school_id, struct cw_legal_rec *r);
int store_cw_legal_get(struct store *s, int64_t school_id, int64_t id, struct cw_legal_rec *out);
/* Legal steps of one pupil (0: all), by the day issued and id. */
int store_cw_legal_each(struct store *s, int64_t school_id, int64_t pupil_id,
			store_cw_legal_cb cb, void *ctx);

struct cw_legal_event_rec {
	int64_t id, legal_id;
	char kind[12]; /* paid, withdrawn, hearing, outcome, note */
	date_t on;
	int amount_pence; /* -1: none */
	char text[STORE_NOTE_MAX];
	char recorded_by[STORE_USER_MAX], recorded_at[STORE_TIME_LEN];
};
typedef int (*store_cw_legal_event_cb)(void *ctx, const struct cw_legal_event_rec *r);
int store_cw_legal_event_add(struct store *s, int64_t school_id, struct cw_legal_event_rec *r);
/* Events of one step (0: of every step), by step, day and id. */
int store_cw_legal_events_each(struct store *s, int64_t school_id, int64_t legal_id,
			       store_cw_legal_event_cb cb, void *ctx);

/* A document; data is only loaded by store_cw_document_get (malloc'd:
 * the caller frees it), NULL in lists. */
struct cw_document_rec {
	int64_t id, pupil_id, legal_id;
	char filename[128];
	char content_type[32];
	int64_t size;
	char sha256[STORE_HASH_HEX];
	unsigned char *data;
	char uploaded_by[STORE_USER_MAX], uploaded_at[STORE_TIME_LEN];
};
typedef int (*store_cw_document_cb)(void *ctx, const struct cw_document_rec *r);
int store_cw_document_add(struct store *s, int64_t school_id, struct cw_document_rec *r);
/* With its data; 1 if none. */
int store_cw_document_get(struct store *s, int64_t school_id, int64_t id,
			  struct cw_document_rec *out);
/* Documents of one step (0: of every step of the pupil), without data. */
int store_cw_documents_each(struct store *s, int64_t school_id, int64_t pupil_id,
			    int64_t legal_id, store_cw_document_cb cb, void *ctx);

struct cw_note_rec {
	int64_t id, pupil_id;
	bool safeguarding;
	char body[STORE_CW_TEXT_MAX];
	char written_by[STORE_USER_MAX], written_at[STORE_TIME_LEN];
};
typedef int (*store_cw_note_cb)(void *ctx, const struct cw_note_rec *r);
int store_cw_note_add(struct store *s, int64_t school_id, struct cw_note_rec *r);
/* A pupil's notes, safeguarding ones or the others, newest first. */
int store_cw_notes_each(struct store *s, int64_t school_id, int64_t pupil_id, bool safeguarding,
			store_cw_note_cb cb, void *ctx);
/* How many safeguarding notes a pupil has. */
int store_cw_safeguarding_count(struct store *s, int64_t school_id, int64_t pupil_id, int *n);

struct cw_note_read_rec {
	int64_t id, note_id, pupil_id;
	char username[STORE_USER_MAX];
	char role[STORE_ROLE_MAX];
	char read_at[STORE_TIME_LEN];
	char via[256];
	char ip[64];
};
typedef int (*store_cw_note_read_cb)(void *ctx, const struct cw_note_read_rec *r);
int store_cw_note_read_add(struct store *s, int64_t school_id, struct cw_note_read_rec *r);
/* The reads of one pupil's notes (0: every pupil's), newest first, at most
 * limit of them. */
int store_cw_note_reads_each(struct store *s, int64_t school_id, int64_t pupil_id, int limit,
			     store_cw_note_read_cb cb, void *ctx);

/* ---- copying schools between databases (attend migrate; src/store/store_copy.c) ---- */

#define STORE_COPY_TABLES_MAX 96
struct store_copy_table {
	char name[64];
	long long rows;   /* the school's rows in the source (every row, for every school) */
	long long copied; /* rows this copy wrote */
	bool same;        /* the target holds exactly these rows */
};
struct store_copy {
	int n_tables;
	struct store_copy_table t[STORE_COPY_TABLES_MAX];
	bool already; /* the target held them all already: nothing was written */
};
/* Copies the school with that URN (NULL: every school, and the rows of no
 * school) from one database into another, every table and every id (the
 * register's hash chains name the school and the pupil by id), inside the
 * caller's transaction on `to`, and reads each table back to compare it
 * (count and contents). The engine's start-up cache is not copied: it is
 * rebuilt. 0: copied, or the target already held exactly these rows
 * (res->already); 1: the target holds the school and differs, refused (the
 * reason in store_error(to)); -1: an error (store_error(to), or of from). */
int store_copy_school(struct store *from, struct store *to, const char *urn, struct store_copy *res);

/* ---- statutory duties (0014-statutory, src/store/store_statutory.c) ---- */

/* A notification raised from the register (core/notices): to the local
 * authority, or to a pupil's social worker or virtual school. */
struct notification_rec {
	int64_t id, pupil_id, enrolment_id;
	char kind[16]; /* unauthorised, illness, admission, deletion, cme, social_worker, virtual_school */
	date_t key_date;     /* what makes it this one: the run's first day, the year, ... */
	date_t trigger_date; /* the day its rule was met */
	date_t due_date;
	int days;
	char detail[512];
	char ground[16];    /* deletions: the regulation's ground ("" if not recorded) */
	int64_t contact_id; /* the social worker or virtual school (0: none) */
	int64_t task_id;
	char raised_by[STORE_USER_MAX], raised_at[STORE_TIME_LEN];
	char state[12];    /* open, sent, withdrawn, dismissed */
	char sent_via[8];  /* outbox, file, other ("" until sent) */
	int64_t outbox_id;
	char file_name[256];
	char file_sha256[STORE_HASH_HEX];
	char done_by[STORE_USER_MAX], done_at[STORE_TIME_LEN];
	char outcome[STORE_NOTE_MAX];
	char outbox_status[12]; /* the message's status now ("" without one) */
};
typedef int (*store_notification_cb)(void *ctx, const struct notification_rec *n);
/* Inserts it unless the pupil has one of that kind and key date (then 1,
 * and nothing changes); fills in the id. */
int store_notification_add(struct store *s, int64_t school_id, struct notification_rec *n);
/* 1 if there is none. */
int store_notification_get(struct store *s, int64_t school_id, int64_t id,
			   struct notification_rec *out);
/* Notifications in a state (NULL: any) of one pupil (0: all), by due date and id. */
int store_notifications_each(struct store *s, int64_t school_id, const char *state,
			     int64_t pupil_id, store_notification_cb cb, void *ctx);
/* Ends an open notification: its state (sent, withdrawn, dismissed), how
 * it went (via "outbox" with outbox_id, "file" with the file's name and
 * SHA-256, or "other"; NULL when not sent), by whom, when and the outcome. 1 if not open. */
int store_notification_finish(struct store *s, int64_t school_id, int64_t id, const char *state,
			      const char *via, int64_t outbox_id, const char *file_name,
			      const char *file_sha256, const char *by, const char *at,
			      const char *outcome);

/* The ground on which a pupil's name left the admission register. */
struct leaving_ground_rec {
	int64_t id, pupil_id, enrolment_id;
	date_t left_date;
	char ground[16]; /* "9(1)(a)" */
	char detail[512];
	char recorded_by[STORE_USER_MAX], recorded_at[STORE_TIME_LEN];
	char source[128];
};
typedef int (*store_leaving_ground_cb)(void *ctx, const struct leaving_ground_rec *g);
int store_leaving_ground_add(struct store *s, int64_t school_id, struct leaving_ground_rec *g);
/* Every row of one enrolment (0: all), by enrolment and then oldest first:
 * an enrolment's ground is its last row. */
int store_leaving_grounds_each(struct store *s, int64_t school_id, int64_t enrolment_id,
			       store_leaving_ground_cb cb, void *ctx);

/* Year 6 attendance of an incoming pupil, as a primary school or the LA sent it. */
struct year6_rec {
	char upn[UPN_LEN + 1];
	char surname[STORE_NAME_MAX], forename[STORE_NAME_MAX];
	date_t dob;
	char primary_school[STORE_NAME_MAX];
	int academic_year; /* the calendar year it starts in */
	int possible, attended, authorised, unauthorised;
	char fsm[2], send[2]; /* "" when the file did not say */
	char imported_by[STORE_USER_MAX], imported_at[STORE_TIME_LEN];
	char file_sha256[STORE_HASH_HEX];
};
typedef int (*store_year6_cb)(void *ctx, const struct year6_rec *y);
/* Stores a pupil's figures for a year: added, changed (the old row kept in
 * the history) or unchanged. */
int store_year6_put(struct store *s, int64_t school_id, const struct year6_rec *y,
		    enum store_put *outcome);
/* Every pupil's figures, by UPN and year. */
int store_year6_each(struct store *s, int64_t school_id, store_year6_cb cb, void *ctx);
/* ---- families and pupils: their accounts, invitations, parents' absence
 * reports and leave requests (src/store/store_family.c, 0010-families) ---- */

/* A contact by id, current or removed (*removed says which); 1 if none. */
int store_contact_get(struct store *s, int64_t school_id, int64_t contact_id,
		      struct contact_rec *out, bool *removed);

/* A family account's link to a pupil: a parent through a contact, or the
 * pupil's own account ("self", contact_id 0). */
struct family_link_rec {
	int64_t id, user_id, pupil_id, contact_id;
	char kind[8];                     /* parent, self */
	char username[STORE_USER_MAX];    /* the account's (read only) */
	char linked_by[STORE_USER_MAX], linked_at[STORE_TIME_LEN];
	char source[48];                  /* "cli", "invitation #12" */
	char ended_by[STORE_USER_MAX], ended_at[STORE_TIME_LEN]; /* "" while open */
	char ended_reason[256];
};
typedef int (*store_family_link_cb)(void *ctx, const struct family_link_rec *l);
/* Inserts l (fills in l->id). */
int store_family_link_insert(struct store *s, int64_t school_id, struct family_link_rec *l);
/* Ends an open link; 1 if there is no open link of that id. */
int store_family_link_end(struct store *s, int64_t school_id, int64_t id, const char *by,
			  const char *at, const char *reason);
/* The links of a user (user_id > 0) or of a pupil (pupil_id > 0), open
 * ones only or all, oldest first. */
int store_family_links_each(struct store *s, int64_t school_id, int64_t user_id, int64_t pupil_id,
			    bool open_only, store_family_link_cb cb, void *ctx);

struct family_invitation_rec {
	int64_t id, school_id, pupil_id, contact_id; /* contact 0 for a pupil's own */
	char kind[8];      /* parent, pupil */
	char delivery[8];  /* email, printed */
	char code_hash[STORE_HASH_HEX];
	char created_by[STORE_USER_MAX], created_at[STORE_TIME_LEN], expires_at[STORE_TIME_LEN];
	int64_t outbox_id; /* 0: none */
	char used_at[STORE_TIME_LEN]; /* "" while unused */
	int64_t used_by;
	char revoked_by[STORE_USER_MAX], revoked_at[STORE_TIME_LEN];
};
typedef int (*store_family_invitation_cb)(void *ctx, const struct family_invitation_rec *i);
int store_family_invitation_insert(struct store *s, int64_t school_id,
				   struct family_invitation_rec *i);
/* By the hash of its code, in any school (the code names its school); 1 if none. */
int store_family_invitation_find(struct store *s, const char *code_hash,
				 struct family_invitation_rec *out);
/* 1 if none. */
int store_family_invitation_get(struct store *s, int64_t school_id, int64_t id,
				struct family_invitation_rec *out);
/* Marks it used by user_id; 1 if it was used or revoked already. */
int store_family_invitation_use(struct store *s, int64_t school_id, int64_t id, int64_t user_id,
				const char *at);
/* 1 if it was used or revoked already. */
int store_family_invitation_revoke(struct store *s, int64_t school_id, int64_t id, const char *by,
				   const char *at);
/* A pupil's invitations, newest first. */
int store_family_invitations_each(struct store *s, int64_t school_id, int64_t pupil_id,
				  store_family_invitation_cb cb, void *ctx);

/* An absence a parent reported, waiting for the office (or decided). */
struct parent_report_rec {
	int64_t id, pupil_id, user_id, contact_id;
	char reported_by[STORE_NAME_MAX + 64];
	date_t from_date, to_date;
	enum session from_session, to_session;
	char reason[8]; /* illness, medical, other */
	char note[512];
	date_t expected_return; /* DATE_INVALID: not given */
	bool late;              /* after the register closed, or past sessions */
	char submitted_at[STORE_TIME_LEN];
	char status[12]; /* awaiting, accepted, declined, withdrawn */
	enum code code; /* accepted: the code recorded; CODE_NONE otherwise */
	char decided_by[STORE_USER_MAX], decided_at[STORE_TIME_LEN];
	char decision_note[512];
	int64_t absence_report_id; /* accepted: the absence report that set the codes */
};
typedef int (*store_parent_report_cb)(void *ctx, const struct parent_report_rec *r);
int store_parent_report_insert(struct store *s, int64_t school_id, struct parent_report_rec *r);
/* 1 if none. */
int store_parent_report_get(struct store *s, int64_t school_id, int64_t id,
			    struct parent_report_rec *out);
/* Sets the decision (status, code, who, when, note, absence report) of an
 * awaiting report; 1 if it is no longer awaiting. */
int store_parent_report_decide(struct store *s, int64_t school_id, const struct parent_report_rec *r);
/* Reports with that status (NULL: any) of a pupil (0: all), newest first. */
int store_parent_reports_each(struct store *s, int64_t school_id, const char *status,
			      int64_t pupil_id, store_parent_report_cb cb, void *ctx);

/* Leave of absence requested by a parent, and its decision. */
struct leave_request_rec {
	int64_t id, pupil_id, user_id, contact_id;
	char requested_by[STORE_NAME_MAX + 64];
	date_t from_date, to_date;
	enum session from_session, to_session;
	int sessions; /* school sessions on roll it covers */
	char reason[1024];
	char requested_at[STORE_TIME_LEN];
	char status[12]; /* requested, granted, refused, withdrawn */
};
struct leave_decision_rec {
	int64_t id, request_id;
	char decision[12]; /* granted, refused, withdrawn */
	enum code code;    /* granted: the leave code; CODE_NONE otherwise */
	char reason[1024];
	char decided_by[STORE_USER_MAX], decided_role[STORE_ROLE_MAX], decided_at[STORE_TIME_LEN];
	int64_t outbox_id; /* the letter; 0: none */
	char letter_note[256];
};
struct leave_session_rec {
	int64_t request_id;
	date_t date;
	enum session session;
	char state[8]; /* applied, kept */
	char detail[256];
};
typedef int (*store_leave_request_cb)(void *ctx, const struct leave_request_rec *r);
typedef int (*store_leave_session_cb)(void *ctx, const struct leave_session_rec *x);
int store_leave_request_insert(struct store *s, int64_t school_id, struct leave_request_rec *r);
/* 1 if none. */
int store_leave_request_get(struct store *s, int64_t school_id, int64_t id,
			    struct leave_request_rec *out);
/* Requests with that status (NULL: any) of a pupil (0: all), newest first. */
int store_leave_requests_each(struct store *s, int64_t school_id, const char *status,
			      int64_t pupil_id, store_leave_request_cb cb, void *ctx);
/* Records a decision (d->decision is the request's new status) and sets
 * the request's status; 1 if the request was decided already. Fills d->id. */
int store_leave_decide(struct store *s, int64_t school_id, struct leave_decision_rec *d);
/* The decision of a request; 1 if none yet. */
int store_leave_decision_get(struct store *s, int64_t school_id, int64_t request_id,
			     struct leave_decision_rec *out);
int store_leave_session_insert(struct store *s, int64_t school_id, const struct leave_session_rec *x);
int store_leave_sessions_each(struct store *s, int64_t school_id, int64_t request_id,
			      store_leave_session_cb cb, void *ctx);

/* ---- schools and trusts (0013-trusts, store_trusts.c and store_users.c) ---- */

#define STORE_TRUST_MAX 120
/* The trust of that name (added if new); its id in *id. */
int store_trust_add(struct store *s, const char *name, const char *at, int64_t *id);
int store_school_set_trust(struct store *s, int64_t school_id, int64_t trust_id);
/* The school's trust (id and name); 1 if it has none. */
int store_school_trust(struct store *s, int64_t school_id, int64_t *trust_id, char *name,
		       size_t len);
/* The schools of a trust, by name. */
int store_trust_schools_each(struct store *s, int64_t trust_id, store_school_cb cb, void *ctx);
/* The schools a user may choose (home, those they belong to, and every
 * school of the trust for the trust roles), by name, with the user's role
 * in each. */
typedef int (*store_user_school_cb)(void *ctx, const struct school_rec *school, const char *role);
int store_user_schools_each(struct store *s, int64_t user_id, store_user_school_cb cb, void *ctx);
/* The user as they are in another school: their role there and their forms
 * and years there; 1 if they do not belong to it. */
int store_user_in_school(struct store *s, struct user_rec *u, int64_t school_id);
/* Adds the user (u->id) to the school u->school_id with u->role and u's
 * forms and years there. */
int store_user_school_add(struct store *s, const struct user_rec *u, const char *by, const char *at);
/* The sign-in session now works in another school. */
int store_websession_set_school(struct store *s, const char *token_hash, int64_t school_id);

#endif
