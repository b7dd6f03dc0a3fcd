// The review page for families on a phone (375 × 812): the partnership makes the one-file page
// from the plan page; a parent opens it from disk (file://), with no app and no request at all,
// answers, reloads and finds the answers kept, copies them as text (the same text the app's
// #/review writes for the same answers) and downloads them as a feedback file; the partnership
// imports both. Nothing planted as a draft, a dissent, a sign-off comment or a lead is in the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appUnderTest, axeViolations, download, ensureOutputDir, FAMILY_SECRETS as SECRETS, foreignRequests, heading, noSidewaysScroll, PHONE, plantAutosave, plantFamilySecrets, recordPage } from './harness.mjs';

const app = appUnderTest();

async function phone(init) {
  const context = await app.browser.newContext({ acceptDownloads: true, viewport: PHONE, isMobile: true, hasTouch: true });
  if (init) await context.addInitScript(init.script, init.arg);
  const page = await context.newPage();
  return { context, page, ...recordPage(page) };
}

/** The example project with a rival draft on A1, a dissent on A3, a sign-off comment on B1 and a named lead. */
async function plantedProject() {
  const { context, page } = await phone();
  await page.goto(app.server.url + '#/');
  await heading(page).waitFor();
  const file = JSON.parse(await readFile(await (await download(page, 'Save project')).path(), 'utf8'));
  await context.close();
  return JSON.stringify(plantFamilySecrets(file));
}

/** The same answers on the page or on the app's #/review: a disagreement on part 1 and agreement with B1. */
async function answer(page) {
  const first = page.getByTestId('review-point').or(page.locator('section.point')).first();
  await first.getByRole('radio', { name: 'I disagree' }).check();
  await first.getByRole('radio', { name: 'Not yet feeling an improvement' }).check();
  await first.getByLabel('Anything you want to say? (optional)').fill('We have waited a year.\nNobody has called us.');
  const criterion = page.getByRole('region', { name: 'Area 1 of our self-evaluation' });
  await criterion.getByRole('radio', { name: 'I agree' }).check();
  await page.getByLabel('How would you describe yourself? (optional)').fill('A parent  of two');
}

/** Answers' text without the lines that differ by copy: its id and when it was written. */
const fixedPart = (text) => text.replace(/^(Answers id|Written): .*$/gm, '');

