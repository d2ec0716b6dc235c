/* The Common Transfer File (CTF): a pupil's attendance history travelling
 * with them between schools. The export writes this school's years (totals
 * from core/stats) and passes on the history it received; the import keeps
 * a joining pupil's history as the old school's, read-only, after checking
 * every year's marks against the file's own totals.
 *
 * The structure (no namespace): CTfile / Header {CTFversion, DateTime,
 * SourceSchool {LEA, Estab, URN, SchoolName, AcademicYear}, DestSchool {LEA,
 * Estab}} / CTFpupilData / Pupil {UPN, Surname, Forename, DOB, Sex (older
 * files: Gender), Attendance / YearData {Year, LEA, Estab, SchoolName,
 * SessionsPossible, SessionsAuthorised, SessionsAttended,
 * SessionsUnauthorised, AttendSessions {AttendanceStartDate,
 * AttendanceMarks}}}. Marks are written through core/exchange_codes. */
#ifndef ATTEND_CTF_H
#define ATTEND_CTF_H

#include <stdio.h>

#include "app/error.h"
#include "app/marks.h"
#include "engine/engine.h"

/* Where the pupils go: LEA and Estab, or MMM/MMMM when not known. */
struct ctf_dest {
	char lea[8], estab[8];
};
/* "LEA/ESTAB": 3 and 4 digits, or MMM/MMMM or XXX/XXXX. */
int ctf_dest_parse(const char *text, struct ctf_dest *out, struct app_error *err);

struct output;
int ctf_export(struct engine *e, const char *const *upns, int n_upns, const struct ctf_dest *dest,
	       struct output *out, struct app_error *err);

struct ctf_import_result {
	int pupils, years, discrepancies;
	bool already;          /* the same file was imported before: nothing written */
	char already_at[32];
	char source[200];      /* the sending school, for the summary */
};
/* Imports in one transaction; a malformed file is refused whole. Each year
 * whose marks disagree with its totals is kept with its discrepancy stated,
 * and a warning naming it goes to report. */
int ctf_import(struct engine *e, const char *path, const struct actor *who, FILE *report,
	       struct ctf_import_result *res, struct app_error *err);

#endif
