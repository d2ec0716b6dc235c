/* The notifications the law and the guidance expect a school to send, as
 * pure rules (no I/O): which ones there are, who gets them, what raises
 * them and by when they are due, counted in the calendar's school days.
 *
 *  - to the local authority: a pupil absent without authorisation on 10
 *    school days in a row (Working together to improve school attendance);
 *    a pupil who will miss 15 school days or more through illness, in a row
 *    or in the school year (the LA's duty to arrange education, s19
 *    Education Act 1996); every addition to and deletion from the
 *    admission register, with the ground (the 2024 regulations, regulation
 *    13); the joint enquiries before deleting a pupil after 20 school days
 *    of unauthorised absence (regulation 9(1)(i), children missing
 *    education);
 *  - to a pupil's social worker, and for a looked-after child the virtual
 *    school: an unexplained absence, on its first day.
 *
 * Runs are counted over the register's columns, which are school days
 * only: a weekend, a half-term, an INSET day or a bank holiday neither
 * counts nor breaks a run. The thresholds and codes are school settings
 * (struct notice_settings); the defaults are the guidance's. */
#ifndef ATTEND_NOTICES_H
#define ATTEND_NOTICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/codes.h"

enum notice_kind {
	NOTICE_UNAUTHORISED,   /* LA: N school days in a row without authorisation */
	NOTICE_ILLNESS,        /* LA: will miss N school days through illness */
	NOTICE_ADMISSION,      /* LA: a pupil added to the admission register */
	NOTICE_DELETION,       /* LA: a pupil's name deleted, with the ground */
	NOTICE_CME,            /* LA: joint enquiries before deleting (children missing education) */
	NOTICE_SOCIAL_WORKER,  /* the pupil's social worker: an unexplained absence, day 1 */
	NOTICE_VIRTUAL_SCHOOL, /* the virtual school, for a looked-after child: the same */
	NOTICE__MAX
};

/* Who a notification goes to. */
enum notice_to { NOTICE_TO_LA, NOTICE_TO_SOCIAL_WORKER, NOTICE_TO_VIRTUAL_SCHOOL };

const char *notice_kind_name(enum notice_kind k);  /* "unauthorised", ... */
const char *notice_kind_label(enum notice_kind k); /* "Absent 10 school days in a row" */
int notice_kind_parse(const char *name);           /* -1 if none */
enum notice_to notice_recipient(enum notice_kind k);
const char *notice_recipient_label(enum notice_kind k); /* "Local authority", ... */
/* The law or guidance behind it, in a phrase. */
const char *notice_basis(enum notice_kind k);
/* The contact relationship (contacts' `relationship`) that receives it:
 * "social worker", "virtual school"; NULL for the local authority. */
const char *notice_relationship(enum notice_kind k);
/* School days after the day it is raised by which it is due: 0 the same
 * day (a first-day absence; a deletion, due before the name goes), 1 the
 * next school day, 5 for an addition ("within five days"). */
int notice_due_days(enum notice_kind k);

/* A set of codes, one bit each (CODE__MAX <= 64). */
typedef uint64_t code_set;
#define CODE_BIT(c) ((code_set)1 << (c))

#define NOTICE_DAYS_MAX 100
struct notice_settings {
	bool enabled[NOTICE__MAX];  /* notify_kinds */
	int unauthorised_days;      /* notify_unauthorised_days: 10 */
	int illness_days;           /* notify_illness_days: 15 */
	int cme_days;               /* notify_cme_days: 20 */
	code_set unauthorised;      /* notify_unauthorised_codes: G, N, O */
	code_set illness;           /* notify_illness_codes: I, M */
	char la_assignee[64];       /* notify_la_assignee: a role or a username */
	char safeguarding_assignee[64]; /* notify_safeguarding_assignee: dsl */
	date_t since;               /* notify_since: nothing before it is raised
				       (DATE_INVALID: the start of the school year) */
};
void notice_settings_default(struct notice_settings *s);
/* "G,N,O": codes of the register; NULL, or the rule it breaks. */
const char *notice_parse_codes(const char *text, code_set *out);
void notice_codes_text(code_set set, char *buf, size_t len);
/* "unauthorised,illness,...": the kinds turned on; NULL or the rule. */
const char *notice_parse_kinds(const char *text, bool enabled[NOTICE__MAX]);
void notice_kinds_text(const bool enabled[NOTICE__MAX], char *buf, size_t len);

