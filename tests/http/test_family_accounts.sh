#!/usr/bin/env bash
# Families' own accounts (issue 12): linking a parent through a child's
# contact (attend user add --children), pupils' own accounts, invitations
# by email (through the outbox, with the link) and on paper, and what makes
# an invitation unusable: used, expired, withdrawn, the contact's details
# changed; an invitation opens its own child and no other; access ends when
# the contact loses parental responsibility, is marked do not contact, or
# the office ends the link.
source "$(dirname "$0")/lib.sh"
start_school || exit 1

# ---- linking from the command line ----
out=$(echo "$PASSWORD" | "$ATTEND" user add nolink --role parent --password-stdin 2>&1)
check "a parent needs --children (usage error)" test $? -eq 2
check "... saying so" grep -q "a parent needs --children" <<<"$out"
out=$(echo "$PASSWORD" | "$ATTEND" user add jo --role parent --children "$U8A1" --password-stdin 2>&1)
check "a contact without parental responsibility can't be linked" test $? -eq 1
check "... the message says why" grep -q "no contact with parental responsibility" <<<"$out"
out=$(echo "$PASSWORD" | "$ATTEND" user add twoparents --role parent --children "$U7B1,$U7A1" --password-stdin 2>&1)
check "Amy has two parents with responsibility: which one must be said" grep -q "has 2 contacts with parental responsibility (1 Ann Adams, mother; 2 Alan Adams, father): say which with $U7A1:PRIORITY" <<<"$out"
out=$(echo "$PASSWORD" | "$ATTEND" user add unknown --role parent --children "A999999999999" --password-stdin 2>&1)
check "an unknown UPN is refused" grep -q "no pupil with UPN A999999999999" <<<"$out"
check "... and no account was made" test "$(sql "select count(*) from users where username in ('nolink','jo','twoparents','unknown')")" = 0
out=$(echo "$PASSWORD" | "$ATTEND" user add greta --role parent --children "$U7B1" --password-stdin 2>&1)
check "Gus's mother is linked through her contact" grep -q "linked greta to $U7B1 through Greta Green, mother" <<<"$out"
out=$(echo "$PASSWORD" | "$ATTEND" user add kai --role pupil --pupil "$U8A2" --password-stdin 2>&1)
check "a Year 8 pupil gets their own account" grep -q "linked kai to pupil $U8A2 (their own account)" <<<"$out"
out=$(echo "$PASSWORD" | "$ATTEND" user add ann2 --role parent --children "$U7A1:1" --password-stdin 2>&1)
check "a second account for the same contact is allowed from the CLI" test $? -eq 0
out=$("$ATTEND" family links "$U7A1")
check "attend family links lists the accounts" grep -q "parent .*linked .* (cli)" <<<"$out"
check "... the pupil's own account too" grep -q "pupil .* self " <<<"$out"

start_server
signin office
signin parent
signin greta

# ---- invitations on paper ----
req office POST "/api/pupils/$U7A1/invitations" '{"contact":2,"delivery":"printed"}'
check "the office prints an invitation for Amy's father" status_is 201
check "... with its code" json_is '.code | test("^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$")' true
check "... and when it expires (14 days)" json_is .expires 2026-12-11
CODE=$(jq -r .code "$T/body")
check "only a hash of the code is kept" test "$(sql "select count(*) from family_invitations where code_hash like '%$CODE%'")" = 0
req office POST "/api/pupils/$U7A1/invitations" '{"contact":2,"delivery":"email"}'
check "Alan has no email address: no emailed invitation" status_is 400
check "... saying to print it" json_is .error "Alan Adams (contact 2) has no email address: print the invitation instead"
req office POST "/api/pupils/$U8A1/invitations" '{"contact":1,"delivery":"printed"}'
check "Jade's carer has no parental responsibility: no invitation" status_is 400
check "... naming the rule" body_has "only a contact with parental responsibility can see"
req office POST "/api/pupils/$U7A1/invitations" '{"contact":1,"delivery":"printed"}'
check "Ann has an account already: no second invitation (409)" status_is 409
req office POST "/api/pupils/$U7A1/invitations" '{"contact":9,"delivery":"printed"}'
check "a priority the pupil has no contact of is refused" json_is .error "pupil $U7A1 has no contact of priority 9"
req office POST "/api/pupils/$U7A1/invitations" '{"contact":2,"delivery":"pigeon"}'
check "delivery must be email or printed" json_is .field delivery
req office POST "/api/pupils/A999999999999/invitations" '{"contact":1,"delivery":"printed"}'
check "an unknown pupil is 404" status_is 404
req office POST "/api/pupils/$U7A2/invitations" '{"contact":"pupil","delivery":"email"}'
check "a pupil's invitation is printed" json_is .error "a pupil's invitation is printed and given to the pupil"
req parent POST "/api/pupils/$U7A1/invitations" '{"contact":2,"delivery":"printed"}'
check "a parent can't make invitations" status_is 403

