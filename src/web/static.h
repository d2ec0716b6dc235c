/* The web app's static files, embedded at build time (embed-static.sh). */
#ifndef ATTEND_STATIC_H
#define ATTEND_STATIC_H

#include <stddef.h>

struct static_file {
	const char *name, *ctype, *etag;
	const unsigned char *data;
	size_t len;
};
extern const struct static_file static_files[];
extern const int static_n_files;

const struct static_file *static_find(const char *name);
/* The ETag of a file, for cache-busting URLs ("" if there is no such file). */
const char *static_etag(const char *name);

#endif
