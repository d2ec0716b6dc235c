// Casework in a real browser (issue 7): a pupil from trigger to plan to
// review, and the impact figure. The attendance lead opens the review list
// (the triggers raise it from the register: Dan Davies has crossed into
// persistent absence), accepts the suggested stage with a reason, opens
// Dan's casework, starts a support plan with its barriers, agrees an
// action, records a review meeting with Dan's voice and his mother's, starts
// a daily check-in dated from October, and reads its impact: attendance in
// the school weeks before and after, exact. The school's impact page warns
// that one pupil is too few to conclude anything. Screenshots at 390x844
// and 1366x900 go to build/screenshots/.
import test from 'node:test';
import assert from 'node:assert/strict';
import { serveSchool, signIn as signInAt, screenshots } from './lib.mjs';

const NOW = '2026-11-27T09:10';

let site;
test.before(async () => { site = await serveSchool('casework-school.sh', NOW); });
test.after(async () => { if (site) await site.stop(); });

test('a pupil from trigger to plan to review, with the impact of an intervention', async () => {
  const { page, problems } = await site.browser();
  await signInAt(page, site.url, 'lead');

  // the review list: brought up to date from the register as it opens
  await Promise.all([page.waitForNavigation(), page.click('nav a[href="/casework"]')]);
  assert.match(await page.textContent('h1'), /The review list/);
  const item = page.locator('article.review[data-kind="persistent"]', { hasText: 'Davies, Dan' });
  assert.equal(await item.count(), 1, 'Dan crossed into persistent absence');
  assert.match(await item.textContent(), /Absence this school year reached 20\.0% \(4 of 20 sessions: 2 days\) on Wednesday 16 September 2026/);
  assert.match(await item.locator('.suggested').textContent(), /Early intervention/);
  await screenshots(page, 'casework-review-list');

  // accepted, at the suggested stage, with the reason
  assert.equal(await item.locator('select[name=stage]').inputValue(), 'early_intervention');
  await item.locator('input[name=reason]').fill('Meet Mrs Davies and Dan this week');
  await Promise.all([page.waitForNavigation(), item.locator('button', { hasText: 'Accept' }).click()]);
  assert.match(await page.textContent('#flash'), /decision is recorded/);
  assert.equal(await page.locator('article.review[data-kind="persistent"]', { hasText: 'Davies, Dan' }).count(), 0);

  // Dan's casework: the stage, with who and why
  await page.goto(`${site.url}/casework?kind=pattern`);
  await Promise.all([page.waitForNavigation(),
    page.locator('article.review', { hasText: 'Davies, Dan' }).locator('h3 a').click()]);
  assert.match(await page.textContent('h1'), /Casework: Dan Davies/);
  assert.match(await page.textContent('#stage .now'), /Early intervention · tier 2/);
  assert.match(await page.textContent('#stage-history'), /Early intervention\s*lead\s*Crossed into persistent absence \(10%\) \(review item \d+\): Meet Mrs Davies and Dan this week/);

  // a support plan from 5 October, with two barriers
  await page.fill('#plan-form input[name=title]', 'Mondays back in school');
  await page.fill('#plan-form input[name=started_on]', '2026-10-05');
  await page.fill('#plan-form input[name=review_on]', '2026-12-11');
  await page.check('#plan-form input[value=anxiety_ebsa]');
  await page.check('#plan-form input[value=transport]');
  await Promise.all([page.waitForNavigation(), page.click('#plan-form button')]);
  assert.match(await page.textContent('#flash'), /support plan is started/);
  assert.match(await page.textContent('#plan-open .title'), /Mondays back in school/);
  assert.match(await page.textContent('#plan-open .barriers'), /Anxiety or emotionally based school avoidance \(EBSA\)\s*Transport/);

  // an action agreed, with who and by when
  await page.fill('#action-form input[name=action]', 'Call home at 8:45 each Monday');
  await page.fill('#action-form input[name=owner]', 'Miss Bethany');
  await page.fill('#action-form input[name=due_on]', '2026-12-04');
  await Promise.all([page.waitForNavigation(), page.click('#action-form button')]);
  assert.match(await page.textContent('#actions'), /Call home at 8:45 each Monday\s*Miss Bethany\s*2026-12-04/);

  // the review meeting: who came, Dan's voice and his mother's, the next review
  await page.selectOption('#meeting-form select[name=kind]', 'review');
  await page.fill('#meeting-form input[name=attendees]', 'Dan, Mrs Davies, Miss Bethany');
  await page.fill('#meeting-form textarea[name=pupil_voice]', 'Sunday nights I can’t sleep');
  await page.fill('#meeting-form textarea[name=parent_voice]', 'The bus on Mondays is the worst');
  await page.fill('#meeting-form input[name=next_review_on]', '2026-12-18');
  await Promise.all([page.waitForNavigation(), page.click('#meeting-form button')]);
  const meeting = await page.textContent('#meetings');
  assert.match(meeting, /Review Friday 27 November 2026 · Dan, Mrs Davies, Miss Bethany/);
  assert.match(meeting, /Pupil's voice: Sunday nights I can’t sleep/);
  assert.match(meeting, /Parent's voice: The bus on Mondays is the worst/);
  assert.match(await page.textContent('#plan-open .fd-meta'), /next review Friday 18 December 2026/);

  // a daily check-in since 5 October, and its impact: 5 school weeks before
  // the week of 5 October (the calendar starts on 2 September), 36 of 44
  // sessions; 6 school weeks from 5 October (the half-term week not
  // counted), 48 of 58: +0.94 points
  await page.click('#interventions summary');
  await page.selectOption('#intervention-form select[name=type]', 'daily_check_in');
  await page.fill('#intervention-form input[name=started_on]', '2026-10-05');
  await Promise.all([page.waitForNavigation(), page.click('#intervention-form button')]);
  const card = page.locator('article.intervention[data-type="daily_check_in"]');
  const impact = await card.locator('.impact').textContent();
  assert.match(impact, /Before \(5 school weeks\): 81\.8% \(36 of 44 sessions\)/);
  assert.match(impact, /after \(6 school weeks\): 82\.8% \(48 of 58 sessions\)/);
  assert.match(impact, /change: \+0\.9 points/);
  assert.equal(await card.locator('[data-k="change_pp"]').getAttribute('data-v'), '0.94');
  await page.locator('#plan').scrollIntoViewIfNeeded();
  await screenshots(page, 'casework-pupil');

  // the profile shows the casework in brief
  await page.goto(`${site.url}/pupils/${page.url().match(/pupils\/([A-Z0-9]+)/)[1]}`);
  assert.match(await page.textContent('#casework + p'), /Early intervention · tier 2/);

  // the school's impact: one pupil is too few to conclude anything
  await page.goto(`${site.url}/casework/impact`);
  const row = page.locator('#impact tr[data-type="daily_check_in"]');
  assert.equal(await row.locator('[data-k="pupils"]').textContent(), '1');
  assert.match(await row.locator('.too-few').textContent(), /No: too few pupils/);
  assert.match(await page.textContent('#impact-warnings'), /Daily check-in: Too few pupils to conclude anything/);
  await screenshots(page, 'casework-impact');

  // the LA pack lists Dan with his stage, barriers and action
  await page.goto(`${site.url}/casework/pack`);
  const packRow = page.locator('#pack tr', { hasText: 'Davies, Dan' });
  assert.match(await packRow.textContent(), /Early intervention · tier 2.*Anxiety.*Transport.*Call home at 8:45 each Monday/s);
  await screenshots(page, 'casework-pack');
  assert.deepEqual(problems, [], 'no errors in the browser console');
});
