# Leading attendance (issue 13) for the HTTP tests: what the role matrix
# needs to exist (number 1 of each): a self-assessment, a target of the
# action plan, an action owned by teach7a, an approved award list. Made
# through the API as the attendance lead, after start_server.
start_leading() {
  signin lead || return 1
  req lead POST /api/self-assessments '{"held_on":"2026-11-27","title":"Autumn review"}'
  [ "$STATUS" = 201 ] || { echo "start_leading: self-assessment $STATUS $(cat "$T/body")"; return 1; }
  req lead POST /api/plan/targets '{"title":"Fewer pupils persistently absent in Year 7","measure":"persistent_pct","cohort":"year=7","baseline":"30","baseline_date":"2026-11-02","goal":"20","goal_date":"2027-07-16"}'
  [ "$STATUS" = 201 ] || { echo "start_leading: target $STATUS $(cat "$T/body")"; return 1; }
  req lead POST /api/plan/actions '{"title":"Tutor check-ins with the pupils of 7A","owner":"teach7a","due":"2026-12-18","foundation":3,"step":2,"target":1}'
  [ "$STATUS" = 201 ] || { echo "start_leading: action $STATUS $(cat "$T/body")"; return 1; }
  req lead POST /api/recognition/lists '{"award":1}'
  [ "$STATUS" = 201 ] || { echo "start_leading: list $STATUS $(cat "$T/body")"; return 1; }
  req lead POST /api/recognition/lists/1 '{"decision":"approve"}'
  [ "$STATUS" = 200 ] || { echo "start_leading: approve $STATUS $(cat "$T/body")"; return 1; }
}
