#!/usr/bin/env bash
# Makes the school of tests/http/dash_lib.sh (lib.sh's school with a term of
# marks) in a temporary folder for the dashboards' browser test, and prints
# the folder (the caller removes it).
source "$(dirname "$0")/../http/dash_lib.sh"
{ start_school && school_marks; } >/dev/null || exit 1
trap - EXIT
echo "$T"
