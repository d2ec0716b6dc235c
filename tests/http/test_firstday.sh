#!/usr/bin/env bash
# The first-day response over HTTP: the queue (flagged pupils first, the
# step due, who does it, what was done), each step with its contact log
# entry, the first-day message through the outbox (once), the escalation
# tasks and who sees them, N overdue after 5 school days, and bad input
# refused with nothing written.
source "$(dirname "$0")/lib.sh"
start_school || exit 1
family_school || exit 1
# Ben is flagged for safeguarding; Jade (8A) was N yesterday
cat >"$T/flag.csv" <<CSV
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal,safeguarding
$U7A2,Brown,Ben,2015-02-11,M,7,7A,2026-09-01,,Y,Y,N,N,Y
CSV
"$ATTEND" import pupils "$T/flag.csv" >/dev/null || exit 1
ATTEND_NOW=2026-11-26T09:10 "$ATTEND" mark "$U8A1" 2026-11-26 AM N --by office >/dev/null || exit 1
# N on Wednesday 18 (7 school days ago: overdue) and Friday 20 (5: not yet)
"$ATTEND" mark "$U7B1" 2026-11-18 PM N --by office >/dev/null || exit 1
"$ATTEND" mark "$U7B2" 2026-11-20 AM N --by office >/dev/null || exit 1
start_server
signin office
signin teach7a
signin teach7b
signin hoy8
signin governor

actions() { sql 'select count(*) from first_day_actions'; }
pupil() { echo "(.pupils[] | select(.upn == \"$1\"))"; }
logged() { sql 'select count(*) from contact_log'; }

# 09:10: the 7A register has Ben and Amy N (Amy was marked at 09:00 by the CLI)
req teach7a PUT "/api/registers/7A/$TODAY/AM" "{\"marks\":$(marks_json "$U7A1:N" "$U7A2:N" "$U7A3:/" "$U7A4:/" "$U7A5:/")}"
check "the register is taken" status_is 200
req teach7a PUT "/api/registers/8A/$TODAY/AM" "{\"marks\":$(marks_json "$U8A1:N" "$U8A2:/")}"
check "a teacher can't take another form's register" status_is 403
signin admin
req admin PUT "/api/registers/8A/$TODAY/AM" "{\"marks\":$(marks_json "$U8A1:N" "$U8A2:/")}"
check "8A's register is taken: Jade N again" status_is 200

req office GET /api/first-day
check "the queue: 200" status_is 200
check "Ben (safeguarding) first, then Jade (day 2), then Amy" json_is '[.pupils[].upn] | join(",")' "$U7A2,$U8A1,$U7A1"
check "... Ben is flagged" json_is '.pupils[0].flags' safeguarding
check "the step due: the message by 09:30, the office's" json_is "$(pupil $U7A1).due"' | "\(.step) \(.by) \(.owner) \(.late)"' "message 09:30 Office false"
check "Amy: day 1, the tutor's" json_is "$(pupil $U7A1)"' | "\(.run) \(.escalation) \(.task_id != null)"' "1 tutor true"
check "Jade: day 2 (Thursday and Friday), the head of year's" json_is "$(pupil $U8A1)"' | "\(.run) \(.escalation)"' "2 head_of_year"
check "Ben has one working contact" json_is '.pupils[0].working_contacts' 1
check "N overdue: Gus's of Wednesday 18, 7 school days ago" json_is '[.overdue[] | "\(.upn) \(.date) \(.session) \(.school_days)"] | join(",")' "$U7B1 2026-11-18 PM 7"
req office GET /first-day
check "the queue's page: 200" status_is 200
check "... Ben's card is marked" body_has "class=\"fd card flagged\" id=\"fd-$U7A2\""
check "... the overdue N listed" body_has "id=\"overdue-n\""
check "... with Gus" body_has "Green, Gus"
req office GET /office
check "the office page lists the overdue N too" body_has "Green, Gus"
req office GET "/first-day?date=2026-11-28"
check "the queue of a Saturday: 400" status_is 400
check "... saying why" body_has "not a school day"

