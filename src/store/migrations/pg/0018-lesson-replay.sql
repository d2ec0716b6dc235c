-- Several servers: lesson marks are followed as session marks are (0011).
-- A lesson mark no longer moves data_version, which made every other
-- server reload every school after each lesson register; a server replays
-- the lesson versions after the last one it applied (lesson_mark_history,
-- in id order) on the same notification and at least every second. What
-- replay cannot account for, a lesson mark deleted (after the retention
-- period), moves the school's register generation instead (0005).
DROP TRIGGER lesson_marks_changed ON lesson_marks;
CREATE TRIGGER register_generation_lesson_marks_delete AFTER DELETE ON lesson_marks FOR EACH ROW
	EXECUTE FUNCTION register_generation_bump();
