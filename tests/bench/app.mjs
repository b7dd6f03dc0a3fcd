// App-level budgets, in one run: total compressed size of the served release build, time to
// interactive on localhost, autosave latency on a large project (500 evidence items, 200
// actions) against the built-in example (the baseline), and, given THREE_YEAR_PLAN (a project
// file kept by `cargo bench --bench delivery`), drawing the plan page and making the board
// update for that three-year plan against the example. Figures only: nothing fails on time.
import { access, readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launch, serveStatic, distDir } from '../e2e/harness.mjs';
import { record } from './history.mjs';

const SINGLE_FILE = 'area-send-single-file.html'; // for opening from disk; never served
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log('App budgets (release build, headless Chromium, localhost):');
let gzipTotal = 0;
for (const name of await readdir(distDir)) {
  if (name !== SINGLE_FILE) gzipTotal += gzipSync(await readFile(join(distDir, name)), { level: 9 }).length;
}
await record('total compressed assets (gzip -9, served files)', gzipTotal, 'B', '<= 1000000');

const server = await serveStatic(distDir);
const browser = await launch();

// Records when the first page heading appears, and when each autosave write finishes.
const instrument = () => {
  window.__bench = { heading: null, writes: [] };
  new MutationObserver((_, observer) => {
    if (document.querySelector('#page-heading')) {
      window.__bench.heading = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
  // When each download's Blob URL is made (the file is ready), for the board update's figure.
  const objectUrl = URL.createObjectURL;
  window.__bench.blobs = [];
  URL.createObjectURL = function (blob) {
    window.__bench.blobs.push(performance.now());
    return objectUrl.call(this, blob);
  };
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    setItem.call(this, key, value);
    window.__bench.writes.push({ at: performance.now(), value });
  };
};

async function coldLoad() {
  const context = await browser.newContext();
  await context.addInitScript(instrument);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.locator('#page-heading').waitFor();
  const at = await page.evaluate(() => window.__bench.heading);
  return { context, page, at };
}

const cold = [];
for (let i = 0; i < 5; i++) {
  const { context, at } = await coldLoad();
  cold.push(at);
  await context.close();
}
await record('time to interactive, first visit (median of 5)', Math.round(median(cold)), 'ms', '<= 2000');

/** Opens `project` (a project file's JSON) and times edits of the area name until autosaved. */
async function autosaveLatency(project) {
  const { context, page } = await coldLoad();
  if (project) {
    await page.locator('#open-project').setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
    await page.getByTestId('notice').filter({ hasText: 'Opened' }).waitFor();
  }
  await page.goto(server.url + '#/partnership');
  await page.getByLabel('Local area name').waitFor();
  const times = [];
  for (let i = 0; i < 7; i++) {
    times.push(await page.evaluate(async (marker) => {
      const input = document.querySelector('#area-name');
      const start = performance.now();
      input.value = marker;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      for (;;) {
        const hit = window.__bench.writes.find((w) => w.at >= start && w.value.includes(marker));
        if (hit) return { latency: hit.at - start, bytes: hit.value.length };
        await new Promise((ok) => setTimeout(ok, 0));
      }
    }, `Bench area ${i}`));
  }
  await context.close();
  return { ms: median(times.map((t) => t.latency)), bytes: times[0].bytes };
}

// The large project: the example with its evidence and actions copied up to 500 and 200.
const example = await (async () => {
  const { context, page } = await coldLoad();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save project' }).click()]);
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  await context.close();
  return json;
})();
const large = structuredClone(example);
large.project.is_example = false;
const evidence = Object.values(large.project.sef.evidence);
for (let i = Object.keys(large.project.sef.evidence).length; i < 500; i++) {
  const copy = structuredClone(evidence[i % evidence.length]);
  copy.forEach((v) => { v.rev = `bench-rev-e${i}`; v.value.title = `${v.value.title} (copy ${i})`; });
  large.project.sef.evidence[`bench-evidence-${i}`] = copy;
}
const actions = large.project.plan.actions;
for (let i = actions.length; i < 200; i++) {
  actions.push({ ...structuredClone(actions[i % 4]), id: `bench-action-${i}` });
}

const small = await autosaveLatency(null);
const big = await autosaveLatency(large);
await record('autosave latency, built-in example (baseline; median of 7)', Number(small.ms.toFixed(1)), 'ms');
await record('autosave latency, 500 evidence items + 200 actions (median of 7)', Number(big.ms.toFixed(1)), 'ms', '<= 100');
await record('ratio large / example autosave', Number((big.ms / small.ms).toFixed(2)), 'x');
console.log(`  (project file sizes: example ${small.bytes.toLocaleString('en-GB')} B, large ${big.bytes.toLocaleString('en-GB')} B)`);
/**
 * Opens `project` (JSON text; the example when null) and times, median of 5 each: from the hash
 * change to the plan page drawn (its last section in the document, then two frames so layout and
 * paint count), and from clicking "Board update (web page)" to the file being ready.
 */
async function planFigures(text) {
  const { context, page } = await coldLoad();
  if (text) {
    await page.locator('#open-project').setInputFiles({ name: 'three-year.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.getByTestId('notice').filter({ hasText: 'Opened' }).waitFor({ timeout: 60_000 });
  }
  const draws = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(server.url + '#/partnership');
    await page.getByLabel('Local area name').waitFor();
    draws.push(await page.evaluate(async () => {
      const start = performance.now();
      location.hash = '#/plan';
      while (!document.querySelector('[data-testid="family-review"]')) await new Promise((ok) => setTimeout(ok, 0));
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
      return performance.now() - start;
    }));
  }
  // One area's every action, asked for with "Show all" (the card shows ten until then).
  const showAll = page.getByRole('button', { name: /^Show all [\d,]+ actions for / }).first();
  const all = (await showAll.count()) ? await showAll.evaluate(async (button) => {
    const card = button.closest('[data-testid="recommendation"]');
    const start = performance.now();
    button.click();
    while (card.querySelectorAll('[data-testid="action"]').length <= 10) await new Promise((ok) => setTimeout(ok, 0));
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    return { ms: performance.now() - start, actions: card.querySelectorAll('[data-testid="action"]').length };
  }) : null;
  const board = page.getByTestId('board-update');
  await board.getByRole('group', { name: 'As at', exact: true }).getByLabel('Day').fill('28');
  await board.getByRole('group', { name: 'As at', exact: true }).getByLabel('Month').fill('11');
  await board.getByRole('group', { name: 'As at', exact: true }).getByLabel('Year').fill('2029');
  const button = page.getByRole('button', { name: 'Board update (web page)' });
  await button.waitFor();
  const makes = [];
  for (let i = 0; i < 5; i++) {
    const [download, ms] = await Promise.all([
      page.waitForEvent('download'),
      button.evaluate(async (element) => {
        const before = window.__bench.blobs.length;
        const start = performance.now();
        element.click();
        while (window.__bench.blobs.length === before) await new Promise((ok) => setTimeout(ok, 0));
        return window.__bench.blobs[before] - start;
      }),
    ]);
    await download.delete();
    makes.push(ms);
  }
  await context.close();
  return { draw: median(draws), board: median(makes), all };
}

const threeYear = process.env.THREE_YEAR_PLAN;
if (threeYear && (await access(threeYear).then(() => true, () => false))) {
  const base = await planFigures(null);
  const scaled = await planFigures(await readFile(threeYear, 'utf8'));
  await record('plan page drawn, built-in example (baseline; median of 5)', Number(base.draw.toFixed(1)), 'ms');
  await record('plan page drawn, three-year plan (300 actions; median of 5)', Number(scaled.draw.toFixed(1)), 'ms', '<= 300');
  await record('board update (web page) made, built-in example (baseline; median of 5)', Number(base.board.toFixed(1)), 'ms');
  await record('board update (web page) made, three-year plan (median of 5)', Number(scaled.board.toFixed(1)), 'ms', '<= 300');
  if (scaled.all) await record(`"Show all": one area's ${scaled.all.actions} actions drawn, three-year plan (once)`, Number(scaled.all.ms.toFixed(1)), 'ms');
  await record('ratio three-year / example plan page', Number((scaled.draw / base.draw).toFixed(2)), 'x');
  await record('ratio three-year / example board update', Number((scaled.board / base.board).toFixed(2)), 'x');
} else {
  console.log('  (plan page and board update at scale skipped: set THREE_YEAR_PLAN to a kept three-year project)');
}
await browser.close();
await server.close();
