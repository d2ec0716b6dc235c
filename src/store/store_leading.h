/* The store's interface for leading attendance (issue 13, migration
 * 0012-leading): the self-assessment, the action plan, the monitoring
 * schedule and its digests, the view log, and recognition. Beside store.h
 * and under its conventions (0 / -1 with store_error(), 1 when a lookup
 * finds nothing); SQL in src/store/store_leading.c, store_schedule.c and
 * store_recognition.c. */
#ifndef ATTEND_STORE_LEADING_H
#define ATTEND_STORE_LEADING_H

#include "store/store.h"

#define STORE_LONG_TEXT_MAX 2000 /* evidence, what was challenged and agreed */
#define STORE_KEY_MAX 32

/* ---- the self-assessment (toolkit Annex B) ---- */

struct sa_question_rec {
	int64_t id;
	char builtin_key[STORE_KEY_MAX]; /* "" for the school's own */
	char area[96], section[96];
	int position;
	char text[600];
	char evidence[STORE_KEY_MAX]; /* what attend offers: "" for nothing */
	bool active;
	char created_by[STORE_USER_MAX], created_at[STORE_TIME_LEN];
};
typedef int (*store_sa_question_cb)(void *ctx, const struct sa_question_rec *q);
/* Inserts a question and fills in its id; a built-in the school already
 * has (retired or not) is left as it is: returns 1. */
int store_sa_question_add(struct store *s, int64_t school_id, struct sa_question_rec *q);
int store_sa_question_set_active(struct store *s, int64_t school_id, int64_t id, bool active);
/* By position (active ones only unless all). */
int store_sa_questions_each(struct store *s, int64_t school_id, bool all, store_sa_question_cb cb,
			    void *ctx);
/* The position after the last question of an area (a new area: after every
 * question, in a block of its own). */
int store_sa_question_next_position(struct store *s, int64_t school_id, const char *area, int *pos);

struct sa_assessment_rec {
	int64_t id;
	date_t held_on;
	char title[160];
	char status[12]; /* draft, complete */
	char created_by[STORE_USER_MAX], created_at[STORE_TIME_LEN];
	char completed_by[STORE_USER_MAX], completed_at[STORE_TIME_LEN];
};
typedef int (*store_sa_assessment_cb)(void *ctx, const struct sa_assessment_rec *a);
int store_sa_assessment_insert(struct store *s, int64_t school_id, struct sa_assessment_rec *a);
int store_sa_assessment_get(struct store *s, int64_t school_id, int64_t id,
			    struct sa_assessment_rec *out);
/* By the day held, oldest first. */
int store_sa_assessments_each(struct store *s, int64_t school_id, store_sa_assessment_cb cb,
			      void *ctx);
int store_sa_assessment_complete(struct store *s, int64_t school_id, int64_t id, const char *by,
				 const char *at);

struct sa_answer_rec {
	int64_t assessment_id, question_id;
	int score; /* 1-4; 0: not scored */
	char evidence[STORE_LONG_TEXT_MAX];
	char actions[STORE_LONG_TEXT_MAX];
	char offered[600]; /* what attend offered, as it stood when saved */
	int64_t plan_action_id; /* 0: none */
	char updated_by[STORE_USER_MAX], updated_at[STORE_TIME_LEN];
};
typedef int (*store_sa_answer_cb)(void *ctx, const struct sa_answer_rec *a);
/* Inserts or replaces an answer (not its plan link). */
int store_sa_answer_put(struct store *s, int64_t school_id, const struct sa_answer_rec *a);
/* The answers of an assessment (0: of every assessment), by assessment. */
int store_sa_answers_each(struct store *s, int64_t school_id, int64_t assessment_id,
			  store_sa_answer_cb cb, void *ctx);
int store_sa_answer_get(struct store *s, int64_t school_id, int64_t assessment_id,
			int64_t question_id, struct sa_answer_rec *out);
int store_sa_answer_link(struct store *s, int64_t school_id, int64_t assessment_id,
			 int64_t question_id, int64_t plan_action_id);

/* ---- the action plan ---- */

