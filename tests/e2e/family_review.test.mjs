// The family review round trip on a phone (375 × 812): the partnership makes a review pack, a
// parent opens it on the review page (no staff chrome), answers, leaves and comes back to find
// the answers, copies them as text; the partnership pastes them in, answers "you said, we did"
// and the next pack carries that answer. Nothing planted as a draft, a dissent or a sign-off
// comment reaches a pack, and no request leaves the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, axeViolations, download, FAMILY_SECRETS, foreignRequests, heading, plantAutosave, plantFamilySecrets, recordPage } from './harness.mjs';

const app = appUnderTest();
const PHONE = { width: 375, height: 812 };

async function phone(init) {
  const context = await app.browser.newContext({ acceptDownloads: true, viewport: PHONE, isMobile: true, hasTouch: true });
  if (init) await context.addInitScript(init.script, init.arg);
  const page = await context.newPage();
  return { context, page, ...recordPage(page) };
}

const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The example project with a partner's rival draft on A1, a disagreement's reason on A3, a sign-off comment on B1 and a named lead. */
async function plantedProject() {
  const { context, page } = await phone();
  await page.goto(app.server.url + '#/');
  await heading(page).waitFor();
  const saved = await download(page, 'Save project');
  const file = JSON.parse(await readFile(await saved.path(), 'utf8'));
  await context.close();
  return JSON.stringify(plantFamilySecrets(file));
}

function assertClean(text, which) {
  for (const secret of FAMILY_SECRETS) assert.ok(!text.includes(secret), `${secret} is in ${which}`);
}

