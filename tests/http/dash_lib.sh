# Shared by the dashboard tests (test_dash_*.sh): the school of lib.sh with
# a term of marks (absences of every kind, a Monday pattern, a severely
# absent pupil, lateness with minutes, a holiday, an amendment), and helpers
# that read the figures a page carries (data-k, data-v) and hold them to
# `attend stats`, `attend trends` and `attend patterns`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Marks for every pupil on roll, every school day from 3 September to the
# morning of 27 November 2026, from a rule per pupil so the figures vary.
school_marks() {
  local days
  days=$(awk 'BEGIN {
    for (t = mktime("2026 09 03 12 00 00"); t <= mktime("2026 11 27 12 00 00"); t += 86400) {
      d = strftime("%Y-%m-%d", t); w = strftime("%u", t)
      if (w > 5 || (d > "2026-10-23" && d < "2026-11-03") || d == "2026-11-02") continue
      print d, w
    } }')
  {
    echo "upn,date,session,code,minutes_late"
    awk -F, 'NR > 1 { print $1, $8, $9 }' "$T/pupils.csv" | while read -r upn admitted left; do
      echo "$days" | awk -v upn="$upn" -v adm="$admitted" -v left="$left" '
        { n++; d = $1; w = $2
          if (d < adm || (left != "" && d > left)) next
          k = (n * 7 + length(upn) + substr(upn, 13, 1) * 13) % 29
          am = "/"; pm = "\\"; mam = ""
          if (upn ~ /126002$/ && w == 1) { am = "I"; pm = "I" }            # Mondays
          else if (upn ~ /126003$/ && k < 16) { am = "N"; pm = "O" }       # severely absent
          else if (upn ~ /125022$/ && d >= "2026-10-12" && d <= "2026-10-16") { am = "G"; pm = "G" }
          else if (k == 3) { am = "I"; pm = "I" }
          else if (k == 5) { am = "M" }
          else if (k == 7 && upn ~ /126004$/) { am = "L"; mam = 12 }
          else if (k == 11 && upn ~ /12601[123]$/) { am = "U"; mam = 35 }
          else if (k == 13) { pm = "N" }
          if (d == "2026-11-27") { print upn "," d ",AM," am "," mam; next }
          print upn "," d ",AM," am "," mam
          print upn "," d ",PM," pm ","
        }'
    done
  } >"$T/marks.csv"
  "$ATTEND" import marks "$T/marks.csv" >/dev/null || return 1
  # an amendment: Ben Brown's N on 2 October becomes I, with a reason
  printf 'upn,date,session,code,minutes_late\n%s,2026-10-02,AM,I,\n' "$U7A2" >"$T/amend.csv"
  "$ATTEND" import marks "$T/amend.csv" --reason "mum rang: flu" >/dev/null || return 1
}

# "key value" for every figure of the page in $PAGE (default: the last answer).
figures() {
  grep -o 'data-k="[^"]*" data-v="[^"]*"' "${PAGE:-$T/body}" |
    sed -E 's/data-k="([^"]*)" data-v="([^"]*)"/\1 \2/'
}
# The value of one figure of the page.
fig() { figures | awk -v k="$1" '$1 == k { print $2; exit }'; }
# The periods of a page: "name from to".
periods() {
  grep -o 'data-period="[a-z_]*" data-from="[0-9-]*" data-to="[0-9-]*"' "${PAGE:-$T/body}" |
    sed -E 's/data-period="([^"]*)" data-from="([^"]*)" data-to="([^"]*)"/\1 \2 \3/'
}
# same A B: two numbers (or null) are equal.
same() {
  [ "$1" = null ] || [ "$2" = null ] && { [ "$1" = "$2" ]; return; }
  awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 == b + 0) }'
}
# held KEY VALUE [LABEL]: the page's figure KEY equals the value (a check).
held() {
  local got
  got=$(fig "$1")
  if [ -n "$got" ] && same "$got" "$2"; then ok "${3:-$1} = $2"; else bad "${3:-$1}: page '$got', CLI $2"; fi
}
# cli FILE ARGS...: attend's JSON into FILE.
cli() {
  local f=$1
  shift
  "$ATTEND" "$@" >"$T/$f" || bad "attend $* failed"
}
jv() { jq -r "$2" "$T/$1"; }
# School days of the calendar of lib.sh from 2 September 2026 to DATE.
school_days_until() {
  awk -v to="$1" 'BEGIN {
    for (t = mktime("2026 09 03 12 00 00"); strftime("%Y-%m-%d", t) <= to; t += 86400) {
      d = strftime("%Y-%m-%d", t)
      if (strftime("%u", t) > 5 || (d > "2026-10-23" && d < "2026-11-03") || d == "2026-11-02" ||
          d > "2026-12-18") continue
      n++
    }
    print n }'
}
