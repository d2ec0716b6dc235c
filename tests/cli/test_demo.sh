# attend demo: a realistic school from one command, the same for the same
# seed, refused cleanly on bad input, and a register like any other (its
# figures through `attend stats`, its marks with their history).
source "$(dirname "$0")/lib.sh"

# Bad input: named field and rule, exit 1, nothing written.
expect_error 2 "--pupils is required" demo
expect_error 1 "pupils.*not between 1 and" demo --pupils 0
expect_error 1 "pupils.*not a whole number" demo --pupils lots
expect_error 1 "phase 'middle' is not primary, secondary or all-through" demo --pupils 10 --phase middle
expect_error 1 "years.*not between 1 and 6" demo --pupils 10 --years 9
expect_error 1 "urn.*not between" demo --pupils 10 --urn 12
expect_error 2 "unknown option '--colour'" demo --pupils 10 --colour blue
! db_created || fail "a refused demo left a database behind"

# Same seed, same register; another seed, another register. ATTEND_NOW (lib.sh)
# is 1 December 2025: the autumn term so far.
a=$(db_new a) b=$(db_new b) c=$(db_new c)
expect_ok --db "$a" demo --pupils 120 --seed 5 --phase primary
expect_out "1 demo school, seed 5"
expect_out "120 pupils on the admission register"
expect_ok --db "$b" demo --pupils 120 --seed 5 --phase primary
expect_ok --db "$c" demo --pupils 120 --seed 6 --phase primary
dump() {
  ATTEND_DB=$1 db_query "SELECT p.upn, p.surname, p.forename, p.dob, m.date, m.session, m.code,
    coalesce(CAST(m.minutes_late AS TEXT), ''), m.recorded_by, m.recorded_at, m.hash
    FROM marks m JOIN pupils p ON p.id = m.pupil_id ORDER BY p.upn, m.date, m.session"
}
[ "$(dump "$a" | sha1sum)" = "$(dump "$b" | sha1sum)" ] || fail "the same seed gave different registers"
[ "$(dump "$a" | sha1sum)" != "$(dump "$c" | sha1sum)" ] || fail "different seeds gave the same register"
[ "$(dump "$a" | wc -l)" -gt 10000 ] || fail "too few marks: $(dump "$a" | wc -l)"
ATTEND_DB=$a

# Every mark is a first version with its history row and hash chain start,
# and no session after now (Monday 1 December 2025, 12:00) is marked except
# this morning's.
expect_eq "$(db_query "SELECT count(*) FROM marks m WHERE NOT EXISTS (SELECT 1 FROM mark_history h
  WHERE h.pupil_id = m.pupil_id AND h.date = m.date AND h.session = m.session AND h.version = 1
  AND h.hash = m.hash AND h.prev_hash = '0000000000000000000000000000000000000000000000000000000000000000')")" 0 \
  "marks without their history row"
expect_eq "$(db_query "SELECT count(*) FROM marks WHERE version <> 1")" 0 "versions"
expect_eq "$(db_query "SELECT max(date) || ' ' || count(*) FILTER (WHERE date = '2025-12-01' AND session = 'PM')
  FROM marks")" "2025-12-01 0" "the last marked session"
# The history is protected as any register's is.
db_query "UPDATE mark_history SET code = 'I' WHERE id = 1" 2>/dev/null && fail "history was updated"
# The calendar: six half-terms, five INSET days.
expect_eq "$(db_query "SELECT count(*) FILTER (WHERE kind = 'term') || ' ' || count(*) FILTER (WHERE kind = 'inset') FROM calendar_entries")" "6 5" "calendar entries"

