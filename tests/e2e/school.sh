#!/usr/bin/env bash
# Makes the test school of tests/http/lib.sh in a temporary folder for the
# browser test, and prints the folder (the caller removes it) and the
# database (a file in it, or a database of its own on PostgreSQL).
source "$(dirname "$0")/../http/lib.sh"
start_school >/dev/null || exit 1
trap - EXIT
echo "$T"
echo "$ATTEND_DB"
