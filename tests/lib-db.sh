# The tests' databases, on SQLite or PostgreSQL: sourced by the CLI, HTTP
# and browser tests' helpers. With ATTEND_TEST_PG set (tests/with-pg.sh)
# each database a test makes is a fresh database on that server, named
# after the test (ATTEND_TEST_PREFIX); otherwise a file. Everything a test
# asks the database directly goes through these, so one test runs on both.

# The PostgreSQL database of NAME for this test.
db_pg_name() { printf '%s_%s' "${ATTEND_TEST_PREFIX:-t$$}" "$1" | tr -c 'a-zA-Z0-9_\n' '_' | cut -c1-63; }

# db_new NAME [DIR]: a new, empty database; prints its target (a path or a URI).
db_new() {
  local name=$1 dir=${2:-$PWD}
  if [ -n "${ATTEND_TEST_PG:-}" ]; then
    local db
    db=$(db_pg_name "$name")
    psql -X -q -v ON_ERROR_STOP=1 "$ATTEND_TEST_PG/postgres" -c "CREATE DATABASE \"$db\"" >/dev/null ||
      return 1
    echo "$ATTEND_TEST_PG/$db"
  else
    echo "$dir/$name.db"
  fi
}

db_is_pg() { [[ "${1:-$ATTEND_DB}" == postgres* ]]; }

# db_query SQL: runs SQL on $ATTEND_DB and prints its rows, columns
# separated by |, nothing for NULL (sqlite3's list mode; psql -At).
db_query() {
  if db_is_pg; then
    psql -X -q -A -t -v ON_ERROR_STOP=1 "$ATTEND_DB" -c "$1"
  else
    sqlite3 "$ATTEND_DB" "$1"
  fi
}

# db_dump: the whole database, for "nothing changed" checks. (PostgreSQL's
# identity counters are left out: a transaction rolled back still uses
# numbers up; and so are pg_dump's comments and its random \restrict key.)
db_dump() {
  if db_is_pg; then
    pg_dump --no-owner --no-privileges "$ATTEND_DB" |
      grep -v -e '^SELECT pg_catalog.setval' -e '^--' -e '^\\restrict' -e '^\\unrestrict'
  else
    sqlite3 "$ATTEND_DB" .dump | grep -v '^INSERT INTO sqlite_stat'
  fi
}

# db_created [TARGET]: whether anything was written to the database (a file
# made; a table created).
db_created() {
  local t=${1:-$ATTEND_DB}
  if db_is_pg "$t"; then
    [ "$(psql -X -A -t "$t" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" != 0 ]
  else
    [ -e "$t" ]
  fi
}

# db_remove [TARGET]: back to no database at all (an empty one on PostgreSQL).
db_remove() {
  local t=${1:-$ATTEND_DB}
  if db_is_pg "$t"; then
    psql -X -q "$t" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >/dev/null 2>&1
  else
    rm -f "$t" "$t-wal" "$t-shm"
  fi
}

# db_copy SOURCE NAME: a copy of the database SOURCE (nobody connected to
# it) under a new NAME; prints the copy's target.
db_copy() {
  local src=$1 name=$2 t
  if db_is_pg "$src"; then
    t=$(db_pg_name "$name")
    psql -X -q -v ON_ERROR_STOP=1 "$ATTEND_TEST_PG/postgres" \
      -c "CREATE DATABASE \"$t\" TEMPLATE \"${src##*/}\"" >/dev/null || return 1
    echo "$ATTEND_TEST_PG/$t"
  else
    t=$(dirname "$src")/$name.db
    rm -f "$t" "$t-wal" "$t-shm"
    cp "$src" "$t"
    echo "$t"
  fi
}

# db_tamper TABLE TRIGGER SQL: what someone with the database's password
# could do: drop the trigger guarding TABLE, then run SQL.
db_tamper() {
  if db_is_pg; then
    db_query "DROP TRIGGER $2 ON $1; $3"
  else
    db_query "DROP TRIGGER $2; $3"
  fi
}

# db_integrity: prints ok when the database's own structures check out
# (SQLite's integrity_check; PostgreSQL's amcheck over every B-tree index).
db_integrity() {
  if db_is_pg; then
    psql -X -q -A -t -v ON_ERROR_STOP=1 "$ATTEND_DB" >/dev/null 2>&1 <<'SQL' && echo ok || echo "amcheck failed"
CREATE EXTENSION IF NOT EXISTS amcheck;
SELECT bt_index_check(c.oid, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE a.amname = 'btree' AND n.nspname = 'public';
SQL
  else
    sqlite3 "$ATTEND_DB" 'pragma integrity_check'
  fi
}
