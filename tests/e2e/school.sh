#!/usr/bin/env bash
# Makes the test school of tests/http/lib.sh in a temporary folder for the
# browser test, and prints the folder (the caller removes it).
source "$(dirname "$0")/../http/lib.sh"
start_school >/dev/null || exit 1
trap - EXIT
echo "$T"
