//! CSV files into the same [`Workbook`] type the spreadsheet reader produces.
//!
//! Councils' exports arrive as UTF-8 (with or without a byte-order mark) or as Windows-1252 from
//! older systems; both are accepted. The delimiter (comma, semicolon or tab) is taken from the
//! first lines. Every non-blank value is kept as text: the checks parse numbers and dates
//! themselves, the UK way.

use crate::sheet::Tracker;
use crate::{Cell, DateSystem, FileFormat, Sheet, Workbook, WorkbookError};

/// Decodes bytes as UTF-8 (dropping a BOM) or, failing that, Windows-1252.
fn decode_text(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, had_errors) = if bytes.starts_with(b"\xFF\xFE") {
            encoding_rs::UTF_16LE.decode(bytes)
        } else {
            encoding_rs::UTF_16BE.decode(bytes)
        };
        return (!had_errors).then(|| text.trim_start_matches('\u{FEFF}').to_string());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(s.to_string()),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Some(text.into_owned())
        }
    }
}

/// Bytes of text read between progress reports.
const PROGRESS_BYTES: u64 = 1 << 18;

/// Picks the delimiter that splits the first few lines most consistently.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(10).collect();
    let mut best = (b',', 0usize);
    for delim in [b',', b';', b'\t'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, delim)).collect();
        let Some(&first) = counts.first() else { continue };
        if first == 0 {
            continue;
        }
        let consistent = counts.iter().filter(|c| **c == first).count();
        let score = consistent * 1000 + first;
        if score > best.1 {
            best = (delim, score);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delim: u8) -> usize {
    let mut in_quotes = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if b == delim && !in_quotes {
            n += 1;
        }
    }
    n
}

/// Reads a CSV file (not empty: [`crate::format::detect`] refuses those) as a one-sheet workbook
/// named after the file.
pub(crate) fn read(
    file_name: &str,
    bytes: &[u8],
    max_cells: usize,
    progress: &mut Tracker<'_>,
) -> Result<Workbook, WorkbookError> {
    let file = file_name.to_string();
    let Some(text) = decode_text(bytes) else {
        return Err(WorkbookError::NotText { file });
    };
    let control = text.chars().take(4096).filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    if control > 8 {
        return Err(WorkbookError::NotText { file });
    }
    let delimiter = sniff_delimiter(&text);
    let sheet_name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let sheet_name = sheet_name.rsplit_once('.').map(|(stem, _)| stem).unwrap_or(sheet_name).to_string();
    // Progress is bytes of the decoded text, reported every PROGRESS_BYTES.
    progress.start(text.len() as u64);
    progress.sheet("", text.len() as u64);
    let mut next_report = PROGRESS_BYTES;
    let mut reader =
        ::csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut n_cells = 0usize;
    let mut record = ::csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(WorkbookError::Corrupt { file, detail: format!("CSV: {e}") }),
        }
        let at = reader.position().byte();
        if at >= next_report {
            progress.at(at, rows.len() + 1);
            next_report = at + PROGRESS_BYTES;
        }
        n_cells += record.len();
        if n_cells > max_cells {
            return Err(WorkbookError::TooLarge { file, cells: n_cells, limit: max_cells });
        }
        rows.push(record.iter().map(Cell::text).collect());
    }
    Ok(Workbook {
        file_name: file,
        format: FileFormat::Csv,
        date_system: DateSystem::Excel1900,
        sheets: vec![Sheet::from_rows(sheet_name, rows)],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ReadOptions;

    fn read_csv(file_name: &str, bytes: &[u8]) -> Result<Workbook, WorkbookError> {
        crate::read_workbook(file_name, bytes, ReadOptions::default())
    }

    fn text(wb: &Workbook, r: usize, c: usize) -> String {
        wb.sheets[0].cell(r, c).as_text().map(|t| t.into_owned()).unwrap_or_default()
    }

    #[test]
    fn utf8_with_bom_drops_the_bom() {
        let wb = read_csv("l.csv", "\u{FEFF}Unique ID,UPN\r\nA1,\r\n".as_bytes()).unwrap();
        assert_eq!(text(&wb, 0, 0), "Unique ID");
        assert_eq!(wb.sheets[0].rows()[1], vec![Cell::Text("A1".into())]);
        assert_eq!(wb.sheets[0].name, "l");
    }

    #[test]
    fn windows_1252_en_dash_and_pound_decode() {
        // 0x96 is an en dash and 0xA3 a pound sign in Windows-1252; neither is valid UTF-8 here.
        let bytes = b"Main education establishment \x96 URN,Note\n123456,\xA35\n";
        let wb = read_csv("l.csv", bytes).unwrap();
        assert_eq!(text(&wb, 0, 0), "Main education establishment – URN");
        assert_eq!(text(&wb, 1, 1), "£5");
    }

    #[test]
    fn semicolon_and_tab_delimiters_are_sniffed() {
        let wb = read_csv("l.csv", b"a;b;c\n1;2,5;3\n").unwrap();
        assert_eq!(wb.sheets[0].rows()[1].len(), 3);
        assert_eq!(text(&wb, 1, 1), "2,5");
        let wb = read_csv("l.tsv", b"a\tb\n1\t2\n").unwrap();
        assert_eq!(text(&wb, 1, 1), "2");
    }

    #[test]
    fn quoted_commas_and_newlines_stay_in_one_cell() {
        let wb = read_csv("l.csv", b"a,b\n\"x, y\",\"line1\nline2\"\n").unwrap();
        assert_eq!(text(&wb, 1, 0), "x, y");
        assert_eq!(text(&wb, 1, 1), "line1\nline2");
    }

    #[test]
    fn empty_csv_is_an_error() {
        assert!(matches!(read_csv("l.csv", b""), Err(WorkbookError::Empty { .. })));
    }

    #[test]
    fn binary_junk_is_not_text() {
        let bytes: Vec<u8> = (0u8..32).cycle().take(200).collect();
        assert!(matches!(read_csv("l.csv", &bytes), Err(WorkbookError::NotText { .. })));
    }
}

#[cfg(test)]
mod progress_tests {
    use crate::ReadOptions;

    #[test]
    fn csv_progress_is_bytes_of_the_file_and_reaches_the_end() {
        let mut text = String::from("Unique ID,Gender\n");
        for i in 0..60_000 {
            text.push_str(&format!("FICT-{i:06},a) Male\n"));
        }
        let mut seen = Vec::new();
        let mut on_progress = |p: &crate::ReadProgress<'_>| seen.push((p.sheet.to_string(), p.rows, p.done, p.total));
        let wb =
            crate::read_workbook("list1.csv", text.as_bytes(), ReadOptions::default().on_progress(&mut on_progress))
                .unwrap();
        assert_eq!(wb.sheets[0].n_rows(), 60_001);
        // About 1.2 MB: a report every 256 KB, then the end.
        assert!(seen.len() >= 5, "{seen:?}");
        assert!(seen.iter().all(|s| s.0.is_empty() && s.3 == text.len() as u64), "no sheet in a CSV");
        assert!(seen.windows(2).all(|w| w[0].2 < w[1].2 && w[0].1 < w[1].1), "{seen:?}");
        assert_eq!(seen.last().map(|s| (s.1, s.2)), Some((60_001, text.len() as u64)));
        // The rows count and the bytes agree (every line is the same length).
        let (_, rows, done, total) = &seen[1];
        assert!((*rows as u64 * 100 / 60_001).abs_diff(done * 100 / total) <= 1, "{:?}", seen[1]);
    }
}
