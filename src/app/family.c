#include "app/family.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/contacts.h"
#include "comms/lang.h"
#include "comms/message.h"

/* The alphabet of codes: no 0, O, 1 or I, which people mistake. */
static const char CODE_ALPHABET[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/* The key that makes a stored hash useless without attend. */
static const unsigned char KEY_CODE[] = "attend family invitation code v1";

const char *family_contact_unfit(const struct contact_rec *c, bool removed)
{
	if (removed)
		return "is no longer one of the pupil's contacts";
	if (!c->parental_responsibility)
		return "does not have parental responsibility";
	if (c->do_not_contact)
		return "is marked do not contact";
	return NULL;
}

/* The row shown for a pupil: today's enrolment, else the latest. */
static int row_of(const struct engine *e, int64_t pupil_id, date_t today)
{
	int row = engine_row_of_id(e, pupil_id, today, -1);
	if (row >= 0)
		return row;
	row = engine_row_of_id(e, pupil_id, DATE_INVALID, -1);
	if (row < 0)
		return -1;
	while (engine_next_row(e, row) >= 0)
		row = engine_next_row(e, row);
	return row;
}

struct scope_load {
	struct store *s;
	const struct engine *e;
	date_t today;
	struct family_scope *out;
	struct app_error *err;
};

static int scope_link(void *ctx, const struct family_link_rec *l)
{
	struct scope_load *sl = ctx;
	struct family_scope *sc = sl->out;
	if (sc->n == FAMILY_CHILDREN_MAX)
		return 0;
	struct family_child ch = {.pupil_id = l->pupil_id, .link_id = l->id,
				  .contact_id = l->contact_id};
	if (l->contact_id) {
		bool removed;
		int rc = store_contact_get(sl->s, sl->e->school.id, l->contact_id, &ch.contact, &removed);
		if (rc < 0)
			return app_fail(sl->err, ERR_INTERNAL, NULL, "%s", store_error(sl->s));
		if (rc == 1 || family_contact_unfit(&ch.contact, removed) ||
		    ch.contact.pupil_id != l->pupil_id)
			return 0;
	}
	if ((ch.row = row_of(sl->e, l->pupil_id, sl->today)) < 0)
		return 0;
	if (sc->n == 0 && l->contact_id && ch.contact.language[0])
		snprintf(sc->language, sizeof sc->language, "%s", ch.contact.language);
	sc->child[sc->n++] = ch;
	return 0;
}

int family_scope_load(struct store *s, const struct engine *e, const struct account *a,
		      date_t today, struct family_scope *out, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	snprintf(out->language, sizeof out->language, "en");
	if (!(ROLE_BIT(a->role) & ROLES_FAMILY))
		return 0;
	struct scope_load sl = {s, e, today, out, err};
	if (store_family_links_each(s, e->school.id, a->id, 0, true, scope_link, &sl) < 0)
		return err->kind ? -1 : app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	/* A pupil's account sees only the pupil themself. */
	for (int i = 0; i < out->n; i++)
		if ((a->role == ROLE_PUPIL) != (out->child[i].contact_id == 0))
			out->child[i--] = out->child[--out->n];
	return 0;
}

void family_child_as(const struct family_child *ch, int64_t *pupil_id, int64_t *contact_id,
		     char *by, size_t len)
{
	*pupil_id = ch->pupil_id;
	*contact_id = ch->contact_id;
	if (ch->contact_id)
		snprintf(by, len, "%s, %s", ch->contact.name, ch->contact.relationship);
}

const struct family_child *family_scope_find(const struct family_scope *sc,
					     const struct engine *e, const char *upn)
{
	for (int i = 0; upn && i < sc->n; i++)
		if (strcmp(e->m.rows[sc->child[i].row].upn, upn) == 0)
			return &sc->child[i];
	return NULL;
}

struct open_link {
	int64_t pupil_id, contact_id;
	bool pupil_linked;
	char contact_user[STORE_USER_MAX];
};

static int find_open(void *ctx, const struct family_link_rec *l)
{
	struct open_link *o = ctx;
	if (l->pupil_id == o->pupil_id)
		o->pupil_linked = true;
	if (o->contact_id && l->contact_id == o->contact_id)
		snprintf(o->contact_user, sizeof o->contact_user, "%s", l->username);
	return 0;
}

int family_link_write(struct store *s, int64_t school_id, const struct user_rec *u,
		      int64_t pupil_id, int64_t contact_id, const char *by, const char *source,
		      struct app_error *err)
{
	struct open_link o = {pupil_id, 0, false, ""};
	if (store_family_links_each(s, school_id, u->id, 0, true, find_open, &o) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	if (o.pupil_linked)
		return app_fail(err, ERR_CONFLICT, "upn", "account %s is already linked to that pupil",
				u->username);
	struct family_link_rec l = {.user_id = u->id, .pupil_id = pupil_id, .contact_id = contact_id};
	snprintf(l.kind, sizeof l.kind, "%s", contact_id ? "parent" : "self");
	snprintf(l.linked_by, sizeof l.linked_by, "%s", by);
	clock_iso_utc(clock_now(), l.linked_at);
	snprintf(l.source, sizeof l.source, "%s", source);
	char detail[160];
	snprintf(detail, sizeof detail, "linked %s to pupil #%lld (%s)", u->username,
		 (long long)pupil_id, source);
	if (store_family_link_insert(s, school_id, &l) < 0 ||
	    store_audit(s, school_id, l.linked_at, by, "family link", detail) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	return 0;
}

struct pick {
	struct contact_rec *out;
	int fit;
	char names[400];
};

static int pick_fit(void *ctx, const struct contact_rec *c)
{
	struct pick *p = ctx;
	if (family_contact_unfit(c, false))
		return 0;
	if (p->fit++ == 0)
		*p->out = *c;
	size_t n = strlen(p->names);
	snprintf(p->names + n, sizeof p->names - n, "%s%d %s, %s", n ? "; " : "", c->priority, c->name,
		 c->relationship);
	return 0;
}

int family_pick_contact(const struct engine *e, const char *upn, int priority,
			struct contact_rec *out, struct app_error *err)
{
	int row = engine_pupil_row(e, upn);
	if (row < 0)
		return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", upn);
	int64_t pupil_id = e->m.rows[row].pupil_id;
	if (priority > 0) {
		int rc = contacts_get(e, pupil_id, priority, out, err);
		if (rc < 0)
			return -1;
		if (rc == 1)
			return app_fail(err, ERR_INPUT, "contact", "pupil %s has no contact of priority %d",
					upn, priority);
		const char *why = family_contact_unfit(out, false);
		if (why)
			return app_fail(err, ERR_INPUT, "contact",
					"contact %d of pupil %s (%s) %s: only a contact with parental "
					"responsibility can see a pupil's attendance",
					priority, upn, out->name, why);
		return 0;
	}
	struct pick p = {out, 0, ""};
	if (store_contacts_each(e->store, e->school.id, pupil_id, pick_fit, &p) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (p.fit == 0)
		return app_fail(err, ERR_INPUT, "children",
				"pupil %s has no contact with parental responsibility (who is not "
				"marked do not contact): import the pupil's contacts first",
				upn);
	if (p.fit > 1)
		return app_fail(err, ERR_INPUT, "children",
				"pupil %s has %d contacts with parental responsibility (%s): say "
				"which with %s:PRIORITY",
				upn, p.fit, p.names, upn);
	return 0;
}

int family_pupil_account_ok(const struct engine *e, const char *upn, struct app_error *err)
{
	int row = engine_pupil_row(e, upn);
	if (row < 0)
		return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", upn);
	while (engine_next_row(e, row) >= 0)
		row = engine_next_row(e, row);
	int year = e->m.rows[row].year;
	if (year < FAMILY_PUPIL_YEAR_MIN)
		return app_fail(err, ERR_INPUT, "upn",
				"pupil %s is in year %s: pupils' own accounts are for secondary school "
				"(Year %d and up)",
				upn, year_name(year), FAMILY_PUPIL_YEAR_MIN);
	return 0;
}

/* ---- codes ---- */

static void code_hash(const char *code, char out[STORE_HASH_HEX])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)code, strlen(code), KEY_CODE,
			   sizeof KEY_CODE - 1);
	sodium_bin2hex(out, STORE_HASH_HEX, h, sizeof h);
}

static void new_code(char out[FAMILY_CODE_LEN])
{
	int k = 0;
	for (int i = 0; i < FAMILY_CODE_CHARS; i++) {
		if (i && i % 4 == 0)
			out[k++] = '-';
		/* 32 letters: uniform with 5 random bits each */
		out[k++] = CODE_ALPHABET[randombytes_uniform(sizeof CODE_ALPHABET - 1)];
	}
	out[k] = '\0';
}

int family_code_normalise(const char *text, char out[FAMILY_CODE_LEN], struct app_error *err)
{
	int n = 0, k = 0;
	for (const char *p = text ? text : ""; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!strchr(CODE_ALPHABET, c) || c == '\0' || n == FAMILY_CODE_CHARS)
			return app_fail(err, ERR_INPUT, "code",
					"the code is %d letters and digits, in groups of four, as on "
					"your invitation (e.g. ABCD-EFGH-JKLM-NPQR)",
					FAMILY_CODE_CHARS);
		if (n && n % 4 == 0)
			out[k++] = '-';
		out[k++] = c;
		n++;
	}
	out[k] = '\0';
	if (n != FAMILY_CODE_CHARS)
		return app_fail(err, ERR_INPUT, "code",
				"the code is %d letters and digits, in groups of four, as on your "
				"invitation (e.g. ABCD-EFGH-JKLM-NPQR)",
				FAMILY_CODE_CHARS);
	return 0;
}

