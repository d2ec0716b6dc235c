/* multipart/form-data bodies (a form with a file to upload). */
#ifndef ATTEND_MULTIPART_H
#define ATTEND_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

struct mp_part {
	char name[64];
	char filename[256];
	char ctype[64];
	bool is_file;
	char *data; /* into the body; NUL after len (text fields are strings) */
	size_t len;
};

/* The boundary of a multipart/form-data Content-Type; -1 if it is not one. */
int multipart_boundary(const char *content_type, char *out, size_t len);
/* Splits body into at most max parts; their count, or -1 with *why. */
int multipart_parse(char *body, size_t len, const char *boundary, struct mp_part *parts, int max,
		    const char **why);

#endif
