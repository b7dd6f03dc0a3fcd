"""Trunk post-build hook: makes the built page load without any fetch, and work offline.

Trunk's loader fetches the .wasm file, but the page's Content-Security-Policy says
connect-src 'none', so that fetch would be blocked. This hook
- shrinks release wasm with wasm-opt;
- moves the wasm into a same-origin JavaScript module (a Latin-1 string: one character per
  byte, within about 6% of the raw wasm in gzip, where base64 costs about 40%) and replaces
  Trunk's inline loader (inline scripts are forbidden too) with a small boot module;
- has the boot module publish the Annex A worker as a blob: URL;
- writes a service worker that keeps a copy of every served file for offline use;
- writes the single-file page for opening from disk.
"""
import base64
import hashlib
import json
import os
import re
import subprocess
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or sys.exit("TRUNK_STAGING_DIR is not set; run this from trunk")
index_path = os.path.join(staging, "index.html")
html = open(index_path, encoding="utf-8").read()

loader = re.search(r'<script type="module">\s*import init, \* as bindings from \'\./([^\']+\.js)\';.*?</script>', html, re.S)
if not loader:
    sys.exit("postbuild: trunk's loader script was not found in index.html; has trunk's output changed?")
glue = loader.group(1)
wasm = re.search(r"module_or_path: '\./([^']+\.wasm)'", loader.group(0)).group(1)


# Not served: for saving to disk and opening from there (see README, "Running without a server").
SINGLE_FILE = "area-send-single-file.html"


def write_hashed(stem, text):
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    name = f"{stem}-{digest}.js"
    with open(os.path.join(staging, name), "w", encoding="utf-8") as out:
        out.write(text)
    return name


# Release builds go through binaryen's wasm-opt (npm package `binaryen`, see package.json): with
# our crate at opt-level "z" it merges the many near-identical generic functions, 5% less gzip.
# (Debian's wasm-opt is too old to read this wasm.)
wasm_path = os.path.join(staging, wasm)
if os.environ.get("TRUNK_PROFILE") == "release":
    wasm_opt = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "node_modules", ".bin", "wasm-opt")
    if os.path.exists(wasm_opt):
        # The features rustc's wasm32 target uses; not --all-features, which turns on proposals
        # browsers do not support yet (Chromium then refuses the module).
        features = ["--enable-" + f for f in ("bulk-memory", "mutable-globals", "nontrapping-float-to-int", "sign-ext", "reference-types", "multivalue", "simd")]
        # AREA_SEND_KEEP_NAMES=1 keeps function names, for profiling (build with strip = false).
        names = ["-g"] if os.environ.get("AREA_SEND_KEEP_NAMES") == "1" else []
        subprocess.run([wasm_opt, *features, *names, "-Oz", wasm_path, "-o", wasm_path], check=True)
    else:
        print("postbuild: WARNING: node_modules/.bin/wasm-opt is missing (run `npm ci`); this build is larger than it should be")
wasm_bytes = open(wasm_path, "rb").read()
# Only the backslash, the quote and line breaks need escaping in a JS string literal.
ESCAPES = {0x5C: "\\\\", 0x22: '\\"', 0x0A: "\\n", 0x0D: "\\r"}
latin1 = "".join(ESCAPES.get(b, chr(b)) for b in wasm_bytes)
wasm_module = write_hashed(
    "app-wasm",
    'const text = "' + latin1 + '";\n'
    "// The wasm bytes, one per character.\n"
    "export default function wasmBytes() {\n"
    "  const bytes = new Uint8Array(text.length);\n"
    "  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);\n"
    "  return bytes;\n"
    "}\n",
)
# The Annex A worker (src/ui/annex_worker.rs) is started from a blob: URL, so it inherits the
# page's Content-Security-Policy (no connections) instead of depending on server headers. The
# page sends it the already compiled WebAssembly.Module, so the worker neither parses the wasm
# string nor compiles it again.
WORKER_HANDLER = """
let ready = null;
self.onmessage = async (event) => {
  const message = event.data;
  if (message.kind === 'init') {
    ready = init({ module_or_path: message.module }).then((wasm) => {
      annex_warm();
      return wasm;
    });
    return;
  }
  try {
    const wasm = await ready;
    const { request, files } = message;
    const result = annex_check(request, files.map((f) => f.name), files.map((f) => new Uint8Array(f.bytes)),
      (progress) => self.postMessage({ kind: 'progress', progress }));
    // Wasm memory only grows, so its size now is the check's peak (reported for the benchmark).
    self.postMessage({ kind: 'done', result, memoryBytes: wasm.memory.buffer.byteLength });
  } catch (error) {
    self.postMessage({ kind: 'failed', message: String((error && error.message) || error) });
  }
};
"""


# If the browser cannot compile the wasm (too old for WebAssembly SIMD, for example), say so.
UNSUPPORTED_JS = "(error) => { document.getElementById('app-unsupported').hidden = false; throw error; }"


def worker_url_js(source_expr):
    """Publishes the worker's blob: URL where the app looks for it."""
    return f"globalThis.areaSendWorkerUrl = URL.createObjectURL(new Blob([{source_expr}], {{ type: 'text/javascript' }}));\n"