# ---- using a code ----
req - GET "/invite?code=$CODE"
check "the invitation page names who it is for" body_has "This invitation is for Alan Adams (father), to see Amy&#39;s attendance."
check "... and until when" body_has "It works once, until Friday 11 December 2026."
req - POST /api/invitations/redeem "{\"code\":\"$CODE\",\"username\":\"alan\",\"password\":\"short\"}"
check "a short password is refused" json_is .field password
req - POST /api/invitations/redeem "{\"code\":\"$CODE\",\"username\":\"bad name!\",\"password\":\"$PASSWORD\"}"
check "a username with spaces or ! is refused" json_is .field username
req - POST /api/invitations/redeem "{\"code\":\"$CODE\",\"username\":\"greta\",\"password\":\"$PASSWORD\"}"
check "a username in use is refused (409)" status_is 409
req - POST /api/invitations/redeem "{\"code\":\"$(tr 'A-Z-' 'a-z ' <<<"$CODE")\",\"username\":\"alan\",\"password\":\"$PASSWORD\"}"
check "the code works typed in lower case with spaces" status_is 201
check "... and makes a parent account" json_is .role parent
check "... linked to Amy through Alan's contact" test "$(sql "select l.kind || ' ' || c.name || ' ' || l.source from family_links l join users u on u.id = l.user_id join contacts c on c.id = l.contact_id where u.username = 'alan'")" = "parent Alan Adams invitation #1"
check "... the invitation is used" test -n "$(sql "select used_at from family_invitations where id = 1")"
req - POST /api/invitations/redeem "{\"code\":\"$CODE\",\"username\":\"alan2\",\"password\":\"$PASSWORD\"}"
check "a used code is refused" status_is 400
check "... saying it has been used" json_is .error "this invitation has been used already: sign in with the account it opened, or ask the school office for a new one"
req - GET "/invite?code=$CODE"
check "... and so does the page" body_has "this invitation has been used already"
signin alan
req alan GET /api/family
check "Alan sees Amy" json_is '[.children[].upn] | join(",")' "$U7A1"
req alan GET "/api/family/$U7B1"
check "... and not Gus (404)" status_is 404
req - POST /api/invitations/redeem '{"code":"AAAA-BBBB-CCCC-DDDD","username":"x","password":"a long password"}'
check "a code the school never gave is 404" status_is 404
req - POST /api/invitations/redeem '{"code":"AAAA-BBBB","username":"x","password":"a long password"}'
check "a code of the wrong shape says the shape" json_is .error "the code is 16 letters and digits, in groups of four, as on your invitation (e.g. ABCD-EFGH-JKLM-NPQR)"
req - POST /api/invitations/redeem '{"code":"AAAA-BBBB-CCCC-DDD0","username":"x","password":"a long password"}'
check "... 0 and 1 are never in a code" status_is 400

# ---- withdrawn and expired ----
out=$("$ATTEND" family invite "$U7A2" --pupil --by office)
OLD=$(sed -n 's/^code: //p' <<<"$out")
out=$("$ATTEND" family invite "$U7A2" --pupil --by office)
NEW=$(sed -n 's/^code: //p' <<<"$out")
check "a new invitation for the same person withdraws the old one" grep -q "the earlier invitation is withdrawn" <<<"$out"
req - POST /api/invitations/redeem "{\"code\":\"$OLD\",\"username\":\"ben\",\"password\":\"$PASSWORD\"}"
check "the withdrawn code is refused" json_is .error "this invitation was withdrawn (the school may have sent a newer one): ask the school office for a new one"
out=$(ATTEND_NOW=2026-11-01T10:00 "$ATTEND" family invite "$U7A3" --pupil --by office)
EXPIRED=$(sed -n 's/^code: //p' <<<"$out")
check "an invitation made on 1 November lasts until 15 November" grep -q "valid until the end of 2026-11-15" <<<"$out"
req - POST /api/invitations/redeem "{\"code\":\"$EXPIRED\",\"username\":\"cara\",\"password\":\"$PASSWORD\"}"
check "it has expired by 27 November" json_is .error "this invitation has expired: ask the school office for a new one"
check "... and nothing was made" test "$(sql "select count(*) from users where username in ('ben','cara')")" = 0
req - POST /api/invitations/redeem "{\"code\":\"$NEW\",\"username\":\"ben\",\"password\":\"$PASSWORD\"}"
check "the newer code works: a pupil's own account" json_is .role pupil
signin ben
req ben GET /api/me
check "Ben sees himself" json_is .upn "$U7A2"
req ben GET "/api/family/$U7A2"
check "... through his own page only (the parents' routes are 403)" status_is 403
req ben GET "/me"
check "... his page speaks to him" body_has "Hi Ben"

