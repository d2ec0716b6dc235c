#!/usr/bin/env bash
# `attend user`: accounts, with bad input refused and nothing changed; a
# password change signs the user out everywhere.
source "$(dirname "$0")/lib.sh"
start_school || exit 1

users() { sql 'select count(*) from users'; }
n=$(users)
# refused WHAT EXIT STDIN WORDS -- args...
refused() {
  local what=$1 want=$2 input=$3 words=$4
  shift 4
  local got
  echo "$input" | "$ATTEND" user "$@" >"$T/out" 2>"$T/err"
  got=$?
  check "$what: exit $want" test "$got" = "$want"
  check "... saying why" grep -q -- "$words" "$T/err"
  check "... and no account changed" test "$(users)" = "$n"
}
refused "an existing username" 1 "$PASSWORD" "already exists" add teach7a --role teacher --forms 7A --password-stdin
refused "an unknown role" 1 "$PASSWORD" "role 'boss' is not" add boss --role boss --password-stdin
refused "a short password" 1 "short" "too short" add newbie --role office --password-stdin
refused "no password on stdin" 1 "" "too short" add newbie --role office --password-stdin
refused "a password on the command line" 2 "" "never taken from the command line" add newbie --role office
refused "a teacher with no forms" 2 "$PASSWORD" "needs --forms" add newbie --role teacher --password-stdin
refused "forms for an office account" 2 "$PASSWORD" "--forms goes with teacher" add newbie --role office --forms 7A --password-stdin
refused "a year that is not a year" 1 "$PASSWORD" "year '15' is not" add newbie --role head_of_year --years 7,15 --password-stdin
refused "a username with spaces" 1 "$PASSWORD" "may hold only" add "new bie" --role office --password-stdin
refused "a password for nobody" 1 "$PASSWORD" "there is no user" passwd nobody --password-stdin

echo "$PASSWORD" | "$ATTEND" user add mr.osei --role head_of_year --years 7,8 --password-stdin >"$T/out"
check "a head of year is added" grep -q "added mr.osei as head_of_year" "$T/out"
"$ATTEND" user list >"$T/out"
check "user list shows their years" grep -q "mr.osei.*head_of_year.*years 7,8" "$T/out"
check "the password is kept only as an argon2id hash" \
  test "$(sql "select substr(password_hash, 1, 10) from users where username = 'mr.osei'")" = '$argon2id$'

start_server
signin teach7a
req teach7a GET /api/registers
check "signed in" status_is 200
echo 'a brand new passphrase' | "$ATTEND" user passwd teach7a --password-stdin >/dev/null
req teach7a GET /api/registers
check "after a password change the old session is gone (401)" status_is 401
signin teach7a
check "... and the old password no longer works" status_is 401
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data-binary '{"username":"teach7a","password":"a brand new passphrase"}' "$URL/api/session")
check "... the new one does" status_is 200
check "account changes are in the audit log" test "$(sql "select count(*) from audit_log where action in ('user add', 'user passwd')")" -ge 10
finish
