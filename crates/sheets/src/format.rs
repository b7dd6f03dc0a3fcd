//! Which reader a file goes to, decided by its content first and its name second, and the checks
//! that refuse a file before any reader opens it: other documents named like spreadsheets,
//! password protection, and zips that would unpack to more than a browser tab can hold.

use std::io::Cursor;

use serde::{Deserialize, Serialize};

use crate::WorkbookError;

/// The most cells we load from one workbook (all sheets together). A full List 1 of 100,000 rows
/// has 2.1 million cells, so this leaves a wide margin while keeping memory bounded in a browser tab.
pub const MAX_CELLS: usize = 25_000_000;

/// The most the parts of a zipped workbook (xlsx, xlsb, ods) may unpack to, all together. An xlsx
/// sheet spends about 40 bytes of XML per cell, so this is roughly [`MAX_CELLS`] cells; more is a
/// zip bomb or far beyond any list, and is refused before anything is unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 1 << 30;

/// calamine holds the whole shared-strings table in memory (sheets are streamed), so it gets a
/// lower cap. A List 1 of 100,000 rows needs a few MB.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 256 << 20;

/// What a file was read as: its content decides, so a CSV named `.xlsx` is [`FileFormat::Csv`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum FileFormat {
    #[default]
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    Csv,
}

impl FileFormat {
    pub fn label(self) -> &'static str {
        match self {
            Self::Xlsx => "Excel workbook (.xlsx/.xlsm)",
            Self::Xlsb => "Excel binary workbook (.xlsb)",
            Self::Xls => "Excel 97-2003 workbook (.xls)",
            Self::Ods => "OpenDocument spreadsheet (.ods)",
            Self::Csv => "CSV file",
        }
    }
}

/// The format to read a file as, or why no reader should open it. A CSV renamed `.xlsx` still
/// loads, and a PDF renamed `.xlsx` is called a PDF.
pub(crate) fn detect(file_name: &str, bytes: &[u8], max_cells: usize) -> Result<FileFormat, WorkbookError> {
    let file = file_name.to_string();
    if bytes.is_empty() {
        return Err(WorkbookError::Empty { file });
    }
    match sniff(bytes) {
        Sniffed::Other(looks_like) => Err(WorkbookError::NotASpreadsheet { file, looks_like }),
        Sniffed::Markup(looks_like) => Err(WorkbookError::SaveAsXlsx { file, looks_like }),
        Sniffed::Ole => {
            if ole_is_encrypted(bytes) {
                return Err(WorkbookError::PasswordProtected { file });
            }
            if let Some(looks_like) = ole_other_document(bytes) {
                return Err(WorkbookError::NotASpreadsheet { file, looks_like });
            }
            Ok(FileFormat::Xls)
        }
        Sniffed::Zip => {
            if let Some(looks_like) = zip_kind(bytes) {
                return Err(WorkbookError::NotASpreadsheet { file, looks_like });
            }
            check_unpacked_sizes(&file, bytes)?;
            if zip_names_contain(bytes, b"application/vnd.oasis.opendocument.spre") {
                let cells = ods_expanded_cells(bytes);
                if cells > max_cells {
                    return Err(WorkbookError::TooLarge { file, cells, limit: max_cells });
                }
                Ok(FileFormat::Ods)
            } else if extension(file_name) == "xlsb" {
                Ok(FileFormat::Xlsb)
            } else {
                Ok(FileFormat::Xlsx)
            }
        }
        Sniffed::Text => {
            let ext = extension(file_name);
            if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods" | "xlsb") && !looks_like_delimited_text(bytes) {
                return Err(WorkbookError::Corrupt { file, detail: format!("the contents are not in .{ext} format") });
            }
            Ok(FileFormat::Csv)
        }
    }
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sniffed {
    Zip,
    Ole,
    Other(&'static str),
    /// Markup Excel opens but calamine does not read.
    Markup(&'static str),
    Text,
}

fn sniff(bytes: &[u8]) -> Sniffed {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    if bytes.starts_with(&OLE) {
        return Sniffed::Ole;
    }
    let others: [(&[u8], &'static str); 10] = [
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"{\\rtf", "a Rich Text (RTF) document"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"II*\x00", "a TIFF image"),
        (b"MM\x00*", "a TIFF image"),
    ];
    for (magic, what) in others {
        if bytes.starts_with(magic) {
            return Sniffed::Other(what);
        }
    }
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let trimmed = lower.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&lower).trim_ascii_start();
    let has = |needle: &[u8]| trimmed.windows(needle.len()).any(|w| w == needle);
    // Council systems often export an HTML table or SpreadsheetML with an .xls name.
    let html_starts: [&[u8]; 7] = [b"<!doctype html", b"<html", b"<table", b"<head", b"<body", b"<meta", b"<style"];
    if html_starts.iter().any(|s| trimmed.starts_with(s)) || (trimmed.starts_with(b"<?xml") && has(b"<html")) {
        return Sniffed::Markup("a web page (HTML)");
    }
    if trimmed.starts_with(b"<?xml")
        && (has(b"urn:schemas-microsoft-com:office:spreadsheet") || has(b"progid=\"excel.sheet\""))
    {
        return Sniffed::Markup("an XML Spreadsheet 2003 file");
    }
    Sniffed::Text
}

/// Does an OLE (Compound File) container hold an encrypted OOXML package? Stream names are
/// stored as UTF-16LE in the directory, so searching for them is enough to recognise one.
fn ole_is_encrypted(bytes: &[u8]) -> bool {
    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }
    let needles = [utf16("EncryptionInfo"), utf16("EncryptedPackage")];
    needles.iter().any(|n| bytes.windows(n.len()).any(|w| w == n.as_slice()))
}

