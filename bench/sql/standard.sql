-- Full-year figures for every pupil, the summary and FSM x year group, by the
-- DfE methodology (shared/domain.md), as an analyst would write them for
-- PostgreSQL 15 and DuckDB, on the attend tables loaded from CSV with their
-- natural types: each code's category from a list of the codes, the marks
-- counted per enrolment with an inner join (which PostgreSQL 15 can run in
-- parallel; a LEFT JOIN onto marks it cannot), then every enrolment on roll
-- joined to its counts, so pupils with no marks still count. :school, :from and :to are filled in by the harness, and
-- :intdiv by each peer's whole-number division (/ in PostgreSQL, // in
-- DuckDB). Statements are separated by lines holding only ";".
-- Possible sessions (categories 1-4): present (/ \ L), approved activity
-- (K V P W B), authorised (C1 M J1 S C2 C T R I E, and the withdrawn H J F),
-- unauthorised (G N O U). Every other code (D X Q Y1-Y7 Z # Y) is not a
-- possible session.
DROP TABLE IF EXISTS pf
;
CREATE TEMP TABLE pf AS
SELECT p.upn, e.year, e.fsm, coalesce(c.present, 0) AS present, coalesce(c.approved, 0) AS approved,
       coalesce(c.authorised, 0) AS authorised, coalesce(c.unauthorised, 0) AS unauthorised
FROM enrolments e
JOIN pupils p ON p.id = e.pupil_id
LEFT JOIN (
  SELECT e.id,
         count(*) FILTER (WHERE k.category = 1) AS present,
         count(*) FILTER (WHERE k.category = 2) AS approved,
         count(*) FILTER (WHERE k.category = 3) AS authorised,
         count(*) FILTER (WHERE k.category = 4) AS unauthorised
  FROM marks m
  JOIN enrolments e ON e.school_id = m.school_id AND e.pupil_id = m.pupil_id
       AND m.date BETWEEN greatest(e.admitted, DATE ':from') AND least(coalesce(e.left_date, DATE '9999-12-31'), DATE ':to')
  JOIN (VALUES ('/', 1), ('\', 1), ('L', 1), ('K', 2), ('V', 2), ('P', 2), ('W', 2), ('B', 2),
    ('C1', 3), ('M', 3), ('J1', 3), ('S', 3), ('C2', 3), ('C', 3), ('T', 3), ('R', 3), ('I', 3),
    ('E', 3), ('H', 3), ('J', 3), ('F', 3), ('G', 4), ('N', 4), ('O', 4), ('U', 4)) AS k (code, category)
    ON k.code = m.code
  WHERE m.school_id = :school
  GROUP BY e.id
) c ON c.id = e.id
WHERE e.school_id = :school AND e.admitted <= DATE ':to' AND coalesce(e.left_date, DATE '9999-12-31') >= DATE ':from'
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
