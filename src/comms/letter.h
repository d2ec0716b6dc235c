/* Letters as PDF (cairo + pango): A4, the school's letterhead, the date,
 * the addressee, the subject, a figure box of the pupil's attendance in
 * days and lessons with a bar against 90% and 95%, and the body, across as
 * many pages as it needs. */
#ifndef ATTEND_LETTER_H
#define ATTEND_LETTER_H

#include <stdint.h>

#include "app/error.h"
#include "comms/template.h"

#define LETTER_BOX_LINES 4

struct letter {
	const char *language; /* for shaping and hyphenation: "en", "pl" */
	const char *school_name, *school_address, *school_phone, *school_email;
	const char *date_text;
	const char *to_name, *to_address, *to_postcode;
	const char *subject;
	const char *body;
	const char *box_title;
	const char *box_line[LETTER_BOX_LINES]; /* NULL: none */
	int64_t pct100;                         /* the bar; -1: no bar */
};

/* Appends the PDF to out. */
int letter_pdf(const struct letter *l, struct tbuf *out, struct app_error *err);

#endif
