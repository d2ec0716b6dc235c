#!/usr/bin/env bash
# Many schools in one database (issue 9): two schools, each with its own
# calendar, pupils, users and registers (both with a form called 7A), served
# by one `attend serve`. A user of one school sees nothing of the other on
# any page or JSON route; a user of both chooses the school; the trust
# roles see every school of their trust (the trust leader aggregate only).
source "$(dirname "$0")/lib.sh"
start_school || exit 1
"$ATTEND" init --trust "North Star Trust" >/dev/null || exit 1
"$ATTEND" init --add --urn 100002 --name "Hillside Primary" --phase primary \
  --trust "North Star Trust" >/dev/null || exit 1
B1=$(upn 830300126001); B2=$(upn 830300126002); B3=$(upn 830300126003)
B4=$(upn 830300126004); B5=$(upn 830300126005); B6=$(upn 830300126006)
B7=$(upn 830300126007)
cat >"$T/calendar-b.csv" <<CSV
start,end,kind,label
2026-09-03,2026-10-23,term,Autumn 1
2026-11-02,2026-12-18,term,Autumn 2
CSV
cat >"$T/pupils-b.csv" <<CSV
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal
$B1,Quill,Quentin,2019-01-10,M,2,7A,2026-09-01,,N,N,N,N
$B2,Rowe,Rosa,2019-02-11,F,2,7A,2026-09-01,,Y,Y,N,N
$B3,Stone,Sami,2019-03-12,M,2,7A,2026-09-01,,N,N,N,N
$B4,Thorne,Tia,2019-04-13,F,2,7A,2026-09-01,,N,N,N,N
$B5,Underwood,Uma,2019-05-14,F,2,7A,2026-09-01,,N,N,N,N
$B6,Vance,Vic,2019-06-15,M,2,7A,2026-09-01,,N,N,N,N
$B7,Wilde,Wren,2019-07-16,F,3,3W,2026-09-01,,N,N,N,N
CSV
B_SURNAMES='Quill|Rowe|Stone|Thorne|Underwood|Vance|Wilde'
A_SURNAMES="Adams|Brown|Chowdhury|Davies|O'Neill|Evans|Fox|Green|Hall|Iqbal|Jones|King"
A_UPNS="$U7A1|$U7A2|$U7A3|$U7A4|$U7A5|$ULEFT|$UJOIN|$U7B1|$U7B2|$U7B3|$U8A1|$U8A2"
B_UPNS="$B1|$B2|$B3|$B4|$B5|$B6|$B7"
# the UPNs but the one a path asks for (a 404 names what was asked for)
A_OTHER="$U7A2|$U7A3|$U7A4|$U7A5|$ULEFT|$UJOIN|$U7B1|$U7B2|$U7B3|$U8A1|$U8A2"
B_OTHER="$B2|$B3|$B4|$B5|$B6|$B7"
lacks() { ! grep -qE -- "$1" "$T/body"; }
export ATTEND_SCHOOL=100002
{
  "$ATTEND" import calendar "$T/calendar-b.csv" &&
  "$ATTEND" import pupils "$T/pupils-b.csv" &&
  "$ATTEND" mark "$B1" 2026-11-26 AM O --by leadb &&
  "$ATTEND" mark "$B2" 2026-11-26 AM / --by leadb &&
  printf '%s\n%s,1,Quinn Quill,mother,,07700 900555,quinn@example.org,,,en,Y,Y,Y\n%s,1,Rob Rowe,father,,07700 900666,,,,en,Y,Y,N\n' \
    "$CONTACTS_HEADER" "$B1" "$B2" >"$T/contacts-b.csv" &&
  "$ATTEND" import contacts "$T/contacts-b.csv" --by leadb
} >"$T/setup-b.out" 2>&1 || { echo "cannot set up the second school:"; cat "$T/setup-b.out"; exit 1; }
add_user leadb attendance_lead
# a parent in B (the family pages run on the session's school)
add_user parentb parent --children "$B1"
add_user teachb teacher --forms 7A
"$ATTEND" user join office --role teacher --forms 7A >/dev/null || exit 1
check "a user already in the school cannot join it again" \
  bash -c "! '$ATTEND' user join teachb --role office 2>/dev/null"
