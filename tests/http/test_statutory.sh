#!/usr/bin/env bash
# Statutory duties over HTTP: every export a download for the roles that own
# it (the same bytes as `attend export`), the evidence extract verified (and
# failing when the history was altered), notifications sent, told another
# way, or collected in the LA's file, leaving the admission register with a
# required ground, the transition view in the same order as the CLI's, the
# profile's section, and bad input refused with nothing changed. (Who may
# use each route is tests/http/test_roles.sh's matrix.)
source "$(dirname "$0")/lib.sh"
start_school || exit 1
family_school || exit 1
# Jade (8A) is looked after, with a social worker and a virtual school head;
# she is absent with no reason this morning
cat >"$T/lac.csv" <<CSV
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal,looked_after
$U8A1,Jones,Jade,2014-01-20,F,8,8A,2026-09-01,,N,N,N,N,Y
CSV
cat >"$T/sw.csv" <<CSV
$CONTACTS_HEADER
$U8A1,1,Jo Jones,carer,0113 496 0333,07700 900333,,"3 Hill Road, Leeds",LS3 3CC,en,Y,Y,Y
$U8A1,2,Sam Worker,social worker,0113 496 0999,,sam.worker@council.example,,,en,N,N,N
$U8A1,3,Vic Head,virtual school,0113 496 0888,,vsh@council.example,,,en,N,N,N
CSV
cat >"$T/y6.csv" <<CSV
upn,surname,forename,dob,primary_school,year,possible,attended,authorised,unauthorised
$U7A2,Brown,Ben,2015-02-11,Elm Primary,2025/26,380,180,150,50
$U7B1,Green,Gus,2015-08-17,Elm Primary,2025/26,380,353,20,7
CSV
{
  "$ATTEND" settings set notify_since 2026-11-02 &&
  "$ATTEND" import pupils "$T/lac.csv" &&
  "$ATTEND" import contacts "$T/sw.csv" --by office &&
  "$ATTEND" mark "$U8A1" "$TODAY" AM N --by office &&
  "$ATTEND" import year6 "$T/y6.csv" &&
  "$ATTEND" mark "$U7A1" 2026-11-26 AM O --by office &&
  "$ATTEND" mark "$U7A1" 2026-11-26 AM G --by office --reason "holiday: family told us on return"
} >/dev/null 2>&1 || { echo "setup failed"; exit 1; }
add_user dsl dsl
start_server
for u in admin lead office teach7a hoy8 dsl; do signin $u; done

# ---- downloads: the same files as the CLI's ----
req office GET /downloads
check "the downloads page" status_is 200
check "... the office's: the daily data and the CTF" body_has 'id="dl-daily"'
check "... not the census nor the evidence" bash -c "! grep -q 'id=\"dl-census\"\|id=\"dl-evidence\"' '$T/body'"
req lead GET /downloads
check "the lead's has the census and the evidence" body_has 'id="dl-evidence"'

req office GET /downloads/dfe-daily.csv
check "the DfE daily data: 200" status_is 200
check "... as CSV" header_has "Content-Type: text/csv"
check "... a file of today" header_has "Content-Disposition: attachment; filename=\"dfe-daily-$TODAY.csv\""
"$ATTEND" export dfe-daily --date "$TODAY" --out "$T/daily.csv" >/dev/null 2>&1
check "... the same bytes as attend export dfe-daily" cmp -s "$T/body" "$T/daily.csv"
req office GET "/downloads/dfe-daily.csv?date=2026-11-28"
check "a Saturday: 400" status_is 400
check "... saying why" body_has "not a school day"
req office GET "/downloads/dfe-daily.csv?day=$TODAY"
check "an unknown parameter: 400" status_is 400
check "... naming it" body_has "is not a parameter of this page (they are date)"