struct plan_target_rec {
	int64_t id;
	char title[200];
	char measure[20]; /* "" when the target is not a figure */
	char cohort[40];
	char span[12];
	int64_t baseline100, goal100; /* -1 when not a figure */
	date_t baseline_date;         /* DATE_INVALID when not a figure */
	date_t goal_date;
	int foundation, step; /* 1-5; 0: none */
	char owner[STORE_NAME_MAX];
	char status[12]; /* open, met, not_met, withdrawn */
	char created_by[STORE_USER_MAX], created_at[STORE_TIME_LEN];
	char updated_by[STORE_USER_MAX], updated_at[STORE_TIME_LEN];
};
typedef int (*store_plan_target_cb)(void *ctx, const struct plan_target_rec *t);
/* Inserts (id 0: fills it in) or updates a target, and appends its history
 * (its status and what changed, in detail). */
int store_plan_target_save(struct store *s, int64_t school_id, struct plan_target_rec *t,
			   const char *detail);
int store_plan_target_get(struct store *s, int64_t school_id, int64_t id,
			  struct plan_target_rec *out);
int store_plan_targets_each(struct store *s, int64_t school_id, store_plan_target_cb cb, void *ctx);

struct plan_action_rec {
	int64_t id, target_id; /* target 0: none */
	char title[300];
	char owner[STORE_NAME_MAX];
	date_t due; /* DATE_INVALID: none (ongoing) */
	char status[16]; /* planned, in_progress, done, dropped */
	char evidence[STORE_LONG_TEXT_MAX];
	int foundation, step;
	int64_t from_assessment, from_question; /* 0: not from a self-assessment */
	char created_by[STORE_USER_MAX], created_at[STORE_TIME_LEN];
	char updated_by[STORE_USER_MAX], updated_at[STORE_TIME_LEN];
};
typedef int (*store_plan_action_cb)(void *ctx, const struct plan_action_rec *a);
/* As for targets. Returns 1 (nothing written) when an action was already
 * made from that self-assessment answer. */
int store_plan_action_save(struct store *s, int64_t school_id, struct plan_action_rec *a,
			   const char *detail);
int store_plan_action_get(struct store *s, int64_t school_id, int64_t id,
			  struct plan_action_rec *out);
/* By due date (none last), then id. */
int store_plan_actions_each(struct store *s, int64_t school_id, store_plan_action_cb cb, void *ctx);

struct plan_history_rec {
	int64_t id, item_id;
	char item[8]; /* target, action */
	char at[STORE_TIME_LEN], by[STORE_USER_MAX];
	char status[16];
	char detail[STORE_LONG_TEXT_MAX];
};
typedef int (*store_plan_history_cb)(void *ctx, const struct plan_history_rec *h);
int store_plan_history_each(struct store *s, int64_t school_id, const char *item, int64_t item_id,
			    store_plan_history_cb cb, void *ctx);

struct plan_review_rec {
	int64_t id;
	date_t held_on;
	char kind[16]; /* line_manager, governor, other */
	char attendees[600];
	char challenged[STORE_LONG_TEXT_MAX];
	char agreed[STORE_LONG_TEXT_MAX];
	char recorded_by[STORE_USER_MAX], recorded_at[STORE_TIME_LEN];
};
typedef int (*store_plan_review_cb)(void *ctx, const struct plan_review_rec *r);
int store_plan_review_add(struct store *s, int64_t school_id, struct plan_review_rec *r);
/* Newest first. */
int store_plan_reviews_each(struct store *s, int64_t school_id, store_plan_review_cb cb, void *ctx);

/* ---- the monitoring schedule (toolkit Annex C) ---- */

struct sched_task_rec {
	int64_t id;
	char builtin_key[STORE_KEY_MAX];
	char title[300];
	char cadence[16]; /* daily, weekly, half_termly, termly */
	char timing[8];   /* start, end, any */
	char owner_role[STORE_ROLE_MAX];
	char proof[STORE_KEY_MAX]; /* "" when attend can't prove it */
	int position;
	bool active;
	char created_by[STORE_USER_MAX], created_at[STORE_TIME_LEN];
	char updated_by[STORE_USER_MAX], updated_at[STORE_TIME_LEN];
};
typedef int (*store_sched_task_cb)(void *ctx, const struct sched_task_rec *t);
/* Inserts (id 0) or updates a task. A built-in the school has is left as
 * it is: 1. */
