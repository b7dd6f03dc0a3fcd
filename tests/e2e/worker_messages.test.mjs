// The Annex A worker's message handler (src/js/worker-handler.js, pasted into both builds'
// workers) run in a bare context with the glue's functions replaced: a check that traps in the
// wasm (what an allocation that fails does) must reach the page as plain words naming the files,
// and say memory ran out when it did. Running a real check out of memory would need 4 GB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const source = fileURLToPath(new URL('../../src/js/worker-handler.js', import.meta.url));

async function handler({ check, memoryBytes, made = null }) {
  const code = await readFile(source, 'utf8');
  const posted = [];
  const self = { postMessage: (m, transfer) => posted.push(transfer ? { ...m, transfer } : m) };
  const wasm = { memory: { buffer: { byteLength: memoryBytes } } };
  const context = vm.createContext({
    self,
    WebAssembly,
    Blob,
    __wbg_init: async () => wasm,
    annex_warm: () => {},
    annex_check: check,
    annex_take_bytes: () => made,
  });
  vm.runInContext(code, context);
  await self.onmessage({ data: { kind: 'init', module: null } });
  return async (files) => {
    posted.length = 0;
    await self.onmessage({ data: { request: '{}', files } });
    return posted;
  };
}

const files = [{ name: 'list1 autumn.xlsx', bytes: new ArrayBuffer(1) }, { name: 'list2.csv', bytes: new ArrayBuffer(1) }];
const trap = () => { throw new WebAssembly.RuntimeError('unreachable'); };

test('a check that runs out of memory names its files and says memory ran out', async () => {
  const send = await handler({ check: trap, memoryBytes: 3.5 * 2 ** 30 });
  const [last] = await send(files);
  assert.equal(last.last, true);
  const reply = JSON.parse(last.reply);
  assert.equal(reply.kind, 'failed');
  assert.match(reply.message, /The check of “list1 autumn\.xlsx”, “list2\.csv” ran out of memory \(it was using 3584 MB\)/);
  assert.match(reply.message, /Nothing was lost/);
  assert.doesNotMatch(reply.message, /unreachable/);
});

test('a trap with memory to spare says the check stopped, not that memory ran out', async () => {
  const send = await handler({ check: trap, memoryBytes: 64 * 2 ** 20 });
  const reply = JSON.parse((await send(files))[0].reply);
  assert.match(reply.message, /The check of “list1 autumn\.xlsx”, “list2\.csv” stopped unexpectedly/);
  assert.doesNotMatch(reply.message, /ran out of memory|unreachable/);
});

test('any other failure keeps its own message, and a good check passes its answer through', async () => {
  const failing = await handler({ check: () => { throw new Error('The request is not one this app knows.'); }, memoryBytes: 0 });
  assert.equal(JSON.parse((await failing(files))[0].reply).message, 'The request is not one this app knows.');
  const working = await handler({
    check: (_request, _names, _bytes, progress) => { progress('{"kind":"progress"}'); return '{"kind":"done"}'; },
    memoryBytes: 1024,
  });
  const posted = await working(files);
  assert.deepEqual(posted.map((m) => m.reply), ['{"kind":"progress"}', '{"kind":"done"}']);
  assert.equal(posted[1].memoryBytes, 1024);
  assert.equal(posted[1].bytes, undefined);
});

test('a chosen file arrives as the browser\'s own handle and is read here; one that cannot be read is named', async () => {
  const seen = [];
  const working = await handler({ check: (_r, names, bytes) => { seen.push([names, bytes]); return '{"kind":"done"}'; }, memoryBytes: 1024 });
  await working([{ name: 'list1.csv', bytes: new Blob(['Unique ID\r\nFICT-1']) }, { name: 'made.xlsx', bytes: new ArrayBuffer(2) }]);
  assert.deepEqual(Array.from(seen[0][0]), ['list1.csv', 'made.xlsx']);
  assert.equal(new TextDecoder().decode(seen[0][1][0]), 'Unique ID\r\nFICT-1');
  assert.equal(seen[0][1][1].length, 2);
  // A file moved or deleted after it was chosen: the browser refuses to read it.
  const gone = new Blob(['x']);
  gone.arrayBuffer = () => Promise.reject(new Error('NotFoundError'));
  const reply = JSON.parse((await working([{ name: 'list2 spring.csv', bytes: gone }]))[0].reply);
  assert.equal(reply.kind, 'failed');
  assert.match(reply.message, /^“list2 spring\.csv” could not be read: it may have been moved, changed or deleted since it was chosen\. Choose it again\.$/);
  assert.equal(seen.length, 1, 'no check ran');
});

test('a page or a download is asked for without files; a made file comes back beside its reply', async () => {
  const made = new Uint8Array([80, 75, 3, 4]);
  const seen = [];
  const working = await handler({
    check: (request, names, bytes) => { seen.push([request, names, bytes]); return '{"kind":"made","file_name":"f.xlsx","mime":"x"}'; },
    memoryBytes: 1024,
    made,
  });
  const answers = await working(undefined);
  assert.equal(seen[0][1].length, 0, 'no files: no names');
  assert.equal(answers.length, 1);
  assert.equal(answers[0].bytes, made, 'the made file travels beside the reply');
  assert.ok(answers[0].transfer.length === 1 && answers[0].transfer[0] === made.buffer, 'handed over, not copied');
  assert.equal(answers[0].last, true);
});
