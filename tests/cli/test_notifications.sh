# Notifications the law and the guidance expect, raised from the register:
# 10 unauthorised school days in a row across a weekend and a half-term
# (raised by the 10th morning's mark, once), the joint enquiries at 20, 15
# days of illness that are not consecutive (a family's report of tomorrow
# makes it due), the social worker's and virtual school's notice on the
# first day of an unexplained absence (emailed through a real SMTP server,
# or withdrawn when a reason comes), additions to and deletions from the
# admission register with the ground, the LA's file, catch-up without
# duplicates, and bad input refused with nothing changed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/comms_lib.sh"
make_school
B=P123456789013 A=A123456789012 D=T123456789015
notices() { db_query "select group_concat(kind || ' ' || key_date || ' ' || trigger_date || ' ' || due_date || ' ' || days || ' ' || state, ' | ') from (select * from notifications order by id) n"; }
ntasks() { db_query "select group_concat(kind || ' ' || assignee_role || ' ' || absence_date || ' ' || due_date || ' ' || state, ' | ') from (select * from tasks where kind <> 'escalation' order by id) t"; }
mark_on() { ATTEND_NOW=${2}T09:10 "$ATTEND" mark "$1" "$2" "$3" "$4" --by teacher >/dev/null || fail "mark $*"; }

# the settings, each checked against its rule; nothing saved when refused
before=$(db_dump)
expect_error 1 "notify_unauthorised_days 0 is not between 1 and 100" settings set notify_unauthorised_days 0
expect_error 1 "notify_cme_days 'twenty'" settings set notify_cme_days twenty
expect_error 1 "notify_unauthorised_codes 'G,,N': a list of codes" settings set notify_unauthorised_codes G,,N
expect_error 1 "notify_illness_codes 'I,H': each is a code of the register in force" settings set notify_illness_codes I,H
expect_error 1 "notify_kinds 'illness,holidays': a list of unauthorised, illness" settings set notify_kinds illness,holidays
expect_error 1 "notify_la_assignee 'nobody': it is not a role or an active account" settings set notify_la_assignee nobody
expect_error 1 "notify_safeguarding_assignee 'teacher': a role is admin, attendance_lead, office or dsl" settings set notify_safeguarding_assignee teacher
expect_error 1 "notify_since '2025-02-30' is not a date" settings set notify_since 2025-02-30
expect_eq "$(db_dump)" "$before" "nothing saved"
expect_ok settings list
expect_out "notify_since +2025-12-01 +nothing before this date is raised"
# this test starts from the beginning of the school year
expect_ok settings set notify_since 2025-09-01

# ---- 10 school days in a row without authorisation: Thursday 16 October
# to Thursday 6 November, across a weekend, the half-term (27-31 October)
# and the INSET day of Monday 3 November ----
for d in 2025-10-16 2025-10-17 2025-10-20 2025-10-21 2025-10-22 2025-10-23 2025-10-24 2025-11-04 2025-11-05; do
  mark_on $B $d AM N
  mark_on $B $d PM O
done
expect_eq "$(notices)" "" "9 days: not yet"
mark_on $B 2025-11-06 AM G
expect_eq "$(notices)" "unauthorised 2025-10-16 2025-11-06 2025-11-07 10 open" "the 10th morning raises it, due the next school day"
expect_eq "$(ntasks)" "unauthorised attendance_lead 2025-10-16 2025-11-07 open" "a task for the attendance lead"
expect_eq "$(db_query "select detail from notifications")" "absent without authorisation 10 school days in a row (2025-10-16 to 2025-11-06, so far)" "what it says"
# never twice: the afternoon, the next day, the catch-up
mark_on $B 2025-11-06 PM N
mark_on $B 2025-11-07 AM N
export ATTEND_NOW=2025-11-07T16:00
expect_ok notifications run
expect_out "^0 notifications raised$"
expect_eq "$(db_query 'select count(*) from notifications')" 1 "raised once"

