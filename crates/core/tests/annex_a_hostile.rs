//! Hostile and odd spreadsheets, each built here rather than committed: zip bombs (honest and
//! lying about their size), a forged shared-strings count, a huge shared-strings table, a sheet of
//! 1,048,576 rows, a forged row number, merged and two-row headers, formulas and error cells, dates
//! as text and serials in one column, an odd ods, UTF-16 and NUL-byte CSVs, workbooks with no or a
//! missing sheet, an HTML table or XML Spreadsheet 2003 saved as .xls, and sheets 16,384 columns
//! wide. Each either loads with the shape asserted or is refused with a message naming the file:
//! no panic, no hang, and no allocation on the scale of what the file claims to hold.

use std::io::{Cursor, Read};
use std::time::{Duration, Instant};

use area_send_core::checks::example_data::{Value, xlsx_from_rows};
use area_send_core::checks::report::AsOfDates;
use area_send_core::checks::workbook::{Cell, FileFormat, MAX_CELLS, MAX_SHARED_STRINGS_BYTES, MAX_UNPACKED_BYTES};
use area_send_core::checks::{CheckReport, ReadOptions, Workbook, WorkbookError, check, profile, read_workbook};
use chrono::NaiveDate;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn check_full(wb: Workbook) -> CheckReport {
    check(&[wb], profile("full-2025").unwrap(), None, &AsOfDates::new(), date(2025, 11, 20))
}

/// A hang guard, not a speed test (speed is the benchmarks' job): ten times what an unoptimised
/// build needs on a loaded two-core machine (30 s there was exceeded with other builds running),
/// yet far below what the quadratic paths these tests guard against would take.
fn assert_quick(started: Instant, what: &str) {
    assert!(started.elapsed() < Duration::from_secs(300), "{what} took {:?}", started.elapsed());
}

// ---- A hand-written zip, so parts can hold pre-built deflate streams and forged sizes. ----

struct Part {
    name: String,
    /// 0 stored, 8 deflated.
    method: u16,
    data: Vec<u8>,
    crc: u32,
    /// The uncompressed size the zip declares (true unless a test forges it).
    size: u32,
}

impl Part {
    fn stored(name: &str, data: impl Into<Vec<u8>>) -> Part {
        let data = data.into();
        Part { name: name.into(), method: 0, crc: crc32(&data), size: data.len() as u32, data }
    }

    /// `prefix` then `run` copies of `fill`, as a fixed-Huffman deflate stream of about 13 bits
    /// per 258 bytes, built directly (compressing a gigabyte would be far slower). The CRC is left
    /// zero: nothing should read far enough to check it.
    fn bomb(name: &str, prefix: &[u8], fill: u8, run: u64) -> Part {
        let mut bits = Bits::default();
        bits.put(0b011, 3); // final block, fixed Huffman codes
        for &b in prefix.iter().chain([&fill]) {
            bits.literal(b);
        }
        let matches = (run - 1) / 258;
        for _ in 0..matches {
            // Length 258 (code 285, 8 bits 11000101, no extra) at distance 1 (code 0, 5 bits).
            bits.put(0b1010_0011, 13);
        }
        for _ in 0..(run - 1) % 258 {
            bits.literal(fill);
        }
        bits.put(0, 7); // end of block
        let size = prefix.len() as u64 + run;
        Part { name: name.into(), method: 8, data: bits.finish(), crc: 0, size: u32::try_from(size).unwrap() }
    }
}

#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u64, len: u32) {
        self.acc |= value << self.n;
        self.n += len;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// Huffman codes go most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        self.put(u64::from(code.reverse_bits() >> (32 - len)), len);
    }

    fn literal(&mut self, b: u8) {
        if b < 144 { self.code(0x30 + u32::from(b), 8) } else { self.code(0x190 + u32::from(b) - 144, 9) }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        std::array::from_fn(|n| (0..8).fold(n as u32, |c, _| if c & 1 == 1 { (c >> 1) ^ 0xEDB8_8320 } else { c >> 1 }))
    });
    !data.iter().fold(!0u32, |crc, &b| table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8))
}

