#!/usr/bin/env bash
# Families over HTTP: a parent's reason recorded (the codes set through
# app/absence), the contact log on the pupil's page (add, amend with a
# reason, every version kept), a message previewed then sent to the outbox,
# the outbox with its letters' PDFs and decisions, the pupils with fewer
# than two working contacts, the templates; scope, and bad input refused
# with nothing written.
source "$(dirname "$0")/lib.sh"
start_school || exit 1
family_school || exit 1
"$ATTEND" mark "$U7A2" "$TODAY" AM N --by teach7a >/dev/null || exit 1
start_server
signin office
signin teach7a
signin teach7b
signin hoy8

code_of() { sql "select m.code from marks m join pupils p on p.id = m.pupil_id where p.upn = '$1' and m.date = '$2' and m.session = '$3'"; }
reports() { sql 'select count(*) from absence_reports'; }
logged() { sql 'select count(*) from contact_log'; }
outbox() { sql 'select count(*) from outbox'; }

# ---- a parent's reason ----
req office GET "/pupils/$U7A2/absence"
check "the reason form" status_is 200
check "... today, the whole day" body_has "name=\"from\" value=\"$TODAY\" required"
check "... Bea is the first contact" body_has "<option value=\"1\" selected>Bea Brown, mother</option>"
R0=$(reports)
bad_report() { # bad_report WHAT FIELDS EXPECT
  form office "/pupils/$U7A2/absence" "$2"
  check "$1: 400" status_is 400
  check "... saying $3" body_has "$3"
  check "... the form again" body_has 'id="absence"'
  check "... nothing written" test "$(reports)/$(code_of "$U7A2" "$TODAY" AM)" = "$R0/N"
}
OK="from_session=AM&to_session=PM&code=I&channel=call"
bad_report "no from date" "to=$TODAY&$OK&contact=1" "from is required"
bad_report "a date that is not one" "from=2026-02-30&to=$TODAY&$OK&contact=1" "from"
bad_report "to before from" "from=$TODAY&to=2026-11-26&$OK&contact=1" "ends (2026-11-26 PM) before it starts"
bad_report "a holiday code" "from=$TODAY&to=$TODAY&from_session=AM&to_session=PM&code=G&contact=1&channel=call" "decided by the head teacher"
bad_report "a code that is not one" "from=$TODAY&to=$TODAY&from_session=AM&to_session=PM&code=ZZ&contact=1&channel=call" "not a register code"
bad_report "a session that is not one" "from=$TODAY&to=$TODAY&from_session=XM&to_session=PM&code=I&contact=1&channel=call" "from_session is AM or PM"
bad_report "a channel that is not one" "from=$TODAY&to=$TODAY&from_session=AM&to_session=PM&code=I&contact=1&channel=pigeon" "is not call, text"
bad_report "a contact who is not one" "from=$TODAY&to=$TODAY&$OK&contact=5" "no contact of priority 5"
bad_report "nobody who told" "from=$TODAY&to=$TODAY&from_session=AM&to_session=PM&code=I&channel=call" "say who reported it"
bad_report "the weekend only" "from=2026-11-28&to=2026-11-29&$OK&contact=1" "holds no school session"
form teach7a "/pupils/$U7A2/absence" "from=$TODAY&to=$TODAY&$OK&contact=1"
check "a teacher can't record a reason: 403" status_is 403
form office "/pupils/$U7A2/absence" "from=$TODAY&to=2026-12-01&$OK&contact=1&note=flu&expected_return=2026-12-02"
check "the reason recorded: 303" status_is 303
check "... back to the family page" header_has "Location: /pupils/$U7A2/family?done=report"
check "... the morning's N amended to I" test "$(code_of "$U7A2" "$TODAY" AM)" = I
# (its number: PostgreSQL's ids may have gaps where refused reports were)
check "... the amendment's reason names the report" test "$(sql "select reason from mark_history h join pupils p on p.id = h.pupil_id where p.upn = '$U7A2' and h.version = 2")" = "absence report #$(sql 'select max(id) from absence_reports') from Bea Brown, mother (call): flu"
check "... Monday's I pending until its register" test "$(sql "select group_concat(state, ',') from absence_report_sessions where date = '2026-11-30'")" = "pending,pending"
req office GET "/pupils/$U7A2/family?done=report"
check "the family page shows the report" body_has "Reported by Bea Brown, mother (call); back on 2026-12-02"
check "... and says it was recorded" body_has "The reason is recorded"

