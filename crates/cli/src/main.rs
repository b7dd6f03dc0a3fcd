//! `annex-a-check`: the Annex A readiness checks from the command line, for analysts' pipelines.
//! The same core as the app (`area_send_core::checks`), run natively.
//!
//! Exit status: 0 no errors; 1 at least one error finding; 2 a file could not be read (the other
//! files are still checked and reported) or the arguments were wrong.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use area_send_core::domain::calendar::uk_date;

use area_send_core::checks::report::{AsOfDates, Finding};
use area_send_core::checks::{Severity, WorkbookError, check, profile, profiles, read_workbook};
use chrono::NaiveDate;
use serde::Serialize;

const USAGE: &str = "\
Usage: annex-a-check --profile <PROFILE> [--json] [--as-of YYYY-MM-DD] [--today YYYY-MM-DD] FILE...

Checks Annex A person-level lists (xlsx, xlsm, xlsb, xls, ods or csv) against a request profile.

Options:
  --profile <PROFILE>   full-2025 or ap-thematic-2023
  --json                print the findings as a JSON array
  --as-of <DATE>        the date the lists' data represents (all lists)
  --today <DATE>        the date to check against (default: today's date)
  -h, --help            show this help

Exit status: 0 no errors, 1 errors found, 2 a file could not be read or bad arguments.";

struct Args {
    profile: String,
    json: bool,
    as_of: Option<NaiveDate>,
    today: Option<NaiveDate>,
    files: Vec<PathBuf>,
}

enum Parsed {
    Run(Args),
    Help,
}

fn parse_date(flag: &str, value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| format!("{flag} needs a date as YYYY-MM-DD, not {value:?}"))
}

fn parse_args() -> Result<Parsed, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let (mut profile, mut json, mut as_of, mut today, mut files) = (None, false, None, None, Vec::new());
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Parsed::Help),
            Long("profile") => {
                profile = Some(parser.value().map_err(|e| e.to_string())?.string().map_err(|e| e.to_string())?)
            }
            Long("json") => json = true,
            Long("as-of") => {
                let v = parser.value().map_err(|e| e.to_string())?.string().map_err(|e| e.to_string())?;
                as_of = Some(parse_date("--as-of", &v)?);
            }
            Long("today") => {
                let v = parser.value().map_err(|e| e.to_string())?.string().map_err(|e| e.to_string())?;
                today = Some(parse_date("--today", &v)?);
            }
            Value(v) => files.push(PathBuf::from(v)),
            other => return Err(other.unexpected().to_string()),
        }
    }
    let profile = profile.ok_or("--profile is required (full-2025 or ap-thematic-2023)")?;
    if files.is_empty() {
        return Err("no files given".into());
    }
    Ok(Parsed::Run(Args { profile, json, as_of, today, files }))
}

/// Today's date in UTC from the system clock (the core never reads the clock; the CLI may).
fn system_today() -> NaiveDate {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    chrono::DateTime::from_timestamp(secs as i64, 0).map(|d| d.date_naive()).unwrap_or_default()
}

/// One finding in `--json` output: exactly these fields.
#[derive(Serialize)]
struct JsonFinding<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
    list: Option<&'a str>,
    row: Option<u32>,
    column: Option<&'a str>,
    severity: Severity,
    rule: &'a str,
    message: &'a str,
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Parsed::Run(a)) => a,
        Ok(Parsed::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("annex-a-check: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let Some(profile) = profile(&args.profile) else {
        let ids: Vec<&str> = profiles().iter().map(|p| p.id.as_str()).collect();
        eprintln!("annex-a-check: unknown profile {:?}; choose one of: {}", args.profile, ids.join(", "));
        return ExitCode::from(2);
    };
    let today = args.today.unwrap_or_else(system_today);

    let mut workbooks = Vec::new();
    let mut unreadable = Vec::new();
    for path in &args.files {
        let name =
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
        let result = match std::fs::read(path) {
            Ok(bytes) => read_workbook(&name, &bytes).map_err(|e| Finding::unreadable(&e)),
            Err(e) => {
                Err(Finding::unreadable(&WorkbookError::CannotOpen { file: name.clone(), detail: e.to_string() }))
            }
        };
        match result {
            Ok(wb) => workbooks.push(wb),
            Err(f) => unreadable.push(f),
        }
    }
    let as_of: AsOfDates = match args.as_of {
        Some(d) => profile.lists.iter().map(|l| (l.id.clone(), d)).collect(),
        None => BTreeMap::new(),
    };
    let report = check(&workbooks, profile, None, &as_of, today);
    let mut findings: Vec<&Finding> = unreadable.iter().collect();
    findings.extend(report.findings.iter());

    if args.json {
        let out: Vec<JsonFinding<'_>> = findings
            .iter()
            .map(|f| JsonFinding {
                file: &f.file,
                sheet: f.sheet.as_deref(),
                list: f.list.as_deref(),
                row: f.row,
                column: f.column.as_deref(),
                severity: f.severity,
                rule: &f.rule,
                message: &f.message,
            })
            .collect();
        match serde_json::to_string_pretty(&out) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("annex-a-check: could not write JSON: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        print_human(profile, today, &unreadable, &report);
    }

    if !unreadable.is_empty() {
        ExitCode::from(2)
    } else if findings.iter().any(|f| f.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") }
}

fn print_human(
    profile: &area_send_core::checks::Profile,
    today: NaiveDate,
    unreadable: &[Finding],
    report: &area_send_core::checks::CheckReport,
) {
    println!("Annex A check: {} ({}), checked against {}", profile.title, profile.id, uk_date(today));
    for f in unreadable {
        println!("\n{}\n  error {}: {}", f.file, f.rule, f.message);
    }
    let s = &report.summary;
    for list in &s.lists {
        let as_of = list
            .data_as_of
            .map(|d| format!("data as of {}", uk_date(d)))
            .unwrap_or_else(|| "data-as-of date not recorded".into());
        println!(
            "\n{} — sheet “{}”: {} ({}, {as_of}): {}, {}, {}",
            list.file,
            list.sheet,
            list.list_name,
            plural(list.rows, "row"),
            plural(list.errors, "error"),
            plural(list.queries, "query"),
            plural(list.warnings, "warning"),
        );
        for f in
            report.findings.iter().filter(|f| f.file == list.file && f.sheet.as_deref() == Some(list.sheet.as_str()))
        {
            let mut place = Vec::new();
            if let Some(r) = f.row {
                place.push(format!("row {r}"));
            }
            if let Some(c) = &f.column {
                place.push(format!("“{c}”"));
            }
            let place = if place.is_empty() { String::new() } else { format!("{}: ", place.join(", ")) };
            println!("  {:<7} {:<24} {place}{}", f.severity.as_str(), f.rule, f.message);
            println!("          {:<24} How to fix: {}", "", f.how_to_fix);
        }
    }
    for f in report.findings.iter().filter(|f| f.sheet.is_none()) {
        println!("\n{}\n  {} {}: {}", f.list.as_deref().unwrap_or(""), f.severity.as_str(), f.rule, f.message);
    }
    println!(
        "\nTotal: {}, {}, {}.",
        plural(s.errors + unreadable.len(), "error"),
        plural(s.queries, "query"),
        plural(s.warnings, "warning")
    );
}
