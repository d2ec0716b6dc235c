#!/usr/bin/env bash
# Signing in and out, cookies, security headers, static files, rate limiting.
source "$(dirname "$0")/lib.sh"
start_school || exit 1
start_server

req - GET /api/registers
check "the API without a session is 401" status_is 401
check "... with an {error, field} body" json_is .error "sign in first"
req - GET /today
check "a page without a session redirects to sign in" status_is 303
check "... keeping where it was going" header_has "Location: /signin?next=/today"

req - POST /api/session '{"username":"teach7a","password":"wrong password"}'
check "a wrong password is 401" status_is 401
check "... naming the password" json_is .field password
req - POST /api/session '{"username":"nobody","password":"whatever it is"}'
check "an unknown user is 401, said the same way" json_is .error "the username or password is wrong"
req - POST /api/session '{"username":"teach7a"}'
check "a missing password is 400" status_is 400
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Content-Type: text/plain' \
  --data-binary '{"username":"teach7a","password":"x"}' "$URL/api/session")
check "sign-in must be JSON (no cross-site form can send it)" status_is 400
check "... naming Content-Type" json_is .field Content-Type

signin teach7a
check "the right password signs in" status_is 200
check "... and returns the CSRF token" json_is '.csrf | length' 64
check "the session cookie is HttpOnly" header_has 'Set-Cookie: attend_session=[0-9a-f]*; Path=/; HttpOnly'
check "... and SameSite=Strict" header_has 'SameSite=Strict'
check "the database keeps only a hash of the token" \
  test "$(sql "select count(*) from web_sessions where token_hash = '$(grep attend_session "$T/teach7a.jar" | awk '{print $7}')'")" = 0

req teach7a GET /today
check "signed in, the teacher's page is 200" status_is 200
check "CSP forbids inline script" header_has "Content-Security-Policy: default-src 'none'; script-src 'self'"
check "... and framing" header_has "frame-ancestors 'none'"
check "X-Content-Type-Options: nosniff" header_has 'X-Content-Type-Options: nosniff'
check "Referrer-Policy" header_has 'Referrer-Policy: same-origin'
check "pages are not cached" header_has 'Cache-Control: no-store'
check "no inline script in the page" bash -c "! grep -q '<script>' '$T/body'"

req - GET /static/app.css
check "static CSS is served" status_is 200
check "... with an ETag" header_has 'ETag: "'
check "... cached for a day" header_has 'Cache-Control: public, max-age=86400'
etag=$(grep -i '^ETag:' "$T/headers" | cut -d' ' -f2 | tr -d '\r')
req - GET /static/app.css '' -H "If-None-Match: $etag"
check "... and 304 when unchanged" status_is 304
req - GET /static/nothing.js
check "an unknown static file is 404" status_is 404
req - GET /no/such/page
check "an unknown page is 404" status_is 404
req teach7a POST /api/registers '{}'
check "a method a path does not take is 405" status_is 405

# The sign-in form: its own CSRF cookie, then a session.
curl -s -c "$T/form.jar" -b "$T/form.jar" -o "$T/body" "$URL/signin"
token=$(grep -o 'name="csrf" value="[0-9a-f]*' "$T/body" | cut -d'"' -f4)
STATUS=$(curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -b "$T/form.jar" -c "$T/form.jar" \
  --data-urlencode "csrf=0000$token" --data-urlencode username=office \
  --data-urlencode "password=$PASSWORD" "$URL/signin")
check "the sign-in form refuses a wrong CSRF token" status_is 403
STATUS=$(curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -b "$T/form.jar" -c "$T/form.jar" \
  --data-urlencode "csrf=$token" --data-urlencode username=office \
  --data-urlencode "password=$PASSWORD" --data-urlencode next=/office "$URL/signin")
check "the sign-in form signs in" status_is 303
check "... and goes where it was asked" header_has 'Location: /office'
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -b "$T/form.jar" "$URL/office")
check "... with a working session" status_is 200
STATUS=$(curl -s -o "$T/body" -D "$T/headers" -w '%{http_code}' -b "$T/form.jar" -c "$T/form.jar" \
  --data-urlencode "csrf=$token" --data-urlencode username=office \
  --data-urlencode "password=$PASSWORD" --data-urlencode next=//evil.example "$URL/signin")
check "next never leaves the site" header_has 'Location: /$'

# Signing out ends the session on the server, not only in the browser.
cp "$T/teach7a.jar" "$T/stolen.jar"
req teach7a DELETE /api/session
check "signing out is 200" status_is 200
check "... and clears the cookie" header_has 'attend_session=;'
STATUS=$(curl -s -o "$T/body" -w '%{http_code}' -b "$T/stolen.jar" "$URL/api/registers")
check "a copy of the old cookie no longer works" status_is 401

# Rate limiting: five failures, then even the right password waits.
for i in 1 2 3 4 5; do req - POST /api/session '{"username":"teach7b","password":"not the one"}'; done
req - POST /api/session "{\"username\":\"teach7b\",\"password\":\"$PASSWORD\"}"
check "after 5 failed sign-ins the account waits (429)" status_is 429
check "... saying for how long" header_has 'Retry-After: 900'
check "... and other accounts are not affected" signin governor
check "sign-ins are in the audit log" test "$(sql "select count(*) from audit_log where action = 'sign-in failed' and username = 'teach7b'")" = 5

signin parent
req parent GET /
check "a parent starts on their children's page" header_has "Location: /family"
signin pupil
req pupil GET /
check "a pupil starts on their own page" header_has "Location: /me"

check "the server stops cleanly on SIGTERM" stop_server
check "... saying so in its log" grep -q stopped "$T/serve.log"
check "the log has one line a request" grep -q '"GET /today" 200' "$T/serve.log"
finish
