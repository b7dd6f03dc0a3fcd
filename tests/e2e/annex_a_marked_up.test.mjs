// The marked-up copy of the user's own workbook, on a desktop and a phone: a list with known
// problems is checked, its marked-up copy downloaded (made in the worker, the button saying it
// holds children's details), and read back by SheetJS (the same cells, problem cells filled by
// severity, the findings column and sheet, the About sheet), by our own command and by
// LibreOffice; nothing of the rows reaches browser storage and no request leaves the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openApp, axeViolations, appUnderTest, foreignRequests, download, PHONE, noSidewaysScroll } from './harness.mjs';

const XLSX = createRequire(import.meta.url)('xlsx');
const app = appUnderTest();
const root = fileURLToPath(new URL('../..', import.meta.url));
const DESKTOP = { width: 1280, height: 900 };
const NAME = 'Zebedee Testperson list1.xlsx';
const LIST1 = ['Unique ID', 'UPN', 'Date of birth', 'Gender', 'SEN primary need'];
const UPN = 'H801200001001';
const RED = 'F6C8C3';

// Every row shares one UPN (rows 3 on are duplicates); even rows have an invalid code; row 4's
// Unique ID looks like a formula; dates are real date cells. A second sheet holds no list.
function workbook() {
  const aoa = [LIST1];
  for (let i = 1; i <= 8; i++) {
    const id = i === 3 ? '=HYPERLINK("http://example.invalid","x")' : `FICT-${i}`;
    aoa.push([id, UPN, new Date(Date.UTC(2012, 1, i)), 'a) Male', i % 2 === 0 ? 'AUTISM' : 'ASD']);
  }
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(aoa, { cellDates: true }), 'List 1');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Notes'], ['Fictional, for a test']]), 'Notes');
  return { aoa, buffer: XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) };
}

/** The host build of the command (the test command's `cargo test` has already built it). */
function areaSend() {
  const binary = join(root, 'target', 'debug', 'area-send');
  if (!existsSync(binary)) execFileSync('cargo', ['build', '--offline', '-p', 'area-send-cli'], { cwd: root, stdio: 'inherit' });
  return binary;
}

/** Rows of a CSV LibreOffice wrote (fields in double quotes where they need them). */
function csvRows(text) {
  const rows = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows.at(-1).push(field); field = ''; } else if (c === '\n') { rows.at(-1).push(field); field = ''; rows.push([]); } else if (c !== '\r') field += c;
  }
  if (field || rows.at(-1).length) rows.at(-1).push(field);
  return rows.filter((r) => r.length);
}

