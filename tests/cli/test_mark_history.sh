# One mark: recording, amending with a reason, and its full history. The
# database itself refuses to lose or rewrite a version.
. "$(dirname "$0")/lib.sh"
make_school

expect_error 2 "--by USER is required" mark A123456789012 2025-09-10 AM /
expect_ok mark A123456789012 2025-09-10 AM N --by tutor.7a
expect_out "A123456789012 2025-09-10 AM: N recorded"
expect_error 1 "reason: A123456789012 AM already has a mark \\(N\\): an amendment needs a reason" \
  mark A123456789012 2025-09-10 AM I --by office
expect_ok mark A123456789012 2025-09-10 AM I --by office --reason "dad rang at 9:10: flu"
expect_out "I amended"
expect_ok mark A123456789012 2025-09-10 AM I --by office
expect_out "unchanged"
expect_ok mark A123456789012 2025-09-10 AM L --minutes-late 15 --by office --reason "arrived after all, signed in at the office"
expect_ok history A123456789012 2025-09-10 AM
expect_out "^v1 +N .* tutor.7a +first entry"
expect_out "^v2 +I .* office +dad rang at 9:10: flu"
expect_out "^v3 +L +15 .* office +arrived after all"
expect_ok history A123456789012 2025-09-10 AM --json
expect_eq "$(json 'len(d["versions"])' <<<"$out")" 3 "versions"
expect_eq "$(json 'd["versions"][2]["minutes_late"]' <<<"$out")" 15 "minutes"
expect_ok history A123456789012 2025-09-11 AM
expect_out "no mark recorded"
expect_error 1 "no pupil with UPN W123456789017" history W123456789017 2025-09-10 AM
expect_error 1 "session 'noon' is not AM or PM" history A123456789012 2025-09-10 noon
expect_error 1 "code: 'Y8' is not a DfE attendance code" mark A123456789012 2025-09-10 AM Y8 --by x --reason y
expect_error 1 "reason is not valid single-line UTF-8 text" mark A123456789012 2025-09-10 AM I --by x --reason "$(printf 'a\001b')"

# each version's hash chains to the one before
chain=$(db_query "select count(*) from mark_history h join mark_history p on p.pupil_id = h.pupil_id and p.date = h.date and p.session = h.session and p.version = h.version - 1 where h.prev_hash = p.hash")
expect_eq "$chain" 2 "chained versions"

# the database refuses to rewrite or drop the register, whoever asks
before=$(db_dump)
sql_refused() {
  if db_query "$1" 2>sql.err; then fail "SQL was allowed: $1"; fi
  grep -q "$2" sql.err || fail "unexpected refusal for $1: $(cat sql.err)"
  [ "$(db_dump)" = "$before" ] || fail "the database changed after: $1"
}
sql_refused "UPDATE mark_history SET code = 'P' WHERE version = 1" "append-only"
sql_refused "DELETE FROM mark_history" "kept for 6 years"
sql_refused "DELETE FROM marks" "kept for 6 years"
sql_refused "UPDATE marks SET code = '/' WHERE session = 'AM'" "amended with its history row"
sql_refused "INSERT INTO marks (school_id, pupil_id, date, session, code, minutes_late, version, recorded_by, recorded_at, first_recorded_at, hash) SELECT school_id, pupil_id, '2025-09-11', 'AM', '/', NULL, 1, 'x', 'x', 'x', 'x' FROM marks" "written with its history row"
sql_refused "DELETE FROM pupil_history" "kept for 6 years"
# PostgreSQL's TRUNCATE passes by row triggers: it has its own guard.
if db_is_pg; then
  sql_refused "TRUNCATE mark_history CASCADE" "append-only"
  sql_refused "TRUNCATE marks CASCADE" "kept for 6 years"
fi
