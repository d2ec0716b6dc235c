-- Working with families: pupils' contacts, the log of every contact with a
-- family, absence reports, message templates and the durable outbox.

-- A pupil's contacts in priority order (1 is called first). A contact the
-- school stops holding is not deleted (the contact log and the outbox refer
-- to it): it gets removed_at, and its priority is free again.
CREATE TABLE contacts (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	priority INTEGER NOT NULL CHECK (priority >= 1),
	name TEXT NOT NULL,
	relationship TEXT NOT NULL,
	phone TEXT NOT NULL,
	mobile TEXT NOT NULL,
	email TEXT NOT NULL,
	address TEXT NOT NULL,
	postcode TEXT NOT NULL,
	language TEXT NOT NULL,
	parental_responsibility INTEGER NOT NULL CHECK (parental_responsibility IN (0, 1)),
	lives_with_pupil INTEGER NOT NULL CHECK (lives_with_pupil IN (0, 1)),
	receives_mail INTEGER NOT NULL CHECK (receives_mail IN (0, 1)),
	do_not_contact INTEGER NOT NULL CHECK (do_not_contact IN (0, 1)),
	changed_by TEXT NOT NULL,
	changed_at TEXT NOT NULL,
	removed_at TEXT
) STRICT;
CREATE UNIQUE INDEX contacts_priority ON contacts (school_id, pupil_id, priority)
	WHERE removed_at IS NULL;

-- Every version of every contact's details (who changed a phone number, and
-- when, matters for safeguarding). Append-only.
CREATE TABLE contact_history (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	contact_id INTEGER NOT NULL REFERENCES contacts(id),
	action TEXT NOT NULL CHECK (action IN ('added', 'changed', 'removed')),
	priority INTEGER NOT NULL,
	name TEXT NOT NULL,
	relationship TEXT NOT NULL,
	phone TEXT NOT NULL,
	mobile TEXT NOT NULL,
	email TEXT NOT NULL,
	address TEXT NOT NULL,
	postcode TEXT NOT NULL,
	language TEXT NOT NULL,
	flags TEXT NOT NULL, -- "PR,LIVES,MAIL,DNC" as Y/N
	changed_by TEXT NOT NULL,
	changed_at TEXT NOT NULL,
	source TEXT NOT NULL
) STRICT;

-- The contact log: every contact with a family. Entries are never changed:
-- an amendment is a new version of the entry with who, when and why, as
-- for marks. The current entry is its highest version.
CREATE TABLE contact_log (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	entry INTEGER NOT NULL,
	version INTEGER NOT NULL CHECK (version >= 1),
	happened_at TEXT NOT NULL,
	channel TEXT NOT NULL
		CHECK (channel IN ('text', 'email', 'call', 'letter', 'home_visit', 'meeting')),
	direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
	contact_id INTEGER REFERENCES contacts(id),
	contact_name TEXT NOT NULL,
	outcome TEXT NOT NULL,
	follow_up TEXT,
	staff TEXT NOT NULL,        -- who made the contact
	recorded_by TEXT NOT NULL,  -- who wrote this version
	recorded_at TEXT NOT NULL,
	reason TEXT NOT NULL,
	source TEXT NOT NULL,
	outbox_id INTEGER,
	UNIQUE (school_id, entry, version)
) STRICT;
CREATE INDEX contact_log_pupil ON contact_log (school_id, pupil_id, entry, version);

CREATE TRIGGER contact_log_no_update BEFORE UPDATE ON contact_log
BEGIN
	SELECT RAISE(ABORT, 'the contact log is append-only: amend an entry with a new version');
END;
CREATE TRIGGER contact_log_no_delete BEFORE DELETE ON contact_log
BEGIN
	SELECT RAISE(ABORT, 'the contact log is append-only');
END;
CREATE TRIGGER contact_history_no_update BEFORE UPDATE ON contact_history
BEGIN
	SELECT RAISE(ABORT, 'contact_history is append-only');
END;

