#!/usr/bin/env bash
# Absences parents report (issue 12), on Friday 27 November 2026 at 09:10:
# every bad input refused with its field and nothing written; reports for
# today, coming days, and past days (marked late for the office to review);
# non-school days refused with the reason; the office accepts (the codes go
# on the register through an absence report: N amended, future I pending
# until the register, present kept) or declines with a note the parent
# reads; each decided once; the parent withdraws one not decided yet.
source "$(dirname "$0")/lib.sh"
start_school || exit 1
start_server
signin parent
signin office
signin teach7a
form() { # form WHO PATH FIELDS: a form post with the account's CSRF token
  req "$1" POST "$2" "" -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary "csrf=$(cat "$T/$1.csrf")&$3"
}
report() { req parent POST /api/family/absence "$1"; }
nothing_written() { test "$(sql 'select count(*) from parent_reports')" = "$1"; }

# ---- bad input ----
report '{"reason":"illness"}'
check "a date is required" json_is .field from
report '{"from":"27/11/2026","reason":"illness"}'
check "a date is YYYY-MM-DD" json_is .error "Enter a date (day, month and year)."
report '{"from":"2026-11-30","from_session":"XX","reason":"illness"}'
check "a session is AM or PM" json_is .error "from_session must be AM or PM"
report '{"from":"2026-11-30"}'
check "a reason is required" json_is .error "Choose a reason: illness, a medical appointment or something else."
report '{"from":"2026-11-30","reason":"holiday"}'
check "a reason is one of three" json_is .field reason
report '{"from":"2026-11-30","reason":"other"}'
check "\"something else\" needs a note" json_is .error 'Please say a little about the reason in "More detail".'
report '{"from":"2026-12-01","to":"2026-11-30","reason":"illness"}'
check "the last day may not be before the first" json_is .error "The last day is before the first day."
report '{"from":"2026-11-30","from_session":"PM","to":"2026-11-30","to_session":"AM","reason":"illness"}'
check "... nor the morning before the afternoon" json_is .field to
report '{"from":"2026-11-30","reason":"illness","expected_return":"2026-11-20"}'
check "the return may not be before the absence" json_is .field expected_return
report '{"from":"2026-11-28","reason":"illness"}'
check "a Saturday is refused with the reason" json_is .error "Saturday 28 November 2026 is not a school day (the weekend): school is closed, so there is nothing to report."
report '{"from":"2026-10-26","to":"2026-10-30","reason":"illness"}'
check "half-term is refused: no school days" json_is .error "There are no school days from Monday 26 October 2026 to Friday 30 October 2026 (school is closed), so there is nothing to report."
report '{"from":"2026-11-02","reason":"illness"}'
check "a training day is refused, named as such" body_has "a training day for staff"
report '{"from":"2027-03-01","reason":"illness"}'
check "more than 60 days ahead is refused" json_is .error "Reports can be made up to 60 days ahead: for longer, ask for leave or call the school."
report '{"from":"2026-07-01","reason":"illness"}'
check "last school year is refused" json_is .field from
report "{\"from\":\"2026-11-30\",\"reason\":\"other\",\"note\":\"$(head -c 600 /dev/zero | tr '\0' x)\"}"
check "a note over 511 characters is refused" json_is .error "Please keep the detail under 511 characters."
req parent POST /api/family/absence 'not json'
check "a body that is not JSON is 400" json_is .field body
cp "$T/parent.jar" "$T/forger.jar"
echo forged >"$T/forger.csrf"
req forger POST /api/family/absence '{"from":"2026-11-30","reason":"illness"}'
check "a forged CSRF token is 403" status_is 403
check "nothing was written" nothing_written 0

# ---- good reports ----
report '{"from":"2026-11-27","reason":"medical","note":"dentist"}'
check "a report for today, before the register closed" status_is 201
check "... is not late" json_is .late false
TODAY_ID=$(jq -r .id "$T/body")
report '{"from":"2026-11-30","to":"2026-12-01","reason":"illness","note":"flu","expected_return":"2026-12-02"}'
check "a report for Monday and Tuesday" json_is .status awaiting
FLU=$(jq -r .id "$T/body")
report '{"from":"2026-11-26","reason":"other","note":"a family emergency"}'
check "yesterday's absence is taken in" status_is 201
check "... marked late, for the office to review" json_is .late true
PAST=$(jq -r .id "$T/body")
report '{"from":"2026-11-30","from_session":"PM","reason":"illness"}'
check "a report covering a session already reported, waiting, is 409" status_is 409
check "... naming the report" json_is .error "You have already reported some of these days (report #$FLU, waiting for the office): withdraw it first to change it."
form parent /family/absence "from=2026-12-03&from_session=PM&to=&to_session=PM&reason=medical&note=&expected_return="
check "the form works too: Thursday afternoon, an appointment" header_has "Location: /family/requests?done=report"
APPT=$(sql "select max(id) from parent_reports")
check "... one session" test "$(sql "select from_session || to_session from parent_reports where id = $APPT")" = PMPM
form parent /family/absence "from=2026-11-28&reason=illness"
check "the form with a mistake comes back 400" status_is 400
check "... naming the problem and linking to the field" body_has 'href="#from">Saturday 28 November 2026 is not a school day'
check "... the field marked invalid" body_has 'aria-describedby="from-error" aria-invalid="true"'
check "... the value kept" body_has 'value="2026-11-28"'
req parent GET /family/requests
check "the parent sees the reports waiting" body_has "Waiting for the office"
check "... Monday and Tuesday" body_has "Monday 30 November 2026 to Tuesday 1 December 2026 (Illness)"

