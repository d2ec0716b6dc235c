# attend stats --group with combinations (fsm,year), band distributions and
# cohort gaps against the rest of the school; bad --group values.
. "$(dirname "$0")/analytics_fixture.sh"
analytics_school

# One field keeps the contract ({"group","value",...}) and adds values,
# bands and the gap. FSM: 52 absent of 300 (17.33%), PA 2 of 3; the rest:
# 7 of 180 (3.89%), PA 0 of 3. Gap 52/300 - 7/180 = 7260/54000 = 13.44 points.
expect_ok stats --group fsm --json
Y='[g for g in d["groups"] if g["value"] == "Y"][0]'
expect_json "$Y[\"group\"]" '"fsm"'
expect_json "$Y[\"values\"]" '{"fsm":"Y"}'
expect_json "[$Y[k] for k in ('absence_pct', 'persistent_pct')]" '[17.33,66.67]'
expect_json "$Y[\"gap\"]" '{"rest_pupils":3,"absence_pp":13.44,"persistent_pp":66.67,"severe_pp":0.0}'
# bands: P1 8%, P6 10%, P3 34%
expect_json "[$Y[\"bands\"][b] for b in ('0-5', '5-10', '10-15', '30-35')]" '[0,1,1,1]'
expect_json '[g["gap"]["absence_pp"] for g in d["groups"] if g["value"] == "N"]' '[-13.44]'

# Combinations: FSM x year. Y/7 is P1 and P6, 18 of 200 (9%); the rest 41 of
# 280: 18/200 - 41/280 = -5.64 points.
expect_ok stats --group fsm,year --json
expect_json '[g["value"] for g in d["groups"]]' '["N/7","N/8","Y/7","Y/8"]'
Y7='[g for g in d["groups"] if g["value"] == "Y/7"][0]'
expect_json "[$Y7[k] for k in ('group', 'values', 'pupils', 'possible', 'absence_pct')]" \
	'["fsm,year",{"fsm":"Y","year":"7"},2,200,9.0]'
expect_json "$Y7[\"gap\"][\"absence_pp\"]" '-5.64'
expect_ok stats --group FSM,Year
expect_text "By fsm,year"
expect_text "Y/7                2       200    91.0%     9.0%     -5.6"

# A range that cuts enrolments: from Wednesday 5 November, when P4 joins (P5
# left in October). Not FSM: P2 4 + P4 1 of 40 = 12.5%; FSM: P1 0, P3 20,
# P6 3 of 60 = 38.33%; gap 23/60 - 5/40 = 25.83 points.
expect_ok stats --from 2025-11-05 --to 2025-11-19 --group fsm --json
expect_json '[[g["value"], g["pupils"], g["possible"], g["absence_pct"], g["gap"]["absence_pp"]] for g in d["groups"]]' \
	'[["N",2,40,12.5,-25.83],["Y",3,60,38.33,25.83]]'

# Bad --group values: exit 1 and a message naming the field and the rule.
expect_error 1 "group 'colour' is not year, form, gender, fsm, pp, send or eal" stats --group fsm,colour
expect_error 1 "attend stats: group 'colour' is not year" stats --group colour
expect_error 1 "group field 'fsm' is given twice" stats --group fsm,fsm
expect_error 1 "group combines at most 3 fields" stats --group year,form,gender,fsm
expect_error 1 "group is empty" stats --group ""
expect_error 1 "group '' is not" stats --group fsm,
expect_error 2 "--group needs a value" stats --group
# An explicit --to before --from is an error, not a silently widened range.
expect_error 1 "from \(2025-11-19\) is after to \(2025-11-01\)" stats --from 2025-11-19 --to 2025-11-01
