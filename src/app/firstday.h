/* The first-day response for the web app and the CLI: the school's
 * settings for it, the day's queue (every pupil absent with no reason, the
 * step due now, who does it, what has been done), recording a step
 * (time-stamped, written to the contact log), and the N marks overdue.
 * The rules themselves are in core/firstday. */
#ifndef ATTEND_APP_FIRSTDAY_H
#define ATTEND_APP_FIRSTDAY_H

#include "app/error.h"
#include "app/marks.h"
#include "core/firstday.h"
#include "engine/engine.h"

#define SETTING_FD_MESSAGE_BY "first_day_message_by"
#define SETTING_FD_CALLS_BY "first_day_calls_by"
#define SETTING_FD_VISIT_BY "first_day_visit_by"
#define SETTING_ESCALATION "escalation"
/* The built-in templates of the first-day message: a text, else an email. */
#define FD_TEMPLATE_SMS "first-day-absence"
#define FD_TEMPLATE_EMAIL "first-day-absence-email"

/* The school's settings (the seeds' defaults when not set); a stored value
 * that breaks its rule is an error naming the setting. With key and value
 * given, as if that setting had that value (to check one before saving). */
int firstday_settings_load(struct store *s, int64_t school_id, const char *key, const char *value,
			   struct fd_settings *out, struct app_error *err);

/* Why a pupil goes first: bits of FD_FLAG_*. */
#define FD_FLAG_SAFEGUARDING 1u
#define FD_FLAG_CP 2u
#define FD_FLAG_CIN 4u
#define FD_FLAG_LOOKED_AFTER 8u
unsigned firstday_flags(const struct pupil_row *p);
/* "safeguarding, child protection plan" */
void firstday_flags_text(unsigned flags, char *buf, size_t len);

struct firstday_item {
	int row;
	bool n[SESSION__MAX]; /* N in that session */
	int run;              /* school days in a row with an N, up to this day */
	int escalation;       /* enum esc_who of the run's day, or -1 */
	unsigned flags;       /* FD_FLAG_* */
	int contacts, working; /* contacts, and those the school can phone */
	int first_contact;     /* priority of the first working contact, 0: none */
	struct fd_progress progress;
	struct fd_due due;
	int first_action, n_actions; /* the day's actions, in list->actions */
	int64_t task_id;             /* the escalation task of the day, 0: none */
	char task_state[8];
	char task_role[STORE_ROLE_MAX];
};

struct firstday_overdue {
	int row;
	date_t date;
	enum session session;
	int school_days; /* since the absence */
};

struct firstday_list {
	date_t day;
	int minute; /* the time of day it was made at; 24 * 60 for a day gone */
	struct fd_settings settings;
	struct firstday_item *items; /* with an N now, in the queue's order */
	int n;
	struct firstday_item *resolved; /* acted on that day, and no N left */
	int n_resolved;
	struct first_day_action_rec *actions;
	int n_actions;
	struct firstday_overdue *overdue; /* N marks not replaced in 5 school days */
	int n_overdue;
};

/* The queue of day as of today at minute `now`, from the engine (a
 * request's view of it) and the store; every pupil on roll with an N. */
int firstday_list_build(const struct engine *e, date_t day, date_t today, int now,
			struct firstday_list *out, struct app_error *err);
void firstday_list_free(struct firstday_list *l);
/* The N marks of this school year up to today that are overdue, oldest
 * first (only those; the queue is built without them). */
int firstday_overdue_build(const struct engine *e, date_t today, struct firstday_overdue **out,
			   int *n, struct app_error *err);

/* One step done for a pupil today. */
struct firstday_step {
	const char *upn;
	enum fd_result result;
	int contact_priority; /* calls: the contact called; sent: the one messaged */
	const char *note;     /* required where fd_result_needs_note */
	int64_t outbox_id;    /* sent: the message in the outbox */
};
/* Checks a step against the register and the pupil's contacts without
 * writing: the pupil has an N today, the result's note, the contact called.
 * *row is the pupil's enrolment today. */
int firstday_check(const struct engine *e, const struct firstday_step *st, date_t today, int *row,
		   struct app_error *err);
/* Records a step inside the engine's open transaction: a call or a visit
 * in the contact log too; a second message or visit decision the same day
 * is refused (409). */
int firstday_record_write(struct engine *e, const struct firstday_step *st, const struct actor *who,
			  date_t today, int64_t *action_id, struct app_error *err);

#endif
