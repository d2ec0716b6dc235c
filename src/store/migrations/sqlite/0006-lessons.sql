-- Lesson registers (issue 11): the timetable (periods of each day of the
-- week, one week or two), classes (teacher, room, when they meet, their
-- pupils with dates), lesson marks with every version kept and hash-chained
-- like session marks, who took each lesson register, and the alerts the
-- lesson registers raise (a pupil missing from a lesson; a register not
-- taken). Also: the designated safeguarding lead's role (`dsl`) and a
-- pupil's safeguarding flag.

-- The users table is rebuilt to let its role CHECK take 'dsl' (SQLite can't
-- change a CHECK in place). store_migrate runs migrations with foreign keys
-- off and checks them all before committing (the SQLite procedure for
-- table changes), so the rows pointing at users keep pointing at them.
CREATE TABLE users_new (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	username TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL CHECK (role IN ('admin', 'attendance_lead', 'office', 'head_of_year',
		'teacher', 'governor', 'parent', 'dsl')),
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

-- A pupil the designated safeguarding lead wants to hear about at once
-- (besides those with a child protection plan, a child in need plan or
-- looked after): 0 or 1, from the pupils CSV's optional `safeguarding`.
ALTER TABLE enrolments ADD COLUMN safeguarding INTEGER NOT NULL DEFAULT 0
	CHECK (safeguarding IN (0, 1));
ALTER TABLE pupil_history ADD COLUMN safeguarding INTEGER NOT NULL DEFAULT 0;

-- The periods of each day of the week. week: '' for a one-week timetable,
-- 'A' or 'B' for a two-week one. Times are minutes after midnight.
-- registration: the period that holds the statutory AM or PM registration.
CREATE TABLE periods (
	school_id INTEGER NOT NULL REFERENCES schools(id),
	week TEXT NOT NULL CHECK (week IN ('', 'A', 'B')),
	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 5),
	period TEXT NOT NULL,
	start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
	end_min INTEGER NOT NULL CHECK (end_min > start_min AND end_min <= 1440),
	registration TEXT NOT NULL CHECK (registration IN ('', 'AM', 'PM')),
	changed_by TEXT NOT NULL,
	changed_at TEXT NOT NULL,
	PRIMARY KEY (school_id, week, weekday, period)
) STRICT;

CREATE TABLE classes (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	code TEXT NOT NULL,
	subject TEXT NOT NULL,
	teacher TEXT NOT NULL, -- the teacher's username
	room TEXT NOT NULL,
	changed_by TEXT NOT NULL,
	changed_at TEXT NOT NULL,
	UNIQUE (school_id, code)
) STRICT;

CREATE TABLE class_meetings (
	school_id INTEGER NOT NULL REFERENCES schools(id),
	class_id INTEGER NOT NULL REFERENCES classes(id),
	week TEXT NOT NULL CHECK (week IN ('', 'A', 'B')),
	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 5),
	period TEXT NOT NULL,
	PRIMARY KEY (class_id, week, weekday, period)
) STRICT;

