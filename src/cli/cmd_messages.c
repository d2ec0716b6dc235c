/* `attend template` (the message templates) and `attend message` (preview
 * a message to a family, or queue it in the outbox). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/csv.h"
#include "app/parse.h"
#include "cli/commands.h"
#include "comms/lang.h"
#include "comms/message.h"

static const char template_usage[] =
	"usage: attend template list\n"
	"       attend template show NAME [--language LANG]\n"
	"       attend template set NAME --file BODY.txt [--language LANG] [--channel CHANNEL]\n"
	"                 [--subject TEXT] [--description TEXT] --by USER\n"
	"       attend template fields\n\n"
	"Templates are text with merge fields written {{field}}; `fields` lists them.\n"
	"An unknown field is refused when the template is saved. CHANNEL is sms, email or\n"
	"letter (email and letter templates have a subject). Each template has an English\n"
	"version (LANG en, the default), which comes first and names the channel, and may\n"
	"have a version in another language (pl).\n";

struct tlist {
	json_t *list;
	int n;
};

static int print_template(void *ctx, const struct template_rec *t)
{
	struct tlist *l = ctx;
	l->n++;
	printf("%-26s %-3s %-7s %s%s\n", t->name, t->language, t->channel, t->description,
	       t->builtin ? "" : "  (edited)");
	return 0;
}

static bool name_ok(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && n < STORE_TEMPLATE_NAME_MAX && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static char *read_file(const char *path, struct app_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		app_fail(err, ERR_INPUT, "file", "cannot read %s", path);
		return NULL;
	}
	char *buf = malloc(STORE_TEMPLATE_BODY_MAX + 1);
	size_t n = buf ? fread(buf, 1, STORE_TEMPLATE_BODY_MAX + 1, f) : 0;
	fclose(f);
	if (!buf) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		return NULL;
	}
	if (n > STORE_TEMPLATE_BODY_MAX) {
		free(buf);
		app_fail(err, ERR_INPUT, "file", "%s is longer than %d bytes", path,
			 STORE_TEMPLATE_BODY_MAX);
		return NULL;
	}
	buf[n] = '\0';
	if (strlen(buf) != n || !csv_text_ok(buf)) {
		free(buf);
		app_fail(err, ERR_INPUT, "file", "%s is not UTF-8 text", path);
		return NULL;
	}
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return buf;
}

static int template_set(struct store *s, int64_t school_id, const char *name, const char *lang,
			const char *channel, const char *subject, const char *descr,
			const char *file, const char *by, struct app_error *err)
{
	struct template_rec *t = calloc(1, sizeof *t), *en = calloc(1, sizeof *en);
	struct template parsed;
	char *body = NULL;
	int ret = -1;
	if (!t || !en) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	if (!name_ok(name)) {
		app_fail(err, ERR_INPUT, "name",
			 "template name '%s' is not 1-63 lowercase letters, digits and hyphens", name);
		goto out;
	}
	if (!lang_has_templates(lang)) {
		app_fail(err, ERR_INPUT, "language",
			 "language '%s' has no merge-field wording: templates are en or pl", lang);
		goto out;
	}
	int rc = store_template_get(s, school_id, name, "en", en);
	if (rc < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		goto out;
	}
	if (rc == 1 && strcmp(lang, "en") != 0) {
		app_fail(err, ERR_INPUT, "language",
			 "template %s has no English version yet: set that first (--language en)", name);
		goto out;
	}
	if (!channel)
		channel = rc == 0 ? en->channel : NULL;
	if (!channel || (strcmp(channel, "sms") && strcmp(channel, "email") && strcmp(channel, "letter"))) {
		app_fail(err, ERR_INPUT, "channel", "channel '%s' is not sms, email or letter",
			 channel ? channel : "(none given)");
		goto out;
	}
	if (rc == 0 && strcmp(channel, en->channel) != 0 && strcmp(lang, "en") != 0) {
		app_fail(err, ERR_INPUT, "channel",
			 "template %s is a %s template in English: every language has the same channel",
			 name, en->channel);
		goto out;
	}
	bool sms = strcmp(channel, "sms") == 0;
	if (sms && subject && *subject) {
		app_fail(err, ERR_INPUT, "subject", "a text message has no subject");
		goto out;
	}
	if (!sms && (!subject || !*subject)) {
		app_fail(err, ERR_INPUT, "subject", "an %s template needs --subject", channel);
		goto out;
	}
	if (!(body = read_file(file, err)))
		goto out;
	if (!body[0]) {
		app_fail(err, ERR_INPUT, "file", "%s is empty", file);
		goto out;
	}
	if (template_parse(body, "body", &parsed, err) < 0)
		goto out;
	template_free(&parsed);
	if (!sms && template_parse(subject, "subject", &parsed, err) < 0)
		goto out;
	if (!sms)
		template_free(&parsed);
	snprintf(t->name, sizeof t->name, "%s", name);
	snprintf(t->language, sizeof t->language, "%s", lang);
	snprintf(t->channel, sizeof t->channel, "%s", channel);
	if (parse_text_field("subject", sms ? "" : subject, t->subject, sizeof t->subject, 0, err) < 0 ||
	    parse_text_field("description", descr ? descr : (rc == 0 ? en->description : ""),
			     t->description, sizeof t->description, 0, err) < 0)
		goto out;
	snprintf(t->body, sizeof t->body, "%s", body);
	snprintf(t->changed_by, sizeof t->changed_by, "%s", by);
	clock_iso_utc(clock_now(), t->changed_at);
	if (store_begin(s) < 0 || store_template_put(s, school_id, t) < 0 || store_commit(s) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		store_rollback(s);
		goto out;
	}
	ret = 0;
out:
	free(body);
	free(t);
	free(en);
	return ret;
}

int cmd_template(struct cli *c, int argc, char **argv)
{
	const char *lang = "en", *channel = NULL, *subject = NULL, *descr = NULL, *file = NULL,
		   *by = NULL;
	const struct cli_opt opts[] = {{"language", &lang, NULL}, {"channel", &channel, NULL},
				       {"subject", &subject, NULL}, {"description", &descr, NULL},
				       {"file", &file, NULL},	  {"by", &by, NULL},
				       {NULL, NULL, NULL}};
	const char *pos[2];
	int n;
	c->usage = template_usage;
	cli_args(c, argc, argv, opts, pos, 1, 2, &n);
	const char *what = pos[0];
	if (strcmp(what, "fields") == 0) {
		for (int f = 0; f < TF__MAX; f++)
			printf("{{%s}}%*s %s%s\n", template_field((enum tfield)f)->name,
			       (int)(22 - strlen(template_field((enum tfield)f)->name)), "",
			       template_field((enum tfield)f)->description,
			       template_field((enum tfield)f)->supplied ? " [--field]" : "");
		return EXIT_OK;
	}
	bool list = strcmp(what, "list") == 0, show = strcmp(what, "show") == 0,
	     set = strcmp(what, "set") == 0;
	if (!list && !show && !set)
		return cli_usage_error(c, "'%s' is not list, show, set or fields", what);
	if (list != (n == 1))
		return cli_usage_error(c, list ? "template list takes no name" : "give the template's name");
	if (set && !file)
		return cli_usage_error(c, "--file BODY.txt is required");
	if (set && (!by || !*by))
		return cli_usage_error(c, "--by USER is required");
	struct store *s;
	int rc = cli_open_store(c, &s, false);
	if (rc)
		return rc;
	struct school_rec school;
	struct app_error err = {0};
	if (store_school_get(s, cli_school_urn(), &school) != 0) {
		app_fail(&err, ERR_INPUT, NULL, "the database has no school yet: run `attend init`");
		rc = cli_fail(c, &err);
	} else if (list) {
		struct tlist l = {0};
		if (store_templates_each(s, school.id, print_template, &l) < 0) {
			app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(s));
			rc = cli_fail(c, &err);
		}
	} else if (show) {
		struct template_rec *t = malloc(sizeof *t);
		int got = t ? store_template_get(s, school.id, pos[1], lang, t) : -1;
		if (got == 0)
			printf("template %s (%s, %s): %s\nchanged by %s at %s\n%s%s%s\n%s\n", t->name,
			       t->language, t->channel, t->description, t->changed_by, t->changed_at,
			       t->subject[0] ? "subject: " : "", t->subject, t->subject[0] ? "\n" : "",
			       t->body);
		else {
			app_fail(&err, got < 0 ? ERR_INTERNAL : ERR_NOT_FOUND, "template",
				 "no template %s in language %s", pos[1], lang);
			rc = cli_fail(c, &err);
		}
		free(t);
	} else {
		char user[STORE_USER_MAX];
		if (parse_text_field("by", by, user, sizeof user, 1, &err) < 0 ||
		    template_set(s, school.id, pos[1], lang, channel, subject, descr, file, user, &err) < 0)
			rc = cli_fail(c, &err);
		else
			printf("template %s (%s) saved\n", pos[1], lang);
	}
	store_close(s);
	return rc;
}

/* ---- messages ---- */

