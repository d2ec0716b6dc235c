# Benchmarks as data: the national file shipped with attend is loaded at
# init; `attend import benchmarks` checks every row (line and field named),
# refuses the same figure twice, is one transaction, and importing again
# changes nothing; a newer value of the same figure replaces the old one.
. "$(dirname "$0")/lib.sh"

expect_ok init --urn 100001 --name "Test Academy" --phase secondary
expect_out "116 national benchmarks added"
shipped=$(grep -c . "$(dirname "$0")/../../data/benchmarks-national.csv")
expect_eq "$(db_query 'select count(*) from benchmarks')" "$((shipped - 1))" \
  "every figure of the shipped file is loaded"
expect_ok benchmarks --json
expect_eq "$(echo "$out" | json 'len(d)')" "$((shipped - 1))" "attend benchmarks lists them"
expect_eq "$(echo "$out" | json '[b["value"] for b in d if b["phase"]=="secondary" and b["year"]=="2024/25" and b["measure"]=="absence_pct"][0]')" \
  "8.6" "the secondary absence rate of 2024/25"
# init again: nothing added, nothing changed
expect_ok init
expect_out "0 national benchmarks added"

# A local authority's figures.
cat > la.csv <<'CSV'
scope,phase,year,period,measure,cohort,value,source
la,secondary,2024/25,full_year,absence_pct,all,8.1,Our LA attendance report 2025
la,secondary,2024/25,full_year,persistent_pct,all,22.75,Our LA attendance report 2025
la,secondary,2024/25,autumn,absence_pct,fsm=Y,11.5,Our LA attendance report 2025
similar,secondary,2024/25,full_year,band_share_pct,band=50+,2.9,DfE similar schools report
CSV
expect_ok import benchmarks la.csv
expect_out "la.csv: 4 rows: 4 new, 0 changed, 0 unchanged"
expect_ok import benchmarks la.csv
expect_out "4 rows: 0 new, 0 changed, 4 unchanged"
expect_eq "$(db_query "select value100 from benchmarks where scope='la' and measure='persistent_pct'")" \
  2275 "values are kept exactly, in hundredths"
# a newer value of the same figure from the same source replaces it
sed -i 's/,8.1,/,7.9,/' la.csv
expect_ok import benchmarks la.csv
expect_out "4 rows: 0 new, 1 changed, 3 unchanged"
expect_eq "$(db_query "select value100 from benchmarks where scope='la' and measure='absence_pct' and cohort='all'")" \
  790 "the new value"
# init never overwrites what a school imported: change a national figure, init again
db_query "update benchmarks set value100 = 999 where scope='national' and phase='secondary' and year='2024/25' and measure='absence_pct'"
expect_ok init
expect_eq "$(db_query "select value100 from benchmarks where scope='national' and phase='secondary' and year='2024/25' and measure='absence_pct'")" \
  999 "init keeps the figures the school holds"

# Bad rows: each names its line and field; nothing of the file is written.
before=$(db_dump)
bad() { # bad LINE PATTERN: a file whose line 3 is LINE must fail with PATTERN
  printf 'scope,phase,year,period,measure,cohort,value,source\nla,primary,2024/25,full_year,absence_pct,all,5.0,ok\n%s\n' "$1" > bad.csv
  expect_error 1 "$2" import benchmarks bad.csv
  expect_eq "$(db_dump)" "$before" "a refused file changes nothing ($1)"
}
bad "county,primary,2024/25,full_year,absence_pct,all,5.0,x" "bad.csv:3: scope 'county' is not national, regional, la or similar"
bad "la,college,2024/25,full_year,absence_pct,all,5.0,x" "bad.csv:3: phase 'college' is not all, nursery"
bad "la,primary,2024/26,full_year,absence_pct,all,5.0,x" "bad.csv:3: year '2024/26' is not an academic year written like 2023/24"
bad "la,primary,2024-25,full_year,absence_pct,all,5.0,x" "bad.csv:3: year '2024-25'"
bad "la,primary,2024/25,winter,absence_pct,all,5.0,x" "bad.csv:3: period 'winter' is not autumn, spring, summer, autumn_spring or full_year"
bad "la,primary,2024/25,full_year,absense_pct,all,5.0,x" "bad.csv:3: measure 'absense_pct' is not attendance_pct"
bad "la,primary,2024/25,full_year,absence_pct,fsm=maybe,5.0,x" "bad.csv:3: cohort 'fsm=maybe': cohort must be all, fsm=Y"
bad "la,primary,2024/25,full_year,absence_pct,band=0-5,5.0,x" "bad.csv:3: .*a band cohort goes with the measure band_share_pct"
bad "la,primary,2024/25,full_year,band_share_pct,all,5.0,x" "bad.csv:3: cohort .all.: cohort of band_share_pct must be band=0-5"
bad "la,primary,2024/25,full_year,absence_pct,all,101,x" "bad.csv:3: value '101' is not a percentage from 0 to 100"
bad "la,primary,2024/25,full_year,absence_pct,all,5.123,x" "bad.csv:3: value '5.123'"
bad "la,primary,2024/25,full_year,absence_pct,all,-1,x" "bad.csv:3: value '-1'"
bad "la,primary,2024/25,full_year,absence_pct,all,five,x" "bad.csv:3: value 'five'"
bad "la,primary,2024/25,full_year,absence_pct,all,5.0," "bad.csv:3: source"
bad "la,primary,2024/25,full_year,absence_pct,all,5.5,ok" "bad.csv:3: the same figure .* is already on line 2"
printf 'scope,phase,year,period,measure,value,source\n' > bad.csv
expect_error 1 "missing column 'cohort'" import benchmarks bad.csv
printf 'scope,phase,year,period,measure,cohort,value,source,region\n' > bad.csv
expect_error 1 "unknown column 'region'" import benchmarks bad.csv
expect_error 1 "nothere.csv" import benchmarks nothere.csv
expect_eq "$(db_dump)" "$before" "nothing changed by any refused file"
run import benchmarks --help
expect_status 0 "import benchmarks --help"
expect_out "scope,phase,year,period,measure,cohort,value,source"
