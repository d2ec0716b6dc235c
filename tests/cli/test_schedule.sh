# `attend schedule`: the monitoring schedule from the command line. init
# seeds the toolkit's Annex C tasks (and the self-assessment's questions and
# the awards) once; the checklist of a day passes over the INSET day; the
# run records what attend proves and sends the digests once, at their time,
# to the recipients; settings and recipients are checked; bad input changes
# nothing.
. "$(dirname "$0")/lib.sh"

make_school
expect_ok init
expect_out "0 national benchmarks added"
expect_eq "$(db_query 'select count(*) from schedule_tasks')" 17 "Annex C's 17 tasks"
expect_eq "$(db_query 'select count(*) from sa_questions')" 34 "Annex B's 34 questions"
expect_eq "$(db_query 'select count(*) from award_rules')" 5 "the usual awards"
# a school's change is never undone by init
db_query "update schedule_tasks set active = 0 where builtin_key = 'weekly.banding'"
expect_ok init
expect_eq "$(db_query "select count(*) || ':' || sum(active) from schedule_tasks")" "17:16" \
  "a retired task stays retired, and no task is added twice"

# Monday 3 November 2025 is an INSET day: no daily task; the office's on the 4th
ATTEND_NOW=2025-11-03T10:00 expect_ok schedule list --role office --json
expect_eq "$(echo "$out" | json 'len([t for t in d if t["cadence"]=="daily"])')" 0 \
  "no daily task on an INSET day"
ATTEND_NOW=2025-11-04T10:00 expect_ok schedule list --role office --json
expect_eq "$(echo "$out" | json '",".join(sorted(t["due"] for t in d))')" \
  "2025-11-04,2025-11-04,2025-11-04" "the office's three daily tasks on the Tuesday"
ATTEND_NOW=2025-11-04T10:00 expect_ok schedule list --role attendance_lead --json
expect_eq "$(echo "$out" | json 'len([t for t in d if t["title"].startswith("Identification")])')" 0 \
  "the weekly PA list is not on Tuesday's checklist"
ATTEND_NOW=2025-11-07T10:00 expect_ok schedule list --role attendance_lead --json
expect_eq "$(echo "$out" | json '[t["due"] + " " + t["state"] for t in d if t["title"].startswith("Identification")][0]')" \
  "2025-11-07 open" "... it opens on the week's last school day"

# bad input: a clear message, exit 1, nothing written
before=$(db_dump)
expect_error 1 "date '2025-02-30' is not a date" schedule list --date 2025-02-30
expect_error 1 "role 'janitor' is not one attend knows" schedule list --role janitor
expect_error 1 "email 'nobody': " schedule recipients add "Nobody" nobody
expect_error 1 "digest_daily_at '25:00': it is HH:MM \(24-hour\) or off" settings set digest_daily_at 25:00
expect_error 1 "public_url 'ftp://x': it starts http:// or https://" settings set public_url ftp://x
expect_error 2 "'monthly' is not daily or weekly" schedule digest monthly
expect_error 2 "is not run, list, missed, digest or recipients" schedule tidy
expect_eq "$(db_dump)" "$before" "nothing changed by bad input"

# the digests: recipients, their time, sent once each
expect_ok settings set smtp_from office@test.example
expect_ok settings set digest_daily_at 15:30
expect_ok schedule recipients add "Ms Head" head@test.example
expect_out "recipient 1 added: Ms Head <head@test.example>"
expect_ok schedule recipients add "Mr Lead" lead@test.example --daily
expect_error 1 "head@test.example gets the digests already" schedule recipients add Again head@test.example
expect_ok schedule recipients
expect_out "Mr Lead +lead@test.example +daily $"
ATTEND_NOW=2025-11-07T15:00 expect_ok schedule run
expect_eq "$(db_query "select count(*) from outbox")" 0 "before 15:30, no digest"
ATTEND_NOW=2025-11-07T15:31 expect_ok schedule run
expect_out "daily digest queued for 2 leads"
grep -q weekly <<<"$out" && fail "the weekly pack waits for its time (16:00)"
ATTEND_NOW=2025-11-07T16:01 expect_ok schedule run
expect_out "daily digest: sent already"
expect_out "weekly pack queued for 1 lead"
ATTEND_NOW=2025-11-07T16:45 expect_ok schedule run
expect_eq "$(db_query "select group_concat(template || '>' || recipient, ' ') from (select * from outbox order by id) o")" \
  "daily-digest>lead@test.example daily-digest>head@test.example weekly-pack>head@test.example" \
  "each digest once, to its recipients"
expect_ok schedule recipients remove 2
expect_eq "$(db_query "select count(*) from digest_recipients where id = 2 and removed_at is not null")" 1 \
  "a recipient removed is kept, with when"
ATTEND_NOW=2025-11-07T16:00 expect_ok schedule digest weekly
expect_out "^Subject: The week's attendance, week beginning Monday 3 November 2025"
grep -q "https://" <<<"$out" && fail "no address for links before public_url is set"
# the links use attend's address, the one setting families' invitations use too
expect_ok settings set public_url https://attend.test.example/
ATTEND_NOW=2025-11-07T16:00 expect_ok schedule digest weekly
expect_out ": https://attend\.test\.example/"
expect_ok settings set digest_daily_at off
ATTEND_NOW=2025-11-10T17:00 expect_ok schedule run
expect_eq "$(db_query "select count(*) from outbox where template = 'daily-digest'")" 2 \
  "the daily digest off: none on Monday"
ATTEND_NOW=2025-11-10T17:00 expect_ok schedule missed --from 2025-11-04 --to 2025-11-07 --json
expect_eq "$(echo "$out" | json 'len([t for t in d if t["title"].startswith("Daily attendance data sent")])')" 4 \
  "the lead's daily data missed on the four days"
