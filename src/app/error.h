/* What went wrong, said so that a person can fix it: the kind (which maps to
 * an exit status or an HTTP status), the input field, and a sentence. */
#ifndef ATTEND_ERROR_H
#define ATTEND_ERROR_H

#include <stddef.h>

enum err_kind {
	ERR_NONE,
	ERR_INPUT,     /* bad input: exit 1, HTTP 400 */
	ERR_NOT_FOUND, /* HTTP 404 */
	ERR_CONFLICT,  /* HTTP 409 */
	ERR_FORBIDDEN, /* HTTP 403 */
	ERR_TOO_LARGE, /* HTTP 413 */
	ERR_INTERNAL,  /* the database or the machine failed: HTTP 500 */
	ERR__MAX
};

struct app_error {
	enum err_kind kind;
	char where[256]; /* "marks.csv:12", when the input was a file */
	char field[48];
	char message[1024]; /* room for a template's whole list of fields */
};

/* Fills err and returns -1, so callers can `return app_fail(...)`. */
int app_fail(struct app_error *err, enum err_kind kind, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void app_error_clear(struct app_error *err);
/* Says where in the input the error is ("marks.csv:12"). */
void app_error_where(struct app_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One line for a person: "marks.csv:12: code: 'ZZ' is not a DfE code". */
void app_error_format(const struct app_error *err, char *out, size_t len);

#endif
