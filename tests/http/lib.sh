# Shared by tests/http/test_*.sh: a small school in a temporary database,
# a real `attend serve` on a free port, and curl helpers. Each test file
# sources this, calls start_school and start_server, then checks.
set -uo pipefail

: "${ATTEND:?set ATTEND to the attend binary}"
. "$(dirname "${BASH_SOURCE[0]}")/../lib-db.sh"
T=$(mktemp -d /tmp/attend-http.XXXXXX)
ATTEND_DB=$(db_new school "$T") || { echo "cannot make the test's database"; exit 1; }
export ATTEND_DB
echo "$ATTEND_DB" >"$T/db-target" # for the browser tests (tests/e2e/lib.mjs)
export ATTEND_NOW=${ATTEND_NOW:-2026-11-27T09:10} # a Friday morning, register open
PASSWORD='correct horse battery'
# fontconfig and pango keep caches for the process's life (letters' PDFs)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(cd "$(dirname "${BASH_SOURCE[0]}")/../comms" && pwd)/lsan.supp}
PASSED=0
FAILED=0
SERVER_PID=

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$T"
}
trap cleanup EXIT

ok() { PASSED=$((PASSED + 1)); echo "  ok   $1"; }
bad() {
  FAILED=$((FAILED + 1))
  echo "  FAIL $1"
  [ -s "$T/body" ] && echo "       body: $(head -c 600 "$T/body")"
  return 0
}
# check "description" command...: passes when the command succeeds.
check() {
  local what=$1
  shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}
finish() {
  echo "$(basename "$0"): $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# A UPN with the DfE check letter for its 12 digits.
upn() {
  awk -v s="$1" 'BEGIN { a = "ABCDEFGHJKLMNPQRTUVWXYZ"; n = 0
    for (i = 1; i <= 12; i++) n += substr(s, i, 1) * (i + 1)
    printf "%s%s\n", substr(a, n % 23 + 1, 1), s }'
}

# Pupils: 7A has five on roll on 2026-11-27 (and one who left on 11-20 and
# one who joins in December), 7B three, 8A two (year 8).
U7A1=$(upn 820200126001); U7A2=$(upn 820200126002); U7A3=$(upn 820200126003)
U7A4=$(upn 820200126004); U7A5=$(upn 820200126005)
ULEFT=$(upn 820200126006); UJOIN=$(upn 820200126007)
U7B1=$(upn 820200126011); U7B2=$(upn 820200126012); U7B3=$(upn 820200126013)
U8A1=$(upn 820200125021); U8A2=$(upn 820200125022)
TODAY=2026-11-27

start_school() {
  "$ATTEND" init --urn 100001 --name "Riverside Academy" --phase secondary --la 123 --estab 4567 >/dev/null || return 1
  cat >"$T/calendar.csv" <<CSV
start,end,kind,label
2026-09-02,2026-10-23,term,Autumn 1
2026-11-02,2026-12-18,term,Autumn 2
2026-09-02,2026-09-02,inset,Training day
2026-11-02,2026-11-02,inset,Training day
CSV
  cat >"$T/pupils.csv" <<CSV
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal
$U7A1,Adams,Amy,2015-01-10,F,7,7A,2026-09-01,,N,N,N,N
$U7A2,Brown,Ben,2015-02-11,M,7,7A,2026-09-01,,Y,Y,N,N
$U7A3,Chowdhury,Cara,2015-03-12,F,7,7A,2026-09-01,,N,N,K,Y
$U7A4,Davies,Dan,2015-04-13,M,7,7A,2026-09-01,,N,N,N,N
$U7A5,O'Neill,Éva,2015-05-14,F,7,7A,2026-09-01,,N,N,N,Y
$ULEFT,Evans,Eli,2015-06-15,M,7,7A,2026-09-01,2026-11-20,N,N,N,N
$UJOIN,Fox,Fay,2015-07-16,F,7,7A,2026-12-01,,N,N,N,N
$U7B1,Green,Gus,2015-08-17,M,7,7B,2026-09-01,,N,N,N,N
$U7B2,Hall,Hana,2015-08-18,F,7,7B,2026-09-01,,N,N,N,N
$U7B3,Iqbal,Ivan,2015-08-19,M,7,7B,2026-09-01,,N,N,N,N
$U8A1,Jones,Jade,2014-01-20,F,8,8A,2026-09-01,,N,N,N,N
$U8A2,King,Kai,2014-02-21,M,8,8A,2026-09-01,,Y,N,E,N
CSV
  "$ATTEND" import calendar "$T/calendar.csv" >/dev/null || return 1
  "$ATTEND" import pupils "$T/pupils.csv" >/dev/null || return 1
  family_contacts || return 1
  add_user admin admin
  add_user lead attendance_lead
  add_user office office
  add_user hoy8 head_of_year --years 8
  add_user teach7a teacher --forms 7A
  add_user teach7b teacher --forms 7B
  add_user governor governor
  add_user parent parent --children "$U7A1:1"
  add_user pupil pupil --pupil "$U7A1"
  add_user head head
}

