# Common Transfer Files: export then import keeps every mark; hand-written
# files of the CTF structure; malformed ones refused whole; totals checked.
. "$(dirname "$0")/lib.sh"
"$ATTEND" init --urn 100001 --name "Test Academy" --la 123 --estab 4567 >/dev/null || fail init
make_school 2>/dev/null
H=upn,date,session,code,minutes_late

# ---- round trip: every code in force, in consecutive sessions ----
codes=(/ '\' L K V P W B D C1 M J1 S X C2 C T R I E Q Y1 Y2 Y3 Y4 Y5 Y6 Y7 G N O U Z '#')
{
  echo "$H"
  d=$(date -u -d 2025-09-03 +%s); i=0
  while [ $i -lt ${#codes[@]} ]; do
    day=$(date -u -d "@$d" +%F); dow=$(date -u -d "@$d" +%u)
    if [ "$dow" -le 5 ]; then
      echo "A123456789012,$day,AM,${codes[$i]},"; i=$((i + 1))
      [ $i -lt ${#codes[@]} ] && { echo "A123456789012,$day,PM,${codes[$i]},"; i=$((i + 1)); }
    fi
    d=$((d + 86400))
  done
  # another pupil, with a late arrival and an unmarked afternoon
  echo "P123456789013,2025-09-10,AM,L,12"
  echo "P123456789013,2025-09-11,AM,N,"
} > marks.csv
expect_ok import marks marks.csv
# the withdrawn codes, in history from before August 2024
printf 'start,end,kind,label\n2024-06-03,2024-07-19,term,Summer 2\n' > old_cal.csv
expect_ok import calendar old_cal.csv
printf 'upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal\nG123456789016,Ng,Li,2014-02-01,F,6,6B,2023-09-01,,N,N,N,N\n' > old_pupil.csv
expect_ok import pupils old_pupil.csv
printf '%s\nG123456789016,2024-07-01,AM,H,\nG123456789016,2024-07-01,PM,J,\nG123456789016,2024-07-02,AM,Y,\nG123456789016,2024-07-02,PM,F,\nG123456789016,2024-07-03,AM,J1,\nG123456789016,2024-07-03,PM,/,\nG123456789016,2025-09-03,AM,I,\n' "$H" > old_marks.csv
expect_ok import marks old_marks.csv

expect_ok export ctf --upn A123456789012,P123456789013,G123456789016 --dest 999/1234 --out out.xml
expect_out "CTF for 3 pupils to 999/1234 written to out.xml"
# well-formed to another parser, root CTfile without a namespace, J1 as '?'
python3 - <<'PY' || fail "out.xml is not the CTF structure"
import xml.etree.ElementTree as ET
r = ET.parse("out.xml").getroot()
assert r.tag == "CTfile", r.tag
h = r.find("Header")
assert h.find("CTFversion").text == "25.0"
assert h.find("SourceSchool/LEA").text == "123" and h.find("SourceSchool/Estab").text == "4567"
assert h.find("DestSchool/LEA").text == "999" and h.find("DestSchool/Estab").text == "1234"
pupils = r.findall("CTFpupilData/Pupil")
assert [p.find("UPN").text for p in pupils] == ["A123456789012", "P123456789013", "G123456789016"]
a = pupils[0].find("Attendance/YearData")
assert a.find("Year").text == "2025" and a.find("SchoolName").text == "Test Academy"
m = a.find("AttendSessions/AttendanceMarks").text
assert a.find("AttendSessions/AttendanceStartDate").text == "2025-09-03"
assert m.startswith("/\\LKVPWBD<M?SX>CTRIEQ1234567GNOUZ#"), m
g = pupils[2].findall("Attendance/YearData")
assert [y.find("Year").text for y in g] == ["2023", "2025"], [y.find("Year").text for y in g]
m = g[0].find("AttendSessions/AttendanceMarks").text
assert g[0].find("AttendSessions/AttendanceStartDate").text == "2024-06-03"
assert m[:40] == "-" * 40 and m[40:46] == "HJYF?\\", m
PY
# the totals are core/stats over the same sessions
end=$(python3 -c "
import xml.etree.ElementTree as ET, datetime as D
y = ET.parse('out.xml').getroot().find('CTFpupilData/Pupil/Attendance/YearData')
m = y.find('AttendSessions/AttendanceMarks').text
d = D.date(2025, 9, 3); k = 0
days = [d + D.timedelta(i) for i in range(400) if (d + D.timedelta(i)).weekday() < 5]
print(days[(len(m) - 1) // 2])")
expect_ok stats --from 2025-09-03 --to "$end" --json
p() { json "[p for p in d['pupils'] if p['upn']=='A123456789012'][0]['$1']" <<<"$out"; }
want="$(p possible) $(p authorised) $(p unauthorised) $(( $(p present) + $(p approved_activity) ))"
got=$(python3 -c "
import xml.etree.ElementTree as ET
y = ET.parse('out.xml').getroot().find('CTFpupilData/Pupil/Attendance/YearData')
print(*[y.find(t).text for t in ('SessionsPossible','SessionsAuthorised','SessionsUnauthorised','SessionsAttended')])")
expect_eq "$got" "$want" "CTF totals against attend stats"

# import at the next school: every mark arrives as it was
db_query "select p.upn, m.date, m.session, m.code from marks m join pupils p on p.id = m.pupil_id order by 1, 2, 3" | tr '|' ' ' > sent.txt
export ATTEND_DB=$(db_new next)
"$ATTEND" init --urn 100002 --name "Next School" --la 999 --estab 1234 >/dev/null || fail "init next"
expect_ok import ctf out.xml --by admissions
expect_out "from Test Academy \\(123/4567\\): 3 pupils, 4 years of attendance kept as that school's \\(0 with a discrepancy\\)"
expect_ok transfers --json --sessions
python3 -c "
import json, sys
d = json.load(sys.stdin)
for t in d['transfers']:
    for y in t['years']:
        assert y['discrepancy'] is None, y
        assert y['totals'] == {k: y['from_marks'][k] for k in y['totals']}, y
        for s in y['sessions']:
            if s['code'] not in ('', '#'):
                print(t['upn'], s['date'], s['session'], s['code'])
" <<<"$out" | sort > received.txt
grep -v ' #$' sent.txt | sort > sent_marked.txt
diff sent_marked.txt received.txt || fail "the marks received differ from the marks sent"
# '#' marks arrive as '#' on the same sessions
grep ' #$' sent.txt | while read -r upn day sess code; do
  python3 -c "
import json, sys
d = json.load(sys.stdin)
assert any(s['date'] == '$day' and s['session'] == '$sess' and s['code'] == '#' for t in d['transfers'] if t['upn'] == '$upn' for y in t['years'] for s in y['sessions'])
" <<<"$out" || fail "# on $day $sess did not arrive"
done
expect_eq "$(wc -l < sent.txt)" 43 "marks sent"
expect_ok transfers --upn G123456789016
expect_out "2023/24 at Test Academy: 5 possible sessions, attended 1 \\(20.0%\\), 4 authorised and 0 unauthorised"
# read-only: the history can't be changed, and importing it again writes nothing
grep -q "kept as that school sent it" <<<"$(db_query "update transfer_years set sessions_possible = 0" 2>&1)" || fail "transfer_years is not read-only"
before=$(db_dump)
expect_ok import ctf out.xml
expect_out "already imported on .*: nothing changed"
[ "$(db_dump)" = "$before" ] || fail "a second import changed the database"
# the received history does not count in this school's figures
expect_ok stats --from 2025-09-01 --to 2025-12-01 --json
expect_eq "$(json 'd["summary"]["pupils"]' <<<"$out")" 0 "received history in the register"

# a pupil leaving again takes the history received from earlier schools with them
printf 'start,end,kind,label\n2025-09-01,2025-12-19,term,Autumn\n' > cal.csv
expect_ok import calendar cal.csv
printf 'upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal\nG123456789016,Ng,Li,2014-02-01,F,7,7A,2025-11-03,,N,N,N,N\n' > g.csv
expect_ok import pupils g.csv
expect_ok export ctf --upn G123456789016 --out again.xml
python3 - <<'PY' || fail "the onward CTF does not carry the received history"
import xml.etree.ElementTree as ET
r = ET.parse("again.xml").getroot()
assert r.find("Header/DestSchool/LEA").text == "MMM"
ys = r.findall("CTFpupilData/Pupil/Attendance/YearData")
got = [(y.find("Year").text, y.find("Estab").text) for y in ys]
assert got == [("2023", "4567"), ("2025", "4567"), ("2025", "1234")], got
PY

# ---- hand-written files to the CTF structure ----
export ATTEND_DB=$(db_new hand)
"$ATTEND" init --urn 100003 --name "Hand School" --la 999 --estab 1234 >/dev/null || fail "init hand"
# header and one pupil; $1 = the pupil's elements
ctf() {
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<CTfile>
  <Header>
    <DocumentName>Common Transfer File</DocumentName>
    <CTFversion>24.0</CTFversion>
    <SourceSchool><LEA>201</LEA><Estab>2002</Estab><URN>100200</URN><SchoolName>St Mary &amp; St John&#8217;s</SchoolName><AcademicYear>2024/25</AcademicYear></SourceSchool>
    <DestSchool><LEA>999</LEA><Estab>1234</Estab></DestSchool>
  </Header>
  <CTFpupilData>
$1
  </CTFpupilData>
</CTfile>
XML
}
year() { # year start marks possible authorised attended unauthorised
  echo "<YearData><Year>$1</Year><LEA>201</LEA><Estab>2002</Estab><SchoolName>St Mary &amp; St John&#8217;s</SchoolName>
  <SessionsPossible>$4</SessionsPossible><SessionsAuthorised>$5</SessionsAuthorised><SessionsAttended>$6</SessionsAttended><SessionsUnauthorised>$7</SessionsUnauthorised>
  <AttendSessions><AttendanceStartDate>$2</AttendanceStartDate><AttendanceMarks>$3</AttendanceMarks></AttendSessions></YearData>"
}
# 2024-09-02 is a Monday: 10 sessions Monday to Friday, then Monday
good_year=$(year 2024 2024-09-02 '/\/\&lt;&gt;?\IIN##/\' 13 5 7 1)
ctf "<Pupil><UPN>B123456789018</UPN><Surname>&lt;O&apos;Neill&gt; &amp; &quot;Sons&quot;</Surname><Forename>Zo&#235; Ch&#226;u</Forename><DOB>2013-11-02</DOB><Gender>F</Gender>
<Attendance>$good_year</Attendance></Pupil>
<Pupil><UPN>C123456789019</UPN><Surname>Kowalski</Surname><Forename>Jan</Forename><DOB>2014-01-15</DOB><Sex>M</Sex></Pupil>" > good.xml
expect_ok import ctf good.xml
expect_out "from St Mary & St John’s \\(201/2002\\): 2 pupils, 1 year of attendance"
expect_ok transfers --upn B123456789018 --json --sessions
expect_eq "$(json 'd["transfers"][0]["surname"]' <<<"$out")" "<O'Neill> & \"Sons\"" "surname"
expect_eq "$(json 'd["transfers"][0]["forename"]' <<<"$out")" "Zoë Châu" "forename"
expect_eq "$(json 'd["transfers"][0]["sex"]' <<<"$out")" "F" "Gender read as Sex"
expect_eq "$(json '" ".join(s["code"] for s in d["transfers"][0]["years"][0]["sessions"])' <<<"$out")" '/ \ / \ C1 C2 J1 \ I I N # # \ /' "codes"
expect_eq "$(json 'd["transfers"][0]["years"][0]["sessions"][10]["date"]' <<<"$out")" "2024-09-09" "the string skips the weekend"
expect_eq "$(json 'd["transfers"][0]["years"][0]["from_marks"]["possible"]' <<<"$out")" 13 "possible from marks"

# marks that disagree with their totals: kept, with the discrepancy stated
bad_totals=$(year 2024 2024-09-02 '/\/\II' 6 2 3 0)
ctf "<Pupil><UPN>D123456789014</UPN><Surname>Patel</Surname><Forename>Chandra</Forename><DOB>2014-11-20</DOB><Sex>F</Sex><Attendance>$bad_totals</Attendance></Pupil>" > disagree.xml
expect_ok import ctf disagree.xml
grep -qF "warning: disagree.xml: D123456789014 Patel, Chandra: 2024/25 at St Mary & St John’s (201/2002): the marks give 6 possible, 4 attended, 2 authorised and 0 unauthorised sessions where the totals say 6, 3, 2 and 0; the totals do not add up: 3 attended + 2 authorised + 0 unauthorised is not 6 possible; kept as received" <<<"$err" || fail "no discrepancy warning: $err"
expect_out "1 year of attendance kept as that school's \\(1 with a discrepancy\\)"
expect_ok transfers --upn D123456789014
expect_out "discrepancy: the marks give 6 possible, 4 attended"
expect_eq "$(db_query "select sessions_attended from transfer_years where discrepancy is not null")" 3 "the file's totals kept as sent"

# malformed files: a named error, and nothing written
before=$(db_dump)
refuse() { # file pattern
  expect_error 1 "$2" import ctf "$1"
  grep -q "nothing was imported" <<<"$err" || fail "no 'nothing was imported' for $1"
  [ "$(db_dump)" = "$before" ] || fail "the database changed after refusing $1"
}
pupil() { echo "<Pupil><UPN>${2:-E123456789010}</UPN><Surname>Ek</Surname><Forename>Ola</Forename><DOB>2014-05-05</DOB><Sex>F</Sex><Attendance>$1</Attendance></Pupil>"; }
head -c 300 good.xml > truncated.xml
refuse truncated.xml "truncated.xml:[0-9]+: not well-formed XML"
: > empty.xml
refuse empty.xml "empty.xml(:1)?: not well-formed XML"
refuse missing.xml "missing.xml: No such file"
printf '<?xml version="1.0"?>\n<Message><Header/></Message>\n' > census.xml
refuse census.xml "census.xml:2: the root element is <Message>, not <CTfile>"
ctf "$(pupil "$good_year")" | sed 's/<CTfile>/<CTfile xmlns="urn:other">/' > ns.xml
refuse ns.xml "ns.xml:2: CTfile is in the namespace urn:other; a CTF has no namespace"
ctf "$(pupil "$good_year")" | sed 's/<CTFversion>24.0/<CTFversion>latest/' > version.xml
refuse version.xml "version.xml:[0-9]+: Header/CTFversion: CTFversion 'latest' is not of the form YY.0"
ctf "$(pupil "$good_year")" | sed '/<Header>/,/<\/Header>/d' > noheader.xml
refuse noheader.xml "noheader.xml:2: Header: CTfile has no Header"
ctf "$(pupil "$good_year")" | sed 's/<DestSchool><LEA>999/<DestSchool><LEA>888/' > elsewhere.xml
refuse elsewhere.xml "elsewhere.xml:[0-9]+: DestSchool: the file is addressed to 888/1234, not to this school \\(999/1234\\)"
ctf "$(pupil "$good_year" X123)" > upn.xml
refuse upn.xml "upn.xml:[0-9]+: Pupil/UPN: UPN 'X123': a UPN is 13 characters"
ctf "$(pupil "$good_year")$(pupil "$good_year")" > twice.xml
refuse twice.xml "twice.xml:[0-9]+: Pupil/UPN: pupil E123456789010 is already in the file at line [0-9]+"
ctf "$(pupil "$(year 2024 2024-09-02 '/\/%' 3 0 3 0)")" > mark.xml
refuse mark.xml "mark.xml:[0-9]+: AttendSessions/AttendanceMarks: character 4 \\('%', 2024-09-03 PM\\) is not a CTF attendance mark"
ctf "$(pupil "$(year 2024 2024-09-02 '/\H\' 3 1 2 0)")" > withdrawn.xml
refuse withdrawn.xml "character 3 \\('H', 2024-09-03 AM\\) is code H, withdrawn by the 2024 regulations"
ctf "$(pupil "$(year 2024 2025-07-28 '/\/\/\/\/\/\' 12 0 12 0)")" > overrun.xml
refuse overrun.xml "AttendanceMarks has 12 sessions: from 2025-07-28 .* run past the end of the academic year \\(2025-07-31\\) at character 9"
ctf "$(pupil "$(year 2025 2024-09-02 '/\' 2 0 2 0)")" > wrongyear.xml
refuse wrongyear.xml "AttendanceStartDate 2024-09-02 is not in the academic year the YearData's Year gives \\(2025/26\\)"
ctf "$(pupil "$(year 2024 02/09/2024 '/\' 2 0 2 0)")" > date.xml
refuse date.xml "AttendanceStartDate '02/09/2024' is not a date"
ctf "$(pupil "$(year 2024 2024-09-02 '/\' -2 0 2 0)")" > negative.xml
refuse negative.xml "YearData/SessionsPossible: SessionsPossible '-2' is not a whole number from 0 to 732"
ctf "$(pupil "$(year 2024 2024-09-02 '/\' 2 0 2 0 | sed 's/<SessionsAuthorised>0<\/SessionsAuthorised>//')")" > nototal.xml
refuse nototal.xml "YearData/SessionsAuthorised: YearData has no SessionsAuthorised"
ctf "$(pupil "$good_year" | sed 's/<DOB>2014-05-05/<DOB>2014-13-05/')" > dob.xml
refuse dob.xml "Pupil/DOB: DOB '2014-13-05' is not a date"
ctf "$(pupil "$good_year" | sed 's/<Sex>F/<Sex>Q/')" > sex.xml
refuse sex.xml "Pupil/Sex: Sex 'Q' is not M, F or U"
ctf "" > nopupils.xml
refuse nopupils.xml "nopupils.xml:[0-9]+: CTFpupilData has no Pupil"
# no DOCTYPE (so no entity tricks) and no network
{ echo '<?xml version="1.0"?>'; echo '<!DOCTYPE CTfile [<!ENTITY x SYSTEM "file:///etc/passwd">]>'; ctf "$(pupil "$good_year")" | tail -n +2 | sed 's/<Surname>Ek/<Surname>\&x;/'; } > doctype.xml
refuse doctype.xml "doctype.xml(:2)?: the file has a DOCTYPE"
# one bad pupil after a good one: nothing of the file is kept
ctf "$(pupil "$good_year" F123456789011)$(pupil "$(year 2024 2024-09-02 '/\/%' 3 0 3 0)")" > late_bad.xml
refuse late_bad.xml "late_bad.xml:[0-9]+: AttendSessions/AttendanceMarks: character 4"

# exports name what they need
export ATTEND_DB=$(db_new nocodes)
"$ATTEND" init --urn 100004 >/dev/null
expect_error 1 "the school's LA code and establishment number are not set" export ctf --upn A123456789012
"$ATTEND" init --la 123 --estab 4567 >/dev/null
expect_error 1 "upn: no pupil with UPN A123456789012" export ctf --upn A123456789012
expect_error 1 "dest 'nowhere' is not LEA/ESTAB" export ctf --upn A123456789012 --dest nowhere
expect_error 2 "--upn UPN\\[,UPN...\\] is required" export ctf
expect_error 2 "--term and --year go with .export census." export ctf --upn A123456789012 --term spring
