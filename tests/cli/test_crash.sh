# kill -9 in the middle of an import: the database is intact and holds
# exactly what was committed before.
. "$(dirname "$0")/lib.sh"
make_school
# 400 more pupils and a half-term of marks for everyone: a long transaction
python3 - <<'PY'
import datetime
a = 'ABCDEFGHJKLMNPQRTUVWXYZ'
def upn(n):
    tail = '8801234%05d' % n
    return a[sum(int(c) * (i + 2) for i, c in enumerate(tail)) % 23] + tail
with open('many.csv', 'w') as f:
    f.write('upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal\n')
    for n in range(400):
        f.write('%s,Pupil%d,Test,2015-01-01,F,5,5C,2025-09-01,,N,N,N,N\n' % (upn(n), n))
days = []
d = datetime.date(2025, 9, 3)
while d <= datetime.date(2025, 10, 24):
    if d.weekday() < 5: days.append(d.isoformat())
    d += datetime.timedelta(days=1)
with open('big.csv', 'w') as f:
    f.write('upn,date,session,code,minutes_late\n')
    for n in range(400):
        for day in days:
            f.write('%s,%s,AM,/,\n%s,%s,PM,/,\n' % (upn(n), day, upn(n), day))
PY
expect_ok import pupils many.csv
printf 'upn,date,session,code,minutes_late\nA123456789012,2025-09-10,AM,/,\n' > one.csv
expect_ok import marks one.csv
committed=$(db_query "select count(*) from mark_history")

# the release build, so the import is fast enough to be a real race
bin=${ATTEND_RELEASE:-$ATTEND}
rows=$(($(wc -l < big.csv) - 1))
db_is_pg || db_query 'pragma wal_checkpoint(truncate)' >/dev/null
before=$(db_copy "$ATTEND_DB" before)
# Has the import's transaction got well under way? SQLite: its WAL has
# grown past 2 MB. PostgreSQL: it has held the writers' lock for a while.
under_way() {
  if db_is_pg; then
    [ "$(db_query "select count(*) from pg_stat_activity a join pg_locks l on l.pid = a.pid
      where l.locktype = 'advisory' and l.granted and a.xact_start < now() - interval '300 milliseconds'")" -gt 0 ]
  else
    [ "$(stat -c %s "$ATTEND_DB-wal" 2>/dev/null || echo 0)" -gt 2000000 ]
  fi
}
# Kill it once the transaction is under way. The kill can land after the
# commit (SQLite: a transaction that fits in the page cache writes its WAL
# at COMMIT): then all of it is there, never a part, and the test tries
# again from the same database until a kill lands inside it.
killed_inside=no
for attempt in 1 2 3 4 5 6 7 8; do
  "$bin" import marks big.csv >/dev/null 2>&1 &
  pid=$!
  going=no
  # (SQLite's WAL grows by megabytes a millisecond once the cache spills: look often)
  for _ in $(seq 1 4000); do
    under_way && { going=yes; break; }
    sleep 0.001
  done
  kill -9 $pid 2>/dev/null || fail "the import finished before it could be killed"
  wait $pid 2>/dev/null
  [ $going = yes ] || fail "the import never got under way"
  # PostgreSQL rolls back the dead client's transaction once it notices.
  for _ in $(seq 1 100); do
    db_is_pg && [ "$(db_query "select count(*) from pg_locks where locktype = 'advisory'")" != 0 ] || break
    sleep 0.05
  done
  expect_eq "$(db_integrity)" ok "integrity"
  history=$(db_query 'select count(*) from mark_history')
  marks=$(db_query 'select count(*) from marks')
  expect_eq "$marks" "$history" "marks and history after the crash"
  if [ "$history" = "$committed" ]; then
    killed_inside=yes
    break
  fi
  expect_eq "$history" "$((committed + rows))" "after a kill at the commit: all of the import or none"
  ATTEND_DB=$(db_copy "$before" "try$attempt")
done
[ $killed_inside = yes ] || fail "no kill landed inside the transaction in 8 tries"
# and the same import then goes through whole
expect_ok import marks big.csv
expect_out "$rows rows: $rows new, 0 changed, 0 unchanged"
expect_eq "$(db_integrity)" ok "integrity after re-import"
