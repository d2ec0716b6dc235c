#!/usr/bin/env bash
# The role matrix: every route of the route table (`attend serve --routes`)
# for every role, and nobody signed in. A role the table allows gets 200 (a
# write with an empty body gets 400: past the role check); any other role
# gets 403. A new route is in this test the moment it is in the table.
# Then scope: teachers and heads of year see only their forms and years;
# governors never see a pupil's name or UPN.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lessons_fixture.sh"
source "$(dirname "$0")/leading_fixture.sh"
source "$(dirname "$0")/casework_fixture.sh"
start_school || exit 1
# What the routes of families and the first-day response need to exist:
# contacts, Amy N today (which gives the tutor a task), contact log entry 1
# and a letter to print (outbox message 1); and the lesson registers'.
family_school || exit 1
start_lessons || exit 1
# The trust roles (issue 9): the school in a trust, a leader of the trust
# (aggregate only) and its attendance lead (everything).
"$ATTEND" init --trust "Test Trust" >/dev/null || exit 1
add_user tlead trust_leader
add_user tal trust_attendance_lead
start_server
start_leading || exit 1
casework_school || { echo "the casework fixture failed: $(cat "$T/body")"; exit 1; }

ROLES="admin:admin attendance_lead:lead office:office head_of_year:hoy8 teacher:teach7a governor:governor parent:parent dsl:dsl head:head pupil:pupil trust_leader:tlead trust_attendance_lead:tal"

# Families (issue 12): leave request #1 of Amy's mother, refused by the
# head teacher, so the letter is outbox message #2 (with its PDF; #1 is
# family_school's letter to print).
signin parent
req parent POST /api/family/leave '{"from":"2026-12-07","to":"2026-12-08","reason":"a family wedding"}'
check "the parent asks for leave (#1)" status_is 201
signin head
req head POST /api/leave/1 '{"decision":"refuse","reason":"a wedding is not exceptional"}'
check "the head teacher refuses it, with a letter (message #2)" json_is .decision.outbox_id 2

