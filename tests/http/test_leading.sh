#!/usr/bin/env bash
# Leading attendance over HTTP (issue 13), on a Friday after school with two
# weeks of marks: the self-assessment (evidence attend holds, scores kept,
# completed and kept, an agreed action into the plan once), the action plan
# (live figures from the register; a governor sees the plan and aggregate
# figures only, small numbers hidden; the plan's PDF), the dashboard's flags,
# the monitoring schedule (a person's checklist, one click, whose task it
# is, what was missed; `attend schedule run` sends the digests once and they
# name no pupil), recognition (a list generated, a pupil kept out of public
# recognition, approval, certificates naming the pupils kept and no absence
# reason, praise to families through the outbox); bad input refused with
# nothing written.
export ATTEND_NOW=2026-11-27T16:30
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/leading_fixture.sh"
start_school || exit 1
family_school || exit 1

# Two weeks of marks: everyone present, but Ben ill on Monday and Tuesday
# of this week, Gus ill the first four days of last week, Eli (who left on
# the 20th) present; Amy's N this morning is family_school's.
{
  echo "upn,date,session,code,minutes_late"
  for d in 16 17 18 19 20 23 24 25 26 27; do
    for u in $U7A1 $U7A2 $U7A3 $U7A4 $U7A5 $ULEFT $U7B1 $U7B2 $U7B3 $U8A1 $U8A2; do
      for s in AM PM; do
        [ "$u" = "$ULEFT" ] && [ "$d" -gt 20 ] && continue
        [ "$u" = "$U7A1" ] && [ "$d" = 27 ] && [ "$s" = AM ] && continue
        code=/
        [ "$u" = "$U7A2" ] && { [ "$d" = 23 ] || [ "$d" = 24 ]; } && code=I
        [ "$u" = "$U7B1" ] && [ "$d" -le 19 ] && [ "$d" -ge 16 ] && code=I
        echo "$u,2026-11-$d,$s,$code,"
      done
    done
  done
} >"$T/marks.csv"
"$ATTEND" import marks "$T/marks.csv" >/dev/null || { echo "marks import failed"; exit 1; }
cat >"$T/gus.csv" <<CSV
upn,priority,name,relationship,phone,mobile,email,address,postcode,language,parental_responsibility,lives_with_pupil,receives_mail
$U7B1,1,Gail Green,mother,0113 496 0555,07700 900555,gail@example.org,"5 Park Row, Leeds",LS5 5EE,en,Y,Y,Y
CSV
"$ATTEND" import contacts "$T/gus.csv" --by office >/dev/null || exit 1
start_server
start_leading || exit 1
signin office
signin teach7a
signin teach7b
signin hoy8
signin governor

count() { sql "select count(*) from $1"; }
json_has() { jq -r "$1" "$T/body" | grep -qF -- "$2"; }

# ---- the view log: who opened their form's page ----
req teach7a GET /forms/7A
check "a tutor opens their form's page" status_is 200
req teach7a GET /forms/7A
sleep 1.5 # the writer writes the view log between groups, each second when idle
check "the view is logged once a day, with no pupil in it" test \
  "$(sql "select count(*) || ':' || group_concat(username || '/' || role || '/' || view || '/' || subject) from view_log where view = 'form_view'")" = "1:teach7a/teacher/form_view/7A"

