#include "app/contacts.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/csv.h"
#include "app/parse.h"
#include "comms/lang.h"

const char *const contact_relationships[] = {
	"mother", "father", "parent", "step-parent", "carer", "foster carer", "grandparent",
	"aunt", "uncle", "sibling", "other relative", "family friend", "childminder",
	"social worker", "virtual school", "doctor", "other", NULL};

const char *contact_phone_error(const char *text, char e164[PHONE_E164_LEN])
{
	char digits[24];
	int n = 0;
	bool plus = false;
	for (const char *p = text; *p; p++) {
		if (*p == '+' && n == 0 && !plus) {
			plus = true;
		} else if (isdigit((unsigned char)*p)) {
			if (n >= 20)
				return "a phone number has at most 15 digits";
			digits[n++] = *p;
		} else if (!strchr(" -().", *p)) {
			return "a phone number has only digits, spaces, brackets, hyphens and a leading +";
		}
	}
	digits[n] = '\0';
	if (plus || (n > 2 && digits[0] == '0' && digits[1] == '0')) {
		/* international: country code and number, 8 to 15 digits (E.164) */
		const char *d = plus ? digits : digits + 2;
		int len = plus ? n : n - 2;
		if (len < 8 || len > 15 || d[0] == '0')
			return "an international number is + and 8 to 15 digits, not starting with 0";
		snprintf(e164, PHONE_E164_LEN, "+%s", d);
		return NULL;
	}
	/* a UK number: 0 and 9 or 10 more digits */
	if (n < 10 || n > 11 || digits[0] != '0')
		return "a UK number starts with 0 and has 10 or 11 digits (or write it as +44...)";
	snprintf(e164, PHONE_E164_LEN, "+44%s", digits + 1);
	return NULL;
}

const char *contact_email_error(const char *text)
{
	size_t n = strlen(text);
	const char *at = strchr(text, '@');
	if (!at || strchr(at + 1, '@'))
		return "an email address has exactly one @";
	if (n > 254)
		return "an email address has at most 254 characters";
	size_t local = (size_t)(at - text);
	if (local == 0 || local > 64)
		return "the part before @ has 1 to 64 characters";
	for (const char *p = text; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ' || c >= 0x7f || strchr("<>()[]\\,;:\"", c))
			return "an email address has no spaces, brackets, quotes, commas or semicolons";
	}
	const char *domain = at + 1;
	const char *dot = strrchr(domain, '.');
	if (!dot || dot == domain || !dot[1] || strstr(domain, "..") || domain[0] == '.' ||
	    domain[0] == '-')
		return "the domain after @ has a dot, as in school.example.org";
	if (text[0] == '.' || at[-1] == '.' || strstr(text, ".."))
		return "dots in an email address are never first, last or doubled";
	return NULL;
}

bool contact_working(const struct contact_rec *c)
{
	return !c->do_not_contact && (c->phone[0] || c->mobile[0]);
}

/* ---- the import ---- */

enum {
	C_UPN, C_PRIORITY, C_NAME, C_RELATIONSHIP, C_PHONE, C_MOBILE, C_EMAIL, C_ADDRESS,
	C_POSTCODE, C_LANGUAGE, C_PR, C_LIVES, C_MAIL, C_DNC, C__MAX
};
static const struct csv_column contact_cols[C__MAX] = {
	{"upn", 1},	   {"priority", 1}, {"name", 1},     {"relationship", 1},
	{"phone", 0},	   {"mobile", 0},   {"email", 0},    {"address", 0},
	{"postcode", 0},   {"language", 0}, {"parental_responsibility", 1},
	{"lives_with_pupil", 1}, {"receives_mail", 1}, {"do_not_contact", 0}};

struct contact_line {
	struct contact_rec c;
	int line;
};

struct contact_import {
	struct engine *e;
	struct contact_line *v;
	int n, cap;
};

static int parse_flag(const char *name, const char *text, bool *out, struct app_error *err)
{
	int v = flag_parse(text);
	if (v < 0)
		return app_fail(err, ERR_INPUT, name, "%s '%s' is not Y or N", name, text);
	*out = v;
	return 0;
}

static int parse_phone(const char *name, const char *text, char *out, size_t len,
		       struct app_error *err)
{
	char e164[PHONE_E164_LEN];
	if (parse_text_field(name, text, out, len, 0, err) < 0)
		return -1;
	const char *why = out[0] ? contact_phone_error(out, e164) : NULL;
	if (why)
		return app_fail(err, ERR_INPUT, name, "%s '%s': %s", name, out, why);
	return 0;
}

