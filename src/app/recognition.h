/* Recognition: the awards a school configures, a list generated for a
 * period by core/awards' rules (100%, most improved against the pupil's own
 * previous period, form of the week), approved by a person, certificates
 * printed as PDF and praise messages sent to families through the outbox.
 * Recognition never names a pupil's absence reasons (only attendance and
 * its rise), and a pupil staff exclude from public recognition (with a
 * reason, kept) is on no certificate and in no message: excluded when the
 * list is generated, and checked again when it is printed or sent. */
#ifndef ATTEND_RECOGNITION_H
#define ATTEND_RECOGNITION_H

#include "app/fields.h"
#include "app/role.h"
#include "core/awards.h"
#include "engine/engine.h"
#include "store/store_leading.h"

struct recog_list {
	struct award_list_rec l;
	struct award_rule_rec rule;
	struct award_winner_rec *w;
	int n;
};
/* 404 when there is no such list. */
int recog_list_load(struct store *s, int64_t school_id, int64_t id, struct recog_list *out,
		    struct app_error *err);
void recog_list_free(struct recog_list *l);

/* Generates the list of an award for the period holding as_of (to date),
 * in the engine's open transaction: 404 no such award, 409 a list of that
 * award and period stands already (withdraw it to generate again). */
int recog_generate_write(struct engine *e, int64_t rule_id, date_t as_of, const char *by,
			 int64_t *list_id, struct app_error *err);
/* The approver's decision: decision=approve|withdraw, note; with
 * chosen=yes, only the winners in the `keep` fields (winner ids) stay on
 * the approved list. 409 when it was decided already. */
int recog_decide_write(struct engine *e, int64_t list_id, const struct fields *f, const char *by,
		       struct app_error *err);
/* Queues the award's praise message to the family of each pupil kept on
 * an approved list (once each; pupils excluded meanwhile, or whose family
 * can't be reached, are skipped and counted). 409 when not approved, or
 * the award sends no message. */
int recog_send_write(struct engine *e, int64_t list_id, const char *by, int *queued, int *skipped,
		     struct app_error *err);
/* The certificates of an approved list, one A4 landscape page each: 409
 * when not approved. s: the connection to read with. */
int recog_certificates_pdf(const struct engine *e, struct store *s, int64_t list_id,
			   unsigned char **pdf, size_t *len, struct app_error *err);
/* What a winner earned, in words, for certificates and messages: "100%
 * attendance this half-term (2 November to 18 December 2026)". */
void recog_award_text(const struct recog_list *l, char *buf, size_t len);
/* Whether a pupil is excluded from public recognition now. */
int recog_excluded(struct store *s, int64_t school_id, int64_t pupil_id, bool *excluded,
		   struct app_error *err);

/* A pupil kept out of public recognition: reason required. 409 when
 * already excluded. */
int recog_exclude_write(struct engine *e, int64_t pupil_id, const struct fields *f,
			const char *by, struct app_error *err);
/* Lifting an exclusion: reason required. 404 when there is none. */
int recog_lift_write(struct engine *e, int64_t exclusion_id, const struct fields *f,
		     const char *by, struct app_error *err);

/* An award configured from its fields (name, kind, period, minimum, top,
 * min_rise (a percentage), template, active); changing *r when it has an
 * id. */
int recog_rule_from_fields(const struct engine *e, const struct fields *f,
			   struct award_rule_rec *r, struct app_error *err);
int recog_rule_write(struct engine *e, struct award_rule_rec *r, const char *by,
		     struct app_error *err);

#endif
