# Many schools in one database (issue 9): init --add and --trust, each
# command on the school ATTEND_SCHOOL names, users in several schools and
# the trust roles, and bad input changing nothing.
. "$(dirname "$0")/lib.sh"

expect_ok init --urn 100001 --name "Riverside Academy" --phase secondary
expect_ok init --add --urn 100002 --name "Hillside Primary" --phase primary --trust "North Star"
expect_out "Hillside Primary \(URN 100002\) is in the trust North Star"
expect_error 1 "urn: the database already has Hillside Primary \(URN 100002\)" \
  init --add --urn 100002 --name "Again"
expect_error 2 "--add needs the --urn" init --add --name "No URN"
expect_error 1 "trust is empty" init --trust ""
expect_eq "$(db_query 'select count(*) from schools')" 2 "two schools"

# Each school its own calendar and pupils, by ATTEND_SCHOOL.
cat >cal.csv <<CSV
start,end,kind,label
2025-09-03,2025-10-24,term,Autumn 1
CSV
cat >pupils.csv <<CSV
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal
A820200125001,Adams,Amy,2014-01-10,F,7,7A,2025-09-01,,N,N,N,N
CSV
ATTEND_SCHOOL=100002 expect_ok import calendar cal.csv
ATTEND_SCHOOL=100002 expect_ok import pupils pupils.csv
expect_eq "$(db_query "select count(*) from enrolments e join schools s on s.id = e.school_id where s.urn = '100002'")" 1 "the pupil is in school B"
expect_eq "$(db_query "select count(*) from enrolments e join schools s on s.id = e.school_id where s.urn = '100001'")" 0 "... and not in school A"
ATTEND_SCHOOL=999999 expect_error 1 "no school with URN 999999" stats

# Users: a trust role needs the school in a trust; join gives a second school.
echo 'a long password' | ATTEND_SCHOOL=100001 expect_error 1 "role: Riverside Academy is in no trust" \
  user add boss --role trust_leader --password-stdin
expect_ok init --trust "North Star"
echo 'a long password' | expect_ok user add boss --role trust_leader --password-stdin
echo 'a long password' | expect_ok user add amy --role office --password-stdin
ATTEND_SCHOOL=100002 expect_ok user join amy --role teacher --forms 7A
expect_out "amy joined as teacher"
ATTEND_SCHOOL=100002 expect_error 1 "name: amy already belongs to Hillside Primary" user join amy --role office
ATTEND_SCHOOL=100002 expect_error 1 "name: there is no user nobody" user join nobody --role office
ATTEND_SCHOOL=100002 expect_error 1 "role: a trust role" user join amy --role trust_attendance_lead
ATTEND_SCHOOL=100002 expect_error 1 "role 'chief' is not" user join amy --role chief
expect_eq "$(db_query 'select count(*) from user_schools')" 1 "one membership"
ATTEND_SCHOOL=100002 expect_ok user list
expect_out "amy +teacher +forms 7A"
# 0011's role CHECKs take 0010's roles: a head teacher of A who is also a
# parent in B, linked there through the child's contact (`join --children`).
echo 'a long password' | expect_ok user add hana --role head --password-stdin
cat >contacts.csv <<CSV
upn,priority,name,relationship,phone,mobile,email,address,postcode,language,parental_responsibility,lives_with_pupil,receives_mail
A820200125001,1,Hana Adams,mother,,07700 900111,,,,en,Y,Y,N
CSV
ATTEND_SCHOOL=100002 expect_ok import contacts contacts.csv
ATTEND_SCHOOL=100002 expect_ok user join hana --role parent --children A820200125001
expect_out "linked hana to A820200125001 through Hana Adams, mother"
expect_eq "$(db_query "select us.role || ' ' || s.urn from user_schools us join users u on u.id = us.user_id join schools s on s.id = us.school_id where u.username = 'hana'")" "parent 100002" "hana is a parent in B"
expect_eq "$(db_query "select count(*) from family_links l join schools s on s.id = l.school_id join users u on u.id = l.user_id where u.username = 'hana' and s.urn = '100002'")" 1 "... linked to B's pupil in B"
ATTEND_SCHOOL=100002 expect_error 2 "--children goes with parent" user join amy --role office --children A820200125001
echo ok
