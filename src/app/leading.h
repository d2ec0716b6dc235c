/* Leading attendance (issue 13): what the self-assessment, the action
 * plan, the monitoring schedule, the digests and recognition share: the
 * context they read the school in, the built-ins every school starts
 * with (the toolkit's Annex B questions and Annex C tasks, the usual
 * awards), the facts of a day's registers, and the evidence attend offers
 * beside a self-assessment question. */
#ifndef ATTEND_LEADING_H
#define ATTEND_LEADING_H

#include <stdbool.h>

#include "app/error.h"
#include "app/register.h"
#include "core/stats.h"
#include "engine/engine.h"
#include "store/store_leading.h"

/* Where casework's intervention impact figures live (issue 7): the
 * self-assessment links to them. */
#define LEADING_IMPACT_PATH "/casework/impact"
/* The view log's names (store_view_log_add). family_view: a parent or a
 * pupil shown a child's attendance by the families' pages (issue 12). */
#define VIEW_FORM "form_view"
#define VIEW_YEAR "year_view"
#define VIEW_DASHBOARD "dashboard"
#define VIEW_GOVERNORS "governor_report"
#define VIEW_FAMILY "family_view"

/* How leading reads the school at a moment. */
struct leading_ctx {
	const struct engine *e; /* the calendar and the register (under the caller's lock) */
	struct store *s;        /* the connection to read (and, in a transaction, write) with */
	date_t today;
	int minute; /* of today, school-local */
	const struct register_settings *rs;
	const char *public_url; /* "https://attend.school.example" for links in emails; "" none */
};
/* The school's settings leading reads: public_url. */
int leading_ctx_settings(struct leading_ctx *x, char *public_url, size_t len, struct app_error *err);

/* Adds the built-in questions, schedule tasks and awards the school does
 * not have (a school's edits and retirements are kept), in its own
 * transaction; *added says how many. */
int leading_seed(struct store *s, int64_t school_id, const char *at, int *added,
		 struct app_error *err);

/* ---- a day's registers ---- */

#define REG_LIST_MAX 64
struct reg_item {
	int form; /* index into the matrix's forms */
	enum session session;
	int minute; /* taken at (school-local); -1 when not taken through a register */
};
struct reg_day {
	date_t day;
	bool over; /* the day's last register has closed */
	int total, taken, late, not_taken;
	struct reg_item late_v[REG_LIST_MAX], not_taken_v[REG_LIST_MAX]; /* the first of each */
};
/* Every register (form and session with a pupil on roll) of day: taken
 * (the first submission of its register, or every pupil marked by other
 * means), taken after its closing time, not taken. */
int leading_registers_day(const struct leading_ctx *x, date_t day, struct reg_day *out,
			  struct app_error *err);
/* "7A AM at 09:41, 9C PM at 13:52" (at most max of them, then "and N more"). */
void leading_reg_list(const struct engine *e, const struct reg_item *v, int n, int total,
		      bool times, char *buf, size_t len);

/* ---- evidence beside a self-assessment question ---- */

struct sa_evidence {
	char figure[80];  /* the figure in short: "9 of 12 tutors" */
	char text[480];   /* the sentence */
	date_t as_of;
	char href[200];   /* where to see more ("" none) */
};
/* The evidence named key (a question's evidence); 1 when key names none. */
int leading_evidence(const struct leading_ctx *x, const char *key, struct sa_evidence *out,
		     struct app_error *err);
/* The evidence keys and what each offers, for the question editor. */
struct evidence_kind {
	const char *key, *label;
};
extern const struct evidence_kind leading_evidence_kinds[];
extern const int leading_n_evidence_kinds;

/* The whole school's figures over [from, to] (core/stats, summed). */
void leading_school_figures(const struct engine *e, date_t from, date_t to,
			    struct group_figures *g);

/* "this half-term": the half-term of today, to today; false when none. */
bool leading_half_term(const struct engine *e, date_t today, date_t *from, date_t *to);
/* [from, to] as UTC instants for comparing with stored times: from's local
 * midnight to the midnight after to. */
void leading_instants(date_t from, date_t to, char a[STORE_TIME_LEN], char b[STORE_TIME_LEN]);

#endif
