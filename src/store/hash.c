/* Tamper evidence for the register: each version of a mark is hashed with
 * the hash of the version before it, so altering, inserting or removing a
 * version anywhere breaks the chain from there on. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store/store.h"

static void put(crypto_hash_sha256_state *st, const char *s)
{
	/* Unit separator between fields: no field can contain it unnoticed,
	 * since all text is validated UTF-8 without control characters. */
	crypto_hash_sha256_update(st, (const unsigned char *)s, strlen(s));
	crypto_hash_sha256_update(st, (const unsigned char *)"\x1f", 1);
}

void store_mark_hash(int64_t school_id, const struct mark_rec *v, char out[STORE_HASH_HEX])
{
	crypto_hash_sha256_state st;
	char num[32], day[DATE_ISO_LEN];
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&st);
	put(&st, "attend-mark-v1");
	put(&st, v->prev_hash);
	snprintf(num, sizeof num, "%lld", (long long)school_id);
	put(&st, num);
	snprintf(num, sizeof num, "%lld", (long long)v->pupil_id);
	put(&st, num);
	put(&st, date_format(v->date, day));
	put(&st, session_name(v->session));
	snprintf(num, sizeof num, "%d", v->version);
	put(&st, num);
	put(&st, code_text(v->code, v->session));
	snprintf(num, sizeof num, "%d", v->minutes_late);
	put(&st, num);
	put(&st, v->recorded_by);
	put(&st, v->recorded_at);
	put(&st, v->reason);
	put(&st, v->source);
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(out, STORE_HASH_HEX, digest, sizeof digest);
}

void store_lesson_mark_hash(int64_t school_id, const struct lesson_mark_rec *v,
			    char out[STORE_HASH_HEX])
{
	crypto_hash_sha256_state st;
	char num[32], day[DATE_ISO_LEN];
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&st);
	put(&st, "attend-lesson-mark-v1");
	put(&st, v->prev_hash);
	snprintf(num, sizeof num, "%lld", (long long)school_id);
	put(&st, num);
	snprintf(num, sizeof num, "%lld", (long long)v->pupil_id);
	put(&st, num);
	put(&st, date_format(v->date, day));
	put(&st, v->period);
	put(&st, v->class_code);
	snprintf(num, sizeof num, "%d", v->version);
	put(&st, num);
	put(&st, code_text(v->code, SESSION_AM));
	snprintf(num, sizeof num, "%d", v->minutes_late);
	put(&st, num);
	put(&st, v->recorded_by);
	put(&st, v->recorded_at);
	put(&st, v->reason);
	put(&st, v->source);
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(out, STORE_HASH_HEX, digest, sizeof digest);
}
