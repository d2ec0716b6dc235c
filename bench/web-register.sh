#!/usr/bin/env bash
# Load on the web app (issue 4): wrk PUTs whole registers of 30 marks each,
# every one a new register saved durably (SQLite WAL, synchronous=FULL),
# from 64 connections for 20 s; then a plain static GET from the same 64
# connections as the server's own ceiling. Prints registers/s and p50/p99.
# Goal on a 2-core machine: >= 2,000 registers/s with p99 < 20 ms. Then
# the same load paced at the goal's rate (PACE_RATE, 10 s): the latency at
# 2,000 registers/s offered, not at saturation.
# Note: wrk runs on the same machine and takes CPU from the server.
# BENCH_DB: another database to run on (a postgresql:// URI of an empty
# database: bench/web-register-pg.sh); BENCH_LABEL names it in the output;
# BENCH_STATIC=0 leaves out the static GET; BENCH_FULL=1 prints wrk's whole
# report (the latency distribution, not only the summary line); BENCH_LOG=FILE
# keeps the server's log there (its errors say why a request failed).
set -euo pipefail
cd "$(dirname "$0")/.."
ATTEND=${ATTEND:-$PWD/build/attend}
DURATION=${DURATION:-20s}
CONNS=${CONNS:-64}
FORMS=${FORMS:-400} # 400 forms x 30 pupils x 380 sessions: 152,000 registers to write
PUPILS=30
W=$(mktemp -d /tmp/attend-bench.XXXXXX)
SERVER=
trap '[ -n "$SERVER" ] && kill -TERM $SERVER 2>/dev/null; wait 2>/dev/null; [ -n "${BENCH_LOG:-}" ] && cp "$W/serve.log" "$BENCH_LOG"; rm -rf "$W"' EXIT
export ATTEND_DB=${BENCH_DB:-$W/bench.db} ATTEND_NOW=2026-07-31T12:00 # after the year: every session past

"$ATTEND" init --urn 100002 --name "Bench Academy" --phase secondary >/dev/null
cat >"$W/calendar.csv" <<CSV
start,end,kind,label
2025-09-01,2025-10-24,term,Autumn 1
2025-11-03,2025-12-19,term,Autumn 2
2026-01-05,2026-02-13,term,Spring 1
2026-02-23,2026-03-27,term,Spring 2
2026-04-13,2026-05-22,term,Summer 1
2026-06-01,2026-07-22,term,Summer 2
2025-09-01,2025-09-02,inset,INSET
2026-01-05,2026-01-05,inset,INSET
2026-05-04,2026-05-04,bank_holiday,Early May
2026-07-21,2026-07-22,inset,INSET
CSV
"$ATTEND" import calendar "$W/calendar.csv" >/dev/null
# Forms F000..F299 of 30 pupils; UPNs with their DfE check letters.
awk -v forms="$FORMS" -v n="$PUPILS" 'BEGIN {
  a = "ABCDEFGHJKLMNPQRTUVWXYZ"
  print "upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal"
  for (f = 0; f < forms; f++) for (p = 0; p < n; p++) {
    d = sprintf("8202001%05d", f * n + p); s = 0
    for (i = 1; i <= 12; i++) s += substr(d, i, 1) * (i + 1)
    printf "%s%s,Pupil%d,Test%d,2014-03-01,%s,%d,F%03d,2025-09-01,,N,N,N,N\n",
      substr(a, s % 23 + 1, 1), d, p, f, p % 2 ? "M" : "F", 7 + f % 5, f
  }
}' >"$W/pupils.csv"
"$ATTEND" import pupils "$W/pupils.csv" >/dev/null
echo "bench password here" | "$ATTEND" user add bench --role office --password-stdin >/dev/null
# The school days, for the Lua script.
awk -F, 'NR > 1 { print $1 }' "$W/pupils.csv" | awk -v n="$PUPILS" '{ printf "%s%s", (NR - 1) % n ? "," : "\n", "\"" $1 "\"" }' |
  sed '/^$/d' | awk '{ printf "forms[%d] = {%s}\n", NR, $0 }' >"$W/forms.lua"
d=2025-09-01
: >"$W/days.lua"
i=0
while [[ "$d" < 2026-07-23 ]]; do
  echo "$d"
  d=$(date -d "$d + 1 day" +%F)
done >"$W/all-days"
"$ATTEND" stats --json --from 2025-09-01 --to 2026-07-31 >/dev/null # warms the page cache

"$ATTEND" serve --listen 127.0.0.1:0 >"$W/serve.out" 2>"$W/serve.log" &
SERVER=$!
for _ in $(seq 1 100); do grep -q http:// "$W/serve.out" 2>/dev/null && break; sleep 0.05; done
URL=$(grep -o 'http://[0-9.:]*' "$W/serve.out")
curl -s -c "$W/jar" -o "$W/signin.json" -H 'Content-Type: application/json' \
  --data-binary '{"username":"bench","password":"bench password here"}' "$URL/api/session"
CSRF=$(jq -r .csrf "$W/signin.json")
COOKIE=$(awk '$6 == "attend_session" { print $6 "=" $7 }' "$W/jar")
# School days: the ones the server accepts (a GET of the 1st form's register).
while read -r d; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$W/jar" "$URL/api/registers/F000/$d/AM")
  if [ "$code" = 200 ]; then echo "\"$d\""; fi
done <"$W/all-days" | paste -sd, | sed 's/^/days = {/; s/$/}/' >"$W/days.lua"

