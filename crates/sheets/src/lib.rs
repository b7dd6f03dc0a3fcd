//! Reading spreadsheets into our own `Workbook` type: the app's `checks::workbook`.
//!
//! This crate is the only place that names `calamine`: its API has changed shape across versions,
//! so the app sees only [`Workbook`], [`Sheet`] and [`Cell`]. xlsx files are read by our own
//! reader (`xlsx`, several times faster) and go to calamine only when it meets something it does
//! not handle; xls, xlsb and ods always go to calamine. CSV files go through [`csv_reader`]. All
//! come out as the same types.
//!
//! It is a crate of its own so that nothing web-related can reach it (its `Cargo.toml` names no
//! web crate) and so it has its own optimisation level (see the workspace `Cargo.toml`).
//!
//! Reading never panics on user data. A file that cannot be read at all is a [`WorkbookError`]
//! whose message names the file and says what to do; anything readable becomes a workbook, and
//! problems inside it are left to the checks, which report them as findings.

pub mod csv_reader;
mod xlsx;

use std::fmt;
use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, Reader};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

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

/// The date system a workbook counts its serial numbers from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DateSystem {
    /// Serial 1 is 1 January 1900 (with Excel's fictitious 29 February 1900).
    #[default]
    Excel1900,
    /// Serial 0 is 1 January 1904 (older Mac workbooks).
    Excel1904,
}

/// One cell, independent of the file format it came from. 24 bytes: a list of 100,000 rows has
/// two million of them.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing, or only spaces: readers never make a blank `Text` (build text with [`Cell::text`]),
    /// so the checks can tell a blank cell without reading its text.
    Empty,
    /// Shared: a list repeats the same few codes thousands of times, and one allocation per
    /// distinct code keeps loading fast and memory small.
    Text(Arc<str>),
    Number(f64),
    Bool(bool),
    /// A cell the spreadsheet formats as a date; the workbook's date system is already applied.
    Date(NaiveDate),
    /// A date cell whose serial number is not a real date (e.g. Excel's 29 February 1900).
    InvalidDate(f64),
    /// A formula error such as `#N/A` or `#REF!`.
    Error(Box<str>),
}

impl Cell {
    /// Text, or [`Cell::Empty`] when it is blank.
    pub fn text(text: &str) -> Cell {
        if text.trim().is_empty() { Cell::Empty } else { Cell::Text(text.into()) }
    }

    pub fn is_blank(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as text, the way a person reading the sheet would see it (dates as DD/MM/YYYY).
    pub fn as_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        match self {
            Cell::Empty => None,
            Cell::Text(t) => Some(Cow::Borrowed(t.trim())),
            Cell::Number(n) => Some(Cow::Owned(format_number(*n))),
            Cell::Bool(b) => Some(Cow::Borrowed(if *b { "TRUE" } else { "FALSE" })),
            Cell::Date(d) => Some(Cow::Owned(format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()))),
            Cell::InvalidDate(n) => Some(Cow::Owned(format_number(*n))),
            Cell::Error(e) => Some(Cow::Borrowed(e)),
        }
    }
}

/// Whole numbers print without a decimal point, so an ID stored as a number reads as typed.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// One sheet, stored column by column: the checks read a column down all its rows, and a column
/// held in one piece reads about five times faster than the same cells spread over a vector per
/// row. Row 0 is the spreadsheet's row 1, column 0 its column A. Each column ends at its last
/// non-blank cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub name: String,
    columns: Vec<Vec<Cell>>,
    n_rows: usize,
}

static EMPTY: Cell = Cell::Empty;

impl Sheet {
    /// A sheet from rows of cells (row 0 first).
    pub fn from_rows(name: impl Into<String>, rows: Vec<Vec<Cell>>) -> Sheet {
        let mut builder = SheetBuilder::new(0, usize::MAX);
        for (r, row) in rows.into_iter().enumerate() {
            for (c, cell) in row.into_iter().enumerate() {
                // Cannot fail: there is no cap.
                let _ = builder.put(r, c, cell);
            }
        }
        builder.finish(name)
    }

