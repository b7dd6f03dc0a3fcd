// Every page on a 375 × 812 phone screen with the fictional example: nothing scrolls sideways
// (a wide table scrolls inside its own labelled region, never the page), and axe passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, axeViolations, appUnderTest, foreignRequests, heading, PHONE, noSidewaysScroll } from './harness.mjs';

const app = appUnderTest();

const ROUTES = [
  '#/', '#/partnership', '#/framework', '#/self-evaluation', '#/self-evaluation/A1', '#/self-evaluation/C1',
  '#/evidence', '#/co-production', '#/annex-a', '#/plan', '#/plan/actions/example-action-1', '#/review',
  '#/your-data', '#/accessibility',
];

test('every page fits a phone screen: no sideways scroll, no accessibility violation, no request', async () => {
  const { page, context, requests } = await openApp(app, { hash: '#/', viewport: PHONE });
  const wide = [];
  for (const route of ROUTES) {
    await page.goto(app.server.url + route);
    await heading(page).waitFor();
    if (!(await noSidewaysScroll(page))) wide.push(route);
    assert.deepEqual(await axeViolations(page), [], route);
  }
  assert.deepEqual(wide, [], 'pages wider than the phone');
  assert.deepEqual(foreignRequests(requests, app.server), []);
  await context.close();
});
