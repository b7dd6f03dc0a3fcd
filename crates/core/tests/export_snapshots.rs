//! Snapshots of every download the app offers, made from the built-in fictional example on a
//! fixed date, and of the example's project file: any change to what boards, inspectors and
//! families receive shows up as a reviewed diff. Word and Excel files are snapshotted by their
//! main part (document.xml; the sheet XML with its shared strings), OpenDocument files by
//! content.xml; the zip around them is tested in `xlsx_writer.rs` and `export_readers.rs`.

use std::io::Read;

use area_send_core::domain::example::example_project;
use area_send_core::domain::project_file;
use area_send_core::export::downloads::{self, Document, Format};

fn part(zip_bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    // One element a line, so a diff shows what changed rather than one changed 50 KB line.
    text.replace("><", ">\n<")
}

#[test]
fn every_download_of_the_example() {
    let project = example_project();
    let today = "2026-12-02".parse().unwrap();
    for document in Document::ALL {
        for &format in document.formats() {
            let made = downloads::make(&project, document, format, today).unwrap();
            let shown = match format {
                Format::Docx => part(&made.bytes, "word/document.xml"),
                Format::Odt | Format::Ods => part(&made.bytes, "content.xml"),
                // The sheet's cells name their text by number, so the text table goes with it.
                Format::Xlsx => {
                    [part(&made.bytes, "xl/worksheets/sheet1.xml"), part(&made.bytes, "xl/sharedStrings.xml")]
                        .join("\n")
                }
                _ => String::from_utf8(made.bytes).unwrap(),
            };
            insta::assert_snapshot!(format!("{}.{}", document.key(), format.key()), shown);
        }
    }
}

#[test]
fn the_example_project_file() {
    let text = project_file::to_json(&example_project(), "2026-12-02T09:00:00Z");
    insta::assert_snapshot!("example-project.json", text);
}

/// The example's plan a year in: the board update as at 1 November 2027, since 1 October, for
/// all actions and for the priority action plan alone.
#[test]
fn the_board_update_a_year_in() {
    use area_send_core::domain::plan::PlanId;
    use downloads::MakeOptions;
    let project = example_project();
    let as_at = "2027-11-01".parse().unwrap();
    for (name, plan) in [("all", None), ("pap", Some(PlanId("example-plan-pap".into())))] {
        let options = MakeOptions { since: "2027-10-01".parse().ok(), plan };
        for format in [Format::Html, Format::Docx] {
            let made = downloads::make_with(&project, Document::BoardUpdate, format, as_at, &options).unwrap();
            let shown = match format {
                Format::Docx => part(&made.bytes, "word/document.xml"),
                _ => String::from_utf8(made.bytes).unwrap(),
            };
            insta::assert_snapshot!(format!("board-update-2027-11-01-{name}.{}", format.key()), shown);
        }
    }
}

/// The plan exports for one plan: the priority action plan's own update, and its action table.
#[test]
fn the_plan_exports_for_the_priority_action_plan() {
    use area_send_core::domain::plan::PlanId;
    let project = example_project();
    let today = "2026-12-02".parse().unwrap();
    let options = downloads::MakeOptions { since: None, plan: Some(PlanId("example-plan-pap".into())) };
    for (document, format) in [(Document::Plan, Format::Html), (Document::ActionPlan, Format::Csv)] {
        let made = downloads::make_with(&project, document, format, today, &options).unwrap();
        insta::assert_snapshot!(
            format!("pap-only-{}.{}", document.key(), format.key()),
            String::from_utf8(made.bytes).unwrap()
        );
    }
    // No plan chosen: the same bytes as before plans existed.
    let all = downloads::make_with(&project, Document::Plan, Format::Html, today, &Default::default()).unwrap();
    assert_eq!(all, downloads::make(&project, Document::Plan, Format::Html, today).unwrap());
}
