// The Annex A worker's message handler (page side: src/annex_worker.rs). Shared by both builds:
// scripts/postbuild.py pastes it into worker.js (the served build's module worker) and, after
// the glue without its exports, into the single-file page's classic worker. It uses the glue's
// `__wbg_init`, `annex_check`, `annex_take_bytes` and `annex_warm`, which both put in scope.
//
// Page to worker: first { kind: 'init', module }, the page's compiled WebAssembly.Module (so the
// worker neither reads nor compiles the wasm again); then { request, files: [{ name, bytes }] },
// `request` a JSON string and each `bytes` the chosen file itself (a Blob, read here, so the
// page never copies it) or an ArrayBuffer the app made (a check, or one checked file sent again
// for its marked-up copy), or { request } alone (a page of the kept findings, or a findings
// download).
// Worker to page: { reply } for each progress report; then { reply, last: true, memoryBytes }
// with the answer, and `bytes` (a Uint8Array, transferred) when the answer is a made file; or,
// if anything fails, { reply: a JSON { kind: 'failed', message }, last: true }. Every `reply`
// is a string.
let ready = null;
self.onmessage = async (event) => {
  const message = event.data;
  if (message.kind === 'init') {
    ready = __wbg_init({ module_or_path: message.module }).then((wasm) => {
      // A small fictional check while the worker waits, so a real one runs on optimised code.
      annex_warm();
      return wasm;
    });
    return;
  }
  try {
    const wasm = await ready;
    const { request } = message;
    const files = await Promise.all((message.files || []).map(read));
    const reply = annex_check(
      request,
      files.map((f) => f.name),
      files.map((f) => new Uint8Array(f.bytes)),
      (progress) => self.postMessage({ reply: progress }),
    );
    // A made file's bytes are handed over, not copied.
    const bytes = annex_take_bytes();
    // Wasm memory only grows, so its size now is the check's peak (reported for the benchmark).
    const answer = { reply, last: true, memoryBytes: wasm.memory.buffer.byteLength };
    if (bytes) self.postMessage({ ...answer, bytes }, [bytes.buffer]);
    else self.postMessage(answer);
  } catch (error) {
    const failed = { kind: 'failed', message: explain(error, message.files || [], await ready.catch(() => null)) };
    self.postMessage({ reply: JSON.stringify(failed), last: true });
  }
};

// A chosen file read here; one the browser cannot read (moved, changed or deleted since it was
// chosen) is named.
async function read(file) {
  if (!(file.bytes instanceof Blob)) return file;
  try {
    return { name: file.name, bytes: await file.bytes.arrayBuffer() };
  } catch (error) {
    throw new Error(`\u201c${file.name}\u201d could not be read: it may have been moved, changed or deleted since it was chosen. Choose it again.`);
  }
}

// A trap in the wasm (an allocation that failed aborts with "unreachable") says nothing a person
// can act on: name the files, and say memory ran out when the memory is near the 4 GB a page has.
function explain(error, files, wasm) {
  const text = String((error && error.message) || error);
  if (!(error instanceof WebAssembly.RuntimeError)) return text;
  const names = files.map((f) => `\u201c${f.name}\u201d`).join(', ') || 'the files';
  const bytes = wasm ? wasm.memory.buffer.byteLength : 0;
  const why = bytes > 2 ** 31 ? `ran out of memory (it was using ${Math.round(bytes / 2 ** 20)} MB)` : 'stopped unexpectedly';
  return `The check of ${names} ${why}. Nothing was lost. Close other tabs and try again, check one file at a time, or use the area-send command on a computer with more memory.`;
}
