//! `area-send check` (also `annex-a-check`): the Annex A readiness checks, as the app's worker
//! runs them (`checks::session`).
//!
//! Exit status: 0 no errors; 1 at least one error finding; 2 a file could not be read (the other
//! files are still checked and reported) or the arguments were wrong.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use area_send_core::checks::report::AsOfDates;
use area_send_core::checks::session::{self, CheckOutcome, CheckRequest, InputFile};
use area_send_core::checks::{Profile, Severity, profile, profiles};
use area_send_core::domain::calendar::uk_date;
use area_send_core::domain::counting;
use chrono::NaiveDate;
use serde::Serialize;

use crate::{fail, file_name, parse_date, system_today, value};

fn usage(program: &str) -> String {
    format!(
        "\
Usage: {program} --profile <PROFILE> [--json] [--values] [--as-of YYYY-MM-DD] [--today YYYY-MM-DD]
       [--annotate DIR] FILE...

Checks Annex A person-level lists (xlsx, xlsm, xlsb, xls, ods or csv) against a request profile.

Options:
  --profile <PROFILE>   {}
  --json                print the findings as a JSON array
  --values              show each finding's cell value (on screen only; never in --json)
  --as-of <DATE>        the date the lists' data represents (all lists)
  --today <DATE>        the date to check against (default: today's date)
  --annotate <DIR>      also write a marked-up copy of each checked file into DIR (problem cells
                        filled, a findings column and sheet); it holds person-level data
  -h, --help            show this help

Exit status: 0 no errors, 1 errors found, 2 a file could not be read or bad arguments.",
        profile_ids().join(" or ")
    )
}

fn profile_ids() -> Vec<&'static str> {
    profiles().iter().map(|p| p.id.as_str()).collect()
}

struct Args {
    profile: String,
    json: bool,
    values: bool,
    as_of: Option<NaiveDate>,
    today: Option<NaiveDate>,
    annotate: Option<PathBuf>,
    files: Vec<PathBuf>,
}

/// `None` when help was asked for.
fn parse(args: Vec<OsString>) -> Result<Option<Args>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let (mut profile, mut json, mut values, mut as_of, mut today, mut annotate, mut files) =
        (None, false, false, None, None, None, Vec::new());
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("profile") => profile = Some(value(&mut parser)?),
            Long("json") => json = true,
            Long("values") => values = true,
            Long("as-of") => as_of = Some(parse_date("--as-of", &value(&mut parser)?)?),
            Long("today") => today = Some(parse_date("--today", &value(&mut parser)?)?),
            Long("annotate") => annotate = Some(PathBuf::from(value(&mut parser)?)),
            Value(v) => files.push(PathBuf::from(v)),
            other => return Err(other.unexpected().to_string()),
        }
    }
    let profile = profile.ok_or_else(|| format!("--profile is required ({})", profile_ids().join(" or ")))?;
    if files.is_empty() {
        return Err("no files given".into());
    }
    Ok(Some(Args { profile, json, values, as_of, today, annotate, files }))
}

/// One finding in `--json` output: exactly these fields (never the cell's value).
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

pub fn run(program: &str, args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let args = match parse(args) {
        Ok(Some(args)) => args,
        Ok(None) => {
            let _ = writeln!(out, "{}", usage(program));
            return 0;
        }
        Err(e) => return fail(err, program, &e, &usage(program)),
    };
    let Some(profile) = profile(&args.profile) else {
        let message = format!("unknown profile {:?}; choose one of: {}", args.profile, profile_ids().join(", "));
        let _ = writeln!(err, "{program}: {message}");
        return 2;
    };
    let as_of: AsOfDates = match args.as_of {
        Some(d) => profile.lists.iter().map(|l| (l.id.clone(), d)).collect(),
        None => AsOfDates::new(),
    };
    let request = CheckRequest {
        profile: profile.id.clone(),
        as_of,
        today: args.today.unwrap_or_else(system_today),
        explanations: Default::default(),
        overrides: Vec::new(),
    };
    let files = args
        .files
        .iter()
        .map(|path| InputFile { name: file_name(path), bytes: std::fs::read(path).map_err(|e| e.to_string()) });
    let outcome = match session::run(&request, files, args.files.len(), &mut |_| {}) {
        Ok(outcome) => outcome,
        Err(e) => {
            let _ = writeln!(err, "{program}: {}", visible(&e.to_string()));
            return 2;
        }
    };

    // Written as it is made, not gathered into one string: a million findings print in a few
    // hundred MB less.
    let mut out = std::io::BufWriter::new(out);
    if args.json {
        use serde::Serializer as _;
        let findings = outcome.all_findings().map(|f| JsonFinding {
            file: &f.file,
            sheet: f.sheet.as_deref(),
            list: f.list.as_deref(),
            row: f.row,
            column: f.column.as_deref(),
            severity: f.severity,
            rule: f.rule,
            message: &f.message,
        });
        let mut json = serde_json::Serializer::pretty(&mut out);
        match json.collect_seq(findings) {
            Ok(()) => {
                let _ = writeln!(out);
            }
            Err(e) if e.is_io() => {}
            Err(e) => {
                let _ = writeln!(err, "{program}: could not write JSON: {e}");
                return 2;
            }
        }
    } else {
        print_human(&mut out, profile, request.today, &outcome, args.values);
    }
    let _ = out.flush();
    if let Some(dir) = &args.annotate
        && let Err(e) = annotate(dir, &args.files, &outcome, request.today, err)
    {
        let _ = writeln!(err, "{program}: {}", visible(&e));
        return 2;
    }

    if !outcome.unreadable.is_empty() {
        2
    } else if outcome.has_errors() {
        1
    } else {
        0
    }
}

