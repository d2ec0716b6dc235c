#!/usr/bin/env bash
# Every kind of bad input to a register gets a clear error naming the field,
# and nothing of that submission is written: forged or missing CSRF, an
# unknown code, a pupil not in the form or not on roll, a non-school day, a
# session still to come, a pupil twice, an oversized body, malformed UTF-8,
# malformed JSON.
source "$(dirname "$0")/lib.sh"
start_school || exit 1
start_server
signin teach7a
signin teach7b

R=/api/registers/7A/$TODAY/AM
# Two good marks first, so a bad third one shows all-or-nothing.
GOOD="\"$U7A1\",\"code\":\"/\"},{\"upn\":\"$U7A2\",\"code\":\"/\"}"
written() { echo "$(sql 'select count(*) from mark_history')/$(sql 'select count(*) from register_events')"; }
BEFORE=$(written)
nothing_written() { [ "$(written)" = "$BEFORE" ]; }

# refused: WHAT STATUS FIELD -- req args...
refused() {
  local what=$1 status=$2 field=$3
  shift 3
  req "$@"
  check "$what: $status" status_is "$status"
  [ "$field" != - ] && check "... naming $field" json_is .field "$field"
  check "... with a message" json_is '.error | length > 10' true
  check "... and nothing written" nothing_written
}

BODY="{\"marks\":[{\"upn\":$GOOD,{\"upn\":\"$U7A3\",\"code\":\"/\"}]}"
refused "no CSRF token" 403 csrf - PUT $R "$BODY" -b "$T/teach7a.jar"
refused "a forged CSRF token" 403 csrf - PUT $R "$BODY" -b "$T/teach7a.jar" -H "X-CSRF-Token: $(printf '%064d' 7)"
refused "another session's CSRF token" 403 csrf - PUT $R "$BODY" -b "$T/teach7a.jar" -H "X-CSRF-Token: $(cat "$T/teach7b.csrf")"
req teach7a POST /registers/7A/$TODAY/AM '' -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "code.$U7A1=%2F"
check "a form without its CSRF field: 403" status_is 403
check "... and nothing written" nothing_written