# ---- the self-assessment ----
req lead GET /api/self-assessments/1
check "the self-assessment's questions" status_is 200
check "... the toolkit's 34, in its words" json_is '.questions | length' 34
check "... the first by its area" json_is '.questions[0].area' "Data and targeted support"
check "... with what attend holds: tutors who opened their form's page" json_is '.questions[0].offered.figure' "1 of 2 tutors"
check "... dated" json_is '.questions[0].offered.as_of' 2026-11-27
check "... families' views: none yet this half-term" json_is '.questions[1].offered.figure' "0 of 2 family accounts"
check "... the impact of support: no intervention yet" json_is '.questions[8].offered.figure' "no interventions yet"
check "... linked to casework's impact figures" json_is '.questions[8].offered.href' /casework/impact
check "... templates in days and lessons" json_is '[.questions[] | select(.question_id == 31) | .offered.href][0]' /templates
Q1=$(jq -r '.questions[0].question_id' "$T/body")
# ---- families' views (issue 12's pages) and casework's impact (issue 7) ----
signin parent
signin pupil
req parent GET /family
check "a parent opens the family page" status_is 200
req parent GET "/family/$U7A1"
check "... and their child's" status_is 200
req parent GET "/api/family/$U7A1"
check "... and the same through the API" status_is 200
req pupil GET /me
check "a pupil opens their own attendance" status_is 200
req lead GET "/family/$U7A1"
check "staff do not see the family pages (so are never counted as a family)" status_is 403
sleep 1.5
check "the view log: each account once a day, no pupil named, no staff" test \
  "$(sql "select group_concat(username || '/' || role || '/' || subject, ' ') from (select * from view_log where view = 'family_view' order by username) v")" = \
  "parent/parent/ pupil/pupil/"
req lead POST "/api/pupils/$U7A2/interventions" '{"type":"mentoring","started_on":"2026-11-16"}'
check "an intervention in casework" json_is .ok true
req lead GET /api/self-assessments/1
check "the families who looked, in the self-assessment" json_is '.questions[1].offered.figure' "2 of 2 family accounts"
check "... parents and pupils apart" json_has '.questions[1].offered.text' "1 of 1 parents' accounts opened their child's attendance this half-term (since Monday 2 November 2026), and 1 of 1 pupils their own."
check "the impact of support: casework measures the intervention" json_is '.questions[8].offered.figure' "1 kind of support measured"
check "... no pupil has its weeks complete yet, and says so" json_has '.questions[8].offered.text' "0 pupils with complete weeks so far, and 0 kinds with enough pupils (10)"
req lead GET /self-assessment/1
check "the page shows the families' figure" body_has "2 of 2 family accounts"
check "... and links to the impact figures" body_has 'href="/casework/impact"'
A0=$(count sa_answers)
req lead PUT /api/self-assessments/1 "{\"answers\":[{\"question_id\":$Q1,\"score\":5}]}"
check "a score of 5: 400" status_is 400
check "... naming the question's score" json_is .field "score_$Q1"
req lead PUT /api/self-assessments/1 '{"answers":[{"question_id":9999,"score":2}]}'
check "a question that is not one: 400" status_is 400
req lead PUT /api/self-assessments/1 '{"answer":[]}'
check "a field that is not one: 400" status_is 400
check "... naming it" json_is .field answer
req lead PUT /api/self-assessments/1 '{}'
check "nothing to save: 400" status_is 400
check "... nothing written" test "$(count sa_answers)" = "$A0"
req lead PUT /api/self-assessments/1 "{\"answers\":[{\"question_id\":$Q1,\"score\":2,\"evidence\":\"Tutors see it; few open it\",\"actions\":\"Show tutors their form page in briefing\nFollow up in a month\"}]}"
check "an answer saved" status_is 200
check "... with what attend offered then" test "$(sql "select count(*) from sa_answers where question_id = $Q1 and offered like '1 of 2 tutors opened%(as of 2026-11-27)'")" = 1
req lead PUT /api/self-assessments/1 '{"complete":true}'
check "completing with questions unscored: 400" status_is 400
check "... naming one" bash -c "jq -r .field '$T/body' | grep -q '^score_'"
check "... still a draft" test "$(sql 'select status from sa_assessments where id = 1')" = draft
ALL=$(jq -c '[.questions[] | {question_id, score: 3}]' <(req lead GET /api/self-assessments/1; cat "$T/body"))
req lead PUT /api/self-assessments/1 "{\"answers\":$ALL,\"complete\":true}"
check "every question scored: complete" status_is 200
check "... kept as it was" test "$(sql 'select status from sa_assessments where id = 1')" = complete
req lead PUT /api/self-assessments/1 "{\"answers\":[{\"question_id\":$Q1,\"score\":4}]}"
check "a completed assessment can't change: 409" status_is 409
answer_refused() { ! db_query "update sa_answers set score = 4 where question_id = $Q1" >/dev/null 2>&1; }
check "... nor in the database" answer_refused
late_answer_refused() {
  ! db_query "begin; insert into sa_questions (school_id, area, section, position, text, evidence, created_by, created_at) values (1, 'Culture', '', 99999, 'Late?', '', 'lead', '2999-01-01T00:00:00.000Z');
    insert into sa_answers (assessment_id, question_id, school_id, evidence, actions, offered, updated_by, updated_at) select 1, max(id), 1, '', '', '', 'lead', '2999-01-01T00:00:00.000Z' from sa_questions; commit" >/dev/null 2>&1 &&
    [ "$(sql 'select count(*) from sa_questions where position = 99999')" = 0 ]
}
check "... nor an answer given after it" late_answer_refused
P0=$(count plan_actions)
req lead POST /api/self-assessments/1/actions "{\"question\":$Q1,\"due\":\"2026-12-11\"}"
check "an agreed action put in the plan in one step: 201" status_is 201
ACT=$(jq -r .id "$T/body")
check "... titled by its first line" test "$(sql "select title || '|' || owner || '|' || foundation || '|' || step from plan_actions where id = $ACT")" = "Show tutors their form page in briefing|lead|3|1"
check "... and linked to its answer" test "$(sql "select plan_action_id from sa_answers where question_id = $Q1")" = "$ACT"
req lead POST /api/self-assessments/1/actions "{\"question\":$Q1}"
check "... once only: 409" status_is 409
req lead POST /api/self-assessments/1/actions '{"question":2}'
check "a question with no agreed action: 400" status_is 400
check "... nothing more in the plan" test "$(count plan_actions)" = "$((P0 + 1))"
req lead POST /api/self-assessments '{"held_on":"2027-02-10","title":"Spring"}'
check "a second assessment" status_is 201
req lead PUT /api/self-assessments/2 "{\"answers\":[{\"question_id\":$Q1,\"score\":4}]}"
req lead GET /self-assessment/compare
check "the comparison page" status_is 200
check "... by area over time, as a chart" body_has 'id="chart-sa-areas"'
check "... 3.00 then 4.00 in the first area" bash -c "grep -o 'data-k=\"avg\">[0-9.]*' '$T/body' | head -2 | tr '\n' ' ' | grep -q '>3.00 .*>4.00'"
req hoy8 GET /self-assessment/1
check "a head of year can't open the self-assessment: 403" status_is 403

