# Lesson registers from the command line: the timetable, classes and lesson
# marks imports (every kind of bad file refused with its line and field, the
# database left exactly as it was; the same file twice changes nothing) and
# `attend lessons` (figures by class, subject, teacher, period and pupil;
# patterns; disagreements with the session marks).
. "$(dirname "$0")/lib.sh"
make_school
A=A123456789012 P=P123456789013 T=T123456789015

refuse() { # refuse KIND FILE PATTERN [args]: fails naming it; nothing changes
  local kind=$1 file=$2 pat=$3
  shift 3
  local before
  before=$(db_dump)
  expect_error 1 "$pat" import "$kind" "$file" "$@"
  grep -q "nothing was imported" <<<"$err" || fail "no 'nothing was imported' for $file"
  [ "$(db_dump)" = "$before" ] || fail "the database changed after refusing $file"
}

cat > classes.csv <<CSV
class,subject,teacher,room,meets,pupils
5A/Ma,Maths,ms.smith,M1,Mon:1 Tue:1 Wed:3,$A $P
CSV
refuse classes classes.csv "classes.csv:2: meets: there is no timetable yet: import the timetable first"

# --- the timetable ---
tt() { printf 'day,period,start,end,registration\n%s\n' "$1" > "$2"; }
tt 'Sat,1,09:00,10:00,AM' t1.csv
refuse timetable t1.csv "t1.csv:2: day 'Sat' is not Mon, Tue, Wed, Thu or Fri"
tt 'Mon,1,9:00,10:00,AM' t2.csv
refuse timetable t2.csv "t2.csv:2: start '9:00' is not a time \\(HH:MM\\)"
tt 'Mon,1,10:00,09:00,AM' t3.csv
refuse timetable t3.csv "t3.csv:2: end 09:00 is not after start 10:00"
printf 'day,period,start,end,registration\nMon,1,09:00,10:00,AM\nMon,2,09:30,10:30,\n' > t4.csv
refuse timetable t4.csv "t4.csv:3: period 2 \\(09:30-10:30\\) overlaps period 1 \\(09:00-10:00, line 2\\) on Monday"
printf 'day,period,start,end,registration\nMon,1,09:00,10:00,AM\nMon,2,10:00,11:00,AM\n' > t5.csv
refuse timetable t5.csv "t5.csv:3: period: Monday already holds the AM registration in period 1 \\(line 2\\)"
tt 'Mon,P/1,09:00,10:00,AM' t6.csv
refuse timetable t6.csv "t6.csv:2: period 'P/1' may hold only letters, digits and - _ ."
tt 'Mon,1,09:00,10:00,XM' t7.csv
refuse timetable t7.csv "t7.csv:2: registration 'XM' is not AM, PM or empty"
printf 'week,day,period,start,end,registration\nC,Mon,1,09:00,10:00,AM\n' > t8.csv
refuse timetable t8.csv "t8.csv:2: week 'C' is not A, B or empty"
printf 'day,period,start,end,registration\nMon,1,09:00,10:00,PM\nMon,2,13:00,14:00,AM\n' > t9.csv
refuse timetable t9.csv "t9.csv: registration: on Monday the PM registration \\(period 1\\) comes before the AM registration \\(period 2\\)"
printf 'day,period,start,finish,registration\n' > t10.csv
refuse timetable t10.csv "t10.csv:1: finish: unknown column 'finish'"

{
  echo 'day,period,start,end,registration'
  for d in Mon Tue Wed Thu Fri; do
    echo "$d,1,09:00,10:00,AM"
    echo "$d,2,10:00,11:00,"
    echo "$d,3,11:15,12:15,"
    echo "$d,4,13:15,14:15,PM"
  done
} > timetable.csv
expect_ok import timetable timetable.csv
expect_out "20 rows: 20 new, 0 changed, 0 unchanged"
expect_ok import timetable timetable.csv
expect_out "20 rows: 0 new, 0 changed, 20 unchanged"

