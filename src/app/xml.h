/* XML through libxml2, never by pasting strings: a writer whose every text
 * is escaped by the library (so '<', '>', '&', '"' and any name in any
 * script come out right), and a reader that refuses DOCTYPEs, never touches
 * the network, and names the file, line and element of every complaint. */
#ifndef ATTEND_XML_H
#define ATTEND_XML_H

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdbool.h>

#include "app/error.h"
#include "core/date.h"
#include "core/matrix.h"

struct xml_writer {
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	bool failed;
};

/* Starts a UTF-8 document, indented, with its root element open. */
int xml_writer_open(struct xml_writer *x, const char *root, struct app_error *err);
void xml_start(struct xml_writer *x, const char *name);
void xml_end(struct xml_writer *x);
void xml_text(struct xml_writer *x, const char *name, const char *text);
void xml_int(struct xml_writer *x, const char *name, long long value);
void xml_date(struct xml_writer *x, const char *name, date_t day);
void xml_comment(struct xml_writer *x, const char *text);
/* A pupil's identity as the DfE's formats write it: UPN, Surname, Forename,
 * DOB and Sex. */
void xml_pupil(struct xml_writer *x, const struct pupil_row *r);
/* The school-local time now, as YYYY-MM-DDTHH:MM:SS. */
void xml_now(struct xml_writer *x, const char *name);
/* Ends the document and writes it out; frees the writer. */
struct output;
int xml_writer_close(struct xml_writer *x, struct output *out, struct app_error *err);
void xml_writer_free(struct xml_writer *x);

/* A parsed file, its path for messages and the SHA-256 of its bytes. */
struct xml_file {
	xmlDocPtr doc;
	const char *path;
	char sha256[65];
};

#define XML_FILE_MAX (64L << 20)

int xml_file_load(struct xml_file *f, const char *path, struct app_error *err);
void xml_file_free(struct xml_file *f);

/* Fails with the place of node ("FILE:LINE") and the field named. */
int xml_fail(const struct xml_file *f, xmlNodePtr node, struct app_error *err, const char *field,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The first element child of parent with that name (NULL: any name), or NULL. */
xmlNodePtr xml_child(xmlNodePtr parent, const char *name);
/* The next element sibling after node with that name, or NULL. */
xmlNodePtr xml_next(xmlNodePtr node, const char *name);
/* The text of parent's only child element `name`, trimmed of white space.
 * Returns 0; 1 when the element is absent and not required; -1 when it is
 * absent but required, given twice, or longer than len - 1 bytes. */
int xml_child_text(const struct xml_file *f, xmlNodePtr parent, const char *name, bool required,
		   char *out, size_t len, struct app_error *err);
/* A whole number child element in [min, max]. */
int xml_child_int(const struct xml_file *f, xmlNodePtr parent, const char *name, long min,
		  long max, long *out, struct app_error *err);

#endif
