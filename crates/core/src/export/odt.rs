//! The OpenDocument text (.odt) renderer for our `Document` model, the sibling of `docx.rs`: the
//! same page set-up, table widths and landscape pages for wide tables (shared from there), real
//! heading styles with outline levels, bulleted lists, tables whose header row repeats on each
//! page, and line breaks kept. The package and metadata come from `write::odf`.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::doc::{Block, Document};
use super::docx::{MARGIN, PAGE_LONG, PAGE_SHORT, column_widths, landscape_blocks, text_width};
use crate::write::odf::{self, ROOT_ATTRIBUTES, TEXT_MIME, XML_DECLARATION};
use crate::write::package::Properties;
use crate::write::zip::Deflating;

/// The document as .odt bytes, its metadata naming `author` and dated `date`.
pub fn render(doc: &Document, author: &str, date: Option<NaiveDate>) -> Vec<u8> {
    let properties =
        Properties { title: doc.title.clone(), creator: author.to_owned(), language: Some(doc.lang.to_owned()), date };
    odf::package(TEXT_MIME, (&content_xml(doc), Deflating::new(), ""), &styles_xml(doc.lang), &properties)
}

/// The body being written, and the automatic styles it needs.
#[derive(Default)]
struct Body {
    text: String,
    styles: String,
    /// A page change waiting for the next paragraph: the master page it starts.
    page: Option<&'static str>,
    n_page_styles: usize,
    n_tables: usize,
}

impl Body {
    /// Opens a paragraph (`text:p` or `text:h`) in `style`. A page change rides on the first
    /// paragraph after it, through an automatic style naming the master page.
    fn open(&mut self, element: &str, style: &str) {
        let style = match self.page.take() {
            Some(master) => {
                self.n_page_styles += 1;
                let name = format!("Page{}", self.n_page_styles);
                let _ = write!(
                    self.styles,
                    "<style:style style:name=\"{name}\" style:family=\"paragraph\" style:parent-style-name=\"{style}\" style:master-page-name=\"{master}\"/>"
                );
                name
            }
            None => style.to_owned(),
        };
        let _ = write!(self.text, "<{element} text:style-name=\"{style}\"");
    }

    fn paragraph(&mut self, style: &str, text: &str) {
        self.open("text:p", style);
        self.text.push('>');
        odf::push_text(&mut self.text, text);
        self.text.push_str("</text:p>");
    }

    fn table(&mut self, header: &[String], rows: &[Vec<String>], total: u32) {
        self.n_tables += 1;
        let name = format!("Table{}", self.n_tables);
        let widths = column_widths(header, rows, total);
        let _ = write!(
            self.styles,
            "<style:style style:name=\"{name}\" style:family=\"table\"><style:table-properties style:width=\"{}\" table:align=\"left\"/></style:style>",
            points(total)
        );
        let _ = write!(self.text, "<table:table table:name=\"{name}\" table:style-name=\"{name}\">");
        for (n, w) in widths.iter().enumerate() {
            let _ = write!(
                self.styles,
                "<style:style style:name=\"{name}.C{n}\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"{}\"/></style:style>",
                points(*w)
            );
            let _ = write!(self.text, "<table:table-column table:style-name=\"{name}.C{n}\"/>");
        }
        // The header row repeats on each page and is never split; body rows may break across
        // pages (as in the Word file).
        self.text.push_str("<table:table-header-rows><table:table-row table:style-name=\"HeaderRow\">");
        for n in 0..widths.len() {
            self.cell(header.get(n), "Table_20_Heading");
        }
        self.text.push_str("</table:table-row></table:table-header-rows>");
        for row in rows {
            self.text.push_str("<table:table-row>");
            for n in 0..widths.len() {
                self.cell(row.get(n), "Table_20_Contents");
            }
            self.text.push_str("</table:table-row>");
        }
        self.text.push_str("</table:table>");
    }

    fn cell(&mut self, text: Option<&String>, style: &str) {
        self.text.push_str("<table:table-cell table:style-name=\"Cell\" office:value-type=\"string\">");
        self.paragraph(style, text.map_or("", String::as_str));
        self.text.push_str("</table:table-cell>");
    }
}

/// Twentieths of a point (the Word file's unit) as points.
fn points(twips: u32) -> String {
    format!("{}pt", f64::from(twips) / 20.0)
}