# A concrete path for a pattern, inside what the user may see.
concrete() {
  local pattern=$1 user=$2 form=7A pupil=$U7A1 class=7A/Ma1 period=1 year=7
  [ "$user" = hoy8 ] && form=8A && pupil=$U8A1 && class=8A/Hi1 && period=2 && year=8
  local p=${pattern//\{form\}/$form}
  p=${p//\{date\}/$TODAY}
  p=${p//\{session\}/AM}
  p=${p//\{upn\}/$pupil}
  p=${p//\{year\}/$year}
  p=${p//\{file\}/app.css}
  p=${p//\{period\}/$period}
  p=${p//\{class\*\}/$class}
  p=${p//\{step\}/calls}
  p=${p//\{task\}/1}
  p=${p//\{entry\}/1}
  p=${p//\{name\}/first-day-absence}
  p=${p//\{id\}/1}
  p=${p//\{plan\}/1}
  p=${p//\{action\}/1}
  p=${p//\{legal\}/1}
  p=${p//\{doc\}/1}
  case "$p" in */history) [ "${pattern#/api/}" != "$pattern" ] && p="$p?date=$TODAY&session=AM" ;; esac
  case "$p" in *\{*) echo "UNKNOWN-PLACEHOLDER $p" ;; *) echo "$p" ;; esac
}

is_signout() { [ "$1 $2" = "POST /signout" ] || [ "$1 $2" = "DELETE /api/session" ]; }

"$ATTEND" serve --routes >"$T/routes"
check "the route table lists routes" test "$(wc -l <"$T/routes")" -gt 10
n_routes=0
while read -r method pattern roles _; do
  n_routes=$((n_routes + 1))
  [ "$roles" = public ] && continue
  for pair in $ROLES; do
    role=${pair%%:*}
    user=${pair#*:}
    path=$(concrete "$pattern" "$user")
    [ -f "$T/$user.csrf" ] || signin "$user"
    allowed=no
    case ",$roles," in *,$role,*) allowed=yes ;; esac
    if [ "$method" = GET ]; then
      req "$user" GET "$path"
      want=200
      [ "$pattern" = / ] && want=303 # the start page sends each role to its own page
    elif is_signout "$method" "$pattern"; then
      if [ "$pattern" = /signout ]; then
        req "$user" POST "$path" '' -H 'Content-Type: application/x-www-form-urlencoded' \
          --data-binary "csrf=$(cat "$T/$user.csrf")"
        want=303
      else
        req "$user" DELETE "$path"
        want=200
      fi
      rm -f "$T/$user.csrf" # signed out: the next route signs in again
    elif [ "${pattern#/api/}" != "$pattern" ]; then
      req "$user" "$method" "$path" '{}'
      want=400
    else
      req "$user" "$method" "$path" '' -H 'Content-Type: application/x-www-form-urlencoded' \
        --data-binary "csrf=$(cat "$T/$user.csrf")"
      want=400
    fi
    [ $allowed = no ] && want=403
    check "$role $method $path -> $want" status_is $want
  done
  # nobody signed in
  path=$(concrete "$pattern" office)
  req - "$method" "$path"
  want=401
  [ "$method" = GET ] && [ "${pattern#/api/}" = "$pattern" ] && want=303
  check "nobody $method $path -> $want" status_is $want
done <"$T/routes"
echo "  ($n_routes routes)"

req - GET /signin
check "the sign-in page is public" status_is 200

# Scope: forms and years.
signin teach7a
signin hoy8
signin governor
req teach7a GET "/api/registers/7B/$TODAY/AM"
check "a teacher cannot open another form's register (403)" status_is 403
marks_before=$(sql 'select count(*) from marks')
req teach7a PUT "/api/registers/7B/$TODAY/AM" "{\"marks\":$(marks_json "$U7B1:/")}"
check "... nor save it" status_is 403
check "... and nothing was written" test "$(sql 'select count(*) from marks')" = "$marks_before"
req teach7a GET "/registers/7B/$TODAY/AM"
check "... nor see its page" status_is 403
req teach7a GET "/api/pupils/$U7B1/history?date=$TODAY&session=AM"
check "a teacher cannot see another form's pupil (403)" status_is 403
req teach7a GET "/pupils/$U8A1/history"
check "... nor their page" status_is 403
req teach7a GET "/api/registers?date=$TODAY"
check "a teacher's list holds only their form" json_is '[.[].form] | unique | join(",")' 7A
req hoy8 GET "/api/registers?date=$TODAY"
check "a head of year's list holds the forms of their years" json_is '[.[].form] | unique | join(",")' 8A
req hoy8 GET "/api/registers/7A/$TODAY/AM"
check "a head of year cannot open another year's register" status_is 403
req teach7a GET /api/stats
check "a teacher's figures are their pupils only" json_is '[.pupils[].form] | unique | join(",")' 7A
check "... and the summary counts only them (one has left)" json_is .summary.pupils 6
req hoy8 GET "/api/stats?group=form"
check "a head of year's figures are their years only" json_is '[.pupils[].year] | unique | join(",")' 8
signin office
req office GET /api/stats
check "the office sees the whole school" json_is .summary.pupils 11
req governor GET "/api/stats?group=form"
check "a governor gets figures" status_is 200
check "... with no per-pupil rows" json_is 'has("pupils")' false
check "... and no UPN anywhere" bash -c "! grep -q '[A-Z]8202001' '$T/body'"
check "... but the summary of the whole school" json_is .summary.pupils 11
cp "$T/body" "$T/gov-stats.json"
check "... a form of fewer than 6 pupils shows its name only" \
  json_is '[.groups[] | select(.pupils == null) | select(has("attendance_pct") | not) | .suppressed] | unique | join(",")' "fewer than 6 pupils"
check "... every form shown rests on 6 pupils or more" json_is '[.groups[] | .pupils // 6] | min >= 6' true
check "... and no count of 1 to 5 pupils" \
  json_is '[.summary, .groups[] | (.persistent, .severe, .at_risk, (.bands // {} | .[])) | select(. != null and . > 0 and . < 6)] | length' 0
req office GET "/api/stats?group=form"
check "... where the office sees the small form's own figures" \
  json_is '[.groups[] | select(.pupils < 6)] | length > 0' true
check "... and its small counts" \
  json_is '[.summary, .groups[] | (.persistent, .severe, .at_risk, (.bands | .[])) | select(. > 0 and . < 6)] | length > 0' true
req governor GET /stats
check "a governor's figures page names no pupil" bash -c "! grep -qE 'Adams|Brown|8202001' '$T/body'"
check "... and says a small group is fewer than 6 pupils" grep -q 'fewer than 6 pupils' "$T/body"
req governor GET "/api/registers?date=$TODAY"
check "a governor sees no registers" status_is 403
signin tlead
req tlead GET "/api/stats?group=form"
check "a trust leader gets figures with no per-pupil rows" json_is 'has("pupils")' false
check "... and no UPN anywhere" bash -c "! grep -q '[A-Z]8202001' '$T/body'"
req tlead GET /trust
check "a trust leader's dashboard names no pupil" bash -c "! grep -qE 'Adams|Brown|8202001' '$T/body'"
finish
