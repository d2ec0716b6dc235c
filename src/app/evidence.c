/* The evidence extract (app/evidence.h): its rows from the engine and the
 * store, and the CSV. The PDF is evidence_pdf.c. */
#include "app/evidence.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/csv.h"
#include "app/notices.h"
#include "core/notices.h"
#include "core/stats.h"

static const struct {
	const char *name, *title;
} sections[EV__MAX] = {
	[EV_ABOUT] = {"about", "The extract"},
	[EV_VERIFICATION] = {"verification", "Verification of the register"},
	[EV_SESSION] = {"session", "Every session"},
	[EV_AMENDMENT] = {"amendment", "Amendments: every version, who, when and why"},
	[EV_CONTACT] = {"contact", "Contacts with the family (the contact log)"},
	[EV_FIRST_DAY] = {"first_day", "First-day response"},
	[EV_MESSAGE] = {"message", "Messages and letters sent"},
	[EV_NOTIFICATION] = {"notification", "Notifications raised"},
};

const char *ev_section_name(enum ev_section s)
{
	return (unsigned)s < EV__MAX ? sections[s].name : "?";
}

const char *ev_section_title(enum ev_section s)
{
	return (unsigned)s < EV__MAX ? sections[s].title : "?";
}

struct build {
	struct engine *e;
	struct evidence *ev;
	int64_t pupil_id;
	bool failed;
};

static struct ev_row *add(struct build *b, enum ev_section s)
{
	struct evidence *ev = b->ev;
	if (ev->n == ev->cap) {
		int cap = ev->cap ? ev->cap * 2 : 512;
		struct ev_row *grown = realloc(ev->rows, (size_t)cap * sizeof *grown);
		if (!grown) {
			b->failed = true;
			return NULL;
		}
		ev->rows = grown;
		ev->cap = cap;
	}
	struct ev_row *r = &ev->rows[ev->n++];
	memset(r, 0, sizeof *r);
	r->section = s;
	return r;
}

static void about(struct build *b, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void about(struct build *b, const char *what, const char *fmt, ...)
{
	struct ev_row *r = add(b, EV_ABOUT);
	if (!r)
		return;
	snprintf(r->what, sizeof r->what, "%s", what);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->detail, sizeof r->detail, fmt, ap);
	va_end(ap);
}

/* A stored UTC instant as school-local "YYYY-MM-DD HH:MM" and its date. */
static void local(const char *iso, char at[24], char date[DATE_ISO_LEN])
{
	char buf[CLOCK_ISO_LEN];
	snprintf(at, 24, "%s", iso && *iso ? clock_local_display(iso, buf) : "");
	if (date)
		snprintf(date, DATE_ISO_LEN, "%.10s", at);
}

static bool in_range(const struct evidence *ev, const char *date)
{
	date_t d = date_parse(date);
	return d != DATE_INVALID && d >= ev->from && d <= ev->to;
}

static int on_amendment(void *ctx, const struct mark_rec *m)
{
	struct build *b = ctx;
	struct ev_row *r = add(b, EV_AMENDMENT);
	if (!r)
		return -1;
	date_format(m->date, r->date);
	snprintf(r->session, sizeof r->session, "%s", session_name(m->session));
	snprintf(r->code, sizeof r->code, "%s", code_text(m->code, m->session));
	snprintf(r->version, sizeof r->version, "%d", m->version);
	local(m->recorded_at, r->at, NULL);
	snprintf(r->by, sizeof r->by, "%s", m->recorded_by);
	snprintf(r->what, sizeof r->what, "%s", m->version == 1 ? "as first recorded" : m->reason);
	int n = snprintf(r->detail, sizeof r->detail, "through %s", m->source);
	if (m->minutes_late > 0)
		snprintf(r->detail + n, sizeof r->detail - (size_t)n, "; %d minutes late",
			 m->minutes_late);
	return 0;
}

