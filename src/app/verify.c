#include "app/verify.h"

#include <string.h>

struct chain {
	struct engine *e;
	FILE *out;
	struct verify_result *res;
	/* the session being walked */
	int64_t pupil_id;
	date_t date;
	enum session session;
	int last_version;
	char last_hash[STORE_HASH_HEX];
	int started;
};

static const char *upn_of(const struct engine *e, int64_t pupil_id)
{
	for (int r = 0; r < e->m.n_rows; r++)
		if (e->m.rows[r].pupil_id == pupil_id)
			return e->m.rows[r].upn;
	return "(unknown pupil)";
}

static void report(struct chain *c, int64_t pupil_id, date_t date, enum session s, int version,
		   const char *why)
{
	char d[DATE_ISO_LEN];
	fprintf(c->out, "%s %s %s version %d: %s\n", upn_of(c->e, pupil_id), date_format(date, d),
		session_name(s), version, why);
	c->res->problems++;
}

static int check_version(void *ctx, const struct mark_rec *v)
{
	struct chain *c = ctx;
	bool same = c->started && c->pupil_id == v->pupil_id && c->date == v->date &&
		    c->session == v->session;
	if (!same) {
		c->started = 1;
		c->pupil_id = v->pupil_id;
		c->date = v->date;
		c->session = v->session;
		c->last_version = 0;
		memcpy(c->last_hash, STORE_HASH_GENESIS, sizeof c->last_hash);
		c->res->marks_checked++;
	}
	c->res->versions_checked++;
	if (v->version != c->last_version + 1)
		report(c, v->pupil_id, v->date, v->session, v->version,
		       c->last_version == 0 ? "the history does not start at version 1 (a version is missing)"
					    : "a version is missing before this one");
	if (strcmp(v->prev_hash, c->last_hash) != 0)
		report(c, v->pupil_id, v->date, v->session, v->version,
		       "its link to the previous version is broken (a version was removed, added or altered)");
	char hash[STORE_HASH_HEX];
	store_mark_hash(c->e->school.id, v, hash);
	if (strcmp(hash, v->hash) != 0)
		report(c, v->pupil_id, v->date, v->session, v->version,
		       "its contents do not match its hash (it was altered after it was written)");
	c->last_version = v->version;
	memcpy(c->last_hash, v->hash, sizeof c->last_hash);
	return 0;
}

static int check_current(void *ctx, int64_t pupil_id, date_t date, enum session s, int version,
			 const char *why)
{
	report(ctx, pupil_id, date, s, version, why);
	return 0;
}

int verify_register(struct engine *e, FILE *out, struct verify_result *res, struct app_error *err)
{
	memset(res, 0, sizeof *res);
	struct chain c = {.e = e, .out = out, .res = res};
	if (store_history_all_each(e->store, e->school.id, check_version, &c) < 0 ||
	    store_marks_mismatched_each(e->store, e->school.id, check_current, &c) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return 0;
}
