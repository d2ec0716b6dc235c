#!/usr/bin/env bash
# Lesson registers at the scale of issue 11: a 1,500-pupil secondary (years 7
# to 11, 50 forms of 30) with 6 lessons a day for a whole year (about 1.7
# million lesson marks, and the session marks), imported through the
# product's own imports (`attend import timetable|classes|lessons`), then
# every lesson analysis timed in process by bench/lessons-bench.c. Goal:
# each under 50 ms on this machine. Data: bench/gen-lessons.awk (seeded).
set -euo pipefail
cd "$(dirname "$0")/.."
ATTEND=${ATTEND:-$PWD/build/attend}
SEED=${SEED:-11}
W=$(mktemp -d /tmp/attend-lessons-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
export ATTEND_DB=$W/school.db ATTEND_NOW=2026-07-31T12:00 # after the year: every lesson past
make -s build/bench/lessons-bench

t() { # runs an import, printing how long it took
  local s=$EPOCHREALTIME
  "$@" >/dev/null
  awk -v a="$s" -v b="$EPOCHREALTIME" -v what="${*:2}" 'BEGIN { printf "  %-40s %6.1f s\n", what, b - a }' | sed "s|$W/||"
}
echo "making the school (seed $SEED)"
awk -v seed="$SEED" -v dir="$W" -f bench/gen-lessons.awk
"$ATTEND" init --urn 100003 --name "Lessons Academy" --phase secondary >/dev/null
t "$ATTEND" import calendar "$W/calendar.csv"
t "$ATTEND" import pupils "$W/pupils.csv"
t "$ATTEND" import marks "$W/marks.csv"
t "$ATTEND" import timetable "$W/timetable.csv"
t "$ATTEND" import classes "$W/classes.csv" --from 2025-09-01
t "$ATTEND" import lessons "$W/lessons.csv"
echo
build/bench/lessons-bench "$ATTEND_DB" "${RUNS:-21}"
