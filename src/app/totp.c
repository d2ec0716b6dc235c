/* TOTP (RFC 6238) and recovery codes: see totp.h. HMAC-SHA1 comes from
 * libcrypto (libsodium has no SHA-1); randomness, the recovery codes'
 * hashes and constant-time comparison from libsodium. */
#include <ctype.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/totp.h"

static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/* Keeps the recovery codes' hashes apart from any other use of the code. */
static const unsigned char KEY_RECOVERY[] = "attend recovery code hash v1....";

void totp_base32_encode(const uint8_t *b, size_t n, char *out)
{
	size_t o = 0;
	unsigned buf = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		buf = (buf << 8) | b[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = B32[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = B32[(buf << (5 - bits)) & 31];
	out[o] = '\0';
}

int totp_base32_decode(const char *s, uint8_t *out, size_t max)
{
	size_t o = 0;
	unsigned buf = 0;
	int bits = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '=')
			continue;
		const char *p = strchr(B32, toupper((unsigned char)*s));
		if (!p || !*p)
			return -1;
		buf = (buf << 5) | (unsigned)(p - B32);
		bits += 5;
		if (bits >= 8) {
			if (o == max)
				return -1;
			out[o++] = (uint8_t)(buf >> (bits - 8));
			bits -= 8;
		}
	}
	return (int)o;
}

uint32_t totp_hotp(const uint8_t *key, size_t keylen, uint64_t counter, int digits)
{
	uint8_t msg[8], md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	for (int i = 7; i >= 0; i--) {
		msg[i] = (uint8_t)counter;
		counter >>= 8;
	}
	HMAC(EVP_sha1(), key, (int)keylen, msg, sizeof msg, md, &mdlen);
	/* RFC 4226 5.3: dynamic truncation */
	int off = md[19] & 0x0f;
	uint32_t bin = ((uint32_t)(md[off] & 0x7f) << 24) | ((uint32_t)md[off + 1] << 16) |
		       ((uint32_t)md[off + 2] << 8) | md[off + 3];
	uint32_t mod = 1;
	for (int i = 0; i < digits; i++)
		mod *= 10;
	sodium_memzero(md, sizeof md);
	return bin % mod;
}

int64_t totp_step(time_t t)
{
	return t < 0 ? 0 : (int64_t)t / TOTP_STEP_S;
}

void totp_new_secret(char out[TOTP_SECRET_B32])
{
	uint8_t b[TOTP_SECRET_BYTES];
	randombytes_buf(b, sizeof b);
	totp_base32_encode(b, sizeof b, out);
	sodium_memzero(b, sizeof b);
}

void totp_secret_grouped(const char *secret, char *out, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; secret[i] && o + 2 < len; i++) {
		if (i && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = (char)tolower((unsigned char)secret[i]);
	}
	out[o] = '\0';
}

/* Percent-encodes s (RFC 3986 unreserved characters stay). */
static int pct(char *out, size_t len, size_t *o, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		int n = isalnum(c) || strchr("-._~", c) ? snprintf(out + *o, len - *o, "%c", c)
							: snprintf(out + *o, len - *o, "%%%02X", c);
		if (n < 0 || (size_t)n >= len - *o)
			return -1;
		*o += (size_t)n;
	}
	return 0;
}

int totp_uri(const char *issuer, const char *account, const char *secret, char *out, size_t len)
{
	size_t o = 0;
	int n = snprintf(out, len, "otpauth://totp/");
	if (n < 0 || (size_t)n >= len)
		return -1;
	o = (size_t)n;
	if (pct(out, len, &o, issuer) < 0 || pct(out, len, &o, ":") < 0 ||
	    pct(out, len, &o, account) < 0)
		return -1;
	n = snprintf(out + o, len - o, "?secret=%s&issuer=", secret);
	if (n < 0 || (size_t)n >= len - o)
		return -1;
	o += (size_t)n;
	if (pct(out, len, &o, issuer) < 0)
		return -1;
	n = snprintf(out + o, len - o, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS,
		     TOTP_STEP_S);
	return n < 0 || (size_t)n >= len - o ? -1 : 0;
}

enum totp_input totp_input_parse(const char *in, char out[TOTP_RECOVERY_SHOWN])
{
	size_t o = 0;
	if (!in)
		return TOTP_INPUT_BAD;
	for (; *in; in++) {
		if (*in == ' ' || *in == '-')
			continue;
		if (o == TOTP_RECOVERY_LEN)
			return TOTP_INPUT_BAD;
		out[o++] = (char)tolower((unsigned char)*in);
	}
	out[o] = '\0';
	if (o == TOTP_DIGITS && strspn(out, "0123456789") == o)
		return TOTP_INPUT_CODE;
	if (o == TOTP_RECOVERY_LEN && strspn(out, "abcdefghijklmnopqrstuvwxyz234567") == o)
		return TOTP_INPUT_RECOVERY;
	return TOTP_INPUT_BAD;
}

int totp_check(const char *secret, const char *code, time_t now, int64_t last_step,
	       int64_t *step)
{
	uint8_t key[64];
	int keylen = totp_base32_decode(secret, key, sizeof key);
	if (keylen <= 0)
		return -1;
	int64_t t = totp_step(now);
	int found = 1;
	/* Every step of the window is computed, so the time taken does not
	 * say which one matched. */
	for (int64_t s = t - 1; s <= t + 1; s++) {
		char want[16];
		snprintf(want, sizeof want, "%0*u", TOTP_DIGITS,
			 totp_hotp(key, (size_t)keylen, (uint64_t)(s < 0 ? 0 : s), TOTP_DIGITS));
		if (strlen(code) != TOTP_DIGITS || sodium_memcmp(want, code, TOTP_DIGITS) != 0)
			continue;
		if (s > last_step && found != 0) {
			found = 0;
			*step = s;
		} else if (found == 1) {
			found = 2; /* right, but its step (or a later one) was used */
		}
	}
	sodium_memzero(key, sizeof key);
	return found;
}

void totp_recovery_new(char out[TOTP_RECOVERY_SHOWN])
{
	for (int i = 0, o = 0; i < TOTP_RECOVERY_LEN; i++) {
		if (i == TOTP_RECOVERY_LEN / 2)
			out[o++] = '-';
		out[o++] = (char)tolower((unsigned char)B32[randombytes_uniform(32)]);
		out[o] = '\0';
	}
}

void totp_recovery_hash(const char *code, char out[TOTP_HASH_HEX])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)code, strlen(code), KEY_RECOVERY,
			   sizeof KEY_RECOVERY - 1);
	sodium_bin2hex(out, TOTP_HASH_HEX, h, sizeof h);
}
