# attend patterns: absence by day and session, next to holidays, lateness
# with its minutes in days and lessons (school settings), pupils' notes,
# groups, one pupil, and bad input.
. "$(dirname "$0")/analytics_fixture.sh"
analytics_school

expect_ok patterns --json
# Mondays: P1 8, P2 2, P3 6 (3 Mondays of Autumn 2), P5 2, P6 2 = 20 of 96
# possible (P4 joined for 2 Mondays; P5 left after 6).
expect_json '[d["school"]["by_day"][0][k] for k in ("day", "possible", "absence", "absence_pct")]' '["Monday",96,20,20.83]'
expect_json '[d["school"]["possible"], d["school"]["absence"]]' '[480,59]'
expect_json '[s["absence"] for s in d["school"]["by_session"]]' '[34,25]'
# Next to holidays: after a break are Wed 3 Sep (5 pupils) and Mon 3 Nov (4):
# 18 sessions, 2 absent (P3 on 3 Nov); before a break, Fri 24 Oct: 8, none.
# Against the other days (57 of 454): 2/18 - 57/454 = -1.44 points,
# 0/8 - 57/454 = -12.56.
H='d["school"]["next_to_holidays"]'
expect_json "[$H['after']['possible'], $H['after']['absence'], $H['before']['possible'], $H['before']['absence'], $H['after_gap_pp'], $H['before_gap_pp']]" \
	'[18,2,8,0,-1.44,-12.56]'
# Lateness: P4's two L (15 minutes each) and one U (40): 70 minutes is 0.2
# of a 390-minute day, and 70 x 5 / 390 = 0.9 lessons.
expect_json 'd["school"]["lateness"]' \
	'{"late_before_close":2,"late_after_close":1,"minutes":70,"days_lost":0.2,"lessons_lost":1,"text":"70 minutes: 0.2 days (about 1 lesson)"}'
expect_json 'd["settings"]' '{"lessons_per_day":5,"school_day_minutes":390}'

# Notes.
expect_eq "$(pupil "$P1" 'p["notes"][0]["text"]')" '"8 of 8 absent sessions were on a Monday"' "P1 note"
expect_eq "$(pupil "$P3" 'p["notes"][0]')" '{"kind":"day","value":"Friday","absence":12,"of":34,"text":"12 of 34 absent sessions were on a Friday"}' "P3 note"
expect_eq "$(pupil "$P6" 'p["notes"]')" \
	'[{"kind":"day","value":"Tuesday","absence":8,"of":10,"text":"8 of 10 absent sessions were on a Tuesday"},{"kind":"session","value":"AM","absence":9,"of":10,"text":"9 of 10 absent sessions were in the morning"}]' "P6 notes"
expect_eq "$(pupil "$P4" 'p["notes"]')" '[]' "P4: one absence is no pattern"
expect_eq "$(pupil "$P4" '[p["by_day"][4]["absence"], p["by_day"][4]["minutes_late"], p["lateness"]["minutes"]]')" '[1,40,70]' "P4 Friday"

# Groups: SEN support (P3) against none.
expect_ok patterns --group send --json
expect_json '[[g["value"], g["pupils"], g["absence"]] for g in d["groups"]]' '[["N",5,25],["K",1,34]]'

# One pupil.
expect_ok patterns --upn "$P6" --json
expect_json '[p["upn"] for p in d["pupils"]]' "[\"$P6\"]"
expect_ok patterns --upn "$P6"
expect_text "U801225000006 Ford, Fin: 9 of 10 absent sessions were in the morning"
expect_text "Tuesday                               20        8    40.0%      80.0%      0"

# The school's settings change what lateness costs: 8 lessons in a 60-minute
# day make 70 minutes 1.2 days and 9.3 lessons.
setting() {
	db_query "INSERT INTO settings (school_id, key, value, changed_by, changed_at)
		SELECT id, '$1', '$2', 'test', '2025-11-19T00:00:00.000Z' FROM schools WHERE true
		ON CONFLICT (school_id, key) DO UPDATE SET value = excluded.value" || fail "setting $1"
}
setting lessons_per_day 8
setting school_day_minutes 60
expect_ok patterns
expect_text "Late: 2 before the register closed, 1 after; 70 minutes: 1.2 days (about 9 lessons)"
setting lessons_per_day 0
expect_error 1 "setting lessons_per_day is '0': it must be a whole number from 1 to 12" patterns
setting lessons_per_day 5
setting school_day_minutes lots
expect_error 1 "setting school_day_minutes is 'lots'" trends
setting school_day_minutes 390

# Bad input.
expect_error 1 "to '2025-02-30' is not a date" patterns --to 2025-02-30
expect_error 1 "group field 'year' is given twice" patterns --group year,year
expect_error 1 "UPN 'y801225000001': a UPN starts with a capital check letter" patterns --upn y801225000001
expect_error 2 "--json takes no value" patterns --json=yes
expect_ok patterns --help
expect_out "^usage: attend patterns"
