/* Pupils' contacts: the shapes of phone numbers and email addresses, the
 * contacts CSV import (one transaction, line-numbered errors), and the
 * safeguarding list of pupils with fewer than two working contacts. */
#ifndef ATTEND_CONTACTS_H
#define ATTEND_CONTACTS_H

#include <stdbool.h>

#include "app/error.h"
#include "app/marks.h"
#include "engine/engine.h"

#define CONTACTS_WANTED 2 /* at least two working contacts a pupil (safeguarding) */
#define PHONE_E164_LEN 17  /* "+" and at most 15 digits, NUL */

/* A phone number as people write it ("01632 960 123", "+44 7700 900123",
 * "(0161) 496 0000"): NULL when it is one, with its international form
 * (+447700900123) in e164; otherwise the rule it breaks. */
const char *contact_phone_error(const char *text, char e164[PHONE_E164_LEN]);
/* NULL when text is an email address of the usual shape, else the rule. */
const char *contact_email_error(const char *text);
/* Relationships a contact may have (lowercase), NULL-terminated. */
extern const char *const contact_relationships[];

/* A contact the school can reach by phone: a phone or mobile number, and
 * not marked do-not-contact. */
bool contact_working(const struct contact_rec *c);

struct contacts_import_result {
	long rows, pupils;
	long added, changed, unchanged, removed;
	long short_of_contacts; /* pupils of the file left with fewer than two working contacts */
};
/* Imports a contacts file: each pupil in it gets exactly the contacts the
 * file lists (stored ones at other priorities are removed, and kept in the
 * history); pupils not in the file keep theirs. */
int import_contacts(struct engine *e, const char *path, const struct actor *who,
		    struct contacts_import_result *res, struct app_error *err);

/* Pupils on roll on day with fewer than CONTACTS_WANTED working contacts,
 * by UPN: the row, how many they have, and a sentence saying what is wrong. */
typedef int (*contacts_missing_cb)(void *ctx, int row, int working, const char *why);
int contacts_missing_each(const struct engine *e, date_t day, contacts_missing_cb cb, void *ctx,
			  struct app_error *err);

/* A pupil's current contact of that priority; 1 if there is none. */
int contacts_get(const struct engine *e, int64_t pupil_id, int priority, struct contact_rec *out,
		 struct app_error *err);

#endif
