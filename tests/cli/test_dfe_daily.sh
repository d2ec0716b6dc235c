# The DfE daily data file: every pupil on roll that day with the DfE's pupil
# items and both sessions' codes, and the earlier sessions of the last 7 days
# that were entered or amended later. Also the optional pupil columns it needs.
. "$(dirname "$0")/lib.sh"
"$ATTEND" init --urn 100001 --name "Test Academy" --la 123 --estab 4567 >/dev/null || fail init
make_school 2>/dev/null
P=upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal

# the optional columns: ethnicity, looked after, child in need, child protection
cat > more.csv <<'CSV'
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal,ethnicity,looked_after,cin,cp
A123456789012,Smith,Anna,2015-03-01,F,5,5A,2025-09-01,,Y,Y,N,N,wbri,Y,N,N
P123456789013,Jones,Ben,2015-05-01,M,5,5A,2025-09-01,,N,N,K,N,MWBC,N,Y,Y
CSV
expect_ok import pupils more.csv
expect_out "2 rows: 0 new, 2 changed, 0 unchanged"
expect_ok import pupils more.csv
expect_out "0 changed, 2 unchanged"
# a file without them leaves them as they are; one with them changes them
expect_ok import pupils pupils.csv
expect_out "0 new, 0 changed, 4 unchanged"
expect_eq "$(db_query "select p.ethnicity, e.looked_after, e.cin, e.cp from pupils p join enrolments e on e.pupil_id = p.id where p.upn = 'P123456789013'")" "MWBC|0|1|1" "kept"
printf '%s\n"L123456789016","Lee, ""Junior""",Kim,2015-02-02,M,5,5A,2025-09-01,,N,N,E,N\n' "$P" > lee.csv
expect_ok import pupils lee.csv
expect_eq "$(db_query "select ethnicity, looked_after from pupils p join enrolments e on e.pupil_id = p.id where upn = 'L123456789016'")" "|0" "defaults"
before=$(db_dump)
printf '%s,ethnicity\nA123456789012,Smith,Anna,2015-03-01,F,5,5A,2025-09-01,,Y,Y,N,N,White\n' "$P" > eth.csv
expect_error 1 "eth.csv:2: ethnicity 'White' is not a four-letter census code" import pupils eth.csv
printf '%s,cp\nA123456789012,Smith,Anna,2015-03-01,F,5,5A,2025-09-01,,Y,Y,N,N,maybe\n' "$P" > cp.csv
expect_error 1 "cp.csv:2: cp 'maybe' is not Y or N" import pupils cp.csv
[ "$(db_dump)" = "$before" ] || fail "a refused pupils file changed the database"

# marks: entered on their own day, entered late, and amended later
H=upn,date,session,code,minutes_late
mark_file() { printf '%s\n' "$H" "$@" > m.csv; }
ATTEND_NOW=2025-10-20T09:10 mark_file "A123456789012,2025-10-20,AM,/," "A123456789012,2025-10-20,PM,\\,"
ATTEND_NOW=2025-10-20T09:10 expect_ok import marks m.csv
for day in 05 06 10; do
  ATTEND_NOW=2025-11-${day}T15:00 mark_file "A123456789012,2025-11-$day,AM,/," "A123456789012,2025-11-$day,PM,\\," \
    "P123456789013,2025-11-$day,AM,/," "P123456789013,2025-11-$day,PM,N," "T123456789015,2025-11-$day,AM,/," \
    "T123456789015,2025-11-$day,PM,\\," "L123456789016,2025-11-$day,AM,/," "L123456789016,2025-11-$day,PM,\\,"
  ATTEND_NOW=2025-11-${day}T15:00 expect_ok import marks m.csv
done
# on the 12th: today's marks, an amendment to the 6th, a late entry for the
# 7th, and an amendment too old for the window
ATTEND_NOW=2025-11-12T09:30 expect_ok mark A123456789012 2025-11-06 PM M --by office --reason "dentist letter"
ATTEND_NOW=2025-11-12T09:31 expect_ok mark P123456789013 2025-11-07 AM I --by office
ATTEND_NOW=2025-11-12T09:32 expect_ok mark A123456789012 2025-10-20 PM I --by office --reason "late note"
ATTEND_NOW=2025-11-12T09:40 mark_file "A123456789012,2025-11-12,AM,/," "P123456789013,2025-11-12,AM,L,5" "T123456789015,2025-11-12,AM,G," "L123456789016,2025-11-12,AM,C2,"
ATTEND_NOW=2025-11-12T09:40 expect_ok import marks m.csv

export ATTEND_NOW=2025-11-12T16:00
expect_ok export dfe-daily --date 2025-11-12 --out daily.csv
expect_out "DfE daily data for 2025-11-12: 4 pupils on roll, 2 earlier days with changes, written to daily.csv"
cat > want.csv <<'CSV'
urn,la_code,upn,surname,forename,dob,sex,ethnicity,looked_after,sen,ehc_plan,fsm,year,admitted,left,cin,cp,date,am,pm,record,changed_at
100001,123,A123456789012,Smith,Anna,2015-03-01,F,WBRI,Y,N,N,Y,5,2025-09-01,,N,N,2025-11-12,/,,day,
100001,123,L123456789016,"Lee, ""Junior""",Kim,2015-02-02,M,,N,E,Y,N,5,2025-09-01,,N,N,2025-11-12,C2,,day,
100001,123,P123456789013,Jones,Ben,2015-05-01,M,MWBC,N,K,N,N,5,2025-09-01,,Y,Y,2025-11-12,L,,day,
100001,123,T123456789015,O'Brien,Dara,2015-01-09,M,,N,N,N,Y,6,2025-09-15,,N,N,2025-11-12,G,,day,
100001,123,A123456789012,Smith,Anna,2015-03-01,F,WBRI,Y,N,N,Y,5,2025-09-01,,N,N,2025-11-06,/,M,change,2025-11-12 09:30:00
100001,123,P123456789013,Jones,Ben,2015-05-01,M,MWBC,N,K,N,N,5,2025-09-01,,Y,Y,2025-11-07,I,,change,2025-11-12 09:31:00
CSV
diff want.csv daily.csv || fail "the daily file differs"
# a CSV reader gets the names back exactly
python3 -c "
import csv
rows = list(csv.DictReader(open('daily.csv')))
assert rows[1]['surname'] == 'Lee, \"Junior\"', rows[1]['surname']
assert {r['upn'] for r in rows if r['record'] == 'day'} == {'A123456789012', 'L123456789016', 'P123456789013', 'T123456789015'}
" || fail "daily.csv does not read back"
# a pupil who has left is not on roll; the day before had no changes
expect_ok export dfe-daily --date 2025-11-05
expect_out "^100001,123,A123456789012,.*,2025-11-05,/,\\\\,day,$"
grep -q D123456789014 <<<"$out" && fail "a pupil who left in October is in November's file"
grep -q ",change," <<<"$out" && fail "2025-11-05 has no changes in the 7 days before it"

expect_error 1 "date: 2025-11-15 is not a school day \\(Saturday, weekend\\)" export dfe-daily --date 2025-11-15
expect_error 1 "date: 2025-11-28 is not a school day \\(Friday, planned closure\\)" export dfe-daily --date 2025-11-28
expect_error 1 "date '12/11/2025' is not a date" export dfe-daily --date 12/11/2025
expect_error 2 "--date DATE is required" export dfe-daily
# a file that cannot be written leaves nothing behind
expect_error 1 "cannot write nodir/daily.csv" export dfe-daily --date 2025-11-12 --out nodir/daily.csv
