//! Every download is read back before it is offered: a Word, Excel or OpenDocument file must
//! open as a zip holding the parts an office suite looks for (for ODF, a `mimetype` first and
//! stored, naming the right media type), and each XML part must be well-formed XML 1.0
//! (only characters XML allows, every element closed, one root). A file that fails is never
//! handed over; the person is told plainly instead (`DownloadError::Damaged`). The zip reader
//! and XML parser are the ones calamine already links, independent of our writers.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::downloads::Format;
use crate::write::{odf, xml};

/// The parts an office suite needs to open the file.
fn required_parts(format: Format) -> &'static [&'static str] {
    match format {
        Format::Docx => &[
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "word/_rels/document.xml.rels",
            "word/document.xml",
            "word/styles.xml",
            "word/settings.xml",
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
        Format::Html | Format::Md | Format::Csv => &[],
    }
}

/// An ODF package starts with its `mimetype` part, stored (not compressed) and with no extra
/// field, so its media type sits at byte 38, where readers look for it.
fn mimetype_problem(bytes: &[u8], format: Format) -> Option<String> {
    let expected = if format == Format::Odt { odf::TEXT_MIME } else { odf::SPREADSHEET_MIME };
    let u16_at = |at: usize| bytes.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    if bytes.get(30..38) != Some(b"mimetype".as_slice()) || u16_at(26) != Some(8) {
        return Some("the first part is not the mimetype".into());
    }
    if u16_at(8) != Some(0) || u16_at(28) != Some(0) {
        return Some("the mimetype is compressed or has an extra field".into());
    }
    let size = bytes.get(22..26).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    if size != Some(expected.len()) || bytes.get(38..38 + expected.len()) != Some(expected.as_bytes()) {
        return Some(format!("the mimetype is not {expected}"));
    }
    None
}

/// Why a file failed its check, in words for a bug report.
pub fn problem(bytes: &[u8], format: Format) -> Option<String> {
    if bytes.is_empty() {
        return Some("the file is empty".into());
    }
    match format {
        Format::Html | Format::Md | Format::Csv => {
            std::str::from_utf8(bytes).err().map(|e| format!("not UTF-8 text: {e}"))
        }
        Format::Docx | Format::Xlsx => zip_problem(bytes, format),
        Format::Odt | Format::Ods => zip_problem(bytes, format).or_else(|| mimetype_problem(bytes, format)),
    }
}

fn zip_problem(bytes: &[u8], format: Format) -> Option<String> {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(e) => return Some(format!("the zip cannot be read: {e}")),
    };
    for part in required_parts(format) {
        if archive.index_for_name(part).is_none() {
            return Some(format!("the part {part} is missing"));
        }
    }
    for i in 0..archive.len() {
        let mut file = match archive.by_index(i) {
            Ok(file) => file,
            Err(e) => return Some(format!("part {i} cannot be read: {e}")),
        };
        let name = file.name().map(|n| n.to_string()).unwrap_or_default();
        // Read through, not unpacked whole: a sheet of a million findings is hundreds of MB.
        let problem = if name.ends_with(".xml") || name.ends_with(".rels") {
            xml_problem_in(&mut file).map(|p| format!("the part {name} is not well-formed XML: {p}"))
        } else {
            let read = std::io::copy(&mut XmlChars::new(&mut file, false), &mut std::io::sink());
            read.err().map(|e| format!("the part {name} cannot be unpacked: {e}"))
        };
        if problem.is_some() {
            return problem;
        }
    }
    None
}

/// A part read through while checking it is UTF-8 and, for XML, holds only characters XML
/// allows; the error says which byte, as `xml_problem` does.
struct XmlChars<R> {
    inner: R,
    xml: bool,
    /// The start of a character the last read cut short.
    carry: Vec<u8>,
    /// Bytes checked before `carry`.
    offset: usize,
}

impl<R: Read> XmlChars<R> {
    fn new(inner: R, xml: bool) -> Self {
        XmlChars { inner, xml, carry: Vec::new(), offset: 0 }
    }
}

fn unpack_error(detail: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, detail)
}

impl<R: Read> Read for XmlChars<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !self.carry.is_empty() {
            return Err(unpack_error("it is not UTF-8: it ends part way through a character".into()));
        }
        let mut chunk = std::mem::take(&mut self.carry);
        chunk.extend_from_slice(&buf[..n]);
        let valid = match std::str::from_utf8(&chunk) {
            Ok(text) => text,
            Err(e) if e.error_len().is_none() => {
                self.carry = chunk[e.valid_up_to()..].to_vec();
                // Checked just now: the bytes before the cut are UTF-8.
                std::str::from_utf8(&chunk[..e.valid_up_to()]).unwrap_or_default()
            }
            Err(e) => {
                return Err(unpack_error(format!(
                    "it is not UTF-8: byte {} is not part of a character",
                    self.offset + e.valid_up_to()
                )));
            }
        };
        if self.xml
            && let Some((at, c)) = valid.char_indices().find(|&(_, c)| !xml::allowed(c))
        {
            return Err(unpack_error(format!(
                "U+{:04X} at byte {} is a character XML does not allow",
                c as u32,
                self.offset + at
            )));
        }
        self.offset += valid.len();
        Ok(n)
    }
}

/// Why `text` is not a well-formed XML 1.0 document, if it is not.
pub fn xml_problem(text: &str) -> Option<String> {
    xml_problem_in(text.as_bytes())
}

