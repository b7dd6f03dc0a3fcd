//! A small SpreadsheetML (.xlsx) writer of our own, for the two simple workbooks the toolkit makes:
//! table exports (`export::xlsx`) and the fictional example lists (`checks::example_data`).
//!
//! Why not rust_xlsxwriter: the release wasm was over its 1 MB gzip budget, and
//! `Workbook::save_to_buffer` alone retained 366 KB of it (plus zopfli) for features we never
//! used. Like `export::docx`, this writes the few XML parts itself, packed by `write::zip`.
//!
//! What it writes: several sheets of text, numbers, dates (real date cells: an Excel serial
//! number styled `dd/mm/yyyy`), true/false and error values, a bold style, a wrapped top-aligned
//! style, three fills (a marked-up copy's problem cells), column widths and frozen header rows. Text always goes to the shared-strings table (Excel's own way, and what
//! calamine's streaming reader expects), so no text can ever become a formula. Rows are written
//! in order, straight into the sheet's XML, so a 100,000-row sheet needs no per-cell objects.
//!
//! A leaf module: it uses nothing else in the crate but `write::zip`, so every layer may use it.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::write::package::{self, Properties};
use crate::write::xml;
use crate::write::zip::{Deflating, ZipWriter};

/// Excel's limits: rows and columns per sheet, characters per cell and per sheet name.
pub const MAX_ROWS: u32 = 1_048_576;
pub const MAX_COLUMNS: u32 = 16_384;
pub const MAX_TEXT_CHARS: usize = 32_767;
pub const MAX_SHEET_NAME_CHARS: usize = 31;

/// Why a workbook could not be written. Messages are plain English, written to follow
/// "The Excel file could not be made (…)".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    #[error("the sheet name “{name}” {problem}")]
    SheetName { name: String, problem: &'static str },
    #[error("two sheets are called “{0}”, and Excel needs different names")]
    DuplicateSheetName(String),
    #[error("a workbook needs at least one sheet")]
    NoSheets,
    #[error("the sheet “{sheet}” has more than the {MAX_ROWS} rows Excel allows")]
    TooManyRows { sheet: String },
    #[error("row {row} of the sheet “{sheet}” has more than the {MAX_COLUMNS} columns Excel allows")]
    TooManyColumns { sheet: String, row: u32 },
    #[error(
        "cell {cell} of the sheet “{sheet}” holds more than the {MAX_TEXT_CHARS} characters Excel allows in a cell"
    )]
    TextTooLong { sheet: String, cell: String },
    #[error("cell {cell} of the sheet “{sheet}” holds the date {date}, outside the years 1900 to 9999 Excel can show")]
    DateOutOfRange { sheet: String, cell: String, date: NaiveDate },
}

/// One cell's value. Empty text is written as a blank cell (left out unless it is filled).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Blank,
    Text(&'a str),
    /// A number. Excel has no NaN or infinity: those are written as the error value `#NUM!`.
    Number(f64),
    /// A real date cell, shown as dd/mm/yyyy whatever the style (a fill is kept).
    Date(NaiveDate),
    /// TRUE or FALSE.
    Bool(bool),
    /// A formula's error value such as `#N/A`; anything not one of Excel's is written as text.
    Error(&'a str),
}

/// How a text or number cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    #[default]
    Plain,
    Bold,
    /// Wrapped and aligned to the top, so long text in a row reads down from the same line.
    WrapTop,
    /// Bold, wrapped and aligned to the top: a header row over wrapped columns.
    BoldWrapTop,
    /// A solid background fill, marking a cell with a problem.
    Filled(Fill),
}

/// A light background colour, dark text staying readable on each (contrast over 12:1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Red,
    Yellow,
    Blue,
}

/// Excel's error values, the only texts a `t="e"` cell may hold.
const ERROR_VALUES: [&str; 8] = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"];

// Indexes into `cellXfs` in styles.xml. The date style is 1: the hostile-file tests hand-write
// `s="1"` for a date cell into our sheets.
const XF_DATE: u8 = 1;

impl Style {
    fn xf(self) -> u8 {
        match self {
            Style::Plain => 0,
            Style::Bold => 2,
            Style::WrapTop => 3,
            Style::BoldWrapTop => 4,
            Style::Filled(fill) => 5 + fill as u8,
        }
    }

