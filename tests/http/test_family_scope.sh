#!/usr/bin/env bash
# What a parent and a pupil may see (issue 12): a parent sees their own
# children and only what a parent should; another pupil's UPN is answered
# exactly as a UPN no pupil has (status and body, the UPN aside), on every
# route that takes one; messages sent to another contact, and reports of
# another family, are as unknown as ones that do not exist; the staff's
# pages are closed to families; a pupil sees only themself.
source "$(dirname "$0")/lib.sh"
# letters are drawn with pango, whose caches LeakSanitizer would report
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(cd "$(dirname "$0")/../comms" && pwd)/lsan.supp}
start_school || exit 1
echo "$PASSWORD" | "$ATTEND" user add greta --role parent --children "$U7B1" --password-stdin >/dev/null
# a letter to Amy's father and one to Ann: only Ann's is hers
"$ATTEND" message send --template concern-letter --upn "$U7A1" --contact 1 --by office >/dev/null 2>&1 ||
  echo "could not queue the letter to Ann"
"$ATTEND" message send --template first-day-absence --upn "$U7B1" --contact 1 --by office >/dev/null 2>&1 ||
  echo "could not queue the text to Greta"
start_server
signin parent
signin greta
signin pupil
signin office

# ---- another pupil's UPN is a UPN that does not exist ----
UNKNOWN=A999999999999
same_answer() { # same_answer PATH_WITH_X: the answers for Gus and for no pupil
  req parent GET "${1//X/$U7B1}"
  local s1=$STATUS b1
  b1=$(sed "s/$U7B1/UPN/g" "$T/body")
  req parent GET "${1//X/$UNKNOWN}"
  local b2
  b2=$(sed "s/$UNKNOWN/UPN/g" "$T/body")
  [ "$s1" = 404 ] && [ "$STATUS" = 404 ] && [ "$b1" = "$b2" ]
}
check "GET /family/UPN: 404 for another pupil, word for word as for no pupil" same_answer /family/X
check "GET /api/family/UPN: the same" same_answer /api/family/X
req parent GET "/family/absence?child=$U7B1"
check "... the form offers only Amy" bash -c "grep -q 'Amy' '$T/body' && ! grep -q 'Gus\\|$U7B1' '$T/body'"
req parent POST /api/family/absence "{\"upn\":\"$U7B1\",\"from\":\"2026-11-30\",\"reason\":\"illness\"}"
s1=$STATUS; b1=$(cat "$T/body")
req parent POST /api/family/absence "{\"upn\":\"$UNKNOWN\",\"from\":\"2026-11-30\",\"reason\":\"illness\"}"
check "reporting for another pupil: as for no pupil (404, same words)" bash -c "[ '$s1' = 404 ] && [ '$STATUS' = 404 ] && [ '$b1' = '$(cat "$T/body")' ]"
req parent POST /api/family/leave "{\"upn\":\"$U7B1\",\"from\":\"2026-12-07\",\"reason\":\"a wedding\"}"
check "... and asking leave for them" status_is 404
check "... nothing was written" test "$(sql 'select count(*) from parent_reports') $(sql 'select count(*) from leave_requests')" = "0 0"

# ---- only what a parent should see ----
req parent GET "/family/$U7A1"
check "Amy's page is Ann's" status_is 200
check "... with her figures in days and lessons" body_has "Missed\|Not a day missed\|Nothing to count yet"
for staff in "/pupils/$U7A1/history" "/pupils/$U7A1/accounts" "/api/pupils/$U7A1/history?date=$TODAY&session=AM" \
             "/pupils/$U7A1/lessons" /office /today /stats /parent-reports /leave /alerts /missing; do
  req parent GET "$staff"
  check "a parent can't open $staff (403)" status_is 403
done
req parent GET "/api/family/$U7A1"
check "the child's JSON has no staff notes, contact log, safeguarding or casework" \
  bash -c "! grep -qiE 'safeguard|contact_log|outcome|casework|cin|looked_after|\"cp\"|fsm|send' '$T/body'"
check "... nor any other contact's details" bash -c "! grep -qiE 'Alan|01632960102|07700900101' '$T/body'"
req parent GET /family/messages
check "Ann's messages list her letter" body_has "We&#39;re worried about Amy&#39;s attendance"
LETTER=$(sql "select id from outbox where template = 'concern-letter'")
TEXT=$(sql "select id from outbox where template = 'first-day-absence'")
req parent GET "/family/messages/$LETTER/pdf"
check "... and its PDF" bash -c "[ '$STATUS' = 200 ] && head -c 5 '$T/body' | grep -q '%PDF-'"
req greta GET "/family/messages/$LETTER"
s1=$STATUS; b1=$(cat "$T/body")
req greta GET "/family/messages/99999"
b1=$(sed "s|messages/$LETTER|messages/N|g; s|messages%2F$LETTER|messages%2FN|g" <<<"$b1")
b2=$(sed "s|messages/99999|messages/N|g; s|messages%2F99999|messages%2FN|g" "$T/body")
check "another family's letter is 404, word for word as one that does not exist" \
  bash -c "[ '$s1' = 404 ] && [ '$STATUS' = 404 ] && [ \"\$1\" = \"\$2\" ]" - "$b1" "$b2"
req greta GET "/family/messages/$LETTER/pdf"
check "... its PDF too" status_is 404
req greta GET "/family/messages/$TEXT"
check "Greta reads her own text" status_is 200
req greta GET /api/family/messages
check "... and the API lists only hers" json_is '[.[].id] | join(",")' "$TEXT"
req parent GET /family/messages/abc
check "a message id that is not a number is 404" status_is 404

# ---- another family's reports ----
req greta POST /api/family/absence '{"from":"2026-11-30","reason":"illness"}'
GRETA_REPORT=$(jq -r .id "$T/body")
req parent POST "/family/reports/$GRETA_REPORT/withdraw" "" -H 'Content-Type: application/x-www-form-urlencoded' \
  --data-binary "csrf=$(cat "$T/parent.csrf")&confirm=yes"
check "Ann can't withdraw Greta's report (404)" status_is 404
check "... it is still awaiting" test "$(sql "select status from parent_reports where id = $GRETA_REPORT")" = awaiting
req parent GET /family/requests
check "... and does not see it" bash -c "! grep -q 'Gus' '$T/body'"

# ---- the pupil ----
req pupil GET /me
check "the pupil's page speaks to Amy" body_has "Hi Amy"
req pupil GET /api/me
check "... her own figures" json_is .upn "$U7A1"
for p in /family "/family/$U7A1" /family/messages /api/family "/pupils/$U7A1/history" /today; do
  req pupil GET "$p"
  check "a pupil can't open $p (403)" status_is 403
done
req parent GET /me
check "a parent has no /me (403)" status_is 403

# ---- nobody signed in ----
req - GET "/family/$U7A1"
check "signed out, a family page sends to sign in" header_has "Location: /signin?next=/family/$U7A1"
req - GET /api/family
check "... the API says 401" status_is 401
finish
