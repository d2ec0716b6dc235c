#include "comms/message.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/contacts.h"
#include "comms/lang.h"
#include "comms/letter.h"
#include "comms/mime.h"

void message_sms_size(const char *text, int *chars, int *parts, bool *unicode)
{
	int n = 0, gsm = 0;
	*unicode = false;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if ((*p & 0xc0) == 0x80)
			continue; /* a continuation byte */
		n++;
		if (*p >= 0x80 || *p == '`')
			*unicode = true;
		gsm += strchr("^{}\\[]~|", *p) ? 2 : 1; /* GSM's escaped characters */
	}
	*chars = n;
	if (*unicode)
		*parts = n <= 70 ? 1 : (n + 66) / 67;
	else
		*parts = gsm <= 160 ? 1 : (gsm + 152) / 153;
}

/* Whether a contact can be reached by a template's channel. */
static const char *unreachable(const struct contact_rec *c, const char *channel, const char *via)
{
	if (c->do_not_contact)
		return "is marked do not contact";
	if (strcmp(channel, "sms") == 0)
		return c->mobile[0] ? NULL : "has no mobile number for a text";
	if (strcmp(channel, "email") == 0)
		return c->email[0] ? NULL : "has no email address";
	if (!c->receives_mail)
		return "does not receive the school's letters (receives_mail is N)";
	if (via && strcmp(via, "post") == 0)
		return c->address[0] ? NULL : "has no postal address";
	if (via && strcmp(via, "email") == 0)
		return c->email[0] ? NULL : "has no email address";
	return c->email[0] || c->address[0] ? NULL : "has neither an email nor a postal address";
}

struct pick {
	const char *channel, *via;
	struct contact_rec *out;
	bool found;
};

static int pick_first(void *ctx, const struct contact_rec *c)
{
	struct pick *p = ctx;
	if (!p->found && !unreachable(c, p->channel, p->via)) {
		*p->out = *c;
		p->found = true;
	}
	return 0;
}

