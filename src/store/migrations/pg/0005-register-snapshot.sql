-- A cache of the register matrix, for a fast start (as
-- sqlite/0005-register-snapshot.sql): the engine's cells of each pupil as
-- of one point in mark_history. It is never the record. The engine replays
-- every history row after that point, and ignores the snapshot when
-- anything replay cannot account for has changed since: the school's
-- register generation, bumped by the triggers below, then differs.
CREATE TABLE register_generation (
	school_id bigint PRIMARY KEY REFERENCES schools(id),
	generation bigint NOT NULL
);

CREATE TABLE register_snapshots (
	school_id bigint PRIMARY KEY REFERENCES schools(id),
	generation bigint NOT NULL,  -- the school's register_generation when taken
	history_id bigint NOT NULL,  -- the last mark_history row it includes
	layout text NOT NULL,        -- the calendar's sessions and code table it was built for
	created_at text NOT NULL
);

-- One row a pupil: a byte a session column (the engine's code), and the
-- minutes late as (column, minutes) pairs of 16-bit little-endian numbers.
CREATE TABLE register_snapshot_rows (
	school_id bigint NOT NULL REFERENCES schools(id),
	pupil_id bigint NOT NULL REFERENCES pupils(id),
	cells bytea NOT NULL,
	late bytea NOT NULL,
	PRIMARY KEY (school_id, pupil_id)
);

-- What replaying mark_history cannot account for: a mark deleted; an
-- enrolment that now covers marks it did not (a pupil's first enrolment has
-- none to cover; a second or a widened one costs one full load); a calendar
-- changed.
CREATE FUNCTION register_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	school bigint;
BEGIN
	IF TG_OP = 'DELETE' THEN
		school := old.school_id;
	ELSE
		school := new.school_id;
	END IF;
	IF TG_TABLE_NAME = 'enrolments' AND TG_OP = 'INSERT' THEN
		IF NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.pupil_id = new.pupil_id
			       AND e.id <> new.id) THEN
			RETURN NULL;
		END IF;
	END IF;
	INSERT INTO register_generation VALUES (school, 1)
	ON CONFLICT (school_id) DO UPDATE SET generation = register_generation.generation + 1;
	RETURN NULL;
END $$;

CREATE TRIGGER register_generation_marks_delete AFTER DELETE ON marks FOR EACH ROW
	EXECUTE FUNCTION register_generation_bump();
CREATE TRIGGER register_generation_enrolments_insert AFTER INSERT ON enrolments FOR EACH ROW
	EXECUTE FUNCTION register_generation_bump();
CREATE TRIGGER register_generation_enrolments_update AFTER UPDATE ON enrolments FOR EACH ROW
	WHEN (new.pupil_id <> old.pupil_id OR new.school_id <> old.school_id
	      OR new.admitted < old.admitted
	      OR coalesce(new.left_date, '9999-12-31') > coalesce(old.left_date, '9999-12-31'))
	EXECUTE FUNCTION register_generation_bump();
CREATE TRIGGER register_generation_calendar_insert AFTER INSERT ON calendar_entries FOR EACH ROW
	EXECUTE FUNCTION register_generation_bump();
CREATE TRIGGER register_generation_calendar_update AFTER UPDATE ON calendar_entries FOR EACH ROW
	EXECUTE FUNCTION register_generation_bump();
CREATE TRIGGER register_generation_calendar_delete AFTER DELETE ON calendar_entries FOR EACH ROW
	EXECUTE FUNCTION register_generation_bump();
