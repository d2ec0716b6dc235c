#include "core/escape.h"

#include <string.h>

int escape_html(const char *s, size_t n, escape_emit emit, void *ctx)
{
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		if (emit(ctx, s + from, i - from) < 0 || emit(ctx, rep, strlen(rep)) < 0)
			return -1;
		from = i + 1;
	}
	return emit(ctx, s + from, n - from);
}
