//! One Annex A check, from files to findings: read every file, match sheets and columns to the
//! request profile, apply the user's corrections, check, attach explanations. The app's worker
//! and the `area-send check` command both run exactly this, so they report the same findings.
//!
//! Also the messages between the app's page and its worker ([`WorkerMessage`]), so the two
//! sides share one typed protocol instead of agreeing on strings.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::groups::{ColumnTally, FindingFilter, FindingGroup};
use super::headers::map_sheet_as;
use super::{
    AsOfDates, CheckReport, CheckSummary, ColumnMapping, Finding, Profile, ReadProgress, Workbook, WorkbookError,
};
use crate::domain::counting;

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

impl CheckRequest {
    /// A request for `profile` checked on `today`, with no as-of dates, explanations or
    /// corrections yet.
    pub fn new(profile: &str, today: NaiveDate) -> Self {
        Self {
            profile: profile.into(),
            as_of: AsOfDates::new(),
            today,
            explanations: BTreeMap::new(),
            overrides: Vec::new(),
        }
    }
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
    // Each file is 100 units, read by share of the file; checking them all is a fifth of that
    // per file (reading is most of a check: 0.66 s of 0.79 s for a 100,000-row list natively).
    let total = progress_total(count);
    let mut workbooks = Vec::new();
    let mut unreadable = Vec::new();
    for (i, file) in files.into_iter().enumerate() {
        let reading = format!("Reading \u{201c}{}\u{201d} ({} of {count})", file.name, i + 1);
        progress(Progress { done: i * 100, total, message: reading.clone() });
        let read = match &file.bytes {
            Ok(bytes) => {
                // One message per whole per cent (or new sheet), not one per report.
                let mut shown = (0, String::new());
                let mut on_progress = |p: &ReadProgress<'_>| {
                    let percent = p.percent() as usize;
                    if (percent, p.sheet) == (shown.0, shown.1.as_str()) {
                        return;
                    }
                    shown = (percent, p.sheet.to_string());
                    progress(Progress { done: i * 100 + percent, total, message: reading_message(&reading, p) })
                };
                super::read_workbook(&file.name, bytes, super::ReadOptions::default().on_progress(&mut on_progress))
            }
            Err(detail) => Err(WorkbookError::CannotOpen { file: file.name.clone(), detail: detail.clone() }),
        };
        match read {
            Ok(workbook) => workbooks.push(workbook),
            Err(e) => unreadable.push(Finding::unreadable(&e)),
        }
    }
    progress(Progress { done: count * 100, total, message: "Checking every row".into() });
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

/// Checking's share of the progress bar, per file, against 100 for reading each file.
const CHECK_SHARE: usize = 20;

/// The progress bar's maximum for a check of `count` files.
pub fn progress_total(count: usize) -> usize {
    count * 100 + count.max(1) * CHECK_SHARE
}

/// "Reading “list1.xlsx” (1 of 2), sheet “List 1”: 40%, 40,000 rows so far".
fn reading_message(reading: &str, p: &ReadProgress<'_>) -> String {
    let sheet = if p.sheet.is_empty() { String::new() } else { format!(", sheet \u{201c}{}\u{201d}", p.sheet) };
    let rows = counting::count(p.rows, "row", "rows");
    format!("{reading}{sheet}: {}%, {rows} so far", p.percent())
}

/// Findings the page shows at a time: a screenful, however many the check found.
pub const PAGE_SIZE: usize = 50;

/// One page of the findings a filter lets through, owned, to cross from the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingsPage {
    pub filter: FindingFilter,
    pub findings: Vec<Finding>,
    /// How many findings the filter lets through in all.
    pub total: usize,
    /// 0-based.
    pub page: usize,
    pub pages: usize,
    pub per_page: usize,
}

