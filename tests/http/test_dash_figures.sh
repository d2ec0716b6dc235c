#!/usr/bin/env bash
# The figures of the dashboard, the pupil list, the profile, the year and
# form views and the governor report equal `attend stats`, `attend trends`
# and `attend patterns` for the same range and scope; every figure of the
# dashboard links to the pupils behind it, and that list has as many.
source "$(dirname "$0")/dash_lib.sh"
start_school || exit 1
school_marks || { echo "marks did not import"; exit 1; }
start_server
signin lead

# ---- the dashboard ----
req lead GET /dashboard
check "the dashboard is 200" status_is 200
cp "$T/body" "$T/dashboard.html"
check "it shows this half-term and this year" bash -c "grep -q 'data-period=\"this_half_term\"' '$T/body' && grep -q 'data-period=\"this_year\"' '$T/body'"
n_periods=0
while read -r name from to; do
  n_periods=$((n_periods + 1))
  cli s.json stats --json --from "$from" --to "$to"
  for f in attendance_pct absence_pct authorised_pct unauthorised_pct pupils; do
    held "p.$name.$f" "$(jv s.json ".summary.$f")"
  done
  if [ "$name" != today ] && [ "$name" != this_week ] && [ "$name" != last_week ]; then
    for f in persistent persistent_pct severe severe_pct; do
      held "p.$name.$f" "$(jv s.json ".summary.$f")"
    done
  fi
done < <(periods)
check "the dashboard has five periods with their dates (no last year in this calendar)" test "$n_periods" -ge 5
read -r _ yfrom yto < <(periods | awk '$1 == "this_year"')
cli year.json stats --json --from "$yfrom" --to "$yto" --group year
for y in 7 8; do
  for b in 0-5 5-10 10-15 15-20 20-25 25-30 30-35 35-40 40-45 45-50 50+; do
    held "b.$y.$b" "$(jv year.json ".groups[] | select(.value == \"$y\") | .bands[\"$b\"]")"
  done
done
for c in fsm=Y pp=Y send=K send=E eal=Y gender=F gender=M; do
  field=${c%=*} value=${c#*=}
  cli g.json stats --json --from "$yfrom" --to "$yto" --group "$field"
  q=".groups[] | select(.value == \"$value\")"
  if [ "$(jv g.json "$q | .pupils")" = "" ]; then continue; fi
  held "c.$c.pupils" "$(jv g.json "$q | .pupils")"
  held "c.$c.absence_pct" "$(jv g.json "$q | .absence_pct")"
  held "c.$c.gap_absence_pp" "$(jv g.json "$q | .gap.absence_pp")"
  held "c.$c.persistent" "$(jv g.json "$q | .persistent")"
  held "c.$c.persistent_pct" "$(jv g.json "$q | .persistent_pct")"
  held "c.$c.gap_persistent_pp" "$(jv g.json "$q | .gap.persistent_pp")"
done
held "n.absence_pct" 8.6 # national, secondary, 2024/25 (the shipped file)
held "n.attendance_pct" 91.4
held "n.fsm=Y.absence_pct" 10.4
cli p.json patterns --json --from "$yfrom" --to "$yto"
i=0
for d in monday tuesday wednesday thursday friday; do
  held "d.$d.absence_pct" "$(jv p.json ".school.by_day[$i].absence_pct")"
  held "d.$d.share_pct" "$(jv p.json ".school.by_day[$i].share_pct")"
  i=$((i + 1))
done
held d.am.absence_pct "$(jv p.json '.school.by_session[0].absence_pct')"
held d.pm.absence_pct "$(jv p.json '.school.by_session[1].absence_pct')"
held d.before.absence_pct "$(jv p.json '.school.next_to_holidays.before.absence_pct')"
held d.after.absence_pct "$(jv p.json '.school.next_to_holidays.after.absence_pct')"
held l.late_before_close "$(jv p.json '.school.lateness.late_before_close')"
held l.late_after_close "$(jv p.json '.school.lateness.late_after_close')"
held l.minutes "$(jv p.json '.school.lateness.minutes')"
check "someone was late after the register closed" test "$(fig l.late_after_close)" -gt 0
cli t.json trends --json --from "$yfrom" --to "$yto"
for f in declined_week improving_week crossed_into_pa crossed_out_of_pa at_risk briefing; do
  held "t.$f" "$(jv t.json ".school.counts.$f")"
done
jq -r '.weeks as $w | .school.weekly | to_entries[] | "\($w[.key].week) \(.value.attendance_pct)"' "$T/t.json" >"$T/weeks"
while read -r monday pct; do
  [ "$pct" = null ] && continue
  held "w.$monday.attendance_pct" "$pct"
done <"$T/weeks"

# Every figure that counts pupils links to them, and the list holds as many.
grep -oE '<a class="fig" href="[^"]*" data-k="[^"]*" data-v="[^"]*"' "$T/dashboard.html" |
  sed -E 's/.*href="([^"]*)" data-k="([^"]*)" data-v="([^"]*)"/\1 \2 \3/' >"$T/links"
check "the dashboard's figures are links" test "$(wc -l <"$T/links")" -gt 40
n=0
while read -r href key value; do
  case "$key" in *.persistent | *.severe | *.pupils | t.* ) ;; *) continue ;; esac
  href=$(sed "s/&amp;/\&/g" <<<"$href")
  req lead GET "$href"
  n=$((n + 1))
  if status_is 200 && same "$(fig count)" "$value"; then ok "$key $value: its list has $value"; else
    bad "$key $value: $href lists $(fig count) (status $STATUS)"; fi
