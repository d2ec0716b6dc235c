#!/usr/bin/env bash
# Failover with no acknowledged mark lost (PostgreSQL; on SQLite there is
# nothing to fail over to and the test says so). A primary and a
# synchronous standby on loopback (tests/lib-pgcluster.sh:
# synchronous_standby_names, synchronous_commit on); attend serve connects
# through a URI naming both hosts with target_session_attrs=read-write (the
# deployment the README describes). Registers are saved under load from
# four clients; the primary is killed with SIGKILL mid-load; the standby is
# promoted; the same server reconnects to it and saves again; and every
# register it acknowledged (HTTP 200) is on the promoted standby, whole.
source "$(dirname "$0")/lib.sh"
if ! db_is_pg; then
  echo "  (PostgreSQL only: no standby to fail over to on SQLite)"
  finish
  exit
fi
. "$(dirname "$0")/../lib-pgcluster.sh"
trap 'cleanup; pgc_stop' EXIT
pgc_primary sync || exit 1
psql -X -q "$PGC_PRIMARY/postgres" -c "CREATE DATABASE attend TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" ||
  exit 1
ATTEND_DB=$PGC_PRIMARY/attend
start_school || exit 1
pgc_standby || exit 1
check "the standby is synchronous" test "$(psql -X -A -t "$PGC_PRIMARY/postgres" -c \
  "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")" = sync
export ATTEND_DB="postgresql://attend@127.0.0.1:$PGC_PORT1,127.0.0.1:$PGC_PORT2/attend?target_session_attrs=read-write&connect_timeout=2"
start_server
signin office

autumn_registers
total=$(wc -l <"$T/registers")
client() { # client N: every 4th register from the Nth; acknowledged ones to ack.N
  local n=$1 i=0 form date ses code
  : >"$T/ack.$n"
  while read -r form date ses; do
    i=$((i + 1))
    [ $((i % 4)) -eq "$n" ] || continue
    for _ in $(seq 1 100); do # a register that failed is sent again, as a browser would
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X PUT -b "$T/office.jar" \
        -H "X-CSRF-Token: $(cat "$T/office.csrf")" -H 'Content-Type: application/json' \
        --data-binary "$(register_body "$form")" "$URL/api/registers/$form/$date/$ses")
      [ "$code" = 200 ] && { echo "$form $date $ses" >>"$T/ack.$n"; break; }
      sleep 0.1
    done
  done <"$T/registers"
}
clients=()
for n in 0 1 2 3; do client $n & clients+=($!); done
for _ in $(seq 1 400); do # until some registers are saved (20 s at most)
  [ "$(cat "$T"/ack.* 2>/dev/null | wc -l)" -ge 30 ] && break
  sleep 0.05
done
pgc_kill_primary
at_kill=$(cat "$T"/ack.* | wc -l)
sleep 1
pgc_promote
check "the standby is promoted" test "$(psql -X -A -t "$PGC_STANDBY/postgres" -c 'SELECT pg_is_in_recovery()')" = f
wait "${clients[@]}"
acked=$(cat "$T"/ack.* | wc -l)
check "the load was under way when the primary was killed ($at_kill of $total acknowledged)" \
  test "$at_kill" -ge 30 -a "$at_kill" -lt "$total"
check "the same server saved the rest on the promoted standby ($acked of $total)" test "$acked" = "$total"
check "the server reconnected" grep -q 'lost the connection' "$T/serve.log"

export ATTEND_DB=$PGC_STANDBY/attend
lost=$(registers_lost 0 "$T"/ack.*)
check "every acknowledged register is on the promoted standby, whole" test "$lost" = 0
check "the register's hash chains verify on it" "$ATTEND" verify
# The server read the register again from the new primary (what it applied
# from the old one may not all be there), so its figures are the database's.
check "the server reloaded from the new primary" grep -q 'reloaded' "$T/serve.log"
signin lead
req lead GET "/api/stats?from=2026-09-01&to=2026-11-27"
jq -S . "$T/body" >"$T/served.json"
"$ATTEND" stats --json --from 2026-09-01 --to 2026-11-27 | jq -S . >"$T/cli.json"
check "the server's figures are the promoted database's" cmp -s "$T/served.json" "$T/cli.json"
finish
