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
pub use sheet::{Cell, DateSystem, ReadProgress, Sheet, Workbook, format_number};

/// How to read a file. The default holds up to [`MAX_CELLS`] cells and reports no progress.
pub struct ReadOptions<'a> {
    max_cells: usize,
    on_progress: Option<&'a mut dyn FnMut(&ReadProgress<'_>)>,
}

impl Default for ReadOptions<'_> {
    fn default() -> Self {
        ReadOptions { max_cells: MAX_CELLS, on_progress: None }
    }
}

impl<'a> ReadOptions<'a> {
    /// The most cells to hold, all sheets together; more is [`WorkbookError::TooLarge`].
    pub fn max_cells(self, max_cells: usize) -> Self {
        ReadOptions { max_cells, ..self }
    }

    /// Called as reading goes through the file with how far it has got (about every 256 KB of a
    /// sheet's XML or of CSV; for calamine's formats every few thousand cells or each sheet), and
    /// once more at the end with the whole file read.
    pub fn on_progress(self, on_progress: &'a mut dyn FnMut(&ReadProgress<'_>)) -> Self {
        ReadOptions { on_progress: Some(on_progress), ..self }
    }
}

impl fmt::Debug for ReadOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReadOptions")
            .field("max_cells", &self.max_cells)
            .field("on_progress", &self.on_progress.is_some())
            .finish()
    }
}

/// Reads a spreadsheet (xlsx, xlsm, xlsb, xls, ods or csv) from its bytes.
///
/// The format is decided by the content first and the extension second, so a CSV renamed
/// `.xlsx` still loads and a PDF renamed `.xlsx` gets a message saying it is a PDF.
pub fn read_workbook(file_name: &str, bytes: &[u8], options: ReadOptions<'_>) -> Result<Workbook, WorkbookError> {
    let ReadOptions { max_cells, on_progress } = options;
    let mut no_progress = |_: &ReadProgress<'_>| {};
    let mut progress = sheet::Tracker::new(match on_progress {
        Some(on_progress) => on_progress,
        None => &mut no_progress,
    });
    let format = format::detect(file_name, bytes, max_cells)?;
    let file = file_name.to_string();
    let read = match format {
        FileFormat::Csv => csv::read(file_name, bytes, max_cells, &mut progress),
        FileFormat::Xlsx => match xlsx::read(&file, bytes, max_cells, &mut progress) {
            Ok(workbook) => Ok(workbook),
            Err(xlsx::Stop::TooLarge(cells)) => Err(WorkbookError::TooLarge { file, cells, limit: max_cells }),
            Err(xlsx::Stop::Unsupported) => calamine_bridge::read(file, bytes, format, max_cells, &mut progress),
        },
        FileFormat::Xls | FileFormat::Xlsb | FileFormat::Ods => {
            calamine_bridge::read(file, bytes, format, max_cells, &mut progress)
        }
    }?;
    let rows = read.sheets.last().map_or(0, Sheet::n_rows);
    progress.finish(rows);
    Ok(read)
}