static int on_contact(void *ctx, const struct contact_log_rec *c)
{
	struct build *b = ctx;
	char at[24], date[DATE_ISO_LEN], rec[24], follow[DATE_ISO_LEN];
	local(c->happened_at, at, date);
	if (!in_range(b->ev, date))
		return 0;
	struct ev_row *r = add(b, EV_CONTACT);
	if (!r)
		return -1;
	memcpy(r->date, date, sizeof r->date);
	snprintf(r->version, sizeof r->version, "%d", c->version);
	memcpy(r->at, at, sizeof r->at);
	snprintf(r->by, sizeof r->by, "%s", c->staff);
	snprintf(r->what, sizeof r->what, "%s", c->version > 1 ? c->reason : "");
	local(c->recorded_at, rec, NULL);
	snprintf(r->detail, sizeof r->detail, "entry %lld: %s %s %s: %s%s%s (recorded by %s at %s)",
		 (long long)c->entry, c->channel, strcmp(c->direction, "in") == 0 ? "from" : "to",
		 c->contact_name[0] ? c->contact_name : "the family", c->outcome,
		 c->follow_up != DATE_INVALID ? "; follow up on " : "",
		 c->follow_up != DATE_INVALID ? date_format(c->follow_up, follow) : "", c->recorded_by,
		 rec);
	return 0;
}

static int on_first_day(void *ctx, const struct first_day_action_rec *a)
{
	struct build *b = ctx;
	struct ev_row *r = add(b, EV_FIRST_DAY);
	if (!r)
		return -1;
	date_format(a->date, r->date);
	local(a->done_at, r->at, NULL);
	snprintf(r->by, sizeof r->by, "%s", a->done_by);
	snprintf(r->what, sizeof r->what, "%s", a->step);
	snprintf(r->detail, sizeof r->detail, "%s%s%s%s%s%s", a->result,
		 a->contact_name[0] ? " (" : "", a->contact_name, a->contact_name[0] ? ")" : "",
		 a->note[0] ? ": " : "", a->note);
	if (a->outbox_status[0])
		snprintf(r->detail + strlen(r->detail), sizeof r->detail - strlen(r->detail),
			 "; the message is %s", a->outbox_status);
	return 0;
}

static int on_message(void *ctx, const struct outbox_rec *m)
{
	struct build *b = ctx;
	char at[24], date[DATE_ISO_LEN], sent[24];
	local(m->queued_at, at, date);
	if (!in_range(b->ev, date))
		return 0;
	struct ev_row *r = add(b, EV_MESSAGE);
	if (!r)
		return -1;
	memcpy(r->date, date, sizeof r->date);
	memcpy(r->at, at, sizeof r->at);
	snprintf(r->by, sizeof r->by, "%s", m->queued_by);
	snprintf(r->what, sizeof r->what, "%s", m->template_name);
	local(m->sent_at, sent, NULL);
	snprintf(r->detail, sizeof r->detail, "%s%s to %s (%s): \"%s\"; %s%s%s", m->channel,
		 m->has_pdf ? " with a letter (PDF)" : "", m->recipient_name, m->recipient, m->subject,
		 m->status, sent[0] ? " " : "", sent);
	return 0;
}

static int on_notification(void *ctx, const struct notification_rec *n)
{
	struct build *b = ctx;
	char trig[DATE_ISO_LEN];
	date_format(n->trigger_date, trig);
	if (!in_range(b->ev, trig) && !(n->key_date >= b->ev->from && n->key_date <= b->ev->to))
		return 0;
	struct ev_row *r = add(b, EV_NOTIFICATION);
	if (!r)
		return -1;
	memcpy(r->date, trig, sizeof r->date);
	local(n->done_at[0] ? n->done_at : n->raised_at, r->at, NULL);
	snprintf(r->by, sizeof r->by, "%s", n->done_at[0] ? n->done_by : n->raised_by);
	int k = notice_kind_parse(n->kind);
	snprintf(r->what, sizeof r->what, "%s: %s", notice_recipient_label((enum notice_kind)k),
		 n->kind);
	snprintf(r->detail, sizeof r->detail, "%s; %s%s%s", n->detail, n->state,
		 n->outcome[0] ? ": " : "", n->outcome);
	return 0;
}

/* Every session on roll in the range, oldest first, with its current
 * version; and the figures over them (core/stats). */