test('a parent reviews a pack on a phone and the partnership answers: you said, we did', async () => {
  const partnership = await phone(plantAutosave(await plantedProject()));
  const staff = partnership.page;
  await staff.goto(app.server.url + '#/plan');
  await heading(staff).filter({ hasText: 'Strategic plan update' }).waitFor();
  assert.equal(await sideways(staff), 0, 'the plan page does not scroll sideways at 375 px');

  // Only agreed criteria are offered: A1 has a rival version, A3 a partner disagreeing.
  const family = staff.getByTestId('family-review');
  assert.equal(await family.getByRole('checkbox', { name: /^A1 / }).count(), 0);
  assert.equal(await family.getByRole('checkbox', { name: /^A3 / }).count(), 0);
  await family.getByRole('checkbox', { name: /^B1 / }).check();
  const first = await download(staff, 'Make a review pack for families');
  assert.equal(first.suggestedFilename(), 'northdale-fictional-example-review-pack.json');
  const packText = await readFile(await first.path(), 'utf8');
  assertClean(packText, 'the first pack');
  const pack = JSON.parse(packText);
  assert.equal(pack.format, 'area-send-review-pack');
  assert.deepEqual(pack.criteria.map((c) => c.id), ['B1']);
  assert.match(pack.actions[0].lines[0], /What this means for families:/);

  // A pack is not a project: the tasks page refuses it and says what it is.
  await staff.goto(app.server.url + '#/');
  await heading(staff).waitFor();
  await staff.locator('#open-project').setInputFiles(await first.path());
  assert.match(await staff.getByTestId('error-summary').textContent(), /review pack for families, not a project file/);

  // The parent's phone: only the review, no staff menu, example label or undo.
  const parent = await phone();
  const mum = parent.page;
  await mum.goto(app.server.url + '#/review');
  await heading(mum).filter({ hasText: 'Review a plan' }).waitFor();
  assert.equal(await mum.getByRole('navigation', { name: 'Sections' }).count(), 0);
  assert.equal(await mum.getByTestId('example-label').count(), 0);
  assert.equal(await mum.getByRole('button', { name: /Undo/ }).count(), 0);
  // The header's tag says the truth: the offline copy is ready, then the connection is gone.
  const tag = mum.getByTestId('connection-status');
  await tag.filter({ hasText: 'Works offline' }).waitFor();
  await parent.context.setOffline(true);
  await tag.filter({ hasText: 'You are offline now' }).waitFor();
  await parent.context.setOffline(false);
  await tag.filter({ hasText: 'Works offline' }).waitFor();
  // A whole project file is refused here.
  await mum.locator('#review-file').setInputFiles({ name: 'project.json', mimeType: 'application/json', buffer: Buffer.from(await plantedProject()) });
  assert.match(await mum.getByTestId('error-summary').textContent(), /whole project file, not a review pack/);
  await mum.locator('#review-file').setInputFiles(await first.path());
  await heading(mum).filter({ hasText: 'Tell us what you think of our plan' }).waitFor();
  assert.match(await mum.locator('main').textContent(), /This is the plan for Northdale \(fictional example\)\./);
  const point = mum.getByTestId('review-point').first();
  assert.match(await point.textContent(), /Part 1 of the plan: urgent.*What this means for families:.*What we will do:/s);
  await point.getByRole('radio', { name: 'I disagree' }).check();
  await point.getByRole('radio', { name: 'Not yet feeling an improvement' }).check();
  await point.getByLabel('Anything you want to say? (optional)').fill('We have waited a year.\nNobody has called us.');
  assert.deepEqual(await axeViolations(mum), []);
  assert.equal(await sideways(mum), 0, 'the review page does not scroll sideways at 375 px');

  // Leaving and coming back: the pack and the answers are still there.
  await mum.getByRole('link', { name: 'Accessibility' }).click();
  await heading(mum).filter({ hasText: 'Accessibility statement' }).waitFor();
  await mum.goto(app.server.url + '#/review');
  await heading(mum).filter({ hasText: 'Tell us what you think of our plan' }).waitFor();
  const back = mum.getByTestId('review-point').first();
  assert.ok(await back.getByRole('radio', { name: 'I disagree' }).isChecked());
  assert.ok(await back.getByRole('radio', { name: 'Not yet feeling an improvement' }).isChecked());
  assert.equal(await back.getByLabel('Anything you want to say? (optional)').inputValue(), 'We have waited a year.\nNobody has called us.');
  const kept = await mum.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('area-send.review-draft.')));
  assert.deepEqual(kept, [`area-send.review-draft.${pack.id}`]);

  // Copy as text (shown in a box too) and the email link carrying the same text.
  await mum.getByRole('button', { name: 'Copy my answers as text' }).click();
  const text = await mum.getByTestId('answers-text').inputValue();
  assert.match(text, /^My answers about the plan for Northdale \(fictional example\)/);
  assert.match(text, /Action: .*\nYou said: I disagree\nHow it feels: Not yet feeling an improvement\nComment: We have waited a year\.\n {2}Nobody has called us\./);
  const href = await mum.getByTestId('email-answers').getAttribute('href');
  assert.ok(href.startsWith('mailto:?subject='), href);
  // The same text, but for the moment it was written (the link is made as the page draws).
  const undated = (t) => t.replace(/^Written: .*$/m, '');
  assert.equal(undated(decodeURIComponent(href.split('&body=')[1]).replace(/\r\n/g, '\n')), undated(text));
  assert.deepEqual(await axeViolations(mum), []);
  assert.equal(await sideways(mum), 0);

  // The partnership pastes the text in and answers the comment.
  await staff.goto(app.server.url + '#/plan');
  await heading(staff).filter({ hasText: 'Strategic plan update' }).waitFor();
  await staff.getByLabel('Or paste answers a family copied or emailed').fill(text);
  await staff.getByRole('button', { name: 'Import the pasted answers' }).click();
  await staff.getByTestId('notice').filter({ hasText: 'Imported 1 comment from the pasted answers' }).waitFor();
  const comment = staff.getByTestId('family-comment').first();
  assert.match(await comment.textContent(), /I disagree.*We have waited a year.*How it feels to them: Not yet feeling an improvement/s);
  await comment.getByLabel('You said, we did: our answer').fill('We have added a second clinic, and a named contact calls every family.');
  await comment.getByRole('button', { name: /Save our answer/ }).click();
  await comment.getByText('Saved.').waitFor();
  // Pasting the same answers again is refused.
  await staff.getByLabel('Or paste answers a family copied or emailed').fill(text);
  await staff.getByRole('button', { name: 'Import the pasted answers' }).click();
  assert.match(await staff.getByTestId('error-summary').textContent(), /already been imported/);

  const next = await download(staff, 'Make a review pack for families');
  const nextText = await readFile(await next.path(), 'utf8');
  assertClean(nextText, 'the next pack');
  const answered = JSON.parse(nextText).actions.find((a) => a.answers.length);
  assert.deepEqual(answered.answers, [{ you_said: 'We have waited a year.\nNobody has called us.', we_did: 'We have added a second clinic, and a named contact calls every family.' }]);

  // The parent opens the next pack and reads the answer.
  await mum.getByRole('button', { name: 'Open a different review pack' }).click();
  await mum.locator('#review-file').setInputFiles(await next.path());
  const said = mum.getByTestId('you-said-we-did').first();
  assert.match(await said.textContent(), /You said: We have waited a year\..*We did: We have added a second clinic/s);
  assert.deepEqual(await axeViolations(mum), []);

  // Closing with answers not sent back asks first.
  await mum.getByTestId('review-point').first().getByRole('radio', { name: 'I agree' }).check();
  const asked = new Promise((resolve) => mum.once('dialog', (dialog) => { resolve(dialog.type()); dialog.accept().catch(() => {}); }));
  await mum.close({ runBeforeUnload: true });
  const noDialog = new Promise((resolve) => setTimeout(() => resolve('no dialog within 5 s'), 5000));
  assert.equal(await Promise.race([asked, noDialog]), 'beforeunload');
  if (!mum.isClosed()) await mum.waitForEvent('close');

  for (const side of [partnership, parent]) {
    assert.deepEqual(foreignRequests(side.requests, app.server), []);
    assert.deepEqual(side.errors, []);
  }
  await parent.context.close();
  await partnership.context.close();
});

test("the header carries the partnership's own name on staff pages, never the example's, and not on the review", async () => {
  const { context, page, requests, errors } = await phone();
  await page.goto(app.server.url + '#/');
  await heading(page).waitFor();
  assert.equal(await page.getByTestId('header-area').count(), 0, 'the example has no name of its own in the header');
  await page.getByRole('button', { name: 'Start a new project' }).click();
  await page.goto(app.server.url + '#/partnership');
  await page.getByLabel('Local area name').fill('Westvale');
  await page.getByTestId('header-area').filter({ hasText: 'Westvale' }).waitFor();
  await page.goto(app.server.url + '#/review');
  await heading(page).filter({ hasText: 'Review a plan' }).waitFor();
  assert.equal(await page.getByTestId('header-area').count(), 0);
  assert.equal(await page.locator('header').textContent(), 'Family review');
  assert.equal(await sideways(page), 0);
  assert.deepEqual(foreignRequests(requests, app.server), []);
  assert.deepEqual(errors, []);
  await context.close();
});