# The families of the school (issue 12): Amy's parents (Ann, who reads
# English, and Alan, who has no email), Gus's mother (Polish), Jade's
# carer; the school's details the letters and invitations need.
family_contacts() {
  cat >"$T/contacts.csv" <<CSV
upn,priority,name,relationship,phone,mobile,email,address,postcode,language,parental_responsibility,lives_with_pupil,receives_mail,do_not_contact
$U7A1,1,Ann Adams,mother,,07700900101,ann@example.org,"1 Mill Lane, Riverside",RV1 1AA,en,Y,Y,Y,N
$U7A1,2,Alan Adams,father,01632960102,,,,,en,Y,N,N,N
$U7B1,1,Greta Green,mother,,07700900111,greta@example.org,"2 Mill Lane, Riverside",RV1 1AB,pl,Y,Y,Y,N
$U8A1,1,Jo Jones,carer,,07700900121,jo@example.org,"3 Mill Lane, Riverside",RV1 1AC,en,N,Y,Y,N
CSV
  "$ATTEND" import contacts "$T/contacts.csv" --by office >/dev/null 2>&1 || return 1
  local kv
  for kv in "school_phone=01632 960000" "school_email=office@riverside.example" \
            "school_address=Riverside Academy, River Road, Riverside" \
            "smtp_from=office@riverside.example" "public_url=https://attend.riverside.example"; do
    "$ATTEND" settings set "${kv%%=*}" "${kv#*=}" --by admin >/dev/null || return 1
  done
}

CONTACTS_HEADER=upn,priority,name,relationship,phone,mobile,email,address,postcode,language,parental_responsibility,lives_with_pupil,receives_mail
# Families for the school: the school's details, two contacts for Amy (7A)
# and Jade (8A), one for Ben; Amy N this morning (the tutor's task; task 1
# is the LA's notification of Fay's admission in December),
# contact log entry 1 and a letter to print (outbox message 1).
family_school() {
  cat >"$T/contacts.csv" <<CSV
$CONTACTS_HEADER
$U7A1,1,Ann Adams,mother,,07700 900111,ann@example.org,"1 Mill Lane, Leeds",LS1 1AA,en,Y,Y,Y
$U7A1,2,Alan Adams,father,0113 496 0111,,,,,en,Y,Y,N
$U7A2,1,Bea Brown,mother,0113 496 0222,07700 900222,,,,en,Y,Y,N
$U8A1,1,Jo Jones,carer,0113 496 0333,07700 900333,,"3 Hill Road, Leeds",LS3 3CC,en,Y,Y,Y
$U8A1,2,Jim Jones,grandparent,0113 496 0444,,,,,en,N,N,N
CSV
  {
    "$ATTEND" settings set school_phone "0113 496 0000" &&
    "$ATTEND" settings set school_email office@riverside.example &&
    "$ATTEND" settings set school_address "Church Lane, Leeds, LS6 3AA" &&
    "$ATTEND" settings set smtp_from office@riverside.example &&
    "$ATTEND" import contacts "$T/contacts.csv" --by office &&
    "$ATTEND" mark "$U7A1" "$TODAY" AM N --by teach7a &&
    "$ATTEND" contact log "$U7A1" --channel call --to 2 --outcome "No answer" --by office &&
    "$ATTEND" message send --template concern-letter --upn "$U7A1" --via post --by office
  } >/dev/null 2>&1
}