-- A pupil in a class from start_date to end_date inclusive (NULL: still in
-- it). Changes are also written to the audit log.
CREATE TABLE class_members (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	class_id INTEGER NOT NULL REFERENCES classes(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	start_date TEXT NOT NULL,
	end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
	changed_by TEXT NOT NULL,
	changed_at TEXT NOT NULL
) STRICT;
CREATE INDEX class_members_class ON class_members (class_id, pupil_id, start_date);

-- Lesson marks: as marks/mark_history, one lesson (date, period) a pupil.
CREATE TABLE lesson_mark_history (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	date TEXT NOT NULL,
	period TEXT NOT NULL,
	class_id INTEGER NOT NULL REFERENCES classes(id),
	version INTEGER NOT NULL CHECK (version >= 1),
	code TEXT NOT NULL,
	minutes_late INTEGER CHECK (minutes_late IS NULL OR minutes_late >= 0),
	recorded_by TEXT NOT NULL,
	recorded_at TEXT NOT NULL,
	reason TEXT NOT NULL,
	source TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL,
	UNIQUE (school_id, pupil_id, date, period, version)
) STRICT;

CREATE TABLE lesson_marks (
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	date TEXT NOT NULL,
	period TEXT NOT NULL,
	class_id INTEGER NOT NULL REFERENCES classes(id),
	code TEXT NOT NULL,
	minutes_late INTEGER,
	version INTEGER NOT NULL,
	recorded_by TEXT NOT NULL,
	recorded_at TEXT NOT NULL,
	first_recorded_at TEXT NOT NULL,
	hash TEXT NOT NULL,
	PRIMARY KEY (school_id, pupil_id, date, period)
) STRICT, WITHOUT ROWID;
CREATE INDEX lesson_marks_class ON lesson_marks (school_id, class_id, date, period);
CREATE INDEX lesson_marks_date ON lesson_marks (school_id, date);

CREATE TRIGGER lesson_mark_history_no_update BEFORE UPDATE ON lesson_mark_history
BEGIN
	SELECT RAISE(ABORT, 'lesson_mark_history is append-only: register entries are never changed');
END;

CREATE TRIGGER lesson_mark_history_retention BEFORE DELETE ON lesson_mark_history
WHEN old.recorded_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-6 years')
BEGIN
	SELECT RAISE(ABORT, 'register entries are kept for 6 years from the date they were made');
END;

CREATE TRIGGER lesson_marks_retention BEFORE DELETE ON lesson_marks
WHEN old.first_recorded_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-6 years')
BEGIN
	SELECT RAISE(ABORT, 'register entries are kept for 6 years from the date they were made');
END;

CREATE TRIGGER lesson_marks_insert_has_history BEFORE INSERT ON lesson_marks
WHEN NOT EXISTS (SELECT 1 FROM lesson_mark_history h
	WHERE h.school_id = new.school_id AND h.pupil_id = new.pupil_id AND h.date = new.date
	  AND h.period = new.period AND h.version = new.version AND h.code = new.code
	  AND h.class_id = new.class_id AND h.hash = new.hash)
BEGIN
	SELECT RAISE(ABORT, 'a lesson mark must be written with its history row');
END;

CREATE TRIGGER lesson_marks_update_has_history BEFORE UPDATE ON lesson_marks
WHEN new.version <> old.version + 1 OR NOT EXISTS (SELECT 1 FROM lesson_mark_history h
	WHERE h.school_id = new.school_id AND h.pupil_id = new.pupil_id AND h.date = new.date
	  AND h.period = new.period AND h.version = new.version AND h.code = new.code
	  AND h.class_id = new.class_id AND h.hash = new.hash)
BEGIN
	SELECT RAISE(ABORT, 'a lesson mark must be amended with its history row');
END;

-- A lesson register taken (first submission) or amended.
CREATE TABLE lesson_register_events (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	class_id INTEGER NOT NULL REFERENCES classes(id),
	date TEXT NOT NULL,
	period TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('taken', 'amended')),
	taken_by TEXT NOT NULL,
	taken_at TEXT NOT NULL,
	marks INTEGER NOT NULL CHECK (marks >= 0),
	reason TEXT NOT NULL
) STRICT;
CREATE INDEX lesson_register_events_day ON lesson_register_events (school_id, date, class_id, period, id);

CREATE TRIGGER lesson_register_events_no_update BEFORE UPDATE ON lesson_register_events
BEGIN
	SELECT RAISE(ABORT, 'lesson_register_events is append-only');
END;
CREATE TRIGGER lesson_register_events_no_delete BEFORE DELETE ON lesson_register_events
BEGIN
	SELECT RAISE(ABORT, 'lesson_register_events is append-only');
END;

-- What the lesson registers raise, and for whom. kind 'missing': a pupil
-- seen earlier in the day and absent from a lesson with no known reason;
-- 'register_not_taken': a lesson register still not taken ten minutes into
-- the lesson. audience: 'office', 'head_of_year' (of audience_year), 'dsl',
-- or 'teacher' (audience_user). pupil_id is 0 when no pupil is concerned.
-- An alert is resolved once (who, when, how); it is never deleted.
CREATE TABLE alerts (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES schools(id),
	kind TEXT NOT NULL CHECK (kind IN ('missing', 'register_not_taken')),
	date TEXT NOT NULL,
	period TEXT NOT NULL,
	class_id INTEGER NOT NULL REFERENCES classes(id),
	pupil_id INTEGER NOT NULL,
	audience TEXT NOT NULL CHECK (audience IN ('office', 'head_of_year', 'dsl', 'teacher')),
	audience_year TEXT NOT NULL,
	audience_user TEXT NOT NULL,
	message TEXT NOT NULL,
	created_at TEXT NOT NULL,
	resolved_by TEXT,
	resolved_at TEXT,
	resolution TEXT,
	UNIQUE (school_id, kind, date, period, class_id, pupil_id, audience)
) STRICT;
CREATE INDEX alerts_open ON alerts (school_id, date, resolved_at);

CREATE TRIGGER alerts_resolve_once BEFORE UPDATE ON alerts
WHEN old.resolved_at IS NOT NULL OR new.id <> old.id OR new.kind <> old.kind
  OR new.pupil_id <> old.pupil_id OR new.message <> old.message OR new.created_at <> old.created_at
BEGIN
	SELECT RAISE(ABORT, 'an alert is resolved once and otherwise never changed');
END;
CREATE TRIGGER alerts_no_delete BEFORE DELETE ON alerts
BEGIN
	SELECT RAISE(ABORT, 'alerts are kept');
END;