impl FindingsPage {
    /// "Showing 51–100 of 149,000 findings" (or "No findings match").
    pub fn describe(&self) -> String {
        if self.findings.is_empty() {
            return if self.total == 0 {
                "No findings match.".into()
            } else {
                format!("No findings on this page: there are {}.", counting::count(self.total, "finding", "findings"))
            };
        }
        if self.total == self.findings.len() {
            return match self.total {
                1 => "Showing the 1 finding".into(),
                n => format!("Showing all {}", counting::count(n, "finding", "findings")),
            };
        }
        let first = self.page * self.per_page + 1;
        let last = first + self.findings.len() - 1;
        format!(
            "Showing {}\u{2013}{} of {}",
            with_commas(first),
            with_commas(last),
            counting::count(self.total, "finding", "findings")
        )
    }

    pub fn has_previous(&self) -> bool {
        self.page > 0
    }

    pub fn has_next(&self) -> bool {
        self.page + 1 < self.pages
    }
}

/// What the page needs of a finished check (the worker keeps the findings themselves): the
/// aggregates, findings by cause, the matching, and the first page of findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckOverview {
    pub summary: CheckSummary,
    /// The files that could not be read (a finding each; few).
    pub unreadable: Vec<Finding>,
    pub groups: Vec<FindingGroup>,
    pub by_column: Vec<ColumnTally>,
    pub mapping: ColumnMapping,
    pub first: FindingsPage,
}

impl CheckOverview {
    /// Errors including the files that could not be read.
    pub fn errors(&self) -> usize {
        self.summary.errors + self.unreadable.len()
    }

    /// The files that held a list, in the order checked: those a marked-up copy can be made of.
    pub fn checked_files(&self) -> Vec<&str> {
        let mut files: Vec<&str> = Vec::new();
        for s in self.mapping.sheets.iter().filter(|s| s.list.is_some()) {
            if !files.contains(&s.file.as_str()) {
                files.push(&s.file);
            }
        }
        files
    }
}

impl CheckOutcome {
    /// Page `page` (0-based) of `filter`'s findings, owned.
    pub fn findings_page(&self, filter: &FindingFilter, page: usize, per_page: usize) -> FindingsPage {
        let per_page = per_page.clamp(1, 1_000);
        let found = self.page(filter, page, per_page);
        FindingsPage {
            filter: filter.clone(),
            findings: found.findings.into_iter().cloned().collect(),
            total: found.total,
            page,
            pages: found.pages,
            per_page,
        }
    }

    /// The overview the page is sent, with the first `per_page` findings.
    pub fn overview(&self, per_page: usize) -> CheckOverview {
        CheckOverview {
            summary: self.report.summary.clone(),
            unreadable: self.unreadable.clone(),
            groups: self.groups(),
            by_column: self.by_column(),
            mapping: self.mapping.clone(),
            first: self.findings_page(&FindingFilter::default(), 0, per_page),
        }
    }
}

/// What a findings download needs besides the check: the area (for the file's name and author)
/// and the explanations as they are now, which may be newer than the check.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExportRequest {
    /// A format's key (`csv`, `xlsx`, `ods`).
    pub format: String,
    pub area_name: String,
    #[serde(default)]
    pub explanations: BTreeMap<String, String>,
}

/// What a marked-up copy of one checked file needs besides the check: which file (its bytes
/// travel beside the message, as for a `Check`: the worker keeps no workbook) and the date the
/// copy says it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnotateRequest {
    pub file: String,
    pub today: NaiveDate,
}

