/* Reading a CTF for pupils joining. Everything is checked before anything is
 * written: a malformed file (not XML, not a CTF, a missing or bad element, a
 * mark that is no code) is refused whole with the line and element named.
 *
 * A year whose marks disagree with the file's own totals is kept, with the
 * discrepancy stated, rather than refused: the file is the old school's
 * record of the pupil and the only one the new school will get; refusing it
 * would leave the pupil with no history at all (and no transition check),
 * while keeping both the marks and the totals as sent, flagged, lets the
 * data manager take it up with the old school. The figures attend shows for
 * that year are computed from the marks, and the flag says so. */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/ctf.h"
#include "app/parse.h"
#include "app/xml.h"
#include "core/exchange_codes.h"
#include "core/stats.h"

struct in_pupil {
	struct transfer_pupil_rec p;
	struct transfer_year_rec *years;
	int n_years;
	long line;
};

struct ctf_in {
	struct xml_file f;
	struct transfer_file_rec file;
	struct in_pupil *pupils;
	int n_pupils;
	struct app_error *err;
};

static bool digits_only(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);
	return n >= min && n <= max && strspn(s, "0123456789") == n;
}

/* A text element checked by the rules of every text field (valid
 * single-line UTF-8 that fits). */
static int text_of(struct ctf_in *in, xmlNodePtr parent, const char *name, bool required,
		   char *out, size_t len)
{
	char raw[1024];
	int rc = xml_child_text(&in->f, parent, name, required, raw, sizeof raw, in->err);
	if (rc != 0)
		return rc;
	char field[128];
	snprintf(field, sizeof field, "%s/%s", (const char *)parent->name, name);
	if (parse_text_field(field, raw, out, len, required, in->err) < 0) {
		app_error_where(in->err, "%s:%ld", in->f.path, xmlGetLineNo(xml_child(parent, name)));
		return -1;
	}
	return 0;
}

/* An element that must be n digits (or one of the given placeholders). */
static int code_of(struct ctf_in *in, xmlNodePtr parent, const char *name, size_t n,
		   const char *placeholder, char *out, size_t len)
{
	if (xml_child_text(&in->f, parent, name, true, out, len, in->err) < 0)
		return -1;
	if (digits_only(out, n, n) || (placeholder && strcmp(out, placeholder) == 0))
		return 0;
	char field[128];
	snprintf(field, sizeof field, "%s/%s", (const char *)parent->name, name);
	return xml_fail(&in->f, xml_child(parent, name), in->err, field, "%s '%s' is not %zu digits",
			name, out, n);
}

static int read_header(struct ctf_in *in, xmlNodePtr root, const struct school_rec *us)
{
	struct transfer_file_rec *fr = &in->file;
	xmlNodePtr hdr = xml_child(root, "Header");
	if (!hdr)
		return xml_fail(&in->f, root, in->err, "Header", "CTfile has no Header");
	if (xml_child_text(&in->f, hdr, "CTFversion", true, fr->ctf_version,
			   sizeof fr->ctf_version, in->err) < 0)
		return -1;
	const char *dot = strchr(fr->ctf_version, '.');
	if (!dot || !digits_only(dot + 1, 1, 2) || dot - fr->ctf_version < 1 ||
	    dot - fr->ctf_version > 2 || strspn(fr->ctf_version, "0123456789") != (size_t)(dot - fr->ctf_version))
		return xml_fail(&in->f, xml_child(hdr, "CTFversion"), in->err, "Header/CTFversion",
				"CTFversion '%s' is not of the form YY.0", fr->ctf_version);
	xmlNodePtr src = xml_child(hdr, "SourceSchool");
	if (!src)
		return xml_fail(&in->f, hdr, in->err, "SourceSchool", "Header has no SourceSchool");
	if (code_of(in, src, "LEA", 3, NULL, fr->source_lea, sizeof fr->source_lea) < 0 ||
	    code_of(in, src, "Estab", 4, NULL, fr->source_estab, sizeof fr->source_estab) < 0 ||
	    text_of(in, src, "SchoolName", true, fr->source_name, sizeof fr->source_name) < 0)
		return -1;
	int rc = xml_child_text(&in->f, src, "URN", false, fr->source_urn, sizeof fr->source_urn, in->err);
	if (rc < 0)
		return -1;
	if (rc == 0 && fr->source_urn[0] && !digits_only(fr->source_urn, 6, 7))
		return xml_fail(&in->f, xml_child(src, "URN"), in->err, "SourceSchool/URN",
				"URN '%s' is not a 6 or 7 digit number", fr->source_urn);
	rc = xml_child_text(&in->f, src, "AcademicYear", false, fr->academic_year,
			    sizeof fr->academic_year, in->err);
	if (rc < 0)
		return -1;
	if (rc == 0 && fr->academic_year[0] && date_academic_year_parse(fr->academic_year) < 0)
		return xml_fail(&in->f, xml_child(src, "AcademicYear"), in->err,
				"SourceSchool/AcademicYear",
				"AcademicYear '%s' is not a year such as 2025 or 2025/26", fr->academic_year);

	xmlNodePtr dst = xml_child(hdr, "DestSchool");
	if (!dst)
		return 0;
	bool generic_lea = false;
	if (xml_child_text(&in->f, dst, "LEA", true, fr->dest_lea, sizeof fr->dest_lea, in->err) < 0 ||
	    xml_child_text(&in->f, dst, "Estab", true, fr->dest_estab, sizeof fr->dest_estab, in->err) < 0)
		return -1;
	generic_lea = strcmp(fr->dest_lea, "MMM") == 0 || strcmp(fr->dest_lea, "XXX") == 0;
	/* A file addressed to another school is not ours to read. */
	if (!generic_lea && us->la_code[0] && us->estab[0] &&
	    (strcmp(fr->dest_lea, us->la_code) != 0 || strcmp(fr->dest_estab, us->estab) != 0))
		return xml_fail(&in->f, dst, in->err, "DestSchool",
				"the file is addressed to %s/%s, not to this school (%s/%s)",
				fr->dest_lea, fr->dest_estab, us->la_code, us->estab);
	return 0;
}

