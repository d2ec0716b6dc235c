# The school census attendance module: its totals are `attend stats` over
# the census periods for the pupils it counts, reason by reason.
. "$(dirname "$0")/lib.sh"
export ATTEND_NOW=2026-07-31T18:00
expect_ok init --urn 100001 --name "Census School" --la 123 --estab 4567 --phase primary

cat > calendar.csv <<'CSV'
start,end,kind,label
2025-09-01,2025-10-24,term,Autumn 1
2025-09-01,2025-09-02,inset,
2025-11-03,2025-12-19,term,Autumn 2
2025-11-28,2025-11-28,closure,polling station
2026-01-05,2026-02-13,term,Spring 1
2026-01-05,2026-01-05,inset,
2026-02-23,2026-04-02,term,Spring 2
2026-04-13,2026-05-22,term,Summer 1
2026-05-04,2026-05-04,bank_holiday,
2026-06-01,2026-07-21,term,Summer 2
2026-07-21,2026-07-21,inset,
CSV
expect_ok import calendar calendar.csv
# ages on 31 August 2025: 4 (left out), 5, 10, 15, 16 (left out); one pupil
# leaves and rejoins (two enrolments, one census pupil)
cat > pupils.csv <<'CSV'
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal
A123456789012,Smith,Anna,2015-03-01,F,5,5A,2025-09-01,,Y,Y,N,N
B123456789018,Young,Bo,2021-01-10,M,R,RA,2025-09-01,,N,N,N,N
C123456789019,Five,Cat,2020-08-31,F,1,1A,2025-09-01,,N,N,K,N
E123456789010,Old,Eve,2010-08-31,F,11,11A,2025-09-01,,N,N,N,N
F123456789011,Older,Fin,2009-08-31,M,11,11A,2025-09-01,,N,N,E,N
G123456789016,Back,Gus,2014-04-04,M,6,6B,2025-09-01,2025-11-14,Y,N,N,N
G123456789016,Back,Gus,2014-04-04,M,6,6B,2026-01-05,,Y,N,N,N
H123456789017,Late,Hal,2015-06-06,M,5,5A,2026-05-26,,N,N,N,N
CSV
expect_ok import pupils pupils.csv

# every school day, a code for every pupil on roll: a fixed, varied pattern
python3 - <<'PY' > marks.csv
import csv, datetime as D
cal = list(csv.DictReader(open("calendar.csv")))
d = lambda s: D.date.fromisoformat(s)
off = set()
for e in cal:
    if e["kind"] != "term":
        x = d(e["start"])
        while x <= d(e["end"]):
            off.add(x); x += D.timedelta(1)
days = []
for e in cal:
    if e["kind"] == "term":
        x = d(e["start"])
        while x <= d(e["end"]):
            if x.weekday() < 5 and x not in off:
                days.append(x)
            x += D.timedelta(1)
codes = ["/", "/", "/", "L", "I", "M", "/", "N", "G", "/", "C1", "J1", "C2", "/", "U", "O",
         "E", "R", "T", "S", "C", "/", "K", "V", "X", "Y3", "#", "D", "B", "P", "W", "Q", "Z", "/"]
rolls = {}
for p in csv.DictReader(open("pupils.csv")):
    rolls.setdefault(p["upn"], []).append((d(p["admitted"]), d(p["left"]) if p["left"] else D.date(2099, 1, 1)))
print("upn,date,session,code,minutes_late")
k = 0
for upn, spans in sorted(rolls.items()):
    for day in sorted(days):
        if not any(a <= day <= b for a, b in spans):
            continue
        for s in ("AM", "PM"):
            k += 7 if s == "AM" else 3
            c = codes[(k + len(upn) * day.toordinal()) % len(codes)]
            if c == "/" and s == "PM":
                c = "\\"
            print(f"{upn},{day},{s},{c},")
PY
expect_ok import marks marks.csv

