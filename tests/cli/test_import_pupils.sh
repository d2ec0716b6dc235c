# Pupil imports: the admission register, its rules and its history.
. "$(dirname "$0")/lib.sh"
make_school
before=$(db_dump)
H=upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal

refuse() {
  expect_error 1 "$2" import pupils "$1"
  [ "$(db_dump)" = "$before" ] || fail "the database changed after refusing $1"
}
bad() { printf '%s\n%s\n' "$H" "$2" > "$1.csv"; refuse "$1.csv" "$3"; }

bad short_upn "A12345,Lee,Kim,2015-01-01,F,5,5A,2025-09-01,,N,N,N,N" "short_upn.csv:2: upn 'A12345': a UPN is 13 characters"
bad letters_upn "AB23456789012,Lee,Kim,2015-01-01,F,5,5A,2025-09-01,,N,N,N,N" "characters 2 to 12 of a UPN are digits"
bad no_surname "W123456789017,,Kim,2015-01-01,F,5,5A,2025-09-01,,N,N,N,N" "no_surname.csv:2: surname is empty"
bad bad_dob "W123456789017,Lee,Kim,2015-02-30,F,5,5A,2025-09-01,,N,N,N,N" "dob '2015-02-30' is not a date"
bad bad_gender "W123456789017,Lee,Kim,2015-01-01,Q,5,5A,2025-09-01,,N,N,N,N" "gender 'Q' is not M, F or U"
bad bad_year "W123456789017,Lee,Kim,2015-01-01,F,Y5,5A,2025-09-01,,N,N,N,N" "year 'Y5' is not N1, N2, R or 1 to 14"
bad bad_fsm "W123456789017,Lee,Kim,2015-01-01,F,5,5A,2025-09-01,,yes,N,N,N" "fsm 'yes' is not Y or N"
bad bad_send "W123456789017,Lee,Kim,2015-01-01,F,5,5A,2025-09-01,,N,N,S,N" "send 'S' is not N \\(none\\), K \\(SEN support\\) or E \\(EHC plan\\)"
bad left_early "W123456789017,Lee,Kim,2015-01-01,F,5,5A,2025-09-01,2025-08-01,N,N,N,N" "left \\(2025-08-01\\) is before admitted"
bad born_late "W123456789017,Lee,Kim,2026-01-01,F,5,5A,2025-09-01,,N,N,N,N" "dob \\(2026-01-01\\) is not before admitted"
printf '%s\n%s\n%s\n' "$H" "W123456789017,Lee,Kim,2015-01-01,F,5,5A,2025-09-01,,N,N,N,N" \
  "W123456789017,Lee,Kim,2015-01-01,F,5,5A,2025-10-01,,N,N,N,N" > twice.csv
refuse twice.csv "twice.csv:3: upn: pupil W123456789017 is already on roll for these dates at line 2"
# a good row then a bad one: nothing of the file is kept
printf '%s\n%s\n%s\n' "$H" "W123456789017,Lee,Kim,2015-01-01,F,5,5A,2025-09-01,,N,N,N,N" \
  "G123456789016,Ng,Li,2015-01-01,F,5,5A,2025-09-01,,N,N,X,N" > half_good.csv
refuse half_good.csv "half_good.csv:3: send 'X'"

# a correction is kept in the pupil's history
printf '%s\n%s\n' "$H" "A123456789012,Smith,Anna,2015-03-01,F,5,5B,2025-09-01,,Y,Y,K,N" > move.csv
expect_ok import pupils move.csv
expect_out "1 rows: 0 new, 1 changed, 0 unchanged"
n=$(db_query "select group_concat(form || send, ' ') from (select form, send from pupil_history where upn = 'A123456789012' order by id) x")
expect_eq "$n" "5AN 5BK" "pupil history keeps both versions"
expect_ok import pupils move.csv
expect_out "0 new, 0 changed, 1 unchanged"

# leaving can't strand marks; rejoining is a second enrolment
printf 'upn,date,session,code,minutes_late\nA123456789012,2025-10-01,AM,/,\n' > m.csv
expect_ok import marks m.csv
before=$(db_dump)
printf '%s\n%s\n' "$H" "A123456789012,Smith,Anna,2015-03-01,F,5,5B,2025-09-01,2025-09-30,Y,Y,K,N" > leave.csv
refuse leave.csv "leave.csv:2: admitted: pupil A123456789012 has 1 mark outside 2025-09-01 to 2025-09-30 \\(the first on 2025-10-01\\)"
printf '%s\n%s\n' "$H" "A123456789012,Smith,Anna,2015-03-01,F,5,5B,2025-09-01,2025-10-17,Y,Y,K,N" > leave.csv
expect_ok import pupils leave.csv
printf '%s\n%s\n' "$H" "A123456789012,Smith,Anna,2015-03-01,F,5,5B,2025-11-10,,Y,Y,K,N" > rejoin.csv
expect_ok import pupils rejoin.csv
expect_out "1 new"
n=$(db_query "select count(*) from enrolments e join pupils p on p.id = e.pupil_id where upn = 'A123456789012'")
expect_eq "$n" 2 "enrolments after rejoining"
expect_ok stats --from 2025-09-01 --to 2025-12-19 --json
n=$(json 'len([p for p in d["pupils"] if p["upn"]=="A123456789012"])' <<<"$out")
expect_eq "$n" 2 "one set of figures per enrolment"
# a mark while off roll is refused and says when they were on roll
expect_error 1 "date: pupil A123456789012 is not on roll on 2025-11-05 \\(on roll 2025-09-01 to 2025-10-17 and from 2025-11-10\\)" mark A123456789012 2025-11-05 AM / --by office

# a UPN with the wrong check letter is accepted with a warning
printf '%s\n%s\n' "$H" "B123456789012,Ray,Sam,2015-01-01,M,5,5A,2025-09-01,,N,N,N,N" > check.csv
expect_ok import pupils check.csv
grep -q "warning: UPN B123456789012 has check letter B where the DfE algorithm gives A" <<<"$err" || fail "no check-letter warning: $err"