done <"$T/links"
check "band segments link to their pupils" grep -q 'href="/pupils?from=[0-9-]*&amp;to=[0-9-]*&amp;year=7&amp;band=' "$T/dashboard.html"
check "... as do the days of the week" grep -q 'pattern=monday' "$T/dashboard.html"
check "(followed $n lists)" test "$n" -gt 10

# ---- the pupil list ----
req lead GET "/pupils?from=$yfrom&to=$yto"
check "the pupil list is 200" status_is 200
cli s.json stats --json --from "$yfrom" --to "$yto"
held count "$(jv s.json '.pupils | length')"
grep -o '<tr data-upn="[^"]*">.*</tr>' "$T/body" | sed 's/<tr data-upn/\n<tr data-upn/g' | grep data-upn >"$T/rows"
while read -r row; do
  upn=$(sed -E 's/.*data-upn="([^"]*)".*/\1/' <<<"$row")
  printf '%s' "$row" >"$T/row"
  PAGE=$T/row
  q=".pupils[] | select(.upn == \"$upn\")"
  for f in attendance_pct absence_pct unauthorised minutes_late; do
    held "$f" "$(jv s.json "$q | .$f")" "$upn $f"
  done
  PAGE=
done <"$T/rows"
req lead GET "/pupils?from=$yfrom&to=$yto&flag=pa"
held count "$(jv s.json '[.pupils[] | select(.persistent)] | length')"
req lead GET "/pupils?from=$yfrom&to=$yto&year=8"
held count "$(jv s.json '[.pupils[] | select(.year == "8")] | length')"
req lead GET "/pupils?from=$yfrom&to=$yto&band=50%2B"
held count "$(jv s.json '[.pupils[] | select(.band == "50+")] | length')"
req lead GET "/pupils?from=$yfrom&to=$yto&sort=attendance"
got=$(grep -o 'data-k="attendance_pct" data-v="[^"]*"' "$T/body" | sed -E 's/.*data-v="([^"]*)"/\1/' | tr '\n' ' ')
want=$(jq -r '[.pupils[] | .attendance_pct] | sort | map(tostring) | join(" ")' "$T/s.json")
check "sorted by attendance, lowest first" test "$(echo $got)" = "$(echo $want)"
req lead GET "/pupils.csv?from=$yfrom&to=$yto&sort=name"
check "the CSV is 200" status_is 200
check "... text/csv" header_has 'Content-Type: text/csv'
check "... a download" header_has 'Content-Disposition: attachment; filename="pupils-'
check "... a header and a line a pupil" test "$(($(wc -l <"$T/body") - 1))" = "$(jv s.json '.pupils | length')"
tr -d '\r' <"$T/body" >"$T/pupils.csv.out"
check "... with each pupil's attendance as stats says" bash -c "
  tail -n +2 '$T/pupils.csv.out' | cut -d, -f1,7 | sort >'$T/a'
  jq -r '.pupils[] | \"\(.upn),\(.attendance_pct)\"' '$T/s.json' | awk -F, '{ printf \"%s,%.2f\\n\", \$1, \$2 }' | sort >'$T/b'
  diff '$T/a' '$T/b'"
