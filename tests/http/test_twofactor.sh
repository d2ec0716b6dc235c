#!/usr/bin/env bash
# Two-step sign-in (issue 12): a parent and a teacher set up a TOTP second
# factor (RFC 6238), sign in with and without a code, a wrong code, a code
# used twice, a recovery code used once, the page's two-step sign-in form,
# switching it off, a reset by the office and by an admin (web and CLI),
# and bad input of every kind changing nothing. The codes are computed here
# the way an authenticator app does, at the server's fixed clock.
source "$(dirname "$0")/lib.sh"
start_school || exit 1
start_server

state() { # the stored second factors and recovery codes, to show nothing changed
  sql "select u.username || ':' || t.state || ':' || t.secret || ':' || t.last_step from user_totp t join users u on u.id = t.user_id order by 1"
  sql "select user_id || ':' || code_hash || ':' || coalesce(used_at, '-') from user_recovery_codes order by 1"
}
fails() { sql "select count(*) from signin_attempts where username = '$1' and ok = 0"; }
audit_has() { test "$(sql "select count(*) from audit_log where action = '$1' and username = '$2' and detail like '%$3%'")" -ge 1; }

echo "-- setting it up (the API)"
signin parent
req parent GET /api/account/2fa
check "off at first" json_is .state off
before=$(state)
req parent POST /api/account/2fa/start '{}'
check "starting needs the password (400)" status_is 400
check "... naming it" json_is .field password
req parent POST /api/account/2fa/start '{"password":"not my password"}'
check "a wrong password is refused" json_is .field password
req parent POST /api/account/2fa/start '{"password":12345678}'
check "a password that is not a string is refused" json_is .field password
req parent POST /api/account/2fa/confirm '{"code":"123456"}'
check "confirming before starting is 409" status_is 409
req parent POST /api/account/2fa/off "{\"password\":\"$PASSWORD\",\"code\":\"123456\"}"
check "switching off what is not on is 409" status_is 409
check "... none of that changed anything" test "$(state)" = "$before"

req parent POST /api/account/2fa/start "{\"password\":\"$PASSWORD\"}"
check "the password starts it" status_is 200
check "... pending" json_is .state pending
SECRET=$(jq -r .secret "$T/body")
check "... a 20-byte secret in base32 (32 characters)" bash -c "[[ '$SECRET' =~ ^[A-Z2-7]{32}$ ]]"
check "... and its otpauth URI" json_is .uri \
  "otpauth://totp/Riverside%20Academy%3Aparent?secret=$SECRET&issuer=Riverside%20Academy&algorithm=SHA1&digits=6&period=30"
check "the store holds it pending" test "$(sql "select state from user_totp")" = pending
check "the audit log says so, without the secret" audit_has "2fa setup" parent "waiting for a code"
check "... nowhere in the audit log is the secret" test "$(sql "select count(*) from audit_log where detail like '%$SECRET%'")" = 0
req parent GET /account/2fa
check "the page shows the secret grouped for typing" \
  body_has "$(echo "$SECRET" | tr 'A-Z' 'a-z' | sed -E 's/(....)/\1 /g; s/ $//')"
check "... and the otpauth link" body_has "href=\"otpauth://totp/Riverside%20Academy%3Aparent?secret=$SECRET"
check "... not cached" header_has 'Cache-Control: no-store'
signin_code parent
check "while pending, the password alone still signs in" status_is 200

before=$(state)
for bad in '{}' '{"code":""}' '{"code":"abc"}' '{"code":"12345"}' '{"code":"1234567"}' \
           '{"code":123456}' '{"code":"abcde-fghij"}' "{\"code\":\"$(totp_code "$SECRET" 2)\"}" \
           "{\"code\":\"$(totp_code "$SECRET" -2)\"}"; do
  req parent POST /api/account/2fa/confirm "$bad"
  check "confirming with $bad is 400 naming the code" bash -c "[ $STATUS = 400 ] && [ \"\$(jq -r .field '$T/body')\" = code ]"
