/* Formal and legal steps, their events and documents (casework_legal.h). */
#include "app/casework_legal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/clock.h"
#include "app/parse.h"
#include "core/wording.h"

static const struct {
	const char *name, *label;
	bool parent; /* addressed to a parent */
} kinds[CWL_LEGAL__MAX] = {
	[CWL_CONTRACT] = {"attendance_contract", "Attendance contract", true},
	[CWL_NOTICE_TO_IMPROVE] = {"notice_to_improve", "Notice to improve", true},
	[CWL_PENALTY_NOTICE] = {"penalty_notice", "Penalty notice", true},
	[CWL_SUPERVISION_ORDER] = {"education_supervision_order", "Education supervision order", false},
	[CWL_PARENTING_ORDER] = {"parenting_order", "Parenting order", true},
	[CWL_ATTENDANCE_ORDER] = {"school_attendance_order", "School attendance order", true},
	[CWL_PROSECUTION] = {"prosecution", "Prosecution", true},
};

const char *cw_legal_name(enum cw_legal k)
{
	return (unsigned)k < CWL_LEGAL__MAX ? kinds[k].name : "?";
}

const char *cw_legal_label(enum cw_legal k)
{
	return (unsigned)k < CWL_LEGAL__MAX ? kinds[k].label : "?";
}

int cw_legal_parse(const char *name)
{
	for (int k = 0; name && k < CWL_LEGAL__MAX; k++)
		if (strcmp(kinds[k].name, name) == 0)
			return k;
	return -1;
}

const char *cw_section_maximum(const char *section)
{
	if (section && strcmp(section, "s444(1)") == 0)
		return "s444(1), failing to secure regular attendance: a fine of up to £1,000";
	if (section && strcmp(section, "s444(1A)") == 0)
		return "s444(1A), knowingly failing to secure regular attendance: a fine of up to "
		       "£2,500 and/or up to 3 months' imprisonment";
	return "";
}

char *cw_money(int pence, char *buf, size_t len)
{
	if (pence % 100)
		snprintf(buf, len, "£%d.%02d", pence / 100, pence % 100);
	else
		snprintf(buf, len, "£%d", pence / 100);
	return buf;
}

/* The pupil and the account's right to legal steps. */
static int legal_pupil(const struct cw_ctx *c, const char *upn, int64_t *pupil,
		       struct app_error *err)
{
	if (!cw_sees_legal(c->a))
		return app_fail(err, ERR_FORBIDDEN, NULL,
				"formal and legal steps are for the attendance lead");
	int row = engine_pupil_row(c->e, upn ? upn : "");
	if (row < 0)
		return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %.16s", upn ? upn : "");
	*pupil = c->e->m.rows[row].pupil_id;
	return 0;
}

/* The penalty notices to a parent for the pupil, not withdrawn. */
struct prior {
	const char *parent;
	date_t day[64];
	int64_t id[64];
	int n;
};

static int note_notice(void *ctx, const struct cw_legal_rec *r)
{
	struct prior *p = ctx;
	if (strcmp(r->kind, kinds[CWL_PENALTY_NOTICE].name) == 0 &&
	    strcasecmp(r->parent_name, p->parent) == 0 && p->n < 64) {
		p->day[p->n] = r->issued_on;
		p->id[p->n++] = r->id;
	}
	return 0;
}

static int drop_withdrawn(void *ctx, const struct cw_legal_event_rec *ev)
{
	struct prior *p = ctx;
	if (strcmp(ev->kind, "withdrawn") != 0)
		return 0;
	for (int i = 0; i < p->n; i++)
		if (p->id[i] == ev->legal_id) {
			p->day[i] = p->day[--p->n];
			p->id[i] = p->id[p->n];
			break;
		}
	return 0;
}

