#include "app/family_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const texts[FAMILY_LANGS][FT__MAX] = {
#define FT_EN(id, en, pl) [id] = en,
	{FAMILY_TEXTS(FT_EN)},
#undef FT_EN
#define FT_PL(id, en, pl) [id] = pl,
	{FAMILY_TEXTS(FT_PL)},
#undef FT_PL
};

static const char *const langs[FAMILY_LANGS] = {"en", "pl"};

static int lang_index(const char *lang)
{
	for (int i = 0; lang && i < FAMILY_LANGS; i++)
		if (strcmp(lang, langs[i]) == 0)
			return i;
	return 0;
}

bool ft_lang_ok(const char *lang)
{
	return lang && (strcmp(lang, "en") == 0 || lang_index(lang) > 0);
}

const char *ft_lang(const char *lang)
{
	return langs[lang_index(lang)];
}

const char *ft(const char *lang, enum ft id)
{
	return (unsigned)id < FT__MAX ? texts[lang_index(lang)][id] : "";
}

const char *ft_in(int lang, enum ft id)
{
	return lang >= 0 && lang < FAMILY_LANGS && (unsigned)id < FT__MAX ? texts[lang][id] : NULL;
}

char *ftf(char *buf, size_t len, const char *lang, enum ft id, ...)
{
	va_list ap;
	va_start(ap, id);
	vsnprintf(buf, len, ft(lang, id), ap);
	va_end(ap);
	return buf;
}

const char *ft_day_kind(const char *lang, enum day_kind k)
{
	static const char *const names[FAMILY_LANGS][DAY__MAX] = {
		{"a holiday", "the weekend", "a school day", "a training day for staff",
		 "a bank holiday", "a planned closure"},
		{"ferie", "weekend", "dzień nauki", "dzień szkoleniowy dla nauczycieli",
		 "święto państwowe", "zaplanowane zamknięcie szkoły"},
	};
	return (unsigned)k < DAY__MAX ? names[lang_index(lang)][k] : "?";
}

const char *ft_session(const char *lang, enum session s)
{
	static const char *const names[FAMILY_LANGS][SESSION__MAX] = {{"morning", "afternoon"},
								      {"rano", "po południu"}};
	return (unsigned)s < SESSION__MAX ? names[lang_index(lang)][s] : "?";
}

const char *ft_code_name(const char *lang, enum code c)
{
	static const struct {
		enum code code;
		const char *name[FAMILY_LANGS];
	} names[] = {
		{CODE_I, {"illness", "choroba"}},
		{CODE_M, {"medical or dental appointment", "wizyta u lekarza lub dentysty"}},
		{CODE_C, {"leave agreed by the school", "zwolnienie za zgodą szkoły"}},
		{CODE_C1, {"leave for a performance or work abroad", "zwolnienie na występ lub pracę za granicą"}},
		{CODE_C2, {"part-time timetable", "skrócony plan zajęć"}},
		{CODE_J1, {"an interview", "rozmowa kwalifikacyjna"}},
		{CODE_S, {"study leave", "urlop naukowy"}},
		{CODE_R, {"religious observance", "święto religijne"}},
		{CODE_T, {"travelling for a parent's work", "podróż związana z pracą rodzica"}},
		{CODE_E, {"suspension", "zawieszenie"}},
		{CODE_G, {"holiday not agreed by the school", "wyjazd bez zgody szkoły"}},
		{CODE_N, {"we don't know why yet", "powód jeszcze nieznany"}},
		{CODE_O, {"unauthorised", "nieusprawiedliwiona"}},
		{CODE_U, {"arrived after the register closed", "przyjście po zamknięciu dziennika"}},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i].code == c)
			return names[i].name[lang_index(lang)];
	return code_info(c)->meaning;
}
