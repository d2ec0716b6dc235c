/* Writing an export: to stdout, or to a file that appears whole or not at
 * all (written beside it, flushed to disk, then renamed over it), so a
 * failed export never leaves half a file where a complete one is expected. */
#ifndef ATTEND_OUTPUT_H
#define ATTEND_OUTPUT_H

#include <stddef.h>

#include "app/error.h"

/* path NULL or "-": stdout. */
int output_write(const char *path, const void *data, size_t len, struct app_error *err);

#endif
