//! One Annex A check, from files to findings: read every file, match sheets and columns to the
//! request profile, apply the user's corrections, check, attach explanations. The app's worker
//! and the `area-send check` command both run exactly this, so they report the same findings.
//!
//! Also the messages between the app's page and its worker ([`WorkerMessage`]), so the two
//! sides share one typed protocol instead of agreeing on strings.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::headers::map_sheet_as;
use super::{AsOfDates, CheckReport, ColumnMapping, Finding, Profile, Workbook, WorkbookError};

/// A correction to how sheets were matched, made by hand on the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum MappingOverride {
    /// The sheet holds this list (or, with `None`, no list: ignore it).
    SetList { file: String, sheet: String, list: Option<String> },
    /// The template column `key` is in the file's column `source` (or in none).
    SetColumn { file: String, sheet: String, key: String, source: Option<usize>, header: String },
}

/// The proposed mapping with the user's corrections applied, in order.
pub fn apply_overrides(workbooks: &[Workbook], profile: &Profile, overrides: &[MappingOverride]) -> ColumnMapping {
    let mut mapping = super::propose_mapping(workbooks, profile);
    for o in overrides {
        match o {
            MappingOverride::SetList { file, sheet, list } => {
                let found = workbooks
                    .iter()
                    .filter(|w| &w.file_name == file)
                    .flat_map(|w| w.sheets.iter())
                    .find(|s| &s.name == sheet);
                let Some(current) = mapping.sheet_mut(file, sheet) else { continue };
                match (list.as_deref().and_then(|id| profile.list(id)), found) {
                    (Some(spec), Some(data)) => *current = map_sheet_as(file, data, spec, current.header_row),
                    _ => current.list = None,
                }
            }
            MappingOverride::SetColumn { file, sheet, key, source, header } => {
                if let Some(current) = mapping.sheet_mut(file, sheet) {
                    current.set_column(key, *source, header);
                }
            }
        }
    }
    mapping
}

/// Everything a check needs besides the files themselves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckRequest {
    /// A request profile id (`full-2025`, `ap-thematic-2023`).
    pub profile: String,
    pub as_of: AsOfDates,
    pub today: NaiveDate,
    #[serde(default)]
    pub explanations: BTreeMap<String, String>,
    #[serde(default)]
    pub overrides: Vec<MappingOverride>,
}

/// What a check gives: the report, a finding for each file that could not be read, and how
/// sheets and columns were matched (headers only), for the user to correct.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckOutcome {
    pub report: CheckReport,
    pub unreadable: Vec<Finding>,
    pub mapping: ColumnMapping,
}

impl CheckOutcome {
    /// Every finding, unreadable files first, as the downloads list them.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> {
        self.unreadable.iter().chain(self.report.findings.iter())
    }

    /// The report with the unreadable files' findings in it, for the findings downloads.
    pub fn full_report(&self) -> CheckReport {
        let mut report = self.report.clone();
        report.findings.splice(0..0, self.unreadable.iter().cloned());
        report
    }

    pub fn has_errors(&self) -> bool {
        !self.unreadable.is_empty() || self.report.has_errors()
    }

    /// Every finding by cause: list, severity, rule and column, with counts.
    pub fn groups(&self) -> Vec<super::groups::FindingGroup> {
        super::groups::groups(self.all_findings())
    }

    /// Every finding by column of each list, with counts by severity.
    pub fn by_column(&self) -> Vec<super::groups::ColumnTally> {
        super::groups::by_column(self.all_findings())
    }

    /// One page (0-based) of the findings `filter` lets through.
    pub fn page(
        &self,
        filter: &super::groups::FindingFilter,
        page: usize,
        per_page: usize,
    ) -> super::groups::FindingPage<'_> {
        super::groups::page(self.all_findings(), filter, page, per_page)
    }
}

/// How far a check has got, for a progress bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub message: String,
}

/// Why a check could not run at all (a bad file is not this: it is a finding).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The request names a profile this version does not know.
    #[error("there is no request profile called \u{201c}{0}\u{201d} (this version knows {1})")]
    UnknownProfile(String, String),
}

