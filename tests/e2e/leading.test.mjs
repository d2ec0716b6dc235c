// Leading attendance in a real browser (issue 13): the attendance lead runs
// a self-assessment (the evidence attend holds shown beside each question),
// turns an agreed action into an action-plan item in one click, completes
// the assessment, sets a target tied to the register's figures and sees its
// trajectory; the office completes today's checklist in one click a task.
// Screenshots at 390x844 and 1366x900 go to build/screenshots/.
import test from 'node:test';
import assert from 'node:assert/strict';
import { serveSchool, signIn as signInAt, screenshots } from './lib.mjs';

// Friday after school: the afternoon registers were not taken.
const NOW = '2026-11-27T16:30';

let site;
const browser = () => site.browser();
const signIn = (page, username) => signInAt(page, site.url, username);

test.before(async () => { site = await serveSchool('leading-school.sh', NOW); });
test.after(async () => { if (site) await site.stop(); });

const go = (page, path) => page.goto(`${site.url}${path}`);
const submit = (page, locator) => Promise.all([page.waitForNavigation(), locator.click()]);

test('a self-assessment, an agreed action into the plan, a target on the live figures', async () => {
  const { page, problems } = await browser();
  await signIn(page, 'lead');
  await go(page, '/leading');
  assert.match(await page.textContent('h1'), /Leading attendance/);
  await screenshots(page, 'leading');

  // A new self-assessment.
  await go(page, '/self-assessment');
  await page.fill('#sa-new input[name=title]', 'Autumn term review');
  await submit(page, page.locator('#sa-new button'));
  assert.match(page.url(), /\/self-assessment\/\d+\?done=sa_created$/);
  const cards = page.locator('#sa-form article.sa-q');
  assert.equal(await cards.count(), 34, "the toolkit's 34 questions");
  const first = cards.first();
  assert.match(await first.locator('.sa-text').textContent(), /aware of attendance rates for their class, form and year/);
  assert.match(await first.locator('.sa-evidence').textContent(), /tutors opened their form's attendance page this half-term/);
  assert.match(await cards.nth(1).locator('.sa-evidence').textContent(), /parents' accounts opened their child's attendance this half-term/);

  // Score the first question, write the agreed action, and put it in the plan.
  await first.locator('input[type=radio][value="2"]').check();
  await first.locator('textarea[name^=evidence_]').fill('Tutors can see their form, few look at it.');
  await first.locator('textarea[name^=actions_]').fill('Show tutors their form page in the staff briefing');
  await submit(page, first.locator('button.to-plan'));
  assert.match(await page.textContent('#flash'), /now an item of the action plan/);
  const again = page.locator('#sa-form article.sa-q').first();
  assert.match(await again.locator('.in-plan').textContent(), /In the action plan: item \d+/);
  assert.equal(await again.locator('input[type=radio][value="2"]').isChecked(), true, 'the score was saved with it');
  await screenshots(page, 'self-assessment');

  // Score the rest and complete it.
  const radios = page.locator('#sa-form fieldset.score');
  const n = await radios.count();
  for (let i = 1; i < n; i++) await radios.nth(i).locator('input[value="3"]').check();
  await submit(page, page.locator('button[name=complete]'));
  assert.match(await page.textContent('h1'), /complete/);
  assert.equal(await page.locator('#sa-form textarea').count(), 0, 'kept as it was: no more editing');

  await go(page, '/self-assessment/compare');
  assert.equal(await page.locator('#chart-sa-areas svg[role=img]').count(), 1, 'the areas over time, as a chart');
  await screenshots(page, 'self-assessment-compare');

  // The plan holds the agreed action; a target set on the live figures.
  await go(page, '/plan');
  const row = page.locator('.actions-table tr', { hasText: 'Show tutors their form page in the staff briefing' });
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /from a self-assessment/);
  await page.fill('#target-new input[name=title]', 'Fewer pupils persistently absent');
  await page.selectOption('#target-new select[name=measure]', 'persistent_pct');
  await page.fill('#target-new input[name=baseline_date]', '2026-09-18');
  await page.fill('#target-new input[name=goal]', '10');
  await page.fill('#target-new input[name=goal_date]', '2027-07-16');
  await submit(page, page.locator('#target-new button'));
  assert.match(page.url(), /\/plan\/targets\/\d+/);
  assert.match(await page.textContent('.target-now'), /Now \d+\.\d%; the line to the goal stands at \d+\.\d%/);
  assert.equal(await page.locator('.target svg[role=img]').count(), 1, 'its trajectory, as a chart');
  assert.ok(await page.locator('#trajectory tbody tr').count() >= 8, 'a figure each week since the baseline');
  await screenshots(page, 'plan-target');
  await go(page, '/plan');
  await screenshots(page, 'action-plan');
  assert.deepEqual(problems, []);
});

test("the office completes today's checklist, one click a task", async () => {
  const { page, problems } = await browser();
  await signIn(page, 'office');
  await go(page, '/schedule');
  assert.match(await page.textContent('h1'), /Checklist/);
  const mine = page.locator('#sched-mine article.sched');
  assert.ok(await mine.count() >= 3, "the office's daily tasks");
  // the registers task: the afternoon's were not taken, so attend can't prove it
  const registers = mine.filter({ hasText: 'monitor register completion' });
  assert.match(await registers.locator('.evidence').textContent(), /not taken: .*PM/);
  let forms = page.locator('#sched-mine form');
  assert.ok(await forms.count() >= 1, 'something to tick');
  while (await forms.count() > 0) {
    const f = forms.first();
    await f.locator('input[name=note]').fill('Checked at the end of the day');
    await submit(page, f.locator('button'));
    assert.match(await page.textContent('#flash'), /Done: recorded with the time/);
    forms = page.locator('#sched-mine form');
  }
  const states = await mine.evaluateAll((els) => els.map((e) => e.dataset.state));
  assert.ok(states.every((s) => s === 'done'), `every task done: ${states}`);
  assert.match(await registers.locator('.done').textContent(), /Done 16:30 by office: Checked at the end of the day/);
  await screenshots(page, 'checklist');
  assert.deepEqual(problems, []);
});