# The register works as any other: stats, a mark's history, an amendment.
expect_ok stats --json
n=$(json 'd["summary"]["pupils"]' <<<"$out")
[ "$n" -ge 118 ] && [ "$n" -le 120 ] || fail "pupils on roll: $n"
upn=$(db_query "SELECT p.upn FROM pupils p JOIN marks m ON m.pupil_id = p.id
  WHERE m.date = '2025-11-28' AND m.session = 'AM' AND m.code = '/' LIMIT 1")
expect_ok history "$upn" 2025-11-28 AM
expect_out "/"
expect_ok mark "$upn" 2025-11-28 AM I --by office --reason "parent phoned: ill"
expect_ok history "$upn" 2025-11-28 AM
expect_out "parent phoned: ill"

# A school that has pupils is refused, and nothing changes.
before=$(db_dump)
expect_error 1 "already has .* with a calendar or pupils" demo --pupils 10 --urn "$(db_query "SELECT urn FROM schools")"
[ "$(db_dump)" = "$before" ] || fail "a refused demo changed the database"

# An initialised database: the demo fills its (empty) school.
ATTEND_DB=$(db_new init)
expect_ok init --urn 123456 --name "Hill School" --phase primary
expect_ok demo --pupils 40 --years 2
expect_out "Hill School \(URN 123456\), primary: "
expect_eq "$(db_query "SELECT count(*) FROM schools")" 1 "schools"
# Two years: the leavers of last year's Year 6 are on the admission register too.
expect_eq "$(db_query "SELECT count(*) FROM (SELECT 1 FROM enrolments WHERE year = '6' AND left_date <= '2025-07-31' LIMIT 1) x")" 1 "last year's leavers"
# --phase must agree with the school's own.
ATTEND_DB=$(db_new init2)
expect_ok init --phase primary
expect_error 1 "is a primary school: leave out --phase" demo --pupils 10 --phase secondary

# Several schools, each with its own URN.
ATTEND_DB=$(db_new trust)
expect_ok demo --pupils 30 --schools 3 --urn 150100 --phase all-through
expect_eq "$(db_query "SELECT group_concat(urn, ' ') FROM (SELECT urn FROM schools ORDER BY urn) x")" \
  "150100 150101 150102" "URNs"

# A full year (ATTEND_NOW after the summer term): 190 pupil days, 380 sessions
# for a pupil on roll all year, and the national shape within tolerances
# (the unit test test_demo checks the finer points through core/stats).
ATTEND_DB=$(db_new year)
ATTEND_NOW=2026-07-31T18:00 "${ATTEND_RELEASE:-$ATTEND}" demo --pupils 900 --phase secondary --seed 3 >/dev/null ||
  fail "demo of a full year"
ATTEND_NOW=2026-07-31T18:00 expect_ok stats --json --group fsm
printf '%s' "$out" >year.json
python3 - year.json <<'PY' || fail "full-year figures out of tolerance"
import json, sys
d = json.load(open(sys.argv[1])); s = d["summary"]
full = [p for p in d["pupils"] if p["possible"] + p["unmarked"] == 380]
assert len(full) > 800, len(full)
assert 7.4 <= s["absence_pct"] <= 10.4, s["absence_pct"]     # secondary 8.6-9.1
assert 20.5 <= s["persistent_pct"] <= 30.5, s["persistent_pct"]  # 24.3-26.7
assert 1.0 <= s["severe_pct"] <= 4.0, s["severe_pct"]
g = {x["value"]: x for x in d["groups"]}
r = g["Y"]["absence_pct"] / g["N"]["absence_pct"]
assert 1.5 <= r <= 2.5, r
print("absence", s["absence_pct"], "PA", s["persistent_pct"], "SA", s["severe_pct"], "FSM x%.2f" % r)
PY
ATTEND_NOW=2026-07-31T18:00 expect_ok stats --json --group send
printf '%s' "$out" >send.json
python3 - send.json <<'PY' || fail "SEND gradient"
import json, sys
g = {x["value"]: x["absence_pct"] for x in json.load(open(sys.argv[1]))["groups"]}
assert g["E"] > g["K"] > g["N"], g
PY
