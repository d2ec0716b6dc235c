/* Serving the embedded static files with an ETag and a day's caching;
 * pages link them as /static/NAME?v=ETAG, so a new build is fetched. */
#include "web/static.h"

#include <microhttpd.h>
#include <string.h>

#include "web/web.h"

const struct static_file *static_find(const char *name)
{
	for (int i = 0; i < static_n_files; i++)
		if (strcmp(static_files[i].name, name) == 0)
			return &static_files[i];
	return NULL;
}

const char *static_etag(const char *name)
{
	const struct static_file *f = static_find(name);
	return f ? f->etag : "";
}

int page_static(struct web_req *r)
{
	const struct static_file *f = static_find(r->args[0]);
	if (!f)
		return web_fail(r, ERR_NOT_FOUND, NULL, "there is no file %s", r->args[0]);
	char etag[40];
	snprintf(etag, sizeof etag, "\"%s\"", f->etag);
	web_add_header(r, "ETag", "%s", etag);
	web_add_header(r, "Cache-Control", "public, max-age=86400");
	const char *inm = web_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (inm && strstr(inm, etag)) {
		r->status = 304;
		return 0;
	}
	r->status = 200;
	r->ctype = f->ctype;
	r->out_static = f->data;
	r->out_len = f->len;
	return 0;
}