/// One file to check: its name and its bytes, or why it could not be opened.
pub struct InputFile {
    pub name: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// Reads and checks `files` (`count` of them, for progress) as `request` says, calling
/// `progress` between steps and every few thousand rows read.
pub fn run(
    request: &CheckRequest,
    files: impl IntoIterator<Item = InputFile>,
    count: usize,
    progress: &mut dyn FnMut(Progress),
) -> Result<CheckOutcome, SessionError> {
    let profile = super::profile(&request.profile).ok_or_else(|| {
        let known: Vec<&str> = super::profiles().iter().map(|p| p.id.as_str()).collect();
        SessionError::UnknownProfile(request.profile.clone(), known.join(", "))
    })?;
    let total = count + 1;
    let mut workbooks = Vec::new();
    let mut unreadable = Vec::new();
    for (i, file) in files.into_iter().enumerate() {
        let reading = format!("Reading \u{201c}{}\u{201d} ({} of {count})", file.name, i + 1);
        progress(Progress { done: i, total, message: reading.clone() });
        let read = match &file.bytes {
            Ok(bytes) => {
                let mut on_rows = |rows: usize| {
                    progress(Progress {
                        done: i,
                        total,
                        message: format!("{reading}: {} rows so far", with_commas(rows)),
                    })
                };
                super::read_workbook(&file.name, bytes, super::ReadOptions::default().on_rows(&mut on_rows))
            }
            Err(detail) => Err(WorkbookError::CannotOpen { file: file.name.clone(), detail: detail.clone() }),
        };
        match read {
            Ok(workbook) => workbooks.push(workbook),
            Err(e) => unreadable.push(Finding::unreadable(&e)),
        }
    }
    progress(Progress { done: count, total, message: "Checking every row".into() });
    let mapping = apply_overrides(&workbooks, profile, &request.overrides);
    // calamine reads some writers' .xlsb files only in part (SheetJS's: the first column alone),
    // so a list that is there goes unrecognised: say so about the file, not only "no list".
    for wb in workbooks.iter().filter(|wb| wb.format == super::workbook::FileFormat::Xlsb) {
        if !mapping.sheets.iter().any(|s| s.file == wb.file_name && s.list.is_some()) {
            unreadable.push(Finding::unreadable(&WorkbookError::NoListRead { file: wb.file_name.clone() }));
        }
    }
    let mut report = super::check(&workbooks, profile, Some(&mapping), &request.as_of, request.today);
    for (key, note) in &request.explanations {
        report.explain(key, note);
    }
    // Not dropped: freeing two million cells one by one takes a tenth of a second, and the
    // caller (a worker, or a command about to exit) is thrown away soon after.
    std::mem::forget(workbooks);
    Ok(CheckOutcome { report, unreadable, mapping })
}

/// Every message between the app's page and its Annex A worker, as JSON text (the files travel
/// beside a `Check` as transferable buffers, in the same order as `names`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkerMessage {
    /// Page to worker: check these files.
    Check { request: CheckRequest, names: Vec<String> },
    /// Worker to page: how far it has got.
    Progress(Progress),
    /// Worker to page: the check is done.
    Done(Box<CheckOutcome>),
    /// Worker to page: the check could not run; the message is for the user.
    Failed { message: String },
}

