/* Writing a CTF for pupils leaving: each enrolment's years at this school,
 * with totals from core/stats over exactly the sessions the marks string
 * holds, and the history received from their earlier schools, passed on as
 * it came. */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/ctf.h"
#include "app/output.h"
#include "app/xml.h"
#include "core/exchange_codes.h"
#include "core/stats.h"

static bool all_digits(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789") == n;
}

int ctf_dest_parse(const char *text, struct ctf_dest *out, struct app_error *err)
{
	const char *slash = strchr(text, '/');
	memset(out, 0, sizeof *out);
	if (slash && slash - text < (long)sizeof out->lea && strlen(slash + 1) < sizeof out->estab) {
		memcpy(out->lea, text, (size_t)(slash - text));
		strcpy(out->estab, slash + 1);
		bool unknown = (strcmp(out->lea, "MMM") == 0 && strcmp(out->estab, "MMMM") == 0) ||
			       (strcmp(out->lea, "XXX") == 0 && strcmp(out->estab, "XXXX") == 0);
		if (unknown || (all_digits(out->lea, 3) && all_digits(out->estab, 4)))
			return 0;
	}
	return app_fail(err, ERR_INPUT, "dest",
			"dest '%s' is not LEA/ESTAB (3 and 4 digits, e.g. 123/4567; MMM/MMMM when "
			"the destination is not known, XXX/XXXX when it is outside the maintained "
			"sector or abroad)",
			text);
}

struct ctf_out {
	const struct engine *e;
	struct xml_writer x;
	date_t today;
	int years;
};

static void write_year(struct ctf_out *o, const struct transfer_year_rec *y)
{
	struct xml_writer *x = &o->x;
	xml_start(x, "YearData");
	xml_int(x, "Year", y->academic_year);
	xml_text(x, "LEA", y->lea);
	xml_text(x, "Estab", y->estab);
	xml_text(x, "SchoolName", y->school_name);
	xml_int(x, "SessionsPossible", y->possible);
	xml_int(x, "SessionsAuthorised", y->authorised);
	xml_int(x, "SessionsAttended", y->attended);
	xml_int(x, "SessionsUnauthorised", y->unauthorised);
	if (y->has_marks) {
		xml_start(x, "AttendSessions");
		xml_date(x, "AttendanceStartDate", y->start);
		xml_text(x, "AttendanceMarks", y->marks);
		xml_end(x);
	}
	xml_end(x);
	o->years++;
}

/* One academic year of one enrolment: school days [lo, hi). */
static void write_own_year(struct ctf_out *o, int row, int lo, int hi)
{
	const struct engine *e = o->e;
	const struct calendar *cal = &e->cal;
	const uint8_t *cells = matrix_row_cells(&e->m, row);
	struct figures f;
	stats_row(&e->m, row, 2 * lo, 2 * hi, &f);
	struct transfer_year_rec y = {.academic_year = date_academic_year(cal->school_days[lo]),
				      .possible = f.possible,
				      .authorised = f.authorised,
				      .attended = (int)stats_attendance(&f),
				      .unauthorised = f.unauthorised,
				      .has_marks = true,
				      .start = cal->school_days[lo]};
	snprintf(y.lea, sizeof y.lea, "%s", e->school.la_code);
	snprintf(y.estab, sizeof y.estab, "%s", e->school.estab);
	snprintf(y.school_name, sizeof y.school_name, "%s", e->school.name);
	size_t n = 0;
	for (date_t d = cal->school_days[lo]; d <= cal->school_days[hi - 1]; d++) {
		if (date_is_weekend(d))
			continue;
		int i = calendar_day_index(cal, d);
		y.marks[n++] = i < 0 ? CTF_MARK_NO_SESSION : ctf_mark_char(cells[2 * i], SESSION_AM);
		y.marks[n++] = i < 0 ? CTF_MARK_NO_SESSION : ctf_mark_char(cells[2 * i + 1], SESSION_PM);
	}
	y.marks[n] = '\0';
	write_year(o, &y);
}

/* Each academic year of an enrolment, up to the last session that has
 * happened or already has a mark. */
static void write_enrolment(struct ctf_out *o, int row)
{
	const struct engine *e = o->e;
	const struct pupil_row *r = &e->m.rows[row];
	const uint8_t *cells = matrix_row_cells(&e->m, row);
	const date_t *days = e->cal.school_days;
	int lo = r->first_col / 2, hi = r->end_col / 2;
	for (int i = lo; i < hi;) {
		int ay = date_academic_year(days[i]), j = i;
		while (j < hi && date_academic_year(days[j]) == ay)
			j++;
		int end = j;
		while (end > i && days[end - 1] > o->today && cells[2 * (end - 1)] == CODE_NONE &&
		       cells[2 * (end - 1) + 1] == CODE_NONE)
			end--;
		if (end > i)
			write_own_year(o, row, i, end);
		i = j;
	}
}

