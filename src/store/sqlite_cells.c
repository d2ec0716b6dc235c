/* Reading the register's cells for the engine: one ordered scan of the
 * current marks, reading only the columns the matrix holds. Tens of millions
 * of rows pass through here at start-up, so the text columns are decoded
 * with small caches and tables rather than the general parsers. */
#include <stdio.h>
#include <string.h>

#include "store/sqlite_internal.h"

static const char SQL_CELLS[] =
	"SELECT pupil_id, date, session, code, minutes_late FROM marks "
	"WHERE school_id = ?1 AND date BETWEEN ?2 AND ?3 ORDER BY pupil_id, date, session";

/* Register codes are one or two characters: a table from the two bytes. */
static uint8_t code_table[128][128];
static bool code_table_ready;

static void build_code_table(void)
{
	for (int c = CODE_PRESENT; c < CODE__MAX; c++) {
		for (int s = 0; s < SESSION__MAX; s++) {
			const char *t = code_text((enum code)c, (enum session)s);
			unsigned char a = (unsigned char)t[0], b = a ? (unsigned char)t[1] : 0;
			if (a < 128 && b < 128 && (!b || !t[2]))
				code_table[a][b] = (uint8_t)c;
		}
	}
	code_table_ready = true;
}

static enum code cell_code(const unsigned char *t, int n)
{
	if (n >= 1 && n <= 2 && t[0] < 128 && (n == 1 || t[1] < 128)) {
		uint8_t c = code_table[t[0]][n == 2 ? t[1] : 0];
		if (c)
			return (enum code)c;
	}
	return code_parse((const char *)t); /* other spellings (lower case) */
}

int store_mark_cells_each(struct store *s, int64_t school_id, date_t from, date_t to,
			  store_cell_cb cb, void *ctx)
{
	if (!code_table_ready)
		build_code_table();
	sqlite3_stmt *st = store_prepare(s, SQL_CELLS);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_date(st, 2, from);
	sq_bind_date(st, 3, to);
	/* Marks come pupil by pupil in date order: the date text repeats for
	 * the two sessions of a day, so the last one parsed is kept. */
	char last_text[DATE_ISO_LEN] = "";
	date_t last_date = DATE_INVALID;
	struct mark_cell c;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.pupil_id = sqlite3_column_int64(st, 0);
		const char *d = (const char *)sqlite3_column_text(st, 1);
		if (!d || strcmp(d, last_text) != 0) {
			last_date = d ? date_parse(d) : DATE_INVALID;
			snprintf(last_text, sizeof last_text, "%s", d ? d : "");
		}
		c.date = last_date;
		const char *sess = (const char *)sqlite3_column_text(st, 2);
		c.session = sess && sess[0] == 'P' ? SESSION_PM : SESSION_AM;
		c.code = cell_code(sqlite3_column_text(st, 3), sqlite3_column_bytes(st, 3));
		c.minutes_late =
			sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4);
		if (cb(ctx, &c) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(s, "reading the register");
}
