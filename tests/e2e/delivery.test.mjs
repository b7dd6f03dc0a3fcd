// Delivering the plan on the example, a year in: an action goes off track (the note is required,
// the error summary links to it), a milestone is met, a progress entry and a measure value are
// added, the status tag and the charts' summaries and tables follow, the monitoring readiness
// view is recorded, a named plan is added and ticked, and the board update is made as at a date
// (web page and Word). At desktop width and at 375 × 812; axe on each page; nothing leaves it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, recordPage, axeViolations, foreignRequests, heading, download, readDocx } from './harness.mjs';

const app = appUnderTest();

// The example's delivery runs from November 2026; the page reads status "as at" today, so today
// is fixed a year in. 2027-08-15 is a Sunday.
const TODAY = new Date('2027-08-15T10:00:00');

async function open(viewport) {
  const context = await app.browser.newContext({ acceptDownloads: true, viewport });
  await context.clock.setFixedTime(TODAY);
  const page = await context.newPage();
  const { errors, requests } = recordPage(page);
  await page.goto(app.server.url + '#/plan');
  await heading(page).filter({ hasText: 'Strategic plan update' }).waitFor();
  return { context, page, errors, requests };
}

async function noSidewaysScroll(page, where) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${where} scrolls sideways by ${overflow}px`);
}

for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 375, height: 812 }]]) {
  test(`deliver an action, see its status and charts, make the board update (${label})`, async () => {
    const { context, page, errors, requests } = await open(viewport);
    const first = page.getByTestId('action').filter({ hasText: 'Commission an extra assessment team' });
    assert.equal(await first.getByTestId('action-status').textContent(), 'On track');
    const delivery = page.getByTestId('delivery');
    const statusChart = delivery.getByTestId('chart').first();
    assert.equal(await statusChart.getByTestId('chart-summary').textContent(),
      'Of 4 actions: 0 not started, 1 on track, 1 at risk, 0 off track, 2 done.');
    assert.equal(await statusChart.locator('svg[role="img"]').getAttribute('aria-label'), 'Actions by status on Sunday 15 August 2027');
    assert.deepEqual(await axeViolations(page), []);
    await noSidewaysScroll(page, 'the plan page');

    await first.getByRole('link', { name: /^Record progress on the action/ }).click();
    await heading(page).filter({ hasText: 'Deliver an action' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);

    // Off track with no note: the core refuses and the summary links to the note.
    const statusForm = page.getByTestId('status-form');
    await statusForm.getByRole('radio', { name: 'Off track' }).check();
    await statusForm.getByRole('button', { name: 'Record status' }).click();
    const summary = page.getByTestId('error-summary');
    const message = 'Say why the action is off track and what is being done about it.';
    await summary.getByRole('link', { name: message }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'status-note');
    assert.match(await statusForm.locator('#status-note-error').textContent(), /Error: Say why the action is off track/);
    assert.deepEqual(await axeViolations(page), []);
    await statusForm.getByLabel('Exception note').fill('Two assessors left in July; agency cover starts in September.');
    await statusForm.getByRole('button', { name: 'Record status' }).click();
    await page.getByTestId('status-history').filter({ hasText: 'Two assessors left in July' }).waitFor();
    assert.equal(await summary.count(), 0);
    assert.equal(await page.getByTestId('action-status').textContent(), 'Off track');

    // The second milestone is due in September and not met; mark it met today.
    const milestone = page.getByTestId('milestone').nth(1);
    assert.match(await milestone.textContent(), /Not met yet/);
    await milestone.getByRole('button', { name: /^Mark met\W+Milestone 2$/ }).click();
    await milestone.filter({ hasText: 'Met on Sunday 15 August 2027' }).waitFor();

    const progress = page.getByTestId('progress-form');
    await progress.getByLabel('What we have done so far').fill('Agency assessors booked for September.');
    await progress.getByLabel('What we need to develop').fill('Recruit two permanent assessors.');
    await progress.getByRole('button', { name: 'Add progress entry' }).click();
    await page.getByTestId('progress-log').filter({ hasText: 'Agency assessors booked for September.' }).waitFor();

    const measure = page.getByTestId('measure').first();
    assert.match(await measure.getByTestId('chart-summary').textContent(), /^9 values .* the latest is 48 on Wednesday 28 July 2027\./);
    await measure.getByLabel('Measure 1 value', { exact: true }).fill('50');
    await measure.getByRole('button', { name: 'Add value for Measure 1' }).click();
    await measure.getByTestId('chart-summary').filter({ hasText: 'the latest is 50 on Sunday 15 August 2027' }).waitFor();
    assert.match(await measure.getByTestId('chart-summary').textContent(), /^10 values .*Baseline 62, target 26\. It is closer to the target/);
    assert.match(await measure.getByTestId('chart-table').textContent(), /Sunday 15 August 2027\s*50/);
    assert.deepEqual(await axeViolations(page), []);
    await noSidewaysScroll(page, 'the delivery page');

    await page.getByRole('link', { name: 'Back to the plan' }).click();
    await heading(page).filter({ hasText: 'Strategic plan update' }).waitFor();
    assert.equal(await first.getByTestId('action-status').textContent(), 'Off track');
    assert.equal(await statusChart.getByTestId('chart-summary').textContent(),
      'Of 4 actions: 0 not started, 0 on track, 1 at risk, 1 off track, 2 done.');
    assert.match(await statusChart.getByTestId('chart-table').textContent(), /Off track\s*1/);

    // Monitoring readiness: the window from the final report, and the partnership's own view.
    const monitoring = page.getByTestId('monitoring');
    assert.match(await monitoring.getByTestId('monitoring-window').textContent(), /2028/);
    const area = monitoring.getByTestId('monitoring-area').first();
    await area.getByLabel('Area for priority action 1: evidence of impact so far').fill('Median wait down from 62 to 48 weeks.');
    await area.getByRole('radio', { name: 'Not yet' }).check();
    await page.getByRole('link', { name: 'Tasks', exact: true }).click();
    await page.getByRole('link', { name: 'Plan update', exact: true }).click();
    await heading(page).filter({ hasText: 'Strategic plan update' }).waitFor();
    assert.equal(await area.getByLabel('Area for priority action 1: evidence of impact so far').inputValue(), 'Median wait down from 62 to 48 weeks.');
    assert.ok(await area.getByRole('radio', { name: 'Not yet' }).isChecked());

    // A plan of the partnership's own, ticked on the action, and the plan downloads for it.
    const plans = page.getByTestId('add-named-plan');
    await plans.getByLabel('Kind of plan').selectOption({ label: 'Another plan' });
    await plans.getByLabel(/Its local title/).fill('Joint commissioning plan');
    await plans.getByRole('button', { name: 'Add plan' }).click();
    await page.getByTestId('named-plans').filter({ hasText: 'Joint commissioning plan' }).waitFor();
    await first.getByRole('button', { name: /^Change the action/ }).click();
    const editor = page.getByTestId('action-editor');
    await editor.getByTestId('action-plans').getByLabel('Joint commissioning plan').check();
    await editor.getByRole('button', { name: 'Save action' }).click();
    await first.filter({ hasText: 'Joint commissioning plan' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await noSidewaysScroll(page, 'the plan page after delivery');

    // The board update as at today for every action (a month since the last), web page and Word.
    const web = await readFile(await (await download(page, 'Board update (web page)')).path(), 'utf8');
    assert.match(web, /As at.*Sunday 15 August 2027/s);
    assert.match(web, /Progress since.*Thursday 15 July 2027/s);
    // Now and a month before: the action was off track in mid-July too (its April exception),
    // and the one on track until today is now off track.
    // (The last two columns of the status over time: the last update's date, then this one's.)
    assert.match(web, /<th scope="row">On track<\/th>(<td>\d+<\/td>)*<td>0<\/td><td>0<\/td><\/tr>/);
    assert.match(web, /<th scope="row">Off track<\/th>(<td>\d+<\/td>)*<td>1<\/td><td>1<\/td><\/tr>/);
    assert.match(web, /Off track since 15 August 2027/);
    assert.match(web, /Two assessors left in July; agency cover starts in September\./);
    assert.match(web, /15 Jul 2027: 55; 15 Aug 2027: 50/);
    const word = readDocx(await (await download(page, 'Board update (Word)')).path());
    assert.ok(word.ok);
    const text = word.paragraphs.map((p) => p.text).join('\n');
    assert.match(text, /Two assessors left in July/);
    assert.ok(word.paragraphs.some((p) => p.style === 'Heading1' && p.text === 'Plan progress'), text.slice(0, 300));

    // One plan's board update and plan update.
    await page.getByLabel('Which plan').selectOption({ label: 'Joint commissioning plan' });
    const one = await readFile(await (await download(page, 'Board update (web page)')).path(), 'utf8');
    assert.match(one, /Board update: Joint commissioning plan, Northdale/);
    assert.match(one, /<p>Of 1 action: 0 not started, 0 on track, 0 at risk, 1 off track, 0 done\.<\/p>/);
    const planPage = await readFile(await (await download(page, 'Plan update (web page)')).path(), 'utf8');
    assert.match(planPage, /Joint commissioning plan/);
    assert.doesNotMatch(planPage, /Open a weekly drop-in/);

    assert.deepEqual(errors, []);
    assert.deepEqual(foreignRequests(requests, app.server), []);
    await context.close();
  });
}
