/* CSV imports of the timetable and the classes (lesson registers). Each is
 * one transaction: one bad row rejects the whole file, names its line and
 * field, and leaves the database exactly as it was; importing the same
 * file twice changes nothing the second time.
 *
 * timetable: week,day,period,start,end,registration (week optional)
 *   The whole timetable: periods missing from the file are removed (unless
 *   lesson marks or a class still use them).
 * classes:   class,subject,teacher,room,meets,pupils
 *   meets: "Mon:1 Wed:3" (two-week timetables: "A:Mon:1 B:Thu:4"; no week
 *   for both); pupils: UPNs separated by spaces. The pupils lists take
 *   effect from `from`: pupils not in a class join it that day, pupils no
 *   longer listed leave it the day before. Classes not in the file stay. */
#ifndef ATTEND_LESSON_IMPORT_H
#define ATTEND_LESSON_IMPORT_H

#include "app/import.h"

int import_timetable(struct engine *e, const char *path, const struct actor *who,
		     struct import_result *res, struct app_error *err);
int import_classes(struct engine *e, const char *path, date_t from, const struct actor *who,
		   struct import_result *res, struct app_error *err);

/* Lesson marks (a MIS's history, or a school's first year on attend):
 * upn,date,period,class,code,minutes_late. Each row as a lesson register
 * would write it (the class meets then, the pupil is in it and on roll, a
 * code in force, minutes only with L or U), with its history; a mark that
 * exists is an amendment, kept with reason. Every register in the file
 * counts as taken. One transaction; no derivation, no alerts (the past). */
int import_lesson_marks(struct engine *e, const char *path, const struct actor *who,
			const char *reason, struct import_result *res, struct app_error *err);

/* Sets a class's pupils from a date (as a classes file's row would), in
 * the engine's open transaction: the same checks (no pupil in two classes
 * at once; nobody leaves before their lesson marks). */
int lesson_class_set_pupils(struct engine *e, int cls, const int64_t *pupils, int n, date_t from,
			    const struct actor *who, struct app_error *err);

/* Whether a class code or period name can stand in a URL path segment and
 * a CSV list: printable, no '/', ' ' for periods (codes may hold spaces
 * and '/'... see the README). NULL when fine, else the rule broken. */
const char *lesson_period_name_error(const char *name);

#endif
