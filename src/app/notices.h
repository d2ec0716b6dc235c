/* The notifications the law and the guidance expect (core/notices has the
 * rules): raised from the register, each goes to a named person's task
 * list with its deadline, and is recorded when it is sent.
 *
 * Raised at commit time, in the transaction of the write that makes them
 * due: today's marks (marks_write calls notices_after_mark), a family's
 * absence report (notices_after_report: illness known in advance), a pupil
 * added to or leaving the admission register (notices_after_enrolment).
 * `attend notifications run` (notices_run) raises whatever is due and was
 * not raised, for writes that do not raise them (marks of earlier days,
 * imported history) or before the settings changed. A notification is
 * never raised twice: the store keeps one per pupil, kind and key date.
 *
 * Sent: to a social worker or virtual school through the outbox (an email
 * from a built-in template); to the local authority in a CSV file for its
 * portal (notices_la_file), recorded with the file's name and SHA-256; or
 * recorded as told another way (a call), or dismissed with why. */
#ifndef ATTEND_APP_NOTICES_H
#define ATTEND_APP_NOTICES_H

#include <jansson.h>

#include "app/error.h"
#include "app/marks.h"
#include "core/notices.h"
#include "engine/engine.h"

#define SETTING_NOTIFY_KINDS "notify_kinds"
#define SETTING_NOTIFY_UNAUTHORISED_DAYS "notify_unauthorised_days"
#define SETTING_NOTIFY_ILLNESS_DAYS "notify_illness_days"
#define SETTING_NOTIFY_CME_DAYS "notify_cme_days"
#define SETTING_NOTIFY_UNAUTHORISED_CODES "notify_unauthorised_codes"
#define SETTING_NOTIFY_ILLNESS_CODES "notify_illness_codes"
#define SETTING_NOTIFY_LA_ASSIGNEE "notify_la_assignee"
#define SETTING_NOTIFY_SAFEGUARDING_ASSIGNEE "notify_safeguarding_assignee"
#define SETTING_NOTIFY_SINCE "notify_since"
/* The built-in templates of the first-day notices (email). */
#define NOTICE_TEMPLATE_SOCIAL_WORKER "notice-social-worker"
#define NOTICE_TEMPLATE_VIRTUAL_SCHOOL "notice-virtual-school"

/* Whether key is one of the settings above. */
bool notices_is_setting(const char *key);
/* The school's settings (defaults when not set); a stored value that breaks
 * its rule is an error naming it. With key and value given, as if that
 * setting had that value (to check one before saving). */
int notices_settings_load(struct store *s, int64_t school_id, const char *key, const char *value,
			  struct notice_settings *out, struct app_error *err);

/* ---- raising (inside the caller's open transaction) ---- */

/* After marks_write has written a session's mark (`before` what the
 * session had): a mark for today may complete a run (unauthorised, CME),
 * add to illness, or start an unexplained absence (the social worker's
 * notice); a reason replacing an N withdraws the first-day notices of that
 * day not yet sent. Other marks cost nothing. */
int notices_after_mark(struct engine *e, int row, const struct mark_input *in, enum code before,
		       const struct actor *who, struct app_error *err);
/* After an absence report of the pupil (row) was written: illness known in
 * advance may reach the threshold. */
int notices_after_report(struct engine *e, int row, const struct actor *who,
			 struct app_error *err);
/* After an enrolment was saved: added (a new entry in the admission
 * register) or leaving (its leaving date set now). ground is the
 * regulation's ground ("9(1)(a)"; NULL or "" when not given), kept for the
 * enrolment when it differs from the one it has (also with neither added
 * nor leaving: a ground recorded after the pupil left); detail what else
 * was said (the new school). The enrolment need not be in the engine yet
 * (an import reloads it after the commit). */
int notices_after_enrolment(struct engine *e, const struct pupil_rec *p, bool added, bool leaving,
			    const char *ground, const char *detail, const struct actor *who,
			    struct app_error *err);

/* Raises every notification due on or before today that was not raised
 * (one transaction); *raised counts them. */
int notices_run(struct engine *e, date_t today, const struct actor *who, int *raised,
		struct app_error *err);

/* ---- sending ---- */

/* A first-day notice (social worker, virtual school) sent now: the email
 * to the contact through the outbox, inside the open transaction. */
int notices_send_write(struct engine *e, int64_t id, const char *by, struct app_error *err);
/* Told another way (a call, a meeting: note says how), or dismissed (not
 * needed: note says why). */
int notices_finish_write(struct engine *e, int64_t id, bool dismiss, const char *note,
			 const char *by, struct app_error *err);
/* The local authority's file: every open notification to the LA (of one
 * kind, or kind < 0: all) as CSV, each recorded as sent in that file (its
 * name and the SHA-256 of csv) inside the open transaction. A deletion
 * whose ground is not recorded yet waits (*waiting counts them). *csv is
 * malloc'd; *n counts the notifications in it (0: nothing written). */
int notices_la_file_write(struct engine *e, int kind, const char *file_name, const char *by,
			  char **csv, size_t *len, int *n, int *waiting, struct app_error *err);
/* The CSV's header row. */
extern const char notices_la_file_header[];

/* Notifications as JSON: {"notifications":[{"id","kind","label","to","upn",
 * "name","year","form","key_date","trigger_date","due_date","overdue",
 * "days","detail","ground","contact","state","sent_via","outbox_status",
 * "file","done_by","done_at","outcome","task"}]}, state NULL for all,
 * upn NULL for every pupil. */
json_t *notices_json(const struct engine *e, const char *state, const char *upn, date_t today,
		     struct app_error *err);

/* The latest leaving ground of an enrolment ("" when none). */
int notices_ground_of(struct store *s, int64_t school_id, int64_t enrolment_id, char out[16],
		      struct app_error *err);

#endif