fn zip_of(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for p in parts {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = sig.to_le_bytes().to_vec();
            if central {
                h.extend(20u16.to_le_bytes()); // version made by
            }
            for v in [20u16, 0, p.method, 0, 0x21] {
                h.extend(v.to_le_bytes()); // version needed, flags, method, time, date
            }
            for v in [p.crc, p.data.len() as u32, p.size] {
                h.extend(v.to_le_bytes());
            }
            h.extend((p.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend([0u8; 10]); // comment length, disk, internal and external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(p.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&p.data);
        central.extend(header(0x0201_4b50, true));
    }
    let (cd_offset, cd_size) = (out.len() as u32, central.len() as u32);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend(cd_size.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend([0u8; 2]);
    out
}

/// The parts of a small real workbook with one sheet, "List 1": a text cell (so it has a
/// shared-strings part) and a date (so style 1 is dd/mm/yyyy).
fn base_parts() -> Vec<Part> {
    let rows = vec![vec![Value::from("Unique ID")], vec![Value::Date(date(2014, 3, 4))]];
    let bytes = xlsx_from_rows(&[("List 1", rows)]).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            Part::stored(&name, data)
        })
        .collect()
}

const SHEET: &str = "xl/worksheets/sheet1.xml";
const SHARED: &str = "xl/sharedStrings.xml";

fn with_parts(replacements: Vec<Part>) -> Vec<u8> {
    let mut parts = base_parts();
    for new in replacements {
        parts.retain(|p| p.name != new.name);
        parts.push(new);
    }
    zip_of(&parts)
}

fn sheet_xml(rows: &str, after: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>{rows}</sheetData>{after}</worksheet>"#
    )
}