static const char message_usage[] =
	"usage: attend message preview --template NAME --upn UPN [--contact PRIORITY]\n"
	"                 [--via email|post] [--language LANG] [--field NAME=VALUE]...\n"
	"                 [--html] [--pdf FILE]\n"
	"       attend message send --template NAME --upn UPN [--contact PRIORITY]\n"
	"                 [--via email|post] [--language LANG] [--field NAME=VALUE]... --by USER\n\n"
	"preview shows the message as the family would get it: who it goes to and how,\n"
	"the subject and the text (--html: the email's HTML part; --pdf: writes a\n"
	"letter's PDF). send puts it in the outbox (`attend outbox run` delivers it).\n"
	"Without --contact the first contact (by priority) the channel can reach gets it:\n"
	"a text needs a mobile, an email an email address, a letter a contact who receives\n"
	"mail (by email when they have one, unless --via post). The message is in the\n"
	"contact's language when the template has it, else in English. --field gives\n"
	"values the sender supplies, such as meeting_when.\n";

/* Takes every "--field NAME=VALUE" out of argv (the option may repeat). */
static int take_fields(struct cli *c, int *argc, char **argv, struct message_request *rq)
{
	int k = 0;
	for (int i = 0; i < *argc; i++) {
		const char *v = NULL;
		if (strcmp(argv[i], "--field") == 0) {
			if (i + 1 >= *argc)
				return cli_usage_error(c, "--field needs NAME=VALUE");
			v = argv[++i];
		} else if (strncmp(argv[i], "--field=", 8) == 0) {
			v = argv[i] + 8;
		} else {
			argv[k++] = argv[i];
			continue;
		}
		const char *eq = strchr(v, '=');
		int f = eq ? template_field_parse(v, (size_t)(eq - v)) : -1;
		struct app_error err = {0};
		if (f < 0 || !template_field((enum tfield)f)->supplied) {
			app_fail(&err, ERR_INPUT, "field",
				 "--field %s: only supplied fields can be given (meeting_when), as NAME=VALUE", v);
			return cli_fail(c, &err);
		}
		char tmp[MERGE_VALUE_MAX];
		if (parse_text_field("field", eq + 1, tmp, sizeof tmp, 1, &err) < 0)
			return cli_fail(c, &err);
		rq->supplied[f] = eq + 1;
	}
	*argc = k;
	return EXIT_OK;
}

