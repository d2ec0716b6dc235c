#!/usr/bin/env bash
# Casework over HTTP (issue 7): the triggers on a hand-made register raise
# the review list (and a second look raises nothing new); a decision moves
# a stage with its reason kept; scoping (teachers and heads of year see
# only their pupils' casework and no legal steps; the office, governors
# and parents none); safeguarding notes read only by the DSL and the lead,
# every read logged, others refused with nothing revealed; the penalty
# notice rules; documents (too big, the wrong type, a download); part-time
# timetables putting C2 on the register through its rules; the impact of
# an intervention, exact; the LA pack as CSV and PDF; bad input refused
# with nothing written.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/casework_fixture.sh"
start_school || exit 1
add_user dsl dsl

casework_register || { echo "marks import failed"; exit 1; }
start_server
casework_school || { echo "the casework fixture failed: $(cat "$T/body")"; exit 1; }
for u in lead admin office teach7a teach7b hoy8 governor parent dsl; do signin $u; done

count() { sql "select count(*) from $1"; }
pid_of() { sql "select id from pupils where upn = '$1'"; }
# refused SQL WHY: the database itself refuses SQL (its trigger says WHY),
# whoever asks, on SQLite and PostgreSQL alike.
refused() { ! db_query "$1" >/dev/null 2>"$T/sql.err" && grep -q "$2" "$T/sql.err"; }
code_of() { sql "select m.code from marks m join pupils p on p.id = m.pupil_id where p.upn = '$1' and m.date = '$2' and m.session = '$3'"; }

# ---- the review list ----
req lead GET /api/casework/reviews
check "the review list" status_is 200
kinds_of() { jq -r --arg u "$1" '[.reviews[] | select(.upn == $u) | .kind] | sort | join(",")' "$T/body"; }
check "Ben: 10 unauthorised sessions in 10 school weeks across the half-term, and at risk" \
  test "$(kinds_of "$U7A2")" = "at_risk,unauthorised"
check "... the threshold reached this morning" \
  json_is "[.reviews[] | select(.upn == \"$U7A2\" and .kind == \"unauthorised\") | .key][0]" "2026-11-27 AM"
check "... suggesting the formal stage" \
  json_is "[.reviews[] | select(.upn == \"$U7A2\" and .kind == \"unauthorised\") | .suggested][0]" formal
check "Cara: severe absence, suggesting targeted support" \
  json_is "[.reviews[] | select(.upn == \"$U7A3\" and .kind == \"severe\") | .suggested][0]" targeted
check "... and only severe (not at risk or persistent as well)" \
  test "$(jq -r --arg u "$U7A3" '[.reviews[] | select(.upn == $u and (.kind == "at_risk" or .kind == "persistent"))] | length' "$T/body")" = 0
check "Dan: persistent absence, a pattern of Mondays, and 10 N in 10 school weeks" \
  test "$(kinds_of "$U7A4")" = "pattern,persistent,unauthorised"
check "... the pattern in words" body_has "absent sessions were on a Monday this school year"
check "Jade: a decline over the last 4 school weeks, at risk, Tuesdays (and the day after half-term)" \
  test "$(kinds_of "$U8A1")" = "at_risk,decline,pattern,pattern"
check "... in words: 29 of 37 is 78.4%, down 21.6 points" body_has "Attendance was 78.4% in the 4 school weeks to Friday 27 November 2026, down 21.6 points on the 4 before (100.0%)"
check "Amy and Éva: nothing" test "$(kinds_of "$U7A1")$(kinds_of "$U7A5")" = ""
check "nothing was raised for a pupil who left" test "$(kinds_of "$ULEFT")" = ""
n_reviews=$(count casework_reviews)
req lead GET /api/casework/reviews
check "a second look raises nothing new" json_is .raised_now 0
check "... and the list is as it was" test "$(count casework_reviews)" = "$n_reviews"
"$ATTEND" casework scan --by lead >"$T/scan.out"
check "the CLI's scan finds nothing new either" grep -q "^0 new on the review list" "$T/scan.out"

req lead GET /casework
check "the review list page" status_is 200
check "... most pressing first: severe absence" bash -c "grep -o 'data-kind=\"[a-z_]*\"' '$T/body' | head -1 | grep -q severe"
check "... each with its accept and dismiss" body_has 'value="accept" class="primary">Accept</button>'
req lead GET "/casework?kind=decline"
check "... filtered by trigger" bash -c "[ \"\$(grep -o 'data-kind=\"[a-z_]*\"' '$T/body' | sort -u)\" = 'data-kind=\"decline\"' ]"
req lead GET "/casework?kind=nonsense"
check "... an unknown trigger is a 400" status_is 400