    /// The cell format for a date cell in this style: the date style, or a filled date.
    fn date_xf(self) -> u8 {
        match self {
            Style::Filled(fill) => 8 + fill as u8,
            _ => XF_DATE,
        }
    }
}

/// A workbook being written. Add sheets with [`Workbook::add_sheet`], then call
/// [`Workbook::finish`] for the .xlsx bytes.
#[derive(Default)]
pub struct Workbook {
    sheets: Vec<Worksheet>,
    strings: SharedStrings,
    /// "A", "B", … "AA", …: computed once per column, not per cell.
    column_names: Vec<String>,
    properties: Properties,
}

struct Worksheet {
    name: String,
    /// `<row>` elements so far, deflated: the inside of `<sheetData>`.
    rows: Deflating,
    /// The row being written, kept apart so a row with a bad cell leaves nothing.
    row: String,
    /// Rows written so far (the next row's number is one more).
    n_rows: u32,
    /// The widest row, in columns (for `<dimension>`).
    n_columns: u32,
    widths: BTreeMap<u32, f64>,
    /// Rows kept in view while scrolling (0: none).
    frozen_rows: u32,
    /// Printed landscape, scaled to one page wide.
    landscape_fit_width: bool,
    /// The top row is a header: an autofilter over the table, and printed on every page.
    header_row: bool,
    /// `<dataValidation>` elements: drop-down lists on ranges of cells.
    validations: Vec<String>,
}

#[derive(Default)]
struct SharedStrings {
    index: HashMap<String, u32>,
    /// `<si>` elements in index order, deflated: the inside of `<sst>`.
    xml: Deflating,
    /// Cells referring to the table (the `count` attribute; `uniqueCount` is `index.len()`).
    references: u64,
    /// The `<si>` being written, reused: a million findings have about a million texts.
    scratch: String,
}

impl SharedStrings {
    fn index_of(&mut self, text: &str) -> u32 {
        self.references += 1;
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        let i = self.index.len() as u32;
        let si = &mut self.scratch;
        si.clear();
        si.push_str(if needs_preserve(text) { "<si><t xml:space=\"preserve\">" } else { "<si><t>" });
        push_text(si, text);
        si.push_str("</t></si>");
        self.xml.push_str(si);
        self.index.insert(text.to_owned(), i);
        i
    }
}

impl Workbook {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a sheet and returns it for writing rows. Names follow Excel's rules (checked here,
    /// not left for Excel to "repair"): 1–31 characters, none of `[ ] : * ? / \`, no apostrophe
    /// at either end, not "History", and different from every other sheet's ignoring case.
    pub fn add_sheet(&mut self, name: &str) -> Result<Sheet<'_>, WriteError> {
        check_sheet_name(name)?;
        if self.sheets.iter().any(|s| s.name.to_lowercase() == name.to_lowercase()) {
            return Err(WriteError::DuplicateSheetName(name.to_owned()));
        }
        self.sheets.push(Worksheet {
            name: name.to_owned(),
            rows: Deflating::new(),
            row: String::new(),
            n_rows: 0,
            n_columns: 0,
            widths: BTreeMap::new(),
            frozen_rows: 0,
            landscape_fit_width: false,
            header_row: false,
            validations: Vec::new(),
        });
        let index = self.sheets.len() - 1;
        Ok(Sheet { book: self, index })
    }

    /// Sets what the workbook says about itself (`docProps/core.xml`: title, author, dates).
    pub fn set_properties(&mut self, properties: Properties) {
        self.properties = properties;
    }

    /// The workbook as .xlsx bytes.
    pub fn finish(self) -> Result<Vec<u8>, WriteError> {
        if self.sheets.is_empty() {
            return Err(WriteError::NoSheets);
        }
        let has_strings = !self.strings.index.is_empty();
        let mut zip = ZipWriter::new();
        zip.add("[Content_Types].xml", &[&content_types(self.sheets.len(), has_strings)]);
        zip.add("_rels/.rels", &[&package::package_rels("xl/workbook.xml")]);
        zip.add("docProps/core.xml", &[&self.properties.core_xml()]);
        zip.add("docProps/app.xml", &[&self.properties.app_xml()]);
        zip.add("xl/workbook.xml", &[&workbook_xml(&self.sheets, &self.column_names)]);
        zip.add("xl/_rels/workbook.xml.rels", &[&workbook_rels(self.sheets.len(), has_strings)]);
        zip.add("xl/styles.xml", &[STYLES]);
        if has_strings {
            let head = format!(
                "{XML_DECLARATION}<sst xmlns=\"{MAIN_NS}\" count=\"{}\" uniqueCount=\"{}\">",
                self.strings.references,
                self.strings.index.len()
            );
            zip.add_around("xl/sharedStrings.xml", &head, self.strings.xml, "</sst>");
        }
        for (n, sheet) in self.sheets.into_iter().enumerate() {
            let head = sheet_head(&sheet, n == 0, &self.column_names);
            let tail = sheet_tail(&sheet, &self.column_names);
            zip.add_around(&format!("xl/worksheets/sheet{}.xml", n + 1), &head, sheet.rows, &tail);
        }
        Ok(zip.finish())
    }
}