/// Is this an OLE file of a Word or PowerPoint document rather than an Excel workbook?
fn ole_other_document(bytes: &[u8]) -> Option<&'static str> {
    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }
    let has = |name: &str| {
        let n = utf16(name);
        bytes.windows(n.len()).any(|w| w == n.as_slice())
    };
    if has("Workbook") || has("Book") {
        None
    } else if has("WordDocument") {
        Some("a Word document")
    } else if has("PowerPoint Document") {
        Some("a PowerPoint presentation")
    } else {
        None
    }
}

/// Which OOXML/ODF document a zip holds, from the names of its parts.
fn zip_kind(bytes: &[u8]) -> Option<&'static str> {
    let has = |s: &[u8]| zip_names_contain(bytes, s);
    if has(b"word/document.xml") {
        Some("a Word document")
    } else if has(b"ppt/presentation.xml") {
        Some("a PowerPoint presentation")
    } else if has(b"application/vnd.oasis.opendocument.text") {
        Some("an OpenDocument text document")
    } else {
        None
    }
}

/// Searches where a zip names its parts: the local headers at the start (an ODF `mimetype` comes
/// first) and the central directory at the end. Scanning the middle of a large file is wasted time.
fn zip_names_contain(bytes: &[u8], needle: &[u8]) -> bool {
    const SPAN: usize = 64 * 1024;
    let has = |part: &[u8]| part.windows(needle.len()).any(|w| w == needle);
    has(&bytes[..bytes.len().min(SPAN)]) || has(&bytes[bytes.len().saturating_sub(SPAN)..])
}

fn extension(file_name: &str) -> String {
    file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

/// Refuses a zip whose parts would unpack to more than we will read, from the sizes in its central
/// directory, before anything is unpacked. A part that lies about its size cannot get past this:
/// the zip crate stops reading a part at its declared size (an error calamine passes on).
fn check_unpacked_sizes(file: &str, bytes: &[u8]) -> Result<(), WorkbookError> {
    // An archive the zip crate cannot open is left to calamine, which reports the damage.
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let too_large = |bytes, limit| WorkbookError::UnpacksTooLarge { file: file.to_string(), bytes, limit };
    let mut total = 0u64;
    let mut shared_strings = None;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_data(i) else { continue };
        total = total.saturating_add(entry.size());
        let is_shared_strings = entry.name_raw().to_ascii_lowercase().ends_with(b"sharedstrings.xml");
        if is_shared_strings && entry.size() > MAX_SHARED_STRINGS_BYTES {
            return Err(too_large(entry.size(), MAX_SHARED_STRINGS_BYTES));
        }
        if is_shared_strings {
            shared_strings = Some((i, entry.size()));
        }
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(too_large(total, MAX_UNPACKED_BYTES));
    }
    // calamine reserves room for the table's `uniqueCount` strings before reading any: a forged
    // count would abort on allocation (or panic on overflow). Each string takes at least `<si/>`.
    if let Some((i, size)) = shared_strings
        && let Some(count) = largest_unique_count(&mut archive, i)
        && count > size / 5 + 1
    {
        return Err(WorkbookError::Corrupt {
            file: file.to_string(),
            detail: format!("its shared text table claims {count} entries but is only {size} bytes long"),
        });
    }
    Ok(())
}