# ---- the action plan: live figures ----
T0=$(count plan_targets)
bad_target() { # bad_target WHAT JSON FIELD
  req lead POST /api/plan/targets "$2"
  check "$1: 400" status_is 400
  check "... naming $3" json_is .field "$3"
  check "... nothing written" test "$(count plan_targets)" = "$T0"
}
bad_target "a measure that is not one" '{"title":"x","measure":"happiness","goal":"10","goal_date":"2027-07-16"}' measure
bad_target "a cohort the school has not" '{"title":"x","measure":"absence_pct","cohort":"year=99","goal":"5","goal_date":"2027-07-16"}' cohort
bad_target "a goal that is not a percentage" '{"title":"x","measure":"absence_pct","goal":"lots","goal_date":"2027-07-16"}' goal
bad_target "a goal before the baseline" '{"title":"x","measure":"absence_pct","goal":"5","goal_date":"2026-10-01"}' goal_date
bad_target "no title" '{"measure":"absence_pct","goal":"5","goal_date":"2027-07-16"}' title
req lead POST /api/plan/targets '{"title":"Attendance of every pupil up to 99.5%","measure":"attendance_pct","baseline":"99","baseline_date":"2026-11-16","goal":"99.5","goal_date":"2026-12-18","foundation":3,"step":1}'
check "a target off track" status_is 201
req lead POST /api/plan/actions '{"title":"Breakfast club for Year 7","owner":"teach7b","due":"2026-11-20","foundation":5,"step":2}'
check "an action already due" status_is 201
OVERDUE=$(jq -r .id "$T/body")
req lead GET /api/plan
check "the plan as the lead sees it" status_is 200
check "... Year 7's persistent absence now: 2 of 9 pupils, from the register" json_is '.targets[] | select(.id == 1) | .live.value' 22.22
check "... its pupils" json_is '.targets[] | select(.id == 1) | .live.pupils' 9
check "... on track (the line from 30% to 20% by July)" json_is '.targets[] | select(.id == 1) | .live.track' on_track
check "... the same figure as attend stats" test "$("$ATTEND" stats --group year --json | jq -r '.groups[] | select(.value == "7") | .persistent_pct')" = 22.22
check "... the trajectory week by week" json_is '[.targets[] | select(.id == 1) | .live.trajectory[].date] | join(",")' "2026-11-02,2026-11-06,2026-11-13,2026-11-20,2026-11-27"
check "... the attendance target off track" json_is '.targets[] | select(.id == 2) | .live.track' off_track
check "... the overdue action" json_is "[.actions[] | select(.overdue) | .id] | join(\",\")" "$OVERDUE"
check "... counted" json_is '[.overdue, .off_track] | join(",")' "1,1"
req governor GET /api/plan
check "a governor sees the plan" status_is 200
check "... a figure on 2 pupils is not shown" json_is '.targets[] | select(.id == 1) | .live.value' null
check "... it says so" json_is '.targets[] | select(.id == 1) | .live.hidden' "fewer than 6"
check "... nor how many pupils are behind a figure" json_is '.targets[] | select(.id == 2) | .live | has("pupils")' false
check "... the school's attendance is shown" bash -c "jq -e '.targets[] | select(.id == 2) | .live.value > 90' '$T/body' >/dev/null"
req governor GET /plan
check "the plan's page for a governor" status_is 200
check "... aggregate only: no pupil's name or UPN" bash -c "! grep -qE 'Adams|Brown|Chowdhury|Green|Hall|8202001' '$T/body'"
check "... says a small figure is hidden" body_has "fewer than 6"
check "... no form to change it" bash -c "! grep -q 'action=\"/plan/targets\"' '$T/body'"
req governor GET /plan.pdf
check "the plan as PDF for governors" status_is 200
check "... a PDF" header_has "Content-Type: application/pdf"
pdftotext -layout "$T/body" "$T/plan.txt" 2>/dev/null
check "... with its targets, actions and the small-number rule" bash -c "grep -q 'Attendance action plan' '$T/plan.txt' && grep -q 'Breakfast club for Year 7' '$T/plan.txt' && grep -q 'fewer than 6' '$T/plan.txt'"
check "... naming no pupil" bash -c "! grep -qE 'Adams|Brown|Chowdhury|Green|8202001' '$T/plan.txt'"
for p in /self-assessment /schedule /recognition /leading /api/self-assessments /api/schedule /api/recognition; do
  req governor GET "$p"
  check "a governor can't open $p: 403" status_is 403
