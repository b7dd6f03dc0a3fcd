//! Turns the embedded TOML data (framework editions, Annex A request profiles, one-off bank
//! holidays, glossary) into JSON in OUT_DIR. The app then reads it with serde_json, which it
//! links anyway, instead of carrying a TOML parser in the wasm (about 200 KB of the module).
//! The TOML files stay the source analysts read and edit; a mistake in one fails the build with
//! the file name and line. It also writes the SHA-256 of the family review page's inline
//! script and style (`src/export/review_page.{js,css}`) for that page's Content-Security-Policy.

use std::path::Path;

const DATA: &[&str] = &[
    "src/domain/editions/area-send-2025.toml",
    "src/domain/editions/area-send-2023.toml",
    "src/domain/calendar/england-and-wales-one-offs.toml",
    "src/domain/glossary/glossary.toml",
    "src/checks/profiles/full-2025.toml",
    "src/checks/profiles/ap-thematic-2023.toml",
    "src/checks/profiles/local-offer-2026.toml",
];

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for path in DATA {
        println!("cargo::rerun-if-changed={path}");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let value: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{path} is not valid TOML: {e}"));
        let json = serde_json::to_string(&value).expect("TOML values are JSON values");
        let name = Path::new(path).file_stem().expect("a file name");
        std::fs::write(Path::new(&out).join(name).with_extension("json"), json).expect("write to OUT_DIR");
    }
    review_page_hashes(Path::new(&out));
}

/// `'sha256-…'` CSP sources for the review page's script and style, as Rust constants.
fn review_page_hashes(out: &Path) {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let mut consts = String::new();
    for (name, path) in [("SCRIPT_HASH", "src/export/review_page.js"), ("STYLE_HASH", "src/export/review_page.css")] {
        println!("cargo::rerun-if-changed={path}");
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&bytes));
        consts.push_str(&format!("const {name}: &str = \"'sha256-{hash}'\";\n"));
    }
    std::fs::write(out.join("review_page_hashes.rs"), consts).expect("write to OUT_DIR");
}
