# Shared helpers for the CLI tests: source it, then call the checks. Each
# check exits the test with a message naming what differed.
set -u
: "${ATTEND:?}"
. "$(dirname "${BASH_SOURCE[0]}")/../lib-db.sh"
ATTEND_DB=$(db_new test) || { echo "FAILED: cannot make the test's database" >&2; exit 1; }
export ATTEND_DB
export ATTEND_NOW=${ATTEND_NOW:-2025-12-01T12:00}

fail() { echo "FAILED: $*" >&2; exit 1; }

# run CMD...: runs attend, keeping stdout/stderr/status in $out $err $status
run() {
  out=$("$ATTEND" "$@" 2>"$PWD/.stderr"); status=$?
  err=$(cat "$PWD/.stderr")
}
expect_status() {
  [ "$status" -eq "$1" ] || fail "expected exit $1, got $status for: $2
stdout: $out
stderr: $err"
}
expect_ok() { run "$@"; expect_status 0 "$*"; }
# expect_error STATUS PATTERN CMD...: fails with that status and stderr matching
expect_error() {
  local want=$1 pat=$2; shift 2
  run "$@"
  expect_status "$want" "$*"
  grep -qE -- "$pat" <<<"$err" || fail "stderr of '$*' does not match /$pat/:
$err"
}
expect_out() { grep -qE -- "$1" <<<"$out" || fail "output does not match /$1/:
$out"; }
expect_eq() { [ "$1" = "$2" ] || fail "${3:-values differ}: expected '$2', got '$1'"; }

# jq-free JSON reading: python3 is on every Debian machine we support.
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

# A small school: autumn 2025 with INSET days and a bank holiday-free term.
make_school() {
  "$ATTEND" init --urn 100001 --name "Test Academy" >/dev/null || fail "init"
  cat > calendar.csv <<'CSV'
start,end,kind,label
2025-09-01,2025-10-24,term,Autumn 1
2025-09-01,2025-09-02,inset,
2025-11-03,2025-12-19,term,Autumn 2
2025-11-03,2025-11-03,inset,
2025-11-28,2025-11-28,closure,polling station
CSV
  "$ATTEND" import calendar calendar.csv >/dev/null || fail "import calendar"
  cat > pupils.csv <<'CSV'
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal
A123456789012,Smith,Anna,2015-03-01,F,5,5A,2025-09-01,,Y,Y,N,N
P123456789013,Jones,Ben,2015-05-01,M,5,5A,2025-09-01,,N,N,K,N
D123456789014,Patel,Chandra,2014-11-20,F,6,6B,2025-09-01,2025-10-10,N,N,E,Y
T123456789015,O'Brien,Dara,2015-01-09,M,6,6B,2025-09-15,,Y,N,N,N
CSV
  "$ATTEND" import pupils pupils.csv >/dev/null 2>&1 || fail "import pupils"
}