done
req parent POST /api/account/2fa/confirm '{"code":'
check "a broken JSON body is 400" status_is 400
check "... none of that changed anything" test "$(state)" = "$before"

req parent POST /api/account/2fa/confirm "{\"code\":\"$(totp_code "$SECRET" 0)\"}"
check "a current code switches it on" status_is 200
check "... eight recovery codes, shown once" json_is '.recovery_codes | length' 8
check "... each like abcde-fghij" json_is '[.recovery_codes[] | test("^[a-z2-7]{5}-[a-z2-7]{5}$")] | all' true
check "... all different" json_is '.recovery_codes | unique | length' 8
jq -r '.recovery_codes[]' "$T/body" >"$T/recovery"
check "the store keeps it on" test "$(sql "select state from user_totp")" = on
check "... with 8 recovery codes, as hashes only" test "$(sql "select count(*) from user_recovery_codes where used_at is null")" = 8
check "... none of them in the clear" \
  test "$(sql "select count(*) from user_recovery_codes where code_hash like '%$(head -1 "$T/recovery" | tr -d -)%'")" = 0
check "the audit log says it is on" audit_has "2fa on" parent "switched on"
req parent GET /api/account/2fa
check "the account says on, 8 codes left" json_is '"\(.state) \(.recovery_codes_left)"' "on 8"
req parent POST /api/account/2fa/start "{\"password\":\"$PASSWORD\"}"
check "starting again while on is 409" status_is 409
check "... and keeps the secret" test "$(sql "select secret from user_totp")" = "$SECRET"
check "the secret is in no log" bash -c "! grep -q '$SECRET' '$T/serve.log'"

echo "-- signing in (the API)"
f0=$(fails parent)
signin_code parent
check "the password alone is 401" status_is 401
check "... asking for the code" json_is .error "a code from your authenticator app is needed"
check "... naming the field code" json_is .field code
check "... and no session cookie" bash -c "! grep -qi 'Set-Cookie: attend_session=[0-9a-f]' '$T/headers'"
check "... which is not a failed sign-in" test "$(fails parent)" = "$f0"
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data-binary '{"username":"parent","password":"wrong password","code":"123456"}' "$URL/api/session")
check "a wrong password with a code is still the password's fault" json_is .field password
f0=$(fails parent)
for bad in '"12ab56"' '"1234567"' '123456' '""'; do
  STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "{\"username\":\"parent\",\"password\":\"$PASSWORD\",\"code\":$bad}" "$URL/api/session")
  want=400
  [ "$bad" = '""' ] && want=401 # an empty code is no code: asked for again
  check "a code of $bad is $want naming the code" bash -c "[ $STATUS = $want ] && [ \"\$(jq -r .field '$T/body')\" = code ]"
done
check "... none of them a failed sign-in (bad input, not a guess)" test "$(fails parent)" = "$f0"
signin_code parent "$(totp_code "$SECRET" 2)"
check "a code two steps ahead is 401" status_is 401
check "... saying so" json_is .field code
check "... and counts as a failed sign-in" test "$(fails parent)" = $((f0 + 1))
signin_code parent "$(totp_code "$SECRET" 0)"
check "the code that switched it on cannot sign in (used once)" status_is 401
check "... used already" bash -c "jq -r .error '$T/body' | grep -q 'used already'"
check "... and counts as a failed sign-in" test "$(fails parent)" = $((f0 + 2))
signin_code parent "$(totp_code "$SECRET" 1)"
check "the next step's code signs in (one step of clock drift)" status_is 200
req parent GET /api/family
check "... and the session works" status_is 200
signin_code parent "$(totp_code "$SECRET" 1)"
check "the same code again is refused (replay)" status_is 401
check "... used already" bash -c "jq -r .error '$T/body' | grep -q 'used already'"
signin_code parent "$(totp_code "$SECRET" -1)"
check "an older step's code after a newer one is refused" status_is 401
check "the audit log has the refusals" audit_has "sign-in failed" parent "code was refused"