/* What differs between a year's marks and its totals, or "" if nothing. */
static void discrepancy_of(const struct figures *f, const struct transfer_year_rec *y, char *out,
			   size_t len)
{
	size_t n = 0;
	out[0] = '\0';
	long attended = (long)stats_attendance(f);
	if (y->has_marks && (f->possible != y->possible || attended != y->attended ||
			     f->authorised != y->authorised || f->unauthorised != y->unauthorised))
		n += (size_t)snprintf(out, len,
				      "the marks give %d possible, %ld attended, %d authorised and %d "
				      "unauthorised sessions where the totals say %d, %d, %d and %d",
				      f->possible, attended, f->authorised, f->unauthorised, y->possible,
				      y->attended, y->authorised, y->unauthorised);
	if (n < len && y->attended + y->authorised + y->unauthorised != y->possible)
		snprintf(out + n, len - n,
			 "%sthe totals do not add up: %d attended + %d authorised + %d unauthorised "
			 "is not %d possible",
			 n ? "; " : "", y->attended, y->authorised, y->unauthorised, y->possible);
}

static int read_marks(struct ctf_in *in, xmlNodePtr ys, struct transfer_year_rec *y,
		      struct figures *fig)
{
	char text[16];
	if (xml_child_text(&in->f, ys, "AttendanceStartDate", true, text, sizeof text, in->err) < 0)
		return -1;
	xmlNodePtr sd = xml_child(ys, "AttendanceStartDate");
	if ((y->start = date_parse(text)) == DATE_INVALID)
		return xml_fail(&in->f, sd, in->err, "AttendSessions/AttendanceStartDate",
				"AttendanceStartDate '%s' is not a date (YYYY-MM-DD)", text);
	if (date_academic_year(y->start) != y->academic_year)
		return xml_fail(&in->f, sd, in->err, "AttendSessions/AttendanceStartDate",
				"AttendanceStartDate %s is not in the academic year the YearData's Year "
				"gives (%d/%02d)",
				text, y->academic_year, (y->academic_year + 1) % 100);
	int rc = xml_child_text(&in->f, ys, "AttendanceMarks", false, y->marks, sizeof y->marks,
				in->err);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return xml_fail(&in->f, ys, in->err, "AttendSessions/AttendanceMarks",
				"AttendSessions has no AttendanceMarks");
	xmlNodePtr mk = xml_child(ys, "AttendanceMarks");
	y->has_marks = true;
	int n = (int)strlen(y->marks);
	uint8_t codes[STORE_CTF_MARKS_MAX];
	date_t year_end = date_from_ymd(y->academic_year + 1, 7, 31);
	date_t in_force = date_parse(CODES_2024_IN_FORCE);
	for (int i = 0; i < n; i++) {
		enum session s;
		date_t d = ctf_mark_date(y->start, i, &s);
		char day[DATE_ISO_LEN], first[DATE_ISO_LEN];
		date_format(d, day);
		if (d > year_end)
			return xml_fail(&in->f, mk, in->err, "AttendSessions/AttendanceMarks",
					"AttendanceMarks has %d sessions: from %s (one a session, "
					"Monday to Friday) they run past the end of the academic year "
					"(%d-07-31) at character %d",
					n, date_format(y->start, first),
					y->academic_year + 1, i + 1);
		int c = ctf_mark_parse(y->marks[i]);
		if (c < 0)
			return xml_fail(&in->f, mk, in->err, "AttendSessions/AttendanceMarks",
					"character %d ('%c', %s %s) is not a CTF attendance mark", i + 1,
					y->marks[i], day, session_name(s));
		if (!code_allowed_on((enum code)c, d) && c != CODE_NONE && d >= in_force)
			return xml_fail(&in->f, mk, in->err, "AttendSessions/AttendanceMarks",
					"character %d ('%c', %s %s) is code %s, withdrawn by the 2024 "
					"regulations for sessions from %s",
					i + 1, y->marks[i], day, session_name(s), code_info((enum code)c)->text,
					CODES_2024_IN_FORCE);
		codes[i] = (uint8_t)c;
	}
	stats_codes(codes, n, fig);
	return 0;
}

