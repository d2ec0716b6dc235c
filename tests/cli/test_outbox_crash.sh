# kill -9 the outbox worker while a message is "sending", and show the
# documented outcome (src/comms/outbox.c): stopped before the whole message
# left, it is sent once on restart; stopped after, it is "unknown", never
# sent twice; nothing queued is lost. One worker per school at a time.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/comms_lib.sh"
comms_school
mail=$PWD/mail
start_smtp "$mail"
setting smtp_url "smtp://127.0.0.1:$smtp_port"
setting smtp_from office@test-academy.example
q() { db_query "$1"; }
state() { q "select status || ':' || handed_over from outbox where id = $1"; }
is_state() { [ "$(state "$1")" = "$2" ]; }
worker_pid=
start_worker() {
  "$ATTEND" outbox run --once > worker.log 2>&1 &
  worker_pid=$!
}
kill_worker() {
  kill -9 "$worker_pid" 2>/dev/null || fail "the worker had already stopped: $(cat worker.log)"
  wait "$worker_pid" 2>/dev/null
}

# A. killed before the whole message left (the server never answered DATA)
touch "$mail/ctl/stall_before_data"
expect_ok message send --template praise-improvement --upn A123456789012 --by office
start_worker
wait_for "message 1 to be sending" is_state 1 sending:0
kill_worker
expect_eq "$(state 1)" sending:0 "left behind by the dead worker"
rm "$mail/ctl/stall_before_data"
expect_ok outbox run --once
expect_out "taking over the outbox from process $worker_pid on .* \\(no longer running\\)"
expect_out "message 1: interrupted before it was sent; queued again"
expect_out "outbox: 1 sent, 0 to retry, 0 failed, 0 unknown, 1 queued again after a stop"
expect_eq "$(state 1)" sent:0 "sent after the restart"
expect_eq "$(q "select group_concat(outcome, ',') from (select outcome from outbox_attempts where outbox_id = 1 order by id) x")" "interrupted,sent" "attempts"
expect_eq "$(count_files "$mail" '\.eml$')" 1 "delivered once"

# B. killed after the whole message left, before the server's reply: the
# server has it; the worker can't know, so it is not sent again
touch "$mail/ctl/stall_after_data"
expect_ok message send --template praise-improvement --upn A123456789012 --by office
expect_ok message send --template first-day-absence-email --upn A123456789012 --by office
start_worker
wait_for "message 2 to reach the server" test -s "$mail/0002.eml"
wait_for "message 2 to be handed over" is_state 2 sending:1
# while that worker lives, no other may start
expect_error 1 "another outbox worker \\(process $worker_pid on .*\\) holds the outbox until" outbox run --once
kill_worker
rm "$mail/ctl/stall_after_data"
expect_ok outbox run --once
expect_out "message 2: may have been delivered before the worker stopped; marked unknown, not resent"
expect_out "outbox: 1 sent, 0 to retry, 0 failed, 1 unknown, 0 queued again after a stop"
expect_eq "$(state 2)" unknown:0 "message 2"
expect_eq "$(state 3)" sent:0 "the message queued behind it is not lost"
mid=$(q "select message_id from outbox where id = 2")
expect_eq "$(grep -l "^Message-ID: $mid" "$mail"/*.eml | wc -l)" 1 "message 2 reached the server once"
expect_eq "$(count_files "$mail" '\.eml$')" 3 "three messages, no duplicate"
expect_ok outbox list --status unknown
expect_out "^2 +unknown .*it may have been delivered, so it is not sent again automatically"
expect_ok outbox run --once
expect_out "outbox: 0 sent"
expect_eq "$(count_files "$mail" '\.eml$')" 3 "still no duplicate"
# a person who has checked may send it again, knowingly
expect_ok outbox resend 2 --by office
expect_eq "$(state 2)" queued:0 "queued by a person"

# C. the same with the SMS gateway: it stored the text and the worker died
gw=$PWD/gw
start_sms "$gw" tok
setting sms_url "http://127.0.0.1:$sms_port/send"
setting sms_token tok
q "update outbox set next_attempt_at = '2099-01-01T00:00:00.000Z' where id = 2"
touch "$gw/ctl/stall_after_body"
expect_ok message send --template first-day-absence --upn A123456789012 --by office
id=$(q "select max(id) from outbox")
start_worker
wait_for "the gateway to store the text" test -s "$gw/sms-0001.json"
wait_for "the text to be handed over" is_state $id sending:1
kill_worker
rm "$gw/ctl/stall_after_body"
expect_ok outbox run --once
expect_out "outbox: 0 sent, 0 to retry, 0 failed, 1 unknown"
expect_eq "$(state $id)" unknown:0 "the text"
expect_eq "$(count_files "$gw" '^sms-')" 1 "the gateway has it once"
expect_eq "$(q "select count(*) from outbox")" 4 "every message is still in the outbox"
expect_eq "$(db_integrity)" ok "integrity"