int store_sched_task_save(struct store *s, int64_t school_id, struct sched_task_rec *t);
int store_sched_task_get(struct store *s, int64_t school_id, int64_t id, struct sched_task_rec *out);
/* By position (active ones only unless all). */
int store_sched_tasks_each(struct store *s, int64_t school_id, bool all, store_sched_task_cb cb,
			   void *ctx);
/* The position after the last task. */
int store_sched_task_next_position(struct store *s, int64_t school_id, int *pos);

struct sched_done_rec {
	int64_t id, task_id;
	date_t period_start, due;
	char done_by[STORE_USER_MAX], done_at[STORE_TIME_LEN];
	char note[STORE_NOTE_MAX];
	bool automatic; /* proven by attend from the data */
	char evidence[STORE_LONG_TEXT_MAX];
};
typedef int (*store_sched_done_cb)(void *ctx, const struct sched_done_rec *d);
/* 1 when that occurrence is already done (nothing written). */
int store_sched_done_add(struct store *s, int64_t school_id, struct sched_done_rec *d);
/* Completions of occurrences whose period starts in [from, to]. */
int store_sched_done_each(struct store *s, int64_t school_id, date_t from, date_t to,
			  store_sched_done_cb cb, void *ctx);

struct digest_recipient_rec {
	int64_t id;
	char name[STORE_NAME_MAX];
	char email[STORE_EMAIL_MAX];
	bool daily, weekly;
	char added_by[STORE_USER_MAX], added_at[STORE_TIME_LEN];
};
typedef int (*store_digest_recipient_cb)(void *ctx, const struct digest_recipient_rec *r);
/* 1 when the address is already a recipient. */
int store_digest_recipient_add(struct store *s, int64_t school_id, struct digest_recipient_rec *r);
/* 1 when there is no such current recipient. */
int store_digest_recipient_remove(struct store *s, int64_t school_id, int64_t id, const char *by,
				  const char *at);
int store_digest_recipients_each(struct store *s, int64_t school_id, store_digest_recipient_cb cb,
				 void *ctx);

struct digest_run_rec {
	char kind[8]; /* daily, weekly */
	date_t for_date;
	char run_at[STORE_TIME_LEN], run_by[STORE_USER_MAX];
	int messages;
};
/* 1 when that digest was already sent (nothing written). */
int store_digest_run_add(struct store *s, int64_t school_id, const struct digest_run_rec *r);
int store_digest_run_get(struct store *s, int64_t school_id, const char *kind, date_t for_date,
			 struct digest_run_rec *out);

/* ---- the view log: which staff (and families) opened which views ---- */

struct view_log_rec {
	date_t day;
	char username[STORE_USER_MAX], role[STORE_ROLE_MAX];
	char view[STORE_KEY_MAX], subject[STORE_FORM_MAX];
	char at[STORE_TIME_LEN];
};
/* Once a day per person, view and subject: a repeat is ignored. */
int store_view_log_add(struct store *s, int64_t school_id, const struct view_log_rec *v);
/* Distinct people (of a role; "" any) who opened a view in [from, to],
 * and on how many distinct days anyone did. */
int store_view_log_count(struct store *s, int64_t school_id, const char *view, const char *role,
			 date_t from, date_t to, int *people, int *days);

/* ---- facts of other areas that leading uses ---- */

/* Messages of a template ("" any) queued in [from_at, to_at) (UTC
 * instants), and of a pupil (pupil_id > 0) or of staff (pupil_id < 0) or
 * any (0). */
int store_outbox_count(struct store *s, int64_t school_id, const char *template_name,
		       const char *from_at, const char *to_at, int64_t pupil_id, int *n);
/* Each template with messages queued in [from_at, to_at): its name and count. */
typedef int (*store_template_count_cb)(void *ctx, const char *template_name, int n);
int store_outbox_templates_each(struct store *s, int64_t school_id, const char *from_at,
				const char *to_at, store_template_count_cb cb, void *ctx);

/* ---- recognition ---- */