boot = write_hashed(
    "boot",
    f"""// Starts the app from wasm bytes carried in a same-origin script: no fetch needed.
import init from './{glue}';
import wasmBytes from './{wasm_module}';
const glue = new URL('./{glue}', import.meta.url).href;
{worker_url_js("`import init, { annex_check, annex_warm } from ${JSON.stringify(glue)};` + " + json.dumps(WORKER_HANDLER))}await init({{ module_or_path: wasmBytes() }}).catch({UNSUPPORTED_JS});
// Keep a copy for offline use (not possible when opened from disk).
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {{
  navigator.serviceWorker.register('./sw.js').catch((e) => console.warn('Offline copy not available:', e));
}}
""",
)

# The single-file build: one HTML page that works opened from disk (file://), for councils that
# cannot host anything. Module scripts cannot be loaded from file://, so the glue, the wasm and
# the start-up code go inline in one module script, allowed by its hash in the page's CSP.
glue_text = open(os.path.join(staging, glue), encoding="utf-8").read()
for needed in ("export function annex_check(", "export function annex_warm(", "__wbg_init as default"):
    if needed not in glue_text:
        sys.exit(f"postbuild: wasm-bindgen's glue no longer has {needed!r}; update scripts/postbuild.py")
# Chromium will not start a module worker from a blob: URL on a file:// page, so this worker is a
# classic script: the glue without its `export`s and `import.meta`.
classic_glue = re.sub(r"^export \{[^}]*\};?\s*$", "", glue_text, flags=re.M).replace("export function ", "function ")
classic_glue = classic_glue.replace("import.meta.url", "self.location.href")
if re.search(r"^\s*(export|import)\b", classic_glue, re.M):
    sys.exit("postbuild: the glue has imports or exports this script cannot turn into a classic worker")
worker_inline = classic_glue + "\nconst init = __wbg_init;\n" + WORKER_HANDLER
inline_module = (
    glue_text
    # Base64 here, not Latin-1: an HTML parser changes NUL and CR characters in inline scripts.
    + '\nconst bytes = Uint8Array.from(atob("' + base64.b64encode(wasm_bytes).decode() + '"), (c) => c.charCodeAt(0));\n'
    + worker_url_js(json.dumps(worker_inline))
    + "globalThis.areaSendWorkerClassic = true;\n"
    + f"await __wbg_init({{ module_or_path: bytes }}).catch({UNSUPPORTED_JS});\n"
)

html = html.replace(loader.group(0), f'<script type="module" src="./{boot}"></script>')
html = re.sub(r'<link rel="preload" href="\./[^"]+\.wasm"[^>]*>', "", html)
with open(index_path, "w", encoding="utf-8") as out:
    out.write(html)
os.remove(os.path.join(staging, wasm))

# Write the single-file page from the served page: stylesheet and scripts inline, each allowed by
# its hash; the worker from a blob: URL as in the served build.
def sha256_source(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


css_link = re.search(r'<link rel="stylesheet" href="\./([^"]+\.css)"[^>]*/?>', html)
css_text = open(os.path.join(staging, css_link.group(1)), encoding="utf-8").read()
single = html.replace(css_link.group(0), f"<style>{css_text}</style>")
single = re.sub(r'<link rel="modulepreload"[^>]*>', "", single)
single = single.replace(f'<script type="module" src="./{boot}"></script>', f'<script type="module">{inline_module}</script>')
single = re.sub(
    r"script-src 'self'", f"script-src {sha256_source(inline_module)}", single, count=1
)
single = re.sub(r"style-src 'self'", f"style-src {sha256_source(css_text)}", single, count=1)
single = single.replace("worker-src 'self' blob:", "worker-src blob:")
if re.search(r"</script|<!--", inline_module, re.I) or single.count("sha256-") < 2 or "<script type=\"module\" src=" in single:
    sys.exit("postbuild: could not make the single-file page; has index.html changed?")
with open(os.path.join(staging, SINGLE_FILE), "w", encoding="utf-8") as out:
    out.write(single)


# The service worker: cache every built file on install; answer same-origin requests from the
# cache first. The cache name changes with the build, so an update replaces the old copy.
files = sorted(f for f in os.listdir(staging) if f not in ("sw.js", SINGLE_FILE))
version = hashlib.sha256("".join(files).encode()).hexdigest()[:16]
with open(os.path.join(staging, "sw.js"), "w", encoding="utf-8") as out:
    out.write(f"""// Offline copy of the app. It never contacts any other site.
const CACHE = 'area-send-{version}';
const FILES = {["./"] + ["./" + f for f in files]!r};
self.addEventListener('install', (event) => {{
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
}});
self.addEventListener('activate', (event) => {{
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
}});
self.addEventListener('fetch', (event) => {{
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin) return;
  event.respondWith(caches.match(event.request, {{ ignoreSearch: true }}).then((hit) => hit || fetch(event.request)));
}});
""")
print(f"postbuild: {wasm} ({len(wasm_bytes)} bytes) now travels in {wasm_module}; loader is {boot}")