/// A file made in the worker: its name and type (the bytes travel beside the message).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MadeFile {
    pub file_name: String,
    pub mime: String,
    /// Not in the JSON: the bytes cross as a transferable buffer.
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// Every message between the app's page and its Annex A worker, as JSON text (the files travel
/// beside a `Check` as transferable buffers, in the same order as `names`, and a made file's
/// bytes beside its `Made`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkerMessage {
    /// Page to worker: check these files.
    Check { request: CheckRequest, names: Vec<String> },
    /// Worker to page: how far it has got.
    Progress(Progress),
    /// Worker to page: the check is done; the worker keeps its findings for `Page` and `Export`.
    Done(Box<CheckOverview>),
    /// Page to worker: one page of the last check's findings.
    Page { filter: FindingFilter, page: usize, per_page: usize },
    /// Worker to page: the page asked for.
    Findings(Box<FindingsPage>),
    /// Page to worker: make a findings download of the last check.
    Export(ExportRequest),
    /// Page to worker: make a marked-up copy of one file of the last check, from its bytes.
    Annotate(AnnotateRequest),
    /// Worker to page: the file asked for.
    Made(MadeFile),
    /// Worker to page: the check (or request) could not run; the message is for the user.
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

/// How the worker makes a findings file (`export` sits above `checks`, so the app passes it in).
pub type Exporter<'a> = &'a dyn Fn(&CheckOutcome, &ExportRequest, &mut dyn FnMut(Progress)) -> Result<MadeFile, String>;

/// How the worker makes a marked-up copy of a workbook read again (`export::annotated`, passed
/// in as `Exporter` is), from the kept check, with progress. The workbook is the annotator's to
/// free as it goes.
pub type Annotator = fn(Workbook, &CheckOutcome, NaiveDate, &mut dyn FnMut(Progress)) -> Result<MadeFile, String>;

/// The worker's side of the protocol: it keeps the last check's outcome, answering a `Check`
/// with an overview, and `Page`, `Export` and `Annotate` from what it kept.
#[derive(Default)]
pub struct WorkerState {
    outcome: Option<CheckOutcome>,
    annotator: Option<Annotator>,
}

impl WorkerState {
    /// A worker that can also make marked-up copies.
    pub fn with_annotator(annotator: Annotator) -> Self {
        WorkerState { outcome: None, annotator: Some(annotator) }
    }

    /// The reply to `message` (a `WorkerMessage` as JSON), as a message; a `Made` carries bytes.
    pub fn answer(
        &mut self,
        message: &str,
        files: impl IntoIterator<Item = InputFile>,
        progress: &mut dyn FnMut(Progress),
        export: Exporter<'_>,
    ) -> WorkerMessage {
        let failed = |message: &str| WorkerMessage::Failed { message: message.into() };
        let no_check = "The findings are no longer in memory: check the files again.";
        match WorkerMessage::from_json(message) {
            WorkerMessage::Check { request, names } => {
                // The last outcome goes first, so two checks never share the memory.
                self.outcome = None;
                match run(&request, files, names.len(), progress) {
                    Ok(outcome) => {
                        let overview = outcome.overview(PAGE_SIZE);
                        self.outcome = Some(outcome);
                        WorkerMessage::Done(Box::new(overview))
                    }
                    Err(e) => WorkerMessage::Failed { message: format!("The check could not run: {e}.") },
                }
            }
            WorkerMessage::Page { filter, page, per_page } => match &self.outcome {
                Some(outcome) => WorkerMessage::Findings(Box::new(outcome.findings_page(&filter, page, per_page))),
                None => failed(no_check),
            },
            WorkerMessage::Export(request) => match &self.outcome {
                Some(outcome) => match export(outcome, &request, progress) {
                    Ok(made) => WorkerMessage::Made(made),
                    Err(e) => WorkerMessage::Failed { message: format!("The file could not be made: {e}") },
                },
                None => failed(no_check),
            },
            WorkerMessage::Annotate(request) => match &self.outcome {
                Some(outcome) => self.annotate(outcome, &request, files, progress),
                None => failed(no_check),
            },
            WorkerMessage::Failed { message } => WorkerMessage::Failed { message },
            _ => failed("the background worker was sent something it does not answer"),
        }
    }
}

