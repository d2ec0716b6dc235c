# The contact log: entries, amendments kept as versions, and bad input.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/comms_lib.sh"
comms_school
U=A123456789012
expect_ok contact log $U --channel call --to 1 --outcome "Mum says Anna has a cold, back Wednesday" --follow-up 2025-12-03 --at 2025-12-01T09:20 --by office
expect_out "contact log entry #1 for $U"
expect_ok contact log $U --channel home_visit --to-name "Mrs Patel (neighbour)" --outcome "No answer at the door" --by "Miss Bethany"
expect_ok contact log $U --channel text --to 2 --direction in --outcome "Dad replied: Anna is at her gran's" --by office
expect_ok contact list $U --json
expect_eq "$(json '[(e["entry"], e["channel"], e["direction"], e["with"]) for e in d["entries"]]' <<<"$out")" \
  "[(1, 'call', 'out', 'Jane Smith, mother'), (2, 'home_visit', 'out', 'Mrs Patel (neighbour)'), (3, 'text', 'in', 'Tom Smith, father')]" "entries"
expect_eq "$(json 'd["entries"][0]["at"]' <<<"$out")" "2025-12-01T09:20:00.000Z" "when (09:20 in December is 09:20 UTC)"
expect_eq "$(json 'd["entries"][0]["follow_up"]' <<<"$out")" "2025-12-03" "follow-up"

# an amendment is a new version; the first stays
expect_ok contact amend 1 --outcome "Mum says Anna has flu, back Thursday" --follow-up 2025-12-04 --reason "Mum rang back" --by office2
expect_out "entry #1 amended \\(version 2\\)"
expect_ok contact list $U --json
expect_eq "$(json '[(e["entry"], e["version"], e["outcome"], e["by"], e["recorded_by"], e["reason"]) for e in d["entries"] if e["entry"] == 1]' <<<"$out")" \
  "[(1, 2, 'Mum says Anna has flu, back Thursday', 'office', 'office2', 'Mum rang back')]" "current version"
expect_ok contact list $U --history --json
expect_eq "$(json '[(e["version"], e["outcome"]) for e in d["entries"] if e["entry"] == 1]' <<<"$out")" \
  "[(1, 'Mum says Anna has a cold, back Wednesday'), (2, 'Mum says Anna has flu, back Thursday')]" "history"
expect_ok contact amend 1 --no-follow-up --reason "seen in school" --by office
expect_ok contact list $U --json
expect_eq "$(json 'd["entries"][0]["follow_up"]' <<<"$out")" None "follow-up removed"
expect_ok contact list $U
expect_out "#1    v3 2025-12-01 09:20:00  call       out Jane Smith, mother"

# the log is append-only, whatever writes to the database
db_query "update contact_log set outcome = 'x' where entry = 1" 2>/dev/null && fail "contact_log was updated"
db_query "delete from contact_log where entry = 1" 2>/dev/null && fail "contact_log was deleted from"

# bad input changes nothing
before=$(db_dump)
expect_error 1 "channel 'phone' is not one of text, email, call, letter, home_visit, meeting" contact log $U --channel phone --to 1 --outcome x --by office
expect_error 1 "to: pupil $U has no contact of priority 5" contact log $U --channel call --to 5 --outcome x --by office
expect_error 1 "to '0' is not between 1 and 99|to 0 is not between 1 and 99" contact log $U --channel call --to 0 --outcome x --by office
expect_error 1 "say who the contact was with" contact log $U --channel call --outcome x --by office
expect_error 1 "say who the contact was with" contact log $U --channel call --to 1 --to-name Bob --outcome x --by office
expect_error 1 "outcome is empty" contact log $U --channel call --to 1 --outcome "  " --by office
expect_error 1 "at 2025-12-01T13:00 is in the future" contact log $U --channel call --to 1 --outcome x --at 2025-12-01T13:00 --by office
expect_error 1 "at '2025-12-01 09:00' is not a local time YYYY-MM-DDTHH:MM" contact log $U --channel call --to 1 --outcome x --at "2025-12-01 09:00" --by office
expect_error 1 "at '2025-02-30T09:00' is not a local time" contact log $U --channel call --to 1 --outcome x --at 2025-02-30T09:00 --by office
expect_error 1 "follow_up: follow-up 2025-11-30 is in the past" contact log $U --channel call --to 1 --outcome x --follow-up 2025-11-30 --by office
expect_error 1 "direction 'both' is not out" contact log $U --channel call --to 1 --outcome x --direction both --by office
expect_error 1 "upn: no pupil with UPN Z1" contact log Z1 --channel call --to 1 --outcome x --by office
expect_error 2 "--by USER is required" contact log $U --channel call --to 1 --outcome x
expect_error 2 "--outcome is required" contact log $U --channel call --to 1 --by office
expect_error 1 "reason is empty" contact amend 1 --outcome y --by office
expect_error 1 "nothing to amend" contact amend 1 --reason why --by office
expect_error 1 "entry: no contact log entry 99" contact amend 99 --outcome y --reason why --by office
expect_error 1 "entry 'one' is not a whole number" contact amend one --outcome y --reason why --by office
[ "$(db_dump)" = "$before" ] || fail "bad input changed the database"
