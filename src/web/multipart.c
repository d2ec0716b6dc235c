/* multipart/form-data (RFC 7578), for the forms that upload a file: the
 * body is split in place, each part's name, file name and type read from
 * its headers; the data of a part is never interpreted here. */
#include "web/multipart.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The value of a parameter (name="value" or name=value) in a header, copied. */
static int param(const char *h, const char *end, const char *name, char *out, size_t len)
{
	size_t n = strlen(name);
	for (const char *p = h; p + n < end; p++) {
		if (strncasecmp(p, name, n) != 0 || p[n] != '=' || (p > h && p[-1] != ' ' && p[-1] != ';'))
			continue;
		p += n + 1;
		const char *v = p, *ve;
		if (*p == '"') {
			v = ++p;
			ve = memchr(p, '"', (size_t)(end - p));
			if (!ve)
				return -1;
		} else {
			ve = p;
			while (ve < end && *ve != ';' && *ve != ' ')
				ve++;
		}
		size_t k = (size_t)(ve - v);
		if (k >= len)
			return -1;
		memcpy(out, v, k);
		out[k] = '\0';
		return 1;
	}
	return 0;
}

int multipart_boundary(const char *content_type, char *out, size_t len)
{
	if (!content_type || strncasecmp(content_type, "multipart/form-data", 19) != 0)
		return -1;
	const char *end = content_type + strlen(content_type);
	int rc = param(content_type, end, "boundary", out, len);
	return rc == 1 && out[0] && strlen(out) <= 70 ? 0 : -1;
}

int multipart_parse(char *body, size_t len, const char *boundary, struct mp_part *parts, int max,
		    const char **why)
{
	char delim[80];
	size_t dl = (size_t)snprintf(delim, sizeof delim, "--%s", boundary);
	char *end = body + len;
	char *p = memmem(body, len, delim, dl);
	int n = 0;
	*why = "the form's parts are not correctly delimited";
	if (!p)
		return -1;
	for (;;) {
		p += dl;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return n; /* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return -1;
		p += 2;
		char *hend = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			return -1;
		if (n == max) {
			*why = "the form has too many parts";
			return -1;
		}
		struct mp_part *m = &parts[n];
		memset(m, 0, sizeof *m);
		bool named = false;
		for (char *line = p; line < hend;) {
			char *le = memmem(line, (size_t)(hend + 2 - line), "\r\n", 2);
			if (!le)
				le = hend;
			if (strncasecmp(line, "Content-Disposition:", 20) == 0) {
				if (param(line, le, "name", m->name, sizeof m->name) != 1) {
					*why = "a part of the form has no name";
					return -1;
				}
				named = true;
				int f = param(line, le, "filename", m->filename, sizeof m->filename);
				if (f < 0) {
					*why = "a file's name is too long";
					return -1;
				}
				m->is_file = f == 1;
			} else if (strncasecmp(line, "Content-Type:", 13) == 0) {
				char *v = line + 13;
				while (v < le && *v == ' ')
					v++;
				size_t k = (size_t)(le - v) < sizeof m->ctype - 1 ? (size_t)(le - v)
										   : sizeof m->ctype - 1;
				memcpy(m->ctype, v, k);
				m->ctype[k] = '\0';
			}
			line = le + 2;
		}
		if (!named)
			return -1;
		char *data = hend + 4;
		char next[84];
		size_t nl = (size_t)snprintf(next, sizeof next, "\r\n%s", delim);
		char *dend = memmem(data, (size_t)(end - data), next, nl);
		if (!dend)
			return -1;
		m->data = data;
		m->len = (size_t)(dend - data);
		*dend = '\0'; /* the '\r' before the next delimiter, already found */
		n++;
		p = dend + 2;
	}
}
