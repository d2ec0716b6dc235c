-- Full-year figures for every pupil, the summary and FSM x year group, by the
-- DfE methodology (shared/domain.md), as an analyst would write them for
-- PostgreSQL 15 and DuckDB, on the attend tables loaded from CSV with their
-- natural types. :school, :from and :to are filled in by the harness, and
-- :intdiv by each peer's whole-number division (/ in PostgreSQL, // in
-- DuckDB). Statements are separated by lines holding only ";".
-- Possible sessions: present (/ \ L), approved activity (K V P W B),
-- authorised (C1 M J1 S C2 C T R I E, and the withdrawn H J F), unauthorised
-- (G N O U). Every other code (D X Q Y1-Y7 Z # Y) is not a possible session.
DROP TABLE IF EXISTS pf
;
CREATE TEMP TABLE pf AS
SELECT p.upn, e.year, e.fsm,
       count(m.code) FILTER (WHERE m.code IN ('/', '\', 'L')) AS present,
       count(m.code) FILTER (WHERE m.code IN ('K', 'V', 'P', 'W', 'B')) AS approved,
       count(m.code) FILTER (WHERE m.code IN ('C1', 'M', 'J1', 'S', 'C2', 'C', 'T', 'R', 'I', 'E', 'H', 'J', 'F')) AS authorised,
       count(m.code) FILTER (WHERE m.code IN ('G', 'N', 'O', 'U')) AS unauthorised
FROM enrolments e
JOIN pupils p ON p.id = e.pupil_id
LEFT JOIN marks m ON m.school_id = e.school_id AND m.pupil_id = e.pupil_id
     AND m.date BETWEEN greatest(e.admitted, DATE ':from') AND least(coalesce(e.left_date, DATE '9999-12-31'), DATE ':to')
WHERE e.school_id = :school AND e.admitted <= DATE ':to' AND coalesce(e.left_date, DATE '9999-12-31') >= DATE ':from'
GROUP BY e.id, p.upn, e.year, e.fsm
;
DROP TABLE IF EXISTS pp
;
CREATE TEMP TABLE pp AS
SELECT upn, year, fsm, CAST(authorised AS INTEGER) AS authorised,
       CAST(unauthorised AS INTEGER) AS unauthorised,
       CAST(present + approved + authorised + unauthorised AS INTEGER) AS possible,
       CAST(present + approved AS INTEGER) AS attendance,
       CAST(authorised + unauthorised AS INTEGER) AS absence
FROM pf
;
SELECT 'P', upn, possible, attendance, absence, authorised, unauthorised,
       CASE WHEN possible > 0 AND absence * 10 >= possible THEN 1 ELSE 0 END,
       CASE WHEN possible > 0 AND absence * 2 >= possible THEN 1 ELSE 0 END,
       CASE WHEN possible = 0 THEN -2 WHEN possible < 20 THEN -1
            ELSE least(10, absence * 20 :intdiv possible) END
FROM pp
;
SELECT 'S', count(*), count(*) FILTER (WHERE possible > 0), sum(possible), sum(attendance), sum(absence),
       sum(authorised), sum(unauthorised),
       (sum(absence) * 20000 + sum(possible)) :intdiv (2 * sum(possible)),
       count(*) FILTER (WHERE possible > 0 AND absence * 10 >= possible),
       (count(*) FILTER (WHERE possible > 0 AND absence * 10 >= possible) * 20000 + count(*) FILTER (WHERE possible > 0)) :intdiv (2 * count(*) FILTER (WHERE possible > 0)),
       count(*) FILTER (WHERE possible > 0 AND absence * 2 >= possible),
       (count(*) FILTER (WHERE possible > 0 AND absence * 2 >= possible) * 20000 + count(*) FILTER (WHERE possible > 0)) :intdiv (2 * count(*) FILTER (WHERE possible > 0)),
       count(*) FILTER (WHERE possible >= 20 AND absence * 20 < possible),
       count(*) FILTER (WHERE possible >= 20 AND absence * 20 :intdiv possible = 1),
       count(*) FILTER (WHERE possible >= 20 AND absence * 20 :intdiv possible = 2),
       count(*) FILTER (WHERE possible >= 20 AND absence * 20 :intdiv possible = 3),
       count(*) FILTER (WHERE possible >= 20 AND absence * 20 :intdiv possible = 4),
       count(*) FILTER (WHERE possible >= 20 AND absence * 20 :intdiv possible = 5),
       count(*) FILTER (WHERE possible >= 20 AND absence * 20 :intdiv possible = 6),
       count(*) FILTER (WHERE possible >= 20 AND absence * 20 :intdiv possible = 7),
       count(*) FILTER (WHERE possible >= 20 AND absence * 20 :intdiv possible = 8),
       count(*) FILTER (WHERE possible >= 20 AND absence * 20 :intdiv possible = 9),
       count(*) FILTER (WHERE possible >= 20 AND absence * 20 :intdiv possible >= 10),
       count(*) FILTER (WHERE possible > 0 AND possible < 20)
FROM pp
;
SELECT 'G', fsm, year, count(*), sum(possible), sum(absence),
       CASE WHEN sum(possible) > 0 THEN (sum(absence) * 20000 + sum(possible)) :intdiv (2 * sum(possible)) ELSE -1 END,
       count(*) FILTER (WHERE possible > 0 AND absence * 10 >= possible),
       CASE WHEN count(*) FILTER (WHERE possible > 0) > 0
            THEN (count(*) FILTER (WHERE possible > 0 AND absence * 10 >= possible) * 20000 + count(*) FILTER (WHERE possible > 0)) :intdiv (2 * count(*) FILTER (WHERE possible > 0))
            ELSE -1 END,
       count(*) FILTER (WHERE possible > 0 AND absence * 2 >= possible)
FROM pp
GROUP BY fsm, year
