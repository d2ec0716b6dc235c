# `attend stats` on a hand-worked register: every definition of domain.md.
. "$(dirname "$0")/lib.sh"
make_school
H=upn,date,session,code,minutes_late
# Two weeks, 8-19 September 2025: 20 sessions.
#  A (FSM): 17 present (16 / and one L, 10 minutes), U (25 minutes), I, G: 15.00% absent
#  P: 10 present, 5 V (approved), 5 N: 25.00% absent
#  D (left 10 Oct): 10 X (not possible) + 10 present: 10 possible, 0 absent
#  T (joined 15 Sep): week 2 only: 5 present, 5 I: 50% = SA, too few for a band
{
  echo "$H"
  n=0
  for d in 08 09 10 11 12 15 16 17 18 19; do
    for s in AM PM; do
      n=$((n+1))
      case $n in 1) c=L; m=10;; 2) c=U; m=25;; 3) c=I; m=;; 4) c=G; m=;; *) c=/; m=;; esac
      echo "A123456789012,2025-09-$d,$s,$c,$m"
      if [ $n -le 10 ]; then c=/; elif [ $n -le 15 ]; then c=V; else c=N; fi
      echo "P123456789013,2025-09-$d,$s,$c,"
      if [ $n -le 10 ]; then c=X; else c=/; fi
      echo "D123456789014,2025-09-$d,$s,$c,"
      if [ $n -gt 10 ]; then if [ $n -le 15 ]; then c=/; else c=I; fi; echo "T123456789015,2025-09-$d,$s,$c,"; fi
    done
  done
} > two_weeks.csv
expect_ok import marks two_weeks.csv
expect_out "70 rows: 70 new"

expect_ok stats --from 2025-09-08 --to 2025-09-19 --json
j=$out
p() { json "[p for p in d['pupils'] if p['upn']=='$1'][0]['$2']" <<<"$j"; }
expect_eq "$(p A123456789012 possible)" 20 "A possible"
expect_eq "$(p A123456789012 present)" 17 "A present (L counts present)"
expect_eq "$(p A123456789012 unauthorised)" 2 "A unauthorised (U and G)"
expect_eq "$(p A123456789012 authorised)" 1 "A authorised"
expect_eq "$(p A123456789012 absence_pct)" 15.0 "A absence"
expect_eq "$(p A123456789012 late_before_close)" 1 "A L"
expect_eq "$(p A123456789012 late_after_close)" 1 "A U"
expect_eq "$(p A123456789012 minutes_late)" 35 "A minutes late (L and U)"
expect_eq "$(p A123456789012 band)" "15-20" "A band"
expect_eq "$(p P123456789013 approved_activity)" 5 "P approved activity"
expect_eq "$(p P123456789013 attendance_pct)" 75.0 "P attendance (V counts)"
expect_eq "$(p P123456789013 absence_pct)" 25.0 "P absence"
expect_eq "$(p P123456789013 persistent)" True "P persistent"
expect_eq "$(p D123456789014 possible)" 10 "D possible (X excluded)"
expect_eq "$(p D123456789014 absence_pct)" 0.0 "D absence"
expect_eq "$(p D123456789014 band)" None "D: too few sessions for a band"
expect_eq "$(p T123456789015 possible)" 10 "T possible (joined mid-range)"
expect_eq "$(p T123456789015 severe)" True "T severe at exactly 50%"
expect_eq "$(p T123456789015 unmarked)" 0 "T unmarked"
s() { json "d['summary']['$1']" <<<"$j"; }
expect_eq "$(s pupils)" 4 "pupils"
expect_eq "$(s possible)" 60 "possible"
# absence: A 3 + P 5 + T 5 = 13 of 60 = 21.67%
expect_eq "$(s absence_pct)" 21.67 "absence pct"
expect_eq "$(s attendance_pct)" 78.33 "attendance pct"
expect_eq "$(s authorised_pct)" 10.0 "authorised pct (A 1 + T 5 of 60)"
expect_eq "$(s unauthorised_pct)" 11.67 "unauthorised pct (A 2 + P 5 of 60)"
expect_eq "$(s persistent)" 3 "PA pupils"
expect_eq "$(s persistent_pct)" 75.0 "PA rate"
expect_eq "$(s severe)" 1 "SA pupils"
expect_eq "$(json "d['summary']['bands']['15-20']" <<<"$j")" 1 "band 15-20"
expect_eq "$(json "d['summary']['bands']['too_few_sessions']" <<<"$j")" 2 "too few"

# sessions with no mark yet are counted apart, not as possible sessions
expect_ok stats --from 2025-09-08 --to 2025-09-26 --json
expect_eq "$(json "[p for p in d['pupils'] if p['upn']=='A123456789012'][0]['unmarked']" <<<"$out")" 10 "unmarked week 3"
expect_eq "$(json "[p for p in d['pupils'] if p['upn']=='A123456789012'][0]['possible']" <<<"$out")" 20 "unmarked not possible"

# groups: FSM Y = A and T; N = P and D
expect_ok stats --from 2025-09-08 --to 2025-09-19 --group fsm --json
g() { json "[g for g in d['groups'] if g['value']=='$1'][0]['$2']" <<<"$out"; }
expect_eq "$(g Y pupils)" 2 "FSM pupils"
expect_eq "$(g Y possible)" 30 "FSM possible"
expect_eq "$(g Y absence_pct)" 26.67 "FSM absence (8 of 30)"
expect_eq "$(g N absence_pct)" 16.67 "non-FSM absence (5 of 30)"
expect_eq "$(g Y severe_pct)" 50.0 "FSM SA rate"
expect_eq "$(json "d['groups'][0]['group']" <<<"$out")" fsm "group field"

# D left on 10 October: a range after that doesn't list them
expect_ok stats --from 2025-10-13 --to 2025-10-17 --json
expect_eq "$(json "len([p for p in d['pupils'] if p['upn']=='D123456789014'])" <<<"$out")" 0 "left pupil"

# the text report speaks in days too
expect_ok stats --from 2025-09-08 --to 2025-09-19
expect_out "Absence: 21.7% \\(10.0% authorised, 11.7% unauthorised\\): 6.5 days missed in all"
expect_out "Persistent absence \\(10% or more\\): 3 pupils \\(75.0%\\)"

expect_error 1 "group 'house' is not year, form" stats --group house
expect_error 1 "from \\(2025-09-19\\) is after to \\(2025-09-08\\)" stats --from 2025-09-19 --to 2025-09-08
expect_error 1 "from '2025-9-1' is not a date" stats --from 2025-9-1