req office GET "/pupils/$U7A3/ctf.xml?dest=123/4999"
check "a leaving pupil's CTF: 200" status_is 200
check "... XML" header_has "Content-Type: application/xml"
check "... for the destination" body_has "<Estab>4999</Estab>"
check "... with the pupil" body_has "<UPN>$U7A3</UPN>"
req office GET "/pupils/$U7A3/ctf.xml?dest=12/34"
check "a destination that is not one: 400" status_is 400
req office GET "/downloads/pupil?upn=$U7A3&file=ctf.xml&dest=MMM/MMMM"
check "the page's form sends on to the pupil's CTF" header_has "Location: /pupils/$U7A3/ctf.xml?dest=MMM/MMMM"
req office GET "/downloads/pupil?upn=nope&file=ctf.xml"
check "a UPN that is not one: 400" status_is 400
req office GET "/downloads/pupil?upn=$U7A3&file=secrets.txt"
check "a file that is not one: 400" status_is 400

req lead GET "/downloads/census.xml?term=autumn&year=2026"
check "the census module: 200" status_is 200
check "... the module" body_has "<Message>"
"$ATTEND" export census --term autumn --year 2026 --out "$T/census.xml" >/dev/null 2>&1
check "... the same bytes as attend export census (but the time it was made)" \
  bash -c "diff <(grep -v DateTime '$T/body') <(grep -v DateTime '$T/census.xml')"
req lead GET "/downloads/census.xml?term=winter"
check "a term that is not one: 400" status_is 400
req lead GET "/downloads/census.xml?year=1999"
check "a year out of range: 400" status_is 400

# ---- the evidence extract ----
req office POST "/api/first-day/$U7A1/calls" '{"result":"no_answer","contact":2,"note":"rang twice"}'
check "a first-day call recorded" status_is 200
req lead GET "/pupils/$U7A1/evidence.csv?from=2026-11-02&to=$TODAY"
check "the evidence as CSV: 200" status_is 200
check "... a file named for the pupil and the dates" header_has "filename=\"evidence-$U7A1-2026-11-02-to-$TODAY.csv\""
check "... the register verified" header_has "X-Register-Verified: yes"
cp "$T/body" "$T/web-evidence.csv"
check "... the amendment with who and why" grep -q "^amendment,2026-11-26,AM,G,2,2026-11-27 09:10:00,office,holiday: family told us on return,through cli$" "$T/web-evidence.csv"
check "... the first-day call" grep -q "^first_day,$TODAY,,,,2026-11-27 09:10:00,office,calls,\"no_answer (Alan Adams, father): rang twice\"$" "$T/web-evidence.csv"
check "... the letter to print" grep -q "^message,$TODAY,.*,concern-letter,.*to_print\"\\?$" "$T/web-evidence.csv"
check "... its last line the SHA-256 of the lines above" \
  test "$(tail -1 "$T/web-evidence.csv" | cut -d, -f9)" = "$(head -n -1 "$T/web-evidence.csv" | sha256sum | cut -d' ' -f1)"
check "... which the header gives" header_has "X-Data-SHA256: $(tail -1 "$T/web-evidence.csv" | cut -d, -f9)"
check "... and the file's own SHA-256" header_has "X-Content-SHA256: $(sha256sum <"$T/web-evidence.csv" | cut -d' ' -f1)"
"$ATTEND" export evidence --upn "$U7A1" --from 2026-11-02 --to "$TODAY" --by lead --out "$T/cli-evidence.csv" >/dev/null 2>&1
check "... the same bytes as attend export evidence" cmp -s "$T/web-evidence.csv" "$T/cli-evidence.csv"
check "... and in the audit log" test "$(sql "select count(*) from audit_log where action = 'export evidence' and username = 'lead'")" = 2
req lead GET "/pupils/$U7A1/evidence.pdf"
check "the evidence as PDF: 200" status_is 200
check "... a PDF" header_has "Content-Type: application/pdf"
check "... that says the register is verified" bash -c "pdftotext '$T/body' - | grep -q 'Register verified'"
req office GET "/pupils/$U7A1/evidence.pdf"
check "the office may not: 403" status_is 403
req lead GET "/pupils/$U7A1/evidence.csv?from=$TODAY&to=2026-11-02"
check "from after to: 400" status_is 400
req lead GET "/pupils/$U7A1/evidence.csv?from=2026-02-30"
check "a date that is not one: 400" status_is 400
req lead GET "/pupils/Z999999999999/evidence.csv"
check "no such pupil: 404" status_is 404
db_tamper mark_history mark_history_no_update "update mark_history set code = '/' where version = 1 and date = '2026-11-26'" || bad "tamper"
req lead GET "/pupils/$U7A1/evidence.csv?from=2026-11-02&to=$TODAY"
check "a history altered outside attend: the download says so" header_has "X-Register-Verified: no"
check "... and the extract" body_has "^verification,,,,,,,FAILED,"
check "... naming the session" body_has "$U7A1 2026-11-26 AM version 1: its contents do not match its hash"

