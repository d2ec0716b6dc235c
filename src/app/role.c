#include "app/role.h"

#include <ctype.h>
#include <string.h>

static const struct {
	const char *name, *label;
} roles[ROLE__MAX] = {
	[ROLE_ADMIN] = {"admin", "Administrator"},
	[ROLE_ATTENDANCE_LEAD] = {"attendance_lead", "Attendance lead"},
	[ROLE_OFFICE] = {"office", "Office"},
	[ROLE_HEAD_OF_YEAR] = {"head_of_year", "Head of year"},
	[ROLE_TEACHER] = {"teacher", "Teacher"},
	[ROLE_GOVERNOR] = {"governor", "Governor"},
	[ROLE_PARENT] = {"parent", "Parent"},
	[ROLE_DSL] = {"dsl", "Designated safeguarding lead"},
	[ROLE_HEAD] = {"head", "Head teacher"},
	[ROLE_PUPIL] = {"pupil", "Pupil"},
};

const char *role_name(enum role r)
{
	return (unsigned)r < ROLE__MAX ? roles[r].name : "?";
}

const char *role_label(enum role r)
{
	return (unsigned)r < ROLE__MAX ? roles[r].label : "?";
}

int role_parse(const char *text)
{
	for (int r = 0; text && r < ROLE__MAX; r++)
		if (strcmp(roles[r].name, text) == 0)
			return r;
	return -1;
}

bool account_username_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n >= STORE_USER_MAX)
		return false;
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._-@", *p))
			return false;
	return true;
}

int account_from_user(struct account *a, const struct user_rec *u)
{
	memset(a, 0, sizeof *a);
	int r = role_parse(u->role);
	if (r < 0)
		return -1;
	a->id = u->id;
	a->school_id = u->school_id;
	a->role = (enum role)r;
	memcpy(a->username, u->username, sizeof a->username);
	a->n_forms = u->n_forms;
	a->n_years = u->n_years;
	memcpy(a->forms, u->forms, sizeof a->forms);
	memcpy(a->years, u->years, sizeof a->years);
	return 0;
}

bool account_whole_school(const struct account *a)
{
	return ROLE_BIT(a->role) & ROLES_WHOLE_SCHOOL;
}

bool account_identifies_pupils(const struct account *a)
{
	return ROLE_BIT(a->role) & (ROLES_STAFF | ROLES_SAFEGUARDING);
}

bool account_takes_registers(const struct account *a)
{
	return ROLE_BIT(a->role) & ROLES_STAFF;
}

bool account_overrides_late(const struct account *a)
{
	return account_whole_school(a);
}

bool account_has_form(const struct account *a, const char *form)
{
	for (int i = 0; i < a->n_forms; i++)
		if (strcmp(a->forms[i], form) == 0)
			return true;
	return false;
}

bool account_has_year(const struct account *a, int year)
{
	for (int i = 0; i < a->n_years; i++)
		if (a->years[i] == year)
			return true;
	return false;
}

bool account_sees_row(const struct account *a, const struct engine *e, int row)
{
	const struct pupil_row *r = &e->m.rows[row];
	switch (a->role) {
	case ROLE_ADMIN:
	case ROLE_ATTENDANCE_LEAD:
	case ROLE_OFFICE:
	case ROLE_HEAD:
	case ROLE_DSL:
		return true;
	case ROLE_HEAD_OF_YEAR:
		return account_has_year(a, r->year);
	case ROLE_TEACHER:
		return account_has_form(a, e->m.forms[r->form]);
	default:
		return false;
	}
}

bool account_sees_form(const struct account *a, const struct engine *e, int form, date_t day)
{
	if (form < 0 || form >= e->m.n_forms)
		return false;
	switch (a->role) {
	case ROLE_ADMIN:
	case ROLE_ATTENDANCE_LEAD:
	case ROLE_OFFICE:
	case ROLE_HEAD:
		return true;
	case ROLE_TEACHER:
		return account_has_form(a, e->m.forms[form]);
	case ROLE_HEAD_OF_YEAR:
		for (int r = 0; r < e->m.n_rows; r++) {
			const struct pupil_row *p = &e->m.rows[r];
			if (p->form == form && p->admitted <= day && day <= p->left &&
			    account_has_year(a, p->year))
				return true;
		}
		return false;
	default:
		return false;
	}
}
