//! What every OpenDocument file we write shares (ODT from `export::odt`, ODS from `write::ods`):
//! the package (`mimetype` first and stored, so a reader can tell the type from the first bytes;
//! `META-INF/manifest.xml`), the metadata (`meta.xml`: title, author, dates, generator, from the
//! same `Properties` as the Office files' docProps) and text as ODF paragraphs hold it, where
//! line breaks, tabs and runs of spaces are elements (plain whitespace collapses to one space).
//!
//! A leaf module: it names only other `write` modules.

use crate::write::package::{APPLICATION, Properties};
use crate::write::xml;
use crate::write::zip::{Deflating, ZipWriter};

pub const TEXT_MIME: &str = "application/vnd.oasis.opendocument.text";
pub const SPREADSHEET_MIME: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// ODF 1.2, the version the UK government's open standard for documents names, which every
/// office suite that reads ODF reads.
pub const VERSION: &str = "1.2";

pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// The namespaces content.xml and styles.xml use, and the version, for their root element.
pub const ROOT_ATTRIBUTES: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" \
xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\" \
xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" \
office:version=\"1.2\"";

/// `fo:language` and `fo:country` attributes for a BCP 47 tag such as "en-GB".
pub fn language_attributes(tag: &str) -> String {
    let mut parts = tag.split('-');
    let language = parts.next().filter(|l| !l.is_empty()).unwrap_or("en");
    let mut out = format!(" fo:language=\"{}\"", xml::escape(language));
    if let Some(country) = parts.next() {
        out.push_str(&format!(" fo:country=\"{}\"", xml::escape(country)));
    }
    out
}

/// Appends `text` as the inside of a `text:p` or `text:h`: escaped through `xml`, line breaks
/// (LF, CR or CRLF) as `text:line-break`, tabs as `text:tab`, and spaces a reader would collapse
/// or drop (a second space in a row, one at the start of a line) as `text:s`.
pub fn push_text(out: &mut String, text: &str) {
    let (mut run, mut spaces, mut line_start, mut after_cr) = (0, 0u32, true, false);
    for (i, c) in text.char_indices() {
        if !matches!(c, ' ' | '\n' | '\r' | '\t') {
            if spaces > 0 {
                push_spaces(out, spaces, line_start);
                spaces = 0;
                run = i;
            }
            line_start = false;
            after_cr = false;
            continue;
        }
        xml::push_escaped(out, &text[run..i]);
        run = i + 1;
        match c {
            ' ' => {
                spaces += 1;
                after_cr = false;
                continue;
            }
            _ => {
                push_spaces(out, spaces, line_start);
                spaces = 0;
            }
        }
        match c {
            '\t' => {
                out.push_str("<text:tab/>");
                line_start = false;
            }
            '\n' if after_cr => {}
            _ => {
                out.push_str("<text:line-break/>");
                line_start = true;
            }
        }
        after_cr = c == '\r';
    }
    if spaces > 0 {
        push_spaces(out, spaces, line_start);
    } else {
        xml::push_escaped(out, &text[run..]);
    }
}

fn push_spaces(out: &mut String, spaces: u32, line_start: bool) {
    let extra = if line_start {
        spaces
    } else {
        if spaces > 0 {
            out.push(' ');
        }
        spaces.saturating_sub(1)
    };
    match extra {
        0 => {}
        1 => out.push_str("<text:s/>"),
        n => out.push_str(&format!("<text:s text:c=\"{n}\"/>")),
    }
}

/// `meta.xml`: title, author (initial and last), language, the export date as created and
/// modified, and the generator.
pub fn meta_xml(properties: &Properties) -> String {
    let mut out = format!(
        "{XML_DECLARATION}<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"{VERSION}\"><office:meta><meta:generator>{}</meta:generator>",
        xml::escape(APPLICATION)
    );
    let mut element = |name: &str, value: &str| {
        if !value.is_empty() {
            out.push_str(&format!("<{name}>{}</{name}>", xml::escape(value)));
        }
    };
    element("dc:title", &properties.title);
    element("meta:initial-creator", &properties.creator);
    element("dc:creator", &properties.creator);
    element("dc:language", properties.language.as_deref().unwrap_or(""));
    if let Some(date) = properties.date {
        let stamp = date.format("%Y-%m-%dT00:00:00").to_string();
        element("meta:creation-date", &stamp);
        element("dc:date", &stamp);
    }
    out.push_str("</office:meta></office:document-meta>");
    out
}

