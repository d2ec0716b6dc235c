#include "app/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int app_fail(struct app_error *err, enum err_kind kind, const char *field, const char *fmt, ...)
{
	if (!err)
		return -1;
	err->kind = kind;
	snprintf(err->field, sizeof err->field, "%s", field ? field : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return -1;
}

void app_error_clear(struct app_error *err)
{
	memset(err, 0, sizeof *err);
}

void app_error_where(struct app_error *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->where, sizeof err->where, fmt, ap);
	va_end(ap);
}

void app_error_format(const struct app_error *err, char *out, size_t len)
{
	size_t n = 0;
	out[0] = '\0';
	if (err->where[0])
		n += (size_t)snprintf(out, len, "%s: ", err->where);
	/* Name the field first unless the sentence already starts with it. */
	size_t fl = strlen(err->field);
	if (fl && n < len && strncmp(err->message, err->field, fl) != 0)
		n += (size_t)snprintf(out + n, len - n, "%s: ", err->field);
	if (n < len)
		snprintf(out + n, len - n, "%s", err->message);
}