# ---- the joint enquiries at 20 days (G, N, O only): an import of the
# register up to today, then the 20th morning ----
{
  echo upn,date,session,code,minutes_late
  for d in 2025-11-07 2025-11-10 2025-11-11 2025-11-12 2025-11-13 2025-11-14 2025-11-17 2025-11-18 2025-11-19; do
    [ $d = 2025-11-07 ] || echo "$B,$d,AM,O,"
    echo "$B,$d,PM,O,"
  done
} > run.csv
export ATTEND_NOW=2025-11-19T16:00
expect_ok import marks run.csv
expect_eq "$(db_query "select count(*) from notifications where kind = 'cme'")" 0 "19 days: not yet"
mark_on $B 2025-11-20 AM O
expect_eq "$(db_query "select key_date || ' ' || trigger_date || ' ' || due_date || ' ' || days from notifications where kind = 'cme'")" "2025-10-16 2025-11-20 2025-11-21 20" "the joint enquiries"
expect_eq "$(db_query "select count(*) from notifications where kind = 'unauthorised'")" 1 "and still one 10-day notice"

# ---- 15 days of illness that are not consecutive: 14 days on Mondays and
# Wednesdays since September, then a family reports tomorrow ----
export ATTEND_NOW=2025-12-01T12:00
{
  echo upn,date,session,code,minutes_late
  for d in 2025-09-08 2025-09-10 2025-09-15 2025-09-17 2025-09-22 2025-09-24 2025-10-06 2025-10-08 2025-10-13 2025-10-15 2025-10-20 2025-10-22 2025-11-10 2025-11-12; do
    echo "$A,$d,AM,I,"; echo "$A,$d,PM,I,"
  done
} > ill.csv
expect_ok import marks ill.csv
expect_ok notifications run
expect_out "^0 notifications raised$"
expect_eq "$(db_query "select count(*) from notifications where kind = 'illness'")" 0 "14 days: not yet"
expect_ok absence report $A --from 2025-12-02 --code I --note "hospital appointment and recovery" --reported-by "Jane Smith" --channel call --by office
expect_out "2 pending"
expect_eq "$(db_query "select key_date || ' ' || trigger_date || ' ' || due_date || ' ' || days from notifications where kind = 'illness'")" "2025-08-01 2025-12-01 2025-12-02 15" "will miss 15 days: raised at the report"
expect_eq "$(db_query "select detail from notifications where kind = 'illness'")" "will miss 15 school days through illness in 2025/26 (30 sessions), no two of them in a row, counting the days the family has reported ahead" "what it says"

