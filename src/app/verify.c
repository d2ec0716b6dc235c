#include "app/verify.h"

#include <stdio.h>
#include <string.h>

struct chain {
	struct engine *e;
	FILE *out;
	struct verify_result *res;
	/* the mark being walked: its place, as text */
	char key[64];
	int last_version;
	char last_hash[STORE_HASH_HEX];
	enum code last_code; /* of the latest version walked */
	int last_minutes;
};

static const char *upn_of(const struct engine *e, int64_t pupil_id)
{
	for (int r = 0; r < e->m.n_rows; r++)
		if (e->m.rows[r].pupil_id == pupil_id)
			return e->m.rows[r].upn;
	return "(unknown pupil)";
}

static void report(struct chain *c, const char *where, int version, const char *why)
{
	fprintf(c->out, "%s version %d: %s\n", where, version, why);
	c->res->problems++;
}

/* One version of a chain (session marks and lesson marks alike): where
 * names its mark ("UPN DATE AM"), so a new where starts a new chain. */
static void check_link(struct chain *c, const char *where, int version, const char *prev_hash,
		       const char *hash, const char *recomputed)
{
	if (strcmp(c->key, where) != 0) {
		snprintf(c->key, sizeof c->key, "%s", where);
		c->last_version = 0;
		memcpy(c->last_hash, STORE_HASH_GENESIS, sizeof c->last_hash);
		c->res->marks_checked++;
	}
	c->res->versions_checked++;
	if (version != c->last_version + 1)
		report(c, where, version,
		       c->last_version == 0 ? "the history does not start at version 1 (a version is missing)"
					    : "a version is missing before this one");
	if (strcmp(prev_hash, c->last_hash) != 0)
		report(c, where, version,
		       "its link to the previous version is broken (a version was removed, added or altered)");
	if (strcmp(recomputed, hash) != 0)
		report(c, where, version,
		       "its contents do not match its hash (it was altered after it was written)");
	c->last_version = version;
	memcpy(c->last_hash, hash, sizeof c->last_hash);
}

static void mark_place(struct chain *c, int64_t pupil_id, date_t date, enum session s,
		       char where[64])
{
	char d[DATE_ISO_LEN];
	snprintf(where, 64, "%s %s %s", upn_of(c->e, pupil_id), date_format(date, d), session_name(s));
}

static int check_version(void *ctx, const struct mark_rec *v)
{
	struct chain *c = ctx;
	char where[64], hash[STORE_HASH_HEX];
	mark_place(c, v->pupil_id, v->date, v->session, where);
	store_mark_hash(c->e->school.id, v, hash);
	check_link(c, where, v->version, v->prev_hash, v->hash, hash);
	c->last_code = v->code;
	c->last_minutes = v->minutes_late;
	return 0;
}

static int check_lesson_version(void *ctx, const struct lesson_mark_rec *v)
{
	struct chain *c = ctx;
	char where[64], d[DATE_ISO_LEN], hash[STORE_HASH_HEX];
	snprintf(where, sizeof where, "%s %s period %s", upn_of(c->e, v->pupil_id),
		 date_format(v->date, d), v->period);
	store_lesson_mark_hash(c->e->school.id, v, hash);
	check_link(c, where, v->version, v->prev_hash, v->hash, hash);
	return 0;
}

static int check_current(void *ctx, int64_t pupil_id, date_t date, enum session s, int version,
			 const char *why)
{
	char where[64];
	mark_place(ctx, pupil_id, date, s, where);
	report(ctx, where, version, why);
	return 0;
}

int verify_register(struct engine *e, FILE *out, struct verify_result *res, struct app_error *err)
{
	memset(res, 0, sizeof *res);
	struct chain c = {.e = e, .out = out, .res = res};
	if (store_history_all_each(e->store, e->school.id, check_version, &c) < 0 ||
	    store_marks_mismatched_each(e->store, e->school.id, check_current, &c) < 0 ||
	    store_lesson_history_all_each(e->store, e->school.id, check_lesson_version, &c) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}

int verify_pupil(struct engine *e, int64_t pupil_id, date_t from, date_t to, FILE *out,
		 struct verify_result *res, struct app_error *err)
{
	memset(res, 0, sizeof *res);
	struct chain c = {.e = e, .out = out, .res = res};
	int lo, hi;
	calendar_day_range(&e->cal, from, to, &lo, &hi);
	for (int d = lo; d < hi; d++) {
		for (int s = 0; s < SESSION__MAX; s++) {
			date_t day = e->cal.school_days[d];
			char where[64];
			mark_place(&c, pupil_id, day, (enum session)s, where);
			c.key[0] = '\0';
			c.last_version = 0;
			struct mark_rec cur;
			int rc = store_history_each(e->store, e->school.id, pupil_id, day, (enum session)s,
						    check_version, &c);
			if (rc == 0)
				rc = store_mark_get(e->store, e->school.id, pupil_id, day, (enum session)s, &cur);
			if (rc < 0)
				return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			if (rc == 1 && c.last_version)
				report(&c, where, c.last_version, "the history has no current mark (it was deleted)");
			else if (rc == 0 && !c.last_version)
				report(&c, where, cur.version, "the current mark has no history");
			else if (rc == 0 && (cur.version != c.last_version || cur.code != c.last_code ||
					     cur.minutes_late != c.last_minutes ||
					     strcmp(cur.hash, c.last_hash) != 0))
				report(&c, where, cur.version,
				       "the current mark is not the latest version of its history (it was "
				       "altered outside attend)");
		}
	}
	return 0;
}
