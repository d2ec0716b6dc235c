# The evidence extract for the local authority (`attend export evidence`):
# the CSV exactly (every session, every version of the amended one with
# who, when and why, the contact log with its amendment, the letter, the
# verification, and a last line holding the SHA-256 of the lines above),
# the PDF rendered (pdftoppm) and read back (pdftotext), a history altered
# outside attend shown as a failed verification on both, the export in the
# audit log, and bad input refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/comms_lib.sh"
make_school
A=A123456789012
expect_ok init --la 123 --estab 4567
cat > c.csv <<CSV
$CONTACTS_HEADER
$A,1,Jane Smith,mother,,07700 900123,,"1 Mill Lane, Leeds",LS1 1AA,en,Y,Y,Y
CSV
expect_ok import contacts c.csv --by office
setting school_phone "0113 496 0000"
setting school_email office@test.example
setting school_address "Church Lane, Leeds, LS6 3AA"
cat > m.csv <<'CSV'
upn,date,session,code,minutes_late
A123456789012,2025-11-21,AM,/,
A123456789012,2025-11-24,AM,N,
A123456789012,2025-11-24,PM,N,
A123456789012,2025-11-25,AM,L,12
A123456789012,2025-11-25,PM,/,
A123456789012,2025-11-26,AM,G,
A123456789012,2025-11-27,AM,G,
CSV
ATTEND_NOW=2025-11-27T16:00 expect_ok import marks m.csv --by teacher
ATTEND_NOW=2025-11-28T08:30 expect_ok mark $A 2025-11-24 AM O --by office --reason "no reason given by Friday"
ATTEND_NOW=2025-11-28T08:31 expect_ok mark $A 2025-11-24 AM I --by office --reason "mum rang: ill, doctor's note seen"
ATTEND_NOW=2025-11-20T10:00 expect_ok contact log $A --channel text --to 1 --outcome "before the range" --by office
ATTEND_NOW=2025-11-24T10:05 expect_ok contact log $A --channel call --to 1 --outcome "No answer" --by office
ATTEND_NOW=2025-11-24T10:40 expect_ok contact amend 2 --outcome "No answer; voicemail left" --reason "voicemail left, forgot to say" --by office
ATTEND_NOW=2025-11-26T11:00 expect_ok message send --template concern-letter --upn $A --via post --by lead

# ---- the CSV, exactly ----
expect_ok export evidence --upn $A --from 2025-11-24 --to 2025-11-26 --out ev.csv --by lead
cat > want.csv <<'CSV'
section,date,session,code,version,at,by,what,detail
about,,,,,,,school,"Test Academy (URN 100001, LA 123, establishment 4567)"
about,,,,,,,pupil,"Smith, Anna (UPN A123456789012), born 2015-03-01, female"
about,,,,,,,enrolment,"admitted 2025-09-01, year 5, form 5A; on roll"
about,,,,,,,range,2025-11-24 to 2025-11-26
about,,,,,,,produced,"2025-12-01 12:00:00 by lead, from the register attend keeps"
about,,,,,,,figures,5 possible sessions (2.5 school days); attended 2 (40.00%); authorised absence 1; unauthorised absence 2 (40.00%); absent 3; not possible 0; no mark 1
about,,,,,,,codes,"present 1, L 1, I 1, G 1, N 1"
verification,,,,,,,verified,7 versions of 5 marks of this pupil in the range verified: every hash recomputed and every link checked; unaltered since written
session,2025-11-24,AM,I,3,2025-11-28 08:31:00,office,illness (not a medical or dental appointment),amended: 3 versions (see the amendments)
session,2025-11-24,PM,N,1,2025-11-27 16:00:00,teacher,reason for absence not yet established,
session,2025-11-25,AM,L,1,2025-11-27 16:00:00,teacher,late arrival before the register closed,12 minutes late
session,2025-11-25,PM,\,1,2025-11-27 16:00:00,teacher,"present (/ morning, \ afternoon)",
session,2025-11-26,AM,G,1,2025-11-27 16:00:00,teacher,holiday not granted by the school,
session,2025-11-26,PM,,,,,,no mark
amendment,2025-11-24,AM,N,1,2025-11-27 16:00:00,teacher,as first recorded,through import:m.csv
amendment,2025-11-24,AM,O,2,2025-11-28 08:30:00,office,no reason given by Friday,through cli
amendment,2025-11-24,AM,I,3,2025-11-28 08:31:00,office,"mum rang: ill, doctor's note seen",through cli
contact,2025-11-24,,,1,2025-11-24 10:05:00,office,,"entry 2: call to Jane Smith, mother: No answer (recorded by office at 2025-11-24 10:05:00)"
contact,2025-11-24,,,2,2025-11-24 10:05:00,office,"voicemail left, forgot to say","entry 2: call to Jane Smith, mother: No answer; voicemail left (recorded by office at 2025-11-24 10:40:00)"
message,2025-11-26,,,,2025-11-26 11:00:00,lead,concern-letter,"post with a letter (PDF) to Jane Smith (1 Mill Lane, Leeds, LS1 1AA): ""We're worried about Anna's attendance""; to_print"
CSV
data_sha=$(sha256sum want.csv | cut -d' ' -f1)
echo "sha256,,,,,,,SHA-256 of every line above,$data_sha" >> want.csv
diff want.csv ev.csv || fail "the CSV differs (above)"
file_sha=$(sha256sum ev.csv | cut -d' ' -f1)
expect_out "^evidence for A123456789012 \\(Smith, Anna\\), 2025-11-24 to 2025-11-26: CSV, 20 rows; register verified; written to ev.csv$"
expect_out "^SHA-256 of the file: $file_sha$"
expect_out "^SHA-256 of the data: $data_sha$"
expect_eq "$(db_query "select username || ' ' || action || ' ' || detail from audit_log order by id desc limit 1")" "lead export evidence A123456789012 2025-11-24 to 2025-11-26 as CSV: file SHA-256 $file_sha; data SHA-256 $data_sha (verified)" "in the audit log"
# to standard output without --out
expect_ok export evidence --upn $A --from 2025-11-24 --to 2025-11-26 --by lead
expect_eq "$out" "$(cat ev.csv)" "the same CSV on standard output"