# escalation tasks, and who sees them
req teach7a GET /api/tasks
check "the 7A tutor has Amy's and Ben's day-1 tasks" json_is '[.[] | select(.mine) | .title] | join(" / ")' \
  "Tutor call: Amy Adams (7A), day 1 absent with no reason / Tutor call: Ben Brown (7A), day 1 absent with no reason"
req teach7b GET /api/tasks
check "the 7B tutor has none" json_is 'length' 0
req hoy8 GET /api/tasks
check "the year 8 head has Jade's day 2" json_is '[.[] | .title] | join(",")' "Head of year call: Jade Jones (8A), day 2 absent with no reason"
req office GET /api/tasks
check "the office sees every task, none of them theirs" json_is '[.[] | select(.mine)] | length' 0
check "... all five: the four calls and telling the LA of Fay's admission in December" json_is 'length' 5
req governor GET /api/tasks
check "a governor sees no tasks" status_is 403
AMY_TASK=$(sql "select t.id from tasks t join pupils p on p.id = t.pupil_id where p.upn = '$U7A1'")
JADE_TASK=$(sql "select t.id from tasks t join pupils p on p.id = t.pupil_id where p.upn = '$U8A1' and t.day_number = 2")
req teach7b POST "/api/tasks/$AMY_TASK/done" '{"result":"reached","contact":1}'
check "another form's tutor can't finish the task: 404" status_is 404
req hoy8 GET /tasks
check "the head of year's task page" body_has "Head of year call: Jade Jones"
check "... not the tutor's" bash -c "! grep -q 'Amy Adams' '$T/body'"

# steps: each writes an action, a call the contact log too
A0=$(actions); L0=$(logged)
form office "/first-day/$U7A1/calls" "result=no_answer&contact=2"
check "a call with no answer: 303 back to the queue" status_is 303
check "... at Amy's card" header_has "Location: /first-day?done=no_answer#fd-$U7A1"
check "... recorded" test "$(actions)" = $((A0 + 1))
check "... and in the contact log" test "$(logged)" = $((L0 + 1))
check "... as a call to Alan" test "$(sql "select channel || ' ' || contact_name || ': ' || outcome from contact_log order by id desc limit 1")" = "call Alan Adams, father: First-day call: No answer"
req office GET /api/first-day
check "a call is not the message: Amy's message is still due" json_is "$(pupil $U7A1).due.step" message
form office "/first-day/$U7A1/calls" "result=reached&contact=1&note=Mum%3A+flu"
check "a call that reached Mum" status_is 303
req office GET /api/first-day
check "Amy: contact made, nothing more due" json_is "$(pupil $U7A1)"' | "\(.contacted) \(.due)"' "true null"
check "... the actions in order" json_is "[$(pupil $U7A1).actions[]"' | "\(.step):\(.result)"] | join(",")' "calls:no_answer,calls:reached"

# the first-day message: previewed, sent once through the outbox
req office GET "/first-day/$U7A2/message"
check "Ben's first-day message is previewed" status_is 200
check "... the text to Bea's mobile" body_has "Ben is not in school today"
check "... by text" body_has "+447700900222"
O0=$(sql 'select count(*) from outbox')
form office "/first-day/$U7A2/message" "result=sent&template=first-day-absence&contact=1&next=%2Ffirst-day%23fd-$U7A2"
check "sent: 303" status_is 303
check "... in the outbox, queued" test "$(sql "select status || ' ' || template || ' ' || recipient from outbox order by id desc limit 1")" = "queued first-day-absence +447700900222"
check "... the step has its message" test "$(sql "select count(*) from first_day_actions a join outbox o on o.id = a.outbox_id where a.step = 'message'")" = 1
A1=$(actions)
form office "/first-day/$U7A2/message" "result=sent&template=first-day-absence&contact=1"
check "sent twice: 409" status_is 409
check "... saying it was sent" body_has "already done today"
check "... and no second text" test "$(sql 'select count(*) from outbox')" = $((O0 + 1))
check "... nor a second action" test "$(actions)" = "$A1"
req office POST "/api/first-day/$U7A2/message" '{"template":"first-day-absence","contact":1}'
check "... through the API too: 409" status_is 409
check "... naming result" json_is .field result

