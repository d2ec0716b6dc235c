#!/bin/sh
# `make run`: creates the demo school's database once (DEMO_DB, default
# demo.db: a 1,200-pupil secondary school with last year and this year to
# date, always the same seed) with a sign-in for each role, shows its
# headline figures, and serves it (DEMO_LISTEN, default 127.0.0.1:8080).
set -eu
db=${1:-${DEMO_DB:-demo.db}}
attend=${ATTEND:-build/attend}
listen=${DEMO_LISTEN:-127.0.0.1:8080}
password=${DEMO_PASSWORD:-attend-demo}

if [ ! -f "$db" ]; then
  echo "Creating the demo school in $db (1,200 pupils, two school years)..."
  "$attend" --db "$db" demo --pupils 1200 --phase secondary --years 2 --seed 2024
  echo
fi

# One sign-in for each role (added once; an existing account is left alone).
# name role scope
accounts="lead attendance_lead -
office office -
hoy7 head_of_year --years=7
tutor7a teacher --forms=7A
dsl dsl -
governor governor -
head head -
admin admin -"
existing=$("$attend" --db "$db" user list 2>/dev/null | awk '{ print $1 }')
echo "$accounts" | while read -r name role scope; do
  if ! printf '%s\n' "$existing" | grep -qx "$name"; then
    if [ "$scope" = - ]; then
      printf '%s\n' "$password" | "$attend" --db "$db" user add "$name" --role "$role" --password-stdin >/dev/null
    else
      printf '%s\n' "$password" | "$attend" --db "$db" user add "$name" --role "$role" "$scope" --password-stdin >/dev/null
    fi
  fi
done

# A family for the family pages (added once): the first Year 7 pupil's
# mother, signing in as `parent`, and the pupil, as `pupil`.
if ! printf '%s\n' "$existing" | grep -qx parent; then
  upn=$("$attend" --db "$db" stats --json |
    awk -F'"' '/"upn":/ { u = $4 } /"year": "7"/ && u { print u; exit }')
  contacts=$(mktemp)
  {
    echo "upn,priority,name,relationship,phone,mobile,email,address,postcode,language,parental_responsibility,lives_with_pupil,receives_mail"
    echo "$upn,1,Sam Parent,mother,,07700 900123,parent@example.org,\"1 School Lane, Demo Town\",DT1 1AA,en,Y,Y,Y"
    echo "$upn,2,Alex Parent,father,01632 960123,,,,,pl,Y,N,N"
  } >"$contacts"
  "$attend" --db "$db" import contacts "$contacts" --by demo >/dev/null 2>&1
  rm -f "$contacts"
  printf '%s\n' "$password" | "$attend" --db "$db" user add parent --role parent --children "$upn:1" --password-stdin >/dev/null
  printf '%s\n' "$password" | "$attend" --db "$db" user add pupil --role pupil --pupil "$upn" --password-stdin >/dev/null
fi

# The school's figures for this school year so far (the summary of the report).
"$attend" --db "$db" stats | awk 'NR == 1 { print; print ""; next } /^Pupils on roll:/ { on = 1 } on'
echo
echo "attend is serving the demo school at http://$listen/"
echo "Sign in as any of these, each with the password '$password':"
echo "$accounts" | while read -r name role scope; do
  [ "$scope" = - ] && scope="" || scope=" (${scope#--})"
  printf '  %-9s %s%s\n' "$name" "$role" "$scope"
done
printf '  %-9s %s\n' parent "parent (a Year 7 pupil's mother)" pupil "pupil (that pupil)"
echo "Stop it with Ctrl-C."
echo
exec "$attend" --db "$db" serve --listen "$listen"
