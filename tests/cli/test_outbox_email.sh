# Email through a real SMTP server on loopback (tests/comms/smtp_sink.py):
# AUTH PLAIN, STARTTLS, the MIME message read back (headers, text, escaped
# HTML, the letter's PDF), retries with backoff, permanent failures.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/comms_lib.sh"
comms_school
mail=$PWD/mail
start_smtp "$mail" --user office --password "s3cret pass"
setting smtp_url "smtp://127.0.0.1:$smtp_port"
setting smtp_user office
setting smtp_password "s3cret pass"
setting smtp_from office@test-academy.example
setting outbox_backoff_seconds 1
read_mail() { python3 "$comms_dir/read_mail.py" "$@"; }
outbox_field() { "$ATTEND" outbox list --json | python3 -c "import json,sys; d={m['id']: m for m in json.load(sys.stdin)['messages']}; print(d[$1]['$2'])"; }

# sending only queues; the worker delivers
expect_ok message send --template first-day-absence-email --upn P123456789013 --language en --by office
expect_out "message 1 queued: first-day-absence-email email to Ola Kowalska <b> \\(ola@example.pl\\)"
expect_ok message send --template concern-letter --upn A123456789012 --by office
expect_out "message 2 queued: concern-letter email to Jane Smith"
expect_ok message send --template first-day-absence-email --upn P123456789013 --by office
expect_eq "$(count_files "$mail" '\.eml$')" 0 "nothing is sent before the worker runs"
expect_ok outbox list --status queued
expect_eq "$(grep -c queued <<<"$out")" 3 "queued"
expect_ok outbox run --once
expect_out "outbox: 3 sent, 0 to retry, 0 failed, 0 unknown"
expect_eq "$(count_files "$mail" '\.eml$')" 3 "messages at the server"

# 1: English, to a contact whose name needs escaping in HTML
read_mail "$mail/0001.eml" > m1
grep -qx "from: Test Academy <office@test-academy.example>" m1 || fail "From: $(cat m1)"
grep -qx 'to: "Ola Kowalska <b>" <ola@example.pl>' m1 || fail "To: $(grep ^to: m1)"
grep -qx "reply-to: <office@test-academy.example>" m1 || grep -qx "reply-to: office@test-academy.example" m1 || fail "Reply-To"
grep -qx "subject: Ben is not in school today" m1 || fail "Subject: $(grep ^subject: m1)"
grep -qx "date: Mon, 01 Dec 2025 12:00:00 +0000" m1 || fail "Date: $(grep ^date: m1)"
grep -qx "mime-version: 1.0" m1 || fail "MIME-Version"
grep -qx "content-type: multipart/alternative" m1 || fail "content type: $(grep ^content-type m1)"
grep -qx "text-charset: utf-8" m1 || fail "charset"
grep -qx "text-encoding: quoted-printable" m1 || fail "encoding"
grep -qx "bare-lf: 0" m1 || fail "bare line feeds in the message"
[ "$(sed -n 's/^max-line: //p' m1)" -le 78 ] || fail "a line longer than 78: $(grep max-line m1)"
grep -qx "text| Dear Ola Kowalska <b>," m1 || fail "text part: $(grep '^text|' m1)"
grep -q "text| Ben is not in school today (Monday 1 December 2025) and we have not heard why" m1 || fail "text part says the day"
grep -qx "html| <p>Dear Ola Kowalska &lt;b&gt;,</p>" m1 || fail "HTML part not escaped: $(grep '^html|' m1)"
grep '^html|' m1 | grep -q "<b>" && fail "raw <b> in the HTML part"
grep -q '^html| <html lang="en">' m1 || fail "html lang"
mid=$(sed -n 's/^message-id: //p' m1)
expect_eq "$(outbox_field 1 message_id)" "$mid" "the outbox keeps the Message-ID it sent"
expect_eq "$(outbox_field 1 status)" sent "status"
expect_eq "$(outbox_field 1 accepted_id)" "2.0.0 Ok: queued as SINK0001" "the server's acceptance id"
expect_eq "$(json 'd["auth"] + " " + d["mail_from"] + " " + d["rcpt_to"][0]' < "$mail/0001.json")" \
  "office <office@test-academy.example> <ola@example.pl>" "envelope and login"

