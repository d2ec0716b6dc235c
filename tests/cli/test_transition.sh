# Transition into Year 7: a primary school's CTF (made by attend itself, with
# a Monday pattern), a Year 6 list from the LA (checked like every import),
# the incoming pupils most at risk first, the flag, and the watch of the
# second half-term that puts an early decliner on the review list, once.
. "$(dirname "$0")/lib.sh"
upn() { awk -v s="$1" 'BEGIN { a = "ABCDEFGHJKLMNPQRTUVWXYZ"; n = 0
    for (i = 1; i <= 12; i++) n += substr(s, i, 1) * (i + 1)
    printf "%s%s\n", substr(a, n % 23 + 1, 1), s }'; }
SEV=$(upn 930000000001) PER=$(upn 930000000002) RISK=$(upn 930000000003)
UNK=$(upn 930000000004) OK=$(upn 930000000005) LIST=$(upn 930000000006)

# ---- the primary school: Year 6 in autumn 2025, away every Monday ----
primary=$(db_new primary) || fail "the primary's database"
ATTEND_DB=$primary expect_ok init --urn 200002 --name "Oak Primary" --phase primary --la 999 --estab 2001
cat > pcal.csv <<'CSV'
start,end,kind,label
2025-09-01,2025-10-24,term,Autumn 1
2025-11-03,2025-12-19,term,Autumn 2
CSV
cat > ppupils.csv <<CSV
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal
$PER,Price,Pat,2015-01-02,M,6,6P,2025-09-01,,N,N,N,N
CSV
ATTEND_DB=$primary expect_ok import calendar pcal.csv
ATTEND_DB=$primary expect_ok import pupils ppupils.csv
python3 - "$PER" > pmarks.csv <<'PY'
import datetime, sys
print("upn,date,session,code,minutes_late")
d = datetime.date(2025, 9, 1)
while d <= datetime.date(2025, 12, 19):
    if d.weekday() < 5 and not (datetime.date(2025, 10, 25) <= d <= datetime.date(2025, 11, 2)):
        code = "O" if d.weekday() == 0 else "/"
        for s in ("AM", "PM"):
            print(f"{sys.argv[1]},{d},{s},{code if s == 'AM' or code != '/' else chr(92)},")
    d += datetime.timedelta(1)
PY
ATTEND_DB=$primary ATTEND_NOW=2025-12-19T16:00 expect_ok import marks pmarks.csv
ATTEND_DB=$primary ATTEND_NOW=2025-12-19T16:00 expect_ok export ctf --upn $PER --dest 123/4567 --out pat.xml

# ---- the secondary school: the calendar of 2026/27 and its intake ----
expect_ok init --urn 100001 --name "Hill Academy" --phase secondary --la 123 --estab 4567
cat > cal.csv <<'CSV'
start,end,kind,label
2026-09-02,2026-10-23,term,Autumn 1
2026-11-02,2026-12-18,term,Autumn 2
2027-01-04,2027-02-12,term,Spring 1
CSV
cat > intake.csv <<CSV
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal
$SEV,Stone,Sam,2015-03-03,F,7,7S,2026-09-02,,N,N,N,N
$PER,Price,Pat,2015-01-02,M,7,7S,2026-09-02,,N,N,N,N
$RISK,Reed,Ria,2015-05-05,F,7,7S,2026-09-02,,Y,Y,K,N
$UNK,Upton,Uma,2015-06-06,F,7,7S,2026-09-02,,N,N,N,N
$OK,Oakes,Olly,2015-07-07,M,7,7S,2026-09-02,,N,N,N,N
CSV
export ATTEND_NOW=2026-07-10T12:00
expect_ok import calendar cal.csv
expect_ok import pupils intake.csv
expect_ok import ctf pat.xml

