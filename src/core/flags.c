#include "core/flags.h"

#include <string.h>

static const struct {
	const char *name, *label, *step;
} actions[ACTION__MAX] = {
	[ACTION_SEVERE] = {"severe", "Severe absence",
			   "Multi-agency support: involve the designated safeguarding lead and the "
			   "local authority"},
	[ACTION_PERSISTENT] = {"persistent", "Persistent absence",
			       "Targeted support: meet the family and agree a support plan"},
	[ACTION_AT_RISK] = {"at_risk", "At risk",
			    "Early intervention: talk with the pupil and their family now"},
	[ACTION_DECLINED] = {"declined", "Declined",
			     "Attendance fell since last week: explore the reasons"},
	[ACTION_IMPROVING] = {"improving", "Improving", "Recognise the improvement"},
	[ACTION_GOOD] = {"good", "Good", "Keep recognising good attendance"},
	[ACTION_NONE] = {"none", "No sessions yet", "No possible sessions in this range yet"},
};

enum action flags_action(const struct figures *f, enum trend_direction week)
{
	if (f->possible <= 0)
		return ACTION_NONE;
	if (stats_severe(f))
		return ACTION_SEVERE;
	if (stats_persistent(f))
		return ACTION_PERSISTENT;
	if (stats_at_risk(f))
		return ACTION_AT_RISK;
	if (week == TREND_DECLINED)
		return ACTION_DECLINED;
	return week == TREND_IMPROVING ? ACTION_IMPROVING : ACTION_GOOD;
}

const char *action_name(enum action a)
{
	return (unsigned)a < ACTION__MAX ? actions[a].name : "?";
}

const char *action_label(enum action a)
{
	return (unsigned)a < ACTION__MAX ? actions[a].label : "?";
}

const char *action_step(enum action a)
{
	return (unsigned)a < ACTION__MAX ? actions[a].step : "";
}

int action_parse(const char *name)
{
	for (int a = 0; name && a < ACTION__MAX; a++)
		if (strcmp(actions[a].name, name) == 0)
			return a;
	return -1;
}
