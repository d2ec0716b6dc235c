/* Families and pupils: the school's attendance bands (parsing the setting,
 * finding a band, a band's days in a 190-day year), the family pages' words
 * in each language (every translation takes the English's printf
 * arguments), dates of leave in words, the Polish time words, and the shape
 * of invitation codes. */
#include "fixture.h"

#include "app/family.h"
#include "app/family_text.h"
#include "app/leave.h"
#include "comms/lang.h"
#include "core/school_bands.h"

static char buf[256];

static void bands_default(void **state)
{
	(void)state;
	struct school_bands b;
	char why[160] = "";
	assert_int_equal(school_bands_parse(SCHOOL_BANDS_DEFAULT, &b, why, sizeof why), 0);
	assert_int_equal(b.n, 6);
	/* 100, 97-<100, 95-<97, 90-<95, 50-<90, <50 (domain.md) */
	assert_string_equal(b.band[school_bands_find(&b, 10000)].name, "Outstanding");
	assert_string_equal(b.band[school_bands_find(&b, 9999)].name, "Excellent");
	assert_string_equal(b.band[school_bands_find(&b, 9700)].name, "Excellent");
	assert_string_equal(b.band[school_bands_find(&b, 9699)].name, "Good");
	assert_string_equal(b.band[school_bands_find(&b, 9500)].name, "Good");
	assert_string_equal(b.band[school_bands_find(&b, 9499)].name, "Needs improvement");
	assert_string_equal(b.band[school_bands_find(&b, 9000)].name, "Needs improvement");
	assert_string_equal(b.band[school_bands_find(&b, 8999)].name, "Persistent absence");
	assert_string_equal(b.band[school_bands_find(&b, 5000)].name, "Persistent absence");
	assert_string_equal(b.band[school_bands_find(&b, 4999)].name, "Severe absence");
	assert_string_equal(b.band[school_bands_find(&b, 0)].name, "Severe absence");
	assert_int_equal(school_bands_find(&b, -1), -1);
	struct school_bands pl;
	assert_int_equal(school_bands_parse(SCHOOL_BANDS_DEFAULT_PL, &pl, why, sizeof why), 0);
	assert_true(school_bands_same_bounds(&b, &pl));
}

static void bands_days(void **state)
{
	(void)state;
	struct school_bands b;
	char why[160];
	assert_int_equal(school_bands_parse(SCHOOL_BANDS_DEFAULT, &b, why, sizeof why), 0);
	int64_t least, most;
	/* the seeds: 97% is 5.7 days in 190, 95% 9.5 days, 90% 19 days */
	school_bands_days(&b.band[1], &least, &most);
	assert_int_equal(least, 0);
	assert_int_equal(most, 57);
	school_bands_days(&b.band[2], &least, &most);
	assert_int_equal(least, 57);
	assert_int_equal(most, 95);
	school_bands_days(&b.band[3], &least, &most);
	assert_int_equal(least, 95);
	assert_int_equal(most, 190);
	school_bands_days(&b.band[0], &least, &most);
	assert_int_equal(least, 0);
	assert_int_equal(most, 0);
	school_bands_days(&b.band[5], &least, &most);
	assert_int_equal(least, 950);
	assert_int_equal(most, 1900);
}

static void bands_setting_rules(void **state)
{
	(void)state;
	struct school_bands b;
	char why[160];
	assert_int_equal(school_bands_parse("96.5:Green|90:Amber|0:Red", &b, why, sizeof why), 0);
	assert_int_equal(b.band[0].lower100, 9650);
	assert_int_equal(b.band[0].upper100, 10001);
	assert_string_equal(b.band[school_bands_find(&b, 10000)].name, "Green");
	assert_string_equal(b.band[school_bands_find(&b, 9649)].name, "Amber");
	static const struct {
		const char *text, *why;
	} bad[] = {
		{"", "at least 2 bands, e.g. " SCHOOL_BANDS_DEFAULT},
		{"90:Good", "at least 2 bands, e.g. " SCHOOL_BANDS_DEFAULT},
		{"90:Good|50:Poor", "the last band must start at 0 (every attendance has a band)"},
		{"50:Poor|90:Good|0:Bad",
		 "band 2 starts at 90%, not below the band before it: list bands from the highest "
		 "attendance to the lowest"},
		{"101:Over|0:x", "band 1: '101' is not a percentage from 0 to 100"},
		{"9x:Odd|0:x", "band 1: '9x' is not a percentage from 0 to 100"},
		{"95|0:x", "band 1 is not LOWER:NAME (e.g. 95:Good)"},
		{"95:|0:x", "band 1 needs a name of 1 to 47 characters, without ':'"},
		{"95:Good|0:x|", "the list ends with '|'"},
		{"95.:Good|0:x", "band 1: '95.' is not a percentage from 0 to 100"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		why[0] = '\0';
		if (school_bands_parse(bad[i].text, &b, why, sizeof why) != -1)
			fail_msg("'%s' was accepted", bad[i].text);
		assert_string_equal(why, bad[i].why);
	}
}

/* The printf conversions of a format, in order: "%s %d %lld" -> "sdL". */
static void conversions(const char *fmt, char *out)
{
	int k = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		if (strncmp(p, "lld", 3) == 0) {
			out[k++] = 'L';
			p += 2;
		} else {
			out[k++] = *p;
		}
	}
	out[k] = '\0';
}