add_user() {
  local name=$1 role=$2
  shift 2
  echo "$PASSWORD" | "$ATTEND" user add "$name" --role "$role" "$@" --password-stdin >/dev/null
}

start_server() {
  "$ATTEND" serve --listen 127.0.0.1:0 >"$T/serve.out" 2>"$T/serve.log" &
  SERVER_PID=$!
  for _ in $(seq 1 600); do # 30 s: the ASan build on a busy machine
    grep -q 'http://' "$T/serve.out" 2>/dev/null && break
    sleep 0.05
  done
  URL=$(grep -o 'http://[0-9.:]*' "$T/serve.out" | head -1)
  [ -n "$URL" ] || { echo "server did not start:"; cat "$T/serve.log"; exit 1; }
}

stop_server() {
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID"
  local rc=$?
  SERVER_PID=
  return $rc
}

# req WHO METHOD PATH [JSON] [extra curl args...]: the status in $STATUS,
# the body in $T/body, headers in $T/headers. WHO is a user signed in with
# signin (or "-" for nobody); the API gets its CSRF token.
req() {
  local who=$1 method=$2 path=$3 data=${4-}
  shift 3
  [ $# -gt 0 ] && shift
  local args=(-s -o "$T/body" -D "$T/headers" -w '%{http_code}' -X "$method")
  if [ "$who" != - ]; then
    args+=(-b "$T/$who.jar" -c "$T/$who.jar")
    [ -f "$T/$who.csrf" ] && args+=(-H "X-CSRF-Token: $(cat "$T/$who.csrf")")
  fi
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
  STATUS=$(curl "${args[@]}" "$@" "$URL$path")
}

signin() {
  local who=$1
  rm -f "$T/$who.jar" "$T/$who.csrf"
  STATUS=$(curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -c "$T/$who.jar" \
    -H 'Content-Type: application/json' \
    --data-binary "{\"username\":\"$who\",\"password\":\"$PASSWORD\"}" "$URL/api/session")
  [ "$STATUS" = 200 ] && jq -r .csrf "$T/body" >"$T/$who.csrf"
}

# totp_code SECRET OFFSET: the 6-digit code an authenticator app shows for
# SECRET (base32) at the server's clock, OFFSET 30-second steps away.
totp_code() {
  local now
  now=$(TZ=Europe/London date -d "${ATTEND_NOW/T/ }" +%s)
  python3 - "$1" "$2" "$now" <<'PY'
import base64, hashlib, hmac, struct, sys
secret, offset, now = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
key = base64.b32decode(secret + "=" * (-len(secret) % 8))
mac = hmac.new(key, struct.pack(">Q", now // 30 + offset), hashlib.sha1).digest()
o = mac[19] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
}
# signin_code USER [CODE]: signs in through the API with a second factor's code (the session in USER's jar)
signin_code() {
  rm -f "$T/$1.jar" "$T/$1.csrf"
  STATUS=$(curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -c "$T/$1.jar" \
    -H 'Content-Type: application/json' \
    --data-binary "{\"username\":\"$1\",\"password\":\"$PASSWORD\"${2:+,\"code\":\"$2\"}}" "$URL/api/session")
  [ "$STATUS" = 200 ] && jq -r .csrf "$T/body" >"$T/$1.csrf"
  return 0
}
# form USER PATH FIELDS [curl args]: a form post with the user's CSRF token
form() {
  local who=$1 path=$2 fields=$3
  shift 3
  req "$who" POST "$path" '' -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary "csrf=$(cat "$T/$who.csrf")${fields:+&$fields}" "$@"
}

status_is() { [ "$STATUS" = "$1" ]; }
body_has() { grep -q -- "$1" "$T/body"; }
json_is() { [ "$(jq -r "$1" "$T/body")" = "$2" ]; }
header_has() { tr -d '\r' <"$T/headers" | grep -qi -- "$1"; }
sql() { db_query "$1"; }
# db_refuses MESSAGE SQL: the database itself refuses SQL, saying MESSAGE
# (a trigger's words), on SQLite and PostgreSQL alike.
db_refuses() { ! db_query "$2" >"$T/db-refused" 2>&1 && grep -q -- "$1" "$T/db-refused"; }

# The marks of a whole register as JSON: register_json CODE UPN... (CODE
# applies to all; use marks_json for one code each).
marks_json() { # marks_json UPN:CODE[:MIN] ...
  local out='' sep='' item u c m
  for item in "$@"; do
    IFS=: read -r u c m <<<"$item"
    if [ -n "$m" ]; then
      out+="$sep{\"upn\":\"$u\",\"code\":\"$c\",\"minutes_late\":$m}"
    else
      out+="$sep{\"upn\":\"$u\",\"code\":\"$c\"}"
    fi
    sep=,
  done
  echo "[$out]"
}

# ---- a load of register submissions (test_shutdown, test_failover) ----

# autumn_registers: every school day of the autumn up to yesterday, both
# sessions, the three forms: "FORM DATE SESSION" lines in $T/registers.
autumn_registers() {
  local d=2026-09-03 s f
  : >"$T/registers"
  while [[ "$d" < "$TODAY" ]]; do
    if [ "$(date -d "$d" +%u)" -le 5 ] && { [[ "$d" < 2026-10-24 ]] || [[ "$d" > 2026-11-02 ]]; }; then
      for s in AM PM; do
        for f in 7A 7B 8A; do echo "$f $d $s" >>"$T/registers"; done
      done
    fi
    d=$(date -d "$d + 1 day" +%F)
  done
}
# register_body FORM: the marks every one of the load's registers of FORM has.
register_body() {
  case $1 in
    7A) echo "{\"marks\":$(marks_json "$U7A1:/" "$U7A2:/" "$U7A3:N" "$U7A4:L:4" "$U7A5:/")}" ;;
    7B) echo "{\"marks\":$(marks_json "$U7B1:/" "$U7B2:I" "$U7B3:/")}" ;;
    8A) echo "{\"marks\":$(marks_json "$U8A1:/" "$U8A2:M")}" ;;
  esac
}
# registers_lost ONCE FILE...: how many of the registers listed
# (acknowledged ones) are not in $ATTEND_DB whole (each named on stderr);
# ONCE 1: saved exactly once (no client sent one again), else at least once.
registers_lost() {
  local once=$1 lost=0 form date ses n m want
  shift
  while read -r form date ses; do
    n=$(sql "select count(*) from register_events where form = '$form' and date = '$date' and session = '$ses'")
    m=$(sql "select count(*) from marks m join enrolments e on e.pupil_id = m.pupil_id where e.form = '$form' and m.date = '$date' and m.session = '$ses'")
    want=5
    [ "$form" = 7B ] && want=3
    [ "$form" = 8A ] && want=2
    if [ "$n" -lt 1 ] || { [ "$once" = 1 ] && [ "$n" != 1 ]; } || [ "$m" != "$want" ]; then
      lost=$((lost + 1))
      echo "    lost: $form $date $ses (events $n, marks $m)" >&2
    fi
  done < <(cat "$@")
  echo "$lost"
}
