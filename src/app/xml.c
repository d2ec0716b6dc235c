#include "app/xml.h"

#include <errno.h>
#include <libxml/parser.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/output.h"

#define X(s) ((const xmlChar *)(s))

/* ---- writing ---- */

static void check(struct xml_writer *x, int rc)
{
	if (rc < 0)
		x->failed = true;
}

int xml_writer_open(struct xml_writer *x, const char *root, struct app_error *err)
{
	memset(x, 0, sizeof *x);
	x->buf = xmlBufferCreate();
	if (!x->buf || !(x->w = xmlNewTextWriterMemory(x->buf, 0))) {
		xml_writer_free(x);
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	}
	check(x, xmlTextWriterSetIndent(x->w, 1));
	check(x, xmlTextWriterSetIndentString(x->w, X("  ")));
	check(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
	xml_start(x, root);
	return 0;
}

void xml_start(struct xml_writer *x, const char *name)
{
	check(x, xmlTextWriterStartElement(x->w, X(name)));
}

void xml_end(struct xml_writer *x)
{
	check(x, xmlTextWriterEndElement(x->w));
}

void xml_text(struct xml_writer *x, const char *name, const char *text)
{
	check(x, xmlTextWriterWriteElement(x->w, X(name), X(text ? text : "")));
}

void xml_int(struct xml_writer *x, const char *name, long long value)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", value);
	xml_text(x, name, buf);
}

void xml_date(struct xml_writer *x, const char *name, date_t day)
{
	char buf[DATE_ISO_LEN];
	xml_text(x, name, date_format(day, buf));
}

void xml_comment(struct xml_writer *x, const char *text)
{
	check(x, xmlTextWriterWriteComment(x->w, X(text)));
}

void xml_pupil(struct xml_writer *x, const struct pupil_row *r)
{
	char sex[2] = {r->gender, 0};
	xml_text(x, "UPN", r->upn);
	xml_text(x, "Surname", r->surname);
	xml_text(x, "Forename", r->forename);
	xml_date(x, "DOB", r->dob);
	xml_text(x, "Sex", sex);
}

void xml_now(struct xml_writer *x, const char *name)
{
	char when[32];
	struct timespec now = clock_now();
	struct tm tm;
	localtime_r(&now.tv_sec, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	xml_text(x, name, when);
}

void xml_writer_free(struct xml_writer *x)
{
	if (x->w)
		xmlFreeTextWriter(x->w);
	if (x->buf)
		xmlBufferFree(x->buf);
	memset(x, 0, sizeof *x);
}

int xml_writer_close(struct xml_writer *x, struct output *out, struct app_error *err)
{
	check(x, xmlTextWriterEndDocument(x->w));
	/* Freeing the writer flushes it into the buffer. */
	xmlFreeTextWriter(x->w);
	x->w = NULL;
	int ret;
	if (x->failed)
		ret = app_fail(err, ERR_INTERNAL, NULL, "the XML writer failed (out of memory?)");
	else
		ret = output_put(out, xmlBufferContent(x->buf), (size_t)xmlBufferLength(x->buf), err);
	xml_writer_free(x);
	return ret;
}

/* ---- reading ---- */

int xml_fail(const struct xml_file *f, xmlNodePtr node, struct app_error *err, const char *field,
	     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err->kind = ERR_INPUT;
	snprintf(err->field, sizeof err->field, "%s", field ? field : "");
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	long line = node ? xmlGetLineNo(node) : 0;
	if (line > 0)
		app_error_where(err, "%s:%ld", f->path, line);
	else
		app_error_where(err, "%s", f->path);
	return -1;
}

static int read_all(const char *path, char **data, size_t *len, struct app_error *err)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return app_fail(err, ERR_INPUT, "file", "%s: %s", path, strerror(errno));
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	int ret = 0;
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, in);
		n += got;
		if (got == 0)
			break;
		if (n > (size_t)XML_FILE_MAX) {
			ret = app_fail(err, ERR_TOO_LARGE, "file", "%s is larger than %ld MB", path,
				       XML_FILE_MAX >> 20);
			break;
		}
		if (n == cap) {
			char *more = realloc(buf, cap * 2);
			if (!more) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = more;
			cap *= 2;
		}
	}
	if (!buf)
		ret = app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	else if (ret == 0 && ferror(in))
		ret = app_fail(err, ERR_INPUT, "file", "%s: %s", path, strerror(errno));
	fclose(in);
	if (ret < 0) {
		free(buf);
		return -1;
	}
	*data = buf;
	*len = n;
	return 0;
}