# ---- the first day of an unexplained absence: Dara is looked after, with a
# social worker and a virtual school head; their notices are emailed ----
mail=$PWD/mail
start_smtp "$mail"
setting smtp_url "smtp://127.0.0.1:$smtp_port"
setting smtp_from office@test-academy.example
setting school_phone "0113 496 0000"
setting school_email office@test-academy.example
cat > dara.csv <<'CSV'
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal,looked_after
T123456789015,O'Brien,Dara,2015-01-09,M,6,6B,2025-09-15,,Y,N,N,N,Y
CSV
expect_ok import pupils dara.csv
cat > contacts.csv <<CSV
$CONTACTS_HEADER
$A,1,Jane Smith,mother,,07700 900123,,"1 Mill Lane, Leeds",LS1 1AA,en,Y,Y,Y
$D,1,Mary Carer,foster carer,,07700 900555,,,,en,N,Y,N
$D,2,Sam Worker,Social Worker,0113 496 0999,,sam.worker@council.example,,,en,N,N,N
$D,3,Vic Head,virtual school,0113 496 0888,,vsh@council.example,,,en,N,N,N
CSV
expect_ok import contacts contacts.csv --by office
export ATTEND_NOW=2025-12-01T09:10
expect_ok mark $D 2025-12-01 AM N --by teacher
expect_eq "$(db_query "select group_concat(kind || ' ' || key_date || ' ' || due_date || ' ' || (select name from contacts c where c.id = contact_id), ' | ') from notifications where pupil_id = (select id from pupils where upn = '$D')")" "social_worker 2025-12-01 2025-12-01 Sam Worker | virtual_school 2025-12-01 2025-12-01 Vic Head" "both, due today"
expect_eq "$(db_query "select group_concat(assignee_role) from tasks where kind in ('social_worker', 'virtual_school')")" "dsl,dsl" "the designated safeguarding lead's tasks"
sw=$(db_query "select id from notifications where kind = 'social_worker'")
vs=$(db_query "select id from notifications where kind = 'virtual_school'")
expect_ok notifications send $sw --by dsl
expect_ok notifications send $vs --by dsl
expect_ok outbox run --once
expect_out "outbox: 2 sent"
python3 "$comms_dir/read_mail.py" "$mail/0001.eml" > m1
grep -qx "to: Sam Worker <sam.worker@council.example>" m1 || fail "To: $(grep ^to: m1)"
grep -qx "subject: Unexplained absence today: Dara O'Brien (Test Academy)" m1 || fail "Subject: $(grep ^subject: m1)"
grep -q "^text| Dara O'Brien (year 6, 6B) is absent from school today, Monday 1 December 2025, and the family" m1 || fail "body: $(grep ^text m1)"
python3 "$comms_dir/read_mail.py" "$mail/0002.eml" > m2
grep -qx "to: Vic Head <vsh@council.example>" m2 || fail "the virtual school's: $(grep ^to: m2)"
expect_eq "$(db_query "select group_concat(state || ' ' || sent_via || ' ' || done_by) from notifications where id in ($sw, $vs)")" "sent outbox dsl,sent outbox dsl" "recorded as sent"
expect_eq "$(db_query "select group_concat(state) from tasks where kind in ('social_worker', 'virtual_school')")" "done,done" "their tasks done"
expect_eq "$(db_query "select count(*) from contact_log where outbox_id is not null")" 2 "in the contact log"
expect_error 1 "notification $sw is already sent" notifications send $sw
# the second day of the same absence raises nothing new
export ATTEND_NOW=2025-12-02T09:10
expect_ok mark $D 2025-12-02 AM N --by teacher
expect_eq "$(db_query "select count(*) from notifications where kind in ('social_worker', 'virtual_school')")" 2 "one notice an absence"
# a new absence after a day in school: notices again; a reason withdraws them
export ATTEND_NOW=2025-12-03T09:10
expect_ok mark $D 2025-12-03 AM / --by teacher
export ATTEND_NOW=2025-12-04T09:10
expect_ok mark $D 2025-12-04 AM N --by teacher
expect_eq "$(db_query "select count(*) from notifications where key_date = '2025-12-04' and state = 'open'")" 2 "a new absence: two notices"
expect_ok mark $D 2025-12-04 AM I --by office --reason "carer rang: sick"
expect_eq "$(db_query "select group_concat(state || ': ' || outcome, ' | ') from notifications where key_date = '2025-12-04'")" "withdrawn: the absence has a reason now (I, by office) | withdrawn: the absence has a reason now (I, by office)" "withdrawn"
expect_eq "$(db_query "select group_concat(state) from tasks where kind in ('social_worker', 'virtual_school') and absence_date = '2025-12-04'")" "closed,closed" "their tasks closed"

