-- Several servers on one database: a mark no longer moves data_version
-- (0001), which would make every other server reload everything after each
-- register. A server follows marks through mark_history instead: the
-- versions after the last one it applied, replayed into its matrix, on a
-- notification (store_marks_announce) and at least every second. Changes
-- that replay cannot account for still move data_version (pupils,
-- enrolments, the calendar, settings, the timetable, lesson marks) or the
-- register's generation (0005: a mark deleted, an enrolment widened).
DROP TRIGGER marks_changed ON marks;

