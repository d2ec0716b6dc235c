# Calendar imports: every kind of bad file is refused with its line and field,
# and leaves the database exactly as it was.
. "$(dirname "$0")/lib.sh"
make_school
before=$(db_dump)

# refuse FILE PATTERN: the import fails naming the problem; nothing changes
refuse() {
  expect_error 1 "$2" import calendar "$1"
  grep -q "nothing was imported" <<<"$err" || fail "no 'nothing was imported' for $1"
  [ "$(db_dump)" = "$before" ] || fail "the database changed after refusing $1"
}

printf 'start,end,kind,label\n2026-01-05,2026-02-13,semester,Spring 1\n' > bad_kind.csv
refuse bad_kind.csv "bad_kind.csv:2: kind 'semester' is not one of term, inset, bank_holiday, closure"
printf 'start,end,kind,label\n2026-01-05,2026-02-31,term,Spring 1\n' > bad_date.csv
refuse bad_date.csv "bad_date.csv:2: end '2026-02-31' is not a date \\(YYYY-MM-DD\\)"
printf 'start,end,kind,label\n2026-02-13,2026-01-05,term,Spring 1\n' > backwards.csv
refuse backwards.csv "backwards.csv:2: start: end is before start"
printf 'start,end,kind,label\n2026-01-05,2026-02-13,term,Spring 1\n2026-02-09,2026-03-27,term,Spring 2\n' > overlap.csv
refuse overlap.csv "overlap.csv:3: start: overlaps term 'Spring 1' 2026-01-05 to 2026-02-13 \\(line 2\\)"
printf 'start,end,kind,label\n2025-10-20,2025-10-31,term,Late autumn\n' > overlap_stored.csv
refuse overlap_stored.csv "overlap_stored.csv:2: start: overlaps term 'Autumn 1'"
printf 'start,end,kind,label\n2026-01-05,2026-02-13,term,Spring 1\n2026-02-16,2026-02-16,inset,\n' > inset_outside.csv
refuse inset_outside.csv "inset 2026-02-16 to 2026-02-16 \\(line 3\\): 2026-02-16 is not inside any term"
printf 'start,end,kind,label\n2026-01-05,2026-02-13,term,\n' > no_label.csv
refuse no_label.csv "no_label.csv:2: start: a term needs a label"
printf 'start,end,kind\n2026-01-05,2026-02-13,term,Spring 1\n' > extra_field.csv
refuse extra_field.csv "extra_field.csv:2: 4 fields where the header has 3"
printf 'start,finish,kind,label\n' > unknown_col.csv
refuse unknown_col.csv "unknown_col.csv:1: finish: unknown column 'finish' \\(the columns are start,end,kind,label\\)"
printf 'start,kind,label\n2026-01-05,term,Spring 1\n' > missing_col.csv
refuse missing_col.csv "missing_col.csv:1: end: missing column 'end'"
printf 'start,end,kind,label\n2026-01-05,2026-02-13,term,"Spring 1\n' > open_quote.csv
refuse open_quote.csv "open_quote.csv:2: the file ends inside a quoted field"
printf 'start,end,kind,label\n2026-01-05,2026-02-13,term,Spring \xff\xfe\n' > bad_utf8.csv
refuse bad_utf8.csv "bad_utf8.csv:2: field 4 is not valid UTF-8 text"
: > empty.csv
refuse empty.csv "empty.csv:1: the file is empty: it needs a header row"
refuse no_such_file.csv "no_such_file.csv: No such file or directory"
printf 'start,end,kind,label\n2026-07-27,2026-08-07,term,Summer 3\n' > across.csv
refuse across.csv "across.csv:2: start: runs across 1 August"
printf 'start,end,kind,label\n2025-09-01,2026-07-20,term,The whole year\n' > too_long.csv
refuse too_long.csv "is longer than 140: is the end date right"

# a day with marks can't become an INSET day
printf 'upn,date,session,code,minutes_late\nA123456789012,2025-09-10,AM,/,\n' > m.csv
expect_ok import marks m.csv
before=$(db_dump)
printf 'start,end,kind,label\n2025-09-10,2025-09-10,inset,\n' > inset_on_marks.csv
refuse inset_on_marks.csv "inset_on_marks.csv:2: start: 2025-09-10 already has 1 mark in the register, so it can't become an INSET day"

# good files: quoted fields, a BOM, columns in another order, CRLF line ends
printf '\xef\xbb\xbflabel,kind,end,start\r\n"Spring 1, the first",term,2026-02-13,2026-01-05\r\n,inset,2026-01-05,2026-01-05\r\n,bank_holiday,2026-01-01,2026-01-01\r\n' > spring.csv
expect_ok import calendar spring.csv
expect_out "spring.csv: 3 rows: 3 new, 0 changed, 0 unchanged"
expect_ok import calendar spring.csv
expect_out "3 rows: 0 new, 0 changed, 3 unchanged"
n=$(db_query "select count(*) from calendar_entries where label = 'Spring 1, the first'")
expect_eq "$n" 1 "the quoted label"
