//! What a read produces, whatever the format: a [`Workbook`] of [`Sheet`]s of [`Cell`]s, and the
//! [`SheetBuilder`] every reader fills them through, so the cell cap is counted in one place.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::FileFormat;

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

/// A loaded file: its name as the user chose it, and its sheets in workbook order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    pub file_name: String,
    pub format: FileFormat,
    pub date_system: DateSystem,
    pub sheets: Vec<Sheet>,
}

/// Builds a [`Sheet`] cell by cell in any order, counting the cells it holds (blanks between
/// filled cells included) so a hostile file cannot make it allocate without bound.
pub(crate) struct SheetBuilder {
    columns: Vec<Vec<Cell>>,
    /// Cells held so far, this sheet's and those of the file's sheets read before it.
    pub(crate) n_cells: usize,
    max_cells: usize,
}

/// The builder would hold more than its cap.
pub(crate) struct TooManyCells;

impl SheetBuilder {
    /// `n_cells` counts the cells already read from other sheets of the same file.
    pub(crate) fn new(n_cells: usize, max_cells: usize) -> Self {
        SheetBuilder { columns: Vec::new(), n_cells, max_cells }
    }

    /// Puts a cell at (row, col). Checked before growing: a forged row number (A4000000000)
    /// would otherwise allocate billions of blanks.
    #[inline]
    pub(crate) fn put(&mut self, row: usize, col: usize, cell: Cell) -> Result<(), TooManyCells> {
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

    pub(crate) fn finish(mut self, name: impl Into<String>) -> Sheet {
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

/// How far a read has got, as reported to [`crate::ReadOptions::on_progress`]: a share of the
/// whole file (`done` of `total`, in the reader's own unit: bytes of sheet XML as the zip's
/// directory declares them, bytes of CSV, or for calamine's formats declared rows or sheets),
/// with the sheet being read (empty for CSV, which has none) and its rows so far. `done` never goes down and reaches `total` when
/// the file has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadProgress<'a> {
    pub sheet: &'a str,
    pub rows: usize,
    pub done: u64,
    pub total: u64,
}

impl ReadProgress<'_> {
    /// Whole per cent of the file read, 0 to 100.
    pub fn percent(&self) -> u64 {
        if self.total == 0 { 0 } else { (self.done.min(self.total) as u128 * 100 / self.total as u128) as u64 }
    }
}

/// A read's progress across its sheets: each reader says where a sheet starts and how far into it
/// it is, and this turns that into a share of the file that only grows (a file our xlsx reader
/// hands to calamine half read is not reported going backwards).
pub(crate) struct Tracker<'a> {
    on_progress: &'a mut dyn FnMut(&ReadProgress<'_>),
    sheet: String,
    /// Units of the sheets before this one, and this sheet's own.
    base: u64,
    size: u64,
    total: u64,
    /// The largest share reported so far, as (done, total), compared by cross-multiplying.
    shown: (u64, u64),
}

impl<'a> Tracker<'a> {
    pub(crate) fn new(on_progress: &'a mut dyn FnMut(&ReadProgress<'_>)) -> Self {
        Tracker { on_progress, sheet: String::new(), base: 0, size: 0, total: 1, shown: (0, 1) }
    }

    /// A new count over the whole file, in `total` units (a reader starting again from the top).
    pub(crate) fn start(&mut self, total: u64) {
        (self.base, self.size, self.total) = (0, 0, total.max(1));
    }

    /// The next sheet, `size` units of the total.
    pub(crate) fn sheet(&mut self, name: &str, size: u64) {
        self.base = self.base.saturating_add(self.size).min(self.total);
        self.size = size;
        name.clone_into(&mut self.sheet);
    }

    /// `into` units through the current sheet (capped at its size: a declared size may lie),
    /// with `rows` rows read.
    pub(crate) fn at(&mut self, into: u64, rows: usize) {
        let done = self.base.saturating_add(into.min(self.size)).min(self.total);
        self.report(done, rows);
    }

    /// The whole file read.
    pub(crate) fn finish(&mut self, rows: usize) {
        self.report(self.total, rows);
    }

    fn report(&mut self, done: u64, rows: usize) {
        let total = self.total;
        let (shown_done, shown_total) = self.shown;
        // done / total < shown_done / shown_total: behind what was already shown.
        if (done as u128) * (shown_total as u128) < (shown_done as u128) * (total as u128) {
            return;
        }
        self.shown = (done, total);
        (self.on_progress)(&ReadProgress { sheet: &self.sheet, rows, done, total: self.total });
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
    fn cell_text_formats_whole_numbers_without_decimals() {
        assert_eq!(Cell::Number(123456.0).as_text().unwrap(), "123456");
        assert_eq!(Cell::Number(12.5).as_text().unwrap(), "12.5");
        assert_eq!(Cell::Date(NaiveDate::from_ymd_opt(2020, 3, 4).unwrap()).as_text().unwrap(), "04/03/2020");
    }
}
