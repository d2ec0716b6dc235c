/* What the family pages (parents' and pupils' own) and the office's pages
 * about families share: the account's scope and language, the page frame
 * in that language, and the words of figures. */
#ifndef ATTEND_WEB_FAMILY_H
#define ATTEND_WEB_FAMILY_H

#include "app/family.h"
#include "app/family_text.h"
#include "app/family_view.h"
#include "web/html.h"
#include "web/web.h"

#define FAMILY_LANG_COOKIE "attend_lang"

/* Runs a family page's handler under the engine's read lock: the scope's
 * rows, the view and the page all read one state of the register. */
int web_family_locked(struct web_req *r, int (*handler)(struct web_req *r));
/* The signed-in family account's children (under the read lock), and the
 * page language: the language cookie when set, else the first child's
 * contact's (English for pupils). Sets r->lang. On failure answers the
 * request and returns -1. */
int web_family_scope(struct web_req *r, struct family_scope *sc);
/* A child's figures (app/family_view) in the page's language, under the
 * read lock; -1 with err. */
int web_family_view(struct web_req *r, const struct family_child *ch, struct family_view *v,
		    struct app_error *err);
/* Answers a message's PDF (taken with m), inline as NAME-ID.pdf; 404 when
 * it has none. */
int web_family_pdf(struct web_req *r, struct outbox_rec *m, const char *name, int64_t id);
/* The language of a page for someone not signed in (the cookie, else
 * English); sets r->lang. */
const char *web_family_lang(struct web_req *r, const char *fallback);
/* The child a path names in the account's scope; NULL after answering 404,
 * exactly as for a UPN no pupil has. */
const struct family_child *web_family_child(struct web_req *r, const struct family_scope *sc,
					    const char *upn);
/* Both: the scope, and the child of the path's first argument; NULL after
 * answering. */
const struct family_child *web_family_path_child(struct web_req *r, struct family_scope *sc);
/* A family page's handler NAME, run under the read lock: defines NAME
 * around the static NAME_locked. */
