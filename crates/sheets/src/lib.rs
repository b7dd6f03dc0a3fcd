//! Reading spreadsheets into our own [`Workbook`] type: the app's `checks::workbook`.
//!
//! [`read_workbook`] takes a file's name and bytes (xlsx, xlsm, xlsb, xls, ods or csv) and gives
//! a [`Workbook`] of [`Sheet`]s of [`Cell`]s, whatever the format, so the app never sees
//! calamine, whose API has changed shape across versions. By concern:
//!
//! - `format`: which reader a file goes to (by content first, name second), and the limits and
//!   pre-checks that refuse a file before anything is unpacked (zip bombs, forged counts);
//! - `xlsx`: our own xlsx reader, several times faster than calamine's;
//! - `calamine_bridge`: everything that calls calamine (xls, xlsb, ods, and the xlsx ours hands over);
//! - `csv`: CSV decoding and delimiter sniffing;
//! - `sheet`: the types every reader fills, through one builder that counts cells against the cap;
//! - `error`: [`WorkbookError`].
//!
//! Invariants:
//!
//! - It depends on no crate of ours and no web crate (its `Cargo.toml` names none), so nothing
//!   web-related can reach it; it is a crate of its own also for its optimisation level (see the
//!   workspace `Cargo.toml`).
//! - Our xlsx reader reads a workbook exactly as calamine would, or stops and hands it to calamine.
//! - Reading never panics on user data. A file that cannot be read at all is a [`WorkbookError`]
//!   whose message names the file and says what to do; anything readable becomes a workbook, and
//!   problems inside it are left to the checks, which report them as findings.

mod calamine_bridge;
mod csv;
mod error;
mod format;
mod sheet;
mod xlsx;

use std::fmt;

pub use error::WorkbookError;
pub use format::{FileFormat, MAX_CELLS, MAX_SHARED_STRINGS_BYTES, MAX_UNPACKED_BYTES};
pub use sheet::{Cell, DateSystem, PROGRESS_EVERY_ROWS, Sheet, Workbook, format_number};

/// How to read a file. The default holds up to [`MAX_CELLS`] cells and reports no progress.
pub struct ReadOptions<'a> {
    max_cells: usize,
    on_rows: Option<&'a mut dyn FnMut(usize)>,
}

impl Default for ReadOptions<'_> {
    fn default() -> Self {
        ReadOptions { max_cells: MAX_CELLS, on_rows: None }
    }
}

impl<'a> ReadOptions<'a> {
    /// The most cells to hold, all sheets together; more is [`WorkbookError::TooLarge`].
    pub fn max_cells(self, max_cells: usize) -> Self {
        ReadOptions { max_cells, ..self }
    }

    /// Called with the rows read so far every [`PROGRESS_EVERY_ROWS`] rows of an xlsx sheet, so a
    /// long load can show it is moving.
    pub fn on_rows(self, on_rows: &'a mut dyn FnMut(usize)) -> Self {
        ReadOptions { on_rows: Some(on_rows), ..self }
    }
}

impl fmt::Debug for ReadOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReadOptions")
            .field("max_cells", &self.max_cells)
            .field("on_rows", &self.on_rows.is_some())
            .finish()
    }
}

/// Reads a spreadsheet (xlsx, xlsm, xlsb, xls, ods or csv) from its bytes.
///
/// The format is decided by the content first and the extension second, so a CSV renamed
/// `.xlsx` still loads and a PDF renamed `.xlsx` gets a message saying it is a PDF.
pub fn read_workbook(file_name: &str, bytes: &[u8], options: ReadOptions<'_>) -> Result<Workbook, WorkbookError> {
    let ReadOptions { max_cells, on_rows } = options;
    let mut no_progress = |_| {};
    let on_rows: &mut dyn FnMut(usize) = match on_rows {
        Some(on_rows) => on_rows,
        None => &mut no_progress,
    };
    let format = format::detect(file_name, bytes, max_cells)?;
    let file = file_name.to_string();
    match format {
        FileFormat::Csv => csv::read(file_name, bytes, max_cells),
        FileFormat::Xlsx => match xlsx::read(&file, bytes, max_cells, on_rows) {
            Ok(workbook) => Ok(workbook),
            Err(xlsx::Stop::TooLarge(cells)) => Err(WorkbookError::TooLarge { file, cells, limit: max_cells }),
            Err(xlsx::Stop::Unsupported) => calamine_bridge::read(file, bytes, format, max_cells, on_rows),
        },
        FileFormat::Xls | FileFormat::Xlsb | FileFormat::Ods => {
            calamine_bridge::read(file, bytes, format, max_cells, on_rows)
        }
    }
}
