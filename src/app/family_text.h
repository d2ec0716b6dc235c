/* The words of the family pages and of the errors families read, in each
 * language they are written in: English, and Polish as the worked example
 * (TO REVIEW by a native speaker, as the Polish templates). One table, so
 * a language is added in one place; tests/unit/test_family_text.c checks
 * that every translation takes the same printf arguments as the English. */
#ifndef ATTEND_FAMILY_TEXT_H
#define ATTEND_FAMILY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/calendar.h"
#include "core/codes.h"

#include "app/family_text_table.h"

enum ft {
#define FT_ENUM(id, en, pl) id,
	FAMILY_TEXTS(FT_ENUM)
#undef FT_ENUM
	FT__MAX
};

/* Languages the family pages are written in. */
#define FAMILY_LANGS 2
bool ft_lang_ok(const char *lang);
/* "en" unless lang is one the pages are written in. */
const char *ft_lang(const char *lang);
/* The text in lang (English when lang has none). */
const char *ft(const char *lang, enum ft id);
/* The text of id in lang, formatted with the arguments (the table's
 * printf arguments), into buf. */
char *ftf(char *buf, size_t len, const char *lang, enum ft id, ...);
/* The text of language number lang_index (0 English), for the tests. */
const char *ft_in(int lang_index, enum ft id);
/* "weekend", "holiday", ... in lang. */
const char *ft_day_kind(const char *lang, enum day_kind k);
/* "morning", "afternoon" in lang. */
const char *ft_session(const char *lang, enum session s);
/* What a code means, for families: "illness", "choroba"; the code
 * table's description for codes without a family wording. */
const char *ft_code_name(const char *lang, enum code c);

#endif
