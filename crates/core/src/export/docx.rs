//! A small, purpose-built DOCX writer for our `Document` model: real heading styles (so Word's
//! navigation pane and screen readers see the structure), true bulleted lists, and table
//! header rows marked to repeat (`w:tblHeader`), with a table caption for assistive tech.

use chrono::NaiveDate;

use super::doc::{Block, Document};
use crate::write::package::{self, Properties};
use crate::write::xml;
use crate::write::zip::ZipWriter;

/// Escaped for XML, dropping the characters XML 1.0 forbids (pasted from elsewhere).
fn xml_escape(text: &str) -> String {
    xml::escape(text)
}

/// Runs for `text`, turning line breaks into `w:br`.
fn runs(text: &str, bold: bool) -> String {
    let props = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    text.split('\n')
        .enumerate()
        .map(|(n, line)| {
            let br = if n > 0 { "<w:br/>" } else { "" };
            format!("<w:r>{props}{br}<w:t xml:space=\"preserve\">{}</w:t></w:r>", xml_escape(line))
        })
        .collect()
}

fn paragraph(style: Option<&str>, content: &str) -> String {
    let ppr = style.map(|s| format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>")).unwrap_or_default();
    format!("<w:p>{ppr}{content}</w:p>")
}

fn cell(text: &str, header: bool, width: u32) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>",
        paragraph(Some("TableText"), &runs(text, header))
    )
}

/// A4 in twentieths of a point, and the 2 cm margins.
pub(super) const PAGE_LONG: u32 = 16838;
pub(super) const PAGE_SHORT: u32 = 11906;
pub(super) const MARGIN: u32 = 1134;
/// Tables of this many columns or more go in a landscape section.
const LANDSCAPE_COLUMNS: usize = 6;
/// Roughly one character of 12 pt Arial (bold is a little wider), and a cell's side margins.
const CHAR_TWIPS: u32 = 130;
const CELL_PADDING: u32 = 216;

fn is_wide(header: &[String]) -> bool {
    header.len() >= LANDSCAPE_COLUMNS
}

/// Column widths (twips) summing to `total`, in proportion to what each column holds: a column
/// of dates or one-word statuses is narrow, a column of sentences wide. Every column is at least
/// as wide as its longest word (up to 16 characters), so a header such as "Responsible partner"
/// breaks between words, never inside one.
pub(super) fn column_widths(header: &[String], rows: &[Vec<String>], total: u32) -> Vec<u32> {
    let n = header.len().max(1);
    let mut floors = Vec::with_capacity(n);
    let mut weights = Vec::with_capacity(n);
    for col in 0..n {
        let texts = header.get(col).into_iter().chain(rows.iter().filter_map(|r| r.get(col)));
        let (mut longest_word, mut chars, mut count) = (1usize, 0usize, 0usize);
        for text in texts {
            for word in text.split_whitespace() {
                longest_word = longest_word.max(word.chars().count());
            }
            chars += text.chars().count();
            count += 1;
        }
        let floor = longest_word.min(16) as u32 * CHAR_TWIPS + CELL_PADDING;
        let average = (chars / count.max(1)) as u32;
        floors.push(floor);
        // Long text wants width, but with diminishing returns: a 2,000-character entry should
        // not squeeze every other column down to its floor.
        weights.push(floor + average.min(400) * CHAR_TWIPS / 4);
    }
    let floor_sum: u32 = floors.iter().sum();
    if floor_sum >= total {
        let mut widths: Vec<u32> = floors.iter().map(|f| f * total / floor_sum).collect();
        widths[0] += total - widths.iter().sum::<u32>();
        return widths;
    }
    // Each column gets its floor, and the rest of the width is shared by weight above the floor.
    let spare = total - floor_sum;
    let extra: Vec<u32> = weights.iter().zip(&floors).map(|(w, f)| w - f).collect();
    let extra_sum: u32 = extra.iter().sum::<u32>().max(1);
    let mut widths: Vec<u32> = floors
        .iter()
        .zip(&extra)
        .map(|(f, e)| f + (u64::from(spare) * u64::from(*e) / u64::from(extra_sum)) as u32)
        .collect();
    let used: u32 = widths.iter().sum();
    widths[0] += total - used;
    widths
}