fn content_xml(doc: &Document) -> String {
    let mut body = Body::default();
    let blocks = doc.office_blocks();
    let orientation = landscape_blocks(&blocks);
    let mut landscape = false;
    for (block, &wide) in blocks.iter().zip(&orientation) {
        if wide != landscape {
            body.page = Some(if wide { "Landscape" } else { "Standard" });
            landscape = wide;
        }
        match block {
            Block::Heading { level: 1, text } => body.paragraph("Title", text),
            Block::Heading { level, text } => {
                let level = (*level - 1).clamp(1, 3);
                body.open("text:h", &format!("Heading_20_{level}"));
                let _ = write!(body.text, " text:outline-level=\"{level}\">");
                odf::push_text(&mut body.text, text);
                body.text.push_str("</text:h>");
            }
            Block::Paragraph(text) => body.paragraph("Standard", text),
            Block::Labelled { label, text } => {
                body.open("text:p", "Standard");
                body.text.push_str("><text:span text:style-name=\"Strong_20_Emphasis\">");
                odf::push_text(&mut body.text, &format!("{label}: "));
                body.text.push_str("</text:span>");
                odf::push_text(&mut body.text, text);
                body.text.push_str("</text:p>");
            }
            Block::Note(text) => body.paragraph("Note", text),
            Block::Bullets(items) => {
                body.text.push_str("<text:list text:style-name=\"Bullets\">");
                for item in items {
                    body.text.push_str("<text:list-item>");
                    body.paragraph("List_20_Bullet", item);
                    body.text.push_str("</text:list-item>");
                }
                body.text.push_str("</text:list>");
            }
            Block::Table { caption, header, rows } => {
                body.paragraph("Caption", caption);
                body.table(header, rows, text_width(landscape));
            }
            // `office_blocks` has made each chart its summary and table.
            Block::Chart(_) => {}
        }
    }
    format!(
        "{XML_DECLARATION}<office:document-content {ROOT_ATTRIBUTES}><office:automatic-styles>{}\
<style:style style:name=\"HeaderRow\" style:family=\"table-row\"><style:table-row-properties fo:keep-together=\"always\"/></style:style>\
<style:style style:name=\"Cell\" style:family=\"table-cell\"><style:table-cell-properties fo:padding=\"0.07cm\" fo:border=\"0.5pt solid #b1b4b6\"/></style:style>\
</office:automatic-styles><office:body><office:text>{}</office:text></office:body></office:document-content>",
        body.styles, body.text
    )
}

