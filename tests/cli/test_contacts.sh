# Pupils' contacts: the import and its rules, the safeguarding list of pupils
# with fewer than two working contacts, and the contacts' history.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/comms_lib.sh"
make_school
H=$CONTACTS_HEADER
cat > good.csv <<CSV
$H,do_not_contact
A123456789012,1,Jane Smith,Mother,0113 496 0101,07700 900123,jane.smith@example.org,"1 High Street, Leeds",LS1 1AA,en,Y,Y,Y,N
A123456789012,2,Tom Smith,father,,+44 7700 900456,,,,EN,Y,N,N,
P123456789013,1,Ola Kowalska,mother,,0048 601 234 567,ola@example.pl,"ul. Długa 5, Leeds",LS2 2BB,pl,Y,Y,Y,N
P123456789013,2,Piotr Kowalski,father,(0113) 496-0303,,,,,pl,Y,N,N,Y
T123456789015,1,Sam O'Brien,carer,0113 496 0202,,,"3 Mill Road, Leeds",LS3 3CC,en,Y,Y,Y,N
CSV
expect_ok import contacts good.csv
expect_out "good.csv: 5 rows for 3 pupils: 5 new, 0 changed, 0 unchanged, 0 removed"
grep -q "warning: 2 pupils of the file have fewer than 2 working contacts" <<<"$err" || fail "no warning: $err"

# pupils with fewer than two working contacts: Ben's father is do-not-contact,
# Dara has one, Chandra (left in October) is not on roll today
expect_ok contacts missing
expect_out "P123456789013  Ben .*1 working contact of 2; priority 2 \\(Piotr Kowalski, father\\) is marked do not contact"
expect_out "T123456789015  Dara .*1 working contact of 1"
expect_out "^2 pupils on roll with fewer than 2 working contacts"
grep -q A123456789012 <<<"$out" && fail "Anna has two working contacts"
expect_ok contacts missing --date 2025-09-10 --json
expect_eq "$(json 'sorted(p["upn"] for p in d["pupils"])' <<<"$out")" "['D123456789014', 'P123456789013']" "missing on 10 September (Dara joins on the 15th)"
expect_eq "$(json '[p["working_contacts"] for p in d["pupils"] if p["upn"]=="D123456789014"][0]' <<<"$out")" 0 "no contacts"

expect_ok contacts list A123456789012 --json
expect_eq "$(json '[(c["priority"], c["relationship"], c["language"], c["working"]) for c in d["contacts"]]' <<<"$out")" \
  "[(1, 'mother', 'en', True), (2, 'father', 'en', True)]" "Anna's contacts"

# importing the same file again changes nothing
before=$(db_dump)
expect_ok import contacts good.csv
expect_out "0 new, 0 changed, 5 unchanged, 0 removed"
[ "$(db_dump)" = "$before" ] || fail "a second import changed the database"

