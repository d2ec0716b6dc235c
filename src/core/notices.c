#include "core/notices.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name, *label, *basis, *relationship;
	enum notice_to to;
	int due_days;
} kinds[NOTICE__MAX] = {
	[NOTICE_UNAUTHORISED] = {"unauthorised", "Absent without authorisation, school days in a row",
				 "Working together to improve school attendance (2024): pupils absent "
				 "without the school's permission for a continuous period of 10 school "
				 "days or more",
				 NULL, NOTICE_TO_LA, 1},
	[NOTICE_ILLNESS] = {"illness", "Will miss school days through illness",
			    "Education Act 1996 s19: the local authority arranges education for a "
			    "pupil who will miss 15 school days or more through illness, in a row or "
			    "in a school year",
			    NULL, NOTICE_TO_LA, 1},
	[NOTICE_ADMISSION] = {"admission", "Added to the admission register",
			      "School Attendance (Pupil Registration) (England) Regulations 2024: "
			      "the local authority is told of every new entry within five days",
			      NULL, NOTICE_TO_LA, 5},
	[NOTICE_DELETION] = {"deletion", "Deleted from the admission register",
			     "School Attendance (Pupil Registration) (England) Regulations 2024: "
			     "the local authority is told of a deletion, with its ground, no later "
			     "than the name is deleted",
			     NULL, NOTICE_TO_LA, 0},
	[NOTICE_CME] = {"cme", "Joint enquiries: school days of unauthorised absence",
			"Regulation 9(1)(i) and Children missing education (2024): after 20 school "
			"days of continuous unauthorised absence the school and the local "
			"authority make reasonable enquiries before the name may be deleted",
			NULL, NOTICE_TO_LA, 1},
	[NOTICE_SOCIAL_WORKER] = {"social_worker", "Unexplained absence: the social worker",
				  "Working together to improve school attendance (2024): a pupil "
				  "with a social worker's unexplained absence is shared with them "
				  "on its first day",
				  "social worker", NOTICE_TO_SOCIAL_WORKER, 0},
	[NOTICE_VIRTUAL_SCHOOL] = {"virtual_school", "Unexplained absence: the virtual school",
				   "Working together to improve school attendance (2024): a "
				   "looked-after child's unexplained absence is shared with the "
				   "virtual school head on its first day",
				   "virtual school", NOTICE_TO_VIRTUAL_SCHOOL, 0},
};

const char *notice_kind_name(enum notice_kind k)
{
	return (unsigned)k < NOTICE__MAX ? kinds[k].name : "?";
}

const char *notice_kind_label(enum notice_kind k)
{
	return (unsigned)k < NOTICE__MAX ? kinds[k].label : "?";
}

int notice_kind_parse(const char *name)
{
	for (int k = 0; name && k < NOTICE__MAX; k++)
		if (strcmp(kinds[k].name, name) == 0)
			return k;
	return -1;
}

enum notice_to notice_recipient(enum notice_kind k)
{
	return (unsigned)k < NOTICE__MAX ? kinds[k].to : NOTICE_TO_LA;
}

const char *notice_recipient_label(enum notice_kind k)
{
	switch (notice_recipient(k)) {
	case NOTICE_TO_SOCIAL_WORKER:
		return "Social worker";
	case NOTICE_TO_VIRTUAL_SCHOOL:
		return "Virtual school";
	default:
		return "Local authority";
	}
}

const char *notice_basis(enum notice_kind k)
{
	return (unsigned)k < NOTICE__MAX ? kinds[k].basis : "";
}

const char *notice_relationship(enum notice_kind k)
{
	return (unsigned)k < NOTICE__MAX ? kinds[k].relationship : NULL;
}

int notice_due_days(enum notice_kind k)
{
	return (unsigned)k < NOTICE__MAX ? kinds[k].due_days : 0;
}

/* ---- settings ---- */

void notice_settings_default(struct notice_settings *s)
{
	memset(s, 0, sizeof *s);
	for (int k = 0; k < NOTICE__MAX; k++)
		s->enabled[k] = true;
	s->unauthorised_days = 10;
	s->illness_days = 15;
	s->cme_days = 20;
	s->unauthorised = notice_cme_codes();
	s->illness = CODE_BIT(CODE_I) | CODE_BIT(CODE_M);
	snprintf(s->la_assignee, sizeof s->la_assignee, "attendance_lead");
	snprintf(s->safeguarding_assignee, sizeof s->safeguarding_assignee, "dsl");
	s->since = DATE_INVALID;
}

code_set notice_cme_codes(void)
{
	return CODE_BIT(CODE_G) | CODE_BIT(CODE_N) | CODE_BIT(CODE_O);
}

