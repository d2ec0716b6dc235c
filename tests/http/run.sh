#!/usr/bin/env bash
# Runs every tests/http/test_*.sh against $ATTEND: each starts a real server
# on a temporary database and drives it with curl.
set -uo pipefail
cd "$(dirname "$0")"
passed=0
failed=0
for t in test_*.sh; do
  echo "== tests/http/$t"
  out=$(ATTEND_TEST_PREFIX="h_$(basename "$t" .sh | sed 's/^test_//')" bash "$t" 2>&1)
  rc=$?
  echo "$out"
  line=$(echo "$out" | grep -E '^[a-z_]+\.sh: [0-9]+ passed, [0-9]+ failed$' | tail -1)
  p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
  f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); echo "  FAIL $t exited $rc"; fi
done
echo "http: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
