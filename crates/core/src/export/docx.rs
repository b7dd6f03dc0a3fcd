//! A small, purpose-built DOCX writer for our `Document` model: real heading styles (so Word's
//! navigation pane and screen readers see the structure), true bulleted lists, and table
//! header rows marked to repeat (`w:tblHeader`), with a table caption for assistive tech.

use super::doc::{Block, Document};
use crate::write::zip::ZipWriter;

/// Escaped for XML, dropping the control characters XML 1.0 forbids (pasted from elsewhere).
fn xml_escape(text: &str) -> String {
    let allowed: String = text.chars().filter(|&c| (c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r')).collect();
    super::html::escape(&allowed)
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

fn cell(text: &str, header: bool) -> String {
    format!("<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>{}</w:tc>", paragraph(None, &runs(text, header)))
}

fn table(caption: &str, header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblCaption w:val=\"{}\"/></w:tblPr><w:tblGrid>",
        xml_escape(caption)
    );
    for _ in header {
        out.push_str("<w:gridCol/>");
    }
    out.push_str("</w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
    for h in header {
        out.push_str(&cell(h, true));
    }
    out.push_str("</w:tr>");
    for row in rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for value in row {
            out.push_str(&cell(value, false));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

fn document_xml(doc: &Document) -> String {
    let mut body = String::new();
    for block in &doc.blocks {
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
            Block::Table { caption, header, rows } => {
                body.push_str(&paragraph(Some("Caption"), &runs(caption, false)));
                body.push_str(&table(caption, header, rows));
                // Word needs a paragraph between consecutive tables.
                body.push_str("<w:p/>");
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    )
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn styles_xml(lang: &str) -> String {
    let heading = |id: &str, name: &str, size: u32, outline: u32| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"{outline}\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"{size}\"/></w:rPr></w:style>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W}\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"24\"/><w:lang w:val=\"{lang}\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"48\"/></w:rPr></w:style>\
{}{}{}\
<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/></w:rPr></w:style>\
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

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>";

const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/></Relationships>";

fn core_xml(doc: &Document) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:language>{}</dc:language></cp:coreProperties>",
        xml_escape(&doc.title),
        doc.lang
    )
}

/// The document as .docx bytes.
pub fn render(doc: &Document) -> Vec<u8> {
    let mut zip = ZipWriter::new();
    let parts: [(&str, String); 7] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", PACKAGE_RELS.to_string()),
        ("docProps/core.xml", core_xml(doc)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", styles_xml(doc.lang)),
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
        let bytes = render(&doc);
        let body = part(&bytes, "word/document.xml");
        assert!(body.contains("<w:pStyle w:val=\"Title\"/>"));
        assert!(body.contains("<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Section</w:t>"));
        assert_eq!(body.matches("<w:pStyle w:val=\"ListBullet\"/>").count(), 2);
        assert!(body.contains("two &lt;b&gt;"));
        assert!(body.contains("<w:trPr><w:tblHeader/>"));
        assert!(body.contains("<w:tblCaption w:val=\"Positions\"/>"));
        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains("w:styleId=\"Heading1\"") && styles.contains("<w:outlineLvl w:val=\"0\"/>"));
        assert!(part(&bytes, "docProps/core.xml").contains("<dc:title>Self-evaluation &amp; plan</dc:title>"));
        assert!(part(&bytes, "[Content_Types].xml").contains("/word/numbering.xml"));
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(xml_escape("a\u{1}b\tc"), "ab\tc");
    }
}
