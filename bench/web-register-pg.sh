#!/usr/bin/env bash
# Register submissions through attend serve on PostgreSQL (issue 9), beside
# the same load on SQLite: bench/web-register.sh run twice, the second time
# on a PostgreSQL 15 the harness starts itself (tests/lib-pgcluster.sh: a
# temporary data directory on loopback, PostgreSQL's own durability:
# fsync on, synchronous_commit on, full_page_writes on), stopped afterwards.
# Every register is a new one of 30 marks, acknowledged only once durable.
# Goal on a 2-core machine: >= 1,000 registers/s with p99 < 30 ms on
# PostgreSQL. (wrk, the server and PostgreSQL share the cores.) In a
# closed loop the mean latency is connections / throughput, so PostgreSQL
# runs twice: at SQLite's 64 connections, and at 16 (fewer registers in
# flight, shorter waits), each on a database of its own; each run is then
# paced at the goal's 1,000 registers/s (web-register.sh's PACE_RATE).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tests/lib-pgcluster.sh"
trap pgc_stop EXIT
export BENCH_STATIC=0
BENCH_LABEL=SQLite bash "$here/web-register.sh" | grep -v '^(wrk'
pgc_primary >/dev/null || { echo "PostgreSQL did not start"; exit 1; }
psql -X -q "$PGC_PRIMARY/postgres" \
  -c "CREATE DATABASE attend TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" >/dev/null
PACE_RATE=1000 BENCH_DB=$PGC_PRIMARY/attend BENCH_LABEL="PostgreSQL, ${CONNS:-64} connections" \
  bash "$here/web-register.sh"
psql -X -q "$PGC_PRIMARY/postgres" \
  -c "CREATE DATABASE attend16 TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" >/dev/null
PACE_RATE=1000 CONNS=16 BENCH_DB=$PGC_PRIMARY/attend16 BENCH_LABEL="PostgreSQL, 16 connections" \
  bash "$here/web-register.sh"
