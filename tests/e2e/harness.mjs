// Shared set-up for the browser tests: a static server for dist/, Debian's Chromium driven by
// playwright-core, and recorders for console errors and network requests.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const distDir = join(root, 'dist');
export const outputDir = join(root, 'tests/e2e/output');
const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
};

/** Serves `dir` on 127.0.0.1 at a free port. Returns { url, close, hits }. */
export async function serveStatic(dir) {
  const hits = [];
  const server = createServer(async (req, res) => {
    hits.push(req.url);
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? join(path, 'index.html') : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, hits, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/**
 * For one test file: serves dist/ and launches Chromium before its tests, closes both after.
 * The returned object's `server` and `browser` are set once the tests start.
 */
export function appUnderTest() {
  const app = {};
  before(async () => {
    app.server = await serveStatic(distDir);
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/** The page's main heading. */
export const heading = (page) => page.locator('#page-heading');

/** A phone's screen (an iPhone X's CSS pixels), for `openApp`'s `viewport`. */
export const PHONE = { width: 375, height: 812 };

/** Whether the page fits its window's width (nothing to scroll sideways to). */
export const noSidewaysScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/**
 * A fresh context and page on the app (from `appUnderTest`), with every console error, page error and request
 * recorded. `init` scripts run before the app (e.g. to break storage).
 */
export async function openApp({ browser, server }, { hash = '#/', init = [], viewport } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...(viewport ? { viewport } : {}) });
  for (const script of init) await context.addInitScript(script);
  const page = await context.newPage();
  const { errors, requests } = recordPage(page);
  await page.goto(server.url + hash);
  await page.locator('#page-heading').waitFor();
  return { context, page, errors, requests };
}

/** Records the console errors, page errors and every request of `page` from now on. */
export function recordPage(page) {
  const errors = [];
  const requests = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('request', (req) => requests.push(req.url()));
  return { errors, requests };
}

/** Runs axe-core with the WCAG 2.2 A and AA rules and returns the violations. */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol, so the page's CSP does not block it.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Requests that left the app's own origin (data: and blob: URLs stay on the machine). */
export function foreignRequests(requests, server) {
  return requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

export async function ensureOutputDir() {
  await mkdir(outputDir, { recursive: true });
  return outputDir;
}

/**
 * Opens a .docx with Python's zipfile and XML parser (a real reader, independent of our
 * writer) and returns its paragraph styles, table header-row count and text.
 */
export function readDocx(path) {
  const script = `
import json, sys, zipfile
from xml.dom import minidom
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    doc = minidom.parseString(z.read("word/document.xml"))
    styles = minidom.parseString(z.read("word/styles.xml"))
def text(node):
    return "".join(t.firstChild.data if t.firstChild else "" for t in node.getElementsByTagNameNS(W, "t"))
paras = []
for p in doc.getElementsByTagNameNS(W, "p"):
    style = p.getElementsByTagNameNS(W, "pStyle")
    paras.append({"style": style[0].getAttributeNS(W, "val") if style else None, "text": text(p)})
defined = [s.getAttributeNS(W, "styleId") for s in styles.getElementsByTagNameNS(W, "style")]
print(json.dumps({"ok": bad is None, "paragraphs": paras, "headerRows": len(doc.getElementsByTagNameNS(W, "tblHeader")),
                  "tables": len(doc.getElementsByTagNameNS(W, "tbl")), "styles": defined}))
`;
  const out = execFileSync('python3', ['-c', script, path], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** Clicks the button named `name` and returns the download it starts. */
export async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  return file;
}

/**
 * Types an ISO date into the day, month and year boxes of the date input named `name`
 * (its legend), as a person would: day first, without leading zeros.
 */
export async function fillDate(scope, name, iso) {
  const [year, month, day] = iso.split('-');
  const group = scope.getByRole('group', { name, exact: true });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year);
}

/**
 * An init script (for `context.addInitScript(script, arg)`) that puts `saved`, a project file's
 * text, in the autosave once per tab, before the app starts; sessionStorage outlives reloads.
 */
export const plantAutosave = (saved) => ({
  script: (text) => {
    if (!sessionStorage.getItem('planted')) {
      localStorage.clear();
      localStorage.setItem('area-send.project', text);
      sessionStorage.setItem('planted', '1');
    }
  },
  arg: saved,
});

/** What must never reach families: a rival draft, a dissent's reason, a sign-off comment, a lead's name. */
export const FAMILY_SECRETS = ['PLANTED-DRAFT-VERSION', 'PLANTED-DISSENT-REASON', 'PLANTED-SIGNOFF-COMMENT', 'PLANTED-LEAD-PERSON'];

/** Plants `FAMILY_SECRETS` in a saved project file (parsed): on A1, A3, B1 and the first action. */
export function plantFamilySecrets(file) {
  const [draft, dissent, signOff, lead] = FAMILY_SECRETS;
  const project = file.project;
  const [, a1] = Object.entries(project.sef.entries).find(([, heads]) => heads[0].value.criterion === 'A1');
  a1.push({ rev: 'planted-rival', by: 'example-icb', at: '2026-10-01T00:00:00Z', value: { ...a1[0].value, text: draft } });
  project.sef.signoffs['planted-dissent'] = { section: 'A3', partner: 'example-icb', decision: 'disagree', comment: dissent, at: '2026-11-10T00:00:00Z' };
  project.sef.signoffs['planted-comment'] = { section: 'B1', partner: 'example-icb', decision: 'agree-with-comments', comment: signOff, at: '2026-11-10T00:00:00Z' };
  project.plan.actions[0].lead = lead;
  return file;
}