# --- classes ---
cl() { printf 'class,subject,teacher,room,meets,pupils\n%s\n' "$1" > "$2"; }
cl "5A/Ma,Maths,ms.smith,M1,Mon:9,$A" c1.csv
refuse classes c1.csv "c1.csv:2: meets: 'Mon:9' names period 9, which Mon does not have"
cl "5A/Ma,Maths,ms.smith,M1,Monday1,$A" c2.csv
refuse classes c2.csv "c2.csv:2: meets: 'Monday1' is not DAY:PERIOD or WEEK:DAY:PERIOD"
cl "5A/Ma,Maths,ms.smith,M1,A:Mon:1,$A" c3.csv
refuse classes c3.csv "c3.csv:2: meets: 'A:Mon:1' names a week, but the timetable has one week"
cl "5A/Ma,Maths,ms.smith,M1,Mon:1,B123456789099" c4.csv
refuse classes c4.csv "c4.csv:2: pupils: no pupil with UPN B123456789099"
cl "5A/Ma,Maths,Ms Smith,M1,Mon:1,$A" c5.csv
refuse classes c5.csv "c5.csv:2: teacher 'Ms Smith' is not a username"
printf 'class,subject,teacher,room,meets,pupils\n5A/Ma,Maths,ms.smith,M1,Mon:1,%s\n5A/Ma,Maths,ms.smith,M1,Tue:1,%s\n' $A $A > c6.csv
refuse classes c6.csv "c6.csv:3: class 5A/Ma is already at line 2"
printf 'class,subject,teacher,room,meets,pupils\n5A/Ma,Maths,ms.smith,M1,Mon:1,%s\n5A/Ar,Art,mr.jones,A1,Mon:1,%s %s\n' $A $P $A > c7.csv
refuse classes c7.csv "pupil $A would be in class 5A/Ma and class 5A/Ar at the same time \\(Mon period 1\\)" --from 2025-09-01
cl "5A/Ma,Maths,ms.smith,M1,Mon:1 Mon:1,$A" c8.csv
refuse classes c8.csv "c8.csv:2: meets: 'Mon:1' is listed twice"
cl "5A/Ma,Maths,ms.smith,M1,Mon:1,$A $A" c9.csv
refuse classes c9.csv "c9.csv:2: pupils: pupil $A is listed twice"

cat > classes.csv <<CSV
class,subject,teacher,room,meets,pupils
5A/Ma,Maths,ms.smith,M1,Mon:1 Tue:1 Wed:3,$A $P
5A/Sc,Science,mr.jones,S1,Mon:2 Mon:4,$A $P
6B/Ma,Maths,ms.smith,M2,Mon:3 Tue:1,$T
CSV
expect_ok import classes classes.csv --from 2025-09-01
expect_out "3 rows: 3 new, 0 changed, 0 unchanged"
expect_ok import classes classes.csv --from 2025-09-01
expect_out "3 rows: 0 new, 0 changed, 3 unchanged"
tt 'Mon,1,09:00,10:00,AM' small.csv
refuse timetable small.csv "class 5A/Ma meets on Tue period 1, which this timetable leaves out: change the class first"

# --- lesson marks ---
lm() { printf 'upn,date,period,class,code,minutes_late\n%s\n' "$1" > "$2"; }
lm "$A,2025-11-24,2,5A/Ma,/," l1.csv
refuse lessons l1.csv "l1.csv:2: period: class 5A/Ma does not meet on Monday 2025-11-24 in period 2"
lm "$T,2025-11-24,1,5A/Ma,/," l2.csv
refuse lessons l2.csv "l2.csv:2: upn: pupil $T is not in class 5A/Ma on 2025-11-24"
lm "$A,2025-11-24,1,5X/Ma,/," l3.csv
refuse lessons l3.csv "l3.csv:2: class: there is no class 5X/Ma"
lm "$A,2025-11-24,1,5A/Ma,Q1," l4.csv
refuse lessons l4.csv "l4.csv:2: code: 'Q1' is not a DfE attendance code"
lm "$A,2025-11-24,1,5A/Ma,/,5" l5.csv
refuse lessons l5.csv "l5.csv:2: minutes_late: minutes late go with L or U"
printf 'upn,date,period,class,code,minutes_late\n%s,2025-11-24,1,5A/Ma,/,\n%s,2025-11-24,1,5A/Ma,N,\n' $A $A > l6.csv
refuse lessons l6.csv "l6.csv:3: date: the same lesson \\($A 2025-11-24 period 1\\) is already at line 2"
lm "$A,2025-12-08,1,5A/Ma,N," l7.csv
refuse lessons l7.csv "l7.csv:2: date: 2025-12-08 AM has not happened yet"

