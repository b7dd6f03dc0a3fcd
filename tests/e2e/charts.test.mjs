// The charts on their pages, on the example a year into delivery: the status over time beside
// the status now (plan page), the deadline timeline with today marked (plan page), positions by
// criterion (self-evaluation) and the co-production grid. Each has its title, its summary and its
// data table, passes axe and fits a phone's width; the board update's web page draws its charts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, recordPage, axeViolations, foreignRequests, heading, download, noSidewaysScroll, plantAutosave, PHONE } from './harness.mjs';

const app = appUnderTest();

// 2027-08-15 is a Sunday, a year into the example's delivery (as in delivery.test.mjs).
const TODAY = new Date('2027-08-15T10:00:00');

async function open(viewport, hash, title) {
  const context = await app.browser.newContext({ acceptDownloads: true, viewport });
  await context.clock.setFixedTime(TODAY);
  const page = await context.newPage();
  const { errors, requests } = recordPage(page);
  await page.goto(app.server.url + hash);
  await heading(page).filter({ hasText: title }).waitFor();
  return { context, page, errors, requests };
}

/** The chart figure with this title: its SVG, summary and table, checked for what every chart has. */
async function chart(scope, title) {
  const figure = scope.getByTestId('chart').filter({ has: scope.page().locator('figcaption', { hasText: title }) });
  await figure.waitFor();
  const svg = figure.locator('svg[role="img"]');
  assert.equal(await svg.getAttribute('aria-label'), title);
  const width = await svg.evaluate((el) => el.getBoundingClientRect().width);
  const page = await figure.evaluate(() => document.documentElement.clientWidth);
  assert.ok(width <= page, `${title}: ${width}px wide on a ${page}px page`);
  // Words in the drawing, not colour alone.
  assert.ok((await svg.locator('text').count()) > 3, `${title} has words in its drawing`);
  return { figure, summary: await figure.getByTestId('chart-summary').textContent(), table: figure.getByTestId('chart-table') };
}

for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', PHONE]]) {
  test(`every chart shows with its summary and table and passes axe (${label})`, async () => {
    const { context, page, errors, requests } = await open(viewport, '#/plan', 'Strategic plan update');

    const over = await chart(page.getByTestId('delivery'), 'Actions by status over time');
    assert.equal(over.summary, 'Of 4 actions, counted on 10 dates: on Monday 30 November 2026, 3 not started and 1 on track; '
      + 'on Sunday 15 August 2027, 1 on track, 1 at risk and 2 done.');
    assert.equal(await over.table.locator('tbody tr').count(), 10);
    assert.match(await over.table.locator('tbody tr').last().textContent(), /^15 Aug 2027\s*0\s*1\s*1\s*0\s*2$/);
    // It sits next to the status now.
    const titles = await page.getByTestId('delivery').locator('figcaption').allTextContents();
    assert.deepEqual(titles.slice(0, 2), ['Actions by status on Sunday 15 August 2027', 'Actions by status over time']);

    const timeline = await chart(page.getByTestId('timeline-chart'), 'Deadline timeline');
    assert.match(timeline.summary, /^6 of 9 steps done\. Next: Monitoring inspection .* about April 2028\. Today is Sunday 15 August 2027\.$/);
    assert.match(await timeline.table.textContent(), /Submitted on Thursday 26 November 2026/);
    assert.equal(await timeline.figure.locator('svg text', { hasText: /^Today$/ }).count(), 1);
    assert.deepEqual(await axeViolations(page), []);
    assert.ok(await noSidewaysScroll(page), 'the plan page fits the width');

    // Undo the example's "submitted on" and the deadline reads overdue, in the chart and its table.
    const done = page.getByRole('group', { name: /^Date done: Submit the priority action plan/ });
    await page.getByText('Enter the real dates', { exact: true }).click();
    for (const box of ['Day', 'Month', 'Year']) await done.getByLabel(box).fill('');
    await done.getByLabel('Year').blur();
    await page.getByTestId('timeline-chart').getByTestId('chart-summary').filter({ hasText: 'Overdue: Submit the priority action plan' }).waitFor();
    assert.match(await timeline.table.textContent(), /Monday 30 November 2026\s*Overdue/);
    assert.deepEqual(await axeViolations(page), []);

    // The board update's web page draws its charts, each with the words of its summary.
    const web = await readFile(await (await download(page, 'Board update (web page)')).path(), 'utf8');
    const svgs = web.match(/<svg [^>]*role="img"[^>]*>/g) ?? [];
    assert.deepEqual(svgs.map((s) => s.match(/aria-label="([^"]*)"/)[1]),
      ['Actions by status on Sunday 15 August 2027', 'Actions by status over time', 'Impact measures against baseline and target']);
    assert.match(web, /<caption>Data: Actions by status over time<\/caption>/);
    assert.match(web, /<th scope="row">Done<\/th>(<td>\d+<\/td>)*<td>2<\/td><\/tr>/);

    await page.goto(app.server.url + '#/self-evaluation');
    await heading(page).filter({ hasText: 'Self-evaluation' }).waitFor();
    const positions = await chart(page.getByTestId('positions-chart'), 'Self-assessed position by criterion');
    assert.equal(positions.summary, 'Of 12 criteria: 6 typically positive, 6 inconsistent, 0 widespread or systemic failings, 0 disputed and 0 not assessed.');
    assert.equal(await positions.table.locator('tbody tr').count(), 12);
    assert.match(await positions.table.locator('tbody tr').first().textContent(), /^A1 .*Inconsistent \(high confidence\)$/);
    assert.equal(await positions.figure.locator('svg text', { hasText: /^Inconsistent$/ }).count(), 6);
    assert.deepEqual(await axeViolations(page), []);
    assert.ok(await noSidewaysScroll(page), 'the self-evaluation page fits the width');

    await page.goto(app.server.url + '#/co-production');
    await heading(page).filter({ hasText: 'Who contributed where' }).waitFor();
    const grid = await chart(page.getByTestId('coproduction-chart'), 'Who contributed where');
    assert.equal(grid.summary, 'Entries written by each partner on each of 12 criteria. The parent carer forum wrote on 9 and children and young people on 5.');
    assert.match(await grid.table.locator('tbody tr').nth(3).textContent(), /^A4.*No parent carer forum input$/);
    // A number in every cell of the grid, not shade alone.
    assert.equal(await grid.figure.locator('svg rect').count(), 12 * 7);
    assert.deepEqual(await axeViolations(page), []);
    assert.ok(await noSidewaysScroll(page), 'the co-production page fits the width');

    assert.deepEqual(errors, []);
    assert.deepEqual(foreignRequests(requests, app.server), []);
    await context.close();
  });
}

