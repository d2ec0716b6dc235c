/* Who a signed-in person is and what their role lets them see and do. Every
 * route and every row is checked against this on the server. */
#ifndef ATTEND_ROLE_H
#define ATTEND_ROLE_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/engine.h"
#include "store/store.h"

enum role {
	ROLE_ADMIN,
	ROLE_ATTENDANCE_LEAD, /* the senior attendance champion: everything */
	ROLE_OFFICE,          /* all registers and reasons, no safeguarding notes */
	ROLE_HEAD_OF_YEAR,    /* their years */
	ROLE_TEACHER,         /* their forms */
	ROLE_GOVERNOR,        /* aggregate figures only: no names, no UPNs */
	ROLE_PARENT,          /* their own children (through the children's contacts) */
	ROLE_DSL,             /* designated safeguarding lead: alerts, every pupil's record */
	ROLE_HEAD,            /* the head teacher: the whole school; decides leave of absence */
	ROLE_PUPIL,           /* a pupil's own account: themself only */
	ROLE__MAX
};

#define ROLE_BIT(r) (1u << (r))
#define ROLES_ALL ((1u << ROLE__MAX) - 1)
#define ROLES_STAFF                                                                          \
	(ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ATTENDANCE_LEAD) | ROLE_BIT(ROLE_OFFICE) |     \
	 ROLE_BIT(ROLE_HEAD_OF_YEAR) | ROLE_BIT(ROLE_TEACHER) | ROLE_BIT(ROLE_HEAD))
#define ROLES_WHOLE_SCHOOL                                                                   \
	(ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ATTENDANCE_LEAD) | ROLE_BIT(ROLE_OFFICE) |     \
	 ROLE_BIT(ROLE_HEAD))
/* Family accounts: a parent's (their children) and a pupil's (themself). */
#define ROLES_FAMILY (ROLE_BIT(ROLE_PARENT) | ROLE_BIT(ROLE_PUPIL))

const char *role_name(enum role r);  /* "head_of_year" */
const char *role_label(enum role r); /* "Head of year" */
int role_parse(const char *text);    /* -1 if unknown */
/* A username: 1 to 63 letters, digits and . _ - @ (they appear in logs
 * and history). */
bool account_username_ok(const char *name);

/* A signed-in person. */
struct account {
	int64_t id, school_id;
	char username[STORE_USER_MAX];
	enum role role;
	int n_forms, n_years;
	char forms[STORE_SCOPE_MAX][STORE_FORM_MAX];
	int years[STORE_SCOPE_MAX];
};

/* From a stored user; -1 if the stored role is unknown. */
int account_from_user(struct account *a, const struct user_rec *u);
/* Sees every form and pupil of the school. */
bool account_whole_school(const struct account *a);
/* May see a pupil's name and UPN at all (governors and parents may not). */
bool account_identifies_pupils(const struct account *a);
/* May read every pupil's record without being whole-school staff (the DSL). */
#define ROLES_SAFEGUARDING ROLE_BIT(ROLE_DSL)
/* May take and amend registers (of the forms it sees). */
bool account_takes_registers(const struct account *a);
/* May record L after the register closed, with a reason. */
bool account_overrides_late(const struct account *a);
/* Whether the form (by name) or year group is one of the account's own. */
bool account_has_form(const struct account *a, const char *form);
bool account_has_year(const struct account *a, int year);
/* Whether the enrolment in that row is in the account's scope. */
bool account_sees_row(const struct account *a, const struct engine *e, int row);
/* Whether the form (index into e->m.forms) is in scope on that day: a
 * teacher's own form, or a form with a pupil on roll in a head of year's
 * years. */
bool account_sees_form(const struct account *a, const struct engine *e, int form, date_t day);

#endif