# Three days of lessons (Mon 24 to Wed 26 November 2025): A misses Maths
# three times while registered present (twice in the registration lesson,
# once after it) and is late to Science twice.
cat > marks.csv <<CSV
upn,date,session,code,minutes_late
$A,2025-11-24,AM,/,
$A,2025-11-24,PM,/,
$A,2025-11-25,AM,/,
$A,2025-11-26,AM,/,
$P,2025-11-24,AM,N,
CSV
expect_ok import marks marks.csv
cat > lessons.csv <<CSV
upn,date,period,class,code,minutes_late
$A,2025-11-24,1,5A/Ma,N,
$A,2025-11-24,2,5A/Sc,L,5
$A,2025-11-24,4,5A/Sc,L,12
$A,2025-11-25,1,5A/Ma,N,
$A,2025-11-26,3,5A/Ma,N,
$P,2025-11-24,1,5A/Ma,/,
$P,2025-11-24,2,5A/Sc,/,
$P,2025-11-24,4,5A/Sc,I,
$T,2025-11-24,3,6B/Ma,/,
CSV
expect_ok import lessons lessons.csv
expect_out "9 rows: 9 new, 0 changed, 0 unchanged"
expect_ok import lessons lessons.csv
expect_out "9 rows: 0 new, 0 changed, 9 unchanged"
expect_eq "$(db_query 'select count(*) from lesson_register_events')" 6 "registers taken"
expect_ok verify

expect_ok lessons summary --from 2025-11-24 --to 2025-11-26 --by class --json
expect_eq "$(json "[r['key'] + ':' + str(r['lessons']) + '/' + str(r['absent']) for r in d['rows']]" <<<"$out")" \
  "['5A/Ma:4/3', '5A/Sc:4/1', '6B/Ma:1/0']" "lessons and absences by class"
expect_eq "$(json "d['total']['late'], d['total']['minutes_late']" <<<"$out")" "(2, 17)" "lateness"
expect_ok lessons summary --from 2025-11-24 --to 2025-11-26 --by subject --json
expect_eq "$(json "[r['key'] + ':' + str(r['lessons']) for r in d['rows']]" <<<"$out")" "['Maths:5', 'Science:4']" "by subject"
expect_ok lessons summary --from 2025-11-24 --to 2025-11-26 --by teacher --json
expect_eq "$(json "[r['key'] + ':' + str(r['lessons']) for r in d['rows']]" <<<"$out")" "['ms.smith:5', 'mr.jones:4']" "by teacher"
expect_ok lessons summary --from 2025-11-24 --to 2025-11-26 --by period --json
expect_eq "$(json "[r['key'] + ':' + str(r['lessons']) for r in d['rows']]" <<<"$out")" "['1:3', '2:2', '3:2', '4:2']" "by period"
expect_ok lessons summary --from 2025-11-24 --to 2025-11-26 --by pupil --json
expect_eq "$(json "[r['upn'] + ':' + str(r['absent']) for r in d['rows'] if r['lessons']]" <<<"$out")" "['$A:3', '$P:1', '$T:0']" "by pupil"
expect_ok lessons summary --from 2025-11-24 --to 2025-11-26
expect_out "5A/Ma +4 +3 +75.0%"
expect_ok lessons patterns --from 2025-11-24 --to 2025-11-26 --upn $A --json
expect_eq "$(json "d['pupils'][0]['post_registration']['missed'], d['pupils'][0]['post_registration']['lessons']" <<<"$out")" "(1, 2)" \
  "post-registration absence: Monday P2 and Wednesday P3 (P1 and P4 hold the registrations)"
expect_ok lessons disagreements --date 2025-11-24
expect_out "$A Smith, Anna \\(5A\\): present for the AM session \\(/\\), but absent with no reason \\(N\\) in period 1 \\(5A/Ma, room M1, ms.smith\\), the registration lesson"
expect_out "$P Jones, Ben \\(5A\\): N for the AM session, but present \\(/\\) in period 1"

# lesson marks are in the tamper evidence of `attend verify`
db_tamper lesson_mark_history lesson_mark_history_no_update "update lesson_mark_history set code = '/' where period = '1' and code = 'N' and date = '2025-11-25'"
run verify
expect_status 1 verify
expect_out "$A 2025-11-25 period 1 version 1: its contents do not match its hash"

expect_error 2 "'sums' is not summary, patterns or disagreements" lessons sums
expect_error 1 "--by 'room' is not class, subject, teacher, period or pupil" lessons summary --by room
expect_error 2 "that option does not go with" lessons disagreements --by class
echo ok
