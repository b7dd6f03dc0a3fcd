// Starts the app: index.html's only script (served build). scripts/postbuild.py fills in the
// hashed file names and writes this file out as boot-<hash>.js.
//
// The wasm arrives inside a same-origin script (wasm.js), so the page needs no fetch: its
// Content-Security-Policy says connect-src 'none'.
import init from './__GLUE__';
import wasmBytes from './__WASM_MODULE__';

// The Annex A worker (src/annex_worker.rs) starts from a blob: URL, so it inherits this page's
// Content-Security-Policy (no connections) instead of depending on server headers. The blob only
// imports worker.js, which brings the glue; the page then hands the worker its compiled
// WebAssembly.Module, so the wasm is not compiled twice.
const worker = new URL('./__WORKER__', import.meta.url).href;
globalThis.areaSendWorkerUrl = URL.createObjectURL(
  new Blob([`import ${JSON.stringify(worker)};`], { type: 'text/javascript' }),
);

// If the browser cannot compile the wasm (too old for WebAssembly SIMD, for example), say so.
await init({ module_or_path: wasmBytes() }).catch((error) => {
  document.getElementById('app-unsupported').hidden = false;
  throw error;
});

// Keep a copy for offline use (sw.js; not possible when opened from disk).
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.register('./sw.js').catch((e) => console.warn('Offline copy not available:', e));
}
