#!/usr/bin/env bash
# A trust of 50 schools and 60,000 pupils in one database (issue 9): 30
# primary schools of 700 pupils and 20 secondary schools of 1,950, made by
# `attend demo --trust` (cached in bench/data/, keyed by the generator),
# served by one `attend serve`, first on SQLite, then on a PostgreSQL 15
# that the harness starts itself (tests/lib-pgcluster.sh: loopback, fsync
# and synchronous_commit on), the trust copied there by `attend migrate`
# and settled with VACUUM (each timed and shown; BENCH_PG=0 leaves
# PostgreSQL out). On each, measures
#   - the server's start-up on the trust (every school's register loaded),
#     wall time from launch to listening; goal under 5 s. The first start
#     writes each school's snapshot (the copy is fresh) and is shown apart;
#   - the trust dashboard (/trust and /api/trust, every school's figures
#     from its own engine): one connection with wrk, p50/p99, and the p50/
#     p99 of the server's own CPU time per request; goal under 200 ms.
#
#   DURATION=5s  STARTS=3
set -euo pipefail
cd "$(dirname "$0")/.."
ATTEND=${ATTEND:-$PWD/build/attend}
DURATION=${DURATION:-5s}
STARTS=${STARTS:-3}
NOW=2026-03-20T12:00 # a Friday in the spring term
PASSWORD='bench password here'
DATA=$PWD/bench/data
W=$(mktemp -d /tmp/attend-trust-bench.XXXXXX)
SERVER=
trap '[ -n "$SERVER" ] && kill -TERM $SERVER 2>/dev/null; wait 2>/dev/null; [ -n "${PGC_DIR:-}" ] && pgc_stop; rm -rf "$W"' EXIT
mkdir -p "$DATA"
export ATTEND_NOW=$NOW
say() { echo "trust: $*" >&2; }

