# The first-day response from the command line: its settings (checked
# before saving), the pupils file's safeguarding flag, and escalation tasks
# made by the marks written for today (CLI and imports too) and closed
# when the day gets its reason. Days are school days: the planned closure
# on Friday 28 November 2025 is not one.
. "$(dirname "$0")/lib.sh"
make_school
tasks() { db_query "select group_concat(day_number || ' ' || assignee_role || ' ' || coalesce(scope_form, '-') || ' ' || coalesce(scope_year, '-') || ' ' || absence_date || ' ' || state, ' | ') from (select * from tasks order by id) x"; }

# settings: each checked against its rule, nothing saved when refused
before=$(db_dump)
expect_error 1 "first_day_message_by '9.30' is not a time of day HH:MM" settings set first_day_message_by 9.30
expect_error 1 "first_day_calls_by: the message comes by the time of the calls" settings set first_day_calls_by 09:15
expect_error 1 "first_day_visit_by '25:00' is not a time" settings set first_day_visit_by 25:00
expect_error 1 "escalation 'tutor,headteacher': each day is tutor, head_of_year, senior_leader or office" settings set escalation tutor,headteacher
expect_error 1 "escalation" settings set escalation ""
expect_eq "$(db_dump)" "$before" "nothing saved"
expect_ok settings set first_day_calls_by 09:50
expect_ok settings list
expect_out "first_day_calls_by +09:50"
expect_out "escalation +\\(not set\\) +who calls on each day"

# the safeguarding flag: optional, Y or N, kept when a file leaves it out
cat > flag.csv <<'CSV'
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal,safeguarding
A123456789012,Smith,Anna,2015-03-01,F,5,5A,2025-09-01,,Y,Y,N,N,X
CSV
before=$(db_dump)
expect_error 1 "flag.csv:2: safeguarding 'X' is not Y or N" import pupils flag.csv
expect_eq "$(db_dump)" "$before" "nothing imported"
sed -i 's/,X$/,Y/' flag.csv
expect_ok import pupils flag.csv
expect_eq "$(db_query "select safeguarding from enrolments e join pupils p on p.id = e.pupil_id where upn = 'A123456789012'")" 1 "flagged"
expect_ok import pupils pupils.csv
expect_eq "$(db_query "select safeguarding from enrolments e join pupils p on p.id = e.pupil_id where upn = 'A123456789012'")" 1 "a file without the column keeps it"

# escalation: Thursday 27 November N is day 1, the tutor's (form 5A)
export ATTEND_NOW=2025-11-27T09:10
expect_ok mark A123456789012 2025-11-27 AM N --by teacher
expect_eq "$(tasks)" "1 teacher 5A - 2025-11-27 open" "day 1: the tutor"
expect_ok mark A123456789012 2025-11-27 PM N --by teacher
expect_eq "$(tasks)" "1 teacher 5A - 2025-11-27 open" "one task a day"
# a mark for another day makes no task
expect_ok mark P123456789013 2025-11-20 AM N --by office
expect_eq "$(db_query 'select count(*) from tasks')" 1 "no task for a past day"
# Monday 1 December (Friday was a closure): day 2, the head of year (year 5)
export ATTEND_NOW=2025-12-01T09:10
cat > monday.csv <<'CSV'
upn,date,session,code,minutes_late
A123456789012,2025-12-01,AM,N,
P123456789013,2025-12-01,AM,/,
CSV
expect_ok import marks monday.csv
expect_eq "$(tasks)" "1 teacher 5A - 2025-11-27 open | 2 head_of_year - 5 2025-12-01 open" "day 2: the head of year, from an import"
# the day's reason closes its task, and only its own
expect_ok mark A123456789012 2025-12-01 AM I --by office --reason "mum rang: flu"
expect_eq "$(tasks)" "1 teacher 5A - 2025-11-27 open | 2 head_of_year - 5 2025-12-01 closed" "Monday's task closed"
expect_eq "$(db_query "select outcome from tasks where absence_date = '2025-12-01'")" "the absence has a reason now (I, by office)" "why"
# a day with an N left in the afternoon keeps its task
expect_ok mark A123456789012 2025-11-27 AM O --by office --reason "no reason given"
expect_eq "$(tasks)" "1 teacher 5A - 2025-11-27 open | 2 head_of_year - 5 2025-12-01 closed" "Thursday's PM is still N"
expect_ok mark A123456789012 2025-11-27 PM O --by office --reason "no reason given"
expect_eq "$(tasks)" "1 teacher 5A - 2025-11-27 closed | 2 head_of_year - 5 2025-12-01 closed" "Thursday closed"
# the setting decides whose each day is
expect_ok settings set escalation office
export ATTEND_NOW=2025-12-02T09:10
expect_ok mark P123456789013 2025-12-02 AM N --by teacher
expect_eq "$(db_query "select day_number || ' ' || assignee_role from tasks order by id desc limit 1")" "1 office" "day 1 by the setting"
export ATTEND_NOW=2025-12-03T09:10
expect_ok mark P123456789013 2025-12-03 AM N --by teacher
expect_eq "$(db_query 'select count(*) from tasks')" 3 "no day 2 in a list of one"
# tasks are kept as they were
db_query "delete from tasks" 2>/dev/null && fail "a task was deleted"
db_query "update tasks set state = 'open' where id = 1" 2>/dev/null && fail "a finished task was reopened"
expect_eq "$(db_query 'select group_concat(state) from (select state from tasks order by id) x')" "closed,closed,open" "tasks unchanged"