static void every_translation_takes_the_same_arguments(void **state)
{
	(void)state;
	for (int id = 0; id < FT__MAX; id++) {
		const char *en = ft_in(0, (enum ft)id);
		assert_non_null(en);
		assert_true(en[0] != '\0');
		char want[32], got[32];
		conversions(en, want);
		for (const char *c = want; *c; c++)
			if (!strchr("sdL", *c))
				fail_msg("text %d (%s) uses %%%c", id, en, *c);
		for (int lang = 1; lang < FAMILY_LANGS; lang++) {
			const char *t = ft_in(lang, (enum ft)id);
			assert_non_null(t);
			conversions(t, got);
			if (strcmp(want, got) != 0)
				fail_msg("text %d in language %d takes %s, the English %s: %s", id, lang,
					 got, want, t);
		}
	}
	assert_string_equal(ft("pl", FT_NAV_HOME), "Strona główna");
	assert_string_equal(ft("fr", FT_NAV_HOME), "Home"); /* no French yet: English */
	assert_string_equal(ft_lang("fr"), "en");
	assert_true(ft_lang_ok("pl"));
	assert_false(ft_lang_ok("de"));
	assert_string_equal(ftf(buf, sizeof buf, "en", FT_BACK90), "Back to 90%");
	assert_string_equal(ft_code_name("pl", CODE_I), "choroba");
	assert_string_equal(ft_code_name("en", CODE_B), "attending any other approved educational activity");
	assert_string_equal(ft_day_kind("en", DAY_WEEKEND), "the weekend");
}

static void leave_dates_in_words(void **state)
{
	(void)state;
	assert_string_equal(leave_dates_text("en", D("2026-12-07"), SESSION_AM, D("2026-12-09"),
					     SESSION_PM, buf, sizeof buf),
			    "Monday 7 December 2026 to Wednesday 9 December 2026");
	assert_string_equal(leave_dates_text("en", D("2026-12-07"), SESSION_PM, D("2026-12-09"),
					     SESSION_AM, buf, sizeof buf),
			    "the afternoon of Monday 7 December 2026 to the morning of Wednesday 9 "
			    "December 2026");
	assert_string_equal(leave_dates_text("en", D("2026-12-07"), SESSION_AM, D("2026-12-07"),
					     SESSION_PM, buf, sizeof buf),
			    "Monday 7 December 2026");
	assert_string_equal(leave_dates_text("en", D("2026-12-07"), SESSION_PM, D("2026-12-07"),
					     SESSION_PM, buf, sizeof buf),
			    "the afternoon of Monday 7 December 2026");
	assert_string_equal(leave_dates_text("pl", D("2026-12-07"), SESSION_AM, D("2026-12-09"),
					     SESSION_AM, buf, sizeof buf),
			    "od 7 grudnia 2026 r. do 9 grudnia 2026 r. (przed południem)");
}

static void polish_time(void **state)
{
	(void)state;
	/* the same weeks as wording_time, in Polish (TO REVIEW) */
	assert_string_equal(lang_time("pl", 3, buf, sizeof buf), "0,3 dnia");
	assert_string_equal(lang_time("pl", 10, buf, sizeof buf), "1 dzień");
	assert_string_equal(lang_time("pl", 48, buf, sizeof buf), "prawie tydzień");
	assert_string_equal(lang_time("pl", 50, buf, sizeof buf), "dokładnie tydzień");
	assert_string_equal(lang_time("pl", 200, buf, sizeof buf), "dokładnie 4 tygodnie");
	assert_string_equal(lang_time("pl", 250, buf, sizeof buf), "dokładnie 5 tygodni");
	assert_string_equal(lang_time("pl", 190, buf, sizeof buf), "około 4 tygodni");
	assert_string_equal(lang_time("pl", 252, buf, sizeof buf), "nieco ponad 5 tygodni");
	assert_string_equal(lang_time("en", 48, buf, sizeof buf), "nearly a week");
	assert_string_equal(lang_days_tenths("pl", 57, buf, sizeof buf), "5,7 dnia");
	assert_string_equal(lang_lessons_n("en", 1, buf, sizeof buf), "about 1 lesson");
	assert_string_equal(lang_lessons_n("pl", 24, buf, sizeof buf), "około 24 lekcji");
}

static void invitation_codes(void **state)
{
	(void)state;
	char code[FAMILY_CODE_LEN];
	struct app_error err = {0};
	assert_int_equal(family_code_normalise("abcd efgh-jkLM npqr", code, &err), 0);
	assert_string_equal(code, "ABCD-EFGH-JKLM-NPQR");
	assert_int_equal(family_code_normalise("ABCD-EFGH-JKLM-NPQ", code, &err), -1);
	assert_string_equal(err.field, "code");
	assert_int_equal(family_code_normalise("ABCD-EFGH-JKLM-NPQRS", code, &err), -1);
	assert_int_equal(family_code_normalise("ABCD-EFGH-JKLM-NPQ0", code, &err), -1); /* no 0 */
	assert_int_equal(family_code_normalise("ABCD-EFGH-JKLM-NPQI", code, &err), -1); /* no I */
	assert_int_equal(family_code_normalise(NULL, code, &err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bands_default),
		cmocka_unit_test(bands_days),
		cmocka_unit_test(bands_setting_rules),
		cmocka_unit_test(every_translation_takes_the_same_arguments),
		cmocka_unit_test(leave_dates_in_words),
		cmocka_unit_test(polish_time),
		cmocka_unit_test(invitation_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
