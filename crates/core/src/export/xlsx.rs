//! Tables as Excel workbooks and OpenDocument spreadsheets (the same cells in both): a bold
//! header row and text cells (so nothing a user typed can become a formula), with numbers only
//! where a column is declared numeric and dates as date cells.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;

use crate::write::ods::Spreadsheet;
use crate::write::package::Properties;
use crate::write::xlsx::{Cell, Style, Workbook, WriteError};

/// Why a workbook could not be produced.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExportError {
    /// The XLSX writer failed (for example, more rows than one sheet holds).
    Xlsx(String),
    /// The ODS writer failed (for example, a sheet name Excel would refuse).
    Ods(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Xlsx(detail) => {
                write!(f, "The Excel file could not be made ({detail}). Try the CSV download instead.")
            }
            Self::Ods(detail) => {
                write!(f, "The OpenDocument spreadsheet could not be made ({detail}). Try the CSV download instead.")
            }
        }
    }
}

impl std::error::Error for ExportError {}

/// Excel allows 1,048,576 rows; one is the header.
pub const MAX_ROWS: usize = 1_048_575;

/// A table's rows: built beforehand, or made one at a time as they are written, so a million
/// findings are never all held as text at once.
pub trait Rows {
    fn count(&self) -> usize;
    /// Row `i` (0-based, below the header), one text a column.
    fn row(&self, i: usize) -> Vec<Cow<'_, str>>;
}

impl Rows for Vec<Vec<String>> {
    fn count(&self) -> usize {
        self.len()
    }

    fn row(&self, i: usize) -> Vec<Cow<'_, str>> {
        self[i].iter().map(|c| Cow::Borrowed(c.as_str())).collect()
    }
}

/// One sheet: its name, header, rows, which columns hold numbers and which dates (written as
/// dd/mm/yyyy, as `calendar::uk_date` does), and column widths.
pub struct Table<'a> {
    pub sheet: &'a str,
    pub header: &'a [&'a str],
    pub rows: &'a dyn Rows,
    pub numeric_columns: &'a [usize],
    pub date_columns: &'a [usize],
    pub widths: &'a [f64],
}

/// A dd/mm/yyyy date, exactly as `calendar::uk_date` writes one.
fn uk_date(text: &str) -> Option<NaiveDate> {
    if text.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(text, "%d/%m/%Y").ok()
}

/// [`render_sheets`] or [`render_sheets_ods`]: the same tables, either format.
pub type RenderSheets = fn(&[&Table], Properties) -> Result<Vec<u8>, ExportError>;

/// One table as a workbook of one sheet.
pub fn render(table: &Table, properties: Properties) -> Result<Vec<u8>, ExportError> {
    render_sheets(&[table], properties)
}

/// Tables as a workbook, one sheet each: a frozen bold header row with an autofilter, printed
/// landscape one page wide with the header on every page, text wrapped (rows keep Excel's
/// automatic height, so wrapped text shows).
pub fn render_sheets(tables: &[&Table], properties: Properties) -> Result<Vec<u8>, ExportError> {
    let err = |e: WriteError| ExportError::Xlsx(e.to_string());
    let mut workbook = Workbook::new();
    workbook.set_properties(properties);
    for table in tables {
        write_sheet(&mut workbook, table).map_err(err)?;
    }
    workbook.finish().map_err(err)
}

fn write_sheet(workbook: &mut Workbook, table: &Table) -> Result<(), WriteError> {
    let mut sheet = workbook.add_sheet(table.sheet)?;
    sheet.freeze_top_row();
    sheet.header_row();
    sheet.landscape_fit_to_width();
    for (col, width) in table.widths.iter().enumerate() {
        sheet.set_column_width(col as u32, *width);
    }
    sheet.write_row(header_cells(table))?;
    for i in 0..table.rows.count().min(MAX_ROWS) {
        sheet.write_row(cells(table, &table.rows.row(i)))?;
    }
    Ok(())
}

/// The same tables as an OpenDocument spreadsheet: the header row repeats on printed pages and
/// carries an autofilter, printed landscape, dates as date cells.
pub fn render_sheets_ods(tables: &[&Table], properties: Properties) -> Result<Vec<u8>, ExportError> {
    let err = |e: WriteError| ExportError::Ods(e.to_string());
    let mut book = Spreadsheet::new(properties);
    for table in tables {
        book.add_sheet(table.sheet, table.widths, Some(header_cells(table).collect())).map_err(err)?;
        for i in 0..table.rows.count().min(MAX_ROWS) {
            book.write_row(cells(table, &table.rows.row(i))).map_err(err)?;
        }
    }
    book.finish().map_err(err)
}

fn header_cells<'a>(table: &'a Table) -> impl Iterator<Item = (Cell<'a>, Style)> {
    table.header.iter().map(|h| (Cell::Text(h), Style::BoldWrapTop))
}

/// A row's cells: dates in date columns, numbers in numeric columns, everything else text.
fn cells<'a>(table: &'a Table, row: &'a [Cow<'_, str>]) -> impl Iterator<Item = (Cell<'a>, Style)> {
    row.iter().enumerate().map(|(col, value)| {
        if table.date_columns.contains(&col)
            && let Some(date) = uk_date(value)
        {
            return (Cell::Date(date), Style::WrapTop);
        }
        match value.parse::<f64>() {
            // "NaN" and "inf" parse too, but are not numbers Excel can hold: they stay text.
            Ok(n) if n.is_finite() && table.numeric_columns.contains(&col) => (Cell::Number(n), Style::Plain),
            _ => (Cell::Text(value), Style::WrapTop),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{Cell as Read, ReadOptions, read_workbook};

    fn table_bytes(sheet: &str, rows: &Vec<Vec<String>>) -> Result<Vec<u8>, ExportError> {
        render(
            &Table {
                sheet,
                header: &["Name", "Count"],
                rows,
                numeric_columns: &[1],
                date_columns: &[],
                widths: &[30.0, 8.0],
            },
            Properties::default(),
        )
    }

    #[test]
    fn text_never_becomes_a_formula_and_numbers_only_in_numeric_columns() {
        let rows = vec![
            vec!["=1+1".to_string(), "3".to_string()],
            vec!["42".to_string(), "+7".to_string()],
            vec!["@cmd".to_string(), "NaN".to_string()],
            vec![String::new(), "-2.5".to_string()],
        ];
        let bytes = table_bytes("Things & stuff", &rows).unwrap();
        let wb = read_workbook("t.xlsx", &bytes, ReadOptions::default()).unwrap();
        let sheet = &wb.sheets[0];
        assert_eq!(sheet.name, "Things & stuff");
        let text = |t: &str| Read::Text(t.into());
        assert_eq!(sheet.rows()[0], [text("Name"), text("Count")]);
        assert_eq!(sheet.rows()[1], [text("=1+1"), Read::Number(3.0)]);
        assert_eq!(sheet.rows()[2], [text("42"), Read::Number(7.0)], "numbers only in the numeric column");
        assert_eq!(sheet.rows()[3], [text("@cmd"), text("NaN")]);
        assert_eq!(sheet.rows()[4], [Read::Empty, Read::Number(-2.5)]);
    }

    #[test]
    fn a_sheet_name_excel_refuses_is_a_plain_error() {
        let err = table_bytes("Q1/Q2", &vec![]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The Excel file could not be made (the sheet name “Q1/Q2” contains a character Excel does not allow in sheet names ([ ] : * ? / \\)). Try the CSV download instead."
        );
    }
}
