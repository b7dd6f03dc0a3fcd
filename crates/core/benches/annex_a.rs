//! Annex A load-and-check benchmark (prints figures; asserts nothing about time).
//!
//! `cargo bench --bench annex_a` generates a fictional 100,000-row List 1 (all 21 columns) as
//! xlsx, then measures, each in a fresh child process so peak memory is its own:
//!
//! - the baseline: calamine parsing the workbook alone (this benchmark names calamine directly,
//!   as the thing measured; the app names it only in `crates/sheets`);
//! - the app's native load + check: `read_workbook` then `check` with the full-2025 profile.
//!
//! It prints seconds (best of 3), the ratio load+check / parse, rows per second and peak resident
//! memory (VmHWM from /proc/self/status). Set `ANNEX_A_BENCH_ROWS` to change the row count, and
//! `ANNEX_A_BENCH_KEEP` to a path to keep the generated workbook for the browser benchmark.
//!
//! Then findings at scale, each in its own child: a clean 200,000-row List 1 as CSV against the
//! same list with one UPN on every row (about 200,000 UPN-DUPLICATE errors), through the whole
//! session (`checks::session::run`, as the command and the worker run it), time and peak RSS
//! side by side, and the same list with five findings a row (a million findings); then the
//! findings Excel file made from each check, its time and the peak RSS after it.
//! `ANNEX_A_BENCH_SCALE_ROWS` changes the row count; `ANNEX_A_BENCH_ONLY=scale`
//! skips the first part.
//!
//! Last, very wide sheets: List 1's headers followed by blank-free extra columns to 10,000 and
//! 16,384 (Excel's most) columns, five rows of data, as xlsx and CSV through the whole session,
//! beside the same number of cells laid out 21 columns wide (`ANNEX_A_BENCH_ONLY=wide`).

use std::io::Cursor;
use std::process::Command;
use std::time::Instant;

use area_send_core::checks::example_data::{Value, clean_rows, example_as_of, synthetic_list_xlsx, xlsx_from_rows};
use area_send_core::checks::headers::propose_mapping;
use area_send_core::checks::report::AsOfDates;
use area_send_core::checks::rules::{FAMILIES, ListData};
use area_send_core::checks::session::{self, CheckRequest, InputFile, WorkerMessage};
use area_send_core::checks::{ReadOptions, check, profile, read_workbook};
use area_send_core::domain::project::Project;
use area_send_core::export::downloads::{self, Format};
use calamine::Reader;
use chrono::NaiveDate;

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn best_of_3(mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut out = 0;
    for _ in 0..3 {
        let start = Instant::now();
        out = f();
        best = best.min(start.elapsed().as_secs_f64());
    }
    (best, out)
}

