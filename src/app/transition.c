#include "app/transition.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/casework.h"
#include "app/clock.h"
#include "app/csv.h"
#include "app/output.h"
#include "app/parse.h"
#include "app/role.h"
#include "app/report.h"
#include "core/exchange_codes.h"
#include "core/notices.h"
#include "core/ranges.h"

/* ---- the Year 6 list ---- */

enum { Y_UPN, Y_SURNAME, Y_FORENAME, Y_DOB, Y_SCHOOL, Y_YEAR, Y_POSSIBLE, Y_ATTENDED,
       Y_AUTHORISED, Y_UNAUTHORISED, Y_FSM, Y_SEND, Y__MAX };
static const struct csv_column year6_cols[Y__MAX] = {
	{"upn", 1},	   {"surname", 1},  {"forename", 1},   {"dob", 1},
	{"primary_school", 1}, {"year", 1},	    {"possible", 1},   {"attended", 1},
	{"authorised", 1}, {"unauthorised", 1}, {"fsm", 0},	{"send", 0}};

struct year6_import {
	struct engine *e;
	const char *path;
	struct year6_import_result *res;
	struct year6_rec base; /* who, when, the file */
	struct seen {
		char upn[UPN_LEN + 1];
		int year, line;
	} *seen;
	int n_seen;
};

static int year6_row(void *ctx, const struct csv_record *r, struct app_error *err)
{
	struct year6_import *yi = ctx;
	struct year6_rec y = yi->base;
	const char *upn = r->field[Y_UPN];
	const char *why = upn_shape_error(upn);
	if (why)
		return app_fail(err, ERR_INPUT, "upn", "upn '%s': %s", upn, why);
	if (upn_check_letter(upn) != upn[0])
		fprintf(stderr, "%s:%d: warning: UPN %s has check letter %c where the DfE algorithm "
				"gives %c: check it with the primary school\n",
			yi->path, r->line, upn, upn[0], upn_check_letter(upn));
	memcpy(y.upn, upn, UPN_LEN + 1);
	if (parse_text_field("surname", r->field[Y_SURNAME], y.surname, sizeof y.surname, 1, err) < 0 ||
	    parse_text_field("forename", r->field[Y_FORENAME], y.forename, sizeof y.forename, 1, err) < 0 ||
	    parse_date_field("dob", r->field[Y_DOB], &y.dob, err) < 0 ||
	    parse_text_field("primary_school", r->field[Y_SCHOOL], y.primary_school,
			     sizeof y.primary_school, 1, err) < 0)
		return -1;
	if ((y.academic_year = date_academic_year_parse(r->field[Y_YEAR])) < 1990 ||
	    y.academic_year > 2200)
		return app_fail(err, ERR_INPUT, "year",
				"year '%s' is not the academic year of Year 6, such as 2025/26",
				r->field[Y_YEAR]);
	static const struct {
		int col;
		const char *name;
	} counts[] = {{Y_POSSIBLE, "possible"},
		      {Y_ATTENDED, "attended"},
		      {Y_AUTHORISED, "authorised"},
		      {Y_UNAUTHORISED, "unauthorised"}};
	int *dest[] = {&y.possible, &y.attended, &y.authorised, &y.unauthorised};
	for (int i = 0; i < 4; i++) {
		long v;
		/* a school year has at most 2 sessions on each of 195 days; 500 allows for a
		 * longer one and no more */
		if (parse_int_field(counts[i].name, r->field[counts[i].col], 0, 500, &v, err) < 0)
			return -1;
		*dest[i] = (int)v;
	}
	if (y.attended + y.authorised + y.unauthorised != y.possible)
		return app_fail(err, ERR_INPUT, "possible",
				"the sessions don't add up: attended %d + authorised %d + unauthorised "
				"%d = %d, not possible %d",
				y.attended, y.authorised, y.unauthorised,
				y.attended + y.authorised + y.unauthorised, y.possible);
	const char *fsm = r->field[Y_FSM], *send = r->field[Y_SEND];
	if (fsm[0] && flag_parse(fsm) < 0)
		return app_fail(err, ERR_INPUT, "fsm", "fsm '%s' is not Y or N (or empty)", fsm);
	if (send[0] && !send_parse(send))
		return app_fail(err, ERR_INPUT, "send",
				"send '%s' is not N (none), K (SEN support) or E (EHC plan), or empty",
				send);
	snprintf(y.fsm, sizeof y.fsm, "%s", fsm[0] ? (flag_parse(fsm) ? "Y" : "N") : "");
	snprintf(y.send, sizeof y.send, "%c", send[0] ? send_parse(send) : '\0');
	for (int i = 0; i < yi->n_seen; i++)
		if (strcmp(yi->seen[i].upn, y.upn) == 0 && yi->seen[i].year == y.academic_year)
			return app_fail(err, ERR_INPUT, "upn",
					"pupil %s's Year 6 (%s) is already at line %d", y.upn,
					r->field[Y_YEAR], yi->seen[i].line);
	struct seen *grown = realloc(yi->seen, (size_t)(yi->n_seen + 1) * sizeof *grown);
	if (!grown)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	yi->seen = grown;
	struct seen *s = &yi->seen[yi->n_seen++];
	memcpy(s->upn, y.upn, sizeof s->upn);
	s->year = y.academic_year;
	s->line = r->line;
	enum store_put outcome;
	if (store_year6_put(yi->e->store, yi->e->school.id, &y, &outcome) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(yi->e->store));
	yi->res->rows++;
	yi->res->added += outcome == STORE_PUT_ADDED;
	yi->res->changed += outcome == STORE_PUT_CHANGED;
	yi->res->unchanged += outcome == STORE_PUT_UNCHANGED;
	return 0;
}

