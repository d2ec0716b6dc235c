# `attend init`, usage errors and --help on every command.
. "$(dirname "$0")/lib.sh"

expect_error 1 "no database at .*attend init" stats
expect_ok init --urn 100001 --name "Test Academy" --phase primary
expect_out "schema version [0-9]+ \([0-9]+ migrations? applied\); school Test Academy \(URN 100001\)"
# idempotent: nothing applied the second time, the school is unchanged
expect_ok init
expect_out "0 migrations applied\); school Test Academy"
run init --name "Other"
expect_status 0 "init with a name on an existing school"
grep -q "not applied" <<<"$err" || fail "expected a note that --name was not applied: $err"

db_remove
expect_error 1 "urn: URN '12AB' is not a 6 or 7 digit number" init --urn 12AB
expect_error 1 "phase 'college' is not" init --phase college
! db_created || fail "a refused init created the database"

for cmd in init import mark history stats codes verify export transfers; do
  run "$cmd" --help
  expect_status 0 "$cmd --help"
  expect_out "^usage: attend $cmd"
done
expect_error 2 "unknown command 'frobnicate'" frobnicate
expect_error 2 "unknown option '--colour'" stats --colour
expect_error 2 "--from needs a value" stats --from
expect_error 2 "missing arguments" history A123456789012
expect_error 2 "is not calendar, pupils, marks, contacts, timetable, classes, lessons, benchmarks, year6, ctf or mis" import teachers x.csv
run
expect_status 2 "no command"

# --db before or after the command, and ATTEND_DB
a=$(db_new a) b=$(db_new b) c=$(db_new c)
unset ATTEND_DB
expect_ok --db "$a" init
db_created "$a" || fail "--db before the command was not used"
expect_ok init --db "$b"
db_created "$b" || fail "--db after the command was not used"
ATTEND_DB=$c expect_ok init
db_created "$c" || fail "ATTEND_DB was not used"
