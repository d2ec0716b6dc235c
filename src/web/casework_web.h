/* What the casework pages share (page-casework.c, page-casework-lead.c). */
#ifndef ATTEND_CASEWORK_WEB_H
#define ATTEND_CASEWORK_WEB_H

#include "app/casework.h"
#include "app/casework_impact.h"
#include "web/html.h"
#include "web/web.h"

/* A stage as a chip with its words: "Early intervention · tier 2". */
void cw_html_stage(struct html *h, enum cw_stage s);
/* A review item as a card: what raised it, when, the stage then and the
 * one suggested; with the form to accept or dismiss it for those who
 * decide (decide), or how it was decided. name: link to the pupil. */
void cw_html_review(struct html *h, struct web_req *r, const struct engine *e,
		    const struct cw_review_rec *rv, bool name, bool decide);
/* Impact in words with its figures (data-k/data-v for tests). */
void cw_html_impact(struct html *h, const struct cw_impact *m, int weeks);
/* Opens a form posting to action, with the CSRF token and next = the page. */
void cw_form_open(struct html *h, struct web_req *r, const char *action, const char *cls,
		  const char *id);
/* <label>Text <input name ...></label> for text, dates, and text areas. */
void cw_field(struct html *h, const char *label, const char *name, const char *type,
	      bool required, const char *value);
void cw_area(struct html *h, const char *label, const char *name, bool required);

/* The school's impact by type as of today, with the settings and the
 * catalogues it was worked out with (free *t and the catalogues). */
struct cw_school_impact {
	struct cw_settings cs;
	struct cw_catalogues cat;
	struct cw_type_impact *t;
	int n;
	date_t today;
};
int cw_school_impact_load(struct web_req *r, struct cw_school_impact *si, struct app_error *err);
void cw_school_impact_free(struct cw_school_impact *si);

/* Checks the query string: each parameter must be one of allowed (a
 * NULL-terminated list; "done" is always allowed); else a 400 naming it
 * is answered and -1 returned. */
int cw_query_check(struct web_req *r, const char *const *allowed);

#endif