impl WorkerState {
    /// Reads the one file asked for again (the worker keeps no workbook after a check) and marks
    /// it up with the findings kept for it.
    fn annotate(
        &self,
        outcome: &CheckOutcome,
        request: &AnnotateRequest,
        files: impl IntoIterator<Item = InputFile>,
        progress: &mut dyn FnMut(Progress),
    ) -> WorkerMessage {
        let failed = |message: String| WorkerMessage::Failed { message };
        let name = &request.file;
        let Some(annotate) = self.annotator else {
            return failed("This background worker cannot make marked-up copies.".into());
        };
        if !outcome.mapping.sheets.iter().any(|s| &s.file == name && s.list.is_some()) {
            return failed(format!(
                "\u{201c}{name}\u{201d} held no list in the last check, so there is nothing to mark up."
            ));
        }
        let Some(InputFile { bytes, .. }) = files.into_iter().find(|f| &f.name == name) else {
            return failed(format!(
                "\u{201c}{name}\u{201d} did not reach the background worker: choose it and check again."
            ));
        };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(detail) => return failed(format!("\u{201c}{name}\u{201d} could not be opened again ({detail}).")),
        };
        let reading = format!("Reading \u{201c}{name}\u{201d} again");
        progress(Progress { done: 0, total: 1, message: reading.clone() });
        let mut on_progress = |read: &super::ReadProgress<'_>| {
            let percent = read.percent();
            progress(Progress { done: percent as usize, total: 100, message: format!("{reading}: {percent}%") })
        };
        let read = super::read_workbook(name, &bytes, super::ReadOptions::default().on_progress(&mut on_progress));
        // The bytes go before the copy is built: it needs the cells, not the file.
        drop(bytes);
        match read {
            Ok(workbook) => match annotate(workbook, outcome, request.today, progress) {
                Ok(made) => WorkerMessage::Made(made),
                Err(e) => failed(format!("The marked-up copy could not be made: {e}.")),
            },
            Err(e) => failed(format!("\u{201c}{name}\u{201d} could not be read again: {e}.")),
        }
    }
}

