#include "app/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/csv.h"
#include "app/notices.h"
#include "app/parse.h"

/* ---- calendar ---- */

enum { CAL_COL_START, CAL_COL_END, CAL_COL_KIND, CAL_COL_LABEL };
static const struct csv_column calendar_cols[] = {
	{"start", 1}, {"end", 1}, {"kind", 1}, {"label", 0}};

struct cal_import {
	struct engine *e;
	struct calendar cal; /* the stored calendar plus this file */
	struct cal_entry *added;
	int n_added, cap_added;
	struct import_result *res;
};

static int cal_copy_entry(void *ctx, const struct cal_entry *entry)
{
	char msg[256];
	return calendar_add(ctx, entry, msg, sizeof msg) < 0 ? -1 : 0;
}

static int cal_row(void *ctx, const struct csv_record *r, struct app_error *err)
{
	struct cal_import *ci = ctx;
	struct cal_entry e = {.line = r->line};
	int kind = cal_kind_parse(r->field[CAL_COL_KIND]);
	if (kind < 0)
		return app_fail(err, ERR_INPUT, "kind",
				"kind '%s' is not one of term, inset, bank_holiday, closure",
				r->field[CAL_COL_KIND]);
	e.kind = (enum cal_kind)kind;
	if (parse_date_field("start", r->field[CAL_COL_START], &e.start, err) < 0 ||
	    parse_date_field("end", r->field[CAL_COL_END], &e.end, err) < 0)
		return -1;
	if (parse_text_field("label", r->field[CAL_COL_LABEL], e.label, sizeof e.label, 0, err) < 0)
		return -1;
	char msg[300];
	int rc = calendar_add(&ci->cal, &e, msg, sizeof msg);
	if (rc < 0)
		return app_fail(err, ERR_INPUT, "start", "%s", msg);
	ci->res->rows++;
	if (rc == 0) {
		ci->res->unchanged++;
		return 0;
	}
	if (ci->n_added == ci->cap_added) {
		int cap = ci->cap_added ? ci->cap_added * 2 : 32;
		struct cal_entry *n = realloc(ci->added, (size_t)cap * sizeof *n);
		if (!n)
			return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		ci->added = n;
		ci->cap_added = cap;
	}
	ci->added[ci->n_added++] = e;
	ci->res->added++;
	return 0;
}

int import_calendar(struct engine *e, const char *path, const struct actor *who,
		    struct import_result *res, struct app_error *err)
{
	struct cal_import ci = {.e = e, .res = res};
	memset(res, 0, sizeof *res);
	calendar_init(&ci.cal);
	int ret = -1;
	if (store_calendar_each(e->store, e->school.id, cal_copy_entry, &ci.cal) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto out;
	}
	if (csv_read(path, calendar_cols, 4, cal_row, &ci, err) < 0)
		goto out;
	char msg[300];
	if (calendar_build(&ci.cal, msg, sizeof msg) < 0) {
		app_fail(err, ERR_INPUT, NULL, "%s", msg);
		app_error_where(err, "%s", path);
		goto out;
	}
	if (engine_begin(e, err) < 0)
		goto out;
	/* A day that stops being a school day must not hold marks already. */
	for (int i = 0; i < ci.n_added; i++) {
		const struct cal_entry *a = &ci.added[i];
		if (a->kind == CAL_TERM)
			continue;
		for (date_t d = a->start; d <= a->end; d++) {
			if (calendar_day_kind(&e->cal, d) != DAY_SCHOOL)
				continue;
			int n;
			char day[DATE_ISO_LEN];
			if (store_day_mark_count(e->store, e->school.id, d, &n) < 0) {
				app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
				goto rollback;
			}
			if (n > 0) {
				app_fail(err, ERR_CONFLICT, "start",
					 "%s already has %d mark%s in the register, so it can't become "
					 "%s %s",
					 date_format(d, day), n, n == 1 ? "" : "s", a->kind == CAL_INSET ? "an" : "a",
					 a->kind == CAL_INSET ? "INSET day" : cal_kind_name(a->kind));
				app_error_where(err, "%s:%d", path, a->line);
				goto rollback;
			}
		}
	}
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	for (int i = 0; i < ci.n_added; i++) {
		if (store_calendar_insert(e->store, e->school.id, &ci.added[i], who->user, now) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			goto rollback;
		}
	}
	if (engine_commit(e, err) < 0)
		goto out;
	ret = engine_reload(e, err);
	goto out;
rollback:
	engine_rollback(e);
out:
	calendar_free(&ci.cal);
	free(ci.added);
	return ret;
}