# ---- deciding ----
req lead GET /api/casework/reviews
CARA=$(jq -r "[.reviews[] | select(.upn == \"$U7A3\" and .kind == \"severe\") | .id][0]" "$T/body")
stages=$(count casework_stages)
req lead POST "/api/casework/reviews/$CARA" '{"decision":"accept"}'
check "a decision needs its reason (400)" status_is 400
check "... nothing written" test "$(count casework_stages)/$(sql "select state from casework_reviews where id = $CARA")" = "$stages/open"
req lead POST "/api/casework/reviews/$CARA" '{"decision":"maybe","reason":"x"}'
check "... accept or dismiss (400)" status_is 400
req lead POST "/api/casework/reviews/$CARA" '{"decision":"accept","stage":"upwards","reason":"x"}'
check "... a stage that is not one (400)" status_is 400
req teach7a POST "/api/casework/reviews/$CARA" '{"decision":"dismiss","reason":"not mine"}'
check "a teacher can't decide (403)" status_is 403
form lead "/casework/reviews/$CARA" "decision=accept&stage=targeted&reason=Meet+Mum+and+the+school+nurse"
check "the lead accepts from the page" status_is 303
check "... back to the list, saying so" header_has "location: /casework?done=cw_review"
check "... Cara is at targeted support now" \
  test "$(sql "select stage from casework_stages where pupil_id = $(pid_of "$U7A3") order by id desc limit 1")" = targeted
check "... the reason kept, naming the trigger" \
  test "$(sql "select reason from casework_stages where pupil_id = $(pid_of "$U7A3")")" = "Crossed into severe absence (50%) (review item $CARA): Meet Mum and the school nurse"
req lead POST "/api/casework/reviews/$CARA" '{"decision":"dismiss","reason":"again"}'
check "a decision is made once (409)" status_is 409
check "... the item can't be changed underneath" refused "update casework_reviews set decision_reason = 'x' where id = $CARA" "decided once"
check "... nor stages deleted" refused "delete from casework_stages" "kept as it was written"
req lead GET /api/casework/reviews
DAN=$(jq -r "[.reviews[] | select(.upn == \"$U7A4\" and .kind == \"pattern\") | .id][0]" "$T/body")
req lead POST "/api/casework/reviews/$DAN" '{"decision":"dismiss","reason":"Known: Monday physiotherapy, being coded wrongly"}'
check "a dismissal is kept with its reason" \
  test "$(sql "select state || ':' || decision_reason from casework_reviews where id = $DAN")" = "dismissed:Known: Monday physiotherapy, being coded wrongly"
check "... and moves no stage" test "$(sql "select count(*) from casework_stages where pupil_id = $(pid_of "$U7A4")")" = 0

# ---- scope ----
req teach7a GET "/api/pupils/$U7A1/casework"
check "a tutor sees their pupil's casework" status_is 200
check "... the plan" json_is '.plans[0].title' Mornings
check "... and no legal steps" json_is 'has("legal")' false
check "... nor that safeguarding notes exist" json_is 'has("safeguarding_notes")' false
req lead GET "/api/pupils/$U7A1/casework"
check "the lead sees the legal steps" json_is '.legal[0].kind' attendance_contract
check "... with the document" json_is '.legal[0].documents[0].content_type' application/pdf
req teach7a GET "/pupils/$U7A1/casework"
check "the tutor's page" status_is 200
check "... without the legal section" bash -c "! grep -q 'Formal and legal steps' '$T/body'"
check "... nor its contract" bash -c "! grep -q 'Attendance contract' '$T/body'"
req teach7a GET "/api/pupils/$U7B1/casework"
check "a tutor can't see another form's pupil (403)" status_is 403
req hoy8 GET "/api/pupils/$U8A1/casework"
check "a head of year sees their year's pupil" status_is 200
check "... without legal steps" json_is 'has("legal")' false
req hoy8 GET "/api/pupils/$U7A1/casework"
check "... not another year's (403)" status_is 403
check "... nothing of it in the answer" bash -c "! grep -q Mornings '$T/body'"
for who in office governor parent; do
  req $who GET "/api/pupils/$U7A1/casework"
  check "$who: no casework (403)" status_is 403
  check "... nothing of it in the answer" bash -c "! grep -q Mornings '$T/body'"