# the welfare visit: a reason or what it found
req office POST "/api/first-day/$U7A2/visit" '{"result":"no_visit"}'
check "no visit without saying why: 400" status_is 400
check "... naming note" json_is .field note
check "... nothing written" test "$(actions)" = "$A1"
req office POST "/api/first-day/$U7A2/visit" '{"result":"no_visit","note":"Mum texted back: dentist"}'
check "no visit needed, and why" status_is 200
req office POST "/api/first-day/$U7A2/visit" '{"result":"visited","note":"x"}'
check "a second visit decision: 409" status_is 409

# bad input: clear errors, nothing written
A2=$(actions); L2=$(logged)
nothing() { [ "$(actions)" = "$A2" ] && [ "$(logged)" = "$L2" ]; }
refused() { # refused WHAT STATUS FIELD METHOD PATH [BODY]
  local what=$1 status=$2 field=$3
  shift 3
  req office "$@"
  check "$what: $status" status_is "$status"
  [ "$field" != - ] && check "... naming $field" json_is .field "$field"
  check "... nothing written" nothing
}
refused "a step that is not one" 404 step POST "/api/first-day/$U7A1/lunch" '{"result":"reached"}'
refused "a result of another step" 400 result POST "/api/first-day/$U7A1/calls" '{"result":"visited","note":"x"}'
refused "no result" 400 result POST "/api/first-day/$U7A1/calls" '{}'
refused "a contact who is not one" 400 contact POST "/api/first-day/$U8A1/calls" '{"result":"reached","contact":7}'
refused "no contact for a call" 400 contact POST "/api/first-day/$U8A1/calls" '{"result":"reached"}'
refused "a contact number out of range" 400 contact POST "/api/first-day/$U8A1/calls" '{"result":"reached","contact":100}'
refused "a pupil with a reason (Cara is present)" 409 upn POST "/api/first-day/$U7A3/calls" '{"result":"reached","contact":1}'
refused "an unknown pupil" 404 upn POST "/api/first-day/A999999999999/calls" '{"result":"reached","contact":1}'
refused "a note that is not text" 400 note POST "/api/first-day/$U8A1/visit" '{"result":"no_visit","note":5}'
refused "a contact that is not a number" 400 contact POST "/api/first-day/$U8A1/calls" '{"result":"reached","contact":true}'
refused "a message with no template" 400 template POST "/api/first-day/$U8A1/message" '{"contact":1}'
refused "a message with another template" 400 template POST "/api/first-day/$U8A1/message" '{"template":"concern-letter","contact":1}'
refused "a note too long" 400 note POST "/api/first-day/$U8A1/calls" "{\"result\":\"reached\",\"contact\":1,\"note\":\"$(head -c 1100 /dev/zero | tr '\0' x)\"}"
req - POST "/api/first-day/$U8A1/calls" '{"result":"reached","contact":1}' -b "$T/office.jar"
check "no CSRF token: 403" status_is 403
check "... naming csrf" json_is .field csrf
check "... nothing written" nothing
req - POST "/api/first-day/$U8A1/calls" '{"result":"reached","contact":1}' -b "$T/office.jar" -H "X-CSRF-Token: $(cat "$T/teach7a.csrf")"
check "another session's CSRF token: 403" status_is 403
check "... nothing written" nothing
req office POST "/first-day/$U8A1/calls" '' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "result=reached&contact=1"
check "a form without its CSRF field: 403" status_is 403
check "... nothing written" nothing
form office "/first-day/$U8A1/calls" "result=reached&contact=1&note=%FF%FE"
check "malformed UTF-8 in a form: 400" status_is 400
check "... nothing written" nothing
form office "/first-day/$U8A1/calls" "result=maybe&contact=1"
check "a form with a result that is not one: 400, the queue again" status_is 400
check "... saying what is allowed" body_has "reached or no_answer"
check "... nothing written" nothing
req teach7a POST "/api/first-day/$U7A1/calls" '{"result":"reached","contact":1}'
check "a teacher can't record first-day steps: 403" status_is 403
check "... nothing written" nothing

