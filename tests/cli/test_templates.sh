# Message templates: the built-ins in English and Polish, editing with the
# field check, every merge field's value, and previews.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/comms_lib.sh"
comms_school
U=A123456789012

expect_ok template list
expect_eq "$(grep -c . <<<"$out")" 26 "built-in templates (12 in English and Polish, 2 notices to professionals in English)"
for t in first-day-absence first-day-absence-email concern-letter support-meeting praise-improvement \
         recognition-100 recognition-most-improved recognition-award head-termly-letter \
         family-invitation leave-granted leave-refused; do
  for l in en pl; do grep -qE "^$t +$l " <<<"$out" || fail "no $t in $l"; done
done
# init again adds nothing and keeps edits
expect_ok template show concern-letter --language pl
expect_out "Szanowni Państwo"

# every merge field, worked out by hand for Anna on Monday 1 December 2025:
# 56 school days so far (38 in Autumn 1 from 3 September, 18 in Autumn 2 to
# 27 November): 112 sessions. She missed 10 Mondays and 11-12 November: 24
# sessions = 12 days = 60 lessons; attendance 88/112 = 78.6%. A month ago
# (to 1 November): 76 possible, 7 Mondays missed: 62/76 = 81.6%.
# Back to 90%: k = ceil((9000*112 - 10000*88) / (2*1000)) = 64 days, more
# than the 14 left (to Friday 19 December): at best 116/140 = 82.9%.
fields=$(for f in $("$ATTEND" template fields | sed 's/^{{\([a-z_0-9]*\)}}.*/\1/'); do printf '%s=[{{%s}}]\n' "$f" "$f"; done)
printf '%s\n' "$fields" > all.txt
expect_ok template set every-field --file all.txt --channel email --subject "all {{pupil_name}}" --description "every field" --by admin
# the fields the sender gives (recognition's award; issue 12 added those of
# invitations and leave)
given=(--field "award=100% this week" --field "invitation_code=ABCD-EFGH-JKLM-NPQR" --field "invitation_link=https://x/invite"
       --field "invitation_expires=Friday" --field "leave_dates=Monday" --field "leave_days_lessons=1 day"
       --field "leave_reason=a wedding" --field "leave_decision_reason=not exceptional")
