# `attend verify` proves the register unaltered, and names what was altered.
. "$(dirname "$0")/lib.sh"
make_school
printf 'upn,date,session,code,minutes_late\nA123456789012,2025-09-10,AM,N,\nA123456789012,2025-09-10,PM,/,\nP123456789013,2025-09-10,AM,L,5\n' > m.csv
expect_ok import marks m.csv
expect_ok mark A123456789012 2025-09-10 AM I --by office --reason "phoned in"
expect_ok mark A123456789012 2025-09-10 AM M --by office --reason "it was the dentist"
expect_ok verify
expect_out "5 versions of 3 marks verified: unaltered"

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
