/* Casework for the web app and the CLI: who may see and do what, the
 * school's settings and catalogues, each pupil's stage with its history,
 * the review list that triggers raise (src/app/casework_scan.c) and the
 * decisions on it, support plans, interventions, part-time timetables,
 * notes, formal and legal steps (src/app/casework_legal.c), impact
 * (src/app/casework_impact.c) and the LA targeting support meeting pack
 * (src/app/casework_pack.c). The rules are in core/casework.
 *
 * Every write takes its input as named text fields (a form, a JSON body,
 * command-line options), checks all of it before writing anything, and
 * runs inside the engine's open transaction: a bad field is an ERR_INPUT
 * naming it, and the caller rolls back. */
#ifndef ATTEND_APP_CASEWORK_H
#define ATTEND_APP_CASEWORK_H

#include "app/array.h"
#include "app/error.h"
#include "app/marks.h"
#include "app/role.h"
#include "core/casework.h"
#include "engine/engine.h"

/* ---- who may do what ---- */

/* See a pupil's casework (stage, plans, interventions, notes): admin, the
 * attendance lead and the DSL for every pupil; heads of year for their
 * years, teachers for their forms. Not the office, governors or parents. */
bool cw_sees_pupil(const struct account *a, const struct engine *e, int row);
/* Run the graduated approach: decide the review list, move stages, start
 * part-time timetables, change the catalogues: admin and attendance lead. */
bool cw_leads(const struct account *a);
/* Write support plans and interventions: those who lead, and heads of
 * year for their years. */
bool cw_plans_for(const struct account *a, const struct engine *e, int row);
/* Formal and legal steps and their documents: admin and attendance lead
 * only (the school's EWO, if it employs one, is given that role). */
bool cw_sees_legal(const struct account *a);
/* Safeguarding notes: the DSL and the attendance lead only (not admin). */
bool cw_sees_safeguarding(const struct account *a);

/* ---- input ---- */

/* Named text fields; a name given twice keeps both, joined by a space (a
 * form's ticked boxes: sessions=Mon:PM&sessions=Wed:PM). */
struct cw_input {
	int n;
	struct cw_field {
		char *name, *value;
	} *f;
};
int cw_input_add(struct cw_input *in, const char *name, const char *value);
void cw_input_free(struct cw_input *in);
/* The value, or NULL when absent; "" counts as absent for optional fields. */
const char *cw_in(const struct cw_input *in, const char *name);

/* A list of the store's rows of one type, and the store callback that
 * appends each row to it (ctx: the list). */
#define CW_LIST(name, T)                                                                     \
	struct name {                                                                        \
		T *v;                                                                        \
		int n;                                                                       \
	};                                                                                   \
	static inline int name##_add(void *ctx, const T *r)                                  \
	{                                                                                    \
		struct name *l = ctx;                                                        \
		return array_push(&l->v, &l->n, sizeof *r, r);                                  \
	}
CW_LIST(cw_reviews, struct cw_review_rec)
CW_LIST(cw_plans, struct cw_plan_rec)
CW_LIST(cw_barriers, struct cw_barrier_rec)
CW_LIST(cw_actions, struct cw_action_rec)
CW_LIST(cw_interventions, struct cw_intervention_rec)
CW_LIST(cw_part_times, struct cw_part_time_rec)
CW_LIST(cw_pt_reviews, struct cw_pt_review_rec)
CW_LIST(cw_notes, struct cw_note_rec)
CW_LIST(cw_note_reads, struct cw_note_read_rec)

/* ---- settings ---- */

#define CW_SETTING_TRIGGERS "casework_triggers"
/* The school's settings (casework_decline_points, casework_decline_weeks,
 * casework_unauthorised_sessions, casework_unauthorised_weeks,
 * casework_min_sessions, casework_impact_weeks, casework_review_notice_days,
 * casework_scan_minutes, casework_triggers), the defaults of core/casework when not set. With key
 * and value, as if that setting had that value (to check it). Returns 1
 * when key is not a casework setting. */
int casework_settings_load(struct store *s, int64_t school_id, const char *key, const char *value,
			   struct cw_settings *out, struct app_error *err);

/* ---- catalogues ---- */