int transition_import_year6(struct engine *e, const char *path, const struct actor *who,
			    struct year6_import_result *res, struct app_error *err)
{
	memset(res, 0, sizeof *res);
	struct year6_import yi = {.e = e, .path = path, .res = res};
	snprintf(yi.base.imported_by, sizeof yi.base.imported_by, "%s", who->user);
	clock_iso_utc(clock_now(), yi.base.imported_at);
	/* the file's SHA-256, kept with each row: which list the figures came in */
	FILE *f = fopen(path, "rb");
	if (!f)
		return app_fail(err, ERR_INPUT, "file", "cannot read %s", path);
	char *buf = NULL;
	size_t len = 0, cap = 0, got;
	char chunk[8192];
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + got > cap) {
			cap = (len + got) * 2;
			char *b = realloc(buf, cap);
			if (!b) {
				free(buf);
				fclose(f);
				return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
			}
			buf = b;
		}
		memcpy(buf + len, chunk, got);
		len += got;
	}
	fclose(f);
	output_sha256(buf ? buf : "", len, yi.base.file_sha256);
	free(buf);
	if (engine_begin(e, err) < 0)
		return -1;
	int rc = csv_read(path, year6_cols, Y__MAX, year6_row, &yi, err) < 0 ? -1 : 0;
	free(yi.seen);
	return engine_end(e, rc, err);
}

/* ---- Year 6 figures by UPN ---- */

struct source {
	char upn[UPN_LEN + 1];
	struct y6_figures f;
	bool from_ctf, has_pattern;
	struct pattern pattern;
	char name[STORE_NAME_MAX + 64];
	char fsm[2], send[2];
	char surname[STORE_NAME_MAX], forename[STORE_NAME_MAX];
};

struct sources {
	struct source *v;
	int n;
	int year; /* the academic year of Year 6 */
	bool failed;
};

static struct source *source_for(struct sources *s, const char *upn, bool ctf)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->v[i].upn, upn) == 0 && s->v[i].from_ctf == ctf)
			return &s->v[i];
	struct source *grown = realloc(s->v, (size_t)(s->n + 1) * sizeof *grown);
	if (!grown) {
		s->failed = true;
		return NULL;
	}
	s->v = grown;
	struct source *x = &s->v[s->n++];
	memset(x, 0, sizeof *x);
	snprintf(x->upn, sizeof x->upn, "%s", upn);
	x->from_ctf = ctf;
	return x;
}

static void add_figures(struct y6_figures *to, int possible, int attended, int authorised,
			int unauthorised)
{
	to->possible += possible;
	to->attended += attended;
	to->authorised += authorised;
	to->unauthorised += unauthorised;
	to->known = true;
}

