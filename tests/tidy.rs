//! Architecture invariants from ARCHITECTURE.md, checked on every `cargo test`.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lines that are code, not comments.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//"))
}

/// Lines in `dir` (and `dir.rs`) that use a web crate or the UI.
fn web_uses(module: &str) -> Vec<String> {
    let forbidden = ["yew", "web_sys", "wasm_bindgen", "js_sys", "gloo"];
    let mut found = Vec::new();
    let mut files = rust_files(&root().join("src").join(module));
    files.push(root().join("src").join(format!("{module}.rs")));
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in code_lines(&text) {
            if forbidden.iter().any(|f| line.contains(&format!("{f}::")) || line.contains(&format!("use {f}")))
                || line.contains("crate::ui")
            {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn domain_core_has_no_web_dependencies() {
    let found = web_uses("domain");
    assert!(found.is_empty(), "the domain core must not use web crates:\n{}", found.join("\n"));
}

#[test]
fn exporters_have_no_web_dependencies() {
    let found = web_uses("export");
    assert!(found.is_empty(), "exporters must not use web crates or the UI:\n{}", found.join("\n"));
}

#[test]
fn checks_core_has_no_web_dependencies() {
    let found = web_uses("checks");
    assert!(found.is_empty(), "the checks core must not use web crates or the UI:\n{}", found.join("\n"));
}

#[test]
fn file_writers_are_leaves() {
    let forbidden = ["crate::", "super::", "yew", "web_sys", "wasm_bindgen", "js_sys", "gloo"];
    let mut found = Vec::new();
    for file in ["src/xlsx_writer.rs", "src/zip_writer.rs"] {
        let text = fs::read_to_string(root().join(file)).unwrap();
        found.extend(
            code_lines(&text)
                .filter(|(_, line)| {
                    let line = line.trim_start();
                    forbidden.iter().any(|f| line.contains(f))
                        && !line.starts_with("use super::*")
                        && !line.starts_with("use crate::zip_writer::")
                })
                .map(|(n, line)| format!("{file}:{}: {}", n + 1, line.trim())),
        );
    }
    assert!(
        found.is_empty(),
        "the file writers are used by checks and export, so they may use neither (only each other), nor the UI:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_the_sheets_crate_names_calamine() {
    let mut found = Vec::new();
    for file in rust_files(&root().join("src")) {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in code_lines(&text) {
            if line.contains("calamine") {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "only crates/sheets may name calamine:\n{}", found.join("\n"));
}

#[test]
fn only_ui_browser_touches_storage_files_and_downloads() {
    let apis = ["local_storage", "create_object_url", "array_buffer", "set_item("];
    let mut found = Vec::new();
    for file in rust_files(&root().join("src")) {
        if file.ends_with("ui/browser.rs") {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in code_lines(&text) {
            if apis.iter().any(|a| line.contains(a)) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "browser storage/file/download calls belong in ui/browser.rs:\n{}", found.join("\n"));
}

#[test]
fn page_forbids_connections_and_loads_nothing_from_elsewhere() {
    let html = fs::read_to_string(root().join("index.html")).unwrap();
    let csp_start = html.find("Content-Security-Policy").expect("index.html has a CSP");
    let csp = &html[csp_start..html[csp_start..].find('>').unwrap() + csp_start];
    for directive in
        ["default-src 'none'", "connect-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'"]
    {
        assert!(csp.contains(directive), "CSP lacks {directive}: {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "no inline script or style");
    let mut files = vec![root().join("index.html")];
    files.extend(fs::read_dir(root().join("styles")).unwrap().map(|e| e.unwrap().path()));
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("http://") && !text.contains("https://") && !text.contains("//cdn"),
            "{} refers to another origin",
            file.display()
        );
    }
}