/// The largest `uniqueCount` anywhere in a shared-strings part. The whole part is scanned (it is
/// capped above), so a forged count cannot hide behind comments or other elements.
fn largest_unique_count(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, index: usize) -> Option<u64> {
    use std::io::Read;
    const NAME: &[u8] = b"uniqueCount";
    // Long enough to hold the name, `=`, spacing, a quote and any number of digits that matters.
    const KEEP: usize = 64;
    let mut part = archive.by_index(index).ok()?;
    let mut buf = vec![0u8; 64 * 1024];
    let (mut filled, mut largest) = (0usize, None::<u64>);
    loop {
        // A damaged part is left to calamine, which reports it.
        let n = part.read(&mut buf[filled..]).ok()?;
        let end = filled + n;
        let mut at = 0;
        while let Some(p) = buf[at..end].iter().position(|b| *b == b'q') {
            let q = at + p;
            at = q + 1;
            if q < 3 || !buf[q - 3..end].starts_with(NAME) {
                continue;
            }
            let rest = buf[q - 3 + NAME.len()..end]
                .iter()
                .skip_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'=' | b'"' | b'\''));
            // Saturating: a count too long for u64 is a lie all the same.
            let count = rest
                .take_while(|b| b.is_ascii_digit())
                .fold(0u64, |c, d| c.saturating_mul(10).saturating_add(u64::from(d - b'0')));
            largest = largest.max(Some(count));
        }
        if n == 0 {
            return largest;
        }
        // Keep the tail so a name split across two reads is still seen.
        let keep = end.min(KEEP);
        buf.copy_within(end - keep..end, 0);
        filled = keep;
    }
}