done
req office GET "/pupils/$U7A1"
check "the office's view of the profile says casework is for others" body_has "Casework is for the attendance lead"
check "... and shows none of it" bash -c "! grep -q Mornings '$T/body'"
req lead GET "/pupils/$U7A1"
check "the lead's profile has the casework section" body_has 'id="casework"'
check "... the plan in it" body_has "<strong>Mornings</strong>"
notes=$(count casework_notes)
req teach7a POST "/api/pupils/$U7A1/notes" '{"body":"Amy said the bus was late again"}'
check "a tutor adds a note for their pupil" status_is 200
req teach7a POST "/api/pupils/$U7B1/notes" '{"body":"not mine"}'
check "... not for another form's (403)" status_is 403
req teach7a POST "/api/pupils/$U7A1/notes" '{"body":"a worry","safeguarding":true}'
check "... and can't write a safeguarding note (403)" status_is 403
req teach7a POST "/api/pupils/$U7A1/stage" '{"stage":"formal","reason":"x"}'
check "... nor move a stage (403)" status_is 403
check "only the tutor's one note was written" test "$(count casework_notes)" = $((notes + 1))
req hoy8 POST "/api/pupils/$U8A1/plans" '{"title":"Tuesdays","review_on":"2026-12-18","barriers":["physical_health"]}'
check "a head of year starts a plan for their pupil" status_is 200
req hoy8 POST "/api/pupils/$U7A2/plans" '{"title":"not mine","review_on":"2026-12-18"}'
check "... not for another year's pupil (403)" status_is 403

# ---- safeguarding notes ----
req lead POST "/api/pupils/$U7A1/notes" '{"body":"Disclosure to Miss B: see the DSL file 14","safeguarding":"Y"}'
check "the lead writes a safeguarding note" status_is 200
reads=$(count casework_note_reads)
req dsl GET "/api/pupils/$U7A1/safeguarding"
check "the DSL reads it" status_is 200
check "... the note" json_is '.notes[0].body' "Disclosure to Miss B: see the DSL file 14"
check "... and the read is logged" test "$(count casework_note_reads)" = $((reads + 1))
check "... who, their role, the note and how" \
  test "$(sql "select username || '|' || role || '|' || note_id || '|' || via || '|' || ip from casework_note_reads order by id desc limit 1")" \
  = "dsl|dsl|$(sql 'select id from casework_notes where safeguarding = 1')|api /api/pupils/$U7A1/safeguarding|127.0.0.1"
req dsl GET "/pupils/$U7A1/safeguarding"
check "the DSL's page" status_is 200
check "... says reading is logged" body_has "Your reading of these notes is logged"
check "... a second read, logged from the page" \
  test "$(sql 'select via from casework_note_reads order by id desc limit 1')" = "page /pupils/$U7A1/safeguarding"
reads=$(count casework_note_reads)
for who in admin office teach7a hoy8 governor parent; do
  req $who GET "/api/pupils/$U7A1/safeguarding"
  check "$who can't read it (403)" status_is 403
  check "... nothing of it in the answer" bash -c "! grep -q 'DSL file 14' '$T/body'"
  req $who GET "/pupils/$U7A1/safeguarding"
  check "... nor its page (403)" status_is 403
done
req teach7a GET "/pupils/$U7A1/casework"
check "the tutor's casework page holds none of it" bash -c "! grep -qE 'DSL file 14|Safeguarding notes' '$T/body'"
req admin GET "/api/pupils/$U7A1/casework"
check "... nor the administrator's" bash -c "! grep -q 'DSL file 14' '$T/body'"
check "refusals read nothing and log nothing" test "$(count casework_note_reads)" = "$reads"
req lead GET "/pupils/$U7A1/casework"
check "the lead's casework page links to them, with their count" body_has "Safeguarding notes (1)"
check "... without their text" bash -c "! grep -q 'DSL file 14' '$T/body'"
req dsl GET /safeguarding/log
check "the DSL reviews the log" status_is 200
check "... every read there" test "$(grep -o '<tr><td>' "$T/body" | wc -l)" = "$reads"
req lead GET "/api/safeguarding/log?upn=$U7A1"
check "the lead too (as JSON)" json_is 'length' "$reads"
req teach7a GET /safeguarding/log
check "a tutor can't see the log (403)" status_is 403
check "the log can't be edited" refused "update casework_note_reads set username = 'x'" "append-only"
check "... nor emptied" refused "delete from casework_note_reads" "append-only"
if db_is_pg; then
  check "... nor truncated" refused "truncate casework_note_reads" "append-only"
