# A secondary school's year for bench/lessons.sh, as the CSV files attend
# imports: 1,500 pupils in 50 forms of 30 (years 7 to 11), six lessons a
# day, each form taught together in 8 subjects; session and lesson marks
# for every school day with about 5% of days absent (ill or unexplained),
# 3% of lessons missed with no reason and 3% late. Same seed, same files.
function upn(n,    d, s, i) {
  d = sprintf("8202002%05d", n); s = 0
  for (i = 1; i <= 12; i++) s += substr(d, i, 1) * (i + 1)
  return substr("ABCDEFGHJKLMNPQRTUVWXYZ", s % 23 + 1, 1) d
}
BEGIN {
  srand(seed)
  FORMS = 50; PER = 30; SUBJECTS = 8; PERIODS = 6
  split("Maths English Science History Geography French Art PE", subj, " ")
  split("08:50 09:50 11:10 12:10 14:00 15:00", start, " ")
  split("09:50 10:50 12:10 13:10 15:00 16:00", stop, " ")
  split("Mon Tue Wed Thu Fri", wd, " ")
  f = dir "/calendar.csv"
  print "start,end,kind,label" > f
  print "2025-09-01,2025-10-24,term,Autumn 1" > f
  print "2025-11-03,2025-12-19,term,Autumn 2" > f
  print "2026-01-05,2026-02-13,term,Spring 1" > f
  print "2026-02-23,2026-03-27,term,Spring 2" > f
  print "2026-04-13,2026-05-22,term,Summer 1" > f
  print "2026-06-01,2026-07-22,term,Summer 2" > f
  print "2025-09-01,2025-09-02,inset,INSET" > f
  print "2026-01-05,2026-01-05,inset,INSET" > f
  print "2026-05-04,2026-05-04,bank_holiday,Early May" > f
  print "2026-07-21,2026-07-22,inset,INSET" > f
  close(f)
  f = dir "/pupils.csv"
  print "upn,surname,forename,dob,gender,year,form,admitted,left,fsm,pp,send,eal" > f
  for (n = 0; n < FORMS * PER; n++) {
    form = int(n / PER); year = 7 + int(form / 10)
    name[form] = year "F" form % 10
    printf "%s,Pupil%d,Test%d,%d-03-01,%s,%d,%s,2025-09-01,,N,N,N,N\n", upn(n), n, form,
      2025 - year - 5, n % 2 ? "M" : "F", year, name[form] > f
  }
  close(f)
  f = dir "/timetable.csv"
  print "day,period,start,end,registration" > f
  for (d = 1; d <= 5; d++)
    for (p = 1; p <= PERIODS; p++)
      printf "%s,%d,%s,%s,%s\n", wd[d], p, start[p], stop[p], p == 1 ? "AM" : p == 5 ? "PM" : "" > f
  close(f)
  # each form's week: slot (day, period) -> subject; one class per form and subject
  f = dir "/classes.csv"
  print "class,subject,teacher,room,meets,pupils" > f
  for (form = 0; form < FORMS; form++) {
    for (s = 0; s < SUBJECTS; s++) meets[s] = ""
    for (d = 1; d <= 5; d++)
      for (p = 1; p <= PERIODS; p++) {
        s = ((d - 1) * PERIODS + p + form) % SUBJECTS
        meets[s] = meets[s] (meets[s] == "" ? "" : " ") wd[d] ":" p
        slot[form, d, p] = s
      }
    pupils = ""
    for (i = 0; i < PER; i++) pupils = pupils (i ? " " : "") upn(form * PER + i)
    for (s = 0; s < SUBJECTS; s++)
      printf "%s/%s,%s,t%02d.%s,R%d,%s,%s\n", name[form], substr(subj[s + 1], 1, 2), subj[s + 1],
        form % 12, tolower(substr(subj[s + 1], 1, 2)), s, meets[s], pupils > f
  }
  close(f)
  # school days: Mondays to Fridays of the terms, less INSET and the bank holiday
  nd = 0
  cmd = "d=2025-09-01; while [ \"$d\" != 2026-07-23 ]; do date -d \"$d\" +'%F %u'; d=$(date -d \"$d + 1 day\" +%F); done"
  while ((cmd | getline line) > 0) {
    split(line, a, " ")
    day = a[1]; w = a[2] + 0
    if (w > 5) continue
    if ((day >= "2025-10-25" && day < "2025-11-03") || (day > "2025-12-19" && day < "2026-01-05") ||
        (day > "2026-02-13" && day < "2026-02-23") || (day > "2026-03-27" && day < "2026-04-13") ||
        (day > "2026-05-22" && day < "2026-06-01")) continue
    if (day == "2025-09-01" || day == "2025-09-02" || day == "2026-01-05" || day == "2026-05-04" ||
        day == "2026-07-21" || day == "2026-07-22") continue
    nd++; days[nd] = day; dow[nd] = w
  }
  close(cmd)
  fm = dir "/marks.csv"; fl = dir "/lessons.csv"
  print "upn,date,session,code,minutes_late" > fm
  print "upn,date,period,class,code,minutes_late" > fl
  for (n = 0; n < FORMS * PER; n++) {
    u = upn(n); form = int(n / PER)
    for (k = 1; k <= nd; k++) {
      r = rand()
      code = r < 0.03 ? "I" : r < 0.05 ? "N" : "/"
      printf "%s,%s,AM,%s,\n%s,%s,PM,%s,\n", u, days[k], code, u, days[k], code > fm
      for (p = 1; p <= PERIODS; p++) {
        s = slot[form, dow[k], p]
        c = name[form] "/" substr(subj[s + 1], 1, 2)
        if (code != "/") { printf "%s,%s,%d,%s,%s,\n", u, days[k], p, c, code > fl; continue }
        r = rand()
        if (r < 0.03) printf "%s,%s,%d,%s,N,\n", u, days[k], p, c > fl
        else if (r < 0.06) printf "%s,%s,%d,%s,L,%d\n", u, days[k], p, c, 1 + int(rand() * 15) > fl
        else printf "%s,%s,%d,%s,/,\n", u, days[k], p, c > fl
      }
    }
  }
}