/* History received from earlier schools: the latest file's version of each
 * year and school, in year order. */
struct received {
	struct transfer_year_rec *v;
	int n, cap;
};

static int collect_received(void *ctx, const struct transfer_file_rec *f,
			    const struct transfer_pupil_rec *p, const struct transfer_year_rec *y)
{
	(void)f;
	(void)p;
	struct received *rc = ctx;
	if (!y)
		return 0;
	for (int i = 0; i < rc->n; i++) {
		struct transfer_year_rec *old = &rc->v[i];
		if (old->academic_year == y->academic_year && strcmp(old->lea, y->lea) == 0 &&
		    strcmp(old->estab, y->estab) == 0) {
			*old = *y; /* rows come in file order: a later file supersedes */
			return 0;
		}
	}
	if (rc->n == rc->cap) {
		int cap = rc->cap ? rc->cap * 2 : 8;
		struct transfer_year_rec *v = realloc(rc->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		rc->v = v;
		rc->cap = cap;
	}
	rc->v[rc->n++] = *y;
	return 0;
}

static int write_pupil(struct ctf_out *o, int first_row, struct app_error *err)
{
	const struct engine *e = o->e;
	const struct pupil_row *r = &e->m.rows[first_row];
	struct xml_writer *x = &o->x;
	struct received rc = {0};
	if (store_transfers_each(e->store, e->school.id, r->upn, collect_received, &rc) < 0) {
		free(rc.v);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	}
	xml_start(x, "Pupil");
	xml_pupil(x, r);
	xml_start(x, "Attendance");
	for (int i = 0; i < rc.n; i++) {
		bool ours = e->school.la_code[0] && strcmp(rc.v[i].lea, e->school.la_code) == 0 &&
			    strcmp(rc.v[i].estab, e->school.estab) == 0;
		if (!ours)
			write_year(o, &rc.v[i]);
	}
	for (int row = first_row; row >= 0; row = engine_next_row(e, row))
		write_enrolment(o, row);
	xml_end(x);
	xml_end(x);
	free(rc.v);
	return 0;
}

static void write_header(struct ctf_out *o, const struct ctf_dest *dest)
{
	const struct engine *e = o->e;
	struct xml_writer *x = &o->x;
	int ay = date_academic_year(o->today);
	char version[16], label[8];
	snprintf(version, sizeof version, "%02d.0", ay % 100);
	date_academic_year_label(ay, label);
	xml_start(x, "Header");
	xml_text(x, "DocumentName", "Common Transfer File");
	xml_text(x, "CTFversion", version);
	xml_now(x, "DateTime");
	xml_text(x, "DocumentQualifier", "full");
	xml_text(x, "SupplierID", "attend");
	xml_start(x, "SourceSchool");
	xml_text(x, "LEA", e->school.la_code);
	xml_text(x, "Estab", e->school.estab);
	xml_text(x, "URN", e->school.urn);
	xml_text(x, "SchoolName", e->school.name);
	xml_text(x, "AcademicYear", label);
	xml_end(x);
	xml_start(x, "DestSchool");
	xml_text(x, "LEA", dest->lea);
	xml_text(x, "Estab", dest->estab);
	xml_end(x);
	xml_end(x);
}

int ctf_export(struct engine *e, const char *const *upns, int n_upns, const struct ctf_dest *dest,
	       struct output *out, struct app_error *err)
{
	if (!e->school.la_code[0] || !e->school.estab[0])
		return app_fail(err, ERR_INPUT, "school",
				"the school's LA code and establishment number are not set, and a CTF "
				"must name them: set them with `attend init --la CODE --estab NUMBER`");
	int *rows = calloc((size_t)(n_upns ? n_upns : 1), sizeof *rows);
	if (!rows)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	int ret = -1;
	for (int i = 0; i < n_upns; i++) {
		for (int k = 0; k < i; k++)
			if (strcmp(upns[k], upns[i]) == 0) {
				app_fail(err, ERR_INPUT, "upn", "UPN %s is given twice", upns[i]);
				goto out;
			}
		if ((rows[i] = engine_pupil_row(e, upns[i])) < 0) {
			app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", upns[i]);
			goto out;
		}
	}
	struct ctf_out o = {.e = e, .today = clock_today()};
	if (xml_writer_open(&o.x, "CTfile", err) < 0)
		goto out;
	write_header(&o, dest);
	xml_start(&o.x, "CTFpupilData");
	for (int i = 0; i < n_upns; i++)
		if (write_pupil(&o, rows[i], err) < 0) {
			xml_writer_free(&o.x);
			goto out;
		}
	xml_end(&o.x);
	ret = xml_writer_close(&o.x, out, err);
out:
	free(rows);
	return ret;
}
