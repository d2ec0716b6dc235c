#!/usr/bin/env bash
# Taking a register, amending it, the closing time, the office's view and
# the no-JavaScript form. Today is Friday 2026-11-27, 09:10; the AM
# register starts at 09:00 and closes at 09:30.
source "$(dirname "$0")/lib.sh"
start_school || exit 1
start_server
signin teach7a
signin office

R=/api/registers/7A/$TODAY/AM
req teach7a PUT $R "{\"marks\":$(marks_json "$U7A1:/" "$U7A2:L:5" "$U7A3:N" "$U7A4:/" "$U7A5:/")}"
check "a teacher takes a register of 5 in one request" status_is 200
check "... as the first taking" json_is .kind taken
check "... recording 5 marks" json_is .recorded 5
check "... in one transaction: one register event" test "$(sql 'select count(*) from register_events')" = 1
check "the late arrival keeps its minutes" test "$(sql "select code || minutes_late from marks where minutes_late is not null")" = L5
req teach7a GET $R
check "the register reads back" json_is "[.pupils[] | .code] | join(\"\")" "/LN//"
check "... by surname" json_is '.pupils[0].surname' Adams
check "... with who took it" json_is .taken_by teach7a
req teach7a GET "/api/registers?date=$TODAY"
check "the day's list shows it taken" json_is '.[] | select(.session == "AM") | .taken_by' teach7a
check "... with one pupil unexplained (N)" json_is '.[] | select(.session == "AM") | .unexplained' 1
check "... and PM not taken" json_is '.[] | select(.session == "PM") | .taken_by' null

versions=$(sql 'select count(*) from mark_history')
req teach7a PUT $R "{\"marks\":$(marks_json "$U7A3:I")}"
check "an amendment without a reason is refused (400)" status_is 400
check "... naming the reason" json_is .field reason
check "... and changes nothing" test "$(sql 'select count(*) from mark_history')" = "$versions"
req teach7a PUT $R "{\"marks\":$(marks_json "$U7A3:I"),\"reason\":\"Mum rang: ill\"}"
check "an amendment with a reason is saved" json_is .amended 1
check "... as an amendment of the register" json_is .kind amended
req teach7a GET "/api/pupils/$U7A3/history?date=$TODAY&session=AM"
check "the history shows both versions" json_is '[.versions[].code] | join(",")' N,I
check "... who and why" json_is '.versions[1].reason' "Mum rang: ill"
check "... from the API" json_is '.versions[1].source' api
req teach7a PUT $R "{\"marks\":$(marks_json "$U7A1:/" "$U7A4:/")}"
check "saving the same marks again changes nothing" json_is .unchanged 2
check "... and records no event" test "$(sql 'select count(*) from register_events')" = 2

# The closing time: L arriving 45 minutes late (09:45 > 09:30) is U.
req teach7a PUT $R "{\"marks\":$(marks_json "$U7A5:L:45"),\"reason\":\"arrived late\"}"
check "a late arrival after the register closed is saved" status_is 200
check "... as U, and the answer says so" json_is '.changed[0].recorded' U
check "... in the register" test "$(sql "select code || minutes_late from marks m join pupils p on p.id = m.pupil_id where p.upn = '$U7A5'")" = U45
req office PUT $R "{\"marks\":$(marks_json "$U7A5:L:45"),\"reason\":\"school bus broke down\"}"
check "the office can keep it as L with a reason" json_is .amended 1
check "... recorded as L" test "$(sql "select code from marks m join pupils p on p.id = m.pupil_id where p.upn = '$U7A5'")" = L
check "... with the reason in the history" test "$(sql "select reason from mark_history h join pupils p on p.id = h.pupil_id where p.upn = '$U7A5' order by version desc limit 1")" = "late after the register closed, kept as L: school bus broke down"
check "... and in the audit log" test "$(sql "select count(*) from audit_log where action = 'late override'")" = 1
req teach7a PUT "/api/registers/7A/2026-11-26/PM" "{\"marks\":$(marks_json "$U7A1:L:10")}"
check "an earlier day's register can be taken late, L within the closing time stays L" \
  test "$(sql "select code from marks where date = '2026-11-26'")" = L

