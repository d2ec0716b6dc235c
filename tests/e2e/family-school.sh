#!/usr/bin/env bash
# The school of tests/http/lib.sh with its families (Amy's mother Ann, Gus's
# mother Greta who reads Polish, Amy's own account) and an autumn of marks
# for Amy and Gus up to Thursday 26 November 2026, for the browser test of
# the family pages. Prints the folder (the caller removes it).
source "$(dirname "$0")/../http/lib.sh"
start_school >/dev/null || exit 1
trap - EXIT
echo "$PASSWORD" | "$ATTEND" user add greta --role parent --children "$U7B1" --password-stdin >/dev/null || exit 1

# Amy: ill for three days in October, late twice, an unexplained Monday
# morning; Gus: every day. Weekdays of the terms, without the training days.
{
  echo "upn,date,session,code,minutes_late"
  d=2026-09-03
  while [ "$d" \< 2026-11-27 ]; do
    dow=$(date -d "$d" +%u)
    if [ "$dow" -le 5 ] && { [ "$d" \< 2026-10-24 ] || [ "$d" \> 2026-11-02 ]; }; then
      for s in AM PM; do
        code=/ min=
        case "$d $s" in
          2026-10-0[678]\ *) code=I ;;
          "2026-11-16 AM") code=N ;;
          "2026-09-2"[2-3]" AM" | "2026-11-1"[78]" AM") code=L min=12 ;;
        esac
        echo "$U7A1,$d,$s,$code,$min"
        echo "$U7B1,$d,$s,/,"
      done
    fi
    d=$(date -d "$d + 1 day" +%F)
  done
} >"$T/marks.csv"
"$ATTEND" import marks "$T/marks.csv" >/dev/null || exit 1
echo "$T"
