//! Running the checks over loaded files, and what comes out: findings for the screen and exports,
//! and a summary of aggregates that is safe to save with a project.
//!
//! [`check`] never fails on bad data: every problem is a [`Finding`]. Only "cannot read the file"
//! is an error, and that happens before this point ([`super::workbook::read_workbook`]); callers
//! can still list those files with [`Finding::unreadable`].

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::headers::{ColumnMapping, propose_mapping};
use super::profile::Profile;
use super::rules::{FILE_UNREADABLE, LIST_NOT_FOUND, LIST_NOT_FOUND_OPTIONAL, ListData, run_all};
use super::workbook::{Workbook, WorkbookError};
pub use crate::domain::annex_a::{CheckSummary, ColumnCompleteness, FileSummary, ListSummary, RuleCount, Severity};

/// One problem, located as the spreadsheet shows it.
///
/// Small, because a list of 200,000 rows can have as many findings: the rule is a static id,
/// and the names (file, sheet, list, column) and texts are shared with every other finding that
/// says the same, so a finding costs a few pointers and its row.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// A stable rule id from `RULES.md`.
    pub rule: &'static str,
    pub severity: Severity,
    pub file: Arc<str>,
    pub sheet: Option<Arc<str>>,
    /// The list's name ("List 1").
    pub list: Option<Arc<str>>,
    /// 1-based, as the spreadsheet numbers rows; `None` for a finding about a whole list or column.
    pub row: Option<u32>,
    /// The column's header as written in the file (or the template's name if it is missing).
    pub column: Option<Arc<str>>,
    /// The file's own pseudonymous ID for the row (its Unique ID), the only value exports carry.
    pub unique_id: Option<Arc<str>>,
    /// The cell's value, to show on screen beside the finding (shared with the loaded sheet).
    /// Memory only, like the rows: no export, message or saved project carries it.
    pub value: Option<Arc<str>>,
    /// Plain English; never contains a cell's value.
    pub message: Arc<str>,
    pub how_to_fix: Arc<str>,
}

/// A finding as read back (from the worker): its rule becomes the registry's own static id, a
/// missing `how_to_fix` is the rule's own, and texts repeated from finding to finding are shared
/// again (see [`SHARED`]), so the page holds a large check in about the worker's memory.
#[derive(Deserialize)]
struct FindingIn {
    rule: String,
    severity: Severity,
    file: String,
    sheet: Option<String>,
    list: Option<String>,
    row: Option<u32>,
    column: Option<String>,
    unique_id: Option<Arc<str>>,
    #[serde(default)]
    value: Option<Arc<str>>,
    message: String,
    #[serde(default)]
    how_to_fix: Option<String>,
}

thread_local! {
    /// Texts shared while findings are read back; emptied after each message
    /// ([`with_shared_texts`]), so it keeps nothing alive between checks.
    static SHARED: std::cell::RefCell<rustc_hash::FxHashSet<Arc<str>>> = Default::default();
}

fn shared(text: &str) -> Arc<str> {
    SHARED.with(|set| {
        let mut set = set.borrow_mut();
        if let Some(found) = set.get(text) {
            return Arc::clone(found);
        }
        let new: Arc<str> = text.into();
        set.insert(Arc::clone(&new));
        new
    })
}