# ---- notifications ----
sw=$(sql "select id from notifications where kind = 'social_worker'")
adm=$(sql "select id from notifications where kind = 'admission'")
check "Jade's first day raised the social worker's and virtual school's notices" \
  test "$(sql "select group_concat(kind) from notifications where state = 'open' and kind in ('social_worker', 'virtual_school')")" = "social_worker,virtual_school"
req dsl GET /notifications
check "the DSL's notifications page" status_is 200
check "... the social worker's notice" body_has "id=\"notice-$sw\""
check "... not the LA's" bash -c "! grep -q 'id=\"notice-$adm\"' '$T/body'"
check "... nor the LA's file" bash -c "! grep -q 'id=\"la-file\"' '$T/body'"
req dsl GET "/api/notifications?state=all"
check "... and the API likewise" json_is '[.notifications[].kind] | unique | join(",")' "social_worker,virtual_school"
req dsl GET "/api/notifications?state=lost"
check "a state that is not one: 400" status_is 400
req dsl GET /tasks
check "the DSL's tasks hold the notices" body_has "Tell the social worker: Jade Jones (8A)"
form dsl "/notifications/$adm" "action=done&note=rang"
check "the DSL can't act on the LA's: 404" status_is 404
before=$(sql "select group_concat(state) from notifications")
form dsl "/notifications/$sw" "action=done"
check "told another way with no note: 400" status_is 400
check "... saying so" body_has "say how they were told"
form dsl "/notifications/$sw" "action=forget&note=x"
check "an action that is not one: 400" status_is 400
form dsl "/notifications/abc" "action=send"
check "an id that is not one: 400" status_is 400
check "... nothing changed" test "$(sql "select group_concat(state) from notifications")" = "$before"
form dsl "/notifications/$sw" "action=send"
check "sent: 303" status_is 303
check "... back to the list, saying so" header_has "Location: /notifications?done=notice_sent"
check "... the email in the outbox" test "$(sql "select template || ' ' || recipient from outbox order by id desc limit 1")" = "notice-social-worker sam.worker@council.example"
check "... recorded as sent" test "$(sql "select state || ' ' || sent_via || ' ' || done_by from notifications where id = $sw")" = "sent outbox dsl"
form dsl "/notifications/$sw" "action=send"
check "sent twice: 409" status_is 409
req lead GET /notifications
check "the lead's page has the LA's file" body_has 'id="la-file"'
form lead /notifications/la-file "kind=holidays"
check "a kind that is not one: 400" status_is 400
form lead /notifications/la-file "kind=all"
check "the LA's file: 200" status_is 200
check "... CSV" header_has "Content-Type: text/csv"
check "... named for when it was made" header_has "filename=\"la-notifications-$TODAY-0910.csv\""
check "... Fay's admission in it" body_has ",admission,123,4567,100001,Riverside Academy,$UJOIN,Fox,Fay,"
check "... recorded as sent in it" test "$(sql "select sent_via || ' ' || file_name || ' ' || file_sha256 from notifications where id = $adm")" = "file la-notifications-$TODAY-0910.csv $(sha256sum <"$T/body" | cut -d' ' -f1)"
form lead /notifications/la-file "kind=all"
check "nothing more to send: a page saying so" body_has "Nothing to send to the local authority"