/// How many cells calamine will build for an ods, from a scan of `content.xml`. calamine expands
/// repeated rows and columns into a rectangle before we see any cell (up to 100 million cells,
/// 6 GB from a 1 KB file), so this is checked first. An over-estimate where unsure: a cell that is
/// not self-closing counts as filled, and an overlong tag as repeated to the sheet's edge.
fn ods_expanded_cells(bytes: &[u8]) -> usize {
    use std::io::Read;
    const MAX_ROWS: usize = 1 << 20;
    const MAX_COLUMNS: usize = 1 << 14;
    const MAX_TAG: usize = 64 * 1024;
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return 0 };
    let Ok(content) = archive.by_name("content.xml") else { return 0 };
    let repeats = |tag: &[u8], name: &[u8], edge: usize| -> usize {
        if tag.len() >= MAX_TAG {
            return edge;
        }
        let Some(at) = tag.windows(name.len()).position(|w| w == name) else { return 1 };
        let digits = tag[at + name.len()..].iter().skip_while(|b| matches!(b, b'=' | b'"' | b'\'' | b' '));
        digits
            .take_while(|b| b.is_ascii_digit())
            .fold(0usize, |n, d| n.saturating_mul(10).saturating_add(usize::from(d - b'0')))
            .min(edge)
    };
    // Per table: rows from the first filled row to the last (calamine drops the rest), times the
    // widest filled row.
    let (mut total, mut rows, mut pending, mut width) = (0usize, 0usize, 0usize, 0usize);
    let (mut row_repeats, mut col, mut row_width) = (0usize, 0usize, 0usize);
    let mut tag: Vec<u8> = Vec::new();
    let (mut in_tag, mut quote) = (false, None::<u8>);
    for byte in std::io::BufReader::new(content).bytes() {
        let Ok(b) = byte else { break }; // damaged: calamine reports it
        if !in_tag {
            if b == b'<' {
                in_tag = true;
                tag.clear();
            }
            continue;
        }
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => {
                in_tag = false;
                let self_closing = tag.last() == Some(&b'/');
                // From the second byte, so a closing tag keeps its `/`.
                let name_end =
                    tag.iter().skip(1).position(|c| c.is_ascii_whitespace() || *c == b'/').map_or(tag.len(), |p| p + 1);
                match &tag[..name_end] {
                    b"table:table" => (rows, pending, width) = (0, 0, 0),
                    b"/table:table" => total = total.saturating_add(rows.min(MAX_ROWS).saturating_mul(width)),
                    b"table:table-row" => {
                        (row_repeats, col, row_width) = (repeats(&tag, b"table:number-rows-repeated", MAX_ROWS), 0, 0);
                        if self_closing && rows > 0 {
                            pending = pending.saturating_add(row_repeats);
                        }
                    }
                    // Empty rows count only between filled ones.
                    b"/table:table-row" if row_width == 0 => {
                        pending = if rows > 0 { pending.saturating_add(row_repeats) } else { 0 };
                    }
                    b"/table:table-row" => {
                        rows = rows.saturating_add(pending).saturating_add(row_repeats);
                        pending = 0;
                        width = width.max(row_width);
                    }
                    b"table:table-cell" | b"table:covered-table-cell" => {
                        let n = repeats(&tag, b"table:number-columns-repeated", MAX_COLUMNS);
                        col = col.saturating_add(n).min(MAX_COLUMNS);
                        let has = |attr: &[u8]| tag.windows(attr.len()).any(|w| w == attr);
                        if !self_closing || has(b"office:value-type") || has(b"table:formula") {
                            row_width = col;
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        if tag.len() < MAX_TAG {
            tag.push(b);
        }
    }
    total
}

/// Text with no binary bytes and a delimiter near the start: a CSV, whatever its name.
fn looks_like_delimited_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let binary = head.iter().filter(|b| **b < 0x09 || (**b > 0x0D && **b < 0x20)).count();
    binary == 0 && head.iter().any(|b| matches!(b, b',' | b';' | b'\t'))
}

#[cfg(test)]
mod tests {
    use crate::{ReadOptions, WorkbookError};

    fn read_workbook(file_name: &str, bytes: &[u8]) -> Result<crate::Workbook, WorkbookError> {
        crate::read_workbook(file_name, bytes, ReadOptions::default())
    }

    #[test]
    fn empty_file_is_an_error_naming_the_file() {
        let err = read_workbook("list1.xlsx", b"").unwrap_err();
        assert_eq!(err, WorkbookError::Empty { file: "list1.xlsx".into() });
        assert!(err.to_string().contains("“list1.xlsx” is empty"));
    }

    #[test]
    fn pdf_renamed_xlsx_is_recognised() {
        let err = read_workbook("list1.xlsx", b"%PDF-1.7\n...").unwrap_err();
        assert!(err.to_string().contains("is a PDF document, not a spreadsheet"), "{err}");
    }

    #[test]
    fn images_and_html_are_not_spreadsheets() {
        for (bytes, what) in
            [(&b"\x89PNG\r\n\x1a\n"[..], "PNG"), (b"\xFF\xD8\xFF\xE0", "JPEG"), (b"<!DOCTYPE html><html>", "HTML")]
        {
            let err = read_workbook("x.xlsx", bytes).unwrap_err();
            assert!(err.to_string().contains(what), "{err}");
        }
    }

    #[test]
    fn word_docx_renamed_xlsx_is_recognised() {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend_from_slice(b"....word/document.xml....");
        let err = read_workbook("x.xlsx", &bytes).unwrap_err();
        assert!(err.to_string().contains("Word document"), "{err}");
    }

    #[test]
    fn truncated_zip_is_corrupt() {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend_from_slice(&[0u8; 40]);
        let err = read_workbook("x.xlsx", &bytes).unwrap_err();
        assert!(matches!(err, WorkbookError::Corrupt { .. }), "{err:?}");
        assert!(err.to_string().contains("damaged"));
    }

    #[test]
    fn text_that_is_not_csv_named_xlsx_is_corrupt() {
        let err = read_workbook("x.xlsx", b"hello").unwrap_err();
        assert!(matches!(err, WorkbookError::Corrupt { .. }), "{err:?}");
    }

    #[test]
    fn ole_with_encryption_streams_is_password_protected() {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.extend(vec![0u8; 100]);
        bytes.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        let err = read_workbook("secret.xlsx", &bytes).unwrap_err();
        assert_eq!(err, WorkbookError::PasswordProtected { file: "secret.xlsx".into() });
        assert!(err.to_string().contains("save a copy without a password"));
    }
}
