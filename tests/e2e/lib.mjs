// What the browser tests share: a real `attend serve` on a temporary school
// (made by a shell script of tests/e2e), Debian's chromium through
// playwright-core, signing in, and screenshots at phone and desktop widths
// in build/screenshots/.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const attend = process.env.ATTEND || path.join(root, 'build/attend');
const shots = path.join(root, 'build/screenshots');
export const PASSWORD = 'correct horse battery';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };
let schools = 0;

// Makes the school with script (a file of tests/e2e) and serves it with the
// clock at now ("YYYY-MM-DDTHH:MM"). Returns { url, stop }.
export async function startServer(script, now) {
  // The script prints its folder and the school's database (a file there,
  // or a database of its own when the tests run on PostgreSQL).
  const prefix = `e_${path.basename(script, '.sh')}_${process.pid}_${++schools}`;
  const [dir, db] = execFileSync('bash', [path.join(here, script)], {
    env: { ...process.env, ATTEND: attend, ATTEND_TEST_PREFIX: prefix },
  }).toString().trim().split('\n');
  const server = spawn(attend, ['serve', '--listen', '127.0.0.1:0'], {
    env: { ...process.env, ATTEND_DB: db, ATTEND_NOW: now },
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
  const browsers = [];
  return {
    url,
    log: () => log,
    async browser() {
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
    },
    async stop() {
      for (const b of browsers) {
        await b.ctx.close();
        rmSync(b.profile, { recursive: true, force: true });
      }
      if (server.exitCode === null) {
        const done = new Promise((r) => server.on('exit', r));
        server.kill('SIGTERM');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
