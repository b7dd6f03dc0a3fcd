// `area-send export` makes exactly what the app's download buttons make: a council's publishing
// pipeline and a person at the page get the same bytes for the same project and date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openApp, download, ensureOutputDir, appUnderTest, heading } from './harness.mjs';

const app = appUnderTest();
const root = fileURLToPath(new URL('../..', import.meta.url));

/** The host build of the command (the test command's `cargo test` has already built it). */
function areaSend() {
  const binary = join(root, 'target', 'debug', 'area-send');
  if (!existsSync(binary)) execFileSync('cargo', ['build', '--offline', '-p', 'area-send-cli'], { cwd: root, stdio: 'inherit' });
  return binary;
}

/** Today in the browser's (this machine's) time zone, as YYYY-MM-DD. */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const BUTTONS = [
  ['#/self-evaluation', 'Self-evaluation', [
    ['Self-evaluation (web page)', 'sef', 'html'], ['Self-evaluation (Word)', 'sef', 'docx'],
    ['Self-evaluation (OpenDocument text)', 'sef', 'odt'],
    ['Summary (web page)', 'summary', 'html'], ['Summary (Word)', 'summary', 'docx'],
    ['Summary (OpenDocument text)', 'summary', 'odt'],
    ['Evidence log (CSV)', 'evidence', 'csv']]],
  ['#/plan', 'Strategic plan update', [
    ['Plan update (web page)', 'plan', 'html'], ['Plan update (Word)', 'plan', 'docx'],
    ['Plan update (OpenDocument text)', 'plan', 'odt'],
    ['Easy read (web page)', 'easy-read', 'html'], ['Plan update (Markdown)', 'plan', 'md'],
    ['Action plan (CSV)', 'action-plan', 'csv'], ['Action plan (Excel)', 'action-plan', 'xlsx'],
    ['Action plan (OpenDocument spreadsheet)', 'action-plan', 'ods'],
    // As at today, since a month before: the page's dates and the command's defaults.
    ['Board update (web page)', 'board-update', 'html'], ['Board update (Word)', 'board-update', 'docx'],
    ['Board update (OpenDocument text)', 'board-update', 'odt'],
    ['Make a review page for families (one file to email)', 'review-page', 'html']]],
  ['#/annex-a', 'Annex A readiness', [['Readiness summary (web page)', 'readiness', 'html']]],
];

test('every download equals `area-send export` of the saved project, byte for byte', async () => {
  const binary = areaSend();
  const out = await ensureOutputDir();
  const { page, context } = await openApp(app, { hash: '#/' });
  // An edit, so the project is this session's and not just the built-in example.
  await page.goto(app.server.url + '#/partnership');
  await heading(page).waitFor();
  await page.getByLabel('Local area name').fill('Northdale (exported by command)');
  await page.getByLabel('Local area name').press('Tab');
  await page.goto(app.server.url + '#/');
  await heading(page).waitFor();
  const saved = await download(page, 'Save project');
  const projectPath = join(out, 'command-line-project.json');
  await saved.saveAs(projectPath);

  let compared = 0;
  for (const [hash, title, buttons] of BUTTONS) {
    for (const [label, what, format] of buttons) {
      // A fresh tab for each download: Chromium holds back a page's many downloads in a row.
      const page = await context.newPage();
      await page.goto(app.server.url + hash);
      await heading(page).filter({ hasText: title }).waitFor();
      const file = await download(page, label).catch((e) => { throw new Error(`${label} on ${hash}: ${e.message}`); });
      const fromApp = await readFile(await file.path());
      const run = spawnSync(binary, ['export', '--project', projectPath, '--what', what, '--format', format, '--out', '-', '--as-of', today()]);
      assert.equal(run.status, 0, `${what} ${format}: ${run.stderr}`);
      assert.ok(fromApp.length > 0, `${label} is not empty`);
      assert.ok(Buffer.compare(fromApp, run.stdout) === 0, `${label}: the app's download and area-send export ${what} --format ${format} differ`);
      assert.match(file.suggestedFilename(), new RegExp(`^northdale-exported-by-command-.*\\.${format}$`));
      compared += 1;
      await page.close();
    }
  }
  assert.equal(compared, 20);
  await context.close();
});
