#include "app/csv.h"

#include "core/groups.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct state {
	const char *path;
	const struct csv_column *cols;
	int n_cols;
	unsigned flags;
	csv_record_cb cb;
	void *ctx;
	struct app_error *err;
	/* the record being assembled */
	char *fields[CSV_MAX_FIELDS];
	int n_fields, too_many;
	int record_line, next_line_starts_record;
	int map[CSV_MAX_FIELDS]; /* file column -> cols index, -1 unknown */
	int header_done;
	uint64_t present;
	long records;
	int failed;
};

int csv_text_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		int n;
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return 0;
			p++;
			continue;
		}
		unsigned cp;
		if ((c & 0xe0) == 0xc0) {
			n = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		/* overlong forms, surrogates and values past U+10FFFF */
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		p += n + 1;
	}
	return 1;
}

static void clear_record(struct state *st)
{
	for (int i = 0; i < st->n_fields; i++)
		free(st->fields[i]);
	st->n_fields = 0;
	st->too_many = 0;
}

static void on_field(void *data, size_t len, void *vst)
{
	struct state *st = vst;
	if (st->failed)
		return;
	if (st->n_fields == CSV_MAX_FIELDS) {
		st->too_many = 1;
		return;
	}
	char *f = malloc(len + 1);
	if (!f) {
		st->failed = 1;
		app_fail(st->err, ERR_INTERNAL, NULL, "out of memory");
		return;
	}
	memcpy(f, data ? data : "", len);
	f[len] = '\0';
	st->fields[st->n_fields++] = f;
}

static int check_header(struct state *st)
{
	struct app_error *err = st->err;
	int seen[CSV_MAX_FIELDS] = {0};
	for (int i = 0; i < st->n_fields; i++) {
		const char *h = st->fields[i];
		/* A UTF-8 byte order mark may start the file. */
		if (i == 0 && strncmp(h, "\xef\xbb\xbf", 3) == 0)
			h += 3;
		st->map[i] = -1;
		for (int c = 0; c < st->n_cols; c++)
			if (strcasecmp(h, st->cols[c].name) == 0)
				st->map[i] = c;
		if (st->map[i] < 0 && (st->flags & CSV_IGNORE_UNKNOWN))
			continue;
		if (st->map[i] < 0) {
			char expected[512] = "";
			for (int c = 0; c < st->n_cols; c++) {
				strncat(expected, st->cols[c].name, sizeof expected - strlen(expected) - 1);
				if (c + 1 < st->n_cols)
					strncat(expected, ",", sizeof expected - strlen(expected) - 1);
			}
			return app_fail(err, ERR_INPUT, h, "unknown column '%s' (the columns are %s)", h,
					expected);
		}
		if (seen[st->map[i]]++)
			return app_fail(err, ERR_INPUT, h, "column '%s' appears twice", h);
		st->present |= (uint64_t)1 << st->map[i];
	}
	for (int c = 0; c < st->n_cols; c++)
		if (st->cols[c].required && !seen[c])
			return app_fail(err, ERR_INPUT, st->cols[c].name, "missing column '%s'",
					st->cols[c].name);
	return 0;
}

static void on_record(int term, void *vst)
{
	(void)term;
	struct state *st = vst;
	st->next_line_starts_record = 1;
	if (st->failed)
		goto out;
	if (st->too_many) {
		app_fail(st->err, ERR_INPUT, NULL, "more than %d fields", CSV_MAX_FIELDS);
		st->failed = 1;
		goto out;
	}
	for (int i = 0; i < st->n_fields; i++) {
		if (!csv_text_ok(st->fields[i])) {
			app_fail(st->err, ERR_INPUT, NULL, "field %d is not valid UTF-8 text", i + 1);
			st->failed = 1;
			goto out;
		}
	}
	if (!st->header_done) {
		st->header_done = 1;
		if (check_header(st) < 0)
			st->failed = 1;
		else
			st->header_done = st->n_fields; /* number of header columns */
		goto out;
	}
	if (st->n_fields != st->header_done) {
		app_fail(st->err, ERR_INPUT, NULL, "%d fields where the header has %d", st->n_fields,
			 st->header_done);
		st->failed = 1;
		goto out;
	}
	struct csv_record rec = {.line = st->record_line, .n_fields = st->n_cols,
				 .present = st->present};
	for (int c = 0; c < st->n_cols; c++)
		rec.field[c] = "";
	for (int i = 0; i < st->n_fields; i++)
		if (st->map[i] >= 0)
			rec.field[st->map[i]] = st->fields[i];
	st->records++;
	if (st->cb(st->ctx, &rec, st->err) < 0)
		st->failed = 1;
out:
	clear_record(st);
}

