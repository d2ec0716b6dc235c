/* Reading CSV files (RFC 4180, UTF-8, a header row, columns in any order),
 * one record at a time, with the line each record starts on, so that every
 * complaint can name the file, the line and the field. */
#ifndef ATTEND_CSV_H
#define ATTEND_CSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "app/error.h"

#define CSV_MAX_FIELDS 64

struct csv_record {
	int line; /* where the record starts (1 is the header) */
	int n_fields;
	const char *field[CSV_MAX_FIELDS];
	uint64_t present; /* bit c: column c is in the file's header */
};

/* Columns a file kind accepts; the header decides their order. */
struct csv_column {
	const char *name;
	int required;
};

struct csv_reader;

/* Called for each data record; fields are mapped to the columns' order
 * (absent optional columns read as ""). Return -1 with err set to stop. */
typedef int (*csv_record_cb)(void *ctx, const struct csv_record *rec, struct app_error *err);

/* Reads path, checks the header against cols (unknown, duplicate or missing
 * columns are errors), and calls cb for every data record. Errors say
 * where they are ("PATH:LINE"). Returns the number of records, or -1. */
long csv_read(const char *path, const struct csv_column *cols, int n_cols, csv_record_cb cb,
	      void *ctx, struct app_error *err);

/* Columns of the file that are not in cols are skipped, not refused: for
 * exports of other systems (a MIS), whose other columns are none of ours. */
#define CSV_IGNORE_UNKNOWN 1u
long csv_read_ex(const char *path, const struct csv_column *cols, int n_cols, unsigned flags,
		 csv_record_cb cb, void *ctx, struct app_error *err);

/* The same from an open stream (the file stays open); name is what errors
 * call it. */
long csv_read_stream(FILE *f, const char *name, const struct csv_column *cols, int n_cols,
		     unsigned flags, csv_record_cb cb, void *ctx, struct app_error *err);

/* Writes one field (RFC 4180: quoted when it holds a comma, a quote or a
 * line break, quotes doubled). */
void csv_write_field(FILE *out, const char *text);
/* Writes n fields as one line (CRLF-free: '\n' ends it). */
void csv_write_row(FILE *out, const char *const *fields, int n);

/* A percentage in hundredths as "94.70" (nothing for none, below 0), and
 * a difference in hundredths of a point as "-1.25" (nothing for PP_NONE). */
void csv_write_pct(FILE *out, int64_t pct100);
void csv_write_pp(FILE *out, int64_t pp100);

/* Whether s is valid UTF-8 without control characters (tab excepted). */
int csv_text_ok(const char *s);

#endif