/* ---- pupils ---- */

enum {
	P_UPN, P_SURNAME, P_FORENAME, P_DOB, P_GENDER, P_YEAR, P_FORM, P_ADMITTED, P_LEFT,
	P_FSM, P_PP, P_SEND, P_EAL, P_ETHNICITY, P_LOOKED_AFTER, P_CIN, P_CP, P_SAFEGUARDING,
	P_LEAVING_GROUND, P__MAX
};
/* The last five are optional: the DfE's daily data needs four of them, the
 * lesson registers' alerts and the first-day queue the safeguarding flag; a
 * file without them leaves what is stored unchanged. */
static const struct csv_column pupil_cols[P__MAX] = {
	{"upn", 1},	 {"surname", 1},      {"forename", 1}, {"dob", 1},  {"gender", 1},
	{"year", 1},	 {"form", 1},	      {"admitted", 1}, {"left", 0}, {"fsm", 1},
	{"pp", 1},	 {"send", 1},	      {"eal", 1},      {"ethnicity", 0},
	{"looked_after", 0}, {"cin", 0}, {"cp", 0}, {"safeguarding", 0}, {"leaving_ground", 0}};

static bool has_column(const struct csv_record *r, int col)
{
	return r->present & ((uint64_t)1 << col);
}

struct pupil_import {
	struct engine *e;
	const char *path;
	const struct actor *who;
	char now[CLOCK_ISO_LEN];
	struct import_result *res;
	/* enrolments written by this file: UPN + dates, to catch overlaps */
	struct seen_enrolment {
		char upn[UPN_LEN + 1];
		int64_t pupil_id;
		date_t admitted, left;
		int line;
	} *seen;
	int n_seen, cap_seen;
};

static bool same_pupil_fields(const struct pupil_row *r, const struct pupil_rec *p,
			      const struct matrix *m)
{
	date_t left = p->left == DATE_INVALID ? DATE_OPEN_END : p->left;
	return strcmp(r->surname, p->surname) == 0 && strcmp(r->forename, p->forename) == 0 &&
	       r->dob == p->dob && r->gender == p->gender && r->admitted == p->admitted &&
	       r->left == left && r->year == p->year && strcmp(m->forms[r->form], p->form) == 0 &&
	       r->fsm == p->fsm && r->pp == p->pp && r->send == p->send && r->eal == p->eal &&
	       strcmp(r->ethnicity, p->ethnicity) == 0 && r->looked_after == p->looked_after &&
	       r->cin == p->cin && r->cp == p->cp && r->safeguarding == p->safeguarding;
}

static int parse_pupil(const struct csv_record *r, struct pupil_rec *p, struct app_error *err)
{
	memset(p, 0, sizeof *p);
	const char *upn = r->field[P_UPN];
	const char *why = upn_shape_error(upn);
	if (why)
		return app_fail(err, ERR_INPUT, "upn", "upn '%s': %s", upn, why);
	memcpy(p->upn, upn, UPN_LEN + 1);
	if (parse_text_field("surname", r->field[P_SURNAME], p->surname, sizeof p->surname, 1, err) < 0 ||
	    parse_text_field("forename", r->field[P_FORENAME], p->forename, sizeof p->forename, 1, err) < 0 ||
	    parse_text_field("form", r->field[P_FORM], p->form, sizeof p->form, 1, err) < 0 ||
	    parse_date_field("dob", r->field[P_DOB], &p->dob, err) < 0 ||
	    parse_date_field("admitted", r->field[P_ADMITTED], &p->admitted, err) < 0)
		return -1;
	p->left = DATE_INVALID;
	if (r->field[P_LEFT][0] && parse_date_field("left", r->field[P_LEFT], &p->left, err) < 0)
		return -1;
	if (p->left != DATE_INVALID && p->left < p->admitted)
		return app_fail(err, ERR_INPUT, "left", "left (%s) is before admitted (%s)",
				r->field[P_LEFT], r->field[P_ADMITTED]);
	if (p->dob >= p->admitted)
		return app_fail(err, ERR_INPUT, "dob", "dob (%s) is not before admitted (%s)",
				r->field[P_DOB], r->field[P_ADMITTED]);
	if (!(p->gender = gender_parse(r->field[P_GENDER])))
		return app_fail(err, ERR_INPUT, "gender", "gender '%s' is not M, F or U",
				r->field[P_GENDER]);
	if ((p->year = year_parse(r->field[P_YEAR])) == YEAR_INVALID)
		return app_fail(err, ERR_INPUT, "year", "year '%s' is not N1, N2, R or 1 to 14",
				r->field[P_YEAR]);
	static const struct {
		int idx;
		const char *name;
	} flags[] = {{P_FSM, "fsm"}, {P_PP, "pp"}, {P_EAL, "eal"},
		     {P_LOOKED_AFTER, "looked_after"}, {P_CIN, "cin"}, {P_CP, "cp"},
		     {P_SAFEGUARDING, "safeguarding"}};
	int *dest[] = {&p->fsm, &p->pp, &p->eal, &p->looked_after, &p->cin, &p->cp,
		       &p->safeguarding};
	for (int i = 0; i < 7; i++) {
		if (!has_column(r, flags[i].idx))
			continue; /* optional and absent: filled in from what is stored */
		int v = flag_parse(r->field[flags[i].idx]);
		if (v < 0)
			return app_fail(err, ERR_INPUT, flags[i].name, "%s '%s' is not Y or N",
					flags[i].name, r->field[flags[i].idx]);
		*dest[i] = v;
	}
	if (!(p->send = send_parse(r->field[P_SEND])))
		return app_fail(err, ERR_INPUT, "send",
				"send '%s' is not N (none), K (SEN support) or E (EHC plan)",
				r->field[P_SEND]);
	if (ethnicity_parse(r->field[P_ETHNICITY], p->ethnicity) < 0)
		return app_fail(err, ERR_INPUT, "ethnicity",
				"ethnicity '%s' is not a four-letter census code (such as WBRI) or empty",
				r->field[P_ETHNICITY]);
	return 0;
}

