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
