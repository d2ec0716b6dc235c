/* The self-assessment (the toolkit's Annex B): questions by area, each
 * scored 1 to 4 on the toolkit's key with evidence and agreed actions,
 * the evidence attend already holds offered beside each question, every
 * assessment dated and kept, compared side by side by area, and an agreed
 * action turned into an action-plan item in one step. */
#ifndef ATTEND_SELFASSESS_H
#define ATTEND_SELFASSESS_H

#include "app/fields.h"
#include "app/leading.h"
#include "app/plan.h"

#define SA_SCORE_MAX 4
/* The toolkit's key, in its own words: [1] ... [4]. */
extern const char *const sa_score_key[SA_SCORE_MAX + 1];

struct sa_item {
	struct sa_question_rec q;
	struct sa_answer_rec a; /* a.score 0 and empty texts when not answered */
	bool answered;
};
struct sa_form {
	struct sa_assessment_rec a;
	struct sa_item *items; /* by position: the active questions, and any retired one answered */
	int n;
};
/* 404 when there is no such assessment. */
int sa_form_load(struct store *s, int64_t school_id, int64_t id, struct sa_form *out,
		 struct app_error *err);
void sa_form_free(struct sa_form *f);

/* A new draft: held_on (required), title (default "Self-assessment,
 * <date>"). In the engine's open transaction. */
int sa_create_write(struct engine *e, const struct fields *f, date_t today, const char *by,
		    int64_t *id, struct app_error *err);
/* Saves answers from fields score_<question>, evidence_<question>,
 * actions_<question> (only the questions given change), and with
 * complete=yes completes it (every question must then be scored). What
 * attend offers beside each question is kept with the answer as it stood.
 * 409 when the assessment is complete already. */
int sa_save_write(struct engine *e, const struct leading_ctx *x, int64_t id,
		  const struct fields *f, const char *by, struct app_error *err);
/* Turns the agreed actions of one answer into an action-plan item (title:
 * the first line of the actions; owner: the field, or who asks; due,
 * foundation and step: the fields, else the area's usual ones), and links
 * the answer to it. 400 when the answer has no agreed action; 409 when it
 * has been turned into one already. */
int sa_action_write(struct engine *e, int64_t assessment_id, const struct fields *f,
		    const char *by, int64_t *action_id, struct app_error *err);
/* A question the school adds: area (an existing one or a new one),
 * section, text, evidence (a key of leading_evidence_kinds, or ""). */
int sa_question_write(struct engine *e, const struct fields *f, const char *by, int64_t *id,
		      struct app_error *err);

/* Per-area averages of each assessment (scored questions only), in
 * hundredths (267 = 2.67); -1 when an area has no score. */
struct sa_compare {
	struct sa_assessment_rec *a;
	int n; /* assessments, oldest first */
	char (*area)[96];
	int n_areas;
	int64_t *avg100; /* [assessment * n_areas + area] */
	int *scored;     /* the same: questions scored */
	int64_t *overall100; /* per assessment */
};
int sa_compare_build(struct store *s, int64_t school_id, struct sa_compare *out,
		     struct app_error *err);
void sa_compare_free(struct sa_compare *c);

#endif
