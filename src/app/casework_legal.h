/* Formal and legal steps (domain.md, "Penalty notices"): an attendance
 * contract, a notice to improve (an improvement period of 3 to 6 school
 * weeks), a penalty notice (the first to a parent for a child within 3
 * years £160, £80 if paid within 21 days; the second £160 with no
 * reduction; a third refused, naming the rule and suggesting other
 * action), an education supervision order, a parenting order, a school
 * attendance order, a prosecution (s444(1): a fine of up to £1,000;
 * s444(1A): up to £2,500 and/or 3 months' imprisonment). Each with its
 * dates, events (paid, withdrawn, a hearing, the outcome, a note) and
 * documents. Only those who see legal steps (app/casework.h) reach any of
 * it. */
#ifndef ATTEND_APP_CASEWORK_LEGAL_H
#define ATTEND_APP_CASEWORK_LEGAL_H

#include "app/casework.h"

enum cw_legal {
	CWL_CONTRACT,
	CWL_NOTICE_TO_IMPROVE,
	CWL_PENALTY_NOTICE,
	CWL_SUPERVISION_ORDER,
	CWL_PARENTING_ORDER,
	CWL_ATTENDANCE_ORDER,
	CWL_PROSECUTION,
	CWL_LEGAL__MAX
};
const char *cw_legal_name(enum cw_legal k);  /* "penalty_notice" */
const char *cw_legal_label(enum cw_legal k); /* "Penalty notice" */
int cw_legal_parse(const char *name);        /* -1 if unknown */
/* What the law says of a prosecution under a section ("s444(1)"). */
const char *cw_section_maximum(const char *section);

/* {kind, parent_name, issued_on, period_weeks (notice to improve), section
 * (prosecution), review_on (contract), detail}. A third penalty notice to
 * the same parent for the same child within 3 years is an ERR_CONFLICT
 * naming the rule. */
int cw_legal_write(const struct cw_ctx *c, const char *upn, const struct cw_input *in, int64_t *id,
		   struct app_error *err);
/* {kind: paid|withdrawn|hearing|outcome|note, on, amount (pounds: paid),
 * text}. A payment must be the amount due that day. */
int cw_legal_event_write(const struct cw_ctx *c, const char *upn, int64_t legal_id,
			 const struct cw_input *in, int64_t *id, struct app_error *err);

/* Documents: at most CW_DOC_MAX bytes, a PDF, PNG or JPEG by their first
 * bytes (whatever the name or the declared type say; a declared type that
 * disagrees is refused), the name kept safe for a download. Too large:
 * ERR_TOO_LARGE; another kind of file: ERR_INPUT. */
#define CW_DOC_MAX (5 * 1024 * 1024)
#define CW_DOC_TYPES "PDF, PNG or JPEG"
/* The type of a file by its first bytes, or NULL. */
const char *cw_document_sniff(const unsigned char *data, size_t len);
int cw_document_write(const struct cw_ctx *c, const char *upn, int64_t legal_id,
		      const char *filename, const char *declared_type, const unsigned char *data,
		      size_t len, int64_t *id, struct app_error *err);
/* A document of a pupil's legal step, with its data (free out->data). */
int cw_document_read(struct store *s, int64_t school_id, const struct account *a, int64_t pupil_id,
		     int64_t legal_id, int64_t doc_id, struct cw_document_rec *out,
		     struct app_error *err);

/* Pence as "£160" or "£80.50". */
char *cw_money(int pence, char *buf, size_t len);

#endif
