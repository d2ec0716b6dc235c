# Texts through an HTTP SMS gateway on loopback (tests/comms/sms_gateway.py):
# the JSON it gets, retries with backoff, refusals recorded with the reason.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/comms_lib.sh"
comms_school
gw=$PWD/gw
start_sms "$gw" tok-123
setting sms_url "http://127.0.0.1:$sms_port/send"
setting sms_token tok-123
setting sms_sender TestAcad
setting outbox_backoff_seconds 1
outbox_field() { "$ATTEND" outbox list --json | python3 -c "import json,sys; d={m['id']: m for m in json.load(sys.stdin)['messages']}; print(d[$1]['$2'])"; }

expect_ok message send --template first-day-absence --upn A123456789012 --by office
expect_out "message 1 queued: first-day-absence sms to Jane Smith \\(\\+447700900123\\)"
expect_ok message send --template first-day-absence --upn P123456789013 --by office
expect_ok outbox run --once
expect_out "outbox: 2 sent"
expect_eq "$(json 'd["body"]["to"] + " " + d["body"]["from"]' < "$gw/sms-0001.json")" "+447700900123 TestAcad" "to and from"
expect_eq "$(json 'd["body"]["text"]' < "$gw/sms-0001.json")" \
  "Test Academy: Anna is not in school today and we haven't heard why. We hope all is well. Please call us on 0113 496 0000 or reply to let us know. Thank you." "the text"
mid=$(outbox_field 1 message_id)
expect_eq "$(json 'd["body"]["reference"] + " " + d["headers"]["Idempotency-Key"]' < "$gw/sms-0001.json")" "$mid $mid" "reference and idempotency key"
expect_eq "$(json 'd["body"]["to"]' < "$gw/sms-0002.json")" "+48601234567" "an international number"
grep -q "Ben nie ma dziś w szkole" "$gw/sms-0002.json" || python3 -c "import json; t=json.load(open('$gw/sms-0002.json'))['body']['text']; assert 'Ben nie ma dziś w szkole' in t, t" || fail "Polish text"
expect_eq "$(outbox_field 1 accepted_id)" GW-1 "the gateway's id"
expect_ok contact list A123456789012 --json
expect_eq "$(json 'd["entries"][0]["channel"] + " " + d["entries"][0]["with"]' <<<"$out")" "text Jane Smith" "logged as a text"

# the gateway fails twice, then takes it: backoff 1 s, 2 s
printf '503\n503\n' > "$gw/ctl/replies"
expect_error 1 "contact 1 of pupil T123456789015 \\(Sam O'Brien\\) has no mobile number for a text" message send --template first-day-absence --upn T123456789015 --contact 1 --by office
expect_ok message send --template first-day-absence --upn A123456789012 --contact 2 --by office
id=$(db_query "select max(id) from outbox")
ATTEND_NOW=2025-12-01T12:00:00 expect_ok outbox run --once
expect_out "attempt 1 failed, trying again at 2025-12-01T12:00:01.000Z: the SMS gateway asked to try again later: HTTP 503"
ATTEND_NOW=2025-12-01T12:00:01 expect_ok outbox run --once
expect_out "attempt 2 failed, trying again at 2025-12-01T12:00:03.000Z"
ATTEND_NOW=2025-12-01T12:00:02 expect_ok outbox run --once
expect_out "outbox: 0 sent, 0 to retry"
ATTEND_NOW=2025-12-01T12:00:03 expect_ok outbox run --once
expect_out "outbox: 1 sent"
expect_eq "$(db_query "select group_concat(outcome, ',') from (select outcome from outbox_attempts where outbox_id = $id order by id) x")" "retry,retry,sent" "attempts"
expect_eq "$(count_files "$gw" '^sms-')" 3 "the gateway took it once"

# refused for good: recorded with the gateway's reason, not retried
echo '400 {"error": "invalid number"}' > "$gw/ctl/replies"
expect_ok message send --template first-day-absence --upn A123456789012 --by office
id=$(db_query "select max(id) from outbox")
expect_ok outbox run --once
expect_out "outbox: 0 sent, 0 to retry, 1 failed"
expect_eq "$(outbox_field $id error)" 'the SMS gateway refused the text: HTTP 400 {"error": "invalid number"}' "reason"
expect_eq "$(outbox_field $id attempts)" 1 "one attempt"
# a wrong token is refused by the gateway and said so
setting sms_token wrong
expect_ok message send --template first-day-absence --upn A123456789012 --by office
id=$(db_query "select max(id) from outbox")
expect_ok outbox run --once
expect_eq "$(outbox_field $id error)" 'the SMS gateway refused the text: HTTP 401 {"error": "bad token"}' "bad token"
# no gateway at all: retried, never lost
setting sms_token tok-123
setting sms_url "http://127.0.0.1:1/send"
expect_ok message send --template first-day-absence --upn A123456789012 --by office
id=$(db_query "select max(id) from outbox")
ATTEND_NOW=2025-12-01T13:00:00 expect_ok outbox run --once
expect_eq "$(outbox_field $id status)" queued "unreachable gateway"
grep -q "could not reach the SMS gateway at http://127.0.0.1:1/send" <<<"$(outbox_field $id error)" || fail "reason: $(outbox_field $id error)"
expect_error 1 "sms_url 'ftp://x': it starts http:// or https://" settings set sms_url ftp://x
expect_error 1 "sms_sender 'Test Academy': it is 1 to 11 letters and digits" settings set sms_sender "Test Academy"
