"""Trunk post-build hook: makes the built page load without any fetch, and work offline.

Trunk's loader fetches the .wasm file, but the page's Content-Security-Policy says
connect-src 'none', so that fetch would be blocked. This hook
- shrinks release wasm with wasm-opt;
- moves the wasm into a same-origin JavaScript module (a Latin-1 string) and replaces Trunk's
  inline loader (inline scripts are forbidden too) with a small boot module;
- writes the Annex A worker, which the boot module publishes as a blob: URL;
- writes a service worker that keeps a copy of every served file for offline use;
- writes the single-file page for opening from disk.

All the JavaScript is in src/js/ as real files; this script only fills in their placeholders
(`__NAME__`: hashed file names, the wasm, the list of files, the cache version) and checks that
none is left.
"""
import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
JS_DIR = os.path.join(ROOT, "src", "js")
# Not served: for saving to disk and opening from there (see README, "Running without a server").
SINGLE_FILE = "area-send-single-file.html"


def fail(message):
    sys.exit(f"postbuild: {message}")


staging = os.environ.get("TRUNK_STAGING_DIR") or fail("TRUNK_STAGING_DIR is not set; run this from trunk")
index_path = os.path.join(staging, "index.html")
html = open(index_path, encoding="utf-8").read()


# --- Templates ---------------------------------------------------------------------------------

# A placeholder is __WORDS_IN_CAPITALS__ (the glue's own names, like __wbg_init, are lower case).
PLACEHOLDER = re.compile(r"__([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)__")


FILLED = set()  # every placeholder name filled in, for the last check


def template(name):
    return open(os.path.join(JS_DIR, name), encoding="utf-8").read()


def fill(name, **values):
    """src/js/`name` with each __KEY__ replaced by values[KEY], in one pass (so nothing filled in
    is read for placeholders again). Every placeholder must be given and every value used."""
    text = template(name)
    found = set(PLACEHOLDER.findall(text))
    if found != set(values):
        missing, unused = sorted(found - set(values)), sorted(set(values) - found)
        fail(f"src/js/{name} and scripts/postbuild.py disagree: placeholders not filled in {missing}, values with no placeholder {unused}")
    FILLED.update(found)
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def write(name, text):
    with open(os.path.join(staging, name), "w", encoding="utf-8") as out:
        out.write(text)
    return name


def write_hashed(stem, text):
    return write(f"{stem}-{hashlib.sha256(text.encode()).hexdigest()[:16]}.js", text)


def js_string(text):
    """`text` as a JavaScript string literal (JSON is valid JavaScript)."""
    return json.dumps(text)


# --- Finding what Trunk built ------------------------------------------------------------------


class Tag:
    def __init__(self, name, attrs, text):
        self.name, self.attrs, self.text = name, attrs, text
        self.content = None  # a script's or style's source


class Tags(HTMLParser):
    """The start tags of a page with their attributes and exact text, and each script's source,
    read with Python's own HTML parser rather than patterns over Trunk's output."""

    def __init__(self, page):
        super().__init__(convert_charrefs=False)
        self.tags, self.open = [], None
        self.feed(page)
        self.close()

    def handle_starttag(self, name, attrs):
        tag = Tag(name, {k: v or "" for k, v in attrs}, self.get_starttag_text())
        self.tags.append(tag)
        if name in ("script", "style"):
            tag.content, self.open = "", tag

    def handle_startendtag(self, name, attrs):
        self.tags.append(Tag(name, {k: v or "" for k, v in attrs}, self.get_starttag_text()))

    def handle_data(self, data):
        if self.open:
            self.open.content += data

    def handle_endtag(self, name):
        if self.open and name == self.open.name:
            self.open = None

    def named(self, name, **attrs):
        return [t for t in self.tags if t.name == name and all(t.attrs.get(k) == v for k, v in attrs.items())]


def element_text(page, tag):
    """The exact text of a script element in `page`: its start tag, its source and its end tag."""
    at = page.find(tag.text + tag.content)
    end = re.compile(r"</script\s*>", re.I).match(page, at + len(tag.text) + len(tag.content)) if at >= 0 else None
    if not end:
        fail(f"could not find where the script {tag.text} ends in index.html")
    return page[at:end.end()]


