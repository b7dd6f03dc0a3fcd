//! Our own xlsx writer (`area_send_core::write::xlsx`): workbooks read back through the project's own
//! reader (calamine), and every XML part parsed to prove it is well-formed.

use std::io::{Cursor, Read};

use area_send_core::checks::{Cell, ReadOptions, read_workbook};
use area_send_core::write::xlsx::{Cell as W, Style, Workbook, WriteError};
use chrono::NaiveDate;
use quick_xml::events::Event;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn plain<'a>(cells: &[W<'a>]) -> Vec<(W<'a>, Style)> {
    cells.iter().map(|&c| (c, Style::Plain)).collect()
}

/// Every part of the package, by name.
fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a valid zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().unwrap().to_string();
            let mut text = String::new();
            file.read_to_string(&mut text).expect("UTF-8 part");
            (name, text)
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    parts(bytes).into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no part {name}")).1
}

/// Parses `xml` fully: balanced and matching tags, one root, valid attributes and references, and
/// only characters XML 1.0 allows.
fn assert_well_formed(name: &str, xml: &str) {
    let bad_char = xml
        .chars()
        .find(|&c| !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..));
    assert_eq!(bad_char, None, "{name} holds a character XML does not allow");
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut depth, mut roots) = (0usize, 0usize);
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("{name} is not well-formed at {}: {e}", reader.buffer_position()));
        match event {
            Event::Start(e) | Event::Empty(e) if depth == 0 && roots > 0 => {
                panic!("{name}: a second root <{:?}>", e.name())
            }
            Event::Start(e) => {
                roots += usize::from(depth == 0);
                depth += 1;
                for a in e.attributes() {
                    a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"))
                        .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .unwrap();
                }
            }
            Event::Empty(e) => {
                roots += usize::from(depth == 0);
                for a in e.attributes() {
                    a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"))
                        .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .unwrap();
                }
            }
            Event::End(_) => depth -= 1,
            Event::Text(t) => {
                assert!(depth > 0 || t.xml10_content().trim().is_empty(), "{name}: text outside the root")
            }
            Event::GeneralRef(r) => {
                let known = matches!(&*r.xml10_content(), "amp" | "lt" | "gt" | "quot" | "apos");
                assert!(known || r.resolve_char_ref().unwrap().is_some(), "{name}: unknown reference &{:?};", r);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!((depth, roots), (0, 1), "{name}: unclosed elements or no root");
}

/// A workbook with everything the writer does: two sheets with awkward names, a bold frozen
/// header, widths, text that looks like markup, a formula or has edge spaces, numbers, dates and
/// blanks, a blank row, and a row 30 columns wide.
fn sample() -> Vec<u8> {
    let mut book = Workbook::new();
    let mut sheet = book.add_sheet("Lists & \"quotes\" <1>").unwrap();
    sheet.freeze_top_row();
    sheet.set_column_width(0, 24.0);
    sheet.set_column_width(2, 60.0);
    sheet.write_row(["Unique ID", "Date of birth", "Notes", "Absence"].map(|h| (W::Text(h), Style::Bold))).unwrap();
    sheet
        .write_row([
            (W::Text("FICT-000001"), Style::WrapTop),
            (W::Date(date(2014, 3, 4)), Style::WrapTop),
            (W::Text("=1+1"), Style::WrapTop),
            (W::Number(12.5), Style::Plain),
        ])
        .unwrap();
    sheet.write_row(plain(&[W::Text("  leading"), W::Blank, W::Text("a < b & c > d 😀"), W::Number(-0.1)])).unwrap();
    sheet.write_row([]).unwrap();
    sheet
        .write_row(plain(&[
            W::Text("trailing "),
            W::Date(date(1900, 3, 1)),
            W::Text("line\r\nbreak\tand \u{1} bell"),
            W::Number(1e300),
        ]))
        .unwrap();
    let wide: Vec<String> = (0..30).map(|i| format!("col {i}")).collect();
    sheet.write_row(wide.iter().map(|t| (W::Text(t), Style::Plain))).unwrap();
    sheet
        .write_row(plain(&[W::Text("_x0041_ stays"), W::Number(f64::NAN), W::Text("FICT-000001"), W::Text("")]))
        .unwrap();
    let mut second = book.add_sheet("Tom's list").unwrap();
    second.write_row(plain(&[W::Text("+44 1234"), W::Text("-5"), W::Text("@SUM(A1)"), W::Number(3.0)])).unwrap();
    second
        .write_row(plain(&[W::Date(date(2031, 12, 31)), W::Date(date(1900, 1, 1)), W::Date(date(9999, 12, 31))]))
        .unwrap();
    book.finish().unwrap()
}

#[test]
fn values_read_back_through_the_projects_reader() {
    let wb = read_workbook("sample.xlsx", &sample(), ReadOptions::default()).unwrap();
    let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Lists & \"quotes\" <1>", "Tom's list"]);
    let s = &wb.sheets[0];
    let text = |t: &str| Cell::Text(t.into());
    assert_eq!(s.rows()[0], [text("Unique ID"), text("Date of birth"), text("Notes"), text("Absence")]);
    assert_eq!(s.rows()[1], [text("FICT-000001"), Cell::Date(date(2014, 3, 4)), text("=1+1"), Cell::Number(12.5)]);
    assert_eq!(s.rows()[2], [text("  leading"), Cell::Empty, text("a < b & c > d 😀"), Cell::Number(-0.1)]);
    assert!(s.rows()[3].is_empty());
    assert_eq!(
        s.rows()[4],
        [text("trailing "), Cell::Date(date(1900, 3, 1)), text("line\r\nbreak\tand \u{1} bell"), Cell::Number(1e300)]
    );
    assert_eq!(s.rows()[5].len(), 30);
    assert_eq!(s.cell(5, 26), &text("col 26"), "column AA");
    assert_eq!(s.cell(5, 29), &text("col 29"), "column AD");
    assert_eq!(s.rows()[6], [text("_x0041_ stays"), Cell::Error("#NUM!".into()), text("FICT-000001")]);
    let t = &wb.sheets[1];
    assert_eq!(t.rows()[0], [text("+44 1234"), text("-5"), text("@SUM(A1)"), Cell::Number(3.0)]);
    assert_eq!(
        t.rows()[1],
        [Cell::Date(date(2031, 12, 31)), Cell::Date(date(1900, 1, 1)), Cell::Date(date(9999, 12, 31))]
    );
}