static int sessions(struct build *b, int first_row, struct figures *sum)
{
	struct engine *e = b->e;
	memset(sum, 0, sizeof *sum);
	for (int row = first_row; row >= 0; row = engine_next_row(e, row)) {
		const struct pupil_row *p = &e->m.rows[row];
		int c0, c1;
		stats_cols(&e->cal, b->ev->from, b->ev->to, &c0, &c1);
		if (c0 < p->first_col)
			c0 = p->first_col;
		if (c1 > p->end_col)
			c1 = p->end_col;
		if (c0 >= c1)
			continue;
		struct figures f;
		stats_row(&e->m, row, c0, c1, &f);
		sum->possible += f.possible;
		sum->present += f.present;
		sum->approved += f.approved;
		sum->authorised += f.authorised;
		sum->unauthorised += f.unauthorised;
		sum->unmarked += f.unmarked;
		sum->not_possible += f.not_possible;
		for (int c = 0; c < CODE__MAX; c++)
			sum->codes[c] += f.codes[c];
		const uint8_t *cells = matrix_row_cells(&e->m, row);
		for (int col = c0; col < c1; col++) {
			enum session s = (enum session)(col % 2);
			date_t day = calendar_col_date(&e->cal, col);
			struct ev_row *r = add(b, EV_SESSION);
			if (!r)
				return -1;
			date_format(day, r->date);
			snprintf(r->session, sizeof r->session, "%s", session_name(s));
			enum code code = (enum code)cells[col];
			if (code == CODE_NONE) {
				snprintf(r->detail, sizeof r->detail, "no mark");
				continue;
			}
			snprintf(r->code, sizeof r->code, "%s", code_text(code, s));
			struct mark_rec m;
			int rc = store_mark_get(e->store, e->school.id, p->pupil_id, day, s, &m);
			if (rc < 0)
				return -1;
			if (rc == 0) {
				snprintf(r->version, sizeof r->version, "%d", m.version);
				local(m.recorded_at, r->at, NULL);
				snprintf(r->by, sizeof r->by, "%s", m.recorded_by);
			}
			snprintf(r->what, sizeof r->what, "%s", code_info(code)->meaning);
			int minutes = matrix_minutes_late(&e->m, row, col);
			if (minutes > 0)
				snprintf(r->detail, sizeof r->detail, "%d minutes late", minutes);
			if (rc == 0 && m.version > 1)
				snprintf(r->detail + strlen(r->detail), sizeof r->detail - strlen(r->detail),
					 "%samended: %d versions (see the amendments)",
					 r->detail[0] ? "; " : "", m.version);
		}
	}
	return 0;
}

static void figures_text(const struct figures *f, char *buf, size_t len)
{
	int64_t att = stats_attendance(f), abs = stats_absence(f);
	int64_t pa = stats_pct100(att, f->possible), pu = stats_pct100(f->unauthorised, f->possible);
	snprintf(buf, len,
		 "%d possible sessions (%d.%d school days); attended %lld (%lld.%02lld%%); authorised "
		 "absence %d; unauthorised absence %d (%lld.%02lld%%); absent %lld; not possible %d; "
		 "no mark %d",
		 f->possible, f->possible / 2, f->possible % 2 ? 5 : 0, (long long)att,
		 (long long)(pa < 0 ? 0 : pa / 100), (long long)(pa < 0 ? 0 : pa % 100), f->authorised,
		 f->unauthorised, (long long)(pu < 0 ? 0 : pu / 100), (long long)(pu < 0 ? 0 : pu % 100),
		 (long long)abs, f->not_possible, f->unmarked);
}

static void codes_text(const struct figures *f, char *buf, size_t len)
{
	size_t k = 0;
	buf[0] = '\0';
	for (int c = 1; c < CODE__MAX && k < len; c++)
		if (f->codes[c])
			k += (size_t)snprintf(buf + k, len - k, "%s%s %d", k ? ", " : "",
					      c == CODE_PRESENT ? "present" : code_text((enum code)c, SESSION_AM),
					      f->codes[c]);
	if (!k)
		snprintf(buf, len, "none");
}

