#!/bin/sh
# `make run`: creates the demo school's database once (DEMO_DB, default
# demo.db: a 1,200-pupil secondary school with last year and this year to
# date, always the same seed), then shows its headline figures and how to
# serve it.
set -eu
db=${1:-${DEMO_DB:-demo.db}}
attend=${ATTEND:-build/attend}
if [ ! -f "$db" ]; then
  echo "Creating the demo school in $db (1,200 pupils, two school years)..."
  "$attend" --db "$db" demo --pupils 1200 --phase secondary --years 2 --seed 2024
  echo
fi
# The school's figures for this school year so far (the summary of the report).
"$attend" --db "$db" stats | awk 'NR == 1 { print; print ""; next } /^Pupils on roll:/ { on = 1 } on'
echo
echo "Serve it with: $attend --db $db serve"
