# `attend verify` proves the register unaltered, and names what was altered.
. "$(dirname "$0")/lib.sh"
make_school
printf 'upn,date,session,code,minutes_late\nA123456789012,2025-09-10,AM,N,\nA123456789012,2025-09-10,PM,/,\nP123456789013,2025-09-10,AM,L,5\n' > m.csv
expect_ok import marks m.csv
expect_ok mark A123456789012 2025-09-10 AM I --by office --reason "phoned in"
expect_ok mark A123456789012 2025-09-10 AM M --by office --reason "it was the dentist"
expect_ok verify
expect_out "5 versions of 3 marks verified: unaltered"

# The guards refuse, whatever writes to the database: a current mark that
# its history does not hold, in a statement of several rows as of one.
before=$(db_dump)
refused() { # refused MESSAGE SQL
  local said
  said=$(db_query "$2" 2>&1) && fail "the database took: $2"
  grep -q "$1" <<<"$said" || fail "'$2' was refused, but not with '$1': $said"
}
mark_row="SELECT school_id, date, session, pupil_id, code, minutes_late, version, recorded_by, recorded_at, first_recorded_at, hash FROM marks"
refused "a mark must be written with its history row" \
  "INSERT INTO marks $mark_row WHERE false UNION ALL SELECT school_id, date + 1, session, pupil_id, code, minutes_late, version, recorded_by, recorded_at, first_recorded_at, hash FROM marks"
refused "a mark must be amended with its history row" "UPDATE marks SET code = '/' WHERE code = 'L'"
refused "a mark must be amended with its history row" "UPDATE marks SET version = version + 1"
# (an earlier version, which the history does hold, is not the next one)
refused "a mark must be amended with its history row" \
  "UPDATE marks SET version = 1, code = 'N', hash = (SELECT hash FROM mark_history h WHERE h.pupil_id = marks.pupil_id AND h.date = marks.date AND h.session = marks.session AND h.version = 1) WHERE version = 3"
expect_eq "$(db_dump)" "$before" "a refused statement changed the database"
# On PostgreSQL the history's school and pupil are checked once a statement
# (migration 0017), with what the foreign keys refused on the other side.
if db_is_pg; then
  refused "a register entry must name a school and a pupil that exist" \
    "INSERT INTO mark_history (school_id, date, session, pupil_id, version, code, recorded_by, recorded_at, reason, source, prev_hash, hash) SELECT school_id, date + 7, session, pupil_id + (SELECT max(id) FROM pupils), version, code, recorded_by, recorded_at, reason, source, prev_hash, hash FROM mark_history"
  refused "a pupil with register entries cannot be deleted or renumbered" \
    "DELETE FROM pupils WHERE upn = 'A123456789012'"
  refused "a pupil with register entries cannot be deleted or renumbered" \
    "UPDATE pupils SET id = id + 1000 WHERE upn = 'P123456789013'"
  refused "a school with register entries cannot be deleted or renumbered" "UPDATE schools SET id = id + 1000"
  expect_eq "$(db_dump)" "$before" "a refused statement changed the database"
fi

clean=$(db_copy "$ATTEND_DB" clean)
# someone with the database's password drops the guard and rewrites a version
db_tamper mark_history mark_history_no_update "UPDATE mark_history SET code = '/' WHERE version = 1 AND session = 'AM' AND pupil_id = (SELECT id FROM pupils WHERE upn = 'A123456789012')"
expect_error 1 "1 problem in 5 versions of 3 marks" verify
expect_out "^A123456789012 2025-09-10 AM version 1: its contents do not match its hash"

# ... or removes a version from the middle
ATTEND_DB=$(db_copy "$clean" removed)
db_tamper mark_history mark_history_retention "DELETE FROM mark_history WHERE version = 2"
expect_error 1 "problems? in" verify
expect_out "A123456789012 2025-09-10 AM version 3: a version is missing before this one"
expect_out "version 3: its link to the previous version is broken"

# ... or changes the current mark without its history
ATTEND_DB=$(db_copy "$clean" changed)
db_tamper marks marks_update_has_history "UPDATE marks SET code = '/' WHERE code = 'L'"
expect_error 1 "1 problem" verify
expect_out "^P123456789013 2025-09-10 AM version 1: the current mark differs from its version in the history"

# ... or deletes a current mark
ATTEND_DB=$(db_copy "$clean" deleted)
db_tamper marks marks_retention "DELETE FROM marks WHERE code = 'L'"
expect_error 1 "1 problem" verify
expect_out "P123456789013 2025-09-10 AM version 1: the history has versions but there is no current mark"
