/* The message template language and the pieces of a message: fields,
 * escaping, quoted-printable, encoded words, Polish wording, SMS sizes and
 * the shapes of phone numbers and email addresses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "app/contacts.h"
#include "comms/builtin_templates.h"
#include "comms/lang.h"
#include "comms/message.h"
#include "comms/mime.h"
#include "comms/template.h"
#include "core/trends.h"

static const char *values[TF__MAX];

static char *render(const char *text, enum template_escape esc)
{
	struct template t;
	struct app_error err = {0};
	if (template_parse(text, "body", &t, &err) < 0)
		fail_msg("parse '%s': %s", text, err.message);
	char *out = template_render(&t, values, esc);
	template_free(&t);
	return out;
}

static void expect_render(const char *text, enum template_escape esc, const char *want)
{
	char *got = render(text, esc);
	assert_string_equal(got, want);
	free(got);
}

static void expect_refused(const char *text, const char *want)
{
	struct template t;
	struct app_error err = {0};
	assert_int_equal(template_parse(text, "body", &t, &err), -1);
	assert_int_equal(err.kind, ERR_INPUT);
	assert_string_equal(err.field, "body");
	if (!strstr(err.message, want))
		fail_msg("'%s' does not say '%s'", err.message, want);
	assert_null(t.piece);
}

static void fields_render(void **state)
{
	(void)state;
	values[TF_PUPIL_FORENAME] = "Anna";
	values[TF_DAYS_MISSED] = "4.5 days";
	values[TF_CONTACT_NAME] = "Jane";
	expect_render("Dear {{contact_name}}, {{pupil_forename}} missed {{days_missed}}.", TEMPLATE_TEXT,
		      "Dear Jane, Anna missed 4.5 days.");
	/* spaces inside the braces, a field twice, fields side by side */
	expect_render("{{ pupil_forename }}{{pupil_forename}}", TEMPLATE_TEXT, "AnnaAnna");
	/* text alone, empty text, lone braces */
	expect_render("no fields { here }", TEMPLATE_TEXT, "no fields { here }");
	expect_render("", TEMPLATE_TEXT, "");
	expect_render("}} and {", TEMPLATE_TEXT, "}} and {");
	/* a field with no value is empty */
	expect_render("[{{trend}}]", TEMPLATE_TEXT, "[]");
	/* what a template uses */
	struct template t;
	struct app_error err = {0};
	assert_int_equal(template_parse("{{today}} {{trend}}", "body", &t, &err), 0);
	assert_true(t.uses == (((uint64_t)1 << TF_TODAY) | ((uint64_t)1 << TF_TREND)));
	template_free(&t);
}

static void unknown_fields_refused(void **state)
{
	(void)state;
	expect_refused("Dear {{contact_name}},\n\nmissed {{days_mised}}", "body line 3: unknown field {{days_mised}}");
	expect_refused("x {{Pupil_Forename}}", "unknown field {{Pupil_Forename}}");
	expect_refused("{{pupil-forename}}", "unknown field {{pupil-forename}}");
	expect_refused("{{<script>alert(1)</script>}}", "unknown field {{<script>alert(1)</script>}}");
	expect_refused("line one\n{{contact_name", "body line 2: \"{{\" is not closed");
	expect_refused("{{contact_name\n}}", "is not closed by \"}}\" on the same line");
	expect_refused("{{   }}", "\"{{}}\" names no field");
	/* the message lists the fields */
	struct template t;
	struct app_error err = {0};
	template_parse("{{x}}", "subject", &t, &err);
	assert_string_equal(err.field, "subject");
	assert_non_null(strstr(err.message, "(the fields are: pupil_forename, pupil_surname,"));
	assert_non_null(strstr(err.message, "meeting_when, award, "));
	assert_non_null(strstr(err.message, "leave_decision_reason)"));
}

