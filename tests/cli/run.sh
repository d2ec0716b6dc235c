#!/usr/bin/env bash
# Runs every tests/cli/test_*.sh against the attend binary in $ATTEND (the
# ASan build under `make check`). Each test file runs in its own temporary
# directory; a failing check prints what it expected and what it got.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${ATTEND:?set ATTEND to the attend binary}"
export ATTEND
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
pass=0
failed=()
for t in "$here"/test_*.sh; do
  [ -n "${ONLY:-}" ] && [[ "$t" != *"$ONLY"* ]] && continue
  name=$(basename "$t" .sh)
  dir=$(mktemp -d)
  # On PostgreSQL, the test's databases are named after it.
  if (cd "$dir" && ATTEND_TEST_PREFIX="c_${name#test_}" bash "$t") >"$dir.log" 2>&1; then
    pass=$((pass + 1))
    echo "ok   $name"
  else
    failed+=("$name")
    echo "FAIL $name"
    sed 's/^/     /' "$dir.log" | tail -40
  fi
  rm -rf "$dir" "$dir.log"
done
echo "cli tests: $pass passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