/// A sheet being written, row by row from the top.
pub struct Sheet<'a> {
    book: &'a mut Workbook,
    index: usize,
}

impl Sheet<'_> {
    /// Sets a column's width (0-based column), in characters as Excel's column width box shows
    /// them. Widths that are not a number are ignored.
    pub fn set_column_width(&mut self, column: u32, width: f64) {
        if column < MAX_COLUMNS && width.is_finite() {
            self.book.sheets[self.index].widths.insert(column, width.clamp(0.0, 255.0));
        }
    }

    /// Keeps the first row in view while scrolling (a header row).
    pub fn freeze_top_row(&mut self) {
        self.freeze_rows(1);
    }

    /// Keeps the first `rows` rows in view while scrolling (a header below a few title rows).
    pub fn freeze_rows(&mut self, rows: u32) {
        self.book.sheets[self.index].frozen_rows = rows.min(MAX_ROWS - 1);
    }

    /// Prints the sheet landscape, scaled to fit one page wide (as many pages down as needed).
    pub fn landscape_fit_to_width(&mut self) {
        self.book.sheets[self.index].landscape_fit_width = true;
    }

    /// Marks the first row as the table's header: an autofilter over the whole table, and the
    /// row printed at the top of every page (`_xlnm.Print_Titles`).
    pub fn header_row(&mut self) {
        self.book.sheets[self.index].header_row = true;
    }

    /// Offers a drop-down list in a column (0-based) from `first_row` to `last_row` (1-based, as
    /// Excel numbers rows), of the values in `source`, a range such as `'Codes'!$A$2:$A$13`.
    /// With `strict`, Excel refuses any other value; otherwise it warns and lets it stand.
    pub fn list_validation(&mut self, column: u32, first_row: u32, last_row: u32, source: &str, strict: bool) {
        let (first_row, last_row) = (first_row.clamp(1, MAX_ROWS), last_row.clamp(1, MAX_ROWS));
        if column >= MAX_COLUMNS || first_row > last_row {
            return;
        }
        let name = column_name(column);
        let style = if strict { "" } else { " errorStyle=\"warning\"" };
        let xml = format!(
            "<dataValidation type=\"list\"{style} allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" sqref=\"{name}{first_row}:{name}{last_row}\"><formula1>{}</formula1></dataValidation>",
            xml::escape(source)
        );
        self.book.sheets[self.index].validations.push(xml);
    }

    /// Writes the next row, its cells from column A on. An empty row is left blank. A row with a
    /// cell Excel cannot hold is not written at all, and the error names the cell.
    pub fn write_row<'c>(&mut self, cells: impl IntoIterator<Item = (Cell<'c>, Style)>) -> Result<(), WriteError> {
        self.write_row_at(cells.into_iter().enumerate().map(|(col, (cell, style))| (col, cell, style)))
    }

    /// Writes the next row from its cells and their 0-based columns, in increasing column
    /// order: a sparse row costs its cells, not its width.
    pub fn write_row_at<'c>(
        &mut self,
        cells: impl IntoIterator<Item = (usize, Cell<'c>, Style)>,
    ) -> Result<(), WriteError> {
        let Workbook { sheets, strings, column_names, .. } = &mut *self.book;
        let sheet = &mut sheets[self.index];
        if sheet.n_rows >= MAX_ROWS {
            return Err(WriteError::TooManyRows { sheet: sheet.name.clone() });
        }
        let n_columns = sheet.n_columns;
        sheet.row.clear();
        match write_cells(sheet, strings, column_names, cells) {
            Ok(()) => {
                sheet.rows.push_str(&sheet.row);
                sheet.n_rows += 1;
                Ok(())
            }
            Err(e) => {
                sheet.n_columns = n_columns;
                Err(e)
            }
        }
    }
}

