//! The `area-send` command: the toolkit's core without a browser, for analysts' pipelines and
//! councils' publishing. Subcommands: `check` (Annex A lists), `export` (every document the app
//! offers, byte for byte as the app makes it) and `validate` (does a project file open).
//!
//! Each subcommand writes to the `out` and `err` it is given and returns the exit status, so
//! the tests run it in-process and snapshot what it prints.

use std::ffi::OsString;
use std::io::Write;

use chrono::NaiveDate;

pub mod check;
pub mod export;
pub mod validate;

const USAGE: &str = "\
Usage: area-send <COMMAND> [OPTIONS]

Commands:
  check      check Annex A person-level lists against a request profile
  export     make a document from a project file, as the app's download does
  validate   say whether a project file opens, and if not, why

Run `area-send <COMMAND> --help` for a command's options.";

/// Runs `area-send` with `args` (without the program name); returns the exit status.
pub fn run(args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut args = args.into_iter();
    let command = args.next();
    let rest: Vec<OsString> = args.collect();
    match command.as_ref().and_then(|c| c.to_str()) {
        Some("check") => check::run("area-send check", rest, out, err),
        Some("export") => export::run(rest, out, err),
        Some("validate") => validate::run(rest, out, err),
        Some("-h" | "--help" | "help") => {
            let _ = writeln!(out, "{USAGE}");
            0
        }
        Some(other) => fail(err, "area-send", &format!("unknown command {other:?}"), USAGE),
        None => fail(err, "area-send", "no command given", USAGE),
    }
}

/// Prints `program: message`, a blank line and the usage to `err`; bad arguments exit with 2.
fn fail(err: &mut dyn Write, program: &str, message: &str, usage: &str) -> u8 {
    let _ = writeln!(err, "{program}: {message}\n\n{usage}");
    2
}

fn parse_date(flag: &str, value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| format!("{flag} needs a date as YYYY-MM-DD, not {value:?}"))
}

/// The next argument as text, for a flag that takes a value.
fn value(parser: &mut lexopt::Parser) -> Result<String, String> {
    use lexopt::prelude::*;
    parser.value().map_err(|e| e.to_string())?.string().map_err(|e| e.to_string())
}

/// Today's date in UTC from the system clock (the core never reads the clock; the command may).
fn system_today() -> NaiveDate {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    chrono::DateTime::from_timestamp(secs as i64, 0).map(|d| d.date_naive()).unwrap_or_default()
}

/// A file's name without its folders, as the app shows the names of files chosen.
fn file_name(path: &std::path::Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}