static int note_ctf(void *ctx, const struct transfer_file_rec *f, const struct transfer_pupil_rec *p,
		    const struct transfer_year_rec *y)
{
	struct sources *s = ctx;
	if (!y || y->academic_year != s->year)
		return 0;
	struct source *x = source_for(s, p->upn, true);
	if (!x)
		return -1;
	size_t k = strlen(x->name);
	snprintf(x->name + k, sizeof x->name - k, "%sCTF from %s (%s/%s)", k ? "; " : "",
		 y->school_name[0] ? y->school_name : f->source_name, y->lea, y->estab);
	if (!y->has_marks) {
		add_figures(&x->f, y->possible, y->attended, y->authorised, y->unauthorised);
		return 0;
	}
	/* the figures of the marks, as core/stats counts them (the totals as
	 * sent are beside them in `attend transfers`) */
	uint8_t codes[STORE_CTF_MARKS_MAX];
	int n = (int)strlen(y->marks);
	for (int i = 0; i < n; i++) {
		int c = ctf_mark_parse(y->marks[i]);
		codes[i] = (uint8_t)(c < 0 ? CODE_NONE : c);
	}
	struct figures fig;
	stats_codes(codes, n, &fig);
	add_figures(&x->f, fig.possible, (int)stats_attendance(&fig), fig.authorised, fig.unauthorised);
	struct pattern pt;
	transition_marks_pattern(codes, n, y->start, &pt);
	patterns_add(&x->pattern, &pt);
	x->has_pattern = true;
	return 0;
}

static int note_list(void *ctx, const struct year6_rec *y)
{
	struct sources *s = ctx;
	if (y->academic_year != s->year)
		return 0;
	struct source *x = source_for(s, y->upn, false);
	if (!x)
		return -1;
	add_figures(&x->f, y->possible, y->attended, y->authorised, y->unauthorised);
	snprintf(x->name, sizeof x->name, "Year 6 list (%s)", y->primary_school);
	memcpy(x->fsm, y->fsm, sizeof x->fsm);
	memcpy(x->send, y->send, sizeof x->send);
	snprintf(x->surname, sizeof x->surname, "%s", y->surname);
	snprintf(x->forename, sizeof x->forename, "%s", y->forename);
	return 0;
}

/* A pupil's figures: their CTFs' first, else the Year 6 list's. */
static const struct source *best(const struct sources *s, const char *upn)
{
	const struct source *list = NULL;
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->v[i].upn, upn) == 0) {
			if (s->v[i].from_ctf)
				return &s->v[i];
			list = &s->v[i];
		}
	return list;
}

/* ---- the view ---- */

static void fill(struct transition_pupil *tp, const struct source *src)
{
	if (src) {
		tp->y6 = src->f;
		snprintf(tp->source, sizeof tp->source, "%s", src->name);
		if (src->has_pattern)
			tp->n_notes = patterns_notes(&src->pattern, tp->notes);
	}
	struct figures f = {0};
	f.possible = tp->y6.possible;
	f.present = tp->y6.attended;
	f.authorised = tp->y6.authorised;
	f.unauthorised = tp->y6.unauthorised;
	tp->band = tp->y6.known ? stats_band(&f) : BAND_NONE;
	transition_rank_of(&tp->y6, &tp->needs, &tp->rank);
	tp->flag = transition_flagged(tp->rank.risk);
}

static int by_risk(const void *a, const void *b)
{
	const struct transition_pupil *x = a, *y = b;
	int c = transition_compare(&x->rank, &y->rank);
	return c ? c : pupil_name_cmp(x->surname, x->forename, x->upn, y->surname, y->forename, y->upn);
}

/* The half-terms of the intake year (the first TRANSITION_FLAG_HALF_TERMS),
 * and which of them today is in (1..), 0 before the first. */
static void half_terms(const struct calendar *cal, struct transition_view *v, date_t today)
{
	date_t from = date_from_ymd(v->intake, 8, 1), to = date_from_ymd(v->intake + 1, 7, 31);
	int k = 0;
	v->half_term = 0;
	for (int i = 0; i < cal->n_half_terms; i++) {
		const struct half_term *h = &cal->half_terms[i];
		if (h->start < from || h->start > to)
			continue;
		if (k < TRANSITION_FLAG_HALF_TERMS) {
			v->ht_from[k] = h->start;
			v->ht_to[k] = h->end;
		}
		k++;
		if (h->start <= today)
			v->half_term = k;
	}
	for (; k < TRANSITION_FLAG_HALF_TERMS; k++)
		v->ht_from[k] = v->ht_to[k] = DATE_INVALID;
}

static void sums(const struct engine *e, int row, date_t from, date_t to, int64_t *att,
		 int64_t *possible)
{
	int c0, c1;
	struct figures f;
	stats_cols(&e->cal, from, to, &c0, &c1);
	stats_row(&e->m, row, c0, c1, &f);
	*att = stats_attendance(&f);
	*possible = f.possible;
}

