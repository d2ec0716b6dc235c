#!/usr/bin/env bash
# A read-only reporting server. On PostgreSQL: a real streaming replica
# (pg_basebackup -R from a primary on loopback, tests/lib-pgcluster.sh);
# attend serve on the standby makes itself read-only, figures saved on the
# primary's server arrive on it, and every write is refused with a clear
# message (409: JSON for the API, a page for forms) while sign-in and
# sign-out work (kept in memory). On SQLite: `attend serve --read-only`
# beside a writing server on the same file, the same checks.
source "$(dirname "$0")/lib.sh"
R_PID=
stop_r() { [ -n "$R_PID" ] && kill -TERM "$R_PID" 2>/dev/null && wait "$R_PID" 2>/dev/null; R_PID=; }
if db_is_pg; then
  . "$(dirname "$0")/../lib-pgcluster.sh"
  trap 'stop_r; cleanup; pgc_stop' EXIT
  pgc_primary || exit 1
  psql -X -q "$PGC_PRIMARY/postgres" -c "CREATE DATABASE attend TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" ||
    exit 1
  ATTEND_DB=$PGC_PRIMARY/attend
  start_school || exit 1
  pgc_standby || exit 1
  READER_DB=$PGC_STANDBY/attend
  READER_ARGS=()
else
  trap 'stop_r; cleanup' EXIT
  start_school || exit 1
  READER_DB=$ATTEND_DB
  READER_ARGS=(--read-only)
fi
start_server
URL_W=$URL
ATTEND_DB=$READER_DB "$ATTEND" serve --listen 127.0.0.1:0 "${READER_ARGS[@]}" >"$T/r.out" 2>"$T/r.log" &
R_PID=$!
for _ in $(seq 1 200); do grep -q 'http://' "$T/r.out" 2>/dev/null && break; sleep 0.05; done
URL_R=$(grep -o 'http://[0-9.:]*' "$T/r.out" | head -1)
[ -n "$URL_R" ] || { echo "the reporting server did not start:"; cat "$T/r.log"; exit 1; }
check "the reporting server says it is read-only" grep -q 'read-only reporting server' "$T/r.log"
if db_is_pg; then
  check "and that its database is a standby" grep -q 'the database is a standby' "$T/r.log"
fi

URL=$URL_W; signin office
URL=$URL_R; signin admin
check "signing in on the reporting server works" status_is 200
signin teach7a
RANGE='from=2026-09-01&to=2026-11-27'

URL=$URL_W
req office PUT "/api/registers/7A/$TODAY/AM" \
  "{\"marks\":$(marks_json "$U7A1:/" "$U7A2:N" "$U7A3:/" "$U7A4:L:7" "$U7A5:/")}"
check "a register saved on the writing server" status_is 200
signin lead
req lead GET "/api/stats?$RANGE&group=form"
cp "$T/body" "$T/w.json"
arrived() {
  URL=$URL_R
  for _ in $(seq 1 100); do
    req admin GET "/api/stats?$RANGE&group=form"
    cmp -s "$T/body" "$T/w.json" && return 0
    sleep 0.1
  done
  return 1
}
check "its figures arrive on the reporting server" arrived
check "with the absence counted" \
  test "$(jq '[.. | objects | select(has("unauthorised")) | .unauthorised] | max' "$T/body")" -ge 1

URL=$URL_R
before=$(db_query "SELECT count(*) FROM mark_history")
req teach7a PUT "/api/registers/7A/$TODAY/PM" \
  "{\"marks\":$(marks_json "$U7A1:/" "$U7A2:/" "$U7A3:/" "$U7A4:/" "$U7A5:/")}"
check "a register PUT on the reporting server is refused (409)" status_is 409
check "with a message that says why" json_is .error \
  "this is a read-only reporting server: nothing was saved. Registers and changes are made on the school's main attend server"
form teach7a "/registers/7A/$TODAY/PM" "code_$U7A1=%2F"
check "a register form on the reporting server is refused (409)" status_is 409
check "with a page that says why" body_has 'read-only reporting server'
check "nothing was saved" test "$(db_query "SELECT count(*) FROM mark_history")" = "$before"
req teach7a DELETE /api/session
check "signing out of the reporting server works" status_is 200
req teach7a GET "/api/registers?date=$TODAY"
check "and the session is gone" status_is 401

# Two-step sign-in (issue 12) on the reporting server: a code is checked and
# used once, in memory (nothing is written); recovery codes wait for the
# main server.
URL=$URL_W
signin parent
req parent POST /api/account/2fa/start "{\"password\":\"$PASSWORD\"}"
SECRET=$(jq -r .secret "$T/body")
req parent POST /api/account/2fa/confirm "{\"code\":\"$(totp_code "$SECRET" 0)\"}"
check "a parent switches on two-step sign-in on the writing server" json_is .state on
RECOVERY=$(jq -r '.recovery_codes[0]' "$T/body")
URL=$URL_R
asks_code() {
  for _ in $(seq 1 100); do
    signin_code parent
    [ "$(jq -r .field "$T/body")" = code ] && return 0
    sleep 0.1
  done
  return 1
}
check "the reporting server asks the parent for a code" asks_code
step_before=$(db_query "SELECT last_step FROM user_totp")
signin_code parent "$(totp_code "$SECRET" 1)"
check "a code signs in on the reporting server" status_is 200
signin_code parent "$(totp_code "$SECRET" 1)"
check "the same code again is refused there too" bash -c "[ $STATUS = 401 ] && jq -r .error '$T/body' | grep -q 'used already'"
signin_code parent "$RECOVERY"
check "a recovery code is refused there, saying why" bash -c "[ $STATUS = 401 ] && jq -r .error '$T/body' | grep -q 'read-only server'"
check "nothing was written" test "$(db_query "SELECT last_step FROM user_totp") $(db_query "SELECT count(*) FROM user_recovery_codes WHERE used_at IS NOT NULL")" = "$step_before 0"
stop_r
finish
