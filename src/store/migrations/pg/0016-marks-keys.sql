-- A current mark's school and pupil are those of its history row: the
-- trigger marks_check_history refuses a mark without the matching version
-- in mark_history, whose own foreign keys hold the school and the pupil
-- (and keep them: history is never deleted within the retention period).
-- The two foreign keys on marks checked and locked the same rows again for
-- every mark saved, a fifth of the database's work per register.
ALTER TABLE marks DROP CONSTRAINT marks_school_id_fkey;
ALTER TABLE marks DROP CONSTRAINT marks_pupil_id_fkey;
