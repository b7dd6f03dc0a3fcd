// Every page on a 375 × 812 phone screen with the fictional example: nothing scrolls sideways,
// no table is wider than the screen or needs a sideways-scrolling region of its own (each row
// reads as a card, its cells labelled by their column), and axe passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, axeViolations, appUnderTest, foreignRequests, heading, PHONE, noSidewaysScroll } from './harness.mjs';

const app = appUnderTest();

const ROUTES = [
  '#/', '#/partnership', '#/framework', '#/self-evaluation', '#/self-evaluation/A1', '#/self-evaluation/C1',
  '#/evidence', '#/co-production', '#/annex-a', '#/plan', '#/plan/actions/example-action-1', '#/review',
  '#/your-data', '#/accessibility',
];

/** Tables on screen that are wider than the page, or that scroll inside their own region. */
const wideTables = (page) => page.evaluate(() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => el.getAttribute('data-testid') || el.getAttribute('aria-label') || el.querySelector('caption')?.textContent;
  const wide = [];
  for (const table of document.querySelectorAll('table')) {
    const box = table.getBoundingClientRect();
    if (box.width === 0) continue; // not shown (a closed details, say)
    if (box.left < -0.5 || box.right > width + 0.5 || table.scrollWidth > table.clientWidth + 1) wide.push(`table ${name(table)}`);
  }
  for (const region of document.querySelectorAll('.app-table-wrap')) {
    if (region.scrollWidth > region.clientWidth + 1) wide.push(`scrolls sideways: ${name(region)}`);
  }
  return wide;
});

/** A stacked row: its cells one under another, each cell's column label shown before it. */
const stackedRow = (row) => row.evaluate((tr) => {
  const cells = [...tr.querySelectorAll('th, td')];
  const tops = cells.map((c) => c.getBoundingClientRect().top);
  return {
    stacked: tops.every((top, i) => i === 0 || top > tops[i - 1]),
    heading: cells[0].tagName === 'TH' ? cells[0].textContent : null,
    labels: cells.slice(1).map((c) => getComputedStyle(c, '::before').content),
  };
});

test('every page fits a phone screen: no sideways scroll, no wide table, no accessibility violation, no request', async () => {
  const { page, context, requests, errors } = await openApp(app, { hash: '#/', viewport: PHONE });
  const wide = [];
  const tables = [];
  const check = async (where) => {
    if (!(await noSidewaysScroll(page))) wide.push(where);
    tables.push(...(await wideTables(page)).map((t) => `${where}: ${t}`));
    assert.deepEqual(await axeViolations(page), [], where);
  };
  for (const route of ROUTES) {
    await page.goto(app.server.url + route);
    await heading(page).waitFor();
    await check(route);
  }
  // The Annex A page's other tables: the deadlines, and a check's lists found and findings by cause.
  await page.goto(app.server.url + '#/annex-a');
  await heading(page).waitFor();
  await page.getByRole('button', { name: 'What if we were notified next Monday?' }).click();
  await page.getByTestId('timeline').waitFor();
  await page.getByRole('button', { name: 'Use the fictional example workbook' }).click();
  await page.getByTestId('chosen-files').getByText(/^fictional-example-lists\.xlsx /).waitFor();
  await page.getByRole('button', { name: 'Check these files' }).click();
  await page.getByTestId('cause-group').first().waitFor();
  await check('#/annex-a with a check');
  assert.deepEqual(wide, [], 'pages wider than the phone');
  assert.deepEqual(tables, [], 'tables wider than the phone or scrolling sideways');
  assert.deepEqual(foreignRequests(requests, app.server), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone the co-production matrix and the documents checklist read row by row, each value labelled', async () => {
  const { page, context, errors } = await openApp(app, { hash: '#/co-production', viewport: PHONE });
  // Per criterion: each partner with their count, in words, not a grid to read across.
  const row = page.getByTestId('matrix').locator('tbody tr', { hasText: 'C1' });
  const matrix = await stackedRow(row);
  assert.ok(matrix.stacked, 'the cells are one under another');
  assert.equal(matrix.heading, 'C1');
  const columns = await page.getByTestId('matrix').locator('thead th').allTextContents();
  assert.deepEqual(matrix.labels, columns.slice(1).map((c) => `"${c}: "`), 'each cell labelled by its column');
  assert.ok(matrix.labels.includes('"Northdale Parent Carer Forum: "'), matrix.labels.join());
  assert.match(await row.textContent(), /No children and young people's input/);

  await page.goto(app.server.url + '#/annex-a');
  await heading(page).waitFor();
  const item = page.getByTestId('documents').locator('tbody tr').first();
  const documents = await item.evaluate((tr) => {
    const [head, ...cells] = [...tr.children];
    return {
      headingFirst: cells.every((c) => c.getBoundingClientRect().top >= head.getBoundingClientRect().bottom),
      // Each field's label is shown on screen with it, not only in a hidden header row.
      labels: cells.map((c) => {
        const label = c.querySelector('label');
        const box = label.getBoundingClientRect();
        return box.width > 1 && box.height > 1 ? label.firstChild.textContent : null;
      }),
    };
  });
  assert.ok(documents.headingFirst, 'the item comes first, its fields under it');
  assert.deepEqual(documents.labels, ['Status', 'Owner', 'File name', 'Date', 'Note']);
  assert.deepEqual(errors, []);
  await context.close();
});