/* Optional columns the file does not have keep their stored values: the
 * pupil's (ethnicity) from any enrolment, the enrolment's own otherwise. */
static void keep_absent(const struct csv_record *r, struct pupil_rec *p,
			const struct pupil_row *pupil, const struct pupil_row *enrolment)
{
	if (!has_column(r, P_ETHNICITY) && pupil)
		memcpy(p->ethnicity, pupil->ethnicity, sizeof p->ethnicity);
	if (!enrolment)
		return;
	if (!has_column(r, P_LOOKED_AFTER))
		p->looked_after = enrolment->looked_after;
	if (!has_column(r, P_CIN))
		p->cin = enrolment->cin;
	if (!has_column(r, P_CP))
		p->cp = enrolment->cp;
	if (!has_column(r, P_SAFEGUARDING))
		p->safeguarding = enrolment->safeguarding;
}

static bool ranges_overlap(date_t a0, date_t a1, date_t b0, date_t b1)
{
	return a0 <= b1 && b0 <= a1;
}

static int pupil_row(void *ctx, const struct csv_record *r, struct app_error *err)
{
	struct pupil_import *pi = ctx;
	struct engine *e = pi->e;
	struct pupil_rec p;
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], c[DATE_ISO_LEN];
	if (parse_pupil(r, &p, err) < 0)
		return -1;
	/* The ground of deletion from the admission register (2024
	 * regulations, regulation 9) goes with a leaving date. */
	const char *ground_text = r->field[P_LEAVING_GROUND];
	const struct leaving_ground *ground = NULL;
	if (ground_text[0] && !(ground = leaving_ground_find(ground_text)))
		return app_fail(err, ERR_INPUT, "leaving_ground",
				"leaving_ground '%s' is not a ground of regulation 9 (9(1)(a) to "
				"9(1)(o), 9(3), or its name such as another_school: `attend pupils "
				"grounds` lists them)",
				ground_text);
	if (ground && p.left == DATE_INVALID)
		return app_fail(err, ERR_INPUT, "leaving_ground",
				"leaving_ground %s goes with a left date", ground->code);
	if (upn_check_letter(p.upn) != p.upn[0])
		fprintf(stderr, "%s:%d: warning: UPN %s has check letter %c where the DfE algorithm "
				"gives %c: check it with the previous school\n",
			pi->path, r->line, p.upn, p.upn[0], upn_check_letter(p.upn));
	date_t left = p.left == DATE_INVALID ? DATE_OPEN_END : p.left;

	int64_t earlier_id = 0; /* the pupil, when an earlier row of this file added them */
	for (int i = 0; i < pi->n_seen; i++) {
		struct seen_enrolment *s = &pi->seen[i];
		if (strcmp(s->upn, p.upn) != 0)
			continue;
		if (ranges_overlap(s->admitted, s->left, p.admitted, left))
			return app_fail(err, ERR_INPUT, "upn",
					"pupil %s is already on roll for these dates at line %d", p.upn,
					s->line);
		earlier_id = s->pupil_id;
	}

	/* Which stored enrolment does this row describe? One that overlaps it
	 * (a correction), or none (a new pupil, or a pupil rejoining). */
	int match = -1, n_overlap = 0;
	int first = engine_pupil_row(e, p.upn);
	for (int row = first; row >= 0; row = engine_next_row(e, row)) {
		const struct pupil_row *pr = &e->m.rows[row];
		if (ranges_overlap(pr->admitted, pr->left, p.admitted, left)) {
			match = row;
			n_overlap++;
		}
	}
	if (n_overlap > 1)
		return app_fail(err, ERR_INPUT, "admitted",
				"pupil %s: admitted %s to %s overlaps %d enrolments already in the "
				"admission register",
				p.upn, date_format(p.admitted, a),
				p.left == DATE_INVALID ? "now" : date_format(p.left, b), n_overlap);
	if (first >= 0)
		p.pupil_id = e->m.rows[first].pupil_id;
	else
		p.pupil_id = earlier_id;
	keep_absent(r, &p, first >= 0 ? &e->m.rows[first] : NULL,
		    match >= 0 ? &e->m.rows[match] : NULL);
	const char *reason = "admitted";
	bool leaving = p.left != DATE_INVALID &&
		       (match < 0 || e->m.rows[match].left != p.left);
	if (match >= 0) {
		const struct pupil_row *pr = &e->m.rows[match];
		p.enrolment_id = pr->enrolment_id;
		if (same_pupil_fields(pr, &p, &e->m)) {
			pi->res->rows++;
			pi->res->unchanged++;
			/* a ground given now for a pupil who left before */
			if (ground && notices_after_enrolment(e, &p, false, false, ground->code, NULL,
							      pi->who, err) < 0)
				return -1;
			goto remember;
		}
		/* The new dates must still cover every mark the enrolment has. */
		int outside = 0;
		date_t first_mark = DATE_INVALID;
		if (p.admitted > pr->admitted) {
			int n;
			date_t f;
			if (store_pupil_mark_count(e->store, e->school.id, p.pupil_id, pr->admitted,
						   p.admitted - 1, &n, &f) < 0)
				return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			outside += n;
			if (n)
				first_mark = f;
		}
		if (left < pr->left) {
			int n;
			date_t f;
			date_t to = pr->left == DATE_OPEN_END ? date_from_ymd(9999, 12, 31) : pr->left;
			if (store_pupil_mark_count(e->store, e->school.id, p.pupil_id, left + 1, to, &n,
						   &f) < 0)
				return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			if (n && first_mark == DATE_INVALID)
				first_mark = f;
			outside += n;
		}
		if (outside)
			return app_fail(err, ERR_CONFLICT, "admitted",
					"pupil %s has %d mark%s outside %s to %s (the first on %s): the "
					"admission dates can't leave marks behind",
					p.upn, outside, outside == 1 ? "" : "s", date_format(p.admitted, a),
					p.left == DATE_INVALID ? "now" : date_format(p.left, b),
					date_format(first_mark, c));
		reason = p.left != DATE_INVALID && pr->left == DATE_OPEN_END ? "left"
										  : "details updated";
		pi->res->changed++;
	} else {
		reason = p.pupil_id ? "readmitted" : "admitted";
		pi->res->added++;
	}
	pi->res->rows++;
	char why[160];
	snprintf(why, sizeof why, "%s (%s)", reason, pi->who->source);
	if (store_pupil_save(e->store, e->school.id, &p, pi->who->user, pi->now, why) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (leaving && !ground) {
		char stored[16];
		if (notices_ground_of(e->store, e->school.id, p.enrolment_id, stored, err) < 0)
			return -1;
		if (!stored[0]) {
			fprintf(stderr, "%s:%d: warning: pupil %s leaves on %s with no leaving_ground: "
					"record the ground of deletion (`attend pupils leave`)\n",
				pi->path, r->line, p.upn, date_format(p.left, a));
		}
	}
	/* the local authority is told of additions and deletions */
	if (notices_after_enrolment(e, &p, match < 0, leaving, ground ? ground->code : NULL, NULL,
				    pi->who, err) < 0)
		return -1;
remember:
	if (pi->n_seen == pi->cap_seen) {
		int cap = pi->cap_seen ? pi->cap_seen * 2 : 256;
		struct seen_enrolment *n = realloc(pi->seen, (size_t)cap * sizeof *n);
		if (!n)
			return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		pi->seen = n;
		pi->cap_seen = cap;
	}
	struct seen_enrolment *s = &pi->seen[pi->n_seen++];
	memcpy(s->upn, p.upn, sizeof s->upn);
	s->pupil_id = p.pupil_id;
	s->admitted = p.admitted;
	s->left = left;
	s->line = r->line;
	return 0;
}