static int penalty(const struct cw_ctx *c, int64_t pupil, struct cw_legal_rec *r,
		   struct app_error *err)
{
	struct prior p = {.parent = r->parent_name};
	if (store_cw_legal_each(c->e->store, c->e->school.id, pupil, note_notice, &p) < 0 ||
	    store_cw_legal_events_each(c->e->store, c->e->school.id, 0, drop_withdrawn, &p) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	struct cw_penalty pn;
	if (cw_penalty_decide(p.day, p.n, r->issued_on, &pn) < 0) {
		char from[48];
		return app_fail(err, ERR_CONFLICT, "kind",
				"%s already has %d penalty notices for this child since %s: %s. "
				"Consider other action instead, such as prosecution by the local "
				"authority under section 444 of the Education Act 1996.",
				r->parent_name, pn.prior, wording_date(pn.window_from, from, sizeof from),
				CW_PN_RULE_THIRD);
	}
	r->number = pn.number;
	r->amount_pence = pn.amount_pence;
	r->reduced_pence = pn.reduced_pence ? pn.reduced_pence : -1;
	r->reduced_until = pn.reduced_until;
	r->pay_by = pn.pay_by;
	return 0;
}

int cw_legal_write(const struct cw_ctx *c, const char *upn, const struct cw_input *in, int64_t *id,
		   struct app_error *err)
{
	int64_t pupil;
	struct cw_legal_rec r = {0};
	char d[DATE_ISO_LEN];
	if (legal_pupil(c, upn, &pupil, err) < 0)
		return -1;
	int k = cw_legal_parse(cw_in(in, "kind"));
	if (k < 0)
		return app_fail(err, ERR_INPUT, "kind",
				"kind is attendance_contract, notice_to_improve, penalty_notice, "
				"education_supervision_order, parenting_order, school_attendance_order "
				"or prosecution");
	r.pupil_id = pupil;
	snprintf(r.kind, sizeof r.kind, "%s", kinds[k].name);
	const char *v;
	if (parse_text_field("parent_name", (v = cw_in(in, "parent_name")) ? v : "", r.parent_name,
			     sizeof r.parent_name, kinds[k].parent, err) < 0 ||
	    parse_text_field("detail", (v = cw_in(in, "detail")) ? v : "", r.detail, sizeof r.detail, 0,
			     err) < 0)
		return -1;
	v = cw_in(in, "issued_on");
	if (!v || !*v)
		return app_fail(err, ERR_INPUT, "issued_on", "issued_on is required (YYYY-MM-DD)");
	if (parse_date_field("issued_on", v, &r.issued_on, err) < 0)
		return -1;
	if (r.issued_on > clock_today())
		return app_fail(err, ERR_INPUT, "issued_on",
				"issued_on %s is in the future: record a step once it is taken",
				date_format(r.issued_on, d));
	r.period_start = r.period_end = r.reduced_until = r.pay_by = r.review_on = DATE_INVALID;
	r.amount_pence = r.reduced_pence = -1;
	v = cw_in(in, "period_weeks");
	if (k == CWL_NOTICE_TO_IMPROVE) {
		long w;
		if (!v || !*v)
			return app_fail(err, ERR_INPUT, "period_weeks",
					"a notice to improve gives an improvement period of %d to %d "
					"school weeks: period_weeks is required",
					CW_NTI_MIN_WEEKS, CW_NTI_MAX_WEEKS);
		if (parse_int_field("period_weeks", v, CW_NTI_MIN_WEEKS, CW_NTI_MAX_WEEKS, &w, err) < 0)
			return -1;
		r.period_weeks = (int)w;
		r.period_start = cw_school_week_start(&c->e->cal, r.issued_on);
		r.period_end = cw_school_weeks_end(&c->e->cal, r.period_start, r.period_weeks);
	} else if (v && *v) {
		return app_fail(err, ERR_INPUT, "period_weeks",
				"period_weeks goes with a notice to improve only");
	}
	v = cw_in(in, "section");
	if (k == CWL_PROSECUTION) {
		if (!v || (strcmp(v, "s444(1)") && strcmp(v, "s444(1A)")))
			return app_fail(err, ERR_INPUT, "section", "section is s444(1) or s444(1A)");
		snprintf(r.section, sizeof r.section, "%s", v);
	} else if (v && *v) {
		return app_fail(err, ERR_INPUT, "section", "section goes with a prosecution only");
	}
	v = cw_in(in, "review_on");
	if (v && *v) {
		if (parse_date_field("review_on", v, &r.review_on, err) < 0)
			return -1;
		if (r.review_on <= r.issued_on)
			return app_fail(err, ERR_INPUT, "review_on", "review_on comes after %s",
					date_format(r.issued_on, d));
	}
	if (k == CWL_PENALTY_NOTICE && penalty(c, pupil, &r, err) < 0)
		return -1;
	snprintf(r.recorded_by, sizeof r.recorded_by, "%s", c->who->user);
	clock_iso_utc(clock_now(), r.recorded_at);
	if (store_cw_legal_add(c->e->store, c->e->school.id, &r) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	*id = r.id;
	return 0;
}

/* A legal step of the pupil's (404 otherwise). */
static int step_of(struct store *s, int64_t school_id, int64_t pupil, int64_t legal_id,
		   struct cw_legal_rec *out, struct app_error *err)
{
	int rc = store_cw_legal_get(s, school_id, legal_id, out);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	if (rc == 1 || out->pupil_id != pupil)
		return app_fail(err, ERR_NOT_FOUND, "step", "the pupil has no legal step %lld",
				(long long)legal_id);
	return 0;
}

struct settled {
	int64_t legal_id;
	char kind[12];
};

static int find_settled(void *ctx, const struct cw_legal_event_rec *ev)
{
	struct settled *st = ctx;
	if (ev->legal_id == st->legal_id &&
	    (strcmp(ev->kind, "paid") == 0 || strcmp(ev->kind, "withdrawn") == 0))
		snprintf(st->kind, sizeof st->kind, "%s", ev->kind);
	return 0;
}

/* "160", "80.00", "80.5" as pence; -1 when not an amount. */
static int pounds(const char *t)
{
	int whole = 0, frac = 0, digits = 0, fd = 0;
	const char *p = t;
	if (p && (unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa3)
		p += 2; /* "£" */
	for (; p && *p >= '0' && *p <= '9' && digits < 6; p++, digits++)
		whole = whole * 10 + (*p - '0');
	if (p && *p == '.')
		for (p++; *p >= '0' && *p <= '9' && fd < 2; p++, fd++)
			frac = frac * 10 + (*p - '0');
	if (!p || *p || !digits)
		return -1;
	return whole * 100 + (fd == 1 ? frac * 10 : frac);
}

int cw_legal_event_write(const struct cw_ctx *c, const char *upn, int64_t legal_id,
			 const struct cw_input *in, int64_t *id, struct app_error *err)
{
	int64_t pupil;
	struct cw_legal_rec step;
	struct cw_legal_event_rec ev = {0};
	char d[DATE_ISO_LEN], m[16];
	if (legal_pupil(c, upn, &pupil, err) < 0 ||
	    step_of(c->e->store, c->e->school.id, pupil, legal_id, &step, err) < 0)
		return -1;
	static const char *const ok[] = {"paid", "withdrawn", "hearing", "outcome", "note"};
	const char *kind = cw_in(in, "kind");
	bool known = false;
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		known |= kind && strcmp(kind, ok[i]) == 0;
	if (!known)
		return app_fail(err, ERR_INPUT, "kind", "kind is paid, withdrawn, hearing, outcome or note");
	snprintf(ev.kind, sizeof ev.kind, "%s", kind);
	const char *v = cw_in(in, "on");
	if (!v || !*v)
		return app_fail(err, ERR_INPUT, "on", "on is required (YYYY-MM-DD)");
	if (parse_date_field("on", v, &ev.on, err) < 0 ||
	    parse_text_field("text", (v = cw_in(in, "text")) ? v : "", ev.text, sizeof ev.text,
			     strcmp(kind, "paid") != 0, err) < 0)
		return -1;
	if (ev.on < step.issued_on)
		return app_fail(err, ERR_INPUT, "on", "on is before the step was taken (%s)",
				date_format(step.issued_on, d));
	if (strcmp(kind, "hearing") != 0 && ev.on > clock_today())
		return app_fail(err, ERR_INPUT, "on", "on %s is in the future", date_format(ev.on, d));
	ev.amount_pence = -1;
	bool pn = strcmp(step.kind, kinds[CWL_PENALTY_NOTICE].name) == 0;
	if (strcmp(kind, "paid") == 0 || strcmp(kind, "withdrawn") == 0) {
		struct settled st = {legal_id, ""};
		if (store_cw_legal_events_each(c->e->store, c->e->school.id, legal_id, find_settled,
					       &st) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
		if (st.kind[0])
			return app_fail(err, ERR_CONFLICT, "kind", "this step was %s already", st.kind);
	}
	if (strcmp(kind, "paid") == 0) {
		if (!pn)
			return app_fail(err, ERR_INPUT, "kind", "only a penalty notice is paid");
		int due = step.reduced_pence > 0 && ev.on <= step.reduced_until ? step.reduced_pence
										: step.amount_pence;
		ev.amount_pence = pounds(cw_in(in, "amount"));
		if (ev.amount_pence < 0)
			return app_fail(err, ERR_INPUT, "amount", "amount is in pounds, such as 80 or 160");
		if (ev.amount_pence != due)
			return app_fail(err, ERR_INPUT, "amount", "the amount due on %s was %s",
					date_format(ev.on, d), cw_money(due, m, sizeof m));
	} else if (cw_in(in, "amount") && *cw_in(in, "amount")) {
		return app_fail(err, ERR_INPUT, "amount", "amount goes with a payment only");
	}
	ev.legal_id = legal_id;
	snprintf(ev.recorded_by, sizeof ev.recorded_by, "%s", c->who->user);
	clock_iso_utc(clock_now(), ev.recorded_at);
	if (store_cw_legal_event_add(c->e->store, c->e->school.id, &ev) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	*id = ev.id;
	return 0;
}

/* ---- documents ---- */

const char *cw_document_sniff(const unsigned char *data, size_t len)
{
	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		return "application/pdf";
	if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
		return "image/jpeg";
	return NULL;
}

/* The file's name for a download: its last path part, letters, digits and
 * " .-_()" kept, anything else '_', with the extension of its type. */
static void safe_name(const char *given, const char *type, char *out, size_t len)
{
	const char *base = given ? given : "";
	for (const char *p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	const char *ext = strcmp(type, "application/pdf") == 0 ? ".pdf"
			  : strcmp(type, "image/png") == 0      ? ".png"
								 : ".jpg";
	size_t n = 0;
	for (const char *p = base; *p && n + 5 < len && n < 96; p++) {
		unsigned char ch = (unsigned char)*p;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			  strchr(" .-_()", ch);
		out[n++] = ok ? (char)ch : '_';
	}
	out[n] = '\0';
	char *dot = strrchr(out, '.');
	if (dot && (strcasecmp(dot, ext) == 0 || (strcmp(ext, ".jpg") == 0 && strcasecmp(dot, ".jpeg") == 0)))
		return;
	if (!n)
		snprintf(out, len, "document");
	snprintf(out + strlen(out), len - strlen(out), "%s", ext);
}

int cw_document_write(const struct cw_ctx *c, const char *upn, int64_t legal_id,
		      const char *filename, const char *declared_type, const unsigned char *data,
		      size_t len, int64_t *id, struct app_error *err)
{
	int64_t pupil;
	struct cw_legal_rec step;
	if (legal_pupil(c, upn, &pupil, err) < 0)
		return -1;
	if (!data || len == 0)
		return app_fail(err, ERR_INPUT, "file", "choose a file to upload (a %s)", CW_DOC_TYPES);
	if (len > CW_DOC_MAX)
		return app_fail(err, ERR_TOO_LARGE, "file", "the file is %.1f MB: a document is at most %d MB",
				(double)len / (1024.0 * 1024.0), CW_DOC_MAX / (1024 * 1024));
	const char *type = cw_document_sniff(data, len);
	if (!type)
		return app_fail(err, ERR_INPUT, "file",
				"the file is not a %s (its first bytes say so, whatever its name): "
				"scan or save the document as one of those",
				CW_DOC_TYPES);
	if (declared_type && *declared_type && strcasecmp(declared_type, "application/octet-stream") &&
	    strncasecmp(declared_type, type, strlen(type)) != 0)
		return app_fail(err, ERR_INPUT, "file", "the file says it is %.40s but it is a %s",
				declared_type, type);
	if (step_of(c->e->store, c->e->school.id, pupil, legal_id, &step, err) < 0)
		return -1;
	struct cw_document_rec r = {0};
	r.pupil_id = pupil;
	r.legal_id = legal_id;
	safe_name(filename, type, r.filename, sizeof r.filename);
	snprintf(r.content_type, sizeof r.content_type, "%s", type);
	r.size = (int64_t)len;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(r.sha256, sizeof r.sha256, digest, sizeof digest);
	r.data = (unsigned char *)data;
	snprintf(r.uploaded_by, sizeof r.uploaded_by, "%s", c->who->user);
	clock_iso_utc(clock_now(), r.uploaded_at);
	if (store_cw_document_add(c->e->store, c->e->school.id, &r) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(c->e->store));
	*id = r.id;
	return 0;
}

int cw_document_read(struct store *s, int64_t school_id, const struct account *a, int64_t pupil_id,
		     int64_t legal_id, int64_t doc_id, struct cw_document_rec *out,
		     struct app_error *err)
{
	memset(out, 0, sizeof *out);
	if (!cw_sees_legal(a))
		return app_fail(err, ERR_NOT_FOUND, "document", "there is no document %lld",
				(long long)doc_id);
	int rc = store_cw_document_get(s, school_id, doc_id, out);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	if (rc == 1 || out->pupil_id != pupil_id || out->legal_id != legal_id) {
		free(out->data);
		out->data = NULL;
		return app_fail(err, ERR_NOT_FOUND, "document", "there is no document %lld",
				(long long)doc_id);
	}
	return 0;
}
