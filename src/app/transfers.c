#include "app/transfers.h"

#include <string.h>

#include "app/clock.h"
#include "app/report.h"
#include "core/exchange_codes.h"
#include "core/stats.h"

/* The codes of a year's marks string (validated when it was imported) and
 * the figures of them. Returns how many sessions. */
static int decode(const struct transfer_year_rec *y, uint8_t *codes, struct figures *f)
{
	int n = (int)strlen(y->marks);
	for (int i = 0; i < n; i++) {
		int c = ctf_mark_parse(y->marks[i]);
		codes[i] = (uint8_t)(c < 0 ? CODE_NONE : c);
	}
	stats_codes(codes, n, f);
	return n;
}

struct collect {
	json_t *out;
	bool with_sessions;
	json_t *cur; /* the entry of the transfer pupil being filled */
	int64_t cur_id;
};

static json_t *entry_for(struct collect *c, const struct transfer_file_rec *f,
			 const struct transfer_pupil_rec *p)
{
	if (c->cur && c->cur_id == p->id)
		return c->cur;
	size_t i;
	json_t *v;
	c->cur_id = p->id;
	/* A pupil's years come in year order, across files: find their entry. */
	json_array_foreach(c->out, i, v)
	{
		if (json_integer_value(json_object_get(v, "id")) == p->id)
			return c->cur = v;
	}
	char dob[DATE_ISO_LEN], sex[2] = {p->sex, 0}, at[CLOCK_ISO_LEN];
	v = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}, s:s, s:s, s:s, s:[]}",
		      "id", (json_int_t)p->id, "upn", p->upn, "surname", p->surname, "forename",
		      p->forename, "dob", date_format(p->dob, dob), "sex", sex, "from", "lea",
		      f->source_lea, "estab", f->source_estab, "urn", f->source_urn, "name",
		      f->source_name, "file", f->file_name, "received_at",
		      clock_local_display(f->imported_at, at), "received_by", f->imported_by,
		      "years");
	json_array_append_new(c->out, v);
	return c->cur = v;
}

static json_t *figures_json(int possible, long attended, int authorised, int unauthorised)
{
	return json_pack("{s:i, s:I, s:i, s:i, s:o, s:o}", "possible", possible, "attended",
			 (json_int_t)attended, "authorised", authorised, "unauthorised", unauthorised,
			 "attendance_pct", report_pct_json(stats_pct100(attended, possible)),
			 "absence_pct",
			 report_pct_json(stats_pct100((int64_t)authorised + unauthorised, possible)));
}

static int collect_year(void *ctx, const struct transfer_file_rec *f,
			const struct transfer_pupil_rec *p, const struct transfer_year_rec *y)
{
	struct collect *c = ctx;
	json_t *entry = entry_for(c, f, p);
	if (!y)
		return 0;
	char label[8], day[DATE_ISO_LEN];
	date_academic_year_label(y->academic_year, label);
	json_t *yj = json_pack("{s:s, s:i, s:s, s:s, s:s, s:o}", "year", label, "academic_year",
			       y->academic_year, "lea", y->lea, "estab", y->estab, "school_name",
			       y->school_name, "totals",
			       figures_json(y->possible, y->attended, y->authorised, y->unauthorised));
	json_object_set_new(yj, "discrepancy",
			    y->discrepancy[0] ? json_string(y->discrepancy) : json_null());
	if (y->has_marks) {
		uint8_t codes[STORE_CTF_MARKS_MAX];
		struct figures fig;
		int n = decode(y, codes, &fig);
		json_t *fm = figures_json(fig.possible, (long)stats_attendance(&fig), fig.authorised,
					  fig.unauthorised);
		json_object_set_new(fm, "unmarked", json_integer(fig.unmarked));
		json_object_set_new(fm, "not_possible", json_integer(fig.not_possible));
		json_object_set_new(yj, "from_marks", fm);
		json_object_set_new(yj, "start_date", json_string(date_format(y->start, day)));
		json_object_set_new(yj, "marks", json_string(y->marks));
		if (c->with_sessions) {
			json_t *ss = json_array();
			for (int i = 0; i < n; i++) {
				enum session s;
				date_t d = ctf_mark_date(y->start, i, &s);
				json_array_append_new(
					ss, json_pack("{s:s, s:s, s:s}", "date", date_format(d, day),
						      "session", session_name(s), "code",
						      code_text((enum code)codes[i], s)));
			}
			json_object_set_new(yj, "sessions", ss);
		}
	} else {
		json_object_set_new(yj, "from_marks", json_null());
	}
	json_array_append_new(json_object_get(entry, "years"), yj);
	return 0;
}

json_t *transfers_json(const struct engine *e, const char *upn, bool with_sessions,
		       struct app_error *err)
{
	struct collect c = {.out = json_array(), .with_sessions = with_sessions};
	if (store_transfers_each(e->store, e->school.id, upn, collect_year, &c) < 0) {
		json_decref(c.out);
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		return NULL;
	}
	return json_pack("{s:o}", "transfers", c.out);
}

int transfers_text(FILE *out, const struct engine *e, const char *upn, struct app_error *err)
{
	json_t *all = transfers_json(e, upn, false, err);
	if (!all)
		return -1;
	json_t *list = json_object_get(all, "transfers"), *t, *y;
	size_t i, k;
	if (json_array_size(list) == 0)
		fprintf(out, "No attendance history received from other schools%s%s.\n",
			upn ? " for " : "", upn ? upn : "");
	json_array_foreach(list, i, t)
	{
		json_t *from = json_object_get(t, "from");
		fprintf(out, "%s %s, %s: from %s (%s/%s), received %s by %s\n",
			json_string_value(json_object_get(t, "upn")),
			json_string_value(json_object_get(t, "surname")),
			json_string_value(json_object_get(t, "forename")),
			json_string_value(json_object_get(from, "name")),
			json_string_value(json_object_get(from, "lea")),
			json_string_value(json_object_get(from, "estab")),
			json_string_value(json_object_get(t, "received_at")),
			json_string_value(json_object_get(t, "received_by")));
		json_array_foreach(json_object_get(t, "years"), k, y)
		{
			json_t *fig = json_object_get(y, "from_marks");
			if (json_is_null(fig))
				fig = json_object_get(y, "totals");
			char p1[16];
			json_int_t possible = json_integer_value(json_object_get(fig, "possible"));
			json_int_t attended = json_integer_value(json_object_get(fig, "attended"));
			report_pct1(p1, sizeof p1, attended, possible);
			fprintf(out, "  %s at %s: %lld possible sessions, attended %lld (%s%%), %lld authorised "
				     "and %lld unauthorised absences%s\n",
				json_string_value(json_object_get(y, "year")),
				json_string_value(json_object_get(y, "school_name")),
				possible, attended, p1,
				json_integer_value(json_object_get(fig, "authorised")),
				json_integer_value(json_object_get(fig, "unauthorised")),
				json_is_null(json_object_get(y, "from_marks")) ? " (totals only)" : "");
			json_t *d = json_object_get(y, "discrepancy");
			if (!json_is_null(d))
				fprintf(out, "    discrepancy: %s\n", json_string_value(d));
		}
	}
	json_decref(all);
	return 0;
}