# Pages: the register, the office, today, history.
req teach7a GET /registers/7A/$TODAY/AM
check "the register page lists the pupils" body_has "O&#39;Neill, Éva"
check "... escaping names" bash -c "! grep -q \"O'Neill\" '$T/body'"
check "... with the saved marks ticked" grep -q "value=\"N\" checked\\|value=\"I\" checked" "$T/body"
check "... and who took it" body_has "Taken</span> by teach7a"
req office GET /office
check "the office sees 7A AM taken by the teacher" grep -q 'Taken</span> <small>by teach7a' "$T/body"
check "... and the registers not taken yet" body_has "Not taken yet"
check "... and the count" body_has "1 of 6 registers taken"
req teach7a GET /today
check "the teacher's today page links the register" body_has "/registers/7A/$TODAY/AM"
req teach7a GET "/pupils/$U7A3/history?date=$TODAY&session=AM"
check "the history page shows every version with its reason" body_has "Mum rang: ill"

# The no-JavaScript form: a plain POST, then a redirect with the outcome.
signin teach7b
form="csrf=$(cat "$T/teach7b.csrf")&code.$U7B1=%2F&code.$U7B2=L&late.$U7B2=3&other.$U7B3=M"
req teach7b POST /registers/7B/$TODAY/AM '' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$form"
check "the plain form saves (303)" status_is 303
check "... and says what it saved" header_has "Location: /registers/7B/$TODAY/AM?saved=1&recorded=3"
check "... all three marks, the third from the full list" test "$(sql "select group_concat(code, '') from (select code from marks m join pupils p on p.id = m.pupil_id where p.upn like '%82020012601_' order by substr(p.upn, 2)) x")" = "/LM"
req teach7b GET "/registers/7B/$TODAY/AM?saved=1&recorded=3&amended=0&late_u=0"
check "the page confirms it" body_has "Saved. 3 recorded, 0 amended."
form="csrf=$(cat "$T/teach7b.csrf")&code.$U7B1=N"
req teach7b POST /registers/7B/$TODAY/AM '' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$form"
check "the form refuses an amendment without a reason (400)" status_is 400
check "... showing the register again with the message" body_has "an amendment needs a reason"

# Past the closing time (09:45), a register not taken is overdue.
check "the server stops" stop_server
ATTEND_NOW=2026-11-27T09:45 start_server
signin office
req office GET "/api/registers?date=$TODAY"
check "after 09:30 the 8A AM register not taken is overdue" json_is '.[] | select(.form == "8A" and .session == "AM") | .overdue' true
check "... the 7A one taken is not" json_is '.[] | select(.form == "7A" and .session == "AM") | .overdue' false
check "... nor the afternoon's" json_is '.[] | select(.form == "8A" and .session == "PM") | .overdue' false
req office GET "/api/registers?date=2026-11-26"
check "yesterday's registers never taken are overdue" json_is '[.[] | select(.form == "8A") | .overdue] | all' true
req office GET /office
check "the office page says overdue" body_has "Not taken: overdue"

# Another program writes while the server runs: the server reloads.
"$ATTEND" mark "$U8A1" $TODAY AM M --by office.cli --reason "dentist" >/dev/null
NEWUPN=$(upn 820200125023)
printf 'upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal\n%s,Lee,Lia,2014-03-03,F,8,8A,2026-11-23,,N,N,N,N\n' "$NEWUPN" >"$T/new.csv"
"$ATTEND" import pupils "$T/new.csv" >/dev/null
for _ in $(seq 1 40); do
  req office GET /api/registers/8A/$TODAY/AM
  [ "$(jq -r '.pupils | length' "$T/body")" = 3 ] && break
  sleep 0.1
done
check "a pupil imported while serving appears in the register" json_is '[.pupils[].surname] | join(",")' Jones,King,Lee
check "... and a mark made with the CLI shows" json_is '.pupils[0].code' M
check "... and the server says it reloaded" grep -q "reloaded: another program changed the database" "$T/serve.log"
finish