static int choose_contact(const struct engine *e, const struct message_request *rq, int row,
			  const char *channel, struct contact_rec *c, struct app_error *err)
{
	const struct pupil_row *p = &e->m.rows[row];
	if (rq->contact_priority > 0) {
		int rc = contacts_get(e, p->pupil_id, rq->contact_priority, c, err);
		if (rc < 0)
			return -1;
		if (rc == 1)
			return app_fail(err, ERR_INPUT, "contact", "pupil %s has no contact of priority %d",
					rq->upn, rq->contact_priority);
		const char *why = unreachable(c, channel, rq->via);
		if (why)
			return app_fail(err, c->do_not_contact ? ERR_FORBIDDEN : ERR_INPUT, "contact",
					"contact %d of pupil %s (%s) %s", c->priority, rq->upn, c->name, why);
		return 0;
	}
	struct pick pk = {channel, rq->via, c, false};
	if (store_contacts_each(e->store, e->school.id, p->pupil_id, pick_first, &pk) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (!pk.found)
		return app_fail(err, ERR_INPUT, "contact", "pupil %s has no contact who can get %s",
				rq->upn,
				strcmp(channel, "sms") == 0
					? "a text (one with a mobile number, not marked do not contact)"
				: strcmp(channel, "email") == 0
					? "an email (one with an email address, not marked do not contact)"
					: "a letter (one who receives mail, with an email or postal "
					  "address, not marked do not contact)");
	return 0;
}

/* The text and HTML parts of an email from the rendered template. */
static char *html_document(const struct template *body, const struct merge_values *v,
			   const char *subject, const char *language)
{
	struct tbuf b = {0};
	char *escaped = template_render(body, v->ptr, TEMPLATE_HTML);
	if (!escaped)
		return NULL;
	int rc = tbuf_printf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head><meta charset=\"utf-8\">"
				 "<title>", language);
	if (rc == 0)
		rc = tbuf_add_html(&b, subject, strlen(subject));
	if (rc == 0)
		rc = tbuf_printf(&b, "</title></head>\n<body style=\"font-family: Arial, sans-serif; "
				     "font-size: 15px; line-height: 1.5; color: #1a1a1a\">\n");
	if (rc == 0)
		rc = mime_html_paragraphs(&b, escaped);
	if (rc == 0)
		rc = tbuf_printf(&b, "</body>\n</html>\n");
	free(escaped);
	if (rc < 0) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* The letter's figure box and PDF. */
static int render_letter(const struct engine *e, struct message *m, struct app_error *err)
{
	const struct merge_values *v = m->values;
	const struct merge_figures *fig = &v->fig;
	/* the box's words: English, and Polish (TO REVIEW by a native speaker) */
	static const struct {
		const char *title, *attendance, *none, *missed, *trend, *back;
	} words[] = {
		{"%s's attendance this school year", "Attendance so far: %s", "Missed: none of %s so far",
		 "Missed: %s of %s so far", "Trend: %s", "Back to 90%%: %s"},
		{"Frekwencja w tym roku szkolnym: %s", "Frekwencja od początku roku: %s",
		 "Nieobecności: brak (%s dotychczas)", "Nieobecności: %s z %s dotychczas", "Zmiana: %s",
		 "Powrót do 90%%: %s"},
	};
	int k = strcmp(m->language, "pl") == 0;
	char title[256], l0[256], l1[256], l2[256], l3[1200], possible[32], missed[128];
	lang_days(m->language, fig->f.possible, possible, sizeof possible);
	lang_days_lessons(m->language, stats_absence(&fig->f), fig->lessons_per_day, missed,
			  sizeof missed);
	snprintf(title, sizeof title, words[k].title, v->v[k ? TF_PUPIL_NAME : TF_PUPIL_FORENAME]);
	snprintf(l0, sizeof l0, words[k].attendance, v->v[TF_ATTENDANCE_PCT]);
	if (stats_absence(&fig->f) == 0)
		snprintf(l1, sizeof l1, words[k].none, possible);
	else
		snprintf(l1, sizeof l1, words[k].missed, missed, possible);
	snprintf(l2, sizeof l2, words[k].trend, v->v[TF_TREND]);
	snprintf(l3, sizeof l3, words[k].back, v->v[TF_BACK_TO_90]);
	bool show_recovery = fig->has_recovery && fig->rec.below;
	struct letter l = {
		.language = m->language,
		.school_name = e->school.name,
		.school_address = v->v[TF_SCHOOL_ADDRESS],
		.school_phone = v->v[TF_SCHOOL_PHONE],
		.school_email = v->v[TF_SCHOOL_EMAIL],
		.date_text = v->v[TF_TODAY],
		.to_name = m->contact.name,
		.to_address = m->contact.address,
		.to_postcode = m->contact.postcode,
		.subject = m->subject,
		.body = m->text,
		.box_title = title,
		.box_line = {l0, l1, l2, show_recovery ? l3 : NULL},
		.pct100 = fig->pct100,
	};
	return letter_pdf(&l, &m->pdf, err);
}

int message_compose(const struct engine *e, const struct message_request *rq, date_t today,
		    struct message *m, struct app_error *err)
{
	memset(m, 0, sizeof *m);
	struct template_rec *t = malloc(sizeof *t);
	struct template subject = {0}, body = {0};
	int ret = -1, rc;
	m->values = malloc(sizeof *m->values);
	if (!t || !m->values) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	m->row = merge_pupil_row(e, rq->upn, today);
	if (m->row < 0) {
		app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s", rq->upn);
		goto out;
	}
	/* Every template has an English version: it names the channel. */
	rc = store_template_get(e->store, e->school.id, rq->template_name, "en", t);
	if (rc != 0) {
		if (rc < 0)
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		else
			app_fail(err, ERR_NOT_FOUND, "template",
				 "no template named '%s' (`attend template list` shows them)",
				 rq->template_name);
		goto out;
	}
	snprintf(m->template_name, sizeof m->template_name, "%s", t->name);
	snprintf(m->template_channel, sizeof m->template_channel, "%s", t->channel);
	if (rq->via && (strcmp(t->channel, "letter") != 0 ||
			(strcmp(rq->via, "email") != 0 && strcmp(rq->via, "post") != 0))) {
		app_fail(err, ERR_INPUT, "via",
			 strcmp(t->channel, "letter") ? "via goes with letters only ('%s' is a %s template)"
						      : "via '%s' is not email or post",
			 strcmp(t->channel, "letter") ? t->name : rq->via, t->channel);
		goto out;
	}
	if (choose_contact(e, rq, m->row, t->channel, &m->contact, err) < 0)
		goto out;
	const char *want = rq->language ? rq->language : m->contact.language;
	snprintf(m->language, sizeof m->language, "en");
	if (strcmp(want, "en") != 0) {
		struct template_rec *v = malloc(sizeof *v);
		if (!v) {
			app_fail(err, ERR_INTERNAL, NULL, "out of memory");
			goto out;
		}
		rc = store_template_get(e->store, e->school.id, rq->template_name, want, v);
		if (rc == 0) {
			memcpy(t, v, sizeof *t);
			snprintf(m->language, sizeof m->language, "%s", want);
		}
		free(v);
		if (rc < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
			goto out;
		}
		m->language_fallback = rc == 1;
	}
	if (template_parse(t->subject, "subject", &subject, err) < 0 ||
	    template_parse(t->body, "body", &body, err) < 0)
		goto out;
	for (int f = 0; f < TF__MAX; f++) {
		uint64_t bit = (uint64_t)1 << f;
		if (template_field((enum tfield)f)->supplied && ((subject.uses | body.uses) & bit) &&
		    !(rq->supplied[f] && *rq->supplied[f])) {
			app_fail(err, ERR_INPUT, "field",
				 "template %s uses {{%s}} (%s): give --field %s=...", t->name,
				 template_field((enum tfield)f)->name,
				 template_field((enum tfield)f)->description,
				 template_field((enum tfield)f)->name);
			goto out;
		}
	}
	if (merge_build(e, m->row, &m->contact, m->language, today, rq->supplied, m->values, err) < 0)
		goto out;
	/* A message that would print an empty phone number or address is not sent. */
	static const enum tfield from_settings[] = {TF_SCHOOL_ADDRESS, TF_SCHOOL_PHONE, TF_SCHOOL_EMAIL};
	for (size_t i = 0; i < sizeof from_settings / sizeof *from_settings; i++) {
		enum tfield f = from_settings[i];
		if (((subject.uses | body.uses) & ((uint64_t)1 << f)) && !m->values->v[f][0]) {
			app_fail(err, ERR_INPUT, template_field(f)->name,
				 "template %s uses {{%s}}, and setting %s is not set: `attend settings "
				 "set %s VALUE`",
				 t->name, template_field(f)->name, template_field(f)->name,
				 template_field(f)->name);
			goto out;
		}
	}
	m->subject = template_render(&subject, m->values->ptr, TEMPLATE_TEXT);
	m->text = template_render(&body, m->values->ptr, TEMPLATE_TEXT);
	if (!m->subject || !m->text ||
	    !(m->html = html_document(&body, m->values, m->subject, m->language))) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	const struct contact_rec *c = &m->contact;
	snprintf(m->recipient_name, sizeof m->recipient_name, "%s", c->name);
	if (strcmp(t->channel, "sms") == 0) {
		char e164[PHONE_E164_LEN];
		contact_phone_error(c->mobile, e164);
		snprintf(m->channel, sizeof m->channel, "sms");
		snprintf(m->recipient, sizeof m->recipient, "%s", e164);
		message_sms_size(m->text, &m->sms_chars, &m->sms_parts, &m->sms_unicode);
	} else if (strcmp(t->channel, "email") == 0 ||
		   (c->email[0] && !(rq->via && strcmp(rq->via, "post") == 0))) {
		snprintf(m->channel, sizeof m->channel, "email");
		snprintf(m->recipient, sizeof m->recipient, "%s", c->email);
	} else {
		snprintf(m->channel, sizeof m->channel, "post");
		snprintf(m->recipient, sizeof m->recipient, "%s%s%s", c->address,
			 c->postcode[0] ? ", " : "", c->postcode);
	}
	if (strcmp(t->channel, "letter") == 0 && render_letter(e, m, err) < 0)
		goto out;
	ret = 0;
out:
	template_free(&subject);
	template_free(&body);
	free(t);
	if (ret < 0)
		message_free(m);
	return ret;
}

void message_free(struct message *m)
{
	free(m->subject);
	free(m->text);
	free(m->html);
	free(m->pdf.p);
	free(m->values);
	m->subject = m->text = m->html = NULL;
	m->pdf = (struct tbuf){0};
	m->values = NULL;
}

/* The domain part of an address, for Message-IDs. */
static const char *domain_of(const char *addr)
{
	const char *at = strrchr(addr, '@');
	return at && at[1] ? at + 1 : "attend.invalid";
}

int message_queue(struct engine *e, const struct message *m, const char *by, int64_t *outbox_id,
		  struct app_error *err)
{
	if (engine_begin(e, err) < 0)
		return -1;
	return engine_end(e, message_queue_write(e, m, by, outbox_id, err), err);
}

/* Who an email comes from (smtp_from, smtp_from_name, school_email as
 * Reply-To) and a new Message-ID on that domain. */
struct sender {
	char from[STORE_EMAIL_MAX], from_name[STORE_NAME_MAX], reply_to[STORE_EMAIL_MAX];
	char message_id[160];
};

static int sender_of(const struct engine *e, bool email, struct sender *x, struct app_error *err)
{
	unsigned char rnd[12];
	char hex[25];
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
	x->from[0] = x->from_name[0] = x->reply_to[0] = 0;
	if (email) {
		if (merge_setting(e->store, e->school.id, "smtp_from", NULL, "", x->from, sizeof x->from,
				  err) < 0 ||
		    merge_setting(e->store, e->school.id, "smtp_from_name", NULL, e->school.name,
				  x->from_name, sizeof x->from_name, err) < 0 ||
		    merge_setting(e->store, e->school.id, "school_email", NULL, "", x->reply_to,
				  sizeof x->reply_to, err) < 0)
			return -1;
		if (!x->from[0])
			return app_fail(err, ERR_INPUT, "smtp_from",
					"setting smtp_from (the address emails come from) is not set: "
					"`attend settings set smtp_from office@school.example`");
	}
	snprintf(x->message_id, sizeof x->message_id, "<attend.%s.%s@%s>", e->school.urn, hex,
		 domain_of(x->from));
	return 0;
}

int message_queue_write(struct engine *e, const struct message *m, const char *by,
			int64_t *outbox_id, struct app_error *err)
{
	struct outbox_rec r = {0};
	struct tbuf raw = {0};
	int ret = -1;
	struct sender x;
	if (sender_of(e, strcmp(m->channel, "email") == 0, &x, err) < 0)
		goto out;
	snprintf(r.message_id, sizeof r.message_id, "%s", x.message_id);
	if (strcmp(m->channel, "email") == 0) {
		char filename[128];
		snprintf(filename, sizeof filename, "%s-%s.pdf", m->template_name,
			 e->m.rows[m->row].upn);
		struct mime_attachment a = {filename, "application/pdf",
					    (const unsigned char *)m->pdf.p, m->pdf.len};
		struct mime_email me = {
			.from_name = x.from_name, .from_addr = x.from,
			.to_name = m->contact.name, .to_addr = m->contact.email,
			.reply_to = x.reply_to, .subject = m->subject, .message_id = r.message_id,
			.date = clock_now().tv_sec, .text = m->text, .html = m->html,
			.attachment = m->pdf.len ? &a : NULL, .boundary_seed = r.message_id};
		if (mime_build(&me, &raw) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "out of memory");
			goto out;
		}
		r.message = (unsigned char *)raw.p;
		r.message_len = raw.len;
	}
	r.pupil_id = e->m.rows[m->row].pupil_id;
	r.contact_id = m->contact.id;
	snprintf(r.channel, sizeof r.channel, "%s", m->channel);
	snprintf(r.template_name, sizeof r.template_name, "%s", m->template_name);
	snprintf(r.language, sizeof r.language, "%s", m->language);
	snprintf(r.recipient, sizeof r.recipient, "%s", m->recipient);
	snprintf(r.recipient_name, sizeof r.recipient_name, "%s", m->recipient_name);
	snprintf(r.subject, sizeof r.subject, "%s", m->subject);
	r.body = m->text;
	r.pdf = (unsigned char *)m->pdf.p;
	r.pdf_len = m->pdf.len;
	bool post = strcmp(m->channel, "post") == 0;
	snprintf(r.status, sizeof r.status, "%s", post ? "to_print" : "queued");
	snprintf(r.queued_by, sizeof r.queued_by, "%s", by);
	clock_iso_utc(clock_now(), r.queued_at);
	if (!post)
		snprintf(r.next_attempt_at, sizeof r.next_attempt_at, "%s", r.queued_at);
	if (store_outbox_insert(e->store, e->school.id, &r) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto out;
	}
	*outbox_id = r.id;
	ret = 0;
out:
	free(raw.p);
	return ret;
}

