"""Trunk post-build hook: makes the built page load without any fetch, and work offline.

Trunk's loader fetches the .wasm file, but the page's Content-Security-Policy says
connect-src 'none', so that fetch would be blocked. This hook moves the wasm into a
same-origin JavaScript module (as a Latin-1 string: one character per byte, which gzips to
within about 6% of the raw wasm, where base64 costs about 40%), replaces Trunk's inline loader (inline scripts
are also forbidden) with a small boot module, and removes the .wasm file and its preload.
It also writes a service worker that keeps a copy of every built file, so the app keeps
working when the network is cut after the first visit.
"""
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or sys.exit("TRUNK_STAGING_DIR is not set; run this from trunk")
index_path = os.path.join(staging, "index.html")
html = open(index_path, encoding="utf-8").read()

loader = re.search(r'<script type="module">\s*import init, \* as bindings from \'\./([^\']+\.js)\';.*?</script>', html, re.S)
if not loader:
    sys.exit("postbuild: trunk's loader script was not found in index.html; has trunk's output changed?")
glue = loader.group(1)
wasm = re.search(r"module_or_path: '\./([^']+\.wasm)'", loader.group(0)).group(1)


def write_hashed(stem, text):
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    name = f"{stem}-{digest}.js"
    with open(os.path.join(staging, name), "w", encoding="utf-8") as out:
        out.write(text)
    return name


wasm_bytes = open(os.path.join(staging, wasm), "rb").read()
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
boot = write_hashed(
    "boot",
    f"""// Starts the app from wasm bytes carried in a same-origin script: no fetch needed.
import init from './{glue}';
import wasmBytes from './{wasm_module}';
await init({{ module_or_path: wasmBytes() }});
// Keep a copy for offline use (not possible when opened from disk).
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {{
  navigator.serviceWorker.register('./sw.js').catch((e) => console.warn('Offline copy not available:', e));
}}
""",
)

# The Annex A worker runs the same wasm off the main thread (see src/ui/annex_worker.rs). Its
# name is fixed because the app refers to it.
with open(os.path.join(staging, "annex-worker.js"), "w", encoding="utf-8") as out:
    out.write(f"""// Loads and checks Annex A spreadsheets off the main thread, with the same wasm as the page.
import init, {{ annex_check }} from './{glue}';
import wasmBytes from './{wasm_module}';
const ready = init({{ module_or_path: wasmBytes() }});
self.onmessage = async (event) => {{
  try {{
    await ready;
    const {{ request, files }} = event.data;
    const result = annex_check(request, files.map((f) => f.name), files.map((f) => new Uint8Array(f.bytes)),
      (progress) => self.postMessage({{ kind: 'progress', progress }}));
    self.postMessage({{ kind: 'done', result }});
  }} catch (error) {{
    self.postMessage({{ kind: 'failed', message: String((error && error.message) || error) }});
  }}
}};
""")

html = html.replace(loader.group(0), f'<script type="module" src="./{boot}"></script>')
html = re.sub(r'<link rel="preload" href="\./[^"]+\.wasm"[^>]*>', "", html)
with open(index_path, "w", encoding="utf-8") as out:
    out.write(html)
os.remove(os.path.join(staging, wasm))

# The service worker: cache every built file on install; answer same-origin requests from the
# cache first. The cache name changes with the build, so an update replaces the old copy.
files = sorted(f for f in os.listdir(staging) if f != "sw.js")
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
