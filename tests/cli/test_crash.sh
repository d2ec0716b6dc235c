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
committed=$(sqlite3 "$ATTEND_DB" "select count(*) from mark_history")

# the release build, so the import is fast enough to be a real race
bin=${ATTEND_RELEASE:-$ATTEND}
rows=$(($(wc -l < big.csv) - 1))
sqlite3 "$ATTEND_DB" 'pragma wal_checkpoint(truncate)' >/dev/null
cp "$ATTEND_DB" before.db
# Kill it once the transaction is under way (the WAL grows). The kill can
# land after the commit (a transaction that fits in the page cache writes
# its WAL at COMMIT): then all of it is there, never a part, and the test
# tries again from the same database until a kill lands inside it.
killed_inside=no
for attempt in 1 2 3 4 5 6 7 8; do
  "$bin" import marks big.csv >/dev/null 2>&1 &
  pid=$!
  # (the WAL grows by megabytes a millisecond once the cache spills: look often)
  for _ in $(seq 1 4000); do
    size=$(stat -c %s "$ATTEND_DB-wal" 2>/dev/null || echo 0)
    [ "$size" -gt 2000000 ] && break
    sleep 0.001
  done
  kill -9 $pid 2>/dev/null || fail "the import finished before it could be killed"
  wait $pid 2>/dev/null
  [ "$size" -gt 2000000 ] || fail "the import never got under way (WAL $size bytes)"
  expect_eq "$(sqlite3 "$ATTEND_DB" 'pragma integrity_check')" ok "integrity"
  history=$(sqlite3 "$ATTEND_DB" 'select count(*) from mark_history')
  marks=$(sqlite3 "$ATTEND_DB" 'select count(*) from marks')
  expect_eq "$marks" "$history" "marks and history after the crash"
  if [ "$history" = "$committed" ]; then
    killed_inside=yes
    break
  fi
  expect_eq "$history" "$((committed + rows))" "after a kill at the commit: all of the import or none"
  rm -f "$ATTEND_DB-wal" "$ATTEND_DB-shm"
  cp before.db "$ATTEND_DB"
done
[ $killed_inside = yes ] || fail "no kill landed inside the transaction in 8 tries"
# and the same import then goes through whole
expect_ok import marks big.csv
expect_out "$rows rows: $rows new, 0 changed, 0 unchanged"
expect_eq "$(sqlite3 "$ATTEND_DB" 'pragma integrity_check')" ok "integrity after re-import"