/* ---- making invitations ---- */

struct revoke_open {
	int64_t contact_id;
	bool pupil_own;
	int64_t ids[64];
	int n;
};

static int collect_open(void *ctx, const struct family_invitation_rec *i)
{
	struct revoke_open *r = ctx;
	bool same = r->pupil_own ? i->contact_id == 0 : i->contact_id == r->contact_id;
	if (same && !i->used_at[0] && !i->revoked_at[0] && r->n < 64)
		r->ids[r->n++] = i->id;
	return 0;
}

/* The last second of a school-local day, as a UTC instant. */
static void end_of_day_utc(date_t day, char out[STORE_TIME_LEN])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 23,
			.tm_min = 59, .tm_sec = 59, .tm_isdst = -1};
	struct timespec t = {.tv_sec = mktime(&tm), .tv_nsec = 0};
	clock_iso_utc(t, out);
}

/* invitation_days (1-60, default 14). */
static int invitation_days(struct store *s, int64_t school_id, int *days, struct app_error *err)
{
	char v[32];
	if (merge_setting(s, school_id, "invitation_days", NULL, "", v, sizeof v, err) < 0)
		return -1;
	*days = FAMILY_INVITATION_DAYS_DEFAULT;
	if (!v[0])
		return 0;
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || n < 1 || n > 60)
		return app_fail(err, ERR_INPUT, "invitation_days",
				"setting invitation_days '%s' is not a whole number from 1 to 60", v);
	*days = (int)n;
	return 0;
}

