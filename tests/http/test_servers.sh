#!/usr/bin/env bash
# Two `attend serve` processes on one database: a register saved through
# one shows in the other's figures (GET /api/stats) within a bounded wait,
# and a lesson register in the other's copy of that lesson. On PostgreSQL
# the second server follows by replaying the new versions (LISTEN/NOTIFY,
# mark_history and lesson_mark_history after the last ids it applied),
# never by a full reload; and after losing its connections it reconnects and catches
# up, again without a reload. On SQLite the same test passes through the
# database's own change counter (a reload).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lessons_fixture.sh"
start_school || exit 1
start_lessons || exit 1
B_PID=
stop_b() { [ -n "$B_PID" ] && kill -TERM "$B_PID" 2>/dev/null && wait "$B_PID" 2>/dev/null; B_PID=; }
trap 'stop_b; cleanup' EXIT

start_server
URL_A=$URL
"$ATTEND" serve --listen 127.0.0.1:0 >"$T/b.out" 2>"$T/b.log" &
B_PID=$!
for _ in $(seq 1 200); do grep -q 'http://' "$T/b.out" 2>/dev/null && break; sleep 0.05; done
URL_B=$(grep -o 'http://[0-9.:]*' "$T/b.out" | head -1)
[ -n "$URL_B" ] || { echo "the second server did not start:"; cat "$T/b.log"; exit 1; }

on() { URL=$1; } # which server the next req goes to
on "$URL_A"; signin office
on "$URL_B"; signin lead
RANGE='from=2026-09-01&to=2026-11-27'

stats_of() { # stats_of URL FILE: the figures of that server (an error body is not figures)
  on "$1"
  req lead GET "/api/stats?$RANGE&group=form"
  if status_is 200; then cp "$T/body" "$2"; else echo "not figures: $(cat "$T/body")" >"$2"; fi
}
# within_10s COMMAND...: runs COMMAND every 0.1 s until it succeeds (true),
# for 10 s at most (false).
within_10s() {
  for _ in $(seq 1 100); do
    "$@" && return 0
    sleep 0.1
  done
  return 1
}
# same_as URL FILE: polls the server until its figures equal FILE's.
polled_is() { stats_of "$1" "$T/polled.json" && cmp -s "$T/polled.json" "$2"; }
same_as() { within_10s polled_is "$1" "$2"; }
# wait_same: until B's figures are A's.
wait_same() {
  stats_of "$URL_A" "$T/a.json"
  same_as "$URL_B" "$T/a.json" && cp "$T/polled.json" "$T/b.json"
}
on "$URL_A"; signin lead
stats_of "$URL_B" "$T/before.json"

on "$URL_A"
req office PUT "/api/registers/7A/$TODAY/AM" \
  "{\"marks\":$(marks_json "$U7A1:/" "$U7A2:N" "$U7A3:/" "$U7A4:L:7" "$U7A5:/")}"
check "a register saved on server A" status_is 200
check "server B's figures reach server A's" wait_same
check "and they are not what they were" bash -c "! cmp -s '$T/before.json' '$T/b.json'"
check "server B counts the absence" \
  test "$(jq '[.. | objects | select(has("unauthorised")) | .unauthorised] | max' "$T/b.json")" -ge 1

# An amendment on B (a reason given): A follows it too.
on "$URL_B"; signin office
req office PUT "/api/registers/7A/$TODAY/AM" \
  "{\"marks\":$(marks_json "$U7A1:/" "$U7A2:I" "$U7A3:/" "$U7A4:L:7" "$U7A5:/"),\"reason\":\"mum rang: flu\"}"
check "an amendment saved on server B" status_is 200
stats_of "$URL_B" "$T/b2.json"
check "server A's figures reach server B's amendment" same_as "$URL_A" "$T/b2.json"
cp "$T/polled.json" "$T/a2.json"

# The CLI beside both servers (another writer): both follow.
check "a mark from the CLI" bash -c "\"$ATTEND\" mark $U7B1 $TODAY AM N --by office >/dev/null"
now_differs() { stats_of "$1" "$T/now.json" && ! cmp -s "$T/now.json" "$2"; }
changed_on() { within_10s now_differs "$1" "$2"; } # changed_on URL OLD: until not OLD
check "reaches server A" changed_on "$URL_A" "$T/a2.json"
check "and server B, the same figures" wait_same

