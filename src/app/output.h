/* Writing an export: to stdout, or to a file that appears whole or not at
 * all (written beside it, flushed to disk, then renamed over it), so a
 * failed export never leaves half a file where a complete one is expected. */
#ifndef ATTEND_OUTPUT_H
#define ATTEND_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "app/error.h"

/* path NULL or "-": stdout. */
int output_write(const char *path, const void *data, size_t len, struct app_error *err);

/* Where an export goes: a file written whole or not at all (path), standard
 * output (path NULL or "-"), or memory (to_memory: data and len filled in,
 * for a web download; the caller frees data). */
struct output {
	const char *path;
	bool to_memory;
	char *data;
	size_t len;
};
int output_put(struct output *o, const void *data, size_t len, struct app_error *err);

/* The SHA-256 of data in hex (64 digits and a NUL), to record and print
 * beside what was written. */
#define OUTPUT_SHA256_HEX 65
void output_sha256(const void *data, size_t len, char out[OUTPUT_SHA256_HEX]);

#endif
