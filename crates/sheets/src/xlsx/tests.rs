use std::io::Write;

use proptest::prelude::*;

use super::parts::{builtin_format_is_date, custom_format_is_date};
use super::*;
use crate::calamine_bridge::read as read_with_calamine;
use crate::sheet::Tracker;
use crate::{Cell, MAX_CELLS, ReadOptions, WorkbookError};

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Styles: 0 general, 1 built-in date (14), 2 custom UK date, 3 duration, 4 custom number.
const STYLES: &str = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/><numFmt numFmtId="166" formatCode="&quot;£&quot;#,##0.00"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs><dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="0.0"/></dxf></dxfs></styleSheet>"#;

/// A workbook package: each sheet as (name, the XML inside <worksheet>), and the shared strings.
fn package(sheets: &[(&str, String)], shared: &[&str], date1904: bool, deflate: bool) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let method = if deflate { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    let mut put = |name: &str, text: &str| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    put(
        "_rels/.rels",
        &format!(
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        ),
    );
    let mut rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>"#
    );
    let mut book = format!(
        r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr{}/><sheets>"#,
        if date1904 { r#" date1904="1""# } else { "" }
    );
    for (i, (name, _)) in sheets.iter().enumerate() {
        rels += &format!(r#"<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>"#);
        book += &format!(r#"<sheet name="{name}" sheetId="{}" r:id="rId{i}"/>"#, i + 1);
    }
    put("xl/_rels/workbook.xml.rels", &(rels + "</Relationships>"));
    put("xl/workbook.xml", &(book + "</sheets></workbook>"));
    put("xl/styles.xml", STYLES);
    put(
        "xl/sharedStrings.xml",
        &format!(r#"<sst xmlns="{MAIN}" uniqueCount="{}">{}</sst>"#, shared.len(), shared.concat()),
    );
    for (i, (_, xml)) in sheets.iter().enumerate() {
        put(&format!("xl/worksheets/sheet{i}.xml"), &format!(r#"<?xml version="1.0" encoding="UTF-8"?>{xml}"#));
    }
    zip.finish().unwrap().into_inner()
}

fn worksheet(rows: &str) -> String {
    format!(
        r#"<worksheet xmlns="{MAIN}"><dimension ref="A1:C3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>{rows}</sheetData><pageMargins left="0.7"/></worksheet>"#
    )
}

fn ours(bytes: &[u8]) -> Result<Workbook, Stop> {
    read("test.xlsx", bytes, MAX_CELLS, &mut Tracker::new(&mut |_| {}))
}

fn calamine(bytes: &[u8]) -> Workbook {
    read_with_calamine("test.xlsx".into(), bytes, FileFormat::Xlsx, MAX_CELLS, &mut Tracker::new(&mut |_| {}))
        .expect("calamine reads it")
}

/// Our reader reads the file (it does not hand it to calamine) and gets what calamine gets.
fn same_as_calamine(bytes: &[u8]) -> Workbook {
    let Ok(ours) = ours(bytes) else { panic!("our reader gave up on a workbook it should read") };
    assert_eq!(ours, calamine(bytes));
    ours
}

const SHARED: &[&str] = &[
    "<si><t>Unique ID</t></si>",
    "<si><t>Autism &amp; ASD &lt;confirmed&gt; &#233;&#x2013;</t></si>",
    r#"<si><t xml:space="preserve">  padded  </t></si>"#,
    "<si><t>  trimmed\n </t></si>",
    "<si><t>line_x000D__x000A_break _x0041_ _xD83D__xDE00_ _xD800_ _x12_</t></si>",
    r#"<si><r><rPr><b/></rPr><t>Rich</t></r><r><t xml:space="preserve"> text</t></r><rPh sb="0" eb="1"><t>phonetic</t></rPh></si>"#,
    "<si/>",
    "<si><t/></si>",
    "<si><t>   </t></si>",
    "<si><t>Zoë Ōkubo</t></si>",
    "<si><t>two\r\nlines\rand &#13;&#10;kept</t></si>",
];

#[test]
fn every_kind_of_cell_reads_as_calamine_reads_it() {
    let rows = [
        r#"<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c><c r="I1" t="s"><v>8</v></c><c r="J1" t="s"><v>9</v></c><c r="K1" t="s"><v>10</v></c></row>"#,
        // Numbers, dates in three formats, a duration, a currency, booleans, errors.
        r#"<row r="2"><c r="A2"><v>42</v></c><c r="B2" s="0"><v>-3.75</v></c><c r="C2" s="1"><v>45000</v></c><c r="D2" s="2"><v>37211.5</v></c><c r="E2" s="3"><v>1.25</v></c><c r="F2" s="4"><v>12.5</v></c><c r="G2" t="b"><v>1</v></c><c r="H2" t="b"><v>false</v></c><c r="I2" t="e"><v>#N/A</v></c><c r="J2" t="n"><v>1.5E-3</v></c><c r="K2" s="1"><v>60</v></c><c r="L2" s="1"><v>0</v></c><c r="M2" s="9"><v>7</v></c><c r="N2"><v> 5</v></c><c r="O2"><v>1.</v></c><c r="P2"><v>n/a</v></c></row>"#,
        // Formulas with cached values, text formulas, inline strings, ISO dates, blanks.
        r#"<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3" t="str"><f>A1&amp;"x"</f><v>Unique IDx &amp; more_x0009_</v></c><c r="C3" t="inlineStr"><is><t>inline &quot;text&quot;</t></is></c><c r="D3" t="inlineStr"><is><r><t>two</t></r><r><t xml:space="preserve"> runs </t></r></is></c><c r="E3" t="d"><v>2024-09-01T00:00:00</v></c><c r="F3" s="1"/><c r="G3"><v></v></c><c r="H3" t="s"><v></v></c><c r="I3" t="str"><v>   </v></c><c r="J3"><f t="shared" ref="J3:J4" si="0">A3*2</f><v>4</v></c></row>"#,
        // Cells and rows without positions, a self-closing row, a row further down.
        r#"<row><c t="s"><v>9</v></c><c/><c><v>8</v></c></row><row r="7" spans="1:1"/><row><c r="C9"><v>9</v></c><c><v>10</v></c></row><row r="12"><c r="AB12" t="b"><v> 0 </v></c></row>"#,
    ];
    let bytes =
        package(&[("List 1 &amp; more", worksheet(&rows.concat())), ("Empty", worksheet(""))], SHARED, false, true);
    let book = same_as_calamine(&bytes);
    // The comparison means something only if the cells are what they should be.
    let sheet = &book.sheets[0];
    assert_eq!(sheet.name, "List 1 & more");
    assert_eq!(sheet.cell(0, 1), &Cell::text("Autism & ASD <confirmed> é–"));
    assert_eq!(sheet.cell(0, 2), &Cell::text("  padded  "));
    assert_eq!(sheet.cell(0, 4), &Cell::text("line\r\nbreak A 😀 \u{fffd} _x12_"));
    assert_eq!(sheet.cell(0, 5), &Cell::text("Rich text"));
    assert_eq!(sheet.cell(0, 10), &Cell::text("two\nlines\nand \r\nkept"));
    assert_eq!(sheet.cell(1, 2), &Cell::Date(NaiveDate::from_ymd_opt(2023, 3, 15).unwrap()));
    assert_eq!(sheet.cell(1, 3), &Cell::Date(NaiveDate::from_ymd_opt(2001, 11, 16).unwrap()));
    assert_eq!(sheet.cell(1, 4), &Cell::Number(1.25));
    assert_eq!(sheet.cell(1, 8), &Cell::Error("#N/A".into()));
    assert_eq!(sheet.cell(1, 13), &Cell::text(" 5"));
    assert_eq!(sheet.cell(1, 15), &Cell::text("n/a"));
    assert_eq!(sheet.cell(2, 1), &Cell::text("Unique IDx & more\t"));
    assert_eq!(sheet.cell(3, 0), &Cell::text("Zoë Ōkubo"));
    assert_eq!(sheet.cell(3, 2), &Cell::Number(8.0));
    assert_eq!(sheet.cell(8, 2), &Cell::Number(9.0));
    // A cell without a position goes in the row being read, whatever the cell before it said.
    assert_eq!(sheet.cell(7, 3), &Cell::Number(10.0));
    assert_eq!(sheet.cell(11, 27), &Cell::Bool(false));
    assert!(book.sheets[1].is_empty());
}

use chrono::NaiveDate;

#[test]
fn dates_count_from_1904_when_the_workbook_says_so() {
    let rows = r#"<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="2"><v>43000</v></c></row>"#;
    let book = same_as_calamine(&package(&[("S", worksheet(rows))], SHARED, true, false));
    assert_eq!(book.date_system, DateSystem::Excel1904);
    assert_eq!(book.sheets[0].cell(0, 0), &Cell::Date(NaiveDate::from_ymd_opt(1904, 1, 1).unwrap()));
}

#[test]
fn prefixed_elements_as_some_exporters_write_them() {
    let xml = format!(
        r#"<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>5</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"#
    );
    let book = same_as_calamine(&package(&[("S", xml)], SHARED, false, true));
    assert_eq!(book.sheets[0].cell(0, 1), &Cell::Number(5.0));
    assert_eq!(book.sheets[0].cell(1, 0), &Cell::text("x"));
}

#[test]
fn rows_longer_than_a_chunk_and_a_header_before_the_data() {
    // One row of 30,000 cells (over 256 KB of XML), so a row crosses the chunks read.
    let cells: String =
        (0..30_000).map(|i| format!(r#"<c r="{}1" t="s"><v>{}</v></c>"#, column_name(i % 16_000), i % 10)).collect();
    let rows = format!(r#"<row r="1">{cells}</row><row r="2"><c r="A2"><v>1</v></c></row>"#);
    let header = format!(
        r#"<worksheet xmlns="{MAIN}"><cols>{}</cols><sheetData>{rows}</sheetData></worksheet>"#,
        r#"<col min="1" max="1" width="9"/>"#.repeat(20_000)
    );
    same_as_calamine(&package(&[("S", header)], SHARED, false, true));
}

fn column_name(mut i: usize) -> String {
    let mut name = Vec::new();
    i += 1;
    while i > 0 {
        name.push(b'A' + ((i - 1) % 26) as u8);
        i = (i - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap()
}

#[test]
fn what_it_does_not_handle_goes_to_calamine() {
    for rows in [
        r#"<row r="1"><!-- a comment --><c r="A1"><v>1</v></c></row>"#,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row>"#,
        r#"<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>"#,
        r#"<row r="1"><c r="A1" t="n"><v>five</v></c></row>"#,
        r#"<row r="1"><c r="A1" t="x"><v>5</v></c></row>"#,
        r#"<row r="1"><c r="A1"><extLst/></c></row>"#,
    ] {
        let bytes = package(&[("S", worksheet(rows))], SHARED, false, false);
        assert!(matches!(ours(&bytes), Err(Stop::Unsupported)), "{rows}");
        assert_eq!(
            crate::read_workbook("test.xlsx", &bytes, ReadOptions::default()).map_err(|e| e.to_string()),
            read_with_calamine("test.xlsx".into(), &bytes, FileFormat::Xlsx, MAX_CELLS, &mut Tracker::new(&mut |_| {}))
                .map_err(|e| e.to_string())
        );
    }
}

#[test]
fn workbooks_from_other_writers_read_as_calamine_reads_them() {
    // Made by tests/fixtures/make_fixtures.py (openpyxl) and make_sheetjs_fixture.mjs (SheetJS).
    let openpyxl = same_as_calamine(include_bytes!("../../../../tests/fixtures/written_by_openpyxl.xlsx"));
    let list = &openpyxl.sheets[0];
    assert_eq!((list.name.as_str(), list.n_rows(), openpyxl.sheets[1].name.as_str()), ("List 1 & EHC", 40, "Hidden"));
    assert_eq!(list.cell(1, 1), &Cell::Date(NaiveDate::from_ymd_opt(2010, 2, 2).unwrap()));
    assert_eq!(list.cell(5, 5), &Cell::text("  spaced  "));
    assert_eq!(list.cell(3, 9), &Cell::text("line one\nline two"));
    let text_in_cells = same_as_calamine(include_bytes!("../../../../tests/fixtures/written_by_sheetjs.xlsx"));
    let shared = same_as_calamine(include_bytes!("../../../../tests/fixtures/written_by_sheetjs_shared.xlsx"));
    assert_eq!(text_in_cells.sheets, shared.sheets);
    let list = &shared.sheets[0];
    assert_eq!(list.cell(7, 5), &Cell::text("Tom & Jerry <x>"));
    assert_eq!(list.cell(2, 8), &Cell::Error("#N/A".into()));
}

#[test]
fn a_part_named_in_another_case_goes_to_calamine() {
    // calamine finds "xl/Styles.xml" for "xl/styles.xml"; read without it, dates would be numbers.
    let rows = r#"<row r="1"><c r="A1" s="1"><v>45000</v></c></row>"#;
    let bytes = package(&[("S", worksheet(rows))], SHARED, false, true);
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    let mut renamed = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).unwrap();
        let name = entry.name().unwrap().replace("styles.xml", "Styles.xml");
        renamed.raw_copy_file_rename(entry, name).unwrap();
    }
    let bytes = renamed.finish().unwrap().into_inner();
    assert!(matches!(ours(&bytes), Err(Stop::Unsupported)));
    let book = crate::read_workbook("test.xlsx", &bytes, ReadOptions::default()).unwrap();
    assert_eq!(book.sheets[0].cell(0, 0), &Cell::Date(NaiveDate::from_ymd_opt(2023, 3, 15).unwrap()));
}

#[test]
fn the_cell_cap_is_the_same_as_with_calamine() {
    let rows: String =
        (1..=10).map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>1</v></c></row>"#)).collect();
    let bytes = package(&[("S", worksheet(&rows))], SHARED, false, true);
    let limited = |bytes: &[u8]| crate::read_workbook("test.xlsx", bytes, ReadOptions::default().max_cells(7));
    let Err(WorkbookError::TooLarge { cells, limit: 7, .. }) = limited(&bytes) else { panic!("not refused") };
    assert_eq!(cells, 8);
    assert!(matches!(
        read_with_calamine("test.xlsx".into(), &bytes, FileFormat::Xlsx, 7, &mut Tracker::new(&mut |_| {})),
        Err(WorkbookError::TooLarge { cells: 8, .. })
    ));
}

#[test]
fn custom_number_formats_are_dates_as_calamine_decides() {
    for (format, date) in [
        ("dd/mm/yyyy", true),
        ("[$-809]dd mmmm yyyy", true),
        ("h:mm AM/PM", true),
        ("[h]:mm:ss", false),
        ("0.00", false),
        ("\"Date\" 0", false),
        ("#,##0;[Red]-#,##0", false),
        ("General;dd/mm/yy", false),
        ("_-* #,##0_-", false),
    ] {
        assert_eq!(custom_format_is_date(format), date, "{format}");
    }
    // A forged format cannot make the reader panic.
    assert!(!custom_format_is_date(&"[".repeat(300)));
    assert!(
        builtin_format_is_date(b"14")
            && builtin_format_is_date(b"57")
            && !builtin_format_is_date(b"46")
            && !builtin_format_is_date(b"014")
    );
}

/// One generated cell: its XML and the shared strings it may point into.
fn cell_xml(kind: u8, n: u32, at: Option<String>) -> String {
    let r = at.map(|a| format!(r#" r="{a}""#)).unwrap_or_default();
    let shared = SHARED.len() as u32;
    match kind % 10 {
        0 => format!(r#"<c{r} t="s"><v>{}</v></c>"#, n % shared),
        1 => format!(r#"<c{r}><v>{n}</v></c>"#),
        2 => format!(r#"<c{r} s="{}"><v>{}.{}</v></c>"#, n % 5, n % 60_000, n % 97),
        3 => format!(r#"<c{r} t="b"><v>{}</v></c>"#, n % 2),
        4 => format!(r#"<c{r} t="str"><f>X</f><v>v{n} &amp; _x0041_</v></c>"#),
        5 => format!(r#"<c{r} t="inlineStr"><is><t xml:space="preserve"> {n} </t></is></c>"#),
        6 => format!(r#"<c{r} s="1"/>"#),
        7 => format!(r#"<c{r} t="e"><v>{}</v></c>"#, ["#DIV/0!", "#REF!", "#VALUE!"][n as usize % 3]),
        8 => format!(r#"<c{r}><v>-{n}E-2</v></c>"#),
        _ => String::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any grid of the kinds of cells spreadsheet programs write, with or without positions,
    /// with or without a prefix, reads exactly as calamine reads it.
    #[test]
    fn generated_sheets_read_as_calamine_reads_them(
        grid in prop::collection::vec(prop::collection::vec((0u8..10, 0u32..1_000_000), 0..12), 0..40),
        positions in any::<bool>(),
        skip in 0u32..3,
    ) {
        let mut rows = String::new();
        let mut r = 0u32;
        for row in &grid {
            r += 1 + (skip * (r % 2));
            let cells: String = row.iter().enumerate().map(|(c, &(kind, n))| {
                cell_xml(kind, n, positions.then(|| format!("{}{r}", column_name(c * (1 + skip as usize)))))
            }).collect();
            rows += &if positions { format!(r#"<row r="{r}">{cells}</row>"#) } else { format!("<row>{cells}</row>") };
        }
        let bytes = package(&[("S", worksheet(&rows))], SHARED, skip == 2, true);
        let ours = ours(&bytes);
        prop_assert!(ours.is_ok(), "our reader gave up");
        prop_assert_eq!(ours.ok().unwrap(), calamine(&bytes));
    }
}

/// Every progress report of reading `bytes` as (sheet, rows, done, total).
fn progress_of(name: &str, bytes: &[u8]) -> Vec<(String, usize, u64, u64)> {
    let mut seen = Vec::new();
    let mut on_progress = |p: &crate::ReadProgress<'_>| seen.push((p.sheet.to_string(), p.rows, p.done, p.total));
    crate::read_workbook(name, bytes, ReadOptions::default().on_progress(&mut on_progress)).expect("reads");
    seen
}

/// Reports only ever move forward (as a share of the file) and the last is the whole file.
fn assert_forward_to_the_end(seen: &[(String, usize, u64, u64)]) {
    assert!(seen.windows(2).all(|w| w[0].2 as u128 * w[1].3 as u128 <= w[1].2 as u128 * w[0].3 as u128), "{seen:?}");
    let (_, _, done, total) = seen.last().expect("a report at the end");
    assert_eq!(done, total);
}

/// `n` rows of three cells, about 120 bytes of XML each.
fn long_sheet(n: usize) -> String {
    let rows: String = (1..=n)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="B{r}"><v>{r}</v></c><c r="C{r}"><v>2.5</v></c></row>"#))
        .collect();
    format!(r#"<worksheet xmlns="{MAIN}"><dimension ref="A1:C{n}"/><sheetData>{rows}</sheetData></worksheet>"#)
}

#[test]
fn progress_is_a_share_of_the_sheets_xml_that_only_grows_and_reaches_the_end() {
    // Two sheets, 1.2 MB and 0.6 MB of XML: several reports each, counted over both.
    let bytes = package(&[("First", long_sheet(10_000)), ("Second", long_sheet(5_000))], SHARED, false, true);
    let seen = progress_of("two.xlsx", &bytes);
    assert_forward_to_the_end(&seen);
    let total = seen[0].3;
    assert!(seen.iter().all(|s| s.3 == total), "one total for the file");
    // The total is the XML the zip declares (about 120 bytes a row), not the compressed file.
    assert!(total > 1_500_000 && total > 5 * bytes.len() as u64, "{total} of {} bytes", bytes.len());
    let first: Vec<_> = seen.iter().filter(|s| s.0 == "First").collect();
    let second: Vec<_> = seen.iter().filter(|s| s.0 == "Second").collect();
    assert!(first.len() >= 3 && second.len() >= 2, "{seen:?}");
    // Halfway through the first sheet is about a third of the file, with its rows counted.
    let middle = first.iter().find(|s| s.1 >= 4_000).expect("a report mid-sheet");
    assert!(middle.2 * 100 / total < 50 && middle.1 < 10_000, "{middle:?}");
    assert!(second.iter().all(|s| s.2 * 3 >= total * 2 - total / 50), "the second sheet is the last third");
    assert_eq!(seen.last().map(|s| (s.0.as_str(), s.1)), Some(("Second", 5_000)));
}

#[test]
fn progress_through_calamine_counts_sheets_and_declared_rows_and_never_goes_back() {
    // A comment (<!-- -->) makes our reader hand the file to calamine after it has read some of it.
    let late = long_sheet(8_000).replace("</sheetData>", "<!-- late --></sheetData>");
    let bytes = package(&[("Only", late)], SHARED, false, true);
    assert!(matches!(ours(&bytes), Err(Stop::Unsupported)));
    let seen = progress_of("late.xlsx", &bytes);
    assert_forward_to_the_end(&seen);
    assert!(seen.len() >= 3, "reports while calamine reads too: {seen:?}");
    let mut fresh = Vec::new();
    let mut on_progress = |p: &crate::ReadProgress<'_>| fresh.push((p.rows, p.done, p.total));
    read_with_calamine("c.xlsx".into(), &bytes, FileFormat::Xlsx, MAX_CELLS, &mut Tracker::new(&mut on_progress))
        .unwrap();
    // Rows of the declared A1:C8000, a batch of 4,096 cells at a time.
    assert!(fresh.len() >= 4 && fresh.windows(2).all(|w| w[0].1 < w[1].1), "{fresh:?}");
    assert!(fresh.iter().any(|p| (p.1 * 100 / p.2).abs_diff(p.0 as u64 * 100 / 8_000) <= 1 && p.0 > 2_000));
}
