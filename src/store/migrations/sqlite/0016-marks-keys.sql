-- PostgreSQL drops the foreign keys of marks here, which its history row's
-- keys already imply (see pg/0016-marks-keys.sql). SQLite cannot drop a
-- foreign key without rebuilding the table and keeps them: nothing changes.
SELECT 1;
