// The register in a real browser: playwright-core driving Debian's
// /usr/bin/chromium against a real `attend serve` on a temporary database.
// A teacher signs in, takes a register with the keyboard only (a late
// arrival with minutes), saves and sees it saved; the office sees it taken.
// Screenshots at phone and desktop widths go to build/screenshots/.
import test from 'node:test';
import assert from 'node:assert/strict';
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
const PASSWORD = 'correct horse battery';
const TODAY = '2026-11-27';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

let dir, server, url;
const browsers = [];

async function startServer() {
  dir = execFileSync('bash', [path.join(here, 'school.sh')], { env: { ...process.env, ATTEND: attend } })
    .toString().trim();
  server = spawn(attend, ['serve', '--listen', '127.0.0.1:0'], {
    env: { ...process.env, ATTEND_DB: path.join(dir, 'school.db'), ATTEND_NOW: `${TODAY}T09:10` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stderr.on('data', (d) => { log += d; });
  url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/[0-9.:]+/);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`attend serve exited ${code}: ${log}`)));
  });
}

async function browser() {
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

async function signIn(page, username) {
  await page.goto(`${url}/signin`);
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
}

async function screenshots(page, name) {
  mkdirSync(shots, { recursive: true });
  for (const [label, size] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(shots, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

test.before(startServer);
test.after(async () => {
  for (const b of browsers) {
    await b.ctx.close();
    rmSync(b.profile, { recursive: true, force: true });
  }
  if (server && server.exitCode === null) {
    const done = new Promise((r) => server.on('exit', r));
    server.kill('SIGTERM');
    await done;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a teacher takes the register with the keyboard only', async () => {
  const { page, problems } = await browser();
  await signIn(page, 'teach7a');
  assert.match(page.url(), /\/today$/, 'the teacher lands on today\'s registers');
  await page.click(`a[href="/registers/7A/${TODAY}/AM"]`);
  await page.waitForSelector('tr.pupil.current');
  const names = await page.$$eval('tr.pupil th a', (as) => as.map((a) => a.textContent));
  assert.deepEqual(names, ['Adams, Amy', 'Brown, Ben', 'Chowdhury, Cara', 'Davies, Dan', "O'Neill, Éva"]);

  // Adams present, Brown late 7 minutes, Chowdhury N, Davies and O'Neill present.
  await page.keyboard.press('/');
  await page.keyboard.press('l');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'late.' +
    await page.$eval('tr.pupil:nth-child(2)', (tr) => tr.dataset.upn), 'L asks for minutes late');
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await page.keyboard.press('n');
  await page.keyboard.press('Space');
  await page.keyboard.press('/');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#live.good');
  const said = await page.textContent('#live');
  assert.match(said, /^Saved at \d\d:\d\d: 5 recorded, 0 amended\.$/);
  assert.match(await page.textContent('#register-status'), /^Taken by teach7a at \d\d:\d\d\./,
    'the page says the register is taken without reloading');
  await screenshots(page, 'register');

  // Saved for real: a fresh load shows the marks from the server.
  await page.reload();
  const marks = await page.$$eval('tr.pupil', (rows) => rows.map((tr) => {
    const c = tr.querySelector('input[type=radio]:checked');
    return (c ? c.value : '') + tr.querySelector('.late input').value;
  }));
  assert.deepEqual(marks, ['/', 'L7', 'N', '/', '/']);
  assert.match(await page.textContent('#register-status'), /Taken by teach7a/);
  assert.deepEqual(problems, [], 'no errors in the browser console');
});

test('the office sees the register taken', async () => {
  const { page, problems } = await browser();
  await signIn(page, 'office');
  assert.match(page.url(), /\/office$/);
  const row = await page.textContent('#office tbody tr:has(th:text-is("7A"))');
  assert.match(row, /Taken\s*by teach7a at 09:10/);
  assert.match(row, /Not taken yet/, 'the afternoon register is still to come');
  assert.match(await page.textContent('#unexplained'), /Chowdhury, Cara/);
  assert.match(await page.textContent('.summary'), /1 of 6 registers taken/);
  await screenshots(page, 'office');
  assert.deepEqual(problems, []);
});
