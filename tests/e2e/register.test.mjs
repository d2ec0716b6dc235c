// The register in a real browser: playwright-core driving Debian's
// /usr/bin/chromium against a real `attend serve` on a temporary database.
// A teacher signs in, takes a register with the keyboard only (a late
// arrival with minutes), saves and sees it saved; the office sees it taken.
// Screenshots at phone and desktop widths go to build/screenshots/.
import test from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { browser, closeBrowsers, makeSchool, screenshots, signIn as signInAt, startServer,
  stopServer } from './lib.mjs';

const TODAY = '2026-11-27';

let dir, server, url;
const signIn = (page, username) => signInAt(page, url, username);

test.before(async () => {
  dir = makeSchool('school.sh');
  ({ server, url } = await startServer(dir, `${TODAY}T09:10`));
});
test.after(async () => {
  await closeBrowsers();
  await stopServer(server);
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
