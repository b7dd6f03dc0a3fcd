//! `area-send export`: a document from a project file, made by the same code as the app's
//! download button, so the bytes are the same for the same project and date.
//!
//! Exit status: 0 written; 1 the project does not open or the document could not be made or
//! saved; 2 bad arguments.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use area_send_core::domain::example::example_project;
use area_send_core::domain::plan::PlanId;
use area_send_core::domain::project::Project;
use area_send_core::domain::project_file;
use area_send_core::export::downloads::{self, Document, Format};
use chrono::NaiveDate;

use crate::{fail, file_name, parse_date, system_today, value};

fn usage() -> String {
    let documents: Vec<String> = Document::ALL
        .iter()
        .map(|d| {
            let formats: Vec<&str> = d.formats().iter().map(|f| f.key()).collect();
            format!("  {:<12} {}", d.key(), formats.join(", "))
        })
        .collect();
    format!(
        "\
Usage: area-send export --project <FILE|example> --what <WHAT> --format <FORMAT> --out <FILE|-> [--as-of YYYY-MM-DD]
                        [--since YYYY-MM-DD] [--plan <PLAN ID>] [--criteria <IDS>]

Makes a document from a project file exactly as the app's download does.

Options:
  --project <FILE>    a project file saved from the app, or `example` for the built-in fictional one
  --what <WHAT>       which document (below)
  --format <FORMAT>   its format (below)
  --out <FILE>        where to write it; `-` writes to standard output
  --as-of <DATE>      the date the document is dated (default: today's date); `--as-at` is the same
  --since <DATE>      board update only: the previous update (default: a month before --as-of)
  --plan <PLAN ID>    board update and plan exports: only the actions of this plan (its id in the
                      project file); the plan export is then titled with that plan's name
  --criteria <IDS>    review page only: also the agreed text of these criteria, comma-separated
                      (e.g. A1,B1), as the plan page's choice; any not agreed is left out
  -h, --help          show this help

Documents and their formats:
{}

Exit status: 0 written, 1 the project does not open or the file could not be made or written,
2 bad arguments.",
        documents.join("\n")
    )
}

struct Args {
    project: String,
    document: Document,
    format: Format,
    out: PathBuf,
    as_of: Option<NaiveDate>,
    options: downloads::MakeOptions,
    criteria: BTreeSet<String>,
}

fn parse(args: Vec<OsString>) -> Result<Option<Args>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let (mut project, mut document, mut format, mut out, mut as_of) = (None, None, None, None, None);
    let mut options = downloads::MakeOptions::default();
    let mut criteria = None;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("project") => project = Some(value(&mut parser)?),
            Long("what") => {
                let key = value(&mut parser)?;
                let known: Vec<&str> = Document::ALL.iter().map(|d| d.key()).collect();
                let found = Document::from_key(&key)
                    .ok_or_else(|| format!("there is no document {key:?}; choose one of: {}", known.join(", ")))?;
                document = Some(found);
            }
            Long("format") => {
                let key = value(&mut parser)?;
                let known: Vec<&str> = Format::ALL.iter().map(|f| f.key()).collect();
                let found = Format::from_key(&key)
                    .ok_or_else(|| format!("there is no format {key:?}; choose one of: {}", known.join(", ")))?;
                format = Some(found);
            }
            Long("out") => out = Some(PathBuf::from(value(&mut parser)?)),
            Long("as-of") => as_of = Some(parse_date("--as-of", &value(&mut parser)?)?),
            Long("as-at") => as_of = Some(parse_date("--as-at", &value(&mut parser)?)?),
            Long("since") => options.since = Some(parse_date("--since", &value(&mut parser)?)?),
            Long("plan") => options.plan = Some(PlanId(value(&mut parser)?)),
            Long("criteria") => {
                let ids = value(&mut parser)?;
                criteria = Some(ids.split(',').map(|id| id.trim().to_string()).filter(|id| !id.is_empty()).collect());
            }
            other => return Err(other.unexpected().to_string()),
        }
    }
    let document: Document = document.ok_or("--what is required")?;
    if document != Document::BoardUpdate && options.since.is_some() {
        return Err("--since is for --what board-update only".into());
    }
    let by_plan = [Document::BoardUpdate, Document::Plan, Document::EasyRead, Document::ActionPlan];
    if !by_plan.contains(&document) && options.plan.is_some() {
        return Err("--plan is for --what board-update, plan, easy-read or action-plan only".into());
    }
    if document != Document::ReviewPage && criteria.is_some() {
        return Err("--criteria is for --what review-page only".into());
    }
    if let (Some(since), Some(as_of)) = (options.since, as_of)
        && since >= as_of
    {
        return Err(format!("--since ({since}) must be before the date the update is as at ({as_of})"));
    }
    Ok(Some(Args {
        project: project.ok_or("--project is required (a project file, or `example`)")?,
        document,
        format: format.ok_or("--format is required")?,
        out: out.ok_or("--out is required (a file name, or `-` for standard output)")?,
        as_of,
        options,
        criteria: criteria.unwrap_or_default(),
    }))
}

fn open_project(source: &str) -> Result<Project, String> {
    if source == "example" {
        return Ok(example_project());
    }
    let path = PathBuf::from(source);
    let name = file_name(&path);
    let bytes = std::fs::read(&path).map_err(|e| format!("“{name}” could not be read ({e})"))?;
    project_file::from_bytes(&bytes).map_err(|e| format!("“{name}” does not open: {e}"))
}

pub fn run(args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    const PROGRAM: &str = "area-send export";
    let args = match parse(args) {
        Ok(Some(args)) => args,
        Ok(None) => {
            let _ = writeln!(out, "{}", usage());
            return 0;
        }
        Err(e) => return fail(err, PROGRAM, &e, &usage()),
    };
    if !args.document.formats().contains(&args.format) {
        let message = downloads::DownloadError::NotOffered(args.document, args.format).to_string();
        return fail(err, PROGRAM, &message, &usage());
    }
    let made = open_project(&args.project).and_then(|project| {
        let today = args.as_of.unwrap_or_else(system_today);
        let made = if args.document == Document::ReviewPage {
            downloads::review_page(&project, today, &args.criteria)
        } else {
            downloads::make_with(&project, args.document, args.format, today, &args.options)
        };
        made.map_err(|e| e.to_string())
    });
    let made = match made {
        Ok(made) => made,
        Err(message) => {
            let _ = writeln!(err, "{PROGRAM}: {message}");
            return 1;
        }
    };
    let written = if args.out.as_os_str() == "-" {
        out.write_all(&made.bytes).and_then(|()| out.flush())
    } else {
        std::fs::write(&args.out, &made.bytes)
    };
    match written {
        Ok(()) => {
            if args.out.as_os_str() != "-" {
                // Progress goes to standard error, so standard output stays the file alone.
                let _ = writeln!(
                    err,
                    "Wrote {} ({} bytes; the app names it {}).",
                    args.out.display(),
                    made.bytes.len(),
                    made.file_name
                );
            }
            0
        }
        Err(e) => {
            let _ = writeln!(err, "{PROGRAM}: could not write {} ({e})", args.out.display());
            1
        }
    }
}