/// Runs `read` (a deserialisation of findings) sharing repeated texts, then forgets them.
pub(crate) fn with_shared_texts<T>(read: impl FnOnce() -> T) -> T {
    let out = read();
    SHARED.with(|set| set.borrow_mut().clear());
    out
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let own = is_rules_own(&self.how_to_fix, self.rule);
        let mut out = s.serialize_struct("Finding", 11)?;
        out.serialize_field("rule", self.rule)?;
        out.serialize_field("severity", &self.severity)?;
        out.serialize_field("file", &self.file)?;
        out.serialize_field("sheet", &self.sheet)?;
        out.serialize_field("list", &self.list)?;
        out.serialize_field("row", &self.row)?;
        out.serialize_field("column", &self.column)?;
        out.serialize_field("unique_id", &self.unique_id)?;
        if self.value.is_some() {
            out.serialize_field("value", &self.value)?;
        }
        out.serialize_field("message", &self.message)?;
        if !own {
            out.serialize_field("how_to_fix", &self.how_to_fix)?;
        }
        out.end()
    }
}

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Finding, D::Error> {
        Finding::try_from(FindingIn::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<FindingIn> for Finding {
    type Error = String;

    fn try_from(f: FindingIn) -> Result<Finding, String> {
        let rule = super::rules::rule(&f.rule).ok_or_else(|| format!("unknown rule {}", f.rule))?;
        Ok(Finding {
            rule: rule.id,
            severity: f.severity,
            file: shared(&f.file),
            sheet: f.sheet.as_deref().map(shared),
            list: f.list.as_deref().map(shared),
            row: f.row,
            column: f.column.as_deref().map(shared),
            unique_id: f.unique_id,
            value: f.value,
            message: shared(&f.message),
            how_to_fix: shared(f.how_to_fix.as_deref().unwrap_or(rule.how_to_fix)),
        })
    }
}

/// Serialised without `how_to_fix` when it is the rule's own (most are): a smaller message.
fn is_rules_own(how_to_fix: &Arc<str>, rule: &str) -> bool {
    super::rules::rule(rule).is_some_and(|r| r.how_to_fix == &**how_to_fix)
}

impl Finding {
    /// Identifies a finding across runs, for attaching an explanation to a query. The file's
    /// own name is left out (the key is saved with the project; a file may be named after a
    /// child): the sheet, row and column place it.
    pub fn key(&self) -> String {
        format!(
            "{}||{}|{}|{}",
            self.rule,
            self.sheet.as_deref().unwrap_or(""),
            self.row.map(|r| r.to_string()).unwrap_or_default(),
            self.column.as_deref().unwrap_or("")
        )
    }

    /// A file that could not be read, as a finding, so it can be listed with the others.
    pub fn unreadable(err: &WorkbookError) -> Finding {
        Finding {
            rule: FILE_UNREADABLE.id,
            severity: FILE_UNREADABLE.severity,
            file: err.file().into(),
            sheet: None,
            list: None,
            row: None,
            column: None,
            unique_id: None,
            value: None,
            message: err.to_string().into(),
            how_to_fix: FILE_UNREADABLE.how_to_fix.into(),
        }
    }

    /// "“list1.xlsx”, sheet “EHC”, row 12, column “Date of birth”".
    pub fn location(&self) -> String {
        let mut parts = vec![format!("“{}”", self.file)];
        if let Some(s) = &self.sheet {
            parts.push(format!("sheet “{s}”"));
        }
        if let Some(r) = self.row {
            parts.push(format!("row {r}"));
        }
        if let Some(c) = &self.column {
            parts.push(format!("column “{c}”"));
        }
        parts.join(", ")
    }
}

/// Notes explaining queries, keyed by [`Finding::key`]. Kept with the project and exported.
pub type Explanations = BTreeMap<String, String>;

/// The date each list's data represents, by list id (`list-1`...), as the user recorded it.
pub type AsOfDates = BTreeMap<String, NaiveDate>;

/// Everything a check run produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    /// Every finding, in file, sheet, row order. Not saved with a project.
    pub findings: Vec<Finding>,
    /// Aggregates only: safe to save with the project.
    pub summary: CheckSummary,
    pub explanations: Explanations,
}

/// Checks every sheet that holds a list. `mapping` is the user's (possibly corrected) mapping;
/// `None` proposes one. `today` is passed in: the core never reads the clock.
pub fn check(
    workbooks: &[Workbook],
    profile: &Profile,
    mapping: Option<&ColumnMapping>,
    as_of: &AsOfDates,
    today: NaiveDate,
) -> CheckReport {
    let proposed;
    let mapping = match mapping {
        Some(m) => m,
        None => {
            proposed = propose_mapping(workbooks, profile);
            &proposed
        }
    };
    let mut findings = Vec::new();
    let mut lists = Vec::new();
    for wb in workbooks {
        for sheet in &wb.sheets {
            let Some(sheet_mapping) = mapping.sheet(&wb.file_name, &sheet.name) else { continue };
            let Some(list) = sheet_mapping.list.as_deref().and_then(|id| profile.list(id)) else { continue };
            let data = ListData::new(profile, list, wb, sheet, sheet_mapping, as_of.get(&list.id).copied(), today);
            let mut list_findings = run_all(&data);
            // Whole-list findings first, then row by row (stable: rule order within a row).
            list_findings.sort_by_key(|f| f.row);
            let count = |s: Severity| list_findings.iter().filter(|f| f.severity == s).count();
            lists.push(ListSummary {
                list_id: list.id.clone(),
                list_name: list.name.clone(),
                file: wb.file_name.clone(),
                sheet: sheet.name.clone(),
                rows: data.n_rows(),
                data_as_of: data.as_of,
                columns: list
                    .columns
                    .iter()
                    .map(|c| {
                        let source = data.source_column(&c.key);
                        let present = source.is_some();
                        let filled = source
                            .map_or(0, |s| data.row_indices().filter(|i| !data.cell_at(*i, s).is_blank()).count());
                        ColumnCompleteness {
                            key: c.key.clone(),
                            name: c.name.clone(),
                            present,
                            filled,
                            blank: if present { data.n_rows() - filled } else { 0 },
                        }
                    })
                    .collect(),
                errors: count(Severity::Error),
                queries: count(Severity::Query),
                warnings: count(Severity::Warning),
            });
            // Moved, not copied, when it is the first list: two copies of a million findings
            // would double the peak.
            if findings.is_empty() {
                findings = list_findings;
            } else {
                findings.extend(list_findings);
            }
        }
    }
    let mut lists_not_found = Vec::new();
    for list in &profile.lists {
        if !lists.iter().any(|l: &ListSummary| l.list_id == list.id) {
            lists_not_found.push(list.id.clone());
            let rule = if list.required { &LIST_NOT_FOUND } else { &LIST_NOT_FOUND_OPTIONAL };
            findings.push(Finding {
                rule: rule.id,
                severity: rule.severity,
                file: workbooks.iter().map(|w| w.file_name.as_str()).collect::<Vec<_>>().join(", ").into(),
                sheet: None,
                list: Some(list.name.as_str().into()),
                row: None,
                column: None,
                unique_id: None,
                value: None,
                message: format!("No sheet holds {} (“{}”).", list.name, list.description).into(),
                how_to_fix: rule.how_to_fix.into(),
            });
        }
    }
    let summary = summarise(profile, workbooks, lists, lists_not_found, &findings, &Explanations::new(), today);
    CheckReport { findings, summary, explanations: Explanations::new() }
}

fn summarise(
    profile: &Profile,
    workbooks: &[Workbook],
    lists: Vec<ListSummary>,
    lists_not_found: Vec<String>,
    findings: &[Finding],
    explanations: &Explanations,
    today: NaiveDate,
) -> CheckSummary {
    let mut counts: BTreeMap<(Severity, String), usize> = BTreeMap::new();
    for f in findings {
        *counts.entry((f.severity, f.rule.to_string())).or_default() += 1;
    }
    let n = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    CheckSummary {
        profile: profile.id.clone(),
        checked_on: today,
        files: workbooks
            .iter()
            .map(|w| FileSummary { file: w.file_name.clone(), format: w.format.label().into(), sheets: w.sheets.len() })
            .collect(),
        lists,
        lists_not_found,
        counts: counts.into_iter().map(|((severity, rule), count)| RuleCount { rule, severity, count }).collect(),
        errors: n(Severity::Error),
        queries: n(Severity::Query),
        warnings: n(Severity::Warning),
        queries_explained: findings
            .iter()
            .filter(|f| {
                f.severity == Severity::Query && explanations.get(&f.key()).is_some_and(|e| !e.trim().is_empty())
            })
            .count(),
    }
}

/// Attaches (or, with an empty note, removes) an explanation for a finding.
pub fn set_explanation(explanations: &mut Explanations, finding_key: &str, note: &str) {
    if note.trim().is_empty() {
        explanations.remove(finding_key);
    } else {
        explanations.insert(finding_key.to_string(), note.trim().to_string());
    }
}

/// The explanation given for `finding`, if any. No key is made when there are none: a
/// million findings' downloads ask once a row.
pub fn explanation_of<'a>(explanations: &'a Explanations, finding: &Finding) -> Option<&'a str> {
    if explanations.is_empty() {
        return None;
    }
    explanations.get(&finding.key()).map(String::as_str)
}