echo "-- recovery codes"
rc1=$(sed -n 1p "$T/recovery")
signin_code parent "$(echo "$rc1" | tr 'a-z' 'A-Z')"
check "a recovery code signs in (any case)" status_is 200
check "... audited as a recovery code" audit_has sign-in parent "with a recovery code"
check "... and is used" test "$(sql "select count(*) from user_recovery_codes where used_at is not null")" = 1
signin_code parent "$rc1"
check "the same recovery code again is refused" status_is 401
check "... naming the code" json_is .field code
signin_code parent "zzzzz-zzzzz"
check "a made-up recovery code is refused" status_is 401
signin_code parent "$(sed -n 2p "$T/recovery" | tr -d -)"
check "a recovery code without its dash works too" status_is 200
req parent GET /api/account/2fa
check "6 recovery codes left" json_is .recovery_codes_left 6

echo "-- the page's two-step sign-in"
curl -s -c "$T/form.jar" -b "$T/form.jar" -o "$T/body" "$URL/signin"
token=$(grep -o 'name="csrf" value="[0-9a-f]*' "$T/body" | cut -d'"' -f4)
page_post() {
  STATUS=$(curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -b "$T/form.jar" -c "$T/form.jar" \
    --data-urlencode "csrf=$token" "$@" "$URL/signin")
}
page_post --data-urlencode username=parent --data-urlencode "password=$PASSWORD" --data-urlencode next=/family
check "a right password shows the code form" status_is 200
check "... asking for the code" body_has 'name="code"'
check "... with a one-time-code input" body_has 'autocomplete="one-time-code"'
check "... not signed in yet" bash -c "! grep -qi 'Set-Cookie: attend_session=[0-9a-f]' '$T/headers'"
check "... the password is not in the page" bash -c "! grep -q '$PASSWORD' '$T/body'"
ticket=$(grep -o 'name="ticket" value="[^"]*' "$T/body" | cut -d'"' -f4)
check "... a ticket carries the first step" test -n "$ticket"
f0=$(fails parent)
page_post --data-urlencode "ticket=$ticket" --data-urlencode code=12x --data-urlencode next=/family
check "a code that is not one is 400, the form again" bash -c "[ $STATUS = 400 ] && grep -q 'name=\"ticket\"' '$T/body'"
page_post --data-urlencode "ticket=$ticket" --data-urlencode "code=$(totp_code "$SECRET" 2)" --data-urlencode next=/family
check "a wrong code is 401, the form again" bash -c "[ $STATUS = 401 ] && grep -q 'name=\"ticket\"' '$T/body'"
check "... saying the code is not right" body_has "that code is not right"
check "... a failed sign-in" test "$(fails parent)" = $((f0 + 1))
page_post --data-urlencode "ticket=${ticket%parent}teach7a" --data-urlencode "code=$(sed -n 3p "$T/recovery")"
check "a ticket changed to another user is refused" bash -c "[ $STATUS = 400 ] && ! grep -qi 'Set-Cookie: attend_session=[0-9a-f]' '$T/headers'"
page_post --data-urlencode "ticket=1:$(printf '0%.0s' {1..64}):parent" --data-urlencode "code=$(sed -n 3p "$T/recovery")"
check "a forged ticket is refused" bash -c "[ $STATUS = 400 ] && ! grep -qi 'Set-Cookie: attend_session=[0-9a-f]' '$T/headers'"
check "... and the recovery code is still unused" test "$(sql "select count(*) from user_recovery_codes where used_at is null")" = 6
page_post --data-urlencode "ticket=$ticket" --data-urlencode "code=$(sed -n 3p "$T/recovery")" --data-urlencode next=/family
check "the ticket and a right code sign in" status_is 303
check "... going where it was going" header_has "Location: /family"
check "... with the session cookie" header_has 'Set-Cookie: attend_session=[0-9a-f]'

