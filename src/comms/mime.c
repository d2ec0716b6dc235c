#include "comms/mime.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define ADD(s) tbuf_add(out, s, strlen(s))

static bool all_ascii_plain(const char *s, const char *specials)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p >= 0x7f || (specials && strchr(specials, *p)))
			return false;
	return true;
}

int mime_base64_lines(struct tbuf *out, const unsigned char *p, size_t n)
{
	/* 57 bytes make a 76-character line */
	char line[80];
	for (size_t at = 0; at < n; at += 57) {
		size_t k = n - at < 57 ? n - at : 57;
		sodium_bin2base64(line, sizeof line, p + at, k, sodium_base64_VARIANT_ORIGINAL);
		if (ADD(line) < 0 || ADD("\r\n") < 0)
			return -1;
	}
	return 0;
}

int mime_encode_words(struct tbuf *out, const char *text)
{
	if (all_ascii_plain(text, NULL) && !strstr(text, "=?"))
		return ADD(text);
	/* encoded words of at most 45 bytes of UTF-8 (60 of base64), never
	 * splitting a character, folded onto continuation lines */
	size_t n = strlen(text), at = 0;
	char b64[64];
	while (at < n) {
		size_t k = n - at < 45 ? n - at : 45;
		while (at + k < n && ((unsigned char)text[at + k] & 0xc0) == 0x80)
			k--;
		sodium_bin2base64(b64, sizeof b64, (const unsigned char *)text + at, k,
				  sodium_base64_VARIANT_ORIGINAL);
		if ((at && ADD("\r\n ") < 0) || ADD("=?UTF-8?B?") < 0 || ADD(b64) < 0 || ADD("?=") < 0)
			return -1;
		at += k;
	}
	return 0;
}

int mime_mailbox(struct tbuf *out, const char *name, const char *addr)
{
	if (name && *name) {
		if (all_ascii_plain(name, "()<>[]:;@\\,.\"")) {
			if (ADD(name) < 0)
				return -1;
		} else if (all_ascii_plain(name, NULL)) {
			/* a quoted string, with its quotes and backslashes escaped */
			if (ADD("\"") < 0)
				return -1;
			for (const char *p = name; *p; p++)
				if ((strchr("\"\\", *p) && ADD("\\") < 0) || tbuf_add(out, p, 1) < 0)
					return -1;
			if (ADD("\"") < 0)
				return -1;
		} else if (mime_encode_words(out, name) < 0) {
			return -1;
		}
		if (ADD(" ") < 0)
			return -1;
	}
	return tbuf_printf(out, "<%s>", addr);
}

int mime_quoted_printable(struct tbuf *out, const char *text)
{
	int col = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n') {
			if (ADD("\r\n") < 0)
				return -1;
			col = 0;
			continue;
		}
		char enc[4];
		bool at_eol = p[1] == '\n' || p[1] == '\0' || (p[1] == '\r' && p[2] == '\n');
		bool literal = (*p >= 33 && *p <= 126 && *p != '=') ||
			       ((*p == ' ' || *p == '\t') && !at_eol);
		int w = literal ? 1 : 3;
		if (col + w > 75) { /* a soft line break keeps lines at 76 */
			if (ADD("=\r\n") < 0)
				return -1;
			col = 0;
		}
		/* a dot first on a line is encoded too: nothing can read it as
		 * the end of the message */
		if (*p == '.' && col == 0)
			literal = false;
		if (literal) {
			enc[0] = (char)*p;
			enc[1] = '\0';
		} else {
			snprintf(enc, sizeof enc, "=%02X", *p);
		}
		w = (int)strlen(enc);
		if (ADD(enc) < 0)
			return -1;
		col += w;
	}
	return 0;
}

