#!/usr/bin/env bash
# Leave of absence in term time (issue 12): a parent asks (bad input
# refused, nothing written); only the head teacher decides, or the roles of
# the setting leave_deciders; granting records the leave code on every
# session (a session already marked otherwise is kept), refusing records
# none; either way a letter in the parent's language states the days and
# lessons; every decision is kept (append-only); refused leave that is then
# taken shows as N on the register, and the office applies G.
source "$(dirname "$0")/lib.sh"
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(cd "$(dirname "$0")/../comms" && pwd)/lsan.supp}
start_school || exit 1
echo "$PASSWORD" | "$ATTEND" user add greta --role parent --children "$U7B1" --password-stdin >/dev/null

# On Friday 20 November Ann asks leave for Monday 23 and Tuesday 24.
export ATTEND_NOW=2026-11-20T16:00
start_server
signin parent
signin head
signin office
signin lead
ask() { req parent POST /api/family/leave "$1"; }
ask '{"from":"2026-11-23","to":"2026-11-24"}'
check "a reason is required" json_is .error "Please tell the head teacher why the leave is needed."
ask '{"from":"2026-11-20","to":"2026-11-20","reason":"a family funeral"}'
check "leave is asked for before it starts" json_is .field from
ask '{"from":"2026-12-19","to":"2027-01-01","reason":"a family funeral"}'
check "the Christmas holiday needs no leave" json_is .error "There are no school days from Saturday 19 December 2026 to Friday 1 January 2027, so no leave is needed."
ask '{"from":"2026-11-24","to":"2026-11-23","reason":"a family funeral"}'
check "the last day may not be before the first" json_is .field to
ask '{"from":"2028-01-10","reason":"a family funeral"}'
check "more than a year ahead is refused" json_is .field to
check "nothing was written" test "$(sql 'select count(*) from leave_requests')" = 0
ask '{"from":"2026-11-23","to":"2026-11-24","reason":"a family wedding in Poland"}'
check "Ann asks for Monday and Tuesday" status_is 201
check "... 4 sessions" json_is .sessions 4
check "... 2 days, about 10 lessons" json_is .days_lessons "2 days (about 10 lessons)"
REFUSED=$(jq -r .id "$T/body")
ask '{"from":"2026-11-24","reason":"a family wedding"}'
check "a second request over the same days is 409" status_is 409

req office POST "/api/leave/$REFUSED" '{"decision":"refuse","reason":"not exceptional"}'
check "the office can't decide leave (403)" status_is 403
check "... saying who does" json_is .error "leave is decided by the head teacher (setting leave_deciders): your account (office) can't decide it"
req lead POST "/api/leave/$REFUSED" '{"decision":"refuse","reason":"not exceptional"}'
check "nor the attendance lead, by default" status_is 403
req head POST "/api/leave/$REFUSED" '{"decision":"refuse"}'
check "a decision needs its reason" json_is .field reason
req head POST "/api/leave/$REFUSED" '{"decision":"refuse","code":"C","reason":"x"}'
check "a refusal records no code" json_is .error "a refusal records no code"
req head POST "/api/leave/$REFUSED" '{"decision":"grant","code":"G","reason":"x"}'
check "G is not a leave code" json_is .error "code 'G' is not a leave code (C, C1, M, J1, S, T, R)"
req head POST "/api/leave/$REFUSED" '{"decision":"refuse","reason":"A wedding is not an exceptional circumstance, though we know how much it matters."}'
check "the head teacher refuses it" json_is .status refused
check "... kept with who, in what role, when and why" json_is '.decision | "\(.decided_by) \(.decided_role) \(.decision)"' "head head refused"
check "... and the letter is queued" json_is '.decision.outbox_id != null' true
LETTER=$(jq -r .decision.outbox_id "$T/body")
req head GET "/leave/$REFUSED/letter"
check "... a PDF" header_has "Content-Type: application/pdf"
cp "$T/body" "$T/refused.pdf"
req head GET "/outbox/$LETTER/pdf"
check "... the very letter of the outbox" cmp -s "$T/body" "$T/refused.pdf"
pdftotext "$T/refused.pdf" "$T/refused.txt"
check "the letter is to Ann, about Amy" grep -q "Leave of absence for Amy" "$T/refused.txt"
check "... states the days and lessons the leave would miss" grep -q "The leave would mean missing 2 days (about 10 lessons) of school" <(tr '\n' ' ' <"$T/refused.txt")
check "... gives the head teacher's reason" grep -q "A wedding is not an exceptional circumstance" "$T/refused.txt"
check "... and the dates" grep -q "Monday 23 November 2026 to Tuesday 24 November 2026" <(tr '\n' ' ' <"$T/refused.txt")
req head POST "/api/leave/$REFUSED" '{"decision":"grant","reason":"changed my mind"}'
check "a decision is final (409)" status_is 409
check "decisions can't be changed" db_refuses "leave decisions are append-only" "update leave_decisions set decision = 'granted'"
check "... nor deleted" db_refuses "leave decisions are append-only" "delete from leave_decisions"