    /// Rows up to the last one with a non-blank cell.
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    /// Columns up to the last one with a non-blank cell.
    pub fn width(&self) -> usize {
        self.columns.len()
    }

    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.columns.get(col).and_then(|c| c.get(row)).unwrap_or(&EMPTY)
    }

    /// One column from row 0, ending at its last non-blank cell (so it may be shorter than
    /// [`Self::n_rows`]).
    pub fn column(&self, col: usize) -> &[Cell] {
        self.columns.get(col).map_or(&[], Vec::as_slice)
    }

    /// One row's cells, up to its last non-blank one.
    pub fn row(&self, row: usize) -> Vec<&Cell> {
        let width =
            self.columns.iter().rposition(|c| c.get(row).is_some_and(|cell| !cell.is_blank())).map_or(0, |c| c + 1);
        (0..width).map(|c| self.cell(row, c)).collect()
    }

    /// Every row as its own vector, each up to its last non-blank cell: a copy, for small sheets
    /// and tests.
    pub fn rows(&self) -> Vec<Vec<Cell>> {
        (0..self.n_rows).map(|r| self.row(r).into_iter().cloned().collect()).collect()
    }

    /// Replaces one cell (a blank one is stored as [`Cell::Empty`]).
    pub fn set(&mut self, row: usize, col: usize, cell: Cell) {
        let columns = std::mem::take(&mut self.columns);
        let mut builder = SheetBuilder { columns, ..SheetBuilder::new(0, usize::MAX) };
        let _ = builder.put(row, col, cell);
        *self = builder.finish(std::mem::take(&mut self.name));
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }
}

/// Builds a [`Sheet`] cell by cell in any order, counting the cells it holds (blanks between
/// filled cells included) so a hostile file cannot make it allocate without bound.
struct SheetBuilder {
    columns: Vec<Vec<Cell>>,
    n_cells: usize,
    max_cells: usize,
}

/// The builder would hold more than its cap.
struct TooManyCells;

/// Calls `on_rows` each time reading passes another [`PROGRESS_EVERY_ROWS`] rows.
struct RowProgress {
    next: usize,
}

impl RowProgress {
    fn new() -> Self {
        RowProgress { next: PROGRESS_EVERY_ROWS }
    }

    #[inline]
    fn at(&mut self, row: usize, on_rows: &mut dyn FnMut(usize)) {
        if row >= self.next {
            on_rows(row);
            self.next = (row / PROGRESS_EVERY_ROWS + 1) * PROGRESS_EVERY_ROWS;
        }
    }
}

impl SheetBuilder {
    /// `n_cells` counts the cells already read from other sheets of the same file.
    fn new(n_cells: usize, max_cells: usize) -> Self {
        SheetBuilder { columns: Vec::new(), n_cells, max_cells }
    }

    /// Puts a cell at (row, col). Checked before growing: a forged row number (A4000000000)
    /// would otherwise allocate billions of blanks.
    #[inline]
    fn put(&mut self, row: usize, col: usize, cell: Cell) -> Result<(), TooManyCells> {
        if col >= self.columns.len() {
            if cell.is_blank() {
                return Ok(());
            }
            self.columns.resize_with(col + 1, Vec::new);
        }
        let column = &mut self.columns[col];
        if let Some(slot) = column.get_mut(row) {
            *slot = cell;
            return Ok(());
        }
        if cell.is_blank() {
            return Ok(());
        }
        let more = row + 1 - column.len();
        self.n_cells = self.n_cells.saturating_add(more);
        if self.n_cells > self.max_cells {
            return Err(TooManyCells);
        }
        column.resize(row, Cell::Empty);
        column.push(cell);
        Ok(())
    }

    fn finish(mut self, name: impl Into<String>) -> Sheet {
        // Trailing blanks can be left by a cell overwritten with a blank.
        for column in &mut self.columns {
            while column.last().is_some_and(Cell::is_blank) {
                column.pop();
            }
        }
        while self.columns.last().is_some_and(Vec::is_empty) {
            self.columns.pop();
        }
        let n_rows = self.columns.iter().map(Vec::len).max().unwrap_or(0);
        Sheet { name: name.into(), columns: self.columns, n_rows }
    }
}

/// A loaded file: its name as the user chose it, and its sheets in workbook order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    pub file_name: String,
    pub format: FileFormat,
    pub date_system: DateSystem,
    pub sheets: Vec<Sheet>,
}

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

