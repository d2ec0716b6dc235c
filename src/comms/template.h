/* The message template language: text with {{field}} merge fields from a
 * declared list, nothing else (no code, no loops, no includes), so a
 * template can be edited by the office without risk. An unknown field is an
 * error when the template is saved, naming it and where it is. Rendering
 * HTML-escapes the text and every value. Pure: no I/O. */
#ifndef ATTEND_TEMPLATE_H
#define ATTEND_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/error.h"

enum tfield {
	TF_PUPIL_FORENAME,
	TF_PUPIL_SURNAME,
	TF_PUPIL_NAME,
	TF_YEAR_GROUP,
	TF_FORM,
	TF_CONTACT_NAME,
	TF_CONTACT_RELATIONSHIP,
	TF_SCHOOL_NAME,
	TF_SCHOOL_ADDRESS,
	TF_SCHOOL_PHONE,
	TF_SCHOOL_EMAIL,
	TF_HEAD_TEACHER,
	TF_ATTENDANCE_LEAD,
	TF_SUPPORT_OFFER,
	TF_TODAY,
	TF_SESSIONS_MISSED,
	TF_SESSIONS_POSSIBLE,
	TF_DAYS_MISSED,
	TF_LESSONS_MISSED,
	TF_DAYS_LESSONS_MISSED,
	TF_ATTENDANCE_PCT,
	TF_BACK_TO_90,
	TF_BACK_TO_90_DATE,
	TF_BACK_TO_90_DAYS,
	TF_TREND,
	TF_ATTENDANCE_MONTH_AGO,
	TF_MEETING_WHEN,
	/* families' accounts and leave (issue 12): given by the sender */
	TF_INVITATION_CODE,
	TF_INVITATION_LINK,
	TF_INVITATION_EXPIRES,
	TF_LEAVE_DATES,
	TF_LEAVE_DAYS_LESSONS,
	TF_LEAVE_REASON,
	TF_LEAVE_DECISION_REASON,
	TF__MAX
};

struct tfield_info {
	const char *name;
	const char *description;
	bool supplied; /* given by the sender (--field NAME=VALUE), not computed */
};
const struct tfield_info *template_field(enum tfield f);
/* The field of that name, or -1. */
int template_field_parse(const char *name, size_t len);

struct template_piece {
	int field;       /* enum tfield, or -1 for literal text */
	size_t off, len; /* the literal's place in the text */
};

struct template {
	const char *text; /* not owned */
	struct template_piece *piece;
	int n;
	uint64_t uses; /* bit f: the template uses field f */
};

/* Parses text. what names the part in errors ("body", "subject"). An
 * unknown field, an unclosed "{{" or an empty "{{}}" is an error naming the
 * line and the field; the message lists the known fields. */
int template_parse(const char *text, const char *what, struct template *out, struct app_error *err);
void template_free(struct template *t);

enum template_escape { TEMPLATE_TEXT, TEMPLATE_HTML };
/* The text with each field replaced by values[field] (NULL reads as "").
 * TEMPLATE_HTML escapes & < > " ' in the text and in the values. Returns a
 * heap string, or NULL when out of memory. */
char *template_render(const struct template *t, const char *const values[TF__MAX],
		      enum template_escape esc);

/* Appends s to a heap buffer, HTML-escaped or not; -1 when out of memory. */
struct tbuf {
	char *p;
	size_t len, cap;
};
int tbuf_add(struct tbuf *b, const char *s, size_t n);
int tbuf_add_html(struct tbuf *b, const char *s, size_t n);
int tbuf_printf(struct tbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