check "user join takes no trust role" \
  bash -c "! '$ATTEND' user join lead --role trust_leader 2>/dev/null"
# A third school, secondary like A, in the trust: A's similar schools.
"$ATTEND" init --add --urn 100003 --name "Brookside Academy" --phase secondary \
  --trust "North Star Trust" >/dev/null || exit 1
C1=$(upn 840400126001)
printf 'upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal\n%s,Xavier,Xena,2014-01-10,F,8,8X,2026-09-01,,N,N,N,N\n' "$C1" >"$T/pupils-c.csv"
export ATTEND_SCHOOL=100003
"$ATTEND" import calendar "$T/calendar.csv" >/dev/null && "$ATTEND" import pupils "$T/pupils-c.csv" >/dev/null &&
  "$ATTEND" mark "$C1" 2026-11-26 AM / --by lead >/dev/null || { echo "cannot set up the third school"; exit 1; }
# a pupil's own account in C (Year 8)
add_user pupilc pupil --pupil "$C1"
export ATTEND_SCHOOL=100001
printf 'scope,phase,year,period,measure,cohort,value,source\nsimilar,secondary,2024/25,full_year,attendance_pct,all,91.25,Trust similar-schools set 2025\n' >"$T/similar.csv"
"$ATTEND" import benchmarks "$T/similar.csv" >/dev/null || { echo "cannot import the similar schools' figures"; exit 1; }
unset ATTEND_SCHOOL
add_user tlead trust_leader
add_user tal trust_attendance_lead
"$ATTEND" mark "$U7A2" 2026-11-26 AM O --by lead >/dev/null
start_server
for u in lead leadb office teach7a teachb tlead tal governor parentb pupilc; do signin "$u"; done

check "the database holds three schools" test "$(sql 'select count(*) from schools')" = 3

# Registers: the same form name in both schools, each its own pupils.
req lead GET "/api/registers/7A/$TODAY/AM"
check "school A's 7A register holds A's pupils" body_has "$U7A1"
check "... and none of B's" lacks "$B_UPNS"
req leadb GET "/api/registers/7A/$TODAY/AM"
check "school B's 7A register holds B's pupils" body_has "$B1"
check "... and none of A's" lacks "$A_UPNS"
req leadb GET "/api/registers/7B/$TODAY/AM"
check "B has no form 7B: A's form is not found (404)" status_is 404
req leadb GET "/api/pupils/$U7A1/history?date=$TODAY&session=AM"
check "A's pupil is unknown in B (404)" status_is 404
req leadb GET "/pupils/$U7A1"
check "... on the pages too (404)" status_is 404
marks_before=$(sql 'select count(*) from marks')
req leadb PUT "/api/registers/7A/$TODAY/AM" "{\"marks\":$(marks_json "$U7A1:/")}"
check "B's lead cannot mark A's pupil through B's 7A (400)" status_is 400
check "... and nothing was written" test "$(sql 'select count(*) from marks')" = "$marks_before"
req leadb GET /api/stats
check "B's figures count B's pupils" json_is .summary.pupils 7
check "... name none of A's" lacks "$A_UPNS"
req lead GET /api/stats
check "A's figures count A's pupils" json_is .summary.pupils 11