# ---- the PDF: rendered, and its text read back ----
expect_ok export evidence --upn $A --from 2025-11-24 --to 2025-11-26 --out ev.pdf --by lead
expect_out "^SHA-256 of the data: $data_sha$"
expect_out "^SHA-256 of the file: $(sha256sum ev.pdf | cut -d' ' -f1)$"
pdftoppm -r 40 -png ev.pdf page || fail "pdftoppm could not render the PDF"
[ -s page-1.png ] || fail "no first page rendered"
# the text read back, its lines joined (table cells wrap)
pdftotext ev.pdf - | tr -s ' \n' '  ' > ev.txt || fail "pdftotext"
for want in "Attendance register extract" "pupil: Smith, Anna (UPN A123456789012), born 2015-03-01, female" \
            "Register verified: 7 versions of 5 marks" "2025-11-24 Mon" "mum rang: ill, doctor's note seen" \
            "voicemail left, forgot to say" "concern-letter" "12 minutes late" "Jane Smith, mother" \
            "$data_sha" "page 1"; do
  grep -qF -- "$want" ev.txt || fail "the PDF does not say '$want':
$(cat ev.txt)"
done

# ---- a history altered outside attend: verification fails on the export ----
db_tamper mark_history mark_history_no_update "update mark_history set code = '/' where date = '2025-11-24' and session = 'AM' and version = 1" || fail "tamper"
expect_ok export evidence --upn $A --from 2025-11-24 --to 2025-11-26 --out bad.csv --by lead
expect_out "register VERIFICATION FAILED"
grep -q '^verification,,,,,,,FAILED,1 problem in 7 versions of 5 marks: the register was altered outside attend$' bad.csv || fail "the CSV: $(grep ^verification bad.csv)"
grep -q "^verification,,,,,,,problem,A123456789012 2025-11-24 AM version 1: its contents do not match its hash" bad.csv || fail "the problem: $(grep ^verification bad.csv)"
grep -q '^amendment,2025-11-24,AM,/,1,' bad.csv || fail "the altered row is shown as the database holds it"
expect_ok export evidence --upn $A --from 2025-11-24 --to 2025-11-26 --out bad.pdf --by lead
pdftotext bad.pdf - | tr '\n' ' ' | grep -q "VERIFICATION FAILED: 1 problem" || fail "the PDF does not show the failure: $(pdftotext bad.pdf - | head -30)"
expect_eq "$(db_query "select count(*) from (select detail from audit_log order by id desc limit 1) a where detail like '%(verification FAILED)'")" 1 "the audit log says so"
# another pupil's register is not this pupil's problem
expect_ok export evidence --upn P123456789013 --from 2025-11-24 --to 2025-11-26 --out ben.csv --by lead
expect_out "register verified"

# ---- bad input: a clear error, nothing written ----
rm -f x.csv
expect_error 1 "no pupil with UPN Z999999999999" export evidence --upn Z999999999999 --from 2025-11-24 --to 2025-11-26 --out x.csv
expect_error 1 "from \\(2025-11-26\\) is after to \\(2025-11-24\\)" export evidence --upn $A --from 2025-11-26 --to 2025-11-24 --out x.csv
expect_error 1 "from: '2025-11-31' is not a date|from '2025-11-31' is not a date" export evidence --upn $A --from 2025-11-31 --to 2025-12-01 --out x.csv
expect_error 1 "pupil D123456789014 is not on roll between 2025-11-24 and 2025-11-26" export evidence --upn D123456789014 --from 2025-11-24 --to 2025-11-26 --out x.csv
expect_error 1 "--out 'x.txt' is not a .pdf or .csv file" export evidence --upn $A --from 2025-11-24 --to 2025-11-26 --out x.txt
expect_error 2 "--upn UPN, --from DATE and --to DATE are required" export evidence --upn $A --from 2025-11-24
expect_error 2 "--from, --to and --by go with \`export evidence\`" export dfe-daily --date 2025-11-24 --from 2025-11-24
[ -e x.csv ] && fail "a file was written"
true