# Alan (Amy's father) gets no letters from the school: the decision stands,
# and the office sees why no letter went.
echo "$PASSWORD" | "$ATTEND" user add alan --role parent --children "$U7A1:2" --password-stdin >/dev/null
signin alan
req alan POST /api/family/leave '{"from":"2026-12-14","reason":"a hospital visit abroad"}'
NO_LETTER=$(jq -r .id "$T/body")
req head POST "/api/leave/$NO_LETTER" '{"decision":"refuse","reason":"Not exceptional."}'
check "a refusal for a contact who gets no letters is recorded" json_is .status refused
check "... with no letter, and why" json_is .decision.letter_note "no letter: contact 2 of pupil $U7A1 (Alan Adams) does not receive the school's letters (receives_mail is N)"
req head GET "/leave/$NO_LETTER"
check "... which the leave page says" body_has "no letter: contact 2 of pupil"

# Greta (Polish) asks for 7 to 9 December; the head grants it.
signin greta
req greta POST /api/family/leave '{"from":"2026-12-07","to":"2026-12-09","to_session":"AM","reason":"pogrzeb w rodzinie"}'
check "Greta asks for two and a half days" json_is .days_lessons "2,5 dnia (około 13 lekcji)"
GRANTED=$(jq -r .id "$T/body")
"$ATTEND" settings set leave_deciders "head,attendance_lead" --by admin >/dev/null
sleep 1.2 # the server sees the setting changed
req lead POST "/api/leave/$GRANTED" '{"decision":"grant","reason":"Zgoda: pogrzeb to wyjątkowa sytuacja."}'
check "with leave_deciders head,attendance_lead the lead decides" json_is .status granted
check "... recorded as C by default" json_is .decision.code C
check "... in the lead's role" json_is .decision.decided_role attendance_lead
check "the five sessions are coded C, ahead of time" test "$(sql "select group_concat(m.code) from marks m join pupils p on p.id = m.pupil_id where p.upn = '$U7B1' and m.date between '2026-12-07' and '2026-12-09'")" = "C,C,C,C,C"
check "... each with the decision as its reason" test "$(sql "select count(*) from mark_history where reason like 'leave request #$GRANTED granted by lead: %' and source = 'leave:$GRANTED'")" = 5
LETTER2=$(jq -r .decision.outbox_id "$T/body")
check "the letter is in Polish, Greta's language" test "$(sql "select language || ' ' || subject from outbox where id = $LETTER2")" = "pl Zwolnienie z zajęć: Gus Green - zgoda"
req head GET "/leave/$GRANTED"
check "the leave page shows the decision and each session" body_has "recorded C"
req greta POST /api/family/leave '{"from":"2026-11-23","to":"2026-11-24","reason":"a hospital appointment in Warsaw"}'
LATE_GRANT=$(jq -r .id "$T/body")
check "Greta asks for Monday and Tuesday too" status_is 201