#define WEB_FAMILY_HANDLER(name)                                                             \
	int name(struct web_req *r)                                                          \
	{                                                                                    \
		return web_family_locked(r, name##_locked);                                  \
	}
/* The header of a family account's page: its navigation and sign-out in
 * the page's language (html_begin calls it). */
void web_family_header(struct html *h, struct web_req *r);
/* A formatted text of the table (ftf) written escaped. */
void html_ft(struct html *h, const char *lang, enum ft id, ...);
/* "94.7%" in the language (decimal comma in Polish). */
char *family_pct(const char *lang, int64_t pct100, char *buf, size_t len);
/* A code as the family reads it: "in school", "absent: illness", ... */
char *family_mark_words(const char *lang, enum code c, int minutes_late, char *buf, size_t len);
/* The flash of ?done=KEY after a family's form (family_requests.c). */
void html_done_flash_family(struct html *h, struct web_req *r, const char *lang);

/* A labelled input of a family form, with its hint and (when err names it)
 * its error under the label, aria-describedby and aria-invalid set. */
struct family_input {
	const char *name, *type, *value;
	const char *autocomplete; /* NULL for dates; else also no autocapitalise or spell check */
	enum ft label, hint;      /* hint FT__MAX: none */
	bool required;
};
void family_input(struct html *h, const char *lang, const struct family_input *in,
		  const struct app_error *err);
/* The error of a field (when err names it), and the attributes pointing at
 * it (or at the field's hint). */
void family_field_error(struct html *h, const struct app_error *err, const char *name);
void family_describedby(struct html *h, const struct app_error *err, const char *name, bool hint);

/* The page sections of a pupil's attendance (page-family-home.c), shared by the
 * parent's view of a child and the pupil's own page. */
void family_section_figures(struct html *h, const char *lang, const struct family_view *v);
void family_section_band(struct html *h, const char *lang, const char *name,
			 const struct family_view *v);
void family_section_weeks(struct html *h, const char *lang, const struct family_view *v,
			  bool pupil_voice);
void family_section_lateness(struct html *h, const char *lang, const struct family_view *v);
/* The inline SVG of the weeks (family_chart.c), with its text alternative. */
void family_chart(struct html *h, const char *lang, const struct family_view *v);

/* A parent's reports and leave requests of one pupil (pupil_id 0: all of
 * the account's), with their state, newest first; withdraw buttons for
 * those not decided (family_requests.c). */
void family_requests_list(struct html *h, struct web_req *r, const char *lang,
			  const struct family_scope *sc, int64_t pupil_id);

/* ---- the school's pages about families (family_office.c) ---- */
/* A field of a form, or of the JSON body on the API's routes. */
struct web_input {
	struct web_req *r;
	json_t *json; /* the API's body (the caller drops it); NULL for a form */
};
bool web_is_api(const struct web_req *r);
/* Opens the input of a request: -1 with err when the API's body is bad. */
int web_input_open(struct web_req *r, struct web_input *in, struct app_error *err);
/* A string field; NULL when absent (or not a string). */
const char *web_input_get(const struct web_input *in, const char *name);
/* A field as checked text (parse_text_field), or as a whole number in
 * [min, max] (the JSON's number, or the form's text). */
int web_input_text(const struct web_input *in, const char *name, char *out, size_t len,
		   int required, struct app_error *err);
int web_input_int(const struct web_input *in, const char *name, long min, long max, long *out,
		  struct app_error *err);
/* The start of a school write: the request's input and a zeroed job of
 * size; NULL after answering. Its end: drops the input, then queues the
 * job through the writer (rc 0) or frees it and answers err. */
void *web_job_start(struct web_req *r, struct web_input *in, size_t size);
int web_job_queue(struct web_req *r, struct web_input *in, void *job, int rc,
		  const struct app_error *err,
		  int (*run)(struct server *srv, struct write_job *j, struct app_error *err),
		  int (*finish)(struct web_req *r, struct write_job *j));
/* The id of a path's first argument; 0 when it is not one. */
int64_t web_id_arg(struct web_req *r);
/* "Adams, Amy 7A" linked to the pupil's family accounts. */
void html_pupil_accounts_link(struct html *h, const struct engine *e, int64_t pupil_id);
/* A report's or a leave request's dates, in English. */
void html_family_dates(struct html *h, date_t from, enum session fs, date_t to, enum session ts);
/* A stored UTC instant in school time. */
void html_when(struct html *h, const char *iso);
/* The flash of ?done= on the school's family pages. */
void html_office_flash(struct html *h, struct web_req *r);
/* A labelled "reason" input. */
void html_reason_field(struct html *h, const char *id, const char *label, bool required);

/* ---- the handlers (routes.c) ---- */
int page_family_home(struct web_req *r);
int page_family_child(struct web_req *r);
int page_family_me(struct web_req *r);
int page_family_language(struct web_req *r);
int page_family_requests(struct web_req *r);
int page_family_report_withdraw(struct web_req *r);
int page_family_leave_withdraw(struct web_req *r);
int page_family_absence_get(struct web_req *r);
int page_family_absence_post(struct web_req *r);
int page_family_leave_get(struct web_req *r);
int page_family_leave_post(struct web_req *r);
int page_family_messages(struct web_req *r);
int page_family_message(struct web_req *r);
int page_family_message_pdf(struct web_req *r);
int page_invite_get(struct web_req *r);
int page_invite_post(struct web_req *r);
int page_family_accounts(struct web_req *r);
int page_family_invite(struct web_req *r);
int page_family_link_end(struct web_req *r);
int page_family_invitation_revoke(struct web_req *r);
int page_parent_reports(struct web_req *r);
int page_parent_report_decide(struct web_req *r);
int page_leave_list(struct web_req *r);
int page_leave_get(struct web_req *r);
int page_leave_decide(struct web_req *r);
int page_leave_letter(struct web_req *r);
int page_leave_unauthorised(struct web_req *r);
int api_family(struct web_req *r);
int api_family_child(struct web_req *r);
int api_family_absence(struct web_req *r);
int api_family_leave(struct web_req *r);
int api_family_messages(struct web_req *r);
int api_me(struct web_req *r);
int api_invitation_redeem(struct web_req *r);
int api_parent_reports(struct web_req *r);
int api_leave_list(struct web_req *r);

#endif