# every bad row is refused with its line and rule, and nothing changes
refuse() {
  printf '%s\n%s\n' "$H" "$2" > "$1.csv"
  expect_error 1 "$3" import contacts "$1.csv"
  grep -q "nothing was imported" <<<"$err" || fail "no 'nothing was imported' for $1"
  [ "$(db_dump)" = "$before" ] || fail "the database changed after refusing $1"
}
refuse no_pupil "Z999999999999,1,Kim Lee,mother,0113 496 0101,,,,,en,Y,Y,N" "no_pupil.csv:2: upn: no pupil with UPN 'Z999999999999'"
refuse prio0 "A123456789012,0,Kim Lee,mother,0113 496 0101,,,,,en,Y,Y,N" "prio0.csv:2: priority 0 is not between 1 and 99"
refuse prio_x "A123456789012,first,Kim Lee,mother,0113 496 0101,,,,,en,Y,Y,N" "priority 'first' is not a whole number"
refuse no_name "A123456789012,1,,mother,0113 496 0101,,,,,en,Y,Y,N" "no_name.csv:2: name is empty"
refuse relation "A123456789012,1,Kim Lee,neighbour,0113 496 0101,,,,,en,Y,Y,N" "relationship 'neighbour' is not one of mother, father"
refuse phone_letters "A123456789012,1,Kim Lee,mother,0113 ABC 0101,,,,,en,Y,Y,N" "phone '0113 ABC 0101': a phone number has only digits"
refuse phone_short "A123456789012,1,Kim Lee,mother,0113 496,,,,,en,Y,Y,N" "phone '0113 496': a UK number starts with 0 and has 10 or 11 digits"
refuse phone_no0 "A123456789012,1,Kim Lee,mother,1134960101,,,,,en,Y,Y,N" "a UK number starts with 0"
refuse mobile_intl "A123456789012,1,Kim Lee,mother,,+44 0113,,,,en,Y,Y,N" "mobile '\\+44 0113': an international number is \\+ and 8 to 15 digits"
refuse email_at "A123456789012,1,Kim Lee,mother,0113 496 0101,,kim.example.org,,,en,Y,Y,N" "email 'kim.example.org': an email address has exactly one @"
refuse email_domain "A123456789012,1,Kim Lee,mother,0113 496 0101,,kim@localhost,,,en,Y,Y,N" "the domain after @ has a dot"
refuse email_space "A123456789012,1,Kim Lee,mother,0113 496 0101,,kim lee@example.org,,,en,Y,Y,N" "an email address has no spaces"
refuse language "A123456789012,1,Kim Lee,mother,0113 496 0101,,,,,polish,Y,Y,N" "language 'polish' is not a two-letter ISO 639-1 code"
refuse flag_pr "A123456789012,1,Kim Lee,mother,0113 496 0101,,,,,en,yes,Y,N" "parental_responsibility 'yes' is not Y or N"
refuse flag_mail "A123456789012,1,Kim Lee,mother,0113 496 0101,,,,,en,Y,Y,maybe" "receives_mail 'maybe' is not Y or N"
refuse mail_nowhere "A123456789012,1,Kim Lee,mother,0113 496 0101,,,,,en,Y,Y,Y" "receives_mail is Y but the contact has neither an address nor an email"
printf '%s\n%s\n%s\n' "$H" "A123456789012,1,Kim Lee,mother,0113 496 0101,,,,,en,Y,Y,N" \
  "A123456789012,1,Lee Kim,father,0113 496 0102,,,,,en,Y,Y,N" > twice.csv
expect_error 1 "twice.csv:3: priority: pupil A123456789012 already has a contact of priority 1 at line 2" import contacts twice.csv
[ "$(db_dump)" = "$before" ] || fail "the database changed after refusing twice.csv"
# a good row before a bad one: nothing of the file is kept
printf '%s\n%s\n%s\n' "$H" "A123456789012,3,Kim Lee,aunt,0113 496 0101,,,,,en,N,N,N" \
  "A123456789012,4,Lee Kim,uncle,0113 49,,,,,en,N,N,N" > half.csv
expect_error 1 "half.csv:3: phone '0113 49'" import contacts half.csv
[ "$(db_dump)" = "$before" ] || fail "half a file was imported"
printf 'upn,priority,name\nA123456789012,1,Kim\n' > short_header.csv
expect_error 1 "short_header.csv.*relationship" import contacts short_header.csv

# a pupil's contacts are the file's: one changed, one removed, kept in history
printf '%s\n%s\n' "$H" "A123456789012,1,Jane Smith,mother,0113 496 0999,07700 900123,jane.smith@example.org,\"1 High Street, Leeds\",LS1 1AA,en,Y,Y,Y" > move.csv
expect_ok import contacts move.csv
expect_out "1 rows for 1 pupils: 0 new, 1 changed, 0 unchanged, 1 removed"
expect_ok contacts list A123456789012 --json
expect_eq "$(json '[(c["priority"], c["phone"]) for c in d["contacts"]]' <<<"$out")" "[(1, '0113 496 0999')]" "after the change"
expect_eq "$(db_query "select group_concat(action || ':' || name || ':' || phone, '|') from (select * from contact_history where contact_id in (select id from contacts where pupil_id = (select id from pupils where upn = 'A123456789012')) order by id) x")" \
  "added:Jane Smith:0113 496 0101|added:Tom Smith:|removed:Tom Smith:|changed:Jane Smith:0113 496 0999" "contact history"
# the removed contact's priority is free again
printf '%s\n%s\n%s\n' "$H" "A123456789012,1,Jane Smith,mother,0113 496 0999,07700 900123,jane.smith@example.org,\"1 High Street, Leeds\",LS1 1AA,en,Y,Y,Y" \
  "A123456789012,2,Ann Smith,grandparent,0113 496 0404,,,,,en,N,N,N" > again.csv
expect_ok import contacts again.csv
expect_out "1 new, 0 changed, 1 unchanged, 0 removed"
expect_error 2 "contacts list needs a UPN" contacts list
expect_error 1 "upn: no pupil with UPN X1" contacts list X1
