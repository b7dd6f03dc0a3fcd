// User flows of the foundation: first run, example, autosave, project files, navigation,
// privacy and accessibility. Runs against the release build in dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveStatic, openApp, axeViolations, foreignRequests, distDir, appUnderTest, heading, fillDate } from './harness.mjs';

const app = appUnderTest();

let other; // a second origin, to prove the page cannot reach it

before(async () => {
  other = await serveStatic(distDir);
});

after(async () => {
  await other?.close();
});


test('home loads with no console errors, shows the example and a task list with text statuses', async () => {
  const { page, errors, context } = await openApp(app);
  assert.equal(await heading(page).textContent(), 'Prepare for your area SEND inspection');
  assert.match(await page.getByTestId('example-label').textContent(), /fictional/);
  assert.equal(await page.getByTestId('area-name').textContent(), 'Northdale (fictional example)');
  const tasks = page.getByTestId('task-list').locator('li');
  assert.equal(await tasks.count(), 4);
  assert.equal(await page.locator('#status-partnership').textContent(), 'Completed');
  assert.equal(await page.locator('#status-selfevaluation').textContent(), 'In progress');
  assert.match(await page.title(), /Your partnership's tasks/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a new project starts empty and the example loads again with one click (and undo)', async () => {
  const { page, context } = await openApp(app);
  await page.getByRole('button', { name: 'Start a new project' }).click();
  assert.equal(await page.getByTestId('area-name').textContent(), 'Unnamed local area');
  assert.equal(await page.getByTestId('example-label').count(), 0);
  assert.equal(await page.locator('#status-partnership').textContent(), 'Not started');
  await page.getByRole('button', { name: 'Load the example partnership' }).click();
  assert.equal(await page.getByTestId('area-name').textContent(), 'Northdale (fictional example)');
  await page.getByTestId('notice').getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.getByTestId('area-name').textContent(), 'Unnamed local area');
  await context.close();
});

test('an edit survives a page reload', async () => {
  const { page, context, errors } = await openApp(app, { hash: '#/partnership' });
  await page.getByLabel('Local area name').fill('Westvale');
  await page.getByLabel('Partner name').fill('Westvale Parent Carer Forum');
  await page.locator('#new-partner-role').selectOption('parent-carer-forum');
  await page.getByRole('button', { name: 'Add partner' }).click();
  await fillDate(page, 'Date', '2026-12-29');
  await page.getByRole('button', { name: 'Add closure day' }).click();
  await page.reload();
  await heading(page).waitFor();
  assert.equal(await page.getByLabel('Local area name').inputValue(), 'Westvale');
  const names = await page.getByTestId('partners').locator('input[type=text]').evaluateAll((els) => els.map((e) => e.value));
  assert.ok(names.includes('Westvale Parent Carer Forum'), names.join());
  assert.match(await page.getByTestId('closure-days').textContent(), /Tuesday 29 December 2026/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('dates are typed day, month, year; an impossible or missing date is explained, never stored', async () => {
  const { page, context, errors } = await openApp(app, { hash: '#/partnership' });
  const group = page.getByRole('group', { name: 'Date', exact: true });
  const before = await page.getByTestId('closure-days').locator('li').count();
  await page.getByRole('button', { name: 'Add closure day' }).click();
  await group.getByText('Enter the date the partnership is closed').waitFor();
  await group.getByLabel('Day').fill('31');
  await group.getByLabel('Month').fill('2');
  await group.getByLabel('Year').fill('2027');
  await page.getByLabel('Reason (optional)').focus();
  await group.getByText('Date must be a real date').waitFor();
  await page.getByRole('button', { name: 'Add closure day' }).click();
  assert.equal(await page.getByTestId('closure-days').locator('li').count(), before);
  await group.getByLabel('Month').fill('3');
  assert.ok(await group.getByText(/must be a real date|Enter the date/).isHidden());
  await page.getByRole('button', { name: 'Add closure day' }).click();
  await page.getByTestId('closure-days').filter({ hasText: 'Wednesday 31 March 2027' }).waitFor();
  // A month written as a word is read too, and a partial date says which box is missing.
  await group.getByLabel('Day').fill('4');
  await group.getByLabel('Month').fill('');
  await page.getByLabel('Reason (optional)').focus();
  await group.getByText('Date must include a month').waitFor();
  // A year a saved project could not hold is refused at the box, so autosave never holds it.
  await group.getByLabel('Month').fill('1');
  await group.getByLabel('Year').fill('3026');
  await page.getByLabel('Reason (optional)').focus();
  await group.getByText('Date must be between 2000 and 2100').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Remove takes one row, says so with Undo, and leaves focus where a second Enter removes nothing', async () => {
  const { page, context, errors } = await openApp(app, { hash: '#/partnership' });
  const rows = page.getByTestId('partners').locator('tbody tr');
  const before = await rows.count();
  const first = await rows.first().locator('input[type=text]').inputValue();
  await rows.first().getByRole('button', { name: /^Remove/ }).focus();
  await page.keyboard.press('Enter');
  const notice = page.getByTestId('notice');
  await notice.filter({ hasText: `Removed the partner “${first}”.` }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'app-notice');
  await page.keyboard.press('Enter');
  assert.equal(await rows.count(), before - 1);
  await notice.getByRole('button', { name: 'Undo' }).click();
  await rows.nth(before - 1).waitFor();
  assert.equal(await rows.first().locator('input[type=text]').inputValue(), first);
  assert.deepEqual(errors, []);
  await context.close();
});

test('adding a partner with no name shows a focused error summary and keeps the page', async () => {
  const { page, context } = await openApp(app, { hash: '#/partnership' });
  const before = await page.getByTestId('partners').locator('tbody tr').count();
  await page.getByRole('button', { name: 'Add partner' }).click();
  const summary = page.getByTestId('error-summary');
  assert.match(await summary.textContent(), /Enter the partner's name/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'error-summary');
  await summary.getByRole('link').click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'new-partner-name');
  assert.equal(await page.getByTestId('partners').locator('tbody tr').count(), before);
  await context.close();
});

test('save then open round-trips the whole project', async () => {
  const { page, context } = await openApp(app, { hash: '#/partnership' });
  await page.getByLabel('Local area name').fill('Round Trip Area');
  await page.getByRole('link', { name: 'Tasks' }).click();
  await heading(page).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save project' }).click()]);
  assert.match(download.suggestedFilename(), /^round-trip-area-send-project-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(saved.format, 'area-send-project');
  assert.equal(saved.project.area_name, 'Round Trip Area');
  assert.equal(saved.project.partners.length, 7);

  await page.getByRole('button', { name: 'Start a new project' }).click();
  assert.equal(await page.getByTestId('area-name').textContent(), 'Unnamed local area');
  await page.locator('#open-project').setInputFiles(await download.path());
  await page.getByTestId('notice').filter({ hasText: 'Opened' }).waitFor();
  assert.equal(await page.getByTestId('area-name').textContent(), 'Round Trip Area');

  const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save project' }).click()]);
  const resaved = JSON.parse(await readFile(await again.path(), 'utf8'));
  assert.deepEqual(resaved.project, saved.project);
  await context.close();
});

test('a corrupt project file is rejected with a clear message and the work is kept', async () => {
  const { page, context } = await openApp(app);
  await page.getByRole('button', { name: 'Start a new project' }).click();
  await page.getByRole('link', { name: 'Partnership', exact: true }).click();
  await page.getByLabel('Local area name').fill('Precious Work');
  await page.getByRole('link', { name: 'Tasks' }).click();

  const truncated = Buffer.from('{"format": "area-send-project", "format_version": 1, "project": {"area_na');
  await page.locator('#open-project').setInputFiles({ name: 'cut-off.json', mimeType: 'application/json', buffer: truncated });
  const summary = page.getByTestId('error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /cut-off\.json.*could not be opened.*ends too early/s);
  assert.match(await summary.textContent(), /Your current project has not been changed/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'error-summary');
  assert.equal(await page.getByTestId('area-name').textContent(), 'Precious Work');

  const pdf = Buffer.from('%PDF-1.7 not a project');
  await page.locator('#open-project').setInputFiles({ name: 'report.json', mimeType: 'application/json', buffer: pdf });
  await page.getByTestId('error-summary').filter({ hasText: 'report.json' }).waitFor();
  assert.match(await page.getByTestId('error-summary').textContent(), /looks like a PDF/);

  const newer = Buffer.from(JSON.stringify({ format: 'area-send-project', format_version: 99, project: {} }));
  await page.locator('#open-project').setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: newer });
  await page.getByTestId('error-summary').filter({ hasText: 'future.json' }).waitFor();
  assert.match(await page.getByTestId('error-summary').textContent(), /newer version of the app \(file format 99/);

  await page.reload();
  await heading(page).waitFor();
  assert.equal(await page.getByTestId('area-name').textContent(), 'Precious Work');
  await context.close();
});

test('browser back and forward move between pages', async () => {
  const { page, context } = await openApp(app);
  await page.getByRole('link', { name: 'Set up your partnership' }).click();
  assert.equal(await heading(page).textContent(), 'Set up your partnership');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Annex A' }).click();
  assert.equal(await heading(page).textContent(), 'Annex A readiness');
  await page.goBack();
  await heading(page).filter({ hasText: 'Set up your partnership' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading');
  await page.goBack();
  await heading(page).filter({ hasText: 'Prepare for your area SEND inspection' }).waitFor();
  await page.goForward();
  await heading(page).filter({ hasText: 'Set up your partnership' }).waitFor();
  assert.match(page.url(), /#\/partnership$/);
  await page.goto(app.server.url + '#/no-such-page');
  await heading(page).filter({ hasText: 'Page not found' }).waitFor();
  await context.close();
});

test('deadlines are computed from the notification and report dates', async () => {
  const { page, context } = await openApp(app, { hash: '#/annex-a' });
  await fillDate(page, 'Notification date', '2026-12-21');
  const rows = page.getByTestId('timeline').locator('tbody tr');
  await rows.first().waitFor();
  // Mon 21 Dec 2026: lists due the next working day at 11am; week-1 information skips
  // Christmas, the Boxing Day substitute and the example's closure days (29–31 Dec).
  assert.match(await rows.first().textContent(), /Tuesday 22 December 2026, 11am.*Person-level lists/);
  assert.match(await page.getByTestId('timeline').textContent(), /Monday 4 January 2027, 5pm.*tracked children's information/);

  await page.getByRole('link', { name: 'Plan update' }).click();
  await fillDate(page, 'Date the final report was received', '2026-03-02');
  await page.getByTestId('plan-deadlines').filter({ hasText: 'Wednesday 22 April 2026' }).waitFor();
  await context.close();
});

test('when browser storage fails the user is told, not left guessing', async () => {
  const breakStorage = () => {
    Storage.prototype.setItem = function () {
      throw new DOMException('full', 'QuotaExceededError');
    };
  };
  const { page, context } = await openApp(app, { init: [breakStorage] });
  const warning = page.getByTestId('storage-warning');
  await warning.waitFor();
  assert.match(await warning.textContent(), /not being saved.*browser storage is full.*Save project/s);
  await context.close();
});

test('privacy: the CSP forbids connections and using the app makes no request off its origin', async () => {
  const { page, context, requests } = await openApp(app);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /default-src 'none'/);
  // Use every page, save and open a file.
  for (const name of ['Partnership', 'Self-evaluation', 'Annex A', 'Plan update', 'Your data', 'Tasks']) {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();
    await heading(page).waitFor();
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save project' }).click()]);
  await page.locator('#open-project').setInputFiles(await download.path());
  await page.getByTestId('notice').filter({ hasText: 'Opened' }).waitFor();
  // Load and check spreadsheets in the worker, and export the findings.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Annex A', exact: true }).click();
  await page.getByRole('button', { name: 'Use the fictional example workbook' }).click();
  await page.getByRole('button', { name: 'Check these files' }).click();
  await page.getByTestId('results').waitFor();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Findings (CSV)' }).click()]);
  // The app's own code could not reach another server even if it tried.
  const blocked = await page.evaluate(async (url) => {
    const violation = new Promise((ok) => document.addEventListener('securitypolicyviolation', (e) => ok(e.violatedDirective), { once: true }));
    let fetched = true;
    try { await fetch(url); } catch { fetched = false; }
    return { fetched, directive: await violation };
  }, other.url + 'probe');
  assert.deepEqual(blocked, { fetched: false, directive: 'connect-src' });
  // The Annex A worker starts from a blob: URL, so it inherits the page's policy: a worker
  // started the same way cannot connect either.
  assert.match(await page.evaluate(() => window.areaSendWorkerUrl), /^blob:/);
  const fromWorker = await page.evaluate(async (url) => {
    const source = `fetch(${JSON.stringify(url)}).then(() => postMessage('fetched'), () => postMessage('blocked'));`;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: 'module' });
    return new Promise((ok) => { worker.onmessage = (e) => ok(e.data); });
  }, other.url + 'probe-worker');
  assert.equal(fromWorker, 'blocked');
  assert.deepEqual(foreignRequests(requests, app.server), []);
  assert.ok(!other.hits.includes('/probe') && !other.hits.includes('/probe-worker'), 'the other origin saw no request');
  await context.close();
});

test('accessibility: every page has no WCAG 2.2 A/AA violations (axe-core)', async () => {
  const { page, context } = await openApp(app);
  const pages = ['#/', '#/partnership', '#/framework', '#/self-evaluation', '#/annex-a', '#/plan', '#/review', '#/your-data', '#/accessibility', '#/nowhere'];
  const found = {};
  for (const hash of pages) {
    await page.goto(app.server.url + hash);
    await heading(page).waitFor();
    const violations = await axeViolations(page);
    if (violations.length) found[hash] = violations;
  }
  // States with extra content: an error summary and a computed timeline.
  await page.goto(app.server.url + '#/partnership');
  await page.getByRole('button', { name: 'Add partner' }).click();
  await page.getByTestId('error-summary').waitFor();
  const errorState = await axeViolations(page);
  if (errorState.length) found['partnership with error'] = errorState;
  await page.goto(app.server.url + '#/annex-a');
  await page.getByRole('button', { name: /What if we were notified next Monday/ }).click();
  await page.getByTestId('timeline').waitFor();
  const timelineState = await axeViolations(page);
  if (timelineState.length) found['annex-a with timeline'] = timelineState;
  assert.deepEqual(found, {});
  await context.close();
});

test('keyboard: the skip link is first and moves focus to the main content', async () => {
  const { page, context } = await openApp(app);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content');
  assert.match(page.url(), /#\/$/, 'the skip link does not change the route');
  await context.close();
});

test('a crash shows the recovery message, takes focus, and loses no typed work', async () => {
  const { page, context } = await openApp(app, { hash: '#/partnership' });
  await page.getByLabel('Local area name').fill('Typed Before The Crash');
  await page.evaluate(() => window.dispatchEvent(new Event('area-send-simulate-crash')));
  const message = page.locator('#app-crashed');
  await message.waitFor();
  assert.match(await message.innerText(), /Everything up to your last change is saved in this browser/);
  assert.ok(await page.evaluate(() => document.activeElement?.id === 'app-crashed'), 'the message has focus');
  // The reload opens "Your data", not the page that crashed (which might crash again).
  await page.reload();
  await heading(page).waitFor();
  assert.equal(await heading(page).innerText(), 'Your data and privacy');
  assert.match(await page.getByTestId('notice').innerText(), /stopped unexpectedly last time, on the \u201cSet up your partnership\u201d page/);
  assert.ok(await page.locator('#app-crashed').isHidden());
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Partnership' }).click();
  await heading(page).waitFor();
  assert.equal(await page.getByLabel('Local area name').inputValue(), 'Typed Before The Crash');
  await context.close();
});

test('a browser that cannot run the app says so in plain words', async () => {
  const context = await app.browser.newContext();
  // As an old browser without WebAssembly SIMD would: the module does not compile.
  await context.addInitScript(() => { WebAssembly.instantiate = () => Promise.reject(new Error('unsupported')); });
  const page = await context.newPage();
  await page.goto(app.server.url);
  const message = page.locator('#app-unsupported');
  await message.waitFor();
  assert.match(await message.innerText(), /This browser cannot run the app/);
  assert.match(await message.innerText(), /current version of Microsoft Edge, Google Chrome, Mozilla Firefox or\s+Safari \(16\.4 or later\)/);
  await context.close();
});

test('offline: after the first visit the app loads and works with the network cut', async () => {
  const { page, context, errors } = await openApp(app);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
  await context.setOffline(true);
  await page.reload();
  await heading(page).filter({ hasText: 'Prepare for your area SEND inspection' }).waitFor();
  await page.getByRole('link', { name: 'Set up your partnership' }).click();
  await page.getByLabel('Local area name').fill('Offline Area');
  await page.reload();
  assert.equal(await page.getByLabel('Local area name').inputValue(), 'Offline Area');
  assert.deepEqual(errors, []);
  await context.close();
});

/** Presses Tab until the focused element matches `selector` (as a keyboard user would). */
async function tabTo(page, selector, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('keyboard only: reach the partnership page, add a partner, with focus always visible', async () => {
  const { page, context } = await openApp(app);
  await tabTo(page, 'a.app-task-list__link[href$="#/partnership"]');
  await page.keyboard.press('Enter');
  await heading(page).filter({ hasText: 'Set up your partnership' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading', 'focus moves to the new page');
  await tabTo(page, '#new-partner-name');
  const focusStyle = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { outline: s.outlineStyle, shadow: s.boxShadow };
  });
  assert.ok(focusStyle.outline !== 'none' || focusStyle.shadow !== 'none', 'the focused field is visibly marked');
  await page.keyboard.type('Keyboard Users Group');
  await page.keyboard.press('Enter');
  await page.getByTestId('partners').locator('input[type=text]').last().waitFor();
  const names = await page.getByTestId('partners').locator('input[type=text]').evaluateAll((els) => els.map((e) => e.value));
  assert.ok(names.includes('Keyboard Users Group'));
  await context.close();
});

test('text at 200% reflows without sideways scrolling', async () => {
  const { page, context } = await openApp(app);
  const found = {};
  for (const hash of ['#/', '#/partnership', '#/self-evaluation', '#/annex-a', '#/plan']) {
    await page.goto(app.server.url + hash);
    await heading(page).waitFor();
    // CSSOM changes are not inline markup, so the page's CSP allows them.
    const overflow = await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
      return document.documentElement.scrollWidth - document.documentElement.clientWidth;
    });
    if (overflow > 0) found[hash] = overflow;
  }
  assert.deepEqual(found, {});
  await context.close();
});
