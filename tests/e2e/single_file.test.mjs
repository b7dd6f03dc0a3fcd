// The single-file build (dist/area-send-single-file.html), opened from disk as a council officer
// would open a file they were sent: the app starts, keeps work, and checks Annex A lists in its
// worker, with no request anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, distDir, recordPage } from './harness.mjs';

const url = pathToFileURL(join(distDir, 'area-send-single-file.html')).href;
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('single file: opened from disk it runs, keeps typed work and checks spreadsheets, with no request', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { errors, requests } = recordPage(page);
  await page.goto(url);
  await page.locator('#page-heading').filter({ hasText: 'Prepare for your area SEND inspection' }).waitFor();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /script-src 'sha256-[^']+' 'wasm-unsafe-eval'/, 'only the hashed inline script may run');

  await page.getByRole('link', { name: 'Set up your partnership' }).click();
  await page.getByLabel('Local area name').fill('Area From Disk');
  await page.reload();
  assert.equal(await page.getByLabel('Local area name').inputValue(), 'Area From Disk');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Annex A', exact: true }).click();
  await page.getByRole('button', { name: 'Use the fictional example workbook' }).click();
  await page.getByRole('button', { name: 'Check these files' }).click();
  await page.getByTestId('results').waitFor();
  assert.match(await page.getByTestId('results').innerText(), /List 1/);

  // The copy opened from disk says plainly that other local pages share its storage.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Your data', exact: true }).click();
  assert.match(await page.getByTestId('single-file-storage').innerText(), /any other web page file you open in the same browser could read or change/);

  assert.deepEqual(requests.filter((u) => u !== url && !u.startsWith(url + '#') && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await context.close();
});