static int read_year(struct ctf_in *in, xmlNodePtr yd, struct transfer_year_rec *y)
{
	memset(y, 0, sizeof *y);
	y->start = DATE_INVALID;
	char text[32];
	if (xml_child_text(&in->f, yd, "Year", true, text, sizeof text, in->err) < 0)
		return -1;
	if ((y->academic_year = date_academic_year_parse(text)) < 1900)
		return xml_fail(&in->f, xml_child(yd, "Year"), in->err, "YearData/Year",
				"Year '%s' is not the year an academic year starts (such as 2025 "
				"for 2025/26)",
				text);
	long v[4];
	static const char *totals[4] = {"SessionsPossible", "SessionsAuthorised", "SessionsAttended",
					"SessionsUnauthorised"};
	if (code_of(in, yd, "LEA", 3, "MMM", y->lea, sizeof y->lea) < 0 ||
	    code_of(in, yd, "Estab", 4, "MMMM", y->estab, sizeof y->estab) < 0 ||
	    text_of(in, yd, "SchoolName", true, y->school_name, sizeof y->school_name) < 0)
		return -1;
	for (int i = 0; i < 4; i++)
		if (xml_child_int(&in->f, yd, totals[i], 0, 2 * 366, &v[i], in->err) < 0)
			return -1;
	y->possible = (int)v[0];
	y->authorised = (int)v[1];
	y->attended = (int)v[2];
	y->unauthorised = (int)v[3];
	struct figures fig = {0};
	xmlNodePtr ys = xml_child(yd, "AttendSessions");
	if (ys && read_marks(in, ys, y, &fig) < 0)
		return -1;
	discrepancy_of(&fig, y, y->discrepancy, sizeof y->discrepancy);
	return 0;
}

static int read_pupil(struct ctf_in *in, xmlNodePtr px, struct in_pupil *ip)
{
	struct transfer_pupil_rec *p = &ip->p;
	char text[64];
	ip->line = xmlGetLineNo(px);
	if (xml_child_text(&in->f, px, "UPN", true, p->upn, sizeof p->upn, in->err) < 0)
		return -1;
	const char *why = upn_shape_error(p->upn);
	if (why)
		return xml_fail(&in->f, xml_child(px, "UPN"), in->err, "Pupil/UPN", "UPN '%s': %s",
				p->upn, why);
	for (int i = 0; i < in->n_pupils; i++)
		if (strcmp(in->pupils[i].p.upn, p->upn) == 0)
			return xml_fail(&in->f, px, in->err, "Pupil/UPN",
					"pupil %s is already in the file at line %ld", p->upn,
					in->pupils[i].line);
	if (text_of(in, px, "Surname", true, p->surname, sizeof p->surname) < 0 ||
	    text_of(in, px, "Forename", true, p->forename, sizeof p->forename) < 0 ||
	    xml_child_text(&in->f, px, "DOB", true, text, sizeof text, in->err) < 0)
		return -1;
	if ((p->dob = date_parse(text)) == DATE_INVALID)
		return xml_fail(&in->f, xml_child(px, "DOB"), in->err, "Pupil/DOB",
				"DOB '%s' is not a date (YYYY-MM-DD)", text);
	/* Sex; files before it was renamed say Gender. */
	const char *sex_name = xml_child(px, "Sex") ? "Sex" : "Gender";
	if (!xml_child(px, sex_name))
		return xml_fail(&in->f, px, in->err, "Pupil/Sex", "Pupil %s has no Sex (or Gender)",
				p->upn);
	if (xml_child_text(&in->f, px, sex_name, true, text, sizeof text, in->err) < 0)
		return -1;
	if (!(p->sex = gender_parse(text)))
		return xml_fail(&in->f, xml_child(px, sex_name), in->err, "Pupil/Sex",
				"%s '%s' is not M, F or U", sex_name, text);
	xmlNodePtr att = xml_child(px, "Attendance");
	for (xmlNodePtr yd = xml_child(att, "YearData"); yd; yd = xml_next(yd, "YearData")) {
		struct transfer_year_rec *v =
			realloc(ip->years, (size_t)(ip->n_years + 1) * sizeof *ip->years);
		if (!v)
			return app_fail(in->err, ERR_INTERNAL, NULL, "out of memory");
		ip->years = v;
		if (read_year(in, yd, &ip->years[ip->n_years]) < 0)
			return -1;
		ip->n_years++;
	}
	return 0;
}

