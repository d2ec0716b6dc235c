/* Taking a lesson register and what follows from it, the same way from the
 * web and the API: a class's marks for one lesson checked as a whole, then
 * written in the open transaction with their history; the statutory session
 * mark derived from the registration lesson when the school registers in
 * lessons (core/lessons: the rules), through marks_write; pupils seen
 * earlier and absent now put on the office's "missing now" list, with their
 * head of year and (for flagged pupils) the DSL alerted; registers not taken
 * ten minutes into the lesson; the office's disagreements and their
 * resolution. */
#ifndef ATTEND_APP_LESSONS_H
#define ATTEND_APP_LESSONS_H

#include "app/register.h"
#include "core/lessons.h"
#include "engine/lessons.h"

/* School settings. */
#define SETTING_REGISTER_MODE "register.mode" /* "form" (default) or "lesson" */
#define LESSON_OPENS_EARLY 15                  /* minutes before the lesson starts */
#define LESSON_REMIND_AFTER 10                 /* minutes into the lesson */
enum register_mode { REGISTER_MODE_FORM, REGISTER_MODE_LESSON };
int lessons_register_mode(struct store *s, int64_t school_id, enum register_mode *out,
			  struct app_error *err);

/* The lesson a path names: /DATE/PERIOD/CLASS. */
struct lesson_ref {
	int cls;
	date_t date;
	int day;    /* school-day index */
	int period; /* index in the day */
};
/* Checks date, period and class (and that the class meets then); 404 for
 * an unknown class, 400 for the rest. */
int lessons_ref(const struct engine *e, const char *date, const char *period, const char *cls,
		struct lesson_ref *out, struct app_error *err);
/* Whether the account may see and take this class's registers: its
 * teacher, or whole-school staff. */
bool account_sees_class(const struct account *a, const struct lesson_class *c);
/* The column of a lesson in the lesson matrix. */
static inline int lessons_ref_col(const struct engine *e, const struct lesson_ref *l)
{
	return e->lessons->lay.first[l->day] + l->period;
}

struct lesson_submission {
	struct lesson_ref at;
	struct register_mark *marks; /* upn, asked, minutes_late in; code, row, col filled */
	int n_marks;
	char reason[512];
	const struct account *by;
	const char *source; /* "web", "api" */
};

struct missing_pupil {
	char upn[UPN_LEN + 1];
	char text[300]; /* "last seen in period 2 (7A/En1, room E2, ms.hughes)" */
};

#define LESSON_ALERTS_MAX 64
struct lesson_outcome {
	struct lesson_event event;
	int recorded, amended, unchanged;
	int derived; /* session marks written from the registration lesson */
	int n_missing;
	struct missing_pupil missing[LESSON_ALERTS_MAX];
	int n_alerts; /* alerts raised, for delivery after the commit */
	struct alert_rec alerts[LESSON_ALERTS_MAX];
};

/* Checks a whole lesson register before anything is written: a school day
 * and a lesson the class has, open (from 15 minutes before the lesson; a
 * lesson still to come takes only codes known in advance), each pupil in
 * the class and on roll that day, once; codes and minutes as marks_check;
 * a reason when a saved mark would change. Errors name "marks[i].field". */
int lessons_check(const struct engine *e, struct lesson_submission *sub, date_t today,
		  int minute_now, struct app_error *err);
/* Writes a checked register in the engine's open transaction (see above).
 * On failure the caller rolls back. */
int lessons_write(struct engine *e, struct lesson_submission *sub, enum register_mode mode,
		  struct lesson_outcome *out, struct app_error *err);

/* One lesson mark as the office amends it (a disagreement's resolution). */
int lessons_mark_write(struct engine *e, int row, const struct lesson_ref *at, enum code code,
		       int minutes_late, const struct actor *who, const char *reason,
		       enum mark_outcome *outcome, struct app_error *err);

/* Today's lesson registers not taken LESSON_REMIND_AFTER minutes into the
 * lesson: a reminder to each teacher (in the open transaction; an alert
 * already raised is not raised again). New alerts are appended to out. */
int lessons_remind(struct engine *e, date_t today, int minute_now, struct alert_rec *out,
		   int *n_out, int max_out, struct app_error *err);

/* ---- the office's views of a day ---- */

struct lesson_slot {
	int cls, period;      /* a class's lesson of the day */
	bool taken;
	char taken_by[STORE_USER_MAX];
	char taken_at[STORE_TIME_LEN];
	int pupils, marked, absent;
	bool overdue;         /* not taken LESSON_REMIND_AFTER minutes in */
};
/* The lessons of a day (every class, or only those the account sees), in
 * time order. *out malloc'd. Reads events through rd. */
int lessons_of_day(const struct engine *e, struct store *rd, const struct account *who,
		   date_t day, int minute_now, date_t today, struct lesson_slot **out, int *n,
		   struct app_error *err);

struct disagreement_item {
	int row, period;
	enum disagreement kind;
	enum code session, lesson;
	int lesson_minutes;
	int cls;
};
/* Every disagreement of a day between lesson marks and session marks, in
 * the rows the account sees. *out malloc'd. */
int lessons_disagreements(const struct engine *e, const struct account *who, date_t day,
			  struct disagreement_item **out, int *n, struct app_error *err);
/* "present at registration (AM /), absent with no reason from period 3 (7A/Ma1)" */
char *lessons_disagreement_text(const struct engine *e, date_t day,
				const struct disagreement_item *d, char *buf, size_t len);

/* The office's decision on a disagreement: new codes for the session
 * and/or the lesson (CODE_NONE: keep), with a reason. After it the two
 * must agree. */
struct resolution {
	char upn[UPN_LEN + 1];
	struct lesson_ref at;
	enum code session, lesson;
	int session_minutes, lesson_minutes; /* -1: none */
	char reason[512];
	const struct account *by;
};
int lessons_resolve(struct engine *e, const struct register_settings *rs,
		    const struct resolution *res, struct app_error *err);

/* Alerts a person sees: the office's for whole-school staff (all of them
 * for admin and the attendance lead), a head of year's for their years,
 * the DSL's, a teacher's own reminders. */
bool account_sees_alert(const struct account *a, const struct alert_rec *al);

/* Where alerts go once committed: the web log now; the communications
 * module plugs email in here. */
typedef void (*alert_delivery_fn)(void *ctx, const struct alert_rec *a);
void alerts_set_delivery(alert_delivery_fn fn, void *ctx);
void alerts_deliver(const struct alert_rec *a, int n);

#endif
