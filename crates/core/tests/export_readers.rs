//! Every download made from a project whose texts hold every kind of character a `String` can
//! hold, read back as an office suite would: each zip opens, each XML part is well-formed XML 1.0,
//! and the words typed are all there. An ignored test (run by `scripts/dev.sh test`) hands every
//! Word and Excel file, of the example and of the hostile project, to LibreOffice, an
//! independent reader, and compares the text it finds with the web page's.

use std::collections::BTreeSet;
use std::io::{Cursor, Read};

use area_send_core::domain::example::example_project;
use area_send_core::domain::project::Project;
use area_send_core::domain::register::{RevId, Stamp};
use area_send_core::export::downloads::{self, Document, Download, Format};
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

/// Every class of character a Rust `String` can hold (lone surrogates cannot be in one).
fn hostile(label: &str) -> String {
    let c0: String = (0u8..0x20).map(char::from).collect();
    let c1: String = (0x7Fu32..=0x9F).filter_map(char::from_u32).collect();
    [
        label,
        " C0:",
        &c0,
        " C1:",
        &c1,
        " noncharacters:\u{FFFE}\u{FFFF}\u{FDD0}\u{FDEF}\u{1FFFE}\u{10FFFF}",
        " bidi:\u{202E}reversed\u{202C} \u{2067}isolate\u{2069} \u{200F}\u{200E}\u{061C}",
        " emoji:👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 1️⃣",
        " combining:e\u{301} a\u{308}\u{323} Z\u{324}\u{354}\u{367}\u{311}",
        " Turkish:İstanbul ıIiİ",
        " invisible:\u{FEFF}\u{200B}\u{2060}\u{00AD}",
        " separators:\u{2028}\u{2029}",
        " private:\u{E000}\u{F8FF} astral:\u{1D11E}𝔸",
        " markup:<w:p>&amp; ]]> \"quoted\" 'single' <script>x</script>",
        " formula:=1+1 @SUM(A1) +2 -3 |pipe| *star* _under_ #hash [link](x) _x0041_",
        " lines:one\r\ntwo\rthree\nfour\ttab",
    ]
    .concat()
}

fn stamp(n: usize) -> Stamp {
    Stamp {
        rev: RevId(format!("hostile-{n}")),
        by: area_send_core::domain::project::PartnerId("hostile".into()),
        at: format!("2026-12-01T10:{:02}:00Z", n % 60),
    }
}

/// The built-in example with every text a person types made hostile, and one 5,000-word entry.
pub fn hostile_project() -> Project {
    let mut p = example_project();
    p.area_name = hostile("Area");
    for (n, partner) in p.partners.iter_mut().enumerate() {
        partner.name = hostile(&format!("Partner {n}"));
    }
    for (n, rec) in p.plan.recommendations.iter_mut().enumerate() {
        rec.text = hostile(&format!("Recommendation {n}"));
        rec.responsible_body = hostile("Body");
    }
    for (n, action) in p.plan.actions.iter_mut().enumerate() {
        action.what = hostile(&format!("Action {n}"));
        action.involvement = hostile("Involvement");
        for m in &mut action.milestones {
            m.text = hostile("Milestone");
        }
        for m in &mut action.measures {
            m.name = hostile("Measure");
            m.baseline = hostile("Baseline");
            m.target = hostile("Target");
            m.actual = hostile("Actual");
        }
    }
    let mut n = 0;
    let long: String = (0..5000).map(|i| format!("word{i} ")).collect();
    for register in p.sef.entries.values_mut() {
        let mut entry = register.value().clone();
        entry.text = if n == 0 { format!("{long}{}", hostile("Long entry")) } else { hostile(&format!("Entry {n}")) };
        register.set(stamp(n), entry);
        n += 1;
    }
    for register in p.sef.evidence.values_mut() {
        let mut item = register.value().clone();
        item.title = hostile("Evidence");
        item.location = hostile("Location");
        register.set(stamp(n), item);
        n += 1;
    }
    for signoff in p.sef.signoffs.values_mut() {
        signoff.comment = hostile("Sign-off comment");
    }
    p
}

