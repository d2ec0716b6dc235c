-- Schools and trusts (issue 9): a database holds many schools, grouped in
-- trusts; a user may belong to several schools (a role in each), and two
-- trust roles see every school of their trust: trust_leader (aggregate
-- figures only) and trust_attendance_lead (everything). A trust user's
-- trust is the trust of their home school (users.school_id).

CREATE TABLE trusts (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
) STRICT;

ALTER TABLE schools ADD COLUMN trust_id INTEGER REFERENCES trusts(id);
CREATE INDEX schools_trust ON schools (trust_id);

-- The users table is rebuilt to let its role CHECK take the trust roles
-- (SQLite can't change a CHECK in place; as in 0006 and 0010, which this
-- follows: every role so far, 0010's head and pupil included, and 0010's
-- columns unchanged).
CREATE TABLE users_new (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	username TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL CHECK (role IN ('admin', 'attendance_lead', 'office', 'head_of_year',
		'teacher', 'governor', 'parent', 'dsl', 'head', 'pupil', 'trust_leader',
		'trust_attendance_lead')),
	password_hash TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	password_changed_at TEXT NOT NULL
) STRICT;
INSERT INTO users_new (id, school_id, username, role, password_hash, active, created_by,
	created_at, password_changed_at)
	SELECT id, school_id, username, role, password_hash, active, created_by, created_at,
		password_changed_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

-- A user's forms and years are per school: the same form name may exist in
-- two schools the user belongs to.
CREATE TABLE user_scopes_new (
	user_id INTEGER NOT NULL REFERENCES users(id),
	school_id INTEGER NOT NULL REFERENCES schools(id),
	kind TEXT NOT NULL CHECK (kind IN ('form', 'year')),
	value TEXT NOT NULL,
	PRIMARY KEY (user_id, school_id, kind, value)
) STRICT;
INSERT INTO user_scopes_new SELECT user_id, school_id, kind, value FROM user_scopes;
DROP TABLE user_scopes;
ALTER TABLE user_scopes_new RENAME TO user_scopes;

-- The other schools a user belongs to, with their role there (the home
-- school and its role are in users). Every school role; not the trust
-- roles, which see every school of their trust already.
CREATE TABLE user_schools (
	user_id INTEGER NOT NULL REFERENCES users(id),
	school_id INTEGER NOT NULL REFERENCES schools(id),
	role TEXT NOT NULL CHECK (role IN ('admin', 'attendance_lead', 'office', 'head_of_year',
		'teacher', 'governor', 'parent', 'dsl', 'head', 'pupil')),
	added_by TEXT NOT NULL,
	added_at TEXT NOT NULL,
	PRIMARY KEY (user_id, school_id)
) STRICT;
CREATE INDEX user_schools_school ON user_schools (school_id);
