# Absence reports: the right code on the right sessions through the register's
# own rules; amendments keep the reason; sessions whose code can't be entered
# in advance wait for their register. Today is Monday 1 December 2025, noon.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/comms_lib.sh"
comms_school
U=A123456789012
code_of() { db_query "select code from marks m join pupils p on p.id = m.pupil_id where upn = '$1' and date = '$2' and session = '$3'"; }

# 1. past sessions marked N become I, as amendments with the report as reason
expect_ok absence report $U --from 2025-09-08 --code I --note "tummy bug" --contact 1 --channel call --by office
expect_out "absence report #1 for $U: 0 recorded, 2 amended, 0 already so, 0 kept, 0 pending"
expect_eq "$(code_of $U 2025-09-08 AM)$(code_of $U 2025-09-08 PM)" "II" "codes after the report"
expect_ok history $U 2025-09-08 AM --json
expect_eq "$(json '[(v["version"], v["code"]) for v in d["versions"]]' <<<"$out")" "[(1, 'N'), (2, 'I')]" "versions"
expect_eq "$(json 'd["versions"][1]["reason"]' <<<"$out")" "absence report #1 from Jane Smith, mother (call): tummy bug" "reason"
expect_eq "$(json 'd["versions"][1]["recorded_by"]' <<<"$out")" office "who"
expect_ok verify

# 2. this afternoon gets I now; tomorrow's I can't be entered in advance
expect_ok absence report $U --from 2025-12-01 --from-session PM --to 2025-12-02 --code I --note "flu" --expected-return 2025-12-03 --contact 2 --channel text --by office
expect_out "absence report #2 for $U: 1 recorded, 0 amended, 0 already so, 0 kept, 2 pending"
expect_eq "$(code_of $U 2025-12-01 PM)" I "this afternoon"
expect_eq "$(code_of $U 2025-12-02 AM)" "" "tomorrow is not marked in advance"
expect_ok absence list --date 2025-12-02 --json
expect_eq "$(json '[(s["date"], s["session"], s["state"]) for s in d["reports"][0]["sessions"]]' <<<"$out")" \
  "[('2025-12-01', 'PM', 'applied'), ('2025-12-02', 'AM', 'pending'), ('2025-12-02', 'PM', 'pending')]" "report 2 sessions"
expect_eq "$(json 'd["reports"][0]["reported_by"] + "/" + d["reports"][0]["expected_return"]' <<<"$out")" "Tom Smith, father/2025-12-03" "who reported it"
# ... and the register applies it: N at the morning register becomes I; in the
# afternoon Anna came after all, and / stays
ATTEND_NOW=2025-12-02T09:05 expect_ok mark $U 2025-12-02 AM N --by teacher
expect_eq "$(code_of $U 2025-12-02 AM)" I "the morning register applied the report"
ATTEND_NOW=2025-12-02T09:05 expect_ok history $U 2025-12-02 AM --json
expect_eq "$(json '[(v["code"], v["recorded_by"], v["reason"]) for v in d["versions"]]' <<<"$out")" \
  "[('N', 'teacher', ''), ('I', 'teacher', 'absence report #2 from Tom Smith, father (text): flu')]" "the register's versions"
ATTEND_NOW=2025-12-02T13:30 expect_ok mark $U 2025-12-02 PM / --by teacher
expect_eq "$(code_of $U 2025-12-02 PM)" "\\" "present stays present"
expect_ok absence list --date 2025-12-02 --json
expect_eq "$(json '[(s["state"], s["detail"]) for s in d["reports"][0]["sessions"][1:]]' <<<"$out")" \
  "[('applied', 'marked N at the register: amended to I'), ('attended', 'the pupil came: marked \\\\ at the register')]" "resolved at the register"

# 3. a code known in advance is recorded now; a present mark is kept
expect_ok absence report P123456789013 --from 2025-12-03 --from-session PM --code M --note "dentist 2pm" --contact 1 --channel email --by office
expect_out "1 recorded, 0 amended, 0 already so, 0 kept, 0 pending"
expect_eq "$(code_of P123456789013 2025-12-03 PM)" M "M in advance"
expect_ok absence report P123456789013 --from 2025-11-26 --code I --reported-by "Gran (Mrs Kowalska)" --channel in_person --by office
expect_out "0 recorded, 0 amended, 0 already so, 2 kept, 0 pending"
expect_eq "$(code_of P123456789013 2025-11-26 AM)" / "present is kept"
expect_ok absence list --upn P123456789013 --date 2025-11-26
expect_out "2025-11-26 AM  kept     already marked / \\(present\\): kept"