# 2: a letter by email, the PDF attached and readable
read_mail "$mail/0002.eml" --pdf letter.pdf > m2
grep -qx "content-type: multipart/mixed" m2 || fail "letter content type"
grep -qx "subject: We're worried about Anna's attendance" m2 || fail "letter subject"
grep -qx "attachment: application/pdf concern-letter-A123456789012.pdf [0-9]*" m2 || fail "attachment: $(grep ^attachment m2)"
grep -q "text| So far this school year Anna has missed 12 days (about 60 lessons)" m2 || grep -q "12 days (about 60 lessons)" m2 || fail "letter text"
pdftotext letter.pdf letter.txt || fail "pdftotext"
for w in "Test Academy" "Church Lane, Leeds, LS6 3AA" "Jane Smith" "1 High Street" "LS1 1AA" "Monday 1 December 2025" \
         "We're worried about Anna's attendance" "Anna's attendance this school year" "Attendance so far: 78.6%" \
         "Missed: 12 days (about 60 lessons) of 56 days so far" "Ms R. Fielding"; do
  grep -qF "$w" letter.txt || fail "the letter's PDF lacks '$w': $(cat letter.txt)"
done
pdftoppm -r 50 -png -f 1 -l 1 letter.pdf page || fail "pdftoppm"
[ "$(stat -c %s page-1.png)" -gt 5000 ] || fail "the rendered page is empty"

# 3: Polish, the subject encoded (RFC 2047) and read back whole
read_mail "$mail/0003.eml" > m3
grep -qx "subject: Nieobecność w szkole: Ben" m3 || fail "Polish subject: $(grep ^subject m3)"
grep -q "^Subject: =?UTF-8?B?" "$mail/0003.eml" || fail "the subject is not an encoded word"
grep -qx "text| Szanowni Państwo," m3 || fail "Polish text"

# sent messages are in the contact log
expect_ok contact list P123456789013 --json
expect_eq "$(json '[(e["channel"], e["by"], e["source"]) for e in d["entries"]]' <<<"$out")" \
  "[('email', 'office', 'outbox'), ('email', 'office', 'outbox')]" "contact log"
expect_ok contact list A123456789012 --json
expect_eq "$(json 'd["entries"][0]["channel"]' <<<"$out")" letter "a letter by email is logged as a letter"
# nothing is sent twice
expect_ok outbox run --once
expect_out "outbox: 0 sent"
expect_eq "$(count_files "$mail" '\.eml$')" 3 "no second copies"
db_query "update outbox set status = 'queued' where id = 1" 2>/dev/null && fail "a sent message could be queued again"
db_query "delete from outbox where id = 1" 2>/dev/null && fail "a message could be deleted"

# a temporary refusal: retried with exponential backoff (1 s, then 2 s)
printf '451 4.3.0 Try again later\n452 4.3.1 Still busy\n' > "$mail/ctl/data_replies"
expect_ok message send --template praise-improvement --upn A123456789012 --by office
id=$(db_query "select max(id) from outbox")
ATTEND_NOW=2025-12-01T12:00:00 expect_ok outbox run --once
expect_out "attempt 1 failed, trying again at 2025-12-01T12:00:01.*451 4.3.0 Try again later"
ATTEND_NOW=2025-12-01T12:00:00 expect_ok outbox run --once
expect_out "outbox: 0 sent, 0 to retry"
ATTEND_NOW=2025-12-01T12:00:01 expect_ok outbox run --once
expect_out "attempt 2 failed, trying again at 2025-12-01T12:00:03.*452 4.3.1 Still busy"
ATTEND_NOW=2025-12-01T12:00:02 expect_ok outbox run --once
expect_out "outbox: 0 sent"
ATTEND_NOW=2025-12-01T12:00:03 expect_ok outbox run --once
expect_out "outbox: 1 sent"
expect_eq "$(db_query "select group_concat(outcome, ',') from (select outcome from outbox_attempts where outbox_id = $id order by id) x")" "retry,retry,sent" "attempts"
expect_eq "$(outbox_field $id attempts)" 3 "attempts counted"
mid=$(outbox_field $id message_id)
expect_eq "$(grep -l "^Message-ID: $mid" "$mail"/*.eml | wc -l)" 1 "delivered exactly once"

