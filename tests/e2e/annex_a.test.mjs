// Annex A readiness: loading spreadsheets in the worker, findings, explanations, exports,
// cancelling a long load, bad files, the documents checklist, and privacy of person rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { openApp, axeViolations, appUnderTest, fillDate, PHONE, noSidewaysScroll } from './harness.mjs';

// SheetJS (npm, a dev dependency) writes a large workbook independently of our own writer.
const XLSX = createRequire(import.meta.url)('xlsx');

const app = appUnderTest();

const LIST1 = ['Unique ID', 'UPN', 'ULN', 'Date of birth', 'Gender', 'Ethnicity', 'Date initial EHC plan issued',
  'Date updated EHC plan issued', 'Date EHC plan last reviewed', 'SEN primary need', 'Main education establishment – URN',
  'Main education establishment – phase', 'Subsidiary education establishment – phase (dual registration)',
  'Elective home education', 'Suspensions', 'Permanent exclusions', 'Absence', 'Pupil Premium',
  "Known to children's social care?", "Which children's social care team?", 'Does the child or young person have a disability?'];

function bigCsv(rows) {
  const lines = [LIST1.join(',')];
  for (let i = 0; i < rows; i++) {
    lines.push([`FICT-${i}`, '', '', '01/02/2012', 'a) Male', 'a) WBRI', '01/03/2020', '', '01/03/2024', 'ASD', '100000',
      'b) Primary', '', 'b) No', '0', '0', '4.5', 'b) No', 'b) No', '', 'a) Yes'].join(','));
  }
  return Buffer.from(lines.join('\r\n'));
}