done
req governor POST /api/plan/actions '{"title":"x","owner":"governor"}'
check "a governor can't add to the plan: 403" status_is 403
req teach7a GET /plan
check "a teacher reads the plan" status_is 200
check "... with the figure on 2 pupils (staff see pupils)" body_has 'data-v="2222"'
check "... and no form to set a target" bash -c "! grep -q 'id=\"target-new\"' '$T/body'"
form teach7a /plan/actions/1 "status=in_progress&evidence=Started+on+Monday"
check "the owner updates their action" status_is 303
check "... its history keeps what changed" test "$(sql "select detail from plan_history where item = 'action' and item_id = 1 order by id desc limit 1")" = "status planned -> in_progress; evidence: Started on Monday"
form teach7a "/plan/actions/$OVERDUE" "status=done"
check "... not another's: 403" status_is 403
form teach7a /plan/actions/1 "due=2027-01-01"
check "... nor the due date of their own: 403" status_is 403
form teach7a /plan/targets "title=x&goal_date=2027-07-16"
check "a teacher can't set a target: 403" status_is 403
form lead /plan/reviews "held_on=2026-11-26&kind=governor&attendees=Lynda+Cairns+(attendance+governor)%2C+lead&challenged=Why+is+Year+7+PA+above+target%3F&agreed=Breakfast+club+from+January"
check "a review meeting with governors recorded" status_is 303
form lead /plan/reviews "held_on=2027-01-10&kind=governor&attendees=x&agreed=y"
check "a meeting not held yet: 400" status_is 400
check "... the page again, saying why" body_has "a meeting is recorded once it was held"
check "... only one meeting recorded" test "$(count plan_reviews)" = 1
req lead GET /dashboard
check "the champion's dashboard flags the plan" body_has 'id="plan-flags"'
check "... one action overdue" body_has 'data-k="plan.overdue" data-v="1"'
check "... one target off track, named" body_has "Attendance of every pupil up to 99.5%</a>"

