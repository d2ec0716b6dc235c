-- A current mark's school and pupil are those of its history row: the
-- trigger marks_insert_has_history refuses a mark without the matching
-- version in mark_history, whose own foreign keys hold the school and the
-- pupil (and keep them: history is never deleted within the retention
-- period). The foreign keys on marks looked the same rows up again for
-- every mark saved. SQLite cannot drop a foreign key, so the table is made
-- again without them (as pg/0016-marks-keys.sql drops them): the same
-- columns, key and rows, and the triggers of 0001 and 0005 as they were.
-- The migration runs with foreign keys off and checks them all afterwards.
CREATE TABLE marks_new (
	school_id INTEGER NOT NULL,
	date TEXT NOT NULL,
	session TEXT NOT NULL CHECK (session IN ('AM', 'PM')),
	pupil_id INTEGER NOT NULL,
	code TEXT NOT NULL,
	minutes_late INTEGER,
	version INTEGER NOT NULL,
	recorded_by TEXT NOT NULL,
	recorded_at TEXT NOT NULL,
	first_recorded_at TEXT NOT NULL,
	hash TEXT NOT NULL,
	PRIMARY KEY (school_id, date, session, pupil_id)
) STRICT, WITHOUT ROWID;
INSERT INTO marks_new (school_id, date, session, pupil_id, code, minutes_late, version,
	recorded_by, recorded_at, first_recorded_at, hash)
SELECT school_id, date, session, pupil_id, code, minutes_late, version,
	recorded_by, recorded_at, first_recorded_at, hash FROM marks;
DROP TABLE marks;
ALTER TABLE marks_new RENAME TO marks;

CREATE TRIGGER marks_retention BEFORE DELETE ON marks
WHEN old.first_recorded_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-6 years')
BEGIN
	SELECT RAISE(ABORT, 'register entries are kept for 6 years from the date they were made');
END;

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

CREATE TRIGGER register_generation_marks_delete AFTER DELETE ON marks
BEGIN
	INSERT INTO register_generation VALUES (old.school_id, 1)
	ON CONFLICT (school_id) DO UPDATE SET generation = generation + 1;
END;
