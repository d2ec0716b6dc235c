#include "core/pupil.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int year_parse(const char *t)
{
	if (!t || !*t)
		return YEAR_INVALID;
	if (strcasecmp(t, "N1") == 0)
		return -2;
	if (strcasecmp(t, "N2") == 0)
		return -1;
	if (strcasecmp(t, "R") == 0)
		return 0;
	int v = 0;
	for (const char *p = t; *p; p++) {
		if (!isdigit((unsigned char)*p) || p - t >= 2)
			return YEAR_INVALID;
		v = v * 10 + (*p - '0');
	}
	return v >= 1 && v <= YEAR_MAX ? v : YEAR_INVALID;
}

const char *year_name(int year)
{
	static const char *names[] = {"N1", "N2", "R", "1", "2", "3", "4", "5", "6",
				      "7", "8", "9", "10", "11", "12", "13", "14"};
	if (year < YEAR_MIN || year > YEAR_MAX)
		return "?";
	return names[year - YEAR_MIN];
}

/* DfE "Unique pupil numbers (UPN)" guidance: the check letter is the sum of
 * characters 2-13 weighted 2..13, modulo 23, indexed into this alphabet. */
static const char check_alphabet[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

char upn_check_letter(const char *upn)
{
	int sum = 0;
	for (int i = 1; i < UPN_LEN; i++) {
		char c = upn[i];
		int v;
		if (isdigit((unsigned char)c))
			v = c - '0';
		else {
			/* A temporary UPN's final letter counts by its position in the
			 * same alphabet. */
			const char *p = strchr(check_alphabet, toupper((unsigned char)c));
			v = p ? (int)(p - check_alphabet) : 0;
		}
		sum += v * (i + 1);
	}
	return check_alphabet[sum % 23];
}

const char *upn_shape_error(const char *upn)
{
	if (!upn || strlen(upn) != UPN_LEN)
		return "a UPN is 13 characters";
	if (!strchr(check_alphabet, upn[0]))
		return "a UPN starts with a capital check letter (not I, O or S)";
	for (int i = 1; i < 12; i++)
		if (!isdigit((unsigned char)upn[i]))
			return "characters 2 to 12 of a UPN are digits";
	if (!isdigit((unsigned char)upn[12]) && !strchr(check_alphabet, upn[12]))
		return "the last character of a UPN is a digit or a capital letter";
	return NULL;
}

int flag_parse(const char *t)
{
	if (t && (strcmp(t, "Y") == 0 || strcmp(t, "y") == 0))
		return 1;
	if (t && (strcmp(t, "N") == 0 || strcmp(t, "n") == 0))
		return 0;
	return -1;
}

char send_parse(const char *t)
{
	if (!t || strlen(t) != 1)
		return 0;
	char c = (char)toupper((unsigned char)t[0]);
	return c == 'N' || c == 'K' || c == 'E' ? c : 0;
}

char gender_parse(const char *t)
{
	if (!t || strlen(t) != 1)
		return 0;
	char c = (char)toupper((unsigned char)t[0]);
	return c == 'M' || c == 'F' || c == 'U' ? c : 0;
}

int ethnicity_parse(const char *t, char out[8])
{
	out[0] = '\0';
	if (!t || !*t)
		return 0;
	if (strlen(t) != 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		if (!isalpha((unsigned char)t[i]))
			return -1;
		out[i] = (char)toupper((unsigned char)t[i]);
	}
	out[4] = '\0';
	return 0;
}

int pupil_name_cmp(const char *surname_a, const char *forename_a, const char *upn_a,
		   const char *surname_b, const char *forename_b, const char *upn_b)
{
	int c = strcmp(surname_a, surname_b);
	if (!c)
		c = strcmp(forename_a, forename_b);
	return c ? c : strcmp(upn_a, upn_b);
}
