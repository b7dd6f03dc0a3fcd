//! Every way a file reaches the Annex A checks: xlsx, xlsx in the 1904 date system, ods, xls,
//! csv (UTF-8, BOM, Windows-1252, renamed .xlsx), and every kind of bad file. Fixtures are
//! generated here, except the binary ones in `tests/fixtures/` (see `make_fixtures.py`).

use std::io::{Cursor, Read, Write};

use area_send_core::checks::dates::{DateParse, parse_cell};
use area_send_core::checks::example_data::{
    Value, example_as_of, example_workbook, synthetic_list_xlsx, xlsx_from_rows,
};
use area_send_core::checks::report::AsOfDates;
use area_send_core::checks::session::{self, CheckRequest, InputFile};
use area_send_core::checks::workbook::{Cell, DateSystem, FileFormat};
use area_send_core::checks::{ReadOptions, ReadProgress, WorkbookError, check, profile, read_workbook};
use chrono::NaiveDate;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    date(2025, 11, 20)
}

/// Rewrites one part of a zip (xlsx/ods) with `edit`.
fn edit_zip_part(bytes: &[u8], part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name == part {
            content = edit(String::from_utf8(content).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn xlsx_dates_numbers_and_text_load() {
    let bytes = synthetic_list_xlsx(profile("full-2025").unwrap(), "list-1", 10).unwrap();
    let wb = read_workbook("list1.xlsx", &bytes, ReadOptions::default()).unwrap();
    assert_eq!(wb.format, FileFormat::Xlsx);
    assert_eq!(wb.date_system, DateSystem::Excel1900);
    let sheet = &wb.sheets[0];
    assert_eq!(sheet.name, "List 1");
    assert_eq!(sheet.n_rows(), 11);
    assert_eq!(sheet.cell(0, 10), &Cell::Text("Main education establishment – URN".into()));
    assert!(matches!(sheet.cell(1, 3), Cell::Date(_)), "{:?}", sheet.cell(1, 3));
    assert!(matches!(sheet.cell(1, 10), Cell::Number(_)));
}

#[test]
fn xlsx_in_the_1904_date_system_gives_the_right_dates() {
    // 42735 days after 01/01/1904 is 01/01/2021 (in the 1900 system it would be 01/01/2017).
    let rows = vec![
        vec![Value::from("Unique ID"), Value::from("Date of birth")],
        vec![Value::from("A1"), Value::Number(42735.0)],
    ];
    let plain = xlsx_from_rows(&[("List 1", rows)]).unwrap();
    let bytes =
        edit_zip_part(&plain, "xl/workbook.xml", |xml| xml.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1));
    let wb = read_workbook("mac.xlsx", &bytes, ReadOptions::default()).unwrap();
    assert_eq!(wb.date_system, DateSystem::Excel1904);
    let cell = wb.sheets[0].cell(1, 1);
    assert_eq!(parse_cell(cell, wb.date_system), Some(DateParse::Date(date(2021, 1, 1))));

    // A date-formatted cell in a 1904 workbook is read with the 1904 epoch: the serial written for
    // 01/01/2017 in the 1900 system (42736) is 02/01/2021 to Excel on a 1904 workbook.
    let rows = vec![
        vec![Value::from("Unique ID"), Value::from("Date of birth")],
        vec![Value::from("A1"), Value::Date(date(2017, 1, 1))],
    ];
    let plain = xlsx_from_rows(&[("List 1", rows)]).unwrap();
    let bytes =
        edit_zip_part(&plain, "xl/workbook.xml", |xml| xml.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1));
    let wb = read_workbook("mac.xlsx", &bytes, ReadOptions::default()).unwrap();
    assert_eq!(wb.sheets[0].cell(1, 1), &Cell::Date(date(2021, 1, 2)));
}

fn ods_bytes() -> Vec<u8> {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>
<table:table table:name="List 2">
<table:table-row>
<table:table-cell office:value-type="string"><text:p>Unique ID</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Date of birth</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Suspensions</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Gender</text:p></table:table-cell>
</table:table-row>
<table:table-row>
<table:table-cell office:value-type="string"><text:p>FICT-000009</text:p></table:table-cell>
<table:table-cell office:value-type="date" office:date-value="2014-03-04"><text:p>04/03/2014</text:p></table:table-cell>
<table:table-cell office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>b) Female</text:p></table:table-cell>
</table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"#;
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    z.start_file("META-INF/manifest.xml", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(manifest.as_bytes()).unwrap();
    z.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
    // Real ODS files have no whitespace between cells, and calamine expects none.
    z.write_all(content.replace(">\n<", "><").as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

#[test]
fn ods_loads_with_dates() {
    let wb = read_workbook("template.ods", &ods_bytes(), ReadOptions::default()).unwrap();
    assert_eq!(wb.format, FileFormat::Ods);
    let sheet = &wb.sheets[0];
    assert_eq!(sheet.name, "List 2");
    assert_eq!(sheet.cell(1, 1), &Cell::Date(date(2014, 3, 4)));
    assert_eq!(sheet.cell(1, 2), &Cell::Number(2.0));
    let report = check(&[wb], profile("full-2025").unwrap(), None, &AsOfDates::new(), today());
    assert_eq!(report.summary.lists[0].list_id, "list-2");
}

#[test]
fn legacy_xls_loads() {
    let bytes = include_bytes!("../../../tests/fixtures/list1_legacy.xls");
    let wb = read_workbook("list1_legacy.xls", bytes, ReadOptions::default()).unwrap();
    assert_eq!(wb.format, FileFormat::Xls);
    let sheet = &wb.sheets[0];
    assert_eq!(sheet.cell(0, 10).as_text().unwrap(), "Main education establishment – URN");
    assert_eq!(sheet.cell(1, 3), &Cell::Date(date(2014, 3, 4)));
    assert_eq!(sheet.cell(2, 3), &Cell::Text("05/06/2012".into()));
    let report = check(&[wb], profile("full-2025").unwrap(), None, &AsOfDates::new(), today());
    assert!(report.findings.iter().any(|f| f.rule == "CODE-INVALID" && f.row == Some(3)));
}

#[test]
fn csv_utf8_bom_and_windows_1252_load() {
    let wb =
        read_workbook("l.csv", "\u{FEFF}Unique ID,Gender\r\nFICT-1,a) Male\r\n".as_bytes(), ReadOptions::default())
            .unwrap();
    assert_eq!(wb.format, FileFormat::Csv);
    assert_eq!(wb.sheets[0].cell(0, 0), &Cell::Text("Unique ID".into()));
    let wb = read_workbook(
        "l.csv",
        b"Main education establishment \x96 URN;Known to children\x92s social care?\n100001;a) Yes\n",
        ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(wb.sheets[0].cell(0, 1), &Cell::Text("Known to children’s social care?".into()));
    assert_eq!(wb.sheets[0].cell(1, 0), &Cell::Text("100001".into()));
}

#[test]
fn csv_renamed_xlsx_still_loads_as_csv() {
    let wb = read_workbook("export.xlsx", b"Unique ID,Gender\nFICT-1,a) Male\n", ReadOptions::default()).unwrap();
    assert_eq!(wb.format, FileFormat::Csv);
}

#[test]
fn password_protected_workbook_says_save_a_copy_without_a_password() {
    let err = read_workbook(
        "protected.xlsx",
        include_bytes!("../../../tests/fixtures/password_protected.xlsx"),
        ReadOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err, WorkbookError::PasswordProtected { .. }), "{err:?}");
    assert!(err.to_string().contains("“protected.xlsx” is protected with a password"));
    assert!(err.to_string().contains("save a copy without a password"));
}

#[test]
fn sheetjs_xlsb_and_ods_get_plain_messages_naming_the_file() {
    // calamine reads SheetJS's .xlsb only in part (the first column): the check says so about
    // the file, not only that no sheet holds each list.
    let request = CheckRequest::new("full-2025", NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
    let file = InputFile {
        name: "list1.xlsb".into(),
        bytes: Ok(include_bytes!("../../../tests/fixtures/written_by_sheetjs.xlsb").to_vec()),
    };
    let outcome = session::run(&request, [file], 1, &mut |_| ()).unwrap();
    let said: Vec<String> = outcome.unreadable.iter().map(|f| f.message.to_string()).collect();
    let recognised = outcome.mapping.sheets.iter().any(|s| s.list.is_some());
    assert!(
        recognised || said.iter().any(|m| m.starts_with("“list1.xlsb” was read, but no list was recognised")),
        "{said:?}"
    );
    // SheetJS's .ods once gave calamine's parser internals as the reason.
    let ods = read_workbook(
        "list1.ods",
        include_bytes!("../../../tests/fixtures/written_by_sheetjs.ods"),
        ReadOptions::default(),
    );
    if let Err(err) = ods {
        let message = err.to_string();
        assert!(message.starts_with("“list1.ods”"), "{message}");
        for internal in ["Expecting", "Text(", "BytesText", "{"] {
            assert!(!message.contains(internal), "{message}");
        }
    }
}

#[test]
fn truncated_xlsx_is_corrupt_not_a_crash() {
    let bytes = synthetic_list_xlsx(profile("full-2025").unwrap(), "list-1", 50).unwrap();
    for cut in [bytes.len() / 2, bytes.len() - 30, 200] {
        let err = read_workbook("cut.xlsx", &bytes[..cut], ReadOptions::default()).unwrap_err();
        assert!(matches!(err, WorkbookError::Corrupt { .. }), "cut at {cut}: {err:?}");
        assert!(err.to_string().contains("damaged or only partly copied"));
    }
}

#[test]
fn zip_that_is_not_a_spreadsheet_is_corrupt() {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file("notes.txt", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(b"hello").unwrap();
    let bytes = z.finish().unwrap().into_inner();
    assert!(matches!(read_workbook("x.xlsx", &bytes, ReadOptions::default()), Err(WorkbookError::Corrupt { .. })));
}

#[test]
fn word_document_and_pdf_renamed_are_named_as_such() {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(b"<w:document/>").unwrap();
    let bytes = z.finish().unwrap().into_inner();
    let err = read_workbook("list1.xlsx", &bytes, ReadOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "“list1.xlsx” is a Word document, not a spreadsheet. Choose the Excel, OpenDocument or CSV file that holds the list."
    );
    let err = read_workbook("list1.xlsx", b"%PDF-1.4 fictional", ReadOptions::default()).unwrap_err();
    assert!(err.to_string().contains("“list1.xlsx” is a PDF document, not a spreadsheet"));
}

#[test]
fn empty_file_and_empty_sheet() {
    assert!(matches!(read_workbook("l.xlsx", b"", ReadOptions::default()), Err(WorkbookError::Empty { .. })));
    let bytes = xlsx_from_rows(&[("List 1", vec![])]).unwrap();
    let wb = read_workbook("blank.xlsx", &bytes, ReadOptions::default()).unwrap();
    assert!(wb.sheets[0].is_empty());
    let report = check(&[wb], profile("full-2025").unwrap(), None, &AsOfDates::new(), today());
    assert_eq!(report.summary.lists_not_found, ["list-1", "list-2"]);
}

#[test]
fn too_many_cells_is_a_clear_error() {
    let bytes = synthetic_list_xlsx(profile("full-2025").unwrap(), "list-1", 100).unwrap();
    let err = read_workbook("big.xlsx", &bytes, ReadOptions::default().max_cells(1000)).unwrap_err();
    assert!(matches!(err, WorkbookError::TooLarge { limit: 1000, .. }), "{err:?}");
    assert!(err.to_string().contains("more than the 1000 this checker can hold"));
    let err =
        read_workbook("big.csv", "a,b\n".repeat(600).as_bytes(), ReadOptions::default().max_cells(1000)).unwrap_err();
    assert!(matches!(err, WorkbookError::TooLarge { .. }));
}

#[test]
fn clean_synthetic_lists_have_no_findings() {
    let p = profile("full-2025").unwrap();
    let l1 =
        read_workbook("list1.xlsx", &synthetic_list_xlsx(p, "list-1", 300).unwrap(), ReadOptions::default()).unwrap();
    let l2 =
        read_workbook("list2.xlsx", &synthetic_list_xlsx(p, "list-2", 300).unwrap(), ReadOptions::default()).unwrap();
    let as_of: AsOfDates = p.lists.iter().map(|l| (l.id.clone(), example_as_of())).collect();
    let report = check(&[l1, l2], p, None, &as_of, today());
    assert_eq!(report.findings, vec![], "clean data should pass");
    assert_eq!(
        report.summary.lists.iter().map(|l| (l.list_id.as_str(), l.rows)).collect::<Vec<_>>(),
        [("list-1", 300), ("list-2", 300)]
    );
}

#[test]
fn example_workbook_shows_its_deliberate_problems() {
    let bytes = example_workbook().unwrap();
    let wb = read_workbook("example.xlsx", &bytes, ReadOptions::default()).unwrap();
    assert_eq!(wb.sheets[0].name, "About this file");
    assert!(wb.sheets[0].cell(0, 0).as_text().unwrap().contains("FICTIONAL"));
    let p = profile("full-2025").unwrap();
    let as_of: AsOfDates = p.lists.iter().map(|l| (l.id.clone(), example_as_of())).collect();
    let report = check(&[wb], p, None, &as_of, today());
    let rules: std::collections::BTreeSet<&str> = report.findings.iter().map(|f| f.rule).collect();
    for expected in [
        "DATE-FUTURE",
        "ID-DUPLICATE",
        "CODE-INVALID",
        "DATE-AMBIGUOUS",
        "EHC-DATE-ORDER",
        "PERCENT-INVALID",
        "AGE-OUT-OF-SCOPE",
        "ESTABLISHMENT-MISSING",
        "UPN-ULN-MISSING",
        "PII-EMAIL",
        "VALUE-BLANK",
    ] {
        assert!(rules.contains(expected), "{expected} missing from {rules:?}");
    }
    // List 1's headers are on row 3, below a title.
    let future = report.findings.iter().find(|f| f.rule == "DATE-FUTURE").unwrap();
    assert_eq!((future.list.as_deref(), future.row), (Some("List 1"), Some(4)));
}

#[test]
fn aggregates_hold_no_values_from_person_rows() {
    let bytes = example_workbook().unwrap();
    let wb = read_workbook("example.xlsx", &bytes, ReadOptions::default()).unwrap();
    // Every value in the person rows of both lists, as text and in the forms dates take.
    let mut values = Vec::new();
    for sheet in wb.sheets.iter().skip(1) {
        let header_row = sheet
            .rows()
            .iter()
            .position(|r| r.first().and_then(|c| c.as_text()).is_some_and(|t| t == "Unique ID"))
            .unwrap();
        for row in &sheet.rows()[header_row + 1..] {
            for cell in row {
                if let Some(t) = cell.as_text() {
                    values.push(t.into_owned());
                }
                if let Cell::Date(d) = cell {
                    values.push(d.to_string());
                }
            }
        }
    }
    let p = profile("full-2025").unwrap();
    let report = check(&[wb], p, None, &AsOfDates::new(), today());
    let json = serde_json::to_string(&report.summary).unwrap();
    for v in values.iter().filter(|v| v.len() >= 4 && !p.code_lists.iter().any(|c| c.accepts(v))) {
        assert!(!json.contains(v.as_str()), "aggregate JSON contains a person value {v:?}");
    }
    assert!(values.iter().any(|v| v.starts_with("FICT-")) && values.iter().any(|v| v.contains("@example.org")));
}

#[test]
fn a_long_xlsx_reports_how_far_through_the_file_it_is_as_it_goes() {
    let bytes = synthetic_list_xlsx(profile("full-2025").unwrap(), "list-1", 25_000).unwrap();
    let mut seen = Vec::new();
    let mut on_progress = |p: &ReadProgress<'_>| seen.push((p.sheet.to_string(), p.rows, p.done, p.total));
    let wb = read_workbook("list1.xlsx", &bytes, ReadOptions::default().on_progress(&mut on_progress)).unwrap();
    assert_eq!(wb.sheets[0].n_rows(), 25_001);
    // Forward only, one total, and the last report is the whole file.
    assert!(seen.windows(2).all(|w| w[0].2 <= w[1].2 && w[0].1 <= w[1].1 && w[0].3 == w[1].3), "{seen:?}");
    assert_eq!(seen.last().map(|s| (s.1, s.2 == s.3)), Some((25_001, true)));
    // Several reports part of the way through, each naming the sheet.
    let part_way = seen.iter().filter(|s| s.2 > 0 && s.2 < s.3).count();
    assert!(part_way >= 5, "{seen:?}");
    assert!(seen.iter().all(|s| s.0 == wb.sheets[0].name));
}

#[test]
fn a_code_repeated_down_a_column_is_one_shared_text() {
    let p = profile("full-2025").unwrap();
    let wb =
        read_workbook("list1.xlsx", &synthetic_list_xlsx(p, "list-1", 2_000).unwrap(), ReadOptions::default()).unwrap();
    let rows = &wb.sheets[0].rows();
    let header = rows[0].iter().position(|c| c.as_text().as_deref() == Some("Gender")).expect("a Gender column");
    let texts: Vec<_> = rows[1..]
        .iter()
        .filter_map(|r| match &r[header] {
            Cell::Text(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    let mut distinct: Vec<&std::sync::Arc<str>> = Vec::new();
    for t in &texts {
        if !distinct.iter().any(|d| std::sync::Arc::ptr_eq(d, t)) {
            distinct.push(t);
        }
    }
    // The reader's cache of recent texts can drop a code now and then (a unique ID may take its
    // slot), so a code is copied a few times, not once per cell.
    assert!(
        texts.len() > 1_000 && distinct.len() * 50 < texts.len(),
        "{} cells, {} allocations",
        texts.len(),
        distinct.len()
    );
}

#[test]
fn a_date_cell_reads_as_the_app_writes_dates() {
    // The reader crate formats dates itself (it cannot use the app's domain); keep them in step.
    for d in [date(2025, 1, 9), date(1999, 12, 31), date(2030, 10, 1)] {
        assert_eq!(Cell::Date(d).as_text().unwrap(), area_send_core::domain::calendar::uk_date(d));
    }
}