enum cw_catalogue { CWC_BARRIER, CWC_INTERVENTION, CWC__MAX };
const char *cw_catalogue_name(enum cw_catalogue k); /* "barrier", "intervention" */
struct cw_item {
	char code[STORE_CW_CODE_MAX];
	char label[128];
	bool builtin, retired;
};
struct cw_catalogues {
	struct cw_item *item[CWC__MAX];
	int n[CWC__MAX];
};
/* The built-ins with the school's additions and changes. */
int cw_catalogues_load(struct store *s, int64_t school_id, struct cw_catalogues *out,
		       struct app_error *err);
void cw_catalogues_free(struct cw_catalogues *c);
/* The entry of a code, or NULL. */
const struct cw_item *cw_catalogue_find(const struct cw_catalogues *c, enum cw_catalogue k,
					const char *code);
/* Its label (the code itself when unknown). */
const char *cw_catalogue_label(const struct cw_catalogues *c, enum cw_catalogue k,
			       const char *code);
#define CW_PART_TIME_TYPE "part_time_timetable"

/* ---- stages ---- */

/* Every pupil's current stage (by pupil id: stages[pupil_id], universal
 * when never moved), *out malloc'd with e->max_pupil_id + 1 entries. */
int cw_stages_current(const struct engine *e, struct store *s, uint8_t **out,
		      struct app_error *err);
/* One pupil's current stage. */
int cw_stage_of(struct store *s, int64_t school_id, int64_t pupil_id, enum cw_stage *out,
		struct app_error *err);

/* ---- the writes (inside the engine's open transaction) ----
 * upn names the pupil; a: who asks (checked again here); *id the row made. */

struct cw_ctx {
	struct engine *e;
	const struct account *a;
	const struct actor *who;
};

/* {stage, reason} */
int cw_stage_write(const struct cw_ctx *c, const char *upn, const struct cw_input *in,
		   int64_t *id, struct app_error *err);
/* {decision: accept|dismiss, stage (accept: default the suggested), reason} */
int cw_review_decide(const struct cw_ctx *c, int64_t review_id, const struct cw_input *in,
		     struct app_error *err);
/* {title, started_on (default today), review_on, barriers (codes)} */
int cw_plan_write(const struct cw_ctx *c, const char *upn, const struct cw_input *in, int64_t *id,
		  struct app_error *err);
/* On a plan of the pupil's: {code, note} / {action, owner, due_on} /
 * {kind, held_on, attendees, pupil_voice, parent_voice, notes,
 * next_review_on} / {outcome, closed_on} */
int cw_barrier_write(const struct cw_ctx *c, const char *upn, int64_t plan_id,
		     const struct cw_input *in, int64_t *id, struct app_error *err);
int cw_action_write(const struct cw_ctx *c, const char *upn, int64_t plan_id,
		    const struct cw_input *in, int64_t *id, struct app_error *err);
/* {state: done|dropped, note} */
int cw_action_finish(const struct cw_ctx *c, const char *upn, int64_t action_id,
		     const struct cw_input *in, struct app_error *err);
int cw_meeting_write(const struct cw_ctx *c, const char *upn, int64_t plan_id,
		     const struct cw_input *in, int64_t *id, struct app_error *err);
int cw_plan_close(const struct cw_ctx *c, const char *upn, int64_t plan_id,
		  const struct cw_input *in, struct app_error *err);
/* {type, started_on, planned_end, plan, note} / {ended_on} (required) */
int cw_intervention_write(const struct cw_ctx *c, const char *upn, const struct cw_input *in,
			  int64_t *id, struct app_error *err);
int cw_intervention_end(const struct cw_ctx *c, const char *upn, int64_t id,
			const struct cw_input *in, struct app_error *err);
/* A part-time timetable: {sessions, started_on, planned_end, reviews
 * (dates), agreed_with, reason, plan}. Its intervention is made with it,
 * and C2 goes on the reduced sessions from its start to today
 * (cw_part_time_apply). / A review point held: {review, outcome,
 * next_review} / ended: {ended_on, reason} */
int cw_part_time_write(const struct cw_ctx *c, const char *upn, const struct cw_input *in,
		       int64_t *id, struct app_error *err);