pub use crate::domain::counting::with_commas;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{self, example_data};

    fn request(profile: &str) -> CheckRequest {
        CheckRequest::new(profile, "2026-11-23".parse().unwrap())
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
        assert_eq!(steps.first().map(|p| (p.done, p.total)), Some((0, 240)));
        assert_eq!(steps.last().map(|p| (p.done, p.message.as_str())), Some((200, "Checking every row")));
    }

    #[test]
    fn the_bar_fills_with_each_file_read_then_the_check() {
        let p = checks::profile("full-2025").unwrap();
        let big = example_data::synthetic_list_xlsx(p, "list-1", 20_000).unwrap();
        let small = example_data::example_workbook().unwrap();
        let files = [
            InputFile { name: "list1.xlsx".into(), bytes: Ok(big) },
            InputFile { name: "example.xlsx".into(), bytes: Ok(small) },
        ];
        let mut steps = Vec::new();
        run(&request("full-2025"), files, 2, &mut |p| steps.push(p)).unwrap();
        assert!(steps.iter().all(|s| s.total == 240 && s.done <= s.total));
        assert!(steps.windows(2).all(|w| w[0].done <= w[1].done), "never backwards");
        // Every per cent of the big file, said with its sheet; the second file from 100.
        let first: Vec<_> = steps.iter().filter(|s| s.message.contains("list1.xlsx")).collect();
        assert!(first.len() > 50 && first.iter().all(|s| s.done <= 100), "{first:?}");
        let middle = first.iter().find(|s| s.done == 40).expect("40% of the first file");
        assert!(
            middle
                .message
                .starts_with("Reading \u{201c}list1.xlsx\u{201d} (1 of 2), sheet \u{201c}List 1\u{201d}: 40%, ")
                && middle.message.ends_with(" rows so far"),
            "{}",
            middle.message
        );
        assert!(first.iter().any(|s| s.done == 100 && s.message.contains("100%, 20,001 rows so far")));
        assert!(steps.iter().any(|s| s.done > 100 && s.message.contains("example.xlsx")));
        assert_eq!(steps.last().map(|s| (s.done, s.message.as_str())), Some((200, "Checking every row")));
    }

    #[test]
    fn an_unknown_profile_is_an_error_not_a_finding() {
        let err = run(&request("full-2031"), [], 0, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("full-2031") && err.to_string().contains("full-2025"), "{err}");
        let reply = WorkerState::default().answer(
            &WorkerMessage::Check { request: request("full-2031"), names: vec![] }.to_json(),
            [],
            &mut |_| {},
            &no_export,
        );
        match reply {
            WorkerMessage::Failed { message } => assert!(message.contains("full-2031"), "{message}"),
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    fn no_export(_: &CheckOutcome, _: &ExportRequest, _: &mut dyn FnMut(Progress)) -> Result<MadeFile, String> {
        Err("not in this test".into())
    }

    fn checked_example() -> (WorkerState, CheckOverview) {
        let bytes = example_data::example_workbook().unwrap();
        let message = WorkerMessage::Check { request: request("full-2025"), names: vec!["example.xlsx".into()] };
        let mut state = WorkerState::default();
        let files = [InputFile { name: "example.xlsx".into(), bytes: Ok(bytes) }];
        let reply = state.answer(&message.to_json(), files, &mut |_| {}, &no_export);
        // Every reply crosses as JSON text.
        let WorkerMessage::Done(overview) = WorkerMessage::from_json(&reply.to_json()) else { panic!("{reply:?}") };
        (state, *overview)
    }

    #[test]
    fn a_check_sends_the_page_its_overview_and_one_page_and_keeps_the_rest() {
        let (_, overview) = checked_example();
        let total: usize = overview.groups.iter().map(|g| g.count).sum();
        assert_eq!(overview.first.findings.len(), total.min(PAGE_SIZE));
        // However many there are, the page is sent only the first page.
        let bytes = example_data::example_workbook().unwrap();
        let outcome =
            run(&request("full-2025"), [InputFile { name: "e.xlsx".into(), bytes: Ok(bytes) }], 1, &mut |_| {});
        let small = outcome.unwrap().overview(5);
        assert_eq!((small.first.findings.len(), small.first.total, small.first.pages), (5, total, total.div_ceil(5)));
        assert_eq!((overview.first.total, overview.first.page), (total, 0));
        assert_eq!(overview.first.pages, total.div_ceil(PAGE_SIZE));
        assert!(!overview.summary.lists.is_empty() && !overview.mapping.sheets.is_empty());
        // The rules' own advice is left for the page to fill in; a code list's is sent.
        let json = WorkerMessage::Done(Box::new(overview.clone())).to_json();
        assert!(!json.contains(crate::checks::rules::DATE_FUTURE.how_to_fix));
        let WorkerMessage::Done(back) = WorkerMessage::from_json(&json) else { panic!("not done") };
        assert_eq!(*back, overview);
        let findings = &back.first.findings;
        assert!(findings.windows(2).all(|w| std::sync::Arc::ptr_eq(&w[0].file, &w[1].file)), "one copy of the name");
    }

    #[test]
    fn the_page_asks_the_worker_for_other_pages_and_filters() {
        let (mut state, overview) = checked_example();
        let group = overview.groups.iter().max_by_key(|g| g.count).unwrap();
        let filter = FindingFilter::of_group(group);
        let ask = WorkerMessage::Page { filter: filter.clone(), page: 1, per_page: 2 };
        let json = ask.to_json();
        assert_eq!(WorkerMessage::from_json(&json), ask, "a page request crosses whole");
        let WorkerMessage::Findings(page) =
            WorkerMessage::from_json(&state.answer(&json, [], &mut |_| {}, &no_export).to_json())
        else {
            panic!("no page")
        };
        assert_eq!((page.total, page.page, page.per_page), (group.count, 1, 2));
        assert!(page.findings.iter().all(|f| filter.matches(f) && f.rule == group.rule));
        assert_eq!(page.filter, filter);
        // A page past the end is empty with the right total; a huge page is cut to a screenful or so.
        let past = WorkerMessage::Page { filter: filter.clone(), page: 10_000, per_page: 50 }.to_json();
        let WorkerMessage::Findings(past) = state.answer(&past, [], &mut |_| {}, &no_export) else { panic!() };
        assert!(past.findings.is_empty() && past.total == group.count);
        let huge = WorkerMessage::Page { filter: FindingFilter::default(), page: 0, per_page: usize::MAX }.to_json();
        let WorkerMessage::Findings(huge) = state.answer(&huge, [], &mut |_| {}, &no_export) else { panic!() };
        assert!(huge.findings.len() <= 1_000);
    }

    #[test]
    fn the_worker_makes_a_download_from_the_check_it_kept_and_says_when_it_has_none() {
        let (mut state, _) = checked_example();
        let export = |outcome: &CheckOutcome, r: &ExportRequest, _: &mut dyn FnMut(Progress)| {
            Ok(MadeFile {
                file_name: format!("{}.{}", r.area_name, r.format),
                mime: "text/plain".into(),
                bytes: outcome.all_findings().count().to_string().into_bytes(),
            })
        };
        let ask = WorkerMessage::Export(ExportRequest {
            format: "xlsx".into(),
            area_name: "Testshire".into(),
            explanations: BTreeMap::from([("k".into(), "note".into())]),
        });
        assert_eq!(WorkerMessage::from_json(&ask.to_json()), ask);
        let WorkerMessage::Made(made) = state.answer(&ask.to_json(), [], &mut |_| {}, &export) else { panic!() };
        assert_eq!(made.file_name, "Testshire.xlsx");
        assert!(!made.bytes.is_empty());
        // The bytes never go into the JSON; they cross beside it.
        let json = WorkerMessage::Made(made.clone()).to_json();
        assert!(json.contains("Testshire.xlsx") && !json.contains("bytes"), "{json}");
        let WorkerMessage::Made(back) = WorkerMessage::from_json(&json) else { panic!() };
        assert!(back.bytes.is_empty());
        // A fresh worker has no check to page through or export.
        let mut fresh = WorkerState::default();
        for message in
            [ask.to_json(), WorkerMessage::Page { filter: FindingFilter::default(), page: 0, per_page: 5 }.to_json()]
        {
            match fresh.answer(&message, [], &mut |_| {}, &export) {
                WorkerMessage::Failed { message } => assert!(message.contains("check the files again"), "{message}"),
                other => panic!("expected a failure, got {other:?}"),
            }
        }
    }

    fn fake_annotator(
        workbook: Workbook,
        outcome: &CheckOutcome,
        today: NaiveDate,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<MadeFile, String> {
        progress(Progress { done: 1, total: 1, message: "Marking up".into() });
        let mine = outcome.all_findings().filter(|f| *f.file == *workbook.file_name).count();
        Ok(MadeFile {
            file_name: format!("{} {today}", workbook.file_name),
            mime: "text/plain".into(),
            bytes: format!("{} sheets, {mine} findings", workbook.sheets.len()).into_bytes(),
        })
    }

    #[test]
    fn the_worker_marks_up_a_checked_file_sent_again_and_only_that() {
        let (mut state, overview) = checked_example();
        assert_eq!(overview.checked_files(), ["example.xlsx"]);
        let mut worker = WorkerState::with_annotator(fake_annotator);
        std::mem::swap(&mut worker.outcome, &mut state.outcome);
        let today: NaiveDate = "2026-12-03".parse().unwrap();
        let ask = |file: &str| WorkerMessage::Annotate(AnnotateRequest { file: file.into(), today }).to_json();
        let WorkerMessage::Annotate(back) = WorkerMessage::from_json(&ask("example.xlsx")) else { panic!("not whole") };
        assert_eq!(back, AnnotateRequest { file: "example.xlsx".into(), today }, "a request crosses whole");
        let bytes = example_data::example_workbook().unwrap();
        let send = || [InputFile { name: "example.xlsx".into(), bytes: Ok(bytes.clone()) }];
        let mut steps = Vec::new();
        let reply = worker.answer(&ask("example.xlsx"), send(), &mut |p| steps.push(p.message), &no_export);
        let WorkerMessage::Made(made) = reply else { panic!("{reply:?}") };
        assert_eq!(made.file_name, "example.xlsx 2026-12-03");
        let total: usize = overview.groups.iter().map(|g| g.count).sum();
        let sheets = checks::read_workbook("e.xlsx", &bytes, checks::ReadOptions::default()).unwrap().sheets.len();
        assert_eq!(String::from_utf8(made.bytes).unwrap(), format!("{sheets} sheets, {total} findings"));
        assert_eq!(steps.first().map(String::as_str), Some("Reading \u{201c}example.xlsx\u{201d} again"));
        assert_eq!(steps.last().map(String::as_str), Some("Marking up"));
        // A file that was not checked, or not sent, or a worker with no check, is said so.
        let failure = |reply: WorkerMessage| match reply {
            WorkerMessage::Failed { message } => message,
            other => panic!("expected a failure, got {other:?}"),
        };
        let other = failure(worker.answer(&ask("other.xlsx"), send(), &mut |_| {}, &no_export));
        assert!(other.contains("held no list in the last check"), "{other}");
        let unsent = failure(worker.answer(&ask("example.xlsx"), [], &mut |_| {}, &no_export));
        assert!(unsent.contains("did not reach the background worker"), "{unsent}");
        let fresh = failure(WorkerState::with_annotator(fake_annotator).answer(
            &ask("example.xlsx"),
            send(),
            &mut |_| {},
            &no_export,
        ));
        assert!(fresh.contains("check the files again"), "{fresh}");
        let unable =
            failure(state_with(worker.outcome.take()).answer(&ask("example.xlsx"), send(), &mut |_| {}, &no_export));
        assert!(unable.contains("cannot make marked-up copies"), "{unable}");
    }

    fn state_with(outcome: Option<CheckOutcome>) -> WorkerState {
        WorkerState { outcome, annotator: None }
    }

    #[test]
    fn a_page_says_which_findings_it_shows_with_thousands_separated() {
        let page = |page: usize, shown: usize, total: usize| FindingsPage {
            filter: FindingFilter::default(),
            findings: vec![Finding::unreadable(&WorkbookError::NoListRead { file: "a.xlsb".into() }); shown],
            total,
            page,
            pages: total.div_ceil(50),
            per_page: 50,
        };
        assert_eq!(page(1, 50, 149_000).describe(), "Showing 51\u{2013}100 of 149,000 findings");
        assert_eq!(page(0, 1, 1).describe(), "Showing the 1 finding");
        assert_eq!(page(0, 7, 7).describe(), "Showing all 7 findings");
        assert_eq!(page(2, 3, 103).describe(), "Showing 101\u{2013}103 of 103 findings");
        assert_eq!(page(0, 0, 0).describe(), "No findings match.");
        assert!(page(1, 50, 149_000).has_previous() && page(1, 50, 149_000).has_next());
        assert!(!page(0, 1, 1).has_previous() && !page(0, 1, 1).has_next());
    }

    #[test]
    fn the_worker_answers_garbage_with_a_failure() {
        let mut state = WorkerState::default();
        assert!(matches!(state.answer("{not json", [], &mut |_| {}, &no_export), WorkerMessage::Failed { .. }));
        assert!(matches!(WorkerMessage::from_json("{\"kind\":\"nonsense\"}"), WorkerMessage::Failed { .. }));
        let progress = WorkerMessage::Progress(Progress { done: 0, total: 1, message: String::new() }).to_json();
        assert!(matches!(state.answer(&progress, [], &mut |_| {}, &no_export), WorkerMessage::Failed { .. }));
    }
}
