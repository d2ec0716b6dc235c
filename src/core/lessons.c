#include "core/lessons.h"

void lessons_derive(enum code lesson, int lesson_minutes, int period_start, int session_start,
		    int session_close, struct derived_mark *out)
{
	out->code = lesson;
	out->minutes_late = -1;
	if (lesson != CODE_L)
		return;
	int arrival = period_start + (lesson_minutes > 0 ? lesson_minutes : 0);
	int late = arrival - session_start;
	out->minutes_late = late > 0 ? late : 0;
	out->code = arrival > session_close ? CODE_U : CODE_L;
}

bool lessons_derive_may_write(enum code current, bool current_from_lesson)
{
	return current == CODE_NONE || current_from_lesson;
}

bool lessons_present(enum code c)
{
	return c == CODE_PRESENT || c == CODE_L;
}

bool lessons_known_reason(enum code c)
{
	switch (c) {
	case CODE_NONE:
	case CODE_PRESENT:
	case CODE_L:
	case CODE_N:
	case CODE_O:
	case CODE_U:
		return false;
	default:
		return c < CODE__MAX;
	}
}

/* Session codes that do not contradict being seen in a lesson: arrived
 * after the register closed, and leave that covers part of a session. */
static bool compatible_with_attending(enum code session)
{
	return lessons_present(session) || session == CODE_U || session == CODE_M ||
	       session == CODE_J1;
}

enum disagreement lessons_disagreement(enum code session, enum code lesson)
{
	if (session == CODE_NONE || lesson == CODE_NONE || lesson == LESSON_FREE)
		return DIS_NONE;
	if (lessons_present(session) && lesson == CODE_N)
		return DIS_ABSENT_FROM_LESSON;
	if (lessons_present(lesson) && !compatible_with_attending(session))
		return DIS_PRESENT_IN_LESSON;
	return DIS_NONE;
}

const char *lessons_disagreement_name(enum disagreement d)
{
	switch (d) {
	case DIS_ABSENT_FROM_LESSON: return "absent_from_lesson";
	case DIS_PRESENT_IN_LESSON: return "present_in_lesson";
	default: return "none";
	}
}

bool lessons_missing(const struct lesson_day *d, int p, struct last_seen *seen)
{
	seen->period = -1;
	seen->session = -1;
	if (p < 0 || p >= d->n || d->lesson[p] != CODE_N)
		return false;
	if (lessons_known_reason(d->session[d->ses[p]]))
		return false;
	int leave = -1; /* the last earlier lesson with leave (an appointment, sent home) */
	for (int i = 0; i < p; i++) {
		if (d->lesson[i] < CODE__MAX && code_category(d->lesson[i]) == CAT_AUTHORISED)
			leave = i;
		if (lessons_present(d->lesson[i]))
			seen->period = i;
	}
	if (leave >= 0 && leave > seen->period) {
		seen->period = -1;
		return false; /* left with leave and not seen since: the absence has a reason */
	}
	if (seen->period >= 0)
		return true;
	for (int s = 0; s < SESSION__MAX; s++) {
		enum code c = d->session[s];
		if ((lessons_present(c) || c == CODE_U) && d->reg_time[s] <= d->start[p])
			seen->session = s;
	}
	return seen->session >= 0;
}