static json_t *preview_json(const struct message *m, int64_t queued)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:i, s:s, s:s, s:s, s:s, s:s}", "template",
			      m->template_name, "channel", m->channel, "language", m->language,
			      "language_fallback", m->language_fallback, "contact_priority",
			      m->contact.priority, "to", m->recipient_name, "address", m->recipient,
			      "subject", m->subject, "text", m->text, "html", m->html);
	if (m->pdf.len)
		json_object_set_new(o, "pdf_bytes", json_integer((json_int_t)m->pdf.len));
	if (!strcmp(m->channel, "sms"))
		json_object_set_new(o, "sms", json_pack("{s:i, s:i, s:b}", "characters", m->sms_chars,
							 "parts", m->sms_parts, "unicode", m->sms_unicode));
	if (queued)
		json_object_set_new(o, "outbox_id", json_integer(queued));
	return o;
}

int cmd_message(struct cli *c, int argc, char **argv)
{
	struct message_request rq = {0};
	const char *tpl = NULL, *upn = NULL, *contact = NULL, *via = NULL, *lang = NULL,
		   *by = NULL, *pdf = NULL;
	bool html = false, json = false;
	const struct cli_opt opts[] = {{"template", &tpl, NULL}, {"upn", &upn, NULL},
				       {"contact", &contact, NULL}, {"via", &via, NULL},
				       {"language", &lang, NULL},  {"by", &by, NULL},
				       {"pdf", &pdf, NULL},	   {"html", NULL, &html},
				       {"json", NULL, &json},	   {NULL, NULL, NULL}};
	const char *pos[1];
	int n;
	c->usage = message_usage;
	int rc = take_fields(c, &argc, argv, &rq);
	if (rc)
		return rc;
	cli_args(c, argc, argv, opts, pos, 1, 1, &n);
	bool send = strcmp(pos[0], "send") == 0;
	if (!send && strcmp(pos[0], "preview") != 0)
		return cli_usage_error(c, "'%s' is not preview or send", pos[0]);
	if (!tpl || !upn)
		return cli_usage_error(c, "--template and --upn are required");
	if (send && (!by || !*by))
		return cli_usage_error(c, "--by USER is required: the outbox records who sent each message");
	struct app_error err = {0};
	long prio = 0;
	char user[STORE_USER_MAX] = "";
	if ((contact && parse_int_field("contact", contact, 1, 99, &prio, &err) < 0) ||
	    (send && parse_text_field("by", by, user, sizeof user, 1, &err) < 0))
		return cli_fail(c, &err);
	if (lang && !lang_has_templates(lang)) {
		app_fail(&err, ERR_INPUT, "language", "language '%s' is not en or pl", lang);
		return cli_fail(c, &err);
	}
	rq.template_name = tpl;
	rq.upn = upn;
	rq.contact_priority = (int)prio;
	rq.via = via;
	rq.language = lang;
	struct store *s;
	struct engine e;
	if ((rc = cli_open_engine(c, &s, &e)))
		return rc;
	struct message m;
	int64_t queued = 0;
	if (message_compose(&e, &rq, clock_today(), &m, &err) < 0) {
		rc = cli_fail(c, &err);
		goto out;
	}
	if (send && message_queue(&e, &m, user, &queued, &err) < 0) {
		rc = cli_fail(c, &err);
		goto done;
	}
	if (pdf && m.pdf.len) {
		FILE *f = fopen(pdf, "wb");
		if (!f || fwrite(m.pdf.p, 1, m.pdf.len, f) != m.pdf.len) {
			app_fail(&err, ERR_INPUT, "pdf", "cannot write %s", pdf);
			rc = cli_fail(c, &err);
		}
		if (f)
			fclose(f);
	} else if (pdf) {
		app_fail(&err, ERR_INPUT, "pdf", "%s is not a letter: it has no PDF", tpl);
		rc = cli_fail(c, &err);
	}
	if (json) {
		rc = rc ? rc : cli_print_json(c, preview_json(&m, queued));
		goto done;
	}
	if (send) {
		printf("message %lld queued: %s %s to %s (%s)%s\n", (long long)queued, m.template_name,
		       strcmp(m.channel, "post") == 0 ? "letter, to print and post," : m.channel,
		       m.recipient_name, m.recipient,
		       strcmp(m.channel, "post") == 0 ? "; `attend outbox pdf ID --out FILE` prints it" : "");
		goto done;
	}
	printf("to:       %s, %s (contact %d) by %s: %s\n", m.recipient_name, m.contact.relationship,
	       m.contact.priority, m.channel, m.recipient);
	printf("language: %s%s\n", m.language,
	       m.language_fallback ? " (the template has no version in the contact's language)" : "");
	if (strcmp(m.channel, "sms") == 0)
		printf("size:     %d characters, %d text%s%s\n", m.sms_chars, m.sms_parts,
		       m.sms_parts == 1 ? "" : "s", m.sms_unicode ? " (not GSM: sent as Unicode)" : "");
	if (m.pdf.len)
		printf("letter:   PDF of %zu bytes%s\n", m.pdf.len, pdf ? " written" : " (--pdf FILE writes it)");
	if (m.subject[0])
		printf("subject:  %s\n", m.subject);
	printf("\n%s\n", html ? m.html : m.text);
done:
	message_free(&m);
out:
	engine_close(&e);
	store_close(s);
	return rc;
}