# ---- the contact log ----
L0=$(logged)
form teach7a "/pupils/$U7A1/contact-log" "channel=call&direction=out&to=1&outcome=Mum+says+Amy+is+poorly&follow_up=2026-11-30&next=%2Fpupils%2F$U7A1%2Ffamily"
check "a tutor logs a call: 303" status_is 303
check "... back where the form was" header_has "Location: /pupils/$U7A1/family?done=logged#contact-log"
check "... in the log" test "$(logged)" = $((L0 + 1))
ENTRY=$(sql "select max(entry) from contact_log")
check "... by the tutor, to Ann" test "$(sql "select staff || ' ' || contact_name || ' ' || follow_up from contact_log where entry = $ENTRY")" = "teach7a Ann Adams, mother 2026-11-30"
form teach7a "/pupils/$U7A1/contact-log" "channel=home_visit&to=&to_name=Neighbour&outcome=No+one+in&at=2026-11-27T08:40"
check "a visit, with someone not on the list, earlier today" status_is 303
check "... at 08:40" test "$(sql "select happened_at from contact_log order by id desc limit 1")" = "2026-11-27T08:40:00.000Z"
L1=$(logged)
bad_log() { # bad_log WHAT USER PATH FIELDS STATUS EXPECT
  form "$2" "$3" "$4"
  check "$1: $5" status_is "$5"
  check "... saying $6" body_has "$6"
  check "... nothing written" test "$(logged)" = "$L1"
}
bad_log "no channel" office "/pupils/$U7A1/contact-log" "to=1&outcome=x" 400 "channel &#39;&#39; is not one of"
bad_log "a channel that is not one" office "/pupils/$U7A1/contact-log" "channel=fax&to=1&outcome=x" 400 "not one of text, email, call"
bad_log "no outcome" office "/pupils/$U7A1/contact-log" "channel=call&to=1" 400 "outcome"
bad_log "nobody" office "/pupils/$U7A1/contact-log" "channel=call&outcome=x" 400 "say who the contact was with"
bad_log "a contact who is not one" office "/pupils/$U7A1/contact-log" "channel=call&to=9&outcome=x" 400 "no contact of priority 9"
bad_log "a time to come" office "/pupils/$U7A1/contact-log" "channel=call&to=1&outcome=x&at=2026-11-27T15:00" 400 "in the future"
bad_log "a time that is not one" office "/pupils/$U7A1/contact-log" "channel=call&to=1&outcome=x&at=yesterday" 400 "not a local time"
bad_log "a follow-up in the past" office "/pupils/$U7A1/contact-log" "channel=call&to=1&outcome=x&follow_up=2026-11-20" 400 "in the past"
bad_log "a tutor of another form" teach7b "/pupils/$U7A1/contact-log" "channel=call&to=1&outcome=x" 403 "not in the forms or years you see"
bad_log "a head of year of another year" hoy8 "/pupils/$U7A1/contact-log" "channel=call&to=1&outcome=x" 403 "not in the forms or years you see"
bad_log "an amendment with no reason" office "/pupils/$U7A1/contact-log/$ENTRY" "outcome=changed" 400 "needs a reason"
bad_log "an amendment of nothing" office "/pupils/$U7A1/contact-log/$ENTRY" "reason=typo" 400 "nothing to amend"
bad_log "an entry of another pupil" office "/pupils/$U7A2/contact-log/$ENTRY" "outcome=x&reason=y" 404 "has no contact log entry"
bad_log "an entry that is not a number" office "/pupils/$U7A1/contact-log/x1" "outcome=x&reason=y" 400 "entry"
form office "/pupils/$U7A1/contact-log/$ENTRY" "outcome=Mum+says+Amy+has+flu&reason=Mum+rang+back&clear_follow_up=Y"
check "an amendment with its reason: 303" status_is 303
check "... a new version; the first is kept" test "$(sql "select group_concat(version || ':' || outcome || ':' || coalesce(CAST(follow_up AS TEXT), '-'), ' | ') from contact_log where entry = $ENTRY")" \
  = "1:Mum says Amy is poorly:2026-11-30 | 2:Mum says Amy has flu:-"
req teach7a GET "/pupils/$U7A1/family"
check "the family page: the log's current version" body_has "Mum says Amy has flu"
check "... with its versions" body_has "Amended: 2 versions"
check "... why it changed" body_has "Mum rang back"
check "... and the contacts" body_has "Alan Adams"
check "... no office links for a teacher" bash -c "! grep -q '/absence\"' '$T/body'"
req teach7b GET "/pupils/$U7A1/family"
check "another form's tutor can't see the family page: 403" status_is 403
req hoy8 GET "/pupils/$U8A1/family"
check "the head of year sees their year's pupil's" status_is 200
check "... two working contacts: no warning" bash -c "! grep -q 'id=\"few-contacts\"' '$T/body'"
req office GET "/pupils/$U7A2/family"
check "Ben has one working contact: the page warns" body_has 'id="few-contacts"'