# a task done: a call in the contact log; done once
L3=$(logged)
req teach7a POST "/api/tasks/$AMY_TASK/done" '{"result":"bad"}'
check "a task with a result that is not one: 400" status_is 400
req teach7a POST "/api/tasks/$AMY_TASK/done" '{"result":"done"}'
check "done without a note: 400" status_is 400
check "... naming note" json_is .field note
req teach7a POST "/api/tasks/$AMY_TASK/done" '{"result":"reached"}'
check "a call with no contact: 400" status_is 400
req teach7a POST "/api/tasks/$AMY_TASK/done" '{"result":"reached","contact":9}'
check "a contact who is not Amy's: 400" status_is 400
check "... the task still open, nothing logged" test "$(sql "select state from tasks where id = $AMY_TASK")/$(logged)" = "open/$L3"
req teach7a POST "/api/tasks/$AMY_TASK/done" '{"result":"reached","contact":1,"note":"Mum: flu"}'
check "the tutor's call: done" status_is 200
check "... in the contact log" test "$(logged)" = $((L3 + 1))
check "... the task done by the tutor" test "$(sql "select state || ' ' || done_by || ' ' || outcome from tasks where id = $AMY_TASK")" = "done teach7a Called: reached. Mum: flu"
req teach7a POST "/api/tasks/$AMY_TASK/done" '{"result":"reached","contact":1}'
check "done twice: 409" status_is 409
form hoy8 "/tasks/$JADE_TASK/done" "result=no_answer&contact=1"
check "the head of year's task from the page: 303" status_is 303
check "... back to the tasks" header_has "Location: /tasks?done=task"

# a reason recorded clears the pupil from the queue and closes the tasks of that day
BEN_TASK=$(sql "select t.id from tasks t join pupils p on p.id = t.pupil_id where p.upn = '$U7A2'")
form office "/pupils/$U7A2/absence" "from=$TODAY&from_session=AM&to=$TODAY&to_session=PM&code=M&note=dentist&contact=1&channel=text&next=%2Ffirst-day"
check "Ben's reason: 303 to the queue" status_is 303
check "... saying so" header_has "Location: /first-day?done=report"
req office GET /api/first-day
check "Ben has left the queue" json_is '[.pupils[].upn] | join(",")' "$U8A1,$U7A1"
check "... and is among the resolved" json_is '[.resolved[].upn] | join(",")' "$U7A2"
check "Ben's tutor task closed itself" test "$(sql "select state || ': ' || outcome from tasks where id = $BEN_TASK")" = "closed: the absence has a reason now (M, by office)"

# escalation follows the setting, and school days: Monday is day 3 for Jade
stop_server
"$ATTEND" settings set escalation office,head_of_year,head_of_year >/dev/null
export ATTEND_NOW=2026-11-30T09:05
start_server
signin admin
signin hoy8
req admin PUT "/api/registers/8A/2026-11-30/AM" "{\"marks\":$(marks_json "$U8A1:N" "$U8A2:/")}"
check "Monday's 8A register" status_is 200
check "day 3 after the weekend: the head of year again, by the setting" test "$(sql "select day_number || ' ' || assignee_role || ' ' || scope_year || ' ' || absence_date from tasks order by id desc limit 1")" = "3 head_of_year 8 2026-11-30"
req admin PUT "/api/registers/7A/2026-11-30/AM" "{\"marks\":$(marks_json "$U7A1:/" "$U7A2:N" "$U7A3:/" "$U7A4:/" "$U7A5:/")}"
check "Ben N on Monday (Friday had a reason): day 1, the office's by the setting" test "$(sql "select day_number || ' ' || assignee_role || ' ' || coalesce(scope_form, '-') from tasks order by id desc limit 1")" = "1 office -"
req hoy8 GET /api/tasks
check "the head of year: Jade's day 3 (day 2 is done)" json_is '[.[] | select(.state == "open") | .day] | join(",")' 3
finish
