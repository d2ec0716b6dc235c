// DuckDB's side of `make bench`: loads the register exported from the
// SQLite database as CSV (once; the DuckDB file is cached beside it), then
// runs bench/sql/standard.sql as sql_bench does for SQLite and PostgreSQL:
// times whole runs, and on the first one writes the SELECTs' rows for the
// harness to compare with the engine's figures.
//
// usage: node duckdb_bench.mjs --csv PREFIX --db FILE --sql FILE --school ID
//                              --from DATE --to DATE [--reps N] [--check FILE]
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const arg = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) arg[process.argv[i].slice(2)] = process.argv[i + 1];
for (const k of ['csv', 'db', 'sql', 'school', 'from', 'to'])
  if (!arg[k]) { console.error(`duckdb_bench: --${k} is required`); process.exit(2); }
const reps = Number(arg.reps || 3);

const fresh = !existsSync(arg.db);
const instance = await DuckDBInstance.create(arg.db);
const con = await instance.connect();
if (fresh) {
  const t0 = performance.now();
  await con.run(`CREATE TABLE pupils AS SELECT * FROM read_csv('${arg.csv}.pupils.csv', header = true,
    columns = {'id': 'BIGINT', 'school_id': 'BIGINT', 'upn': 'VARCHAR'})`);
  await con.run(`CREATE TABLE enrolments AS SELECT * FROM read_csv('${arg.csv}.enrolments.csv', header = true,
    columns = {'id': 'BIGINT', 'school_id': 'BIGINT', 'pupil_id': 'BIGINT', 'admitted': 'DATE',
               'left_date': 'DATE', 'year': 'VARCHAR', 'fsm': 'INTEGER'})`);
  await con.run(`CREATE TABLE marks AS SELECT * FROM read_csv('${arg.csv}.marks.csv', header = true,
    columns = {'school_id': 'BIGINT', 'pupil_id': 'BIGINT', 'date': 'DATE', 'session': 'VARCHAR',
               'code': 'VARCHAR'})`);
  await con.run('CHECKPOINT');
  console.error(`duckdb_bench: loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const script = readFileSync(arg.sql, 'utf8')
  .replaceAll(':school', arg.school).replaceAll(':from', arg.from).replaceAll(':intdiv', '//')
  .replaceAll(':to', arg.to);
const stmts = script.split('\n;\n').map((s) => s.replace(/--.*$/gm, '').trim()).filter(Boolean);

const times = [];
for (let k = 0; k < reps; k++) {
  const lines = [];
  const t0 = performance.now();
  for (const sql of stmts) {
    const reader = await con.runAndReadAll(sql);
    // Only the SELECTs' rows are figures (CREATE TABLE AS answers a count).
    // The result is read in full in every run; turning it into JavaScript
    // values, which the C peers and the engine do not pay for, only in the
    // run that is checked.
    if (k === 0 && /^SELECT/i.test(sql))
      for (const row of reader.getRows()) lines.push(row.map(String).join(' '));
  }
  times.push(performance.now() - t0);
  if (k === 0 && arg.check) writeFileSync(arg.check, lines.join('\n') + '\n');
}
times.sort((a, b) => a - b);
const m = times.length % 2 ? times[times.length >> 1] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
console.log(`query_ms ${m.toFixed(3)}`);
con.closeSync();
instance.closeSync();