echo "-- staff too: a teacher through the pages"
signin teach7a
form teach7a /account/2fa/start "password=$(printf %s "$PASSWORD" | jq -sRr @uri)"
check "the teacher starts it on the page" status_is 303
req teach7a GET /account/2fa
TSECRET=$(grep -o 'otpauth://totp/[^"]*secret=[A-Z2-7]*' "$T/body" | head -1 | sed 's/.*secret=//')
check "... the page gives the key" bash -c "[[ '$TSECRET' =~ ^[A-Z2-7]{32}$ ]]"
form teach7a /account/2fa/confirm "code=999999"
check "a wrong code on the page is 400, saying why" bash -c "[ $STATUS = 400 ] && grep -q 'not right' '$T/body'"
form teach7a /account/2fa/confirm "code=$(totp_code "$TSECRET" -1)"
check "a code one step behind switches it on" status_is 200
check "... the page shows the recovery codes once" bash -c "[ \$(grep -oE '<code>[a-z2-7]{5}-[a-z2-7]{5}</code>' '$T/body' | wc -l) = 8 ]"
signin_code teach7a
check "the teacher's password alone now asks for the code" json_is .field code
signin_code teach7a "$(totp_code "$TSECRET" 1)"
check "... and a code signs the teacher in" status_is 200

echo "-- switching it off"
signin_with_recovery() { signin_code parent "$(sed -n "$1p" "$T/recovery")"; }
signin_with_recovery 4
check "(the parent signs in with a recovery code)" status_is 200
before=$(state)
req parent POST /api/account/2fa/off '{}'
check "off needs the password" json_is .field password
req parent POST /api/account/2fa/off "{\"password\":\"wrong one\",\"code\":\"$(sed -n 5p "$T/recovery")\"}"
check "... the right one" json_is .field password
req parent POST /api/account/2fa/off "{\"password\":\"$PASSWORD\"}"
check "... and a code" json_is .field code
req parent POST /api/account/2fa/off "{\"password\":\"$PASSWORD\",\"code\":\"$(totp_code "$SECRET" 2)\"}"
check "... a right one" bash -c "[ $STATUS = 400 ] && [ \"\$(jq -r .field '$T/body')\" = code ]"
req parent POST /api/account/2fa/off "{\"password\":\"$PASSWORD\",\"code\":\"$(totp_code "$SECRET" 1)\"}"
check "... not one used already" bash -c "[ $STATUS = 400 ] && [ \"\$(jq -r .field '$T/body')\" = code ]"
check "... none of that changed anything" test "$(state)" = "$before"
req parent POST /api/account/2fa/off "{\"password\":\"$PASSWORD\",\"code\":\"$(sed -n 5p "$T/recovery")\"}"
check "the password and a recovery code switch it off" json_is .state off
check "... the secret and the codes are gone" test "$(sql "select count(*) from user_totp where user_id = (select id from users where username = 'parent')") $(sql "select count(*) from user_recovery_codes where user_id = (select id from users where username = 'parent')")" = "0 0"
check "... audited" audit_has "2fa off" parent "switched off"
signin_code parent
check "the password alone signs in again" status_is 200

