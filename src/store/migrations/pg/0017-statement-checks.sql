-- The checks on saving marks run once a statement, over the rows it wrote
-- (transition tables), not once a row: a register's 30 marks are one COPY,
-- and a PL/pgSQL call and index probe for each row was a sixth of the
-- database's work per register. Each check is a nested loop of index
-- probes (LATERAL ... LIMIT 1): the planner knows nothing of a transition
-- table's size, and a hash join would read the whole history each time. What is refused, and the message that says
-- so, are unchanged: a mark must match its version in mark_history, and an
-- amendment must be the mark's next version. The statement is undone by the
-- error, as it was by the row trigger's.
DROP TRIGGER marks_insert_has_history ON marks;
DROP TRIGGER marks_update_has_history ON marks;

CREATE FUNCTION marks_inserted_have_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF (SELECT count(*) FROM new_marks) <> (SELECT count(*) FROM new_marks n
		CROSS JOIN LATERAL (SELECT 1 FROM mark_history h
			WHERE h.school_id = n.school_id AND h.date = n.date AND h.session = n.session
			  AND h.pupil_id = n.pupil_id AND h.version = n.version AND h.code = n.code
			  AND h.hash = n.hash LIMIT 1) h) THEN
		RAISE EXCEPTION USING MESSAGE = 'a mark must be written with its history row';
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER marks_insert_has_history AFTER INSERT ON marks
	REFERENCING NEW TABLE AS new_marks
	FOR EACH STATEMENT EXECUTE FUNCTION marks_inserted_have_history();

-- An amended row must be the same mark (its key unchanged), one version on.
CREATE FUNCTION marks_updated_have_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF (SELECT count(*) FROM new_marks) <> (SELECT count(*) FROM new_marks n
		CROSS JOIN LATERAL (SELECT 1 FROM old_marks o
			WHERE o.school_id = n.school_id AND o.date = n.date AND o.session = n.session
			  AND o.pupil_id = n.pupil_id AND o.version + 1 = n.version LIMIT 1) o
		CROSS JOIN LATERAL (SELECT 1 FROM mark_history h
			WHERE h.school_id = n.school_id AND h.date = n.date AND h.session = n.session
			  AND h.pupil_id = n.pupil_id AND h.version = n.version AND h.code = n.code
			  AND h.hash = n.hash LIMIT 1) h) THEN
		RAISE EXCEPTION USING MESSAGE = 'a mark must be amended with its history row';
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER marks_update_has_history AFTER UPDATE ON marks
	REFERENCING OLD TABLE AS old_marks NEW TABLE AS new_marks
	FOR EACH STATEMENT EXECUTE FUNCTION marks_updated_have_history();

-- A version's school and pupil must exist. The foreign keys that said so
-- checked and locked a school and a pupil for every row, a fifth of the
-- database's work per register; this checks a statement's rows at once,
-- taking the same locks (FOR KEY SHARE: no one deletes the pupil before
-- this transaction ends). The other side, what the keys also refused:
-- deleting or renumbering a pupil or school that the history names.
ALTER TABLE mark_history DROP CONSTRAINT mark_history_school_id_fkey;
ALTER TABLE mark_history DROP CONSTRAINT mark_history_pupil_id_fkey;

CREATE FUNCTION mark_history_keys_exist() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF (SELECT count(*) FROM new_versions) <> (SELECT count(*) FROM new_versions n
		CROSS JOIN LATERAL (SELECT 1 FROM pupils p WHERE p.id = n.pupil_id FOR KEY SHARE) p)
	   OR (SELECT count(DISTINCT school_id) FROM new_versions) <> (SELECT count(*)
		FROM (SELECT DISTINCT school_id FROM new_versions) n
		CROSS JOIN LATERAL (SELECT 1 FROM schools s WHERE s.id = n.school_id FOR KEY SHARE) s) THEN
		RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
			MESSAGE = 'a register entry must name a school and a pupil that exist';
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER mark_history_keys AFTER INSERT ON mark_history
	REFERENCING NEW TABLE AS new_versions
	FOR EACH STATEMENT EXECUTE FUNCTION mark_history_keys_exist();

-- TG_ARGV: the history's column that names the row, and what to say.
CREATE FUNCTION mark_history_keeps_key() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	named boolean;
BEGIN
	IF TG_OP = 'UPDATE' AND new.id = old.id THEN
		RETURN new;
	END IF;
	EXECUTE format('SELECT EXISTS (SELECT 1 FROM mark_history WHERE %I = $1)', TG_ARGV[0])
		INTO named USING old.id;
	IF named THEN
		RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', MESSAGE = TG_ARGV[1];
	END IF;
	RETURN CASE TG_OP WHEN 'DELETE' THEN old ELSE new END;
END $$;
CREATE TRIGGER pupils_keep_marks BEFORE DELETE OR UPDATE OF id ON pupils FOR EACH ROW
	EXECUTE FUNCTION mark_history_keeps_key('pupil_id',
		'a pupil with register entries cannot be deleted or renumbered');
CREATE TRIGGER schools_keep_marks BEFORE DELETE OR UPDATE OF id ON schools FOR EACH ROW
	EXECUTE FUNCTION mark_history_keeps_key('school_id',
		'a school with register entries cannot be deleted or renumbered');
