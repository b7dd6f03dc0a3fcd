//! Every download made from a project whose texts hold every kind of character a `String` can
//! hold, read back as an office suite would: each zip opens, each XML part is well-formed XML 1.0,
//! and the words typed are all there. An ignored test (run by `scripts/dev.sh test`) hands every
//! Word, Excel and OpenDocument file, of the example and of the hostile project, to LibreOffice,
//! an independent reader, and compares the text it finds with the web page's.

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
        Format::Odt | Format::Ods => &["mimetype", "content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"],
        _ => &[],
    }
}

fn check_every_download(project: &Project) {
    for made in every_download(project) {
        let format = Format::from_key(made.file_name.rsplit('.').next().unwrap()).unwrap();
        match format {
            Format::Docx | Format::Xlsx | Format::Odt | Format::Ods => {
                let parts = zip_parts(&made.bytes);
                let names: BTreeSet<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
                for expected in expected_parts(format) {
                    assert!(names.contains(expected), "{}: no {expected}", made.file_name);
                }
                for (name, xml) in parts.iter().filter(|(n, _)| n != "mimetype") {
                    well_formed(&format!("{} {name}", made.file_name), xml);
                }
                if matches!(format, Format::Odt | Format::Ods) {
                    // The first part, stored, so its bytes sit at offset 38 for type detection.
                    let mut archive = zip::ZipArchive::new(Cursor::new(made.bytes.as_slice())).unwrap();
                    let first = archive.by_index(0).unwrap();
                    assert_eq!(first.name().unwrap(), "mimetype", "{}", made.file_name);
                    assert_eq!(first.compression(), zip::CompressionMethod::Stored, "{}", made.file_name);
                    assert_eq!(parts[0].1, made.mime, "{}", made.file_name);
                    assert_eq!(&made.bytes[38..38 + made.mime.len()], made.mime.as_bytes());
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

    // The same words in the OpenDocument text, and in the spreadsheet's cells.
    for (document, format) in [(Document::Sef, Format::Odt), (Document::ActionPlan, Format::Ods)] {
        let made = downloads::make(&project, document, format, today()).unwrap();
        let body = zip_parts(&made.bytes).into_iter().find(|(n, _)| n == "content.xml").unwrap().1;
        let text = well_formed("content.xml", &body);
        if format == Format::Odt {
            assert!(text.contains("word4999 "));
        }
        for piece in ["Turkish:İstanbul ıIiİ", "👩‍👩‍👧‍👦", "\u{202E}reversed\u{202C}", "markup:<w:p>&amp; ]]>", "_x0041_"]
        {
            assert!(text.contains(piece), "{piece:?} lost from the {} file", format.key());
        }
        assert!(!body.contains('\u{FFFE}') && !body.contains('\u{FFFF}') && !body.contains('\u{1}'));
        assert!(body.contains("<text:line-break/>") || format == Format::Ods, "line breaks kept");
    }
}

// ---- LibreOffice, an independent reader ----------------------------------------------------

/// The text of the blocks of our own HTML (paragraphs, list items, headings, captions, table
/// cells), each one unit, entities decoded. Only for HTML our renderer writes.
fn html_units(html: &str) -> Vec<String> {
    const BLOCKS: [&str; 10] = ["p", "li", "td", "th", "h1", "h2", "h3", "h4", "caption", "title"];
    let body = &html[html.find("<body>").unwrap_or(0)..];
    let mut units = Vec::new();
    let mut current: Option<String> = None;
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        if let Some(text) = current.as_mut() {
            text.push_str(&rest[..open]);
        }
        let close = open + rest[open..].find('>').expect("tags close");
        let tag = &rest[open + 1..close];
        let name = tag.trim_start_matches('/').split([' ', '/']).next().unwrap_or("");
        if BLOCKS.contains(&name) {
            if tag.starts_with('/') {
                if let Some(text) = current.take() {
                    units.push(decode_entities(&text));
                }
            } else {
                current = Some(String::new());
            }
        } else if name == "br"
            && let Some(text) = current.as_mut()
        {
            text.push(' ');
        }
        rest = &rest[close + 1..];
    }
    units
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// Text as compared between readers: the characters a reader may drop, change or show
/// differently (controls, noncharacters, invisible format characters, line and paragraph
/// separators) removed or made spaces, whitespace collapsed.
fn normalised(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let invisible = c.is_control()
            || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{FDD0}'..='\u{FDEF}')
            || (c as u32 & 0xFFFE) == 0xFFFE
            || matches!(c, '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
        if c.is_whitespace() || matches!(c, '\u{2028}' | '\u{2029}') {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else if !invisible {
            out.push(c);
        }
    }
    out.trim_end().to_string()
}

/// A CSV file as LibreOffice writes it (comma, double quotes) into its cells.
fn csv_cells(text: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let (mut cell, mut quoted, mut chars) = (String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' => quoted = !quoted,
            ',' | '\n' if !quoted => cells.push(std::mem::take(&mut cell)),
            '\r' if !quoted => {}
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells.into_iter().filter(|c| !c.is_empty()).collect()
}

/// Pages in a PDF LibreOffice wrote (its page objects are not compressed), for the report.
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let count = |pattern: &str| text.matches(pattern).count();
    (count("/Type/Page") + count("/Type /Page")).saturating_sub(count("/Type/Pages") + count("/Type /Pages"))
}

fn soffice(profile: &std::path::Path, out: &std::path::Path, convert_to: &str, files: &[std::path::PathBuf]) {
    let status = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--nolockcheck", "--convert-to", convert_to, "--outdir"])
        .arg(out)
        .args(files)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("soffice runs (LibreOffice is installed by scripts/dev.sh test)");
    assert!(status.success(), "soffice --convert-to {convert_to} failed: {status}");
}

fn text_document(format: Format) -> bool {
    matches!(format, Format::Docx | Format::Odt)
}

fn spreadsheet(format: Format) -> bool {
    matches!(format, Format::Xlsx | Format::Ods)
}

/// Which project a file was made from, and its name without the extension.
struct Written {
    stem: String,
    format: Format,
    /// The texts LibreOffice must find in it.
    expected: Vec<String>,
    /// The most pages it may fill as PDF: the board papers promise one or two.
    max_pages: Option<usize>,
}

/// Writes every DOCX, ODT, XLSX and ODS export of the example and the hostile project, has
/// LibreOffice convert the text documents to PDF and text and every sheet of the spreadsheets
/// to CSV (one LibreOffice start for each kind), and checks every file converted and that every
/// paragraph and table cell of the web page (for spreadsheets: every cell of the table) is in
/// what it read.
#[test]
#[ignore = "needs LibreOffice (soffice); scripts/dev.sh test installs it and runs this"]
fn libreoffice_opens_every_office_export_with_the_web_pages_text() {
    let dir = std::env::temp_dir().join(format!("area-send-office-{}", std::process::id()));
    let (files, profile) = (dir.join("files"), dir.join("profile"));
    std::fs::create_dir_all(&files).unwrap();
    let mut written = Vec::new();
    for (label, project) in [("example", example_project()), ("hostile", hostile_project())] {
        for document in Document::ALL {
            for &format in document.formats().iter().filter(|f| text_document(**f) || spreadsheet(**f)) {
                let made = downloads::make(&project, document, format, today()).unwrap();
                // The format is in the stem: a Word and an ODF file both become .pdf and .txt.
                let stem = format!("{label}-{}-{}", document.key(), format.key());
                std::fs::write(files.join(format!("{stem}.{}", format.key())), &made.bytes).unwrap();
                let expected = if text_document(format) {
                    let html = downloads::make(&project, document, Format::Html, today()).unwrap();
                    html_units(&String::from_utf8(html.bytes).unwrap())
                } else {
                    let (_, rows) = area_send_core::export::plan::action_rows(&project);
                    let (_, milestones) = area_send_core::export::plan::milestone_rows(&project);
                    rows.into_iter().chain(milestones).flatten().collect()
                };
                let short = label == "example" && matches!(document, Document::Summary | Document::BoardUpdate);
                written.push(Written { stem, format, expected, max_pages: short.then_some(2) });
            }
        }
    }
    let of = |kind: fn(Format) -> bool| -> Vec<std::path::PathBuf> {
        written
            .iter()
            .filter(|w| kind(w.format))
            .map(|w| files.join(format!("{}.{}", w.stem, w.format.key())))
            .collect()
    };
    let (pdf, txt, csv) = (dir.join("pdf"), dir.join("txt"), dir.join("csv"));
    soffice(&profile, &pdf, "pdf", &of(text_document));
    soffice(&profile, &txt, "txt:Text (encoded):UTF8", &of(text_document));
    // Comma, double quote, UTF-8, from line 1, …, every sheet to its own file (-1).
    soffice(
        &profile,
        &csv,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        &of(spreadsheet),
    );

    let mut problems = Vec::new();
    let mut report = Vec::new();
    for w in &written {
        let mut pages = 0;
        let read = match w.format {
            format if text_document(format) => {
                let made = std::fs::read(pdf.join(format!("{}.pdf", w.stem))).unwrap_or_default();
                if made.is_empty() {
                    problems.push(format!("{}.{}: LibreOffice made no PDF", w.stem, format.key()));
                }
                pages = pdf_pages(&made);
                if let Some(max) = w.max_pages.filter(|max| pages > *max) {
                    problems.push(format!(
                        "{}.{}: {pages} pages as PDF, more than the {max} it promises",
                        w.stem,
                        format.key()
                    ));
                }
                std::fs::read_to_string(txt.join(format!("{}.txt", w.stem))).unwrap_or_default()
            }
            _ => {
                let sheets: Vec<String> = std::fs::read_dir(&csv)
                    .unwrap()
                    .filter_map(|e| e.ok())
                    .filter(|e| e.file_name().to_string_lossy().starts_with(&format!("{}-", w.stem)))
                    .map(|e| csv_cells(&std::fs::read_to_string(e.path()).unwrap()).join("\n"))
                    .collect();
                if sheets.len() < 2 {
                    problems.push(format!(
                        "{}.{}: LibreOffice read {} sheets, not 2",
                        w.stem,
                        w.format.key(),
                        sheets.len()
                    ));
                }
                sheets.join("\n")
            }
        };
        if read.trim().is_empty() {
            problems.push(format!("{}.{}: LibreOffice could not load it (nothing converted)", w.stem, w.format.key()));
            continue;
        }
        let read = normalised(&read);
        let missing: Vec<&String> =
            w.expected.iter().filter(|e| !normalised(e).is_empty() && !read.contains(&normalised(e))).collect();
        let pages = if pages > 0 { format!(", {pages} pages as PDF") } else { String::new() };
        report.push(format!(
            "{}.{}: {} texts, {} missing{pages}",
            w.stem,
            w.format.key(),
            w.expected.len(),
            missing.len()
        ));
        for m in missing.iter().take(3) {
            problems.push(format!("{}.{}: LibreOffice's text lacks {:?}", w.stem, w.format.key(), normalised(m)));
        }
    }
    println!("{}", report.join("\n"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The board update is read in ten minutes at a board: at most two pages, in Word and ODT,
/// for the example a year into delivery (every action, and the priority action plan alone).
#[test]
#[ignore = "needs LibreOffice (soffice); scripts/dev.sh test installs it and runs this"]
fn the_board_update_of_the_example_is_at_most_two_pages() {
    let dir = std::env::temp_dir().join(format!("area-send-board-{}", std::process::id()));
    let (files, profile, pdf) = (dir.join("files"), dir.join("profile"), dir.join("pdf"));
    std::fs::create_dir_all(&files).unwrap();
    let project = example_project();
    let as_at = NaiveDate::from_ymd_opt(2027, 10, 5).unwrap();
    let mut made = Vec::new();
    for plan in [None, Some(area_send_core::domain::plan::PlanId("example-plan-pap".into()))] {
        for format in [Format::Docx, Format::Odt] {
            let options = downloads::MakeOptions { since: None, plan: plan.clone() };
            let file = downloads::make_with(&project, Document::BoardUpdate, format, as_at, &options).unwrap();
            let stem = format!("board-{}-{}", plan.as_ref().map_or("all", |p| p.0.as_str()), format.key());
            let path = files.join(format!("{stem}.{}", format.key()));
            std::fs::write(&path, &file.bytes).unwrap();
            made.push((stem, path));
        }
    }
    soffice(&profile, &pdf, "pdf", &made.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>());
    let pages: Vec<(String, usize)> = made
        .iter()
        .map(|(stem, _)| (stem.clone(), pdf_pages(&std::fs::read(pdf.join(format!("{stem}.pdf"))).unwrap_or_default())))
        .collect();
    println!("{pages:?}");
    assert!(pages.iter().all(|(_, n)| (1..=2).contains(n)), "{pages:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A marked-up copy (of the fictional example, and of a list with formula-like text, a date, a
/// number and a boolean), converted sheet by sheet to CSV by LibreOffice: every cell of every
/// sheet of the user's file reads as it did, the findings column and both of our sheets are there.
#[test]
#[ignore = "needs LibreOffice (soffice); scripts/dev.sh test installs it and runs this"]
fn libreoffice_reads_the_marked_up_copy_cell_for_cell() {
    use area_send_core::checks::session::{self, CheckRequest, InputFile};
    use area_send_core::checks::{self, ReadOptions, example_data, read_workbook};
    use area_send_core::export::annotated::FINDINGS_COLUMN;

    let dir = std::env::temp_dir().join(format!("area-send-marked-up-{}", std::process::id()));
    let (files, profile, csv) = (dir.join("files"), dir.join("profile"), dir.join("csv"));
    std::fs::create_dir_all(&files).unwrap();
    let odd = example_data::xlsx_from_rows(&[(
        "List 1",
        vec![
            ["Unique ID", "UPN", "Date of birth", "Gender", "SEN primary need"].map(example_data::Value::from).to_vec(),
            vec![
                example_data::Value::from("=HYPERLINK(\"http://example.invalid\",\"x\")"),
                example_data::Value::from("H801200001001"),
                example_data::Value::Date(NaiveDate::from_ymd_opt(2012, 2, 1).unwrap()),
                example_data::Value::from("a) Male"),
                example_data::Value::from("AUTISM"),
            ],
            vec![
                example_data::Value::from("+44 1"),
                example_data::Value::from("H801200001001"),
                example_data::Value::Number(41_000.0),
                example_data::Value::from("@SUM(A1)"),
                example_data::Value::from("ASD"),
            ],
        ],
    )])
    .unwrap();
    let mut made = Vec::new();
    for (stem, bytes) in [("example", example_data::example_workbook().unwrap()), ("odd", odd)] {
        let name = format!("{stem}.xlsx");
        let request = CheckRequest::new("full-2025", example_data::example_as_of());
        let outcome =
            session::run(&request, [InputFile { name: name.clone(), bytes: Ok(bytes.clone()) }], 1, &mut |_| {})
                .unwrap();
        let original = read_workbook(&name, &bytes, ReadOptions::default()).unwrap();
        let copy = downloads::marked_up_copy(original.clone(), &outcome, today(), &mut |_| {}).unwrap();
        std::fs::write(files.join(format!("{stem}-copy.xlsx")), &copy.bytes).unwrap();
        made.push((stem, original, outcome));
    }
    let paths: Vec<_> = made.iter().map(|(stem, ..)| files.join(format!("{stem}-copy.xlsx"))).collect();
    soffice(&profile, &csv, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", &paths);

    let sheet_csv = |stem: &str, sheet: &str| -> checks::Sheet {
        let path = csv.join(format!("{stem}-copy-{sheet}.csv"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        read_workbook("sheet.csv", &bytes, ReadOptions::default()).unwrap().sheets.remove(0)
    };
    let text = |cell: &checks::Cell| cell.as_text().map(|t| t.trim().to_string()).unwrap_or_default();
    for (stem, original, outcome) in &made {
        let about = sheet_csv(stem, "About this copy");
        assert!(text(about.cell(1, 0)).contains("person-level data"), "{stem}: {:?}", about.cell(1, 0));
        let findings = sheet_csv(stem, "Findings");
        assert_eq!(findings.n_rows(), outcome.all_findings().count() + 1, "{stem}: every finding");
        for sheet in &original.sheets {
            let back = sheet_csv(stem, &sheet.name);
            for r in 0..sheet.n_rows() {
                for c in 0..sheet.width() {
                    assert_eq!(
                        text(back.cell(r, c)),
                        text(sheet.cell(r, c)),
                        "{stem} {} row {} col {c}",
                        sheet.name,
                        r + 1
                    );
                }
            }
            if let Some(m) = outcome.mapping.sheet(&original.file_name, &sheet.name).filter(|m| m.list.is_some()) {
                assert_eq!(text(back.cell(m.header_row, sheet.width())), FINDINGS_COLUMN, "{stem} {}", sheet.name);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The findings downloads (Excel and OpenDocument) of a check of the fictional example, one
/// finding explained, converted to CSV by LibreOffice: the header, then every finding in order
/// with its row, rule, message and explanation (their sheets are deflated as they are written).
#[test]
#[ignore = "needs LibreOffice (soffice); scripts/dev.sh test installs it and runs this"]
fn libreoffice_reads_every_finding_of_the_findings_downloads() {
    use area_send_core::checks::session::{self, CheckRequest, InputFile};
    use area_send_core::checks::{self, ReadOptions, example_data, read_workbook};

    let dir = std::env::temp_dir().join(format!("area-send-findings-{}", std::process::id()));
    let (files, profile, csv) = (dir.join("files"), dir.join("profile"), dir.join("csv"));
    std::fs::create_dir_all(&files).unwrap();
    let request = CheckRequest::new("full-2025", example_data::example_as_of());
    let file = InputFile { name: "example.xlsx".into(), bytes: Ok(example_data::example_workbook().unwrap()) };
    let outcome = session::run(&request, [file], 1, &mut |_| {}).unwrap();
    let explained = outcome.all_findings().position(|f| f.severity == checks::Severity::Query).unwrap();
    let mut project = Project { area_name: "Testshire".into(), ..Project::default() };
    let key = outcome.all_findings().nth(explained).unwrap().key();
    project.annex_a.explanations.insert(key, "Known: moved in last week.".into());
    let mut paths = Vec::new();
    for format in [Format::Xlsx, Format::Ods] {
        let made = downloads::findings(&project, &outcome, format, &mut |_| {}).unwrap();
        let path = files.join(format!("findings-{}.{}", format.key(), format.key()));
        std::fs::write(&path, &made.bytes).unwrap();
        paths.push(path);
    }
    soffice(&profile, &csv, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", &paths);

    let text = |cell: &checks::Cell| match cell {
        checks::Cell::Number(n) => n.to_string(),
        other => other.as_text().map(|t| t.trim().to_string()).unwrap_or_default(),
    };
    for format in [Format::Xlsx, Format::Ods] {
        let path = csv.join(format!("findings-{}-Findings.csv", format.key()));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let sheet = read_workbook("findings.csv", &bytes, ReadOptions::default()).unwrap().sheets.remove(0);
        assert_eq!(sheet.n_rows(), outcome.all_findings().count() + 1, "{format:?}: every finding");
        let header: Vec<String> = (0..11).map(|c| text(sheet.cell(0, c))).collect();
        assert_eq!(header[3..9], ["Row", "Column", "Unique ID", "Severity", "Rule", "Message"], "{format:?}");
        assert_eq!(header[10], "Explanation", "{format:?}");
        for (i, f) in outcome.all_findings().enumerate() {
            let row = |c: usize| text(sheet.cell(i + 1, c));
            assert_eq!(row(3), f.row.map(|r| r.to_string()).unwrap_or_default(), "{format:?} finding {i}");
            assert_eq!((row(7), row(8)), (f.rule.to_string(), f.message.trim().to_string()), "{format:?} finding {i}");
            let note = if i == explained { "Known: moved in last week." } else { "" };
            assert_eq!(row(10), note, "{format:?} finding {i}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