static int verification(struct build *b)
{
	struct evidence *ev = b->ev;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct app_error err = {0};
	if (!out)
		return -1;
	int rc = verify_pupil(b->e, b->pupil_id, ev->from, ev->to, out, &ev->verify, &err);
	fclose(out);
	if (rc < 0) {
		free(text);
		return -1;
	}
	ev->verified = ev->verify.problems == 0;
	struct ev_row *r = add(b, EV_VERIFICATION);
	if (r) {
		snprintf(r->what, sizeof r->what, "%s", ev->verified ? "verified" : "FAILED");
		if (ev->verified)
			snprintf(r->detail, sizeof r->detail,
				 "%ld versions of %ld marks of this pupil in the range verified: every "
				 "hash recomputed and every link checked; unaltered since written",
				 ev->verify.versions_checked, ev->verify.marks_checked);
		else
			snprintf(r->detail, sizeof r->detail,
				 "%ld problem%s in %ld versions of %ld marks: the register was altered "
				 "outside attend",
				 ev->verify.problems, ev->verify.problems == 1 ? "" : "s",
				 ev->verify.versions_checked, ev->verify.marks_checked);
	}
	for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (!(r = add(b, EV_VERIFICATION)))
			break;
		snprintf(r->what, sizeof r->what, "problem");
		snprintf(r->detail, sizeof r->detail, "%s", line);
	}
	free(text);
	return b->failed ? -1 : 0;
}

int evidence_build(struct engine *e, const char *upn, date_t from, date_t to, const char *by,
		   struct evidence *ev, struct app_error *err)
{
	memset(ev, 0, sizeof *ev);
	char a[DATE_ISO_LEN], z[DATE_ISO_LEN], d[DATE_ISO_LEN], now[CLOCK_ISO_LEN], shown[CLOCK_ISO_LEN];
	if (from > to)
		return app_fail(err, ERR_INPUT, "from", "from (%s) is after to (%s)", date_format(from, a),
				date_format(to, z));
	int first = engine_pupil_row(e, upn);
	if (first < 0)
		return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", upn);
	bool on_roll = false;
	for (int row = first; row >= 0; row = engine_next_row(e, row))
		on_roll |= e->m.rows[row].admitted <= to && e->m.rows[row].left >= from;
	if (!on_roll)
		return app_fail(err, ERR_INPUT, "from", "pupil %s is not on roll between %s and %s", upn,
				date_format(from, a), date_format(to, z));
	const struct pupil_row *p = &e->m.rows[first];
	struct build b = {e, ev, p->pupil_id, false};
	ev->from = from;
	ev->to = to;
	memcpy(ev->upn, p->upn, sizeof ev->upn);
	snprintf(ev->name, sizeof ev->name, "%s, %s", p->surname, p->forename);
	snprintf(ev->school, sizeof ev->school, "%s (URN %s, LA %s, establishment %s)", e->school.name,
		 e->school.urn, e->school.la_code[0] ? e->school.la_code : "-",
		 e->school.estab[0] ? e->school.estab : "-");
	about(&b, "school", "%s", ev->school);
	about(&b, "pupil", "%s (UPN %s), born %s, %s", ev->name, p->upn, date_format(p->dob, d),
	      p->gender == 'F' ? "female" : p->gender == 'M' ? "male" : "gender not recorded");
	for (int row = first; row >= 0; row = engine_next_row(e, row)) {
		const struct pupil_row *q = &e->m.rows[row];
		char ground[16];
		if (notices_ground_of(e->store, e->school.id, q->enrolment_id, ground, err) < 0)
			goto fail;
		const struct leaving_ground *g = leaving_ground_find(ground);
		about(&b, "enrolment", "admitted %s, year %s, form %s%s%s%s%s%s", date_format(q->admitted, a),
		      year_name(q->year), e->m.forms[q->form], q->left == DATE_OPEN_END ? "; on roll" : "; left ",
		      q->left == DATE_OPEN_END ? "" : date_format(q->left, z), g ? " (" : "",
		      g ? g->code : "", g ? ")" : "");
	}
	about(&b, "range", "%s to %s", date_format(from, a), date_format(to, z));
	clock_iso_utc(clock_now(), now);
	about(&b, "produced", "%s by %s, from the register attend keeps", clock_local_display(now, shown),
	      by);
	size_t figures_at = (size_t)ev->n;
	about(&b, "figures", "%s", "");
	about(&b, "codes", "%s", "");
	if (b.failed)
		goto oom;
	if (verification(&b) < 0)
		goto store;
	struct figures sum;
	if (sessions(&b, first, &sum) < 0)
		goto store;
	if (!b.failed) {
		figures_text(&sum, ev->rows[figures_at].detail, sizeof ev->rows[figures_at].detail);
		codes_text(&sum, ev->rows[figures_at + 1].detail, sizeof ev->rows[figures_at + 1].detail);
	}
	if (store_pupil_amendments_each(e->store, e->school.id, p->pupil_id, from, to, on_amendment, &b) < 0 ||
	    store_contact_log_each(e->store, e->school.id, p->pupil_id, true, on_contact, &b) < 0)
		goto store;
	int lo, hi;
	calendar_day_range(&e->cal, from, to, &lo, &hi);
	for (int i = lo; i < hi; i++)
		if (store_first_day_each(e->store, e->school.id, e->cal.school_days[i], p->pupil_id,
					 on_first_day, &b) < 0)
			goto store;
	if (store_outbox_each(e->store, e->school.id, NULL, p->pupil_id, on_message, &b) < 0 ||
	    store_notifications_each(e->store, e->school.id, NULL, p->pupil_id, on_notification, &b) < 0)
		goto store;
	if (b.failed)
		goto oom;
	return 0;
oom:
	app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	goto fail;
store:
	if (b.failed)
		goto oom;
	app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
fail:
	evidence_free(ev);
	return -1;
}

