/* Recording and amending marks: the rules of the legal register, applied the
 * same way whether a mark comes from the CLI, a CSV import or the web. */
#ifndef ATTEND_MARKS_H
#define ATTEND_MARKS_H

#include "app/error.h"
#include "engine/engine.h"

/* Who is writing, and through what (kept with every version). */
struct actor {
	const char *user;
	const char *source; /* "cli", "import:marks.csv", "register", ... */
};

struct mark_input {
	const char *upn;
	date_t date;
	enum session session;
	enum code code;
	int minutes_late; /* -1: not given */
};

enum mark_outcome { MARK_NEW, MARK_AMENDED, MARK_UNCHANGED };

/* Checks a mark against the register's rules without writing it: a code in
 * force that day, a school day, a pupil on roll, not a session still to come
 * (unless the code can be known in advance), minutes late only with L or U.
 * On success *row and *col locate the cell. */
int marks_check(const struct engine *e, const struct mark_input *in, date_t today, int *row,
		int *col, struct app_error *err);

/* Records or amends one mark inside the engine's open transaction. An
 * amendment needs a reason (require_reason) unless the mark is unchanged;
 * the previous version stays in the history. */
int marks_write(struct engine *e, const struct mark_input *in, const struct actor *who,
		const char *reason, bool require_reason, enum mark_outcome *outcome,
		struct app_error *err);

/* A first version made ahead, outside the writer (a register's marks, on
 * the request's thread): where it was found, under which load of the
 * engine, and its time and hash. */
struct mark_ahead {
	bool made;
	uint64_t load_epoch;
	int row, col;
	char recorded_at[STORE_TIME_LEN];
	char hash[STORE_HASH_HEX];
};
/* Makes *ahead for the first mark of an empty cell (row, col, as
 * marks_check found them), recorded by who at `at` with reason. */
void marks_make_ahead(const struct engine *e, const struct mark_input *in, int row, int col,
		      const struct actor *who, const char *reason, const char *at,
		      struct mark_ahead *ahead);
/* marks_write, taking *ahead when it still holds: the same load of the
 * engine and the cell still empty (with this transaction's marks); else
 * exactly as marks_write. The first version it saves is the one made
 * ahead, so the writer neither checks nor hashes it again. */
int marks_write_ahead(struct engine *e, const struct mark_input *in, const struct actor *who,
		      const char *reason, const struct mark_ahead *ahead,
		      enum mark_outcome *outcome, struct app_error *err);

#endif
