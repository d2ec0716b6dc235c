#!/usr/bin/env bash
# The dashboards under load (issue 5): wrk GETs each page of the dashboards
# (school dashboard, pupil list, CSV, who moved, profile, year and form
# views, the cup, the governor report and its PDF) against the real server,
# one connection at a time so each latency is one request's server time plus
# loopback, then 8 connections for throughput. Prints p50/p99 per page, and
# the p50/p99 of the CPU time the server logged for each request (what the
# page costs, whatever else the machine is doing).
# Goals: every page under 20 ms for a 2,000-pupil school, under 200 ms for
# a 100,000-pupil view.
#
# The schools come from `attend demo` when the binary has it, else from
# bench/tools/gen-school.sh through the CSV imports (cached in bench/data/, keyed
# by the generator). The 100,000-pupil school is on roll all year, with
# marks for its last four weeks only (MARKS_FROM): the pages read every cell
# of every pupil on roll whether it is marked or not, so a request does a
# full year's work, and the import takes minutes rather than hours.
#
#   SIZES="2000 100000"   DURATION=5s   CONNS=8
set -euo pipefail
cd "$(dirname "$0")/.."
ATTEND=${ATTEND:-$PWD/build/attend}
SIZES=${SIZES:-2000 100000}
DURATION=${DURATION:-5s}
CONNS=${CONNS:-8}
NOW=2026-03-20T12:00 # a Friday in the spring term: every period has figures
PASSWORD='bench password here'
DATA=$PWD/bench/data
W=$(mktemp -d /tmp/attend-dash-bench.XXXXXX)
SERVER=
trap '[ -n "$SERVER" ] && kill -TERM $SERVER 2>/dev/null; wait 2>/dev/null; rm -rf "$W"' EXIT
mkdir -p "$DATA"
export ATTEND_NOW=$NOW

say() { echo "web-dashboard: $*" >&2; }

# The cached database of a school of N pupils (made if missing).
school_db() {
  local n=$1 key db
  if "$ATTEND" demo --help >/dev/null 2>&1; then
    db=$DATA/dash-demo-$n-$NOW.db
    if [ ! -f "$db" ]; then
      say "making a demo school of $n pupils"
      rm -f "$db.tmp"*
      "$ATTEND" --db "$db.tmp" demo --pupils "$n" --seed 1 --years 2 >&2
      mv "$db.tmp" "$db"
    fi
  else
    key=$(cat bench/tools/gen-school.sh | sha1sum | cut -c1-10)
    db=$DATA/dash-gen-$n-$key.db
    if [ ! -f "$db" ]; then
      local from=
      [ "$n" -gt 5000 ] && from=2026-02-23
      say "generating $n pupils (marks from ${from:-September}) and importing them"
      rm -rf "$W/gen" "$db.tmp"*
      MARKS_FROM=$from bash bench/tools/gen-school.sh "$n" "$W/gen" >&2
      "$ATTEND" --db "$db.tmp" init --urn 100005 --name "Bench $n" --phase secondary >/dev/null
      for f in calendar pupils marks; do
        "$ATTEND" --db "$db.tmp" import "$f" "$W/gen/$f.csv" >&2
      done
      rm -rf "$W/gen"
      mv "$db.tmp" "$db"
    fi
  fi
  echo "$db"
}

source bench/lib-web.sh # measure, cpu_times

for n in $SIZES; do
  src=$(school_db "$n")
  export ATTEND_DB=$W/school-$n.db
  cp "$src" "$ATTEND_DB"
  "$ATTEND" init >/dev/null
  echo "$PASSWORD" | "$ATTEND" user add bench-lead --role attendance_lead --password-stdin >/dev/null
  # a pupil, a year and a form of the school for the paths
  upn=$(sqlite3 "$ATTEND_DB" "SELECT upn FROM pupils ORDER BY id LIMIT 1")
  year=$(sqlite3 "$ATTEND_DB" "SELECT year FROM enrolments ORDER BY id LIMIT 1")
  form=$(sqlite3 "$ATTEND_DB" "SELECT form FROM enrolments ORDER BY id LIMIT 1")
  say "$n pupils: starting the server (loading the register)"
  # the access log (appended, so it can be emptied) gives each request's CPU time
  "$ATTEND" serve --listen 127.0.0.1:0 >"$W/serve.out" 2>>"$W/serve.log" &
  SERVER=$!
  for _ in $(seq 1 3000); do grep -q http:// "$W/serve.out" 2>/dev/null && break; sleep 0.1; done
  URL=$(grep -o 'http://[0-9.:]*' "$W/serve.out" || true)
  [ -n "$URL" ] || { echo "the server did not start:" >&2; cat "$W/serve.log" >&2; exit 1; }
  curl -s -c "$W/jar" -o /dev/null -H 'Content-Type: application/json' \
    --data-binary "{\"username\":\"bench-lead\",\"password\":\"$PASSWORD\"}" "$URL/api/session"
  COOKIE=$(awk '$6 == "attend_session" { print $6 "=" $7 }' "$W/jar")
  echo
  echo "dashboards, $n pupils ($(sqlite3 "$ATTEND_DB" 'SELECT count(*) FROM marks') marks), as of ${NOW%T*}; 1 connection: p50/p99 ms; $CONNS connections: requests/s"
  printf '%-34s %9s %9s %9s %9s %12s %9s\n' page p50 p99 "cpu p50" "cpu p99" "req/s (x$CONNS)" bytes
  for path in /dashboard "/pupils" "/pupils?flag=pa&sort=attendance" /pupils.csv /moved \
    "/pupils/$upn" "/years/$year" "/forms/$form" /cup /governors /governors.pdf; do
    bytes=$(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $COOKIE" "$URL$path")
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$URL$path")
    [ "$status" = 200 ] || { echo "$path: HTTP $status" >&2; exit 1; }
    : >"$W/serve.log"
    read -r p50 p99 _ bad1 < <(measure "$path" 1)
    read -r c50 c99 < <(cpu_times)
    read -r _ _ rps bad2 < <(measure "$path" "$CONNS")
    printf '%-34s %9s %9s %9s %9s %12s %9s%s\n' "$path" "$p50" "$p99" "$c50" "$c99" "$rps" "$bytes" \
      "$([ "$bad1$bad2" = 00 ] || echo "  ERRORS $bad1/$bad2")"
  done
  kill -TERM "$SERVER"
  wait "$SERVER" || true
  SERVER=
  rm -f "$ATTEND_DB" "$ATTEND_DB"-*
done
echo "(wrk and the server share this machine's $(nproc) cores)"