struct award_rule_rec {
	int64_t id;
	char builtin_key[STORE_KEY_MAX];
	char name[120];
	char kind[20];   /* full_attendance, most_improved, form_of_week */
	char period[12]; /* week, half_term, term, year */
	int minimum, top;
	int64_t min_rise100;
	char template_name[STORE_TEMPLATE_NAME_MAX]; /* "" none */
	bool active;
	char created_by[STORE_USER_MAX], created_at[STORE_TIME_LEN];
	char updated_by[STORE_USER_MAX], updated_at[STORE_TIME_LEN];
};
typedef int (*store_award_rule_cb)(void *ctx, const struct award_rule_rec *r);
/* As for schedule tasks: a built-in the school has is left as it is (1). */
int store_award_rule_save(struct store *s, int64_t school_id, struct award_rule_rec *r);
int store_award_rule_get(struct store *s, int64_t school_id, int64_t id, struct award_rule_rec *out);
int store_award_rules_each(struct store *s, int64_t school_id, bool all, store_award_rule_cb cb,
			   void *ctx);

struct award_list_rec {
	int64_t id, rule_id;
	char name[120], kind[20];
	date_t period_from, period_to, prev_from, prev_to; /* prev: DATE_INVALID for none */
	char status[12]; /* proposed, approved, withdrawn */
	char generated_by[STORE_USER_MAX], generated_at[STORE_TIME_LEN];
	char decided_by[STORE_USER_MAX], decided_at[STORE_TIME_LEN];
	char note[512];
};
typedef int (*store_award_list_cb)(void *ctx, const struct award_list_rec *l);
/* 1 when a list of that rule and period stands (not withdrawn). */
int store_award_list_insert(struct store *s, int64_t school_id, struct award_list_rec *l);
int store_award_list_get(struct store *s, int64_t school_id, int64_t id, struct award_list_rec *out);
/* Newest first. */
int store_award_lists_each(struct store *s, int64_t school_id, store_award_list_cb cb, void *ctx);
/* proposed -> approved or withdrawn; 1 when it was not proposed. */
int store_award_list_decide(struct store *s, int64_t school_id, int64_t id, const char *status,
			    const char *by, const char *at, const char *note);

struct award_winner_rec {
	int64_t id, list_id, pupil_id; /* pupil 0: a form's award */
	char form[STORE_FORM_MAX];
	int rank;
	int64_t value100, before100; /* before100 -1: none */
	int64_t rise100;             /* most improved: exact; 0 otherwise */
	int sessions, prev_sessions; /* prev_sessions -1: none */
	bool excluded, included;
	int64_t outbox_id; /* the praise message, 0: none */
};
typedef int (*store_award_winner_cb)(void *ctx, const struct award_winner_rec *w);
int store_award_winner_add(struct store *s, int64_t school_id, struct award_winner_rec *w);
/* By rank. */
int store_award_winners_each(struct store *s, int64_t school_id, int64_t list_id,
			     store_award_winner_cb cb, void *ctx);
int store_award_winner_set_included(struct store *s, int64_t school_id, int64_t list_id,
				    int64_t id, bool included);
int store_award_winner_set_outbox(struct store *s, int64_t school_id, int64_t id, int64_t outbox_id);

struct recog_exclusion_rec {
	int64_t id, pupil_id;
	char reason[512];
	char excluded_by[STORE_USER_MAX], excluded_at[STORE_TIME_LEN];
	char lifted_by[STORE_USER_MAX], lifted_at[STORE_TIME_LEN];
	char lift_reason[512];
};
typedef int (*store_recog_exclusion_cb)(void *ctx, const struct recog_exclusion_rec *x);
/* 1 when the pupil is already excluded. */
int store_recog_exclusion_add(struct store *s, int64_t school_id, struct recog_exclusion_rec *x);
/* 1 when there is no such current exclusion. */
int store_recog_exclusion_lift(struct store *s, int64_t school_id, int64_t id, const char *by,
			       const char *at, const char *why);
/* Current ones (or every one, lifted too), of a pupil (0: all), newest first. */
int store_recog_exclusions_each(struct store *s, int64_t school_id, bool current_only,
				int64_t pupil_id, store_recog_exclusion_cb cb, void *ctx);

#endif