# census XML -> {period: {upn: (possible, authorised, unauthorised, {reason: n})}}
census_totals() {
  python3 - "$1" <<'PY'
import sys, json, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
out = {}
for p in r.findall("Pupils/PupilOnRoll"):
    for per in p.find("Attendance"):
        g = lambda t: int(per.find(t).text)
        reasons = {d.find("AttendanceReason").text: int(d.find("AbsenceSessions").text)
                   for d in per.findall("SessionDetails/SessionDetail")}
        assert sum(reasons.values()) == g("SessionsAuthorised") + g("SessionsUnauthorised")
        out.setdefault(per.tag, {})[p.find("UPN").text] = [g("SessionsPossible"), g("SessionsAuthorised"), g("SessionsUnauthorised"), reasons]
print(json.dumps(out, sort_keys=True))
PY
}
# attend stats over the dates, summed per pupil over their enrolments, with
# the absence sessions of each reason counted from the register itself
stats_totals() { # from to upn...
  local from=$1 to=$2; shift 2
  expect_ok stats --from "$from" --to "$to" --json
  printf '%s' "$out" > stats.json
  db_query "select p.upn, m.code, count(*) from marks m join pupils p on p.id = m.pupil_id
    where m.date between '$from' and '$to' group by p.upn, m.code" > codes.txt
  python3 - "$@" <<'PY'
import sys, json
upns = sys.argv[1:]
d = json.load(open("stats.json"))
reasons = ["C1", "M", "J1", "S", "C2", "C", "T", "R", "I", "E", "G", "N", "O", "U"]
counts = {}
for line in open("codes.txt"):
    upn, code, n = line.rstrip("\n").split("|")
    counts.setdefault(upn, []).append((code, int(n)))
out = {}
for p in d["pupils"]:
    if p["upn"] not in upns:
        continue
    t = out.setdefault(p["upn"], [0, 0, 0, {}])
    t[0] += p["possible"]; t[1] += p["authorised"]; t[2] += p["unauthorised"]
for upn, t in out.items():
    for code, n in counts.get(upn, []):
        if code in reasons:
            t[3][code] = n
print(json.dumps(out, sort_keys=True))
PY
}
counted="A123456789012 C123456789019 E123456789010 G123456789016 H123456789017"
check() { # census-file element from to
  local got want
  got=$(census_totals "$1" | python3 -c "import json,sys; print(json.dumps(json.load(sys.stdin).get('$2', {}), sort_keys=True))")
  want=$(stats_totals "$3" "$4" $counted | python3 -c "import json,sys; print(json.dumps({k: v for k, v in json.load(sys.stdin).items() if v[0] > 0}, sort_keys=True))")
  [ "$got" = "$want" ] || fail "$1 $2: the census differs from attend stats $3 to $4:
census: $got
stats:  $want"
  [ "$got" != "{}" ] || fail "$1 $2: nothing to compare"
}

expect_ok export census --term spring --year 2026 --out spring.xml
expect_out "census day 2026-01-15"
expect_out "TermlyAttendance, 2025-08-01 to 2025-12-31"
expect_out "pupils sent: 4; left out: 2 aged under 5 or over 15 on 31 August 2025"
check spring.xml TermlyAttendance 2025-08-01 2025-12-31
summary=$out
# the printed totals are the file's
python3 - spring.xml "$summary" <<'PY' || fail "the summary does not match the file"
import sys, re, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
s = lambda t: sum(int(e.text) for e in r.iter(t))
m = re.search(r"sessions possible: (\d+); authorised absence: (\d+); unauthorised absence: (\d+)", sys.argv[2])
assert [int(x) for x in m.groups()] == [s("SessionsPossible"), s("SessionsAuthorised"), s("SessionsUnauthorised")], m.groups()
assert r.find("Header/CollectionDetails/Term").text == "SPR"
PY
# the left-out pupils are not in the file
for upn in B123456789018 F123456789011; do
  ! grep -q "$upn" spring.xml || fail "$upn is outside the census ages but was sent"
done
grep -q "C123456789019" spring.xml || fail "a pupil aged exactly 5 was left out"
grep -q "E123456789010" spring.xml || fail "a pupil aged exactly 15 was left out"

expect_ok export census --term summer --year 2026 --out summer.xml
expect_out "TermlyAttendance, 2026-01-01 to 2026-04-05"
check summer.xml TermlyAttendance 2026-01-01 2026-04-05

# autumn: the summer term in its two half-terms, sent apart
expect_ok export census --term autumn --year 2026 --out autumn.xml
expect_out "TermlyAttendance, 2026-04-06 to 2026-05-25"
expect_out "SummerHalfTerm2Attendance, 2026-05-26 to 2026-07-31"
check autumn.xml TermlyAttendance 2026-04-06 2026-05-25
check autumn.xml SummerHalfTerm2Attendance 2026-05-26 2026-07-31
# a pupil who joined in the second half-term is in that period only
python3 -c "
import xml.etree.ElementTree as ET
r = ET.parse('autumn.xml').getroot()
h = [p for p in r.findall('Pupils/PupilOnRoll') if p.find('UPN').text == 'H123456789017'][0]
assert [e.tag for e in h.find('Attendance')] == ['SummerHalfTerm2Attendance']
" || fail "H123456789017 should have only SummerHalfTerm2Attendance"

# to stdout, the summary on stderr; the file is well-formed
expect_ok export census --term spring --year 2026
python3 -c "import sys, xml.etree.ElementTree as ET; ET.fromstring(sys.stdin.read())" <<<"$out" || fail "census to stdout is not XML"
grep -q "TermlyAttendance, 2025-08-01" <<<"$err" || fail "no summary on stderr"

expect_error 1 "census: term 'winter' is not autumn, spring or summer" export census --term winter --year 2026
expect_error 1 "census: year 'next' is not a whole number" export census --term spring --year next
expect_error 2 "--term and --year are required" export census --term spring
db_remove
expect_ok init --urn 100002
expect_error 1 "the school's LA code and establishment number are not set" export census --term spring --year 2026
