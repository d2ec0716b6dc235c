/* The values of a template's merge fields for one pupil and contact: the
 * pupil's figures this school year from core/stats, the way back to 90%
 * from core/trends, the change since a month ago, in the template's
 * language (core/wording for English), and the school's details from its
 * settings. Nothing here computes a figure of its own. */
#ifndef ATTEND_MERGE_H
#define ATTEND_MERGE_H

#include "app/error.h"
#include "comms/template.h"
#include "core/stats.h"
#include "core/trends.h"
#include "engine/engine.h"

#define MERGE_VALUE_MAX 1024
#define RECOVERY_TARGET 9000 /* 90% */

/* The figures behind the words, for the letter's figure box. */
struct merge_figures {
	date_t from, to;       /* this school year up to today */
	struct figures f;      /* over from..to */
	int64_t pct100;        /* attendance %, -1 with no possible sessions */
	bool has_recovery;     /* a last school day of the year is known */
	struct recovery rec;
	struct trend_change trend;
	int lessons_per_day;
};

struct merge_values {
	char v[TF__MAX][MERGE_VALUE_MAX];
	const char *ptr[TF__MAX]; /* v[f], for template_render */
	struct merge_figures fig;
};

/* Fills out for the enrolment row, contact c (may be NULL) and language, as
 * of today. supplied[f] holds the values the sender gave for supplied
 * fields (NULL: not given). */
int merge_build(const struct engine *e, int row, const struct contact_rec *c, const char *language,
		date_t today, const char *const supplied[TF__MAX], struct merge_values *out,
		struct app_error *err);

/* A school setting in a language: KEY.LANG if set, else KEY, else dflt. */
int merge_setting(struct store *s, int64_t school_id, const char *key, const char *language,
		  const char *dflt, char *buf, size_t len, struct app_error *err);

/* The pupil's enrolment on day, else their latest one; -1 if no such UPN. */
int merge_pupil_row(const struct engine *e, const char *upn, date_t day);

#endif
