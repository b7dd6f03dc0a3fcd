// Annex A in the browser against native, in one run: figures only, never pass/fail on time.
// Runs the native benchmark (which generates a fictional 100,000-row List 1 and keeps it), then
// loads the same file in the built app through its worker, measures the longest main-thread
// task and the browser's memory, and times SheetJS parsing the same file in the same browser.
import { spawnSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { execSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { launch, serveStatic, distDir } from '../e2e/harness.mjs';

const require = createRequire(import.meta.url);
const file = join(tmpdir(), `annex-a-browser-bench-${process.pid}.xlsx`);

const native = spawnSync('cargo', ['bench', '--offline', '--bench', 'annex_a'], {
  env: { ...process.env, ANNEX_A_BENCH_KEEP: file }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
});
process.stdout.write(native.stdout);
const figure = (label) => Number((native.stdout.match(new RegExp(`${label}:\\s+([0-9.]+) s`)) || [])[1]);
const nativeParse = figure('native calamine parse alone \\(baseline\\)');
const nativeCheck = figure('native load \\+ check');

/** Total resident memory of every Chromium process (only the benchmark's is running), in MB. */
function browserRssMb() {
  try {
    const pids = execSync('pgrep chromium || true', { encoding: 'utf8' }).split(/\s+/).filter(Boolean);
    let kb = 0;
    for (const p of pids) {
      const status = execSync(`cat /proc/${p}/status 2>/dev/null || true`, { encoding: 'utf8' });
      kb += Number((status.match(/VmRSS:\s+(\d+)/) || [0, 0])[1]);
    }
    return kb / 1024;
  } catch {
    return NaN;
  }
}

const server = await serveStatic(distDir);
const browser = await launch();
const bytes = await readFile(file);

// Ours: load + check through the worker, timed from the click to the results on screen.
const runs = [];
let longest = 0;
let peak = 0;
for (let i = 0; i < 3; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '#/annex-a');
  await page.locator('#page-heading').waitFor();
  await page.locator('#annex-files').setInputFiles({ name: 'list1.xlsx', mimeType: 'application/octet-stream', buffer: bytes });
  await page.getByRole('button', { name: 'Check these files' }).waitFor();
  await page.evaluate(() => {
    // Timestamps of each progress message the worker sends, to show where the time goes.
    window.__steps = [];
    new MutationObserver(() => {
      const label = document.querySelector('[data-testid="progress"] label');
      const text = label ? label.textContent : null;
      const last = window.__steps[window.__steps.length - 1];
      if (text && (!last || last.text !== text)) window.__steps.push({ text, at: performance.now() });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const base = browserRssMb();
  const sampler = setInterval(() => { peak = Math.max(peak, browserRssMb() - base); }, 200);
  const clicked = await page.evaluate(() => performance.now());
  const start = performance.now();
  await page.getByRole('button', { name: 'Check these files' }).click();
  await page.getByTestId('results').waitFor({ timeout: 300000 });
  runs.push((performance.now() - start) / 1000);
  const { steps, finished } = await page.evaluate(() => ({ steps: window.__steps, finished: performance.now() }));
  const marks = [...steps, { text: 'results on screen', at: finished }];
  console.log(`  run ${i + 1}: ` + marks.map((m, j) => `${((m.at - (j ? marks[j - 1].at : clicked)) / 1000).toFixed(3)} s to "${m.text}"`).join(', '));
  clearInterval(sampler);
  longest = Math.max(longest, await page.evaluate(() => window.__longest));
  await context.close();
}
const ours = Math.min(...runs);

// SheetJS parsing the same bytes in the same browser (a blank page, so our CSP does not apply).
const page = await browser.newPage();
await page.addScriptTag({ path: require.resolve('xlsx/dist/xlsx.full.min.js') });
const sheetjs = await page.evaluate(async (b64) => {
  const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    window.XLSX.read(data, { type: 'array', dense: true });
    best = Math.min(best, performance.now() - t);
  }
  return best / 1000;
}, bytes.toString('base64'));
await browser.close();
await server.close();
await rm(file, { force: true });

const line = (label, value, goal = '') => console.log(`  ${label.padEnd(52)} ${value}${goal ? `   (${goal})` : ''}`);
console.log('Annex A in the browser (release build, headless Chromium, worker):');
line('browser load + check, best of 3', `${ours.toFixed(3)} s`);
line('native calamine parse alone (baseline, same run)', `${nativeParse.toFixed(3)} s`);
line('native load + check (same run)', `${nativeCheck.toFixed(3)} s`);
line('ratio browser load+check / native parse', (ours / nativeParse).toFixed(2), 'goal <= 1.25');
line('SheetJS 0.18.5 parse alone, same browser', `${sheetjs.toFixed(3)} s`);
line('ratio SheetJS parse / our load+check', (sheetjs / ours).toFixed(2), 'goal >= 4');
line('longest main-thread task during the load', `${longest.toFixed(0)} ms`, 'goal < 100 ms');
line('peak extra browser memory during the load', `${peak.toFixed(0)} MB`);