# giving up after outbox_max_attempts, with the last reason
setting outbox_max_attempts 2
printf '421 4.4.2 Timeout\n421 4.4.2 Timeout\n' > "$mail/ctl/data_replies"
expect_ok message send --template praise-improvement --upn A123456789012 --by office
id=$(db_query "select max(id) from outbox")
ATTEND_NOW=2025-12-01T12:01:00 expect_ok outbox run --once
ATTEND_NOW=2025-12-01T12:01:01 expect_ok outbox run --once
expect_eq "$(outbox_field $id status)" failed "status after giving up"
expect_eq "$(outbox_field $id error)" "gave up after 2 attempts: the mail server asked to try again later: 421 4.4.2 Timeout" "reason"
expect_ok outbox resend $id --by office
expect_out "message $id queued again"
ATTEND_NOW=2025-12-01T12:02:00 expect_ok outbox run --once
expect_out "outbox: 1 sent"
expect_error 1 "message $id is sent: only failed or unknown messages can be sent again" outbox resend $id --by office

# a permanent refusal fails at once, with the server's reason
echo "550 5.1.1 <ola@example.pl>: Recipient address rejected" > "$mail/ctl/rcpt_reply"
expect_ok message send --template praise-improvement --upn P123456789013 --by office
id=$(db_query "select max(id) from outbox")
expect_ok outbox run --once
expect_out "outbox: 0 sent, 0 to retry, 1 failed"
expect_eq "$(outbox_field $id error)" "the mail server refused the message: 550 5.1.1 <ola@example.pl>: Recipient address rejected" "permanent failure"
rm "$mail/ctl/rcpt_reply"

# a wrong password is a reason to retry (the message is fine), said plainly
setting outbox_max_attempts 6
setting smtp_password wrong
expect_ok message send --template praise-improvement --upn A123456789012 --by office
id=$(db_query "select max(id) from outbox")
ATTEND_NOW=2025-12-01T12:10:00 expect_ok outbox run --once
expect_eq "$(outbox_field $id status)" queued "after a refused login"
expect_eq "$(outbox_field $id error)" "the mail server refused the login (check smtp_user and smtp_password): 535 5.7.8 Authentication credentials invalid" "login reason"
setting smtp_password "s3cret pass"
ATTEND_NOW=2025-12-01T12:10:01 expect_ok outbox run --once
expect_out "outbox: 1 sent"

# STARTTLS required, and the server does not offer it: not sent in clear
setting smtp_starttls required
expect_ok message send --template praise-improvement --upn A123456789012 --by office
id=$(db_query "select max(id) from outbox")
ATTEND_NOW=2025-12-01T12:20:00 expect_ok outbox run --once
expect_eq "$(outbox_field $id status)" queued "no TLS, no sending"
grep -q "could not send to the mail server" <<<"$(outbox_field $id error)" || fail "TLS reason: $(outbox_field $id error)"
# a server with STARTTLS and a certificate the school trusts
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" >/dev/null 2>&1 || fail "openssl"
tls=$PWD/tls-mail
start_smtp "$tls" --user office --password "s3cret pass" --tls-cert cert.pem --tls-key key.pem
setting smtp_url "smtp://127.0.0.1:$smtp_port"
setting smtp_ca_file "$PWD/cert.pem"
ATTEND_NOW=2025-12-01T12:20:01 expect_ok outbox run --once
expect_out "outbox: 1 sent"
expect_eq "$(json 'd["tls"]' < "$tls/0001.json")" True "sent over TLS"
expect_eq "$(json 'd["auth"]' < "$tls/0001.json")" office "logged in over TLS"

# bad settings are refused by name
expect_error 1 "smtp_url 'mail.example.org': it starts smtp:// or smtps://" settings set smtp_url mail.example.org
expect_error 1 "smtp_starttls 'always': it is optional, required or off" settings set smtp_starttls always
expect_error 1 "smtp_from 'office': an email address has exactly one @" settings set smtp_from office
expect_error 1 "outbox_max_attempts 0 is not between 1 and 50" settings set outbox_max_attempts 0
expect_error 1 "'smtp_port' is not a setting" settings set smtp_port 25
expect_ok settings list
expect_out "^smtp_password +\\*\\*\\*"
grep -q "s3cret" <<<"$out" && fail "a secret was printed"
expect_error 1 "status 'lost' is not queued, sending" outbox list --status lost
expect_error 1 "no such message in the outbox" outbox show 99
expect_error 1 "message 1 is not a letter: it has no PDF" outbox pdf 1 --out x.pdf
expect_ok outbox show 2
expect_out "^message 2: sent, email to Jane Smith <jane.smith@example.org>"
