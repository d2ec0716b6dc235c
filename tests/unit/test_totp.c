/* TOTP against RFC 6238's test vectors (appendix B, SHA-1), HOTP against
 * RFC 4226's (appendix D), base32 against RFC 4648's, the window of one
 * step either side, replay, and what a code box accepts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app/totp.h"

static const uint8_t SEED[] = "12345678901234567890";

static void rfc6238_sha1_vectors(void **state)
{
	(void)state;
	static const struct {
		int64_t t;
		uint32_t code;
	} v[] = {{59, 94287082},         {1111111109, 7081804}, {1111111111, 14050471},
		 {1234567890, 89005924}, {2000000000, 69279037}, {20000000000, 65353130}};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		uint64_t step = (uint64_t)totp_step((time_t)v[i].t);
		assert_int_equal(totp_hotp(SEED, 20, step, 8), v[i].code);
		/* six digits are the last six of eight */
		assert_int_equal(totp_hotp(SEED, 20, step, 6), v[i].code % 1000000);
	}
}

static void rfc4226_hotp_vectors(void **state)
{
	(void)state;
	static const uint32_t want[] = {755224, 287082, 359152, 969429, 338314,
					254676, 287922, 162583, 399871, 520489};
	for (uint64_t c = 0; c < 10; c++)
		assert_int_equal(totp_hotp(SEED, 20, c, 6), want[c]);
}

static void base32_round_trip_and_rfc4648(void **state)
{
	(void)state;
	char out[64];
	totp_base32_encode((const uint8_t *)"foobar", 6, out);
	assert_string_equal(out, "MZXW6YTBOI"); /* RFC 4648: MZXW6YTBOI====== */
	totp_base32_encode(SEED, 20, out);
	assert_string_equal(out, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	uint8_t back[32];
	assert_int_equal(totp_base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", back, sizeof back), 20);
	assert_memory_equal(back, SEED, 20);
	assert_int_equal(totp_base32_decode("MZXW6YTBOI======", back, sizeof back), 6);
	assert_memory_equal(back, "foobar", 6);
	assert_int_equal(totp_base32_decode("MZ1W", back, sizeof back), -1); /* 1 is not base32 */
	assert_int_equal(totp_base32_decode("GEZDGNBVGY3TQOJQ", back, 4), -1); /* too long */
	char secret[TOTP_SECRET_B32], other[TOTP_SECRET_B32];
	totp_new_secret(secret);
	totp_new_secret(other);
	assert_int_equal(strlen(secret), 32);
	assert_string_not_equal(secret, other);
	assert_int_equal(totp_base32_decode(secret, back, sizeof back), 20);
}

static void window_of_one_step_and_no_replay(void **state)
{
	(void)state;
	const char *secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
	time_t now = 1111111111; /* step 37037037 */
	int64_t t = totp_step(now), step = -1;
	char code[16];
	for (int d = -2; d <= 2; d++) {
		snprintf(code, sizeof code, "%06u", totp_hotp(SEED, 20, (uint64_t)(t + d), 6));
		int rc = totp_check(secret, code, now, 0, &step);
		if (d >= -1 && d <= 1) {
			assert_int_equal(rc, 0);
			assert_int_equal(step, t + d);
		} else {
			assert_int_equal(rc, 1);
		}
	}
	/* the step used (or a later one) is never accepted again */
	snprintf(code, sizeof code, "%06u", totp_hotp(SEED, 20, (uint64_t)t, 6));
	assert_int_equal(totp_check(secret, code, now, t, &step), 2);
	assert_int_equal(totp_check(secret, code, now, t - 1, &step), 0);
	snprintf(code, sizeof code, "%06u", totp_hotp(SEED, 20, (uint64_t)(t - 1), 6));
	assert_int_equal(totp_check(secret, code, now, t, &step), 2);
	snprintf(code, sizeof code, "%06u", totp_hotp(SEED, 20, (uint64_t)(t + 2), 6));
	assert_int_equal(totp_check(secret, code, now, t, &step), 1); /* outside: wrong, not used */
	assert_int_equal(totp_check(secret, "12345", now, 0, &step), 1);
	assert_int_equal(totp_check("not base32!", "123456", now, 0, &step), -1);
	/* RFC 6238 at 59 s: 94287082, the app shows 287082 */
	assert_int_equal(totp_check(secret, "287082", 59, 0, &step), 0);
	assert_int_equal(step, 1);
}

static void what_a_code_box_accepts(void **state)
{
	(void)state;
	char out[TOTP_RECOVERY_SHOWN];
	assert_int_equal(totp_input_parse("123 456", out), TOTP_INPUT_CODE);
	assert_string_equal(out, "123456");
	assert_int_equal(totp_input_parse("ABCDE-FGH23", out), TOTP_INPUT_RECOVERY);
	assert_string_equal(out, "abcdefgh23");
	const char *bad[] = {"", "12345", "1234567", "12345a", "abcde-fgh1", "abcdefghijk",
			     "123456789012345678901234567890", "12\n3456"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(totp_input_parse(bad[i], out), TOTP_INPUT_BAD);
	assert_int_equal(totp_input_parse(NULL, out), TOTP_INPUT_BAD);
	char a[TOTP_RECOVERY_SHOWN], b[TOTP_RECOVERY_SHOWN];
	totp_recovery_new(a);
	totp_recovery_new(b);
	assert_int_equal(strlen(a), 11);
	assert_int_equal(a[5], '-');
	assert_string_not_equal(a, b);
	assert_int_equal(totp_input_parse(a, out), TOTP_INPUT_RECOVERY);
	char h1[TOTP_HASH_HEX], h2[TOTP_HASH_HEX];
	totp_recovery_hash(out, h1);
	totp_recovery_hash(out, h2);
	assert_string_equal(h1, h2);
	assert_int_equal(strlen(h1), 64);
	assert_null(strstr(h1, out));
}

static void otpauth_uri(void **state)
{
	(void)state;
	char uri[300];
	assert_int_equal(totp_uri("Riverside Academy", "ann@example.org",
				  "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", uri, sizeof uri),
			 0);
	assert_string_equal(uri, "otpauth://totp/Riverside%20Academy%3Aann%40example.org?secret="
				 "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Riverside%20Academy"
				 "&algorithm=SHA1&digits=6&period=30");
	assert_int_equal(totp_uri("x", "y", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", uri, 40), -1);
	char g[64];
	totp_secret_grouped("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", g, sizeof g);
	assert_string_equal(g, "gezd gnbv gy3t qojq gezd gnbv gy3t qojq");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc6238_sha1_vectors),
		cmocka_unit_test(rfc4226_hotp_vectors),
		cmocka_unit_test(base32_round_trip_and_rfc4648),
		cmocka_unit_test(window_of_one_step_and_no_replay),
		cmocka_unit_test(what_a_code_box_accepts),
		cmocka_unit_test(otpauth_uri),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