# A lesson register taken on A: B's copy of that lesson shows its marks.
lesson_on() { # lesson_on URL FILE: the marks server URL shows for 7A's maths, period 1
  on "$1"
  req teach7a GET "/api/lessons/$TODAY/1/7A/Ma1"
  if status_is 200; then jq -c '[.pupils[] | [.upn, .code, .minutes_late]]' "$T/body" >"$2"
  else echo "not a lesson: $(cat "$T/body")" >"$2"; fi
}
to_is_from() { lesson_on "$1" "$T/to.json" && cmp -s "$T/from.json" "$T/to.json"; }
lesson_same() { # lesson_same FROM TO: until TO's lesson is FROM's
  lesson_on "$1" "$T/from.json" && within_10s to_is_from "$2"
}
on "$URL_A"; signin teach7a
req teach7a PUT "/api/lessons/$TODAY/1/7A/Ma1" \
  "{\"marks\":$(marks_json "$U7A1:/" "$U7A2:N" "$U7A3:/" "$U7A4:L:4" "$U7A5:/")}"
check "a lesson register taken on server A" status_is 200
check "server B shows its marks" lesson_same "$URL_A" "$URL_B"
check "... the absence and the minutes late" \
  bash -c "jq -e 'any(.[]; .[1] == \"N\") and any(.[]; .[2] == 4)' '$T/to.json' >/dev/null"
on "$URL_B"
req teach7a PUT "/api/lessons/$TODAY/1/7A/Ma1" \
  "{\"marks\":$(marks_json "$U7A1:/" "$U7A2:/" "$U7A3:/" "$U7A4:L:4" "$U7A5:/"),\"reason\":\"came in late from the office\"}"
check "the lesson amended on server B" status_is 200
check "server A shows the amendment" lesson_same "$URL_B" "$URL_A"
check "... the absence gone" bash -c "! jq -e 'any(.[]; .[1] == \"N\")' '$T/to.json' >/dev/null"

if db_is_pg; then
  check "server B followed registers and lessons by replay, without a full reload" \
    bash -c "! grep -q 'reloaded' '$T/b.log'"
  check "server A too" bash -c "! grep -q 'reloaded' '$T/serve.log'"
  # Every connection of both servers dropped, again and again: a read met
  # by a dead connection is asked again on a new one, never answered 503.
  drop_all() {
    db_query "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
              WHERE datname = current_database() AND pid <> pg_backend_pid()" >/dev/null
  }
  reads_ok=0
  for _ in $(seq 1 8); do
    drop_all
    sleep 0.2
    for url in "$URL_A" "$URL_B" "$URL_A" "$URL_B"; do
      on "$url"
      req lead GET "/api/stats?$RANGE&group=form"
      status_is 200 && reads_ok=$((reads_ok + 1))
    done
  done
  check "every read after dropped connections is answered (32 of 32)" test "$reads_ok" -eq 32
  # Every connection of both servers dropped (a restarted database, a
  # network cut): they reconnect, and a register saved on A reaches B.
  db_query "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()" >/dev/null
  sleep 0.3
  on "$URL_A"
  for _ in 1 2 3; do # the first try may meet the dead connection (nothing saved)
    req office PUT "/api/registers/7B/$TODAY/AM" \
      "{\"marks\":$(marks_json "$U7B1:N" "$U7B2:/" "$U7B3:/"),\"reason\":\"arrived\"}"
    status_is 200 && break
    sleep 0.2
  done
  check "after the connections were lost, server A saves again" status_is 200
  check "and server B follows" wait_same
  check "still without a full reload" bash -c "! grep -q 'reloaded' '$T/b.log'"
  check "server B said it lost the connection it listens on" grep -q 'lost the connection' "$T/b.log"
fi
[ "$FAILED" -gt 0 ] && { echo "--- A"; tail -20 "$T/serve.log"; echo "--- B"; tail -20 "$T/b.log"; }
stop_b
finish
