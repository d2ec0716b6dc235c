/* The register extract a local authority needs for a penalty notice or a
 * prosecution: for one pupil over a range of dates, every session with its
 * code, every version of every amended mark (who, when, why, through
 * what), the school's contacts with the family (the contact log, every
 * version), the first-day actions, the messages and letters sent, the
 * notifications raised, and the result of verifying the pupil's register
 * (app/verify.c) on it.
 *
 * One list of rows feeds both forms, so they say the same thing: CSV
 * (section,date,session,code,version,at,by,what,detail; the last row is
 * `sha256` with the SHA-256 of every byte before it, so the file proves
 * itself) and PDF (cairo and pango: the same rows as tables, with that
 * SHA-256 printed on it, tying the two together). The caller prints and
 * records the SHA-256 of the file it writes. */
#ifndef ATTEND_EVIDENCE_H
#define ATTEND_EVIDENCE_H

#include <stddef.h>

#include "app/error.h"
#include "app/output.h"
#include "app/verify.h"
#include "engine/engine.h"

enum ev_section {
	EV_ABOUT,        /* what: a key (school, pupil, ...); detail its value */
	EV_VERIFICATION, /* the result, then each problem */
	EV_SESSION,      /* every session on roll, with its current mark */
	EV_AMENDMENT,    /* every version of every amended mark */
	EV_CONTACT,      /* the contact log, every version */
	EV_FIRST_DAY,    /* the first-day response's actions */
	EV_MESSAGE,      /* messages and letters to the family */
	EV_NOTIFICATION, /* notifications raised (the LA, the social worker) */
	EV__MAX
};
const char *ev_section_name(enum ev_section s);  /* "amendment" */
const char *ev_section_title(enum ev_section s); /* "Amendments" */

struct ev_row {
	enum ev_section section;
	char date[DATE_ISO_LEN];
	char session[4];
	char code[4];
	char version[8];
	char at[24]; /* school-local "YYYY-MM-DD HH:MM" */
	char by[STORE_USER_MAX];
	char what[160];
	char detail[1100];
};

struct evidence {
	char school[STORE_NAME_MAX + 64];
	char upn[UPN_LEN + 1];
	char name[2 * STORE_NAME_MAX + 4];
	date_t from, to;
	struct ev_row *rows;
	int n, cap;
	struct verify_result verify;
	bool verified; /* no problem found */
	char data_sha256[OUTPUT_SHA256_HEX]; /* of the CSV before its last row */
};

/* Builds the extract of pupil upn from..to, as `by` asks for it. */
int evidence_build(struct engine *e, const char *upn, date_t from, date_t to, const char *by,
		   struct evidence *ev, struct app_error *err);
void evidence_free(struct evidence *ev);
/* The CSV (malloc'd), ending with its sha256 row; fills ev->data_sha256. */
int evidence_csv(struct evidence *ev, char **out, size_t *len, struct app_error *err);
/* The PDF (malloc'd); call after evidence_csv, whose SHA-256 it prints. */
int evidence_pdf(const struct evidence *ev, unsigned char **out, size_t *len,
		 struct app_error *err);
/* Both, as asked: pdf or csv; the file's SHA-256 in file_sha256, and the
 * export recorded in the audit log. */
int evidence_export(struct engine *e, const char *upn, date_t from, date_t to, bool pdf,
		    const char *by, char **out, size_t *len, char file_sha256[OUTPUT_SHA256_HEX],
		    struct evidence *ev, struct app_error *err);

#endif
