/* Leave of absence in term time, requested by a parent and decided by the
 * head teacher (or the roles the setting `leave_deciders` names: default
 * "head"; "head,attendance_lead" makes the attendance lead a delegate).
 *
 * Granting records the leave code the head chooses (C, exceptional
 * circumstances, by default; or C1, M, J1, S, T, R) on every school
 * session of the leave through the register's own rules: an empty session
 * or one marked N or O gets the code (an amendment that names the
 * decision), a session already marked otherwise (the pupil came in, or
 * another reason) keeps its mark, and leave_sessions says which.
 *
 * Refusing records nothing on the register. If the pupil is then absent on
 * those days, the register shows N (no reason yet) or O; those sessions are
 * listed for the office (leave_unauthorised_each: the register says absent
 * with no reason on a day of refused leave), which applies G (holiday not
 * agreed by the school) with one action, an amendment whose reason names
 * the refusal. Not automatically: a family may yet give a reason the
 * school accepts (illness with evidence), and the office decides.
 *
 * Either way the parent gets a letter (built-in templates leave-granted and
 * leave-refused, in the contact's language) that says the days and lessons
 * the leave covers; every decision is kept (leave_decisions: who, in what
 * role, when, why; append-only). */
#ifndef ATTEND_LEAVE_H
#define ATTEND_LEAVE_H

#include "app/error.h"
#include "app/family.h"

#define LEAVE_CODES "C, C1, M, J1, S, T, R"
#define LEAVE_DEFAULT_DECIDERS "head"
#define LEAVE_DAYS_AHEAD 366
#define LEAVE_TEMPLATE_GRANTED "leave-granted"
#define LEAVE_TEMPLATE_REFUSED "leave-refused"

bool leave_code_allowed(enum code c);
/* A list of roles ("head,attendance_lead") as ROLE_BIT()s; -1 with why. */
int leave_deciders_parse(const char *text, unsigned *roles, char *why, size_t why_len);
/* The setting leave_deciders (default "head"). */
int leave_deciders_load(struct store *s, int64_t school_id, unsigned *roles,
			struct app_error *err);

struct leave_request_input {
	const char *upn;
	date_t from, to;
	enum session from_session, to_session;
	const char *reason;
};
/* Checks a parent's request for their child ch (under the read lock): dates
 * from today on, school sessions on roll in them, a reason. Fills out. */
int leave_request_check(const struct engine *e, const struct family_child *ch,
			const struct leave_request_input *in, const char *lang, date_t today,
			struct leave_request_rec *out, struct app_error *err);
/* Writes it inside the engine's open transaction (409 when an open or
 * granted request of the child covers one of its sessions). */
int leave_request_write(struct engine *e, struct leave_request_rec *r, const char *lang,
			const char *by, struct app_error *err);
/* The parent withdraws a request not decided yet (kept as a decision). */
int leave_withdraw_write(struct engine *e, int64_t id, const struct account *who,
			 const char *lang, struct app_error *err);

struct leave_decision_input {
	int64_t id;
	bool grant;
	enum code code; /* granting: CODE_NONE is C */
	const char *reason;
};
/* The head teacher's (or a delegate's) decision, inside the engine's open
 * transaction: 403 for a role the setting does not name. */
int leave_decide_write(struct engine *e, const struct leave_decision_input *d,
		       const struct account *who, struct leave_decision_rec *out,
		       struct app_error *err);

/* A session of refused leave the register shows as absent with no reason. */
struct leave_unauthorised {
	int64_t request_id;
	int row;
	date_t date;
	enum session session;
	enum code code; /* N or O */
};
/* Each such session up to `upto`, by request (s reads the requests; e the
 * register). Returns how many, or -1. */
int leave_unauthorised_each(struct store *s, const struct engine *e, date_t upto,
			    int (*cb)(void *ctx, const struct leave_unauthorised *u), void *ctx,
			    struct app_error *err);
/* Applies G to those sessions of one refused request, inside the engine's
 * open transaction; *applied counts them. */
int leave_apply_g_write(struct engine *e, int64_t request_id, const struct actor *who,
			int *applied, struct app_error *err);

/* "Monday 2 March 2026 to Friday 6 March 2026" (mornings and afternoons
 * said where the leave starts or ends mid-day), in lang. */
char *leave_dates_text(const char *lang, date_t from, enum session fs, date_t to, enum session ts,
		       char *buf, size_t len);

#endif
