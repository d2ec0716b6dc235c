# Sourced by the analytics CLI tests (test_trends.sh, test_patterns.sh,
# test_stats_groups.sh): lib.sh's checks, JSON and text checks of our own,
# and a small school with a hand-worked register, "as of" Wednesday
# 19 November 2025.
#
# Calendar: Autumn 1 Mon 1 Sep - Fri 24 Oct 2025 (INSET 1-2 Sep, so school
# from Wed 3 Sep: 38 days), half-term week of 27 Oct, Autumn 2 Mon 3 Nov -
# Fri 19 Dec (INSET Fri 14 Nov). To Wed 19 Nov: 50 school days, 100 sessions.
#
# Pupils (all present unless said):
#   P1 Y7 7A F FSM        absent (O) on Mondays 8, 15, 22, 29 Sep: 8 of 100
#   P2 Y7 7B M            Mon 17 Nov I I, Tue 18 Nov N N: 4 of 100
#   P3 Y8 8A F FSM SEN K  absent (I) Fridays 5, 12, 19, 26 Sep and 3 Oct, and
#                         (O) every day of Autumn 2: 34 of 100
#   P4 Y8 8A M            joins Wed 5 Nov; late L 15 min Wed 5 and Thu 6 Nov AM,
#                         U 40 min Fri 7 Nov AM: 1 of 20
#   P5 Y7 7A F            leaves Tue 14 Oct; G G on Mon 13 Oct: 2 of 60
#   P6 Y7 7B U FSM EAL    absent (I) every Tuesday morning of Autumn 1 (7), and
#                         N on Mon 17 Nov AM and PM and Tue 18 Nov AM: 10 of 100
set -u
export ATTEND_NOW=2025-11-19T16:00
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

P1=Y801225000001
P2=M801225000002
P3=B801225000003
P4=Q801225000004
P5=E801225000005
P6=U801225000006

# jget EXPR: EXPR (Python, over the JSON of the last command's stdout as d)
# as compact JSON, for exact comparisons: jget 'd["school"]["counts"]'.
jget() {
	python3 -c 'import json, sys
d = json.load(sys.stdin)
print(json.dumps(eval(sys.argv[1]), separators=(",", ":")))' "$1" <<<"$out"
}
# pupil UPN EXPR: EXPR over that pupil's object p, as compact JSON.
pupil() { jget "(lambda p: $2)([x for x in d['pupils'] if x['upn'] == '$1'][0])"; }
# expect_json EXPR WANT: the compact JSON of EXPR is WANT.
expect_json() { expect_eq "$(jget "$1")" "$2" "$1"; }
# expect_text TEXT: stdout holds TEXT as it is (no pattern characters).
expect_text() { grep -qF -- "$1" <<<"$out" || fail "output does not contain '$1':
$out"; }

school_days() { # FROM TO: the school days of the fixture calendar
	local d=$1
	while [[ "$d" < "$2" || "$d" == "$2" ]]; do
		case $d in
		2025-09-01 | 2025-09-02 | 2025-11-14 | 2025-10-2[5-9] | 2025-10-3? | 2025-11-0[12]) ;;
		*) [ "$(date -d "$d" +%u)" -le 5 ] && echo "$d" ;;
		esac
		d=$(date -d "$d + 1 day" +%F)
	done
}

# code UPN DATE SESSION: the fixture's mark, or nothing when not on roll.
code_of() {
	local upn=$1 d=$2 s=$3 wd
	wd=$(date -d "$d" +%u)
	case $upn in
	"$P1") [[ $d == 2025-09-08 || $d == 2025-09-15 || $d == 2025-09-22 || $d == 2025-09-29 ]] && echo O && return ;;
	"$P2") [[ $d == 2025-11-17 ]] && echo I && return
		[[ $d == 2025-11-18 ]] && echo N && return ;;
	"$P3") [[ $d > 2025-11-01 ]] && echo O && return
		[[ $d == 2025-09-05 || $d == 2025-09-12 || $d == 2025-09-19 || $d == 2025-09-26 || $d == 2025-10-03 ]] && echo I && return ;;
	"$P4") [[ $d < 2025-11-05 ]] && return
		[[ $s == AM && ($d == 2025-11-05 || $d == 2025-11-06) ]] && echo L && return
		[[ $s == AM && $d == 2025-11-07 ]] && echo U && return ;;
	"$P5") [[ $d > 2025-10-14 ]] && return
		[[ $d == 2025-10-13 ]] && echo G && return ;;
	"$P6") [[ $wd == 2 && $s == AM && $d < 2025-10-25 ]] && echo I && return
		[[ $d == 2025-11-17 || ($d == 2025-11-18 && $s == AM) ]] && echo N && return ;;
	esac
	[ "$s" = AM ] && echo / || echo '\'
}

minutes_of() {
	case "$1,$2,$3" in
	"$P4,2025-11-05,AM" | "$P4,2025-11-06,AM") echo 15 ;;
	"$P4,2025-11-07,AM") echo 40 ;;
	esac
}

# analytics_school: creates $ATTEND_DB with the fixture school.
analytics_school() {
	cat >calendar.csv <<'CSV'
start,end,kind,label
2025-09-01,2025-10-24,term,Autumn 1
2025-11-03,2025-12-19,term,Autumn 2
2025-09-01,2025-09-02,inset,
2025-11-14,2025-11-14,inset,
CSV
	cat >pupils.csv <<CSV
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal
$P1,Able,Ann,2014-01-10,F,7,7A,2025-09-01,,Y,Y,N,N
$P2,Baker,Ben,2014-02-11,M,7,7B,2025-09-01,,N,N,N,N
$P3,Cole,Cara,2013-03-12,F,8,8A,2025-09-01,,Y,Y,K,N
$P4,Dale,Dan,2013-04-13,M,8,8A,2025-11-05,,N,N,N,N
$P5,Eves,Eve,2014-05-14,F,7,7A,2025-09-01,2025-10-14,N,N,N,N
$P6,Ford,Fin,2014-06-15,U,7,7B,2025-09-01,,Y,N,N,Y
CSV
	{
		echo "upn,date,session,code,minutes_late"
		local days
		days=$(school_days 2025-09-01 2025-11-19)
		for upn in "$P1" "$P2" "$P3" "$P4" "$P5" "$P6"; do
			for d in $days; do
				for s in AM PM; do
					local c
					c=$(code_of "$upn" "$d" "$s")
					[ -n "$c" ] && echo "$upn,$d,$s,$c,$(minutes_of "$upn" "$d" "$s")"
				done
			done
		done
	} >marks.csv
	"$ATTEND" init --urn 123456 --name "Analytics Test School" >/dev/null || fail "init"
	"$ATTEND" import calendar calendar.csv >/dev/null || fail "import calendar"
	"$ATTEND" import pupils pupils.csv >/dev/null || fail "import pupils"
	"$ATTEND" import marks marks.csv >/dev/null || fail "import marks"
}
