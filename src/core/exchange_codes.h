/* How the formats attend exchanges data in write the register's codes: the
 * Common Transfer File's one-character AttendanceMarks and the school
 * census's AttendanceReason values. This is the one table of those rules;
 * everything that reads or writes these formats asks it, so a change to a
 * stand-in (where the public record is unclear) is made here and only here. */
#ifndef ATTEND_EXCHANGE_CODES_H
#define ATTEND_EXCHANGE_CODES_H

#include <stdbool.h>

#include "core/codes.h"

/* A CTF session on roll with no mark yet. */
#define CTF_MARK_UNMARKED '-'
/* A weekday in the AttendanceMarks string that was not a school day
 * (holiday, INSET, bank holiday, planned closure): read back as '#'. */
#define CTF_MARK_NO_SESSION '#'

struct exchange_code {
	char ctf;           /* the AttendanceMarks character (present: '/' AM, '\\' PM) */
	bool ctf_stand_in;  /* a single-character stand-in for a two-character code */
	bool ctf_unclear;   /* the public record does not settle this stand-in */
	const char *census; /* the census AttendanceReason, NULL if not an absence reason */
};

const struct exchange_code *exchange_code(enum code code);
/* The CTF character of a code in that session. */
char ctf_mark_char(enum code code, enum session session);
/* The code a CTF character stands for: CODE_NONE for CTF_MARK_UNMARKED,
 * -1 for a character that stands for no code. '/' and '\' both read as
 * present, whichever session they are in. */
int ctf_mark_parse(char ch);
/* The census AttendanceReason of a code, or NULL. */
const char *census_reason(enum code code);

/* The days of an AttendanceMarks string. The public record does not settle
 * whether it runs over every calendar day, every weekday or only the school's
 * days; attend writes every weekday (Monday to Friday) from
 * AttendanceStartDate, two characters a day (AM, PM), with
 * CTF_MARK_NO_SESSION for weekdays that were not school days, so a file can
 * be read without the old school's calendar. */
/* The date and session of character index of a string starting on start
 * (a weekend start counts from the Monday after). */
date_t ctf_mark_date(date_t start, int index, enum session *session);

#endif