int cw_part_time_review(const struct cw_ctx *c, const char *upn, int64_t part_time_id,
			const struct cw_input *in, struct app_error *err);
int cw_part_time_end(const struct cw_ctx *c, const char *upn, int64_t part_time_id,
		     const struct cw_input *in, struct app_error *err);
/* C2 on the reduced sessions of a part-time timetable, from its start to
 * today (and not past its planned end or its end): through app/marks, so
 * the register's rules hold. An unmarked session gets C2; an N or O (no
 * reason, or unknown) is amended to C2 with the timetable as its reason;
 * any other mark is kept (the pupil came, or has another reason).
 * *written counts the marks written. */
int cw_part_time_apply(struct engine *e, const struct cw_part_time_rec *pt, date_t today,
		       const struct actor *who, int *written, struct app_error *err);
/* {body, safeguarding: Y|N}: only the DSL and the lead mark a note
 * safeguarding. */
int cw_note_write(const struct cw_ctx *c, const char *upn, const struct cw_input *in, int64_t *id,
		  struct app_error *err);
/* A catalogue entry: {kind, code (new: from the label), label, retired Y|N}. */
int cw_catalogue_write(const struct cw_ctx *c, const struct cw_input *in, struct app_error *err);

/* ---- a pupil's casework, read ---- */

struct cw_case {
	int64_t pupil_id;
	enum cw_stage stage;
	struct cw_stage_rec *stages; /* oldest first */
	int n_stages;
	struct cw_review_rec *reviews; /* newest first */
	int n_reviews;
	struct cw_plan_rec *plans; /* newest first */
	int n_plans;
	struct cw_barrier_rec *barriers; /* of every plan */
	int n_barriers;
	struct cw_action_rec *actions;
	int n_actions;
	struct cw_meeting_rec *meetings;
	int n_meetings;
	struct cw_intervention_rec *interventions;
	int n_interventions;
	struct cw_part_time_rec *part_times;
	int n_part_times;
	struct cw_pt_review_rec *pt_reviews;
	int n_pt_reviews;
	struct cw_note_rec *notes; /* not safeguarding */
	int n_notes;
	bool safeguarding;      /* the account reads safeguarding notes: */
	int safeguarding_notes; /* how many (their text is read apart, logged) */
	bool legal;             /* the legal steps were loaded */
	struct cw_legal_rec *legal_steps;
	int n_legal;
	struct cw_legal_event_rec *legal_events;
	int n_legal_events;
	struct cw_document_rec *documents; /* without data */
	int n_documents;
};
/* What the account may see of a pupil's casework: legal steps only for
 * those who see them, the count of safeguarding notes only for those who
 * read them. */
int cw_case_load(struct store *s, int64_t school_id, int64_t pupil_id, const struct account *a,
		 struct cw_case *out, struct app_error *err);
void cw_case_free(struct cw_case *c);
/* The open plan (the newest), or NULL. */
const struct cw_plan_rec *cw_case_open_plan(const struct cw_case *c);

/* ---- safeguarding notes: every read logged ---- */

/* Reads the pupil's safeguarding notes for the account (the DSL or the
 * lead: otherwise ERR_NOT_FOUND, nothing said of them), logging each note
 * read (who, their role, when, via, ip) in the same transaction: a note
 * whose read can't be logged is not read. *notes malloc'd. */
int cw_safeguarding_read(struct engine *e, const struct account *a, const char *upn,
			 const char *via, const char *ip, struct cw_note_rec **notes, int *n,
			 struct app_error *err);

/* ---- the review list and the tasks: casework_scan.c ---- */

struct cw_scan_result {
	int raised;    /* items added to the review list */
	int c2;        /* C2 marks written on part-time timetables' sessions */
	int tasks;     /* tasks made */
};
/* Evaluates every trigger for every pupil on roll as of today, adds what
 * is new to the review list, applies the part-time timetables' C2 of the
 * sessions up to today, and makes the tasks of reviews coming up and of
 * part-time timetables past their planned end. Idempotent: a second scan
 * adds nothing. Inside the engine's open transaction. */
int cw_scan(struct engine *e, date_t today, const struct actor *who, struct cw_scan_result *out,
	    struct app_error *err);

#endif