# the Year 6 list: checked like every import, nothing written on a bad row
cat > y6.csv <<CSV
upn,surname,forename,dob,primary_school,year,possible,attended,authorised,unauthorised,fsm,send
$SEV,Stone,Sam,2015-03-03,Elm Primary,2025/26,380,180,150,50,,
$RISK,Reed,Ria,2015-05-05,Elm Primary,2025/26,380,353,20,7,Y,K
$OK,Oakes,Olly,2015-07-07,Ash Primary,2025,380,372,8,0,N,N
$LIST,Lane,Lee,2015-08-08,Ash Primary,2025/2026,380,357,20,3,Y,E
CSV
for bad in "s/,380,180,150,50,/,380,180,150,40,/:the sessions don't add up: attended 180 \\+ authorised 150 \\+ unauthorised 40 = 370, not possible 380" \
           "s/,2025\\/26,380,180/,2025-26,380,180/:year '2025-26' is not the academic year of Year 6" \
           "s/,Y,K\$/,X,K/:fsm 'X' is not Y or N" \
           "s/,N,N\$/,N,Q/:send 'Q' is not N \\(none\\), K \\(SEN support\\) or E" \
           "s/,380,372,8,0/,380,372,8,zero/:unauthorised 'zero' is not a whole number|unauthorised: 'zero'" \
           "s/,380,357,20,3/,600,577,20,3/:possible 600 is not between 0 and 500"; do
  sed -E "${bad%%:*}" y6.csv > bad.csv
  before=$(db_dump)
  expect_error 1 "bad.csv:[0-9]+: .*(${bad#*:})" import year6 bad.csv
  expect_eq "$(db_dump)" "$before" "nothing imported: ${bad#*:}"
done
{ cat y6.csv; tail -1 y6.csv; } > dup.csv
expect_error 1 "dup.csv:6: .*pupil $LIST's Year 6 \\(2025/2026\\) is already at line 5" import year6 dup.csv
printf 'upn,surname,forename,dob,primary_school,year,possible,attended,authorised\n' > cols.csv
expect_error 1 "unauthorised" import year6 cols.csv
expect_ok import year6 y6.csv
expect_out "y6.csv: 4 pupils: 4 added, 0 changed, 0 unchanged"
expect_ok import year6 y6.csv
expect_out "4 unchanged"

# ---- the view: most at risk first ----
expect_ok transition --json
expect_eq "$(json 'd["intake"]' <<<"$out")" "2026/27" "before September: next year's intake"
expect_eq "$(json '" ".join(p["upn"] for p in d["pupils"])' <<<"$out")" "$SEV $PER $RISK $LIST $UNK $OK" "severe, persistent, at risk (7.1% before 6.1%), unknown, expected"
expect_eq "$(json '" ".join(p["risk"] for p in d["pupils"])' <<<"$out")" "severe persistent at_risk at_risk unknown expected" "the groups"
expect_eq "$(json '" ".join(str(p["flag"]) for p in d["pupils"])' <<<"$out")" "True True True True False False" "the flag: at risk or worse"
pat="d['pupils'][1]"
expect_eq "$(json "$pat['year6']['source']" <<<"$out")" "CTF from Oak Primary (999/2001)" "Pat's figures from the CTF"
expect_eq "$(json "($pat['year6']['possible'], $pat['year6']['unauthorised'], $pat['year6']['band'], $pat['year6']['persistent'])" <<<"$out")" "(150, 30, '20-25', True)" "75 days, every Monday (15) away"
expect_eq "$(json "$pat['pattern']" <<<"$out")" "['30 of 30 absent sessions were on a Monday']" "the pattern of the marks"
expect_eq "$(json "d['pupils'][2]['needs']" <<<"$out")" "['free school meals', 'SEN support']" "Ria's needs, from the register"
expect_eq "$(json "(d['pupils'][3]['on_roll'], d['pupils'][3]['needs'], d['pupils'][3]['year6']['source'])" <<<"$out")" "(False, ['free school meals', 'EHC plan'], 'Year 6 list (Ash Primary)')" "Lee: not on roll yet, from the list"
expect_eq "$(json "(d['pupils'][4]['year6'], d['pupils'][4]['risk_label'])" <<<"$out")" "(None, 'No Year 6 figures yet: ask the primary school')" "Uma: no figures"
expect_eq "$(json "d['counts']" <<<"$out")" "{'severe': 1, 'persistent': 1, 'at_risk': 2, 'unknown': 1, 'expected': 1, 'flagged': 4, 'decliners': 0}" "the counts"
expect_ok transition
expect_out "^  1\\. $SEV Stone, Sam \\(7S\\): severe, Year 6 absence 52\\.63% \\(unauthorised 13\\.16%\\), band 50\\+; Year 6 list \\(Elm Primary\\) \\[flag\\]$"
expect_out "^  4\\. $LIST Lane, Lee \\(not on roll yet\\): at_risk"