# ---- an invitation is for its own child; signed in, it adds that child ----
req office POST "/api/pupils/$U7B1/invitations" '{"contact":"pupil","delivery":"printed"}'
PUPIL_CODE=$(jq -r .code "$T/body")
req greta POST /invite "" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "csrf=$(cat "$T/greta.csrf")&mode=link&code=$PUPIL_CODE"
check "a pupil's invitation can't be added to a parent's account" status_is 400
check "... saying whose it is" body_has "this invitation is for a pupil account"
req office POST "/api/pupils/$U7A1/invitations" '{"contact":2,"delivery":"printed"}'
check "Alan has an account now: no second invitation" status_is 409
cat >"$T/contacts2.csv" <<CSV
upn,priority,name,relationship,phone,mobile,email,address,postcode,language,parental_responsibility,lives_with_pupil,receives_mail,do_not_contact
$U7B1,1,Greta Green,mother,,07700900111,greta@example.org,"2 Mill Lane, Riverside",RV1 1AB,pl,Y,Y,Y,N
$U7B1,2,Gerry Green,father,,07700900112,gerry@example.org,,,en,Y,N,N,N
CSV
"$ATTEND" import contacts "$T/contacts2.csv" --by office >/dev/null 2>&1
req office POST "/api/pupils/$U7B1/invitations" '{"contact":2,"delivery":"email"}'
check "Gus's father is invited by email" status_is 201
check "... through the outbox" test "$(sql "select template || ' ' || recipient || ' ' || status from outbox where id = $(jq -r .outbox_id "$T/body")")" = "family-invitation gerry@example.org queued"
BODY=$(sql "select body from outbox where id = $(jq -r .outbox_id "$T/body")")
GERRY=$(grep -o '[A-Z2-9]\{4\}-[A-Z2-9]\{4\}-[A-Z2-9]\{4\}-[A-Z2-9]\{4\}' <<<"$BODY" | head -1)
check "... the email holds the link with the code" grep -q "https://attend.riverside.example/invite?code=$GERRY" <<<"$BODY"
check "... and says until when" grep -q "until Friday 11 December 2026" <<<"$BODY"
check "... the code is not kept anywhere else" test "$(sql "select count(*) from family_invitations where code_hash like '%$GERRY%'")" = 0
req parent POST /invite "" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "csrf=$(cat "$T/parent.csrf")&mode=link&code=$GERRY"
check "signed in, a parent may add the invitation's child to their account" status_is 303
check "... and lands on their children" header_has "Location: /family?done=added"
req parent GET /api/family
check "Ann now sees Amy and Gus: the invitation's child only" json_is '[.children[].upn] | sort | join(",")' "$(printf '%s\n' "$U7A1" "$U7B1" | sort | paste -sd,)"
req - POST /invite "" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "code=$GERRY&username=z&password=$PASSWORD&password2=$PASSWORD"
check "the set-up form needs its own CSRF token" status_is 403

# ---- access follows the contact ----
cat >"$T/contacts3.csv" <<CSV
upn,priority,name,relationship,phone,mobile,email,address,postcode,language,parental_responsibility,lives_with_pupil,receives_mail,do_not_contact
$U7A1,1,Ann Adams,mother,,07700900101,ann@example.org,"1 Mill Lane, Riverside",RV1 1AA,en,N,Y,Y,N
$U7A1,2,Alan Adams,father,01632960102,,,,,en,Y,N,N,Y
CSV
"$ATTEND" import contacts "$T/contacts3.csv" --by office >/dev/null 2>&1
sleep 1.2 # the server notices the CLI's change within a second
req parent GET "/api/family/$U7A1"
check "Ann no longer has parental responsibility: Amy is gone (404)" status_is 404
req parent GET /api/family
check "... Gus stays" json_is '[.children[].upn] | join(",")' "$U7B1"
req alan GET /api/family
check "Alan is marked do not contact: he sees nobody" json_is '.children | length' 0
req office GET "/pupils/$U7A1/accounts"
check "the office sees why: no parental responsibility" body_has "Not active</span>: the contact does not have parental responsibility"
check "... and do not contact" body_has "the contact is marked do not contact"
"$ATTEND" import contacts "$T/contacts.csv" --by office >/dev/null 2>&1
sleep 1.2
req parent GET "/api/family/$U7A1"
check "with the contact restored, Ann sees Amy again" status_is 200
LINK=$(sql "select l.id from family_links l join users u on u.id = l.user_id where u.username = 'alan'")
req office POST "/family-links/$LINK/end" "" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "csrf=$(cat "$T/office.csrf")"
check "ending a link needs a reason" status_is 400
req office POST "/family-links/$LINK/end" "" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "csrf=$(cat "$T/office.csrf")&reason=court+order"
check "the office ends Alan's access" status_is 303
req alan GET /api/family
check "... Alan sees nobody" json_is '.children | length' 0
check "... the link is kept, with who and why" test "$(sql "select ended_by || ': ' || ended_reason from family_links where id = $LINK")" = "office: court order"
check "links can't be deleted" db_refuses "family links are kept" "delete from family_links"
check "... nor an ended one reopened" db_refuses "a family link can only be ended, once" "update family_links set ended_at = NULL where id = $LINK"
check "invitations can't be used twice, even in SQL" db_refuses "an invitation is used or revoked once" "update family_invitations set used_at = 'x' where id = 1"
req office POST "/family-links/$LINK/end" "" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "csrf=$(cat "$T/office.csrf")&reason=again"
check "a link ends once (404 the second time)" status_is 404
check "every step is in the audit log" test "$(sql "select count(*) from audit_log where action in ('family link', 'family invitation', 'family unlink')")" -ge 8
finish
