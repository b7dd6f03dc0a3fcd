// Every page rendered from generated hostile project files: the texts a partner's file can hold
// (case-changing letters, combining marks, bidi overrides, noncharacters, markup, empty and very
// long strings, glossary words inside names) put in every free-text field of the example, then
// each page opened in a time limit, with no page error, nothing refused and no request sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, openApp, heading, download, foreignRequests, plantAutosave, recordPage } from './harness.mjs';

const app = appUnderTest();

// The fields a person types into; ids, dates and codes keep the example's values so the file
// still passes validation and the pages have something to render.
const FREE_TEXT = new Set([
  'text', 'done', 'to_develop', 'name', 'note', 'title', 'owner', 'location', 'comment', 'recommendation',
  'what', 'lead', 'for_families', 'label', 'baseline', 'target', 'actual', 'area_name', 'strategy', 'involvement',
]);

const WORD = 'İstanbul ﬁne Straße SENDco EHCPs ';
const PIECES = [
  'İİİ İ̇ ǅ ẞ', // lower case longer in bytes than upper, titlecase, capital sharp s
  'e\u0301\u0301\u0301 a\u0308\u0323', // stacked combining marks
  '\u202Eright to left\u202C \u2066isolate\u2069 \u200F', // bidi overrides and marks
  '\uFFFE\uFFFF \uFDD0 \u0001\u0008\u001F \u007F', // noncharacters and controls
  '<script>alert(1)</script> <img src=x onerror=alert(1)> &amp; ]]> --> "\'',
  '=1+1 ;=2 ＝3 @SUM(A1) +44 -1',
  '👩🏽‍🦽 👨‍👩‍👧 🏳️‍🌈 \u{1F9D1}\u{200D}\u{1F4BB}',
  '', ' ', '\n\n\n', 'SEND', 'ASD', 'a\tb\r\nc',
  WORD.repeat(5_000 / 5), // a 5,000-word entry
];

// A small seeded generator, so a failing case can be replayed from its number.
function generator(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hostile(text, seed) {
  const random = generator(seed);
  const pick = () => PIECES[Math.floor(random() * PIECES.length)];
  const project = JSON.parse(text);
  const walk = (value, key) => {
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    if (typeof value === 'string' && FREE_TEXT.has(key)) return random() < 0.5 ? pick() + value + pick() : pick();
    return value;
  };
  const out = walk(project, null);
  // Glossary terms that sit inside names and other terms, and one as long as a term may be.
  out.project.plan.glossary = ['İ', 'SEND', 'SENDco', 'ASD', 'x'.repeat(200), 'e\u0301'].map((term) => ({
    term, expansion: pick(), plain: pick(),
  }));
  return JSON.stringify(out);
}

const ROUTES = [
  '#/', '#/partnership', '#/framework', '#/self-evaluation', '#/self-evaluation/A1', '#/self-evaluation/C1',
  '#/evidence', '#/co-production', '#/annex-a', '#/plan', '#/review', '#/your-data', '#/accessibility',
];
const PER_PAGE_MS = 10_000;

test('hostile project texts: every page renders in its time limit, with nothing refused, no error and no request', async () => {
  const { page: first, context: start } = await openApp(app, { hash: '#/' });
  const saved = await download(first, 'Save project');
  const example = await (await import('node:fs/promises')).readFile(await saved.path(), 'utf8');
  await start.close();
  assert.ok(JSON.parse(example).project, 'the saved project has a project');

  const cases = Number(process.env.HOSTILE_CASES || 4);
  for (let seed = 1; seed <= cases; seed++) {
    const text = hostile(example, seed);
    const context = await app.browser.newContext();
    const plant = plantAutosave(text);
    await context.addInitScript(plant.script, plant.arg);
    const page = await context.newPage();
    const { errors, requests } = recordPage(page);
    // Each action's own delivery page too (status, milestones, progress log, measures).
    const actionRoutes = JSON.parse(text).project.plan.actions.map((a) => `#/plan/actions/${encodeURIComponent(a.id)}`);
    assert.ok(actionRoutes.length > 0, 'the example has actions to visit');
    for (const route of [...ROUTES, ...actionRoutes]) {
      const started = Date.now();
      await page.goto(app.server.url + route);
      await heading(page).waitFor({ timeout: PER_PAGE_MS }).catch(() => {
        throw new Error(`case ${seed}: ${route} did not render within ${PER_PAGE_MS} ms`);
      });
      const took = Date.now() - started;
      assert.ok(took < PER_PAGE_MS, `case ${seed}: ${route} took ${took} ms`);
      assert.equal(await page.getByTestId('storage-warning').count(), 0, `case ${seed}: the planted project was refused`);
      assert.deepEqual(errors, [], `case ${seed}: ${route}`);
    }
    // The planted project is the one shown, not the example.
    await page.goto(app.server.url + '#/partnership');
    await heading(page).waitFor();
    assert.equal(await page.getByLabel('Local area name').inputValue(), JSON.parse(text).project.area_name.replace(/[\r\n]/g, ''), `case ${seed}`);
    assert.deepEqual(foreignRequests(requests, app.server), [], `case ${seed}`);
    await context.close();
  }
});