test('a parent opens the review page from disk on a phone, answers, comes back, and sends the answers back', async () => {
  const out = await ensureOutputDir();
  const partnership = await phone(plantAutosave(await plantedProject()));
  const staff = partnership.page;
  await staff.goto(app.server.url + '#/plan');
  await heading(staff).filter({ hasText: 'Strategic plan update' }).waitFor();
  await staff.getByTestId('family-review').getByRole('checkbox', { name: /^B1 / }).check();
  const made = await download(staff, 'Make a review page for families (one file to email)');
  assert.equal(made.suggestedFilename(), 'northdale-fictional-example-review-page.html');
  const html = await readFile(await made.path(), 'utf8');
  for (const secret of SECRETS) assert.ok(!html.includes(secret), `${secret} is in the review page`);
  const pack = JSON.parse(html.match(/<script type="application\/json" id="review-pack">(.*?)<\/script>/s)[1]);
  assert.equal(pack.format, 'area-send-review-pack');
  assert.deepEqual(pack.criteria.map((c) => c.id), ['B1']);
  const pagePath = join(out, 'review-page.html');
  await writeFile(pagePath, html);
  const fileUrl = pathToFileURL(pagePath).href;

  // The parent's phone opens the file itself: no server, no app.
  const parent = await phone();
  const mum = parent.page;
  mum.on('dialog', (dialog) => dialog.accept().catch(() => {}));
  await mum.goto(fileUrl);
  await mum.getByRole('heading', { level: 1, name: 'Tell us what you think of our plan' }).waitFor();
  assert.match(await mum.locator('header').innerText(), /^Family review\n+Northdale \(fictional example\)$/);
  assert.match(await mum.locator('main').innerText(), /This is the plan for Northdale \(fictional example\)\./);
  assert.equal(await mum.getByText('How to reply', { exact: true }).isVisible(), false, 'the no-script help is hidden when the script runs');
  const first = mum.locator('section.point').first();
  assert.match(await first.innerText(), /^Part 1 of the plan: urgent\n+What this means for families:.*What we will do:/s);
  assert.deepEqual(await axeViolations(mum), []);
  assert.ok(await noSidewaysScroll(mum), 'the review page does not scroll sideways at 375 px');

  // Nothing answered yet: the error summary says so and takes focus.
  await mum.getByRole('button', { name: 'Copy my answers as text' }).click();
  await mum.locator('#error-summary').filter({ hasText: 'Give your view on at least one part of the plan.' }).waitFor();
  assert.equal(await mum.evaluate(() => document.activeElement.id), 'error-summary');
  assert.deepEqual(await axeViolations(mum), []);

  await answer(mum);
  const kept = await mum.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('area-send.review-draft.')));
  assert.deepEqual(kept, [`area-send.review-draft.${pack.id}`]);
  const draft = await mum.evaluate((key) => JSON.parse(localStorage.getItem(key)), kept[0]);
  assert.deepEqual(Object.keys(draft).sort(), ['comments', 'feedback_id', 'from']);

  // Closed and opened again: the answers are still there.
  await mum.reload();
  await mum.getByRole('heading', { level: 1 }).waitFor();
  const back = mum.locator('section.point').first();
  assert.ok(await back.getByRole('radio', { name: 'I disagree' }).isChecked());
  assert.ok(await back.getByRole('radio', { name: 'Not yet feeling an improvement' }).isChecked());
  assert.equal(await back.getByLabel('Anything you want to say? (optional)').inputValue(), 'We have waited a year.\nNobody has called us.');
  assert.ok(await mum.getByRole('region', { name: 'Area 1 of our self-evaluation' }).getByRole('radio', { name: 'I agree' }).isChecked());
  assert.equal(await mum.getByLabel('How would you describe yourself? (optional)').inputValue(), 'A parent  of two');

  // Copy as text, shown in a box too, and the email link carrying the same text.
  await mum.getByRole('button', { name: 'Copy my answers as text' }).click();
  const box = mum.getByLabel('Your answers as text');
  await box.waitFor();
  const text = await box.inputValue();
  assert.match(text, /^My answers about the plan for Northdale \(fictional example\)\nAnswers id: [0-9a-f]{32}\nPack: page-[0-9a-f]{8}\nWritten: 20\d\d-/);
  assert.match(text, /\nAbout me: A parent of two\n\nRef: action .*\nAction: .*\nYou said: I disagree\nHow it feels: Not yet feeling an improvement\nComment: We have waited a year\.\n {2}Nobody has called us\.\n\nRef: criterion B1\nAbout: .*\nYou said: I agree\n$/);
  await mum.getByRole('status').filter({ hasText: /Your answers are (copied|in the box below)/ }).waitFor();
  const href = await mum.getByRole('link', { name: 'Email my answers' }).getAttribute('href');
  assert.ok(href.startsWith('mailto:?subject=My%20answers%20about%20the%20plan%20for%20Northdale%20%28fictional%20example%29&body='), href);
  assert.equal(fixedPart(decodeURIComponent(href.split('&body=')[1]).replace(/\r\n/g, '\n')), fixedPart(text));
  assert.deepEqual(await axeViolations(mum), []);
  assert.ok(await noSidewaysScroll(mum));

  // Download my answers: the app's feedback file, made on the phone.
  const [saved] = await Promise.all([mum.waitForEvent('download'), mum.getByRole('button', { name: 'Download my answers' }).click()]);
  assert.match(saved.suggestedFilename(), /^northdale-fictional-example-plan-feedback-\d{4}-\d\d-\d\d\.json$/);
  const feedbackPath = join(out, 'review-page-feedback.json');
  await saved.saveAs(feedbackPath);
  const feedback = JSON.parse(await readFile(feedbackPath, 'utf8'));
  assert.equal(feedback.format, 'area-send-feedback');
  assert.equal(feedback.feedback.comments.length, 2);
  await mum.getByRole('status').filter({ hasText: 'Your answers are saved as a file in your downloads.' }).waitFor();
  // Not one request but the file itself (and the answers' file, a blob: on the phone), and no error.
  assert.deepEqual(parent.requests.filter((u) => u !== fileUrl && !u.startsWith('blob:')), []);
  assert.deepEqual(parent.errors, []);
  await parent.context.close();

  // The same answers on the app's #/review, from the same pack, give the same text.
  const packPath = join(out, 'review-page-pack.json');
  await writeFile(packPath, JSON.stringify(pack));
  const other = await phone();
  await other.page.goto(app.server.url + '#/review');
  await heading(other.page).filter({ hasText: 'Review a plan' }).waitFor();
  await other.page.locator('#review-file').setInputFiles(packPath);
  await heading(other.page).filter({ hasText: 'Tell us what you think of our plan' }).waitFor();
  await answer(other.page);
  await other.page.getByRole('button', { name: 'Copy my answers as text' }).click();
  assert.equal(fixedPart(await other.page.getByTestId('answers-text').inputValue()), fixedPart(text));
  await other.context.close();

  // The partnership pastes the text in.
  await staff.getByLabel('Or paste answers a family copied or emailed').fill(text);
  await staff.getByRole('button', { name: 'Import the pasted answers' }).click();
  await staff.getByTestId('notice').filter({ hasText: 'Imported 2 comments from the pasted answers' }).waitFor();
  const comment = staff.getByTestId('family-comment').first();
  assert.match(await comment.textContent(), /A parent of two: I disagree.*We have waited a year\.\nNobody has called us\..*How it feels to them: Not yet feeling an improvement/s);

  // And a fresh copy of the plan takes the downloaded file.
  const fresh = await phone();
  await fresh.page.goto(app.server.url + '#/plan');
  await heading(fresh.page).filter({ hasText: 'Strategic plan update' }).waitFor();
  await fresh.page.locator('#import-feedback').setInputFiles(feedbackPath);
  await fresh.page.getByTestId('notice').filter({ hasText: 'Imported 2 comments from' }).waitFor();
  assert.match(await fresh.page.getByTestId('family-comment').first().textContent(), /A parent\s+of two: I disagree.*We have waited a year/s);

  for (const side of [partnership, fresh]) {
    assert.deepEqual(foreignRequests(side.requests, app.server), []);
    assert.deepEqual(side.errors, []);
  }
  await fresh.context.close();
  await partnership.context.close();
});