fi

# ---- penalty notices and other legal steps ----
legal=$(count casework_legal)
req lead POST "/api/pupils/$U7A2/legal" '{"kind":"penalty_notice","parent_name":"Bea Brown","issued_on":"2026-11-27"}'
check "a first penalty notice" status_is 200
req lead GET "/api/pupils/$U7A2/casework"
check "... £160" json_is '.legal[0].amount' "£160"
check "... £80 if paid within 21 days" json_is '.legal[0].reduced_amount + " " + .legal[0].reduced_until' "£80 2026-12-18"
check "... to be paid within 28 days" json_is '.legal[0].pay_by' 2026-12-25
check "... the first within 3 years" json_is '.legal[0].number' 1
req lead POST "/api/pupils/$U7A2/legal" '{"kind":"penalty_notice","parent_name":"bea brown","issued_on":"2026-11-27"}'
check "a second" status_is 200
req lead GET "/api/pupils/$U7A2/casework"
check "... £160 with no reduction" json_is '[.legal[1].amount, .legal[1].reduced_amount, .legal[1].number] | map(tostring) | join(" ")' "£160 null 2"
req lead POST "/api/pupils/$U7A2/legal" '{"kind":"penalty_notice","parent_name":"Bea Brown","issued_on":"2026-11-27"}'
check "a third within 3 years is refused (409)" status_is 409
check "... naming the rule" body_has "at most two penalty notices to the same parent for the same child within 3 years"
check "... suggesting other action" body_has "Consider other action instead, such as prosecution"
check "... nothing written" test "$(count casework_legal)" = $((legal + 2))
req lead POST "/api/pupils/$U7A2/legal" '{"kind":"penalty_notice","parent_name":"Bob Brown","issued_on":"2026-11-27"}'
check "the other parent's first is a first" status_is 200
req lead POST "/api/pupils/$U7A2/legal/$((legal + 2))/events" '{"kind":"withdrawn","on":"2026-11-27","text":"issued in error"}'
check "a notice withdrawn" status_is 200
req lead POST "/api/pupils/$U7A2/legal" '{"kind":"penalty_notice","parent_name":"Bea Brown","issued_on":"2026-11-27"}'
check "... does not count: Bea's next is a second again" status_is 200
req lead POST "/api/pupils/$U7A2/legal/$((legal + 1))/events" '{"kind":"paid","on":"2026-11-27","amount":"160"}'
check "a payment of the wrong amount (400)" status_is 400
check "... saying what was due" body_has "the amount due on 2026-11-27 was £80"
req lead POST "/api/pupils/$U7A2/legal/$((legal + 1))/events" '{"kind":"paid","on":"2026-11-27","amount":"80"}'
check "the reduced amount within 21 days" status_is 200
req lead POST "/api/pupils/$U7A2/legal/$((legal + 1))/events" '{"kind":"paid","on":"2026-11-27","amount":"80"}'
check "... paid once (409)" status_is 409
req lead POST "/api/pupils/$U7A2/legal" '{"kind":"notice_to_improve","parent_name":"Bea Brown","issued_on":"2026-10-21","period_weeks":7}'
check "a notice to improve's period is 3 to 6 school weeks (400)" status_is 400
req lead POST "/api/pupils/$U7A2/legal" '{"kind":"notice_to_improve","parent_name":"Bea Brown","issued_on":"2026-10-21","period_weeks":3}'
check "a notice to improve of 3 school weeks" status_is 200
req lead GET "/api/pupils/$U7A2/casework"
check "... the half-term week does not count: to Tuesday 17 November" \
  json_is '[.legal[] | select(.kind == "notice_to_improve") | .period_start + " " + .period_end][0]' "2026-10-21 2026-11-17"
