//! Annex A readiness as the project keeps it: the request profile in use, the data-as-of dates,
//! explanations for queries, the documents checklist, and the aggregates of the last check.
//! Person-level rows never reach this module: the checks (in `crate::checks`) reduce them to
//! the counts below, which hold no value from any person's row.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::choice::choice_enum;
use super::project::PartnerId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must fix.
    Error,
    /// Fix or explain.
    Query,
    /// Personal information the request does not ask for, or advice.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Query => "query",
            Self::Warning => "warning",
        }
    }

    /// "Error", "Query", "Warning".
    pub fn label(self) -> &'static str {
        match self {
            Self::Error => "Error",
            Self::Query => "Query",
            Self::Warning => "Warning",
        }
    }

    /// "1 error", "19,999 queries".
    pub fn count(self, n: usize) -> String {
        match self {
            Self::Error => super::counting::errors(n),
            Self::Query => super::counting::queries(n),
            Self::Warning => super::counting::warnings(n),
        }
    }
}

/// Aggregates of a check run. Holds no value from any person's row: counts, rule ids, column
/// names from the profile, sheet names, and dates the user entered. The files' names are here
/// only while the check is on screen: a file may be named after a child, so the project keeps
/// none of them ([`CheckSummary::forget_file_names`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckSummary {
    pub profile: String,
    pub checked_on: NaiveDate,
    pub files: Vec<FileSummary>,
    pub lists: Vec<ListSummary>,
    /// Lists the profile asks for that no sheet holds (list ids).
    pub lists_not_found: Vec<String>,
    pub counts: Vec<RuleCount>,
    pub errors: usize,
    pub queries: usize,
    pub warnings: usize,
    pub queries_explained: usize,
}

impl CheckSummary {
    /// Drops the files' own names, keeping which lists were checked and their counts.
    pub fn forget_file_names(&mut self) {
        for f in &mut self.files {
            f.file.clear();
        }
        for l in &mut self.lists {
            l.file.clear();
        }
    }
}

/// A finding key (`rule|file|sheet|row|column`) without its file's name: keys made before
/// names were dropped still find their findings.
pub fn key_without_file_name(key: &str) -> String {
    let mut parts: Vec<&str> = key.split('|').collect();
    if parts.len() >= 5 {
        // The file's name may itself hold '|': the last three parts are sheet, row and column.
        let n = parts.len();
        let (rule, rest) = (parts[0], parts.split_off(n - 3));
        return format!("{rule}||{}", rest.join("|"));
    }
    key.to_string()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSummary {
    /// Empty once saved with a project.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    pub format: String,
    pub sheets: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSummary {
    pub list_id: String,
    pub list_name: String,
    /// Empty once saved with a project.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    pub sheet: String,
    pub rows: usize,
    pub data_as_of: Option<NaiveDate>,
    pub columns: Vec<ColumnCompleteness>,
    pub errors: usize,
    pub queries: usize,
    pub warnings: usize,
}

/// How full one template column is. `present` is false when the sheet lacks the column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnCompleteness {
    pub key: String,
    pub name: String,
    pub present: bool,
    pub filled: usize,
    pub blank: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCount {
    pub rule: String,
    pub severity: Severity,
    pub count: usize,
}

choice_enum! {
    /// Whether a requested document is ready. The request asks only for what is already held.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum Holding {
        Held => ("held", "Held"),
        PartlyHeld => ("partly-held", "Partly held"),
        NotHeld => ("not-held", "Not held"),
    }
}

/// The checklist entry for one Annex A item. One file may cover several items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentStatus {
    /// `None`: not recorded yet (an owner, file, date or note may be, before the status is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holding: Option<Holding>,
    #[serde(default)]
    pub owner: Option<PartnerId>,
    #[serde(default)]
    pub file_name: String,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

/// How far the documents checklist has got. The aim is every item reviewed (its status
/// recorded), not every item held: the handbook asks for routine business only, never
/// documents produced for the inspection (¶88–89, ¶212), so "not held" is a full answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentTally {
    pub items: usize,
    pub held: usize,
    pub partly_held: usize,
    pub not_held: usize,
}

impl DocumentTally {
    pub fn reviewed(&self) -> usize {
        self.held + self.partly_held + self.not_held
    }

    pub fn all_reviewed(&self) -> bool {
        self.reviewed() >= self.items
    }

    /// "3 of 35 items reviewed: 2 held, 1 partly held, 0 not held".
    pub fn describe(&self) -> String {
        format!(
            "{} of {} items reviewed: {} held, {} partly held, {} not held",
            self.reviewed(),
            self.items,
            self.held,
            self.partly_held,
            self.not_held
        )
    }
}

impl DocumentStatus {
    /// Nothing recorded.
    pub fn blank() -> DocumentStatus {
        DocumentStatus { holding: None, owner: None, file_name: String::new(), date: None, note: String::new() }
    }