expect_ok message preview --template every-field --upn $U --field "meeting_when=Tuesday 9 December at 3:30pm" "${given[@]}"
want() { grep -qxF "$1=[$2]" <<<"$out" || fail "field $1: expected [$2] in:
$out"; }
want pupil_forename Anna
want pupil_surname Smith
want pupil_name "Anna Smith"
want year_group 5
want form 5A
want contact_name "Jane Smith"
want contact_relationship mother
want school_name "Test Academy"
want school_address "Church Lane, Leeds, LS6 3AA"
want school_phone "0113 496 0000"
want school_email "office@test-academy.example"
want head_teacher "Ms R. Fielding"
want attendance_lead "Miss Bethany"
want today "Monday 1 December 2025"
want sessions_missed 24
want sessions_possible 112
want days_missed "12 days"
want lessons_missed "about 60 lessons"
want days_lessons_missed "12 days (about 60 lessons)"
want attendance_pct "78.6%"
want back_to_90 "back to 90% by Friday 19 December 2025 is no longer possible: 14 school days are left, and attending all of them would reach 82.9%"
want back_to_90_date ""
want back_to_90_days 64
want trend "down from 81.6% a month ago"
want attendance_month_ago "81.6%"
want meeting_when "Tuesday 9 December at 3:30pm"
want award "100% this week"
want invitation_code "ABCD-EFGH-JKLM-NPQR"
want leave_decision_reason "not exceptional"
grep -q "^support_offer=\\[a meeting with our attendance lead" <<<"$out" || fail "support_offer default"
expect_out "^subject:  all Anna Smith$"
# no Polish version of this template yet: English is used, and the preview says so
expect_ok message preview --template every-field --upn $U --language pl --field "meeting_when=wtorek" "${given[@]}"
expect_out "today=\\[Monday 1 December 2025\\]"
expect_out "language: en \\(the template has no version in the contact's language\\)"
printf '%s\n' "$fields" > all_pl.txt
expect_ok template set every-field --language pl --file all_pl.txt --subject "wszystko" --by admin
expect_ok message preview --template every-field --upn $U --language pl --field "meeting_when=wtorek" "${given[@]}"
want days_missed "12 dni"
want lessons_missed "około 60 lekcji"
want attendance_pct "78,6%"
want today "1 grudnia 2025 r."
want trend "spadek z 81,6% miesiąc temu"
want back_to_90 "powrót do 90% do 19 grudnia 2025 r. nie jest już możliwy (pozostałe dni szkolne: 14; pełna obecność da 82,9%)"

# Ben (all present) is already above 90%
expect_ok message preview --template every-field --upn P123456789013 --language en --field meeting_when=x "${given[@]}"
want back_to_90 "already at 90% or above"
want back_to_90_days 0
want attendance_pct "100.0%"
want trend "about the same as a month ago, when it was 100.0%"

# the built-ins render for their contacts; Ben's mother reads Polish
expect_ok message preview --template first-day-absence --upn $U
expect_out "to:       Jane Smith, mother \\(contact 1\\) by sms: \\+447700900123"
expect_out "size:     [0-9]+ characters, 1 text$"
expect_out "Test Academy: Anna is not in school today and we haven't heard why"
expect_ok message preview --template first-day-absence --upn P123456789013
expect_out "language: pl$"
expect_out "size:     [0-9]+ characters, [0-9]+ texts? \\(not GSM: sent as Unicode\\)"
expect_out "Ben nie ma dziś w szkole"
for t in concern-letter head-termly-letter recognition-100 recognition-most-improved praise-improvement first-day-absence-email; do
  expect_ok message preview --template $t --upn $U
  expect_ok message preview --template $t --upn P123456789013
done
expect_ok message preview --template support-meeting --upn $U --field "meeting_when=Tuesday 9 December at 3:30pm"
expect_out "on Tuesday 9 December at 3:30pm at Test Academy"
expect_ok message preview --template concern-letter --upn $U --html
expect_out "^<p>Dear Jane Smith,</p>$"
expect_out "<p>We are writing because we are worried about Anna. So far this school year Anna has missed 12 days \\(about 60 lessons\\)"

# editing: a school's own wording, checked field by field
printf 'Hello {{contact_name}}, {{pupil_forename}} missed {{days_missed}}.\n' > mine.txt
expect_ok template set first-day-absence --file mine.txt --by admin
expect_ok template list
expect_out "^first-day-absence +en +sms +.*\\(edited\\)"
expect_ok message preview --template first-day-absence --upn $U
expect_out "^Hello Jane Smith, Anna missed 12 days.$"

before=$(db_dump)
printf 'Dear {{contact_name}},\n\nAnna missed {{days_mised}} this year.\n' > typo.txt
expect_error 1 "attend template: body line 3: unknown field \\{\\{days_mised\\}\\} \\(the fields are: pupil_forename, " template set concern-letter --file typo.txt --subject s --by admin
printf 'Dear {{contact_name}\n' > open.txt
expect_error 1 "body line 1: \"\\{\\{\" is not closed by \"\\}\\}\" on the same line" template set concern-letter --file open.txt --subject s --by admin
printf 'Dear {{ }}\n' > empty.txt
expect_error 1 "body line 1: \"\\{\\{\\}\\}\" names no field" template set concern-letter --file empty.txt --subject s --by admin
printf 'Hi {{<script>}}\n' > script.txt
expect_error 1 "unknown field \\{\\{<script>\\}\\}" template set concern-letter --file script.txt --subject s --by admin
printf 'fine\n' > fine.txt
expect_error 1 "attend template: subject line 1: unknown field \\{\\{name\\}\\}" template set concern-letter --file fine.txt --subject "About {{name}}" --by admin
expect_error 1 "subject: an letter template needs --subject" template set concern-letter --file fine.txt --by admin
expect_error 1 "subject: a text message has no subject" template set first-day-absence --file fine.txt --subject Hi --by admin
expect_error 1 "channel 'fax' is not sms, email or letter" template set new-one --file fine.txt --channel fax --by admin
expect_error 1 "channel '\\(none given\\)' is not sms, email or letter" template set new-one --file fine.txt --by admin
expect_error 1 "template new-one has no English version yet" template set new-one --language pl --file fine.txt --channel sms --by admin
expect_error 1 "template concern-letter is a letter template in English: every language has the same channel" template set concern-letter --language pl --channel sms --file fine.txt --by admin
expect_error 1 "language 'ur' has no merge-field wording: templates are en or pl" template set concern-letter --language ur --file fine.txt --subject s --by admin
expect_error 1 "template name 'Bad Name' is not 1-63 lowercase letters" template set "Bad Name" --file fine.txt --channel sms --by admin
expect_error 1 "file: cannot read nothere.txt" template set x --file nothere.txt --channel sms --by admin
printf '\xff\xfe\n' > binary.txt
expect_error 1 "binary.txt is not UTF-8 text" template set x --file binary.txt --channel sms --by admin
: > blank.txt
expect_error 1 "blank.txt is empty" template set x --file blank.txt --channel sms --by admin
expect_error 2 "--by USER is required" template set x --file fine.txt --channel sms
[ "$(db_dump)" = "$before" ] || fail "a refused template changed the database"

# previews and sends that can't be made say why
expect_error 1 "template: no template named 'nope'" message preview --template nope --upn $U
expect_error 1 "upn: no pupil with UPN Z1" message preview --template concern-letter --upn Z1
expect_error 1 "template support-meeting uses \\{\\{meeting_when\\}\\} \\(when the meeting is \\(given when sending\\)\\): give --field meeting_when=..." message preview --template support-meeting --upn $U
expect_error 1 "--field pupil_name=Bob: only supplied fields can be given" message preview --template concern-letter --upn $U --field pupil_name=Bob
expect_error 1 "--field nonsense: only supplied fields" message preview --template concern-letter --upn $U --field nonsense
expect_error 1 "contact: pupil $U has no contact of priority 7" message preview --template concern-letter --upn $U --contact 7
expect_error 1 "contact 2 of pupil $U \\(Tom Smith\\) does not receive the school's letters" message preview --template concern-letter --upn $U --contact 2
expect_error 1 "contact 2 of pupil $U \\(Tom Smith\\) has no email address" message preview --template praise-improvement --upn $U --contact 2
expect_error 1 "via goes with letters only" message preview --template praise-improvement --upn $U --via post
expect_error 1 "via 'pigeon' is not email or post" message preview --template concern-letter --upn $U --via pigeon
expect_error 1 "language 'fr' is not en or pl" message preview --template concern-letter --upn $U --language fr
expect_error 1 "pupil D123456789014 has no contact who can get a text \\(one with a mobile number, not marked do not contact\\)" message preview --template first-day-absence --upn D123456789014
expect_error 1 "pdf: first-day-absence is not a letter" message preview --template first-day-absence --upn $U --pdf x.pdf
db_query "delete from settings where key = 'school_phone'"
expect_error 1 "school_phone: template concern-letter uses \\{\\{school_phone\\}\\}, and setting school_phone is not set" message preview --template concern-letter --upn $U
