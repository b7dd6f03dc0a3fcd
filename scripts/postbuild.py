"""Trunk post-build hook: makes the built page load without any fetch.

Trunk's loader fetches the .wasm file, but the page's Content-Security-Policy says
connect-src 'none', so that fetch would be blocked. This hook moves the wasm into a
same-origin JavaScript module (as base64), replaces Trunk's inline loader (inline scripts
are also forbidden) with a small boot module, and removes the .wasm file and its preload.
"""
import base64
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
wasm_module = write_hashed("app-wasm", 'export default "' + base64.b64encode(wasm_bytes).decode("ascii") + '";\n')
boot = write_hashed(
    "boot",
    f"""// Starts the app from wasm bytes carried in a same-origin script: no fetch needed.
import init from './{glue}';
import wasmBase64 from './{wasm_module}';
const bytes = Uint8Array.fromBase64
  ? Uint8Array.fromBase64(wasmBase64)
  : Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
await init({{ module_or_path: bytes }});
""",
)

html = html.replace(loader.group(0), f'<script type="module" src="./{boot}"></script>')
html = re.sub(r'<link rel="preload" href="\./[^"]+\.wasm"[^>]*>', "", html)
with open(index_path, "w", encoding="utf-8") as out:
    out.write(html)
os.remove(os.path.join(staging, wasm))
print(f"postbuild: {wasm} ({len(wasm_bytes)} bytes) now travels in {wasm_module}; loader is {boot}")
