//! Everything that calls calamine: xls, xlsb and ods, and the xlsx files our own reader hands
//! over. xlsx cells are streamed straight into a [`SheetBuilder`]; the other formats come as
//! calamine ranges. Also calamine's readings of dates and error codes, which our xlsx reader
//! borrows so that it reads them exactly as calamine does.

use std::fmt;
use std::io::Cursor;

use calamine::{Data, ExcelDateTime, ExcelDateTimeType, Reader};
use chrono::NaiveDate;

use crate::sheet::{SheetBuilder, TooManyCells, Tracker};
use crate::{Cell, DateSystem, FileFormat, Workbook, WorkbookError};

/// A calamine error as ours: one that mentions a password or encryption means a protected file.
/// Its words are shown only if they read as words: a parser's internals (an ods file once gave
/// "Expecting 'table-cell', found 'Text(BytesText { … })'") help no one choosing a file.
fn corrupt(file: String, err: impl fmt::Display) -> WorkbookError {
    let detail = err.to_string();
    if detail.to_ascii_lowercase().contains("password") || detail.to_ascii_lowercase().contains("encrypt") {
        return WorkbookError::PasswordProtected { file };
    }
    let plain = detail.len() <= 120 && detail.chars().all(|c| c.is_alphanumeric() || " .,:-".contains(c));
    let detail = if plain { detail } else { "its contents are not laid out as this app can read".into() };
    WorkbookError::Corrupt { file, detail }
}

/// Reads the whole workbook with calamine; `format` is what the content looks like.
pub(crate) fn read(
    file: String,
    bytes: &[u8],
    format: FileFormat,
    max_cells: usize,
    progress: &mut Tracker<'_>,
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
    // calamine says nothing of bytes, so progress is in sheets, each [`SHEET_UNITS`] wide, and
    // within an xlsx sheet the rows of its declared dimension.
    let names = sheets.sheet_names();
    progress.start(names.len() as u64 * SHEET_UNITS);
    if let calamine::Sheets::Xlsx(xlsx) = &mut sheets {
        // Stream xlsx cells straight into our columns: no intermediate calamine range.
        for name in names {
            let mut builder = SheetBuilder::new(n_cells, max_cells);
            progress.sheet(&name, SHEET_UNITS);
            stream_xlsx_sheet(xlsx, &name, &mut builder, progress).map_err(|e| match e {
                StreamError::TooLarge => too_large(builder.n_cells),
                StreamError::Calamine(e) => corrupt(file.clone(), e),
            })?;
            n_cells = builder.n_cells;
            out.sheets.push(builder.finish(name));
        }
        return Ok(out);
    }
    for name in names {
        progress.sheet(&name, SHEET_UNITS);
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
        progress.at(SHEET_UNITS, range.height());
        out.sheets.push(builder.finish(name));
    }
    Ok(out)
}

/// Each sheet's share of a calamine read's progress.
const SHEET_UNITS: u64 = 1 << 20;

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
    progress: &mut Tracker<'_>,
) -> Result<(), StreamError> {
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(StreamError::Calamine)?;
    // The rows the sheet says it spans (0 when it does not say).
    let declared = u64::from(reader.dimensions().end.0) + 1;
    let mut sheet = SheetStream { builder, row: 0, shared: vec![None; SHARED_CACHE] };
    // In batches, not one long loop: a browser switches a function to its optimised code only
    // when it is next called (V8 has no on-stack replacement for WebAssembly), so a single call
    // would read the whole sheet with the quickly compiled, slow code. A quarter faster in Chromium
    // (rows of a 100,000-row list: 2.50 s to 1.84 s, median of 7 fresh pages, interleaved).
    while sheet.read_batch(&mut reader)? {
        progress.at(sheet.row as u64 * SHEET_UNITS / declared, sheet.row);
    }
    Ok(())
}

/// One xlsx sheet on its way into columns of cells.
struct SheetStream<'a> {
    builder: &'a mut SheetBuilder,
    /// The last row a cell was read from.
    row: usize,
    /// Recently seen shared strings by address (they live in calamine's table for the whole
    /// read, so the address identifies them), so a code repeated down a column is trimmed and
    /// copied about once. A cache, not a map: a list's unique IDs only made a map grow (reading
    /// in Chromium 15% faster than with a hash map of every string).
    shared: Vec<Option<(usize, Cell)>>,
}

impl SheetStream<'_> {
    /// Reads up to [`BATCH_CELLS`] cells; `false` at the end of the sheet.
    #[inline(never)]
    fn read_batch(&mut self, reader: &mut calamine::XlsxCellReader<'_, Cursor<&[u8]>>) -> Result<bool, StreamError> {
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
            self.row = r;
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
        D::DateTime(dt) => date_time(dt),
        D::DateTimeIso(s) => iso_date(s),
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
        Data::DateTime(dt) => date_time(dt),
        Data::DateTimeIso(s) => iso_date(s),
        Data::DurationIso(s) => Cell::text(s),
        Data::Error(e) => Cell::Error(e.to_string().into()),
    }
}

fn date_time(dt: &ExcelDateTime) -> Cell {
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

/// An ISO 8601 date (`t="d"` in xlsx), or the text as it is when it is not one.
pub(crate) fn iso_date(s: &str) -> Cell {
    let day = s.get(..10).unwrap_or(s);
    match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        Ok(d) => Cell::Date(d),
        Err(_) => Cell::text(s),
    }
}

/// A serial number in a cell formatted as a date, as calamine converts it.
pub(crate) fn serial_date(serial: f64, is_1904: bool) -> Cell {
    date_time(&ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, is_1904))
}

/// A formula error code such as `#N/A`, spelled as calamine spells it; `None` for a code calamine
/// does not know.
pub(crate) fn error_code(code: &str) -> Option<Cell> {
    code.parse::<calamine::CellErrorType>().ok().map(|e| Cell::Error(e.to_string().into()))
}
