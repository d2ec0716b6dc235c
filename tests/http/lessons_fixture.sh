# The lesson registers of the test school (tests/http/lib.sh's): source it
# after lib.sh and call start_lessons after start_school. Five periods a day
# (P1 holds the AM registration, P4 the PM one); on Fridays 7A has Maths
# (teach7a) in P1 and P3 and English (teach7b) in P2, 7B Science (teach7b)
# in P1 and P4, 8A History (hoy8, the head of year 8, teaches it) in P2.
# Cara Chowdhury (7A) carries the safeguarding flag.

start_lessons() {
  cat >"$T/timetable.csv" <<CSV
day,period,start,end,registration
Mon,1,09:00,10:00,AM
Mon,2,10:00,11:00,
Mon,3,11:15,12:15,
Mon,4,13:15,14:15,PM
Mon,5,14:15,15:15,
Tue,1,09:00,10:00,AM
Tue,2,10:00,11:00,
Tue,3,11:15,12:15,
Tue,4,13:15,14:15,PM
Tue,5,14:15,15:15,
Wed,1,09:00,10:00,AM
Wed,2,10:00,11:00,
Wed,3,11:15,12:15,
Wed,4,13:15,14:15,PM
Thu,1,09:00,10:00,AM
Thu,2,10:00,11:00,
Thu,3,11:15,12:15,
Thu,4,13:15,14:15,PM
Thu,5,14:15,15:15,
Fri,1,09:00,10:00,AM
Fri,2,10:00,11:00,
Fri,3,11:15,12:15,
Fri,4,13:15,14:15,PM
Fri,5,14:15,15:15,
CSV
  cat >"$T/classes.csv" <<CSV
class,subject,teacher,room,meets,pupils
7A/Ma1,Maths,teach7a,M1,Mon:1 Wed:2 Fri:1 Fri:3,$U7A1 $U7A2 $U7A3 $U7A4 $U7A5
7A/En1,English,teach7b,E2,Mon:2 Fri:2,$U7A1 $U7A2 $U7A3 $U7A4 $U7A5
7B/Sc1,Science,teach7b,S4,Fri:1 Fri:4,$U7B1 $U7B2 $U7B3
8A/Hi1,History,hoy8,H1,Fri:2,$U8A1 $U8A2
CSV
  cat >"$T/flag.csv" <<CSV
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal,safeguarding
$U7A3,Chowdhury,Cara,2015-03-12,F,7,7A,2026-09-01,,N,N,K,Y,Y
CSV
  "$ATTEND" import pupils "$T/flag.csv" >/dev/null || return 1
  "$ATTEND" import timetable "$T/timetable.csv" >/dev/null || return 1
  "$ATTEND" import classes "$T/classes.csv" --from 2026-09-01 >/dev/null || return 1
  add_user dsl dsl
  add_user hoy7 head_of_year --years 7
}
