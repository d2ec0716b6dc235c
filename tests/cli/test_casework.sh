# Casework from the command line: its settings (checked before saving), the
# scan (triggers from the register onto the review list, once), the review
# list as JSON, the catalogues, and the LA pack as CSV and PDF.
. "$(dirname "$0")/lib.sh"
# fontconfig and pango keep caches for the process's life (the pack's PDF)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(cd "$(dirname "$0")/../comms" && pwd)/lsan.supp}
make_school

# settings: each checked against its rule, nothing saved when refused
before=$(db_dump)
expect_error 1 "casework_decline_points 0 is not between 1 and 50" settings set casework_decline_points 0
expect_error 1 "casework_unauthorised_weeks" settings set casework_unauthorised_weeks 53
expect_error 1 "casework_triggers 'persistent,absent': each trigger is at_risk, persistent" settings set casework_triggers persistent,absent
expect_eq "$(db_dump)" "$before" "nothing saved"
expect_ok settings set casework_unauthorised_sessions 4
expect_ok settings list
expect_out "casework_unauthorised_sessions +4 "

# Anna misses four sessions with no reason in November (on different days,
# two mornings, two afternoons), within 10 school weeks (the school's
# threshold is 4 here): persistent absence and the threshold; Ben is
# always present
{
  echo upn,date,session,code,minutes_late
  for d in 2025-11-04 2025-11-05 2025-11-06 2025-11-07 2025-11-10 2025-11-11 2025-11-12 2025-11-13 \
    2025-11-14 2025-11-17 2025-11-18 2025-11-19 2025-11-20 2025-11-21; do
    for u in A123456789012 P123456789013; do
      for s in AM PM; do
        c=/
        [ "$u" = A123456789012 ] && case "$d $s" in "2025-11-04 AM"|"2025-11-06 PM"|"2025-11-10 AM"|"2025-11-12 PM") c=N ;; esac
        echo "$u,$d,$s,$c,"
      done
    done
  done
} > marks.csv
expect_ok import marks marks.csv
expect_ok casework scan --by lead
expect_out "^2 new on the review list, 0 C2 marks on part-time timetables, 0 tasks$"
expect_ok casework scan --by lead
expect_out "^0 new on the review list"
expect_ok casework reviews --json
expect_eq "$(json "sorted(r['kind'] for r in d)" <<<"$out")" "['persistent', 'unauthorised']" "Anna's triggers"
expect_eq "$(json "[r['key'] for r in d if r['kind'] == 'unauthorised'][0]" <<<"$out")" "2025-11-12 PM" "the fourth session"
expect_eq "$(json "[r['suggested'] for r in d if r['kind'] == 'persistent'][0]" <<<"$out")" "early_intervention" "suggested"
expect_ok casework reviews
expect_out "A123456789012 Anna Smith \\(5A\\) persistent: universal -> early_intervention"

# the catalogues
expect_ok casework catalogue add --kind barrier --label "Caring for a parent" --by lead
expect_ok casework catalogue --json
expect_eq "$(json "[b['label'] for b in d['barriers'] if b['code'] == 'caring_for_a_parent'][0]" <<<"$out")" "Caring for a parent" "added"
expect_error 1 "already has 'Caring for a parent'" casework catalogue add --kind barrier --label "caring for a PARENT"
expect_error 1 "kind is barrier or intervention" casework catalogue add --kind hobby --label x
expect_error 2 "needs --kind and --label" casework catalogue add --kind barrier

# the pack: Anna, persistently absent (4 of 28 sessions)
expect_ok casework pack --csv pack.csv
expect_out "1 pupil \\(0 severely absent\\) written to pack.csv"
expect_eq "$(sed -n 2p pack.csv | cut -d, -f1-9)" "A123456789012,Smith,Anna,5,5A,28,85.71,14.29,4" "the pack's row"
expect_eq "$(wc -l < pack.csv)" 2 "one pupil"
expect_ok casework pack --pdf pack.pdf
pdftotext pack.pdf - | grep -q "Smith, Anna" || fail "the PDF names Anna"
expect_error 2 "one of --csv FILE or --pdf FILE" casework pack
expect_error 2 "not scan, reviews, impact, pack or catalogue" casework nothing
expect_ok casework impact --json
expect_eq "$(json "len(d['types'])" <<<"$out")" 0 "no intervention yet"