fn table(caption: &str, header: &[String], rows: &[Vec<String>], total: u32) -> String {
    let widths = column_widths(header, rows, total);
    let mut out = format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblCaption w:val=\"{}\"/></w:tblPr><w:tblGrid>",
        xml_escape(caption)
    );
    for w in &widths {
        out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    // The header row repeats on each page and is never split; body rows may break across pages
    // (a long row kept whole could be cut off at the foot of a page).
    out.push_str("</w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
    for (h, w) in header.iter().zip(&widths) {
        out.push_str(&cell(h, true, *w));
    }
    out.push_str("</w:tr>");
    for row in rows {
        out.push_str("<w:tr>");
        for (n, w) in widths.iter().enumerate() {
            out.push_str(&cell(row.get(n).map_or("", String::as_str), false, *w));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// A section's page: A4 portrait, or landscape for wide tables.
fn section_properties(landscape: bool) -> String {
    let (w, h, orient) =
        if landscape { (PAGE_LONG, PAGE_SHORT, " w:orient=\"landscape\"") } else { (PAGE_SHORT, PAGE_LONG, "") };
    format!(
        "<w:sectPr><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>"
    )
}

/// The width text can use on a page.
pub(super) fn text_width(landscape: bool) -> u32 {
    (if landscape { PAGE_LONG } else { PAGE_SHORT }) - 2 * MARGIN
}

/// Which blocks go on landscape pages: every block from a heading (below the title) to the
/// next, where that stretch holds a wide table. A heading with nothing under it before the next
/// heading goes with what follows, so no page holds a heading alone.
pub(super) fn landscape_blocks(blocks: &[Block]) -> Vec<bool> {
    let mut out = vec![false; blocks.len()];
    let mut end = blocks.len();
    let mut next_wide = false;
    for start in (0..blocks.len()).rev() {
        if start > 0 && !matches!(blocks[start], Block::Heading { level: 2.., .. }) {
            continue;
        }
        let stretch = &blocks[start..end];
        let headings_only = stretch.iter().all(|b| matches!(b, Block::Heading { .. }));
        let wide = if headings_only && start > 0 {
            next_wide
        } else {
            stretch.iter().any(|b| matches!(b, Block::Table { header, .. } if is_wide(header)))
        };
        out[start..end].fill(wide);
        next_wide = wide;
        end = start;
    }
    out
}

fn document_xml(doc: &Document) -> String {
    let mut body = String::new();
    // Wide tables sit in landscape sections, with the heading and text that lead up to them: a
    // section ends with a paragraph holding its properties, so a run of landscape blocks opens
    // one landscape section and closes it after.
    let blocks = doc.office_blocks();
    let orientation = landscape_blocks(&blocks);
    let mut landscape = false;
    let mut last_was_table = false;
    for (block, &wide) in blocks.iter().zip(&orientation) {
        if wide != landscape {
            body.push_str(&format!("<w:p><w:pPr>{}</w:pPr></w:p>", section_properties(landscape)));
            landscape = wide;
        }
        last_was_table = matches!(block, Block::Table { .. });
        match block {
            Block::Heading { level: 1, text } => body.push_str(&paragraph(Some("Title"), &runs(text, false))),
            Block::Heading { level, text } => {
                body.push_str(&paragraph(Some(&format!("Heading{}", (*level - 1).clamp(1, 3))), &runs(text, false)))
            }
            Block::Paragraph(text) => body.push_str(&paragraph(None, &runs(text, false))),
            Block::Labelled { label, text } => {
                body.push_str(&paragraph(None, &format!("{}{}", runs(&format!("{label}: "), true), runs(text, false))))
            }
            Block::Note(text) => body.push_str(&paragraph(Some("Note"), &runs(text, false))),
            Block::Bullets(items) => {
                for item in items {
                    body.push_str(&paragraph(Some("ListBullet"), &runs(item, false)));
                }
            }
            // Each table follows its caption paragraph, so two tables are never adjacent and
            // need no empty paragraph between them.
            Block::Table { caption, header, rows } => {
                body.push_str(&paragraph(Some("Caption"), &runs(caption, false)));
                body.push_str(&table(caption, header, rows, text_width(landscape)));
            }
            // `office_blocks` has made each chart its summary and table.
            Block::Chart(_) => {}
        }
    }
    // Word needs the body to end with a paragraph, not a table.
    if last_was_table {
        body.push_str("<w:p/>");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\"><w:body>{body}{}</w:body></w:document>",
        section_properties(landscape)
    )
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn styles_xml(lang: &str) -> String {
    let heading = |id: &str, name: &str, size: u32, outline: u32| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"{outline}\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"{size}\"/></w:rPr></w:style>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W}\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"24\"/><w:lang w:val=\"{lang}\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"48\"/></w:rPr></w:style>\
{}{}{}\
<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:before=\"40\" w:after=\"40\" w:line=\"252\" w:lineRule=\"auto\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Note\"><w:name w:val=\"Note\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:color w:val=\"505A5F\"/><w:sz w:val=\"20\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:spacing w:after=\"80\"/></w:pPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"B1B4B6\"/></w:tblBorders><w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
</w:styles>",
        heading("Heading1", "heading 1", 36, 0),
        heading("Heading2", "heading 2", 30, 1),
        heading("Heading3", "heading 3", 26, 2),
    )
}

const NUMBERING: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{2022}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

fn content_types() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>{}</Types>",
        package::content_type_overrides()
    )
}

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/></Relationships>";

/// Document settings: compatibility mode 15 (Word 2013 and later), so Word opens the file in
/// its current mode rather than "Compatibility Mode"; UK English for proofing.
fn settings_xml(lang: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"{W}\"><w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"{lang}\"/></w:settings>"
    )
}

/// The document as .docx bytes, its properties naming `author` and dated `date`.
pub fn render(doc: &Document, author: &str, date: Option<NaiveDate>) -> Vec<u8> {
    let properties =
        Properties { title: doc.title.clone(), creator: author.to_owned(), language: Some(doc.lang.to_owned()), date };
    let mut zip = ZipWriter::new();
    let parts: [(&str, String); 9] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package::package_rels("word/document.xml")),
        ("docProps/core.xml", properties.core_xml()),
        ("docProps/app.xml", properties.app_xml()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", styles_xml(doc.lang)),
        ("word/settings.xml", settings_xml(doc.lang)),
        ("word/numbering.xml", NUMBERING.to_string()),
        ("word/document.xml", document_xml(doc)),
    ];
    for (name, content) in parts {
        zip.add(name, &[&content]);
    }
    zip.finish()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    /// Reads one part back out of a .docx, as a test would with any zip reader.
    pub fn part(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("valid zip");
        let mut text = String::new();
        archive.by_name(name).expect("part exists").read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn headings_lists_and_table_header_rows_are_real_structure() {
        let mut doc = Document::new("Self-evaluation & plan");
        doc.heading(2, "Section");
        doc.push(Block::Bullets(vec!["one".into(), "two <b>".into()]));
        doc.push(Block::Table {
            caption: "Positions".into(),
            header: vec!["Criterion".into(), "Position".into()],
            rows: vec![vec!["A1".into(), "Inconsistent".into()]],
        });
        let bytes = render(&doc, "Northdale partnership", NaiveDate::from_ymd_opt(2026, 12, 2));
        let body = part(&bytes, "word/document.xml");
        assert!(body.contains("<w:pStyle w:val=\"Title\"/>"));
        assert!(body.contains("<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Section</w:t>"));
        assert_eq!(body.matches("<w:pStyle w:val=\"ListBullet\"/>").count(), 2);
        assert!(body.contains("two &lt;b&gt;"));
        assert!(body.contains("<w:trPr><w:tblHeader/>"));
        assert!(body.contains("<w:tblCaption w:val=\"Positions\"/>"));
        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains("w:styleId=\"Heading1\"") && styles.contains("<w:outlineLvl w:val=\"0\"/>"));
        let core = part(&bytes, "docProps/core.xml");
        assert!(core.contains("<dc:title>Self-evaluation &amp; plan</dc:title>"));
        assert!(core.contains("<dc:creator>Northdale partnership</dc:creator>"));
        assert!(core.contains(">2026-12-02T00:00:00Z</dcterms:modified>"));
        assert!(part(&bytes, "docProps/app.xml").contains("<Application>Area SEND partnership toolkit</Application>"));
        let types = part(&bytes, "[Content_Types].xml");
        for name in ["/word/numbering.xml", "/word/settings.xml", "/docProps/core.xml", "/docProps/app.xml"] {
            assert!(types.contains(name), "{name}");
        }
        let rels = part(&bytes, "_rels/.rels");
        assert!(rels.contains("Target=\"docProps/core.xml\"") && rels.contains("Target=\"docProps/app.xml\""));
        assert!(part(&bytes, "word/_rels/document.xml.rels").contains("Target=\"settings.xml\""));
        assert!(part(&bytes, "word/settings.xml").contains(
            "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
        ));
        // Headings (and the title and captions) stay with what follows them.
        assert!(styles.matches("<w:keepNext/>").count() >= 5);
    }

    use crate::export::doc::fixtures::strings;

    #[test]
    fn tables_have_grid_widths_by_content_and_only_header_rows_kept_whole() {
        let header = strings(&["Criterion", "Position", "Comments"]);
        let rows = vec![strings(&["A1", "Inconsistent", &"A long sentence of comments. ".repeat(20)])];
        let widths = column_widths(&header, &rows, 9638);
        assert_eq!(widths.iter().sum::<u32>(), 9638);
        assert!(widths[2] > widths[0] * 2 && widths[2] > widths[1] * 2, "{widths:?}");
        // No column is narrower than its longest word.
        assert!(widths[1] >= 12 * CHAR_TWIPS, "{widths:?}");

        let mut doc = Document::new("Plan");
        doc.push(Block::Table { caption: "Narrow".into(), header: header.clone(), rows: rows.clone() });
        doc.push(Block::Table { caption: "Narrow again".into(), header, rows });
        let body = part(&render(&doc, "", None), "word/document.xml");
        assert!(body.contains("<w:tblLayout w:type=\"fixed\"/>"));
        assert!(body.contains(&format!("<w:gridCol w:w=\"{}\"/>", widths[2])));
        assert_eq!(body.matches("<w:cantSplit/>").count(), 2, "header rows only");
        assert_eq!(body.matches("<w:tr><w:trPr>").count(), 2, "body rows have no row properties");
        // Captions separate the tables, so the only empty paragraph is the one Word needs at
        // the end of the body after a table; no landscape section for narrow tables.
        assert!(!body.contains("</w:tbl><w:p/><w:p>"));
        assert!(body.contains("</w:tbl><w:p/><w:sectPr>"));
        assert!(!body.contains("landscape"));
    }

    #[test]
    fn wide_tables_sit_in_a_landscape_section_between_portrait_ones() {
        let doc = crate::export::doc::fixtures::wide_tables();
        let body = part(&render(&doc, "", None), "word/document.xml");
        let portrait = "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>";
        let landscape = "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>";
        assert_eq!(body.matches(landscape).count(), 1, "one landscape section for both tables");
        assert_eq!(body.matches(portrait).count(), 2);
        let (before, after) = (body.find("Before").unwrap(), body.find("After").unwrap());
        let first_break = body.find(portrait).unwrap();
        let landscape_at = body.find(landscape).unwrap();
        assert!(before < first_break && first_break < body.find("Area 1").unwrap(), "the heading goes with its table");
        assert!(body.rfind("</w:tbl>").unwrap() < landscape_at && landscape_at < after);
        assert!(body.contains("<w:tblW w:w=\"14570\" w:type=\"dxa\"/>"), "landscape tables use the wider page");
        let widths = column_widths(&strings(&["Responsible partner"]), &[], 14570);
        assert_eq!(widths, [14570]);
    }

    #[test]
    fn control_characters_and_noncharacters_are_dropped() {
        assert_eq!(xml_escape("a\u{1}b\tc\u{FFFE}\u{FFFF}d"), "ab\tcd");
    }
}
