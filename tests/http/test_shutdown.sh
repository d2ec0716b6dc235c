#!/usr/bin/env bash
# SIGTERM in the middle of a load of register submissions: the server
# finishes what is under way and stops, and every register it acknowledged
# (HTTP 200) is in the database afterwards, whole.
source "$(dirname "$0")/lib.sh"
start_school || exit 1
start_server
signin teach7a
signin office

# Every school day of the autumn up to yesterday, both sessions, three forms.
days=()
d=2026-09-03
while [[ "$d" < "$TODAY" ]]; do
  dow=$(date -d "$d" +%u)
  if [ "$dow" -le 5 ] && { [[ "$d" < 2026-10-24 ]] || [[ "$d" > 2026-11-02 ]]; }; then days+=("$d"); fi
  d=$(date -d "$d + 1 day" +%F)
done
: >"$T/registers"
for d in "${days[@]}"; do
  for s in AM PM; do
    echo "7A $d $s" >>"$T/registers"
    echo "7B $d $s" >>"$T/registers"
    echo "8A $d $s" >>"$T/registers"
  done
done
total=$(wc -l <"$T/registers")
body_for() {
  case $1 in
    7A) echo "{\"marks\":$(marks_json "$U7A1:/" "$U7A2:/" "$U7A3:N" "$U7A4:L:4" "$U7A5:/")}" ;;
    7B) echo "{\"marks\":$(marks_json "$U7B1:/" "$U7B2:I" "$U7B3:/")}" ;;
    8A) echo "{\"marks\":$(marks_json "$U8A1:/" "$U8A2:M")}" ;;
  esac
}
client() { # client N: every 4th register from the Nth, acknowledged ones to ack.N
  local n=$1 i=0 form date ses code
  : >"$T/ack.$n"
  while read -r form date ses; do
    i=$((i + 1))
    [ $((i % 4)) -eq "$n" ] || continue
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X PUT -b "$T/office.jar" \
      -H "X-CSRF-Token: $(cat "$T/office.csrf")" -H 'Content-Type: application/json' \
      --data-binary "$(body_for "$form")" "$URL/api/registers/$form/$date/$ses")
    [ "$code" = 200 ] && echo "$form $date $ses" >>"$T/ack.$n"
    [ "$code" = 000 ] && break # the server has gone
  done <"$T/registers"
}
for n in 0 1 2 3; do client $n & done
for _ in $(seq 1 400); do # until a few registers are saved (20 s at most)
  [ "$(cat "$T"/ack.* 2>/dev/null | wc -l)" -ge 10 ] && break
  sleep 0.05
done
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
rc=$?
SERVER_PID=
wait
acked=$(cat "$T"/ack.* | wc -l)
check "the load was under way when SIGTERM came ($acked of $total acknowledged)" \
  test "$acked" -ge 10 -a "$acked" -lt "$total"
check "the server exited 0" test "$rc" = 0
check "... after finishing the requests under way" grep -q 'stopping (SIGTERM)' "$T/serve.log"
lost=0
while read -r form date ses; do
  n=$(sql "select count(*) from register_events where form = '$form' and date = '$date' and session = '$ses'")
  m=$(sql "select count(*) from marks m join enrolments e on e.pupil_id = m.pupil_id where e.form = '$form' and m.date = '$date' and m.session = '$ses'")
  want=5
  [ "$form" = 7B ] && want=3
  [ "$form" = 8A ] && want=2
  if [ "$n" != 1 ] || [ "$m" != "$want" ]; then
    lost=$((lost + 1))
    echo "    lost: $form $date $ses (events $n, marks $m)"
  fi
done < <(cat "$T"/ack.*)
check "every acknowledged register is in the database, whole" test "$lost" = 0
saved=$(sql 'select count(*) from register_events')
check "no register is half-written ($saved saved)" \
  test "$(sql "select count(*) from register_events r where (select count(*) from marks m join enrolments e on e.pupil_id = m.pupil_id where e.form = r.form and m.date = r.date and m.session = r.session) <> case r.form when '7A' then 5 when '7B' then 3 else 2 end")" = 0
check "the database is intact" test "$(db_integrity)" = ok
finish