int mime_html_paragraphs(struct tbuf *out, const char *s)
{
	bool open = false;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		if (n == 0) { /* a blank line ends a paragraph */
			if (open && ADD("</p>\n") < 0)
				return -1;
			open = false;
		} else {
			if (!open && ADD("<p>") < 0)
				return -1;
			else if (open && ADD("<br>\n") < 0)
				return -1;
			if (tbuf_add(out, s, n) < 0)
				return -1;
			open = true;
		}
		s += n + (nl ? 1 : 0);
	}
	return open ? ADD("</p>\n") : 0;
}

static int header(struct tbuf *out, const char *name, const char *value)
{
	return tbuf_printf(out, "%s: %s\r\n", name, value);
}

int mime_build(const struct mime_email *m, struct tbuf *out)
{
	unsigned char h[crypto_generichash_BYTES_MIN];
	char hex[2 * sizeof h + 1], alt[64], mixed[64], date[64];
	crypto_generichash(h, sizeof h, (const unsigned char *)m->boundary_seed,
			   strlen(m->boundary_seed), NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	snprintf(alt, sizeof alt, "=_attend_alt_%s", hex);
	snprintf(mixed, sizeof mixed, "=_attend_mixed_%s", hex);
	struct tm tm;
	localtime_r(&m->date, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S %z", &tm);

	if (ADD("From: ") < 0 || mime_mailbox(out, m->from_name, m->from_addr) < 0 ||
	    ADD("\r\nTo: ") < 0 || mime_mailbox(out, m->to_name, m->to_addr) < 0 || ADD("\r\n") < 0)
		return -1;
	if (m->reply_to && *m->reply_to && tbuf_printf(out, "Reply-To: <%s>\r\n", m->reply_to) < 0)
		return -1;
	if (ADD("Subject: ") < 0 || mime_encode_words(out, m->subject) < 0 || ADD("\r\n") < 0 ||
	    header(out, "Date", date) < 0 || header(out, "Message-ID", m->message_id) < 0 ||
	    header(out, "MIME-Version", "1.0") < 0)
		return -1;
	if (m->attachment &&
	    (tbuf_printf(out, "Content-Type: multipart/mixed;\r\n boundary=\"%s\"\r\n\r\n", mixed) < 0 ||
	     tbuf_printf(out, "This is a message in MIME format.\r\n\r\n--%s\r\n", mixed) < 0))
		return -1;
	if (tbuf_printf(out, "Content-Type: multipart/alternative;\r\n boundary=\"%s\"\r\n\r\n", alt) < 0 ||
	    (!m->attachment && ADD("This is a message in MIME format.\r\n\r\n") < 0))
		return -1;
	const char *part_head = "Content-Type: %s; charset=UTF-8\r\n"
				"Content-Transfer-Encoding: quoted-printable\r\n\r\n";
	if (tbuf_printf(out, "--%s\r\n", alt) < 0 || tbuf_printf(out, part_head, "text/plain") < 0 ||
	    mime_quoted_printable(out, m->text) < 0 || tbuf_printf(out, "\r\n--%s\r\n", alt) < 0 ||
	    tbuf_printf(out, part_head, "text/html") < 0 || mime_quoted_printable(out, m->html) < 0 ||
	    tbuf_printf(out, "\r\n--%s--\r\n", alt) < 0)
		return -1;
	if (m->attachment) {
		const struct mime_attachment *a = m->attachment;
		if (tbuf_printf(out, "\r\n--%s\r\n", mixed) < 0 ||
		    tbuf_printf(out, "Content-Type: %s; name=\"%s\"\r\n", a->type, a->filename) < 0 ||
		    ADD("Content-Transfer-Encoding: base64\r\n") < 0 ||
		    tbuf_printf(out, "Content-Disposition: attachment; filename=\"%s\"\r\n\r\n",
				a->filename) < 0 ||
		    mime_base64_lines(out, a->data, a->len) < 0 ||
		    tbuf_printf(out, "\r\n--%s--\r\n", mixed) < 0)
			return -1;
	}
	return 0;
}