echo "-- a reset by the office or an admin"
# the parent sets it up again (a later clock: the steps used are behind)
stop_server
export ATTEND_NOW=2026-11-27T09:12
start_server
signin parent
req parent POST /api/account/2fa/start "{\"password\":\"$PASSWORD\"}"
SECRET=$(jq -r .secret "$T/body")
req parent POST /api/account/2fa/confirm "{\"code\":\"$(totp_code "$SECRET" 0)\"}"
check "(the parent has it on again)" json_is .state on
signin office
signin admin
signin head
signin governor
req office GET "/pupils/$U7A1/accounts"
check "the office sees a reset form on the parent's account" body_has 'action="/users/parent/2fa/reset"'
before=$(state)
req office POST /api/users/parent/2fa/reset '{}'
check "a reset needs a reason" json_is .field reason
req office POST /api/users/nobody/2fa/reset '{"reason":"lost phone"}'
check "an unknown user is 404" status_is 404
req office POST /api/users/teach7a/2fa/reset '{"reason":"lost phone"}'
check "the office cannot reset a staff account (403)" status_is 403
req office POST /api/users/lead/2fa/reset '{"reason":"lost phone"}'
check "... nor the attendance lead's" status_is 403
req admin POST /api/users/lead/2fa/reset '{"reason":"lost phone"}'
check "an admin: no second factor to reset is 404" status_is 404
req head POST /api/users/parent/2fa/reset '{"reason":"lost phone"}'
check "the head teacher may not reset (403)" status_is 403
req governor POST /api/users/parent/2fa/reset '{"reason":"lost phone"}'
check "a governor may not (403)" status_is 403
check "... none of that changed anything" test "$(state)" = "$before"
req office POST /api/users/parent/2fa/reset '{"reason":"lost her phone and codes; identity checked at reception"}'
check "the office resets the parent's second factor" json_is .state off
check "... audited with who and why" audit_has "2fa reset" office "reset the second factor of parent: lost her phone"
signin_code parent
check "... and the parent signs in with the password alone" status_is 200
req office GET "/pupils/$U7A1/accounts"
check "... and the reset form is gone from the accounts page" bash -c "! grep -q '2fa/reset' '$T/body'"
form admin /users/teach7a/2fa/reset "reason=new+phone&next=/"
check "an admin resets a teacher's on the page" status_is 200
check "... saying so" body_has "teach7a now signs in with their password alone"
check "... audited" audit_has "2fa reset" admin "reset the second factor of teach7a: new phone"

echo "-- the CLI"
signin teach7a
req teach7a POST /api/account/2fa/start "{\"password\":\"$PASSWORD\"}"
TSECRET=$(jq -r .secret "$T/body")
req teach7a POST /api/account/2fa/confirm "{\"code\":\"$(totp_code "$TSECRET" 0)\"}"
check "(the teacher has it on again)" json_is .state on
"$ATTEND" user 2fa reset teach7a --by admin --reason "lost phone" >"$T/out" 2>&1
check "attend user 2fa reset takes it off (exit 0)" test $? = 0
check "... gone from the store" test "$(sql "select count(*) from user_totp")" = 0
check "... saying so" grep -q 'reset the second factor of teach7a: lost phone' "$T/out"
check "... audited with --by" audit_has "2fa reset" admin "teach7a: lost phone"
"$ATTEND" user 2fa reset teach7a --by admin >"$T/out" 2>&1
check "again: nothing to reset, exit 1" bash -c "[ $? = 1 ] && grep -q 'has no two-step sign-in' '$T/out'"
"$ATTEND" user 2fa reset nobody --by admin >"$T/out" 2>&1
check "an unknown user: exit 1" bash -c "[ $? = 1 ] && grep -q 'no user nobody' '$T/out'"
"$ATTEND" user 2fa frob teach7a >"$T/out" 2>&1
check "a verb it does not know: usage, exit 2" test $? = 2
"$ATTEND" user 2fa reset >"$T/out" 2>&1
check "no name: usage, exit 2" test $? = 2

echo "-- wrong codes count towards the sign-in lockout"
signin hoy8
req hoy8 POST /api/account/2fa/start "{\"password\":\"$PASSWORD\"}"
HSECRET=$(jq -r .secret "$T/body")
req hoy8 POST /api/account/2fa/confirm "{\"code\":\"$(totp_code "$HSECRET" 0)\"}"
check "(the head of year has it on)" json_is .state on
f0=$(fails hoy8)
for i in 1 2 3 4 5; do signin_code hoy8 000000; done
check "five wrong codes are five failed sign-ins" test "$(fails hoy8)" = $((f0 + 5))
signin_code hoy8 "$(totp_code "$HSECRET" 1)"
check "then even the right code waits out the lockout (429)" status_is 429
check "... and is not used up" test "$(sql "select last_step from user_totp t join users u on u.id = t.user_id where u.username = 'hoy8'")" = \
  "$(( $(TZ=Europe/London date -d "${ATTEND_NOW/T/ }" +%s) / 30 ))"
finish
