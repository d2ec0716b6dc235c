# A PostgreSQL primary and a streaming standby of its own on loopback, for
# the tests of several servers (test_replica, test_failover) and the bench:
# sourced, not run. pgc_primary [sync] starts a primary (with `sync`, the
# standby named `standby1` is synchronous: COMMIT returns once it has the
# WAL); pgc_standby makes the standby with pg_basebackup -R and starts it;
# pgc_kill_primary kills the primary's postmaster with SIGKILL;
# pgc_promote promotes the standby; pgc_stop stops both and removes them
# (call it from the test's EXIT trap). The URIs: PGC_PRIMARY, PGC_STANDBY
# (without a database name). As root the servers run as postgres.
PGC_BIN=${ATTEND_PG_BIN:-/usr/lib/postgresql/15/bin}
PGC_DIR=$(mktemp -d /tmp/attend-pgc.XXXXXX)
pgc_as=()
if [ "$(id -u)" -eq 0 ]; then
  pgc_user=postgres
  id -u postgres >/dev/null 2>&1 || pgc_user=nobody
  chown "$pgc_user" "$PGC_DIR"
  pgc_as=(runuser -u "$pgc_user" --)
fi

pgc_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

pgc_start() { # pgc_start DIR PORT [OPTIONS]
  local d=$1 port=$2
  shift 2
  "${pgc_as[@]}" "$PGC_BIN/pg_ctl" -D "$d" -l "$d.log" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -p $port -k $PGC_DIR -c max_connections=200 -c log_min_messages=warning $*" \
    >/dev/null 2>&1
}

pgc_primary() {
  local sync=${1:-}
  "${pgc_as[@]}" "$PGC_BIN/initdb" -D "$PGC_DIR/primary" -U attend --auth=trust -E UTF8 --locale=C \
    --no-sync >"$PGC_DIR/initdb.log" 2>&1 || { tail -5 "$PGC_DIR/initdb.log"; return 1; }
  PGC_PORT1=$(pgc_port)
  local opts="-c wal_level=replica -c max_wal_senders=5 -c wal_keep_size=256MB -c synchronous_commit=on"
  PGC_SYNC=$sync # the standby is made synchronous once it streams (a commit would wait for it)
  pgc_start "$PGC_DIR/primary" "$PGC_PORT1" "$opts" || { tail -5 "$PGC_DIR/primary.log"; return 1; }
  PGC_PRIMARY="postgresql://attend@127.0.0.1:$PGC_PORT1"
}

pgc_standby() {
  PGC_PORT2=$(pgc_port)
  "${pgc_as[@]}" "$PGC_BIN/pg_basebackup" -D "$PGC_DIR/standby" -R -X stream --checkpoint=fast \
    -d "host=127.0.0.1 port=$PGC_PORT1 user=attend application_name=standby1" \
    >"$PGC_DIR/basebackup.log" 2>&1 || { tail -5 "$PGC_DIR/basebackup.log"; return 1; }
  pgc_start "$PGC_DIR/standby" "$PGC_PORT2" || { tail -5 "$PGC_DIR/standby.log"; return 1; }
  PGC_STANDBY="postgresql://attend@127.0.0.1:$PGC_PORT2"
  # Streaming (and, for a synchronous pair, counted as the sync standby).
  local _ want="state = 'streaming'"
  if [ "$PGC_SYNC" = sync ]; then
    psql -X -q "$PGC_PRIMARY/postgres" -c "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" \
      -c "SELECT pg_reload_conf()" >/dev/null || return 1
    want="sync_state = 'sync'"
  fi
  for _ in $(seq 1 200); do
    [ -n "$(psql -X -A -t "$PGC_PRIMARY/postgres" -c \
      "SELECT 1 FROM pg_stat_replication WHERE application_name = 'standby1' AND $want")" ] &&
      return 0
    sleep 0.05
  done
  echo "the standby is not streaming ($want)"
  return 1
}

pgc_kill_primary() {
  local pid
  pid=$(head -1 "$PGC_DIR/primary/postmaster.pid")
  kill -9 "$pid"
  # The backends die with their postmaster's socket; wait for them to go.
  for _ in $(seq 1 100); do pgrep -P "$pid" >/dev/null 2>&1 || break; sleep 0.05; done
}

pgc_promote() {
  "${pgc_as[@]}" "$PGC_BIN/pg_ctl" -D "$PGC_DIR/standby" -w promote >/dev/null 2>&1
}

pgc_stop() {
  local d
  for d in standby primary; do
    [ -f "$PGC_DIR/$d/postmaster.pid" ] &&
      "${pgc_as[@]}" "$PGC_BIN/pg_ctl" -D "$PGC_DIR/$d" -m immediate -w stop >/dev/null 2>&1
  done
  rm -rf "$PGC_DIR"
}
