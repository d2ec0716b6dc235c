#!/usr/bin/env bash
# `make bench`: runs every harness in bench/ (each bench/NAME.sh prints its
# own figures). Numbers are measured here, never asserted in tests.
set -euo pipefail
cd "$(dirname "$0")/.."
for b in bench/*.sh; do
  [ "$(basename "$b")" = run.sh ] && continue
  echo "== $b"
  bash "$b"
done
