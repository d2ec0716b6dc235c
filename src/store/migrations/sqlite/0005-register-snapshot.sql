-- A cache of the register matrix, for a fast start: the engine's cells of
-- each pupil as of one point in mark_history. It is never the record (marks
-- and mark_history are, and nothing reads the snapshot but the engine's
-- start-up). The engine replays every history row after that point, and
-- ignores the snapshot when anything replay cannot account for has changed
-- since: the school's register generation, bumped by the triggers below,
-- then differs from the snapshot's.
CREATE TABLE register_generation (
	school_id INTEGER PRIMARY KEY REFERENCES schools(id),
	generation INTEGER NOT NULL
) STRICT;

CREATE TABLE register_snapshots (
	school_id INTEGER PRIMARY KEY REFERENCES schools(id),
	generation INTEGER NOT NULL,  -- the school's register_generation when taken
	history_id INTEGER NOT NULL,  -- the last mark_history row it includes
	layout TEXT NOT NULL,         -- the calendar's sessions and code table it was built for
	created_at TEXT NOT NULL
) STRICT;

-- One row a pupil: a byte a session column (the engine's code), and the
-- minutes late as (column, minutes) pairs of 16-bit little-endian numbers.
CREATE TABLE register_snapshot_rows (
	school_id INTEGER NOT NULL REFERENCES schools(id),
	pupil_id INTEGER NOT NULL REFERENCES pupils(id),
	cells BLOB NOT NULL,
	late BLOB NOT NULL,
	PRIMARY KEY (school_id, pupil_id)
) STRICT, WITHOUT ROWID;

-- What replaying mark_history cannot account for: a mark deleted (after the
-- retention period); an enrolment that now covers marks it did not (the
-- snapshot holds only the sessions a pupil was on roll for); a calendar
-- changed. A new pupil, a pupil leaving, or a change of year, form or flags
-- leaves the snapshot usable.
CREATE TRIGGER register_generation_marks_delete AFTER DELETE ON marks
BEGIN
	INSERT INTO register_generation VALUES (old.school_id, 1)
	ON CONFLICT (school_id) DO UPDATE SET generation = generation + 1;
END;
-- Whether an enrolment now covers marks it did not is decided without
-- searching the marks (they are keyed by date, not pupil): a pupil's first
-- enrolment has none to cover, and a second enrolment or a widened one is
-- rare enough to cost one full load.
CREATE TRIGGER register_generation_enrolments_insert AFTER INSERT ON enrolments
WHEN EXISTS (SELECT 1 FROM enrolments e WHERE e.pupil_id = new.pupil_id AND e.id <> new.id)
BEGIN
	INSERT INTO register_generation VALUES (new.school_id, 1)
	ON CONFLICT (school_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER register_generation_enrolments_update AFTER UPDATE ON enrolments
WHEN new.pupil_id <> old.pupil_id OR new.school_id <> old.school_id
	OR new.admitted < old.admitted
	OR coalesce(new.left_date, '9999-12-31') > coalesce(old.left_date, '9999-12-31')
BEGIN
	INSERT INTO register_generation VALUES (new.school_id, 1)
	ON CONFLICT (school_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER register_generation_calendar_insert AFTER INSERT ON calendar_entries
BEGIN
	INSERT INTO register_generation VALUES (new.school_id, 1)
	ON CONFLICT (school_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER register_generation_calendar_update AFTER UPDATE ON calendar_entries
BEGIN
	INSERT INTO register_generation VALUES (new.school_id, 1)
	ON CONFLICT (school_id) DO UPDATE SET generation = generation + 1;
END;
CREATE TRIGGER register_generation_calendar_delete AFTER DELETE ON calendar_entries
BEGIN
	INSERT INTO register_generation VALUES (old.school_id, 1)
	ON CONFLICT (school_id) DO UPDATE SET generation = generation + 1;
END;
