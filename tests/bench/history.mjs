// Prints a figure beside its budget and appends it to history.csv, so a regression shows as a
// change between runs (one row per figure per run: date, commit, figure, value, unit, budget).
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const path = fileURLToPath(new URL('./history.csv', import.meta.url));
const HEADER = 'date,commit,figure,value,unit,budget\n';
const commit = (() => {
  try {
    const head = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { encoding: 'utf8' }).trim() ? '+changes' : '';
    return head + dirty;
  } catch {
    return 'unknown';
  }
})();
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');

/** `budget` is text such as "<= 1000000" or "" when the figure has none. */
export async function record(figure, value, unit, budget = '') {
  const shown = Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toFixed(value < 10 ? 3 : 1);
  console.log(`  ${figure.padEnd(56)} ${`${shown} ${unit}`.padEnd(16)}${budget ? ` (budget ${budget} ${unit})` : ''}`);
  const existing = await readFile(path, 'utf8').catch(() => '');
  if (!existing.startsWith(HEADER)) await writeFile(path, HEADER + existing);
  const cell = (s) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  await appendFile(path, [date, commit, figure, String(value), unit, budget].map(cell).join(',') + '\n');
}