def refers_to(value, file):
    """Whether an href or src names `file` (Trunk writes them as public_url + file)."""
    return value == file or value.endswith("/" + file)


# The wasm and its wasm-bindgen glue: Trunk writes `<name>-<hash>_bg.wasm` and `<name>-<hash>.js`.
wasm_files = [f for f in os.listdir(staging) if f.endswith(".wasm")]
if len(wasm_files) != 1:
    fail(f"expected one .wasm file from trunk in {staging}, found {wasm_files}; has index.html's <link data-trunk rel=\"rust\"> changed?")
wasm = wasm_files[0]
glue = re.sub(r"(_bg)?\.wasm$", ".js", wasm)
if not os.path.exists(os.path.join(staging, glue)):
    fail(f"trunk wrote {wasm} but no glue named {glue} beside it; has trunk's file naming changed?")

# Trunk's loader: an inline module script that imports the glue and passes it the wasm's URL.
page = Tags(html)
inline_scripts = [t for t in page.named("script") if "src" not in t.attrs]
loaders = [t for t in inline_scripts if glue in t.content]
if len(loaders) != 1 or len(inline_scripts) != 1:
    fail(
        f"expected index.html to hold one inline script, trunk's loader importing ./{glue}; found "
        f"{len(inline_scripts)} inline script(s), {len(loaders)} naming the glue. Has trunk's loader "
        "changed (or Trunk.toml's pattern_script / inject_scripts)?"
    )
loader = loaders[0]
if loader.attrs.get("type") != "module" or wasm not in loader.content:
    fail(f"trunk's loader is no longer a module script that loads ./{wasm}; check its output: {loader.content.strip()!r}")


# --- The wasm ----------------------------------------------------------------------------------

# Release builds go through binaryen's wasm-opt (npm package `binaryen`, see package.json): with
# our crate at opt-level "z" it merges the many near-identical generic functions, 5% less gzip.
# (Debian's wasm-opt is too old to read this wasm.)
wasm_path = os.path.join(staging, wasm)
if os.environ.get("TRUNK_PROFILE") == "release":
    wasm_opt = os.path.join(ROOT, "node_modules", ".bin", "wasm-opt")
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
os.remove(wasm_path)

# Only the backslash, the quote and line breaks need escaping in a JS string literal.
ESCAPES = {0x5C: "\\\\", 0x22: '\\"', 0x0A: "\\n", 0x0D: "\\r"}
latin1 = "".join(ESCAPES.get(b, chr(b)) for b in wasm_bytes)
wasm_module = write_hashed("app-wasm", fill("wasm.js", WASM_LATIN1=latin1))


# --- The served page ---------------------------------------------------------------------------

glue_text = open(os.path.join(staging, glue), encoding="utf-8").read()
for needed in ("export function annex_check(", "export function annex_warm(", "export function annex_take_bytes(", "__wbg_init as default"):
    if needed not in glue_text:
        fail(f"wasm-bindgen's glue no longer has {needed!r}; src/js/worker-handler.js and single-file.js rely on it")
handler = template("worker-handler.js")
worker = write_hashed("worker", fill("worker.js", GLUE=glue, WORKER_HANDLER=handler))
boot = write_hashed("boot", fill("boot.js", GLUE=glue, WASM_MODULE=wasm_module, WORKER=worker))

# index.html: boot-*.js in place of trunk's loader, and no preload of the wasm (a fetch).
served = html.replace(element_text(html, loader), f'<script type="module" src="./{boot}"></script>')
for link in page.named("link"):
    if refers_to(link.attrs.get("href", ""), wasm):
        served = served.replace(link.text, "")
if wasm in served:
    fail(f"index.html still names {wasm} after the loader and its preload were taken out")
write("index.html", served)


# --- The single-file page ----------------------------------------------------------------------