void evidence_free(struct evidence *ev)
{
	free(ev->rows);
	ev->rows = NULL;
	ev->n = ev->cap = 0;
}

int evidence_csv(struct evidence *ev, char **out, size_t *len, struct app_error *err)
{
	FILE *f = open_memstream(out, len);
	if (!f)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	static const char *const header[] = {"section", "date", "session", "code", "version",
					     "at",      "by",   "what",    "detail"};
	csv_write_row(f, header, 9);
	/* sections in their order, rows in the order they were found */
	for (int s = 0; s < EV__MAX; s++)
		for (int i = 0; i < ev->n; i++) {
			const struct ev_row *r = &ev->rows[i];
			if ((int)r->section != s)
				continue;
			const char *fields[] = {ev_section_name(r->section), r->date, r->session, r->code,
						r->version, r->at, r->by, r->what, r->detail};
			csv_write_row(f, fields, 9);
		}
	if (fflush(f) != 0) {
		fclose(f);
		free(*out);
		*out = NULL;
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	}
	output_sha256(*out, *len, ev->data_sha256);
	fprintf(f, "sha256,,,,,,,SHA-256 of every line above,%s\n", ev->data_sha256);
	if (fclose(f) != 0) {
		free(*out);
		*out = NULL;
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	}
	return 0;
}

int evidence_export(struct engine *e, const char *upn, date_t from, date_t to, bool pdf,
		    const char *by, char **out, size_t *len, char file_sha256[OUTPUT_SHA256_HEX],
		    struct evidence *ev, struct app_error *err)
{
	*out = NULL;
	*len = 0;
	if (evidence_build(e, upn, from, to, by, ev, err) < 0)
		return -1;
	if (evidence_csv(ev, out, len, err) < 0)
		goto fail;
	if (pdf) {
		unsigned char *doc;
		size_t n;
		if (evidence_pdf(ev, &doc, &n, err) < 0)
			goto fail;
		free(*out);
		*out = (char *)doc;
		*len = n;
	}
	output_sha256(*out, *len, file_sha256);
	char now[CLOCK_ISO_LEN], detail[400], a[DATE_ISO_LEN], z[DATE_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	snprintf(detail, sizeof detail, "%s %s to %s as %s: file SHA-256 %s; data SHA-256 %s (%s)",
		 upn, date_format(from, a), date_format(to, z), pdf ? "PDF" : "CSV", file_sha256,
		 ev->data_sha256, ev->verified ? "verified" : "verification FAILED");
	if (store_audit(e->store, e->school.id, now, by, "export evidence", detail) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto fail;
	}
	return 0;
fail:
	free(*out);
	*out = NULL;
	evidence_free(ev);
	return -1;
}
