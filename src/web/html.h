/* Writing HTML: text and attribute values always go through the escaping
 * writers; raw output is only for string literals (html_lit), so nothing a
 * user typed can become markup. */
#ifndef ATTEND_HTML_H
#define ATTEND_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct web_req;

struct html {
	char *buf;
	size_t len, cap;
	bool oom;
};

void html_raw_(struct html *h, const char *s, size_t n);
/* Literal markup: only a string literal compiles here. */
#define html_lit(h, s) html_raw_((h), "" s "", sizeof(s) - 1)
/* Text, escaped for element content and quoted attribute values alike. */
void html_txt(struct html *h, const char *s);
#define html_attr html_txt
/* printf, then escaped. */
void html_txtf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_int(struct html *h, long v);
/* A path segment for an href: percent-encoded, then escaped. */
void html_url_seg(struct html *h, const char *s);
/* The same for each '/'-separated part of s, the slashes kept (a class code
 * such as 10A/Ma1 in a {name*} route argument). */
void html_url_path(struct html *h, const char *s);

/* The page around a handler's content: head, navigation for the signed-in
 * role, and the end. */
void html_begin(struct html *h, struct web_req *r, const char *title);
void html_end(struct html *h, struct web_req *r);
/* A hidden CSRF field for a form of a signed-in page. */
void html_csrf(struct html *h, struct web_req *r);
/* Hands the page to the request (frees h's buffer or answers 500). */
int html_send(struct html *h, struct web_req *r, int status);

/* Shared bits of the register pages (page-today.c). */
struct register_status;
void web_status_text(struct html *h, const struct register_status *s);
void web_register_href(struct html *h, const char *form, int day, int session);

/* A GET form choosing a day for the page at action. */
void html_day_form(struct html *h, const char *action, int day);
/* "Thursday 27 November 2026" */
char *html_long_date(int day, char out[40]);

/* ---- the pages of the first-day response and of families (forms.c) ---- */
struct contact_rec;
struct web_contacts {
	struct contact_rec *v;
	int n;
};
/* A pupil's current contacts by priority; -1 with err. */
struct store;
struct app_error;
int web_contacts_load(struct store *s, int64_t school_id, int64_t pupil_id,
		      struct web_contacts *out, struct app_error *err);
void web_contacts_free(struct web_contacts *c);
/* <option>s of the contacts (only those the school can phone, when
 * phone_only), `selected` chosen: "Jane Smith, mother: 07700 900123". */
void html_contact_options(struct html *h, const struct web_contacts *c, bool phone_only,
			  int selected);
/* A stored UTC instant as the local time of day, "09:12" (with the date
 * before it when it is not on `day`). */
void html_time(struct html *h, const char *iso_utc, int day);
/* The message of ?done=KEY, from the table of things a form does. */
void html_done_flash(struct html *h, struct web_req *r);
/* <a href="/pupils/UPN/family">Surname, Forename</a> */
struct pupil_row;
void html_pupil_link(struct html *h, const struct pupil_row *p);
/* Begins the page of a form about one pupil: the title "heading:
 * Forename Surname" and the heading with their name and form. */
void html_pupil_page_begin(struct html *h, struct web_req *r, const char *heading,
			   const struct pupil_row *p, const char *form);
/* A form's error at the top of the page it comes back to (NULL: none). */
void html_error_flash(struct html *h, const char *error);
/* Appends item (size bytes) to the malloc'd array *v of *n; -1 when out
 * of memory (for the store's callbacks that collect rows). */
int web_push(void *v, int *n, size_t size, const void *item);
/* <input type=hidden name=next> with the page's own path. */
void html_next(struct html *h, struct web_req *r);
/* A composed message as the family will get it (page-firstday.c). */
struct message;
void web_message_preview(struct html *h, const struct message *m);
/* A pupil's contact log as a section of any page about the pupil: every
 * entry (its versions when amended), a form to log a contact and one to
 * amend each entry; the forms come back to the page they are on. row is
 * an enrolment of the pupil in r->srv->e: call under the read lock, after
 * checking the account sees the pupil (web_pupil_row). */
void web_contact_log_section(struct html *h, struct web_req *r, int row);
/* The outbox's messages (status NULL: any; pupil_id 0: every pupil's),
 * newest first, with the letters' PDFs. */
void web_outbox_table(struct html *h, struct web_req *r, const char *status, int64_t pupil_id);
/* A labelled input: <label>Label <input name type value></label>;
 * maxlength 0: none. */
void html_input(struct html *h, const char *label, const char *name, const char *type,
		const char *value, int maxlength, bool required);
/* A labelled textarea. */
void html_textarea(struct html *h, const char *label, const char *name, const char *value,
		   int rows, int maxlength);

/* The N marks not replaced within 5 school days (the queue, the office). */
struct engine;
void web_overdue_section(struct html *h, const struct engine *e);

#endif
