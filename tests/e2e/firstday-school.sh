#!/usr/bin/env bash
# The school of tests/http/lib.sh for the first-day browser test, in a
# temporary folder (printed last; the caller removes it): Dan Davies is
# flagged for safeguarding, Cara and Dan have two contacts each, a head of
# year for year 7, and texts go to the SMS gateway on $SMS_PORT.
source "$(dirname "$0")/../http/lib.sh"
: "${SMS_PORT:?set SMS_PORT to the port of the SMS gateway}"
start_school >/dev/null || exit 1
trap - EXIT
add_user hoy7 head_of_year --years 7
cat >"$T/flag.csv" <<CSV
upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal,safeguarding
$U7A4,Davies,Dan,2015-04-13,M,7,7A,2026-09-01,,N,N,N,N,Y
CSV
cat >"$T/contacts.csv" <<CSV
upn,priority,name,relationship,phone,mobile,email,address,postcode,language,parental_responsibility,lives_with_pupil,receives_mail
$U7A3,1,Rita Chowdhury,mother,,07700 900123,,,,en,Y,Y,N
$U7A3,2,Raj Chowdhury,father,0113 496 0101,,,,,en,Y,Y,N
$U7A4,1,Dee Davies,mother,,07700 900456,,,,en,Y,Y,N
$U7A4,2,Pat Davies,grandparent,0113 496 0202,,,,,en,N,N,N
CSV
{
  "$ATTEND" import pupils "$T/flag.csv" &&
  "$ATTEND" import contacts "$T/contacts.csv" --by office &&
  "$ATTEND" settings set school_phone "0113 496 0000" &&
  "$ATTEND" settings set sms_url "http://127.0.0.1:$SMS_PORT/send" &&
  "$ATTEND" settings set sms_token tok-e2e &&
  "$ATTEND" settings set sms_sender Riverside
} >/dev/null || exit 1
echo "$T"
