#include "app/analytics.h"

#include <stdlib.h>
#include <string.h>

static int setting_int(struct store *s, int64_t school_id, const char *key, long min, long max,
		       int dflt, int *out, struct app_error *err)
{
	char buf[64], *end;
	int rc = store_setting_get(s, school_id, key, buf, sizeof buf);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "reading setting %s: %s", key, store_error(s));
	if (rc == 1) {
		*out = dflt;
		return 0;
	}
	long v = strtol(buf, &end, 10);
	if (!buf[0] || *end || v < min || v > max)
		return app_fail(err, ERR_INPUT, key,
				"setting %s is '%s': it must be a whole number from %ld to %ld", key,
				buf, min, max);
	*out = (int)v;
	return 0;
}

int analytics_settings_load(struct store *s, int64_t school_id, struct wording_settings *w,
			    struct app_error *err)
{
	if (setting_int(s, school_id, "lessons_per_day", 1, 12, LESSONS_PER_DAY_DEFAULT,
			&w->lessons_per_day, err) < 0)
		return -1;
	return setting_int(s, school_id, "school_day_minutes", 60, 720, SCHOOL_DAY_MINUTES_DEFAULT,
			   &w->school_day_minutes, err);
}

bool analytics_upn_known(const struct engine *e, const char *upn)
{
	return engine_pupil_row(e, upn) >= 0;
}

json_t *analytics_date_json(date_t day)
{
	char d[DATE_ISO_LEN];
	return day == DATE_INVALID ? json_null() : json_string(date_format(day, d));
}

json_t *analytics_pupil_head(const struct engine *e, int row)
{
	const struct pupil_row *r = &e->m.rows[row];
	return json_pack("{s:s, s:s, s:s}", "upn", r->upn, "year", year_name(r->year), "form",
			 e->m.forms[r->form]);
}

json_t *analytics_merge(json_t *into, json_t *from)
{
	json_object_update(into, from);
	json_decref(from);
	return into;
}
