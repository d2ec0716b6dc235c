-- Families and pupils (issue 12): parents' and pupils' own accounts, linked
-- to pupils through the pupils' contacts; invitations (a one-time code by
-- email or on paper); absence reports parents make, waiting for the
-- office's acceptance; leave of absence requested by parents and decided
-- by the head teacher (or a delegate), every decision kept. Also the
-- roles `head` (the head teacher) and `pupil`.

-- The users table is rebuilt to let its role CHECK take 'head' and 'pupil'
-- (as in 0006: store_migrate runs migrations with foreign keys off and
-- checks them all before committing).
CREATE TABLE users_new (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	username TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL CHECK (role IN ('admin', 'attendance_lead', 'office', 'head_of_year',
		'teacher', 'governor', 'parent', 'dsl', 'head', 'pupil')),
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

-- Which pupils a family account sees: a parent through one of the pupil's
-- contacts (kind 'parent'), a pupil themself (kind 'self', no contact).
-- A link is never deleted: it ends (who, when, why). A parent's link works
-- only while its contact is current, has parental responsibility and is
-- not marked do not contact (checked at every request, not stored here).
CREATE TABLE family_links (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	user_id INTEGER NOT NULL REFERENCES users(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	contact_id INTEGER REFERENCES contacts(id),
	kind TEXT NOT NULL CHECK (kind IN ('parent', 'self')),
	linked_by TEXT NOT NULL,
	linked_at TEXT NOT NULL,
	source TEXT NOT NULL, -- "cli", "invitation #12"
	ended_by TEXT,
	ended_at TEXT,
	ended_reason TEXT,
	CHECK ((kind = 'parent') = (contact_id IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX family_links_open ON family_links (user_id, pupil_id) WHERE ended_at IS NULL;
CREATE INDEX family_links_pupil ON family_links (school_id, pupil_id);
CREATE TRIGGER family_links_no_delete BEFORE DELETE ON family_links
BEGIN
	SELECT RAISE(ABORT, 'family links are kept: end one instead');
END;
CREATE TRIGGER family_links_end_once BEFORE UPDATE ON family_links
WHEN old.ended_at IS NOT NULL OR new.ended_at IS NULL OR new.id <> old.id
	OR new.user_id <> old.user_id OR new.pupil_id <> old.pupil_id
	OR new.contact_id IS NOT old.contact_id OR new.kind <> old.kind
	OR new.linked_by <> old.linked_by OR new.linked_at <> old.linked_at
	OR new.source <> old.source
BEGIN
	SELECT RAISE(ABORT, 'a family link can only be ended, once');
END;

-- An invitation to a family account: for a contact of a pupil (kind
-- 'parent') or for the pupil (kind 'pupil'), sent by email (through the
-- outbox) or printed. Only a keyed hash of its one-time code is kept. It
-- is used once, expires, or is revoked; never deleted.
CREATE TABLE family_invitations (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	contact_id INTEGER REFERENCES contacts(id),
	kind TEXT NOT NULL CHECK (kind IN ('parent', 'pupil')),
	delivery TEXT NOT NULL CHECK (delivery IN ('email', 'printed')),
	code_hash TEXT NOT NULL UNIQUE,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	outbox_id INTEGER REFERENCES outbox(id),
	used_at TEXT,
	used_by INTEGER REFERENCES users(id),
	revoked_by TEXT,
	revoked_at TEXT,
	CHECK ((kind = 'parent') = (contact_id IS NOT NULL))
) STRICT;
CREATE INDEX family_invitations_pupil ON family_invitations (school_id, pupil_id, id);
CREATE TRIGGER family_invitations_no_delete BEFORE DELETE ON family_invitations
BEGIN
	SELECT RAISE(ABORT, 'invitations are kept');
END;
CREATE TRIGGER family_invitations_once BEFORE UPDATE ON family_invitations
WHEN old.used_at IS NOT NULL OR old.revoked_at IS NOT NULL
	OR new.code_hash <> old.code_hash OR new.pupil_id <> old.pupil_id
	OR new.contact_id IS NOT old.contact_id OR new.expires_at <> old.expires_at
	OR new.created_at <> old.created_at
BEGIN
	SELECT RAISE(ABORT, 'an invitation is used or revoked once, and never changed');
END;

-- An absence a parent reported through attend: it waits for the office,
-- which accepts it (the code goes on the register through an absence
-- report, absence_report_id) or declines it with a note to the parent.
-- late: made after the register closed or for past sessions (the office
-- reviews those with care). Decided once.
CREATE TABLE parent_reports (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	user_id INTEGER NOT NULL REFERENCES users(id),
	contact_id INTEGER REFERENCES contacts(id),
	reported_by TEXT NOT NULL, -- "Jane Smith, mother"
	from_date TEXT NOT NULL,
	from_session TEXT NOT NULL CHECK (from_session IN ('AM', 'PM')),
	to_date TEXT NOT NULL,
	to_session TEXT NOT NULL CHECK (to_session IN ('AM', 'PM')),
	reason TEXT NOT NULL CHECK (reason IN ('illness', 'medical', 'other')),
	note TEXT NOT NULL,
	expected_return TEXT,
	late INTEGER NOT NULL CHECK (late IN (0, 1)),
	submitted_at TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'awaiting'
		CHECK (status IN ('awaiting', 'accepted', 'declined', 'withdrawn')),
	code TEXT,
	decided_by TEXT,
	decided_at TEXT,
	decision_note TEXT NOT NULL DEFAULT '',
	absence_report_id INTEGER REFERENCES absence_reports(id)
) STRICT;
CREATE INDEX parent_reports_status ON parent_reports (school_id, status, from_date);
CREATE INDEX parent_reports_pupil ON parent_reports (school_id, pupil_id, from_date);
CREATE TRIGGER parent_reports_no_delete BEFORE DELETE ON parent_reports
BEGIN
	SELECT RAISE(ABORT, 'absence reports from parents are kept');
END;
CREATE TRIGGER parent_reports_decided_once BEFORE UPDATE ON parent_reports
WHEN old.status <> 'awaiting' OR new.from_date <> old.from_date OR new.to_date <> old.to_date
	OR new.from_session <> old.from_session OR new.to_session <> old.to_session
	OR new.reason <> old.reason OR new.note <> old.note OR new.pupil_id <> old.pupil_id
	OR new.submitted_at <> old.submitted_at
BEGIN
	SELECT RAISE(ABORT, 'a report from a parent is decided once, and never changed');
END;

-- Leave of absence in term time, requested by a parent.
CREATE TABLE leave_requests (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	user_id INTEGER NOT NULL REFERENCES users(id),
	contact_id INTEGER REFERENCES contacts(id),
	requested_by TEXT NOT NULL, -- "Jane Smith, mother"
	from_date TEXT NOT NULL,
	from_session TEXT NOT NULL CHECK (from_session IN ('AM', 'PM')),
	to_date TEXT NOT NULL,
	to_session TEXT NOT NULL CHECK (to_session IN ('AM', 'PM')),
	sessions INTEGER NOT NULL CHECK (sessions > 0), -- school sessions on roll it covers
	reason TEXT NOT NULL,
	requested_at TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'requested'
		CHECK (status IN ('requested', 'granted', 'refused', 'withdrawn'))
) STRICT;
CREATE INDEX leave_requests_status ON leave_requests (school_id, status, from_date);
CREATE INDEX leave_requests_pupil ON leave_requests (school_id, pupil_id, from_date);
CREATE TRIGGER leave_requests_no_delete BEFORE DELETE ON leave_requests
BEGIN
	SELECT RAISE(ABORT, 'leave requests are kept');
END;
CREATE TRIGGER leave_requests_decided_once BEFORE UPDATE ON leave_requests
WHEN old.status <> 'requested' OR new.from_date <> old.from_date OR new.to_date <> old.to_date
	OR new.from_session <> old.from_session OR new.to_session <> old.to_session
	OR new.reason <> old.reason OR new.pupil_id <> old.pupil_id
	OR new.requested_at <> old.requested_at
BEGIN
	SELECT RAISE(ABORT, 'a leave request is decided once, and never changed');
END;

-- Every decision about leave, with who (and in what role), when and why:
-- append-only. code: the leave code recorded when granted (C, or a
-- specific one). outbox_id: the letter to the parent; letter_note says why
-- there is none when none could be sent.
CREATE TABLE leave_decisions (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	request_id INTEGER NOT NULL UNIQUE REFERENCES leave_requests(id),
	decision TEXT NOT NULL CHECK (decision IN ('granted', 'refused', 'withdrawn')),
	code TEXT,
	reason TEXT NOT NULL,
	decided_by TEXT NOT NULL,
	decided_role TEXT NOT NULL,
	decided_at TEXT NOT NULL,
	outbox_id INTEGER REFERENCES outbox(id),
	letter_note TEXT NOT NULL DEFAULT '',
	CHECK ((decision = 'granted') = (code IS NOT NULL))
) STRICT;
CREATE TRIGGER leave_decisions_no_update BEFORE UPDATE ON leave_decisions
BEGIN
	SELECT RAISE(ABORT, 'leave decisions are append-only');
END;
CREATE TRIGGER leave_decisions_no_delete BEFORE DELETE ON leave_decisions
BEGIN
	SELECT RAISE(ABORT, 'leave decisions are append-only');
END;

-- What granting leave did to each session (the register holds the codes;
-- the marks' history holds who, when and why): applied, or kept (the
-- session was already marked otherwise: present, or another reason).
CREATE TABLE leave_sessions (
	request_id INTEGER NOT NULL REFERENCES leave_requests(id),
	school_id INTEGER NOT NULL REFERENCES schools(id),
	date TEXT NOT NULL,
	session TEXT NOT NULL CHECK (session IN ('AM', 'PM')),
	state TEXT NOT NULL CHECK (state IN ('applied', 'kept')),
	detail TEXT NOT NULL,
	PRIMARY KEY (request_id, date, session)
) STRICT;
CREATE TRIGGER leave_sessions_no_update BEFORE UPDATE ON leave_sessions
BEGIN
	SELECT RAISE(ABORT, 'leave sessions are kept as they were written');
END;
CREATE TRIGGER leave_sessions_no_delete BEFORE DELETE ON leave_sessions
BEGIN
	SELECT RAISE(ABORT, 'leave sessions are kept as they were written');
END;
