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

static void put_num(crypto_hash_sha256_state *st, long long n)
{
	char num[32];
	snprintf(num, sizeof num, "%lld", n);
	put(st, num);
}

/* What every version hashes after the fields that name its place. */
static void put_version(crypto_hash_sha256_state *st, int version, const char *code,
			int minutes_late, const char *by, const char *at, const char *reason,
			const char *source, char out[STORE_HASH_HEX])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	put_num(st, version);
	put(st, code);
	put_num(st, minutes_late);
	put(st, by);
	put(st, at);
	put(st, reason);
	put(st, source);
	crypto_hash_sha256_final(st, digest);
	sodium_bin2hex(out, STORE_HASH_HEX, digest, sizeof digest);
}

void store_mark_hash(int64_t school_id, const struct mark_rec *v, char out[STORE_HASH_HEX])
{
	crypto_hash_sha256_state st;
	char day[DATE_ISO_LEN];
	crypto_hash_sha256_init(&st);
	put(&st, "attend-mark-v1");
	put(&st, v->prev_hash);
	put_num(&st, school_id);
	put_num(&st, v->pupil_id);
	put(&st, date_format(v->date, day));
	put(&st, session_name(v->session));
	put_version(&st, v->version, code_text(v->code, v->session), v->minutes_late, v->recorded_by,
		    v->recorded_at, v->reason, v->source, out);
}

/* A lesson mark's version: its place is the pupil, the day, the period and
 * the class, so a change of any of them breaks the chain. */
void store_lesson_mark_hash(int64_t school_id, const struct lesson_mark_rec *v,
			    char out[STORE_HASH_HEX])
{
	crypto_hash_sha256_state st;
	char day[DATE_ISO_LEN];
	crypto_hash_sha256_init(&st);
	put(&st, "attend-lesson-mark-v1");
	put(&st, v->prev_hash);
	put_num(&st, school_id);
	put_num(&st, v->pupil_id);
	put(&st, date_format(v->date, day));
	put(&st, v->period);
	put(&st, v->class_code);
	put_version(&st, v->version, code_text(v->code, SESSION_AM), v->minutes_late, v->recorded_by,
		    v->recorded_at, v->reason, v->source, out);
}