/// Writes a marked-up copy of each file that held a list into `dir` (the app's same copy: the
/// file read again, as the app's worker does), saying on `err` where each went.
fn annotate(
    dir: &std::path::Path,
    paths: &[PathBuf],
    outcome: &CheckOutcome,
    today: NaiveDate,
    err: &mut dyn Write,
) -> Result<(), String> {
    use area_send_core::checks::{ReadOptions, read_workbook};
    std::fs::create_dir_all(dir).map_err(|e| format!("could not make {}: {e}", dir.display()))?;
    for path in paths {
        let name = file_name(path);
        if !outcome.mapping.sheets.iter().any(|s| s.file == name && s.list.is_some()) {
            continue;
        }
        let bytes = std::fs::read(path).map_err(|e| format!("could not read {} again: {e}", path.display()))?;
        let workbook = read_workbook(&name, &bytes, ReadOptions::default()).map_err(|e| e.to_string())?;
        drop(bytes);
        let made = area_send_core::export::downloads::marked_up_copy(workbook, outcome, today, &mut |_| {})
            .map_err(|e| format!("the marked-up copy of “{name}” could not be made: {e}"))?;
        let to = dir.join(&made.file_name);
        std::fs::write(&to, &made.bytes).map_err(|e| format!("could not write {}: {e}", to.display()))?;
        let _ = writeln!(
            err,
            "{}",
            visible(&format!(
                "Wrote {}: a marked-up copy of “{name}”. It holds person-level data: keep and delete it under your data protection rules.",
                to.display()
            ))
        );
    }
    Ok(())
}

/// Control characters shown as `\u{1b}`: file names, sheet names and headers come from the
/// files, and an escape sequence in one could clear the terminal and print a fake "Total: 0
/// errors". Line breaks are the report's own. (JSON output is escaped by the JSON writer.)
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn print_human(out: &mut dyn Write, profile: &Profile, today: NaiveDate, outcome: &CheckOutcome, values: bool) {
    // Each line goes out as it is made; control characters in names are shown, not obeyed.
    let mut line = |text: String| {
        let _ = writeln!(out, "{}", visible(&text));
    };
    line(format!("Annex A check: {} ({}), checked against {}", profile.title, profile.id, uk_date(today)));
    for f in &outcome.unreadable {
        line(format!("\n{}\n  error {}: {}", f.file, f.rule, f.message));
    }
    let report = &outcome.report;
    let s = &report.summary;
    let groups = outcome.groups();
    for list in &s.lists {
        let as_of = list
            .data_as_of
            .map(|d| format!("data as of {}", uk_date(d)))
            .unwrap_or_else(|| "data-as-of date not recorded".into());
        line(format!(
            "\n{} — sheet “{}”: {} ({}, {as_of}): {}, {}, {}",
            list.file,
            list.sheet,
            list.list_name,
            counting::rows(list.rows),
            counting::errors(list.errors),
            counting::queries(list.queries),
            counting::warnings(list.warnings),
        ));
        let here = |file: &str, sheet: Option<&str>| file == list.file && sheet == Some(list.sheet.as_str());
        // The causes first, one line each, so 149,000 of one rule read as one line.
        let causes: Vec<_> = groups.iter().filter(|g| here(&g.file, g.sheet.as_deref())).collect();
        if !causes.is_empty() {
            line("  By cause:".into());
        }
        for g in causes {
            let column = g.column.as_deref().map(|c| format!("“{c}”: ")).unwrap_or_default();
            let rows = match (g.first_row, g.last_row) {
                (Some(a), Some(b)) if a == b => format!(" (row {a})"),
                (Some(a), Some(b)) => format!(" (rows {a} to {b})"),
                _ => String::new(),
            };
            line(format!(
                "    {:<7} {:<24} {column}{}{rows}",
                g.severity.as_str(),
                g.rule,
                counting::count(g.count, "finding", "findings")
            ));
        }
        line("  Every finding:".into());
        for f in report.findings.iter().filter(|f| here(&f.file, f.sheet.as_deref())) {
            let mut place = Vec::new();
            if let Some(r) = f.row {
                place.push(format!("row {r}"));
            }
            if let Some(c) = &f.column {
                place.push(format!("“{c}”"));
            }
            if values && let Some(v) = &f.value {
                place.push(format!("value “{v}”"));
            }
            let place = if place.is_empty() { String::new() } else { format!("{}: ", place.join(", ")) };
            line(format!("  {:<7} {:<24} {place}{}", f.severity.as_str(), f.rule, f.message));
            line(format!("          {:<24} How to fix: {}", "", f.how_to_fix));
        }
    }
    for f in report.findings.iter().filter(|f| f.sheet.is_none()) {
        line(format!("\n{}\n  {} {}: {}", f.list.as_deref().unwrap_or(""), f.severity.as_str(), f.rule, f.message));
    }
    line(format!(
        "\nTotal: {}, {}, {}.",
        counting::errors(s.errors + outcome.unreadable.len()),
        counting::queries(s.queries),
        counting::warnings(s.warnings)
    ));
}