# ---- the admission register: additions (not at the start of the youngest
# year) and deletions with their ground (not at the end of the final year) ----
export ATTEND_NOW=2025-12-04T12:00
expect_ok settings set notify_since 2025-08-01
cat > joiners.csv <<'CSV'
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal
K123456789016,Khan,Kiran,2016-02-02,F,5,5A,2025-09-01,,N,N,N,N
M123456789017,Mills,Milo,2014-10-10,M,6,6B,2025-09-01,,N,N,N,N
W123456789018,Wood,Wren,2015-04-04,F,5,5A,2025-12-08,,N,N,N,N
CSV
expect_ok import pupils joiners.csv
expect_eq "$(db_query "select group_concat(p.upn || ' ' || key_date || ' ' || due_date, ' | ') from notifications n join pupils p on p.id = n.pupil_id where kind = 'admission'")" "M123456789017 2025-09-01 2025-09-09 | W123456789018 2025-12-08 2025-12-15" "a year 6 joiner and one in December; not the year 5 (the youngest) at the start of the year"
# leaving: the ground is required here, and refused when unknown
before=$(db_dump)
expect_error 1 "ground: the ground of deletion is required" pupils leave M123456789017 --date 2025-12-05
expect_error 1 "ground '9\\(1\\)\\(z\\)' is not a ground of regulation 9" pupils leave M123456789017 --date 2025-12-05 --ground '9(1)(z)'
expect_error 1 "pupil M123456789017 is not on roll on 2025-08-20" pupils leave M123456789017 --date 2025-08-20 --ground another_school
expect_error 1 "no pupil with UPN Z999999999999" pupils leave Z999999999999 --date 2025-12-05 --ground another_school
expect_error 1 "pupil $B has .* marks after 2025-11-05 \\(the first on 2025-11-06\\): the leaving date can't leave marks behind" pupils leave $B --date 2025-11-05 --ground moved_away
expect_error 2 "--date DATE is required" pupils leave M123456789017 --ground another_school
expect_eq "$(db_dump)" "$before" "nothing changed"
expect_ok pupils leave M123456789017 --date 2025-12-05 --ground another_school --detail "Oak Academy (123/4000), from 8 December"
expect_out "M123456789017 leaves the admission register after 2025-12-05 \\(9\\(1\\)\\(a\\)\\)"
expect_eq "$(db_query "select left_date from enrolments e join pupils p on p.id = e.pupil_id where upn = 'M123456789017'")" 2025-12-05 "on roll to the 5th"
expect_eq "$(db_query "select key_date || ' ' || due_date || ' ' || ground || ' ' || detail from notifications where kind = 'deletion'")" "2025-12-05 2025-12-05 9(1)(a) leaves the admission register on 2025-12-05: 9(1)(a) Registered at another school; Oak Academy (123/4000), from 8 December" "due before the name goes"
expect_ok pupils grounds
expect_eq "$(grep -c . <<<"$out")" 16 "the 2024 regulations' 16 grounds"
expect_out "^9\\(1\\)\\(i\\) +missing_20_days +Continuously absent 20 school days"
# a file that gives a leaving date without its ground: a warning, and the
# deletion waits for its ground before it can go to the LA
sed 's/2025-12-08,,/2025-12-08,2025-12-12,/' joiners.csv | grep -v M123 > leaving.csv
expect_ok import pupils leaving.csv
grep -q "leaving.csv:3: warning: pupil W123456789018 leaves on 2025-12-12 with no leaving_ground" <<<"$err" || fail "no warning: $err"
printf 'upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal,leaving_ground\nW123456789018,Wood,Wren,2015-04-04,F,5,5A,2025-12-08,,N,N,N,N,moved_away\n' > badground.csv
expect_error 1 "badground.csv:2: leaving_ground 9\\(1\\)\\(g\\) goes with a left date" import pupils badground.csv
sed -i 's/moved_away/moving/' badground.csv
expect_error 1 "badground.csv:2: leaving_ground 'moving' is not a ground of regulation 9" import pupils badground.csv
# the end of the final year (year 6, the last school day) is not notified
printf 'upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal,leaving_ground\nT123456789015,O'"'"'Brien,Dara,2015-01-09,M,6,6B,2025-09-15,2025-12-19,Y,N,N,N,leaving_compulsory_age\n' > final.csv
expect_ok import pupils final.csv
expect_eq "$(db_query "select count(*) from notifications n join pupils p on p.id = n.pupil_id where kind = 'deletion' and upn = '$D'")" 0 "a standard transition"
expect_eq "$(db_query "select ground from leaving_grounds g join pupils p on p.id = g.pupil_id where upn = '$D'")" "9(1)(l)" "its ground kept"

