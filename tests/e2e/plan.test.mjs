// From the inspection report to a published plan: outcome 3, priority action plan, deadlines,
// every export, family review without an account, and importing the feedback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp, axeViolations, readDocx, download, appUnderTest, heading, fillDate } from './harness.mjs';

const app = appUnderTest();


test('record an outcome-3 report, build the priority action plan, see deadlines and gaps, export every format', async () => {
  const { page, context, errors } = await openApp(app);
  await page.getByRole('button', { name: 'Start a new project' }).click();
  await page.getByRole('link', { name: 'Partnership', exact: true }).click();
  await page.getByLabel('Local area name').fill('Eastmoor');
  for (const [name, role] of [['Eastmoor Council', 'local-authority-education'], ['NHS Eastmoor ICB', 'health-icb'], ['Eastmoor Parent Carer Forum', 'parent-carer-forum']]) {
    await page.getByLabel('Partner name').fill(name);
    await page.locator('#new-partner-role').selectOption(role);
    await page.getByRole('button', { name: 'Add partner' }).click();
    await page.getByTestId('partners').getByRole('textbox', { name: /Name of partner/ }).last().waitFor();
  }

  await page.getByRole('link', { name: 'Plan update' }).click();
  await heading(page).filter({ hasText: 'Strategic plan update' }).waitFor();
  await page.getByRole('radio', { name: /Outcome 3/ }).check();
  await fillDate(page, 'Date the final report was received', '2026-03-02');
  const deadlines = page.getByTestId('plan-deadlines');
  await deadlines.filter({ hasText: 'Wednesday 22 April 2026' }).waitFor();
  assert.match(await deadlines.textContent(), /priority action plan.*Wednesday 22 April 2026.*strategic plan.*Thursday 14 May 2026/s);
  assert.match(await page.getByTestId('plan-gaps').textContent(), /Record the report's areas for priority action/);
  // The timeline after the on-site week counts from the entered date and says which dates are estimates.
  const after = await page.getByTestId('after-inspection').textContent();
  assert.match(after, /Submit the priority action plan.*Wednesday 22 April 2026.*Deadline/s);
  assert.match(after, /Monitoring inspection.*About September 2027.*Estimate/s);

  const addArea = page.getByTestId('add-recommendation');
  await addArea.getByRole('radio', { name: 'Area for priority action' }).check();
  await addArea.getByLabel("The report's words").fill('Leaders should urgently improve the timeliness of EHC plans.');
  await addArea.getByLabel('Responsible body (as the report names it)').fill('Eastmoor Council and NHS Eastmoor ICB');
  await addArea.getByRole('button', { name: 'Add area' }).click();
  await page.getByTestId('plan-gaps').filter({ hasText: 'Area for priority action 1 has no action yet.' }).waitFor();

  await page.getByRole('button', { name: 'Add an action for Area for priority action 1' }).click();
  const editor = page.getByTestId('action-editor');
  await editor.getByLabel('What will be done').fill('The ICB will fund two more educational psychologists to write advice on time.');
  assert.match(await editor.getByTestId('plain-hint').first().textContent(), /Explain “ICB”: integrated care board/);
  await editor.getByLabel('Responsible partner').selectOption({ label: 'NHS Eastmoor ICB' });
  await fillDate(editor, 'Starts', '2026-04-01');
  await fillDate(editor, 'Ends', '2026-12-31');
  await editor.getByRole('button', { name: 'Add a milestone' }).click();
  await editor.getByLabel('Milestone 1', { exact: true }).fill('Both posts filled');
  await editor.getByRole('button', { name: 'Add a measure' }).click();
  await editor.getByLabel('Measure 1 name').fill('New EHC plans issued within 20 weeks (%)');
  await editor.getByLabel('Measure 1 baseline').fill('41');
  await editor.getByLabel('Measure 1 target').fill('85');
  await editor.getByLabel('How children, young people and families were involved').fill('The parent carer forum chose the measure.');
  await editor.getByRole('button', { name: 'Save action' }).click();
  await page.getByTestId('pap-complete').waitFor();

  await addArea.getByRole('radio', { name: 'Area for improvement' }).check();
  await addArea.getByLabel("The report's words").fill('Leaders should improve the local offer website.');
  await addArea.getByRole('button', { name: 'Add area' }).click();
  assert.match(await page.getByTestId('plan-gaps').textContent(), /No action yet for: “Leaders should improve the local offer website/);

  const planHtml = await readFile(await (await download(page, 'Plan update (web page)')).path(), 'utf8');
  assert.ok(planHtml.indexOf('<h2>Priority action plan</h2>') < planHtml.indexOf('<h2>Areas for improvement</h2>'));
  assert.match(planHtml, /There are widespread and\/or systemic failings/);
  assert.match(planHtml, /NHS Eastmoor ICB/);
  assert.match(planHtml, /New EHC plans issued within 20 weeks \(%\): from 41 to 85/);

  const word = readDocx(await (await download(page, 'Plan update (Word)')).path());
  assert.ok(word.ok);
  assert.ok(word.paragraphs.some((p) => p.style === 'Heading1' && p.text === 'Priority action plan'));
  assert.ok(word.headerRows >= 1 && word.headerRows === word.tables);

  const easy = await readFile(await (await download(page, 'Easy read (web page)')).path(), 'utf8');
  assert.doesNotMatch(easy, /class="picture"/, "no empty picture boxes");
  assert.match(easy, /The NHS group that plans health services here will fund two more educational psychologists/i);
  assert.match(easy, /When: from April 2026 to December 2026\./);

  const md = await readFile(await (await download(page, 'Plan update (Markdown)')).path(), 'utf8');
  assert.match(md, /^# SEND strategic plan update: Eastmoor/m);
  assert.match(md, /^## Priority action plan$/m);

  const csv = (await readFile(await (await download(page, 'Action plan (CSV)')).path(), 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
  assert.match(csv[0], /^Type,Area number,Report text,Responsible body,Action,Responsible partner,Start,End/);
  assert.match(csv[1], /^Area for priority action,1,.*NHS Eastmoor ICB,01\/04\/2026,31\/12\/2026/);
  assert.match(csv[2], /^Area for improvement,1,.*Not yet agreed/);

  // Plain-language help and the editor pass the accessibility check, and so does the easy read.
  await page.getByRole('button', { name: /^Change the action/ }).click();
  await page.getByTestId('action-editor').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  const viewer = await context.newPage();
  await viewer.setContent(easy);
  assert.deepEqual(await axeViolations(viewer), []);
  await viewer.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a family member reviews the easy-read plan and self-evaluation without an account and the partnership imports it', async () => {
  const { page, context } = await openApp(app, { hash: '#/review' });
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('button', { name: "Review this project's plan" }).click();
  const points = page.getByTestId('review-point');
  await points.first().waitFor();
  assert.match(await points.first().textContent(), /Part 1 of the plan: urgent.*What we will do:/s);

  await page.getByRole('button', { name: 'Download my answers' }).click();
  assert.match(await page.getByTestId('error-summary').textContent(), /Give your view on at least one part/);

  await points.first().getByRole('radio', { name: 'I disagree' }).check();
  await points.first().getByLabel('Anything you want to say? (optional)').fill('Fifty-two weeks is still too long to wait.');
  const sefPoint = points.filter({ hasText: 'Area 1 of our self-evaluation' });
  assert.match(await sefPoint.textContent(), /We think this goes well for some children but not for others\./);
  await sefPoint.getByRole('radio', { name: 'I agree' }).check();
  await page.getByLabel('How would you describe yourself? (optional)').fill('A parent');
  assert.deepEqual(await axeViolations(page), []);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my answers' }).click()]);
  await page.getByTestId('feedback-saved').waitFor();
  const feedback = JSON.parse(await readFile(await file.path(), 'utf8'));
  assert.equal(feedback.format, 'area-send-feedback');
  assert.equal(feedback.feedback.comments.length, 2);

  // The review changed nothing in the plan (and shows no staff menu to go there by).
  assert.equal(await page.getByRole('link', { name: 'Plan update' }).count(), 0);
  await page.goto(app.server.url + '#/plan');
  await heading(page).filter({ hasText: 'Strategic plan update' }).waitFor();
  assert.equal(await page.getByTestId('feedback').count(), 0);

  await page.locator('#import-feedback').setInputFiles(await file.path());
  await page.getByTestId('notice').filter({ hasText: 'Imported 2 comments' }).waitFor();
  const said = page.getByTestId('feedback');
  assert.match(await said.textContent(), /What families said \(1\).*A parent: I disagree – “Fifty-two weeks is still too long to wait\.”/s);

  await page.locator('#import-feedback').setInputFiles(await file.path());
  assert.match(await page.getByTestId('error-summary').textContent(), /already been imported/);

  // Views on the self-evaluation appear beside the criterion.
  await page.goto(app.server.url + '#/self-evaluation/A1');
  assert.match(await page.getByTestId('feedback').textContent(), /What families said \(1\).*A parent: I agree/s);
  await context.close();
});