    fn is_blank(&self) -> bool {
        *self == DocumentStatus::blank()
    }
}

/// One part of a checklist entry, changed on its own so no other part changes with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentField {
    Holding(Option<Holding>),
    Owner(Option<PartnerId>),
    FileName(String),
    Date(Option<NaiveDate>),
    Note(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnexReadiness {
    /// The request profile id, e.g. `full-2025`.
    pub profile: String,
    /// The date each list's data represents, by list id.
    #[serde(default)]
    pub as_of: BTreeMap<String, NaiveDate>,
    /// Notes explaining queries, keyed by finding key (locations and rule ids only).
    #[serde(default)]
    pub explanations: BTreeMap<String, String>,
    /// Document checklist by item id (`1.1`, `7.2`…).
    #[serde(default)]
    pub documents: BTreeMap<String, DocumentStatus>,
    /// Aggregates of the last check run.
    #[serde(default)]
    pub last_check: Option<CheckSummary>,
}

impl AnnexReadiness {
    /// What a project may keep: no file's name in the last check or in an explanation's key.
    /// Called on every check recorded and every project file read, so old files lose theirs.
    pub fn forget_file_names(&mut self) {
        if let Some(summary) = &mut self.last_check {
            summary.forget_file_names();
        }
        if self.explanations.keys().any(|k| key_without_file_name(k) != *k) {
            let explanations = std::mem::take(&mut self.explanations);
            self.explanations = explanations.into_iter().map(|(k, v)| (key_without_file_name(&k), v)).collect();
        }
    }
}

impl Default for AnnexReadiness {
    fn default() -> Self {
        Self {
            profile: "full-2025".into(),
            as_of: BTreeMap::new(),
            explanations: BTreeMap::new(),
            documents: BTreeMap::new(),
            last_check: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnnexEdit {
    SetProfile {
        profile: String,
    },
    SetAsOf {
        list: String,
        date: Option<NaiveDate>,
    },
    Explain {
        finding: String,
        note: String,
    },
    SetDocument {
        item: String,
        status: Option<DocumentStatus>,
    },
    /// One field of an item's entry, the others kept (an entry left blank is removed).
    SetDocumentField {
        item: String,
        field: DocumentField,
    },
    RecordCheck {
        summary: CheckSummary,
    },
}

pub fn apply(readiness: &mut AnnexReadiness, edit: AnnexEdit) {
    match edit {
        AnnexEdit::SetProfile { profile } => readiness.profile = profile,
        AnnexEdit::SetAsOf { list, date: Some(date) } => {
            readiness.as_of.insert(list, date);
        }
        AnnexEdit::SetAsOf { list, date: None } => {
            readiness.as_of.remove(&list);
        }
        AnnexEdit::Explain { finding, note } => {
            let finding = key_without_file_name(&finding);
            let was = readiness.explanations.contains_key(&finding);
            let now = !note.trim().is_empty();
            if now {
                readiness.explanations.insert(finding, note);
            } else {
                readiness.explanations.remove(&finding);
            }
            // Queries are explained from the last check's own findings, so its count moves with
            // each note; the summary keeps no finding keys to recount from.
            if let Some(summary) = &mut readiness.last_check {
                match (was, now) {
                    (false, true) => summary.queries_explained = (summary.queries_explained + 1).min(summary.queries),
                    (true, false) => summary.queries_explained = summary.queries_explained.saturating_sub(1),
                    _ => {}
                }
            }
        }
        AnnexEdit::SetDocument { item, status: Some(status) } => {
            readiness.documents.insert(item, status);
        }
        AnnexEdit::SetDocument { item, status: None } => {
            readiness.documents.remove(&item);
        }
        AnnexEdit::SetDocumentField { item, field } => {
            let mut entry = readiness.documents.get(&item).cloned().unwrap_or_else(DocumentStatus::blank);
            match field {
                DocumentField::Holding(h) => entry.holding = h,
                DocumentField::Owner(o) => entry.owner = o,
                DocumentField::FileName(f) => entry.file_name = f,
                DocumentField::Date(d) => entry.date = d,
                DocumentField::Note(n) => entry.note = n,
            }
            if entry.is_blank() {
                readiness.documents.remove(&item);
            } else {
                readiness.documents.insert(item, entry);
            }
        }
        AnnexEdit::RecordCheck { mut summary } => {
            summary.forget_file_names();
            readiness.last_check = Some(summary);
        }
    }
}

impl AnnexReadiness {
    /// The checklist's state for the request's items (by id).
    pub fn document_tally<'a>(&self, items: impl IntoIterator<Item = &'a str>) -> DocumentTally {
        let mut tally = DocumentTally::default();
        for item in items {
            tally.items += 1;
            match self.documents.get(item).and_then(|d| d.holding) {
                Some(Holding::Held) => tally.held += 1,
                Some(Holding::PartlyHeld) => tally.partly_held += 1,
                Some(Holding::NotHeld) => tally.not_held += 1,
                None => {}
            }
        }
        tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explanations_are_kept_and_blank_removes_them() {
        let mut r = AnnexReadiness::default();
        apply(&mut r, AnnexEdit::Explain { finding: "k".into(), note: "Known: moved out of area".into() });
        assert_eq!(r.explanations["k"], "Known: moved out of area");
        apply(&mut r, AnnexEdit::Explain { finding: "k".into(), note: " ".into() });
        assert!(r.explanations.is_empty());
    }

    #[test]
    fn explaining_a_query_updates_the_last_checks_count_at_once() {
        let mut r = AnnexReadiness {
            last_check: Some(CheckSummary {
                profile: "full-2025".into(),
                checked_on: "2026-11-20".parse().unwrap(),
                files: vec![],
                lists: vec![],
                lists_not_found: vec![],
                counts: vec![],
                errors: 0,
                queries: 2,
                warnings: 0,
                queries_explained: 0,
            }),
            ..AnnexReadiness::default()
        };
        let explained = |r: &AnnexReadiness| r.last_check.as_ref().unwrap().queries_explained;
        apply(&mut r, AnnexEdit::Explain { finding: "k".into(), note: "Moved out of area".into() });
        assert_eq!(explained(&r), 1);
        // Rewording a note is not a second explanation; clearing it takes the count back.
        apply(&mut r, AnnexEdit::Explain { finding: "k".into(), note: "Moved out of area in May".into() });
        assert_eq!(explained(&r), 1);
        apply(&mut r, AnnexEdit::Explain { finding: "k".into(), note: String::new() });
        assert_eq!(explained(&r), 0);
        apply(&mut r, AnnexEdit::Explain { finding: "other".into(), note: String::new() });
        assert_eq!(explained(&r), 0);
    }

    #[test]
    fn keys_lose_their_file_name_only() {
        assert_eq!(key_without_file_name("UPN-DUPLICATE|Zebedee list.xlsx|EHC|12|UPN"), "UPN-DUPLICATE||EHC|12|UPN");
        assert_eq!(key_without_file_name("R|a|b.xlsx|EHC|12|UPN"), "R||EHC|12|UPN");
        assert_eq!(key_without_file_name("R||EHC|12|UPN"), "R||EHC|12|UPN");
        assert_eq!(key_without_file_name("k"), "k");
    }

    #[test]
    fn documents_and_dates_can_be_set_and_cleared() {
        let mut r = AnnexReadiness::default();
        let status = DocumentStatus {
            holding: Some(Holding::PartlyHeld),
            owner: None,
            file_name: "jsna.pdf".into(),
            date: None,
            note: String::new(),
        };
        apply(&mut r, AnnexEdit::SetDocument { item: "1.2".into(), status: Some(status) });
        apply(&mut r, AnnexEdit::SetAsOf { list: "list-1".into(), date: "2026-11-20".parse().ok() });
        assert_eq!(r.documents["1.2"].holding, Some(Holding::PartlyHeld));
        apply(&mut r, AnnexEdit::SetAsOf { list: "list-1".into(), date: None });
        assert!(r.as_of.is_empty());
    }

    #[test]
    fn a_note_typed_for_an_item_never_records_its_status() {
        let mut r = AnnexReadiness::default();
        let field = |item: &str, field| AnnexEdit::SetDocumentField { item: item.into(), field };
        apply(&mut r, field("1.2", DocumentField::Note("Ask public health".into())));
        assert_eq!(r.documents["1.2"].holding, None, "typing a note is not choosing \u{201c}Not held\u{201d}");
        assert_eq!(r.document_tally(["1.2"]).reviewed(), 0);
        apply(&mut r, field("1.2", DocumentField::Holding(Some(Holding::Held))));
        apply(&mut r, field("1.2", DocumentField::FileName("jsna.pdf".into())));
        let entry = &r.documents["1.2"];
        assert_eq!(
            (entry.holding, entry.note.as_str(), entry.file_name.as_str()),
            (Some(Holding::Held), "Ask public health", "jsna.pdf")
        );
        assert_eq!(r.document_tally(["1.2"]).held, 1);
        // Back to "Not recorded" keeps the note; clearing everything removes the entry.
        apply(&mut r, field("1.2", DocumentField::Holding(None)));
        assert_eq!(r.documents["1.2"].note, "Ask public health");
        apply(&mut r, field("1.2", DocumentField::Note(String::new())));
        apply(&mut r, field("1.2", DocumentField::FileName(String::new())));
        assert!(r.documents.is_empty());
        // A saved entry keeps its status through the file format; an unrecorded one writes none.
        let json = serde_json::to_string(&DocumentStatus { note: "n".into(), ..DocumentStatus::blank() }).unwrap();
        assert!(!json.contains("holding"), "{json}");
        let old: DocumentStatus = serde_json::from_str(r#"{"holding":"not-held"}"#).unwrap();
        assert_eq!(old.holding, Some(Holding::NotHeld));
    }
}