impl CheckReport {
    /// Attaches (or, with an empty note, removes) an explanation for a finding.
    pub fn explain(&mut self, finding_key: &str, note: &str) {
        set_explanation(&mut self.explanations, finding_key, note);
        self.summary.queries_explained = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Query && self.explanations.contains_key(&f.key()))
            .count();
    }

    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::profile::profile;
    use crate::checks::rules::RULES;
    use crate::checks::rules::test_support::{today, workbook};

    #[test]
    fn findings_use_registered_rules_with_their_severity() {
        let wb = workbook(&[
            &["Unique ID", "UPN", "Date of birth", "Gender", "Date initial EHC plan issued", "Forename"],
            &["A1", "bad", "31/02/2020", "x", "", "Xyz"],
            &["A1", "", "01/01/1990", "", ""],
        ]);
        let report = check(&[wb], profile("full-2025").unwrap(), None, &AsOfDates::new(), today());
        assert!(!report.findings.is_empty());
        for f in &report.findings {
            let rule = RULES.iter().find(|r| r.id == f.rule).unwrap_or_else(|| panic!("unregistered {}", f.rule));
            assert_eq!(rule.severity, f.severity, "{}", f.rule);
        }
        assert!(report.findings.iter().any(|f| f.rule == "LIST-NOT-FOUND" && f.list.as_deref() == Some("List 2")));
        assert_eq!(report.summary.lists_not_found, ["list-2"]);
        assert!(report.has_errors());
    }

    #[test]
    fn a_missing_list_is_an_error_only_where_the_request_asks_for_it_outright() {
        let wb = workbook(&[&["Unique ID", "Age", "Setting type"], &["P1", "12", "a) State-maintained"]]);
        let ap =
            check(std::slice::from_ref(&wb), profile("ap-thematic-2023").unwrap(), None, &AsOfDates::new(), today());
        let missing: Vec<&Finding> = ap.findings.iter().filter(|f| f.rule.starts_with("LIST-NOT-FOUND")).collect();
        assert_eq!(missing.len(), 3, "{missing:?}");
        assert!(missing.iter().all(|f| f.rule == "LIST-NOT-FOUND-OPTIONAL" && f.severity == Severity::Query));
        let full = check(&[wb], profile("full-2025").unwrap(), None, &AsOfDates::new(), today());
        assert!(full.findings.iter().any(|f| f.rule == "LIST-NOT-FOUND" && f.severity == Severity::Error));
    }

    #[test]
    fn summary_counts_and_completeness() {
        let wb = workbook(&[
            &["Unique ID", "Gender", "UPN", "Date initial EHC plan issued"],
            &["A1", "a) Male"],
            &["A2", ""],
        ]);
        let mut as_of = AsOfDates::new();
        as_of.insert("list-1".into(), NaiveDate::from_ymd_opt(2025, 11, 1).unwrap());
        let report = check(&[wb], profile("full-2025").unwrap(), None, &as_of, today());
        let list = &report.summary.lists[0];
        assert_eq!((list.rows, list.data_as_of), (2, as_of.get("list-1").copied()));
        let gender = list.columns.iter().find(|c| c.key == "gender").unwrap();
        assert_eq!((gender.present, gender.filled, gender.blank), (true, 1, 1));
        let dob = list.columns.iter().find(|c| c.key == "date_of_birth").unwrap();
        assert!(!dob.present);
        let total: usize = report.summary.counts.iter().map(|c| c.count).sum();
        assert_eq!(total, report.findings.len());
    }

    #[test]
    fn explanations_attach_to_queries() {
        let wb = workbook(&[&["Unique ID", "Gender", "UPN"], &["A1", ""]]);
        let mut report = check(&[wb], profile("full-2025").unwrap(), None, &AsOfDates::new(), today());
        let key = report.findings.iter().find(|f| f.rule == "VALUE-BLANK").unwrap().key();
        report.explain(&key, "Gender not recorded by the family's choice.");
        assert_eq!(report.summary.queries_explained, 1);
        report.explain(&key, " ");
        assert_eq!(report.summary.queries_explained, 0);
    }

    #[test]
    fn a_corrected_mapping_is_used() {
        let wb = workbook(&[&["Unique ID", "Birth", "UPN", "Gender"], &["A1", "31/02/2020"]]);
        let p = profile("full-2025").unwrap();
        let mut mapping = propose_mapping(std::slice::from_ref(&wb), p);
        let before = check(std::slice::from_ref(&wb), p, Some(&mapping), &AsOfDates::new(), today());
        assert!(!before.findings.iter().any(|f| f.rule == "DATE-IMPOSSIBLE"));
        mapping.sheet_mut("test.xlsx", "Data").unwrap().set_column("date_of_birth", Some(1), "Birth");
        let after = check(&[wb], p, Some(&mapping), &AsOfDates::new(), today());
        let f = after.findings.iter().find(|f| f.rule == "DATE-IMPOSSIBLE").unwrap();
        assert_eq!((f.row, f.column.as_deref()), (Some(2), Some("Birth")));
    }
}