-- A reason for absence reported by a family: the sessions it covers, and
-- what became of each (the register itself holds the codes).
CREATE TABLE absence_reports (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	from_date TEXT NOT NULL,
	from_session TEXT NOT NULL CHECK (from_session IN ('AM', 'PM')),
	to_date TEXT NOT NULL,
	to_session TEXT NOT NULL CHECK (to_session IN ('AM', 'PM')),
	code TEXT NOT NULL,
	note TEXT NOT NULL,
	expected_return TEXT,
	contact_id INTEGER REFERENCES contacts(id),
	reported_by TEXT NOT NULL,
	channel TEXT NOT NULL
		CHECK (channel IN ('call', 'text', 'email', 'app', 'in_person', 'letter')),
	recorded_by TEXT NOT NULL,
	recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX absence_reports_pupil ON absence_reports (school_id, pupil_id, from_date);

-- state: pending (waits for the session's register), applied (the code was
-- written), kept (the session's mark was left as it was: detail says why),
-- attended (the pupil came after all).
CREATE TABLE absence_report_sessions (
	report_id INTEGER NOT NULL REFERENCES absence_reports(id),
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	date TEXT NOT NULL,
	session TEXT NOT NULL CHECK (session IN ('AM', 'PM')),
	state TEXT NOT NULL CHECK (state IN ('pending', 'applied', 'kept', 'attended')),
	detail TEXT NOT NULL,
	resolved_at TEXT,
	PRIMARY KEY (report_id, date, session)
) STRICT;
CREATE UNIQUE INDEX absence_sessions_pending ON absence_report_sessions
	(school_id, pupil_id, date, session) WHERE state = 'pending';

-- Message templates (SMS, email, letter), one row per language variant.
CREATE TABLE templates (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	name TEXT NOT NULL,
	language TEXT NOT NULL,
	channel TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'letter')),
	description TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	builtin INTEGER NOT NULL CHECK (builtin IN (0, 1)),
	changed_by TEXT NOT NULL,
	changed_at TEXT NOT NULL,
	UNIQUE (school_id, name, language)
) STRICT;

-- The durable outbox. status: queued -> sending -> sent | queued (retry,
-- next_attempt_at) | failed (last_error) | unknown (the worker stopped
-- after the whole message had left it and before the server answered: see
-- src/comms/outbox.c). Letters by post: to_print -> posted.
CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	contact_id INTEGER NOT NULL REFERENCES contacts(id),
	channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'post')),
	template TEXT NOT NULL,
	language TEXT NOT NULL,
	recipient TEXT NOT NULL,
	recipient_name TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	message BLOB,
	pdf BLOB,
	message_id TEXT NOT NULL UNIQUE,
	status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'unknown',
					      'to_print', 'posted')),
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT,
	attempt_id TEXT,
	handed_over INTEGER NOT NULL DEFAULT 0 CHECK (handed_over IN (0, 1)),
	accepted_id TEXT,
	last_error TEXT NOT NULL DEFAULT '',
	queued_by TEXT NOT NULL,
	queued_at TEXT NOT NULL,
	sent_at TEXT,
	updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_due ON outbox (school_id, status, next_attempt_at, id);

-- Every attempt at delivering a message, kept.
CREATE TABLE outbox_attempts (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	outbox_id INTEGER NOT NULL REFERENCES outbox(id),
	attempt_id TEXT NOT NULL,
	started_at TEXT NOT NULL,
	finished_at TEXT,
	outcome TEXT,
	detail TEXT NOT NULL DEFAULT '',
	UNIQUE (attempt_id)
) STRICT;

-- Nothing queued is ever lost, and a message sent is sent once.
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
BEGIN
	SELECT RAISE(ABORT, 'the outbox keeps every message');
END;
CREATE TRIGGER outbox_sent_is_final BEFORE UPDATE OF status ON outbox
WHEN old.status IN ('sent', 'posted') AND new.status <> old.status
BEGIN
	SELECT RAISE(ABORT, 'a message that was sent is never sent again');
END;
CREATE TRIGGER outbox_sending_from_queued BEFORE UPDATE OF status ON outbox
WHEN new.status = 'sending' AND old.status <> 'queued'
BEGIN
	SELECT RAISE(ABORT, 'only a queued message can be sent');
END;

-- One outbox worker per school at a time: the holder and until when.
CREATE TABLE outbox_lease (
	school_id INTEGER PRIMARY KEY REFERENCES schools(id),
	holder TEXT NOT NULL,
	host TEXT NOT NULL,
	pid INTEGER NOT NULL,
	expires_at TEXT NOT NULL
) STRICT;
