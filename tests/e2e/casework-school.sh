#!/usr/bin/env bash
# The school of tests/http/lib.sh with the casework tests' register
# (tests/http/casework_fixture.sh: Dan Davies absent every Monday, and
# others) and a DSL, in a temporary folder for the casework browser test;
# prints the folder (the caller removes it).
source "$(dirname "$0")/../http/lib.sh"
source "$(dirname "$0")/../http/casework_fixture.sh"
{ start_school && add_user dsl dsl && casework_register; } >/dev/null || exit 1
trap - EXIT
echo "$T"