req lead POST "/api/pupils/$U7A2/legal" '{"kind":"prosecution","parent_name":"Bea Brown","issued_on":"2026-11-27"}'
check "a prosecution names its section (400)" status_is 400
req lead POST "/api/pupils/$U7A2/legal" '{"kind":"prosecution","parent_name":"Bea Brown","issued_on":"2026-11-27","section":"s444(1A)"}'
check "a prosecution under s444(1A)" status_is 200
req lead GET "/pupils/$U7A2/casework"
check "... its maximum on the page" body_has "a fine of up to £2,500 and/or up to 3 months"
req lead POST "/api/pupils/$U7A2/legal" '{"kind":"penalty_notice","parent_name":"Bea Brown","issued_on":"2027-01-04"}'
check "a step can't be dated in the future (400)" status_is 400
req hoy8 POST "/api/pupils/$U8A1/legal" '{"kind":"attendance_contract","parent_name":"Jo Jones","issued_on":"2026-11-27"}'
check "a head of year can't record legal steps (403)" status_is 403

# ---- documents ----
docs=$(count casework_documents)
head -c 6000000 /dev/zero | tr '\0' 'a' | sed '1s/^/%PDF-1.4 /' >"$T/big.pdf"
upload lead "/api/pupils/$U7A1/legal/1/documents" "$T/big.pdf" application/pdf
check "a document over 5 MB is refused (413)" status_is 413
check "... saying the limit" body_has "5 MB"
head -c 5243000 /dev/zero | tr '\0' 'a' | sed '1s/^/%PDF-1.4 /' >"$T/just.pdf"
upload lead "/api/pupils/$U7A1/legal/1/documents" "$T/just.pdf" application/pdf
check "... a little over 5 MB too (413)" status_is 413
echo "just some words" >"$T/note.txt"
upload lead "/api/pupils/$U7A1/legal/1/documents" "$T/note.txt" text/plain
check "a text file is not a document (400)" status_is 400
check "... saying what is" body_has "not a PDF, PNG or JPEG"
printf 'MZ\x90\x00 not a pdf' >"$T/prog.pdf"
upload lead "/api/pupils/$U7A1/legal/1/documents" "$T/prog.pdf" application/pdf
check "a program named .pdf is refused by its bytes (400)" status_is 400
make_pdf "$T/letter.pdf"
upload lead "/api/pupils/$U7A1/legal/1/documents" "$T/letter.pdf" image/png
check "a PDF that says it is a PNG (400)" status_is 400
check "none of those was kept" test "$(count casework_documents)" = "$docs"
STATUS=$(curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -b "$T/lead.jar" \
  -F "csrf=$(cat "$T/lead.csrf")" -F "next=/pupils/$U7A1/casework" -F "file=@$T/letter.pdf;type=application/pdf;filename=../../Warning letter.pdf" \
  "$URL/pupils/$U7A1/legal/1/documents")
check "the page's upload form (multipart)" status_is 303
check "... kept, its name made safe" test "$(sql "select filename || '|' || content_type || '|' || size from casework_documents order by id desc limit 1")" = "Warning letter.pdf|application/pdf|$(stat -c %s "$T/letter.pdf")"
check "... with its SHA-256" test "$(sql 'select sha256 from casework_documents order by id desc limit 1')" = "$(sha256sum "$T/letter.pdf" | cut -d' ' -f1)"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -b "$T/lead.jar" -F "csrf=$(cat "$T/lead.csrf")" \
  -F "file=@$T/note.txt;type=text/plain" "$URL/pupils/$U7A1/legal/1/documents")
check "the page refuses a text file (400)" status_is 400
check "... showing the casework page with the error" body_has 'not a PDF, PNG or JPEG'
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -b "$T/lead.jar" -F "file=@$T/letter.pdf" "$URL/pupils/$U7A1/legal/1/documents")
check "an upload without the CSRF token (403)" status_is 403
DOC=$(sql 'select max(id) from casework_documents')
req lead GET "/pupils/$U7A1/legal/1/documents/$DOC"
check "the lead downloads it" status_is 200
check "... the same bytes" cmp -s "$T/body" "$T/letter.pdf"
check "... as a PDF attachment" header_has 'content-disposition: attachment; filename="Warning letter.pdf"'
req lead GET "/pupils/$U7B1/legal/1/documents/$DOC"
check "... not through another pupil's path (404)" status_is 404
req teach7a GET "/pupils/$U7A1/legal/1/documents/$DOC"
check "a tutor can't (403)" status_is 403

