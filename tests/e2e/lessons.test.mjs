// A lesson register in a real browser: the teacher's day lists their
// lessons; the lesson register is the register page with its keys; Amy,
// present in period 2, is marked absent in period 3 with the keyboard
// and goes on the office's "missing now" list with where she was last
// seen; Dan's medical appointment, known to the office, is shown and
// chosen for him. Screenshots at phone and desktop width.
import test from 'node:test';
import assert from 'node:assert/strict';
import { serveSchool, signIn, screenshots } from './lib.mjs';

const TODAY = '2026-11-27';
let srv;

test.before(async () => { srv = await serveSchool('lessons-school.sh', `${TODAY}T11:30`); });
test.after(async () => { if (srv) await srv.stop(); });

test('a teacher takes a lesson register that puts a pupil on the missing list', async () => {
  const { page, problems } = await srv.browser();
  await signIn(page, srv.url, 'teach7a');
  assert.match(page.url(), /\/today$/);
  assert.match(await page.textContent('#lessons'), /7A\/Ma1\s*P3/);
  await page.click(`a[href="/lessons/${TODAY}/3/7A/Ma1"]`);
  await page.waitForSelector('tr.pupil.current');
  const names = await page.$$eval('tr.pupil th a', (as) => as.map((a) => a.textContent));
  assert.deepEqual(names, ['Adams, Amy', 'Brown, Ben', 'Chowdhury, Cara', 'Davies, Dan', "O'Neill, Éva"]);
  assert.match(await page.textContent('tr.pupil:nth-child(4) .known'), /Office: M – /,
    'the office\'s reason is shown');
  assert.equal(await page.$eval('tr.pupil:nth-child(4) input[value=M]', (i) => i.checked), true,
    '... and chosen for Dan');
  assert.equal(await page.textContent('tr.pupil:nth-child(1) td.prev'), 'P2 /', 'the mark before: period 2');

  // Amy absent, Ben and Cara present, Dan as the office says, Éva present.
  await page.keyboard.press('n');
  await page.keyboard.press('/');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('/');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#live.good');
  assert.match(await page.textContent('#live'),
    /^Saved at \d\d:\d\d: 5 recorded, 0 amended\. 1 pupil seen earlier today is now on the office's missing list\.$/);
  assert.match(await page.textContent('#register-status'), /^Taken by teach7a at \d\d:\d\d\./);
  await screenshots(page, 'lesson-register');
  await page.reload();
  const marks = await page.$$eval('tr.pupil', (rows) => rows.map((tr) => {
    const c = tr.querySelector('input[type=radio]:checked');
    return c ? c.value : '';
  }));
  assert.deepEqual(marks, ['N', '/', '/', 'M', '/']);
  assert.deepEqual(problems, [], 'no errors in the browser console');
});

test('the office sees who is missing now, and where they were last seen', async () => {
  const { page, problems } = await srv.browser();
  await signIn(page, srv.url, 'office');
  await page.click('a[href="/missing"]');
  const row = await page.textContent('#missing tbody tr');
  assert.match(row, /Adams, Amy/);
  assert.match(row, /7A\/Ma1 P3/);
  assert.match(row, /present in period 2 \(7A\/En1, room E2, teach7b\)/);
  assert.equal(await page.$$eval('#missing tbody tr', (r) => r.length), 1, 'only Amy');
  assert.match(await page.textContent('#not-taken'), /7B\/Sc1 P1/, 'a register not taken is listed');
  await screenshots(page, 'missing-now');
  await page.fill('#missing input[name=resolution]', 'found in the library');
  await Promise.all([page.waitForNavigation(), page.click('#missing button[type=submit]')]);
  assert.match(await page.textContent('#missing tbody tr'), /Resolved by office: found in the library/);
  assert.deepEqual(problems, []);
});