# ---- the register and the office ----
req teach7a PUT "/api/registers/7A/$TODAY/AM" "{\"marks\":$(marks_json "$U7A1:N" "$U7A2:/")}"
check "the register is taken: Amy N this morning" status_is 200
req office GET /office
check "the office's day shows Amy's N with the parent's report waiting (the reason may be known)" \
  body_has "Adams, Amy</a> <a class=\"flag\" href=\"/parent-reports#report-$TODAY_ID\">the parent reported it (medical): accept or decline"
check "... and how many reports are waiting" body_has "4 absence reports from parents are waiting for you"
req office GET /api/parent-reports?status=awaiting
check "the office sees the four reports waiting, the late one flagged" json_is '[.reports[] | select(.late) | .id] | join(",")' "$PAST"
req office GET /parent-reports
check "the office's page flags the late one" body_has "after the register closed or for past days: check before accepting"
check "... and shows the register as it stands" body_has "11-27 AM N"
req office GET /api/first-day
check "the first-day queue holds Amy while the report waits" json_is "[.pupils[].upn | select(. == \"$U7A1\")] | length" 1
req office POST "/api/parent-reports/$TODAY_ID" '{"decision":"maybe"}'
check "a decision is accept or decline" json_is .field decision
req office POST "/api/parent-reports/$TODAY_ID" '{"decision":"accept","code":"G"}'
check "G is not a reason a family can report" json_is .field code
req office POST "/api/parent-reports/$TODAY_ID" '{"decision":"accept"}'
check "the office accepts today's report" status_is 200
check "... as M (a medical appointment)" json_is .code M
check "... this morning's N is amended, this afternoon recorded" json_is '.register | "\(.amended) \(.recorded)"' "1 1"
req office GET "/api/pupils/$U7A1/history?date=$TODAY&session=AM"
check "the history keeps the teacher's N and says why it changed" json_is '[.versions[] | .code] | join(",")' "N,M"
check "... naming the parent's report" json_is '.versions[1].reason | test("reported by the parent in attend \\(report #'"$TODAY_ID"'\\): dentist")' true
req office GET "/api/registers/7A/$TODAY/AM"
check "the register shows no N for Amy now (the first-day queue's 'reason known')" \
  json_is "[.pupils[] | select(.upn == \"$U7A1\") | .code] | join(\",\")" M
req office GET /api/first-day
check "... and today's first-day queue no longer holds her" json_is "[.pupils[].upn | select(. == \"$U7A1\")] | length" 0
req office POST "/api/parent-reports/$TODAY_ID" '{"decision":"decline","note":"x"}'
check "a report is decided once (409)" status_is 409
req office POST "/api/parent-reports/$FLU" '{"decision":"accept"}'
check "Monday and Tuesday's illness is accepted" json_is .code I
check "... pending until the registers are taken (I can't be recorded ahead)" json_is .register.pending 4
req office POST "/api/parent-reports/$PAST" '{"decision":"accept"}'
check "\"something else\" needs the office to choose the code" json_is .field code
req office POST "/api/parent-reports/$PAST" '{"decision":"decline"}'
check "declining needs a note for the parent" json_is .error "say why the report is declined: the parent reads the note"
req office POST "/api/parent-reports/$PAST" '{"decision":"decline","note":"Please call us about Thursday."}'
check "the office declines yesterday's report" json_is .status declined
check "... and yesterday is left as it was" test "$(sql "select count(*) from marks m join pupils p on p.id = m.pupil_id where p.upn = '$U7A1' and m.date = '2026-11-26'")" = 0
req office POST /api/parent-reports/999 '{"decision":"accept"}'
check "an unknown report is 404" status_is 404
req parent GET /family/requests
check "the parent sees it accepted" body_has "Accepted: recorded as illness"
check "... and the note of the declined one" body_has "Not accepted: Please call us about Thursday."

# ---- withdrawing ----
form parent "/family/reports/$APPT/withdraw" ""
check "withdrawing needs confirm=yes" status_is 400
form parent "/family/reports/$APPT/withdraw" "confirm=yes"
check "the parent withdraws Thursday's appointment" header_has "Location: /family/requests?done=withdrawn"
check "... kept as withdrawn" test "$(sql "select status || ' ' || decided_by from parent_reports where id = $APPT")" = "withdrawn parent"
form parent "/family/reports/$FLU/withdraw" "confirm=yes"
check "a decided report can't be withdrawn (409)" status_is 409
check "reports can't be deleted" db_refuses "absence reports from parents are kept" "delete from parent_reports"
check "... nor a decision changed" db_refuses "a report from a parent is decided once" "update parent_reports set status = 'awaiting' where id = $FLU"
check "every report and decision is in the audit log" test "$(sql "select count(*) from audit_log where action like 'parent report%'")" = 8
finish