# ---- part-time timetables: C2 through the register's rules ----
marks0=$(sql "select count(*) from mark_history")
req lead POST "/api/pupils/$U8A2/part-time" '{"sessions":"Mon:PM","started_on":"2026-11-16","planned_end":"2026-11-26","reviews":"2026-11-20","agreed_with":"Mr King and the LA","reason":"Hospital appointments"}'
check "a part-time timetable of Monday afternoons" status_is 200
check "... C2 on 16 November (was N: amended)" test "$(code_of "$U8A2" 2026-11-16 PM)" = C2
check "... and on 23 November" test "$(code_of "$U8A2" 2026-11-23 PM)" = C2
check "... the mornings as they were" test "$(code_of "$U8A2" 2026-11-16 AM)" = /
check "... every earlier version kept, with the reason" \
  test "$(sql "select group_concat(v, ',') from (select h.code || ':' || h.reason as v from mark_history h join pupils p on p.id = h.pupil_id where p.upn = '$U8A2' and h.date = '2026-11-16' and h.session = 'PM' order by h.version) as x")" \
  = "N:imported from $T/marks.csv,C2:part-time timetable 2, agreed with Mr King and the LA"
check "... two versions more in the history" test "$(sql 'select count(*) from mark_history')" = $((marks0 + 2))
check "... the register still verifies" bash -c "\"$ATTEND\" verify >/dev/null"
req lead POST "/api/pupils/$U8A2/part-time" '{"sessions":"Tue:PM","started_on":"2026-11-16","planned_end":"2026-11-26","reviews":"2026-11-20","agreed_with":"x","reason":"y"}'
check "one part-time timetable at a time (409)" status_is 409
req lead GET /api/casework/reviews
check "its review point passed unreviewed: on the review list" \
  json_is "[.reviews[] | select(.upn == \"$U8A2\") | .kind] | join(\",\")" part_time
req lead GET /api/tasks
check "... and tasks for the lead: past its planned end" \
  json_is "[.[] | select(.upn == \"$U8A2\") | .title] | map(select(startswith(\"Part-time timetable past its planned end\"))) | length" 1
check "... the review" json_is "[.[] | select(.upn == \"$U8A2\") | .title] | map(select(startswith(\"Review the part-time timetable\"))) | length" 1
check "... but not yet Amy's plan review (10 school days away)" \
  json_is "[.[] | select(.upn == \"$U7A1\") | .title] | map(select(startswith(\"Review the support plan\"))) | length" 0
req lead POST "/api/pupils/$U8A2/part-time/2/end" '{"ended_on":"2026-11-20","reason":"back full time"}'
check "it can't end in the past: C2 is on its sessions (400)" status_is 400
req lead POST "/api/pupils/$U8A2/part-time/2/end" '{"reason":"Back full time from Monday"}'
check "it ends today" status_is 200
req lead POST "/api/pupils/$U8A2/part-time" '{"sessions":"Mon:AM Mon:PM Tue:AM Tue:PM Wed:AM Wed:PM Thu:AM Thu:PM Fri:AM Fri:PM","started_on":"2026-11-30","planned_end":"2026-12-11","reviews":"2026-12-04","agreed_with":"x","reason":"y"}'
check "every session of the week is not a part-time timetable (400)" status_is 400

# ---- impact, exact ----
req lead POST "/api/pupils/$U8A1/interventions" '{"type":"breakfast_club","started_on":"2026-11-02","note":"from the week back"}'
check "an intervention for Jade" status_is 200
req lead GET "/api/pupils/$U8A1/casework"
imp='[.interventions[] | select(.type == "breakfast_club") | .impact][0]'
check "... before: the 6 school weeks before the week of 2 November, 60 of 60" \
  json_is "$imp | [.before_weeks, .before_attended, .before_possible, .before_pct] | map(tostring) | join(\" \")" "6 60 60 100"
check "... after: from 3 November (2 November is INSET) to this morning, 29 of 37" \
  json_is "$imp | [.after_attended, .after_possible, .after_pct] | map(tostring) | join(\" \")" "29 37 78.38"
check "... a change of -21.62 points, exact" json_is "$imp.change_pp" -21.62
check "... not complete yet: 4 of 6 weeks" json_is "$imp | [.complete, .after_weeks] | map(tostring) | join(\" \")" "false 4"
req lead GET "/pupils/$U8A1/casework"
check "... on the page" body_has 'data-k="change_pp" data-v="-21.62">-21.6 points'
req lead GET /api/casework/impact
check "the school's impact of breakfast clubs: 1 pupil, none with complete weeks yet" \
  json_is '[.types[] | select(.type == "breakfast_club") | [.pupils, .counted] | map(tostring) | join(" ")][0]' "1 0"
