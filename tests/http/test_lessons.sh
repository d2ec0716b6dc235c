#!/usr/bin/env bash
# Lesson registers against a real server: taking them (a teacher only their
# classes), bad input refused with nothing written, the office's "missing
# now" list with the head of year and the DSL alerted, the reminder for a
# register not taken, disagreements between lesson and session marks and
# their resolution (history keeps both), the statutory mark derived from the
# registration lesson, and correcting a class's pupils.
export ATTEND_NOW=2026-11-27T11:30 # Friday, period 3 under way
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lessons_fixture.sh"
start_school || exit 1
start_lessons || exit 1
start_server
for u in teach7a teach7b hoy7 hoy8 dsl office lead; do signin $u; done

put_lesson() { # put_lesson WHO PERIOD CLASS MARKS... [reason via REASON]
  local who=$1 period=$2 class=$3
  shift 3
  local body="{\"marks\":$(marks_json "$@")${REASON:+,\"reason\":\"$REASON\"}}"
  req "$who" PUT "/api/lessons/$TODAY/$period/$class" "$body"
}
lesson_marks() { sql "select count(*) from lesson_marks"; }

# --- scope: a teacher sees and takes only their classes ---
req teach7b GET "/api/lessons?date=$TODAY"
check "a teacher's lessons are their classes only" json_is '[.[].class] | unique | join(",")' "7A/En1,7B/Sc1"
check "... in time order, with the period's times" json_is '.[0].period + " " + .[0].starts_at' "1 09:00"
req teach7b GET "/api/lessons/$TODAY/1/7A/Ma1"
check "another teacher's class is refused (403)" status_is 403
put_lesson teach7b 1 7A/Ma1 "$U7A1:/"
check "... and can't be saved" status_is 403
check "... and nothing was written" test "$(lesson_marks)" = 0
req teach7a GET "/lessons/$TODAY/2/7A/En1"
check "... nor its page seen" status_is 403
req office GET "/api/lessons?date=$TODAY"
check "the office sees every lesson of the day" json_is 'length' 6
req hoy8 GET "/api/lessons/$TODAY/2/8A/Hi1"
check "a head of year takes the lessons they teach" status_is 200
check "... with the class's pupils" json_is '[.pupils[].upn] | join(",")' "$U8A1,$U8A2"

# --- bad input: a clear error naming the field; nothing written ---
put_lesson teach7a 2 7A/Ma1 "$U7A1:/"
check "a class that does not meet in that period: 400" status_is 400
check "... naming the period" json_is .field period
put_lesson teach7a 9 7A/Ma1 "$U7A1:/"
check "a period the day does not have: 400" status_is 400
check "... says so" body_has "has no period 9"
req teach7a PUT "/api/lessons/$TODAY/1/7A/Nope" "{\"marks\":$(marks_json "$U7A1:/")}"
check "an unknown class: 404" status_is 404
req teach7a PUT "/api/lessons/2026-11-28/1/7A/Ma1" "{\"marks\":$(marks_json "$U7A1:/")}"
check "a Saturday: 400" status_is 400
put_lesson teach7a 1 7A/Ma1 "$U7A1:/" "$U7B1:/"
check "a pupil not in the class: 400" status_is 400
check "... naming the mark" json_is .field 'marks[1].upn'
check "... and the class" body_has "not in class 7A/Ma1"
put_lesson teach7a 1 7A/Ma1 "$U7A1:/" "$U7A1:N"
check "a pupil twice: 400" status_is 400
put_lesson teach7a 1 7A/Ma1 "$U7A1:ZZ"
check "a code that does not exist: 400" status_is 400
put_lesson teach7a 1 7A/Ma1 "$U7A1:/:5"
check "minutes late with present: 400" status_is 400
req teach7a PUT "/api/lessons/2026-12-04/1/7A/Ma1" "{\"marks\":$(marks_json "$U7A1:N")}"
check "next week's lesson: 400" status_is 400
check "... it is not open yet" body_has "not open yet"
req teach7a PUT "/api/lessons/$TODAY/1/7A/Ma1" '{"marks":[{"upn":"'$U7A1'","code":"/"}],"colour":1'
check "malformed JSON: 400" status_is 400
check "nothing of any of them was written" test "$(lesson_marks)" = 0

