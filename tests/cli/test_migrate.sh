# attend migrate: a school's whole history from an SQLite file into another
# database (PostgreSQL when the suite runs on it, else another SQLite file),
# every table and every id; checked, safe to run again, and refusing a
# target that differs.
. "$(dirname "$0")/lib.sh"
target=$ATTEND_DB
export ATTEND_DB=$PWD/source.db # the source is always a file
make_school
printf 'upn,date,session,code,minutes_late\nA123456789012,2025-09-10,AM,N,\nA123456789012,2025-09-10,PM,/,\nP123456789013,2025-09-10,AM,L,5\nT123456789015,2025-11-24,AM,/,\n' > m.csv
expect_ok import marks m.csv
expect_ok mark A123456789012 2025-09-10 AM I --by office --reason "phoned in"
echo 'a long passphrase' | "$ATTEND" user add ms.hughes --role teacher --forms 5A --password-stdin >/dev/null ||
  fail "user add"
cat > contacts.csv <<'CSV'
upn,priority,name,relationship,phone,mobile,email,address,postcode,language,parental_responsibility,lives_with_pupil,receives_mail
A123456789012,1,Jane Smith,mother,,07700 900123,jane@example.org,"1 High St, Leeds",LS1 1AA,en,Y,Y,Y
P123456789013,1,Ola Jones,mother,,07700 900456,,,,pl,Y,Y,N
CSV
expect_ok import contacts contacts.csv --by office
expect_ok absence report A123456789012 --from 2025-12-02 --code I --note flu --contact 1 --channel call --by office
expect_ok settings set school_phone "0113 496 0000"
# a self-assessment completed after its answers were given: the copy writes
# the answers after the assessment, as they were
db_query "insert into sa_assessments (school_id, held_on, title, created_by, created_at) values (1, '2025-11-27', 'Autumn', 'lead', '2025-11-27T10:00:00.000Z');
  insert into sa_answers (assessment_id, question_id, school_id, score, evidence, actions, offered, updated_by, updated_at) values (1, 1, 1, 3, 'briefings', '', '', 'lead', '2025-11-27T10:05:00.000Z');
  update sa_assessments set status = 'complete', completed_by = 'lead', completed_at = '2025-11-27T10:30:00.000Z' where id = 1"
# statutory duties: a leaving ground with the LA's notification and its task, Year 6 figures
expect_ok pupils leave T123456789015 --date 2025-12-05 --ground moved_away --by office
printf 'upn,surname,forename,dob,primary_school,year,possible,attended,authorised,unauthorised\nA123456789012,Smith,Anna,2015-03-01,Elm Primary,2024/25,380,360,15,5\n' > y6.csv
expect_ok import year6 y6.csv
# casework: a barrier the school adds, and the review list the register raises
expect_ok casework catalogue add --kind barrier --label "Caring for a parent" --by lead
expect_ok casework scan --by lead
# families (issue 12): a parent's account linked through the contact, and a
# printed invitation for another pupil's mother
echo 'a long passphrase' | "$ATTEND" user add jane --role parent --children A123456789012 \
  --password-stdin >/dev/null || fail "a parent's account"
expect_ok family invite P123456789013 --contact 1 --by office

# Bad input: clear words, nothing made.
expect_error 2 "--from and --to are required" migrate --from source.db
expect_error 2 "the same database" migrate --from source.db --to source.db
expect_error 1 "no database at .*nowhere.db" migrate --from nowhere.db --to "$target"
expect_error 1 "no school with URN 999999" migrate --from source.db --to "$target" --urn 999999
! db_created "$target" || [ "$(ATTEND_DB=$target db_query 'select count(*) from schools')" = 0 ] ||
  fail "a refused migrate copied a school"

# The copy: every table, read back the same, the figures and the chain checked.
expect_ok migrate --from source.db --to "$target"
expect_out "^marks +4 +4$"
expect_out "^mark_history +5 +5$"
expect_out "^contacts +2 +2$"
expect_out "^casework_catalogue +1 +1$"
expect_out "^family_links +1 +1$"
expect_out "^family_invitations +1 +1$"
expect_out "^sa_answers +1 +1$"
expect_out "^leaving_grounds +1 +1$"
expect_out "^notifications +1 +1$"
expect_out "^transition_figures +1 +1$"
expect_out "Test Academy \(URN 100001\): the same figures on both; 5 versions of 4 marks verified: unaltered"
expect_out "copied 1 school: [0-9]+ rows in [0-9]+ tables, every one read back the same"
# ... and the target's planner knows the tables' new sizes (ANALYZE)
if db_is_pg "$target"; then
  analyzed=$(ATTEND_DB=$target db_query "select count(*) from pg_stat_user_tables where relname = 'mark_history' and last_analyze is not null")
else
  analyzed=$(ATTEND_DB=$target db_query "select count(*) from sqlite_stat1 where tbl = 'mark_history'")
fi
[ "$analyzed" -ge 1 ] || fail "the target's statistics were not brought up to date"
for cmd in "stats --json" "history A123456789012 2025-09-10 AM" "contacts list A123456789012" \
  "absence list --json" "settings list" "user list" "verify" "casework reviews --json" \
  "casework catalogue --json" "family links A123456789012 --json" "family links P123456789013" \
  "notifications list --state all --json"; do
  # shellcheck disable=SC2086
  a=$("$ATTEND" $cmd 2>&1) b=$("$ATTEND" --db "$target" $cmd 2>&1)
  expect_eq "$b" "$a" "attend $cmd on the copy"
done
# every id kept (the hash chains name pupils by id)
q_ids="select id || ':' || upn from pupils order by id"
expect_eq "$(ATTEND_DB=$target db_query "$q_ids")" "$(db_query "$q_ids")" "pupils' ids"

# Again: nothing to do, and it says so; the target is as it was.
before=$(ATTEND_DB=$target db_dump)
expect_ok migrate --from source.db --to "$target" --urn 100001
expect_out "already copied: the target holds every row of [0-9]+ tables, [0-9]+ rows, as the source does; nothing changed"
[ "$(ATTEND_DB=$target db_dump)" = "$before" ] || fail "a second migrate changed the target"

# A source that has moved on since: the target differs, and is refused.
expect_ok mark P123456789013 2025-09-10 AM / --by office --reason "the bus was early after all"
expect_error 1 "the target already holds schools, and it differs from the source \(table mark_history: 6 rows in the source, 5 in the target\): refusing to change it" \
  migrate --from source.db --to "$target"
[ "$(ATTEND_DB=$target db_dump)" = "$before" ] || fail "a refused migrate changed the target"

# The copy is a register like any other: new marks, users and sign-in
# sessions get new ids after the copied ones.
export ATTEND_DB=$target
expect_ok mark T123456789015 2025-11-25 AM N --by teacher
echo 'another passphrase' | "$ATTEND" user add office2 --role office --password-stdin >/dev/null ||
  fail "a user added on the copy"
expect_ok absence report P123456789013 --from 2025-12-03 --code M --reported-by Dad --channel call --by office
expect_ok verify
expect_out "8 versions of 7 marks verified: unaltered"

# Another school whose ids the target already holds: refused, nothing written.
export ATTEND_DB=$PWD/other.db
"$ATTEND" init --urn 100002 --name "Other School" >/dev/null || fail "init other"
before=$(ATTEND_DB=$target db_dump)
expect_error 1 "copying table .*keeps every id" migrate --from other.db --to "$target" --urn 100002
[ "$(ATTEND_DB=$target db_dump)" = "$before" ] || fail "a refused copy of another school changed the target"