for (const [device, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`${device}: the marked-up copy of a checked file comes back with its problems marked, and is never stored`, async () => {
    const { page, context, errors, requests } = await openApp(app, { hash: '#/annex-a', viewport });
    const { aoa, buffer } = workbook();
    await page.locator('#annex-files').setInputFiles({ name: NAME, mimeType: 'application/octet-stream', buffer });
    await page.getByRole('button', { name: 'Check these files' }).click();
    await page.getByTestId('results').waitFor();

    const button = `Download a marked-up copy of “${NAME}” (holds children’s details: made now, never stored)`;
    await page.evaluate(() => {
      window.__making = [];
      new MutationObserver(() => window.__making.push(document.querySelector('[data-testid="making"]')?.textContent))
        .observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const made = await download(page, button);
    assert.equal(made.suggestedFilename(), 'Zebedee Testperson list1 - marked up.xlsx');
    const said = await page.evaluate(() => window.__making);
    assert.ok(said.some((t) => /^Making the marked-up copy of “Zebedee Testperson list1\.xlsx”…$/.test(t || '')), said.join(' | '));
    // Done: the line empties (and hides) once the file is offered.
    await page.waitForFunction(() => document.querySelector('[data-testid="making"]')?.textContent === '');
    const path = await made.path();
    const bytes = await readFile(path);

    // SheetJS: our sheets around the user's, the same values in the same cells.
    const book = XLSX.read(bytes, { cellStyles: true, cellDates: true });
    assert.deepEqual(book.SheetNames, ['About this copy', 'List 1', 'Notes', 'Findings']);
    const sheet = book.Sheets['List 1'];
    const back = XLSX.utils.sheet_to_json(sheet, { header: 1, raw: true });
    for (let r = 0; r < aoa.length; r++) {
      for (let c = 0; c < LIST1.length; c++) {
        const [want, got] = [aoa[r][c], back[r][c]];
        if (want instanceof Date) assert.equal(got.toISOString().slice(0, 10), want.toISOString().slice(0, 10), `row ${r + 1}`);
        else assert.equal(got, want, `row ${r + 1} column ${c + 1}`);
      }
    }
    assert.equal(sheet.A4.t, 's', 'formula-like text stays text');
    assert.equal(sheet.A4.f, undefined);
    assert.equal(sheet.C2.t, 'd', 'a date stays a date');
    // Problem cells filled red (errors), the rest not; the findings column says why in words.
    const fill = (ref) => sheet[ref]?.s?.fgColor?.rgb;
    assert.equal(fill('B4'), RED, 'a duplicate UPN');
    assert.equal(fill('E3'), RED, 'an invalid code');
    assert.equal(fill('E2'), undefined, 'a valid code is not filled');
    assert.equal(fill('A2'), undefined);
    assert.equal(back[0][LIST1.length], 'Findings (marked-up copy)');
    assert.match(back[2][LIST1.length], /^Error in column “SEN primary need”: .+\(CODE-INVALID\)\. Error in column “UPN”: .+\(UPN-DUPLICATE\)\.$/);
    assert.equal(back[1][LIST1.length], undefined, 'row 2 has no finding of its own');
    assert.equal(fill(`F3`), RED, 'the findings cell is filled as its worst finding');
    assert.deepEqual(XLSX.utils.sheet_to_json(book.Sheets.Notes, { header: 1 }), [['Notes'], ['Fictional, for a test']]);
    const findings = XLSX.utils.sheet_to_json(book.Sheets.Findings, { header: 1 });
    assert.deepEqual(findings[0], ['Sheet', 'Row', 'Column', 'Cell', 'Value', 'Severity', 'Rule', 'Message', 'How to fix']);
    const codes = findings.filter((f) => f[6] === 'CODE-INVALID');
    assert.deepEqual(codes.map((f) => [f[1], f[3], f[4]]), [[3, 'E3', 'AUTISM'], [5, 'E5', 'AUTISM'], [7, 'E7', 'AUTISM'], [9, 'E9', 'AUTISM']]);
    assert.equal(findings.filter((f) => f[6] === 'UPN-DUPLICATE').length, 7);
    const about = XLSX.utils.sheet_to_json(book.Sheets['About this copy'], { header: 1 }).flat().join('\n');
    assert.match(about, /person-level data/);
    assert.match(about, /did not store it/);
    assert.match(about, /data protection rules/);

    // Our own reader, through the command: the copy checks as the file did.
    const dir = await mkdtemp(join(tmpdir(), 'marked-up-'));
    const original = join(dir, NAME);
    await writeFile(original, buffer);
    const check = (file) => {
      const run = spawnSync(areaSend(), ['check', '--profile', 'full-2025', '--json', '--today', '2026-12-03', file], { encoding: 'utf8' });
      return JSON.parse(run.stdout).filter((f) => f.row).map((f) => `${f.rule} ${f.row} ${f.column}`).sort();
    };
    const copyPath = join(dir, 'copy.xlsx');
    await writeFile(copyPath, bytes);
    assert.deepEqual(check(copyPath), check(original), 'the same row findings in the copy');

    // LibreOffice: every sheet converts, the list's cells as they were.
    const out = join(dir, 'csv');
    const office = spawnSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore',
      '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', out, copyPath]);
    assert.equal(office.status, 0, String(office.stderr));
    assert.deepEqual((await readdir(out)).sort(), ['copy-About this copy.csv', 'copy-Findings.csv', 'copy-List 1.csv', 'copy-Notes.csv']);
    const rows = csvRows(await readFile(join(out, 'copy-List 1.csv'), 'utf8'));
    assert.deepEqual(rows[3].slice(0, 5), ['=HYPERLINK("http://example.invalid","x")', UPN, '03/02/2012', 'a) Male', 'ASD']);
    assert.equal(rows[0][5], 'Findings (marked-up copy)');

    // Nothing of the file's rows, nor its name, in browser storage.
    const stored = await page.evaluate(() => Object.entries(localStorage).concat(Object.entries(sessionStorage)).flat().join('\n'));
    assert.doesNotMatch(stored, /FICT-|AUTISM|H801200001001|Zebedee|marked up/);
    assert.equal(await noSidewaysScroll(page), true, 'no sideways scroll');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(foreignRequests(requests, app.server), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