# ---- the monitoring schedule ----
req office GET /api/schedule
check "the office's checklist" status_is 200
check "... today's daily tasks and the week's" bash -c "jq -e '[.tasks[].title] | index(\"Attendance staff monitor register completion and return\")' '$T/body' >/dev/null"
check "... registers: proved from the data once the day is over" json_is '.tasks[] | select(.title | startswith("Attendance staff monitor")) | .state' done
check "... with the evidence (recorded by the server's run, or live)" json_is '.tasks[] | select(.title | startswith("Attendance staff monitor")) | (.done.evidence // .evidence)' "6 of 6 registers taken, every one by its closing time."
check "... only the office's (and leaders')" json_is '[.tasks[] | select(.yours | not)] | length' 0
LEADS=$(sql "select id from schedule_tasks where builtin_key = 'daily.leads'")
D0=$(count schedule_done)
form office "/schedule/$LEADS/done" "date=$TODAY"
check "the office can't tick the lead's task: 403" status_is 403
req lead POST "/api/schedule/$LEADS/done" '{"date":"2026-13-01"}'
check "a date that is not one: 400" status_is 400
check "... naming it" json_is .field date
req lead POST "/api/schedule/$LEADS/done" '{"date":"2026-11-28"}'
check "a Saturday has no task: 400" status_is 400
check "... nothing written" test "$(count schedule_done)" = "$D0"
form lead "/schedule/$LEADS/done" "date=$TODAY&note=Sent+after+registration"
check "the lead ticks it in one click" status_is 303
check "... time-stamped, with the note" test "$(sql "select done_by || '|' || note || '|' || count(*) from schedule_done where task_id = $LEADS and done_at like '2026-11-27T16:30%' group by done_by, note")" = "lead|Sent after registration|1"
form lead "/schedule/$LEADS/done" "date=$TODAY"
check "... once: 409" status_is 409
req lead POST "/api/schedule/$LEADS/done" '{"date":"2026-11-26"}'
check "yesterday's is missed, not ticked: 409" status_is 409
req lead GET "/api/schedule/missed?from=2026-11-16&to=2026-11-27"
check "what was missed" status_is 200
check "... the lead's daily data, nine school days" json_is '[.missed[] | select(.title | startswith("Daily attendance data sent"))] | length' 9
check "... and whose" json_is '[.missed[] | select(.title | startswith("Daily attendance data sent")) | .people][0]' lead
req lead GET "/schedule/missed?from=2026-11-16&to=2026-11-27"
check "the page of what was missed" status_is 200
check "... by role" body_has 'id="missed-by-role"'
req lead GET "/schedule?date=2026-13-40"
check "a checklist of a day that is not one: 400" status_is 400
req lead GET "/schedule?bogus=1"
check "a parameter that is not one: 400" status_is 400
"$ATTEND" schedule recipients add "Ms Fielding" head@riverside.example --daily --weekly >/dev/null
"$ATTEND" schedule recipients add "Miss Bethany" lead@riverside.example --daily >/dev/null
check "a bad recipient's address is refused" bash -c "! '$ATTEND' schedule recipients add X not-an-address 2>/dev/null"
"$ATTEND" schedule run >"$T/run.out" 2>&1
check "attend schedule run" test $? = 0
"$ATTEND" schedule run >/dev/null 2>&1
check "the daily digest once to each lead (the server's run may have sent it first)" test "$(sql "select count(*) || ':' || group_concat(recipient) from (select recipient from outbox where template = 'daily-digest' order by recipient) r")" = "2:head@riverside.example,lead@riverside.example"
check "the weekly pack once, to the lead who wants it" test "$(sql "select count(*) || ':' || group_concat(recipient) from outbox where template = 'weekly-pack'")" = "1:head@riverside.example"
check "... through the outbox, to staff: no pupil, no contact" test "$(sql "select count(*) from outbox where template in ('daily-digest','weekly-pack') and pupil_id is null and contact_id is null and status = 'queued'")" = 3
sql "select body from outbox where template = 'daily-digest' limit 1" >"$T/digest.txt"
sql "select body from outbox where template = 'weekly-pack' limit 1" >"$T/pack.txt"
check "the digest: today's attendance, the unexplained absences and the registers" bash -c "grep -q 'Attendance today:' '$T/digest.txt' && grep -q 'still absent with no reason' '$T/digest.txt' && grep -q 'Registers: 6 of 6 taken' '$T/digest.txt'"
check "the pack: cohorts, bands, who moved" bash -c "grep -q 'Free school meals' '$T/pack.txt' && grep -q '0-5%:' '$T/pack.txt' && grep -q 'Who moved this week' '$T/pack.txt'"
check "... neither names a pupil" bash -c "! grep -qE 'Adams|Brown|Green|8202001' '$T/digest.txt' '$T/pack.txt'"
req lead GET /api/schedule
check "the day's final data: proved by the digest" json_is '.tasks[] | select(.title | startswith("Final attendance data")) | .state' done