refused "an unknown code" 400 "marks[2].code" teach7a PUT $R "{\"marks\":[{\"upn\":$GOOD,{\"upn\":\"$U7A3\",\"code\":\"ZZ\"}]}"
refused "a withdrawn code" 400 "marks[2].code" teach7a PUT $R "{\"marks\":[{\"upn\":$GOOD,{\"upn\":\"$U7A3\",\"code\":\"H\"}]}"
refused "a pupil of another form" 400 "marks[2].upn" teach7a PUT $R "{\"marks\":[{\"upn\":$GOOD,{\"upn\":\"$U7B1\",\"code\":\"/\"}]}"
check "... saying so" json_is .error "pupil $U7B1 is not in form 7A on $TODAY"
refused "a pupil who has left" 400 "marks[2].upn" teach7a PUT $R "{\"marks\":[{\"upn\":$GOOD,{\"upn\":\"$ULEFT\",\"code\":\"/\"}]}"
check "... saying when they were on roll" body_has "to 2026-11-20)"
refused "a pupil not yet admitted" 400 "marks[2].upn" teach7a PUT $R "{\"marks\":[{\"upn\":$GOOD,{\"upn\":\"$UJOIN\",\"code\":\"/\"}]}"
refused "an unknown UPN" 400 "marks[2].upn" teach7a PUT $R "{\"marks\":[{\"upn\":$GOOD,{\"upn\":\"A999999999999\",\"code\":\"/\"}]}"
refused "a pupil twice" 400 "marks[2].upn" teach7a PUT $R "{\"marks\":[{\"upn\":$GOOD,{\"upn\":\"$U7A1\",\"code\":\"N\"}]}"
check "... saying so" body_has "appears twice"
refused "a Saturday" 400 date teach7a PUT /api/registers/7A/2026-11-28/AM "{\"marks\":[{\"upn\":$GOOD]}"
refused "half-term" 400 date teach7a PUT /api/registers/7A/2026-10-28/AM "{\"marks\":[{\"upn\":$GOOD]}"
refused "an INSET day" 400 date teach7a PUT /api/registers/7A/2026-11-02/AM "{\"marks\":[{\"upn\":$GOOD]}"
refused "a day still to come" 400 date teach7a PUT /api/registers/7A/2026-11-30/AM "{\"marks\":[{\"upn\":$GOOD]}"
refused "this afternoon, before it opens" 400 date teach7a PUT /api/registers/7A/$TODAY/PM "{\"marks\":[{\"upn\":$GOOD]}"
check "... saying when it opens" body_has "opens at 13:00"
refused "minutes late with a code that has none" 400 "marks[2].minutes_late" teach7a PUT $R "{\"marks\":[{\"upn\":$GOOD,{\"upn\":\"$U7A3\",\"code\":\"/\",\"minutes_late\":5}]}"
refused "negative minutes late" 400 "marks[2].minutes_late" teach7a PUT $R "{\"marks\":[{\"upn\":$GOOD,{\"upn\":\"$U7A3\",\"code\":\"L\",\"minutes_late\":-5}]}"
refused "minutes late as text" 400 "marks[2].minutes_late" teach7a PUT $R "{\"marks\":[{\"upn\":$GOOD,{\"upn\":\"$U7A3\",\"code\":\"L\",\"minutes_late\":\"5\"}]}"
refused "a misspelt field" 400 "marks[2]" teach7a PUT $R "{\"marks\":[{\"upn\":$GOOD,{\"upn\":\"$U7A3\",\"cod\":\"/\"}]}"
refused "marks that are not a list" 400 marks teach7a PUT $R '{"marks":{"upn":"x"}}'
refused "no marks at all" 400 marks teach7a PUT $R '{"marks":[]}'
refused "malformed JSON" 400 body teach7a PUT $R '{"marks":[{"upn":'
refused "JSON that is not an object" 400 body teach7a PUT $R '[1,2]'
refused "a key twice" 400 body teach7a PUT $R "{\"marks\":[],\"marks\":[{\"upn\":$GOOD]}"
printf '{"marks":[{"upn":%s],"reason":"bad \xff\xfe byte"}' "$GOOD" >"$T/badutf8.json"
refused "malformed UTF-8" 400 body teach7a PUT $R '' -H 'Content-Type: application/json' --data-binary @"$T/badutf8.json"
printf '{"marks":[{"upn":%s],"reason":"overlong \xc0\xaf slash"}' "$GOOD" >"$T/overlong.json"
refused "an overlong UTF-8 encoding" 400 body teach7a PUT $R '' -H 'Content-Type: application/json' --data-binary @"$T/overlong.json"
refused "a body that is not JSON" 400 Content-Type teach7a PUT $R '' -H 'Content-Type: text/plain' --data-binary "{\"marks\":[{\"upn\":$GOOD]}"
head -c 100000 /dev/zero | tr '\0' ' ' >"$T/big.json"
refused "an oversized body (100 KB)" 413 - teach7a PUT $R '' -H 'Content-Type: application/json' --data-binary @"$T/big.json"
refused "an unknown form" 404 form teach7a PUT /api/registers/9Z/$TODAY/AM "{\"marks\":[{\"upn\":$GOOD]}"
refused "a session that is not AM or PM" 400 session teach7a PUT /api/registers/7A/$TODAY/XM "{\"marks\":[{\"upn\":$GOOD]}"
refused "a date that is not a date" 400 date teach7a PUT /api/registers/7A/2026-02-30/AM "{\"marks\":[{\"upn\":$GOOD]}"
req teach7a POST /registers/7A/$TODAY/AM '' -H 'Content-Type: application/x-www-form-urlencoded' \
  --data-binary "csrf=$(cat "$T/teach7a.csrf")&code.$U7A1=%2F&reason=%FF%FE"
check "malformed UTF-8 in a form: 400" status_is 400
check "... and nothing written" nothing_written
req teach7a POST /registers/7A/$TODAY/AM '' -H 'Content-Type: application/x-www-form-urlencoded' \
  --data-binary "csrf=$(cat "$T/teach7a.csrf")&code.$U7A1=%2F&code.$U7B1=%2F"
check "a form with a pupil of another form: 400" status_is 400
check "... showing the register with the message" body_has "is not in form 7A"
check "... and nothing written" nothing_written

req teach7a PUT $R "{\"marks\":[{\"upn\":$GOOD]}"
check "after all that, a good register still saves" json_is .recorded 2
finish
