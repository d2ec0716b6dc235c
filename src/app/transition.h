/* Transition into Year 7 (the toolkit's key area 7): a secondary school
 * brings in its incoming pupils' Year 6 attendance (their CTFs, `attend
 * import ctf`, or a list from the primary schools or the local authority,
 * `attend import year6`), sees them most at risk first (core/transition),
 * carries a flag for those at risk into their first half-terms, and watches
 * the second and third half-terms of Year 7, where the "new school effect"
 * wears off: early decliners go on the attendance lead's review list
 * (casework's, app/casework.h). */
#ifndef ATTEND_APP_TRANSITION_H
#define ATTEND_APP_TRANSITION_H

#include <jansson.h>

#include "app/error.h"
#include "app/marks.h"
#include "core/stats.h"
#include "core/transition.h"
#include "engine/engine.h"

#define SETTING_TRANSITION_DECLINE_PP "transition_decline_pp"
#define TRANSITION_YEAR 7

/* ---- the Year 6 list ----
 * upn,surname,forename,dob,primary_school,year,possible,attended,
 * authorised,unauthorised and optionally fsm (Y/N), send (N/K/E). `year`
 * is the academic year of Year 6 (2025, 2025/26 or 2025/2026); attended +
 * authorised + unauthorised = possible. One transaction; a pupil's year
 * imported again takes the new figures (the old ones kept). */
struct year6_import_result {
	int rows, added, changed, unchanged;
};
int transition_import_year6(struct engine *e, const char *path, const struct actor *who,
			    struct year6_import_result *res, struct app_error *err);

/* One incoming pupil. */
struct transition_pupil {
	char upn[UPN_LEN + 1];
	char surname[STORE_NAME_MAX], forename[STORE_NAME_MAX];
	int row; /* their enrolment in Year 7, or -1: not on the admission register yet */
	struct y6_figures y6;
	char source[STORE_NAME_MAX + 64]; /* where the figures came from */
	struct transition_needs needs;
	struct transition_rank rank;
	int band;       /* stats_band of the Year 6 figures */
	bool flag;      /* at risk or worse: carried into the first half-terms */
	int n_notes;    /* the pattern of a CTF's marks */
	struct pattern_note notes[NOTE__MAX];
	/* Year 7 so far (on the register): the first half-term, and the one
	 * being watched (the second or third) to date. */
	bool watched;
	int64_t att_first, possible_first, att_now, possible_now;
	struct trend_change change;
	bool decliner;
};

struct transition_view {
	int intake;          /* the academic year they start Year 7 (2026 for 2026/27) */
	int half_term;       /* the half-term of the intake year today is in (1..), 0 before it */
	date_t ht_from[TRANSITION_FLAG_HALF_TERMS], ht_to[TRANSITION_FLAG_HALF_TERMS];
	int64_t decline_pp100; /* the setting */
	struct transition_pupil *v;
	int n;
};
/* The intake of `intake` (0: the next academic year's when pupils are
 * admitted to Year 7 in it, else this year's), most at risk first. */
int transition_build(const struct engine *e, int intake, date_t today, struct transition_view *out,
		     struct app_error *err);
void transition_free(struct transition_view *v);
json_t *transition_json(const struct engine *e, const struct transition_view *v);
/* A pupil's own entry (their Year 6 figures and the watch) when they are
 * in Year 7 in its first half-terms, for the profile; 1 when not. */
int transition_pupil_of(const struct engine *e, int row, date_t today,
			struct transition_pupil *out, struct transition_view *ctx,
			struct app_error *err);

/* Puts this half-term's early decliners on casework's review list (a
 * decline, "new-school effect: Year 7 decline", with the stage it
 * suggests), once a pupil each half-term (one transaction); *added counts. */
int transition_watch(struct engine *e, date_t today, int *added, struct app_error *err);

#endif
