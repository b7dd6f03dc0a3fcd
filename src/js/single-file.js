// Starts the single-file page (area-send-single-file.html), which works opened from disk
// (file://). Module scripts cannot be loaded from file://, so this whole script goes inline in the
// page, allowed by its hash in the page's Content-Security-Policy. scripts/postbuild.py fills in:
// the wasm-bindgen glue (next line), the wasm and the worker's source.
__GLUE_SOURCE__

// Base64 here, not Latin-1: an HTML parser changes NUL and CR characters in inline scripts.
const bytes = Uint8Array.from(atob('__WASM_BASE64__'), (c) => c.charCodeAt(0));

// The Annex A worker, from a blob: URL as in the served build. Chromium will not start a module
// worker from a blob: URL on a file:// page, so this one is a classic script: the glue without
// its exports, then worker-handler.js.
globalThis.areaSendWorkerUrl = URL.createObjectURL(new Blob([__CLASSIC_WORKER__], { type: 'text/javascript' }));
globalThis.areaSendWorkerClassic = true;

// If the browser cannot compile the wasm (too old for WebAssembly SIMD, for example), say so.
await __wbg_init({ module_or_path: bytes }).catch((error) => {
  document.getElementById('app-unsupported').hidden = false;
  throw error;
});