/* Calls item(ctx, text, len) for each comma-separated item, trimmed;
 * returns its first non-zero result, or -2 for an empty item. */
static int each_item(const char *text, int (*item)(void *ctx, const char *s, size_t n), void *ctx)
{
	const char *p = text ? text : "";
	if (!*p)
		return -2;
	for (;;) {
		size_t len = strcspn(p, ",");
		const char *s = p;
		size_t n = len;
		while (n && *s == ' ') {
			s++;
			n--;
		}
		while (n && s[n - 1] == ' ')
			n--;
		if (n == 0)
			return -2;
		int rc = item(ctx, s, n);
		if (rc)
			return rc;
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

static int code_item(void *ctx, const char *s, size_t n)
{
	char buf[8];
	if (n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	enum code c = code_parse(buf);
	if (c == CODE_NONE || (code_info(c)->flags & CODE_FLAG_LEGACY))
		return -1;
	*(code_set *)ctx |= CODE_BIT(c);
	return 0;
}

const char *notice_parse_codes(const char *text, code_set *out)
{
	code_set set = 0;
	int rc = each_item(text, code_item, &set);
	if (rc == -2)
		return "a list of codes separated by commas (e.g. G,N,O), none empty";
	if (rc < 0)
		return "each is a code of the register in force (`attend codes`)";
	*out = set;
	return NULL;
}

void notice_codes_text(code_set set, char *buf, size_t len)
{
	size_t k = 0;
	buf[0] = '\0';
	for (int c = 1; c < CODE__MAX && k < len; c++)
		if (set & CODE_BIT(c))
			k += (size_t)snprintf(buf + k, len - k, "%s%s", k ? "," : "",
					      code_text((enum code)c, SESSION_AM));
}

static int kind_item(void *ctx, const char *s, size_t n)
{
	bool *enabled = ctx;
	for (int k = 0; k < NOTICE__MAX; k++)
		if (strlen(kinds[k].name) == n && strncmp(kinds[k].name, s, n) == 0) {
			enabled[k] = true;
			return 0;
		}
	if (n == 4 && strncmp(s, "none", 4) == 0)
		return 0;
	return -1;
}

const char *notice_parse_kinds(const char *text, bool enabled[NOTICE__MAX])
{
	bool on[NOTICE__MAX] = {false};
	if (each_item(text, kind_item, on) != 0)
		return "a list of unauthorised, illness, admission, deletion, cme, social_worker, "
		       "virtual_school separated by commas (or none)";
	memcpy(enabled, on, sizeof on);
	return NULL;
}

void notice_kinds_text(const bool enabled[NOTICE__MAX], char *buf, size_t len)
{
	size_t k = 0;
	buf[0] = '\0';
	for (int i = 0; i < NOTICE__MAX && k < len; i++)
		if (enabled[i])
			k += (size_t)snprintf(buf + k, len - k, "%s%s", k ? "," : "", kinds[i].name);
	if (!k)
		snprintf(buf, len, "none");
}

/* ---- runs ---- */

int notice_day_counts(const struct notice_row *r, int day, code_set set)
{
	int marked = 0;
	for (int s = 0; s < SESSION__MAX; s++) {
		int col = 2 * day + s;
		if (col < r->first_col || col >= r->end_col)
			return 0;
		uint8_t c = r->cells[col] & 63;
		if (c == CODE_NONE)
			continue;
		if (!(set & CODE_BIT(c)))
			return 0;
		marked++;
	}
	return marked > 0;
}

struct notice_run notice_run_to(const struct notice_row *r, int day, code_set set)
{
	struct notice_run run = {day + 1, day, 0};
	for (int d = day; d >= 0 && notice_day_counts(r, d, set); d--) {
		run.first = d;
		run.days++;
	}
	return run;
}

struct notice_run notice_run_at(const struct notice_row *r, int day, code_set set)
{
	struct notice_run run = notice_run_to(r, day, set);
	if (!run.days)
		return run;
	for (int d = day + 1; 2 * d + 1 < r->end_col && notice_day_counts(r, d, set); d++) {
		run.last = d;
		run.days++;
	}
	return run;
}

void notice_illness(const struct notice_row *r, int d0, int d1, code_set set,
		    struct notice_illness *out)
{
	memset(out, 0, sizeof *out);
	struct notice_run cur = {0, 0, 0};
	for (int d = d0; d < d1; d++) {
		for (int s = 0; s < SESSION__MAX; s++) {
			int col = 2 * d + s;
			uint8_t c = col >= r->first_col && col < r->end_col ? r->cells[col] & 63 : 0;
			if (c != CODE_NONE && (set & CODE_BIT(c)))
				out->sessions++;
		}
		if (notice_day_counts(r, d, set)) {
			if (!cur.days)
				cur.first = d;
			cur.last = d;
			cur.days++;
			if (cur.days > out->longest.days)
				out->longest = cur;
		} else {
			cur.days = 0;
		}
	}
	out->days = out->sessions / 2;
}

int notice_unauthorised_due(const struct notice_settings *s, const struct notice_row *r, int day,
			    struct notice_run *run)
{
	*run = notice_run_to(r, day, s->unauthorised);
	return run->days >= s->unauthorised_days;
}

int notice_cme_due(const struct notice_settings *s, const struct notice_row *r, int day,
		   struct notice_run *run)
{
	*run = notice_run_to(r, day, notice_cme_codes());
	return run->days >= s->cme_days;
}

int notice_illness_due(const struct notice_settings *s, const struct notice_row *r, int d0, int d1,
		       struct notice_illness *ill)
{
	notice_illness(r, d0, d1, s->illness, ill);
	return ill->days >= s->illness_days || ill->longest.days >= s->illness_days;
}

int notice_illness_met_on(const struct notice_settings *s, const struct notice_row *r, int d0,
			  int d1)
{
	int sessions = 0, run = 0;
	for (int d = d0; d < d1; d++) {
		for (int k = 0; k < SESSION__MAX; k++) {
			int col = 2 * d + k;
			uint8_t c = col >= r->first_col && col < r->end_col ? r->cells[col] & 63 : 0;
			sessions += c != CODE_NONE && (s->illness & CODE_BIT(c));
		}
		run = notice_day_counts(r, d, s->illness) ? run + 1 : 0;
		if (sessions / 2 >= s->illness_days || run >= s->illness_days)
			return d;
	}
	return -1;
}

date_t notice_due_date(const struct calendar *cal, date_t raised, int school_days)
{
	date_t d = raised;
	for (int left = school_days; left > 0;) {
		d++;
		bool school = cal->n_school_days && d >= cal->first && d <= cal->last
				      ? calendar_day_index(cal, d) >= 0
				      : !date_is_weekend(d);
		left -= school;
	}
	return d;
}

/* ---- the admission register ---- */

static const struct leaving_ground grounds[] = {
	{"9(1)(a)", "another_school", "Registered at another school"},
	{"9(1)(b)", "nursery_completed", "Did not continue after completing nursery education"},
	{"9(1)(c)", "other_school_agreed", "Also registered elsewhere; the other schools agreed to the deletion"},
	{"9(1)(d)", "attendance_order_amended", "School attendance order amended to name another school"},
	{"9(1)(e)", "attendance_order_revoked", "School attendance order revoked"},
	{"9(1)(f)", "home_education", "Parent notified in writing: educated otherwise than at school"},
	{"9(1)(g)", "moved_away", "No longer lives within a reasonable distance of the school"},
	{"9(1)(h)", "not_returned_from_leave", "Did not return after a leave of absence"},
	{"9(1)(i)", "missing_20_days", "Continuously absent 20 school days without authorisation, whereabouts not found after enquiries"},
	{"9(1)(j)", "detention", "Detained under a sentence of detention"},
	{"9(1)(k)", "died", "Has died"},
	{"9(1)(l)", "leaving_compulsory_age", "Will be over compulsory school age and not continuing into the sixth form"},
	{"9(1)(m)", "boarding_fees_unpaid", "Boarder whose boarding fees have not been paid"},
	{"9(1)(n)", "left_independent_school", "Ceased to be a pupil of an independent or non-maintained special school"},
	{"9(1)(o)", "permanently_excluded", "Permanently excluded"},
	{"9(3)", "not_compulsory_age", "Not of compulsory school age and no longer attending"},
};

int leaving_ground_count(void)
{
	return (int)(sizeof grounds / sizeof *grounds);
}

const struct leaving_ground *leaving_ground_at(int i)
{
	return i >= 0 && i < leaving_ground_count() ? &grounds[i] : NULL;
}

const struct leaving_ground *leaving_ground_find(const char *text)
{
	if (!text)
		return NULL;
	for (int i = 0; i < leaving_ground_count(); i++)
		if (strcasecmp(grounds[i].code, text) == 0 || strcmp(grounds[i].name, text) == 0)
			return &grounds[i];
	return NULL;
}

bool notice_addition_exempt(int year, int youngest_year, date_t admitted, date_t first_school_day)
{
	return year == youngest_year && admitted <= first_school_day;
}

bool notice_deletion_exempt(int year, int final_year, date_t left, date_t last_school_day)
{
	return year == final_year && left >= last_school_day;
}