fn write_cells<'c>(
    sheet: &mut Worksheet,
    strings: &mut SharedStrings,
    column_names: &mut Vec<String>,
    cells: impl IntoIterator<Item = (usize, Cell<'c>, Style)>,
) -> Result<(), WriteError> {
    let row = sheet.n_rows + 1;
    // The `<row>` opens only once a cell is written: blank rows are left out, as Excel does.
    let mut opened = false;
    for (col, cell, style) in cells {
        let blank = matches!(cell, Cell::Blank | Cell::Text(""));
        // A blank cell is left out, unless it is filled (a value is missing).
        if blank && !matches!(style, Style::Filled(_)) {
            continue;
        }
        if col >= MAX_COLUMNS as usize {
            return Err(WriteError::TooManyColumns { sheet: sheet.name.clone(), row });
        }
        while column_names.len() <= col {
            column_names.push(column_name(column_names.len() as u32));
        }
        let name = &column_names[col];
        let out = &mut sheet.row;
        if !opened {
            let _ = write!(out, "<row r=\"{row}\">");
            opened = true;
        }
        let _ = write!(out, "<c r=\"{name}{row}\"");
        let xf = style.xf();
        if xf != 0 && !matches!(cell, Cell::Date(_)) {
            let _ = write!(out, " s=\"{xf}\"");
        }
        match cell {
            Cell::Blank => out.push_str("/>"),
            Cell::Text("") => out.push_str("/>"),
            Cell::Text(text) => {
                if text.len() > MAX_TEXT_CHARS && text.encode_utf16().count() > MAX_TEXT_CHARS {
                    return Err(WriteError::TextTooLong { sheet: sheet.name.clone(), cell: format!("{name}{row}") });
                }
                let _ = write!(out, " t=\"s\"><v>{}</v></c>", strings.index_of(text));
            }
            Cell::Number(n) if n.is_finite() => {
                out.push_str("><v>");
                push_number(out, n);
                out.push_str("</v></c>");
            }
            Cell::Number(_) => out.push_str(" t=\"e\"><v>#NUM!</v></c>"),
            Cell::Bool(b) => out.push_str(if b { " t=\"b\"><v>1</v></c>" } else { " t=\"b\"><v>0</v></c>" }),
            Cell::Error(e) if ERROR_VALUES.contains(&e) => {
                let _ = write!(out, " t=\"e\"><v>{e}</v></c>");
            }
            Cell::Error(text) => {
                let _ = write!(out, " t=\"s\"><v>{}</v></c>", strings.index_of(text));
            }
            Cell::Date(date) => {
                let Some(serial) = excel_serial(date) else {
                    return Err(WriteError::DateOutOfRange {
                        sheet: sheet.name.clone(),
                        cell: format!("{name}{row}"),
                        date,
                    });
                };
                let _ = write!(out, " s=\"{}\"><v>{serial}</v></c>", style.date_xf());
            }
        }
        sheet.n_columns = sheet.n_columns.max(col as u32 + 1);
    }
    if opened {
        sheet.row.push_str("</row>");
    }
    Ok(())
}

/// The column letters for a 0-based column: 0 → A, 25 → Z, 26 → AA, 16383 → XFD.
pub fn column_name(column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.iter().rev().map(|&b| b as char).collect()
}

/// Excel's serial number for a date (1900 system), or `None` outside 1900–9999.
pub fn excel_serial(date: NaiveDate) -> Option<i64> {
    if !(1900..=9999).contains(&date.year()) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = (date - epoch).num_days();
    // Excel counts a 29 February 1900 that never was, so its serials before March 1900 are one
    // less than a true day count.
    Some(if days < 61 { days - 1 } else { days })
}