gen=$(cat src/demo/*.[ch] src/store/migrations/sqlite/*.sql | sha1sum | cut -c1-10)
db=$DATA/trust-demo-$gen-$NOW.db
if [ ! -f "$db" ]; then
  say "making the trust: 30 primary schools of 700 pupils, 20 secondary of 1,950 (minutes)"
  rm -f "$db.tmp"*
  "$ATTEND" --db "$db.tmp" demo --pupils 700 --schools 30 --phase primary --urn 140001 \
    --trust "Bench Trust" --seed 1 >"$W/demo.out"
  head -1 "$W/demo.out" >&2
  "$ATTEND" --db "$db.tmp" demo --pupils 1950 --schools 20 --phase secondary --urn 150001 \
    --trust "Bench Trust" --seed 2 >"$W/demo.out"
  head -1 "$W/demo.out" >&2
  mv "$db.tmp" "$db"
fi
export ATTEND_DB=$W/trust.db
cp "$db" "$ATTEND_DB"
"$ATTEND" init >/dev/null
echo "$PASSWORD" | "$ATTEND" user add bench-trust --role trust_attendance_lead --password-stdin >/dev/null
schools=$(sqlite3 "$ATTEND_DB" 'SELECT count(*) FROM schools')
pupils=$(sqlite3 "$ATTEND_DB" 'SELECT count(*) FROM enrolments')
marks=$(sqlite3 "$ATTEND_DB" 'SELECT count(*) FROM marks')

# Starts the server (SERVER, URL); the start-up's wall time in STARTUP.
start_server() {
  local t0 t1 quiet=${1-}
  : >"$W/serve.out"
  t0=$(date +%s.%N)
  "$ATTEND" serve --listen 127.0.0.1:0 $quiet >"$W/serve.out" 2>>"$W/serve.log" &
  SERVER=$!
  for _ in $(seq 1 6000); do grep -q http:// "$W/serve.out" 2>/dev/null && break; sleep 0.01; done
  t1=$(date +%s.%N)
  URL=$(grep -o 'http://[0-9.:]*' "$W/serve.out" || true)
  [ -n "$URL" ] || { echo "the server did not start:" >&2; cat "$W/serve.log" >&2; exit 1; }
  STARTUP=$(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }')
}
# Stops it; the wall time from SIGTERM to exit in STOPPING.
stop_server() {
  local t0
  t0=$(date +%s.%N)
  kill -TERM "$SERVER"
  wait "$SERVER" || true
  SERVER=
  STOPPING=$(echo "$t0 $(date +%s.%N)" | awk '{ printf "%.2f", $2 - $1 }')
}

# The start-ups and the dashboard on ATTEND_DB; $1 names the database.
measure_trust() {
  echo
  echo "trust of $schools schools, $pupils pupils, $marks marks ($1), as of ${NOW%T*}"
  # The first start reads every mark and writes each school's snapshot of
  # its register; the starts after read the snapshots and the marks since.
  start_server --quiet
  first=$STARTUP
  stop_server
  starts=()
  stops=()
  for i in $(seq 1 "$STARTS"); do
    start_server --quiet
    starts+=("$STARTUP")
    if [ "$i" -lt "$STARTS" ]; then
      stop_server
      stops+=("$STOPPING")
    fi
  done
  printf 'server start-up (launch to listening): first (writes the snapshots) %s s; then %d starts: %s s (goal < 5 s)\n' \
    "$first" "$STARTS" "${starts[*]}"
  printf 'server stop (SIGTERM to exit): %s s\n' "${stops[*]}"

  curl -s -c "$W/jar" -o /dev/null -H 'Content-Type: application/json' \
    --data-binary "{\"username\":\"bench-trust\",\"password\":\"$PASSWORD\"}" "$URL/api/session"
  COOKIE=$(awk '$6 == "attend_session" { print $6 "=" $7 }' "$W/jar")
  # the server logs every request with its CPU time only without --quiet: restart so
  stop_server
  start_server
  printf '%-14s %9s %9s %9s %9s %8s %9s\n' page p50 p99 "cpu p50" "cpu p99" req/s bytes
  for path in /trust /api/trust; do
    status=$(curl -s -o "$W/page" -w '%{http_code}' -H "Cookie: $COOKIE" "$URL$path")
    [ "$status" = 200 ] || { echo "$path: HTTP $status: $(head -c 300 "$W/page")" >&2; exit 1; }
    bytes=$(wc -c <"$W/page")
    : >"$W/serve.log"
    read -r p50 p99 rps bad < <(measure "$path" 1)
    [ "$bad" = 0 ] || { echo "$path: $bad errors" >&2; exit 1; }
    read -r c50 c99 < <(cpu_times)
    printf '%-14s %9s %9s %9s %9s %8s %9s\n' "$path" "$p50" "$p99" "$c50" "$c99" "$rps" "$bytes"
  done
  echo "(times in ms; goal: the trust dashboard under 200 ms of server time)"
  stop_server
}
source bench/lib-web.sh # measure, cpu_times

measure_trust SQLite
[ "${BENCH_PG:-1}" = 0 ] && exit 0
source tests/lib-pgcluster.sh # pgc_primary, pgc_stop
pgc_primary >/dev/null || { echo "PostgreSQL did not start" >&2; exit 1; }
psql -X -q "$PGC_PRIMARY/postgres" \
  -c "CREATE DATABASE attend TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" >/dev/null
t0=$(date +%s.%N)
"$ATTEND" migrate --from "$ATTEND_DB" --to "$PGC_PRIMARY/attend" >"$W/migrate.out" ||
  { cat "$W/migrate.out" >&2; exit 1; }
echo
echo "copied to PostgreSQL by attend migrate in $(echo "$t0 $(date +%s.%N)" | awk '{ printf "%.0f", $2 - $1 }') s:"
grep -E '^(copied|register snapshots)' "$W/migrate.out" | sed 's/^/  /'
# A freshly loaded table is settled by its first readers (hint bits) and
# by autovacuum, which would otherwise run during the measurements: done
# now, as after any bulk load, and timed apart.
t0=$(date +%s.%N)
psql -X -q "$PGC_PRIMARY/attend" -c "VACUUM (ANALYZE)" >/dev/null
echo "settled with VACUUM (ANALYZE) in $(echo "$t0 $(date +%s.%N)" | awk '{ printf "%.0f", $2 - $1 }') s"
export ATTEND_DB=$PGC_PRIMARY/attend
measure_trust PostgreSQL