fn styles_xml(lang: &str) -> String {
    let paragraph = |name: &str, display: &str, extra: &str, props: &str, text: &str| {
        format!(
            "<style:style style:name=\"{name}\" style:display-name=\"{display}\" style:family=\"paragraph\" style:parent-style-name=\"Standard\"{extra}><style:paragraph-properties{props}/><style:text-properties{text}/></style:style>"
        )
    };
    let heading = |level: u32, size: u32| {
        paragraph(
            &format!("Heading_20_{level}"),
            &format!("Heading {level}"),
            &format!(
                " style:next-style-name=\"Standard\" style:default-outline-level=\"{level}\" style:class=\"text\""
            ),
            " fo:margin-top=\"0.423cm\" fo:margin-bottom=\"0.212cm\" fo:keep-with-next=\"always\"",
            &format!(" fo:font-size=\"{size}pt\" fo:font-weight=\"bold\""),
        )
    };
    let page = |name: &str, long_side_across: bool| {
        let (w, h, orientation) =
            if long_side_across { (PAGE_LONG, PAGE_SHORT, "landscape") } else { (PAGE_SHORT, PAGE_LONG, "portrait") };
        format!(
            "<style:page-layout style:name=\"{name}\"><style:page-layout-properties fo:page-width=\"{}\" fo:page-height=\"{}\" style:print-orientation=\"{orientation}\" fo:margin-top=\"{m}\" fo:margin-bottom=\"{m}\" fo:margin-left=\"{m}\" fo:margin-right=\"{m}\"/></style:page-layout>",
            points(w),
            points(h),
            m = points(MARGIN)
        )
    };
    format!(
        "{XML_DECLARATION}<office:document-styles {ROOT_ATTRIBUTES}>\
<office:font-face-decls><style:font-face style:name=\"Arial\" svg:font-family=\"Arial\" style:font-family-generic=\"swiss\"/></office:font-face-decls>\
<office:styles>\
<style:default-style style:family=\"paragraph\"><style:paragraph-properties fo:margin-bottom=\"0.282cm\" fo:line-height=\"125%\"/><style:text-properties style:font-name=\"Arial\" fo:font-size=\"12pt\"{lang}/></style:default-style>\
<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>\
{}{}{}{}{}{}{}{}{}\
<style:style style:name=\"Strong_20_Emphasis\" style:display-name=\"Strong Emphasis\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\"/></style:style>\
<text:list-style style:name=\"Bullets\"><text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"\u{2022}\"><style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\"><style:list-level-label-alignment text:label-followed-by=\"listtab\" text:list-tab-stop-position=\"1.27cm\" fo:text-indent=\"-0.635cm\" fo:margin-left=\"1.27cm\"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>\
</office:styles>\
<office:automatic-styles>{}{}</office:automatic-styles>\
<office:master-styles><style:master-page style:name=\"Standard\" style:page-layout-name=\"Portrait\"/><style:master-page style:name=\"Landscape\" style:page-layout-name=\"LandscapePage\"/></office:master-styles>\
</office:document-styles>",
        paragraph(
            "Title",
            "Title",
            " style:next-style-name=\"Standard\" style:class=\"chapter\"",
            " fo:margin-bottom=\"0.423cm\" fo:keep-with-next=\"always\"",
            " fo:font-size=\"24pt\" fo:font-weight=\"bold\""
        ),
        heading(1, 18),
        heading(2, 15),
        heading(3, 13),
        paragraph(
            "Caption",
            "Caption",
            " style:class=\"extra\"",
            " fo:keep-with-next=\"always\"",
            " fo:font-weight=\"bold\""
        ),
        paragraph("Note", "Note", "", "", " fo:font-size=\"10pt\" fo:color=\"#505a5f\""),
        paragraph("List_20_Bullet", "List Bullet", " style:class=\"list\"", " fo:margin-bottom=\"0.141cm\"", ""),
        paragraph(
            "Table_20_Contents",
            "Table Contents",
            " style:class=\"extra\"",
            " fo:margin-bottom=\"0cm\" fo:line-height=\"105%\"",
            ""
        ),
        paragraph(
            "Table_20_Heading",
            "Table Heading",
            " style:class=\"extra\"",
            " fo:margin-bottom=\"0cm\"",
            " fo:font-weight=\"bold\""
        ),
        page("Portrait", false),
        page("LandscapePage", true),
        lang = odf::language_attributes(lang),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::docx::tests::part;

    use crate::export::doc::fixtures::strings;

    #[test]
    fn headings_lists_and_tables_are_real_structure() {
        let mut doc = Document::new("Self-evaluation & plan");
        doc.heading(2, "Section");
        doc.push(Block::Bullets(vec!["one".into(), "two <b>".into()]));
        doc.push(Block::Labelled { label: "Position".into(), text: "line one\nline two".into() });
        doc.push(Block::Table {
            caption: "Positions".into(),
            header: strings(&["Criterion", "Position"]),
            rows: vec![strings(&["A1", "Inconsistent"])],
        });
        let bytes = render(&doc, "Northdale partnership", NaiveDate::from_ymd_opt(2026, 12, 2));
        let body = part(&bytes, "content.xml");
        assert!(body.contains("<text:p text:style-name=\"Title\">Self-evaluation &amp; plan</text:p>"));
        assert!(body.contains("<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">Section</text:h>"));
        assert_eq!(body.matches("<text:p text:style-name=\"List_20_Bullet\">").count(), 2);
        assert!(body.contains("two &lt;b&gt;"));
        assert!(body.contains(
            "<text:span text:style-name=\"Strong_20_Emphasis\">Position: </text:span>line one<text:line-break/>line two"
        ));
        assert!(body.contains("<text:p text:style-name=\"Caption\">Positions</text:p><table:table "));
        assert!(body.contains("<table:table-header-rows><table:table-row table:style-name=\"HeaderRow\">"));
        assert!(
            body.contains("<style:table-properties style:width=\"481.9pt\""),
            "the width of an A4 page less 2 cm margins"
        );
        let styles = part(&bytes, "styles.xml");
        assert!(styles.contains("style:name=\"Heading_20_1\"") && styles.contains("style:default-outline-level=\"1\""));
        assert!(styles.contains("fo:language=\"en\" fo:country=\"GB\""));
        let meta = part(&bytes, "meta.xml");
        assert!(meta.contains("<dc:creator>Northdale partnership</dc:creator>"));
        assert!(meta.contains("<meta:creation-date>2026-12-02T00:00:00</meta:creation-date>"));
        assert!(
            part(&bytes, "META-INF/manifest.xml")
                .contains("manifest:media-type=\"application/vnd.oasis.opendocument.text\"")
        );
        assert!(!body.contains("master-page-name"), "no landscape page for narrow tables");
    }

    #[test]
    fn wide_tables_go_on_landscape_pages_with_their_heading() {
        let doc = crate::export::doc::fixtures::wide_tables();
        let body = part(&render(&doc, "", None), "content.xml");
        assert!(body.contains("<style:style style:name=\"Page1\" style:family=\"paragraph\" style:parent-style-name=\"Heading_20_2\" style:master-page-name=\"Landscape\"/>"));
        assert!(body.contains("<style:style style:name=\"Page2\" style:family=\"paragraph\" style:parent-style-name=\"Heading_20_1\" style:master-page-name=\"Standard\"/>"));
        assert!(body.contains("<text:h text:style-name=\"Page1\" text:outline-level=\"2\">Area 1</text:h>"));
        assert!(body.contains("<text:h text:style-name=\"Page2\" text:outline-level=\"1\">Next</text:h>"));
        assert_eq!(body.matches("master-page-name").count(), 2, "one landscape stretch for both tables");
        assert!(body.contains("style:width=\"728.5pt\""), "landscape tables use the wider page");
    }
}
