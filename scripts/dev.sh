#!/usr/bin/env bash
# One entry point for set-up, running and testing. Every step installs what is missing and
# skips what is already there, so running it again is quick.
#
#   bash scripts/dev.sh serve   build the app and serve it at http://127.0.0.1:8080/
#   bash scripts/dev.sh test    run every test: host unit tests, LibreOffice reading the office
#                               exports, release build, browser tests
#   bash scripts/dev.sh build   release build into dist/
#   bash scripts/dev.sh bench   print asset sizes against the budget and the benchmarks
#
# Tools come only from crates.io, Debian apt and npm (see ../shared/conventions/toolchain.md):
# nothing here downloads a binary from anywhere else.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

TRUNK_VERSION=0.21.14
CARGO_DENY_VERSION=0.20.2

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  step "Installing from Debian: $*"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_rust_tools() {
  command -v cargo >/dev/null || { echo "Rust is not installed: install it with rustup (https://rustup.rs) first." >&2; exit 1; }
  command -v python3 >/dev/null || apt_install python3
  rustup target list --installed | grep -qx wasm32-unknown-unknown || { step "Adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
  { cargo fmt --version && cargo clippy --version; } >/dev/null 2>&1 || { step "Adding rustfmt and clippy"; rustup component add rustfmt clippy; }
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    step "Installing trunk $TRUNK_VERSION from crates.io (about 12 minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  # wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock, or trunk tries to download one.
  local bindgen
  bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen" ]; then
    step "Installing wasm-bindgen-cli $bindgen from crates.io (about 4 minutes, once)"
    # Not --locked: its lockfile pins a crate version the registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$bindgen"
  fi
  step "Fetching crates"
  cargo fetch --quiet
}

ensure_cargo_deny() {
  if [ "$(cargo deny --version 2>/dev/null)" != "cargo-deny $CARGO_DENY_VERSION" ]; then
    step "Installing cargo-deny $CARGO_DENY_VERSION from crates.io (about 4 minutes, once)"
    cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked
  fi
}

# npm packages: wasm-opt (binaryen) for release builds, and the browser-test tools.
ensure_node_packages() {
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "Installing build and test packages from npm"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_browser_tools() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi
  ensure_node_packages
}

# LibreOffice, the independent reader of our Word, Excel and OpenDocument files (the office-suite test).
ensure_office() {
  command -v soffice >/dev/null || apt_install libreoffice-writer-nogui libreoffice-calc-nogui
}

build_release() {
  ensure_node_packages
  step "Release build (trunk, then wasm-opt: about 1 minute more)"
  trunk build --release --offline --skip-version-check
  report_sizes
}

# Raw and gzip size of every file the browser loads, so growth shows up in every test run. The
# single-file page is for opening from disk, never served, so it is not in the total.
report_sizes() {
  python3 - <<'PY'
import gzip, os
SINGLE = "area-send-single-file.html"
rows = [(f, os.path.getsize(os.path.join("dist", f)), len(gzip.compress(open(os.path.join("dist", f), "rb").read(), 9)))
        for f in sorted(os.listdir("dist"))]
for name, raw, gz in rows:
    print(f"    {name:<40} {raw:>10,} B raw {gz:>9,} B gzip{'  (not served)' if name == SINGLE else ''}")
served = [r for r in rows if r[0] != SINGLE]
total = sum(r[2] for r in served)
print(f"    {'total served':<40} {sum(r[1] for r in served):>10,} B raw {total:>9,} B gzip (budget 1,000,000: {'within' if total <= 1_000_000 else 'OVER'})")
PY
}

# Known-vulnerability check against the RustSec database, which lives on GitHub. Where GitHub
# cannot be reached (as on the build machines this was written on) say so plainly; where it can,
# a vulnerable dependency fails the run.
security_advisories() {
  step "Supply chain: security advisories (cargo deny check advisories)"
  if timeout 20 git ls-remote https://github.com/rustsec/advisory-db HEAD >/dev/null 2>&1; then
    cargo deny check advisories
  else
    echo "    NOT CHECKED: the RustSec advisory database (github.com) cannot be reached from this machine."
    echo "    Run 'cargo deny check advisories' on a machine that can reach GitHub."
  fi
}

timed() {
  local name=$1; shift
  local start=$SECONDS
  "$@"
  printf '    %s: %ss\n' "$name" $((SECONDS - start)) | tee -a "$TIMINGS"
}

case "${1:-}" in
  serve)
    ensure_rust_tools
    step "Serving at http://127.0.0.1:8080/ (the built-in example partnership opens on first visit; Ctrl+C stops)"
    trunk serve --offline --skip-version-check
    ;;
  build)
    ensure_rust_tools
    build_release
    ;;
  bench)
    ensure_rust_tools
    ensure_browser_tools
    build_release
    step "Benchmarks (figures only; nothing here fails on time)"
    cargo bench --offline --bench merge
    DELIVERY_BENCH_KEEP="$PWD/target/three-year-plan.json" cargo bench --offline --bench delivery
    THREE_YEAR_PLAN="$PWD/target/three-year-plan.json" node tests/bench/app.mjs
    node tests/bench/browser.mjs
    ;;
  test)
    TIMINGS=$(mktemp)
    total=$SECONDS
    timed "set-up" ensure_rust_tools
    timed "set-up (browser)" ensure_browser_tools
    timed "set-up (cargo-deny)" ensure_cargo_deny
    timed "set-up (LibreOffice)" ensure_office
    step "Supply chain: licences, bans and sources (cargo deny; see deny.toml)"
    timed "supply chain" cargo deny --offline check licenses bans sources
    security_advisories
    step "Formatting (cargo fmt --check; rustfmt.toml)"
    timed "formatting" cargo fmt --all --check
    step "Lints (cargo clippy, every warning an error)"
    timed "lints" cargo clippy --offline --workspace --all-targets --quiet -- -D warnings
    step "Host tests (cargo test)"
    # Snapshots are compared, never written: a changed output fails until a person accepts it.
    INSTA_UPDATE=no timed "host tests" cargo test --offline --workspace
    step "Office-suite test (LibreOffice opens every Word, Excel and OpenDocument export and finds the web page's text)"
    timed "office-suite test" cargo test --offline -p area-send-core --test export_readers -- --ignored
    timed "release build" build_release
    step "Browser tests (headless Chromium against dist/)"
    timed "browser tests" npm run --silent e2e
    step "All tests passed"
    cat "$TIMINGS"
    printf '    total: %ss\n' $((SECONDS - total))
    ;;
  *)
    sed -n '2,13p' "$0"
    exit 2
    ;;
esac
