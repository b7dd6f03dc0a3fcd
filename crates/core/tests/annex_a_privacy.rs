//! What leaves memory after a check: the saved project, browser storage (the same project file)
//! and every download hold neither a cell's value (shown on screen beside its finding) nor the
//! files' own names (a file may be named after a child).

use std::io::Read;

use area_send_core::checks::example_data::{clean_rows, xlsx_from_rows};
use area_send_core::checks::session::{self, CheckRequest, InputFile};
use area_send_core::domain::annex_a::{AnnexEdit, apply};
use area_send_core::domain::example::example_project;
use area_send_core::domain::project_file;
use area_send_core::export::downloads::{self, Document, Format};

const FILE: &str = "Zebedee Testperson list1.xlsx";
/// A wrong value no other text in the project holds.
const VALUE: &str = "AUTISMQX";

/// Every text inside a download: the file itself, or each part of a zip (Word, Excel).
fn texts(bytes: &[u8]) -> String {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return String::from_utf8_lossy(bytes).into_owned();
    };
    let mut all = String::new();
    for i in 0..archive.len() {
        let mut part = String::new();
        let _ = archive.by_index(i).unwrap().read_to_string(&mut part);
        all.push_str(&part);
    }
    all
}

fn checked() -> session::CheckOutcome {
    let profile = area_send_core::checks::profile("full-2025").unwrap();
    let mut rows = clean_rows(profile, "list-1", 5);
    let need = profile.list("list-1").unwrap().columns.iter().position(|c| c.key == "sen_primary_need").unwrap();
    rows[2][need] = VALUE.into();
    let bytes = xlsx_from_rows(&[("List 1", rows)]).unwrap();
    let request = CheckRequest::new("full-2025", "2025-11-20".parse().unwrap());
    session::run(&request, [InputFile { name: FILE.into(), bytes: Ok(bytes) }], 1, &mut |_| {}).unwrap()
}

#[test]
fn the_value_is_shown_but_never_saved_or_exported() {
    let outcome = checked();
    let f = outcome.all_findings().find(|f| f.rule == "CODE-INVALID").expect("the wrong code is found");
    assert_eq!(f.value.as_deref(), Some(VALUE), "shown on screen");
    assert!(!f.message.contains(VALUE) && !f.how_to_fix.contains(VALUE));

    let mut project = example_project();
    apply(&mut project.annex_a, AnnexEdit::RecordCheck { summary: outcome.report.summary.clone() });
    let query = outcome.all_findings().find(|f| f.severity == area_send_core::checks::Severity::Query).unwrap();
    apply(&mut project.annex_a, AnnexEdit::Explain { finding: query.key(), note: "Known.".into() });
    let saved = project_file::to_json(&project, "2026-12-02T09:00:00Z");
    for (what, text) in [("project file", saved.clone())]
        .into_iter()
        .chain(["csv", "xlsx"].iter().map(|format| {
            let format = Format::from_key(format).unwrap();
            let made = downloads::findings(&project, &outcome, format, &mut |_| {}).unwrap();
            ("findings download", texts(&made.bytes))
        }))
        .chain(Document::ALL.iter().flat_map(|&document| {
            let project = &project;
            document.formats().iter().map(move |&format| {
                let made = downloads::make(project, document, format, "2026-12-02".parse().unwrap()).unwrap();
                ("download", texts(&made.bytes))
            })
        }))
    {
        assert!(!text.contains(VALUE), "the cell's value is in a {what}");
    }
    // The findings download keeps today's rule: it names the file, as the screen does.
    let readiness =
        downloads::make(&project, Document::Readiness, Format::Html, "2026-12-02".parse().unwrap()).unwrap();
    assert!(String::from_utf8(readiness.bytes).unwrap().contains("List 1"));
    assert!(!saved.contains("Zebedee"), "the file's name is in the saved project");
    for &format in Document::Readiness.formats() {
        let made = downloads::make(&project, Document::Readiness, format, "2026-12-02".parse().unwrap()).unwrap();
        assert!(!texts(&made.bytes).contains("Zebedee"), "the file's name is in the readiness summary");
    }
}

#[test]
fn an_old_project_file_with_file_names_loads_without_them() {
    let outcome = checked();
    let mut project = example_project();
    // As projects were saved before: the summary with the file's name, and a key naming it.
    project.annex_a.last_check = Some(outcome.report.summary.clone());
    project.annex_a.explanations.insert(format!("VALUE-BLANK|{FILE}|List 1|3|Gender"), "Known.".into());
    let old = project_file::to_json(&project, "2026-12-02T09:00:00Z");
    assert!(old.contains("Zebedee"), "the old file names the file");
    let loaded = project_file::from_json(&old).unwrap();
    let summary = loaded.annex_a.last_check.as_ref().unwrap();
    assert_eq!(summary.lists.len(), 1);
    assert_eq!(summary.lists[0].list_id, "list-1");
    assert_eq!(summary.lists[0].rows, 5);
    assert_eq!(loaded.annex_a.explanations.get("VALUE-BLANK||List 1|3|Gender").map(String::as_str), Some("Known."));
    assert!(!project_file::to_json(&loaded, "2026-12-02T09:00:00Z").contains("Zebedee"));
}

#[test]
fn the_findings_workbooks_carry_the_partnership_and_the_day_of_the_check() {
    let outcome = checked();
    let project = example_project();
    for format in [Format::Xlsx, Format::Ods] {
        let made = downloads::findings(&project, &outcome, format, &mut |_| {}).unwrap();
        let text = texts(&made.bytes);
        // Created and modified are the check's day (2025-11-20), never missing or a clock read.
        // (ODF writes its dates without a zone.)
        assert_eq!(text.matches("2025-11-20T00:00:00").count(), 2, "{} dates", format.key());
        assert!(text.contains(&downloads::author(&project)), "{} author", format.key());
    }
}
