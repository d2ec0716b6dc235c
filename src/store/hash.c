/* Tamper evidence for the register: each version of a mark is hashed with
 * the hash of the version before it, so altering, inserting or removing a
 * version anywhere breaks the chain from there on. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store/store.h"

/* The fields go through a buffer, and SHA-256 sees them in a few long
 * updates rather than two short ones a field: the same bytes, hashed for
 * every mark the writer saves. */
struct hasher {
	crypto_hash_sha256_state st;
	size_t n;
	unsigned char buf[512];
};

static void begin(struct hasher *h)
{
	crypto_hash_sha256_init(&h->st);
	h->n = 0;
}

static void put_bytes(struct hasher *h, const char *s, size_t len)
{
	if (h->n + len > sizeof h->buf) {
		crypto_hash_sha256_update(&h->st, h->buf, h->n);
		h->n = 0;
		if (len > sizeof h->buf) {
			crypto_hash_sha256_update(&h->st, (const unsigned char *)s, len);
			return;
		}
	}
	memcpy(h->buf + h->n, s, len);
	h->n += len;
}

static void put(struct hasher *h, const char *s)
{
	/* Unit separator between fields: no field can contain it unnoticed,
	 * since all text is validated UTF-8 without control characters. */
	put_bytes(h, s, strlen(s));
	put_bytes(h, "\x1f", 1);
}

static void put_num(struct hasher *h, long long n)
{
	char num[24], *p = num + sizeof num;
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (n < 0)
		*--p = '-';
	put_bytes(h, p, (size_t)(num + sizeof num - p));
	put_bytes(h, "\x1f", 1);
}

/* What every version hashes after the fields that name its place. */
static void put_version(struct hasher *h, int version, const char *code, int minutes_late,
			const char *by, const char *at, const char *reason, const char *source,
			char out[STORE_HASH_HEX])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	put_num(h, version);
	put(h, code);
	put_num(h, minutes_late);
	put(h, by);
	put(h, at);
	put(h, reason);
	put(h, source);
	crypto_hash_sha256_update(&h->st, h->buf, h->n);
	crypto_hash_sha256_final(&h->st, digest);
	sodium_bin2hex(out, STORE_HASH_HEX, digest, sizeof digest);
}

void store_mark_hash(int64_t school_id, const struct mark_rec *v, char out[STORE_HASH_HEX])
{
	struct hasher h;
	char day[DATE_ISO_LEN];
	begin(&h);
	put(&h, "attend-mark-v1");
	put(&h, v->prev_hash);
	put_num(&h, school_id);
	put_num(&h, v->pupil_id);
	put(&h, date_format(v->date, day));
	put(&h, session_name(v->session));
	put_version(&h, v->version, code_text(v->code, v->session), v->minutes_late, v->recorded_by,
		    v->recorded_at, v->reason, v->source, out);
}

/* A lesson mark's version: its place is the pupil, the day, the period and
 * the class, so a change of any of them breaks the chain. */
void store_lesson_mark_hash(int64_t school_id, const struct lesson_mark_rec *v,
			    char out[STORE_HASH_HEX])
{
	struct hasher h;
	char day[DATE_ISO_LEN];
	begin(&h);
	put(&h, "attend-lesson-mark-v1");
	put(&h, v->prev_hash);
	put_num(&h, school_id);
	put_num(&h, v->pupil_id);
	put(&h, date_format(v->date, day));
	put(&h, v->period);
	put(&h, v->class_code);
	put_version(&h, v->version, code_text(v->code, SESSION_AM), v->minutes_late, v->recorded_by,
		    v->recorded_at, v->reason, v->source, out);
}