/// Why a file could not be read at all. Each message names the file and says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WorkbookError {
    /// The file has no bytes.
    Empty { file: String },
    /// The workbook is encrypted with a password.
    PasswordProtected { file: String },
    /// The file is another kind of document (PDF, Word, an image...) named like a spreadsheet.
    NotASpreadsheet { file: String, looks_like: &'static str },
    /// A web page or XML Spreadsheet 2003 file named like a spreadsheet, as some systems export
    /// lists; Excel opens it and can save it as .xlsx.
    SaveAsXlsx { file: String, looks_like: &'static str },
    /// The file looks like a spreadsheet but is damaged or cut short.
    Corrupt { file: String, detail: String },
    /// The file has more cells than the checker will hold in memory.
    TooLarge { file: String, cells: usize, limit: usize },
    /// A zipped workbook whose parts unpack to more than the checker will read (a zip bomb, or a
    /// shared-strings table larger than any list needs). Sizes in bytes.
    UnpacksTooLarge { file: String, bytes: u64, limit: u64 },
    /// A CSV file that is not text in a known encoding.
    NotText { file: String },
    /// The file could not be opened at all (a native caller's I/O error).
    CannotOpen { file: String, detail: String },
}

impl WorkbookError {
    pub fn file(&self) -> &str {
        match self {
            Self::Empty { file }
            | Self::PasswordProtected { file }
            | Self::NotASpreadsheet { file, .. }
            | Self::SaveAsXlsx { file, .. }
            | Self::Corrupt { file, .. }
            | Self::TooLarge { file, .. }
            | Self::UnpacksTooLarge { file, .. }
            | Self::NotText { file }
            | Self::CannotOpen { file, .. } => file,
        }
    }
}

impl fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty { file } => {
                write!(f, "“{file}” is empty (0 bytes). Export the list again and choose the new file.")
            }
            Self::PasswordProtected { file } => write!(
                f,
                "“{file}” is protected with a password, so it cannot be read. Open it in Excel, save a copy without a password (File, Info, Protect Workbook, Encrypt with Password, clear the password), and choose that copy. Keep the copy on a secure drive."
            ),
            Self::NotASpreadsheet { file, looks_like } => write!(
                f,
                "“{file}” is {looks_like}, not a spreadsheet. Choose the Excel, OpenDocument or CSV file that holds the list."
            ),
            Self::SaveAsXlsx { file, looks_like } => write!(
                f,
                "“{file}” is really {looks_like} with a spreadsheet name, as some systems export lists, so it cannot be read directly. Open it in Excel, save it as an Excel Workbook (.xlsx), and choose the new file."
            ),
            Self::Corrupt { file, detail } => write!(
                f,
                "“{file}” looks like a spreadsheet but could not be read; it may be damaged or only partly copied ({detail}). Open it in Excel or LibreOffice, save it again as .xlsx, and choose the new file."
            ),
            Self::TooLarge { file, cells, limit } => write!(
                f,
                "“{file}” has about {cells} cells, more than the {limit} this checker can hold. Delete sheets or columns that are not part of the lists, or split the file, and try again."
            ),
            Self::UnpacksTooLarge { file, bytes, limit } => write!(
                f,
                "“{file}” unpacks to {} MB, more than the {} MB this checker will read, so it was not opened; it may be damaged or not a real export. Open it in Excel or LibreOffice, delete sheets that are not part of the lists, save it as .xlsx, and choose the new file.",
                bytes.div_ceil(1 << 20),
                limit >> 20
            ),
            Self::CannotOpen { file, detail } => {
                write!(f, "“{file}” could not be opened ({detail}). Check the file exists and you can open it.")
            }
            Self::NotText { file } => write!(
                f,
                "“{file}” is not a text CSV file. Save the list from Excel as “CSV UTF-8 (Comma delimited)” and choose the new file."
            ),
        }
    }
}

impl std::error::Error for WorkbookError {}

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

/// Reads a spreadsheet (xlsx, xlsm, xlsb, xls, ods or csv) from its bytes.
///
/// The format is decided by the content first and the extension second, so a CSV renamed
/// `.xlsx` still loads and a PDF renamed `.xlsx` gets a message saying it is a PDF.
pub fn read_workbook(file_name: &str, bytes: &[u8]) -> Result<Workbook, WorkbookError> {
    read_workbook_limited(file_name, bytes, MAX_CELLS)
}

/// How often, in rows, [`read_workbook_with_progress`] reports.
pub const PROGRESS_EVERY_ROWS: usize = 10_000;

/// [`read_workbook`], calling `on_rows` with the rows read so far every
/// [`PROGRESS_EVERY_ROWS`] rows of an .xlsx sheet, so a long load can show it is moving.
pub fn read_workbook_with_progress(
    file_name: &str,
    bytes: &[u8],
    on_rows: &mut dyn FnMut(usize),
) -> Result<Workbook, WorkbookError> {
    read_workbook_inner(file_name, bytes, MAX_CELLS, on_rows)
}

