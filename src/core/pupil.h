/* Pupil characteristics as the DfE and the school census define them: UPNs,
 * national curriculum year groups, sex, FSM/PP/EAL flags and SEN provision. */
#ifndef ATTEND_PUPIL_H
#define ATTEND_PUPIL_H

#include <stdbool.h>
#include <stddef.h>

#define UPN_LEN 13

/* Year groups as small integers in school order: N1=-2, N2=-1, R=0, 1..14. */
#define YEAR_MIN (-2)
#define YEAR_MAX 14
#define YEAR_INVALID (-100)

int year_parse(const char *text); /* YEAR_INVALID if not N1, N2, R or 1..14 */
const char *year_name(int year);  /* "N1", "R", "7", ... */

/* Checks the shape of a UPN: 13 characters, a check letter, 11 digits and a
 * final digit or letter (temporary UPNs). Returns NULL when well formed, or
 * the rule it breaks. */
const char *upn_shape_error(const char *upn);
/* The check letter the DfE algorithm gives for characters 2-13. */
char upn_check_letter(const char *upn);

/* "Y"/"N" flags; -1 if neither. */
int flag_parse(const char *text);
/* SEN provision: 'N' none, 'K' SEN support, 'E' EHC plan; 0 if none of these. */
char send_parse(const char *text);
/* Sex as recorded for the census: 'M', 'F', or 'U' (not known); 0 otherwise. */
char gender_parse(const char *text);
/* Ethnicity as a census code: four letters (e.g. WBRI, MWBC, REFU, NOBT),
 * written in capitals into out; "" (not recorded) for empty text.
 * Returns 0, or -1 when the text is not of that shape. */
int ethnicity_parse(const char *text, char out[8]);

/* The order of registers and lists: surname, forename, then UPN (byte
 * order, the same on every machine). */
int pupil_name_cmp(const char *surname_a, const char *forename_a, const char *upn_a,
		   const char *surname_b, const char *forename_b, const char *upn_b);

#endif