impl WorkerMessage {
    pub fn to_json(&self) -> String {
        // Serialising plain data to a string cannot fail; a failure would still reach the page.
        serde_json::to_string(self)
            .unwrap_or_else(|e| format!(r#"{{"kind":"failed","message":"the result could not be passed back ({e})"}}"#))
    }

    /// A message that cannot be read becomes a `Failed` saying so, never a silent nothing.
    pub fn from_json(text: &str) -> WorkerMessage {
        super::report::with_shared_texts(|| serde_json::from_str(text)).unwrap_or_else(|e| WorkerMessage::Failed {
            message: format!("the background worker sent a message this page cannot read ({e})"),
        })
    }
}

/// The worker's side of one check: a `Check` message in, a `Done` or `Failed` message out.
pub fn answer(message: &str, files: impl IntoIterator<Item = InputFile>, progress: &mut dyn FnMut(Progress)) -> String {
    let reply = match WorkerMessage::from_json(message) {
        WorkerMessage::Check { request, names } => {
            let count = names.len();
            match run(&request, files, count, progress) {
                Ok(outcome) => WorkerMessage::Done(Box::new(outcome)),
                Err(e) => WorkerMessage::Failed { message: format!("The check could not run: {e}.") },
            }
        }
        WorkerMessage::Failed { message } => WorkerMessage::Failed { message },
        _ => WorkerMessage::Failed { message: "the background worker was sent something other than a check".into() },
    };
    reply.to_json()
}

pub use crate::domain::counting::with_commas;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{self, example_data};

    fn request(profile: &str) -> CheckRequest {
        CheckRequest {
            profile: profile.into(),
            as_of: AsOfDates::new(),
            today: "2026-11-23".parse().unwrap(),
            explanations: BTreeMap::new(),
            overrides: Vec::new(),
        }
    }

    #[test]
    fn a_sheet_can_be_reassigned_and_a_column_repointed() {
        let bytes = example_data::example_workbook().unwrap();
        let wb = checks::read_workbook("example.xlsx", &bytes, checks::ReadOptions::default()).unwrap();
        let profile = checks::profile("full-2025").unwrap();
        let proposed = apply_overrides(std::slice::from_ref(&wb), profile, &[]);
        let list1 = proposed.sheets.iter().find(|s| s.list.as_deref() == Some("list-1")).unwrap().clone();

        let ignore = MappingOverride::SetList { file: list1.file.clone(), sheet: list1.sheet.clone(), list: None };
        let mapping = apply_overrides(std::slice::from_ref(&wb), profile, &[ignore]);
        assert_eq!(mapping.sheet(&list1.file, &list1.sheet).unwrap().list, None);

        let gender = list1.source_of("gender").expect("gender mapped");
        let unhook = MappingOverride::SetColumn {
            file: list1.file.clone(),
            sheet: list1.sheet.clone(),
            key: "gender".into(),
            source: None,
            header: String::new(),
        };
        let mut req = request("full-2025");
        req.overrides = vec![unhook];
        let files = [InputFile { name: "example.xlsx".into(), bytes: Ok(bytes) }];
        let outcome = run(&req, files, 1, &mut |_| {}).unwrap();
        let sheet = outcome.mapping.sheet(&list1.file, &list1.sheet).unwrap();
        assert_eq!(sheet.source_of("gender"), None);
        assert!(sheet.missing.contains(&"gender".to_string()));
        assert!(
            outcome.report.findings.iter().any(|f| f.rule == "COLUMN-MISSING" && f.column.as_deref() == Some("Gender")),
            "gender (column {gender}) now missing"
        );
    }

    #[test]
    fn a_file_that_cannot_be_opened_is_a_finding_and_the_rest_are_checked() {
        let bytes = example_data::example_workbook().unwrap();
        let files = [
            InputFile { name: "gone.xlsx".into(), bytes: Err("No such file".into()) },
            InputFile { name: "example.xlsx".into(), bytes: Ok(bytes) },
        ];
        let mut steps = Vec::new();
        let outcome = run(&request("full-2025"), files, 2, &mut |p| steps.push(p)).unwrap();
        assert_eq!(outcome.unreadable.len(), 1);
        assert_eq!(&*outcome.unreadable[0].file, "gone.xlsx");
        assert!(outcome.unreadable[0].message.contains("No such file"), "{}", outcome.unreadable[0].message);
        assert!(!outcome.report.summary.lists.is_empty());
        assert_eq!(steps.first().map(|p| (p.done, p.total)), Some((0, 3)));
        assert_eq!(steps.last().map(|p| p.message.as_str()), Some("Checking every row"));
    }

    #[test]
    fn an_unknown_profile_is_an_error_not_a_finding() {
        let err = run(&request("full-2031"), [], 0, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("full-2031") && err.to_string().contains("full-2025"), "{err}");
        let reply =
            answer(&WorkerMessage::Check { request: request("full-2031"), names: vec![] }.to_json(), [], &mut |_| {});
        match WorkerMessage::from_json(&reply) {
            WorkerMessage::Failed { message } => assert!(message.contains("full-2031"), "{message}"),
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn an_outcome_crosses_to_the_page_whole_with_its_texts_shared() {
        let bytes = example_data::example_workbook().unwrap();
        let files = [InputFile { name: "example.xlsx".into(), bytes: Ok(bytes) }];
        let outcome = run(&request("full-2025"), files, 1, &mut |_| {}).unwrap();
        let json = WorkerMessage::Done(Box::new(outcome.clone())).to_json();
        // The rules' own advice is left for the page to fill in; a code list's is sent.
        assert!(!json.contains(crate::checks::rules::DATE_FUTURE.how_to_fix));
        assert!(json.contains("Use one of: SPLD"));
        let WorkerMessage::Done(back) = WorkerMessage::from_json(&json) else { panic!("not done") };
        assert_eq!(*back, outcome);
        let findings = &back.report.findings;
        assert!(findings.windows(2).all(|w| std::sync::Arc::ptr_eq(&w[0].file, &w[1].file)), "one copy of the name");
    }

    #[test]
    fn the_worker_answers_a_check_with_its_outcome_and_garbage_with_a_failure() {
        let bytes = example_data::example_workbook().unwrap();
        let message = WorkerMessage::Check { request: request("full-2025"), names: vec!["example.xlsx".into()] };
        let reply =
            answer(&message.to_json(), [InputFile { name: "example.xlsx".into(), bytes: Ok(bytes) }], &mut |_| {});
        assert!(
            matches!(WorkerMessage::from_json(&reply), WorkerMessage::Done(outcome) if !outcome.report.summary.lists.is_empty())
        );
        assert!(matches!(
            WorkerMessage::from_json(&answer("{not json", [], &mut |_| {})),
            WorkerMessage::Failed { .. }
        ));
        assert!(matches!(WorkerMessage::from_json("{\"kind\":\"nonsense\"}"), WorkerMessage::Failed { .. }));
    }
}
