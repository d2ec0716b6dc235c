/* Where absence falls: by day of the week, by morning or afternoon, next to
 * school holidays; lateness and its minutes; and the notes worth saying about
 * one pupil ("8 of 11 absent sessions were on a Monday"). Built from one
 * core/tally pass per row over column classes that combine all three. */
#ifndef ATTEND_PATTERNS_H
#define ATTEND_PATTERNS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/tally.h"

#define PATTERN_WEEKDAYS 5 /* school days are Monday to Friday */

/* A school day's place against the holidays: the last school day of each
 * half-term is before a break, the first school day of each half-term after
 * one (so the summer holiday and the first day of the calendar count). A
 * half-term of a single school day counts as after a break. Bank holidays and
 * INSET days inside a half-term are not breaks. */
enum edge { EDGE_OTHER, EDGE_BEFORE_BREAK, EDGE_AFTER_BREAK, EDGE__MAX };

#define PATTERN_CLASSES (EDGE__MAX * PATTERN_WEEKDAYS * SESSION__MAX)

/* The class of each column c0..c1-1: (edge x 5 + weekday) x 2 + session.
 * Returns a malloc'd array (NULL when out of memory or c1 <= c0). */
uint16_t *patterns_classes(const struct calendar *cal, int c0, int c1);

struct pattern {
	struct tally total;
	struct tally day[PATTERN_WEEKDAYS]; /* Monday..Friday */
	struct tally session[SESSION__MAX];
	struct tally edge[EDGE__MAX];
};
/* Folds the PATTERN_CLASSES tallies of a row (or a group) into a pattern. */
void patterns_fold(const struct tally cls[PATTERN_CLASSES], struct pattern *p);
void patterns_add(struct pattern *dst, const struct pattern *src);

/* When a share of absence is worth a sentence: at least PATTERN_MIN_ABSENCE
 * absent sessions in all, at least PATTERN_MIN_PART of them in the part,
 * and the absence rate on the part's sessions at least twice the rate on all
 * other sessions:  part_abs x (possible - part_pos) >= 2 x (absence - part_abs) x part_pos.
 * (A rule on rates, not on shares, so it works for two halves like AM/PM as
 * well as for five days.) */
#define PATTERN_MIN_ABSENCE 4
#define PATTERN_MIN_PART 2
bool patterns_over(int64_t part_abs, int64_t part_pos, int64_t absence, int64_t possible);

enum note_kind { NOTE_DAY, NOTE_SESSION, NOTE_HOLIDAY, NOTE__MAX };
struct pattern_note {
	enum note_kind kind;
	int which;        /* weekday (WD_MON..WD_FRI) or session; 0 for holidays */
	int64_t absence;  /* absent sessions in the part */
	int64_t of;       /* absent sessions in all */
};
/* The notes that pass patterns_over: the day with the highest absence rate
 * among those that pass (ties: more absences, then the earlier day), the
 * session likewise, and the days next to a holiday (before and after
 * together). Returns how many were written (at most NOTE__MAX). */
int patterns_notes(const struct pattern *p, struct pattern_note out[NOTE__MAX]);
/* "8 of 11 absent sessions were on a Monday" */
char *patterns_note_text(const struct pattern_note *n, char *buf, size_t len);

#endif