pub(crate) fn check_sheet_name(name: &str) -> Result<(), WriteError> {
    let problem = if name.is_empty() {
        Some("is empty")
    } else if name.encode_utf16().count() > MAX_SHEET_NAME_CHARS {
        Some("is longer than the 31 characters Excel allows")
    } else if name.contains(['[', ']', ':', '*', '?', '/', '\\']) {
        Some("contains a character Excel does not allow in sheet names ([ ] : * ? / \\)")
    } else if name.chars().any(|c| c.is_control() || !xml::allowed(c)) {
        Some("contains a control character")
    } else if name.starts_with('\'') || name.ends_with('\'') {
        Some("starts or ends with an apostrophe, which Excel does not allow")
    } else if name.eq_ignore_ascii_case("History") {
        Some("is reserved by Excel")
    } else {
        None
    };
    match problem {
        Some(problem) => Err(WriteError::SheetName { name: name.to_owned(), problem }),
        None => Ok(()),
    }
}

fn needs_preserve(text: &str) -> bool {
    text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace)
}

/// Whether `text` has Excel's `_xHHHH_` character escape at byte `i`.
fn escape_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    b.len() >= i + 7
        && b[i] == b'_'
        && b[i + 1] == b'x'
        && b[i + 6] == b'_'
        && b[i + 2..i + 6].iter().all(u8::is_ascii_hexdigit)
}

/// Cell text for an XML element. Characters XML cannot hold (control characters, and a carriage
/// return, which XML parsers would turn into a line feed) are written as Excel's `_xHHHH_`
/// escapes, so they survive and the file stays valid; a literal `_xHHHH_` in the text has its
/// underscore escaped as `_x005F_` so it reads back as typed.
fn push_text(out: &mut String, text: &str) {
    let mut copied = 0;
    for (i, c) in text.char_indices() {
        let escape = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '_' if escape_at(text, i) => "_x005F_",
            '\t' | '\n' => continue,
            c if c < '\u{20}' || !xml::allowed(c) => {
                out.push_str(&text[copied..i]);
                let _ = write!(out, "_x{:04X}_", c as u32);
                copied = i + c.len_utf8();
                continue;
            }
            _ => continue,
        };
        out.push_str(&text[copied..i]);
        out.push_str(escape);
        copied = i + c.len_utf8();
    }
    out.push_str(&text[copied..]);
}

/// Text for a double-quoted XML attribute (sheet names, already checked for control characters).
fn attribute(text: &str) -> String {
    xml::escape(text)
}

