#!/bin/bash
# The migrations of the two backends are versioned together: the same
# numbers and names in src/store/migrations/sqlite/ and .../pg/. Run by the
# build before embedding them; fails naming what differs.
set -eu
dir=$(dirname "$0")/migrations
a=$(cd "$dir/sqlite" && ls *.sql)
b=$(cd "$dir/pg" && ls *.sql)
if [ "$a" != "$b" ]; then
  echo "check-migrations: src/store/migrations/sqlite and pg differ (< sqlite, > pg):" >&2
  diff <(echo "$a") <(echo "$b") >&2 || true
  exit 1
fi
