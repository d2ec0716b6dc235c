// The dashboards in a real browser: playwright-core driving Debian's
// /usr/bin/chromium against a real `attend serve` on a school with a term
// of marks. The attendance lead opens the dashboard, follows a figure to
// the pupils behind it and a pupil to their profile, moves through the
// calendar of sessions with the keyboard (each code shown on focus); the
// year, form, cup and governor pages open without a console error.
// Screenshots at phone and desktop widths go to build/screenshots/.
import test from 'node:test';
import assert from 'node:assert/strict';
import { serveSchool, signIn as signInAt, screenshots } from './lib.mjs';

const NOW = '2026-11-27T09:10';

let site;
const browser = () => site.browser();
const signIn = (page, username) => signInAt(page, site.url, username);

test.before(async () => { site = await serveSchool('dash-school.sh', NOW); });
test.after(async () => { if (site) await site.stop(); });

test('the attendance lead follows a figure to its pupils and a pupil to their profile', async () => {
  const { page, problems } = await browser();
  await signIn(page, 'lead');
  assert.match(page.url(), /\/dashboard$/, 'the attendance lead lands on the dashboard');
  assert.match(await page.textContent('h1'), /Attendance dashboard/);
  await screenshots(page, 'dashboard');

  // Persistent absence this half-term: the figure, then the pupils behind it.
  const figure = page.locator('a.fig[data-k="p.this_half_term.persistent"]');
  const count = Number(await figure.getAttribute('data-v'));
  assert.ok(count > 0, 'someone is persistently absent this half-term');
  await Promise.all([page.waitForNavigation(), figure.click()]);
  assert.match(page.url(), /\/pupils\?.*flag=pa/);
  assert.equal(Number(await page.getAttribute('[data-k="count"]', 'data-v')), count);
  assert.equal(await page.locator('#pupils tbody tr').count(), count);
  const flags = await page.$$eval('#pupils .flag', (f) => f.map((x) => x.textContent));
  assert.ok(flags.every((f) => /Persistent absence|Severe absence/.test(f)), `flags: ${flags}`);
  await screenshots(page, 'pupils');

  // The first pupil's profile.
  const name = await page.textContent('#pupils tbody tr:first-child a.pupil');
  await Promise.all([page.waitForNavigation(), page.click('#pupils tbody tr:first-child a.pupil')]);
  assert.match(page.url(), /\/pupils\/[A-Z0-9]{13}$/);
  const [surname, forename] = name.split(', ');
  assert.match(await page.textContent('h1'), new RegExp(`${forename} ${surname}`));
  assert.match(await page.textContent('#recovery'), /Back to 90%/);
  assert.ok(await page.locator('#chart-pupil-weekly svg[role=img]').count() === 1, 'the weekly line');

  // The calendar: one Tab stop; arrows move; the code shows on focus.
  const first = page.locator('#heatmap .hm[tabindex="0"]');
  assert.equal(await first.count(), 1, 'one cell of the calendar is in the Tab order');
  await first.focus();
  const tip = await first.getAttribute('data-tip');
  assert.match(tip, /^\w+day \d+ \w+ 2026 AM: /);
  const shown = await first.evaluate((el) => getComputedStyle(el, '::after').content);
  assert.equal(shown, JSON.stringify(tip), 'the code and its meaning show on focus');
  await page.keyboard.press('ArrowRight');
  const next = await page.evaluate(() => document.activeElement.dataset.tip);
  assert.match(next, / PM: /, 'ArrowRight moves to the afternoon');
  await page.keyboard.press('ArrowDown');
  const below = await page.evaluate(() => document.activeElement.dataset.tip);
  assert.notEqual(below, next);
  assert.match(below, / PM: /, 'ArrowDown keeps the session');
  await page.hover('#heatmap tbody tr:nth-child(3) .hm');
  await screenshots(page, 'profile');
  assert.deepEqual(problems, [], 'no errors in the browser console');
});

test('year, form, who moved and the cup', async () => {
  const { page, problems } = await browser();
  await signIn(page, 'lead');
  for (const [p, name, heading] of [['/years/7', 'year', /Year 7/], ['/forms/7A', 'form', /Form 7A/],
    ['/moved', 'moved', /Who moved this week/], ['/cup', 'cup', /Champions' Cup/]]) {
    await page.goto(site.url + p);
    assert.match(await page.textContent('h1'), heading);
    await screenshots(page, name);
  }
  await page.goto(`${site.url}/years/7`);
  await Promise.all([page.waitForNavigation(), page.click('#forms-week a[href="/forms/7B"]')]);
  assert.match(page.url(), /\/forms\/7B$/, 'a form of the league opens its view');
  assert.deepEqual(problems, []);
});

test('a governor sees the report and its PDF, and no pupil', async () => {
  const { page, problems } = await browser();
  await signIn(page, 'governor');
  assert.match(page.url(), /\/governors$/);
  const html = await page.content();
  assert.doesNotMatch(html, /Adams|Brown|Chowdhury|820200/, 'no name or UPN');
  assert.ok(await page.locator('figure.chart').count() >= 5);
  await screenshots(page, 'governors');
  const pdf = await page.request.get(`${site.url}/governors.pdf`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.ok((await pdf.body()).subarray(0, 5).toString() === '%PDF-');
  assert.deepEqual(problems, []);
});