int xml_file_load(struct xml_file *f, const char *path, struct app_error *err)
{
	memset(f, 0, sizeof *f);
	f->path = path;
	char *data = NULL;
	size_t len = 0;
	if (read_all(path, &data, &len, err) < 0)
		return -1;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, (const unsigned char *)data, len);
	sodium_bin2hex(f->sha256, sizeof f->sha256, digest, sizeof digest);

	/* No network, no entity substitution, no DTD loading; errors kept,
	 * not printed. */
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		free(data);
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	}
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
	f->doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, NULL, opts);
	int ret = 0;
	if (!f->doc) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[300] = "not well-formed XML";
		if (e && e->message) {
			snprintf(msg, sizeof msg, "%s", e->message);
			size_t n = strlen(msg);
			while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
				msg[--n] = '\0';
		}
		ret = app_fail(err, ERR_INPUT, NULL, "not well-formed XML: %s", msg);
		if (e && e->line > 0)
			app_error_where(err, "%s:%d", path, e->line);
		else
			app_error_where(err, "%s", path);
	} else if (f->doc->intSubset || f->doc->extSubset) {
		ret = xml_fail(f, (xmlNodePtr)f->doc->intSubset, err, NULL,
			       "the file has a DOCTYPE: attend reads plain XML without one");
	} else if (!xmlDocGetRootElement(f->doc)) {
		ret = xml_fail(f, NULL, err, NULL, "the file has no root element");
	}
	xmlFreeParserCtxt(ctxt);
	free(data);
	if (ret < 0)
		xml_file_free(f);
	return ret;
}

void xml_file_free(struct xml_file *f)
{
	if (f->doc)
		xmlFreeDoc(f->doc);
	f->doc = NULL;
}

xmlNodePtr xml_next(xmlNodePtr node, const char *name)
{
	for (node = node ? node->next : NULL; node; node = node->next)
		if (node->type == XML_ELEMENT_NODE && (!name || xmlStrcmp(node->name, X(name)) == 0))
			return node;
	return NULL;
}

xmlNodePtr xml_child(xmlNodePtr parent, const char *name)
{
	xmlNodePtr c = parent ? parent->children : NULL;
	for (; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && (!name || xmlStrcmp(c->name, X(name)) == 0))
			return c;
	return NULL;
}

int xml_child_text(const struct xml_file *f, xmlNodePtr parent, const char *name, bool required,
		   char *out, size_t len, struct app_error *err)
{
	char field[128];
	snprintf(field, sizeof field, "%s/%s", (const char *)parent->name, name);
	out[0] = '\0';
	xmlNodePtr c = xml_child(parent, name);
	if (!c) {
		if (required)
			return xml_fail(f, parent, err, field, "%s has no %s", (const char *)parent->name,
					name);
		return 1;
	}
	xmlNodePtr again = xml_next(c, name);
	if (again)
		return xml_fail(f, again, err, field, "%s is given twice", name);
	if (xml_child(c, NULL))
		return xml_fail(f, c, err, field, "%s holds elements where text was expected", name);
	xmlChar *text = xmlNodeGetContent(c);
	const char *t = text ? (const char *)text : "";
	while (*t && strchr(" \t\r\n", *t))
		t++;
	size_t n = strlen(t);
	while (n > 0 && strchr(" \t\r\n", t[n - 1]))
		n--;
	int ret = 0;
	if (n >= len)
		ret = xml_fail(f, c, err, field, "%s is longer than %zu characters", name, len - 1);
	else if (n == 0 && required)
		ret = xml_fail(f, c, err, field, "%s is empty", name);
	else {
		memcpy(out, t, n);
		out[n] = '\0';
	}
	xmlFree(text);
	return ret;
}

int xml_child_int(const struct xml_file *f, xmlNodePtr parent, const char *name, long min,
		  long max, long *out, struct app_error *err)
{
	char text[32];
	if (xml_child_text(f, parent, name, true, text, sizeof text, err) < 0)
		return -1;
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (*end || errno || text[0] == '+' || text[0] == '-' || v < min || v > max) {
		char field[128];
		snprintf(field, sizeof field, "%s/%s", (const char *)parent->name, name);
		return xml_fail(f, xml_child(parent, name), err, field,
				"%s '%s' is not a whole number from %ld to %ld", name, text, min, max);
	}
	*out = v;
	return 0;
}