# ---- leaving the admission register ----
req office GET "/pupils/$U7A5/leave"
check "the leaving form" status_is 200
check "... with the 2024 regulations' grounds" body_has '<option value="9(1)(i)">9(1)(i) Continuously absent'
before=$(sql "select count(*) from leaving_grounds")/$(sql "select count(*) from notifications")
form office "/pupils/$U7A5/leave" "date=2026-11-26&detail=Oak"
check "no ground: 400" status_is 400
check "... saying it is required" body_has "the ground of deletion is required"
form office "/pupils/$U7A5/leave" "date=2026-11-26&ground=9(1)(q)"
check "a ground that is not one: 400" status_is 400
form office "/pupils/$U7A5/leave" "date=2026-13-01&ground=9(1)(a)"
check "a date that is not one: 400" status_is 400
form teach7a "/pupils/$U7A5/leave" "date=2026-11-26&ground=9(1)(a)"
check "a teacher may not: 403" status_is 403
check "... nothing changed" test "$(sql "select count(*) from leaving_grounds")/$(sql "select count(*) from notifications")" = "$before"
form office "/pupils/$U7A5/leave" "date=2026-11-26&ground=9(1)(a)&detail=Oak Academy (123/4000) from 30 November"
check "leaving recorded: 303" status_is 303
check "... back to the pupil" header_has "Location: /pupils/$U7A5?done=left#statutory"
check "... on roll to the 26th" test "$(sql "select left_date from enrolments e join pupils p on p.id = e.pupil_id where upn = '$U7A5'")" = 2026-11-26
check "... the LA's notification raised" test "$(sql "select ground || ' ' || due_date from notifications where kind = 'deletion'")" = "9(1)(a) 2026-11-26"
req office GET "/api/registers/7A/$TODAY/AM"
check "... and today's register no longer lists her" bash -c "! grep -q '$U7A5' '$T/body'"
req lead GET "/pupils/$U7A5?from=2026-09-01&to=2026-11-26"
check "her profile shows the ground" body_has "<strong>9(1)(a)</strong> Registered at another school (Oak Academy (123/4000) from 30 November)"
check "... and the lead's files" body_has "/pupils/$U7A5/evidence.pdf"
req teach7a GET "/pupils/$U7A1"
check "a teacher's profile of a pupil has no files" bash -c "! grep -q 'evidence.pdf' '$T/body'"

# ---- transition ----
req lead GET /api/transition
check "the transition view: 200" status_is 200
"$ATTEND" transition --json >"$T/cli-transition.json" 2>/dev/null
check "... the same as attend transition --json" bash -c "diff <(jq -S . '$T/body') <(jq -S . '$T/cli-transition.json')"
check "... Ben (severe in Year 6) first, then Gus (at risk)" json_is '[.pupils[0:2][].upn] | join(",")' "$U7A2,$U7B1"
check "... both flagged" json_is '[.pupils[0:2][].flag] | all' true
req lead GET /transition
check "the page" status_is 200
check "... in the same order" bash -c "grep -o 'data-upn=\"[A-Z0-9]*\"' '$T/body' | head -2 | tr '\n' ' ' | grep -q \"data-upn=\\\"$U7A2\\\" data-upn=\\\"$U7B1\\\"\""
req hoy8 GET /transition
check "a head of year 8: 200" status_is 200
check "... saying it is not theirs, and no pupil" bash -c "grep -q 'not one of your years' '$T/body' && ! grep -q 'data-upn=' '$T/body'"
req hoy8 GET /api/transition
check "... none by the API either" json_is '.pupils | length' 0
req lead GET "/transition?intake=soon"
check "an intake that is not one: 400" status_is 400
req lead GET "/transition?year=7"
check "an unknown parameter: 400" status_is 400
req lead GET "/pupils/$U7A2"
check "Ben's profile carries the flag" body_has 'id="transition-flag" class="transition flagged"'
finish