#[test]
fn every_part_is_well_formed_xml() {
    let bytes = sample();
    let all = parts(&bytes);
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/sharedStrings.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
        ]
    );
    for (name, xml) in &all {
        assert_well_formed(name, xml);
    }
    // Also a workbook with no text, so no shared strings part.
    let mut book = Workbook::new();
    book.add_sheet("Numbers").unwrap().write_row([(W::Number(1.0), Style::Plain)]).unwrap();
    let numbers = book.finish().unwrap();
    for (name, xml) in parts(&numbers) {
        assert_ne!(name, "xl/sharedStrings.xml");
        assert_well_formed(&name, &xml);
    }
    assert_eq!(
        read_workbook("n.xlsx", &numbers, ReadOptions::default()).unwrap().sheets[0].rows(),
        [[Cell::Number(1.0)]]
    );
}

#[test]
fn the_xml_has_a_frozen_bold_header_widths_and_only_shared_text() {
    let bytes = sample();
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#), "{sheet}");
    assert!(sheet.contains(r#"<dimension ref="A1:AD7"/>"#), "{sheet}");
    assert!(sheet.contains(r#"<col min="1" max="1" width="24.7109375" customWidth="1"/><col min="3" max="3" width="60.7109375" customWidth="1"/>"#));
    assert!(sheet.contains(r#"<row r="1"><c r="A1" s="2" t="s"><v>0</v></c>"#), "header cells use the bold style");
    assert!(sheet.contains(r#"<c r="B2" s="1"><v>41702</v></c>"#), "a real date cell");
    assert!(sheet.contains(r#"<c r="AD6" t="s">"#));
    assert!(!sheet.contains("<row r=\"4\""), "the blank row is left out");
    assert!(
        !sheet.contains("<f>") && !sheet.contains("inlineStr") && !sheet.contains("t=\"str\""),
        "text is only ever a shared string"
    );
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"<font><b/>"#) && styles.contains(r#"<xf numFmtId="0" fontId="1""#));
    assert!(
        styles.contains(r#"formatCode="dd/mm/yyyy""#) && styles.contains(r#"<alignment vertical="top" wrapText="1"/>"#)
    );
    let shared = part(&bytes, "xl/sharedStrings.xml");
    assert!(shared.contains(r#"count="45" uniqueCount="44""#), "{shared}");
    assert!(shared.contains(r#"<si><t xml:space="preserve">  leading</t></si>"#));
    assert!(shared.contains("<si><t>line_x000D_\nbreak\tand _x0001_ bell</t></si>"));
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains(r#"<sheet name="Lists &amp; &quot;quotes&quot; &lt;1&gt;" sheetId="1" r:id="rId1"/>"#));
    assert!(!part(&bytes, "xl/worksheets/sheet2.xml").contains("<pane"), "only frozen when asked");
}

#[test]
fn limits_are_errors_with_plain_messages() {
    let mut book = Workbook::new();
    let err = book.add_sheet("A sheet name that Excel cannot hold").err().unwrap();
    assert_eq!(
        err.to_string(),
        "the sheet name “A sheet name that Excel cannot hold” is longer than the 31 characters Excel allows"
    );
    let mut sheet = book.add_sheet("Wide").unwrap();
    let err = sheet.write_row((0..16_385).map(|_| (W::Number(1.0), Style::Plain))).unwrap_err();
    assert_eq!(err, WriteError::TooManyColumns { sheet: "Wide".into(), row: 1 });
    sheet.write_row([(W::Text("still row 1"), Style::Plain)]).unwrap();
    let wb = read_workbook("wide.xlsx", &book.finish().unwrap(), ReadOptions::default()).unwrap();
    assert_eq!(wb.sheets[0].rows(), [[Cell::Text("still row 1".into())]]);
}
