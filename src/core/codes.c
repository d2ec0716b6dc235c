#include "core/codes.h"

#include <ctype.h>
#include <string.h>

#define FUT CODE_FLAG_FUTURE_OK
#define LATE CODE_FLAG_MINUTES_LATE
#define OLD CODE_FLAG_LEGACY

/* One table, indexed by enum code: the single source of every code's text,
 * meaning and category. */
static const struct code_info codes[CODE__MAX] = {
	[CODE_NONE] = {"", "no mark yet", CAT_UNMARKED, 0, CODE_NONE},
	[CODE_PRESENT] = {"/", "present (/ morning, \\ afternoon)", CAT_PRESENT, 0, CODE_NONE},
	[CODE_L] = {"L", "late arrival before the register closed", CAT_PRESENT, LATE, CODE_NONE},
	[CODE_K] = {"K", "attending education provision arranged by the local authority", CAT_APPROVED, FUT, CODE_NONE},
	[CODE_V] = {"V", "attending an educational visit or trip", CAT_APPROVED, FUT, CODE_NONE},
	[CODE_P] = {"P", "participating in a supervised sporting activity", CAT_APPROVED, FUT, CODE_NONE},
	[CODE_W] = {"W", "attending work experience", CAT_APPROVED, FUT, CODE_NONE},
	[CODE_B] = {"B", "attending any other approved educational activity", CAT_APPROVED, FUT, CODE_NONE},
	[CODE_D] = {"D", "attending a session at another school where also registered (dual registration)", CAT_NOT_POSSIBLE, FUT, CODE_NONE},
	[CODE_C1] = {"C1", "leave: regulated performance or regulated employment abroad", CAT_AUTHORISED, FUT, CODE_NONE},
	[CODE_M] = {"M", "leave: medical or dental appointment", CAT_AUTHORISED, FUT, CODE_NONE},
	[CODE_J1] = {"J1", "leave: interview for employment or admission elsewhere", CAT_AUTHORISED, FUT, CODE_NONE},
	[CODE_S] = {"S", "leave: study leave", CAT_AUTHORISED, FUT, CODE_NONE},
	[CODE_X] = {"X", "non-compulsory school age pupil not required to attend", CAT_NOT_POSSIBLE, FUT, CODE_NONE},
	[CODE_C2] = {"C2", "leave: part-time timetable (compulsory school age)", CAT_AUTHORISED, FUT, CODE_NONE},
	[CODE_C] = {"C", "leave: exceptional circumstances", CAT_AUTHORISED, FUT, CODE_NONE},
	[CODE_T] = {"T", "parent travelling for occupational purposes", CAT_AUTHORISED, FUT, CODE_NONE},
	[CODE_R] = {"R", "religious observance", CAT_AUTHORISED, FUT, CODE_NONE},
	[CODE_I] = {"I", "illness (not a medical or dental appointment)", CAT_AUTHORISED, 0, CODE_NONE},
	[CODE_E] = {"E", "suspended or excluded, no alternative provision", CAT_AUTHORISED, FUT, CODE_NONE},
	[CODE_Q] = {"Q", "unable to attend: lack of access arrangements", CAT_NOT_POSSIBLE, FUT, CODE_NONE},
	[CODE_Y1] = {"Y1", "unable to attend: transport not available", CAT_NOT_POSSIBLE, FUT, CODE_NONE},
	[CODE_Y2] = {"Y2", "unable to attend: widespread transport disruption", CAT_NOT_POSSIBLE, FUT, CODE_NONE},
	[CODE_Y3] = {"Y3", "unable to attend: part of the school premises closed", CAT_NOT_POSSIBLE, FUT, CODE_NONE},
	[CODE_Y4] = {"Y4", "unable to attend: whole school site unexpectedly closed", CAT_NOT_POSSIBLE, FUT, CODE_NONE},
	[CODE_Y5] = {"Y5", "unable to attend: in criminal justice detention", CAT_NOT_POSSIBLE, FUT, CODE_NONE},
	[CODE_Y6] = {"Y6", "unable to attend: public health guidance or law", CAT_NOT_POSSIBLE, FUT, CODE_NONE},
	[CODE_Y7] = {"Y7", "unable to attend: any other unavoidable cause", CAT_NOT_POSSIBLE, FUT, CODE_NONE},
	[CODE_G] = {"G", "holiday not granted by the school", CAT_UNAUTHORISED, 0, CODE_NONE},
	[CODE_N] = {"N", "reason for absence not yet established", CAT_UNAUTHORISED, 0, CODE_NONE},
	[CODE_O] = {"O", "absent in other or unknown circumstances", CAT_UNAUTHORISED, 0, CODE_NONE},
	[CODE_U] = {"U", "arrived after the register closed", CAT_UNAUTHORISED, LATE, CODE_NONE},
	[CODE_Z] = {"Z", "prospective pupil not on the admission register", CAT_NOT_POSSIBLE, FUT, CODE_NONE},
	[CODE_CLOSED] = {"#", "planned whole or partial school closure", CAT_NOT_POSSIBLE, FUT, CODE_NONE},
	[CODE_LEGACY_H] = {"H", "holiday authorised by the school (withdrawn in 2024)", CAT_AUTHORISED, OLD, CODE_NONE},
	[CODE_LEGACY_J] = {"J", "interview (withdrawn in 2024; read as J1)", CAT_AUTHORISED, OLD, CODE_J1},
	[CODE_LEGACY_Y] = {"Y", "unable to attend due to exceptional circumstances (withdrawn in 2024)", CAT_NOT_POSSIBLE, OLD, CODE_NONE},
	[CODE_LEGACY_F] = {"F", "extended family holiday agreed (withdrawn)", CAT_AUTHORISED, OLD, CODE_NONE},
};

