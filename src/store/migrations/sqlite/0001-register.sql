-- The legal register: schools, their calendars, pupils and enrolments (the
-- admission register), and marks with their full, append-only history.
-- Every school-owned row carries school_id, even while one school exists.

CREATE TABLE schools (
	id INTEGER PRIMARY KEY,
	urn TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	phase TEXT NOT NULL DEFAULT 'all-through'
		CHECK (phase IN ('nursery', 'primary', 'secondary', 'all-through', 'special')),
	la_code TEXT NOT NULL DEFAULT '',
	estab TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
	school_id INTEGER NOT NULL REFERENCES schools(id),
	key TEXT NOT NULL,
	value TEXT NOT NULL,
	changed_by TEXT NOT NULL,
	changed_at TEXT NOT NULL,
	PRIMARY KEY (school_id, key)
) STRICT;

CREATE TABLE calendar_entries (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	kind TEXT NOT NULL CHECK (kind IN ('term', 'inset', 'bank_holiday', 'closure')),
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL CHECK (end_date >= start_date),
	label TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX calendar_entries_school ON calendar_entries (school_id, start_date);

CREATE TABLE pupils (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	upn TEXT NOT NULL,
	surname TEXT NOT NULL,
	forename TEXT NOT NULL,
	dob TEXT NOT NULL,
	gender TEXT NOT NULL CHECK (gender IN ('M', 'F', 'U')),
	UNIQUE (school_id, upn)
) STRICT;

-- A pupil on roll from admitted to left_date inclusive. A pupil who leaves and
-- rejoins has two enrolments, and one set of figures for each.
CREATE TABLE enrolments (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	admitted TEXT NOT NULL,
	left_date TEXT CHECK (left_date IS NULL OR left_date >= admitted),
	year TEXT NOT NULL,
	form TEXT NOT NULL,
	fsm INTEGER NOT NULL CHECK (fsm IN (0, 1)),
	pp INTEGER NOT NULL CHECK (pp IN (0, 1)),
	send TEXT NOT NULL CHECK (send IN ('N', 'K', 'E')),
	eal INTEGER NOT NULL CHECK (eal IN (0, 1))
) STRICT;
CREATE INDEX enrolments_pupil ON enrolments (pupil_id, admitted);
CREATE INDEX enrolments_school ON enrolments (school_id);

-- The admission register's own history: every version of a pupil's record.
CREATE TABLE pupil_history (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
	upn TEXT NOT NULL,
	surname TEXT NOT NULL,
	forename TEXT NOT NULL,
	dob TEXT NOT NULL,
	gender TEXT NOT NULL,
	admitted TEXT NOT NULL,
	left_date TEXT,
	year TEXT NOT NULL,
	form TEXT NOT NULL,
	fsm INTEGER NOT NULL,
	pp INTEGER NOT NULL,
	send TEXT NOT NULL,
	eal INTEGER NOT NULL,
	changed_by TEXT NOT NULL,
	changed_at TEXT NOT NULL,
	reason TEXT NOT NULL
) STRICT;
CREATE INDEX pupil_history_pupil ON pupil_history (pupil_id, id);

-- Every version of every mark, oldest first; never updated. Each row's hash
-- covers its fields and the previous version's hash (tamper evidence).
-- Rows are appended in id order (the order they were written, which the
-- engine's start-up replays); the unique key is by date first: the marks of
-- one register (a form's pupils, one session) are neighbours, so saving a
-- register touches a page or two, not a page per pupil. A pupil's own marks
-- are found through their enrolment dates or, for amendments, the partial
-- index below.
CREATE TABLE mark_history (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	date TEXT NOT NULL,
	session TEXT NOT NULL CHECK (session IN ('AM', 'PM')),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	version INTEGER NOT NULL CHECK (version >= 1),
	code TEXT NOT NULL,
	minutes_late INTEGER CHECK (minutes_late IS NULL OR minutes_late >= 0),
	recorded_by TEXT NOT NULL,
	recorded_at TEXT NOT NULL,
	reason TEXT NOT NULL,
	source TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL,
	UNIQUE (school_id, date, session, pupil_id, version)
) STRICT;
-- Amendments are few: finding a pupil's by pupil costs little to keep.
CREATE INDEX mark_history_amendments ON mark_history (school_id, pupil_id, date)
	WHERE version > 1;

-- The current mark of each session: always the latest version in mark_history.
CREATE TABLE marks (
	school_id INTEGER NOT NULL REFERENCES schools(id),
	date TEXT NOT NULL,
	session TEXT NOT NULL CHECK (session IN ('AM', 'PM')),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	code TEXT NOT NULL,
	minutes_late INTEGER,
	version INTEGER NOT NULL,
	recorded_by TEXT NOT NULL,
	recorded_at TEXT NOT NULL,
	first_recorded_at TEXT NOT NULL,
	hash TEXT NOT NULL,
	PRIMARY KEY (school_id, date, session, pupil_id)
) STRICT, WITHOUT ROWID;

-- The history is append-only, whatever path writes to the database.
CREATE TRIGGER mark_history_no_update BEFORE UPDATE ON mark_history
BEGIN
	SELECT RAISE(ABORT, 'mark_history is append-only: register entries are never changed');
END;

-- Entries are kept for 6 years from the date they were made (2024 regulations).
CREATE TRIGGER mark_history_retention BEFORE DELETE ON mark_history
WHEN old.recorded_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-6 years')
BEGIN
	SELECT RAISE(ABORT, 'register entries are kept for 6 years from the date they were made');
END;

CREATE TRIGGER marks_retention BEFORE DELETE ON marks
WHEN old.first_recorded_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-6 years')
BEGIN
	SELECT RAISE(ABORT, 'register entries are kept for 6 years from the date they were made');
END;

-- A mark can only take a value its history already holds: the history row is
-- written first, in the same transaction.
CREATE TRIGGER marks_insert_has_history BEFORE INSERT ON marks
WHEN NOT EXISTS (SELECT 1 FROM mark_history h
	WHERE h.school_id = new.school_id AND h.pupil_id = new.pupil_id AND h.date = new.date
	  AND h.session = new.session AND h.version = new.version AND h.code = new.code
	  AND h.hash = new.hash)
BEGIN
	SELECT RAISE(ABORT, 'a mark must be written with its history row');
END;

CREATE TRIGGER marks_update_has_history BEFORE UPDATE ON marks
WHEN new.version <> old.version + 1 OR NOT EXISTS (SELECT 1 FROM mark_history h
	WHERE h.school_id = new.school_id AND h.pupil_id = new.pupil_id AND h.date = new.date
	  AND h.session = new.session AND h.version = new.version AND h.code = new.code
	  AND h.hash = new.hash)
BEGIN
	SELECT RAISE(ABORT, 'a mark must be amended with its history row');
END;

CREATE TRIGGER pupil_history_no_update BEFORE UPDATE ON pupil_history
BEGIN
	SELECT RAISE(ABORT, 'pupil_history is append-only');
END;

CREATE TRIGGER pupil_history_retention BEFORE DELETE ON pupil_history
WHEN old.changed_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-6 years')
BEGIN
	SELECT RAISE(ABORT, 'admission register entries are kept for 6 years from the date they were made');
END;
