#include "comms/merge.h"

#include <stdio.h>
#include <string.h>

#include "app/analytics.h"
#include "comms/lang.h"
#include "core/ranges.h"

int merge_pupil_row(const struct engine *e, const char *upn, date_t day)
{
	int row = engine_row_on(e, upn, day);
	if (row >= 0)
		return row;
	int last = -1;
	for (int r = engine_pupil_row(e, upn); r >= 0; r = engine_next_row(e, r))
		last = r;
	return last;
}

int merge_setting(struct store *s, int64_t school_id, const char *key, const char *language,
		  const char *dflt, char *buf, size_t len, struct app_error *err)
{
	char k[96];
	snprintf(k, sizeof k, "%s.%s", key, language ? language : "en");
	int rc = language ? store_setting_get(s, school_id, k, buf, len) : 1;
	if (rc == 1)
		rc = store_setting_get(s, school_id, key, buf, len);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "reading setting %s: %s", key, store_error(s));
	if (rc == 1)
		snprintf(buf, len, "%s", dflt);
	return 0;
}

/* The same day a month earlier (the month's last day when it is shorter). */
static date_t month_before(date_t day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (--m == 0) {
		m = 12;
		y--;
	}
	int days = date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - date_from_ymd(y, m, 1);
	return date_from_ymd(y, m, d < days ? d : days);
}

static void figures_between(const struct engine *e, int row, date_t from, date_t to,
			    struct figures *f)
{
	int c0, c1;
	stats_cols(&e->cal, from, to, &c0, &c1);
	stats_row(&e->m, row, c0, c1, f);
}

/* What the school says about itself, from its settings (defaults in
 * English and in Polish: TO REVIEW by a native speaker). */
static const struct {
	enum tfield field;
	const char *key, *dflt_en, *dflt_pl;
} school_settings[] = {
	{TF_SCHOOL_ADDRESS, "school_address", "", ""},
	{TF_SCHOOL_PHONE, "school_phone", "", ""},
	{TF_SCHOOL_EMAIL, "school_email", "", ""},
	{TF_HEAD_TEACHER, "head_teacher", "the head teacher", "Dyrektor szkoły"},
	{TF_ATTENDANCE_LEAD, "attendance_lead", "our attendance lead",
	 "osoba odpowiedzialna za frekwencję"},
	{TF_SUPPORT_OFFER, "support_offer",
	 "a meeting with our attendance lead to talk through anything that makes mornings hard, "
	 "a place at breakfast club, and help from our family support worker and, where it "
	 "helps, from the local authority's early help team",
	 "rozmowę z osobą odpowiedzialną za frekwencję o tym, co utrudnia poranki, miejsce w "
	 "klubie śniadaniowym oraz pomoc naszego pracownika wsparcia rodziny, a w razie potrzeby "
	 "także zespołu wczesnej pomocy władz lokalnych"},
};

int merge_build(const struct engine *e, int row, const struct contact_rec *c, const char *lang,
		date_t today, const char *const supplied[TF__MAX], struct merge_values *out,
		struct app_error *err)
{
	memset(out, 0, sizeof *out);
	for (int f = 0; f < TF__MAX; f++)
		out->ptr[f] = out->v[f];
	const struct pupil_row *p = &e->m.rows[row];
	struct merge_figures *fig = &out->fig;
	struct wording_settings ws;
	if (analytics_settings_load(e->store, e->school.id, &ws, err) < 0)
		return -1;
	fig->lessons_per_day = ws.lessons_per_day;
#define SET(f, ...) snprintf(out->v[f], MERGE_VALUE_MAX, __VA_ARGS__)
	SET(TF_PUPIL_FORENAME, "%s", p->forename);
	SET(TF_PUPIL_SURNAME, "%s", p->surname);
	SET(TF_PUPIL_NAME, "%s %s", p->forename, p->surname);
	SET(TF_YEAR_GROUP, "%s", year_name(p->year));
	SET(TF_FORM, "%s", e->m.forms[p->form]);
	if (c) {
		SET(TF_CONTACT_NAME, "%s", c->name);
		SET(TF_CONTACT_RELATIONSHIP, "%s", c->relationship);
	}
	SET(TF_SCHOOL_NAME, "%s", e->school.name);
	for (size_t i = 0; i < sizeof school_settings / sizeof *school_settings; i++)
		if (merge_setting(e->store, e->school.id, school_settings[i].key, lang,
				  strcmp(lang, "pl") == 0 ? school_settings[i].dflt_pl
							  : school_settings[i].dflt_en,
				  out->v[school_settings[i].field],
				  MERGE_VALUE_MAX, err) < 0)
			return -1;
	lang_date(lang, today, out->v[TF_TODAY], MERGE_VALUE_MAX);

	/* This school year up to today. */
	struct date_range year;
	range_academic_year(today, &year);
	fig->from = year.from;
	fig->to = today;
	figures_between(e, row, year.from, today, &fig->f);
	int64_t missed = stats_absence(&fig->f), att = stats_attendance(&fig->f);
	fig->pct100 = stats_pct100(att, fig->f.possible);
	SET(TF_SESSIONS_MISSED, "%lld", (long long)missed);
	SET(TF_SESSIONS_POSSIBLE, "%d", fig->f.possible);
	lang_days(lang, missed, out->v[TF_DAYS_MISSED], MERGE_VALUE_MAX);
	lang_lessons(lang, missed, ws.lessons_per_day, out->v[TF_LESSONS_MISSED], MERGE_VALUE_MAX);
	lang_days_lessons(lang, missed, ws.lessons_per_day, out->v[TF_DAYS_LESSONS_MISSED],
			  MERGE_VALUE_MAX);
	lang_pct(lang, fig->pct100, out->v[TF_ATTENDANCE_PCT], MERGE_VALUE_MAX);

	/* The way back to 90% by the end of the year. */
	date_t last = range_last_school_day_of_year(&e->cal, today);
	fig->has_recovery = last != DATE_INVALID && fig->f.possible > 0;
	if (fig->has_recovery) {
		trends_recovery(&e->cal, p, att, fig->f.possible, today, last, RECOVERY_TARGET,
				&fig->rec);
		lang_recovery(lang, &fig->rec, out->v[TF_BACK_TO_90], MERGE_VALUE_MAX);
		if (fig->rec.below && fig->rec.reachable)
			lang_date(lang, fig->rec.reached_on, out->v[TF_BACK_TO_90_DATE], MERGE_VALUE_MAX);
		SET(TF_BACK_TO_90_DAYS, "%d", fig->rec.below ? fig->rec.days_needed : 0);
	} else {
		SET(TF_BACK_TO_90_DAYS, "0");
	}

	/* This year as it stood a month ago, against today. */
	date_t then = month_before(today);
	struct figures before = {0};
	if (then >= year.from)
		figures_between(e, row, year.from, then, &before);
	trends_change(att, fig->f.possible, stats_attendance(&before), before.possible,
		      TREND_MIN_CHANGE_PP100, &fig->trend);
	lang_trend(lang, &fig->trend, out->v[TF_TREND], MERGE_VALUE_MAX);
	lang_pct(lang, fig->trend.before_pct100, out->v[TF_ATTENDANCE_MONTH_AGO], MERGE_VALUE_MAX);
#undef SET

	for (int f = 0; f < TF__MAX; f++)
		if (template_field((enum tfield)f)->supplied && supplied && supplied[f])
			snprintf(out->v[f], MERGE_VALUE_MAX, "%s", supplied[f]);
	return 0;
}