int import_pupils(struct engine *e, const char *path, const struct actor *who,
		  struct import_result *res, struct app_error *err)
{
	struct pupil_import pi = {.e = e, .path = path, .who = who, .res = res};
	memset(res, 0, sizeof *res);
	clock_iso_utc(clock_now(), pi.now);
	if (engine_begin(e, err) < 0)
		return -1;
	if (csv_read(path, pupil_cols, P__MAX, pupil_row, &pi, err) < 0) {
		engine_rollback(e);
		free(pi.seen);
		return -1;
	}
	free(pi.seen);
	if (engine_commit(e, err) < 0)
		return -1;
	return engine_reload(e, err);
}

/* ---- marks ---- */

static const struct marks_format marks_csv = {
	.column = {"upn", "date", "session", "code", "minutes_late"}};

struct mark_import {
	struct engine *e;
	const struct marks_format *fmt;
	const struct actor *who;
	const char *reason;
	struct import_result *res;
	uint32_t *seen_line; /* line of the row that wrote each cell, 0 if none */
};

static int mark_row(void *ctx, const struct csv_record *r, struct app_error *err)
{
	struct mark_import *mi = ctx;
	struct mark_input in = {.upn = r->field[MARKS_COL_UPN]};
	const char *date = r->field[MARKS_COL_DATE];
	char iso[DATE_ISO_LEN];
	if (mi->fmt->uk_dates) {
		date_t d = date_parse_dmy(date);
		if (d == DATE_INVALID)
			return app_fail(err, ERR_INPUT, "date", "date '%s' is not a date (DD/MM/YYYY)",
					date);
		date = date_format(d, iso);
	}
	if (parse_mark_fields(date, r->field[MARKS_COL_SESSION], r->field[MARKS_COL_CODE],
			      r->field[MARKS_COL_MINUTES], &in, err) < 0)
		return -1;
	int row, col;
	if (marks_check(mi->e, &in, clock_today(), &row, &col, err) < 0)
		return -1;
	size_t cell = (size_t)row * (size_t)mi->e->m.n_cols + (size_t)col;
	if (mi->seen_line[cell])
		return app_fail(err, ERR_INPUT, "date",
				"the same session (%s %s %s) is already at line %u", in.upn,
				r->field[MARKS_COL_DATE], session_name(in.session), mi->seen_line[cell]);
	mi->seen_line[cell] = (uint32_t)r->line;
	enum mark_outcome outcome;
	if (marks_write(mi->e, &in, mi->who, mi->reason, false, &outcome, err) < 0)
		return -1;
	mi->res->rows++;
	if (outcome == MARK_NEW)
		mi->res->added++;
	else if (outcome == MARK_AMENDED)
		mi->res->changed++;
	else
		mi->res->unchanged++;
	return 0;
}

