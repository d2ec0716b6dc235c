// A morning's first-day response in a real browser (issue 6), end to end:
// the register is taken at 09:05 with two pupils N; the office opens the
// queue (the pupil flagged for safeguarding first), sends the first-day
// message (the SMS gateway of tests/comms receives it through the outbox),
// records a call with its outcome, records the parent's reason, which
// clears the pupil from the queue; the next school day (a Monday, after the
// weekend) the other pupil is N again and the head of year has a task.
// Screenshots at phone and desktop widths go to build/screenshots/.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { attend, browser, closeBrowsers, makeSchool, root, schoolDb, screenshots, signIn, startServer,
  stopServer } from './lib.mjs';

const FRIDAY = '2026-11-27';
const MONDAY = '2026-11-30';
const lsan = `suppressions=${path.join(root, 'tests/comms/lsan.supp')}`;
process.env.LSAN_OPTIONS = process.env.LSAN_OPTIONS || lsan;

let dir, gwDir, gateway, server, url;

async function startGateway() {
  gwDir = mkdtempSync(path.join(tmpdir(), 'attend-sms-'));
  const portFile = path.join(gwDir, 'port');
  gateway = spawn('python3', [path.join(root, 'tests/comms/sms_gateway.py'), '--dir', gwDir,
    '--port-file', portFile, '--token', 'tok-e2e'], { stdio: 'ignore' });
  for (let i = 0; i < 200 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
  return readFileSync(portFile, 'utf8').trim();
}

function texts() {
  return readdirSync(gwDir).filter((f) => f.startsWith('sms-')).sort()
    .map((f) => JSON.parse(readFileSync(path.join(gwDir, f), 'utf8')).body);
}

// A register taken with the keyboard: one key per pupil, then Enter.
async function takeRegister(page, day, keys) {
  await page.goto(`${url}/registers/7A/${day}/AM`);
  await page.waitForSelector('tr.pupil.current');
  for (const k of keys) await page.keyboard.press(k);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#live.good');
}

const card = (page, name) => page.locator('article.fd', { hasText: name });

test.before(async () => {
  const port = await startGateway();
  dir = makeSchool('firstday-school.sh', { SMS_PORT: port });
  ({ server, url } = await startServer(dir, `${FRIDAY}T09:05`));
});
test.after(async () => {
  await closeBrowsers();
  await stopServer(server);
  if (gateway) gateway.kill();
  for (const d of [dir, gwDir]) if (d) rmSync(d, { recursive: true, force: true });
});

test('the first-day response of a morning, and escalation the next school day', async () => {
  // 09:05 on Friday: Cara and Dan are absent with no reason
  const teacher = await browser();
  await signIn(teacher.page, url, 'teach7a');
  await takeRegister(teacher.page, FRIDAY, ['/', '/', 'n', 'n', '/']);

  const { page, problems } = await browser();
  await signIn(page, url, 'office');
  await page.click('nav a[href="/first-day"]');
  const names = await page.$$eval('#fd-list article.fd h3 a', (as) => as.map((a) => a.textContent));
  assert.deepEqual(names, ['Davies, Dan', 'Chowdhury, Cara'], 'the pupil flagged for safeguarding goes first');
  assert.match(await card(page, 'Davies, Dan').textContent(), /safeguarding/);
  assert.match(await page.textContent('#fd-summary'), /2 pupils absent with no reason: 0 with a step late, 2 due/);
  const cara = card(page, 'Chowdhury, Cara');
  assert.match(await cara.locator('.due').textContent(), /Due now: Message the first contact by 09:30 \(Office\)/);
  assert.match(await cara.locator('.fd-meta').textContent(), /First day with no reason · Tutor call: teach7a \(task open\)/);

  // the first-day message: previewed, then queued through the outbox
  await cara.locator('a', { hasText: 'Send the first-day message' }).click();
  assert.match(await page.textContent('#preview'), /^Riverside Academy: Cara is not in school today and we haven't heard why\./);
  assert.match(await page.textContent('.preview-meta'), /Rita Chowdhury, mother.*text: \+447700900123/s);
  await screenshots(page, 'first-day-message');
  await Promise.all([page.waitForNavigation(), page.click('#send')]);
  assert.match(await page.textContent('#flash'), /first-day message is in the outbox/);
  assert.match(await cara.locator('ol.done').textContent(), /Message the first contact: Sent \(Rita Chowdhury, mother\) message queued/);
  assert.match(await cara.locator('.due').textContent(), /Call the other contacts by 10:00/);

  // the outbox delivers it to the SMS gateway
  execFileSync(attend, ['outbox', 'run', '--once'], {
    env: { ...process.env, ATTEND_DB: schoolDb(dir), ATTEND_NOW: `${FRIDAY}T09:06` },
  });
  const sent = texts();
  assert.equal(sent.length, 1);
  assert.equal(sent[0].to, '+447700900123');
  assert.match(sent[0].text, /Cara is not in school today/);
  await page.reload();
  assert.match(await cara.locator('ol.done').textContent(), /message sent/);

  // a call with its outcome, in one click (no reload: the card changes)
  assert.equal(await cara.locator('select[name=contact]').inputValue(), '2', 'the other contact is called');
  await cara.locator('input[name=note]').first().fill('Dad: Cara has flu, back on Monday');
  await cara.locator('button', { hasText: 'Reached' }).click();
  await page.waitForSelector('#live.good');
  assert.match(await cara.locator('.due').textContent(), /Contact made: record the reason/);
  assert.match(await cara.locator('ol.done').textContent(), /Call the other contacts: Reached \(Raj Chowdhury, father\) – Dad: Cara has flu/);
  await screenshots(page, 'first-day');

  // the parent's reason: it clears Cara from the queue
  await cara.locator('a', { hasText: 'Record the reason' }).click();
  await page.selectOption('select[name=code]', 'I');
  await page.fill('input[name=note]', 'flu');
  await page.fill('input[name=expected_return]', MONDAY);
  await page.selectOption('select[name=contact]', '2');
  await page.selectOption('select[name=channel]', 'call');
  await Promise.all([page.waitForNavigation(), page.click('#record')]);
  assert.match(page.url(), /\/first-day\?done=report$/);
  assert.match(await page.textContent('#flash'), /reason is recorded/);
  assert.equal(await card(page, 'Chowdhury, Cara').count(), 0, 'Cara has left the queue');
  assert.match(await page.textContent('#fd-resolved'), /Chowdhury, Cara\s*I\s*I\s*2/);
  assert.match(await page.textContent('#fd-summary'), /1 pupil absent with no reason/);
  await screenshots(page, 'first-day-after');

  // the family page holds the log of it all
  await page.click('#fd-resolved a');
  const log = await page.textContent('#contact-log');
  assert.match(log, /First-day call: Reached\. Dad: Cara has flu, back on Monday/);
  assert.match(log, /Text to Rita Chowdhury/);
  assert.match(await page.textContent('#reports'), /I 2026-11-27 AM to 2026-11-27 PM: flu/);
  await screenshots(page, 'family');
  assert.deepEqual(problems, [], 'no errors in the browser console');

  // Monday, the next school day: Cara is back, Dan is N again
  await stopServer(server);
  ({ server, url } = await startServer(dir, `${MONDAY}T09:05`));
  await signIn(teacher.page, url, 'teach7a');
  await takeRegister(teacher.page, MONDAY, ['/', '/', '/', 'n', '/']);

  const hoy = await browser();
  await signIn(hoy.page, url, 'hoy7');
  await hoy.page.click('nav a[href="/tasks"]');
  assert.match(await hoy.page.textContent('#tasks-summary'), /^1 open task for you\.$/);
  const task = hoy.page.locator('article.task', { hasText: 'Head of year call' });
  assert.match(await task.locator('h3').textContent(), /^Head of year call: Dan Davies \(7A\), day 2 absent with no reason$/);
  assert.match(await task.locator('.fd-meta').textContent(), /For Head of year \(year 7\) \(hoy7\) · due 2026-11-30/);
  await screenshots(hoy.page, 'tasks');
  await task.locator('select[name=contact]').selectOption('1');
  await task.locator('button', { hasText: 'No answer' }).click();
  await hoy.page.waitForSelector('#live.good');
  assert.match(await hoy.page.textContent('#tasks-summary'), /^0 open tasks for you\.$/);
  assert.match(await hoy.page.locator('article.task', { hasText: 'Head of year call' }).textContent(),
    /Done .* by hoy7: Called: no answer/);
  assert.deepEqual(hoy.problems, []);

  // the tutor's day-1 task of Cara closed itself when her reason came
  await teacher.page.goto(`${url}/tasks`);
  assert.match(await teacher.page.locator('article.task', { hasText: 'Cara Chowdhury' }).textContent(),
    /Closed .* by office: the absence has a reason now \(I, by office\)/);
  assert.deepEqual(teacher.problems, []);
});