long csv_read(const char *path, const struct csv_column *cols, int n_cols, csv_record_cb cb,
	      void *ctx, struct app_error *err)
{
	return csv_read_ex(path, cols, n_cols, 0, cb, ctx, err);
}

void csv_write_field(FILE *out, const char *text)
{
	if (!text)
		text = "";
	if (!strpbrk(text, ",\"\r\n")) {
		fputs(text, out);
		return;
	}
	fputc('"', out);
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

void csv_write_row(FILE *out, const char *const *fields, int n)
{
	for (int k = 0; k < n; k++) {
		csv_write_field(out, fields[k]);
		fputc(k == n - 1 ? '\n' : ',', out);
	}
}

long csv_read_ex(const char *path, const struct csv_column *cols, int n_cols, unsigned flags,
		 csv_record_cb cb, void *ctx, struct app_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return app_fail(err, ERR_INPUT, "file", "%s: %s", path, strerror(errno));
	long n = csv_read_stream(f, path, cols, n_cols, flags, cb, ctx, err);
	fclose(f);
	return n;
}

long csv_read_stream(FILE *f, const char *path, const struct csv_column *cols, int n_cols,
		     unsigned flags, csv_record_cb cb, void *ctx, struct app_error *err)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	struct state st = {.path = path, .cols = cols, .n_cols = n_cols, .flags = flags, .cb = cb, .ctx = ctx,
			   .err = err, .next_line_starts_record = 1};
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0, error_line = 0;
	/* Fed a physical line at a time, so the line a record starts on is known
	 * even when quoted fields span lines. */
	while (!st.failed && (len = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (memchr(line, '\0', (size_t)len)) {
			app_fail(err, ERR_INPUT, NULL, "contains a NUL byte: is this a CSV text file?");
			st.failed = 1;
			error_line = lineno;
			break;
		}
		if (st.next_line_starts_record) {
			st.record_line = lineno;
			st.next_line_starts_record = 0;
		}
		if (csv_parse(&p, line, (size_t)len, on_field, on_record, &st) != (size_t)len) {
			app_fail(err, ERR_INPUT, NULL, "%s (check the quotes: a quoted field must be "
						       "closed, and quotes inside it doubled)",
				 csv_strerror(csv_error(&p)));
			st.failed = 1;
			error_line = lineno;
			break;
		}
		if (st.failed)
			error_line = st.record_line;
	}
	if (!st.failed && ferror(f)) {
		app_fail(err, ERR_INPUT, "file", "%s: %s", path, strerror(errno));
		free(line);
		csv_free(&p);
		clear_record(&st);
		return -1;
	}
	if (!st.failed) {
		if (csv_fini(&p, on_field, on_record, &st) != 0) {
			app_fail(err, ERR_INPUT, NULL, "the file ends inside a quoted field");
			st.failed = 1;
			error_line = st.record_line;
		} else if (st.failed) {
			error_line = st.record_line;
		}
	}
	if (!st.failed && !st.header_done) {
		app_fail(err, ERR_INPUT, NULL, "the file is empty: it needs a header row");
		st.failed = 1;
		error_line = 1;
	}
	free(line);
	csv_free(&p);
	clear_record(&st);
	if (st.failed) {
		if (error_line > 0)
			app_error_where(err, "%s:%d", path, error_line);
		else
			app_error_where(err, "%s", path);
		return -1;
	}
	return st.records;
}

void csv_write_pct(FILE *out, int64_t pct100)
{
	if (pct100 >= 0)
		fprintf(out, "%lld.%02lld", (long long)(pct100 / 100), (long long)(pct100 % 100));
}

void csv_write_pp(FILE *out, int64_t pp100)
{
	if (pp100 == PP_NONE)
		return;
	int64_t a = pp100 < 0 ? -pp100 : pp100;
	fprintf(out, "%s%lld.%02lld", pp100 < 0 ? "-" : "", (long long)(a / 100), (long long)(a % 100));
}