/* Queues the invitation's email (in the contact's language). */
static int send_invitation(struct engine *e, const struct family_invite_request *rq,
			   const char *lang, const char *by, struct family_invite_result *out,
			   struct app_error *err)
{
	char base[400], link[600], expires[64];
	if (merge_setting(e->store, e->school.id, "public_url", NULL, "", base, sizeof base, err) < 0)
		return -1;
	if (!base[0])
		return app_fail(err, ERR_INPUT, "public_url",
				"setting public_url is not set: the address families open attend "
				"at, for the invitation's link (`attend settings set public_url "
				"https://attend.school.example`)");
	size_t n = strlen(base);
	while (n && base[n - 1] == '/')
		base[--n] = '\0';
	snprintf(link, sizeof link, "%s/invite?code=%s", base, out->code);
	lang_date(lang, out->expires_day, expires, sizeof expires);
	struct message_request mr = {.template_name = FAMILY_TEMPLATE_INVITATION, .upn = rq->upn,
				     .contact_priority = rq->contact_priority};
	mr.supplied[TF_INVITATION_CODE] = out->code;
	mr.supplied[TF_INVITATION_LINK] = link;
	mr.supplied[TF_INVITATION_EXPIRES] = expires;
	struct message m;
	if (message_compose(e, &mr, clock_today(), &m, err) < 0)
		return -1;
	int rc = strcmp(m.channel, "email") != 0
			 ? app_fail(err, ERR_INPUT, "delivery",
				    "template %s is not an email: an invitation by email needs one",
				    FAMILY_TEMPLATE_INVITATION)
			 : message_queue_write(e, &m, by, &out->outbox_id, err);
	message_free(&m);
	return rc;
}