check "... with the plain warning" json_is '[.types[] | select(.type == "breakfast_club") | .too_few][0]' true
check "... in words" body_has "Too few pupils to conclude anything"
req lead GET /casework/impact
check "the impact page" status_is 200
check "... warns too" body_has 'class="too-few"'

# ---- the LA targeting support meeting pack ----
req lead GET /casework/pack.csv
check "the pack as CSV" status_is 200
check "... as a download" header_has 'content-disposition: attachment; filename="targeting-support-pack.csv"'
check "... severe absence first: Cara" bash -c "sed -n 2p '$T/body' | grep -q '^$U7A3,Chowdhury,Cara,7,7A,'"
check "... with her stage and tier" bash -c "sed -n 2p '$T/body' | grep -q ',Y,targeted,3,'"
check "... Dan, persistently absent" grep -q "^$U7A4,Davies,Dan" "$T/body"
check "... and no one under 10%" bash -c "! grep -qE '^($U7A1|$U7A5|$U7A2),' '$T/body'"
req lead POST "/api/pupils/$U7A3/plans" '{"title":"Health plan","started_on":"2026-10-05","review_on":"2026-12-07","barriers":"physical_health mental_health"}'
check "a plan for Cara" status_is 200
req lead POST "/api/pupils/$U7A3/plans/$(sql "select max(id) from casework_plans")/actions" '{"action":"School nurse visit","owner":"Nurse Patel","due_on":"2026-12-02"}'
req lead GET /casework/pack.csv
check "... the pack has her barriers and actions" bash -c "sed -n 2p '$T/body' | grep -qF 'Physical health; Mental health,\"School nurse visit (Nurse Patel, by 2026-12-02)\"'"
req lead GET /casework/pack.pdf
check "the pack as PDF" status_is 200
check "... a PDF" bash -c "head -c 5 '$T/body' | grep -q '%PDF-'"
pdftotext -layout "$T/body" "$T/pack.txt" 2>/dev/null
check "... its title" grep -q "Targeting support meeting: persistent and severe absence" "$T/pack.txt"
check "... Cara, severe" grep -q "Chowdhury, Cara" "$T/pack.txt"
check "... her barriers" grep -q "Physical health; Mental health" "$T/pack.txt"
check "... it renders" pdftoppm -r 30 -png -f 1 -l 1 "$T/body" "$T/pack"
"$ATTEND" casework pack --csv "$T/pack.csv" >/dev/null
check "the CLI writes the same CSV" cmp -s "$T/pack.csv" <(curl -s -b "$T/lead.jar" "$URL/casework/pack.csv")
req teach7a GET /casework/pack.csv
check "a tutor can't print the pack (403)" status_is 403

# ---- bad input: a clear 400 naming the field, nothing written ----
plans=$(count casework_plans)
bad() { # bad WHAT PATH JSON FIELD
  req lead POST "$2" "$3"
  check "$1 (400)" status_is 400
  check "... naming $4" json_is .field "$4"
}
bad "a plan reviewed before it starts" "/api/pupils/$U7A4/plans" '{"title":"x","started_on":"2026-11-20","review_on":"2026-11-19"}' review_on
bad "a plan with a barrier not in the list" "/api/pupils/$U7A4/plans" '{"title":"x","review_on":"2026-12-19","barriers":"aliens"}' barriers
bad "a plan with no title" "/api/pupils/$U7A4/plans" '{"review_on":"2026-12-19"}' title
bad "a plan starting in the future" "/api/pupils/$U7A4/plans" '{"title":"x","started_on":"2027-01-04","review_on":"2027-02-01"}' started_on
bad "a date that is not one" "/api/pupils/$U7A4/plans" '{"title":"x","review_on":"2026-02-30"}' review_on
check "no plan written" test "$(count casework_plans)" = "$plans"
bad "an action with no owner" "/api/pupils/$U7A1/plans/1/actions" '{"action":"x","due_on":"2026-12-01"}' owner
bad "a meeting to come" "/api/pupils/$U7A1/plans/1/meetings" '{"held_on":"2026-12-01","attendees":"x","notes":"y"}' held_on
bad "a meeting with nothing said" "/api/pupils/$U7A1/plans/1/meetings" '{"held_on":"2026-11-20","attendees":"x"}' pupil_voice
bad "a stage that is not one" "/api/pupils/$U7A1/stage" '{"stage":"tier2","reason":"x"}' stage
bad "a note with nothing in it" "/api/pupils/$U7A1/notes" '{"body":"  "}' body
bad "an intervention not in the list" "/api/pupils/$U7A1/interventions" '{"type":"magic","started_on":"2026-11-27"}' type
bad "sessions that are not sessions" "/api/pupils/$U7A4/part-time" '{"sessions":"Sat:AM","started_on":"2026-11-30","planned_end":"2026-12-11","reviews":"2026-12-04","agreed_with":"x","reason":"y"}' sessions
bad "a review point after the end" "/api/pupils/$U7A4/part-time" '{"sessions":"Fri:PM","started_on":"2026-11-30","planned_end":"2026-12-11","reviews":"2026-12-18","agreed_with":"x","reason":"y"}' reviews
form lead "/pupils/$U7A1/plans/1/actions" "action=Ring+home&owner=&due_on=2026-12-01"
check "the page's form comes back with the error (400)" status_is 400
check "... on the casework page" body_has 'id="plan"'
check "... saying which field" body_has "owner is empty"
req lead GET "/pupils/$U7A1/casework?from=2026-09-01"
check "a parameter a page does not take (400)" status_is 400
check "... named" body_has "&#39;from&#39; is not a parameter\\|'from' is not a parameter"
req lead GET "/api/pupils/$U7A1/safeguarding?x=1"
check "... nor an API call's (400)" status_is 400
req lead POST "/api/pupils/$U7A1/plans/99/actions" '{"action":"x","owner":"y","due_on":"2026-12-01"}'
check "an action on a plan that is not the pupil's (404)" status_is 404