cat >"$W/register.lua" <<LUA
-- PUT /api/registers/FORM/DATE/SESSION: 30 marks, a new register each time.
forms = {}
dofile("$W/forms.lua")
dofile("$W/days.lua")
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  n = 0
  base = tonumber(args[1]) or 0 -- registers already written by an earlier run
  codes = {"/", "/", "/", "/", "/", "/", "/", "/", "/", "/", "/", "/", "/", "/", "/", "/", "/", "/", "/",
           "/", "/", "/", "/", "/", "/", "/", "I", "N", "M", "L"}
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-CSRF-Token"] = "$CSRF"
  wrk.headers["Cookie"] = "$COOKIE"
  failed = 0
end
function request()
  -- register k of this thread: every 2nd one, so the two threads never meet
  local k = base + n * 2 + id
  n = n + 1
  local nforms, ndays = #forms, #days
  local f = k % nforms + 1
  local s = math.floor(k / nforms)
  local day = days[math.floor(s / 2) % ndays + 1]
  local ses = (s % 2 == 0) and "AM" or "PM"
  local parts = {}
  for i, upn in ipairs(forms[f]) do
    local c = codes[(i + k) % #codes + 1]
    if c == "L" then
      parts[i] = '{"upn":"' .. upn .. '","code":"L","minutes_late":' .. (k % 20 + 1) .. '}'
    else
      parts[i] = '{"upn":"' .. upn .. '","code":"' .. c .. '"}'
    end
  end
  local path = string.format("/api/registers/F%03d/%s/%s", f - 1, day, ses)
  return wrk.format("PUT", path, nil, '{"marks":[' .. table.concat(parts, ",") .. ']}')
end
function response(status, headers, body)
  if status ~= 200 then
    failed = failed + 1
    if failed <= 3 then io.stderr:write("status " .. status .. ": " .. body .. "\n") end
  end
end
label = "${BENCH_LABEL:-SQLite}"
function done(summary, latency, requests)
  local s = summary.duration / 1e6
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout
  io.write(string.format(label .. ": register PUT (30 marks): %.0f registers/s (%.0f marks/s), p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d requests, %d errors\n",
    summary.requests / s, 30 * summary.requests / s, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, bad))
end
LUA
cat >"$W/static.lua" <<'LUA'
function done(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format("static GET (ceiling): %.0f requests/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors\n",
    summary.requests / s, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.timeout))
end
LUA
registers() {
  if [[ "$ATTEND_DB" == postgres* ]]; then
    psql -X -A -t "$ATTEND_DB" -c 'select count(*) from register_events'
  else
    sqlite3 "$ATTEND_DB" 'select count(*) from register_events'
  fi
}
# CPU seconds (user+system, from /proc) of the server and of every
# PostgreSQL process, to say where a register's time goes.
ticks() { # ticks PID...: their CPU clock ticks, summed (processes gone count 0)
  local t=0 p f
  for p in "$@"; do
    f=$(cut -d')' -f2 "/proc/$p/stat" 2>/dev/null) || continue
    set -- $f
    t=$((t + ${12} + ${13}))
  done
  echo "$t"
}
pg_pids() { pgrep -d' ' -x postgres || true; }
hz=$(getconf CLK_TCK)
before=$(registers)
srv0=$(ticks "$SERVER"); pg0=$(ticks $(pg_pids))
wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s "$W/register.lua" "$URL" | if [ -n "${BENCH_FULL:-}" ]; then cat; else tail -1; fi
srv1=$(ticks "$SERVER"); pg1=$(ticks $(pg_pids))
after=$(registers)
n=$((after - before))
echo "registers in the database after the run: $n new"
if [ "$n" -gt 0 ]; then
  awk -v s=$((srv1 - srv0)) -v p=$((pg1 - pg0)) -v hz="$hz" -v n="$n" -v pg="${ATTEND_DB%%:*}" 'BEGIN {
    printf "CPU per register: server %.0f us", s / hz / n * 1e6
    if (pg == "postgresql") printf ", PostgreSQL %.0f us", p / hz / n * 1e6
    printf "\n" }'
fi
# The same load paced at the goal's rate (PACE_RATE registers/s, 0 leaves
# it out): each connection waits between its registers, so the server is
# offered about that rate instead of all it can take; what the latency is
# at the rate the goal names, beside the saturated run's above.
PACE_RATE=${PACE_RATE:-2000}
if [ "$PACE_RATE" -gt 0 ]; then
  # Each connection waits a random time, $pace ms on average (less an
  # allowance for the latency itself): a fixed wait would keep the
  # connections in step, arriving all at once, as no school's do.
  pace=$((1000 * CONNS / PACE_RATE - 5))
  [ "$pace" -ge 1 ] || pace=1
  { cat "$W/register.lua"
    echo "label = label .. \", paced at about $PACE_RATE/s (each connection waits 0-$((2 * pace)) ms)\""
    echo "function delay() return math.random(0, $((2 * pace))) end"
  } >"$W/paced.lua"
  base=$(( ($(registers) + 1000) / 2 * 2 )) # past every register written so far
  wrk -t2 -c"$CONNS" -d"${PACE_DURATION:-10s}" --latency -s "$W/paced.lua" "$URL" -- "$base" | tail -1
fi
[ "${BENCH_STATIC:-1}" = 0 ] ||
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s "$W/static.lua" "$URL/static/app.css" | tail -1
echo "(wrk and the server share this machine's $(nproc) cores; server log: $(wc -l <"$W/serve.log") lines)"