int family_invite_write(struct engine *e, const struct family_invite_request *rq, const char *by,
			struct family_invite_result *out, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	bool email = rq->delivery && strcmp(rq->delivery, "email") == 0;
	if (!email && !(rq->delivery && strcmp(rq->delivery, "printed") == 0))
		return app_fail(err, ERR_INPUT, "delivery", "delivery '%s' is not email or printed",
				rq->delivery ? rq->delivery : "");
	int row = engine_pupil_row(e, rq->upn);
	if (row < 0)
		return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", rq->upn);
	struct family_invitation_rec inv = {.pupil_id = e->m.rows[row].pupil_id};
	struct contact_rec c = {0};
	if (rq->contact_priority > 0) {
		if (family_pick_contact(e, rq->upn, rq->contact_priority, &c, err) < 0)
			return -1;
		if (email && !c.email[0])
			return app_fail(err, ERR_INPUT, "delivery",
					"%s (contact %d) has no email address: print the invitation "
					"instead",
					c.name, c.priority);
		struct open_link o = {0, c.id, false, ""};
		if (store_family_links_each(e->store, e->school.id, 0, inv.pupil_id, true, find_open,
					    &o) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		if (o.contact_user[0])
			return app_fail(err, ERR_CONFLICT, "contact",
					"%s (contact %d) already has an account (%s)", c.name, c.priority,
					o.contact_user);
		inv.contact_id = c.id;
		snprintf(inv.kind, sizeof inv.kind, "parent");
	} else {
		if (family_pupil_account_ok(e, rq->upn, err) < 0)
			return -1;
		if (email)
			return app_fail(err, ERR_INPUT, "delivery",
					"a pupil's invitation is printed and given to the pupil");
		snprintf(inv.kind, sizeof inv.kind, "pupil");
	}
	snprintf(inv.delivery, sizeof inv.delivery, "%s", rq->delivery);
	int days;
	if (invitation_days(e->store, e->school.id, &days, err) < 0)
		return -1;
	out->expires_day = clock_today() + days;
	clock_iso_utc(clock_now(), inv.created_at);
	end_of_day_utc(out->expires_day, inv.expires_at);
	snprintf(inv.created_by, sizeof inv.created_by, "%s", by);
	snprintf(out->expires_at, sizeof out->expires_at, "%s", inv.expires_at);
	new_code(out->code);
	code_hash(out->code, inv.code_hash);

	/* One working code a contact: a new invitation replaces the old. */
	struct revoke_open ro = {.contact_id = inv.contact_id, .pupil_own = inv.contact_id == 0};
	if (store_family_invitations_each(e->store, e->school.id, inv.pupil_id, collect_open, &ro) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	for (int i = 0; i < ro.n; i++)
		if (store_family_invitation_revoke(e->store, e->school.id, ro.ids[i], by,
						   inv.created_at) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	out->revoked = ro.n;
	if (email && send_invitation(e, rq, lang_has_templates(c.language) ? c.language : "en", by,
				     out, err) < 0)
		return -1;
	inv.outbox_id = out->outbox_id;
	char detail[200];
	snprintf(detail, sizeof detail, "invited %s of pupil %s (%s)",
		 inv.contact_id ? c.name : "the pupil", rq->upn, inv.delivery);
	if (store_family_invitation_insert(e->store, e->school.id, &inv) < 0 ||
	    store_audit(e->store, e->school.id, inv.created_at, by, "family invitation", detail) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	out->id = inv.id;
	return 0;
}

/* ---- using them ---- */

int family_invitation_check(struct store *s, const char *code, const char *now,
			    struct family_invitation_rec *out, struct app_error *err)
{
	char canon[FAMILY_CODE_LEN], hash[STORE_HASH_HEX];
	if (family_code_normalise(code, canon, err) < 0)
		return -1;
	code_hash(canon, hash);
	int rc = store_family_invitation_find(s, hash, out);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	if (rc == 1)
		return app_fail(err, ERR_NOT_FOUND, "code",
				"that code is not one the school gave: check it against your "
				"invitation, or ask the school office for a new one");
	if (out->used_at[0])
		return app_fail(err, ERR_INPUT, "code",
				"this invitation has been used already: sign in with the account it "
				"opened, or ask the school office for a new one");
	if (out->revoked_at[0])
		return app_fail(err, ERR_INPUT, "code",
				"this invitation was withdrawn (the school may have sent a newer "
				"one): ask the school office for a new one");
	if (strcmp(now, out->expires_at) >= 0)
		return app_fail(err, ERR_INPUT, "code",
				"this invitation has expired: ask the school office for a new one");
	return 0;
}

int family_redeem_write(struct engine *e, const struct family_redeem *rq, int64_t *user_id,
			struct app_error *err)
{
	struct store *s = e->store;
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	struct family_invitation_rec inv;
	if (family_invitation_check(s, rq->code, now, &inv, err) < 0)
		return -1;
	if (inv.school_id != e->school.id)
		return app_fail(err, ERR_NOT_FOUND, "code",
				"that code is for another school: open attend at that school's address");
	const char *want_role = inv.contact_id ? "parent" : "pupil";
	int row = engine_row_of_id(e, inv.pupil_id, DATE_INVALID, -1);
	if (row < 0)
		return app_fail(err, ERR_INPUT, "code", "the pupil of this invitation is no longer on "
						       "the school's roll: ask the school office");
	if (inv.contact_id) {
		struct contact_rec c;
		bool removed;
		int rc = store_contact_get(s, e->school.id, inv.contact_id, &c, &removed);
		if (rc < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		if (rc == 1 || family_contact_unfit(&c, removed))
			return app_fail(err, ERR_INPUT, "code",
					"this invitation can no longer be used (the school's contact "
					"details have changed): ask the school office");
	}
	struct user_rec u = {0};
	if (rq->existing) {
		if (strcmp(role_name(rq->existing->role), want_role) != 0)
			return app_fail(err, ERR_INPUT, "code",
					"this invitation is for a %s account, and you are signed in as "
					"%s (%s): sign out first",
					want_role, rq->existing->username,
					role_label(rq->existing->role));
		if (inv.contact_id == 0)
			return app_fail(err, ERR_INPUT, "code",
					"a pupil's account is for that pupil alone: sign out first");
		int rc = store_user_get(s, rq->existing->username, &u);
		if (rc != 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s",
					rc < 0 ? store_error(s) : "the signed-in account is missing");
	} else {
		int rc = store_user_get(s, rq->username, &u);
		if (rc < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		if (rc == 0)
			return app_fail(err, ERR_CONFLICT, "username",
					"username %s is taken: choose another", rq->username);
		memset(&u, 0, sizeof u);
		u.school_id = e->school.id;
		snprintf(u.username, sizeof u.username, "%s", rq->username);
		snprintf(u.role, sizeof u.role, "%s", want_role);
		snprintf(u.password_hash, sizeof u.password_hash, "%s", rq->password_hash);
		char detail[128];
		snprintf(detail, sizeof detail, "added %s as %s (invitation #%lld)", u.username, u.role,
			 (long long)inv.id);
		if (store_user_insert(s, &u, u.username, now) < 0 ||
		    store_audit(s, e->school.id, now, u.username, "user add", detail) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	}
	char source[48];
	snprintf(source, sizeof source, "invitation #%lld", (long long)inv.id);
	if (family_link_write(s, e->school.id, &u, inv.pupil_id, inv.contact_id, u.username, source,
			      err) < 0)
		return -1;
	int rc = store_family_invitation_use(s, e->school.id, inv.id, u.id, now);
	if (rc != 0)
		return rc < 0 ? app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s))
			      : app_fail(err, ERR_CONFLICT, "code",
					 "this invitation has just been used: ask the school office");
	*user_id = u.id;
	return 0;
}
