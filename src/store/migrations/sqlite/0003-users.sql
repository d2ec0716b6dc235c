-- Who may sign in and what they may see, their sign-in sessions, the
-- register-taking events (who took a register, when) and an audit log.

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	username TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL CHECK (role IN ('admin', 'attendance_lead', 'office', 'head_of_year',
		'teacher', 'governor', 'parent')),
	password_hash TEXT NOT NULL, -- argon2id, libsodium crypto_pwhash_str
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	password_changed_at TEXT NOT NULL
) STRICT;

-- What a teacher (forms) or a head of year (years) may see.
CREATE TABLE user_scopes (
	user_id INTEGER NOT NULL REFERENCES users(id),
	school_id INTEGER NOT NULL REFERENCES schools(id),
	kind TEXT NOT NULL CHECK (kind IN ('form', 'year')),
	value TEXT NOT NULL,
	PRIMARY KEY (user_id, kind, value)
) STRICT;

-- Signed-in browsers and API clients. Only a hash of the token is kept, so
-- a copy of the database signs nobody in.
CREATE TABLE web_sessions (
	token_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users(id),
	school_id INTEGER NOT NULL REFERENCES schools(id),
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX web_sessions_user ON web_sessions (user_id);

-- Every sign-in attempt, for rate limiting (username may be unknown).
CREATE TABLE signin_attempts (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL,
	ip TEXT NOT NULL,
	at TEXT NOT NULL,
	ok INTEGER NOT NULL CHECK (ok IN (0, 1))
) STRICT;
CREATE INDEX signin_attempts_user ON signin_attempts (username, at);
CREATE INDEX signin_attempts_ip ON signin_attempts (ip, at);

-- A register taken (first submission) or amended, by whom and when. The
-- marks themselves, with every version, are in marks/mark_history.
CREATE TABLE register_events (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	form TEXT NOT NULL,
	date TEXT NOT NULL,
	session TEXT NOT NULL CHECK (session IN ('AM', 'PM')),
	kind TEXT NOT NULL CHECK (kind IN ('taken', 'amended')),
	taken_by TEXT NOT NULL,
	taken_at TEXT NOT NULL,
	marks INTEGER NOT NULL CHECK (marks >= 0),
	reason TEXT NOT NULL
) STRICT;
CREATE INDEX register_events_day ON register_events (school_id, date, form, session, id);

-- Who did what: sign-ins, accounts, overrides. school_id is NULL for events
-- that belong to no school (a sign-in with an unknown username).
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	school_id INTEGER REFERENCES schools(id),
	at TEXT NOT NULL,
	username TEXT NOT NULL,
	action TEXT NOT NULL,
	detail TEXT NOT NULL
) STRICT;

CREATE TRIGGER register_events_no_update BEFORE UPDATE ON register_events
BEGIN
	SELECT RAISE(ABORT, 'register_events is append-only');
END;
CREATE TRIGGER register_events_no_delete BEFORE DELETE ON register_events
BEGIN
	SELECT RAISE(ABORT, 'register_events is append-only');
END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
