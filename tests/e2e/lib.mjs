// What the browser tests share: a real `attend serve` on a temporary
// database, Debian's chromium through playwright-core, signing in, and
// screenshots at phone and desktop widths in build/screenshots/.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const attend = process.env.ATTEND || path.join(root, 'build/attend');
export const shots = path.join(root, 'build/screenshots');
export const PASSWORD = 'correct horse battery';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

let schools = 0;

// Runs a setup script (school.sh or another) and returns the folder it made.
// (On PostgreSQL its database is named after the script: ATTEND_TEST_PREFIX.)
export function makeSchool(script, env = {}) {
  const prefix = `e_${path.basename(script, '.sh')}_${process.pid}_${++schools}`;
  return execFileSync('bash', [path.join(here, script)], {
    env: { ...process.env, ATTEND: attend, ATTEND_TEST_PREFIX: prefix, ...env },
  }).toString().trim().split('\n').pop();
}

// The school's database: a file in its folder, or the database on the
// PostgreSQL server of the run that the folder's db-target names.
export function schoolDb(dir) {
  const target = path.join(dir, 'db-target');
  return existsSync(target) ? readFileSync(target, 'utf8').trim() : path.join(dir, 'school.db');
}

// Starts `attend serve` on the school in dir with the clock at now
// (YYYY-MM-DDTHH:MM); resolves to { server, url }.
export async function startServer(dir, now) {
  const server = spawn(attend, ['serve', '--listen', '127.0.0.1:0'], {
    env: { ...process.env, ATTEND_DB: schoolDb(dir), ATTEND_NOW: now },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stderr.on('data', (d) => { log += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/[0-9.:]+/);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`attend serve exited ${code}: ${log}`)));
  });
  return { server, url };
}

export async function stopServer(server) {
  if (!server || server.exitCode !== null) return;
  const done = new Promise((r) => server.on('exit', r));
  server.kill('SIGTERM');
  await done;
}

const browsers = [];

// A fresh browser profile; its page and the console errors it reports.
export async function browser() {
  const profile = mkdtempSync(path.join(tmpdir(), 'attend-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: DESKTOP,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  browsers.push({ ctx, profile });
  const page = ctx.pages()[0] || await ctx.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  return { page, problems };
}

export async function closeBrowsers() {
  for (const b of browsers.splice(0)) {
    await b.ctx.close();
    rmSync(b.profile, { recursive: true, force: true });
  }
}

export async function signIn(page, url, username) {
  await page.goto(`${url}/signin`);
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
}

export async function screenshots(page, name) {
  mkdirSync(shots, { recursive: true });
  for (const [label, size] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(shots, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

// A school made by script, served with the clock at now, for one test
// file: { url, log(), browser(), stop() } (stop closes its browsers too).
export async function serveSchool(script, now) {
  const dir = makeSchool(script);
  const { server, url } = await startServer(dir, now);
  let log = '';
  server.stderr.on('data', (d) => { log += d; });
  return {
    url,
    log: () => log,
    browser,
    async stop() {
      await closeBrowsers();
      await stopServer(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