const struct code_info *code_info(enum code code)
{
	return (unsigned)code < CODE__MAX ? &codes[code] : &codes[CODE_NONE];
}

enum code_category code_category(enum code code)
{
	return code_info(code)->category;
}

enum code code_parse(const char *text)
{
	if (!text)
		return CODE_NONE;
	if (strcmp(text, "\\") == 0)
		return CODE_PRESENT;
	char up[4];
	size_t n = strlen(text);
	if (n == 0 || n >= sizeof up)
		return CODE_NONE;
	for (size_t i = 0; i <= n; i++)
		up[i] = (char)toupper((unsigned char)text[i]);
	for (int c = CODE_PRESENT; c < CODE__MAX; c++)
		if (strcmp(codes[c].text, up) == 0)
			return (enum code)c;
	return CODE_NONE;
}

const char *code_text(enum code code, enum session session)
{
	if (code == CODE_PRESENT)
		return session == SESSION_PM ? "\\" : "/";
	return code_info(code)->text;
}

bool code_allowed_on(enum code code, date_t day)
{
	if (code == CODE_NONE || (unsigned)code >= CODE__MAX)
		return false;
	if (codes[code].flags & CODE_FLAG_LEGACY)
		return day < date_parse(CODES_2024_IN_FORCE);
	return true;
}

const char *code_category_name(enum code_category cat)
{
	static const char *names[CAT__MAX] = {
		[CAT_UNMARKED] = "unmarked",
		[CAT_PRESENT] = "present",
		[CAT_APPROVED] = "approved educational activity",
		[CAT_AUTHORISED] = "authorised absence",
		[CAT_UNAUTHORISED] = "unauthorised absence",
		[CAT_NOT_POSSIBLE] = "not a possible session",
	};
	return (unsigned)cat < CAT__MAX ? names[cat] : "?";
}

const char *session_name(enum session s)
{
	return s == SESSION_PM ? "PM" : "AM";
}

int session_parse(const char *text)
{
	if (!text)
		return -1;
	if (strcasecmp(text, "AM") == 0)
		return SESSION_AM;
	if (strcasecmp(text, "PM") == 0)
		return SESSION_PM;
	return -1;
}