/* ---- runs of absence over one pupil's row ----
 * cells: the codes of the row's session columns (2 a school day), as the
 * register has them with any known future codes laid over; the pupil is on
 * roll for the columns [first_col, end_col). */
struct notice_row {
	const uint8_t *cells;
	int first_col, end_col;
};
/* Whether school day `day` counts in a run of absence with codes in `set`:
 * 1 when every session of it that is marked has a code in the set and at
 * least one is (this morning's N counts before the afternoon's register is
 * taken); 0 when it breaks the run (a session with another code, or no
 * mark at all, or not on roll). */
int notice_day_counts(const struct notice_row *r, int day, code_set set);
/* The run of counting days that holds `day`: its first and last school-day
 * index and its length (0 when `day` does not count). */
struct notice_run {
	int first, last, days;
};
struct notice_run notice_run_at(const struct notice_row *r, int day, code_set set);
/* The run ending on `day` (counting back only). */
struct notice_run notice_run_to(const struct notice_row *r, int day, code_set set);

/* Illness: sessions with a code in `set` over the school days [d0, d1)
 * (limited to the time on roll), as whole days (sessions / 2, rounded
 * down), and the longest run of counting days among them. */
struct notice_illness {
	int sessions, days;
	struct notice_run longest;
};
void notice_illness(const struct notice_row *r, int d0, int d1, code_set set,
		    struct notice_illness *out);

/* ---- what raises each one (the settings' thresholds) ---- */

/* A run of unauthorised absence reaching the threshold on `day` (the run
 * ending on it): 1 with *run filled in. Raised once per run, keyed on its
 * first day. */
int notice_unauthorised_due(const struct notice_settings *s, const struct notice_row *r, int day,
			    struct notice_run *run);
/* The same at the CME threshold (20 days, codes G, N, O whatever the
 * unauthorised setting says: regulation 9(1)(i) names them). */
int notice_cme_due(const struct notice_settings *s, const struct notice_row *r, int day,
		   struct notice_run *run);
/* Illness over the school year [d0, d1) of school days, future known days
 * included: 1 when the year's total or a run reaches the threshold. */
int notice_illness_due(const struct notice_settings *s, const struct notice_row *r, int d0, int d1,
		       struct notice_illness *ill);
/* The school day of [d0, d1) on which illness first reaches the threshold
 * (the year's sessions so far as whole days, or a run), or -1. */
int notice_illness_met_on(const struct notice_settings *s, const struct notice_row *r, int d0,
			  int d1);
/* The codes regulation 9(1)(i) counts: G, N and O. */
code_set notice_cme_codes(void);

/* The day a notification raised on `raised` is due: that many school days
 * after it (0: the same day), passing over days that are not school days;
 * beyond the calendar, weekdays count. */
date_t notice_due_date(const struct calendar *cal, date_t raised, int school_days);

/* ---- the admission register ---- */

/* The grounds for deleting a pupil's name from the admission register
 * (the School Attendance (Pupil Registration) (England) Regulations 2024,
 * regulation 9(1) for pupils of compulsory school age, 9(3) for others). */
struct leaving_ground {
	const char *code;  /* "9(1)(a)" */
	const char *name;  /* "another_school": what the CSV and forms may say */
	const char *label; /* "Registered at another school" */
};
int leaving_ground_count(void);
const struct leaving_ground *leaving_ground_at(int i);
/* By its code ("9(1)(a)", any case) or name ("another_school"); NULL if none. */
const struct leaving_ground *leaving_ground_find(const char *text);
/* The ground of regulation 9(1)(i), which the CME notice precedes. */
#define LEAVING_GROUND_CME "9(1)(i)"

/* An addition the LA is not told of: a pupil admitted at the start of the
 * school's youngest year (on or before the first school day of the
 * academic year, in its lowest year group). */
bool notice_addition_exempt(int year, int youngest_year, date_t admitted,
			    date_t first_school_day);
/* A deletion the LA is not told of: a pupil leaving at the end of the
 * school's final year (in its highest year group, leaving on or after the
 * last school day of the academic year). */
bool notice_deletion_exempt(int year, int final_year, date_t left, date_t last_school_day);

#endif
