#include "app/history.h"

json_t *history_version_json(const struct mark_rec *m)
{
	return json_pack("{s:i, s:s, s:o, s:s, s:s, s:s, s:s, s:s}", "version", m->version, "code",
			 code_text(m->code, m->session), "minutes_late",
			 m->minutes_late >= 0 ? json_integer(m->minutes_late) : json_null(),
			 "recorded_by", m->recorded_by, "recorded_at", m->recorded_at, "reason",
			 m->reason, "source", m->source, "hash", m->hash);
}

static int add_version(void *ctx, const struct mark_rec *m)
{
	return json_array_append_new(ctx, history_version_json(m));
}

json_t *history_json(struct store *s, int64_t school_id, int64_t pupil_id, const char *upn,
		     date_t day, enum session session, struct app_error *err)
{
	char d[DATE_ISO_LEN];
	json_t *versions = json_array();
	if (store_history_each(s, school_id, pupil_id, day, session, add_version, versions) < 0) {
		json_decref(versions);
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		return NULL;
	}
	return json_pack("{s:s, s:s, s:s, s:o}", "upn", upn, "date", date_format(day, d), "session",
			 session_name(session), "versions", versions);
}
