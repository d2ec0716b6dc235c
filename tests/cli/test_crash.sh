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
"$bin" import marks big.csv >/dev/null 2>&1 &
pid=$!
# wait until the transaction is under way (the WAL grows), then kill it
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
expect_eq "$(sqlite3 "$ATTEND_DB" 'select count(*) from mark_history')" "$committed" "history after the crash"
expect_eq "$(sqlite3 "$ATTEND_DB" 'select count(*) from marks')" "$committed" "marks after the crash"
# and the same import then goes through whole
expect_ok import marks big.csv
rows=$(($(wc -l < big.csv) - 1))
expect_out "$rows rows: $rows new, 0 changed, 0 unchanged"
expect_eq "$(sqlite3 "$ATTEND_DB" 'pragma integrity_check')" ok "integrity after re-import"