test('without its script the review page still shows the plan and says how to reply', async () => {
  const out = await ensureOutputDir();
  const { context, page } = await phone();
  await page.goto(app.server.url + '#/plan');
  await heading(page).filter({ hasText: 'Strategic plan update' }).waitFor();
  const made = await download(page, 'Make a review page for families (one file to email)');
  const pagePath = join(out, 'review-page-no-script.html');
  await writeFile(pagePath, await readFile(await made.path()));
  await context.close();
  const offline = await app.browser.newContext({ viewport: PHONE, isMobile: true, javaScriptEnabled: false });
  const plain = await offline.newPage();
  const { requests } = recordPage(plain);
  await plain.goto(pathToFileURL(pagePath).href);
  await plain.getByText('How to reply', { exact: true }).waitFor();
  assert.match(await plain.locator('main').innerText(), /Say which part you mean, for example “Part 2”, and what you think\..*Part 1 of the plan: urgent/s);
  assert.equal(await plain.getByRole('button', { name: 'Copy my answers as text' }).isVisible(), false);
  assert.equal(await plain.getByRole('radio').first().isVisible(), false, 'no questions that cannot be sent');
  assert.ok(await noSidewaysScroll(plain));
  assert.deepEqual(requests.filter((u) => u !== pathToFileURL(pagePath).href), []);
  await offline.close();
});
