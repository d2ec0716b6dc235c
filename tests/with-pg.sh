#!/usr/bin/env bash
# usage: tests/with-pg.sh COMMAND [ARGS...]
#
# Runs COMMAND against a throwaway PostgreSQL 15 (Debian's) that it starts
# itself: initdb on a temporary data directory, listening on loopback only
# on a free port, as an unprivileged user when run as root (postgres, else
# nobody), with PostgreSQL's own durability settings (fsync and
# synchronous_commit on). COMMAND sees ATTEND_TEST_PG, the server's URI
# without a database name; the tests make a fresh database for each test
# (tests/lib-db.sh). The server is stopped and its directory removed when
# COMMAND ends, fails or is interrupted. Exits with COMMAND's status.
set -uo pipefail
bin=${ATTEND_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$bin/initdb" ] || { echo "with-pg: PostgreSQL 15 is not installed (make deps-test)" >&2; exit 2; }

dir=$(mktemp -d /tmp/attend-test-pg.XXXXXX)
as=()
if [ "$(id -u)" -eq 0 ]; then
  user=postgres
  id -u postgres >/dev/null 2>&1 || user=nobody
  chown "$user" "$dir"
  as=(runuser -u "$user" --)
fi
started=
stop() {
  if [ -n "$started" ]; then
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 ||
      "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
    started=
  fi
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

"${as[@]}" "$bin/initdb" -D "$dir/data" -U attend --auth=trust -E UTF8 --locale=C --no-sync \
  >"$dir/initdb.log" 2>&1 || { echo "with-pg: initdb failed:" >&2; tail -5 "$dir/initdb.log" >&2; exit 2; }

# A free port: ask the kernel for one, then try the next few if it is taken meanwhile.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
for try in 1 2 3 4 5; do
  if "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c log_min_messages=warning" \
      >/dev/null 2>&1; then
    started=1
    break
  fi
  port=$((port + 1))
done
[ -n "$started" ] || { echo "with-pg: PostgreSQL did not start:" >&2; tail -5 "$dir/server.log" >&2; exit 2; }

export ATTEND_TEST_PG="postgresql://attend@127.0.0.1:$port"
# The tests' own SQL is written once for both databases: SQLite's
# group_concat, for PostgreSQL, in the template every test database copies.
psql -X -q -v ON_ERROR_STOP=1 "$ATTEND_TEST_PG/template1" >/dev/null <<'SQL' || exit 2
CREATE FUNCTION group_concat_step(acc text, v anyelement, sep text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v::text ELSE acc || sep || v::text END $$;
CREATE FUNCTION group_concat_step(acc text, v anyelement) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT group_concat_step(acc, v, ',') $$;
CREATE AGGREGATE group_concat(anyelement, text) (SFUNC = group_concat_step, STYPE = text);
CREATE AGGREGATE group_concat(anyelement) (SFUNC = group_concat_step, STYPE = text);
SQL
echo "with-pg: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
t0=$(date +%s)
"$@"
rc=$?
echo "with-pg: the run on PostgreSQL took $(($(date +%s) - t0)) s (status $rc)" >&2
exit $rc