# ---- the LA's file: every open notification to the LA, recorded sent ----
expect_error 2 "--out FILE is required" notifications export
expect_error 1 "kind 'social_worker' is not one the LA gets" notifications export --kind social_worker --out x.csv
expect_error 2 "--note goes with done and dismiss" notifications export --out x.csv --note hi
expect_ok notifications export --out la.csv --by lead
expect_out "^6 notifications to the local authority written to la.csv \\(SHA-256 $(sha256sum la.csv | cut -d' ' -f1)\\)$"
expect_out "^1 deletion waits for the ground of deletion"
expect_eq "$(head -1 la.csv)" "notification,kind,la_code,estab,urn,school,upn,surname,forename,dob,gender,year,form,admitted,left,ground,ground_text,key_date,trigger_date,due_date,days,detail,contact_name,contact_relationship,contact_phone,contact_address,contact_postcode" "the header"
expect_eq "$(cut -d, -f2 la.csv | tail -n +2 | sort | tr '\n' ' ')" "admission admission cme deletion illness unauthorised " "what went"
grep -q '^[0-9]*,deletion,,,100001,Test Academy,M123456789017,Mills,Milo,2014-10-10,M,6,6B,2025-09-01,2025-12-05,9(1)(a),Registered at another school,2025-12-05,2025-12-05,2025-12-05,1,' la.csv || fail "the deletion row: $(grep deletion la.csv)"
grep -q '^[0-9]*,illness,.*,Jane Smith,mother,07700 900123,"1 Mill Lane, Leeds",LS1 1AA$' la.csv || fail "the parent with the illness: $(grep illness la.csv)"
expect_eq "$(db_query "select count(*) from notifications where sent_via = 'file' and file_name = 'la.csv' and file_sha256 = '$(sha256sum la.csv | cut -d' ' -f1)'")" 6 "each recorded with the file"
expect_ok notifications export --out again.csv
expect_out "nothing to send to the local authority: no file written"
[ -e again.csv ] && fail "an empty file was written"
# the ground given later: the deletion goes in the next file
expect_ok pupils leave W123456789018 --date 2025-12-12 --ground moved_away
expect_ok notifications export --kind deletion --out la2.csv
expect_out "^1 notification to the local authority"
grep -q ',deletion,.*,W123456789018,.*,9(1)(g),No longer lives within a reasonable distance of the school,' la2.csv || fail "the late ground: $(cat la2.csv)"

# ---- told another way, not needed; bad input ----
export ATTEND_NOW=2025-12-08T09:10
expect_ok mark $D 2025-12-08 AM N --by teacher
id=$(db_query "select id from notifications where state = 'open' and kind = 'social_worker'")
[ -n "$id" ] || fail "no open notice"
before=$(db_dump)
expect_error 1 "note: say how they were told" notifications done $id
expect_error 1 "note: say why the notification is not needed" notifications dismiss $id
expect_error 1 "there is no notification 999" notifications done 999 --note "rang"
expect_error 1 "id 0 is not between 1 and" notifications send 0
expect_error 2 "notifications send needs the notification's ID" notifications send
expect_error 2 "notifications run takes no ID" notifications run 3
expect_error 1 "state 'closed' is not open, sent, withdrawn, dismissed or all" notifications list --state closed
expect_error 2 "'sing' is not run, list, send, done, dismiss or export" notifications sing
expect_eq "$(db_dump)" "$before" "nothing changed"
expect_ok notifications done $id --note "rang the social worker's duty desk" --by dsl
expect_eq "$(db_query "select state || ' ' || sent_via || ': ' || outcome from notifications where id = $id")" "sent other: told another way: rang the social worker's duty desk" "recorded"
expect_ok notifications list --state all --json
expect_eq "$(json 'len(d["notifications"])' <<<"$out")" "$(db_query 'select count(*) from notifications')" "every one listed"
# kept as they were
db_query "delete from notifications" 2>/dev/null && fail "a notification was deleted"
db_query "update notifications set state = 'open' where id = $id" 2>/dev/null && fail "a sent notification was reopened"
true
