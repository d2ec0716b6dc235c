#!/usr/bin/env bash
# Who sees what on the dashboards: heads of year their years, teachers
# their forms, governors aggregate figures only with no pupil's name or UPN
# anywhere (pages, links, CSV, PDF, chart titles) and small numbers hidden;
# the governor report's PDF rendered and read back; bad query strings get a
# clear 400 naming the parameter.
source "$(dirname "$0")/dash_lib.sh"
start_school || exit 1
school_marks || { echo "marks did not import"; exit 1; }
start_server
for u in lead hoy8 teach7a governor office; do signin "$u"; done
upns=$(awk -F, 'NR > 1 { print $1 }' "$T/pupils.csv")
surnames=$(awk -F, 'NR > 1 { print $2 }' "$T/pupils.csv")
listed_upns() { grep -o 'data-upn="[^"]*"' "$T/body" | cut -d'"' -f2 | sort -u; }
# The year group of each UPN in lib.sh's school.
year_of() { awk -F, -v u="$1" '$1 == u { print $6 }' "$T/pupils.csv"; }
form_of() { awk -F, -v u="$1" '$1 == u { print $7 }' "$T/pupils.csv"; }

# ---- a head of year (year 8) ----
req hoy8 GET /years/8
check "a head of year opens their year" status_is 200
req hoy8 GET /years/7
check "... not another year (403)" status_is 403
check "... saying why" body_has "year 7 is not one of the years you see"
req hoy8 GET /forms/8A
check "... opens a form of their year" status_is 200
req hoy8 GET /forms/7A
check "... not a form of another year (403)" status_is 403
req hoy8 GET /pupils
check "... lists pupils" status_is 200
check "... only of year 8" bash -c "for u in \$(grep -o 'data-upn=\"[^\"]*\"' '$T/body' | cut -d'\"' -f2); do [ \"\$(awk -F, -v u=\$u '\$1 == u { print \$6 }' '$T/pupils.csv')\" = 8 ] || exit 1; done"
check "... all of them" test "$(listed_upns | wc -l)" = 2
req hoy8 GET /pupils.csv
check "... and the CSV holds only them" test "$(tail -n +2 "$T/body" | cut -d, -f4 | sort -u | tr -d '\r\n')" = 8
req hoy8 GET "/pupils/$U7A1"
check "... no profile of another year (403)" status_is 403
req hoy8 GET "/pupils/$U8A2"
check "... a profile of their year" status_is 200
req hoy8 GET /dashboard
check "... the school dashboard is not theirs (403)" status_is 403
req hoy8 GET /years
check "... the year list shows their year" bash -c "grep -q 'href=\"/years/8\"' '$T/body' && ! grep -q 'href=\"/years/7\"' '$T/body'"
req hoy8 GET /moved
check "... who moved: their pupils only" bash -c "! grep -qE 'data-upn=\"[A-Z]82020012600' '$T/body'"

# ---- a teacher (7A) ----
req teach7a GET /forms/7A
check "a teacher opens their form" status_is 200
req teach7a GET /forms/7B
check "... not another (403)" status_is 403
req teach7a GET /years/7
check "... no year view (403)" status_is 403
req teach7a GET /pupils
check "... lists only their form" bash -c "for u in \$(grep -o 'data-upn=\"[^\"]*\"' '$T/body' | cut -d'\"' -f2); do [ \"\$(awk -F, -v u=\$u '\$1 == u { print \$7 }' '$T/pupils.csv')\" = 7A ] || exit 1; done"
check "... every pupil of it on roll this year" test "$(listed_upns | wc -l)" = 6
req teach7a GET "/pupils?form=7B"
check "... a filter cannot widen it" test "$(listed_upns | wc -l)" = 0
req teach7a GET "/pupils/$U7B1"
check "... no profile of another form (403)" status_is 403
req teach7a GET /cup
check "... the Champions' Cup ranks every form" bash -c "grep -q '>7B<' '$T/body' && grep -q '>8A<' '$T/body'"
check "... without links into forms they do not teach" bash -c "! grep -q 'href=\"/forms/7B\"' '$T/body'"
check "... and without a pupil" bash -c "! grep -q 'data-upn' '$T/body'"

# ---- a governor: aggregates, no pupil anywhere ----
for path in /governors /governors.pdf /stats "/stats?group=form" /api/stats "/api/stats?group=year"; do
  req governor GET "$path"
  check "governor GET $path is 200" status_is 200
  if [ "$path" = /governors.pdf ]; then
    check "... a PDF" header_has 'Content-Type: application/pdf'
    cp "$T/body" "$T/report.pdf"
    pdftotext -layout "$T/report.pdf" "$T/report.txt" || bad "pdftotext could not read the PDF"
    text=$T/report.txt
  else
    text=$T/body
  fi
  leaked=
  for w in $upns $surnames; do grep -qiF -- "${w//\'/}" "$text" && leaked+=" $w"; done
  check "... names no pupil and no UPN${leaked:+ (found:$leaked)}" test -z "$leaked"
done
for path in /dashboard /pupils /pupils.csv /moved "/pupils/$U7A1" /years /years/7 /forms /forms/7A /cup; do
  req governor GET "$path"
  check "governor GET $path is 403" status_is 403