/* The watch: the half-term today is in, if it is the second or third, to
 * date, against the first; only for pupils who were there in the first. */
static void watch(const struct engine *e, const struct transition_view *v, date_t today,
		  struct transition_pupil *tp)
{
	int k = v->half_term;
	if (tp->row < 0 || k < 1 || v->ht_from[0] == DATE_INVALID)
		return;
	sums(e, tp->row, v->ht_from[0], v->ht_to[0], &tp->att_first, &tp->possible_first);
	if (k < 2 || k > TRANSITION_FLAG_HALF_TERMS || e->m.rows[tp->row].admitted > v->ht_to[0])
		return;
	date_t to = v->ht_to[k - 1] < today ? v->ht_to[k - 1] : today;
	sums(e, tp->row, v->ht_from[k - 1], to, &tp->att_now, &tp->possible_now);
	tp->watched = true;
	tp->decliner = transition_early_decliner(tp->att_first, tp->possible_first, tp->att_now,
						 tp->possible_now, v->decline_pp100, &tp->change);
}

static bool in_intake(const struct pupil_row *p, int intake)
{
	return p->year == TRANSITION_YEAR && date_academic_year(p->admitted) == intake;
}

static int default_intake(const struct engine *e, date_t today)
{
	int next = date_academic_year(today) + 1;
	for (int r = 0; r < e->m.n_rows; r++)
		if (in_intake(&e->m.rows[r], next))
			return next;
	return next - 1;
}

int transition_build(const struct engine *e, int intake, date_t today, struct transition_view *out,
		     struct app_error *err)
{
	memset(out, 0, sizeof *out);
	out->intake = intake > 0 ? intake : default_intake(e, today);
	half_terms(&e->cal, out, today);
	char buf[32];
	long pp = TRANSITION_DECLINE_PP100 / 100;
	int rc = store_setting_get(e->store, e->school.id, SETTING_TRANSITION_DECLINE_PP, buf, sizeof buf);
	if (rc < 0 || (rc == 0 && parse_int_field(SETTING_TRANSITION_DECLINE_PP, buf, 1, 50, &pp, err) < 0))
		return rc < 0 ? app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store)) : -1;
	out->decline_pp100 = pp * 100;
	struct sources s = {.year = out->intake - 1};
	if (store_transfers_each(e->store, e->school.id, NULL, note_ctf, &s) < 0 ||
	    store_year6_each(e->store, e->school.id, note_list, &s) < 0) {
		free(s.v);
		return app_fail(err, ERR_INTERNAL, NULL, "%s",
				s.failed ? "out of memory" : store_error(e->store));
	}
	out->v = calloc((size_t)e->m.n_rows + (size_t)s.n + 1, sizeof *out->v);
	if (!out->v) {
		free(s.v);
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	}
	/* the intake on the register: a pupil's latest Year 7 enrolment of it */
	for (int r = 0; r < e->m.n_rows; r++) {
		const struct pupil_row *p = &e->m.rows[r];
		if (!in_intake(p, out->intake))
			continue;
		struct transition_pupil *tp = NULL;
		for (int i = 0; i < out->n && !tp; i++)
			if (strcmp(out->v[i].upn, p->upn) == 0)
				tp = &out->v[i];
		if (!tp)
			tp = &out->v[out->n++];
		memset(tp, 0, sizeof *tp);
		memcpy(tp->upn, p->upn, sizeof tp->upn);
		snprintf(tp->surname, sizeof tp->surname, "%s", p->surname);
		snprintf(tp->forename, sizeof tp->forename, "%s", p->forename);
		tp->row = r;
		tp->needs = (struct transition_needs){p->cp, p->cin, p->looked_after, p->fsm, p->send};
	}
	for (int i = 0; i < out->n; i++) {
		fill(&out->v[i], best(&s, out->v[i].upn));
		watch(e, out, today, &out->v[i]);
	}
	/* pupils on a Year 6 list not on the register yet */
	for (int i = 0; i < s.n; i++) {
		const struct source *x = &s.v[i];
		if (x->from_ctf || engine_pupil_row(e, x->upn) >= 0)
			continue;
		struct transition_pupil *tp = &out->v[out->n++];
		memset(tp, 0, sizeof *tp);
		memcpy(tp->upn, x->upn, sizeof tp->upn);
		snprintf(tp->surname, sizeof tp->surname, "%s", x->surname);
		snprintf(tp->forename, sizeof tp->forename, "%s", x->forename);
		tp->row = -1;
		tp->needs.fsm = x->fsm[0] == 'Y';
		tp->needs.send = x->send[0];
		fill(tp, x);
	}
	free(s.v);
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, by_risk);
	return 0;
}