/// [`read_workbook`] with a different cap on the number of cells.
pub fn read_workbook_limited(file_name: &str, bytes: &[u8], max_cells: usize) -> Result<Workbook, WorkbookError> {
    read_workbook_inner(file_name, bytes, max_cells, &mut |_| {})
}

fn read_workbook_inner(
    file_name: &str,
    bytes: &[u8],
    max_cells: usize,
    on_rows: &mut dyn FnMut(usize),
) -> Result<Workbook, WorkbookError> {
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
            read_with_calamine(file, bytes, FileFormat::Xls, max_cells, on_rows)
        }
        Sniffed::Zip => {
            if let Some(looks_like) = zip_kind(bytes) {
                return Err(WorkbookError::NotASpreadsheet { file, looks_like });
            }
            check_unpacked_sizes(&file, bytes)?;
            let format = if zip_names_contain(bytes, b"application/vnd.oasis.opendocument.spre") {
                let cells = ods_expanded_cells(bytes);
                if cells > max_cells {
                    return Err(WorkbookError::TooLarge { file, cells, limit: max_cells });
                }
                FileFormat::Ods
            } else if extension(file_name) == "xlsb" {
                FileFormat::Xlsb
            } else {
                FileFormat::Xlsx
            };
            if format == FileFormat::Xlsx {
                match xlsx::read(&file, bytes, max_cells, on_rows) {
                    Ok(workbook) => return Ok(workbook),
                    Err(xlsx::Stop::TooLarge(cells)) => {
                        return Err(WorkbookError::TooLarge { file, cells, limit: max_cells });
                    }
                    Err(xlsx::Stop::Unsupported) => {} // calamine reads it
                }
            }
            read_with_calamine(file, bytes, format, max_cells, on_rows)
        }
        Sniffed::Text => {
            let ext = extension(file_name);
            if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods" | "xlsb") && !looks_like_delimited_text(bytes) {
                return Err(WorkbookError::Corrupt { file, detail: format!("the contents are not in .{ext} format") });
            }
            csv_reader::read_csv_limited(file_name, bytes, max_cells)
        }
    }
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

fn looks_like_delimited_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let binary = head.iter().filter(|b| **b < 0x09 || (**b > 0x0D && **b < 0x20)).count();
    binary == 0 && head.iter().any(|b| matches!(b, b',' | b';' | b'\t'))
}

fn corrupt(file: String, err: impl fmt::Display) -> WorkbookError {
    let detail = err.to_string();
    if detail.to_ascii_lowercase().contains("password") || detail.to_ascii_lowercase().contains("encrypt") {
        return WorkbookError::PasswordProtected { file };
    }
    WorkbookError::Corrupt { file, detail }
}

