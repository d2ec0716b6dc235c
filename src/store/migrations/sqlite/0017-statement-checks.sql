-- Checks on saving marks once a statement (PostgreSQL, see pg/0017).
-- Nothing to change here: SQLite's row triggers run in the same process,
-- inside the statement, and cost little.
SELECT 1;