fn inline(cell: &str, text: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

fn xlsx_with_sheet(rows: &str, after: &str) -> Vec<u8> {
    with_parts(vec![Part::stored(SHEET, sheet_xml(rows, after))])
}

// ---- Zip bombs ----

const SST_OPEN: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#;

#[test]
fn sheet_that_unpacks_to_over_a_gigabyte_is_refused_before_unpacking() {
    let started = Instant::now();
    // 1.1 GB of spaces inside the sheet, from about 7 MB.
    let bomb = Part::bomb(SHEET, b"<worksheet>", b' ', MAX_UNPACKED_BYTES + MAX_UNPACKED_BYTES / 10);
    assert!(bomb.data.len() < 8 << 20, "{}", bomb.data.len());
    let err = read_workbook("bomb.xlsx", &with_parts(vec![bomb]), ReadOptions::default()).unwrap_err();
    assert!(matches!(err, WorkbookError::UnpacksTooLarge { limit: MAX_UNPACKED_BYTES, .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "“bomb.xlsx” unpacks to 1127 MB, more than the 1024 MB this checker will read, so it was not opened; it may be damaged or not a real export. Open it in Excel or LibreOffice, delete sheets that are not part of the lists, save it as .xlsx, and choose the new file."
    );
    assert_quick(started, "sheet bomb");
}

#[test]
fn many_parts_that_together_unpack_to_over_a_gigabyte_are_refused() {
    let one = Part::bomb(SHEET, b"<worksheet>", b' ', 300 << 20);
    let copy =
        |n: u32| Part { name: format!("xl/worksheets/sheet{n}.xml"), data: one.data.clone(), ..Part::stored("", "") };
    let mut parts: Vec<Part> = (2..=5).map(|n| Part { method: 8, size: one.size, ..copy(n) }).collect();
    parts.push(one);
    let err = read_workbook("parts.xlsx", &with_parts(parts), ReadOptions::default()).unwrap_err();
    assert!(matches!(err, WorkbookError::UnpacksTooLarge { bytes, .. } if bytes > 5 * (300 << 20)), "{err:?}");
    assert!(err.to_string().starts_with("“parts.xlsx” unpacks to 1501 MB, more than the 1024 MB"), "{err}");
}

#[test]
fn shared_strings_over_their_cap_are_refused_before_unpacking() {
    let started = Instant::now();
    // One 300 MB string: calamine would hold the whole table in memory.
    let bomb = Part::bomb(SHARED, SST_OPEN, b'a', MAX_SHARED_STRINGS_BYTES + (44 << 20));
    let err = read_workbook("strings.xlsx", &with_parts(vec![bomb]), ReadOptions::default()).unwrap_err();
    assert!(matches!(err, WorkbookError::UnpacksTooLarge { limit: MAX_SHARED_STRINGS_BYTES, .. }), "{err:?}");
    assert!(err.to_string().contains("more than the 256 MB this checker will read"), "{err}");
    assert_quick(started, "shared strings bomb");
}

/// A part that declares a small size but inflates to a gigabyte: the zip crate stops reading it
/// at the declared size, so only that much is ever unpacked.
#[test]
fn parts_that_lie_about_their_size_are_corrupt_not_unpacked() {
    for (part, prefix) in [(SHEET, &b"<worksheet><sheetData>"[..]), (SHARED, SST_OPEN)] {
        let started = Instant::now();
        let mut bomb = Part::bomb(part, prefix, b'a', 1 << 30);
        bomb.size = 100_000;
        let err = read_workbook("liar.xlsx", &with_parts(vec![bomb]), ReadOptions::default()).unwrap_err();
        assert!(matches!(err, WorkbookError::Corrupt { .. }), "{part}: {err:?}");
        assert!(err.to_string().starts_with("“liar.xlsx” looks like a spreadsheet but could not be read"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(10), "{part}: {:?}", started.elapsed());
    }
}

/// calamine reserves room for `uniqueCount` strings before reading one: without the loader's
/// check, this 1 KB file panics with "capacity overflow" (or aborts on allocation).
#[test]
fn forged_shared_strings_count_is_corrupt() {
    for count in ["1000000000000000000", "4000000000", "99999999999999999999999"] {
        let sst = format!(
            r#"<?xml version="1.0"?><!-- <sst uniqueCount="1"> --><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount = "{count}"><si><t>Unique ID</t></si></sst>"#
        );
        // calamine's XML reader does not check that end tags match, so a mismatched one must not
        // hide the count from the loader's own check either.
        let stray_end = sst.replace("<!--", "<a></b><!--");
        for sst in [sst, stray_end] {
            let err =
                read_workbook("forged.xlsx", &with_parts(vec![Part::stored(SHARED, sst)]), ReadOptions::default())
                    .unwrap_err();
            assert!(matches!(err, WorkbookError::Corrupt { .. }), "{count}: {err:?}");
            assert!(err.to_string().contains("its shared text table claims"), "{err}");
            assert!(err.to_string().starts_with("“forged.xlsx”"), "{err}");
        }
    }
}

// ---- Size ----

#[test]
fn two_million_distinct_shared_strings_load() {
    let started = Instant::now();
    let n = 2_000_000;
    let mut sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">"#
    );
    for i in 0..n {
        sst.push_str("<si><t>S");
        sst.push_str(&i.to_string());
        sst.push_str("</t></si>");
    }
    sst.push_str("</sst>");
    let rows = r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1999999</v></c></row>"#;
    let bytes = with_parts(vec![Part::stored(SHARED, sst), Part::stored(SHEET, sheet_xml(rows, ""))]);
    let built = started.elapsed();
    let wb = read_workbook("strings.xlsx", &bytes, ReadOptions::default()).unwrap();
    let sheet = &wb.sheets[0];
    assert_eq!(sheet.cell(0, 0), &Cell::Text("S0".into()));
    assert_eq!(sheet.cell(1, 0), &Cell::Text("S1999999".into()));
    eprintln!("2M shared strings: built in {built:?}, loaded in {:?}", started.elapsed() - built);
    assert_quick(started, "2M shared strings");
}

#[test]
fn shared_string_index_past_the_table_is_corrupt() {
    let rows = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>4294967295</v></c></row>"#;
    let err = read_workbook("index.xlsx", &xlsx_with_sheet(rows, ""), ReadOptions::default()).unwrap_err();
    assert_eq!(
        err,
        WorkbookError::Corrupt {
            file: "index.xlsx".into(),
            detail: "Cell string index not found in shared strings table".into()
        }
    );
}

#[test]
fn last_excel_row_alone_loads_with_its_row_number() {
    let rows = format!(
        r#"<row r="1">{}{}{}</row><row r="1048576">{}</row>"#,
        inline("A1", "Unique ID"),
        inline("B1", "Date of birth"),
        inline("C1", "Gender"),
        inline("A1048576", "FICT-LAST")
    );
    let started = Instant::now();
    let wb = read_workbook("tall.xlsx", &xlsx_with_sheet(&rows, ""), ReadOptions::default()).unwrap();
    let sheet = &wb.sheets[0];
    assert_eq!(sheet.n_rows(), 1_048_576);
    assert_eq!(sheet.cell(1_048_575, 0), &Cell::Text("FICT-LAST".into()));
    let report = check_full(wb);
    assert_eq!(report.summary.lists[0].list_id, "list-1");
    assert_quick(started, "row 1048576");
}

#[test]
fn every_one_of_1048576_rows_filled_loads() {
    let started = Instant::now();
    let mut rows = String::with_capacity(48 << 20);
    for r in 1..=1_048_576u32 {
        let r = r.to_string();
        for piece in [r#"<row r=""#, &r, r#""><c r="A"#, &r, r#""><v>"#, &r, "</v></c></row>"] {
            rows.push_str(piece);
        }
    }
    let bytes = xlsx_with_sheet(&rows, "");
    let built = started.elapsed();
    let wb = read_workbook("full.xlsx", &bytes, ReadOptions::default()).unwrap();
    let sheet = &wb.sheets[0];
    assert_eq!(sheet.n_rows(), 1_048_576);
    assert_eq!(sheet.cell(0, 0), &Cell::Number(1.0));
    assert_eq!(sheet.cell(1_048_575, 0), &Cell::Number(1_048_576.0));
    eprintln!("1,048,576 rows: built in {built:?}, loaded in {:?}", started.elapsed() - built);
    assert_quick(started, "1048576 rows");
}

/// A row number past anything Excel writes would make the loader allocate billions of empty rows;
/// it is counted against the cell cap first.
#[test]
fn forged_row_number_is_too_large_not_an_allocation() {
    let rows = format!(
        r#"<row r="1">{}</row><row r="4000000000">{}</row>"#,
        inline("A1", "Unique ID"),
        inline("A4000000000", "x")
    );
    let err = read_workbook("forged-row.xlsx", &xlsx_with_sheet(&rows, ""), ReadOptions::default()).unwrap_err();
    assert!(matches!(err, WorkbookError::TooLarge { limit: MAX_CELLS, .. }), "{err:?}");
    assert!(err.to_string().starts_with("“forged-row.xlsx” has about"), "{err}");
}

// ---- Layout and values ----

const LIST_1: [&str; 21] = [
    "Unique ID",
    "UPN",
    "ULN",
    "Date of birth",
    "Gender",
    "Ethnicity",
    "Date initial EHC plan issued",
    "Date updated EHC plan issued",
    "Date EHC plan last reviewed",
    "SEN primary need",
    "Main education establishment – URN",
    "Main education establishment – phase",
    "Subsidiary education establishment – phase (dual registration)",
    "Elective home education",
    "Suspensions",
    "Permanent exclusions",
    "Absence",
    "Pupil Premium",
    "Known to children's social care?",
    "Which children's social care team?",
    "Does the child or young person have a disability?",
];

fn col(i: usize) -> String {
    let mut s = String::new();
    let mut n = i + 1;
    while n > 0 {
        s.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

fn header_row(r: u32, names: &[&str]) -> String {
    let cells: String = names.iter().enumerate().map(|(i, h)| inline(&format!("{}{r}", col(i)), h)).collect();
    format!(r#"<row r="{r}">{cells}</row>"#)
}

#[test]
fn merged_title_over_the_headers_is_skipped() {
    // Row 1: a title merged across all 21 columns (only A1 holds it); row 2: the headers.
    let rows = format!(
        r#"<row r="1">{}</row>{}<row r="3">{}{}</row>"#,
        inline("A1", "List 1: children and young people with an EHC plan"),
        header_row(2, &LIST_1),
        inline("A3", "FICT-000001"),
        inline("E3", "a) Male"),
    );
    let wb = read_workbook(
        "merged.xlsx",
        &xlsx_with_sheet(&rows, r#"<mergeCells count="1"><mergeCell ref="A1:U1"/></mergeCells>"#),
        ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(wb.sheets[0].cell(0, 1), &Cell::Empty, "merged cells other than the first are empty");
    let report = check_full(wb);
    let list = &report.summary.lists[0];
    assert_eq!((list.list_id.as_str(), list.rows), ("list-1", 1));
    assert!(!report.findings.iter().any(|f| f.rule == "COLUMN-MISSING"), "{:?}", report.findings);
    // Row numbers are the sheet's own.
    assert!(report.findings.iter().filter_map(|f| f.row).all(|r| r == 3), "{:?}", report.findings);
}

#[test]
fn headers_split_across_two_merged_rows() {
    // Row 1 groups columns under merged labels; row 2 has the rest of each header. "URN" and
    // "Phase" alone are synonyms and still match; "Initial", "Updated" and "Last reviewed" are not.
    let mut row2: Vec<&str> = LIST_1.to_vec();
    row2[6..9].copy_from_slice(&["Initial", "Updated", "Last reviewed"]);
    row2[10..12].copy_from_slice(&["URN", "Phase"]);
    let rows = format!(
        r#"<row r="1">{}{}{}</row>{}<row r="3">{}</row>"#,
        inline("A1", "Child"),
        inline("G1", "Date EHC plan issued"),
        inline("K1", "Main education establishment"),
        header_row(2, &row2),
        inline("A3", "FICT-000001"),
    );
    let merges = r#"<mergeCells count="3"><mergeCell ref="A1:F1"/><mergeCell ref="G1:I1"/><mergeCell ref="K1:L1"/></mergeCells>"#;
    let wb = read_workbook("two-row.xlsx", &xlsx_with_sheet(&rows, merges), ReadOptions::default()).unwrap();
    let report = check_full(wb);
    let list = &report.summary.lists[0];
    assert_eq!((list.list_id.as_str(), list.rows), ("list-1", 1));
    let missing: Vec<(&str, &str)> = report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("COLUMN-MISSING"))
        .map(|f| (f.rule, f.column.as_deref().unwrap()))
        .collect();
    assert_eq!(
        missing,
        [
            ("COLUMN-MISSING", "Date initial EHC plan issued"),
            ("COLUMN-MISSING", "Date updated EHC plan issued"),
            ("COLUMN-MISSING", "Date EHC plan last reviewed"),
        ]
    );
}

#[test]
fn formulas_keep_their_cached_values_and_errors_become_findings() {
    let mut rows = header_row(1, &LIST_1);
    rows.push_str(&format!(
        r#"<row r="2">{}<c r="D2" t="e"><f>VLOOKUP(A2,X:Y,2,0)</f><v>#N/A</v></c><c r="O2"><f>1+1</f><v>2</v></c><c r="P2" t="e"><f>#REF!+1</f><v>#REF!</v></c><c r="Q2" t="e"><v>#DIV/0!</v></c><c r="E2" t="str"><f>"a) "&amp;"Male"</f><v>a) Male</v></c></row>"#,
        inline("A2", "FICT-000001")
    ));
    let wb = read_workbook("formulas.xlsx", &xlsx_with_sheet(&rows, ""), ReadOptions::default()).unwrap();
    let sheet = &wb.sheets[0];
    assert_eq!(sheet.cell(1, 3), &Cell::Error("#N/A".into()));
    assert_eq!(sheet.cell(1, 4), &Cell::Text("a) Male".into()));
    assert_eq!(sheet.cell(1, 14), &Cell::Number(2.0));
    assert_eq!(sheet.cell(1, 15), &Cell::Error("#REF!".into()));
    assert_eq!(sheet.cell(1, 16), &Cell::Error("#DIV/0!".into()));
    let report = check_full(wb);
    let errors: Vec<(&str, Option<u32>, Option<&str>)> = report
        .findings
        .iter()
        .filter(|f| matches!(f.rule, "CELL-ERROR" | "DATE-UNREADABLE"))
        .map(|f| (f.rule, f.row, f.column.as_deref()))
        .collect();
    assert_eq!(
        errors,
        [
            ("CELL-ERROR", Some(2), Some("Date of birth")),
            ("CELL-ERROR", Some(2), Some("Permanent exclusions")),
            ("CELL-ERROR", Some(2), Some("Absence")),
            // Reported once: the date rules leave spreadsheet errors to CELL-ERROR.
        ]
    );
    assert!(report.findings.iter().all(|f| !f.message.contains('#')), "findings never repeat cell values");
}

#[test]
fn dates_as_text_and_serials_in_one_column() {
    let mut rows = header_row(1, &LIST_1);
    let dobs = [
        r#"<c r="D2" s="1"><v>41702</v></c>"#.to_string(), // a date cell: 04/03/2014
        r#"<c r="D3"><v>41702</v></c>"#.to_string(),       // the same serial, unformatted
        inline("D4", "04/03/2014"),
        inline("D5", "2014-03-04"),
        inline("D6", "3/14/2014"),                       // month first
        inline("D7", "04/03/14"),                        // two-digit year
        inline("D8", "31/02/2014"),                      // impossible
        inline("D9", "last spring"),                     // unreadable
        r#"<c r="D10" s="1"><v>60</v></c>"#.to_string(), // Excel's 29/02/1900
    ];
    for (i, dob) in dobs.iter().enumerate() {
        let r = i + 2;
        rows.push_str(&format!(r#"<row r="{r}">{}{dob}</row>"#, inline(&format!("A{r}"), &format!("FICT-{r}"))));
    }
    let wb = read_workbook("dates.xlsx", &xlsx_with_sheet(&rows, ""), ReadOptions::default()).unwrap();
    let sheet = &wb.sheets[0];
    assert_eq!(sheet.cell(1, 3), &Cell::Date(date(2014, 3, 4)));
    assert_eq!(sheet.cell(2, 3), &Cell::Number(41702.0));
    assert_eq!(sheet.cell(3, 3), &Cell::Text("04/03/2014".into()));
    assert_eq!(sheet.cell(9, 3), &Cell::InvalidDate(60.0));
    let report = check_full(wb);
    let dates: Vec<(&str, u32)> =
        report.findings.iter().filter(|f| f.rule.starts_with("DATE-")).map(|f| (f.rule, f.row.unwrap())).collect();
    assert_eq!(
        dates,
        [
            ("DATE-AMBIGUOUS", 6),
            ("DATE-AMBIGUOUS", 7),
            ("DATE-IMPOSSIBLE", 8),
            ("DATE-UNREADABLE", 9),
            ("DATE-IMPOSSIBLE", 10)
        ]
    );
}

fn ods(content_body: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{content_body}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_of(&[
        Part::stored("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        Part::stored("META-INF/manifest.xml", manifest),
        Part::stored("content.xml", content),
    ])
}

fn ods_text(text: &str) -> String {
    format!(r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#)
}

#[test]
fn ods_with_repeats_covered_cells_and_a_trailing_million_empty_rows() {
    // What LibreOffice writes: a title merged over two columns (the second a covered cell), blank
    // rows as one repeated row, a header cell repeated, a date, and the rest of the sheet as a
    // million empty rows of 1024 empty cells.
    let body = format!(
        r#"<table:table table:name="Notes"><table:table-row>{}</table:table-row></table:table><table:table table:name="List 1"><table:table-row><table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Title</text:p></table:table-cell><table:covered-table-cell/></table:table-row><table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row><table:table-row>{}{}<table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>Gender</text:p></table:table-cell></table:table-row><table:table-row>{}<table:table-cell office:value-type="date" office:date-value="2014-03-04"><text:p>04/03/2014</text:p></table:table-cell><table:table-cell table:number-columns-repeated="3"/>{}</table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#,
        ods_text("Read me"),
        ods_text("Unique ID"),
        ods_text("Date of birth"),
        ods_text("FICT-1"),
        ods_text("late"),
    );
    let started = Instant::now();
    let wb = read_workbook("odd.ods", &ods(&body), ReadOptions::default()).unwrap();
    assert_eq!(wb.format, FileFormat::Ods);
    assert_eq!(wb.sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Notes", "List 1"]);
    let sheet = &wb.sheets[1];
    assert_eq!(sheet.n_rows(), 6, "trailing empty rows are dropped");
    assert_eq!(sheet.cell(0, 0), &Cell::Text("Title".into()));
    assert_eq!(sheet.cell(4, 2), &Cell::Text("Gender".into()));
    assert_eq!(sheet.cell(4, 3), &Cell::Text("Gender".into()), "a repeated cell fills each column");
    assert_eq!(sheet.cell(5, 1), &Cell::Date(date(2014, 3, 4)));
    assert_eq!(sheet.cell(5, 5), &Cell::Text("late".into()));
    assert_quick(started, "odd ods");
}

// ---- Text files ----

#[test]
fn utf16_csv_with_a_bom_is_decoded() {
    for (bom, encode) in
        [(&[0xFF, 0xFE][..], u16::to_le_bytes as fn(u16) -> [u8; 2]), (&[0xFE, 0xFF][..], u16::to_be_bytes)]
    {
        let mut bytes = bom.to_vec();
        bytes.extend("Unique ID\tGender\r\nFICT-1\tb) Female\r\n".encode_utf16().flat_map(encode));
        let wb = read_workbook("unicode.csv", &bytes, ReadOptions::default()).unwrap();
        assert_eq!(wb.format, FileFormat::Csv);
        assert_eq!(wb.sheets[0].cell(1, 1), &Cell::Text("b) Female".into()));
    }
    // Without a BOM, UTF-16 is not text this checker can guess.
    let bytes: Vec<u8> = "Unique ID,Gender\r\nFICT-1,b) Female\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let err = read_workbook("unicode.csv", &bytes, ReadOptions::default()).unwrap_err();
    assert_eq!(err, WorkbookError::NotText { file: "unicode.csv".into() });
    assert!(err.to_string().starts_with("“unicode.csv” is not a text CSV file"));
}

#[test]
fn csv_with_nul_bytes() {
    // One stray NUL stays inside its cell; a file padded with NULs (a cut-off copy) is not text.
    let wb = read_workbook("nul.csv", b"Unique ID,Gender\nFICT-1\0,a) Male\n", ReadOptions::default()).unwrap();
    assert_eq!(wb.sheets[0].cell(1, 0), &Cell::Text("FICT-1\0".into()));
    let mut padded = b"Unique ID,Gender\nFICT-1,a) Male\n".to_vec();
    padded.extend([0u8; 4096]);
    let err = read_workbook("padded.csv", &padded, ReadOptions::default()).unwrap_err();
    assert!(matches!(err, WorkbookError::NotText { .. }), "{err:?}");
    assert!(err.to_string().starts_with("“padded.csv”"));
}

// ---- Missing or foreign content ----

#[test]
fn workbook_with_no_sheets_loads_empty_and_the_lists_are_not_found() {
    let no_sheets = |xml: String| {
        let start = xml.find("<sheets>").unwrap();
        let end = xml.find("</sheets>").unwrap() + "</sheets>".len();
        format!("{}<sheets/>{}", &xml[..start], &xml[end..])
    };
    let mut parts = base_parts();
    let workbook = parts.iter_mut().find(|p| p.name == "xl/workbook.xml").unwrap();
    *workbook = Part::stored("xl/workbook.xml", no_sheets(String::from_utf8(workbook.data.clone()).unwrap()));
    let wb = read_workbook("none.xlsx", &zip_of(&parts), ReadOptions::default()).unwrap();
    assert!(wb.sheets.is_empty());
    assert_eq!(check_full(wb).summary.lists_not_found, ["list-1", "list-2"]);
}

#[test]
fn workbook_pointing_at_a_missing_sheet_part_is_corrupt() {
    let parts: Vec<Part> = base_parts().into_iter().filter(|p| p.name != SHEET).collect();
    let err = read_workbook("missing.xlsx", &zip_of(&parts), ReadOptions::default()).unwrap_err();
    assert!(matches!(err, WorkbookError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().starts_with("“missing.xlsx” looks like a spreadsheet but could not be read"), "{err}");
    // A sheet whose relationship is gone.
    let mut parts = base_parts();
    let workbook = parts.iter_mut().find(|p| p.name == "xl/workbook.xml").unwrap();
    let xml = String::from_utf8(workbook.data.clone()).unwrap().replace(r#"r:id="rId1""#, r#"r:id="rId99""#);
    *workbook = Part::stored("xl/workbook.xml", xml);
    let err = read_workbook("norel.xlsx", &zip_of(&parts), ReadOptions::default()).unwrap_err();
    assert!(matches!(err, WorkbookError::Corrupt { .. }), "{err:?}");
}

#[test]
fn html_table_saved_as_xls_says_to_save_as_xlsx() {
    let tables: [&[u8]; 5] = [
        b"<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><body><table><tr><td>Unique ID</td><td>Gender</td></tr></table></body></html>",
        b"\xEF\xBB\xBF<!DOCTYPE html><html><table><tr><td>Unique ID</td></tr></table></html>",
        b"\r\n  <table border=1><tr><th>Unique ID</th><th>Name, known as</th></tr><tr><td>FICT-1</td><td>A, B</td></tr></table>",
        b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"><style>td{}</style><table><tr><td>x</td></tr></table>",
        b"<?xml version=\"1.0\"?>\r\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><table/></body></html>",
    ];
    for bytes in tables {
        let err = read_workbook("export.xls", bytes, ReadOptions::default()).unwrap_err();
        assert!(matches!(err, WorkbookError::SaveAsXlsx { looks_like: "a web page (HTML)", .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "“export.xls” is really a web page (HTML) with a spreadsheet name, as some systems export lists, so it cannot be read directly. Open it in Excel, save it as an Excel Workbook (.xlsx), and choose the new file."
        );
    }
    let spreadsheet_ml = b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet ss:Name=\"List 1\"/></Workbook>";
    let err = read_workbook("export.xls", spreadsheet_ml, ReadOptions::default()).unwrap_err();
    assert!(matches!(err, WorkbookError::SaveAsXlsx { looks_like: "an XML Spreadsheet 2003 file", .. }), "{err:?}");
    assert!(err.to_string().starts_with("“export.xls” is really an XML Spreadsheet 2003 file"), "{err}");
}

#[test]
fn ods_whose_repeats_expand_past_the_cell_cap() {
    // 1 KB of content.xml: a row 16,384 cells wide, then a row repeated 6,000 times. calamine
    // expands it to 98 million cells before returning (6 GB and half a minute, measured), so the
    // loader estimates the expansion from content.xml and refuses first.
    let body = format!(
        r#"<table:table table:name="List 1"><table:table-row>{}<table:table-cell table:number-columns-repeated="16382"/>{}</table:table-row><table:table-row table:number-rows-repeated="6000">{}</table:table-row></table:table>"#,
        ods_text("Unique ID"),
        ods_text("far"),
        ods_text("FICT-1"),
    );
    let started = Instant::now();
    let err = read_workbook("wide.ods", &ods(&body), ReadOptions::default()).unwrap_err();
    assert_eq!(err, WorkbookError::TooLarge { file: "wide.ods".into(), cells: 6001 * 16384, limit: MAX_CELLS });
    assert!(err.to_string().starts_with("“wide.ods” has about 98320384 cells"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert_quick(started, "ods repeats");
}

/// A sheet 16,384 columns wide (Excel's most) with a few rows: List 1's headers then extra ones.
fn wide_rows(first_headers: &[String]) -> Vec<Vec<Value>> {
    let mut header: Vec<Value> = first_headers.iter().map(|h| Value::Text(h.clone())).collect();
    header.extend((header.len()..16_384).map(|c| Value::Text(format!("Extra {c}"))));
    let mut rows = vec![header];
    for r in 1..=3 {
        rows.push((0..16_384).map(|c| Value::Text(format!("r{r}c{c}"))).collect());
    }
    rows
}

fn csv_of(rows: &[Vec<Value>]) -> Vec<u8> {
    let text = |v: &Value| match v {
        Value::Text(t) => t.clone(),
        _ => String::new(),
    };
    rows.iter().map(|r| r.iter().map(text).collect::<Vec<_>>().join(",") + "\n").collect::<String>().into_bytes()
}

#[test]
fn a_sheet_16384_columns_wide_gets_findings_naming_the_file_and_sheet_not_a_freeze() {
    use area_send_core::checks::session::{self, CheckRequest, InputFile};
    let p = profile("full-2025").unwrap();
    let names: Vec<String> = p.list("list-1").unwrap().columns.iter().map(|c| c.name.clone()).collect();
    let listed = wide_rows(&names);
    let unknown = wide_rows(&[]);
    let files = [
        ("wide list1.xlsx", xlsx_from_rows(&[("List 1", listed.clone())]).unwrap()),
        ("wide list1.csv", csv_of(&listed)),
        ("wide other.xlsx", xlsx_from_rows(&[("Other", unknown)]).unwrap()),
    ];
    let started = Instant::now();
    let request = CheckRequest::new("full-2025", date(2025, 11, 20));
    let inputs = files.iter().map(|(name, bytes)| InputFile { name: (*name).into(), bytes: Ok(bytes.clone()) });
    let outcome = session::run(&request, inputs, files.len(), &mut |_| {}).unwrap();
    assert_quick(started, "three files 16,384 columns wide");
    // List 1 is found in both of its files, every column matched and the rest left unmatched.
    for (file, sheet) in [("wide list1.xlsx", "List 1"), ("wide list1.csv", "wide list1")] {
        let m = outcome.mapping.sheet(file, sheet).unwrap_or_else(|| panic!("{file} mapped"));
        assert_eq!((m.list.as_deref(), m.missing.len()), (Some("list-1"), 0), "{file}");
        assert_eq!(m.unmapped.len(), 16_384 - names.len());
        let summary = outcome.report.summary.lists.iter().find(|l| l.file == file).expect("a summary of the list");
        assert_eq!((summary.sheet.as_str(), summary.rows), (sheet, 3));
        // Its findings (made-up values in every column) each say the file and sheet.
        let found: Vec<_> = outcome.all_findings().filter(|f| &*f.file == file).collect();
        assert!(!found.is_empty(), "{file} has made-up values to find");
        assert!(found.iter().all(|f| f.sheet.as_deref() == Some(sheet)), "{file}: {found:?}");
    }
    // The sheet of 16,384 unknown headers holds no list, and is not checked as one.
    assert_eq!(outcome.mapping.sheet("wide other.xlsx", "Other").map(|m| m.list.clone()), Some(None));
    assert!(outcome.report.summary.lists.iter().all(|l| l.file != "wide other.xlsx"));
}