fn read_with_calamine(
    file: String,
    bytes: &[u8],
    format: FileFormat,
    max_cells: usize,
    on_rows: &mut dyn FnMut(usize),
) -> Result<Workbook, WorkbookError> {
    let cursor = Cursor::new(bytes);
    // Open with the reader the content calls for, falling back to calamine's own detection.
    let opened = match format {
        FileFormat::Xlsx => calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(cursor.clone())
            .map(calamine::Sheets::Xlsx)
            .map_err(calamine::Error::from),
        FileFormat::Xlsb => calamine::open_workbook_from_rs::<calamine::Xlsb<_>, _>(cursor.clone())
            .map(calamine::Sheets::Xlsb)
            .map_err(calamine::Error::from),
        FileFormat::Xls => calamine::open_workbook_from_rs::<calamine::Xls<_>, _>(cursor.clone())
            .map(calamine::Sheets::Xls)
            .map_err(calamine::Error::from),
        FileFormat::Ods => calamine::open_workbook_from_rs::<calamine::Ods<_>, _>(cursor.clone())
            .map(calamine::Sheets::Ods)
            .map_err(calamine::Error::from),
        FileFormat::Csv => Err(calamine::Error::Msg("not a calamine format")),
    };
    let mut sheets = match opened {
        Ok(s) => s,
        Err(first) => calamine::open_workbook_auto_from_rs(cursor).map_err(|_| corrupt(file.clone(), first))?,
    };
    let format = match &sheets {
        calamine::Sheets::Xlsx(_) => FileFormat::Xlsx,
        calamine::Sheets::Xlsb(_) => FileFormat::Xlsb,
        calamine::Sheets::Xls(_) => FileFormat::Xls,
        calamine::Sheets::Ods(_) => FileFormat::Ods,
    };
    let date_system = match &sheets {
        calamine::Sheets::Xlsx(x) if x.has_1904_epoch() => DateSystem::Excel1904,
        _ => DateSystem::Excel1900,
    };
    let mut out = Workbook { file_name: file.clone(), format, date_system, sheets: Vec::new() };
    let mut n_cells = 0usize;
    let too_large = |cells| WorkbookError::TooLarge { file: file.clone(), cells, limit: max_cells };
    if let calamine::Sheets::Xlsx(xlsx) = &mut sheets {
        // Stream xlsx cells straight into our columns: no intermediate calamine range.
        for name in xlsx.sheet_names() {
            let mut builder = SheetBuilder::new(n_cells, max_cells);
            stream_xlsx_sheet(xlsx, &name, &mut builder, on_rows).map_err(|e| match e {
                StreamError::TooLarge => too_large(builder.n_cells),
                StreamError::Calamine(e) => corrupt(file.clone(), e),
            })?;
            n_cells = builder.n_cells;
            out.sheets.push(builder.finish(name));
        }
        return Ok(out);
    }
    for name in sheets.sheet_names() {
        let range = sheets.worksheet_range(&name).map_err(|e| corrupt(file.clone(), e))?;
        let (height, width) = range.get_size();
        let with_range = n_cells.saturating_add(height.saturating_mul(width));
        if with_range > max_cells {
            return Err(too_large(with_range));
        }
        // Keep the sheet's own row numbers: calamine's range starts at the first used cell.
        let (first_row, first_col) = range.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0));
        let mut builder = SheetBuilder::new(n_cells, max_cells);
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                builder
                    .put(first_row + r, first_col + c, convert(cell))
                    .map_err(|TooManyCells| too_large(builder.n_cells))?;
            }
        }
        n_cells = builder.n_cells;
        out.sheets.push(builder.finish(name));
    }
    Ok(out)
}

enum StreamError {
    TooLarge,
    Calamine(calamine::XlsxError),
}

impl From<TooManyCells> for StreamError {
    fn from(_: TooManyCells) -> Self {
        StreamError::TooLarge
    }
}

/// Cells read per call of [`SheetStream::read_batch`].
const BATCH_CELLS: usize = 4096;

/// Slots in the shared-strings cache.
const SHARED_CACHE_BITS: u32 = 12;
const SHARED_CACHE: usize = 1 << SHARED_CACHE_BITS;

fn stream_xlsx_sheet(
    xlsx: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
    builder: &mut SheetBuilder,
    on_rows: &mut dyn FnMut(usize),
) -> Result<(), StreamError> {
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(StreamError::Calamine)?;
    let mut sheet = SheetStream { builder, progress: RowProgress::new(), shared: vec![None; SHARED_CACHE] };
    // In batches, not one long loop: a browser switches a function to its optimised code only
    // when it is next called (V8 has no on-stack replacement for WebAssembly), so a single call
    // would read the whole sheet with the quickly compiled, slow code. A quarter faster in Chromium
    // (rows of a 100,000-row list: 2.50 s to 1.84 s, median of 7 fresh pages, interleaved).
    while sheet.read_batch(&mut reader, on_rows)? {}
    Ok(())
}

/// One xlsx sheet on its way into columns of cells.
struct SheetStream<'a> {
    builder: &'a mut SheetBuilder,
    progress: RowProgress,
    /// Recently seen shared strings by address (they live in calamine's table for the whole
    /// read, so the address identifies them), so a code repeated down a column is trimmed and
    /// copied about once. A cache, not a map: a list's unique IDs only made a map grow (reading
    /// in Chromium 15% faster than with a hash map of every string).
    shared: Vec<Option<(usize, Cell)>>,
}

impl SheetStream<'_> {
    /// Reads up to [`BATCH_CELLS`] cells; `false` at the end of the sheet.
    #[inline(never)]
    fn read_batch(
        &mut self,
        reader: &mut calamine::XlsxCellReader<'_, Cursor<&[u8]>>,
        on_rows: &mut dyn FnMut(usize),
    ) -> Result<bool, StreamError> {
        for _ in 0..BATCH_CELLS {
            let Some(cell) = reader.next_cell().map_err(StreamError::Calamine)? else { return Ok(false) };
            let (r, c) = cell.get_position();
            let (r, c) = (r as usize, c as usize);
            let value = match cell.get_value() {
                calamine::DataRef::SharedString(s) => {
                    let address = s.as_ptr() as usize;
                    // Fibonacci hashing: the top bits of the product spread nearby addresses.
                    let slot = &mut self.shared
                        [address.wrapping_mul(0x9E37_79B9_7F4A_7C15_u64 as usize) >> (usize::BITS - SHARED_CACHE_BITS)];
                    match slot {
                        Some((seen, cell)) if *seen == address => cell.clone(),
                        _ => slot.insert((address, Cell::text(s))).1.clone(),
                    }
                }
                other => convert_ref(other),
            };
            if value.is_blank() {
                continue;
            }
            self.progress.at(r, on_rows);
            self.builder.put(r, c, value)?;
        }
        Ok(true)
    }
}