# The refusal stands; Amy is away on Monday and Tuesday anyway.
stop_server
export ATTEND_NOW=2026-11-25T10:00
start_server
signin teach7a
signin teach7b
signin office
signin parent
for d in 2026-11-23 2026-11-24; do
  for s in AM PM; do
    req teach7a PUT "/api/registers/7A/$d/$s" "{\"marks\":$(marks_json "$U7A1:N")}"
  done
done
req teach7b PUT "/api/registers/7B/2026-11-23/AM" "{\"marks\":$(marks_json "$U7B1:/")}"
req teach7b PUT "/api/registers/7B/2026-11-23/PM" "{\"marks\":$(marks_json "$U7B1:N")}"
signin head
req head POST "/api/leave/$LATE_GRANT" '{"decision":"grant","code":"M","reason":"A hospital appointment."}'
check "leave granted after its first day, as M" json_is .decision.code M
check "... Monday morning (present) is kept, Monday afternoon's N amended, Tuesday recorded" \
  test "$(sql "select group_concat(state || ':' || detail, '; ') from leave_sessions where request_id = $LATE_GRANT")" = \
  "kept:already marked / (present): kept; applied:was N: amended to M; applied:recorded M; applied:recorded M"
check "the register says N on the four sessions of refused leave" test "$(sql "select count(*) from marks m join pupils p on p.id = m.pupil_id where p.upn = '$U7A1' and m.code = 'N'")" = 4
req office GET /api/leave
check "the office sees the four sessions of refused leave taken" json_is '[.unauthorised[] | select(.upn == "'"$U7A1"'")] | length' 4
req office GET /leave
check "... on the leave page, with one action" body_has "Record G on 4 sessions"
req office POST "/api/leave/$REFUSED/unauthorised" '{}'
check "applying G says how many sessions the office saw" json_is .field sessions
req office POST "/api/leave/$REFUSED/unauthorised" '{"sessions":3}'
check "... and refuses if the register changed meanwhile (409)" status_is 409
check "... leaving the marks as they were" test "$(sql "select count(*) from marks where code = 'G'")" = 0
req office POST "/api/leave/$REFUSED/unauthorised" '{"sessions":4}'
check "the office applies G" json_is .applied 4
check "... the N stays in the history, with the refusal named" test "$(sql "select count(*) from mark_history where code = 'G' and reason like 'absent on a day of leave refused by head on 2026-11-20 (leave request #$REFUSED): %'")" = 4
req office GET /api/leave
check "... and the list is empty" json_is '.unauthorised | length' 0
req office POST "/api/leave/$GRANTED/unauthorised" '{"sessions":1}'
check "G is only for refused leave (409)" status_is 409
req parent GET /family/requests
check "Ann sees the refusal and its reason" body_has "Not agreed: A wedding is not an exceptional circumstance"
req parent GET /family/messages
check "... and the letter" body_has "Leave of absence for Amy"

# The family's figures are attend stats' and attend trends' own.
"$ATTEND" stats --json >"$T/stats.json"
"$ATTEND" trends --upn "$U7A1" --json >"$T/trends.json"
req parent GET "/api/family/$U7A1"
check "this year's attendance is attend stats' figure" \
  json_is .periods.this_year.attendance_pct "$(jq -r ".pupils[] | select(.upn == \"$U7A1\") | .attendance_pct" "$T/stats.json")"
check "... absence in sessions too" \
  json_is .periods.this_year.absence "$(jq -r ".pupils[] | select(.upn == \"$U7A1\") | .authorised + .unauthorised" "$T/stats.json")"
check "the way back to 90% is attend trends' (days needed)" \
  json_is .back_to_90.days_needed "$(jq -r '.pupils[0].recovery.days_needed' "$T/trends.json")"
check "... and the day it is reached" \
  json_is .back_to_90.reached_on "$(jq -r '.pupils[0].recovery.reached_on' "$T/trends.json")"
check "the school band of 0% attendance is the lowest" json_is .school_band.name "Severe absence"
finish
