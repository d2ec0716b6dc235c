# Helpers for the tests of families and messages (source after lib.sh): a
# school with contacts, settings and marks, and the real SMTP server and the
# fake SMS gateway on loopback (tests/comms/). Servers started here are
# stopped when the test ends.
comms_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../comms" && pwd)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$comms_dir/lsan.supp}
server_pids=()
stop_servers() { for p in "${server_pids[@]}"; do kill "$p" 2>/dev/null; done; }
trap stop_servers EXIT

wait_for() { # wait_for WHAT COMMAND...: until the command succeeds (10 s at most)
  local what=$1; shift
  for _ in $(seq 1 200); do "$@" && return 0; sleep 0.05; done
  fail "timed out waiting for $what"
}

# start_smtp DIR [--user U --password P] [--tls-cert C --tls-key K]: sets smtp_port
start_smtp() {
  local dir=$1; shift
  mkdir -p "$dir"
  python3 "$comms_dir/smtp_sink.py" --dir "$dir" --port-file "$dir.port" "$@" &
  server_pids+=($!)
  wait_for "the SMTP sink" test -s "$dir.port"
  smtp_port=$(cat "$dir.port")
}
# start_sms DIR TOKEN: sets sms_port
start_sms() {
  mkdir -p "$1"
  python3 "$comms_dir/sms_gateway.py" --dir "$1" --port-file "$1.port" --token "$2" &
  server_pids+=($!)
  wait_for "the SMS gateway" test -s "$1.port"
  sms_port=$(cat "$1.port")
}
count_files() { ls "$1" 2>/dev/null | grep -c -- "$2" || true; }

setting() { "$ATTEND" settings set "$1" "$2" --by admin >/dev/null || fail "settings set $1"; }

CONTACTS_HEADER=upn,priority,name,relationship,phone,mobile,email,address,postcode,language,parental_responsibility,lives_with_pupil,receives_mail
# The small school of lib.sh, with the school's details, contacts and the
# autumn's marks: Anna misses Mondays (N, later I) and has a week of illness.
comms_school() {
  make_school
  setting school_phone "0113 496 0000"
  setting school_email "office@test-academy.example"
  setting school_address "Church Lane, Leeds, LS6 3AA"
  setting head_teacher "Ms R. Fielding"
  setting attendance_lead "Miss Bethany"
  cat > contacts.csv <<CSV
$CONTACTS_HEADER
A123456789012,1,Jane Smith,mother,0113 496 0101,07700 900123,jane.smith@example.org,"1 High Street, Leeds",LS1 1AA,en,Y,Y,Y
A123456789012,2,Tom Smith,father,,07700 900456,,,,en,Y,N,N
P123456789013,1,Ola Kowalska <b>,mother,,+48 601 234 567,ola@example.pl,"ul. Długa 5, Leeds",LS2 2BB,pl,Y,Y,Y
T123456789015,1,Sam O'Brien,carer,0113 496 0202,,,"3 Mill Road, Leeds",LS3 3CC,en,Y,Y,Y
CSV
  "$ATTEND" import contacts contacts.csv >/dev/null 2>&1 || fail "import contacts"
  python3 - <<'PY'
import datetime
rows = []
d = datetime.date(2025, 9, 3)
while d <= datetime.date(2025, 11, 27):
    if d.weekday() < 5 and not (datetime.date(2025, 10, 25) <= d <= datetime.date(2025, 11, 3)):
        for s in ("AM", "PM"):
            a = "/"
            if d.weekday() == 0:
                a = "N" if d < datetime.date(2025, 10, 1) else "I"
            if datetime.date(2025, 11, 10) <= d <= datetime.date(2025, 11, 12):
                a = "I"
            rows.append("A123456789012,%s,%s,%s," % (d, s, a))
            rows.append("P123456789013,%s,%s,/," % (d, s))
            if d >= datetime.date(2025, 9, 15):
                rows.append("T123456789015,%s,%s,/," % (d, s))
    d += datetime.timedelta(days=1)
open("autumn.csv", "w").write("upn,date,session,code,minutes_late\n" + "\n".join(rows) + "\n")
PY
  "$ATTEND" import marks autumn.csv >/dev/null || fail "import marks"
}
