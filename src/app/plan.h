/* The attendance action plan: targets tied to the figures attend computes,
 * actions (owner, due date, status, evidence, and the strategy's foundation
 * or the roadmap's step each belongs to), and the review meetings where the
 * line manager and governors support and challenge the champion.
 *
 * A target's live figure and its trajectory come from core/stats (through
 * core/tally) over the target's cohort and span, never from SQL: the
 * figure on each school week's last day since the baseline, the straight
 * line from the baseline to the goal by school days, and whether the
 * latest figure is on track. For governors (and the plan's PDF) the
 * governor report's small-number rule holds: a figure resting on fewer
 * than 6 pupils, or counting 1 to 5 pupils, is not shown. */
#ifndef ATTEND_PLAN_H
#define ATTEND_PLAN_H

#include "app/fields.h"
#include "core/targets.h"
#include "engine/engine.h"
#include "store/store_leading.h"

#define PLAN_FOUNDATIONS 5
#define PLAN_STEPS 5
/* The strategy's five foundations (seed 001) and the roadmap's five steps
 * (seed 000), 1-based: [0] is "". */
extern const char *const plan_foundation_names[PLAN_FOUNDATIONS + 1];
extern const char *const plan_step_names[PLAN_STEPS + 1];

enum plan_action_status { PA_PLANNED, PA_IN_PROGRESS, PA_DONE, PA_DROPPED, PA__MAX };
extern const char *const plan_action_status_names[PA__MAX];  /* "planned", ... */
extern const char *const plan_action_status_labels[PA__MAX]; /* "Planned", ... */
enum plan_target_status { PT_OPEN, PT_MET, PT_NOT_MET, PT_WITHDRAWN, PT__MAX };
extern const char *const plan_target_status_names[PT__MAX];
extern const char *const plan_target_status_labels[PT__MAX];
extern const char *const plan_review_kind_names[3];  /* line_manager, governor, other */
extern const char *const plan_review_kind_labels[3];

/* An action is overdue when not done or dropped and its due date is past. */
bool plan_action_overdue(const struct plan_action_rec *a, date_t today);

/* ---- targets' live figures ---- */

struct target_point {
	date_t day;
	int64_t value;    /* hundredths; -1: none */
	int64_t expected; /* on the line from the baseline to the goal */
	int32_t pupils;   /* pupils with possible sessions behind it */
	int32_t count;    /* pupils counted (persistent, severe), else 0 */
};

struct target_live {
	bool figure; /* the target names a measure */
	enum target_measure measure;
	struct target_point now; /* as of the day asked */
	enum target_track track;
	struct target_point *points; /* with the trajectory: each school week's last day */
	int n_points;
};

/* Checks a cohort: "all" or one of year=, form=, fsm=, pp=, eal=, send=,
 * gender= with a value the school has. */
int plan_cohort_check(const struct engine *e, const char *cohort, struct app_error *err);
/* The same, giving the cohort's filter (core characteristics only). */
struct pupil_filter;
int plan_cohort_filter(const struct engine *e, const char *cohort, struct pupil_filter *f,
		       struct app_error *err);
/* "Year 8", "FSM", "Form 7A", "All pupils" */
void plan_cohort_label(const char *cohort, char *buf, size_t len);
/* The target's figure as of as_of (the figure of its span to that day),
 * with the trajectory since its baseline when asked. */
int plan_target_live(const struct engine *e, const struct plan_target_rec *t, date_t as_of,
		     bool trajectory, struct target_live *out, struct app_error *err);
void plan_target_live_free(struct target_live *l);
/* The governors' small-number rule on a point: a figure on fewer than 6
 * pupils, or a count of 1 to 5, is not shown. */
bool plan_point_hidden(const struct target_live *l, const struct target_point *p);
/* "reduce persistent absence of Year 8 from 24.0% to 18.0% by Friday 17 July 2026" */
void plan_target_sentence(const struct plan_target_rec *t, char *buf, size_t len);

/* ---- writes: each inside the engine's open transaction ---- */

/* A target from its fields (new, or changing *t): title, measure (may be
 * empty: not a figure), cohort, span, baseline (a percentage; empty: the
 * live figure on baseline_date, default today), baseline_date, goal,
 * goal_date, foundation, step, owner, status. */
int plan_target_from_fields(const struct engine *e, const struct fields *f, date_t today,
			    struct plan_target_rec *t, struct app_error *err);
int plan_target_write(struct engine *e, struct plan_target_rec *t, const char *by,
		      struct app_error *err);
/* An action from its fields: title, owner, due (may be empty), status,
 * evidence, foundation, step, target (an id; may be empty); changing *a
 * when it has an id (only the fields given change). */
int plan_action_from_fields(const struct engine *e, const struct fields *f,
			    struct plan_action_rec *a, struct app_error *err);
/* Saves it with its history ("what changed"); 409 when an action was
 * already made from that self-assessment answer. */
int plan_action_write(struct engine *e, struct plan_action_rec *a, const char *by,
		      struct app_error *err);
int plan_review_from_fields(const struct fields *f, date_t today, struct plan_review_rec *r,
			    struct app_error *err);
int plan_review_write(struct engine *e, struct plan_review_rec *r, const char *by,
		      struct app_error *err);

/* ---- the plan as a whole ---- */

struct plan_view {
	struct plan_target_rec *targets;
	struct target_live *live; /* per target */
	int n_targets;
	struct plan_action_rec *actions;
	int n_actions;
	struct plan_review_rec *reviews;
	int n_reviews;
	int overdue, off_track; /* actions overdue, open targets off track */
};
/* Everything, with each target's live figure as of as_of (and its
 * trajectory when asked). s: the connection to read with. */
int plan_view_load(const struct engine *e, struct store *s, date_t as_of, bool trajectories,
		   struct plan_view *out, struct app_error *err);
void plan_view_free(struct plan_view *v);

/* The plan as a PDF for governors (aggregate figures only): *pdf malloc'd. */
int plan_pdf(const struct engine *e, const struct plan_view *v, date_t as_of, unsigned char **pdf,
	     size_t *len, struct app_error *err);

#endif
