/* Family accounts: parents linked to their children through the children's
 * contacts, and pupils' own accounts; the invitations that open them (a
 * one-time code, by email through the outbox or printed, that expires);
 * and the scope every family page and API call is checked against.
 *
 * A parent sees a child only through a link to one of the child's
 * contacts that is still current, holds parental responsibility and is not
 * marked do not contact: when the office changes any of these (a contacts
 * import, a court order), access ends at the next request, with nothing
 * else to remember. */
#ifndef ATTEND_FAMILY_H
#define ATTEND_FAMILY_H

#include "app/error.h"
#include "app/marks.h"
#include "app/role.h"
#include "engine/engine.h"

#define FAMILY_CHILDREN_MAX 16
/* A one-time code: 16 characters of an alphabet without look-alikes (no
 * 0/O, 1/I), 80 bits, written in four groups: "ABCD-EFGH-JKLM-NPQR". */
#define FAMILY_CODE_CHARS 16
#define FAMILY_CODE_LEN 20 /* with the dashes and NUL */
#define FAMILY_INVITATION_DAYS_DEFAULT 14
#define FAMILY_PUPIL_YEAR_MIN 7 /* pupils' own accounts: secondary school */
#define FAMILY_TEMPLATE_INVITATION "family-invitation"

/* Why a contact can't hold a parent's account (NULL: it can). */
const char *family_contact_unfit(const struct contact_rec *c, bool removed);

struct family_child {
	int64_t pupil_id, link_id, contact_id; /* contact 0: the pupil's own account */
	int row;                               /* today's enrolment, else the latest */
	struct contact_rec contact;            /* parents: the contact they are */
};

struct family_scope {
	struct family_child child[FAMILY_CHILDREN_MAX];
	int n;
	char language[8]; /* the first child's contact's language; "en" for pupils */
};

/* The pupils a family account sees now (see above). Reads links and
 * contacts through s and rows from e (under the caller's read lock). */
int family_scope_load(struct store *s, const struct engine *e, const struct account *a,
		      date_t today, struct family_scope *out, struct app_error *err);
/* The child of that UPN if in scope, else NULL: the caller answers exactly
 * as for a UPN that does not exist. */
const struct family_child *family_scope_find(const struct family_scope *sc,
					     const struct engine *e, const char *upn);

/* Who a child's report or request comes from: the pupil, the contact, and
 * "Jane Smith, mother" (left as it is for a pupil's own account). */
void family_child_as(const struct family_child *ch, int64_t *pupil_id, int64_t *contact_id,
		     char *by, size_t len);

/* Links an account to a pupil (inside the caller's transaction): a parent
 * through contact_id, a pupil's own account with contact_id 0. A link that
 * is already open is refused (409). */
int family_link_write(struct store *s, int64_t school_id, const struct user_rec *u,
		      int64_t pupil_id, int64_t contact_id, const char *by, const char *source,
		      struct app_error *err);

/* The contact a parent account for `upn` should be linked through: the
 * contact of that priority, or (priority 0) the pupil's only contact with
 * parental responsibility; refused, naming them, when there are several. */
int family_pick_contact(const struct engine *e, const char *upn, int priority,
			struct contact_rec *out, struct app_error *err);
/* Whether a pupil may have their own account (Year 7 and up). */
int family_pupil_account_ok(const struct engine *e, const char *upn, struct app_error *err);

/* ---- invitations ---- */

struct family_invite_request {
	const char *upn;
	int contact_priority; /* 0: the pupil's own account */
	const char *delivery; /* "email" (through the outbox) or "printed" */
};
struct family_invite_result {
	int64_t id;
	char code[FAMILY_CODE_LEN];
	char expires_at[STORE_TIME_LEN]; /* the end of expires_day, school time */
	date_t expires_day;
	int64_t outbox_id;
	int revoked; /* older open invitations of the same contact, now revoked */
};
/* Makes an invitation inside the engine's open transaction: checks the
 * pupil and contact, revokes the same contact's open invitations, and for
 * email queues the `family-invitation` message (in the contact's language)
 * with the code and the link (setting public_url). */
int family_invite_write(struct engine *e, const struct family_invite_request *rq, const char *by,
			struct family_invite_result *out, struct app_error *err);

/* A code as typed ("abcd efgh-jkl m npqr") in its canonical form; -1 with
 * the rule when it can't be one. */
int family_code_normalise(const char *text, char out[FAMILY_CODE_LEN], struct app_error *err);
/* The open invitation of a code: refused (404, one message for all, so a
 * guess learns nothing) when unknown; 410 words when used, revoked or
 * expired. now is an ISO UTC instant. */
int family_invitation_check(struct store *s, const char *code, const char *now,
			    struct family_invitation_rec *out, struct app_error *err);

struct family_redeem {
	const char *code;
	/* a new account ... */
	const char *username;
	const char *password_hash;
	/* ... or the signed-in family account the child is added to */
	const struct account *existing;
};
/* Uses an invitation inside the engine's open transaction: a new account
 * (role parent or pupil) or a child added to the signed-in one; the link
 * and the invitation's use are written together. *user_id is the account. */
int family_redeem_write(struct engine *e, const struct family_redeem *rq, int64_t *user_id,
			struct app_error *err);

#endif