# --- the day: AM register in form time, then lessons ---
req teach7a PUT "/api/registers/7A/$TODAY/AM" "{\"marks\":$(marks_json "$U7A1:/" "$U7A2:/" "$U7A3:/" "$U7A4:N" "$U7A5:/")}"
check "the form's AM register is taken" status_is 200
put_lesson teach7a 1 7A/Ma1 "$U7A1:/" "$U7A2:/" "$U7A3:/" "$U7A4:N" "$U7A5:/"
check "period 1 is taken" status_is 200
check "... nobody missing: Dan was not seen yet" json_is '.missing | length' 0
put_lesson teach7b 2 7A/En1 "$U7A1:/" "$U7A2:/" "$U7A3:/" "$U7A4:L:10" "$U7A5:/"
check "period 2 is taken (Dan arrives, 10 minutes late)" status_is 200
put_lesson teach7a 3 7A/Ma1 "$U7A1:N" "$U7A2:/" "$U7A3:N" "$U7A4:/" "$U7A5:/"
check "period 3 is taken" status_is 200
check "... Amy and Cara, seen in period 2, are missing now" json_is '[.missing[].upn] | join(",")' "$U7A1,$U7A3"
check "... last seen in period 2" json_is '.missing[0].last_seen' "last seen present in period 2 (7A/En1, room E2, teach7b)"
check "the lesson marks keep their history" test "$(sql "select count(*) from lesson_mark_history")" = 15

req office GET "/api/missing?date=$TODAY"
check "the office's missing-now list holds them" json_is '[.missing[].upn] | sort | join(",")' "$(printf '%s\n' "$U7A1" "$U7A3" | sort | paste -sd,)"
check "... unresolved" json_is '[.missing[].resolved_at] | unique | .[0]' null
req office GET "/missing?date=$TODAY"
check "the missing page names them" body_has "Adams, Amy"
check "... and where they were last seen" body_has "present in period 2 (7A/En1"
req hoy7 GET /api/alerts
check "the head of year 7 is alerted about both" json_is '[.[] | select(.kind == "missing") | .upn] | length' 2
req hoy8 GET /api/alerts
check "the head of year 8 is not" json_is '[.[] | select(.kind == "missing")] | length' 0
req dsl GET /api/alerts
check "the DSL is alerted about the flagged pupil only" json_is '[.[].upn] | join(",")' "$U7A3"
req teach7a GET /api/alerts
check "a teacher sees no missing alerts" json_is '[.[] | select(.kind == "missing")] | length' 0
check "the alerts were handed to delivery after the commit" grep -q "alert [0-9]* (missing) for dsl" "$T/serve.log"

# --- a register not taken ten minutes in: on the list, and a reminder ---
req office GET "/api/missing?date=$TODAY"
check "registers not taken: 7B Science P1 and 8A History P2" json_is '[.registers_not_taken[] | .class + " P" + .period] | join(",")' "7B/Sc1 P1,8A/Hi1 P2"
for _ in $(seq 1 40); do
  req teach7b GET /api/alerts
  [ "$(jq 'length' "$T/body")" -gt 0 ] && break
  sleep 0.1
done
# (open ones: a register taken after a reminder was raised has its reminder resolved)
check "the teacher gets a reminder" json_is '[.[] | select(.kind == "register_not_taken" and .resolved_at == null) | .class + " P" + .period] | join(",")' "7B/Sc1 P1"
check "... not about lessons still to come (P4)" bash -c "! grep -q '\"period\":\"4\"' '$T/body'"