/// [`xml_problem`] of a document read as it streams by.
fn xml_problem_in(source: impl Read) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(XmlChars::new(source, true)));
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let (mut depth, mut roots) = (0usize, 0usize);
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(quick_xml::Error::Io(e)) => return Some(e.to_string()),
            Err(e) => return Some(format!("{e} at byte {}", reader.error_position())),
        };
        match event {
            Event::Start(_) | Event::Empty(_) if depth == 0 && roots > 0 => {
                return Some("a second root element".into());
            }
            Event::Start(_) => {
                roots += usize::from(depth == 0);
                depth += 1;
            }
            Event::Empty(_) => roots += usize::from(depth == 0),
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(t) if depth == 0 && !t.xml10_content().trim().is_empty() => {
                return Some("text outside the root element".into());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match (roots, depth) {
        (0, _) => Some("no root element".into()),
        (_, 0) => None,
        _ => Some("an element is never closed".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::zip::ZipWriter;

    fn docx_with(document: &str) -> Vec<u8> {
        let mut zip = ZipWriter::new();
        for part in required_parts(Format::Docx) {
            zip.add(part, &[if *part == "word/document.xml" { document } else { "<a/>" }]);
        }
        zip.finish()
    }

    /// A reader that hands over one byte at a time, cutting every character of several bytes.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let Some((first, rest)) = self.0.split_first() else { return Ok(0) };
            buf[0] = *first;
            self.0 = rest;
            Ok(1)
        }
    }

    #[test]
    fn a_part_read_a_byte_at_a_time_is_judged_as_it_would_be_whole() {
        assert_eq!(xml_problem_in(Trickle("<a>é “quoted” 👍</a>".as_bytes())), None);
        let bad = xml_problem_in(Trickle("<a>é\u{FFFF}</a>".as_bytes())).unwrap();
        assert_eq!(bad, xml_problem("<a>é\u{FFFF}</a>").unwrap());
        assert_eq!(bad, "U+FFFF at byte 5 is a character XML does not allow");
        let cut = xml_problem_in(Trickle(&"<a>é</a>".as_bytes()[..4])).unwrap();
        assert_eq!(cut, "it is not UTF-8: it ends part way through a character");
        let not_utf8 = xml_problem_in(Trickle(b"<a>\xff</a>")).unwrap();
        assert_eq!(not_utf8, "it is not UTF-8: byte 3 is not part of a character");
    }

    #[test]
    fn damaged_files_are_caught_and_good_ones_pass() {
        assert_eq!(problem(&docx_with("<w:document><w:body/></w:document>"), Format::Docx), None);
        let bad = |doc: &str| problem(&docx_with(doc), Format::Docx).unwrap();
        assert!(bad("<a>\u{FFFF}</a>").contains("U+FFFF at byte 3 is a character XML does not allow"));
        assert!(bad("<a><b></a>").contains("word/document.xml is not well-formed"));
        assert!(bad("<a>").contains("never closed"));
        assert!(bad("<a/><b/>").contains("second root"));
        assert!(bad("").contains("no root"));
        assert_eq!(
            problem(b"PK\x03\x04 not really", Format::Xlsx).unwrap().split(':').next(),
            Some("the zip cannot be read")
        );
        assert_eq!(problem(&docx_with("<a/>"), Format::Xlsx).unwrap(), "the part xl/workbook.xml is missing");
        assert_eq!(problem(b"", Format::Html).unwrap(), "the file is empty");
        assert_eq!(problem(b"\xFF", Format::Csv).unwrap().split(':').next(), Some("not UTF-8 text"));
        assert_eq!(problem(b"ok", Format::Md), None);
    }

    fn odf_with(mimetype: &str, stored: bool, content: &str) -> Vec<u8> {
        let mut zip = ZipWriter::new();
        if stored {
            zip.add_stored("mimetype", mimetype);
        } else {
            zip.add("mimetype", &[mimetype]);
        }
        for part in &required_parts(Format::Odt)[1..] {
            zip.add(part, &[if *part == "content.xml" { content } else { "<a/>" }]);
        }
        zip.finish()
    }

    #[test]
    fn odf_needs_its_mimetype_first_stored_and_right() {
        assert_eq!(problem(&odf_with(odf::TEXT_MIME, true, "<a/>"), Format::Odt), None);
        assert_eq!(
            problem(&odf_with(odf::TEXT_MIME, true, "<a/>"), Format::Ods).unwrap(),
            "the mimetype is not application/vnd.oasis.opendocument.spreadsheet"
        );
        assert_eq!(
            problem(&odf_with(odf::TEXT_MIME, false, "<a/>"), Format::Odt).unwrap(),
            "the mimetype is compressed or has an extra field"
        );
        assert!(problem(&odf_with(odf::TEXT_MIME, true, "<a>"), Format::Odt).unwrap().contains("content.xml"));
        assert_eq!(problem(&docx_with("<a/>"), Format::Odt).unwrap(), "the part mimetype is missing");
        let mut zip = ZipWriter::new();
        for part in required_parts(Format::Ods).iter().rev() {
            if *part == "mimetype" { zip.add_stored(part, odf::SPREADSHEET_MIME) } else { zip.add(part, &["<a/>"]) }
        }
        assert_eq!(problem(&zip.finish(), Format::Ods).unwrap(), "the first part is not the mimetype");
    }
}