# ---- recognition ----
req lead POST /api/recognition/lists '{"award":999}'
check "an award that is not one: 404" status_is 404
req lead POST /api/recognition/lists '{"award":1,"date":"2026-12-25"}'
check "a list for the future: 400" status_is 400
req lead POST /api/recognition/lists '{"award":1}'
check "this week's 100% list stands already (the fixture's): 409" status_is 409
req lead POST /api/recognition/lists/1 '{"decision":"approve"}'
check "... decided already: 409" status_is 409
form teach7b "/pupils/$U7B2/recognition" ""
check "keeping a pupil out needs a reason: 400" status_is 400
check "... nothing written" test "$(count recognition_exclusions)" = 0
form teach7a "/pupils/$U7B2/recognition" "reason=x"
check "a tutor can't for another form's pupil: 403" status_is 403
form teach7b "/pupils/$U7B2/recognition" "reason=Family+asked+for+no+public+awards"
check "her tutor keeps Hana out of public recognition" status_is 303
check "... the reason kept" test "$(sql "select excluded_by || ': ' || reason from recognition_exclusions")" = "teach7b: Family asked for no public awards"
form lead /recognition/awards "name=100%25+this+week+(assembly)&kind=full_attendance&period=week&minimum=6"
check "an award for assembly: 100% this week, no message" status_is 303
WEEK=$(sql "select id from award_rules where name = '100% this week (assembly)'")
req lead POST /api/recognition/lists "{\"award\":$WEEK}"
check "its list generated" status_is 201
LIST=$(jq -r .id "$T/body")
req lead GET "/api/recognition/lists/$LIST"
check "... everyone with every session of the week attended, on roll at its end" json_is '[.winners[].upn] | sort | join(",")' "$(printf '%s\n' $U7A3 $U7A4 $U7A5 $U7B1 $U7B2 $U7B3 $U8A1 $U8A2 | sort | paste -sd,)"
check "... Hana kept out (excluded, not included)" json_is ".winners[] | select(.upn == \"$U7B2\") | [.excluded, .included] | map(tostring) | join(\",\")" "true,false"
IVAN=$(jq -r ".winners[] | select(.upn == \"$U7B3\") | .id" "$T/body")
KEEP=$(jq -r ".winners[] | select(.upn != \"$U7B3\" and .upn != \"$U7B2\") | .id" "$T/body" | sed 's/^/keep=/' | paste -sd'&')
req lead GET "/recognition/lists/$LIST/certificates.pdf"
check "no certificates before approval: 409" status_is 409
form lead "/recognition/lists/$LIST" "chosen=yes&decision=approve&$KEEP&note=Ivan+had+his+last+term"
check "approved, Ivan left out by the approver" status_is 303
check "... recorded" test "$(sql "select status || '|' || decided_by from award_lists where id = $LIST")" = "approved|lead"
check "... Ivan not included" test "$(sql "select included from award_winners where id = $IVAN")" = 0
req office GET "/recognition/lists/$LIST/certificates.pdf"
check "the office prints the certificates" status_is 200
pdftotext "$T/body" "$T/certs.txt" 2>/dev/null
check "... one page each for the six kept" test "$(pdfinfo "$T/body" 2>/dev/null | awk '/^Pages:/ { print $2 }')" = 6
check "... naming them" bash -c "grep -q 'Cara Chowdhury' '$T/certs.txt' && grep -q 'Kai King' '$T/certs.txt' && grep -q 'Éva O' '$T/certs.txt'"
check "... not Hana (kept out) nor Ivan (left out)" bash -c "! grep -qE 'Hana|Ivan' '$T/certs.txt'"
check "... and no absence reason" bash -c "! grep -qiE 'illness|ill |medical|reason' '$T/certs.txt'"
req lead POST "/api/recognition/lists/$LIST/send" '{"send":true}'
check "an award with no message sends none: 409" status_is 409
form lead /recognition/awards "name=Most+improved+this+week&kind=most_improved&period=week&minimum=6&top=3&template=recognition-most-improved"
check "an award for the most improved this week" status_is 303
WEEKLY=$(sql "select id from award_rules where name = 'Most improved this week'")
req lead POST /api/recognition/lists "{\"award\":$WEEKLY}"
check "its list: generated" status_is 201
MI=$(jq -r .id "$T/body")
req lead GET "/api/recognition/lists/$MI"
check "... Gus, against his own last week (20% to 100%)" json_is '[.winners[] | [.upn, .before, .attendance, .rise] | map(tostring) | join(" ")] | join(",")' "$U7B1 20 100 80"
check "... against the 5 school days before" json_is '.previous | [.from, .to] | join(",")' "2026-11-16,2026-11-20"
req lead POST "/api/recognition/lists/$MI" '{"decision":"approve"}'
req lead POST "/api/recognition/lists/$MI/send" '{"send":true}'
check "praise sent to Gus's family" status_is 200
check "... one queued" json_is .queued 1
check "... in the outbox, to his mother" test "$(sql "select o.template || '|' || o.recipient_name from outbox o join award_winners w on w.outbox_id = o.id where w.list_id = $MI")" = "recognition-most-improved|Gail Green"
no_reason_named() { ! db_query "select body from outbox where template = 'recognition-most-improved'" | grep -qiE 'illness|ill '; }
check "... naming no absence reason" no_reason_named
req lead POST "/api/recognition/lists/$MI/send" '{"send":true}'
check "... once: nothing more queued" json_is .queued 0
X=$(sql 'select id from recognition_exclusions')
form lead "/recognition/exclusions/$X" ""
check "lifting needs a reason: 400" status_is 400
form lead "/recognition/exclusions/$X" "reason=Family+agreed"
check "the exclusion lifted" status_is 303
check "... kept, with who and why" test "$(sql "select lifted_by || ': ' || lift_reason from recognition_exclusions")" = "lead: Family agreed"
req teach7b GET "/pupils/$U7B2/recognition"
check "her tutor sees Hana takes part again, and the history" body_has "Lifted by lead"
form lead "/recognition/awards/$WEEK" "minimum=8"
check "an award changed" status_is 303
check "... as the lead set it" test "$(sql "select minimum || '|' || updated_by from award_rules where id = $WEEK")" = "8|lead"
BANDING=$(sql "select id from schedule_tasks where builtin_key = 'weekly.banding'")
req lead PUT "/api/schedule/tasks/$BANDING" '{"title":"Banding review with the heads of year"}'
check "a schedule task renamed" status_is 200
check "... as the lead set it" test "$(sql "select title || '|' || updated_by from schedule_tasks where id = $BANDING")" = "Banding review with the heads of year|lead"
req lead GET /leading
check "the champion's page" status_is 200
check "... each part" bash -c "grep -q 'hub-sa' '$T/body' && grep -q 'hub-plan' '$T/body' && grep -q 'hub-schedule' '$T/body' && grep -q 'hub-recognition' '$T/body'"
finish
