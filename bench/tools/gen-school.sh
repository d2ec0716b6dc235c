#!/usr/bin/env bash
# A synthetic school for the web benchmarks, until `attend demo` lands:
# gen-school.sh N DIR [FROM_YEAR] writes DIR/calendar.csv, pupils.csv and
# marks.csv: N pupils in years 7-11 (forms of 30), two academic years of
# calendar (FROM_YEAR/FROM_YEAR+1 and the next), and marks for every school
# day from 1 September FROM_YEAR up to MARKS_TO (default 2026-03-20), each
# pupil with an absence propensity from a skewed draw, more absence on
# Mondays and Fridays, some illness runs, holidays (G), lateness with
# minutes and the odd N. Same arguments, same files (awk's srand(seed)).
# MARKS_FROM=DATE writes marks only from that day on (the pupils are still on
# roll from September: a large school's register without hours of import).
set -euo pipefail
n=${1:?pupils}
dir=${2:?output folder}
y=${3:-2024}
to=${MARKS_TO:-2026-03-20}
from=${MARKS_FROM:-0000-00-00}
mkdir -p "$dir"
y1=$((y + 1))
# An English year from September of $1: six half-terms, five INSET days
# and the May Day bank holiday.
year_calendar() {
  local a=$1 b=$(($1 + 1))
  cat <<CSV
$a-09-02,$a-10-24,term,Autumn 1
$a-11-03,$a-12-19,term,Autumn 2
$b-01-05,$b-02-13,term,Spring 1
$b-02-23,$b-03-27,term,Spring 2
$b-04-13,$b-05-22,term,Summer 1
$b-06-01,$b-07-22,term,Summer 2
$a-09-02,$a-09-03,inset,INSET
$b-01-05,$b-01-05,inset,INSET
$b-05-04,$b-05-04,bank_holiday,Early May
$b-07-21,$b-07-22,inset,INSET
CSV
}
{ echo "start,end,kind,label"; year_calendar "$y"; year_calendar "$y1"; } >"$dir/calendar.csv"
# School days: weekdays inside terms, not INSET or bank holidays, up to
# MARKS_TO; with the weekday (0 Monday) and whether the day ends a half-term.
awk -F, -v to="$to" '
function t(d) { return mktime(substr(d, 1, 4) " " substr(d, 6, 2) " " substr(d, 9, 2) " 12 00 00") }
NR > 1 && $3 == "term" { ts[++nt] = $1; te[nt] = $2 }
NR > 1 && $3 != "term" { for (d = t($1); d <= t($2); d += 86400) off[strftime("%Y-%m-%d", d)] = 1 }
END {
  for (i = 1; i <= nt; i++) {
    last = ""
    for (d = t(ts[i]); d <= t(te[i]) && strftime("%Y-%m-%d", d) <= to; d += 86400) {
      day = strftime("%Y-%m-%d", d); wd = strftime("%u", d) - 1
      if (wd < 5 && !(day in off)) { list[++n] = day; wdy[n] = wd; last = n }
    }
    if (last != "") end_[last] = 1
  }
  for (k = 1; k <= n; k++) print list[k], wdy[k], (k in end_) ? 1 : 0
}' "$dir/calendar.csv" >"$dir/.days"
awk -v n="$n" -v y="$y" -v seed="${SEED:-7}" '
BEGIN {
  srand(seed); a = "ABCDEFGHJKLMNPQRTUVWXYZ"
  split("Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Wright Khan Walker Evans Roberts Green Hall Wood Thompson Hughes Ahmed", sn, " ")
  split("Amy Ben Cara Dan Eva Finn Grace Harry Isla Jack Lily Musa Noah Olivia Priya Ravi Sofia Tom Zara Yusuf", fn, " ")
  print "upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal"
  for (i = 0; i < n; i++) {
    d = sprintf("9%05d%06d", seed, i); s = 0
    for (k = 1; k <= 12; k++) s += substr(d, k, 1) * (k + 1)
    yr = 7 + (i % 5); nf = int((n / 5 + 29) / 30); f = int(i / 5) % nf
    form = nf <= 26 ? sprintf("%d%c", yr, 65 + f) : sprintf("%d-%03d", yr, f + 1)
    fsm = rand() < 0.24 ? "Y" : "N"; pp = (fsm == "Y" || rand() < 0.05) ? "Y" : "N"
    r = rand(); send = r < 0.03 ? "E" : r < 0.16 ? "K" : "N"
    printf "%s%s,%s%d,%s,%d-%02d-%02d,%s,%d,%s,%d-09-01,,%s,%s,%s,%s\n", substr(a, s % 23 + 1, 1), d,
      sn[i % 20 + 1], int(i / 20), fn[int(rand() * 20) + 1], y - yr - 4, 1 + i % 12, 1 + i % 28,
      rand() < 0.5 ? "F" : "M", yr, form, y, fsm, pp, send, rand() < 0.15 ? "Y" : "N"
  }
}' >"$dir/pupils.csv"
# Marks: one line per pupil and school day, AM and PM.
awk -F, -v seed="${SEED:-7}" -v from="$from" '
NR == FNR { day[++nd] = $0; next }
FNR == 1 { print "upn,date,session,code,minutes_late"; srand(seed); next }
{
  upn = $1; fsm = $10 == "Y"; send = $12
  # absence propensity: most pupils low, a long tail, a few severe
  r = rand(); p = 0.012 + 0.05 * r * r + (rand() < 0.18 ? 0.08 * rand() : 0) + (rand() < 0.03 ? 0.45 : 0)
  if (fsm) p *= 1.8
  if (send == "K") p *= 1.5; else if (send == "E") p *= 1.9
  late = rand() < 0.25 ? 0.04 * rand() : 0.004
  run = 0
  for (k = 1; k <= nd; k++) {
    split(day[k], x, " "); wd = x[2]; edge = x[3]
    q = p * (wd == 0 ? 1.25 : wd == 4 ? 1.35 : 1) * (edge ? 1.5 : 1)
    if (run > 0) { code = "I"; run--; am = code; pm = code }
    else if (rand() < q) {
      r = rand()
      if (r < 0.55) { am = "I"; pm = "I"; if (rand() < 0.2) run = 1 + int(rand() * 3) }
      else if (r < 0.65) { am = "M"; pm = "/" }
      else if (r < 0.75) { am = "G"; pm = "G" }
      else if (r < 0.85) { am = "O"; pm = "O" }
      else if (r < 0.93) { am = "N"; pm = "N" }
      else { am = "C"; pm = "C" }
    } else { am = "/"; pm = "/" }
    mam = ""
    if (am == "/" && rand() < late) { am = rand() < 0.8 ? "L" : "U"; mam = 1 + int(rand() * (am == "L" ? 25 : 60)) }
    if (x[1] < from) continue
    printf "%s,%s,AM,%s,%s\n", upn, x[1], am, mam
    printf "%s,%s,PM,%s,\n", upn, x[1], pm == "/" ? "/" : pm
  }
}' "$dir/.days" "$dir/pupils.csv" >"$dir/marks.csv"
rm -f "$dir/.days"