/// A finite number in the shortest form that reads back as the same `f64`. Rust's `{}` never
/// uses an exponent, so very large and very small numbers use `{:e}` (1e300, not 301 digits).
pub(crate) fn push_number(out: &mut String, n: f64) {
    let magnitude = n.abs();
    if magnitude != 0.0 && !(1e-5..1e16).contains(&magnitude) {
        let _ = write!(out, "{n:e}");
    } else {
        let _ = write!(out, "{n}");
    }
}

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn content_types(n_sheets: usize, has_strings: bool) -> String {
    let mut xml = format!(
        "{XML_DECLARATION}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    );
    xml.push_str(&package::content_type_overrides());
    if has_strings {
        xml.push_str("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
    }
    for n in 1..=n_sheets {
        let _ = write!(
            xml,
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
    }
    xml.push_str("</Types>");
    xml
}

/// Sheets are relationships rId1…rIdN (sheet n is rIdn); styles and shared strings follow.
fn workbook_rels(n_sheets: usize, has_strings: bool) -> String {
    let mut xml = format!(
        "{XML_DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for n in 1..=n_sheets {
        let _ =
            write!(xml, "<Relationship Id=\"rId{n}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>");
    }
    let _ = write!(xml, "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/>", n_sheets + 1);
    if has_strings {
        let _ = write!(
            xml,
            "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/sharedStrings\" Target=\"sharedStrings.xml\"/>",
            n_sheets + 2
        );
    }
    xml.push_str("</Relationships>");
    xml
}

fn workbook_xml(sheets: &[Worksheet], column_names: &[String]) -> String {
    let mut xml = format!(
        "{XML_DECLARATION}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><workbookPr/><bookViews><workbookView/></bookViews><sheets>"
    );
    for (n, sheet) in sheets.iter().enumerate() {
        let _ = write!(xml, "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>", attribute(&sheet.name), n + 1, n + 1);
    }
    xml.push_str("</sheets>");
    let mut names = String::new();
    for (n, sheet) in sheets.iter().enumerate() {
        if !sheet.header_row || sheet.n_rows == 0 {
            continue;
        }
        let quoted = format!("'{}'", sheet.name.replace('\'', "''"));
        if let Some(range) = table_range(sheet, column_names) {
            let _ = write!(
                names,
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{n}\" hidden=\"1\">{}</definedName>",
                xml::escape(&format!("{quoted}!{range}"))
            );
        }
        let _ = write!(
            names,
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{n}\">{}</definedName>",
            xml::escape(&format!("{quoted}!$1:$1"))
        );
    }
    if !names.is_empty() {
        let _ = write!(xml, "<definedNames>{names}</definedNames>");
    }
    xml.push_str("</workbook>");
    xml
}

/// The used range with absolute references ("$A$1:$L$20"), if there are rows and columns.
fn table_range(sheet: &Worksheet, column_names: &[String]) -> Option<String> {
    if sheet.n_rows == 0 || sheet.n_columns == 0 {
        return None;
    }
    Some(format!("$A$1:${}${}", column_names[sheet.n_columns as usize - 1], sheet.n_rows))
}

/// Everything after the rows: the autofilter and the page set-up.
fn sheet_tail(sheet: &Worksheet, column_names: &[String]) -> String {
    let mut xml = String::from("</sheetData>");
    if sheet.header_row
        && let Some(range) = table_range(sheet, column_names)
    {
        let _ = write!(xml, "<autoFilter ref=\"{}\"/>", range.replace('$', ""));
    }
    // After the autofilter and before the page set-up, as the schema orders them.
    if !sheet.validations.is_empty() {
        let _ = write!(xml, "<dataValidations count=\"{}\">", sheet.validations.len());
        for v in &sheet.validations {
            xml.push_str(v);
        }
        xml.push_str("</dataValidations>");
    }
    if sheet.landscape_fit_width {
        xml.push_str("<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/><pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>");
    }
    xml.push_str("</worksheet>");
    xml
}

/// Everything before the rows: the used range, the view (frozen header), column widths.
fn sheet_head(sheet: &Worksheet, first: bool, column_names: &[String]) -> String {
    let mut xml = format!("{XML_DECLARATION}<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">");
    if sheet.landscape_fit_width {
        xml.push_str("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>");
    }
    xml.push_str("<dimension ref=\"A1");
    if sheet.n_columns > 0 && (sheet.n_rows > 1 || sheet.n_columns > 1) {
        let _ = write!(xml, ":{}{}", column_names[sheet.n_columns as usize - 1], sheet.n_rows);
    }
    xml.push_str("\"/><sheetViews><sheetView workbookViewId=\"0\"");
    if first {
        xml.push_str(" tabSelected=\"1\"");
    }
    if sheet.frozen_rows > 0 {
        let (n, below) = (sheet.frozen_rows, sheet.frozen_rows + 1);
        let _ = write!(
            xml,
            "><pane ySplit=\"{n}\" topLeftCell=\"A{below}\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A{below}\" sqref=\"A{below}\"/></sheetView>"
        );
    } else {
        xml.push_str("/>");
    }
    xml.push_str("</sheetViews>");
    if !sheet.widths.is_empty() {
        xml.push_str("<cols>");
        for (&col, &width) in &sheet.widths {
            let _ = write!(
                xml,
                "<col min=\"{0}\" max=\"{0}\" width=\"{1}\" customWidth=\"1\"/>",
                col + 1,
                stored_width(width)
            );
        }
        xml.push_str("</cols>");
    }
    xml.push_str("<sheetData>");
    xml
}

/// Excel stores a column's width with the cell padding added: whole pixels (7 a character and 5
/// of padding for the default font) back in characters to the nearest 1/256 below. The same
/// widths rust_xlsxwriter wrote.
fn stored_width(width: f64) -> f64 {
    let pixels = if width <= 0.0 {
        0
    } else if width < 1.0 {
        (width * 12.0).round() as u32
    } else {
        (width * 7.0).round() as u32 + 5
    };
    f64::from(pixels * 256 / 7) / 256.0
}

/// Two fonts (normal, bold), five fills (none and gray125, which Excel requires first, then red,
/// yellow and blue) and eleven cell formats: 0 plain, 1 date (dd/mm/yyyy, custom format 164 so
/// it reads the UK way whatever the reader's locale; top-aligned beside wrapped text), 2 bold,
/// 3 wrapped and top-aligned, 4 bold, wrapped and top-aligned, 5–7 filled red, yellow, blue,
/// 8–10 dates filled the same.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>\
<fills count=\"5\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>\
<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFF6C8C3\"/><bgColor indexed=\"64\"/></patternFill></fill>\
<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFEB9C\"/><bgColor indexed=\"64\"/></patternFill></fill>\
<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFCFE2F3\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"11\">\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"3\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"4\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>\
<xf numFmtId=\"164\" fontId=\"0\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFill=\"1\"/>\
<xf numFmtId=\"164\" fontId=\"0\" fillId=\"3\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFill=\"1\"/>\
<xf numFmtId=\"164\" fontId=\"0\" fillId=\"4\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFill=\"1\"/>\
</cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_go_past_z() {
        let names: Vec<String> = [0, 25, 26, 27, 51, 52, 701, 702, 16_383].into_iter().map(column_name).collect();
        assert_eq!(names, ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]);
    }

    #[test]
    fn serials_match_excel_including_its_leap_day_of_1900() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(excel_serial(d(1900, 1, 1)), Some(1));
        assert_eq!(excel_serial(d(1900, 2, 28)), Some(59));
        assert_eq!(excel_serial(d(1900, 3, 1)), Some(61));
        assert_eq!(excel_serial(d(2014, 3, 4)), Some(41_702));
        assert_eq!(excel_serial(d(9999, 12, 31)), Some(2_958_465));
        assert_eq!(excel_serial(d(1899, 12, 31)), None);
    }

    #[test]
    fn text_is_escaped_and_control_characters_kept_as_excel_escapes() {
        let mut out = String::new();
        push_text(&mut out, "a<b>&\"c\"\t\n\r\u{1}_x0041_ _x12_ é😀\u{FFFF}");
        assert_eq!(out, "a&lt;b&gt;&amp;\"c\"\t\n_x000D__x0001__x005F_x0041_ _x12_ é😀_xFFFF_");
    }

    #[test]
    fn numbers_round_trip_in_short_form() {
        for (n, text) in [
            (1.0, "1"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (1e300, "1e300"),
            (1.5e-7, "1.5e-7"),
            (123_456_789.0, "123456789"),
        ] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, text);
            assert_eq!(out.parse::<f64>().unwrap(), n);
        }
    }

    #[test]
    fn sheet_names_follow_excels_rules() {
        let mut book = Workbook::new();
        for bad in ["", "a/b", "[x]", "what?", "'quoted'", "History", "This name is far too long for Excel"] {
            assert!(matches!(book.add_sheet(bad), Err(WriteError::SheetName { .. })), "{bad}");
        }
        assert!(book.add_sheet("Tom & Jerry's \"list\"").is_ok());
        assert_eq!(
            book.add_sheet("TOM & JERRY'S \"LIST\"").err(),
            Some(WriteError::DuplicateSheetName("TOM & JERRY'S \"LIST\"".into()))
        );
        assert_eq!(
            WriteError::SheetName {
                name: "a/b".into(),
                problem: "contains a character Excel does not allow in sheet names ([ ] : * ? / \\)"
            }
            .to_string(),
            "the sheet name “a/b” contains a character Excel does not allow in sheet names ([ ] : * ? / \\)"
        );
    }

    #[test]
    fn an_empty_workbook_is_an_error_and_bad_cells_leave_no_half_row() {
        assert_eq!(Workbook::new().finish(), Err(WriteError::NoSheets));
        let mut book = Workbook::new();
        let mut sheet = book.add_sheet("S").unwrap();
        let old = NaiveDate::from_ymd_opt(1850, 1, 1).unwrap();
        let err = sheet.write_row([(Cell::Text("ok"), Style::Plain), (Cell::Date(old), Style::Plain)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cell B1 of the sheet “S” holds the date 1850-01-01, outside the years 1900 to 9999 Excel can show"
        );
        assert_eq!((book.sheets[0].n_rows, book.sheets[0].rows.size()), (0, 0));
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let mut sheet = book.add_sheet("T").unwrap();
        assert!(matches!(sheet.write_row([(Cell::Text(&long), Style::Plain)]), Err(WriteError::TextTooLong { .. })));
        assert!(sheet.write_row([(Cell::Text(&long[1..]), Style::Plain)]).is_ok());
    }
}