# Every GET route of the route table, as B's lead with A's identifiers and
# as A's lead with B's: no name or UPN of the other school in any answer.
"$ATTEND" serve --routes >"$T/routes"
concrete() { # concrete PATTERN UPN FORM
  local p=${1//\{form\}/$3}
  p=${p//\{date\}/$TODAY}; p=${p//\{session\}/AM}; p=${p//\{upn\}/$2}; p=${p//\{year\}/7}
  p=${p//\{file\}/app.css}; p=${p//\{period\}/1}; p=${p//\{class\*\}/7A\/Ma1}
  p=${p//\{step\}/calls}; p=${p//\{task\}/1}; p=${p//\{entry\}/1}; p=${p//\{name\}/first-day-absence}
  p=${p//\{id\}/1}
  echo "$p"
}
n=0
while read -r method pattern roles _; do
  [ "$method" = GET ] || continue
  n=$((n + 1))
  req leadb GET "$(concrete "$pattern" "$U7A1" 7A)"
  if grep -qE "$A_OTHER|$A_SURNAMES" "$T/body"; then bad "B's lead GET $pattern shows school A"; else ok "B's lead GET $pattern: nothing of A ($STATUS)"; fi
  req lead GET "$(concrete "$pattern" "$B1" 7A)"
  if grep -qE "$B_OTHER|$B_SURNAMES" "$T/body"; then bad "A's lead GET $pattern shows school B"; else ok "A's lead GET $pattern: nothing of B ($STATUS)"; fi
done <"$T/routes"
check "every GET route was tried" test "$n" -gt 30

# A user of both schools chooses the school.
req office GET /api/schools
check "office belongs to two schools" json_is 'length' 2
check "... working in A" json_is '[.[] | select(.current) | .urn] | join(",")' 100001
check "... a teacher in B" json_is '[.[] | select(.urn == "100002") | .role] | join(",")' teacher
req office POST /api/school '{"urn":"100002"}'
check "office chooses B" json_is .name "Hillside Primary"
req office GET "/api/registers?date=$TODAY"
check "... and then sees B's registers as B's 7A teacher" json_is '[.[].form] | unique | join(",")' 7A
req office GET "/api/registers/7A/$TODAY/AM"
check "... with B's pupils" body_has "$B1"
check "... and none of A's" lacks "$A_UPNS"
req office GET /office
check "... and B's office page is not for a teacher (403)" status_is 403
req office POST /api/school '{"urn":"100001"}'
check "office goes back to A" json_is .urn 100001
req office GET /office
check "... where the office page is theirs again" status_is 200
req office POST /api/school '{"urn":"999999"}'
check "a school the user does not belong to is refused (403)" status_is 403
check "... naming the field" json_is .field urn
req office POST /api/school '{}'
check "no URN is a bad request (400)" status_is 400
req office POST /api/school '{"urn":7}'
check "a URN that is not a string is a bad request (400)" status_is 400
req lead POST /api/school '{"urn":"100002"}'
check "A's lead cannot work in B (403)" status_is 403
req lead GET /schools
check "the schools page lists the user's school" body_has "Riverside Academy"
check "... and not the other" bash -c "! grep -q 'Hillside' '$T/body'"

# Family accounts of other schools than the first: their pages run on the
# session's school.
req parentb GET /api/family
check "B's parent sees their child in B" json_is '[.children[].upn] | join(",")' "$B1"
check "... and nothing of A" lacks "$A_UPNS|$A_SURNAMES"
req parentb GET "/api/family/$B1"
check "... and the child's figures" status_is 200
req parentb GET "/api/family/$U7A1"
check "... but not A's pupil (404, as for no pupil)" status_is 404
req pupilc GET /api/me
check "C's pupil sees themself in C" json_is .upn "$C1"
req leadb POST "/api/pupils/$B2/invitations" '{"contact":1,"delivery":"printed"}'
check "B's lead prints an invitation for B's parent" status_is 201
CODE_B=$(jq -r .code "$T/body")
req - POST /api/invitations/redeem "{\"code\":\"$CODE_B\",\"username\":\"robrowe\",\"password\":\"$PASSWORD\"}"
check "the code opens an account in B, though the server's first school is A" status_is 201
check "... an account of school B" test "$(sql "select s.urn from users u join schools s on s.id = u.school_id where u.username = 'robrowe'")" = 100002
signin robrowe
req robrowe GET /api/family
check "... that sees B's child" json_is '[.children[].upn] | join(",")' "$B2"
req leadb GET /api/casework/reviews
check "B's lead has B's casework review list" status_is 200
check "... naming none of A's pupils" lacks "$A_UPNS|$A_SURNAMES"

# The trust roles.
req tlead GET /api/trust
check "the trust leader gets the trust dashboard" status_is 200
check "... every school of the trust" json_is '[.schools[].urn] | join(",")' "100003,100002,100001"
check "... with no pupil's UPN or name" lacks "$A_UPNS|$B_UPNS|$A_SURNAMES|$B_SURNAMES"
check "... small numbers hidden" json_is .small_numbers_hidden true
check "... a cohort of fewer than 6 hidden" \
  json_is '[.schools[] | select(.urn == "100002") | .cohorts[] | select(.cohort == "fsm=Y") | .pupils] | join(",")' "fewer than 6"
check "... C's count of 1 pupil hidden (core/disclosure)" \
  json_is '[.schools[] | select(.urn == "100003") | .pupils] | join(",")' "fewer than 6"
check "... and B's 7, the next smallest, with it: the trust's total is shown" \
  json_is '[.schools[] | select(.urn == "100002") | .pupils] | join(",")' "fewer than 6"
check "... while A's 11 and the trust's 19 are shown" \
  json_is '[(.schools[] | select(.urn == "100001") | .pupils), .figures.pupils] | map(tostring) | join(",")' "11,19"
req tlead GET /trust
check "... and its page" status_is 200
check "... naming no pupil" lacks "$A_UPNS|$B_UPNS|$A_SURNAMES|$B_SURNAMES"
req tlead GET "/api/registers?date=$TODAY"
check "the trust leader sees no registers (403)" status_is 403
req tlead GET /api/stats
check "the trust leader's figures have no per-pupil rows" json_is 'has("pupils")' false
req tlead GET "/api/stats?group=form"
check "... and a form of fewer than 6 pupils shows its name only" \
  json_is '[.groups[] | select(.pupils == null) | .suppressed] | unique | join(",")' "fewer than 6 pupils"
check "... with no count of 1 to 5 anywhere" \
  json_is '[.summary, .groups[] | (.persistent, .severe, .at_risk) | select(. != null and . > 0 and . < 6)] | length' 0
req tal GET "/api/trust?from=2026-09-01&to=$TODAY"
check "the trust attendance lead gets the trust dashboard" status_is 200
check "... with small numbers shown" json_is .small_numbers_hidden false
a_att=$(jq -r '.schools[] | select(.urn == "100001") | .attendance_pct' "$T/body")
b_att=$(jq -r '.schools[] | select(.urn == "100002") | .attendance_pct' "$T/body")
check "school A's attendance is attend stats' for A" \
  test "$a_att" = "$(ATTEND_SCHOOL=100001 "$ATTEND" stats --from 2026-09-01 --to "$TODAY" --json | jq -r .summary.attendance_pct)"
check "school B's attendance is attend stats' for B" \
  test "$b_att" = "$(ATTEND_SCHOOL=100002 "$ATTEND" stats --from 2026-09-01 --to "$TODAY" --json | jq -r .summary.attendance_pct)"
req tal POST /api/school '{"urn":"100002"}'
check "the trust attendance lead works in B" status_is 200
req tal GET "/api/registers/7A/$TODAY/AM"
check "... and sees B's registers" body_has "$B1"
req tal GET "/api/pupils/$B1/history?date=2026-11-26&session=AM"
check "... and B's pupils' history" status_is 200
req lead GET /api/trust
check "a school's own lead has no trust dashboard (403)" status_is 403
req governor GET /api/trust
check "nor a governor (403)" status_is 403

# Similar schools: the trust's schools of the same phase, and the figures imported.
req lead GET /api/similar
check "A's lead compares A with the trust's secondary schools" json_is '[.schools[].urn] | join(",")' "100003,100001"
check "... not with the primary" lacks '"100002"'
check "... with the similar schools' figure imported" json_is .similar_schools.attendance_pct 91.25
check "... and no pupil named" lacks "$A_UPNS|$A_SURNAMES|Xavier|$C1"
check "... another school's count of 1 pupil hidden" json_is '[.schools[] | select(.urn == "100003") | .pupils] | join(",")' "fewer than 6"
req lead GET /similar
check "... and its page" status_is 200
check "... showing the similar schools' figure" body_has 'data-k="similar.attendance_pct" data-v="91.25"'
req leadb GET /api/similar
check "B (primary) has only itself in the trust's primaries" json_is '[.schools[].urn] | join(",")' 100002
check "... and no similar-schools figure loaded" json_is .similar_schools.attendance_pct null
req governor GET /api/similar
check "a governor may compare too" status_is 200
check "... with no pupil named" lacks "$A_UPNS|$A_SURNAMES"
req teach7a GET /api/similar
check "a teacher may not (403)" status_is 403

# The schools' writers share the server's connection: a sign-in or a choice
# of school written by one is not "another program's change" to the others,
# which would reload every school's register at every write.
req tal POST /api/school '{"urn":"100003"}'
check "a write in one school reloads no other school" bash -c "! grep -q reloaded '$T/serve.log'"
finish