# ---- messages and the outbox ----
req office GET "/pupils/$U7A1/message"
check "the message page: templates to choose" status_is 200
check "... every template" body_has '<option value="support-meeting">'
req office GET "/pupils/$U7A1/message?template=support-meeting"
check "a template with a field to give, without it: 400" status_is 400
check "... saying which" body_has "uses {{meeting_when}}"
req office GET "/pupils/$U7A1/message?template=support-meeting&meeting_when=Tuesday+1+December+at+3pm"
check "... with it: the preview" status_is 200
check "... to Ann by email" body_has "ann@example.org"
check "... saying when" body_has "Tuesday 1 December at 3pm"
req office GET "/pupils/$U7A1/message?template=concern-letter&via=post&format=pdf"
check "a letter's PDF before sending" status_is 200
check "... a PDF" header_has "Content-Type: application/pdf"
check "... that is one" bash -c "head -c 5 '$T/body' | grep -q '%PDF-'"
req office GET "/pupils/$U7A1/message?template=no-such-thing"
check "a template that is not one: 404" status_is 404
O0=$(outbox)
form office "/pupils/$U7A1/message" ""
check "sending nothing: 400" status_is 400
check "... nothing queued" test "$(outbox)" = "$O0"
form office "/pupils/$U7A1/message" "template=support-meeting"
check "sending without the meeting's time: 400" status_is 400
check "... nothing queued" test "$(outbox)" = "$O0"
form office "/pupils/$U7A1/message" "template=first-day-absence&contact=2"
check "a text to a contact with no mobile: 400" status_is 400
check "... saying why" body_has "has no mobile number for a text"
check "... nothing queued" test "$(outbox)" = "$O0"
form office "/pupils/$U7A1/message" "template=support-meeting&meeting_when=Tuesday+1+December+at+3pm"
check "sent: 303 to the family page" status_is 303
check "... saying so" header_has "done=queued"
check "... queued in the outbox, by the office" test "$(sql "select status || ' ' || template || ' ' || recipient || ' ' || queued_by from outbox order by id desc limit 1")" = "queued support-meeting ann@example.org office"
form teach7a "/pupils/$U7A1/message" "template=support-meeting&meeting_when=x"
check "a teacher can't send messages: 403" status_is 403

req office GET /outbox
check "the outbox" status_is 200
check "... lists the letter to print, with its PDF" body_has '<a href="/outbox/1/pdf">PDF</a>'
check "... and the invitation" body_has "support-meeting"
check "... says no worker runs" body_has "No outbox worker is running"
req office GET "/outbox?status=to_print"
check "by status" bash -c "grep -q concern-letter '$T/body' && ! grep -q support-meeting '$T/body'"
req office GET "/outbox?status=lost"
check "a status that is not one: 400" status_is 400
req office GET /outbox/1/pdf
check "the letter's PDF: 200" status_is 200
check "... a PDF" header_has "Content-Type: application/pdf"
check "... to download" header_has 'Content-Disposition: attachment; filename="concern-letter-1.pdf"'
pdftotext "$T/body" - >"$T/letter.txt" 2>/dev/null
check "... the letter to Ann" grep -q "Ann Adams" "$T/letter.txt"
form office "/pupils/$U7A2/message" "template=first-day-absence&contact=1"
check "a text to Ben's mother" status_is 303
TEXT=$(sql 'select max(id) from outbox')
req office GET "/outbox/$TEXT/pdf"
check "a text has no PDF: 404" status_is 404
check "... saying so" body_has "not a letter"
req office GET /outbox/99
check "a message that is not there: 404" status_is 404
req office GET /outbox/abc
check "an id that is not a number: 400" status_is 400
L2=$(logged)
form office "/outbox/$TEXT" "action=resend"
check "sending again a queued message: 409" status_is 409
check "... saying why" body_has "only failed or unknown messages can be sent again"
form office /outbox/1 "action=burn"
check "an action that is not one: 400" status_is 400
check "... nothing changed" test "$(sql 'select status from outbox where id = 1')/$(logged)" = "to_print/$L2"
form office /outbox/1 "action=posted"
check "the letter posted: 303" status_is 303
check "... posted" test "$(sql 'select status from outbox where id = 1')" = posted
check "... in the contact log" test "$(logged)" = $((L2 + 1))
form office /outbox/1 "action=posted"
check "posted twice: 409" status_is 409
req office GET /outbox/1
check "one message's page" status_is 200
check "... its text" body_has "We are writing because we are worried about Amy"
req teach7a GET /outbox
check "a teacher can't see the outbox: 403" status_is 403

# ---- contacts missing, templates ----
req office GET /contacts/missing
check "fewer than two working contacts" status_is 200
check "... Ben, with one" body_has "Brown, Ben"
check "... not Amy, with two" bash -c "! grep -q 'Adams, Amy' '$T/body'"
check "... pupils with none" body_has "no contacts"
req office GET /templates
check "the templates" body_has "first-day-absence-email"
req office GET "/templates/first-day-absence?language=pl&upn=$U7A1"
check "a template in Polish, previewed for Amy" status_is 200
check "... the Polish text" body_has "nie ma dziś w szkole"
check "... for Amy" body_has "Amy nie ma"
req office GET "/templates/first-day-absence?language=xx"
check "a language that is not one: 400" status_is 400
req office GET /templates/nothing
check "a template that is not one: 404" status_is 404
finish