/// Child process: measure one thing and print `key=value` lines.
fn child(mode: &str, path: &str) {
    let bytes = std::fs::read(path).expect("benchmark file");
    match mode {
        "parse" => {
            let (secs, cells) = best_of_3(|| {
                let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.as_slice())).expect("parse");
                let mut cells = 0;
                for name in wb.sheet_names() {
                    let range = wb.worksheet_range(&name).expect("sheet");
                    let (h, w) = range.get_size();
                    cells += h * w;
                }
                cells
            });
            println!("secs={secs}\ncells={cells}\nrss={}", peak_rss_mb());
        }
        "check" => {
            let p = profile("full-2025").expect("profile");
            let as_of: AsOfDates = p.lists.iter().map(|l| (l.id.clone(), example_as_of())).collect();
            let today = NaiveDate::from_ymd_opt(2025, 11, 20).expect("date");
            let (secs, findings) = best_of_3(|| {
                let wb = read_workbook("list1.xlsx", &bytes, ReadOptions::default()).expect("read");
                let report = check(std::slice::from_ref(&wb), p, None, &as_of, today);
                report.findings.len()
            });
            // Time the two halves once more, separately, to show where the time goes.
            let start = Instant::now();
            let wb = read_workbook("list1.xlsx", &bytes, ReadOptions::default()).expect("read");
            let load = start.elapsed().as_secs_f64();
            let start = Instant::now();
            let report = check(std::slice::from_ref(&wb), p, None, &as_of, today);
            let checks = start.elapsed().as_secs_f64();
            let rows: usize = report.summary.lists.iter().map(|l| l.rows).sum();
            println!(
                "secs={secs}\nfindings={findings}\nrows={rows}\nload={load}\nchecks={checks}\nrss={}",
                peak_rss_mb()
            );
            // And the checks by rule family, to show which one to look at next.
            let mapping = propose_mapping(std::slice::from_ref(&wb), p);
            let sheet = &mapping.sheets[0];
            let list = p.list(sheet.list.as_deref().expect("List 1 found")).expect("list");
            let start = Instant::now();
            let data = ListData::new(p, list, &wb, &wb.sheets[0], sheet, Some(example_as_of()), today);
            println!("family_preparing={}", start.elapsed().as_secs_f64());
            for (name, family) in FAMILIES {
                let start = Instant::now();
                family(&data, &mut Vec::new());
                println!("family_{name}={}", start.elapsed().as_secs_f64());
            }
        }
        "session" | "session+excel" => {
            let p = profile("full-2025").expect("profile");
            let request = CheckRequest {
                profile: p.id.clone(),
                as_of: p.lists.iter().map(|l| (l.id.clone(), example_as_of())).collect(),
                today: NaiveDate::from_ymd_opt(2025, 11, 20).expect("date"),
                explanations: Default::default(),
                overrides: Vec::new(),
            };
            let start = Instant::now();
            let files = [InputFile { name: "list1.csv".into(), bytes: Ok(bytes) }];
            let outcome = session::run(&request, files, 1, &mut |_| {}).expect("session");
            let secs = start.elapsed().as_secs_f64();
            let findings = outcome.all_findings().count();
            println!("secs={secs}\nfindings={findings}\nrss={}", peak_rss_mb());
            // Then as the app's worker hands it to the page (the overview and first page; the
            // worker keeps the rest), and as the page reads it.
            let start = Instant::now();
            let json = WorkerMessage::Done(Box::new(outcome.overview(session::PAGE_SIZE))).to_json();
            let back = WorkerMessage::from_json(&json);
            println!("worker_secs={}\nworker_mb={}", start.elapsed().as_secs_f64(), json.len() as f64 / 1e6);
            drop(json);
            println!("worker_rss={}", peak_rss_mb());
            if mode == "session+excel" {
                // The findings Excel file, as the worker makes it from the check it kept.
                let start = Instant::now();
                let made = downloads::findings(&Project::default(), &outcome, Format::Xlsx, &mut |_| {})
                    .expect("findings file");
                println!("excel_secs={}\nexcel_mb={}", start.elapsed().as_secs_f64(), made.bytes.len() as f64 / 1e6);
                println!("excel_rss={}", peak_rss_mb());
                std::mem::forget(made);
            }
            std::mem::forget(back);
            std::mem::forget(outcome);
        }
        _ => panic!("unknown mode {mode}"),
    }
}