# ---- a whole plan, through the page's forms ----
form lead "/pupils/$U7A5/plans" "title=Settling+in&started_on=2026-11-23&review_on=2026-12-14&barriers=bullying&barriers=transport"
check "a plan from the page, with two barriers ticked" status_is 303
P=$(sql "select max(id) from casework_plans")
check "... both barriers named" test "$(sql "select group_concat(code, ' ') from (select code from casework_plan_barriers where plan_id = $P order by id) as x")" = "bullying transport"
form lead "/pupils/$U7A5/plans/$P/meetings" "kind=meeting&held_on=2026-11-24&attendees=%C3%89va%2C+mum%2C+tutor&pupil_voice=Lunchtimes+are+hard&parent_voice=She+cries+on+Sundays&next_review_on=2026-12-07"
check "a support meeting with both voices" status_is 303
check "... the next review moves the plan's" test "$(sql "select review_on from casework_plans where id = $P")" = 2026-12-07
form lead "/pupils/$U7A5/plans/$P/close" "outcome=&closed_on=2026-11-27"
check "a plan closes with its outcome (400 without)" status_is 400
form lead "/pupils/$U7A5/plans/$P/close" "outcome=Settled%3A+friends+at+lunch&closed_on=2026-11-27"
check "... closed" status_is 303
check "... and stays as closed" refused "update casework_plans set outcome = 'x' where id = $P" "stays as it was closed"
req lead GET "/pupils/$U7A5/casework"
check "the page shows its meeting, with the pupil's voice" body_has "Lunchtimes are hard"
check "... the outcome" body_has "Settled: friends at lunch"

# ---- the catalogues ----
form lead /casework/catalogue "kind=barrier&label=Caring+for+a+sibling"
check "a school's own barrier" status_is 303
req lead GET /api/casework/catalogue
check "... in the list" json_is '[.barriers[] | select(.code == "caring_for_a_sibling") | .label][0]' "Caring for a sibling"
form lead /casework/catalogue "kind=barrier&label=caring+for+a+SIBLING"
check "... not twice (409)" status_is 409
form lead /casework/catalogue "kind=intervention&code=walking_bus&label=Walking+bus&retired=Y"
check "a built-in retired" status_is 303
req lead POST "/api/pupils/$U7A4/interventions" '{"type":"walking_bus","started_on":"2026-11-27"}'
check "... no longer chosen (400)" status_is 400
form lead /casework/catalogue "kind=intervention&code=part_time_timetable&label=x&retired=Y"
check "part-time timetables can't be retired (400)" status_is 400
req hoy8 GET /api/casework/catalogue
check "a head of year reads the lists" status_is 200
form hoy8 /casework/catalogue "kind=barrier&label=x"
check "... but can't change them (403)" status_is 403

finish
