-- Several servers on one database (PostgreSQL, see pg/0011). Nothing to
-- change here: SQLite's own data_version tells a server of another
-- program's commits.
SELECT 1;
