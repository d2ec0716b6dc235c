// The family pages in a real browser on a phone-sized screen (390 x 844):
// a parent reports an absence that the office then sees and accepts, and
// the parent sees it accepted; every family page (in English and Polish,
// the forms with a mistake shown, the pupil's page, the invitation pages)
// passes axe-core's WCAG 2.2 AA rules with no violation, fits a 360-px-wide
// screen without scrolling sideways, and keeps working at 200% zoom.
// Screenshots go to build/screenshots/.
import test from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { serveSchool, signIn as signInAt, screenshots, PHONE } from './lib.mjs';

const TODAY = '2026-11-27';
const AMY = 'T820200126001';
let srv, url;
const signIn = (page, username) => signInAt(page, url, username);

test.before(async () => {
  srv = await serveSchool('family-school.sh', `${TODAY}T09:10`);
  url = srv.url;
});
test.after(async () => { if (srv) { if (process.env.SHOWLOG) console.error(srv.log()); await srv.stop(); } });

// axe-core with the WCAG 2.x A and AA rules (2.0, 2.1 and 2.2).
async function axe(page, what) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ` +
    v.nodes.map((n) => n.target.join(' ')).join(', '));
  assert.deepEqual(found, [], `axe-core on ${what}`);
  assert.ok(result.passes.length > 10, `axe-core ran its rules on ${what}`);
}

// Nothing wider than a 360-px screen, and still nothing at 200% zoom (the
// page laid out in 640 CSS pixels, as a 1280-px window at 200%).
async function fits(page, what) {
  for (const width of [360, 640]) {
    await page.setViewportSize({ width, height: 800 });
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(over <= 0, `${what} is ${over}px wider than a ${width}-px screen`);
  }
  await page.setViewportSize(PHONE);
}

async function check(page, what) {
  await axe(page, what);
  await fits(page, what);
}

test('a parent on a phone reports an absence; the office accepts it', async () => {
  const parent = await srv.browser();
  const page = parent.page;
  await page.setViewportSize(PHONE);
  await signIn(page, 'parent');
  assert.match(page.url(), /\/family$/, 'the parent lands on their children');
  assert.match(await page.textContent('main'), /Amy Adams/);
  assert.doesNotMatch(await page.textContent('main'), /Gus|Green/, 'only their own child');
  await check(page, '/family');
  await screenshots(page, 'family-home');
  await page.setViewportSize(PHONE);

  // Amy's page: figures in days and lessons, the band, the weeks, lateness.
  await page.click(`a[href="/family/${AMY}"]`);
  const text = await page.textContent('main');
  assert.match(text, /This school year/);
  assert.match(text, /Missed \d+(\.5)? days? \(about \d+ lessons?\) of \d+ days/);
  assert.match(text, /band this school year: /);
  assert.match(text, /As the Department for Education counts it/);
  assert.match(text, /Late 4 times this school year, 48 minutes in all \(about 1 lesson\)\./);
  assert.equal(await page.locator('svg[role=img] title').count() > 0, true, 'the chart has a title');
  await check(page, 'a child\'s page');
  await screenshots(page, 'family-child');
  await page.setViewportSize(PHONE);

  // Report Monday's absence: illness, back on Tuesday.
  await page.click('a.button:has-text("Report an absence")');
  assert.match(page.url(), /\/family\/absence\?child=/);
  await check(page, 'the absence form');
  await page.fill('#from', '2026-11-30');
  await page.check('input[name=reason][value=illness]');
  await page.fill('#note', 'a temperature');
  await page.fill('#expected_return', '2026-12-01');
  await screenshots(page, 'family-report-form');
  await page.setViewportSize(PHONE);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit].primary')]);
  assert.match(page.url(), /\/family\/requests\?done=report$/);
  assert.match(await page.textContent('.flash.good'), /the office has your report/);
  assert.match(await page.textContent('.requests'), /Absence report: Monday 30 November 2026 \(Illness\)\s*Waiting for the office/);
  await check(page, 'the reports and requests');
  await screenshots(page, 'family-requests');

  // The office sees it and accepts it as illness.
  const office = await srv.browser();
  await signIn(office.page, 'office');
  await office.page.goto(`${url}/parent-reports`);
  const card = office.page.locator('li.report').filter({ hasText: 'Adams, Amy' });
  assert.match(await card.textContent(), /Illness: “a temperature”\. Expected back 2026-12-01/);
  assert.match(await card.textContent(), /From Ann Adams, mother/);
  assert.equal(await card.locator('select[name=code]').inputValue(), 'I', 'illness suggests I');
  await screenshots(office.page, 'office-parent-reports');
  await Promise.all([office.page.waitForNavigation(), card.locator('button[value=accept]').click()]);
  assert.match(await office.page.textContent('.flash.good'), /Accepted/);
  assert.match(await office.page.textContent('main'), /accepted\s+as I by office/);
  assert.deepEqual(office.problems, []);

  // The parent sees it accepted.
  await page.reload();
  assert.match(await page.textContent('.requests'), /Accepted: recorded as illness/);
  assert.deepEqual(parent.problems, []);
});

test('a form with a mistake says what and where, accessibly', async () => {
  const { page, problems } = await srv.browser();
  await page.setViewportSize(PHONE);
  await signIn(page, 'parent');
  await page.goto(`${url}/family/absence`);
  await page.fill('#from', '2026-11-28'); // a Saturday
  await page.check('input[name=reason][value=medical]');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit].primary')]);
  assert.match(await page.textContent('.error-summary'), /Saturday 28 November 2026 is not a school day \(the weekend\)/);
  assert.equal(await page.getAttribute('#from', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#from'), '2026-11-28', 'the values are kept');
  await check(page, 'the absence form with a mistake');
  await screenshots(page, 'family-report-error');

  await page.goto(`${url}/family/leave`);
  await check(page, 'the leave form');
  await page.fill('#from', '2026-12-14');
  await page.fill('#to', '2026-12-16');
  await page.fill('#reason', 'A family funeral abroad');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit].primary')]);
  assert.match(await page.textContent('.flash.good'), /It covers 3 days \(about 15 lessons\) of school/);
  await page.goto(`${url}/family/messages`);
  await check(page, 'the messages');
  // the form with a mistake came back with status 400, as it should
  assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
});

test('the family pages in Polish, the pupil\'s page and the invitation pass axe-core', async () => {
  const { page, problems } = await srv.browser();
  await page.setViewportSize(PHONE);
  await signIn(page, 'greta'); // Gus's mother reads Polish
  assert.equal(await page.getAttribute('html', 'lang'), 'pl');
  assert.match(await page.textContent('h1'), /Frekwencja Państwa dzieci/);
  await check(page, 'the Polish home page');
  for (const p of ['/family/absence', '/family/leave', '/family/requests', '/family/messages']) {
    await page.goto(url + p);
    assert.equal(await page.getAttribute('html', 'lang'), 'pl');
    await check(page, `${p} in Polish`);
  }
  await page.click('a[hreflang=en]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en-GB', 'the language link switches');
  await screenshots(page, 'family-polish-switched');

  const pupil = await srv.browser();
  await pupil.page.setViewportSize(PHONE);
  await signIn(pupil.page, 'pupil');
  assert.match(pupil.page.url(), /\/me$/);
  assert.match(await pupil.page.textContent('main'),
    /You've been in school \d+(\.5)? out of \d+(\.5)? days this fortnight\./);
  assert.match(await pupil.page.textContent('main'), /Full weeks this year/);
  await check(pupil.page, 'the pupil\'s page');
  await screenshots(pupil.page, 'pupil-me');

  // An invitation for Gus's father is not possible (no such contact):
  // invite Amy's father on paper, and open it signed out.
  const office = await srv.browser();
  await signIn(office.page, 'office');
  await office.page.goto(`${url}/pupils/${AMY}/accounts`);
  await office.page.selectOption('#contact', '2');
  await office.page.check('input[name=delivery][value=printed]');
  await Promise.all([office.page.waitForNavigation(), office.page.click('button:has-text("Invite")')]);
  const code = (await office.page.textContent('#invitation-code')).trim();
  assert.match(code, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  await screenshots(office.page, 'office-printed-invitation');

  const anon = await srv.browser();
  await anon.page.setViewportSize(PHONE);
  await anon.page.goto(`${url}/invite`);
  await check(anon.page, 'the invitation code form');
  await anon.page.fill('#code', code.toLowerCase().replace(/-/g, ' '));
  await Promise.all([anon.page.waitForNavigation(), anon.page.click('button[type=submit]')]);
  assert.match(await anon.page.textContent('main'), /This invitation is for Alan Adams \(father\), to see Amy's attendance/);
  await check(anon.page, 'the account set-up form');
  await anon.page.fill('#username', 'alan.adams');
  await anon.page.fill('#password', 'a long pass phrase');
  await anon.page.fill('#password2', 'a long pass phrase');
  await Promise.all([anon.page.waitForNavigation(), anon.page.click('button[type=submit]')]);
  assert.match(anon.page.url(), /\/family\?done=account$/, 'signed in at once');
  assert.match(await anon.page.textContent('main'), /Welcome! Your account is ready\.[\s\S]*Amy Adams/);
  await screenshots(anon.page, 'family-new-account');
  for (const b of [problems, pupil.problems, office.problems, anon.problems])
    assert.deepEqual(b, []);
});