int message_queue_staff_write(struct engine *e, const struct staff_email *m, const char *by,
			      int64_t *outbox_id, struct app_error *err)
{
	struct outbox_rec r = {0};
	struct tbuf raw = {0}, html = {0}, esc = {0};
	struct sender x;
	int ret = -1;
	if (sender_of(e, true, &x, err) < 0)
		return -1;
	if (tbuf_add_html(&esc, m->text, strlen(m->text)) < 0 || mime_html_paragraphs(&html, esc.p) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	snprintf(r.message_id, sizeof r.message_id, "%s", x.message_id);
	struct mime_email me = {
		.from_name = x.from_name, .from_addr = x.from, .to_name = m->to_name,
		.to_addr = m->to_addr, .reply_to = x.reply_to, .subject = m->subject,
		.message_id = r.message_id, .date = clock_now().tv_sec, .text = m->text,
		.html = html.p, .boundary_seed = r.message_id};
	if (mime_build(&me, &raw) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	r.message = (unsigned char *)raw.p;
	r.message_len = raw.len;
	snprintf(r.channel, sizeof r.channel, "email");
	snprintf(r.template_name, sizeof r.template_name, "%s", m->kind);
	snprintf(r.language, sizeof r.language, "en");
	snprintf(r.recipient, sizeof r.recipient, "%s", m->to_addr);
	snprintf(r.recipient_name, sizeof r.recipient_name, "%s", m->to_name);
	snprintf(r.subject, sizeof r.subject, "%s", m->subject);
	r.body = (char *)m->text;
	snprintf(r.status, sizeof r.status, "queued");
	snprintf(r.queued_by, sizeof r.queued_by, "%s", by);
	clock_iso_utc(clock_now(), r.queued_at);
	snprintf(r.next_attempt_at, sizeof r.next_attempt_at, "%s", r.queued_at);
	if (store_outbox_insert(e->store, e->school.id, &r) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		goto out;
	}
	*outbox_id = r.id;
	ret = 0;
out:
	free(raw.p);
	free(html.p);
	free(esc.p);
	return ret;
}
