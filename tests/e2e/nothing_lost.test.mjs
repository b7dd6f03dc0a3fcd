// Nothing lost: a full disk with an autosave the app cannot read, two tabs editing one project,
// and form drafts across a reload. Runs against the release build in dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp, appUnderTest, heading, download } from './harness.mjs';

const app = appUnderTest();

const PROJECT_KEY = 'area-send.project';

/** Waits until `read()` returns `want` (another tab's save arrives by an event). */
async function until(read, want, what) {
  for (let i = 0; i < 100; i++) {
    const got = await read();
    if (got === want) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  assert.equal(await read(), want, what);
}

const areaName = (page) => page.getByLabel('Local area name').inputValue();

test('a full disk and an autosave the app cannot read: it is never overwritten, and every copy kept can be downloaded', async () => {
  const planted = JSON.stringify({ format: 'area-send-project', version: 999, project: { area_name: 'From a newer version' } });
  // Once per tab (sessionStorage outlives the reloads): an unreadable autosave, then storage full.
  const plant = `(${(text) => {
    if (sessionStorage.getItem('planted')) return;
    sessionStorage.setItem('planted', '1');
    localStorage.clear();
    localStorage.setItem('area-send.project', text);
    let chunk = 'x'.repeat(1 << 20);
    for (let n = 0; chunk.length > 0; n++) {
      try { localStorage.setItem(`filler-${n}`, chunk); } catch { chunk = chunk.slice(0, chunk.length >> 1); }
    }
  }})(${JSON.stringify(planted)})`;
  const { page, context, errors } = await openApp(app, { hash: '#/partnership', init: [plant] });

  const paused = page.getByTestId('saving-paused');
  await paused.waitFor();
  assert.match(await paused.innerText(), /not saving.*could not be read.*no copy of it could be kept aside.*full/s);
  assert.doesNotMatch(await page.getByTestId('restore-problem').innerText(), /kept aside/, 'no copy is claimed');
  await page.getByLabel('Local area name').fill('Typed while paused');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), PROJECT_KEY), planted, 'the original is not overwritten');
  const file = await download(page, 'Download the project that could not be read');
  assert.equal(await readFile(await file.path(), 'utf8'), planted);

  // With room again, the next start keeps a confirmed copy before anything replaces it.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
  await page.reload();
  await heading(page).waitFor();
  assert.match(await page.getByTestId('restore-problem').innerText(), /A copy of it was kept aside/);
  assert.ok(await paused.isHidden(), 'saving is on again');

  // A second unreadable autosave keeps its own copy: the first is not overwritten.
  await page.evaluate(([k, text]) => localStorage.setItem(k, text.replace('newer', 'still newer')), [PROJECT_KEY, planted]);
  await page.reload();
  await heading(page).waitFor();
  await page.goto(app.server.url + '#/your-data');
  const copies = page.getByTestId('kept-copy');
  await copies.first().waitFor();
  assert.equal(await copies.count(), 2);
  assert.match(await copies.first().innerText(), /could not be read when the app started.*Cannot be opened by this version/s);
  const [kept] = await Promise.all([page.waitForEvent('download'), copies.first().getByRole('button', { name: /^Download/ }).click()]);
  assert.equal(await readFile(await kept.path(), 'utf8'), planted);
  assert.equal(await copies.first().getByRole('button', { name: /^Restore/ }).count(), 0, 'an unreadable copy cannot be restored');

  // Deleting asks first, then removes only that copy.
  await copies.first().getByRole('button', { name: /^Delete/ }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await until(() => copies.count(), 1, 'one copy left');
  assert.match(await copies.first().innerText(), /Cannot be opened/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs: each takes the other\'s saves when it has nothing of its own, and otherwise asks, keeping both', async () => {
  const context = await app.browser.newContext({ acceptDownloads: true });
  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const page of [a, b]) {
    await page.goto(app.server.url + '#/partnership');
    await heading(page).waitFor();
  }
  await a.getByLabel('Local area name').fill('Edited in tab A');
  await until(() => areaName(b), 'Edited in tab A', 'tab B takes tab A\'s save');
  assert.match(await b.getByTestId('notice').innerText(), /Brought up to date with the changes saved in another tab/);

  // Tab B cannot save for a while, so its edit is its own when tab A saves again.
  await b.evaluate(() => {
    window.realSetItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await b.getByLabel('Local area name').fill('Edited in tab B');
  await b.getByTestId('storage-warning').waitFor();
  await a.getByLabel('Local area name').fill('Edited in tab A again');
  const paused = b.getByTestId('saving-paused');
  await paused.waitFor();
  assert.match(await paused.innerText(), /changed in another tab or window \(Edited in tab A again\)/);
  assert.equal(await areaName(b), 'Edited in tab B', 'nothing of tab B\'s is replaced unasked');

  // Keeping this tab's version must first keep the other's: with storage still failing, nothing changes.
  await b.getByRole('button', { name: 'Carry on with this tab\u2019s version' }).click();
  assert.match(await paused.innerText(), /could not be kept aside.*nothing has changed/s);
  await b.evaluate(() => { Storage.prototype.setItem = window.realSetItem; });
  await b.getByRole('button', { name: 'Carry on with this tab\u2019s version' }).click();
  await paused.waitFor({ state: 'hidden' });
  await until(() => areaName(a), 'Edited in tab B', 'tab A, with nothing of its own, takes tab B\'s version');

  // Tab A's version was kept aside, and restoring it brings it back in both tabs.
  await a.goto(app.server.url + '#/your-data');
  const copy = a.getByTestId('kept-copy');
  await copy.waitFor();
  assert.match(await copy.innerText(), /The version another tab or window saved.*Edited in tab A again/s);
  await copy.getByRole('button', { name: /^Restore/ }).click();
  await a.goto(app.server.url + '#/partnership');
  await heading(a).waitFor();
  assert.equal(await areaName(a), 'Edited in tab A again');
  await until(() => areaName(b), 'Edited in tab A again', 'tab B takes the restored version');
  await context.close();
});

test('text typed into a form but not yet added comes back after a reload, and goes once added', async () => {
  const { page, context, errors } = await openApp(app, { hash: '#/self-evaluation/A1' });
  const entry = page.locator('#new-entry-text');
  await entry.fill('A draft about waiting times, not yet added.');
  await page.reload();
  await heading(page).waitFor();
  assert.equal(await entry.inputValue(), 'A draft about waiting times, not yet added.');
  await page.getByLabel('You are writing as').selectOption({ label: 'Northdale Parent Carer Forum (Parent carer forum)' });
  await page.getByRole('button', { name: 'Add entry' }).click();
  assert.equal(await entry.inputValue(), '');
  await page.reload();
  await heading(page).waitFor();
  assert.equal(await entry.inputValue(), '', 'an added draft is forgotten');
  assert.match(await page.locator('main').innerText(), /A draft about waiting times, not yet added\./);
  assert.deepEqual(errors, []);
  await context.close();
});
