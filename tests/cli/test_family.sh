# Families' and pupils' own accounts from the command line (issue 12):
# attend user add --children / --pupil, attend family invite, links and
# unlink, and the settings of families (bands, leave deciders, invitations).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/comms_lib.sh"
make_school
H=$CONTACTS_HEADER
cat > contacts.csv <<CSV
$H,do_not_contact
A123456789012,1,Jane Smith,mother,,07700 900123,jane.smith@example.org,"1 High Street, Leeds",LS1 1AA,en,Y,Y,Y,N
A123456789012,2,Tom Smith,father,,+44 7700 900456,,,,en,Y,N,N,N
P123456789013,1,Ola Kowalska,mother,,0048 601 234 567,ola@example.pl,"ul. Długa 5, Leeds",LS2 2BB,pl,Y,Y,Y,N
P123456789013,2,Piotr Kowalski,father,(0113) 496-0303,,,,,pl,Y,N,N,Y
T123456789015,1,Sam O'Brien,carer,0113 496 0202,,,"3 Mill Road, Leeds",LS3 3CC,en,N,Y,Y,N
CSV
expect_ok import contacts contacts.csv --by office
before=$(db_dump)

user_add() { # user_add NAME ARGS...: with the password on standard input
  local name=$1; shift
  out=$(echo "a long passphrase" | "$ATTEND" user add "$name" "$@" --password-stdin 2>"$PWD/.stderr")
  status=$?; err=$(cat "$PWD/.stderr")
}
user_add ann --role parent
expect_status 2 "a parent without --children"
grep -q "a parent needs --children" <<<"$err" || fail "no usage message: $err"
user_add ann --role teacher --forms 5A --children A123456789012
expect_status 2 "--children with a teacher"
user_add ann --role parent --children A123456789012
expect_status 1 "two contacts with parental responsibility"
grep -q "pupil A123456789012 has 2 contacts with parental responsibility (1 Jane Smith, mother; 2 Tom Smith, father): say which with A123456789012:PRIORITY" <<<"$err" || fail "$err"
user_add ann --role parent --children A123456789012:3
expect_status 1 "a priority with no contact"
grep -q "pupil A123456789012 has no contact of priority 3" <<<"$err" || fail "$err"
user_add ann --role parent --children T123456789015
expect_status 1 "a carer without parental responsibility"
grep -q "has no contact with parental responsibility" <<<"$err" || fail "$err"
user_add ann --role parent --children A123456789012:1,A123456789012:2
expect_status 1 "one pupil twice"
grep -q "pupil A123456789012 is listed twice" <<<"$err" || fail "$err"
user_add ann --role parent --children A123456789012:x
expect_status 1 "a priority that is not a number"
user_add dara --role pupil --pupil T123456789015
expect_status 1 "a primary pupil's own account"
grep -q "pupil T123456789015 is in year 6: pupils' own accounts are for secondary school (Year 7 and up)" <<<"$err" || fail "$err"
user_add dara --role parent --pupil T123456789015
expect_status 2 "--pupil with a parent"
expect_eq "$(db_dump)" "$before" "nothing written by refused accounts"

user_add jane --role parent --children A123456789012:1,P123456789013
expect_status 0 "Jane linked to Anna and (Piotr is do-not-contact) Ben through Ola"
grep -q "linked jane to A123456789012 through Jane Smith, mother" <<<"$out" || fail "$out"
grep -q "linked jane to P123456789013 through Ola Kowalska, mother" <<<"$out" || fail "$out"
expect_ok user list
expect_out "^jane +parent"
user_add head --role head
expect_status 0 "a head teacher's account"

# invitations
expect_error 2 "--by USER is required" family invite A123456789012 --contact 2
expect_error 2 "say who is invited" family invite A123456789012 --by office
expect_ok family invite A123456789012 --contact 2 --by office
expect_out "^invitation #1 for A123456789012, contact 2, valid until the end of 2025-12-15"
expect_out "^code: [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$"
expect_error 1 "Tom Smith \(contact 2\) has no email address: print the invitation instead" \
  family invite A123456789012 --contact 2 --email --by office
expect_error 1 "Jane Smith \(contact 1\) already has an account \(jane\)" \
  family invite A123456789012 --contact 1 --by office
expect_error 1 "pupils' own accounts are for secondary school" family invite A123456789012 --pupil --by office
cat > contacts2.csv <<CSV
$H,do_not_contact
T123456789015,1,Sam O'Brien,carer,0113 496 0202,,sam@example.org,"3 Mill Road, Leeds",LS3 3CC,pl,Y,Y,Y,N
CSV
expect_ok import contacts contacts2.csv --by office
expect_error 1 "setting public_url is not set" family invite T123456789015 --contact 1 --email --by office
setting public_url https://attend.example.org/
setting school_phone "0113 496 0000"
setting smtp_from office@example.org
expect_ok family invite T123456789015 --contact 1 --email --by office
expect_out "emailed through the outbox \(message #1\)"
expect_ok outbox show 1
expect_out "https://attend.example.org/invite\?code=[A-Z2-9]{4}-"
expect_out "Frekwencja dziecka online: Dara O'Brien" # Sam reads Polish
expect_out "do 15 grudnia 2025 r\."

expect_ok family links A123456789012 --json
expect_eq "$(json '[(l["username"], l["kind"], l["source"]) for l in d["links"]]' <<<"$out")" "[('jane', 'parent', 'cli')]" "links of Anna"
expect_ok family links A123456789012
expect_out "^invitation #1 parent printed .*: open$"
LINK=$(json 'd["links"][0]["id"]' <<<"$("$ATTEND" family links A123456789012 --json)")
expect_error 1 "reason" family unlink "$LINK" --by office
expect_ok family unlink "$LINK" --reason "parental responsibility removed by court" --by office
expect_out "ended family link #$LINK: parental responsibility removed by court"
expect_error 1 "there is no open family link #$LINK" family unlink "$LINK" --reason again --by office
expect_ok family links A123456789012
expect_out "ended .* by office: parental responsibility removed by court"

# settings of families
expect_error 1 "attendance_bands: the last band must start at 0" settings set attendance_bands "97:Gold|90:Silver"
expect_ok settings set attendance_bands "97:Gold|90:Silver|0:Bronze"
expect_ok settings set attendance_bands.pl "97:Złoty|90:Srebrny|0:Brązowy"
expect_error 1 "'teacher' is not head, attendance_lead or admin" settings set leave_deciders teacher,head
expect_ok settings set leave_deciders head,attendance_lead
expect_error 1 "invitation_days" settings set invitation_days 0
expect_error 1 "public_url 'attend.example.org': it starts http:// or https://" settings set public_url attend.example.org
