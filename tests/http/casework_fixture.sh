# Casework of the test school (tests/http/lib.sh's), made through the API
# as the attendance lead: source it after lib.sh and call casework_school
# once the server runs. Amy Adams (7A) gets support plan 1 with action 1,
# intervention 1 (mentoring), part-time timetable 1 (Monday afternoons
# from today, a Friday: no session of it has come yet) and an attendance
# contract (legal step 1) with document 1, a one-page PDF.

# upload WHO PATH FILE TYPE [NAME]: the API's document upload (the file is
# the body); the status in $STATUS.
upload() {
  local who=$1 path=$2 file=$3 type=$4 name=${5:-$(basename "$3")}
  STATUS=$(curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -b "$T/$who.jar" \
    -H "X-CSRF-Token: $(cat "$T/$who.csrf")" -H "Content-Type: $type" --data-binary "@$file" \
    "$URL$path?filename=$name")
}

# A small real PDF (what a scanned letter is), made by the PDF writer we trust.
make_pdf() {
  printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$1"
}

casework_school() {
  signin lead || return 1
  local ok=0
  req lead POST "/api/pupils/$U7A1/plans" \
    '{"title":"Mornings","started_on":"2026-11-02","review_on":"2026-12-11","barriers":"transport"}'
  status_is 200 || ok=1
  req lead POST "/api/pupils/$U7A1/plans/1/actions" \
    '{"action":"Call home at 8:45","owner":"Miss Bethany","due_on":"2026-12-04"}'
  status_is 200 || ok=1
  req lead POST "/api/pupils/$U7A1/interventions" '{"type":"mentoring","started_on":"2026-11-02"}'
  status_is 200 || ok=1
  req lead POST "/api/pupils/$U7A1/part-time" \
    '{"sessions":"Mon:PM","started_on":"2026-11-27","planned_end":"2026-12-18","reviews":"2026-12-11","agreed_with":"Ann Adams (mother) and the LA","reason":"Physio on Monday afternoons"}'
  status_is 200 || ok=1
  req lead POST "/api/pupils/$U7A1/legal" \
    '{"kind":"attendance_contract","parent_name":"Ann Adams","issued_on":"2026-11-20","review_on":"2026-12-18"}'
  status_is 200 || ok=1
  make_pdf "$T/contract.pdf"
  upload lead "/api/pupils/$U7A1/legal/1/documents" "$T/contract.pdf" application/pdf
  status_is 200 || ok=1
  return $ok
}

# The register of the casework tests: present everywhere from 3 September
# to this morning, but for what each pupil's trigger needs:
# Ben (7A): ten sessions N on different days and sessions from 21
#   September to this morning, spanning the half-term: 10 unauthorised
#   sessions within 10 school weeks (no pattern among them).
# Cara (7A): ill from 1 October: severe absence.
# Dan (7A): absent every Monday: persistent absence and a pattern.
# Jade (8A): ill on each Tuesday of November: attendance down on the 4
#   weeks before, at risk.
# Kai (8A): N on the Monday afternoons of 19 October, 16 and 23
#   November; his part-time timetable comes later.
code_for() { # upn date session
  local u=$1 d=$2 s=$3 wd
  wd=$(date -d "$d" +%u)
  case "$u" in
  "$U7A2")
    case "$d $s" in
    "2026-09-21 AM" | "2026-09-29 PM" | "2026-10-07 AM" | "2026-10-15 PM" | "2026-10-23 AM" | \
      "2026-11-09 PM" | "2026-11-17 AM" | "2026-11-18 PM" | "2026-11-26 AM" | "2026-11-27 AM")
      echo N; return ;;
    esac ;;
  "$U7A3") [[ "$d" > "2026-09-30" ]] && { echo I; return; } ;;
  "$U7A4") [ "$wd" = 1 ] && { echo N; return; } ;;
  "$U8A1") [[ "$d" > "2026-11-01" ]] && [ "$wd" = 2 ] && { echo I; return; } ;;
  "$U8A2") case "$d $s" in "2026-10-19 PM" | "2026-11-16 PM" | "2026-11-23 PM") echo N; return ;; esac ;;
  esac
  echo /
}
casework_register() {
  local d wd u s
  {
    echo upn,date,session,code,minutes_late
    d=2026-09-03
    while [[ "$d" < "$TODAY" || "$d" == "$TODAY" ]]; do
      wd=$(date -d "$d" +%u)
      if [ "$wd" -le 5 ] && ! [[ "$d" > "2026-10-23" && "$d" < "2026-11-03" ]]; then
        for u in "$U7A1" "$U7A2" "$U7A3" "$U7A4" "$U7A5" "$U7B1" "$U7B2" "$U7B3" "$U8A1" "$U8A2"; do
          for s in AM PM; do
            [ "$d $s" = "$TODAY PM" ] && continue # still to come
            echo "$u,$d,$s,$(code_for "$u" "$d" "$s"),"
          done
        done
      fi
      d=$(date -d "$d + 1 day" +%F)
    done
  } >"$T/marks.csv"
  "$ATTEND" import marks "$T/marks.csv" >/dev/null
}