static int read_file(struct ctf_in *in, const struct school_rec *us)
{
	xmlNodePtr root = xmlDocGetRootElement(in->f.doc);
	if (xmlStrcmp(root->name, (const xmlChar *)"CTfile") != 0)
		return xml_fail(&in->f, root, in->err, NULL,
				"the root element is <%s>, not <CTfile>: this is not a Common "
				"Transfer File",
				(const char *)root->name);
	if (root->ns)
		return xml_fail(&in->f, root, in->err, "CTfile",
				"CTfile is in the namespace %s; a CTF has no namespace",
				(const char *)root->ns->href);
	if (read_header(in, root, us) < 0)
		return -1;
	xmlNodePtr data = xml_child(root, "CTFpupilData");
	if (!data)
		return xml_fail(&in->f, root, in->err, "CTFpupilData", "CTfile has no CTFpupilData");
	for (xmlNodePtr px = xml_child(data, "Pupil"); px; px = xml_next(px, "Pupil")) {
		struct in_pupil *v = realloc(in->pupils, (size_t)(in->n_pupils + 1) * sizeof *v);
		if (!v)
			return app_fail(in->err, ERR_INTERNAL, NULL, "out of memory");
		in->pupils = v;
		memset(&v[in->n_pupils], 0, sizeof *v);
		int rc = read_pupil(in, px, &v[in->n_pupils]);
		in->n_pupils++; /* counted even on failure, so its years are freed */
		if (rc < 0)
			return -1;
	}
	if (in->n_pupils == 0)
		return xml_fail(&in->f, data, in->err, "CTFpupilData", "CTFpupilData has no Pupil");
	return 0;
}

static int write_all(struct engine *e, struct ctf_in *in, FILE *report,
		     struct ctf_import_result *res, struct app_error *err)
{
	if (engine_begin(e, err) < 0)
		return -1;
	if (store_transfer_file_insert(e->store, e->school.id, &in->file) < 0)
		goto fail;
	for (int i = 0; i < in->n_pupils; i++) {
		struct in_pupil *ip = &in->pupils[i];
		ip->p.file_id = in->file.id;
		if (store_transfer_pupil_insert(e->store, e->school.id, &ip->p) < 0)
			goto fail;
		res->pupils++;
		for (int k = 0; k < ip->n_years; k++) {
			struct transfer_year_rec *y = &ip->years[k];
			y->transfer_pupil_id = ip->p.id;
			if (store_transfer_year_insert(e->store, e->school.id, y) < 0)
				goto fail;
			res->years++;
			if (y->discrepancy[0]) {
				res->discrepancies++;
				char label[8];
				date_academic_year_label(y->academic_year, label);
				fprintf(report,
					"warning: %s: %s %s, %s: %s at %s (%s/%s): %s; kept as received, "
					"with the discrepancy recorded\n",
					in->f.path, ip->p.upn, ip->p.surname, ip->p.forename, label,
					y->school_name, y->lea, y->estab, y->discrepancy);
			}
		}
	}
	return engine_commit(e, err);
fail:
	app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	engine_rollback(e);
	return -1;
}

int ctf_import(struct engine *e, const char *path, const struct actor *who, FILE *report,
	       struct ctf_import_result *res, struct app_error *err)
{
	memset(res, 0, sizeof *res);
	struct ctf_in in = {.err = err};
	int ret = -1;
	if (xml_file_load(&in.f, path, err) < 0)
		return -1;
	struct transfer_file_rec *fr = &in.file;
	snprintf(fr->file_name, sizeof fr->file_name, "%s", path);
	memcpy(fr->sha256, in.f.sha256, sizeof fr->sha256);
	snprintf(fr->imported_by, sizeof fr->imported_by, "%s", who->user);
	clock_iso_utc(clock_now(), fr->imported_at);
	if (read_file(&in, &e->school) < 0)
		goto out;
	snprintf(res->source, sizeof res->source, "%s (%s/%s)", fr->source_name, fr->source_lea,
		 fr->source_estab);
	struct transfer_file_rec before;
	int rc = store_transfer_file_find(e->store, e->school.id, fr->sha256, &before);
	if (rc < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto out;
	}
	if (rc == 0) {
		res->already = true;
		clock_local_display(before.imported_at, res->already_at);
		ret = 0;
		goto out;
	}
	ret = write_all(e, &in, report, res, err);
out:
	for (int i = 0; i < in.n_pupils; i++)
		free(in.pupils[i].years);
	free(in.pupils);
	xml_file_free(&in.f);
	return ret;
}