fn manifest_xml(mime: &str) -> String {
    let entry = |path: &str, media: &str| {
        format!("<manifest:file-entry manifest:full-path=\"{path}\" manifest:media-type=\"{media}\"/>")
    };
    format!(
        "{XML_DECLARATION}<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"{VERSION}\"><manifest:file-entry manifest:full-path=\"/\" manifest:version=\"{VERSION}\" manifest:media-type=\"{mime}\"/>{}{}{}</manifest:manifest>",
        entry("content.xml", "text/xml"),
        entry("styles.xml", "text/xml"),
        entry("meta.xml", "text/xml"),
    )
}

/// The package: `mimetype` (first, stored), then content, styles, metadata and the manifest.
pub fn package(mime: &str, content: (&str, Deflating, &str), styles: &str, properties: &Properties) -> Vec<u8> {
    let mut zip = ZipWriter::new();
    zip.add_stored("mimetype", mime);
    let (head, body, tail) = content;
    zip.add_around("content.xml", head, body, tail);
    zip.add("styles.xml", &[styles]);
    zip.add("meta.xml", &[&meta_xml(properties)]);
    zip.add("META-INF/manifest.xml", &[&manifest_xml(mime)]);
    zip.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let mut out = String::new();
        push_text(&mut out, s);
        out
    }

    #[test]
    fn breaks_tabs_and_spaces_are_elements_and_markup_is_escaped() {
        assert_eq!(text("a<b> & c"), "a&lt;b&gt; &amp; c");
        assert_eq!(
            text("one\r\ntwo\rthree\nfour\tfive"),
            "one<text:line-break/>two<text:line-break/>three<text:line-break/>four<text:tab/>five"
        );
        assert_eq!(text("  lead, a  b   c "), "<text:s text:c=\"2\"/>lead, a <text:s/>b <text:s text:c=\"2\"/>c ");
        assert_eq!(text("x\n y\n\n"), "x<text:line-break/><text:s/>y<text:line-break/><text:line-break/>");
        assert_eq!(text("a\u{1}\u{FFFF}b"), "ab");
        assert_eq!(text("a\r \nb"), "a<text:line-break/><text:s/><text:line-break/>b");
        assert_eq!(text(""), "");
    }

    #[test]
    fn meta_names_author_dates_and_generator() {
        let meta = meta_xml(&Properties {
            title: "Plan & review".into(),
            creator: "Northdale partnership".into(),
            language: Some("en-GB".into()),
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 2),
        });
        assert!(meta.contains("<meta:generator>Area SEND partnership toolkit</meta:generator>"));
        assert!(meta.contains("<dc:title>Plan &amp; review</dc:title>"));
        assert!(meta.contains("<meta:initial-creator>Northdale partnership</meta:initial-creator>"));
        assert!(meta.contains("<meta:creation-date>2026-12-02T00:00:00</meta:creation-date>"));
        assert!(meta.contains("<dc:date>2026-12-02T00:00:00</dc:date>"));
        assert_eq!(language_attributes("en-GB"), " fo:language=\"en\" fo:country=\"GB\"");
    }

    #[test]
    fn the_mimetype_comes_first_stored_so_its_bytes_sit_at_offset_38() {
        let bytes = package(TEXT_MIME, ("<a/>", Deflating::new(), ""), "<b/>", &Properties::default());
        assert_eq!(&bytes[30..38], b"mimetype");
        assert_eq!(&bytes[38..38 + TEXT_MIME.len()], TEXT_MIME.as_bytes());
        assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 0, "stored");
    }
}
