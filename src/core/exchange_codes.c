#include "core/exchange_codes.h"

/* The table, indexed by enum code.
 *
 * CTF AttendanceMarks hold one character per session, so the 2024
 * two-character codes need stand-ins. MIS suppliers use C1 '<', C2 '>' and
 * J1 '?'; attend does the same. For Y1..Y7 the public record we could find
 * names no characters: attend writes the digits '1'..'7' (no register code
 * is a digit, so nothing is collapsed, and each reads back as itself). That
 * choice is marked ctf_unclear; if the DfE or the suppliers settle on other
 * characters, change them here and nowhere else.
 *
 * J1 ('?') and the withdrawn J ('J') stay apart: history from before August
 * 2024 keeps its J, counted as J1 but never rewritten as J1. The same holds
 * for the old single Y and Y1..Y7.
 *
 * Census AttendanceReason: every authorised or unauthorised absence code is
 * sent under its own text (the withdrawn H, J and F only ever appear in
 * returns for periods before the 2024 regulations). Attendance, approved
 * educational activity and codes that are not possible sessions are not
 * absence reasons. */
#define CTF(ch) .ctf = (ch)
#define STAND_IN(ch) .ctf = (ch), .ctf_stand_in = true
#define UNCLEAR(ch) .ctf = (ch), .ctf_stand_in = true, .ctf_unclear = true
#define REASON(text) .census = (text)

static const struct exchange_code table[CODE__MAX] = {
	[CODE_NONE] = {CTF(CTF_MARK_UNMARKED)},
	[CODE_PRESENT] = {CTF('/')},
	[CODE_L] = {CTF('L')},
	[CODE_K] = {CTF('K')},
	[CODE_V] = {CTF('V')},
	[CODE_P] = {CTF('P')},
	[CODE_W] = {CTF('W')},
	[CODE_B] = {CTF('B')},
	[CODE_D] = {CTF('D')},
	[CODE_C1] = {STAND_IN('<'), REASON("C1")},
	[CODE_M] = {CTF('M'), REASON("M")},
	[CODE_J1] = {STAND_IN('?'), REASON("J1")},
	[CODE_S] = {CTF('S'), REASON("S")},
	[CODE_X] = {CTF('X')},
	[CODE_C2] = {STAND_IN('>'), REASON("C2")},
	[CODE_C] = {CTF('C'), REASON("C")},
	[CODE_T] = {CTF('T'), REASON("T")},
	[CODE_R] = {CTF('R'), REASON("R")},
	[CODE_I] = {CTF('I'), REASON("I")},
	[CODE_E] = {CTF('E'), REASON("E")},
	[CODE_Q] = {CTF('Q')},
	[CODE_Y1] = {UNCLEAR('1')},
	[CODE_Y2] = {UNCLEAR('2')},
	[CODE_Y3] = {UNCLEAR('3')},
	[CODE_Y4] = {UNCLEAR('4')},
	[CODE_Y5] = {UNCLEAR('5')},
	[CODE_Y6] = {UNCLEAR('6')},
	[CODE_Y7] = {UNCLEAR('7')},
	[CODE_G] = {CTF('G'), REASON("G")},
	[CODE_N] = {CTF('N'), REASON("N")},
	[CODE_O] = {CTF('O'), REASON("O")},
	[CODE_U] = {CTF('U'), REASON("U")},
	[CODE_Z] = {CTF('Z')},
	[CODE_CLOSED] = {CTF('#')},
	[CODE_LEGACY_H] = {CTF('H'), REASON("H")},
	[CODE_LEGACY_J] = {CTF('J'), REASON("J")},
	[CODE_LEGACY_Y] = {CTF('Y')},
	[CODE_LEGACY_F] = {CTF('F'), REASON("F")},
};

const struct exchange_code *exchange_code(enum code code)
{
	return (unsigned)code < CODE__MAX ? &table[code] : &table[CODE_NONE];
}

char ctf_mark_char(enum code code, enum session session)
{
	if (code == CODE_PRESENT && session == SESSION_PM)
		return '\\';
	return exchange_code(code)->ctf;
}

int ctf_mark_parse(char ch)
{
	if (ch == '\\')
		return CODE_PRESENT;
	for (int c = 0; c < CODE__MAX; c++)
		if (table[c].ctf == ch)
			return c;
	return -1;
}

const char *census_reason(enum code code)
{
	return exchange_code(code)->census;
}

date_t ctf_mark_date(date_t start, int index, enum session *session)
{
	while (date_is_weekend(start))
		start++;
	*session = index % 2 ? SESSION_PM : SESSION_AM;
	int k = index / 2; /* weekdays after start */
	date_t d = start + 7 * (k / 5);
	for (int i = 0; i < k % 5; i++)
		do
			d++;
		while (date_is_weekend(d));
	return d;
}