# --- the statutory mark from the registration lesson ---
sql "insert into settings values (1, 'register.mode', 'lesson', 'test', 'now')"
sleep 1.2 # the server notices another program's write within a second
put_lesson teach7b 1 7B/Sc1 "$U7B1:/" "$U7B2:L:5" "$U7B3:N"
check "7B's registration lesson is taken" status_is 200
check "... and three AM marks derived from it" json_is .derived 3
req office GET "/api/registers/7B/$TODAY/AM"
check "the AM marks are the lesson's (L with minutes from 09:00)" json_is '[.pupils[] | .code + (.minutes_late // "" | tostring)] | join(",")' "/,L5,N"
check "... recorded as from the lesson" test "$(sql "select group_concat(distinct source) from mark_history h join pupils p on p.id = h.pupil_id where p.upn in ('$U7B1','$U7B2','$U7B3')")" = "lesson:7B/Sc1"
req teach7b GET /api/alerts
check "taking it settles the reminder" json_is '[.[] | select(.resolved_at == null)] | length' 0
req office PUT "/api/registers/7B/$TODAY/AM" "{\"marks\":$(marks_json "$U7B3:I"),\"reason\":\"mum rang: flu\"}"
check "the office records a reason for the session" status_is 200
REASON="register corrected" put_lesson teach7b 1 7B/Sc1 "$U7B1:/" "$U7B2:L:5" "$U7B3:N"
check "the teacher saves the lesson again" status_is 200
check "... and the office's I stands (derivation never overwrites the office)" test "$(sql "select code from marks m join pupils p on p.id = m.pupil_id where p.upn = '$U7B3' and session = 'AM'")" = I
sql "delete from settings where key = 'register.mode'"

# --- disagreements and their resolution ---
req office GET "/api/disagreements?date=$TODAY"
check "the office sees where lesson and session marks disagree" json_is '[.[] | .upn + ":" + .period + ":" + .kind] | join(",")' \
  "$U7A4:2:present_in_lesson,$U7A4:3:present_in_lesson,$U7A1:3:absent_from_lesson,$U7A3:3:absent_from_lesson"
req office POST /api/disagreements "{\"upn\":\"$U7A4\",\"date\":\"$TODAY\",\"period\":\"2\",\"session\":\"I\",\"reason\":\"x\"}"
check "a resolution that leaves them disagreeing is refused" status_is 400
check "... saying why" body_has "would still disagree"
req office POST /api/disagreements "{\"upn\":\"$U7A4\",\"date\":\"$TODAY\",\"period\":\"2\",\"session\":\"U\",\"session_minutes\":70}"
check "a resolution needs a reason" status_is 400
check "... naming it" json_is .field reason
req office POST /api/disagreements "{\"upn\":\"$U7A4\",\"date\":\"$TODAY\",\"period\":\"2\",\"session\":\"U\",\"session_minutes\":70,\"reason\":\"arrived 10:10, signed in late\"}"
check "the office resolves Dan's: arrived after the register closed (U)" status_is 200
req office GET "/api/pupils/$U7A4/history?date=$TODAY&session=AM"
check "the AM history shows the teacher's N and the office's U" json_is '[.versions[] | .code + " by " + .recorded_by] | join(", ")' "N by teach7a, U by office"
req office POST /api/disagreements "{\"upn\":\"$U7A1\",\"date\":\"$TODAY\",\"period\":\"3\",\"lesson\":\"O\",\"reason\":\"left the site at break: seen by the caretaker\"}"
check "Amy's: the lesson mark becomes O (truanted), with the reason" status_is 200
check "... the lesson history keeps the teacher's N and the office's O" test \
  "$(sql "select group_concat(code || ' by ' || recorded_by, ', ') from (select h.code, h.recorded_by from lesson_mark_history h join pupils p on p.id = h.pupil_id where p.upn = '$U7A1' and h.period = '3' order by h.version) x")" = "N by teach7a, O by office"
check "... each version chained to the one before" test \
  "$(sql "select count(*) from lesson_mark_history a join lesson_mark_history b on b.pupil_id = a.pupil_id and b.date = a.date and b.period = a.period and b.version = a.version + 1 where b.prev_hash <> a.hash")" = 0
check "... and her missing alert is settled" test "$(sql "select count(*) from alerts a join pupils p on p.id = a.pupil_id where p.upn = '$U7A1' and resolved_at is null")" = 0
req office GET "/api/disagreements?date=$TODAY"
check "only Cara's is left (Dan's U settles his period 3 too)" json_is '[.[].upn] | join(",")' "$U7A3"
req office POST /api/disagreements "{\"upn\":\"$U7A1\",\"date\":\"$TODAY\",\"period\":\"3\",\"lesson\":\"/\",\"reason\":\"x\"}"
check "resolving one that agrees already: 409" status_is 409