# ---- Year 7: the watch of the second half-term ----
python3 - "$RISK" "$OK" "$SEV" > y7.csv <<'PY'
import datetime, sys
risk, ok, sev = sys.argv[1:4]
print("upn,date,session,code,minutes_late")
d = datetime.date(2026, 9, 2)
while d <= datetime.date(2026, 11, 20):
    if d.weekday() < 5 and not (datetime.date(2026, 10, 24) <= d <= datetime.date(2026, 11, 1)):
        for u in (risk, ok, sev):
            for s in ("AM", "PM"):
                code = "/" if s == "AM" else "\\"
                # Ria misses three days of the second half-term; Sam one day in each
                if u == risk and d in (datetime.date(2026, 11, 9), datetime.date(2026, 11, 16), datetime.date(2026, 11, 17)):
                    code = "O"
                if u == sev and d in (datetime.date(2026, 10, 5), datetime.date(2026, 11, 9)):
                    code = "I"
                print(f"{u},{d},{s},{code},")
    d += datetime.timedelta(1)
PY
export ATTEND_NOW=2026-11-20T16:00
expect_ok import marks y7.csv
expect_ok transition --json
expect_eq "$(json 'd["half_term"]' <<<"$out")" 2 "the second half-term"
ria="[p for p in d['pupils'] if p['upn'] == '$RISK'][0]['year7']"
expect_eq "$(json "($ria['first_half_term']['attendance_pct'], $ria['this_half_term']['attendance_pct'], $ria['change_pp'], $ria['decliner'])" <<<"$out")" "(100.0, 80.0, -20.0, True)" "Ria: 100% then 24 of 30"
sam="[p for p in d['pupils'] if p['upn'] == '$SEV'][0]['year7']"
expect_eq "$(json "($sam['first_half_term']['attendance_pct'], $sam['this_half_term']['attendance_pct'], $sam['decliner'])" <<<"$out")" "(97.37, 93.33, True)" "Sam: 74 of 76 then 28 of 30, down 4 points"
expect_ok settings set transition_decline_pp 5
expect_ok transition --json
expect_eq "$(json 'd["counts"]["decliners"]' <<<"$out")" 1 "5 points: only Ria"
expect_error 1 "transition_decline_pp 0 is not between 1 and 50" settings set transition_decline_pp 0
expect_ok transition watch --by lead
expect_out "^1 early decliner put on the review list$"
expect_eq "$(db_query "select kind || ' ' || key || ' ' || raised_on || ' ' || stage_then || ' ' || suggested || ' ' || state || ' | ' || detail from casework_reviews")" "decline year7 2026/27 ht2 2026-11-20 universal early_intervention open | new-school effect: Year 7 decline: attended 100.0% in the first half-term and 80.0% in half-term 2 so far, down 20.0 points; at risk from Year 6" "Ria on casework's review list"
expect_eq "$(db_query "select count(*) from tasks")" 0 "no task of its own"
expect_ok casework reviews --json
expect_eq "$(json "[(r['kind'], r['suggested']) for r in d if 'Year 7' in r['detail']]" <<<"$out")" "[('decline', 'early_intervention')]" "the review list shows it, with the stage it suggests"
# casework's own scan reads its decline keys as dates: this one it leaves alone
expect_ok casework scan --by lead
expect_eq "$(db_query "select count(*) from casework_reviews where key = 'year7 2026/27 ht2'")" 1 "still one, after the scan"
expect_ok transition watch
expect_out "^0 early decliners put on the review list$"

# ---- bad input ----
expect_error 1 "intake 'next' is not an academic year" transition --intake next
expect_error 2 "transition watch takes --by only" transition watch --json
expect_error 2 "'look' is not watch" transition look
expect_ok transition --intake 2025/26 --json
expect_eq "$(json 'len(d["pupils"])' <<<"$out")" 0 "no intake that year"
true
