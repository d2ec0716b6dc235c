/* Taking a register: a whole form's marks for one session, checked as a
 * whole before anything is written, then written in one transaction. Each
 * mark goes through marks_check/marks_write (the register's rules); this
 * adds what only a register knows: its form, the closing time, who took it. */
#ifndef ATTEND_REGISTER_H
#define ATTEND_REGISTER_H

#include <stdbool.h>

#include "app/error.h"
#include "app/marks.h"
#include "app/role.h"
#include "engine/engine.h"

/* School settings of the register (settings table, with defaults). */
#define REGISTER_CODES_MAX 16
struct register_settings {
	int start[SESSION__MAX], close[SESSION__MAX]; /* minutes after midnight */
	int n_codes;
	enum code codes[REGISTER_CODES_MAX]; /* the school's most used codes */
};
#define SETTING_AM_START "register.am.start"
#define SETTING_AM_CLOSE "register.am.close"
#define SETTING_PM_START "register.pm.start"
#define SETTING_PM_CLOSE "register.pm.close"
#define SETTING_CODES "register.codes"
/* A register opens this long before its session starts. */
#define REGISTER_OPENS_EARLY 15

int register_settings_load(struct store *s, int64_t school_id, struct register_settings *out,
			   struct app_error *err);
/* "09:30" */
char *register_time_text(int minutes, char out[6]);

struct register_mark {
	char upn[UPN_LEN + 1];
	enum code code;   /* as it will be recorded */
	enum code asked;  /* as submitted (L that became U: asked L, code U) */
	int minutes_late; /* -1: not given */
	int row, col;
	/* Its first version, made by register_check when the cell was empty
	 * (the writer takes it if the cell still is). */
	struct mark_ahead ahead;
};

struct register_submission {
	int form; /* index into e->m.forms */
	date_t date;
	enum session session;
	struct register_mark *marks;
	int n_marks;
	char reason[512];
	const struct account *by;
	const char *source; /* "web", "api" */
};

struct register_outcome {
	struct register_event event; /* kind: taken or amended */
	int recorded, amended, unchanged;
	bool late_overridden;
};

/* The register's form by name; -1 with a 404 error if there is none. */
int register_form(const struct engine *e, const char *form, struct app_error *err);
/* Checks every mark (marks_check, the form, no pupil twice, the closing
 * time: L after it becomes U unless the account may override and gave a
 * reason) and that a reason is given if any mark changes one recorded
 * before. Changes nothing but sub->marks[i].code/row/col. Errors name the
 * field as "marks[i].upn". */
int register_check(const struct engine *e, const struct register_settings *rs,
		   struct register_submission *sub, date_t today, int minute_now,
		   struct app_error *err);
/* Writes a checked submission in the engine's open transaction: each mark
 * through marks_write, then the register event. On failure the caller rolls
 * back: nothing of the submission may stay. */
int register_write(struct engine *e, const struct register_settings *rs,
		   struct register_submission *sub, struct register_outcome *out,
		   struct app_error *err);

#endif
