// What the browser tests share: a real `attend serve` on a school made by a
// script (printing its folder), Debian's chromium through playwright-core,
// signing in, and screenshots at phone and desktop width in build/screenshots/.
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

let dir, server;
const browsers = [];
export const site = { url: '' };

// Makes the school (script: a file of tests/e2e/) and serves it as of now.
export async function startServer(script, now) {
  dir = execFileSync('bash', [path.join(here, script)], { env: { ...process.env, ATTEND: attend } })
    .toString().trim();
  server = spawn(attend, ['serve', '--listen', '127.0.0.1:0'], {
    env: { ...process.env, ATTEND_DB: path.join(dir, 'school.db'), ATTEND_NOW: now },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stderr.on('data', (d) => { log += d; });
  site.url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/[0-9.:]+/);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`attend serve exited ${code}: ${log}`)));
  });
}

export async function stopAll() {
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
}

// A fresh browser; problems collects console errors and page errors.
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

export async function signIn(page, username) {
  await page.goto(`${site.url}/signin`);
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
