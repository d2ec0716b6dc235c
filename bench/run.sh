#!/usr/bin/env bash
# `make bench`: generates the demo data (cached under bench/data/, keyed by
# the parameters and the generator's source), then runs each harness in the
# list below, timing our engine and its peers in the same run, and prints a
# table of medians and ratios. Before timing a peer, its figures are checked
# against the engine's, line by line: a peer that disagrees fails the run.
#
#   BENCH_SIZES="1500 100000"   the pupil counts of the query harness
#   BENCH_PEERS="sqlite postgres duckdb"
#   BENCH_HARNESSES="query startup memory"   (a list: more harnesses join it)
#   BENCH_SCRIPTS="web-register ..."  the stand-alone harnesses (bench/NAME.sh)
#                                     to run after them; default: every one
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
ATTEND=$root/build/attend
ENGINE_BENCH=$root/build/bench/engine_bench
SQL_BENCH=$root/build/bench/sql_bench
data=$here/data
mkdir -p "$data"

SIZES=${BENCH_SIZES:-1500 100000}
PEERS=${BENCH_PEERS:-sqlite postgres duckdb}
HARNESSES=${BENCH_HARNESSES:-query startup memory}
SEED=1
# A fixed "now" just after the end of a school year, so every database holds
# one full year (190 days, 380 sessions a pupil) whatever the date.
NOW=2026-07-31T18:00
FROM=2025-08-01
TO=2026-07-31
# The generator and the schema decide the data: their source is in the cache key.
gen_version=$(cat "$root"/src/demo/*.[ch] "$root"/src/store/migrations/sqlite/*.sql | sha1sum | cut -c1-10)

say() { echo "bench: $*" >&2; }
die() { echo "bench: FAILED: $*" >&2; exit 1; }

# The 1,500-pupil case is one secondary school; 100,000 pupils is a local
# authority's worth, primary and secondary years together, in one register.
phase_for() { [ "$1" -le 5000 ] && echo secondary || echo all-through; }

# db_for N: the cached demo database of N pupils (built if missing).
db_for() {
  local n=$1 phase db
  phase=$(phase_for "$n")
  db=$data/demo-$n-$phase-seed$SEED-$NOW-$gen_version.db
  if [ ! -f "$db" ]; then
    say "generating $n pupils ($phase) into $(basename "$db")"
    rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
    ATTEND_NOW=$NOW "$ATTEND" --db "$db.tmp" demo --pupils "$n" --phase "$phase" --seed $SEED >&2
    mv "$db.tmp" "$db"
  fi
  echo "$db"
}

# csv_for DB: the register exported for the peers that load CSV.
csv_for() {
  local db=$1 p=${1%.db}
  if [ ! -f "$p.marks.csv" ]; then
    say "exporting $(basename "$db") to CSV"
    sqlite3 -csv -header "$db" "SELECT id, school_id, upn FROM pupils" >"$p.pupils.csv.tmp"
    sqlite3 -csv -header "$db" "SELECT id, school_id, pupil_id, admitted, left_date, year, fsm \
      FROM enrolments" >"$p.enrolments.csv.tmp"
    sqlite3 -csv -header "$db" "SELECT school_id, pupil_id, date, session, code FROM marks" \
      >"$p.marks.csv.tmp"
    for t in pupils enrolments marks; do mv "$p.$t.csv.tmp" "$p.$t.csv"; done
  fi
  echo "$p"
}

# ---- PostgreSQL 15: a throwaway server on loopback, as an unprivileged user ----
PG_DIR= PG_PORT= PG_USER=
pg_start() {
  [ -n "$PG_DIR" ] && return 0
  local bin=/usr/lib/postgresql/15/bin
  [ -x $bin/initdb ] || die "PostgreSQL 15 is not installed (make deps-bench)"
  PG_DIR=$(mktemp -d /tmp/attend-bench-pg.XXXXXX)
  PG_PORT=$((20000 + RANDOM % 20000))
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    PG_USER=postgres
    id -u postgres >/dev/null 2>&1 || PG_USER=nobody
    chown "$PG_USER" "$PG_DIR"
    as=(runuser -u "$PG_USER" --)
  fi
  "${as[@]}" $bin/initdb -D "$PG_DIR/data" -U bench --auth=trust -E UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1 ||
    die "initdb failed: $(tail -5 "$PG_DIR/initdb.log")"
  # Settings an analyst would give a 24 GB machine: the data fits in memory.
  "${as[@]}" $bin/pg_ctl -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start -o \
    "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c shared_buffers=4GB -c work_mem=512MB \
     -c max_parallel_workers_per_gather=2 -c fsync=off -c synchronous_commit=off" >/dev/null ||
    die "PostgreSQL did not start: $(tail -5 "$PG_DIR/server.log")"
  trap pg_stop EXIT
}
pg_stop() {
  [ -z "$PG_DIR" ] && return 0
  local as=()
  [ -n "$PG_USER" ] && as=(runuser -u "$PG_USER" --)
  "${as[@]}" /usr/lib/postgresql/15/bin/pg_ctl -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=
}
pg_conn() { echo "host=127.0.0.1 port=$PG_PORT user=bench dbname=$1 options='-c client_min_messages=warning'"; }
# pg_load NAME CSV_PREFIX: a database per data set, loaded with COPY.
pg_load() {
  local name=$1 csv=$2
  psql -q -X -v ON_ERROR_STOP=1 "$(pg_conn postgres)" -c "CREATE DATABASE $name" >/dev/null
  say "loading $name into PostgreSQL"
  psql -q -X -v ON_ERROR_STOP=1 "$(pg_conn "$name")" >/dev/null <<SQL
CREATE TABLE pupils (id bigint PRIMARY KEY, school_id bigint NOT NULL, upn text NOT NULL);
CREATE TABLE enrolments (id bigint PRIMARY KEY, school_id bigint NOT NULL, pupil_id bigint NOT NULL,
  admitted date NOT NULL, left_date date, year text NOT NULL, fsm int NOT NULL);
CREATE TABLE marks (school_id bigint NOT NULL, pupil_id bigint NOT NULL, date date NOT NULL,
  session text NOT NULL, code text NOT NULL);
\copy pupils FROM '$csv.pupils.csv' CSV HEADER
\copy enrolments FROM '$csv.enrolments.csv' CSV HEADER
\copy marks FROM '$csv.marks.csv' CSV HEADER
VACUUM ANALYZE;
SQL
}

# ---- results: the query harness's rows (ours and each peer), and the others' ----
qrows=()
rows=()
n_fmt() { printf '%s' "$1" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta'; }
row() { rows+=("$(printf '%s|%s|%s|%s|%s' "$@")"); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.0fx", b / a; else print "-" }'; }
value() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }

# check NAME FILE ENGINE_FILE: a peer's figures must equal the engine's.
check() {
  if ! diff -q <(sort "$3") <(sort "$2") >/dev/null; then
    echo "bench: $1 disagrees with the engine (first differences, < engine > $1):" >&2
    diff <(sort "$3") <(sort "$2") | head -20 >&2
    die "$1's figures differ from the engine's"
  fi
  say "$1 gives the same figures as the engine ($(wc -l <"$3") lines)"
}

# ---- harness: full-year figures for every pupil, the summary, FSM x year ----
harness_query() {
  local n db school csv out ours reps
  for n in $SIZES; do
    db=$(db_for "$n")
    out=$(mktemp -d)
    reps=$([ "$n" -le 5000 ] && echo 500 || echo 30)
    "$ENGINE_BENCH" "$db" --reps "$reps" --startups 1 --check "$out/engine" >"$out/engine.txt"
    ours=$(value query_ms "$out/engine.txt")
    school=$(awk '$1 == "school" { print $2 }' "$out/engine.txt")
    local line="full-year figures, $(n_fmt "$n") pupils|$ours ms"
    local peer_reps=$([ "$n" -le 5000 ] && echo 5 || echo 3)
    for peer in $PEERS; do
      local ms=
      case $peer in
        sqlite)
          # attend keys marks by date (a register's marks are neighbours, for
          # writing); an analyst querying by pupil would add this index first,
          # once, outside the timing (the engine never reads it).
          sqlite3 "$db" "CREATE INDEX IF NOT EXISTS bench_marks_by_pupil ON marks \
            (school_id, pupil_id, date, code)"
          "$SQL_BENCH" --sqlite "$db" --sql "$here/sql/sqlite.sql" --school "$school" --from $FROM \
            --to $TO --reps "$peer_reps" --check "$out/sqlite" >"$out/sqlite.txt"
          ;;
        postgres)
          csv=$(csv_for "$db")
          pg_start
          local pgdb=demo_$n
          psql -X -At "$(pg_conn postgres)" -c "SELECT 1 FROM pg_database WHERE datname = '$pgdb'" |
            grep -q 1 || pg_load "$pgdb" "$csv"
          "$SQL_BENCH" --pg "$(pg_conn "$pgdb")" --sql "$here/sql/standard.sql" --school "$school" \
            --from $FROM --to $TO --reps "$peer_reps" --check "$out/postgres" >"$out/postgres.txt"
          ;;
        duckdb)
          csv=$(csv_for "$db")
          node "$here/duckdb_bench.mjs" --csv "$csv" --db "$csv.duckdb" --sql "$here/sql/standard.sql" \
            --school "$school" --from $FROM --to $TO --reps $((peer_reps * 2)) \
            --check "$out/duckdb" >"$out/duckdb.txt"
          ;;
        *) die "unknown peer $peer" ;;
      esac
      check "$peer" "$out/$peer" "$out/engine"
      ms=$(value query_ms "$out/$peer.txt")
      line+="|$ms ms ($(ratio "$ours" "$ms"))"
    done
    qrows+=("$line")
    rm -rf "$out"
  done
}

# largest: sets n, db and out (a temporary file) for the largest size.
largest() {
  n=$(echo $SIZES | tr ' ' '\n' | sort -n | tail -1)
  db=$(db_for "$n")
  out=$(mktemp)
}

# ---- harness: start-up, the largest register from the store into the matrix ----
harness_startup() {
  local n db out
  largest
  "$ENGINE_BENCH" "$db" --reps 1 --startups 5 >"$out"
  local how="reading every mark (no snapshot below 2,000,000 cells)"
  [ "$(value from_snapshot "$out")" = 1 ] && how="from the snapshot and the marks since"
  rows+=("start-up (engine_open), $(n_fmt "$n") pupils|$(value startup_ms "$out") ms|$how; goal < 3000 ms")
  # The first start of a register without a snapshot reads every mark.
  "$ENGINE_BENCH" "$db" --reps 1 --startups 1 --no-snapshot >"$out"
  rows+=("start-up reading every mark, $(n_fmt "$n") pupils|$(value startup_ms "$out") ms|one ordered scan of the marks table (first start only)")
  rm -f "$out"
}

# ---- harness: peak resident memory with the largest register loaded ----
harness_memory() {
  local n db out
  largest
  "$ENGINE_BENCH" "$db" --reps 3 --startups 1 >"$out"
  local kb cells
  kb=$(value maxrss_kb "$out")
  cells=$(awk '$1 == "rows" { print $6 }' "$out")
  local matrix
  matrix=$(value matrix_bytes "$out")
  rows+=("peak memory, $(n_fmt "$n") pupils|$((kb / 1024)) MB|$(awk -v kb="$kb" -v c="$cells" -v m="$matrix" \
    'BEGIN { printf "process peak RSS (%.2f bytes a cell); the matrix itself %.1f MB, %.2f bytes a cell; goal < 150 MB", kb * 1024 / c, m / 1048576, m / c }')")
  rm -f "$out"
}

for h in $HARNESSES; do
  say "harness: $h"
  "harness_$h"
done
pg_stop

echo
echo "attend bench: $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ); medians of in-process runs; peers on the"
echo "same data, their figures checked equal to ours first; (Nx) = how many times slower than ours."
echo
printf '%s\n' "harness|ours|$(printf '%s|' $PEERS)" "${qrows[@]}" | column -t -s '|'
echo
printf '%s\n' "harness|ours|" "${rows[@]}" | column -t -s '|'

# The stand-alone harnesses (each bench/NAME.sh prints its own figures).
scripts=${BENCH_SCRIPTS:-$(cd "$here" && ls ./*.sh | sed 's|^\./||; s|\.sh$||' | grep -vx run)}
for b in $scripts; do
  echo
  echo "== bench/$b.sh"
  bash "$here/$b.sh"
done