void transition_free(struct transition_view *v)
{
	free(v->v);
	v->v = NULL;
	v->n = 0;
}

int transition_pupil_of(const struct engine *e, int row, date_t today,
			struct transition_pupil *out, struct transition_view *ctx,
			struct app_error *err)
{
	const struct pupil_row *p = &e->m.rows[row];
	if (p->year != TRANSITION_YEAR)
		return 1;
	struct transition_view v;
	if (transition_build(e, date_academic_year(p->admitted), today, &v, err) < 0)
		return -1;
	int rc = 1;
	if (v.half_term <= TRANSITION_FLAG_HALF_TERMS)
		for (int i = 0; i < v.n && rc == 1; i++)
			if (v.v[i].row >= 0 && e->m.rows[v.v[i].row].pupil_id == p->pupil_id) {
				*out = v.v[i];
				rc = 0;
			}
	*ctx = v;
	ctx->v = NULL;
	ctx->n = 0;
	transition_free(&v);
	return rc;
}

/* ---- JSON ---- */

static json_t *date_or_null(date_t d)
{
	char buf[DATE_ISO_LEN];
	return d == DATE_INVALID ? json_null() : json_string(date_format(d, buf));
}

static json_t *pupil_json(const struct engine *e, const struct transition_view *v,
			  const struct transition_pupil *tp)
{
	const struct pupil_row *p = tp->row >= 0 ? &e->m.rows[tp->row] : NULL;
	char adm[DATE_ISO_LEN], text[160];
	json_t *needs = json_array(), *notes = json_array(), *y6 = json_null(), *y7 = json_null();
	static const char *const need_names[] = {"child protection plan", "child in need",
						 "looked after", "free school meals"};
	bool need[] = {tp->needs.cp, tp->needs.cin, tp->needs.looked_after, tp->needs.fsm};
	for (int i = 0; i < 4; i++)
		if (need[i])
			json_array_append_new(needs, json_string(need_names[i]));
	if (tp->needs.send == 'E' || tp->needs.send == 'K')
		json_array_append_new(needs, json_string(tp->needs.send == 'E' ? "EHC plan" : "SEN support"));
	for (int i = 0; i < tp->n_notes; i++)
		json_array_append_new(notes, json_string(patterns_note_text(&tp->notes[i], text, sizeof text)));
	if (tp->y6.known) {
		const struct y6_figures *f = &tp->y6;
		y6 = json_pack("{s:s, s:i, s:i, s:i, s:i, s:o, s:o, s:o, s:o, s:b, s:b}", "source",
			       tp->source, "possible", f->possible, "attended", f->attended, "authorised",
			       f->authorised, "unauthorised", f->unauthorised, "attendance_pct",
			       report_pct_json(stats_pct100(f->attended, f->possible)), "absence_pct",
			       report_pct_json(tp->rank.absence_pct100), "unauthorised_pct",
			       report_pct_json(tp->rank.unauthorised_pct100), "band",
			       tp->band >= 0 ? json_string(stats_band_label(tp->band)) : json_null(),
			       "persistent", tp->rank.risk <= TR_PERSISTENT, "severe",
			       tp->rank.risk == TR_SEVERE);
	}
	if (p && v->half_term >= 1) {
		y7 = json_pack("{s:o, s:o, s:b, s:b}", "first_half_term",
			       json_pack("{s:I, s:o}", "possible", (json_int_t)tp->possible_first,
					 "attendance_pct",
					 report_pct_json(stats_pct100(tp->att_first, tp->possible_first))),
			       "this_half_term",
			       tp->watched
				       ? json_pack("{s:i, s:I, s:o}", "half_term", v->half_term,
						   "possible", (json_int_t)tp->possible_now,
						   "attendance_pct",
						   report_pct_json(stats_pct100(tp->att_now, tp->possible_now)))
				       : json_null(),
			       "watched", tp->watched, "decliner", tp->decliner);
		json_object_set_new(y7, "change_pp",
				    report_pp_json(tp->watched ? tp->change.change_pp100 : PP_NONE));
	}
	return json_pack("{s:s, s:s, s:s, s:b, s:o, s:o, s:o, s:s, s:s, s:b, s:o, s:o, s:o}", "upn",
			 tp->upn, "surname", tp->surname, "forename", tp->forename, "on_roll", p != NULL,
			 "form", p ? json_string(e->m.forms[p->form]) : json_null(), "admitted",
			 p ? json_string(date_format(p->admitted, adm)) : json_null(), "year6", y6,
			 "risk", transition_risk_name(tp->rank.risk), "risk_label",
			 transition_risk_label(tp->rank.risk), "flag", tp->flag, "needs", needs,
			 "pattern", notes, "year7", y7);
}