int import_marks_as(struct engine *e, const char *path, const struct marks_format *fmt,
		    const struct actor *who, const char *reason, struct import_result *res,
		    struct app_error *err)
{
	memset(res, 0, sizeof *res);
	struct mark_import mi = {.e = e, .fmt = fmt, .who = who, .reason = reason, .res = res};
	struct csv_column cols[MARKS_COL__MAX];
	for (int c = 0; c < MARKS_COL__MAX; c++)
		cols[c] = (struct csv_column){fmt->column[c], c != MARKS_COL_MINUTES};
	mi.seen_line = calloc((size_t)e->m.n_rows * (size_t)e->m.n_cols + 1, sizeof *mi.seen_line);
	if (!mi.seen_line)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	int ret = -1;
	if (engine_begin(e, err) < 0)
		goto out;
	if (csv_read_ex(path, cols, MARKS_COL__MAX, fmt->other_columns ? CSV_IGNORE_UNKNOWN : 0,
			mark_row, &mi, err) < 0) {
		engine_rollback(e);
		goto out;
	}
	ret = engine_commit(e, err);
out:
	free(mi.seen_line);
	return ret;
}

int import_marks(struct engine *e, const char *path, const struct actor *who, const char *reason,
		 struct import_result *res, struct app_error *err)
{
	return import_marks_as(e, path, &marks_csv, who, reason, res, err);
}
