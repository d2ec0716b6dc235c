-- A second factor for signing in (issue 12): a time-based one-time
-- password (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) an
-- authenticator app makes from a shared secret, and one-time recovery
-- codes for a lost phone. Any account may have one.

-- The account's secret (base32, as the app is given it). 'pending' until
-- the user confirms it with a code; 'on' after. last_step is the last
-- 30-second step a code was accepted for: a code of that step or an
-- earlier one is never accepted again (no replay). Switching it off, or a
-- reset by the office, deletes the row (the audit log keeps who and when).
CREATE TABLE user_totp (
	user_id INTEGER PRIMARY KEY REFERENCES users(id),
	school_id INTEGER NOT NULL REFERENCES schools(id),
	secret TEXT NOT NULL CHECK (length(secret) = 32),
	state TEXT NOT NULL CHECK (state IN ('pending', 'on')),
	last_step INTEGER NOT NULL DEFAULT 0 CHECK (last_step >= 0),
	created_at TEXT NOT NULL,
	enabled_at TEXT
) STRICT;

-- Recovery codes: shown once, kept only as keyed hashes; each signs in
-- once (used_at).
CREATE TABLE user_recovery_codes (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users(id),
	school_id INTEGER NOT NULL REFERENCES schools(id),
	code_hash TEXT NOT NULL,
	created_at TEXT NOT NULL,
	used_at TEXT,
	UNIQUE (user_id, code_hash)
) STRICT;
