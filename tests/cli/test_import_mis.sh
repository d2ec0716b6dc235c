# Marks history from a MIS export: columns named by options or a mapping
# file, the register's rules row by row, all or nothing, withdrawn codes only
# before 19 August 2024.
. "$(dirname "$0")/lib.sh"
make_school
printf 'start,end,kind,label\n2024-06-03,2024-07-19,term,Summer 2\n2024-08-12,2024-08-23,term,Summer school\n' > old_cal.csv
expect_ok import calendar old_cal.csv
printf 'upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal\nG123456789016,Ng,Li,2014-02-01,F,6,6B,2023-09-01,,N,N,N,N\n' > old_pupil.csv
expect_ok import pupils old_pupil.csv 2>/dev/null
before=$(db_dump)

cat > sims.map <<'MAP'
# our MIS's attendance export
upn = UPN
date = Attendance Date
session = Session
code = Mark
minutes_late = Minutes Late
date_format = DD/MM/YYYY
MAP
cat > export.csv <<'CSV'
Adno,UPN,Legal Surname,Attendance Date,Session,Mark,Minutes Late,Reg Group
1001,G123456789016,Ng,01/07/2024,AM,H,,6B
1001,G123456789016,Ng,01/07/2024,PM,J,,6B
1001,G123456789016,Ng,02/07/2024,AM,Y,,6B
1001,G123456789016,Ng,02/07/2024,PM,F,,6B
1001,G123456789016,Ng,16/08/2024,AM,J,,6B
1001,G123456789016,Ng,16/08/2024,PM,L,7,6B
1002,A123456789012,Smith,10/09/2025,AM,/,,5A
1002,A123456789012,Smith,10/09/2025,PM,J1,,5A
CSV
expect_ok import mis export.csv --mapping sims.map --by data-manager
expect_out "export.csv: 8 rows: 8 new, 0 changed, 0 unchanged"
# J stays J (counted as J1), never rewritten as J1
expect_ok history G123456789016 2024-07-01 PM --json
expect_eq "$(json '[v["code"] for v in d["versions"]]' <<<"$out")" "['J']" "J kept"
expect_eq "$(json 'd["versions"][0]["recorded_by"]' <<<"$out")" "data-manager" "who"
expect_eq "$(json 'd["versions"][0]["reason"]' <<<"$out")" "imported from the MIS export export.csv" "why"
expect_eq "$(db_query "select minutes_late from marks where code = 'L'")" 7 "minutes late"
expect_ok stats --from 2024-06-01 --to 2024-08-31 --json
g() { json "[p for p in d['pupils'] if p['upn']=='G123456789016'][0]['$1']" <<<"$out"; }
expect_eq "$(g authorised)" 4 "H, J, F and J count as authorised"
expect_eq "$(g possible)" 5 "the old Y is not a possible session"
expect_ok verify
# the same export again changes nothing
expect_ok import mis export.csv --mapping sims.map
expect_out "8 rows: 0 new, 0 changed, 8 unchanged"
after_good=$(db_dump)

refuse() { # pattern import-args...
  local pat=$1; shift
  expect_error 1 "$pat" import mis "$@"
  [ "$(db_dump)" = "$after_good" ] || fail "the database changed after refusing: $*"
}
bad() { # name row pattern
  { head -1 export.csv; echo "$2"; } > "$1.csv"
  refuse "$3" "$1.csv" --mapping sims.map
}
# withdrawn codes are refused from 19 August 2024, by the register's own rule
bad after_2024 "1001,G123456789016,Ng,19/08/2024,AM,J,,6B" \
  "after_2024.csv:2: code J was withdrawn by the 2024 regulations and can't be used for sessions from 2024-08-19 \\(this one is on 2024-08-19\\)"
bad iso_date "1001,G123456789016,Ng,2024-07-03,AM,/,,6B" "iso_date.csv:2: date '2024-07-03' is not a date \\(DD/MM/YYYY\\)"
bad unknown_code "1001,G123456789016,Ng,03/07/2024,AM,ZZ,,6B" "unknown_code.csv:2: code: 'ZZ' is not a DfE attendance code"
bad holiday "1001,G123456789016,Ng,29/07/2024,AM,/,,6B" "holiday.csv:2: date: 2024-07-29 is not a school day"
bad unknown_pupil "1003,W123456789017,Wu,03/07/2024,AM,/,,6B" "unknown_pupil.csv:2: upn: no pupil with UPN W123456789017"
bad session "1001,G123456789016,Ng,03/07/2024,Morning,/,,6B" "session.csv:2: session 'Morning' is not AM or PM"
bad minutes "1001,G123456789016,Ng,03/07/2024,AM,/,5,6B" "minutes.csv:2: minutes_late: minutes late go with L or U"
# one bad row after good ones: nothing is kept
{ head -1 export.csv; echo "1001,G123456789016,Ng,03/07/2024,AM,/,,6B"; echo "1001,G123456789016,Ng,03/07/2024,PM,\\,,6B"; echo "1001,G123456789016,Ng,04/07/2024,AM,Q9,,6B"; } > late_bad.csv
refuse "late_bad.csv:4: code: 'Q9'" late_bad.csv --mapping sims.map
{ head -1 export.csv; echo "1001,G123456789016,Ng,03/07/2024,AM,/,,6B"; echo "1001,G123456789016,Ng,03/07/2024,am,L,2,6B"; } > dup.csv
refuse "dup.csv:3: date: the same session \\(G123456789016 03/07/2024 AM\\) is already at line 2" dup.csv --mapping sims.map
# a mapped column the export does not have
sed 's/Attendance Date/Date/' export.csv > renamed.csv
refuse "renamed.csv:1: Attendance Date: missing column 'Attendance Date'" renamed.csv --mapping sims.map

# bad mapping files name their line
printf 'upn = UPN\ncolour = red\n' > m1.map
refuse "m1.map:2: colour: 'colour' is not upn, date, session, code, minutes_late or date_format" export.csv --mapping m1.map
printf '# fine\n\nupn UPN\n' > m2.map
refuse "m2.map:3: 'upn UPN' is not 'key = column name'" export.csv --mapping m2.map
printf 'date_format = MM/DD/YYYY\n' > m3.map
refuse "m3.map:1: date_format 'MM/DD/YYYY' is not YYYY-MM-DD or DD/MM/YYYY" export.csv --mapping m3.map
printf 'code = Mark\ncode = Code\n' > m4.map
refuse "m4.map:2: code is given twice" export.csv --mapping m4.map
refuse "mapping: nothing.map: No such file" export.csv --mapping nothing.map
expect_error 2 "either by options or by --mapping, not both" import mis export.csv --mapping sims.map --code-column Mark

# the columns by options, ISO dates, other columns skipped
cat > other.csv <<'CSV'
Pupil,When,AM/PM,Code,Teacher
A123456789012,2025-09-11,AM,M,Mr Hill
A123456789012,2025-09-11,PM,/,Mr Hill
CSV
expect_ok import mis other.csv --upn-column Pupil --date-column When --session-column AM/PM --code-column Code
expect_out "2 rows: 2 new"
expect_eq "$(db_query "select code from marks where date = '2025-09-11' order by session")" "M
\\" "codes by options"
# with the default column names it reads a marks CSV that has extra columns
printf 'upn,date,session,code,note\nA123456789012,2025-09-12,AM,I,phoned\n' > plain.csv
expect_ok import mis plain.csv
expect_out "1 rows: 1 new"
