#!/usr/bin/env bash
# SIGTERM in the middle of a load of register submissions: the server
# finishes what is under way and stops, and every register it acknowledged
# (HTTP 200) is in the database afterwards, whole.
source "$(dirname "$0")/lib.sh"
start_school || exit 1
start_server
signin teach7a
signin office

autumn_registers
total=$(wc -l <"$T/registers")
client() { # client N: every 4th register from the Nth, acknowledged ones to ack.N
  local n=$1 i=0 form date ses code
  : >"$T/ack.$n"
  while read -r form date ses; do
    i=$((i + 1))
    [ $((i % 4)) -eq "$n" ] || continue
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X PUT -b "$T/office.jar" \
      -H "X-CSRF-Token: $(cat "$T/office.csrf")" -H 'Content-Type: application/json' \
      --data-binary "$(register_body "$form")" "$URL/api/registers/$form/$date/$ses")
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
lost=$(registers_lost 1 "$T"/ack.*)
check "every acknowledged register is in the database, whole" test "$lost" = 0
saved=$(sql 'select count(*) from register_events')
check "no register is half-written ($saved saved)" \
  test "$(sql "select count(*) from register_events r where (select count(*) from marks m join enrolments e on e.pupil_id = m.pupil_id where e.form = r.form and m.date = r.date and m.session = r.session) <> case r.form when '7A' then 5 when '7B' then 3 else 2 end")" = 0
check "the database is intact" test "$(db_integrity)" = ok
finish
