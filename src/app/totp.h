/* Time-based one-time passwords (RFC 6238 on RFC 4226's HOTP): HMAC-SHA1,
 * 30-second steps, 6 digits, as authenticator apps make them; the shared
 * secret in base32 (RFC 4648) and as an otpauth:// URI; and one-time
 * recovery codes, kept only as keyed hashes. */
#ifndef ATTEND_TOTP_H
#define ATTEND_TOTP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TOTP_SECRET_BYTES 20
#define TOTP_SECRET_B32 33 /* 32 base32 characters and the NUL */
#define TOTP_STEP_S 30
#define TOTP_DIGITS 6
#define TOTP_RECOVERY_CODES 8
#define TOTP_RECOVERY_LEN 10   /* base32 characters, shown as xxxxx-xxxxx */
#define TOTP_RECOVERY_SHOWN 12 /* with the dash and the NUL */
#define TOTP_HASH_HEX 65

/* Base32 without padding; out needs 8 characters per 5 bytes and a NUL. */
void totp_base32_encode(const uint8_t *b, size_t n, char *out);
/* Decodes base32 (upper or lower case; spaces and '=' ignored); the
 * length, or -1 if it is not base32 or longer than max. */
int totp_base32_decode(const char *s, uint8_t *out, size_t max);
/* HOTP of counter with digits (6 to 8) digits. */
uint32_t totp_hotp(const uint8_t *key, size_t keylen, uint64_t counter, int digits);
/* The 30-second step of a time. */
int64_t totp_step(time_t t);
/* A new random secret in base32. */
void totp_new_secret(char out[TOTP_SECRET_B32]);
/* The secret as people type it: groups of four ("abcd efgh ..."). */
void totp_secret_grouped(const char *secret, char *out, size_t len);
/* otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...; -1 if it does not fit. */
int totp_uri(const char *issuer, const char *account, const char *secret, char *out, size_t len);

/* What a person typed into a code box. */
enum totp_input { TOTP_INPUT_BAD, TOTP_INPUT_CODE, TOTP_INPUT_RECOVERY };
/* Spaces and dashes dropped: six digits (a code) or ten base32 characters
 * (a recovery code, lower-cased into out). */
enum totp_input totp_input_parse(const char *in, char out[TOTP_RECOVERY_SHOWN]);
/* Whether code (six digits) is the secret's for a step within one of now's,
 * and later than last_step; *step is the step it matched. 0 yes, 1 no, 2
 * it was right but is used (its step is not after last_step), -1 the
 * secret is not base32. */
int totp_check(const char *secret, const char *code, time_t now, int64_t last_step,
	       int64_t *step);
/* A new recovery code, shown as xxxxx-xxxxx. */
void totp_recovery_new(char out[TOTP_RECOVERY_SHOWN]);
/* The stored hash of a recovery code (as totp_input_parse gives it). */
void totp_recovery_hash(const char *code, char out[TOTP_HASH_HEX]);

#endif