// A large plan (the example's first action copied to 24 actions for its area, each with its
// measures): the area's card shows ten actions and says so, "Show all" shows the rest and
// gives them back, and the measures share one chart with a row a measure in its table.
test('a large plan: ten actions an area until asked for all, the measures in one chart', async () => {
  const first = await open({ width: 1280, height: 900 }, '#/', 'Prepare for your area SEND inspection');
  const file = JSON.parse(await readFile(await (await download(first.page, 'Save project')).path(), 'utf8'));
  await first.context.close();
  const actions = file.project.plan.actions;
  const model = actions.find((a) => a.measures.some((m) => m.values.length > 0));
  const area = file.project.plan.recommendations.find((r) => r.id === model.recommendation);
  const others = actions.filter((a) => a.recommendation === model.recommendation).length;
  for (let n = others; n < 24; n++) actions.push({ ...structuredClone(model), id: `copied-${n}`, what: `Copied action number ${n}` });
  const measured = actions.flatMap((a) => a.measures).filter((m) => m.values.length > 0).length;
  assert.ok(measured > 12, `${measured} measures with values`);

  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.clock.setFixedTime(TODAY);
  const plant = plantAutosave(JSON.stringify(file));
  await context.addInitScript(plant.script, plant.arg);
  const page = await context.newPage();
  const { errors, requests } = recordPage(page);
  await page.goto(app.server.url + '#/plan');
  await heading(page).filter({ hasText: 'Strategic plan update' }).waitFor();
  const card = page.getByTestId('recommendation').filter({ hasText: area.text.slice(0, 40) });
  assert.equal(await card.getByTestId('action').count(), 10);
  assert.equal(await card.getByTestId('actions-shown').textContent(), 'Showing 10 of 24 actions.');
  const more = card.getByRole('button', { name: /^Show all 24 actions for / });
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  await more.focus();
  await page.keyboard.press('Enter');
  await card.getByText('Copied action number 23', { exact: true }).waitFor();
  assert.equal(await card.getByTestId('action').count(), 24);
  const fewer = card.getByRole('button', { name: /^Show the first 10 actions only for / });
  assert.equal(await fewer.getAttribute('aria-expanded'), 'true');
  assert.ok(await fewer.evaluate((b) => b === document.activeElement), 'focus stays on the button');
  await fewer.click();
  assert.equal(await card.getByTestId('action').count(), 10);

  const delivery = page.getByTestId('delivery');
  const titles = await delivery.locator('figcaption').allTextContents();
  assert.deepEqual(titles, ['Actions by status on Sunday 15 August 2027', 'Actions by status over time', 'Impact measures against baseline and target']);
  const measures = await chart(delivery, 'Impact measures against baseline and target');
  assert.equal(await measures.table.locator('tbody tr').count(), measured);
  assert.match(measures.summary, new RegExp(`^${measured} measures; `));
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, app.server), []);
  await context.close();
});