check "... and the next step of their flag" grep -q 'persistent,Targeted support' "$T/pupils.csv.out"

# ---- who moved ----
req lead GET "/moved?from=$yfrom&to=$yto"
check "who moved is 200" status_is 200
declined=$(jv t.json '.school.counts.declined_week')
check "it counts the pupils who fell ($declined)" grep -q "Fell most <small>$declined pupil" "$T/body"

# ---- a profile ----
req lead GET "/pupils/$U7A2?from=$yfrom&to=$yto"
check "a profile is 200" status_is 200
cp "$T/body" "$T/profile.html"
q=".pupils[] | select(.upn == \"$U7A2\")"
for f in attendance_pct absence_pct authorised unauthorised minutes_late; do
  held "$f" "$(jv s.json "$q | .$f")"
done
cli pp.json patterns --json --from "$yfrom" --to "$yto" --upn "$U7A2"
note=$(jv pp.json '.pupils[0].notes[0].text')
check "the pattern sentence: $note" grep -qF "$note" "$T/profile.html"
check "... which is about Mondays" grep -q "were on a Monday" "$T/profile.html"
cli tp.json trends --json --from "$yfrom" --to "$yto" --upn "$U7A3"
req lead GET "/pupils/$U7A3?from=$yfrom&to=$yto"
rec=$(jv tp.json '.pupils[0].recovery.text')
check "the way back to 90%: $rec" grep -qF "$rec" "$T/body"
check "the amendment is there with every version" bash -c "grep -q 'mum rang: flu' '$T/profile.html' && grep -q 'id=\"amendments\"' '$T/profile.html'"
sessions=$(grep -o 'class="hm" tabindex="0"' "$T/profile.html" | wc -l)
check "the calendar has a square for every session of the year ($sessions)" \
  test "$sessions" = "$((2 * $(school_days_until 2026-12-31)))"
check "... each with its meaning for hover and focus" grep -q 'data-tip="Monday 5 October 2026 AM: I, illness' "$T/profile.html"
check "... and marked I there" grep -q 'aria-label="Monday 5 October 2026 AM: I, illness (not a medical or dental appointment) (authorised absence)"' "$T/profile.html"

# ---- year and form views ----
for view in "years/7:year:7" "forms/7A:form:7A"; do
  IFS=: read -r path field value <<<"$view"
  req lead GET "/$path"
  check "/$path is 200" status_is 200
  cp "$T/body" "$T/view.html"
  PAGE=$T/view.html
  while read -r name from to; do
    cli gv.json stats --json --from "$from" --to "$to" --group "$field"
    q=".groups[] | select(.value == \"$value\")"
    for f in attendance_pct absence_pct pupils persistent severe; do
      held "p.$name.$f" "$(jv gv.json "$q | .$f")"
    done
  done < <(periods)
  PAGE=
done

# ---- the governor report ----
signin governor
req governor GET /governors
check "the governor report is 200" status_is 200
for f in attendance_pct absence_pct authorised_pct unauthorised_pct; do
  held "g.this_year.$f" "$(jv s.json ".summary.$f")"
done
cli h1.json stats --json --from 2026-09-02 --to 2026-10-23
held h.1.attendance_pct "$(jv h1.json .summary.attendance_pct)" "the first half-term's attendance"
cli h2.json stats --json --from 2026-11-02 --to 2026-11-27
held h.2.attendance_pct "$(jv h2.json .summary.attendance_pct)" "the second half-term's, to date"
check "a cohort of fewer than 6 pupils is not shown" grep -q '<th scope="row">Free school meals</th><td>fewer than 6</td>' "$T/body"
check "... nor its figures" bash -c "! grep -q 'data-k=\"c.fsm=Y' '$T/body'"
finish
