-- Lesson marks followed by replay on several servers (PostgreSQL, see
-- pg/0018). Nothing to change here: SQLite's own data_version tells the
-- one server of another program's commits.
SELECT 1;