fn measure(mode: &str, path: &str) -> std::collections::HashMap<String, f64> {
    let exe = std::env::current_exe().expect("current exe");
    let out =
        Command::new(exe).env("ANNEX_A_BENCH_CHILD", mode).env("ANNEX_A_BENCH_FILE", path).output().expect("run child");
    assert!(out.status.success(), "{mode} child failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once('=').and_then(|(k, v)| v.parse().ok().map(|v| (k.to_string(), v))))
        .collect()
}

/// Rows as CSV, every field quoted, dates as DD/MM/YYYY.
fn csv_from_rows(rows: &[Vec<Value>]) -> Vec<u8> {
    let mut out = String::new();
    for row in rows {
        let fields: Vec<String> = row
            .iter()
            .map(|v| match v {
                Value::Blank => String::new(),
                Value::Text(t) => format!("\"{}\"", t.replace('"', "\"\"")),
                Value::Number(n) => n.to_string(),
                Value::Date(d) => d.format("%d/%m/%Y").to_string(),
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A clean list against the same list with about one finding a row, through the whole session.
fn findings_at_scale() {
    let n_rows: u64 = std::env::var("ANNEX_A_BENCH_SCALE_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(200_000);
    let p = profile("full-2025").expect("profile");
    let clean = clean_rows(p, "list-1", n_rows);
    let upn = p.list("list-1").and_then(|l| l.columns.iter().position(|c| c.key == "upn")).expect("UPN column");
    let mut dirty = clean.clone();
    let first = dirty[1][upn].clone();
    for row in dirty.iter_mut().skip(2) {
        row[upn] = first.clone();
    }
    // Five a row: a million findings from 200,000 rows.
    let list = p.list("list-1").expect("List 1");
    let at = |key: &str| list.columns.iter().position(|c| c.key == key).expect("column");
    let mut five = dirty.clone();
    for row in five.iter_mut().skip(1) {
        row[at("sen_primary_need")] = "AUTISM".into();
        row[at("absence")] = "120".into();
        row[at("date_of_birth")] = "31/02/2015".into();
        row[at("gender")] = "x".into();
    }
    let mut figures = Vec::new();
    for (name, rows) in [("clean", &clean), ("one finding a row", &dirty), ("five findings a row", &five)] {
        let path = std::env::temp_dir().join(format!("annex-a-bench-{}-{name}.csv", std::process::id()));
        let path =
            path.with_file_name(path.file_name().map(|f| f.to_string_lossy().replace(' ', "-")).unwrap_or_default());
        std::fs::write(&path, csv_from_rows(rows)).expect("write CSV");
        figures.push((name, measure("session+excel", &path.to_string_lossy())));
        // Kept, for timing the command on them (`/usr/bin/time -v area-send check ...`).
        match std::env::var("ANNEX_A_BENCH_KEEP_CSV") {
            Ok(dir) => {
                let _ = std::fs::rename(&path, std::path::Path::new(&dir).join(path.file_name().unwrap_or_default()));
            }
            Err(_) => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    println!("Annex A findings at scale: fictional List 1, {n_rows} rows as CSV, whole session (read + check)");
    for (name, f) in &figures {
        println!(
            "  {name:<20} {:>7.3} s  {:>9} findings  peak RSS {:>6.0} MB;  to the page: {:>6.1} MB of JSON, {:.3} s there and back, peak RSS then {:>6.0} MB;  findings Excel file {:.1} MB in {:.3} s, peak RSS then {:>6.0} MB",
            f["secs"],
            f["findings"],
            f["rss"],
            f["worker_mb"],
            f["worker_secs"],
            f["worker_rss"],
            f["excel_mb"],
            f["excel_secs"],
            f["excel_rss"]
        );
    }
}

/// The same cells wide and narrow, through the whole session (best of 3, in this process).
fn wide_sheets() {
    let p = profile("full-2025").expect("profile");
    let request = CheckRequest::new(&p.id, NaiveDate::from_ymd_opt(2025, 11, 20).expect("date"));
    let session_secs = |name: &str, bytes: &[u8]| {
        best_of_3(|| {
            let files = [InputFile { name: name.into(), bytes: Ok(bytes.to_vec()) }];
            session::run(&request, files, 1, &mut |_| {}).expect("session").all_findings().count()
        })
    };
    println!("Annex A very wide sheets: List 1's headers then extra columns, 5 rows of data, whole session");
    for width in [10_000, 16_384] {
        let mut wide = clean_rows(p, "list-1", 5);
        let base = wide[0].len();
        for (r, row) in wide.iter_mut().enumerate() {
            row.extend((base..width).map(|c| Value::Text(if r == 0 { format!("Extra {c}") } else { format!("v{c}") })));
        }
        // The same number of cells, 21 columns wide.
        let narrow = clean_rows(p, "list-1", (width * wide.len() / base) as u64 - 1);
        let mut line = format!("  {width:>6} columns x {} rows:", wide.len());
        let mut ratios = Vec::new();
        for (kind, wide_bytes, narrow_bytes) in [
            ("xlsx", xlsx_from_rows(&[("List 1", wide.clone())]).expect("xlsx"), synthetic_bytes(&narrow)),
            ("CSV", csv_from_rows(&wide), csv_from_rows(&narrow)),
        ] {
            let name = format!("wide.{}", kind.to_lowercase());
            let (w, _) = session_secs(&name, &wide_bytes);
            let (n, _) = session_secs(&name, &narrow_bytes);
            line += &format!(" {kind} {w:.3} s (narrow, {} rows: {n:.3} s);", narrow.len());
            ratios.push(format!("{kind} {:.2}", w / n));
        }
        println!("{line} ratio wide / narrow: {}", ratios.join(", "));
    }
}

fn synthetic_bytes(rows: &[Vec<Value>]) -> Vec<u8> {
    xlsx_from_rows(&[("List 1", rows.to_vec())]).expect("xlsx")
}

fn main() {
    if std::env::var("ANNEX_A_BENCH_ONLY").as_deref() == Ok("wide") {
        wide_sheets();
        return;
    }
    if let (Ok(mode), Ok(path)) = (std::env::var("ANNEX_A_BENCH_CHILD"), std::env::var("ANNEX_A_BENCH_FILE")) {
        child(&mode, &path);
        return;
    }
    if std::env::var("ANNEX_A_BENCH_ONLY").as_deref() == Ok("scale") {
        findings_at_scale();
        wide_sheets();
        return;
    }
    let n_rows: u64 = std::env::var("ANNEX_A_BENCH_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let p = profile("full-2025").expect("profile");
    let start = Instant::now();
    let bytes = synthetic_list_xlsx(p, "list-1", n_rows).expect("generate");
    let generated = start.elapsed().as_secs_f64();
    let path = std::env::temp_dir().join(format!("annex-a-bench-{}-{n_rows}.xlsx", std::process::id()));
    std::fs::write(&path, &bytes).expect("write benchmark file");
    let path_str = path.to_string_lossy().to_string();

    let parse = measure("parse", &path_str);
    let checked = measure("check", &path_str);
    // The browser benchmark (tests/bench/browser.mjs) loads the very same file.
    match std::env::var("ANNEX_A_BENCH_KEEP") {
        Ok(keep) => std::fs::rename(&path, &keep)
            .or_else(|_| std::fs::copy(&path, &keep).map(|_| ()))
            .expect("keep benchmark file"),
        Err(_) => {
            let _ = std::fs::remove_file(&path);
        }
    }

    let parse_s = parse["secs"];
    let check_s = checked["secs"];
    println!(
        "Annex A benchmark: fictional List 1, {n_rows} rows x 21 columns ({:.1} MB xlsx, generated in {generated:.2} s)",
        bytes.len() as f64 / 1e6
    );
    println!(
        "  native calamine parse alone (baseline): {parse_s:.3} s  ({} cells; peak RSS {:.0} MB)",
        parse["cells"], parse["rss"]
    );
    println!(
        "  native load + check:                    {check_s:.3} s  (load {:.3} s + checks {:.3} s; {} findings; peak RSS {:.0} MB)",
        checked["load"], checked["checks"], checked["findings"], checked["rss"]
    );
    let families: Vec<String> = std::iter::once("preparing")
        .chain(FAMILIES.iter().map(|(name, _)| *name))
        .map(|name| format!("{name} {:.3}", checked[&format!("family_{name}")]))
        .collect();
    println!("  checks by rule family (s):              {}", families.join(", "));
    println!("  ratio load+check / parse:               {:.2}", check_s / parse_s);
    println!("  rows per second (load + check):         {:.0}", checked["rows"] / check_s);
    findings_at_scale();
    wide_sheets();
}