json_t *transition_json(const struct engine *e, const struct transition_view *v)
{
	char label[8];
	int counts[TR__MAX] = {0}, flagged = 0, decliners = 0;
	json_t *pupils = json_array(), *ht = json_array();
	for (int i = 0; i < v->n; i++) {
		counts[v->v[i].rank.risk]++;
		flagged += v->v[i].flag;
		decliners += v->v[i].decliner;
		json_array_append_new(pupils, pupil_json(e, v, &v->v[i]));
	}
	for (int k = 0; k < TRANSITION_FLAG_HALF_TERMS; k++)
		if (v->ht_from[k] != DATE_INVALID)
			json_array_append_new(ht, json_pack("{s:o, s:o}", "from", date_or_null(v->ht_from[k]),
							    "to", date_or_null(v->ht_to[k])));
	json_t *c = json_object();
	for (int r = 0; r < TR__MAX; r++)
		json_object_set_new(c, transition_risk_name((enum transition_risk)r), json_integer(counts[r]));
	json_object_set_new(c, "flagged", json_integer(flagged));
	json_object_set_new(c, "decliners", json_integer(decliners));
	date_academic_year_label(v->intake, label);
	return json_pack("{s:s, s:i, s:o, s:o, s:o, s:o}", "intake", label, "half_term", v->half_term,
			 "watched_half_terms", ht, "decline_pp",
			 report_pp_json(v->decline_pp100), "counts", c, "pupils", pupils);
}

/* ---- the watch ---- */

int transition_watch(struct engine *e, date_t today, int *added, struct app_error *err)
{
	*added = 0;
	struct transition_view v;
	if (transition_build(e, date_academic_year(today), today, &v, err) < 0)
		return -1;
	if (engine_begin(e, err) < 0) {
		transition_free(&v);
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < v.n && rc == 0; i++) {
		const struct transition_pupil *tp = &v.v[i];
		if (!tp->decliner)
			continue;
		const struct pupil_row *p = &e->m.rows[tp->row];
		int64_t before = stats_pct10(tp->att_first, tp->possible_first),
			now = stats_pct10(tp->att_now, tp->possible_now), drop = before - now;
		enum cw_stage stage;
		if (cw_stage_of(e->store, e->school.id, p->pupil_id, &stage, err) < 0) {
			rc = -1;
			break;
		}
		/* On casework's review list as a decline (the scan reads only
		 * its own decline keys, dates; this one names the half-term). */
		struct cw_review_rec c = {0};
		char year[8];
		date_academic_year_label(v.intake, year);
		c.pupil_id = p->pupil_id;
		snprintf(c.kind, sizeof c.kind, "%s", cw_trigger_name(CWT_DECLINE));
		snprintf(c.key, sizeof c.key, "year7 %s ht%d", year, v.half_term);
		c.raised_on = today;
		snprintf(c.detail, sizeof c.detail,
			 "new-school effect: Year 7 decline: attended %lld.%lld%% in the first "
			 "half-term and %lld.%lld%% in half-term %d so far, down %lld.%lld points%s",
			 (long long)(before / 10), (long long)(before % 10), (long long)(now / 10),
			 (long long)(now % 10), v.half_term, (long long)(drop / 10),
			 (long long)(drop % 10), tp->flag ? "; at risk from Year 6" : "");
		snprintf(c.stage_then, sizeof c.stage_then, "%s", cw_stage_name(stage));
		snprintf(c.suggested, sizeof c.suggested, "%s",
			 cw_stage_name(cw_suggest(CWT_DECLINE, stage)));
		clock_iso_utc(clock_now(), c.raised_at);
		int r = store_cw_review_add(e->store, e->school.id, &c);
		if (r < 0)
			rc = app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		else if (r == 0)
			(*added)++;
	}
	transition_free(&v);
	return engine_end(e, rc, err);
}