test('check the fictional example workbook: findings with rows and columns, explain a query, export, nothing saved', async () => {
  const { page, context, errors } = await openApp(app, { hash: '#/annex-a' });
  await page.getByRole('button', { name: 'Use the fictional example workbook' }).click();
  await page.getByTestId('chosen-files').getByText(/^fictional-example-lists\.xlsx /).waitFor();
  await page.getByRole('button', { name: 'Check these files' }).click();
  const results = page.getByTestId('results');
  await results.waitFor();
  assert.match(await page.getByTestId('result-counts').textContent(), /[1-9]\d* errors? \(must fix\)/);
  const lists = await page.getByTestId('list-summary').textContent();
  assert.match(lists, /List 1.*fictional-example-lists\.xlsx/s);
  assert.match(lists, /List 2/);
  const first = page.getByTestId('finding').first();
  assert.match(await first.textContent(), /(Error|Query|Warning)/);
  assert.match(await results.textContent(), /row \d+/i);

  // Explain the first query; the note is kept with the project and goes into the export.
  const query = page.getByTestId('finding').filter({ hasText: 'Query' }).first();
  await query.getByText('Explain this query').click();
  await query.getByLabel('Explanation').fill('Known to us: the family moved in last week.');
  await query.getByRole('button', { name: 'Save explanation' }).click();
  await query.getByText('Explained').waitFor();

  const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Findings (CSV)' }).click()]);
  const csv = (await readFile(await csvFile.path(), 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(csv[0], 'File,Sheet,List,Row,Column,Unique ID,Severity,Rule,Message,How to fix,Explanation');
  assert.ok(csv.length > 5);
  assert.ok(csv.some((l) => l.includes('Known to us: the family moved in last week.')));
  const [xlsxFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Findings (Excel)' }).click()]);
  assert.equal((await readFile(await xlsxFile.path())).subarray(0, 2).toString(), 'PK');
  const [odsFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Findings (OpenDocument spreadsheet)' }).click()]);
  // An ODF package names its type in a stored first part, `mimetype`, at byte 38.
  const ods = await readFile(await odsFile.path());
  assert.equal(ods.subarray(30, 38).toString(), 'mimetype');
  assert.equal(ods.subarray(38, 84).toString(), 'application/vnd.oasis.opendocument.spreadsheet');
  assert.match(odsFile.suggestedFilename(), /-annex-a-findings\.ods$/);

  // Correct a match by hand: say the file has no Gender column, then check again.
  await page.getByTestId('mapping').getByText('How the sheets and columns were matched').click();
  const gender = page.getByTestId('mapping').getByLabel('Gender').first();
  await gender.selectOption('');
  await page.getByTestId('pending-corrections').filter({ hasText: '1 correction' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('button', { name: 'Check these files' }).click();
  await page.getByTestId('finding').filter({ hasText: 'Gender' }).filter({ hasText: 'COLUMN-MISSING' }).first().waitFor();

  // Person-level rows are never in the project file or browser storage; aggregates are.
  await page.getByRole('link', { name: 'Tasks' }).click();
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save project' }).click()]);
  const projectText = await readFile(await saved.path(), 'utf8');
  assert.match(projectText, /"last_check"/);
  assert.doesNotMatch(projectText, /FICT-/);
  const stored = await page.evaluate(() => Object.values(localStorage).join('\n'));
  assert.doesNotMatch(stored, /FICT-/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('bad files get a plain message naming the file; good files beside them are still checked', async () => {
  const { page, context } = await openApp(app, { hash: '#/annex-a' });
  await page.locator('#annex-files').setInputFiles([
    { name: 'list1.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('%PDF-1.7 really a pdf') },
    { name: 'list1.csv', mimeType: 'text/csv', buffer: bigCsv(20) },
  ]);
  await page.getByTestId('chosen-files').getByText(/^list1\.csv /).waitFor();
  await page.getByRole('button', { name: 'Check these files' }).click();
  await page.getByTestId('results').waitFor();
  const text = await page.getByTestId('results').textContent();
  assert.match(text, /list1\.xlsx.*PDF/s);
  assert.match(await page.getByTestId('list-summary').textContent(), /List 1.*list1\.csv.*20/s);
  await context.close();
});

for (const [device, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', PHONE]]) {
  test(`${device}: a file moved or deleted after it was chosen is named when the check cannot read it`, async () => {
    // The page never reads a chosen file itself (the worker does), so this is where it shows.
    const dir = await mkdtemp(join(tmpdir(), 'annex-gone-'));
    const path = join(dir, 'list1 moved away.csv');
    await writeFile(path, bigCsv(5));
    const { page, context } = await openApp(app, { hash: '#/annex-a', viewport });
    await page.locator('#annex-files').setInputFiles(path);
    await page.getByTestId('chosen-files').getByText(/^list1 moved away\.csv /).waitFor();
    await rm(dir, { recursive: true, force: true });
    await page.getByRole('button', { name: 'Check these files' }).click();
    const alert = page.getByTestId('check-failed');
    await alert.waitFor();
    assert.match(await alert.textContent(), /\u201clist1 moved away\.csv\u201d could not be read: it may have been moved, changed or deleted since it was chosen\. Choose it again\./);
    // Still chosen, so choosing it again or removing it is one step.
    assert.match(await page.getByTestId('chosen-files').textContent(), /list1 moved away\.csv/);
    assert.equal(await noSidewaysScroll(page), true);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
}

test('a long load runs in the background with progress and can be cancelled', async () => {
  // Counts the workers the page starts.
  const countWorkers = () => {
    const Native = window.Worker;
    window.__workers = 0;
    window.Worker = function (url, options) {
      window.__workers += 1;
      return new Native(url, options);
    };
  };
  const { page, context } = await openApp(app, { hash: '#/annex-a', init: [countWorkers] });
  const workers = () => page.evaluate(() => window.__workers);
  // A worker is started when the page opens, so a check does not wait for one.
  await page.waitForFunction(() => window.__workers === 1);
  await page.locator('#annex-files').setInputFiles({ name: 'huge-list1.csv', mimeType: 'text/csv', buffer: bigCsv(300000) });
  await page.getByTestId('chosen-files').getByText(/^huge-list1\.csv /).waitFor();
  await page.getByRole('button', { name: 'Check these files' }).click();
  await page.getByTestId('progress').waitFor();
  assert.equal(await workers(), 1, 'the check ran in the worker that was waiting');
  // The page answers while the worker reads.
  const t0 = Date.now();
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 10)));
  assert.ok(Date.now() - t0 < 1000, 'the main thread is not blocked');
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.match(await page.getByTestId('check-failed').textContent(), /cancelled/);
  assert.equal(await page.getByTestId('results').count(), 0);
  // The cancelled worker is gone and a fresh one waits; it checks the next files.
  assert.equal(await workers(), 2);
  await page.getByRole('button', { name: /Remove huge-list1\.csv/ }).click();
  await page.locator('#annex-files').setInputFiles({ name: 'list1.csv', mimeType: 'text/csv', buffer: bigCsv(20) });
  await page.getByRole('button', { name: 'Check these files' }).click();
  await page.getByTestId('results').waitFor();
  assert.match(await page.getByTestId('list-summary').textContent(), /List 1.*list1\.csv.*20/s);
  // A finished check leaves a fresh worker waiting too.
  await page.waitForFunction(() => window.__workers === 3);
  await context.close();
});

test('a long workbook fills the progress bar as a share of the file while it is read', async () => {
  const rows = [['Unique ID', 'Gender']];
  for (let i = 1; i <= 60000; i++) rows.push([`FICT-${i}`, i % 2 ? 'a) Male' : 'b) Female']);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'List 1');
  const buffer = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' });
  const { page, context } = await openApp(app, { hash: '#/annex-a' });
  await page.locator('#annex-files').setInputFiles({ name: 'long-list1.xlsx', mimeType: 'application/octet-stream', buffer });
  await page.getByRole('button', { name: 'Check these files' }).waitFor();
  await page.evaluate(() => {
    // Each label and the bar's value and maximum as the page shows them.
    window.__seen = [];
    new MutationObserver(() => {
      const label = document.querySelector('[data-testid="progress"] label');
      const bar = document.querySelector('[data-testid="progress"] [role="progressbar"], [data-testid="progress"] progress');
      if (label && bar) window.__seen.push({ text: label.textContent, value: Number(bar.value), max: Number(bar.max) });
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.getByRole('button', { name: 'Check these files' }).click();
  await page.getByTestId('results').waitFor();
  const seen = await page.evaluate(() => window.__seen);
  const shown = seen.map((s) => `${s.text} [${s.value}/${s.max}]`).join(' | ');
  const reading = seen.filter((s) => s.text.startsWith('Reading'));
  // Part of the way through the file, the bar is part filled, and says how far with the sheet.
  const partWay = reading.filter((s) => s.value > 0 && s.value < s.max);
  assert.ok(partWay.length >= 3, shown);
  assert.ok(partWay.some((s) => /^Reading “long-list1\.xlsx” \(1 of 1\), sheet “List 1”: [1-9]\d?%, [\d,]+ rows so far$/.test(s.text)), shown);
  assert.ok(reading.some((s) => /: 100%, 60,001 rows so far$/.test(s.text)), shown);
  // It only fills, then checking carries on from where reading ended.
  assert.ok(seen.every((s, i) => i === 0 || s.value >= seen[i - 1].value), shown);
  const checking = seen.find((s) => s.text === 'Checking every row');
  assert.ok(checking && checking.value >= Math.max(...reading.map((s) => s.value)) && checking.value < checking.max, shown);
  await context.close();
});

test('under outcome 3 the page says what the monitoring inspection will ask for, and for which areas', async () => {
  const { page, context } = await openApp(app, { hash: '#/annex-a' });
  const monitoring = await page.getByTestId('monitoring-request').textContent();
  assert.match(monitoring, /relevant to the areas for priority action, in no particular format \(¶169\)/);
  assert.match(monitoring, /Monitoring inspection \(usually about 18 months after the final report is received\): /);
  assert.match(monitoring, /reduce waiting times for neurodevelopmental assessments/);
  await context.close();
});

test('documents checklist and the deadline clock show what is still to do', async () => {
  const { page, context } = await openApp(app, { hash: '#/annex-a' });
  await fillDate(page, 'Notification date', '2026-11-23');
  const timeline = page.getByTestId('timeline');
  await timeline.waitFor();
  assert.match(await timeline.textContent(), /Tuesday 24 November 2026, 11am.*to do/s);
  const before = await page.getByTestId('documents-held').textContent();
  // Every item reviewed is the aim, not every item held (nothing is produced for the inspection).
  assert.match(before, /^0 of \d+ items reviewed: 0 held, 0 partly held, 0 not held$/);
  await page.getByLabel('Status of 1.1').selectOption('held');
  await page.getByLabel('Owner of 1.1').selectOption({ label: 'Northdale Council SEND and Inclusion Service' });
  await page.getByLabel('File name for 1.1').fill('partnership-structure.pdf');
  await page.getByLabel('File name for 1.1').press('Tab');
  await page.getByLabel('Date of 1.1').fill('2026-09-30');
  await page.getByLabel('Date of 1.1').press('Tab');
  await page.getByTestId('documents-held').filter({ hasText: /^1 of/ }).waitFor();
  await page.reload();
  await page.locator('#page-heading').waitFor();
  assert.equal(await page.getByLabel('File name for 1.1').inputValue(), 'partnership-structure.pdf');
  assert.equal(await page.getByLabel('Date of 1.1').inputValue(), '2026-09-30');
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