static void html_escaped(void **state)
{
	(void)state;
	values[TF_CONTACT_NAME] = "O'Brien <b>\"&\"</b>";
	expect_render("Dear {{contact_name}},", TEMPLATE_HTML,
		      "Dear O&#39;Brien &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;,");
	/* the template's own text is escaped too: templates are text, not HTML */
	expect_render("<i>{{contact_name}}</i> & co", TEMPLATE_HTML,
		      "&lt;i&gt;O&#39;Brien &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;&lt;/i&gt; &amp; co");
	expect_render("Dear {{contact_name}},", TEMPLATE_TEXT, "Dear O'Brien <b>\"&\"</b>,");
	struct tbuf b = {0};
	assert_int_equal(mime_html_paragraphs(&b, "Dear Jane,\n\nOne\ntwo\n\n\nThree"), 0);
	assert_string_equal(b.p, "<p>Dear Jane,</p>\n<p>One<br>\ntwo</p>\n<p>Three</p>\n");
	free(b.p);
}

static void every_field_declared(void **state)
{
	(void)state;
	char text[2048] = "";
	for (int f = 0; f < TF__MAX; f++) {
		const struct tfield_info *i = template_field((enum tfield)f);
		assert_non_null(i->name);
		assert_non_null(i->description);
		assert_int_equal(template_field_parse(i->name, strlen(i->name)), f);
		snprintf(text + strlen(text), sizeof text - strlen(text), "{{%s}}|", i->name);
		values[f] = i->name;
	}
	/* every field renders as its value, in order */
	char *got = render(text, TEMPLATE_TEXT);
	char want[2048] = "";
	for (int f = 0; f < TF__MAX; f++)
		snprintf(want + strlen(want), sizeof want - strlen(want), "%s|", template_field((enum tfield)f)->name);
	assert_string_equal(got, want);
	free(got);
	assert_int_equal(template_field_parse("nope", 4), -1);
	assert_true(template_field(TF_MEETING_WHEN)->supplied);
	assert_false(template_field(TF_DAYS_MISSED)->supplied);
}

static void builtins_parse(void **state)
{
	(void)state;
	int n;
	const struct builtin_template *b = templates_builtin(&n);
	assert_int_equal(n, 26); /* 12 in English and Polish, 2 notices to professionals */
	int pl = 0;
	for (int i = 0; i < n; i++) {
		struct template t;
		struct app_error err = {0};
		if (template_parse(b[i].body, "body", &t, &err) < 0 ||
		    (template_free(&t), template_parse(b[i].subject, "subject", &t, &err)) < 0)
			fail_msg("built-in %s (%s): %s", b[i].name, b[i].language, err.message);
		template_free(&t);
		assert_int_equal(strcmp(b[i].channel, "sms") == 0, b[i].subject[0] == '\0');
		pl += strcmp(b[i].language, "pl") == 0;
		assert_true(strlen(b[i].body) < STORE_TEMPLATE_BODY_MAX);
	}
	assert_int_equal(pl, 12);
}

static void quoted_printable(void **state)
{
	(void)state;
	struct tbuf b = {0};
	assert_int_equal(mime_quoted_printable(&b, "a=b caf\xc3\xa9 \nend\t\n.dot"), 0);
	assert_string_equal(b.p, "a=3Db caf=C3=A9=20\r\nend=09\r\n=2Edot");
	free(b.p);
	/* long lines break softly at 76; a dot pushed to a line start is encoded */
	char line[200];
	memset(line, 'x', 75);
	line[75] = '.';
	strcpy(line + 76, "5% more");
	b = (struct tbuf){0};
	assert_int_equal(mime_quoted_printable(&b, line), 0);
	char want[200];
	memset(want, 'x', 75);
	strcpy(want + 75, "=\r\n=2E5% more");
	assert_string_equal(b.p, want);
	for (char *p = b.p, *nl; (nl = strstr(p, "\r\n")); p = nl + 2)
		assert_true(nl - p <= 76);
	free(b.p);
}