# 4. pending sessions whose day has come are applied when the register opens
expect_ok absence report T123456789015 --from 2025-12-04 --code I --note "chickenpox" --contact 1 --channel call --by office
expect_out "2 pending"
ATTEND_NOW=2025-12-03T08:40 expect_ok absence apply --by office
expect_out "0 pending sessions applied"
ATTEND_NOW=2025-12-04T08:40 expect_ok absence apply --by office
expect_out "2 pending sessions applied"
expect_eq "$(code_of T123456789015 2025-12-04 AM)$(code_of T123456789015 2025-12-04 PM)" II "applied on the day"
expect_ok absence list --upn T123456789015 --json
expect_eq "$(json '[s["state"] for s in d["reports"][0]["sessions"]]' <<<"$out")" "['applied', 'applied']" "states"
expect_ok absence list
expect_out "#1 $U 2025-09-08 AM to 2025-09-08 PM: I - tummy bug \\(Jane Smith, mother, by call; recorded by office\\)"

# 5. bad reports are refused and change nothing
before=$(db_dump)
bad() { local pat=$1; shift; expect_error 1 "$pat" absence report "$@"; }
bad "code G is not a reason a family can report \\(one of I, M, R, J1, S, T, O, Y1, Y2, Y6, Y7" $U --from 2025-12-05 --code G --contact 1 --channel call --by office
bad "code: 'ZZ' is not a DfE attendance code" $U --from 2025-12-05 --code ZZ --contact 1 --channel call --by office
bad "channel 'pigeon' is not call, text, email, app, in_person or letter" $U --from 2025-12-05 --code I --contact 1 --channel pigeon --by office
bad "to: the report ends \\(2025-12-04 PM\\) before it starts \\(2025-12-05 AM\\)" $U --from 2025-12-05 --to 2025-12-04 --code I --contact 1 --channel call --by office
bad "the report ends \\(2025-12-05 AM\\) before it starts \\(2025-12-05 PM\\)" $U --from 2025-12-05 --from-session PM --to-session AM --code I --contact 1 --channel call --by office
bad "from: 2025-11-29 to 2025-11-30 holds no school session on which pupil $U is on roll" $U --from 2025-11-29 --to 2025-11-30 --code I --contact 1 --channel call --by office
bad "2025-11-28 to 2025-11-28 holds no school session" $U --from 2025-11-28 --code I --contact 1 --channel call --by office
bad "holds no school session on which pupil D123456789014 is on roll" D123456789014 --from 2025-11-05 --code I --reported-by Mum --channel call --by office
bad "contact: pupil $U has no contact of priority 9" $U --from 2025-12-05 --code I --contact 9 --channel call --by office
bad "say who reported it" $U --from 2025-12-05 --code I --contact 1 --reported-by Mum --channel call --by office
bad "say who reported it" $U --from 2025-12-05 --code I --channel call --by office
bad "expected return 2025-12-01 is before the absence starts \\(2025-12-05\\)" $U --from 2025-12-05 --code I --expected-return 2025-12-01 --contact 1 --channel call --by office
bad "a report covers at most 100 sessions" $U --from 2025-09-03 --to 2025-12-19 --code I --contact 1 --channel call --by office
bad "from_session 'noon' is not AM or PM" $U --from 2025-12-05 --from-session noon --code I --contact 1 --channel call --by office
bad "from '5 Dec' is not a date" $U --from "5 Dec" --code I --contact 1 --channel call --by office
bad "upn: no pupil with UPN Z1" Z1 --from 2025-12-05 --code I --contact 1 --channel call --by office
expect_error 2 "--by USER is required" absence report $U --from 2025-12-05 --code I --contact 1 --channel call
expect_error 2 "--code is required" absence report $U --from 2025-12-05 --contact 1 --channel call --by office
[ "$(db_dump)" = "$before" ] || fail "a refused report changed the database"
# a pending session can't be covered twice
expect_ok absence report $U --from 2025-12-09 --code I --contact 1 --channel call --by office
# (its number: PostgreSQL's ids may have gaps where refused reports were)
id=$(sed -n 's/.*absence report #\([0-9]*\) for.*/\1/p' <<<"$out")
before=$(db_dump)
bad "from: 2025-12-09 AM is already covered by absence report #$id, still pending" $U --from 2025-12-08 --to 2025-12-10 --code I --contact 1 --channel call --by office
[ "$(db_dump)" = "$before" ] || fail "an overlapping report changed the database"
expect_ok verify

