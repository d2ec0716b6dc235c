/* Reading CSV files (RFC 4180, UTF-8, a header row, columns in any order),
 * one record at a time, with the line each record starts on, so that every
 * complaint can name the file, the line and the field. */
#ifndef ATTEND_CSV_H
#define ATTEND_CSV_H

#include <stddef.h>

#include "app/error.h"

#define CSV_MAX_FIELDS 64

struct csv_record {
	int line; /* where the record starts (1 is the header) */
	int n_fields;
	const char *field[CSV_MAX_FIELDS];
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

/* Whether s is valid UTF-8 without control characters (tab excepted). */
int csv_text_ok(const char *s);

#endif
