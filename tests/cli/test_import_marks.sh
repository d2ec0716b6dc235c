# Mark imports: the register's rules, row by row, all or nothing.
. "$(dirname "$0")/lib.sh"
make_school
H=upn,date,session,code,minutes_late
before=$(db_dump)

refuse() {
  expect_error 1 "$2" import marks "$1"
  [ "$(db_dump)" = "$before" ] || fail "the database changed after refusing $1"
}
bad() { printf '%s\n%s\n' "$H" "$2" > "$1.csv"; refuse "$1.csv" "$3"; }

bad unknown_code "A123456789012,2025-09-10,AM,ZZ," "unknown_code.csv:2: code: 'ZZ' is not a DfE attendance code"
bad withdrawn "A123456789012,2025-09-10,AM,H," "withdrawn.csv:2: code H was withdrawn by the 2024 regulations"
bad weekend "A123456789012,2025-09-13,AM,/," "weekend.csv:2: date: 2025-09-13 is not a school day \\(Saturday, weekend\\)"
bad inset "A123456789012,2025-09-02,AM,/," "2025-09-02 is not a school day \\(Tuesday, INSET day\\)"
bad holiday "A123456789012,2025-10-29,AM,/," "2025-10-29 is not a school day \\(Wednesday, holiday\\)"
bad closure "A123456789012,2025-11-28,AM,/," "2025-11-28 is a planned closure"
bad unknown_pupil "W123456789017,2025-09-10,AM,/," "unknown_pupil.csv:2: upn: no pupil with UPN W123456789017"
bad before_admission "T123456789015,2025-09-10,AM,/," "pupil T123456789015 is not on roll on 2025-09-10 \\(on roll from 2025-09-15\\)"
bad after_leaving "D123456789014,2025-10-13,AM,/," "pupil D123456789014 is not on roll on 2025-10-13 \\(on roll 2025-09-01 to 2025-10-10\\)"
bad bad_session "A123456789012,2025-09-10,XM,/," "session 'XM' is not AM or PM"
bad bad_date "A123456789012,10/09/2025,AM,/," "date '10/09/2025' is not a date"
bad minutes_on_present "A123456789012,2025-09-10,AM,/,5" "minutes_late: minutes late go with L or U, not with /"
bad minutes_text "A123456789012,2025-09-10,AM,L,ten" "minutes_late 'ten' is not a whole number"
bad minutes_huge "A123456789012,2025-09-10,AM,L,900" "minutes_late 900 is not between 0 and 300"
bad future "A123456789012,2025-12-03,AM,/," "2025-12-03 AM has not happened yet"
bad empty_upn ",2025-09-10,AM,/," "upn is empty"
printf '%s\n%s\n%s\n' "$H" "A123456789012,2025-09-10,AM,/," "A123456789012,2025-09-10,am,L,5" > dup.csv
refuse dup.csv "dup.csv:3: date: the same session \\(A123456789012 2025-09-10 AM\\) is already at line 2"
# one bad row at the end of many good ones: nothing is kept
{ echo "$H"; for d in 03 04 05 08 09; do echo "A123456789012,2025-09-$d,AM,/,"; echo "A123456789012,2025-09-$d,PM,/,"; done
  echo "A123456789012,2025-09-10,PM,Q7,"; } > late_bad.csv
refuse late_bad.csv "late_bad.csv:12: code: 'Q7'"
# a quoted field spanning lines still gives the right line number
printf '%s\n%s\n"A123456789012",2025-09-11,"P\nM",/,\n' "$H" "A123456789012,2025-09-10,AM,/," > multiline.csv
refuse multiline.csv "multiline.csv:3: session 'P"

# codes known in advance may be recorded for a session to come
printf '%s\n%s\n' "$H" "A123456789012,2025-12-03,AM,M," > appt.csv
expect_ok import marks appt.csv

# good marks, then an amendment by import keeps the first version
printf '%s\nA123456789012,2025-09-10,AM,N,\nA123456789012,2025-09-10,PM,\\,\nP123456789013,2025-09-10,AM,L,7\n' "$H" > day.csv
expect_ok import marks day.csv --by office
expect_out "3 rows: 3 new, 0 changed, 0 unchanged"
printf '%s\nA123456789012,2025-09-10,AM,I,\nA123456789012,2025-09-10,PM,/,\n' "$H" > fix.csv
expect_ok import marks fix.csv --by office --reason "mother phoned: ill"
expect_out "2 rows: 0 new, 1 changed, 1 unchanged"
expect_ok history A123456789012 2025-09-10 AM --json
expect_eq "$(json '[v["code"] for v in d["versions"]]' <<<"$out")" "['N', 'I']" "versions"
expect_eq "$(json 'd["versions"][1]["reason"]' <<<"$out")" "mother phoned: ill" "reason"
expect_eq "$(json 'd["versions"][1]["recorded_by"]' <<<"$out")" "office" "who"
# PM present was written as '\' whichever slash the file used
expect_eq "$(db_query "select code from marks where date='2025-09-10' and session='PM'")" '\' "PM present"
expect_eq "$(db_query "select minutes_late from marks where session='AM' and code='L'")" 7 "minutes late"

# history from before the 2024 regulations keeps its withdrawn codes
printf 'start,end,kind,label\n2024-06-03,2024-07-19,term,Summer 2\n' > old_cal.csv
expect_ok import calendar old_cal.csv
printf 'upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal\nG123456789016,Ng,Li,2014-02-01,F,6,6B,2023-09-01,,N,N,N,N\n' > old_pupil.csv
expect_ok import pupils old_pupil.csv
printf '%s\nG123456789016,2024-07-01,AM,H,\nG123456789016,2024-07-01,PM,J,\nG123456789016,2024-07-02,AM,/,\nG123456789016,2024-07-02,PM,Y,\n' "$H" > old_marks.csv
expect_ok import marks old_marks.csv
expect_ok stats --from 2024-07-01 --to 2024-07-02 --json
g() { json "[p for p in d['pupils'] if p['upn']=='G123456789016'][0]['$1']" <<<"$out"; }
expect_eq "$(g authorised)" 2 "H and J count as authorised"
expect_eq "$(g possible)" 3 "the old Y is not a possible session"
expect_ok history G123456789016 2024-07-01 PM
expect_out "^v1 +J "