static int contact_row(void *ctx, const struct csv_record *r, struct app_error *err)
{
	struct contact_import *ci = ctx;
	struct contact_rec c = {0};
	const char *upn = r->field[C_UPN];
	int row = engine_pupil_row(ci->e, upn);
	if (row < 0)
		return app_fail(err, ERR_INPUT, "upn", "no pupil with UPN '%s'", upn);
	c.pupil_id = ci->e->m.rows[row].pupil_id;
	long prio;
	if (parse_int_field("priority", r->field[C_PRIORITY], 1, 99, &prio, err) < 0)
		return -1;
	c.priority = (int)prio;
	if (parse_text_field("name", r->field[C_NAME], c.name, sizeof c.name, 1, err) < 0 ||
	    parse_text_field("relationship", r->field[C_RELATIONSHIP], c.relationship,
			     sizeof c.relationship, 1, err) < 0 ||
	    parse_phone("phone", r->field[C_PHONE], c.phone, sizeof c.phone, err) < 0 ||
	    parse_phone("mobile", r->field[C_MOBILE], c.mobile, sizeof c.mobile, err) < 0 ||
	    parse_text_field("email", r->field[C_EMAIL], c.email, sizeof c.email, 0, err) < 0 ||
	    parse_text_field("address", r->field[C_ADDRESS], c.address, sizeof c.address, 0, err) < 0 ||
	    parse_text_field("postcode", r->field[C_POSTCODE], c.postcode, sizeof c.postcode, 0, err) < 0 ||
	    parse_text_field("language", r->field[C_LANGUAGE], c.language, sizeof c.language, 0, err) < 0)
		return -1;
	for (char *p = c.relationship; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	bool known = false;
	for (int i = 0; contact_relationships[i]; i++)
		known |= strcmp(c.relationship, contact_relationships[i]) == 0;
	if (!known)
		return app_fail(err, ERR_INPUT, "relationship",
				"relationship '%s' is not one of mother, father, parent, step-parent, "
				"carer, foster carer, grandparent, aunt, uncle, sibling, other relative, "
				"family friend, childminder, social worker, virtual school, doctor, other",
				r->field[C_RELATIONSHIP]);
	const char *why = c.email[0] ? contact_email_error(c.email) : NULL;
	if (why)
		return app_fail(err, ERR_INPUT, "email", "email '%s': %s", c.email, why);
	if (!c.language[0])
		snprintf(c.language, sizeof c.language, "en");
	for (char *p = c.language; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (!lang_code_ok(c.language))
		return app_fail(err, ERR_INPUT, "language",
				"language '%s' is not a two-letter ISO 639-1 code (en, pl, ur, ...)",
				r->field[C_LANGUAGE]);
	if (parse_flag("parental_responsibility", r->field[C_PR], &c.parental_responsibility, err) < 0 ||
	    parse_flag("lives_with_pupil", r->field[C_LIVES], &c.lives_with_pupil, err) < 0 ||
	    parse_flag("receives_mail", r->field[C_MAIL], &c.receives_mail, err) < 0)
		return -1;
	if (r->field[C_DNC][0] && parse_flag("do_not_contact", r->field[C_DNC], &c.do_not_contact, err) < 0)
		return -1;
	if (c.receives_mail && !c.address[0] && !c.email[0])
		return app_fail(err, ERR_INPUT, "receives_mail",
				"receives_mail is Y but the contact has neither an address nor an email");
	for (int i = 0; i < ci->n; i++)
		if (ci->v[i].c.pupil_id == c.pupil_id && ci->v[i].c.priority == c.priority)
			return app_fail(err, ERR_INPUT, "priority",
					"pupil %s already has a contact of priority %d at line %d "
					"(priorities are unique for each pupil)",
					upn, c.priority, ci->v[i].line);
	if (ci->n == ci->cap) {
		int cap = ci->cap ? ci->cap * 2 : 256;
		struct contact_line *v = realloc(ci->v, (size_t)cap * sizeof *v);
		if (!v)
			return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		ci->v = v;
		ci->cap = cap;
	}
	ci->v[ci->n++] = (struct contact_line){c, r->line};
	return 0;
}

struct stored_contacts {
	struct contact_rec *v;
	int n, cap;
};

static int collect_contact(void *ctx, const struct contact_rec *c)
{
	struct stored_contacts *sc = ctx;
	if (sc->n == sc->cap) {
		int cap = sc->cap ? sc->cap * 2 : 8;
		struct contact_rec *v = realloc(sc->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		sc->v = v;
		sc->cap = cap;
	}
	sc->v[sc->n++] = *c;
	return 0;
}

static bool same_contact(const struct contact_rec *a, const struct contact_rec *b)
{
	return strcmp(a->name, b->name) == 0 && strcmp(a->relationship, b->relationship) == 0 &&
	       strcmp(a->phone, b->phone) == 0 && strcmp(a->mobile, b->mobile) == 0 &&
	       strcmp(a->email, b->email) == 0 && strcmp(a->address, b->address) == 0 &&
	       strcmp(a->postcode, b->postcode) == 0 && strcmp(a->language, b->language) == 0 &&
	       a->parental_responsibility == b->parental_responsibility &&
	       a->lives_with_pupil == b->lives_with_pupil && a->receives_mail == b->receives_mail &&
	       a->do_not_contact == b->do_not_contact;
}

/* Makes one pupil's stored contacts those of the file's lines [lo, hi). */
static int write_pupil(struct engine *e, const struct contact_line *v, int lo, int hi,
		       const struct actor *who, const char *now, struct contacts_import_result *res,
		       struct app_error *err)
{
	struct stored_contacts sc = {0};
	int64_t pupil_id = v[lo].c.pupil_id;
	int ret = -1, working = 0;
	if (store_contacts_each(e->store, e->school.id, pupil_id, collect_contact, &sc) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto out;
	}
	for (int k = 0; k < sc.n; k++) {
		bool listed = false;
		for (int i = lo; i < hi; i++)
			listed |= v[i].c.priority == sc.v[k].priority;
		if (listed)
			continue;
		if (store_contact_remove(e->store, e->school.id, &sc.v[k], who->user, now, who->source) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			goto out;
		}
		res->removed++;
	}
	for (int i = lo; i < hi; i++) {
		struct contact_rec c = v[i].c;
		working += contact_working(&c);
		const struct contact_rec *old = NULL;
		for (int k = 0; k < sc.n; k++)
			if (sc.v[k].priority == c.priority)
				old = &sc.v[k];
		res->rows++;
		if (old && same_contact(old, &c)) {
			res->unchanged++;
			continue;
		}
		c.id = old ? old->id : 0;
		snprintf(c.changed_by, sizeof c.changed_by, "%s", who->user);
		snprintf(c.changed_at, sizeof c.changed_at, "%s", now);
		if (store_contact_save(e->store, e->school.id, &c, who->source) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			app_error_where(err, "line %d", v[i].line);
			goto out;
		}
		if (old)
			res->changed++;
		else
			res->added++;
	}
	res->pupils++;
	res->short_of_contacts += working < CONTACTS_WANTED;
	ret = 0;
out:
	free(sc.v);
	return ret;
}

static int by_pupil_then_priority(const void *a, const void *b)
{
	const struct contact_line *x = a, *y = b;
	if (x->c.pupil_id != y->c.pupil_id)
		return x->c.pupil_id < y->c.pupil_id ? -1 : 1;
	return x->c.priority - y->c.priority;
}

int import_contacts(struct engine *e, const char *path, const struct actor *who,
		    struct contacts_import_result *res, struct app_error *err)
{
	struct contact_import ci = {.e = e};
	memset(res, 0, sizeof *res);
	int ret = -1;
	if (csv_read(path, contact_cols, C__MAX, contact_row, &ci, err) < 0)
		goto out;
	qsort(ci.v, (size_t)ci.n, sizeof *ci.v, by_pupil_then_priority);
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	if (engine_begin(e, err) < 0)
		goto out;
	for (int lo = 0, hi; lo < ci.n; lo = hi) {
		for (hi = lo + 1; hi < ci.n && ci.v[hi].c.pupil_id == ci.v[lo].c.pupil_id; hi++)
			;
		if (write_pupil(e, ci.v, lo, hi, who, now, res, err) < 0) {
			engine_rollback(e);
			goto out;
		}
	}
	ret = engine_commit(e, err);
out:
	free(ci.v);
	return ret;
}

/* ---- pupils short of contacts ---- */

struct missing_scan {
	const struct engine *e;
	date_t day;
	contacts_missing_cb cb;
	void *ctx;
	int64_t pupil_id; /* the pupil being counted */
	int working, total;
	char why[512];
};

static int note_contact(void *ctx, const struct contact_rec *c)
{
	struct missing_scan *ms = ctx;
	ms->total++;
	if (contact_working(c)) {
		ms->working++;
		return 0;
	}
	size_t n = strlen(ms->why);
	snprintf(ms->why + n, sizeof ms->why - n, "; priority %d (%s, %s) %s", c->priority, c->name,
		 c->relationship, c->do_not_contact ? "is marked do not contact" : "has no phone number");
	return 0;
}

int contacts_missing_each(const struct engine *e, date_t day, contacts_missing_cb cb, void *ctx,
			  struct app_error *err)
{
	struct missing_scan ms = {.e = e, .day = day, .cb = cb, .ctx = ctx};
	for (int r = 0; r < e->m.n_rows; r++) {
		const struct pupil_row *p = &e->m.rows[r];
		if (p->admitted > day || p->left < day)
			continue;
		ms.working = ms.total = 0;
		ms.why[0] = '\0';
		if (store_contacts_each(e->store, e->school.id, p->pupil_id, note_contact, &ms) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		if (ms.working >= CONTACTS_WANTED)
			continue;
		char line[640];
		if (ms.total == 0)
			snprintf(line, sizeof line, "no contacts");
		else
			snprintf(line, sizeof line, "%d working contact%s of %d%s", ms.working,
				 ms.working == 1 ? "" : "s", ms.total, ms.why);
		if (cb(ctx, r, ms.working, line) < 0)
			return -1;
	}
	return 0;
}

struct find_priority {
	int priority;
	struct contact_rec *out;
	bool found;
};

static int match_priority(void *ctx, const struct contact_rec *c)
{
	struct find_priority *f = ctx;
	if (c->priority == f->priority) {
		*f->out = *c;
		f->found = true;
	}
	return 0;
}

int contacts_get(const struct engine *e, int64_t pupil_id, int priority, struct contact_rec *out,
		 struct app_error *err)
{
	struct find_priority f = {priority, out, false};
	if (store_contacts_each(e->store, e->school.id, pupil_id, match_priority, &f) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	return f.found ? 0 : 1;
}