# --- settling a missing pupil ---
id=$(sql "select a.id from alerts a join pupils p on p.id = a.pupil_id where p.upn = '$U7A3' and audience = 'office'")
req office POST "/alerts/$id" '' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "csrf=$(cat "$T/office.csrf")&resolution="
check "resolving needs what happened" status_is 400
req office POST "/alerts/$id" '' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "csrf=$(cat "$T/office.csrf")&resolution=found+in+the+library"
check "the office resolves Cara's alert" status_is 303
check "... for everyone it went to (office, head of year, DSL)" test "$(sql "select group_concat(audience || ':' || resolution) from (select audience, resolution from alerts where kind = 'missing' and (pupil_id, date, period, class_id) = (select pupil_id, date, period, class_id from alerts where id = $id) order by id) x")" = \
  "office:found in the library,head_of_year:found in the library,dsl:found in the library"
req office POST "/alerts/$id" '' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "csrf=$(cat "$T/office.csrf")&resolution=again"
check "... and only once (409)" status_is 409
req teach7a POST "/alerts/$id" '' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "csrf=$(cat "$T/teach7a.csrf")&resolution=x"
check "a teacher can't resolve the office's alert (404)" status_is 404
put_lesson teach7a 3 7A/Ma1 "$U7A3:/"
check "an amendment needs a reason" status_is 400
check "... naming it" json_is .field reason

# --- correcting a class's pupils ---
form_post() { req "$1" POST "$2" '' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "csrf=$(cat "$T/$1.csrf")&$3"; }
form_post lead /classes/7A/Ma1 "action=add&upn=$U7B1&from=$TODAY"
check "a pupil in another class at the same time is refused" status_is 400
check "... saying which" body_has "7B/Sc1"
form_post lead /classes/7A/Ma1 "action=remove&upn=$U7A5&from=$TODAY"
check "a pupil with lesson marks that day can't leave before them (409)" status_is 409
form_post office /classes/7A/Ma1 "action=add&upn=$U8A1&from=$TODAY"
check "the office can't change classes (403)" status_is 403
form_post lead /classes/7A/Ma1 "action=add&upn=$U8A1&from=$TODAY"
check "the attendance lead adds a pupil from today" status_is 303
req teach7a GET "/api/lessons/$TODAY/3/7A/Ma1"
check "... who is in the register at once" json_is '[.pupils[].upn] | index("'$U8A1'") != null' true
form_post lead /classes/7A/Ma1 "action=remove&upn=$U7A5&from=2026-11-30"
check "... and takes one out from Monday" status_is 303
check "... the change is in the audit log" test "$(sql "select count(*) from audit_log where action = 'class member'")" -ge 2
req lead GET /classes/7A/Ma1
check "the class page lists the pupils with their dates" body_has "2026-09-01 to 2026-11-29"

# --- pages ---
req teach7a GET "/lessons/$TODAY/3/7A/Ma1"
check "the lesson register page" status_is 200
check "... uses the register page and its keys" body_has 'id="register"'
check "... and saves to the lesson API" body_has 'data-api="/api/lessons/2026-11-27/3/7A/Ma1"'
req teach7b GET "/lessons/$TODAY/1/7B/Sc1"
check "the office's reason shows in the lesson register" body_has "Office: I"
req teach7a GET /today
check "the teacher's day lists their lessons" body_has 'href="/lessons/2026-11-27/3/7A/Ma1"'
req hoy7 GET "/lesson-patterns?year=7"
check "the head of year's view of year 7" status_is 200
req hoy7 GET "/lesson-patterns?year=8"
check "... but not year 8 (403)" status_is 403
req dsl GET "/pupils/$U7A3/lessons"
check "the DSL sees a pupil's lesson patterns" status_is 200
req teach7a GET "/api/pupils/$U7A1/lessons?from=2026-11-27&to=$TODAY"
check "the pupil's lesson figures: 3 lessons, 1 missed" json_is '.pupils[0].total.lessons,.pupils[0].total.absent' "$(printf '3\n1')"
finish
