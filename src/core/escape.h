/* The one HTML escaper of attend: & < > " ' become entities, everything
 * else stands for itself. The web pages (web/html.c) and the HTML part of
 * emails (comms/template.c) both write through it. Pure. */
#ifndef ATTEND_ESCAPE_H
#define ATTEND_ESCAPE_H

#include <stddef.h>

/* Where the escaped text goes: n bytes of s; -1 stops (no memory). */
typedef int (*escape_emit)(void *ctx, const char *s, size_t n);
/* Escapes n bytes of s for element content and quoted attribute values
 * alike, in runs; -1 when emit failed. */
int escape_html(const char *s, size_t n, escape_emit emit, void *ctx);

#endif
