#!/usr/bin/env bash
# The test school of tests/http/ with its lesson registers (lessons_fixture)
# and Friday 27 November 2026 up to period 3: 7A registered in form time
# (Dan Davies away at a medical appointment, M) and present in English in
# period 2. Prints the folder (the caller removes it).
source "$(dirname "$0")/../http/lib.sh"
source "$(dirname "$0")/../http/lessons_fixture.sh"
export ATTEND_NOW=2026-11-27T11:30
{
  start_school && start_lessons || exit 1
  cat >"$T/am.csv" <<CSV
upn,date,session,code,minutes_late
$U7A1,$TODAY,AM,/,
$U7A2,$TODAY,AM,/,
$U7A3,$TODAY,AM,/,
$U7A4,$TODAY,AM,M,
$U7A5,$TODAY,AM,/,
CSV
  cat >"$T/p2.csv" <<CSV
upn,date,period,class,code,minutes_late
$U7A1,$TODAY,2,7A/En1,/,
$U7A2,$TODAY,2,7A/En1,/,
$U7A3,$TODAY,2,7A/En1,/,
$U7A4,$TODAY,2,7A/En1,M,
$U7A5,$TODAY,2,7A/En1,/,
CSV
  "$ATTEND" import marks "$T/am.csv" --by teach7a && "$ATTEND" import lessons "$T/p2.csv" --by teach7b
} >/dev/null || exit 1
trap - EXIT
echo "$T"
