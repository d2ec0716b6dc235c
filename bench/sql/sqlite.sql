-- Full-year figures for every pupil, the summary and FSM x year group, by the
-- DfE methodology (shared/domain.md), as an analyst would write them on the
-- attend SQLite database itself. :school, :from and :to are filled in by the
-- harness. Statements are separated by lines holding only ";".
-- Possible sessions: present (/ \ L), approved activity (K V P W B),
-- authorised (C1 M J1 S C2 C T R I E, and the withdrawn H J F), unauthorised
-- (G N O U). Every other code (D X Q Y1-Y7 Z # Y) is not a possible session.
DROP TABLE IF EXISTS temp.pf
;
CREATE TEMP TABLE pf AS
SELECT p.upn, e.year, e.fsm,
       coalesce(sum(m.code IN ('/', '\', 'L')), 0) AS present,
       coalesce(sum(m.code IN ('K', 'V', 'P', 'W', 'B')), 0) AS approved,
       coalesce(sum(m.code IN ('C1', 'M', 'J1', 'S', 'C2', 'C', 'T', 'R', 'I', 'E', 'H', 'J', 'F')), 0) AS authorised,
       coalesce(sum(m.code IN ('G', 'N', 'O', 'U')), 0) AS unauthorised
FROM enrolments e
JOIN pupils p ON p.id = e.pupil_id
LEFT JOIN marks m ON m.school_id = e.school_id AND m.pupil_id = e.pupil_id
     AND m.date BETWEEN max(e.admitted, ':from') AND min(coalesce(e.left_date, '9999-12-31'), ':to')
WHERE e.school_id = :school AND e.admitted <= ':to' AND coalesce(e.left_date, '9999-12-31') >= ':from'
GROUP BY e.id
;
DROP TABLE IF EXISTS temp.pp
;
CREATE TEMP TABLE pp AS
SELECT upn, year, fsm, authorised, unauthorised,
       present + approved + authorised + unauthorised AS possible,
       present + approved AS attendance,
       authorised + unauthorised AS absence
FROM pf
;
SELECT 'P', upn, possible, attendance, absence, authorised, unauthorised,
       possible > 0 AND absence * 10 >= possible,
       possible > 0 AND absence * 2 >= possible,
       CASE WHEN possible = 0 THEN -2 WHEN possible < 20 THEN -1
            ELSE min(10, absence * 20 / possible) END
FROM pp
;
SELECT 'S', count(*), sum(possible > 0), sum(possible), sum(attendance), sum(absence),
       sum(authorised), sum(unauthorised),
       (sum(absence) * 20000 + sum(possible)) / (2 * sum(possible)),
       sum(possible > 0 AND absence * 10 >= possible),
       (sum(possible > 0 AND absence * 10 >= possible) * 20000 + sum(possible > 0)) / (2 * sum(possible > 0)),
       sum(possible > 0 AND absence * 2 >= possible),
       (sum(possible > 0 AND absence * 2 >= possible) * 20000 + sum(possible > 0)) / (2 * sum(possible > 0)),
       sum(possible >= 20 AND absence * 20 < possible),
       sum(possible >= 20 AND absence * 20 / possible = 1),
       sum(possible >= 20 AND absence * 20 / possible = 2),
       sum(possible >= 20 AND absence * 20 / possible = 3),
       sum(possible >= 20 AND absence * 20 / possible = 4),
       sum(possible >= 20 AND absence * 20 / possible = 5),
       sum(possible >= 20 AND absence * 20 / possible = 6),
       sum(possible >= 20 AND absence * 20 / possible = 7),
       sum(possible >= 20 AND absence * 20 / possible = 8),
       sum(possible >= 20 AND absence * 20 / possible = 9),
       sum(possible >= 20 AND absence * 20 / possible >= 10),
       sum(possible > 0 AND possible < 20)
FROM pp
;
SELECT 'G', fsm, year, count(*), sum(possible), sum(absence),
       CASE WHEN sum(possible) > 0 THEN (sum(absence) * 20000 + sum(possible)) / (2 * sum(possible)) ELSE -1 END,
       sum(possible > 0 AND absence * 10 >= possible),
       CASE WHEN sum(possible > 0) > 0 THEN (sum(possible > 0 AND absence * 10 >= possible) * 20000 + sum(possible > 0)) / (2 * sum(possible > 0)) ELSE -1 END,
       sum(possible > 0 AND absence * 2 >= possible)
FROM pp
GROUP BY fsm, year