done
req governor GET /governors
cp "$T/body" "$T/gov.html"
check "the report hides a cohort of fewer than 6" grep -q '<th scope="row">Free school meals</th><td>fewer than 6</td>' "$T/gov.html"
check "... and a year group of fewer than 6" grep -q '<th scope="row">Year 8</th><td>fewer than 6</td>' "$T/gov.html"
check "... and a count of 1 to 5 pupils (3 persistently absent this year)" \
  grep -qE '<th scope="row">This year to date</th>(<td[^>]*>[^<]*</td>){4}<td>fewer than 6</td>' "$T/gov.html"
check "... with no rate beside it" bash -c "! grep -q 'data-k=\"g.this_year.persistent_pct\"' '$T/gov.html'"
check "... but shows the year groups of 6 or more" grep -q 'data-k="y.7.attendance_pct"' "$T/gov.html"
check "... has its charts with their descriptions" bash -c "[ \$(grep -o '<svg class=\"chart-svg\" role=\"img\"' '$T/gov.html' | wc -l) -ge 5 ] && grep -q '<desc id=\"gov-weekly-d\">' '$T/gov.html'"
check "... and links to no pupil" bash -c "! grep -qE 'href=\"/pupils|href=\"/forms/|href=\"/years/' '$T/gov.html'"
check "the PDF says what it is" grep -q "Attendance report for governors" "$T/report.txt"
check "... names the school" grep -q "Riverside Academy" "$T/report.txt"
check "... hides the small cohorts too" grep -qE "Free school meals +fewer than 6 +fewer than 6" "$T/report.txt"
cli s.json stats --json
att=$(jv s.json '.summary.attendance_pct' | awk '{ printf "%.1f%%", $1 + 0.00001 }')
check "... with this year's attendance as stats says ($att)" grep -q "This year to date *$att" "$T/report.txt"
mkdir -p "$ROOT/build/screenshots"
rm -f "$ROOT"/build/screenshots/governor-report-*.png
pdftoppm -r 60 -png "$T/report.pdf" "$ROOT/build/screenshots/governor-report"
pages=$(ls "$ROOT"/build/screenshots/governor-report-*.png 2>/dev/null | wc -l)
check "the PDF renders to PNG, page by page ($pages pages)" test "$pages" -ge 2
check "... pages that are not blank" bash -c "[ \$(stat -c %s \$(ls '$ROOT'/build/screenshots/governor-report-*.png | head -1)) -gt 20000 ]"
req lead GET /governors.pdf
check "the attendance lead may print it too" status_is 200

# ---- bad query strings: 400, the parameter named, nothing else ----
bad_query() { # PATH FIELD MESSAGE
  req lead GET "$1"
  if status_is 400 && body_has "$3"; then ok "GET $1 -> 400 ($2)"; else bad "GET $1: $STATUS, wanted 400 with '$3'"; fi
}
bad_query "/dashboard?from=2026-13-01" from "from"
bad_query "/dashboard?to=27/11/2026" to "to"
bad_query "/dashboard?from=2026-11-20&to=2026-11-01" from "from (2026-11-20) is after to (2026-11-01)"
bad_query "/dashboard?group=year" group "&#39;group&#39; is not a parameter of this page"
bad_query "/pupils?sort=height" sort "sort &#39;height&#39; is not name, year"
bad_query "/pupils?dir=up" dir "dir must be asc or desc"
bad_query "/pupils?page=0" page "page"
bad_query "/pupils?page=two" page "page"
bad_query "/pupils?flag=naughty" flag "flag &#39;naughty&#39; is not pa"
bad_query "/pupils?year=15" year "year &#39;15&#39; is not N1, N2, R or 1 to 14"
bad_query "/pupils?form=9Z" form "form &#39;9Z&#39; is not a form of the school"
bad_query "/pupils?band=60%2B" band "band &#39;60+&#39; is not"
bad_query "/pupils?fsm=maybe" fsm "fsm must be Y or N"
bad_query "/pupils?send=X" send "send must be N"
bad_query "/pupils?gender=X" gender "gender must be F, M or U"
bad_query "/pupils?action=panic" action "action &#39;panic&#39; is not"
bad_query "/pupils?pattern=weekend" pattern "pattern &#39;weekend&#39; is not"
bad_query "/pupils?colour=red" colour "&#39;colour&#39; is not a parameter of this page"
bad_query "/pupils.csv?sort=height" sort "sort"
bad_query "/moved?flag=pa" flag "&#39;flag&#39; is not a parameter"
bad_query "/cup?period=month" period "period must be week or half_term"
bad_query "/governors?to=yesterday" to "to"
bad_query "/governors.pdf?from=2026-02-30" from "from"
bad_query "/years/7?sort=name" sort "&#39;sort&#39; is not a parameter"
bad_query "/pupils/$U7A1?page=2" page "&#39;page&#39; is not a parameter"
req lead GET /pupils/NOTAUPN
check "an unknown pupil is 404" status_is 404
req lead GET "/pupils/$(upn 820200199999)"
check "... a well-formed UPN of nobody is 404" status_is 404
req lead GET /years/15
check "an unknown year group is 404" status_is 404
req lead GET /years/10
check "a year group without pupils is 404" status_is 404
req lead GET /forms/ZZ
check "an unknown form is 404" status_is 404
finish
