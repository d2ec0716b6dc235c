#!/usr/bin/env bash
# The school of tests/http/dash_lib.sh (a term of marks, to the morning of
# Friday 27 November 2026) for the browser test of leading attendance, in
# a temporary folder (printed last; the caller removes it).
source "$(dirname "$0")/../http/dash_lib.sh"
{ start_school && school_marks; } >/dev/null || exit 1
trap - EXIT
echo "$T"