static void encoded_words_and_mailboxes(void **state)
{
	(void)state;
	struct tbuf b = {0};
	mime_encode_words(&b, "Plain subject");
	assert_string_equal(b.p, "Plain subject");
	free(b.p);
	b = (struct tbuf){0};
	mime_encode_words(&b, "Nieobecność");
	assert_string_equal(b.p, "=?UTF-8?B?Tmllb2JlY25vxZvEhw==?=");
	free(b.p);
	/* long text: several words, never splitting a character */
	b = (struct tbuf){0};
	const char *pl = "Zażółć gęślą jaźń, zażółć gęślą jaźń, zażółć gęślą jaźń";
	mime_encode_words(&b, pl);
	char joined[256] = "";
	for (char *w = b.p; (w = strstr(w, "=?UTF-8?B?")); ) {
		w += 10;
		char *end = strstr(w, "?=");
		assert_true(end - w <= 60);
		char enc[80], dec[80];
		size_t n;
		snprintf(enc, sizeof enc, "%.*s", (int)(end - w), w);
		assert_int_equal(sodium_base642bin((unsigned char *)dec, sizeof dec, enc, strlen(enc), NULL, &n,
						   NULL, sodium_base64_VARIANT_ORIGINAL), 0);
		dec[n] = '\0';
		assert_true(((unsigned char)dec[0] & 0xc0) != 0x80); /* starts on a character */
		strcat(joined, dec);
		w = end;
	}
	assert_string_equal(joined, pl);
	assert_non_null(strstr(b.p, "?=\r\n =?UTF-8?B?"));
	free(b.p);
	b = (struct tbuf){0};
	mime_mailbox(&b, "Jane Smith", "jane@example.org");
	mime_mailbox(&b, "O'Brien, Sam \"Sammy\"", "sam@example.org");
	mime_mailbox(&b, NULL, "x@example.org");
	assert_string_equal(b.p, "Jane Smith <jane@example.org>\"O'Brien, Sam \\\"Sammy\\\"\" <sam@example.org><x@example.org>");
	free(b.p);
}

static void polish_wording(void **state)
{
	(void)state;
	char buf[256];
	assert_string_equal(lang_days("pl", 1, buf, sizeof buf), "0,5 dnia");
	assert_string_equal(lang_days("pl", 2, buf, sizeof buf), "1 dzień");
	assert_string_equal(lang_days("pl", 9, buf, sizeof buf), "4,5 dnia");
	assert_string_equal(lang_days("pl", 24, buf, sizeof buf), "12 dni");
	assert_string_equal(lang_days("en", 9, buf, sizeof buf), "4.5 days");
	assert_string_equal(lang_lessons("pl", 9, 5, buf, sizeof buf), "około 23 lekcji");
	assert_string_equal(lang_lessons("en", 1, 2, buf, sizeof buf), "about 1 lesson");
	assert_string_equal(lang_days_lessons("pl", 0, 5, buf, sizeof buf), "0 dni");
	assert_string_equal(lang_pct("pl", 9474, buf, sizeof buf), "94,7%");
	assert_string_equal(lang_pct("en", 9474, buf, sizeof buf), "94.7%");
	assert_string_equal(lang_date("pl", date_parse("2025-09-01"), buf, sizeof buf), "1 września 2025 r.");
	assert_string_equal(lang_date("en", date_parse("2025-09-01"), buf, sizeof buf), "Monday 1 September 2025");
	struct trend_change c;
	trends_change(90, 100, 85, 100, TREND_MIN_CHANGE_PP100, &c);
	assert_string_equal(lang_trend("en", &c, buf, sizeof buf), "up from 85.0% a month ago");
	assert_string_equal(lang_trend("pl", &c, buf, sizeof buf), "wzrost z 85,0% miesiąc temu");
	trends_change(90, 100, 0, 0, TREND_MIN_CHANGE_PP100, &c);
	assert_string_equal(lang_trend("en", &c, buf, sizeof buf), "too early in the school year to compare with a month ago");
	struct recovery r = {.target_pct100 = 9000, .below = true, .reachable = true, .days_needed = 1,
			     .from_day = date_parse("2025-12-02"), .reached_on = date_parse("2025-12-02")};
	assert_string_equal(lang_recovery("pl", &r, buf, sizeof buf),
			    "przy pełnej obecności od 2 grudnia 2025 r. frekwencja wróci do 90% dnia 2 grudnia 2025 r. "
			    "(potrzeba 1 dnia szkolnego z rzędu)");
	assert_true(lang_has_templates("pl") && lang_has_templates("en") && !lang_has_templates("ur"));
	assert_true(lang_code_ok("ur") && !lang_code_ok("EN") && !lang_code_ok("eng"));
}