fn convert_ref(data: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef as D;
    match data {
        D::SharedString(s) => Cell::text(s),
        D::String(s) => Cell::text(s),
        D::Empty => Cell::Empty,
        D::Int(i) => Cell::Number(*i as f64),
        D::Float(f) => Cell::Number(*f),
        D::Bool(b) => Cell::Bool(*b),
        D::DateTime(dt) => convert(&Data::DateTime(*dt)),
        D::DateTimeIso(s) => convert(&Data::DateTimeIso(s.clone())),
        D::DurationIso(s) => Cell::text(s),
        D::Error(e) => Cell::Error(e.to_string().into()),
    }
}

fn convert(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::text(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            if dt.is_duration() {
                return Cell::Number(dt.as_f64());
            }
            // calamine applies the workbook's epoch (1900 or 1904) here.
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            match NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)) {
                Some(date) if dt.as_f64() >= 1.0 || y != 1900 => Cell::Date(date),
                _ => Cell::InvalidDate(dt.as_f64()),
            }
        }
        Data::DateTimeIso(s) => {
            let day = s.get(..10).unwrap_or(s);
            match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                Ok(d) => Cell::Date(d),
                Err(_) => Cell::text(s),
            }
        }
        Data::DurationIso(s) => Cell::text(s),
        Data::Error(e) => Cell::Error(e.to_string().into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_24_bytes_and_blank_text_is_empty() {
        assert_eq!(std::mem::size_of::<Cell>(), 24);
        assert_eq!(Cell::text(" \t "), Cell::Empty);
        assert!(Cell::text(" x ").as_text().is_some_and(|t| t == "x"));
    }

    #[test]
    fn a_sheet_is_stored_by_column_and_reads_back_by_row() {
        let t = |s: &str| Cell::text(s);
        let mut sheet = Sheet::from_rows(
            "S",
            vec![vec![t("a"), Cell::Empty, t("c")], vec![], vec![t(" "), t("e")], vec![Cell::Empty]],
        );
        // Blank rows and cells at the ends are dropped; blanks between filled ones are kept.
        assert_eq!((sheet.n_rows(), sheet.width()), (3, 3));
        assert_eq!(sheet.rows(), vec![vec![t("a"), Cell::Empty, t("c")], vec![], vec![Cell::Empty, t("e")]]);
        assert_eq!(sheet.column(1), [Cell::Empty, Cell::Empty, t("e")]);
        assert_eq!(sheet.column(2), [t("c")]);
        assert!(sheet.column(9).is_empty() && sheet.cell(99, 99).is_blank());
        sheet.set(5, 0, t("f"));
        sheet.set(0, 2, Cell::Empty);
        assert_eq!((sheet.n_rows(), sheet.width()), (6, 2));
        assert_eq!(sheet.row(0), [&t("a")]);
        assert!(!sheet.is_empty() && Sheet::from_rows("E", vec![vec![Cell::Empty]]).is_empty());
    }

    #[test]
    fn the_builder_refuses_more_cells_than_its_cap_before_allocating() {
        let mut builder = SheetBuilder::new(10, 20);
        assert!(builder.put(9, 0, Cell::Number(1.0)).is_ok(), "rows 0-9 of one column: 20 cells in all");
        assert!(builder.put(4_000_000_000, 1, Cell::Number(1.0)).is_err());
        assert_eq!(builder.finish("S").column(1).len(), 0);
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

    #[test]
    fn cell_text_formats_whole_numbers_without_decimals() {
        assert_eq!(Cell::Number(123456.0).as_text().unwrap(), "123456");
        assert_eq!(Cell::Number(12.5).as_text().unwrap(), "12.5");
        assert_eq!(Cell::Date(NaiveDate::from_ymd_opt(2020, 3, 4).unwrap()).as_text().unwrap(), "04/03/2020");
    }
}
