// Compares the first Annex A check of two release builds, interleaved, on fresh pages: the
// development machine drifts by a third over minutes, so one-after-the-other runs mislead.
//
//   node tests/bench/ab.mjs DIST_A DIST_B WORKBOOK.xlsx [RUNS]
//
// Each run opens the built app, calls its worker entry point on the page itself and times the
// phases from the progress messages: opening (shared strings and the first 10,000 rows), the
// remaining rows, and the checks. Prints the median of each phase per build. Figures only.
// To see where the time goes, build with names kept and profile the page in DevTools:
//   CARGO_PROFILE_RELEASE_STRIP=false AREA_SEND_KEEP_NAMES=1 trunk build --release --dist DIR
import { readFile, readdir } from 'node:fs/promises';
import { launch, serveStatic } from '../e2e/harness.mjs';

const [distA, distB, workbook, runs = '7'] = process.argv.slice(2);
if (!workbook) {
  console.error('usage: node tests/bench/ab.mjs DIST_A DIST_B WORKBOOK.xlsx [RUNS]');
  process.exit(2);
}
const dists = [distA, distB];
const servers = await Promise.all(dists.map(serveStatic));
const browser = await launch();
const b64 = (await readFile(workbook)).toString('base64');
const times = dists.map(() => []);
for (let run = 0; run < Number(runs); run++) {
  for (const [d, dist] of dists.entries()) {
    const glue = (await readdir(dist)).find((f) => /^area-send-app-[0-9a-f]+\.js$/.test(f));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(servers[d].url + '#/annex-a');
    await page.locator('#page-heading').waitFor();
    times[d].push(await page.evaluate(async ({ b64, glue }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      // The module the page already started: same instance, same compiled code.
      const app = await import('./' + glue);
      const request = JSON.stringify({ profile: 'full-2025', as_of: {}, today: '2025-11-20', explanations: {}, overrides: [] });
      const marks = [];
      const start = performance.now();
      app.annex_check(request, ['bench.xlsx'], [bytes], (p) => marks.push([performance.now() - start, JSON.parse(p).message]));
      const total = performance.now() - start;
      const rows = marks.find((m) => m[1].includes('rows so far'))?.[0] ?? 0;
      const checking = marks.find((m) => m[1].includes('Checking'))[0];
      return { open: rows, rows: checking - rows, checks: total - checking, total };
    }, { b64, glue }));
    await context.close();
  }
}
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)].toFixed(0);
for (const [d, dist] of dists.entries()) {
  const phase = (name) => median(times[d].map((t) => t[name]));
  console.log(`${dist}: median of ${runs}: open ${phase('open')} ms, rows ${phase('rows')} ms, checks ${phase('checks')} ms, total ${phase('total')} ms`);
}
await browser.close();
await Promise.all(servers.map((s) => s.close()));
