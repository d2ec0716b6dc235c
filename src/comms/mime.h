/* Email messages as RFC 5322 / MIME text: headers (RFC 2047 encoded words
 * for anything not ASCII), a multipart/alternative body of text and HTML
 * (quoted-printable, UTF-8) and, for letters, the PDF attached (base64).
 * Built once when the message is queued and kept in the outbox, so what
 * was sent is exactly what is stored. Pure: no I/O. */
#ifndef ATTEND_MIME_H
#define ATTEND_MIME_H

#include <stddef.h>
#include <time.h>

#include "comms/template.h"

struct mime_attachment {
	const char *filename;
	const char *type; /* "application/pdf" */
	const unsigned char *data;
	size_t len;
};

struct mime_email {
	const char *from_name, *from_addr;
	const char *to_name, *to_addr;
	const char *reply_to; /* NULL or "": none */
	const char *subject;
	const char *message_id; /* with its angle brackets */
	time_t date;
	const char *text, *html;
	const struct mime_attachment *attachment; /* NULL: none */
	const char *boundary_seed;                /* makes the boundaries unique */
};

/* The whole message, lines ending CRLF. -1 when out of memory. */
int mime_build(const struct mime_email *m, struct tbuf *out);

/* Pieces, for tests. */
int mime_quoted_printable(struct tbuf *out, const char *text);
int mime_encode_words(struct tbuf *out, const char *text); /* RFC 2047 when not ASCII */
int mime_mailbox(struct tbuf *out, const char *name, const char *addr);
int mime_base64_lines(struct tbuf *out, const unsigned char *p, size_t n);

/* Text paragraphs as HTML: each blank-line-separated paragraph in <p>, single
 * line breaks as <br>; the text must already be HTML-escaped. */
int mime_html_paragraphs(struct tbuf *out, const char *escaped);

#endif
