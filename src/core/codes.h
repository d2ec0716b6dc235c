/* The DfE attendance and absence codes (School Attendance (Pupil Registration)
 * (England) Regulations 2024) and the statistical category of each.
 * A code is one byte: the register matrix stores enum code values directly. */
#ifndef ATTEND_CODES_H
#define ATTEND_CODES_H

#include <stdbool.h>

#include "core/date.h"

enum session { SESSION_AM, SESSION_PM, SESSION__MAX };

enum code {
	CODE_NONE = 0, /* no mark yet: "unmarked" */
	CODE_PRESENT,  /* '/' in the morning, '\' in the afternoon */
	CODE_L,
	CODE_K,
	CODE_V,
	CODE_P,
	CODE_W,
	CODE_B,
	CODE_D,
	CODE_C1,
	CODE_M,
	CODE_J1,
	CODE_S,
	CODE_X,
	CODE_C2,
	CODE_C,
	CODE_T,
	CODE_R,
	CODE_I,
	CODE_E,
	CODE_Q,
	CODE_Y1,
	CODE_Y2,
	CODE_Y3,
	CODE_Y4,
	CODE_Y5,
	CODE_Y6,
	CODE_Y7,
	CODE_G,
	CODE_N,
	CODE_O,
	CODE_U,
	CODE_Z,
	CODE_CLOSED, /* '#' */
	/* Withdrawn codes: readable in history from before the 2024 regulations. */
	CODE_LEGACY_H,
	CODE_LEGACY_J,
	CODE_LEGACY_Y,
	CODE_LEGACY_F,
	CODE__MAX
};

enum code_category {
	CAT_UNMARKED,
	CAT_PRESENT,
	CAT_APPROVED, /* approved educational activity: counts as attendance */
	CAT_AUTHORISED,
	CAT_UNAUTHORISED,
	CAT_NOT_POSSIBLE,
	CAT__MAX
};

enum code_flag {
	CODE_FLAG_LEGACY = 1u << 0,     /* refused on marks from 19 August 2024 */
	CODE_FLAG_FUTURE_OK = 1u << 1,  /* may be recorded before the session happens */
	CODE_FLAG_MINUTES_LATE = 1u << 2 /* a late arrival: carries minutes late */
};

struct code_info {
	const char *text;    /* as written in the register */
	const char *meaning; /* the regulations' wording, shortened */
	enum code_category category;
	unsigned flags;
	enum code reads_as; /* legacy codes: the 2024 code they are counted as */
};

/* The 2024 regulations came into force on this day; legacy codes are
 * refused on sessions from it onwards. */
#define CODES_2024_IN_FORCE "2024-08-19"

const struct code_info *code_info(enum code code);
enum code_category code_category(enum code code);
/* Parses a register code ("/", "\", "L", "C1", "#", ...; letters in either
 * case). Returns CODE_NONE for anything that is not a code. */
enum code code_parse(const char *text);
/* The code as written for that session ('/' and '\' for present). */
const char *code_text(enum code code, enum session session);
/* Whether the code may be written for a session on that day. */
bool code_allowed_on(enum code code, date_t day);
const char *code_category_name(enum code_category cat);
/* "AM"/"PM" and back; -1 if the text is neither. */
const char *session_name(enum session s);
int session_parse(const char *text);

_Static_assert(CODE__MAX <= 64, "a cell holds a code in its low 6 bits");

#endif