static void sms_sizes(void **state)
{
	(void)state;
	int chars, parts;
	bool uni;
	char text[400];
	memset(text, 'a', 160);
	text[160] = '\0';
	message_sms_size(text, &chars, &parts, &uni);
	assert_true(chars == 160 && parts == 1 && !uni);
	text[160] = 'a';
	text[161] = '\0';
	message_sms_size(text, &chars, &parts, &uni);
	assert_true(chars == 161 && parts == 2 && !uni);
	text[159] = '{'; /* an escaped GSM character counts twice */
	text[160] = '\0';
	message_sms_size(text, &chars, &parts, &uni);
	assert_int_equal(parts, 2);
	message_sms_size("Dziękujemy", &chars, &parts, &uni);
	assert_true(chars == 10 && parts == 1 && uni);
	memset(text, 0, sizeof text);
	for (int i = 0; i < 71; i++)
		strcat(text, "ę");
	message_sms_size(text, &chars, &parts, &uni);
	assert_true(chars == 71 && parts == 2 && uni);
}

static void phone_and_email_shapes(void **state)
{
	(void)state;
	char e164[PHONE_E164_LEN];
	assert_null(contact_phone_error("07700 900123", e164));
	assert_string_equal(e164, "+447700900123");
	assert_null(contact_phone_error("(0113) 496-0000", e164));
	assert_string_equal(e164, "+441134960000");
	assert_null(contact_phone_error("+48 601 234 567", e164));
	assert_string_equal(e164, "+48601234567");
	assert_null(contact_phone_error("0048 601 234 567", e164));
	assert_string_equal(e164, "+48601234567");
	assert_non_null(contact_phone_error("0113 496", e164));
	assert_non_null(contact_phone_error("07700 9001234567", e164));
	assert_non_null(contact_phone_error("+0 113", e164));
	assert_non_null(contact_phone_error("07700 ext 12", e164));
	assert_non_null(contact_phone_error("077+00 900123", e164));
	assert_null(contact_email_error("jane.smith+school@mail.example.org"));
	assert_non_null(contact_email_error("jane"));
	assert_non_null(contact_email_error("jane@@example.org"));
	assert_non_null(contact_email_error("jane@example"));
	assert_non_null(contact_email_error("@example.org"));
	assert_non_null(contact_email_error("jane.@example.org"));
	assert_non_null(contact_email_error("ja ne@example.org"));
	assert_non_null(contact_email_error("jane@example..org"));
	assert_non_null(contact_email_error("jane@-example.org"));
	assert_non_null(contact_email_error("jané@example.org"));
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields_render),
		cmocka_unit_test(unknown_fields_refused),
		cmocka_unit_test(html_escaped),
		cmocka_unit_test(every_field_declared),
		cmocka_unit_test(builtins_parse),
		cmocka_unit_test(quoted_printable),
		cmocka_unit_test(encoded_words_and_mailboxes),
		cmocka_unit_test(polish_wording),
		cmocka_unit_test(sms_sizes),
		cmocka_unit_test(phone_and_email_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