/// Every document in every format it is offered in.
pub fn every_download(project: &Project) -> Vec<Download> {
    let mut out = Vec::new();
    for document in Document::ALL {
        for &format in document.formats() {
            let made = downloads::make(project, document, format, today())
                .unwrap_or_else(|e| panic!("{} {}: {e}", document.key(), format.key()));
            out.push(made);
        }
    }
    out
}

/// Each part of a zip, by name, as text.
fn zip_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the zip reads back");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().unwrap().to_string();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"));
            (name, text)
        })
        .collect()
}

/// Parses `xml` with quick-xml, checking every character is one XML 1.0 allows and every
/// element closes; returns the text content.
fn well_formed(name: &str, xml: &str) -> String {
    use quick_xml::events::Event;
    for (i, c) in xml.char_indices() {
        let ok = matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
        assert!(ok, "{name}: U+{:04X} at byte {i} is not allowed in XML 1.0", c as u32);
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut depth = 0i64;
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                depth += 1;
                for attr in e.attributes() {
                    let attr = attr.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
                    attr.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .unwrap_or_else(|err| panic!("{name}: bad attribute value: {err}"));
                }
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Text(t)) => text.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) => {
                let resolved = r.resolve_char_ref().unwrap_or_else(|e| panic!("{name}: bad reference: {e}"));
                match resolved {
                    Some(c) => text.push(c),
                    None => {
                        let c = match &*r.xml10_content() {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            other => panic!("{name}: unknown entity &{other};"),
                        };
                        text.push(c);
                    }
                }
            }
            Ok(Event::Empty(e)) => {
                for attr in e.attributes() {
                    let attr = attr.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
                    attr.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .unwrap_or_else(|err| panic!("{name}: bad attribute value: {err}"));
                }
            }
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed at {}: {e}", reader.error_position()),
        }
        assert!(depth >= 0, "{name}: more closing than opening tags");
    }
    assert_eq!(depth, 0, "{name}: an element is never closed");
    text
}

/// The parts every Word and Excel file must hold.
fn expected_parts(format: Format) -> &'static [&'static str] {
    match format {
        Format::Docx => &[
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "word/document.xml",
            "word/styles.xml",
            "word/settings.xml",
            "word/numbering.xml",
            "word/_rels/document.xml.rels",
        ],
        Format::Xlsx => &[
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
        ],
        _ => &[],
    }
}

fn check_every_download(project: &Project) {
    for made in every_download(project) {
        let format = Format::from_key(made.file_name.rsplit('.').next().unwrap()).unwrap();
        match format {
            Format::Docx | Format::Xlsx => {
                let parts = zip_parts(&made.bytes);
                let names: BTreeSet<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
                for expected in expected_parts(format) {
                    assert!(names.contains(expected), "{}: no {expected}", made.file_name);
                }
                for (name, xml) in &parts {
                    well_formed(&format!("{} {name}", made.file_name), xml);
                }
            }
            _ => {
                let text = String::from_utf8(made.bytes).expect("text downloads are UTF-8");
                assert!(!text.is_empty(), "{}", made.file_name);
            }
        }
    }
}

#[test]
fn every_download_of_the_example_reads_back() {
    check_every_download(&example_project());
}

#[test]
fn every_download_of_a_hostile_project_reads_back() {
    let project = hostile_project();
    check_every_download(&project);
    // The words survive: the long entry and the hostile text (less what XML forbids) are in
    // the Word file, and the workbook's cells hold them too.
    let docx = downloads::make(&project, Document::Sef, Format::Docx, today()).unwrap();
    let body = zip_parts(&docx.bytes).into_iter().find(|(n, _)| n == "word/document.xml").unwrap().1;
    let text = well_formed("document.xml", &body);
    assert!(text.contains("word4999 "));
    for piece in [
        "Turkish:İstanbul ıIiİ",
        "👩‍👩‍👧‍👦",
        "\u{202E}reversed\u{202C}",
        "a\u{308}\u{323}",
        "\u{FDD0}\u{FDEF}\u{1FFFE}\u{10FFFF}",
    ] {
        assert!(text.contains(piece), "{piece:?} lost from the Word file");
    }
    assert!(!body.contains('\u{FFFE}') && !body.contains('\u{FFFF}') && !body.contains('\u{1}'));
}
