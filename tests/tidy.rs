//! Architecture invariants from ARCHITECTURE.md that Cargo cannot check by itself, run on every
//! `cargo test`. Cargo keeps the crates in order (the core cannot name the app); these keep the
//! layers inside the core in order, the core's dependency tree free of browser crates, and the
//! few rules about who may touch calamine, storage and the network.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Every code line in `files` containing any of `needles`, as `file:line: text`.
fn lines_naming(files: &[PathBuf], needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(file).unwrap();
        for (n, line) in code_lines(&text) {
            if needles.iter().any(|needle| line.contains(needle)) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

/// A layer of the core: its folder and its root file.
fn core_layer(name: &str) -> Vec<PathBuf> {
    let src = root().join("crates/core/src");
    let mut files = rust_files(&src.join(name));
    files.push(src.join(format!("{name}.rs")));
    files
}

const WEB_CRATES: [&str; 6] = ["yew", "yew-router", "web-sys", "js-sys", "wasm-bindgen", "gloo"];

#[test]
fn core_sheets_and_cli_depend_on_no_browser_crate() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    for package in ["area-send-core", "area-send-sheets", "area-send-cli"] {
        let out = Command::new(&cargo)
            .current_dir(root())
            .args(["tree", "--offline", "-p", package, "-e", "normal,build", "--prefix", "none", "--format", "{p}"])
            .output()
            .unwrap();
        assert!(out.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&out.stderr));
        let tree = String::from_utf8_lossy(&out.stdout);
        let names: Vec<&str> = tree.lines().filter_map(|l| l.split_whitespace().next()).collect();
        assert!(names.contains(&package), "cargo tree printed no {package}: {tree}");
        let web: Vec<&&str> = names.iter().filter(|n| WEB_CRATES.contains(n) || n.starts_with("gloo")).collect();
        assert!(web.is_empty(), "{package} must not depend on browser crates, but pulls in {web:?}");
    }
}

#[test]
fn layers_inside_the_core_point_down_only() {
    // domain ← checks ← export, and the writers beneath them all.
    let rules: [(&str, &[&str]); 4] = [
        ("write", &["crate::domain", "crate::checks", "crate::export"]),
        ("domain", &["crate::checks", "crate::export"]),
        ("checks", &["crate::export"]),
        ("export", &[]),
    ];
    let mut found = Vec::new();
    for (layer, above) in rules {
        found.extend(lines_naming(&core_layer(layer), above));
    }
    assert!(found.is_empty(), "a layer of the core names one above it:\n{}", found.join("\n"));
}

#[test]
fn file_writers_name_only_each_other() {
    let found: Vec<String> = lines_naming(&core_layer("write"), &["crate::", "super::"])
        .into_iter()
        .filter(|l| !l.contains("crate::write::") && !l.ends_with("use super::*;"))
        .collect();
    assert!(found.is_empty(), "the file writers are leaves (only each other):\n{}", found.join("\n"));
}

#[test]
fn only_the_sheets_crate_names_calamine() {
    let mut files = rust_files(&root().join("src"));
    files.extend(rust_files(&root().join("crates/core/src")));
    files.extend(rust_files(&root().join("crates/cli/src")));
    let found = lines_naming(&files, &["calamine"]);
    assert!(found.is_empty(), "only crates/sheets may name calamine:\n{}", found.join("\n"));
}

#[test]
fn only_the_apps_browser_module_touches_storage_files_and_downloads() {
    let files: Vec<PathBuf> =
        rust_files(&root().join("src")).into_iter().filter(|f| !f.ends_with("browser.rs")).collect();
    let found = lines_naming(&files, &["local_storage", "create_object_url", "array_buffer", "set_item("]);
    assert!(found.is_empty(), "browser storage/file/download calls belong in src/browser.rs:\n{}", found.join("\n"));
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
    if let Ok(js) = fs::read_dir(root().join("src/js")) {
        files.extend(js.map(|e| e.unwrap().path()));
    }
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("http://") && !text.contains("https://") && !text.contains("//cdn"),
            "{} refers to another origin",
            file.display()
        );
    }
}

#[test]
fn the_top_level_is_the_design_cards() {
    // The design card fixes these; the rest are small tool files the tests and builds need.
    let allowed = [
        "Cargo.toml",
        "Cargo.lock",
        "src",
        "index.html",
        "styles",
        "tests",
        "Trunk.toml",
        "README.md",
        "ARCHITECTURE.md",
        "crates",
        "scripts",
        "rustfmt.toml",
        "deny.toml",
        "package.json",
        "package-lock.json",
        ".cargo",
        ".ci",
        ".git",
        ".gitignore",
    ];
    let out = Command::new("git").current_dir(root()).args(["ls-files"]).output().unwrap();
    let mut tops: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('/').next().unwrap_or_default().to_string())
        .collect();
    tops.dedup();
    let extra: Vec<&String> = tops.iter().filter(|t| !allowed.contains(&t.as_str())).collect();
    assert!(extra.is_empty() || !out.status.success(), "unexpected top-level entries: {extra:?}");
}
