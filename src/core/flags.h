/* The action a pupil's attendance calls for: the colour-coded flags of the
 * pupil lists and views (the toolkit's graduated approach; the Lift Schools
 * weekly dashboard's "next steps"). One flag a pupil, the most pressing:
 * severe absence, then persistent absence, at risk, a fall since last
 * week, a rise, and good attendance. Pages show the flag's words beside its
 * colour, never the colour alone. */
#ifndef ATTEND_FLAGS_H
#define ATTEND_FLAGS_H

#include "core/stats.h"
#include "core/trends.h"

enum action {
	ACTION_SEVERE,     /* absence 50% or more */
	ACTION_PERSISTENT, /* absence 10% or more */
	ACTION_AT_RISK,    /* absence 5% to under 10% */
	ACTION_DECLINED,   /* under 5%, but 1 point or more down on last week */
	ACTION_IMPROVING,  /* under 5% and 1 point or more up on last week */
	ACTION_GOOD,       /* under 5%, steady */
	ACTION_NONE,       /* no possible sessions yet */
	ACTION__MAX
};

/* The flag of a pupil's figures over a range and the change of their
 * attendance this week against last week. */
enum action flags_action(const struct figures *f, enum trend_direction week);
const char *action_name(enum action a);  /* "severe", "persistent", ...: CSS, CSV, filters */
const char *action_label(enum action a); /* "Severe absence" */
const char *action_step(enum action a);  /* the next step, for people */
int action_parse(const char *name);      /* -1 if unknown */

#endif