# One HTML page that works opened from disk (file://), for councils that cannot host anything:
# the stylesheet and the start-up script (single-file.js, with the glue and the wasm) go inline,
# each allowed by its hash in the page's CSP.
def sha256_source(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# Chromium will not start a module worker from a blob: URL on a file:// page, so this worker is a
# classic script: the glue without its `export`s and `import.meta`, then the message handler.
classic_glue = re.sub(r"^export \{[^}]*\};?[ \t]*$", "", glue_text, flags=re.M)
classic_glue = re.sub(r"^export (?=(async\s+)?function\b|class\b|const\b|let\b|var\b)", "", classic_glue, flags=re.M)
classic_glue = classic_glue.replace("import.meta.url", "self.location.href")
if re.search(r"^\s*(export|import)\b|import\.meta", classic_glue, re.M):
    fail("the glue has imports or exports this script cannot turn into a classic worker")
inline_module = fill(
    "single-file.js",
    GLUE_SOURCE=glue_text,
    WASM_BASE64=base64.b64encode(wasm_bytes).decode(),
    CLASSIC_WORKER=js_string(classic_glue + "\n" + handler),
)
if re.search(r"</script|<!--", inline_module, re.I):
    fail("the single-file page's script holds `</script` or `<!--`, which would end it early")

single = served.replace(f'<script type="module" src="./{boot}"></script>', f'<script type="module">{inline_module}</script>')
style_hashes = []
stylesheets = page.named("link", rel="stylesheet")
if not stylesheets:
    fail("index.html has no stylesheet link from trunk; has <link data-trunk rel=\"css\"> changed?")
for link in stylesheets:
    href = link.attrs.get("href", "")
    css_text = open(os.path.join(staging, os.path.basename(href)), encoding="utf-8").read()
    style_hashes.append(sha256_source(css_text))
    single = single.replace(link.text, f"<style>{css_text}</style>")
for link in page.named("link", rel="modulepreload"):
    single = single.replace(link.text, "")

# The policy: the inline script and styles by their hashes instead of 'self', workers only from blob:.
csp_tags = page.named("meta", **{"http-equiv": "Content-Security-Policy"})
if len(csp_tags) != 1:
    fail(f"expected one Content-Security-Policy meta tag in index.html, found {len(csp_tags)}")
csp = csp_tags[0].attrs.get("content", "")
directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
REPLACE_SELF = {"script-src": [sha256_source(inline_module)], "style-src": style_hashes, "worker-src": []}
for name, sources in REPLACE_SELF.items():
    if "'self'" not in directives.get(name, []):
        fail(f"the CSP in index.html has no {name} 'self' for the single-file page to replace: {csp}")
    at = directives[name].index("'self'")
    directives[name][at:at + 1] = sources
single_csp = "; ".join(" ".join([name, *sources]) for name, sources in directives.items())
if csp not in csp_tags[0].text:
    fail("the CSP meta tag's content is written with entities; scripts/postbuild.py cannot rewrite it")
single = single.replace(csp_tags[0].text, csp_tags[0].text.replace(csp, single_csp))

single_page = Tags(single)
if any("src" in t.attrs for t in single_page.named("script")) or single.count("sha256-") < 1 + len(style_hashes):
    fail("could not make the single-file page (a script still loads from a file, or a hash is missing); has index.html changed?")
write(SINGLE_FILE, single)


# --- The service worker ------------------------------------------------------------------------

# Cache every served file on install; the cache name changes with the build.
files = sorted(f for f in os.listdir(staging) if f not in ("sw.js", SINGLE_FILE))
version = hashlib.sha256("".join(files).encode()).hexdigest()[:16]
write("sw.js", fill("sw.js", CACHE=version, FILES=js_string(["./"] + ["./" + f for f in files])))


# --- Checks ------------------------------------------------------------------------------------

# No placeholder left in any page or script we wrote (the wasm module is checked by `fill`).
for name in ("index.html", SINGLE_FILE, "sw.js", boot, worker):
    text = open(os.path.join(staging, name), encoding="utf-8").read()
    left = sorted(n for n in FILLED if f"__{n}__" in text)
    if left:
        fail(f"{name} still holds placeholders {left}")
index_tags = Tags(open(index_path, encoding="utf-8").read())
if any("src" not in t.attrs for t in index_tags.named("script")):
    fail("index.html still has an inline script")

print(f"postbuild: {wasm} ({len(wasm_bytes)} bytes) now travels in {wasm_module}; loader is {boot}, worker {worker}")
