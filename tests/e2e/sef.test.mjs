// The co-produced self-evaluation: writing, evidence, sign-off with dissent, merging a
// partner's file with a conflict, and every export.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openApp, axeViolations, readDocx, download, ensureOutputDir, appUnderTest, heading } from './harness.mjs';

const app = appUnderTest();

let out;

before(async () => {
  out = await ensureOutputDir();
});


test('fill a criterion, add evidence, sign off with dissent', async () => {
  const { page, context, errors } = await openApp(app, { hash: '#/self-evaluation/A2' });
  assert.match(await heading(page).textContent(), /participate in decision-making/);

  // Without choosing who you are, nothing is recorded and the page says why; the box is
  // marked in error only then, and the summary's link goes to it.
  const actingAs = page.locator('.app-form-group', { has: page.locator('#acting-as') });
  assert.doesNotMatch(await actingAs.getAttribute('class'), /app-form-group--error/);
  await page.getByLabel('Your entry').fill('Annual review invitations now go out six weeks ahead.');
  await page.getByRole('button', { name: 'Add entry' }).click();
  assert.match(await page.getByTestId('error-summary').textContent(), /Choose which partner you are writing as/);
  assert.match(await actingAs.getAttribute('class'), /app-form-group--error/);
  await page.getByTestId('error-summary').getByRole('link', { name: /Choose which partner/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'acting-as');

  await page.getByLabel('You are writing as').selectOption({ label: 'Northdale Parent Carer Forum (Parent carer forum)' });
  await page.getByRole('radio', { name: 'What we need to do better' }).check();
  await page.getByRole('button', { name: 'Add entry' }).click();
  const improve = page.getByTestId('entries-to-improve');
  await improve.getByText('Annual review invitations now go out six weeks ahead.').waitFor();
  assert.match(await improve.textContent(), /Written by Northdale Parent Carer Forum/);
  assert.equal(await page.getByLabel('Your entry').inputValue(), '', 'the form clears after adding');

  await page.getByRole('radio', { name: 'Inconsistent', exact: true }).check();
  await page.getByRole('radio', { name: 'Low', exact: true }).check();

  // Evidence, linked to A2 from the log.
  await page.getByRole('link', { name: 'Go to the evidence log' }).click();
  await heading(page).filter({ hasText: 'Evidence log' }).waitFor();
  await page.getByLabel('Title').fill('Annual review timeliness report');
  await page.locator('#evidence-kind').selectOption('data');
  await page.getByLabel('A2 Families take part in decisions').check();
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await page.getByTestId('evidence-log').getByRole('rowheader', { name: 'Annual review timeliness report', exact: true }).waitFor();
  await page.goBack();
  await heading(page).filter({ hasText: 'participate in decision-making' }).waitFor();
  assert.ok(await page.getByLabel('Annual review timeliness report').isChecked());

  // No decision is chosen for the partner; recording without one says so and records nothing.
  assert.equal(await page.getByTestId('signoff').getByRole('radio', { checked: true }).count(), 0);
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.getByTestId('signoff').getByText('Choose your decision on this section').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.name), 'decision');
  // Dissent needs a reason, is recorded, and stays on record after a later agreement.
  await page.getByRole('radio', { name: 'Disagree', exact: true }).check();
  await page.getByRole('button', { name: 'Record decision' }).click();
  assert.match(await page.getByTestId('error-summary').textContent(), /Give your comments or reason/);
  await page.getByLabel('Comments, or your reason for disagreeing').fill('Young people are still not asked what they want.');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.getByTestId('signoff').locator('tr', { hasText: 'Northdale Parent Carer Forum' }).filter({ hasText: 'Disagree' }).waitFor();
  await page.getByRole('radio', { name: 'Agree', exact: true }).check();
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.getByTestId('signoff-history').waitFor();
  assert.match(await page.getByTestId('signoff-history').textContent(), /Disagree.*Young people are still not asked/);

  await page.getByRole('link', { name: 'Back to the self-evaluation' }).click();
  const row = page.getByTestId('sef-criteria').locator('tr', { hasText: 'A2 Families take part' });
  assert.match(await row.textContent(), /Inconsistent.*low confidence/);
  // The example answers "yes" to areas for priority action, which decides outcome 3; with "no",
  // the impact criteria the example self-assesses as inconsistent point to outcome 2.
  assert.match(await page.getByTestId('indicative').textContent(), /Points to outcome 3/);
  await page.locator('#priority-areas-no').check();
  const indicative = await page.getByTestId('indicative').textContent();
  assert.match(indicative, /Points to outcome 2/);
  assert.match(indicative, /The app's reading of ¶39–41/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file that removes another partner\'s words waits for approval, and what is not ticked stays', async () => {
  const { page, context, errors } = await openApp(app, { hash: '#/' });
  const saved = await download(page, 'Save project');
  const theirs = JSON.parse(await readFile(await saved.path(), 'utf8'));
  const [id, versions] = Object.entries(theirs.project.sef.entries).find(([, v]) => v[0].value.author === 'example-pcf');
  const original = versions[0];
  theirs.project.acting_as = 'example-la';
  theirs.project.sef.entries[id] = [{
    rev: 'la-removes-1', by: 'example-la', at: '2026-11-23T12:00:00Z', replaces: [original.rev],
    value: { ...original.value, removed: true },
  }];
  const path = join(out, 'removes-forum-words.json');
  await writeFile(path, JSON.stringify(theirs));
  await page.goto(app.server.url + '#/self-evaluation');
  await heading(page).waitFor();
  await page.locator('#merge-file').setInputFiles(path);
  const approval = page.getByTestId('merge-approval');
  await approval.waitFor();
  const text = await approval.textContent();
  assert.match(text, /written as Northdale Council SEND and Inclusion Service/);
  assert.match(text, /Northdale Parent Carer Forum/);
  assert.deepEqual(await axeViolations(page), [], 'the approval panel is accessible');
  await approval.getByRole('button', { name: 'Merge with these choices' }).click();
  await page.getByTestId('merge-report').waitFor();
  await page.goto(app.server.url + '#/self-evaluation/' + original.value.criterion);
  await page.getByTestId('entry').filter({ hasText: original.value.text.slice(0, 40) }).first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('merge a partner file: new words come in, a true conflict is resolved side by side, repeat is harmless', async () => {
  const { page, context } = await openApp(app, { hash: '#/' });
  const saved = await download(page, 'Save project');
  const theirs = JSON.parse(await readFile(await saved.path(), 'utf8'));

  // The partner's copy: the forum rewords an entry and the youth panel adds one.
  const id = 'example-entry-a2-to-improve-5';
  const original = theirs.project.sef.entries[id][0];
  theirs.project.sef.entries[id] = [{
    rev: 'pcf-rev-1', by: 'example-pcf', at: '2026-11-23T12:00:00Z', replaces: [original.rev],
    value: { ...original.value, text: "Young people say reviews are adults' meetings about them." },
  }];
  theirs.project.sef.entries['cyp-entry-1'] = [{
    rev: 'cyp-rev-1', by: 'example-cyp', at: '2026-11-23T12:05:00Z',
    value: { criterion: 'A5', kind: 'impact', author: 'example-cyp', text: 'The youth club is the best part of my week.' },
  }];
  const audit = theirs.project.sef.evidence['example-evidence-1'][0];
  theirs.project.sef.evidence['example-evidence-1'] = [{
    rev: 'pcf-rev-2', by: 'example-pcf', at: '2026-11-23T12:10:00Z', replaces: [audit.rev],
    value: { ...audit.value, title: 'EHC plan audit report, summer term 2026 (final)' },
  }];
  const theirPath = join(out, 'partner-copy.json');
  await writeFile(theirPath, JSON.stringify(theirs));

  // Meanwhile, here, the council rewords the same entry.
  await page.goto(app.server.url + '#/self-evaluation/A2');
  await heading(page).waitFor();
  await page.getByLabel('You are writing as').selectOption({ label: 'Northdale Council SEND and Inclusion Service (Local authority education)' });
  const entry = page.getByTestId('entry').filter({ hasText: original.value.text });
  await entry.getByRole('button', { name: /^Edit/ }).click();
  await page.getByLabel('Edit entry').fill('Reviews do not always capture what young people want.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByLabel('EHC plan audit report, summer term 2026').uncheck();

  await page.getByRole('link', { name: 'Back to the self-evaluation' }).click();
  await page.locator('#merge-file').setInputFiles(theirPath);
  const report = page.getByTestId('merge-report');
  await report.waitFor();
  assert.match(await report.textContent(), /1 new and 1 changed entries/);
  assert.match(await page.getByTestId('conflicts').textContent(), /2 to resolve.*An entry on A2.*Evidence: EHC plan audit/s);

  await page.getByTestId('conflicts').getByRole('link', { name: 'An entry on A2' }).click();
  const conflict = page.getByTestId('conflict');
  await conflict.waitFor();
  assert.deepEqual(await axeViolations(page), [], 'the side-by-side conflict view is accessible');
  const text = await conflict.textContent();
  assert.match(text, /Reviews do not always capture what young people want\./);
  assert.match(text, /Young people say reviews are adults' meetings about them\./);
  const keep = conflict.locator('.app-conflict__version', { hasText: "adults' meetings" }).getByRole('button');
  await keep.click();
  await page.getByTestId('conflict').waitFor({ state: 'detached' });
  await page.getByTestId('entries-to-improve').getByText("Young people say reviews are adults' meetings about them.").waitFor();

  await page.getByRole('link', { name: 'Back to the self-evaluation' }).click();
  await page.getByTestId('conflicts').getByRole('link', { name: /Evidence: EHC plan audit/ }).click();
  const evidenceConflict = page.getByTestId('conflict');
  await evidenceConflict.locator('.app-conflict__version', { hasText: '(final)' }).getByRole('button').click();
  await page.getByTestId('evidence-log').getByRole('rowheader', { name: 'EHC plan audit report, summer term 2026 (final)', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Back to the self-evaluation' }).click();
  assert.equal(await page.getByTestId('conflicts').count(), 0);
  await page.locator('#merge-file').setInputFiles(theirPath);
  await page.getByTestId('notice').filter({ hasText: 'held nothing new' }).waitFor();

  // A file that is not a project is refused, naming the file; nothing changes.
  await page.locator('#merge-file').setInputFiles({ name: 'minutes.json', mimeType: 'application/json', buffer: Buffer.from('{"notes": 1}') });
  assert.match(await page.getByTestId('error-summary').textContent(), /minutes\.json.*could not be merged.*not a project file/s);
  await context.close();
});

test('a partner\'s family feedback and "you said, we did" answers come in with a merge, named in its report', async () => {
  const { page, context, errors } = await openApp(app, { hash: '#/' });
  const saved = await download(page, 'Save project');
  const theirs = JSON.parse(await readFile(await saved.path(), 'utf8'));
  const answer = 'We now phone every family within a week of the request.';
  theirs.project.plan.feedback = [...(theirs.project.plan.feedback ?? []), {
    id: 'partner-imported-1', from: 'A parent', at: '2026-11-20T10:00:00Z',
    comments: [{ target: { action: 'example-action-1' }, response: 'disagree', words: 'Nobody called us back.', we_did: answer }],
  }];
  const path = join(out, 'partner-feedback.json');
  await writeFile(path, JSON.stringify(theirs));
  await page.goto(app.server.url + '#/self-evaluation');
  await heading(page).waitFor();
  await page.locator('#merge-file').setInputFiles(path);
  const report = await page.getByTestId('merge-report').textContent();
  assert.match(report, /1 new piece of family feedback and 1 new \u201cyou said, we did\u201d answer/);
  await page.goto(app.server.url + '#/');
  await heading(page).waitFor();
  const ours = JSON.parse(await readFile(await (await download(page, 'Save project')).path(), 'utf8'));
  const came = ours.project.plan.feedback.find((f) => f.id === 'partner-imported-1');
  assert.equal(came?.comments[0].we_did, answer, 'the answer is kept in the merged project');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a disputed position reads as disputed on every page and export until a partner resolves it; the merge report says where and from whom', async () => {
  const { page, context } = await openApp(app, { hash: '#/' });
  const saved = await download(page, 'Save project');
  const theirs = JSON.parse(await readFile(await saved.path(), 'utf8'));
  // The file holds two versions of A1's position that each replace the agreed one.
  const agreed = theirs.project.sef.positions.A1[0];
  theirs.project.sef.positions.A1 = [
    { rev: 'la-pos', by: 'example-la', at: '2026-11-23T12:00:00Z', replaces: [agreed.rev], value: { level: 'typically-positive', confidence: 'medium' } },
    { rev: 'pcf-pos', by: 'example-pcf', at: '2026-11-23T12:01:00Z', replaces: [agreed.rev], value: { level: 'widespread-failings', confidence: 'high' } },
  ];
  const path = join(out, 'disputed-copy.json');
  await writeFile(path, JSON.stringify(theirs));
  await page.goto(app.server.url + '#/self-evaluation');
  await heading(page).waitFor();
  await page.locator('#merge-file').setInputFiles(path);
  const report = await page.getByTestId('merge-report').textContent();
  assert.match(report, /A1: the position changed \(from Northdale Council SEND and Inclusion Service, Northdale Parent Carer Forum\)/);

  // The overview names both versions and never shows one as the position.
  const a1 = page.getByTestId('sef-criteria').locator('tr', { hasText: 'A1 ' });
  const row = await a1.textContent();
  assert.match(row, /Disputed/);
  assert.match(row, /Northdale Council SEND and Inclusion Service says typically positive \(medium confidence\)/);
  assert.match(row, /Northdale Parent Carer Forum says widespread or systemic failings \(high confidence\)/);
  const summaryHtml = await readFile(await (await download(page, 'Summary (web page)')).path(), 'utf8');
  assert.match(summaryHtml, /Disputed \(not yet resolved\): Northdale Council SEND and Inclusion Service says typically positive/);
  await page.goto(app.server.url + '#/co-production');
  assert.match(await page.getByTestId('matrix').locator('tr', { hasText: 'A1' }).textContent(), /Position disputed/);
  assert.deepEqual(await axeViolations(page), []);

  // Choosing a version settles it everywhere.
  await page.goto(app.server.url + '#/self-evaluation/A1');
  await heading(page).waitFor();
  assert.equal(await page.getByTestId('position').locator('input[name="position"]:checked').count(), 0, 'no version shown as chosen');
  await page.getByLabel('You are writing as').selectOption({ label: 'Northdale Parent Carer Forum (Parent carer forum)' });
  await page.getByTestId('position').getByLabel('Widespread or systemic failings').check();
  await page.getByTestId('conflict').waitFor({ state: 'detached' });
  await page.getByRole('link', { name: 'Back to the self-evaluation' }).click();
  assert.doesNotMatch(await page.getByTestId('sef-criteria').locator('tr', { hasText: 'A1 ' }).textContent(), /Disputed/);
  await context.close();
});

test('an entry gets plain-language help as it is typed, the reading-ease number said in words', async () => {
  const { page, context } = await openApp(app, { hash: '#/self-evaluation/A2' });
  await page.getByLabel('Your entry').fill('The multi-agency safeguarding arrangements notwithstanding, organisational commissioning responsibilities necessitate comprehensive reconsideration by the ICB.');
  const hint = await page.locator('#new-entry-plain').textContent();
  assert.match(hint, /^(Difficult|Fairly difficult): reading ease \d+ out of 100, where higher is easier and plain English is 60 to 70\./);
  assert.match(hint, /Shorter sentences and shorter words/);
  assert.match(hint, /Explain “ICB”: integrated care board/);
  assert.equal(await page.getByLabel('Your entry').getAttribute('aria-describedby').then((v) => v.includes('new-entry-plain')), true);
  await context.close();
});

test('exports: full SEF and summary as HTML and Word, evidence log as safe CSV', async () => {
  const { page, context } = await openApp(app, { hash: '#/evidence' });
  await page.getByLabel('You are writing as').selectOption({ label: 'Northdale Council SEND and Inclusion Service (Local authority education)' });
  await page.getByLabel('Title').fill('=HYPERLINK("http://example.invalid","click")');
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await page.getByTestId('evidence-log').getByRole('rowheader', { name: /^=HYPERLINK/ }).waitFor();
  await page.getByRole('link', { name: 'Back to the self-evaluation' }).click();
  await heading(page).filter({ hasText: 'Self-evaluation' }).waitFor();

  const full = await download(page, 'Self-evaluation (web page)');
  assert.equal(full.suggestedFilename(), 'northdale-fictional-example-self-evaluation.html');
  const fullHtml = await readFile(await full.path(), 'utf8');
  assert.match(fullHtml, /<h1>Self-evaluation: Northdale \(fictional example\)<\/h1>/);
  assert.match(fullHtml, /The needs of children and young people with SEND are identified accurately/);
  assert.match(fullHtml, /Families wait too long for autism and ADHD assessments/);
  assert.doesNotMatch(fullHtml, /<script/);

  // The exported page passes the same accessibility check as the app.
  const viewer = await context.newPage();
  await viewer.setContent(fullHtml);
  assert.deepEqual(await axeViolations(viewer), []);
  await viewer.close();

  const word = await download(page, 'Self-evaluation (Word)');
  const docx = readDocx(await word.path());
  assert.ok(docx.ok, 'zip CRCs are valid');
  assert.ok(docx.styles.includes('Heading1') && docx.styles.includes('Heading2'));
  assert.ok(docx.paragraphs.some((p) => p.style === 'Title' && p.text === 'Self-evaluation: Northdale (fictional example)'));
  assert.ok(docx.paragraphs.some((p) => p.style === 'Heading2' && p.text.startsWith('A1 ')));
  assert.ok(docx.headerRows >= 1 && docx.headerRows === docx.tables, 'every table has a header row');

  const summary = await download(page, 'Summary (web page)');
  const summaryHtml = await readFile(await summary.path(), 'utf8');
  assert.match(summaryHtml, /Key strengths/);
  assert.match(summaryHtml, /The parent carer forum contributed to \d+ of 12 criteria/);
  const summaryDocx = readDocx(await (await download(page, 'Summary (Word)')).path());
  assert.ok(summaryDocx.paragraphs.some((p) => p.style === 'Heading1' && p.text === 'Key risks'));

  const csv = await readFile(await (await download(page, 'Evidence log (CSV)')).path(), 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(lines[0], 'Evidence,Type,Owner,Date,Where it is held,Criteria supported');
  assert.ok(lines.some((l) => l.startsWith(`"'=HYPERLINK(`)), 'formula neutralised');
  await context.close();
});

test('accessibility of the self-evaluation pages, including an error state', async () => {
  const { page, context } = await openApp(app);
  const found = {};
  for (const hash of ['#/self-evaluation', '#/self-evaluation/A3', '#/evidence', '#/co-production', '#/self-evaluation/Z9']) {
    await page.goto(app.server.url + hash);
    await heading(page).waitFor();
    const v = await axeViolations(page);
    if (v.length) found[hash] = v;
  }
  await page.goto(app.server.url + '#/self-evaluation/A3');
  await page.getByRole('button', { name: 'Add entry' }).click();
  await page.getByTestId('error-summary').waitFor();
  const v = await axeViolations(page);
  if (v.length) found['criterion with error'] = v;
  assert.deepEqual(found, {});
  const pcf = page.getByTestId('signoff').locator('tr', { hasText: 'Northdale Parent Carer Forum' });
  assert.match(await pcf.textContent(), /Disagree.*secondary pupils often go without/);
  await context.close();
});

test('co-production matrix flags criteria without family or young people voices', async () => {
  const { page, context } = await openApp(app, { hash: '#/co-production' });
  const row = page.getByTestId('matrix').locator('tr', { hasText: 'C1' });
  assert.match(await row.textContent(), /No children and young people's input/);
  const a5 = page.getByTestId('matrix').locator('tr', { hasText: 'A5' });
  assert.doesNotMatch(await a5.textContent(), /No parent carer forum input/);
  await context.close();
});
